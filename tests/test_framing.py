"""Source framing: attribution, quotations, wire dependence, frames, tone, page context.

Hand-made sentences for every attribution and quotation pattern the rules
support, negative cases included; hand-made DataFrames so the tests do not
depend on the cleaner.
"""
import json

import pandas as pd
import pytest

from newsframe import framing


def one(text):
    """The attribution row of the last sentence of ``text``."""
    return framing.attributions(text).iloc[-1]


# ------------------------------------------------------------------ attribution
ATTRIBUTION_CASES = [
    # text, source, source_type, country, cue
    ("Yoon said the talks went well.", "Yoon", "head_of_state", "South Korea", "said"),
    ("The talks went well, Yoon said.", "Yoon", "head_of_state", "South Korea", "said"),
    ("The talks went well, said Foreign Minister Park Jin.", "Foreign Minister Park Jin", "official", "South Korea", "said"),
    ("According to Yonhap, the talks went well.", "Yonhap", "wire_outlet", None, "according to"),
    ("The talks went well, according to a senior official who declined to be named.", "a senior official",
     "anonymous", None, "according to"),
    ("Following the summit, the ministry was asked to act, said a defense ministry official, who declined to be named.",
     "a defense ministry official", "anonymous", None, "said"),
    ("The talks will resume next week, officials said.", "officials", "anonymous", None, "said"),
    ("In a statement, the foreign ministry said the talks would resume.", "the foreign ministry", "official", None, "said"),
    ("Tokyo claimed that a South Korean ship locked its radar on a patrol aircraft.", "Tokyo", "official", "Japan", "claimed"),
    ("Seoul's defence ministry said on Friday that talks would resume.", "Seoul's defence ministry", "official",
     "South Korea", "said"),
    ("The deal came after a summit, the Japan Times reported.", "the Japan Times", "wire_outlet", "Japan", "reported"),
    ("Japanese Prime Minister Fumio Kishida warned of new risks.", "Japanese Prime Minister Fumio Kishida",
     "head_of_state", "Japan", "warned"),
    ("The United States and Japan have repeatedly said they want closer ties.", "The United States and Japan",
     "official", "United States", "said"),
    ("According to Seoul's figures, some 780,000 Koreans were forced into labor.", "Seoul's figures", "document",
     "South Korea", "according to"),
    ("The statement detailed that ministers agreed to talk.", "The statement", "document", None, "detailed"),
    ("NASA said five companies had been selected.", "NASA", "other", None, "said"),
    ("Dario Venn, the valley's new fire marshal, said crews alone could not contain it.", "Dario Venn", "other", None,
     "said"),
    ("Japanese Prime Minister Taro Sato, however, said he was encouraged.",
     "Japanese Prime Minister Taro Sato", "head_of_state", "Japan", "said"),
    ("Israeli settlers said the change paved the way for annexation.", "Israeli settlers", "other", "Israel", "said"),
    ("The deal was reported by Yonhap News Agency.", "Yonhap News Agency", "wire_outlet", None, "reported"),
    ("A person familiar with the plans told the paper that the cuts begin in June.", "A person familiar with the plans",
     "anonymous", None, "told"),
    ("She has long denied the claims, saying the payments were legal.", "She", "other", None, "denied"),
    ("The ministry rejected the report, saying it was false.", "The ministry", "official", None, "saying"),
    ("However, the union met the managers on Friday, and said drivers were worried.", "the union", "other", None,
     "said"),
    ("Sales were soft, chairman, CEO and president Dana Whitlock said.", "president Dana Whitlock", "other", None,
     "said"),  # a company president is no head of state
]


@pytest.mark.parametrize("text, source, stype, country, cue", ATTRIBUTION_CASES)
def test_attribution(text, source, stype, country, cue):
    r = one(text)
    assert r["attributed"]
    assert (r["source"], r["source_type"], r["cue"]) == (source, stype, cue)
    assert (None if pd.isna(r["country"]) else r["country"]) == country


@pytest.mark.parametrize("text", [
    "The talks were held in Seoul on Monday.",
    "Two states signed the treaty.",                 # "states" as a noun
    "News reports of the meeting were brief.",      # "reports" as a noun
    "The film \"Parasite\" won four awards.",        # a title in quotes, no speaker
    "Assange was accused of rape in 2010.",          # passive: the subject is the target, not the source
])
def test_not_attributed(text):
    assert not one(text)["attributed"]


def test_statement_channel_and_according_to_channel():
    r = one("The ministry said in a statement that the talks would resume.")
    assert (r["source"], r["channel"]) == ("The ministry", "in a statement")
    r = one("According to a pool report, Yoon told Kishida he wanted a deal.")
    assert (r["source"], r["cue"], r["channel"]) == ("Yoon", "told", "according to a pool report")


def test_extra_verb_changes_attribution():
    text = "Kishida asserted that ties had improved."
    assert not one(text)["attributed"]
    r = framing.attributions(text, extra_verbs=["asserted"]).iloc[0]
    assert (r["attributed"], r["source"], r["connotation"]) == (True, "Kishida", "added by you")


