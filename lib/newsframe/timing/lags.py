"""Reporting lag: how late each outlet reported each event.

The lag of an article for an event is its publication time minus the event date, in days; for an
event known only to the month or the year it is measured from the start of that period and marked as
coarse. :func:`lag_summary` gives the median lag per group over news events only (dates within
:data:`NEWS_WINDOW_DAYS` before publication), so history an article recalls never becomes a lag;
:func:`shared_events` shows which groups reported which events.
"""
from __future__ import annotations

import pandas as pd

from .. import groups as _groups
from .events import ROLE_BACKGROUND, ROLE_NEWS, as_date, group_labels


def reporting_lag(events_df: pd.DataFrame, mentions: pd.DataFrame, *, by: str = "outlet",
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (event, article): when the outlet published, and how long after the event.

    Columns: ``event_id, label, date_value, granularity, id, outlet, published, lag_days, coarse``
    (``coarse`` when the event is known only to the week, month or year).

    ``by`` is the article column to compare by (``outlet``, ``country`` or any manifest column):
    other than ``outlet``, a column named after it follows ``outlet``, taken from the mentions
    when they carry it, else from ``articles`` (matched on ``id``).
    """
    tagged = mentions if by == "outlet" else _groups.attach(mentions, articles, by)
    group_of = (dict(zip(tagged["id"], _groups.clean_values(tagged[by]))) if by != "outlet" else {})
    # (id, outlet, published) of the mentions under each row label, read once instead of one
    # mentions.loc[...] per event
    mention_rows: dict = {}
    roles = mentions["role"] if "role" in mentions.columns else pd.Series(ROLE_NEWS, index=mentions.index)
    for label, *values in zip(mentions.index, mentions["id"], mentions["outlet"], mentions["published"], roles):
        mention_rows.setdefault(label, []).append(values)
    rows = []
    has_kind = "kind" in events_df.columns   # (events with their kind, see event_kinds: the lags keep it)
    for ev in events_df.itertuples():
        seen = set()
        for mid, outlet, published, role in (v for label in ev.mentions for v in mention_rows[label]):
            if mid in seen:
                continue   # one row per article, its first mention
            seen.add(mid)
            # a news event recalled by an article as background (the summit "last month") is background there
            kind = (ROLE_NEWS if ev.kind == ROLE_NEWS and role == ROLE_NEWS else ROLE_BACKGROUND) if has_kind else None
            pub = as_date(published)
            lag = (pub - ev.date).total_seconds() / 86400 if pub is not None and ev.date is not None else None
            rows.append({"event_id": ev.event_id, "label": ev.label, "date_value": ev.date_value,
                         "granularity": ev.granularity, **({"kind": kind} if has_kind else {}), "id": mid, "outlet": outlet,
                         **({by: group_of.get(mid, _groups.NOT_STATED)} if by != "outlet" else {}),
                         "published": published,
                         "lag_days": None if lag is None else round(lag, 1), "coarse": ev.granularity != "day"})
    cols = ["event_id", "label", "date_value", "granularity", *(["kind"] if has_kind else []), "id", "outlet",
            *([by] if by != "outlet" else []), "published", "lag_days", "coarse"]
    return pd.DataFrame(rows, columns=cols)


NEWS_WINDOW_DAYS = 60   # lag_summary: events dated further than this from publication are background, not news


def lag_summary(lags: pd.DataFrame, *, day_events_only: bool = True, window_days: float | None = NEWS_WINDOW_DAYS,
                by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group of ``by``: news events reported, median and largest lag in days, background events.

    ``by`` is the article column to compare by (``outlet`` by default, ``country`` or any manifest
    column); it is taken from ``lags`` (see :func:`reporting_lag`) or, when missing there, from
    ``articles`` matched on ``id``.

    By default only **day-precise** events (``day_events_only``) **within** ``window_days``
    (:data:`NEWS_WINDOW_DAYS`) **of the publication** count as reported news: a lag of
    ``-window_days`` (an event announced ahead) to ``+window_days``. Events dated further away are
    *background* (a 2019 treaty recalled in a 2023 article is not "reported 1,400 days late"): they
    are counted in ``background_events`` and left out of the lags. ``window_days=None`` counts every
    event (the old behaviour). Columns: ``<by>, events, median_lag_days, max_lag_days,
    background_events, articles`` (articles of the group behind the row); a group with background
    events only has 0 events and no lag. Sorted by median lag, groups without one last. The
    options are kept in ``attrs`` (``window_days``, ``day_events_only``, ``by_kind``: news told from
    background by the events' ``kind``, the window then unused) for the xlabel of
    :func:`newsframe.plots.lag_chart`.
    """
    cols = [by, "events", "median_lag_days", "max_lag_days", "background_events", "articles"]
    use = lags[~lags["coarse"].astype(bool)] if day_events_only else lags
    use = _groups.attach(use.dropna(subset=["lag_days"]), articles, by)
    if use.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs.update(window_days=window_days, day_events_only=day_events_only)
        return out
    use = use.assign(**{by: group_labels(use[by], by)}, lag_days=use["lag_days"].astype(float))
    by_kind = "kind" in use.columns
    if by_kind:   # events with their kind (event_kinds): lags of news events only
        news = use["kind"] == ROLE_NEWS
    else:
        news = use["lag_days"].abs() <= window_days if window_days is not None else pd.Series(True, index=use.index)
    names = sorted(set(use[by]))
    g = use[news].groupby(by)
    out = pd.DataFrame({
        "events": g["event_id"].nunique().reindex(names, fill_value=0).astype(int),
        "median_lag_days": g["lag_days"].median().reindex(names),
        "max_lag_days": g["lag_days"].max().reindex(names),
        "background_events": use[~news].groupby(by)["event_id"].nunique().reindex(names, fill_value=0).astype(int),
        "articles": use.groupby(by)["id"].nunique().reindex(names, fill_value=0).astype(int),
    }, index=pd.Index(names, name=by)).reset_index()
    out = out.sort_values("median_lag_days", kind="stable", na_position="last").reset_index(drop=True)[cols]
    out.attrs.update(window_days=None if by_kind else window_days, day_events_only=day_events_only, by_kind=by_kind)
    return out


def shared_events(events_df: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events that more than one article mentions: the ones to line up across outlets (or groups).

    With ``articles`` (holding the column ``by``: ``outlet``, ``country`` or any manifest column), a
    column ``groups`` lists the groups of ``by`` whose articles mention each event (from the ids of
    the evidence), unless :func:`events` added it already; ``outlets`` stays.
    """
    shared = events_df[events_df["n_articles"] > 1].reset_index(drop=True)
    if articles is None or "groups" in shared.columns:
        return shared
    lookup = _groups.attach(pd.DataFrame({"id": articles["id"].to_numpy()}), articles, by)
    group_of = dict(zip(lookup["id"], lookup[by]))
    where = shared.columns.get_loc("outlets") + 1 if "outlets" in shared.columns else len(shared.columns)
    shared.insert(where, "groups", [sorted({group_of.get(r["id"], _groups.NOT_STATED) for r in ev})
                                    for ev in shared["evidence"]] if len(shared) else pd.Series(dtype=object))
    return shared
