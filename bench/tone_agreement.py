"""How well does VADER agree with hand-annotated tone of news sentences, with and without the domain adjustment?

Reads tests/fixtures/tone_gold.csv (sentences from the Article Extraction Benchmark, MIT, annotated by hand
before VADER was run; none from the seeds, none used to write data/tone_adjustments.csv) and prints, for
VADER alone and VADER + newsframe's phrase adjustment: accuracy, Cohen's kappa, macro-F1, the confusion
matrix, and the sentences whose label the adjustment changed (right -> wrong and wrong -> right).

    .venv/bin/python bench/tone_agreement.py [--gold tests/fixtures/tone_gold.csv] [--show-errors]

Figures are printed, never asserted; docs/framing.md records them.
"""
from __future__ import annotations

import argparse
import csv
import io
from collections import Counter
from pathlib import Path

from newsframe import framing

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["negative", "neutral", "positive"]


BENCH_BODIES = ROOT.parent / "shared" / "benchmarks" / "boilerplate" / "dev" / "gold.jsonl"


def read_gold(path, bodies=BENCH_BODIES) -> list[dict]:
    """The annotated rows, each with its sentence ``text`` taken from the benchmark body (sentence number
    ``sentence`` of :func:`newsframe.text.sentences`): the repository keeps no benchmark text."""
    import json

    from newsframe.text import sentences

    text = Path(path).read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body)))
    if not Path(bodies).exists():
        raise SystemExit(f"needs the benchmark bodies ({bodies}): the gold file holds no sentence text")
    texts = {json.loads(x)["id"]: json.loads(x)["body"] for x in Path(bodies).read_text(encoding="utf-8").splitlines() if x.strip()}
    for r in rows:
        r["text"] = sentences(texts[r["doc_id"]])[int(r["sentence"])]
    return rows


def cohen_kappa(gold, pred) -> float:
    n = len(gold)
    po = sum(g == p for g, p in zip(gold, pred)) / n
    cg, cp = Counter(gold), Counter(pred)
    pe = sum(cg[k] * cp[k] for k in LABELS) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def macro_f1(gold, pred) -> float:
    f1s = []
    for k in LABELS:
        tp = sum(g == k and p == k for g, p in zip(gold, pred))
        fp = sum(g != k and p == k for g, p in zip(gold, pred))
        fn = sum(g == k and p != k for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def confusion(gold, pred) -> str:
    c = Counter(zip(gold, pred))
    lines = ["gold \\ VADER " + "".join(f"{k:>10}" for k in LABELS)]
    for g in LABELS:
        lines.append(f"{g:<13}" + "".join(f"{c[(g, p)]:>10}" for p in LABELS))
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=ROOT / "tests" / "fixtures" / "tone_gold.csv")
    ap.add_argument("--show-errors", action="store_true", help="list every sentence VADER gets wrong")
    args = ap.parse_args(argv)
    gold_rows = read_gold(args.gold)
    gold = [r["label"] for r in gold_rows]
    print(f"{len(gold)} hand-annotated sentences from {len({r['doc_id'] for r in gold_rows})} articles; "
          f"gold labels: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(gold).items())))
    print(f"thresholds: positive >= {framing.POSITIVE_THRESHOLD}, negative <= {framing.NEGATIVE_THRESHOLD} (VADER compound)")
    preds = {}
    for name, adjust in (("VADER alone", False), ("VADER + adjustment", True)):
        pred = [framing.vader_with_drivers(r["text"], adjust=adjust)["label"] for r in gold_rows]
        preds[name] = pred
        acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
        print(f"\n== {name}: accuracy {acc:.3f}, Cohen's kappa {cohen_kappa(gold, pred):.3f}, "
              f"macro-F1 {macro_f1(gold, pred):.3f}")
        print(confusion(gold, pred))
    majority = Counter(gold).most_common(1)[0][0]
    print(f"\nbaseline 'always {majority}': accuracy {sum(g == majority for g in gold) / len(gold):.3f}, kappa 0.000")
    a, b = preds["VADER alone"], preds["VADER + adjustment"]
    changed = [(r, x, y) for r, x, y in zip(gold_rows, a, b) if x != y]
    fixed = [c for c in changed if c[2] == c[0]["label"]]
    broken = [c for c in changed if c[1] == c[0]["label"]]
    print(f"\nadjustment changed {len(changed)} labels: {len(fixed)} wrong -> right, {len(broken)} right -> wrong, "
          f"{len(changed) - len(fixed) - len(broken)} wrong -> other wrong")
    for r, x, y in changed:
        drivers = framing.vader_with_drivers(r["text"], adjust=True)["drivers"]
        phrases = [w for w, _ in drivers if " " in w or "-" in w]
        print(f"  gold {r['label']:<8} {x:>8} -> {y:<8} [{', '.join(phrases)}] {r['text'][:110]}")
    if args.show_errors:
        print("\nVADER + adjustment errors:")
        for r, y in zip(gold_rows, b):
            if y != r["label"]:
                d = framing.vader_with_drivers(r["text"], adjust=True)
                print(f"  gold {r['label']:<8} vader {y:<8} {d['compound']:+.2f} "
                      f"[{', '.join(f'{w} {v:+.1f}' for w, v in d['drivers'])}] {r['text'][:100]}")


if __name__ == "__main__":
    main()
