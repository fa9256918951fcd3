"""Analysis tables stored with a built corpus, read back instead of being computed again.

``python -m newsframe build ... --analyses`` writes, beside the article table, the per-article tables
of the slow analyses (attributions, frame cues, time expressions) into folders of Parquet parts:
``corpus.parquet/attributions/part-00000.parquet`` and so on. A notebook that loads that corpus
would otherwise compute them again, which is most of a report's time on thousands of articles.

:func:`newsframe.load_corpus` marks the article table of a built corpus with its path
(``articles.attrs["built_corpus"]``). An analysis decorated with :func:`reads_stored` then returns
the stored rows when

* it is called with its default settings (``extra_verbs``, ``extra_cues`` ... change the result,
  so they make it compute), and
* the articles it is given are still the built ones: the columns the analysis reads (``body``,
  and for some ``headline``, ``published``, ``outlet``) are equal to the stored article table's,
  article by article. An edited body, or a table from elsewhere, is computed as usual.

The rows come in the order of the given articles, as the analysis would make them. This module sits
at the bottom of the package (pandas and pyarrow only), so analyses and the build engine both use it
without importing each other.
"""
from __future__ import annotations

import functools
import inspect
import json
from pathlib import Path

import pandas as pd

# the columns of the article table and of the line audit, from load_corpus and from a built corpus
ARTICLE_COLUMNS = [
    "id", "file", "url", "outlet", "country", "headline", "published", "published_text",
    "published_inferred", "published_source", "dateline", "byline", "credited_sources",
    "body", "n_words", "input_notes", "duplicate_of", "duplicate_similarity",
]
LINE_COLUMNS = ["id", "line_no", "text", "label", "reason"]
MARKER = "_newsframe.json"      # the file that marks a folder as a built corpus
ATTRS_KEY = "built_corpus"      # articles.attrs key holding the path of the built corpus they came from
ARTICLES_FOLDER = "articles"


def table_folder(corpus_path, name: str) -> Path:
    """Folder of the stored table ``name`` (``attributions``, ``frame_cues``, ``timexes``) of a built corpus."""
    return Path(corpus_path) / name


def mark_built(articles: pd.DataFrame, corpus_path) -> pd.DataFrame:
    """Remember on ``articles`` (in ``attrs``) the built corpus they were read from; returns them."""
    articles.attrs[ATTRS_KEY] = str(corpus_path)
    return articles


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.parquet"))


