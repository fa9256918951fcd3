"""One look for every figure: style, outlet colours, captions, saving.

Every plot function in newsframe takes ``ax=None`` and returns the figure,
states its question in the title, labels both axes, and is saved through
:func:`save_figure` as PNG and SVG under ``figures/``. Colours per outlet are
fixed (:func:`outlet_colors`) so an outlet looks the same in every notebook.
matplotlib only; no seaborn.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib.pyplot as plt

# Colour-blind-safe palette (Okabe and Ito 2008), then Tableau's for more outlets.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F"]
# Colours for line labels of the cleaner (body stands out, boilerplate is muted).
LABEL_COLORS = {
    "body": "#009E73", "headline": "#0072B2", "teaser": "#56B4E9", "meta": "#999999",
    "navigation": "#E69F00", "ticker": "#D55E00", "related": "#CC79A7", "read_also": "#F0E442",
    "ad": "#000000", "disclaimer": "#8C564B", "caption": "#BCBD22", "tags": "#17BECF",
    "ui": "#C7C7C7", "duplicate": "#7F7F7F", "comment": "#AEC7E8", "blank": "#F2F2F2", "other": "#DDDDDD",
}

STYLE = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 10,
    "legend.frameon": False,
    "svg.hashsalt": "newsframe",  # reproducible SVG ids
    "svg.fonttype": "none",
}


def use_style() -> None:
    """Apply the newsframe figure style to matplotlib (call once per notebook)."""
    plt.rcParams.update(STYLE)


def outlet_colors(outlets) -> dict[str, str]:
    """A fixed colour per outlet name: the same name gets the same colour in every figure.

    Colours are assigned by a hash of the name, with collisions resolved in
    sorted order, so adding an outlet to a corpus rarely recolours the others.
    """
    names = sorted({str(o) for o in outlets})
    used: dict[str, str] = {}
    taken: set[int] = set()
    for name in names:
        i = int(hashlib.md5(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)
        while i in taken and len(taken) < len(PALETTE):
            i = (i + 1) % len(PALETTE)
        taken.add(i)
        used[name] = PALETTE[i]
    return used


def new_axes(ax=None, *, figsize=None):
    """Return ``(fig, ax)``: the given axes and its figure, or a new pair."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize)
    return fig, ax


def add_caption(fig, text: str) -> None:
    """Put a one-sentence caption under the figure (kept in the saved files)."""
    fig.text(0.01, -0.02, text, ha="left", va="top", fontsize=9, style="italic", wrap=True)


def save_figure(fig, name: str, *, figures_dir="figures", caption: str | None = None) -> list[Path]:
    """Save ``fig`` as ``<figures_dir>/<name>.png`` and ``.svg``; return the paths.

    ``caption`` (one sentence) is drawn under the figure before saving.
    SVG output is made reproducible (fixed hash salt, no date metadata).
    """
    if caption:
        add_caption(fig, caption)
    out = Path(figures_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    fig.savefig(paths[0], metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


# --------------------------------------------------------------------------- corpus
def line_labels_chart(counts, *, ax=None):
    """Stacked horizontal bars: how many lines of each article got each label.

    ``counts`` is :func:`newsframe.corpus.label_counts` (articles x labels).
    """
    fig, ax = new_axes(ax, figsize=(9, 0.6 * len(counts) + 2))
    left = None
    for label in counts.columns:
        vals = counts[label].to_numpy()
        ax.barh(counts.index, vals, left=left, color=LABEL_COLORS.get(label, "#DDDDDD"), label=label,
                edgecolor="white", linewidth=0.5)
        left = vals if left is None else left + vals
    ax.invert_yaxis()
    ax.set_title("What did each page contain besides the article?")
    ax.set_xlabel("number of non-empty lines")
    ax.set_ylabel("article")
    ax.legend(title="label", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig
