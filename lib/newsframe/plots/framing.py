"""Figures of notebook 01 (source framing): who speaks, which frame, what tone.

:func:`sources_by_type_chart`, :func:`speech_types_chart` and :func:`sources_by_country_chart` stack
each group's attributed sentences by source type, speech kind and source country;
:func:`frame_heatmap` is the group x frame salience table; :func:`tone_by_target_chart` the tone each
group takes toward each country or leader; :func:`page_context_chart` what each group placed around
its articles. Groups and categories past :data:`~newsframe.plots.style.MAX_COLORS` are folded into
one "other" row or column, so the charts stay readable on large corpora.
"""
from __future__ import annotations

import numpy as np

from .style import (MAX_COLORS, MAX_ROWS, SOURCE_LABEL_WIDTH, group_label, group_plural, group_word, new_axes,
    outlet_colors, shorten, top_rows)


# --------------------------------------------------------------------------- source framing (notebook 01)
# One colour per source type (Okabe and Ito palette), fixed across figures.
SOURCE_TYPE_COLORS = {
    "head_of_state": "#0072B2", "official": "#56B4E9", "anonymous": "#D55E00",
    "wire_outlet": "#E69F00", "document": "#009E73", "other": "#BBBBBB",
}
TOPIC_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#BBBBBB"]
MAX_TARGETS = 20           # rows (countries, people) of tone_by_target_chart: those named in most sentences
MAX_DOT_SENTENCES = 15     # tone_by_target_chart: dot sizes grow with sentences up to this, then are scaled
FOLDED_COLOR = "#DDDDDD"   # the folded "other (N ...)" segment of a stacked bar


def _fold_columns(table, *, noun: str, keep: int = MAX_COLORS - 1):
    """``table`` with at most ``keep + 1`` columns: the ``keep`` with the largest sums, in their order, and
    one column ``other (N <noun>)`` summing the rest (a legend of at most :data:`MAX_COLORS` entries)."""
    from ..groups import lump

    if table.shape[1] <= keep + 1:
        return table
    names = list(lump([str(c) for c in table.columns], keep=keep, weights=table.sum().to_numpy(), noun=noun))
    kept = [c for c, n in zip(table.columns, names) if n == str(c)]
    folded = [c for c, n in zip(table.columns, names) if n != str(c)]
    out = table[kept].copy()
    out[names[list(table.columns).index(folded[0])]] = table[folded].sum(axis=1)
    return out


def _stacked_barh(ax, table, colors, *, legend_title):
    """Stacked horizontal bars, one row per index entry (names cut to :data:`SOURCE_LABEL_WIDTH`);
    returns the row totals. Callers fold rows (:func:`top_rows`) and columns (:func:`_fold_columns`) first."""
    left = np.zeros(len(table))
    ypos = np.arange(len(table))
    for i, col in enumerate(table.columns):
        vals = table[col].to_numpy(dtype=float)
        color = colors.get(col) if isinstance(colors, dict) else colors[i % len(colors)]
        ax.barh(ypos, vals, left=left, color=color, label=str(col), edgecolor="white", linewidth=0.5)
        left += vals
    ax.set_yticks(ypos)
    ax.set_yticklabels([group_label(x) for x in table.index])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.legend(title=legend_title, bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return left


def sources_by_type_chart(summary, *, ax=None, labels=None, by: str = "outlet"):
    """Stacked bars: attributed sentences per group by source type, anonymous share written at the end.

    ``summary`` is :func:`newsframe.framing.source_summary`; ``by`` its group
    column. With more than :data:`MAX_ROWS` groups, the groups with the fewest
    attributed sentences are summed into one row ``other (N groups)``.
    """
    from ..framing import SOURCE_TYPE_LABELS, SOURCE_TYPES
    t = summary.set_index(by)[[*SOURCE_TYPES, "attributed"]]
    share = summary.set_index(by)["anonymous_share"]
    t = top_rows(t, weight="attributed", noun=group_plural(by))
    shares = [share[g] if g in share.index else (t.loc[g, "anonymous"] / t.loc[g, "attributed"] if t.loc[g, "attributed"] else 0.0)
              for g in t.index]
    t = t[SOURCE_TYPES]
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(t), 1) + 2))
    t.columns = [(labels or SOURCE_TYPE_LABELS)[c] for c in SOURCE_TYPES]
    colors = {(labels or SOURCE_TYPE_LABELS)[k]: v for k, v in SOURCE_TYPE_COLORS.items()}
    totals = _stacked_barh(ax, t, colors, legend_title="source type")
    for y, (tot, sh) in enumerate(zip(totals, shares)):
        ax.text(tot + 0.01 * max(totals.max(), 1), y, f"{sh:.0%} anonymous", va="center", fontsize=8)
    ax.set_xlim(0, max(totals.max(), 1) * 1.25)  # room for the labels
    ax.set_title(f"Who speaks in each {group_word(by)}? Attributed sentences by type of source")
    ax.set_xlabel("attributed body sentences")
    ax.set_ylabel(by)
    return fig


