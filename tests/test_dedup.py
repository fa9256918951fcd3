"""Duplicate and near-duplicate flags (newsframe.reading.dedup)."""
import numpy as np
import pandas as pd
import pytest

from newsframe.reading.dedup import (DuplicateFlags, SimilarGroups, body_fingerprint, duplicate_groups, duplicates_table,
                             flag_duplicates, minhash, shingle_hashes, similar_groups, text_signature)

STORY = ("South Korea and Japan agreed on Thursday to restore a military intelligence pact and to turn "
         "the page on years of dispute over wartime history, officials in Seoul said after the summit. "
         "The two leaders also agreed to resume regular visits, suspended for twelve years, and to "
         "launch a new dialogue on economic security covering chips and supply chains. "
         "Tokyo lifted export curbs on three materials used to make semiconductors, and Seoul withdrew "
         "its complaint at the World Trade Organization. Business groups from both countries welcomed "
         "the move and announced funds for student exchanges. Critics at home said the deal gave away "
         "too much on compensation for wartime forced labour, and protesters gathered in front of the "
         "presidential office on Saturday. ")


def _table(bodies):
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(bodies))], "outlet": "X", "headline": "",
                         "body": bodies})


def test_shingles_are_word_five_grams_and_short_texts_count_once():
    assert len(shingle_hashes("one two three four five six")) == 2
    assert len(shingle_hashes("one two three four five one two three four five")) == 5  # 6 five-grams, one twice
    assert len(shingle_hashes("too short")) == 1
    assert len(shingle_hashes("")) == 0
    # case and punctuation do not matter; word order does
    assert (shingle_hashes("One, two; THREE four five!") == shingle_hashes("one two three four five")).all()
    assert (shingle_hashes("two one three four five") != shingle_hashes("one two three four five")).all()


def test_minhash_estimates_jaccard_similarity():
    a = np.arange(0, 2000, dtype=np.uint64) * 7919 % 4294967291
    b = np.arange(1000, 3000, dtype=np.uint64) * 7919 % 4294967291  # half of each set is shared: Jaccard 1/3
    sa, sb = minhash(a), minhash(b)
    assert sa.dtype == np.uint32 and len(sa) == 128
    assert (minhash(a[::-1]) == sa).all()  # a set: the order of the items does not matter
    assert abs(np.mean(sa == sb) - 1 / 3) < 0.12
    assert np.mean(sa == minhash(np.arange(5000, 7000, dtype=np.uint64))) < 0.05
    assert minhash(np.zeros(0, dtype=np.uint64)) is None


def test_minhash_values_are_the_documented_hash_functions():
    """Value i of the signature is min over the items of ((a_i x + b_i) mod 2**64) >> 32, in exact integers."""
    from newsframe.reading.dedup import _permutations

    items = [0, 1, 4294967295, 123456789, 2**31 + 5] + list(range(10, 5000, 7))
    a, b = _permutations(16)
    expected = [min(((int(ai) * x + int(bi)) % 2**64) >> 32 for x in items) for ai, bi in zip(a, b)]
    assert minhash(np.array(items, dtype=np.uint64), num_perm=16).tolist() == expected


def test_signatures_skip_the_distinct_step_without_changing_values():
    from newsframe.reading.dedup import body_fingerprint, text_signature

    text = "one two three four five six " * 30 + "seven eight nine ten eleven twelve"
    assert (text_signature(text) == minhash(shingle_hashes(text))).all()
    assert (body_fingerprint(text)[0] == minhash(shingle_hashes(text))).all()


@pytest.mark.parametrize("text", ["Seoul's 2023 GSOMIA deal_x (AFP) -- 3.5% up!", "Caf\u00e9 au lait, na\u00efve",
                                  "\u201cNo,\u201d he said \u2014 it\u2019s over", "a\u0301 \u00b2 x_y",
                                  "\u212a is the Kelvin sign", "\u041c\u043e\u0441\u043a\u0432\u0430 2024", "", "\t\n"])
def test_word_split_equals_the_regular_expression(text):
    import re

    from newsframe.reading.dedup import _words

    assert _words(text) == [w.encode() for w in re.findall(r"\w+", text.lower())]


def test_exact_and_near_duplicates_are_flagged_not_dropped():
    edited = STORY.replace("on Thursday", "on Friday")  # a syndicated copy with one correction
    other = "A football club won the cup final on penalties after a goalless draw in the capital. " * 3
    flagged = flag_duplicates(_table([STORY, other, STORY, edited, ""]))
    assert len(flagged) == 5  # nothing dropped
    got = dict(zip(flagged["id"], flagged["duplicate_of"]))
    assert got == {"a0": "", "a1": "", "a2": "a0", "a3": "a0", "a4": ""}
    sim = dict(zip(flagged["id"], flagged["duplicate_similarity"]))
    assert sim["a2"] == 1.0
    assert 0.6 <= sim["a3"] < 1.0
    assert pd.isna(sim["a0"]) and pd.isna(sim["a4"])


def test_different_stories_on_the_same_topic_are_not_duplicates():
    other = ("Japan's defence minister met his South Korean counterpart in Singapore on Saturday and the "
             "two agreed to resume defence exchanges after a five-year freeze over a radar incident. ") * 2
    flagged = flag_duplicates(_table([STORY, other]))
    assert (flagged["duplicate_of"] == "").all()


def test_duplicates_table_lists_only_flagged_articles():
    flagged = flag_duplicates(_table([STORY, STORY, "Something else entirely, written for this test only."]))
    table = duplicates_table(flagged)
    assert table["id"].tolist() == ["a1"]
    assert table["duplicate_of"].tolist() == ["a0"]


def test_empty_table():
    flagged = flag_duplicates(pd.DataFrame(columns=["id", "body"]))
    assert list(flagged.columns)[-2:] == ["duplicate_of", "duplicate_similarity"]


def test_groups_and_flags_one_item_at_a_time():
    """The driver of ``build`` groups stories and flags duplicates partition by partition."""
    other = ("Japan's defence minister met his South Korean counterpart in Singapore on Saturday and the "
             "two agreed to resume defence exchanges after a five-year freeze over a radar incident. ") * 2
    edited = STORY.replace("on Thursday", "on Friday")
    texts = [STORY, other, "", edited, STORY, other.replace("Saturday", "Sunday")]
    sigs = [text_signature(t) for t in texts]
    assert sigs[2] is None
    groups = SimilarGroups(threshold=0.5)
    assert [groups.add(s) for s in sigs[:3]] + [groups.add(s) for s in sigs[3:]] == [0, 1, 2, 0, 0, 1]
    assert similar_groups(sigs, threshold=0.5) == [0, 1, 2, 0, 0, 1]

    prints = [body_fingerprint(t) for t in texts]
    flags = DuplicateFlags()
    for i, (sig, key) in enumerate(prints):
        flags.add(f"a{i}", sig, key)
    table = flags.table()
    # (a5 tells a1's story, but one changed word in its short text is too much for a duplicate)
    assert table["duplicate_of"].tolist() == ["", "", "", "a0", "a0", ""]
    assert table["duplicate_similarity"].tolist()[4] == 1.0   # the same text as a0
    pd.testing.assert_frame_equal(table, duplicate_groups([f"a{i}" for i in range(6)], [p[0] for p in prints],
                                                          [p[1] for p in prints]))
