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


def _import_bench_corpora():
    """bench/corpora.py (corpora built at test time from ../shared), imported by path: bench/ is no package."""
    import importlib.util
    import sys

    name = "newsframe_bench_corpora"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "corpora.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


corpora = _import_bench_corpora()
build_many_outlet_corpus = corpora.build_many_outlet_corpus


@pytest.fixture(scope="session")
def many_outlet_corpus(tmp_path_factory):
    """The 151 raw pages of ../shared/benchmarks/boilerplate (dev, train) and the seeds in one folder with a
    manifest.csv (file, outlet, country, group; countries and groups made up, see bench/corpora.py).
    Skipped, naming the missing path, when the shared folder ($NEWSFRAME_SHARED or ../shared) is absent."""
    try:
        corpora.boilerplate_dirs()
    except corpora.SharedDataMissing as exc:
        print(f"many_outlet_corpus skipped: {exc}")
        pytest.skip(str(exc))
    return build_many_outlet_corpus(tmp_path_factory.mktemp("many_outlets"))


@pytest.fixture(scope="session")
def seeds_loaded():
    import newsframe as nf

    return nf.load_corpus(SEEDS, with_lines=True)


@pytest.fixture(scope="session")
def seed_reports(tmp_path_factory):
    """Every notebook run on the seeds and exported, once per test session."""
    from newsframe.report import build_reports

    out = tmp_path_factory.mktemp("reports")
    results = build_reports(SEEDS, out_dir=out, notebooks_dir=ROOT / "notebooks", progress=False)  # figures: out/figures
    return out, results
