"""Spelling conventions: British or American forms per group.

:func:`spelling_conventions` counts the British and American forms of ``data/spelling_pairs.csv`` per
article; a capitalised form inside a name ("Ministry of National Defense") is counted apart, because
names keep their own spelling. :func:`spelling_summary` gives the British and American forms each group
uses outside names and the convention they point to.
"""
from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache

import pandas as pd

from .. import groups as _groups
from .. import text as nftext
from ..resources import read_table
from .sentences import articles_iter


def _spelling_pairs():
    return _spelling_pairs_cached(os.environ.get("NEWSFRAME_DATA", ""))


# ----------------------------------------------------------------------------- spelling
@lru_cache(maxsize=4)
def _spelling_pairs_cached(env: str) -> tuple[tuple[str, str], ...]:
    return tuple((r["british"].lower(), r["american"].lower()) for r in read_table("spelling_pairs.csv"))


def spelling_conventions(articles, *, by: str = "outlet") -> pd.DataFrame:
    """British vs American spellings per article: one row per (article, word pair) met.

    Columns ``id, outlet, british, american, n_british, n_american,
    in_names`` (capitalised forms inside a name, e.g. "Ministry of National
    Defense", counted apart because names keep their own spelling).
    ``by``: an article column (``country``, a manifest column) to carry on
    each row after ``outlet``, so :func:`spelling_summary` can sum per group.
    """
    pairs = _spelling_pairs()
    form_of = {}
    for br, am in pairs:
        form_of[br] = (br, am, "british")
        form_of[am] = (br, am, "american")
    rows = []
    for aid, outlet, body in articles_iter(articles):
        counts = Counter()
        names = Counter()
        for s, e in nftext.token_spans(body):
            tok = body[s:e]
            for part in tok.split("-"):
                lo = part.lower()
                if lo in form_of:
                    br, am, side = form_of[lo]
                    sent_start = s == 0 or body[max(0, s - 2):s].strip() in ("", ".", '"')
                    if part[0].isupper() and not sent_start:
                        names[(br, am)] += 1
                    else:
                        counts[(br, am, side)] += 1
        for br, am in sorted({(b, a) for b, a, _ in counts} | set(names)):
            rows.append({"id": aid, "outlet": outlet, "british": br, "american": am,
                         "n_british": counts[(br, am, "british")], "n_american": counts[(br, am, "american")],
                         "in_names": names[(br, am)]})
    cols = ["id", "outlet", "british", "american", "n_british", "n_american", "in_names"]
    out = pd.DataFrame(rows, columns=cols)
    if by == "outlet":
        return out
    return _groups.attach(out, articles, by)[cols[:2] + [by] + cols[2:]]


def spelling_summary(spellings: pd.DataFrame, *, by: str = "outlet",
                     articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per outlet (or group): British and American forms used (outside names) and the convention they point to.

    ``by``: the article column to group by (default ``outlet``); taken from
    ``articles`` (by ``id``) when ``spellings`` does not carry it. The first
    column is named after ``by``; ``articles`` counts the group's articles in
    which a spelling pair was met.
    """
    cols = [by, "n_british", "n_american", "british_words", "american_words", "convention", "ids", "articles"]
    if spellings.empty:
        return pd.DataFrame(columns=cols)
    spellings = _groups.attach(spellings, articles, by)
    rows = []
    for group, g in spellings.groupby(by):
        nb, na = int(g["n_british"].sum()), int(g["n_american"].sum())
        conv = "British" if nb > na else "American" if na > nb else "mixed / none"
        if nb and na:
            conv += " (mixed)"
        rows.append({by: group, "n_british": nb, "n_american": na,
                     "british_words": ", ".join(sorted(set(g.loc[g["n_british"] > 0, "british"]))),
                     "american_words": ", ".join(sorted(set(g.loc[g["n_american"] > 0, "american"]))),
                     "convention": conv, "ids": ", ".join(sorted(set(g["id"]))), "articles": int(g["id"].nunique())})
    return pd.DataFrame(rows, columns=cols)
