"""The many-outlet corpora built at test time from ../shared (bench/corpora.py)."""
import csv

import pytest

from conftest import SEEDS, corpora


def _manifest(folder):
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _seed_countries():
    with open(SEEDS / "manifest.csv", newline="", encoding="utf-8") as fh:
        return {row["country"] for row in csv.DictReader(fh)}


def test_many_outlet_corpus_has_a_manifest_of_outlets_and_made_up_countries(many_outlet_corpus):
    files = sorted(p.name for p in many_outlet_corpus.glob("*.txt"))
    assert len(files) >= 150
    rows = _manifest(many_outlet_corpus)
    assert list(rows[0]) == ["file", "outlet", "country", "group"]
    assert sorted(r["file"] for r in rows) == files   # every row names an existing file, every file has a row
    assert len({r["outlet"] for r in rows}) >= 100
    assert all(r["outlet"] and not r["outlet"].startswith("www.") for r in rows)
    assert {r["country"] for r in rows} == set(corpora.COUNTRIES) | _seed_countries()
    assert {r["group"] for r in rows} == set(corpora.GROUPS)


def test_many_outlet_corpus_loads_with_its_manifest(many_outlet_corpus):
    import newsframe as nf

    articles = nf.load_corpus(sorted(many_outlet_corpus.glob("*.txt"))[:8], manifest=many_outlet_corpus / "manifest.csv")
    by_file = {r["file"]: r for r in _manifest(many_outlet_corpus)}
    for art in articles.itertuples():
        name = art.file.rsplit("/", 1)[-1]
        assert (art.outlet, art.country) == (by_file[name]["outlet"], by_file[name]["country"])


def test_outlet_of_url_and_made_up_assignments_are_stable():
    assert corpora.outlet_of_url("https://www.example.com/a/b", "0123abcd") == "example.com"
    assert corpora.outlet_of_url("http://news.example.org", "0123abcd") == "news.example.org"
    assert corpora.outlet_of_url(None, "0123abcd") == "unknown-0123"
    assert corpora.made_up_country("example.com") == corpora.made_up_country("example.com") in corpora.COUNTRIES
    assert corpora.made_up_group("example.com") in corpora.GROUPS


def test_missing_shared_folder_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(corpora.SHARED_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(corpora.SharedDataMissing, match="nowhere"):
        corpora.build_many_outlet_corpus(tmp_path / "out")


def test_large_raw_corpus_has_n_pages_and_a_few_hundred_outlets(many_outlet_corpus, tmp_path):
    folder = corpora.build_large_raw_corpus(tmp_path / "large", 400)
    files = sorted(p.name for p in folder.glob("*.txt"))
    assert len(files) == 400
    rows = _manifest(folder)
    assert sorted(r["file"] for r in rows) == files
    outlets = {r["outlet"] for r in rows}
    # round 1: the 156 pages' own outlets; round 2: "<outlet>-2"; round 3 (88 pages): "<outlet>-3"
    pages = corpora.source_pages()
    n = len(pages)
    expected = (len({p["outlet"] for p in pages}) + len({p["outlet"] for p in pages})
                + len({p["outlet"] for p in pages[:400 - 2 * n]}))
    assert len(outlets) == expected and 250 <= len(outlets) <= 400
    assert {r["country"] for r in rows} == set(corpora.COUNTRIES) | _seed_countries()
    # copies are varied, not byte copies, and the same on every build (seeded)
    first, copy = files[0], files[n]
    assert first.split("_", 1)[1] == copy.split("_", 1)[1]
    assert (folder / first).read_bytes() != (folder / copy).read_bytes()
    again = corpora.build_large_raw_corpus(tmp_path / "again", n + 5)
    assert (again / files[n + 4]).read_bytes() == (folder / files[n + 4]).read_bytes()