# ------------------------------------------------------------------ quotations
QUOTE_CASES = [
    # text, [(quote, speaker, kind)]
    ('“From now on,” Kishida said, “I hope to open a new chapter.”',
     [("From now on,", "Kishida", "direct"), ("I hope to open a new chapter.", "Kishida", "direct")]),
    ('"I believe we can share information," Yoon said.', [("I believe we can share information,", "Yoon", "direct")]),
    ('Kishida stated: "We agreed on everything."', [("We agreed on everything.", "Kishida", "direct")]),
    ('The ministry was asked “to proceed with the measures,“ said a defense ministry official, who declined to be named.',
     [("to proceed with the measures,", "a defense ministry official", "mixed")]),
    ('Yoon told Kishida he wanted a “complete normalization” of the pact.', [("complete normalization", "Yoon", "mixed")]),
    ('The film "Parasite" won four awards.', [("Parasite", None, "unattributed")]),
    ('They reaffirmed a “free and open Indo-Pacific”.', [("free and open Indo-Pacific", None, "unattributed")]),
]


@pytest.mark.parametrize("text, expected", QUOTE_CASES)
def test_quotations(text, expected):
    q = framing.quotations(text)
    got = [(r.quote, None if pd.isna(r.speaker) else r.speaker, r.kind) for r in q.itertuples()]
    assert got == expected


def test_multi_paragraph_quote_keeps_its_speaker():
    text = ('Liu said that the army could be deployed, warning: "They are already there.\n\n'
            '"If the situation becomes uncontrollable, we will act. We have enough power."')
    a = framing.attributions(text)
    assert list(a["source"]) == ["Liu", "Liu", "Liu"]
    assert list(a["pattern"]) == ["SOURCE VERB", "inside a quote", "inside a quote"]


def test_nested_quote():
    q = framing.quotations('"We are moving toward a \'new world\'," Yoon said.')
    assert q.iloc[0]["nested"] == ["new world"]
    assert q.iloc[0]["speaker_person"] == "Yoon Suk Yeol"


@pytest.mark.parametrize("text, person", [
    ('President Yoon Suk Yeol spoke at a ceremony.\n\n"We agreed," he said.', "Yoon Suk Yeol"),
    ('Prime Minister Fumio Kishida met President Yoon Suk Yeol.\n\n"We agreed," he said.', None),  # ambiguous
    ('"We agreed," he said.', None),  # nobody named before
])
def test_pronoun_speaker(text, person):
    q = framing.quotations(text)
    got = q.iloc[0]["speaker_person"]
    assert (None if pd.isna(got) else got) == person
    assert q.iloc[0]["speaker"] == "he"


def test_words_quoted_per_speaker():
    text = '"We agreed on everything," Kishida said.\n\n"Security ties matter," Kishida added.'
    w = framing.words_quoted(framing.quotations(text))
    assert w.iloc[0][["speaker", "quotes", "words"]].tolist() == ["Fumio Kishida", 2, 7]


def test_quotes_for_text_offsets():
    text = '“From now on,” Kishida said. The talks will resume, officials said.'
    out = framing.quotes_for_text(text)
    assert [(text[d["start"]:d["end"]], d["speaker"], d["cue"], d["kind"]) for d in out] == [
        ("From now on,", "Kishida", "said", "direct"),
        ("The talks will resume", "officials", "said", "indirect"),
    ]
    assert text[out[0]["speaker_start"]:out[0]["speaker_end"]] == "Kishida"


# ------------------------------------------------------------------ wire dependence
def test_wire_dependence_where():
    arts = pd.DataFrame({
        "id": ["a", "b"], "outlet": ["X", "Y"], "byline": [None, "IANS"], "credited_sources": [[], []],
        "body": ["Seoul, March 19 (ANI): Talks resumed, Yonhap News Agency reported.\n\nMore talks are planned.",
                 "Talks resumed.\n\nThe deal was welcomed, AFP reported."],
    })
    w = framing.wire_dependence(arts)
    got = sorted(zip(w["id"], w["agency"], w["where"], w["paragraph"].fillna(-1).astype(int)))
    assert got == [("a", "ANI", "dateline", 0), ("a", "Yonhap", "body", 0), ("b", "AFP", "body", 1),
                   ("b", "IANS", "byline", -1)]
    s = framing.wire_summary(arts, w).set_index("id")
    assert s.loc["b", "credit_paragraphs"] == "1" and s.loc["b", "credit_share"] == 0.5


# ------------------------------------------------------------------ frames
FRAME_CASES = [
    ("North Korea test-fired a ballistic missile.", {"security"}),
    ("Japan's colonial rule and war-time forced labor still divide them.", {"history"}),
    ("The leaders agreed to mend ties at the summit.", {"diplomacy"}),
    ("The trilateral pact binds the three allies.", {"alliance"}),
    ("Exports and investment fell.", {"economy"}),
    ("The opposition party criticised him ahead of the election.", {"domestic"}),
    ("It rained in the afternoon.", set()),
]


@pytest.mark.parametrize("text, frames", FRAME_CASES)
def test_frame_cues(text, frames):
    c = framing.frame_cues(text)
    assert set(c["frame"]) == frames


def test_war_time_is_history_not_security():
    c = framing.frame_cues("A row over war-time labor, not a war.")
    assert list(zip(c["frame"], c["cue"])) == [("history", "row over"), ("history", "war-time"), ("security", "war")]


@pytest.mark.parametrize("text", ["The investigation continued.", "He showed determination.", "It was important."])
def test_prefix_cues_do_not_misfire(text):
    assert framing.frame_cues(text).empty


