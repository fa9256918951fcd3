"""Source framing: who speaks, whose copy, which frame, what tone.

Five measurements, each traceable to the sentences behind it:

* **Attribution** (:func:`attributions`): for every body sentence, whether it
  is attributed, to which source phrase, with which reporting verb or phrase
  (``data/reporting_verbs.csv``, ``data/reporting_phrases.csv``), the type of
  the source (head of state or government, official, anonymous, wire agency or
  outlet, document, other; ``data/source_types.csv``) and its country
  (``data/countries.csv``, ``data/leaders.csv``). The method is a small set of
  hand-written patterns over the sentence, in the tradition of quotation
  extractors for news such as Pouliquen, Steinberger and Best (2007) and
  textacy's ``triples.direct_quotations``: ``SOURCE VERB`` (``Yoon said``),
  ``..., VERB SOURCE`` (``said a defense ministry official``), ``according to
  SOURCE``, ``SOURCE said in a statement``. A source phrase is a run of
  capitalised words, determiners and known source nouns (``the defence
  ministry``); a pronoun (``he said``) is resolved to the nearest named person
  in the text before it when exactly one person is named there.
* **Quotations** (:func:`quotations`): spans between double quotes (straight or
  curly, the shared text layer makes them straight), single quotes nested
  inside them, a quote left open at the end of a paragraph (the news
  convention for a quote that goes on), and quotes broken by the attribution
  (``"From now on," he said, "I hope..."``: both parts get the same speaker).
  The speaker of a quote is the attribution of the sentence it sits in.
* **Wire dependence** (:func:`wire_dependence`): agencies credited in the
  byline, the dateline and each body paragraph, using
  :func:`newsframe.meta.find_credits` and ``data/agencies.csv``.
* **Frames** (:func:`frame_cues`, :func:`frame_salience`): a dictionary method.
  Cue words and phrases (``data/framing_cues.csv``) point to six frames
  (``data/frames.csv``, adapted from the Policy Frames Codebook of Boydstun et
  al. 2014); a frame's salience is the share of an article's sentences that
  contain at least one of its cues.
* **Tone** (:func:`sentence_tone`, :func:`tone_by_article`,
  :func:`tone_by_target`): VADER (Hutto and Gilbert 2014, the
  ``vaderSentiment`` package, whose lexicon ships with it) per sentence, always
  with the words that drove the score. VADER scores words one by one and so
  misreads diplomatic news ("agreed to turn the page on a bitter dispute" is
  negative to it). An optional domain adjustment (``data/tone_adjustments.csv``)
  scores such phrases as a whole; ``bench/tone_agreement.py`` measures whether
  it helps against hand-annotated sentences and :data:`ADJUST_TONE_BY_DEFAULT`
  records the decision.
* **Page context** (:func:`page_context`): the lines the cleaner removed
  (tickers, related and featured headlines) sorted into topics
  (``data/page_context_topics.csv``), kept apart from the article.

Why hand-written rules and no library: the attribution and quotation
extractors that exist (textacy, spaCy-based ones) need a parser model that must
be downloaded, and they still only handle speaker-verb-quote triples; the
rules here are short, readable by students, and every decision can be traced
to a pattern and a data file. What they cannot do: follow a speaker across
paragraphs without a quote or a pronoun, resolve "the official" or "the ministry" to the
earlier full name, resolve "they" or most "it", or recognise attribution by verbs that
are not in the list. Measured precision and recall: docs/framing.md. All
functions accept extra verbs and cues as parameters so students can see what
changes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

import pandas as pd

from . import groups, meta
from .resources import read_lines, read_table
from .stored import from_json_column, reads_stored
from .text import content_words, normalize, sentence_spans, stopwords

# ----------------------------------------------------------------- tunables
POSITIVE_THRESHOLD = 0.05   # VADER compound >= this: positive (Hutto and Gilbert 2014)
NEGATIVE_THRESHOLD = -0.05  # VADER compound <= this: negative
ADJUST_TONE_BY_DEFAULT = False  # bench/tone_agreement.py: no gain on held-out sentences (docs/framing.md)
MAX_SOURCE_WORDS = 8        # longest source phrase kept
MAX_DRIVERS = 6             # driver words listed per sentence / target
SAME_STORY_MIN_SHARED = 3   # content words a page-context line must share with the article to be "same story"
CONTEXT_LABELS = ("ticker", "related", "read_also", "teaser")
SOURCE_TYPES = ["head_of_state", "official", "anonymous", "wire_outlet", "document", "other"]
SOURCE_TYPE_LABELS = {
    "head_of_state": "head of state / government", "official": "ministry / official / government",
    "anonymous": "anonymous source", "wire_outlet": "wire agency / outlet",
    "document": "document / statement", "other": "other",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
PERSON_PRONOUNS = {"he", "she"}
DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "this", "that"}
QUANTIFIERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some", "many",
               "multiple", "numerous", "other", "most", "few"}
STOP_AFTER_SOURCE = {"who", "which", "that", "in", "on", "at", "after", "before", "during", "while", "when"}

# ----------------------------------------------------------------- data
def _cue_body(cue: str) -> str:
    """The words of a cue as an expression: any white space between them, a final ``*`` for any ending."""
    body = r"\s+".join(re.escape(p) for p in cue.strip().split())
    return body[:-2] + r"[\w]*" if body.endswith(r"\*") else body


def _cue_regex(cue: str) -> str:
    return r"(?<![\w-])" + _cue_body(cue) + r"(?![\w-])"


def _compile_cues(cues: dict[str, list[str]], *, flags=re.I) -> list[tuple[str, str, re.Pattern]]:
    """(label, cue, pattern) for each cue, longest cues first."""
    out = []
    for label, words in cues.items():
        for w in words:
            if w and w.strip():
                out.append((label, w.strip(), _compiled_cue(w, flags)))
    return sorted(out, key=lambda t: -len(t[1]))


@lru_cache(maxsize=4096)
def _compiled_cue(cue: str, flags=re.I) -> re.Pattern:
    return re.compile(_cue_regex(cue), flags)


@lru_cache(maxsize=4096)
def _cue_core(cue: str, flags=re.I) -> re.Pattern:
    """The cue's words without the word-boundary look-arounds: it matches wherever the cue
    does (and a little more), and unlike the full pattern it starts with a literal, which
    the regular expression engine scans for quickly."""
    return re.compile(_cue_body(cue), flags)


def _cues_in(text: str, compiled) -> list:
    """The cues of ``compiled`` that can match somewhere in ``text`` (a cheap filter: one search
    per cue over the whole text, instead of one per cue and sentence).

    A cue whose first word is ASCII must find that word in the lower-cased
    text; that substring test goes first. Case-insensitive matching knows three
    equivalences with ASCII letters that ``str.lower`` does not (dotless ı,
    long ſ, dotted İ; see ``re._casefix`` and ``_sre.unicode_tolower``): in a
    text containing one of them only the expression decides.
    """
    low = _lowered(text)
    return [c for c in compiled if _may_contain(c[1], low) and _cue_core(c[1]).search(text) is not None]


def _lowered(text: str) -> str | None:
    """``text.lower()`` for the substring tests of :func:`_may_contain`; None when the text holds a
    character that case-insensitive matching and ``str.lower`` treat differently (see :func:`_cues_in`)."""
    return text.lower() if text.isascii() or not any(ch in text for ch in _CASE_TRAPS) else None


def _may_contain(cue: str, low: str | None) -> bool:
    """False only when the cue cannot match: its ASCII first word is not in the lower-cased text ``low``."""
    if low is None:
        return True
    first = _first_word(cue)
    return not first.isascii() or first in low


_CASE_TRAPS = "\u0131\u017f\u0130"   # ı ſ İ: match i, s, i under re.IGNORECASE, but lower() keeps them apart


@lru_cache(maxsize=4096)
def _first_word(cue: str) -> str:
    return cue.strip().split()[0].rstrip("*").lower()


def _match_cues(text: str, compiled) -> list[tuple[str, str, int, int]]:
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
def _quote_only_forms() -> frozenset[str]:
    """Forms of the verbs that attribute only a direct quote (``source`` column ``quote``: '"...," Yoon continued')."""
    return frozenset(f.strip() for row in _verb_table() if (row.get("source") or "").strip() == "quote"
                     for f in row["forms"].split("|"))


@lru_cache(maxsize=1)
def _document_only_forms() -> frozenset[str]:
    """Forms of the verbs that attribute only with a document, poll or study as subject (``source`` column
    ``document`` of ``data/reporting_verbs.csv``: "the emails show", "an analysis found")."""
    return frozenset(f.strip() for row in _verb_table() if (row.get("source") or "").strip() == "document"
                     for f in row["forms"].split("|"))


# ... of which these attribute after a named source followed by a clause ("Emily Feng reports the cases ...")
_NAMED_SOURCE_FORMS = frozenset({"reports", "notes", "states", "claims"})
_NOT_A_CLAUSE_START = frozenset("of in on for from about with to at by were was are is have has had and or".split())
# Forms that are as often plural nouns ("two states", "news reports") need a clear subject or "that".
_NOUN_LIKE_FORMS = {"states", "reports", "details", "notes", "claims", "figures", "quotes", "shows", "finds", "estimates",
                    "demands", "continues", "threatens", "cites", "protests"}


@lru_cache(maxsize=1)
def _source_cues() -> dict[str, frozenset]:
    out: dict[str, set] = {}
    for row in read_table("source_types.csv"):
        out.setdefault(row["type"], set()).add(row["cue"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict, ...]:
    return tuple(read_table("reporting_phrases.csv"))


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], re.Pattern]:
    alias_to_country: dict[str, str] = {}
    for row in read_table("countries.csv"):
        for a in [row["country"]] + row["aliases"].split("|"):
            if a.strip():
                alias_to_country[a.strip()] = row["country"]
    alts = sorted(alias_to_country, key=len, reverse=True)
    return alias_to_country, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")


@lru_cache(maxsize=1)
def _agencies() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    index: dict[str, tuple[str, str]] = {}
    for row in read_table("agencies.csv"):
        for n in [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]:
            index[n] = (row["name"], row.get("kind") or "outlet")
    alts = sorted(index, key=len, reverse=True)
    return index, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")


def find_countries(text: str) -> list[tuple[str, int, int]]:
    """Countries named in ``text`` (by name, short form, demonym or capital): (country, start, end)."""
    a2c, pat = _countries()
    return [(a2c[m.group(0)], m.start(), m.end()) for m in pat.finditer(normalize(text))]


# ----------------------------------------------------------------- people
_TITLE_WORDS = ["President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Emperor",
                "Supreme Leader", "leader", "Minister", "Secretary", "Spokesperson", "Spokesman",
                "Ambassador", "Envoy", "Chairman", "Chief", "Commander", "DM", "PM"]
_NAME = r"[A-Z][a-z'\-]+(?:[\s-][A-Z][a-z'\-]+){0,2}"
# capitalised words of a longer title that are no part of a name ("Chief Executive Carrie Lam",
# "Chief Strategy Officer", "Chief Justice"): dropped from the front, and a "name" ending in one is none
_ROLE_WORDS = frozenset("""executive officer officers partner partners justice director directors manager secretary
minister president chairman chairwoman chair spokesman spokeswoman spokesperson chief head editor analyst counsel
commissioner governor ambassador general attorney strategy operating financial technology information marketing
operations solution solutions deputy vice senior assistant associate principal founder""".split())


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted(_TITLE_WORDS, key=len, reverse=True))
    return re.compile(r"(?P<pre>(?:[A-Z][\w.'-]*\s+){0,3})(?P<title>(?:[A-Z][a-z]+\s+)?(?:" + titles + r"))\s+(?P<name>"
                      + _NAME + r")")


def _leaders() -> list[dict]:
    return [dict(r) for r in read_table("leaders.csv")]


def people(text: str) -> list[dict]:
    """People named in ``text``: the seed list ``data/leaders.csv`` plus anyone introduced with a title.

    Each person: ``name``, ``keys`` (the spellings that refer to them), ``role``
    (head_of_state or official), ``country`` (from the demonym before the title
    or the seed list; None when the text does not tell).
    """
    text = normalize(text)
    found: dict[str, dict] = {}
    for row in _leaders():
        keys = [row["name"]] + [a for a in row["aliases"].split("|") if a]
        if any(k in text and re.search(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", text) for k in keys):
            found[row["name"]] = {"name": row["name"], "keys": keys, "role": row["role"], "country": row["country"]}
    a2c, cpat = _countries()
    hos = {c for c in _source_cues()["head_of_state"]}
    for m in _title_regex().finditer(text):
        name = re.sub(r"['’]s$", "", m.group("name"))   # "President Yoon's visit": the person is Yoon
        words = name.split()
        while words and words[0].lower() in _ROLE_WORDS:
            words.pop(0)
        if not words or words[-1].lower() in _ROLE_WORDS:
            continue
        name = " ".join(words)
        if name in a2c or name.split()[0] in a2c:
            continue
        known = next((p for p in found.values() if name in p["keys"] or any(k in name.split() for k in p["keys"])), None)
        if known:
            continue
        title = m.group("title")
        pre = m.group("pre") + title
        # the title's last one to three words ("Minister" alone is no head of government, "Prime Minister" is)
        ends = pre.lower().split()
        role = "head_of_state" if any(" ".join(ends[-k:]) in hos for k in (1, 2, 3)) else "official"
        cm = list(cpat.finditer(pre))
        country = a2c[cm[-1].group(0)] if cm else None
        toks = [t for t in re.split(r"[\s]", name) if len(t) > 2]
        found[name] = {"name": name, "keys": [name] + toks[-1:] + toks[:1], "role": role, "country": country}
    return list(found.values())


def _mentions(text: str, persons: list[dict]) -> list[tuple[int, int, str]]:
    """(start, end, person name) for every mention of a known person in ``text``."""
    keys = sorted({(k, p["name"]) for p in persons for k in p["keys"]}, key=lambda kv: -len(kv[0]))
    taken, out = [], []
    for k, name in keys:
        if k not in text:   # (a cheap test first: the expression below starts with a look-behind)
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            out.append((m.start(), m.end(), name))
    return sorted(out)


# ----------------------------------------------------------------- sentences
def body_sentences(body: str) -> list[dict]:
    """Sentences of a body with paragraph numbers: dicts ``paragraph, sentence, start, end, text``."""
    body = body if isinstance(body, str) else ""
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", body)]
    out = []
    for i, (s, e) in enumerate(sentence_spans(body)):
        para = bisect_right(para_starts, s) - 1   # (paragraph starts are in increasing order)
        out.append({"paragraph": para, "sentence": i, "start": s, "end": e, "text": body[s:e]})
    return out


UNKNOWN_OUTLET = "outlet unknown ({id})"  # label for an article whose outlet the loader could not tell


def _articles_iter(articles):
    if isinstance(articles, str):
        articles = pd.DataFrame({"id": ["text"], "outlet": [""], "body": [articles]})
    if "outlet" not in articles.columns:
        articles = articles.assign(outlet="")
    for row in articles.itertuples(index=False):
        outlet = row.outlet if isinstance(row.outlet, str) and row.outlet.strip() else UNKNOWN_OUTLET.format(id=row.id)
        yield row._replace(outlet=outlet)


# ----------------------------------------------------------------- quotations (spans)
def quote_spans(paragraph: str) -> list[dict]:
    """Quoted spans in one paragraph: dicts ``start, end`` (inside the marks), ``level`` (1 or 2 = nested).

    Double quotes (straight or curly) pair up in order; a quote left open at the
    end of the paragraph runs to its end. Single quotes count as quote marks
    when they open after a space or start and close before a non-letter
    (so ``Japan's`` is no quote); inside a double quote they are nested quotes.
    """
    p = normalize(paragraph)
    spans = []
    marks = [m.start() for m in re.finditer(r'"', p)]
    for i in range(0, len(marks), 2):
        s = marks[i] + 1
        e = marks[i + 1] if i + 1 < len(marks) else len(p)
        if p[s:e].strip():   # (a mark alone at the paragraph's end, or "", quotes nothing)
            spans.append({"start": s, "end": e, "level": 1})
    inside = lambda a, b: next((sp for sp in spans if sp["level"] == 1 and sp["start"] <= a and b <= sp["end"]), None)
    for m in re.finditer(r"(?<![\w])'(?=\w)([^'\n]{1,200}?[\w.,!?])'(?![\w])", p):
        s, e = m.start(1), m.end(1)
        outer = inside(s, e)
        if outer is None and any(sp["start"] - 1 <= m.start() < sp["end"] + 1 for sp in spans):
            continue
        spans.append({"start": s, "end": e, "level": 2 if outer else 1})
    return sorted(spans, key=lambda d: (d["start"], d["level"]))


def _mask_quotes(text: str, spans) -> str:
    chars = list(text)
    for sp in spans:
        if sp["level"] == 1:
            for k in range(sp["start"], sp["end"]):
                if chars[k] != "\n":
                    chars[k] = "~"
    return "".join(chars)


# ----------------------------------------------------------------- attribution
_WORD_RE = re.compile(r"[A-Za-z0-9][\w.'-]*(?<!\.)|[A-Z]\.(?:[A-Z]\.)+|'s|[,;:\"~()]")


def _np_word_ok(tok: str, *, first: bool) -> bool:
    low = tok.lower()
    cues = _source_cues()
    nouns = set().union(*(cues.get(k, frozenset()) for k in ("official", "document", "head_of_state", "anonymous_head", "modifier")))
    if low in nouns or low == "'s" or low == "of":
        return True
    if first and low in DETERMINERS:
        return True
    return tok[:1].isupper() or bool(re.match(r"[A-Z]\.", tok))


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# a time phrase between the source and its verb: "the ministry on Friday said", "Kishida last week told"
_TIME_TAIL = re.compile(r"(?:,?\s+(?:on\s+(?:" + _DAY + r"|" + _MONTH + r"\s+\d{1,2})|last\s+(?:week|month|year|" + _DAY + r")"
                        r"|earlier\s+(?:this|on)\s+\w+|(?:this|that)\s+(?:morning|afternoon|evening|week)|today|yesterday|"
                        r"on\s+the\s+sidelines\s+of\s+[^,]{1,60}),?)$")


_FAMILIAR = re.compile(r"\b(?:(?:an?|two|three|several|some|the)\s+)?(?:people|person|sources?|officials?|diplomats?)"
                       r"\s+(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on)\s+the\s+\w+$", re.I)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations that end in a period inside a name ("Mr.", "Sen."), ``data/abbreviations_en.txt``."""
    return frozenset(read_lines("abbreviations_en.txt"))


# capitalised words that open a sentence without being part of its subject ("Already, officials said")
_INITIAL_NOT_SOURCE = frozenset("""In On At After Before During But And As When While Under Following Meanwhile
However Last Hours Then Already Also Even Still Yet Now Indeed Instead Moreover Furthermore Finally Earlier
Later Previously Recently Separately Notably Initially Ultimately Similarly Likewise Additionally Again Often
Sometimes Only Just Perhaps Thus So Nor Or Yes No Today Yesterday Tonight Since Until Despite Although Though
Because If Once Asked Speaking Privately Publicly Separately""".split())


# a group of people placed by a preposition: "workers at a bakery", "officials in Seoul", "diplomats from both sides"
_PEOPLE_PREPOSITIONS = frozenset({"at", "in", "from"})
# ... but not a circumstance of the speaking: "officials in a statement said", "aides in private said"
_NOT_AFTER_PEOPLE_PREPOSITION = frozenset({"statement", "statements", "private", "public", "interviews",
                                           "remarks", "comments", "response", "reply", "person", "turn", "part"})


_PEOPLE_SUFFIXES = ("ers", "ors", "ists", "ents", "ants", "ials", "ians", "ees", "ives", "men", "ats")
_PEOPLE_WORDS = frozenset("""people authorities sources police analysts experts critics colleagues allies aides
witnesses delegates staff families crews""".split())
_NOT_PEOPLE = frozenset("""numbers papers matters letters others orders borders centers waters quarters offers powers
layers events elements moments comments documents statements agreements governments investments payments segments
arguments parts results percents amounts accounts ratings""".split())


def _people_noun(word: str) -> bool:
    """A plural noun of people right before "at / in / from" ("workers", "Officials", "residents")."""
    low = word.lower()
    return (low.isalpha() and (low.endswith(_PEOPLE_SUFFIXES) or low in _PEOPLE_WORDS)
            and low not in _NOT_PEOPLE and low not in stopwords())


def _lowercase_chain_ok(toks, k: int, reach: int = 4) -> bool:
    """A lowercase word at ``k`` belongs to a source phrase when lowercase content words lead back, within
    ``reach`` words, to a determiner, a quantifier or a capitalised word ("employees of a car dealership",
    "Israeli settlers", "the city's riot police")."""
    for j in range(k - 1, max(-1, k - 1 - reach), -1):
        w = toks[j].group(0)
        low = w.lower()
        if low in DETERMINERS or low in QUANTIFIERS or _np_word_ok(w, first=True):
            return True
        if not (w.isalpha() and low not in stopwords()) and low != "'s":
            return False
    return False


def _backward_np(text: str, end: int) -> tuple[int, int] | None:
    """Span of the source phrase that ends at ``end`` (before a reporting verb)."""
    left = _TIME_TAIL.sub("", text[:end].rstrip())
    fam = _FAMILIAR.search(left)
    if fam:  # "a person familiar with the plans told the paper"
        return fam.start(), fam.end()
    toks = list(re.finditer(r"[\w][\w.'’-]*|'s|\S", left))
    # skip adverbs / auxiliaries between source and verb
    skip = {"also", "later", "earlier", "previously", "recently", "has", "had", "have", "then", "further",
            "once", "again", "reportedly", "repeatedly", "had", "would", "will", "was", "is", "are", "were", "been",
            "however", "always", "since", "long", "never", "often", "publicly", "privately", "flatly", "firmly",
            "strongly", "consistently", "vehemently", "categorically", "initially", "ultimately",
            "eventually", "finally", "subsequently", "quickly", "immediately", ","}
    while toks and toks[-1].group(0).lower() in skip:
        toks.pop()
    if not toks:
        return None
    last = toks[-1]
    if last.group(0).lower() in PRONOUNS:
        return last.span()
    words = []
    people_next = False
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        w = t.group(0)
        if w.endswith(".") and len(w) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", w) \
                and not (w[:1].isupper() and w[:-1].lower() in _abbreviations()):   # ("Mr. Dejesus said")
            break
        if w == "and" and words and words[0].group(0)[:1].isupper() and k > 0 and toks[k - 1].group(0)[:1].isupper():
            words.insert(0, t)  # "The United States and Japan said"
            continue
        if not re.match(r"[\w']", w):
            break
        if people_next:
            people_next = False
            words.insert(0, t)
            continue
        if w.lower() in _PEOPLE_PREPOSITIONS and words and k > 0 and _people_noun(toks[k - 1].group(0)) \
                and not any(x.group(0).lower() in _NOT_AFTER_PEOPLE_PREPOSITION for x in words):
            words.insert(0, t)  # "Workers at a bakery said", "Officials in Seoul said"
            people_next = True
            continue
        if not _np_word_ok(w, first=True):
            # a lowercase head noun right before the verb after a name or determiner: "Israeli settlers said"
            head_ok = (k > 0 and w.isalpha() and w.lower() not in stopwords() and _lowercase_chain_ok(toks, k)) \
                or (w.lower() in {"them", "us", "those"} and k > 1 and toks[k - 1].group(0).lower() == "of"
                    and toks[k - 2].group(0).lower() in QUANTIFIERS | {"many", "some", "all", "most", "none", "one"})
            if not head_ok:
                break
        words.insert(0, t)
        if len(words) >= MAX_SOURCE_WORDS:
            break
    while words and words[-1].group(0).lower() in {"of", "'s"} | DETERMINERS:
        return None
    while words and words[0].group(0).lower() in {"of", "'s"}:
        words.pop(0)
    if not words:
        return None
    # a sentence-initial capital that is a function word or adverb ("In", "Already") is not a name
    if words[0].group(0) in _INITIAL_NOT_SOURCE:
        words.pop(0)
    if not words:
        return None
    return words[0].start(), words[-1].end()


def _forward_np(text: str, start: int) -> tuple[int, int] | None:
    """Span of the source phrase that starts at ``start`` (after a verb or 'according to')."""
    toks = list(re.finditer(r"[\w][\w.'’-]*|'s|\S", text[start:]))
    words = []
    for i, t in enumerate(toks):
        w = t.group(0)
        low = w.lower()
        if low in STOP_AFTER_SOURCE and words:
            break
        if not re.match(r"[\w']", w):
            break
        if not words and low in QUANTIFIERS:
            words.append(t)   # "according to two officials", "several diplomats said"
            continue
        if not _np_word_ok(w, first=not words or words[-1].group(0).lower() in {"of"}):
            bare = w.rstrip(".")   # (a head noun that ends the sentence: "according to two officials.")
            if low in {"reporter", "report"} or (words and bare.isalpha() and bare.lower() not in stopwords()
                                                 and words[-1].group(0).lower() in DETERMINERS | QUANTIFIERS):
                words.append(t)  # "the group": a lowercase head noun right after a determiner
            break
        words.append(t)
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", w):
            break
        if len(words) >= MAX_SOURCE_WORDS:
            break
    while words and words[-1].group(0).lower() in {"of", "'s"} | DETERMINERS:
        words.pop()
    if not words or (len(words) == 1 and words[0].group(0).lower() in DETERMINERS | QUANTIFIERS):
        return None
    s, e = start + words[0].start(), start + words[-1].end()
    if text[e - 1] == "." and not re.search(r"(?:[A-Z]\.)+$", text[s:e]):
        e -= 1
    return s, e


@lru_cache(maxsize=8)
def _verb_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """Any of the reporting verb ``forms`` as a whole word, longest first."""
    verb_alt = "|".join(re.escape(v) for v in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + verb_alt + r")(?![\w-])")


# verbs of saying that may share the sentence's subject after "and"/"but" ("Seoul agreed to talks, but warned
# that ..."); commissive verbs ("met and pledged to ...") there are mostly events, not speech
_SAY_VERBS = frozenset({"say", "tell", "warn", "add", "note", "stress", "insist", "argue", "claim", "deny", "confirm",
                        "acknowledge", "explain", "emphasize", "reiterate", "state", "announce"})


def _find_attributions(sent: str, verbs: dict) -> list[dict]:
    """Candidate (source span, cue span) pairs in one sentence (quotes already masked)."""
    found = []
    low = _lowered(sent)
    phrases = [row for row in _phrases() if _may_contain(row["phrase"], low)]   # (most sentences have none)
    # "according to X", "citing X"
    for row in phrases:
        if row["kind"] != "before":
            continue
        for m in _compiled_cue(row["phrase"]).finditer(sent):
            np_ = _forward_np(sent, m.end() + 1)
            if np_:
                found.append({"cue": row["phrase"].lower(), "cue_start": m.start(), "cue_end": m.end(),
                              "src": np_, "pattern": f"{row['phrase']} SOURCE"})
    for m in _verb_pattern(tuple(verbs)).finditer(sent):
        form = m.group(0)
        before = sent[:m.start()].rstrip()
        after = sent[m.end():]
        src, pattern = None, None
        passive = re.search(r"\b(?:is|are|was|were|be|been|being)(?:\s+(?:also|widely|often|repeatedly|reportedly))?$", before)
        if passive and not form.endswith("ing") and not re.match(r"\s+by\s", after):
            continue  # "Assange was accused of ...": the subject is the target, not the source
        if re.match(r"\s+by\s", after):  # passive: "reported by Yonhap"
            src, pattern = _forward_np(sent, m.end() + len(re.match(r"\s+by\s+", after).group(0))), "VERB by SOURCE"
        inverted = before.endswith((",", '"', "~")) or before == ""
        core = re.sub(r"(?:\s+(?:have|has|had|are|were|was|is|been|also|reportedly))+$", "", before)
        if src is None and core.endswith(","):
            # '"...," Steve Clarke, a NASA official, said': the source follows the quote, an apposition follows it
            m_app = re.search(r'~[~,.!?]*["”]?\s*,?\s*"?\s+([^,~"]{2,80}),\s[^~"]{1,160},$', core)
            if m_app:
                np_ = _backward_np(sent, m_app.end(1))
                if np_ and np_[0] >= m_app.start(1):
                    src, pattern = np_, "SOURCE, APPOSITION, VERB"
        if src is None and core.endswith(","):
            # "Dario Venn, the valley's new fire marshal, said", "Sato, however, said":
            # the source opens the sentence and an apposition or adverb stands between it and the verb
            src = _source_before_apposition(sent, core)
            pattern = "SOURCE, APPOSITION, VERB" if src else None
        if src is None and not inverted:
            src = _backward_np(sent, m.start())
            if src and sent[src[0]:src[1]].lower() in {"what it", "which"}:
                src = None
            pattern = "SOURCE VERB"
            if src is None and re.search(r"(?:,\s*)?\b(?:and|but)$", before) and verbs.get(form, ("",))[0] in _SAY_VERBS:
                # "South Korea agreed to ..., but warned ...": the subject of the sentence
                src, pattern = _sentence_subject(sent), "SUBJECT ... and/but VERB"
        if src is None and form.endswith("ing") and before.endswith(","):
            # "He denied the allegations, saying ...": the participle shares the sentence's subject
            src, pattern = _sentence_subject(sent), "SUBJECT ..., VERB-ing"
            if src and src[0] >= m.start():
                src = None
        if src is None and inverted and not form.endswith("ing") and verbs.get(form, ("",))[0] != "tell":
            # ("..., said Park"; never "..., told NBC": the one after "told" is the listener)
            src, pattern = _forward_np(sent, m.end() + (len(after) - len(after.lstrip()))), "..., VERB SOURCE"
            if src and sent[src[0]:src[1]].lower() in PRONOUNS - {"he", "she", "they"}:
                src = None
        if src is None:
            continue
        if form in _NOUN_LIKE_FORMS and not re.match(r"\s*(?:that\b|:|,|\")", after) and pattern != "..., VERB SOURCE" \
                and not (form in _NAMED_SOURCE_FORMS and sent[src[0]:src[0] + 1].isupper()
                         and sent[src[0]:src[1]].split()[0].lower() not in DETERMINERS | QUANTIFIERS
                         and re.match(r"\s+[a-z]", after) and after.split()[0] not in _NOT_A_CLAUSE_START):
            continue   # ("news reports"; but "Emily Feng reports the first cases ...")
        if form in _quote_only_forms() and "~" not in sent:
            continue   # "the talks continued": no quotation, no attribution
        if form in _document_only_forms() and source_type(sent[src[0]:src[1]]) != "document":
            continue   # "police found the car": no attribution; "the report found that ...": one
        found.append({"cue": form, "cue_start": m.start(), "cue_end": m.end(), "src": src, "pattern": pattern})
    # statement phrases: mark the channel; a source on their own if nothing else attributes the sentence
    for row in phrases:
        if row["kind"] != "statement":
            continue
        for m in _compiled_cue(row["phrase"]).finditer(sent):
            near = [f for f in found if abs(f["cue_start"] - m.start()) < 80]
            if near:
                for f in near:
                    f["channel"] = m.group(0)
            elif not found:
                found.append({"cue": row["phrase"].lower(), "cue_start": m.start(), "cue_end": m.end(),
                              "src": (m.start() + m.group(0).lower().rfind("statement"), m.end())
                              if "statement" in m.group(0).lower() else m.span(), "pattern": "in a statement"})
    return sorted(found, key=lambda f: f["cue_start"])


def _source_before_apposition(sent: str, before: str) -> tuple[int, int] | None:
    first = before.find(",")
    if first <= 0 or first == len(before) - 1:
        return None
    lead = sent[:first]
    if not lead.strip() or len(lead.split()) > MAX_SOURCE_WORDS:
        return None
    np_ = _backward_np(sent, first)
    if np_ is None or sent[:np_[0]].strip():
        return None  # the phrase before the first comma is not a bare source phrase
    if sent[np_[0]:np_[1]].split()[0] in {"In", "On", "At", "After", "Before", "During", "But", "And", "As", "When",
                                            "While", "Under", "Following", "Meanwhile", "However", "Last", "Hours"}:
        return None
    return np_


def _sentence_subject(sent: str) -> tuple[int, int] | None:
    m = re.match(r"\s*(?:(?:In|On|At|After|Before|During|Under|Following|Hours|Last|When|While|As|According\s+to)\b[^,]*,\s*|"
                 r"(?:However|Meanwhile|Separately|Still|Instead|Earlier|Later),\s*)?", sent)
    return _forward_np(sent, m.end())


def source_type(source: str, *, sentence: str = "", person: dict | None = None) -> str:
    """The type of a source phrase: one of :data:`SOURCE_TYPES` (rules in ``data/source_types.csv``)."""
    cues = _source_cues()
    low = normalize(source).lower()
    words = re.findall(r"[\w][\w.'-]*", low)
    head = words[-1] if words else ""
    has_name = person is not None
    if any(c in normalize(sentence).lower() for c in cues["anonymous"]) and not has_name:
        return "anonymous"
    index, apat = _agencies()
    if apat.search(normalize(source)) or (source.split() and source.split()[-1] in set(read_lines("outlet_words.txt"))):
        return "wire_outlet"
    if person is not None:
        return person["role"] if person["role"] in SOURCE_TYPES else "other"
    a2c, cpat = _countries()
    if head in cues["document"] or " ".join(words[-2:]) in cues["document"]:
        return "document"
    # a head-of-state title counts when written as a title (capitalised) or next to a country:
    # "President Yoon", "US president"; not "chairman, CEO and president Dana Whitlock"
    if any(re.search(_cue_regex(c.title() if c != "pm" else "PM"), normalize(source), flags=0) for c in cues["head_of_state"]) \
            or (any(re.search(_cue_regex(c), low) for c in cues["head_of_state"]) and cpat.search(normalize(source))):
        return "head_of_state"
    if head in cues["anonymous_head"]:
        caps = [w for w in re.findall(r"[A-Z][\w.'-]*", normalize(source))
                if w.lower() not in DETERMINERS and w.lower() not in cues["official"] | cues["modifier"]]
        if not [c for c in caps if not cpat.fullmatch(c) and c not in {"South", "North"}]:
            return "anonymous"
    if any(w in cues["official"] for w in words):
        return "official"
    parts = [re.sub(r"^(?:the|an?)\s+", "", p.strip(), flags=re.I) for p in re.split(r"\s+and\s+", normalize(source))]
    if all(p in a2c for p in parts):
        return "official"  # a country or capital speaking for its government ("Tokyo claimed")
    return "other"


def _country_of(source: str, person: dict | None) -> str | None:
    if person and person.get("country"):
        return person["country"]
    found = find_countries(source)
    return found[0][0] if found else None


def _resolve(source: str, src_start: int, body: str, persons: list[dict], mentions) -> tuple[dict | None, str]:
    """The person a source phrase names (or, for he/she, the nearest unambiguous one)."""
    by_name = {p["name"]: p for p in persons}
    low = source.lower()
    if low in PERSON_PRONOUNS:
        prev = [mm for mm in mentions if mm[1] <= src_start]
        if not prev:
            return None, "pronoun: no person named before"
        # the sentence of the nearest mention: distinct people named in that sentence
        sents = sentence_spans(body)
        last = prev[-1]
        sent = next(((s, e) for s, e in sents if s <= last[0] < e), (last[0], last[1]))
        names = {mm[2] for mm in prev if sent[0] <= mm[0] < sent[1]}
        if len(names) == 1:
            return by_name[names.pop()], "pronoun resolved to nearest named person"
        return None, "pronoun: ambiguous (" + ", ".join(sorted(names)) + ")"
    inside = [mm for mm in _mentions(source, persons)]
    if inside:
        return by_name[inside[-1][2]], "named"
    return None, ""


def _decode_attributions(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(candidates=from_json_column(table["candidates"]))


@reads_stored("attributions", depends_on=("body", "outlet"), required=("candidates",), decode=_decode_attributions)
def attributions(articles, *, extra_verbs=None) -> pd.DataFrame:
    """One row per body sentence: is it attributed, to whom, with which verb, what type, which country.

    ``articles`` is the DataFrame of :func:`newsframe.load_corpus` (or a plain
    string, treated as one article with id ``text``). ``extra_verbs`` adds
    reporting verbs (``["asserted"]``). Columns: ``id, outlet, paragraph,
    sentence, text, attributed, source, source_person, source_type, country,
    cue, verb, connotation, channel, pattern, resolution, start, end,
    source_start, source_end, cue_start, cue_end`` (offsets into ``body``).
    """
    verbs = reporting_verbs(extra_verbs)
    rows = []
    for art in _articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        nbody = normalize(body) if len(normalize(body)) == len(body) else body
        persons = people(nbody)
        mentions = _mentions(nbody, persons)
        masked = _masked_body(nbody)
        first_row = len(rows)
        for s in body_sentences(body):
            sent = masked[s["start"]:s["end"]]
            cands = _find_attributions(sent, verbs)
            row = {"id": art.id, "outlet": getattr(art, "outlet", ""), "paragraph": s["paragraph"],
                   "sentence": s["sentence"], "text": s["text"], "attributed": bool(cands), "start": s["start"],
                   "end": s["end"]}
            if cands:
                details = [_candidate_fields(c, s, nbody, persons, mentions, verbs) for c in cands]
                for d in details:  # the source phrase as written (curly quotes and all)
                    d["source"] = body[d["source_start"]:d["source_end"]]
                verb_based = [d for d in details if d["pattern"] != "according to SOURCE"]
                primary = verb_based[0] if verb_based else details[0]
                if verb_based and len(details) > len(verb_based) and not primary.get("channel"):
                    acc = next(d for d in details if d["pattern"] == "according to SOURCE")
                    primary = {**primary, "channel": f"according to {acc['source']}"}
                row.update(primary)
                row["n_attributions"] = len(cands)
                row["candidates"] = details
            rows.append(row)
        _inherit_quote_speakers(rows[first_row:], nbody)
    cols = ["id", "outlet", "paragraph", "sentence", "text", "attributed", "source", "source_person", "source_type",
            "country", "cue", "verb", "connotation", "channel", "pattern", "resolution", "start", "end",
            "source_start", "source_end", "cue_start", "cue_end", "n_attributions", "candidates"]
    return pd.DataFrame(rows, columns=cols)


_SPEAKER_FIELDS = ("source", "source_person", "source_type", "country", "cue", "verb", "connotation", "channel",
                   "source_start", "source_end", "cue_start", "cue_end")


def quote_groups(nbody: str) -> list[tuple[int, int]]:
    """Spans of quotations in a body, joining a quote left open at a paragraph's end with the quote that
    opens the next paragraph (the news convention for a quote that runs over several paragraphs)."""
    quotes = []
    for m in re.finditer(r"[^\n]+", nbody):
        para = m.group(0)
        n_marks = para.count('"')
        for sp in quote_spans(para):
            if sp["level"] != 1:
                continue
            quotes.append({"start": m.start() + sp["start"], "end": m.start() + sp["end"],
                           "open_end": sp["end"] == len(para) and n_marks % 2 == 1,
                           "opens_para": para[:max(0, sp["start"] - 1)].strip() == ""})
    groups: list[list[int]] = []
    for i, q in enumerate(quotes):
        if groups and quotes[i - 1]["open_end"] and q["opens_para"]:
            groups[-1][1] = q["end"]
        else:
            groups.append([q["start"], q["end"]])
    return [tuple(g) for g in groups]


def _inherit_quote_speakers(rows: list[dict], nbody: str) -> None:
    """Sentences inside a multi-sentence quote get the speaker of the sentence that attributes the quote;
    a quote paragraph with no attribution of its own gets the source of the sentence just before it."""
    for qs, qe in quote_groups(nbody):
        inside = [r for r in rows if r["end"] > qs and r["start"] < qe]
        if len(inside) < 1:
            continue
        speaker = next((r for r in inside if r["attributed"] and r.get("pattern") != "inside a quote"), None)
        how = "inside a quote attributed in the same quotation"
        if speaker is None:
            before = [r for r in rows if r["end"] <= qs]
            prev = before[-1] if before else None
            if prev is None or not prev["attributed"] or prev.get("source_type") in {"document", "wire_outlet"}:
                continue
            if normalize(nbody[prev["end"]:qs]).strip(' \n"') != "":
                continue  # something other than the quote follows the attributed sentence
            speaker, how = prev, "quote right after a sentence attributed to this source"
        for r in inside:
            if r["attributed"]:
                continue
            if r["start"] < qs - 2 or r["end"] > qe + 2:
                continue  # the sentence is not wholly inside the quotation
            r.update({k: speaker.get(k) for k in _SPEAKER_FIELDS})
            r.update({"attributed": True, "pattern": "inside a quote", "resolution": how, "n_attributions": 0,
                      "candidates": speaker.get("candidates")})


def _candidate_fields(c: dict, s: dict, nbody: str, persons, mentions, verbs) -> dict:
    """Source, person, type, country and offsets of one attribution candidate in sentence ``s``."""
    ss, se = s["start"] + c["src"][0], s["start"] + c["src"][1]
    source = nbody[ss:se]
    sentence = nbody[s["start"]:s["end"]]
    person, how = _resolve(source, ss, nbody, persons, mentions)
    stype = source_type(source, sentence=sentence, person=person)
    country = _country_of(source, person)
    if source.lower() in {"it", "they"}:
        # "North Korea test-fired what it said was ...": the nearest country named before it in the sentence
        before = find_countries(nbody[s["start"]:ss])
        if before and re.search(r"\b(?:what|which|as)\s+$", nbody[s["start"]:ss]):
            country, how, stype = before[-1][0], f"pronoun: nearest country before it ({before[-1][0]})", "official"
        else:
            stype, how = "other", "pronoun: not resolved"
    elif source.lower() in PRONOUNS and person is None:
        stype = "other"
    vinfo = verbs.get(c["cue"], (c["cue"], "neutral"))
    return {"source": source, "source_person": person["name"] if person else None, "source_type": stype,
            "country": country, "cue": c["cue"], "verb": vinfo[0], "connotation": vinfo[1],
            "channel": c.get("channel"), "pattern": c["pattern"], "resolution": how, "source_start": ss,
            "source_end": se, "cue_start": s["start"] + c["cue_start"], "cue_end": s["start"] + c["cue_end"]}


def _masked_body(nbody: str) -> str:
    out = []
    pos = 0
    for m in re.finditer(r"[^\n]+", nbody):
        out.append(nbody[pos:m.start()])
        out.append(_mask_quotes(m.group(0), quote_spans(m.group(0))))
        pos = m.end()
    out.append(nbody[pos:])
    return "".join(out)


def sources(attr: pd.DataFrame) -> pd.DataFrame:
    """The attributed sentences only, one per row, with the source columns (from :func:`attributions`)."""
    cols = ["id", "outlet", "paragraph", "source", "source_person", "source_type", "country", "cue", "connotation",
            "text"]
    return attr[attr["attributed"]][cols].reset_index(drop=True)


# Columns of the per-sentence tables that describe the source or the quote, not the article: a
# grouping of the same name (by="country": the article's country) must come from the articles.
SOURCE_OWN_COLUMNS = ("country", "source_type", "source", "speaker", "cue", "kind")


def _grouped(table: pd.DataFrame, articles: pd.DataFrame | None, by: str, *, own=()) -> pd.DataFrame:
    """``table`` with the grouping column ``by``, taken from ``articles`` whenever they have it.

    ``outlet`` and ``id`` are the table's own (the same in both); any other
    column of the articles replaces a column of the same name in ``table``, so
    ``by="country"`` groups by the article's country and never by the
    country of the source. ``own`` names columns that mean something else in
    ``table``: grouping by one of them without ``articles`` is an error.
    """
    if by not in ("id", "outlet") and by in table.columns:
        if articles is not None and by in articles.columns:
            table = table.drop(columns=by)
        elif by in own:
            raise KeyError(f"by={by!r}: the column {by!r} of this table describes the source, not the article; "
                           f"pass articles= (the corpus) to group by the article's {by}")
    return groups.attach(table, articles, by)


def source_summary(attr: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: attributed sentences by source type, and the anonymous-source share.

    ``by`` is the article column that forms the groups (``outlet``, ``country``
    or a manifest column), taken from ``articles`` when they have it (so
    ``by="country"`` is the article's country, not the ``country`` of the
    source in ``attr``; see :func:`newsframe.groups.attach`). One row per group with attributed
    sentences: ``<by>, <source types...>, attributed, sentences,
    anonymous_share, articles`` (``articles``: articles of the group with body
    sentences).
    """
    attr = _grouped(attr, articles, by, own=SOURCE_OWN_COLUMNS)
    a = attr[attr["attributed"]]
    if a.empty:
        return pd.DataFrame(columns=[by, *SOURCE_TYPES, "attributed", "sentences", "anonymous_share", "articles"])
    t = pd.crosstab(a[by], a["source_type"]).reindex(columns=SOURCE_TYPES, fill_value=0)
    t["attributed"] = t[SOURCE_TYPES].sum(axis=1)
    t["sentences"] = attr.groupby(by).size().reindex(t.index)
    t["anonymous_share"] = (t["anonymous"] / t["attributed"]).round(2)
    t["articles"] = attr.groupby(by)["id"].nunique().reindex(t.index)
    return t.reset_index()


def verb_choices(attr: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reporting verbs/phrases per group (``by``: the article column forming the groups, taken from
    ``articles`` when ``attr`` lacks it): counts, with the connotation of each verb."""
    attr = _grouped(attr, articles, by, own=SOURCE_OWN_COLUMNS)
    a = attr[attr["attributed"]]
    if a.empty:
        return pd.DataFrame(columns=[by, "cue", "connotation", "n", "ids"])
    g = a.groupby([by, "cue", "connotation"]).agg(n=("text", "size"), ids=("id", lambda s: ", ".join(sorted(set(s)))))
    return g.reset_index().sort_values([by, "n"], ascending=[True, False]).reset_index(drop=True)


# ----------------------------------------------------------------- quotations
def quotations(articles, *, extra_verbs=None, attr: pd.DataFrame | None = None) -> pd.DataFrame:
    """Direct quotations with their speaker, one row per quoted span.

    Columns: ``id, outlet, paragraph, quote, speaker, speaker_person,
    source_type, country, cue, kind, words, nested, start, end`` (offsets into
    ``body``). ``kind``: ``direct`` (the quote is the reported speech, ``"...,"
    he said``), ``mixed`` (a quoted fragment inside reported speech),
    ``unattributed`` (scare quotes, titles, or a speaker the rules cannot find;
    ``speaker`` is empty). Quotes broken by the attribution share the speaker;
    ``nested`` lists single-quoted text inside the quote.
    """
    if attr is None:
        attr = attributions(articles, extra_verbs=extra_verbs)
    rows = []
    sentences_of = groups.records_by_article(attr, ("start", "end", "attributed", "paragraph", "candidates"))
    for art in _articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        a = sentences_of.get(art.id, [])
        for m in re.finditer(r"[^\n]+", body):
            para = m.group(0)
            spans = quote_spans(para)
            top = [sp for sp in spans if sp["level"] == 1]
            for sp in top:
                qs, qe = m.start() + sp["start"], m.start() + sp["end"]
                quote = body[qs:qe]
                nested = [para[n["start"]:n["end"]] for n in spans if n["level"] == 2 and sp["start"] <= n["start"] < sp["end"]]
                # the sentence holding the end of the quote, then the start
                hold = [r for r in a if r["start"] <= qe <= r["end"]]
                if not any(r["attributed"] for r in hold):
                    hold = [r for r in a if r["start"] <= qs < r["end"]]
                r = hold[0] if hold else None
                attributed = r is not None and bool(r["attributed"])
                kind = "unattributed"
                c = None
                if attributed:
                    c = _nearest_candidate(r["candidates"], qs, qe)
                    sent_quotes = [(m.start() + t["start"], m.start() + t["end"]) for t in top
                                   if m.start() + t["start"] < int(r["end"]) and m.start() + t["end"] > int(r["start"])]
                    sent_quotes = sent_quotes or [(qs, qe)]
                    kind = _quote_kind(body, int(r["start"]), int(r["end"]), qs, qe, c, sent_quotes)
                if len(quote.split()) <= 2 and not attributed:
                    kind = "unattributed"
                c = c or {}
                rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "paragraph": int(r["paragraph"]) if r is not None else None,
                             "quote": quote.strip(), "speaker": c.get("source"),
                             "speaker_person": c.get("source_person"), "source_type": c.get("source_type"),
                             "country": c.get("country"), "cue": c.get("cue"), "kind": kind,
                             "words": len(re.findall(r"[\w][\w'-]*", quote)), "nested": nested,
                             "start": qs, "end": qe,
                             "speaker_start": c.get("source_start"), "speaker_end": c.get("source_end")})
    cols = ["id", "outlet", "paragraph", "quote", "speaker", "speaker_person", "source_type", "country", "cue", "kind",
            "words", "nested", "start", "end", "speaker_start", "speaker_end"]
    return pd.DataFrame(rows, columns=cols)


def _nearest_candidate(cands: list[dict], qs: int, qe: int) -> dict:
    """The attribution candidate closest to a quote (its cue right after the quote or just before it)."""
    def dist(c):
        if c["cue_start"] >= qe:
            return c["cue_start"] - qe
        if c["cue_end"] <= qs:
            return qs - c["cue_end"]
        return 0
    return min(cands, key=lambda c: (dist(c), c["pattern"] == "according to SOURCE"))


def _quote_kind(body: str, s_start: int, s_end: int, qs: int, qe: int, c: dict, sent_quotes) -> str:
    """direct: the quote is the reported speech itself; mixed: a quoted fragment inside reported speech."""
    first = sent_quotes[0]
    attribution = (min(c["source_start"], c["cue_start"]), max(c["source_end"], c["cue_end"]))
    def only_attribution(a: int, b: int) -> bool:
        rest = normalize(body[a:b])
        rest = rest[:max(0, attribution[0] - a)] + rest[max(0, attribution[1] - a):] if a <= attribution[0] < b else rest
        return re.fullmatch(r"[\s\",:;.]*(?:that\s*)?[\s\",:;.]*", rest or "") is not None
    pre = normalize(body[s_start:max(s_start, first[0] - 1)])
    sentence_opens_with_quote = pre.strip() == ""
    introduced = only_attribution(s_start, first[0] - 1) and attribution[1] <= first[0]
    if not (sentence_opens_with_quote or introduced):
        return "mixed"
    # every gap between the quotes of the sentence is only the attribution (a quote broken by it)
    for (a1, b1), (a2, b2) in zip(sent_quotes, sent_quotes[1:]):
        if not only_attribution(b1 + 1, a2 - 1):
            return "mixed"
    return "direct"


def words_quoted(quotes: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Words quoted per speaker and group (direct and mixed quotes), largest first.

    ``by`` is the article column forming the groups; taken from ``articles``
    when ``quotes`` lacks it.
    """
    quotes = _grouped(quotes, articles, by, own=SOURCE_OWN_COLUMNS)
    q = quotes[quotes["kind"].isin(["direct", "mixed"])].copy()
    if q.empty:
        return pd.DataFrame(columns=[by, "speaker", "source_type", "quotes", "words", "ids"])
    q["speaker"] = q["speaker_person"].fillna(q["speaker"])
    g = q.groupby([by, "speaker", "source_type"]).agg(quotes=("quote", "size"), words=("words", "sum"),
                                                      ids=("id", lambda s: ", ".join(sorted(set(s)))))
    return g.reset_index().sort_values("words", ascending=False).reset_index(drop=True)


QUOTE_KINDS = ("direct", "mixed", "unattributed")


def quotes_by_group(quotes: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: how many quotations of each kind, and how many words are quoted with a speaker.

    ``quotes`` is :func:`quotations`; ``by`` the article column forming the
    groups (taken from ``articles`` when ``quotes`` lacks it). Columns:
    ``<by>, articles, with_quotes, quotes, direct, mixed, unattributed, words,
    unattributed_words`` (``words``: in direct and mixed quotes, as
    :func:`words_quoted`). With ``articles`` every group of the corpus is a
    row, groups without a quotation included, and ``articles`` counts the
    group's articles; without it, ``articles`` counts the articles in
    ``quotes``. Largest groups first.
    """
    quotes = _grouped(quotes, articles, by, own=SOURCE_OWN_COLUMNS)
    cols = [by, "articles", "with_quotes", "quotes", *QUOTE_KINDS, "words", "unattributed_words"]
    q = quotes.assign(_kind=quotes["kind"].where(quotes["kind"].isin(QUOTE_KINDS), "unattributed"))
    q["_group"] = groups.clean_values(q[by]).to_numpy()
    q["_words"] = pd.to_numeric(q["words"], errors="coerce").fillna(0).astype(int)
    kinds = pd.crosstab(q["_group"], q["_kind"]).reindex(columns=list(QUOTE_KINDS), fill_value=0)
    out = pd.DataFrame(index=kinds.index)
    out["with_quotes"] = q.groupby("_group")["id"].nunique()
    out["quotes"] = kinds.sum(axis=1)
    out = out.join(kinds)
    spoken = q["_kind"] != "unattributed"
    out["words"] = q[spoken].groupby("_group")["_words"].sum().reindex(out.index, fill_value=0)
    out["unattributed_words"] = q[~spoken].groupby("_group")["_words"].sum().reindex(out.index, fill_value=0)
    if articles is not None and by in articles.columns:
        sizes = pd.Series(list(articles["id"]), index=groups.clean_values(articles[by]).to_numpy()).groupby(level=0).nunique()
    else:
        sizes = out["with_quotes"]
    out = out.reindex(out.index.union(sizes.index), fill_value=0)
    out["articles"] = sizes.reindex(out.index).fillna(out["with_quotes"])
    out = out.rename_axis(by).reset_index()
    if out.empty:
        return pd.DataFrame(columns=cols)
    out = out[cols].astype({c: int for c in cols[1:]})
    return out.sort_values(["articles", "quotes", by], ascending=[False, False, True], kind="stable").reset_index(drop=True)


ATTRIBUTION_TYPES = ("direct", "indirect", "mixed")
_LISTENER_VERBS = frozenset({"tell", "assure", "reassure", "inform", "remind", "instruct"})   # X VERB listener CONTENT
# patterns whose source sits next to the cue (the attribution is one stretch of text: "Yoon said",
# "said a ministry official", "Chris Tang, the new commissioner, said"); in the others the source is the
# sentence's subject, far from the cue ("He denied the claims, saying ...")
_ADJACENT_PATTERNS = frozenset({"SOURCE VERB", "..., VERB SOURCE", "VERB by SOURCE", "SOURCE, APPOSITION, VERB",
                                "according to SOURCE", "in a statement"})
_AFTER_CUE = re.compile(   # what may follow the cue before the content: a channel, a time, "that", a colon
    r"(?:\s*,?\s*(?:in|at|during|on)\s+(?:a|an|the|his|her|its|their)\s+(?:joint\s+)?"
    r"(?:statement|interview|speech|press\s+release|press\s+conference|news\s+conference|briefing|post|"
    r"tweet|letter|op-ed|readout|email|message|video|broadcast|televised\s+address|address)"
    r"(?:\s+(?:on|with|to)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?"
    r"|\s*,?\s*(?:(?:late\s+|early\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?|last\s+(?:week|month|year)|earlier|later|"
    r"yesterday|today|on\s+Twitter|on\s+X))*(?:\s*,)?(?:\s+that\b)?\s*:?")
# a side that is only a circumstance of the speaking ("Okafor said to applause from the hall", "she said in
# response to a question", "officials said late Thursday"): the content is on the other side
_CIRCUMSTANCE = re.compile(
    r"(?:at|in|to|during|after|before|from|with|while|when|as|on|upon|outside|inside|ahead\s+of|following|"
    r"soon|shortly|late|early|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last|this|that|"
    r"yesterday|today|tonight|earlier|later|again|afterward|afterwards|recently|then)\b", re.I)
_EDGE_PUNCT = " \t\n,;:.-–—"
_ADVERBIAL = re.compile(r"(?:(?:In|On|At|After|Before|During|Under|Following|Asked|Speaking|Meanwhile|However|"
                        r"Separately|Earlier|Later|Still|Instead|Already|Also|But|And|Yet|Now|Then|Last|Since|"
                        r"Hours|Days|When|While|As)\b[^,]*)?,?", re.I)


# a dateline opening a paragraph: "SEOUL (Reuters) -", "Seoul [South Korea], March 19 (ANI):"
_DATELINE = re.compile(r"[A-Z][^\n.()]{0,60}?\((?:[A-Z][\w]*[ .&-]*){1,4}\)\s*[:\-–—]+\s*")


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without edge punctuation, a leading dateline and a leading "that"."""
    m = _DATELINE.match(text, s, e)
    if m and (s == 0 or text[s - 1] == "\n"):
        s = m.end()
    while s < e and text[s] in _EDGE_PUNCT:
        s += 1
    m = re.match(r"that\b\s*", text[s:e])
    if m:
        s += m.end()
    while e > s and text[e - 1] in _EDGE_PUNCT:
        e -= 1
    m = re.search(r"[\s,;]+(?:but|and|while|as|although|though|whereas)$", text[s:e])
    if m:   # ("to keep trying, but | the editor says ...": the conjunction joins the next attribution)
        e = s + m.start()
        while e > s and text[e - 1] in _EDGE_PUNCT:
            e -= 1
    return s, e


def _attribution_frame(nbody: str, c: dict, verbs: dict) -> tuple[int, int]:
    """The stretch of text that is the attribution itself (source, cue and what hangs on them: the
    listener of "told", a channel "in a statement", a time, "that"), not the content."""
    if c["pattern"] in _ADJACENT_PATTERNS:
        a, b = min(c["source_start"], c["cue_start"]), max(c["source_end"], c["cue_end"])
    else:
        a, b = c["cue_start"], c["cue_end"]
    if b == c["cue_end"]:
        if verbs.get(c["cue"], ("",))[0] in _LISTENER_VERBS:   # "told reporters", "assured the public"
            np_ = _forward_np(nbody, b + len(nbody[b:]) - len(nbody[b:].lstrip(" ")))
            if np_ and np_[0] - b <= 1:
                b = np_[1]
        m = _AFTER_CUE.match(nbody, b)
        if m and m.end() > b and "\n" not in m.group(0):
            b = m.end()
    return a, b


def _quote_spans_of(nbody: str) -> list[tuple[int, int]]:
    """Top-level quoted spans of a body (inside the marks), in order."""
    out = []
    for m in re.finditer(r"[^\n]+", nbody):
        out += [(m.start() + sp["start"], m.start() + sp["end"]) for sp in quote_spans(m.group(0)) if sp["level"] == 1]
    return out


def _only_marks(text: str) -> bool:
    return re.fullmatch(r"[\s\"'“”‘’«»„‹›,.;:!?()\-–—]*", text) is not None


def reported_speech(text: str, *, extra_verbs=None) -> list[dict]:
    """Attributions of one text - direct quotes, reported (indirect) speech and mixed forms - each with
    its three spans as the text has them (PARC: Pareti 2016; PolNeAR: Newell, Margolin and Ruths 2018).

    Dicts ``type`` (direct: the content is a quotation; indirect: no quote marks; mixed: reported
    speech with quoted fragments), ``speaker, speaker_start, speaker_end`` (the source as written: a
    pronoun stays a pronoun), ``speaker_ref`` (the person a source names or a pronoun refers to, when
    the rules can tell), ``cue, cue_start, cue_end`` (the reporting verb or phrase), ``content_spans``
    (the reported material: the quoted words of a direct quote, both halves of a quote broken by its
    attribution and the continuing paragraphs of a long quote; the reported clause of indirect and
    mixed speech), ``start, end`` (from the first content span's start to the last one's end),
    ``source_type``. Offsets are character offsets into ``text``, ends exclusive.
    """
    arts = pd.DataFrame({"id": ["t"], "outlet": [""], "body": [text]})
    attr = attributions(arts, extra_verbs=extra_verbs)
    return _reported_speech_of(text, attr.to_dict("records"), reporting_verbs(extra_verbs))


def _reported_speech_of(text: str, rows: list[dict], verbs: dict) -> list[dict]:
    """:func:`reported_speech` of one body from its rows of :func:`attributions`."""
    nbody = normalize(text) if len(normalize(text)) == len(text) else text
    quotes = _quote_spans_of(nbody)
    groups_ = quote_groups(nbody)
    out: list[dict] = []
    for r in rows:
        if not r["attributed"] or r["pattern"] == "inside a quote":
            continue
        ss, se = int(r["start"]), int(r["end"])
        cands = sorted(r["candidates"], key=lambda c: c["cue_start"])
        frames = [_attribution_frame(nbody, c, verbs) for c in cands]
        keep = []   # drop candidates whose stretch lies inside another's ("according to X" inside "X said")
        for k, (a, b) in enumerate(frames):
            if not any(j != k and frames[j][0] <= a and b <= frames[j][1] and (frames[j] != (a, b) or j < k)
                       for j in range(len(frames))):
                keep.append(k)
        cands, frames = [cands[k] for k in keep], [frames[k] for k in keep]
        for k, c in enumerate(cands):
            a, b = frames[k]
            lo = frames[k - 1][1] if k else ss
            hi = frames[k + 1][0] if k + 1 < len(cands) else se
            left, right = _strip_span(nbody, lo, min(a, hi)), _strip_span(nbody, max(b, lo), hi)
            if verbs.get(c["cue"], ("",))[0] in _LISTENER_VERBS and right[1] > right[0]:
                # "X told the visiting farmers who ... that CONTENT": the content follows "that"
                m_that = re.search(r"\bthat\b\s*", nbody[right[0]:right[1]])
                if m_that and len(nbody[right[0]:right[0] + m_that.start()].split()) <= 12 \
                        and not quoted_only_span(quotes, nbody, right):
                    right = (right[0] + m_that.end(), right[1])
            left_text = nbody[left[0]:left[1]]
            has_left = left[1] - left[0] > 1 and not _ADVERBIAL.fullmatch(left_text.strip())
            has_right = right[1] - right[0] > 1
            if has_left and has_right and _CIRCUMSTANCE.match(nbody, right[0]) and c["pattern"] in _ADJACENT_PATTERNS:
                has_right = False
            def quoted_only(sp):   # the side is a quotation and nothing else
                return quoted_only_span(quotes, nbody, sp)
            if c["pattern"] in ("SUBJECT ..., VERB-ing", "SUBJECT ... and/but VERB"):
                spans = [right] if has_right else []
            elif has_left and quoted_only(left) and c["pattern"] in _ADJACENT_PATTERNS:
                # '"From now on," Kishida said, "we will meet every year."'; '"...," Yoon continued, speaking ...'
                spans = [left, right] if has_right and quoted_only(right) else [left]
            elif c["pattern"] == "..., VERB SOURCE" or not has_right:
                spans = [left] if has_left else []
            elif not has_left:
                spans = [right]
            elif nbody[left[1]:a].strip().startswith(",") and nbody[c["cue_end"]:right[0]].strip().startswith(","):
                spans = [left, right]   # "The talks, the ministry said, will resume."
            else:
                spans = [right]
            inside = [q for q in quotes if spans and q[0] < max(e for _, e in spans) and q[1] > min(s for s, _ in spans)]
            if not spans:
                # "Park asked." after a quote of its own sentence: the quote just before is the content
                before = [q for q in quotes if q[1] <= a and _only_marks(nbody[q[1]:a])]
                if not before:
                    continue
                inside = [before[-1]]
                spans = list(inside)
                kind = "direct"
            else:
                rest = "".join(nbody[s:e] for s, e in _minus(spans, inside))
                if inside and _only_marks(rest):
                    kind, spans = "direct", list(inside)
                elif inside:
                    kind = "mixed"
                else:
                    kind = "indirect"
            out.append({"type": kind, "cue_detail": c, "frame": (a, b), "content_spans": [list(x) for x in spans],
                        "sentence_end": se})
    _join_quotes(out, quotes, groups_, rows, nbody)
    result = []
    for d in out:
        c = d["cue_detail"]
        spans = sorted(d["content_spans"])
        spans = [sp for sp in spans if sp[1] - sp[0] > 0]
        if not spans:
            continue
        person = c.get("source_person")
        result.append({"start": spans[0][0], "end": spans[-1][1], "speaker": c["source"],
                       "speaker_start": int(c["source_start"]), "speaker_end": int(c["source_end"]),
                       "speaker_ref": person if person and person != c["source"] else None,
                       "cue": c["cue"], "cue_start": int(c["cue_start"]), "cue_end": int(c["cue_end"]),
                       "type": d["type"], "kind": d["type"], "source_type": c.get("source_type"),
                       "content_spans": spans})
    return sorted(result, key=lambda x: (x["start"], x["cue_start"]))


def quoted_only_span(quotes, nbody: str, sp) -> bool:
    """True when the text of ``sp`` is one or more of ``quotes`` and nothing else (marks, punctuation)."""
    qs_ = [q for q in quotes if q[0] < sp[1] and q[1] > sp[0]]
    return bool(qs_) and _only_marks("".join(nbody[x:y] for x, y in _minus([sp], qs_)))


def _minus(spans, holes) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside ``holes`` (both lists of (start, end))."""
    out = []
    for s, e in spans:
        cur = s
        for hs, he in sorted(holes):
            if he <= cur or hs >= e:
                continue
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
        if cur < e:
            out.append((cur, e))
    return out


def _join_quotes(out: list[dict], quotes, groups_, rows, nbody: str) -> None:
    """Quotes that continue a direct quotation join it: the second half of a quote broken by its
    attribution ('"A," X said. "B."'), and the paragraphs of a quotation that runs over several."""
    used = {tuple(sp) for d in out for sp in d["content_spans"]}
    own = {}   # quote -> the attribution whose content it is
    for d in out:
        for sp in d["content_spans"]:
            own[tuple(sp)] = d
    attributed_at = [(int(r["start"]), int(r["end"])) for r in rows if r["attributed"] and r["pattern"] != "inside a quote"]
    sentence_ends = [(int(r["start"]), int(r["end"])) for r in rows]
    for q in quotes:
        if q in used:
            continue
        prev = [d for d in out if d["type"] == "direct" and max(max(sp[1] for sp in d["content_spans"]), d["frame"][1]) <= q[0]]
        if not prev:
            continue
        d = max(prev, key=lambda x: max(max(sp[1] for sp in x["content_spans"]), x["frame"][1]))
        last = max(max(sp[1] for sp in d["content_spans"]), d["frame"][1])
        same_group = any(gs <= q[0] and q[1] <= ge and any(gs <= sp[0] < ge for sp in d["content_spans"])
                         for gs, ge in groups_)
        # the quote's sentence has an attribution of its own: it is that one's
        if any(s <= q[0] < e for s, e in attributed_at) and not same_group:
            continue
        # ('"A," X said to cheers. "B."': the next sentence opens with the quote and has no attribution)
        next_sentence = d["sentence_end"] <= q[0] and _only_marks(nbody[d["sentence_end"]:q[0]]) \
            and max(max(sp[1] for sp in d["content_spans"]), d["frame"][1]) <= d["sentence_end"]
        if same_group or _only_marks(nbody[last:q[0]]) or next_sentence:
            d["content_spans"].append(list(q))
            d["sentence_end"] = max(d["sentence_end"], next((e for s_, e in sentence_ends if s_ <= q[0] < e), q[1]))
            used.add(q)


SPEECH_COLUMNS = ["id", "outlet", "paragraph", "type", "speaker", "speaker_ref", "source_type", "cue", "content",
                  "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"]


def speech(articles, *, extra_verbs=None, attr: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every attribution of a corpus (:func:`reported_speech`), one row each, keyed by article ``id``.

    Columns :data:`SPEECH_COLUMNS`: ``type`` direct / indirect / mixed, ``speaker`` as written,
    ``speaker_ref`` the person it names or refers to, ``source_type`` (:data:`SOURCE_TYPES`),
    ``content`` the reported words (the parts of a broken quote joined by " … "), offsets into
    ``body``. ``attr``: :func:`attributions` of the same articles, when already made.
    """
    if attr is None:
        attr = attributions(articles, extra_verbs=extra_verbs)
    verbs = reporting_verbs(extra_verbs)
    rows_of = groups.records_by_article(attr, ("start", "end", "attributed", "pattern", "paragraph", "candidates"))
    out = []
    for art in _articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        rows = rows_of.get(art.id, [])
        if not body or not any(r["attributed"] for r in rows):
            continue
        paras = [0] + [m.end() for m in re.finditer(r"\n\s*\n", body)]
        for d in _reported_speech_of(body, rows, verbs):
            out.append({"id": art.id, "outlet": art.outlet, "paragraph": bisect_right(paras, d["start"]) - 1,
                        "type": d["type"], "speaker": d["speaker"], "speaker_ref": d["speaker_ref"],
                        "source_type": d["source_type"], "cue": d["cue"],
                        "content": " … ".join(body[a:b] for a, b in d["content_spans"]),
                        **{k: d[k] for k in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")}})
    return pd.DataFrame(out, columns=SPEECH_COLUMNS)


def speech_by_group(speech_table: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: attributions by type (direct, indirect, mixed), the share told in the source's own
    words (direct), the anonymous share and the most frequent speakers. ``speech_table``: :func:`speech`;
    ``by``: the article column forming the groups, taken from ``articles`` when it lacks it."""
    t = _grouped(speech_table, articles, by, own=SOURCE_OWN_COLUMNS)
    cols = [by, "attributions", *ATTRIBUTION_TYPES, "direct_share", "anonymous_share", "top_speakers"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    t = t.assign(_who=t["speaker_ref"].fillna(t["speaker"]))
    kinds = pd.crosstab(t[by], t["type"]).reindex(columns=list(ATTRIBUTION_TYPES), fill_value=0)
    out = kinds.assign(attributions=kinds.sum(axis=1))
    out["direct_share"] = (out["direct"] / out["attributions"]).round(2)
    out["anonymous_share"] = (t.assign(_a=t["source_type"] == "anonymous").groupby(by)["_a"].mean()
                              .reindex(out.index).round(2))
    out["top_speakers"] = t.groupby(by)["_who"].agg(
        lambda s: ", ".join(f"{k} ({v})" for k, v in sorted(Counter(s).items(), key=lambda kv: (-kv[1], kv[0]))[:3]))
    out = out.reset_index()[cols].sort_values(["attributions", by], ascending=[False, True]).reset_index(drop=True)
    out.columns.name = None
    return out


def quotes_for_text(text: str, *, extra_verbs=None) -> list[dict]:
    """Quotes and reported speech of one text in the CLI format (``python -m newsframe quotes``):
    :func:`reported_speech`. Each dict has ``start, end, speaker, speaker_start, speaker_end, cue,
    cue_start, cue_end, type`` (direct, indirect, mixed; also as ``kind``, its former name),
    ``content_spans``, ``speaker_ref`` and ``source_type``. Quotes without a speaker (scare quotes,
    titles) are left out."""
    return reported_speech(text, extra_verbs=extra_verbs)


# ----------------------------------------------------------------- wire dependence
def paragraphs(body: str) -> list[tuple[int, int, str]]:
    """Body paragraphs as (start, end, text); paragraphs are separated by blank lines."""
    body = body if isinstance(body, str) else ""
    out, pos = [], 0
    for chunk in re.split(r"(\n\s*\n)", body):
        if chunk.strip() and not re.fullmatch(r"\n\s*\n", chunk):
            out.append((pos, pos + len(chunk), chunk))
        pos += len(chunk)
    return out


def wire_dependence(articles) -> pd.DataFrame:
    """Every credit to an agency or outlet, with where it appears: one row per credit.

    Columns: ``id, outlet, agency, kind (wire/outlet), where (byline, dateline,
    body, page), paragraph (body paragraph number, 0 = lead), evidence``. Body
    credits come from :func:`newsframe.meta.find_credits` per paragraph;
    ``page`` rows are names in the article's ``credited_sources`` that were
    found elsewhere on the page (e.g. a "Source: Agencies" line).
    """
    index, apat = _agencies()
    rows = []
    for art in _articles_iter(articles):
        outlet = getattr(art, "outlet", "")
        found = set()
        byline = getattr(art, "byline", None)
        if isinstance(byline, str):
            for m in apat.finditer(byline):
                name, kind = index[m.group(0)]
                own = "" if outlet.startswith(UNKNOWN_OUTLET.split("(")[0]) else outlet.lower()
                if own and (name.lower() in own or own in name.lower()):
                    continue  # the outlet's own byline ("By Al Mayadeen English") is no credit
                rows.append({"id": art.id, "outlet": outlet, "agency": name, "kind": kind, "where": "byline",
                             "paragraph": None, "evidence": byline})
                found.add(name)
        body = art.body if isinstance(art.body, str) else ""
        dl = meta.find_dateline(body) if body else {}
        if dl.get("dateline_agency"):
            name, kind = meta.canonical_source(dl["dateline_agency"])
            rows.append({"id": art.id, "outlet": outlet, "agency": name, "kind": kind, "where": "dateline",
                         "paragraph": 0, "evidence": body[:dl["end"]]})
            found.add(name)
        for i, (_s, _e, para) in enumerate(paragraphs(body)):
            for c in meta.find_credits(para, where="body"):
                rows.append({"id": art.id, "outlet": outlet, "agency": c["name"], "kind": c["kind"], "where": "body",
                             "paragraph": i, "evidence": c["evidence"]})
                found.add(c["name"])
        for name in (getattr(art, "credited_sources", None) or []):
            if name not in found:
                kind = index.get(name, (name, "wire" if "agenc" in name.lower() else "outlet"))[1]
                rows.append({"id": art.id, "outlet": outlet, "agency": name, "kind": kind, "where": "page",
                             "paragraph": None, "evidence": "credited on the page (credited_sources)"})
    cols = ["id", "outlet", "agency", "kind", "where", "paragraph", "evidence"]
    return pd.DataFrame(rows, columns=cols)


def wire_summary(articles, credits: pd.DataFrame | None = None, *, by: str = "outlet") -> pd.DataFrame:
    """Per article: agencies credited and where, and the share of body paragraphs that carry a credit.

    ``by`` (an article column forming the groups, e.g. ``country``) adds that
    column after ``outlet`` when it is not ``outlet``; :func:`wire_by_group`
    sums the table per group.
    """
    credits = wire_dependence(articles) if credits is None else credits
    rows = []
    credits_of = groups.records_by_article(credits, ("agency", "kind", "where", "paragraph"))
    for art in _articles_iter(articles):
        c = credits_of.get(art.id, [])
        n_par = len(paragraphs(art.body if isinstance(art.body, str) else ""))
        paras = sorted({int(r["paragraph"]) for r in c if not pd.isna(r["paragraph"])})
        places: dict[str, list] = {}   # agency -> where it is credited, in table order
        wire = set()                   # agencies credited as a wire at least once
        for r in c:
            if pd.isna(r["agency"]):
                continue
            places.setdefault(r["agency"], []).append(r["where"])
            if isinstance(r["kind"], str) and r["kind"] == "wire":
                wire.add(r["agency"])
        where = {a: "+".join(dict.fromkeys(places[a])) for a in sorted(places)}
        rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""),
                     "wires": ", ".join(f"{a} ({w})" for a, w in where.items() if a in wire),
                     "outlets": ", ".join(f"{a} ({w})" for a, w in where.items() if a not in wire),
                     "paragraphs": n_par, "paragraphs_with_credit": len(paras),
                     "credit_paragraphs": ", ".join(map(str, paras)),
                     "credit_share": round(len(paras) / n_par, 2) if n_par else 0.0})
    return _with_group_column(pd.DataFrame(rows), articles, by)


def _with_group_column(table: pd.DataFrame, articles, by: str) -> pd.DataFrame:
    """A per-article ``table`` with the column ``by`` (from ``articles``) right after ``outlet``."""
    if by in table.columns:
        return table
    out = groups.attach(table, articles if isinstance(articles, pd.DataFrame) else None, by)
    cols = [c for c in out.columns if c != by]
    at = cols.index("outlet") + 1 if "outlet" in cols else 1
    return out[cols[:at] + [by] + cols[at:]]


MAX_AGENCIES = 11   # agencies named in wire_by_group; the others are one "other (N agencies)" column


def _credited_names(text) -> list[str]:
    """Agency names in a :func:`wire_summary` cell: ``"Yonhap (body), AFP (byline+body)"`` -> names."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [m.group(1) for m in re.finditer(r"\s*(.+?) \([^()]*\)(?:,|$)", text)]


def wire_by_group(credits_or_wires: pd.DataFrame, *, by: str = "outlet",
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: the share of its articles that credit each agency (or outlet) anywhere in the article.

    ``credits_or_wires`` is :func:`wire_dependence` (one row per credit) or
    :func:`wire_summary` (one row per article); ``by`` the article column
    forming the groups, taken from ``articles`` when the table lacks it. The
    :data:`MAX_AGENCIES` agencies credited by the most articles get a column
    each; the others are folded into one ``other (N agencies)`` column (the
    share of articles crediting any of them). Columns: ``<by>, articles,
    credited`` (share crediting any agency or outlet), then one share per
    agency, most credited first. ``articles`` counts the group's articles in
    ``articles`` when given (credits alone do not list the articles without a
    credit), else in the table. Largest groups first.
    """
    t = _grouped(credits_or_wires, articles, by)
    if "agency" in t.columns:
        pairs = t[["id", by, "agency"]].dropna(subset=["agency"])
    else:
        rows = [(i, g, name) for i, g, w, o in zip(t["id"], t[by], t.get("wires", pd.Series([""] * len(t))),
                                                   t.get("outlets", pd.Series([""] * len(t))))
                for name in dict.fromkeys(_credited_names(w) + _credited_names(o))]
        pairs = pd.DataFrame(rows, columns=["id", by, "agency"])
    pairs = pairs.assign(**{by: groups.clean_values(pairs[by]).to_numpy()}).drop_duplicates(["id", "agency"])
    if articles is not None and by in articles.columns:
        members = pd.DataFrame({"id": list(articles["id"]), by: groups.clean_values(articles[by]).to_numpy()})
    else:
        members = pd.DataFrame({"id": list(t["id"]), by: groups.clean_values(t[by]).to_numpy()})
    members = members.drop_duplicates("id")
    if members.empty:
        return pd.DataFrame(columns=[by, "articles", "credited"])
    sizes = members.groupby(by)["id"].size()
    ranked = pairs.groupby("agency")["id"].nunique()
    ranked = sorted(ranked.index, key=lambda a: (-ranked[a], a))
    if len(ranked) > MAX_AGENCIES + 1:
        label = groups.other_label(len(ranked) - MAX_AGENCIES, "agencies")
        kept = set(ranked[:MAX_AGENCIES])
        pairs = pairs.assign(agency=pairs["agency"].where(pairs["agency"].isin(kept), label))
        ranked = ranked[:MAX_AGENCIES] + [label]
    out = pd.DataFrame({by: sizes.index, "articles": sizes.to_numpy()}).set_index(by)
    out["credited"] = pairs.groupby(by)["id"].nunique().reindex(out.index, fill_value=0)
    if ranked:
        per = pairs.groupby([by, "agency"])["id"].nunique().unstack("agency")
        out = out.join(per.reindex(columns=ranked)).fillna(0)
    shares = out.drop(columns="articles").div(out["articles"], axis=0).round(2)
    out = pd.concat([out[["articles"]].astype(int), shares], axis=1)
    out.columns.name = None
    out = out.reset_index()
    return out.sort_values(["articles", by], ascending=[False, True], kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------- frames
@reads_stored("frame_cues", depends_on=("body", "headline", "outlet"))
def frame_cues(articles, *, extra_cues: dict | None = None, include_headline: bool = True) -> pd.DataFrame:
    """Every frame cue found: one row per (sentence, cue). ``extra_cues`` = {frame: [cue, ...]}.

    Columns ``id, outlet, part (headline/body), paragraph, sentence, frame,
    cue, start, end, text``. Cues match whole words (see ``data/framing_cues.csv``).
    """
    compiled = _compile_cues(frame_lexicon(extra_cues))
    rows = []
    for art in _articles_iter(articles):
        outlet = getattr(art, "outlet", "")
        parts = []
        head = getattr(art, "headline", None)
        if include_headline and isinstance(head, str) and head.strip():
            parts.append(("headline", [{"paragraph": None, "sentence": None, "start": 0, "end": len(head), "text": head}], head))
        body = art.body if isinstance(art.body, str) else ""
        parts.append(("body", body_sentences(body), body))
        for part, sents, src in parts:
            nsrc = normalize(src) if len(normalize(src)) == len(src) else src
            present = _cues_in(nsrc, compiled)   # (in the order of compiled: longest first)
            for s in sents:
                for frame, cue, a, b in _match_cues(nsrc[s["start"]:s["end"]], present):
                    rows.append({"id": art.id, "outlet": outlet, "part": part, "paragraph": s["paragraph"],
                                 "sentence": s["sentence"], "frame": frame, "cue": cue.lower(),
                                 "start": s["start"] + a, "end": s["start"] + b, "text": s["text"]})
    return pd.DataFrame(rows, columns=["id", "outlet", "part", "paragraph", "sentence", "frame", "cue", "start", "end", "text"])


def _dominant_frame(frames: list[str]) -> str:
    """The frame with most cues among ``frames`` (one per cue), ties joined by ``+``; ``none`` without cues."""
    if not frames:
        return "none"
    n = Counter(frames)
    most = max(n.values())
    return "+".join(sorted(f for f, k in n.items() if k == most))


def frame_salience(articles, *, extra_cues: dict | None = None, cues: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame: sentences with a cue, salience (share of body sentences), the cues found.

    Also per article the frame of the headline and of the lead paragraph (the
    frame with most cues there; ties joined by ``+``; ``none`` without cues).
    """
    cues = frame_cues(articles, extra_cues=extra_cues) if cues is None else cues
    frames = list(frame_lexicon(extra_cues))
    rows = []
    cues_of = groups.records_by_article(cues, ("part", "paragraph", "frame", "sentence", "cue"))
    for art in _articles_iter(articles):
        c = cues_of.get(art.id, [])
        body_c = [r for r in c if r["part"] == "body"]
        n_sent = len(body_sentences(art.body if isinstance(art.body, str) else ""))
        head = [r["frame"] for r in c if r["part"] == "headline"]
        lead = [r["frame"] for r in body_c if r["paragraph"] == 0]
        has_headline = isinstance(getattr(art, "headline", None), str)
        for f in frames:
            fc = [r for r in body_c if r["frame"] == f]
            n_with = len({r["sentence"] for r in fc if not pd.isna(r["sentence"])})
            rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "frame": f, "sentences": n_sent,
                         "sentences_with_cue": n_with, "salience": round(n_with / n_sent, 3) if n_sent else 0.0,
                         "cues": ", ".join(f"{k} ({v})" for k, v in Counter(r["cue"] for r in fc).most_common()),
                         "headline_frame": _dominant_frame(head) if has_headline else "no headline",
                         "lead_frame": _dominant_frame(lead)})
    return pd.DataFrame(rows, columns=["id", "outlet", "frame", "sentences", "sentences_with_cue", "salience", "cues",
                                       "headline_frame", "lead_frame"])


def outlet_frame_matrix(salience: pd.DataFrame, *, by: str = "outlet",
                        articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group x frame: share of the group's body sentences that carry the frame (pooled over articles).

    ``by`` is the article column forming the groups (rows, index named
    ``by``), taken from ``articles`` when ``salience`` lacks it. The body
    sentences and articles of each group are in ``matrix.attrs["sentences"]``
    and ``matrix.attrs["articles"]`` (dicts group -> count), which
    :func:`newsframe.plots.frame_heatmap` uses to show the largest groups.
    """
    if salience.empty:
        return pd.DataFrame()
    salience = _grouped(salience, articles, by)
    g = salience.groupby([by, "frame"])[["sentences_with_cue", "sentences"]].sum()
    m = (g["sentences_with_cue"] / g["sentences"].where(g["sentences"] > 0)).unstack("frame").fillna(0).round(3)
    per_article = salience.drop_duplicates("id")
    m.attrs = {"sentences": {k: int(v) for k, v in per_article.groupby(by)["sentences"].sum().items()},
               "articles": {k: int(v) for k, v in per_article.groupby(by)["id"].size().items()}}
    return m


def outlet_frame_cues(cues: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cue words behind each group x frame cell (with counts), the table next to the heatmap.

    ``by`` is the article column forming the groups, taken from ``articles`` when ``cues`` lacks it.
    """
    cues = _grouped(cues, articles, by)
    b = cues[cues["part"] == "body"]
    if b.empty:
        return pd.DataFrame(columns=[by, "frame", "n", "cues"])
    g = b.groupby([by, "frame"]).agg(n=("cue", "size"),
                                     cues=("cue", lambda s: ", ".join(f"{k} ({v})" for k, v in Counter(s).most_common())))
    return g.reset_index()


# ----------------------------------------------------------------- tone
@lru_cache(maxsize=1)
def _adjustments() -> tuple[tuple[str, float, re.Pattern, str], ...]:
    rows = read_table("tone_adjustments.csv")
    rows = sorted(rows, key=lambda r: -len(r["phrase"]))
    return tuple((r["phrase"], float(r["valence"]), re.compile(_cue_regex(r["phrase"]), re.I), f"nfadjphrase{chr(97 + i // 26)}{chr(97 + i % 26)}")
                 for i, r in enumerate(rows))


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    an = SentimentIntensityAnalyzer()
    for _p, val, _pat, token in _adjustments():
        an.lexicon[token] = val
    return an


def vader_with_drivers(text: str, *, adjust: bool | None = None) -> dict:
    """VADER scores of one sentence plus the words that drove them.

    Returns ``compound, pos, neu, neg, label, drivers`` where ``drivers`` is a
    list of (word or phrase, valence after VADER's boosters, negation and "but"
    rules). With ``adjust`` (default :data:`ADJUST_TONE_BY_DEFAULT`) phrases
    from ``data/tone_adjustments.csv`` are scored as one unit.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText
    adjust = ADJUST_TONE_BY_DEFAULT if adjust is None else adjust
    an = _analyzer()
    t = normalize(text)
    names = {}
    if adjust:
        for phrase, _val, pat, token in _adjustments():
            def sub(m, token=token):
                names[token] = m.group(0)
                return " " + token + " "
            t = pat.sub(sub, t)
    st = SentiText(t)
    words = st.words_and_emoticons
    sentiments = []
    for i, item in enumerate(words):
        if item.lower() in BOOSTER_DICT:
            sentiments.append(0)
            continue
        if i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of":
            sentiments.append(0)
            continue
        sentiments = an.sentiment_valence(0, st, item, i, sentiments)
    sentiments = an._but_check(words, sentiments)
    scores = an.score_valence(sentiments, t)
    drivers = [(names.get(w, w), round(v, 2)) for w, v in zip(words, sentiments) if v]
    comp = scores["compound"]
    label = "positive" if comp >= POSITIVE_THRESHOLD else "negative" if comp <= NEGATIVE_THRESHOLD else "neutral"
    return {"compound": comp, "pos": scores["pos"], "neu": scores["neu"], "neg": scores["neg"], "label": label,
            "drivers": drivers}


def _fmt_drivers(drivers) -> str:
    return ", ".join(f"{w} ({v:+.1f})" for w, v in drivers)


def sentence_tone(articles, *, adjust: bool | None = None) -> pd.DataFrame:
    """VADER per body sentence: ``id, outlet, paragraph, sentence, text, compound, label, drivers, targets``.

    ``targets`` lists the countries and people the sentence mentions.
    """
    rows = []
    for art in _articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        persons = people(body)
        for s in body_sentences(body):
            v = vader_with_drivers(s["text"], adjust=adjust)
            nt = normalize(s["text"])
            targets = list(dict.fromkeys([c for c, _a, _b in find_countries(nt)] + [n for _a, _b, n in _mentions(nt, persons)]))
            rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "paragraph": s["paragraph"],
                         "sentence": s["sentence"], "text": s["text"], "compound": v["compound"], "label": v["label"],
                         "drivers": _fmt_drivers(v["drivers"]), "targets": targets})
    return pd.DataFrame(rows, columns=["id", "outlet", "paragraph", "sentence", "text", "compound", "label", "drivers", "targets"])


def _top_drivers(drivers_col) -> str:
    c = Counter()
    for d in drivers_col:
        for m in re.finditer(r"(.+?) \(([+-][\d.]+)\)(?:, |$)", d):
            c[(m.group(1), m.group(2)[0])] += abs(float(m.group(2)))
    return ", ".join(f"{w} ({s})" for (w, s), _v in c.most_common(MAX_DRIVERS))


def tone_by_article(tone: pd.DataFrame) -> pd.DataFrame:
    """Per article: mean compound, counts of positive/neutral/negative sentences, top driver words."""
    if tone.empty:
        return pd.DataFrame(columns=["id", "outlet", "sentences", "mean_compound", "positive", "neutral", "negative", "drivers"])
    g = tone.groupby(["id", "outlet"])
    out = g.agg(sentences=("text", "size"), mean_compound=("compound", "mean"),
                positive=("label", lambda s: int((s == "positive").sum())),
                neutral=("label", lambda s: int((s == "neutral").sum())),
                negative=("label", lambda s: int((s == "negative").sum())),
                drivers=("drivers", _top_drivers)).reset_index()
    out["mean_compound"] = out["mean_compound"].round(3)
    return out


def tone_by_target(tone: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None,
                   min_sentences: int = 1) -> pd.DataFrame:
    """Per target (country or person) and group: sentences, mean compound, driver words.

    ``by`` is ``id`` (per article) or the article column forming the groups
    (``outlet``, ``country``, a manifest column), taken from ``articles`` when
    ``tone`` lacks it.
    """
    tone = _grouped(tone, articles, by)
    t = tone.explode("targets").dropna(subset=["targets"]).rename(columns={"targets": "target"})
    if t.empty:
        return pd.DataFrame(columns=[by, "target", "sentences", "mean_compound", "drivers", "ids"])
    g = t.groupby([by, "target"]).agg(sentences=("text", "size"), mean_compound=("compound", "mean"),
                                      drivers=("drivers", _top_drivers), ids=("id", lambda s: ", ".join(sorted(set(s)))))
    g = g[g["sentences"] >= min_sentences].reset_index()
    g["mean_compound"] = g["mean_compound"].round(3)
    return g.sort_values([by, "sentences"], ascending=[True, False]).reset_index(drop=True)


TONE_TARGET_COLUMNS = ["id", "outlet", "paragraph", "sentence", "target", "mention", "start", "end", "label",
                       "score", "drivers", "text"]


def target_tone(articles) -> pd.DataFrame:
    """Tone toward each country and person a body sentence names, by the target-dependent model of
    :mod:`newsframe.target_tone` (trained on NewsMTSC; model card ``docs/target_tone_model.md``).

    One row per mention: ``id, outlet, paragraph, sentence, target`` (the country or person),
    ``mention`` (as written), ``start, end`` (offsets in the sentence), ``label`` (negative, neutral,
    positive), ``score`` (P(positive) - P(negative)), ``drivers`` (the features that decided, as
    words), ``text`` (the sentence). Unlike :func:`sentence_tone`, two targets of one sentence can get
    different labels ("Seoul praised Tokyo, while Pyongyang condemned it").
    """
    from .target_tone import predict_many

    items, rows, person_targets = [], [], set()
    for art in _articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        persons = people(body)
        for s in body_sentences(body):
            text = s["text"]
            nt = normalize(text) if len(normalize(text)) == len(text) else text
            people_found = _mentions(nt, persons)
            person_targets.update(c for _a, _b, c in people_found)
            found = [(a, b, c) for c, a, b in find_countries(nt)] + people_found
            taken = []
            for a, b, target in sorted(found, key=lambda x: (x[0], -(x[1] - x[0]))):
                if any(a < e and s_ < b for s_, e in taken):
                    continue   # ("South Korean President Yoon": the person, not also the country inside)
                taken.append((a, b))
                items.append((text, a, b))
                rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "paragraph": s["paragraph"],
                             "sentence": s["sentence"], "target": target, "mention": text[a:b], "start": a, "end": b,
                             "text": text})
    for row, res in zip(rows, predict_many(items)):
        p = res.get("probabilities", {})
        row.update(label=res["label"], score=round(p.get("positive", 0.0) - p.get("negative", 0.0), 3),
                   drivers=", ".join(res.get("drivers", [])))
    full_names = same_person_names(person_targets)
    for row in rows:
        row["target"] = full_names.get(row["target"], row["target"])
    return pd.DataFrame(rows, columns=TONE_TARGET_COLUMNS)


