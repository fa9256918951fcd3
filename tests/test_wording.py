"""Tests for newsframe.wording: hand-computed keyness, edited real sentences for reuse, seeds end to end."""
import json
import math
import subprocess
import sys

import pandas as pd
import pytest

from newsframe import text as nftext
from newsframe import wording as w
from newsframe.wording.keyness import _NameMerger   # the module (w.keyness is the function)

from conftest import ROOT, SEEDS

# Real seed sentences and copies edited by hand (one word changed, clause rewritten, unrelated).
REAL = "The foreign ministry is expected to send a formal letter to its Japanese counterpart soon, the official added."
EDITS = [
    (REAL, "verbatim"),
    (REAL.replace("soon,", "soon ,").replace("The foreign", "The  foreign"), "verbatim"),  # spacing only
    (REAL.replace("soon", "shortly"), "edited"),
    ("The foreign ministry is expected to send a formal letter to Japan's foreign ministry shortly in response, "
     "officials said.", "edited"),
    ("Confronted with Pyongyang's flurry of missile tests, the neighbors have increasingly sought to bury the hatchet.",
     None),
]


def arts(*rows):
    return pd.DataFrame([{"id": i, "outlet": o, "body": b} for i, o, b in rows])


# ----------------------------------------------------------------------------- keyness
@pytest.mark.parametrize("a,b,c,d,g2,lr", [
    # E1 = 1000*15/3000 = 5, E2 = 10: G2 = 2*(10 ln 2 + 5 ln 0.5) = 10 ln 2; log ratio = log2(0.01/0.0025) = 2
    (10, 5, 1000, 2000, 10 * math.log(2), 2.0),
    # equal relative frequencies: G2 = 0, log ratio = 0
    (4, 8, 100, 200, 0.0, 0.0),
    # zero in the reference: G2 = 2*3*ln(3/(3*10/40)) = 6 ln 4; log ratio with 0.5 for the zero: log2((3/10)/(0.5/30))
    (3, 0, 10, 30, 6 * math.log(4), math.log2((3 / 10) / (0.5 / 30))),
])
def test_log_likelihood_and_log_ratio_hand_computed(a, b, c, d, g2, lr):
    assert w.log_likelihood(a, b, c, d) == pytest.approx(g2, abs=1e-9)
    assert w.log_ratio(a, b, c, d) == pytest.approx(lr, abs=1e-9)


@pytest.mark.parametrize("g2,p", [(0.0, 1.0), (3.841458820694124, 0.05), (6.634896601021214, 0.01)])
def test_g2_p_value_is_chi_square_one_df(g2, p):
    assert w.g2_p_value(g2) == pytest.approx(p, rel=1e-6)


def test_keyness_counts_scores_and_single_article_flag():
    corpus = arts(
        ("x1", "X", "tariff tariff tariff tariff tariff tariff ministry talks"),
        ("x2", "X", "ministry talks summit"),
        ("y1", "Y", "ministry talks summit summit ministry talks summit"),
        ("y2", "Y", "ministry talks summit talks ministry summit"),
    )
    k = w.keyness(corpus, min_freq=3)
    row = k[(k["outlet"] == "X") & (k["term"] == "tariff")].iloc[0]
    assert (row["n_outlet"], row["n_rest"], row["words_outlet"], row["words_rest"]) == (6, 0, 11, 13)
    assert row["g2"] == pytest.approx(w.log_likelihood(6, 0, 11, 13), abs=1e-3)
    assert row["direction"] == "over" and bool(row["key"])
    assert bool(row["one_article_only"]) and row["top_article"] == "x1"
    under = k[(k["outlet"] == "X") & (k["term"] == "summit")].iloc[0]
    assert under["direction"] == "under" and under["log_ratio"] < 0


def test_keyness_from_counts_equals_keyness_on_the_rows_it_keeps(seeds_loaded):
    """Per-outlet counts (as a built corpus sums them) give the same scores as per-article keyness."""
    from newsframe.scale import engine

    corpus, _ = seeds_loaded
    full = w.keyness(corpus, min_freq=2)
    fast = w.keyness_from_counts(engine.term_counts(corpus), min_freq=2)
    assert len(fast) and fast["outlet"].nunique() == corpus["outlet"].nunique()
    # kept: every term used min_freq times by the outlet, and significantly under-used ones
    expected = full[(full["n_outlet"] >= 2) | full["key"]]
    merged = expected.merge(fast, on=["outlet", "term"], how="outer", suffixes=("", "_c"), indicator=True)
    assert (merged["_merge"] == "both").all()
    for col in ["n_outlet", "n_rest", "words_outlet", "words_rest", "g2", "p", "log_ratio", "direction", "key",
                "n_articles"]:
        assert (merged[col] == merged[col + "_c"]).all(), col
    single = merged[merged["n_articles"] == 1]
    assert (single["one_article_only"] == single["one_article_only_c"]).all()


def test_keyness_from_counts_groups_articles_without_outlet():
    counts = pd.DataFrame({"outlet": ["X", "X", "", "", "Y"], "term": ["tariff", "talks", "tariff", "talks", "talks"],
                           "count": [6, 1, 1, 5, 4], "articles": [2, 1, 1, 3, 2]})
    k = w.keyness_from_counts(counts, min_freq=3)
    assert set(k["outlet"]) == {"X", w.UNKNOWN_OUTLETS, "Y"}
    row = k[(k["outlet"] == "X") & (k["term"] == "tariff")].iloc[0]
    assert (row["n_outlet"], row["n_rest"], row["words_outlet"], row["words_rest"]) == (6, 1, 7, 10)
    assert row["g2"] == pytest.approx(w.log_likelihood(6, 1, 7, 10), abs=1e-3)
    assert not row["one_article_only"]  # two articles use it


