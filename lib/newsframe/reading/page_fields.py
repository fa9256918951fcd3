"""The headline, publication date and outlet of a page: candidates ranked by a small learned model.

Which line of a page dump is its headline, which of its dates is the publication date and which
name is the masthead are questions of *layout*: the same kinds of string (a title-like line, a
date, a capitalised name) appear many times on a page, and only one is the answer. A reader
decides by evidence - where the string sits (just above the article, before the byline), its form
(title case, no full stop), what surrounds it (``Published``, ``Updated``, ``©``) and whether the
page repeats it. This module turns that evidence into numbers and lets a model trained on real
pages weigh it, as Hu et al. did for titles ("Title extraction from bodies of HTML documents and
its application to web page retrieval", SIGIR 2005: candidate lines, format and position
features, a learned ranker).

For each field:

1. **Candidates** come from rules: the lines above the article that can be titles (not the
   article, date and byline lines, template lines, or short menu items far from the article) and
   the page's first lines, where a renderer prints the page ``<title>`` (also with its ``| Site``
   suffix or breadcrumb cut off); every
   date :func:`newsframe.reading.meta.parse_dates` finds in the page; every name a site-name pattern finds
   (a ``Headline | Site`` suffix, a copyright line, a short line in both header and footer, an
   outlet's credit such as ``(Yonhap)``, a ``url``'s host).
2. **Features** of each candidate (documented in :data:`HEADLINE_FEATURES` and the others).
3. **A conditional logit** (a softmax over the page's candidates and a "no answer" option; fitted
   by ``bench/train_page_fields.py`` on the boilerplate benchmark's ``dev`` and ``train`` pages with
   scipy; weights in ``data/page_fields.json``, model card ``docs/page_fields_model.md``) gives
   each candidate a probability of being the answer; candidates naming the same day or outlet
   pool theirs. The best answer wins if its probability reaches the field's threshold; otherwise
   the field is left empty: a wrong headline is worse than none.

The model is a plain dot product at run time (no scikit-learn needed to apply it). The outlet's
candidates and features are in :mod:`newsframe.reading.outlet_fields`.
"""
from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from functools import lru_cache

from ..resources import DATA_DIR, read_table

MODEL_FILE = "page_fields.json"
HEADLINE_LOOKBACK = 40     # headline candidates: this many non-blank lines above the article ...
HEADLINE_TOP_LINES = 3     # ... and the page's first non-blank lines (the page title of some renderers)
HEADLINE_MAX_WORDS = 30
# no candidates: the article itself, date and byline lines, template and interface lines; menu items
# and related links of fewer than MENU_MIN_WORDS words more than MENU_NEAR_LINES lines above the article
_NEVER_HEADLINE = frozenset({"body", "meta", "ui"})
_MENU_LABELS = frozenset({"navigation", "related"})
MENU_MIN_WORDS, MENU_NEAR_LINES = 4, 8
ONE_WORD_MIN_CHARS = 12    # a one-"word" headline is a line without spaces: Chinese or Japanese, so long
BODY_START_WORDS = 120     # words at the start of the article compared with a candidate headline

WORD_RE = re.compile(r"\w+", re.UNICODE)
# "Headline | Site", "Headline - Site", "Headline — Site", "Headline :: Site"
TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+|\s*[|｜]\s*")


def _cue_words(kind: str) -> frozenset:
    """The words of ``kind`` (ui, credit, second_person) in ``data/headline_cue_words.csv``."""
    return frozenset(r["word"].strip().lower() for r in read_table("headline_cue_words.csv") if r["kind"].strip() == kind)


