"""Outlet candidates of a page: the masthead names a reader would see, for the outlet model.

Without a manifest the outlet must be read off the page. :func:`outlet_candidates` collects the names
that site-name patterns find: a ``Headline | Site`` suffix, the brand in a copyright line (not the
owning company: ``Hearst Communications`` is no masthead), a short line in both the header and the
footer, an outlet's credit on its own story (``(Yonhap)``, ``Photo : KBS News``), the host of a
``url``; never UI words or bylines. Each gets the features of :data:`OUTLET_FEATURES`, which the
model of :mod:`newsframe.reading.page_fields` weighs.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from functools import lru_cache

from .page_fields import BULLET_RE, TITLE_SEPARATOR, UI_WORDS, WORD_RE, compact


# --------------------------------------------------------------------------- outlet
OUTLET_SOURCES = ("title_suffix", "title_prefix", "copyright", "header_footer", "logo", "self_id",
                  "credit", "welcome", "frequent", "top_line", "ui_frame", "domain")
OUTLET_FEATURES = (
    *(f"from_{s}" for s in OUTLET_SOURCES),   # which pattern found the name
    "n_sources",           # log(1 + other patterns that found the same name)
    "occurrences",         # log(1 + lines of the page holding the name)
    "log_words", "outlet_word", "corporate", "person_like", "ui_share", "all_upper", "has_digit",
    "first_position",      # where the name first appears (0 = top of the page, 1 = bottom)
    "in_top_lines",        # it appears in the page's first 5 non-blank lines
    "in_bottom_lines",     # ... or in its last 40
    "is_wire",             # a wire agency of data/agencies.csv (credited, rarely the site itself)
)
OUTLET_TOP_LINES = 5
OUTLET_FOOTER_LINES = 40
OUTLET_MAX_WORDS = 6
_CORPORATE = re.compile(r"(?i)\b(?:inc|llc|ltd|limited|corp|corporation|communications|holdings|company|co|"
                        r"plc|gmbh|s\.?a|ag|group|media group|enterprises|publishing)\b\.?")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?\s*[.,]?\s*(?:by\s+)?"
                        r"(?P<name>[^\W\d_][\w.&'’ -]{1,60}?)\s*(?:[.,|(]|\ball\b|\b(?:19|20)\d\d\b|$)", re.I)
_NAME_BEFORE_COPYRIGHT = re.compile(r"^(?P<name>[^\W\d_][\w.&'’ -]{1,40}?)\s*,?\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?(?:©|\(c\))")
# "Follow AppleInsider", "About SFGATE", "More From Medium", "Subscribe to X", "Back to X": a site names itself in its menus
_UI_FRAME = re.compile(r"^(?:[•*·o+□-]\s+)?(?i:about|contact|follow|subscribe to|more from|discover|back to|continue to|"
                       r"advertise with|advertise on|sign up for|try|welcome to|make|join)\s+"
                       r"(?P<name>[A-Z0-9][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})")
_DOMAIN = re.compile(r"(?<![\w@./-])(?:www\.)?(?P<name>[A-Za-z][\w-]{1,30}\.(?:com|co\.uk|org|net|in|co|news|tv|info|de|fr|"
                     r"es|it|ru|jp|kr|cn|au|ca|io))(?![\w.-])")
_LOGO = re.compile(r"^(?P<name>.{2,50}?)\s+(?:logo|homepage|home page)\b", re.I)
_WELCOME = re.compile(r"\bwelcome to (?P<name>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})", re.I)
_STAFF = re.compile(r"\b(?:by|from)\s+(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+staff\b")
_SELF = re.compile(r"^(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+is\s+an?\s+[\w -]{0,60}"
                   r"(?:channel|newspaper|news|media|outlet|agency|website|portal)", re.I)
_CREDIT = re.compile(r"\((?P<name>[A-Z][\w.&' -]{1,30})\)\s*[-—–:_]|(?:photo|image)\s*[:/]\s*(?P<name2>[A-Z][\w.&' -]{1,30})$",
                     re.I)
_YEARISH = re.compile(r"\b(?:19|20)\d\d\b")
# (lower-case strings one of which a line must hold, the pattern's search or match, the source)
_NAME_FINDERS = (
    (("©", "(c)", "copyright"), _COPYRIGHT.search, "copyright"),
    (("©", "(c)"), _NAME_BEFORE_COPYRIGHT.match, "copyright"),
    (("logo", "homepage", "home page"), _LOGO.match, "logo"),
    (("welcome to",), _WELCOME.search, "welcome"),
    (("staff",), _STAFF.search, "self_id"),
    ((" is a",), _SELF.match, "self_id"),
)
_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*")


_NOT_NAMES = frozenset("us me our copyright all rights reserved the home go news menu search".split())


def _clean_name(name: str) -> str:
    name = BULLET_RE.sub("", name.strip()).strip(" .,;:|-–—·•*\"'’□»›>")
    return re.sub(r"(?i)[’']s$", "", name).strip()


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) >= max(1, len(words) - 1)


@lru_cache(maxsize=4)
def _words_pattern(words: frozenset) -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_TLD_HINT = re.compile(r"[a-z0-9-]\.(?:com|co\.uk|org|net|in|co|news|tv|info|de|fr|es|it|ru|jp|kr|cn|au|ca|io)(?![\w.-])")
_UI_FRAME_FIRST = frozenset("about contact follow subscribe more discover back continue advertise sign try welcome "
                            "make join".split())
_BULLET_TOKENS = frozenset("• * · o + □ -".split())


def _first_word(low: str) -> str:
    """The first word of a lower-cased line, after a bullet."""
    parts = low.split(None, 2)
    if not parts:
        return ""
    return parts[1] if parts[0] in _BULLET_TOKENS and len(parts) > 1 else parts[0]


def _lines_matching(pattern: re.Pattern, lines: list[str]) -> set[int]:
    """Indices of the ``lines`` where ``pattern`` matches, from one scan of the lines joined by newlines
    (the pattern must not match across a newline)."""
    from itertools import accumulate

    hits = [m.start() for m in pattern.finditer("\n".join(lines))]
    if not hits:
        return set()
    starts = list(accumulate((len(x) + 1 for x in lines[:-1]), initial=0))
    return {bisect.bisect_right(starts, h) - 1 for h in hits}


def _lines_holding(needle: str, page: str) -> int:
    """How many lines of ``page`` (lines joined by newlines) contain ``needle`` (which has no newline)."""
    n, at = 0, page.find(needle)
    while at >= 0:
        n += 1
        nl = page.find("\n", at)
        if nl < 0:
            break
        at = page.find(needle, nl + 1)
    return n


def outlet_candidates(lines: list[str], *, outlet_words: frozenset = frozenset(), wires: frozenset = frozenset(),
                      fw: frozenset = frozenset()) -> list[tuple]:
    """Candidate outlet names of a raw page: ``(source, name, features)`` tuples."""
    stripped = [ln.strip() for ln in lines if ln.strip()]
    lows = [x.lower() for x in stripped]
    n = len(stripped)
    if not n:
        return []
    found: list[tuple[str, str, int]] = []     # (source, name, line)

    def add(source, name, k):
        name = _clean_name(name)
        words = name.split()
        lows_ = [w.lower() for w in words]
        if (1 <= len(words) <= OUTLET_MAX_WORDS and 2 <= len(name) <= 60 and any(ch.isalpha() for ch in name)
                and not all(w in _NOT_NAMES or w in UI_WORDS or w in fw for w in lows_)
                and (lows_[0] == "the" or lows_[0] not in fw)
                and sum(w in fw for w in lows_[1:]) < 2          # "Portions of this content are": a phrase
                and "©" not in name and _YEARISH.search(name) is None):   # "July 2, 2018", "Results 2018"
            found.append((source, name, k))

    top = range(min(n, OUTLET_TOP_LINES))
    for k in top:
        parts = [p for p in TITLE_SEPARATOR.split(stripped[k]) if p.strip()]
        if len(parts) >= 2:
            add("title_suffix", parts[-1], k)
            add("title_prefix", parts[0], k)
    for k in range(min(n, 3)):
        if len(stripped[k].split()) <= 5 and not TITLE_SEPARATOR.search(stripped[k]):
            add("top_line", stripped[k], k)
    footer_start = max(OUTLET_TOP_LINES, n - OUTLET_FOOTER_LINES)
    head_set = {s for s in stripped[:30] if len(s.split()) <= 4 and _title_case(s)}
    for k in range(footer_start, n):
        if stripped[k] in head_set:
            add("header_footer", stripped[k], k)
    domain_lines = _lines_matching(_TLD_HINT, lows)   # (one scan of the page, not one per line)
    for k, s in enumerate(stripped):
        low = lows[k]
        for needles, finder, source in _NAME_FINDERS:   # a cheap substring test, then the pattern
            if any(nd in low for nd in needles):
                m = finder(s)
                if m:
                    add(source, m.group("name"), k)
        if len(s) <= 60 and _first_word(low) in _UI_FRAME_FIRST:
            m = _UI_FRAME.match(s)
            if m:
                add("ui_frame", m.group("name"), k)
        if k in domain_lines:
            for m in _DOMAIN.finditer(s):    # the name without its top-level domain: TheHill.com -> TheHill
                add("domain", m.group("name").split(".")[0], k)
        if "(" in s and ")" in s or "photo" in low or "image" in low:
            m = _CREDIT.search(s)
            if m:
                add("credit", m.group("name") or m.group("name2"), k)
    if outlet_words:
        runs = Counter()
        first: dict[str, int] = {}
        has_word = _words_pattern(outlet_words).search
        for k, s in enumerate(stripped):
            if has_word(s) is None:
                continue
            for m in _NAME_RUN.finditer(s):
                words = m.group(0).split()
                if any(w in outlet_words for w in words) and len(words) >= 2:
                    runs[m.group(0)] += 1
                    first.setdefault(m.group(0), k)
        for name, count in runs.items():
            if count >= 2:
                add("frequent", name, first[name])
    if not found:
        return []
    low_page = "\n".join(lows)
    sources_of: dict[str, set] = {}
    for source, name, _ in found:
        sources_of.setdefault(compact(name), set()).add(source)
    bottom = "\n".join(lows[-OUTLET_FOOTER_LINES:])
    top_text = "\n".join(lows[:OUTLET_TOP_LINES])
    out, seen = [], set()
    for source, name, k in found:
        if (source, name) in seen:
            continue
        seen.add((source, name))
        words = name.split()
        toks = WORD_RE.findall(name.lower())
        low = name.lower()
        at = low_page.find(low)
        f = {
            f"from_{source}": 1.0,
            "n_sources": math.log1p(len(sources_of[compact(name)]) - 1),
            "occurrences": math.log1p(_lines_holding(low, low_page)),
            "log_words": math.log1p(len(words)),
            "outlet_word": float(any(w in outlet_words for w in words)),
            "corporate": float(_CORPORATE.search(name) is not None),
            "person_like": float(2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
                                 and not any(w in outlet_words for w in words) and not any(t in fw for t in toks)),
            "ui_share": sum(t in UI_WORDS for t in toks) / max(1, len(toks)),
            "all_upper": float(name.isupper()),
            "has_digit": float(any(ch.isdigit() for ch in name)),
            "first_position": (at / max(1, len(low_page))) if at >= 0 else k / n,
            "in_top_lines": float(low in top_text),
            "in_bottom_lines": float(low in bottom),
            "is_wire": float(name in wires),
        }
        out.append((source, name, f))
    return out
