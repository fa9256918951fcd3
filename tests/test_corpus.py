"""load_corpus: reading, decoding, bad input, the line audit."""
import warnings
from pathlib import Path

import pandas as pd
import pytest

import newsframe as nf
from newsframe.corpus import ARTICLE_COLUMNS, LINE_COLUMNS, CorpusWarning, decode_bytes, html_to_text

from conftest import CORPUS_B, SEEDS

ARTICLE = (
    "Home | World | Sports\n\n"
    "Leaders agree to mend ties after talks\n\n"
    "By Staff Reporter | Updated: May 3, 2024 09:15 GMT\n\n"
    "Seoul, May 3 The leaders of the two countries agreed on Friday to resume regular talks, "
    "officials said, ending a pause that had lasted for more than five years.\n\n"
    "The agreement follows months of quiet diplomacy by both foreign ministries, which had "
    "been working on a joint statement since the winter.\n\n"
    "Related Stories\n\nOther story one\n\nOther story two\n"
)


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def lines_of(path):
    from newsframe.corpus import read_page

    return read_page(path).text.split("\n")


def test_seeds_have_one_row_each_and_fixed_columns(seeds_loaded):
    articles, lines = seeds_loaded
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert list(lines.columns) == LINE_COLUMNS
    assert sorted(articles["id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("folder", [SEEDS, CORPUS_B])
def test_nothing_lost_every_input_line_once(folder):
    """Every input line of every fixture appears exactly once in the audit table, in order."""
    articles, lines = nf.load_corpus(folder, with_lines=True)
    for path in sorted(folder.glob("*.txt")):
        got = lines[lines["id"] == path.stem]
        expected = lines_of(path)
        assert got["text"].tolist() == expected
        assert got["line_no"].tolist() == list(range(1, len(expected) + 1))
        assert got["label"].notna().all() and (got["reason"].str.len() > 0).all()


def test_body_made_only_of_body_lines(seeds_loaded):
    articles, lines = seeds_loaded
    for art in articles.itertuples():
        body_lines = lines[(lines["id"] == art.id) & (lines["label"] == "body")]["text"]
        for para in art.body.split("\n\n"):
            assert any(para.strip() in " ".join(t.strip() for t in body_lines) for _ in [0])


def test_list_of_files_and_manifest_argument(tmp_path):
    f = write(tmp_path, "a.txt", ARTICLE.encode())
    man = tmp_path / "m.csv"
    man.write_text("file,outlet,country,notes\na.txt,Example Daily,Nowhere,test\n")
    arts = nf.load_corpus([f], manifest=man)
    assert arts.loc[0, "outlet"] == "Example Daily" and arts.loc[0, "country"] == "Nowhere"


def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        nf.load_corpus([tmp_path / "nope.txt"])


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n \n", "only whitespace"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
])
def test_bad_files_warn_with_name_and_rest_is_processed(tmp_path, name, data, message):
    write(tmp_path, "good.txt", ARTICLE.encode())
    write(tmp_path, name, data)
    with pytest.warns(CorpusWarning) as rec:
        arts = nf.load_corpus(tmp_path)
    texts = [str(w.message) for w in rec]
    assert any(name in t and message in t for t in texts), texts
    assert arts["id"].tolist() == ["good"]


@pytest.mark.parametrize("data, expected_fragment, note", [
    ("Japan’s “new” chapter".encode("cp1252"), "Japan’s “new” chapter", "cp1252"),
    ("Caf\xe9 society in S\xe3o Paulo".encode("latin-1"), "Café society in São Paulo", "decoded"),
    (b"\xef\xbb\xbfSeoul said on Friday", "Seoul said on Friday", "byte-order mark"),
    ("Japanâ€™s ties".encode("utf-8"), "Japan’s ties", "mojibake"),
])
def test_decoding_repairs(data, expected_fragment, note):
    text, notes = decode_bytes(data, "x.txt")
    assert text == expected_fragment
    assert any(note in n for n in notes), notes


def test_crlf_line_endings_are_normalised(tmp_path):
    write(tmp_path, "crlf.txt", ARTICLE.replace("\n", "\r\n").encode())
    arts, lines = nf.load_corpus(tmp_path, with_lines=True)
    assert not lines["text"].str.contains("\r").any()
    assert "resume regular talks" in arts.loc[0, "body"]


def test_html_given_as_text_is_converted(tmp_path):
    html = ("<!DOCTYPE html><html><head><title>T</title><script>var x=1;</script></head><body>"
            "<nav><a href='/'>Home</a></nav><h1>Leaders agree to mend ties</h1>"
            "<p>Seoul, May 3 The leaders of the two countries agreed on Friday to resume regular talks, "
            "officials said, ending a pause that had lasted for more than five years.</p>"
            "<p>The agreement follows months of quiet diplomacy by both foreign ministries, which had "
            "been working on a joint statement since the winter.</p></body></html>")
    write(tmp_path, "page.txt", html.encode())
    with pytest.warns(CorpusWarning, match="page.txt: HTML given as text"):
        arts = nf.load_corpus(tmp_path)
    assert "<p>" not in arts.loc[0, "body"] and "var x" not in arts.loc[0, "body"]
    assert "resume regular talks" in arts.loc[0, "body"]


