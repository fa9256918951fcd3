"""newsframe: compare how news outlets covered the same story.

Raw web-page text dumps go in through :func:`load_corpus` (:mod:`newsframe.reading`); every analysis
(:mod:`newsframe.framing`, :mod:`newsframe.wording`, :mod:`newsframe.timing`) takes the DataFrames it
returns, or plain strings, and returns DataFrames. Corpora larger than memory are built with
:mod:`newsframe.scale`. Figures live in :mod:`newsframe.plots`, exported reports in
:mod:`newsframe.report`. docs/ARCHITECTURE.md shows the layers.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

__version__ = "0.1.0"

from .reading.corpus import load_corpus  # noqa: E402

__all__ = ["load_corpus", "__version__"]

# Module paths of the flat package before issue 18 split it into packages, and where each module is
# now: ``import newsframe.timeline`` or ``from newsframe.corpus import read_page`` keep working, so
# notebooks and code written against the old paths run unchanged (public names only).
MOVED_MODULES = {
    "corpus": "reading.corpus", "clean": "reading.clean", "meta": "reading.meta", "dedup": "reading.dedup",
    "formats": "reading.formats", "page_fields": "reading.page_fields", "decoding": "reading.decoding",
    "engine": "scale.engine", "reuse": "scale.reuse", "families": "wording.families",
    "timeline": "timing", "timex": "timing.timex",
}


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports ``newsframe.<old name>`` as the module of :data:`MOVED_MODULES` (the same object)."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package == __name__ and name in MOVED_MODULES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module(f"{__name__}.{MOVED_MODULES[spec.name.rpartition('.')[2]]}")

    def exec_module(self, module):
        pass   # the module it stands for is loaded already


if not any(isinstance(f, _MovedModuleFinder) for f in sys.meta_path):
    sys.meta_path.append(_MovedModuleFinder())
