"""Tone toward one target in a news sentence (target-dependent sentiment), with the words that drove it.

The label is the attitude the sentence's author conveys toward the one person or group marked by the
character span ``start:end`` - negative, neutral or positive - not the tone of the sentence as a whole:
"Obama can do better at State than Susan Rice" is positive toward Obama and negative toward Rice. This is
the task and the data of NewsMTSC (Hamborg and Donnay 2021, "NewsMTSC: A Dataset for (Multi-)Target-
dependent Sentiment Classification in Political News Articles", EACL), whose training split the model was
fitted on (``bench/train_target_tone.py``; model card ``docs/target_tone_model.md``).

Method: a multinomial logistic regression over interpretable, target-aware features, in the tradition of
feature-based target-dependent classifiers (Jiang et al. 2011; Kiritchenko et al. 2014): the words of the
sentence (negated words marked), the words left and right of the target by distance bucket, the words of
the target's clause, whether the target speaks (``X said``), is quoted, is a pronoun, a possessive or after
a preposition, and VADER lexicon valences (Hutto and Gilbert 2014, the lexicon shipped with
``vaderSentiment``) near the target, weighted by distance, in its clause, on its side of a quotation and
whether another name stands between. Every decision lists its drivers: the features whose weight times
value pushed most toward the chosen label. The weights are a data file, ``data/target_tone.json``; no
download, CPU only. The feature code was developed by a helper agent of the project.
"""
import json
import math
import re
from functools import lru_cache
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, NEGATE

SIA = SentimentIntensityAnalyzer()
LEX = {k: v for k, v in SentimentIntensityAnalyzer().lexicon.items() if " " not in k}

_TARGET = "\x00"
_TOKEN_RE = re.compile(r"'s\b|\w+(?:[-']\w+)*|\x00|[^\w\s]")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
OPENQ = {"\u201c", "\u00ab"}
CLOSEQ = {"\u201d", "\u00bb"}

NEG = set(NEGATE) | {"n't", "no", "nobody", "nor", "cannot", "neither", "never", "none", "nothing", "not", "without", "hardly", "barely"}
SAY = {"said", "says", "say", "saying", "told", "tells", "added", "adds", "wrote", "writes", "tweeted", "tweets",
       "stated", "states", "noted", "notes", "explained", "explains", "asked", "asks", "replied", "recalled",
       "continued", "argued", "argues", "claimed", "claims", "insisted", "insists", "declared", "announced",
       "acknowledged", "admitted", "warned", "suggested", "responded", "remarked", "observed", "posted", "answered",
       "conceded", "contended", "complained", "predicted", "speculated"}
SAY_FILLERS = {"also", "has", "had", "later", "then", "previously", "recently", "once", "repeatedly", "often",
               "have", "again", "separately", "simply", "quickly", "flatly", "bluntly", "emphatically", "privately", "publicly"}
PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "i", "me", "my", "mine",
            "we", "us", "our", "you", "your", "it", "its", "himself", "herself", "themselves", "who", "whom", "whose",
            "'m", "m"}
PERSON_PRON = {"he", "she", "him", "her", "his", "they", "them", "their", "himself", "herself"}
PREPS = {"of", "for", "with", "against", "to", "on", "about", "by", "from", "at", "in", "over", "toward", "towards",
         "into", "like", "than", "as", "under", "behind", "after", "before", "between", "among", "despite", "through"}
CLAUSE_WORDS = {"while", "but", "although", "though", "whereas", "because", "since", "unless", "however", "yet",
                "who", "which", "whom", "whose", "when", "where", "after", "before", "if", "and", "so", "that"}
CLAUSE_PUNCT = {",", ";", ":", "\u2014", "\u2013", "(", ")", "-", "--", "[", "]", ".", "?", "!"}
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "judge", "justice", "gen", "secretary"}
STOP = set("the a an of to in and or is was be been are were that this it for on with as at by from".split())


from nltk.stem import PorterStemmer  # (rule-based: no NLTK data needed)
_PS = PorterStemmer()
_SC = {}
def stem(t):
    r = _SC.get(t)
    if r is None:
        r = _SC[t] = t if (t == "<T>" or not t.isalpha()) else _PS.stem(t)
    return r


def bucket(d):
    if d <= 3:
        return str(d)
    if d <= 5:
        return "4-5"
    if d <= 8:
        return "6-8"
    if d <= 12:
        return "9-12"
    return "13+"


