"""Snapshot of every analysis table, to show a refactoring changed no output (issue 18).

Two corpora, both made from the shared benchmark pages and the seeds (bench/corpora.py):

* ``built``: the 1,000-page bench corpus (``build_large_raw_corpus``) built with
  ``newsframe build --analyses``; every table of the build (articles, line audit, term counts,
  duplicates, attributions, frame cues, time expressions) is hashed;
* ``memory``: the 157-page many-outlet corpus loaded with ``load_corpus`` and run through the public
  analyses the notebooks call (framing, wording, timing), each table hashed.

A table's hash is the SHA-256 of its CSV text (``to_csv(index=False)``, rows in the order the function
returns them), so a changed value, row order, column name or dtype rendering shows. ``--compare``
prints the tables whose hash differs between two snapshots and exits 1 when any does.

Usage::

    python bench/snapshot.py --out /tmp/snap_before.json            # both corpora (about 6 min)
    python bench/snapshot.py --out /tmp/snap_after.json
    python bench/snapshot.py --compare /tmp/snap_before.json /tmp/snap_after.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "lib"))

import corpora  # noqa: E402

BUILT_TABLES = ("articles", "lines", "term_counts", "duplicates", "attributions", "frame_cues", "timexes")


def table_hash(table) -> dict:
    """``rows``, ``columns`` and ``sha256`` of a table's CSV text (a dict or list is hashed as JSON)."""
    if isinstance(table, pd.DataFrame):
        text = table.to_csv(index=False)
        return {"rows": len(table), "columns": len(table.columns),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    text = json.dumps(table, sort_keys=True, default=str)
    return {"rows": len(table), "columns": 0, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def built_snapshot(work: Path, n: int) -> dict:
    from newsframe.scale.engine import read_built_table

    raw = work / f"raw_{n}"
    if not (raw / "manifest.csv").exists():
        corpora.build_large_raw_corpus(raw, n)
    out = work / f"built_{n}.parquet"
    subprocess.run([sys.executable, "-m", "newsframe", "build", str(raw), "--out", str(out), "--analyses",
                    "--jobs", "2"], check=True, env={**os.environ, "PYTHONPATH": str(HERE.parent / "lib")},
                   stdout=subprocess.DEVNULL)
    snap = {}
    for name in BUILT_TABLES:
        if (out / name).is_dir():
            snap[f"built:{name}"] = table_hash(read_built_table(out, name))
        elif (out / f"{name}.parquet").is_file():   # duplicates: one file
            snap[f"built:{name}"] = table_hash(pd.read_parquet(out / f"{name}.parquet"))
    return snap


def memory_tables(articles: pd.DataFrame, lines: pd.DataFrame):
    """(name, table) for the public analyses of the three notebooks, in a fixed order."""
    from newsframe import framing, timing, wording

    by = "group"
    attr = framing.attributions(articles)
    yield "framing.attributions", attr.assign(candidates=attr["candidates"].map(repr))
    yield "framing.source_summary", framing.source_summary(attr, by=by, articles=articles)
    yield "framing.verb_choices", framing.verb_choices(attr, by=by, articles=articles)
    yield "framing.sources_by_country", framing.sources_by_country(attr, by=by, articles=articles)
    quotes = framing.quotations(articles, attr=attr)
    yield "framing.quotations", quotes
    yield "framing.quotes_by_group", framing.quotes_by_group(quotes, by=by, articles=articles)
    yield "framing.words_quoted", framing.words_quoted(quotes, by=by, articles=articles)
    talk = framing.speech(articles, attr=attr)
    yield "framing.speech", talk
    yield "framing.speech_by_group", framing.speech_by_group(talk, by=by, articles=articles)
    wires = framing.wire_dependence(articles)
    yield "framing.wire_dependence", wires
    yield "framing.wire_summary", framing.wire_summary(articles, by=by)
    yield "framing.wire_by_group", framing.wire_by_group(wires, by=by, articles=articles)
    cues = framing.frame_cues(articles)
    yield "framing.frame_cues", cues
    salience = framing.frame_salience(articles, cues=cues)
    yield "framing.frame_salience", salience
    yield "framing.outlet_frame_matrix", framing.outlet_frame_matrix(salience, by=by, articles=articles)
    yield "framing.outlet_frame_cues", framing.outlet_frame_cues(cues, by=by, articles=articles)
    tone = framing.sentence_tone(articles)
    yield "framing.sentence_tone", tone
    yield "framing.tone_by_article", framing.tone_by_article(tone)
    yield "framing.tone_by_target", framing.tone_by_target(tone, by=by, articles=articles)
    ttone = framing.target_tone(articles)
    yield "framing.target_tone", ttone
    yield "framing.target_tone_by_group", framing.target_tone_by_group(ttone, by=by, articles=articles)
    context = framing.page_context(lines, articles)
    yield "framing.page_context", context
    yield "framing.page_context_summary", framing.page_context_summary(context, by=by, articles=articles)
    yield "framing.article_digest", framing.article_digest(articles, attr, salience, tone)

    variants = wording.name_variants(articles, lines)
    yield "wording.name_variants", variants
    yield "wording.variant_table", wording.variant_table(variants, by=by, articles=articles)
    spell = wording.spelling_conventions(articles, by=by)
    yield "wording.spelling_conventions", spell
    yield "wording.term_counts", wording.term_counts(articles, variants=variants)
    key = wording.keyness(articles, by=by, variants=variants)
    yield "wording.keyness", key
    yield "wording.top_key_terms", wording.top_key_terms(key, by=by)
    yield "wording.collocations", wording.collocations(articles)
    yield "wording.concordance", wording.concordance(articles, "Japan", variants=variants)
    aligned = wording.align_sentences(articles)
    yield "wording.align_sentences", aligned
    yield "wording.reuse_pairs", wording.reuse_pairs(articles, aligned=aligned)
    yield "wording.repeated_passages", wording.repeated_passages(articles, lines)
    yield "wording.divergent_facts", wording.divergent_facts(articles, variants=variants)

    timexes = timing.timex_table(articles)
    yield "timeline.timex_table", timexes
    mentions = timing.event_mentions(articles, timexes=timexes)
    yield "timeline.event_mentions", mentions
    ev = timing.events(mentions, by=by, articles=articles)
    yield "timeline.events", ev
    yield "timeline.reporting_lag", timing.reporting_lag(ev, mentions, by=by, articles=articles)
    per_article = timing.article_events(articles, by=by, timexes=timexes, mentions=mentions)
    yield "timeline.article_events", per_article
    yield "timeline.background_years", timing.background_years(mentions, by=by, articles=articles)
    yield "timeline.temporal_orientation", timing.temporal_orientation(articles, timexes=timexes)
    yield "timeline.page_clocks", timing.page_clocks(articles, lines, timexes=timexes)


def as_table(value):
    if isinstance(value, tuple):   # functions that return (table, extra)
        return {f"[{i}]": as_table(v) for i, v in enumerate(value)}
    return value


def memory_snapshot(work: Path) -> dict:
    from newsframe import load_corpus

    folder = work / "many"
    if not (folder / "manifest.csv").exists():
        corpora.build_many_outlet_corpus(folder)
    articles, lines = load_corpus(folder, with_lines=True, progress=False)
    snap = {"memory:articles": table_hash(articles), "memory:lines": table_hash(lines)}
    for name, table in memory_tables(articles, lines):
        table = as_table(table)
        if isinstance(table, dict) and all(isinstance(v, pd.DataFrame) for v in table.values()):
            for part, t in table.items():
                snap[f"memory:{name}{part}"] = table_hash(t)
        else:
            snap[f"memory:{name}"] = table_hash(table)
    return snap


def compare(a_path: str, b_path: str) -> int:
    a, b = (json.loads(Path(p).read_text(encoding="utf-8"))["tables"] for p in (a_path, b_path))
    differ = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    for k in differ:
        print(f"DIFFERS {k}: {a.get(k)} -> {b.get(k)}")
    print(f"{len(set(a) & set(b)) - len([k for k in differ if k in a and k in b])} of {len(set(a) | set(b))} "
          f"tables equal")
    return 1 if differ else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="write the snapshot JSON here")
    ap.add_argument("--work", default="/tmp/nf_snapshot", help="folder for the corpora and the build")
    ap.add_argument("--pages", type=int, default=1000, help="pages of the built corpus")
    ap.add_argument("--only", choices=("built", "memory"), help="one corpus only")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        ap.error("--out or --compare")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    tables = {}
    if args.only in (None, "built"):
        tables.update(built_snapshot(work, args.pages))
    if args.only in (None, "memory"):
        tables.update(memory_snapshot(work))
    head = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    Path(args.out).write_text(json.dumps({"commit": head, "tables": tables}, indent=1, sort_keys=True) + "\n",
                              encoding="utf-8")
    print(f"{len(tables)} tables hashed in {time.perf_counter() - start:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
