"""Tone: VADER per sentence with the words that drove it, and tone toward a target.

:func:`sentence_tone` scores each sentence with VADER (Hutto and Gilbert 2014, the ``vaderSentiment``
package, whose lexicon ships with it) and always lists the words that drove the score
(:func:`vader_with_drivers`). VADER scores words one by one and so misreads diplomatic news ("agreed to
turn the page on a bitter dispute" is negative to it); an optional domain adjustment
(``data/tone_adjustments.csv``) scores such phrases as a whole, and ``bench/tone_agreement.py`` measures
whether it helps (:data:`ADJUST_TONE_BY_DEFAULT` records the decision).

:func:`target_tone` asks what tone a sentence takes toward each country or person it names, with the
trained model of :mod:`newsframe.target_tone` (NewsMTSC, Hamborg and Donnay 2021; model card
docs/target_tone_model.md); :func:`same_person_names` joins ``Obama`` to ``Barack Obama`` across the
corpus so one person is one target.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from .. import groups
from ..resources import read_table
from ..text import normalize, sentences_by_article, sentences_of
from .lexicons import cue_regex, find_countries
from .people import people, person_mentions
from .sentences import articles_iter


# ----------------------------------------------------------------- tunables
POSITIVE_THRESHOLD = 0.05   # VADER compound >= this: positive (Hutto and Gilbert 2014)
NEGATIVE_THRESHOLD = -0.05  # VADER compound <= this: negative
ADJUST_TONE_BY_DEFAULT = False  # bench/tone_agreement.py: no gain on held-out sentences (docs/framing.md)
MAX_DRIVERS = 6             # driver words listed per sentence / target


# ----------------------------------------------------------------- tone
@lru_cache(maxsize=1)
def _adjustments() -> tuple[tuple[str, float, re.Pattern, str], ...]:
    rows = read_table("tone_adjustments.csv")
    rows = sorted(rows, key=lambda r: -len(r["phrase"]))
    return tuple((r["phrase"], float(r["valence"]), re.compile(cue_regex(r["phrase"]), re.I), f"nfadjphrase{chr(97 + i // 26)}{chr(97 + i % 26)}")
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


def format_drivers(drivers) -> str:
    return ", ".join(f"{w} ({v:+.1f})" for w, v in drivers)


def sentence_tone(articles, *, adjust: bool | None = None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """VADER per body sentence: ``id, outlet, paragraph, sentence, text, compound, label, drivers, targets``.

    ``targets`` lists the countries and people the sentence mentions.
    """
    rows = []
    given = sentences_by_article(sentences)
    for art in articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        persons = people(body)
        for s in sentences_of(given, art.id, body):
            v = vader_with_drivers(s["text"], adjust=adjust)
            nt = normalize(s["text"])
            targets = list(dict.fromkeys([c for c, _a, _b in find_countries(nt)] + [n for _a, _b, n in person_mentions(nt, persons)]))
            rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "paragraph": s["paragraph"],
                         "sentence": s["sentence"], "text": s["text"], "compound": v["compound"], "label": v["label"],
                         "drivers": format_drivers(v["drivers"]), "targets": targets})
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
    tone = groups.attach_article_group(tone, articles, by)
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


def target_tone(articles, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tone toward each country and person a body sentence names, by the target-dependent model of
    :mod:`newsframe.target_tone` (trained on NewsMTSC; model card ``docs/target_tone_model.md``).

    One row per mention: ``id, outlet, paragraph, sentence, target`` (the country or person),
    ``mention`` (as written), ``start, end`` (offsets in the sentence), ``label`` (negative, neutral,
    positive), ``score`` (P(positive) - P(negative)), ``drivers`` (the features that decided, as
    words), ``text`` (the sentence). Unlike :func:`sentence_tone`, two targets of one sentence can get
    different labels ("Seoul praised Tokyo, while Pyongyang condemned it").
    """
    from ..target_tone import predict_many

    items, rows, person_targets = [], [], set()
    given = sentences_by_article(sentences)
    for art in articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        persons = people(body)
        for s in sentences_of(given, art.id, body):
            text = s["text"]
            nt = normalize(text) if len(normalize(text)) == len(text) else text
            people_found = person_mentions(nt, persons)
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
    t = groups.attach_article_group(tone, articles, by)
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
