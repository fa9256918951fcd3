"""Duplicate and near-duplicate articles: the same story saved twice or syndicated under several URLs.

Duplicates are **flagged, never dropped**: :func:`flag_duplicates` adds
``duplicate_of`` (the id of the first article of the group, in corpus order;
empty for that first article and for articles without a duplicate) and
``duplicate_similarity`` (estimated Jaccard similarity of the two bodies).
An analysis that should count a syndicated story once filters on
``duplicate_of == ""``; one that studies syndication keeps them.

Method: each body becomes the set of its word 5-grams (lower case, ``\\w+``
tokens), summarised by a MinHash signature (Broder 1997) from the
``datasketch`` package; a locality-sensitive hashing index (``MinHashLSH``)
proposes candidate pairs, so the cost grows with the number of articles,
not with the number of pairs. An article joins the most similar earlier group
leader whose estimated Jaccard similarity reaches ``threshold`` (default
0.8: the same text with small edits such as a corrected day or credit line). Signatures are computed article by article (the parallel engine
does it on the workers) and the index is built once, on the driver.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache

import numpy as np
import pandas as pd

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def shingles(body: str, k: int = SHINGLE) -> set[bytes]:
    """The set of word ``k``-grams of a body (lower case), as bytes; one shingle for a shorter text."""
    words = _WORD.findall((body or "").lower())
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def body_signature(body: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """MinHash signature (``uint32`` array) of a body's shingles; ``None`` for an empty body."""
    return set_signature(shingles(body), num_perm)


@lru_cache(maxsize=4)
def _empty_minhash(num_perm: int):
    """An empty MinHash to copy: drawing its permutations costs more than hashing a page."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, hashfunc=zlib.crc32)  # CRC-32 of each shingle: fast, stable across processes


def set_signature(items, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """MinHash signature of a set of byte strings (``None`` for an empty set)."""
    if not items:
        return None
    m = _empty_minhash(num_perm).copy()
    m.update_batch(items)  # (a minimum: the order of the items does not matter)
    return np.asarray(m.hashvalues, dtype=np.uint32)  # datasketch's hash values fit in 32 bits


def similar_groups(signatures: list, *, threshold: float = 0.5, num_perm: int = NUM_PERM) -> list[int]:
    """Group items by MinHash similarity: for each, the index of its group's leader.

    Items are taken in order; each joins the most similar earlier leader
    (estimated Jaccard >= ``threshold``; ties to the earliest) or leads a new
    group. An item without a signature leads its own group.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    leaders: dict[int, np.ndarray] = {}
    out = []
    for i, sig in enumerate(signatures):
        if sig is None:
            out.append(i)
            continue
        best, _ = _join_or_lead(i, np.asarray(sig, dtype=np.uint64), lsh, leaders, threshold)
        out.append(i if best is None else best)
    return out


def _join_or_lead(i: int, sig: np.ndarray, lsh, leaders: dict, threshold: float) -> tuple[int | None, float]:
    """The most similar leader at or above ``threshold`` (ties: the earliest), or make ``i`` a leader."""
    best, best_sim = None, -1.0
    for j in sorted(lsh.query(_Sig(sig))):
        sim = _jaccard(sig, leaders[j])
        if sim >= threshold and sim > best_sim:
            best, best_sim = j, sim
    if best is None:
        leaders[i] = sig
        lsh.insert(i, _Sig(sig))
    return best, best_sim


def _exact_key(body: str) -> str:
    return hashlib.blake2b(" ".join(_WORD.findall((body or "").lower())).encode(), digest_size=16).hexdigest()


def duplicate_groups(ids: list[str], signatures: list, exact_keys: list[str] | None = None, *,
                     threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> pd.DataFrame:
    """Duplicate flags from precomputed signatures (one per id, ``None`` for an empty body).

    Articles are taken in corpus order. Each is compared, through the LSH
    index, with the *leaders* seen so far (the first article of each group);
    it joins the most similar leader whose estimated Jaccard similarity
    reaches ``threshold``, else it becomes a leader. Only leaders are indexed,
    so a story syndicated a thousand times costs a thousand queries, not a
    million comparisons. Identical bodies (same ``exact_keys``) join their
    first occurrence with similarity 1.0. Returns one row per id: ``id,
    duplicate_of, duplicate_similarity``.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    leaders: dict[int, np.ndarray] = {}
    leader_of: dict[int, int] = {}
    first_exact: dict[str, int] = {}
    rows = []
    for i, sig in enumerate(signatures):
        if sig is None:
            rows.append((ids[i], "", np.nan))
            continue
        sig = np.asarray(sig, dtype=np.uint64)
        key = exact_keys[i] if exact_keys is not None else None
        if key is not None and key in first_exact:
            first = first_exact[key]
            lead = leader_of.get(first, first)
            leader_of[i] = lead
            rows.append((ids[i], ids[lead], 1.0 if lead == first else round(_jaccard(sig, leaders[lead]), 3)))
            continue
        if key is not None:
            first_exact[key] = i
        best, best_sim = _join_or_lead(i, sig, lsh, leaders, threshold)
        if best is None:
            rows.append((ids[i], "", np.nan))
        else:
            leader_of[i] = best
            rows.append((ids[i], ids[best], round(best_sim, 3)))
    return pd.DataFrame(rows, columns=["id", "duplicate_of", "duplicate_similarity"])


class _Sig:
    """The minimal MinHash interface MinHashLSH needs (``hashvalues`` and ``len``)."""

    def __init__(self, hashvalues: np.ndarray):
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def flag_duplicates(articles: pd.DataFrame, *, threshold: float = THRESHOLD) -> pd.DataFrame:
    """The article table with ``duplicate_of`` and ``duplicate_similarity`` filled in (see module doc)."""
    articles = articles.copy()
    if articles.empty:
        articles["duplicate_of"] = pd.Series(dtype=object)
        articles["duplicate_similarity"] = pd.Series(dtype=float)
        return articles
    bodies = articles["body"].fillna("").tolist()
    flags = duplicate_groups(articles["id"].tolist(), [body_signature(b) for b in bodies],
                             [_exact_key(b) for b in bodies], threshold=threshold)
    articles["duplicate_of"] = flags["duplicate_of"].to_numpy()
    articles["duplicate_similarity"] = flags["duplicate_similarity"].to_numpy()
    return articles


def duplicates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The flagged articles only, for a reader: id, outlet, headline, duplicate_of, similarity."""
    cols = [c for c in ["id", "outlet", "headline", "duplicate_of", "duplicate_similarity"] if c in articles]
    dup = articles[articles["duplicate_of"].fillna("") != ""]
    return dup[cols].sort_values(["duplicate_of", "id"]).reset_index(drop=True)
