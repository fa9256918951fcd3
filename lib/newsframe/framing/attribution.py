"""Attribution: which sentence is attributed, to which source, with which reporting verb.

For every body sentence :func:`attributions` tells whether it is attributed, to which source phrase,
with which reporting verb or phrase, the type of the source (head of state or government, official,
anonymous, wire agency or outlet, document, other; ``data/source_types.csv``) and its country
(``data/countries.csv``, ``data/leaders.csv``). The method is a small set of hand-written patterns over
the sentence, in the tradition of quotation extractors for news such as Pouliquen, Steinberger and Best
(2007) and textacy's ``triples.direct_quotations``: ``SOURCE VERB`` (``Yoon said``), ``..., VERB
SOURCE`` (``said a defense ministry official``), ``according to SOURCE``, ``SOURCE said in a
statement``. A source phrase is a run of capitalised words, determiners and known source nouns (``the
defence ministry``, ``Workers at a bakery``); a pronoun (``he said``) is resolved to the nearest named
person in the text before it when exactly one person is named there.

Why rules and no library: the extractors that exist (textacy, spaCy-based ones) need a parser model
that must be downloaded, and still handle only speaker-verb-quote triples. What the rules cannot do:
follow a speaker across paragraphs without a quote or a pronoun, resolve "the official" to the earlier
full name, resolve "they" or most "it", or recognise verbs that are not in the list. Measured precision
and recall: docs/framing.md.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..resources import read_lines
from ..stored import from_json_column, reads_stored
from ..text import normalize, sentence_spans, sentences_by_article, sentences_of, stopwords
from .lexicons import (NAMED_SOURCE_FORMS, NOT_A_CLAUSE_START, NOUN_LIKE_FORMS, agency_table, compiled_cue,
    country_table, cue_regex, document_only_forms, find_countries, lowered, may_contain, phrase_tables,
    quote_only_forms, reporting_verbs, source_cues)
from .people import people, person_mentions
from .sentences import articles_iter, mask_quotes, quote_spans

MAX_SOURCE_WORDS = 8        # longest source phrase kept
SOURCE_TYPES = ["head_of_state", "official", "anonymous", "wire_outlet", "document", "other"]
SOURCE_TYPE_LABELS = {
    "head_of_state": "head of state / government", "official": "ministry / official / government",
    "anonymous": "anonymous source", "wire_outlet": "wire agency / outlet",
    "document": "document / statement", "other": "other",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
PERSON_PRONOUNS = {"he", "she"}
_UNNAMED = PRONOUNS | {"you", "we're", "i'm", "i've", "we've", "i'd", "we'd", "they're", "he's", "she's"}


def named_speakers(names: pd.Series) -> pd.Series:
    """The source names of attributions as a reader counts speakers: an unresolved pronoun ("he", "we",
    "I") names nobody and is dropped, and "The report" is "the report" (pass the resolved person where
    there is one, e.g. ``source_person.fillna(source)``)."""
    names = names.dropna().astype(str)
    names = names[~names.str.lower().isin(_UNNAMED)]
    return names.map(lambda s: "t" + s[1:] if s.startswith("The ") else s)
DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "this", "that"}
QUANTIFIERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some", "many",
               "multiple", "numerous", "other", "most", "few"}
STOP_AFTER_SOURCE = {"who", "which", "that", "in", "on", "at", "after", "before", "during", "while", "when"}


# ----------------------------------------------------------------- attribution
_WORD_RE = re.compile(r"[A-Za-z0-9][\w.'-]*(?<!\.)|[A-Z]\.(?:[A-Z]\.)+|'s|[,;:\"~()]")


def _np_word_ok(tok: str, *, first: bool) -> bool:
    low = tok.lower()
    cues = source_cues()
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
Because If Once Asked Speaking Privately Publicly Separately For With From By To Of
See Read Click Watch Follow Share Subscribe Listen Sign Download Visit Join Get""".split())
# (the last line: a preposition, or a page's imperative, "For details, see ...", "See tweets:")


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


