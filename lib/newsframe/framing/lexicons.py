"""The word lists of source framing and how their cues are matched.

Every framing measurement reads its vocabulary from data files, never from the code, so a student can
see and extend what counts: reporting verbs (``data/reporting_verbs.csv``: lemma, forms, connotation)
and phrases (``data/reporting_phrases.csv``: "according to", "in a statement"), frames and their cue
words (``data/frames.csv``, ``data/framing_cues.csv``, adapted from the Policy Frames Codebook of
Boydstun et al. 2014), source nouns (``data/source_types.csv``), countries and demonyms
(``data/countries.csv``) and news agencies (``data/agencies.csv``).

A cue is matched as a whole word or phrase, case-insensitively, with its inflections where the file
gives a stem (``talk*``). :func:`match_cues` first tests cheap substrings (:func:`may_contain`) so a
corpus of thousands of articles is not searched with every pattern.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..resources import read_lines, read_table
from ..text import normalize, word_trie


# ----------------------------------------------------------------- data
def _cue_body(cue: str) -> str:
    """The words of a cue as an expression: any white space between them, a final ``*`` for any ending."""
    body = r"\s+".join(re.escape(p) for p in cue.strip().split())
    return body[:-2] + r"[\w]*" if body.endswith(r"\*") else body


def cue_regex(cue: str) -> str:
    return r"(?<![\w-])" + _cue_body(cue) + r"(?![\w-])"


def compile_cues(cues: dict[str, list[str]], *, flags=re.I) -> list[tuple[str, str, re.Pattern]]:
    """(label, cue, pattern) for each cue, longest cues first."""
    out = []
    for label, words in cues.items():
        for w in words:
            if w and w.strip():
                out.append((label, w.strip(), compiled_cue(w, flags)))
    return sorted(out, key=lambda t: -len(t[1]))


@lru_cache(maxsize=4096)
def compiled_cue(cue: str, flags=re.I) -> re.Pattern:
    return re.compile(cue_regex(cue), flags)


@lru_cache(maxsize=4096)
def _cue_core(cue: str, flags=re.I) -> re.Pattern:
    """The cue's words without the word-boundary look-arounds: it matches wherever the cue
    does (and a little more), and unlike the full pattern it starts with a literal, which
    the regular expression engine scans for quickly."""
    return re.compile(_cue_body(cue), flags)


def cues_in(text: str, compiled) -> list:
    """The cues of ``compiled`` that can match somewhere in ``text`` (a cheap filter: one search
    per cue over the whole text, instead of one per cue and sentence).

    A cue whose first word is ASCII must find that word in the lower-cased
    text; that substring test goes first. Case-insensitive matching knows three
    equivalences with ASCII letters that ``str.lower`` does not (dotless ı,
    long ſ, dotted İ; see ``re._casefix`` and ``_sre.unicode_tolower``): in a
    text containing one of them only the expression decides.
    """
    low = lowered(text)
    return [c for c in compiled if may_contain(c[1], low) and _cue_core(c[1]).search(text) is not None]


def lowered(text: str) -> str | None:
    """``text.lower()`` for the substring tests of :func:`_may_contain`; None when the text holds a
    character that case-insensitive matching and ``str.lower`` treat differently (see :func:`_cues_in`)."""
    return text.lower() if text.isascii() or not any(ch in text for ch in _CASE_TRAPS) else None


def may_contain(cue: str, low: str | None) -> bool:
    """False only when the cue cannot match: its ASCII first word is not in the lower-cased text ``low``."""
    if low is None:
        return True
    first = _first_word(cue)
    return not first.isascii() or first in low


_CASE_TRAPS = "\u0131\u017f\u0130"   # ı ſ İ: match i, s, i under re.IGNORECASE, but lower() keeps them apart


@lru_cache(maxsize=4096)
def _first_word(cue: str) -> str:
    return cue.strip().split()[0].rstrip("*").lower()


def match_cues(text: str, compiled) -> list[tuple[str, str, int, int]]:
    """Non-overlapping cue matches (label, matched text, start, end); longer cues win."""
    taken: list[tuple[int, int]] = []
    found = []
    for label, _cue, pat in compiled:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < e2 and s2 < e for s2, e2 in taken):
                continue
            taken.append((s, e))
            found.append((label, m.group(0), s, e))
    return sorted(found, key=lambda t: t[2])


def frames_table() -> pd.DataFrame:
    """The frames with their one-line definitions and sources (``data/frames.csv``)."""
    return pd.DataFrame(read_table("frames.csv"))


@lru_cache(maxsize=1)
def _frame_lexicon() -> dict[str, tuple[str, ...]]:
    lex: dict[str, list[str]] = {}
    for row in read_table("framing_cues.csv"):
        lex.setdefault(row["frame"], []).append(row["cue"])
    return {k: tuple(v) for k, v in lex.items()}


def frame_lexicon(extra_cues: dict | None = None) -> dict[str, list[str]]:
    """Frame -> cue list from ``data/framing_cues.csv`` plus ``extra_cues`` ({frame: [cue, ...]})."""
    lex = {k: list(v) for k, v in _frame_lexicon().items()}
    for frame, cues in (extra_cues or {}).items():
        lex.setdefault(frame, [])
        lex[frame] += [c for c in ([cues] if isinstance(cues, str) else cues) if c not in lex[frame]]
    return lex


@lru_cache(maxsize=1)
def _verb_table() -> tuple[dict, ...]:
    return tuple(read_table("reporting_verbs.csv"))


def reporting_verbs(extra_verbs=None) -> dict[str, tuple[str, str]]:
    """Inflected form -> (verb, connotation), from ``data/reporting_verbs.csv`` plus ``extra_verbs``.

    ``extra_verbs`` is a list of forms (``["asserted"]``) or a dict form -> connotation.
    """
    forms: dict[str, tuple[str, str]] = {}
    for row in _verb_table():
        for f in row["forms"].split("|"):
            forms[f.strip()] = (row["verb"], row["connotation"])
    if isinstance(extra_verbs, dict):
        forms.update({f: (f, c) for f, c in extra_verbs.items()})
    else:
        forms.update({f: (f, "added by you") for f in (extra_verbs or [])})
    return forms


@lru_cache(maxsize=1)
def quote_only_forms() -> frozenset[str]:
    """Forms of the verbs that attribute only a direct quote (``source`` column ``quote``: '"...," Yoon continued')."""
    return frozenset(f.strip() for row in _verb_table() if (row.get("source") or "").strip() == "quote"
                     for f in row["forms"].split("|"))


@lru_cache(maxsize=1)
def document_only_forms() -> frozenset[str]:
    """Forms of the verbs that attribute only with a document, poll or study as subject (``source`` column
    ``document`` of ``data/reporting_verbs.csv``: "the emails show", "an analysis found")."""
    return frozenset(f.strip() for row in _verb_table() if (row.get("source") or "").strip() == "document"
                     for f in row["forms"].split("|"))


# ... of which these attribute after a named source followed by a clause ("Emily Feng reports the cases ...")
NAMED_SOURCE_FORMS = frozenset({"reports", "notes", "states", "claims"})
NOT_A_CLAUSE_START = frozenset("of in on for from about with to at by were was are is have has had and or".split())
# Forms that are as often plural nouns ("two states", "news reports") need a clear subject or "that".
NOUN_LIKE_FORMS = {"states", "reports", "details", "notes", "claims", "figures", "quotes", "shows", "finds", "estimates",
                    "demands", "continues", "threatens", "cites", "protests"}


@lru_cache(maxsize=1)
def source_cues() -> dict[str, frozenset]:
    out: dict[str, set] = {}
    for row in read_table("source_types.csv"):
        out.setdefault(row["type"], set()).add(row["cue"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def phrase_tables() -> tuple[dict, ...]:
    return tuple(read_table("reporting_phrases.csv"))


@lru_cache(maxsize=1)
def country_table() -> tuple[dict[str, str], re.Pattern]:
    alias_to_country: dict[str, str] = {}
    for row in read_table("countries.csv"):
        for a in [row["country"]] + row["aliases"].split("|"):
            if a.strip():
                alias_to_country[a.strip()] = row["country"]
    # one expression branching letter by letter (about 1,000 names: an alternation of them all is slow);
    # its optional tails are greedy, so the longest name matches first ("Niger Delta" before "Niger")
    return alias_to_country, re.compile(r"(?<![\w-])(?:" + word_trie(sorted(alias_to_country)) + r")(?![\w])")


@lru_cache(maxsize=1)
def agency_table() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    index: dict[str, tuple[str, str]] = {}
    for row in read_table("agencies.csv"):
        for n in [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]:
            index[n] = (row["name"], row.get("kind") or "outlet")
    alts = sorted(index, key=len, reverse=True)
    return index, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")


def find_countries(text: str) -> list[tuple[str, int, int]]:
    """Countries named in ``text`` (by name, short form, demonym or capital): (country, start, end).

    A country name that is also a person's or another place's name (``data/country_names_also_names.txt``:
    Jordan, Chad, Georgia) counts only outside a longer capitalised name: not "Michael Jordan", "Chad
    Smith", "Georgia Tech" or "Atlanta, Georgia"; but "King Abdullah of Jordan", "Israel, Jordan and
    Egypt"."""
    a2c, pat = country_table()
    text = normalize(text)
    found = []
    for m in pat.finditer(text):
        if m.group(0) in _names_also_names() and _inside_longer_name(text, m.start(), m.end(), a2c):
            continue
        found.append((a2c[m.group(0)], m.start(), m.end()))
    return found


@lru_cache(maxsize=1)
def _names_also_names() -> frozenset:
    return frozenset(read_lines("country_names_also_names.txt"))


_NEXT_NAME = re.compile(r"\s+(?-i:[A-Z])[\w'’.-]*")
_PREVIOUS_NAME = re.compile(r"(?:^|(?<![.!?:;\"“”(\n])\s)((?-i:[A-Z])[\w'’.-]*)(,?)\s+$")


def _inside_longer_name(text: str, start: int, end: int, a2c: dict) -> bool:
    if _NEXT_NAME.match(text, end):
        nxt = text[end:].split(None, 1)[0].strip(".,;:")
        if nxt not in a2c:
            return True
    prev = _PREVIOUS_NAME.search(text[max(0, start - 40):start])
    if prev is None:
        return False
    word = prev.group(1).strip(".")
    return word not in a2c and not (prev.group(1).endswith(".") and len(word) <= 3)
