"""Cleaning benchmark: F1 on the boilerplate dev set and throughput.

    .venv/bin/python bench/clean_bench.py [--per-doc]

Runs `python -m newsframe clean DEV --format text` (the command the issue
names), scores it with the benchmark's own score.py, then times the cleaner
alone (classify_lines + assemble_body on pages already read) in one process.
"""
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
    from newsframe import clean
    from newsframe.corpus import read_page

    pages = [read_page(p).text.split("\n") for p in sorted(DEV.glob("*.txt"))]
    rounds = 5
    start = time.perf_counter()
    for _ in range(rounds):
        for lines in pages:
            clean.assemble_body(clean.classify_lines(lines))
    secs = time.perf_counter() - start
    print(f"cleaner throughput: {rounds * len(pages) / secs:.0f} docs/s (classify_lines + assemble_body, one process, "
          f"{len(pages)} dev pages x {rounds}); whole CLI run incl. start-up and reading: {wall:.1f} s")


if __name__ == "__main__":
    main()