UI_WORDS = _cue_words("ui")                  # sign, login, share, menu ... zurück, accueil, compartir ...
_CREDIT_WORDS = _cue_words("credit")         # photo, getty, reuters, supplied, foto ...
_SECOND_PERSON = _cue_words("second_person")
# a caption that ends with its credit: "... for two years. Source: Supplied", "Photo: Jane Doe", "Foto: dpa"
_ENDS_WITH_CREDIT = re.compile(r"(?:^|[.!?)]\s+)(?:source|picture|photo|image|credit|foto|bild)s?\s*:\s*[^.:]{2,40}$", re.I)
_INNER_SENTENCE = re.compile(r"[.!?][\"'”’)]?\s+[A-Z\"“]")
_PULL_QUOTE = re.compile(r"^[\"“‘'«„][^\"”’'»]{12,}[\"”’'»][,.]?\s+\S")   # "“We must cut jobs,” the chief said"
_LABEL_GROUPS = {
    None: "unlabelled", "navigation": "navigation", "ui": "ui", "meta": "meta", "body": "body",
    "caption": "caption", "related": "related", "read_also": "related", "ticker": "related",
}
LABEL_GROUPS = ("unlabelled", "navigation", "ui", "meta", "body", "caption", "related", "furniture")
_BYLINE = re.compile(r"^\s*(?:by|par|von|por|di|oleh)\b[:\s]", re.I)
_DIGITS = re.compile(r"\d")
_BREADCRUMB = re.compile(r"\s+(?:>|»|›|→|/|\\)\s+")
_CRUMB_MARK = re.compile(r"\s(?:>|»|›|→)\s")
BULLET_RE = re.compile(r"^\s*(?:[•*·◦▪▫■□●○►▸‣⁃+–o-]|\d{1,2}[.)])\s+")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\b")


def _is_breadcrumb(text: str) -> bool:
    """``Home » News``, ``Business › Harbour & Shipping``, ``News / Asia / Korea``: a trail of sections."""
    return _CRUMB_MARK.search(text) is not None or len(_BREADCRUMB.split(text)) >= 3


# --------------------------------------------------------------------------- the model
@lru_cache(maxsize=1)
def _models() -> dict:
    path = DATA_DIR / MODEL_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def model(field: str) -> dict | None:
    """The trained model of ``field`` (``headline``, ``published``, ``outlet``) or None."""
    return _models().get(field)


def score(m: dict, features: dict[str, float]) -> float:
    """The model's score of one candidate: the dot product of its standardised features and the weights
    (``sum(coef * (x - mean) / scale)``, computed as ``sum(x * coef / scale) - sum(mean * coef / scale)``
    over the features the candidate has)."""
    weights, offset = _weights(id(m), m)
    get = weights.get
    return sum(v * get(name, 0.0) for name, v in features.items() if v) - offset


_WEIGHTS: dict[int, tuple[dict, float, dict]] = {}


def _weights(key: int, m: dict) -> tuple[dict, float]:
    cached = _WEIGHTS.get(key)
    if cached is None or cached[2] is not m:
        w = {n: c / s for n, c, s in zip(m["features"], m["coef"], m["scale"])}
        cached = _WEIGHTS[key] = (w, sum(mu * w[n] for n, mu in zip(m["features"], m["mean"])), m)
    return cached[0], cached[1]


def probabilities(m: dict, candidates: list[tuple]) -> list[float]:
    """The model's probability of each candidate (features last in each tuple): the softmax of the
    scores over the page's candidates and a "no answer" option (a conditional logit)."""
    scores = [score(m, c[-1]) for c in candidates]
    ref = max(scores + [m["no_answer"]])
    exp = [math.exp(z - ref) for z in scores]
    total = math.exp(m["no_answer"] - ref) + sum(exp)
    return [e / total for e in exp]


def pick(probs, candidates: list[tuple], keys=None) -> tuple[float, tuple] | None:
    """The answer with the most probability. ``keys``: a function giving the page's candidates their
    answer keys (:func:`headline_keys`, :func:`date_keys`, :func:`outlet_keys`); candidates of one key
    pool their probability and the group's most probable candidate stands for it."""
    if not candidates:
        return None
    if keys is None:
        k = max(range(len(candidates)), key=lambda j: (probs[j], -j))
        return float(probs[k]), candidates[k]
    pooled: dict = {}
    first: dict = {}
    member: dict = {}                # the group's most probable candidate (the earliest of equals)
    for j, kk in enumerate(keys(candidates)):
        p = float(probs[j])
        pooled[kk] = pooled.get(kk, 0.0) + p
        first.setdefault(kk, j)
        if kk not in member or p > probs[member[kk]]:
            member[kk] = j
    winner = max(pooled, key=lambda kk: (pooled[kk], -first[kk]))
    return pooled[winner], candidates[member[winner]]


