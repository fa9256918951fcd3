"""Text reuse over a built corpus: time, peak memory and counts of newsframe.scale.reuse.corpus_reuse.

    .venv/bin/python bench/corpus_reuse_bench.py CORPUS.parquet [--sizes 250,500,1000] [--jobs 1 2] [--in-memory]

CORPUS.parquet is a corpus written by ``python -m newsframe build`` (for
example the 1,000-page corpus of bench/scale_bench.py). For each size N the
first N articles (whole partitions) are copied into a smaller built corpus and
:func:`newsframe.scale.reuse.corpus_reuse` runs on it in a fresh process, with each
``--jobs`` value; the script
prints the seconds of each stage, the counts (sentences, keys, candidate
pairs, aligned pairs), the cost per candidate and per aligned pair, and the
peak resident memory of that process. ``--in-memory`` also runs
:func:`newsframe.wording.align_sentences` + ``reuse_pairs`` on the same
articles in another fresh process, checks the two answers are equal and
compares time and memory.
"""
import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {lib!r})
import pandas as pd
from newsframe import wording
from newsframe.scale import engine, reuse


def main():
    path, mode, out, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    t = time.perf_counter()
    if mode == "index":
        pairs, aligned = reuse.corpus_reuse(path, include_duplicates=True, jobs=jobs)
        stats = aligned.attrs["stats"]
    else:
        articles = engine.read_built_corpus(path)
        aligned = wording.align_sentences(articles)
        pairs = wording.reuse_pairs(articles, aligned=aligned)
        stats = {{}}
    seconds = time.perf_counter() - t
    pairs.to_parquet(out + ".pairs.parquet")
    aligned.drop(columns=["removed", "added", "replaced"]).to_parquet(out + ".aligned.parquet")
    json.dump({{"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
               "pairs": len(pairs), "aligned": len(aligned), "stats": stats}}, open(out, "w"))


if __name__ == "__main__":   # (worker processes are spawned: they import this file)
    main()
"""


def subset(corpus: Path, n: int, dest: Path) -> int:
    """A built corpus of the first whole partitions of ``corpus`` holding at least ``n`` articles."""
    dest.mkdir(parents=True)
    shutil.copy(corpus / "_newsframe.json", dest / "_newsframe.json")
    (dest / "articles").mkdir()
    ids = []
    for part in sorted((corpus / "articles").glob("part-*.parquet")):
        if len(ids) >= n:
            break
        shutil.copy(part, dest / "articles" / part.name)
        ids += pd.read_parquet(part, columns=["id"])["id"].tolist()
    dups = pd.read_parquet(corpus / "duplicates.parquet")
    dups[dups["id"].isin(set(ids))].to_parquet(dest / "duplicates.parquet")
    return len(ids)


def run(path: Path, mode: str, work: Path, jobs: int = 1) -> dict:
    out = work / f"{path.name}.{mode}.{jobs}.json"
    child = work / "child.py"
    child.write_text(CHILD.format(lib=str(ROOT / "lib")))
    subprocess.run([sys.executable, str(child), str(path), mode, str(out), str(jobs)], check=True)
    return json.loads(out.read_text()) | {"out": str(out)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--sizes", default="250,500,1000")
    ap.add_argument("--in-memory", action="store_true", help="also run the in-memory aligner and compare")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker processes of corpus_reuse")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reuse-bench-"))
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            path = work / f"corpus_{n}.parquet"
            articles = subset(args.corpus, n, path)
            for jobs in args.jobs:
                r = run(path, "index", work, jobs)
                s = r["stats"]
                print(f"{articles} articles, {jobs} job(s): corpus_reuse {r['seconds']:.1f} s, peak {r['peak_mib']:.0f} MiB "
                      f"(driver; largest worker {r['worker_peak_mib']:.0f} MiB); "
                      f"{s['sentences']} sentences, {s['keys']} keys, {s['candidate_pairs']} candidate pairs, "
                      f"{s['aligned_pairs']} aligned pairs, {r['pairs']} article pairs; stages {s['seconds']}; "
                      f"driver peak after each {s['peak_mib']}; "
                      f"{1e6 * r['seconds'] * jobs / max(s['candidate_pairs'], 1):.0f} us per candidate per core", flush=True)
            if args.in_memory:
                m = run(path, "memory", work)
                equal = all(pd.read_parquet(r["out"] + ext).equals(pd.read_parquet(m["out"] + ext))
                            for ext in (".pairs.parquet", ".aligned.parquet"))
                print(f"{articles} articles: in memory {m['seconds']:.1f} s, peak {m['peak_mib']:.0f} MiB; "
                      f"same pairs and aligned sentences: {equal}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
