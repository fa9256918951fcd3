"""Line classifier: which lines of a raw page dump are the article?

A raw dump is the text of a whole web page: menus, tickers, link lists,
captions, share buttons and footers around the article. HTML extractors
(trafilatura, jusText, readability) rely on the markup, which a text dump no
longer has; handed plain text, trafilatura scores F1 0.67 on the development
pages, and jusText classifies the HTML's paragraphs (it needs the tags
to find them and its stop-word lists name one language). So this classifier
is written for text and uses *shallow text
features* of a line and of its neighbours, which separate boilerplate almost
as well as HTML structure does (Kohlschütter, Fankhauser and Nejdl,
"Boilerplate Detection using Shallow Text Features", WSDM 2010), in the
spirit of jusText's context-sensitive paragraph classification (Pomikálek,
"Removing Boilerplate and Duplicate Content from Web Corpora", 2011).

The algorithm, in five passes (``docs/cleaning.md`` explains it for class):

1. **Phrase families** (``data/boilerplate_phrases.csv``): short lines such as
   ``Related Stories``, ``BREAKING``, ``Read also | ...``, ``Disclaimer: ...``,
   ``[ad_1]``, ``Tags: ...``, ``Share`` get their label; a *block* heading
   (``Related Stories``, ``Most Read``, ``BREAKING``) also claims the run of
   short lines below it, up to the next paragraph of prose.
2. **Line classes** from length, sentence punctuation and the share of
   function words (``data/function_words.txt``, several languages): *good*
   (a paragraph of prose), *near* (a shorter sentence), *short*.
   A line the renderer wrapped mid-sentence takes the class of its sentence.
   Bullets, indentation and runs of short lines mark *navigation*; lines that
   repeat on other pages of the same outlet (``site_boilerplate``) are
   templates; a *story-card list* (a few short lines - title, date, section -
   then a one-sentence summary, three times or more in a row) is ``related``.
3. **The main block**: every line gets a score (prose words count for it,
   furniture against it) and the article is the highest-scoring stretch of
   the page (a maximum-sum segment). A related-links block in the middle of
   the article costs less than the prose after it, so the article continues
   past it; its own lines keep their label.
4. **Inside the block**, good and near lines are body; short lines between
   body lines (subheadings, Q&A turns) are body unless something marks them
   as furniture; photo credits mark captions.
5. **Header and repeats**: the headline is the title-like line above the
   article (its repeats are ``duplicate``); date, byline and "N min read"
   lines are ``meta``; a lede that appears twice counts once, at its place in
   the article (the other copy is ``teaser``), as does a truncated copy
   ending in "...".

Every input line gets exactly one label and a reason; nothing is dropped.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from . import page_fields
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

_WORD = re.compile(r"\w+", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[•*·◦▪▫■□●○►▸‣⁃+–-]|\d{1,2}[.)])\s+")
_SENT_END = re.compile(r"""[.!?。！？…:;]["'”’»)\]]*$""")
# (_is_photo_credit skips the expression on lines that neither end in ")" nor name a photo, image, picture
# or caption: change it with these)
_PHOTO_CREDIT_TAIL = r"\((?:[^()]{0,60}\b(?:%s)\b[^()]{0,60})\)\s*$"   # "(AP)", "(Photo: Reuters)"; words from data
_PHOTO_CREDIT_HEAD = (
    r"^(?:photo|image|picture|file photo|caption)\s*[:/-]"
    r"|^(?:image|media|photo|video)\s+caption\b"
    r"|(?:photo|image|picture)\s*(?:credit|courtesy|by)\s*[:/]")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_W3M_IMAGE = re.compile(r"^\s*\[[^\]]{0,120}\]\s*$")
_DATE_LINE = re.compile(
    r"^\W*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\W+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:\W+\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)?(?:\s*[a-z]{2,4})?[\s\d:|-]*$", re.I)
_SENT_END_CHARS = frozenset(".!?。！？…:;\"'”’»)]")
_BULLET_CHARS = frozenset("•*·◦▪▫■□●○►▸‣⁃+–-")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")


_ALNUM = re.compile(r"[^\W_]")
# an HTML tag: <img src=x onerror="...">, </span>, <br/>
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*'){0,500})?/?>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)   # removed with what they hold
MARKUP_SHOWN = 120           # characters of removed markup shown in a line's reason                       # a character for which str.isalnum() is true