def test_frame_salience_headline_lead_and_extra_cue():
    arts = pd.DataFrame({"id": ["a"], "outlet": ["X"], "headline": ["Leaders hold summit"],
                         "body": ["The summit ended.\n\nMissiles flew. Deterrence was discussed. Nothing else."]})
    s = framing.frame_salience(arts).set_index("frame")
    assert (s.loc["diplomacy", "salience"], s.loc["security", "salience"]) == (0.25, 0.5)
    assert s.loc["security", "headline_frame"] == "diplomacy" and s.loc["security", "lead_frame"] == "diplomacy"
    assert s.loc["security", "cues"] == "missiles (1), deterrence (1)"
    s2 = framing.frame_salience(arts, extra_cues={"economy": ["nothing"]}).set_index("frame")
    assert s2.loc["economy", "sentences_with_cue"] == 1


# ------------------------------------------------------------------ tone
FENCE = "At a fence-mending summit on Thursday, the neighbors agreed to turn the page on a bitter dispute"


def test_vader_misreads_fence_mending_and_adjustment_fixes_it():
    raw = framing.vader_with_drivers(FENCE, adjust=False)
    adj = framing.vader_with_drivers(FENCE, adjust=True)
    assert raw["label"] == "negative" and {"bitter", "dispute"} <= {w for w, _ in raw["drivers"]}
    assert adj["label"] == "positive"
    assert ("fence-mending", 2.0) in adj["drivers"]
    assert all(w not in {"bitter", "dispute"} for w, _ in adj["drivers"])


@pytest.mark.parametrize("text, label, driver", [
    ("The talks were a great success.", "positive", "success"),
    ("The attack killed ten people.", "negative", "killed"),
    ("The meeting is on Monday.", "neutral", None),
])
def test_tone_with_drivers(text, label, driver):
    v = framing.vader_with_drivers(text, adjust=False)
    assert v["label"] == label
    assert (driver in [w for w, _ in v["drivers"]]) if driver else v["drivers"] == []


def test_tone_by_target():
    arts = pd.DataFrame({"id": ["a"], "outlet": ["X"],
                         "body": ["Japan praised the great success. North Korea launched a deadly attack."]})
    t = framing.tone_by_target(framing.sentence_tone(arts, adjust=False)).set_index("target")
    assert t.loc["Japan", "mean_compound"] > 0 > t.loc["North Korea", "mean_compound"]
    assert "success" in t.loc["Japan", "drivers"] and "attack (-)" in t.loc["North Korea", "drivers"]


# ------------------------------------------------------------------ page context
def test_page_context_topics_and_separation():
    arts = pd.DataFrame({"id": ["a"], "outlet": ["X"], "body": ["Japan and South Korea held security talks in Seoul."]})
    lines = pd.DataFrame({"id": ["a"] * 4, "line_no": range(4), "label": ["ticker", "related", "related", "body"],
                          "reason": [""] * 4,
                          "text": ["Israeli strike kills two in Gaza", "InternationalSouth Korea and Japan hold security talks",
                                   "InternationalSouth Korea and Japan hold security talks", "Japan and South Korea held talks."]})
    pc = framing.page_context(lines, arts)
    assert list(zip(pc["label"], pc["topic"], pc["same_story"])) == [
        ("related", "Korea / Japan", True), ("ticker", "Israel / Palestine / Lebanon", False)]


def test_empty_inputs_give_empty_tables():
    arts = pd.DataFrame({"id": ["a"], "outlet": ["X"], "body": [""], "headline": [None]})
    assert framing.attributions(arts).empty
    assert framing.quotations(arts).empty
    assert framing.source_summary(framing.attributions(arts)).empty
    assert framing.tone_by_target(framing.sentence_tone(arts)).empty


def test_quotes_jsonl_skips_malformed_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "The talks will resume, officials said."}\nnot json\n{"id": "c"}\n', encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        written, skipped = framing.quotes_jsonl(src, tmp_path / "out.jsonl")
    assert (written, skipped) == (1, 2)
    assert [str(w.message).split(" skipped")[0] for w in caught] == ["in.jsonl: line 2", "in.jsonl: line 3"]
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert out == [{"id": "a", "quotes": [{"start": 0, "end": 21, "speaker": "officials", "speaker_start": 23,
                                           "speaker_end": 32, "speaker_ref": None, "cue": "said", "cue_start": 33,
                                           "cue_end": 37, "type": "indirect", "kind": "indirect",
                                           "source_type": "anonymous", "content_spans": [[0, 21]]}]}]


def test_quotes_for_text_multi_sentence_quote_is_one_direct_quote():
    text = '"We agreed. We will meet again," Yoon said.'
    out = framing.quotes_for_text(text)
    assert [(d["kind"], d["speaker"]) for d in out] == [("direct", "Yoon")]


@pytest.mark.parametrize("text", [
    "Seoul and Tokyo signed a military intelligence-sharing pact to bolster security cooperation.",
    "THE SECURITY ALLIANCE was restored; reconciliation and apology followed the colonial past.",
    "Die ſecurity of the region: an Alliance, a Défense pact, and Reconciliation talks in Séoul.",
    "No cue words at all in this sentence.",
    "The mılıtary allıance and \u0130NTELLIGENCE sharing, said Москва.",
    "Москва: the security alliance and reconciliation, in Cyrillic company.",
])
def test_cue_filter_keeps_every_cue_that_matches(text):
    """The per-text filter of frame_cues is only a speed-up: matching with the filtered cues equals
    matching with all of them, in ASCII text and in text where case folding is not str.lower's."""
    compiled = framing.lexicons.compile_cues(framing.frame_lexicon())
    assert framing.lexicons.match_cues(text, framing.lexicons.cues_in(text, compiled)) == framing.lexicons.match_cues(text, compiled)


