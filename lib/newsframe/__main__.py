"""Command line: ``python -m newsframe {clean,build,keyness,timex,quotes,tone,timeline,reuse,report} ...``.

* ``clean INPUT... --out DIR --format json|text``: clean raw page dumps.
* ``timex IN.jsonl --out OUT.jsonl``: tag and normalise time expressions.
* ``quotes IN.jsonl --out OUT.jsonl``: quotations and attributions with their speakers.
* ``tone IN.jsonl --out OUT.jsonl``: tone toward a target in a sentence, with the words that drove it
  (:mod:`newsframe.target_tone`).
* ``timeline INPUT... --out ARTICLES.csv [--events EVENTS.csv] [--by COLUMN]``: the news event each
  article reports (date, how it was dated, lag) and the events, news or background (:mod:`newsframe.timing`).
* ``reuse INPUT... --out PAIRS.jsonl``: pairs of articles sharing wire copy; on a built corpus
  through a posting index over its partitions (:mod:`newsframe.scale.reuse`).
* ``report --corpus DIR --out reports [--show-code 1] [--by COLUMN]``: run and export every notebook.
* ``build INPUT... --out corpus.parquet [--jobs N] [--engine local|dask]``: build a
  large corpus into Parquet on all cores or a Dask cluster (:mod:`newsframe.scale.engine`).
* ``keyness CORPUS --out KEY.csv [--min-freq 3] [--max-p 0.05]``: key terms per outlet; on a
  built corpus from its summed term counts, without loading the articles.

Exit status: 0 on success, 2 for a missing path or bad usage, 1 when no
input could be processed.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path


def _warn_to_stderr(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {message}", file=sys.stderr)


def _check_paths(paths) -> bool:
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        print(f"error: no such file or directory: {p}", file=sys.stderr)
    return not missing


def cmd_clean(args) -> int:
    from . import groups
    from .reading.corpus import load_corpus

    if not _check_paths(args.inputs):
        return 2
    inputs = args.inputs[0] if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir() else args.inputs
    articles, lines = load_corpus(inputs, manifest=args.manifest, with_lines=True, format=args.input_format)
    if articles.empty:
        print("error: no input file could be processed", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines_of = groups.records_by_article(lines) if args.format != "text" else {}
    for rec in articles.to_dict(orient="records"):
        aid = rec["id"]
        if args.format == "text":
            (out / f"{aid}.txt").write_text(rec["body"] + ("\n" if rec["body"] else ""), encoding="utf-8")
        else:
            rec = {k: _jsonable(v) for k, v in rec.items()}
            rec["lines"] = [{k: _jsonable(v) for k, v in r.items() if k != "id"} for r in lines_of.get(aid, [])]
            (out / f"{aid}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"cleaned {len(articles)} article(s) into {out}", file=sys.stderr)
    return 0


def _jsonable(v):
    import pandas as pd

    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
        return None
    if hasattr(v, "item"):
        return v.item()
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


def cmd_timex(args) -> int:
    from .timing import find_timexes

    if not _check_paths([args.input]):
        return 2
    n_ok = 0
    with open(args.input, encoding="utf-8") as fin, open(args.out, "w", encoding="utf-8") as fout:
        for n, line in enumerate(fin, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                text, dct, did = doc["text"], doc["dct"], doc["id"]
            except (ValueError, KeyError, TypeError) as exc:
                print(f"warning: {args.input}:{n}: skipped malformed line ({exc.__class__.__name__}: {exc})", file=sys.stderr)
                continue
            try:
                found = find_timexes(text, dct)
            except ValueError as exc:
                print(f"warning: {args.input}:{n}: skipped ({exc})", file=sys.stderr)
                continue
            keep = ("start", "end", "text", "type", "value")
            timexes = [{k: t[k] for k in keep} for t in found]
            fout.write(json.dumps({"id": did, "timexes": timexes}, ensure_ascii=False) + "\n")
            n_ok += 1
    return 0 if n_ok else 1


def cmd_quotes(args) -> int:
    from .framing import quotes_jsonl

    if not _check_paths([args.input]):
        return 2
    written, _ = quotes_jsonl(args.input, args.out)
    return 0 if written else 1


def cmd_tone(args) -> int:
    from .target_tone import predict_many

    if not _check_paths([args.input]):
        return 2
    items, ids, bad = [], [], 0
    with open(args.input, encoding="utf-8") as fin:
        for n, line in enumerate(fin, start=1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                sent, start, end = d["sentence"], d["start"], d["end"]
                if not isinstance(sent, str) or not isinstance(start, int) or not isinstance(end, int):
                    raise TypeError("'sentence' must be a string, 'start' and 'end' integers")
                if not 0 <= start < end <= len(sent):
                    raise ValueError(f"start {start} and end {end} are not a span of the sentence ({len(sent)} characters)")
                if "target" in d and d["target"] is not None and sent[start:end] != d["target"]:
                    raise ValueError(f"sentence[{start}:{end}] is {sent[start:end]!r}, not the target {d['target']!r}")
            except (ValueError, KeyError, TypeError) as err:
                print(f"warning: {Path(args.input).name}: line {n} skipped ({type(err).__name__}: {err})", file=sys.stderr)
                bad += 1
                continue
            items.append((sent, start, end))
            ids.append(d.get("id"))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fout:
        for did, res in zip(ids, predict_many(items)):
            fout.write(json.dumps({"id": did, **res}, ensure_ascii=False) + "\n")
    print(f"{len(items)} target(s) labelled into {args.out}" + (f", {bad} line(s) skipped" if bad else ""), file=sys.stderr)
    return 0 if items else 1


def cmd_timeline(args) -> int:
    from .reading.corpus import load_corpus
    from .timing import article_events, dating_summary

    if not _check_paths(args.inputs):
        return 2
    inputs = args.inputs[0] if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir() else args.inputs
    articles = load_corpus(inputs, manifest=args.manifest, format=args.input_format)
    if articles.empty:
        print("error: no input file could be processed", file=sys.stderr)
        return 1
    by = args.by or "outlet"
    if by not in articles.columns:
        print(f"error: --by {by!r}: no such article column (have: {', '.join(articles.columns)})", file=sys.stderr)
        return 2
    per_article, events = article_events(articles, by=by)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    out = per_article.assign(event_date=per_article["event_date"].map(_iso_day))
    out.to_csv(args.out, index=False)
    if args.events:
        cols = ["event_id", "date_value", "kind", "label", "n_articles", "groups" if "groups" in events.columns else "outlets"]
        ev = events[cols].rename(columns={"date_value": "date", cols[-1]: "groups"}) if len(events) else \
            events.reindex(columns=cols).rename(columns={"date_value": "date", cols[-1]: "groups"})
        ev = ev.assign(groups=ev["groups"].map(lambda g: "; ".join(map(str, g)) if isinstance(g, (list, tuple)) else g))
        Path(args.events).parent.mkdir(parents=True, exist_ok=True)
        ev.to_csv(args.events, index=False)
    how = "; ".join(f"{r.how}: {r.articles}" for r in dating_summary(per_article).itertuples())
    print(f"{len(per_article)} article(s) into {args.out} ({how})"
          + (f"; {len(events)} event(s) into {args.events}" if args.events else ""), file=sys.stderr)
    return 0


def _iso_day(v) -> str:
    import pandas as pd

    return "" if v is None or v is pd.NaT or (isinstance(v, float) and v != v) else pd.Timestamp(v).strftime("%Y-%m-%d")


def cmd_reuse(args) -> int:
    from .reading.corpus import load_corpus
    from .scale.engine import is_built_corpus
    from .scale.reuse import corpus_reuse
    from .wording import pair_records, reuse_pairs_records

    if not _check_paths(args.inputs):
        return 2
    inputs = args.inputs[0] if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir() else args.inputs
    if isinstance(inputs, str) and is_built_corpus(inputs):
        # a built corpus of any size: an index over its partitions, not all articles in memory
        pairs, aligned = corpus_reuse(inputs, threshold=args.threshold, include_duplicates=args.include_duplicates,
                                      jobs=args.jobs, progress=not args.quiet)
        records = pair_records(pairs, aligned)
        stats = aligned.attrs["stats"]
        print(f"{stats['articles']} article(s) ({stats['duplicates_left_out']} duplicates left out), "
              f"{stats['sentences']} sentences, {stats['candidate_pairs']} candidate sentence pairs, "
              f"{len(pairs)} article pair(s)", file=sys.stderr)
    else:
        articles = load_corpus(inputs, manifest=args.manifest)
        if articles.empty:
            print("error: no input file could be processed", file=sys.stderr)
            return 1
        records = reuse_pairs_records(articles, threshold=args.threshold)
    with open(args.out, "w", encoding="utf-8") as fout:
        for rec in records:
            fout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def cmd_report(args) -> int:
    from .report import build_reports

    if not _check_paths([args.corpus]):
        return 2
    try:
        results = build_reports(args.corpus, out_dir=args.out, notebooks_dir=args.notebooks,
                                figures_dir=args.figures or None, show_code=bool(int(args.show_code)),
                                compare_by=args.by or None)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for r in results:
        failed = f"  FAILED: {r['error']}" if r.get("status") != "ok" else ""
        print(f"{r['html']:<36} {r['seconds']:>6.1f} s  {r['title']}{failed}", file=sys.stderr)
    print(f"open {Path(args.out) / 'index.html'}", file=sys.stderr)
    return 1 if any(r.get("status") != "ok" for r in results) else 0


def cmd_build(args) -> int:
    from .scale.engine import build

    if not _check_paths(args.inputs):
        return 2
    summary = build(args.inputs, args.out, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
                    format=args.input_format, manifest=args.manifest, partition_size=args.partition_size,
                    progress=not args.quiet, analyses=args.analyses)
    if not summary["articles"]:
        print("error: no input could be processed", file=sys.stderr)
        return 1
    rate = summary["articles"] / max(summary["seconds"], 1e-9)
    print(f"built {summary['articles']} article(s), {summary['lines']} line(s), {summary['duplicates']} "
          f"flagged duplicate(s) into {args.out} in {summary['seconds']:.1f} s ({rate:.0f} articles/s, "
          f"{summary['jobs']} job(s), engine {summary['engine']})", file=sys.stderr)
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in summary["stage_seconds"].items()), file=sys.stderr)
    return 0


def cmd_keyness(args) -> int:
    from . import wording
    from .scale.engine import corpus_term_counts, is_built_corpus

    if not _check_paths([args.corpus]):
        return 2
    if is_built_corpus(args.corpus):
        table = wording.keyness_from_counts(corpus_term_counts(args.corpus), min_freq=args.min_freq,
                                            max_p=args.max_p)
    else:
        from .reading.corpus import load_corpus

        table = wording.keyness(load_corpus(args.corpus), min_freq=args.min_freq, max_p=args.max_p)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    print(f"{int(table['key'].sum()) if len(table) else 0} key term(s) of {table['outlet'].nunique() if len(table) else 0} "
          f"outlet(s) in {len(table)} tested row(s) written to {args.out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m newsframe", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("clean", help="clean raw page dumps into article bodies")
    c.add_argument("inputs", nargs="+", help="a folder of .txt dumps, or files")
    c.add_argument("--out", required=True, help="output folder")
    c.add_argument("--format", choices=("json", "text"), default="json")
    c.add_argument("--manifest", default=None, help="manifest.csv (default: INPUT/manifest.csv if present)")
    c.add_argument("--input-format", default="auto", choices=("auto", "text", "html", "jsonl", "csv"),
                   help="input format (default: detected per file)")
    c.set_defaults(func=cmd_clean)

    b = sub.add_parser("build", help="build a corpus of any size into Parquet (articles, line audit, duplicates)")
    b.add_argument("inputs", nargs="+", help="folders or files: text dumps, HTML, JSONL, CSV, or .gz of these")
    b.add_argument("--out", required=True, help="output folder, e.g. corpus.parquet")
    b.add_argument("--jobs", type=int, default=None, help="processes or Dask workers (default: all cores)")
    b.add_argument("--engine", choices=("local", "dask"), default="local")
    b.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    b.add_argument("--input-format", default="auto", choices=("auto", "text", "html", "jsonl", "csv"))
    b.add_argument("--manifest", default=None)
    b.add_argument("--partition-size", type=int, default=250, help="pages per partition (default 250)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--analyses", action="store_true",
                   help="also write time expressions, attributions and frame cues per article")
    b.set_defaults(func=cmd_build)

    k = sub.add_parser("keyness", help="key terms per outlet (log-likelihood G2, log ratio) as CSV")
    k.add_argument("corpus", help="a built corpus (.parquet folder) or a folder of pages")
    k.add_argument("--out", required=True, help="CSV file")
    k.add_argument("--min-freq", type=int, default=3, help="times a term must occur in an outlet (default 3)")
    k.add_argument("--max-p", type=float, default=0.05, help="significance level (default 0.05)")
    k.set_defaults(func=cmd_keyness)

    t = sub.add_parser("timex", help="tag and normalise time expressions in a JSONL file")
    t.add_argument("input", help='JSONL with {"id", "dct", "text"} per line')
    t.add_argument("--out", required=True)
    t.set_defaults(func=cmd_timex)

    q = sub.add_parser("quotes", help="direct and reported quotes with their speakers in a JSONL file")
    q.add_argument("input", help='JSONL with {"id", "text"} per line')
    q.add_argument("--out", required=True)
    q.set_defaults(func=cmd_quotes)

    to = sub.add_parser("tone", help="tone toward a target in each sentence of a JSONL file (negative, neutral, positive)")
    to.add_argument("input", help='JSONL with {"id", "sentence", "target", "start", "end"} per line (offsets into sentence)')
    to.add_argument("--out", required=True, help='JSONL {"id", "label", "probabilities", "drivers"} per line')
    to.set_defaults(func=cmd_tone)

    tl = sub.add_parser("timeline", help="the news event each article reports, its date and the reporting lag (CSV)")
    tl.add_argument("inputs", nargs="+", help="a folder of dumps (with its manifest), files, or a built corpus")
    tl.add_argument("--out", required=True, help="ARTICLES.csv: one row per article")
    tl.add_argument("--events", default=None, help="EVENTS.csv: one row per event (news or background)")
    tl.add_argument("--by", default=None, help="article column the groups come from (default: outlet)")
    tl.add_argument("--manifest", default=None, help="manifest.csv (default: INPUT/manifest.csv if present)")
    tl.add_argument("--input-format", default="auto", choices=("auto", "text", "html", "jsonl", "csv"),
                    help="input format (default: detected per file)")
    tl.set_defaults(func=cmd_timeline)

    r = sub.add_parser("reuse", help="find pairs of articles that reuse the same text")
    r.add_argument("inputs", nargs="+", help="a folder of .txt dumps, files, or a built corpus (any size)")
    r.add_argument("--out", required=True)
    r.add_argument("--manifest", default=None)
    r.add_argument("--threshold", type=float, default=None, help="minimum pair score (default: the library's)")
    r.add_argument("--include-duplicates", action="store_true",
                   help="built corpus: also pair the articles flagged as duplicates (left out by default)")
    r.add_argument("--jobs", type=int, default=None, help="built corpus: worker processes (default: all cores)")
    r.add_argument("--quiet", action="store_true", help="built corpus: no progress bars")
    r.set_defaults(func=cmd_reuse)

    rp = sub.add_parser("report", help="run every notebook on a corpus and export HTML reports")
    rp.add_argument("--corpus", default="seeds")
    rp.add_argument("--out", default="reports")
    rp.add_argument("--notebooks", default="notebooks")
    rp.add_argument("--figures", default="", help="folder for the figures (default: OUT/figures)")
    rp.add_argument("--by", default="", help="article column to compare by (e.g. country; default: chosen per corpus)")
    rp.add_argument("--show-code", default="0", help="1 to show code cells in the reports")
    rp.set_defaults(func=cmd_report)
    return p


def main(argv=None) -> int:
    warnings.showwarning = _warn_to_stderr
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