@dataclass(slots=True)
class _Line:
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


def _norm(s: str) -> str:
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


def _phrase_matcher(L: list[_Line]):
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

    def match(ln: _Line):
        words = ln.words
        if words > top or not ln.text:
            return None
        body = _BULLET.sub("", ln.text).strip() if ln.bullet else ln.text
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


def _is_photo_credit(text: str) -> bool:
    """``_photo_credit().search(text)``, skipping the expression where it cannot match: its tail form
    ends the text with ")", its head forms name a photo, image, picture or caption."""
    if not text.rstrip().endswith(")"):
        f = fold(text)
        if "photo" not in f and "image" not in f and "picture" not in f and "caption" not in f:
            return False
    return _photo_credit().search(text) is not None


def _is_truncated(text: str) -> bool:
    """``_TRUNCATED.search(text)`` without scanning the line: it ends in "..." or "…"."""
    return text.rstrip().endswith(("...", "…"))


def _is_date_line(ln: _Line) -> bool:
    """A date line (after any bullet); cached on the line, as several passes ask."""
    d = ln.date
    if d is None:
        t = ln.text
        if t[0] in _BULLET_CHARS or t[0].isdigit():   # only then can _BULLET remove something
            t = _BULLET.sub("", t)
        d = ln.date = _DATE_LINE.match(t) is not None
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


def _features(lines: list[str]) -> list[_Line]:
    fw = _function_words()
    is_function = fw.__contains__
    is_function_ascii = _function_words_ascii().__contains__
    findall = _WORD.findall
    sent_end = _SENT_END.search
    bullet_match = _BULLET.match
    sent_chars, bullet_chars = _SENT_END_CHARS, _BULLET_CHARS
    out = []
    append = out.append
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            append(_Line(i, raw, "", 0, 0.0, False, False, 0, "", "blank", "empty line"))
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
        append(_Line(i, raw, text, n, share, ends, bullet, len(raw) - len(raw.lstrip(" \t")),
                     " ".join(low.split()), None, None, kind))
    return out


def _phrase_family(ln: _Line):
    """The phrase family of one line: ``(label, scope)`` or None (reference form; the passes use the
    cheaper :func:`_phrase_matcher`, which gives the same answers)."""
    if not ln.text:
        return None
    union = next((u for limit, u in _phrase_family_unions() if ln.words <= limit), None)
    if union is None:
        return None
    body = _BULLET.sub("", ln.text).strip() if ln.bullet else ln.text
    m = union.fullmatch(body)
    if m is None:
        return None
    label, scope, _, _ = _phrase_families()[int(m.lastgroup[1:])]
    return label, scope


def _kind(ln: _Line) -> str:
    if ln.words >= LONG_PROSE_WORDS and ln.function_share >= GOOD_MIN_FUNCTION / 2:
        return "good"
    if ln.words >= GOOD_MIN_WORDS and ln.ends_sentence and ln.function_share >= GOOD_MIN_FUNCTION:
        return "good"
    if ln.words >= NEAR_MIN_WORDS and (ln.ends_sentence or ln.function_share >= GOOD_MIN_FUNCTION):
        return "near"
    return "short"


def _join_wrapped(L: list[_Line]) -> None:
    """A line the renderer wrapped mid-sentence (no sentence end, the next line right below starting in
    lower case and ending the sentence) takes the class of the sentence it belongs to."""
    for a, b in zip(L, L[1:]):
        if a.text and b.text and not a.ends_sentence and a.words >= WRAP_MIN_WORDS and not a.bullet \
                and b.text[:1].islower() and b.kind in ("good", "near") and b.ends_sentence:
            words = a.words + b.words
            kind = "good" if words >= GOOD_MIN_WORDS else "near"
            a.kind, b.kind, a.ends_sentence = kind, kind, True


def _set(ln: _Line, label: str, reason: str, *, force: bool = False) -> None:
    if ln.label is None or force:
        ln.label, ln.reason = label, reason


