"""Every notebook runs top to bottom on the seeds and on a second corpus, and shows what it should."""
import json

import nbformat
import pytest

from newsframe.report import execute_notebook

from conftest import CORPUS_B, ROOT, SEEDS

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def output_text(nb) -> str:
    """All text and HTML the executed notebook shows."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                parts.append("ERROR " + out.get("ename", ""))
            parts.append(out.get("text", "") if isinstance(out.get("text", ""), str) else "".join(out["text"]))
            data = out.get("data", {})
            for key in ("text/plain", "text/html", "text/markdown"):
                v = data.get(key, "")
                parts.append(v if isinstance(v, str) else "".join(v))
    return "\n".join(parts)


def n_images(nb) -> int:
    return sum("image/png" in out.get("data", {}) for c in nb.cells for out in c.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_house_style(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    for field in ("Question", "You will learn", "Time in class"):
        assert field in first.source
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and 'corpus_dir = "../seeds"' in params[0].source
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "### Try it" in md and "<details>" in md and "## Limits of this analysis" in md
    long_cells = [c.source for c in nb.cells if c.cell_type == "code" and len(c.source.splitlines()) > 15]
    assert long_cells == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_second_corpus(path, tmp_path):
    nb = execute_notebook(path, tmp_path / path.name, cwd=path.parent, parameters={
        "corpus_dir": str(CORPUS_B), "figures_dir": str(tmp_path / "figs"), "tables_dir": str(tmp_path / "tables")})
    text = output_text(nb)
    assert "ERROR" not in text
    assert any((tmp_path / "figs").glob("*.png")) and any((tmp_path / "figs").glob("*.svg"))


def executed(seed_reports, stem):
    out, _ = seed_reports
    return nbformat.read(out / "executed" / f"{stem}.ipynb", as_version=4)


def test_corpus_notebook_on_seeds(seed_reports):
    nb = executed(seed_reports, "00_corpus")
    text = output_text(nb)
    for aid in (p.stem for p in SEEDS.glob("*.txt")):
        assert aid in text
    for outlet in ("Islam Times", "LatestLY", "Al Mayadeen English", "Lokmat English"):
        assert outlet in text
    assert "year inferred" in text and n_images(nb) >= 1


# A student changes a documented parameter and re-runs: later cells must not break.
PARAMETER_CHANGES = {
    "00_corpus": {"article_to_inspect": "003_9a8df70d9255f726"},
    "01_source_framing": {"extra_verbs": ["welcomed"], "extra_cues": {"security": ["deterrence"]}, "adjust_tone": True},
    "02_wording_differences": {"concordance_terms": ["Kishida"], "keyness_min_freq": 1,
                               "extra_aliases": [["North Korea", "Pyongyang"]]},
    "03_event_timing": {"min_shared_words": 1, "article_to_inspect": "004_df0f48aa840264a6"},
}


@pytest.mark.parametrize("stem", sorted(PARAMETER_CHANGES))
def test_notebook_runs_after_a_parameter_change(stem, tmp_path):
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    params = {"corpus_dir": str(SEEDS), "figures_dir": str(tmp_path / "figs"), "tables_dir": str(tmp_path / "t"),
              **PARAMETER_CHANGES[stem]}
    nb = execute_notebook(path, tmp_path / path.name, cwd=path.parent, parameters=params)
    text = output_text(nb)
    assert "ERROR" not in text
    for value in PARAMETER_CHANGES[stem].values():
        if isinstance(value, str):
            assert value in text  # the changed parameter shows in the output
    assert n_images(nb) >= 1


def test_timing_notebook_on_seeds(seed_reports):
    nb = executed(seed_reports, "03_event_timing")
    text = output_text(nb)
    assert "2023-03-16" in text  # the Tokyo summit, dated from "on Thursday"
    assert "2023-04-17" in text  # the April 2023 security talks ("Monday" in a story of Friday 14 April)
    assert "2024-06-01" in text  # the defence ministers' meeting ("On June 1")
    assert "2016" in text and "2019" in text  # the GSOMIA background
    assert "2011" in text  # "the first such summit in 12 years", resolved
    for outlet in ("Islam Times", "LatestLY", "Lokmat English"):
        assert outlet in text
    assert n_images(nb) >= 2


def test_source_framing_notebook_on_seeds(seed_reports):
    text = output_text(executed(seed_reports, "01_source_framing"))
    for s in ("AFP (body)", "Reuters (body)", "ANI (dateline)", "Yonhap (body)", "IANS (byline)",
              "a defense ministry official", "Tokyo claimed", "forced labor", "colonial rule"):
        assert s in text


def test_wording_notebook_on_seeds(seed_reports):
    text = output_text(executed(seed_reports, "02_wording_differences"))
    for s in ("Yoon Seok-youl", "Yoon Suk-yeol", "Yin", "Military Intelligence General Security Agreement",
              "General Security of Military Information Agreement", "colonisation", "colonization", "defence",
              "lede repeated", "scrap", "cancel"):
        assert s in text



# --------------------------------------------------------------------------- a many-outlet corpus, read as a reader would
MANY_PAGES = 40   # pages of the many-outlet corpus the notebooks run on in the test suite (bench/report_bench.py: more)


@pytest.fixture(scope="session")
def many_outlet_reports(many_outlet_corpus, tmp_path_factory):
    """Every notebook run on 40 pages of the many-outlet corpus (the seeds and 35 benchmark pages, ~35 outlets,
    a made-up country per outlet), exported; the grouping is chosen by the notebooks (countries)."""
    from newsframe.report import build_reports

    from conftest import corpora

    folder = corpora.subset_corpus(many_outlet_corpus, tmp_path_factory.mktemp("many40"), MANY_PAGES)
    out = tmp_path_factory.mktemp("many40_reports")
    return folder, out, build_reports(folder, out_dir=out, notebooks_dir=ROOT / "notebooks", progress=False)


def test_many_outlet_reports_run_and_compare_countries(many_outlet_reports):
    folder, out, results = many_outlet_reports
    assert [r["status"] for r in results] == ["ok"] * len(results), [(r["html"], r["error"]) for r in results]
    for r in results:
        nb = nbformat.read(out / "executed" / r["html"].replace(".html", ".ipynb"), as_version=4)
        text = output_text(nb)
        assert "ERROR" not in text
        assert "Comparing by **country**" in text and "too many to tell apart" in text
    assert "index.html" in {p.name for p in out.iterdir()}


def test_many_outlet_figures_are_bounded(many_outlet_reports):
    import matplotlib.image as mpimg

    from newsframe import plots

    _, out, _ = many_outlet_reports
    pngs = sorted((out / "figures").glob("*.png"))
    assert len(pngs) >= 8
    for p in pngs:
        h, w = mpimg.imread(str(p)).shape[:2]
        assert max(h, w) <= plots.MAX_PIXELS, (p.name, w, h)
    assert len(list((out / "figures").glob("*.svg"))) == len(pngs)


def test_many_outlet_tables_are_cut_and_complete_in_csv(many_outlet_reports):
    import pandas as pd

    _, out, _ = many_outlet_reports
    nb = nbformat.read(out / "executed" / "00_corpus.ipynb", as_version=4)
    text = output_text(nb)
    assert "The first 15 of 40 rows" in text and "00_corpus_overview.csv" in text
    assert len(pd.read_csv(out / "tables" / "00_corpus_overview.csv")) == MANY_PAGES
    sizes = pd.read_csv(out / "tables" / "00_groups.csv")
    assert len(sizes) <= 12 and sizes["articles"].sum() == MANY_PAGES
    assert "small" in sizes.columns


def test_compare_by_changes_the_groups(many_outlet_reports, tmp_path):
    folder, _, _ = many_outlet_reports
    path = ROOT / "notebooks" / "00_corpus.ipynb"
    nb = execute_notebook(path, tmp_path / path.name, cwd=path.parent, parameters={
        "corpus_dir": str(folder), "figures_dir": str(tmp_path / "figs"), "tables_dir": str(tmp_path / "t"),
        "compare_by": "group"})
    assert "Comparing by **group**" in output_text(nb)
    import pandas as pd

    sizes = pd.read_csv(tmp_path / "t" / "00_groups.csv")
    assert set(sizes["group"]) <= {"wire-heavy", "national", "regional", "(not stated)"}
    assert sizes["articles"].sum() == MANY_PAGES