def test_html_to_text_keeps_blocks_apart():
    assert html_to_text("<p>One</p><p>Two &amp; three</p>") == "One\n\nTwo & three"


def test_very_long_single_line(tmp_path):
    sentence = "The ministers agreed to continue the talks next year in the capital. "
    write(tmp_path, "long.txt", (sentence * 3000).encode())
    arts, lines = nf.load_corpus(tmp_path, with_lines=True)
    assert len(lines) == 1
    assert arts.loc[0, "n_words"] > 30000


def test_navigation_only_page_gives_empty_body(tmp_path):
    nav = "\n".join(["Home", "World", "Politics", "Business", "Sports", "Contact Us", "Privacy Policy"])
    write(tmp_path, "nav.txt", nav.encode())
    arts = nf.load_corpus(tmp_path)
    assert arts.loc[0, "body"] == "" and arts.loc[0, "n_words"] == 0


def test_outlet_guessed_without_manifest():
    arts = nf.load_corpus([SEEDS / "003_9a8df70d9255f726.txt"])
    assert arts.loc[0, "outlet"] == "Al Mayadeen English"


def test_published_is_timestamp_or_none(seeds_loaded):
    articles, _ = seeds_loaded
    assert all(p is None or isinstance(p, pd.Timestamp) for p in articles["published"])


def test_repair_text_equals_ftfy_on_real_pages_and_tricky_lines():
    import ftfy

    from newsframe.corpus import FTFY_OPTIONS, repair_text

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "fixtures" / "corpus_b").glob("*.txt"))]
    texts += ["a &amp; b\nc < d &amp; e\n&lt;x&gt;", "Caf\u00c3\u00a9\r\nred\x1b[31m!\x1b[0m\n\x00",
              "\u2018q\u2019 &mdash; ok\u2028next", "\u00e2\u20ac\u2122 and \u00e2\u20ac\u0153q\u00e2\u20ac\x9d",
              "He said \u00e2\u20ac\u02dcno\u00e2\u20ac\u2122 \u2014 \u201cok\u201d", "\ufb01ne", "e\u0301",
              "Q&A with AT&T\nTom & Jerry &amp; friends\n&#39;quoted&#39; R&D; P&EACUTE;REZ & co\nx &NTILDE; y",
              # non-ASCII lines: Cyrillic mojibake, decomposed accents, a ligature, a C1 control, a separator;
              # "<" in a clean non-ASCII line stops the unescaping of later lines
              "\u0420\u045f\u0421\u0402\u0420\u0451\u0420\u0406\u0420\u00b5\u0421\u201a\nCafe\u0301 \u041c\u043e\u0441\u043a\u0432\u0430",
              "\u041c\u043e\u0441\u043a\u0432\u0430 \ufb01 \u00e9\n\u00e9t\u00e9\x85\u00e9t\u00e9\u2029\u00fcber",
              "\u041c\u043e\u0441\u043a\u0432\u0430 <b>\u00e9t\u00e9</b>\n\u00e9t\u00e9 &amp; caf\u00e9",
              "\u00e9t\u00e9 &amp; caf\u00e9\n\u041c\u043e\u0441\u043a\u0432\u0430 <b>",
              # plain lines around fixed ones, a last line without a newline, a text longer than ftfy cuts
              "plain\n\nCaf\u00c3\u00a9\nplain &amp; too\n\u00e9\nend", "\u00c3\u00a9 first\nlast plain",
              "x" * 1_000_050 + "\u00c3\u00a9\nplain"]
    for text in texts:
        assert repair_text(text) == ftfy.fix_text(text, **FTFY_OPTIONS)


WORDS = ("harbour election storm budget minister council river school market bridge police doctor farmer "
         "village court museum train festival factory river island treaty border army vote tax rain").split()


def _story(seed: str) -> str:
    """Twelve sentences of words drawn at random (seeded): different seeds give different stories."""
    import random

    rng = random.Random(seed)
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(12))


def test_site_templates_count_a_story_saved_twice_once():
    from newsframe.corpus import site_template_lines

    menu = "Home\nWorld\nContact us\n"
    page_a = menu + "Short subheading of A\n" + _story("harbour")
    page_b = menu + "Short subheading of B\n" + _story("election")
    copy_a = "Short subheading of A\n" + _story("harbour")  # the same story, e.g. from a database export
    found = site_template_lines([(page_a, "X"), (page_b, "X"), (copy_a, "X")])["X"]
    assert {"home", "world", "contact us"} <= found
    assert "short subheading of a" not in found
    assert not any("harbour" in k for k in found)
