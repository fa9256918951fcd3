"""The shared text layer."""
import pandas as pd
import pytest

from newsframe import text


@pytest.mark.parametrize("raw, norm", [
    ("Japan’s “new” era", "Japan's \"new\" era"),
    ("oil\u2011exporting states", "oil-exporting states"),
    ("1910\u201345", "1910-45"),
    ("co\u00adoperation", "cooperation"),
    ("a\u00a0b", "a b"),
])
def test_normalize(raw, norm):
    assert text.normalize(raw) == norm


@pytest.mark.parametrize("para, n", [
    ("The U.S. and Japan met. They agreed on Friday.", 2),
    ("Gen. Kim spoke at 5 p.m. on Monday. Then he left.", 2),
    ("One line.\nAnother line here.", 2),
    ("No full stop at the end", 1),
])
def test_sentences(para, n):
    assert len(text.sentences(para)) == n


def test_sentence_spans_point_into_text():
    t = "First one here. Second “quoted” one.\n\nThird paragraph."
    for s, e in text.sentence_spans(t):
        assert t[s:e].strip() == t[s:e]
    assert [t[s:e] for s, e in text.sentence_spans(t)][-1] == "Third paragraph."


@pytest.mark.parametrize("raw, toks", [
    ("Yoon Suk-yeol's visit", ["Yoon", "Suk-yeol's", "visit"]),
    ("a 5.5-year suspension", ["a", "5.5-year", "suspension"]),
    ("$800 million, 2024.", ["$800", "million", ",", "2024", "."]),
])
def test_tokens(raw, toks):
    assert text.tokens(raw) == toks


def test_content_words_drop_stopwords():
    assert text.content_words("The talks were held in Seoul") == ["talks", "held", "seoul"]


def test_content_words_are_the_lower_case_word_tokens_with_a_letter_that_are_not_stop_words(monkeypatch):
    """The definition, token by token, against the filter that decides each distinct token once; also
    when its table of decisions is emptied on the way."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += ["\u0141\u00f3d\u017a 3.5-year na\u00efve caf\u00e9 don't $5 100% \u0130stanbul x_y __ 123 a1 \u00df -- ..."]
    stop = text.content_stopwords()

    def by_definition(t):
        return [w for w in text.tokens(t, lower=True, words_only=True)
                if w not in stop and any(c.isalpha() for c in w)]

    for limit in (text.IS_CONTENT_CACHE, 5):
        monkeypatch.setattr(text, "IS_CONTENT_CACHE", limit)
        text._content_words.cache_clear()
        text._IS_CONTENT.clear()
        for t in texts:
            assert text.content_words(t) == by_definition(t)
        assert len(text._IS_CONTENT) <= max(limit, max(len(set(text.tokens(t, lower=True))) for t in texts))
    text._content_words.cache_clear()


def test_normalize_equals_the_translation_table():
    """normalize replaces character by character; it must equal str.translate with the same table."""
    from pathlib import Path

    from newsframe.text import _CHAR_MAP, _TRANS

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += ["".join(_CHAR_MAP) + "\u00ad plain ASCII, caf\u00e9, \u041c\u043e\u0441\u043a\u0432\u0430 \u2018q\u2019",
              "soft\u00adhyphen and \u00a0no-break\u2009thin", "", "ASCII only"]
    for raw in texts:
        for lower in (False, True):
            expected = raw.replace("\u00ad", "").translate(_TRANS)
            assert text.normalize(raw, lower=lower) == (expected.lower() if lower else expected)


def test_fast_word_split_equals_nltk_tokenizer():
    """Where the tokens come from Python's re, they must equal NLTK's RegexpTokenizer's."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    samples = [text.normalize(p.read_text(encoding="utf-8")) for p in sorted((root / "seeds").glob("*.txt"))]
    samples += ["$1,200.50 and 3.5% of U.S. 10-year bonds; it's Kim's don't -- a_b", "tab\there\x0bvt\x0cff",
                "unit\x1fseparator\x1cfile", "caf\u00e9 na\u00efve \u0939\u093f\u0928\u094d\u0926\u0940",
                # non-ASCII text: re where every character is classed alike, NLTK's regex engine otherwise
                "caf\u00e9 na\u00efve \u041c\u043e\u0441\u043a\u0432\u0430-2024 \u4e2d\u6587 \u0663\u0664.5% \u2026 \u20ac5",
                "e\u0301t\u00e9 x\u00b2 zero\u200dwidth \u0627\u0644\u0652\u0639\u064e\u0631\u064e\u0628"]
    for s in samples:
        assert text._split_words(s) == text._word_tokenizer.tokenize(s)
    assert text._engines_agree("\u00e9") and not text._engines_agree("\u0301")   # a combining accent is \\w in regex only


