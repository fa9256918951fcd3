"""The parallel build (newsframe.scale.engine): same tables on one process, a pool, and a Dask cluster."""
import gzip
import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, SEEDS, copy_pages
from newsframe import load_corpus
from newsframe.scale.engine import run_local, build, term_counts, corpus_term_counts, is_built_corpus, plan_partitions, read_built_corpus


def _comparable(articles: pd.DataFrame) -> pd.DataFrame:
    df = articles.copy()
    df["published"] = [None if v is None or (not isinstance(v, str) and pd.isna(v)) else pd.Timestamp(v).isoformat()
                       for v in df["published"]]
    df["credited_sources"] = [list(v) for v in df["credited_sources"]]
    df["duplicate_similarity"] = df["duplicate_similarity"].astype(float)
    return df.sort_values("id").reset_index(drop=True)


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    """Seeds and corpus_b pages, one seed copied under a second name, plus JSONL.gz and CSV records."""
    folder = copy_pages(tmp_path_factory.mktemp("mixed"), "copy_of_002.txt")
    body = (SEEDS / "003_9a8df70d9255f726.txt").read_text(encoding="utf-8")
    records = [{"id": "rec-1", "title": "A record with its own title", "text": body, "source": "Example Wire",
                "published": "2024-06-03"},
               {"id": "rec-2", "text": "Seoul, June 4 (Example) Officials said talks would resume next week.\n"}]
    with gzip.open(folder / "export.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
        fh.write("{not json\n")
    (folder / "table.csv").write_text("id,headline,body\nrow-1,From a CSV,\"Tokyo, March 17 (Wire) "
                                      "The leaders met on Thursday, officials said.\"\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built_single(mixed_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("b1") / "corpus.parquet"
    with pytest.warns(UserWarning, match=r"export\.jsonl\.gz"):
        build(mixed_corpus, out, jobs=1, partition_size=4, progress=False)
    return out


def test_build_reads_every_format_and_names_the_bad_line(built_single):
    summary = json.loads((built_single / "_newsframe.json").read_text())
    articles = read_built_corpus(built_single)
    assert {"rec-1", "rec-2", "row-1", "002_6aac2701e2edd0f1", "copy_of_002"} <= set(articles["id"])
    assert summary["articles"] == len(articles) == 5 + 6 + 1 + 2 + 1
    assert any("export.jsonl.gz" in p and ":3" in p for p in summary["problems"])
    rec = articles.set_index("id").loc["rec-1"]
    assert rec["headline"] == "A record with its own title"  # the record's metadata wins
    assert rec["outlet"] == "Example Wire"
    assert str(rec["published"]).startswith("2024-06-03")


def test_duplicates_are_flagged_not_dropped(built_single):
    articles = read_built_corpus(built_single).set_index("id")
    assert articles.at["copy_of_002", "duplicate_of"] == "002_6aac2701e2edd0f1"
    assert articles.at["copy_of_002", "duplicate_similarity"] == 1.0
    assert articles.at["002_6aac2701e2edd0f1", "duplicate_of"] == ""
    # the JSONL record carries the Al Mayadeen page's text: the same body, so a duplicate too
    assert articles.at["rec-1", "duplicate_of"] == "003_9a8df70d9255f726"


def test_line_audit_has_every_input_line_once(built_single):
    _, lines = read_built_corpus(built_single, with_lines=True)
    seed = lines[lines["id"] == "000_c40e52543c5c9a5f"]
    raw = (SEEDS / "000_c40e52543c5c9a5f.txt").read_text(encoding="utf-8").split("\n")
    assert seed["text"].tolist() == raw
    assert seed["line_no"].tolist() == list(range(1, len(raw) + 1))
    assert lines.groupby("id")["line_no"].apply(lambda s: s.is_unique).all()


def test_small_folder_build_equals_load_corpus(tmp_path):
    import gc

    out = tmp_path / "seeds.parquet"
    collector = gc.get_threshold()
    build(SEEDS, out, jobs=1, progress=False)
    assert gc.get_threshold() == collector   # the build's own thresholds are given back
    assert is_built_corpus(out)
    built, built_lines = load_corpus(out, with_lines=True)  # the notebooks' entry point reads it back
    direct, direct_lines = load_corpus(SEEDS, with_lines=True)
    pd.testing.assert_frame_equal(_comparable(built), _comparable(direct))
    pd.testing.assert_frame_equal(built_lines.reset_index(drop=True), direct_lines.reset_index(drop=True),
                                  check_dtype=False)


def test_process_pool_equals_one_process(mixed_corpus, built_single, tmp_path):
    out = tmp_path / "pool.parquet"
    with pytest.warns(UserWarning):
        build(mixed_corpus, out, jobs=2, partition_size=4, progress=False)
    a1, l1 = read_built_corpus(built_single, with_lines=True)
    a2, l2 = read_built_corpus(out, with_lines=True)
    pd.testing.assert_frame_equal(_comparable(a1), _comparable(a2))
    pd.testing.assert_frame_equal(l1, l2)


def test_dask_local_cluster_with_two_workers_equals_one_process(mixed_corpus, built_single, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "dask.parquet"
    with pytest.warns(UserWarning):
        build(mixed_corpus, out, jobs=2, engine="dask", partition_size=4, progress=False)
    a1, l1 = read_built_corpus(built_single, with_lines=True)
    a2, l2 = read_built_corpus(out, with_lines=True)
    pd.testing.assert_frame_equal(_comparable(a1), _comparable(a2))
    pd.testing.assert_frame_equal(l1, l2)
    parts = plan_partitions(mixed_corpus, partition_size=4)
    assert [len(p) for p in parts] == [4, 4, 3, 1, 1, 1]  # pages by 4, cut where a file of records comes
    assert len(list((out / "articles").glob("part-*.parquet"))) == len(parts)


def test_term_counts_of_a_partition_by_hand():
    articles = pd.DataFrame({"outlet": ["A", "B", "A", None],
                             "body": ["Seoul and Tokyo, Seoul.", "Tokyo summit", "Seoul", "Tokyo"]})
    got = term_counts(articles)
    assert list(got.itertuples(index=False, name=None)) == [
        ("A", "seoul", 3, 2), ("A", "tokyo", 1, 1), ("B", "tokyo", 1, 1), ("B", "summit", 1, 1), ("", "tokyo", 1, 1)]


def test_term_counts_are_summed_over_partitions(built_single):
    counts = corpus_term_counts(built_single)
    articles = read_built_corpus(built_single)
    from newsframe.text import content_words

    expected = sum(content_words(b).count("japan") for b in articles["body"])
    assert counts.loc[counts["term"] == "japan", "count"].sum() == expected
    assert counts.loc[counts["term"] == "japan", "articles"].sum() == sum(
        "japan" in content_words(b) for b in articles["body"])
    # folding the partitions one at a time or several at a time gives the same sums
    assert len(list((built_single / "term_counts").glob("part-*.parquet"))) > 1
    pd.testing.assert_frame_equal(corpus_term_counts(built_single, batch=1), counts)


def test_cli_build(tmp_path):
    out = tmp_path / "cli.parquet"
    res = subprocess.run([sys.executable, "-m", "newsframe", "build", str(SEEDS), "--out", str(out), "--jobs", "1",
                          "--quiet"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "built 5 article(s)" in res.stderr
    assert len(read_built_corpus(out)) == 5
    # key terms straight from the built corpus's summed counts
    key = tmp_path / "key.csv"
    res = subprocess.run([sys.executable, "-m", "newsframe", "keyness", str(out), "--out", str(key), "--min-freq", "2"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    table = pd.read_csv(key)
    assert table["outlet"].nunique() == 4 and table["key"].any()
    rare = table[table["n_outlet"] < 2]  # kept only when significantly under-used
    assert (rare["key"] & (rare["direction"] == "under")).all()


def test_cli_build_missing_input(tmp_path):
    res = subprocess.run([sys.executable, "-m", "newsframe", "build", str(tmp_path / "nope"), "--out",
                          str(tmp_path / "x.parquet")], capture_output=True, text=True)
    assert res.returncode == 2
    assert "nope" in res.stderr


def test_corpus_notebook_runs_on_a_built_corpus(tmp_path):
    from newsframe.report import execute_notebook

    built = tmp_path / "seeds.parquet"
    build(SEEDS, built, jobs=1, progress=False)
    path = ROOT / "notebooks" / "00_corpus.ipynb"
    nb = execute_notebook(path, tmp_path / path.name, cwd=path.parent, parameters={
        "corpus_dir": str(built), "figures_dir": str(tmp_path / "figs"), "tables_dir": str(tmp_path / "tables")})
    shown = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                      for c in nb.cells for o in c.get("outputs", []))
    assert "Error" not in shown and "Traceback" not in shown
    overview = pd.read_csv(tmp_path / "tables" / "00_corpus_overview.csv")
    assert len(overview) == 5
    assert "Al Mayadeen English" in set(overview["outlet"])


def _story(seed: str) -> str:
    import random

    words = "harbour election storm budget minister council river school market bridge police doctor".split()
    rng = random.Random(seed)
    return " ".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(10))


def test_templates_across_partitions_equal_load_corpus(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    menu = "Home\nWorld\nSport\nContact us\n\n"
    for i, topic in enumerate(["harbour", "election", "storm", "budget", "harbour"]):
        text = f"Example Daily\n{menu}A headline about the {topic}\n\n" + _story(topic)
        text += "\n\nCopyright Example Daily\n"
        (folder / f"page{i}.txt").write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,outlet\n" + "".join(f"page{i}.txt,Example Daily\n" for i in range(5)))
    out = tmp_path / "site.parquet"
    build(folder, out, jobs=1, partition_size=2, progress=False)
    built, built_lines = load_corpus(out, with_lines=True)
    direct, direct_lines = load_corpus(folder, with_lines=True)
    pd.testing.assert_frame_equal(built_lines.reset_index(drop=True), direct_lines.reset_index(drop=True),
                                  check_dtype=False)
    pd.testing.assert_frame_equal(_comparable(built), _comparable(direct))
    menu_rows = direct_lines[direct_lines["text"] == "Sport"]
    assert (menu_rows["label"] != "body").all() and len(menu_rows) == 5
    assert built.set_index("id").at["page4", "duplicate_of"] == "page0"


def _site_page(title: str, body: str, *, signed: bool) -> str:
    """A page of a made-up site without a manifest: the same header and footer on every page; the
    masthead is named in the copyright line only when ``signed``."""
    head = "Harbour Tribune\nHome\nWorld\nBusiness\nSport\nOpinion\nWeather\nSubscribe\n\n"
    foot = "About us\nContact the newsroom\nPrivacy policy\nTerms of use\nAdvertise with us\nCareers\n"
    foot += "Copyright 2024 Harbour Tribune. All rights reserved.\n" if signed else "All rights reserved.\n"
    return f"{head}{title}\n\nBy a staff reporter\n\n{body}\n\n{_story(title)}\n\n{foot}"


@pytest.mark.parametrize("partition_size", [1, 10])
def test_pages_of_one_site_agree_on_their_outlet_as_in_load_corpus(tmp_path, partition_size):
    """Without a manifest, a page that names no outlet takes the one its site's other pages show
    (issue 15), in the build as in load_corpus, also when the pages sit in different partitions."""
    folder = tmp_path / "site"
    folder.mkdir()
    for i, (title, signed) in enumerate([("Ferry service resumes after storm", True),
                                         ("Council approves new fish market", True),
                                         ("Lighthouse to open for visitors", False)]):
        (folder / f"page{i}.txt").write_text(_site_page(title, _story(title), signed=signed), encoding="utf-8")
    out = tmp_path / "site.parquet"
    build(folder, out, jobs=1, partition_size=partition_size, progress=False)
    built, built_lines = load_corpus(out, with_lines=True)
    direct, direct_lines = load_corpus(folder, with_lines=True)
    assert list(direct["outlet"]) == ["Harbour Tribune"] * 3
    pd.testing.assert_frame_equal(_comparable(built), _comparable(direct))
    pd.testing.assert_frame_equal(built_lines.reset_index(drop=True), direct_lines.reset_index(drop=True),
                                  check_dtype=False)


def test_keyed_line_hashes_are_those_of_line_hash():
    from newsframe.scale.templates import key_hashes, keyed_hashes, line_hash

    keys = ["home", "about us", "copyright 2024 harbour tribune."]
    assert [int(h) for h in keyed_hashes("Harbour Tribune", key_hashes(keys))] == \
        [line_hash("Harbour Tribune", k) for k in keys]
    assert len({line_hash(o, "home") for o in ("A", "B", "")}) == 3   # the outlet is part of the key


def test_analyses_written_per_partition_equal_the_functions_on_the_built_articles(tmp_path):
    """build(analyses=True) runs time expressions, attributions and frame cues on the workers; the tables
    it writes equal those functions run on the built articles afterwards."""
    import warnings

    from newsframe import framing, timing
    from newsframe.scale.engine import read_built_table

    out = tmp_path / "analysed.parquet"
    summary = build(SEEDS, out, jobs=2, partition_size=2, progress=False, analyses=True)
    assert summary["analyses"] == ["attributions", "frame_cues", "timexes"]
    articles = read_built_corpus(out)
    articles.attrs = {}   # not marked as built: the functions compute instead of reading the stored tables
    keys = {"timexes": ["id", "start", "end", "text", "type", "value", "rule"],
            "attributions": ["id", "sentence", "attributed", "source", "source_type", "verb", "pattern"],
            "frame_cues": ["id", "part", "start", "end", "frame", "cue"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = {"timexes": timing.timex_table(articles), "attributions": framing.attributions(articles),
                  "frame_cues": framing.frame_cues(articles)}
    for name, cols in keys.items():
        built = read_built_table(out, name)
        assert len(built) and len(built) == len(direct[name]), name
        a = built[cols].sort_values(cols[:3]).reset_index(drop=True)
        b = direct[name][cols].sort_values(cols[:3]).reset_index(drop=True)
        pd.testing.assert_frame_equal(a.astype(str), b.astype(str), obj=name)
    with pytest.raises(FileNotFoundError, match="--analyses"):
        read_built_table(tmp_path / "elsewhere.parquet", "timexes")


def _finish_after(i, seconds):
    import time

    time.sleep(seconds)
    return i


def test_results_are_consumed_in_call_order_while_workers_run():
    """``build``'s driver groups stories and flags duplicates as results come in, in corpus order,
    even when a later partition finishes first."""
    from concurrent.futures import ThreadPoolExecutor

    consumed = []
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = run_local(_finish_after, [(0, 0.3), (1, 0.0), (2, 0.1)], pool, False, "", consumed.append)
    assert results == [0, 1, 2] and consumed == [0, 1, 2]
    consumed.clear()
    assert run_local(_finish_after, [(0, 0.0), (1, 0.0)], None, False, "", consumed.append) == [0, 1]
    assert consumed == [0, 1]


def test_pool_workers_collect_garbage_less_often():
    import gc

    from newsframe.scale.engine import WORKER_GC_THRESHOLDS, process_pool

    with process_pool(1) as pool:
        assert pool.submit(gc.get_threshold).result() == WORKER_GC_THRESHOLDS
    assert gc.get_threshold() != WORKER_GC_THRESHOLDS   # the driver (a notebook, say) keeps its own


# --------------------------------------------------------------------------- groups are data (issue 14)
EXTRA = ["group", "lean", "language", "section"]


def _grouped_folder(folder):
    """Seed pages with a manifest of extra columns (seed 004 without a row) and a JSONL file whose
    records have their own ``section`` column (a partition of its own, the seeds' partitions have none)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names:
        shutil.copy(SEEDS / name, folder / name)
    (folder / "manifest.csv").write_text(
        "file,outlet,country,group,lean,language\n"
        f"{names[0]},Islam Times,Iran,wire-heavy,left,en\n{names[1]},LatestLY,India,aggregator,,en\n"
        f"{names[2]},Islam Times,Iran,wire-heavy,right,fa\n{names[3]},Al Mayadeen English,Lebanon,broadcaster,left,en\n",
        encoding="utf-8")
    records = [{"id": "rec-1", "text": "Seoul, June 4 (Example) Officials said talks would resume next week.",
                "section": "World"},
               {"id": "rec-2", "text": "Tokyo, June 5 (Example) The leaders met on Thursday, officials said."}]
    (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs,engine", [(1, "local"), (2, "local"), (2, "dask")])
def test_extra_columns_survive_the_build(tmp_path, jobs, engine):
    import pyarrow.parquet as pq

    from newsframe.reading.corpus import ARTICLE_COLUMNS

    if engine == "dask":
        pytest.importorskip("distributed")
    folder = _grouped_folder(tmp_path / "in")
    out = tmp_path / "corpus.parquet"
    summary = build(folder, out, jobs=jobs, engine=engine, partition_size=2, progress=False)
    assert summary["extra_columns"] == EXTRA and summary["partitions"] == 4
    # every part has the same columns, also the parts without any value for a column
    schemas = [pq.read_schema(p).names for p in sorted((out / "articles").glob("part-*.parquet"))]
    assert all(names == schemas[0] for names in schemas) and set(EXTRA) <= set(schemas[0])
    built, direct = load_corpus(out), load_corpus(folder)
    assert list(built.columns) == list(direct.columns) == ARTICLE_COLUMNS + EXTRA
    keys = ["id", "outlet", "country", *EXTRA]
    pd.testing.assert_frame_equal(built[keys].sort_values("id").reset_index(drop=True),
                                  direct[keys].sort_values("id").reset_index(drop=True))
    rows = built.set_index("id")
    assert rows.loc["rec-1", "section"] == "World" and rows.loc["004_df0f48aa840264a6", "group"] == ""


def test_built_corpus_without_extra_columns_has_the_fixed_columns_only(tmp_path):
    from newsframe.reading.corpus import ARTICLE_COLUMNS

    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / p.name).write_bytes(p.read_bytes())
    summary = build(folder, tmp_path / "c.parquet", jobs=1, progress=False)
    assert summary["extra_columns"] == []
    assert list(read_built_corpus(tmp_path / "c.parquet").columns) == ARTICLE_COLUMNS


def test_reading_back_parts_with_different_extra_columns_gives_empty_strings(tmp_path):
    folder = _grouped_folder(tmp_path / "in")
    out = tmp_path / "corpus.parquet"
    build(folder, out, jobs=1, partition_size=2, progress=False)
    first = sorted((out / "articles").glob("part-*.parquet"))[0]
    pd.read_parquet(first).drop(columns=["lean"]).to_parquet(first, index=False)   # as a part of another build
    articles = read_built_corpus(out)
    assert "lean" in articles.columns and all(isinstance(v, str) for v in articles["lean"])
    assert (articles.set_index("id").loc["000_c40e52543c5c9a5f", "lean"]) == ""


def test_build_warns_for_a_manifest_row_naming_a_missing_file(tmp_path):
    from newsframe.reading.corpus import CorpusWarning

    folder = _grouped_folder(tmp_path / "in")
    with open(folder / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("gone.txt,Nobody,Nowhere,ghost,,\n")
    with pytest.warns(CorpusWarning, match=r"not in the input: gone\.txt"):
        build(folder, tmp_path / "c.parquet", jobs=1, progress=False)
