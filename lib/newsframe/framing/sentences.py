"""The spans every framing measure reads: articles, sentences, paragraphs and quotation marks.

:func:`articles_iter` gives one row per article with an outlet label (``outlet unknown (id)`` when the
loader could not tell); :func:`body_sentences` (from the shared text layer,
:func:`newsframe.text.body_sentences`) gives a body's sentences with paragraph numbers and character
offsets, or takes them from the corpus's sentence table (``sentences=``); :func:`paragraphs` splits at line
breaks. :func:`quote_spans` finds the spans between double quotes (straight or curly: the shared text
layer makes them straight), single quotes nested inside them, and a quote left open at the end of a
paragraph, the news convention for a quote that goes on in the next paragraph.
"""
from __future__ import annotations

import re

import pandas as pd

from ..text import body_sentences, normalize  # noqa: F401  (body_sentences: public here too, as before)


# ----------------------------------------------------------------- sentences
UNKNOWN_OUTLET = "outlet unknown ({id})"  # label for an article whose outlet the loader could not tell


def articles_iter(articles):
    if isinstance(articles, str):
        articles = pd.DataFrame({"id": ["text"], "outlet": [""], "body": [articles]})
    if "outlet" not in articles.columns:
        articles = articles.assign(outlet="")
    for row in articles.itertuples(index=False):
        outlet = row.outlet if isinstance(row.outlet, str) and row.outlet.strip() else UNKNOWN_OUTLET.format(id=row.id)
        yield row._replace(outlet=outlet)


# ----------------------------------------------------------------- quotations (spans)
def quote_spans(paragraph: str) -> list[dict]:
    """Quoted spans in one paragraph: dicts ``start, end`` (inside the marks), ``level`` (1 or 2 = nested).

    Double quotes (straight or curly) pair up in order; a quote left open at the
    end of the paragraph runs to its end. Single quotes count as quote marks
    when they open after a space or start and close before a non-letter
    (so ``Japan's`` is no quote); inside a double quote they are nested quotes.
    """
    p = normalize(paragraph)
    spans = []
    marks = [m.start() for m in re.finditer(r'"', p)]
    for i in range(0, len(marks), 2):
        s = marks[i] + 1
        e = marks[i + 1] if i + 1 < len(marks) else len(p)
        if p[s:e].strip():   # (a mark alone at the paragraph's end, or "", quotes nothing)
            spans.append({"start": s, "end": e, "level": 1})
    inside = lambda a, b: next((sp for sp in spans if sp["level"] == 1 and sp["start"] <= a and b <= sp["end"]), None)
    for m in re.finditer(r"(?<![\w])'(?=\w)([^'\n]{1,200}?[\w.,!?])'(?![\w])", p):
        s, e = m.start(1), m.end(1)
        outer = inside(s, e)
        if outer is None and any(sp["start"] - 1 <= m.start() < sp["end"] + 1 for sp in spans):
            continue
        spans.append({"start": s, "end": e, "level": 2 if outer else 1})
    return sorted(spans, key=lambda d: (d["start"], d["level"]))


def mask_quotes(text: str, spans) -> str:
    chars = list(text)
    for sp in spans:
        if sp["level"] == 1:
            for k in range(sp["start"], sp["end"]):
                if chars[k] != "\n":
                    chars[k] = "~"
    return "".join(chars)


# ----------------------------------------------------------------- wire dependence
def paragraphs(body: str) -> list[tuple[int, int, str]]:
    """Body paragraphs as (start, end, text); paragraphs are separated by blank lines."""
    body = body if isinstance(body, str) else ""
    out, pos = [], 0
    for chunk in re.split(r"(\n\s*\n)", body):
        if chunk.strip() and not re.fullmatch(r"\n\s*\n", chunk):
            out.append((pos, pos + len(chunk), chunk))
        pos += len(chunk)
    return out