# --------------------------------------------------------------------------- the sentence table
def _corpus():
    """The seeds and two made-up articles (a soft hyphen, which changes the normalised length; an empty body)."""
    import warnings

    from newsframe import load_corpus
    from conftest import SEEDS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seeds = load_corpus(SEEDS)
    extra = pd.DataFrame({"id": ["soft", "empty"], "outlet": ["Made-up Daily", "Made-up Daily"],
                          "body": ["The minis\u00adters met on Monday. \u201cWe agreed,\u201d Kim said.\n\nTalks resume in May.", ""],
                          "headline": ["Ministers meet", ""], "published": [seeds["published"].iloc[0]] * 2})
    return pd.concat([seeds, extra], ignore_index=True)


def test_sentence_table_holds_every_sentence_with_its_span():
    arts = _corpus()
    table = text.sentence_table(arts)
    assert list(table.columns) == text.SENTENCE_COLUMNS
    for aid, body in zip(arts["id"], arts["body"]):
        rows = table[table["id"] == aid]
        assert rows[["paragraph", "sentence", "start", "end", "text"]].to_dict(orient="records") == text.body_sentences(body)
        assert all(body[s:e] == t for s, e, t in zip(rows["start"], rows["end"], rows["text"]))
    assert (table["id"] == "empty").sum() == 0 and (table["id"] == "soft").sum() == 3


def test_a_stale_sentence_table_is_not_used():
    """Sentences that no longer fit the body (it was edited after the table was made) are split again."""
    arts = _corpus()
    table = text.sentence_table(arts)
    changed = arts.copy()
    changed.loc[0, "body"] = "A new first sentence. " + changed.loc[0, "body"]
    by = text.sentences_by_article(table)
    assert text.sentences_of(by, changed.loc[0, "id"], changed.loc[0, "body"]) == text.body_sentences(changed.loc[0, "body"])
    assert text.sentences_of(by, "not there", "One. Two.") == text.body_sentences("One. Two.")


def _analyses():
    from newsframe import framing, timing, wording

    return {
        "attributions": lambda a, s: framing.attributions(a, sentences=s).drop(columns="candidates"),
        "candidates": lambda a, s: framing.attributions(a, sentences=s)["candidates"].map(repr).to_frame(),
        "frame_cues": lambda a, s: framing.frame_cues(a, sentences=s),
        "frame_salience": lambda a, s: framing.frame_salience(a, sentences=s),
        "sentence_tone": lambda a, s: framing.sentence_tone(a, sentences=s),
        "target_tone": lambda a, s: framing.target_tone(a, sentences=s),
        "quotations": lambda a, s: framing.quotations(a, sentences=s),
        "speech": lambda a, s: framing.speech(a, sentences=s),
        "timex_table": lambda a, s: timing.timex_table(a, sentences=s),
        "article_sentences": lambda a, s: pd.DataFrame(wording.article_sentences(a, sentences=s)).astype(str),
        "align_sentences": lambda a, s: wording.align_sentences(a, sentences=s),
    }


@pytest.mark.parametrize("name", sorted(_analyses()))
def test_analyses_give_the_same_table_with_the_sentence_table(name):
    arts = _corpus()
    fn = _analyses()[name]
    alone, shared = fn(arts, None), fn(arts, text.sentence_table(arts))
    assert len(alone) > 0
    pd.testing.assert_frame_equal(alone.astype(str), shared.astype(str), obj=name)


def test_the_analyses_read_the_table_instead_of_splitting(monkeypatch):
    """With the table, attribution, frame cues and time expressions ask for no body's sentences again."""
    from newsframe import framing, timing

    arts = _corpus()
    table = text.sentence_table(arts)
    split = []
    real = text.body_sentences

    def counting(body):
        split.append(body)
        return real(body)
    for module in (text, framing.sentences):
        monkeypatch.setattr(module, "body_sentences", counting)
    framing.attributions(arts, sentences=table)
    framing.frame_cues(arts, sentences=table)
    timing.timex_table(arts, sentences=table)
    assert [b for b in split if b] == []
