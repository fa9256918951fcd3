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
from matplotlib.ticker import MaxNLocator

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


MAX_COLORS = 12      # colour categories in one figure (the rest is folded into "other", see groups.lump)
MAX_ROWS = 30        # rows of a bar chart (the rest summed into one named row, see top_rows)
MAX_PIXELS = 2400    # no saved PNG is larger than this on a side (save_figure lowers the resolution)
MAX_INCHES = 15.0    # no figure is made larger than this on a side (bounded_figsize)
OTHER_COLOR = "#BBBBBB"


def outlet_colors(outlets) -> dict[str, str]:
    """A fixed colour per outlet (or any group): names sorted take the palette in order, so the
    same corpus gives the same colours in every figure of every notebook.

    At most :data:`MAX_COLORS` distinct colours are given: folded categories ("other (N ...)",
    "(not stated)") are grey, and beyond ``MAX_COLORS - 1`` named groups the rest are grey too
    (fold them first with :func:`newsframe.groups.lump`, so the legend says so).
    """
    from .groups import is_other

    names = sorted({str(o) for o in outlets})
    named = [n for n in names if not is_other(n)]
    colors = {name: PALETTE[i] if i < MAX_COLORS - 1 else OTHER_COLOR for i, name in enumerate(named)}
    colors.update({n: OTHER_COLOR for n in names if is_other(n)})
    return colors


group_colors = outlet_colors


def bounded_figsize(width: float, height: float) -> tuple[float, float]:
    """``(width, height)`` in inches, each cut to :data:`MAX_INCHES` (figures grow with their rows)."""
    return min(float(width), MAX_INCHES), min(float(height), MAX_INCHES)


def top_rows(table, *, n: int = MAX_ROWS, weight=None, label_column=None, noun: str = "groups"):
    """The ``n - 1`` largest rows of a table and one row summing the others (``other (K groups)``).

    ``table`` is indexed by the category (or has it in ``label_column``); ``weight`` is the column
    ranking the rows (default: the sum of the numeric columns). Numeric columns are summed in the
    folded row; with at most ``n`` rows the table is returned as it is.
    """
    import pandas as pd

    from .groups import other_label

    if len(table) <= n:
        return table
    t = table.set_index(label_column) if label_column else table
    num = t.select_dtypes("number")
    w = num[weight] if weight is not None else num.sum(axis=1)
    order = w.sort_values(ascending=False, kind="stable").index
    keep, rest = order[: n - 1], order[n - 1:]
    folded = num.loc[rest].sum().to_frame().T
    folded.index = [other_label(len(rest), noun)]
    out = pd.concat([t.loc[keep], folded.reindex(columns=t.columns)])
    out.index.name = t.index.name
    return out.reset_index() if label_column else out


def outlet_label(outlet) -> str:
    """The name shown for an outlet: "(unknown outlet)" when the corpus does not say."""
    return outlet if isinstance(outlet, str) and outlet.strip() else "(unknown outlet)"


