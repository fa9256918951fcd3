"""Text reuse in a built corpus of any size, without holding its articles in memory.

:func:`newsframe.wording.align_sentences` keeps every sentence of a corpus in
Python lists and dictionaries: right for a class's fifty articles, too big for a
research project's hundred thousand. :func:`corpus_reuse` finds the same reused
sentences in a corpus written by ``python -m newsframe build`` (command line:
``python -m newsframe reuse CORPUS.parquet --out pairs.jsonl``), in three steps:

1. **Sentences and keys, one partition at a time.** Each articles part is split
   into sentences (:func:`newsframe.wording._body_sentences`); their words and
   content words are written to a work folder, and every sentence of
   :data:`~newsframe.wording.MIN_SENTENCE_WORDS` words or more contributes
   64-bit hashes of its word trigrams and of its content words, with the
   sentence's number in the corpus.
2. **Postings.** The keys of all partitions are sorted with NumPy: 16 bytes per
   distinct (key, sentence) pair, which grows with the text of the corpus, not
   with articles x vocabulary. A key shared by two sentences of different
   articles makes them candidates (a trigram at once, content words when two
   or more are shared), unless it is in more sentences than the cap of
   :func:`newsframe.wording.align_sentences` (:data:`~newsframe.wording.MAX_POSTING`
   or 1 % of the sentences), itself capped at :data:`MAX_POSTINGS`: a key in
   thousands of sentences ("the prime minister") would pair millions of
   sentences that share nothing else. Pairs are made run by run, vectorised.
3. **Verification.** Candidates are scored with the same word-level
   ``SequenceMatcher`` test (:func:`newsframe.wording.score_sentence_pair`),
   a block of partitions against each partition in turn, each loaded from
   the work folder; the one-to-one matching and the pair scores are
   :func:`newsframe.wording.aligned_table` and :func:`newsframe.wording.pair_scores`.

On the same articles the result equals :func:`newsframe.wording.reuse_pairs`
(a test checks it) as long as 1 % of the sentences is below
:data:`MAX_POSTINGS` (about 4,000 articles); larger corpora drop the
commonest keys sooner. Hash collisions of 64-bit keys could add a candidate
pair, which is then verified like any other.

Duplicates: articles the build flagged as near-copies of an earlier one
(``duplicate_of`` set) are left out by default: a syndicated story saved
under ten URLs would otherwise make 45 pairs that say only what
``duplicates.parquet`` already says. ``include_duplicates=True`` keeps them.

Why hand-written: the sentence aligner is :mod:`newsframe.wording`'s; what is
new here is an external posting index of hashed keys, a few NumPy sorts, for
which no offline package fits (``datasketch``'s LSH, used for duplicates,
answers "which documents are similar overall", not "which sentences share a
trigram").
"""
from __future__ import annotations

import hashlib
import pickle
import resource
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from . import wording

MAX_POSTINGS = 1000          # a key in more sentences than this makes no candidates, whatever the corpus size
PAIR_CHUNK = 1_000_000       # candidate pairs made at once from the postings (bounds the temporary arrays)
BLOCK_PARTITIONS = 8         # partitions held in memory on one side of the verification
_MULT = np.uint64(0x100000001B3)   # odd multiplier of the trigram polynomial hash (the FNV-1 64-bit prime)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def sentence_keys(sentences: list[dict], first: int, cache: dict | None = None):
    """Keys of sentences numbered from ``first``: ``(trigram_keys, trigram_sids, content_keys, content_sids)``.

    ``sentences`` are :func:`newsframe.wording._body_sentences` dicts; sentences
    shorter than :data:`~newsframe.wording.MIN_SENTENCE_WORDS` words have no keys.
    Each key is a 64-bit hash (a word's BLAKE2b hash; a trigram's is a
    polynomial of its words' hashes), listed once per sentence. ``cache`` maps
    words to hashes across calls.
    """
    cache = {} if cache is None else cache
    n = wording.NGRAM
    word_hashes, word_sids, ckeys, csids = [], [], [], []
    for k, s in enumerate(sentences):
        words = s["words"]
        if len(words) < wording.MIN_SENTENCE_WORDS:
            continue
        hs = [cache[w] if w in cache else cache.setdefault(w, _word_hash(w)) for w in words]
        word_hashes.append(hs)
        word_sids.append(first + k)
        for w in wording._content(words):
            ckeys.append(cache[w])
            csids.append(first + k)
    gkeys, gsids = _trigram_keys(word_hashes, word_sids, n)
    return (*_distinct(gkeys, gsids), *_distinct(np.array(ckeys, dtype=np.uint64), np.array(csids, dtype=np.int64)))


