from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS_B = ROOT / "tests" / "fixtures" / "corpus_b"


@pytest.fixture(scope="session")
def seeds_loaded():
    import newsframe as nf

    return nf.load_corpus(SEEDS, with_lines=True)


@pytest.fixture(scope="session")
def seed_reports(tmp_path_factory):
    """Every notebook run on the seeds and exported, once per test session."""
    from newsframe.report import build_reports

    out = tmp_path_factory.mktemp("reports")
    results = build_reports(SEEDS, out_dir=out, notebooks_dir=ROOT / "notebooks",
                            figures_dir=out / "figures", progress=False)
    return out, results
