"""Tone toward a target (newsframe.target_tone): labels, drivers, targets of one sentence apart, bad offsets.

Sentences written for these tests. The model file ships with the package, so nothing here needs ../shared.
"""
import pytest

from newsframe import target_tone

SENT = "Smith praised Jones for her courage, while Brown was accused of lying."


def at(sentence, target):
    a = sentence.index(target)
    return target_tone.predict(sentence, a, a + len(target))


def test_labels_and_probabilities():
    out = at(SENT, "Jones")
    assert out["label"] in target_tone.LABELS
    assert set(out["probabilities"]) == set(target_tone.LABELS)
    assert sum(out["probabilities"].values()) == pytest.approx(1.0, abs=1e-3)


def test_two_targets_of_one_sentence_get_different_labels():
    assert at(SENT, "Jones")["label"] == "positive"
    assert at(SENT, "Brown")["label"] == "negative"


@pytest.mark.parametrize("sentence, target, label", [
    ("Critics slammed the governor for the disastrous rollout.", "governor", "negative"),
    ("Voters hailed the mayor as a hero after the rescue.", "mayor", "positive"),
    ("The minister met the ambassador on Tuesday.", "minister", "neutral"),
])
def test_clear_cases(sentence, target, label):
    assert at(sentence, target)["label"] == label


def test_drivers_name_the_words():
    drivers = at(SENT, "Brown")["drivers"]
    assert drivers and all(isinstance(d, str) for d in drivers)
    assert any("accused" in d or "lying" in d for d in drivers)


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (3, 999), (10, 4)])
def test_bad_offsets_raise(start, end):
    with pytest.raises(ValueError):
        target_tone.predict(SENT, start, end)


def test_blank_span_raises():
    with pytest.raises(ValueError):
        target_tone.predict("A  B", 1, 2)


def test_predict_many_equals_one_by_one_and_is_deterministic():
    items = [(SENT, SENT.index("Jones"), SENT.index("Jones") + 5), (SENT, SENT.index("Brown"), SENT.index("Brown") + 5)]
    assert target_tone.predict_many(items) == [target_tone.predict(*i) for i in items] == target_tone.predict_many(items)


def test_model_info_credits_the_data():
    info = target_tone.model_info()
    assert "NewsMTSC" in info["data"] and "MIT" in info["data"] and "dev_macro_f1" in info["figures"]
