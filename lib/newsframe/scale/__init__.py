"""Scale: corpora larger than memory, built once into Parquet and read back in parts.

* :mod:`.engine`: ``python -m newsframe build`` (:func:`build`): the reading of
  :mod:`newsframe.reading` (and, with ``analyses=True``, time expressions, attributions and frame cues)
  run in partitions on all cores or a Dask cluster, written as Parquet parts with the line audit,
  duplicates and per-outlet term counts; :func:`read_built_table` and :func:`corpus_term_counts` read
  them back without holding the corpus;
* :mod:`.reuse`: :func:`corpus_reuse`, the sentence reuse of :mod:`newsframe.wording` over a built
  corpus of any size (an n-gram index in partitions on disk).

Measured sizes and times (1,000 to 100,000 pages): docs/BENCHMARKS.md.
"""
from __future__ import annotations

from .engine import ANALYSES, analysis_tables, build, corpus_term_counts, read_built_table, term_counts
from .reuse import corpus_reuse
