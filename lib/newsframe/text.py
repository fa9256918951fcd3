"""The shared text layer: normalisation, sentences and tokens.

Every analysis (framing, wording, timex, timeline) splits text the same way,
so a sentence id or a character span means the same thing everywhere.

* Normalisation (:func:`normalize`) maps curly quotes to straight ones,
  typographic dashes and non-breaking hyphens to ASCII, non-breaking and
  zero-width spaces to plain spaces, and drops soft hyphens. It keeps the
  string length unchanged where it can (one character for one), so offsets
  computed on normalised text point into the original text too.
* Sentences come from NLTK's Punkt algorithm (Kiss and Strunk 2006) used
  *without* the downloadable ``punkt`` model: an untrained
  ``PunktSentenceTokenizer`` seeded with the abbreviation list in
  ``data/abbreviations_en.txt``. Paragraph breaks (blank lines) always end a
  sentence.
* Tokens come from an NLTK ``RegexpTokenizer`` that keeps words with inner
  hyphens and apostrophes together (``Yoon Suk-yeol``, ``Japan's``) and
  numbers with decimal points (``5.5-year``).
* Stop words: ``data/stopwords_en.txt`` (NLTK's English list, shipped).
* The sentence table of a corpus (:func:`sentence_table`): one row per sentence of every body (``id,
  paragraph, sentence, start, end, text``), made once and handed to the analyses as ``sentences=``,
  so attribution, frames, tone, time expressions and reuse read the same sentences without splitting
  the bodies again.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress

import pandas as pd
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .resources import read_lines

# One character for one, so offsets survive normalisation.
_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ",
}
_TRANS = str.maketrans(_CHAR_MAP)   # (normalize gives the same result as str.translate with this; tested)
_REPLACEMENTS = (("\u00ad", ""),) + tuple(_CHAR_MAP.items())   # the soft hyphen is removed

WORD_PATTERN = r"\$?\d+(?:[.,]\d+)*(?:-[A-Za-z]+)*%?|\w+(?:[-'’]\w+)*|[^\w\s]"
_word_tokenizer = RegexpTokenizer(WORD_PATTERN)
# NLTK compiles the pattern with the ``regex`` engine behind a time-out guard (nltk.redos), which suits
# patterns users type in. This fixed pattern cannot backtrack badly, and on ASCII text ``re`` gives the
# same tokens twice as fast (``\w``, ``\d`` and ``\s`` agree there, except that ``re`` counts the
# separators \x1c-\x1f as white space): _split_words takes that path (tested equal), and on other
# text whose characters both engines class alike (most accented Latin, Cyrillic, Greek, CJK).
_WORD_TOKEN_RE = re.compile(WORD_PATTERN)
_UNICODE_NON_SPACE = re.compile(r"[\x1c-\x1f]")


def _split_words(text: str) -> list[str]:
    """``_word_tokenizer.tokenize(text)``, with ``re`` where it gives the same tokens: ASCII text
    without the separators, and other text whose every character the two engines class alike."""
    if (text.isascii() and _UNICODE_NON_SPACE.search(text) is None) or all(map(_engines_agree, set(text))):
        return _WORD_TOKEN_RE.findall(text)
    return _word_tokenizer.tokenize(text)


@lru_cache(maxsize=None)
def _engines_agree(char: str) -> bool:
    """True when ``re`` and the ``regex`` engine NLTK compiles with (same flags) agree on whether
    ``char`` is ``\\w``, ``\\d`` and ``\\s``: the only classes WORD_PATTERN uses, so a text made of
    such characters is tokenised alike by both. They differ, for instance, on combining marks
    (``regex`` counts them as word characters, ``re`` does not) and on \\x1c-\\x1f."""
    import regex

    flags = re.UNICODE | re.MULTILINE | re.DOTALL
    return all((re.match(p, char, flags) is None) == (regex.match(p, char, flags) is None) for p in (r"\w", r"\d", r"\s"))


_WORD_RE = re.compile(r"\w")


def normalize(text: str, *, lower: bool = False) -> str:
    """Typographic normalisation, length-preserving except for soft hyphens.

    >>> normalize("Japan\u2019s \u201cnew\u201d oil\u2011exporting")
    'Japan\\'s "new" oil-exporting'
    """
    if not text.isascii():   # (ASCII text has none of the characters to replace)
        # one str.replace per character present: the same result as str.translate(_TRANS), as the
        # replacements are ASCII, but several times faster, since most characters are absent
        for src, dst in _REPLACEMENTS:
            if src in text:
                text = text.replace(src, dst)
    return text.lower() if lower else text


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(read_lines("abbreviations_en.txt"))
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    Paragraphs (separated by blank lines or single newlines) are split first,
    then each paragraph with Punkt. Spans point into ``text`` unchanged.
    The spans of recent texts are kept (:data:`SENTENCE_CACHE` texts), since
    the analyses of one corpus split the same bodies again and again.
    """
    return list(_sentence_spans(text))


SENTENCE_CACHE = 4096  # bodies whose sentence spans are kept


