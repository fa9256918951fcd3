"""Article metadata from a classified page: headline, dates, dateline, byline, credits.

The cleaner (:mod:`newsframe.reading.clean`) labels each line; this module reads the
fields a reader expects from the lines it labelled ``headline`` and ``meta``
and from the start of the body:

* **published**: of every full date printed on the page (day, month, year, in
  English and the languages of ``data/month_names.csv``; ``11/19/2019`` month
  first, ``19.11.2019`` day first), the one the date model of
  :mod:`newsframe.reading.page_fields` finds likeliest (its place above the article, a
  "Published" or "Updated" cue, a clock time, the same day printed again ...),
  or none when no date is likely enough; refined by a date of the same day
  that carries a clock time and a zone (``17:10 IST`` -> ``+05:30``, zones from
  ``data/timezones.csv``). ``published_source`` names the line and the
  model's probability.
  When the page gives only month and day (``March 19 (ANI)``), the year is
  *inferred* and flagged: no earlier than the latest year the text mentions,
  and nearest to the date of the most similar dated article in the corpus
  (:func:`infer_missing_years`).
* **dateline**: the place that opens the story (``Seoul, April 14 ...``,
  ``Seoul [South Korea]March 19 (ANI): ...``, ``NAIROBI, Kenya (AP) _``).
* **byline**: ``By ...`` in a meta line, up to a ``|`` separator.
* **outlet** (:func:`guess_outlet`, when no manifest or input metadata names
  it): the masthead the page shows, chosen by the outlet model among the names
  that site-name patterns find; else the host of a ``url``; else empty.
* **credited sources** (:func:`find_credits`): wire agencies and other outlets
  the text credits, from the byline (``By IANS``), ``Source:`` lines, the
  dateline (``(ANI)``) and phrases in the body (``AFP reported``, ``according
  to CNN``, ``Yonhap News Agency reported``, ``the Japan Times reported``).
  Names come from ``data/agencies.csv``; unknown names count when they end in
  a word of ``data/outlet_words.txt`` (``Times``, ``News``, ``Agency`` ...).

Hand-written with regular expressions and ``python-dateutil``: date
libraries such as dateparser find dates in free text but do not know which
date on a page is the publication date, which is a question of page layout.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from datetime import timedelta, timezone
from functools import lru_cache

import pandas as pd

from .clean import TITLE_PART_REASON, column, function_words
from . import page_fields
from .page_fields import split_title
from ..resources import read_lines, read_table

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_TIME = r"(?:[\s,|@-]*(?:at\s+)?(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*\(?(?P<tz>[A-Z]{1,5})\)?(?![A-Za-z]))?)?"
# month names of other languages (data/month_names.csv), lower case -> month
FOREIGN_MONTHS = {r["name"].lower(): int(r["month"]) for r in read_table("month_names.csv")}
# any month name, any case: "NOVEMBER 20, 2019", "24 novembre 2017", "Maret 30, 2015"
_MON_ANY = r"(?i:" + _MON + "|" + "|".join(sorted(map(re.escape, FOREIGN_MONTHS), key=len, reverse=True)) + r")"
DATE_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mi>[0-5]\d)(?::\d\d)?(?P<off>Z|[+-]\d\d:?\d\d)?)?")),
    ("day_month_year", re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<mon>" + _MON_ANY + r")\s*,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b" + _TIME)),
    ("month_day_year", re.compile(r"\b(?P<mon>" + _MON_ANY + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s+(?P<y>(?:19|20)\d\d)\b" + _TIME)),
    # 04.05.2015 and 30/04/2015: day first; what that cannot read with a slash (11/19/2019, and 11/18/19
    # with a two-digit year): month first, as US pages print them
    ("numeric_dmy", re.compile(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b" + _TIME)),
    ("numeric_mdy", re.compile(r"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])" + _TIME)),
]
MONTH_DAY = re.compile(r"\b(?P<mon>" + _MON + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)")
DAY_MONTH = re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>" + _MON + r")\b(?!\s*,?\s*(?:19|20)\d\d)")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_US_ZONE = re.compile(r"(?<![A-Za-z])(?:[ECMP][SD]T|AK[SD]T|HST|ET|PT)(?![A-Za-z])")
_DIGIT = re.compile(r"\d")

# Lines of the header that may hold the publication date, by label.
HEADER_LABELS = {"headline", "meta", "teaser", "duplicate", "other", "ui", "navigation", "ad"}
HEADER_LINES_AFTER_BODY_START = 3  # date lines just inside the body start (e.g. a dateline) still count
MAX_BYLINE_CHARS = 80


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


def find_published(table: pd.DataFrame) -> dict:
    """The publication date of one page from its classified lines (see module doc)."""
    return _find_published(column(table, "label"), column(table, "text"))


def _find_published(labels: list, texts: list) -> dict:
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
        md = _month_day(texts[i][:120])
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


def infer_missing_years(articles: pd.DataFrame) -> pd.DataFrame:
    """Fill in ``published`` for articles whose page gives only month and day.

    The year must be at least the latest year the article mentions (a story
    does not cite years after its own), counting only years up to the latest
    year of the corpus's dated articles (a later year is a plan, "by 2030", or
    a number that looks like a year). Among such years, the one that puts
    the date nearest to the publication date of the most similar dated article
    in the corpus (cosine over content words) is taken; without a similar
    dated article, the earliest allowed year. ``published_inferred`` stays
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
    for idx, needed, (month_day, body, aid, source) in zip(
            articles.index, need, articles[["_month_day", "body", "id", "published_source"]].itertuples(index=False)):
        if not needed:
            continue
        month, day = month_day
        floor = max([y for y in _years_mentioned(body) if cap is None or y <= cap] or [0])
        best, best_sim = best_of.get(aid, (None, 0.0))
        if best is not None and best_sim > 0:
            ref = pd.Timestamp(best.published).tz_localize(None) if pd.Timestamp(best.published).tzinfo else pd.Timestamp(best.published)
            years = [y for y in range(ref.year - 1, ref.year + 2) if y >= floor] or [floor]
            choices = []
            for y in years:
                try:
                    choices.append(pd.Timestamp(year=y, month=month, day=day))
                except ValueError:
                    pass
            if not choices:
                continue
            ts = min(choices, key=lambda t: abs(t - ref))
            how = f"year inferred from the most similar dated article ({best.id}, similarity {best_sim:.2f})"
        elif floor:
            try:
                ts = pd.Timestamp(year=floor, month=month, day=day)
            except ValueError:
                continue
            how = "year inferred as the latest year the text mentions"
        else:
            continue
        articles.at[idx, "published"] = ts
        articles.at[idx, "published_source"] = f"{source}; {how}"
    return articles.drop(columns=["_month_day"])


