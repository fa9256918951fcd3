"""Text reuse: who carried the same copy, and how it was rewritten.

Sentences of different articles are paired when they share a word n-gram (:data:`NGRAM`) or enough
content words, scored with difflib's word-level ``SequenceMatcher`` ratio and labelled *verbatim*,
*edited* or *paraphrase*, the three levels of derivation used for the METER corpus of wire copy reuse
(Clough, Gaizauskas, Piao and Wilks 2002: wholly, partially, non-derived). Each pair gets a word diff
(:func:`word_diff`: added, removed, replaced words). Greedy one-to-one matching (best similarity first)
per article pair (:func:`align_sentences`); :func:`reuse_pairs` and :func:`reuse_matrix` sum it per
article pair and per outlet pair; :func:`repeated_passages` finds passages repeated across pages (site
templates that the cleaner kept). For corpora too large for memory, the index of
:func:`newsframe.scale.reuse.corpus_reuse` applies the same rule. What this cannot do: tell a paraphrase
from two reports of the same press release.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations

import pandas as pd

from .. import groups as _groups
from .. import text as nftext
from .sentences import WORD_RUN, article_sentences, articles_iter, match_words


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


def align_sentences(articles, *, min_kind: str = "paraphrase", sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reused sentences across articles, one row per aligned pair (one-to-one per article pair).

    Columns: ``a, b`` (article ids), ``outlet_a, outlet_b``, ``sent_a, sent_b``
    (sentence numbers), ``a_text, b_text``, ``similarity`` (word-level ratio),
    ``dice`` (content-word overlap), ``kind`` (verbatim / edited / paraphrase),
    ``removed, added, replaced, marked`` (see :func:`word_diff`).
    ``min_kind="edited"`` leaves paraphrases out. ``sentences``: the corpus's
    :func:`newsframe.text.sentence_table` (the bodies are not split again).
    """
    sents = article_sentences(articles, sentences=sentences)
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
                if len(WORD_RUN.findall(text)) < REPEAT_MIN_WORDS:
                    continue   # too few words to hold a repeated passage (menus, buttons): never matched
                for s in nftext.sentences(nftext.normalize(text)):
                    units.append((r.label, int(r.line_no), s.strip(" •")))
        words = [match_words(u[2]) for u in units]
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
