"""Dates on a page: every full date printed, the publication date among them, years inferred.

:func:`parse_dates` finds every full date of a text (day, month, year, in English and the languages of
``data/month_names.csv``; ``11/19/2019`` month first, ``19.11.2019`` day first, an ambiguous slash date
month first when a North American zone is on the line), with its clock time and zone (``17:10 IST``
-> ``+05:30``, zones from ``data/timezones.csv``). :func:`find_published` picks the publication date:
the one the date model of :mod:`newsframe.reading.page_fields` finds likeliest, or none when no date is
likely enough; ``published_source`` names the line and the model's probability. When the page gives
only month and day (``March 19 (ANI)``), :func:`infer_missing_years` infers the year and flags it: no
earlier than the latest year the text mentions, and nearest to the date of the most similar dated
article in the corpus (none when no dated article is similar: the year stays unknown).

Hand-written with regular expressions and ``python-dateutil``: date libraries such as dateparser find
dates in free text but do not know which date on a page is the publication date, which is a question
of page layout.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from datetime import timedelta, timezone
from functools import lru_cache

import pandas as pd

from .clean import column
from ..resources import read_table
from . import page_fields

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_NAME_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_TIME = r"(?:[\s,|@-]*(?:at\s+)?(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*\(?(?P<tz>[A-Z]{1,5})\)?(?![A-Za-z]))?)?"
# month names of other languages (data/month_names.csv), lower case -> month
FOREIGN_MONTHS = {r["name"].lower(): int(r["month"]) for r in read_table("month_names.csv")}
# any month name, any case: "NOVEMBER 20, 2019", "24 novembre 2017", "Maret 30, 2015"
_MON_ANY = r"(?i:" + MONTH_NAME_RE + "|" + "|".join(sorted(map(re.escape, FOREIGN_MONTHS), key=len, reverse=True)) + r")"
DATE_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mi>[0-5]\d)(?::\d\d)?(?P<off>Z|[+-]\d\d:?\d\d)?)?")),
    ("day_month_year", re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<mon>" + _MON_ANY + r")\s*,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b" + _TIME)),
    ("month_day_year", re.compile(r"\b(?P<mon>" + _MON_ANY + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s+(?P<y>(?:19|20)\d\d)\b" + _TIME)),
    # 04.05.2015 and 30/04/2015: day first; what that cannot read with a slash (11/19/2019, and 11/18/19
    # with a two-digit year): month first, as US pages print them
    ("numeric_dmy", re.compile(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b" + _TIME)),
    ("numeric_mdy", re.compile(r"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])" + _TIME)),
]
MONTH_DAY = re.compile(r"\b(?P<mon>" + MONTH_NAME_RE + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)")
DAY_MONTH = re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>" + MONTH_NAME_RE + r")\b(?!\s*,?\s*(?:19|20)\d\d)")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_US_ZONE = re.compile(r"(?<![A-Za-z])(?:[ECMP][SD]T|AK[SD]T|HST|ET|PT)(?![A-Za-z])")
_DIGIT = re.compile(r"\d")

# Lines of the header that may hold the publication date, by label.
HEADER_LABELS = {"headline", "meta", "teaser", "duplicate", "other", "ui", "navigation", "ad"}
HEADER_LINES_AFTER_BODY_START = 3  # date lines just inside the body start (e.g. a dateline) still count
MAX_BYLINE_CHARS = 80


# --------------------------------------------------------------------------- dateline
DATELINE_PATTERNS = [
    # Seoul [South Korea]March 19 (ANI): ...   /   NEW DELHI, March 3 (Reuters) - ...
    re.compile(r"^(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3})\s*(?:\[[^\]]{1,40}\])?\s*,?\s*(?P<date>" + MONTH_NAME_RE + r"\s+\d{1,2})?\s*\((?P<agency>[A-Za-z][\w .&-]{1,40})\)\s*[:\-–—_]"),
    # NAIROBI, Kenya (AP) _
    re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.]+(?: [A-Z][\w.]+)?)?)\s*\((?P<agency>[A-Za-z][\w .&-]{1,40})\)\s*[:\-–—_]"),
    # Seoul, April 14 Diplomats ...  /  TOKYO, June 2 -
    re.compile(r"^(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}),\s*(?P<date>" + MONTH_NAME_RE + r"\s+\d{1,2})\b\s*[:\-–—(]?"),
    # WASHINGTON - / SEOUL: (all-caps place)
    re.compile(r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3})\s*(?:[-–—:]|\(\w+\))\s"),
]


def find_dateline(body: str) -> dict:
    """The dateline that opens ``body``: ``{"dateline", "dateline_date", "dateline_agency", "end"}``."""
    first = body.split("\n", 1)[0][:200] if body else ""
    for pat in DATELINE_PATTERNS:
        m = pat.match(first)
        if m:
            g = m.groupdict()
            return {"dateline": g["place"].strip(), "dateline_date": g.get("date"),
                    "dateline_agency": (g.get("agency") or "").strip() or None, "end": m.end()}
    return {"dateline": None, "dateline_date": None, "dateline_agency": None, "end": 0}


# --------------------------------------------------------------------------- dates
@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {r["abbreviation"]: r["utc_offset"] for r in read_table("timezones.csv")}


def _tzinfo(abbr: str | None):
    off = _zones().get(abbr or "")
    if off is None:
        return None
    sign = -1 if off.startswith("-") else 1
    hh, mm = off.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hh), minutes=int(mm)), abbr)


def parse_dates(text: str) -> list[dict]:
    """Full dates (with a year) in ``text``, each with its timestamp and span.

    >>> [d["timestamp"].isoformat() for d in parse_dates("By IANS | Updated: April 14, 2023 17:10 IST")]
    ['2023-04-14T17:10:00+05:30']
    """
    found: list[dict] = []
    if _DIGIT.search(text) is None:   # every pattern needs a digit ...
        return found
    if "/" not in text and YEAR.search(text) is None:   # ... and all but numeric_mdy a four-digit year
        return found
    taken: list[tuple[int, int]] = []
    # a North American zone on the line ("6:20 AM PST 02/11/2020") makes an ambiguous slash date month first
    month_first = _US_ZONE.search(text) is not None
    for name, pat in DATE_PATTERNS:
        for m in pat.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if name == "numeric_dmy" and month_first and "/" in m.group(0):
                continue   # left to numeric_mdy
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else _month_number(g["mon"])
            year = int(g["y"])
            if year < 100:
                year += 2000
            try:
                ts = pd.Timestamp(year=year, month=month, day=int(g["d"]))
            except (ValueError, TypeError):
                continue
            has_time = bool(g.get("hh"))
            zone = None
            if has_time:
                hh = int(g["hh"])
                ampm = (g.get("ampm") or "").lower().replace(".", "")
                hh = hh + 12 if ampm == "pm" and hh < 12 else (0 if ampm == "am" and hh == 12 else hh)
                ts = ts.replace(hour=hh, minute=int(g["mi"]))
                if g.get("off"):
                    ts = ts.tz_localize(timezone.utc) if g["off"] == "Z" else pd.Timestamp(ts.isoformat() + g["off"][:3] + ":" + g["off"][-2:])
                    zone = g["off"]
                elif g.get("tz") and _tzinfo(g["tz"]) is not None:
                    ts = ts.tz_localize(_tzinfo(g["tz"]))
                    zone = g["tz"]
            end = m.end()
            text_found = text[m.start():end].strip(" ,|-")
            found.append({"timestamp": ts, "text": text_found, "start": m.start(), "end": end,
                          "has_time": has_time, "zone": zone, "pattern": name})
            taken.append((m.start(), end))
    return sorted(found, key=lambda d: d["start"])


def _month_number(name: str) -> int | None:
    """The month of an English or foreign month name (``Sept.``, ``novembre``, ``сентября``)."""
    low = name.lower().rstrip(".")
    return FOREIGN_MONTHS[low] if low in FOREIGN_MONTHS else MONTHS.get(low[:3])


def _month_day(text: str):
    for pat in (MONTH_DAY, DAY_MONTH):
        m = pat.search(text)
        if m:
            month = MONTHS.get(m.group("mon").lower().rstrip(".")[:3])
            day = int(m.group("d"))
            if month and 1 <= day <= 31:
                return month, day, m.group(0)
    return None


SHORT_DATE_LINE_WORDS = 8   # a header line this short that holds a month and day is a date line
_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$")
_CUE_BEFORE = re.compile(r"(?i)(?:publi\w*|posted|updated?|modified|created|date[d:]?)\s*(?:on|:)?\s*$")


def header_month_day(text: str):
    """``(month, day, text)`` of a header line that states its date without a year, else None. The
    month and day must be the line's date, not a date its sentence mentions: a short line (``March 19 |
    10:34``), a dateline (``Seoul, March 19 (ANI) -``), after a weekday (``an editorial on Thursday,
    Jan. 6:``) or a publication cue (``Updated March 19``). "... for the six months ended Oct. 1" and
    "... offer until Nov. 9" are not."""
    md = _month_day(text)
    if md is None:
        return None
    if len(text.split()) <= SHORT_DATE_LINE_WORDS:
        return md
    if find_dateline(text)["dateline_date"]:
        return md
    before = text[:text.find(md[2])]
    return md if _WEEKDAY_BEFORE.search(before) or _CUE_BEFORE.search(before) else None


def find_published(table: pd.DataFrame) -> dict:
    """The publication date of one page from its classified lines (see module doc)."""
    return published_from_lines(column(table, "label"), column(table, "text"))


def published_from_lines(labels: list, texts: list) -> dict:
    first_body = labels.index("body") if "body" in labels else len(labels)
    header = [i for i in range(min(len(labels), first_body + HEADER_LINES_AFTER_BODY_START))
              if labels[i] in HEADER_LABELS or i >= first_body]
    candidates = page_fields.date_candidates(labels, texts, parse_dates)
    found = page_fields.best("published", candidates, keys=page_fields.date_keys)
    if found is not None:
        p, (i0, best, _) = found
        day = best["timestamp"].date()
        for _, d, _ in candidates:   # the same day printed with a clock time or a zone says more
            if d["timestamp"].date() == day and (d["has_time"] and not best["has_time"] or d["zone"] and not best["zone"]):
                best = d
        return {"published": best["timestamp"], "published_text": best["text"], "published_inferred": False,
                "published_source": f"line {i0 + 1} ({best['pattern']}; model p={p:.2f})"}
    # month and day only: dateline or header; the year is inferred later from the corpus
    for i in header:
        md = header_month_day(texts[i][:120])
        if md:
            return {"published": None, "published_text": md[2], "published_inferred": True,
                    "published_source": f"line {i + 1} (month and day only)", "_month_day": md[:2]}
    return {"published": None, "published_text": None, "published_inferred": False, "published_source": None}


def published_from_manifest(value: str) -> dict:
    """Fields for a publication date given in the manifest's ``published`` column."""
    try:
        ts = pd.Timestamp(value)
    except ValueError:
        return {}
    return {"published": ts, "published_text": value, "published_inferred": False,
            "published_source": "manifest"}