@pytest.mark.parametrize("sentence", [
    "ACCORDING TO officials, the talks resumed.",
    "The ministry said in a statement that the pact would stand.",
    "Accord\u0131ng to Yonhap, the talks resumed.",           # dotless ı: matches "i" only case-insensitively
    "\u0130n a statement, the ministry said so.",              # dotted İ
    "Citing diplomatic sources, Kyodo reported the meeting.",
    "Nothing here attributes anything.",
])
def test_phrase_filter_keeps_every_phrase_that_matches(sentence):
    """_find_attributions tries only the phrases _may_contain keeps: each phrase that matches is kept."""
    low = framing.lexicons.lowered(sentence)
    for row in framing.lexicons.phrase_tables():
        if framing.lexicons.compiled_cue(row["phrase"]).search(sentence):
            assert framing.lexicons.may_contain(row["phrase"], low), row["phrase"]


# ------------------------------------------------------------------ by= (groups of articles)
# Three articles, two countries: a and b from KR, c from JP. The per-sentence tables are hand-made
# so every expected number below is counted by hand. The sentence tables carry their own "country"
# (the country of the source), which by="country" must not confuse with the article's country.
BY_ARTICLES = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"], "country": ["KR", "KR", "JP"],
                            "byline": [None, None, None], "credited_sources": [[], [], []],
                            "headline": [None, None, None], "body": ["", "", ""]})
BY_ATTR = pd.DataFrame({
    "id": ["a", "a", "a", "b", "b", "c", "c"], "outlet": ["X", "X", "X", "Y", "Y", "Z", "Z"],
    "text": [f"s{i}" for i in range(7)],
    "attributed": [True, True, False, True, True, True, False],
    "source_type": ["official", "anonymous", None, "anonymous", "head_of_state", "official", None],
    "country": ["Japan", None, None, None, "South Korea", "Japan", None],
    "cue": ["said", "said", None, "told", "said", "claimed", None],
    "connotation": ["neutral", "neutral", None, "neutral", "neutral", "doubt", None],
})
BY_QUOTES = pd.DataFrame({
    "id": ["a", "a", "b"], "outlet": ["X", "X", "Y"], "quote": ["q1", "q2", "q3"], "kind": ["direct", "unattributed", "mixed"],
    "words": [5, 2, 3], "speaker": ["Kishida", None, "officials"], "speaker_person": ["Fumio Kishida", None, None],
    "source_type": ["head_of_state", None, "anonymous"], "country": ["Japan", None, None],
})
BY_SALIENCE = pd.DataFrame({
    "id": ["a", "a", "b", "b", "c", "c"], "outlet": ["X", "X", "Y", "Y", "Z", "Z"],
    "frame": ["security", "diplomacy"] * 3, "sentences": [4, 4, 6, 6, 5, 5], "sentences_with_cue": [2, 1, 0, 3, 5, 0],
})
BY_TONE = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"], "text": ["t1", "t2", "t3"],
                        "compound": [0.5, -0.3, 0.1], "drivers": ["good (+1.0)", "bad (-1.0)", ""],
                        "targets": [["Japan"], ["Japan", "Kim"], ["Japan"]]})
BY_CONTEXT = pd.DataFrame({"id": ["a", "a", "b", "c"], "outlet": ["X", "X", "Y", "Z"],
                           "label": ["ticker", "related", "ticker", "ticker"],
                           "topic": ["Health", "Health", "US politics", "Health"], "same_story": [False] * 4,
                           "text": ["l1", "l2", "l3", "l4"]})
BY_CREDITS = pd.DataFrame({"id": ["a", "a", "b"], "outlet": ["X", "X", "Y"], "agency": ["Yonhap", "ANI", "Yonhap"],
                           "kind": ["wire"] * 3, "where": ["body", "dateline", "byline"], "paragraph": [0, 0, None],
                           "evidence": ["", "", ""]})


def _records(table, columns):
    return [tuple(r) for r in table[columns].itertuples(index=False)]


