"""Time expressions: tagging, TimeML values, tense, and the CLI."""
import json
import subprocess
import sys

import pytest

from newsframe.timing import timex, timex_patterns, timex_values
from newsframe.timing import find_timexes


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


# --------------------------------------------------------------------------- misses fixed (own sentences)
@pytest.mark.parametrize("text, anchor, expected", [
    # "last May" without a period word after it; "May" is a name, not an abbreviation
    ("The bill was signed last May, aides said.", "2024-01-10", ("last May", "DATE", "2023-05")),
    ("Prices peaked last May.", "2024-08-02", ("last May", "DATE", "2024-05")),
    # a month in a future context: a participle after "be" is no past tense
    ("The audit is due to be published in May.", "2024-01-10", ("May", "DATE", "2024-05")),
    ("The new bridge will be opened in March.", "2024-11-20", ("March", "DATE", "2025-03")),
    ("The stadium was finished in May.", "2024-01-10", ("May", "DATE", "2023-05")),
    # a weekday with a part of day keeps it (TIDES tokens TMO, TAF, TEV, TNI), as "this morning" does
    ("The ministers met on Friday afternoon.", "2024-03-16", ("Friday afternoon", "TIME", "2024-03-15TAF")),
    ("Rescuers worked through Sunday night.", "2024-03-18", ("Sunday night", "TIME", "2024-03-17TNI")),
    ("Lawmakers will vote on Tuesday morning.", "2024-03-14", ("Tuesday morning", "TIME", "2024-03-19TMO")),
    ("The fire broke out late Wednesday evening.", "2024-03-14", ("late Wednesday evening", "TIME", "2024-03-13TEV")),
    # a 24-hour clock time with its zone and its day is one expression
    ("The final whistle came at 15:00 GMT Saturday.", "2024-03-18", ("15:00 GMT Saturday", "TIME", "2024-03-16T15:00")),
    ("Polls will close at 20:00 GMT on Sunday.", "2024-03-14", ("20:00 GMT on Sunday", "TIME", "2024-03-17T20:00")),
    ("The launch is set for 14:30:05 UTC.", "2024-03-14", ("14:30:05 UTC", "TIME", "2024-03-14T14:30:05")),
    ("The quake struck at 6:10 a.m. (2210 GMT) Tuesday.", "2024-03-14", ("6:10 a.m.", "TIME", "2024-03-12T06:10")),
    ("The convoy will leave at 5 in the morning.", "2024-03-14", ("5 in the morning", "TIME", "2024-03-15T05:00")),
    # "the last week" is the week before the anchor's (a DATE); "the past week" stays a duration
    ("Talks have dragged on for the last week.", "2024-03-15", ("the last week", "DATE", "2024-W10")),
    ("Fuel prices rose over the past week.", "2024-03-15", ("the past week", "DURATION", "P1W")),
    # bare plural durations
    ("The strike dragged on for weeks.", "2024-03-15", ("weeks", "DURATION", "PXW")),
    ("Tensions have risen in recent days.", "2024-03-15", ("recent days", "DURATION", "PXD")),
    ("Rents will climb in the coming years.", "2024-03-15", ("coming years", "DURATION", "PXY")),
    ("The ban stays for at least two more weeks.", "2024-03-15", ("at least two more weeks", "DURATION", "P2W")),
    # centuries, decades, fiscal years
    ("a relic of the 20th century", "2024-03-15", ("the 20th century", "DATE", "19")),
    ("mills built in the nineteenth century", "2024-03-15", ("the nineteenth century", "DATE", "18")),
    ("since the early 21st century", "2024-03-15", ("the early 21st century", "DATE", "20")),
    ("Revenue rose in fiscal 2024.", "2024-03-15", ("fiscal 2024", "DATE", "2024")),
    ("The plan covers fiscal year 2023.", "2024-03-15", ("fiscal year 2023", "DATE", "2023")),
    # sets
    ("She swims every morning.", "2024-03-15", ("every morning", "SET", "XXXX-XX-XXTMO")),
    ("Guards patrol the wall every night.", "2024-03-15", ("every night", "SET", "XXXX-XX-XXTNI")),
    ("The choir sings every evening.", "2024-03-15", ("every evening", "SET", "XXXX-XX-XXTEV")),
    ("The market opens every weekend.", "2024-03-15", ("every weekend", "SET", "XXXX-WXX-WE")),
    ("Floods return every summer.", "2024-03-15", ("every summer", "SET", "XXXX-SU")),
    ("The club sells out each season.", "2024-03-15", ("each season", "SET", "P1Y")),
    ("The club meets every Monday.", "2024-03-15", ("every Monday", "SET", "XXXX-WXX-1")),
    ("The marchers walk through the town each July.", "2024-03-15", ("each July", "SET", "XXXX-07")),
    ("Rooms cost $200 a night.", "2024-03-15", ("a night", "SET", "P1D")),
    # anaphoric periods take the time the story is about
    ("Output doubled in the 1990s and halved in the following decade.", "2024-03-15",
     ("the following decade", "DATE", "200")),
    ("The firm moved to Lyon in 2015; the following year it was sold.", "2024-03-15", ("the following year", "DATE", "2016")),
    ("Sales fell in 2019 from the previous year.", "2024-03-15", ("the previous year", "DATE", "2018")),
    ("The plant opened on June 3, 2019, and closed the next day.", "2024-03-15", ("the next day", "DATE", "2019-06-04")),
    ("She left Rome in March 2011 and returned later that same month.", "2024-03-15", ("that same month", "DATE", "2011-03")),
    # other misses of the same kinds
    ("Voters go to the polls on Election Day.", "2024-10-20", ("Election Day", "DATE", "2024-11-05")),
    ("The summit will be held on May 14 and 15.", "2024-03-15", ("15", "DATE", "2024-05-15")),
    ("The trial may open the week of June 10.", "2024-03-15", ("the week of June 10", "DATE", "2024-W24")),
])
def test_fixed_misses(text, anchor, expected):
    assert expected in values(text, anchor)


