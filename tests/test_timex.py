"""Time expressions: tagging, TimeML values, tense, and the CLI."""
import json
import subprocess
import sys

import pytest

from newsframe import timex
from newsframe.timex import find_timexes


def values(text, anchor):
    return [(t["text"], t["type"], t["value"]) for t in find_timexes(text, anchor)]


@pytest.mark.parametrize("text, anchor, expected", [
    # absolute dates
    ("It happened on June 1.", "2024-06-02", ("June 1", "DATE", "2024-06-01")),
    ("In December 2018, Tokyo claimed", "2024-06-02", ("December 2018", "DATE", "2018-12")),
    ("a 2016 military agreement", "2023-03-18", ("2016", "DATE", "2016")),
    ("on March 5, 1946", "1998-08-07", ("March 5, 1946", "DATE", "1946-03-05")),
    ("in the 1990s", "1998-08-07", ("the 1990s", "DATE", "199")),
    # relative dates against the anchor
    ("the neighbors met on Thursday.", "2023-03-18", ("Thursday", "DATE", "2023-03-16")),
    ("He left yesterday.", "2023-03-18", ("yesterday", "DATE", "2023-03-17")),
    ("talks will be held next week", "2023-04-14", ("next week", "DATE", "2023-W16")),
    ("a summit last month", "2023-04-14", ("last month", "DATE", "2023-03")),
    ("this year", "2024-03-01", ("this year", "DATE", "2024")),
    ("last year", "2024-03-01", ("last year", "DATE", "2023")),
    ("next year would be the 60th anniversary", "2024-03-01", ("next year", "DATE", "2025")),
    ("a decade ago", "2024-03-01", ("a decade ago", "DATE", "2014")),
    ("two years ago", "1998-08-07", ("two years ago", "DATE", "1996")),
    ("last fall", "1998-12-07", ("last fall", "DATE", "1998-FA")),
    ("the third quarter", "1989-10-26", ("the third quarter", "DATE", "1989-Q3")),
    ("Thanksgiving Day", "1999-11-26", ("Thanksgiving Day", "DATE", "1999-11-25")),
    # references
    ("Kim is now the leader.", "2023-03-18", ("now", "DATE", "PRESENT_REF")),
    ("in the future", "2023-03-18", ("the future", "DATE", "FUTURE_REF")),
    # times
    ("Updated: April 14, 2023 17:10 IST", "2023-04-14", ("17:10 IST", "TIME", "2023-04-14T17:10")),
    ("at 10:35 a.m. the blast", "1998-08-07", ("10:35 a.m.", "TIME", "1998-08-07T10:35")),
    ("this morning", "1998-08-07", ("this morning", "TIME", "1998-08-07TMO")),
    # durations
    ("the first such summit in 12 years", "2023-03-18", ("12 years", "DURATION", "P12Y")),
    ("a 5.5-year suspension", "2024-06-02", ("5.5-year", "DURATION", "P5.5Y")),
    ("the first such encounter in half a decade", "2024-06-02", ("half a decade", "DURATION", "P5Y")),
    ("for the first time in five years", "2023-04-14", ("five years", "DURATION", "P5Y")),
    ("a 16-hour flight", "1998-08-17", ("16-hour", "DURATION", "PT16H")),
    ("for decades", "1998-08-17", ("decades", "DURATION", "PXY")),
    ("5 1/2 hours", "1998-08-17", ("5 1/2 hours", "DURATION", "PT5.5H")),
    # sets
    ("it happens every year", "2024-03-01", ("every year", "SET", "P1Y")),
    ("rallies held daily", "2000-01-07", ("daily", "SET", "P1D")),
])
def test_values(text, anchor, expected):
    assert expected in values(text, anchor)


