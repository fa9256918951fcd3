"""A second opinion on each line: a small learned model over the rule cleaner's output.

The rule cleaner (:mod:`newsframe.reading.clean`) labels every line and picks the main block of prose. Its
mistakes on pages of unseen sites are mostly at the edges of that block: a list-shaped paragraph run
labelled a menu, a promo column kept beside the article, a caption or a footer line taken in. This
module looks at each non-blank line with what the rules found and its surroundings - the line's own
form (length, function words, sentence end, bullet, indentation), its two neighbours on each side,
the rule label and score, where it sits against the block the rules call the body, and how many of its
content words the rest of that body uses - and a logistic regression gives the probability that the
line is article text (the "line classification with context" of Kohlschütter, Fankhauser and Nejdl
2010, "Boilerplate detection using shallow text features", and Vogels, Ganea and Eickhoff 2018,
"Web2Text").

``bench/train_clean_model.py`` judges it by leave-site-out cross-validation over the boilerplate
benchmark's dev and train pages (figures in ``docs/BENCHMARKS.md``). It has not beaten the rules under
that CV (0.928 against 0.926, noise), so it is not shipped and the library does not read it;
``train_clean_model.py --write`` would write ``data/body_lines.json`` for a future runtime to use.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[1] / "lib" / "newsframe" / "data" / "body_lines.json"

GROUPS = ("body", "headline", "meta", "navigation", "furniture", "disclaimer", "caption", "repeat", "other")
_GROUP_OF = {"body": "body", "headline": "headline", "meta": "meta", "navigation": "navigation",
             "ticker": "furniture", "related": "furniture", "read_also": "furniture", "ad": "furniture",
             "tags": "furniture", "ui": "furniture", "comment": "furniture", "disclaimer": "disclaimer",
             "caption": "caption", "duplicate": "repeat", "teaser": "repeat"}
_OWN = ("log_words", "function_share", "ends_sentence", "bullet", "indented", "good", "near")
_CONTENT_MIN = 4     # content words: at least this many characters and not a function word


def feature_names() -> list[str]:
    names = [f"{k}" for k in _OWN] + [f"rule_{g}" for g in GROUPS] + ["rule_score"]
    for side in ("prev1", "prev2", "next1", "next2"):
        names += [f"{side}_{k}" for k in _OWN] + [f"{side}_rule_body", f"{side}_missing"]
    names += ["position", "before_body", "after_body", "inside_body", "log_distance_to_body",
              "body_word_overlap", "log_body_lines", "words_vs_body_median", "same_label_run"]
    return names


def _own(ln) -> list[float]:
    return [math.log1p(ln.words), ln.function_share, float(ln.ends_sentence), float(ln.bullet),
            float(ln.indent > 0), float(ln.kind == "good"), float(ln.kind == "near")]


def features(L) -> tuple[np.ndarray, list[int]]:
    """Feature rows (see :func:`feature_names`) for the non-blank lines of one page labelled by
    :func:`newsframe.reading.clean.label_lines`; returns ``(matrix, line indices)``."""
    from newsframe.reading.clean import function_words

    fw = function_words()
    nb = [ln for ln in L if ln.text]
    idx = [ln.i for ln in nb]
    n = len(nb)
    if not n:
        return np.zeros((0, len(feature_names()))), idx
    own = [_own(ln) for ln in nb]
    group = [_GROUP_OF.get(ln.label, "other") for ln in nb]
    body_pos = [k for k, g in enumerate(group) if g == "body"]
    first, last = (body_pos[0], body_pos[-1]) if body_pos else (n, -1)
    words = [[w for w in ln.key.split() if len(w) >= _CONTENT_MIN and w not in fw] for ln in nb]
    body_vocab: dict[str, int] = {}
    for k in body_pos:
        for w in set(words[k]):
            body_vocab[w] = body_vocab.get(w, 0) + 1
    body_words = sorted(nb[k].words for k in body_pos)
    median = body_words[len(body_words) // 2] if body_words else 1
    # distance (in non-blank lines) to the nearest rule body line, both directions in two sweeps
    dist = [n] * n
    d = n
    for k in range(n):
        d = 0 if group[k] == "body" else d + 1
        dist[k] = d
    d = n
    for k in range(n - 1, -1, -1):
        d = 0 if group[k] == "body" else d + 1
        dist[k] = min(dist[k], d)
    run = [1] * n
    for k in range(1, n):
        if group[k] == group[k - 1]:
            run[k] = run[k - 1] + 1
    for k in range(n - 2, -1, -1):
        if group[k] == group[k + 1]:
            run[k] = run[k + 1]
    missing = [0.0] * len(_OWN) + [0.0, 1.0]
    rows = []
    for k, ln in enumerate(nb):
        row = own[k] + [float(group[k] == g) for g in GROUPS] + [max(-20.0, min(40.0, ln.score)) / 10]
        for j in (k - 1, k - 2, k + 1, k + 2):
            row += own[j] + [float(group[j] == "body"), 0.0] if 0 <= j < n else missing
        ws = words[k]
        own_body = group[k] == "body"
        shared = sum(1 for w in set(ws) if body_vocab.get(w, 0) - own_body > 0) / len(set(ws)) if ws else 0.0
        row += [k / n, float(k < first), float(k > last), float(first <= k <= last),
                math.log1p(dist[k]), shared, math.log1p(len(body_pos)), math.log1p(ln.words) - math.log1p(median),
                math.log1p(run[k])]
        rows.append(row)
    return np.asarray(rows, dtype=float), idx


def write(weights, bias: float, threshold: float, pages: int, sites: int) -> None:
    """Write the model file (used by ``bench/train_clean_model.py --write``)."""
    MODEL_PATH.write_text(json.dumps({
        "about": "line model over the rule cleaner's labels; see bench/body_lines.py and bench/train_clean_model.py (figures in docs/BENCHMARKS.md)",
        "trained_on": f"{pages} pages from {sites} sites (boilerplate benchmark dev, MIT; train, Apache-2.0)",
        "threshold": threshold, "bias": round(bias, 6), "features": feature_names(),
        "weights": [round(float(w), 6) for w in weights]}, indent=1) + "\n", encoding="utf-8")
