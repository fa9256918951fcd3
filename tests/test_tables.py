"""Tables for readers: top rows shown with a count, the whole table in CSV; seeded article samples."""
import pandas as pd

from newsframe import tables


def test_show_writes_the_whole_table_and_shows_the_top_rows(tmp_path):
    t = pd.DataFrame({"id": [f"a{i}" for i in range(40)], "n": range(40), "text": ["word " * 100] * 40})
    view = tables.show(t, "big", tables_dir=tmp_path, n=10, sort_by="n")
    assert len(pd.read_csv(tmp_path / "big.csv")) == 40
    assert len(view.table) == 10 and view.total == 40
    assert view.table["n"].tolist() == list(range(39, 29, -1))
    assert "The first 10 of 40 rows" in view.caption() and "big.csv" in view.caption()
    assert view.table["text"].str.len().max() <= tables.CELL_WIDTH
    assert "<table" in view._repr_html_() and "40 rows" in view._repr_html_()


def test_show_small_and_empty_tables():
    small = tables.show(pd.DataFrame({"a": [1, 2]}))
    assert small.caption().startswith("All 2 rows")
    empty = tables.show(pd.DataFrame({"a": []}), note="Nothing found.")
    assert empty.caption() == "Nothing found." and "<table" not in empty._repr_html_()


def test_sample_articles_is_seeded_and_gives_each_group_a_turn():
    a = pd.DataFrame({"id": [f"a{i:03d}" for i in range(100)], "outlet": ["big"] * 90 + ["small"] * 10})
    first = tables.sample_articles(a, 4)
    assert first == tables.sample_articles(a, 4)            # the same on every run
    assert first != tables.sample_articles(a, 4, seed=1)
    assert len(set(first)) == 4
    outlets = a.set_index("id").loc[first, "outlet"].tolist()
    assert outlets[:2] == ["big", "small"]                  # every group in turn, largest first
    assert tables.sample_articles(a.head(3), 5) == ["a000", "a001", "a002"]


def test_sample_corpus_keeps_a_small_corpus_and_samples_a_large_one_in_table_order():
    arts = pd.DataFrame({"id": [f"a{i:02d}" for i in range(30)], "outlet": ["X", "Y", "Z"] * 10})
    small = tables.sample_corpus(arts, 30)
    assert small["id"].tolist() == arts["id"].tolist() and small.attrs["sampled_from"] == 30
    big = tables.sample_corpus(arts, 9)
    assert len(big) == 9 and big.attrs["sampled_from"] == 30
    assert big["id"].tolist() == sorted(big["id"])                   # table order, not draw order
    assert big["outlet"].value_counts().to_dict() == {"X": 3, "Y": 3, "Z": 3}   # every group in turn
    assert tables.sample_corpus(arts, 9)["id"].tolist() == big["id"].tolist()  # seeded


def test_an_empty_note_is_shown_only_for_an_empty_table():
    empty = tables.show(pd.DataFrame({"a": []}), empty_note="No name is spelled two ways.")
    assert empty.caption() == "No name is spelled two ways."
    full = tables.show(pd.DataFrame({"a": [1, 2]}), empty_note="No name is spelled two ways.")
    assert "No name" not in full.caption() and full.caption() == "All 2 rows."


def test_show_drops_the_column_axis_name_of_a_crosstab():
    t = pd.crosstab(pd.Series(["A", "B"], name="outlet"), pd.Series(["official", "other"], name="source_type"))
    html = tables.show(t.reset_index())._repr_html_()
    assert "source_type" not in html and "official" in html
