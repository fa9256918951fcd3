"""Who is cited: attributed sentences per group, by source type, country and reporting verb.

:func:`sources` keeps the attributed sentences of :func:`newsframe.framing.attributions`;
:func:`source_summary` counts them per group and source type with the share of anonymous sources;
:func:`verb_choices` counts reporting verbs by connotation (neutral ``said`` against loaded ``claimed``,
``admitted``); :func:`sources_by_country` counts sources
by their country. A grouping column of the same name as a column that describes the source
(``country``) is always taken from the articles (:data:`SOURCE_OWN_COLUMNS`).
"""
from __future__ import annotations

import pandas as pd

from .. import groups
from .attribution import SOURCE_TYPES


def sources(attr: pd.DataFrame) -> pd.DataFrame:
    """The attributed sentences only, one per row, with the source columns (from :func:`attributions`)."""
    cols = ["id", "outlet", "paragraph", "source", "source_person", "source_type", "country", "cue", "connotation",
            "text"]
    return attr[attr["attributed"]][cols].reset_index(drop=True)


# Columns of the per-sentence tables that describe the source or the quote, not the article: a
# grouping of the same name (by="country": the article's country) must come from the articles.
SOURCE_OWN_COLUMNS = ("country", "source_type", "source", "speaker", "cue", "kind")


def source_summary(attr: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: attributed sentences by source type, and the anonymous-source share.

    ``by`` is the article column that forms the groups (``outlet``, ``country``
    or a manifest column), taken from ``articles`` when they have it (so
    ``by="country"`` is the article's country, not the ``country`` of the
    source in ``attr``; see :func:`newsframe.groups.attach`). One row per group with attributed
    sentences: ``<by>, <source types...>, attributed, sentences,
    anonymous_share, articles`` (``articles``: articles of the group with body
    sentences).
    """
    attr = groups.attach_article_group(attr, articles, by, own=SOURCE_OWN_COLUMNS)
    a = attr[attr["attributed"]]
    if a.empty:
        return pd.DataFrame(columns=[by, *SOURCE_TYPES, "attributed", "sentences", "anonymous_share", "articles"])
    t = pd.crosstab(a[by], a["source_type"]).reindex(columns=SOURCE_TYPES, fill_value=0)
    t["attributed"] = t[SOURCE_TYPES].sum(axis=1)
    t["sentences"] = attr.groupby(by).size().reindex(t.index)
    t["anonymous_share"] = (t["anonymous"] / t["attributed"]).round(2)
    t["articles"] = attr.groupby(by)["id"].nunique().reindex(t.index)
    return t.reset_index()


def verb_choices(attr: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reporting verbs/phrases per group (``by``: the article column forming the groups, taken from
    ``articles`` when ``attr`` lacks it): counts, with the connotation of each verb."""
    attr = groups.attach_article_group(attr, articles, by, own=SOURCE_OWN_COLUMNS)
    a = attr[attr["attributed"]]
    if a.empty:
        return pd.DataFrame(columns=[by, "cue", "connotation", "n", "ids"])
    g = a.groupby([by, "cue", "connotation"]).agg(n=("text", "size"), ids=("id", lambda s: ", ".join(sorted(set(s)))))
    return g.reset_index().sort_values([by, "n"], ascending=[True, False]).reset_index(drop=True)


def sources_by_country(attr: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group x country of source: attributed sentences ("not stated" where the text does not tell).

    ``by`` is the article column forming the groups (the index), taken from
    ``articles`` when ``attr`` lacks it (``by="country"``: the article's
    country in the rows, the source's in the columns, named ``source
    country``); countries with the most sentences first.
    """
    source_country = attr["country"].fillna("not stated").rename("source country" if by == "country" else "country")
    attr = groups.attach_article_group(attr, articles, by, own=SOURCE_OWN_COLUMNS)
    a = attr[attr["attributed"]]
    if a.empty:
        return pd.DataFrame()
    t = pd.crosstab(a[by], source_country.loc[a.index])
    return t[t.sum().sort_values(ascending=False).index]