# --------------------------------------------------------------------------- dateline, byline
DATELINE_PATTERNS = [
    # Seoul [South Korea]March 19 (ANI): ...   /   NEW DELHI, March 3 (Reuters) - ...
    re.compile(r"^(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3})\s*(?:\[[^\]]{1,40}\])?\s*,?\s*(?P<date>" + _MON + r"\s+\d{1,2})?\s*\((?P<agency>[A-Za-z][\w .&-]{1,40})\)\s*[:\-–—_]"),
    # NAIROBI, Kenya (AP) _
    re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.]+(?: [A-Z][\w.]+)?)?)\s*\((?P<agency>[A-Za-z][\w .&-]{1,40})\)\s*[:\-–—_]"),
    # Seoul, April 14 Diplomats ...  /  TOKYO, June 2 -
    re.compile(r"^(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}),\s*(?P<date>" + _MON + r"\s+\d{1,2})\b\s*[:\-–—(]?"),
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


BYLINE = re.compile(r"^\s*(?:[•*·-]\s*)?By[:\s]\s*(?P<name>[^|•\n]{2,%d}?)\s*(?:\||•|$|\bUpdated\b|\bPublished\b)" % MAX_BYLINE_CHARS)


def find_byline(table: pd.DataFrame) -> str | None:
    """Text after ``By`` in the first line labelled meta/headline/teaser that starts with it."""
    return _find_byline(column(table, "label"), column(table, "text"))


_BYLINE_LABELS = frozenset({"meta", "other", "teaser", "ui"})


