"""Articles, sentences and words as every wording analysis reads them.

Text goes through the shared layer :mod:`newsframe.text` (one normalisation: curly quotes made
straight, typographic hyphens made ASCII, case folded for counting; NLTK Punkt sentences and a regexp
tokenizer, no downloaded data). :func:`articles_iter` gives ``(id, outlet, normalised body)``,
:func:`article_sentences` one record per sentence with its words for matching (:func:`match_words`:
hyphenated words split, so "Suk-yeol" and "Suk Yeol" are the same words).
"""
from __future__ import annotations

import re

import pandas as pd

from .. import text as nftext


# ----------------------------------------------------------------------------- helpers
def articles_iter(articles):
    for rec in articles.to_dict(orient="records"):
        outlet = rec.get("outlet")
        if not isinstance(outlet, str) or not outlet:
            outlet = f"outlet unknown ({rec['id']})"
        yield rec["id"], outlet, nftext.normalize(rec.get("body") or "")


def word_tokens(text: str) -> list[str]:
    return nftext.tokens(text, lower=True, words_only=True)


def match_words(text: str) -> list[str]:
    """Words for comparing sentences: lower case, hyphenated words split ("Suk-yeol" = "Suk Yeol",
    "intelligence-sharing" = "intelligence sharing"), so spelling of compounds is not a change."""
    return [p for t in word_tokens(text) for p in t.split("-") if p]


def article_sentences(articles, *, sentences: pd.DataFrame | None = None) -> list[dict]:
    """One record per sentence of every (normalised) body: ``id, outlet, sent_no, text, words``.

    ``sentences``: the corpus's :func:`newsframe.text.sentence_table`; an article's sentences are then
    taken from it (its spans point into the normalised body too, which has the same length) instead
    of splitting the body again."""
    given = nftext.sentences_by_article(sentences)
    raw = dict(zip(articles["id"], articles["body"])) if given else {}
    rows = []
    for aid, outlet, body in articles_iter(articles):
        original = raw.get(aid)
        if given and isinstance(original, str) and len(original) == len(body):
            texts = [body[r["start"]:r["end"]] for r in nftext.sentences_of(given, aid, original)]
        else:
            texts = nftext.sentences(body)
        for i, sent in enumerate(texts):
            sent = sent.strip()
            rows.append({"id": aid, "outlet": outlet, "sent_no": i, "text": sent, "words": match_words(sent)})
    return rows


WORD_RUN = re.compile(r"\w+")
