"""The passes of the line classifier, in order: phrase families, templates, navigation, cards, the main block, header and repeats.

Each pass reads the lines (:class:`~.line_rules.Line`) with their features and the labels the earlier
passes gave, and labels more of them, always with a reason: :func:`mark_phrase_families` (boilerplate
phrases and the blocks they head), :func:`mark_templates` (lines repeated on other pages of the outlet),
:func:`mark_navigation_runs` (menus; live-blog tickers, story-card lists and galleries are found by
:mod:`newsframe.reading.item_lists`), :func:`main_blocks` (the highest-scoring stretch of the page, a
maximum-sum segment over :func:`line_score`; a list-shaped body is found by :func:`list_body`),
:func:`mark_body`, :func:`mark_header` (headline, date, byline above the article),
:func:`mark_repeats` (a lede shown twice counts once) and :func:`mark_rest`. :func:`cut_comment_threads`
ends the article where a reader-comment thread begins. docs/cleaning.md walks through them for class.
"""
from __future__ import annotations

import bisect
import re

from . import page_fields
from .line_rules import (BLOCK_MAX_LINES, BRACKETED, BULLET, BULLET_WEIGHT, COMMENT_HEADER_MAX_WORDS,
    COMMENT_MIN_ARTICLE_LINES, FURNITURE_PENALTY, GOOD_MIN_WORDS, HEADER_BONUS, Line, NAVIGATION_PENALTY,
    NAV_RUN_MIN, SECOND_BLOCK_MAX_GAP, SECOND_BLOCK_SHARE, SHORT_PENALTY, TITLE_PART_REASON, TRUNCATED, W3M_IMAGE,
    WORD_RE, WRAP_MIN_WORDS, function_words, is_date_line, is_photo_credit, is_truncated, normalised_line,
    phrase_matcher, set_label)


def join_wrapped(L: list[Line]) -> None:
    """A line the renderer wrapped mid-sentence (no sentence end, the next line right below starting in
    lower case and ending the sentence) takes the class of the sentence it belongs to."""
    for a, b in zip(L, L[1:]):
        if a.text and b.text and not a.ends_sentence and a.words >= WRAP_MIN_WORDS and not a.bullet \
                and b.text[:1].islower() and b.kind in ("good", "near") and b.ends_sentence:
            words = a.words + b.words
            kind = "good" if words >= GOOD_MIN_WORDS else "near"
            a.kind, b.kind, a.ends_sentence = kind, kind, True


# --------------------------------------------------------------------------- passes
def mark_phrase_families(L: list[Line]) -> None:
    n = len(L)
    headings = []
    family_of = phrase_matcher(L)
    for ln in L:
        if ln.label or not ln.text:
            continue
        fam = family_of(ln)
        if not fam:
            continue
        label, scope = fam
        set_label(ln, label, f"phrase family '{label}' ({ln.text[:40]})")
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
                    set_label(nxt, label, f"under the '{ln.text[:30]}' heading ({label} block)")
                claimed += 1
            j += 1


def _in_menu(L: list[Line], ln: Line) -> bool:
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


def _claim_rest(L: list[Line], head: Line, label: str) -> None:
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
            set_label(nxt, label, f"below the '{head.text[:30]}' heading ({label} section)")


def _prose_resumes(L: list[Line], j: int) -> bool:
    """True when line ``j`` starts a run of at least two prose lines (article text),
    not a one-line snippet between short lines (a card in a list of stories, a comment)."""
    following = [x for x in L[j + 1:j + 1 + 6] if x.text][:1]
    return bool(following) and following[0].kind in ("good", "near") and following[0].ends_sentence \
        and not following[0].bullet and following[0].label is None


def _blank_before(L: list[Line], j: int) -> bool:
    return j > 0 and not L[j - 1].text


def mark_templates(L: list[Line], site_boilerplate: frozenset[str]) -> None:
    if not site_boilerplate:
        return
    for ln in L:
        if ln.text and ln.label is None and ln.kind != "good" and ln.key in site_boilerplate:
            set_label(ln, "ui", "repeats on other pages of the same outlet (site template)")