def _find_byline(labels: list, texts: list) -> str | None:
    match = BYLINE.match
    for lab, text in zip(labels, texts):
        if lab in _BYLINE_LABELS:
            m = match(text)
            if m:
                return m.group("name").strip(" ,;:")
    return None


# --------------------------------------------------------------------------- credits
@lru_cache(maxsize=1)
def _agency_index() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    index: dict[str, tuple[str, str]] = {}
    for row in read_table("agencies.csv"):
        names = [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]
        for n in names:
            index[n] = (row["name"], row.get("kind") or "outlet")
    alts = sorted(index, key=len, reverse=True)
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
    return index, pat


@lru_cache(maxsize=1)
def _outlet_name_pattern() -> str:
    words = "|".join(re.escape(w) for w in read_lines("outlet_words.txt"))
    cap = r"[A-Z][\w'’.&-]*"
    return r"(?:the\s+)?(?P<name>(?:" + cap + r"\s+){0,4}(?:" + words + r")(?:\s+Agency)?)"


@lru_cache(maxsize=1)
def _credit_patterns() -> list[tuple[str, re.Pattern]]:
    # (_credit_plan says where a match of each of these can start: change it with them)
    index, known = _agency_index()
    name = r"(?:the\s+)?(?P<name>" + known.pattern + r")"
    generic = _outlet_name_pattern()
    pats = []
    for nm, n in (("known", name), ("outlet_word", generic)):
        pats += [
            (f"according to ({nm})", re.compile(r"\b[Aa]ccording to\s+(?:a\s+|an\s+|the\s+)?(?:report\s+(?:by|from|in)\s+)?" + n)),
            (f"X reported ({nm})", re.compile(n + r"(?:'s?\s+\w+)?\s+(?:reported|reports|said in a report|quoted|cited|was quoted)")),
            (f"reported by X ({nm})", re.compile(r"\b(?:reported|quoted|cited)\s+by\s+" + n)),
            (f"citing X ({nm})", re.compile(r"\b[Cc]iting\s+" + n)),
            (f"told X ({nm})", re.compile(r"\btold\s+" + n)),
            (f"X report ({nm})", re.compile(r"\b(?:a|an)\s+" + n + r"\s+report\b")),
        ]
    return pats


def canonical_source(name: str) -> tuple[str, str]:
    """Canonical name and kind (wire/outlet) of a credited source name."""
    index, _ = _agency_index()
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    for cand in (name, "The " + name):
        if cand in index:
            return index[cand]
    return name, "outlet"


# Where a match of each credit pattern can start, so that the patterns are tried there only instead of
# at every character of the text (the answers are those of ``pattern.finditer``):
# ("after", words, back): ``back`` characters before an occurrence of one of the words ("ccording to");
# ("before", words, tokens, starts): at a character of ``starts`` among the ``tokens`` whitespace-separated
# tokens before an occurrence of one of the words ("reported" for "X reported").
_CREDIT_VERBS = ("reported", "reports", "said in a report", "quoted", "cited", "was quoted")


@lru_cache(maxsize=1)
def _credit_plan() -> tuple[tuple[str, re.Pattern, tuple], ...]:
    index, _ = _agency_index()
    words = read_lines("outlet_words.txt")
    # tokens a name can have: a known name; up to four capitalised words, an outlet word and "Agency"
    known_tokens = max((len(n.split()) for n in index), default=1)
    generic_tokens = 4 + max((len(w.split()) for w in words), default=1) + 1

    def starts(chars, upper=False):
        return re.compile("[" + ("A-Z" if upper else "") + "".join(re.escape(c) for c in sorted(chars)) + "]")

    known_start = starts({"t"} | {n[0] for n in index if n})
    generic_start = starts({"t"} | {w[0] for w in words if w}, upper=True)
    where = {
        "according to": ("after", ("ccording to",), 1),
        "reported by X": ("after", ("reported", "quoted", "cited"), 0),
        "citing X": ("after", ("iting",), 1),
        "told X": ("after", ("told",), 0),
    }
    plan = []
    for pname, pat in _credit_patterns():
        kind, nm = pname.rsplit(" (", 1)
        generic = nm.startswith("outlet_word")
        name_tokens = generic_tokens if generic else known_tokens
        if kind in where:
            w = where[kind]
        elif kind == "X reported":   # [the] NAME ['s WORD] VERB
            w = ("before", _CREDIT_VERBS, 1 + name_tokens + 1 + 1, generic_start if generic else known_start)
        elif kind == "X report":     # a|an [the] NAME report
            w = ("before", ("report",), 1 + 1 + name_tokens + 1, re.compile("a"))
        else:
            w = None
        plan.append((pname, pat, w))
    return tuple(plan)