def forward_np(text: str, start: int) -> tuple[int, int] | None:
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
    low = lowered(sent)
    phrases = [row for row in phrase_tables() if may_contain(row["phrase"], low)]   # (most sentences have none)
    # "according to X", "citing X"
    for row in phrases:
        if row["kind"] != "before":
            continue
        for m in compiled_cue(row["phrase"]).finditer(sent):
            np_ = forward_np(sent, m.end() + 1)
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
            src, pattern = forward_np(sent, m.end() + len(re.match(r"\s+by\s+", after).group(0))), "VERB by SOURCE"
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
            src, pattern = forward_np(sent, m.end() + (len(after) - len(after.lstrip()))), "..., VERB SOURCE"
            if src and sent[src[0]:src[1]].lower() in PRONOUNS - {"he", "she", "they"}:
                src = None
        if src is None:
            continue
        if form in NOUN_LIKE_FORMS and not re.match(r"\s*(?:that\b|:|,|\")", after) and pattern != "..., VERB SOURCE" \
                and not (form in NAMED_SOURCE_FORMS and sent[src[0]:src[0] + 1].isupper()
                         and sent[src[0]:src[1]].split()[0].lower() not in DETERMINERS | QUANTIFIERS
                         and re.match(r"\s+[a-z]", after) and after.split()[0] not in NOT_A_CLAUSE_START):
            continue   # ("news reports"; but "Emily Feng reports the first cases ...")
        if form in quote_only_forms() and "~" not in sent:
            continue   # "the talks continued": no quotation, no attribution
        if form in document_only_forms() and source_type(sent[src[0]:src[1]]) != "document":
            continue   # "police found the car": no attribution; "the report found that ...": one
        found.append({"cue": form, "cue_start": m.start(), "cue_end": m.end(), "src": src, "pattern": pattern})
    # statement phrases: mark the channel; a source on their own if nothing else attributes the sentence
    for row in phrases:
        if row["kind"] != "statement":
            continue
        for m in compiled_cue(row["phrase"]).finditer(sent):
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
    return forward_np(sent, m.end())


def source_type(source: str, *, sentence: str = "", person: dict | None = None) -> str:
    """The type of a source phrase: one of :data:`SOURCE_TYPES` (rules in ``data/source_types.csv``)."""
    cues = source_cues()
    low = normalize(source).lower()
    words = re.findall(r"[\w][\w.'-]*", low)
    head = words[-1] if words else ""
    has_name = person is not None
    if any(c in normalize(sentence).lower() for c in cues["anonymous"]) and not has_name:
        return "anonymous"
    index, apat = agency_table()
    if apat.search(normalize(source)) or (source.split() and source.split()[-1] in set(read_lines("outlet_words.txt"))):
        return "wire_outlet"
    if person is not None:
        return person["role"] if person["role"] in SOURCE_TYPES else "other"
    a2c, cpat = country_table()
    if head in cues["document"] or " ".join(words[-2:]) in cues["document"]:
        return "document"
    # a head-of-state title counts when written as a title (capitalised) or next to a country:
    # "President Yoon", "US president"; not "chairman, CEO and president Dana Whitlock"
    if any(re.search(cue_regex(c.title() if c != "pm" else "PM"), normalize(source), flags=0) for c in cues["head_of_state"]) \
            or (any(re.search(cue_regex(c), low) for c in cues["head_of_state"]) and cpat.search(normalize(source))):
        return "head_of_state"
    if head in cues["anonymous_head"]:
        caps = [w for w in re.findall(r"[A-Z][\w.'-]*", normalize(source))
                if w.lower() not in DETERMINERS and w.lower() not in cues["official"] | cues["modifier"]]
        if not [c for c in caps if not cpat.fullmatch(c) and c not in {"South", "North"}]:
            return "anonymous"
    if any(w in cues["official"] for w in words):
        return "official"
    # "Tokyo", "the United States", "an alarmed United States": up to two adjectives after the article
    parts = [re.sub(r"^(?:the|an?)\s+(?:(?!(?:of|in|from|at|on|for|with|near|across|by|to|and)\b)(?-i:[a-z][\w-]*)\s+){0,2}(?=(?-i:[A-Z]))", "", p.strip(), flags=re.I)
             for p in re.split(r"\s+and\s+", normalize(source))]
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
    inside = [mm for mm in person_mentions(source, persons)]
    if inside:
        return by_name[inside[-1][2]], "named"
    return None, ""


def _decode_attributions(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(candidates=from_json_column(table["candidates"]))


@reads_stored("attributions", depends_on=("body", "outlet"), required=("candidates",), decode=_decode_attributions)
def attributions(articles, *, extra_verbs=None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per body sentence: is it attributed, to whom, with which verb, what type, which country.

    ``articles`` is the DataFrame of :func:`newsframe.load_corpus` (or a plain
    string, treated as one article with id ``text``). ``extra_verbs`` adds
    reporting verbs (``["asserted"]``). Columns: ``id, outlet, paragraph,
    sentence, text, attributed, source, source_person, source_type, country,
    cue, verb, connotation, channel, pattern, resolution, start, end,
    source_start, source_end, cue_start, cue_end`` (offsets into ``body``).
    """
    verbs = reporting_verbs(extra_verbs)
    given = sentences_by_article(sentences)
    rows = []
    for art in articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        nbody = normalize(body) if len(normalize(body)) == len(body) else body
        persons = people(nbody)
        mentions = person_mentions(nbody, persons)
        masked = _masked_body(nbody)
        first_row = len(rows)
        for s in sentences_of(given, art.id, body):
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
        out.append(mask_quotes(m.group(0), quote_spans(m.group(0))))
        pos = m.end()
    out.append(nbody[pos:])
    return "".join(out)
