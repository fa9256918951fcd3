"""Figures of notebook 02 (wording differences) with many groups: bounded panels, colours, rows and pixels.

A keyness table of 40 groups (one article each, made by hand, scored by wording.keyness) and a
spelling summary of 40 groups: each figure keeps at most plots.MAX_COLORS colours and
plots.MAX_ROWS rows, keyness_chart at most plots.KEYNESS_MAX_PANELS panels, and the saved PNG is at
most plots.MAX_PIXELS on a side; the folded spelling row keeps the sums.
"""
import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from newsframe import plots  # noqa: E402
from newsframe import wording as w  # noqa: E402

N_GROUPS = 40
GROUPS = [f"Country number {i:02d} with a rather long name" for i in range(N_GROUPS)]
WORDS = ["tariff", "summit", "ministry", "talks", "missile", "treaty", "election", "border", "trade", "pact"]


@pytest.fixture(autouse=True)
def _close_figures():
    plots.use_style()
    yield
    plt.close("all")


def _articles():
    """One article per group; group i repeats its own word i + 3 times and shares the others,
    so longer articles (larger i) have more words."""
    rows = []
    for i, g in enumerate(GROUPS):
        own = f"word{i:02d}x"
        body = " ".join([own] * (i + 3) + WORDS + WORDS[: i % len(WORDS)])
        rows.append({"id": f"id{i:02d}", "outlet": f"Outlet {i:02d}", "country": g, "body": body})
    return pd.DataFrame(rows)


def _bar_colors(fig):
    return {tuple(np.round(p.get_facecolor(), 3)) for a in fig.axes for p in a.patches}


def _png_size(fig, tmp_path):
    png = plots.save_figure(fig, "figure", figures_dir=tmp_path)[0]
    height, width = mpimg.imread(png).shape[:2]
    return width, height


@pytest.mark.parametrize("n", [5, 40])
def test_keyness_chart_many_groups_is_bounded(tmp_path, n):
    corpus = _articles()
    key = w.keyness(corpus, by="country", min_freq=2, max_p=1.0)
    assert key["country"].nunique() == N_GROUPS
    fig = plots.keyness_chart(key, by="country", n=n)
    assert len(fig.axes) == plots.KEYNESS_MAX_PANELS
    # the panels are the groups with the most words: the last six (longest) articles
    largest = sorted(GROUPS, key=lambda g: -int(key.loc[key["country"] == g, "words_outlet"].max()))[:6]
    assert all(any(g[:20] in a.get_title(loc="left") for g in largest) for a in fig.axes)
    assert all(len(a.get_yticks()) <= plots.MAX_ROWS for a in fig.axes)
    assert len(_bar_colors(fig)) <= plots.MAX_COLORS
    note = fig._suptitle.get_text()
    assert f"{N_GROUPS} groups" in note and "CSV" in note
    assert all("other groups" in a.get_title(loc="left") and "group" in a.get_xlabel() for a in fig.axes)
    width, height = _png_size(fig, tmp_path)
    assert width <= plots.MAX_PIXELS and height <= plots.MAX_PIXELS
    assert max(fig.get_size_inches()) <= plots.MAX_INCHES


def test_keyness_chart_few_outlets_keeps_its_titles(tmp_path):
    corpus = pd.DataFrame({"id": ["x1", "y1"], "outlet": ["X", "Y"],
                           "body": ["tariff tariff tariff talks summit", "summit summit summit talks tariff"]})
    fig = plots.keyness_chart(w.keyness(corpus, min_freq=2, max_p=1.0))
    assert [a.get_title(loc="left") for a in fig.axes] == ["Which words set X apart from the other outlets?",
                                                 "Which words set Y apart from the other outlets?"]
    assert fig._suptitle is None
    between = w.keyness_between(corpus, "X", "Y", min_freq=2, max_p=1.0)
    fig = plots.keyness_chart(between)
    assert [a.get_title(loc="left") for a in fig.axes] == ["Which words set X apart from Y?"]


def test_spelling_chart_many_groups_folds_rows(tmp_path):
    summary = pd.DataFrame({"country": GROUPS, "n_british": range(N_GROUPS), "n_american": [1] * N_GROUPS,
                            "convention": "British", "ids": "", "articles": 1})
    fig = plots.spelling_chart(summary, by="country")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == plots.MAX_ROWS and labels[-1] == f"other ({N_GROUPS - plots.MAX_ROWS + 1} groups)"
    assert ax.get_ylabel() == "country" and "each country" in ax.get_title(loc="left")
    british = sorted(p.get_width() for p in ax.patches if np.allclose(p.get_facecolor()[:3],
                                                                        matplotlib.colors.to_rgb(plots.BRITISH_COLOR)))
    assert sum(british) == sum(range(N_GROUPS))   # the folded row keeps the sum
    assert len(_bar_colors(fig)) <= plots.MAX_COLORS
    width, height = _png_size(fig, tmp_path)
    assert width <= plots.MAX_PIXELS and height <= plots.MAX_PIXELS


def test_spelling_chart_default_outlet():
    summary = pd.DataFrame({"outlet": ["A", "B"], "n_british": [2, 0], "n_american": [0, 3]})
    ax = plots.spelling_chart(summary).axes[0]
    assert ax.get_title(loc="left") == "Which spelling convention does each outlet write in?" and ax.get_ylabel() == "outlet"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
