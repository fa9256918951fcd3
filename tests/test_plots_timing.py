"""Event-timing figures (and the line-label chart) stay readable at 5 and 5,000 articles (issue 14)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from newsframe import plots, timing  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def synthetic(n_articles: int, n_groups: int, n_events: int, *, seed: int = 0):
    """``(articles, lags)``: ``n_articles`` dated articles from ``n_groups`` outlets (one country per two
    outlets), each mentioning two of ``n_events`` events (the first events most often)."""
    rng = np.random.default_rng(seed)
    outlets = np.array([f"Outlet {i:02d}" for i in range(n_groups)])
    weights = 1 / np.arange(1, n_groups + 1)
    base = pd.Timestamp("2023-03-01")
    articles = pd.DataFrame({
        "id": [f"a{i}" for i in range(n_articles)],
        "outlet": rng.choice(outlets, n_articles, p=weights / weights.sum()),
        "published": [base + pd.Timedelta(days=float(d)) for d in rng.gamma(2, 10, n_articles)],
    })
    articles["published"] = articles["published"].astype(object)
    articles["country"] = articles["outlet"].map(lambda o: f"Country {int(o.split()[1]) // 2:02d}")
    p = 1 / np.arange(1, n_events + 1)
    picks = rng.choice(n_events, (n_articles, 2), p=p / p.sum())
    starts = [base + pd.Timedelta(days=int(d)) for d in rng.integers(-20, 40, n_events)]
    rows = []
    for art, pair in zip(articles.itertuples(), picks):
        for e in sorted(set(pair)):
            lag = (art.published - starts[e]).total_seconds() / 86400
            rows.append({"event_id": f"E{e + 1}", "label": f"summit: Leaders {e}", "date_value": f"{starts[e]:%Y-%m-%d}",
                         "granularity": "day", "id": art.id, "outlet": art.outlet, "published": art.published,
                         "lag_days": round(lag, 1), "coarse": False})
    return articles, pd.DataFrame(rows)


def scatter_colors(ax) -> set[str]:
    return {to_hex(c[:3]) for coll in ax.collections if isinstance(coll, PathCollection)
            for c in coll.get_facecolors()}


def bar_colors(ax) -> set[str]:
    return {to_hex(p.get_facecolor()[:3]) for p in ax.patches if isinstance(p, Rectangle)}


def saved_size(fig, tmp_path, name) -> tuple[int, int]:
    png = plots.save_figure(fig, name, figures_dir=tmp_path)[0]
    height, width = mpimg.imread(png).shape[:2]
    return width, height


def small():
    docs = pd.DataFrame([
        ("a", "Daily A", "2023-03-18 10:34", "At a fence-mending summit on Thursday, the leaders of Japan and South Korea agreed to mend ties."),
        ("b", "Wire B", "2023-03-19", "The leaders of Japan and South Korea met at a summit in Tokyo on Thursday and agreed to mend ties."),
        ("c", "Paper C", "2023-04-14 17:10", "The leaders of Japan and South Korea agreed at a summit in Tokyo last month to mend ties. Talks will take place on Monday."),
    ], columns=["id", "outlet", "published", "body"])
    docs["published"] = docs["published"].map(pd.Timestamp).astype(object)
    docs["country"] = ["Japan", "Japan", "Korea"]
    m = timing.event_mentions(docs)
    return docs, timing.reporting_lag(timing.events(m), m)


# --------------------------------------------------------------------------- empty inputs
EMPTY_LAGS = pd.DataFrame(columns=["event_id", "label", "date_value", "granularity", "id", "outlet", "published",
                                   "lag_days", "coarse"])


@pytest.mark.parametrize("draw", [
    lambda: plots.event_timeline_chart(EMPTY_LAGS),
    lambda: plots.event_timeline_chart(EMPTY_LAGS, by="country"),
    lambda: plots.outlet_timeline_chart(EMPTY_LAGS, pd.DataFrame(columns=["id", "outlet", "published"])),
    lambda: plots.outlet_timeline_chart(EMPTY_LAGS, pd.DataFrame(columns=["id", "outlet", "published"]), by="country"),
    lambda: plots.lag_chart(timing.lag_summary(EMPTY_LAGS)),
    lambda: plots.lag_chart(timing.lag_summary(EMPTY_LAGS.assign(country=[])), by="country"),
    lambda: plots.line_labels_chart(pd.DataFrame()),
], ids=["event", "event-by", "outlet", "outlet-by", "lag", "lag-by", "lines"])
def test_empty_input_gives_a_message(draw):
    fig = draw()
    ax = fig.axes[0]
    assert not ax.axison and ax.texts and ax.texts[0].get_text().startswith("no ")


# --------------------------------------------------------------------------- small corpus: as before
def test_small_corpus_labels_every_marker_and_names_the_groups():
    docs, lags = small()
    fig = plots.outlet_timeline_chart(lags, docs)
    ax = fig.axes[0]
    pairs = lags.drop_duplicates(["outlet", "event_id"])
    assert len([t for t in ax.texts if isinstance(t, Annotation)]) == len(pairs)
    assert len(ax.get_yticks()) == 3 and ax.get_ylabel().startswith("outlet")
    ax = plots.outlet_timeline_chart(lags, docs, by="country").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Japan (2)", "Korea (1)"]
    assert ax.get_ylabel().startswith("country") and "country" in (ax.get_title() + ax.get_title(loc="left"))
    ax = plots.event_timeline_chart(lags.merge(docs[["id", "country"]], on="id"), by="country").axes[0]
    assert ax.get_legend().get_title().get_text() == "country"
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["Japan", "Korea"]


def test_lag_chart_by_country_says_the_news_window():
    docs, lags = small()
    summary = timing.lag_summary(lags, by="country", articles=docs)
    ax = plots.lag_chart(summary, by="country").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == summary["country"].tolist()
    assert f"within {timing.NEWS_WINDOW_DAYS} days" in ax.get_xlabel() and ax.get_ylabel() == "country"
    with pytest.raises(KeyError, match="country"):
        plots.lag_chart(timing.lag_summary(lags), by="country")


def test_lag_chart_with_event_kinds_says_news_not_a_window():
    """Lags told news from background by the events' kind: the label names that, not the day window."""
    docs, lags = small()
    lags = lags.assign(kind=["news"] * (len(lags) - 1) + ["background"])
    summary = timing.lag_summary(lags, by="country", articles=docs)
    assert summary.attrs["by_kind"] and summary.attrs["window_days"] is None
    label = plots.lag_chart(summary, by="country").axes[0].get_xlabel()
    assert "news events" in label and "within" not in label


