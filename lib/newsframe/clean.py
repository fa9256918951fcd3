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

from .resources import read_lines, read_table

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
HEADLINE_MAX_WORDS = 30
HEADLINE_MIN_WORDS = 2
HEADLINE_LOOKBACK = 40       # headline is searched this many lines above the article
SECOND_BLOCK_SHARE = 0.35    # another prose block this strong (vs the best) is article too
SECOND_BLOCK_MAX_GAP = 12    # ... if at most this many non-blank lines away

_WORD = re.compile(r"\w+", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[•*·◦▪▫■□●○►▸‣⁃+–-]|\d{1,2}[.)])\s+")
_SENT_END = re.compile(r"""[.!?。！？…:;]["'”’»)\]]*$""")
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


@dataclass
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


# --------------------------------------------------------------------------- data
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
    return re.sub(r"\s+", " ", s.strip().lower())


# --------------------------------------------------------------------------- features
def _features(lines: list[str]) -> list[_Line]:
    fw = _function_words()
    is_function = fw.__contains__
    out = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            out.append(_Line(i, raw, "", 0, 0.0, False, False, 0, ""))
            continue
        low = text.lower()
        toks = _WORD.findall(low)
        n = len(toks)
        share = sum(map(is_function, toks)) / n if n else 0.0
        # cheap character tests first; the regular expressions only where they can match
        ends = text[-1] in _SENT_END_CHARS and bool(_SENT_END.search(text))
        bullet = (text[0] in _BULLET_CHARS or text[0].isdigit()) and bool(_BULLET.match(raw))
        out.append(_Line(i, raw, text, n, share, ends, bullet, len(raw) - len(raw.lstrip(" \t")),
                         " ".join(low.split())))
    return out


def _phrase_family(ln: _Line):
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
    for ln in L:
        if ln.label or not ln.text:
            continue
        fam = _phrase_family(ln)
        if not fam:
            continue
        label, scope = fam
        _set(ln, label, f"phrase family '{label}' ({ln.text[:40]})")
        if scope in ("block", "rest") and not _in_menu(L, ln):
            headings.append((ln, label, scope))
    for ln, label, scope in headings:
        if scope == "rest":
            _claim_rest(L, ln, label)
            continue
        # the heading claims the lines below it, until the article's prose resumes
        j, claimed = ln.i + 1, 0
        while j < n and claimed < BLOCK_MAX_LINES:
            nxt = L[j]
            if nxt.text:
                if nxt.label is not None and nxt.reason.startswith("phrase family") and \
                        any(h is nxt for h, _, _ in headings):
                    break  # the next heading starts its own block
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
    prev = next((x for x in reversed(L[:ln.i]) if x.text), None)
    return prev is not None and prev.bullet and 1 <= prev.words <= 6


def _claim_rest(L: list[_Line], head: _Line, label: str) -> None:
    """A comment thread: everything below the heading up to the next menu run."""
    short_run = 0
    for nxt in L[head.i + 1:]:
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


