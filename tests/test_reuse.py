"""Text reuse over a built corpus (newsframe.scale.reuse): the same answer as the in-memory aligner."""
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, copy_pages
from newsframe import wording
from newsframe.scale import reuse
from newsframe.scale.engine import build, read_built_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Seeds and corpus_b in partitions of four pages, one seed saved twice (flagged as a duplicate)."""
    folder = copy_pages(tmp_path_factory.mktemp("pages"), "zz_copy_of_002.txt")
    out = tmp_path_factory.mktemp("built") / "corpus.parquet"
    build(folder, out, jobs=1, partition_size=4, progress=False)
    return out


@pytest.mark.parametrize("block, jobs", [(1, 1), (8, 1), (8, 2)])
def test_corpus_reuse_equals_the_in_memory_aligner(built, block, jobs, monkeypatch):
    """Partition by partition, with few or many partitions held at once, in one process or two:
    the same aligned sentences and pairs as the in-memory aligner."""
    monkeypatch.setattr(reuse, "BLOCK_PARTITIONS", block)   # (in this process: jobs=1)
    pairs, aligned = reuse.corpus_reuse(built, include_duplicates=True, jobs=jobs)
    articles = read_built_corpus(built)
    expected = wording.align_sentences(articles)
    assert len(expected) > 10 and expected["kind"].nunique() >= 2   # a comparison worth making
    pd.testing.assert_frame_equal(aligned, expected)
    pd.testing.assert_frame_equal(pairs, wording.reuse_pairs(articles, aligned=expected))
    assert aligned.attrs["stats"]["articles"] == len(articles)
    assert aligned.attrs["stats"]["partition_loads"] >= len(list((built / "articles").glob("*.parquet")))


def test_flagged_duplicates_are_left_out_unless_asked(built):
    pairs, aligned = reuse.corpus_reuse(built, jobs=1)
    assert aligned.attrs["stats"]["duplicates_left_out"] == 1
    assert "zz_copy_of_002" not in set(aligned["a"]) | set(aligned["b"])
    with_copies, _ = reuse.corpus_reuse(built, include_duplicates=True, jobs=1)
    copy = with_copies[(with_copies["a"] == "002_6aac2701e2edd0f1") & (with_copies["b"] == "zz_copy_of_002")]
    assert copy["score"].tolist() == [1.0]
    # the other pairs are the same with or without the copy
    rest = with_copies[(with_copies["a"] != "zz_copy_of_002") & (with_copies["b"] != "zz_copy_of_002")]
    pd.testing.assert_frame_equal(rest.reset_index(drop=True), pairs)


def test_sentence_keys_stay_inside_sentences_and_skip_short_ones():
    sents = [{"words": "a b c d e".split()}, {"words": "c d e f g".split()}, {"words": "too short".split()}]
    gk, gs, ck, cs = reuse.sentence_keys(sents, first=10)
    # three trigrams per five-word sentence, none spanning the two sentences, none for the short one
    assert sorted(gs.tolist()) == [10, 10, 10, 11, 11, 11]
    shared = set(gk[gs == 10].tolist()) & set(gk[gs == 11].tolist())
    assert len(shared) == 1   # "c d e"
    assert set(cs.tolist()) <= {10, 11}


def test_posting_pairs_respect_the_cap_and_skip_same_article_pairs():
    keys = np.array([1, 1, 1, 2, 2, 3, 3, 3, 3], dtype=np.uint64)
    sids = np.array([0, 1, 2, 0, 3, 0, 1, 2, 3], dtype=np.int64)
    article_of = np.array([0, 0, 1, 2])   # sentences 0 and 1 are of one article
    codes = np.concatenate(list(reuse.posting_pairs(keys, sids, article_of, max_df=3)))
    n = len(article_of)
    assert sorted((c // n, c % n) for c in codes.tolist()) == [(0, 2), (0, 3), (1, 2)]   # key 3 is in 4 > 3 sentences


def test_candidate_pairs_through_bucket_files_equal_those_counted_in_memory(tmp_path):
    rng = np.random.default_rng(7)
    article_of = np.sort(rng.integers(0, 40, size=400))
    trigrams = reuse._distinct(rng.integers(0, 300, size=3000).astype(np.uint64), rng.integers(0, 400, size=3000))
    contents = reuse._distinct(rng.integers(0, 150, size=3000).astype(np.uint64), rng.integers(0, 400, size=3000))
    in_memory = reuse.candidate_pairs(trigrams, contents, article_of, max_df=30)
    bucketed = reuse.candidate_pairs(trigrams, contents, article_of, max_df=30, folder=tmp_path, budget=2000)
    assert len(in_memory) > 1000
    assert np.array_equal(in_memory, bucketed)
    assert not list(tmp_path.iterdir())   # the bucket files are removed


def test_slices_cover_everything_and_cut_only_between_groups():
    cuts = np.array([0, 3, 4, 9, 15])
    slices = reuse._slices(20, cuts, tasks=3)
    assert slices[0][0] == 0 and slices[-1][1] == 20
    assert all(a == b for (_, a), (b, _) in zip(slices, slices[1:]))   # contiguous
    assert {a for a, _ in slices} <= set(cuts.tolist()) and len(slices) <= 3
    assert reuse._slices(0, np.array([0]), tasks=4) == []


def test_corpus_reuse_needs_a_built_corpus(tmp_path):
    with pytest.raises(ValueError, match="not a corpus written by"):
        reuse.corpus_reuse(tmp_path)


def test_cli_reuse_reads_a_built_corpus(built, tmp_path):
    out = tmp_path / "pairs.jsonl"
    proc = subprocess.run([sys.executable, "-m", "newsframe", "reuse", str(built), "--out", str(out), "--jobs", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    pairs, _ = reuse.corpus_reuse(built, jobs=1)
    assert [(r["a"], r["b"], r["score"]) for r in records] == list(zip(pairs["a"], pairs["b"], pairs["score"]))
    assert all(r["reused_sentences"] for r in records)
    assert "duplicates left out" in proc.stderr and "verification" in proc.stderr   # summary and progress
