"""Direct quotations and who gets them.

:func:`quotations` takes the quote spans of each paragraph (:func:`newsframe.framing.sentences.quote_spans`)
and gives each the speaker of the attribution of its sentence, or of the sentence next to it; a quote
broken by its attribution (``"From now on," he said, "I hope..."``) has one speaker for both parts. A
quote is ``direct`` (attributed), ``mixed`` (a quoted fragment inside reported speech) or
``unattributed``. :func:`quotes_by_group` and :func:`words_quoted` count quotes and quoted words per
group and speaker; ``python -m newsframe quotes`` writes them as JSONL (:func:`quotes_jsonl`).
"""
from __future__ import annotations

import re

import pandas as pd

from .. import groups
from ..text import normalize
from .sentences import articles_iter, quote_spans
from .attribution import attributions
from .sources import SOURCE_OWN_COLUMNS
from .speech import reported_speech


# ----------------------------------------------------------------- quotations
def quotations(articles, *, extra_verbs=None, attr: pd.DataFrame | None = None,
               sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Direct quotations with their speaker, one row per quoted span.

    Columns: ``id, outlet, paragraph, quote, speaker, speaker_person,
    source_type, country, cue, kind, words, nested, start, end`` (offsets into
    ``body``). ``kind``: ``direct`` (the quote is the reported speech, ``"...,"
    he said``), ``mixed`` (a quoted fragment inside reported speech),
    ``unattributed`` (scare quotes, titles, or a speaker the rules cannot find;
    ``speaker`` is empty). Quotes broken by the attribution share the speaker;
    ``nested`` lists single-quoted text inside the quote.
    """
    if attr is None:
        attr = attributions(articles, extra_verbs=extra_verbs, sentences=sentences)
    rows = []
    sentences_of = groups.records_by_article(attr, ("start", "end", "attributed", "paragraph", "candidates"))
    for art in articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        a = sentences_of.get(art.id, [])
        for m in re.finditer(r"[^\n]+", body):
            para = m.group(0)
            spans = quote_spans(para)
            top = [sp for sp in spans if sp["level"] == 1]
            for sp in top:
                qs, qe = m.start() + sp["start"], m.start() + sp["end"]
                quote = body[qs:qe]
                nested = [para[n["start"]:n["end"]] for n in spans if n["level"] == 2 and sp["start"] <= n["start"] < sp["end"]]
                # the sentence holding the end of the quote, then the start
                hold = [r for r in a if r["start"] <= qe <= r["end"]]
                if not any(r["attributed"] for r in hold):
                    hold = [r for r in a if r["start"] <= qs < r["end"]]
                r = hold[0] if hold else None
                attributed = r is not None and bool(r["attributed"])
                kind = "unattributed"
                c = None
                if attributed:
                    c = _nearest_candidate(r["candidates"], qs, qe)
                    sent_quotes = [(m.start() + t["start"], m.start() + t["end"]) for t in top
                                   if m.start() + t["start"] < int(r["end"]) and m.start() + t["end"] > int(r["start"])]
                    sent_quotes = sent_quotes or [(qs, qe)]
                    kind = _quote_kind(body, int(r["start"]), int(r["end"]), qs, qe, c, sent_quotes)
                if len(quote.split()) <= 2 and not attributed:
                    kind = "unattributed"
                c = c or {}
                rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""), "paragraph": int(r["paragraph"]) if r is not None else None,
                             "quote": quote.strip(), "speaker": c.get("source"),
                             "speaker_person": c.get("source_person"), "source_type": c.get("source_type"),
                             "country": c.get("country"), "cue": c.get("cue"), "kind": kind,
                             "words": len(re.findall(r"[\w][\w'-]*", quote)), "nested": nested,
                             "start": qs, "end": qe,
                             "speaker_start": c.get("source_start"), "speaker_end": c.get("source_end")})
    cols = ["id", "outlet", "paragraph", "quote", "speaker", "speaker_person", "source_type", "country", "cue", "kind",
            "words", "nested", "start", "end", "speaker_start", "speaker_end"]
    return pd.DataFrame(rows, columns=cols)


def _nearest_candidate(cands: list[dict], qs: int, qe: int) -> dict:
    """The attribution candidate closest to a quote (its cue right after the quote or just before it)."""
    def dist(c):
        if c["cue_start"] >= qe:
            return c["cue_start"] - qe
        if c["cue_end"] <= qs:
            return qs - c["cue_end"]
        return 0
    return min(cands, key=lambda c: (dist(c), c["pattern"] == "according to SOURCE"))


def _quote_kind(body: str, s_start: int, s_end: int, qs: int, qe: int, c: dict, sent_quotes) -> str:
    """direct: the quote is the reported speech itself; mixed: a quoted fragment inside reported speech."""
    first = sent_quotes[0]
    attribution = (min(c["source_start"], c["cue_start"]), max(c["source_end"], c["cue_end"]))
    def only_attribution(a: int, b: int) -> bool:
        rest = normalize(body[a:b])
        rest = rest[:max(0, attribution[0] - a)] + rest[max(0, attribution[1] - a):] if a <= attribution[0] < b else rest
        return re.fullmatch(r"[\s\",:;.]*(?:that\s*)?[\s\",:;.]*", rest or "") is not None
    pre = normalize(body[s_start:max(s_start, first[0] - 1)])
    sentence_opens_with_quote = pre.strip() == ""
    introduced = only_attribution(s_start, first[0] - 1) and attribution[1] <= first[0]
    if not (sentence_opens_with_quote or introduced):
        return "mixed"
    # every gap between the quotes of the sentence is only the attribution (a quote broken by it)
    for (a1, b1), (a2, b2) in zip(sent_quotes, sent_quotes[1:]):
        if not only_attribution(b1 + 1, a2 - 1):
            return "mixed"
    return "direct"


def words_quoted(quotes: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Words quoted per speaker and group (direct and mixed quotes), largest first.

    ``by`` is the article column forming the groups; taken from ``articles``
    when ``quotes`` lacks it.
    """
    quotes = groups.attach_article_group(quotes, articles, by, own=SOURCE_OWN_COLUMNS)
    q = quotes[quotes["kind"].isin(["direct", "mixed"])].copy()
    if q.empty:
        return pd.DataFrame(columns=[by, "speaker", "source_type", "quotes", "words", "ids"])
    q["speaker"] = q["speaker_person"].fillna(q["speaker"])
    g = q.groupby([by, "speaker", "source_type"]).agg(quotes=("quote", "size"), words=("words", "sum"),
                                                      ids=("id", lambda s: ", ".join(sorted(set(s)))))
    return g.reset_index().sort_values("words", ascending=False).reset_index(drop=True)


QUOTE_KINDS = ("direct", "mixed", "unattributed")


def quotes_by_group(quotes: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: how many quotations of each kind, and how many words are quoted with a speaker.

    ``quotes`` is :func:`quotations`; ``by`` the article column forming the
    groups (taken from ``articles`` when ``quotes`` lacks it). Columns:
    ``<by>, articles, with_quotes, quotes, direct, mixed, unattributed, words,
    unattributed_words`` (``words``: in direct and mixed quotes, as
    :func:`words_quoted`). With ``articles`` every group of the corpus is a
    row, groups without a quotation included, and ``articles`` counts the
    group's articles; without it, ``articles`` counts the articles in
    ``quotes``. Largest groups first.
    """
    quotes = groups.attach_article_group(quotes, articles, by, own=SOURCE_OWN_COLUMNS)
    cols = [by, "articles", "with_quotes", "quotes", *QUOTE_KINDS, "words", "unattributed_words"]
    q = quotes.assign(_kind=quotes["kind"].where(quotes["kind"].isin(QUOTE_KINDS), "unattributed"))
    q["_group"] = groups.clean_values(q[by]).to_numpy()
    q["_words"] = pd.to_numeric(q["words"], errors="coerce").fillna(0).astype(int)
    kinds = pd.crosstab(q["_group"], q["_kind"]).reindex(columns=list(QUOTE_KINDS), fill_value=0)
    out = pd.DataFrame(index=kinds.index)
    out["with_quotes"] = q.groupby("_group")["id"].nunique()
    out["quotes"] = kinds.sum(axis=1)
    out = out.join(kinds)
    spoken = q["_kind"] != "unattributed"
    out["words"] = q[spoken].groupby("_group")["_words"].sum().reindex(out.index, fill_value=0)
    out["unattributed_words"] = q[~spoken].groupby("_group")["_words"].sum().reindex(out.index, fill_value=0)
    if articles is not None and by in articles.columns:
        sizes = pd.Series(list(articles["id"]), index=groups.clean_values(articles[by]).to_numpy()).groupby(level=0).nunique()
    else:
        sizes = out["with_quotes"]
    out = out.reindex(out.index.union(sizes.index), fill_value=0)
    out["articles"] = sizes.reindex(out.index).fillna(out["with_quotes"])
    out = out.rename_axis(by).reset_index()
    if out.empty:
        return pd.DataFrame(columns=cols)
    out = out[cols].astype({c: int for c in cols[1:]})
    return out.sort_values(["articles", "quotes", by], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def quotes_for_text(text: str, *, extra_verbs=None) -> list[dict]:
    """Quotes and reported speech of one text in the CLI format (``python -m newsframe quotes``):
    :func:`reported_speech`. Each dict has ``start, end, speaker, speaker_start, speaker_end, cue,
    cue_start, cue_end, type`` (direct, indirect, mixed; also as ``kind``, its former name),
    ``content_spans``, ``speaker_ref`` and ``source_type``. Quotes without a speaker (scare quotes,
    titles) are left out."""
    return reported_speech(text, extra_verbs=extra_verbs)


def quotes_jsonl(in_path, out_path, *, extra_verbs=None) -> tuple[int, int]:
    """Run :func:`quotes_for_text` over a JSON-lines file (the ``python -m newsframe quotes`` command).

    Input lines ``{"id", "text"}``; output lines ``{"id", "quotes": [...]}``. A
    malformed line (not JSON, or without a string ``text``) gives a warning
    naming its line number and is skipped; the rest is processed. Returns
    (lines written, lines skipped).
    """
    import json
    import warnings
    from pathlib import Path

    written = skipped = 0
    with open(in_path, encoding="utf-8") as fin, open(out_path, "w", encoding="utf-8") as fout:
        for n, line in enumerate(fin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError("'text' is not a string")
            except (ValueError, KeyError, TypeError) as err:
                warnings.warn(f"{Path(in_path).name}: line {n} skipped ({type(err).__name__}: {err})", stacklevel=2)
                skipped += 1
                continue
            fout.write(json.dumps({"id": item.get("id"), "quotes": quotes_for_text(text, extra_verbs=extra_verbs)},
                                  ensure_ascii=False) + "\n")
            written += 1
    return written, skipped
