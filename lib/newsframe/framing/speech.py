"""Reported speech: direct, indirect and mixed, with source, cue and content spans.

:func:`reported_speech` marks, for each attribution, the source, the cue (reporting verb or phrase) and
the content as the text has them, following the PARC and PolNeAR annotation guidelines (Pareti 2016;
Newell, Margolin and Ruths 2018; docs/attribution_guidelines.md): ``direct`` when the content is all in
quotation marks, ``mixed`` when it is partly quoted, ``indirect`` when it is the reporter's paraphrase.
A pronoun source is kept as written with its referent in ``speaker_ref``. :func:`speech` gives one row
per attribution of a corpus and :func:`speech_by_group` the share of each kind per group: who is quoted
in their own words and who is paraphrased. Measured against the project's own gold (33 articles):
docs/BENCHMARKS.md.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

import pandas as pd

from .. import groups
from ..text import normalize
from .lexicons import reporting_verbs
from .sentences import articles_iter, quote_spans
from .attribution import attributions, forward_np, named_speakers, quote_groups
from .sources import SOURCE_OWN_COLUMNS

ATTRIBUTION_TYPES = ("direct", "indirect", "mixed")
_LISTENER_VERBS = frozenset({"tell", "assure", "reassure", "inform", "remind", "instruct"})   # X VERB listener CONTENT
# patterns whose source sits next to the cue (the attribution is one stretch of text: "Yoon said",
# "said a ministry official", "Chris Tang, the new commissioner, said"); in the others the source is the
# sentence's subject, far from the cue ("He denied the claims, saying ...")
_ADJACENT_PATTERNS = frozenset({"SOURCE VERB", "..., VERB SOURCE", "VERB by SOURCE", "SOURCE, APPOSITION, VERB",
                                "according to SOURCE", "in a statement"})
_AFTER_CUE = re.compile(   # what may follow the cue before the content: a channel, a time, "that", a colon
    r"(?:\s*,?\s*(?:in|at|during|on)\s+(?:a|an|the|his|her|its|their)\s+(?:joint\s+)?"
    r"(?:statement|interview|speech|press\s+release|press\s+conference|news\s+conference|briefing|post|"
    r"tweet|letter|op-ed|readout|email|message|video|broadcast|televised\s+address|address)"
    r"(?:\s+(?:on|with|to)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?"
    r"|\s*,?\s*(?:(?:late\s+|early\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?|last\s+(?:week|month|year)|earlier|later|"
    r"yesterday|today|on\s+Twitter|on\s+X))*(?:\s*,)?(?:\s+that\b)?\s*:?")
# a side that is only a circumstance of the speaking ("Okafor said to applause from the hall", "she said in
# response to a question", "officials said late Thursday"): the content is on the other side
_CIRCUMSTANCE = re.compile(
    r"(?:at|in|to|during|after|before|from|with|while|when|as|on|upon|outside|inside|ahead\s+of|following|"
    r"soon|shortly|late|early|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last|this|that|"
    r"yesterday|today|tonight|earlier|later|again|afterward|afterwards|recently|then)\b", re.I)
_EDGE_PUNCT = " \t\n,;:.-–—"
_ADVERBIAL = re.compile(r"(?:(?:In|On|At|After|Before|During|Under|Following|Asked|Speaking|Meanwhile|However|"
                        r"Separately|Earlier|Later|Still|Instead|Already|Also|But|And|Yet|Now|Then|Last|Since|"
                        r"Hours|Days|When|While|As)\b[^,]*)?,?", re.I)


# a dateline opening a paragraph: "SEOUL (Reuters) -", "Seoul [South Korea], March 19 (ANI):"
_DATELINE = re.compile(r"[A-Z][^\n.()]{0,60}?\((?:[A-Z][\w]*[ .&-]*){1,4}\)\s*[:\-–—]+\s*")


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without edge punctuation, a leading dateline and a leading "that"."""
    m = _DATELINE.match(text, s, e)
    if m and (s == 0 or text[s - 1] == "\n"):
        s = m.end()
    while s < e and text[s] in _EDGE_PUNCT:
        s += 1
    m = re.match(r"that\b\s*", text[s:e])
    if m:
        s += m.end()
    while e > s and text[e - 1] in _EDGE_PUNCT:
        e -= 1
    m = re.search(r"[\s,;]+(?:but|and|while|as|although|though|whereas)$", text[s:e])
    if m:   # ("to keep trying, but | the editor says ...": the conjunction joins the next attribution)
        e = s + m.start()
        while e > s and text[e - 1] in _EDGE_PUNCT:
            e -= 1
    return s, e


