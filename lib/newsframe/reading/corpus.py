"""Load a folder of raw article dumps into pandas DataFrames.

:func:`load_corpus` is the one entry point for data. For each file it

1. reads the bytes and decodes them (UTF-8, UTF-8 with BOM, then the
   encoding ``charset-normalizer`` detects, cp1252 as last resort), repairs
   mojibake such as ``â€™`` with ``ftfy``, and turns an HTML file handed in as
   text into text;
2. classifies every line with :func:`newsframe.reading.clean.classify_lines`, giving
   it the lines that repeat across pages of the same outlet as evidence;
3. reads the headline, publication date, dateline, byline and credited
   sources with :mod:`newsframe.reading.meta`.

Bad input never stops the corpus: an empty, binary or undecodable file gives
a :class:`CorpusWarning` naming the file, and the other files are processed.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..stored import ARTICLE_COLUMNS, LINE_COLUMNS  # noqa: F401  (public here too)
from . import clean, meta
from .formats import CorpusWarning, corpus_warning, warn_files  # noqa: F401  (CorpusWarning: public here too)
from .decoding import (  # noqa: F401  (public here too: newsframe.reading.corpus.decode_bytes ...)
    FTFY_OPTIONS, WESTERN_SINGLE_BYTE, InputError, decode_bytes, decode_raw, html_to_text, looks_like_html, repair_text,
)

MANIFEST_NAME = "manifest.csv"
@dataclass
class Page:
    """One decoded input file."""

    path: Path
    text: str
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.path.stem


# --------------------------------------------------------------------------- reading
def read_page(path) -> Page:
    """Read and decode one file (see :func:`decode_bytes`)."""
    path = Path(path)
    text, notes = decode_bytes(path.read_bytes(), str(path))
    return Page(path, text, notes)


# --------------------------------------------------------------------------- manifest
def read_manifest(path) -> dict[str, dict]:
    """Rows of a ``manifest.csv`` keyed by file name and by file stem.

    Required column: ``file``. Usual columns: ``outlet, country, notes``;
    optional ``published`` (ISO date) overrides the date found on the page.
    Any other column (``group``, ``lean``, ``language`` ...) becomes an
    article column (:func:`user_column_name`, :func:`group_columns`).
    """
    rows: dict[str, dict] = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if not row.get("file"):
                continue
            rows[row["file"]] = row
            rows[Path(row["file"]).stem] = row
    return rows


# --------------------------------------------------------------------------- user columns
# Groups are data: every manifest column besides these, and every column of a JSONL/CSV record that
# is no alias of data/input_columns.csv, becomes a column of the article table (strings, "" where a
# row has no value), after the fixed ARTICLE_COLUMNS.
MANIFEST_FIELDS = ("file", "outlet", "country", "published")   # manifest columns with a meaning of their own
ROW_NOTE_COLUMNS = ("notes",)   # free text about a row: an article column, but nothing to compare by


def user_column_name(name, *, source: str = "manifest") -> str | None:
    """The article column that holds a user's column: a manifest's (``source="manifest"``) or a
    JSONL/CSV record's (``source="input"``); ``None`` for none.

    Names are stripped. The manifest's :data:`MANIFEST_FIELDS` keep their meaning (the file to
    match, and the ``outlet``, ``country`` and ``published`` of the article) and are no extra
    column. Any other name that is one of :data:`ARTICLE_COLUMNS` (``headline``, ``body``, ``id``
    ...) never overwrites what the loader found: the user's value goes to ``manifest_<name>``
    (``input_<name>`` for a record's column).
    """
    name = str(name).strip() if name is not None else ""
    if not name or (source == "manifest" and name in MANIFEST_FIELDS):
        return None
    return f"{source}_{name}" if name in ARTICLE_COLUMNS else name


def manifest_columns(man: dict) -> list[str]:
    """The article columns of a manifest's extra columns (:func:`user_column_name`), in its column order."""
    names: dict[str, None] = {}
    for row in man.values():
        for k in row:
            if (name := user_column_name(k)) is not None:
                names.setdefault(name, None)
    return list(names)


def input_columns(docs) -> list[str]:
    """The article columns of the documents' own extra columns (``Document.extra``), in order of first use."""
    names: dict[str, None] = {}
    for d in docs:
        for k in getattr(d, "extra", None) or ():
            if (name := user_column_name(k, source="input")) is not None:
                names.setdefault(name, None)
    return list(names)


def user_values(doc, row: dict | None) -> dict[str, str]:
    """A document's values of the extra columns: its manifest row's, else its record's own."""
    out = {}
    for k, v in (getattr(doc, "extra", None) or {}).items():
        if (name := user_column_name(k, source="input")) is not None:
            out[name] = "" if v is None else str(v)
    for k, v in (row or {}).items():
        if (name := user_column_name(k)) is not None and (v or name not in out):
            out[name] = "" if v is None else str(v)
    return out


MANIFEST_MISSING_SHOWN = 20   # files named in a warning about manifest rows that match no input


def unmatched_manifest_files(man: dict, used_files) -> list[str]:
    """The ``file`` of each manifest row that no document used (``used_files``: the rows' ``file`` values)."""
    used = set(used_files)
    return list(dict.fromkeys(r.get("file", "") for r in man.values() if r.get("file", "") not in used))


def warn_unmatched_manifest(manifest, man: dict, used_files, *, stacklevel: int = 3) -> list[str]:
    """Give one :class:`CorpusWarning` naming the manifest rows that match no input file; return their files."""
    missing = unmatched_manifest_files(man, used_files)
    if missing:
        shown = ", ".join(missing[:MANIFEST_MISSING_SHOWN])
        more = f" and {len(missing) - MANIFEST_MISSING_SHOWN} more" if len(missing) > MANIFEST_MISSING_SHOWN else ""
        corpus_warning(f"{manifest}: {len(missing)} row(s) name a file that is not in the input: {shown}{more}",
                       stacklevel=stacklevel + 1)
    return missing


def warn_unknown_outlets(files, *, stacklevel: int = 3) -> list[str]:
    """Give one :class:`CorpusWarning` naming the files whose outlet neither a manifest, the input's
    metadata, the page itself nor a url identifies (their ``outlet`` is empty); return them."""
    files = [str(f) for f in files]
    if files:
        shown = ", ".join(files[:MANIFEST_MISSING_SHOWN])
        more = f" and {len(files) - MANIFEST_MISSING_SHOWN} more" if len(files) > MANIFEST_MISSING_SHOWN else ""
        corpus_warning(f"{len(files)} page(s) name no outlet that newsframe could recognise (outlet left empty; "
                       f"give one in a manifest.csv 'outlet' column or a 'url' column): {shown}{more}",
                       stacklevel=stacklevel + 1)
    return files


def group_columns(articles: pd.DataFrame) -> list[str]:
    """The columns of an article table a reader can compare articles by, as ``by=`` of the summaries.

    ``outlet``; ``country`` when some article has one (the manifest's column); then the extra
    columns (every column after :data:`ARTICLE_COLUMNS`: the manifest's other columns such as
    ``group``, ``lean``, ``language``, then the records' own columns), in table order. The
    manifest's free-text :data:`ROW_NOTE_COLUMNS` (``notes``) are article columns but left out here.
    """
    def stated(column):
        return articles[column].map(lambda v: isinstance(v, str) and bool(v.strip())).any()

    out = [c for c in ("outlet", "country") if c in articles.columns and (c == "outlet" or stated(c))]
    return out + [c for c in articles.columns if c not in ARTICLE_COLUMNS and c not in ROW_NOTE_COLUMNS]


# --------------------------------------------------------------------------- per-document stages
# load_corpus and the parallel engine (newsframe.scale.engine) share these functions, so
# that a corpus built in parallel equals the same corpus loaded in one process.
def _norm_line(s: str) -> str:
    """Lower case, whitespace runs to one space, stripped (``str.split`` and ``\\s`` agree on whitespace)."""
    return " ".join(s.lower().split())


def page_outlet(doc, man: dict) -> tuple[str, str, dict]:
    """``(outlet, country, manifest_row)`` of a document.

    The manifest row (by file name, then id) comes first, then metadata found
    in the input (a JSONL/CSV column, an HTML page's site name), then
    self-identifying text on the page (:func:`newsframe.reading.meta.guess_outlet`), then the host of a ``url``.
    """
    src_name = Path(str(doc.source).rsplit(":", 1)[0] if ":" in Path(str(doc.source)).name else doc.source).name
    row = man.get(src_name) or man.get(doc.id) or {}
    outlet = (row.get("outlet") or doc.meta.get("outlet")
              or meta.guess_outlet(doc.text.splitlines(), url=row.get("url") or doc.meta.get("url") or ""))
    country = row.get("country") or doc.meta.get("country", "")
    return outlet, country, row


SITE_TOP_LINES, SITE_BOTTOM_LINES = 30, 40   # where a site's furniture (menus, footer) is looked for
SITE_LINE_MAX_WORDS = 6                       # furniture lines are short
SITE_SIMILARITY = 0.6                         # pages whose furniture lines overlap this much share a site
SITE_MAJORITY = 2 / 3                         # the outlet most of a site's pages name is the site's


def site_signature(doc_text: str):
    """MinHash signature of a page's furniture: the short lines of its top and bottom (menus, footer
    links, copyright), or None. Pages of one site share most of them, whatever their story."""
    import numpy as np

    from .dedup import minhash

    lines = [k for k in normalised_lines(doc_text) if k]
    short = {k for k in lines[:SITE_TOP_LINES] + lines[-SITE_BOTTOM_LINES:] if k.count(" ") + 1 <= SITE_LINE_MAX_WORDS}
    if len(short) < 5:
        return None
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(k.encode(), digest_size=8).digest(), "little")
                          for k in sorted(short)), dtype=np.uint64, count=len(short))
    return minhash(hashes)