@lru_cache(maxsize=None)
def _tokens_back_re(n: int) -> re.Pattern:
    return re.compile(r"(?:\s*\S+){0,%d}" % n)


def _tokens_back(text: str, end: int, n: int) -> int:
    """Start of the ``n``-th whitespace-separated token before ``end`` (a token cut by ``end`` counts);
    0 when there are fewer."""
    pat = _tokens_back_re(n)
    width = 256
    while True:
        lo = max(0, end - width)
        rev = text[lo:end][::-1]
        got = pat.match(rev).end()
        if lo == 0 or got < len(rev) and not rev[got:].isspace():
            return end - got
        width *= 4


def _occurrences(text: str, words, seen: dict) -> list[int]:
    """Where the words occur in ``text`` (overlapping ones too); ``seen`` keeps each word's places."""
    out = []
    for w in words:
        places = seen.get(w)
        if places is None:
            places = seen[w] = []
            i = text.find(w)
            while i >= 0:
                places.append(i)
                i = text.find(w, i + 1)
        out += places
    return out


def _credit_matches(text: str, pat: re.Pattern, where, seen: dict):
    """``pat.finditer(text)``, trying ``pat`` only where a match can start (see :func:`_credit_plan`)."""
    if where is None:
        yield from pat.finditer(text)
        return
    if where[0] == "after":
        _, words, back = where
        cands = sorted({i - back for i in _occurrences(text, words, seen) if i >= back})
    else:
        _, words, tokens, start = where
        cands = set()
        for v in _occurrences(text, words, seen):
            if v and text[v - 1].isspace():   # the word follows whitespace in every match
                cands.update(m.start() for m in start.finditer(text, _tokens_back(text, v, tokens), v))
        cands = sorted(cands)
    end = 0
    match = pat.match
    for p in cands:
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            end = m.end()


def find_credits(text: str, *, where: str = "body") -> list[dict]:
    """Credits to agencies and outlets in ``text``.

    Returns dicts ``name`` (canonical), ``kind`` (wire/outlet), ``where``
    (given by the caller: body, byline, dateline, source line), ``start``,
    ``end`` (span of the name), ``evidence`` (the matched phrase) and
    ``pattern`` (which phrase family matched).
    """
    out: list[dict] = []
    seen: set[tuple[int, int]] = set()
    places: dict[str, list[int]] = {}
    for pname, pat, starts in _credit_plan():
        for m in _credit_matches(text, pat, starts, places):
            s, e = m.span("name")
            if any(s < e2 and s2 < e for s2, e2 in seen):
                continue
            raw = m.group("name")
            canon, kind = canonical_source(raw)
            seen.add((s, e))
            out.append({"name": canon, "kind": kind, "where": where, "start": s, "end": e,
                        "evidence": m.group(0).strip(), "pattern": pname})
    return sorted(out, key=lambda d: d["start"])


def _credits_in_name(text: str, where: str) -> list[dict]:
    """Known agency names inside a byline or source line (``IANS``, ``Agencies``)."""
    _, known = _agency_index()
    found = [{"name": canonical_source(m.group(0))[0], "kind": canonical_source(m.group(0))[1], "where": where,
              "start": m.start(), "end": m.end(), "evidence": text, "pattern": where}
             for m in known.finditer(text)]
    if not found and re.fullmatch(r"(?:News\s+)?[Aa]gencies", text.strip()):
        found.append({"name": "Agencies (unnamed)", "kind": "wire", "where": where, "start": 0,
                      "end": len(text), "evidence": text, "pattern": where})
    return found


SOURCE_LINE = re.compile(r"^\s*(?:[•*·-]\s*)?(?:Source|Sources|Courtesy|With inputs from|Inputs from)\s*[:|-]\s*(?P<name>.{2,60})$", re.I)