@pytest.mark.parametrize("text, anchor, expected", [
    # "a year earlier" is a date shifted from the time the story reports on (its quarter, if it named one)
    ("Profit rose in the third quarter from $4 million a year earlier.", "2024-10-30",
     ("a year earlier", "DATE", "2023-Q3")),
    ("The mill closed in 2011; two years earlier it had been sold.", "2024-10-30", ("two years earlier", "DATE", "2009")),
    ("Rents are up 4% from a year earlier.", "2024-10-30", ("a year earlier", "DATE", "2023")),
    ("Third-quarter sales rose 8% from the year-ago quarter.", "2024-10-30", ("the year-ago quarter", "DATE", "2023-Q3")),
    ("Second-quarter profit doubled from a year ago.", "2024-08-01", ("a year ago", "DATE", "2023-Q2")),
    ("The shop opened a year ago.", "2024-08-01", ("a year ago", "DATE", "2023")),
    # a shifted date is no reference for the next one
    ("Sales in the fourth quarter rose from a year earlier; costs fell from a year earlier.", "2025-02-01",
     ("a year earlier", "DATE", "2023-Q4")),
    # "the quarter", "the latest quarter": the quarter the story named, else the last whole quarter
    ("In the second quarter, orders grew. Costs in the quarter fell.", "2024-08-01", ("the quarter", "DATE", "2024-Q2")),
    ("Net income in the latest quarter was flat.", "2024-11-05", ("the latest quarter", "DATE", "2024-Q3")),
    ("Orders slowed this year's third quarter.", "2024-11-05", ("this year's third quarter", "DATE", "2024-Q3")),
    ("Sales in the 2022 second quarter fell.", "2024-11-05", ("the 2022 second quarter", "DATE", "2022-Q2")),
    ("Revenue rose in the fiscal first quarter.", "2024-11-05", ("the fiscal first quarter", "DATE", "2024-Q1")),
    # "for the year" is the year reported on; "the year ended June 30" a fiscal year
    ("For the year, the dairy earned $3 million.", "2024-11-05", ("the year", "DATE", "2024")),
    ("The dairy earned $3 million in the year ended June 30.", "2024-11-05", ("the year", "DURATION", "P1Y")),
    ("Sales in the current fiscal year will rise.", "1989-11-02", ("the current fiscal year", "DATE", "1989")),
    # decades in words, with "the" ("in her forties" is an age)
    ("Prices soared in the nineties.", "1998-02-27", ("the nineties", "DATE", "199")),
    ("In the late sixties the band split.", "1998-02-27", ("the late sixties", "DATE", "196")),
    # the period reported on is behind the story, never a target ahead of it
    ("The mill aims to double output by 2027. It expects a gain for the full year.", "2024-11-05",
     ("the full year", "DATE", "2024")),
    ("Third-quarter profit fell. Losses may last through the third quarter of 2025. In the year-ago period, "
     "it earned $2 million.", "2024-11-05", ("the year-ago period", "DATE", "2023-Q3")),
    # a time of day with its day after it, or after a date
    ("Bids closed at noon Thursday, the agency said.", "1989-10-30", ("noon Thursday", "TIME", "1989-10-26T12:00")),
    ("The offer expires at 5 p.m. EST, Nov. 6, the company said.", "1989-10-30",
     ("5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00")),
    ("They met on Friday, Nov. 3 at 5 p.m. in Bonn.", "1989-11-06", ("5 p.m.", "TIME", "1989-11-03T17:00")),
    # centuries as a duration take the TimeML unit E, as the TimeBank annotations write them
    ("The abbey stood for centuries.", "1998-02-27", ("centuries", "DURATION", "PXE")),
    ("The feud lasted a century.", "1998-02-27", ("a century", "DURATION", "P1E")),
    # years in words, as in broadcast transcripts
    ("Atlanta, nineteen ninety-six: a bomb at the games.", "1998-02-27", ("nineteen ninety-six", "DATE", "1996")),
    ("by the year two thousand", "1998-02-27", ("the year two thousand", "DATE", "2000")),
])
def test_periods_of_reports(text, anchor, expected):
    assert expected in values(text, anchor)