def agree_on_outlets(texts, outlets: list[str], guessed: list[bool]) -> list[str]:
    """Outlets of pages guessed from the page itself (``guessed``), made to agree across a site.

    Pages are grouped by their furniture (:func:`site_signature`, MinHash Jaccard >=
    :data:`SITE_SIMILARITY`). In a group where two or more guessed pages name an outlet and one name
    holds a :data:`SITE_MAJORITY` of them (names compared by letters and digits only), every guessed
    page of the group takes that name, also those that found none. Pages with an outlet from a
    manifest or from the input's metadata are never changed.
    """
    guessed = list(guessed)
    if sum(guessed) < 2:
        return list(outlets)
    texts = list(texts)
    return agree_on_site_outlets([site_signature(t) if g else None for t, g in zip(texts, guessed)], outlets, guessed)


def agree_on_site_outlets(signatures, outlets: list[str], guessed: list[bool]) -> list[str]:
    """:func:`agree_on_outlets` from the pages' :func:`site_signature` (None where not guessed), for
    the parallel build, whose driver holds signatures and not texts."""
    from .dedup import similar_groups
    from .page_fields import compact

    outlets = list(outlets)
    idx = [i for i, g in enumerate(guessed) if g]
    if len(idx) < 2:
        return outlets
    groups = similar_groups([signatures[i] for i in idx], threshold=SITE_SIMILARITY)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in zip(idx, groups):
        members[g].append(i)      # (g: the position of the group's leader in idx)
    for pages in members.values():
        named = [outlets[i] for i in pages if outlets[i]]
        if len(pages) < 2 or len(named) < 2:
            continue
        votes = Counter(compact(n) for n in named)
        key, n = votes.most_common(1)[0]
        if n >= 2 and n >= SITE_MAJORITY * len(named):
            name = Counter(o for o in named if compact(o) == key).most_common(1)[0][0]
            for i in pages:
                outlets[i] = name
    return outlets


