"""Tone toward a target (newsframe.target_tone): labels, drivers, two targets of one sentence told apart,
bad offsets, predict_many, determinism, the shipped model file.

The sentences are written for these tests (none comes from NewsMTSC). The model file ships with the
package, so only the last test needs the shared benchmark folder, and it skips without it.
"""
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from newsframe import target_tone

LOADED = "Smith praised Jones for her courage, while Brown was accused of lying."
TWO_TARGETS = [  # (sentence, target, label the wording makes obvious)
    (LOADED, "Jones", "positive"),
    (LOADED, "Brown", "negative"),
    ("The senator thanked Garcia for her tireless work, but blasted Miller as a corrupt liar.", "Garcia", "positive"),
    ("The senator thanked Garcia for her tireless work, but blasted Miller as a corrupt liar.", "Miller", "negative"),
    ("\u201cWilson is a disgrace and a fraud,\u201d Taylor said.", "Wilson", "negative"),
    ("\u201cWilson is a disgrace and a fraud,\u201d Taylor said.", "Taylor", "neutral"),
    ("Adams won praise for her brilliant handling of the crisis, while Clarke was widely mocked.", "Adams", "positive"),
    ("Adams won praise for her brilliant handling of the crisis, while Clarke was widely mocked.", "Clarke", "negative"),
]


def span(sentence, target):
    a = sentence.index(target)
    return sentence, a, a + len(target)


def at(sentence, target):
    return target_tone.predict(*span(sentence, target))


def test_label_probabilities_and_drivers_have_the_promised_form():
    out = at(LOADED, "Brown")
    assert set(out) == {"label", "probabilities", "drivers"}
    assert out["label"] in target_tone.LABELS
    assert set(out["probabilities"]) == set(target_tone.LABELS)
    assert sum(out["probabilities"].values()) == pytest.approx(1.0, abs=1e-4)
    assert out["label"] == max(out["probabilities"], key=out["probabilities"].get)
    assert 0 < len(out["drivers"]) <= target_tone.MAX_DRIVERS
    assert all(isinstance(d, str) and d for d in out["drivers"])


def test_drivers_of_a_loaded_sentence_name_its_words():
    drivers = at(LOADED, "Brown")["drivers"]
    assert any("accused" in d or "lying" in d for d in drivers), drivers


@pytest.mark.parametrize("sentence, target, label", TWO_TARGETS)
def test_two_targets_of_one_sentence_get_the_labels_the_wording_gives(sentence, target, label):
    assert at(sentence, target)["label"] == label


def test_the_speaker_of_a_harsh_quote_is_neutral_and_its_subject_is_not():
    s = "\u201cWilson is a disgrace and a fraud,\u201d Taylor said."
    taylor = at(s, "Taylor")
    assert taylor["label"] == "neutral"
    assert "target_is_speaker" in taylor["drivers"]


def test_a_plain_report_is_neutral():
    assert at("Hughes met the ambassador on Tuesday to discuss the trade agreement.", "Hughes")["label"] == "neutral"


@pytest.mark.parametrize("start, end", [(5, 5), (6, 5), (-1, 3), (3, 999), (999, 1000)])
def test_invalid_offsets_raise(start, end):
    with pytest.raises(ValueError):
        target_tone.predict(LOADED, start, end)


@pytest.mark.parametrize("bad", [("x", 0), (0, None), (True, 3), (0.0, 3)])
def test_offsets_that_are_no_integers_raise(bad):
    with pytest.raises(ValueError, match="int"):
        target_tone.predict(LOADED, *bad)


def test_blank_span_and_non_text_raise():
    with pytest.raises(ValueError, match="whitespace"):
        target_tone.predict("Smith  Jones", 5, 7)
    with pytest.raises(ValueError, match="str"):
        target_tone.predict(None, 0, 1)
    with pytest.raises(ValueError):
        target_tone.predict_many([(LOADED, 0, 0)])


def test_predict_many_equals_predict_one_by_one_and_is_deterministic():
    items = [span(s, t) for s, t, _label in TWO_TARGETS]
    many = target_tone.predict_many(items)
    assert many == [target_tone.predict(*i) for i in items]
    assert many == target_tone.predict_many(iter(items))
    assert json.dumps(many, sort_keys=True) == json.dumps(target_tone.predict_many(items), sort_keys=True)


def test_the_fast_path_equals_the_plain_dot_product_of_the_features():
    """predict_one scores the learned-lexicon words through precomputed pulls; the scores must equal the
    weights times the features the training script fits on."""
    model = target_tone.load_model()
    for s, t, _label in TWO_TARGETS:
        sentence, a, b = span(s, t)
        z = model.b.copy()
        for name, value in model.features(sentence, a, b).items():
            j = model.vocab.get(name)
            if j is not None:
                z += value * model.W[j]
        p = np.exp(z - z.max())
        p /= p.sum()
        got = target_tone.predict(sentence, a, b)["probabilities"]
        assert [got[lab] for lab in target_tone.LABELS] == pytest.approx(list(p), abs=1e-5)


def test_model_info_credits_the_data_and_states_its_figures():
    info = target_tone.model_info()
    assert "NewsMTSC" in info["training_data"] and "MIT" in info["training_data"]
    assert "Hamborg" in info["training_data"]
    assert 0 < info["dev"]["macro_f1"] < 1 and 0 < info["cv"]["macro_f1"] < 1
    assert info["cv"]["grouped_by"] == "sentence"
    assert info["labels"] == list(target_tone.LABELS)
    assert info["n_features"] > 1000


def test_the_shipped_file_is_plain_json_of_modest_size():
    path = target_tone.MODEL_PATH
    assert path.suffix == ".json" and path.stat().st_size < 20e6
    data = json.loads(path.read_text(encoding="utf-8"))
    assert all(len(w) == 3 and all(math.isfinite(v) for v in w) for w in data["weights"].values())
    assert set(data["lexicon_tables"]) == {t["name"] for t in data["features"]["settings"]["lexicon_tables"]}


def _shared_dev() -> Path:
    base = Path(os.environ.get("NEWSFRAME_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    dev = base / "benchmarks" / "tone" / "dev.jsonl"
    if not dev.exists():
        pytest.skip(f"NewsMTSC dev split not found: {dev} (set NEWSFRAME_SHARED to the shared folder)")
    return dev


def test_the_shipped_model_reproduces_its_recorded_dev_figure():
    rows = [json.loads(x) for x in _shared_dev().read_text(encoding="utf-8").splitlines() if x.strip()]
    pred = [o["label"] for o in target_tone.predict_many((r["sentence"], r["start"], r["end"]) for r in rows)]
    f1 = []
    for lab in target_tone.LABELS:
        tp = sum(p == lab == r["label"] for p, r in zip(pred, rows))
        n_pred, n_gold = pred.count(lab), sum(r["label"] == lab for r in rows)
        prec, rec = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    assert sum(f1) / 3 == pytest.approx(target_tone.model_info()["dev"]["macro_f1"], abs=5e-4)
