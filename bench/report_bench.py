"""Time the whole report run (every notebook on a corpus, exported to HTML).

    .venv/bin/python bench/report_bench.py [CORPUS]

Prints seconds per notebook and in total. The set-up (venv, install) is not
timed: run `make setup` first.
"""
import sys
import tempfile
import time
from pathlib import Path

from newsframe.report import build_reports

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    corpus = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "seeds")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        results = build_reports(corpus, out_dir=Path(tmp) / "reports", notebooks_dir=ROOT / "notebooks",
                                figures_dir=Path(tmp) / "figures", progress=False)
        total = time.perf_counter() - start
    for r in results:
        print(f"{r['html']:<34} {r['seconds']:6.1f} s")
    print(f"report run on {corpus}: {len(results)} notebooks in {total:.1f} s")


if __name__ == "__main__":
    main()
