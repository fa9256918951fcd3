"""Read corpora in several input formats into uniform :class:`Document` objects.

:func:`iter_documents` takes a folder, a file or a list of them and yields one
:class:`Document` per article, or an :class:`InputProblem` for input that
cannot be read (the rest of the corpus is still read). :func:`list_inputs`
gives the files it would read; :func:`detect_format` the format of one file.

Accepted formats (:data:`FORMATS`), detected per file from the suffix (after
stripping ``.gz``) or, when the suffix says nothing, from the first bytes:

``text`` (``.txt``, ``.text``)
    one article per file: the raw page text (a text dump of a web page). Bytes
    are decoded and repaired by :func:`newsframe.reading.decoding.decode_bytes`.
``html`` (``.html``, ``.htm``)
    one web page per file. ``Document.text`` is the visible text of the whole
    page (:func:`newsframe.reading.decoding.html_to_text`, one block per line, so the
    cleaning audit can show every removed line); ``Document.extracted_body``
    is the main text found by trafilatura (paragraphs separated by a blank
    line), and the page's title, date, site name and canonical URL go into
    ``Document.meta``.
``jsonl`` (``.jsonl``, ``.ndjson``, ``.json``)
    one JSON object per line (blank lines skipped); also a file holding one
    JSON array of such objects, a stream of (pretty-printed) objects, or one
    object whose only list of objects holds the records (``{"articles": [...]}``,
    as NewsAPI returns).
``csv`` (``.csv``, ``.tsv``)
    a table with a header row; delimiter comma, tab (always for ``.tsv``) or
    semicolon, whichever the header line uses most.

Records of JSONL and CSV files are matched to fields by column name, case- and
punctuation-insensitively (``publishedAt`` = ``published_at`` = ``Published At``).
The alias lists are the column names common news exports use (news-please,
Media Cloud, GDELT/CommonCrawl-news dumps, NewsAPI, scraper CSVs); they live
in ``data/input_columns.csv`` (add rows through ``NEWSFRAME_DATA``):

* text (first non-empty wins): text, body, content, article, maintext, full_text
* id: id, doc_id, article_id, uuid
* url: url, link, source_url
* outlet: outlet, source, source_name, site_name, publisher, media_name, domain,
  source_domain (a JSON object value gives its ``name`` or ``title``)
* published: published, date, publish_date, pub_date, published_at,
  date_publish, publication_date, timestamp
* title: title, headline
* country: country

Every other column of a record (one that is none of these aliases, e.g.
``section`` or ``language``) goes into ``Document.extra`` as a string, and
:func:`newsframe.load_corpus` makes it a column of the article table.

A record whose text looks like an HTML page is treated like an HTML file; its
own columns win over the metadata found in the page. A malformed line or row,
or a record without text, gives an :class:`InputProblem` naming ``file:line``
and the other records are read.

Ids: the file stem for one-document files; for records the id column, else
``<file stem>-<record number, 6 digits>`` (records counted from 1 in file
order, blank lines not counted, broken records counted so that the numbers do
not shift when one is fixed). ``Document.source`` is ``path`` or ``path:line``
(the line the record starts on; a CSV header is line 1). Ids are unique across
the whole corpus: a repeated id gets a suffix ``-2``, ``-3`` ... and a note.

Why trafilatura for HTML: it is the best-scoring open-source main-text
extractor on the Article Extraction Benchmark (Scrapinghub/Zyte, 2020), ranks
among the best in independent comparisons (e.g. Bevendorff et al., SIGIR
2023), is maintained, and works offline on a string, deterministically. On the
64 benchmark pages in ``shared/benchmarks/boilerplate/dev`` it gives F1 0.967
with the options in :data:`TRAFILATURA_OPTIONS` (``bench/html_bench.py``;
trafilatura 2.3; 1.6 gives 0.960).
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import re
import warnings
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .decoding import InputError, decode_bytes, html_to_text, looks_like_html
from .records import (META_FIELDS, alias_squashes, column_aliases, csv_records, field_keys, json_records, squash,
    strip_gz)
# public names of the module split off, importable from here as before
from .records import COLUMNS_FILE  # noqa: F401

__all__ = ["Document", "InputProblem", "FORMATS", "META_FIELDS", "detect_format", "iter_documents",
           "list_inputs", "column_aliases", "extract_html"]

FORMATS = ("text", "html", "jsonl", "csv")
SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}
MANIFEST_NAME = "manifest.csv"
SNIFF_BYTES = 65536
GZIP_MAGIC = b"\x1f\x8b"
# trafilatura.extract options: the combination with the best F1 on the benchmark dev pages
TRAFILATURA_OPTIONS = dict(output_format="txt", include_comments=False, include_tables=True,
                           favor_precision=False, with_metadata=False)


@dataclass
class Document:
    """One article of the corpus, whatever the input format."""

    id: str
    text: str
    source: str
    notes: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    extracted_body: str | None = None
    # a record's other columns (no alias of data/input_columns.csv): stripped name -> string value
    extra: dict = field(default_factory=dict)


@dataclass
class InputProblem:
    """Input that could not be turned into a document; ``message`` names the file (and line)."""

    source: str
    message: str


def _extra_value(value) -> str:
    """A column value that is no field as a string: :func:`_scalar`, or JSON for an object it cannot name."""
    text = _scalar(value)
    if not text and isinstance(value, (dict, list, tuple)) and value:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text


def _extra_columns(record: dict) -> dict[str, str]:
    """The columns of a record that are no alias of any field (stripped name -> string value)."""
    known = alias_squashes(os.environ.get("NEWSFRAME_DATA", ""))
    out: dict[str, str] = {}
    for k, v in record.items():
        name = str(k).strip() if k is not None else ""
        if name and squash(name) not in known and name not in out:
            out[name] = _extra_value(v)
    return out


def _scalar(value) -> str:
    """A metadata value as a stripped string ('' when there is none)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        low = {str(k).lower(): v for k, v in value.items()}
        for k in ("name", "title"):
            if _scalar(low.get(k)):
                return _scalar(low[k])
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(s for s in map(_scalar, value) if s)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _text_value(value) -> str:
    if isinstance(value, (list, tuple)):  # a list of paragraphs
        return "\n\n".join(s for s in (_text_value(v) for v in value) if s.strip())
    if value is None or isinstance(value, dict):
        return ""
    return value if isinstance(value, str) else str(value)