def same_person_names(names) -> dict[str, str]:
    """One name per person across a corpus: a one-word name ("Obama", introduced as "President Obama" in
    one article) maps to the one longer name that ends with it ("Barack Obama" in another). A word that
    ends several longer names (two people called Kim) is left as it is."""
    longer: dict[str, set[str]] = {}
    for n in names:
        parts = n.split()
        if len(parts) > 1:
            longer.setdefault(parts[-1], set()).add(n)
    return {n: next(iter(longer[n])) for n in names if " " not in n and len(longer.get(n, ())) == 1}


def target_tone_by_group(tone: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None,
                         min_mentions: int = 1) -> pd.DataFrame:
    """Per group and target (:func:`target_tone`): mentions, how many were negative / neutral /
    positive, the net tone ((positive - negative) / mentions, -1 .. +1), the most frequent drivers and
    the article ids. ``by``: the article column forming the groups, from ``articles`` when needed."""
    t = _grouped(tone, articles, by)
    cols = [by, "target", "mentions", "negative", "neutral", "positive", "net_tone", "drivers", "ids"]
    if t.empty:
        return pd.DataFrame(columns=cols)

    def top(col):
        c = Counter(d for x in col for d in (x.split(", ") if x else []))
        return ", ".join(w for w, _ in c.most_common(MAX_DRIVERS))
    g = t.groupby([by, "target"]).agg(
        mentions=("label", "size"), negative=("label", lambda x: int((x == "negative").sum())),
        neutral=("label", lambda x: int((x == "neutral").sum())), positive=("label", lambda x: int((x == "positive").sum())),
        drivers=("drivers", top), ids=("id", lambda x: ", ".join(sorted(set(x))))).reset_index()
    g = g[g["mentions"] >= min_mentions]
    g["net_tone"] = ((g["positive"] - g["negative"]) / g["mentions"]).round(2)
    return g[cols].sort_values([by, "mentions"], ascending=[True, False]).reset_index(drop=True)