def _years_mentioned(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text or "")]


def _content_vector(text: str) -> Counter:
    from ..text import content_words

    return Counter(content_words(text or ""))


def _cosine(a: Counter, b: Counter) -> float:
    num = sum(v * b.get(k, 0) for k, v in a.items())
    den = (sum(v * v for v in a.values()) ** 0.5) * (sum(v * v for v in b.values()) ** 0.5)
    return num / den if den else 0.0


def _most_similar_dated(articles: pd.DataFrame, need: list[bool], dated: pd.DataFrame,
                        block: int = 256) -> dict:
    """For each article that needs a year: ``(most similar dated article row, cosine)``.

    The same choice as comparing with :func:`_cosine` one pair at a time (the
    first dated article with the highest similarity above 0), computed with
    integer sparse matrix products in blocks, so the dot products are exact
    and a large corpus needs neither a Python loop per pair nor a dense
    matrix of all pairs.
    """
    import numpy as np
    from scipy import sparse

    rows = [r for r, n in zip(articles.itertuples(), need) if n]
    dated_rows = list(dated.itertuples())
    if not rows or not dated_rows:
        return {}
    # term counts of both sides as one sparse matrix: terms numbered in order of first use
    # (pandas.factorize), counts and norms summed with NumPy, not term by term
    vecs = [_content_vector(r.body) for r in rows + dated_rows]
    lengths = np.fromiter(map(len, vecs), dtype=np.int64, count=len(vecs))
    terms, vocab = pd.factorize(pd.Series(list(chain.from_iterable(vecs)), dtype=object), sort=False)
    data = np.fromiter(chain.from_iterable(v.values() for v in vecs), dtype=np.int64, count=int(lengths.sum()))
    ptr = np.concatenate([[0], np.cumsum(lengths)])
    squares = np.bincount(np.repeat(np.arange(len(vecs)), lengths), weights=data * data, minlength=len(vecs))
    norms = np.array([int(x) ** 0.5 for x in squares])   # (exact integer sums below 2**53; the same float as before)
    both = sparse.csr_matrix((data, terms, ptr), shape=(len(vecs), len(vocab)))
    a, b = both[:len(rows)], both[len(rows):]
    norm_a, norm_b = norms[:len(rows)], norms[len(rows):]
    out = {}
    for start in range(0, len(rows), block):
        num = (a[start:start + block] @ b.T).toarray()  # exact integer dot products
        den = norm_a[start:start + block, None] * norm_b[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            sims = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
        for i, row_sims in enumerate(sims):
            j = int(np.argmax(row_sims))  # first of the highest, as a strict '>' scan keeps
            if row_sims[j] > 0:
                out[rows[start + i].id] = (dated_rows[j], float(row_sims[j]))
    return out


YEAR_MIN_SIMILARITY = 0.2   # cosine a dated article needs to lend its year (0.08 lent 2013 to a 2019 concert story)
CORPUS_PERIOD_DAYS = 366    # a corpus whose middle half of dated articles spans less than this has one period


def _naive(value) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize(None) if ts.tzinfo else ts


def corpus_period(published) -> pd.Timestamp | None:
    """The median publication day of a corpus whose dated articles mostly fall in one period (the
    middle half within :data:`CORPUS_PERIOD_DAYS`), else None: a corpus about one story lends its
    year to a page that prints only month and day; a corpus of many years does not."""
    days = pd.Series([_naive(p) for p in published if p is not None and not pd.isna(p)], dtype="datetime64[ns]")
    if len(days) < 3:
        return None
    low, mid, high = days.quantile([0.25, 0.5, 0.75])
    return mid.normalize() if (high - low).days < CORPUS_PERIOD_DAYS else None


def infer_missing_years(articles: pd.DataFrame) -> pd.DataFrame:
    """Fill in ``published`` for articles whose page gives only month and day.

    The year must be at least the latest year the article mentions (a story
    does not cite years after its own), counting only years up to the latest
    year of the corpus's dated articles (a later year is a plan, "by 2030", or
    a number that looks like a year). Among such years, the one that puts
    the date nearest to the publication date of the most similar dated article
    in the corpus (cosine over content words, at least :data:`YEAR_MIN_SIMILARITY`)
    is taken, else (a corpus of one period, :func:`corpus_period`) the one nearest to the
    corpus's median date; a year the text mentions after the reference's is a plan, no floor.
    Without either the year stays unknown (``published`` empty, ``published_source``
    says so): the latest year the text mentions is only a floor, and a guess
    from it was wrong on every newswire text tried. ``published_inferred`` stays
    True and ``published_source`` says how the year was chosen. Returns a
    copy without the helper column ``_month_day``.
    """
    if "_month_day" not in articles.columns:
        return articles
    articles = articles.copy()
    dated = articles[articles["published"].notna()]
    need = [isinstance(md, tuple) and (pub is None or pd.isna(pub))
            for md, pub in zip(articles["_month_day"], articles["published"])]
    if not any(need):
        return articles.drop(columns=["_month_day"])
    best_of = _most_similar_dated(articles, need, dated)
    # years after the corpus's latest dated article are plans or stray numbers, not a floor
    cap = max((pd.Timestamp(p).year for p in dated["published"]), default=None)
    period = corpus_period(dated["published"])
    for idx, needed, (month_day, body, aid, source) in zip(
            articles.index, need, articles[["_month_day", "body", "id", "published_source"]].itertuples(index=False)):
        if not needed:
            continue
        month, day = month_day
        mentioned = [y for y in _years_mentioned(body) if cap is None or y <= cap]
        best, best_sim = best_of.get(aid, (None, 0.0))
        if best is not None and best_sim >= YEAR_MIN_SIMILARITY:
            ref = _naive(best.published)
            how = f"year inferred from the most similar dated article ({best.id}, similarity {best_sim:.2f})"
        elif period is not None:
            ref = period
            how = f"year inferred from the corpus's period (half its dated articles within a year of {period:%Y-%m-%d})"
        else:   # the latest year the text mentions is only a floor: a story of 1999 recalls 1997
            articles.at[idx, "published_source"] = f"{source}; year unknown (no similar dated article)"
            continue
        # a year after the reference's is a plan ("2020 will be about ..." in a 2019 review), no floor
        floor = max([y for y in mentioned if y <= ref.year] or [0])
        choices = []
        for y in [y for y in range(ref.year - 1, ref.year + 2) if y >= floor] or [floor]:
            try:
                choices.append(pd.Timestamp(year=y, month=month, day=day))
            except ValueError:
                pass
        if not choices:
            continue
        ts = min(choices, key=lambda t: abs(t - ref))
        articles.at[idx, "published"] = ts
        articles.at[idx, "published_source"] = f"{source}; {how}"
    return articles.drop(columns=["_month_day"])
