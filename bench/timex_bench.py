"""Time-expression benchmark: TempEval-3 measures on dev.jsonl and timebank.jsonl, and speed.

    .venv/bin/python bench/timex_bench.py

Writes the gold-free input ({"id", "dct", "text"}) to a temporary file, runs
`python -m newsframe timex IN --out OUT` (the command the issue names), scores
with the benchmark's own score.py, then times find_timexes alone (one process).
"""
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "timex"


def main() -> None:
    from newsframe.timing import find_timexes

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("dev.jsonl", "timebank.jsonl"):
            docs = [json.loads(line) for line in open(BENCH / name, encoding="utf-8")]
            src, out = Path(tmp) / f"in_{name}", Path(tmp) / f"out_{name}"
            src.write_text("".join(json.dumps({k: d[k] for k in ("id", "dct", "text")}) + "\n" for d in docs))
            subprocess.run([sys.executable, "-m", "newsframe", "timex", str(src), "--out", str(out)], check=True)
            res = subprocess.run([sys.executable, str(BENCH / "score.py"), "--gold", str(BENCH / name), "--pred", str(out)],
                                 check=True, capture_output=True, text=True)
            find_timexes("warm up on Friday", "2000-01-01")
            rounds = 5
            start = time.perf_counter()
            for _ in range(rounds):
                for d in docs:
                    find_timexes(d["text"], d["dct"])
            rate = rounds * len(docs) / (time.perf_counter() - start)
            print(f"{name:15s} {res.stdout.strip().splitlines()[-1]}   speed {rate:.0f} docs/s")


if __name__ == "__main__":
    main()