def template_keys(doc_text: str, norm_lines: list[str] | None = None) -> set[str]:
    """Normalised non-empty lines of a page: the unit counted across pages of an outlet.

    ``norm_lines``: the page's lines already normalised (:func:`normalised_lines`), to skip that step.
    """
    return {k for k in (normalised_lines(doc_text) if norm_lines is None else norm_lines) if k}


def normalised_lines(doc_text: str) -> list[str]:
    """Every line of a page lower-cased, with whitespace runs as one space, stripped ("" for a blank line)."""
    return [_norm_line(ln) for ln in doc_text.splitlines()]


STORY_LINE_WORDS = 8  # lines this long are the story's own text when comparing pages


def story_signature(doc_text: str, norm_lines: list[str] | None = None):
    """MinHash signature of the text of a page's long lines (:data:`STORY_LINE_WORDS` words or more), or ``None``.

    Two pages with similar signatures tell the same story (a page and its
    syndicated copy, the same article saved twice, a page and its text in a
    database export): the lines they share are the story, not the site.
    ``norm_lines`` as in :func:`template_keys`.
    """
    from .dedup import text_signature

    norm_lines = normalised_lines(doc_text) if norm_lines is None else norm_lines
    long_lines = [k for k in norm_lines if k.count(" ") + 1 >= STORY_LINE_WORDS]
    # word 5-grams of the long lines' text, so that the same story wrapped at
    # different widths (or as one line per paragraph) still matches
    return text_signature(" ".join(long_lines))


