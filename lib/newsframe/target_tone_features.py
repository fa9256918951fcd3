"""The features of the target-tone model: a sentence's words in relation to one target span.

:func:`tokenize` marks the target span as the placeholder ``<T>``; :func:`base_features` gives the
word, window, clause, quotation, speaker, position and VADER-valence features of
:mod:`newsframe.target_tone` (each family is described there); :func:`lexicon_features` adds the
learned naive-Bayes word lexicon (Wang and Manning 2012). :class:`FeatureSpec` says which families a
model uses, so training (``bench/train_target_tone.py``) and prediction compute the same features.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

LABELS = ("negative", "neutral", "positive")
TARGET_TOKEN = "<T>"

_PLACEHOLDER = "\x00"
_TOKEN_RE = re.compile(r"'s\b|\w+(?:[-']\w+)*|\x00|[^\w\s]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_OPEN_QUOTES = frozenset({"\u201c", "\u00ab"})
_CLOSE_QUOTES = frozenset({"\u201d", "\u00bb"})
_STRAIGHT_QUOTE = '"'
_QUOTE_MARKS = _OPEN_QUOTES | _CLOSE_QUOTES | {_STRAIGHT_QUOTE}
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their"})


def distance_bucket(d: int) -> str:
    """The bucket name of a token distance: 1, 2, 3, 4-5, 6-8, 9-12, 13+."""
    if d <= 3:
        return str(d)
    if d <= 5:
        return "4-5"
    if d <= 8:
        return "6-8"
    if d <= 12:
        return "9-12"
    return "13+"


def check_span(sentence, start, end) -> None:
    """Raise ValueError unless ``sentence[start:end]`` is a non-empty, non-blank span."""
    if not isinstance(sentence, str):
        raise ValueError(f"sentence must be a str, got {type(sentence).__name__}")
    for name, v in (("start", start), ("end", end)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise ValueError(f"{name} must be an int character offset, got {v!r}")
    if not 0 <= start <= len(sentence) or not 0 <= end <= len(sentence):
        raise ValueError(f"offsets start={start}, end={end} are outside the sentence (length {len(sentence)})")
    if end <= start:
        raise ValueError(f"empty target span: start={start}, end={end} (end is exclusive and must be > start)")
    if not sentence[start:end].strip():
        raise ValueError(f"target span {start}:{end} holds only whitespace")


def tokenize(sentence: str, start: int, end: int):
    """Tokens of ``sentence`` with the span [start, end) replaced by :data:`TARGET_TOKEN`.

    Returns ``(tokens, target_index, quoted, capitalised)``: lowercased tokens without
    quotation marks, the index of the target, and per token whether it lies inside a quotation
    (curly quotes open and close, straight double quotes toggle) and whether it was capitalised.
    """
    text = (sentence[:start] + " " + _PLACEHOLDER + " " + sentence[end:]).translate(_APOSTROPHES)
    toks, quoted, caps = [], [], []
    inside = False
    ti = -1
    quotes = _QUOTE_MARKS
    for t in _TOKEN_RE.findall(text):
        if t in quotes:
            inside = (t in _OPEN_QUOTES) or (t == _STRAIGHT_QUOTE and not inside)
            continue
        if t == _PLACEHOLDER:
            ti = len(toks)
            toks.append(TARGET_TOKEN)
            caps.append(False)
        else:
            toks.append(t.lower())
            caps.append(t[0].isupper())
        quoted.append(inside)
    return toks, ti, quoted, caps


class FeatureSpec:
    """Word lists and settings of the features (read from the model JSON, so the runtime computes
    exactly the features the weights were fitted on)."""

    def __init__(self, spec: dict):
        lists = spec["lists"]
        self.negations = frozenset(lists["negations"])
        self.say_verbs = frozenset(lists["say_verbs"])
        self.say_fillers = frozenset(lists["say_fillers"])
        self.pronouns = frozenset(lists["pronouns"])
        self.person_pronouns = frozenset(lists["person_pronouns"])
        self.prepositions = frozenset(lists["prepositions"])
        self.clause_words = frozenset(lists["clause_words"])
        self.clause_punct = frozenset(lists["clause_punctuation"])
        self.titles = frozenset(lists["titles"])
        self.lexicon_stopwords = frozenset(lists["lexicon_stopwords"])
        s = spec["settings"]
        self.max_distance = int(s["max_distance"])
        self.negation_scope = int(s["negation_scope"])
        self.negation_factor = float(s["negation_factor"])
        self.vader_scale = float(s["vader_scale"])
        self.vader_decay = float(s["vader_decay"])
        self.compound_window = int(s["compound_window"])
        self.lexicon_scale = float(s["lexicon_scale"])
        self.lexicon_tables = [dict(t) for t in s["lexicon_tables"]]


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    single_words = {k: v for k, v in analyzer.lexicon.items() if " " not in k}
    return analyzer, single_words


_WHITESPACE_TOKEN_RE = re.compile(r"\S+")


def sentence_vader(sentence: str):
    """VADER on the whole sentence: ``(compound, token_spans, valences)``.

    ``compound`` equals ``SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"]``;
    ``valences`` are VADER's per-token valences after its booster, negation and "but" rules, one per
    whitespace token, whose character spans are ``token_spans``. The package's ``polarity_scores``
    first rebuilds the text character by character to spell out emojis; that pass is skipped when
    the sentence has none (news text seldom does). For a sentence with emojis only the compound is
    computed (no spans and valences, so the window score is 0)."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    analyzer, _lex = _vader()
    if not analyzer.emojis.keys().isdisjoint(sentence):
        comp = analyzer.polarity_scores(sentence)["compound"]
        return comp, [], []
    text = sentence.strip()
    st = SentiText(text)
    words = st.words_and_emoticons
    sentiments: list = []
    for i, item in enumerate(words):
        low = item.lower()
        if low in BOOSTER_DICT or (i < len(words) - 1 and low == "kind" and words[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, st, item, i, sentiments)
    sentiments = analyzer._but_check(words, sentiments)
    comp = analyzer.score_valence(sentiments, text)["compound"]
    spans = [m.span() for m in _WHITESPACE_TOKEN_RE.finditer(sentence)]
    return comp, spans, [float(v) for v in sentiments]


def window_compound(spans, valences, start: int, end: int, width: int) -> float:
    """The sentence's VADER valences summed over the ``width`` whitespace tokens each side of the
    target and the target's own, squashed as VADER's compound (``x / sqrt(x^2 + 15)``)."""
    inside = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
    if not inside:
        return 0.0
    lo, hi = max(0, inside[0] - width), inside[-1] + width + 1
    x = sum(valences[lo:hi])
    return round(x / math.sqrt(x * x + 15.0), 4)


def _add(d: dict, key: str, v: float) -> None:
    d[key] = d.get(key, 0.0) + v


def base_features(sentence: str, start: int, end: int, spec: FeatureSpec, *, parts: dict | None = None,
                  compound_cache: dict | None = None):
    """The fixed (not learned) features of one target: ``(features, lexicon_tokens)``.

    ``features`` maps feature name to value. ``lexicon_tokens`` lists ``(word, distance)`` for the
    learned-lexicon features (:func:`lexicon_features`). When ``parts`` is a dict, the VADER sums are
    also recorded word by word into it (``parts["vader:w"][feature] = value``) for the drivers.
    ``compound_cache`` (a dict) keeps :func:`sentence_vader` per sentence across the targets of one
    sentence.
    """
    _analyzer, lex = _vader()
    toks, ti, quoted, caps = tokenize(sentence, start, end)
    n = len(toks)
    f: dict[str, float] = {}
    tgt = sentence[start:end].strip().translate(_APOSTROPHES).lower()
    punct = spec.clause_punct

    negated = [False] * n
    scope = 0
    for i, t in enumerate(toks):
        if t in punct:
            scope = 0
        elif scope > 0:
            negated[i] = True
            scope -= 1
        if t in spec.negations or t.endswith("n't"):
            scope = spec.negation_scope
    names = [("NOT_" + t) if (negated[i] and i != ti) else t for i, t in enumerate(toks)]

    for i in range(n):
        if i != ti:
            f["sent:" + names[i]] = 1.0
    if ti >= 2:
        f["tgt3:" + toks[ti - 2] + " " + toks[ti - 1] + " " + TARGET_TOKEN] = 1.0
    if ti + 2 < n:
        f["tgt3:" + TARGET_TOKEN + " " + toks[ti + 1] + " " + toks[ti + 2]] = 1.0
    if 1 <= ti < n - 1:
        f["tgt3:" + toks[ti - 1] + " " + TARGET_TOKEN + " " + toks[ti + 1]] = 1.0

    for d in range(1, spec.max_distance + 1):
        i = ti - d
        if i < 0:
            if d == 1:
                f["left1:<s>"] = 1.0
            break
        f["left" + distance_bucket(d) + ":" + names[i]] = 1.0
    for d in range(1, spec.max_distance + 1):
        i = ti + d
        if i >= n:
            if d == 1:
                f["right1:</s>"] = 1.0
            break
        f["right" + distance_bucket(d) + ":" + names[i]] = 1.0

    cw = spec.clause_words
    cs = ti
    while cs > 0 and toks[cs - 1] not in punct and toks[cs - 1] not in cw:
        cs -= 1
    ce = ti
    while ce < n - 1 and toks[ce + 1] not in punct and toks[ce + 1] not in cw:
        ce += 1
    for i in range(cs, ce + 1):
        if i != ti:
            f["clause:" + names[i]] = 1.0
    if cs > 0:
        f["clause_opened_by:" + toks[cs - 1]] = 1.0

    in_quote = quoted[ti]
    if in_quote:
        f["target_in_quote"] = 1.0
    elif any(quoted):
        f["quote_elsewhere"] = 1.0
    for i in range(n):
        if i != ti and quoted[i] != in_quote:
            f["other_voice:" + names[i]] = 1.0

    r1 = toks[ti + 1] if ti + 1 < n else "</s>"
    r2 = toks[ti + 2] if ti + 2 < n else "</s>"
    l1 = toks[ti - 1] if ti >= 1 else "<s>"
    l2 = toks[ti - 2] if ti >= 2 else "<s>"
    speaker = False
    if r1 in spec.say_verbs or (r1 in spec.say_fillers and r2 in spec.say_verbs):
        speaker = True
        f["target_says"] = 1.0
    if l1 in spec.say_verbs and (l2 in {",", "<s>"} or (ti >= 2 and quoted[ti - 2] and not in_quote)):
        speaker = True
        f["says_target"] = 1.0
    if l1 == "to" and l2 == "according":
        speaker = True
        f["according_to_target"] = 1.0
    if speaker:
        f["target_is_speaker"] = 1.0
        if any(quoted) and not in_quote:
            f["target_is_speaker_of_quote"] = 1.0

    if tgt in spec.pronouns:
        f["target_pronoun"] = 1.0
        f["target_pronoun:" + tgt] = 1.0
    if r1 == "'s" or tgt.endswith("'s") or tgt in _POSSESSIVE_PRONOUNS:
        f["target_possessive"] = 1.0
    if all(t in {",", "<s>"} or not t.isalnum() for t in toks[:ti]):
        f["target_starts_sentence"] = 1.0
    if cs == ti:
        f["target_starts_clause"] = 1.0
    if l1 in spec.prepositions:
        f["target_after_preposition"] = 1.0
    if l1 == "by":
        f["target_after_by"] = 1.0
    f["target_relative_position"] = ti / max(1, n - 1)

    sc, dec = spec.vader_scale, spec.vader_decay
    acc: dict[str, float] = {}
    for i, t in enumerate(toks):
        v = lex.get(t)
        if v is None or i == ti:
            continue
        if negated[i]:
            v = spec.negation_factor * v
        d = abs(i - ti)
        w = math.exp(-(d - 1) / dec)
        a = abs(v) * sc
        key = "vader_pos" if v > 0 else "vader_neg"
        contrib = {key + "_sentence": a, key + "_near_" + ("left" if i < ti else "right"): a * w}
        if cs <= i <= ce:
            contrib[key + "_clause"] = a
        if quoted[i] == in_quote:
            contrib[key + "_same_voice"] = a * w
        lo, hi = (i + 1, ti) if i < ti else (ti + 1, i)
        blocked = any((caps[j] and j > 0 and toks[j].isalpha() and toks[j] not in spec.titles)
                      or toks[j] in spec.person_pronouns for j in range(lo, hi))
        contrib[key + ("_blocked" if blocked else "_clear")] = a * w
        if speaker and quoted[i] != in_quote:
            contrib[key + "_in_speakers_quote"] = a
        for k, x in contrib.items():
            _add(acc, k, x)
        if parts is not None:
            p = parts.setdefault("vader:" + names[i], {})
            for k, x in contrib.items():
                _add(p, k, x)
    f.update(acc)

    sv = compound_cache.get(sentence) if compound_cache is not None else None
    if sv is None:
        sv = sentence_vader(sentence)
        if compound_cache is not None:
            compound_cache[sentence] = sv
    comp, spans, valences = sv
    wcomp = window_compound(spans, valences, start, end, spec.compound_window)
    f["vader_compound_sentence_pos"] = max(comp, 0.0)
    f["vader_compound_sentence_neg"] = max(-comp, 0.0)
    f["vader_compound_window_pos"] = max(wcomp, 0.0)
    f["vader_compound_window_neg"] = max(-wcomp, 0.0)

    stop = spec.lexicon_stopwords
    lexicon_tokens = [(t, abs(i - ti)) for i, t in enumerate(toks)
                      if i != ti and t[:1].isalnum() and t not in stop]
    return f, lexicon_tokens


def lexicon_prefix(table_name: str) -> str:
    """Feature-name prefix of a learned-lexicon table: ``lexicon`` or ``lexicon_<name>``."""
    return "lexicon" if table_name == "sentence" else "lexicon_" + table_name


def lexicon_keys(spec: FeatureSpec) -> list[list[list[str]]]:
    """Per table, per aggregate, per label: the feature name (``lexicon_negative_decay2``...)."""
    return [[[f"{lexicon_prefix(t['name'])}_{lab}_{agg}" for lab in LABELS] for agg in t["aggregates"]]
            for t in spec.lexicon_tables]


def lexicon_arrays(lexicon_tokens, tables: dict, spec: FeatureSpec):
    """Per learned-lexicon table: ``(words, weights, values)`` - the table words of the sentence,
    their aggregate weights (words x aggregates: ``exp(-(d-1)/N)`` for ``decayN``, ``1/sqrt(m)`` for
    ``mean`` over the m words found) and their three centred log probabilities (words x labels).
    ``None`` for a table none of whose words occur."""
    out = []
    for tdef in spec.lexicon_tables:
        maxd, table = tdef.get("max_distance"), tables[tdef["name"]]
        words, dists, vals = [], [], []
        for w, d in lexicon_tokens:
            if maxd is not None and d > maxd:
                continue
            v = table.get(w)
            if v is not None:
                words.append(w)
                dists.append(d)
                vals.append(v)
        if not words:
            out.append(None)
            continue
        dist = np.array(dists, dtype=float) - 1.0
        cols = []
        for agg in tdef["aggregates"]:
            if agg == "mean":
                cols.append(np.full(len(words), 1.0 / math.sqrt(len(words))))
            elif agg.startswith("decay"):
                cols.append(np.exp(-dist / float(agg[5:])))
            else:
                raise ValueError(f"unknown lexicon aggregate {agg!r}")
        out.append((words, np.stack(cols, axis=1), np.array(vals, dtype=float)))
    return out


def lexicon_features(lexicon_tokens, tables: dict, spec: FeatureSpec) -> dict:
    """The learned-lexicon features: per table, aggregate and label, the weighted sum of the
    words' centred log probabilities (``tables[name][word]`` = one number per label), times
    ``lexicon_scale``."""
    out: dict[str, float] = {}
    for keys, arrays in zip(lexicon_keys(spec), lexicon_arrays(lexicon_tokens, tables, spec)):
        if arrays is None:
            continue
        _words, wts, vals = arrays
        sums = spec.lexicon_scale * (wts.T @ vals)  # aggregates x labels
        for a, row in enumerate(keys):
            for c, key in enumerate(row):
                out[key] = float(sums[a, c])
    return out
