"""Figures of notebook 00 (what is in the corpus): what the cleaner did with each group's lines.

:func:`line_labels_chart` shows, per group, the share of the lines the cleaner labelled body,
navigation, related, ads ... (the line audit of :func:`newsframe.load_corpus`), the top groups by
articles when there are more than a chart can show.
"""
from __future__ import annotations

from .style import LABEL_COLORS, MAX_ROWS, group_plural, group_word, new_axes, shorten, top_rows

# the cleaner's 16 line labels in 11 families, so that the chart keeps to MAX_COLORS colours
LABEL_FAMILIES = {
    "body": "body", "headline": "headline / teaser / meta", "teaser": "headline / teaser / meta",
    "meta": "headline / teaser / meta", "navigation": "navigation / ui", "ui": "navigation / ui",
    "related": "related / read_also / ticker", "read_also": "related / read_also / ticker",
    "ticker": "related / read_also / ticker", "ad": "ad", "disclaimer": "disclaimer", "caption": "caption",
    "tags": "tags", "duplicate": "duplicate", "comment": "comment",
}


# --------------------------------------------------------------------------- corpus
def line_labels_chart(counts, *, ax=None, groups=None):
    """Stacked horizontal bars: how many lines of each article got each label.

    ``counts`` is :func:`newsframe.reading.corpus.label_counts` (articles x labels); the labels are
    drawn in :data:`LABEL_FAMILIES` (at most :data:`MAX_COLORS` colours). With at most
    :data:`MAX_ROWS` articles there is one bar per article (numbers of lines). With more, one bar
    per **group**: ``groups`` is an optional Series (or dict) article id -> group, e.g.
    ``articles.set_index("id")[by]``, whose name (if any) labels the axis; the label counts of a
    group's articles are summed and drawn as **shares of its lines**, so large and small groups
    compare, at most :data:`MAX_ROWS` bars (the smallest groups summed into "other (N groups)").
    Without ``groups`` the many articles are drawn as one bar, "all articles".
    """
    import pandas as pd

    from ..groups import clean_values

    if len(counts) == 0 or counts.shape[1] == 0:
        fig, ax = new_axes(ax, figsize=(9, 3))
        ax.text(0.5, 0.5, "no labelled lines to show", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    family = [LABEL_FAMILIES.get(c, "other") for c in counts.columns]
    order = list(dict.fromkeys(LABEL_FAMILIES.get(c, "other") for c in [*LABEL_FAMILIES, *counts.columns]))
    counts = counts.T.groupby(family, sort=False).sum().T
    counts = counts[[f for f in order if f in counts.columns]]   # at most MAX_COLORS families
    by_group = len(counts) > MAX_ROWS
    table, ylabel = counts, "article"
    if by_group:
        if groups is None:
            names = pd.Series("all articles", index=counts.index)
            name = None
        else:
            g = groups if isinstance(groups, pd.Series) else pd.Series(groups)
            name = g.name if isinstance(g.name, str) else None
            names = pd.Series(clean_values(g.reindex(counts.index)).to_numpy(), index=counts.index)
        articles = names.value_counts()
        table = counts.groupby(names.to_numpy()).sum()
        table = table.loc[sorted(table.index, key=lambda k: (-articles[k], str(k)))]
        table = top_rows(table.assign(_articles=articles.reindex(table.index).to_numpy()), n=MAX_ROWS,
                         weight="_articles", noun=group_plural(name) if name else "groups")
        articles, table = table.pop("_articles").astype(int), table.astype(float)
        table = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
        table.index = [f"{shorten(i, 30)} ({n:,} article{'s' if n != 1 else ''})" for i, n in zip(table.index, articles)]
        ylabel = group_word(name) if name else ("group" if groups is not None else "articles")
    fig, ax = new_axes(ax, figsize=(9, 0.6 * len(table) + 2))
    left = None
    for label in table.columns:
        vals = table[label].to_numpy()
        first = next((k for k, f in LABEL_FAMILIES.items() if f == label), label)   # a family takes its first label's colour
        ax.barh(table.index.astype(str), vals, left=left, color=LABEL_COLORS.get(first, "#DDDDDD"), label=label,
                edgecolor="white", linewidth=0.5)
        left = vals if left is None else left + vals
    ax.invert_yaxis()
    ax.set_title("What did each page contain besides the article?" if not by_group
                 else f"What did the pages contain besides the article? ({len(counts):,} articles)")
    ax.set_xlabel("number of non-empty lines" if not by_group else "share of non-empty lines (summed over the articles)")
    ax.set_ylabel(ylabel)
    ax.legend(title="label", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig
