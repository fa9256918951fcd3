"""How far back each outlet reaches, and "the first in N years" claims.

:func:`temporal_orientation` sorts each dated body sentence of an outlet (or group) as *past* (its
date ends more than :data:`NEWS_DAY_WINDOW_DAYS` before publication), *news day* or *future*, with the
share of undated sentences and the oldest year referred to: an outlet that explains by history reaches
further back. :func:`first_in_years_claims` resolves claims like "the first summit in 12 years" to the
year they imply (publication year minus N), so the gaps outlets count can be compared side by side.
"""
from __future__ import annotations

import re

import pandas as pd

from .. import groups as _groups
from ..text import sentence_spans
from .events import as_date, group_labels, period_start, timex_table


# --------------------------------------------------------------------------- orientation, clocks, claims
NEWS_DAY_WINDOW_DAYS = 3   # dates this close to the publication count as "the news day"
SAVED_LATE_DAYS = 30       # a page whose surroundings are this much newer was saved later


def temporal_orientation(articles: pd.DataFrame, *, timexes: pd.DataFrame | None = None,
                         by: str = "outlet") -> pd.DataFrame:
    """Per outlet (or group of ``by``): how far back it reaches and what its dated sentences are about.

    Each body sentence with a DATE is *past* (its date ends more than
    :data:`NEWS_DAY_WINDOW_DAYS` before publication), *news day* (within that
    window) or *future*; sentences without a date are *undated*. Columns:
    ``outlet, articles, sentences, past, news_day, future, undated`` (shares of
    sentences) and ``earliest_year`` (the oldest year a DATE refers to).

    ``by`` is the column of ``articles`` to compare by (``outlet``, ``country`` or any manifest
    column); the first column is named after it.
    """
    if by not in articles.columns:
        raise KeyError(f"by={by!r}: the articles have no such column; columns: {', '.join(articles.columns)}")
    tx = timex_table(articles) if timexes is None else timexes
    dates = tx[tx["type"] == "DATE"]
    dates_of: dict = {}   # id -> (value, start) of its DATEs: one pass, not one filter per article or sentence
    for aid, value, start in zip(dates["id"], dates["value"], dates["start"]):
        dates_of.setdefault(aid, []).append((value, start))
    group_of = (articles["outlet"] if by == "outlet"
                else pd.Series(_groups.clean_values(articles[by]).to_numpy(), index=articles.index))
    rows = []
    for art, group in zip(articles.itertuples(), group_of):
        pub = as_date(art.published)
        if pub is None or not isinstance(art.body, str):
            continue
        spans = sentence_spans(art.body)
        mine = dates_of.get(art.id, [])
        for s, e in spans:
            starts = [period_start(v) for v, st in mine if s <= st < e]
            starts = [d for d in starts if d is not None]
            if not starts:
                kind = "undated"
            else:
                d = min(starts, key=lambda x: abs((x - pub).days))
                delta = (d - pub.normalize()).days
                kind = "news_day" if abs(delta) <= NEWS_DAY_WINDOW_DAYS else ("past" if delta < 0 else "future")
            rows.append({"_group": group, "id": art.id, "kind": kind,
                         "year": min((x.year for x in starts), default=None)})
    cols = [by, "articles", "sentences", "past", "news_day", "future", "undated", "earliest_year"]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows)
    df["_group"] = group_labels(df["_group"], by)
    shares = pd.crosstab(df["_group"], df["kind"], normalize="index").reindex(
        columns=["past", "news_day", "future", "undated"], fill_value=0.0).round(2)
    out = shares.assign(articles=df.groupby("_group")["id"].nunique(), sentences=df.groupby("_group").size(),
                        earliest_year=df.groupby("_group")["year"].min())
    out = out.rename_axis(by).reset_index().rename_axis(columns=None)   # no "kind" over the header
    out["earliest_year"] = out["earliest_year"].astype("Int64")
    return out[cols].sort_values("earliest_year").reset_index(drop=True)


# "the first summit in 12 years", "have not met for 12 years", "hasn't won in a decade", "no talks for
# five years", "never ... in", "since ...": the cue word, then at most a few words before "in"/"for"
_FIRST_CLAIM = re.compile(r"\bfirst\b[^.]{0,50}$|\b(?:has|have|had|did|does|do|was|were|is|are|been|could|would)\s+"
                          r"(?:\w+\s+)?not\b[^.—–;]{0,60}\bfor\b|n[’']t\b[^.—–;]{0,60}\b(?:for|in)\b|\bno\b[^.—–;]{0,40}"
                          r"\bfor\b|\bnever\b|\bsince\b", re.I)
CLAIM_CHARS = 80   # the claim shown: this many characters before the duration, cut at a word


def _claim_text(left: str, duration: str) -> str:
    """The end of ``left`` (at most :data:`CLAIM_CHARS`, from a word start; "…" when cut) and the duration."""
    if len(left) <= CLAIM_CHARS:
        return (left + duration).strip()
    cut = left[-CLAIM_CHARS:]
    cut = cut[cut.find(" ") + 1:] if " " in cut else cut
    return "…" + (cut + duration).strip()


def first_in_years_claims(articles: pd.DataFrame, *, timexes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims like "the first summit in 12 years" or "have not met for 12 years", resolved to the
    year they imply (publication year minus N), so that claims across outlets can be compared.

    Columns: ``id, outlet, published, claim, years, implied_year, sentence``.
    """
    tx = timex_table(articles) if timexes is None else timexes
    rows = []
    for t in tx[tx["type"] == "DURATION"].itertuples():
        m = re.fullmatch(r"P(\d+(?:\.\d+)?)Y", t.value)
        if not m:
            continue
        idx = t.sentence.find(t.text)
        left = t.sentence[:idx] if idx >= 0 else t.sentence
        if not _FIRST_CLAIM.search(left[-120:]) or not re.search(r"\b(?:in|for)\s+(?:the\s+(?:past|last)\s+)?$", left[-25:]):
            continue
        pub = as_date(t.published)
        years = float(m.group(1))
        rows.append({"id": t.id, "outlet": t.outlet, "published": t.published,
                     "claim": _claim_text(left, t.text), "years": years,
                     "implied_year": None if pub is None else int(round(pub.year - years)),
                     "sentence": t.sentence})
    return pd.DataFrame(rows, columns=["id", "outlet", "published", "claim", "years", "implied_year", "sentence"])