SPEECH_TYPE_COLORS = {"direct (own words)": "#1b7837", "mixed (quoted fragments)": "#a6dba0",
                      "indirect (paraphrased)": "#9970ab"}


def speech_types_chart(summary, *, ax=None, by: str = "outlet"):
    """Stacked bars: attributions per group told in the source's own words (direct), with quoted fragments
    (mixed) or paraphrased (indirect); the direct share written at the end of each bar.

    ``summary`` is :func:`newsframe.framing.speech_by_group`. With more than :data:`MAX_ROWS` groups, the
    groups with the fewest attributions are summed into one row ``other (N groups)``.
    """
    t = summary.set_index(by)[["direct", "mixed", "indirect", "attributions"]]
    t = top_rows(t, weight="attributions", noun=group_plural(by))
    shares = [t.loc[g, "direct"] / t.loc[g, "attributions"] if t.loc[g, "attributions"] else 0.0 for g in t.index]
    t = t[["direct", "mixed", "indirect"]]
    t.columns = list(SPEECH_TYPE_COLORS)
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(t), 1) + 2))
    totals = _stacked_barh(ax, t, SPEECH_TYPE_COLORS, legend_title="how it is reported")
    for y, (tot, sh) in enumerate(zip(totals, shares)):
        ax.text(tot + 0.01 * max(totals.max(), 1), y, f"{sh:.0%} direct", va="center", fontsize=8)
    ax.set_xlim(0, max(totals.max(), 1) * 1.2)
    ax.set_title(f"Own words or paraphrase? Attributions per {group_word(by)} by how they are reported")
    ax.set_xlabel("attributions (direct quotes, reported speech, mixed)")
    ax.set_ylabel(by)
    return fig


def sources_by_country_chart(table, *, ax=None, by: str = "outlet"):
    """Stacked bars: attributed sentences per group by the country of the source.

    ``table`` is a group x country count table (:func:`newsframe.framing.sources_by_country`);
    ``by`` names its groups. The :data:`MAX_COLORS` - 1 countries with the most
    sentences keep a colour, the others are one "other (N countries)" segment; with
    more than :data:`MAX_ROWS` groups the smallest are summed into one row.
    """
    table = top_rows(_fold_columns(table, noun="countries"), noun=group_plural(by))
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(table), 1) + 2))
    from ..groups import is_other
    named = [c for c in table.columns if c != "not stated" and not is_other(c)]
    colors = {c: TOPIC_COLORS[i % (len(TOPIC_COLORS) - 1)] for i, c in enumerate(named)}
    colors["not stated"] = "#BBBBBB"
    colors.update({c: FOLDED_COLOR for c in table.columns if is_other(c)})
    _stacked_barh(ax, table, colors, legend_title="country of source")
    ax.set_title("Whose voice? Attributed sentences by country of the source")
    ax.set_xlabel("attributed body sentences (country stated or implied by the text)")
    ax.set_ylabel(by)
    return fig


