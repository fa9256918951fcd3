"""Wire families: which articles carry the same copy, and in which order they appeared.

An article x article heatmap of reuse scores is readable for a dozen articles
and useless (and, drawn with a number in every cell, very heavy) for four
hundred. What a reader wants from reuse at scale is the *families*: the
articles that share reused sentences, directly or through each other, put in
publication order. Text-reuse studies of news group documents that derive from
one source in the same way (Clough et al. 2002, the METER corpus of wire copy;
the reprint clusters of Smith, Cordell and Mullen 2015, "Computational methods
for uncovering reprinted texts in antebellum newspapers"):

* **The graph.** One node per article, one edge per article pair of
  :func:`newsframe.wording.reuse_pairs` (pairs above its reuse threshold, with at
  least one verbatim or edited sentence). A family is a connected component
  (``scipy.sparse.csgraph.connected_components``): two articles can be in one
  family without sharing a sentence, through a third that shares with both.
  Families are numbered ``F1, F2, ...``, largest first (ties: the earliest first
  publication, then the smallest article id).
* **The order.** Inside a family the members are ordered by publication date
  (ties by id; an undated member comes after the dated ones, in id order, and is
  marked ``dated = False``). The earliest dated member is the **presumed
  source**: *presumed*, because only the page dates decide it. The agency's own
  original is rarely in the corpus, a page can be dated wrongly, and a page
  dated to the day sorts before one dated to the minute on that day.
* **Who took what from whom.** For every member, ``share_from_earlier`` is the
  share of its sentences (of at least :data:`newsframe.wording.MIN_SENTENCE_WORDS`
  words, the ones aligned) aligned with a sentence of an earlier member,
  ``copied_from`` the earlier member it shares the most aligned sentences with,
  and ``how`` says whether those sentences were mostly word for word
  (``copied``) or edited and paraphrased (``rewritten``). Only the aligned
  sentences of the article pairs in ``pairs`` count, so the numbers add up with
  :func:`ranked_pairs`.

:func:`ranked_pairs` is the table that replaces the heatmap above
:data:`HEATMAP_MAX_ARTICLES` articles (:func:`use_heatmap`): article pairs by
score, with the direction from the earlier to the later page.

Why hand-written: the graph part is one SciPy call; ordering, shares and the
copied/rewritten call are a few lines over the aligned sentences of
:mod:`newsframe.wording`, for which no package has a table. What it cannot
tell: who copied whom when two outlets both rewrote a press release that is not
in the corpus (they join one family; the earlier is "presumed source").
"""
from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from .. import groups as _groups

HEATMAP_MAX_ARTICLES = 20   # above this many articles notebooks show ranked pairs and families, not the heatmap
SUMMARY_NAMES = 5           # family_summary: group names listed per family (then "+N more")
SUMMARY_CREDITS = 8         # family_summary: credited agencies listed per family (then "+N more")
COPIED_MIN_SHARE = 0.5      # a member "copied" when more than this share of its sentences from earlier ones is verbatim

FAMILY_COLUMNS = ["family_id", "order", "id", "outlet", "published", "dated", "presumed_source",
                  "share_from_earlier", "n_from_earlier", "n_sentences", "copied_from", "how", "credited",
                  "n_members"]
SUMMARY_COLUMNS = ["family_id", "members", "outlets", "first_published", "presumed_source", "source_outlet",
                   "last_published", "span_days", "undated", "agencies_credited", "copied", "rewritten",
                   "share_copied"]
PAIR_COLUMNS = ["a", "b", "outlet_a", "outlet_b", "published_a", "published_b", "direction", "score",
                "shared_sentences", "n_verbatim", "n_edited", "n_paraphrase"]
_KIND_RANK = {"verbatim": 3, "edited": 2, "paraphrase": 1}


def use_heatmap(articles) -> bool:
    """Whether the article x article heatmap (:func:`newsframe.plots.reuse_heatmap`) is still readable:
    at most :data:`HEATMAP_MAX_ARTICLES` articles (``articles``: the article table, or a number).
    Above it, show :func:`ranked_pairs` and :func:`wire_families`."""
    n = articles if isinstance(articles, (int, np.integer)) else len(articles)
    return n <= HEATMAP_MAX_ARTICLES


