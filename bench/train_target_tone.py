"""Train and judge the target-dependent tone model (NewsMTSC), write lib/newsframe/data/target_tone.json.

    .venv/bin/python bench/train_target_tone.py [--C 0.05] [--write]

Data: ../shared/benchmarks/tone/train.jsonl (8,739 target mentions; NewsMTSC, Hamborg and Donnay 2021,
MIT licence) to fit, dev.jsonl (1,476) to check; the test split is held out elsewhere. Features:
newsframe.target_tone.features. A multinomial logistic regression (scikit-learn, L2, C) on the features
seen in at least two training mentions. Prints: 5-fold cross-validation on train with folds grouped by
sentence (the targets of one sentence stay together), dev macro-F1 and accuracy with the benchmark's
score.py, per-class dev P/R/F1, the TF-IDF + logistic regression sentence baseline, the speed of
newsframe.target_tone.predict_many in mentions per second (one process) and the model file's size.
"""
from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "tone"
LABELS = ["negative", "neutral", "positive"]


def load(name):
    return [json.loads(x) for x in open(DATA / name, encoding="utf-8") if x.strip()]


def fit(X, y, C):
    return LogisticRegression(C=C, max_iter=4000).fit(X, y)


def score_file(rows, labels) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp, "pred.jsonl")
        pred.write_text("".join(json.dumps({"id": r["id"], "label": lab}) + "\n" for r, lab in zip(rows, labels)),
                        encoding="utf-8")
        res = subprocess.run([sys.executable, str(DATA / "score.py"), "--gold", str(DATA / "dev.jsonl"),
                              "--pred", str(pred)], capture_output=True, text=True)
    return (res.stdout or res.stderr).strip().splitlines()[-1] if (res.stdout or res.stderr) else "(score.py printed nothing)"


def main() -> None:
    from newsframe import target_tone

    ap = argparse.ArgumentParser()
    ap.add_argument("--C", type=float, default=0.05)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    train, dev = load("train.jsonl"), load("dev.jsonl")
    ytr = np.array([LABELS.index(r["label"]) for r in train])
    ydv = np.array([LABELS.index(r["label"]) for r in dev])
    feats = lambda rows: [target_tone.features(r["sentence"], r["start"], r["end"]) for r in rows]
    dv = DictVectorizer(sort=True)
    Xtr = dv.fit_transform(feats(train)).tocsr()
    Xdv = dv.transform(feats(dev)).tocsr()
    keep = np.asarray((Xtr != 0).sum(axis=0)).ravel() >= 2
    Xtr, Xdv = Xtr[:, keep], Xdv[:, keep]
    names = [n for n, k in zip(dv.get_feature_names_out(), keep) if k]
    sid = {s: i for i, s in enumerate(sorted({r["sentence"] for r in train}))}
    groups = np.array([sid[r["sentence"]] for r in train])
    pred = np.zeros(len(ytr), int)
    for tr, te in StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=13).split(Xtr, ytr, groups):
        pred[te] = fit(Xtr[tr], ytr[tr], args.C).predict(Xtr[te])
    cv = f1_score(ytr, pred, average="macro")
    model = fit(Xtr, ytr, args.C)
    pdv = model.predict(Xdv)
    dev_f1 = f1_score(ydv, pdv, average="macro")
    print(f"{len(names)} features; C={args.C}")
    print(f"train 5-fold CV (grouped by sentence): macro-F1 {cv:.3f}")
    print(f"dev: macro-F1 {dev_f1:.3f}, accuracy {(pdv == ydv).mean():.3f}; score.py: {score_file(dev, [LABELS[i] for i in pdv])}")
    p, r, f, n = precision_recall_fscore_support(ydv, pdv, labels=[0, 1, 2])
    for k, lab in enumerate(LABELS):
        print(f"   {lab:9s} P {p[k]:.3f} R {r[k]:.3f} F1 {f[k]:.3f} ({n[k]})")
    tf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    base = LogisticRegression(C=1.0, max_iter=4000).fit(tf.fit_transform([x["sentence"] for x in train]), ytr)
    bpred = base.predict(tf.transform([x["sentence"] for x in dev]))
    print(f"anchor: TF-IDF + logistic regression on the sentence: dev macro-F1 {f1_score(ydv, bpred, average='macro'):.3f}")
    if args.write:
        out = {"about": "target-dependent tone (negative / neutral / positive toward a target); newsframe.target_tone",
               "data": "NewsMTSC (Hamborg and Donnay 2021) train split, 8,739 target mentions; MIT licence",
               "trained": datetime.date.today().isoformat(), "script": "bench/train_target_tone.py",
               "C": args.C, "labels": LABELS, "n_features": len(names),
               "figures": {"train_cv_macro_f1": round(cv, 3), "dev_macro_f1": round(dev_f1, 3),
                           "dev_accuracy": round(float((pdv == ydv).mean()), 3)},
               "config": {}, "intercepts": [round(float(x), 5) for x in model.intercept_],
               "weights": {nm: [round(float(model.coef_[j, i]), 5) for j in range(3)] for i, nm in enumerate(names)
                           if any(abs(model.coef_[j, i]) >= 1e-4 for j in range(3))}}
        target_tone.MODEL_PATH.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
        target_tone._model.cache_clear()
        print(f"wrote {target_tone.MODEL_PATH} ({target_tone.MODEL_PATH.stat().st_size / 1e6:.1f} MB, "
              f"{len(out['weights'])} features with a weight)")
        items = [(r["sentence"], r["start"], r["end"]) for r in dev]
        got = target_tone.predict_many(items)
        agree = np.mean([LABELS.index(g["label"]) == k for g, k in zip(got, pdv)])
        best = 0.0
        for _ in range(3):
            t0 = time.perf_counter()
            target_tone.predict_many(items)
            best = max(best, len(items) / (time.perf_counter() - t0))
        print(f"runtime model agrees with scikit-learn on {agree:.3f} of dev; speed {best:.0f} mentions/s (one process, best of 3)")


if __name__ == "__main__":
    main()