def new_axes(ax=None, *, figsize=None):
    """Return ``(fig, ax)``: the given axes and its figure, or a new pair."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=bounded_figsize(*figsize) if figsize else None)
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
    fig.savefig(paths[0], metadata={"Software": None}, dpi=png_dpi(fig))
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def png_dpi(fig, *, max_pixels: int = MAX_PIXELS) -> float:
    """The export resolution (``savefig.dpi``), lowered so the saved PNG, legends and caption
    included, is at most ``max_pixels`` on its longer side."""
    dpi = float(plt.rcParams["savefig.dpi"]) if plt.rcParams["savefig.dpi"] != "figure" else fig.dpi
    try:
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        inches = max(box.width, box.height, *fig.get_size_inches()) + 0.2  # bbox_inches="tight" pads 0.1 in
    except (ValueError, RuntimeError, AttributeError):
        inches = max(fig.get_size_inches())
    return min(dpi, max_pixels / max(inches, 1e-6) * 0.995)


# --------------------------------------------------------------------------- corpus
def line_labels_chart(counts, *, ax=None, groups=None):
    """Stacked horizontal bars: how many lines of each article got each label.

    ``counts`` is :func:`newsframe.reading.corpus.label_counts` (articles x labels). With at most
    :data:`MAX_ROWS` articles there is one bar per article (numbers of lines). With more, one bar
    per **group**: ``groups`` is an optional Series (or dict) article id -> group, e.g.
    ``articles.set_index("id")[by]``, whose name (if any) labels the axis; the label counts of a
    group's articles are summed and drawn as **shares of its lines**, so large and small groups
    compare, at most :data:`MAX_ROWS` bars (the smallest groups summed into "other (N groups)").
    Without ``groups`` the many articles are drawn as one bar, "all articles".
    """
    import pandas as pd

    from .groups import clean_values

    if len(counts) == 0 or counts.shape[1] == 0:
        fig, ax = new_axes(ax, figsize=(9, 3))
        ax.text(0.5, 0.5, "no labelled lines to show", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    by_group = len(counts) > MAX_ROWS
    table, ylabel = counts, "article"
    if by_group:
        if groups is None:
            names = pd.Series("all articles", index=counts.index)
            name = None
        else:
            g = groups if isinstance(groups, pd.Series) else pd.Series(groups)
            name = g.name if isinstance(g.name, str) else None
            names = pd.Series(clean_values(g.reindex(counts.index)).to_numpy(), index=counts.index)
        articles = names.value_counts()
        table = counts.groupby(names.to_numpy()).sum()
        table = table.loc[sorted(table.index, key=lambda k: (-articles[k], str(k)))]
        table = top_rows(table.assign(_articles=articles.reindex(table.index).to_numpy()), n=MAX_ROWS,
                         weight="_articles", noun=_by_plural(name) if name else "groups")
        articles, table = table.pop("_articles").astype(int), table.astype(float)
        table = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
        table.index = [f"{_shorten(i, 30)} ({n:,} article{'s' if n != 1 else ''})" for i, n in zip(table.index, articles)]
        ylabel = _by_word(name) if name else ("group" if groups is not None else "articles")
    fig, ax = new_axes(ax, figsize=(9, 0.6 * len(table) + 2))
    left = None
    for label in table.columns:
        vals = table[label].to_numpy()
        ax.barh(table.index.astype(str), vals, left=left, color=LABEL_COLORS.get(label, "#DDDDDD"), label=label,
                edgecolor="white", linewidth=0.5)
        left = vals if left is None else left + vals
    ax.invert_yaxis()
    ax.set_title("What did each page contain besides the article?" if not by_group
                 else f"What did the pages contain besides the article? ({len(counts):,} articles)")
    ax.set_xlabel("number of non-empty lines" if not by_group else "share of non-empty lines (summed over the articles)")
    ax.set_ylabel(ylabel)
    ax.legend(title="label", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


# --------------------------------------------------------------------------- event timing
MAX_EVENT_DOTS = 300      # event_timeline_chart: dots on one event row; beyond, each group's range and median
MAX_EVENT_LABELS = 15     # outlet_timeline_chart: event labels in the whole figure
MAX_MARKED_EVENTS = 40    # outlet_timeline_chart: events with a marker (those mentioned by most articles)
STRIP_ARTICLES = 50       # outlet_timeline_chart: a row with more publications gets a histogram strip
STRIP_BINS = 120          # bins of that strip across the date axis
PUBLICATION_COLOR = "#777777"
UNCOLORED_MARKER = "#555555"   # outlet_timeline_chart: events of the rows beyond the coloured ones


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    text = str(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def _naive(p):
    """A publication time as a naive ``pd.Timestamp`` (NaT when missing)."""
    import pandas as pd

    if p is None or (not isinstance(p, pd.Timestamp) and pd.isna(p)):
        return pd.NaT
    p = pd.Timestamp(p)
    return p.tz_localize(None) if p.tzinfo else p


def _timing_names(values, by: str):
    """Group names as the timing figures show them: a blank outlet is "(unknown outlet)" (as in
    :func:`newsframe.timing.lag_summary`), any other blank group "(not stated)"."""
    import pandas as pd

    from .groups import clean_values

    values = pd.Series(values)
    if by == "outlet":
        return values.map(outlet_label)
    return pd.Series(clean_values(values).to_numpy(), index=values.index)


def _need_column(table, by: str, what: str) -> None:
    if by not in table.columns:
        raise KeyError(f"by={by!r}: {what} have no such column; add it with "
                       f"newsframe.groups.attach(table, articles, {by!r}) or pass by= and articles= to the summary")


def event_timeline_chart(lags, *, ax=None, max_events: int = 12, since=None, by: str = "outlet",
                         max_dots: int = MAX_EVENT_DOTS):
    """Events on a date axis (black diamonds) and, on the same row, when each outlet (or group)
    published about it (coloured dots), joined by a line: the reporting lag.

    ``lags`` is :func:`newsframe.timing.reporting_lag`; ``by`` is its column holding the groups
    (``outlet``, ``country`` or any article column, see ``reporting_lag(by=...)``). Colours: the
    :data:`MAX_COLORS` ``- 1`` groups with the most reports, the rest folded into "other (N ...)".
    The events with the most articles come first, at most ``max_events``. An event row with more
    than ``max_dots`` reports shows, per group, a bar over the middle half of its publications
    (quartiles) and a dot at the median instead of one dot per article. Events before ``since`` (default: a year
    before the earliest publication) are left out so recent events stay readable; list them with
    a table instead.
    """
    import pandas as pd
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D

    from .groups import is_other, lump
    from .timing import period_start

    if not lags.empty:
        lags = lags.assign(_pub=lags["published"].map(_naive))
        lags = lags[lags["_pub"].notna()]
    if not lags.empty:
        _need_column(lags, by, "the lags")
        since = pd.Timestamp(since) if since is not None else lags["_pub"].min() - pd.Timedelta(days=365)
        starts = lags["date_value"].map(period_start)
        lags = lags[[s is not None and s >= since for s in starts]]

    n_events = lags["event_id"].nunique() if "event_id" in lags.columns else 0
    fig, ax = new_axes(ax, figsize=(10, 0.5 * min(max_events, max(1, n_events)) + 2))
    if lags.empty:
        ax.text(0.5, 0.5, "no dated events found", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    order = (lags.groupby(["event_id", "label", "date_value"]).size().sort_values(ascending=False, kind="stable")
             .head(max_events).reset_index(name="n"))
    shown = lags[lags["event_id"].isin(order["event_id"])]
    names = _timing_names(shown[by], by)
    folded = lump(names, keep=MAX_COLORS - 1, noun=_by_plural(by))
    shown = shown.assign(_group=folded.to_numpy())
    sizes = shown["_group"].value_counts()
    legend_order = sorted(sizes.index, key=lambda k: (is_other(k), -sizes[k], k))
    colors = outlet_colors(legend_order)
    ranged = False
    # everything is collected first and drawn in a few calls: one artist per dot is slow at 5,000 articles
    diamonds, thin, thick, dots = [], [], [], []   # (x, y); (y, x0, x1, rgba) twice; (x, y, colour, edge)
    for y, ev in enumerate(order.itertuples()):
        rows = shown[shown["event_id"] == ev.event_id]
        start = period_start(ev.date_value)
        diamonds.append((start, y))
        if len(rows) <= max_dots:
            for g, pub in zip(rows["_group"], rows["_pub"]):
                thin.append((y, start, pub, to_rgba(colors[g], 0.5)))
                dots.append((pub, y, colors[g], colors[g]))
        else:  # too many dots to tell apart: one range per group, slightly apart within the row
            ranged = True
            present = [g for g in legend_order if (rows["_group"] == g).any()]
            offsets = [0.0] if len(present) == 1 else list(np.linspace(-0.3, 0.3, len(present)))
            for g, dy in zip(present, offsets):
                pubs = rows.loc[rows["_group"] == g, "_pub"].sort_values()
                q1, mid, q3 = (pubs.iloc[int(round(q * (len(pubs) - 1)))] for q in (0.25, 0.5, 0.75))
                thick.append((y + dy, q1, q3, to_rgba(colors[g], 0.7)))
                dots.append((mid, y + dy, colors[g], "white"))
    for segments, width in ((thin, 1), (thick, 3)):
        if segments:
            ys, x0, x1, rgba = zip(*segments)
            ax.hlines(list(ys), pd.DatetimeIndex(x0), pd.DatetimeIndex(x1), colors=list(rgba), linewidth=width)
    xs, ys, fill, edge = zip(*dots)
    ax.scatter(pd.DatetimeIndex(xs), list(ys), color=list(fill), edgecolors=list(edge), s=40, zorder=4)
    ax.plot(pd.DatetimeIndex([d[0] for d in diamonds]), [d[1] for d in diamonds], marker="D", color="black",
            zorder=5, linestyle="")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([f"{e.event_id} {e.date_value}: {_shorten(e.label, 40)}"
                        + (f" [{e.n} reports]" if e.n > max_dots else "") for e in order.itertuples()], fontsize=8)
    ax.invert_yaxis()
    ax.set_title(f"When did each event happen, and when did each {_by_word(by)} report it?")
    ax.set_xlabel("date (diamond: event; dot: publication)" if not ranged else
                  f"date (diamond: event; dot: publication; on rows with more than {max_dots} reports, "
                  f"a bar per {_by_word(by)}: its middle half of publications, dot: median)")
    ax.set_ylabel("event")
    handles = [Line2D([], [], marker="o", linestyle="", color=colors[g], label=_shorten(g, 30)) for g in legend_order]
    ax.legend(handles=handles, title=_by_word(by), bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    return fig


TOP_LABEL_ROOM = 0.12   # share of the time axis one event label on the top edge keeps to itself


def outlet_timeline_chart(lags, articles, *, ax=None, since=None, by: str = "outlet", max_rows: int = MAX_ROWS,
                          max_labels: int = MAX_EVENT_LABELS, max_events: int = MAX_MARKED_EVENTS):
    """One row per outlet (or group of ``by``): a grey bar at each of its publications and a marker
    at each event it mentions, labelled with the event id and the lag in days.

    ``lags`` is :func:`newsframe.timing.reporting_lag`, ``articles`` the corpus; ``by`` is the
    article column giving the rows (``outlet``, ``country`` or any manifest column; taken from
    ``lags`` when it has it, else from ``articles`` by ``id``). Rows: the groups with the most
    articles first (article counts on the axis), at most ``max_rows``, the others together in one
    row "other (N ...)". So that 5,000 articles stay readable:

    * when a row has more than :data:`STRIP_ARTICLES` publications, every row shows its
      publications as a light histogram strip instead of one bar each;
    * markers for at most ``max_events`` events, those mentioned by the most articles;
    * labels: every (row, event) marker when there are at most ``max_labels``; otherwise only the
      ``max_labels`` events mentioned by the most articles, once each, along the top edge with a
      dotted guide line, and the median lag over all their articles.

    Events before ``since`` (default: a year before the earliest publication) are left out.
    """
    import matplotlib.dates as mdates
    import pandas as pd

    from .groups import attach, is_other, lump
    from .timing import period_start

    pubs_all = articles["published"].map(_naive) if "published" in articles.columns else pd.Series(dtype=object)
    dated = articles[pubs_all.notna()].assign(_pub=pubs_all[pubs_all.notna()])
    if not dated.empty:
        _need_column(dated, by, "the articles")
        names = _timing_names(dated[by], by)
        rows_of = lump(names, keep=max_rows - 1, noun=_by_plural(by))
        dated = dated.assign(_row=rows_of.to_numpy())
        row_of = dict(zip(names, rows_of))
        sizes = dated["_row"].value_counts()
        rows = sorted(sizes.index, key=lambda k: (is_other(k), -sizes[k], k))
    else:
        rows = []
    fig, ax = new_axes(ax, figsize=(10, 0.8 * max(1, len(rows)) + 1.8))
    if dated.empty:
        ax.text(0.5, 0.5, "no article has a publication date", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    since = pd.Timestamp(since) if since is not None else dated["_pub"].min() - pd.Timedelta(days=365)
    ypos = {o: i for i, o in enumerate(rows)}
    # colours: the MAX_COLORS - 1 largest rows; the others' markers dark grey (the axis names every row,
    # and a light grey would vanish in the grey publication strips)
    tint = lump(list(dated["_row"]), keep=MAX_COLORS - 1, noun=_by_plural(by))
    tint_of = dict(zip(dated["_row"], tint))
    palette = outlet_colors(set(tint))
    colors = {r: palette[r] if tint_of[r] == r and not is_other(r) else UNCOLORED_MARKER for r in rows}

    ev = pd.DataFrame(columns=["event_id", "id", "granularity", "lag_days", "_start", "_day", "_row"])
    if len(lags):
        ev = attach(lags, articles, by)
        ev = ev.assign(_start=ev["date_value"].map(period_start), _day=ev["granularity"].eq("day"))
        ev = ev[[s is not None and s >= since for s in ev["_start"]]]
        ev = ev.assign(_row=[row_of.get(n, n) for n in _timing_names(ev[by], by)])
        ev = ev[ev["_row"].isin(ypos)]
    n_events = ev["event_id"].nunique()
    if n_events > max_events:  # the events mentioned by the most articles (ties: earlier first)
        totals = ev.groupby("event_id").agg(n=("id", "nunique"), start=("_start", "first")).reset_index()
        keep = totals.sort_values(["n", "start", "event_id"], ascending=[False, True, True], kind="stable")
        ev = ev[ev["event_id"].isin(keep["event_id"].head(max_events))]

    x_low = min([dated["_pub"].min()] + ([ev["_start"].min()] if len(ev) else []))
    x_high = max([dated["_pub"].max()] + ([ev["_start"].max()] if len(ev) else []))
    lo, hi = mdates.date2num(pd.DatetimeIndex([x_low, x_high]).to_numpy())
    edges = np.linspace(lo, max(hi, lo + 1), STRIP_BINS + 1)
    strips = bool((sizes > STRIP_ARTICLES).any())
    for r, pubs in dated.groupby("_row")["_pub"]:
        y = ypos[r]
        if not strips:
            ax.vlines(list(pubs), y - 0.3, y + 0.3, color=PUBLICATION_COLOR, linewidth=3, alpha=0.6)
        else:  # a histogram strip: bars up to the row's height, the row's busiest bin full
            counts, _ = np.histogram(mdates.date2num(pd.DatetimeIndex(pubs).to_numpy()), bins=edges)
            ax.stairs(y + 0.3 - 0.6 * counts / counts.max(), edges, baseline=y + 0.3, fill=True,
                      color=PUBLICATION_COLOR, alpha=0.45, linewidth=0)

    only_top, top_levels = False, 0
    if len(ev):
        pairs = (ev.groupby(["_row", "event_id"])
                 .agg(start=("_start", "first"), day=("_day", "all"), n=("id", "nunique"), lag=("lag_days", "median"))
                 .reset_index().rename(columns={"_row": "row"}))
        for day, marker in ((True, "o"), (False, "s")):
            pts = pairs[pairs["day"] == day]
            if len(pts):
                ax.scatter(pd.DatetimeIndex(pts["start"]), pts["row"].map(ypos).to_numpy(), marker=marker, zorder=3,
                           color=[colors[r] for r in pts["row"]], s=50 if len(rows) <= MAX_COLORS else 30)
        span = max((x_high - x_low).days, 30)
        only_top = len(pairs) > max_labels
        if not only_top:  # few markers: each labelled on its row, as in a small corpus
            placed: dict[str, list[tuple[object, int]]] = {}
            for p in pairs.sort_values(["start", "event_id"]).itertuples():
                # the lowest free label level among labels of this row less than 8% of the axis away
                near = {lvl for x, lvl in placed.get(p.row, []) if abs((p.start - x).days) < 0.08 * span}
                k = next(lvl for lvl in range(len(near) + 1) if lvl not in near)
                placed.setdefault(p.row, []).append((p.start, k))
                lag = "" if pd.isna(p.lag) else f" {p.lag:+.0f}d"
                ax.annotate(f"{p.event_id}{lag}", (p.start, ypos[p.row]), textcoords="offset points",
                            xytext=(3, 6 + 9 * k), fontsize=7)  # stacked so neighbouring labels stay apart
        else:  # many: the most mentioned events, once each, on the top edge over a guide line
            totals = ev.groupby("event_id").agg(n=("id", "nunique"), start=("_start", "first"),
                                                lag=("lag_days", "median")).reset_index()
            top = totals.sort_values(["n", "start", "event_id"], ascending=[False, True, True],
                                     kind="stable").head(max_labels)
            placed_top: list[tuple[object, int]] = []
            for p in top.sort_values(["start", "event_id"]).itertuples():
                # top labels are longer ("E125 -36719d"): they need more room than the row labels
                near = {lvl for x, lvl in placed_top if abs((p.start - x).days) < TOP_LABEL_ROOM * span}
                k = next(lvl for lvl in range(len(near) + 1) if lvl not in near)
                placed_top.append((p.start, k))
                x = float(mdates.date2num(pd.Timestamp(p.start).to_datetime64()))
                ax.axvline(x, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
                lag = "" if pd.isna(p.lag) else f" {p.lag:+.0f}d"
                ax.annotate(f"{p.event_id}{lag}", (x, 1.0), xycoords=("data", "axes fraction"), textcoords="offset points",
                            xytext=(2, 3 + 9 * k), fontsize=7)
            top_levels = 1 + max(k for _, k in placed_top)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{_shorten(r, 30)} ({sizes[r]})" for r in rows])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.invert_yaxis()
    ax.set_title(f"Which events does each {_by_word(by)} mention, and how long before it published?",
                 pad=6 + 9 * top_levels)
    notes = []
    if n_events > max_events:
        notes.append(f"markers: the {max_events} events mentioned by most articles (of {n_events})")
    if only_top:
        notes.append(f"labels on top: the {min(max_labels, ev['event_id'].nunique())} events mentioned by most articles, "
                     "median lag over their articles")
    ax.set_xlabel("date (dot: day-precise event, square: week/month/year; "
                  + ("strip: publications per period, scaled to the row's busiest" if strips else "grey bar: publication")
                  + ")" + "".join("\n" + n for n in notes))
    ax.set_ylabel(f"{_by_word(by)} (articles)")
    fig.autofmt_xdate()
    return fig


def lag_chart(summary, *, ax=None, by: str = "outlet", max_rows: int = MAX_ROWS):
    """Median reporting lag per outlet (or group of ``by``; bars) with the largest lag (marker).

    ``summary`` is :func:`newsframe.timing.lag_summary`; ``by`` is its group column. The lags
    are those of day-precise events within ``NEWS_WINDOW_DAYS`` of publication (the window the
    summary was made with, read from its ``attrs``; said in the xlabel); events further away are
    background, counted at the bar ("N background"). A median is not additive, so with more than
    ``max_rows`` groups only the ``max_rows - 1`` with the most articles are drawn (said in the xlabel).
    """
    import pandas as pd

    from .groups import lump
    from .timing import NEWS_WINDOW_DAYS

    t = summary
    fig, ax = new_axes(ax, figsize=(8, 0.5 * max(1, min(len(t), max_rows)) + 1.8))
    if t.empty:
        ax.text(0.5, 0.5, "no day-precise events with a publication date", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    _need_column(t, by, "the summary")
    note = ""
    rank = "articles" if "articles" in t.columns else "events"
    if len(t) > max_rows:
        kept = t.assign(_name=t[by].astype(str)).sort_values([rank, "_name"], ascending=[False, True], kind="stable")
        t = t[t.index.isin(kept.index[: max_rows - 1])]   # in the summary's own order
        note = f"\nonly the {max_rows - 1} {_by_plural(by)} with the most {rank} of {len(summary)} are shown"
    t = t.reset_index(drop=True)
    names = [_shorten(n, 30) for n in _timing_names(t[by], by)]
    weights = t[rank].fillna(0).to_numpy() if rank in t.columns else None
    tint = list(lump(names, keep=MAX_COLORS - 1, weights=weights, noun=_by_plural(by)))
    palette = outlet_colors(set(tint))
    med = t["median_lag_days"].astype(float)
    high = t["max_lag_days"].astype(float)
    background = t["background_events"].fillna(0).astype(int) if "background_events" in t.columns else [0] * len(t)
    y = np.arange(len(t))
    ax.barh(y, med.fillna(0), color=[palette[c] for c in tint])
    ax.scatter(high, y, color="black", marker="|", s=200, zorder=3, label="largest lag")
    far = 0.1 * max(high.max() if high.notna().any() else 1, 1)
    for i, (m, h, n, bg) in enumerate(zip(med, high, t["events"], background)):
        older = f", {bg} background" if bg else ""
        if pd.isna(m):
            ax.text(0, i, f"  no recent event ({bg} background)", va="center", fontsize=8, color="#555555")
            continue
        # the label starts after the largest-lag marker when that marker is close to the bar end
        x = h if 0 <= h - m < far else max(m, 0)
        ax.text(x, i, f"  {m:.1f} d ({int(n)} event{'s' if n != 1 else ''}{older})", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    window = summary.attrs.get("window_days", NEWS_WINDOW_DAYS)
    day_only = summary.attrs.get("day_events_only", True)
    which = ("day-precise " if day_only else "") + "events" + (
        f" dated within {window:g} days of publication (further away: background, not counted)" if window is not None else "")
    ax.set_title(f"How late did each {_by_word(by)} report the events it mentions?")
    ax.set_xlabel(f"days from event to publication (median; | = largest)\n{which}{note}")
    ax.set_ylabel(_by_word(by))
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


MAX_COVERAGE_EVENTS = 4   # coverage_chart: panels (the news events with most articles)
COVERAGE_DAYS = (-2, 14)  # coverage_chart: days around the event shown


def coverage_chart(per_article, events, *, by: str = "outlet", max_events: int = MAX_COVERAGE_EVENTS,
                   days=COVERAGE_DAYS):
    """Articles per day around each news event, stacked by group: when the coverage came, and from whom.

    ``per_article`` and ``events`` are :func:`newsframe.timing.article_events`. One panel per news
    event (the ``max_events`` with most articles), days from the event on the x axis (``days``: first
    and last day shown; articles outside are counted in the panel title), at most :data:`MAX_COLORS`
    groups (the rest folded into "other").
    """
    import pandas as pd

    from .groups import lump

    news = events[events["kind"] == "news"] if "kind" in events.columns else events.iloc[0:0]
    pa = per_article.dropna(subset=["event_id"])
    counts = pa.groupby("event_id")["id"].nunique()
    news = news[news["event_id"].isin(counts.index)]
    news = news.assign(_n=news["event_id"].map(counts)).sort_values(["_n", "event_id"], ascending=[False, True])
    shown = news.head(max_events)
    k = max(1, len(shown))
    fig, axes = plt.subplots(k, 1, figsize=bounded_figsize(9, 2.4 * k + 1.2), squeeze=False)
    if shown.empty:
        axes[0][0].text(0.5, 0.5, "no news event with dated articles", ha="center", va="center",
                        transform=axes[0][0].transAxes)
        axes[0][0].set_axis_off()
        return fig
    pub = pd.to_datetime(pa["published"], errors="coerce", utc=True).dt.tz_localize(None).dt.normalize()
    pa = pa.assign(_pub=pub, _g=[_by_label(g) for g in pa[by]] if by in pa.columns else pa["outlet"].map(outlet_label))
    names = sorted(set(pa["_g"]))
    weights = pa.groupby("_g")["id"].nunique().reindex(names).to_numpy()
    folded = dict(zip(names, lump(names, keep=MAX_COLORS - 1, weights=weights, noun=_by_plural(by))))
    pa["_g"] = pa["_g"].map(folded)
    colors = outlet_colors(set(pa["_g"]))
    lo, hi = days
    for ax, ev in zip(axes[:, 0], shown.itertuples()):
        sub = pa[pa["event_id"] == ev.event_id].dropna(subset=["_pub"])
        offset = (sub["_pub"] - pd.Timestamp(ev.date).normalize()).dt.days
        inside = sub[(offset >= lo) & (offset <= hi)].assign(_d=offset)
        table = inside.groupby(["_d", "_g"])["id"].nunique().unstack(fill_value=0).reindex(range(lo, hi + 1), fill_value=0)
        bottom = np.zeros(len(table))
        for g in table.columns:
            ax.bar(table.index, table[g], bottom=bottom, color=colors[g], label=g, width=0.8)
            bottom += table[g].to_numpy()
        outside = len(sub) - len(inside)
        more = f"; {outside} more outside the days shown" if outside else ""
        ax.set_title(f"{ev.event_id} {_shorten(str(ev.label), 60)} ({pd.Timestamp(ev.date):%Y-%m-%d}): "
                     f"{len(sub)} dated article{'s' if len(sub) != 1 else ''}{more}", loc="left", fontsize=9)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_ylabel("articles")
        ax.set_xlim(lo - 0.6, hi + 0.6)
    axes[-1][0].set_xlabel("days from the event to publication (0 = the event's day)")
    handles, labels = axes[0][0].get_legend_handles_labels()
    seen = {}
    for a in axes[:, 0]:
        for h, l in zip(*a.get_legend_handles_labels()):
            seen.setdefault(l, h)
    axes[0][0].legend(list(seen.values()), list(seen), title=_by_word(by), bbox_to_anchor=(1.01, 1),
                      loc="upper left", fontsize=8)
    fig.suptitle(f"When did the coverage come? Articles per day around each news event, by {_by_word(by)}",
                 x=0.01, ha="left", fontsize=11)
    return fig


def background_chart(table, *, by: str = "outlet", max_rows: int = MAX_ROWS):
    """Which history each group recalls: articles per group (rows) mentioning a background year
    (columns), as a shaded table. ``table`` is :func:`newsframe.timing.background_years`."""
    fig, ax = new_axes(None, figsize=(9, 0.45 * max(1, min(len(table), max_rows)) + 2))
    years = [c for c in table.columns if c != by]
    if table.empty or not years:
        ax.text(0.5, 0.5, "no background dates in this corpus", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    t = top_rows(table.set_index(by)[years], noun=_by_plural(by), n=max_rows)
    vals = t.to_numpy(dtype=float)
    named = np.array([not str(c).startswith("other") for c in years])   # ("other years" is a sum: no shade)
    shade = np.where(named[None, :], vals, np.nan)
    top = max(np.nanmax(shade) if named.any() else 1.0, 1.0)
    cmap = plt.get_cmap("Purples").copy()
    cmap.set_bad("#F2F2F2")
    ax.imshow(shade, aspect="auto", cmap=cmap, vmin=0, vmax=top)
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            if vals[i, j]:
                ax.text(j, i, f"{int(vals[i, j])}", ha="center", va="center", fontsize=8,
                        color="white" if named[j] and vals[i, j] > top / 2 else "black")
    ax.set_xticks(range(len(years)))
    ax.set_xticklabels(years, rotation=45, ha="right")
    ax.set_yticks(range(len(t)))
    ax.set_yticklabels([_shorten(_by_label(x), SOURCE_LABEL_WIDTH) for x in t.index])
    ax.grid(False)
    ax.set_title(f"Which history does each {_by_word(by)} recall? Articles mentioning a background year")
    ax.set_xlabel("year of a background date (history, earlier incidents, plans)")
    ax.set_ylabel(_by_word(by))
    return fig


# --------------------------------------------------------------------------- source framing (notebook 01)
# One colour per source type (Okabe and Ito palette), fixed across figures.
SOURCE_TYPE_COLORS = {
    "head_of_state": "#0072B2", "official": "#56B4E9", "anonymous": "#D55E00",
    "wire_outlet": "#E69F00", "document": "#009E73", "other": "#BBBBBB",
}
TOPIC_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#BBBBBB"]


SOURCE_LABEL_WIDTH = 30    # characters of a group name on an axis (longer names are cut with an ellipsis)
MAX_TARGETS = 20           # rows (countries, people) of tone_by_target_chart: those named in most sentences
MAX_DOT_SENTENCES = 15     # tone_by_target_chart: dot sizes grow with sentences up to this, then are scaled
FOLDED_COLOR = "#DDDDDD"   # the folded "other (N ...)" segment of a stacked bar


def _by_word(by: str) -> str:
    """How a figure names one group: ``outlet``, ``country``, ``outlet group``."""
    return str(by).replace("_", " ")


def _by_label(name) -> str:
    """A group name for an axis or legend, cut to :data:`SOURCE_LABEL_WIDTH` characters."""
    from .groups import clean_values

    return _shorten(clean_values([name]).iloc[0], SOURCE_LABEL_WIDTH)


def _by_plural(by: str) -> str:
    """How a folded row names several groups: ``other (7 outlets)``."""
    return {"outlet": "outlets", "country": "countries", "id": "articles"}.get(by, "groups")


def _fold_columns(table, *, noun: str, keep: int = MAX_COLORS - 1):
    """``table`` with at most ``keep + 1`` columns: the ``keep`` with the largest sums, in their order, and
    one column ``other (N <noun>)`` summing the rest (a legend of at most :data:`MAX_COLORS` entries)."""
    from .groups import lump

    if table.shape[1] <= keep + 1:
        return table
    names = list(lump([str(c) for c in table.columns], keep=keep, weights=table.sum().to_numpy(), noun=noun))
    kept = [c for c, n in zip(table.columns, names) if n == str(c)]
    folded = [c for c, n in zip(table.columns, names) if n != str(c)]
    out = table[kept].copy()
    out[names[list(table.columns).index(folded[0])]] = table[folded].sum(axis=1)
    return out


def _stacked_barh(ax, table, colors, *, legend_title):
    """Stacked horizontal bars, one row per index entry (names cut to :data:`SOURCE_LABEL_WIDTH`);
    returns the row totals. Callers fold rows (:func:`top_rows`) and columns (:func:`_fold_columns`) first."""
    left = np.zeros(len(table))
    ypos = np.arange(len(table))
    for i, col in enumerate(table.columns):
        vals = table[col].to_numpy(dtype=float)
        color = colors.get(col) if isinstance(colors, dict) else colors[i % len(colors)]
        ax.barh(ypos, vals, left=left, color=color, label=str(col), edgecolor="white", linewidth=0.5)
        left += vals
    ax.set_yticks(ypos)
    ax.set_yticklabels([_by_label(x) for x in table.index])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.legend(title=legend_title, bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return left


def sources_by_type_chart(summary, *, ax=None, labels=None, by: str = "outlet"):
    """Stacked bars: attributed sentences per group by source type, anonymous share written at the end.

    ``summary`` is :func:`newsframe.framing.source_summary`; ``by`` its group
    column. With more than :data:`MAX_ROWS` groups, the groups with the fewest
    attributed sentences are summed into one row ``other (N groups)``.
    """
    from .framing import SOURCE_TYPE_LABELS, SOURCE_TYPES
    t = summary.set_index(by)[[*SOURCE_TYPES, "attributed"]]
    share = summary.set_index(by)["anonymous_share"]
    t = top_rows(t, weight="attributed", noun=_by_plural(by))
    shares = [share[g] if g in share.index else (t.loc[g, "anonymous"] / t.loc[g, "attributed"] if t.loc[g, "attributed"] else 0.0)
              for g in t.index]
    t = t[SOURCE_TYPES]
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(t), 1) + 2))
    t.columns = [(labels or SOURCE_TYPE_LABELS)[c] for c in SOURCE_TYPES]
    colors = {(labels or SOURCE_TYPE_LABELS)[k]: v for k, v in SOURCE_TYPE_COLORS.items()}
    totals = _stacked_barh(ax, t, colors, legend_title="source type")
    for y, (tot, sh) in enumerate(zip(totals, shares)):
        ax.text(tot + 0.01 * max(totals.max(), 1), y, f"{sh:.0%} anonymous", va="center", fontsize=8)
    ax.set_xlim(0, max(totals.max(), 1) * 1.25)  # room for the labels
    ax.set_title(f"Who speaks in each {_by_word(by)}? Attributed sentences by type of source")
    ax.set_xlabel("attributed body sentences")
    ax.set_ylabel(by)
    return fig


SPEECH_TYPE_COLORS = {"direct (own words)": "#1b7837", "mixed (quoted fragments)": "#a6dba0",
                      "indirect (paraphrased)": "#9970ab"}


def speech_types_chart(summary, *, ax=None, by: str = "outlet"):
    """Stacked bars: attributions per group told in the source's own words (direct), with quoted fragments
    (mixed) or paraphrased (indirect); the direct share written at the end of each bar.

    ``summary`` is :func:`newsframe.framing.speech_by_group`. With more than :data:`MAX_ROWS` groups, the
    groups with the fewest attributions are summed into one row ``other (N groups)``.
    """
    t = summary.set_index(by)[["direct", "mixed", "indirect", "attributions"]]
    t = top_rows(t, weight="attributions", noun=_by_plural(by))
    shares = [t.loc[g, "direct"] / t.loc[g, "attributions"] if t.loc[g, "attributions"] else 0.0 for g in t.index]
    t = t[["direct", "mixed", "indirect"]]
    t.columns = list(SPEECH_TYPE_COLORS)
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(t), 1) + 2))
    totals = _stacked_barh(ax, t, SPEECH_TYPE_COLORS, legend_title="how it is reported")
    for y, (tot, sh) in enumerate(zip(totals, shares)):
        ax.text(tot + 0.01 * max(totals.max(), 1), y, f"{sh:.0%} direct", va="center", fontsize=8)
    ax.set_xlim(0, max(totals.max(), 1) * 1.2)
    ax.set_title(f"Own words or paraphrase? Attributions per {_by_word(by)} by how they are reported")
    ax.set_xlabel("attributions (direct quotes, reported speech, mixed)")
    ax.set_ylabel(by)
    return fig


def sources_by_country_chart(table, *, ax=None, by: str = "outlet"):
    """Stacked bars: attributed sentences per group by the country of the source.

    ``table`` is a group x country count table (:func:`newsframe.framing.sources_by_country`);
    ``by`` names its groups. The :data:`MAX_COLORS` - 1 countries with the most
    sentences keep a colour, the others are one "other (N countries)" segment; with
    more than :data:`MAX_ROWS` groups the smallest are summed into one row.
    """
    table = top_rows(_fold_columns(table, noun="countries"), noun=_by_plural(by))
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(table), 1) + 2))
    from .groups import is_other
    named = [c for c in table.columns if c != "not stated" and not is_other(c)]
    colors = {c: TOPIC_COLORS[i % (len(TOPIC_COLORS) - 1)] for i, c in enumerate(named)}
    colors["not stated"] = "#BBBBBB"
    colors.update({c: FOLDED_COLOR for c in table.columns if is_other(c)})
    _stacked_barh(ax, table, colors, legend_title="country of source")
    ax.set_title("Whose voice? Attributed sentences by country of the source")
    ax.set_xlabel("attributed body sentences (country stated or implied by the text)")
    ax.set_ylabel(by)
    return fig


def frame_heatmap(matrix, *, ax=None, frame_labels=None, by: str = "outlet", sentences=None):
    """Heatmap group x frame: share of the group's body sentences with a cue of the frame.

    ``matrix`` is :func:`newsframe.framing.outlet_frame_matrix`; the cue words behind
    each cell are in :func:`newsframe.framing.outlet_frame_cues`. ``by`` names the
    groups (rows). With more than :data:`MAX_ROWS` groups only the ``MAX_ROWS``
    with the most body sentences are drawn (``sentences``: a mapping group ->
    sentences, default ``matrix.attrs["sentences"]``; without it the groups with
    the most frame cues), and the title says so.
    """
    n_groups = len(matrix)
    note = ""
    if n_groups > MAX_ROWS:
        sizes = sentences if sentences is not None else matrix.attrs.get("sentences")
        weight = ([float(sizes.get(g, 0)) for g in matrix.index] if sizes is not None
                  else list(matrix.sum(axis=1).astype(float)))
        ranked = sorted(range(n_groups), key=lambda i: (-weight[i], str(matrix.index[i])))
        matrix = matrix.iloc[sorted(ranked[:MAX_ROWS])]
        what = "body sentences" if sizes is not None else "frame cues"
        note = f"\n(the {MAX_ROWS} of {n_groups} {_by_plural(by)} with the most {what})"
    fig, ax = new_axes(ax, figsize=(1.3 * max(matrix.shape[1], 1) + 3, 0.6 * max(matrix.shape[0], 1) + 2))
    vals = matrix.to_numpy(dtype=float)
    im = ax.imshow(vals, cmap="Blues", vmin=0, vmax=max(1e-9, float(vals.max()) if vals.size else 1), aspect="auto")
    ax.set_xticks(range(matrix.shape[1]))
    ax.set_xticklabels([(frame_labels or {}).get(c, c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]))
    ax.set_yticklabels([_by_label(x) for x in matrix.index])
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            ax.text(j, i, f"{vals[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if vals[i, j] > 0.6 * vals.max() else "black")
    ax.grid(False)
    fig.colorbar(im, ax=ax, label="share of body sentences with a cue")
    ax.set_title(f"Which frames does each {_by_word(by)} use?{note}")
    ax.set_xlabel("frame")
    ax.set_ylabel(by)
    return fig


def _fold_tone_groups(t, by: str):
    """``tone_by_target`` rows with at most :data:`MAX_COLORS` groups: the groups with the fewest
    sentences become one "other (N groups)" whose mean is the sentence-weighted mean of theirs
    (the mean over their pooled sentences)."""
    from .groups import lump

    if t[by].nunique() <= MAX_COLORS:
        return t
    t = t.assign(**{by: lump(t[by], keep=MAX_COLORS - 1, weights=t["sentences"], noun=_by_plural(by)).to_numpy()})
    t = t.assign(_sum=t["mean_compound"] * t["sentences"])
    g = t.groupby([by, "target"], as_index=False)[["sentences", "_sum"]].sum()
    g["mean_compound"] = g["_sum"] / g["sentences"]
    return g.drop(columns="_sum")


def tone_by_target_chart(table, *, ax=None, targets=None, by: str = "outlet", max_targets: int = MAX_TARGETS,
                         value: str = "mean_compound", size: str = "sentences", xlabel: str | None = None):
    """Dots: mean VADER compound per target (rows) and group (colours); dot size = number of sentences.

    ``table`` is :func:`newsframe.framing.tone_by_target`; ``by`` its group
    column. At most ``max_targets`` rows (the targets named in the most
    sentences; the title says when some are left out) and :data:`MAX_COLORS`
    colours (the groups with the fewest sentences are pooled into one "other").
    For the target-dependent model (:func:`newsframe.framing.target_tone_by_group`) pass
    ``value="net_tone", size="mentions"`` and an ``xlabel`` naming the method.
    """
    if value != "mean_compound" or size != "sentences":
        table = table.rename(columns={value: "mean_compound", size: "sentences"})
    from .groups import is_other

    t = table if targets is None else table[table["target"].isin(targets)]
    order = t.groupby("target")["sentences"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    note = ""
    if len(order) > max_targets:
        note = f"\n(the {max_targets} of {len(order)} targets named in the most {size})"
        order = order[:max_targets]
        t = t[t["target"].isin(order)]
    t = _fold_tone_groups(t, by)
    fig, ax = new_axes(ax, figsize=(8, 0.45 * max(len(order), 1) + 2))
    colors = outlet_colors(t[by].unique())
    ypos = {name: i for i, name in enumerate(order)}
    scale = min(1.0, MAX_DOT_SENTENCES / max(float(t["sentences"].max()) if len(t) else 1.0, 1.0))
    names = sorted(t[by].unique(), key=lambda g: (is_other(g), str(g)))
    for group in names:
        g = t[t[by] == group]
        ax.scatter(g["mean_compound"], [ypos[x] for x in g["target"]], s=25 + 25 * scale * g["sentences"],
                   color=colors[str(group)], alpha=0.8, label=_by_label(group),
                   edgecolor="white")
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([_shorten(x, SOURCE_LABEL_WIDTH) for x in order])
    ax.invert_yaxis()
    ax.set_xlim(-1.06, 1.06)   # (room for the dots at -1 and +1)
    question = ("How positive are the sentences about each country or leader?" if value == "mean_compound"
                else "What tone does each group take toward each country or leader?")
    ax.set_title(f"{question}{note}")
    ax.set_xlabel(xlabel or "mean VADER compound of sentences naming the target (-1 negative .. +1 positive)")
    ax.set_ylabel("target")
    legend = ax.legend(title=f"{_by_word(by)} (dot size = {size})", bbox_to_anchor=(1.01, 1), loc="upper left",
                       fontsize=8)
    for handle in getattr(legend, "legend_handles", []):  # one marker size in the legend: colours only
        handle.set_sizes([40])
    return fig


def page_context_chart(table, *, ax=None, by: str = "outlet"):
    """Stacked bars: lines placed around the article per group, by topic.

    ``table`` is a group x topic count table (:func:`newsframe.framing.page_context_counts`);
    ``by`` names its groups. At most :data:`MAX_COLORS` topics and :data:`MAX_ROWS` rows
    (the rest summed into one "other").
    """
    table = top_rows(_fold_columns(table, noun="topics"), noun=_by_plural(by))
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(table), 1) + 2))
    from .groups import is_other
    colors = {c: FOLDED_COLOR if is_other(c) else TOPIC_COLORS[i % len(TOPIC_COLORS)] for i, c in enumerate(table.columns)}
    _stacked_barh(ax, table, colors, legend_title="topic")
    ax.set_title(f"What else did each {_by_word(by)} put around the article?")
    ax.set_xlabel("tickers, related and featured headlines (distinct lines)")
    ax.set_ylabel(by)
    return fig


# --------------------------------------------------------------------------- wording differences (notebook 02)
BRITISH_COLOR, AMERICAN_COLOR = "#0072B2", "#D55E00"   # Okabe and Ito


KEYNESS_MAX_PANELS = 6   # keyness_chart: panels (groups) drawn at most; the full table goes to the CSV


def _group_noun(by: str) -> str:
    """How a figure names one group of the column ``by``: "outlet", "country", "outlet group"."""
    return str(by).replace("_", " ")


def spelling_chart(summary, *, by: str = "outlet", ax=None):
    """Bars per outlet (or group): British and American spellings used outside names.

    ``summary`` is :func:`newsframe.wording.spelling_summary`; ``by`` its group
    column. With more than :data:`MAX_ROWS` groups the largest keep a row and
    the others are summed in one ``other (N groups)`` row (:func:`top_rows`).
    """
    rows = top_rows(summary[[by, "n_british", "n_american"]].reset_index(drop=True), label_column=by,
                    noun="groups" if by != "outlet" else "outlets")
    fig, ax = new_axes(ax, figsize=(8, 0.6 * max(len(rows), 1) + 2))
    y = np.arange(len(rows))
    ax.barh(y - 0.2, rows["n_british"], height=0.4, color=BRITISH_COLOR, label="British (defence, colonisation)")
    ax.barh(y + 0.2, rows["n_american"], height=0.4, color=AMERICAN_COLOR, label="American (defense, colonization)")
    ax.set_yticks(y)
    ax.set_yticklabels([_shorten(v, 30) for v in rows[by]])
    ax.invert_yaxis()
    ax.set_title(f"Which spelling convention does each {_group_noun(by)} write in?")
    ax.set_xlabel("words with a British or American spelling (names not counted)")
    ax.set_ylabel(by)
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


def _keyness_panels(table, by: str, max_panels: int) -> list:
    """The groups of a keyness table to draw: all (sorted) when few, else the ``max_panels`` with the
    most words (``words_outlet``; rows of the table without it), largest first."""
    names = sorted(table[by].unique(), key=str)
    if len(names) <= max_panels:
        return names
    size = (table.groupby(by)["words_outlet"].max() if "words_outlet" in table.columns
            else table.groupby(by).size()).astype(float)
    return sorted(names, key=lambda g: (-size.get(g, 0.0), str(g)))[:max_panels]


def keyness_chart(table, *, outlet: str | None = None, n: int = 6, ax=None, by: str = "outlet"):
    """Log ratio of the top key terms each way, one panel per outlet (or one ``outlet`` on ``ax``).

    ``table`` is :func:`newsframe.wording.keyness` (or its ``top_key_terms``, or
    :func:`~newsframe.wording.keyness_between`); ``by`` is its group column
    (``outlet`` names one group to draw). Bars right: used more by the group
    than the rest; left: less. The raw counts (group / rest) are written at
    each bar; hatched bars: the term is key only because of one article.
    At most :data:`KEYNESS_MAX_PANELS` panels (the groups with the most words;
    the suptitle says how many groups there are) and ``n`` at most
    ``MAX_ROWS // 2`` terms each way, in a figure of bounded size.
    """
    import pandas as pd

    from .groups import lump

    n = max(1, min(int(n), MAX_ROWS // 2))
    outlets = [outlet] if outlet else _keyness_panels(table, by, KEYNESS_MAX_PANELS)
    n_groups = table[by].nunique()
    folded = not outlet and n_groups > len(outlets)
    if ax is None:
        fig, axes = plt.subplots(len(outlets) or 1, 1, squeeze=False,
                                 figsize=bounded_figsize(8, 2.2 * n / 3 * max(len(outlets), 1) + 1 + 0.4 * folded))
        axes = axes[:, 0]
    else:
        fig, axes = ax.figure, [ax]
    names = pd.Series(sorted(table[by].unique(), key=str), dtype=object)
    if len(names) > MAX_COLORS:   # colours for the largest groups only (the panels are among them)
        words = table.groupby(by)["words_outlet"].max() if "words_outlet" in table.columns else table.groupby(by).size()
        names = lump(names, keep=MAX_COLORS - 1, weights=[float(words.get(g, 0)) for g in names])
    colors = outlet_colors(names)
    noun = _group_noun(by)
    for o, a in zip(outlets, axes):
        t = table[table[by] == o]
        over = t[t["direction"] == "over"].nlargest(n, "g2")
        under = t[t["direction"] == "under"].nlargest(n, "g2")
        rows = over.sort_values("log_ratio").to_dict("records") + under.sort_values("log_ratio").to_dict("records")
        rows = sorted(rows, key=lambda r: r["log_ratio"])
        y = np.arange(len(rows))
        vals = [r["log_ratio"] for r in rows]
        bars = a.barh(y, vals, color=[colors.get(str(o), OTHER_COLOR) if v > 0 else "#BBBBBB" for v in vals])
        for bar, r in zip(bars, rows):
            if r.get("one_article_only"):
                bar.set_hatch("//")
            a.text(r["log_ratio"], bar.get_y() + bar.get_height() / 2, f" {r['n_outlet']}/{r['n_rest']} ",
                   va="center", ha="left" if r["log_ratio"] > 0 else "right", fontsize=7)
        a.set_yticks(y)
        a.set_yticklabels([_shorten(r["term"], 30) for r in rows], fontsize=8)
        a.axvline(0, color="black", linewidth=0.8)
        if "reference" in t.columns and len(t):
            a.set_title(f"Which words set {_shorten(o, 40)} apart from {_shorten(t['reference'].iloc[0], 40)}?",
                        fontsize=10)
        elif by == "outlet":
            a.set_title(f"Which words set {_shorten(o, 40)} apart from the other outlets?", fontsize=10)
        else:
            a.set_title(f"Which words set {_shorten(o, 40)} apart from the other groups ({noun})?", fontsize=10)
        if "reference" in t.columns:
            a.set_xlabel("log ratio: log2(relative frequency in group / in reference group)\n"
                         "bar label: raw count group / reference group")
        else:
            a.set_xlabel("log ratio: log2(relative frequency in outlet / in rest)\nbar label: raw count outlet / rest"
                         if by == "outlet" else
                         "log ratio: log2(relative frequency in group / in rest)\nbar label: raw count group / rest")
        a.set_ylabel("term")
        a.grid(axis="y", visible=False)
    if folded:
        fig.suptitle(f"{n_groups} groups ({noun}): the {len(outlets)} with the most words are shown; "
                     "the full table is in the CSV", fontsize=9, x=0.01, ha="left")
        fig.tight_layout(rect=(0, 0, 1, 0.97))
    else:
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


# --------------------------------------------------------------------------- wire families (notebook 02)
MAX_PAIR_BARS = 20   # reuse_pairs_chart: article pairs drawn at most (the rest are in the table)


def _family_times(values):
    """Publication times for a date axis (zone-aware ones in UTC), ``None`` where undated."""
    import pandas as pd

    out = []
    for v in values:
        try:
            t = None if v is None or (isinstance(v, float) and np.isnan(v)) else pd.Timestamp(v)
        except (TypeError, ValueError):
            t = None
        out.append(None if t is None or pd.isna(t) else (t.tz_convert(None) if t.tzinfo else t))
    return out


def wire_family_chart(fam, *, by: str = "outlet", max_families: int = 8, ax=None):
    """One row per wire family (the ``max_families`` largest, at most :data:`MAX_ROWS`): a dot per
    member at its publication date, coloured by its group, the presumed source as a large ringed
    dot with a thin line from it across the family's span.

    ``fam`` is :func:`newsframe.wording.families.wire_families`; ``by`` the column of ``fam`` naming the
    groups (``outlet`` by default; ``fam`` made with the same ``by``). At most :data:`MAX_COLORS`
    colours: the groups with the fewest members drawn are one grey "other (N groups)". Members
    without a date are drawn as hollow dots at the right edge. The families not drawn are in the
    table (:func:`newsframe.wording.families.family_summary`); the title says how many there are.
    """
    import pandas as pd

    from .groups import lump

    ids = list(dict.fromkeys(fam["family_id"])) if fam is not None and len(fam) else []
    shown = ids[:max(1, min(int(max_families), MAX_ROWS))]
    fig, ax = new_axes(ax, figsize=(10, 0.55 * max(len(shown), 1) + 2.4))
    if not shown:
        ax.text(0.5, 0.5, "no wire family: no two articles share reused sentences above the threshold",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    sub = fam[fam["family_id"].isin(shown)].sort_values(["family_id", "order"], key=lambda s: s.map(
        {f: k for k, f in enumerate(shown)}) if s.name == "family_id" else s).reset_index(drop=True)
    col = by if by in sub.columns else "outlet"
    names = sub[col].map(outlet_label) if col == "outlet" else sub[col]
    # colours for the groups with the most members drawn; ties: the group met first (F1 first)
    tie = [1.0 + (len(sub) - k) / (2.0 * len(sub) ** 2) for k in range(len(sub))]
    sub["nf_group"] = lump(names, keep=MAX_COLORS - 1, weights=tie, noun=_by_plural(by)).to_numpy()
    sub["nf_time"] = pd.Series(_family_times(sub["published"]), index=sub.index, dtype=object)
    colors = outlet_colors(sub["nf_group"])
    times = [t for t in sub["nf_time"] if not pd.isna(t)]
    if not times:
        ax.text(0.5, 0.5, "no member of these families has a publication date:\nsee the table for the families",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    first, last = min(times), max(times)
    edge = last + max(last - first, pd.Timedelta(days=1)) * 0.06   # where undated members are drawn
    n_undated = 0
    for y, fid in enumerate(shown):
        g = sub[sub["family_id"] == fid]
        dated = [t for t in g["nf_time"] if not pd.isna(t)]
        src = g[g["presumed_source"].astype(bool) & g["nf_time"].notna()]
        if len(src) and dated:
            ax.plot([src["nf_time"].iloc[0], max(dated)], [y, y], color="#888888", linewidth=0.8, zorder=1)
        for k, r in enumerate(g.itertuples()):
            dy = ((k % 5) - 2) * 0.07 if len(g) > 1 else 0.0   # a little apart: same-day members stay visible
            color = colors[str(r.nf_group)]
            if pd.isna(r.nf_time):
                n_undated += 1
                ax.scatter([edge], [y + dy], s=40, facecolors="none", edgecolors=color, linewidths=1.2, zorder=2)
            elif r.presumed_source:
                ax.scatter([r.nf_time], [y], s=150, color=color, edgecolors="black", linewidths=1.5, zorder=2)
            else:
                ax.scatter([r.nf_time], [y + dy], s=40, color=color, edgecolors="white", linewidths=0.5, zorder=3)
    groups_drawn = sorted(dict.fromkeys(sub["nf_group"]), key=lambda v: (v.startswith("other (") or v == "(not stated)", v))
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colors[g], label=_by_label(g)) for g in groups_drawn]
    ax.legend(handles=handles, title=_by_word(by), bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([f"{fid} ({int(sub.loc[sub['family_id'] == fid, 'n_members'].iloc[0])} articles)"
                        for fid in shown], fontsize=8)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.invert_yaxis()
    if n_undated:
        ax.set_xlim(right=edge + (edge - first) * 0.03)
        ax.axvline(edge - (edge - last) * 0.5, color="#BBBBBB", linewidth=0.8, linestyle=":")
    more = (f"\n(the {len(shown)} largest of {len(ids)} families; all are in the family table)"
            if len(ids) > len(shown) else "")
    ax.set_title("Which articles carry the same copy, and which came first?" + more)
    ax.set_xlabel("publication date (large ringed dot: presumed source, the earliest dated member"
                  + ("; hollow dots at the right: undated" if n_undated else "") + ")")
    ax.set_ylabel("wire family")
    ax.grid(axis="y", visible=False)
    fig.autofmt_xdate()
    return fig


def reuse_pairs_chart(ranked, *, top: int = MAX_PAIR_BARS, ax=None):
    """Bars: the reuse score of the ``top`` best article pairs (at most :data:`MAX_ROWS`), labelled
    earlier -> later, with the shared sentences written at each bar: the heatmap's replacement
    for a large corpus.

    ``ranked`` is :func:`newsframe.wording.families.ranked_pairs`; the rest of the pairs are in it.
    """
    n_all = 0 if ranked is None else len(ranked)
    rows = ranked.head(max(1, min(int(top), MAX_ROWS))) if n_all else ranked
    fig, ax = new_axes(ax, figsize=(9, 0.4 * max(n_all and len(rows), 1) + 2.2))
    if not n_all:
        ax.text(0.5, 0.5, "no two articles share reused sentences above the threshold", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig

    def side(r, which):
        return f"{_shorten(outlet_label(getattr(r, 'outlet_' + which)), 22)} {str(getattr(r, which))[:8]}"

    labels = [f"{side(r, 'b')} -> {side(r, 'a')}" if r.direction == "b -> a"
              else f"{side(r, 'a')} {'->' if r.direction == 'a -> b' else '?'} {side(r, 'b')}"
              for r in rows.itertuples()]
    y = np.arange(len(rows))
    ax.barh(y, rows["score"], color=PALETTE[0])
    for k, r in enumerate(rows.itertuples()):
        ax.text(r.score, k, f" {r.shared_sentences} sentences ({r.n_verbatim} verbatim)", va="center", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, max(float(rows["score"].max()), 0.2) * 1.35)
    more = f"\n(the {len(rows)} best of {n_all} pairs; all are in the table)" if n_all > len(rows) else ""
    ax.set_title("Which article pairs share the most sentences?" + more)
    ax.set_xlabel("reuse score (aligned sentence similarity over the shorter article's sentences)")
    ax.set_ylabel("article pair (earlier -> later; ? = dates cannot tell)")
    ax.grid(axis="y", visible=False)
    return fig
