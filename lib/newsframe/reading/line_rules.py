"""What the line classifier knows about one line: tunable constants, word lists, phrase families, features.

The constants (:data:`GOOD_MIN_WORDS`, :data:`SHORT_PENALTY` ...) are the knobs docs/cleaning.md
explains. The word lists are data files: function words of several languages
(``data/function_words.txt``), caption cues (``data/caption_cues.txt``) and the phrase families of
boilerplate lines (``data/boilerplate_phrases.csv``: ``Related Stories``, ``Read also | ...``,
``Disclaimer: ...``). :func:`phrase_matcher` runs them all at once, after cheap substring tests
(:func:`regex_hints`) that rule out most lines without a regular expression. :func:`line_features`
gives each line its *shallow text features* (Kohlschütter, Fankhauser and Nejdl 2010): words,
function-word share, sentence punctuation, bullets, indentation, link-like form, and its class
(*good*, *near*, *short*) that the passes of :mod:`.line_passes` start from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_lines, read_table

LABELS = (
    "body", "headline", "teaser", "meta", "navigation", "ticker", "related",
    "read_also", "ad", "disclaimer", "caption", "tags", "ui", "duplicate",
    "comment", "blank", "other",
)

# --- tunable constants (see docs/cleaning.md) --------------------------------
GOOD_MIN_WORDS = 12          # a prose paragraph has at least this many words ...
GOOD_MIN_FUNCTION = 0.12     # ... and this share of function words
LONG_PROSE_WORDS = 30        # this long, sentence punctuation is not required
NEAR_MIN_WORDS = 6           # shorter lines are "short"
WRAP_MIN_WORDS = 4           # a wrapped line this long joins the sentence below it
SHORT_PENALTY = 1.5          # score of a short, unmarked line (and of a bulleted or unpunctuated near line)
HEADER_BONUS = 25.0         # extra score of the first prose line under a byline or date line
BULLET_WEIGHT = 0.5          # a bulleted prose line counts this much of its words
FURNITURE_PENALTY = 4.0      # score of a line a phrase family or a template marks
NAVIGATION_PENALTY = 6.0     # score of a line in a menu run: long menus end the article
CARD_MIN_CARDS = 3           # this many title-then-summary cards in a row make a list of stories
CARD_MIN_SHORT = 2          # ... each with at least this many short lines (title, date, section) ...
CARD_MAX_SHORT = 6          # ... and at most this many
CARD_SUMMARY_MAX_WORDS = 40  # card summaries are short (median), unless titles repeat or carry dates
NAV_RUN_MIN = 3              # this many short lines in a row make a menu
BLOCK_MAX_LINES = 40         # a block heading claims at most this many lines
TITLE_PART_REASON = "the headline part of a page title"   # (the line is "Headline | Site")
SECOND_BLOCK_SHARE = 0.35    # another prose block this strong (vs the best) is article too
SECOND_BLOCK_MAX_GAP = 12    # ... if at most this many non-blank lines away
COMMENT_HEADER_MAX_WORDS = 16   # a comment's header (name and posting time) is at most this long ...
COMMENT_MIN_ARTICLE_LINES = 3   # ... and a thread starts after this many prose lines of the article

WORD_RE = re.compile(r"\w+", re.UNICODE)
BULLET = re.compile(r"^\s*(?:[•*·◦▪▫■□●○►▸‣⁃+–-]|\d{1,2}[.)])\s+")
SENT_END = re.compile(r"""[.!?。！？…:;]["'”’»)\]]*$""")
# (_is_photo_credit skips the expression on lines that neither end in ")" nor name a photo, image, picture
# or caption: change it with these)
_PHOTO_CREDIT_TAIL = r"\((?:[^()]{0,60}\b(?:%s)\b[^()]{0,60})\)\s*$"   # "(AP)", "(Photo: Reuters)"; words from data
_PHOTO_CREDIT_HEAD = (
    r"^(?:photo|image|picture|file photo|caption)\s*[:/-]"
    r"|^(?:image|media|photo|video)\s+caption\b"
    r"|(?:photo|image|picture)\s*(?:credit|courtesy|by)\s*[:/]")
BRACKETED = re.compile(r"\[[^\]]*\]")
W3M_IMAGE = re.compile(r"^\s*\[[^\]]{0,120}\]\s*$")
DATE_LINE = re.compile(
    r"^\W*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\W+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:\W+\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)?(?:\s*[a-z]{2,4})?[\s\d:|-]*$", re.I)
