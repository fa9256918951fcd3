"""Load a folder of raw article dumps into pandas DataFrames.

:func:`load_corpus` is the one entry point for data. For each file it

1. reads the bytes and decodes them (UTF-8, UTF-8 with BOM, then the
   encoding ``charset-normalizer`` detects, cp1252 as last resort), repairs
   mojibake such as ``â€™`` with ``ftfy``, and turns an HTML file handed in as
   text into text;
2. classifies every line with :func:`newsframe.clean.classify_lines`, giving
   it the lines that repeat across pages of the same outlet as evidence;
3. reads the headline, publication date, dateline, byline and credited
   sources with :mod:`newsframe.meta`.

Bad input never stops the corpus: an empty, binary or undecodable file gives
a :class:`CorpusWarning` naming the file, and the other files are processed.
"""
from __future__ import annotations

import csv
import re
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from . import clean, meta

ARTICLE_COLUMNS = [
    "id", "file", "outlet", "country", "headline", "published", "published_text",
    "published_inferred", "published_source", "dateline", "byline", "credited_sources",
    "body", "n_words", "input_notes",
]
LINE_COLUMNS = ["id", "line_no", "text", "label", "reason"]
TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ""}
MANIFEST_NAME = "manifest.csv"
# Single-byte encodings that charset detection confuses on short Western text;
# all are read as cp1252, the superset that also maps curly quotes in 0x80-0x9f.
WESTERN_SINGLE_BYTE = {"ascii", "latin_1", "iso8859_1", "iso8859_2", "iso8859_15", "cp1250", "cp1252",
                       "mac_roman", "mac_latin2", "cp850", "cp437"}


class CorpusWarning(UserWarning):
    """A file of the corpus could not be read, or was read with a repair."""


