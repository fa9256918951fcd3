"""Tone toward one target in a news sentence (target-dependent sentiment), with its drivers.

Whole-sentence sentiment scoring (VADER in :mod:`newsframe.framing`) gives every person in a
sentence the same tone. In "Smith praised Jones, while Brown was accused of lying" the sentence is
mixed, Jones is treated well and Brown badly. This module asks the narrower question of
**target-dependent sentiment classification**: what tone does the sentence's author convey
toward the one person marked by a character span? The labels are ``negative``, ``neutral`` and
``positive``.

Data and task: NewsMTSC (Hamborg and Donnay 2021, "NewsMTSC: A Dataset for (Multi-)Target-dependent
Sentiment Classification in Political News Articles", EACL 2021, doi:10.18653/v1/2021.eacl-main.142;
MIT licence). It holds about 11,000 crowd-annotated sentence/target pairs from US political news.
The weights in ``data/target_tone.json`` were fitted on its ``train`` split by
``bench/train_target_tone.py``; nothing of the data is shipped. ``docs/target_tone_model.md`` gives
the measured figures.

Method: a multinomial logistic regression (a linear model, so every decision can be explained)
over features that describe the words *in relation to the target*. The target span becomes a
placeholder token ``<T>``. The feature families are listed below; their names are the driver
strings a prediction returns.

* ``sent:w``: the words of the sentence (bag of words), with words in the scope of a negation
  (up to three tokens after "not", "never", "n't"... until punctuation) written ``NOT_w``
  (Pang, Lee and Vaithyanathan 2002). ``tgt3:...`` are the three-token sequences that contain
  the target (``tgt3:accused <T> of``). Word pairs of the whole sentence were tried and left out:
  they added 0.001 to the cross-validated macro-F1 and half the features.
* ``left1:w`` ... ``right9-12:w``: the words on each side of the target within 12 tokens,
  by distance bucket (1, 2, 3, 4-5, 6-8, 9-12). ``left1:<s>`` means the target opens the sentence.
* ``clause:w``: words of the clause around the target, where clauses end at punctuation and at
  words such as "while", "but", "who", "because". ``clause_opened_by:w`` is that boundary word.
* Quotations: ``target_in_quote``, ``quote_elsewhere``, and ``other_voice:w`` for words on the
  other side of a quotation boundary from the target (the quoted words of a speaker, or the
  narration around a quote that names the target).
* Speaker cues: ``target_says`` ("X said", "X also told"), ``says_target`` ('", said X'),
  ``according_to_target``, ``target_is_speaker`` and ``target_is_speaker_of_quote``. A person who
  speaks in a news sentence is usually treated neutrally even if the quote is harsh.
* Position and form: ``target_pronoun`` (he, she, his...), ``target_possessive``,
  ``target_starts_sentence``, ``target_starts_clause`` (the subject, roughly),
  ``target_after_preposition``, ``target_after_by`` (the agent of a passive), and
  ``target_relative_position`` (0 at the start of the sentence, 1 at the end).
* VADER valence (Hutto and Gilbert 2014; the lexicon ships inside the ``vaderSentiment``
  package): the positive and negative valence of the lexicon words, flipped and damped by 0.74
  after a negation as VADER does, summed over the sentence, the clause, the words in the same
  voice (quoted or not) as the target, and weighted by ``exp(-(d-1)/4)`` for a word ``d`` tokens
  left or right of the target. Valence is also split into ``clear`` and ``blocked`` by whether
  another capitalised name or a personal pronoun stands between the target and the word
  (the sentiment may be about that other person). VADER's compound score of the whole sentence,
  and its per-word valences (after VADER's booster, negation and "but" rules) summed over the
  ten words each side of the target and squashed the same way, come in as four more features
  (``vader_compound_sentence_neg``, ``vader_compound_window_pos``...). In the drivers the
  valence sums are split by word: ``vader:accused``.
* Learned lexicon (``lexicon:w``, ``lexicon_near:w``): for every training word, the centred log
  probability of meeting it in a sentence of each label, with add-one smoothing (the
  multinomial naive Bayes estimate; used as features as in Wang and Manning 2012, "Baselines and
  Bigrams"). One table counts every word of the sentence, one only the words within four tokens
  of the target. Each table is summed over the sentence's words with distance weights
  ``exp(-(d-1)/2)`` and ``exp(-(d-1)/6)`` (and, for the sentence table, a mean), giving three
  features per label. This pools evidence that the sparse word features spread over thousands
  of columns. In training, the tables for a training item come from the other folds
  (cross-fitting, as in stacking, Wolpert 1992), so the regression does not trust tables that
  have seen the item's own label.

Fitting (``bench/train_target_tone.py``): scikit-learn's ``LogisticRegression`` (L2 penalty,
C chosen by 5-fold cross-validation on train with the folds grouped by sentence), sparse features
kept when at least two training targets have them, then dropped when no label's weight differs
from the feature's mean weight by 0.01 (that pruning left the cross-validated figure unchanged).

Drivers: the contribution of a feature ``j`` toward label ``k`` is ``x_j * (W[k, j] - mean_c
W[c, j])``, its weight measured against the average of the three labels' weights, so a feature
that pushes every label equally counts zero. Summed features (VADER, learned lexicon) are split
into their words. The drivers are the up to five largest positive contributions toward the
chosen label.

Hand-written here because no library fits: scikit-learn trains the model (in the bench script)
but the runtime needs only the standard library, numpy and the VADER lexicon, and the features
need the target's position, which general sentiment libraries ignore. Limits: no parser, so
"subject" and "speaker" are guesses from word order; no coreference, so a pronoun target is
judged by its own sentence only. ``docs/target_tone_model.md`` gives the figures: about two
thirds of the targets are labelled right, fine-tuned transformers reach about 0.83 macro-F1 on
the same data.

The features are computed in :mod:`newsframe.target_tone_features`; this module holds the model
(:class:`TargetToneModel`), loads its weights and predicts.
"""
from __future__ import annotations