SENT_END_CHARS = frozenset(".!?。！？…:;\"'”’»)]")
BULLET_CHARS = frozenset("•*·◦▪▫■□●○►▸‣⁃+–-")
TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")


ALNUM = re.compile(r"[^\W_]")
# an HTML tag: <img src=x onerror="...">, </span>, <br/>
TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*'){0,500})?/?>")
SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)   # removed with what they hold
MARKUP_SHOWN = 120           # characters of removed markup shown in a line's reason                       # a character for which str.isalnum() is true


@dataclass(slots=True)
class Line:
    i: int
    raw: str
    text: str
    words: int
    function_share: float
    ends_sentence: bool
    bullet: bool
    indent: int
    key: str = ""            # normalised text (lower case, single spaces) for comparisons
    label: str | None = None
    reason: str | None = None
    kind: str = "short"      # good / near / short
    score: float = 0.0
    date: bool | None = None  # cache of _is_date_line


# --------------------------------------------------------------------------- data
def function_words() -> frozenset[str]:
    """The function words of ``data/function_words.txt`` (several languages), lower case."""
    return _function_words()


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("function_words.txt"))


@lru_cache(maxsize=1)
def _phrase_families() -> tuple[tuple[str, str, int, re.Pattern], ...]:
    rows = read_table("boilerplate_phrases.csv")
    return tuple((r["label"], r["scope"], int(r["max_words"]), re.compile(r["pattern"], re.I)) for r in rows)


@lru_cache(maxsize=1)
def _phrase_family_unions() -> tuple[tuple[int, re.Pattern | None], ...]:
    """The phrase families in a few regular expressions, one per length limit: the expression for limit
    ``m`` joins every family that allows lines of ``m`` words (one match per line instead of one per
    family, and long lines are only tried against the few families that allow them)."""
    fams = _phrase_families()
    unions = []
    for limit in sorted({m for _, _, m, _ in fams}):
        alts = [f"(?P<f{k}>{pat.pattern})" for k, (_, _, m, pat) in enumerate(fams) if m >= limit]
        unions.append((limit, re.compile("|".join(alts), re.I)))
    return tuple(unions)


@lru_cache(maxsize=1)
def _photo_credit() -> re.Pattern:
    cues = sorted((re.escape(w.lower()) for w in read_lines("caption_cues.txt")), key=len, reverse=True)
    return re.compile(_PHOTO_CREDIT_TAIL % "|".join(cues) + "|" + _PHOTO_CREDIT_HEAD, re.I)


def normalised_line(s: str) -> str:
    return " ".join(s.lower().split())   # = re.sub(r"\s+", " ", s.strip().lower()): \s is str.isspace


# --------------------------------------------------------------------------- cheap tests before regexes
# ``re.I`` matches an ASCII letter also in a few other characters: i in "İ" and "ı", s in "ſ", k in the
# Kelvin sign. Mapping those, then lower-casing, gives a string in which every ASCII literal that a
# case-insensitive expression matches in the text appears as a plain substring.
_FOLD_SPECIAL = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text):
        text = text.translate(_FOLD_SPECIAL)
    return text.lower()


