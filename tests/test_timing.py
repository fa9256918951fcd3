"""Events and reporting lag."""
import pandas as pd
import pytest

from newsframe import timing
from newsframe.timing.events import _mention_components, _name_of   # the module (timing.events is the function)


def corpus(rows):
    df = pd.DataFrame(rows, columns=["id", "outlet", "published", "body"])
    df["published"] = df["published"].map(lambda p: pd.Timestamp(p) if p else None).astype(object)
    return df


SUMMIT = corpus([
    ("a", "Daily A", "2023-03-18 10:34", "At a fence-mending summit on Thursday, the leaders of Japan and South Korea agreed to mend ties."),
    ("b", "Wire B", "2023-03-19", "The leaders of Japan and South Korea met at a summit in Tokyo on Thursday and agreed to mend ties."),
    ("c", "Paper C", "2023-04-14 17:10", "The leaders of Japan and South Korea agreed at a summit in Tokyo last month to mend ties. Talks will take place on Monday."),
    ("d", "Paper D", None, "The summit on Thursday ended."),
])


@pytest.mark.parametrize("value, gran, start", [
    ("2023-03-16", "day", "2023-03-16"), ("2023-W16", "week", "2023-04-17"), ("2023-03", "month", "2023-03-01"),
    ("2023", "year", "2023-01-01"), ("2024-Q2", "quarter", "2024-04-01"), ("199", "decade", "1990-01-01"),
])
def test_granularity_and_period_start(value, gran, start):
    assert timing.granularity(value) == gran
    assert timing.period_start(value) == pd.Timestamp(start)


@pytest.mark.parametrize("a, b, ok", [
    ("2023-03-16", "2023-03-16", True), ("2023-03", "2023-03-16", True), ("2023", "2023-03", True),
    ("2023-03-16", "2023-03-17", False), ("2023-W11", "2023-03-16", False), ("PRESENT_REF", "2023", False),
])
def test_compatible(a, b, ok):
    assert timing.compatible(a, b) is ok


def test_participants_skip_sentence_start_and_time_words():
    got = timing.participants("On June 1, Defense Minister Minoru Kihara met Shin Won-sik in Singapore.")
    assert "Singapore" in got and "Shin Won-sik" in got and not any(p.startswith(("On", "June")) for p in got)


def test_mentions_need_a_date_and_a_trigger_and_a_publication_date():
    m = timing.event_mentions(SUMMIT)
    assert set(m["id"]) == {"a", "b", "c"}  # d has no publication date to anchor "Thursday"
    assert {"2023-03-16", "2023-03", "2023-04-17"} <= set(m["date_value"])


def test_news_of_any_field_has_triggers_but_not_inside_compounds():
    docs = corpus([
        ("a", "A", "2019-11-20", "The ministers signed the accord on Tuesday, an aide said."),
        ("b", "B", "2019-11-20", "A court sentenced two men on Monday for the robbery."),
        ("c", "C", "2019-11-20", "On Monday the fire-control unit stayed idle and the band won't tour."),
        ("d", "D", "2019-11-20", "The mayor said on Monday that the bridge stays shut."),
    ])
    m = timing.event_mentions(docs).set_index("id")
    assert m.loc["b", "kind"] == "justice" and m.loc["b", "date_value"] == "2019-11-18"
    assert m.loc["d", "kind"] == "report"                    # "said" dates the news when nothing else does
    assert "c" not in m.index                                 # "fire-control", "won't": no triggers
    assert m.loc["a", "trigger"] == "accord"                  # what happened is named before who said it


def test_events_line_up_across_outlets_and_lags():
    m = timing.event_mentions(SUMMIT)
    ev = timing.events(m)
    summit = ev[ev["date_value"] == "2023-03-16"].iloc[0]
    assert summit["n_articles"] == 3 and summit["outlets"] == ["Daily A", "Paper C", "Wire B"]
    lags = timing.reporting_lag(ev, m)
    got = lags[lags["event_id"] == summit["event_id"]].set_index("id")["lag_days"].to_dict()
    assert got == {"a": 2.4, "b": 3.0, "c": 29.7}
    talks = ev[ev["date_value"] == "2023-04-17"]
    assert len(talks) == 1 and talks.iloc[0]["n_articles"] == 1


