"""Line classifier: which lines of a raw page dump are the article?

A raw dump is the text of a whole web page: menus, tickers, link lists,
captions, share buttons and footers around the article. HTML extractors
(trafilatura, jusText, readability) rely on the markup, which a text dump no
longer has; handed plain text, trafilatura scores F1 0.67 on the development
pages. So this classifier is written for text and uses *shallow text
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
   Bullets, indentation and runs of short lines mark *navigation*; lines that
   repeat on other pages of the same outlet (``site_boilerplate``) are
   templates.
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
SHORT_PENALTY = 1.5          # score of a short, unmarked line (and of a bulleted or unpunctuated near line)
HEADER_BONUS = 25.0         # extra score of the first prose line under a byline or date line
BULLET_WEIGHT = 0.5          # a bulleted prose line counts this much of its words
FURNITURE_PENALTY = 4.0      # score of a line a phrase family or a template marks
NAVIGATION_PENALTY = 6.0     # score of a line in a menu run: long menus end the article
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
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]{0,60}(?:photo|image|picture|file|getty|afp|ap|reuters|epa|xinhua|yonhap|via|credit|illustrat)[^()]{0,60})\)\s*$"
    r"|^(?:photo|image|picture|file photo|caption)\s*[:/-]"
    r"|(?:photo|image|picture)\s*(?:credit|courtesy|by)\s*[:/]", re.I)
_W3M_IMAGE = re.compile(r"^\s*\[[^\]]{0,120}\]\s*$")
_DATE_LINE = re.compile(
    r"^\W*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\W+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:\W+\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)?(?:\s*[a-z]{2,4})?[\s\d:|-]*$", re.I)
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
def _phrase_family_union() -> tuple[re.Pattern, int]:
    """All phrase families in one regular expression (one match per line instead of one per family)."""
    fams = _phrase_families()
    union = re.compile("|".join(f"(?P<f{k}>{pat.pattern})" for k, (_, _, _, pat) in enumerate(fams)), re.I)
    return union, max(m for _, _, m, _ in fams)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


# --------------------------------------------------------------------------- features
def _features(lines: list[str]) -> list[_Line]:
    fw = _function_words()
    out = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        toks = _WORD.findall(text.lower())
        n = len(toks)
        share = sum(t in fw for t in toks) / n if n else 0.0
        out.append(_Line(i, raw, text, n, share, bool(_SENT_END.search(text)), bool(_BULLET.match(raw)),
                         len(raw) - len(raw.lstrip(" \t")), " ".join(text.lower().split())))
    return out


def _phrase_family(ln: _Line):
    union, longest = _phrase_family_union()
    if not ln.text or ln.words > longest:
        return None
    body = _BULLET.sub("", ln.text).strip() if ln.bullet else ln.text
    m = union.fullmatch(body)
    if m is None:
        return None
    label, scope, max_words, _ = _phrase_families()[int(m.lastgroup[1:])]
    if ln.words <= max_words:
        return label, scope
    for label, scope, max_words, pat in _phrase_families():  # another family may allow this length
        if ln.words <= max_words and pat.fullmatch(body):
            return label, scope
    return None


def _kind(ln: _Line) -> str:
    if ln.words >= LONG_PROSE_WORDS and ln.function_share >= GOOD_MIN_FUNCTION / 2:
        return "good"
    if ln.words >= GOOD_MIN_WORDS and ln.ends_sentence and ln.function_share >= GOOD_MIN_FUNCTION:
        return "good"
    if ln.words >= NEAR_MIN_WORDS and (ln.ends_sentence or ln.function_share >= GOOD_MIN_FUNCTION):
        return "near"
    return "short"


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
            if _PHOTO_CREDIT.search(ln.text) or _W3M_IMAGE.match(ln.text):
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


def _mark_header(L: list[_Line], blocks: list[tuple[int, int]]) -> None:
    first_body = next((ln.i for ln in L if ln.label == "body"), None)
    # dates, bylines and similar meta lines anywhere above or at the top of the article
    for ln in L:
        if ln.text and ln.label is None and _DATE_LINE.match(_BULLET.sub("", ln.text)):
            _set(ln, "meta", "a date line")
    if first_body is None:
        return
    lo = max(0, first_body - HEADLINE_LOOKBACK)
    cands = []
    for ln in L[lo:first_body]:
        if not ln.text or ln.label not in (None, "navigation", "ui"):
            continue
        if not (HEADLINE_MIN_WORDS <= ln.words <= HEADLINE_MAX_WORDS) or _DATE_LINE.match(ln.text):
            continue
        if ln.bullet or ln.text.endswith((".", ":")) and not ln.text.endswith("..."):
            continue
        caps = sum(w[:1].isupper() for w in ln.text.split()) / max(1, len(ln.text.split()))
        dist = first_body - ln.i
        repeats = any(o.key.startswith(ln.key) or ln.key.startswith(o.key) for o in L
                      if o.text and o is not ln and o.words >= 2)
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
        if ln is head or not ln.text or ln.label == "body":
            continue
        t = _norm(_BULLET.sub("", ln.text)) if ln.bullet else ln.key
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
        elif _PHOTO_CREDIT.search(ln.text) or _W3M_IMAGE.match(ln.text):
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
    for ln in L:
        if not ln.text:
            _set(ln, "blank", "empty line")
    _mark_phrase_families(L)
    _mark_templates(L, frozenset(site_boilerplate))
    _mark_navigation_runs(L)
    for ln in L:
        ln.score = _line_score(ln)
    _header_bonus(L)
    blocks = _main_blocks(L)
    _mark_body(L, blocks)
    _mark_header(L, blocks)
    _mark_repeats(L)
    _mark_rest(L)
    return pd.DataFrame([(ln.i + 1, ln.raw, ln.label, ln.reason) for ln in L],
                        columns=["line_no", "text", "label", "reason"])


def assemble_body(line_table: pd.DataFrame) -> str:
    """Body paragraphs joined by a blank line.

    Each body line is a paragraph, except that a line the renderer wrapped
    (no sentence punctuation at its end, the next body line right below it
    starting in lower case) is joined to the next one.
    """
    paras: list[str] = []
    prev_no, prev_open = None, False
    for no, text, label in zip(line_table["line_no"], line_table["text"], line_table["label"]):
        if label != "body":
            continue
        t = text.strip()
        if paras and prev_open and prev_no == no - 1 and t[:1].islower():
            paras[-1] += " " + t
        else:
            paras.append(t)
        prev_no, prev_open = no, not _SENT_END.search(t)
    return "\n\n".join(paras)