def story_groups(texts) -> list[int]:
    """For each page, the index of the first page telling the same story (itself if none)."""
    from .dedup import similar_groups

    return similar_groups([story_signature(t) for t in texts], threshold=STORY_SIMILARITY)


STORY_SIMILARITY = 0.5


def site_template_lines(docs_outlets) -> dict[str, frozenset]:
    """Lines that repeat on two or more stories of the same outlet, per outlet.

    ``docs_outlets`` yields ``(text, outlet)``. A line shared by pages of one
    site that tell *different* stories is evidence of its template (menus,
    footers, "Read more"); pages telling the same story (:func:`story_groups`)
    count once, so a story saved twice does not turn its own short lines into
    template.
    """
    items = list(docs_outlets)
    groups = story_groups([text for text, _ in items])
    group_keys: dict[tuple[str, int], set] = defaultdict(set)
    for (text, outlet), g in zip(items, groups):
        if outlet:
            group_keys[(outlet, g)] |= template_keys(text)
    per_outlet: dict[str, Counter] = defaultdict(Counter)
    for (outlet, _), keys in group_keys.items():
        per_outlet[outlet].update(keys)
    return {o: frozenset(k for k, n in c.items() if n >= 2) for o, c in per_outlet.items()}


def _apply_extracted_body(columns: dict[str, list], extracted: str) -> str:
    """Relabel the line audit of an HTML page whose body an HTML extractor found; return the body.

    ``columns``: the page's line table as column lists
    (:func:`newsframe.reading.clean.classify_columns`), changed in place. The body is
    the extractor's text (trafilatura works on the markup, which a text
    cleaner never sees). Each visible line it kept is labelled ``body``; a
    line the text cleaner kept but the extractor left out becomes ``other``
    with that reason; every other line keeps the text cleaner's label.
    """
    norm_body = _norm_line(extracted)
    labels, reasons = columns["label"], columns["reason"]
    for i, t in enumerate(columns["text"]):
        kept = bool(t.strip()) and _norm_line(t) in norm_body
        if kept and labels[i] != "body":
            labels[i], reasons[i] = "body", "in the main text found by trafilatura in the HTML"
        elif not kept and labels[i] == "body":
            labels[i], reasons[i] = "other", "left out of the main text by trafilatura (HTML)"
    return extracted.strip()


def process_document(doc, outlet: str = "", country: str = "", row: dict | None = None,
                     site_lines=frozenset()) -> tuple[dict, dict[str, list]]:
    """Clean one document and read its metadata: ``(article record, line columns)``.

    ``doc`` is a :class:`newsframe.reading.formats.Document`; ``site_lines`` the
    template lines of its outlet (:func:`site_template_lines`). Metadata given
    in the manifest row or in the input (title, published) wins over what is
    read from the page. The record also holds the document's extra columns
    (:func:`user_values`). The line columns are :data:`LINE_COLUMNS` as lists;
    :func:`line_table` makes one DataFrame of many documents' columns.
    """
    row = row or {}
    lines = doc.text.split("\n")
    columns = clean.classify_columns(lines, site_boilerplate=site_lines)
    if doc.extracted_body:
        body = _apply_extracted_body(columns, doc.extracted_body)
    else:
        body = clean.assemble_body(columns)
    info = meta.extract_metadata(columns, body, outlet=outlet)
    if doc.meta.get("title"):
        info["headline"] = doc.meta["title"]
    published = row.get("published") or doc.meta.get("published")
    if published:
        found = meta.published_from_manifest(published)
        if found and not row.get("published"):
            found["published_source"] = "input metadata"
        info.update(found)
    record = {
        "id": doc.id, "file": str(doc.source), "url": doc.meta.get("url", ""), "outlet": outlet,
        "country": country, **info, "body": body, "n_words": _count_words(body),
        "input_notes": "; ".join(doc.notes), **user_values(doc, row),
    }
    columns = {"id": [doc.id] * len(lines), **columns}
    return record, {c: columns[c] for c in LINE_COLUMNS}


