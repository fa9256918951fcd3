from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS_B = ROOT / "tests" / "fixtures" / "corpus_b"


@pytest.fixture(scope="session")
def seeds_loaded():
    import newsframe as nf

    return nf.load_corpus(SEEDS, with_lines=True)
