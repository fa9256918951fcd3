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
direction. Word lists (months, weekdays, number words, units, seasons,
reference words) are in ``data/timex_words.csv``.

Compared: the Python date libraries ``dateparser`` (value F1 0.31-0.41 on
the TempEval-3 development data) and ``recognizers-text`` (0.57) find
dates but not TimeML values for relative, vague and duration expressions;
HeidelTime (Java) scores 0.731 but runs under one document per second from
Python. The figures of this module are in ``docs/BENCHMARKS.md``
(``bench/timex_bench.py``).

Limits: no event-anchored expressions ("two days after the vote" is only
the duration "two days"), no holidays beyond a short list, English only.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from .resources import read_table

TYPES = ("DATE", "TIME", "DURATION", "SET")
POD_SUFFIXES: set[str] = set()  # parts of day kept as a value suffix ("Friday night" -> ...TNI); none scored better on dev
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
    DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    MOD = r"(?:(?P<mod>early|earlier|mid|middle|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of|beginning\s+of)[-\s]+(?:in\s+)?)?"
    REL = r"(?P<rel>last|next|this|coming|past|previous|following|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|same|that)"
    B = _B
    E = r"(?![\w%]|[.,]\d)"
    pats = [
        ("iso_date", B + r"(?P<y>" + YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + E),
        ("month_day_year", B + MOD + r"(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r"),?\s+(?P<y>" + YEAR + r")" + E),
        ("day_month_year", B + r"(?P<d>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")\.?,?\s+(?P<y>" + YEAR + r")" + E),
        ("numeric_date", B + r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)" + E),
        ("month_year", B + MOD + r"(?P<mon>" + MON + r")\.?,?\s+(?:of\s+)?(?P<y>" + YEAR + r")" + E),
        ("weekday_month_day", B + r"(?:" + WD + r"),?\s+(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")(?:,?\s+(?P<y>" + YEAR + r"))?" + E),
        ("month_day", B + r"(?:(?P<rel>last|next|this)\s+)?(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")" + E),
        ("day_month", B + r"(?P<d>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")" + E),
        ("time_clock", B + r"(?:(?P<day>today|tonight|yesterday|tomorrow|" + WD + r")\s+(?:at\s+)?)?(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+(?P<tz>(?-i:[A-Z]{2,4}))\b)?(?:\s+(?:on\s+)?(?P<day2>today|tomorrow|yesterday|" + WD + r")\b)?"),
        ("time_24h", B + r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<tz>GMT|UTC|IST|KST|JST|EST|EDT|CST|PST|CET|BST)\b)?" + E),
        ("time_word", B + r"(?:(?P<day>today|yesterday|tomorrow|" + WD + r")\s+(?:at\s+)?)?(?P<w>noon|midday|midnight)" + E),
        ("relative_day_pod", B + r"(?P<day>today|yesterday|tomorrow|this|last)\s+(?P<pod>" + POD + r")" + E),
        ("holiday", B + r"(?:(?P<rel>last|next|this)\s+)?(?P<hol>" + _alt("holiday") + r")" + E),
        ("the_weekend", B + r"the\s+weekend" + E),
        ("duration_long", B + r"(?P<n>" + NUM + r"-)?(?P<unit>day|week|month|year|decade|century|hour|minute|days|weeks|months|years|decades|hours)-long" + E),
        ("weekday", B + r"(?:(?P<rel>last|next|this|past|coming|early|late)\s+)?(?P<wd>" + WD + r")(?:\s+(?P<pod>" + POD + r"))?" + E),
        ("relative_day", B + r"(?P<day>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)" + E),
        ("ago", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|more\s+than|less\s+than|over|just|only)\s+)?(?P<n>" + NUM + r"|a|an|a\s+few|several|many|a\s+couple\s+of|half\s+a)\s+(?P<unit>" + UNIT + r")\s+ago" + E),
        ("mod_relative_period", B + r"(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)[-\s]+(?P<rel>this|last|next)\s+(?P<unit>week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)" + E),
        ("relative_period", B + REL + r"\s+(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|season)" + E),
        ("relative_n_period", B + r"(?P<rel>the\s+past|past|the\s+last|last|the\s+next|next|the\s+coming|coming|the\s+first|first|the\s+previous|previous)\s+(?P<n>" + NUM + r"|few|several|couple\s+of)\s+(?P<unit>" + UNIT + r")" + E),
        ("quarter", B + r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[-\s]+quarter|\s+quarter)(?:\s+of\s+(?P<y>" + YEAR + r"))?" + E),
        ("fiscal_year", B + r"(?:fiscal|financial\s+year)\s+(?P<y>" + YEAR + r")" + E),
        ("season_year", B + MOD + r"(?P<season>" + SEASON + r")\s+(?:of\s+)?(?P<y>" + YEAR + r")" + E),
        ("decade", B + r"(?:the\s+)?(?P<mod>early|mid|late)?-?\s*(?P<dec>(?:1[5-9]|20)\d0)'?s" + E),
        ("year_range", B + r"(?P<y>" + YEAR + r")\s*[-–]\s*(?P<y2>\d{2}|" + YEAR + r")" + E),
        ("mod_year", B + MOD.replace("(?:in\\s+)?", "") + r"(?P<y>" + YEAR + r")" + E),
        ("month", B + MOD + r"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>" + MON + r")" + E),
        ("season", B + MOD + r"(?:(?P<rel>last|next|this|past|coming|the)\s+)?(?P<season>" + SEASON + r")" + E),
        ("set_every", B + r"(?P<q>every|each|per|a|an)\s+(?P<n>other\s+)?(?P<unit>day|week|month|year|quarter|hour|minute|night|morning|evening|weekend|" + WD + r")" + E),
        ("set_word", B + r"(?P<w>" + SETW + r")" + E),
        ("duration_hyphen", B + r"(?P<n>" + NUM + r"|half)-(?P<unit>" + UNIT + r")(?!-old)" + E),
        ("duration", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|more\s+than|less\s+than|over|at\s+least|up\s+to|only|just)\s+)?(?P<n>" + NUM + r"(?:\s+and\s+a\s+half)?|a|an|a\s+few|few|several|many|a\s+couple\s+of|half\s+a|a\s+half|dozens\s+of|hundreds\s+of)\s+(?P<unit>" + UNIT + r")(?!-old)" + E),
        ("duration_plural", B + r"(?:(?:for|in|over|within|after)\s+)(?P<unit>years|decades|months|weeks|days|hours|minutes|centuries)" + E),
        ("reference", B + r"(?P<w>" + REF + r")" + E),
        ("year", B + r"(?:in\s+|of\s+|since\s+|by\s+|until\s+|from\s+|to\s+|during\s+|before\s+|after\s+)?(?P<y>" + YEAR + r")" + E),
    ]
    return [(name, re.compile(p, re.I)) for name, p in pats]


