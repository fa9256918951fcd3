"""Article metadata from a classified page: headline, dates, dateline, byline, credits.

The cleaner (:mod:`newsframe.reading.clean`) labels each line; this module reads the
fields a reader expects from the lines it labelled ``headline`` and ``meta``
and from the start of the body:

* **published**: the page's own date, read by :mod:`newsframe.reading.dates` (every full date
  printed, the likeliest one by the date model of :mod:`newsframe.reading.page_fields`, its zone,
  a year inferred and flagged when the page gives only month and day).
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
from functools import lru_cache

import pandas as pd

from ..resources import read_lines, read_table
from . import outlet_fields, page_fields
from .clean import TITLE_PART_REASON, column, function_words
from .dates import MAX_BYLINE_CHARS, published_from_lines
from .page_fields import split_title
# public names of the module split off, importable from here as before
from .dates import (MONTHS, FOREIGN_MONTHS, DATE_PATTERNS, MONTH_DAY, DAY_MONTH, YEAR, HEADER_LABELS,
    HEADER_LINES_AFTER_BODY_START, DATELINE_PATTERNS, find_dateline, parse_dates, find_published,
    published_from_manifest, infer_missing_years)  # noqa: F401


# --------------------------------------------------------------------------- dateline, byline
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
    """Candidate outlet names of a raw page (:func:`newsframe.reading.outlet_fields.outlet_candidates`)."""
    index, _ = _agency_index()
    return outlet_fields.outlet_candidates(
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
    info = published_from_lines(labels, texts)
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
