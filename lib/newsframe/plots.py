"""One look for every figure: style, outlet colours, captions, saving.

Every plot function in newsframe takes ``ax=None`` and returns the figure,
states its question in the title, labels both axes, and is saved through
:func:`save_figure` as PNG and SVG under ``figures/``. Colours per outlet are
fixed (:func:`outlet_colors`) so an outlet looks the same in every notebook.
matplotlib only; no seaborn.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

import matplotlib.pyplot as plt

# Colour-blind-safe palette (Okabe and Ito 2008), then Tableau's for more outlets.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F"]
# Colours for line labels of the cleaner (body stands out, boilerplate is muted).
LABEL_COLORS = {
    "body": "#009E73", "headline": "#0072B2", "teaser": "#56B4E9", "meta": "#999999",
    "navigation": "#E69F00", "ticker": "#D55E00", "related": "#CC79A7", "read_also": "#F0E442",
    "ad": "#000000", "disclaimer": "#8C564B", "caption": "#BCBD22", "tags": "#17BECF",
    "ui": "#C7C7C7", "duplicate": "#7F7F7F", "comment": "#AEC7E8", "blank": "#F2F2F2", "other": "#DDDDDD",
}

STYLE = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 10,
    "legend.frameon": False,
    "svg.hashsalt": "newsframe",  # reproducible SVG ids
    "svg.fonttype": "none",
}


def use_style() -> None:
    """Apply the newsframe figure style to matplotlib (call once per notebook)."""
    plt.rcParams.update(STYLE)


def outlet_colors(outlets) -> dict[str, str]:
    """A fixed colour per outlet: outlets sorted by name take the palette in order,
    so the same corpus gives the same colours in every figure of every notebook."""
    names = sorted({str(o) for o in outlets})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def outlet_label(outlet) -> str:
    """The name shown for an outlet: "(unknown outlet)" when the corpus does not say."""
    return outlet if isinstance(outlet, str) and outlet.strip() else "(unknown outlet)"


def new_axes(ax=None, *, figsize=None):
    """Return ``(fig, ax)``: the given axes and its figure, or a new pair."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize)
    return fig, ax


def add_caption(fig, text: str) -> None:
    """Put a one-sentence caption under the figure (kept in the saved files)."""
    try:
        fig.tight_layout()
    except (ValueError, RuntimeError):  # some layouts cannot be tightened; the caption still goes below
        pass
    fig.text(0.01, 0.0, text, ha="left", va="top", fontsize=9, style="italic", wrap=True)