def _attribution_frame(nbody: str, c: dict, verbs: dict) -> tuple[int, int]:
    """The stretch of text that is the attribution itself (source, cue and what hangs on them: the
    listener of "told", a channel "in a statement", a time, "that"), not the content."""
    if c["pattern"] in _ADJACENT_PATTERNS:
        a, b = min(c["source_start"], c["cue_start"]), max(c["source_end"], c["cue_end"])
    else:
        a, b = c["cue_start"], c["cue_end"]
    if b == c["cue_end"]:
        if verbs.get(c["cue"], ("",))[0] in _LISTENER_VERBS:   # "told reporters", "assured the public"
            np_ = forward_np(nbody, b + len(nbody[b:]) - len(nbody[b:].lstrip(" ")))
            if np_ and np_[0] - b <= 1:
                b = np_[1]
        m = _AFTER_CUE.match(nbody, b)
        if m and m.end() > b and "\n" not in m.group(0):
            b = m.end()
    return a, b


def _quote_spans_of(nbody: str) -> list[tuple[int, int]]:
    """Top-level quoted spans of a body (inside the marks), in order."""
    out = []
    for m in re.finditer(r"[^\n]+", nbody):
        out += [(m.start() + sp["start"], m.start() + sp["end"]) for sp in quote_spans(m.group(0)) if sp["level"] == 1]
    return out


def _only_marks(text: str) -> bool:
    return re.fullmatch(r"[\s\"'“”‘’«»„‹›,.;:!?()\-–—]*", text) is not None


def reported_speech(text: str, *, extra_verbs=None) -> list[dict]:
    """Attributions of one text - direct quotes, reported (indirect) speech and mixed forms - each with
    its three spans as the text has them (PARC: Pareti 2016; PolNeAR: Newell, Margolin and Ruths 2018).

    Dicts ``type`` (direct: the content is a quotation; indirect: no quote marks; mixed: reported
    speech with quoted fragments), ``speaker, speaker_start, speaker_end`` (the source as written: a
    pronoun stays a pronoun), ``speaker_ref`` (the person a source names or a pronoun refers to, when
    the rules can tell), ``cue, cue_start, cue_end`` (the reporting verb or phrase), ``content_spans``
    (the reported material: the quoted words of a direct quote, both halves of a quote broken by its
    attribution and the continuing paragraphs of a long quote; the reported clause of indirect and
    mixed speech), ``start, end`` (from the first content span's start to the last one's end),
    ``source_type``. Offsets are character offsets into ``text``, ends exclusive.
    """
    arts = pd.DataFrame({"id": ["t"], "outlet": [""], "body": [text]})
    attr = attributions(arts, extra_verbs=extra_verbs)
    return _reported_speech_of(text, attr.to_dict("records"), reporting_verbs(extra_verbs))