# ----------------------------------------------------------------- page context
@lru_cache(maxsize=1)
def _context_topics():
    lex: dict[str, list[str]] = {}
    for r in read_table("page_context_topics.csv"):
        lex.setdefault(r["topic"], []).append(r["cue"])
    return lex


def page_context(lines: pd.DataFrame, articles: pd.DataFrame, *, labels=CONTEXT_LABELS) -> pd.DataFrame:
    """The lines each page placed around the article (tickers, related and featured headlines) with a topic.

    One row per distinct line: ``id, outlet, label, topic, same_story, text``.
    ``same_story`` is True when the line shares at least
    :data:`SAME_STORY_MIN_SHARED` content words with the article body. These
    lines are NOT part of the article; they show what else the outlet put in
    front of the reader.
    """
    topics = list(_context_topics())
    order = {t: i for i, t in enumerate(topics)}
    patterns = [(t, [re.compile(_cue_regex(c)) for c in _context_topics()[t]]) for t in topics]  # (once, not per line)
    rows = []
    if lines is None or lines.empty:
        return pd.DataFrame(columns=["id", "outlet", "label", "topic", "same_story", "text"])
    outlets = {a.id: a.outlet for a in _articles_iter(articles)}
    bodies = {i: set(content_words(b if isinstance(b, str) else "")) for i, b in zip(articles["id"], articles["body"])}
    sel = lines[lines["label"].isin(labels)].drop_duplicates(["id", "text"])
    for r in sel.itertuples(index=False):
        text = str(r.text).strip(" •*·-\t")
        if len(re.findall(r"[A-Za-z]{2,}", text)) < 3:
            continue
        # "InternationalSouth Korea ...": split a category glued to the headline
        low = normalize(re.sub(r"([a-z])([A-Z])", r"\1 \2", text), lower=True)
        topic = next((t for t, pats in patterns if any(p.search(low) for p in pats)), "other")
        shared = set(content_words(text)) & bodies.get(r.id, set())
        rows.append({"id": r.id, "outlet": outlets.get(r.id, ""), "label": r.label, "topic": topic,
                     "same_story": len(shared) >= SAME_STORY_MIN_SHARED, "text": text})
    out = pd.DataFrame(rows, columns=["id", "outlet", "label", "topic", "same_story", "text"])
    return out.sort_values(["outlet", "id", "label"], key=lambda s: s.map(order) if s.name == "topic" else s).reset_index(drop=True)


