"""The page-field models (newsframe.reading.page_fields): headline, publication date and outlet of a page.

Pages here are written for the tests (a header, a headline, three paragraphs, a footer); nothing comes
from the benchmark pages the models were trained on.
"""
import math

import pytest

from newsframe.reading import clean, meta, outlet_fields, page_fields

BODY = ["Harbour workers walked out on Monday after talks on pay broke down late on Sunday night, the union said.",
        "The union said the strike would last until the port authority returned to the table with a new offer.",
        "Ferry services to the islands were cancelled, and freight piled up on the quays of the old harbour."]
HEADLINE = "Harbour workers strike over pay as ferry services stop"


def page(header, *, between=(), footer=("About Us", "Contact Us")):
    lines = list(header) + ["", HEADLINE, ""] + list(between) + [""]
    for b in BODY:
        lines += [b, ""]
    return lines + list(footer)


def headline_of(lines):
    table = clean.classify_lines(lines)
    return meta.find_headline(table)


@pytest.mark.parametrize("field", ["headline", "published", "outlet"])
def test_shipped_model_matches_the_code(field):
    """The weights were fitted on the features the code computes, in the same order."""
    m = page_fields.model(field)
    assert m is not None, "lib/newsframe/data/page_fields.json lacks the model: run bench/train_page_fields.py --write"
    features_of = outlet_fields if field == "outlet" else page_fields   # where the field's features are computed
    assert m["features"] == list(getattr(features_of, f"{field.upper()}_FEATURES"))
    assert len(m["coef"]) == len(m["mean"]) == len(m["scale"]) == len(m["features"])
    assert 0 < m["threshold"] < 1 and all(s > 0 for s in m["scale"])


def test_probabilities_are_a_softmax_with_a_no_answer_option():
    m = {"features": ["a"], "coef": [1.0], "mean": [0.0], "scale": [1.0], "no_answer": 0.0, "threshold": 0.5}
    probs = page_fields.probabilities(m, [("x", {"a": 1.0}), ("y", {"a": 0.0})])
    total = math.exp(1) + math.exp(0) + math.exp(0)
    assert probs == pytest.approx([math.exp(1) / total, 1 / total])


def test_pick_pools_candidates_with_the_same_key():
    cands = [("a", "Example News", {}), ("b", "Other", {}), ("c", "EXAMPLE NEWS", {})]
    p, best = page_fields.pick([0.3, 0.4, 0.2], cands, page_fields.outlet_keys)
    assert best is cands[0] and p == pytest.approx(0.5)
    p, best = page_fields.pick([0.3, 0.4, 0.2], cands)
    assert best is cands[1] and p == pytest.approx(0.4)


@pytest.mark.parametrize("texts, pooled", [
    # a title part of four words and more that starts one longer candidate is the same headline
    (["First light for the Telescope", "First light for the telescope, a sharp new eye"], [0, 0]),
    # ... also beside the page title it was cut from
    (["First light for the Telescope | Sky News", "First light for the Telescope",
      "First light for the telescope, a sharp new eye"], [0, 0, 0]),
    # shorter than four words: a section name that starts a headline is not the headline
    (["Space news", "Space news: a sharp new eye on the sky"], [0, 1]),
    # a prefix of two different candidates pools with neither
    (["Leaders meet in Tokyo", "Leaders meet in Tokyo again", "Leaders meet in Tokyo, talk trade"], [0, 1, 2]),
    # a prefix must end at a word boundary
    (["The summit ends in Tok", "The summit ends in Tokyo"], [0, 1]),
])
def test_headline_keys_pool_a_title_part_with_the_line_it_starts(texts, pooled):
    keys = page_fields.headline_keys([(None, t, {}) for t in texts])
    assert [keys.index(k) for k in keys] == pooled


def test_the_headline_above_byline_and_date_is_found():
    lines = page(["Portville Herald", "Home", "News", "Sport"], between=["By Ana Ruiz", "March 3, 2025"])
    assert headline_of(lines) == HEADLINE


@pytest.mark.parametrize("noise", [
    "Jung Yeon-Je/Reuters/File",            # a photo credit
    "Photo : YONHAP News",
    "By Park Sae-jin Posted : May 27, 2024, 16:49",   # a byline
    "17 Apr 2023 07:04:34 GMT9",             # a timestamp
    "Home » International » Asia",           # a breadcrumb
    "Edit Profile Sign Out",                 # interface strings
    "Image 1 of 13",
    "Getty Images",
])
def test_credits_bylines_timestamps_and_ui_strings_are_not_headlines(noise):
    # the noise line sits right above the article, where the headline would be; the real headline is absent
    lines = ["Portville Herald", "Home", "News", "", noise, ""]
    for b in BODY:
        lines += [b, ""]
    assert headline_of(lines) is None   # the page shows no headline: the right answer is none