def line_columns(columns_of_documents) -> dict[str, list]:
    """The line columns (:data:`LINE_COLUMNS`) of many documents of :func:`process_document`, joined."""
    from itertools import chain

    parts = list(columns_of_documents)
    return {c: list(chain.from_iterable(cols[c] for cols in parts)) for c in LINE_COLUMNS}


def line_table(columns_of_documents) -> pd.DataFrame:
    """One line table (:data:`LINE_COLUMNS`) from the line columns of :func:`process_document`."""
    return pd.DataFrame(line_columns(columns_of_documents), columns=LINE_COLUMNS)


WORD = re.compile(r"\w+")


def _count_words(text: str) -> int:
    """``len(WORD.findall(text))``, without the list of words where :func:`newsframe.reading.clean.ascii_words` can split."""
    words = clean.ascii_words(text)
    return len(words) if words is not None else len(WORD.findall(text))


def assemble_articles(records: list[dict], *, extra_columns=()) -> pd.DataFrame:
    """The article table from records of :func:`process_document` (years inferred, columns ordered).

    Columns: :data:`ARTICLE_COLUMNS`, then ``extra_columns`` (the manifest's and the inputs' own
    columns, :func:`manifest_columns` + :func:`input_columns`) as strings, "" where a record has none.
    """
    articles = pd.DataFrame.from_records(records)
    if not articles.empty:
        articles["published"] = articles["published"].astype(object)
        articles = meta.infer_missing_years(articles)
    extra = [c for c in dict.fromkeys(extra_columns) if c not in ARTICLE_COLUMNS]
    articles = articles.reindex(columns=ARTICLE_COLUMNS + extra)
    for c in extra:
        articles[c] = [v if isinstance(v, str) else "" for v in articles[c]]
    return articles


def read_documents(path, *, format: str = "auto"):
    """Documents of the inputs; then :class:`CorpusWarning` s naming the files that could not be read
    and those read with a repair (the first ones by name, the others counted: :func:`warn_files`)."""
    from .formats import InputProblem, iter_documents

    problems, notes = [], []
    for item in iter_documents(path, format=format):
        if isinstance(item, InputProblem):
            problems.append(item.message)
            continue
        notes.extend(f"{item.source}: {note}" for note in item.notes)
        yield item
    warn_files(problems, what="could not be read", stacklevel=4,
               where="newsframe.reading.input_problems(path) lists them all.")
    warn_files(notes, what="were read with a repair", stacklevel=4,
               where="Each article's repairs are in the input_notes column of the article table.")


# --------------------------------------------------------------------------- main entry
PROGRESS_MIN_FILES = 200  # show a progress bar from this many files on