def mark_navigation_runs(nonblank: list[Line]) -> None:
    """Runs of short lines (bulleted or not) that are not sentences: menus and link lists."""
    run: list[Line] = []

    def flush():
        if len(run) >= NAV_RUN_MIN:
            bullets = sum(r.bullet for r in run)
            for r in run:
                if r.label is None:
                    why = "bulleted" if bullets >= len(run) / 2 else "short"
                    set_label(r, "navigation", f"in a run of {len(run)} {why} link-like lines (menu or link list)")
        run.clear()

    for ln in nonblank:
        short = ln.kind == "short" and not ln.ends_sentence or (ln.bullet and ln.words <= 6)
        if short and ln.label is None:
            run.append(ln)
        elif run:
            flush()
    flush()


_FURNITURE = frozenset({"ticker", "related", "ui", "ad", "tags", "comment", "read_also"})


def line_score(ln: Line) -> float:
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


def header_bonus(nonblank: list[Line]) -> None:
    """Prose right under a byline or date line is where articles start."""
    for k, ln in enumerate(nonblank):
        if ln.label == "meta" or (ln.label is None and is_date_line(ln)):
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


def main_blocks(nonblank: list[Line]) -> list[tuple[int, int]]:
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


def _comment_header_shape(ln: Line) -> str | None:
    """The shape of a comment header line (its posting time on, digits as 0 and words as a: "0:0 a",
    "0 a a"), or None when the line is not one: a short line with a posting time after a name, no sentence."""
    if ln.words > COMMENT_HEADER_MAX_WORDS or ln.ends_sentence or ":" not in ln.text and "ago" not in ln.text:
        return None
    m = _POSTED.search(ln.text)
    if m is None or is_date_line(ln):
        return None
    first_digit = _DIGITS.search(ln.text)
    if not _LETTERS.search(ln.text, 0, first_digit.start()):
        return None   # no name before the date: a timestamp, not a comment header
    return _LETTERS.sub("a", _DIGITS.sub("0", ln.text[m.start():]))


