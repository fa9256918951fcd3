"""Wire families: connected groups of reusing articles in publication order, ranked pairs, the charts."""
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from newsframe import plots, wording
from newsframe.wording import families

from conftest import SEEDS


def _row(a, b, sa, sb, kind, sim):
    return {"a": a, "b": b, "sent_a": sa, "sent_b": sb, "kind": kind, "similarity": sim}


def _pair(a, b, score, v, e, p):
    return {"a": a, "b": b, "outlet_a": OUTLETS[a], "outlet_b": OUTLETS[b], "score": score,
            "n_verbatim": v, "n_edited": e, "n_paraphrase": p}


OUTLETS = dict(zip("ABCDEFGH", ["wire", "daily", "weekly", "x", "y", "z", "g-times", "h-post"]))


def _case():
    """A (earliest) <- B copies A verbatim <- C rewrites B (and A); D <- E (undated); G <- H; F alone."""
    arts = pd.DataFrame({
        "id": list("ABCDEFGH"), "outlet": [OUTLETS[k] for k in "ABCDEFGH"],
        "country": ["KR", "JP", "JP", "IN", "IN", "QA", "US", "US"],
        "published": [pd.Timestamp("2023-03-16 08:00", tz="UTC"), pd.Timestamp("2023-03-16 21:00+09:00"),
                      pd.Timestamp("2023-03-18"), pd.Timestamp("2024-06-02"), None, pd.Timestamp("2023-01-01"),
                      pd.Timestamp("2023-05-01"), pd.Timestamp("2023-05-03")],
        "credited_sources": [["Yonhap"], ["Yonhap"], [], [], ["AFP"], [], [], ["Reuters"]]})
    aligned = pd.DataFrame([
        # A-B: B's sentences 0, 1, 2 verbatim, 4 edited
        *[_row("A", "B", k, k, "verbatim", 1.0) for k in range(3)], _row("A", "B", 3, 4, "edited", 0.8),
        # B-C: C's 0 and 1 edited, 3 a paraphrase
        _row("B", "C", 0, 0, "edited", 0.7), _row("B", "C", 1, 1, "edited", 0.6), _row("B", "C", 2, 3, "paraphrase", 0.4),
        # A-C: C's 0 edited (also matched in B), 2 verbatim
        _row("A", "C", 0, 0, "edited", 0.7), _row("A", "C", 2, 2, "verbatim", 1.0),
        # A-F: a paraphrase, pair below the threshold (not in pairs): F is in no family
        _row("A", "F", 1, 0, "paraphrase", 0.3),
        # D-E: E's 0 and 1 verbatim, 3 edited
        _row("D", "E", 0, 0, "verbatim", 1.0), _row("D", "E", 1, 1, "verbatim", 1.0), _row("D", "E", 2, 3, "edited", 0.6),
        # G-H (stored as H, G): G's 0 verbatim
        _row("G", "H", 0, 0, "verbatim", 1.0),
    ])
    aligned.attrs["sentence_counts"] = {"A": 4, "B": 5, "C": 6, "D": 3, "E": 4, "F": 3, "G": 2, "H": 4}
    pairs = pd.DataFrame([_pair("A", "B", 0.95, 3, 1, 0), _pair("D", "E", 0.87, 2, 1, 0), _pair("B", "C", 0.43, 0, 2, 1),
                          _pair("A", "C", 0.43, 1, 1, 0), _pair("H", "G", 0.5, 1, 0, 0)])
    return arts, pairs, aligned


def test_families_in_publication_order_with_presumed_source_and_shares():
    arts, pairs, aligned = _case()
    fam = families.wire_families(arts, pairs, aligned)
    assert list(fam.columns[:4]) == ["family_id", "order", "id", "outlet"]
    f1 = fam[fam["family_id"] == "F1"].set_index("id")
    # B is dated 21:00 in Seoul = 12:00 UTC, after A's 08:00 UTC
    assert list(f1.index) == ["A", "B", "C"] and list(f1["order"]) == [1, 2, 3]
    assert f1["presumed_source"].tolist() == [True, False, False]
    assert f1["how"].tolist() == ["source", "copied", "rewritten"]     # B: 3 of 4 verbatim; C: 1 of 4
    assert f1["share_from_earlier"].tolist() == [0.0, pytest.approx(4 / 5), pytest.approx(round(4 / 6, 3))]
    assert f1["n_from_earlier"].tolist() == [0, 4, 4] and f1["n_sentences"].tolist() == [4, 5, 6]
    assert f1.loc["B", "copied_from"] == "A" and f1.loc["C", "copied_from"] == "B"   # C: 3 sentences with B, 2 with A
    assert f1.loc["A", "copied_from"] == "" and f1.loc["B", "credited"] == "Yonhap" and f1.loc["C", "credited"] == ""
    assert set(f1["n_members"]) == {3}
    # two families of two: G-H first (published earlier than D), then D-E
    f2, f3 = fam[fam["family_id"] == "F2"], fam[fam["family_id"] == "F3"]
    assert list(f2["id"]) == ["G", "H"] and f2["presumed_source"].tolist() == [True, False]
    assert list(f3["id"]) == ["D", "E"] and f3["order"].tolist() == [1, 2]
    assert f3["dated"].tolist() == [True, False]                          # the undated member is last and marked
    e = f3.set_index("id").loc["E"]
    assert (e["share_from_earlier"], e["how"], e["copied_from"]) == (0.75, "copied", "D")   # 2 of 3 verbatim
    assert "F" not in set(fam["id"]) and len(fam) == 7
    assert fam.groupby("family_id")["presumed_source"].sum().tolist() == [1, 1, 1]


