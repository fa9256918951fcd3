import gzip
import json
import re
from pathlib import Path

import pytest

from newsframe.reading.formats import (FORMATS, Document, InputProblem, column_aliases, detect_format, iter_documents,
                               list_inputs)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "benchmarks" / "boilerplate" / "dev"

ARTICLE = ("The city council voted on Tuesday to expand the tram network into the northern districts, "
           "ending a decade of debate over the route and its cost to residents.")
SECOND = ("Opponents said the plan would disrupt traffic for years, while supporters argued that the new "
          "line would cut commuting times in half for tens of thousands of people every day.")
THIRD = ("Construction is expected to start next spring, the mayor said, and the first trams should run "
         "on the extended line before the end of the decade if the budget holds.")
FOOTER = "Copyright 2024 Daily Example Media Group. All rights reserved. Privacy policy and cookie settings."

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council backs tram extension | Daily Example</title>
<meta property="og:title" content="Council backs tram extension">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:url" content="https://example.com/news/tram-extension">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>Council backs tram extension</h1>
<p>{ARTICLE}</p>
<p>{SECOND}</p>
<p>{THIRD}</p>
</article></main>
<footer><p>{FOOTER}</p><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>
"""


def docs_and_problems(items):
    items = list(items)
    return [d for d in items if isinstance(d, Document)], [p for p in items if isinstance(p, InputProblem)]


def words(text):
    return set(re.findall(r"\w+", text.lower()))


# --------------------------------------------------------------------------- listing and detection
def test_list_inputs_sorted_skips_hidden_and_manifest(tmp_path):
    for name in ["b.txt", "a.html", ".hidden.txt", "manifest.csv", "c.jsonl.gz"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in list_inputs(tmp_path)] == ["a.html", "b.txt", "c.jsonl.gz"]
    assert [p.name for p in list_inputs([tmp_path / "b.txt", tmp_path])] == ["b.txt", "a.html", "c.jsonl.gz"]
    with pytest.raises(FileNotFoundError, match="nope"):
        list_inputs(tmp_path / "nope")


def test_detect_format_by_suffix_and_gz(tmp_path):
    expected = {"a.txt": "text", "a.text": "text", "a.html": "html", "a.HTM": "html", "a.jsonl": "jsonl",
                "a.ndjson": "jsonl", "a.json": "jsonl", "a.csv": "csv", "a.tsv": "csv", "a.jsonl.gz": "jsonl",
                "a.csv.gz": "csv", "a.html.gz": "html"}
    for name, fmt in expected.items():
        (tmp_path / name).write_bytes(b"x")
        assert detect_format(tmp_path / name) == fmt, name
    assert set(expected.values()) == set(FORMATS)


def test_detect_format_by_sniffing(tmp_path):
    (tmp_path / "records").write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    (tmp_path / "array.dat").write_text('[\n  {"text": "a"}\n]\n', encoding="utf-8")
    (tmp_path / "page").write_text(PAGE, encoding="utf-8")
    (tmp_path / "table.dat").write_text("id,title,text\n1,T,body\n", encoding="utf-8")
    (tmp_path / "dump").write_text("Home | World | Sport\nA plain text dump of a page.\n", encoding="utf-8")
    with gzip.open(tmp_path / "zipped.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"body": "x"}\n')
    assert {p.name: detect_format(p) for p in tmp_path.iterdir()} == {
        "records": "jsonl", "array.dat": "jsonl", "page": "html", "table.dat": "csv", "dump": "text",
        "zipped.gz": "jsonl"}


def test_column_aliases_from_data_file():
    aliases = column_aliases()
    assert aliases["text"][:6] == ("text", "body", "content", "article", "maintext", "full_text")
    assert "publish_date" in aliases["published"] and "media_name" in aliases["outlet"]
    assert set(aliases) == {"text", "id", "url", "outlet", "published", "title", "country"}


# --------------------------------------------------------------------------- formats
def test_text_file_decoded_and_repaired(tmp_path):
    (tmp_path / "one.txt").write_bytes("Caf\xe9 owners \u201cprotest\u201d new rules\nSecond line\n".encode("cp1252"))
    (tmp_path / "empty.txt").write_bytes(b"")
    docs, problems = docs_and_problems(iter_documents(tmp_path))
    assert len(docs) == 1 and docs[0].id == "one" and docs[0].source == str(tmp_path / "one.txt")
    assert docs[0].text.splitlines() == ["Café owners “protest” new rules", "Second line"]
    assert any("cp1252" in n for n in docs[0].notes)
    assert docs[0].meta == {} and docs[0].extracted_body is None
    assert len(problems) == 1 and "empty.txt" in problems[0].message and "empty" in problems[0].message


def test_html_page_body_and_meta(tmp_path):
    (tmp_path / "tram.html").write_text(PAGE, encoding="utf-8")
    [doc] = list(iter_documents(tmp_path))
    assert doc.id == "tram"
    # text: the visible text of the whole page, one block per line (nav and footer included)
    lines = doc.text.splitlines()
    assert "Politics" in lines and ARTICLE in lines and FOOTER in lines
    assert "<p>" not in doc.text
    # extracted_body: the article only, paragraphs separated by a blank line
    assert doc.extracted_body is not None
    assert ARTICLE in doc.extracted_body and THIRD in doc.extracted_body
    assert f"{ARTICLE}\n\n{SECOND}" in doc.extracted_body
    assert "Copyright" not in doc.extracted_body and "Politics" not in doc.extracted_body
    assert doc.meta["title"] == "Council backs tram extension"
    assert doc.meta["published"] == "2024-03-05"
    assert doc.meta["outlet"] == "Daily Example"
    assert doc.meta["url"] == "https://example.com/news/tram-extension"
    assert "HTML page: body extracted with trafilatura" in doc.notes


def test_html_without_main_text(tmp_path):
    (tmp_path / "links.html").write_text("<html><body><aside><ul><li><a href='/a'>Link one</a></li>"
                                         "<li><a href='/b'>Link two</a></li></ul></aside></body></html>",
                                         encoding="utf-8")
    [doc] = list(iter_documents(tmp_path))
    assert [ln for ln in doc.text.splitlines() if ln] == ["Link one", "Link two"] and doc.extracted_body is None
    assert any("no main text" in n for n in doc.notes)


def test_jsonl_records_columns_and_malformed_line(tmp_path):
    lines = [
        json.dumps({"ID": 17, "Title": "First", "text": "Body one.", "url": "https://a.example/1",
                    "source": {"id": "bbc", "name": "BBC News"}, "publishedAt": "2024-01-02T08:00:00Z",
                    "country": "GB"}),
        "",
        '{"text": "broken", ',
        json.dumps({"maintext": "Body three.", "headline": "Third", "media_name": "NYT", "pub_date": "2024-01-03"}),
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "", "body": "Body from the second alias."}),
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = docs_and_problems(iter_documents(tmp_path))
    assert [d.id for d in docs] == ["17", "news-000003", "news-000005"]
    assert [d.source for d in docs] == [f"{tmp_path / 'news.jsonl'}:{n}" for n in (1, 4, 6)]
    assert [d.text for d in docs] == ["Body one.", "Body three.", "Body from the second alias."]
    assert docs[0].meta == {"url": "https://a.example/1", "outlet": "BBC News", "published": "2024-01-02T08:00:00Z",
                            "title": "First", "country": "GB"}
    assert docs[1].meta == {"outlet": "NYT", "published": "2024-01-03", "title": "Third"}
    assert docs[2].meta == {}
    assert [p.source for p in problems] == [f"{tmp_path / 'news.jsonl'}:{n}" for n in (3, 5)]
    assert problems[0].message.startswith(f"{tmp_path / 'news.jsonl'}:3: not valid JSON (")
    assert "no text column" in problems[1].message


def test_json_array_and_wrapped_list(tmp_path):
    (tmp_path / "arr.json").write_text('[\n  {"content": "One."},\n  {"content": "Two.",\n   "id": "x"}\n]\n',
                                       encoding="utf-8")
    (tmp_path / "api.json").write_text(json.dumps({"status": "ok", "totalResults": 1,
                                                   "articles": [{"title": "T", "content": "Three."}]}),
                                       encoding="utf-8")
    docs, problems = docs_and_problems(iter_documents([tmp_path / "arr.json", tmp_path / "api.json"]))
    assert not problems
    assert [(d.id, d.text, d.source.rsplit(":", 1)[1]) for d in docs] == [
        ("arr-000001", "One.", "2"), ("x", "Two.", "3"), ("api-000001", "Three.", "1")]
    assert docs[2].meta == {"title": "T"}


def test_jsonl_record_with_html_text(tmp_path):
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "p1", "html_note": "x", "content": PAGE,
                                                      "source_name": "Record Outlet"}) + "\n", encoding="utf-8")
    [doc] = list(iter_documents(tmp_path))
    assert doc.id == "p1" and ARTICLE in doc.text.splitlines()
    assert ARTICLE in doc.extracted_body and "Copyright" not in doc.extracted_body
    assert doc.meta["outlet"] == "Record Outlet"  # the record's own column wins over the page's site name
    assert doc.meta["title"] == "Council backs tram extension"


def test_csv_comma_with_multiline_field(tmp_path):
    (tmp_path / "t.csv").write_text('article_id,Headline,Body,Link\n'
                                    'a1,"First, with comma","Para one.\nPara two.",https://x.example/1\n'
                                    ',Second,Body two.,\n'
                                    'a3,Third,"Body three.",extra,field\n', encoding="utf-8")
    docs, problems = docs_and_problems(iter_documents(tmp_path))
    assert [(d.id, d.text, d.source) for d in docs] == [
        ("a1", "Para one.\nPara two.", f"{tmp_path / 't.csv'}:2"),
        ("t-000002", "Body two.", f"{tmp_path / 't.csv'}:4")]
    assert docs[0].meta == {"url": "https://x.example/1", "title": "First, with comma"}
    assert len(problems) == 1 and problems[0].source == f"{tmp_path / 't.csv'}:5"
    assert "fields but the header has" in problems[0].message


def test_csv_tab_delimiter_and_large_field(tmp_path):
    big = "word " * 40000  # over csv's default 128 KB field limit
    (tmp_path / "t.tsv").write_text(f"id\ttext\tdate\n1\t{big}\t2024-02-01\n", encoding="utf-8")
    (tmp_path / "u.csv").write_text("text\tsource\nTab separated, but named .csv\tWire\n", encoding="utf-8")
    docs, problems = docs_and_problems(iter_documents(tmp_path))
    assert not problems
    assert docs[0].id == "1" and docs[0].text == big and docs[0].meta == {"published": "2024-02-01"}
    assert docs[1].text == "Tab separated, but named .csv" and docs[1].meta == {"outlet": "Wire"}


def test_csv_without_text_column(tmp_path):
    (tmp_path / "t.csv").write_text("id,title\n1,x\n", encoding="utf-8")
    docs, [problem] = docs_and_problems(iter_documents(tmp_path))
    assert not docs and problem.source.endswith("t.csv:1") and "no text column" in problem.message


def test_gzip_files(tmp_path):
    with gzip.open(tmp_path / "page.txt.gz", "wb") as fh:
        fh.write("Gzipped dump\nsecond line\n".encode("utf-8"))
    with gzip.open(tmp_path / "recs.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"text": "gz record"}\n')
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    docs, problems = docs_and_problems(iter_documents(tmp_path))
    assert [(d.id, d.text.splitlines()[0]) for d in docs] == [("page", "Gzipped dump"), ("recs-000001", "gz record")]
    assert docs[1].source == f"{tmp_path / 'recs.jsonl.gz'}:1"
    assert len(problems) == 1 and "bad.txt.gz" in problems[0].message and "gzip" in problems[0].message


def test_forced_format(tmp_path):
    (tmp_path / "a.txt").write_text('{"text": "record in a .txt"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    [auto_a, auto_b] = list(iter_documents(tmp_path))
    assert auto_a.text.startswith('{"text"') and auto_b.extracted_body is None  # text: no trafilatura
    [forced] = list(iter_documents(tmp_path / "a.txt", format="jsonl"))
    assert forced.text == "record in a .txt" and forced.id == "a-000001"
    [html] = list(iter_documents(tmp_path / "b.txt", format="html"))
    assert ARTICLE in html.extracted_body
    with pytest.raises(ValueError, match="unknown input format"):
        iter_documents(tmp_path, format="xml")


def test_ids_unique_across_corpus(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "one"}\n{"id": "a", "text": "two"}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("three", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\na-2,four\n", encoding="utf-8")
    docs, _ = docs_and_problems(iter_documents(tmp_path))
    assert [d.id for d in docs] == ["a", "a-2", "a-3", "a-2-2"]
    assert len({d.id for d in docs}) == len(docs)
    assert any("already used" in n and "a.jsonl:1" in n for n in docs[1].notes)
    assert not any("already used" in n for n in docs[0].notes)


def test_real_benchmark_page():
    html_dir = DEV / "html"
    if not html_dir.is_dir():
        pytest.skip(f"benchmark pages not found in {html_dir}")
    page_id = "e372e42c0a3df7b8"
    gold = {}
    for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[rec["id"]] = rec["body"]
    [doc] = list(iter_documents(html_dir / f"{page_id}.html"))
    assert doc.id == page_id and doc.extracted_body
    gold_words = words(gold[page_id])
    shared = gold_words & words(doc.extracted_body)
    assert len(shared) / len(gold_words) >= 0.8
    assert len(shared) / len(words(doc.extracted_body)) >= 0.8
    assert len(doc.text) > len(doc.extracted_body)  # the whole page's text, not only the article
    assert doc.meta.get("title")


def test_html_not_utf8_uses_meta_charset(tmp_path):
    russian = "Городской совет проголосовал во вторник за расширение трамвайной сети в северные районы города."
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(ARTICLE, russian)
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    [doc] = list(iter_documents(tmp_path))
    assert russian in doc.text.splitlines() and russian in doc.extracted_body
    assert "not UTF-8: decoded as cp1251" in doc.notes
