"""One look for every figure: style, group colours, bounded sizes, captions, saving.

Every plot function in newsframe takes ``ax=None`` and returns the figure,
states its question in the title, labels both axes, and is saved through
:func:`save_figure` as PNG and SVG under ``figures/``. Colours per outlet are
fixed (:func:`outlet_colors`) so an outlet looks the same in every notebook.
matplotlib only; no seaborn.
"""
from __future__ import annotations

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


MAX_COLORS = 12      # colour categories in one figure (the rest is folded into "other", see groups.lump)
MAX_ROWS = 30        # rows of a bar chart (the rest summed into one named row, see top_rows)
MAX_PIXELS = 2400    # no saved PNG is larger than this on a side (save_figure lowers the resolution)
MAX_INCHES = 15.0    # no figure is made larger than this on a side (bounded_figsize)
OTHER_COLOR = "#BBBBBB"


def outlet_colors(outlets) -> dict[str, str]:
    """A fixed colour per outlet (or any group): names sorted take the palette in order, so the
    same corpus gives the same colours in every figure of every notebook.

    At most :data:`MAX_COLORS` distinct colours are given: folded categories ("other (N ...)",
    "(not stated)") are grey, and beyond ``MAX_COLORS - 1`` named groups the rest are grey too
    (fold them first with :func:`newsframe.groups.lump`, so the legend says so).
    """
    from ..groups import is_other

    names = sorted({str(o) for o in outlets})
    named = [n for n in names if not is_other(n)]
    colors = {name: PALETTE[i] if i < MAX_COLORS - 1 else OTHER_COLOR for i, name in enumerate(named)}
    colors.update({n: OTHER_COLOR for n in names if is_other(n)})
    return colors


group_colors = outlet_colors


def bounded_figsize(width: float, height: float) -> tuple[float, float]:
    """``(width, height)`` in inches, each cut to :data:`MAX_INCHES` (figures grow with their rows)."""
    return min(float(width), MAX_INCHES), min(float(height), MAX_INCHES)


def top_rows(table, *, n: int = MAX_ROWS, weight=None, label_column=None, noun: str = "groups"):
    """The ``n - 1`` largest rows of a table and one row summing the others (``other (K groups)``).

    ``table`` is indexed by the category (or has it in ``label_column``); ``weight`` is the column
    ranking the rows (default: the sum of the numeric columns). Numeric columns are summed in the
    folded row; with at most ``n`` rows the table is returned as it is.
    """
    import pandas as pd

    from ..groups import other_label

    if len(table) <= n:
        return table
    t = table.set_index(label_column) if label_column else table
    num = t.select_dtypes("number")
    w = num[weight] if weight is not None else num.sum(axis=1)
    order = w.sort_values(ascending=False, kind="stable").index
    keep, rest = order[: n - 1], order[n - 1:]
    folded = num.loc[rest].sum().to_frame().T
    folded.index = [other_label(len(rest), noun)]
    out = pd.concat([t.loc[keep], folded.reindex(columns=t.columns)])
    out.index.name = t.index.name
    return out.reset_index() if label_column else out


def outlet_label(outlet) -> str:
    """The name shown for an outlet: "(unknown outlet)" when the corpus does not say."""
    return outlet if isinstance(outlet, str) and outlet.strip() else "(unknown outlet)"


def new_axes(ax=None, *, figsize=None):
    """Return ``(fig, ax)``: the given axes and its figure, or a new pair."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=bounded_figsize(*figsize) if figsize else None)
    return fig, ax


def add_caption(fig, text: str) -> None:
    """Put a one-sentence caption under the figure (kept in the saved files)."""
    try:
        fig.tight_layout()
    except (ValueError, RuntimeError):  # some layouts cannot be tightened; the caption still goes below
        pass
    fig.text(0.01, 0.0, text, ha="left", va="top", fontsize=9, style="italic", wrap=True)


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
    fig.savefig(paths[0], metadata={"Software": None}, dpi=png_dpi(fig))
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def png_dpi(fig, *, max_pixels: int = MAX_PIXELS) -> float:
    """The export resolution (``savefig.dpi``), lowered so the saved PNG, legends and caption
    included, is at most ``max_pixels`` on its longer side."""
    dpi = float(plt.rcParams["savefig.dpi"]) if plt.rcParams["savefig.dpi"] != "figure" else fig.dpi
    try:
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        inches = max(box.width, box.height, *fig.get_size_inches()) + 0.2  # bbox_inches="tight" pads 0.1 in
    except (ValueError, RuntimeError, AttributeError):
        inches = max(fig.get_size_inches())
    return min(dpi, max_pixels / max(inches, 1e-6) * 0.995)


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    text = str(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


SOURCE_LABEL_WIDTH = 30    # characters of a group name on an axis (longer names are cut with an ellipsis)


def group_word(by: str) -> str:
    """How a figure names one group: ``outlet``, ``country``, ``outlet group``."""
    return str(by).replace("_", " ")


def group_label(name) -> str:
    """A group name for an axis or legend, cut to :data:`SOURCE_LABEL_WIDTH` characters."""
    from ..groups import clean_values

    return shorten(clean_values([name]).iloc[0], SOURCE_LABEL_WIDTH)


def group_plural(by: str) -> str:
    """How a folded row names several groups: ``other (7 outlets)``."""
    return {"outlet": "outlets", "country": "countries", "id": "articles"}.get(by, "groups")
