"""Metadata: dates, datelines, bylines, credited sources; and the five seeds."""
import pandas as pd
import pytest

from newsframe.reading import meta

SEED_EXPECTED = {
    # id: (headline, published ISO, inferred?, credited sources)
    "000_c40e52543c5c9a5f": ("South Korea Moves to ‘Normalize’ Military Pact with Japan",
                             "2023-03-18T10:34:00", False, ["AFP"]),
    "001_13f536ddc75d8604": (None, "2023-03-19T00:00:00", True, ["ANI", "Yonhap", "The Japan Times", "CNN"]),
    "002_6aac2701e2edd0f1": ("S Korea Says Better Japan Ties Helping Deter N Korea's Threat",
                             "2024-03-01T23:49:00", False, ["Reuters"]),
    "003_9a8df70d9255f726": ("Japan, South Korea agree to resume defense exchanges",
                             "2024-06-02T17:27:00", False, ["Agencies (unnamed)"]),
    "004_df0f48aa840264a6": ("S.Korea, Japan to hold first joint security talks of diplomats, defence officials in 5 yrs",
                             "2023-04-14T17:10:00+05:30", False, ["IANS", "Yonhap"]),
}


@pytest.mark.parametrize("aid", sorted(SEED_EXPECTED))
def test_seed_metadata(seeds_loaded, aid):
    articles, _ = seeds_loaded
    row = articles.set_index("id").loc[aid]
    headline, published, inferred, credits = SEED_EXPECTED[aid]
    assert (row["headline"] if not pd.isna(row["headline"]) else None) == headline
    assert row["published"].isoformat() == published
    assert bool(row["published_inferred"]) is inferred
    assert row["credited_sources"] == credits


@pytest.mark.parametrize("text, iso", [
    ("Saturday 18 March 2023 - 10:34", "2023-03-18T10:34:00"),
    ("By IANS | Updated: April 14, 2023 17:10 IST", "2023-04-14T17:10:00+05:30"),
    ("  • 2 Jun 2024 17:27", "2024-06-02T17:27:00"),
    ("Published 2019-11-18T09:30Z", "2019-11-18T09:30:00+00:00"),
    ("Nov. 19, 2019 at 3:05 pm EST", "2019-11-19T15:05:00-05:00"),
    ("Posted on 03/04/2021", "2021-04-03T00:00:00"),
])
def test_parse_dates(text, iso):
    assert meta.parse_dates(text)[0]["timestamp"].isoformat() == iso


@pytest.mark.parametrize("body, place, agency", [
    ("Seoul [South Korea]March 19 (ANI): South Korea's ministry said.", "Seoul", "ANI"),
    ("Seoul, April 14 Diplomats and defence officials will meet.", "Seoul", None),
    ("NAIROBI, Kenya (AP) _ Suspected bombs exploded.", "NAIROBI, Kenya", "AP"),
    ("WASHINGTON - The Senate voted on Tuesday.", "WASHINGTON", None),
    ("The ministers agreed on Friday.", None, None),
])
def test_find_dateline(body, place, agency):
    dl = meta.find_dateline(body)
    assert dl["dateline"] == place and dl["dateline_agency"] == agency


@pytest.mark.parametrize("line, month_day", [
    ("BRUSSELS, February 10 (Harbour Wire) --", (2, 10)),
    ("Seoul, April 14 Diplomats and defence officials will meet again next week.", (4, 14)),
    ("The Ledger says in an editorial on Thursday, Jan. 6:", (1, 6)),
    ("Updated March 19 | 10:34", (3, 19)),
    ("Posted on March 19 by the harbour desk of the paper after the late meeting", (3, 19)),
    # a date the sentence mentions, not the page's date
    ("The company said profit for the six months ended Oct. 1 rose 5% on higher sales.", None),
    ("The board extended its offer for the shares until 5 p.m. Nov. 9 while it studies bids.", None),
])
def test_header_month_day_is_the_line_date_only(line, month_day):
    from newsframe.reading.dates import header_month_day

    found = header_month_day(line)
    assert (found[:2] if found else None) == month_day


def _published_of(lines):
    from newsframe.reading import clean
    from newsframe.reading.dates import published_from_lines

    cols = clean.classify_columns(lines)
    return published_from_lines(cols["label"], cols["text"])["published"]


_NO_HEADER = [
    "The alliance welcomed three new members at a ceremony in a small Missouri town, where the foreign "
    "ministers handed over their papers to the secretary of state.",
    "",
    "The ministers spoke of a long road home and of the families who had waited for this moment for a "
    "lifetime, and several of them wept openly during the short speeches.",
    "",
    "The treaty that founded the alliance was signed on April 4, 1949, in Washington by twelve foreign "
    "ministers, and it has been enlarged several times since then.",
]


def test_a_date_inside_a_body_sentence_is_not_the_publication_date():
    """A text without a header states no publication date: the treaty's date in its third paragraph is
    history, not the page's date."""
    assert _published_of(_NO_HEADER) is None
    # a dateline or a cue still dates the page
    assert _published_of(["INDEPENDENCE, March 12, 2025 (Harbour Wire) -- " + _NO_HEADER[0], *_NO_HEADER[1:]]) \
        == pd.Timestamp("2025-03-12")
    assert _published_of(["Correction, March 14, 2025: An earlier version of this story gave the wrong town for "
                          "the ceremony and misspelt a minister's name.", "", *_NO_HEADER]) == pd.Timestamp("2025-03-14")


@pytest.mark.parametrize("text, names", [
    ("the neighbors agreed to turn the page, AFP reported.", ["AFP"]),
    ("According to CNN, the deal came after the summit.", ["CNN"]),
    ("according to a CNN report, the missile flew.", ["CNN"]),
    ("leaders reached a joint agreement, Yonhap News Agency reported.", ["Yonhap"]),
    ("welcomed the deal, the Japan Times reported, but", ["The Japan Times"]),
    ("the Daily Planet Herald reported on Monday", ["Daily Planet Herald"]),
    ("as reported by Reuters on Monday", ["Reuters"]),
    ("the Japanese Foreign Ministry reported.", []),
    ("He said the talks would resume.", []),
])
def test_find_credits(text, names):
    assert [c["name"] for c in meta.find_credits(text)] == names


def _table(rows):
    return pd.DataFrame([(i + 1, t, lab, "test") for i, (t, lab) in enumerate(rows)],
                        columns=["line_no", "text", "label", "reason"])


def test_byline_and_source_line_credits():
    table = _table([("Big talks", "headline"), ("By Reuters | Updated: May 1, 2024", "meta"),
                    ("Source: Agencies", "meta"), ("Body text here.", "body")])
    assert meta.find_byline(table) == "Reuters"
    assert meta.credited_sources(meta.article_credits(table, "Body text here.")) == ["Reuters", "Agencies (unnamed)"]


def test_own_outlet_is_not_a_credit():
    table = _table([("By Al Mayadeen English", "meta"), ("Body.", "body")])
    info = meta.extract_metadata(table, "Body.", outlet="Al Mayadeen English")
    assert info["credited_sources"] == []


def _page(header, footer):
    """A page of text written for the test: header lines, a headline, three paragraphs, footer lines."""
    body = ["Harbour workers walked out on Monday after talks on pay broke down late on Sunday night.",
            "The union said the strike would last until the port authority returned to the table.",
            "Ferry services to the islands were cancelled, and freight piled up on the quays."]
    return header + ["", "Harbour workers strike over pay", ""] + [x for b in body for x in (b, "")] + footer


@pytest.mark.parametrize("lines, outlet", [
    # the site's name in the header and again in the copyright line of the footer
    (_page(["Portville Herald", "Home", "News", "Sport", "Subscribe"],
           ["About Us", "Contact Us", "© 2024 Portville Herald. All rights reserved."]), "Portville Herald"),
    # a "Headline | Site" page title on top, the site's domain in the footer
    (_page(["Harbour workers strike over pay | Coastal Times", "Sign In", "Menu"],
           ["Follow Coastal Times", "coastaltimes.com"]), "Coastal Times"),
    # nothing names the site: menus and buttons are not outlets
    (_page(["Home", "Subscribe", "Sign In"], ["Share", "Privacy Policy", "Contact Us"]), ""),
])
def test_guess_outlet(lines, outlet):
    assert meta.guess_outlet(lines) == outlet


def test_guess_outlet_falls_back_on_the_url_host():
    lines = _page(["Home", "Subscribe"], ["Share"])
    assert meta.guess_outlet(lines, url="https://www.harbour-news.example/2024/strike") == "harbour-news.example"
    assert meta.guess_outlet(lines) == ""