def best(field: str, candidates: list[tuple], keys=None) -> tuple | None:
    """``(probability, candidate)`` of the field's answer (:func:`pick`) when its probability reaches
    the field's threshold, else None (also when no model is installed)."""
    m = model(field)
    if m is None or not candidates:
        return None
    found = pick(probabilities(m, candidates), candidates, keys)
    return found if found[0] >= m["threshold"] else None


_SEPARATOR_CHARS = frozenset("|-–—:·•｜")   # (characters TITLE_SEPARATOR needs)
PREFIX_MIN_WORDS = 4   # a headline candidate this long that starts another one is the same headline


def headline_keys(candidates) -> list[str]:
    """Headline candidates are pooled by their text (lower case, single spaces): the page title and
    the headline line printing the same words are one answer, and so is a text of at least
    :data:`PREFIX_MIN_WORDS` words that starts exactly one longer candidate (the title's
    "First light for the telescope" and the line "First light for the telescope, a sharp new eye")."""
    keys = [" ".join(c[1].lower().split()) for c in candidates]
    distinct = set(keys)
    for j, c in enumerate(candidates):   # a page title "Headline | Site" goes with its headline part
        part = split_title(c[1]) if _SEPARATOR_CHARS.intersection(c[1]) else None
        part = " ".join(part.lower().split()) if part else None
        if part in distinct:
            keys[j] = part
    distinct = set(keys)
    out = []
    for k in keys:
        if k.count(" ") + 1 >= PREFIX_MIN_WORDS:
            longer = [o for o in distinct if len(o) > len(k) and o.startswith(k) and not o[len(k)].isalnum()]
            if len(longer) == 1:
                k = longer[0]
        out.append(k)
    return out


def date_keys(candidates) -> list:
    """Date candidates are pooled by calendar day."""
    return [c[1]["timestamp"].date() for c in candidates]


def outlet_keys(candidates) -> list[str]:
    """Outlet candidates are pooled by their compact name (:func:`compact`)."""
    return [compact(c[1]) for c in candidates]


# --------------------------------------------------------------------------- headline
HEADLINE_FEATURES = (
    "log_words",         # log(1 + words)
    "long",              # more than 20 words (a lede sentence rather than a title)
    "caps_share",        # share of words starting with a capital letter
    "ends_full_stop", "ends_question", "ends_colon",
    "digit_share",       # share of characters that are digits
    "has_clock",         # a clock time (16:49)
    "is_date_line", "is_photo_credit", "is_byline", "bracketed",
    "ui_share",          # share of words from a small list of interface words (share, sign, menu, photo ...)
    "function_share",    # share of function words (running prose has many)
    "all_upper",
    *(f"label_{g}" for g in LABEL_GROUPS),  # what the cleaner made of the line
    "log_distance",      # log(1 + non-blank lines between the line and the article's first line)
    "next_to_body",      # at most 3 non-blank lines above the article
    "top_of_page",       # one of the page's first non-blank lines
    "from_title_split",  # the part before a " | Site" separator
    "repeats",           # log(1 + other lines of the page that equal, begin or extend it)
    "body_overlap",      # share of its content words found in the article's first words
    "body_overlap_n",    # log(1 + how many)
    "in_top_line",       # it is part of the page's first line (the page title)
    "person_like",       # two or three capitalised words, no function word (a name: a byline)
    "bulleted",
    "echo",              # best word overlap (Dice) with another line of the page's top or header (h1 and <title> agree)
    "meta_below",        # a date or byline line within the next 4 non-blank lines
    "meta_above",        # one within the 4 lines above
    "second_person",     # share of you / your / we / our (interface and promotional sentences)
    "self_repeating",    # the line repeats its own words (a logo text printed twice)
    "title_like_above",  # the line above looks like a title too (then this one may be a standfirst)
    "title_like_below",
    "inner_sentences",   # sentence ends inside the line (a standfirst or caption has several)
    "credit_words",      # photograph, credit, getty, reuters, ap ... (a caption or credit)
    "pull_quote",        # opens with a quotation mark and goes on past the closing one (a quote and who said it)
    "breadcrumb",        # "Home > News > Asia": a trail of sections
    "most_overlap",      # no other candidate shares more words with the article's start
    "nearest_above_meta",  # the nearest title-case line above the page's first byline or date line
)


