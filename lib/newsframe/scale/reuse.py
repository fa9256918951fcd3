"""Text reuse in a built corpus of any size, without holding its articles in memory.

:func:`newsframe.wording.align_sentences` keeps every sentence of a corpus in
Python lists and dictionaries: right for a class's fifty articles, too big for a
research project's hundred thousand. :func:`corpus_reuse` finds the same reused
sentences in a corpus written by ``python -m newsframe build`` (command line:
``python -m newsframe reuse CORPUS.parquet --out pairs.jsonl``), in four steps:

1. **Sentences and keys, one partition at a time.** Each articles part is split
   into sentences (:func:`newsframe.wording.article_sentences`); their words and
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
   sentences that share nothing else. Pairs are made run by run, vectorised;
   when they may exceed :data:`BUCKET_CODES` they go to bucket files by their
   first sentence and each bucket is counted alone.
3. **Verification.** Candidates are scored with the same word-level
   ``SequenceMatcher`` test (:func:`newsframe.wording.score_sentence_pair`),
   a block of partitions against each partition in turn, each loaded from
   the work folder.
4. **Matching.** The one-to-one matching with word diffs and the pair scores
   are :func:`newsframe.wording.aligned_table` and
   :func:`newsframe.wording.pair_scores`, run on slices of whole article pairs.

Steps 1, 3 and 4 run on ``jobs`` processes (all cores by default); step 2 in
the driver. The slices do not change the answer: a test checks that one and
two processes give the same tables.

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
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .. import wording

MAX_POSTINGS = 1000          # a key in more sentences than this makes no candidates, whatever the corpus size
PAIR_CHUNK = 1_000_000       # candidate pairs made at once from the postings (bounds the temporary arrays)
BLOCK_PARTITIONS = 8         # partitions held in memory on one side of the verification
BUCKET_CODES = 8_000_000     # sentence pairs counted at once (64 MiB of codes); more go through bucket files
_MULT = np.uint64(0x100000001B3)   # odd multiplier of the trigram polynomial hash (the FNV-1 64-bit prime)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def sentence_keys(sentences: list[dict], first: int, cache: dict | None = None):
    """Keys of sentences numbered from ``first``: ``(trigram_keys, trigram_sids, content_keys, content_sids)``.

    ``sentences`` are :func:`newsframe.wording.article_sentences` dicts; sentences
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
        for w in wording.content_set(words):
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