def _read(folder: Path, columns=None) -> pd.DataFrame:
    """The parts as one table. Their schemas are unified first (pyarrow): a column that is all null
    in one part (no headline on any page of a one-page partition) takes the type the other parts
    give it, so missing values come back as they do from one part (NaN in a text column)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = _parts(folder)
    if not parts:
        return pd.DataFrame()
    tables = [pq.read_table(p, columns=columns) for p in parts]
    try:
        table = pa.concat_tables(tables, promote_options="default")
    except (pa.ArrowInvalid, pa.ArrowTypeError):   # types that do not unify: pandas decides, part by part
        return pd.concat([t.to_pandas() for t in tables], ignore_index=True)
    return table.to_pandas()


TIME_COLUMNS = ("published",)   # stored as ISO text in Parquet, read back as timestamps


def _comparable(value, as_time: bool):
    if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
        return None
    return pd.Timestamp(value) if as_time else value


def _same(a: pd.Series, b: pd.Series, *, as_time: bool = False) -> bool:
    """Element-wise equal, missing values (None, NaN, NaT) equal to each other; ``as_time``: compared
    as timestamps (ISO text and a Timestamp of the same moment are equal)."""
    return [_comparable(v, as_time) for v in a] == [_comparable(v, as_time) for v in b]


def _unchanged(value, default) -> bool:
    """An argument left as its default: the same value, or empty where the default is None."""
    if value is default:
        return True
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return False
    return (default is None and isinstance(value, (list, tuple, dict, set)) and not value) or value == default


def stored_rows(articles, name: str, depends_on=("body",), required=()) -> pd.DataFrame | None:
    """The stored table ``name`` for ``articles``, or None when it cannot stand in for computing it.

    None when ``articles`` is not from a built corpus, the table (or one of its ``required``
    columns) was not stored, an article is missing from the built corpus, or one of the
    ``depends_on`` columns differs from the built article table.
    """
    path = getattr(articles, "attrs", {}).get(ATTRS_KEY) if isinstance(articles, pd.DataFrame) else None
    if not path or "id" not in articles.columns:
        return None
    folder = table_folder(path, name)
    if not _parts(folder) or any(c not in articles.columns for c in depends_on):
        return None
    built = _read(Path(path) / ARTICLES_FOLDER, columns=["id", *depends_on]).drop_duplicates("id").set_index("id")
    ids = [str(i) for i in articles["id"]]
    if len(set(ids)) != len(ids) or not set(ids) <= set(built.index):
        return None
    mine = built.loc[ids]
    for column in depends_on:
        if not _same(mine[column], articles[column], as_time=column in TIME_COLUMNS):
            return None
    table = _read(folder)
    if any(c not in table.columns for c in required):
        return None
    position = {aid: k for k, aid in enumerate(ids)}
    table = table[table["id"].isin(position)]
    order = table["id"].map(position)
    table = table.iloc[order.argsort(kind="stable")].reset_index(drop=True)
    for column in TIME_COLUMNS:   # timestamps again, as the article table has them
        if column in table.columns:
            table[column] = pd.Series([_comparable(v, True) for v in table[column]], dtype=object)
    return table


# arguments that save work but never change an analysis's result (the corpus's sentence table)
WORK_SAVING_ARGUMENTS = ("sentences",)


def reads_stored(name: str, *, depends_on=("body",), required=(), decode=None):
    """Decorator: the analysis returns the stored table ``name`` (see :func:`stored_rows`) when it is
    called on articles of a built corpus with its default settings (arguments of
    :data:`WORK_SAVING_ARGUMENTS` aside); otherwise it computes.

    ``decode`` turns the stored table into what the analysis returns (e.g. JSON columns back into lists).
    """
    def wrap(fn):
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def analysis(articles, *args, **kwargs):
            bound = signature.bind(articles, *args, **kwargs)
            defaults = all(_unchanged(value, signature.parameters[k].default)
                           for k, value in list(bound.arguments.items())[1:] if k not in WORK_SAVING_ARGUMENTS)
            if defaults:
                table = stored_rows(articles, name, depends_on=depends_on, required=required)
                if table is not None:
                    return decode(table) if decode else table
            return fn(articles, *args, **kwargs)
        analysis.stored_table = name
        return analysis
    return wrap


def to_json_column(values) -> list[str]:
    """Lists of dicts (or any JSON value) as JSON strings, for a Parquet column."""
    return [json.dumps(v) for v in values]


def from_json_column(values) -> list:
    """The inverse of :func:`to_json_column` (missing values give None)."""
    return [json.loads(v) if isinstance(v, str) else None for v in values]


# --------------------------------------------------------------------------- reading a built corpus
def is_built_corpus(path) -> bool:
    """True for a folder written by :func:`newsframe.scale.engine.build`."""
    return isinstance(path, (str, Path)) and (Path(path) / MARKER).exists()


def read_parts(folder: Path) -> pd.DataFrame:
    """All Parquet parts of a table folder of a built corpus, as one DataFrame (empty when none)."""
    return _read(Path(folder))


def read_built_corpus(path, *, with_lines: bool = False):
    """The article table (and line audit) of a built corpus, as :func:`newsframe.load_corpus` returns them.

    The extra columns (manifest and record columns) follow :data:`ARTICLE_COLUMNS`
    in the order the parts have them; a part without one of them (schemas are unified) gives "".
    """
    path = Path(path)
    articles = read_parts(path / "articles")
    extra = [c for c in articles.columns if c not in ARTICLE_COLUMNS]
    if not articles.empty:
        articles["published"] = [None if v is None or (isinstance(v, float) and pd.isna(v)) else pd.Timestamp(v)
                                 for v in articles["published"]]
        articles["published"] = articles["published"].astype(object)
        articles["credited_sources"] = [list(v) for v in articles["credited_sources"]]
        dups = pd.read_parquet(path / "duplicates.parquet")
        articles = articles.merge(dups, on="id", how="left")
    articles = articles.reindex(columns=ARTICLE_COLUMNS + extra)
    for c in extra:
        articles[c] = [v if isinstance(v, str) else "" for v in articles[c]]
    mark_built(articles, path)   # the analyses read the tables stored with it (newsframe.stored)
    if not with_lines:
        return articles
    lines = read_parts(path / "lines")
    return articles, lines.reindex(columns=LINE_COLUMNS)