def _content_words(text: str, fw: frozenset) -> list[str]:
    return [w for w in WORD_RE.findall(text.lower()) if len(w) >= 3 and w not in fw and not w.isdigit()]


def headline_features(text: str, *, label, distance: int, top: bool, from_split: bool, repeats: int,
                      body_words: set, top_line: str, fw: frozenset, is_date_line: bool,
                      is_photo_credit: bool, bullet: bool, echo: float = 0.0, meta_below: bool = False,
                      meta_above: bool = False, title_above: bool = False,
                      title_below: bool = False) -> dict[str, float]:
    words = text.split()
    n = len(words)
    toks = WORD_RE.findall(text.lower())
    n_ui = n_fw = n_you = n_content = shared = 0
    credit = False
    for t in toks:                 # the word counts in one pass
        if t in fw:
            n_fw += 1
        elif len(t) >= 3 and not t.isdigit():
            n_content += 1
            shared += t in body_words
        if t in UI_WORDS:
            n_ui += 1
        if t in _SECOND_PERSON:
            n_you += 1
        if t in _CREDIT_WORDS:
            credit = True
    credit = credit or _ENDS_WITH_CREDIT.search(text) is not None
    n_toks = max(1, len(toks))
    n_letters = n_caps = 0
    for w in words:
        c = w[:1]
        if c.isalpha():
            n_letters += 1
            n_caps += c.isupper()
    group = _LABEL_GROUPS.get(label, "furniture")
    f = {
        "log_words": math.log1p(n),
        "long": float(n > 20),
        "caps_share": n_caps / n_letters if n_letters else 0.0,
        "ends_full_stop": float(text.endswith(".") and not text.endswith("...")),
        "ends_question": float(text.endswith(("?", "!"))),
        "ends_colon": float(text.endswith(":")),
        "digit_share": len(_DIGITS.findall(text)) / max(1, len(text)),
        "has_clock": float(_CLOCK.search(text) is not None),
        "is_date_line": float(is_date_line),
        "is_photo_credit": float(is_photo_credit),
        "is_byline": float(_BYLINE.match(text) is not None),
        "bracketed": float(text.startswith("[") or text.startswith("(")),
        "ui_share": n_ui / n_toks,
        "function_share": n_fw / n_toks,
        "all_upper": float(text.isupper()),
        f"label_{group}": 1.0,
        "log_distance": math.log1p(max(0, distance)),
        "next_to_body": float(0 < distance <= 3),
        "top_of_page": float(top),
        "from_title_split": float(from_split),
        "repeats": math.log1p(repeats),
        "body_overlap": shared / n_content if n_content else 0.0,
        "body_overlap_n": math.log1p(shared),
        "in_top_line": float(not top and len(text) >= 8 and text.lower() in top_line),
        "person_like": float(2 <= n <= 3 and n_fw == 0 and all(w[:1].isupper() for w in words)),
        "bulleted": float(bullet),
        "echo": echo,
        "meta_below": float(meta_below),
        "meta_above": float(meta_above),
        "second_person": n_you / n_toks,
        "self_repeating": float(len(toks) >= 2 and len(set(toks)) <= len(toks) / 2),
        "title_like_above": float(title_above),
        "title_like_below": float(title_below),
        "inner_sentences": math.log1p(len(_INNER_SENTENCE.findall(text))),
        "credit_words": float(credit),
        "pull_quote": float(_PULL_QUOTE.match(text) is not None),
    }
    return f


