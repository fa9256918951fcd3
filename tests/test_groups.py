"""Groups of articles: the grouping rule, folding into "other", sizes, attaching a column."""
import pandas as pd
import pytest

from newsframe import groups


def articles(outlets, countries=None, **extra):
    n = len(outlets)
    data = {"id": [f"a{i:03d}" for i in range(n)], "outlet": outlets, "country": countries or [""] * n}
    data.update(extra)
    return pd.DataFrame(data)


@pytest.mark.parametrize("n_outlets, countries, compare_by, column", [
    (4, False, None, "outlet"),
    (12, False, None, "outlet"),
    (13, True, None, "country"),
    (13, False, None, groups.TOP_OUTLETS_COLUMN),
    (40, True, "outlet", "outlet"),   # the user's choice wins, however many outlets
    (4, True, "lean", "lean"),
])
def test_choose_grouping_rule(n_outlets, countries, compare_by, column):
    outlets = [f"outlet {i % n_outlets:02d}" for i in range(3 * n_outlets)]
    a = articles(outlets, [["KR", "JP", "IN"][i % 3] for i in range(len(outlets))] if countries else None,
                 lean=["left" if i % 2 else "right" for i in range(len(outlets))])
    g = groups.choose_grouping(a, compare_by)
    assert g.column == column
    assert g.reason and column in g.describe()
    assert int(g.sizes["articles"].sum()) == len(a)


def test_top_outlets_grouping_has_at_most_twelve_groups_with_other_named():
    outlets = [f"o{i:02d}" for i in range(30) for _ in range(30 - i)]  # o00 has 30 articles ... o29 has 1
    g = groups.choose_grouping(articles(outlets))
    assert g.column == groups.TOP_OUTLETS_COLUMN
    names = list(g.sizes[g.column])
    assert len(names) == 12
    assert names[:11] == [f"o{i:02d}" for i in range(11)]
    assert "other (19 outlets)" in names
    other = g.sizes.set_index(g.column).loc["other (19 outlets)"]
    assert other["articles"] == sum(30 - i for i in range(11, 30)) and other["outlets"] == 19


def test_unknown_compare_by_names_the_columns_there_are():
    with pytest.raises(KeyError, match="outlet"):
        groups.choose_grouping(articles(["a", "b"]), "continent")


@pytest.mark.parametrize("values, keep, expected", [
    (["a", "a", "b", "c", "d"], 2, ["a", "a", "b", "other (2 groups)", "other (2 groups)"]),
    (["a", "b", "c"], 2, ["a", "b", "c"]),  # folding one category would hide a name for nothing
    (["x", None, "", "x"], 5, ["x", groups.NOT_STATED, groups.NOT_STATED, "x"]),
    (["b", "a", "c", "a"], 1, ["other (2 groups)", "a", "other (2 groups)", "a"]),
])
def test_lump(values, keep, expected):
    assert groups.lump(values, keep=keep).tolist() == expected


def test_lump_by_weight_and_ties_by_name():
    assert groups.lump(["a", "b", "c"], keep=1, weights=[1, 5, 5]).tolist() == ["other (2 groups)", "b", "other (2 groups)"]


def test_group_sizes_marks_small_groups():
    sizes = groups.group_sizes(articles(["A"] * 5 + ["B"] * 2 + ["C"]))
    assert sizes.to_dict("list") == {"outlet": ["A", "B", "C"], "articles": [5, 2, 1], "outlets": [1, 1, 1],
                                     "small": [False, True, True]}


def test_attach_adds_the_group_column_by_id():
    a = articles(["A", "B", "C"], ["KR", "", "JP"])
    table = pd.DataFrame({"id": ["a002", "a000", "a001", "a000"], "n": [1, 2, 3, 4]})
    out = groups.attach(table, a, "country")
    assert out["country"].tolist() == ["JP", "KR", groups.NOT_STATED, "KR"]
    assert "country" not in table.columns  # the input is not changed
    assert groups.attach(out, None, "country") is out
    with pytest.raises(KeyError, match="articles="):
        groups.attach(table, None, "country")


def test_apply_grouping_makes_the_derived_column_only():
    a = articles(["A", "B"])
    assert groups.apply_grouping(a, "outlet") is a
    assert groups.TOP_OUTLETS_COLUMN in groups.apply_grouping(a, groups.TOP_OUTLETS_COLUMN).columns


def test_split_and_records_by_article_keep_table_order_and_columns():
    t = pd.DataFrame({"id": ["b", "a", "b", "c"], "n": [1, 2, 3, 4], "text": ["w", "x", "y", "z"]})
    parts = groups.split_by_article(t, ("n",))
    assert list(parts) == ["b", "a", "c"]
    assert parts["b"]["n"].tolist() == [1, 3] and list(parts["b"].columns) == ["id", "n"]
    records = groups.records_by_article(t)
    assert records["b"] == [{"id": "b", "n": 1, "text": "w"}, {"id": "b", "n": 3, "text": "y"}]
    assert groups.records_by_article(t, ("n", "missing"))["c"] == [{"id": "c", "n": 4}]
