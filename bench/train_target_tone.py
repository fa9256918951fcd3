"""Train and judge the target-tone model (newsframe.target_tone) on NewsMTSC.

    .venv/bin/python bench/train_target_tone.py [--write] [--grid] [--folds 5] [--C 0.02]

Data: ``$NEWSFRAME_SHARED/benchmarks/tone/`` (default ``../shared/benchmarks/tone``): ``train.jsonl``
(8,739 targets, NewsMTSC train) to fit, ``dev.jsonl`` (1,476, NewsMTSC devtest_mt) to check, and
the benchmark's scorer ``score.py``. NewsMTSC: Hamborg and Donnay (2021), MIT licence. Nothing of the
data is copied into the repository; the shipped file ``lib/newsframe/data/target_tone.json`` holds
only weights, the learned-lexicon tables (per-word numbers) and the feature word lists.

Protocol: hyperparameters are chosen by **cross-validation on train, grouped by sentence**
(StratifiedGroupKFold, 5 folds, fixed seed; all targets of one sentence in one fold, because
several targets share a sentence). The learned-lexicon tables are cross-fitted inside every
training fold (each training item gets tables counted without it), and the held-out fold gets
tables from its whole training part, as at run time. dev is scored once, with the runtime code
on the rounded weights of the JSON, through ``score.py``. ``--grid`` prints the CV figure for a
few values of C (the inverse L2 penalty) first. Printed: CV macro-F1/accuracy, dev macro-F1/accuracy
and per-label P/R/F1 (score.py's output), the anchors recomputed (TF-IDF + logistic regression on
the sentence, VADER on the sentence and on a +-10-word window), speed in mentions/s (one core,
``predict_many`` over dev, features and drivers included), and the size of the JSON.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedGroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))
from newsframe import target_tone as tt  # noqa: E402

SHARED = Path(os.environ.get("NEWSFRAME_SHARED") or ROOT.parent / "shared")
BENCH = SHARED / "benchmarks" / "tone"
OUT = ROOT / "lib" / "newsframe" / "data" / "target_tone.json"
LABELS = list(tt.LABELS)

SEED = 13
FOLDS = 5
INNER_FOLDS = 5          # cross-fitting of the learned-lexicon tables inside a training set
C_DEFAULT = 0.02         # inverse L2 penalty; --grid shows the CV figures behind it
C_GRID = (0.01, 0.02, 0.03, 0.05)
MIN_DF = 2               # a sparse feature must occur in >= 2 training items
NB_ALPHA = 1.0           # add-one smoothing of the learned-lexicon counts
NB_MIN_COUNT = 2         # a word must occur in >= 2 training items to enter a table
ROUND = 5                # decimals of the shipped weights
PRUNE = 0.01             # sparse features whose weights differ from their labels' mean by < this are dropped

# Closed-class word lists the features need (hand-compiled for this model; the VADER negations come
# from the vaderSentiment package). They are written into the JSON so that the runtime reads them.
SAY_VERBS = ["said", "says", "say", "saying", "told", "tells", "added", "adds", "wrote", "writes", "tweeted",
             "tweets", "stated", "states", "noted", "notes", "explained", "explains", "asked", "asks", "replied",
             "recalled", "continued", "argued", "argues", "claimed", "claims", "insisted", "insists", "declared",
             "announced", "acknowledged", "admitted", "warned", "suggested", "responded", "remarked", "observed",
             "posted", "answered", "conceded", "contended", "complained", "predicted", "speculated"]
SAY_FILLERS = ["also", "has", "had", "later", "then", "previously", "recently", "once", "repeatedly", "often",
               "have", "again", "separately", "simply", "quickly", "flatly", "bluntly", "emphatically", "privately",
               "publicly"]
PRONOUNS = ["he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "i", "me", "my", "mine",
            "we", "us", "our", "you", "your", "it", "its", "himself", "herself", "themselves", "who", "whom",
            "whose", "'m", "m"]
PERSON_PRONOUNS = ["he", "she", "him", "her", "his", "they", "them", "their", "himself", "herself"]
PREPOSITIONS = ["of", "for", "with", "against", "to", "on", "about", "by", "from", "at", "in", "over", "toward",
                "towards", "into", "like", "than", "as", "under", "behind", "after", "before", "between", "among",
                "despite", "through"]
CLAUSE_WORDS = ["while", "but", "although", "though", "whereas", "because", "since", "unless", "however", "yet",
                "who", "which", "whom", "whose", "when", "where", "after", "before", "if", "and", "so", "that"]
CLAUSE_PUNCTUATION = [",", ";", ":", "\u2014", "\u2013", "(", ")", "-", "--", "[", "]", ".", "?", "!"]
TITLES = ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "judge", "justice", "gen",
          "secretary"]
EXTRA_NEGATIONS = ["n't", "no", "nobody", "nor", "cannot", "neither", "never", "none", "nothing", "not", "without",
                   "hardly", "barely"]
LEXICON_STOPWORDS = "the a an of to in and or is was be been are were that this it for on with as at by from".split()

SETTINGS = {
    "max_distance": 12,        # window features: tokens each side of the target
    "negation_scope": 3,       # tokens after a negation marked NOT_
    "negation_factor": -0.74,  # VADER's own negation scalar
    "vader_scale": 0.25,       # VADER valences (-4..4) times this
    "vader_decay": 4.0,        # exp(-(d-1)/4) distance weight of VADER valence near the target
    "compound_window": 10,     # words each side for the window VADER compound
    "lexicon_scale": 0.5,      # learned-lexicon features times this
    "lexicon_tables": [
        {"name": "sentence", "max_distance": None, "aggregates": ["decay2", "decay6", "mean"]},
        {"name": "near", "max_distance": 4, "aggregates": ["decay2", "decay6"]},
    ],
}


def feature_spec() -> dict:
    from vaderSentiment.vaderSentiment import NEGATE

    lists = {"negations": sorted(set(NEGATE) | set(EXTRA_NEGATIONS)), "say_verbs": sorted(SAY_VERBS),
             "say_fillers": sorted(SAY_FILLERS), "pronouns": sorted(PRONOUNS),
             "person_pronouns": sorted(PERSON_PRONOUNS), "prepositions": sorted(PREPOSITIONS),
             "clause_words": sorted(CLAUSE_WORDS), "clause_punctuation": sorted(CLAUSE_PUNCTUATION),
             "titles": sorted(TITLES), "lexicon_stopwords": sorted(LEXICON_STOPWORDS)}
    return {"lists": lists, "settings": SETTINGS}


def load(name: str) -> list[dict]:
    path = BENCH / name
    if not path.exists():
        sys.exit(f"{path} not found (set NEWSFRAME_SHARED to the shared folder)")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ----------------------------------------------------------------------------- learned lexicon
def lexicon_keys(spec: tt.FeatureSpec) -> list[str]:
    """The names of the learned-lexicon features, sorted (their columns in the training matrix)."""
    return sorted(k for table in tt.lexicon_keys(spec) for row in table for k in row)


def nb_tables(idx, y, lex_tokens, spec: tt.FeatureSpec) -> dict:
    """Per table: word -> centred log P(word | label), add-alpha smoothed (multinomial NB over items)."""
    tot = np.bincount(y[idx], minlength=3).astype(float)
    tables = {}
    for t in spec.lexicon_tables:
        maxd = t["max_distance"]
        counts = [Counter() for _ in LABELS]
        for i in idx:
            counts[y[i]].update({w for w, d in lex_tokens[i] if maxd is None or d <= maxd})
        table = {}
        for w in sorted(set().union(*counts)):
            c = np.array([counts[k][w] for k in range(3)], dtype=float)
            if c.sum() < NB_MIN_COUNT:
                continue
            lp = np.log((c + NB_ALPHA) / (tot + 2 * NB_ALPHA))
            table[w] = tuple(float(v) for v in lp - lp.mean())
        tables[t["name"]] = table
    return tables


def lexicon_matrix(rows, lex_tokens, tables, spec, keys) -> np.ndarray:
    col = {k: j for j, k in enumerate(keys)}
    M = np.zeros((len(rows), len(keys)))
    for r, i in enumerate(rows):
        for k, v in tt.lexicon_features(lex_tokens[i], tables, spec).items():
            M[r, col[k]] = v
    return M


def crossfit_lexicon(idx, y, groups, lex_tokens, spec, keys) -> np.ndarray:
    """Learned-lexicon features of the items ``idx``, each from tables that did not count it."""
    M = np.zeros((len(idx), len(keys)))
    inner = StratifiedGroupKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=SEED + 1)
    for a, b in inner.split(np.zeros(len(idx)), y[idx], groups[idx]):
        tables = nb_tables(idx[a], y, lex_tokens, spec)
        M[b] = lexicon_matrix(idx[b], lex_tokens, tables, spec, keys)
    return M


def min_df_mask(X) -> np.ndarray:
    return np.asarray((X != 0).sum(axis=0)).ravel() >= MIN_DF


def fit_lr(X, y, C):
    return LogisticRegression(C=C, max_iter=5000, tol=1e-6).fit(X, y)


def pruned(model, n_lexicon: int) -> tuple[np.ndarray, np.ndarray]:
    """``(weights labels x features with the small sparse ones zeroed, kept mask)``: a sparse feature is
    kept when, for some label, its weight differs from the mean of its three weights by >= PRUNE (the
    learned-lexicon features, the last ``n_lexicon`` columns, are always kept)."""
    W = model.coef_.copy()
    keep = np.abs(W - W.mean(axis=0, keepdims=True)).max(axis=0) >= PRUNE
    if n_lexicon:
        keep[-n_lexicon:] = True
    W[:, ~keep] = 0.0
    return W, keep


def cross_validate(Xb, y, groups, lex_tokens, spec, keys, C, folds):
    pred = np.zeros(len(y), dtype=int)
    outer = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for tr, te in outer.split(np.zeros(len(y)), y, groups):
        mask = min_df_mask(Xb[tr])
        if keys:
            Ltr = crossfit_lexicon(tr, y, groups, lex_tokens, spec, keys)
            Lte = lexicon_matrix(te, lex_tokens, nb_tables(tr, y, lex_tokens, spec), spec, keys)
        else:  # ablation without the learned lexicon
            Ltr, Lte = np.zeros((len(tr), 0)), np.zeros((len(te), 0))
        m = fit_lr(sp.hstack([Xb[tr][:, mask], sp.csr_matrix(Ltr)]).tocsr(), y[tr], C)
        W, _keep = pruned(m, len(keys))
        scores = sp.hstack([Xb[te][:, mask], sp.csr_matrix(Lte)]).tocsr() @ W.T + m.intercept_
        pred[te] = np.asarray(scores).argmax(axis=1)
    per = f1_score(y, pred, average=None, labels=[0, 1, 2])
    return {"macro_f1": round(float(per.mean()), 4), "accuracy": round(float(accuracy_score(y, pred)), 4),
            "f1_per_label": {lab: round(float(v), 4) for lab, v in zip(LABELS, per)}}


# ----------------------------------------------------------------------------- scoring
def run_score(dev_path: Path, preds: list[tuple[str, str]]) -> tuple[dict, str]:
    """Write ``{"id","label"}`` lines and score them with the benchmark's score.py."""
    with tempfile.TemporaryDirectory() as tmp:
        pred_path, json_path = Path(tmp) / "pred.jsonl", Path(tmp) / "metrics.json"
        with open(pred_path, "w", encoding="utf-8") as fh:
            for pid, label in preds:
                fh.write(json.dumps({"id": pid, "label": label}) + "\n")
        out = subprocess.run([sys.executable, str(BENCH / "score.py"), "--gold", str(dev_path), "--pred",
                              str(pred_path), "--json", str(json_path)], capture_output=True, text=True, check=True)
        return json.loads(json_path.read_text(encoding="utf-8")), out.stdout


