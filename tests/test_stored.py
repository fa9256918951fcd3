"""Analysis tables stored by ``build --analyses`` are read back by the analyses (newsframe.stored)."""
import warnings

import pandas as pd
import pytest

from conftest import SEEDS
from newsframe import framing, load_corpus, stored, text, timing
from newsframe.scale.engine import build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("stored") / "seeds.parquet"
    build(SEEDS, out, jobs=1, partition_size=2, progress=False, analyses=True)
    return out


@pytest.fixture()
def articles(built):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(built)


def plain(articles):
    """The same articles, no longer marked as a built corpus: the analyses compute."""
    copy = articles.copy()
    copy.attrs = {}
    return copy


@pytest.fixture()
def spy(monkeypatch):
    """Records what newsframe.stored.stored_rows returned for each table it was asked for."""
    calls = []
    real = stored.stored_rows

    def recording(articles, name, **kwargs):
        table = real(articles, name, **kwargs)
        calls.append((name, table is not None))
        return table
    monkeypatch.setattr(stored, "stored_rows", recording)
    return calls


ANALYSES = {"attributions": framing.attributions, "frame_cues": framing.frame_cues, "timexes": timing.timex_table}


def test_a_built_corpus_is_marked_and_a_folder_corpus_is_not(built, articles):
    assert articles.attrs[stored.ATTRS_KEY] == str(built)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert stored.ATTRS_KEY not in load_corpus(SEEDS).attrs


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_stored_table_is_used_and_equals_computing_it(name, articles, spy):
    fn = ANALYSES[name]
    read = fn(articles)
    assert spy == [(name, True)]
    computed = fn(plain(articles))
    assert len(read) and list(read.columns) == list(computed.columns)
    pd.testing.assert_frame_equal(read.astype(str), computed.astype(str), obj=name)


def test_attribution_candidates_come_back_as_lists_for_quotations(articles):
    read = framing.attributions(articles)
    computed = framing.attributions(plain(articles))
    attributed = read["attributed"].to_numpy()
    assert attributed.any()
    assert list(read.loc[attributed, "candidates"]) == list(computed.loc[attributed, "candidates"])
    q_read, q_computed = framing.quotations(articles, attr=read), framing.quotations(plain(articles))
    pd.testing.assert_frame_equal(q_read.astype(str), q_computed.astype(str))


def test_a_subset_in_another_order_gets_its_rows_in_that_order(articles, spy):
    subset = articles.iloc[[3, 0]]
    read = timing.timex_table(subset)
    assert spy == [("timexes", True)]
    assert list(dict.fromkeys(read["id"])) == [subset["id"].iloc[0], subset["id"].iloc[1]]
    pd.testing.assert_frame_equal(read.astype(str), timing.timex_table(plain(subset)).astype(str))


def test_changed_settings_or_changed_bodies_are_computed(articles, spy):
    framing.attributions(articles, extra_verbs=["welcomed"])
    framing.frame_cues(articles, extra_cues={"security": ["pact"]})
    framing.frame_cues(articles, include_headline=False)
    assert spy == []   # not even looked up: the stored tables were made with the defaults
    edited = articles.copy()
    first = edited["id"].iloc[0]
    edited.loc[edited["id"] == first, "body"] = "Officials said nothing at all on Monday."
    out = framing.attributions(edited)
    assert spy == [("attributions", False)]
    assert out[out["id"] == first]["text"].tolist() == ["Officials said nothing at all on Monday."]


def test_empty_extra_settings_count_as_the_defaults(articles, spy):
    framing.attributions(articles, extra_verbs=[])
    framing.frame_cues(articles, extra_cues={})
    assert spy == [("attributions", True), ("frame_cues", True)]


def test_an_older_build_without_candidates_is_computed(built, articles, tmp_path, spy):
    import shutil

    old = tmp_path / "old.parquet"
    shutil.copytree(built, old)
    for part in (old / "attributions").glob("part-*.parquet"):
        pd.read_parquet(part).drop(columns=["candidates"]).to_parquet(part, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        older = load_corpus(old)
    out = framing.attributions(older)
    assert spy == [("attributions", False)]
    assert "candidates" in out.columns and len(out) == len(framing.attributions(articles))


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_the_sentence_table_does_not_keep_the_stored_table_from_being_used(name, articles, spy):
    """``sentences=`` only saves work, so the stored rows are still the answer."""
    read = ANALYSES[name](articles, sentences=text.sentence_table(articles))
    assert spy == [(name, True)]
    pd.testing.assert_frame_equal(read.astype(str), ANALYSES[name](articles).astype(str), obj=name)


def test_parts_with_an_all_null_column_read_back_as_one_part_would(tmp_path):
    """A part whose text column is all null (one page, no headline) takes the other parts' type."""
    folder = tmp_path / "articles"
    folder.mkdir()
    pd.DataFrame({"id": ["a", "b"], "headline": ["Ferry resumes", None]}).to_parquet(folder / "part-00000.parquet")
    pd.DataFrame({"id": ["c"], "headline": [None]}).to_parquet(folder / "part-00001.parquet")
    read = stored.read_parts(folder)
    whole = pd.DataFrame({"id": ["a", "b", "c"], "headline": ["Ferry resumes", None, None]})
    whole.to_parquet(tmp_path / "whole.parquet")
    pd.testing.assert_frame_equal(read, pd.read_parquet(tmp_path / "whole.parquet"))