def tokenize(sentence, start, end):
    text = (sentence[:start] + " " + _TARGET + " " + sentence[end:]).translate(_APOS)
    toks, quoted, caps = [], [], []
    inside = False
    ti = -1
    for m in _TOKEN_RE.finditer(text):
        t = m.group(0)
        if t in OPENQ:
            inside = True
            continue
        if t in CLOSEQ:
            inside = False
            continue
        if t == '"':
            inside = not inside
            continue
        if t == _TARGET:
            ti = len(toks)
            toks.append("<T>")
        else:
            toks.append(t.lower())
        quoted.append(inside)
        caps.append(t[:1].isupper())
    return toks, ti, quoted, caps


DEFAULT = dict(bow=True, bigram=True, window=True, clause=True, quote=True, speaker=True, syntax=True,
               vader=True, negmark=True, blocked=True, tname=False, maxd=12, trigram_t=True, region=True,
               vader_scale=0.25, decay=4.0, nearbag=False, vclass=False, vcompound=False, vwin=5, conj=False, stem=False)


def features(sentence, start, end, cfg=DEFAULT):
    toks, ti, quoted, caps = tokenize(sentence, start, end)
    n = len(toks)
    lx = [stem(t) for t in toks] if cfg["stem"] else toks
    f = {}
    tgt = sentence[start:end].strip().translate(_APOS).lower()
    # negation scope marks
    negated = [False] * n
    scope = 0
    for i, t in enumerate(toks):
        if t in CLAUSE_PUNCT:
            scope = 0
        elif scope > 0:
            negated[i] = True
            scope -= 1
        if t in NEG or t.endswith("n't"):
            scope = 3
    # words
    def wname(i):
        t = lx[i]
        return ("NOT_" + t) if (cfg["negmark"] and negated[i] and t != "<T>") else t

    if cfg["bow"]:
        for i, t in enumerate(toks):
            if i != ti:
                f["w:" + wname(i)] = 1.0
    if cfg["bigram"]:
        for i in range(n - 1):
            f["b:" + lx[i] + " " + lx[i + 1]] = 1.0
    if cfg["trigram_t"]:
        if ti >= 2:
            f["t3:" + toks[ti - 2] + " " + toks[ti - 1] + " <T>"] = 1.0
        if ti + 2 < n:
            f["t3:<T> " + toks[ti + 1] + " " + toks[ti + 2]] = 1.0
        if 1 <= ti < n - 1:
            f["t3:" + toks[ti - 1] + " <T> " + toks[ti + 1]] = 1.0
    if cfg["window"]:
        md = cfg["maxd"]
        for d in range(1, md + 1):
            i = ti - d
            if i < 0:
                if d == 1:
                    f["L1:<s>"] = 1.0
                break
            f["L" + bucket(d) + ":" + wname(i)] = 1.0
        for d in range(1, md + 1):
            i = ti + d
            if i >= n:
                if d == 1:
                    f["R1:</s>"] = 1.0
                break
            f["R" + bucket(d) + ":" + wname(i)] = 1.0
    if cfg["nearbag"]:
        for i in range(max(0, ti - 15), min(n, ti + 16)):
            if i != ti:
                v = math.exp(-abs(i - ti) / cfg["decay"])
                k = "nb:" + wname(i)
                f[k] = max(f.get(k, 0.0), v)
    # clause
    cs = ti
    while cs > 0 and toks[cs - 1] not in CLAUSE_PUNCT and toks[cs - 1] not in CLAUSE_WORDS:
        cs -= 1
    ce = ti
    while ce < n - 1 and toks[ce + 1] not in CLAUSE_PUNCT and toks[ce + 1] not in CLAUSE_WORDS:
        ce += 1
    if cfg["clause"]:
        for i in range(cs, ce + 1):
            if i != ti:
                f["c:" + wname(i)] = 1.0
        if cs > 0:
            f["c_open:" + toks[cs - 1]] = 1.0
    inq = quoted[ti]
    hasq = any(quoted)
    if cfg["quote"]:
        if inq:
            f["q:target_in_quote"] = 1.0
        elif hasq:
            f["q:quote_elsewhere"] = 1.0
    if cfg["region"]:
        for i, t in enumerate(toks):
            if i != ti and quoted[i] != inq:
                f["other_region:" + wname(i)] = 1.0
    # speaker
    spk = False
    r1 = toks[ti + 1] if ti + 1 < n else "</s>"
    r2 = toks[ti + 2] if ti + 2 < n else "</s>"
    l1 = toks[ti - 1] if ti >= 1 else "<s>"
    l2 = toks[ti - 2] if ti >= 2 else "<s>"
    if r1 in SAY or (r1 in SAY_FILLERS and r2 in SAY):
        spk = True
        f["spk:target_says"] = 1.0
    if l1 in SAY and (l2 in {",", "<s>"} or (ti >= 2 and quoted[ti - 2] and not inq)):
        spk = True
        f["spk:says_target"] = 1.0
    if l1 == "to" and l2 == "according":
        spk = True
        f["spk:according_to_target"] = 1.0
    if not cfg["speaker"]:
        for k in [k for k in f if k.startswith("spk:")]:
            del f[k]
    if cfg["speaker"] and spk:
        f["spk:speaker"] = 1.0
        if hasq and not inq:
            f["spk:speaker_of_quote"] = 1.0
    if cfg["syntax"]:
        if tgt in PRONOUNS:
            f["tgt:pronoun"] = 1.0
            f["tgt:pron=" + tgt] = 1.0
        if r1 == "'s" or tgt.endswith("'s") or tgt in {"his", "her", "their"}:
            f["tgt:possessive"] = 1.0
        first = all(t in {",", "<s>"} or not t.isalnum() for t in toks[:ti])
        if first:
            f["pos:sentence_start"] = 1.0
        if cs == ti:
            f["pos:clause_start"] = 1.0
        if l1 in PREPS:
            f["pos:after_prep"] = 1.0
        if l1 == "by":
            f["pos:by_agent"] = 1.0
        rel = ti / max(1, n - 1)
        f["pos:rel"] = rel
    if cfg["tname"]:
        f["name:" + tgt] = 1.0
    # vader
    if cfg["vader"]:
        sc = cfg["vader_scale"]
        dec = cfg["decay"]
        acc = {}
        for i, t in enumerate(toks):
            v = LEX.get(t)
            if v is None or i == ti:
                continue
            if negated[i]:
                v = -0.74 * v
            d = abs(i - ti)
            w = math.exp(-(d - 1) / dec)
            side = "L" if i < ti else "R"
            pol = "pos" if v > 0 else "neg"
            a = abs(v) * sc
            key = "vader_" + pol
            acc[key + "_sentence"] = acc.get(key + "_sentence", 0.0) + a
            acc[key + "_near_" + side] = acc.get(key + "_near_" + side, 0.0) + a * w
            if cs <= i <= ce:
                acc[key + "_clause"] = acc.get(key + "_clause", 0.0) + a
            if quoted[i] == inq:
                acc[key + "_same_region"] = acc.get(key + "_same_region", 0.0) + a * w
            if cfg["blocked"]:
                lo, hi = (i + 1, ti) if i < ti else (ti + 1, i)
                blocked = any((caps[j] and toks[j].isalpha() and toks[j] not in TITLES and j > 0) or toks[j] in PERSON_PRON
                              for j in range(lo, hi))
                acc[key + ("_blocked" if blocked else "_clear")] = acc.get(key + ("_blocked" if blocked else "_clear"), 0.0) + a * w
            if spk and not quoted[i] == inq:
                acc[key + "_in_speakers_quote"] = acc.get(key + "_in_speakers_quote", 0.0) + a
        if cfg["vclass"]:
            for i in range(max(0, ti - cfg["vwin"]), min(n, ti + cfg["vwin"] + 1)):
                v = LEX.get(toks[i])
                if v is None or i == ti:
                    continue
                if negated[i]:
                    v = -0.74 * v
                k = ("L" if i < ti else "R") + bucket(abs(i - ti)) + ":" + ("VPOS" if v > 0 else "VNEG")
                acc[k] = acc.get(k, 0.0) + abs(v) * sc
        for k, v in acc.items():
            f[k] = v
    if cfg["conj"] and cfg["vader"]:
        roles = []
        if spk: roles.append("speaker")
        if inq: roles.append("in_quote")
        if tgt in PRONOUNS: roles.append("pronoun")
        if l1 in PREPS: roles.append("after_prep")
        if cs == ti and l1 not in PREPS: roles.append("clause_start")
        if r1 == "'s" or tgt.endswith("'s") or tgt in {"his", "her", "their"}: roles.append("possessive")
        if not roles: roles.append("other")
        for k in [k for k in acc if k.startswith("vader_") and ("near" in k or "clause" in k or "sentence" in k)]:
            for ro in roles:
                f[ro + "&" + k] = acc[k]
    if cfg["vcompound"]:
        c = SIA.polarity_scores(sentence)["compound"]
        f["vader_compound_sentence_pos"] = max(c, 0)
        f["vader_compound_sentence_neg"] = max(-c, 0)
        words = sentence[:start].split()[-10:] + [sentence[start:end]] + sentence[end:].split()[:10]
        c = SIA.polarity_scores(" ".join(words))["compound"]
        f["vader_compound_window_pos"] = max(c, 0)
        f["vader_compound_window_neg"] = max(-c, 0)
    return f