def _naive(ts):
    """A comparable timestamp: zone-aware ones in UTC without the zone, ``None`` when not a date."""
    if ts is None or ts is pd.NaT or (isinstance(ts, float) and np.isnan(ts)):
        return None
    try:
        t = pd.Timestamp(ts)
    except (TypeError, ValueError):
        return None
    if pd.isna(t):
        return None
    return t.tz_convert(None) if t.tzinfo else t


def _column(articles: pd.DataFrame, name: str) -> dict:
    return dict(zip(articles["id"], articles[name])) if name in articles.columns else {}


def _credit_text(value) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return ", ".join(str(v) for v in list(value))


def _components(ids: list, a: list, b: list) -> list[list]:
    """The connected components (of two or more articles) of the graph with edges ``a[k] - b[k]``."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pos = {x: k for k, x in enumerate(ids)}
    graph = coo_matrix((np.ones(len(a)), ([pos[x] for x in a], [pos[x] for x in b])), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    members = defaultdict(list)
    for x, lab in zip(ids, labels):
        members[lab].append(x)
    return [m for m in members.values() if len(m) > 1]


def wire_families(articles: pd.DataFrame, pairs: pd.DataFrame, aligned: pd.DataFrame, *,
                  threshold: float | None = None, by: str = "outlet") -> pd.DataFrame:
    """One row per article that belongs to a wire family (see the module docstring), family by family.

    ``pairs`` is :func:`newsframe.wording.reuse_pairs` (already above its threshold; ``threshold``
    keeps only the pairs scoring at least that, to look at closer copies), ``aligned``
    :func:`newsframe.wording.align_sentences` of the same articles (its
    ``attrs["sentence_counts"]`` gives each article's sentences; without it they are counted
    again). ``by`` is the article column naming the groups compared (``outlet``, ``country``, a
    manifest column); when it is not ``outlet`` it is a column of the output, after ``outlet``.

    Columns: ``family_id`` (``F1`` = the largest), ``order`` (1 = earliest; undated members last,
    by id), ``id, outlet, published`` (as the page gives it), ``dated``, ``presumed_source`` (the
    earliest dated member: presumed, the page dates decide it; a family without a dated member has
    none), ``share_from_earlier`` (``n_from_earlier`` of its ``n_sentences`` sentences aligned with
    a sentence of an earlier member), ``copied_from`` (the earlier member sharing the most aligned
    sentences with it; ties: the earliest), ``how`` (``source`` for the presumed source;
    ``copied`` when more than half of its sentences found in earlier members are verbatim, their
    best match counted; ``rewritten`` when edited and paraphrased ones are the larger part;
    ``shares with later`` for a member whose sentences are only in later members),
    ``credited`` (its ``credited_sources``, as text) and ``n_members``. Articles in no family are
    not in the table. ``attrs["by"]`` keeps ``by`` for :func:`family_summary`.
    """
    extra = by not in FAMILY_COLUMNS   # the by column, when it is not one of the table's own
    cols = FAMILY_COLUMNS[:4] + ([by] if extra else []) + FAMILY_COLUMNS[4:]
    if pairs is not None and threshold is not None:
        pairs = pairs[pairs["score"] >= threshold]
    if pairs is None or pairs.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs["by"] = by
        return out
    edges = list(zip(pairs["a"], pairs["b"]))
    ids_in = sorted({x for e in edges for x in e})
    dates = {i: _naive(p) for i, p in _column(articles, "published").items()}
    published, outlets = _column(articles, "published"), _column(articles, "outlet")
    credits = _column(articles, "credited_sources")
    n_sent = aligned.attrs.get("sentence_counts") if aligned is not None else None
    if not n_sent:
        from .reuse import sentence_counts
        from .sentences import article_sentences

        n_sent = sentence_counts(article_sentences(articles[articles["id"].isin(ids_in)]))
    n_sent = Counter(n_sent)

    # each article's aligned sentences, with the partner article and how close the match was;
    # only the article pairs of the graph count
    linked = set(edges)
    links = defaultdict(list)   # article -> [(partner, own sentence number, kind)]
    if aligned is not None and len(aligned):
        for a, b, sa, sb, kind in zip(aligned["a"], aligned["b"], aligned["sent_a"], aligned["sent_b"],
                                      aligned["kind"]):
            if (a, b) in linked or (b, a) in linked:
                links[a].append((b, sa, kind))
                links[b].append((a, sb, kind))

    def order_key(x):
        d = dates.get(x)
        return (d is None, d if d is not None else pd.Timestamp.min, str(x))

    fams = [sorted(c, key=order_key) for c in _components(ids_in, [a for a, _ in edges], [b for _, b in edges])]
    fams.sort(key=lambda m: (-len(m), order_key(m[0])[:2], min(str(x) for x in m)))
    rows = []
    for k, members in enumerate(fams, start=1):
        rank = {x: i for i, x in enumerate(members)}
        for i, x in enumerate(members):
            earlier = [(o, s, kind) for o, s, kind in links[x] if rank.get(o, len(members)) < i]
            best = {}   # own sentence -> its closest match in an earlier member
            for _, s, kind in earlier:
                best[s] = max(best.get(s, 0), _KIND_RANK.get(kind, 0))
            per_partner = Counter(o for o, _, _ in earlier)
            source = i == 0 and dates.get(x) is not None
            if source:
                how = "source"
            elif not best:
                how = "shares with later"
            else:
                verbatim = sum(v == _KIND_RANK["verbatim"] for v in best.values())
                how = "copied" if verbatim > COPIED_MIN_SHARE * len(best) else "rewritten"
            rows.append({"family_id": f"F{k}", "order": i + 1, "id": x, "outlet": outlets.get(x),
                         "published": published.get(x), "dated": dates.get(x) is not None,
                         "presumed_source": source,
                         "share_from_earlier": round(min(len(best) / max(n_sent[x], 1), 1.0), 3),
                         "n_from_earlier": len(best), "n_sentences": int(n_sent[x]),
                         "copied_from": (min(per_partner, key=lambda o: (-per_partner[o], rank[o]))
                                         if per_partner else ""),
                         "how": how, "credited": _credit_text(credits.get(x)), "n_members": len(members)})
    out = pd.DataFrame(rows, columns=FAMILY_COLUMNS)
    if extra:
        out = _groups.attach(out, articles, by)[cols]
    out.attrs["by"] = by
    return out


def _listed(names, limit: int) -> str:
    """Names, most frequent first (ties by name), at most ``limit`` then ``+N more``."""
    counts = Counter(n for n in names if n)
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    more = f", +{len(ranked) - limit} more" if len(ranked) > limit else ""
    return ", ".join(ranked[:limit]) + more


def family_summary(fam: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """One row per wire family of :func:`wire_families`, in family order.

    ``by`` (default: the grouping ``fam`` was made with, ``attrs["by"]``, else ``outlet``) is the
    column naming the groups. Columns: ``family_id``, ``members``, ``outlets`` (distinct outlets),
    then, named after ``by``, the groups of the family (the most members first, at most
    :data:`SUMMARY_NAMES`) and, when ``by`` is not ``outlet``, ``groups`` (how many);
    ``first_published``, ``presumed_source`` and ``source_outlet``, ``last_published``, ``span_days``
    (first to last dated member), ``undated`` (members), ``agencies_credited`` (the union of the
    members' credits), ``copied`` and ``rewritten`` (members), ``share_copied`` (copied / members that
    took sentences from earlier ones).
    """
    if by is None:
        by = fam.attrs.get("by", "outlet") if fam is not None else "outlet"
    cols = SUMMARY_COLUMNS[:3] + [by] + (["groups"] if by != "outlet" else []) + SUMMARY_COLUMNS[3:]
    if fam is None or fam.empty:
        return pd.DataFrame(columns=cols)
    col = by if by in fam.columns else "outlet"
    rows = []
    for fid, g in fam.groupby("family_id", sort=False):
        g = g.sort_values("order")
        src = g[g["presumed_source"].astype(bool)]
        dated = g[g["dated"].astype(bool)] if "dated" in g.columns else g[g["published"].map(lambda d: _naive(d) is not None)]
        times = [_naive(d) for d in dated["published"]]
        credits = [c.strip() for v in g["credited"] for c in str(v or "").split(",") if c.strip()]
        copied, rewritten = int((g["how"] == "copied").sum()), int((g["how"] == "rewritten").sum())
        row = {"family_id": fid, "members": len(g), "outlets": g["outlet"].nunique(),
               by: _listed([str(v) for v in _groups.clean_values(g[col])], SUMMARY_NAMES),
               "first_published": dated["published"].iloc[0] if len(dated) else None,
               "presumed_source": src["id"].iloc[0] if len(src) else "",
               "source_outlet": src["outlet"].iloc[0] if len(src) else "",
               "last_published": dated["published"].iloc[-1] if len(dated) else None,
               "span_days": round((max(times) - min(times)).total_seconds() / 86400, 1) if times else None,
               "undated": len(g) - len(dated),
               "agencies_credited": _listed(sorted(set(credits)), SUMMARY_CREDITS),
               "copied": copied, "rewritten": rewritten,
               "share_copied": round(copied / (copied + rewritten), 3) if copied + rewritten else 0.0}
        if by != "outlet":
            row["groups"] = _groups.clean_values(g[col]).nunique()
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)


def ranked_pairs(pairs: pd.DataFrame, articles: pd.DataFrame, *, top: int | None = None,
                 by: str = "outlet") -> pd.DataFrame:
    """Article pairs that share reused sentences, best first, with the direction of the reuse: the
    table that replaces the article x article heatmap above :data:`HEATMAP_MAX_ARTICLES` articles.

    ``pairs`` is :func:`newsframe.wording.reuse_pairs`; ``articles`` gives the dates (and the ``by``
    column: when ``by`` is not ``outlet``, ``<by>_a`` and ``<by>_b`` are added after the outlets).
    Columns: ``a, b, outlet_a, outlet_b, published_a, published_b``, ``direction`` (``a -> b``
    when ``a`` was published first, ``b -> a`` when ``b`` was, ``?`` when one is undated or both
    have the same time), ``score``, ``shared_sentences`` (``n_verbatim + n_edited + n_paraphrase``)
    and those three counts. ``top`` keeps the first ``top`` rows.
    """
    cols = PAIR_COLUMNS[:4] + ([f"{by}_a", f"{by}_b"] if by != "outlet" else []) + PAIR_COLUMNS[4:]
    if pairs is None or pairs.empty:
        return pd.DataFrame(columns=cols)
    published = _column(articles, "published")
    group = None
    if by != "outlet":
        tagged = _groups.attach(pd.DataFrame({"id": list(articles["id"])}), articles, by)
        group = dict(zip(tagged["id"], tagged[by]))
    rows = []
    for p in pairs.itertuples(index=False):
        da, db = _naive(published.get(p.a)), _naive(published.get(p.b))
        direction = "?" if da is None or db is None or da == db else ("a -> b" if da < db else "b -> a")
        row = {"a": p.a, "b": p.b, "outlet_a": p.outlet_a, "outlet_b": p.outlet_b,
               "published_a": published.get(p.a), "published_b": published.get(p.b), "direction": direction,
               "score": p.score, "shared_sentences": int(p.n_verbatim + p.n_edited + p.n_paraphrase),
               "n_verbatim": int(p.n_verbatim), "n_edited": int(p.n_edited), "n_paraphrase": int(p.n_paraphrase)}
        if group is not None:
            row[f"{by}_a"] = group.get(p.a, _groups.NOT_STATED)
            row[f"{by}_b"] = group.get(p.b, _groups.NOT_STATED)
        rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["score", "shared_sentences", "a", "b"], ascending=[False, False, True, True], kind="stable")
    out = out.reset_index(drop=True)
    return out.head(top) if top else out