@lru_cache(maxsize=SENTENCE_CACHE)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    norm = normalize(text)
    if len(norm) != len(text):   # soft hyphens removed: offsets would move, so split the text as it is
        norm = text
    for m in re.finditer(r"[^\n]+", norm):
        para = m.group()
        if not para.strip():
            continue
        for s, e in _sentence_tokenizer().span_tokenize(para):
            spans.append((m.start() + s, m.start() + e))
    return tuple(spans)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text`` (words, numbers, punctuation)."""
    return list(_word_tokenizer.span_tokenize(text))


def tokens(text: str, *, lower: bool = False, words_only: bool = False) -> list[str]:
    """Tokens of ``text`` after :func:`normalize`.

    ``words_only`` drops punctuation tokens; ``lower`` lower-cases.
    """
    toks = _split_words(normalize(text, lower=lower))
    if words_only:
        toks = [t for t in toks if _WORD_RE.search(t)]
    return toks


def word_trie(words) -> str:
    """An expression matching exactly the given words, branching letter by letter (fast to try)."""
    if not words:
        return ""
    groups: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    if not groups:
        return ""
    alts = [re.escape(c) + word_trie(rest) for c, rest in sorted(groups.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if ends else body


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words from ``data/stopwords_en.txt`` (lower case)."""
    return frozenset(w.lower() for w in read_lines("stopwords_en.txt"))


@lru_cache(maxsize=1)
def content_stopwords() -> frozenset[str]:
    """The words :func:`content_words` leaves out: the English :func:`stopwords` and the function words of
    other languages met on news pages (``data/stopwords_other.txt``: "и", "der", "les", none an English word)."""
    return stopwords() | frozenset(w.lower() for w in read_lines("stopwords_other.txt"))


def content_words(text: str) -> list[str]:
    """Lower-cased word tokens that are not stop words (:func:`content_stopwords`) and contain a letter.

    The words of recent texts are kept (:data:`CONTENT_WORDS_CACHE` texts):
    term counts, keyness and the year inference of one corpus ask for the
    same bodies.
    """
    return list(_content_words(text))


CONTENT_WORDS_CACHE = 1024
_ASCII_LETTER = re.compile(r"[a-z]")
_IS_CONTENT: dict[str, bool] = {}   # token -> is it a content word (filled as tokens are met)
IS_CONTENT_CACHE = 200_000           # tokens kept in _IS_CONTENT


def _is_content_word(t: str) -> bool:
    """Not a stop word, and has a letter (lower case: the ASCII letters are a-z). A token with a letter
    has a word character, so the ``words_only`` test of :func:`tokens` is implied."""
    if t in content_stopwords():
        return False
    if t.isascii():
        return _ASCII_LETTER.search(t) is not None
    return any(c.isalpha() for c in t)


@lru_cache(maxsize=CONTENT_WORDS_CACHE)
def _content_words(text: str) -> tuple[str, ...]:
    toks = _split_words(normalize(text, lower=True))
    known = _IS_CONTENT
    new = set(toks).difference(known)
    if len(known) + len(new) > IS_CONTENT_CACHE:
        known.clear()
        new = set(toks)
    for t in new:
        known[t] = _is_content_word(t)
    # (one decision per distinct token; the tokens are then filtered without a Python step each)
    return tuple(compress(toks, map(known.__getitem__, toks)))


# --------------------------------------------------------------------------- the sentence table of a corpus
SENTENCE_COLUMNS = ["id", "paragraph", "sentence", "start", "end", "text"]


def body_sentences(body: str) -> list[dict]:
    """Sentences of a body with paragraph numbers: dicts ``paragraph, sentence, start, end, text``.

    ``sentence`` counts the sentences of the body from 0; ``paragraph`` the blocks separated by a blank
    line; ``start, end`` are offsets into ``body`` (:func:`sentence_spans`)."""
    body = body if isinstance(body, str) else ""
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", body)]
    out = []
    for i, (s, e) in enumerate(sentence_spans(body)):
        para = bisect_right(para_starts, s) - 1   # (paragraph starts are in increasing order)
        out.append({"paragraph": para, "sentence": i, "start": s, "end": e, "text": body[s:e]})
    return out


def sentence_table(articles) -> pd.DataFrame:
    """The sentences of every article body, once per corpus: ``id, paragraph, sentence, start, end, text``.

    ``articles`` is the article table of :func:`newsframe.load_corpus` (``id, body``). Pass the table
    to the analyses as ``sentences=`` (attributions, frame cues and salience, tone, time expressions,
    sentence reuse): they then take each article's sentences from it instead of splitting its body
    again, and number sentences the same way (``paragraph``, ``sentence``), so rows of different
    analyses join on ``id, sentence``.
    """
    rows = {c: [] for c in SENTENCE_COLUMNS}
    ids = articles["id"].tolist() if len(articles) else []
    bodies = articles["body"].tolist() if len(articles) else []
    for aid, body in zip(ids, bodies):
        for s in body_sentences(body):
            rows["id"].append(aid)
            for c in SENTENCE_COLUMNS[1:]:
                rows[c].append(s[c])
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def sentences_by_article(table: pd.DataFrame | None) -> dict[str, list[dict]]:
    """``{article id: its sentence dicts}`` from a :func:`sentence_table` (empty for None)."""
    if table is None or table.empty:
        return {}
    out: dict[str, list[dict]] = {}
    cols = [table[c].tolist() for c in SENTENCE_COLUMNS]
    for aid, para, num, s, e, txt in zip(*cols):
        out.setdefault(aid, []).append({"paragraph": para, "sentence": num, "start": s, "end": e, "text": txt})
    return out


def sentences_of(by_article: dict[str, list[dict]], aid, body: str) -> list[dict]:
    """The sentences of article ``aid`` from :func:`sentences_by_article`, when they are those of
    ``body`` (first and last sentence found at their offsets); else ``body`` split now."""
    found = by_article.get(aid)
    body = body if isinstance(body, str) else ""
    if found and all(body[r["start"]:r["end"]] == r["text"] for r in (found[0], found[-1])) \
            and found[-1]["end"] <= len(body):
        return found
    return body_sentences(body)