def test_lag_chart_writes_background_only_groups():
    lags = pd.DataFrame([("E1", "a", "A", 2.0, False), ("E9", "b", "B", 1500.0, False)],
                        columns=["event_id", "id", "outlet", "lag_days", "coarse"])
    ax = plots.lag_chart(timing.lag_summary(lags)).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any("2.0 d (1 event)" in t for t in texts) and any("no recent event (1 background)" in t for t in texts)


# --------------------------------------------------------------------------- many groups, 5,000 articles
@pytest.fixture(scope="module")
def big():
    return synthetic(5000, 44, 200)


@pytest.mark.parametrize("by", ["outlet", "country"])
def test_outlet_timeline_5000_articles_is_bounded(big, by, tmp_path):
    articles, lags = big
    fig = plots.outlet_timeline_chart(lags, articles, by=by)
    ax = fig.axes[0]
    assert len(ax.get_yticks()) <= plots.MAX_ROWS
    assert len([t for t in ax.texts if isinstance(t, Annotation)]) <= plots.MAX_EVENT_LABELS
    # publications as strips, not one bar per article; markers for the most mentioned events only
    assert not any(len(c.get_segments()) > plots.STRIP_ARTICLES for c in ax.collections if isinstance(c, LineCollection))
    marked = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert marked <= plots.MAX_ROWS * plots.MAX_MARKED_EVENTS
    assert len(scatter_colors(ax)) <= plots.MAX_COLORS
    assert max(saved_size(fig, tmp_path, f"outlet_timeline_{by}")) <= plots.MAX_PIXELS


