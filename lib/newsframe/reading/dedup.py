"""Duplicate and near-duplicate articles: the same story saved twice or syndicated under several URLs.

Duplicates are **flagged, never dropped**: :func:`flag_duplicates` adds
``duplicate_of`` (the id of the first article of the group, in corpus order;
empty for that first article and for articles without a duplicate) and
``duplicate_similarity`` (estimated Jaccard similarity of the two bodies).
An analysis that should count a syndicated story once filters on
``duplicate_of == ""``; one that studies syndication keeps them.

Method: each body becomes the set of its word 5-grams (lower case, ``\\w+``
tokens, hashed to 32 bits), summarised by a MinHash signature of 128 values
(Broder 1997; computed with NumPy, :func:`minhash`); the ``datasketch``
package's locality-sensitive hashing index (``MinHashLSH``)
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

from .line_rules import ascii_words

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[bytes]:
    """The lower-cased ``\\w+`` words of a text, UTF-8 encoded (what the hashes take); where all word
    characters are ASCII split with ``bytes.translate`` instead of the regular expression
    (:func:`newsframe.reading.clean.ascii_words`: the same words, faster)."""
    low = (text or "").lower()
    words = ascii_words(low)
    if words is not None:
        return words
    words = _WORD.findall(low)
    # (one encode for all words: a word never holds the NUL character)
    return "\x00".join(words).encode().split(b"\x00") if words else []


_SHINGLE_BASE = np.uint64(0x100000001B3)   # the FNV-1 64-bit prime, an odd multiplier
_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Distinct 32-bit hashes of the word ``k``-grams of a text (lower case, ``\\w+`` words), sorted.

    A text shorter than ``k`` words is one shingle; an empty text has none.
    Each word is hashed once (CRC-32, stable across processes and runs) and
    the hashes of ``k`` neighbouring words are combined as a polynomial, with
    NumPy, instead of building ``k``-word strings one by one.
    """
    return np.unique(_all_shingle_hashes(_words(text), k))


def _all_shingle_hashes(words: list[bytes], k: int = SHINGLE) -> np.ndarray:
    """The hash of every ``k``-gram in text order, repeats included (a MinHash needs no distinct set:
    the minimum of a repeated value is the same)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    k = min(k, len(words))
    n = len(words) - k + 1
    h = wh[:n].copy()
    for j in range(1, k):
        h = h * _SHINGLE_BASE + wh[j:j + n]   # (wraps around modulo 2**64)
    return (h ^ (h >> _SHIFT)) & _LOW32


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """``a`` (odd) and ``b`` of the hash functions ``h(x) = ((a x + b) mod 2**64) >> 32``, drawn once
    with a fixed seed: multiply-add-shift hashing (Dietzfelbinger 1996), universal for 32-bit keys and
    free of the divisions that a modulo-prime scheme costs."""
    rng = np.random.RandomState(1)
    a = rng.randint(0, 1 << 63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.randint(0, 1 << 63, size=num_perm, dtype=np.uint64)
    return a, b


def minhash(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """MinHash signature (``uint32`` array of ``num_perm`` values) of a set of 32-bit hashes; ``None`` if empty.

    Two sets agree on each value with probability (close to) their Jaccard
    similarity (Broder 1997). Written with NumPy here (``datasketch``, used for
    the LSH index, hashes item by item in Python); 256 items at a time (a block that stays in the
    processor cache: 10% faster than 2,048 at a time).
    """
    if len(hashes) == 0:
        return None
    a, b = _permutations(num_perm)
    out = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    x = np.asarray(hashes, dtype=np.uint64)
    for start in range(0, len(x), 256):
        values = x[start:start + 256, None] * a   # (wraps around modulo 2**64)
        values += b
        np.minimum(out, values.min(axis=0), out=out)
    # (the shift keeps order, so the minimum is shifted once, not every value)
    return (out >> _SHIFT).astype(np.uint32)


def text_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """MinHash signature of a text's word 5-grams (:func:`shingle_hashes`); ``None`` for a text without words."""
    return minhash(_all_shingle_hashes(_words(text)), num_perm)


def body_fingerprint(body: str, num_perm: int = NUM_PERM) -> tuple[np.ndarray | None, str]:
    """``(signature, exact key)`` of a body, from one pass over its words: the MinHash signature of
    its 5-grams and a hash of its word sequence (bodies equal but for case, spacing and punctuation
    share it)."""
    words = _words(body)
    return minhash(_all_shingle_hashes(words), num_perm), _exact_key_of_words(words)


