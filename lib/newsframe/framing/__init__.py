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
  :func:`newsframe.reading.meta.find_credits` and ``data/agencies.csv``.
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

from .lexicons import frames_table, frame_lexicon, reporting_verbs, find_countries
from .people import people
from .sentences import body_sentences, UNKNOWN_OUTLET, quote_spans, paragraphs
from .attribution import (MAX_SOURCE_WORDS, SOURCE_TYPES, SOURCE_TYPE_LABELS, PRONOUNS, PERSON_PRONOUNS, DETERMINERS,
    QUANTIFIERS, STOP_AFTER_SOURCE, source_type, attributions, quote_groups)
from .sources import sources, SOURCE_OWN_COLUMNS, source_summary, verb_choices, sources_by_country
from .quotes import quotations, words_quoted, QUOTE_KINDS, quotes_by_group, quotes_for_text, quotes_jsonl
from .speech import ATTRIBUTION_TYPES, reported_speech, quoted_only_span, SPEECH_COLUMNS, speech, speech_by_group
from .wire import wire_dependence, wire_summary, MAX_AGENCIES, wire_by_group
from .frames import frame_cues, frame_salience, outlet_frame_matrix, outlet_frame_cues
from .tone import (POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD, ADJUST_TONE_BY_DEFAULT, MAX_DRIVERS, vader_with_drivers,
    sentence_tone, tone_by_article, tone_by_target, TONE_TARGET_COLUMNS, target_tone, same_person_names,
    target_tone_by_group)
from .context import SAME_STORY_MIN_SHARED, CONTEXT_LABELS, page_context, page_context_summary, page_context_counts
from .digest import article_digest, explain_article, tone_comparison
