"""Build a corpus of any size into Parquet, on all cores or on a Dask cluster.

``python -m newsframe build INPUT... --out corpus.parquet [--jobs N] [--engine local|dask]``
runs the per-article functions of :mod:`newsframe.reading.corpus` (clean, metadata)
over the inputs and writes a folder::

    corpus.parquet/
        _newsframe.json          what was built, from what, with which settings
        articles/part-00000.parquet ...   the article table (one part per partition)
        lines/part-00000.parquet ...      the line audit (every input line, label, reason)
        duplicates.parquet       id, duplicate_of, duplicate_similarity for every article
        term_counts/part-00000.parquet ... outlet, term, count, articles (per partition)
        timexes/, attributions/, frame_cues/   with ``--analyses``: per-article analysis tables

``newsframe.load_corpus("corpus.parquet")`` reads it back (the notebooks take
such a folder as ``corpus_dir``).

How it works. The inputs are cut into partitions of ``partition_size``
documents in input order, so that every engine sees the same partitions.

1. *Template pass*: each partition is read and decoded once; for every page
   the hashes of its (outlet, normalised line) pairs and a MinHash signature
   of its long lines are collected. The driver groups pages telling the same
   story (partition by partition, in corpus order, as the results come in,
   so that it works while the workers do), counts each line once per group
   (a sort of 64-bit hashes: 8 bytes per distinct page line, not the text)
   and keeps those seen in two or more groups: the templates of each site,
   the same evidence :func:`newsframe.load_corpus` uses. Before counting, pages whose outlet was
   guessed from the page (no manifest or input metadata names it) agree on it across their site,
   as in ``load_corpus`` (:func:`newsframe.scale.templates.agree_on_site_outlets`: site signatures and unkeyed line hashes
   come back from the workers, so the driver re-keys a changed page without its text). Decoded
   documents are kept in a work folder for pass 2.
2. *Article pass*: each partition is cleaned with
   :func:`newsframe.reading.corpus.process_document`; years missing from a page's
   date are inferred within the partition; MinHash signatures of the bodies
   and per-outlet term counts are computed (with ``analyses``, also the
   time expressions, attributions and frame cues of its articles); the
   worker writes its Parquet parts itself, so the driver never holds the corpus.
3. *Duplicates*: the driver indexes the signatures (MinHash LSH,
   :mod:`newsframe.reading.dedup`) as pass 2's results come in, in corpus order,
   and writes ``duplicates.parquet``.

``engine="local"`` uses a process pool (``jobs`` processes, default all
cores; ``jobs=1`` runs in this process). ``engine="dask"`` maps the same
functions over a Dask bag of partitions on the cluster at ``scheduler``, or
on a local cluster of ``jobs`` single-threaded worker processes; the work
folder and output must then be on storage all workers see. Both engines
give the same tables (a test checks it on a two-worker local cluster).

Extra columns (the manifest's other columns, such as ``group`` or ``lean``,
and the own columns of JSONL/CSV records, see
:func:`newsframe.reading.corpus.user_column_name`) travel with the articles: the
driver knows the manifest's before pass 1, pass 1 reports the records' own
per partition, and the driver hands the list of all of them, in order, to
every partition of pass 2, so all article parts have the same columns (""
where a partition has no value). :func:`read_built_corpus` puts them after
:data:`newsframe.reading.corpus.ARTICLE_COLUMNS`, as ``load_corpus`` does.

Differences from ``load_corpus`` on one folder: the year of an undated page
is inferred from the most similar dated article *of its partition* (default
250 articles), not of the whole corpus. Everything else is the same.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import shutil
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

# the built corpus is read by the reading layer (newsframe.stored); public here too, as before
from ..stored import MARKER, is_built_corpus, read_built_corpus, read_parts  # noqa: F401
from .templates import agree_on_site_outlets, key_hashes, keyed_hashes, repeated_hashes

PARTITION_SIZE = 250


# --------------------------------------------------------------------------- partitions
def plan_partitions(inputs, *, format: str = "auto", partition_size: int = PARTITION_SIZE) -> list[list]:
    """Cut the inputs into partitions, in input order, the same for every engine.

    Files holding one page (text, HTML) are grouped ``partition_size`` to a
    partition: ``("file", path, format)`` items, read on the worker. A file of
    records (JSONL, CSV) is a partition of its own, ``("container", path,
    format)``, also read on the worker: exports usually come in shards, and a
    single huge file is read by one worker (split it to use more).
    """
    from ..reading.formats import detect_format, list_inputs

    parts: list[list] = []
    current: list = []
    for path in list_inputs(inputs):
        fmt = detect_format(path) if format == "auto" else format
        if fmt in ("text", "html"):
            current.append(("file", str(path), fmt))
            if len(current) >= partition_size:
                parts.append(current)
                current = []
        else:
            if current:
                parts.append(current)
                current = []
            parts.append([("container", str(path), fmt)])
    if current:
        parts.append(current)
    return parts


def _is_problem(obj) -> bool:
    from ..reading.formats import InputProblem

    return isinstance(obj, InputProblem)


def _read_items(items) -> tuple[list, list[str]]:
    """Documents of a partition and the problems met (messages naming the file)."""
    from ..reading.formats import iter_documents

    docs, problems = [], []
    for item in items:
        for d in iter_documents([item[1]], format=item[2]):
            if _is_problem(d):
                problems.append(d.message)
            else:
                docs.append(d)
    return docs, problems


# --------------------------------------------------------------------------- pass 1: templates
def template_pass(index: int, items, manifest: dict, work_dir: str) -> dict:
    """Read one partition, keep its documents in ``work_dir``; return per page its line hashes and story signature.

    Each page's template keys and their hashes are kept with the documents, so
    that pass 2 looks them up instead of computing them again. Also returned:
    the records' own columns (``extra_columns``) and the manifest row each page
    used (``manifest_files``).
    """
    from ..reading.corpus import (input_columns, normalised_lines, page_outlet, site_signature, story_signature,
                                  template_keys)

    docs, problems = _read_items(items)
    page_hashes, stories, outlets, keyed, guessed = [], [], [], [], []
    for pos, d in enumerate(docs):
        outlet, country, row = page_outlet(d, manifest)
        outlets.append((outlet, country, row))
        norm = normalised_lines(d.text)
        is_guessed = not (row.get("outlet") or d.meta.get("outlet"))
        # a guessed outlet may change in the site agreement: its page's lines are hashed even without one
        keys = list(template_keys(d.text, norm)) if outlet or is_guessed else []
        unkeyed = key_hashes(keys)
        hashes = keyed_hashes(outlet, unkeyed) if outlet else np.zeros(0, dtype=np.uint64)
        keyed.append((keys if outlet else [], hashes))
        page_hashes.append(np.unique(hashes))
        stories.append(story_signature(d.text, norm))
        if is_guessed:
            guessed.append((pos, site_signature(d.text), unkeyed))
    with open(Path(work_dir) / f"docs-{index:05d}.pkl", "wb") as fh:
        pickle.dump((docs, outlets, keyed), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"index": index, "page_hashes": page_hashes, "stories": stories, "problems": problems,
            "ids": [d.id for d in docs], "extra_columns": input_columns(docs),
            "manifest_files": [row.get("file", "") for _, _, row in outlets if row],
            "outlets": [outlet for outlet, _, _ in outlets], "guessed": guessed,
            "sources": [str(d.source) for d in docs]}


# --------------------------------------------------------------------------- pass 2: articles
# Per-article analysis tables ``build(analyses=True)`` writes beside the articles, one folder each.
ANALYSES = ("attributions", "frame_cues", "timexes")


def analysis_tables(articles: pd.DataFrame, *, share_sentences: bool = True) -> dict[str, pd.DataFrame]:
    """The tables of :data:`ANALYSES` for some articles: attributions (one row per body sentence,
    the ``candidates`` lists as JSON text), frame cues, time expressions normalised against the
    publication date. :mod:`newsframe.stored` reads them back for the notebooks.

    The bodies are split into sentences once (:func:`newsframe.text.sentence_table`) and the three
    analyses read that table; ``share_sentences=False`` lets each split on its own (the same tables,
    for measuring what sharing saves: bench/sentence_table_bench.py)."""
    from ..framing import attributions, frame_cues
    from ..stored import to_json_column
    from ..text import sentence_table
    from ..timing import timex_table

    sentences = sentence_table(articles) if share_sentences else None
    attr = attributions(articles, sentences=sentences)
    attr["candidates"] = to_json_column(attr["candidates"])
    return {"attributions": attr, "frame_cues": frame_cues(articles, sentences=sentences),
            "timexes": timex_table(articles, sentences=sentences)}


def article_pass(index: int, out_dir: str, work_dir: str, renames: dict, analyses: bool = False,
                 extra_columns=(), outlet_fixes: dict | None = None) -> dict:
    """Clean one partition and write its Parquet parts; return its duplicate signatures.

    ``analyses``: also write the per-article analysis tables (:data:`ANALYSES`) of the partition.
    ``extra_columns``: the extra article columns of the whole build, written by every partition.
    ``outlet_fixes``: ``{position: outlet}`` of the pages the site agreement gave another outlet.
    """
    from ..reading.corpus import assemble_articles, process_document, template_keys
    from ..reading.dedup import body_fingerprint

    with open(Path(work_dir) / f"docs-{index:05d}.pkl", "rb") as fh:
        docs, outlets, keyed = pickle.load(fh)
    repeated = np.load(Path(work_dir) / "repeated.npy", mmap_mode="r")
    records, tables = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # problems were reported in pass 1
        for pos, (d, (outlet, country, row), (keys, h)) in enumerate(zip(docs, outlets, keyed)):
            if pos in renames:
                d.notes.append(f"id {d.id} already used: renamed {renames[pos]}")
                d.id = renames[pos]
            if outlet_fixes and pos in outlet_fixes:
                outlet = outlet_fixes[pos]
                keys = list(template_keys(d.text)) if outlet else []
                h = keyed_hashes(outlet, key_hashes(keys))
            site = frozenset()
            if outlet and len(repeated) and keys:
                at = np.searchsorted(repeated, h)
                at[at >= len(repeated)] = 0
                site = frozenset(k for k, hit in zip(keys, repeated[at] == h) if hit)
            record, table = process_document(d, outlet, country, row, site)
            records.append(record)
            tables.append(table)
    articles = assemble_articles(records, extra_columns=extra_columns)
    articles = articles.drop(columns=["duplicate_of", "duplicate_similarity"])
    name = f"part-{index:05d}.parquet"
    _write(articles, Path(out_dir) / "articles" / name)
    n_lines = _write_lines(tables, Path(out_dir) / "lines" / name)
    _write(term_counts(articles), Path(out_dir) / "term_counts" / name)
    if analyses:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for folder, table in analysis_tables(articles).items():
                _write(table, Path(out_dir) / folder / name)
    prints = [body_fingerprint(b) for b in articles["body"].fillna("").tolist()]
    return {"index": index, "ids": articles["id"].tolist(), "signatures": [p[0] for p in prints],
            "exact": [p[1] for p in prints], "n_lines": n_lines}


def _write_lines(tables: list[dict], path: Path) -> int:
    """Write the line audit of a partition (the line columns of its documents) and return its length.

    Written with pyarrow straight from the columns: the table pandas would write (it reads back
    equal) without making a DataFrame first, a third less time for the largest table of a build.
    """
    if not tables:
        return 0
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..reading.corpus import line_columns

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table(line_columns(tables))
    pq.write_table(table, path)
    return table.num_rows


def _write(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if "published" in df or "credited_sources" in df:
        df = df.copy()   # (the columns below are rewritten for Parquet)
    if "published" in df:
        # mixed time zones cannot share one Parquet timestamp column: keep ISO 8601 text
        df["published"] = [None if v is None or (not isinstance(v, str) and pd.isna(v)) else pd.Timestamp(v).isoformat()
                           for v in df["published"]]
    if "credited_sources" in df:
        df["credited_sources"] = [list(v) if isinstance(v, (list, tuple)) else [] for v in df["credited_sources"]]
    df.to_parquet(path, index=False)


def term_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Per-outlet term counts of a partition: ``outlet, term, count, articles``.

    Content words as :func:`newsframe.wording.term_counts` counts them (names
    not merged). Summed over partitions (:func:`corpus_term_counts`) they give
    corpus-wide counts for keyness with memory bounded by outlets x
    vocabulary, not articles x vocabulary; ``articles`` (how many articles use
    the term) stands in for the per-article leave-one-out check. Rows come
    outlet by outlet (in order of first article), terms in order of first use.
    """
    from ..text import content_words

    # (Counter.update counts an iterable in C: one call per article, not one step per term)
    counts: dict[str, Counter] = {}
    docs: dict[str, Counter] = {}
    for outlet, body in zip(articles["outlet"].fillna(""), articles["body"].fillna("")):
        toks = content_words(body)
        if outlet not in counts:
            counts[outlet], docs[outlet] = Counter(), Counter()
        counts[outlet].update(toks)
        docs[outlet].update(set(toks))
    rows = [(o, t, n, docs[o][t]) for o, c in counts.items() for t, n in c.items()]
    return pd.DataFrame(rows, columns=["outlet", "term", "count", "articles"])