def _reported_speech_of(text: str, rows: list[dict], verbs: dict) -> list[dict]:
    """:func:`reported_speech` of one body from its rows of :func:`attributions`."""
    nbody = normalize(text) if len(normalize(text)) == len(text) else text
    quotes = _quote_spans_of(nbody)
    groups_ = quote_groups(nbody)
    out: list[dict] = []
    for r in rows:
        if not r["attributed"] or r["pattern"] == "inside a quote":
            continue
        ss, se = int(r["start"]), int(r["end"])
        cands = sorted(r["candidates"], key=lambda c: c["cue_start"])
        frames = [_attribution_frame(nbody, c, verbs) for c in cands]
        keep = []   # drop candidates whose stretch lies inside another's ("according to X" inside "X said")
        for k, (a, b) in enumerate(frames):
            if not any(j != k and frames[j][0] <= a and b <= frames[j][1] and (frames[j] != (a, b) or j < k)
                       for j in range(len(frames))):
                keep.append(k)
        cands, frames = [cands[k] for k in keep], [frames[k] for k in keep]
        for k, c in enumerate(cands):
            a, b = frames[k]
            lo = frames[k - 1][1] if k else ss
            hi = frames[k + 1][0] if k + 1 < len(cands) else se
            left, right = _strip_span(nbody, lo, min(a, hi)), _strip_span(nbody, max(b, lo), hi)
            if verbs.get(c["cue"], ("",))[0] in _LISTENER_VERBS and right[1] > right[0]:
                # "X told the visiting farmers who ... that CONTENT": the content follows "that"
                m_that = re.search(r"\bthat\b\s*", nbody[right[0]:right[1]])
                if m_that and len(nbody[right[0]:right[0] + m_that.start()].split()) <= 12 \
                        and not quoted_only_span(quotes, nbody, right):
                    right = (right[0] + m_that.end(), right[1])
            left_text = nbody[left[0]:left[1]]
            has_left = left[1] - left[0] > 1 and not _ADVERBIAL.fullmatch(left_text.strip())
            has_right = right[1] - right[0] > 1
            if has_left and has_right and _CIRCUMSTANCE.match(nbody, right[0]) and c["pattern"] in _ADJACENT_PATTERNS:
                has_right = False
            def quoted_only(sp):   # the side is a quotation and nothing else
                return quoted_only_span(quotes, nbody, sp)
            if c["pattern"] in ("SUBJECT ..., VERB-ing", "SUBJECT ... and/but VERB"):
                spans = [right] if has_right else []
            elif has_left and quoted_only(left) and c["pattern"] in _ADJACENT_PATTERNS:
                # '"From now on," Kishida said, "we will meet every year."'; '"...," Yoon continued, speaking ...'
                spans = [left, right] if has_right and quoted_only(right) else [left]
            elif c["pattern"] == "..., VERB SOURCE" or not has_right:
                spans = [left] if has_left else []
            elif not has_left:
                spans = [right]
            elif nbody[left[1]:a].strip().startswith(",") and nbody[c["cue_end"]:right[0]].strip().startswith(","):
                spans = [left, right]   # "The talks, the ministry said, will resume."
            else:
                spans = [right]
            inside = [q for q in quotes if spans and q[0] < max(e for _, e in spans) and q[1] > min(s for s, _ in spans)]
            if not spans:
                # "Park asked." after a quote of its own sentence: the quote just before is the content
                before = [q for q in quotes if q[1] <= a and _only_marks(nbody[q[1]:a])]
                if not before:
                    continue
                inside = [before[-1]]
                spans = list(inside)
                kind = "direct"
            else:
                rest = "".join(nbody[s:e] for s, e in _minus(spans, inside))
                if inside and _only_marks(rest):
                    kind, spans = "direct", list(inside)
                elif inside:
                    kind = "mixed"
                else:
                    kind = "indirect"
            out.append({"type": kind, "cue_detail": c, "frame": (a, b), "content_spans": [list(x) for x in spans],
                        "sentence_end": se})
    _join_quotes(out, quotes, groups_, rows, nbody)
    result = []
    for d in out:
        c = d["cue_detail"]
        spans = sorted(d["content_spans"])
        spans = [sp for sp in spans if sp[1] - sp[0] > 0]
        if not spans:
            continue
        person = c.get("source_person")
        result.append({"start": spans[0][0], "end": spans[-1][1], "speaker": c["source"],
                       "speaker_start": int(c["source_start"]), "speaker_end": int(c["source_end"]),
                       "speaker_ref": person if person and person != c["source"] else None,
                       "cue": c["cue"], "cue_start": int(c["cue_start"]), "cue_end": int(c["cue_end"]),
                       "type": d["type"], "kind": d["type"], "source_type": c.get("source_type"),
                       "content_spans": spans})
    return sorted(result, key=lambda x: (x["start"], x["cue_start"]))


def quoted_only_span(quotes, nbody: str, sp) -> bool:
    """True when the text of ``sp`` is one or more of ``quotes`` and nothing else (marks, punctuation)."""
    qs_ = [q for q in quotes if q[0] < sp[1] and q[1] > sp[0]]
    return bool(qs_) and _only_marks("".join(nbody[x:y] for x, y in _minus([sp], qs_)))


