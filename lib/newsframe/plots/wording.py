"""Figures of notebook 02 (wording differences): spelling, keyness, reuse, wire families.

:func:`spelling_chart` (British or American forms per group), :func:`keyness_chart` (each group's
most distinctive words, one panel per group, at most :data:`KEYNESS_MAX_PANELS`),
:func:`reuse_heatmap` (shared sentences between articles, for small corpora),
:func:`reuse_pairs_chart` (the most-reused article pairs, for large ones) and
:func:`wire_family_chart` (who published a shared text first and who followed).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .style import (MAX_COLORS, MAX_ROWS, OTHER_COLOR, PALETTE, bounded_figsize, group_label, group_plural, group_word,
    new_axes, outlet_colors, outlet_label, shorten, top_rows)


# --------------------------------------------------------------------------- wording differences (notebook 02)
BRITISH_COLOR, AMERICAN_COLOR = "#0072B2", "#D55E00"   # Okabe and Ito


KEYNESS_MAX_PANELS = 6   # keyness_chart: panels (groups) drawn at most; the full table goes to the CSV


def _group_noun(by: str) -> str:
    """How a figure names one group of the column ``by``: "outlet", "country", "outlet group"."""
    return str(by).replace("_", " ")


def spelling_chart(summary, *, by: str = "outlet", ax=None):
    """Bars per outlet (or group): British and American spellings used outside names.

    ``summary`` is :func:`newsframe.wording.spelling_summary`; ``by`` its group
    column. With more than :data:`MAX_ROWS` groups the largest keep a row and
    the others are summed in one ``other (N groups)`` row (:func:`top_rows`).
    """
    rows = top_rows(summary[[by, "n_british", "n_american"]].reset_index(drop=True), label_column=by,
                    noun="groups" if by != "outlet" else "outlets")
    fig, ax = new_axes(ax, figsize=(8, 0.6 * max(len(rows), 1) + 2))
    y = np.arange(len(rows))
    ax.barh(y - 0.2, rows["n_british"], height=0.4, color=BRITISH_COLOR, label="British (defence, colonisation)")
    ax.barh(y + 0.2, rows["n_american"], height=0.4, color=AMERICAN_COLOR, label="American (defense, colonization)")
    ax.set_yticks(y)
    ax.set_yticklabels([shorten(v, 30) for v in rows[by]])
    ax.invert_yaxis()
    ax.set_title(f"Which spelling convention does each {_group_noun(by)} write in?")
    ax.set_xlabel("words with a British or American spelling (names not counted)")
    ax.set_ylabel(by)
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


def _keyness_panels(table, by: str, max_panels: int) -> list:
    """The groups of a keyness table to draw: all (sorted) when few, else the ``max_panels`` with the
    most words (``words_outlet``; rows of the table without it), largest first."""
    names = sorted(table[by].unique(), key=str)
    if len(names) <= max_panels:
        return names
    size = (table.groupby(by)["words_outlet"].max() if "words_outlet" in table.columns
            else table.groupby(by).size()).astype(float)
    return sorted(names, key=lambda g: (-size.get(g, 0.0), str(g)))[:max_panels]


def keyness_chart(table, *, outlet: str | None = None, n: int = 6, ax=None, by: str = "outlet"):
    """Log ratio of the top key terms each way, one panel per outlet (or one ``outlet`` on ``ax``).

    ``table`` is :func:`newsframe.wording.keyness` (or its ``top_key_terms``, or
    :func:`~newsframe.wording.keyness_between`); ``by`` is its group column
    (``outlet`` names one group to draw). Bars right: used more by the group
    than the rest; left: less. The raw counts (group / rest) are written at
    each bar; hatched bars: the term is key only because of one article.
    At most :data:`KEYNESS_MAX_PANELS` panels (the groups with the most words;
    the suptitle says how many groups there are) and ``n`` at most
    ``MAX_ROWS // 2`` terms each way, in a figure of bounded size.
    """
    import pandas as pd

    from ..groups import lump

    n = max(1, min(int(n), MAX_ROWS // 2))
    outlets = [outlet] if outlet else _keyness_panels(table, by, KEYNESS_MAX_PANELS)
    n_groups = table[by].nunique()
    folded = not outlet and n_groups > len(outlets)
    if ax is None:
        fig, axes = plt.subplots(len(outlets) or 1, 1, squeeze=False,
                                 figsize=bounded_figsize(8, 2.2 * n / 3 * max(len(outlets), 1) + 1 + 0.4 * folded))
        axes = axes[:, 0]
    else:
        fig, axes = ax.figure, [ax]
    names = pd.Series(sorted(table[by].unique(), key=str), dtype=object)
    if len(names) > MAX_COLORS:   # colours for the largest groups only (the panels are among them)
        words = table.groupby(by)["words_outlet"].max() if "words_outlet" in table.columns else table.groupby(by).size()
        names = lump(names, keep=MAX_COLORS - 1, weights=[float(words.get(g, 0)) for g in names])
    colors = outlet_colors(names)
    noun = _group_noun(by)
    for o, a in zip(outlets, axes):
        t = table[table[by] == o]
        over = t[t["direction"] == "over"].nlargest(n, "g2")
        under = t[t["direction"] == "under"].nlargest(n, "g2")
        rows = over.sort_values("log_ratio").to_dict("records") + under.sort_values("log_ratio").to_dict("records")
        rows = sorted(rows, key=lambda r: r["log_ratio"])
        y = np.arange(len(rows))
        vals = [r["log_ratio"] for r in rows]
        bars = a.barh(y, vals, color=[colors.get(str(o), OTHER_COLOR) if v > 0 else "#BBBBBB" for v in vals])
        for bar, r in zip(bars, rows):
            if r.get("one_article_only"):
                bar.set_hatch("//")
            a.text(r["log_ratio"], bar.get_y() + bar.get_height() / 2, f" {r['n_outlet']}/{r['n_rest']} ",
                   va="center", ha="left" if r["log_ratio"] > 0 else "right", fontsize=7)
        a.set_yticks(y)
        a.set_yticklabels([shorten(r["term"], 30) for r in rows], fontsize=8)
        a.axvline(0, color="black", linewidth=0.8)
        if "reference" in t.columns and len(t):
            a.set_title(f"Which words set {shorten(o, 40)} apart from {shorten(t['reference'].iloc[0], 40)}?",
                        fontsize=10)
        elif by == "outlet":
            a.set_title(f"Which words set {shorten(o, 40)} apart from the other outlets?", fontsize=10)
        else:
            a.set_title(f"Which words set {shorten(o, 40)} apart from the other groups ({noun})?", fontsize=10)
        if "reference" in t.columns:
            a.set_xlabel("log ratio: log2(relative frequency in group / in reference group)\n"
                         "bar label: raw count group / reference group")
        else:
            a.set_xlabel("log ratio: log2(relative frequency in outlet / in rest)\nbar label: raw count outlet / rest"
                         if by == "outlet" else
                         "log ratio: log2(relative frequency in group / in rest)\nbar label: raw count group / rest")
        a.set_ylabel("term")
        a.grid(axis="y", visible=False)
    if folded:
        fig.suptitle(f"{n_groups} groups ({noun}): the {len(outlets)} with the most words are shown; "
                     "the full table is in the CSV", fontsize=9, x=0.01, ha="left")
        fig.tight_layout(rect=(0, 0, 1, 0.97))
    else:
        fig.tight_layout()
    return fig


def reuse_heatmap(matrix, *, ax=None, labels=None):
    """Article x article heatmap of reuse scores (:func:`newsframe.wording.reuse_matrix`).

    ``labels``: optional ``{id: label}`` for the ticks (e.g. outlet and short id).
    """
    n = max(matrix.shape[0], 1)
    fig, ax = new_axes(ax, figsize=(0.9 * n + 3, 0.8 * n + 2))
    vals = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(vals, np.nan)
    im = ax.imshow(vals, cmap="Oranges", vmin=0, vmax=max(0.2, float(np.nanmax(vals)) if np.isfinite(vals).any() else 1))
    names = [(labels or {}).get(i, str(i)[:10]) for i in matrix.index]
    ax.set_xticks(range(n))
    ax.set_xticklabels(names, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(n))
    ax.set_yticklabels(names, fontsize=8)
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            if i != j and vals[i, j] > 0:
                ax.text(j, i, f"{vals[i, j]:.2f}", ha="center", va="center", fontsize=8)
    ax.set_title("Which articles reuse the same sentences?")
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    ax.grid(False)
    fig.colorbar(im, ax=ax, label="reuse score (share of the shorter article)")
    return fig


# --------------------------------------------------------------------------- wire families (notebook 02)
MAX_PAIR_BARS = 20   # reuse_pairs_chart: article pairs drawn at most (the rest are in the table)


def _family_times(values):
    """Publication times for a date axis (zone-aware ones in UTC), ``None`` where undated."""
    import pandas as pd

    out = []
    for v in values:
        try:
            t = None if v is None or (isinstance(v, float) and np.isnan(v)) else pd.Timestamp(v)
        except (TypeError, ValueError):
            t = None
        out.append(None if t is None or pd.isna(t) else (t.tz_convert(None) if t.tzinfo else t))
    return out


def wire_family_chart(fam, *, by: str = "outlet", max_families: int = 8, ax=None):
    """One row per wire family (the ``max_families`` largest, at most :data:`MAX_ROWS`): a dot per
    member at its publication date, coloured by its group, the presumed source as a large ringed
    dot with a thin line from it across the family's span.

    ``fam`` is :func:`newsframe.wording.families.wire_families`; ``by`` the column of ``fam`` naming the
    groups (``outlet`` by default; ``fam`` made with the same ``by``). At most :data:`MAX_COLORS`
    colours: the groups with the fewest members drawn are one grey "other (N groups)". Members
    without a date are drawn as hollow dots at the right edge. The families not drawn are in the
    table (:func:`newsframe.wording.families.family_summary`); the title says how many there are.
    """
    import pandas as pd

    from ..groups import lump

    ids = list(dict.fromkeys(fam["family_id"])) if fam is not None and len(fam) else []
    shown = ids[:max(1, min(int(max_families), MAX_ROWS))]
    fig, ax = new_axes(ax, figsize=(10, 0.55 * max(len(shown), 1) + 2.4))
    if not shown:
        ax.text(0.5, 0.5, "no wire family: no two articles share reused sentences above the threshold",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    sub = fam[fam["family_id"].isin(shown)].sort_values(["family_id", "order"], key=lambda s: s.map(
        {f: k for k, f in enumerate(shown)}) if s.name == "family_id" else s).reset_index(drop=True)
    col = by if by in sub.columns else "outlet"
    names = sub[col].map(outlet_label) if col == "outlet" else sub[col]
    # colours for the groups with the most members drawn; ties: the group met first (F1 first)
    tie = [1.0 + (len(sub) - k) / (2.0 * len(sub) ** 2) for k in range(len(sub))]
    sub["nf_group"] = lump(names, keep=MAX_COLORS - 1, weights=tie, noun=group_plural(by)).to_numpy()
    sub["nf_time"] = pd.Series(_family_times(sub["published"]), index=sub.index, dtype=object)
    colors = outlet_colors(sub["nf_group"])
    times = [t for t in sub["nf_time"] if not pd.isna(t)]
    if not times:
        ax.text(0.5, 0.5, "no member of these families has a publication date:\nsee the table for the families",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    first, last = min(times), max(times)
    edge = last + max(last - first, pd.Timedelta(days=1)) * 0.06   # where undated members are drawn
    n_undated = 0
    for y, fid in enumerate(shown):
        g = sub[sub["family_id"] == fid]
        dated = [t for t in g["nf_time"] if not pd.isna(t)]
        src = g[g["presumed_source"].astype(bool) & g["nf_time"].notna()]
        if len(src) and dated:
            ax.plot([src["nf_time"].iloc[0], max(dated)], [y, y], color="#888888", linewidth=0.8, zorder=1)
        for k, r in enumerate(g.itertuples()):
            dy = ((k % 5) - 2) * 0.07 if len(g) > 1 else 0.0   # a little apart: same-day members stay visible
            color = colors[str(r.nf_group)]
            if pd.isna(r.nf_time):
                n_undated += 1
                ax.scatter([edge], [y + dy], s=40, facecolors="none", edgecolors=color, linewidths=1.2, zorder=2)
            elif r.presumed_source:
                ax.scatter([r.nf_time], [y], s=150, color=color, edgecolors="black", linewidths=1.5, zorder=2)
            else:
                ax.scatter([r.nf_time], [y + dy], s=40, color=color, edgecolors="white", linewidths=0.5, zorder=3)
    groups_drawn = sorted(dict.fromkeys(sub["nf_group"]), key=lambda v: (v.startswith("other (") or v == "(not stated)", v))
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colors[g], label=group_label(g)) for g in groups_drawn]
    ax.legend(handles=handles, title=group_word(by), bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([f"{fid} ({int(sub.loc[sub['family_id'] == fid, 'n_members'].iloc[0])} articles)"
                        for fid in shown], fontsize=8)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.invert_yaxis()
    if n_undated:
        ax.set_xlim(right=edge + (edge - first) * 0.03)
        ax.axvline(edge - (edge - last) * 0.5, color="#BBBBBB", linewidth=0.8, linestyle=":")
    more = (f"\n(the {len(shown)} largest of {len(ids)} families; all are in the family table)"
            if len(ids) > len(shown) else "")
    ax.set_title("Which articles carry the same copy, and which came first?" + more)
    ax.set_xlabel("publication date (large ringed dot: presumed source, the earliest dated member"
                  + ("; hollow dots at the right: undated" if n_undated else "") + ")")
    ax.set_ylabel("wire family")
    ax.grid(axis="y", visible=False)
    fig.autofmt_xdate()
    return fig


def reuse_pairs_chart(ranked, *, top: int = MAX_PAIR_BARS, ax=None):
    """Bars: the reuse score of the ``top`` best article pairs (at most :data:`MAX_ROWS`), labelled
    earlier -> later, with the shared sentences written at each bar: the heatmap's replacement
    for a large corpus.

    ``ranked`` is :func:`newsframe.wording.families.ranked_pairs`; the rest of the pairs are in it.
    """
    n_all = 0 if ranked is None else len(ranked)
    rows = ranked.head(max(1, min(int(top), MAX_ROWS))) if n_all else ranked
    fig, ax = new_axes(ax, figsize=(9, 0.4 * max(n_all and len(rows), 1) + 2.2))
    if not n_all:
        ax.text(0.5, 0.5, "no two articles share reused sentences above the threshold", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig

    def side(r, which):
        return f"{shorten(outlet_label(getattr(r, 'outlet_' + which)), 22)} {str(getattr(r, which))[:8]}"

    labels = [f"{side(r, 'b')} -> {side(r, 'a')}" if r.direction == "b -> a"
              else f"{side(r, 'a')} {'->' if r.direction == 'a -> b' else '?'} {side(r, 'b')}"
              for r in rows.itertuples()]
    y = np.arange(len(rows))
    ax.barh(y, rows["score"], color=PALETTE[0])
    for k, r in enumerate(rows.itertuples()):
        ax.text(r.score, k, f" {r.shared_sentences} sentences ({r.n_verbatim} verbatim)", va="center", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, max(float(rows["score"].max()), 0.2) * 1.35)
    more = f"\n(the {len(rows)} best of {n_all} pairs; all are in the table)" if n_all > len(rows) else ""
    ax.set_title("Which article pairs share the most sentences?" + more)
    ax.set_xlabel("reuse score (aligned sentence similarity over the shorter article's sentences)")
    ax.set_ylabel("article pair (earlier -> later; ? = dates cannot tell)")
    ax.grid(axis="y", visible=False)
    return fig