@pytest.mark.parametrize("line, source, name", [
    ("© 2000 - 2019 Al Example (www.alexample.com)", "copyright", "Al Example"),
    ("Copyright 2019. Example Examiner. All Rights Reserved.", "copyright", "Example Examiner"),
    ("Exampletech © 2019 Owner Ads, LLC. All rights reserved.", "copyright", "Exampletech"),
    ("Follow ExampleInsider", "ui_frame", "ExampleInsider"),
    ("o About EXGATE", "ui_frame", "EXGATE"),
    ("Read more on TheExample.com today", "domain", "TheExample"),
    ("Example Verge logo", "logo", "Example Verge"),
])
def test_outlet_candidate_patterns(line, source, name):
    found = {(c[0], c[1]) for c in meta.outlet_candidates(["Some page", line, "More text here"])}
    assert (source, name) in found


@pytest.mark.parametrize("line", ["Contact Us", "About Us", "Follow us", "Copyright and Reprint Rights"])
def test_outlet_candidates_are_never_ui_words(line):
    names = {c[1].lower() for c in meta.outlet_candidates(["Some page", line, "More text"])}
    assert not names & {"us", "and reprint", "copyright"}


def test_year_inferred_from_similar_dated_article():
    arts = pd.DataFrame({
        "id": ["a", "b"],
        "body": ["Leaders met in Tokyo for the summit on military intelligence, in 2019 talks failed.",
                 "Leaders met in Tokyo for the summit on military intelligence."],
        "published": [None, pd.Timestamp("2023-03-18")],
        "published_source": ["line 2 (month and day only)", "line 1"],
        "_month_day": [(3, 19), None],
    })
    arts["published"] = arts["published"].astype(object)
    arts = meta.infer_missing_years(arts)
    assert arts.loc[0, "published"] == pd.Timestamp("2023-03-19")
    assert "similar dated article (b" in arts.loc[0, "published_source"]


# --------------------------------------------------------------------------- fast path = reference form
def _credits_reference(text):
    """find_credits as plain pattern.finditer over the whole text (the fast path tries fewer places)."""
    out, seen = [], set()
    for pname, pat in meta._credit_patterns():
        for m in pat.finditer(text):
            s, e = m.span("name")
            if any(s < e2 and s2 < e for s2, e2 in seen):
                continue
            canon, kind = meta.canonical_source(m.group("name"))
            seen.add((s, e))
            out.append({"name": canon, "kind": kind, "where": "body", "start": s, "end": e,
                        "evidence": m.group(0).strip(), "pattern": pname})
    return sorted(out, key=lambda d: d["start"])


def test_find_credits_agrees_with_plain_finditer():
    import random
    from pathlib import Path

    from newsframe.reading.corpus import read_page

    root = Path(__file__).resolve().parents[1]
    texts = []
    for path in sorted((root / "seeds").glob("*.txt")) + sorted((root / "tests" / "fixtures" / "corpus_b").glob("*.txt")):
        text = read_page(path).text
        texts += [text] + text.split("\n\n")
    rng = random.Random(7)
    pieces = ["reported", "reports", "said in a report", "quoted", "cited", "was quoted", "According to ", "according to ",
              "citing ", "Citing ", "told ", " a ", " an ", " the ", "the", "Reuters", "AFP", "Yonhap News Agency",
              "Daily Times", "Kyodo", "The Japan Times", "'s", "' ", "\n", "  ", "\u00a0", "report", "by ", "x", "-"]
    for _ in range(1500):
        texts.append("".join(rng.choice(pieces) + rng.choice(["", " ", "Big ", "the ", "\t"])
                             for _ in range(rng.randint(2, 16))))
    texts += ["a" + " " * 700 + "Reuters reported", "bathe Reuters reported", "Reuters' reported reported"]
    for text in texts:
        assert meta.find_credits(text) == _credits_reference(text), text