@pytest.mark.parametrize("by", ["outlet", "country"])
def test_event_timeline_5000_articles_is_bounded(big, by, tmp_path):
    articles, lags = big
    lags = lags.merge(articles[["id", "country"]], on="id")
    fig = plots.event_timeline_chart(lags, by=by)
    ax = fig.axes[0]
    assert len(ax.get_yticks()) <= 12
    assert len(scatter_colors(ax)) <= plots.MAX_COLORS
    assert len(ax.get_legend().get_texts()) <= plots.MAX_COLORS
    ys = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections if isinstance(c, PathCollection)])
    per_row = pd.Series(np.round(ys)).value_counts()
    assert per_row.max() <= plots.MAX_EVENT_DOTS
    assert max(saved_size(fig, tmp_path, f"event_timeline_{by}")) <= plots.MAX_PIXELS


def test_event_timeline_keeps_dots_up_to_the_limit():
    articles, lags = synthetic(120, 5, 1)
    ax = plots.event_timeline_chart(lags).axes[0]
    dots = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert dots == len(lags)  # one dot per report when there are few


def test_lag_chart_40_groups(tmp_path):
    articles, lags = synthetic(2000, 40, 30, seed=1)
    summary = timing.lag_summary(lags)
    assert len(summary) == 40
    fig = plots.lag_chart(summary)
    ax = fig.axes[0]
    assert len(ax.get_yticks()) <= plots.MAX_ROWS and len(bar_colors(ax)) <= plots.MAX_COLORS
    assert f"only the {plots.MAX_ROWS - 1} outlets with the most articles of 40" in ax.get_xlabel()
    largest = summary.sort_values(["articles", "outlet"], ascending=[False, True])["outlet"].head(plots.MAX_ROWS - 1)
    assert {t.get_text() for t in ax.get_yticklabels()} == set(largest)
    assert max(saved_size(fig, tmp_path, "lag_40")) <= plots.MAX_PIXELS


# --------------------------------------------------------------------------- line labels (notebook 00)
def test_line_labels_chart_per_article_up_to_30():
    counts = pd.DataFrame({"body": [10, 20], "navigation": [5, 0]}, index=pd.Index(["a", "b"], name="id"))
    ax = plots.line_labels_chart(counts).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"] and ax.get_ylabel() == "article"
    assert sorted(p.get_width() for p in ax.patches) == [0, 5, 10, 20]


def test_line_labels_chart_by_group_gives_shares():
    ids = [f"a{i}" for i in range(40)]
    counts = pd.DataFrame({"body": [3] * 40, "navigation": [1] * 20 + [0] * 20}, index=pd.Index(ids, name="id"))
    groups = pd.Series(["X"] * 20 + ["Y"] * 20, index=ids, name="country")
    ax = plots.line_labels_chart(counts, groups=groups).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["X (20 articles)", "Y (20 articles)"]
    assert ax.get_ylabel() == "country" and "share" in ax.get_xlabel()
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == [0.0, 0.25, 0.75, 1.0]  # X: 60 body / 20 navigation lines; Y: body only


def test_line_labels_chart_keeps_to_twelve_colours():
    labels = ["body", "headline", "teaser", "meta", "navigation", "ticker", "related", "read_also", "ad",
              "disclaimer", "caption", "tags", "ui", "duplicate", "comment", "other"]
    counts = pd.DataFrame([[1] * len(labels)] * 3, columns=labels, index=pd.Index(["a", "b", "c"], name="id"))
    ax = plots.line_labels_chart(counts).axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) <= plots.MAX_COLORS and "navigation / ui" in legend and legend[0] == "body"
    assert sorted(p.get_width() for p in ax.patches if p.get_y() < 0.5)[-1] == 3   # the three related labels summed


def test_line_labels_chart_5000_articles_40_groups(tmp_path):
    rng = np.random.default_rng(2)
    ids = [f"a{i}" for i in range(5000)]
    counts = pd.DataFrame(rng.integers(0, 30, (5000, 4)), index=pd.Index(ids, name="id"),
                          columns=["body", "headline", "navigation", "ad"])
    groups = pd.Series([f"G{i % 40}" for i in range(5000)], index=ids)
    fig = plots.line_labels_chart(counts, groups=groups)
    ax = fig.axes[0]
    assert len(ax.get_yticks()) == plots.MAX_ROWS and ax.get_yticklabels()[-1].get_text().startswith("other (11 groups)")
    assert max(saved_size(fig, tmp_path, "lines_5000")) <= plots.MAX_PIXELS
    ax = plots.line_labels_chart(counts).axes[0]  # no groups: one bar for all articles
    assert [t.get_text() for t in ax.get_yticklabels()] == ["all articles (5,000 articles)"]