def summary(m: dict) -> str:
    per = m["per_label"]
    return (f"macro-F1 {m['macro_f1']:.4f}  accuracy {m['accuracy']:.4f}  F1 neg/neu/pos "
            + " / ".join(f"{per[lab]['f1']:.3f}" for lab in LABELS))


def anchors(train, dev, dev_path):
    """The README's anchors, recomputed: TF-IDF + LR on the sentence (target as [TGT]), VADER."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    def masked(r):
        return r["sentence"][:r["start"]] + " [TGT] " + r["sentence"][r["end"]:]

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    Xtr = vec.fit_transform([masked(r) for r in train])
    lr = LogisticRegression(max_iter=3000).fit(Xtr, [r["label"] for r in train])
    out = {"tfidf_lr_sentence": run_score(dev_path, list(zip([r["id"] for r in dev],
                                                              lr.predict(vec.transform([masked(r) for r in dev])))))[0]}
    an = SentimentIntensityAnalyzer()

    def lab(c):
        return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"

    out["vader_sentence"] = run_score(dev_path, [(r["id"], lab(an.polarity_scores(r["sentence"])["compound"]))
                                                 for r in dev])[0]
    win = []
    for r in dev:
        s = r["sentence"]
        words = s[:r["start"]].split()[-10:] + [s[r["start"]:r["end"]]] + s[r["end"]:].split()[:10]
        win.append((r["id"], lab(an.polarity_scores(" ".join(words))["compound"])))
    out["vader_window10"] = run_score(dev_path, win)[0]
    return out


FAMILIES = {  # feature family: name prefixes (for --ablation)
    "sentence words (sent:)": ("sent:",),
    "trigrams through the target (tgt3:)": ("tgt3:",),
    "left/right windows by distance": ("left", "right"),
    "clause words": ("clause:", "clause_opened_by:"),
    "quotation (target_in_quote, other_voice:)": ("target_in_quote", "quote_elsewhere", "other_voice:"),
    "speaker cues": ("target_says", "says_target", "according_to_target", "target_is_speaker"),
    "position and form (pronoun, possessive, start...)": ("target_pronoun", "target_possessive", "target_starts_",
                                                          "target_after_", "target_relative_position"),
    "VADER valence sums": ("vader_pos_", "vader_neg_"),
    "VADER compound (sentence, window)": ("vader_compound_",),
}


def ablation(base, y, groups, lex_tokens, spec, keys, C, folds, reference):
    """CV macro-F1 with one feature family left out at a time (the learned lexicon too)."""
    print(f"ablation (CV macro-F1 without the family; full model {reference:.4f}):")
    out = {}
    for family, prefixes in FAMILIES.items():
        X = DictVectorizer(sort=True).fit_transform(
            [{k: v for k, v in f.items() if not k.startswith(prefixes)} for f in base]).tocsr()
        r = cross_validate(X, y, groups, lex_tokens, spec, keys, C, folds)
        out[family] = round(reference - r["macro_f1"], 4)
        print(f"  without {family:52s} {r['macro_f1']:.4f}  (family adds {reference - r['macro_f1']:+.4f})", flush=True)
    X = DictVectorizer(sort=True).fit_transform(base).tocsr()
    r = cross_validate(X, y, groups, lex_tokens, spec, [], C, folds)
    out["learned lexicon"] = round(reference - r["macro_f1"], 4)
    print(f"  without {'learned lexicon (lexicon:, lexicon_near:)':52s} {r['macro_f1']:.4f}  "
          f"(family adds {reference - r['macro_f1']:+.4f})", flush=True)
    return out


def measure_speed(model, items, repeats=3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        cache: dict = {}
        for s, a, b in items:
            model.predict_one(s, a, b, compound_cache=cache)
        best = min(best, time.perf_counter() - t0)
    return len(items) / best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    ap.add_argument("--grid", action="store_true", help="print the CV figure for each C of the grid first")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--C", type=float, default=C_DEFAULT)
    ap.add_argument("--ablation", action="store_true", help="CV without each feature family (slow)")
    ap.add_argument("--no-anchors", action="store_true")
    a = ap.parse_args(argv)

    train, dev = load("train.jsonl"), load("dev.jsonl")
    spec_dict = feature_spec()
    spec = tt.FeatureSpec(spec_dict)
    y = np.array([LABELS.index(r["label"]) for r in train])
    sentence_id = {s: i for i, s in enumerate(sorted({r["sentence"] for r in train}))}
    groups = np.array([sentence_id[r["sentence"]] for r in train])
    print(f"train {len(train)} targets in {len(sentence_id)} sentences {dict(Counter(r['label'] for r in train))}; "
          f"dev {len(dev)}")

    t0 = time.perf_counter()
    base, lex_tokens = [], []
    for r in train:
        f, lt = tt.base_features(r["sentence"], r["start"], r["end"], spec)
        base.append(f)
        lex_tokens.append(lt)
    dv = DictVectorizer(sort=True)
    Xb = dv.fit_transform(base).tocsr()
    base_names = dv.get_feature_names_out()
    keys = lexicon_keys(spec)
    print(f"features: {Xb.shape[1]} sparse (before min_df {MIN_DF}) + {len(keys)} learned-lexicon; "
          f"{time.perf_counter() - t0:.1f}s")

    if a.grid:
        for C in C_GRID:
            r = cross_validate(Xb, y, groups, lex_tokens, spec, keys, C, a.folds)
            print(f"  grid C={C}: CV macro-F1 {r['macro_f1']:.4f} accuracy {r['accuracy']:.4f}", flush=True)
    cv = cross_validate(Xb, y, groups, lex_tokens, spec, keys, a.C, a.folds)
    cv.update({"folds": a.folds, "grouped_by": "sentence", "C": a.C})
    print(f"CV on train ({a.folds} folds grouped by sentence, C={a.C}): macro-F1 {cv['macro_f1']:.4f} "
          f"accuracy {cv['accuracy']:.4f} F1 neg/neu/pos " + " / ".join(f"{cv['f1_per_label'][lab]:.3f}" for lab in LABELS),
          flush=True)
    if a.ablation:
        cv["family_gain"] = ablation(base, y, groups, lex_tokens, spec, keys, a.C, a.folds, cv["macro_f1"])

    # final fit on all of train
    idx = np.arange(len(y))
    mask = min_df_mask(Xb)
    L = crossfit_lexicon(idx, y, groups, lex_tokens, spec, keys)
    model = fit_lr(sp.hstack([Xb[:, mask], sp.csr_matrix(L)]).tocsr(), y, a.C)
    names = list(base_names[mask]) + keys
    assert list(model.classes_) == [0, 1, 2]
    W, keep = pruned(model, len(keys))
    print(f"fitted on all of train: {len(names) - len(keys)} sparse features with min_df {MIN_DF}, "
          f"{int(keep.sum()) - len(keys)} kept after pruning (|w - mean| >= {PRUNE})")
    weights = {name: [round(float(v), ROUND) for v in W[:, j]] for j, name in enumerate(names) if keep[j]}
    tables = nb_tables(idx, y, lex_tokens, spec)
    data = {
        "model": "newsframe.target_tone: multinomial logistic regression over target-aware features",
        "labels": LABELS,
        "trained_on": "NewsMTSC train.jsonl (8,739 targets), dev check on devtest_mt (dev.jsonl, 1,476)",
        "training_data": "NewsMTSC (Hamborg & Donnay 2021), MIT",
        "licence": "Training data NewsMTSC, MIT License, Copyright 2020 Felix Hamborg; VADER lexicon (vaderSentiment), MIT",
        "citation": "Felix Hamborg and Karsten Donnay. 2021. NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment "
                    "Classification in Political News Articles. EACL 2021, pages 1663-1675. doi:10.18653/v1/2021.eacl-main.142",
        "date": _dt.date.today().isoformat(),
        "hyperparameters": {"C": a.C, "penalty": "l2", "min_df": MIN_DF, "nb_alpha": NB_ALPHA,
                            "nb_min_count": NB_MIN_COUNT, "inner_folds": INNER_FOLDS, "seed": SEED,
                            "weights_rounded_to": ROUND, "prune": PRUNE},
        "cv": cv,
        "features": spec_dict,
        "intercepts": [round(float(v), ROUND) for v in model.intercept_],
        "weights": dict(sorted(weights.items())),
        "lexicon_tables": {k: {w: [round(v, 4) for v in vec] for w, vec in sorted(t.items())} for k, t in tables.items()},
    }

    # dev, through the runtime code on the rounded weights
    rt = tt.TargetToneModel(json.loads(json.dumps(data)))
    cache: dict = {}
    preds = [(r["id"], rt.predict_one(r["sentence"], r["start"], r["end"], compound_cache=cache)["label"]) for r in dev]
    dev_metrics, printed = run_score(BENCH / "dev.jsonl", preds)
    print("dev (score.py):")
    print("  " + printed.strip().replace("\n", "\n  "))
    data["dev"] = {"macro_f1": round(dev_metrics["macro_f1"], 4), "accuracy": round(dev_metrics["accuracy"], 4),
                   "kappa": round(dev_metrics["kappa"], 4),
                   "per_label": {lab: {k: round(v, 4) for k, v in dev_metrics["per_label"][lab].items()
                                       if k in ("precision", "recall", "f1")} for lab in LABELS}}

    # sentences of dev whose targets differ in gold: how often does the model tell them apart?
    by_sentence: dict = {}
    for r, (_pid, lab) in zip(dev, preds):
        by_sentence.setdefault(r["sentence"], []).append((r["label"], lab))
    mixed = [v for v in by_sentence.values() if len({g for g, _ in v}) > 1]
    told_apart = sum(len({p for _, p in v}) > 1 for v in mixed)
    print(f"dev sentences whose targets differ in gold: {len(mixed)}; the model gives them differing labels in "
          f"{told_apart}")
    data["dev"]["mixed_sentences_told_apart"] = f"{told_apart}/{len(mixed)}"

    if not a.no_anchors:
        print("anchors recomputed on dev (score.py):")
        for name, m in anchors(train, dev, BENCH / "dev.jsonl").items():
            print(f"  {name:18s} {summary(m)}")
            data["dev"].setdefault("anchors", {})[name] = round(m["macro_f1"], 4)

    items = [(r["sentence"], r["start"], r["end"]) for r in dev]
    speed = measure_speed(rt, items)
    print(f"speed: {speed:,.0f} mentions/s (one core, predict with drivers, {len(items)} dev mentions, best of 3)")
    # (the speed is printed, not stored: the file must be the same bytes on every run of the same data)
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    print(f"model: {len(weights)} weights x 3 labels, lexicon tables "
          + ", ".join(f"{k} {len(t)} words" for k, t in tables.items())
          + f"; JSON {len(text.encode('utf-8')) / 1e6:.2f} MB")
    if a.write:
        OUT.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
