from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS_B = ROOT / "tests" / "fixtures" / "corpus_b"


def copy_pages(folder: Path, copy_name: str) -> Path:
    """The seeds and corpus_b pages copied into ``folder``, seed 002 once more as ``copy_name``
    (a duplicate for the build to flag)."""
    import shutil

    for p in sorted(SEEDS.glob("*.txt")) + sorted(CORPUS_B.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    shutil.copy(SEEDS / "002_6aac2701e2edd0f1.txt", folder / copy_name)
    return folder


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