_CAP_MONTH_ONLY = re.compile(r"^[A-Z]")
_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|trillion|dollars|cents|yen|euros|pounds|people|times|hours|days)?|once|twice|times)\s+$", re.I)
_FUTURE = re.compile(r"(?:\bwill|\bwon't|'ll|\bshall|\bgoing\s+to|\bplans?\s+to|\bplanning\s+to|\bscheduled\s+(?:to|for)|\bplanned|\bplanning|\bwould|\bscheduled|\bas\s+(?:soon|early)\s+as|\bexpected\s+to|\bdue\s+to|\bset\s+to|\bis\s+to|\bare\s+to|\bupcoming|\bto\s+be\s+held)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|announced|reported|agreed|met|held|ended|began|started|took|came|went|made|gave|left|won|lost|sent|saw|fell|rose|found|became|ago|since|(?!(?:scheduled|planned|expected)\b)\w+ed)\b", re.I)
_SENT_SPLIT = re.compile(r"[.!?]\s|\n\n")


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
    for tense, pat in (("future", _FUTURE), ("past", _PAST)):
        for c in pat.finditer(left):
            dist = len(left) - c.end()
            if best_dist is None or dist < best_dist:
                best, best_dist = tense, dist
        c = pat.search(right)
        if c and (best_dist is None or c.start() < best_dist):
            best, best_dist = tense, c.start()
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
# the rules whose value depends on the tense of the sentence (see _tense)
_RULES_WITH_TENSE = frozenset({"weekday_month_day", "month_day", "day_month", "time_clock", "time_24h", "time_word",
                               "relative_day_pod", "holiday", "weekday", "quarter", "month"})