def test_keyness_single_outlet_is_empty_not_error():
    assert w.keyness(arts(("a", "X", "one two three"))).empty


# ----------------------------------------------------------------------------- reuse
@pytest.mark.parametrize("edited,kind", EDITS)
def test_reuse_kind_on_edited_real_sentences(edited, kind):
    d = w.word_diff(REAL, edited)
    words_a, words_b = w.sentences.word_tokens(REAL), w.sentences.word_tokens(edited)
    ca, cb = w.content_set(words_a), w.content_set(words_b)
    dice = 2 * len(ca & cb) / (len(ca) + len(cb))
    assert w.reuse_kind(d["similarity"], dice, len(ca & cb)) == kind


@pytest.mark.parametrize("a,b,removed,added,replaced", [
    ("Seoul had threatened to scrap GSOMIA in 2019.", "Seoul had threatened to cancel GSOMIA in 2019.",
     [], [], [("scrap", "cancel")]),
    ("South Korea agreed to extend GSOMIA conditionally.", "South Korea agreed to extend GSOMIA.",
     ["conditionally"], [], []),
    ("The ministry said.", "The defense ministry said.", [], ["defense"], []),
])
def test_word_diff(a, b, removed, added, replaced):
    d = w.word_diff(a, b)
    assert (d["removed"], d["added"], d["replaced"]) == (removed, added, replaced)
    assert "[-" in d["marked"] or "{+" in d["marked"]


def test_align_and_pairs_on_edited_sentences():
    other = "Kim Jong Un called for an exponential increase in weapons production, state media said."
    corpus = arts(
        ("a", "A", REAL + "\n\n" + other),
        ("b", "B", EDITS[3][0] + "\n\nAn unrelated sentence about the weather in Tokyo today."),
        ("c", "C", "Nothing here is shared with the other two articles at all."),
    )
    al = w.align_sentences(corpus)
    assert list(zip(al["a"], al["b"], al["kind"])) == [("a", "b", "edited")]
    pairs = w.reuse_pairs(corpus)
    assert list(zip(pairs["a"], pairs["b"])) == [("a", "b")] and 0 < pairs["score"].iloc[0] <= 1
    m = w.reuse_matrix(corpus)
    assert m.loc["a", "b"] == m.loc["b", "a"] == pairs["score"].iloc[0] and m.loc["a", "c"] == 0
    assert w.reuse_pairs(corpus, threshold=0.99).empty


def test_repeated_passages_inside_one_article():
    body = REAL + "\n\nSomething else happened on Friday in Seoul.\n\n" + REAL.replace("soon", "shortly")
    rep = w.repeated_passages(arts(("a", "A", body)))
    assert len(rep) == 1 and rep["where"].iloc[0] == "body"


# ----------------------------------------------------------------------------- names and spelling
@pytest.mark.parametrize("a,b,same", [
    ("Yoon Suk Yeol", "Yoon Seok-youl", True),
    ("Yoon Suk-yeol", "Yoon Suk Yeol", True),
    ("Yoon", "Yin", True),
    ("Kishida", "Kihara", False),
])
def test_skeleton(a, b, same):
    assert (w.skeleton(a) == w.skeleton(b)) is same


@pytest.mark.parametrize("text,spans", [
    ("South Korean President Yoon Suk Yeol met Prime Minister Fumio Kishida.", ["South Korean", "Yoon Suk Yeol", "Fumio Kishida"]),
    ("It is called the General Security of Military Information Agreement (GSOMIA).",
     ["General Security of Military Information Agreement", "GSOMIA"]),
    ("The talks on Monday included Elon Musk's SpaceX.", ["Elon Musk", "SpaceX"]),
    # contractions written without the apostrophe are no name words; names starting like them are
    ("He wrote on Facebook Ive been told Dont Look Up won, said Ida Tarbell.", ["Facebook", "Look Up", "Ida Tarbell"]),
    # a month before a day number is a date ("Original Nov. 19" is no name); "Theresa May" is a name
    ("The page was first posted as Original Nov. 19 and Theresa May spoke on May 3.", ["Original", "Theresa May"]),
])
def test_capitalised_spans(text, spans):
    assert [s for _, _, s in w.capitalised_spans(text)] == spans


def test_name_variants_groups_romanisation_acronym_and_typo():
    corpus = arts(
        ("a", "A", "President Yoon Suk Yeol spoke. Yoon said the General Security of Military Information "
                   "Agreement (GSOMIA) stays."),
        ("b", "B", "President Yoon Suk-yeol spoke. Yoon said the Military Intelligence General Security Agreement "
                   "would be normalised. Yin also said the GSOMIA agreement stays."),
        ("c", "C", "President Yoon Seok-youl spoke on Friday."),
    )
    v = w.name_variants(corpus)
    groups = v.groupby("variant")["group"].first()
    assert groups["Yoon Seok-youl"] == groups["Yoon Suk-yeol"] == groups["Yin"] == groups["Yoon"]
    assert groups["Military Intelligence General Security Agreement"] == groups["GSOMIA"]
    hows = v.set_index("variant")["how"]
    assert hows["Yin"] == "near variant (possible typo)" and hows["Military Intelligence General Security Agreement"] == "expansion"
    t = w.variant_table(v)
    assert t.set_index("variant").loc["Yoon Seok-youl", "C"] == 1


