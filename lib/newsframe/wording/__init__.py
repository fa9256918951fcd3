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

from .sentences import articles_iter, article_sentences
from .names import (NAME_MIN_RATIO, NEAR_VARIANT_MAX_EDITS, NAME_CONNECTORS, NAME_LABELS, skeleton, capitalised_spans,
    name_mentions, name_variants, VARIANT_GROUP_COLUMNS, variant_table, variant_map)
from .spelling import spelling_conventions, spelling_summary
from .keyness import (KEYNESS_MIN_FREQ, KEYNESS_MAX_P, log_likelihood, g2_p_value, log_ratio, term_counts, keyness,
    UNKNOWN_OUTLETS, keyness_from_counts, keyness_between, top_key_terms, merge_effect)
from .collocations import COLLOCATION_MIN_FREQ, collocations
from .concordance import CONCORDANCE_WIDTH, concordance
from .reuse import (NGRAM, MAX_POSTING, MIN_SENTENCE_WORDS, VERBATIM_MIN, EDITED_MIN, PARAPHRASE_MIN_DICE,
    PARAPHRASE_MIN_SIMILARITY, PARAPHRASE_MIN_SHARED, MIN_REUSED_SENTENCES, DEFAULT_REUSE_THRESHOLD, REPEAT_MIN_WORDS,
    REPEAT_MIN_CONTAINMENT, word_diff, content_set, reuse_kind, align_sentences, sentence_counts, score_sentence_pair,
    ALIGNED_COLUMNS, aligned_table, reuse_pairs, pair_scores, reuse_matrix, reuse_pairs_records, pair_records,
    repeated_passages)
from .divergence import (DIVERGENT_MIN_SHARED_ENTITIES, DIVERGENT_MAX_PAIRS, DIVERGENT_FOLLOW_UP, key_verbs, numbers,
    divergent_facts)
from .digest import outlet_digest
from .families import (HEATMAP_MAX_ARTICLES, FAMILY_COLUMNS, SUMMARY_COLUMNS, PAIR_COLUMNS, use_heatmap, wire_families,
    family_summary, ranked_pairs)