def page_context_summary(context: pd.DataFrame, *, by: str = "outlet",
                         articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group and topic: how many surrounding lines, of which labels, and two examples.

    ``by`` is the article column forming the groups, taken from ``articles`` when ``context`` lacks it.
    """
    if context.empty:
        return pd.DataFrame(columns=[by, "topic", "lines", "labels", "examples"])
    context = _grouped(context, articles, by)
    g = context.groupby([by, "topic"]).agg(lines=("text", "size"),
                                           labels=("label", lambda s: ", ".join(f"{k} ({v})" for k, v in Counter(s).most_common())),
                                           examples=("text", lambda s: " | ".join(list(s)[:2])))
    return g.reset_index().sort_values([by, "lines"], ascending=[True, False]).reset_index(drop=True)


def page_context_counts(context: pd.DataFrame, *, by: str = "outlet",
                        articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group x topic: number of distinct lines placed around the article (for a stacked bar chart).

    ``by`` is the article column forming the groups (the index), taken from ``articles`` when ``context`` lacks it.
    """
    if context.empty:
        return pd.DataFrame()
    context = _grouped(context, articles, by)
    return pd.crosstab(context[by], context["topic"])


def sources_by_country(attr: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group x country of source: attributed sentences ("not stated" where the text does not tell).

    ``by`` is the article column forming the groups (the index), taken from
    ``articles`` when ``attr`` lacks it (``by="country"``: the article's
    country in the rows, the source's in the columns, named ``source
    country``); countries with the most sentences first.
    """
    source_country = attr["country"].fillna("not stated").rename("source country" if by == "country" else "country")
    attr = _grouped(attr, articles, by, own=SOURCE_OWN_COLUMNS)
    a = attr[attr["attributed"]]
    if a.empty:
        return pd.DataFrame()
    t = pd.crosstab(a[by], source_country.loc[a.index])
    return t[t.sum().sort_values(ascending=False).index]


# ----------------------------------------------------------------- plain words
def article_digest(articles, attr: pd.DataFrame, salience: pd.DataFrame, tone: pd.DataFrame,
                   credits: pd.DataFrame | None = None, *, by: str = "outlet") -> pd.DataFrame:
    """One row per article in plain words: whose copy, who speaks, which frame leads, what tone.

    ``by`` (an article column forming the groups, e.g. ``country``) adds that
    column after ``outlet`` when it is not ``outlet``.
    """
    credits = wire_dependence(articles) if credits is None else credits
    rows = []
    attr_of = groups.split_by_article(attr, ("attributed", "source", "source_person", "source_type"))
    salience_of = groups.split_by_article(salience, ("frame", "salience", "headline_frame", "lead_frame"))
    tone_of = groups.split_by_article(tone, ("compound",))
    credits_of = groups.records_by_article(credits, ("agency",))
    empty_attr, empty_salience, empty_tone = attr.iloc[:0], salience.iloc[:0], tone.iloc[:0]
    for art in _articles_iter(articles):
        sentences = attr_of.get(art.id, empty_attr)
        a = sentences[sentences["attributed"]]
        s = salience_of.get(art.id, empty_salience)
        t = tone_of.get(art.id, empty_tone)
        c = credits_of.get(art.id, [])
        top = s.sort_values("salience", ascending=False).head(2)
        speakers = a["source_person"].fillna(a["source"]).value_counts().head(3)
        rows.append({
            "id": art.id, "outlet": getattr(art, "outlet", ""),
            "copy from": ", ".join(dict.fromkeys(r["agency"] for r in c)) or "no credit found",
            "sentences": len(sentences), "attributed": len(a),
            "anonymous": int((a["source_type"] == "anonymous").sum()),
            "main speakers": ", ".join(f"{k} ({v})" for k, v in speakers.items()) or "none found",
            "top frames": ", ".join(f"{f} {v:.0%}" for f, v in zip(top["frame"], top["salience"]) if v > 0) or "none",
            "headline frame": s["headline_frame"].iloc[0] if len(s) else "",
            "lead frame": s["lead_frame"].iloc[0] if len(s) else "",
            "mean tone": round(float(t["compound"].mean()), 2) if len(t) else None,
        })
    return _with_group_column(pd.DataFrame(rows), articles, by)


def explain_article(article_id: str, attr: pd.DataFrame, cues: pd.DataFrame, tone: pd.DataFrame) -> pd.DataFrame:
    """Every body sentence of one article with what each method saw in it: source, frame cues, tone drivers.

    The table to read when judging a dictionary method: a cue word may be there
    for another reason ("security" in a treaty's name), a tone driver may be
    used in another sense ("forced labor" is not forceful).
    """
    a = attr[attr["id"] == article_id][["sentence", "paragraph", "text", "source", "source_type", "cue"]]
    c = cues[(cues["id"] == article_id) & (cues["part"] == "body")]
    frames = c.groupby("sentence").apply(lambda g: ", ".join(f"{f}: {w}" for f, w in zip(g["frame"], g["cue"])),
                                          include_groups=False) if len(c) else pd.Series(dtype=str)
    t = tone[tone["id"] == article_id].set_index("sentence")
    out = a.copy()
    out["frame cues"] = out["sentence"].map(frames).fillna("")
    out["tone"] = out["sentence"].map(t["compound"]) if len(t) else None
    out["tone drivers"] = out["sentence"].map(t["drivers"]).fillna("") if len(t) else ""
    return out.reset_index(drop=True)


def tone_comparison(texts) -> pd.DataFrame:
    """VADER alone versus VADER + the phrase adjustment, with the drivers of each, for a list of sentences."""
    rows = []
    for text in ([texts] if isinstance(texts, str) else texts):
        raw = vader_with_drivers(text, adjust=False)
        adj = vader_with_drivers(text, adjust=True)
        rows.append({"text": text, "vader": raw["compound"], "vader label": raw["label"],
                     "vader drivers": _fmt_drivers(raw["drivers"]), "adjusted": adj["compound"],
                     "adjusted label": adj["label"], "adjusted drivers": _fmt_drivers(adj["drivers"])})
    return pd.DataFrame(rows)


def quotes_jsonl(in_path, out_path, *, extra_verbs=None) -> tuple[int, int]:
    """Run :func:`quotes_for_text` over a JSON-lines file (the ``python -m newsframe quotes`` command).

    Input lines ``{"id", "text"}``; output lines ``{"id", "quotes": [...]}``. A
    malformed line (not JSON, or without a string ``text``) gives a warning
    naming its line number and is skipped; the rest is processed. Returns
    (lines written, lines skipped).
    """
    import json
    import warnings
    from pathlib import Path

    written = skipped = 0
    with open(in_path, encoding="utf-8") as fin, open(out_path, "w", encoding="utf-8") as fout:
        for n, line in enumerate(fin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError("'text' is not a string")
            except (ValueError, KeyError, TypeError) as err:
                warnings.warn(f"{Path(in_path).name}: line {n} skipped ({type(err).__name__}: {err})", stacklevel=2)
                skipped += 1
                continue
            fout.write(json.dumps({"id": item.get("id"), "quotes": quotes_for_text(text, extra_verbs=extra_verbs)},
                                  ensure_ascii=False) + "\n")
            written += 1
    return written, skipped