def _first(record: dict, keys: tuple[str, ...], conv) -> tuple[str | None, str]:
    for k in keys:
        v = conv(record.get(k))
        if v.strip():
            return k, v
    return None, ""


def _stem(path: Path) -> str:
    return Path(strip_gz(path.name)).stem


def list_inputs(paths) -> list[Path]:
    """The files :func:`iter_documents` reads, in order.

    ``paths``: a folder, a file, or a list of them. A folder gives its files
    sorted by name (not recursive), except hidden files and ``manifest.csv``.
    Raises :class:`FileNotFoundError` naming the missing paths.
    """
    items = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(p) for p in paths]
    missing = [p for p in items if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or directory: {', '.join(map(str, missing))}")
    files: list[Path] = []
    for p in items:
        if p.is_dir():
            files += sorted((f for f in p.iterdir()
                             if f.is_file() and not f.name.startswith(".") and f.name.lower() != MANIFEST_NAME),
                            key=lambda f: f.name)
        else:
            files.append(p)
    seen, out = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")


def _sniff(head: bytes) -> str:
    """Format from the first bytes of a file; ``text`` when nothing else fits."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            enc = "utf-8" if bom == codecs.BOM_UTF8 else "utf-16"
            head = head[len(bom):].decode(enc, errors="ignore").encode("utf-8")
            break
    text = head.decode("utf-8", errors="replace").lstrip()
    if text.startswith("{"):
        first = text.split("\n", 1)[0].strip()
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
        if re.match(r'\{\s*("|\}|$)', text):
            return "jsonl"
    if re.match(r"\[\s*(\{|\]|$)", text):
        return "jsonl"
    if text.startswith("<") and (looks_like_html(text) or len(_TAG.findall(text[:5000])) >= 2):
        return "html"
    header = text.split("\n", 1)[0]
    for delim in ("\t", ",", ";"):
        if delim in header:
            cells = {squash(c.strip().strip('"')) for c in header.split(delim)}
            if cells & {squash(a) for a in column_aliases()["text"]}:
                return "csv"
    return "text"


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if head.startswith(GZIP_MAGIC):
        try:
            with gzip.open(path, "rb") as fh:
                head = fh.read(SNIFF_BYTES)
        except (OSError, EOFError, zlib.error):
            pass
    return head


def _detect(path: Path, head: bytes | None) -> str:
    fmt = SUFFIX_FORMATS.get(Path(strip_gz(path.name)).suffix.lower())
    if fmt:
        return fmt
    if head is None:
        try:
            head = _read_head(path)
        except OSError:
            return "text"
    return _sniff(head)


def detect_format(path) -> str:
    """The format of one file (one of :data:`FORMATS`).

    By suffix, after stripping ``.gz``: ``.txt``/``.text`` text, ``.html``/``.htm``
    (also ``.xhtml``) html, ``.jsonl``/``.ndjson``/``.json`` jsonl, ``.csv``/``.tsv`` csv. A file
    without a suffix or with another one is sniffed: ``{`` or ``[{`` -> jsonl,
    markup -> html, a header line with a text column -> csv, else text.
    """
    return _detect(Path(path), None)


# --------------------------------------------------------------------------- decoding
def _read_bytes(path: Path) -> tuple[bytes, list[str]]:
    data = path.read_bytes()
    notes: list[str] = []
    named_gz = path.name.lower().endswith(".gz")
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
        if not named_gz:
            notes.append("gzip-compressed without .gz suffix: decompressed")
    elif named_gz and data:
        notes.append("named .gz but not gzip-compressed: read as is")
    return data, notes


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_raw(data: bytes, name: str, *, html: bool = False) -> tuple[str, list[str]]:
    """Bytes to text like :func:`newsframe.reading.decoding.decode_bytes`, without repairs or HTML conversion.

    For HTML, a ``<meta charset>`` declaration is tried before detection.
    """
    from .decoding import decode_raw

    m = _META_CHARSET.search(data[:4096]) if html and data else None
    return decode_raw(data, name, declared=m.group(1).decode("ascii", "replace") if m else None)


def _repair(text: str) -> tuple[str, list[str]]:
    """Mojibake/control-character repair and line-break normalisation (as in decode_bytes)."""
    from .decoding import repair_text

    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed = repair_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return fixed, (["mojibake or control characters repaired (ftfy)"] if fixed != plain else [])


# --------------------------------------------------------------------------- HTML
def _get(obj, name):
    if obj is None:
        return None
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def extract_html(html: str, *, url: str | None = None) -> tuple[str | None, dict[str, str], list[str]]:
    """Main text and metadata of an HTML page with trafilatura (offline).

    Returns ``(body, meta, notes)``: ``body`` has one paragraph per block,
    separated by a blank line, or is ``None`` when trafilatura finds no main
    text; ``meta`` has ``title``, ``published`` (ISO date), ``outlet`` (site
    name) and ``url`` when the page gives them. No mojibake repair here (see
    :func:`iter_documents`, which repairs when the page's visible text needs it).
    """
    import trafilatura

    notes: list[str] = []
    try:
        raw = trafilatura.extract(html, url=url or None, **TRAFILATURA_OPTIONS)
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop the corpus
        raw = None
        notes.append(f"HTML page: trafilatura failed ({type(exc).__name__}: {exc})")
    paragraphs = [ln.strip() for ln in (raw or "").split("\n") if ln.strip()]
    body = "\n\n".join(paragraphs) or None
    if body is not None:
        notes.append("HTML page: body extracted with trafilatura")
    elif not notes:
        notes.append("HTML page: trafilatura found no main text")
    meta: dict[str, str] = {}
    try:
        found = trafilatura.extract_metadata(html, default_url=url or None)
    except Exception:  # noqa: BLE001
        found = None
    for ours, theirs in (("title", "title"), ("published", "date"), ("outlet", "sitename"), ("url", "url")):
        value = _get(found, theirs)
        if isinstance(value, str) and value.strip():
            meta[ours] = value.strip()
    return body, meta, notes


def _html_document(html: str, *, id: str, source: str, notes: list[str], meta: dict,
                   extra: dict | None = None) -> Document | InputProblem:
    visible, fixes = _repair(html_to_text(html))
    if not visible.strip():
        return InputProblem(source, f"{source}: HTML without visible text")
    body, page_meta, body_notes = extract_html(html, url=meta.get("url"))
    if fixes:  # the page needed repairs, so its main text and metadata do too (ftfy is slow: not otherwise)
        body = _repair(body)[0] if body else body
        page_meta = {k: _repair(v)[0] for k, v in page_meta.items()}
    return Document(id=id, text=visible, source=source, notes=notes + fixes + body_notes,
                    meta={**page_meta, **meta}, extracted_body=body, extra=dict(extra or {}))


# --------------------------------------------------------------------------- records to documents
def _record_document(rec, *, source: str, number: int, stem: str, notes: list[str]) -> Document | InputProblem:
    if not isinstance(rec, dict):
        return InputProblem(source, f"{source}: not a JSON object but {type(rec).__name__}")
    keys = field_keys(rec)
    if not keys["text"]:
        return InputProblem(source, f"{source}: no text column (expected one of: "
                                    f"{', '.join(column_aliases()['text'])})")
    text_key, text = _first(rec, keys["text"], _text_value)
    if text_key is None:
        return InputProblem(source, f"{source}: empty text (column {keys['text'][0]!r})")
    ident = _first(rec, keys["id"], _scalar)[1] or f"{stem}-{number:06d}"
    meta = {f: v for f in META_FIELDS if (v := _first(rec, keys[f], _scalar)[1])}
    extra = _extra_columns(rec)
    if looks_like_html(text):
        return _html_document(text, id=ident, source=source, meta=meta, extra=extra,
                              notes=notes + [f"HTML in column {text_key!r}: converted to visible text"])
    text, fixes = _repair(text)
    return Document(id=ident, text=text, source=source, notes=notes + fixes, meta=meta, extra=extra)


def _file_documents(path: Path, fmt: str) -> Iterator[Document | InputProblem]:
    name = str(path)
    try:
        data, notes = _read_bytes(path)
    except (OSError, EOFError, zlib.error) as exc:
        kind = "not a valid gzip file" if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)) else "cannot be read"
        yield InputProblem(name, f"{name}: {kind} ({getattr(exc, 'strerror', None) or exc})")
        return
    if fmt == "auto":
        fmt = _detect(path, data[:SNIFF_BYTES])
    try:
        if fmt == "text":
            text, dnotes = decode_bytes(data, name)
            yield Document(id=_stem(path), text=text, source=name, notes=notes + dnotes)
            return
        text, dnotes = _decode_raw(data, name, html=fmt == "html")
    except InputError as exc:
        yield InputProblem(name, str(exc))
        return
    notes += dnotes
    if fmt == "html":
        if not _TAG.search(text[:SNIFF_BYTES]):
            text, fixes = _repair(text)
            yield Document(id=_stem(path), text=text, source=name, notes=notes + fixes + ["no HTML tags: read as text"])
        else:
            yield _html_document(text, id=_stem(path), source=name, notes=notes, meta={})
        return
    records = json_records(text) if fmt == "jsonl" else csv_records(text, path)
    stem = _stem(path)
    for number, (line, rec, err, rnotes) in enumerate(records, 1):
        source = f"{name}:{line}"
        if err is not None:
            yield InputProblem(source, f"{source}: {err}")
        else:
            yield _record_document(rec, source=source, number=number, stem=stem, notes=notes + rnotes)


def iter_documents(paths, *, format: str = "auto") -> Iterator[Document | InputProblem]:
    """Documents of a corpus, and problems with its input, in file order.

    ``paths``: a folder, a file, or a list of them (see :func:`list_inputs`).
    ``format``: ``"auto"`` detects each file's format (:func:`detect_format`);
    a value of :data:`FORMATS` forces it for all files. ``.gz`` files are read
    transparently. Unreadable input gives an :class:`InputProblem` and the rest
    is read. Ids are unique: a repeated id gets ``-2``, ``-3`` ... and a note.
    Raises :class:`FileNotFoundError` (missing path) and :class:`ValueError`
    (unknown format) at once, before iterating.
    """
    if format != "auto" and format not in FORMATS:
        raise ValueError(f"unknown input format {format!r}: use 'auto' or one of {', '.join(FORMATS)}")
    files = list_inputs(paths)
    return _unique_ids(d for f in files for d in _file_documents(f, format))


def _unique_ids(items: Iterable[Document | InputProblem]) -> Iterator[Document | InputProblem]:
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document):
            if item.id in seen:
                base, k = item.id, 2
                while f"{base}-{k}" in seen:
                    k += 1
                item.id = f"{base}-{k}"
                item.notes.append(f"id {base!r} already used by {seen[base]}: renamed to {item.id!r}")
            seen[item.id] = item.source
        yield item


# --------------------------------------------------------------------------- telling the user
class CorpusWarning(UserWarning):
    """A file of the corpus could not be read, or was read with a repair."""


def _format_warning(message, category, filename, lineno, line=None, _default=warnings.formatwarning):
    """A :class:`CorpusWarning` is shown as one plain line ("CorpusWarning: page.txt: empty file"), without
    the notebook cell's file name and source line; every other warning as Python shows it."""
    if isinstance(category, type) and issubclass(category, CorpusWarning):
        return f"{category.__name__}: {message}\n"
    return _default(message, category, filename, lineno, line)


def corpus_warning(message: str, *, stacklevel: int = 2) -> None:
    """Warn with a :class:`CorpusWarning`, shown as one plain line. Python's ``warnings.formatwarning``
    is replaced only while the warning is shown, so other libraries' warnings keep their form."""
    saved = warnings.formatwarning
    warnings.formatwarning = _format_warning
    try:
        warnings.warn(message, CorpusWarning, stacklevel=stacklevel + 1)
    finally:
        warnings.formatwarning = saved


WARNINGS_SHOWN = 10   # files named one by one in warnings; the others are counted in one warning more


def warn_files(messages: list[str], *, what: str, where: str, stacklevel: int = 3) -> None:
    """One :class:`CorpusWarning` per message (each names its file) for the first :data:`WARNINGS_SHOWN`,
    then one that counts the others by kind ("2,310 more files were read with a repair: mojibake ...
    repaired (2,300), ..."), so that a corpus of thousands of pages does not bury the notebook.
    ``what``: what happened to the files; ``where``: where the full list is."""
    for m in messages[:WARNINGS_SHOWN]:
        corpus_warning(m, stacklevel=stacklevel + 1)
    rest = messages[WARNINGS_SHOWN:]
    if rest:
        kinds = Counter(m.split(": ", 1)[1] if ": " in m else m for m in rest)
        shown = "; ".join(f"{k} ({n:,})" for k, n in kinds.most_common(5))
        more = f"; {len(kinds) - 5:,} other kinds" if len(kinds) > 5 else ""
        corpus_warning(f"{len(rest):,} more file(s) {what}: {shown}{more}. {where}", stacklevel=stacklevel + 1)


def input_problems(paths, *, format: str = "auto") -> list[InputProblem]:
    """Every input of ``paths`` that could not be read, with its message (what the warnings of
    :func:`newsframe.load_corpus` count after the first :data:`WARNINGS_SHOWN`). Reads the corpus again."""
    return [item for item in iter_documents(paths, format=format) if isinstance(item, InputProblem)]