def _echo(toks: set[str], k: int, tokens: dict[int, set[str]], postings: dict[str, list[int]]) -> float:
    """The best Dice overlap of a candidate's distinct words with those of another header line."""
    shared: dict[int, int] = {}
    for t in toks:
        for j in postings.get(t, ()):
            if j != k:
                shared[j] = shared.get(j, 0) + 1
    return max((2 * n / (len(toks) + len(tokens[j])) for j, n in shared.items()), default=0.0)


def _title_like(ln) -> bool:
    words = ln.text.split()
    if not (2 <= len(words) <= 20) or ln.text.endswith(".") or ln.label in ("meta", "body"):
        return False
    return sum(w[:1].isupper() for w in words) >= len(words) / 2


def _is_meta(ln, is_date_line) -> bool:
    return ln.label == "meta" or _BYLINE.match(ln.text) is not None or is_date_line(ln)


def _copies(key: str, keys: list[str], key_set: set[str]) -> int:
    """Lines of the page (``keys``: their sorted keys of 8+ characters) that equal, extend or begin ``key``."""
    lo = bisect.bisect_left(keys, key)
    hi = bisect.bisect_left(keys, key + "\U0010ffff")
    n = hi - lo                                        # equal to it or extending it
    n += sum(1 for j in range(8, len(key)) if key[j] == " " and key[:j] in key_set)   # beginning it
    return n


def split_title(text: str) -> str | None:
    """The headline part of a ``Headline | Site`` page title (the text before the last separator),
    or None when the line has no separator or the part would be too short."""
    parts = TITLE_SEPARATOR.split(text)
    if len(parts) < 2:
        return None
    head = text[:text.rfind(parts[-1])].rstrip(" |-–—:·•｜")
    return head if len(head.split()) >= 2 else None


def headline_candidates(L, first_body: int, *, fw: frozenset, is_date_line, is_photo_credit) -> list[tuple]:
    """Candidate headlines of a page whose body the cleaner has marked.

    ``L``: the cleaner's lines (objects with ``i, text, key, words, label, bullet``); ``first_body``:
    the index of the article's first line. Returns ``(line, text, features)`` tuples.
    """
    nonblank = [ln for ln in L if ln.text]
    pos = {ln.i: k for k, ln in enumerate(nonblank)}
    fb = pos.get(first_body, len(nonblank))
    body_words: set[str] = set()
    for ln in nonblank[fb:]:
        if ln.label == "body":
            body_words.update(_content_words(ln.text, fw))
            if len(body_words) >= BODY_START_WORDS:
                break
    top_line = nonblank[0].text.lower() if nonblank else ""
    keys = sorted(ln.key for ln in nonblank if len(ln.key) >= 8)
    key_set = set(keys)
    picked = set(range(max(0, fb - HEADLINE_LOOKBACK), fb)) | set(range(min(HEADLINE_TOP_LINES, len(nonblank))))
    header = sorted(picked)
    meta_cache: dict[int, bool] = {}

    def meta_at(j: int) -> bool:
        v = meta_cache.get(j)
        if v is None:
            v = meta_cache[j] = _is_meta(nonblank[j], is_date_line)
        return v

    title_cache: dict[int, bool] = {}

    def title_like_at(j: int) -> bool:
        v = title_cache.get(j)
        if v is None:
            v = title_cache[j] = _title_like(nonblank[j])
        return v

    pos_of = {id(nonblank[k]): k for k in header}
    tokens = {k: set(WORD_RE.findall(nonblank[k].text.lower())) for k in header}
    postings: dict[str, list[int]] = {}
    for k in header:
        for t in tokens[k]:
            postings.setdefault(t, []).append(k)
    out = []
    for k in header:
        ln = nonblank[k]
        if ln.label in _NEVER_HEADLINE:
            continue
        if (ln.label in _MENU_LABELS and ln.words < MENU_MIN_WORDS and fb - k > MENU_NEAR_LINES
                and k >= HEADLINE_TOP_LINES):
            continue      # a menu item or a related link far from the article
        text = BULLET_RE.sub("", ln.text)
        texts = [(text, False)]
        part = split_title(text)
        if part:
            texts.append((part, True))
        crumbs = _BREADCRUMB.split(text)
        if len(crumbs) >= 3 and len(crumbs[-1].split()) >= 3:   # "Home > News > The headline"
            texts.append((crumbs[-1].strip(), True))
        for text, from_split in texts:
            n = len(text.split())
            if not (2 <= n <= HEADLINE_MAX_WORDS) and not (n == 1 and len(text) >= ONE_WORD_MIN_CHARS):
                continue
            key = " ".join(text.lower().split())
            repeats = _copies(key, keys, key_set) - (key == ln.key and len(key) >= 8)
            echo = _echo(set(WORD_RE.findall(text.lower())), k, tokens, postings)
            meta_below = any(meta_at(j) for j in range(k + 1, min(len(nonblank), k + 5)))
            meta_above = any(meta_at(j) for j in range(max(0, k - 4), k))
            f = headline_features(text, label=ln.label, echo=echo, meta_below=meta_below, meta_above=meta_above,
                                  title_above=k > 0 and title_like_at(k - 1),
                                  title_below=k + 1 < len(nonblank) and title_like_at(k + 1), distance=fb - k, top=k < HEADLINE_TOP_LINES,
                                  from_split=from_split, repeats=repeats, body_words=body_words,
                                  top_line=top_line, fw=fw, is_date_line=is_date_line(ln),
                                  is_photo_credit=is_photo_credit(text), bullet=ln.bullet)
            f["breadcrumb"] = float(_is_breadcrumb(text))
            out.append((ln, text, f))
    # page-relative evidence: the candidate sharing most words with the article's start, the nearest
    # title-like line above the first byline or date line
    if out:
        top_overlap = max(c[2]["body_overlap_n"] for c in out)
        first_meta = next((k for k in range(max(0, fb - HEADLINE_LOOKBACK), min(len(nonblank), fb + 3))
                           if meta_at(k)), None)
        nearest = None
        if first_meta is not None:
            nearest = max((pos_of[id(c[0])] for c in out if pos_of[id(c[0])] < first_meta and c[2]["caps_share"] >= 0.5),
                          default=None)
        for ln, text, f in out:
            f["most_overlap"] = float(top_overlap > 0 and f["body_overlap_n"] == top_overlap)
            f["nearest_above_meta"] = float(nearest is not None and pos_of[id(ln)] == nearest)
    return out


