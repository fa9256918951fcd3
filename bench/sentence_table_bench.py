"""What the shared sentence table saves: the analyses of ``build --analyses`` with and without it.

``newsframe.scale.engine.analysis_tables`` splits a partition's bodies once
(:func:`newsframe.text.sentence_table`) and hands the table to attributions, frame cues and time
expressions. This script times that against each analysis splitting on its own
(``share_sentences=False``), each run in a fresh process so no split is cached from an earlier
run, and counts the Punkt splits (calls that missed the text layer's sentence cache). It also checks
that both give equal tables.

Two settings:

* ``partition``: one call per partition of :data:`~newsframe.scale.engine.PARTITION_SIZE` articles,
  as ``build`` makes (the text layer's cache of :data:`~newsframe.text.SENTENCE_CACHE` bodies holds a
  whole partition, so without the table each body is split once too);
* ``corpus``: one call on all articles at once, as a notebook does on a corpus in memory (beyond
  SENTENCE_CACHE articles, the cache no longer holds the corpus and each analysis splits again).

Usage (the corpus is a build of bench/snapshot.py, or any built corpus)::

    python bench/sentence_table_bench.py /tmp/nf_snap/built_1000.parquet [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "lib"

CHILD = r"""
import json, sys, time
sys.path.insert(0, {lib!r})
import pandas as pd
from newsframe import text
from newsframe.scale.engine import PARTITION_SIZE, analysis_tables
from newsframe.stored import read_built_corpus

articles = read_built_corpus({corpus!r})
articles.attrs.clear()                    # computed, not read back from the build
n = {n}
articles = articles.iloc[:n] if n else articles
chunks = ([articles.iloc[i:i + PARTITION_SIZE] for i in range(0, len(articles), PARTITION_SIZE)]
          if {mode!r} == "partition" else [articles])
start = time.perf_counter()
tables = [analysis_tables(c, share_sentences={share}) for c in chunks]
seconds = time.perf_counter() - start
info = text._sentence_spans.cache_info()
digest = {{name: pd.util.hash_pandas_object(pd.concat([t[name] for t in tables]).astype(str), index=False).sum()
           for name in tables[0]}}
print(json.dumps({{"seconds": seconds, "splits": info.misses, "articles": len(articles),
                  "digest": {{k: int(v) for k, v in digest.items()}}}}))
"""


def run(corpus: str, mode: str, share: bool, n: int) -> dict:
    code = CHILD.format(lib=str(LIB), corpus=corpus, mode=mode, share=share, n=n)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="a built corpus (python -m newsframe build ...)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--articles", type=int, default=0, help="the first N articles only (0: all)")
    args = ap.parse_args(argv)
    print("| setting | sentences | articles | seconds (runs) | Punkt splits | tables equal |")
    print("|---|---|---|---|---|---|")
    for mode in ("partition", "corpus"):
        results = {}
        for share in (False, True):
            runs = [run(args.corpus, mode, share, args.articles) for _ in range(args.repeat)]
            results[share] = runs
        equal = results[True][0]["digest"] == results[False][0]["digest"]
        for share in (False, True):
            runs = results[share]
            secs = " / ".join(f"{r['seconds']:.1f}" for r in runs)
            print(f"| {mode} | {'shared table' if share else 'each analysis splits'} | {runs[0]['articles']:,} | "
                  f"{secs} | {runs[0]['splits']:,} | {'yes' if equal else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
