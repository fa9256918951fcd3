"""Line classifier for raw web-page text dumps (placeholder: to be replaced).

Contract used by :mod:`newsframe.corpus`:

* ``classify_lines(lines, *, site_boilerplate=frozenset()) -> DataFrame`` with
  columns ``line_no`` (1-based), ``text``, ``label``, ``reason``; one row per
  input line, in order.
* ``assemble_body(line_table) -> str``: body paragraphs joined by blank lines.
"""
from __future__ import annotations

import pandas as pd

LABELS = (
    "body", "headline", "teaser", "meta", "navigation", "ticker", "related",
    "read_also", "ad", "disclaimer", "caption", "tags", "ui", "duplicate",
    "comment", "blank", "other",
)


def classify_lines(lines, *, site_boilerplate=frozenset()):
    rows = []
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if not s:
            label, reason = "blank", "empty line"
        elif len(s.split()) >= 10 and s[-1] in '.!?"\u201d':
            label, reason = "body", "long line ending in sentence punctuation"
        else:
            label, reason = "other", "short or unpunctuated line"
        rows.append((i, ln, label, reason))
    return pd.DataFrame(rows, columns=["line_no", "text", "label", "reason"])


def assemble_body(line_table) -> str:
    return "\n\n".join(t.strip() for t in line_table.loc[line_table["label"] == "body", "text"])
