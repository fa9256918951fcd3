"""Event timing: when did it happen, and how late did each outlet report it? (notebook 03)

The questions of the timing notebook, one module each:

* :mod:`.timex` (with :mod:`.timex_patterns` and :mod:`.timex_values`): time expressions in English
  news, tagged and normalised to TimeML TIMEX3 values against the publication date
  (:func:`find_timexes`: "on Thursday" in a story of Saturday 2023-03-18 is ``2023-03-16``);
* :mod:`.events`: event mentions (a dated sentence with a trigger word) and events (mentions of
  different articles with compatible dates and shared words), with readable labels;
* :mod:`.news_events`: news or background; the news event each article reports, how undated
  articles were dated, and which history each group recalls;
* :mod:`.lags`: how late each group reported each news event;
* :mod:`.orientation`: how far back each outlet reaches, and "the first in N years" claims;
* :mod:`.clocks`: three clocks per page (event, publication, capture time).

Every public function is importable from here (``newsframe.timing.article_events``); the figures are
in :mod:`newsframe.plots`, the measured accuracy in docs/BENCHMARKS.md.
"""
from __future__ import annotations

from .timex_patterns import TYPES, POD_SUFFIXES, PAST_MAX_DAYS, SENTENCE_WINDOW
from .timex_values import FISCAL_PREFIX
from .timex import WINDOW_BEFORE, WINDOW_AFTER, TRIGGER_KINDS, MISC_TRIGGERS, RULE_NEEDS, find_timexes
from .events import (MIN_SHARED_WORDS, LABEL_PARTICIPANTS, GRANULARITY_ORDER, triggers, granularity, period_start,
    compatible, participants, timex_table, event_mentions, MENTION_BLOCK, events, readable_label, ROLE_NEWS,
    ROLE_BACKGROUND)
from .lags import reporting_lag, NEWS_WINDOW_DAYS, lag_summary, shared_events
from .news_events import (NEWS_PAST_DAYS, NEWS_AHEAD_DAYS, LEDE_PARAGRAPHS, SAME_STORY_MIN_SHARED, mention_roles,
    event_kinds, dated_articles, news_mentions, article_events, dating_summary, background_years)
from .orientation import NEWS_DAY_WINDOW_DAYS, SAVED_LATE_DAYS, temporal_orientation, first_in_years_claims
from .clocks import page_clocks
