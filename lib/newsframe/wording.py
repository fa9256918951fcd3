"""Wording differences across outlets: names, spellings, distinctive words, reused wire copy.

Every function takes the ``articles`` DataFrame of :func:`newsframe.load_corpus`
(``id, outlet, body``; ``lines`` where it helps) and returns a DataFrame whose
rows carry the article id, so each number can be traced back to its text.
Text goes through the shared layer :mod:`newsframe.text` (one normalisation:
curly quotes made straight, typographic hyphens made ASCII, case folded for
counting; NLTK Punkt sentences and a regexp tokenizer, no downloaded data).

* **Name variants** (:func:`name_mentions`, :func:`name_variants`): runs of
  capitalised words (joined by "of", "and", "the"), acronyms, cut after a title
  word (``data/name_titles.txt``: "Prime Minister Fumio Kishida" counts as
  "Fumio Kishida"). Variants are grouped (union-find) when (a) their
  *romanisation skeletons* match - the first letter of each word part plus its
  consonants, so "Yoon Suk Yeol", "Yoon Suk-yeol", "Yoon Seok-youl" all give
  ``yn sk yl`` - and their letters are similar (difflib ratio); (b) an acronym
  matches the initials of a capitalised span, in order anywhere in the corpus
  or in any order inside one article (Schwartz and Hearst 2003 use the
  same letter-matching idea for biomedical abbreviations); (c) a single word is
  the first or last word of exactly one longer name (a surname: "Yoon",
  "Kishida"); (d) a rare single word with the same skeleton as a frequent one
  in the same article, one or two letters apart, is kept as a *near variant*
  (a possible typo, "Yin" for "Yoon"); (e) the alias file ``data/aliases.csv``,
  which users extend. Tag lists glued together by the page dump
  ("Yoon Seok-youlasiaseoul") are split at case changes and at words the
  corpus already uses.
* **Spelling conventions** (:func:`spelling_conventions`): British and
  American forms from ``data/spelling_pairs.csv``, counted per outlet; a
  capitalised form inside a name ("Ministry of National Defense") is counted
  apart, because names keep their own spelling.
* **Keyness** (:func:`keyness`): each outlet against the rest of the corpus.
  Log-likelihood G2 (Dunning 1993, "Accurate methods for the statistics of
  surprise and coincidence"; Rayson and Garside 2000 for the 2x2 form used in
  corpus linguistics) with its chi-square p-value (1 df), and the *log ratio*
  effect size (Hardie 2014): log2 of the ratio of relative frequencies, zero
  counts set to 0.5. Raw counts stand beside every score. G2 says how sure we
  are that a difference is not chance; log ratio says how big it is. With a few
  hundred words per outlet almost nothing reaches p < 0.05 and a term met twice
  can have a huge log ratio: read small counts as leads to check, not findings.
  Counting can merge name variants first (each mention becomes one term), and
  a term that is key only because one article uses it is flagged by leaving
  that article out and testing again.
* **Collocations** (:func:`collocations`): NLTK's ``BigramCollocationFinder``
  scored by pointwise mutual information and by the likelihood ratio (Manning
  and Schuetze 1999, *Foundations of Statistical NLP*, ch. 5).
* **Concordance** (:func:`concordance`): keyword in context lines, one per
  occurrence, with outlet and article id, like NLTK's ``ConcordanceIndex`` but
  for multi-word terms and with all variants of a name.
* **Text reuse** (:func:`align_sentences`, :func:`reuse_pairs`,
  :func:`reuse_matrix`, :func:`reuse_pairs_records`, :func:`repeated_passages`):
  sentences of different articles are paired when they share a word n-gram
  (:data:`NGRAM`) or enough content words, scored with difflib's word-level
  ``SequenceMatcher`` ratio and labelled *verbatim*, *edited* or *paraphrase*,
  the three levels of derivation used for the METER corpus of wire copy reuse
  (Clough, Gaizauskas, Piao and Wilks 2002: wholly, partially, non-derived).
  Each pair gets a word diff (:func:`word_diff`: added, removed, replaced
  words). Greedy one-to-one matching (best similarity first) per article pair.
* **Divergent facts** (:func:`divergent_facts`): sentence pairs from different
  outlets that share named entities (after merging variants, capitals as
  their countries via ``data/countries.csv``) and a number, but differ in a
  number or in the outcome verb (``data/key_verbs.csv``: "scrap" and "cancel"
  are both *end*, "threatened to" marks a *threaten* hedge). Flagged for a
  reader to check, never judged.

Why hand-written: no package offers name-variant grouping over romanisations
or a keyness table with leave-one-out, and the reuse aligners that exist
(e.g. for plagiarism detection) need no less code than difflib plus an n-gram
index; every step here is a few lines a student can read. What it cannot do:
see that "the pact" and "GSOMIA" are the same thing, resolve pronouns, or
tell a paraphrase from two reports of the same press release.
"""
from __future__ import annotations

import calendar
import math
import os
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations

import pandas as pd

from . import groups as _groups
from . import text as nftext
from .resources import read_lines, read_table

# ----------------------------------------------------------------------------- tunables
NGRAM = 3                       # word n-gram shared by two sentences to make them candidates
MAX_POSTING = 50                # n-grams / words in more sentences than this (or 1 %) make no candidates
MIN_SENTENCE_WORDS = 5          # shorter sentences are not aligned
VERBATIM_MIN = 0.95             # word-level similarity >= this: verbatim
EDITED_MIN = 0.5                # >= this: edited (same sentence, some words changed)
PARAPHRASE_MIN_DICE = 0.4       # content-word Dice >= this (and similarity below EDITED_MIN): paraphrase
PARAPHRASE_MIN_SIMILARITY = 0.25  # ... and a word-order similarity at least this (else: same topic, not same sentence)
PARAPHRASE_MIN_SHARED = 4       # ... sharing at least this many content words
MIN_REUSED_SENTENCES = 1        # a reuse pair needs this many verbatim or edited sentences (paraphrases alone are not copy)
DEFAULT_REUSE_THRESHOLD = 0.05  # pair score (similarity summed over aligned sentences / sentences of the shorter article)
REPEAT_MIN_WORDS = 6            # a passage repeated inside one page must have this many words
REPEAT_MIN_CONTAINMENT = 0.8    # share of the shorter passage's word n-grams found in the other
NAME_MIN_RATIO = 0.6            # letter similarity for two names with the same romanisation skeleton
NEAR_VARIANT_MAX_EDITS = 2      # "Yin" vs "Yoon": a near variant is at most this many letters away
KEYNESS_MIN_FREQ = 3            # a term must occur this often in the outlet to be tested
KEYNESS_MAX_P = 0.05            # significance level for "key"
COLLOCATION_MIN_FREQ = 2        # bigram must occur this often
CONCORDANCE_WIDTH = 8           # words of context either side
DIVERGENT_MIN_SHARED_ENTITIES = 2
DIVERGENT_MAX_PAIRS = 2_000_000  # candidate sentence pairs compared at most (the commonest number-entity keys go first)
DIVERGENT_FOLLOW_UP = 2         # sentences after a flagged one whose outcome verbs are shown beside it
NAME_CONNECTORS = {"of", "the", "for", "de", "al"}   # words allowed inside a name ("Ministry of National Defense")
NAME_LABELS = ("tags", "caption")   # page lines searched for names besides the body (headlines are title case)
_VOWELS = set("aeiouyw")
_CALENDAR_WORDS = frozenset(w.lower() for w in list(calendar.day_name) + list(calendar.month_name) if w)


# Data-file readers, cached per value of NEWSFRAME_DATA so a user file set later is seen.
def _titles():
    return _titles_cached(os.environ.get("NEWSFRAME_DATA", ""))


def _alias_rows():
    return _alias_rows_cached(os.environ.get("NEWSFRAME_DATA", ""))


def _country_words():
    return _country_words_cached(os.environ.get("NEWSFRAME_DATA", ""))


def _spelling_pairs():
    return _spelling_pairs_cached(os.environ.get("NEWSFRAME_DATA", ""))


def _key_verbs():
    return _key_verbs_cached(os.environ.get("NEWSFRAME_DATA", ""))


# ----------------------------------------------------------------------------- helpers
def articles_iter(articles):
    for rec in articles.to_dict(orient="records"):
        outlet = rec.get("outlet")
        if not isinstance(outlet, str) or not outlet:
            outlet = f"outlet unknown ({rec['id']})"
        yield rec["id"], outlet, nftext.normalize(rec.get("body") or "")


def _words(text: str) -> list[str]:
    return nftext.tokens(text, lower=True, words_only=True)


def _match_words(text: str) -> list[str]:
    """Words for comparing sentences: lower case, hyphenated words split ("Suk-yeol" = "Suk Yeol",
    "intelligence-sharing" = "intelligence sharing"), so spelling of compounds is not a change."""
    return [p for t in _words(text) for p in t.split("-") if p]


def article_sentences(articles) -> list[dict]:
    rows = []
    for aid, outlet, body in articles_iter(articles):
        for i, sent in enumerate(nftext.sentences(body)):
            sent = sent.strip()
            rows.append({"id": aid, "outlet": outlet, "sent_no": i, "text": sent, "words": _match_words(sent)})
    return rows


def _ngrams(words, n=NGRAM):
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