# --------------------------------------------------------------------------- passes
def _mark_phrase_families(L: list[_Line]) -> None:
    n = len(L)
    headings = []
    family_of = _phrase_matcher(L)
    for ln in L:
        if ln.label or not ln.text:
            continue
        fam = family_of(ln)
        if not fam:
            continue
        label, scope = fam
        _set(ln, label, f"phrase family '{label}' ({ln.text[:40]})")
        if scope in ("block", "rest") and not _in_menu(L, ln):
            headings.append((ln, label, scope))
    heading_lines = {h.i for h, _, _ in headings}
    for ln, label, scope in headings:
        if scope == "rest":
            _claim_rest(L, ln, label)
            continue
        # the heading claims the lines below it, until the article's prose resumes
        j, claimed, listed = ln.i + 1, 0, 0
        while j < n and claimed < BLOCK_MAX_LINES:
            nxt = L[j]
            if nxt.text:
                if nxt.label is not None and nxt.reason.startswith("phrase family") and nxt.i in heading_lines:
                    break  # the next heading starts its own block
                if listed and listed == claimed and not nxt.bullet:
                    break  # the heading's bulleted list has ended
                listed += nxt.bullet
                if label == "ticker" and claimed and _blank_before(L, j):
                    break  # a ticker is one run of lines; a blank line ends it
                if nxt.kind == "good" and label != "ticker" and _prose_resumes(L, j):
                    break
                if nxt.label is None:
                    _set(nxt, label, f"under the '{ln.text[:30]}' heading ({label} block)")
                claimed += 1
            j += 1


def _in_menu(L: list[_Line], ln: _Line) -> bool:
    """A bulleted heading right under another bulleted item is a menu entry, not a heading."""
    if not ln.bullet:
        return False
    j = ln.i - 1
    while j >= 0 and not L[j].text:
        j -= 1
    if j < 0:
        return False
    prev = L[j]
    return prev.bullet and 1 <= prev.words <= 6


def _claim_rest(L: list[_Line], head: _Line, label: str) -> None:
    """A comment thread: everything below the heading up to the next menu run."""
    short_run = 0
    for j in range(head.i + 1, len(L)):
        nxt = L[j]
        if not nxt.text:
            continue
        short_run = short_run + 1 if (nxt.kind == "short" and not nxt.ends_sentence) else 0
        if short_run >= NAV_RUN_MIN * 2:
            break
        if nxt.label is None:
            _set(nxt, label, f"below the '{head.text[:30]}' heading ({label} section)")


def _prose_resumes(L: list[_Line], j: int) -> bool:
    """True when line ``j`` starts a run of at least two prose lines (article text),
    not a one-line snippet between short lines (a card in a list of stories, a comment)."""
    following = [x for x in L[j + 1:j + 1 + 6] if x.text][:1]
    return bool(following) and following[0].kind in ("good", "near") and following[0].ends_sentence \
        and not following[0].bullet and following[0].label is None


def _blank_before(L: list[_Line], j: int) -> bool:
    return j > 0 and not L[j - 1].text


def _mark_templates(L: list[_Line], site_boilerplate: frozenset[str]) -> None:
    if not site_boilerplate:
        return
    for ln in L:
        if ln.text and ln.label is None and ln.kind != "good" and ln.key in site_boilerplate:
            _set(ln, "ui", "repeats on other pages of the same outlet (site template)")


def _mark_navigation_runs(nonblank: list[_Line]) -> None:
    """Runs of short lines (bulleted or not) that are not sentences: menus and link lists."""
    run: list[_Line] = []

    def flush():
        if len(run) >= NAV_RUN_MIN:
            bullets = sum(r.bullet for r in run)
            for r in run:
                if r.label is None:
                    why = "bulleted" if bullets >= len(run) / 2 else "short"
                    _set(r, "navigation", f"in a run of {len(run)} {why} link-like lines (menu or link list)")
        run.clear()

    for ln in nonblank:
        short = ln.kind == "short" and not ln.ends_sentence or (ln.bullet and ln.words <= 6)
        if short and ln.label is None:
            run.append(ln)
        elif run:
            flush()
    flush()


LIVE_FEED_MIN_ENTRIES = 5   # entries of a live feed beside the article ("14:44 Title", newest first)
_CLOCK_LEAD = re.compile(r"^\W{0,3}([01]?\d|2[0-3])[:h.]([0-5]\d)\b")