# --------------------------------------------------------------------------- publication date
PUBLISHED_FEATURES = (
    *(f"label_{g}" for g in LABEL_GROUPS),   # what the cleaner made of the date's line
    "label_headline",
    "above_body", "in_body",           # where the line is: above the article's first line, inside the article
    "log_distance_body",               # log(1 + non-blank lines to the article's first line)
    "log_distance_headline",           # log(1 + non-blank lines to the headline), 4 when there is none
    "cue_published", "cue_updated",    # "Published", "Posted", "Updated", "Last modified" just before it
    "date_only",                       # the date fills most of its line
    "has_time", "has_zone", "byline_in_line",
    "pattern_iso", "pattern_numeric",
    "first_on_page",                   # the page's first date
    "first_in_header",                 # the first date above the article (or in its first 3 lines)
    "same_day",                        # log(1 + other dates of the page on the same day)
    "is_latest", "is_earliest",        # the page's latest / earliest date
    "log_days_before_latest",          # log(1 + days between it and the page's latest date)
    "future_of_most",                  # after the page's latest copyright or most common year
    "dates_on_line",                   # log(1 + other dates on the same line)
    "log_line_words",
)
_CUE_PUBLISHED = re.compile(r"(?i)(?:publi|posted|created|date[d:]|veröffentlicht|erschienen|on\s*$|am\s*$|le\s*$)")
_CUE_UPDATED = re.compile(r"(?i)(?:updated?|modified|mis à jour|aktualisiert|actualiza|last\s+edit|edited)")
# a date inside a sentence of the body ("On April 4, 1949, on behalf of ...", "the bombs went off on
# Aug. 7, 1998") is an event of the story, not its publication date, unless a cue says so
# ("Correction, Nov. 15, 2019: ...", "Published: ... Updated: ...")
PROSE_LINE_WORDS = 15
_CUE_PAGE_DATE = re.compile(r"(?i)(?:publi|posted|updated?|modified|created|correct|veröffentlicht|erschienen|"
                            r"mis à jour|aktualisiert|actualiza|edited)")


