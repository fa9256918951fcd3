"""Many-outlet corpora built at run time from the shared benchmark pages (tests and bench scripts).

The benchmark pages of ``../shared/benchmarks/boilerplate`` may not be copied
into this repository, so corpora made of them are built into a temporary
folder when a test or benchmark runs:

* :func:`build_many_outlet_corpus` copies the 151 raw pages of ``dev/*.txt``
  and ``train/*.txt`` (not ``html/``) plus the five seeds into a folder and
  writes a ``manifest.csv`` (``file, outlet, country, group``);
* :func:`build_large_raw_corpus` makes ``n`` raw pages from the same 156:
  the pages themselves, then copies varied with ``bench/scale_bench.py``'s
  :func:`vary` (seeded, so the corpus is the same on every run), each copy
  under a new outlet name so the corpus has a few hundred outlets.

Outlets: the URL host of each page in its folder's ``gold.jsonl`` (a leading
``www.`` dropped; ``unknown-<first four characters of the id>`` when the
page names no URL); for the seeds, the outlet of ``seeds/manifest.csv``.

Countries and groups are MADE UP, for tests and benchmarks of grouping only:
``country`` is one of :data:`COUNTRIES` picked by a hash of the outlet's host
(the seeds keep the real country of their manifest), ``group`` one of
:data:`GROUPS` by another hash. They say nothing about the real sites.

Where the shared folder is: ``$NEWSFRAME_SHARED`` when set, else the folder
``shared`` beside this checkout (``/work/shared`` for ``/work/main``). When it
is missing, both builders raise :class:`SharedDataMissing`, whose message
names the missing path (the test fixture turns it into a skip).

    import sys; sys.path.insert(0, "bench")
    from corpora import build_many_outlet_corpus, build_large_raw_corpus
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import random
import shutil
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_ENV = "NEWSFRAME_SHARED"
BOILERPLATE_SPLITS = ("dev", "train")
# Made-up countries and groups (see the module docstring): for grouping tests, not facts about the sites.
COUNTRIES = ("South Korea", "Japan", "China", "India", "Qatar", "United States")
GROUPS = ("wire-heavy", "national", "regional")
MANIFEST_COLUMNS = ("file", "outlet", "country", "group")
LARGE_CORPUS_SEED = 0


class SharedDataMissing(FileNotFoundError):
    """The shared benchmark pages are not where they should be."""


def shared_dir() -> Path:
    """``$NEWSFRAME_SHARED``, else the folder ``shared`` beside this checkout."""
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else ROOT.parent / "shared"


def boilerplate_dirs(shared: Path | None = None) -> list[Path]:
    """``dev`` and ``train`` of the boilerplate benchmark; :class:`SharedDataMissing` names a missing one."""
    base = Path(shared) if shared is not None else shared_dir()
    dirs = [base / "benchmarks" / "boilerplate" / split for split in BOILERPLATE_SPLITS]
    for d in dirs:
        if not (d / "gold.jsonl").is_file():
            raise SharedDataMissing(f"shared benchmark pages not found: {d} (set {SHARED_ENV} to the shared folder)")
    return dirs


def _pick(text: str, choices: tuple[str, ...], salt: str) -> str:
    digest = hashlib.sha256(f"{salt}:{text}".encode("utf-8")).digest()
    return choices[int.from_bytes(digest[:8], "big") % len(choices)]


def made_up_country(host: str) -> str:
    """One of :data:`COUNTRIES` for ``host`` (a hash: made up, stable across runs)."""
    return _pick(host, COUNTRIES, "country")


def made_up_group(host: str) -> str:
    """One of :data:`GROUPS` for ``host`` (a hash: made up, stable across runs)."""
    return _pick(host, GROUPS, "group")


def outlet_of_url(url: str | None, page_id: str) -> str:
    """The URL's host without a leading ``www.``; ``unknown-<id[:4]>`` without a URL."""
    host = urlsplit(url).hostname if url else None
    if not host:
        return f"unknown-{page_id[:4]}"
    return host[4:] if host.startswith("www.") else host