BY_COUNTRY_CASES = [
    # name, call, columns, expected rows (counted by hand)
    ("source_summary", lambda: framing.source_summary(BY_ATTR, by="country", articles=BY_ARTICLES),
     ["country", "head_of_state", "official", "anonymous", "attributed", "sentences", "anonymous_share", "articles"],
     [("JP", 0, 1, 0, 1, 2, 0.0, 1), ("KR", 1, 1, 2, 4, 5, 0.5, 2)]),
    ("verb_choices", lambda: framing.verb_choices(BY_ATTR, by="country", articles=BY_ARTICLES),
     ["country", "cue", "n", "ids"], [("JP", "claimed", 1, "c"), ("KR", "said", 3, "a, b"), ("KR", "told", 1, "b")]),
    ("words_quoted", lambda: framing.words_quoted(BY_QUOTES, by="country", articles=BY_ARTICLES),
     ["country", "speaker", "quotes", "words"], [("KR", "Fumio Kishida", 1, 5), ("KR", "officials", 1, 3)]),
    ("quotes_by_group", lambda: framing.quotes_by_group(BY_QUOTES, by="country", articles=BY_ARTICLES),
     ["country", "articles", "with_quotes", "quotes", "direct", "mixed", "unattributed", "words", "unattributed_words"],
     [("KR", 2, 2, 3, 1, 1, 1, 8, 2), ("JP", 1, 0, 0, 0, 0, 0, 0, 0)]),
    ("wire_by_group", lambda: framing.wire_by_group(BY_CREDITS, by="country", articles=BY_ARTICLES),
     ["country", "articles", "credited", "Yonhap", "ANI"], [("KR", 2, 1.0, 1.0, 0.5), ("JP", 1, 0.0, 0.0, 0.0)]),
    ("wire_by_group from wire_summary",
     lambda: framing.wire_by_group(framing.wire_summary(BY_ARTICLES, BY_CREDITS), by="country", articles=BY_ARTICLES),
     ["country", "articles", "credited", "Yonhap", "ANI"], [("KR", 2, 1.0, 1.0, 0.5), ("JP", 1, 0.0, 0.0, 0.0)]),
    ("outlet_frame_matrix",
     lambda: framing.outlet_frame_matrix(BY_SALIENCE, by="country", articles=BY_ARTICLES).reset_index(),
     ["country", "security", "diplomacy"], [("JP", 1.0, 0.0), ("KR", 0.2, 0.4)]),
    ("tone_by_target", lambda: framing.tone_by_target(BY_TONE, by="country", articles=BY_ARTICLES),
     ["country", "target", "sentences", "mean_compound", "ids"],
     [("JP", "Japan", 1, 0.1, "c"), ("KR", "Japan", 2, 0.1, "a, b"), ("KR", "Kim", 1, -0.3, "b")]),
    ("page_context_summary", lambda: framing.page_context_summary(BY_CONTEXT, by="country", articles=BY_ARTICLES),
     ["country", "topic", "lines"], [("JP", "Health", 1), ("KR", "Health", 2), ("KR", "US politics", 1)]),
    ("page_context_counts",
     lambda: framing.page_context_counts(BY_CONTEXT, by="country", articles=BY_ARTICLES).reset_index(),
     ["country", "Health", "US politics"], [("JP", 1, 0), ("KR", 2, 1)]),
    ("sources_by_country", lambda: framing.sources_by_country(BY_ATTR, by="country", articles=BY_ARTICLES).reset_index(),
     ["country", "not stated", "Japan", "South Korea"], [("JP", 0, 1, 0), ("KR", 2, 1, 1)]),
]


@pytest.mark.parametrize("name, call, columns, expected", BY_COUNTRY_CASES, ids=[c[0] for c in BY_COUNTRY_CASES])
def test_by_country_groups_and_sums(name, call, columns, expected):
    out = call()
    assert out.columns[0] == "country"
    assert _records(out, columns) == expected


def test_by_country_keeps_the_frame_cues_and_sentences_per_group():
    cues = pd.DataFrame({"id": ["a", "b", "b", "c"], "outlet": ["X", "Y", "Y", "Z"],
                         "part": ["body", "body", "headline", "body"], "frame": ["security"] * 4,
                         "cue": ["missile", "missile", "missile", "war"]})
    out = framing.outlet_frame_cues(cues, by="country", articles=BY_ARTICLES)
    assert _records(out, ["country", "frame", "n", "cues"]) == [("JP", "security", 1, "war (1)"),
                                                                ("KR", "security", 2, "missile (2)")]
    m = framing.outlet_frame_matrix(BY_SALIENCE, by="country", articles=BY_ARTICLES)
    assert m.index.name == "country"
    assert m.attrs == {"sentences": {"JP": 5, "KR": 10}, "articles": {"JP": 1, "KR": 2}}


def test_by_outlet_default_is_unchanged():
    s = framing.source_summary(BY_ATTR)
    assert list(s.columns[:1]) == ["outlet"] and list(s["outlet"]) == ["X", "Y", "Z"]
    assert list(s["attributed"]) == [2, 2, 1] and list(s["anonymous_share"]) == [0.5, 0.5, 0.0]
    assert list(framing.sources_by_country(BY_ATTR).index) == ["X", "Y", "Z"]
    assert list(framing.outlet_frame_matrix(BY_SALIENCE).index) == ["X", "Y", "Z"]
    assert list(framing.tone_by_target(BY_TONE)["outlet"]) == ["X", "Y", "Y", "Z"]
    assert "country" not in framing.wire_summary(BY_ARTICLES, BY_CREDITS).columns


def test_by_country_of_the_article_is_never_the_country_of_the_source():
    with pytest.raises(KeyError, match="describes the source"):
        framing.source_summary(BY_ATTR, by="country")        # attr's "country" is the source's
    with pytest.raises(KeyError, match="articles="):
        framing.verb_choices(BY_ATTR, by="lean")             # no such column anywhere
    # a table that was given the article's country already (groups.attach keeps the source's) still groups right
    q = BY_QUOTES.assign(country=["KR", "KR", "KR"])
    assert _records(framing.quotes_by_group(q, by="country", articles=BY_ARTICLES), ["country", "quotes"]) == [
        ("KR", 3), ("JP", 0)]


