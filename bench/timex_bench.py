"""Time-expression benchmark: TempEval-3 measures on dev.jsonl and timebank.jsonl, and speed.

    .venv/bin/python bench/timex_bench.py

Writes the gold-free input ({"id", "dct", "text"}) to a temporary file, runs
`python -m newsframe timex IN --out OUT` (the command the issue names), scores
with the benchmark's own score.py, then times find_timexes alone (one process).

timebank.jsonl is also scored in two halves (documents sorted by id, every other one): since
2026-12-03 rules are written while looking at errors of half A (and of dev.jsonl); half B is
looked at only for its summary figure, the held-out check.
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
        timebank = sorted((json.loads(line) for line in open(BENCH / "timebank.jsonl", encoding="utf-8")),
                          key=lambda d: d["id"])
        for name, part in (("timebank A", timebank[0::2]), ("timebank B", timebank[1::2])):
            gold = Path(tmp) / f"gold_{name[-1]}.jsonl"
            gold.write_text("".join(json.dumps(d) + "\n" for d in part))
            print(f"{name + ' (' + str(len(part)) + ')':15s} {score(tmp, gold, part).splitlines()[-1]}")
        for name in ("dev.jsonl", "timebank.jsonl"):
            docs = [json.loads(line) for line in open(BENCH / name, encoding="utf-8")]
            res = score(tmp, BENCH / name, docs)
            find_timexes("warm up on Friday", "2000-01-01")
            rounds = 5
            start = time.perf_counter()
            for _ in range(rounds):
                for d in docs:
                    find_timexes(d["text"], d["dct"])
            rate = rounds * len(docs) / (time.perf_counter() - start)
            print(f"{name:15s} {res.strip().splitlines()[-1]}   speed {rate:.0f} docs/s")


def score(tmp: str, gold: Path, docs: list[dict]) -> str:
    """Run `python -m newsframe timex` on the gold-free `docs` and score it against `gold`."""
    src, out = Path(tmp) / f"in_{gold.name}", Path(tmp) / f"out_{gold.name}"
    src.write_text("".join(json.dumps({k: d[k] for k in ("id", "dct", "text")}) + "\n" for d in docs))
    subprocess.run([sys.executable, "-m", "newsframe", "timex", str(src), "--out", str(out)], check=True)
    return subprocess.run([sys.executable, str(BENCH / "score.py"), "--gold", str(gold), "--pred", str(out)],
                          check=True, capture_output=True, text=True).stdout


if __name__ == "__main__":
    main()