def test_threshold_keeps_unrelated_events_apart():
    docs = corpus([
        ("a", "A", "2019-12-01", "In 2019, the ministers signed a trade agreement in Geneva."),
        ("b", "B", "2019-12-02", "In 2019, a storm killed fishermen off the coast of Chile."),
    ])
    ev = timing.events(timing.event_mentions(docs))
    assert (ev["n_articles"] == 1).all()


def test_lag_summary_uses_day_events_by_default():
    m = timing.event_mentions(SUMMIT)
    lags = timing.reporting_lag(timing.events(m), m)
    summary = timing.lag_summary(lags).set_index("outlet")
    assert summary.loc["Daily A", "median_lag_days"] == 2.4
    assert summary.loc["Paper C", "events"] == 2  # the summit and Monday's talks (a future event: negative lag)


def test_empty_corpus_gives_empty_tables():
    empty = corpus([])
    m = timing.event_mentions(empty)
    ev = timing.events(m)
    assert m.empty and ev.empty and timing.lag_summary(timing.reporting_lag(ev, m)).empty


def test_temporal_orientation_shares_and_depth():
    docs = corpus([("a", "A", "2023-03-18", "The summit was held on Thursday. Japan ruled Korea from 1910 to 1945. Talks go on.")])
    got = timing.temporal_orientation(docs).set_index("outlet").loc["A"]
    assert got["earliest_year"] == 1910 and got["sentences"] == 3
    assert (got["news_day"], got["past"], got["undated"]) == (0.33, 0.33, 0.33)
    assert timing.temporal_orientation(docs).columns.name is None    # a plain header, shown as is


@pytest.mark.parametrize("sentence, years, implied", [
    ("It was the first such summit in 12 years.", 12.0, 2011),
    ("The leaders have not seen each other for 12 years.", 12.0, 2011),
    ("They will hold talks for the first time in five years.", 5.0, 2018),
    ("The team hasn't won the cup in 20 years.", 20.0, 2003),
    ("There have been no direct flights for 30 years.", 30.0, 1993),
])
def test_first_in_years_claims(sentence, years, implied):
    docs = corpus([("a", "A", "2023-04-14", sentence)])
    claims = timing.first_in_years_claims(docs)
    assert claims[["years", "implied_year"]].values.tolist() == [[years, implied]]


@pytest.mark.parametrize("sentence", [
    "The pact lasted 12 years.",
    # a "not" that negates no verb, and a "first" far from the duration, are no such claim
    "Carriers must keep the who, when and where of a call, but not its content, for two years.",
    "To a first approximation, the ten companies that gave most to the project gave the same in the last year.",
])
def test_no_claim_without_first_or_negation(sentence):
    docs = corpus([("a", "A", "2023-04-14", sentence)])
    assert timing.first_in_years_claims(docs).empty


def test_a_long_claim_is_cut_at_a_word():
    docs = corpus([("a", "A", "2023-04-14", "In a show of unity after years of quarrels over history, trade and "
                    "security, the two leaders held the first summit of its kind in 12 years.")])
    claim = timing.first_in_years_claims(docs)["claim"].iloc[0]
    assert claim.startswith("…") and claim.endswith("in 12 years") and len(claim) <= 95
    assert claim[1:].split()[0] in docs["body"].iloc[0].split()     # starts with a whole word


def test_page_clocks_flag_pages_saved_late():
    docs = corpus([("a", "A", "2024-06-02 17:27", "The ministers met on June 1 and agreed to resume talks.")])
    lines = pd.DataFrame({"id": ["a"] * 3, "line_no": [1, 2, 3],
                          "text": ["The ministers met on June 1 and agreed to resume talks.", "Most Read", "• 16 Nov 2025"],
                          "label": ["body", "related", "related"], "reason": ["x"] * 3})
    got = timing.page_clocks(docs, lines).iloc[0]
    assert got["event_time"] == pd.Timestamp("2024-06-01")
    assert got["captured_after"] == pd.Timestamp("2025-11-16") and bool(got["saved_late"])


# --------------------------------------------------------------------------- by= (issue 14) and the news window
LAGS = pd.DataFrame([  # event, article, outlet, lag in days, coarse: a hand-made reporting_lag table
    ("E1", "a", "A", 2.0, False), ("E1", "b", "B", 4.0, False), ("E2", "a", "A", 10.0, False),
    ("E3", "c", "C", 1.0, True),  # known only to the month: left out by default
    ("E4", "b", "B", 600.0, False), ("E5", "c", "C", 800.0, False),  # history: background, not late news
], columns=["event_id", "id", "outlet", "lag_days", "coarse"])
COUNTRIES = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["A", "B", "C"], "country": ["X", "X", "Y"]})
NAN = float("nan")


