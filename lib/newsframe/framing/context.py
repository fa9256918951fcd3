"""Page context: what each outlet placed around the article.

The cleaner keeps the lines it removed in the line audit, labelled (tickers, related and featured
headlines, "read also" teasers). :func:`page_context` sorts those lines into topics
(``data/page_context_topics.csv``) and marks which are the same story as the article (at least
:data:`SAME_STORY_MIN_SHARED` shared content words), kept apart from the article itself: what a reader
saw beside a story frames it too.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from .. import groups
from ..resources import read_table
from ..text import content_words, normalize
from .lexicons import cue_regex
from .sentences import articles_iter

SAME_STORY_MIN_SHARED = 3   # content words a page-context line must share with the article to be "same story"
CONTEXT_LABELS = ("ticker", "related", "read_also", "teaser")


# ----------------------------------------------------------------- page context
@lru_cache(maxsize=1)
def _context_topics():
    lex: dict[str, list[str]] = {}
    for r in read_table("page_context_topics.csv"):
        lex.setdefault(r["topic"], []).append(r["cue"])
    return lex


def page_context(lines: pd.DataFrame, articles: pd.DataFrame, *, labels=CONTEXT_LABELS) -> pd.DataFrame:
    """The lines each page placed around the article (tickers, related and featured headlines) with a topic.

    One row per distinct line: ``id, outlet, label, topic, same_story, text``.
    ``same_story`` is True when the line shares at least
    :data:`SAME_STORY_MIN_SHARED` content words with the article body. These
    lines are NOT part of the article; they show what else the outlet put in
    front of the reader.
    """
    topics = list(_context_topics())
    order = {t: i for i, t in enumerate(topics)}
    patterns = [(t, [re.compile(cue_regex(c)) for c in _context_topics()[t]]) for t in topics]  # (once, not per line)
    rows = []
    if lines is None or lines.empty:
        return pd.DataFrame(columns=["id", "outlet", "label", "topic", "same_story", "text"])
    outlets = {a.id: a.outlet for a in articles_iter(articles)}
    bodies = {i: set(content_words(b if isinstance(b, str) else "")) for i, b in zip(articles["id"], articles["body"])}
    sel = lines[lines["label"].isin(labels)].drop_duplicates(["id", "text"])
    for r in sel.itertuples(index=False):
        text = str(r.text).strip(" •*·-\t")
        if len(re.findall(r"[A-Za-z]{2,}", text)) < 3:
            continue
        # "InternationalSouth Korea ...": split a category glued to the headline
        low = normalize(re.sub(r"([a-z])([A-Z])", r"\1 \2", text), lower=True)
        topic = next((t for t, pats in patterns if any(p.search(low) for p in pats)), "other")
        shared = set(content_words(text)) & bodies.get(r.id, set())
        rows.append({"id": r.id, "outlet": outlets.get(r.id, ""), "label": r.label, "topic": topic,
                     "same_story": len(shared) >= SAME_STORY_MIN_SHARED, "text": text})
    out = pd.DataFrame(rows, columns=["id", "outlet", "label", "topic", "same_story", "text"])
    return out.sort_values(["outlet", "id", "label"], key=lambda s: s.map(order) if s.name == "topic" else s).reset_index(drop=True)


def page_context_summary(context: pd.DataFrame, *, by: str = "outlet",
                         articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group and topic: how many surrounding lines, of which labels, and two examples.

    ``by`` is the article column forming the groups, taken from ``articles`` when ``context`` lacks it.
    """
    if context.empty:
        return pd.DataFrame(columns=[by, "topic", "lines", "labels", "examples"])
    context = groups.attach_article_group(context, articles, by)
    g = context.groupby([by, "topic"]).agg(lines=("text", "size"),
                                           labels=("label", lambda s: ", ".join(f"{k} ({v})" for k, v in Counter(s).most_common())),
                                           examples=("text", lambda s: " | ".join(list(s)[:2])))
    return g.reset_index().sort_values([by, "lines"], ascending=[True, False]).reset_index(drop=True)


def page_context_counts(context: pd.DataFrame, *, by: str = "outlet",
                        articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group x topic: number of distinct lines placed around the article (for a stacked bar chart).

    ``by`` is the article column forming the groups (the index), taken from ``articles`` when ``context`` lacks it.
    """
    if context.empty:
        return pd.DataFrame()
    context = groups.attach_article_group(context, articles, by)
    return pd.crosstab(context[by], context["topic"])
