"""Cleaning benchmark: F1 on the boilerplate dev set and throughput.

    .venv/bin/python bench/clean_bench.py [--per-doc]

Runs `python -m newsframe clean DEV --format text` (the command the issue
names), scores it with the benchmark's own score.py, then times the cleaner
alone (classify_columns + assemble_body on pages already read: the steps the build runs) in one process.
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
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "newsframe", "clean", str(DEV), "--out", tmp, "--format", "text"]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        wall = time.perf_counter() - start
        extra = ["--per-doc", "--json"] if "--per-doc" in sys.argv else []
        res = subprocess.run([sys.executable, str(BENCH / "score.py"), "--gold", str(DEV), "--pred", tmp, *extra],
                             check=True, capture_output=True, text=True)
        print(res.stdout.strip())
    from newsframe.reading import clean
    from newsframe.reading.corpus import read_page

    pages = [read_page(p).text.split("\n") for p in sorted(DEV.glob("*.txt"))]
    rounds, times = 7, []
    for _ in range(rounds):
        start = time.perf_counter()
        for lines in pages:
            clean.assemble_body(clean.classify_columns(lines))
        times.append(time.perf_counter() - start)
    times.sort()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cleaner throughput: {len(pages) / times[0]:.0f} docs/s best round, {len(pages) / times[len(times) // 2]:.0f} "
          f"docs/s median round (classify_columns + assemble_body, one process, {len(pages)} dev pages, {rounds} rounds; "
          f"load average {load:.1f}); whole CLI run incl. start-up and reading: {wall:.1f} s")


if __name__ == "__main__":
    main()
