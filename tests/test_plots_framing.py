"""Figures of notebook 01 (source framing) with many groups: bounded colours, rows and pixels.

Hand-made summaries with 40 groups (the size of a corpus from dozens of outlets); each figure must
keep at most plots.MAX_COLORS colours and plots.MAX_ROWS rows, and its saved PNG at most
plots.MAX_PIXELS on a side, while the folded rows keep the sums.
"""
import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from newsframe import framing, plots  # noqa: E402

N_GROUPS = 40
GROUPS = [f"Country number {i:02d} with a rather long name" for i in range(N_GROUPS)]


@pytest.fixture(autouse=True)
def _close_figures():
    plots.use_style()
    yield
    plt.close("all")


def _source_summary():
    rng = np.random.default_rng(1)
    t = pd.DataFrame(rng.integers(0, 20, size=(N_GROUPS, len(framing.SOURCE_TYPES))), columns=framing.SOURCE_TYPES)
    t.insert(0, "country", GROUPS)
    t["attributed"] = t[framing.SOURCE_TYPES].sum(axis=1)
    t["sentences"] = t["attributed"] * 2
    t["anonymous_share"] = (t["anonymous"] / t["attributed"]).round(2)
    t["articles"] = 3
    return t


def _counts(n_columns, prefix):
    rng = np.random.default_rng(2)
    return pd.DataFrame(rng.integers(0, 9, size=(N_GROUPS, n_columns)), index=pd.Index(GROUPS, name="country"),
                        columns=[f"{prefix} {j}" for j in range(n_columns)])


def _bar_colors(ax):
    return {tuple(np.round(p.get_facecolor(), 3)) for p in ax.patches}


def _legend_entries(ax):
    return len(ax.get_legend().get_texts())


def _png_size(fig, tmp_path):
    png = plots.save_figure(fig, "figure", figures_dir=tmp_path)[0]
    height, width = mpimg.imread(png).shape[:2]
    return width, height


def _bar_total(ax):
    return sum(p.get_width() for p in ax.patches)


def _frame_matrix():
    rng = np.random.default_rng(3)
    frames = ["alliance", "diplomacy", "domestic", "economy", "history", "security"]
    m = pd.DataFrame(rng.random((N_GROUPS, len(frames))).round(3), index=pd.Index(GROUPS, name="country"),
                     columns=pd.Index(frames, name="frame"))
    m.attrs = {"sentences": {g: 10 * i for i, g in enumerate(GROUPS)}}   # the last groups are the largest
    return m


def _tone_table(n_targets=30):
    rows = [(g, f"Target {t:02d}", 1 + (i + t) % 5, round(((i * 7 + t * 3) % 21 - 10) / 10, 3))
            for i, g in enumerate(GROUPS) for t in range(n_targets)]
    return pd.DataFrame(rows, columns=["country", "target", "sentences", "mean_compound"])


STACKED_CASES = [
    # name, figure, total of the table drawn (the bars must sum to it)
    ("sources_by_type", lambda: plots.sources_by_type_chart(_source_summary(), by="country"),
     lambda: _source_summary()[framing.SOURCE_TYPES].to_numpy().sum()),
    ("sources_by_country", lambda: plots.sources_by_country_chart(_counts(20, "Land"), by="country"),
     lambda: _counts(20, "Land").to_numpy().sum()),
    ("page_context", lambda: plots.page_context_chart(_counts(15, "Topic"), by="country"),
     lambda: _counts(15, "Topic").to_numpy().sum()),
]


@pytest.mark.parametrize("name, make, total", STACKED_CASES, ids=[c[0] for c in STACKED_CASES])
def test_stacked_bars_with_40_groups_are_bounded_and_keep_the_sums(name, make, total, tmp_path):
    fig = make()
    ax = fig.axes[0]
    assert len(ax.get_yticks()) <= plots.MAX_ROWS
    assert any(t.get_text().startswith("other (11 countries)") for t in ax.get_yticklabels())
    assert len(_bar_colors(ax)) <= plots.MAX_COLORS and _legend_entries(ax) <= plots.MAX_COLORS
    assert _bar_total(ax) == pytest.approx(total())
    assert ax.get_ylabel() == "country"
    assert max(len(t.get_text()) for t in ax.get_yticklabels()) <= plots.SOURCE_LABEL_WIDTH
    assert max(_png_size(fig, tmp_path)) <= plots.MAX_PIXELS


