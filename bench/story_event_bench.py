"""Same-story newswire: the news event of each article, and the events articles share, by `timeline`.

    .venv/bin/python bench/story_event_bench.py [--errors]
    .venv/bin/python bench/story_event_bench.py --data ../shared/benchmarks/timex/timebank.jsonl \
        --gold bench/gold/timebank_event_dates.jsonl      # TimeBank: more outlets, mostly single stories

Data: `../shared/benchmarks/timex/dev.jsonl` (73 AQUAINT newswire documents of AP, the New York Times
and Xinhua, 1998-2000; TempEval-3 TBAQ-cleaned, terms in that README), several documents per story
(the Nairobi embassy bombing, the Elian Gonzalez case ...). Gold: `bench/gold/timex_dev_event_dates.jsonl`,
the day of each document's main news event and its story, labelled from the text and the dct by an
annotator who did not see newsframe's output (`bench/gold/timex_dev_event_dates_README.md`; offsets
only, no text).

The documents are given to `python -m newsframe timeline` as one JSONL file (id, outlet from the id's
prefix, published = the dct, text), as a user's export with metadata would be. Printed:

- event day right / off by one day / another day / none, over documents with a gold day, and by kind;
- no lag from history: news lags beyond `timing.NEWS_PAST_DAYS` (there should be none);
- grouping across articles, over pairs of documents whose gold events are the same (same story, same
  day): how many pairs newsframe puts in one event (recall); and over pairs that newsframe puts in one
  event, how many are the same gold event (precision);
- undated pages: the same run with every third document's publication date left out, how many of
  those get the right day and how (their own absolute dates, the same story as another article).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "timex" / "dev.jsonl"
GOLD = ROOT / "bench" / "gold" / "timex_dev_event_dates.jsonl"
OUTLETS = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua", "WSJ": "Wall Street Journal"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--data", type=Path, default=DATA, help="timex-benchmark JSONL (id, dct, text)")
    ap.add_argument("--gold", type=Path, default=GOLD, nargs="+", help="event-date gold JSONL file(s)")
    args = ap.parse_args()
    from newsframe.timing import NEWS_PAST_DAYS

    docs = [json.loads(ln) for ln in open(args.data, encoding="utf-8") if ln.strip()]
    golds = args.gold if isinstance(args.gold, list) else [args.gold]
    gold = {g["id"]: g for path in golds for g in map(json.loads, open(path, encoding="utf-8")) if g}
    docs = [d for d in docs if d["id"] in gold]
    pred = timeline(docs)
    dated = [g for g in gold.values() if g.get("event_date")]
    res, by_kind = Counter(), Counter()
    for g in dated:
        p = pred.get(g["id"], {})
        day = (p.get("event_date") or "")[:10]
        if not day:
            verdict = "none"
        else:
            diff = abs((dt.date.fromisoformat(day) - dt.date.fromisoformat(g["event_date"])).days)
            verdict = "right" if diff == 0 else "off by one day" if diff == 1 else "another day"
        res[verdict] += 1
        by_kind[(g["kind"], verdict == "right")] += 1
        if args.errors and verdict != "right":
            print(f"   {g['id']} [{g['story']}] gold {g['event_date']} ({g['kind']}, {g['confidence']}) | newsframe "
                  f"{day or '-'} ({p.get('how', '')}) {p.get('event_label', '')}")
    n = len(dated)
    print(f"{n} of {len(gold)} documents with a gold event day: right {res['right']} ({res['right'] / n:.1%}), "
          f"off by one day {res['off by one day']}, another day {res['another day']}, none {res['none']}")
    print("   right by gold kind: " + "; ".join(
        f"{k} {by_kind[(k, True)]}/{by_kind[(k, True)] + by_kind[(k, False)]}" for k in ("stated", "relative", "publication")))
    high = [g for g in dated if g["confidence"] == "high"]
    right_high = sum((pred.get(g["id"], {}).get("event_date") or "")[:10] == g["event_date"] for g in high)
    print(f"   high-confidence gold only: {right_high}/{len(high)} ({right_high / max(1, len(high)):.1%})")
    lags = [float(p["lag_days"]) for p in pred.values() if p.get("lag_days")]
    print(f"   news lags: {len(lags)}, beyond {NEWS_PAST_DAYS} days (history): {sum(x > NEWS_PAST_DAYS for x in lags)}; "
          f"largest {max(lags, default=0):.0f} days")
    same_gold = lambda a, b: (gold[a]["story"], gold[a]["event_date"]) == (gold[b]["story"], gold[b]["event_date"])
    ids = [g["id"] for g in dated if g["id"] in pred]
    pairs_gold = [(a, b) for a, b in combinations(ids, 2) if same_gold(a, b)]
    pairs_pred = [(a, b) for a, b in combinations(ids, 2)
                  if pred[a].get("event_id") and pred[a].get("event_id") == pred[b].get("event_id")]
    together = sum(pred[a].get("event_id") and pred[a].get("event_id") == pred[b].get("event_id") for a, b in pairs_gold)
    agree = sum(same_gold(a, b) for a, b in pairs_pred)
    print(f"   shared events: {len(pairs_gold)} pairs of documents report the same gold event, newsframe puts "
          f"{together} in one event (recall {together / max(1, len(pairs_gold)):.1%}); of its {len(pairs_pred)} pairs "
          f"in one event, {agree} are the same gold event (precision {agree / max(1, len(pairs_pred)):.1%})")
    # undated pages: every third document loses its publication date; how are they dated?
    hidden = {d["id"] for k, d in enumerate(docs) if k % 3 == 0}
    blind = timeline(docs, hidden)
    tried = [g for g in dated if g["id"] in hidden]
    hows = Counter((blind.get(g["id"], {}).get("how") or "not dated").split(" as ")[0] for g in tried)
    right = sum((blind.get(g["id"], {}).get("event_date") or "")[:10] == g["event_date"] for g in tried)
    print(f"   undated: {len(tried)} documents with a gold day given no publication date; event day right "
          f"{right} ({right / max(1, len(tried)):.1%}); dated by: " + "; ".join(f"{h} {n}" for h, n in hows.most_common()))
    stories = Counter(g["story"] for g in gold.values())
    print(f"   stories: {len(stories)}; with 3 or more documents: "
          + ", ".join(f"{s} ({k})" for s, k in stories.most_common() if k >= 3))


def outlet_of(doc_id: str) -> str:
    """The outlet a document id names by its letters (APW, NYT, XIE, wsj, ABC ...)."""
    prefix = re.match(r"[A-Za-z]+", doc_id)
    prefix = prefix.group(0).upper() if prefix else doc_id[:3]
    return OUTLETS.get(prefix[:3], prefix)


def timeline(docs: list[dict], undated: set = frozenset()) -> dict[str, dict]:
    """Run `python -m newsframe timeline` on ``docs`` (one JSONL file; the ids in ``undated`` without a
    publication date) and return its rows by id."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "newswire.jsonl", Path(tmp) / "articles.csv"
        with open(src, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"id": d["id"], "outlet": outlet_of(d["id"]),
                                     "published": "" if d["id"] in undated else d["dct"], "text": d["text"]}) + "\n")
        subprocess.run([sys.executable, "-m", "newsframe", "timeline", str(src), "--out", str(out)],
                       check=True, capture_output=True, text=True)
        with open(out, newline="", encoding="utf-8") as fh:
            return {row["id"]: row for row in csv.DictReader(fh)}


if __name__ == "__main__":
    main()