import heapq
import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from .target_tone_features import (FeatureSpec, LABELS, base_features, check_span, lexicon_features, lexicon_keys,
    lexicon_prefix)
# public names of the module split off, importable from here as before
from .target_tone_features import (TARGET_TOKEN, distance_bucket, tokenize, sentence_vader, window_compound,
    lexicon_arrays)  # noqa: F401

MODEL_PATH = Path(__file__).resolve().parent / "data" / "target_tone.json"
MAX_DRIVERS = 5


_SUMMED_PREFIXES = ("vader_pos_", "vader_neg_")  # VADER sums, split into words in the drivers


class TargetToneModel:
    """The fitted model: vocabulary, weights, intercepts, learned-lexicon tables and feature spec."""

    def __init__(self, data: dict):
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"model labels {data['labels']} differ from {LABELS}")
        self.data = data
        self.spec = FeatureSpec(data["features"])
        self.tables = {k: {w: tuple(v) for w, v in t.items()} for k, t in data["lexicon_tables"].items()}
        names = sorted(data["weights"])
        self.names = names
        self.vocab = {name: j for j, name in enumerate(names)}
        self.W = np.array([data["weights"][name] for name in names], dtype=float).reshape(len(names), len(LABELS))
        self.b = np.array(data["intercepts"], dtype=float)
        self.U = self.W - self.W.mean(axis=1, keepdims=True)  # weight against the labels' average
        self.summed = np.array([name.startswith(_SUMMED_PREFIXES) for name in names], dtype=bool)
        self.lexicon_index = []  # per table: aggregates x labels vocabulary indices
        for keys in lexicon_keys(self.spec):
            missing = [k for row in keys for k in row if k not in self.vocab]
            if missing:
                raise ValueError(f"model file lacks the learned-lexicon weights {missing}")
            self.lexicon_index.append(np.array([[self.vocab[k] for k in row] for row in keys]))
        # fast path: per table and word, the word's pull on the three labels' scores for each
        # aggregate (its log probabilities times the weights of the lexicon features)
        scale = self.spec.lexicon_scale
        self.lexicon_pull = []
        for tdef, index in zip(self.spec.lexicon_tables, self.lexicon_index):
            table = self.tables[tdef["name"]]
            if not table:
                self.lexicon_pull.append({})
                continue
            words = sorted(table)
            V = np.array([table[w] for w in words], dtype=float)           # words x labels(c)
            pull = scale * np.einsum("wc,ack->wak", V, self.W[index])       # words x aggregates x labels(k)
            self.lexicon_pull.append(dict(zip(words, pull)))

    def features(self, sentence, start, end, *, compound_cache=None) -> dict:
        """All features of one target (name -> value), as the weights were fitted on."""
        f, lt = base_features(sentence, start, end, self.spec, compound_cache=compound_cache)
        f.update(lexicon_features(lt, self.tables, self.spec))
        return f

    def _aggregate_weights(self, tdef: dict, dists: list) -> np.ndarray:
        """words x aggregates: ``exp(-(d-1)/N)`` for ``decayN``, ``1/sqrt(m)`` for ``mean``."""
        cols = []
        for agg in tdef["aggregates"]:
            if agg == "mean":
                cols.append([1.0 / math.sqrt(len(dists))] * len(dists))
            else:
                cols.append([math.exp(-(d - 1) / float(agg[5:])) for d in dists])
        return np.array(cols, dtype=float).T

    def predict_one(self, sentence, start, end, *, compound_cache=None) -> dict:
        check_span(sentence, start, end)
        parts: dict = {}
        f, lt = base_features(sentence, start, end, self.spec, parts=parts, compound_cache=compound_cache)
        get = self.vocab.get
        hits = [(j, v) for j, v in ((get(name), v) for name, v in f.items()) if j is not None and v]
        idx = [j for j, _v in hits]
        x = np.array([v for _j, v in hits], dtype=float)
        z = self.b + x @ self.W[idx]
        lex = []
        for tdef, pull in zip(self.spec.lexicon_tables, self.lexicon_pull):
            maxd = tdef.get("max_distance")
            found = [(w, d) for w, d in lt if (maxd is None or d <= maxd) and w in pull]
            if not found:
                continue
            wts = self._aggregate_weights(tdef, [d for _w, d in found])        # words x aggregates
            word_pull = np.einsum("wa,wak->wk", wts, np.array([pull[w] for w, _d in found]))
            z = z + word_pull.sum(axis=0)
            lex.append((lexicon_prefix(tdef["name"]) + ":", [w for w, _d in found], word_pull))
        p = np.exp(z - z.max())
        p = p / p.sum()
        k = int(np.argmax(p))
        # drivers: weight x value against the labels' average, sums split into words
        contrib = x * self.U[idx, k]
        contrib[self.summed[idx]] = 0.0
        drivers: dict[str, float] = {}
        for r in np.argsort(-contrib, kind="stable")[:MAX_DRIVERS].tolist():
            if contrib[r] > 0:
                drivers[self.names[idx[r]]] = float(contrib[r])
        Uk = self.U[:, k]
        for label, comp in parts.items():
            c = sum(v * Uk[get(fk)] for fk, v in comp.items() if fk in self.vocab)
            if c > 0:
                drivers[label] = drivers.get(label, 0.0) + c
        for prefix, words, word_pull in lex:
            per_word = word_pull[:, k] - word_pull.sum(axis=1) / len(LABELS)
            for w, c in zip(words, per_word.tolist()):
                if c > 0:
                    drivers[prefix + w] = drivers.get(prefix + w, 0.0) + c
        top = heapq.nsmallest(MAX_DRIVERS, drivers.items(), key=lambda kv: (-kv[1], kv[0]))
        return {"label": LABELS[k],
                "probabilities": {lab: round(float(q), 6) for lab, q in zip(LABELS, p)},
                "drivers": [name for name, _c in top]}


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> TargetToneModel:
    """The model of ``data/target_tone.json`` (or ``path``), loaded once."""
    p = Path(path) if path else MODEL_PATH
    with open(p, encoding="utf-8") as fh:
        return TargetToneModel(json.load(fh))


def predict(sentence: str, start: int, end: int) -> dict:
    """Tone toward the target ``sentence[start:end]`` (``end`` exclusive).

    Returns ``{"label", "probabilities", "drivers"}``: the label (negative, neutral or
    positive), the probability of each label, and up to five driver strings, the features that
    pushed most toward the chosen label, strongest first. Raises ValueError for offsets that do
    not mark a non-empty span of the sentence.
    """
    return load_model().predict_one(sentence, start, end)


def predict_many(items) -> list[dict]:
    """:func:`predict` for an iterable of ``(sentence, start, end)``; sentence-level VADER scores
    are computed once per distinct sentence."""
    model = load_model()
    cache: dict = {}
    return [model.predict_one(s, a, b, compound_cache=cache) for s, a, b in items]


def model_info() -> dict:
    """What the model file says about itself: training data, licence, figures, date, size."""
    d = load_model().data
    keys = ("model", "trained_on", "training_data", "licence", "citation", "date", "cv", "dev",
            "hyperparameters", "n_features", "labels")
    info = {k: d[k] for k in keys if k in d}
    info["n_features"] = len(d["weights"])
    return info
