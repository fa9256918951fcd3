"""HTML main-text benchmark: trafilatura through newsframe.reading.formats on the boilerplate dev pages.

    .venv/bin/python bench/html_bench.py [--per-doc]

Reads the 64 pages of ../shared/benchmarks/boilerplate/dev/html/ with
``newsframe.reading.formats.iter_documents`` (one process), writes each document's
``extracted_body`` to a temporary folder as ``<id>.txt``, scores the folder
with the benchmark's own score.py and prints its F1 line and the throughput
(pages per second for reading, visible text, trafilatura body and metadata).
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "boilerplate"
DEV = BENCH / "dev"


def main() -> None:
    from newsframe.reading.formats import Document, iter_documents

    pages = sorted((DEV / "html").glob("*.html"))
    if not pages:
        sys.exit(f"no pages in {DEV / 'html'}")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        docs = list(iter_documents(pages, format="auto"))
        wall = time.perf_counter() - start
        problems = [d for d in docs if not isinstance(d, Document)]
        empty = 0
        for d in docs:
            if isinstance(d, Document):
                empty += not d.extracted_body
                (Path(tmp) / f"{d.id}.txt").write_text(d.extracted_body or "", encoding="utf-8")
        extra = ["--per-doc"] if "--per-doc" in sys.argv else []
        res = subprocess.run([sys.executable, str(BENCH / "score.py"), "--gold", str(DEV), "--pred", tmp, *extra],
                             check=True, capture_output=True, text=True)
    out = res.stdout.strip().splitlines()
    print("\n".join(out) if extra else out[-1])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(pages) / wall:.1f} pages/s ({len(pages)} pages in {wall:.1f} s, one process, "
          f"load average {load:.1f}); {len(problems)} input problems, {empty} pages without main text")


if __name__ == "__main__":
    main()
