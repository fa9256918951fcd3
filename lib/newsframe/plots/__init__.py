"""One look for every figure: style, outlet colours, captions, saving.

Every plot function in newsframe takes ``ax=None`` and returns the figure,
states its question in the title, labels both axes, and is saved through
:func:`save_figure` as PNG and SVG under ``figures/``. Colours per outlet are
fixed (:func:`outlet_colors`) so an outlet looks the same in every notebook.
matplotlib only; no seaborn.
"""
from __future__ import annotations

from .style import (PALETTE, LABEL_COLORS, STYLE, use_style, MAX_COLORS, MAX_ROWS, MAX_PIXELS, MAX_INCHES, OTHER_COLOR,
    outlet_colors, group_colors, bounded_figsize, top_rows, outlet_label, new_axes, add_caption, save_figure, png_dpi,
    SOURCE_LABEL_WIDTH)
from .corpus import line_labels_chart
from .timing import (MAX_EVENT_DOTS, MAX_EVENT_LABELS, MAX_MARKED_EVENTS, STRIP_ARTICLES, STRIP_BINS,
    PUBLICATION_COLOR, UNCOLORED_MARKER, event_timeline_chart, TOP_LABEL_ROOM, outlet_timeline_chart, lag_chart,
    MAX_COVERAGE_EVENTS, COVERAGE_DAYS, coverage_chart, background_chart)
from .framing import (SOURCE_TYPE_COLORS, TOPIC_COLORS, MAX_TARGETS, MAX_DOT_SENTENCES, FOLDED_COLOR,
    sources_by_type_chart, SPEECH_TYPE_COLORS, speech_types_chart, sources_by_country_chart, frame_heatmap,
    tone_by_target_chart, page_context_chart)
from .wording import (BRITISH_COLOR, AMERICAN_COLOR, KEYNESS_MAX_PANELS, spelling_chart, keyness_chart, reuse_heatmap,
    MAX_PAIR_BARS, wire_family_chart, reuse_pairs_chart)