# --------------------------------------------------------------------------- the model
MODEL_PATH = Path(__file__).resolve().parent / "data" / "target_tone.json"
LABELS = ("negative", "neutral", "positive")
MAX_DRIVERS = 5


@lru_cache(maxsize=1)
def _model() -> dict:
    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"{MODEL_PATH} is missing: run bench/train_target_tone.py --write")
    m = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return {**m, "weights": {k: tuple(v) for k, v in m["weights"].items()}}


def model_info() -> dict:
    """What the model file says about its data, licence, features and figures (no weights)."""
    return {k: v for k, v in _model().items() if k != "weights"}


def _check(sentence: str, start: int, end: int) -> None:
    if not isinstance(sentence, str):
        raise ValueError("the sentence must be a string")
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(sentence):
        raise ValueError(f"start {start!r} and end {end!r} are not a non-empty span of the sentence "
                         f"({len(sentence) if isinstance(sentence, str) else '?'} characters)")
    if not sentence[start:end].strip():
        raise ValueError(f"the target span {start}:{end} is blank")


_PLACE = {"L": "before the target", "R": "after the target", "c": "in its clause", "w": "in the sentence",
          "b": "", "t3": "", "other_region": "on the other side of a quotation"}


def _readable(name: str, sentence: str) -> str:
    """A driver in words: "praised (before the target)", "positive words: praised, courage",
    "the target speaks (X said)"."""
    if name.startswith("vader_"):
        pol = "pos" if name.startswith("vader_pos") else "neg"
        words = [t for t in re.findall(r"[\w'-]+", sentence.lower()) if (LEX.get(t, 0) > 0) == (pol == "pos") and t in LEX]
        words = sorted(dict.fromkeys(words), key=lambda t: -abs(LEX[t]))[:3]
        return f"{'positive' if pol == 'pos' else 'negative'} words: {', '.join(words)}" if words else name
    if name.startswith("spk:"):
        return "the target speaks (X said ...)" if "speaker" in name or "says" in name else name
    if name.startswith("q:"):
        return "the target is inside a quotation" if "in_quote" in name else "a quotation elsewhere in the sentence"
    if name.startswith("tgt:") or name.startswith("pos:"):
        return name.split(":", 1)[1].replace("_", " ")
    kind, _, word = name.partition(":")
    place = _PLACE.get(kind[:1] if kind[:1] in "LR" else kind, "")
    word = word.replace("<T>", "TARGET").replace("NOT_", "not ")
    return f"{word} ({place})" if place else word