def _mark_live_feeds(nonblank: list[_Line]) -> None:
    """A live feed beside the article: at least :data:`LIVE_FEED_MIN_ENTRIES` lines that open with a
    clock time, newest first (a timeline inside an article runs forward), after three lines of prose
    that carry no time. The feed (first to last entry) is a ``ticker``."""
    entries = []
    for k, ln in enumerate(nonblank):
        c = ln.text[:1]
        if (c.isdigit() or c in _BULLET_CHARS) and ln.label is None:
            m = _CLOCK_LEAD.match(ln.text)
            if m:
                entries.append((k, int(m.group(1)) * 60 + int(m.group(2))))
    if len(entries) < LIVE_FEED_MIN_ENTRIES:
        return
    times = [t for _, t in entries]
    falls = sum(a >= b for a, b in zip(times, times[1:]))
    if falls < 0.8 * (len(times) - 1):
        return   # not newest first
    first, last = entries[0][0], entries[-1][0]
    if sum(ln.kind == "good" for ln in nonblank[:first]) < 3:
        return   # no article before it: the feed may be the article (a live blog)
    stop = last + 1 if last + 1 < len(nonblank) and nonblank[last + 1].kind != "short" and \
        not _CLOCK_LEAD.match(nonblank[last + 1].text) else last
    for ln in nonblank[first:stop + 1]:
        _set(ln, "ticker", f"live feed beside the article ({len(entries)} timestamped entries, newest first)")


def _has_alnum(text: str) -> bool:
    return _ALNUM.search(text) is not None