def test_ambiguous_short_acronyms_and_product_codes_join_nothing():
    corpus = arts(
        ("a", "A", "Mike Pence spoke in Ohio. The MP later left the hall."),
        ("b", "B", "The Met Police said the MP was not arrested."),
        ("c", "C", "The new MacBook Pro plays MP3 files. The MacBook Pro is thin."),
    )
    v = w.name_variants(corpus).groupby("variant")["group"].first()
    assert v["MP"] == "MP"                       # two expansions (Mike Pence, Met Police): ambiguous
    assert v["MP3"] != v["MacBook Pro"]           # a product code is no set of initials
    assert v["Mike Pence"] != v["Met Police"]


def test_an_acronym_joins_a_name_of_another_article_only_by_its_content_initials():
    corpus = arts(("a", "A", "The Liberal Democratic Party met. The report of Pai de Francesco was read."),
                  ("b", "B", "The LDP won. They read the PDF of the report."))
    v = w.name_variants(corpus).groupby("variant")["group"].first()
    assert v["LDP"] == v["Liberal Democratic Party"]      # content words spell it: across articles
    assert v["PDF"] != v["Pai de Francesco"]               # only with "de": not without the name beside it


def test_a_common_word_written_capitalised_is_no_short_form():
    corpus = arts(("a", "A", "President Yoon Suk Yeol met the Military Intelligence General Security Agreement team. "
                             "Yoon said the military talks went well."),
                  ("b", "B", "The Military said military ties and military drills would go on."))
    v = w.name_variants(corpus)
    groups = v.groupby("variant")["group"].first()
    assert groups["Yoon"] == "Yoon Suk Yeol"                                     # a surname joins its name
    assert groups["Military"] != groups["Military Intelligence General Security Agreement"]
    stored = w.name_mentions(corpus)
    stored.attrs.clear()                                                         # a table read back from disk
    assert w.name_variants(corpus, mentions=stored).equals(v)


def test_a_common_word_is_no_near_variant_of_a_name():
    corpus = arts(("a", "A", "Moon Jae-in spoke. Moon said the man who met Moon was a friend. He called him a Man, "
                             "then the man left."),)
    v = w.name_variants(corpus).groupby("variant")["how"].first()
    assert v.get("Man") != "near variant (possible typo)"


def test_an_agency_acronym_is_its_agency_not_initials():
    corpus = arts(("a", "A", "The Adobe Flash Player crashed again, AFP reported."),
                  ("b", "B", "Agence France-Presse said the AFP bureau in Seoul would stay open."))
    v = w.name_variants(corpus).groupby("variant")["group"].first()
    assert v["AFP"] == v["Agence France-Presse"] != v["Adobe Flash Player"]   # data/agencies.csv


@pytest.mark.parametrize("text, spans", [
    ("Then I've met Lee Min-ho and I told him.", ["Lee Min-ho"]),
    ("Plan B was dropped, said Jo Cox.", ["Plan", "Jo Cox"]),
    ("Tasman came in 1642. [13] In 1645 the map was redrawn.", ["Tasman"]),   # a missed sentence start
    ("Video: In this talk Will Smith met the WHO chief.", ["Video", "Will Smith", "WHO"]),
])
def test_pronouns_and_lone_letters_are_no_names(text, spans):
    assert [s for _, _, s in w.capitalised_spans(text)] == spans


def test_alias_file_and_extra_aliases(tmp_path, monkeypatch):
    corpus = arts(("a", "A", "Officials in Pyongyang spoke. The DPRK said North Korea is ready."))
    v = w.name_variants(corpus)
    assert v.set_index("variant").loc["DPRK", "group"] == "North Korea"  # shipped data/aliases.csv
    assert v.set_index("variant").loc["Pyongyang", "group"] != "North Korea"
    v2 = w.name_variants(corpus, extra_aliases=[("North Korea", "Pyongyang")])
    assert v2.set_index("variant").loc["Pyongyang", "group"] == "North Korea"
    (tmp_path / "aliases.csv").write_text("# a user file\ncanonical,variant\nNorth Korea,Pyongyang\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFRAME_DATA", str(tmp_path))
    v3 = w.name_variants(corpus)
    assert v3.set_index("variant").loc["Pyongyang", "group"] == "North Korea"


def test_spelling_conventions_names_counted_apart():
    corpus = arts(("a", "A", "The defence ministry and the Ministry of National Defense spoke of colonisation."),
                  ("b", "B", "The defense ministry spoke of colonization and defense."))
    s = w.spelling_conventions(corpus).set_index(["id", "british"])
    assert (s.loc[("a", "defence"), "n_british"], s.loc[("a", "defence"), "in_names"]) == (1, 1)
    assert s.loc[("b", "defence"), "n_american"] == 2 and s.loc[("b", "colonisation"), "n_american"] == 1
    summ = w.spelling_summary(w.spelling_conventions(corpus)).set_index("outlet")["convention"]
    assert summ["A"] == "British" and summ["B"] == "American"


