"""Records of JSONL and CSV files: one article per record, fields matched by column name.

JSONL files may be one object per line, one JSON array, a stream of pretty-printed objects, or one
object whose only list of objects holds the records (``{"articles": [...]}``, as NewsAPI returns). CSV files are read with
the delimiter (comma, tab, semicolon) their header line uses most. Column names are matched to fields
case- and punctuation-insensitively through ``data/input_columns.csv`` (:func:`column_aliases`:
``publishedAt`` = ``published_at`` = ``Published At``); other columns are kept as extra article
columns.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..resources import read_table

META_FIELDS = ("url", "outlet", "published", "title", "country")
COLUMNS_FILE = "input_columns.csv"


# --------------------------------------------------------------------------- column aliases
def squash(name) -> str:
    """Column name key: lower case, letters and digits only (``publishedAt`` -> ``publishedat``)."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


@lru_cache(maxsize=None)
def _column_aliases_cached(env: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {f: [] for f in ("text", "id", *META_FIELDS)}
    for row in read_table(COLUMNS_FILE):
        fld, alias = row.get("field", "").lower(), row.get("alias", "")
        if fld in out and alias and alias not in out[fld]:
            out[fld].append(alias)
    return {f: tuple(a) for f, a in out.items()}


def column_aliases() -> dict[str, tuple[str, ...]]:
    """Field -> column names that mean it, in priority order (``data/input_columns.csv``)."""
    return _column_aliases_cached(os.environ.get("NEWSFRAME_DATA", ""))


@lru_cache(maxsize=1024)
def _field_keys_cached(keys: tuple[str, ...], env: str) -> dict[str, tuple[str, ...]]:
    by_squash: dict[str, str] = {}
    for k in keys:
        by_squash.setdefault(squash(k), k)
    return {f: tuple(dict.fromkeys(by_squash[s] for s in map(squash, aliases) if s in by_squash))
            for f, aliases in _column_aliases_cached(env).items()}


@lru_cache(maxsize=None)
def alias_squashes(env: str) -> frozenset[str]:
    return frozenset(squash(a) for aliases in _column_aliases_cached(env).values() for a in aliases)


def field_keys(keys: Iterable) -> dict[str, tuple[str, ...]]:
    """Field -> the record's own keys that can hold it, in alias priority order."""
    return _field_keys_cached(tuple(str(k) for k in keys), os.environ.get("NEWSFRAME_DATA", ""))


# --------------------------------------------------------------------------- listing and detection
def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


# --------------------------------------------------------------------------- JSON records
_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")


class _LineCounter:
    """Line number of a character offset, for offsets given in increasing order."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def __call__(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _json_error(exc: json.JSONDecodeError, *, with_line: bool = False) -> str:
    where = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
    return f"not valid JSON ({exc.msg} at {where})"


def _scan_array(text: str, pos: int, lines: _LineCounter) -> Iterator[tuple[int, object, str | None]]:
    """Elements of the JSON array starting at ``text[pos] == '['`` with their start lines."""
    pos = _WS.match(text, pos + 1).end()
    if text.startswith("]", pos):
        return
    while True:
        line = lines(pos)
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield exc.lineno, None, _json_error(exc) + "; the rest of the file is skipped"
            return
        yield line, obj, None
        pos = _WS.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()
        elif text.startswith("]", pos):
            rest = _WS.match(text, pos + 1).end()
            if rest < len(text):
                yield lines(rest), None, "not valid JSON (extra data after the array); ignored"
            return
        else:
            yield lines(pos), None, ("not valid JSON (expecting ',' or ']' after an array element); "
                                     "the rest of the file is skipped")
            return


def _scan_stream(text: str) -> list[tuple[int, object]] | None:
    """Whitespace-separated (possibly pretty-printed) JSON values, or None if the text is not one."""
    lines, out = _LineCounter(text), []
    pos = _WS.match(text).end()
    while pos < len(text):
        try:
            obj, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError:
            return None
        out.append((lines(pos), obj))
        pos = _WS.match(text, end).end()
    return out


def _wrapped_records(text: str, obj: dict, line: int) -> tuple[str, list[tuple[int, object]]] | None:
    """``{"articles": [{...}, ...], ...}``: the records under the only list of objects."""
    if field_keys(obj)["text"]:
        return None
    lists = [k for k, v in obj.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if len(lists) != 1:
        return None
    key = lists[0]
    m = re.search(re.escape(json.dumps(key)) + r"\s*:\s*\[", text)
    if m:
        found = [(ln, o) for ln, o, err in _scan_array(text, m.end() - 1, _LineCounter(text)) if err is None]
        if [o for _, o in found] == obj[key]:
            return key, found
    return key, [(line, o) for o in obj[key]]


def json_records(text: str) -> Iterator[tuple[int, object, str | None, list[str]]]:
    """(line, record, error, notes) for a JSONL / JSON file."""
    start = _WS.match(text).end()
    if text.startswith("[", start):
        for line, obj, err in _scan_array(text, start, _LineCounter(text)):
            yield line, obj, err, []
        return
    first, pos = True, 0
    for n, raw in enumerate(text.split("\n"), 1):
        end = pos + len(raw) + 1  # offset of the next line
        pos, s = end, raw.strip()
        if not s:
            continue
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as exc:
            if first:
                stream = _scan_stream(text)
                if stream:
                    yield from _unwrap(text, stream)
                    return
            yield n, None, _json_error(exc), []
        else:
            if first and isinstance(obj, dict) and not text[end:].strip():
                yield from _unwrap(text, [(n, obj)])
                return
            yield n, obj, None, []
        first = False


def _unwrap(text: str, items: list[tuple[int, object]]) -> Iterator[tuple[int, object, str | None, list[str]]]:
    if len(items) == 1 and isinstance(items[0][1], dict):
        wrapped = _wrapped_records(text, items[0][1], items[0][0])
        if wrapped:
            key, records = wrapped
            for line, obj in records:
                yield line, obj, None, [f"record read from the JSON list {key!r}"]
            return
    for line, obj in items:
        yield line, obj, None, []


# --------------------------------------------------------------------------- CSV records
def _csv_delimiter(text: str, path: Path) -> str:
    if Path(strip_gz(path.name)).suffix.lower() == ".tsv":
        return "\t"
    header = next((ln for ln in text.split("\n") if ln.strip()), "")
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def csv_records(text: str, path: Path) -> Iterator[tuple[int, dict | None, str | None, list[str]]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text, path))
    header: list[str] | None = None
    prev = 0
    try:
        for row in reader:
            start, prev = prev + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                header = [c.strip().lstrip("\ufeff") for c in row]
                if not field_keys(header)["text"]:
                    yield start, None, (f"no text column in the header (columns: {', '.join(header)}; "
                                        f"expected one of: {', '.join(column_aliases()['text'])})"), []
                    return
                continue
            if len(row) > len(header):
                yield start, None, (f"{len(row)} fields but the header has {len(header)} "
                                    "(a delimiter in an unquoted value, or a broken quote?)"), []
                continue
            rec: dict[str, str] = {}
            for k, v in zip(header, row):
                if k and k not in rec:
                    rec[k] = v
            yield start, rec, None, []
    except csv.Error as exc:
        yield prev + 1, None, f"not valid CSV ({exc}); the rest of the file is skipped", []
