"""Plain words: each article in one line, one article's evidence, tone compared.

:func:`article_digest` sums up each article (whose copy, who speaks, which frame leads, what tone) for
the notebook's preview; :func:`explain_article` lists, for one article, the sentences behind those
figures, so every number can be traced to its words; :func:`tone_comparison` scores a few sentences
with and without the domain adjustment, to show what a dictionary method misreads.
"""
from __future__ import annotations

import pandas as pd

from .. import groups
from .attribution import named_speakers
from .sentences import articles_iter
from .wire import wire_dependence
from .tone import format_drivers, vader_with_drivers


# ----------------------------------------------------------------- plain words
def article_digest(articles, attr: pd.DataFrame, salience: pd.DataFrame, tone: pd.DataFrame,
                   credits: pd.DataFrame | None = None, *, by: str = "outlet") -> pd.DataFrame:
    """One row per article in plain words: whose copy, who speaks, which frame leads, what tone.

    ``by`` (an article column forming the groups, e.g. ``country``) adds that
    column after ``outlet`` when it is not ``outlet``.
    """
    credits = wire_dependence(articles) if credits is None else credits
    rows = []
    attr_of = groups.split_by_article(attr, ("attributed", "source", "source_person", "source_type"))
    salience_of = groups.split_by_article(salience, ("frame", "salience", "headline_frame", "lead_frame"))
    tone_of = groups.split_by_article(tone, ("compound",))
    credits_of = groups.records_by_article(credits, ("agency",))
    empty_attr, empty_salience, empty_tone = attr.iloc[:0], salience.iloc[:0], tone.iloc[:0]
    for art in articles_iter(articles):
        sentences = attr_of.get(art.id, empty_attr)
        a = sentences[sentences["attributed"]]
        s = salience_of.get(art.id, empty_salience)
        t = tone_of.get(art.id, empty_tone)
        c = credits_of.get(art.id, [])
        top = s.sort_values("salience", ascending=False).head(2)
        speakers = main_speakers(a)
        rows.append({
            "id": art.id, "outlet": getattr(art, "outlet", ""),
            "copy from": ", ".join(dict.fromkeys(r["agency"] for r in c)) or "no credit found",
            "sentences": len(sentences), "attributed": len(a),
            "anonymous": int((a["source_type"] == "anonymous").sum()),
            "main speakers": ", ".join(f"{k} ({v})" for k, v in speakers.items()) or "none found",
            "top frames": ", ".join(f"{f} {v:.0%}" for f, v in zip(top["frame"], top["salience"]) if v > 0) or "none",
            "headline frame": s["headline_frame"].iloc[0] if len(s) else "",
            "lead frame": s["lead_frame"].iloc[0] if len(s) else "",
            "mean tone": round(float(t["compound"].mean()), 2) if len(t) else None,
        })
    return groups.with_group_column(pd.DataFrame(rows), articles, by)


def main_speakers(attributed: pd.DataFrame, n: int = 3) -> pd.Series:
    """The ``n`` sources an article's attributed sentences name most, with their counts
    (:func:`named_speakers`: a pronoun counts as the person it was resolved to, an unresolved one is left out)."""
    return named_speakers(attributed["source_person"].fillna(attributed["source"])).value_counts().head(n)


def explain_article(article_id: str, attr: pd.DataFrame, cues: pd.DataFrame, tone: pd.DataFrame) -> pd.DataFrame:
    """Every body sentence of one article with what each method saw in it: source, frame cues, tone drivers.

    The table to read when judging a dictionary method: a cue word may be there
    for another reason ("security" in a treaty's name), a tone driver may be
    used in another sense ("forced labor" is not forceful).
    """
    a = attr[attr["id"] == article_id][["sentence", "paragraph", "text", "source", "source_type", "cue"]]
    c = cues[(cues["id"] == article_id) & (cues["part"] == "body")]
    frames = c.groupby("sentence").apply(lambda g: ", ".join(f"{f}: {w}" for f, w in zip(g["frame"], g["cue"])),
                                          include_groups=False) if len(c) else pd.Series(dtype=str)
    t = tone[tone["id"] == article_id].set_index("sentence")
    out = a.copy()
    out["frame cues"] = out["sentence"].map(frames).fillna("")
    out["tone"] = out["sentence"].map(t["compound"]) if len(t) else None
    out["tone drivers"] = out["sentence"].map(t["drivers"]).fillna("") if len(t) else ""
    return out.reset_index(drop=True)


def tone_comparison(texts) -> pd.DataFrame:
    """VADER alone versus VADER + the phrase adjustment, with the drivers of each, for a list of sentences."""
    rows = []
    for text in ([texts] if isinstance(texts, str) else texts):
        raw = vader_with_drivers(text, adjust=False)
        adj = vader_with_drivers(text, adjust=True)
        rows.append({"text": text, "vader": raw["compound"], "vader label": raw["label"],
                     "vader drivers": format_drivers(raw["drivers"]), "adjusted": adj["compound"],
                     "adjusted label": adj["label"], "adjusted drivers": format_drivers(adj["drivers"])})
    return pd.DataFrame(rows)