def similar_groups(signatures: list, *, threshold: float = 0.5, num_perm: int = NUM_PERM) -> list[int]:
    """Group items by MinHash similarity: for each, the index of its group's leader.

    Items are taken in order; each joins the most similar earlier leader
    (estimated Jaccard >= ``threshold``; ties to the earliest) or leads a new
    group. An item without a signature leads its own group.
    """
    groups = SimilarGroups(threshold=threshold, num_perm=num_perm)
    return [groups.add(sig) for sig in signatures]


class SimilarGroups:
    """:func:`similar_groups` one item at a time, so that a driver can group the items of each
    partition as it arrives (in corpus order) instead of all at the end."""

    def __init__(self, *, threshold: float = 0.5, num_perm: int = NUM_PERM):
        self.leaders = _Leaders(threshold, num_perm)
        self.count = 0

    def add(self, sig) -> int:
        """The leader index of the next item (its own index when it leads a new group)."""
        i = self.count
        self.count += 1
        if sig is None:
            return i
        best, _ = self.leaders.join_or_lead(i, np.asarray(sig, dtype=np.uint64))
        return i if best is None else best


class _Leaders:
    """Group leaders (their signatures) in a MinHash LSH index."""

    def __init__(self, threshold: float, num_perm: int):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.signatures: dict[int, np.ndarray] = {}

    def join_or_lead(self, i: int, sig: np.ndarray) -> tuple[int | None, float]:
        """The most similar leader at or above the threshold (ties: the earliest), or make ``i`` a leader."""
        best, best_sim = None, -1.0
        for j in sorted(self.lsh.query(_Sig(sig))):
            sim = _jaccard(sig, self.signatures[j])
            if sim >= self.threshold and sim > best_sim:
                best, best_sim = j, sim
        if best is None:
            self.signatures[i] = sig
            self.lsh.insert(i, _Sig(sig))
        return best, best_sim


def _exact_key_of_words(words: list[bytes]) -> str:
    return hashlib.blake2b(b" ".join(words), digest_size=16).hexdigest()


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
    flags = DuplicateFlags(threshold=threshold, num_perm=num_perm)
    for i, sig in enumerate(signatures):
        flags.add(ids[i], sig, exact_keys[i] if exact_keys is not None else None)
    return flags.table()


class DuplicateFlags:
    """:func:`duplicate_groups` one article at a time (in corpus order), so that a driver can flag the
    articles of each partition as it arrives; :meth:`table` gives the same table."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        self.leaders = _Leaders(threshold, num_perm)
        self.leader_of: dict[int, int] = {}
        self.first_exact: dict[str, int] = {}
        self.ids: list[str] = []
        self.rows: list[tuple] = []

    def add(self, aid: str, sig, key: str | None = None) -> None:
        """Flag the next article: its id, body signature (``None`` if empty) and exact key."""
        i = len(self.ids)
        self.ids.append(aid)
        ids = self.ids
        if sig is None:
            self.rows.append((aid, "", np.nan))
            return
        sig = np.asarray(sig, dtype=np.uint64)
        if key is not None and key in self.first_exact:
            first = self.first_exact[key]
            lead = self.leader_of.get(first, first)
            self.leader_of[i] = lead
            self.rows.append((aid, ids[lead], 1.0 if lead == first else round(_jaccard(sig, self.leaders.signatures[lead]), 3)))
            return
        if key is not None:
            self.first_exact[key] = i
        best, best_sim = self.leaders.join_or_lead(i, sig)
        if best is None:
            self.rows.append((aid, "", np.nan))
        else:
            self.leader_of[i] = best
            self.rows.append((aid, ids[best], round(best_sim, 3)))

    def table(self) -> pd.DataFrame:
        """``id, duplicate_of, duplicate_similarity``, one row per article added."""
        return pd.DataFrame(self.rows, columns=["id", "duplicate_of", "duplicate_similarity"])


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
    prints = [body_fingerprint(b) for b in articles["body"].fillna("").tolist()]
    flags = duplicate_groups(articles["id"].tolist(), [p[0] for p in prints], [p[1] for p in prints],
                             threshold=threshold)
    articles["duplicate_of"] = flags["duplicate_of"].to_numpy()
    articles["duplicate_similarity"] = flags["duplicate_similarity"].to_numpy()
    return articles


def duplicates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The flagged articles only, for a reader: id, outlet, headline, duplicate_of, similarity."""
    cols = [c for c in ["id", "outlet", "headline", "duplicate_of", "duplicate_similarity"] if c in articles]
    dup = articles[articles["duplicate_of"].fillna("") != ""]
    return dup[cols].sort_values(["duplicate_of", "id"]).reset_index(drop=True)
