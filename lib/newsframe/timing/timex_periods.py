"""Calendar periods and anaphoric times of the time-expression tagger.

:func:`period_value` gives the TIMEX3 value of a calendar period at an offset from a date ("last month"
in a story of 2023-04-14 is ``2023-03``; "next quarter" ``2023-Q3``). Some expressions take their time
not from the publication date but from the time the story is talking about - TimeML's *anchor time*:
"the following decade", "that same day", "a year earlier", "the latest quarter". The value rules
(:mod:`newsframe.timing.timex_values`) write a marker (:data:`ANAPHORA`) for them and
:func:`resolve_anaphora` fills it in once every expression of the text is known, from the nearest
earlier date precise enough for it; a figure "a year earlier" or "a year ago" right after a quarter
("profit in the third quarter rose from a year earlier") is that quarter a year before, as business
news and the TimeBank annotations mean it.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import partial

from dateutil.relativedelta import relativedelta

from .timex_patterns import timex_words


# week numbers in two digits, as ISO 8601 (which TimeML's values follow), the TimeBank annotations and
# HeidelTime write them (2000-W07); False: without the zero, as the AQUAINT annotations (2000-W7)
ISO_WEEKS = True


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}" if ISO_WEEKS else f"{y}-W{w}"


def season_code(word: str) -> str:
    return timex_words()["season"][word.lower()]


def period_value(anchor: dt.date, unit: str, offset: int) -> str | None:
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=offset))
    if unit == "weekend":
        return iso_week(anchor + dt.timedelta(weeks=offset)) + "-WE"
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
        code = season_code(unit)
        return f"{anchor.year + offset}-{code}"
    return None



# Anaphoric periods ("the following decade", "the previous year", "that day") are relative to the time the
# story is talking about, not to the anchor: TimeML gives them the value worked out from that time (their
# anchorTimeID). Their value is the offset from the nearest date found before them in the text that is at
# least as precise as the unit ("in the 1990s ... the following decade" -> 200). Without such a date,
# "that year" / "the previous year" fall back to the anchor (most often what they mean in news) and
# "the following ..." / "that day" are left out (their time is not in the text).
ANAPHORA = "\x00anaphora:"
ANAPHORIC_REL = {"following": 1, "the following": 1, "previous": -1, "the previous": -1, "that": 0, "same": 0,
                  "the same": 0, "that same": 0}
ANCHOR_FALLBACK = frozenset({"previous", "the previous", "that", "same", "the same", "that same"})
ANAPHORIC_UNITS = frozenset({"day", "week", "month", "quarter", "year", "decade", "century"})
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
        return iso_week(day + dt.timedelta(weeks=off)) if unit == "week" else (day + dt.timedelta(days=off)).isoformat()
    return None


QUARTER_LOOKBACK = 5   # "a year ago" looks for a quarter among this many dates before it
# anaphora markers that look for a quarter first: "shift" ("a year earlier"), "quarter" ("a year ago"),
# "latest" ("the latest quarter": else the last whole quarter), "current", "quarter_only" ("the quarter")
_QUARTER_FALLBACKS = frozenset({"shift", "quarter", "latest", "current", "quarter_only"})


def _shifted_quarter(unit: str, off: int, ref: str) -> str | None:
    """``ref`` a quarter (``1989-Q3``): that quarter shifted by ``off`` years or quarters, else None
    ("a year earlier" right after "the third quarter" is the third quarter of the year before)."""
    m = _DATE_PARTS.match(ref)
    if not m or not m.group("q") or len(m.group("y")) != 4 or unit not in ("year", "quarter"):
        return None
    q = int(m.group("y")) * 4 + int(m.group("q")) - 1 + (4 * off if unit == "year" else off)
    return f"{q // 4}-Q{q % 4 + 1}"


def _ahead_of(ref: str, anchor: dt.date) -> bool:
    """``ref`` (a date value) is not behind the story: a later year, or a quarter of its year not yet over
    (a story reports on quarters that have ended; the quarter it is written in is still a forecast)."""
    m = _DATE_PARTS.match(ref)
    if not m or len(m.group("y")) != 4:
        return False
    year = int(m.group("y"))
    if year != anchor.year:
        return year > anchor.year
    return bool(m.group("q")) and int(m.group("q")) * 3 >= anchor.month


def _nearest(value_of, refs: list[str]) -> str | None:
    """The value worked out from the nearest (last) reference that gives one."""
    return next((v for v in map(value_of, reversed(refs)) if v is not None), None)


def resolve_anaphora(found: list[dict], anchor: dt.date) -> list[dict]:
    """Values for the anaphoric periods of ``found`` (in text order): see ANAPHORA."""
    out, refs = [], []
    for t in found:
        v = t["value"]
        if v.startswith(ANAPHORA):
            unit, off, fallback = v[len(ANAPHORA):].split(":")
            off = int(off)
            value = None
            # the period a story reports on ("the full year", "the year-ago period") is never a target
            # ahead of the story ("by 1992", "through the third quarter of 1990")
            reported = [r for r in refs if not _ahead_of(r, anchor)]
            if fallback in _QUARTER_FALLBACKS:
                value = _nearest(partial(_shifted_quarter, unit, off), reported[-QUARTER_LOOKBACK:])
            if value is None and fallback in ("shift", "keep", "drop"):
                value = _nearest(partial(_anaphora_value, unit, off), reported if fallback == "keep" else refs)
            if value is None and (fallback in ("shift", "quarter", "latest", "current")
                                  or fallback == "keep" and unit != "day"):
                value = period_value(anchor, unit, off - (fallback == "latest"))
            if value is None:
                continue
            t["value"] = v = value
            if fallback in _QUARTER_FALLBACKS:   # a shifted time is no reference for the next one
                out.append(t)
                continue
        if t["type"] in ("DATE", "TIME") and v[:1].isdigit():
            refs.append(v)
            del refs[:-8]
        out.append(t)
    return out