def test_families_threshold_by_and_empty():
    arts, pairs, aligned = _case()
    close = families.wire_families(arts, pairs, aligned, threshold=0.5)   # B-C and A-C (0.43) dropped
    assert close.groupby("family_id")["id"].apply(list).to_dict() == {"F1": ["A", "B"], "F2": ["G", "H"],
                                                                      "F3": ["D", "E"]}
    by_country = families.wire_families(arts, pairs, aligned, by="country")
    assert list(by_country.columns[:5]) == ["family_id", "order", "id", "outlet", "country"]
    assert by_country.set_index("id")["country"].to_dict() == {"A": "KR", "B": "JP", "C": "JP", "G": "US", "H": "US",
                                                               "D": "IN", "E": "IN"}
    with pytest.raises(KeyError):
        families.wire_families(arts, pairs, aligned, by="lean")
    empty = families.wire_families(arts, pairs.iloc[0:0], aligned)
    assert empty.empty and "presumed_source" in empty.columns
    assert families.family_summary(empty).empty


def test_family_summary_by_hand():
    arts, pairs, aligned = _case()
    summary = families.family_summary(families.wire_families(arts, pairs, aligned)).set_index("family_id")
    f1 = summary.loc["F1"]
    assert (f1["members"], f1["outlets"], f1["presumed_source"], f1["source_outlet"]) == (3, 3, "A", "wire")
    assert f1["first_published"] == pd.Timestamp("2023-03-16 08:00", tz="UTC")
    assert f1["last_published"] == pd.Timestamp("2023-03-18")
    assert f1["span_days"] == pytest.approx(1.7)           # 08:00 on the 16th to midnight of the 18th: 40 h
    assert (f1["copied"], f1["rewritten"], f1["share_copied"]) == (1, 1, 0.5)
    assert f1["agencies_credited"] == "Yonhap" and f1["undated"] == 0
    f3 = summary.loc["F3"]
    assert (f3["undated"], f3["span_days"], f3["agencies_credited"]) == (1, 0.0, "AFP")
    assert summary.loc["F2", "agencies_credited"] == "Reuters"
    by_country = families.family_summary(families.wire_families(arts, pairs, aligned, by="country"))
    assert list(by_country.columns[:5]) == ["family_id", "members", "outlets", "country", "groups"]
    assert by_country.set_index("family_id").loc["F1", ["country", "groups"]].tolist() == ["JP, KR", 2]


@pytest.mark.parametrize("pair, direction", [(("A", "B"), "a -> b"), (("H", "G"), "b -> a"), (("D", "E"), "?")])
def test_ranked_pairs_direction(pair, direction):
    arts, pairs, _ = _case()
    ranked = families.ranked_pairs(pairs, arts).set_index(["a", "b"])
    assert ranked.loc[pair, "direction"] == direction


def test_ranked_pairs_order_counts_top_and_same_time():
    arts, pairs, _ = _case()
    ranked = families.ranked_pairs(pairs, arts)
    assert ranked["score"].tolist() == [0.95, 0.87, 0.5, 0.43, 0.43]
    assert list(zip(ranked["a"], ranked["b"]))[3:] == [("B", "C"), ("A", "C")]   # ties: more shared sentences first
    assert ranked["shared_sentences"].tolist() == [4, 3, 1, 3, 2]
    assert len(families.ranked_pairs(pairs, arts, top=2)) == 2
    same = arts.assign(published=[arts["published"][1]] * len(arts))
    assert set(families.ranked_pairs(pairs, same)["direction"]) == {"?"}
    by_country = families.ranked_pairs(pairs, arts, by="country")
    assert by_country.loc[0, ["country_a", "country_b"]].tolist() == ["KR", "JP"]
    assert families.ranked_pairs(pairs.iloc[0:0], arts).empty


def test_use_heatmap_up_to_twenty_articles():
    assert families.HEATMAP_MAX_ARTICLES == 20
    assert families.use_heatmap(pd.DataFrame({"id": range(20)}))
    assert not families.use_heatmap(pd.DataFrame({"id": range(21)}))
    assert not families.use_heatmap(400)