@pytest.mark.parametrize("kwargs, expected", [
    # by outlet: A {2, 10}; B {4} and E4 background; C only background (no lag)
    ({}, [("B", 1, 4.0, 4.0, 1, 1), ("A", 2, 6.0, 10.0, 0, 1), ("C", 0, NAN, NAN, 1, 1)]),
    # by country: X = A + B {2, 4, 10} and E4 background; Y = C
    ({"by": "country", "articles": COUNTRIES}, [("X", 2, 4.0, 10.0, 1, 2), ("Y", 0, NAN, NAN, 1, 1)]),
    # no window: every day-precise event counts, as before the window
    ({"by": "country", "articles": COUNTRIES, "window_days": None},
     [("X", 3, 7.0, 600.0, 0, 2), ("Y", 1, 800.0, 800.0, 0, 1)]),
])
def test_lag_summary_by_group_and_news_window(kwargs, expected):
    got = timing.lag_summary(LAGS, **kwargs)
    by = kwargs.get("by", "outlet")
    assert list(got.columns) == [by, "events", "median_lag_days", "max_lag_days", "background_events", "articles"]
    rows = [tuple(r) for r in got.itertuples(index=False)]
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected):
        assert row[0] == want[0] and row[1] == want[1] and row[4:] == want[4:]
        assert row[2:4] == pytest.approx(want[2:4], nan_ok=True)


def test_lag_summary_window_constant_and_missing_group_column():
    assert timing.NEWS_WINDOW_DAYS == 60
    assert timing.lag_summary(LAGS).attrs["window_days"] == timing.NEWS_WINDOW_DAYS
    with pytest.raises(KeyError, match="lean"):
        timing.lag_summary(LAGS, by="lean")
    with pytest.raises(KeyError, match="lean"):
        timing.lag_summary(LAGS, by="lean", articles=COUNTRIES)


def summit_by_country():
    docs = SUMMIT.assign(country=["Japan", "Japan", "Korea", ""])
    return docs, timing.event_mentions(docs)


def test_events_list_groups_when_articles_are_given():
    docs, m = summit_by_country()
    assert "groups" not in timing.events(m).columns  # default: as before
    ev = timing.events(m, by="country", articles=docs)
    summit = ev[ev["date_value"] == "2023-03-16"].iloc[0]
    assert summit["outlets"] == ["Daily A", "Paper C", "Wire B"] and summit["groups"] == ["Japan", "Korea"]
    assert list(ev.columns).index("groups") == list(ev.columns).index("outlets") + 1
    empty = timing.events(timing.event_mentions(corpus([])), by="country", articles=docs)
    assert empty.empty and "groups" in empty.columns


def test_shared_events_and_reporting_lag_by_country():
    docs, m = summit_by_country()
    ev = timing.events(m)
    shared = timing.shared_events(ev, by="country", articles=docs)
    assert shared["groups"].tolist() == [["Japan", "Korea"]]
    assert "groups" not in timing.shared_events(ev).columns
    lags = timing.reporting_lag(ev, m, by="country", articles=docs)
    assert list(lags.columns)[5:7] == ["outlet", "country"]
    got = lags[lags["date_value"] == "2023-03-16"].set_index("id")["country"].to_dict()
    assert got == {"a": "Japan", "b": "Japan", "c": "Korea"}
    assert list(timing.reporting_lag(ev, m).columns) == ["event_id", "label", "date_value", "granularity", "id",
                                                          "outlet", "published", "lag_days", "coarse"]


def test_temporal_orientation_by_country_pools_the_sentences():
    docs = corpus([("a", "A", "2023-03-18", "The summit was held on Thursday. Japan ruled Korea from 1910 to 1945. Talks go on."),
                   ("b", "B", "2023-03-18", "Talks go on.")]).assign(country=["Asia", "Asia"])
    got = timing.temporal_orientation(docs, by="country")
    assert list(got.columns)[0] == "country" and len(got) == 1
    row = got.iloc[0]
    assert (row["articles"], row["sentences"], row["earliest_year"]) == (2, 4, 1910)
    assert (row["news_day"], row["past"], row["undated"]) == (0.25, 0.25, 0.5)
    with pytest.raises(KeyError, match="lean"):
        timing.temporal_orientation(docs, by="lean")