@pytest.mark.parametrize("text, anchor", [
    ("Nineteen ninety-six people signed.", "1998-02-27"),    # a count, not a year
    ("Three days later the ship sailed.", "1998-02-27"),       # "later": a duration (TimeML), no shifted date
])
def test_no_spoken_year_or_later_date(text, anchor):
    assert not [v for v in values(text, anchor) if v[1] == "DATE"]


@pytest.mark.parametrize("text", [
    "The bank raised its quarterly dividend to 30 cents.",
    "It posted its first quarterly loss as a public company.",
])
def test_quarterly_figure_is_no_set(text):
    """'quarterly' before a noun is the figure of a quarter, not a recurring time."""
    assert not [v for v in values(text, "2024-11-05") if v[0] == "quarterly"]


def test_quarterly_as_adverb_is_a_set():
    assert ("quarterly", "SET", "P3M") in values("The fund pays out quarterly.", "2024-11-05")


@pytest.mark.parametrize("text", ["About three-quarters of the shares were sold.", "A quarter of the workers left."])
def test_fractions_are_no_durations(text):
    assert values(text, "2024-03-15") == []


@pytest.mark.parametrize("text", [
    "She won the marathon in 2:21:07.",        # h:mm:ss without a zone: a race time
    "He finished in 3:07:35, a course record.",
    "The champion clocked 1:59 in the final.",  # a race time after "clocked" / "in"
    "The following decade was calmer.",         # "the following ..." with no earlier date: left out
    "He scored 2:55 into overtime.",            # a game clock
    "She scored with 1:12 left in the half.",
])
def test_not_times_of_day(text):
    assert [v for v in values(text, "2024-03-15") if v[1] in ("TIME", "DATE")] == []


