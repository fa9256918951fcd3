"""Scale benchmark: build corpora of 1,000 / 10,000 / 100,000 raw pages, single process and all cores.

    .venv/bin/python bench/scale_bench.py [--sizes 1000 10000 100000] [--jobs 1 2] [--big-jobs 2]
                                          [--analyses-sizes 10000] [--sample 500] [--workdir /tmp/nf_scale]
                                          [--builds-only]

The corpora are made from real raw pages: the five seeds and the 64 pages of
``../shared/benchmarks/boilerplate/dev`` (when present), repeated with
variations so that copies are not all duplicates of each other: in every line
of eight words or more, about 15% of the words are replaced by other words of
the same page (a seeded random generator, so the corpus is the same on every
run); short lines (menus, footers) are kept, so site templates still repeat.
One page in twenty is instead a near-copy of the page before it (one word
changed), as syndicated stories are, so duplicate flagging has work to do.

For each size and each ``--jobs`` value it runs ``python -m newsframe build``
in a subprocess and prints wall time, pages per second (and per core), and the
peak memory of the whole process tree (driver plus workers, sampled every
0.1 s with psutil). Sizes of 100,000 and more run only with ``--big-jobs``.
It builds the ``--analyses-sizes`` corpora again with ``--analyses`` (time
expressions, attributions and frame cues on the workers: the whole
pipeline), runs ``keyness`` on the largest built corpus (from its summed term
counts: wall time and peak memory), times the analyses on a sample of built articles (time expressions,
attribution, frame cues, term counts; one process), and compares the HTML
path (``build --input-format html``: trafilatura plus the line audit and
metadata) with trafilatura alone on the dev pages' HTML. Finally it draws
wall time against corpus size (``docs/figures/scale_bench.png``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("NEWSFRAME_BENCH_DEV", ROOT.parent / "shared" / "benchmarks" / "boilerplate" / "dev"))


def source_pages() -> list[tuple[str, str]]:
    from newsframe.reading.corpus import read_page

    files = sorted((ROOT / "seeds").glob("*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
    return [(p.stem, read_page(p).text) for p in files]


def vary(text: str, rng: random.Random, share: float = 0.15) -> str:
    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        if len(words) >= 8:
            pool = [w for w in words if re.fullmatch(r"[A-Za-z]{3,}", w)] or words
            words = [rng.choice(pool) if rng.random() < share else w for w in words]
        out.append(" ".join(words))
    return "\n".join(out)


def make_corpus(n: int, folder: Path, pages) -> None:
    if folder.exists() and len(list(folder.glob("*.txt"))) == n:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    prev = None
    for k in range(n):
        stem, text = pages[k % len(pages)]
        rng = random.Random(k)
        if prev is not None and k % 20 == 19:
            words = prev.split(" ")
            i = rng.randrange(len(words))
            words[i] = words[i][::-1]
            page = " ".join(words)
        else:
            page = vary(text, rng)
        (folder / f"{k:06d}_{stem}.txt").write_text(page, encoding="utf-8")
        prev = page


def run_measured(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS of the process tree in MiB, stderr."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        p = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
                peak[0] = max(peak[0], rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    t.join()
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, peak[0] / 2**20, err


def time_analyses(built: Path, sample: int) -> dict:
    from newsframe import framing, timing, wording
    from newsframe.scale.engine import read_built_corpus

    articles = read_built_corpus(built).head(sample)
    n = len(articles)
    out = {}
    for name, fn in [("time expressions (timing.timex_table)", timing.timex_table),
                     ("attribution (framing.attributions)", framing.attributions),
                     ("frame cues (framing.frame_cues)", framing.frame_cues),
                     ("term counts (wording.term_counts)", wording.term_counts)]:
        start = time.perf_counter()
        fn(articles)
        out[name] = n / (time.perf_counter() - start)
    return out


def html_comparison(work: Path) -> dict | None:
    html = sorted((DEV / "html").glob("*.html")) if DEV.is_dir() else []
    if not html:
        return None
    import trafilatura

    from newsframe.reading.formats import TRAFILATURA_OPTIONS

    pages = [p.read_text(encoding="utf-8", errors="replace") for p in html]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, **TRAFILATURA_OPTIONS)
    alone = len(pages) / (time.perf_counter() - start)
    wall, peak, _ = run_measured([sys.executable, "-m", "newsframe", "build", str(DEV / "html"), "--out",
                                  str(work / "html.parquet"), "--jobs", "1", "--quiet"])
    return {"pages": len(pages), "trafilatura_alone_pages_per_s": alone, "build_html_pages_per_s": len(pages) / wall,
            "build_html_wall_s": wall}


def draw(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from newsframe import plots

    plots.use_style()
    fig, ax = plots.new_axes(figsize=(7, 4.5))
    for jobs in sorted({r["jobs"] for r in results}):
        rows = sorted((r for r in results if r["jobs"] == jobs), key=lambda r: r["pages"])
        ax.plot([r["pages"] for r in rows], [r["wall_s"] for r in rows], marker="o", label=f"{jobs} process" + ("es" if jobs > 1 else ""))
    xs = sorted({r["pages"] for r in results})
    ref = min(results, key=lambda r: r["pages"])
    ax.plot(xs, [ref["wall_s"] * x / ref["pages"] for x in xs], linestyle=":", color="grey", label="linear from smallest")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_title("How does build time grow with corpus size?")
    ax.set_xlabel("raw pages in the corpus")
    ax.set_ylabel("wall time of newsframe build (s)")
    ax.legend(fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    plots.save_figure(fig, path.stem, figures_dir=path.parent,
                      caption="Wall time of the build against corpus size, log-log; the dotted line is linear growth.")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--big-jobs", type=int, nargs="+", default=[2], help="jobs for sizes of 100,000 and more")
    ap.add_argument("--sample", type=int, default=500)
    ap.add_argument("--workdir", default="/tmp/nf_scale")
    ap.add_argument("--analyses-sizes", type=int, nargs="*", default=[10000],
                    help="sizes also built with --analyses (the whole pipeline), with the most jobs")
    ap.add_argument("--plot-only", action="store_true", help="redraw the figure from docs/figures/scale_bench.json")
    ap.add_argument("--builds-only", action="store_true",
                    help="only the builds of --sizes (no analyses, keyness, HTML, figure): to re-measure one size")
    args = ap.parse_args()
    if args.plot_only:
        results = json.loads((ROOT / "docs" / "figures" / "scale_bench.json").read_text(encoding="utf-8"))
        return draw(results, ROOT / "docs" / "figures" / "scale_bench.png")
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    pages = source_pages()
    print(f"{len(pages)} source pages")
    results = []
    for n in args.sizes:
        folder = work / f"corpus_{n}"
        t = time.perf_counter()
        make_corpus(n, folder, pages)
        print(f"corpus of {n} pages ready ({time.perf_counter() - t:.0f} s)")
        for jobs in (args.big_jobs if n >= 100000 else args.jobs):
            out = work / f"built_{n}_{jobs}.parquet"
            wall, peak, _ = run_measured([sys.executable, "-m", "newsframe", "build", str(folder), "--out", str(out),
                                          "--jobs", str(jobs), "--quiet"])
            summary = json.loads((out / "_newsframe.json").read_text())
            r = {"pages": n, "jobs": jobs, "wall_s": round(wall, 1), "pages_per_s": round(n / wall, 1),
                 "pages_per_s_per_core": round(n / wall / jobs, 1), "peak_mib": round(peak),
                 "articles": summary["articles"], "duplicates": summary["duplicates"],
                 "stage_seconds": summary.get("stage_seconds", {})}
            results.append(r)
            print(json.dumps(r), flush=True)
    if args.builds_only:
        return
    # the whole pipeline: build with the per-article analyses (time expressions, attributions, frame cues)
    for n in args.analyses_sizes:
        jobs = max(args.big_jobs if n >= 100000 else args.jobs)
        out = work / f"built_{n}_{jobs}_analyses.parquet"
        make_corpus(n, work / f"corpus_{n}", pages)
        wall, peak, _ = run_measured([sys.executable, "-m", "newsframe", "build", str(work / f"corpus_{n}"),
                                      "--out", str(out), "--jobs", str(jobs), "--quiet", "--analyses"])
        summary = json.loads((out / "_newsframe.json").read_text())
        print("with analyses:", json.dumps({"pages": n, "jobs": jobs, "wall_s": round(wall, 1),
                                            "pages_per_s_per_core": round(n / wall / jobs, 1),
                                            "peak_mib": round(peak), "stage_seconds": summary["stage_seconds"]}),
              flush=True)
    # keyness of the largest corpus from its summed term counts (the articles are not loaded)
    n = max(args.sizes)
    largest = work / f"built_{n}_{max(args.big_jobs if n >= 100000 else args.jobs)}.parquet"
    wall, peak, err = run_measured([sys.executable, "-m", "newsframe", "keyness", str(largest),
                                    "--out", str(work / f"keyness_{n}.csv")])
    print(f"keyness of {n} articles from summed counts: {wall:.1f} s, peak {peak:.0f} MiB ({err.strip()})")
    smallest = work / f"built_{min(args.sizes)}_{min(args.jobs)}.parquet"
    for name, rate in time_analyses(smallest, args.sample).items():
        print(f"analysis {name}: {rate:.0f} articles/s (one process, {args.sample} articles)")
    comp = html_comparison(work)
    if comp:
        print("html:", json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in comp.items()}))
    (ROOT / "docs" / "figures").mkdir(parents=True, exist_ok=True)
    (ROOT / "docs" / "figures" / "scale_bench.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    draw(results, ROOT / "docs" / "figures" / "scale_bench.png")
    print("figure: docs/figures/scale_bench.png")


if __name__ == "__main__":
    main()