def test_per_article_tables_get_the_group_column_after_outlet():
    w = framing.wire_summary(BY_ARTICLES, BY_CREDITS, by="country")
    assert list(w.columns[:3]) == ["id", "outlet", "country"] and list(w["country"]) == ["KR", "KR", "JP"]
    d = framing.article_digest(BY_ARTICLES, BY_ATTR.assign(source=None, source_person=None), BY_SALIENCE.assign(
        salience=0.1, headline_frame="none", lead_frame="none"), BY_TONE, BY_CREDITS, by="country")
    assert list(d.columns[:3]) == ["id", "outlet", "country"] and list(d["country"]) == ["KR", "KR", "JP"]


def test_wire_by_group_folds_agencies_beyond_eleven():
    names = [f"Agency {chr(65 + i)}" for i in range(13)]
    # agency A credited by 13 articles, B by 12, ... M by 1: L and M are folded
    rows = [(f"x{j}", n) for i, n in enumerate(names) for j in range(13 - i)]
    credits = pd.DataFrame({"id": [r[0] for r in rows], "outlet": "X", "agency": [r[1] for r in rows]})
    out = framing.wire_by_group(credits).set_index("outlet")
    assert list(out.columns) == ["articles", "credited", *names[:11], "other (2 agencies)"]
    assert out.loc["X", "articles"] == 13 and out.loc["X", "Agency B"] == round(12 / 13, 2)
    assert out.loc["X", "other (2 agencies)"] == round(2 / 13, 2)   # articles x0 and x1 credit L or M


# ------------------------------------------------------------------ reported speech (three spans)
REPORTED_SPEECH_CASES = [
    # text, [(type, speaker as written, cue, content spans as text)]
    # indirect speech in its common forms
    ("South Korea's foreign ministry said the talks would resume.",
     [("indirect", "South Korea's foreign ministry", "said", ["the talks would resume"])]),
    ("The minister warned that the deal could collapse.", [("indirect", "The minister", "warned", ["the deal could collapse"])]),
    ("The talks would resume next month, the ministry said.",
     [("indirect", "the ministry", "said", ["The talks would resume next month"])]),
    ("According to the ministry, the talks would resume.",
     [("indirect", "the ministry", "according to", ["the talks would resume"])]),
    ("The talks will resume, according to two officials.",
     [("indirect", "two officials", "according to", ["The talks will resume"])]),
    ("Kishida told NBC that the region was safer.", [("indirect", "Kishida", "told", ["the region was safer"])]),
    ("Lee accused Tokyo of distorting history.", [("indirect", "Lee", "accused", ["Tokyo of distorting history"])]),
    ("The talks, the ministry said, will resume soon.",
     [("indirect", "the ministry", "said", ["The talks", "will resume soon"])]),
    # cues that were missing from the lists
    ("Moon criticized the decision as hasty.", [("indirect", "Moon", "criticized", ["the decision as hasty"])]),
    ("The ministry denied that it had been informed.", [("indirect", "The ministry", "denied", ["it had been informed"])]),
    ("The union condemned the ruling as unjust.", [("indirect", "The union", "condemned", ["the ruling as unjust"])]),
    ("Park replied that the door remained open.", [("indirect", "Park", "replied", ["the door remained open"])]),
    ("Democrats took issue with the plan's cost.", [("indirect", "Democrats", "took issue with", ["the plan's cost"])]),
    # documents and polls as sources; no attribution where the subject is no document
    ("The emails show that aides knew of the plan.", [("indirect", "The emails", "show", ["aides knew of the plan"])]),
    ("An analysis found that prices rose.", [("indirect", "An analysis", "found", ["prices rose"])]),
    ("Police found the car on Monday.", []),
    # direct quotes: "says" after the quote, ? and ! before the attribution, a colon
    ('"We will not back down," Smith says.', [("direct", "Smith", "says", ["We will not back down,"])]),
    ('"Is this the best we can do?" Park asked.', [("direct", "Park", "asked", ["Is this the best we can do?"])]),
    ('"Never!" the minister said.', [("direct", "the minister", "said", ["Never!"])]),
    ('Trump tweeted: "The deal is done."', [("direct", "Trump", "tweeted", ["The deal is done."])]),
    # a quote broken by its attribution is one attribution with both halves
    ('"We are ready," Kim said. "The talks start Monday."',
     [("direct", "Kim", "said", ["We are ready,", "The talks start Monday."])]),
    ('"From now on," Kishida said, "we will meet every year."',
     [("direct", "Kishida", "said", ["From now on,", "we will meet every year."])]),
    # a mixed quote keeps its whole reported clause, not only the quoted words
    ('The ministry said it was "fully confident" in the deal.',
     [("mixed", "The ministry", "said", ['it was "fully confident" in the deal'])]),
    # the speaker: not "statement", not a sentence-initial adverb, not the listener of "told"
    ("Yoon said in a statement that the pact would stand.", [("indirect", "Yoon", "said", ["the pact would stand"])]),
    ('"The pact stands," the ministry said in a statement.', [("direct", "the ministry", "said", ["The pact stands,"])]),
    ("Already, officials said the plan was dead.", [("indirect", "officials", "said", ["the plan was dead"])]),
    ("Even the opposition said the plan was sound.", [("indirect", "the opposition", "said", ["the plan was sound"])]),
    ('"We are safer," Kishida told NBC.', [("direct", "Kishida", "told", ["We are safer,"])]),
    # sources with lowercase words, listeners, named sources of "reports", a conjunction before the next one
    ("Workers at a bakery said she tried to open the safe.",
     [("indirect", "Workers at a bakery", "said", ["she tried to open the safe"])]),
    ("Many of them said they heard about the closure on the radio.",
     [("indirect", "Many of them", "said", ["they heard about the closure on the radio"])]),
    ("The agency assured the public that the risk was low.", [("indirect", "The agency", "assured", ["the risk was low"])]),
    ("Tom Reyes reports the first complaints surfaced last month.",
     [("indirect", "Tom Reyes", "reports", ["the first complaints surfaced last month"])]),
    ("She vowed to keep going, but her rival says the race is lost.",
     [("indirect", "She", "vowed", ["to keep going"]), ("indirect", "her rival", "says", ["the race is lost"])]),
    ('"We want answers today," Okafor said to applause from the hall. "The county has the funds."',
     [("direct", "Okafor", "said", ["We want answers today,", "The county has the funds."])]),
    ('"I will not step aside," Lindqvist continued, speaking for ten minutes.',
     [("direct", "Lindqvist", "continued", ["I will not step aside,"])]),
    ("The talks continued on Monday.", []),
    ('"I am not," Ms. Abara said as she locked the gate.', [("direct", "Ms. Abara", "said", ["I am not,"])]),
    # a group of people placed by a preposition is one source; a circumstance of speaking is not part of it
    ("Officials in Seoul said the talks would resume.",
     [("indirect", "Officials in Seoul", "said", ["the talks would resume"])]),
    ("Analysts at the bank said rates would rise.", [("indirect", "Analysts at the bank", "said", ["rates would rise"])]),
    ("Negotiations in Geneva ended without a deal.", []),
    # an adverb between source and cue stays out of the source
    ("The mayor strongly denied that the budget was short.",
     [("indirect", "The mayor", "denied", ["the budget was short"])]),
    ("Oduya has long argued that the port needs dredging.",
     [("indirect", "Oduya", "argued", ["the port needs dredging"])]),
]