def _value(name: str, m: re.Match, anchor: dt.date, text: str) -> tuple[str, str] | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if g.get("mon") and not g["mon"][0].isupper():
        return None  # "may", "march" in lower case are verbs
    if g.get("mon") and len(g["mon"]) == 3 and name == "month" and not text[m.end():m.end() + 1] == ".":
        return None  # "Jan" without a period is more often a name than January
    # the tense of the sentence, for the rules that read it (it is the costly part of a value)
    direction = _tense(text, m.start(), m.end()) if name in _RULES_WITH_TENSE else None
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
    if name in ("month_day", "day_month"):
        mon, d = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
        if g.get("rel") == "last":
            direction = "past"
        elif g.get("rel") == "next":
            direction = "future"
        y = _nearest_year(anchor, mon, d, direction)
        return "DATE", f"{y}-{mon:02d}-{d:02d}"
    if name in ("time_clock", "time_24h", "time_word"):
        day = anchor
        if g.get("day") or g.get("day2"):
            w = (g.get("day") or g.get("day2")).lower()
            day = {"yesterday": anchor - dt.timedelta(days=1), "tomorrow": anchor + dt.timedelta(days=1)}.get(w, anchor)
            if w in _words()["weekday"]:
                day = _weekday_date(anchor, _weekday(w), None, direction)
        if name == "time_word":
            hhmm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["w"].lower()]
        else:
            h = int(g["h"])
            ap = (g.get("ap") or "").lower().replace(".", "")
            if ap == "pm" and h < 12:
                h += 12
            if ap == "am" and h == 12:
                h = 0
            hhmm = f"{h:02d}:{int(g.get('mi') or 0):02d}"
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
        return "DATE", day.isoformat() + (pod if pod in POD_SUFFIXES else "")
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
    if name == "fiscal_year":
        return "DATE", g["y"]
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
        code = {"day": "D", "night": "D", "morning": "D", "evening": "D", "week": "W", "weekend": "W", "month": "M",
                "year": "Y", "quarter": "Q", "hour": "H", "minute": "MIN"}[unit]
        return "SET", _duration_value(2 if g.get("n") else 1, code)
    if name == "set_word":
        return "SET", _words()["set"][g["w"].lower()]
    if name == "duration_hyphen":
        n = _n_of(g["n"])
        return "DURATION", _duration_value(n, _unit(g["unit"]))
    if name == "duration":
        n = _n_of(g["n"])
        unit = _unit(g["unit"])
        if unit == "WE":
            return "DURATION", "P2D"
        return "DURATION", _duration_value(n, unit)
    if name == "duration_plural":
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
MISC_TRIGGERS = ("today", "tonight", "yesterday", "tomorrow", "noon", "midday", "midnight", "ago", "fiscal")
# which kinds of trigger word each rule needs (any of them) in its window
RULE_NEEDS = {
    "iso_date": {"digit"}, "numeric_date": {"digit"}, "time_24h": {"digit"}, "time_clock": {"digit"},
    "year": {"digit"}, "year_range": {"digit"}, "mod_year": {"digit"}, "decade": {"digit"}, "fiscal_year": {"digit"},
    "month_day_year": {"month"}, "day_month_year": {"month"}, "month_year": {"month"}, "month_day": {"month"},
    "day_month": {"month"}, "month": {"month"}, "weekday_month_day": {"month"}, "time_word": {"misc"}, "relative_day": {"misc"}, "ago": {"misc"},
    "relative_day_pod": {"part_of_day"}, "holiday": {"holiday"}, "the_weekend": {"unit"},
    "duration_long": {"unit"}, "weekday": {"weekday"}, "mod_relative_period": {"unit", "season"},
    "relative_period": {"unit", "season"}, "relative_n_period": {"unit"}, "quarter": {"unit"},
    "season_year": {"season"}, "season": {"season"}, "set_every": {"unit", "weekday"}, "set_word": {"set"},
    "duration_hyphen": {"unit"}, "duration": {"unit"}, "duration_plural": {"unit"}, "reference": {"reference"},
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
    characters of a match of rule ``k`` (read off the rule by :func:`newsframe.clean._regex_hints`), or
    None when unknown (the rule is then searched everywhere in its windows); ``scanner`` finds the places
    (after _B) where any of them fits, in one pass, instead of each rule trying every character."""
    from .clean import _regex_hints

    starts, firsts = [], set()
    for _, pat in _patterns():
        first, first2, _ = _regex_hints(pat, strings=True) if pat.pattern.startswith(_B) and \
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
            else:
                found.append({"start": s, "end": e, "text": text[s:e], "type": res[0], "value": res[1],
                              "anchor": a.isoformat(), "rule": name})
            taken[m.start():e] = b"\x01" * (e - m.start())
    return sorted(found, key=lambda t: t["start"])