def regex_hints(pattern: re.Pattern, *, strings: bool = False) -> tuple:
    """Necessary conditions for ``pattern`` to match a text, read off the parsed expression.

    ``first``, ``first2``: expressions that the first character, and the first two characters, of a
    match match (the expression's first items, each a one-character test that does not depend on its
    neighbours, compiled with the same flags), or None when that is unknown; a text shorter than two
    characters is tested against ``first2`` as it is; with ``strings``, the alternatives of these
    expressions as a frozenset of strings instead. ``needs``: tuples of folded ASCII strings (see :func:`fold`),
    a match containing at least one string of each tuple. Both only ever say what a match *must* have,
    so testing them first never changes whether the expression matches; whatever the analysis does not
    know gives no condition.
    """
    try:
        from re import _constants as C, _parser as P

        tree = P.parse(pattern.pattern, pattern.flags)
    except Exception:   # another Python's internals: no conditions, the expressions are just run
        return None, None, ()
    repeats = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
    cats = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
            C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}

    def atom(op, av) -> str | None:
        """The expression of one single-character item, or None."""
        if op is C.LITERAL:
            return re.escape(chr(av))
        if op is C.NOT_LITERAL:
            return "[^" + re.escape(chr(av)) + "]"
        if op is C.ANY:
            return "."
        if op is C.IN:
            parts = []
            for o, a in av:
                if o is C.NEGATE and not parts:
                    parts.append("^")
                elif o is C.LITERAL:
                    parts.append(re.escape(chr(a)))
                elif o is C.RANGE:
                    parts.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
                elif o is C.CATEGORY and a in cats:
                    parts.append(cats[a])
                else:
                    return None
            return "[" + "".join(parts) + "]"
        return None

    def prefixes(items, n: int) -> set | None:
        """The sequences of at most ``n`` single-character items (as expressions) that a match of
        ``items`` can start with; a shorter one where a match may end sooner. None: unknown."""
        out = {()}
        for op, av in items:
            if all(len(p) >= n for p in out):
                break
            nxt = set()
            for p in out:
                if len(p) >= n:
                    nxt.add(p)
                    continue
                q = item_prefixes(op, av, n - len(p))
                if q is None:
                    return None
                nxt.update(p + x for x in q)
            if len(nxt) > 500:
                return None
            out = nxt
        return out

    def item_prefixes(op, av, n: int) -> set | None:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            a = atom(op, av)
            return None if a is None else {(a,)}
        if op is C.SUBPATTERN:
            return prefixes(av[3], n) if not (av[1] or av[2]) else None
        if op is C.ATOMIC_GROUP:
            return prefixes(av, n)
        if op is C.BRANCH:
            acc = set()
            for alt in av[1]:
                q = prefixes(alt, n)
                if q is None:
                    return None
                acc |= q
            return acc
        if op in repeats:
            lo, hi, sub = av
            body = prefixes(sub, n)
            if body is None:
                return None
            acc = {()} if lo == 0 else set()
            cur, count = {()}, 0
            while count < hi:
                count += 1
                new = set()
                for p in cur:
                    if len(p) >= n:
                        new.add(p)
                    else:
                        new.update((p + q)[:n] for q in body)
                if len(new) > 500:
                    return None
                done = new == cur or all(len(p) >= n for p in new)   # more rounds change nothing
                cur = new
                if count >= lo or done:
                    acc |= cur
                if done:
                    break
            return acc
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):   # zero width
            return {()}
        return None

    def best(needs):
        return max(needs, key=lambda t: min(map(len, t)), default=None)

    def needs(items) -> list[tuple[str, ...]]:
        out, run = [], []
        for op, av in items:
            if op is C.LITERAL and av < 128:
                run.append(fold(chr(av)))
                continue
            if run:
                out.append(("".join(run),))
                run = []
            if op is C.SUBPATTERN and not (av[1] or av[2]):
                out += needs(av[3])
            elif op is C.ATOMIC_GROUP:
                out += needs(av)
            elif op in repeats and av[0] >= 1:
                out += needs(av[2])
            elif op is C.BRANCH:
                alts = []
                for alt in av[1]:
                    b = best(needs(alt))
                    if b is None:
                        break
                    alts += b
                else:
                    out.append(tuple(dict.fromkeys(alts)))
        if run:
            out.append(("".join(run),))
        return out

    flags = pattern.flags & (re.I | re.M | re.S | re.U | re.A | re.X)

    def start_re(n: int):
        seqs = prefixes(tree, n)
        if seqs is None or () in seqs:
            return None
        alts = frozenset("".join(p) for p in seqs)
        return alts if strings else re.compile("(?:" + "|".join(sorted(alts)) + ")", flags)

    try:
        first, first2 = start_re(1), start_re(2)
        # the strongest few conditions, the cheapest (fewest alternatives) first; long lists of
        # alternatives cost more to test than they save
        ns = sorted((n for n in needs(tree) if len(n) <= 8), key=lambda t: -min(map(len, t)))[:3]
        ns.sort(key=len)
    except Exception:
        return None, None, ()
    return first, first2, tuple(ns)