@pytest.mark.parametrize("text, anchor, value", [
    # "..., he said" after the expression does not date the event
    ("The talks will resume on Monday, a spokesman said.", "2024-03-14", "2024-03-18"),
    # "were planning to" is a plan ahead; "the United States" is no past tense
    ("Farmers were planning to march on Friday.", "2024-03-12", "2024-03-15"),
    ("The envoy would be flying to the United States on Thursday.", "2024-03-12", "2024-03-14"),
    # a deadline: "until" after a deadline verb, or with no tense
    ("The court extended the deadline until Friday.", "2024-03-12", "2024-03-15"),
    ("Protesters had stayed in the square until Friday.", "2024-03-18", "2024-03-15"),
    # a present tense in the clause takes the nearest month
    ("The appeal is argued in May before the high court, counsel had said.", "2024-03-29", "2024-05"),
    # a possessive names a known event: past, even in a sentence about the future
    ("The union will appeal against Tuesday's ruling.", "2024-03-14", "2024-03-12"),
    ("Lawyers would try to overturn Monday\u2019s verdict.", "2024-03-14", "2024-03-11"),
    # a reporting verb that goes on to its object is the clause's own verb, not an attribution
    ("In September, it announced plans to buy the mill.", "2024-10-30", "2024-09"),
    # irregular past tenses; an adjective in -ed after an article is no past tense
    ("In January, the board brought in a new chief, who will stay on.", "2024-10-30", "2024-01"),
    ("The bonus would be paid on a still unspecified date in January.", "2024-10-30", "2025-01"),
    # a bare weekday in the present tense is the coming one ("is Tuesday"); in the past, the last one
    ("The launch day is Tuesday.", "2019-11-18", "2019-11-19"),
    ("The launch was Tuesday.", "2019-11-18", "2019-11-12"),
    ("The summit opens Monday in Seoul.", "2019-11-20", "2019-11-25"),     # the present of a timetable
    ("He opened the fair on Monday.", "2019-11-20", "2019-11-18"),
    ("The offer expires Friday.", "1989-10-30", "1989-11-03"),             # more schedule verbs
    ("The talks resume Tuesday in Geneva.", "1989-10-30", "1989-10-31"),
    ("The court hears the case Wednesday.", "1989-10-30", "1989-11-01"),
    ("Stocks fell at the close Friday.", "1989-10-30", "1989-10-27"),      # "close" a noun: no present
    ("The ministers agreed to meet again in July.", "2025-06-04", "2025-07"),   # a meeting to come
    # a cue after a comma is in another clause
    ("The talks that are supposed to end by May, invited the rebels back.", "2024-03-22", "2024-05"),
])
def test_tense_cues(text, anchor, value):
    dates = [t["value"] for t in find_timexes(text, anchor) if t["type"] == "DATE"]
    assert dates == [value]


def test_fiscal_prefix_can_be_tides(monkeypatch):
    monkeypatch.setattr(timex_values, "FISCAL_PREFIX", "FY")
    assert ("fiscal 2024", "DATE", "FY2024") in values("Revenue rose in fiscal 2024.", "2024-03-15")


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
             "ſunday year's today's -3 .5 4.5 every morning each season 15:00 GMT Saturday 3:07:35 the following "
             "decade the 20th century recent days Friday afternoon 4 in the morning Election Day and 25").split()
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
        for k, (name, pat) in enumerate(timex_patterns.patterns()):
            if timex._start_plan()[1][k] is None:   # searched everywhere anyway
                continue
            needs = timex.RULE_NEEDS[name]
            plain = [m.span() for lo, hi, kinds in windows if kinds & needs for m in pat.finditer(text, lo, hi)]
            assert [m.span() for m in timex._window_matches(pat, text, windows, needs, starts[k])] == plain, (name, text)


def test_week_numbers_are_two_digits_as_iso_8601(monkeypatch):
    from newsframe.timing import timex_periods

    assert ("last week", "DATE", "2000-W06") in values("Talks stalled last week.", "2000-02-16")
    monkeypatch.setattr(timex_periods, "ISO_WEEKS", False)       # the AQUAINT annotations' form
    assert ("last week", "DATE", "2000-W6") in values("Talks stalled last week.", "2000-02-16")


def test_an_age_in_decades_is_no_date():
    assert values("She is in her forties.", "1998-02-27") == []


@pytest.mark.parametrize("text, value", [
    ("The talks resume at 9 a.m. Saturday in Geneva.", "2013-03-16T09:00"),   # a timetable: the coming one
    ("The deadline is 15:00 GMT Saturday.", "2013-03-16T15:00"),
    ("The blast happened at 9 a.m. Saturday.", "2013-03-09T09:00"),            # the past: the last one
])
def test_a_clock_time_on_a_weekday_reads_the_tense_as_a_bare_weekday(text, value):
    assert [t["value"] for t in find_timexes(text, "2013-03-15") if t["type"] == "TIME"] == [value]