def _minus(spans, holes) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside ``holes`` (both lists of (start, end))."""
    out = []
    for s, e in spans:
        cur = s
        for hs, he in sorted(holes):
            if he <= cur or hs >= e:
                continue
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
        if cur < e:
            out.append((cur, e))
    return out


def _join_quotes(out: list[dict], quotes, groups_, rows, nbody: str) -> None:
    """Quotes that continue a direct quotation join it: the second half of a quote broken by its
    attribution ('"A," X said. "B."'), and the paragraphs of a quotation that runs over several."""
    used = {tuple(sp) for d in out for sp in d["content_spans"]}
    own = {}   # quote -> the attribution whose content it is
    for d in out:
        for sp in d["content_spans"]:
            own[tuple(sp)] = d
    attributed_at = [(int(r["start"]), int(r["end"])) for r in rows if r["attributed"] and r["pattern"] != "inside a quote"]
    sentence_ends = [(int(r["start"]), int(r["end"])) for r in rows]
    for q in quotes:
        if q in used:
            continue
        prev = [d for d in out if d["type"] == "direct" and max(max(sp[1] for sp in d["content_spans"]), d["frame"][1]) <= q[0]]
        if not prev:
            continue
        d = max(prev, key=lambda x: max(max(sp[1] for sp in x["content_spans"]), x["frame"][1]))
        last = max(max(sp[1] for sp in d["content_spans"]), d["frame"][1])
        same_group = any(gs <= q[0] and q[1] <= ge and any(gs <= sp[0] < ge for sp in d["content_spans"])
                         for gs, ge in groups_)
        # the quote's sentence has an attribution of its own: it is that one's
        if any(s <= q[0] < e for s, e in attributed_at) and not same_group:
            continue
        # ('"A," X said to cheers. "B."': the next sentence opens with the quote and has no attribution)
        next_sentence = d["sentence_end"] <= q[0] and _only_marks(nbody[d["sentence_end"]:q[0]]) \
            and max(max(sp[1] for sp in d["content_spans"]), d["frame"][1]) <= d["sentence_end"]
        if same_group or _only_marks(nbody[last:q[0]]) or next_sentence:
            d["content_spans"].append(list(q))
            d["sentence_end"] = max(d["sentence_end"], next((e for s_, e in sentence_ends if s_ <= q[0] < e), q[1]))
            used.add(q)


SPEECH_COLUMNS = ["id", "outlet", "paragraph", "type", "speaker", "speaker_ref", "source_type", "cue", "content",
                  "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"]


def speech(articles, *, extra_verbs=None, attr: pd.DataFrame | None = None,
           sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every attribution of a corpus (:func:`reported_speech`), one row each, keyed by article ``id``.

    Columns :data:`SPEECH_COLUMNS`: ``type`` direct / indirect / mixed, ``speaker`` as written,
    ``speaker_ref`` the person it names or refers to, ``source_type`` (:data:`SOURCE_TYPES`),
    ``content`` the reported words (the parts of a broken quote joined by " … "), offsets into
    ``body``. ``attr``: :func:`attributions` of the same articles, when already made.
    """
    if attr is None:
        attr = attributions(articles, extra_verbs=extra_verbs, sentences=sentences)
    verbs = reporting_verbs(extra_verbs)
    rows_of = groups.records_by_article(attr, ("start", "end", "attributed", "pattern", "paragraph", "candidates"))
    out = []
    for art in articles_iter(articles):
        body = art.body if isinstance(art.body, str) else ""
        rows = rows_of.get(art.id, [])
        if not body or not any(r["attributed"] for r in rows):
            continue
        paras = [0] + [m.end() for m in re.finditer(r"\n\s*\n", body)]
        for d in _reported_speech_of(body, rows, verbs):
            out.append({"id": art.id, "outlet": art.outlet, "paragraph": bisect_right(paras, d["start"]) - 1,
                        "type": d["type"], "speaker": d["speaker"], "speaker_ref": d["speaker_ref"],
                        "source_type": d["source_type"], "cue": d["cue"],
                        "content": " … ".join(body[a:b] for a, b in d["content_spans"]),
                        **{k: d[k] for k in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")}})
    return pd.DataFrame(out, columns=SPEECH_COLUMNS)


def speech_by_group(speech_table: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: attributions by type (direct, indirect, mixed), the share told in the source's own
    words (direct), the anonymous share and the most frequent speakers. ``speech_table``: :func:`speech`;
    ``by``: the article column forming the groups, taken from ``articles`` when it lacks it."""
    t = groups.attach_article_group(speech_table, articles, by, own=SOURCE_OWN_COLUMNS)
    cols = [by, "attributions", *ATTRIBUTION_TYPES, "direct_share", "anonymous_share", "top_speakers"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    t = t.assign(_who=t["speaker_ref"].fillna(t["speaker"]))
    kinds = pd.crosstab(t[by], t["type"]).reindex(columns=list(ATTRIBUTION_TYPES), fill_value=0)
    out = kinds.assign(attributions=kinds.sum(axis=1))
    out["direct_share"] = (out["direct"] / out["attributions"]).round(2)
    out["anonymous_share"] = (t.assign(_a=t["source_type"] == "anonymous").groupby(by)["_a"].mean()
                              .reindex(out.index).round(2))
    out["top_speakers"] = t.groupby(by)["_who"].agg(   # named speakers only: no unresolved "he", "I"
        lambda s: ", ".join(f"{k} ({v})" for k, v in sorted(Counter(named_speakers(s)).items(),
                                                             key=lambda kv: (-kv[1], kv[0]))[:3]))
    out = out.reset_index()[cols].sort_values(["attributions", by], ascending=[False, True]).reset_index(drop=True)
    out.columns.name = None
    return out
