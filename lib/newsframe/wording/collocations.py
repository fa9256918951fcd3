"""Collocations: which words travel together.

NLTK's ``BigramCollocationFinder`` over the body words, scored by pointwise mutual information and by
the likelihood ratio (Manning and Schuetze 1999, *Foundations of Statistical NLP*, ch. 5), for the whole
corpus or per outlet; pairs met fewer than :data:`COLLOCATION_MIN_FREQ` times are left out, since PMI
overrates rare pairs.
"""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

from .. import groups as _groups
from .. import text as nftext
from .sentences import articles_iter, word_tokens

COLLOCATION_MIN_FREQ = 2        # bigram must occur this often


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
    group_of = _groups.group_by_id(articles, by) if by not in (None, "outlet") else {}
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
                ws = word_tokens(sent)
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
