"""Each outlet in one line: spelling, name spellings, distinctive words, reused sentences.

:func:`outlet_digest` sums up the wording tables per outlet (or group) in plain words for the
notebook's preview: its spelling convention, the name spellings it uses where outlets differ, its most
distinctive words (key, over-used, not from one article only) and its reused sentences.
"""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

from .. import groups as _groups
from .sentences import articles_iter
from .spelling import spelling_summary


# ----------------------------------------------------------------------------- digest
def outlet_digest(articles, *, variants: pd.DataFrame, spellings: pd.DataFrame, key: pd.DataFrame,
                  aligned: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """One row per outlet: spelling convention, the name spellings it uses where outlets differ,
    its most distinctive words (key, over-used, not from one article only) and its reused sentences.

    ``by``: the article column to summarise per group instead (``country``, a
    manifest column): one row per group, the first column named after ``by``;
    ``key`` must then be :func:`keyness` made with the same ``by``. A name
    spelling counts for every group whose articles use it; a reused sentence
    for the group of either article. ``articles`` (last column) counts the
    group's articles.
    """
    if by == "outlet":
        labels = [o for _, o, _ in articles_iter(articles)]
        group_of = dict(zip(articles["id"], labels))
    else:
        group_of = _groups.group_by_id(articles, by)
        labels = [group_of.get(i, _groups.NOT_STATED) for i in articles["id"]]
        if not key.empty and by not in key.columns:
            raise KeyError(f"by={by!r}: the keyness table has no such column; make it with wording.keyness(..., by={by!r})")
    rows = []
    summ = spelling_summary(spellings, by=by, articles=articles).set_index(by) if not spellings.empty else pd.DataFrame()
    multi = variants
    if not variants.empty:  # groups written in at least two full spellings (not counting short forms, acronyms)
        full = variants[~variants["how"].isin(["short form", "acronym"])]
        n_full = full.groupby("group")["variant"].nunique()
        multi = full[full["group"].map(n_full) >= 2]
    spelled = defaultdict(set)   # group -> name spellings its articles use
    for r in (multi.itertuples() if not multi.empty else ()):
        for g in ({r.outlet} if by == "outlet" else
                  {group_of.get(i, _groups.NOT_STATED) for i in str(r.ids).split(", ") if i}):
            spelled[g].add(r.variant)
    if not aligned.empty and by != "outlet":
        aligned = aligned.assign(_group_a=aligned["a"].map(lambda i: group_of.get(i, _groups.NOT_STATED)),
                                 _group_b=aligned["b"].map(lambda i: group_of.get(i, _groups.NOT_STATED)))
    pair_cols = ("outlet_a", "outlet_b") if by == "outlet" else ("_group_a", "_group_b")
    for outlet, g in articles.assign(**{by: labels}).groupby(by):
        ids = sorted(g["id"])
        kv = key[(key[by] == outlet) & key["key"] & (key["direction"] == "over")] if not key.empty else key
        robust = kv[~kv["one_article_only"]] if not kv.empty else kv
        reused = aligned[(aligned[pair_cols[0]] == outlet) | (aligned[pair_cols[1]] == outlet)] if not aligned.empty else aligned
        rows.append({
            by: outlet, "ids": ", ".join(ids),
            "spelling": summ["convention"].get(outlet, "none met") if not summ.empty else "none met",
            "name spellings that differ": "; ".join(sorted(spelled.get(outlet, ()))),
            "key words (robust)": ", ".join(robust["term"].head(5)) if not robust.empty else "",
            "key words (one article)": ", ".join(kv[kv["one_article_only"]]["term"].head(5)) if not kv.empty else "",
            "reused sentences": len(reused),
            "articles": len(ids),
        })
    return pd.DataFrame(rows)