def pair_occurrences(keys: np.ndarray, max_df: int) -> int:
    """How many pairs :func:`posting_pairs` can yield at most (before leaving out same-article pairs)."""
    if len(keys) < 2:
        return 0
    lengths = np.diff(np.r_[np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]), len(keys)])
    lengths = lengths[(lengths >= 2) & (lengths <= max_df)].astype(np.int64)
    return int((lengths * (lengths - 1) // 2).sum())


def _counted(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct codes, sorted, and how many times each occurs."""
    return np.unique(codes, return_counts=True)


def candidate_pairs(trigrams, contents, article_of: np.ndarray, max_df: int, folder=None,
                    budget: int = BUCKET_CODES) -> np.ndarray:
    """Sorted codes of candidate sentence pairs: sharing a trigram, or two or more content words
    (the rule of :func:`newsframe.wording.reuse.align_sentences`).

    Counting shared content words needs every pair that shares one, which can be far more than
    the candidates. When there may be more than ``budget`` such pairs and a ``folder`` is given,
    the pairs are first written to bucket files by the range of their first sentence, then each
    bucket is counted alone: memory holds one bucket, not all pairs.
    """
    n = len(article_of)
    total = pair_occurrences(trigrams[0], max_df) + pair_occurrences(contents[0], max_df)
    buckets = 1 if folder is None else max(1, -(-2 * total // budget))   # (twice the even share: slack)
    if buckets == 1:
        by_trigram = np.unique(np.concatenate([np.zeros(0, dtype=np.int64),
                                               *posting_pairs(*trigrams, article_of, max_df)]))
        by_words, shared = _counted(np.concatenate([np.zeros(0, dtype=np.int64),
                                                    *posting_pairs(*contents, article_of, max_df)]))
        return np.union1d(by_trigram, by_words[shared >= 2])
    span = -(-n // buckets)   # first sentences per bucket
    names = {kind: [Path(folder) / f"pairs-{kind}-{b:05d}.bin" for b in range(buckets)] for kind in ("g", "w")}
    for kind, (keys, sids) in (("g", trigrams), ("w", contents)):
        handles = [open(f, "wb") for f in names[kind]]
        try:
            for chunk in posting_pairs(keys, sids, article_of, max_df):
                owner = chunk // n // span
                order = np.argsort(owner, kind="stable")
                chunk, owner = chunk[order], owner[order]
                edges = np.searchsorted(owner, np.arange(buckets + 1))
                for b in np.flatnonzero(np.diff(edges)):
                    chunk[edges[b]:edges[b + 1]].tofile(handles[b])
        finally:
            for h in handles:
                h.close()
    out = []
    for g_file, w_file in zip(names["g"], names["w"]):
        by_trigram = np.unique(np.fromfile(g_file, dtype=np.int64))
        by_words, shared = _counted(np.fromfile(w_file, dtype=np.int64))
        out.append(np.union1d(by_trigram, by_words[shared >= 2]))
        g_file.unlink()
        w_file.unlink()
    return np.concatenate(out)


class _Sentences:
    """The sentences of a built corpus's partitions, kept in a work folder and loaded a few at a time."""

    def __init__(self, folder, keep: int = BLOCK_PARTITIONS + 1):
        self.folder, self.keep, self.loaded, self.loads = Path(folder), keep, {}, 0

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
                rows = [(r, wording.content_set(r[4]), Counter(r[4])) for r in pickle.load(fh)]
            self.loads += 1
        self.loaded[part] = rows   # (re)inserted last: the most recently used
        return rows


_WORD_HASHES: dict[str, int] = {}   # per process, across partitions
_WORD_HASHES_MAX = 2_000_000


def sentence_pass(part: int, file, copies: frozenset, folder) -> dict:
    """Step 1 for one articles part: split its articles (other than ``copies``) into sentences, keep
    them in ``folder``, and return the keys (sentences numbered from 0 within the part), each
    sentence's article (numbered from 0 within the part), the article ids, outlets and sentence counts."""
    if len(_WORD_HASHES) > _WORD_HASHES_MAX:
        _WORD_HASHES.clear()
    articles = pd.read_parquet(file, columns=["id", "outlet", "body"])
    articles = articles[~articles["id"].isin(copies)]
    sentences = wording.article_sentences(articles)
    ids, outlets = [], {}
    for aid, outlet, _ in wording.articles_iter(articles):
        ids.append(aid)
        outlets[aid] = outlet
    index_of = {aid: n for n, aid in enumerate(ids)}
    counts = Counter(dict.fromkeys(ids, 0))   # (articles without sentences count 0)
    counts.update(wording.sentence_counts(sentences))
    _Sentences(folder).save(part, sentences)
    return {"ids": ids, "outlets": outlets, "counts": counts,
            "article_of": np.fromiter((index_of[s["id"]] for s in sentences), dtype=np.int64, count=len(sentences)),
            "keys": sentence_keys(sentences, 0, _WORD_HASHES)}


def verify_pairs(folder, starts: np.ndarray, i_all: np.ndarray, j_all: np.ndarray, min_kind: str):
    """Step 3 for a slice of candidate pairs (sentence numbers ``i < j``, sorted by block of the ``i``
    partition, then ``j`` partition): the scored reuse candidates ``(similarity, dice, i, j, kind)`` and
    the sentences they need (``{number: {id, outlet, sent_no, text}}``)."""
    store = _Sentences(folder)
    cands, kept = [], {}
    part_i = np.searchsorted(starts, i_all, side="right") - 1
    part_j = np.searchsorted(starts, j_all, side="right") - 1
    block = part_i // BLOCK_PARTITIONS
    bounds = np.flatnonzero(np.r_[True, (block[1:] != block[:-1]) | (part_j[1:] != part_j[:-1]), True])
    first = starts.tolist()
    score = wording.score_sentence_pair
    for g0, g1 in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        # one partition of the j side against the partitions of the block it meets
        pj = int(part_j[g0])
        sides = {pi: store.part(pi) for pi in np.unique(part_i[g0:g1]).tolist()}
        rows_j, first_j = store.part(pj), first[pj]
        for i, j, pi in zip(i_all[g0:g1].tolist(), j_all[g0:g1].tolist(), part_i[g0:g1].tolist()):
            (ra, ca, na), (rb, cb, nb) = sides[pi][i - first[pi]], rows_j[j - first_j]
            scored = score(ra[4], rb[4], ca, cb, min_kind, na, nb)
            if scored is None:
                continue
            cands.append((scored[0], scored[1], i, j, scored[2]))
            for sid, r in ((i, ra), (j, rb)):
                if sid not in kept:
                    kept[sid] = {"id": r[0], "outlet": r[1], "sent_no": r[2], "text": r[3]}
    return cands, kept, store.loads


def align_pairs(cands: list[tuple], sentences: dict) -> pd.DataFrame:
    """Step 4 for the candidates of some article pairs: :func:`newsframe.wording.aligned_table`."""
    return wording.aligned_table(cands, sentences.__getitem__)


def _slices(n: int, cuts: np.ndarray, tasks: int) -> list[tuple[int, int]]:
    """``tasks`` or fewer contiguous ranges of ``range(n)`` of similar size, cut only at ``cuts``
    (sorted positions where a group starts, 0 included)."""
    if n == 0:
        return []
    targets = np.linspace(0, n, tasks + 1)[1:-1]
    inner = np.unique(cuts[np.clip(np.searchsorted(cuts, targets), 0, len(cuts) - 1)])
    edges = [0] + [int(c) for c in inner if 0 < c < n] + [n]
    return list(zip(edges[:-1], edges[1:]))


def corpus_reuse(path, *, threshold: float | None = None, min_kind: str = "paraphrase",
                 include_duplicates: bool = False, jobs: int | None = None, work_dir=None,
                 progress: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reused sentences and article pairs of a built corpus: ``(pairs, aligned)``.

    ``pairs`` is :func:`newsframe.wording.reuse_pairs`'s table (pairs at or
    above ``threshold``), ``aligned`` :func:`newsframe.wording.align_sentences`'s.
    ``aligned.attrs["stats"]`` counts articles, sentences, keys, candidate and
    verified pairs and the articles left out as duplicates, with the seconds
    of each step and the driver's peak memory after it. ``jobs``: worker
    processes for the sentence, verification and alignment steps (default all
    cores; 1 runs everything in this process; the result is the same).
    ``work_dir``: where the sentences are kept meanwhile (a temporary folder
    by default, removed after). ``progress``: progress bars on stderr.
    """
    from .engine import is_built_corpus

    path = Path(path)
    if not is_built_corpus(path):
        raise ValueError(f"{path}: not a corpus written by `python -m newsframe build`")
    parts = sorted((path / "articles").glob("part-*.parquet"))
    dups = pd.read_parquet(path / "duplicates.parquet")
    copies = frozenset() if include_duplicates else frozenset(dups.loc[dups["duplicate_of"].fillna("") != "", "id"])
    own_tmp = work_dir is None
    folder = Path(tempfile.mkdtemp(prefix="newsframe-reuse-") if own_tmp else work_dir)
    folder.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    pool = None
    if jobs > 1:
        from .engine import process_pool

        pool = process_pool(jobs)
    try:
        return _corpus_reuse(parts, copies, folder, threshold, min_kind, pool, jobs, progress)
    finally:
        if pool is not None:
            pool.shutdown()
        if own_tmp:
            shutil.rmtree(folder, ignore_errors=True)


def _corpus_reuse(parts, copies, folder: Path, threshold, min_kind, pool, jobs: int, progress: bool):
    from .engine import run_local

    clock = time.perf_counter()
    seconds, peak = {}, {}

    def lap(name):
        seconds[name] = round(time.perf_counter() - clock - sum(seconds.values()), 2)
        peak[name] = _peak_mib()

    # 1. sentences and keys, partition by partition
    results = run_local(sentence_pass, [(p, f, copies, folder) for p, f in enumerate(parts)], pool, progress,
                         "sentences")
    starts, article_of, outlets, counts = [], [], {}, Counter()
    keys = {"trigrams": ([], []), "contents": ([], [])}
    first = n_articles = 0
    for r in results:
        starts.append(first)
        article_of.append(r["article_of"] + n_articles)
        outlets.update(r["outlets"])
        counts.update(r["counts"])
        gk, gs, ck, cs = r["keys"]
        for name, (k, sids) in (("trigrams", (gk, gs)), ("contents", (ck, cs))):
            keys[name][0].append(k)
            keys[name][1].append(sids + first)
        first += len(r["article_of"])
        n_articles += len(r["ids"])
    del results
    starts = np.asarray(starts if starts else [0])
    article_of = np.concatenate(article_of) if article_of else np.zeros(0, dtype=np.int64)
    n = len(article_of)
    lap("sentences and keys")
    # 2. postings -> candidate pairs
    max_df = min(max(wording.MAX_POSTING, n // 100), MAX_POSTINGS)
    merged = {name: _distinct(np.concatenate(k) if k else np.zeros(0, dtype=np.uint64),
                              np.concatenate(sids) if sids else np.zeros(0, dtype=np.int64))
              for name, (k, sids) in keys.items()}
    del keys
    n_keys = sum(len(k) for k, _ in merged.values())
    codes = candidate_pairs(merged["trigrams"], merged["contents"], article_of, max_df, folder)
    del merged
    lap("postings")
    # 3. verification, sorted by (block of i partitions, j partition) so that a worker loads few partitions
    i_all, j_all = codes // max(n, 1), codes % max(n, 1)
    part_i = np.searchsorted(starts, i_all, side="right") - 1
    part_j = np.searchsorted(starts, j_all, side="right") - 1
    order = np.lexsort((j_all, i_all, part_j, part_i // BLOCK_PARTITIONS))
    i_all, j_all = i_all[order], j_all[order]
    # (slices of equal size: a slice may split a group, whose partitions both workers then load)
    cuts = np.arange(len(codes))
    calls = [(folder, starts, i_all[a:b], j_all[a:b], min_kind) for a, b in _slices(len(codes), cuts, jobs * 4)]
    del codes, order, part_i, part_j, cuts
    cands, kept, loads = [], {}, 0
    for c, k, lo in run_local(verify_pairs, calls, pool, progress, "verification"):
        cands += c
        kept.update(k)
        loads += lo
    del calls
    lap("verification")
    # 4. one-to-one matching and word diffs, in slices of whole article pairs
    pair_of = [(kept[c[2]]["id"], kept[c[3]]["id"]) for c in cands]
    pair_of = [(a, b) if a < b else (b, a) for a, b in pair_of]
    order = sorted(range(len(cands)), key=pair_of.__getitem__)
    cands = [cands[k] for k in order]
    firsts = np.array([k for k in range(len(order)) if k == 0 or pair_of[order[k]] != pair_of[order[k - 1]]],
                      dtype=np.int64)
    del pair_of, order
    calls = []
    for a, b in _slices(len(cands), firsts, jobs * 4):
        part = cands[a:b]
        calls.append((part, {sid: kept[sid] for c in part for sid in (c[2], c[3])}))
    tables = run_local(align_pairs, calls, pool, progress, "alignment")
    aligned = wording.aligned_table([], kept.__getitem__) if not tables else (
        pd.concat(tables, ignore_index=True).sort_values(["a", "b", "sent_a"]).reset_index(drop=True))
    lap("alignment and diffs")
    aligned.attrs["sentence_counts"] = dict(counts)
    aligned.attrs["stats"] = {"articles": n_articles, "duplicates_left_out": len(copies), "sentences": n,
                              "keys": n_keys, "max_postings": max_df, "candidate_pairs": len(i_all),
                              "reuse_sentence_pairs": len(cands), "aligned_pairs": len(aligned),
                              "partition_loads": loads, "jobs": jobs, "seconds": seconds, "peak_mib": peak}
    return wording.pair_scores(aligned, counts, outlets, threshold=threshold), aligned


def _peak_mib() -> int | None:
    """Peak resident memory of this process so far, MiB; None where the
    ``resource`` module is missing (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / 2**20 if sys.platform == "darwin" else peak / 1024)   # (macOS reports bytes)