# ----------------------------------------------------------------------------- collocations, concordance, facts
def test_collocations_and_concordance():
    corpus = arts(("a", "A", "Prime Minister Kishida spoke. Prime Minister Kishida left. The minister spoke."),
                  ("b", "B", "Prime Minister Kishida arrived in Seoul."))
    c = w.collocations(corpus)
    assert set(c["bigram"].iloc[:2]) == {"prime minister", "minister kishida"}
    top = c.set_index("bigram").loc["prime minister"]
    assert top["n"] == 3 and top["n_articles"] == 2 and "the minister" not in set(c["bigram"])
    assert top["pmi"] > 0 and top["likelihood_ratio"] > 0
    kwic = w.concordance(corpus, "Prime Minister")
    assert list(kwic["id"]) == ["a", "a", "b"] and kwic["right"].iloc[2].startswith("Kishida arrived")


def test_divergent_facts_flags_verb_and_number():
    corpus = arts(
        ("a", "A", "Seoul had threatened to scrap the pact with Japan in 2019. Japan paid South Korea $800 million in 1965."),
        ("b", "B", "South Korea decided to cancel the pact with Japan in 2019. Japan paid South Korea $300 million in 1965."),
    )
    d = w.divergent_facts(corpus)
    whys = " | ".join(d["why"])
    assert "threatened" in whys and "cancel" in whys and "800 vs 300" in whys
    assert w.numbers("from 1910-45") == {"1910", "1945"}


# ----------------------------------------------------------------------------- seeds end to end
def test_seeds_show_the_issue_examples(seeds_loaded):
    articles, lines = seeds_loaded
    v = w.name_variants(articles, lines)
    yoon = set(v.loc[v["group"] == v.loc[v["variant"] == "Yoon Suk-yeol", "group"].iloc[0], "variant"])
    assert {"Yoon Suk Yeol", "Yoon Suk-yeol", "Yoon Seok-youl", "Yin"} <= yoon
    gsomia = set(v.loc[v["group"] == v.loc[v["variant"] == "GSOMIA", "group"].iloc[0], "variant"])
    assert {"General Security of Military Information Agreement", "Military Intelligence General Security Agreement"} <= gsomia
    sp = w.spelling_conventions(articles)
    used = set(sp.loc[sp["n_british"] > 0, "british"]) | set(sp.loc[sp["n_american"] > 0, "american"])
    assert {"defence", "defense", "colonisation", "colonization"} <= used
    rep = w.repeated_passages(articles, lines)
    assert rep["cleaner_reason"].fillna("").str.contains("lede repeated").any()
    d = w.divergent_facts(articles, variants=v)
    hit = d[d["why"].str.contains("scrap") & d["why"].str.contains("cancel")]
    assert list(zip(hit["a"].str[:3], hit["b"].str[:3])) == [("000", "001")]
    assert "extend" in hit["then_a"].iloc[0] and "conditionally" in hit["then_a"].iloc[0]


