"""Text-reuse benchmark: throughput of sentence alignment and recall of planted copies.

    .venv/bin/python bench/reuse_bench.py [--copies N]

Corpus: the 64 real news pages of ../shared/benchmarks/boilerplate/dev, cleaned
by newsframe.load_corpus, plus N edited copies of each article made
deterministically (every 7th word of a sentence replaced by "changed", every
5th sentence dropped, every 3rd sentence cut after its first clause). Every
(original, copy) pair is known reuse; the script reports how many of them
:func:`newsframe.wording.reuse_pairs` finds at the default threshold, how
many other pairs it reports (different pages; some really share boilerplate
or quotes), and the time of alignment (articles/s, sentences/s).
"""
import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

import newsframe as nf  # noqa: E402
from newsframe import text as nftext  # noqa: E402
from newsframe import wording  # noqa: E402

DEV = ROOT.parent / "shared" / "benchmarks" / "boilerplate" / "dev"


def edited_copy(body: str, k: int) -> str:
    out = []
    for i, sent in enumerate(nftext.sentences(body)):
        if (i + k) % 5 == 0:
            continue
        words = sent.split()
        words = [("changed" if (j + k) % 7 == 6 else w) for j, w in enumerate(words)]
        sent = " ".join(words)
        if (i + k) % 3 == 0 and "," in sent:
            sent = sent.split(",", 1)[0] + "."
        out.append(sent)
    return "\n\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    articles = nf.load_corpus(sorted(DEV.glob("*.txt")))  # the pages only, not the folder's gold.jsonl
    articles = articles[articles["body"].str.len() > 0][["id", "outlet", "body"]].reset_index(drop=True)
    rows = [articles]
    for k in range(1, args.copies + 1):
        c = articles.copy()
        c["id"] = c["id"] + f"~copy{k}"
        c["outlet"] = c["outlet"].fillna("unknown") + f" (copy {k})"
        c["body"] = [edited_copy(b, k) for b in c["body"]]
        rows.append(c)
    corpus = pd.concat(rows, ignore_index=True)
    n_sent = sum(len(nftext.sentences(b)) for b in corpus["body"])
    start = time.perf_counter()
    aligned = wording.align_sentences(corpus)
    t_align = time.perf_counter() - start
    pairs = wording.reuse_pairs(corpus, aligned=aligned)
    t_all = time.perf_counter() - start
    found = {(a.split("~")[0], b.split("~")[0]) for a, b in zip(pairs["a"], pairs["b"])
             if a.split("~")[0] == b.split("~")[0]}
    planted = len(articles) * args.copies + len(articles) * args.copies * (args.copies - 1) // 2
    same = sum(a.split("~")[0] == b.split("~")[0] for a, b in zip(pairs["a"], pairs["b"]))
    other = len(pairs) - same
    print(f"articles: {len(corpus)} ({len(articles)} pages + {args.copies} edited cop{'y' if args.copies == 1 else 'ies'} each), "
          f"sentences: {n_sent}")
    print(f"aligned sentence pairs: {len(aligned)} (kinds: {aligned['kind'].value_counts().to_dict()})")
    print(f"planted reuse pairs found: {same}/{planted} ({same / planted:.1%}); pages covered: {len(found)}")
    print(f"other pairs reported (different pages): {other}")
    if same:
        print(f"score of planted pairs: median {pairs.loc[[a.split('~')[0] == b.split('~')[0] for a, b in zip(pairs['a'], pairs['b'])], 'score'].median():.2f}")
    print(f"time: align {t_align:.2f} s, align + pairs {t_all:.2f} s -> {len(corpus) / t_all:.0f} articles/s, "
          f"{n_sent / t_all:.0f} sentences/s")


if __name__ == "__main__":
    main()