def cut_comment_threads(L: list[Line], nonblank: list[Line], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
            set_label(head, "comment", f"comment header ({len(heads)} of this shape: name and posting time)")
            _claim_rest(L, head, "comment")
            cut = nonblank[k - 1].i
            return [(a, cut)] + [(x, y) for x, y in blocks[1:] if y < head.i]
    return blocks


LIST_BODY_MIN_ITEMS = 8        # a bulleted list this long ...
LIST_BODY_MIN_WORDS = 4        # ... of items this long (median) ...
LIST_BODY_WEAK_BLOCK = 40      # ... is the article when the best block of prose scores less than this


def _is_title_case(text: str) -> bool:
    words = [w for w in WORD_RE.findall(text) if w.isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def list_body(nonblank: list[Line], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
                and sum(_is_title_case(BULLET.sub("", ln.text)) for ln in run) < len(run) / 2 \
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


def mark_body(L: list[Line], blocks: list[tuple[int, int]]) -> None:
    for a, b in blocks:
        inside = [ln for ln in L[a:b + 1] if ln.text]
        for ln in inside:
            if ln.label is not None:
                continue
            if is_photo_credit(ln.text) or W3M_IMAGE.match(ln.text):
                set_label(ln, "caption", "photo caption or credit inside the article")
            elif ln.kind in ("good", "near"):
                set_label(ln, "body", f"{ln.kind} prose line ({ln.words} words) in the main block of text")
        # short unmarked lines between body lines: subheadings, Q&A turns, list items of the article.
        # The nearest labelled line below one is found before the loop (lines below are not changed
        # before their turn); the nearest above as the loop goes (it may have just become body).
        following: list[Line | None] = [None] * len(inside)
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
                    set_label(ln, "body", "short line between article paragraphs (subheading or list item)")
            if ln.label is not None:
                prev = ln


def _mostly_bracketed(text: str) -> bool:
    """Image labels and form fields of a text browser: ``[facebook-icon] [twitter-icon]``."""
    inside = sum(len(m) for m in BRACKETED.findall(text))
    return inside > len(text) / 2


def _repeated_on_page(ln: Line, page_keys: list[str], keys: set[str] | None = None) -> bool:
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


def mark_header(L: list[Line], blocks: list[tuple[int, int]]) -> None:
    first_body = next((ln.i for ln in L if ln.label == "body"), None)
    # dates, bylines and similar meta lines anywhere above or at the top of the article
    for ln in L:
        if ln.text and (ln.label is None or ln.label == "navigation" and first_body is not None
                        and ln.i < first_body) and is_date_line(ln):
            set_label(ln, "meta", "a date line", force=True)
    if first_body is None:
        return
    found = page_fields.best("headline", headline_candidates(L, first_body), keys=page_fields.headline_keys)
    if found is None:
        return
    p, (head, text, _) = found
    if text != head.text:   # the headline part of a "Headline | Site" line; the line keeps its text
        set_label(head, "headline", f"{TITLE_PART_REASON} (model, p={p:.2f})", force=True)
    else:
        set_label(head, "headline", f"title-like line above the article (model, p={p:.2f})", force=True)
    key = normalised_line(text)
    k0 = key[:1]
    for ln in L:
        if ln is head or not ln.text:
            continue
        if ln.bullet:
            t = normalised_line(BULLET.sub("", ln.text))
        else:
            t = ln.key
            if t[:1] != k0:   # neither equal to the headline's key nor a start or extension of it
                continue
        if ln.label == "body" and t != key:
            continue  # a body paragraph may start like the headline; only an exact copy is a repeat
        if t and (t == key or (len(t) > 15 and (key.startswith(t) or t.startswith(key)))):
            set_label(ln, "duplicate", "repeats the headline", force=True)


def headline_candidates(L: list[Line], first_body: int) -> list[tuple]:
    """The candidate headlines of a page whose body is marked (:func:`newsframe.reading.page_fields.headline_candidates`)."""
    return page_fields.headline_candidates(L, first_body, fw=function_words(), is_date_line=is_date_line,
                                           is_photo_credit=is_photo_credit)


def mark_repeats(L: list[Line]) -> None:
    """A prose line printed twice counts once: keep the copy inside the article flow."""
    seen: dict[str, Line] = {}
    for ln in L:
        if not ln.text or ln.words < 4:
            continue
        key = ln.key
        if key in seen:
            first = seen[key]
            if first.label == "body" and ln.label == "body" and first.kind == "good":
                # the earlier copy is a summary above the article text
                set_label(first, "teaser", f"lede repeated as a summary; kept once, at line {ln.i + 1}", force=True)
            elif ln.label in (None, "body") and first.label != "body":
                set_label(ln, "duplicate", f"repeats line {first.i + 1}", force=True)
            elif ln.label is None:
                set_label(ln, "duplicate", f"repeats line {first.i + 1}")
        else:
            seen[key] = ln
    # a truncated copy ("... next week ...") of a later body paragraph is a teaser
    bodies = None
    for ln in L:
        if ln.text and ln.label in (None, "body") and is_truncated(ln.text):
            if bodies is None:
                bodies = [o for o in L if o.label == "body"]
            stem = normalised_line(TRUNCATED.sub("", ln.text))
            if len(stem) > 20 and any(o is not ln and o.key.startswith(stem) for o in bodies):
                set_label(ln, "teaser", "truncated copy of an article paragraph (summary)", force=True)


def mark_rest(L: list[Line]) -> None:
    for ln in L:
        if ln.label is not None:
            continue
        if not ln.text:
            set_label(ln, "blank", "empty line")
        elif is_photo_credit(ln.text) or W3M_IMAGE.match(ln.text):
            set_label(ln, "caption", "photo caption or credit")
        elif ln.kind == "good":
            set_label(ln, "other", f"prose ({ln.words} words) outside the main block of text")
        elif ln.kind == "near":
            set_label(ln, "other", f"sentence outside the main block of text ({ln.words} words)")
        else:
            set_label(ln, "other", f"short line ({ln.words} words) outside the article")