def load_corpus(path, manifest=None, *, with_lines: bool = False, progress: bool | None = None,
                format: str = "auto"):
    """Load raw article dumps into one row per article.

    Parameters
    ----------
    path : a folder (its text, HTML, JSONL, CSV files, ``.gz`` too, plus its
        ``manifest.csv`` if present), a list of files, or a corpus built with
        ``python -m newsframe build`` (a ``.parquet`` folder).
    manifest : path of a manifest CSV (``file, outlet, country, notes``);
        overrides the folder's own.
    with_lines : also return the line audit table.
    progress : show a progress bar (tqdm, on stderr); default: only for
        corpora of :data:`PROGRESS_MIN_FILES` files or more.
    format : ``auto`` (detected per file) or one of ``text, html, jsonl, csv``.

    Returns
    -------
    ``articles`` (columns :data:`ARTICLE_COLUMNS`, then every other column of
    the manifest and of JSONL/CSV records as strings, see :func:`user_column_name`
    and :func:`group_columns`), or ``(articles, lines)``
    where ``lines`` has one row per input line (:data:`LINE_COLUMNS`): every
    line of every file that could be read appears exactly once, with the label
    the cleaner gave it and the reason. Near-duplicate articles are flagged in
    ``duplicate_of`` (see :func:`newsframe.reading.dedup.flag_duplicates`), never dropped.
    """
    from ..stored import is_built_corpus, read_built_corpus

    if is_built_corpus(path):
        return read_built_corpus(path, with_lines=with_lines)
    from .formats import list_inputs

    files = list_inputs(path)
    found_manifest = Path(path) / MANIFEST_NAME if isinstance(path, (str, Path)) and Path(path).is_dir() else None
    found_manifest = found_manifest if found_manifest is not None and found_manifest.exists() else None
    man = read_manifest(manifest or found_manifest) if (manifest or found_manifest) else {}

    docs = list(read_documents(path, format=format))
    outlets = {d.id: page_outlet(d, man) for d in docs}
    guessed = [not (row.get("outlet") or d.meta.get("outlet")) for d, (_, _, row) in
               ((d, outlets[d.id]) for d in docs)]
    agreed = agree_on_outlets((d.text for d in docs), [outlets[d.id][0] for d in docs], guessed)
    outlets = {d.id: (name, *outlets[d.id][1:]) for d, name in zip(docs, agreed)}
    if man and isinstance(path, (str, Path)) and Path(path).is_dir():
        warn_unmatched_manifest(manifest or found_manifest, man, (row.get("file") for _, _, row in outlets.values()))
    warn_unknown_outlets(d.source for d in docs if not outlets[d.id][0])
    extra_columns = manifest_columns(man) + input_columns(docs)
    site_lines = site_template_lines((d.text, outlets[d.id][0]) for d in docs)

    from tqdm import tqdm

    show = progress if progress is not None else len(files) >= PROGRESS_MIN_FILES
    records, line_tables = [], []
    for doc in tqdm(docs, desc="cleaning", unit="page", disable=not show):
        outlet, country, row = outlets[doc.id]
        record, table = process_document(doc, outlet, country, row, site_lines.get(outlet, frozenset()))
        records.append(record)
        line_tables.append(table)

    articles = assemble_articles(records, extra_columns=extra_columns)
    from .dedup import flag_duplicates

    articles = flag_duplicates(articles)
    lines_df = line_table(line_tables)
    return (articles, lines_df) if with_lines else articles


# --------------------------------------------------------------------------- views for students
REMOVED_TEXT_WIDTH = 90


def overview(articles: pd.DataFrame) -> pd.DataFrame:
    """What is in the corpus: one small row per article, sorted by publication date."""
    view = articles[["id", "outlet", "headline", "published", "credited_sources", "n_words"]].copy()
    view["published"] = [p.strftime("%Y-%m-%d %H:%M %Z").strip() + (" (year inferred)" if inf else "")
                         if isinstance(p, pd.Timestamp) else "not found"
                         for p, inf in zip(articles["published"], articles["published_inferred"])]
    view["credited_sources"] = [", ".join(c) if isinstance(c, list) else "" for c in articles["credited_sources"]]
    view["headline"] = view["headline"].fillna("(no headline on the page)")
    order = articles["published"].map(lambda p: p.tz_localize(None) if isinstance(p, pd.Timestamp) and p.tzinfo else p)
    view = view.assign(_order=pd.to_datetime(order, errors="coerce")).sort_values(["_order", "id"], na_position="last")
    return view.drop(columns="_order").reset_index(drop=True)


def label_counts(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines per article (rows) and label (columns), blank lines left out."""
    kept = lines[lines["label"] != "blank"]
    table = pd.crosstab(kept["id"], kept["label"])
    order = [lab for lab in clean.LABELS if lab in table.columns]
    return table[order]


def removed_lines(lines: pd.DataFrame, article_id: str | None = None, *, width: int = REMOVED_TEXT_WIDTH) -> pd.DataFrame:
    """Lines that did not go into a body, with label and reason, text shortened to ``width``."""
    out = lines[~lines["label"].isin(["body", "blank"])]
    if article_id is not None:
        out = out[out["id"] == article_id]
    out = out[["id", "line_no", "label", "reason", "text"]].copy()
    out["text"] = [t.strip() if len(t.strip()) <= width else t.strip()[: width - 1] + "…" for t in out["text"]]
    return out.reset_index(drop=True)