def frame_heatmap(matrix, *, ax=None, frame_labels=None, by: str = "outlet", sentences=None):
    """Heatmap group x frame: share of the group's body sentences with a cue of the frame.

    ``matrix`` is :func:`newsframe.framing.outlet_frame_matrix`; the cue words behind
    each cell are in :func:`newsframe.framing.outlet_frame_cues`. ``by`` names the
    groups (rows). With more than :data:`MAX_ROWS` groups only the ``MAX_ROWS``
    with the most body sentences are drawn (``sentences``: a mapping group ->
    sentences, default ``matrix.attrs["sentences"]``; without it the groups with
    the most frame cues), and the title says so.
    """
    n_groups = len(matrix)
    note = ""
    if n_groups > MAX_ROWS:
        sizes = sentences if sentences is not None else matrix.attrs.get("sentences")
        weight = ([float(sizes.get(g, 0)) for g in matrix.index] if sizes is not None
                  else list(matrix.sum(axis=1).astype(float)))
        ranked = sorted(range(n_groups), key=lambda i: (-weight[i], str(matrix.index[i])))
        matrix = matrix.iloc[sorted(ranked[:MAX_ROWS])]
        what = "body sentences" if sizes is not None else "frame cues"
        note = f"\n(the {MAX_ROWS} of {n_groups} {group_plural(by)} with the most {what})"
    fig, ax = new_axes(ax, figsize=(1.3 * max(matrix.shape[1], 1) + 3, 0.6 * max(matrix.shape[0], 1) + 2))
    vals = matrix.to_numpy(dtype=float)
    im = ax.imshow(vals, cmap="Blues", vmin=0, vmax=max(1e-9, float(vals.max()) if vals.size else 1), aspect="auto")
    ax.set_xticks(range(matrix.shape[1]))
    ax.set_xticklabels([(frame_labels or {}).get(c, c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]))
    ax.set_yticklabels([group_label(x) for x in matrix.index])
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            ax.text(j, i, f"{vals[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if vals[i, j] > 0.6 * vals.max() else "black")
    ax.grid(False)
    fig.colorbar(im, ax=ax, label="share of body sentences with a cue")
    ax.set_title(f"Which frames does each {group_word(by)} use?{note}")
    ax.set_xlabel("frame")
    ax.set_ylabel(by)
    return fig


def _fold_tone_groups(t, by: str):
    """``tone_by_target`` rows with at most :data:`MAX_COLORS` groups: the groups with the fewest
    sentences become one "other (N groups)" whose mean is the sentence-weighted mean of theirs
    (the mean over their pooled sentences)."""
    from ..groups import lump

    if t[by].nunique() <= MAX_COLORS:
        return t
    t = t.assign(**{by: lump(t[by], keep=MAX_COLORS - 1, weights=t["sentences"], noun=group_plural(by)).to_numpy()})
    t = t.assign(_sum=t["mean_compound"] * t["sentences"])
    g = t.groupby([by, "target"], as_index=False)[["sentences", "_sum"]].sum()
    g["mean_compound"] = g["_sum"] / g["sentences"]
    return g.drop(columns="_sum")


def tone_by_target_chart(table, *, ax=None, targets=None, by: str = "outlet", max_targets: int = MAX_TARGETS,
                         value: str = "mean_compound", size: str = "sentences", xlabel: str | None = None):
    """Dots: mean VADER compound per target (rows) and group (colours); dot size = number of sentences.

    ``table`` is :func:`newsframe.framing.tone_by_target`; ``by`` its group
    column. At most ``max_targets`` rows (the targets named in the most
    sentences; the title says when some are left out) and :data:`MAX_COLORS`
    colours (the groups with the fewest sentences are pooled into one "other").
    For the target-dependent model (:func:`newsframe.framing.target_tone_by_group`) pass
    ``value="net_tone", size="mentions"`` and an ``xlabel`` naming the method.
    """
    if value != "mean_compound" or size != "sentences":
        table = table.rename(columns={value: "mean_compound", size: "sentences"})
    from ..groups import is_other

    t = table if targets is None else table[table["target"].isin(targets)]
    order = t.groupby("target")["sentences"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    note = ""
    if len(order) > max_targets:
        note = f"\n(the {max_targets} of {len(order)} targets named in the most {size})"
        order = order[:max_targets]
        t = t[t["target"].isin(order)]
    t = _fold_tone_groups(t, by)
    fig, ax = new_axes(ax, figsize=(8, 0.45 * max(len(order), 1) + 2))
    colors = outlet_colors(t[by].unique())
    ypos = {name: i for i, name in enumerate(order)}
    scale = min(1.0, MAX_DOT_SENTENCES / max(float(t["sentences"].max()) if len(t) else 1.0, 1.0))
    names = sorted(t[by].unique(), key=lambda g: (is_other(g), str(g)))
    for group in names:
        g = t[t[by] == group]
        ax.scatter(g["mean_compound"], [ypos[x] for x in g["target"]], s=25 + 25 * scale * g["sentences"],
                   color=colors[str(group)], alpha=0.8, label=group_label(group),
                   edgecolor="white")
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([shorten(x, SOURCE_LABEL_WIDTH) for x in order])
    ax.invert_yaxis()
    ax.set_xlim(-1.06, 1.06)   # (room for the dots at -1 and +1)
    question = ("How positive are the sentences about each country or leader?" if value == "mean_compound"
                else "What tone does each group take toward each country or leader?")
    ax.set_title(f"{question}{note}")
    ax.set_xlabel(xlabel or "mean VADER compound of sentences naming the target (-1 negative .. +1 positive)")
    ax.set_ylabel("target")
    legend = ax.legend(title=f"{group_word(by)} (dot size = {size})", bbox_to_anchor=(1.01, 1), loc="upper left",
                       fontsize=8)
    for handle in getattr(legend, "legend_handles", []):  # one marker size in the legend: colours only
        handle.set_sizes([40])
    return fig


def page_context_chart(table, *, ax=None, by: str = "outlet"):
    """Stacked bars: lines placed around the article per group, by topic.

    ``table`` is a group x topic count table (:func:`newsframe.framing.page_context_counts`);
    ``by`` names its groups. At most :data:`MAX_COLORS` topics and :data:`MAX_ROWS` rows
    (the rest summed into one "other").
    """
    table = top_rows(_fold_columns(table, noun="topics"), noun=group_plural(by))
    fig, ax = new_axes(ax, figsize=(9, 0.6 * max(len(table), 1) + 2))
    from ..groups import is_other
    colors = {c: FOLDED_COLOR if is_other(c) else TOPIC_COLORS[i % len(TOPIC_COLORS)] for i, c in enumerate(table.columns)}
    _stacked_barh(ax, table, colors, legend_title="topic")
    ax.set_title(f"What else did each {group_word(by)} put around the article?")
    ax.set_xlabel("tickers, related and featured headlines (distinct lines)")
    ax.set_ylabel(by)
    return fig