@pytest.mark.parametrize("text, expected", REPORTED_SPEECH_CASES, ids=[c[0][:40] for c in REPORTED_SPEECH_CASES])
def test_reported_speech_spans(text, expected):
    got = [(d["type"], d["speaker"], d["cue"], [text[s:e] for s, e in d["content_spans"]])
           for d in framing.reported_speech(text)]
    assert got == expected
    for d in framing.reported_speech(text):
        assert text[d["speaker_start"]:d["speaker_end"]] == d["speaker"]
        assert text[d["cue_start"]:d["cue_end"]].lower() == d["cue"]
        assert (d["start"], d["end"]) == (d["content_spans"][0][0], d["content_spans"][-1][1])


def test_a_pronoun_source_stays_a_pronoun_and_its_referent_has_its_own_field():
    text = 'Kim Jong Un arrived on Monday. "We are ready," he said.'
    (d,) = framing.reported_speech(text)
    assert (d["speaker"], d["speaker_ref"]) == ("he", "Kim Jong Un")


@pytest.mark.parametrize("text", [
    'He said: "We will',            # a quote left open at the paragraph's end
    'He said: "',                    # a mark alone at the end
    'She wrote ""',                  # an empty quote
    '"\n\n"',
])
def test_no_zero_length_spans(text):
    for d in framing.reported_speech(text):
        assert d["start"] < d["end"] and all(s < e for s, e in d["content_spans"])
    for sp in framing.quote_spans(text.split("\n")[0]):
        assert sp["start"] < sp["end"]


def test_a_quotation_over_several_paragraphs_is_one_attribution():
    text = ('"We have waited a long time for this day," Yoon said. "Our peoples deserve it.\n\n'
            '"And we will not look back."')
    (d,) = framing.reported_speech(text)
    assert d["type"] == "direct" and d["speaker"] == "Yoon"
    assert [text[s:e] for s, e in d["content_spans"]] == [
        "We have waited a long time for this day,", "Our peoples deserve it.", "And we will not look back."]


def test_target_tone_gives_each_named_target_its_own_label():
    text = "Seoul praised Tokyo for its courage, while Pyongyang was accused of lying."
    t = framing.target_tone(text)
    assert set(t["target"]) >= {"South Korea", "Japan", "North Korea"}
    assert set(t["label"]) <= {"negative", "neutral", "positive"}
    assert t.set_index("target").loc["North Korea", "label"] == "negative"
    g = framing.target_tone_by_group(t)
    assert {"mentions", "negative", "neutral", "positive", "net_tone"} <= set(g.columns)
    assert g["mentions"].sum() == len(t)


@pytest.mark.parametrize("text, name, role, country", [
    ("Japanese Prime Minister Taro Sato met the envoy.", "Taro Sato", "head_of_state", "Japan"),
    ("South Korean President Han Mi-rae spoke first.", "Han Mi-rae", "head_of_state", "South Korea"),
    ("Japanese Foreign Minister Aiko Mori flew in.", "Aiko Mori", "official", "Japan"),
])
def test_people_title_gives_role(text, name, role, country):
    """A title of head of state or government ("Prime Minister", "President") gives that role; another
    minister is an official; the demonym before the title gives the country."""
    person = next(p for p in framing.people(text) if p["name"] == name)
    assert (person["role"], person["country"]) == (role, country)


def test_target_tone_joins_the_names_of_one_person():
    """"President Obama" in one article and "President Barack Obama" in another are one target; a
    possessive ("President Ndlovu's plan") is the person; countries are never merged into each other."""
    arts = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"], "body": [
        "President Barack Obama praised the deal in Seoul.",
        "President Obama criticised the delay in North Korea.",
        "President Ndlovu's plan was welcomed in Korea."]})
    tone = framing.target_tone(arts)
    targets = set(tone["target"])
    assert "Barack Obama" in targets and "Obama" not in targets
    assert "Ndlovu" in targets and "Ndlovu's" not in targets
    korea = tone[tone["mention"] == "Korea"]
    assert len(korea) == 1 and korea["target"].iloc[0] != "North Korea"


@pytest.mark.parametrize("names, expected", [
    ({"Obama", "Barack Obama"}, {"Obama": "Barack Obama"}),
    ({"Kim", "Kim Jong Un", "Kim Yo Jong"}, {}),          # two people end differently, "Kim" ends neither
    ({"Moon", "Moon Jae-in", "Ban Moon"}, {"Moon": "Ban Moon"}),   # only the last word counts
    ({"Sato"}, {}),
])
def test_same_person_names(names, expected):
    assert framing.same_person_names(names) == expected


@pytest.mark.parametrize("text, names", [
    ("Chief Executive Carrie Lam spoke first.", ["Carrie Lam"]),      # the rest of the title is no name
    ("Chief Justice John Roberts ruled.", ["John Roberts"]),
    ("The Chief Strategy Officer resigned.", []),                     # a title without a name is no person
    ("President Ndlovu's plan was welcomed.", ["Ndlovu"]),            # a possessive is the person
])
def test_people_names_without_title_words(text, names):
    assert [p["name"] for p in framing.people(text)] == names


def test_main_speakers_name_people_not_unresolved_pronouns():
    from newsframe.framing.digest import main_speakers

    a = pd.DataFrame({"source": ["he", "he", "we", "The report", "the report", "Kishida", "he", "We're"],
                      "source_person": [None, None, None, None, None, None, "Fumio Kishida", None]})
    got = main_speakers(a)
    assert got.to_dict() == {"the report": 2, "Kishida": 1, "Fumio Kishida": 1}


def test_speech_by_group_top_speakers_are_named():
    t = pd.DataFrame({"id": ["a"] * 5, "outlet": ["A"] * 5, "type": ["direct", "indirect", "indirect", "mixed", "direct"],
                      "speaker": ["he", "he", "I", "Kishida", "he"], "speaker_ref": [None, None, None, None, "Yoon Suk Yeol"],
                      "source_type": ["other"] * 5})
    row = framing.speech_by_group(t).iloc[0]
    assert row["attributions"] == 5                       # every attribution counts ...
    assert row["top_speakers"] == "Kishida (1), Yoon Suk Yeol (1)"   # ... but only named speakers are listed


@pytest.mark.parametrize("source, kind", [
    ("an alarmed United States", "official"),     # a country speaking, an adjective between
    ("a worried Seoul", "official"),
    ("the people of Tokyo", "other"),             # people of a place are not its government
    ("the crowd in Seoul", "other"),
])
def test_a_country_with_an_adjective_speaks_for_its_government(source, kind):
    assert framing.source_type(source) == kind


def test_a_preposition_or_a_page_imperative_is_no_source():
    arts = pd.DataFrame({"id": ["a"], "outlet": ["A"],
                         "body": ["For details, see our site policies.\n\nSee tweets :\n\nWith the deal, Japan said it would act."]})
    a = framing.attributions(arts)
    assert a["attributed"].tolist() == [False, False, True] and a["source"].iloc[2] == "Japan"


def test_countries_of_the_world_are_found_but_ambiguous_words_are_not():
    found = framing.find_countries("Kenyan and Peruvian envoys flew from Bogota to Canberra, then on to Oslo and Burma.")
    assert [c for c, _a, _b in found] == ["Kenya", "Peru", "Colombia", "Australia", "Norway", "Myanmar"]
    # capitals and demonyms that are also ordinary words or first names are left out of data/countries.csv
    assert framing.find_countries("Polish the brass, Victoria told the Male choir in Kingston.") == []


def test_country_names_match_longest_first():
    got = framing.find_countries("From New Mexico to Mexico City, and oil from the Niger Delta to Niger and Nigerians.")
    assert [c for c, _a, _b in got] == ["United States", "Mexico", "Nigeria", "Niger", "Nigeria"]


@pytest.mark.parametrize("text, countries", [
    ("Michael Jordan scored forty points.", []),
    ("Chad Smith, a drummer, said so.", []),
    ("Georgia Tech won at home.", []),
    ("Police in Atlanta, Georgia said the road was closed.", []),
    ("King Abdullah of Jordan met the envoy.", ["Jordan"]),
    ("Israel, Jordan and Egypt agreed on the plan.", ["Israel", "Jordan", "Egypt"]),
    ("Jordan said it would help. Chad said no.", ["Jordan", "Chad"]),
    ("Russia invaded Georgia in 2008.", ["Russia", "Georgia"]),
])
def test_country_names_that_are_also_names_count_only_outside_a_longer_name(text, countries):
    assert [c for c, _a, _b in framing.find_countries(text)] == countries