def test_headline_part_of_a_page_title():
    assert page_fields.split_title("Harbour workers strike over pay | Portville Herald") == "Harbour workers strike over pay"
    assert page_fields.split_title("Harbour workers strike - Portville Herald") == "Harbour workers strike"
    assert page_fields.split_title("Harbour workers strike over pay") is None


@pytest.mark.parametrize("text, day", [
    ("Posted on Maret 14, 2016 by Redaksi", "2016-03-14"),          # Indonesian month
    ("Текст: Анна Смирнова · 3 октября 2019", "2019-10-03"),   # Russian genitive
    ("Par M. Dubreuil — 12 février 2018 à 09:15", "2018-02-12"),   # French
    ("9 de junio de 2020", "2020-06-09"),                          # Spanish
    ("By Lena Ortiz - 10/07/21 9:15 PM EST", "2021-10-07"),  # US numeric, two-digit year
    ("6:20 AM PST 02/11/2020 by Omar Haddad", "2020-02-11"),   # a US zone: an ambiguous slash date is month first
    ("02/11/2020 10:00 GMT", "2020-11-02"),                       # elsewhere day first
    ("17.06.2016 à 08h05", "2016-06-17"),                          # day first with dots
    ("DECEMBER 2, 2020 14:05", "2020-12-02"),                     # upper case
])
def test_dates_in_other_languages_and_forms(text, day):
    assert [d["timestamp"].strftime("%Y-%m-%d") for d in meta.parse_dates(text)] == [day]


@pytest.mark.parametrize("text", ["3/50 of the votes", "Score 2072 points", "Maybe 5, 2019", "in 2019 the"])
def test_numbers_that_are_not_dates(text):
    assert meta.parse_dates(text) == []


def test_published_is_the_header_date_not_a_related_story_date():
    lines = page(["Portville Herald", "Home"], between=["By Ana Ruiz", "Published: March 3, 2025 09:10"],
                 footer=["Related stories", "Dock strike ends after two weeks", "February 12, 2024",
                         "New ferry for the islands", "January 8, 2024", "About Us"])
    table = clean.classify_lines(lines)
    info = meta.extract_metadata(table, clean.assemble_body(table))
    assert info["published"].strftime("%Y-%m-%d %H:%M") == "2025-03-03 09:10"
    assert "model p=" in info["published_source"]


def test_a_page_without_a_date_has_none():
    table = clean.classify_lines(page(["Portville Herald", "Home"]))
    assert meta.extract_metadata(table, clean.assemble_body(table))["published"] is None


@pytest.mark.parametrize("text, quote", [
    ("\u201cWe have to cut jobs this week,\u201d the chief executive told staff", True),
    ("'We will keep talking,' says the minister", True),
    ("South Dakota doubles down on \u2018Meth. We\u2019re on it.\u2019", False),   # a quote inside a headline
    ("\u2018Meth. We\u2019re on it.\u2019", False),
])
def test_a_pull_quote_is_a_feature_of_the_headline_model(text, quote):
    from newsframe.reading import page_fields

    assert "pull_quote" in page_fields.HEADLINE_FEATURES
    assert bool(page_fields._PULL_QUOTE.match(text)) is quote


@pytest.mark.parametrize("noise", [
    "Zurück zur Übersicht",                  # "back to the overview": an interface string in German
    "Retour à l'accueil",
])
def test_interface_strings_in_other_languages_are_not_headlines(noise):
    lines = ["Portville Herald", "Home", "News", "", noise, ""]
    for b in BODY:
        lines += [b, ""]
    assert headline_of(lines) is None


@pytest.mark.parametrize("text, credit", [
    ("Dock workers on the quay at dawn. Source: Supplied", True),    # a caption that ends with its credit
    ("Photo: Ana Ruiz", True),
    ("Foto: dpa", True),
    ("Strike closes the port: what happens next", False),             # a colon inside a headline
])
def test_a_caption_that_ends_with_its_credit_has_credit_words(text, credit):
    f = page_fields.headline_features(text, label=None, distance=2, top=False, from_split=False, repeats=0,
                                      body_words=set(), top_line="", fw=frozenset(), is_date_line=False,
                                      is_photo_credit=False, bullet=False)
    assert f["credit_words"] == float(credit)