def _components_by_comparing_every_pair(values, words, k, keys=None):
    parent = list(range(len(values)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if timing.compatible(values[i], values[j]) and len(words[i] & words[j]) >= k and (
                    keys is None or k <= 0 or keys[i] & keys[j]):
                parent[find(j)] = find(i)
    group = [find(i) for i in range(len(values))]
    # then the documented split: a group holding several finest dates gets one group per finest date,
    # each coarser mention going to the fitting finest date whose mentions share most words with it
    # (counted over the pairs that were linked), ties to the date with more mentions, then the first met
    out = list(group)
    for g in set(group):
        ms = [m for m in range(len(values)) if group[m] == g]
        vals = {values[m] for m in ms}
        finest = [v for v in vals if not any(u != v and timing.compatible(u, v) and u.startswith(v) for u in vals)]
        if len(finest) < 2:
            continue
        first = {v: min(m for m in ms if values[m] == v) for v in finest}
        for m in ms:
            v = values[m]
            if v not in first:
                fits = [f for f in finest if timing.compatible(v, f)] or finest

                def weight(o):   # shared words of a link (k <= 0 links every compatible pair, one word more)
                    return len(words[m] & words[o]) + (k <= 0)

                def score(f):
                    linked = [o for o in ms if values[o] == f and weight(o) >= max(k, 1)
                              and (keys is None or k <= 0 or keys[m] & keys[o])]
                    return sum(weight(o) for o in linked), sum(values[o] == f for o in ms), -first[f]
                v = max(fits, key=score)
            out[m] = ("split", first[v])
    return out


def _same_partition(a, b):
    return len(set(a)) == len(set(zip(a, b))) == len(set(b))


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_mention_components_equal_comparing_every_pair(k):
    import random

    rng = random.Random(7)
    dates = ["2023", "2023-03", "2023-03-16", "2023-03-17", "2023-W11", "2019-11-22", "2019", "201", "2024-Q2"]
    vocab = ["summit", "talk", "leader", "tokyo", "seoul", "gsomia", "pact", "visit"]
    values = [rng.choice(dates) for _ in range(60)]
    words = [set(rng.sample(vocab, rng.randint(0, 4))) for _ in range(60)]
    fast = _mention_components(values, words, k)
    assert _same_partition(fast, _components_by_comparing_every_pair(values, words, k))
    assert len(set(fast)) > 1


# --------------------------------------------------------------------------- news, background, the event of each article
SAME_STORY = __import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "same_story"
SAME_STORY_GOLD = SAME_STORY.parent / "same_story_gold.csv"


@pytest.fixture(scope="module")
def same_story():
    import warnings

    import newsframe as nf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = nf.load_corpus(SAME_STORY, progress=False)
    return arts, *timing.article_events(arts, by="country")


@pytest.mark.parametrize("published, value, role, reason", [
    ("2025-05-13", "2025-05-12", "news", "1 days before"),
    ("2025-05-12", "2025-05-12", "news", "0 days before"),
    ("2025-06-10", "2025-05-12", "background", "29 days before"),       # an earlier event
    ("2025-05-13", "1998", "background", "known only to the year"),     # history
    ("2025-05-13", "2025-05", "background", "known only to the month"),
    ("2025-05-13", "2026", "background", "known only to the year"),     # a plan
    ("2025-05-13", "2025-05-20", "background", "7 days after"),         # an announced event
    ("2025-05-12", "2025-05-13", "background", "1 days after"),         # "opens tomorrow": a plan, not the news
    ("2025-05-13", "2025-W19", "news", "8 days before"),                # last week (from its Monday)
])
def test_mention_roles(published, value, role, reason):
    m = pd.DataFrame([{"id": "a", "outlet": "X", "published": pd.Timestamp(published), "date_value": value,
                       "granularity": timing.granularity(value), "event_date": timing.period_start(value),
                       "trigger": "summit", "kind": "meeting", "participants": [], "sentence": "s", "timex": "t"}])
    got = timing.mention_roles(m).iloc[0]
    assert got["role"] == role and reason in got["role_reason"]


def test_every_article_gets_the_news_event_it_reports(same_story):
    arts, per_article, _ = same_story
    gold = pd.read_csv(SAME_STORY_GOLD, comment="#")
    gold["id"] = gold["file"].str.replace(".txt", "", regex=False)
    got = per_article.set_index("id")
    assert sorted(got.index) == sorted(arts["id"])          # no article left out
    for g in gold.itertuples():
        assert f"{got.at[g.id, 'event_date']:%Y-%m-%d}" == g.event_date, g.id
        assert got.at[g.id, "how"].startswith(g.how), g.id


def test_history_and_plans_are_background_and_give_no_lag(same_story):
    _, per_article, events = same_story
    kinds = dict(zip(events["date_value"], events["kind"]))
    assert kinds["1998"] == kinds["2019"] == kinds["2026"] == "background"
    assert kinds["2025-05-12"] == kinds["2025-06-03"] == "news"
    lags = per_article["lag_days"].dropna()
    assert lags.between(0, timing.NEWS_PAST_DAYS).all() and len(lags) == 7   # the inferred page has none


def test_an_undated_page_takes_the_event_of_its_story_and_is_marked_inferred(same_story):
    _, per_article, _ = same_story
    row = per_article.set_index("id").loc["a5_undated_same_story"]
    assert pd.isna(row["published"]) and "inferred" in row["how"] and pd.isna(row["lag_days"])
    assert 0 < row["confidence"] < 1


def test_an_undated_page_is_anchored_at_its_own_absolute_dates():
    arts = corpus([("x", "X", None, "Leaders met at a summit in Lisbon on May 12, 2025. On Thursday they met again.")])
    dated = timing.dated_articles(arts)
    assert dated.at[0, "anchor"] == pd.Timestamp("2025-05-12") and dated.at[0, "anchor_how"] == "own dates"
    per_article, _ = timing.article_events(arts)
    assert per_article.at[0, "how"] == "own dates" and pd.isna(per_article.at[0, "lag_days"])


def test_an_undated_page_is_not_anchored_at_a_date_of_history_further_down():
    arts = corpus([("x", "X", None, "Leaders met at a summit in Lisbon on Thursday.\n\nThey talked for hours."
                                  "\n\nThe alliance was founded on April 4, 1949, in Washington.")])
    assert pd.isna(timing.dated_articles(arts).at[0, "anchor"])
    per_article, _ = timing.article_events(arts)
    assert pd.isna(per_article.at[0, "event_date"]) and per_article.at[0, "how"] == ""


def test_a_page_without_any_date_stays_undated_and_is_kept():
    per_article, _ = timing.article_events(corpus([("x", "X", None, "Leaders met at a summit in Lisbon.")]))
    assert per_article["id"].tolist() == ["x"] and per_article.at[0, "how"] == "" and pd.isna(per_article.at[0, "event_date"])
    assert timing.dating_summary(per_article).to_dict("records") == [{"how": "not dated", "articles": 1, "share": 1.0}]


def test_event_labels_name_people_and_a_place(same_story):
    _, _, events = same_story
    accord = events[events["date_value"] == "2025-05-12"].iloc[0]
    assert accord["label"].startswith("Marsh–Varga accord")


@pytest.mark.parametrize("span, kind, short", [
    ("Japanese Prime Minister Fumio Kishida", "person", "Kishida"),
    ("President Yoon Suk-yeol", "person", "Yoon"),          # a known person: the short form of leaders.csv
    ("Tokyo", "place", "Tokyo"),
    ("Japan's", "place", "Japan"),
    ("General Security of Military Information Agreement", "other", "General Security of Military Information Agreement"),
])
def test_names_in_labels(span, kind, short):
    assert _name_of(span) == (kind, short)


def test_background_years_per_group(same_story):
    arts, _, _ = same_story
    dated = timing.dated_articles(arts)
    m = timing.event_mentions(dated.assign(published=dated["anchor"]))
    t = timing.background_years(m, by="country", articles=arts).set_index("country")
    assert t.loc["Portugal", "1998"] == 2 and t.loc["Valdoria", "2019"] == 1
    # the news days of May and June 2025 are no background; the meeting "agreed to meet again in July"
    # is a plan (July 2025, one Portuguese article), and a plan is background
    assert t["2025"].to_dict() == {"Norland": 0, "Portugal": 1, "Valdoria": 0}


def test_lag_summary_uses_the_event_kind(same_story):
    arts, _, _ = same_story
    dated = timing.dated_articles(arts)
    m = timing.mention_roles(timing.event_mentions(dated.assign(published=dated["anchor"])))
    ev = timing.event_kinds(timing.events(m), m)
    lags = timing.reporting_lag(ev, m)
    assert "kind" in lags.columns
    summary = timing.lag_summary(lags, day_events_only=False)   # years too: they are background, no lag
    assert (summary["max_lag_days"].dropna() <= timing.NEWS_PAST_DAYS).all()
    assert summary["background_events"].sum() >= 3


def test_most_similar_matches_pairwise_jaccard_with_ties_to_largest_id():
    """The sparse-product search gives what a loop over every pair gives, ties broken to the largest id."""
    import random

    from newsframe.timing.news_events import SIMILARITY_BLOCK, _most_similar

    rng = random.Random(7)
    words = [f"w{i}" for i in range(30)]
    donors = [set(rng.sample(words, rng.randint(1, 8))) for _ in range(40)]
    donors.append(set(donors[3]))          # an exact tie with donor 3
    ids = [f"d{i:02d}" for i in range(len(donors))]
    queries = [set(rng.sample(words, rng.randint(1, 8))) for _ in range(SIMILARITY_BLOCK + 20)] + [set(donors[3])]
    got = _most_similar(queries, donors, ids)
    want = [max(((len(q & d) / len(q | d), i) for d, i in zip(donors, ids)), key=lambda x: (x[0], x[1]))
            for q in queries]
    assert got == want
    assert got[-1] == (1.0, ids[-1])


@pytest.mark.parametrize("k", [0, 2, 3])
def test_mention_components_with_key_words_equal_comparing_every_pair(k):
    import random

    from newsframe.timing.events import _mention_components

    rng = random.Random(11)
    dates = ["2023", "2023-03", "2023-03-16", "2023-03-17", "2019-11-22", "2019"]
    vocab = ["summit", "talk", "leader", "tokyo", "seoul", "gsomia", "pact", "visit"]
    names = ["yoon", "kishida", "biden", "seoul"]
    values = [rng.choice(dates) for _ in range(600)]          # more than one block of MENTION_BLOCK
    words = [set(rng.sample(vocab, rng.randint(0, 5))) for _ in range(600)]
    keys = [set(rng.sample(names, rng.randint(0, 2))) for _ in range(600)]
    fast = _mention_components(values, words, k, keys=keys)
    assert _same_partition(fast, _components_by_comparing_every_pair(values, words, k, keys))


def test_common_words_without_a_shared_name_make_no_event():
    from newsframe.timing.events import _mention_components

    values = ["2019-10-25", "2019-10-25", "2019-10-25"]
    words = [{"plan", "people", "accused", "syria"}, {"plan", "people", "accused", "power"},
             {"plan", "people", "accused", "syria"}]
    keys = [{"syria", "russia"}, {"california", "pg&e"}, {"syria"}]
    got = _mention_components(values, words, 3, keys=keys)
    assert got[0] == got[2] != got[1]
    assert len(set(_mention_components(values, words, 3))) == 1       # without keys: one event


def test_a_month_does_not_chain_two_days_into_one_event():
    """'October' fits both October 23 and October 25: the two days stay two events, and the month
    mention goes to the day whose sentences share most words with it."""
    from newsframe.timing.events import _mention_components

    values = ["2019-10-25", "2019-10", "2019-10-23", "2019-10-25"]
    words = [{"syria", "statement", "forces", "ministries"}, {"syria", "statement", "forces", "fire", "power"},
             {"fire", "power", "california"}, {"syria", "statement", "ministries"}]
    got = _mention_components(values, words, 2)
    assert got[0] == got[1] == got[3] != got[2]


@pytest.mark.parametrize("sentence, names", [
    ("It was taken between 8 AM and 9 PM Wednesday night, Lupita told police.", ["Lupita"]),   # clock words
    ("The theft on Wednesday's night, the LAPD told reporters.", ["LAPD"]),                    # a possessive day
    ("PM Kishida met President Yoon Suk Yeol in Tokyo.", ["Kishida", "President Yoon Suk Yeol", "Tokyo"]),
])
def test_participants_leave_out_times_of_day(sentence, names):
    assert timing.participants(sentence) == names


def test_a_follow_up_reports_the_days_development_not_the_big_event_it_recalls():
    arts = corpus([
        ("a", "Wire A", "1998-08-07", "The bombing of the embassies in Nairobi and Dar es Salaam on Friday killed dozens."),
        ("b", "Wire B", "1998-08-08", "The bombing of the embassies in Nairobi and Dar es Salaam on Friday killed 80 people."),
        ("c", "Wire C", "1998-08-09", "Rescue workers in Nairobi found two survivors on Sunday, two days after the bombing "
                                       "of the embassies in Nairobi and Dar es Salaam on Friday killed 80 people."),
    ])
    per_article, _ = timing.article_events(arts)
    days = dict(zip(per_article["id"], per_article["event_date"].astype(str).str[:10]))
    assert days == {"a": "1998-08-07", "b": "1998-08-07", "c": "1998-08-09"}


def test_an_undated_lede_naming_a_weekday_takes_a_donor_of_that_weekday():
    from newsframe.timing.news_events import _most_similar

    query = [{"embassi", "bomb", "nairobi", "hear", "court"}]
    donors = [{"embassi", "bomb", "nairobi", "hear", "court", "suspect"}, {"embassi", "bomb", "nairobi", "kill"}]
    ids = ["tuesday_hearing", "friday_bombing"]
    assert _most_similar(query, donors, ids)[0][1] == "tuesday_hearing"                 # the most words in common
    got = _most_similar(query, donors, ids, weekdays=[{4}], donor_weekdays=[1, 4])     # "... on Friday"
    assert got[0][1] == "friday_bombing"
    got = _most_similar(query, donors, ids, weekdays=[{6}], donor_weekdays=[1, 4])     # no Sunday donor: as before
    assert got[0][1] == "tuesday_hearing"


def test_an_event_named_by_its_word_alone_borrows_its_articles_headline():
    arts = corpus([("a", "Wire A", "2024-05-03", "the recall was announced on Thursday after brake faults were found.")])
    arts["headline"] = ["Carmaker recalls 1.2 million pickups over brake fault in three countries"]
    per_article, events = timing.article_events(arts)
    assert per_article["event_label"].iloc[0] == "announced: Carmaker recalls 1.2 million pickups over brake fault …"


@pytest.mark.parametrize("sentence, kind", [
    ("The harbour minister on Tuesday condemned the strike at the container port.", "statement"),
    ("The mayor vowed on Saturday to rebuild the flooded quay.", "statement"),
    ("The envoy arrived in Lisbon on Monday for a round of consultations.", "movement"),
    ("A committee subpoenaed the port director on Friday.", "justice"),
    ("The upper house ratified the fisheries treaty on Wednesday.", "agreement"),
    ("The upper house voted on Wednesday to widen the harbour.", "politics"),
])
def test_lede_verbs_of_news_are_event_triggers(sentence, kind):
    """Speech acts, movements, rulings and votes date the news of a lede: without them
    "the minister on Tuesday condemned the strike" gave no event mention."""
    m = timing.event_mentions(corpus([("x", "X", "2025-03-06", sentence)]))
    assert len(m) == 1 and m.at[0, "kind"] == kind


def test_a_dateline_paragraph_does_not_count_as_a_lede_paragraph():
    from newsframe.timing.news_events import lede

    body = "PORTVILLE (Harbour Wire) --\n\nThe port reopened on Friday.\n\nShips queued outside.\n\nHistory followed."
    assert lede(body) == "PORTVILLE (Harbour Wire) --\n\nThe port reopened on Friday.\n\nShips queued outside."
    assert lede("The port reopened on Friday after a week.\n\nShips queued.\n\nMore.") == \
        "The port reopened on Friday after a week.\n\nShips queued."


def test_an_event_label_prefers_names_its_articles_share_to_a_list_of_countries():
    from newsframe.timing.events import readable_label

    mentions = pd.DataFrame({"id": ["a", "b"], "participants": [
        ["Harbour Console", "Canada", "Belgium", "Denmark", "Ireland"],
        ["Harbour Console", "Premiere Pack"]]})
    assert readable_label(mentions, "launch").startswith("Harbour Console")


def test_a_sale_dates_business_news():
    m = timing.event_mentions(corpus([("x", "X", "1989-10-27", "The bank sold its mortgage unit yesterday to a rival.")]))
    assert len(m) == 1 and m.at[0, "trigger"] == "sold" and m.at[0, "date_value"] == "1989-10-26"