def _looks_like_cards(nonblank: list[_Line], run: list[tuple[int, int]]) -> bool:
    """Cards have short summaries, or their title lines carry dates or repeat (a title printed twice)."""
    summaries = sorted(nonblank[b].words for _, b in run)
    if summaries[len(summaries) // 2] <= CARD_SUMMARY_MAX_WORDS:
        return True
    titles = [x for a, b in run for x in nonblank[a:b]]
    dates = sum(bool(_DATE_LINE.match(x.text)) for x in titles)
    repeats = len(titles) - len({x.key for x in titles})
    return dates + repeats >= len(run) / 2


def _mark_card_lists(nonblank: list[_Line]) -> None:
    """Lists of story cards: one prose line (a summary) after a few short lines (title, date, section),
    again and again. An article's paragraphs follow each other or sit under one subheading; a card list
    puts CARD_MIN_SHORT or more short lines between its sentences, CARD_MIN_CARDS times in a row."""
    prose = [k for k, ln in enumerate(nonblank)
             if ln.kind in ("good", "near") and ln.ends_sentence and not ln.text.endswith("?") and ln.label is None]
    run: list[tuple[int, int]] = []   # (first short line, prose line) of each card

    def flush():
        if len(run) >= CARD_MIN_CARDS and _looks_like_cards(nonblank, run):
            for a, b in run:
                for ln in nonblank[a:b + 1]:
                    _set(ln, "related", f"in a list of {len(run)} story cards (short title lines, then a summary)")
        run.clear()

    prev = -1
    for k in prose:
        if k - prev - 1 < CARD_MIN_SHORT:   # too few lines in the gap, whatever they are
            if run:
                flush()
            prev = k
            continue
        gap = [g for g in nonblank[prev + 1:k] if _has_alnum(g.text)]   # rules such as "___" are not card lines
        if CARD_MIN_SHORT <= len(gap) <= CARD_MAX_SHORT and \
                all(g.kind != "good" and (not g.ends_sentence or g.text.endswith("?")) for g in gap):
            run.append((prev + 1, k))
        elif run:
            flush()
        prev = k
    flush()


_FURNITURE = frozenset({"ticker", "related", "ui", "ad", "tags", "comment", "read_also"})


def _line_score(ln: _Line) -> float:
    if not ln.text:
        return 0.0
    if ln.label == "navigation":
        return -NAVIGATION_PENALTY
    if ln.label in _FURNITURE:
        return -FURNITURE_PENALTY - 0.3 * min(ln.words, 30)
    if ln.label in {"disclaimer", "meta"}:
        return -FURNITURE_PENALTY
    if ln.kind == "good":
        return float(ln.words) * (BULLET_WEIGHT if ln.bullet else 1.0)
    if ln.kind == "near" and ln.ends_sentence and not ln.bullet:
        return 0.5 * ln.words - 1.0
    return -SHORT_PENALTY


def _header_bonus(nonblank: list[_Line]) -> None:
    """Prose right under a byline or date line is where articles start."""
    for k, ln in enumerate(nonblank):
        if ln.label == "meta" or (ln.label is None and _is_date_line(ln)):
            for nxt in nonblank[k + 1:k + 3]:
                if nxt.label is None and nxt.kind == "good":
                    nxt.score += HEADER_BONUS
                    break


def _best_segment(scores: list[float], lo: int = 0, hi: int | None = None) -> tuple[float, int, int]:
    """Maximum-sum contiguous segment of ``scores[lo:hi]`` (Kadane): (sum, start, end inclusive)."""
    hi = len(scores) if hi is None else hi
    best, best_s, best_e = 0.0, -1, -2
    cur, cur_s = 0.0, lo
    for k in range(lo, hi):
        if cur <= 0:
            cur, cur_s = scores[k], k
        else:
            cur += scores[k]
        if cur > best:
            best, best_s, best_e = cur, cur_s, k
    return best, best_s, best_e


def _main_blocks(nonblank: list[_Line]) -> list[tuple[int, int]]:
    scores = [ln.score for ln in nonblank]
    best, s, e = _best_segment(scores)
    if s < 0:
        return []
    blocks = [(s, e)]
    # prose blocks close to the main one and nearly as strong belong to the article too
    for side in ("before", "after"):
        lo, hi = (max(0, s - SECOND_BLOCK_MAX_GAP * 3), s) if side == "before" else (e + 1, min(len(scores), e + 1 + SECOND_BLOCK_MAX_GAP * 3))
        sc, s2, e2 = _best_segment(scores, lo, hi)
        gap = s - e2 - 1 if side == "before" else s2 - e - 1
        if s2 >= 0 and sc >= SECOND_BLOCK_SHARE * best and 0 <= gap <= SECOND_BLOCK_MAX_GAP:
            blocks.append((s2, e2))
    return [(nonblank[a].i, nonblank[b].i) for a, b in blocks]


# a comment's header: a name, then when it was posted ("Ann Lee · March 4, 2018 at 9:05 PM", "bob 5 hours ago")
_POSTED = re.compile(r"\b\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?(?!\w)|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.I)
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")


def _comment_header_shape(ln: _Line) -> str | None:
    """The shape of a comment header line (its posting time on, digits as 0 and words as a: "0:0 a",
    "0 a a"), or None when the line is not one: a short line with a posting time after a name, no sentence."""
    if ln.words > COMMENT_HEADER_MAX_WORDS or ln.ends_sentence or ":" not in ln.text and "ago" not in ln.text:
        return None
    m = _POSTED.search(ln.text)
    if m is None or _is_date_line(ln):
        return None
    first_digit = _DIGITS.search(ln.text)
    if not _LETTERS.search(ln.text, 0, first_digit.start()):
        return None   # no name before the date: a timestamp, not a comment header
    return _LETTERS.sub("a", _DIGITS.sub("0", ln.text[m.start():]))


def _cut_comment_threads(L: list[_Line], nonblank: list[_Line], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Comments that continue the article's block of prose: header lines of one shape (a name and a
    posting time, see :func:`_comment_header_shape`), each above prose, at least twice, the first after
    :data:`COMMENT_MIN_ARTICLE_LINES` prose lines of the block. The block ends above the first header;
    the header and the thread below it are labelled ``comment``."""
    if not blocks:
        return blocks
    a, b = blocks[0]
    pos = {ln.i: k for k, ln in enumerate(nonblank)}
    start = pos[a]
    seen: dict[str, list[int]] = {}
    for k in range(start, len(nonblank) - 1):
        ln = nonblank[k]
        if ln.label is None and nonblank[k + 1].kind in ("good", "near"):
            shape = _comment_header_shape(ln)
            if shape is not None:
                seen.setdefault(shape, []).append(k)
    heads = sorted(k for ks in seen.values() if len(ks) >= 2 for k in ks)
    for k in heads:
        if nonblank[k].i > b:
            break
        prose = sum(x.kind == "good" for x in nonblank[start:k])
        if prose >= COMMENT_MIN_ARTICLE_LINES:
            head = nonblank[k]
            _set(head, "comment", f"comment header ({len(heads)} of this shape: name and posting time)")
            _claim_rest(L, head, "comment")
            cut = nonblank[k - 1].i
            return [(a, cut)] + [(x, y) for x, y in blocks[1:] if y < head.i]
    return blocks


LIST_BODY_MIN_ITEMS = 8        # a bulleted list this long ...
LIST_BODY_MIN_WORDS = 4        # ... of items this long (median) ...
LIST_BODY_WEAK_BLOCK = 40      # ... is the article when the best block of prose scores less than this


def _is_title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _list_body(nonblank: list[_Line], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An article that is a list (a changelog, a meal plan, a race calendar): when the best block of
    prose is weak (score under :data:`LIST_BODY_WEAK_BLOCK`), a run of at least
    :data:`LIST_BODY_MIN_ITEMS` bulleted items of :data:`LIST_BODY_MIN_WORDS` words or more (median),
    in sentence case (a list of headlines is title case), with more words than that block, is the
    article: its items, labelled a menu by the earlier pass, become the block."""
    pos = {ln.i: k for k, ln in enumerate(nonblank)}
    best_words, best_score = 0, 0.0
    if blocks:
        a, b = pos[blocks[0][0]], pos[blocks[0][1]]
        best_score = sum(ln.score for ln in nonblank[a:b + 1])
        best_words = sum(ln.words for ln in nonblank[a:b + 1] if ln.kind != "short")
    if best_score >= LIST_BODY_WEAK_BLOCK:
        return blocks
    runs, cur = [], []
    for ln in nonblank:
        if ln.bullet and ln.label in (None, "navigation"):
            cur.append(ln)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    good = []
    for run in runs:
        words = sorted(ln.words for ln in run)
        if len(run) >= LIST_BODY_MIN_ITEMS and words[len(words) // 2] >= LIST_BODY_MIN_WORDS \
                and sum(_is_title_case(_BULLET.sub("", ln.text)) for ln in run) < len(run) / 2 \
                and sum(words) > best_words:
            good.append(run)
    if not good:
        return blocks
    run = max(good, key=lambda r: sum(ln.words for ln in r))
    for ln in run:
        if ln.label == "navigation":
            ln.label, ln.reason = None, None
        if ln.kind == "short":
            ln.kind = "near"   # (an item of the article's list is body like its sentences)
    return [(run[0].i, run[-1].i)]


def _mark_body(L: list[_Line], blocks: list[tuple[int, int]]) -> None:
    for a, b in blocks:
        inside = [ln for ln in L[a:b + 1] if ln.text]
        for ln in inside:
            if ln.label is not None:
                continue
            if _is_photo_credit(ln.text) or _W3M_IMAGE.match(ln.text):
                _set(ln, "caption", "photo caption or credit inside the article")
            elif ln.kind in ("good", "near"):
                _set(ln, "body", f"{ln.kind} prose line ({ln.words} words) in the main block of text")
        # short unmarked lines between body lines: subheadings, Q&A turns, list items of the article.
        # The nearest labelled line below one is found before the loop (lines below are not changed
        # before their turn); the nearest above as the loop goes (it may have just become body).
        following: list[_Line | None] = [None] * len(inside)
        nxt = None
        for k in range(len(inside) - 1, -1, -1):
            following[k] = nxt
            if inside[k].label is not None:
                nxt = inside[k]
        prev = None
        for k, ln in enumerate(inside):
            if ln.label is None and ln.kind == "short" and ln.words >= 1:
                nxt = following[k]
                if prev is not None and nxt is not None and prev.label == "body" and nxt.label == "body":
                    _set(ln, "body", "short line between article paragraphs (subheading or list item)")
            if ln.label is not None:
                prev = ln


def _mostly_bracketed(text: str) -> bool:
    """Image labels and form fields of a text browser: ``[facebook-icon] [twitter-icon]``."""
    inside = sum(len(m) for m in _BRACKETED.findall(text))
    return inside > len(text) / 2


def _repeated_on_page(ln: _Line, page_keys: list[str], keys: set[str] | None = None) -> bool:
    """Does another line of the page (``page_keys``: sorted keys; ``keys``: the same as a set) equal,
    extend or begin this line?"""
    key = ln.key
    k = bisect.bisect_left(page_keys, key)
    own = 1 if ln.words >= 2 else 0          # the line's own key is in the list
    n_extending = 0                          # keys that start with this key (itself included)
    while k + n_extending < len(page_keys) and page_keys[k + n_extending].startswith(key) and n_extending <= own:
        n_extending += 1
    if n_extending > own:
        return True
    if keys is None:
        keys = set(page_keys)
    return any(key[:j] in keys for j in range(1, len(key)))


def _mark_header(L: list[_Line], blocks: list[tuple[int, int]]) -> None:
    first_body = next((ln.i for ln in L if ln.label == "body"), None)
    # dates, bylines and similar meta lines anywhere above or at the top of the article
    for ln in L:
        if ln.text and (ln.label is None or ln.label == "navigation" and first_body is not None
                        and ln.i < first_body) and _is_date_line(ln):
            _set(ln, "meta", "a date line", force=True)
    if first_body is None:
        return
    found = page_fields.best("headline", headline_candidates(L, first_body), keys=page_fields.headline_keys)
    if found is None:
        return
    p, (head, text, _) = found
    if text != head.text:   # the headline part of a "Headline | Site" line; the line keeps its text
        _set(head, "headline", f"{TITLE_PART_REASON} (model, p={p:.2f})", force=True)
    else:
        _set(head, "headline", f"title-like line above the article (model, p={p:.2f})", force=True)
    key = _norm(text)
    k0 = key[:1]
    for ln in L:
        if ln is head or not ln.text:
            continue
        if ln.bullet:
            t = _norm(_BULLET.sub("", ln.text))
        else:
            t = ln.key
            if t[:1] != k0:   # neither equal to the headline's key nor a start or extension of it
                continue
        if ln.label == "body" and t != key:
            continue  # a body paragraph may start like the headline; only an exact copy is a repeat
        if t and (t == key or (len(t) > 15 and (key.startswith(t) or t.startswith(key)))):
            _set(ln, "duplicate", "repeats the headline", force=True)


def headline_candidates(L: list[_Line], first_body: int) -> list[tuple]:
    """The candidate headlines of a page whose body is marked (:func:`newsframe.reading.page_fields.headline_candidates`)."""
    return page_fields.headline_candidates(L, first_body, fw=_function_words(), is_date_line=_is_date_line,
                                           is_photo_credit=_is_photo_credit)


def _mark_repeats(L: list[_Line]) -> None:
    """A prose line printed twice counts once: keep the copy inside the article flow."""
    seen: dict[str, _Line] = {}
    for ln in L:
        if not ln.text or ln.words < 4:
            continue
        key = ln.key
        if key in seen:
            first = seen[key]
            if first.label == "body" and ln.label == "body" and first.kind == "good":
                # the earlier copy is a summary above the article text
                _set(first, "teaser", f"lede repeated as a summary; kept once, at line {ln.i + 1}", force=True)
            elif ln.label in (None, "body") and first.label != "body":
                _set(ln, "duplicate", f"repeats line {first.i + 1}", force=True)
            elif ln.label is None:
                _set(ln, "duplicate", f"repeats line {first.i + 1}")
        else:
            seen[key] = ln
    # a truncated copy ("... next week ...") of a later body paragraph is a teaser
    bodies = None
    for ln in L:
        if ln.text and ln.label in (None, "body") and _is_truncated(ln.text):
            if bodies is None:
                bodies = [o for o in L if o.label == "body"]
            stem = _norm(_TRUNCATED.sub("", ln.text))
            if len(stem) > 20 and any(o is not ln and o.key.startswith(stem) for o in bodies):
                _set(ln, "teaser", "truncated copy of an article paragraph (summary)", force=True)


def _mark_rest(L: list[_Line]) -> None:
    for ln in L:
        if ln.label is not None:
            continue
        if not ln.text:
            _set(ln, "blank", "empty line")
        elif _is_photo_credit(ln.text) or _W3M_IMAGE.match(ln.text):
            _set(ln, "caption", "photo caption or credit")
        elif ln.kind == "good":
            _set(ln, "other", f"prose ({ln.words} words) outside the main block of text")
        elif ln.kind == "near":
            _set(ln, "other", f"sentence outside the main block of text ({ln.words} words)")
        else:
            _set(ln, "other", f"short line ({ln.words} words) outside the article")


# --------------------------------------------------------------------------- API
def classify_lines(lines, *, site_boilerplate=frozenset()) -> pd.DataFrame:
    """Label every line of one page; return ``line_no, text, label, reason``.

    ``site_boilerplate``: normalised lines (stripped, lower case, single
    spaces) that repeat on other pages of the same outlet.
    """
    # (the dict's order gives the columns: line_no, text, label, reason)
    return pd.DataFrame(classify_columns(lines, site_boilerplate=site_boilerplate))


def classify_columns(lines, *, site_boilerplate=frozenset()) -> dict[str, list]:
    """:func:`classify_lines` as a dict of column lists (``line_no, text, label, reason``).

    The corpus loader collects the lines of many pages and makes one table of
    them at the end, which costs less than a table per page.
    """
    L = label_lines(lines, site_boilerplate=site_boilerplate)
    return {"line_no": [ln.i + 1 for ln in L], "text": [ln.raw for ln in L],
            "label": [ln.label for ln in L], "reason": [ln.reason for ln in L]}


def label_lines(lines, *, site_boilerplate=frozenset()) -> list[_Line]:
    """The rule passes over one page: a line record (text, word count, function-word share, class,
    label, reason, ...) per line. :func:`classify_columns` gives its columns; the benchmark scripts
    read the records for their features."""
    lines = list(lines)
    markup = _markup_in_prose(lines)   # {line index: removed tags}; those lines are read without them
    L = _features([strip_markup(t) if i in markup else t for i, t in enumerate(lines)] if markup else lines)
    for i in markup:
        L[i].raw = lines[i]           # the audit keeps the line as it came
    _join_wrapped(L)
    nonblank = [ln for ln in L if ln.text]
    _mark_phrase_families(L)
    _mark_templates(L, frozenset(site_boilerplate))
    _mark_card_lists(nonblank)
    _mark_live_feeds(nonblank)
    _mark_navigation_runs(nonblank)
    for ln in nonblank:
        ln.score = _line_score(ln)
    _header_bonus(nonblank)
    blocks = _list_body(nonblank, _cut_comment_threads(L, nonblank, _main_blocks(nonblank)))
    _mark_body(L, blocks)
    _mark_header(L, blocks)
    _mark_repeats(L)
    _mark_rest(L)
    for i, tags in markup.items():
        ln = L[i]
        shown = " ".join(tags)
        shown = shown if len(shown) <= MARKUP_SHOWN else shown[:MARKUP_SHOWN - 1] + "…"
        ln.reason = f"{ln.reason}; markup inside the prose removed: {shown}"
    return L


def strip_markup(text: str) -> str:
    """``text`` without HTML tags (``<img src=x onerror="...">``, ``</span>``) and without the content
    of ``<script>`` and ``<style>`` elements, spaces closed up."""
    return " ".join(_TAG.sub(" ", _SCRIPT.sub(" ", text)).split())


def _markup_in_prose(lines: list[str]) -> dict[int, list[str]]:
    """Lines of prose that carry stray HTML tags: ``{index: the tags}``. A line counts when, without
    its tags, it still has :data:`NEAR_MIN_WORDS` words (a line that is mostly markup stays as it is,
    and the phrase family for leaked markup labels it)."""
    out = {}
    for i, t in enumerate(lines):
        if "<" in t and ">" in t:
            tags = [m.group(0) for m in _SCRIPT.finditer(t)] + _TAG.findall(_SCRIPT.sub(" ", t))
            if tags and len(_WORD.findall(strip_markup(t))) >= NEAR_MIN_WORDS:
                out[i] = tags
    return out


def column(table, name: str) -> list:
    """One column of a line table as a list: a DataFrame's, or a dict of lists' (:func:`classify_columns`)."""
    col = table[name]
    return col if isinstance(col, list) else col.tolist()


def assemble_body(line_table) -> str:
    """Body paragraphs joined by a blank line.

    ``line_table``: the DataFrame of :func:`classify_lines` or the columns of
    :func:`classify_columns`. Each body line is a paragraph, except that a
    line the renderer wrapped (no sentence punctuation at its end, the next
    body line right below it starting in lower case) is joined to the next one.
    """
    paras: list[str] = []
    prev_no, prev_open = None, False
    rows = [k for k, label in enumerate(column(line_table, "label")) if label == "body"]
    if not rows:
        return ""
    numbers, texts = column(line_table, "line_no"), column(line_table, "text")
    for k in rows:
        no, t = numbers[k], texts[k].strip()
        if "<" in t and ">" in t:
            t = strip_markup(t)   # (body lines with stray tags: see _markup_in_prose)
        if paras and prev_open and prev_no == no - 1 and t[:1].islower():
            paras[-1] += " " + t
        else:
            paras.append(t)
        # (a sentence end is one of _SENT_END_CHARS at the end of the line)
        prev_no, prev_open = no, not (t[-1:] in _SENT_END_CHARS and _SENT_END.search(t))
    return "\n\n".join(paras)
