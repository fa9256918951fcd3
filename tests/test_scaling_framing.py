"""Framing and timeline tables split by article once: the same tables as filtering per article.

The functions used to filter a whole table for each article (``table[table["id"] == art.id]``),
time in the square of the corpus size. The references below are those per-article versions; the
tables are interleaved (the rows of one article are not together) so that splitting by article
has something to do.
"""
import pandas as pd

from newsframe import framing, timing
from newsframe.timing.events import as_date   # the module (timing.events is the function)

ARTICLES = pd.DataFrame({
    "id": ["a", "b", "c", "d"],
    "outlet": ["X", "Y", "Z", "X"],
    "byline": [None, "AFP", None, None],
    "credited_sources": [[], [], ["Reuters"], []],
    "body": ["Seoul, March 19 (Yonhap): Talks resumed.\n\nThe deal was welcomed, AFP reported.\n\nMore later.",
             "Talks resumed.\n\nThe deal was welcomed, Yonhap reported.",
             "Nothing credited here.",
             "No credits either.\n\nA second paragraph."],
})

# b credits Yonhap twice and AFP in byline and body; the rows of a and b are interleaved
CREDITS = pd.DataFrame([
    ("b", "Y", "Yonhap", "wire", "body", 1, "Yonhap reported"),
    ("a", "X", "Yonhap", "wire", "dateline", 0, "Seoul, March 19 (Yonhap)"),
    ("b", "Y", "AFP", "wire", "byline", None, "AFP"),
    ("a", "X", "AFP", "wire", "body", 1, "AFP reported"),
    ("b", "Y", "Yonhap", "outlet", "page", None, "credited on the page"),
    ("b", "Y", "AFP", "wire", "body", 0, "AFP"),
    ("c", "Z", "Reuters", "wire", "page", None, "credited on the page (credited_sources)"),
    ("a", "X", "Korea Herald", "outlet", "body", 2, "the Korea Herald"),
], columns=["id", "outlet", "agency", "kind", "where", "paragraph", "evidence"])


def wire_summary_per_article(articles, credits):
    """:func:`newsframe.framing.wire_summary` as it was: the credits filtered for each article."""
    rows = []
    for art in framing.sentences.articles_iter(articles):
        c = credits[credits["id"] == art.id]
        n_par = len(framing.paragraphs(art.body if isinstance(art.body, str) else ""))
        paras = sorted({int(p) for p in c["paragraph"].dropna()})
        where = c.groupby("agency")["where"].agg(lambda s: "+".join(dict.fromkeys(s)))
        rows.append({"id": art.id, "outlet": art.outlet,
                     "wires": ", ".join(f"{a} ({w})" for a, w in where.items() if (c[c["agency"] == a]["kind"] == "wire").any()),
                     "outlets": ", ".join(f"{a} ({w})" for a, w in where.items() if not (c[c["agency"] == a]["kind"] == "wire").any()),
                     "paragraphs": n_par, "paragraphs_with_credit": len(paras),
                     "credit_paragraphs": ", ".join(map(str, paras)),
                     "credit_share": round(len(paras) / n_par, 2) if n_par else 0.0})
    return pd.DataFrame(rows)


def test_wire_summary_same_as_per_article():
    got = framing.wire_summary(ARTICLES, CREDITS)
    pd.testing.assert_frame_equal(got, wire_summary_per_article(ARTICLES, CREDITS), check_exact=True)
    b = got.set_index("id").loc["b"]
    assert b["wires"] == "AFP (byline+body), Yonhap (body+page)" and b["outlets"] == ""
    assert got.set_index("id").loc["d", "wires"] == ""


def test_wire_summary_of_the_credits_found():
    credits = framing.wire_dependence(ARTICLES)
    pd.testing.assert_frame_equal(framing.wire_summary(ARTICLES, credits),
                                  wire_summary_per_article(ARTICLES, credits), check_exact=True)


def _shuffled_by_article(table, order):
    """``table`` with the articles in ``order``, each article's rows interleaved with the others'
    (their own order kept)."""
    parts = [table[table["id"] == i].reset_index(drop=True) for i in order]
    rank = pd.concat([p.assign(_k=range(len(p)), _a=n) for n, p in enumerate(parts)])
    return rank.sort_values(["_k", "_a"]).drop(columns=["_k", "_a"]).reset_index(drop=True)


QUOTED = pd.DataFrame({
    "id": ["q1", "q2", "q3"], "outlet": ["X", "Y", "X"],
    "body": ['"From now on," Kishida said, "we will talk." Officials agreed.\n\n"We hope so," he said.',
             'The "reset" was welcomed. "It is a new page," said Foreign Minister Park Jin.',
             "No quotes at all."],
})


