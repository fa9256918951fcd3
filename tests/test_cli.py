"""The command line: python -m newsframe clean ..."""
import json
import subprocess
import sys

import pytest

from conftest import SEEDS


def run(*args):
    return subprocess.run([sys.executable, "-m", "newsframe", *map(str, args)], capture_output=True, text=True)


def test_clean_json_writes_fields_and_line_audit(tmp_path):
    res = run("clean", SEEDS, "--out", tmp_path, "--format", "json")
    assert res.returncode == 0, res.stderr
    files = sorted(tmp_path.glob("*.json"))
    assert [f.stem for f in files] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    rec = json.loads((tmp_path / "004_df0f48aa840264a6.json").read_text())
    for key in ("id", "outlet", "headline", "published", "published_text", "dateline", "byline",
                "credited_sources", "body", "n_words", "lines"):
        assert key in rec
    assert rec["published"] == "2023-04-14T17:10:00+05:30"
    raw_lines = (SEEDS / "004_df0f48aa840264a6.txt").read_text(encoding="utf-8").split("\n")
    assert [ln["text"] for ln in rec["lines"]] == raw_lines


def test_clean_text_writes_body_only(tmp_path):
    res = run("clean", SEEDS / "000_c40e52543c5c9a5f.txt", "--out", tmp_path, "--format", "text")
    assert res.returncode == 0, res.stderr
    body = (tmp_path / "000_c40e52543c5c9a5f.txt").read_text()
    assert "AFP reported" in body and "Story Code" not in body


def test_missing_path_exit_2_one_line(tmp_path):
    res = run("clean", tmp_path / "missing", "--out", tmp_path / "o")
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "missing" in res.stderr


def test_bad_file_warns_and_others_processed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (src / "good.txt").write_text("Some Headline\n\n" + "The ministers agreed on Friday to meet again next year in the capital city. " * 3)
    res = run("clean", src, "--out", tmp_path / "o", "--format", "text")
    assert res.returncode == 0
    assert "bad.txt" in res.stderr and "binary" in res.stderr
    assert (tmp_path / "o" / "good.txt").exists() and not (tmp_path / "o" / "bad.txt").exists()


def test_nothing_processable_exit_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    res = run("clean", src, "--out", tmp_path / "o")
    assert res.returncode == 1 and "empty.txt" in res.stderr


def test_quotes_cli_offsets_and_malformed_line(tmp_path):
    src = tmp_path / "in.jsonl"
    text = "“We will meet again,” Kishida said."
    src.write_text(json.dumps({"id": "a", "text": text}) + "\n{bad\n")
    out = tmp_path / "out.jsonl"
    res = run("quotes", src, "--out", out)
    assert res.returncode == 0 and "line 2" in res.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    q = rows[0]["quotes"][0]
    assert text[q["speaker_start"]:q["speaker_end"]] == "Kishida" and q["kind"] == "direct"
    assert "We will meet again" in text[q["start"]:q["end"]]


def test_timeline_cli_writes_articles_and_events(tmp_path):
    import csv

    from pathlib import Path

    folder = Path(__file__).resolve().parent / "fixtures" / "same_story"
    out, ev = tmp_path / "articles.csv", tmp_path / "events.csv"
    assert run("timeline", folder, "--out", out, "--events", ev, "--by", "country").returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"id", "outlet", "published", "event_date", "event_id", "lag_days", "how"} <= set(rows[0])
    assert len(rows) == 8 and {r["event_date"] for r in rows} == {"2025-05-12", "2025-06-03", "2025-06-07"}
    events = list(csv.DictReader(ev.open(encoding="utf-8")))
    assert {"event_id", "date", "kind", "label", "n_articles", "groups"} <= set(events[0])
    assert {e["kind"] for e in events} == {"news", "background"}


def test_timeline_cli_unknown_column_exit_2(tmp_path):
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "fixtures" / "same_story"
    res = run("timeline", folder, "--out", tmp_path / "a.csv", "--by", "nope")
    assert res.returncode == 2 and "nope" in res.stderr


def test_tone_cli_labels_lines_and_names_bad_ones(tmp_path):
    src = tmp_path / "in.jsonl"
    s = "Critics slammed the governor for the disastrous rollout."
    a = s.index("governor")
    src.write_text(json.dumps({"id": "ok", "sentence": s, "target": "governor", "start": a, "end": a + 8}) + "\n"
                   + "not json\n"
                   + json.dumps({"id": "off", "sentence": s, "target": "governor", "start": 0, "end": 8}) + "\n",
                   encoding="utf-8")
    res = run("tone", src, "--out", tmp_path / "out.jsonl")
    assert res.returncode == 0
    assert "line 2" in res.stderr and "line 3" in res.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["ok"] and out[0]["label"] == "negative" and out[0]["drivers"]