@pytest.mark.parametrize("text, anchor, value", [
    # a bare weekday points back in a past-tense sentence, forward in a future-tense one
    ("The minister said on Monday that talks had resumed.", "2023-04-14", "2023-04-10"),
    ("The ministers will meet on Monday in Seoul.", "2023-04-14", "2023-04-17"),
    ("The hearing is scheduled for Thursday.", "2000-04-05", "2000-04-06"),
    # a date without a year: nearest in the implied direction
    ("The boy must be returned by Jan. 14.", "2000-01-06", "2000-01-14"),
    ("He was shot on Oct. 23 in his home.", "1999-05-06", "1998-10-23"),
    ("The ceremony will take place on March 12.", "1999-02-16", "1999-03-12"),
])
def test_tense_and_direction(text, anchor, value):
    dates = [t["value"] for t in find_timexes(text, anchor) if t["type"] == "DATE"]
    assert dates == [value]


def test_year_range_is_two_dates():
    got = values("Japan's colonisation of the peninsula from 1910-45.", "2023-04-14")
    assert got == [("1910", "DATE", "1910"), ("45", "DATE", "1945")]


def test_offsets_rule_and_anchor():
    text = "Seoul said on Friday that talks resume next week."
    for t in find_timexes(text, "2023-04-14"):
        assert text[t["start"]:t["end"]] == t["text"]
        assert t["anchor"] == "2023-04-14" and t["rule"]


@pytest.mark.parametrize("text", ["They may agree.", "Troops march on.", "Jan Egeland said"])
def test_month_words_that_are_not_months(text):
    assert values(text, "2000-01-01") == []


def test_bad_anchor():
    with pytest.raises(ValueError):
        find_timexes("on Friday", "not a date")


def test_cli_skips_malformed_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "dct": "2023-03-18", "text": "met on Thursday"}) + "\n"
                   + "{not json\n" + json.dumps({"id": "b", "text": "no dct"}) + "\n"
                   + json.dumps({"id": "c", "dct": "2023-04-14", "text": "talks next week"}) + "\n")
    out = tmp_path / "out.jsonl"
    res = subprocess.run([sys.executable, "-m", "newsframe", "timex", str(src), "--out", str(out)],
                         capture_output=True, text=True)
    assert res.returncode == 0
    assert "in.jsonl:2" in res.stderr and "in.jsonl:3" in res.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "c"]
    assert rows[0]["timexes"] == [{"start": 7, "end": 15, "text": "Thursday", "type": "DATE", "value": "2023-03-16"}]


# --------------------------------------------------------------------------- fast paths = reference forms
def _texts_for_equivalence():
    import random
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    words = ("on Monday last week 3 p.m. the 1990s in 2019 March 5 May may early next year two years ago every "
             "year since 2001 the weekend tonight at noon 12:30 GMT fiscal 2020 spring 2021 mid-2022 the past month "
             "1/2/2003 decades a decade-long 5-year-old half an hour $5 a month Christmas ²nd \u0663 \u212aelvin "
             "ſunday year's today's -3 .5 4.5").split()
    rng = random.Random(5)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) for _ in range(400)]
    return texts


def _windows_reference(text):
    words = timex._trigger_words()
    out = []
    for m in timex._TOKEN.finditer(text):
        tok = m.group()
        kind = "digit" if tok[0].isdigit() else words.get(tok.lower())
        if kind is None:
            continue
        lo, hi = max(0, m.start() - timex.WINDOW_BEFORE), min(len(text), m.end() + timex.WINDOW_AFTER)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
            out[-1][2].add(kind)
        else:
            out.append([lo, hi, {kind}])
    return [tuple(w) for w in out]


def test_windows_and_rule_starts_agree_with_plain_scans():
    """Trigger tokens found by one scanner, and rules tried only where they can start, give what scanning
    every token and trying every rule at every character gives."""
    for text in _texts_for_equivalence():
        windows = timex._windows(text)
        assert windows == _windows_reference(text), text
        starts = timex._rule_starts(text, windows)
        for k, (name, pat) in enumerate(timex._patterns()):
            if timex._start_plan()[1][k] is None:   # searched everywhere anyway
                continue
            needs = timex.RULE_NEEDS[name]
            plain = [m.span() for lo, hi, kinds in windows if kinds & needs for m in pat.finditer(text, lo, hi)]
            assert [m.span() for m in timex._window_matches(pat, text, windows, needs, starts[k])] == plain, (name, text)