def test_sources_by_type_folded_row_gets_its_own_anonymous_share():
    s = _source_summary()
    fig = plots.sources_by_type_chart(s, by="country")
    kept = set(s.sort_values("attributed", ascending=False, kind="stable")["country"].head(plots.MAX_ROWS - 1))
    rest = s[~s["country"].isin(kept)]
    expected = f"{rest['anonymous'].sum() / rest['attributed'].sum():.0%} anonymous"
    assert fig.axes[0].texts[-1].get_text() == expected


def test_sources_by_country_legend_folds_countries_to_eleven_and_other():
    fig = plots.sources_by_country_chart(_counts(20, "Land"), by="country")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == 12 and labels[-1] == "other (9 countries)"


def test_frame_heatmap_with_40_groups_shows_the_30_largest(tmp_path):
    fig = plots.frame_heatmap(_frame_matrix(), by="country")
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert len(shown) == plots.MAX_ROWS
    assert shown[0].startswith("Country number 10")   # groups 10..39 have the most sentences
    assert "30 of 40 countries" in ax.get_title(loc="left") and ax.get_ylabel() == "country"
    assert max(_png_size(fig, tmp_path)) <= plots.MAX_PIXELS


def test_tone_by_target_chart_with_40_groups_and_30_targets(tmp_path):
    table = _tone_table()
    fig = plots.tone_by_target_chart(table, by="country")
    ax = fig.axes[0]
    colors = {tuple(np.round(c, 3)) for coll in ax.collections for c in coll.get_facecolor()}
    assert len(colors) <= plots.MAX_COLORS and _legend_entries(ax) <= plots.MAX_COLORS
    assert len(ax.get_yticks()) <= plots.MAX_TARGETS and "20 of 30 targets" in ax.get_title(loc="left")
    assert max(_png_size(fig, tmp_path)) <= plots.MAX_PIXELS


def test_tone_chart_title_names_what_is_measured():
    """The VADER chart asks how positive the sentences are; the model's net tone asks for the tone
    toward each target, so a reader does not take one chart for the other."""
    table = _tone_table()
    vader = plots.tone_by_target_chart(table, by="country").axes[0].get_title(loc="left")
    model_table = table.rename(columns={"sentences": "mentions"}).drop(columns="mean_compound").assign(net_tone=0.1)
    net = plots.tone_by_target_chart(model_table, by="country",
                                     value="net_tone", size="mentions").axes[0].get_title(loc="left")
    assert "How positive are the sentences" in vader and "tone does each group take toward" in net


def test_tone_groups_fold_into_the_pooled_mean():
    t = pd.DataFrame({"country": [f"G{i:02d}" for i in range(14)], "target": "Japan",
                      "sentences": [20] * 11 + [1, 2, 3], "mean_compound": [0.0] * 11 + [0.6, -0.3, 0.2]})
    folded = plots.framing._fold_tone_groups(t, "country").set_index("country")
    assert len(folded) == 12
    other = folded.loc["other (3 countries)"]
    assert other["sentences"] == 6 and other["mean_compound"] == pytest.approx((0.6 - 0.6 + 0.6) / 6)


def test_default_by_outlet_keeps_the_labels():
    s = _source_summary().rename(columns={"country": "outlet"}).head(3)
    fig = plots.sources_by_type_chart(s)
    assert fig.axes[0].get_ylabel() == "outlet"
    assert fig.axes[0].get_title(loc="left").startswith("Who speaks in each outlet?")
    m = _frame_matrix().head(3).rename_axis("outlet")
    assert plots.frame_heatmap(m).axes[0].get_title(loc="left") == "Which frames does each outlet use?"