def test_quotations_and_digest_with_interleaved_tables():
    attr = framing.attributions(QUOTED)
    mixed = _shuffled_by_article(attr, ["q3", "q2", "q1"])
    assert list(mixed["id"][:4]) == ["q3", "q2", "q1", "q2"]
    pd.testing.assert_frame_equal(framing.quotations(QUOTED, attr=mixed), framing.quotations(QUOTED, attr=attr),
                                  check_exact=True)
    sal, tone = framing.frame_salience(QUOTED), framing.sentence_tone(QUOTED)
    want = framing.article_digest(QUOTED, attr, sal, tone)
    got = framing.article_digest(QUOTED, mixed, _shuffled_by_article(sal, ["q2", "q1", "q3"]),
                                 _shuffled_by_article(tone, ["q2", "q3", "q1"]))
    pd.testing.assert_frame_equal(got, want, check_exact=True)


# --------------------------------------------------------------------------- timeline
def dated(rows):
    df = pd.DataFrame(rows, columns=["id", "outlet", "published", "body"])
    df["published"] = df["published"].map(lambda p: pd.Timestamp(p) if p else None).astype(object)
    return df


SUMMITS = dated([
    ("a", "Daily A", "2023-03-18 10:34", "At a summit on Thursday, the leaders of Japan and South Korea agreed to mend ties. "
                                         "The leaders of Japan and South Korea held a summit on Thursday to mend ties."),
    ("b", "Wire B", "2023-03-19", "The leaders of Japan and South Korea met at a summit in Tokyo on Thursday and agreed to mend ties."),
    ("c", "Paper C", "2023-04-14 17:10", "The leaders of Japan and South Korea agreed at a summit in Tokyo last month to mend ties."),
])


def reporting_lag_per_event(events_df, mentions):
    """:func:`newsframe.timing.reporting_lag` (``by="outlet"``) as it was: ``mentions.loc`` per event."""
    rows = []
    for ev in events_df.itertuples():
        for m in mentions.loc[ev.mentions].drop_duplicates("id").itertuples():
            pub = as_date(m.published)
            lag = (pub - ev.date).total_seconds() / 86400 if pub is not None and ev.date is not None else None
            rows.append({"event_id": ev.event_id, "label": ev.label, "date_value": ev.date_value,
                         "granularity": ev.granularity, "id": m.id, "outlet": m.outlet, "published": m.published,
                         "lag_days": None if lag is None else round(lag, 1), "coarse": ev.granularity != "day"})
    return pd.DataFrame(rows, columns=["event_id", "label", "date_value", "granularity", "id", "outlet", "published",
                                       "lag_days", "coarse"])


def test_reporting_lag_same_as_per_event():
    m = timing.event_mentions(SUMMITS)
    m.index = [10 * k + 7 for k in range(len(m))][::-1]   # row labels that are not positions
    ev = timing.events(m)
    summit = ev[ev["date_value"] == "2023-03-16"].iloc[0]
    assert len(summit["mentions"]) > summit["n_articles"]   # a mentions it twice: one row for a
    got = timing.reporting_lag(ev, m)
    pd.testing.assert_frame_equal(got, reporting_lag_per_event(ev, m), check_exact=True)
    assert got[got["event_id"] == summit["event_id"]]["id"].tolist() == ["a", "b", "c"]


def test_page_clocks_with_interleaved_lines_and_given_timexes():
    lines = pd.DataFrame({"id": ["b", "a", "b", "a", "c", "a"], "line_no": [1, 1, 2, 2, 1, 3],
                          "text": ["Wire B front page", "• 16 Nov 2025", "Updated 20 March 2023", "Most Read",
                                   "Archive 2024", "A body line 1 January 2030"],
                          "label": ["related", "related", "teaser", "related", "related", "body"]})
    got = timing.page_clocks(SUMMITS, lines)
    pd.testing.assert_frame_equal(timing.page_clocks(SUMMITS, lines, timexes=timing.timex_table(SUMMITS)), got,
                                  check_exact=True)
    got = got.set_index("id")
    assert got.loc["a", "captured_after"] == pd.Timestamp("2025-11-16") and bool(got.loc["a", "saved_late"])
    assert got.loc["b", "captured_after"] == pd.Timestamp("2023-03-20") and not got.loc["b", "saved_late"]
    assert got.loc["c", "captured_after"] == pd.Timestamp("2024-01-01")   # a year only: 1 January
    assert got.loc["a", "event_time"] == pd.Timestamp("2023-03-16")


def test_temporal_orientation_with_interleaved_timexes():
    tx = timing.timex_table(SUMMITS)
    mixed = _shuffled_by_article(tx, ["c", "b", "a"])
    pd.testing.assert_frame_equal(timing.temporal_orientation(SUMMITS, timexes=mixed),
                                  timing.temporal_orientation(SUMMITS, timexes=tx), check_exact=True)
