"""Repeated items beside the article: live feeds, story cards and photo galleries.

Many pages print, beside the article, a run of items of one shape: a live feed of clock-stamped
entries, newest first (:func:`mark_live_feeds`); a list of story cards, each a short title (a date, a
section) and a summary, often cut off in mid-sentence (:func:`mark_card_lists`); a gallery of
numbered slides, "4/50" with a caption and a photo credit (:func:`mark_galleries`). A run of
paragraphs numbered as steps ("Step 1", "Step 2") is the article's own structure and is left alone.
These passes of the line classifier (:mod:`newsframe.reading.clean`) label such runs, always with a
reason; where no article of prose stands beside the run, the run is left to be the article (a live
blog, a slideshow story).
"""
from __future__ import annotations

import re

from .line_rules import (ALNUM, BULLET_CHARS, CARD_MAX_SHORT, CARD_MIN_CARDS, CARD_MIN_SHORT, CARD_SUMMARY_MAX_WORDS,
    DATE_LINE, Line, set_label)


LIVE_FEED_MIN_ENTRIES = 5   # entries of a live feed beside the article ("14:44 Title", newest first)
_CLOCK_LEAD = re.compile(r"^\W{0,3}([01]?\d|2[0-3])[:h.]([0-5]\d)\b")


def mark_live_feeds(nonblank: list[Line]) -> None:
    """A live feed beside the article: at least :data:`LIVE_FEED_MIN_ENTRIES` lines that open with a
    clock time, newest first (a timeline inside an article runs forward), after three lines of prose
    that carry no time. The feed (first to last entry) is a ``ticker``."""
    entries = []
    for k, ln in enumerate(nonblank):
        c = ln.text[:1]
        if (c.isdigit() or c in BULLET_CHARS) and ln.label is None:
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
        set_label(ln, "ticker", f"live feed beside the article ({len(entries)} timestamped entries, newest first)")


def has_alnum(text: str) -> bool:
    return ALNUM.search(text) is not None


_NUMBERED_HEADING = re.compile(r"^\W*(?:([^\W\d]+)\s+)?(\d{1,3})\W*$")   # "Step 2", "Day 3", "2."


def _numbered_steps(nonblank: list[Line], run: list[tuple[int, int]]) -> bool:
    """The short lines between the prose lines number it ("Step 1", "Step 2", ...): an article's own
    sections (a how-to, a day-by-day account), not a list of story cards."""
    numbers = []
    for a, b in run:
        for x in nonblank[a:b]:
            m = _NUMBERED_HEADING.match(x.text)
            if m:
                numbers.append(((m.group(1) or "").lower(), int(m.group(2))))
                break
    if len(numbers) < len(run) / 2:
        return False
    rising = sum(p[0] == q[0] and q[1] == p[1] + 1 for p, q in zip(numbers, numbers[1:]))
    return rising >= 0.8 * (len(numbers) - 1)


