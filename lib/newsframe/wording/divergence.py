"""Divergent facts: the same fact, told differently.

:func:`divergent_facts` pairs sentences from different outlets that share named entities (after
merging name variants, capitals as their countries via ``data/countries.csv``) and a number, but differ
in a number or in the outcome verb (``data/key_verbs.csv``: "scrap" and "cancel" are both *end*,
"threatened to" marks a *threaten* hedge). They are flagged for a reader to check, never judged.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import lru_cache
from itertools import combinations

import pandas as pd

from .. import text as nftext
from ..resources import read_table
from .sentences import articles_iter, word_tokens
from .names import capitalised_spans, country_words, variant_key, variant_map

DIVERGENT_MIN_SHARED_ENTITIES = 2
DIVERGENT_MAX_PAIRS = 2_000_000  # candidate sentence pairs compared at most (the commonest number-entity keys go first)
DIVERGENT_FOLLOW_UP = 2         # sentences after a flagged one whose outcome verbs are shown beside it


def _key_verbs():
    return _key_verbs_cached(os.environ.get("NEWSFRAME_DATA", ""))


# ----------------------------------------------------------------------------- divergent facts
@lru_cache(maxsize=4)
def _key_verbs_cached(env: str) -> tuple[dict[str, str], tuple[str, ...]]:
    single, phrases = {}, []
    for r in read_table("key_verbs.csv"):
        for f in r["forms"].split("|"):
            f = f.strip().lower()
            if " " in f:
                phrases.append(f)
            single.setdefault(f, r["family"])
    return single, tuple(sorted(set(phrases), key=len, reverse=True))


def key_verbs(sentence: str) -> list[tuple[str, str]]:
    """``(verb as written, family)`` for the outcome verbs of ``data/key_verbs.csv`` in a sentence."""
    single, phrases = _key_verbs()
    low = " ".join(word_tokens(sentence))
    out = []
    for ph in phrases:
        if ph in low and re.search(r"\b" + re.escape(ph) + r"\b", low):   # the substring test is cheap
            out.append((ph, single[ph]))
            low = re.sub(r"\b" + re.escape(ph) + r"\b", " ", low)
    out += [(w, single[w]) for w in low.split() if w in single]
    return out


_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_YEAR_RANGE = re.compile(r"\b((1[89]|20)\d\d)-(\d\d)\b")


def numbers(sentence: str) -> set[str]:
    """Numbers of a sentence as written, a year range "1910-45" read as 1910 and 1945."""
    sentence = _YEAR_RANGE.sub(lambda mo: f"{mo.group(1)} {mo.group(2)}{mo.group(3)}", sentence)
    return {n.rstrip(".,") for n in _NUMBER.findall(sentence)}


def _entities(sentence: str, vmap: dict[str, str], lowercase_vocab: frozenset) -> set[str]:
    countries = country_words()
    ents = set()
    for _, _, span in capitalised_spans(sentence, lowercase_vocab=lowercase_vocab):
        k = variant_key(span)
        ents.add(countries.get(k) or vmap.get(k) or k)
    return ents


def divergent_facts(articles, *, variants: pd.DataFrame | None = None,
                    min_shared_entities: int = DIVERGENT_MIN_SHARED_ENTITIES,
                    follow_up: int = DIVERGENT_FOLLOW_UP) -> pd.DataFrame:
    """Sentence pairs of different outlets telling the same fact differently, flagged for a reader.

    A pair qualifies when the two sentences share at least
    ``min_shared_entities`` named entities (variants merged, capitals counted
    as their country) and at least one number, and then is flagged when
    their numbers differ or their outcome verbs (``data/key_verbs.csv``)
    differ in family. Columns ``a, b, outlet_a, outlet_b, a_text, b_text,
    shared_entities, shared_numbers, numbers_only_a, numbers_only_b,
    verbs_a, verbs_b, why``, and ``then_a, then_b``: outcome verbs of the
    next ``follow_up`` sentences of each article with the sentence they are in,
    because a story often tells the outcome one or two sentences later
    ("threatened to scrap ..." then "agreed to extend ...").
    """
    vmap = variant_map(variants) if variants is not None and not variants.empty else {}
    arts = list(articles_iter(articles))
    lower_vocab = frozenset(t for _, _, b in arts for t in nftext.tokens(b, words_only=True) if t.islower())
    sents, following = [], {}
    for aid, outlet, body in arts:
        all_sents = [s.strip() for s in nftext.sentences(body)]
        verbs = [key_verbs(s) for s in all_sents]   # once per sentence, reused for the follow-ups
        for i, s in enumerate(all_sents):
            following[(aid, s)] = list(zip(all_sents[i + 1:i + 1 + follow_up], verbs[i + 1:i + 1 + follow_up]))
            nums = numbers(s)
            if not nums:
                continue
            sents.append((aid, outlet, s, _entities(s, vmap, lower_vocab), nums, verbs[i]))

    def then(x):
        return " | ".join(f"{', '.join(v for v, _ in kv)}: {t}" for t, kv in following[(x[0], x[2])] if kv)
    rows = []
    for i, j in _fact_candidates(sents, min_shared_entities):
        x, y = sents[i], sents[j]
        if x[1] == y[1] or x[0] == y[0]:
            continue
        shared_e, shared_n = x[3] & y[3], x[4] & y[4]
        if len(shared_e) < min_shared_entities or not shared_n:
            continue
        fam_x, fam_y = {f for _, f in x[5]}, {f for _, f in y[5]}
        only_x, only_y = x[4] - y[4], y[4] - x[4]
        why = []
        if fam_x != fam_y and fam_x and fam_y:
            why.append(f"outcome verb: {', '.join(v for v, _ in x[5])} vs {', '.join(v for v, _ in y[5])}")
        if only_x and only_y:
            why.append(f"numbers: {', '.join(sorted(only_x))} vs {', '.join(sorted(only_y))}")
        if not why:
            continue
        a, b = (x, y) if x[0] < y[0] else (y, x)
        rows.append({"a": a[0], "b": b[0], "outlet_a": a[1], "outlet_b": b[1], "a_text": a[2], "b_text": b[2],
                     "shared_entities": ", ".join(sorted(shared_e)), "shared_numbers": ", ".join(sorted(shared_n)),
                     "numbers_only_a": ", ".join(sorted(a[4] - b[4])), "numbers_only_b": ", ".join(sorted(b[4] - a[4])),
                     "verbs_a": ", ".join(f"{v} ({f})" for v, f in a[5]), "verbs_b": ", ".join(f"{v} ({f})" for v, f in b[5]),
                     "why": "; ".join(why), "then_a": then(a), "then_b": then(b)})
    cols = ["a", "b", "outlet_a", "outlet_b", "a_text", "b_text", "shared_entities", "shared_numbers",
            "numbers_only_a", "numbers_only_b", "verbs_a", "verbs_b", "why", "then_a", "then_b"]
    return pd.DataFrame(rows, columns=cols).sort_values(["a", "b"]).reset_index(drop=True)


def _fact_candidates(sents: list[tuple], min_shared_entities: int) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of sentences sharing a number and (when
    ``min_shared_entities`` > 0) an entity: the only pairs :func:`divergent_facts` can flag.

    Found through an index of ``(number, entity)`` keys, not by comparing every pair. When the keys'
    pairs add up to more than :data:`DIVERGENT_MAX_PAIRS` (thousands of articles of one story all
    writing "2023" and "Japan"), the most common keys are left out, largest first, until they fit:
    a pair sharing only such common keys is not a specific fact.
    """
    posting = defaultdict(list)
    for k, (_, _, _, ents, nums, _) in enumerate(sents):
        for n in nums:
            for e in (ents if min_shared_entities > 0 else ("",)):
                posting[(n, e)].append(k)
    lists = sorted((ks for ks in posting.values() if len(ks) >= 2), key=len)
    budget, kept = DIVERGENT_MAX_PAIRS, []
    for ks in lists:
        budget -= len(ks) * (len(ks) - 1) // 2
        if budget < 0:
            break
        kept.append(ks)
    pairs = set()
    for ks in kept:
        pairs.update(combinations(ks, 2))
    return sorted(pairs)
