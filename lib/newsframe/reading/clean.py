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

Where the parts are: the tunable constants, word lists, phrase families and per-line features in
:mod:`.line_rules`; the five passes in :mod:`.line_passes`; the entry points (:func:`classify_lines`,
:func:`label_lines`, :func:`assemble_body`) here.
"""
from __future__ import annotations

import pandas as pd

from .line_rules import (Line, MARKUP_SHOWN, NEAR_MIN_WORDS, SCRIPT_RE, SENT_END, SENT_END_CHARS, TAG_RE, WORD_RE,
    line_features)
from .line_passes import (cut_comment_threads, header_bonus, join_wrapped, line_score, list_body, main_blocks,
    mark_body, mark_header, mark_navigation_runs, mark_phrase_families, mark_repeats, mark_rest, mark_templates)
from .item_lists import mark_card_lists, mark_galleries, mark_live_feeds
# public names of the classifier's parts, importable from newsframe.reading.clean as before the split
from .line_rules import (LABELS, GOOD_MIN_WORDS, GOOD_MIN_FUNCTION, LONG_PROSE_WORDS, WRAP_MIN_WORDS, SHORT_PENALTY,
    HEADER_BONUS, BULLET_WEIGHT, FURNITURE_PENALTY, NAVIGATION_PENALTY, CARD_MIN_CARDS, CARD_MIN_SHORT, CARD_MAX_SHORT,
    CARD_SUMMARY_MAX_WORDS, NAV_RUN_MIN, BLOCK_MAX_LINES, TITLE_PART_REASON, SECOND_BLOCK_SHARE, SECOND_BLOCK_MAX_GAP,
    COMMENT_HEADER_MAX_WORDS, COMMENT_MIN_ARTICLE_LINES, function_words, fold, regex_hints, ASCII_NON_WORD,
    ascii_words)  # noqa: F401
from .line_passes import (LIST_BODY_MIN_ITEMS, LIST_BODY_MIN_WORDS, LIST_BODY_WEAK_BLOCK,
    headline_candidates)  # noqa: F401
from .item_lists import LIVE_FEED_MIN_ENTRIES  # noqa: F401


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


def label_lines(lines, *, site_boilerplate=frozenset()) -> list[Line]:
    """The rule passes over one page: a line record (text, word count, function-word share, class,
    label, reason, ...) per line. :func:`classify_columns` gives its columns; the benchmark scripts
    read the records for their features."""
    lines = list(lines)
    markup = _markup_in_prose(lines)   # {line index: removed tags}; those lines are read without them
    L = line_features([strip_markup(t) if i in markup else t for i, t in enumerate(lines)] if markup else lines)
    for i in markup:
        L[i].raw = lines[i]           # the audit keeps the line as it came
    join_wrapped(L)
    nonblank = [ln for ln in L if ln.text]
    mark_phrase_families(L)
    mark_templates(L, frozenset(site_boilerplate))
    gallery = mark_galleries(nonblank)
    mark_card_lists(nonblank)
    mark_live_feeds(nonblank)
    mark_navigation_runs(nonblank)
    for ln in nonblank:
        ln.score = line_score(ln)
    header_bonus(nonblank)
    # a gallery set in the middle of the article does not split it: the blocks are found without it
    prose = [ln for ln in nonblank if ln.i not in gallery] if gallery else nonblank
    blocks = list_body(nonblank, cut_comment_threads(L, nonblank, main_blocks(prose)))
    mark_body(L, blocks)
    mark_header(L, blocks)
    mark_repeats(L)
    mark_rest(L)
    for i, tags in markup.items():
        ln = L[i]
        shown = " ".join(tags)
        shown = shown if len(shown) <= MARKUP_SHOWN else shown[:MARKUP_SHOWN - 1] + "…"
        ln.reason = f"{ln.reason}; markup inside the prose removed: {shown}"
    return L


def strip_markup(text: str) -> str:
    """``text`` without HTML tags (``<img src=x onerror="...">``, ``</span>``) and without the content
    of ``<script>`` and ``<style>`` elements, spaces closed up."""
    return " ".join(TAG_RE.sub(" ", SCRIPT_RE.sub(" ", text)).split())


def _markup_in_prose(lines: list[str]) -> dict[int, list[str]]:
    """Lines of prose that carry stray HTML tags: ``{index: the tags}``. A line counts when, without
    its tags, it still has :data:`NEAR_MIN_WORDS` words (a line that is mostly markup stays as it is,
    and the phrase family for leaked markup labels it)."""
    out = {}
    for i, t in enumerate(lines):
        if "<" in t and ">" in t:
            tags = [m.group(0) for m in SCRIPT_RE.finditer(t)] + TAG_RE.findall(SCRIPT_RE.sub(" ", t))
            if tags and len(WORD_RE.findall(strip_markup(t))) >= NEAR_MIN_WORDS:
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
        prev_no, prev_open = no, not (t[-1:] in SENT_END_CHARS and SENT_END.search(t))
    return "\n\n".join(paras)