def _looks_like_cards(nonblank: list[Line], run: list[tuple[int, int]]) -> bool:
    """Cards have short summaries, or their title lines carry dates or repeat (a title printed twice);
    numbered steps are no cards (:func:`_numbered_steps`)."""
    if _numbered_steps(nonblank, run):
        return False
    summaries = sorted(nonblank[b].words for _, b in run)
    if summaries[len(summaries) // 2] <= CARD_SUMMARY_MAX_WORDS:
        return True
    titles = [x for a, b in run for x in nonblank[a:b]]
    dates = sum(bool(DATE_LINE.match(x.text)) for x in titles)
    repeats = len(titles) - len({x.key for x in titles})
    return dates + repeats >= len(run) / 2


TEASER_MIN_WORDS = 20   # a summary cut off in mid-sentence ("... a writer, producer and") is this long


_LAST_WORD = re.compile(r"(\w+)$")


def _cut_teaser(ln: Line) -> bool:
    """A card's summary cut off in mid-sentence: long, not bulleted, ending in a word ("... a writer,
    producer and"), not in punctuation or a number."""
    if ln.words < TEASER_MIN_WORDS or ln.bullet:
        return False
    m = _LAST_WORD.search(ln.text)
    return m is not None and m.group(1).isalpha()


def mark_card_lists(nonblank: list[Line]) -> None:
    """Lists of story cards: one prose line (a summary) after a few short lines (title, date, section),
    again and again. An article's paragraphs follow each other or sit under one subheading; a card list
    puts CARD_MIN_SHORT or more short lines between its sentences, CARD_MIN_CARDS times in a row."""
    # summaries cut off in mid-sentence count when the page has several (a stream of story cards)
    teasers = {k for k, ln in enumerate(nonblank) if ln.kind in ("good", "near") and ln.label is None
               and not ln.ends_sentence and _cut_teaser(ln)}
    if len(teasers) < CARD_MIN_CARDS:
        teasers = set()
    prose = [k for k, ln in enumerate(nonblank)
             if ln.kind in ("good", "near") and ln.label is None and (
                 ln.ends_sentence and not ln.text.endswith("?") or k in teasers)]
    run: list[tuple[int, int]] = []   # (first short line, prose line) of each card

    def flush():
        if len(run) >= CARD_MIN_CARDS and _looks_like_cards(nonblank, run):
            for a, b in run:
                for ln in nonblank[a:b + 1]:
                    set_label(ln, "related", f"in a list of {len(run)} story cards (short title lines, then a summary)")
        run.clear()

    prev = -1
    for k in prose:
        if k - prev - 1 < CARD_MIN_SHORT:   # too few lines in the gap, whatever they are
            if run:
                flush()
            prev = k
            continue
        gap = [g for g in nonblank[prev + 1:k] if has_alnum(g.text)]   # rules such as "___" are not card lines
        if CARD_MIN_SHORT <= len(gap) <= CARD_MAX_SHORT and \
                all(g.kind != "good" and (not g.ends_sentence or g.text.endswith("?")) for g in gap):
            run.append((prev + 1, k))
        elif run:
            flush()
        prev = k
    flush()


GALLERY_MIN_SLIDES = 5   # numbered slides ("4/50", "Image 4 of 50") of one gallery beside the article
_SLIDE = re.compile(r"^\W{0,3}(?:(?:image|photo|picture|slide|bild|foto)\s+)?(\d{1,3})\s*(?:/|of|von|de|sur)\s*(\d{1,3})\b",
                    re.I)


def mark_galleries(nonblank: list[Line]) -> set[int]:
    """A photo gallery beside the article: at least :data:`GALLERY_MIN_SLIDES` lines that open with a
    slide counter of one gallery ("4/50", "Image 5 of 50": the same total, the number rising), after three
    lines of prose outside it. From the first counter to the caption after the last, the slides' lines
    (counter, caption, credit) are ``caption``, and so are the short lines of the gallery's own header
    above the first counter ("Business news in pictures", its buttons). Without prose outside, the
    gallery may be the story itself and is left alone. Returns the line numbers (``Line.i``) of the
    galleries: an article that goes on after a gallery set in its middle is one article."""
    inside: set[int] = set()
    slides: dict[int, list[tuple[int, int]]] = {}
    for k, ln in enumerate(nonblank):
        if ln.label is None and ln.words <= 20:
            m = _SLIDE.match(ln.text)
            if m and 0 < int(m.group(1)) <= int(m.group(2)) >= GALLERY_MIN_SLIDES:
                slides.setdefault(int(m.group(2)), []).append((k, int(m.group(1))))
    for total, found in slides.items():
        if len(found) < GALLERY_MIN_SLIDES:
            continue
        numbers = [n for _, n in found]
        if sum(b == a + 1 for a, b in zip(numbers, numbers[1:])) < 0.8 * (len(numbers) - 1):
            continue   # not one gallery's slides in order
        first, last = found[0][0], found[-1][0]
        outside = [ln for j, ln in enumerate(nonblank) if (j < first or j > last) and ln.kind == "good"]
        if len(outside) < 3:
            continue
        # the last slide's caption: the prose line right after its counter, if any
        stop = last + 1 if last + 1 < len(nonblank) and nonblank[last + 1].kind in ("good", "near") else last
        start = first
        while start > 0 and nonblank[start - 1].kind != "good" and nonblank[start - 1].label is None:
            start -= 1      # the gallery's header: short lines up to the prose above
        for ln in nonblank[start:stop + 1]:
            set_label(ln, "caption", f"in a gallery of {total} numbered slides beside the article")
            inside.add(ln.i)
    return inside
