"""newsframe: compare how news outlets covered the same story.

Raw web-page text dumps go in through :func:`load_corpus`; every analysis
(``framing``, ``wording``, ``timex``/``timeline``) takes the DataFrames it
returns, or plain strings, and returns DataFrames. Figures live in
:mod:`newsframe.plots`, exported reports in :mod:`newsframe.report`.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .corpus import load_corpus  # noqa: E402

__all__ = ["load_corpus", "__version__"]