def is_prose_date(label: str, line: str, start: int, *, dateline: bool) -> bool:
    """True for a date that a body sentence mentions (see ``_CUE_PAGE_DATE``): the line is labelled
    body, holds :data:`PROSE_LINE_WORDS` words or more, the date does not open it and no page-date cue
    precedes it; a dateline (``dateline``: the first body line, at most three words before the date)
    is the page's date."""
    if label != "body":
        return False
    before = line[:start]
    if not before.strip() or len(line.split()) < PROSE_LINE_WORDS:
        return False
    if dateline and len(before.split()) <= 3:
        return False
    return _CUE_PAGE_DATE.search(before) is None


def date_candidates(labels: list, texts: list, parse) -> list[tuple]:
    """Candidate publication dates of a classified page: ``(line, date, features)`` tuples.

    ``labels``, ``texts``: the line table's columns; ``parse``: :func:`newsframe.reading.meta.parse_dates`.
    """
    nonblank = [i for i, t in enumerate(texts) if t.strip()]
    pos = {i: k for k, i in enumerate(nonblank)}
    first_body = next((pos[i] for i in nonblank if labels[i] == "body"), len(nonblank))
    head = next((pos[i] for i in nonblank if labels[i] == "headline"), None)
    found = []
    body_start = next((i for i in nonblank if labels[i] == "body"), None)
    for i in nonblank:
        for d in parse(texts[i]):
            if not is_prose_date(labels[i], texts[i], d["start"], dateline=i == body_start):
                found.append((i, d))
    if not found:
        return []
    days = [d["timestamp"].date() for _, d in found]
    latest, earliest = max(days), min(days)
    years = Counter(day.year for day in days)
    common_year = years.most_common(1)[0][0]
    per_day = Counter(days)
    per_line = Counter(i for i, _ in found)
    header = [k for k, (i, _) in enumerate(found) if pos[i] < first_body + 3]
    out = []
    for k, ((i, d), day) in enumerate(zip(found, days)):
        text = texts[i].strip()
        before = text[:max(0, d["start"] - (len(texts[i]) - len(texts[i].lstrip())))][-30:]
        p = pos[i]
        label = labels[i]
        group = "headline" if label == "headline" else _LABEL_GROUPS.get(label, "furniture")
        f = {
            f"label_{group}": 1.0,
            "above_body": float(p < first_body),
            "in_body": float(p >= first_body),
            "log_distance_body": math.log1p(abs(p - first_body)),
            "log_distance_headline": math.log1p(abs(p - head)) if head is not None else 4.0,
            "cue_published": float(_CUE_PUBLISHED.search(before) is not None),
            "cue_updated": float(_CUE_UPDATED.search(before) is not None),
            "date_only": float(len(d["text"]) >= 0.6 * len(text)),
            "has_time": float(d["has_time"]),
            "has_zone": float(bool(d["zone"])),
            "byline_in_line": float(_BYLINE.match(text) is not None or " by " in text.lower()),
            "pattern_iso": float(d["pattern"] == "iso"),
            "pattern_numeric": float(d["pattern"] == "numeric_dmy"),
            "first_on_page": float(k == 0),
            "first_in_header": float(bool(header) and k == header[0]),
            "same_day": math.log1p(per_day[day] - 1),
            "is_latest": float(day == latest),
            "is_earliest": float(day == earliest),
            "log_days_before_latest": math.log1p((latest - day).days),
            "future_of_most": float(day.year > common_year),
            "dates_on_line": math.log1p(per_line[i] - 1),
            "log_line_words": math.log1p(len(text.split())),
        }
        out.append((i, d, f))
    return out


def compact(name: str) -> str:
    """A name reduced to lower-case letters and digits (``The Verge`` -> ``theverge``)."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
