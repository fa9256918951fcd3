"""Does a learned line model beat the rule cleaner on pages of sites it never saw? (leave-site-out CV)

    .venv/bin/python bench/train_clean_model.py [--folds 10] [--model trees|logreg] [--write]

Data: the benchmark's `dev/` (64 pages, human gold) and `train/` (87 pages of other sites, Readability's
gold), `../shared/benchmarks/boilerplate/`. A line is "article" when most of its 4-token shingles occur
in the page's gold body (a line of fewer than 4 tokens: when its tokens occur in a row there). Each non-blank line gets features of itself and of its two non-blank
neighbours on each side (log word count, function-word share, sentence end, bullet, indentation, line
class), the rule cleaner's own label and score, where it sits against the block the rules call the body
(before, inside, after, distance), and how many of its content words the rest of that body uses
(Kohlschütter et al. 2010; Vogels et al. 2018 for the context window). A gradient-boosted tree ensemble
or a logistic regression (scikit-learn) predicts article / not article; the body is the predicted lines.

Protocol: **leave-site-out** GroupKFold over both splits, pages grouped by site (URL host, or the
Readability folder name without its number), so no page is scored by a model that saw its site. The
scores are the benchmark's (`score.py`'s functions): rules alone, and rules + model under CV, per
split and per renderer. `--write` fits the model on all pages and writes
`lib/newsframe/data/body_lines.json` (only worth doing when the CV figure beats the rules).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "boilerplate"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "bench"))


def load():
    import score
    from newsframe.reading import clean
    from newsframe.reading.corpus import read_page
    from page_reading_bench import guess_renderer
    from train_page_fields import site_of

    pages = []
    for split in ("dev", "train"):
        d = BENCH / split
        golds = {json.loads(x)["id"]: json.loads(x) for x in open(d / "gold.jsonl", encoding="utf-8") if x.strip()}
        sources, renderers = {}, {}
        if (d / "sources.csv").exists():
            for r in csv.DictReader(open(d / "sources.csv", encoding="utf-8")):
                sources[r["id"]], renderers[r["id"]] = r["folder"], r["renderer"]
        for pid in sorted(golds):
            path = d / f"{pid}.txt"
            if not path.exists():
                continue
            text = read_page(path).text
            lines = text.split("\n")
            L = clean.label_lines(lines)
            g = score.shingles(golds[pid]["body"])
            gold_text = " " + " ".join(score.tokens(golds[pid]["body"])) + " "
            y = []
            for ln in L:
                toks = score.tokens(ln.text)
                if len(toks) < score.NGRAM:   # a short line: its words in a row in the gold body
                    y.append(int(bool(toks) and f" {' '.join(toks)} " in gold_text))
                    continue
                s = score.shingles(ln.text)
                y.append(int(sum((s & g).values()) / sum(s.values()) > 0.5))
            pages.append({"id": pid, "split": split, "site": site_of(split, golds[pid], sources),
                          "renderer": renderers.get(pid) or guess_renderer(text), "L": L, "y": y,
                          "gold": golds[pid]["body"]})
    return pages


def body_of(L, keep) -> str:
    """The rule cleaner's body assembly over the lines kept (keep: line index -> bool)."""
    from newsframe.reading import clean

    return clean.assemble_body({"line_no": [ln.i + 1 for ln in L], "text": [ln.raw for ln in L],
                                "label": ["body" if keep(ln) else "other" for ln in L]})


def evaluate(pages, bodies, label):
    import score

    out = {}
    for name, sel in (("dev", lambda p: p["split"] == "dev"), ("train", lambda p: p["split"] == "train"),
                      ("all", lambda p: True)):
        counts = [score.doc_counts(p["gold"], bodies[p["id"]]) for p in pages if sel(p)]
        out[name] = score.aggregate(counts)[2]
    per = {}
    for split in ("dev", "train"):
        for r in ("htmltext", "inscriptis", "w3m"):
            counts = [score.doc_counts(p["gold"], bodies[p["id"]]) for p in pages
                      if p["split"] == split and p["renderer"] == r]
            per[f"{split}/{r}"] = (score.aggregate(counts)[2], len(counts))
    print(f"{label:38s} dev {out['dev']:.3f}  train {out['train']:.3f}  all {out['all']:.3f}   "
          + "  ".join(f"{k} {v[0]:.3f}({v[1]})" for k, v in per.items()))
    return out


def main() -> None:
    import body_lines as body_model

    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--model", choices=["trees", "logreg"], default="logreg")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    pages = load()
    sites = sorted({p["site"] for p in pages})
    print(f"{len(pages)} pages from {len(sites)} sites")
    rows, ys, groups, where = [], [], [], []
    for k, p in enumerate(pages):
        X, idx = body_model.features(p["L"])
        rows.append(X)
        ys += [p["y"][i] for i in idx]
        groups += [p["site"]] * len(idx)
        where += [(k, i) for i in idx]
    X = np.vstack(rows)
    y = np.array(ys)
    print(f"{len(y)} lines, {y.mean():.3f} article; {X.shape[1]} features")
    rules = {p["id"]: body_of(p["L"], lambda ln: ln.label == "body") for p in pages}
    evaluate(pages, rules, "rules only")
    oracle = {p["id"]: body_of(p["L"], lambda ln, y=p["y"]: y[ln.i] == 1) for p in pages}
    evaluate(pages, oracle, "line labels (ceiling of a line model)")

    def make():
        if args.model == "trees":
            return HistGradientBoostingClassifier(max_iter=200, max_depth=4, learning_rate=0.08,
                                                  l2_regularization=1.0, random_state=0)
        return LogisticRegression(max_iter=4000, C=args.C)

    prob = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=args.folds).split(X, y, groups):
        if args.model == "logreg":
            mean, scale = X[tr].mean(0), X[tr].std(0) + 1e-9
            m = make().fit((X[tr] - mean) / scale, y[tr])
            prob[te] = m.predict_proba((X[te] - mean) / scale)[:, 1]
        else:
            prob[te] = make().fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    rule_body = np.array([pages[k]["L"][i].label == "body" for k, i in where])
    for drop, add in ((0.5, 0.5), (0.4, 0.4), (0.3, 0.7), (0.2, 0.8), (0.1, 0.9), (0.05, 0.95), (0.0, 0.8), (0.2, 1.0)):
        keep = defaultdict(set)   # a rule body line stays unless p <= drop; another line joins if p > add
        for (k, i), q, b in zip(where, prob, rule_body):
            if (q > drop) if b else (q > add):
                keep[k].add(i)
        cv = {p["id"]: body_of(p["L"], lambda ln, s=keep[k]: ln.i in s) for k, p in enumerate(pages)}
        evaluate(pages, cv, f"{args.model} CV, drop<={drop} add>{add}")
    if args.write:
        mean, scale = X.mean(0), X.std(0) + 1e-9
        m = LogisticRegression(max_iter=4000, C=args.C).fit((X - mean) / scale, y)
        body_model.write(m.coef_[0] / scale, float(m.intercept_[0] - (m.coef_[0] / scale) @ mean),
                         args.threshold, len(pages), len(sites))
        print("written", body_model.MODEL_PATH)


if __name__ == "__main__":
    main()