def _mark_navigation_runs(L: list[_Line]) -> None:
    """Runs of short lines (bulleted or not) that are not sentences: menus and link lists."""
    nonblank = [ln for ln in L if ln.text]
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
        else:
            flush()
    flush()


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _looks_like_cards(nonblank: list[_Line], run: list[tuple[int, int]]) -> bool:
    """Cards have short summaries, or their title lines carry dates or repeat (a title printed twice)."""
    summaries = sorted(nonblank[b].words for _, b in run)
    if summaries[len(summaries) // 2] <= CARD_SUMMARY_MAX_WORDS:
        return True
    titles = [x for a, b in run for x in nonblank[a:b]]
    dates = sum(bool(_DATE_LINE.match(x.text)) for x in titles)
    repeats = len(titles) - len({x.key for x in titles})
    return dates + repeats >= len(run) / 2


def _mark_card_lists(L: list[_Line]) -> None:
    """Lists of story cards: one prose line (a summary) after a few short lines (title, date, section),
    again and again. An article's paragraphs follow each other or sit under one subheading; a card list
    puts CARD_MIN_SHORT or more short lines between its sentences, CARD_MIN_CARDS times in a row."""
    nonblank = [ln for ln in L if ln.text]
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
        gap = [g for g in nonblank[prev + 1:k] if _has_alnum(g.text)]   # rules such as "___" are not card lines
        if CARD_MIN_SHORT <= len(gap) <= CARD_MAX_SHORT and \
                all(g.kind != "good" and (not g.ends_sentence or g.text.endswith("?")) for g in gap):
            run.append((prev + 1, k))
        else:
            flush()
        prev = k
    flush()


def _line_score(ln: _Line) -> float:
    if not ln.text:
        return 0.0
    if ln.label == "navigation":
        return -NAVIGATION_PENALTY
    if ln.label in {"ticker", "related", "ui", "ad", "tags", "comment", "read_also"}:
        return -FURNITURE_PENALTY - 0.3 * min(ln.words, 30)
    if ln.label in {"disclaimer", "meta"}:
        return -FURNITURE_PENALTY
    if ln.kind == "good":
        return float(ln.words) * (BULLET_WEIGHT if ln.bullet else 1.0)
    if ln.kind == "near" and ln.ends_sentence and not ln.bullet:
        return 0.5 * ln.words - 1.0
    return -SHORT_PENALTY


def _header_bonus(L: list[_Line]) -> None:
    """Prose right under a byline or date line is where articles start."""
    nonblank = [ln for ln in L if ln.text]
    for k, ln in enumerate(nonblank):
        if ln.label == "meta" or (ln.label is None and _DATE_LINE.match(_BULLET.sub("", ln.text))):
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


def _main_blocks(L: list[_Line]) -> list[tuple[int, int]]:
    nonblank = [ln for ln in L if ln.text]
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


def _mark_body(L: list[_Line], blocks: list[tuple[int, int]]) -> None:
    for a, b in blocks:
        inside = [ln for ln in L[a:b + 1] if ln.text]
        for ln in inside:
            if ln.label is not None:
                continue
            if _photo_credit().search(ln.text) or _W3M_IMAGE.match(ln.text):
                _set(ln, "caption", "photo caption or credit inside the article")
            elif ln.kind in ("good", "near"):
                _set(ln, "body", f"{ln.kind} prose line ({ln.words} words) in the main block of text")
        # short unmarked lines between body lines: subheadings, Q&A turns, list items of the article
        for k, ln in enumerate(inside):
            if ln.label is None and ln.kind == "short" and ln.words >= 1:
                prev = next((x for x in reversed(inside[:k]) if x.label is not None), None)
                nxt = next((x for x in inside[k + 1:] if x.label is not None), None)
                if prev is not None and nxt is not None and prev.label == "body" and nxt.label == "body":
                    _set(ln, "body", "short line between article paragraphs (subheading or list item)")


def _mostly_bracketed(text: str) -> bool:
    """Image labels and form fields of a text browser: ``[facebook-icon] [twitter-icon]``."""
    inside = sum(len(m) for m in _BRACKETED.findall(text))
    return inside > len(text) / 2


def _repeated_on_page(ln: _Line, page_keys: list[str]) -> bool:
    """Does another line of the page (``page_keys``: sorted keys) equal, extend or begin this line?"""
    key = ln.key
    k = bisect.bisect_left(page_keys, key)
    own = 1 if ln.words >= 2 else 0          # the line's own key is in the list
    n_extending = 0                          # keys that start with this key (itself included)
    while k + n_extending < len(page_keys) and page_keys[k + n_extending].startswith(key) and n_extending <= own:
        n_extending += 1
    if n_extending > own:
        return True
    keys = set(page_keys)
    return any(key[:j] in keys for j in range(1, len(key)))


def _mark_header(L: list[_Line], blocks: list[tuple[int, int]]) -> None:
    first_body = next((ln.i for ln in L if ln.label == "body"), None)
    # dates, bylines and similar meta lines anywhere above or at the top of the article
    for ln in L:
        above = first_body is not None and ln.i < first_body
        if ln.text and (ln.label is None or above and ln.label == "navigation") \
                and _DATE_LINE.match(_BULLET.sub("", ln.text)):
            _set(ln, "meta", "a date line", force=True)
    if first_body is None:
        return
    lo = max(0, first_body - HEADLINE_LOOKBACK)
    page_keys = sorted(ln.key for ln in L if ln.text and ln.words >= 2)
    cands = []
    for ln in L[lo:first_body]:
        if not ln.text or ln.label not in (None, "navigation", "ui"):
            continue
        if not (HEADLINE_MIN_WORDS <= ln.words <= HEADLINE_MAX_WORDS) or _DATE_LINE.match(ln.text):
            continue
        if ln.bullet or ln.text.endswith((".", ":")) and not ln.text.endswith("...") \
                or _photo_credit().search(ln.text) or _mostly_bracketed(ln.text):
            continue
        caps = sum(w[:1].isupper() for w in ln.text.split()) / max(1, len(ln.text.split()))
        dist = first_body - ln.i
        repeats = _repeated_on_page(ln, page_keys)
        score = ln.words * 0.3 + caps * 2 + (3 if repeats else 0) - dist * 0.15 - (2 if ln.label else 0)
        cands.append((score, ln))
    if not cands:
        return
    score, head = max(cands, key=lambda c: (c[0], -c[1].i))
    if score < 1.5:
        return
    # prefer the earliest full copy of the headline
    key = head.key
    copies = [ln for ln in L[:first_body] if ln.text and (ln.key == key or key.startswith(ln.key) and ln.words >= 3
                                                           or ln.key.startswith(key))]
    head = max(copies, key=lambda ln: (ln.words, -ln.i)) if copies else head
    _set(head, "headline", "title-like line above the article", force=True)
    for ln in L:
        if ln is head or not ln.text:
            continue
        t = _norm(_BULLET.sub("", ln.text)) if ln.bullet else ln.key
        if ln.label == "body" and t != key:
            continue  # a body paragraph may start like the headline; only an exact copy is a repeat
        if t and (t == key or (len(t) > 15 and (key.startswith(t) or t.startswith(key)))):
            _set(ln, "duplicate", "repeats the headline", force=True)


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
    bodies = [ln for ln in L if ln.label == "body"]
    for ln in L:
        if ln.text and _TRUNCATED.search(ln.text) and ln.label in (None, "body"):
            stem = _norm(_TRUNCATED.sub("", ln.text))
            if len(stem) > 20 and any(o is not ln and o.key.startswith(stem) for o in bodies):
                _set(ln, "teaser", "truncated copy of an article paragraph (summary)", force=True)


def _mark_rest(L: list[_Line]) -> None:
    for ln in L:
        if ln.label is not None:
            continue
        if not ln.text:
            _set(ln, "blank", "empty line")
        elif _photo_credit().search(ln.text) or _W3M_IMAGE.match(ln.text):
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
    L = _features(list(lines))
    for ln in L:
        ln.kind = _kind(ln)
    _join_wrapped(L)
    for ln in L:
        if not ln.text:
            _set(ln, "blank", "empty line")
    _mark_phrase_families(L)
    _mark_templates(L, frozenset(site_boilerplate))
    _mark_card_lists(L)
    _mark_navigation_runs(L)
    for ln in L:
        ln.score = _line_score(ln)
    _header_bonus(L)
    blocks = _main_blocks(L)
    _mark_body(L, blocks)
    _mark_header(L, blocks)
    _mark_repeats(L)
    _mark_rest(L)
    return pd.DataFrame({"line_no": [ln.i + 1 for ln in L], "text": [ln.raw for ln in L],
                         "label": [ln.label for ln in L], "reason": [ln.reason for ln in L]},
                        columns=["line_no", "text", "label", "reason"])


def assemble_body(line_table: pd.DataFrame) -> str:
    """Body paragraphs joined by a blank line.

    Each body line is a paragraph, except that a line the renderer wrapped
    (no sentence punctuation at its end, the next body line right below it
    starting in lower case) is joined to the next one.
    """
    paras: list[str] = []
    prev_no, prev_open = None, False
    for no, text, label in zip(line_table["line_no"].tolist(), line_table["text"].tolist(),
                               line_table["label"].tolist()):
        if label != "body":
            continue
        t = text.strip()
        if paras and prev_open and prev_no == no - 1 and t[:1].islower():
            paras[-1] += " " + t
        else:
            paras.append(t)
        prev_no, prev_open = no, not _SENT_END.search(t)
    return "\n\n".join(paras)