def source_pages(shared: Path | None = None) -> list[dict]:
    """The 156 source pages in a fixed order (dev, train, seeds): ``path, file, outlet, country, group``."""
    pages = []
    for folder in boilerplate_dirs(shared):
        urls = {}
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                urls[rec["id"]] = rec.get("url")
        for path in sorted(folder.glob("*.txt")):
            outlet = outlet_of_url(urls.get(path.stem), path.stem)
            pages.append({"path": path, "file": path.name, "outlet": outlet,
                          "country": made_up_country(outlet), "group": made_up_group(outlet)})
    with open(SEEDS / "manifest.csv", newline="", encoding="utf-8") as fh:
        seeds = {row["file"]: row for row in csv.DictReader(fh)}
    for path in sorted(SEEDS.glob("*.txt")):
        row = seeds[path.name]
        pages.append({"path": path, "file": path.name, "outlet": row["outlet"], "country": row["country"],
                      "group": made_up_group(row["outlet"])})
    names = [p["file"] for p in pages]
    if len(set(names)) != len(names):
        raise ValueError("two source pages have the same file name")
    return pages


def _write_manifest(folder: Path, rows: list[dict]) -> None:
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def build_many_outlet_corpus(folder, *, shared: Path | None = None) -> Path:
    """Copy the dev and train raw pages and the seeds into ``folder`` with a ``manifest.csv``; return ``folder``."""
    folder = Path(folder)
    pages = source_pages(shared)
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copyfile(page["path"], folder / page["file"])
    _write_manifest(folder, pages)
    return folder


def subset_corpus(source, folder, n: int) -> Path:
    """The seeds and the first ``n`` - 5 other pages (by file name) of a corpus made by
    :func:`build_many_outlet_corpus`, copied into ``folder`` with their manifest rows; return ``folder``."""
    source, folder = Path(source), Path(folder)
    with open(source / "manifest.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seeds = [r for r in rows if (SEEDS / r["file"]).exists()]
    keep = seeds + sorted((r for r in rows if r not in seeds), key=lambda r: r["file"])[: n - len(seeds)]
    folder.mkdir(parents=True, exist_ok=True)
    for r in keep:
        shutil.copyfile(source / r["file"], folder / r["file"])
    _write_manifest(folder, keep)
    return folder


def _vary():
    """``vary`` of bench/scale_bench.py (loaded by path, so this module works without bench/ on sys.path)."""
    spec = importlib.util.spec_from_file_location("_newsframe_scale_bench", Path(__file__).with_name("scale_bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.vary


def build_large_raw_corpus(folder, n: int, *, shared: Path | None = None, seed: int = LARGE_CORPUS_SEED) -> Path:
    """``n`` raw pages in ``folder`` with a ``manifest.csv``; return ``folder``.

    Page ``k`` comes from source page ``k % 156`` (:func:`source_pages` order). The first round is the
    pages unchanged; in round ``r`` (from 2 on) the page is varied with ``scale_bench.vary`` (a generator
    seeded with ``seed`` and ``k``) and its outlet becomes ``<outlet>-<r>``, country and group those of the
    source. Files are ``<k, 5 digits>_<source file name>``.
    """
    from newsframe.reading.corpus import read_page

    vary = _vary()
    folder = Path(folder)
    pages = source_pages(shared)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for k in range(n):
        src = pages[k % len(pages)]
        round_no = k // len(pages) + 1
        name = f"{k:05d}_{src['file']}"
        if round_no == 1:
            shutil.copyfile(src["path"], folder / name)
            outlet = src["outlet"]
        else:
            rng = random.Random(f"{seed}:{k}")
            (folder / name).write_text(vary(read_page(src["path"]).text, rng), encoding="utf-8")
            outlet = f"{src['outlet']}-{round_no}"
        rows.append({"file": name, "outlet": outlet, "country": src["country"], "group": src["group"]})
    _write_manifest(folder, rows)
    return folder