# --------------------------------------------------------------------------- drivers
# Garbage collection thresholds of the pool's worker processes. A worker makes and drops millions of
# short-lived objects (line records, tokens). In a 10,000-page build each worker spent 1.4 s of its
# 62 s in collections with Python's default thresholds (700, 10, 10: 1,700 young and 7 full
# collections), and 0.3 s with these (10 collections). Cyclic garbage then waits for up to 50,000 new
# objects before it is freed, which costs little memory.
WORKER_GC_THRESHOLDS = (50_000, 20, 20)


def _init_worker() -> None:
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def process_pool(jobs: int):
    """A pool of ``jobs`` worker processes for the local engine (and :mod:`newsframe.scale.reuse`): spawned,
    so they do not copy the driver's memory, with :data:`WORKER_GC_THRESHOLDS`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker)


def run_local(fn, calls, pool, progress: bool, desc: str, consume=None) -> list:
    """``[fn(*c) for c in calls]`` on the pool (in this process without one). ``consume``: called
    with each result in call order as soon as it and those before it are in, so that the driver
    works while the workers do."""
    from tqdm import tqdm

    consume = consume or (lambda result: None)
    if pool is None:
        results = []
        for c in tqdm(calls, desc=desc, unit="part", disable=not progress):
            results.append(fn(*c))
            consume(results[-1])
        return results
    from concurrent.futures import as_completed

    results = [None] * len(calls)
    done = [False] * len(calls)
    ready = 0   # results[:ready] have been consumed
    futures = {pool.submit(fn, *c): i for i, c in enumerate(calls)}
    for fut in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part", disable=not progress):
        i = futures[fut]
        results[i], done[i] = fut.result(), True
        while ready < len(calls) and done[ready]:
            consume(results[ready])
            ready += 1
    return results


def _run_dask(fn, calls, client, consume=None) -> list:
    import dask.bag as db

    bag = db.from_sequence(calls, npartitions=max(1, len(calls)))
    results = bag.starmap(fn).compute(scheduler=client.get)
    for result in results:
        if consume is not None:
            consume(result)
    return results


def build(inputs, out, *, jobs: int | None = None, engine: str = "local", scheduler: str | None = None,
          format: str = "auto", manifest=None, partition_size: int = PARTITION_SIZE,
          progress: bool = True, analyses: bool = False) -> dict:
    """Build the corpus at ``inputs`` into the folder ``out`` (see the module doc). Returns a summary.

    ``analyses``: also run the per-article analyses (:data:`ANALYSES`: time expressions,
    attributions, frame cues) on the workers and write their tables; read them back with
    :func:`read_built_table`.
    """
    from ..reading.corpus import (MANIFEST_NAME, STORY_SIMILARITY, manifest_columns, read_manifest, warn_unknown_outlets,
                         warn_unmatched_manifest)
    from ..reading.formats import warn_files
    from ..reading.dedup import DuplicateFlags, SimilarGroups

    t0 = time.perf_counter()
    jobs = jobs or os.cpu_count() or 1
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    work = out / "_work"
    work.mkdir(parents=True)
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    if manifest is None:
        found = [Path(p) / MANIFEST_NAME for p in paths if Path(p).is_dir() and (Path(p) / MANIFEST_NAME).exists()]
        manifest = found[0] if found else None
    man = read_manifest(manifest) if manifest else {}

    parts = plan_partitions(paths, format=format, partition_size=partition_size)
    client = cluster = pool = None
    if engine == "dask":
        from distributed import Client, LocalCluster

        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        run = lambda fn, calls, desc, consume: _run_dask(fn, calls, client, consume)  # noqa: E731
    elif engine == "local":
        if jobs > 1 and len(parts) > 1:
            pool = process_pool(min(jobs, len(parts)))   # one pool for both passes
        run = lambda fn, calls, desc, consume: run_local(fn, calls, pool, progress, desc, consume)  # noqa: E731
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    stages: dict[str, float] = {}
    clock = [time.perf_counter()]

    def stage(name: str) -> None:   # seconds since the previous stage ended
        now = time.perf_counter()
        stages[name] = round(now - clock[0], 2)
        clock[0] = now

    # the driver groups the pages by story (pass 1) and flags duplicates (pass 2) partition by
    # partition, in corpus order, while the workers go on
    stories, groups = SimilarGroups(threshold=STORY_SIMILARITY), []
    flags = DuplicateFlags()

    def group_stories(result) -> None:
        groups.extend(stories.add(sig) for sig in result["stories"])

    def flag_duplicates(result) -> None:
        for aid, sig, key in zip(result["ids"], result["signatures"], result["exact"]):
            flags.add(aid, sig, key)

    collector = gc.get_threshold()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)   # (for the driver too while it builds; restored below)
    try:
        first = run(template_pass, [(i, p, man, str(work)) for i, p in enumerate(parts)], "reading", group_stories)
        problems = [m for r in first for m in r["problems"]]
        warn_files(problems, what="could not be read", stacklevel=2,
                   where="newsframe.reading.input_problems(path) lists them all.")
        if man and all(Path(p).is_dir() for p in paths):
            warn_unmatched_manifest(manifest, man, (f for r in first for f in r["manifest_files"]))
        outlet_fixes = agree_on_site_outlets(first)   # pages of one site agree on their outlet, as in load_corpus
        warn_unknown_outlets([src for r in first for src, outlet in zip(r["sources"], r["outlets"]) if not outlet])
        # the same extra columns in every partition: the manifest's, then the records' own in corpus order
        extra_columns = list(dict.fromkeys(manifest_columns(man) + [c for r in first for c in r["extra_columns"]]))
        stories = None   # (its index is not needed after pass 1)
        stage("reading (pass 1)")
        renames = _renames([r["ids"] for r in first])
        # workers map it, it is not sent with every task
        np.save(work / "repeated.npy", repeated_hashes(first, groups))
        first = groups = None   # (the line hashes and stories of every page are not needed in pass 2)
        stage("site templates")
        second = run(article_pass, [(i, str(out), str(work), renames.get(i, {}), analyses, extra_columns,
                                     outlet_fixes.get(i, {})) for i in range(len(parts))], "cleaning" + (" and analysing" if analyses else ""),
                     flag_duplicates)
        stage("cleaning and analyses (pass 2)" if analyses else "cleaning (pass 2)")
    finally:
        gc.set_threshold(*collector)
        if pool is not None:
            pool.shutdown()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    ids = [i for r in second for i in r["ids"]]
    dups = flags.table()
    dups.to_parquet(out / "duplicates.parquet", index=False)
    shutil.rmtree(work)
    stage("duplicates")
    summary = {
        "inputs": [str(p) for p in paths], "format": format, "engine": engine, "jobs": jobs,
        "partitions": len(parts), "partition_size": partition_size, "articles": len(ids),
        "lines": sum(r["n_lines"] for r in second), "problems": problems,
        "duplicates": int((dups["duplicate_of"] != "").sum()), "seconds": round(time.perf_counter() - t0, 2),
        "stage_seconds": stages, "analyses": list(ANALYSES) if analyses else [],
        "extra_columns": extra_columns,
    }
    (out / MARKER).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def _renames(ids_per_part: list[list[str]]) -> dict[int, dict[int, str]]:
    """Per partition, ``{position: new id}`` so that ids are unique across the corpus (first one wins)."""
    seen: Counter = Counter()
    taken = {aid for ids in ids_per_part for aid in ids}
    out: dict[int, dict[int, str]] = {}
    for i, ids in enumerate(ids_per_part):
        for pos, aid in enumerate(ids):
            seen[aid] += 1
            if seen[aid] > 1:
                n = seen[aid]
                while f"{aid}-{n}" in taken:
                    n += 1
                taken.add(f"{aid}-{n}")
                out.setdefault(i, {})[pos] = f"{aid}-{n}"
    return out


# --------------------------------------------------------------------------- reading back
def read_built_table(path, name: str) -> pd.DataFrame:
    """A per-article table of a built corpus: ``articles``, ``lines``, ``term_counts`` or, when it was
    built with ``analyses=True``, one of :data:`ANALYSES` (``timexes``, ``attributions``, ``frame_cues``)."""
    folder = Path(path) / name
    if not folder.is_dir():
        hint = " (build with --analyses)" if name in ANALYSES else ""
        raise FileNotFoundError(f"{path}: no table {name!r}{hint}")
    return read_parts(folder)


def corpus_term_counts(path, *, batch: int = 16) -> pd.DataFrame:
    """Corpus-wide ``outlet, term, count, articles`` summed over the partitions of a built corpus.

    Partitions are read ``batch`` at a time and folded into the running sum, so
    memory holds the outlets x vocabulary table plus one batch, whatever the
    number of articles. Feed the result to :func:`newsframe.wording.keyness_from_counts`.
    """
    parts = sorted((Path(path) / "term_counts").glob("part-*.parquet"))
    total = None
    for start in range(0, len(parts), batch):
        frames = [pd.read_parquet(f) for f in parts[start:start + batch]]
        if total is not None:
            frames.append(total)
        total = pd.concat(frames, ignore_index=True).groupby(["outlet", "term"], sort=False, as_index=False)[
            ["count", "articles"]].sum()
    if total is None:
        return pd.DataFrame(columns=["outlet", "term", "count", "articles"])
    total[["count", "articles"]] = total[["count", "articles"]].astype(int)
    return total.sort_values(["outlet", "count", "term"], ascending=[True, False, True], ignore_index=True)