# --------------------------------------------------------------------------- coverage and background (issue 17)
def synthetic_coverage(n_articles: int, n_groups: int, n_events: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    base = pd.Timestamp("2025-05-01")
    ev_dates = [base + pd.Timedelta(days=int(7 * e)) for e in range(n_events)]
    picks = rng.choice(n_events, n_articles)
    per_article = pd.DataFrame({
        "id": [f"a{i}" for i in range(n_articles)],
        "outlet": [f"Outlet {g:03d}" for g in rng.integers(0, n_groups, n_articles)],
        "published": [ev_dates[e] + pd.Timedelta(days=int(d)) for e, d in zip(picks, rng.integers(0, 20, n_articles))],
        "event_id": [f"E{e + 1}" for e in picks],
    })
    events = pd.DataFrame({"event_id": [f"E{e + 1}" for e in range(n_events)], "date": ev_dates,
                           "kind": ["news"] * n_events, "label": [f"Leader{e}–Other{e} summit, City" for e in range(n_events)]})
    years = pd.DataFrame({"outlet": [f"Outlet {g:03d}" for g in range(n_groups)],
                          **{str(y): rng.integers(0, 5, n_groups) for y in (1910, 1945, 1965, 2018, 2019)}})
    return per_article, events, years


@pytest.mark.parametrize("n_articles, n_groups", [(5, 3), (5000, 150)])
def test_coverage_chart_is_bounded_and_has_at_most_12_colours(n_articles, n_groups):
    per_article, events, _ = synthetic_coverage(n_articles, n_groups, 9)
    fig = plots.coverage_chart(per_article, events)
    w, h = fig.get_size_inches()
    assert w <= plots.MAX_INCHES and h <= plots.MAX_INCHES
    axes = [a for a in fig.axes if a.get_title(loc="left")]
    assert 1 <= len(axes) <= plots.MAX_COVERAGE_EVENTS
    assert len(set().union(*(bar_colors(a) for a in axes))) <= plots.MAX_COLORS
    total = sum(p.get_height() for a in axes for p in a.patches if isinstance(p, Rectangle))
    shown = per_article[per_article["event_id"].isin([a.get_title(loc="left").split()[0] for a in axes])]
    assert 0 < total <= len(shown)   # every bar is articles of a shown event (outside days: in the title)


def test_coverage_chart_without_news_says_so():
    per_article, events, _ = synthetic_coverage(5, 2, 2)
    fig = plots.coverage_chart(per_article, events.assign(kind="background"))
    assert "no news event" in fig.axes[0].texts[0].get_text()


@pytest.mark.parametrize("n_groups", [3, 150])
def test_background_chart_is_bounded(n_groups):
    _, _, years = synthetic_coverage(5, n_groups, 2)
    fig = plots.background_chart(years)
    w, h = fig.get_size_inches()
    assert w <= plots.MAX_INCHES and h <= plots.MAX_INCHES
    assert len(fig.axes[0].get_yticks()) == min(n_groups, plots.MAX_ROWS)
    ax = fig.axes[0]
    assert (ax.get_title() or ax.get_title(loc="left")) and ax.get_xlabel() and ax.get_ylabel()


def test_outlet_timeline_labels_give_lags_of_news_events_only():
    docs, lags = small()
    with_lag = plots.outlet_timeline_chart(lags, docs).axes[0]
    assert any(t.get_text().endswith("d") for t in with_lag.texts if isinstance(t, Annotation))
    history = lags.assign(kind="background")   # history is recalled, not reported late
    ax = plots.outlet_timeline_chart(history, docs).axes[0]
    labels = [t.get_text() for t in ax.texts if isinstance(t, Annotation)]
    assert labels and not any(t.endswith("d") for t in labels)