def test_reuse_cli_on_seeds(tmp_path):
    out = tmp_path / "pairs.jsonl"
    r = subprocess.run([sys.executable, "-m", "newsframe", "reuse", str(SEEDS), "--out", str(out)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = {p.stem for p in SEEDS.glob("*.txt")}
    assert recs and all(set(rec) == {"a", "b", "score", "reused_sentences"} for rec in recs)
    assert all(rec["a"] in ids and rec["b"] in ids and rec["score"] >= w.DEFAULT_REUSE_THRESHOLD for rec in recs)
    kinds = {s["kind"] for rec in recs for s in rec["reused_sentences"]}
    assert kinds <= {"verbatim", "edited", "paraphrase"} and "edited" in kinds
    assert ("000_c40e52543c5c9a5f", "001_13f536ddc75d8604") in {(rec["a"], rec["b"]) for rec in recs}


def test_reuse_records_threshold(seeds_loaded):
    articles, _ = seeds_loaded
    default = list(w.reuse_pairs_records(articles))
    assert default == list(w.reuse_pairs_records(articles, threshold=w.DEFAULT_REUSE_THRESHOLD))
    assert list(w.reuse_pairs_records(articles, threshold=0.99)) == []


@pytest.mark.parametrize("a,b,kind", [
    # hyphenation and curly quotes are not edits
    ("South Korean President Yoon Suk Yeol had flown to Japan to meet Prime Minister Fumio Kishida.",
     "South Korean President Yoon Suk-yeol had flown to Japan to meet Prime Minister Fumio Kishida.", "verbatim"),
    ("South Korea agreed to extend GSOMIA \u201cconditionally\u201d, but warned it could be \u201cterminated\u201d.",
     'South Korea agreed to extend GSOMIA "conditionally", but warned it could be "terminated".', "verbatim"),
    # a clause cut and a verb changed: still the same sentence
    ("Seoul had threatened to scrap GSOMIA in 2019 as relations with Tokyo soured over trade disputes.",
     "Seoul had decided to cancel GSOMIA in 2019 as relations with Tokyo soured.", "edited"),
])
def test_alignment_ignores_typography(a, b, kind):
    al = w.align_sentences(arts(("a", "A", a), ("b", "B", b)))
    assert list(al["kind"]) == [kind]


def test_repeated_passages_with_lines_table():
    lede = "The statement detailed that ministers agreed to advance security cooperation between the defense authorities."
    body = "Japan and South Korea agreed to resume defense exchanges on Sunday.\n\n" + lede
    lines = pd.DataFrame([
        {"id": "a", "line_no": 3, "text": lede, "label": "teaser", "reason": "lede repeated as a summary"},
        {"id": "a", "line_no": 5, "text": "Japan and South Korea agreed to resume defense exchanges on Sunday.",
         "label": "body", "reason": ""},
        {"id": "a", "line_no": 7, "text": "Most Read", "label": "related", "reason": ""},
    ])
    rep = w.repeated_passages(arts(("a", "A", body)), lines)
    assert list(zip(rep["line_no"], rep["where"], rep["cleaner_reason"])) == [(3, "teaser line", "lede repeated as a summary")]


def test_score_with_word_counts_equals_score_with_difflib_bound():
    """Word counts kept per sentence give the same quick_ratio bound as difflib, so the same scores."""
    from collections import Counter

    sents = [w.sentences.match_words(s) for p in sorted(SEEDS.glob("*.txt"))
             for s in nftext.sentences(p.read_text(encoding="utf-8"))][:120]
    sents += [["the", "talks", "the", "talks", "resumed"], ["talks", "the", "resumed", "the"], []]
    scored = 0
    for a in sents:
        for b in sents[::3]:
            ca, cb = w.content_set(a), w.content_set(b)
            plain = w.score_sentence_pair(a, b, ca, cb)
            assert w.score_sentence_pair(a, b, ca, cb, "paraphrase", Counter(a), Counter(b)) == plain
            scored += plain is not None
    assert scored > 20   # pairs on both sides of the bound were compared


def test_pair_scores_from_an_unsorted_aligned_table():
    aligned = pd.DataFrame({"a": ["x", "p", "x", "p"], "b": ["y", "q", "y", "q"],
                            "similarity": [0.9, 0.3, 0.6, 1.0], "kind": ["edited", "paraphrase", "edited", "verbatim"]})
    out = w.pair_scores(aligned, {"x": 3, "y": 5, "p": 2, "q": 10}, {"x": "X", "y": "Y", "p": "P", "q": "Q"},
                        threshold=0.0)
    assert out[["a", "b", "score", "n_verbatim", "n_edited", "n_paraphrase"]].values.tolist() == [
        ["p", "q", 0.65, 1, 0, 1],   # (0.3 + 1.0) / min(2, 10)
        ["x", "y", 0.5, 0, 2, 0],    # (0.9 + 0.6) / min(3, 5)
    ]
    assert out["outlet_a"].tolist() == ["P", "X"]
    assert w.pair_scores(aligned, {"x": 3, "y": 5, "p": 2, "q": 10}, {}, threshold=0.6)["a"].tolist() == ["p"]


# ----------------------------------------------------------------------------- by= (groups of outlets)
# Six articles, five outlets, three countries. Content words per country (counted by hand):
# UK (a1, a2, b1): 15 words; tariff 6 (a1 3, b1 3), ministry 3, talks 3, summit 1, defence 1, colonisation 1
# US (c1, d1): 9 words; summit 3, ministry 2, talks 2, defense 2
# JP (e1): 4 words; summit 2, talks 1, ministry 1
GROUPED = pd.DataFrame([
    ("a1", "A", "UK", "tariff tariff tariff defence ministry talks"),
    ("a2", "A", "UK", "ministry talks summit"),
    ("b1", "B", "UK", "tariff tariff tariff ministry talks colonisation"),
    ("c1", "C", "US", "ministry talks summit summit defense"),
    ("d1", "D", "US", "summit talks ministry defense"),
    ("e1", "E", "JP", "summit summit talks ministry"),
], columns=["id", "outlet", "country", "body"])
GROUPED_VARIANTS = pd.DataFrame([
    ("Yoon Suk Yeol", "Yoon Suk Yeol", "same", "A", 2, "a1, a2", 2),
    ("Yoon Suk Yeol", "Yoon Suk-yeol", "hyphen, space or case", "B", 1, "b1", 2),
    ("Yoon Suk Yeol", "Yoon Suk-yeol", "hyphen, space or case", "C", 3, "c1", 2),
], columns=["group", "variant", "how", "outlet", "n", "ids", "n_variants"])


@pytest.mark.parametrize("group,term,counts,single", [
    # (n_outlet, n_rest, words_outlet, words_rest); tariff: leaving a1 out keeps b1's 3 (G2 = 6 ln(22/9), p = 0.02)
    ("UK", "tariff", (6, 0, 15, 13), False),
    ("US", "summit", (3, 3, 9, 19), True),    # c1 holds 2 of the 3: without it 1 is left (< min_freq)
    ("US", "defense", (2, 0, 9, 19), None),   # under min_freq 3 in the group and not under-used: not tested
])
def test_keyness_by_country_hand_counted(group, term, counts, single):
    k = w.keyness(GROUPED, by="country", min_freq=3)
    assert list(k.columns[:2]) == ["country", "term"] and set(k["country"]) == {"UK", "US", "JP"}
    row = k[(k["country"] == group) & (k["term"] == term)]
    if single is None:
        assert row.empty
        return
    row = row.iloc[0]
    assert (row["n_outlet"], row["n_rest"], row["words_outlet"], row["words_rest"]) == counts
    assert row["g2"] == pytest.approx(w.log_likelihood(*counts), abs=1e-3)
    assert row["log_ratio"] == pytest.approx(w.log_ratio(*counts), abs=1e-3)
    assert bool(row["one_article_only"]) is single


def test_keyness_one_article_only_is_per_group():
    """tariff comes from one article of outlet A but from two articles of the UK group."""
    by_outlet = w.keyness(GROUPED, min_freq=3)
    assert bool(by_outlet.set_index(["outlet", "term"]).loc[("A", "tariff"), "one_article_only"])
    by_country = w.keyness(GROUPED, by="country", min_freq=3).set_index(["country", "term"])
    assert not by_country.loc[("UK", "tariff"), "one_article_only"]
    assert by_country.loc[("UK", "tariff"), "n_articles"] == 2
    assert w.g2_p_value(w.log_likelihood(3, 0, 9, 13)) <= w.KEYNESS_MAX_P   # the leave-one-out test, by hand


def test_keyness_default_by_is_outlet():
    assert w.keyness(GROUPED).equals(w.keyness(GROUPED, by="outlet"))
    with pytest.raises(KeyError, match="lean"):
        w.keyness(GROUPED, by="lean")


@pytest.mark.parametrize("make_counts", [
    lambda e: e.term_counts(GROUPED),                                                    # outlet only: mapped
    lambda e: e.term_counts(GROUPED).assign(country=lambda t: t["outlet"].map(          # carrying the group
        dict(zip(GROUPED["outlet"], GROUPED["country"])))),
])
def test_keyness_from_counts_by_country_equals_keyness(make_counts):
    from newsframe.scale import engine

    full = w.keyness(GROUPED, by="country", min_freq=3)
    fast = w.keyness_from_counts(make_counts(engine), by="country", articles=GROUPED, min_freq=3)
    assert list(fast.columns) == list(full.columns) and set(fast["country"]) == {"UK", "US"}  # JP: no term 3 times
    row = fast.set_index(["country", "term"]).loc[("UK", "tariff")]
    assert (row["n_outlet"], row["n_rest"], row["words_outlet"], row["words_rest"], row["n_articles"]) == (6, 0, 15, 13, 2)
    assert not row["one_article_only"]   # two UK articles use it
    merged = full.merge(fast, on=["country", "term"], suffixes=("", "_c"))
    assert len(merged) == len(fast)
    for col in ["n_outlet", "n_rest", "words_outlet", "words_rest", "g2", "p", "log_ratio", "direction", "key"]:
        assert (merged[col] == merged[col + "_c"]).all(), col


def test_keyness_from_counts_by_group_needs_one_group_per_outlet():
    from newsframe.scale import engine

    mixed = GROUPED.assign(outlet=["A", "A", "B", "C", "D", "A"])   # outlet A is in the UK and in JP
    with pytest.raises(ValueError, match="cannot be split"):
        w.keyness_from_counts(engine.term_counts(mixed), by="country", articles=mixed)
    with pytest.raises(KeyError, match="country"):
        w.keyness_from_counts(engine.term_counts(GROUPED), by="country")


@pytest.mark.parametrize("a,b,term,counts", [
    # the rest is the other group only: JP's words are left out
    ("UK", "US", "tariff", (6, 0, 15, 9)),
    ("US", "UK", "summit", (3, 1, 9, 15)),
    ("US", "JP", "summit", (3, 2, 9, 4)),
])
def test_keyness_between_two_groups(a, b, term, counts):
    k = w.keyness_between(GROUPED, a, b, by="country", min_freq=3)
    assert list(k.columns[:3]) == ["country", "reference", "term"]
    assert set(k["country"]) == {a} and set(k["reference"]) == {b}
    row = k.set_index("term").loc[term]
    assert (row["n_outlet"], row["n_rest"], row["words_outlet"], row["words_rest"]) == counts
    assert row["g2"] == pytest.approx(w.log_likelihood(*counts), abs=1e-3)
    assert row["log_ratio"] == pytest.approx(w.log_ratio(*counts), abs=1e-3)


def test_keyness_between_from_outlet_counts_and_errors():
    from newsframe.scale import engine

    k = w.keyness_between(GROUPED, "UK", "US", by="country", min_freq=3, counts=engine.term_counts(GROUPED))
    row = k.set_index("term").loc["tariff"]
    assert (row["n_outlet"], row["n_rest"], row["words_outlet"], row["words_rest"]) == (6, 0, 15, 9)
    per_outlet = w.keyness_between(GROUPED, "A", "C", min_freq=3)
    assert list(per_outlet.columns[:2]) == ["outlet", "reference"]
    assert per_outlet.set_index("term").loc["tariff", "n_rest"] == 0
    with pytest.raises(ValueError, match="FR"):
        w.keyness_between(GROUPED, "UK", "FR", by="country")
    with pytest.raises(ValueError):
        w.keyness_between(GROUPED, "UK", "UK", by="country")


def test_top_key_terms_and_merge_effect_by_country():
    k = w.keyness(GROUPED, by="country", min_freq=2)
    top = w.top_key_terms(k, n=1, by="country")
    assert top.groupby(["country", "direction"]).size().max() == 1
    assert top.set_index(["country", "direction"]).loc[("UK", "over"), "term"] == "tariff"
    assert w.top_key_terms(k, n=1).equals(top)   # the group column of keyness is the first one
    with pytest.raises(KeyError):
        w.top_key_terms(k, by="lean")
    effect = w.merge_effect(GROUPED, GROUPED_VARIANTS, by="country")
    assert list(effect.columns[:2]) == ["country", "term"]
    for _, rows in effect.groupby("country"):      # the largest change of G2 first in each group
        change = (rows["g2_merged"].fillna(0) - rows["g2_raw"].fillna(0)).abs().tolist()
        assert change == sorted(change, reverse=True)


def test_other_languages_function_words_are_no_content_words():
    from newsframe import text

    assert text.content_words("и на der les la nacion Zug") == ["nacion", "zug"]
    assert text.content_words("they met a man to die for his son at MIT and the UN") == [
        "met", "man", "die", "son", "mit", "un"]          # English words and acronyms stay


@pytest.mark.parametrize("by,expected", [
    # (n_british, n_american, convention, articles) per group: defence in a1, colonisation in b1, defense in c1, d1
    ("country", {"UK": (2, 0, "British", 2), "US": (0, 2, "American", 2)}),
    ("outlet", {"A": (1, 0, "British", 1), "B": (1, 0, "British", 1), "C": (0, 1, "American", 1),
                "D": (0, 1, "American", 1)}),
])
def test_spelling_summary_by(by, expected):
    spellings = w.spelling_conventions(GROUPED)
    summary = w.spelling_summary(spellings, by=by, articles=GROUPED)
    assert summary.columns[0] == by
    got = {r[by]: (r["n_british"], r["n_american"], r["convention"], r["articles"]) for _, r in summary.iterrows()}
    assert got == expected
    carried = w.spelling_conventions(GROUPED, by=by)   # the group column on each row: no articles= needed
    assert by in carried.columns and w.spelling_summary(carried, by=by).equals(summary)


def test_variant_table_by_country_and_bounded_columns():
    t = w.variant_table(GROUPED_VARIANTS, by="country", articles=GROUPED).set_index("variant")
    assert list(t.columns) == ["group", "how", "UK", "US", "ids"]
    assert (t.loc["Yoon Suk Yeol", "UK"], t.loc["Yoon Suk-yeol", "UK"], t.loc["Yoon Suk-yeol", "US"]) == (2, 1, 3)
    assert t.loc["Yoon Suk-yeol", "ids"] == "b1, c1"
    assert list(w.variant_table(GROUPED_VARIANTS).columns) == ["group", "variant", "how", "A", "B", "C", "ids"]
    # 40 groups: the 11 with the most mentions keep a column, the 29 others are summed in one
    many = pd.DataFrame([("X", f"X{i % 2}", "same", f"o{i:02d}", i + 1, f"id{i:02d}", 2) for i in range(40)],
                        columns=GROUPED_VARIANTS.columns)
    arts40 = pd.DataFrame({"id": [f"id{i:02d}" for i in range(40)], "outlet": [f"o{i:02d}" for i in range(40)],
                           "country": [f"c{i:02d}" for i in range(40)]})
    big = w.variant_table(many, by="country", articles=arts40)
    groups_cols = [c for c in big.columns if c not in ("group", "variant", "how", "ids")]
    assert len(groups_cols) == 12 and groups_cols[-1] == "other (29 groups)"
    assert set(groups_cols[:-1]) == {f"c{i:02d}" for i in range(29, 40)}
    assert big[groups_cols[-1]].sum() == sum(range(1, 30)) and big[groups_cols].to_numpy().sum() == sum(range(1, 41))
    split = GROUPED_VARIANTS.assign(ids=["a1, c1", "b1", "c1"])   # one outlet row over two countries
    with pytest.raises(ValueError, match="cannot be split"):
        w.variant_table(split, by="country", articles=GROUPED)


def test_variant_table_opens_on_the_names_most_outlets_spell():
    cols = GROUPED_VARIANTS.columns
    rows = [("Aa Junk", "Aa Junk", "same", "A", 9, "a1", 2), ("Aa Junk", "AA Junk", "hyphen, space or case", "A", 1, "a1", 2),
            ("Kim Jong Un", "Kim Jong Un", "same", "A", 1, "a1", 2), ("Kim Jong Un", "Kim Jong-un", "hyphen, space or case", "B", 2, "b1", 2),
            ("Kim Jong Un", "Kim Jong-un", "hyphen, space or case", "C", 1, "c1", 2),
            ("Moon Jae-in", "Moon Jae-in", "same", "A", 3, "a1", 2), ("Moon Jae-in", "Moon Jae In", "same", "B", 1, "b1", 2)]
    t = w.variant_table(pd.DataFrame(rows, columns=cols))
    # three outlets name Kim, two Moon, one the junk name (though it has the most mentions)
    assert list(dict.fromkeys(t["group"])) == ["Kim Jong Un", "Moon Jae-in", "Aa Junk"]
    assert list(t["variant"][:2]) == ["Kim Jong-un", "Kim Jong Un"]   # inside a group: the most mentioned first


def test_collocations_and_concordance_by_country():
    c = w.collocations(GROUPED, by="country", min_freq=2)
    assert c.columns[0] == "country" and set(c["country"]) <= {"UK", "US", "JP"}
    row = c[(c["country"] == "UK") & (c["bigram"] == "ministry talks")].iloc[0]
    assert (row["n"], row["n_articles"]) == (3, 3)   # a1, a2, b1
    assert w.collocations(GROUPED, by_outlet=True, min_freq=1).equals(w.collocations(GROUPED, by="outlet", min_freq=1))
    assert set(w.collocations(GROUPED, min_freq=2)["outlet"]) == {"all"}
    kwic = w.concordance(GROUPED, "summit", by="country")
    assert list(kwic.columns) == ["country", "outlet", "id", "left", "match", "right", "term"]
    assert list(zip(kwic["id"], kwic["country"])) == [("a2", "UK"), ("c1", "US"), ("c1", "US"), ("d1", "US"),
                                                      ("e1", "JP"), ("e1", "JP")]
    assert list(w.concordance(GROUPED, "summit").columns) == ["outlet", "id", "left", "match", "right", "term"]


def test_outlet_digest_by_country():
    spellings = w.spelling_conventions(GROUPED)
    key = w.keyness(GROUPED, by="country", min_freq=3)
    aligned = pd.DataFrame({"a": ["a1"], "b": ["c1"], "outlet_a": ["A"], "outlet_b": ["C"]})
    d = w.outlet_digest(GROUPED, by="country", variants=GROUPED_VARIANTS, spellings=spellings, key=key,
                        aligned=aligned).set_index("country")
    assert list(d.index) == ["JP", "UK", "US"]
    assert d["articles"].to_dict() == {"JP": 1, "UK": 3, "US": 2}
    assert d["reused sentences"].to_dict() == {"JP": 0, "UK": 1, "US": 1}
    assert d["spelling"].to_dict() == {"JP": "none met", "UK": "British", "US": "American"}
    assert d.loc["UK", "name spellings that differ"] == "Yoon Suk Yeol; Yoon Suk-yeol"
    assert d.loc["US", "name spellings that differ"] == "Yoon Suk-yeol"
    assert "tariff" in d.loc["UK", "key words (robust)"]
    per_outlet = w.outlet_digest(GROUPED, variants=GROUPED_VARIANTS, spellings=spellings, aligned=aligned,
                                 key=w.keyness(GROUPED, min_freq=3))
    assert list(per_outlet["outlet"]) == ["A", "B", "C", "D", "E"] and list(per_outlet["articles"]) == [2, 1, 1, 1, 1]
    with pytest.raises(KeyError, match="country"):
        w.outlet_digest(GROUPED, by="country", variants=GROUPED_VARIANTS, spellings=spellings, aligned=aligned,
                        key=w.keyness(GROUPED, min_freq=3))


# Name merging for keyness: written for these tests; the reference is the regex alternation the
# scanner replaced (every name, longest first, whole words, any case).
MERGE_TEXTS = [
    "Yoon Suk-yeol met Kishida. YOON SUK-YEOL and yoon suk yeol spoke; Yoon Suk-yeolism is not a name.",
    "The U.S. and the US-Japan alliance; U.S.-led talks. Japan's Kishida Fumio, Kishida.",
    "South Korea, South Korean, Korea. North Korea's missile; Korea-Japan ties.",
    "", "no names here at all",
]
MERGE_MAP = {"yoon suk-yeol": "Yoon Suk Yeol", "yoon suk yeol": "Yoon Suk Yeol", "kishida": "Fumio Kishida",
             "kishida fumio": "Fumio Kishida", "u.s.": "United States", "us": "United States",
             "south korea": "South Korea", "korea": "South Korea", "japan": "Japan"}


def _regex_merge(text, vmap):
    import re
    keys = sorted(vmap, key=len, reverse=True)
    pat = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.I)
    return pat.sub(lambda mo: vmap[mo.group(0).lower()].replace(" ", "_").replace("-", "_"), text)


@pytest.mark.parametrize("text", MERGE_TEXTS)
def test_name_merger_equals_the_regex_alternation(text):
    assert _NameMerger(MERGE_MAP)(text) == _regex_merge(text, MERGE_MAP)


def test_name_merger_examples():
    merge = _NameMerger(MERGE_MAP)
    assert merge("YOON SUK-YEOL met Kishida Fumio.") == "Yoon_Suk_Yeol met Fumio_Kishida."
    assert merge("Koreans") == "Koreans" and merge("") == "" and _NameMerger({})("Japan") == "Japan"


def _fact_sentence(aid, outlet, ents, nums):
    return (aid, outlet, "text", set(ents), set(nums), [])


def test_fact_candidates_are_the_pairs_sharing_a_number_and_an_entity():
    sents = [_fact_sentence("a", "A", {"japan", "korea"}, {"3"}), _fact_sentence("b", "B", {"japan"}, {"3", "4"}),
             _fact_sentence("c", "C", {"china"}, {"3"}), _fact_sentence("d", "D", {"japan"}, {"5"})]
    assert w.divergence._fact_candidates(sents, 1) == [(0, 1)]
    assert w.divergence._fact_candidates(sents, 0) == [(0, 1), (0, 2), (1, 2)]   # a number is enough


def test_fact_candidates_leave_out_the_commonest_keys_above_the_budget(monkeypatch):
    common = [_fact_sentence(f"a{i}", f"O{i}", {"japan"}, {"2023"}) for i in range(6)]   # 15 pairs
    rare = [_fact_sentence("x", "X", {"yoon"}, {"7"}), _fact_sentence("y", "Y", {"yoon"}, {"7"})]
    monkeypatch.setattr(w.divergence, "DIVERGENT_MAX_PAIRS", 10)
    assert w.divergence._fact_candidates(common + rare, 1) == [(6, 7)]
    monkeypatch.setattr(w.divergence, "DIVERGENT_MAX_PAIRS", 16)
    assert len(w.divergence._fact_candidates(common + rare, 1)) == 16