def test_most_similar_dated_equals_pairwise_cosine():
    import pandas as pd

    from newsframe.reading.dates import _content_vector, _cosine, _most_similar_dated

    bodies = ["Seoul and Tokyo agreed to restore the intelligence pact.",
              "Tokyo and Seoul agreed on the intelligence pact after talks.",
              "The football final ended in a draw.",
              "Seoul and Tokyo leaders met; the pact was restored after talks in Tokyo.",
              "Nothing in common here at all.",
              "Tokyo and Seoul agreed on the intelligence pact after talks."]
    published = [None, pd.Timestamp("2023-03-17"), pd.Timestamp("2020-01-01"), None, None,
                 pd.Timestamp("2023-03-18")]
    arts = pd.DataFrame({"id": list("abcdef"), "body": bodies, "published": published})
    need = [p is None for p in published]
    dated = arts[arts["published"].notna()]
    got = _most_similar_dated(arts, need, dated)
    for r, n in zip(arts.itertuples(), need):
        if not n:
            continue
        best, best_sim = None, 0.0
        for o in dated.itertuples():
            sim = _cosine(_content_vector(r.body), _content_vector(o.body))
            if sim > best_sim:
                best, best_sim = o, sim
        if best is None:
            assert r.id not in got
        else:
            assert got[r.id][0].id == best.id and got[r.id][1] == best_sim
    assert got["a"][0].id == "b"  # the tie between b and f goes to the first
    assert "e" not in got




def test_inferred_year_ignores_years_after_the_corpus():
    """A plan ("by 2068") or a stray number is no floor for the year of a month-and-day date."""
    arts = pd.DataFrame({
        "id": ["dated", "undated"],
        "body": ["The council approved the harbour plan on Monday after a long debate.",
                 "The council approved the harbour plan, which runs until 2068, after a long debate."],
        "published": [pd.Timestamp("2025-03-03"), None],
        "published_source": ["line 3", "line 4 (month and day only)"],
        "_month_day": [None, (3, 4)],
    })
    out = meta.infer_missing_years(arts).set_index("id")
    assert out.loc["undated", "published"] == pd.Timestamp("2025-03-04")


def test_a_month_and_day_without_any_similar_dated_article_keeps_its_year_unknown():
    """The latest year a text mentions is a floor, not the year: a 1999 story recalls 1997."""
    arts = pd.DataFrame({
        "id": ["undated"],
        "body": ["The ministers recalled the 1997 summit in Madrid, where the enlargement was first agreed."],
        "published": [None],
        "published_source": ["line 1 (month and day only)"],
        "_month_day": [(2, 10)],
    })
    out = meta.infer_missing_years(arts)
    assert out.loc[0, "published"] is None and "year unknown" in out.loc[0, "published_source"]


def test_a_year_after_the_similar_articles_is_a_plan_not_a_floor():
    """A 2019 review that says "2020 will be about ..." was dated 2020-11-18; its similar article is of 2019."""
    arts = pd.DataFrame({
        "id": ["dated", "undated"],
        "body": ["The streaming console launches tomorrow in fourteen countries with a monthly subscription plan.",
                 "The streaming console launches tomorrow in fourteen countries; 2020 will be about testing the "
                 "monthly subscription plan."],
        "published": [pd.Timestamp("2019-11-18"), None],
        "published_source": ["line 3", "line 4 (month and day only)"],
        "_month_day": [None, (11, 18)],
    })
    arts = pd.concat([arts, pd.DataFrame({"id": ["later"], "body": ["A harbour report of 2023."],
                                          "published": [pd.Timestamp("2023-05-01")], "published_source": ["line 1"],
                                          "_month_day": [None]})], ignore_index=True)
    out = meta.infer_missing_years(arts).set_index("id")
    assert out.loc["undated", "published"] == pd.Timestamp("2019-11-18")


@pytest.mark.parametrize("dates, year", [
    (["2025-03-01", "2025-03-04", "2025-03-09", "2025-03-12"], 2025),   # one story's weeks: its year is lent
    (["2015-03-01", "2018-03-04", "2021-03-09", "2025-03-12"], None),   # many years: no year to lend
])
def test_a_corpus_of_one_period_lends_its_year_to_an_unlike_page(dates, year):
    arts = pd.DataFrame({
        "id": [f"d{k}" for k in range(len(dates))] + ["undated"],
        "body": ["The council approved the harbour budget after a long debate."] * len(dates)
                + ["A violinist played three encores for a small audience."],
        "published": [pd.Timestamp(d) for d in dates] + [None],
        "published_source": ["line 1"] * len(dates) + ["line 2 (month and day only)"],
        "_month_day": [None] * len(dates) + [(3, 14)],
    })
    got = meta.infer_missing_years(arts).set_index("id").loc["undated", "published"]
    assert (got == pd.Timestamp(year=year, month=3, day=14)) if year else pd.isna(got)