def save_figure(fig, name: str, *, figures_dir="figures", caption: str | None = None) -> list[Path]:
    """Save ``fig`` as ``<figures_dir>/<name>.png`` and ``.svg``; return the paths.

    ``caption`` (one sentence) is drawn under the figure before saving.
    SVG output is made reproducible (fixed hash salt, no date metadata).
    """
    if caption:
        add_caption(fig, caption)
    out = Path(figures_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    fig.savefig(paths[0], metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


# --------------------------------------------------------------------------- corpus
def line_labels_chart(counts, *, ax=None):
    """Stacked horizontal bars: how many lines of each article got each label.

    ``counts`` is :func:`newsframe.corpus.label_counts` (articles x labels).
    """
    fig, ax = new_axes(ax, figsize=(9, 0.6 * len(counts) + 2))
    left = None
    for label in counts.columns:
        vals = counts[label].to_numpy()
        ax.barh(counts.index, vals, left=left, color=LABEL_COLORS.get(label, "#DDDDDD"), label=label,
                edgecolor="white", linewidth=0.5)
        left = vals if left is None else left + vals
    ax.invert_yaxis()
    ax.set_title("What did each page contain besides the article?")
    ax.set_xlabel("number of non-empty lines")
    ax.set_ylabel("article")
    ax.legend(title="label", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


# --------------------------------------------------------------------------- event timing
def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    text = str(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def event_timeline_chart(lags, *, ax=None, max_events: int = 12, since=None):
    """Events on a date axis (black diamonds) and, on the same row, when each outlet
    published about it (coloured dots), joined by a line: the reporting lag.

    ``lags`` is :func:`newsframe.timeline.reporting_lag`; the events with the most
    articles come first, at most ``max_events``. Events before ``since`` (default:
    a year before the earliest publication) are left out so recent events stay
    readable; list them with a table instead.
    """
    import pandas as pd

    from .timeline import period_start

    if not lags.empty:
        pubs = pd.to_datetime([pd.Timestamp(p).tz_localize(None) if pd.Timestamp(p).tzinfo else pd.Timestamp(p)
                               for p in lags["published"]])
        since = pd.Timestamp(since) if since is not None else pubs.min() - pd.Timedelta(days=365)
        lags = lags[[period_start(v) >= since for v in lags["date_value"]]]

    fig, ax = new_axes(ax, figsize=(10, 0.5 * min(max_events, max(1, lags["event_id"].nunique())) + 2))
    if lags.empty:
        ax.text(0.5, 0.5, "no dated events found", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    order = (lags.groupby(["event_id", "label", "date_value"]).size().sort_values(ascending=False)
             .head(max_events).reset_index())
    colors = outlet_colors(lags["outlet"].map(outlet_label))
    seen = set()
    for y, ev in enumerate(order.itertuples()):
        rows = lags[lags["event_id"] == ev.event_id]
        start = period_start(ev.date_value)
        ax.plot([start], [y], marker="D", color="black", zorder=3)
        for r in rows.itertuples():
            pub = pd.Timestamp(r.published)
            pub = pub.tz_localize(None) if pub.tzinfo else pub
            outlet = outlet_label(r.outlet)
            ax.plot([start, pub], [y, y], color=colors[outlet], alpha=0.5, linewidth=1)
            ax.scatter([pub], [y], color=colors[outlet], s=40, zorder=4,
                       label=outlet if outlet not in seen else None)
            seen.add(outlet)
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([f"{e.event_id} {e.date_value}: {_shorten(e.label, 40)}" for e in order.itertuples()], fontsize=8)
    ax.invert_yaxis()
    ax.set_title("When did each event happen, and when did each outlet report it?")
    ax.set_xlabel("date (diamond: event; dot: publication)")
    ax.set_ylabel("event")
    ax.legend(title="outlet", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    return fig


def outlet_timeline_chart(lags, articles, *, ax=None, since=None):
    """One row per outlet: a grey bar at each of its publications and a marker at each
    event it mentions, labelled with the event id and the lag in days.

    ``lags`` is :func:`newsframe.timeline.reporting_lag`, ``articles`` the corpus. Events
    before ``since`` (default: a year before the earliest publication) are left out.
    """
    import pandas as pd

    from .timeline import period_start

    def naive(p):
        p = pd.Timestamp(p)
        return p.tz_localize(None) if p.tzinfo else p

    dated = articles[articles["published"].notna()]
    outlets = sorted({outlet_label(o) for o in dated["outlet"]})
    fig, ax = new_axes(ax, figsize=(10, 0.8 * max(1, len(outlets)) + 1.8))
    if dated.empty:
        ax.text(0.5, 0.5, "no article has a publication date", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    since = pd.Timestamp(since) if since is not None else min(naive(p) for p in dated["published"]) - pd.Timedelta(days=365)
    colors = outlet_colors(outlets)
    ypos = {o: i for i, o in enumerate(outlets)}
    for r in dated.itertuples():
        y = ypos[outlet_label(r.outlet)]
        ax.plot([naive(r.published)] * 2, [y - 0.3, y + 0.3], color="#777777", linewidth=3, alpha=0.6)
    starts = [period_start(v) for v in lags["date_value"]]
    starts = [s for s in starts if s is not None and s >= since]
    span = max((max(starts) - min(starts)).days, 30) if starts else 30
    placed: dict[str, list[tuple[object, int]]] = {}
    for r in lags.sort_values("date_value").itertuples():
        start = period_start(r.date_value)
        if start is None or start < since:
            continue
        o = outlet_label(r.outlet)
        # the lowest free label level among labels of this outlet less than 8% of the axis away
        near = {lvl for x, lvl in placed.get(o, []) if abs((start - x).days) < 0.08 * span}
        k = next(lvl for lvl in range(len(near) + 1) if lvl not in near)
        placed.setdefault(o, []).append((start, k))
        ax.scatter([start], [ypos.get(o, 0)], color=colors.get(o, "black"), s=50, zorder=3,
                   marker="o" if r.granularity == "day" else "s")
        lag = "" if r.lag_days is None or pd.isna(r.lag_days) else f" {r.lag_days:+.0f}d"
        ax.annotate(f"{r.event_id}{lag}", (start, ypos.get(o, 0)), textcoords="offset points",
                    xytext=(3, 6 + 9 * k), fontsize=7)  # stacked so neighbouring labels stay apart
    ax.set_yticks(range(len(outlets)))
    ax.set_yticklabels(outlets)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.invert_yaxis()
    ax.set_title("Which events does each outlet mention, and how long before it published?")
    ax.set_xlabel("date (dot: day-precise event, square: week/month/year; grey bar: publication)")
    ax.set_ylabel("outlet")
    fig.autofmt_xdate()
    return fig


def lag_chart(summary, *, ax=None):
    """Median reporting lag per outlet (bars) with the largest lag (marker).

    ``summary`` is :func:`newsframe.timeline.lag_summary`.
    """
    fig, ax = new_axes(ax, figsize=(8, 0.5 * max(1, len(summary)) + 1.8))
    if summary.empty:
        ax.text(0.5, 0.5, "no day-precise events with a publication date", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    names = summary["outlet"].map(outlet_label).tolist()
    colors = outlet_colors(names)
    ax.barh(names, summary["median_lag_days"], color=[colors[n] for n in names])
    ax.scatter(summary["max_lag_days"], names, color="black", marker="|", s=200, zorder=3, label="largest lag")
    far = 0.1 * max(summary["max_lag_days"].max(), 1)
    for y, r in enumerate(summary.itertuples()):
        # the label starts after the largest-lag marker when that marker is close to the bar end
        x = r.max_lag_days if 0 <= r.max_lag_days - r.median_lag_days < far else r.median_lag_days
        ax.text(x, y, f"  {r.median_lag_days:.1f} d ({r.events} event{'s' if r.events != 1 else ''})", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_title("How late did each outlet report the events it mentions?")
    ax.set_xlabel("days from event to publication (median; | = largest)")
    ax.set_ylabel("outlet")
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


# --------------------------------------------------------------------------- source framing (notebook 01)
# One colour per source type (Okabe and Ito palette), fixed across figures.
SOURCE_TYPE_COLORS = {
    "head_of_state": "#0072B2", "official": "#56B4E9", "anonymous": "#D55E00",
    "wire_outlet": "#E69F00", "document": "#009E73", "other": "#BBBBBB",
}
TOPIC_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#BBBBBB"]


def _stacked_barh(ax, table, colors, *, legend_title):
    left = np.zeros(len(table))
    for i, col in enumerate(table.columns):
        vals = table[col].to_numpy(dtype=float)
        color = colors.get(col) if isinstance(colors, dict) else colors[i % len(colors)]
        ax.barh(table.index.astype(str), vals, left=left, color=color, label=str(col), edgecolor="white", linewidth=0.5)
        left += vals
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.legend(title=legend_title, bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return left


def sources_by_type_chart(summary, *, ax=None, labels=None):
    """Stacked bars: attributed sentences per outlet by source type, anonymous share written at the end.

    ``summary`` is :func:`newsframe.framing.source_summary`.
    """
    from .framing import SOURCE_TYPE_LABELS, SOURCE_TYPES
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(summary), 1) + 2))
    t = summary.set_index("outlet")[SOURCE_TYPES]
    t.columns = [(labels or SOURCE_TYPE_LABELS)[c] for c in SOURCE_TYPES]
    colors = {(labels or SOURCE_TYPE_LABELS)[k]: v for k, v in SOURCE_TYPE_COLORS.items()}
    totals = _stacked_barh(ax, t, colors, legend_title="source type")
    for y, (tot, share) in enumerate(zip(totals, summary["anonymous_share"])):
        ax.text(tot + 0.01 * max(totals.max(), 1), y, f"{share:.0%} anonymous", va="center", fontsize=8)
    ax.set_xlim(0, max(totals.max(), 1) * 1.25)  # room for the labels
    ax.set_title("Who speaks in each outlet? Attributed sentences by type of source")
    ax.set_xlabel("attributed body sentences")
    ax.set_ylabel("outlet")
    return fig


def sources_by_country_chart(table, *, ax=None):
    """Stacked bars: attributed sentences per outlet by the country of the source.

    ``table`` is an outlet x country count table (e.g. ``pd.crosstab(attr.outlet, attr.country)``).
    """
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(table), 1) + 2))
    named = [c for c in table.columns if c != "not stated"]
    colors = {c: TOPIC_COLORS[i % (len(TOPIC_COLORS) - 1)] for i, c in enumerate(named)}
    colors["not stated"] = "#BBBBBB"
    _stacked_barh(ax, table, colors, legend_title="country of source")
    ax.set_title("Whose voice? Attributed sentences by country of the source")
    ax.set_xlabel("attributed body sentences (country stated or implied by the text)")
    ax.set_ylabel("outlet")
    return fig


def frame_heatmap(matrix, *, ax=None, frame_labels=None):
    """Heatmap outlet x frame: share of the outlet's body sentences with a cue of the frame.

    ``matrix`` is :func:`newsframe.framing.outlet_frame_matrix`; the cue words behind
    each cell are in :func:`newsframe.framing.outlet_frame_cues`.
    """
    fig, ax = new_axes(ax, figsize=(1.3 * max(matrix.shape[1], 1) + 3, 0.6 * max(matrix.shape[0], 1) + 2))
    vals = matrix.to_numpy(dtype=float)
    im = ax.imshow(vals, cmap="Blues", vmin=0, vmax=max(1e-9, float(vals.max()) if vals.size else 1), aspect="auto")
    ax.set_xticks(range(matrix.shape[1]))
    ax.set_xticklabels([(frame_labels or {}).get(c, c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]))
    ax.set_yticklabels(matrix.index)
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            ax.text(j, i, f"{vals[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if vals[i, j] > 0.6 * vals.max() else "black")
    ax.grid(False)
    fig.colorbar(im, ax=ax, label="share of body sentences with a cue")
    ax.set_title("Which frames does each outlet use?")
    ax.set_xlabel("frame")
    ax.set_ylabel("outlet")
    return fig


def tone_by_target_chart(table, *, ax=None, targets=None):
    """Dots: mean VADER compound per target (rows) and outlet (colours); dot size = number of sentences.

    ``table`` is :func:`newsframe.framing.tone_by_target` with ``by="outlet"``.
    """
    t = table if targets is None else table[table["target"].isin(targets)]
    order = t.groupby("target")["sentences"].sum().sort_values(ascending=False).index.tolist()
    fig, ax = new_axes(ax, figsize=(8, 0.45 * max(len(order), 1) + 2))
    colors = outlet_colors(t["outlet"].unique())
    ypos = {name: i for i, name in enumerate(order)}
    for outlet, g in t.groupby("outlet"):
        ax.scatter(g["mean_compound"], [ypos[x] for x in g["target"]], s=25 + 25 * g["sentences"],
                   color=colors[outlet], alpha=0.8, label=outlet, edgecolor="white")
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels(order)
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_title("How positive are the sentences about each country or leader?")
    ax.set_xlabel("mean VADER compound of sentences naming the target (-1 negative .. +1 positive)")
    ax.set_ylabel("target")
    ax.legend(title="outlet (dot size = sentences)", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return fig


def page_context_chart(table, *, ax=None):
    """Stacked bars: lines placed around the article per outlet, by topic.

    ``table`` is an outlet x topic count table (from :func:`newsframe.framing.page_context`).
    """
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(table), 1) + 2))
    _stacked_barh(ax, table, TOPIC_COLORS, legend_title="topic")
    ax.set_title("What else did each outlet put around the article?")
    ax.set_xlabel("tickers, related and featured headlines (distinct lines)")
    ax.set_ylabel("outlet")
    return fig


# --------------------------------------------------------------------------- wording differences (notebook 02)
BRITISH_COLOR, AMERICAN_COLOR = "#0072B2", "#D55E00"   # Okabe and Ito


def spelling_chart(summary, *, ax=None):
    """Bars per outlet: British and American spellings used outside names.

    ``summary`` is :func:`newsframe.wording.spelling_summary`.
    """
    fig, ax = new_axes(ax, figsize=(8, 0.6 * max(len(summary), 1) + 2))
    y = np.arange(len(summary))
    ax.barh(y - 0.2, summary["n_british"], height=0.4, color=BRITISH_COLOR, label="British (defence, colonisation)")
    ax.barh(y + 0.2, summary["n_american"], height=0.4, color=AMERICAN_COLOR, label="American (defense, colonization)")
    ax.set_yticks(y)
    ax.set_yticklabels(summary["outlet"])
    ax.invert_yaxis()
    ax.set_title("Which spelling convention does each outlet write in?")
    ax.set_xlabel("words with a British or American spelling (names not counted)")
    ax.set_ylabel("outlet")
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


def keyness_chart(table, *, outlet: str | None = None, n: int = 6, ax=None):
    """Log ratio of the top key terms each way, one panel per outlet (or one ``outlet`` on ``ax``).

    ``table`` is :func:`newsframe.wording.keyness` (or its ``top_key_terms``);
    bars right: used more by the outlet than the rest; left: less. The raw
    counts (outlet / rest) are written at each bar; hatched bars: the term is
    key only because of one article.
    """
    outlets = [outlet] if outlet else sorted(table["outlet"].unique())
    if ax is None:
        fig, axes = plt.subplots(len(outlets), 1, figsize=(8, 2.2 * n / 3 * max(len(outlets), 1) + 1), squeeze=False)
        axes = axes[:, 0]
    else:
        fig, axes = ax.figure, [ax]
    colors = outlet_colors(table["outlet"].unique())
    for o, a in zip(outlets, axes):
        t = table[table["outlet"] == o]
        over = t[t["direction"] == "over"].nlargest(n, "g2")
        under = t[t["direction"] == "under"].nlargest(n, "g2")
        rows = over.sort_values("log_ratio").to_dict("records") + under.sort_values("log_ratio").to_dict("records")
        rows = sorted(rows, key=lambda r: r["log_ratio"])
        y = np.arange(len(rows))
        vals = [r["log_ratio"] for r in rows]
        bars = a.barh(y, vals, color=[colors[o] if v > 0 else "#BBBBBB" for v in vals])
        for bar, r in zip(bars, rows):
            if r.get("one_article_only"):
                bar.set_hatch("//")
            a.text(r["log_ratio"], bar.get_y() + bar.get_height() / 2, f" {r['n_outlet']}/{r['n_rest']} ",
                   va="center", ha="left" if r["log_ratio"] > 0 else "right", fontsize=7)
        a.set_yticks(y)
        a.set_yticklabels([r["term"] for r in rows], fontsize=8)
        a.axvline(0, color="black", linewidth=0.8)
        a.set_title(f"Which words set {o} apart from the other outlets?", fontsize=10)
        a.set_xlabel("log ratio: log2(relative frequency in outlet / in rest)\nbar label: raw count outlet / rest")
        a.set_ylabel("term")
        a.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def reuse_heatmap(matrix, *, ax=None, labels=None):
    """Article x article heatmap of reuse scores (:func:`newsframe.wording.reuse_matrix`).

    ``labels``: optional ``{id: label}`` for the ticks (e.g. outlet and short id).
    """
    n = max(matrix.shape[0], 1)
    fig, ax = new_axes(ax, figsize=(0.9 * n + 3, 0.8 * n + 2))
    vals = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(vals, np.nan)
    im = ax.imshow(vals, cmap="Oranges", vmin=0, vmax=max(0.2, float(np.nanmax(vals)) if np.isfinite(vals).any() else 1))
    names = [(labels or {}).get(i, str(i)[:10]) for i in matrix.index]
    ax.set_xticks(range(n))
    ax.set_xticklabels(names, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(n))
    ax.set_yticklabels(names, fontsize=8)
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            if i != j and vals[i, j] > 0:
                ax.text(j, i, f"{vals[i, j]:.2f}", ha="center", va="center", fontsize=8)
    ax.set_title("Which articles reuse the same sentences?")
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    ax.grid(False)
    fig.colorbar(im, ax=ax, label="reuse score (share of the shorter article)")
    return fig
