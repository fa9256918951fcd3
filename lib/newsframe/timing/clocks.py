"""Three clocks per page: event time, publication time, capture time.

:func:`page_clocks` gives, for each article, the latest day-precise date its text refers to at or
before publication (what the story is about), its publication time (page header or dateline), and a
lower bound of when the page was saved: the latest full date in the material around the article (the
lines the cleaner removed, read with :func:`newsframe.reading.meta.parse_dates`). A page is
``saved_late`` when that bound is more than :data:`SAVED_LATE_DAYS` after publication: its
surroundings are not what its first readers saw.
"""
from __future__ import annotations

import re

import pandas as pd

from .events import as_date, granularity, period_start, timex_table
from .orientation import SAVED_LATE_DAYS


def page_clocks(articles: pd.DataFrame, lines: pd.DataFrame, *, timexes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Three clocks per page: event time, publication time, capture time.

    * event time: the latest day-precise date the article text refers to at or
      before publication (what the story is about);
    * publication time: from the page header or dateline (``published``);
    * capture time, bounded from below: the latest full date in the material
      *around* the article (sidebars, most-read lists, related headlines, the
      lines the cleaner removed). A page is ``saved_late`` when that bound is more
      than :data:`SAVED_LATE_DAYS` after publication: its surroundings are not what
      readers saw on the day.

    ``timexes`` is :func:`timex_table` of ``articles`` when already made.
    """
    from ..reading.meta import parse_dates  # dates with a year, as printed on pages

    tx = timex_table(articles) if timexes is None else timexes
    # each article's DATE values and surrounding lines, split once instead of filtered per article
    dates, around_lines = {}, {}
    date_rows = tx[tx["type"] == "DATE"]
    for aid, value in zip(date_rows["id"], date_rows["value"]):
        dates.setdefault(aid, []).append(value)
    sel = lines[~lines["label"].isin(["body", "blank", "headline", "meta"])]
    for aid, text in zip(sel["id"], sel["text"]):
        around_lines.setdefault(aid, []).append(text)
    rows = []
    for art in articles.itertuples():
        pub = as_date(art.published)
        days = [period_start(v) for v in dates.get(art.id, []) if granularity(v) == "day"]
        days = [d for d in days if pub is None or d <= pub]
        around = around_lines.get(art.id, [])
        found = [(d["timestamp"], t) for t in around for d in parse_dates(t)]
        found = [(as_date(ts), t) for ts, t in found]
        if not found:  # no full date around the article: a year in a headline is a weaker bound (1 January)
            found = [(pd.Timestamp(int(y), 1, 1), t) for t in around
                     for y in re.findall(r"\b(20\d\d|19\d\d)\b", t)]
        capture, evidence = max(found, key=lambda x: x[0]) if found else (None, None)
        late = (capture - pub).days if capture is not None and pub is not None else None
        rows.append({"id": art.id, "outlet": art.outlet, "event_time": max(days) if days else None,
                     "published": art.published, "captured_after": capture,
                     "capture_evidence": evidence.strip()[:100] if evidence else None,
                     "saved_late": bool(late is not None and late > SAVED_LATE_DAYS),
                     "days_between_publication_and_capture": late})
    return pd.DataFrame(rows, columns=["id", "outlet", "event_time", "published", "captured_after",
                                       "capture_evidence", "saved_late", "days_between_publication_and_capture"])
