"""Figures of notebook 03 (event timing): events, coverage, lags, background.

:func:`event_timeline_chart` and :func:`outlet_timeline_chart` put the events and each group's
reports of them on one time axis; :func:`coverage_chart` counts articles per day per group around
each news event (an attention-over-time chart); :func:`lag_chart` gives each group's median lag for
news events; :func:`background_chart` shows which years of history each group recalls. Each stays
readable at 5 and at 5,000 articles: at most :data:`~newsframe.plots.style.MAX_COLORS` colours and
the top events and groups only.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import numpy as np

from .style import (MAX_COLORS, MAX_ROWS, SOURCE_LABEL_WIDTH, bounded_figsize, group_label, group_plural, group_word,
    new_axes, outlet_colors, outlet_label, shorten, top_rows)


# --------------------------------------------------------------------------- event timing
MAX_EVENT_DOTS = 300      # event_timeline_chart: dots on one event row; beyond, each group's range and median
MAX_EVENT_LABELS = 15     # outlet_timeline_chart: event labels in the whole figure
MAX_MARKED_EVENTS = 40    # outlet_timeline_chart: events with a marker (those mentioned by most articles)
STRIP_ARTICLES = 50       # outlet_timeline_chart: a row with more publications gets a histogram strip
STRIP_BINS = 120          # bins of that strip across the date axis
PUBLICATION_COLOR = "#777777"
UNCOLORED_MARKER = "#555555"   # outlet_timeline_chart: events of the rows beyond the coloured ones


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

    from ..groups import clean_values

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

    from ..groups import is_other, lump
    from ..timing import period_start

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
    folded = lump(names, keep=MAX_COLORS - 1, noun=group_plural(by))
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
    ax.set_yticklabels([f"{e.event_id} {e.date_value}: {shorten(e.label, 40)}"
                        + (f" [{e.n} reports]" if e.n > max_dots else "") for e in order.itertuples()], fontsize=8)
    ax.invert_yaxis()
    ax.set_title(f"When did each event happen, and when did each {group_word(by)} report it?")
    ax.set_xlabel("date (diamond: event; dot: publication)" if not ranged else
                  f"date (diamond: event; dot: publication; on rows with more than {max_dots} reports, "
                  f"a bar per {group_word(by)}: its middle half of publications, dot: median)")
    ax.set_ylabel("event")
    handles = [Line2D([], [], marker="o", linestyle="", color=colors[g], label=shorten(g, 30)) for g in legend_order]
    ax.legend(handles=handles, title=group_word(by), bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
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

    from ..groups import attach, is_other, lump
    from ..timing import period_start

    pubs_all = articles["published"].map(_naive) if "published" in articles.columns else pd.Series(dtype=object)
    dated = articles[pubs_all.notna()].assign(_pub=pubs_all[pubs_all.notna()])
    if not dated.empty:
        _need_column(dated, by, "the articles")
        names = _timing_names(dated[by], by)
        rows_of = lump(names, keep=max_rows - 1, noun=group_plural(by))
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
    tint = lump(list(dated["_row"]), keep=MAX_COLORS - 1, noun=group_plural(by))
    tint_of = dict(zip(dated["_row"], tint))
    palette = outlet_colors(set(tint))
    colors = {r: palette[r] if tint_of[r] == r and not is_other(r) else UNCOLORED_MARKER for r in rows}

    ev = pd.DataFrame(columns=["event_id", "id", "granularity", "lag_days", "_start", "_day", "_row"])
    if len(lags):
        ev = attach(lags, articles, by)
        ev = ev.assign(_start=ev["date_value"].map(period_start), _day=ev["granularity"].eq("day"))
        if "kind" in ev.columns:   # history is recalled, not reported late: its labels carry no lag
            ev = ev.assign(lag_days=ev["lag_days"].where(ev["kind"].eq("news")))
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
    ax.set_yticklabels([f"{shorten(r, 30)} ({sizes[r]})" for r in rows])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.invert_yaxis()
    ax.set_title(f"Which events does each {group_word(by)} mention, and how long before it published?",
                 pad=6 + 9 * top_levels)
    notes = []
    if n_events > max_events:
        notes.append(f"markers: the {max_events} events mentioned by most articles (of {n_events})")
    if only_top:
        notes.append(f"labels on top: the {min(max_labels, ev['event_id'].nunique())} events mentioned by most articles, "
                     "median lag over their articles (news events only)")
    ax.set_xlabel("date (dot: day-precise event, square: week/month/year; "
                  + ("strip: publications per period, scaled to the row's busiest" if strips else "grey bar: publication")
                  + ")" + "".join("\n" + n for n in notes))
    ax.set_ylabel(f"{group_word(by)} (articles)")
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

    from ..groups import lump
    from ..timing import NEWS_WINDOW_DAYS

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
        note = f"\nonly the {max_rows - 1} {group_plural(by)} with the most {rank} of {len(summary)} are shown"
    t = t.reset_index(drop=True)
    names = [shorten(n, 30) for n in _timing_names(t[by], by)]
    weights = t[rank].fillna(0).to_numpy() if rank in t.columns else None
    tint = list(lump(names, keep=MAX_COLORS - 1, weights=weights, noun=group_plural(by)))
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
    if summary.attrs.get("by_kind"):
        which = ("day-precise " if day_only else "") + "news events (history, earlier incidents and plans: background, not counted)"
    else:
        which = ("day-precise " if day_only else "") + "events" + (
            f" dated within {window:g} days of publication (further away: background, not counted)" if window is not None else "")
    ax.set_title(f"How late did each {group_word(by)} report the events it mentions?")
    ax.set_xlabel(f"days from event to publication (median; | = largest)\n{which}{note}")
    ax.set_ylabel(group_word(by))
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

    from ..groups import lump

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
    pa = pa.assign(_pub=pub, _g=[group_label(g) for g in pa[by]] if by in pa.columns else pa["outlet"].map(outlet_label))
    names = sorted(set(pa["_g"]))
    weights = pa.groupby("_g")["id"].nunique().reindex(names).to_numpy()
    folded = dict(zip(names, lump(names, keep=MAX_COLORS - 1, weights=weights, noun=group_plural(by))))
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
        ax.set_title(f"{ev.event_id} {shorten(str(ev.label), 60)} ({pd.Timestamp(ev.date):%Y-%m-%d}): "
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
    axes[0][0].legend(list(seen.values()), list(seen), title=group_word(by), bbox_to_anchor=(1.01, 1),
                      loc="upper left", fontsize=8)
    fig.suptitle(f"When did the coverage come? Articles per day around each news event, by {group_word(by)}",
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
    t = top_rows(table.set_index(by)[years], noun=group_plural(by), n=max_rows)
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
    ax.set_yticklabels([shorten(group_label(x), SOURCE_LABEL_WIDTH) for x in t.index])
    ax.grid(False)
    ax.set_title(f"Which history does each {group_word(by)} recall? Articles mentioning a background year")
    ax.set_xlabel("year of a background date (history, earlier incidents, plans)")
    ax.set_ylabel(group_word(by))
    return fig
