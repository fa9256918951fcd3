"""The news event of each article on real pages: event-date accuracy of `python -m newsframe timeline`.

    .venv/bin/python bench/event_date_bench.py [--errors]

Gold: `bench/gold/event_dates.jsonl`, the day of the main news event of each of the 64 dev pages of
the boilerplate benchmark (`../shared/benchmarks/boilerplate/dev/`, Article Extraction Benchmark,
MIT), labelled by an annotator blind to newsframe from the gold bodies and the pages' meta-tag
publication days (see `bench/gold/event_dates_README.md`; only offsets are stored, with a hash of
each body). The pages are not one story: this measures the per-article part of the event timeline
(which dated mention is the news, how an undated page is dated), not the grouping of shared events.

The raw page dumps are copied to a temporary folder and read twice:

- **as found**: no manifest, as a user's folder of pages (publication date and outlet guessed from
  the page);
- **with dates**: a manifest giving each page's meta-tag publication day (and its host as outlet),
  as a user with a scraper's metadata would have.

Printed for each: articles with a gold event day, how many got the right day, a day off by one,
another day, none; how newsframe dated them (its `how` column); and for the pages with no news
event in the gold ("none") how many newsframe still gave a day. `--errors` lists the misses.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "boilerplate" / "dev"
GOLD = ROOT / "bench" / "gold" / "event_dates.jsonl"
sys.path.insert(0, str(ROOT / "bench"))


def load_gold() -> dict[str, dict]:
    from attribution_spans import body_hash

    bodies = {json.loads(ln)["id"]: json.loads(ln)["body"] for ln in open(BENCH / "gold.jsonl", encoding="utf-8")
              if ln.strip()}
    gold = {}
    for ln in open(GOLD, encoding="utf-8"):
        if ln.strip():
            g = json.loads(ln)
            if body_hash(bodies[g["id"]]) != g["body_sha1"]:
                raise SystemExit(f"{g['id']}: the benchmark body changed since it was labelled")
            gold[g["id"]] = g
    return gold


def run_timeline(folder: Path, out: Path) -> dict[str, dict]:
    subprocess.run([sys.executable, "-m", "newsframe", "timeline", str(folder), "--out", str(out)],
                   check=True, capture_output=True, text=True)
    with open(out, newline="", encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def judge(gold: dict, pred: dict, label: str, errors: bool) -> None:
    dated = [g for g in gold.values() if g["event_date"]]
    res, hows = Counter(), Counter()
    for g in dated:
        p = pred.get(g["id"], {})
        day = (p.get("event_date") or "")[:10]
        hows[p.get("how") or "(no row)" if day else "no event date"] += 1
        if not day:
            res["none"] += 1
            kind = "none"
        else:
            diff = abs((dt.date.fromisoformat(day) - dt.date.fromisoformat(g["event_date"])).days)
            kind = "right" if diff == 0 else "off by one day" if diff == 1 else "another day"
            res[kind] += 1
        if errors and kind != "right":
            print(f"      {g['id']} gold {g['event_date']} ({g['how']}, {g['event']}) | newsframe {day or '-'} "
                  f"({p.get('how', '')}) published {str(p.get('published') or '')[:10]}\n         sentence: {(p.get('sentence') or '')[:160]}")
    n = len(dated)
    print(f"{label}: {n} articles with a gold event day; right {res['right']} ({res['right'] / n:.1%}), "
          f"off by one day {res['off by one day']}, another day {res['another day']}, none {res['none']}")
    print("   dated by: " + "; ".join(f"{k} {v}" for k, v in hows.most_common()))
    by_how = Counter()
    for g in dated:
        p = pred.get(g["id"], {})
        by_how[(g["how"], (p.get("event_date") or "")[:10] == g["event_date"])] += 1
    print("   right by gold kind: " + "; ".join(
        f"{h} {by_how[(h, True)]}/{by_how[(h, True)] + by_how[(h, False)]}" for h in ("stated", "relative", "publication")))
    undated = [g for g in gold.values() if not g["event_date"]]
    given = sum(bool((pred.get(g["id"], {}).get("event_date") or "")) for g in undated)
    print(f"   pages with no news event in the gold: {len(undated)}; newsframe gave a day to {given}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    gold = load_gold()
    meta = {json.loads(ln)["id"]: json.loads(ln) for ln in open(BENCH / "meta.jsonl", encoding="utf-8") if ln.strip()}
    urls = {json.loads(ln)["id"]: json.loads(ln).get("url") for ln in open(BENCH / "gold.jsonl", encoding="utf-8")
            if ln.strip()}
    with tempfile.TemporaryDirectory() as tmp:
        found, dated = Path(tmp) / "as_found", Path(tmp) / "with_dates"
        for folder in (found, dated):
            folder.mkdir()
            for pid in gold:
                shutil.copyfile(BENCH / f"{pid}.txt", folder / f"{pid}.txt")
        with open(dated / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "outlet", "published"])
            for pid in gold:
                host = urlparse(urls.get(pid) or "").netloc.lower().removeprefix("www.")
                w.writerow([f"{pid}.txt", host or pid, meta.get(pid, {}).get("published") or ""])
        judge(gold, run_timeline(found, Path(tmp) / "found.csv"), "as found (no manifest)", args.errors)
        judge(gold, run_timeline(dated, Path(tmp) / "dated.csv"), "with dates (manifest)", args.errors)


if __name__ == "__main__":
    main()
