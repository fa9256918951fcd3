"""Groups of articles: compare outlets, countries or any column the user adds.

Every summary in newsframe compares *groups* of articles, and the grouping
lives in the data, not in the function: it is a column of the article table
(``outlet``, ``country``, or any column of ``manifest.csv`` such as ``group``,
``lean``, ``language``), passed to the summary as ``by=``. This is the design
of quanteda's document variables and ``groups=`` argument (Benoit et al.
2018): the same keyness, the same source table, per outlet or per country.

A reader cannot tell 44 colours apart, and one article is an anecdote, not an
outlet's habit. So:

* :func:`choose_grouping` picks the grouping a report uses when the user does
  not say (``outlet`` when there are at most :data:`MAX_GROUPS` outlets, else
  ``country`` when the corpus has it, else the largest outlets plus "other")
  and says why;
* :func:`lump` keeps the largest categories and folds the rest into one
  named "other" category (used by the figures, at most :data:`MAX_GROUPS`
  colours);
* :func:`group_sizes` counts the articles of each group and marks the groups
  with fewer than :data:`SMALL_GROUP` articles;
* :func:`attach` puts the grouping column on any per-article table (keyed by
  ``id``) that does not carry it yet, which is how every ``by=`` works.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

MAX_GROUPS = 12          # colour categories a reader can tell apart (the rest is "other")
SMALL_GROUP = 3          # groups with fewer articles than this are marked small
NOT_STATED = "(not stated)"
TOP_OUTLETS_COLUMN = "outlet_group"   # the derived column: the largest outlets and "other"


def other_label(n: int, noun: str = "groups") -> str:
    """The name of the folded category: ``other (7 outlets)``."""
    return f"other ({n} {noun})"


def is_other(name) -> bool:
    """Whether ``name`` is a category made by :func:`lump` (or :data:`NOT_STATED`)."""
    return isinstance(name, str) and (name.startswith("other (") or name == NOT_STATED)


def clean_values(values) -> pd.Series:
    """Group values as strings, an empty or missing value as :data:`NOT_STATED`."""
    s = pd.Series(values, dtype=object).reset_index(drop=True)
    return s.map(lambda v: NOT_STATED if v is None or (isinstance(v, float) and pd.isna(v)) or not str(v).strip()
                 else str(v).strip())


def lump(values, *, keep: int = MAX_GROUPS - 1, weights=None, noun: str = "groups") -> pd.Series:
    """``values`` with all but the ``keep`` largest categories replaced by ``other (N <noun>)``.

    Categories are ranked by their summed ``weights`` (default: how often they
    occur), ties by name, so the result is the same on every run. With at most
    ``keep + 1`` categories nothing is folded (an "other" of one would hide a
    name for nothing).
    """
    s = clean_values(values)
    w = pd.Series(1.0 if weights is None else list(weights), index=s.index, dtype=float)
    totals = w.groupby(s).sum()
    ranked = sorted(totals.index, key=lambda k: (-totals[k], is_other(k), k))
    if len(ranked) <= keep + 1:
        return s
    kept = set(ranked[:keep])
    label = other_label(len(ranked) - keep, noun)
    return s.where(s.isin(kept), label)


def group_sizes(articles: pd.DataFrame, by: str = "outlet", *, small: int = SMALL_GROUP) -> pd.DataFrame:
    """Articles (and outlets) per group, largest first and folded groups ("other ...") last;
    ``small`` marks groups under ``small`` articles."""
    if by not in articles.columns:
        raise KeyError(f"the articles have no column {by!r}; columns you can compare by: {', '.join(articles.columns)}")
    g = pd.DataFrame({"group": clean_values(articles[by]).to_numpy(),
                      "outlet": clean_values(articles["outlet"]).to_numpy() if "outlet" in articles else ""})
    out = g.groupby("group").agg(articles=("group", "size"), outlets=("outlet", "nunique")).reset_index()
    out["small"] = out["articles"] < small
    out["_folded"] = out["group"].map(is_other)
    out = (out.sort_values(["_folded", "articles", "group"], ascending=[True, False, True])
           .drop(columns="_folded").reset_index(drop=True))
    return out.rename(columns={"group": by})


@dataclass
class Grouping:
    """The grouping a report compares: the article ``column`` to pass as ``by=``, and why."""
    column: str
    source: str
    reason: str
    sizes: pd.DataFrame = field(repr=False)

    def describe(self) -> str:
        """A few plain sentences for the top of a notebook."""
        n_small = int(self.sizes["small"].sum())
        text = (f"Comparing by **{self.column}**: {self.reason} "
                f"{len(self.sizes)} groups, from {int(self.sizes['articles'].max()) if len(self.sizes) else 0} "
                f"articles down to {int(self.sizes['articles'].min()) if len(self.sizes) else 0}.")
        if n_small:
            text += (f" {n_small} group{'s have' if n_small != 1 else ' has'} fewer than {SMALL_GROUP} articles "
                     "(marked *small*): read their figures as examples, not as a habit of the group.")
        return text


def candidate_columns(articles: pd.DataFrame) -> list[str]:
    """Columns a report can compare by: ``outlet``, ``country`` when stated, and extra manifest columns."""
    try:
        from .reading.corpus import group_columns
        return list(group_columns(articles))
    except ImportError:  # pragma: no cover - older corpus module
        return [c for c in ("outlet", "country") if c in articles.columns]


def _stated(articles: pd.DataFrame, column: str) -> bool:
    return column in articles.columns and (clean_values(articles[column]) != NOT_STATED).any()


def choose_grouping(articles: pd.DataFrame, compare_by: str | None = None, *,
                    max_groups: int = MAX_GROUPS) -> Grouping:
    """The grouping to compare by, with the reason, following the rule a report uses.

    * ``compare_by`` given: that column (a :class:`KeyError` names the
      columns there are when it is missing);
    * else ``outlet`` when the corpus has at most ``max_groups`` outlets;
    * else ``country`` when the corpus states countries (manifest column);
    * else the ``max_groups - 1`` largest outlets plus one "other" group, in
      the derived column :data:`TOP_OUTLETS_COLUMN` (see :func:`apply_grouping`).
    """
    n_outlets = clean_values(articles["outlet"]).nunique() if "outlet" in articles.columns else 0
    if compare_by:
        if compare_by not in articles.columns:
            raise KeyError(f"compare_by={compare_by!r} is not a column of the articles; columns you can compare by: "
                           f"{', '.join(candidate_columns(articles))}")
        column, source, reason = compare_by, compare_by, "chosen in the parameters."
    elif n_outlets <= max_groups:
        column, source, reason = "outlet", "outlet", f"the corpus has {n_outlets} outlet{'s' if n_outlets != 1 else ''}, few enough to compare one by one."
    elif _stated(articles, "country"):
        column, source, reason = "country", "country", (f"the corpus has {n_outlets} outlets, too many to tell apart, "
                                                        "and the manifest gives each outlet's country.")
    else:
        column, source = TOP_OUTLETS_COLUMN, "outlet"
        reason = (f"the corpus has {n_outlets} outlets, too many to tell apart, and no country column: the "
                  f"{max_groups - 1} outlets with the most articles are compared, the others together as one group.")
    grouped = apply_grouping(articles, column, max_groups=max_groups)
    return Grouping(column=column, source=source, reason=reason, sizes=group_sizes(grouped, column))


def apply_grouping(articles: pd.DataFrame, grouping, *, max_groups: int = MAX_GROUPS) -> pd.DataFrame:
    """``articles`` with the grouping column present (a copy when it has to be made).

    ``grouping`` is a :class:`Grouping` or a column name; the derived
    :data:`TOP_OUTLETS_COLUMN` is made from ``outlet`` by :func:`lump`.
    """
    column = grouping.column if isinstance(grouping, Grouping) else grouping
    if column in articles.columns and column != TOP_OUTLETS_COLUMN:
        return articles
    if column != TOP_OUTLETS_COLUMN:
        raise KeyError(f"the articles have no column {column!r}")
    out = articles.copy()
    out[TOP_OUTLETS_COLUMN] = lump(out["outlet"], keep=max_groups - 1, noun="outlets").to_numpy()
    return out


def attach(table: pd.DataFrame, articles: pd.DataFrame | None, by: str) -> pd.DataFrame:
    """``table`` (a per-article table with an ``id`` column) with the column ``by`` taken from ``articles``.

    A table that carries ``by`` already is returned as it is. Attached missing
    values become :data:`NOT_STATED`, so a group is never lost in a ``groupby``.
    """
    if by in table.columns:
        return table
    if articles is None or by not in articles.columns:
        where = "the table" if articles is None else "the table or the articles"
        raise KeyError(f"by={by!r}: no such column in {where}; pass articles= with that column "
                       "(see newsframe.groups.choose_grouping)")
    values = dict(zip(articles["id"], clean_values(articles[by])))
    out = table.copy()
    out[by] = [values.get(i, NOT_STATED) for i in out["id"]] if "id" in out.columns else NOT_STATED
    return out


def attach_article_group(table: pd.DataFrame, articles: pd.DataFrame | None, by: str, *, own=()) -> pd.DataFrame:
    """``table`` with the grouping column ``by``, taken from ``articles`` whenever they have it.

    ``outlet`` and ``id`` are the table's own (the same in both); any other
    column of the articles replaces a column of the same name in ``table``, so
    ``by="country"`` groups by the article's country and never by the
    country of the source. ``own`` names columns that mean something else in
    ``table``: grouping by one of them without ``articles`` is an error.
    """
    if by not in ("id", "outlet") and by in table.columns:
        if articles is not None and by in articles.columns:
            table = table.drop(columns=by)
        elif by in own:
            raise KeyError(f"by={by!r}: the column {by!r} of this table describes the source, not the article; "
                           f"pass articles= (the corpus) to group by the article's {by}")
    return attach(table, articles, by)


def with_group_column(table: pd.DataFrame, articles, by: str) -> pd.DataFrame:
    """A per-article ``table`` with the column ``by`` (from ``articles``) right after ``outlet``."""
    if by in table.columns:
        return table
    out = attach(table, articles if isinstance(articles, pd.DataFrame) else None, by)
    cols = [c for c in out.columns if c != by]
    at = cols.index("outlet") + 1 if "outlet" in cols else 1
    return out[cols[:at] + [by] + cols[at:]]


def group_by_id(articles, by: str) -> dict:
    """``{article id: its value of by}`` (missing values as :data:`newsframe.groups.NOT_STATED`); a clear
    KeyError when ``articles`` is missing or has no column ``by``."""
    ids = pd.DataFrame({"id": list(articles["id"]) if articles is not None and "id" in articles.columns else []})
    tagged = attach(ids, articles, by)
    return dict(zip(tagged["id"], tagged[by]))


# --------------------------------------------------------------------------- per-article tables, split once
def _keep(table: pd.DataFrame, columns) -> pd.DataFrame:
    """``table`` with ``id`` and those of ``columns`` it has (all columns when ``columns`` is None)."""
    if columns is None:
        return table
    return table[["id"] + [c for c in columns if c in table.columns and c != "id"]]


def split_by_article(table: pd.DataFrame, columns=None) -> dict:
    """``{article id: its rows of table}`` as DataFrames, in table order, split in one pass.

    For a loop over articles: filtering the whole table for each article costs time in the square
    of the corpus size. ``columns``: the ones to keep besides ``id`` (default all).
    """
    return {aid: part for aid, part in _keep(table, columns).groupby("id", sort=False)}


def records_by_article(table: pd.DataFrame, columns=None) -> dict[str, list[dict]]:
    """``{article id: its rows as dicts, in table order}``: :func:`split_by_article` as plain Python
    records, cheaper to read row by row. ``columns``: the ones to keep besides ``id`` (converting the
    others, such as long sentence texts, would be wasted)."""
    out: dict[str, list[dict]] = {}
    for r in _keep(table, columns).to_dict(orient="records"):
        out.setdefault(r["id"], []).append(r)
    return out
