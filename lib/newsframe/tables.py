"""Tables for readers: the top rows on screen, the whole table in a CSV file.

A report on 5,000 articles cannot print a table of 80,000 attributions. Every
table a notebook shows goes through :func:`show`: the full table is written to
``tables_dir/<name>.csv`` (for a spreadsheet or pandas), and the notebook shows
its first rows, sorted, with one line saying how many rows there are and where
the rest is. Per-article views (the removed lines of one article, the
sentences of a few articles) pick their articles with :func:`sample_articles`,
a seeded sample that gives every group a turn, so the same corpus shows the
same articles on every run.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

SHOW_ROWS = 15          # rows of a table shown in a notebook or report
SAMPLE_SEED = 0         # the seed of sample_articles
CELL_WIDTH = 160        # characters of a text cell shown (the CSV keeps the whole text)


class TablePreview:
    """The first rows of a table and a line saying how many there are (shown by Jupyter).

    ``table`` holds the rows shown, ``total`` the rows of the full table, ``path`` its CSV file.
    """

    def __init__(self, table: pd.DataFrame, total: int, path: Path | None, note: str = "", empty_note: str = ""):
        self.table, self.total, self.path, self.note, self.empty_note = table, total, path, note, empty_note

    def caption(self) -> str:
        where = f" The full table is in `{self.path.name}`." if self.path is not None else ""
        if self.total == 0:
            return (self.empty_note or self.note or "This table is empty.") + where
        shown = (f"All {self.total:,} rows." if len(self.table) >= self.total
                 else f"The first {len(self.table):,} of {self.total:,} rows.")
        return f"{shown}{where}" + (f" {self.note}" if self.note else "")

    def _repr_html_(self) -> str:
        cap = html.escape(self.caption()).replace("`", "")
        body = self.table.to_html(index=False, escape=True, na_rep="") if self.total else ""
        return f'<p class="newsframe-table-note"><i>{cap}</i></p>{body}'

    def __repr__(self) -> str:
        return self.caption() + ("\n" + self.table.to_string(index=False) if self.total else "")

    def __len__(self) -> int:
        return self.total


def _short(value, width: int):
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1].rstrip() + "…"
    return value


def show(table: pd.DataFrame, name: str | None = None, *, tables_dir=None, n: int = SHOW_ROWS, columns=None,
         sort_by=None, ascending=False, note: str = "", empty_note: str = "", width: int = CELL_WIDTH) -> TablePreview:
    """Write ``table`` to ``tables_dir/<name>.csv`` (when both are given) and return its first ``n`` rows.

    ``sort_by`` (a column or list) sorts before the cut, ``ascending`` as in pandas; ``columns``
    picks the columns shown (the CSV has them all); long text cells are cut to ``width``
    characters on screen. ``note``: a sentence added to the caption (also shown for an empty table);
    ``empty_note``: the sentence shown instead of the rows when the table is empty ("No quotation marks
    in the article bodies."), never beside rows.
    """
    path = None
    if tables_dir is not None and name:
        path = Path(tables_dir) / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False)
    view = table
    if sort_by is not None and len(view):
        view = view.sort_values(sort_by, ascending=ascending, kind="stable")
    if columns is not None:
        view = view[[c for c in columns if c in view.columns]]
    view = view.head(n).copy()
    view.columns.name = None   # a crosstab's column-axis name ("source_type") is no header of its own
    for c in view.columns:
        if view[c].dtype == object or pd.api.types.is_string_dtype(view[c]):
            view[c] = view[c].map(lambda v: _short(v, width))
    return TablePreview(view.reset_index(drop=True), len(table), path, note, empty_note)


def sample_articles(articles: pd.DataFrame, n: int = 5, *, by: str = "outlet", seed: int = SAMPLE_SEED) -> list[str]:
    """``n`` article ids, the same on every run: every group in turn (largest group first), a seeded
    random article of each, until ``n``; all ids (in table order) when the corpus has ``n`` or fewer.

    To look at any other article, pass its id where a notebook asks for ``article_to_inspect``.
    """
    if len(articles) <= n:
        return list(articles["id"])
    from .groups import clean_values

    groups = clean_values(articles[by]) if by in articles.columns else pd.Series([""] * len(articles))
    frame = pd.DataFrame({"id": articles["id"].to_numpy(), "group": groups.to_numpy()})
    shuffled = frame.sample(frac=1.0, random_state=seed)
    sizes = frame["group"].value_counts()
    order = sorted(sizes.index, key=lambda g: (-sizes[g], g))
    queues = {g: list(shuffled.loc[shuffled["group"] == g, "id"]) for g in order}
    picked: list[str] = []
    while len(picked) < n:
        for g in order:
            if queues[g] and len(picked) < n:
                picked.append(queues[g].pop(0))
    return picked


def sample_corpus(articles: pd.DataFrame, n: int, *, by: str = "outlet", seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """The articles an analysis that compares every pair can afford: all of them when there are ``n`` or
    fewer, else the ``n`` of :func:`sample_articles` (every group in turn, seeded), in table order.

    The result's ``attrs["sampled_from"]`` holds the number of articles it was drawn from.
    """
    if len(articles) <= n:
        out = articles
    else:
        out = articles[articles["id"].isin(set(sample_articles(articles, n, by=by, seed=seed)))]
    out.attrs["sampled_from"] = len(articles)
    return out
