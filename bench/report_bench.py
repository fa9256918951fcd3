"""Time and memory of the report run (every notebook on a corpus, exported to HTML) at several sizes.

    .venv/bin/python bench/report_bench.py [--sizes 5 64 400 5000] [--workdir /tmp/nf_report_bench]
                                           [--corpus PATH ...] [--by COLUMN]

Corpora (made from real pages, see ``bench/corpora.py``; nothing is copied into the repository):

* 5: the seeds;
* 64: the seeds and the first 59 pages (by id) of ``../shared/benchmarks/boilerplate`` dev + train, with a
  manifest (outlet = URL host, a made-up country);
* 400 (or any other n up to 5,000 that is not 5 or 64): ``corpora.build_large_raw_corpus`` (the 156 pages
  and varied copies of them, ~300 outlets);
* 5000: the same raw pages, built with ``python -m newsframe build --analyses`` into Parquet first (the build
  is timed apart), and the report run on the built corpus.

Each notebook runs in its own subprocess (``newsframe.report.build_reports`` with that one notebook), so
the figures are per notebook: wall seconds and the peak memory (RSS summed over the process and its kernel,
sampled every 0.2 s with psutil). ``--corpus`` runs on given folders instead. The set-up (venv, install) is
not timed: run ``make setup`` first. Prints one line per notebook and the total per corpus; it also checks
the largest figure saved (pixels on its longer side) and the number of tables written.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def run_measured(cmd: list[str], cwd=None) -> tuple[float, int, int]:
    """``(seconds, peak bytes of the process tree, return code)``."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(ps))
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    done.set()
    t.join()
    if proc.returncode:
        print(err[-2000:], file=sys.stderr)
    return time.perf_counter() - start, peak[0], proc.returncode


def make_corpus(n: int, workdir: Path) -> Path:
    from corpora import build_large_raw_corpus, build_many_outlet_corpus, subset_corpus

    if n == 5:
        return ROOT / "seeds"
    folder = workdir / f"raw_{n}"
    if n == 64:
        if not folder.exists():
            subset_corpus(build_many_outlet_corpus(workdir / "many_outlets"), folder, 64)
        return folder
    if not folder.exists():
        build_large_raw_corpus(folder, n)
    return folder


def build_parquet(raw: Path, workdir: Path) -> Path:
    out = workdir / f"{raw.name}.parquet"
    if not out.exists():
        secs, peak, rc = run_measured([sys.executable, "-m", "newsframe", "build", str(raw), "--out", str(out),
                                       "--analyses", "--quiet"])
        print(f"build --analyses {raw.name}: {secs:.1f} s, peak {peak / 2**20:,.0f} MiB, rc {rc}")
    return out


def largest_png(folder: Path) -> int:
    import matplotlib.image as mpimg

    sizes = [max(mpimg.imread(str(p)).shape[:2]) for p in folder.glob("*.png")]
    return max(sizes, default=0)


def bench_corpus(corpus: Path, label: str, workdir: Path, by: str | None) -> None:
    out = workdir / f"reports_{label}"
    shutil.rmtree(out, ignore_errors=True)
    total_s, total_peak, rows = 0.0, 0, []
    for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        code = ("from newsframe.report import build_reports; import sys; "
                f"r = build_reports({str(corpus)!r}, out_dir={str(out)!r}, notebooks_dir={str(ROOT / 'notebooks')!r}, "
                f"notebooks=[{str(nb)!r}], progress=False, compare_by={by!r}); "
                "print(r[0]['status'], r[0]['error'], file=sys.stderr); sys.exit(r[0]['status'] != 'ok')")
        secs, peak, rc = run_measured([sys.executable, "-c", code], cwd=ROOT)
        total_s += secs
        total_peak = max(total_peak, peak)
        rows.append((nb.stem, secs, peak, rc))
        print(f"  {label:>6} {nb.stem:<24} {secs:7.1f} s  peak {peak / 2**20:7,.0f} MiB  {'ok' if rc == 0 else 'FAILED'}",
              flush=True)
    n_tables = len(list((out / "tables").glob("*.csv")))
    print(f"report on {label}: 4 notebooks in {total_s:.1f} s, largest peak {total_peak / 2**20:,.0f} MiB, "
          f"largest figure {largest_png(out / 'figures')} px, {n_tables} CSV tables", flush=True)
    (workdir / f"report_bench_{label}.json").write_text(json.dumps(
        [{"notebook": r[0], "seconds": round(r[1], 1), "peak_mib": round(r[2] / 2**20), "rc": r[3]} for r in rows]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[5, 64, 400, 5000])
    ap.add_argument("--corpus", nargs="*", default=[])
    ap.add_argument("--workdir", default="/tmp/nf_report_bench")
    ap.add_argument("--by", default=None)
    args = ap.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if args.corpus:
        for c in args.corpus:
            bench_corpus(Path(c).resolve(), Path(c).name, workdir, args.by)
        return
    for n in args.sizes:
        corpus = make_corpus(n, workdir)
        if n >= 5000:
            corpus = build_parquet(corpus, workdir)
        bench_corpus(corpus, str(n), workdir, args.by)


if __name__ == "__main__":
    main()