def article_credits(table: pd.DataFrame, body: str) -> list[dict]:
    """All credits of one article: byline, source lines, dateline and body phrases."""
    labels, texts = column(table, "label"), column(table, "text")
    return _article_credits(labels, texts, body, _find_byline(labels, texts), find_dateline(body))


_SOURCE_LINE_LABELS = frozenset({"meta", "other", "ui"})


def _article_credits(labels: list, texts: list, body: str, byline: str | None, dl: dict) -> list[dict]:
    credits: list[dict] = []
    if byline:
        credits += _credits_in_name(byline, "byline")
    for lab, text in zip(labels, texts):
        if lab in _SOURCE_LINE_LABELS:
            m = SOURCE_LINE.match(text)
            if m:
                credits += _credits_in_name(m.group("name"), "source line")
    if dl["dateline_agency"]:
        canon, kind = canonical_source(dl["dateline_agency"])
        credits.append({"name": canon, "kind": kind, "where": "dateline", "start": 0, "end": dl["end"],
                        "evidence": body[:dl["end"]], "pattern": "dateline (AGENCY)"})
    credits += find_credits(body, where="body")
    return credits


def credited_sources(credits: list[dict]) -> list[str]:
    """Distinct credited names in order of first appearance."""
    return list(dict.fromkeys(c["name"] for c in credits))


# --------------------------------------------------------------------------- headline, outlet
def find_headline(table: pd.DataFrame) -> str | None:
    """The line the cleaner labelled ``headline`` (None when the dump has none)."""
    return _find_headline(column(table, "label"), column(table, "text"), column(table, "reason"))


def _find_headline(labels: list, texts: list, reasons: list | None = None) -> str | None:
    if "headline" not in labels:
        return None
    i = labels.index("headline")
    text = texts[i].strip()
    if reasons is not None and (reasons[i] or "").startswith(TITLE_PART_REASON):
        text = split_title(text) or text
    return text


def outlet_candidates(lines: list[str]) -> list[tuple]:
    """Candidate outlet names of a raw page (:func:`newsframe.reading.page_fields.outlet_candidates`)."""
    index, _ = _agency_index()
    return page_fields.outlet_candidates(
        lines, outlet_words=frozenset(read_lines("outlet_words.txt")),
        wires=frozenset(n for n, (_, kind) in index.items() if kind == "wire"), fw=function_words())


def guess_outlet(lines: list[str], *, url: str = "") -> str:
    """The outlet a page names itself by, or "" when nothing identifies it.

    The candidates of :func:`outlet_candidates` (a ``Headline | Site`` title, a copyright line, a
    name in header and footer, ``Follow X`` menus, the site's domain, ``(Yonhap)`` credits ...) are
    scored by the model of :mod:`newsframe.reading.page_fields`; candidates naming the same outlet pool
    their probability. With no answer and a ``url``, the url's host (without ``www.``) is the outlet.
    """
    found = page_fields.best("outlet", outlet_candidates(lines), keys=page_fields.outlet_keys)
    if found is not None:
        return found[1][1]
    if url:
        from urllib.parse import urlparse

        host = urlparse(url if "//" in url else "//" + url).netloc.lower()
        return host[4:] if host.startswith("www.") else host
    return ""


# --------------------------------------------------------------------------- all fields
def extract_metadata(table, body: str, *, outlet: str = "") -> dict:
    """All metadata fields of one article from its line table (a DataFrame or the
    columns of :func:`newsframe.reading.clean.classify_columns`) and body.

    Credits to the article's own ``outlet`` (``By Al Mayadeen English`` on
    Al Mayadeen's site) are not credits to another source and are left out.
    """
    labels, texts = column(table, "label"), column(table, "text")   # the columns once, as lists
    info = _find_published(labels, texts)
    dl = find_dateline(body)
    byline = _find_byline(labels, texts)
    own = canonical_source(outlet)[0] if outlet else None
    credits = [c for c in _article_credits(labels, texts, body, byline, dl) if c["name"] != own]
    info.update({
        "headline": _find_headline(labels, texts, column(table, "reason")),
        "dateline": dl["dateline"],
        "byline": byline,
        "credited_sources": credited_sources(credits),
    })
    return info
