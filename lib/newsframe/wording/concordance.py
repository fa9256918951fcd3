"""Concordance: the same term in each outlet's words.

Keyword-in-context lines, one per occurrence, with outlet and article id, like NLTK's
``ConcordanceIndex`` but for multi-word terms and with all variants of a name (:mod:`.names`), so
"Yoon" finds "Yoon Suk Yeol" and "Yoon Suk-yeol" too.
"""
from __future__ import annotations

import pandas as pd

from .. import groups as _groups
from .. import text as nftext
from .sentences import articles_iter, word_tokens
from .names import variant_key, variant_map

CONCORDANCE_WIDTH = 8           # words of context either side


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
        group = vm.get(variant_key(term))
        if group:
            targets |= set(variants.loc[variants["group"] == group, "variant"])
    patterns = sorted({tuple(word_tokens(t)) for t in targets if word_tokens(t)}, key=len, reverse=True)
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