def _trigram_keys(word_hashes: list[list[int]], sids: list[int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Polynomial hashes of every ``n`` consecutive words inside each sentence, with its number."""
    if not word_hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    lengths = np.array([len(h) for h in word_hashes])
    flat = np.fromiter((h for hs in word_hashes for h in hs), dtype=np.uint64, count=int(lengths.sum()))
    owner = np.repeat(np.asarray(sids, dtype=np.int64), lengths)
    m = len(flat) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    keys = flat[:m].copy()
    for j in range(1, n):
        keys = keys * _MULT + flat[j:j + m]   # (wraps around modulo 2**64)
    inside = owner[:m] == owner[n - 1:n - 1 + m]   # the n words belong to one sentence
    return keys[inside], owner[:m][inside]


def _distinct(keys: np.ndarray, sids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(key, sentence) pairs sorted by key then sentence, each once."""
    if len(keys) == 0:
        return keys, sids
    order = np.lexsort((sids, keys))
    keys, sids = keys[order], sids[order]
    keep = np.ones(len(keys), dtype=bool)
    keep[1:] = (keys[1:] != keys[:-1]) | (sids[1:] != sids[:-1])
    return keys[keep], sids[keep]


def posting_pairs(keys: np.ndarray, sids: np.ndarray, article_of: np.ndarray, max_df: int):
    """Yield arrays of pair codes ``i * N + j`` (``i < j``, ``N = len(article_of)``) of sentences of
    different articles that share a key held by 2 to ``max_df`` sentences; ``keys``/``sids`` sorted as
    :func:`_distinct` leaves them. A pair sharing several keys is yielded once per key."""
    if len(keys) < 2:
        return
    n_total = np.int64(len(article_of))
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    lengths = np.diff(np.r_[starts, len(keys)])
    ok = (lengths >= 2) & (lengths <= max_df)
    starts, lengths = starts[ok], lengths[ok]
    for k in np.unique(lengths):
        rows = starts[lengths == k]
        a, b = np.triu_indices(int(k), 1)
        step = max(1, PAIR_CHUNK // len(a))
        for c in range(0, len(rows), step):
            base = rows[c:c + step, None]
            i, j = sids[(base + a).ravel()], sids[(base + b).ravel()]
            other = article_of[i] != article_of[j]
            yield i[other] * n_total + j[other]


def _count_codes(chunks) -> tuple[np.ndarray, np.ndarray]:
    """Distinct codes and how many times each was seen, folding the chunks as they come."""
    codes, counts = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pending, size = [], 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size > PAIR_CHUNK * 4:
            codes, counts = _fold(codes, counts, pending)
            pending, size = [], 0
    return _fold(codes, counts, pending)


def _fold(codes, counts, pending):
    if not pending:
        return codes, counts
    new = np.concatenate(pending)
    all_codes = np.concatenate([codes, new])
    all_counts = np.concatenate([counts, np.ones(len(new), dtype=np.int64)])
    order = np.argsort(all_codes, kind="stable")
    all_codes, all_counts = all_codes[order], all_counts[order]
    first = np.flatnonzero(np.r_[True, all_codes[1:] != all_codes[:-1]])
    return all_codes[first], np.add.reduceat(all_counts, first) if len(first) else all_counts


def candidate_pairs(trigrams, contents, article_of: np.ndarray, max_df: int) -> np.ndarray:
    """Sorted codes of candidate sentence pairs: sharing a trigram, or two or more content words
    (the rule of :func:`newsframe.wording._candidate_pairs`)."""
    by_trigram, _ = _count_codes(posting_pairs(*trigrams, article_of, max_df))
    by_words, shared = _count_codes(posting_pairs(*contents, article_of, max_df))
    return np.union1d(by_trigram, by_words[shared >= 2])


class _Sentences:
    """The sentences of a built corpus's partitions, kept in a work folder and loaded a few at a time."""

    def __init__(self, folder: Path, starts: list[int], keep: int):
        self.folder, self.starts, self.keep, self.loaded, self.loads = folder, np.asarray(starts), keep, {}, 0

    def save(self, part: int, sentences: list[dict]) -> None:
        rows = [(s["id"], s["outlet"], s["sent_no"], s["text"], s["words"]) for s in sentences]
        with open(self.folder / f"sentences-{part:05d}.pkl", "wb") as fh:
            pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)

    def part(self, part: int) -> list[tuple]:
        rows = self.loaded.pop(part, None)
        if rows is None:
            if len(self.loaded) >= self.keep:
                self.loaded.pop(next(iter(self.loaded)))   # the least recently used
            with open(self.folder / f"sentences-{part:05d}.pkl", "rb") as fh:
                rows = [(r, wording._content(r[4])) for r in pickle.load(fh)]
            self.loads += 1
        self.loaded[part] = rows   # (re)inserted last: the most recently used
        return rows



def corpus_reuse(path, *, threshold: float | None = None, min_kind: str = "paraphrase",
                 include_duplicates: bool = False, work_dir=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reused sentences and article pairs of a built corpus: ``(pairs, aligned)``.

    ``pairs`` is :func:`newsframe.wording.reuse_pairs`'s table (pairs at or
    above ``threshold``), ``aligned`` :func:`newsframe.wording.align_sentences`'s.
    ``aligned.attrs["stats"]`` counts articles, sentences, keys, candidate and
    verified pairs and the articles left out as duplicates, with the seconds
    and the peak memory of the process after each step. ``work_dir``: where
    the sentences are kept meanwhile (a temporary folder by default, removed after).
    """
    from .engine import is_built_corpus

    path = Path(path)
    if not is_built_corpus(path):
        raise ValueError(f"{path}: not a corpus written by `python -m newsframe build`")
    parts = sorted((path / "articles").glob("part-*.parquet"))
    dups = pd.read_parquet(path / "duplicates.parquet")
    copies = set() if include_duplicates else set(dups.loc[dups["duplicate_of"].fillna("") != "", "id"])
    own_tmp = work_dir is None
    folder = Path(tempfile.mkdtemp(prefix="newsframe-reuse-") if own_tmp else work_dir)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _corpus_reuse(parts, copies, folder, threshold, min_kind)
    finally:
        if own_tmp:
            shutil.rmtree(folder, ignore_errors=True)


def _corpus_reuse(parts, copies, folder: Path, threshold, min_kind):
    starts, article_of, outlets, counts = [], [], {}, Counter()
    keys = {"trigrams": ([], []), "contents": ([], [])}
    store = _Sentences(folder, starts, keep=BLOCK_PARTITIONS + 1)
    cache: dict[str, int] = {}
    first = n_articles = 0
    clock = time.perf_counter()
    seconds = {}
    for p, f in enumerate(parts):
        articles = pd.read_parquet(f, columns=["id", "outlet", "body"])
        articles = articles[~articles["id"].isin(copies)]
        n_articles += len(articles)
        sentences = wording._body_sentences(articles)
        for aid, outlet, _ in wording._articles_iter(articles):
            outlets[aid] = outlet
            counts[aid] += 0
        index_of = {aid: n for n, aid in enumerate(articles["id"], start=n_articles - len(articles))}
        article_of.append(np.fromiter((index_of[s["id"]] for s in sentences), dtype=np.int64, count=len(sentences)))
        for s in sentences:
            counts[s["id"]] += len(s["words"]) >= wording.MIN_SENTENCE_WORDS
        gk, gs, ck, cs = sentence_keys(sentences, first, cache)
        for name, (k, s) in (("trigrams", (gk, gs)), ("contents", (ck, cs))):
            keys[name][0].append(k)
            keys[name][1].append(s)
        store.save(p, sentences)
        starts.append(first)
        first += len(sentences)
    store.starts = np.asarray(starts if starts else [0])
    seconds["sentences and keys"] = time.perf_counter() - clock
    peak = {"sentences and keys": _peak_mib()}
    article_of = np.concatenate(article_of) if article_of else np.zeros(0, dtype=np.int64)
    n = len(article_of)
    max_df = min(max(wording.MAX_POSTING, n // 100), MAX_POSTINGS)
    merged = {name: _distinct(np.concatenate(k) if k else np.zeros(0, dtype=np.uint64),
                              np.concatenate(s) if s else np.zeros(0, dtype=np.int64))
              for name, (k, s) in keys.items()}
    n_keys = sum(len(k) for k, _ in merged.values())
    codes = candidate_pairs(merged["trigrams"], merged["contents"], article_of, max_df)
    del merged, keys
    seconds["postings"] = time.perf_counter() - clock - sum(seconds.values())
    peak["postings"] = _peak_mib()
    cands, kept = _verify(codes, n, store, min_kind)
    seconds["verification"] = time.perf_counter() - clock - sum(seconds.values())
    peak["verification"] = _peak_mib()
    aligned = wording.aligned_table(cands, kept.__getitem__)
    seconds["alignment and diffs"] = time.perf_counter() - clock - sum(seconds.values())
    peak["alignment and diffs"] = _peak_mib()
    aligned.attrs["sentence_counts"] = dict(counts)
    aligned.attrs["stats"] = {"articles": n_articles, "duplicates_left_out": len(copies), "sentences": n,
                              "keys": n_keys, "max_postings": max_df, "candidate_pairs": len(codes),
                              "reuse_sentence_pairs": len(cands), "aligned_pairs": len(aligned),
                              "partition_loads": store.loads,
                              "seconds": {k: round(v, 2) for k, v in seconds.items()},
                              "peak_mib": peak}
    return wording.pair_scores(aligned, counts, outlets, threshold=threshold), aligned


def _peak_mib() -> int:
    """Peak resident memory of this process so far, MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _verify(codes: np.ndarray, n: int, store: _Sentences, min_kind: str):
    """Score the candidate pairs, a block of partitions (the ``i`` side) against each partition of the
    ``j`` side; return the scored candidates and the sentence dicts they need."""
    cands, kept = [], {}
    if not len(codes):
        return cands, kept
    i_all, j_all = codes // n, codes % n
    part_i = np.searchsorted(store.starts, i_all, side="right") - 1
    part_j = np.searchsorted(store.starts, j_all, side="right") - 1
    block = part_i // BLOCK_PARTITIONS
    order = np.lexsort((j_all, i_all, part_j, block))
    i_all, j_all, part_i, part_j, block = (x[order] for x in (i_all, j_all, part_i, part_j, block))
    bounds = np.flatnonzero(np.r_[True, (block[1:] != block[:-1]) | (part_j[1:] != part_j[:-1]), True])
    starts = store.starts.tolist()
    score = wording.score_sentence_pair
    for g0, g1 in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        # one partition of the j side against the partitions of the block it meets
        pj = int(part_j[g0])
        sides = {pi: store.part(pi) for pi in np.unique(part_i[g0:g1]).tolist()}
        rows_j, first_j = store.part(pj), starts[pj]
        for i, j, pi in zip(i_all[g0:g1].tolist(), j_all[g0:g1].tolist(), part_i[g0:g1].tolist()):
            (ra, ca), (rb, cb) = sides[pi][i - starts[pi]], rows_j[j - first_j]
            scored = score(ra[4], rb[4], ca, cb, min_kind)
            if scored is None:
                continue
            cands.append((scored[0], scored[1], i, j, scored[2]))
            for sid, r in ((i, ra), (j, rb)):
                if sid not in kept:
                    kept[sid] = {"id": r[0], "outlet": r[1], "sent_no": r[2], "text": r[3]}
    return cands, kept
    i_all, j_all = codes // n, codes % n
    part_i = np.searchsorted(store.starts, i_all, side="right") - 1
    part_j = np.searchsorted(store.starts, j_all, side="right") - 1
    block = part_i // BLOCK_PARTITIONS
    order = np.lexsort((j_all, i_all, part_j, block))
    for at in order:
        i, j, pi, pj = int(i_all[at]), int(j_all[at]), int(part_i[at]), int(part_j[at])
        (ra, ca), (rb, cb) = store.get(pi, i), store.get(pj, j)
        scored = wording.score_sentence_pair(ra[4], rb[4], ca, cb, min_kind)
        if scored is None:
            continue
        cands.append((scored[0], scored[1], i, j, scored[2]))
        for sid, r in ((i, ra), (j, rb)):
            if sid not in kept:
                kept[sid] = {"id": r[0], "outlet": r[1], "sent_no": r[2], "text": r[3]}
    return cands, kept