def predict(sentence: str, start: int, end: int) -> dict:
    """``{"label", "probabilities", "drivers"}`` for the target ``sentence[start:end]`` (end exclusive).
    Raises ValueError for offsets that are not a non-empty span of the sentence."""
    _check(sentence, start, end)
    m = _model()
    w, b = m["weights"], m["intercepts"]
    cfg = {**DEFAULT, **m.get("config", {})}
    f = features(sentence, start, end, cfg)
    scores = list(b)
    contrib = []
    for k, v in f.items():
        ws = w.get(k)
        if ws is None or not v:
            continue
        for j in range(3):
            scores[j] += ws[j] * v
        contrib.append((k, v, ws))
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    z = sum(exp)
    probs = {lab: round(e / z, 4) for lab, e in zip(LABELS, exp)}
    j = max(range(3), key=lambda i: (scores[i], -i))
    # a feature drives the label by how much more it adds to it than to the other two, on average
    pushed = sorted(((v * (ws[j] - (sum(ws) - ws[j]) / 2), k) for k, v, ws in contrib), reverse=True)
    drivers = list(dict.fromkeys(_readable(k, sentence) for s, k in pushed[:MAX_DRIVERS * 2] if s > 0))[:MAX_DRIVERS]
    return {"label": LABELS[j], "probabilities": probs, "drivers": drivers}


def predict_many(items) -> list[dict]:
    """:func:`predict` for an iterable of ``(sentence, start, end)``."""
    return [predict(s, a, b) for s, a, b in items]