def _many_families(n_families=40, n_groups=30):
    rows = []
    for f in range(n_families):
        size = 2 + f % 4
        for m in range(size):
            rows.append({"family_id": f"F{f + 1}", "order": m + 1, "id": f"{f}-{m}",
                         "outlet": f"outlet {len(rows) % n_groups}",
                         "published": None if m == size - 1 and f % 3 == 0 else
                         pd.Timestamp("2023-01-01") + pd.Timedelta(days=f, hours=6 * m),
                         "presumed_source": m == 0, "n_members": size})
    return pd.DataFrame(rows)


def _colours(ax):
    """Distinct colours of the dots: the fill of filled ones, the ring of hollow ones."""
    found = set()
    for coll in ax.collections:
        faces = coll.get_facecolors()
        for c in (faces if len(faces) else coll.get_edgecolors()):
            found.add(tuple(np.round(c, 3)))
    return found


def test_family_chart_is_bounded(tmp_path):
    fam = _many_families()
    assert fam["outlet"].nunique() == 30
    fig = plots.wire_family_chart(fam, max_families=8)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 8 and labels[0] == "F1 (2 articles)" and labels[1] == "F2 (3 articles)"
    assert len(_colours(ax)) <= plots.MAX_COLORS
    assert len(ax.get_legend().get_texts()) <= plots.MAX_COLORS
    assert "8 largest of 40" in ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "wire family"
    assert "undated" in ax.get_xlabel()
    png, _ = plots.save_figure(fig, "families", figures_dir=tmp_path)
    assert max(mpimg.imread(png).shape[:2]) <= plots.MAX_PIXELS
    plt.close(fig)
    fig = plots.wire_family_chart(fam, max_families=500)     # rows are capped too
    assert len(fig.axes[0].get_yticks()) <= plots.MAX_ROWS
    assert max(fig.get_size_inches()) <= plots.MAX_INCHES
    plt.close(fig)


def test_family_chart_by_group_undated_and_empty():
    arts, pairs, aligned = _case()
    fam = families.wire_families(arts, pairs, aligned, by="country")
    fig = plots.wire_family_chart(fam, by="country")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["IN", "JP", "KR", "US"]
    assert len(ax.get_yticks()) == 3 and "undated" in ax.get_xlabel()
    hollow = [c for c in ax.collections if len(c.get_facecolors()) == 0]
    assert len(hollow) == 1                                      # E, drawn at the right edge
    plt.close(fig)
    empty = plots.wire_family_chart(families.wire_families(arts, pairs.iloc[0:0], aligned))
    assert "no wire family" in empty.axes[0].texts[0].get_text()
    undated = fam.assign(published=None)
    assert "no member" in plots.wire_family_chart(undated).axes[0].texts[0].get_text()


def test_reuse_pairs_chart_is_bounded(tmp_path):
    n = 120
    pairs = pd.DataFrame({"a": [f"a{k:03d}" for k in range(n)], "b": [f"b{k:03d}" for k in range(n)],
                          "outlet_a": [f"outlet {k % 40}" for k in range(n)], "outlet_b": ["wire"] * n,
                          "score": np.linspace(1, 0.05, n).round(3), "n_verbatim": 2, "n_edited": 1, "n_paraphrase": 0})
    arts = pd.DataFrame({"id": list(pairs["a"]) + list(pairs["b"]),
                         "published": [pd.Timestamp("2023-01-02")] * n + [pd.Timestamp("2023-01-01")] * n})
    ranked = families.ranked_pairs(pairs, arts)
    fig = plots.reuse_pairs_chart(ranked, top=200)
    ax = fig.axes[0]
    assert len(ax.patches) <= plots.MAX_ROWS and "of 120 pairs" in ax.get_title()
    assert ax.get_yticklabels()[0].get_text().startswith("wire b000 -> outlet 0 a000")   # earlier first
    png, _ = plots.save_figure(fig, "pairs", figures_dir=tmp_path)
    assert max(mpimg.imread(png).shape[:2]) <= plots.MAX_PIXELS
    plt.close(fig)
    assert "no two articles" in plots.reuse_pairs_chart(ranked.iloc[0:0]).axes[0].texts[0].get_text()


def test_families_on_the_seeds_have_one_presumed_source_each():
    import newsframe as nf

    corpus = nf.load_corpus(SEEDS)
    aligned = wording.align_sentences(corpus)
    pairs = wording.reuse_pairs(corpus, aligned=aligned)
    fam = families.wire_families(corpus, pairs, aligned)
    assert len(fam) >= 2 and set(fam["id"]) <= set(corpus["id"])
    assert (fam.groupby("family_id")["presumed_source"].sum() == 1).all()
    assert (fam.groupby("family_id")["order"].min() == 1).all()
    summary = families.family_summary(fam)
    assert len(summary) == fam["family_id"].nunique() and summary["members"].sum() == len(fam)
    ranked = families.ranked_pairs(pairs, corpus)
    assert len(ranked) == len(pairs) and set(ranked["direction"]) <= {"a -> b", "b -> a", "?"}
