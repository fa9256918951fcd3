"""Time expressions (TIMEX3) in English news: tagging and normalisation.

:func:`find_timexes` finds temporal expressions in a text and gives each a
TimeML TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value`` normalised
against an *anchor* (the publication date): "on Thursday" in a story of
Saturday 2023-03-18 is ``2023-03-16``; "last month" in one of 2023-04-14 is
``2023-03``; "12 years" is ``P12Y``; "every year" is ``P1Y``; "now" is
``PRESENT_REF``. Every result also says which rule produced it and which
anchor it used, so a student can see why.

Method: ordered regular-expression rules in the style of HeidelTime
(Strötgen and Gertz 2013), the best system of TempEval-3, with the
normalisation done by date arithmetic (``python-dateutil``'s
``relativedelta``). Relative expressions follow the tense of their sentence:
a bare weekday or a month without a year points back in a past-tense
sentence and forward in a future-tense one ("will meet on Monday"); a date
without a year takes the year that puts it nearest the anchor in that
direction. A participle after "be" ("is due to be published in May") is not
a past tense, "..., he said" after the expression does not date the event,
and "until Tuesday" after a deadline verb points forward. Word lists
(months, weekdays, number words, units, seasons, reference words) are in
``data/timex_words.csv``.

TimeML conventions followed (TempEval-3 where its data and the guidelines
differ): a weekday with a part of day is a TIME with the TIDES token
("Friday afternoon" -> ``2024-03-15TAF``, as "this morning" -> ``...TMO``);
"15:00 GMT Saturday" is one TIME; h:mm:ss without a time zone ("won in
3:07:35") and a clock time after "in"/"of"/"clocked" are race times, not
tagged; "the last week" / "the last month" are the previous calendar week /
month (DATE, as "last week"), while "the past week" stays the duration
``P1W``; "for weeks", "in recent days", "the coming years" are ``PXW``,
``PXD``, ``PXY``; "the 20th century" is ``19``, "the 1990s" ``199``;
"fiscal 2024" is ``2024`` (as the TempEval-3 data writes fiscal years; see
:data:`FISCAL_PREFIX` for the TIDES form ``FY2024``). Sets: "every morning"
``XXXX-XX-XXTMO``, "every summer" ``XXXX-SU``, "every weekend"
``XXXX-WXX-WE``, "every Monday" ``XXXX-WXX-1``, "every day" ``P1D``,
"each season" ``P1Y``. Anaphoric periods ("the following decade", "the
previous year", "that same day") take their value from the nearest earlier
date of the text precise enough for them, as a TimeML annotator would from
the expression's anchor time; "the following ..." with no such date is left
out (see ``_ANAPHORA``).

Compared: the Python date libraries ``dateparser`` (value F1 0.31-0.41 on
the TempEval-3 development data) and ``recognizers-text`` (0.57) find
dates but not TimeML values for relative, vague and duration expressions;
HeidelTime (Java) scores 0.731 but runs under one document per second from
Python. The figures of this module are in ``docs/BENCHMARKS.md``
(``bench/timex_bench.py``).

Limits: no event-anchored expressions ("two days after the vote" is only
the duration "two days"), no holidays beyond a short list, English only.
Timelines (:mod:`newsframe.timeline`) use DATE values only, so a weekday
with a part of day (a TIME) is not an event date there, like "this morning".
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from .resources import read_table

TYPES = ("DATE", "TIME", "DURATION", "SET")
POD_SUFFIXES = frozenset({"TMO", "TAF", "TEV", "TNI"})  # parts of day kept as a value suffix ("Friday night" -> ...TNI)
# prefix of fiscal-year values: "" writes "fiscal 2024" as 2024, as the TempEval-3 (TimeBank) annotations do;
# "FY" gives the TIDES 2005 form FY2024
FISCAL_PREFIX = ""
PAST_MAX_DAYS = 300    # a past-tense date without a year lies at most this far back, else nearest
SENTENCE_WINDOW = 200  # characters searched either side for the tense of a sentence


# --------------------------------------------------------------------------- word lists
@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in read_table("timex_words.csv"):
        out.setdefault(row["kind"], {})[row["word"].lower()] = row["value"]
    return out


def _alt(kind: str) -> str:
    words = sorted(_words()[kind], key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _num(word: str) -> float | None:
    w = word.lower().replace("-", " ").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", w.replace(",", "")):
        return float(w.replace(",", ""))
    nums = _words()["number"]
    if w in nums:
        return float(nums[w])
    parts = w.split()
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums:  # twenty five
        return float(nums[parts[0]]) + float(nums[parts[1]])
    return None


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# --------------------------------------------------------------------------- patterns
_B = r"(?<![\w$£€.-])"   # every rule starts where no word character, currency sign, dot or hyphen is before


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    MON = _alt("month")
    WD = _alt("weekday")
    NUM = r"(?:\d+\s+1/2|\d+(?:\.\d+)?|" + _alt("number") + r")(?:[- ](?:" + _alt("number") + r"))?"
    UNIT = _alt("unit")
    SEASON = _alt("season")
    POD = _alt("part_of_day")
    REF = _alt("reference")
    SETW = _alt("set")
    YEAR = r"(?:1[5-9]\d\d|20\d\d)"
    TZ = r"GMT|UTC|IST|KST|JST|EST|EDT|CST|CDT|PST|PDT|MST|MDT|CET|BST"
    DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    MOD = r"(?:(?P<mod>early|earlier|mid|middle|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of|beginning\s+of)[-\s]+(?:in\s+)?)?"
    ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[-\s]first|twenty[-\s]second"
    REL = r"(?P<rel>last|next|this|coming|past|previous|following|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+same|that\s+same|same|that)"
    B = _B
    E = r"(?![\w%]|[.,]\d)"
    pats = [
        ("iso_date", B + r"(?P<y>" + YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + E),
        ("month_day_year", B + MOD + r"(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r"),?\s+(?P<y>" + YEAR + r")" + E),
        ("day_month_year", B + r"(?P<d>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")\.?,?\s+(?P<y>" + YEAR + r")" + E),
        ("numeric_date", B + r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)" + E),
        ("month_year", B + MOD + r"(?P<mon>" + MON + r")\.?,?\s+(?:of\s+)?(?P<y>" + YEAR + r")" + E),
        ("weekday_month_day", B + r"(?:" + WD + r"),?\s+(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")(?:,?\s+(?P<y>" + YEAR + r"))?" + E),
        ("week_of", B + r"the\s+week\s+of\s+(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")" + E),
        ("month_day", B + r"(?:(?P<rel>last|next|this)\s+)?(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")"
                      r"(?:\s*(?:and|or|to|through|-|–)\s*(?P<d2>" + DAY + r")(?!\s*(?:,\s*)?" + YEAR + r"|\s*(?:[ap]\.?m\b|:\d|%|percent)))?" + E),
        ("day_month", B + r"(?P<d>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")" + E),
        ("time_clock", B + r"(?:(?P<day>today|tonight|yesterday|tomorrow|" + WD + r")\s+(?:at\s+)?)?(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+(?P<tz>(?-i:[A-Z]{2,4}))\b)?(?:\s+(?:on\s+)?(?P<day2>today|tomorrow|yesterday|" + WD + r")\b)?"),
        ("time_24h", B + r"(?<!:)(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:(?::(?P<sec>[0-5]\d))?\s*(?P<tz>" + TZ + r")\b|(?!:\d))"
                     r"(?:,?\s+(?:on\s+)?(?P<day2>today|tomorrow|yesterday|" + WD + r")\b)?" + E),
        ("time_in_pod", B + r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?(?:\s+o'clock)?\s+(?P<pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)" + E),
        ("time_word", B + r"(?:(?P<day>today|yesterday|tomorrow|" + WD + r")\s+(?:at\s+)?)?(?P<w>noon|midday|midnight)" + E),
        ("relative_day_pod", B + r"(?P<day>today|yesterday|tomorrow|this|last)\s+(?P<pod>" + POD + r")" + E),
        ("holiday", B + r"(?:(?P<rel>last|next|this)\s+)?(?P<hol>" + _alt("holiday") + r")" + E),
        ("the_weekend", B + r"the\s+weekend" + E),
        ("duration_long", B + r"(?P<n>" + NUM + r"-)?(?P<unit>day|week|month|year|decade|century|hour|minute|days|weeks|months|years|decades|hours)-long" + E),
        ("set_every", B + r"(?P<q>every|each|per|a|an)\s+(?P<n>other\s+)?(?P<unit>day|week|month|year|quarter|hour|minute|night|morning|afternoon|evening|weekend|season|" + SEASON + "|" + WD + r")"
                      r"(?!\s+(?:ago|earlier|later|before|after|from\s+now)\b)" + E),
        ("weekday", B + r"(?:(?P<rel>last|next|this|past|coming|early|late)\s+)?(?P<wd>" + WD + r")(?:\s+(?P<pod>" + POD + r"))?" + E),
        ("relative_day", B + r"(?P<day>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)" + E),
        ("ago", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|more\s+than|less\s+than|over|just|only)\s+)?(?P<n>" + NUM + r"|a|an|a\s+few|several|many|a\s+couple\s+of|half\s+a)\s+(?P<unit>" + UNIT + r")\s+ago" + E),
        ("mod_relative_period", B + r"(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)[-\s]+(?P<rel>this|last|next)\s+(?P<unit>week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)" + E),
        ("relative_period", B + REL + r"\s+(?P<unit>day|week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|season)" + E),
        ("relative_n_period", B + r"(?P<rel>the\s+past|past|the\s+last|last|the\s+next|next|the\s+coming|coming|the\s+first|first|the\s+previous|previous)\s+(?P<n>" + NUM + r"|few|several|couple\s+of)\s+(?P<unit>" + UNIT + r")" + E),
        ("quarter", B + r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[-\s]+quarter|\s+quarter)(?:\s+of\s+(?P<y>" + YEAR + r"))?" + E),
        ("fiscal_year", B + r"(?:fiscal|financial)(?:\s+year)?\s+(?P<y>" + YEAR + r"|'\d\d)" + E),
        ("century", B + r"(?:the\s+)?" + MOD.replace("(?:in\\s+)?", "") + r"(?P<c>\d{1,2}(?:st|nd|rd|th)|" + ORD + r")[-\s]+century" + E),
        ("season_year", B + MOD + r"(?P<season>" + SEASON + r")\s+(?:of\s+)?(?P<y>" + YEAR + r")" + E),
        ("decade", B + r"(?:the\s+)?(?P<mod>early|mid|late)?-?\s*(?P<dec>(?:1[5-9]|20)\d0)'?s" + E),
        ("year_range", B + r"(?P<y>" + YEAR + r")\s*[-–]\s*(?P<y2>\d{2}|" + YEAR + r")" + E),
        ("mod_year", B + MOD.replace("(?:in\\s+)?", "") + r"(?P<y>" + YEAR + r")" + E),
        ("month", B + MOD + r"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>" + MON + r")" + E),
        ("season", B + MOD + r"(?:(?P<rel>last|next|this|past|coming|the)\s+)?(?P<season>" + SEASON + r")" + E),
        ("set_word", B + r"(?P<w>" + SETW + r")" + E),
        ("duration_hyphen", B + r"(?P<n>" + NUM + r"|half)-(?P<unit>" + UNIT + r")(?!-old)" + E),
        ("duration", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|more\s+than|less\s+than|over|at\s+least|up\s+to|only|just)\s+)?(?P<n>" + NUM + r"(?:\s+and\s+a\s+half)?|a|an|a\s+few|few|several|many|a\s+couple\s+of|half\s+a|a\s+half|dozens\s+of|hundreds\s+of)\s+(?:more\s+|straight\s+|consecutive\s+)?(?P<unit>" + UNIT + r")(?!-old)" + E),
        ("duration_plural", B + r"(?:(?:for|in|over|within|after)\s+)(?P<unit>years|decades|months|weeks|days|hours|minutes|centuries)" + E),
        ("duration_vague", B + r"(?P<q>recent|coming)\s+(?P<unit>years|decades|months|weeks|days|hours)" + E),
        ("reference", B + r"(?P<w>" + REF + r")" + E),
        ("year", B + r"(?:in\s+|of\s+|since\s+|by\s+|until\s+|from\s+|to\s+|during\s+|before\s+|after\s+)?(?P<y>" + YEAR + r")" + E),
    ]
    return [(name, re.compile(p, re.I)) for name, p in pats]


_CAP_MONTH_ONLY = re.compile(r"^[A-Z]")
_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|trillion|dollars|cents|yen|euros|pounds|people|times|hours|days)?|once|twice|times)\s+$", re.I)
# (the word boundary first: the alternatives are then tried only at the starts of words)
_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to|plans?\s+to|planning\s+to|scheduled\s+(?:to|for)|planned|planning|would|scheduled|as\s+(?:soon|early)\s+as|expected\s+to|due\s+to|set\s+to|is\s+to|are\s+to|upcoming|to\s+be\s+held)\b|'ll\b", re.I)
# a participle after "be", "is", "are" ("is due to be published", "will be held", "is argued") is no past tense
_PAST = re.compile(r"\b(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeing\s)(?:(?:was|were)(?!\s+(?:going|planning|expected|scheduled|due|set|about)\s+to\b)|had|did|said|told|announced|reported|agreed|met|held|ended|began|started|took|came|went|made|gave|left|won|lost|sent|saw|fell|rose|found|became|ago|since|(?!(?:scheduled|planned|expected)\b)(?-i:[a-z]\w*ed))\b", re.I)
_PRESENT = re.compile(r"\b(?:is|are|am)\b(?!\s+(?:to|going|expected|due|set|scheduled|planning)\b)", re.I)
_SENT_SPLIT = re.compile(r"[.!?]['\"`]*\s|\n\n")
# a reporting verb after the expression and a comma or a closing quote ("... on Monday,'' he said") tells
# when it was said, not when the reported event is
_REPORTING = frozenset({"said", "told", "added", "announced", "reported", "says", "explained"})
_COMMA_OR_QUOTE = re.compile(r"[,'\"]")


def _tense(text: str, start: int, end: int) -> str:
    """``future``, ``past`` or ``none``: the tense cue nearest to ``text[start:end]`` in its sentence."""
    lo = max(0, start - SENTENCE_WINDOW)
    hi = min(len(text), end + SENTENCE_WINDOW)
    left = text[lo:start]
    cuts = list(_SENT_SPLIT.finditer(left))
    if cuts:
        left = left[cuts[-1].end():]
    right = text[end:hi]
    m = _SENT_SPLIT.search(right)
    if m:
        right = right[:m.start()]
    best, best_dist = "none", None
    for tense, pat in (("future", _FUTURE), ("past", _PAST), ("none", _PRESENT)):
        for c in pat.finditer(left):
            dist = len(left) - c.end()
            if best_dist is None or dist < best_dist:
                best, best_dist = tense, dist
        for c in pat.finditer(right):
            if tense == "past" and c.group().lower() in _REPORTING and _COMMA_OR_QUOTE.search(right, 0, c.start()):
                continue
            if best_dist is None or c.start() < best_dist:
                best, best_dist = tense, c.start()
            break
    return best


# --------------------------------------------------------------------------- value helpers
def _month(word: str) -> int:
    return int(_words()["month"][word.lower().rstrip(".")])


def _weekday(word: str) -> int:
    return int(_words()["weekday"][word.lower().rstrip(".")])


def _unit(word: str) -> str:
    return _words()["unit"][word.lower()]


def _nearest_year(anchor: dt.date, month: int, day: int | None, direction: str) -> int:
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = dt.date(y, month, day or 15)
        except ValueError:
            continue
        cands.append((y, d))
    if day is None:  # a month: compare months, not days
        def key_month(c):
            return (c[0] - anchor.year) * 12 + month - anchor.month
        if direction == "past":
            ok = [c for c in cands if key_month(c) <= 0]
            return max(ok, key=key_month)[0] if ok else anchor.year
        if direction == "future":
            ok = [c for c in cands if key_month(c) >= 0]
            return min(ok, key=key_month)[0] if ok else anchor.year
        return min(cands, key=lambda c: abs(key_month(c)))[0]
    if direction == "past":
        ok = [c for c in cands if c[1] <= anchor and (anchor - c[1]).days <= PAST_MAX_DAYS]
        if ok:
            return max(ok, key=lambda c: c[1])[0]
        direction = "none"
    if direction == "future":
        ok = [c for c in cands if c[1] >= anchor]
        return min(ok, key=lambda c: c[1])[0] if ok else anchor.year
    return min(cands, key=lambda c: abs((c[1] - anchor).days))[0]


def _weekday_date(anchor: dt.date, wd: int, rel: str | None, direction: str) -> dt.date:
    delta = (wd - anchor.weekday()) % 7
    if rel == "next":
        return anchor + dt.timedelta(days=delta or 7)
    if rel in ("last", "past"):
        return anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7 or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=wd - anchor.weekday())
    if direction == "future":
        return anchor + dt.timedelta(days=delta)
    return anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w}"  # TimeML writes week numbers without a leading zero (2000-W7)


def _season_code(word: str) -> str:
    return _words()["season"][word.lower()]


def _period_value(anchor: dt.date, unit: str, offset: int) -> str | None:
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=offset))
    if unit == "weekend":
        return _week(anchor + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        d = anchor + relativedelta(months=offset)
        return f"{d.year}-{d.month:02d}"
    if unit == "year":
        return str(anchor.year + offset)
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + offset
        y = anchor.year + q // 4
        return f"{y}-Q{q % 4 + 1}"
    if unit == "decade":
        return str((anchor.year // 10 + offset))
    if unit == "century":
        return str(anchor.year // 100 + offset)
    if unit in ("spring", "summer", "fall", "autumn", "winter", "season"):
        if unit == "season":
            return None
        code = _season_code(unit)
        return f"{anchor.year + offset}-{code}"
    return None


def _duration_value(n: float | None, unit_code: str) -> str:
    if unit_code == "DE":  # TimeBank writes decades in years: "a decade" P10Y, "decades" PXY
        unit_code, n = "Y", (None if n is None else n * 10)
    amount = "X" if n is None else _fmt_num(n)
    if unit_code in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit_code == 'MIN' else unit_code}"
    return f"P{amount}{unit_code}"


def _n_of(word: str | None) -> float | None:
    if word is None:
        return 1.0
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w in ("a", "an", "one"):
        return 1.0
    if w in ("half a", "a half", "half"):
        return 0.5
    if w in ("a couple of",):
        return 2.0
    if w in ("a few", "few", "several", "many", "dozens of", "hundreds of", "couple of"):
        return None
    if re.fullmatch(r"\d+ 1/2", w):
        return float(w.split()[0]) + 0.5
    if w.endswith(" and a half"):
        base = _num(w[: -len(" and a half")])
        return None if base is None else base + 0.5
    return _num(w)


# --------------------------------------------------------------------------- rules
_SEASON_PREP_BEFORE = re.compile(r"\b(?:in|during|by|until|since|through|of|this|that|last|next|early|late|mid)[-\s]+$", re.I)
_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z])")
_NAME_BEFORE = re.compile(r"(?-i:[A-Z])\w+\s+$")
_ORDINAL_NOUN_AFTER = re.compile(r"\s+(?!(?:later|earlier|ago|before|after|or|and|of|to|in|on|at|for|when|while|that|longer|"
                                 r"more|less|too|then|so|the|a|he|she|it|they|we|i|you)\b)[a-z]")
_HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.I)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+$", re.I)
_DEADLINE_VERB = re.compile(r"\b(?:postponed|delayed|extended|adjourned|deferred|put\s+off|gave|given|granted|deadline)\b", re.I)
_ZONE_THEN_DAY = re.compile(r"\s*\([^()]{1,16}\)\s*(?:on\s+)?(?P<wd>[A-Z][a-z]+day)\b")
_RACE_TIME_BEFORE = re.compile(r"\b(?:in|of|clocked|timed)\s+$", re.I)
_ORDINALS = {w: k for k, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)} | {"twenty first": 21, "twenty second": 22}

# Anaphoric periods ("the following decade", "the previous year", "that day") are relative to the time the
# story is talking about, not to the anchor: TimeML gives them the value worked out from that time (their
# anchorTimeID). Their value is the offset from the nearest date found before them in the text that is at
# least as precise as the unit ("in the 1990s ... the following decade" -> 200). Without such a date,
# "that year" / "the previous year" fall back to the anchor (most often what they mean in news) and
# "the following ..." / "that day" are left out (their time is not in the text).
_ANAPHORA = "\x00anaphora:"
_ANAPHORIC_REL = {"following": 1, "the following": 1, "previous": -1, "the previous": -1, "that": 0, "same": 0,
                  "the same": 0, "that same": 0}
_ANCHOR_FALLBACK = frozenset({"previous", "the previous", "that", "same", "the same", "that same"})
_ANAPHORIC_UNITS = frozenset({"day", "week", "month", "quarter", "year", "decade", "century"})
_DATE_PARTS = re.compile(r"(?P<y>\d{2,4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>\d)|W(?P<w>\d+)(?![\d-])))?")


def _anaphora_value(unit: str, off: int, ref: str) -> str | None:
    """The value of an anaphoric period from the value ``ref`` of the time referred to, or None if
    ``ref`` is not precise enough for ``unit``."""
    m = _DATE_PARTS.match(ref)
    if not m or (m.group("y") and len(m.group("y")) == 4 and not ref[4:5] in ("", "-", "T")):
        return None
    y = m.group("y")
    if unit == "century":
        return f"{int(y[:2]) + off:02d}"
    if unit == "decade":
        return str(int(y[:3]) + off) if len(y) >= 3 else None
    if len(y) < 4:
        return None
    year = int(y)
    if unit == "year":
        return str(year + off)
    if unit == "quarter":
        if m.group("q"):
            q = int(m.group("q")) - 1
        elif m.group("m"):
            q = (int(m.group("m")) - 1) // 3
        else:
            return None
        q += off
        return f"{year + q // 4}-Q{q % 4 + 1}"
    if unit == "month":
        if not m.group("m"):
            return None
        d = dt.date(year, int(m.group("m")), 1) + relativedelta(months=off)
        return f"{d.year}-{d.month:02d}"
    if unit in ("week", "day"):
        if m.group("d"):
            day = dt.date(year, int(m.group("m")), int(m.group("d")))
        elif m.group("w") and unit == "week":
            day = dt.date.fromisocalendar(year, int(m.group("w")), 1)
        else:
            return None
        return _week(day + dt.timedelta(weeks=off)) if unit == "week" else (day + dt.timedelta(days=off)).isoformat()
    return None


def _resolve_anaphora(found: list[dict], anchor: dt.date) -> list[dict]:
    """Values for the anaphoric periods of ``found`` (in text order): see _ANAPHORA."""
    out, refs = [], []
    for t in found:
        v = t["value"]
        if v.startswith(_ANAPHORA):
            unit, off, fallback = v[len(_ANAPHORA):].split(":")
            off = int(off)
            value = None
            for ref in reversed(refs):
                value = _anaphora_value(unit, off, ref)
                if value is not None:
                    break
            if value is None and fallback == "keep" and unit != "day":
                value = _period_value(anchor, unit, off)
            if value is None:
                continue
            t["value"] = v = value
        if t["type"] in ("DATE", "TIME") and v[:1].isdigit():
            refs.append(v)
            del refs[:-8]
        out.append(t)
    return out

# the rules whose value depends on the tense of the sentence (see _tense)
_RULES_WITH_TENSE = frozenset({"week_of", "weekday_month_day", "month_day", "day_month", "time_clock", "time_24h", "time_word", "time_in_pod",
                               "relative_day_pod", "holiday", "weekday", "quarter", "month"})


def _value(name: str, m: re.Match, anchor: dt.date, text: str) -> tuple[str, str] | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if g.get("mon") and not g["mon"][0].isupper():
        return None  # "may", "march" in lower case are verbs
    if g.get("mon") and len(g["mon"]) == 3 and name == "month" and g["mon"].lower() != "may" \
            and not text[m.end():m.end() + 1] == ".":
        return None  # "Jan" without a period is more often a name than January ("May" is no abbreviation)
    # the tense of the sentence, for the rules that read it (it is the costly part of a value)
    direction = _tense(text, m.start(), m.end()) if name in _RULES_WITH_TENSE else None
    if direction is not None and direction != "future" and _UNTIL_BEFORE.search(text, max(0, m.start() - 8), m.start()) \
            and (direction == "none" or _DEADLINE_VERB.search(text, max(0, m.start() - 80), m.start())):
        direction = "future"  # "has until Tuesday to sign", "postponed until Friday": a deadline ahead
    if name == "iso_date":
        return "DATE", f"{g['y']}-{g['m']}-{g['d']}"
    if name in ("month_day_year", "day_month_year"):
        d = int(re.sub(r"\D", "", g["d"]))
        return "DATE", f"{g['y']}-{_month(g['mon']):02d}-{d:02d}"
    if name == "numeric_date":
        y = g["y"] if len(g["y"]) == 4 else ("19" if int(g["y"]) > 50 else "20") + g["y"]
        if not (1 <= int(g["m"]) <= 12):
            return None
        return "DATE", f"{y}-{int(g['m']):02d}-{int(g['d']):02d}"
    if name == "month_year":
        return "DATE", f"{g['y']}-{_month(g['mon']):02d}"
    if name == "weekday_month_day":
        mon, d = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
        y = int(g["y"]) if g.get("y") else _nearest_year(anchor, mon, d, direction)
        return "DATE", f"{y}-{mon:02d}-{d:02d}"
    if name == "week_of":  # "the week of March 6"
        mon, d = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
        return "DATE", _week(dt.date(_nearest_year(anchor, mon, d, direction), mon, d))
    if name in ("month_day", "day_month"):
        mon, d = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
        if g.get("rel") == "last":
            direction = "past"
        elif g.get("rel") == "next":
            direction = "future"
        y = _nearest_year(anchor, mon, d, direction)
        return "DATE", f"{y}-{mon:02d}-{d:02d}"
    if name == "time_word" and _HIGH_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        return None  # "high noon": an idiom
    if name == "time_24h" and not g.get("tz") and _RACE_TIME_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "finished in 2:08", "a time of 1:59": a lap or race time, not a time of day
    if name in ("time_clock", "time_24h", "time_word", "time_in_pod"):
        day = anchor
        if not (g.get("day") or g.get("day2")) and name in ("time_clock", "time_24h"):
            z = _ZONE_THEN_DAY.match(text, m.end())
            if z and z.group("wd").lower() in _words()["weekday"]:
                g["day2"] = z.group("wd")
        if g.get("day") or g.get("day2"):
            w = (g.get("day") or g.get("day2")).lower()
            day = {"yesterday": anchor - dt.timedelta(days=1), "tomorrow": anchor + dt.timedelta(days=1)}.get(w, anchor)
            if w in _words()["weekday"]:
                day = _weekday_date(anchor, _weekday(w), None, direction)
        if name == "time_word":
            hhmm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["w"].lower()]
        elif name == "time_in_pod":  # "4 in the morning", "9 at night"
            h, pod = int(g["h"]), g["pod"].lower().split()[-1]
            if pod in ("afternoon", "evening") and h < 12 or pod == "night" and 6 <= h < 12:
                h += 12
            if pod == "morning" and h == 12 or pod == "night" and h == 12:
                h = 0
            day = anchor
            if direction == "future" and h < 12 and pod in ("morning", "night"):
                day = anchor + dt.timedelta(days=1)
            hhmm = f"{h:02d}:{int(g.get('mi') or 0):02d}"
        else:
            h = int(g["h"])
            ap = (g.get("ap") or "").lower().replace(".", "")
            if ap == "pm" and h < 12:
                h += 12
            if ap == "am" and h == 12:
                h = 0
            hhmm = f"{h:02d}:{int(g.get('mi') or 0):02d}" + (f":{g['sec']}" if g.get("sec") else "")
        return "TIME", f"{day.isoformat()}T{hhmm}"
    if name == "relative_day_pod":
        w, pod = g["day"].lower(), _words()["part_of_day"][g["pod"].lower()]
        if w == "last":
            if g["pod"].lower() != "night":
                return None
            day = anchor - dt.timedelta(days=1)
        elif w in ("today", "this"):
            day = anchor
        elif w == "yesterday":
            day = anchor - dt.timedelta(days=1)
        elif w == "tomorrow":
            day = anchor + dt.timedelta(days=1)
        else:
            day = _weekday_date(anchor, _weekday(w), None, direction)
        return "TIME", f"{day.isoformat()}{pod}"
    if name == "holiday":
        rule = _words()["holiday"][re.sub(r"\s+", " ", g["hol"].lower())]
        rel = (g.get("rel") or "").lower()
        def on(year):
            if rule.startswith("fixed:"):
                mm, dd = map(int, rule[6:].split("-"))
                return dt.date(year, mm, dd)
            kind, mm, wd, nth = rule.split(":")  # nth weekday of month, e.g. nth:11:3:4 = 4th Thursday of November
            first = dt.date(year, int(mm), 1)
            d = first + dt.timedelta(days=(int(wd) - first.weekday()) % 7) + dt.timedelta(weeks=int(nth) - 1)
            return d + dt.timedelta(days=1) if kind == "after" else d
        cands = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        if rel == "last":
            day = max(c for c in cands if c < anchor)
        elif rel == "next":
            day = min(c for c in cands if c > anchor)
        elif direction == "future":
            day = min(c for c in cands if c >= anchor)
        else:
            past = [c for c in cands if c <= anchor and (anchor - c).days <= PAST_MAX_DAYS]
            day = max(past) if past else min(cands, key=lambda c: abs((c - anchor).days))
        return "DATE", day.isoformat()
    if name == "the_weekend":
        return "DURATION", "P2D"
    if name == "duration_long":
        n = _n_of(g["n"].rstrip("-")) if g.get("n") else 1.0
        if g["unit"].lower().endswith("s") and not g.get("n"):
            n = None
        return "DURATION", _duration_value(n, _unit(g["unit"]))
    if name == "weekday":
        rel = (g.get("rel") or "").lower() or None
        if rel in ("early", "late"):
            rel = None
        day = _weekday_date(anchor, _weekday(g["wd"]), rel, direction)
        pod = _words()["part_of_day"][g["pod"].lower()] if g.get("pod") else ""
        if pod in POD_SUFFIXES:  # "Friday afternoon": a time of day, as "this morning" (TimeML TIME)
            return "TIME", day.isoformat() + pod
        return "DATE", day.isoformat()
    if name == "relative_day":
        w = re.sub(r"\s+", " ", g["day"].lower())
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}[w]
        day = anchor + dt.timedelta(days=off)
        return ("TIME", f"{day.isoformat()}TNI") if w == "tonight" else ("DATE", day.isoformat())
    if name == "ago":
        n = _n_of(g["n"])
        unit = _unit(g["unit"])
        if n is None:
            return "DATE", "PAST_REF"
        n = float(n)
        if unit == "Y":
            return "DATE", str(anchor.year - int(round(n)))
        if unit == "DE":
            return "DATE", str(anchor.year - int(round(n * 10)))
        if unit == "CE":
            return "DATE", str((anchor.year - int(round(n * 100))) // 100)
        if unit == "M":
            d = anchor - relativedelta(months=int(round(n)))
            return "DATE", f"{d.year}-{d.month:02d}"
        if unit == "W":
            return "DATE", _week(anchor - dt.timedelta(weeks=int(round(n))))
        if unit == "D":
            return "DATE", (anchor - dt.timedelta(days=int(round(n)))).isoformat()
        return "DATE", "PAST_REF"
    if name == "mod_relative_period":
        rel = g["rel"].lower()
        off = {"this": 0, "last": -1, "next": 1}[rel]
        v = _period_value(anchor, g["unit"].lower(), off)
        return ("DATE", v) if v else None
    if name == "relative_period":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = g["unit"].lower()
        if rel in _ANAPHORIC_REL or rel == "the next" and unit == "day":
            if unit in _ANAPHORIC_UNITS:
                # relative to the time the story is talking about: the last date before it (see _resolve_anaphora)
                return "DATE", f"{_ANAPHORA}{unit}:{_ANAPHORIC_REL.get(rel, 1)}:{'keep' if rel in _ANCHOR_FALLBACK else 'drop'}"
            if unit == "day":
                return None
        elif unit == "day":
            return None  # "last day", "this day", "next day" without "the": no date of their own
        if rel == "the last" and unit in ("week", "weekend", "month"):
            rel = "last"  # "for the last week": the past calendar week, a DATE as "last week" (TimeML)
        if rel in ("the past", "the last", "past") and unit in ("week", "month", "year", "decade", "century", "quarter"):
            return "DURATION", _duration_value(1, _unit(unit))
        if rel in ("the next", "the coming", "coming") and unit in ("week", "month", "year", "decade", "quarter"):
            return "DURATION", _duration_value(1, _unit(unit))
        off = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "following": 1, "the following": 1,
               "this": 0, "same": 0, "that": 0, "coming": 1}.get(rel, 0)
        if unit in ("spring", "summer", "fall", "autumn", "winter") and rel == "last":
            # "last summer" = the most recent one before the anchor
            code = _season_code(unit)
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            y = anchor.year if anchor.month > start_month + 2 or code == "WI" and anchor.month < 3 else anchor.year - 1
            if code == "WI":
                y = anchor.year - 1
            return "DATE", f"{y}-{code}"
        v = _period_value(anchor, unit, off)
        return ("DATE", v) if v else None
    if name == "relative_n_period":
        n = _n_of(g["n"])
        return "DURATION", _duration_value(n, _unit(g["unit"]))
    if name == "quarter":
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[g["q"].lower()]
        if g.get("y"):
            return "DATE", f"{g['y']}-Q{q}"
        cur = (anchor.month - 1) // 3 + 1
        y = anchor.year if q <= cur else anchor.year - 1
        if direction == "future" and q > cur:
            y = anchor.year
        return "DATE", f"{y}-Q{q}"
    if name == "fiscal_year":  # "fiscal 2024", "fiscal year 2023", "fiscal '99" (see FISCAL_PREFIX)
        y = g["y"]
        if y.startswith("'"):
            y = ("19" if int(y[1:]) > 50 else "20") + y[1:]
        return "DATE", f"{FISCAL_PREFIX}{y}"
    if name == "century":  # "the 20th century" is 19 (the years 19xx)
        c = g["c"].lower()
        n = int(re.sub(r"\D", "", c)) if c[0].isdigit() else _ORDINALS.get(re.sub(r"[-\s]+", " ", c))
        if not n or n > 21:
            return None
        return "DATE", f"{n - 1:02d}"
    if name == "season_year":
        return "DATE", f"{g['y']}-{_season_code(g['season'])}"
    if name == "decade":
        return "DATE", g["dec"][:3]
    if name == "year_range":
        return "DATE", g["y"]
    if name == "mod_year":
        return "DATE", g["y"]
    if name == "month":
        word = m.group("mon")
        if not _CAP_MONTH_ONLY.match(word):
            return None
        if word.lower().startswith("may") and not re.search(
                r"(?:\b(?:in|of|since|until|by|last|next|this|early|mid|late|during|from|to|through|before|after)\s+(?:early\s+|mid-?|late\s+)?)$",
                text[max(0, m.start() - 20):m.start() + (len(m.group(0)) - len(word))], re.I):
            return None
        if word.lower() in ("march", "sat", "sun", "wed", "jan") and word != word.capitalize():
            return None
        mon = _month(word)
        rel = (g.get("rel") or "").lower()
        if rel in ("last", "past"):
            direction = "past"
            y = anchor.year if mon < anchor.month else anchor.year - 1
            return "DATE", f"{y}-{mon:02d}"
        if rel in ("next", "coming"):
            y = anchor.year if mon > anchor.month else anchor.year + 1
            return "DATE", f"{y}-{mon:02d}"
        if rel == "this":
            return "DATE", f"{anchor.year}-{mon:02d}"
        y = _nearest_year(anchor, mon, None, direction)
        return "DATE", f"{y}-{mon:02d}"
    if name == "season":
        rel = (g.get("rel") or "").lower()
        code = _season_code(g["season"])
        if code in ("FA", "SP") and not rel and not g.get("mod") and g["season"].islower() \
                and not _SEASON_PREP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return None  # "prices fall", "spring up": verbs, not seasons
        if rel == "last":
            return "DATE", f"{anchor.year - 1 if code != 'FA' or anchor.month < 9 else anchor.year}-{code}"
        if rel in ("next", "coming"):
            return "DATE", f"{anchor.year + 1 if code == 'SP' and anchor.month >= 3 else anchor.year}-{code}"
        return "DATE", f"{anchor.year}-{code}"
    if name == "set_every":
        unit = g["unit"].lower()
        if g["q"].lower() in ("a", "an") and not _RATE_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            return None  # "a month" is a rate only after an amount: "$5 a month", "twice a year"
        if unit in _words()["weekday"]:
            return "SET", "XXXX-WXX-" + str(_weekday(unit) + 1)
        if g["q"].lower() in ("every", "each") and not g.get("n"):
            if unit in _words()["part_of_day"]:   # "every morning": mornings, as TIDES writes them
                return "SET", "XXXX-XX-XX" + _words()["part_of_day"][unit]
            if unit in _words()["season"]:       # "every summer"
                return "SET", "XXXX-" + _season_code(unit)
            if unit == "weekend":
                return "SET", "XXXX-WXX-WE"
        if unit == "season":  # "each season": a season (or a sports season) comes round once a year
            return "SET", "P1Y"
        if unit in _words()["season"] or unit == "afternoon":
            return None
        code = {"day": "D", "night": "D", "morning": "D", "evening": "D", "week": "W", "weekend": "W", "month": "M",
                "year": "Y", "quarter": "Q", "hour": "H", "minute": "MIN"}[unit]
        return "SET", _duration_value(2 if g.get("n") else 1, code)
    if name == "set_word":
        if g["w"][0].islower() and _NAME_AFTER.match(text, m.end()) and _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            return None  # "the Communist Party daily Granma": a newspaper
        return "SET", _words()["set"][g["w"].lower()]
    if name == "duration_hyphen":
        n = _n_of(g["n"])
        return "DURATION", _duration_value(n, _unit(g["unit"]))
    if name == "duration":
        n = _n_of(g["n"])
        unit = _unit(g["unit"])
        if unit == "WE":
            return "DURATION", "P2D"
        if unit == "S" and g["n"].lower() == "a" and _ORDINAL_NOUN_AFTER.match(text, m.end()):
            return None  # "a second term", "a second betrayal": an ordinal
        return "DURATION", _duration_value(n, unit)
    if name in ("duration_plural", "duration_vague"):  # "for weeks", "in recent days", "the coming years"
        return "DURATION", _duration_value(None, _unit(g["unit"]))
    if name == "reference":
        return "DATE", _words()["reference"][re.sub(r"\s+", " ", g["w"].lower())]
    if name == "year":
        y = int(g["y"])
        if y > anchor.year + 30:
            return None
        return "DATE", g["y"]
    return None


# groups whose text is left out of the span (prepositions before a year)
_TRIM_LEFT = re.compile(r"^(?:in|of|since|by|until|from|to|during|before|after|for|over|within)\s+", re.I)


def _coerce_anchor(anchor) -> dt.date:
    if isinstance(anchor, dt.datetime):
        return anchor.date()
    if isinstance(anchor, dt.date):
        return anchor
    if hasattr(anchor, "date") and callable(anchor.date):  # pandas Timestamp
        return anchor.date()
    if isinstance(anchor, str):
        try:
            return dt.date.fromisoformat(anchor.strip()[:10])
        except ValueError as exc:
            raise ValueError(f"anchor {anchor!r} is not a date (YYYY-MM-DD)") from exc
    raise ValueError(f"anchor {anchor!r} is not a date")


WINDOW_BEFORE, WINDOW_AFTER = 45, 70  # characters around a trigger word searched by the rules


TRIGGER_KINDS = ("month", "weekday", "unit", "season", "part_of_day", "reference", "set", "holiday")
MISC_TRIGGERS = ("today", "tonight", "yesterday", "tomorrow", "noon", "midday", "midnight", "ago", "fiscal", "season")
# which kinds of trigger word each rule needs (any of them) in its window
RULE_NEEDS = {
    "iso_date": {"digit"}, "numeric_date": {"digit"}, "time_24h": {"digit"}, "time_clock": {"digit"},
    "year": {"digit"}, "year_range": {"digit"}, "mod_year": {"digit"}, "decade": {"digit"}, "fiscal_year": {"digit"},
    "month_day_year": {"month"}, "day_month_year": {"month"}, "month_year": {"month"}, "month_day": {"month"}, "week_of": {"month"},
    "day_month": {"month"}, "month": {"month"}, "weekday_month_day": {"month"}, "time_word": {"misc"}, "relative_day": {"misc"}, "ago": {"misc"},
    "relative_day_pod": {"part_of_day"}, "holiday": {"holiday", "unit"}, "the_weekend": {"unit"},
    "time_in_pod": {"part_of_day"}, "century": {"unit"}, "duration_vague": {"unit"},
    "duration_long": {"unit"}, "weekday": {"weekday"}, "mod_relative_period": {"unit", "season"},
    "relative_period": {"unit", "season"}, "relative_n_period": {"unit"}, "quarter": {"unit"},
    "season_year": {"season"}, "season": {"season"}, "set_every": {"unit", "weekday", "part_of_day", "season", "misc"},
    "set_word": {"set"},
    "duration_hyphen": {"unit"}, "duration": {"unit"}, "duration_plural": {"unit"}, "reference": {"reference", "unit"},
}


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, str]:
    """Lower-case word -> kind, for the words without which no rule can match."""
    out = {}
    for kind in TRIGGER_KINDS:
        for w in _words()[kind]:
            out.setdefault(w.split()[-1].rstrip("."), kind)
    for w in MISC_TRIGGERS:
        out.setdefault(w, "misc")
    return out


_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _trigger_scanner() -> re.Pattern | None:
    """The starts of the tokens that can be trigger words: a digit, a non-ASCII character (a digit of
    another script), or a trigger word (any case), so that the other tokens are skipped in one pass.
    None if a trigger word is not ASCII (then every token is looked at)."""
    keys = sorted(w for w in _trigger_words() if _TOKEN.fullmatch(w))   # "year's" is never one token
    if not all(k.isascii() for k in keys):
        return None
    return re.compile(r"\b(?=\w)(?:\d|[^\x00-\x7f]|(?i:" + _trie(keys) + r")\b)")


def _trie(words) -> str:
    """An expression matching exactly the given words, branching letter by letter (fast to try)."""
    if not words:
        return ""
    groups: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    if not groups:
        return ""
    alts = [re.escape(c) + _trie(rest) for c, rest in sorted(groups.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if ends else body


def _windows(text: str) -> list[tuple[int, int, set]]:
    """Merged stretches of text around trigger words, with the kinds of triggers in each."""
    words = _trigger_words()
    out: list[list] = []
    scanner = _trigger_scanner()
    token_at = _TOKEN.match
    tokens = _TOKEN.finditer(text) if scanner is None else (token_at(text, c.start()) for c in scanner.finditer(text))
    for m in tokens:
        tok = m.group()
        kind = "digit" if tok[0].isdigit() else words.get(tok.lower())
        if kind is None:
            continue
        lo, hi = max(0, m.start() - WINDOW_BEFORE), min(len(text), m.end() + WINDOW_AFTER)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
            out[-1][2].add(kind)
        else:
            out.append([lo, hi, {kind}])
    return [tuple(w) for w in out]


@lru_cache(maxsize=1)
def _start_plan() -> tuple[re.Pattern | None, tuple]:
    """Where each rule can match: ``(scanner, starts)``. ``starts[k]``: an expression for the first two
    characters of a match of rule ``k`` (read off the rule by :func:`newsframe.clean.regex_hints`), or
    None when unknown (the rule is then searched everywhere in its windows); ``scanner`` finds the places
    (after _B) where any of them fits, in one pass, instead of each rule trying every character."""
    from .clean import regex_hints

    starts, firsts = [], set()
    for _, pat in _patterns():
        first, first2, _ = regex_hints(pat, strings=True) if pat.pattern.startswith(_B) and \
            pat.flags == re.I | re.U else (None, None, ())
        if first is None or first2 is None:
            starts.append(None)
            continue
        starts.append(re.compile("(?:" + "|".join(sorted(first2)) + ")", re.I))
        firsts |= first
    # the scanner only looks at the first character; the first two pick the rules (by_key in _rule_starts)
    scanner = re.compile(_B + "(?=" + "|".join(sorted(firsts)) + ")", re.I) if firsts else None
    return scanner, tuple(starts)


def _rule_starts(text: str, windows) -> list[list[int]]:
    """Per rule, the places in the windows where it can start (see :func:`_start_plan`)."""
    scanner, starts = _start_plan()
    out: list[list[int]] = [[] for _ in starts]
    if scanner is None:
        return out
    by_key = _RULES_BY_START
    for lo, hi, _ in windows:
        for m in scanner.finditer(text, lo, hi):
            p = m.start()
            key = text[p:p + 2]
            rules = by_key.get(key)
            if rules is None:
                if len(by_key) > 100_000:   # keep the cache bounded
                    by_key.clear()
                rules = by_key[key] = tuple(k for k, f in enumerate(starts) if f is not None and f.match(key))
            for k in rules:
                out[k].append(p)
    return out


_RULES_BY_START: dict[str, tuple[int, ...]] = {}   # first two characters -> rules that can start so


def _window_matches(pat: re.Pattern, text: str, windows, needs, starts: list[int]):
    """``pat.finditer(text, lo, hi)`` in each window that has a trigger the rule needs, trying ``pat``
    only at ``starts`` (every place where it can start)."""
    match = pat.match
    n = len(starts)
    for lo, hi, kinds in windows:
        if not kinds & needs:
            continue
        j = bisect.bisect_left(starts, lo)
        end = lo
        while j < n and starts[j] < hi:
            p = starts[j]
            j += 1
            if p < end:
                continue
            m = match(text, p, hi)
            if m is not None:
                yield m
                end = m.end()


def find_timexes(text: str, anchor) -> list[dict]:
    """Time expressions in ``text``, normalised against ``anchor`` (a date).

    Returns dicts ``start, end, text, type, value, anchor, rule`` in text
    order (character offsets, ``end`` exclusive). Overlapping candidates are
    resolved by rule order, then by length.
    """
    a = _coerce_anchor(anchor)
    found = []
    taken = bytearray(len(text) + 1)
    windows = _windows(text)
    starts = _start_plan()[1]
    rule_starts = _rule_starts(text, windows)
    for prio, (name, pat) in enumerate(_patterns()):
        needs = RULE_NEEDS[name]
        if starts[prio] is None:
            matches = (m for lo, hi, kinds in windows if kinds & needs for m in pat.finditer(text, lo, hi))
        else:
            matches = _window_matches(pat, text, windows, needs, rule_starts[prio])
        for m in matches:
            s, e = m.span()
            if any(taken[s:e]):
                continue
            try:
                res = _value(name, m, a, text)
            except (ValueError, KeyError):
                res = None
            if res is None:
                continue
            span_text = m.group(0)
            if name in ("year", "duration_plural", "set_every") or name.startswith("duration"):
                trimmed = _TRIM_LEFT.sub("", span_text) if name != "set_every" or not span_text.lower().startswith(("per", "a ")) else span_text
                s += len(span_text) - len(trimmed)
                span_text = trimmed
            if name == "year_range":
                y2 = m.group("y2")
                full2 = (m.group("y")[:4 - len(y2)] + y2) if len(y2) < 4 else y2
                s2 = m.start("y2")
                found.append({"start": s, "end": m.end("y"), "text": text[s:m.end("y")], "type": "DATE",
                              "value": m.group("y"), "anchor": a.isoformat(), "rule": name})
                found.append({"start": s2, "end": e, "text": text[s2:e], "type": "DATE", "value": full2,
                              "anchor": a.isoformat(), "rule": name})
            elif name == "month_day" and m.group("d2"):  # "April 24 and 25": two dates
                d1, d2 = (int(re.sub(r"\D", "", m.group(k))) for k in ("d", "d2"))
                e1 = m.end("d")
                found.append({"start": s, "end": e1, "text": text[s:e1], "type": res[0], "value": res[1],
                              "anchor": a.isoformat(), "rule": name})
                if d2 > d1:
                    try:
                        v2 = dt.date.fromisoformat(res[1]).replace(day=d2).isoformat()
                    except ValueError:
                        v2 = None
                    if v2:
                        s2 = m.start("d2")
                        found.append({"start": s2, "end": e, "text": text[s2:e], "type": "DATE", "value": v2,
                                      "anchor": a.isoformat(), "rule": name})
            else:
                found.append({"start": s, "end": e, "text": text[s:e], "type": res[0], "value": res[1],
                              "anchor": a.isoformat(), "rule": name})
            taken[m.start():e] = b"\x01" * (e - m.start())
    found.sort(key=lambda t: t["start"])
    if any(t["value"].startswith(_ANAPHORA) for t in found):
        found = _resolve_anaphora(found, a)
    return found