_SAMPLE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@lru_cache(maxsize=1)
def _phrase_family_plan():
    """``(families, limits, by_first)`` for :func:`_phrase_matcher`: per family ``(index, max_words,
    first, needs, fullmatch, anywhere)`` (see :func:`regex_hints`; ``anywhere``: most characters can
    start a match), the distinct word limits in order, and a cache of the families open to a line by
    its first two characters, its length and the families its page lacks words for. None when a family has
    back-references: taken out of the union its group numbers would change, so the unions decide."""
    families = []
    for k, (_, _, m, pat) in enumerate(_phrase_families()):
        try:
            from re import _constants as C, _parser as P

            if any(op in (C.GROUPREF, C.GROUPREF_EXISTS) for op, _ in _walk(P.parse(pat.pattern, pat.flags))):
                return None
        except Exception:
            return None
        first, first2, needs = regex_hints(pat)
        anywhere = first is None or sum(first.fullmatch(c) is not None for c in _SAMPLE_CHARS) > len(_SAMPLE_CHARS) // 3
        families.append((k, m, first2, needs, pat.fullmatch, anywhere))
    return tuple(families), tuple(sorted({f[1] for f in families})), {}


def _walk(items):
    """All ``(op, av)`` of a parsed expression, nested ones included."""
    from re import _constants as C

    for op, av in items:
        yield op, av
        if op is C.SUBPATTERN:
            yield from _walk(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            yield from _walk(av[2])
        elif op is C.BRANCH:
            for alt in av[1]:
                yield from _walk(alt)
        elif op is C.ATOMIC_GROUP:
            yield from _walk(av)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _walk(av[1])
        elif op is C.GROUPREF_EXISTS:
            for sub in av[1:]:
                if sub is not None:
                    yield from _walk(sub)


@lru_cache(maxsize=4)
def _limit_of(limits: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(limits[bisect.bisect_left(limits, w)] for w in range(limits[-1] + 1))


def phrase_matcher(L: list[Line]):
    """``_phrase_family`` for the lines of one page, with the same answers, cheaper: a family is only
    tried on a line when the line is short enough, starts with a character the family can start with,
    and the page and the line contain the words the family needs; the first family in file order that
    matches all of the line wins, as in the union."""
    plan = _phrase_family_plan()
    if plan is None:
        return _phrase_family
    families, limits, by_first = plan
    fams = _phrase_families()
    # families that may start anywhere (".*all rights reserved.*") are first tested on the whole page
    page = None
    closed_on_page = set()
    for k, _, _, needs, _, anywhere in families:
        if anywhere and needs:
            if page is None:
                page = fold("\n".join([ln.text for ln in L if ln.text]))
            if not all(any(s in page for s in alts) for alts in needs):
                closed_on_page.add(k)
    closed = frozenset(closed_on_page)
    top = limits[-1]
    limit_of = _limit_of(limits)   # words -> the smallest word limit that admits them

    def match(ln: Line):
        words = ln.words
        if words > top or not ln.text:
            return None
        body = BULLET.sub("", ln.text).strip() if ln.bullet else ln.text
        # the families open to the line: by its first two characters, the smallest word limit that
        # admits it, and the families the page lacks the words for
        key = (body[:2], limit_of[words], closed)
        cands = by_first.get(key)
        if cands is None:
            if len(by_first) > 100_000:   # many scripts: keep the cache bounded
                by_first.clear()
            c, limit, _ = key
            # (a family that must start with one of a few characters fails about as fast as a test
            # of the words it needs would, so only the others test their words first)
            cands = by_first[key] = tuple(
                (k, needs if anywhere else (), fullmatch) for k, m, first, needs, fullmatch, anywhere in families
                if k not in closed and m >= limit and (first is None or first.match(c) is not None))
        folded = None
        for k, needs, fullmatch in cands:
            if needs:
                if folded is None:
                    folded = fold(body)
                for alts in needs:
                    for s in alts:
                        if s in folded:
                            break
                    else:
                        break
                else:
                    if fullmatch(body) is not None:
                        return fams[k][:2]
                continue
            if fullmatch(body) is not None:
                return fams[k][:2]
        return None

    return match


def is_photo_credit(text: str) -> bool:
    """``_photo_credit().search(text)``, skipping the expression where it cannot match: its tail form
    ends the text with ")", its head forms name a photo, image, picture or caption."""
    if not text.rstrip().endswith(")"):
        f = fold(text)
        if "photo" not in f and "image" not in f and "picture" not in f and "caption" not in f:
            return False
    return _photo_credit().search(text) is not None


def is_truncated(text: str) -> bool:
    """``_TRUNCATED.search(text)`` without scanning the line: it ends in "..." or "…"."""
    return text.rstrip().endswith(("...", "…"))


def is_date_line(ln: Line) -> bool:
    """A date line (after any bullet); cached on the line, as several passes ask."""
    d = ln.date
    if d is None:
        t = ln.text
        if t[0] in BULLET_CHARS or t[0].isdigit():   # only then can _BULLET remove something
            t = BULLET.sub("", t)
        d = ln.date = DATE_LINE.match(t) is not None
    return d


# --------------------------------------------------------------------------- features
# ``\w+`` tokens of an ASCII line, without the regular expression: every other byte becomes a space
ASCII_NON_WORD = bytes(c if (chr(c).isalnum() or c == 95) and c < 128 else 32 for c in range(256))


_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")


def ascii_words(text: str) -> list[bytes] | None:
    """The ``\\w+`` words of ``text`` as ASCII bytes, split with ``bytes.translate`` instead of the
    regular expression, when every word character of the text is ASCII: non-ASCII punctuation (curly
    quotes, dashes) separates words as a space does. None when the text has a non-ASCII word character
    (then use ``\\w+``)."""
    if text.isascii():
        return text.encode("ascii").translate(ASCII_NON_WORD).split()
    if _NON_ASCII_WORD_CHAR.search(text) is None:
        return text.encode("ascii", "replace").translate(ASCII_NON_WORD).split()   # ("?" is no word byte)
    return None


@lru_cache(maxsize=1)
def _function_words_ascii() -> frozenset[bytes]:
    return frozenset(w.encode("ascii") for w in _function_words() if w.isascii())


def line_features(lines: list[str]) -> list[Line]:
    fw = _function_words()
    is_function = fw.__contains__
    is_function_ascii = _function_words_ascii().__contains__
    findall = WORD_RE.findall
    sent_end = SENT_END.search
    bullet_match = BULLET.match
    sent_chars, bullet_chars = SENT_END_CHARS, BULLET_CHARS
    out = []
    append = out.append
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            append(Line(i, raw, "", 0, 0.0, False, False, 0, "", "blank", "empty line"))
            continue
        low = text.lower()
        toks = ascii_words(low)   # the same tokens as findall, as bytes, where it can split
        if toks is not None:
            n = len(toks)
            share = sum(map(is_function_ascii, toks)) / n if n else 0.0
        else:
            toks = findall(low)
            n = len(toks)
            share = sum(map(is_function, toks)) / n if n else 0.0
        # cheap character tests first; the regular expressions only where they can match
        ends = text[-1] in sent_chars and sent_end(text) is not None
        c = text[0]
        bullet = (c in bullet_chars or c.isdigit()) and bullet_match(raw) is not None
        # the line class (good / near / short), see _kind
        if n >= LONG_PROSE_WORDS and share >= GOOD_MIN_FUNCTION / 2:
            kind = "good"
        elif n >= GOOD_MIN_WORDS and ends and share >= GOOD_MIN_FUNCTION:
            kind = "good"
        elif n >= NEAR_MIN_WORDS and (ends or share >= GOOD_MIN_FUNCTION):
            kind = "near"
        else:
            kind = "short"
        append(Line(i, raw, text, n, share, ends, bullet, len(raw) - len(raw.lstrip(" \t")),
                     " ".join(low.split()), None, None, kind))
    return out


def _phrase_family(ln: Line):
    """The phrase family of one line: ``(label, scope)`` or None (reference form; the passes use the
    cheaper :func:`_phrase_matcher`, which gives the same answers)."""
    if not ln.text:
        return None
    union = next((u for limit, u in _phrase_family_unions() if ln.words <= limit), None)
    if union is None:
        return None
    body = BULLET.sub("", ln.text).strip() if ln.bullet else ln.text
    m = union.fullmatch(body)
    if m is None:
        return None
    label, scope, _, _ = _phrase_families()[int(m.lastgroup[1:])]
    return label, scope


def _kind(ln: Line) -> str:
    if ln.words >= LONG_PROSE_WORDS and ln.function_share >= GOOD_MIN_FUNCTION / 2:
        return "good"
    if ln.words >= GOOD_MIN_WORDS and ln.ends_sentence and ln.function_share >= GOOD_MIN_FUNCTION:
        return "good"
    if ln.words >= NEAR_MIN_WORDS and (ln.ends_sentence or ln.function_share >= GOOD_MIN_FUNCTION):
        return "near"
    return "short"


def set_label(ln: Line, label: str, reason: str, *, force: bool = False) -> None:
    """Give ``ln`` its label and the reason, unless an earlier pass labelled it (or ``force``)."""
    if ln.label is None or force:
        ln.label, ln.reason = label, reason