# ----------------------------------------------------------------------------- word diff
def word_diff(a: str, b: str) -> dict:
    """Word-level diff of two sentences (difflib ``SequenceMatcher`` over tokens).

    Returns ``similarity`` (0-1 ratio over lower-cased word tokens, hyphenated
    words split so "Suk-yeol" and "Suk Yeol" are equal), lists
    ``removed`` (words only in ``a``), ``added`` (only in ``b``), ``replaced``
    (``(old, new)`` phrases), and ``marked``: ``a`` with ``[-removed-]`` and
    ``{+added+}`` marks, readable side by side.
    """
    ta = [p for t in nftext.tokens(a, words_only=True) for p in t.split("-") if p]
    tb = [p for t in nftext.tokens(b, words_only=True) for p in t.split("-") if p]
    sm = SequenceMatcher(None, [t.lower() for t in ta], [t.lower() for t in tb], autojunk=False)
    removed, added, replaced, marked = [], [], [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        old, new = " ".join(ta[i1:i2]), " ".join(tb[j1:j2])
        if op == "equal":
            marked.append(old)
        elif op == "delete":
            removed.append(old)
            marked.append(f"[-{old}-]")
        elif op == "insert":
            added.append(new)
            marked.append(f"{{+{new}+}}")
        else:
            replaced.append((old, new))
            marked.append(f"[-{old}-]{{+{new}+}}")
    return {"similarity": round(sm.ratio(), 3), "removed": removed, "added": added,
            "replaced": replaced, "marked": " ".join(marked)}


def content_set(words) -> set[str]:
    sw = nftext.stopwords()
    return {w for w in words if w not in sw and any(c.isalpha() for c in w)}


def reuse_kind(similarity: float, dice: float = 0.0, shared: int = 0) -> str | None:
    """``verbatim``, ``edited``, ``paraphrase`` or ``None`` from the scores of a sentence pair."""
    if similarity >= VERBATIM_MIN:
        return "verbatim"
    if similarity >= EDITED_MIN:
        return "edited"
    if dice >= PARAPHRASE_MIN_DICE and shared >= PARAPHRASE_MIN_SHARED and similarity >= PARAPHRASE_MIN_SIMILARITY:
        return "paraphrase"
    return None


# ----------------------------------------------------------------------------- text reuse
def _candidate_pairs(sents):
    """Sentence index pairs (different articles) sharing a word n-gram or two content words.

    Keys found in more than :data:`MAX_POSTING` sentences (or 1 % of them, if more)
    are skipped: "one of the" or "said" pair everything with everything.

    Shared content words are counted one sentence at a time (its later partners only), not in
    one counter over all sentence pairs: that counter held every pair sharing a single word
    (6.8 million at 400 articles, 0.8 GB) to keep the few sharing two. The pairs are the same.
    """
    from bisect import bisect_right

    grams, words, own_words = defaultdict(list), defaultdict(list), {}
    for k, s in enumerate(sents):
        if len(s["words"]) < MIN_SENTENCE_WORDS:
            continue
        for g in _ngrams(s["words"]):
            grams[g].append(k)
        own_words[k] = content_set(s["words"])
        for w in own_words[k]:
            words[w].append(k)
    max_df = max(MAX_POSTING, len(sents) // 100)
    ids = [s["id"] for s in sents]
    pairs = set()
    for ks in grams.values():
        if 2 <= len(ks) <= max_df:
            pairs.update((i, j) for i, j in combinations(ks, 2) if ids[i] != ids[j])
    for i, content in own_words.items():   # postings are in sentence order: the partners after i
        later = Counter()
        for w in content:
            ks = words[w]
            if 2 <= len(ks) <= max_df:
                later.update(ks[bisect_right(ks, i):])
        pairs.update((i, j) for j, n in later.items() if n >= 2 and ids[i] != ids[j])
    return pairs


def align_sentences(articles, *, min_kind: str = "paraphrase") -> pd.DataFrame:
    """Reused sentences across articles, one row per aligned pair (one-to-one per article pair).

    Columns: ``a, b`` (article ids), ``outlet_a, outlet_b``, ``sent_a, sent_b``
    (sentence numbers), ``a_text, b_text``, ``similarity`` (word-level ratio),
    ``dice`` (content-word overlap), ``kind`` (verbatim / edited / paraphrase),
    ``removed, added, replaced, marked`` (see :func:`word_diff`).
    ``min_kind="edited"`` leaves paraphrases out.
    """
    sents = article_sentences(articles)
    contents = [content_set(s["words"]) for s in sents]
    word_counts = [Counter(s["words"]) for s in sents]
    cands = []
    for i, j in _candidate_pairs(sents):
        scored = score_sentence_pair(sents[i]["words"], sents[j]["words"], contents[i], contents[j], min_kind,
                                     word_counts[i], word_counts[j])
        if scored is not None:
            cands.append((scored[0], scored[1], i, j, scored[2]))
    out = aligned_table(cands, sents.__getitem__)
    out.attrs["sentence_counts"] = dict(sentence_counts(sents))  # reused by reuse_pairs, saves splitting again
    return out


def sentence_counts(sents: list[dict]) -> Counter:
    """Per article id, its sentences of at least :data:`MIN_SENTENCE_WORDS` words (the ones aligned),
    from :func:`article_sentences` dicts."""
    counts = Counter()
    for s in sents:
        counts[s["id"]] += len(s["words"]) >= MIN_SENTENCE_WORDS
    return counts


def score_sentence_pair(words_a: list[str], words_b: list[str], content_a: set[str], content_b: set[str],
                        min_kind: str = "paraphrase", counts_a: Counter | None = None,
                        counts_b: Counter | None = None) -> tuple[float, float, str] | None:
    """``(similarity, dice, kind)`` of two candidate sentences (:func:`_match_words` words and their
    content words), or ``None`` when they are not reuse of at least ``min_kind``.

    ``counts_a``/``counts_b`` (``Counter`` of each sentence's words, kept by a caller that scores
    one sentence against many) give difflib's ``quick_ratio`` bound without building a
    ``SequenceMatcher`` for the pairs it rules out: the same number, sooner.
    """
    shared = len(content_a & content_b)
    dice = 2 * shared / max(len(content_a) + len(content_b), 1)
    if counts_a is not None and counts_b is not None:
        small, large = (counts_a, counts_b) if len(counts_a) <= len(counts_b) else (counts_b, counts_a)
        matches = sum(min(n, large[w]) for w, n in small.items() if w in large)
        total = len(words_a) + len(words_b)
        quick = 2.0 * matches / total if total else 1.0   # = SequenceMatcher.quick_ratio()
        sm = None
    else:
        sm = SequenceMatcher(None, words_a, words_b, autojunk=False)
        quick = sm.quick_ratio()
    if quick < PARAPHRASE_MIN_SIMILARITY or (quick < EDITED_MIN and (dice < PARAPHRASE_MIN_DICE or shared < PARAPHRASE_MIN_SHARED)):
        return None  # quick_ratio is an upper bound of ratio: cannot be reuse
    sim = (sm or SequenceMatcher(None, words_a, words_b, autojunk=False)).ratio()
    kind = reuse_kind(sim, dice, shared)
    if kind is None or (min_kind != "paraphrase" and kind == "paraphrase") or (min_kind == "verbatim" and kind != "verbatim"):
        return None
    return sim, dice, kind


ALIGNED_COLUMNS = ["a", "b", "outlet_a", "outlet_b", "sent_a", "sent_b", "a_text", "b_text", "similarity", "dice",
                   "kind", "removed", "added", "replaced", "marked"]


def aligned_table(cands: list[tuple], sentence) -> pd.DataFrame:
    """The table of :func:`align_sentences` from scored candidates ``(similarity, dice, i, j, kind)``:
    greedy one-to-one matching per article pair, best similarity first (ties by content overlap,
    then sentence order). ``sentence(i)`` gives sentence ``i``'s dict (``id, outlet, sent_no, text``)."""
    cands = sorted(cands, key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used, rows = set(), []
    for sim, dice, i, j, kind in cands:
        si, sj = sentence(i), sentence(j)
        if si["id"] > sj["id"]:
            si, sj = sj, si
        key_a, key_b = (si["id"], sj["id"], "a", si["sent_no"]), (si["id"], sj["id"], "b", sj["sent_no"])
        if key_a in used or key_b in used:
            continue
        used |= {key_a, key_b}
        d = word_diff(si["text"], sj["text"])
        rows.append({"a": si["id"], "b": sj["id"], "outlet_a": si["outlet"], "outlet_b": sj["outlet"],
                     "sent_a": si["sent_no"], "sent_b": sj["sent_no"], "a_text": si["text"], "b_text": sj["text"],
                     "similarity": round(sim, 3), "dice": round(dice, 3), "kind": kind,
                     "removed": d["removed"], "added": d["added"], "replaced": d["replaced"], "marked": d["marked"]})
    return pd.DataFrame(rows, columns=ALIGNED_COLUMNS).sort_values(["a", "b", "sent_a"]).reset_index(drop=True)


def reuse_pairs(articles, *, threshold: float | None = None, aligned: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article pairs that share reused sentences, best first.

    ``score`` = similarity summed over the aligned sentence pairs divided by
    the number of sentences (of at least :data:`MIN_SENTENCE_WORDS` words) of
    the shorter article: 1.0 means the shorter article is entirely in the
    longer one, word for word. Pairs below ``threshold`` (default
    :data:`DEFAULT_REUSE_THRESHOLD`) are left out. Also ``n_verbatim``,
    ``n_edited``, ``n_paraphrase``.
    """
    aligned = align_sentences(articles) if aligned is None else aligned
    n_sent = aligned.attrs.get("sentence_counts") or sentence_counts(article_sentences(articles))
    outlets = {aid: outlet for aid, outlet, _ in articles_iter(articles)}
    return pair_scores(aligned, n_sent, outlets, threshold=threshold)


def pair_scores(aligned: pd.DataFrame, n_sentences: dict, outlets: dict, *,
                threshold: float | None = None) -> pd.DataFrame:
    """The table of :func:`reuse_pairs` from aligned sentences, each article's number of sentences
    (of at least :data:`MIN_SENTENCE_WORDS` words; :func:`sentence_counts`) and outlet."""
    threshold = DEFAULT_REUSE_THRESHOLD if threshold is None else threshold
    n_sent = Counter(n_sentences)
    rows = []
    # the article pairs in order, each pair's rows in table order (as groupby gives them), read as
    # arrays: a loop over NumPy slices instead of over pandas groups (the same sums: NumPy's, which
    # Series.sum uses)
    srt = aligned.sort_values(["a", "b"], kind="stable")
    a_ids, b_ids = srt["a"].tolist(), srt["b"].tolist()
    sims, kind_list = srt["similarity"].to_numpy(dtype=float), srt["kind"].tolist()
    starts = [k for k in range(len(a_ids)) if k == 0 or (a_ids[k], b_ids[k]) != (a_ids[k - 1], b_ids[k - 1])]
    for s0, s1 in zip(starts, starts[1:] + [len(a_ids)]):
        a, b = a_ids[s0], b_ids[s0]
        denom = max(min(n_sent[a], n_sent[b]), 1)
        kinds = Counter(kind_list[s0:s1])
        rows.append({"a": a, "b": b, "outlet_a": outlets.get(a), "outlet_b": outlets.get(b),
                     "score": round(min(sims[s0:s1].sum() / denom, 1.0), 3),
                     "n_verbatim": kinds["verbatim"], "n_edited": kinds["edited"], "n_paraphrase": kinds["paraphrase"],
                     "sentences_a": n_sent[a], "sentences_b": n_sent[b]})
    cols = ["a", "b", "outlet_a", "outlet_b", "score", "n_verbatim", "n_edited", "n_paraphrase", "sentences_a", "sentences_b"]
    out = pd.DataFrame(rows, columns=cols)
    out = out[(out["score"] >= threshold) & (out["n_verbatim"] + out["n_edited"] >= MIN_REUSED_SENTENCES)]
    return out.sort_values(["score", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def reuse_matrix(articles, *, aligned: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article x article reuse scores (symmetric, diagonal 1.0, no threshold)."""
    ids = list(articles["id"])
    aligned = align_sentences(articles) if aligned is None else aligned
    pairs = reuse_pairs(articles, threshold=0.0, aligned=aligned)
    m = pd.DataFrame(0.0, index=ids, columns=ids)
    for r in pairs.itertuples():
        m.loc[r.a, r.b] = m.loc[r.b, r.a] = r.score
    for i in ids:
        m.loc[i, i] = 1.0
    return m


def reuse_pairs_records(articles, threshold: float | None = None):
    """Yield one JSON-ready dict per article pair above ``threshold`` (CLI ``reuse``).

    ``{"a", "b", "score", "reused_sentences": [{"a_text", "b_text", "similarity", "kind"}]}``;
    ``threshold=None`` means :data:`DEFAULT_REUSE_THRESHOLD`.
    """
    aligned = align_sentences(articles)
    yield from pair_records(reuse_pairs(articles, threshold=threshold, aligned=aligned), aligned)


def pair_records(pairs: pd.DataFrame, aligned: pd.DataFrame):
    """One JSON-ready dict per row of ``pairs`` with its aligned sentences (see :func:`reuse_pairs_records`)."""
    groups = {key: g for key, g in aligned.groupby(["a", "b"], sort=False)} if len(aligned) else {}
    for p in pairs.itertuples():
        g = groups[(p.a, p.b)]
        yield {"a": p.a, "b": p.b, "score": float(p.score),
               "reused_sentences": [{"a_text": r.a_text, "b_text": r.b_text, "similarity": float(r.similarity),
                                     "kind": r.kind} for r in g.itertuples()]}


def repeated_passages(articles, lines: pd.DataFrame | None = None) -> pd.DataFrame:
    """Passages printed twice inside one page (a lede repeated as a summary, a repeated paragraph).

    Without ``lines``: body sentences that repeat another body sentence of the
    same article. With ``lines`` (from ``load_corpus(..., with_lines=True)``):
    each body sentence is also compared with every other non-blank line of the
    page, so a lede the cleaner removed as a repeat (label ``duplicate`` or
    ``teaser``) is shown with the line it came from. Two passages match when
    :data:`REPEAT_MIN_CONTAINMENT` of the shorter one's word trigrams are in
    the other and it has at least :data:`REPEAT_MIN_WORDS` words.
    """
    rows = []
    with_lines = lines is not None and len(lines) > 0
    page_lines = _groups.split_by_article(lines[(lines["label"] != "body") & (lines["label"] != "blank")]) if with_lines else {}
    all_lines = _groups.split_by_article(lines) if with_lines else {}
    for aid, outlet, body in articles_iter(articles):
        sents = [s.strip() for s in nftext.sentences(body)]
        units = [("body", None, s) for s in sents]
        if aid in page_lines:
            for r in page_lines[aid].itertuples():
                text = str(r.text)
                if len(_WORD_RUN.findall(text)) < REPEAT_MIN_WORDS:
                    continue   # too few words to hold a repeated passage (menus, buttons): never matched
                for s in nftext.sentences(nftext.normalize(text)):
                    units.append((r.label, int(r.line_no), s.strip(" •")))
        words = [_match_words(u[2]) for u in units]
        grams = [(_ngrams(ws), len(ws)) for ws in words]
        # the units sharing a trigram with each body sentence (only they can contain it)
        posting = defaultdict(list)
        for j, (gj, nj) in enumerate(grams):
            if nj >= REPEAT_MIN_WORDS:
                for g in gj:
                    posting[g].append(j)
        for i in range(len(sents)):
            gi, ni = grams[i]
            if ni < REPEAT_MIN_WORDS or not gi:
                continue
            partners = sorted({j for g in gi for j in posting[g] if j > i})
            for j in partners:
                gj, nj = grams[j]
                small = gi if len(gi) <= len(gj) else gj
                containment = len(gi & gj) / max(len(small), 1)
                if containment >= REPEAT_MIN_CONTAINMENT:
                    where, line_no, other = units[j]
                    reason = None
                    if line_no is not None and aid in all_lines:
                        page = all_lines[aid]
                        hit = page[page["line_no"] == line_no]
                        reason = str(hit["reason"].iloc[0]) if len(hit) else None
                    rows.append({"id": aid, "outlet": outlet, "passage": sents[i], "body_sentence_no": i,
                                 "repeated_as": other, "where": "body" if where == "body" else f"{where} line",
                                 "line_no": line_no, "cleaner_reason": reason,
                                 "containment": round(containment, 3), "n_words": ni})
    cols = ["id", "outlet", "passage", "body_sentence_no", "repeated_as", "where", "line_no", "cleaner_reason",
            "containment", "n_words"]
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------------------------- names
@lru_cache(maxsize=4)
def _titles_cached(env: str) -> frozenset[str]:
    return frozenset(read_lines("name_titles.txt"))


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """Romanisation skeleton: per word part, first letter + consonants (no vowels, y, w, h).

    >>> skeleton("Yoon Suk-yeol"), skeleton("Yoon Seok-youl")
    ('yn sk yl', 'yn sk yl')
    """
    parts = [p for p in re.split(r"[\s\-]+", name.lower()) if p]
    out = []
    for p in parts:
        p = re.sub(r"[^a-z]", "", p)
        if p:
            out.append(p[0] + "".join(c for c in p[1:] if c not in _VOWELS and c != "h"))
    return " ".join(out)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper() and any(c.isalpha() for c in tok)


def _is_acronym(tok: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", tok)
    return len(letters) >= 2 and letters.isupper()


def capitalised_spans(text: str, *, lowercase_vocab: frozenset = frozenset()) -> list[tuple[int, int, str]]:
    """Runs of capitalised words in ``text`` as ``(start, end, span)``, titles cut off.

    A sentence's first word is dropped when it is a stop word or when the
    corpus also writes it in lower case (``lowercase_vocab``): "Hours before".
    A trailing possessive ``'s`` is dropped.
    """
    norm = nftext.normalize(text)
    out = []
    sw = nftext.stopwords()
    titles = _titles()
    for ss, se in nftext.sentence_spans(norm):
        toks = [(s + ss, e + ss, norm[s + ss:e + ss]) for s, e in nftext.token_spans(norm[ss:se])]
        run: list[tuple[int, int, str]] = []

        def flush():
            while run and run[-1][2].lower() in NAME_CONNECTORS:
                run.pop()
            if run:
                part = list(run)
                while part and part[0][2].lower() in NAME_CONNECTORS:
                    part = part[1:]
                if part:
                    s, e = part[0][0], part[-1][1]
                    span = norm[s:e]
                    if span.endswith("'s"):
                        span, e = span[:-2], e - 2
                    if any(c.isalpha() for c in span) and span.lower() not in _CALENDAR_WORDS:
                        out.append((s, e, span))
            run.clear()

        seen_alnum = False   # a word before this token in the sentence: it is not the first word
        for k, (s, e, tok) in enumerate(toks):
            first = not seen_alnum
            seen_alnum = seen_alnum or any(c.isalnum() for c in tok)
            if tok in titles:
                flush()
                continue
            if _is_cap(tok) and not (first and (tok.lower() in sw or tok.lower() in lowercase_vocab)):
                if run and s - run[-1][1] > 1:
                    flush()
                run.append((s, e, tok))
                if tok.endswith("'s"):
                    flush()  # "Elon Musk's SpaceX" is two names
            elif run and tok.lower() in NAME_CONNECTORS and k + 1 < len(toks) and _is_cap(toks[k + 1][2]) \
                    and s - run[-1][1] <= 1:
                run.append((s, e, tok))
            else:
                flush()
        flush()
    return out


def _split_glued_tags(line: str, vocab: frozenset) -> list[str]:
    """Split a tag list glued by the page dump ("Yoon Seok-youlasiaseoulYonhap News") into tags."""
    line = re.sub(r"^\s*tags?\s*:\s*", "", line, flags=re.I)
    parts = re.split(r"(?<=[a-z'])(?=[A-Z])", line)
    tags = []
    for p in parts:
        words = p.split()
        if words:
            last = words[-1]
            tail = []
            stem = last.lower()
            while len(stem) > 6:
                cut = next((w for w in sorted(vocab, key=len, reverse=True)
                            if len(w) >= 4 and stem.endswith(w) and len(stem) - len(w) >= 3), None)
                if cut is None:
                    break
                tail.insert(0, cut)
                stem = stem[:-len(cut)]
            if tail:
                words[-1] = last[:len(stem)]
                tags.append(" ".join(words))
                tags += tail
                continue
        tags.append(p.strip())
    return [t for t in tags if t]


def name_mentions(articles, lines: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every capitalised-name and acronym mention: ``id, outlet, where, mention, start, end``.

    ``where`` is ``body`` or, with ``lines``, the label of a page line
    (headline, tags, caption) that names the story's people too.
    """
    arts = list(articles_iter(articles))
    lower_vocab = set()
    for _, _, body in arts:
        lower_vocab |= {t for t in nftext.tokens(body, words_only=True) if t.islower()}
    lower_vocab = frozenset(lower_vocab)
    all_vocab = frozenset(t.lower() for _, _, body in arts for t in nftext.tokens(body, words_only=True) if t.isalpha())
    rows = []
    named_lines = _groups.split_by_article(lines[lines["label"].isin(NAME_LABELS)]) if lines is not None and len(lines) else {}
    for aid, outlet, body in arts:
        for s, e, span in capitalised_spans(body, lowercase_vocab=lower_vocab):
            rows.append({"id": aid, "outlet": outlet, "where": "body", "mention": span, "start": s, "end": e})
        if aid in named_lines:
            for r in named_lines[aid].itertuples():
                txt = nftext.normalize(str(r.text)).strip(" •")
                pieces = _split_glued_tags(txt, all_vocab) if r.label == "tags" else [txt]
                for piece in pieces:
                    for s, e, span in capitalised_spans(piece, lowercase_vocab=lower_vocab):
                        rows.append({"id": aid, "outlet": outlet, "where": r.label, "mention": span,
                                     "start": None, "end": None})
    return pd.DataFrame(rows, columns=["id", "outlet", "where", "mention", "start", "end"])


@lru_cache(maxsize=4)
def _alias_rows_cached(env: str) -> tuple[tuple[str, str], ...]:
    return tuple((r["canonical"], r["variant"]) for r in read_table("aliases.csv"))


@lru_cache(maxsize=4)
def _country_words_cached(env: str) -> dict[str, str]:
    out = {}
    for r in read_table("countries.csv"):
        for a in r["aliases"].split("|"):
            out[a.strip().lower()] = r["country"]
    return out


@lru_cache(maxsize=100_000)
def _initials(span: str) -> tuple[str, str]:
    words = re.split(r"[\s\-]+", span)
    content = "".join(w[0].lower() for w in words if w and w.lower() not in NAME_CONNECTORS and w[0].isalpha())
    function = "".join(w[0].lower() for w in words if w and w.lower() in NAME_CONNECTORS)
    return content, function


def _acronym_letters(acr: str) -> str:
    return re.sub(r"[^a-z]", "", acr.lower())


@lru_cache(maxsize=100_000)
def _initial_spellings(span: str) -> frozenset[str]:
    """The letter strings an acronym of ``span`` may spell in order: the initials of its content
    words, and of all its words (empty when ``span`` is too short to expand an acronym)."""
    content, _ = _initials(span)
    if len(content) < 2 or len(span.split()) < 2:
        return frozenset()
    return frozenset({content, "".join(c for w in re.split(r"[\s\-]+", span) for c in w[:1].lower())})


def _acronym_matches(acr: str, span: str, *, any_order: bool) -> bool:
    letters = _acronym_letters(acr)
    content, function = _initials(span)
    if len(content) < 2 or len(span.split()) < 2:
        return False
    if letters in _initial_spellings(span):
        return True
    if not any_order:
        return False
    missing = Counter(letters) - Counter(content)
    extra = Counter(content) - Counter(letters)
    return not extra and sum(missing.values()) <= 1 and len(content) >= 3 and \
        all(c in "oatf" + function for c in missing)


class _UnionFind:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _variant_key(mention: str) -> str:
    return nftext.normalize(mention, lower=True).strip()


def name_variants(articles, lines: pd.DataFrame | None = None, *, mentions: pd.DataFrame | None = None,
                  extra_aliases: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Group name mentions into entities; one row per (group, variant, outlet).

    Columns: ``group`` (the most frequent multi-word spelling), ``variant``
    (as written, case-folded variants joined), ``how`` (why it joined the
    group: ``same`` / ``romanisation`` / ``acronym`` / ``expansion`` /
    ``short form`` / ``near variant (possible typo)`` / ``alias``), ``outlet``,
    ``n`` (mentions), ``ids`` (articles), ``n_variants`` (distinct spellings in
    the group). ``extra_aliases``: ``(canonical, variant)`` pairs added to
    ``data/aliases.csv``.
    """
    m = name_mentions(articles, lines) if mentions is None else mentions
    cols = ["group", "variant", "how", "outlet", "n", "ids", "n_variants"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.assign(key=m["mention"].map(_variant_key))
    spelled, ids_of = defaultdict(Counter), defaultdict(set)
    for key, mention, aid in zip(m["key"], m["mention"], m["id"]):
        spelled[key][mention] += 1
        ids_of[key].add(aid)
    shown = {k: c.most_common(1)[0][0] for k, c in spelled.items()}   # the commonest spelling, first met on a tie
    freq = Counter(m["key"])
    keys = sorted(freq)
    uf, how = _UnionFind(), {}
    for k in keys:
        uf.find(k)
    multi = [k for k in keys if len(re.split(r"[\s\-]+", k)) >= 2 and not _is_acronym(shown[k])]
    # (a) romanisation skeleton + letter similarity
    by_skel = defaultdict(list)
    for k in multi:
        by_skel[skeleton(k)].append(k)
    for group in by_skel.values():
        for a, b in combinations(group, 2):
            if SequenceMatcher(None, _letters(a), _letters(b)).ratio() >= NAME_MIN_RATIO:
                uf.union(a, b)
                if _letters(a) != _letters(b):
                    how.setdefault(b if freq[b] <= freq[a] else a, "romanisation")
    # (b) acronyms and expansions
    acronyms = [k for k in keys if _is_acronym(shown[k]) and " " not in k]
    # Only two kinds of name can expand an acronym: one whose initials spell it in order, found
    # by looking the letters up, and (any order) one in the same article, found through the
    # article's names. Testing just those gives the same matches as testing every name.
    by_initials, names_in = defaultdict(set), defaultdict(set)
    for k in multi:
        for spelled in _initial_spellings(shown[k]):
            by_initials[spelled].add(k)
        for aid in ids_of[k]:
            names_in[aid].add(k)
    for acr in acronyms:
        spelled_in_order = by_initials.get(_acronym_letters(acr), set())
        beside = set().union(*(names_in.get(aid, ()) for aid in ids_of[acr]))
        for k in sorted(spelled_in_order | beside):
            same_article = k in beside
            ordered = _acronym_matches(acr, shown[k], any_order=False) and (len(acr) >= 3 or same_article)
            if ordered or (same_article and _acronym_matches(acr, shown[k], any_order=True)):
                uf.union(acr, k)
                how[k] = "expansion"
                how.setdefault(acr, "acronym")
    # (e) aliases (before short forms, so "US" joins "United States")
    for canonical, variant in list(_alias_rows()) + list(extra_aliases or []):
        ck, vk = _variant_key(canonical), _variant_key(variant)
        if vk in freq:
            uf.find(ck)
            uf.union(ck, vk)
            how.setdefault(vk, "alias")
    # (c) short forms: a single word that is the first/last word of one longer name
    countries = _country_words()
    singles = [k for k in keys if k not in multi and k not in acronyms]
    ends = defaultdict(set)
    for k in multi:
        parts = k.split()
        for w in (parts[0], parts[-1]):
            ends[w].add(uf.find(k))
    for k in singles:
        if k in countries or len(ends.get(k, ())) != 1:
            continue
        uf.union(k, next(iter(ends[k])))
        how.setdefault(k, "short form")
    # (d) near variants: rare single word, same skeleton, <= N letters from a word in the same article
    singles_by_skeleton = defaultdict(list)   # only a single word with the same skeleton can be a near variant
    for k in singles:
        singles_by_skeleton[skeleton(k)].append(k)
    for k in singles:
        if freq[k] > 1 or k in how or k in countries:
            continue
        for other in singles_by_skeleton[skeleton(k)]:
            if other == k or freq[other] < 2 or not (ids_of[k] & ids_of[other]):
                continue
            if _edit_distance(k, other) <= NEAR_VARIANT_MAX_EDITS and k[0] == other[0] and len(k) >= 3:
                uf.union(k, other)
                how[k] = "near variant (possible typo)"
                break
    # group label: most frequent multi-word variant, else most frequent
    members = defaultdict(list)
    for k in set(keys) | set(uf.parent):
        members[uf.find(k)].append(k)
    label = {}
    for root, ks in members.items():
        seen = [k for k in ks if k in freq]
        if not seen:
            continue
        canon = [c for c, _ in (list(_alias_rows()) + list(extra_aliases or [])) if _variant_key(c) == root]
        best = canon[0] if canon else shown[max(sorted(seen), key=lambda k: (k in multi, freq[k]))]
        label[root] = best
    ids_per_outlet = defaultdict(lambda: defaultdict(list))   # key -> outlet -> article id per mention
    for key, outlet, aid in zip(m["key"], m["outlet"], m["id"]):
        ids_per_outlet[key][outlet].append(aid)
    rows = []
    for key in sorted(ids_per_outlet):
        root = uf.find(key)
        spellings = {k for k in members[root] if k in freq}
        reason = how.get(key, "same")
        lab = _variant_key(label[root])
        if key == lab:
            reason = "same"
        elif _letters(key) == _letters(lab):
            reason = "hyphen, space or case"
        elif reason == "same" and skeleton(key) == skeleton(lab):
            reason = "romanisation"
        for outlet, ids in sorted(ids_per_outlet[key].items()):
            rows.append({"group": label[root], "variant": shown[key], "how": reason, "outlet": outlet,
                         "n": len(ids), "ids": ", ".join(sorted(set(ids))), "n_variants": len(spellings)})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_variants", "group", "variant", "outlet"], ascending=[False, True, True, True]).reset_index(drop=True)


VARIANT_GROUP_COLUMNS = _groups.MAX_GROUPS - 1   # variant_table by a group: columns kept, the rest in one "other"
_VARIANT_COLUMNS = frozenset({"group", "variant", "how", "outlet", "n", "ids", "n_variants"})


def _group_of(articles, by: str) -> dict:
    """``{article id: its value of by}`` (missing values as :data:`newsframe.groups.NOT_STATED`); a clear
    KeyError when ``articles`` is missing or has no column ``by``."""
    ids = pd.DataFrame({"id": list(articles["id"]) if articles is not None and "id" in articles.columns else []})
    tagged = _groups.attach(ids, articles, by)
    return dict(zip(tagged["id"], tagged[by]))


def _variant_groups(variants: pd.DataFrame, by: str, articles) -> pd.Series:
    """The ``by`` group of each row of :func:`name_variants`, through the articles of its ``ids``.

    A row counts the mentions of one spelling in one outlet; when that outlet's articles of the row
    fall in several groups its count cannot be split between them, and a ValueError says so.
    """
    if by in variants.columns and by not in _VARIANT_COLUMNS:
        return _groups.clean_values(variants[by]).set_axis(variants.index)
    group_of = _group_of(articles, by)
    out = []
    for r in variants.itertuples():
        found = {group_of.get(i, _groups.NOT_STATED) for i in str(r.ids).split(", ") if i}
        if len(found) > 1:
            raise ValueError(f"by={by!r}: the {r.n} mentions of {r.variant!r} in {r.outlet!r} come from articles of "
                             f"several groups ({', '.join(sorted(found))}) and cannot be split between them; run "
                             f"name_variants on articles.assign(outlet=articles[{by!r}]) to count per group")
        out.append(found.pop() if found else _groups.NOT_STATED)
    return pd.Series(out, index=variants.index, dtype=object)


def variant_table(variants: pd.DataFrame, *, min_variants: int = 2, by: str = "outlet",
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which outlet (or group) writes which variant: group x variant rows, one column of counts per outlet.

    Only groups with at least ``min_variants`` distinct spellings; ``how`` and ``ids`` kept.
    ``by``: the article column whose values make the count columns (default ``outlet``); another
    column (``country``, a manifest column) is looked up in ``articles`` through each row's ``ids``.
    Then the columns are bounded: with more than :data:`newsframe.groups.MAX_GROUPS` groups the
    :data:`VARIANT_GROUP_COLUMNS` with the most mentions keep a column and the others are summed in
    one ``other (N groups)`` column, last.
    """
    v = variants[variants["n_variants"] >= min_variants]
    if v.empty:
        return pd.DataFrame(columns=["group", "variant", "how", "ids"])
    if by != "outlet":
        g = _variant_groups(v, by, articles)
        v = v.assign(outlet=_groups.lump(g, keep=VARIANT_GROUP_COLUMNS, weights=v["n"]).to_numpy())
    t = v.pivot_table(index=["group", "variant", "how"], columns="outlet", values="n", aggfunc="sum", fill_value=0)
    if by != "outlet":
        t = t[sorted(t.columns, key=lambda c: (_groups.is_other(c), c))]
    ids = v.groupby(["group", "variant", "how"])["ids"].agg(lambda s: ", ".join(sorted(set(", ".join(s).split(", ")))))
    t = t.join(ids).reset_index()
    t.columns.name = None
    return t


def variant_map(variants: pd.DataFrame) -> dict[str, str]:
    """``{lower-cased variant: group}`` for every variant (used to merge counts)."""
    return {_variant_key(r.variant): r.group for r in variants.itertuples()}


# ----------------------------------------------------------------------------- spelling
@lru_cache(maxsize=4)
def _spelling_pairs_cached(env: str) -> tuple[tuple[str, str], ...]:
    return tuple((r["british"].lower(), r["american"].lower()) for r in read_table("spelling_pairs.csv"))


def spelling_conventions(articles, *, by: str = "outlet") -> pd.DataFrame:
    """British vs American spellings per article: one row per (article, word pair) met.

    Columns ``id, outlet, british, american, n_british, n_american,
    in_names`` (capitalised forms inside a name, e.g. "Ministry of National
    Defense", counted apart because names keep their own spelling).
    ``by``: an article column (``country``, a manifest column) to carry on
    each row after ``outlet``, so :func:`spelling_summary` can sum per group.
    """
    pairs = _spelling_pairs()
    form_of = {}
    for br, am in pairs:
        form_of[br] = (br, am, "british")
        form_of[am] = (br, am, "american")
    rows = []
    for aid, outlet, body in articles_iter(articles):
        counts = Counter()
        names = Counter()
        for s, e in nftext.token_spans(body):
            tok = body[s:e]
            for part in tok.split("-"):
                lo = part.lower()
                if lo in form_of:
                    br, am, side = form_of[lo]
                    sent_start = s == 0 or body[max(0, s - 2):s].strip() in ("", ".", '"')
                    if part[0].isupper() and not sent_start:
                        names[(br, am)] += 1
                    else:
                        counts[(br, am, side)] += 1
        for br, am in sorted({(b, a) for b, a, _ in counts} | set(names)):
            rows.append({"id": aid, "outlet": outlet, "british": br, "american": am,
                         "n_british": counts[(br, am, "british")], "n_american": counts[(br, am, "american")],
                         "in_names": names[(br, am)]})
    cols = ["id", "outlet", "british", "american", "n_british", "n_american", "in_names"]
    out = pd.DataFrame(rows, columns=cols)
    if by == "outlet":
        return out
    return _groups.attach(out, articles, by)[cols[:2] + [by] + cols[2:]]


def spelling_summary(spellings: pd.DataFrame, *, by: str = "outlet",
                     articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per outlet (or group): British and American forms used (outside names) and the convention they point to.

    ``by``: the article column to group by (default ``outlet``); taken from
    ``articles`` (by ``id``) when ``spellings`` does not carry it. The first
    column is named after ``by``; ``articles`` counts the group's articles in
    which a spelling pair was met.
    """
    cols = [by, "n_british", "n_american", "british_words", "american_words", "convention", "ids", "articles"]
    if spellings.empty:
        return pd.DataFrame(columns=cols)
    spellings = _groups.attach(spellings, articles, by)
    rows = []
    for group, g in spellings.groupby(by):
        nb, na = int(g["n_british"].sum()), int(g["n_american"].sum())
        conv = "British" if nb > na else "American" if na > nb else "mixed / none"
        if nb and na:
            conv += " (mixed)"
        rows.append({by: group, "n_british": nb, "n_american": na,
                     "british_words": ", ".join(sorted(set(g.loc[g["n_british"] > 0, "british"]))),
                     "american_words": ", ".join(sorted(set(g.loc[g["n_american"] > 0, "american"]))),
                     "convention": conv, "ids": ", ".join(sorted(set(g["id"]))), "articles": int(g["id"].nunique())})
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------------------------- keyness
def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G2 for a term met ``a`` times in ``c`` words (target) and ``b`` times in ``d`` (reference).

    G2 = 2 * sum(O * ln(O / E)) over the two corpora, E = size * (a + b) / (c + d)
    (the 2-cell form of Rayson and Garside 2000).
    """
    total = a + b
    if total == 0 or c + d == 0:
        return 0.0
    e1, e2 = c * total / (c + d), d * total / (c + d)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / e1)
    if b:
        g2 += b * math.log(b / e2)
    return 2 * g2


def g2_p_value(g2: float) -> float:
    """p-value of G2 under chi-square with 1 degree of freedom: erfc(sqrt(G2 / 2))."""
    return math.erfc(math.sqrt(max(g2, 0.0) / 2))


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's (2014) log ratio: log2((a / c) / (b / d)), a zero count set to 0.5."""
    a, b = (a or 0.5), (b or 0.5)
    return math.log2((a / c) / (b / d))


_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


class _NameMerger:
    """Replace every mention of a grouped name (a key of ``vmap``, any case, whole words) with its
    group label written as one term, longest name first where two start at the same word.

    The names are looked up by their first word at each word of the text, not tried one by one
    as a regex alternation of thousands of names, which costs a scan of all of them at every
    position. Names that do not start with a word character fall back to that regex.
    """

    def __init__(self, vmap: dict[str, str]):
        self.vmap = vmap
        keys = sorted(vmap, key=len, reverse=True)
        self.by_first_word = defaultdict(list)
        for k in keys:
            first = _WORD_RUN.match(k)
            if first is None:
                self.by_first_word = None
                self.pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.I)
                break
            self.by_first_word[first.group(0)].append(k)

    def term(self, key: str) -> str:
        return self.vmap[key].replace(" ", "_").replace("-", "_")

    def __call__(self, text: str) -> str:
        if not self.vmap:
            return text
        if self.by_first_word is None:
            return self.pattern.sub(lambda mo: self.term(mo.group(0).lower()), text)
        out, done = [], 0
        for word in _WORD_RUN.finditer(text):
            p = word.start()
            if p < done:
                continue
            for k in self.by_first_word.get(word.group(0).lower(), ()):
                end = p + len(k)
                if text[p:end].lower() == k and not _WORD_CHAR.match(text, end):
                    out += [text[done:p], self.term(k)]
                    done = end
                    break
        out.append(text[done:])
        return "".join(out)


def term_counts(articles, *, variants: pd.DataFrame | None = None) -> pd.DataFrame:
    """Content-word counts per article (``id, outlet, term, n``), names merged when ``variants`` is given.

    Merged: every mention of a grouped name becomes one term, the group label
    with underscores ("yoon_suk_yeol"), so "Yoon Suk-yeol" and "Yoon Seok-youl"
    count as one name and their parts no longer count as words.
    """
    vmap = {}
    if variants is not None and not variants.empty:
        multi_groups = variants.groupby("group")["variant"].nunique()
        vmap = {k: g for k, g in variant_map(variants).items() if multi_groups.get(g, 1) > 1}
    rows = []
    merge = _NameMerger(vmap)
    for aid, outlet, body in articles_iter(articles):
        for term, n in sorted(Counter(nftext.content_words(merge(body))).items()):
            rows.append({"id": aid, "outlet": outlet, "term": term, "n": n})
    return pd.DataFrame(rows, columns=["id", "outlet", "term", "n"])


def keyness(articles, *, by: str = "outlet", variants: pd.DataFrame | None = None, min_freq: int = KEYNESS_MIN_FREQ,
            max_p: float = KEYNESS_MAX_P, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Key terms of each outlet (or group) against all other outlets, with raw counts beside every score.

    One row per (outlet, term) met at least ``min_freq`` times in the outlet:
    ``n_outlet, n_rest`` (raw counts), ``words_outlet, words_rest`` (corpus
    sizes), ``g2, p, log_ratio``, ``direction`` (``over`` / ``under``),
    ``key`` (p <= ``max_p``), ``n_articles`` (outlet articles using it),
    ``top_article`` and ``one_article_only``: True when leaving the article
    that uses the term most out drops it below ``min_freq`` or makes it not
    key. Terms used less in the outlet than elsewhere are tested too when the
    rest uses them ``min_freq`` times (direction ``under``).

    ``by``: the article column whose groups are compared (default
    ``outlet``; ``country`` or a manifest column), each group against all
    the others. The first column is then named after ``by``; the count
    columns keep their names (``n_outlet`` is the count in the group) and
    the leave-one-out check uses the group's articles.
    """
    counts = term_counts(articles, variants=variants) if counts is None else counts
    counts = _groups.attach(counts, articles, by)
    cols = [by, "term", "n_outlet", "n_rest", "words_outlet", "words_rest", "g2", "p", "log_ratio",
            "direction", "key", "n_articles", "top_article", "one_article_only"]
    if counts.empty or counts[by].nunique() < 2:
        return pd.DataFrame(columns=cols)
    by_outlet = counts.pivot_table(index="term", columns=by, values="n", aggfunc="sum", fill_value=0)
    sizes = by_outlet.sum()
    total = by_outlet.sum(axis=1)
    terms, totals = list(by_outlet.index), total.to_numpy()
    parts = dict(tuple(counts.groupby(by)))
    rows = []
    for outlet in by_outlet.columns:
        c = int(sizes[outlet])
        d = int(sizes.sum() - c)
        oc = parts[outlet]
        per_article = oc.groupby(["term", "id"], as_index=False)["n"].sum()
        art_sizes = oc.groupby("id")["n"].sum()
        # per term: the articles using it, and the one using it most (the first id on a tie)
        n_using = per_article.loc[per_article["n"] > 0, "term"].value_counts().to_dict()
        most = per_article.sort_values(["term", "n", "id"], ascending=[True, False, True]).drop_duplicates("term")
        top_of = dict(zip(most["term"], zip(most["id"], most["n"])))
        for term, a, tot in zip(terms, by_outlet[outlet].to_numpy(), totals):
            a = int(a)
            b = int(tot - a)
            if a < min_freq and not (b >= min_freq and a / c < b / max(d, 1)):
                continue
            g2 = log_likelihood(a, b, c, d)
            p = g2_p_value(g2)
            lr = log_ratio(a, b, c, d)
            key = p <= max_p
            direction = "over" if a / c > b / max(d, 1) else "under"
            n_articles, top, single = 0, None, False
            if a:
                top_id, top_n = top_of[term]
                n_articles, top = int(n_using.get(term, 0)), str(top_id)
                if direction == "over":
                    a2, c2 = a - int(top_n), c - int(art_sizes[top_id])
                    single = a2 < min_freq or c2 <= 0 or g2_p_value(log_likelihood(a2, b, c2, d)) > max_p
            rows.append({by: outlet, "term": term, "n_outlet": a, "n_rest": b, "words_outlet": c,
                         "words_rest": d, "g2": round(g2, 3), "p": round(p, 4), "log_ratio": round(lr, 3),
                         "direction": direction, "key": bool(key), "n_articles": n_articles, "top_article": top,
                         "one_article_only": bool(single)})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values([by, "g2", "term"], ascending=[True, False, True]).reset_index(drop=True)


UNKNOWN_OUTLETS = "(outlets unknown)"  # keyness_from_counts: articles whose outlet the loader could not tell, together


def _counts_per_group(counts: pd.DataFrame, by: str, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Per-outlet counts (``outlet, term, count, articles``) summed per ``by`` group: ``by, term, count, articles``.

    The group is the counts' own ``by`` column when they carry one; else each
    outlet is mapped to its group through ``articles`` (columns ``outlet`` and
    ``by``), which works only when all articles of an outlet are in one group
    (a ValueError names the first outlet that is not). An outlet missing from
    ``articles`` goes to :data:`newsframe.groups.NOT_STATED`.
    """
    if by in counts.columns and by not in ("term", "count", "articles"):
        group = _groups.clean_values(counts[by]).to_numpy()
    else:
        if "outlet" not in counts.columns or articles is None or not {"outlet", by} <= set(articles.columns):
            raise KeyError(f"by={by!r}: the counts carry no {by!r} column; pass articles= with the columns "
                           f"'outlet' and {by!r} to map each outlet to its group (see newsframe.groups.choose_grouping)")
        pairs = pd.DataFrame({"outlet": articles["outlet"].fillna("").astype(str).to_numpy(),
                              by: _groups.clean_values(articles[by]).to_numpy()}).drop_duplicates()
        spread = pairs.groupby("outlet")[by].agg(lambda g: sorted(set(g)))
        split = spread[spread.map(len) > 1]
        if len(split):
            outlet, found = split.index[0], split.iloc[0]
            raise ValueError(f"by={by!r}: outlet {outlet or UNKNOWN_OUTLETS!r} has articles in {len(found)} groups "
                             f"({', '.join(found[:5])}), so its per-outlet counts cannot be split between them "
                             f"({len(split)} outlet{'s' if len(split) != 1 else ''} like this). Count per article with "
                             f"wording.keyness(articles, by={by!r}), or give the counts a {by!r} column.")
        mapping = dict(zip(pairs["outlet"], pairs[by]))
        group = [mapping.get(o, _groups.NOT_STATED) for o in counts["outlet"].fillna("").astype(str)]
    summed = pd.DataFrame({by: group, "term": counts["term"].to_numpy(), "count": counts["count"].to_numpy(),
                           "articles": counts["articles"].to_numpy()})
    return summed.groupby([by, "term"], sort=False, as_index=False)[["count", "articles"]].sum()


def keyness_from_counts(counts: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None,
                        min_freq: int = KEYNESS_MIN_FREQ, max_p: float = KEYNESS_MAX_P) -> pd.DataFrame:
    """:func:`keyness` from per-outlet counts: for corpora too large to hold per-article counts.

    ``counts``: one row per (outlet, term) with ``count`` (occurrences) and
    ``articles`` (outlet articles using the term), as
    :func:`newsframe.engine.corpus_term_counts` sums them over the partitions
    of a built corpus. Memory grows with outlets x vocabulary, not with the
    number of articles; all (outlet, term) pairs are scored with NumPy at once.

    The columns are those of :func:`keyness`, with two differences, because
    per-article counts are not at hand: ``top_article`` is empty, and
    ``one_article_only`` is True when a single outlet article uses an
    over-used term (leaving that article out removes the term entirely); a
    term spread over a few articles but concentrated in one is not caught.
    Terms the outlet uses fewer than ``min_freq`` times are kept only when
    they are significantly *under*-used (key), not every tested one.

    ``by``: the group to compare instead of the outlet (``country``, a
    manifest column). The counts are summed per group first: by their own
    ``by`` column when they carry one, else by mapping each outlet to its
    group through ``articles`` (columns ``outlet`` and ``by``), which needs
    every outlet's articles in one group (a ValueError otherwise). The first
    column is named after ``by``; ``one_article_only`` then means one article
    of the group.
    """
    import numpy as np
    from scipy.special import erfcinv

    cols = [by, "term", "n_outlet", "n_rest", "words_outlet", "words_rest", "g2", "p", "log_ratio",
            "direction", "key", "n_articles", "top_article", "one_article_only"]
    if by != "outlet" and not counts.empty:
        counts = _counts_per_group(counts, by, articles)
    if counts.empty or counts[by].nunique() < 2:
        return pd.DataFrame(columns=cols)
    outlets = counts["outlet"].fillna("").replace("", UNKNOWN_OUTLETS) if by == "outlet" else counts[by]
    o_code, o_names = pd.factorize(outlets, sort=True)
    t_code, t_names = pd.factorize(counts["term"], sort=True)
    n = counts["count"].to_numpy(dtype=np.int64)
    arts = counts["articles"].to_numpy(dtype=np.int64)
    sizes = np.bincount(o_code, weights=n, minlength=len(o_names)).astype(np.int64)
    totals = np.bincount(t_code, weights=n, minlength=len(t_names)).astype(np.int64)
    n_words = int(sizes.sum())
    # 1. terms the outlet uses: one row of counts each, all scored at once
    a, b, c = n, totals[t_code] - n, sizes[o_code]
    score = _g2_columns(a, b, c, n_words - c, max_p)
    keep = (totals[t_code] >= min_freq) & (c > 0) & (c < n_words) & (
        (a >= min_freq) | ((b >= min_freq) & score["under"] & score["key"]))
    used = {"outlet": o_code, "term": t_code, "a": a, "b": b, "articles": arts, **score}
    parts = [{k: v[keep] for k, v in used.items()}]
    # 2. terms the outlet never uses: key (under-used) when the rest uses them often enough. With a = 0,
    # G2 = 2 b ln(N / d) grows with b, so only the most frequent terms can qualify: scan them in order.
    by_total = np.argsort(-totals, kind="stable")
    sorted_totals = totals[by_total]
    order = np.argsort(o_code, kind="stable")
    bounds = np.searchsorted(o_code[order], np.arange(len(o_names) + 1))
    g2_needed = 2 * float(erfcinv(max_p)) ** 2   # p <= max_p  <=>  G2 >= this
    for o in range(len(o_names)):
        c_o = int(sizes[o])
        d_o = n_words - c_o
        if c_o <= 0 or d_o <= 0:
            continue
        b_min = max(min_freq, int(g2_needed / (2 * np.log(n_words / d_o)) * 0.999))  # (a margin; p decides)
        cand = by_total[:int(np.searchsorted(-sorted_totals, -b_min, side="right"))]
        cand = cand[~np.isin(cand, t_code[order[bounds[o]:bounds[o + 1]]])]
        zero = np.zeros(len(cand), dtype=np.int64)
        score = _g2_columns(zero, totals[cand], c_o, d_o, max_p)
        row = {"outlet": np.full(len(cand), o), "term": cand, "a": zero, "b": totals[cand], "articles": zero, **score}
        parts.append({k: v[score["key"]] for k, v in row.items()})
    cols_of = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    c = sizes[cols_of["outlet"]]
    out = pd.DataFrame({
        by: np.asarray(o_names)[cols_of["outlet"]], "term": np.asarray(t_names)[cols_of["term"]],
        "n_outlet": cols_of["a"], "n_rest": cols_of["b"], "words_outlet": c, "words_rest": n_words - c,
        "g2": np.round(cols_of["g2"], 3), "p": np.round(cols_of["p"], 4),
        "log_ratio": np.round(cols_of["log_ratio"], 3), "direction": np.where(cols_of["over"], "over", "under"),
        "key": cols_of["key"], "n_articles": cols_of["articles"], "top_article": None,
        "one_article_only": cols_of["over"] & (cols_of["articles"] == 1)})
    return out[cols].sort_values([by, "g2", "term"], ascending=[True, False, True]).reset_index(drop=True)


def keyness_between(articles, group_a, group_b, *, by: str = "outlet", variants: pd.DataFrame | None = None,
                    min_freq: int = KEYNESS_MIN_FREQ, max_p: float = KEYNESS_MAX_P,
                    counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Key terms of one group against another: ``group_a`` is the target, ``group_b`` the reference.

    The same G2 and log ratio as :func:`keyness`, on the articles of the two
    groups only (the rest of the corpus left out): ``by`` is the article
    column holding the groups (default ``outlet``). Columns: ``by`` (always
    ``group_a``), ``reference`` (``group_b``), then those of :func:`keyness`,
    where ``n_outlet, words_outlet`` are the counts of ``group_a`` and
    ``n_rest, words_rest`` those of ``group_b``; ``one_article_only`` is
    tested on ``group_a``'s articles.

    ``counts``: per-article counts (:func:`term_counts`, the default, which
    gives ``top_article`` and the leave-one-out check) or per-outlet counts
    (``outlet, term, count, articles``, as
    :func:`newsframe.engine.corpus_term_counts` gives them), summed per group
    as :func:`keyness_from_counts` does. A group that is not in the data
    raises a ValueError naming the groups there are.
    """
    group_a, group_b = str(group_a), str(group_b)
    if group_a == group_b:
        raise ValueError(f"keyness_between: compare two different groups, not {group_a!r} with itself")
    counts = term_counts(articles, variants=variants) if counts is None else counts
    aggregated = "count" in counts.columns and "n" not in counts.columns
    if aggregated and by == "outlet":
        counts = counts.assign(outlet=counts["outlet"].fillna("").replace("", UNKNOWN_OUTLETS))
    elif aggregated and not counts.empty:
        counts = _counts_per_group(counts, by, articles)
    elif not aggregated:
        counts = _groups.attach(counts, articles, by)
    known = set(counts[by].astype(str)) if by in counts.columns else set()
    if articles is not None and by in articles.columns:
        known |= set(_groups.clean_values(articles[by])) if by != "outlet" else {o for _, o, _ in articles_iter(articles)}
    missing = [g for g in (group_a, group_b) if g not in known]
    if missing:
        shown = sorted(known)
        raise ValueError(f"keyness_between: no {by} {missing[0]!r} in the data; {by} values: "
                         f"{', '.join(shown[:20])}{' ...' if len(shown) > 20 else ''}")
    pair = counts[counts[by].astype(str).isin([group_a, group_b])] if by in counts.columns else counts
    if aggregated:
        table = keyness_from_counts(pair, by=by, min_freq=min_freq, max_p=max_p)
    else:
        table = keyness(articles, by=by, counts=pair, min_freq=min_freq, max_p=max_p)
    out = table[table[by].astype(str) == group_a].copy() if len(table) else table.copy()
    out.insert(1, "reference", group_b)
    return out.reset_index(drop=True)


def _g2_columns(a, b, c, d, max_p: float) -> dict:
    """:func:`log_likelihood`, :func:`g2_p_value` and :func:`log_ratio` over arrays, plus the flags
    ``over`` (a/c > b/d), ``under`` (a/c < b/d) and ``key`` (p <= max_p)."""
    import numpy as np
    from scipy.special import erfc

    a, b, c, d = (np.asarray(x, dtype=np.float64) for x in (a, b, c, d))
    total = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        e1, e2 = c * total / (c + d), d * total / (c + d)
        g2 = 2 * (np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / e1), 0.0)
                  + np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / e2), 0.0))
        g2 = np.where((total > 0) & (c + d > 0), g2, 0.0)
        p = erfc(np.sqrt(np.maximum(g2, 0.0) / 2))
        lr = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    return {"g2": g2, "p": p, "log_ratio": lr, "over": a / c > b / d, "under": a / c < b / d, "key": p <= max_p}


def top_key_terms(table: pd.DataFrame, *, n: int = 8, by: str = "outlet") -> pd.DataFrame:
    """The ``n`` terms with the highest G2 each way (over / under) per outlet, or per group of the
    column ``by`` of a :func:`keyness` table made with that ``by``. A table without ``outlet`` and the
    default ``by`` is grouped by its first column (the group column of :func:`keyness`)."""
    if table.empty:
        return table
    if by == "outlet" and by not in table.columns and len(table.columns):
        by = table.columns[0]
    if by not in table.columns:
        raise KeyError(f"by={by!r}: the keyness table has no such column; make it with wording.keyness(..., by={by!r})")
    return (table.sort_values([by, "direction", "g2", "term"], ascending=[True, True, False, True])
            .groupby([by, "direction"], sort=False).head(n).reset_index(drop=True))


def merge_effect(articles, variants: pd.DataFrame, *, min_freq: int = KEYNESS_MIN_FREQ,
                 by: str = "outlet", merged: pd.DataFrame | None = None) -> pd.DataFrame:
    """What merging name variants changes in keyness: terms whose counts or G2 differ.

    Columns ``outlet, term, n_outlet_raw, n_outlet_merged, g2_raw, g2_merged``
    (NaN where the term is not tested in one of the two runs). ``by``: the
    article column whose groups :func:`keyness` compares; the first column is
    named after it (``n_outlet_*`` are then the group's counts). ``merged``: the
    :func:`keyness` table already made with these ``variants``, ``by`` and
    ``min_freq`` (its ``max_p`` does not matter here), so it is not counted again.
    """
    raw = keyness(articles, by=by, min_freq=min_freq)
    if merged is None:
        merged = keyness(articles, by=by, variants=variants, min_freq=min_freq)
    cols = [by, "term", "n_outlet", "g2"]
    both = raw[cols].merge(merged[cols], on=[by, "term"], how="outer", suffixes=("_raw", "_merged"))
    changed = both[(both["n_outlet_raw"] != both["n_outlet_merged"]) | (both["g2_raw"] != both["g2_merged"])]
    return changed.sort_values([by, "term"]).reset_index(drop=True)


# ----------------------------------------------------------------------------- collocations
def collocations(articles, *, min_freq: int = COLLOCATION_MIN_FREQ, by_outlet: bool = False, top: int = 20,
                 by: str | None = None) -> pd.DataFrame:
    """Bigram collocations (NLTK ``BigramCollocationFinder``), scored by PMI and likelihood ratio.

    Word tokens, lower case; bigrams never cross a sentence or an article;
    bigrams with a stop word are dropped. Columns ``outlet`` (``all`` unless
    ``by_outlet``), ``bigram``, ``n``, ``pmi``, ``likelihood_ratio``,
    ``n_articles``, ``ids``; ``top`` rows per outlet by likelihood ratio.
    ``by``: an article column (``outlet``, ``country``, a manifest column):
    collocations per group of that column, the first column named after it
    (``by_outlet=True`` is ``by="outlet"``; default: the whole corpus).
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    if by is None and by_outlet:
        by = "outlet"
    group_of = _group_of(articles, by) if by not in (None, "outlet") else {}
    sw = nftext.stopwords()
    measures = BigramAssocMeasures()
    groups = defaultdict(list)
    for aid, outlet, body in articles_iter(articles):
        groups["all" if by is None else outlet if by == "outlet" else group_of.get(aid, _groups.NOT_STATED)].append((aid, body))
    rows = []
    for outlet, docs in sorted(groups.items()):
        seq, where = [], defaultdict(set)
        for aid, body in docs:
            for sent in nftext.sentences(body):
                ws = _words(sent)
                for x, y in zip(ws, ws[1:]):
                    where[(x, y)].add(aid)
                seq += ws + ["<s>"]
        finder = BigramCollocationFinder.from_words(seq)
        finder.apply_freq_filter(min_freq)
        finder.apply_word_filter(lambda w: w == "<s>" or w in sw or not any(c.isalpha() for c in w))
        pmi = dict(finder.score_ngrams(measures.pmi))
        llr = dict(finder.score_ngrams(measures.likelihood_ratio))
        for bg in sorted(llr, key=lambda k: (-llr[k], k))[:top]:
            rows.append({by or "outlet": outlet, "bigram": " ".join(bg), "n": finder.ngram_fd[bg],
                         "pmi": round(pmi[bg], 3), "likelihood_ratio": round(llr[bg], 3), "n_articles": len(where[bg]),
                         "ids": ", ".join(sorted(where[bg]))})
    return pd.DataFrame(rows, columns=[by or "outlet", "bigram", "n", "pmi", "likelihood_ratio", "n_articles", "ids"])


# ----------------------------------------------------------------------------- concordance
def concordance(articles, term: str, *, width: int = CONCORDANCE_WIDTH, variants: pd.DataFrame | None = None,
                by: str = "outlet") -> pd.DataFrame:
    """Keyword in context for ``term`` (one or more words), across outlets.

    One row per occurrence: ``outlet, id, left, match, right, term``; with
    ``variants`` every spelling of the term's name group is searched too.
    ``by``: an article column (``country``, a manifest column) whose value
    each row carries too, as its first column (default ``outlet``: none added).
    Matching is on lower-cased normalised word tokens, so "GSOMIA" finds
    "Gsomia" and "Suk-yeol" finds "suk-yeol".
    """
    targets = {term}
    if variants is not None and not variants.empty:
        vm = variant_map(variants)
        group = vm.get(_variant_key(term))
        if group:
            targets |= set(variants.loc[variants["group"] == group, "variant"])
    patterns = sorted({tuple(_words(t)) for t in targets if _words(t)}, key=len, reverse=True)
    rows = []
    first_words = {p[0] for p in patterns}
    for aid, outlet, body in articles_iter(articles):
        lowered = body.lower()
        if not any(w in lowered for w in first_words):
            continue   # the term cannot occur: skip splitting the body into tokens
        toks = nftext.tokens(body, words_only=True)
        low = [t.lower() for t in toks]
        i = 0
        while i < len(low):
            hit = next((p for p in patterns if tuple(low[i:i + len(p)]) == p), None)
            if hit:
                rows.append({"outlet": outlet, "id": aid, "left": " ".join(toks[max(0, i - width):i]),
                             "match": " ".join(toks[i:i + len(hit)]),
                             "right": " ".join(toks[i + len(hit):i + len(hit) + width]), "term": term})
                i += len(hit)
            else:
                i += 1
    cols = ["outlet", "id", "left", "match", "right", "term"]
    out = pd.DataFrame(rows, columns=cols)
    if by == "outlet":
        return out
    return _groups.attach(out, articles, by)[[by] + cols]


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
    low = " ".join(_words(sentence))
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
    countries = _country_words()
    ents = set()
    for _, _, span in capitalised_spans(sentence, lowercase_vocab=lowercase_vocab):
        k = _variant_key(span)
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


# ----------------------------------------------------------------------------- digest
def outlet_digest(articles, *, variants: pd.DataFrame, spellings: pd.DataFrame, key: pd.DataFrame,
                  aligned: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """One row per outlet: spelling convention, the name spellings it uses where outlets differ,
    its most distinctive words (key, over-used, not from one article only) and its reused sentences.

    ``by``: the article column to summarise per group instead (``country``, a
    manifest column): one row per group, the first column named after ``by``;
    ``key`` must then be :func:`keyness` made with the same ``by``. A name
    spelling counts for every group whose articles use it; a reused sentence
    for the group of either article. ``articles`` (last column) counts the
    group's articles.
    """
    if by == "outlet":
        labels = [o for _, o, _ in articles_iter(articles)]
        group_of = dict(zip(articles["id"], labels))
    else:
        group_of = _group_of(articles, by)
        labels = [group_of.get(i, _groups.NOT_STATED) for i in articles["id"]]
        if not key.empty and by not in key.columns:
            raise KeyError(f"by={by!r}: the keyness table has no such column; make it with wording.keyness(..., by={by!r})")
    rows = []
    summ = spelling_summary(spellings, by=by, articles=articles).set_index(by) if not spellings.empty else pd.DataFrame()
    multi = variants
    if not variants.empty:  # groups written in at least two full spellings (not counting short forms, acronyms)
        full = variants[~variants["how"].isin(["short form", "acronym"])]
        n_full = full.groupby("group")["variant"].nunique()
        multi = full[full["group"].map(n_full) >= 2]
    spelled = defaultdict(set)   # group -> name spellings its articles use
    for r in (multi.itertuples() if not multi.empty else ()):
        for g in ({r.outlet} if by == "outlet" else
                  {group_of.get(i, _groups.NOT_STATED) for i in str(r.ids).split(", ") if i}):
            spelled[g].add(r.variant)
    if not aligned.empty and by != "outlet":
        aligned = aligned.assign(_group_a=aligned["a"].map(lambda i: group_of.get(i, _groups.NOT_STATED)),
                                 _group_b=aligned["b"].map(lambda i: group_of.get(i, _groups.NOT_STATED)))
    pair_cols = ("outlet_a", "outlet_b") if by == "outlet" else ("_group_a", "_group_b")
    for outlet, g in articles.assign(**{by: labels}).groupby(by):
        ids = sorted(g["id"])
        kv = key[(key[by] == outlet) & key["key"] & (key["direction"] == "over")] if not key.empty else key
        robust = kv[~kv["one_article_only"]] if not kv.empty else kv
        reused = aligned[(aligned[pair_cols[0]] == outlet) | (aligned[pair_cols[1]] == outlet)] if not aligned.empty else aligned
        rows.append({
            by: outlet, "ids": ", ".join(ids),
            "spelling": summ["convention"].get(outlet, "none met") if not summ.empty else "none met",
            "name spellings that differ": "; ".join(sorted(spelled.get(outlet, ()))),
            "key words (robust)": ", ".join(robust["term"].head(5)) if not robust.empty else "",
            "key words (one article)": ", ".join(kv[kv["one_article_only"]]["term"].head(5)) if not kv.empty else "",
            "reused sentences": len(reused),
            "articles": len(ids),
        })
    return pd.DataFrame(rows)
