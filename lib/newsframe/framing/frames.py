"""Frames: which way of seeing the story leads, by a dictionary method.

Cue words and phrases (``data/framing_cues.csv``) point to six frames (``data/frames.csv``, adapted from
the Policy Frames Codebook of Boydstun et al. 2014, with Entman 1993 for a frame as selection and
salience). :func:`frame_cues` lists every cue found, :func:`frame_salience`
gives a frame's salience as the share of an article's sentences with at least one of its cues (the
headline counted), and :func:`outlet_frame_matrix` averages it per group. Dictionary methods count
words, not meaning: a cue in a negated or quoted sentence counts the same (see the limits in
notebook 01).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from .. import groups
from ..stored import reads_stored
from ..text import normalize, sentences_by_article, sentences_of
from .lexicons import compile_cues, cues_in, frame_lexicon, match_cues
from .sentences import articles_iter


# ----------------------------------------------------------------- frames
@reads_stored("frame_cues", depends_on=("body", "headline", "outlet"))
def frame_cues(articles, *, extra_cues: dict | None = None, include_headline: bool = True,
               sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every frame cue found: one row per (sentence, cue). ``extra_cues`` = {frame: [cue, ...]}.

    Columns ``id, outlet, part (headline/body), paragraph, sentence, frame,
    cue, start, end, text``. Cues match whole words (see ``data/framing_cues.csv``).
    """
    compiled = compile_cues(frame_lexicon(extra_cues))
    given = sentences_by_article(sentences)
    rows = []
    for art in articles_iter(articles):
        outlet = getattr(art, "outlet", "")
        parts = []
        head = getattr(art, "headline", None)
        if include_headline and isinstance(head, str) and head.strip():
            parts.append(("headline", [{"paragraph": None, "sentence": None, "start": 0, "end": len(head), "text": head}], head))
        body = art.body if isinstance(art.body, str) else ""
        parts.append(("body", sentences_of(given, art.id, body), body))
        for part, sents, src in parts:
            nsrc = normalize(src) if len(normalize(src)) == len(src) else src
            present = cues_in(nsrc, compiled)   # (in the order of compiled: longest first)
            for s in sents:
                for frame, cue, a, b in match_cues(nsrc[s["start"]:s["end"]], present):
                    rows.append({"id": art.id, "outlet": outlet, "part": part, "paragraph": s["paragraph"],
                                 "sentence": s["sentence"], "frame": frame, "cue": cue.lower(),
                                 "start": s["start"] + a, "end": s["start"] + b, "text": s["text"]})
    return pd.DataFrame(rows, columns=["id", "outlet", "part", "paragraph", "sentence", "frame", "cue", "start", "end", "text"])


def _dominant_frame(frames: list[str]) -> str:
    """The frame with most cues among ``frames`` (one per cue), ties joined by ``+``; ``none`` without cues."""
    if not frames:
        return "none"
    n = Counter(frames)
    most = max(n.values())
    return "+".join(sorted(f for f, k in n.items() if k == most))


def frame_salience(articles, *, extra_cues: dict | None = None, cues: pd.DataFrame | None = None,
                   sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame: sentences with a cue, salience (share of body sentences), the cues found.

    Also per article the frame of the headline and of the lead paragraph (the
    frame with most cues there; ties joined by ``+``; ``none`` without cues).
    """
    cues = frame_cues(articles, extra_cues=extra_cues, sentences=sentences) if cues is None else cues
    given = sentences_by_article(sentences)
    frames = list(frame_lexicon(extra_cues))
    rows = []
    cues_of = groups.records_by_article(cues, ("part", "paragraph", "frame", "sentence", "cue"))
    for art in articles_iter(articles):
        c = cues_of.get(art.id, [])
        body_c = [r for r in c if r["part"] == "body"]
        n_sent = len(sentences_of(given, art.id, art.body))
        head = [r["frame"] for r in c if r["part"] == "headline"]
        lead = [r["frame"] for r in body_c if r["paragraph"] == 0]
        has_headline = isinstance(getattr(art, "headline", None), str)
        for f in frames:
            fc = [r for r in body_c if r["frame"] == f]
            n_with = len({r["sentence"] for r in fc if not pd.isna(r["sentence"])})
            rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "frame": f, "sentences": n_sent,
                         "sentences_with_cue": n_with, "salience": round(n_with / n_sent, 3) if n_sent else 0.0,
                         "cues": ", ".join(f"{k} ({v})" for k, v in Counter(r["cue"] for r in fc).most_common()),
                         "headline_frame": _dominant_frame(head) if has_headline else "no headline",
                         "lead_frame": _dominant_frame(lead)})
    return pd.DataFrame(rows, columns=["id", "outlet", "frame", "sentences", "sentences_with_cue", "salience", "cues",
                                       "headline_frame", "lead_frame"])


def outlet_frame_matrix(salience: pd.DataFrame, *, by: str = "outlet",
                        articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group x frame: share of the group's body sentences that carry the frame (pooled over articles).

    ``by`` is the article column forming the groups (rows, index named
    ``by``), taken from ``articles`` when ``salience`` lacks it. The body
    sentences and articles of each group are in ``matrix.attrs["sentences"]``
    and ``matrix.attrs["articles"]`` (dicts group -> count), which
    :func:`newsframe.plots.frame_heatmap` uses to show the largest groups.
    """
    if salience.empty:
        return pd.DataFrame()
    salience = groups.attach_article_group(salience, articles, by)
    g = salience.groupby([by, "frame"])[["sentences_with_cue", "sentences"]].sum()
    m = (g["sentences_with_cue"] / g["sentences"].where(g["sentences"] > 0)).unstack("frame").fillna(0).round(3)
    per_article = salience.drop_duplicates("id")
    m.attrs = {"sentences": {k: int(v) for k, v in per_article.groupby(by)["sentences"].sum().items()},
               "articles": {k: int(v) for k, v in per_article.groupby(by)["id"].size().items()}}
    return m


def outlet_frame_cues(cues: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cue words behind each group x frame cell (with counts), the table next to the heatmap.

    ``by`` is the article column forming the groups, taken from ``articles`` when ``cues`` lacks it.
    """
    cues = groups.attach_article_group(cues, articles, by)
    b = cues[cues["part"] == "body"]
    if b.empty:
        return pd.DataFrame(columns=[by, "frame", "n", "cues"])
    g = b.groupby([by, "frame"]).agg(n=("cue", "size"),
                                     cues=("cue", lambda s: ", ".join(f"{k} ({v})" for k, v in Counter(s).most_common())))
    return g.reset_index()