class InputError(ValueError):
    """A file that cannot be turned into text (empty, binary, undecodable)."""


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
class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "header", "footer", "nav", "aside", "blockquote", "figcaption", "title"}
    SKIP = {"script", "style", "noscript", "template", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, one block element per line (stdlib parser)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [ln.strip() for ln in "".join(parser.parts).split("\n")]
    out, blank = [], False
    for ln in lines:
        if ln:
            out.append(ln)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip("\n")


_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|span|script|a\s+href|meta|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than a text dump (many HTML tags at the top)."""
    head = text[:20000]
    return len(_HTML_TAG.findall(head)) >= 3 and head.lstrip()[:1] == "<" or bool(
        re.match(r"\s*<!doctype html|\s*<html", head, re.I))


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode raw bytes to text; return ``(text, notes)``; raise :class:`InputError`."""
    notes: list[str] = []
    if not data:
        raise InputError(f"{name}: empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary file (NUL bytes), not a text dump")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        notes.append("UTF-8 byte-order mark removed")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        notes.append("decoded as UTF-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            enc = best.encoding if best is not None else "cp1252"
            if enc in WESTERN_SINGLE_BYTE:
                enc = "cp1252"  # detection is unsure between these on short text; cp1252 is the web's usual one
            try:
                text = data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                text = data.decode("cp1252", errors="replace")
                enc = "cp1252 (with replacement characters)"
            notes.append(f"not UTF-8: decoded as {enc}")
    if not text.strip():
        raise InputError(f"{name}: contains only whitespace")
    import ftfy

    fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True, normalization="NFC",
                          fix_character_width=False)
    if fixed != text.replace("\r\n", "\n").replace("\r", "\n"):
        notes.append("mojibake or control characters repaired (ftfy)")
    text = fixed.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("HTML given as text: converted to visible text")
        if not text.strip():
            raise InputError(f"{name}: HTML without visible text")
    return text, notes


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


def _list_files(path) -> tuple[list[Path], Path | None]:
    if isinstance(path, (str, Path)) and Path(path).is_dir():
        folder = Path(path)
        files = sorted(p for p in folder.iterdir()
                       if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith("."))
        manifest = folder / MANIFEST_NAME
        return files, manifest if manifest.exists() else None
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or directory: {', '.join(map(str, missing))}")
    files: list[Path] = []
    for p in paths:
        files += _list_files(p)[0] if p.is_dir() else [p]
    return files, None


# --------------------------------------------------------------------------- main entry
def _norm_line(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


PROGRESS_MIN_FILES = 200  # show a progress bar from this many files on


def load_corpus(path, manifest=None, *, with_lines: bool = False, progress: bool | None = None):
    """Load raw article dumps into one row per article.

    Parameters
    ----------
    path : a folder (all ``.txt``/``.html`` files in it, plus its
        ``manifest.csv`` if present) or a list of files.
    manifest : path of a manifest CSV (``file, outlet, country, notes``);
        overrides the folder's own.
    with_lines : also return the line audit table.
    progress : show a progress bar (tqdm, on stderr); default: only for
        corpora of :data:`PROGRESS_MIN_FILES` files or more.

    Returns
    -------
    ``articles`` (columns :data:`ARTICLE_COLUMNS`), or ``(articles, lines)``
    where ``lines`` has one row per input line (:data:`LINE_COLUMNS`): every
    line of every file that could be read appears exactly once, with the label
    the cleaner gave it and the reason.
    """
    files, found_manifest = _list_files(path)
    man = read_manifest(manifest or found_manifest) if (manifest or found_manifest) else {}

    pages: list[Page] = []
    for f in files:
        if f.name == MANIFEST_NAME:
            continue
        try:
            pages.append(read_page(f))
        except InputError as exc:
            warnings.warn(str(exc), CorpusWarning, stacklevel=2)
        except OSError as exc:
            warnings.warn(f"{f}: cannot be read ({exc.strerror or exc})", CorpusWarning, stacklevel=2)
        else:
            for note in pages[-1].notes:
                warnings.warn(f"{f}: {note}", CorpusWarning, stacklevel=2)

    # outlet per page: manifest first, else self-identifying text on the page
    outlets: dict[str, tuple[str, str, dict]] = {}
    for pg in pages:
        row = man.get(pg.path.name) or man.get(pg.id) or {}
        outlet = row.get("outlet") or meta.guess_outlet(pg.text.splitlines())
        outlets[pg.id] = (outlet, row.get("country", ""), row)

    # lines repeated on several pages of the same outlet are evidence of templates
    per_outlet: dict[str, Counter] = defaultdict(Counter)
    for pg in pages:
        outlet = outlets[pg.id][0]
        if outlet:
            per_outlet[outlet].update({_norm_line(ln) for ln in pg.text.splitlines() if ln.strip()})
    site_lines = {o: frozenset(k for k, n in c.items() if n >= 2) for o, c in per_outlet.items()}

    from tqdm import tqdm

    show = progress if progress is not None else len(pages) >= PROGRESS_MIN_FILES
    records, line_tables = [], []
    for pg in tqdm(pages, desc="cleaning", unit="page", disable=not show):
        outlet, country, row = outlets[pg.id]
        lines = pg.text.split("\n")
        table = clean.classify_lines(lines, site_boilerplate=site_lines.get(outlet, frozenset()))
        table.insert(0, "id", pg.id)
        body = clean.assemble_body(table)
        info = meta.extract_metadata(table, body, outlet=outlet)
        if row.get("published"):
            info.update(meta.published_from_manifest(row["published"]))
        records.append({
            "id": pg.id, "file": str(pg.path), "outlet": outlet, "country": country,
            **info, "body": body, "n_words": len(re.findall(r"\w+", body)),
            "input_notes": "; ".join(pg.notes),
        })
        line_tables.append(table[LINE_COLUMNS])

    articles = pd.DataFrame.from_records(records)
    if not articles.empty:
        articles["published"] = articles["published"].astype(object)
        articles = meta.infer_missing_years(articles)
    articles = articles.reindex(columns=ARTICLE_COLUMNS)
    lines_df = (pd.concat(line_tables, ignore_index=True) if line_tables
                else pd.DataFrame(columns=LINE_COLUMNS))
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
