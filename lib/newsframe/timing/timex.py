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
out (see ``timex_values.ANAPHORA``).

Compared: the Python date libraries ``dateparser`` (value F1 0.31-0.41 on
the TempEval-3 development data) and ``recognizers-text`` (0.57) find
dates but not TimeML values for relative, vague and duration expressions;
HeidelTime (Java) scores 0.731 but runs under one document per second from
Python. The figures of this module are in ``docs/BENCHMARKS.md``
(``bench/timex_bench.py``).

Limits: no event-anchored expressions ("two days after the vote" is only
the duration "two days"), no holidays beyond a short list, English only.
Timelines (:mod:`newsframe.timing.events`) use DATE values only, so a weekday
with a part of day (a TIME) is not an event date there, like "this morning".
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from .timex_patterns import RULE_START, patterns, timex_words, word_trie
from .timex_periods import ANAPHORA, resolve_anaphora
from .timex_values import TRIM_LEFT, coerce_anchor, timex_value

WINDOW_BEFORE, WINDOW_AFTER = 45, 70  # characters around a trigger word searched by the rules


TRIGGER_KINDS = ("month", "weekday", "unit", "season", "part_of_day", "reference", "set", "holiday")
MISC_TRIGGERS = ("today", "tonight", "yesterday", "tomorrow", "noon", "midday", "midnight", "ago", "fiscal", "season", "nineteen", "eighteen", "thousand",
                 "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
# which kinds of trigger word each rule needs (any of them) in its window
RULE_NEEDS = {
    "iso_date": {"digit"}, "numeric_date": {"digit"}, "time_24h": {"digit"}, "time_clock": {"digit"},
    "year": {"digit"}, "year_range": {"digit"}, "mod_year": {"digit"}, "decade": {"digit"}, "decade_words": {"misc"}, "fiscal_year": {"digit"},
    "month_day_year": {"month"}, "day_month_year": {"month"}, "month_year": {"month"}, "month_day": {"month"}, "week_of": {"month"},
    "day_month": {"month"}, "month": {"month"}, "weekday_month_day": {"month"}, "time_word": {"misc"}, "relative_day": {"misc"}, "ago": {"misc"}, "earlier": {"unit"}, "the_quarter": {"unit"}, "the_year": {"unit"}, "spoken_year": {"misc", "unit"}, "year_ago_adj": {"unit"},
    "relative_day_pod": {"part_of_day"}, "holiday": {"holiday", "unit"}, "the_weekend": {"unit"},
    "time_in_pod": {"part_of_day"}, "century": {"unit"}, "duration_vague": {"unit"},
    "duration_long": {"unit"}, "weekday": {"weekday"}, "mod_relative_period": {"unit", "season"},
    "relative_period": {"unit", "season"}, "relative_n_period": {"unit"}, "quarter": {"unit"},
    "season_year": {"season"}, "season": {"season"}, "set_every": {"unit", "weekday", "part_of_day", "season", "misc", "month"},
    "set_word": {"set"},
    "duration_hyphen": {"unit"}, "duration": {"unit"}, "duration_plural": {"unit"}, "reference": {"reference", "unit"},
}


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, str]:
    """Lower-case word -> kind, for the words without which no rule can match."""
    out = {}
    for kind in TRIGGER_KINDS:
        for w in timex_words()[kind]:
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
    return re.compile(r"\b(?=\w)(?:\d|[^\x00-\x7f]|(?i:" + word_trie(keys) + r")\b)")


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
    characters of a match of rule ``k`` (read off the rule by :func:`newsframe.reading.clean.regex_hints`), or
    None when unknown (the rule is then searched everywhere in its windows); ``scanner`` finds the places
    (after _B) where any of them fits, in one pass, instead of each rule trying every character."""
    from ..reading.line_rules import regex_hints

    starts, firsts = [], set()
    for _, pat in patterns():
        first, first2, _ = regex_hints(pat, strings=True) if pat.pattern.startswith(RULE_START) and \
            pat.flags == re.I | re.U else (None, None, ())
        if first is None or first2 is None:
            starts.append(None)
            continue
        starts.append(re.compile("(?:" + "|".join(sorted(first2)) + ")", re.I))
        firsts |= first
    # the scanner only looks at the first character; the first two pick the rules (by_key in _rule_starts)
    scanner = re.compile(RULE_START + "(?=" + "|".join(sorted(firsts)) + ")", re.I) if firsts else None
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
    a = coerce_anchor(anchor)
    found = []
    taken = bytearray(len(text) + 1)
    windows = _windows(text)
    starts = _start_plan()[1]
    rule_starts = _rule_starts(text, windows)
    for prio, (name, pat) in enumerate(patterns()):
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
                res = timex_value(name, m, a, text)
            except (ValueError, KeyError):
                res = None
            if res is None:
                continue
            span_text = m.group(0)
            if name in ("year", "duration_plural", "set_every") or name.startswith("duration"):
                trimmed = TRIM_LEFT.sub("", span_text) if name != "set_every" or not span_text.lower().startswith(("per", "a ")) else span_text
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
    _times_on_their_dates(found, text)
    if any(t["value"].startswith(ANAPHORA) for t in found):
        found = resolve_anaphora(found, a)
    return found


_DATE_THEN_TIME = re.compile(r"\s*,?\s*(?:at\s+|from\s+)?")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")


def _times_on_their_dates(found: list[dict], text: str) -> None:
    """A clock time right after a day ("Friday, Nov. 3 at 5 p.m.") is on that day, not on the anchor's."""
    for prev, t in zip(found, found[1:]):
        if t["type"] == "TIME" and t["rule"] in ("time_clock", "time_24h") and _DAY_VALUE.match(prev["value"]) \
                and _DATE_THEN_TIME.fullmatch(text, prev["end"], t["start"]) and "T" in t["value"]:
            t["value"] = prev["value"] + t["value"][t["value"].index("T"):]
