"""One loader for the data files under ``newsframe/data/``.

Lexicons, word lists and phrase families are plain text or CSV files with
``#`` comment lines stating their source. A user can layer their own files
on top without editing the package: put a file of the same name in a folder
and point the environment variable ``NEWSFRAME_DATA`` at it (several folders
separated by ``os.pathsep``), or pass ``extra_dirs``. User lines are *added*
to the shipped ones (word lists) or appended as rows (tables).
"""
from __future__ import annotations

import csv
import io
import os
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _user_dirs(extra_dirs=()) -> list[Path]:
    dirs = [Path(p) for p in os.environ.get("NEWSFRAME_DATA", "").split(os.pathsep) if p]
    dirs += [Path(p) for p in extra_dirs]
    return dirs


def data_files(name: str, *, extra_dirs=()) -> list[Path]:
    """The shipped file ``name`` followed by any user file of the same name."""
    files = [DATA_DIR / name] if (DATA_DIR / name).exists() else []
    files += [d / name for d in _user_dirs(extra_dirs) if (d / name).exists()]
    if not files:
        raise FileNotFoundError(f"no data file named {name!r} in {DATA_DIR} or NEWSFRAME_DATA")
    return files


def _strip_comments(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def _read_lines_cached(name: str, extra_dirs: tuple, env: str) -> tuple[str, ...]:
    out: list[str] = []
    for f in data_files(name, extra_dirs=extra_dirs):
        out += [ln.strip() for ln in _strip_comments(f.read_text(encoding="utf-8"))]
    return tuple(dict.fromkeys(out))


def read_lines(name: str, *, extra_dirs=()) -> list[str]:
    """Non-empty, non-comment lines of a word-list file, shipped then user, de-duplicated."""
    return list(_read_lines_cached(name, tuple(map(str, extra_dirs)), os.environ.get("NEWSFRAME_DATA", "")))


@lru_cache(maxsize=None)
def _read_table_cached(name: str, extra_dirs: tuple, env: str) -> tuple[dict, ...]:
    rows: list[dict] = []
    for f in data_files(name, extra_dirs=extra_dirs):
        body = "\n".join(_strip_comments(f.read_text(encoding="utf-8")))
        rows += [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(io.StringIO(body))]
    return tuple(rows)


def read_table(name: str, *, extra_dirs=()) -> list[dict]:
    """Rows of a CSV data file (``#`` lines are comments), shipped rows then user rows."""
    return [dict(r) for r in _read_table_cached(name, tuple(map(str, extra_dirs)), os.environ.get("NEWSFRAME_DATA", ""))]
