"""Normalisation of a matched time expression to a TimeML value.

:func:`timex_value` turns a rule's match into the TIMEX3 ``value`` against an *anchor* (the publication
date), by date arithmetic (``python-dateutil``'s ``relativedelta``): "on Thursday" in a story of
Saturday 2023-03-18 is ``2023-03-16``; "last month" in one of 2023-04-14 is ``2023-03``; "12 years" is
``P12Y``; "every year" is ``P1Y``; "now" is ``PRESENT_REF``. A bare weekday or a month without a year
points back in a past-tense sentence and forward in a future-tense one; a date without a year takes
the year that puts it nearest the anchor in that direction (at most :data:`PAST_MAX_DAYS` back).
Anaphoric periods ("the following decade", "that same day") take their value from the nearest earlier
date of the text precise enough for them (:func:`resolve_anaphora`), as a TimeML annotator would from
the expression's anchor time. The TimeML conventions followed are listed in :mod:`newsframe.timing`.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .timex_patterns import (CAP_MONTH_ONLY, PAST_MAX_DAYS, POD_SUFFIXES, RATE_BEFORE, format_number,
    number_value, sentence_tense, timex_words)
from .timex_periods import ANAPHORA, ANAPHORIC_REL, ANAPHORIC_UNITS, ANCHOR_FALLBACK, iso_week, period_value, season_code

# prefix of fiscal-year values: "" writes "fiscal 2024" as 2024, as the TempEval-3 (TimeBank) annotations do;
# "FY" gives the TIDES 2005 form FY2024
FISCAL_PREFIX = ""


# --------------------------------------------------------------------------- value helpers
def _month(word: str) -> int:
    return int(timex_words()["month"][word.lower().rstrip(".")])


def _weekday(word: str) -> int:
    return int(timex_words()["weekday"][word.lower().rstrip(".")])


def _unit(word: str) -> str:
    return timex_words()["unit"][word.lower()]


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



def _duration_value(n: float | None, unit_code: str) -> str:
    if unit_code == "DE":  # TimeBank writes decades in years: "a decade" P10Y, "decades" PXY
        unit_code, n = "Y", (None if n is None else n * 10)
    if unit_code == "CE":  # ... and centuries with the TimeML unit E: "centuries" PXE, "a century" P1E
        unit_code = "E"
    amount = "X" if n is None else format_number(n)
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
        base = number_value(w[: -len(" and a half")])
        return None if base is None else base + 0.5
    return number_value(w)


# --------------------------------------------------------------------------- rules
_SEASON_PREP_BEFORE = re.compile(r"\b(?:in|during|by|until|since|through|of|this|that|last|next|early|late|mid)[-\s]+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|but|basis|since|from|to|in|at|by|for|through|until|over|with)\b)[a-z]{3,}\b")
_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z])")
_NAME_BEFORE = re.compile(r"(?-i:[A-Z])\w+\s+$")
_ORDINAL_NOUN_AFTER = re.compile(r"\s+(?!(?:later|earlier|ago|before|after|or|and|of|to|in|on|at|for|when|while|that|longer|"
                                 r"more|less|too|then|so|the|a|he|she|it|they|we|i|you)\b)[a-z]")
_HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.I)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+$", re.I)
_DEADLINE_VERB = re.compile(r"\b(?:postponed|delayed|extended|adjourned|deferred|put\s+off|gave|given|granted|deadline)\b", re.I)
_ZONE_THEN_DAY = re.compile(r"\s*\([^()]{1,16}\)\s*(?:on\s+)?(?P<wd>[A-Z][a-z]+day)\b")
# "... quarters of" followed by no time word: a fraction ("a quarter of the workers"), not three months
_FRACTION_OF = re.compile(r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+|fiscal\s+)?(?:year|fiscal|\d{4}|19|20|this|last|next)\b)", re.I)
_GAME_CLOCK_AFTER = re.compile(r"\s+(?:into|left|remaining|to\s+play|to\s+go)\b", re.I)
_RACE_TIME_BEFORE = re.compile(r"\b(?:in|of|clocked|timed)\s+$", re.I)
_ORDINALS = {w: k for k, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)} | {"twenty first": 21, "twenty second": 22}

_YEAR_ENDED = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|through)\b", re.I)   # "the year ended June 30"

# the rules whose value depends on the tense of the sentence (see _tense)
_RULES_WITH_TENSE = frozenset({"week_of", "weekday_month_day", "month_day", "day_month", "time_clock", "time_24h", "time_word", "time_in_pod",
                               "relative_day_pod", "holiday", "weekday", "quarter", "month"})


def timex_value(name: str, m: re.Match, anchor: dt.date, text: str) -> tuple[str, str] | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if g.get("mon") and not g["mon"][0].isupper():
        return None  # "may", "march" in lower case are verbs
    if g.get("mon") and len(g["mon"]) == 3 and name == "month" and g["mon"].lower() != "may" \
            and not text[m.end():m.end() + 1] == ".":
        return None  # "Jan" without a period is more often a name than January ("May" is no abbreviation)
    # the tense of the sentence, for the rules that read it (it is the costly part of a value)
    direction = sentence_tense(text, m.start(), m.end()) if name in _RULES_WITH_TENSE else None
    present = direction == "present"
    if present:   # "the launch is Tuesday": a bare weekday in the present is the coming one
        direction = "future" if name == "weekday" and not (g.get("rel") or "") else "none"
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
        return "DATE", iso_week(dt.date(_nearest_year(anchor, mon, d, direction), mon, d))
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
    if name == "time_24h" and not g.get("tz") and (_RACE_TIME_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                                    or _GAME_CLOCK_AFTER.match(text, m.end())):
        return None  # "finished in 2:08", "a time of 1:59", "2:55 into overtime": a race or game clock
    if name in ("time_clock", "time_24h", "time_word", "time_in_pod"):
        day = anchor
        if not (g.get("day") or g.get("day2")) and name in ("time_clock", "time_24h"):
            z = _ZONE_THEN_DAY.match(text, m.end())
            if z and z.group("wd").lower() in timex_words()["weekday"]:
                g["day2"] = z.group("wd")
        if g.get("day") or g.get("day2"):
            w = (g.get("day") or g.get("day2")).lower()
            day = {"yesterday": anchor - dt.timedelta(days=1), "tomorrow": anchor + dt.timedelta(days=1)}.get(w, anchor)
            if w in timex_words()["weekday"]:   # "talks resume at 9 a.m. Saturday": the coming one, as a bare weekday
                day = _weekday_date(anchor, _weekday(w), None, "future" if present and direction == "none" else direction)
        elif g.get("mon2"):   # "5 p.m. EST, Nov. 6"
            mon, d = _month(g["mon2"]), int(re.sub(r"\D", "", g["d2"]))
            try:
                day = dt.date(_nearest_year(anchor, mon, d, direction), mon, d)
            except ValueError:
                return None
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
        w, pod = g["day"].lower(), timex_words()["part_of_day"][g["pod"].lower()]
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
        rule = timex_words()["holiday"][re.sub(r"\s+", " ", g["hol"].lower())]
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
        pod = timex_words()["part_of_day"][g["pod"].lower()] if g.get("pod") else ""
        if pod in POD_SUFFIXES:  # "Friday afternoon": a time of day, as "this morning" (TimeML TIME)
            return "TIME", day.isoformat() + pod
        return "DATE", day.isoformat()
    if name == "relative_day":
        w = re.sub(r"\s+", " ", g["day"].lower())
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}[w]
        day = anchor + dt.timedelta(days=off)
        return ("TIME", f"{day.isoformat()}TNI") if w == "tonight" else ("DATE", day.isoformat())
    if name == "spoken_year":
        if not g.get("c"):
            return "DATE", str(2000 + int(number_value(g["r2"]) or 0) if g.get("r2") else 2000)
        rest = re.sub(r"^oh[-\s]+", "", g["r"].lower())
        n = number_value(rest)
        return ("DATE", str((1900 if g["c"].lower() == "nineteen" else 1800) + int(n))) if n is not None else None
    if name == "the_year":
        if _YEAR_ENDED.match(text, m.end()) or (g.get("w") or "").lower() == "fiscal":
            return "DURATION", "P1Y"
        return "DATE", f"{ANAPHORA}year:0:keep"
    if name == "the_quarter":
        w = re.sub(r"\s+", " ", (g.get("w") or g.get("wp") or "").lower())
        return "DATE", f"{ANAPHORA}quarter:0:{'current' if w == 'current' else 'latest' if w else 'quarter_only'}"
    if name in ("earlier", "year_ago_adj"):
        n = 1.0 if name == "year_ago_adj" else _n_of(g["n"])
        unit = "year" if name == "year_ago_adj" else g["unit"].lower().rstrip("s")
        if n is None or not float(n).is_integer():
            return None
        return "DATE", f"{ANAPHORA}{unit}:{-int(n)}:shift"
    if name == "ago":
        n = _n_of(g["n"])
        unit = _unit(g["unit"])
        if n is None:
            return "DATE", "PAST_REF"
        n = float(n)
        if unit == "Y":
            if n.is_integer():    # "a year ago" in a story about a quarter: that quarter a year before
                return "DATE", f"{ANAPHORA}year:{-int(n)}:quarter"
            return "DATE", str(anchor.year - int(round(n)))
        if unit == "DE":
            return "DATE", str(anchor.year - int(round(n * 10)))
        if unit == "CE":
            return "DATE", str((anchor.year - int(round(n * 100))) // 100)
        if unit == "M":
            d = anchor - relativedelta(months=int(round(n)))
            return "DATE", f"{d.year}-{d.month:02d}"
        if unit == "W":
            return "DATE", iso_week(anchor - dt.timedelta(weeks=int(round(n))))
        if unit == "D":
            return "DATE", (anchor - dt.timedelta(days=int(round(n)))).isoformat()
        return "DATE", "PAST_REF"
    if name == "mod_relative_period":
        rel = g["rel"].lower()
        off = {"this": 0, "last": -1, "next": 1}[rel]
        v = period_value(anchor, g["unit"].lower(), off)
        return ("DATE", v) if v else None
    if name == "relative_period":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = g["unit"].lower()
        if rel in ANAPHORIC_REL or rel == "the next" and unit == "day":
            if unit in ANAPHORIC_UNITS:
                # relative to the time the story is talking about: the last date before it (see _resolve_anaphora)
                return "DATE", f"{ANAPHORA}{unit}:{ANAPHORIC_REL.get(rel, 1)}:{'keep' if rel in ANCHOR_FALLBACK else 'drop'}"
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
            code = season_code(unit)
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            y = anchor.year if anchor.month > start_month + 2 or code == "WI" and anchor.month < 3 else anchor.year - 1
            if code == "WI":
                y = anchor.year - 1
            return "DATE", f"{y}-{code}"
        v = period_value(anchor, unit, off)
        return ("DATE", v) if v else None
    if name == "relative_n_period":
        n = _n_of(g["n"])
        return "DURATION", _duration_value(n, _unit(g["unit"]))
    if name == "quarter":
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[g["q"].lower()]
        if g.get("y") or g.get("y0"):
            return "DATE", f"{g.get('y') or g['y0']}-Q{q}"
        if g.get("poss"):
            return "DATE", f"{anchor.year + {'this': 0, 'last': -1, 'next': 1}[g['poss'].lower()]}-Q{q}"
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
        return "DATE", f"{g['y']}-{season_code(g['season'])}"
    if name == "decade":
        return "DATE", g["dec"][:3]
    if name == "decade_words":
        tens = "twenties thirties forties fifties sixties seventies eighties nineties".split().index(g["dw"].lower()) + 2
        return "DATE", f"19{tens}"
    if name == "year_range":
        return "DATE", g["y"]
    if name == "mod_year":
        return "DATE", g["y"]
    if name == "month":
        word = m.group("mon")
        if not CAP_MONTH_ONLY.match(word):
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
        code = season_code(g["season"])
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
        if g["q"].lower() in ("a", "an") and not RATE_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            return None  # "a month" is a rate only after an amount: "$5 a month", "twice a year"
        if unit in timex_words()["weekday"]:
            return "SET", "XXXX-WXX-" + str(_weekday(unit) + 1)
        if g["q"].lower() in ("every", "each") and not g.get("n"):
            if unit in timex_words()["part_of_day"]:   # "every morning": mornings, as TIDES writes them
                return "SET", "XXXX-XX-XX" + timex_words()["part_of_day"][unit]
            if unit in timex_words()["season"]:       # "every summer"
                return "SET", "XXXX-" + season_code(unit)
            if unit == "weekend":
                return "SET", "XXXX-WXX-WE"
            if unit.rstrip(".") in timex_words()["month"]:   # "each July": every July
                return "SET", f"XXXX-{_month(unit):02d}"
        if unit == "season":  # "each season": a season (or a sports season) comes round once a year
            return "SET", "P1Y"
        if unit in timex_words()["season"] or unit == "afternoon" or unit.rstrip(".") in timex_words()["month"]:
            return None
        code = {"day": "D", "night": "D", "morning": "D", "evening": "D", "week": "W", "weekend": "W", "month": "M",
                "year": "Y", "quarter": "Q", "hour": "H", "minute": "MIN"}[unit]
        return "SET", _duration_value(2 if g.get("n") else 1, code)
    if name == "set_word":
        if g["w"][0].islower() and _NAME_AFTER.match(text, m.end()) and _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            return None  # "the Communist Party daily Granma": a newspaper
        if g["w"].lower() == "quarterly" and _NOUN_AFTER.match(text, m.end()):
            return None  # "its quarterly dividend", "the first quarterly loss": a quarter's figure, not a SET
        return "SET", timex_words()["set"][g["w"].lower()]
    if name in ("duration_hyphen", "duration") and _unit(g["unit"]) == "Q" and _FRACTION_OF.match(text, m.end()):
        return None  # "three-quarters of the shares", "a quarter of the workers": a fraction
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
        return "DATE", timex_words()["reference"][re.sub(r"\s+", " ", g["w"].lower())]
    if name == "year":
        y = int(g["y"])
        if y > anchor.year + 30:
            return None
        return "DATE", g["y"]
    return None


# groups whose text is left out of the span (prepositions before a year)
TRIM_LEFT = re.compile(r"^(?:in|of|since|by|until|from|to|during|before|after|for|over|within)\s+", re.I)


def coerce_anchor(anchor) -> dt.date:
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
