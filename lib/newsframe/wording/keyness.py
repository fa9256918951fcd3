"""Keyness: which words set each group apart from the rest of the corpus.

Log-likelihood G2 (Dunning 1993, "Accurate methods for the statistics of surprise and coincidence";
Rayson and Garside 2000 for the 2x2 form used in corpus linguistics) with its chi-square p-value (1 df),
and the *log ratio* effect size (Hardie 2014): log2 of the ratio of relative frequencies, zero counts
set to 0.5. Raw counts stand beside every score. G2 says how sure we are that a difference is not
chance; log ratio says how big it is. With a few hundred words per outlet almost nothing reaches p <
0.05 and a term met twice can have a huge log ratio: read small counts as leads to check, not findings.
Counting can merge name variants first (each mention becomes one term), and a term that is key only
because one article uses it is flagged by leaving that article out and testing again.
:func:`keyness_from_counts` does the same from the term counts of a built corpus, so it scales to
corpora that do not fit in memory; :func:`keyness_between` compares two groups directly.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

import pandas as pd

from .. import groups as _groups
from .. import text as nftext
from .sentences import WORD_RUN, articles_iter
from .names import variant_map

KEYNESS_MIN_FREQ = 3            # a term must occur this often in the outlet to be tested
KEYNESS_MAX_P = 0.05            # significance level for "key"


# ----------------------------------------------------------------------------- keyness
def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G2 for a term met ``a`` times in ``c`` words (target) and ``b`` times in ``d`` (reference).

    G2 = 2 * sum(O * ln(O / E)) over the two corpora, E = size * (a + b) / (c + d)
    (the 2-cell form of Rayson and Garside 2000).
    """
    total = a + b
    if total == 0 or c + d == 0:
        return 0.0
    e1, e2 = c * total / (c + d), d * total / (c + d)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / e1)
    if b:
        g2 += b * math.log(b / e2)
    return 2 * g2


def g2_p_value(g2: float) -> float:
    """p-value of G2 under chi-square with 1 degree of freedom: erfc(sqrt(G2 / 2))."""
    return math.erfc(math.sqrt(max(g2, 0.0) / 2))


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's (2014) log ratio: log2((a / c) / (b / d)), a zero count set to 0.5."""
    a, b = (a or 0.5), (b or 0.5)
    return math.log2((a / c) / (b / d))
_WORD_CHAR = re.compile(r"\w")


class _NameMerger:
    """Replace every mention of a grouped name (a key of ``vmap``, any case, whole words) with its
    group label written as one term, longest name first where two start at the same word.

    The names are looked up by their first word at each word of the text, not tried one by one
    as a regex alternation of thousands of names, which costs a scan of all of them at every
    position. Names that do not start with a word character fall back to that regex.
    """

    def __init__(self, vmap: dict[str, str]):
        self.vmap = vmap
        keys = sorted(vmap, key=len, reverse=True)
        self.by_first_word = defaultdict(list)
        for k in keys:
            first = WORD_RUN.match(k)
            if first is None:
                self.by_first_word = None
                self.pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.I)
                break
            self.by_first_word[first.group(0)].append(k)

    def term(self, key: str) -> str:
        return self.vmap[key].replace(" ", "_").replace("-", "_")

    def __call__(self, text: str) -> str:
        if not self.vmap:
            return text
        if self.by_first_word is None:
            return self.pattern.sub(lambda mo: self.term(mo.group(0).lower()), text)
        out, done = [], 0
        for word in WORD_RUN.finditer(text):
            p = word.start()
            if p < done:
                continue
            for k in self.by_first_word.get(word.group(0).lower(), ()):
                end = p + len(k)
                if text[p:end].lower() == k and not _WORD_CHAR.match(text, end):
                    out += [text[done:p], self.term(k)]
                    done = end
                    break
        out.append(text[done:])
        return "".join(out)


def term_counts(articles, *, variants: pd.DataFrame | None = None) -> pd.DataFrame:
    """Content-word counts per article (``id, outlet, term, n``), names merged when ``variants`` is given.

    Merged: every mention of a grouped name becomes one term, the group label
    with underscores ("yoon_suk_yeol"), so "Yoon Suk-yeol" and "Yoon Seok-youl"
    count as one name and their parts no longer count as words.
    """
    vmap = {}
    if variants is not None and not variants.empty:
        multi_groups = variants.groupby("group")["variant"].nunique()
        vmap = {k: g for k, g in variant_map(variants).items() if multi_groups.get(g, 1) > 1}
    rows = []
    merge = _NameMerger(vmap)
    for aid, outlet, body in articles_iter(articles):
        for term, n in sorted(Counter(nftext.content_words(merge(body))).items()):
            rows.append({"id": aid, "outlet": outlet, "term": term, "n": n})
    return pd.DataFrame(rows, columns=["id", "outlet", "term", "n"])


def keyness(articles, *, by: str = "outlet", variants: pd.DataFrame | None = None, min_freq: int = KEYNESS_MIN_FREQ,
            max_p: float = KEYNESS_MAX_P, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Key terms of each outlet (or group) against all other outlets, with raw counts beside every score.

    One row per (outlet, term) met at least ``min_freq`` times in the outlet:
    ``n_outlet, n_rest`` (raw counts), ``words_outlet, words_rest`` (corpus
    sizes), ``g2, p, log_ratio``, ``direction`` (``over`` / ``under``),
    ``key`` (p <= ``max_p``), ``n_articles`` (outlet articles using it),
    ``top_article`` and ``one_article_only``: True when leaving the article
    that uses the term most out drops it below ``min_freq`` or makes it not
    key. Terms used less in the outlet than elsewhere are tested too when the
    rest uses them ``min_freq`` times (direction ``under``).

    ``by``: the article column whose groups are compared (default
    ``outlet``; ``country`` or a manifest column), each group against all
    the others. The first column is then named after ``by``; the count
    columns keep their names (``n_outlet`` is the count in the group) and
    the leave-one-out check uses the group's articles.
    """
    counts = term_counts(articles, variants=variants) if counts is None else counts
    counts = _groups.attach(counts, articles, by)
    cols = [by, "term", "n_outlet", "n_rest", "words_outlet", "words_rest", "g2", "p", "log_ratio",
            "direction", "key", "n_articles", "top_article", "one_article_only"]
    if counts.empty or counts[by].nunique() < 2:
        return pd.DataFrame(columns=cols)
    by_outlet = counts.pivot_table(index="term", columns=by, values="n", aggfunc="sum", fill_value=0)
    sizes = by_outlet.sum()
    total = by_outlet.sum(axis=1)
    terms, totals = list(by_outlet.index), total.to_numpy()
    parts = dict(tuple(counts.groupby(by)))
    rows = []
    for outlet in by_outlet.columns:
        c = int(sizes[outlet])
        d = int(sizes.sum() - c)
        oc = parts[outlet]
        per_article = oc.groupby(["term", "id"], as_index=False)["n"].sum()
        art_sizes = oc.groupby("id")["n"].sum()
        # per term: the articles using it, and the one using it most (the first id on a tie)
        n_using = per_article.loc[per_article["n"] > 0, "term"].value_counts().to_dict()
        most = per_article.sort_values(["term", "n", "id"], ascending=[True, False, True]).drop_duplicates("term")
        top_of = dict(zip(most["term"], zip(most["id"], most["n"])))
        for term, a, tot in zip(terms, by_outlet[outlet].to_numpy(), totals):
            a = int(a)
            b = int(tot - a)
            if a < min_freq and not (b >= min_freq and a / c < b / max(d, 1)):
                continue
            g2 = log_likelihood(a, b, c, d)
            p = g2_p_value(g2)
            lr = log_ratio(a, b, c, d)
            key = p <= max_p
            direction = "over" if a / c > b / max(d, 1) else "under"
            n_articles, top, single = 0, None, False
            if a:
                top_id, top_n = top_of[term]
                n_articles, top = int(n_using.get(term, 0)), str(top_id)
                if direction == "over":
                    a2, c2 = a - int(top_n), c - int(art_sizes[top_id])
                    single = a2 < min_freq or c2 <= 0 or g2_p_value(log_likelihood(a2, b, c2, d)) > max_p
            rows.append({by: outlet, "term": term, "n_outlet": a, "n_rest": b, "words_outlet": c,
                         "words_rest": d, "g2": round(g2, 3), "p": round(p, 4), "log_ratio": round(lr, 3),
                         "direction": direction, "key": bool(key), "n_articles": n_articles, "top_article": top,
                         "one_article_only": bool(single)})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values([by, "g2", "term"], ascending=[True, False, True]).reset_index(drop=True)


UNKNOWN_OUTLETS = "(outlets unknown)"  # keyness_from_counts: articles whose outlet the loader could not tell, together


def _counts_per_group(counts: pd.DataFrame, by: str, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Per-outlet counts (``outlet, term, count, articles``) summed per ``by`` group: ``by, term, count, articles``.

    The group is the counts' own ``by`` column when they carry one; else each
    outlet is mapped to its group through ``articles`` (columns ``outlet`` and
    ``by``), which works only when all articles of an outlet are in one group
    (a ValueError names the first outlet that is not). An outlet missing from
    ``articles`` goes to :data:`newsframe.groups.NOT_STATED`.
    """
    if by in counts.columns and by not in ("term", "count", "articles"):
        group = _groups.clean_values(counts[by]).to_numpy()
    else:
        if "outlet" not in counts.columns or articles is None or not {"outlet", by} <= set(articles.columns):
            raise KeyError(f"by={by!r}: the counts carry no {by!r} column; pass articles= with the columns "
                           f"'outlet' and {by!r} to map each outlet to its group (see newsframe.groups.choose_grouping)")
        pairs = pd.DataFrame({"outlet": articles["outlet"].fillna("").astype(str).to_numpy(),
                              by: _groups.clean_values(articles[by]).to_numpy()}).drop_duplicates()
        spread = pairs.groupby("outlet")[by].agg(lambda g: sorted(set(g)))
        split = spread[spread.map(len) > 1]
        if len(split):
            outlet, found = split.index[0], split.iloc[0]
            raise ValueError(f"by={by!r}: outlet {outlet or UNKNOWN_OUTLETS!r} has articles in {len(found)} groups "
                             f"({', '.join(found[:5])}), so its per-outlet counts cannot be split between them "
                             f"({len(split)} outlet{'s' if len(split) != 1 else ''} like this). Count per article with "
                             f"wording.keyness(articles, by={by!r}), or give the counts a {by!r} column.")
        mapping = dict(zip(pairs["outlet"], pairs[by]))
        group = [mapping.get(o, _groups.NOT_STATED) for o in counts["outlet"].fillna("").astype(str)]
    summed = pd.DataFrame({by: group, "term": counts["term"].to_numpy(), "count": counts["count"].to_numpy(),
                           "articles": counts["articles"].to_numpy()})
    return summed.groupby([by, "term"], sort=False, as_index=False)[["count", "articles"]].sum()


def keyness_from_counts(counts: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None,
                        min_freq: int = KEYNESS_MIN_FREQ, max_p: float = KEYNESS_MAX_P) -> pd.DataFrame:
    """:func:`keyness` from per-outlet counts: for corpora too large to hold per-article counts.

    ``counts``: one row per (outlet, term) with ``count`` (occurrences) and
    ``articles`` (outlet articles using the term), as
    :func:`newsframe.scale.engine.corpus_term_counts` sums them over the partitions
    of a built corpus. Memory grows with outlets x vocabulary, not with the
    number of articles; all (outlet, term) pairs are scored with NumPy at once.

    The columns are those of :func:`keyness`, with two differences, because
    per-article counts are not at hand: ``top_article`` is empty, and
    ``one_article_only`` is True when a single outlet article uses an
    over-used term (leaving that article out removes the term entirely); a
    term spread over a few articles but concentrated in one is not caught.
    Terms the outlet uses fewer than ``min_freq`` times are kept only when
    they are significantly *under*-used (key), not every tested one.

    ``by``: the group to compare instead of the outlet (``country``, a
    manifest column). The counts are summed per group first: by their own
    ``by`` column when they carry one, else by mapping each outlet to its
    group through ``articles`` (columns ``outlet`` and ``by``), which needs
    every outlet's articles in one group (a ValueError otherwise). The first
    column is named after ``by``; ``one_article_only`` then means one article
    of the group.
    """
    import numpy as np
    from scipy.special import erfcinv

    cols = [by, "term", "n_outlet", "n_rest", "words_outlet", "words_rest", "g2", "p", "log_ratio",
            "direction", "key", "n_articles", "top_article", "one_article_only"]
    if by != "outlet" and not counts.empty:
        counts = _counts_per_group(counts, by, articles)
    if counts.empty or counts[by].nunique() < 2:
        return pd.DataFrame(columns=cols)
    outlets = counts["outlet"].fillna("").replace("", UNKNOWN_OUTLETS) if by == "outlet" else counts[by]
    o_code, o_names = pd.factorize(outlets, sort=True)
    t_code, t_names = pd.factorize(counts["term"], sort=True)
    n = counts["count"].to_numpy(dtype=np.int64)
    arts = counts["articles"].to_numpy(dtype=np.int64)
    sizes = np.bincount(o_code, weights=n, minlength=len(o_names)).astype(np.int64)
    totals = np.bincount(t_code, weights=n, minlength=len(t_names)).astype(np.int64)
    n_words = int(sizes.sum())
    # 1. terms the outlet uses: one row of counts each, all scored at once
    a, b, c = n, totals[t_code] - n, sizes[o_code]
    score = _g2_columns(a, b, c, n_words - c, max_p)
    keep = (totals[t_code] >= min_freq) & (c > 0) & (c < n_words) & (
        (a >= min_freq) | ((b >= min_freq) & score["under"] & score["key"]))
    used = {"outlet": o_code, "term": t_code, "a": a, "b": b, "articles": arts, **score}
    parts = [{k: v[keep] for k, v in used.items()}]
    # 2. terms the outlet never uses: key (under-used) when the rest uses them often enough. With a = 0,
    # G2 = 2 b ln(N / d) grows with b, so only the most frequent terms can qualify: scan them in order.
    by_total = np.argsort(-totals, kind="stable")
    sorted_totals = totals[by_total]
    order = np.argsort(o_code, kind="stable")
    bounds = np.searchsorted(o_code[order], np.arange(len(o_names) + 1))
    g2_needed = 2 * float(erfcinv(max_p)) ** 2   # p <= max_p  <=>  G2 >= this
    for o in range(len(o_names)):
        c_o = int(sizes[o])
        d_o = n_words - c_o
        if c_o <= 0 or d_o <= 0:
            continue
        b_min = max(min_freq, int(g2_needed / (2 * np.log(n_words / d_o)) * 0.999))  # (a margin; p decides)
        cand = by_total[:int(np.searchsorted(-sorted_totals, -b_min, side="right"))]
        cand = cand[~np.isin(cand, t_code[order[bounds[o]:bounds[o + 1]]])]
        zero = np.zeros(len(cand), dtype=np.int64)
        score = _g2_columns(zero, totals[cand], c_o, d_o, max_p)
        row = {"outlet": np.full(len(cand), o), "term": cand, "a": zero, "b": totals[cand], "articles": zero, **score}
        parts.append({k: v[score["key"]] for k, v in row.items()})
    cols_of = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    c = sizes[cols_of["outlet"]]
    out = pd.DataFrame({
        by: np.asarray(o_names)[cols_of["outlet"]], "term": np.asarray(t_names)[cols_of["term"]],
        "n_outlet": cols_of["a"], "n_rest": cols_of["b"], "words_outlet": c, "words_rest": n_words - c,
        "g2": np.round(cols_of["g2"], 3), "p": np.round(cols_of["p"], 4),
        "log_ratio": np.round(cols_of["log_ratio"], 3), "direction": np.where(cols_of["over"], "over", "under"),
        "key": cols_of["key"], "n_articles": cols_of["articles"], "top_article": None,
        "one_article_only": cols_of["over"] & (cols_of["articles"] == 1)})
    return out[cols].sort_values([by, "g2", "term"], ascending=[True, False, True]).reset_index(drop=True)


def keyness_between(articles, group_a, group_b, *, by: str = "outlet", variants: pd.DataFrame | None = None,
                    min_freq: int = KEYNESS_MIN_FREQ, max_p: float = KEYNESS_MAX_P,
                    counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Key terms of one group against another: ``group_a`` is the target, ``group_b`` the reference.

    The same G2 and log ratio as :func:`keyness`, on the articles of the two
    groups only (the rest of the corpus left out): ``by`` is the article
    column holding the groups (default ``outlet``). Columns: ``by`` (always
    ``group_a``), ``reference`` (``group_b``), then those of :func:`keyness`,
    where ``n_outlet, words_outlet`` are the counts of ``group_a`` and
    ``n_rest, words_rest`` those of ``group_b``; ``one_article_only`` is
    tested on ``group_a``'s articles.

    ``counts``: per-article counts (:func:`term_counts`, the default, which
    gives ``top_article`` and the leave-one-out check) or per-outlet counts
    (``outlet, term, count, articles``, as
    :func:`newsframe.scale.engine.corpus_term_counts` gives them), summed per group
    as :func:`keyness_from_counts` does. A group that is not in the data
    raises a ValueError naming the groups there are.
    """
    group_a, group_b = str(group_a), str(group_b)
    if group_a == group_b:
        raise ValueError(f"keyness_between: compare two different groups, not {group_a!r} with itself")
    counts = term_counts(articles, variants=variants) if counts is None else counts
    aggregated = "count" in counts.columns and "n" not in counts.columns
    if aggregated and by == "outlet":
        counts = counts.assign(outlet=counts["outlet"].fillna("").replace("", UNKNOWN_OUTLETS))
    elif aggregated and not counts.empty:
        counts = _counts_per_group(counts, by, articles)
    elif not aggregated:
        counts = _groups.attach(counts, articles, by)
    known = set(counts[by].astype(str)) if by in counts.columns else set()
    if articles is not None and by in articles.columns:
        known |= set(_groups.clean_values(articles[by])) if by != "outlet" else {o for _, o, _ in articles_iter(articles)}
    missing = [g for g in (group_a, group_b) if g not in known]
    if missing:
        shown = sorted(known)
        raise ValueError(f"keyness_between: no {by} {missing[0]!r} in the data; {by} values: "
                         f"{', '.join(shown[:20])}{' ...' if len(shown) > 20 else ''}")
    pair = counts[counts[by].astype(str).isin([group_a, group_b])] if by in counts.columns else counts
    if aggregated:
        table = keyness_from_counts(pair, by=by, min_freq=min_freq, max_p=max_p)
    else:
        table = keyness(articles, by=by, counts=pair, min_freq=min_freq, max_p=max_p)
    out = table[table[by].astype(str) == group_a].copy() if len(table) else table.copy()
    out.insert(1, "reference", group_b)
    return out.reset_index(drop=True)


def _g2_columns(a, b, c, d, max_p: float) -> dict:
    """:func:`log_likelihood`, :func:`g2_p_value` and :func:`log_ratio` over arrays, plus the flags
    ``over`` (a/c > b/d), ``under`` (a/c < b/d) and ``key`` (p <= max_p)."""
    import numpy as np
    from scipy.special import erfc

    a, b, c, d = (np.asarray(x, dtype=np.float64) for x in (a, b, c, d))
    total = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        e1, e2 = c * total / (c + d), d * total / (c + d)
        g2 = 2 * (np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / e1), 0.0)
                  + np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / e2), 0.0))
        g2 = np.where((total > 0) & (c + d > 0), g2, 0.0)
        p = erfc(np.sqrt(np.maximum(g2, 0.0) / 2))
        lr = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    return {"g2": g2, "p": p, "log_ratio": lr, "over": a / c > b / d, "under": a / c < b / d, "key": p <= max_p}


def top_key_terms(table: pd.DataFrame, *, n: int = 8, by: str = "outlet") -> pd.DataFrame:
    """The ``n`` terms with the highest G2 each way (over / under) per outlet, or per group of the
    column ``by`` of a :func:`keyness` table made with that ``by``. A table without ``outlet`` and the
    default ``by`` is grouped by its first column (the group column of :func:`keyness`)."""
    if table.empty:
        return table
    if by == "outlet" and by not in table.columns and len(table.columns):
        by = table.columns[0]
    if by not in table.columns:
        raise KeyError(f"by={by!r}: the keyness table has no such column; make it with wording.keyness(..., by={by!r})")
    return (table.sort_values([by, "direction", "g2", "term"], ascending=[True, True, False, True])
            .groupby([by, "direction"], sort=False).head(n).reset_index(drop=True))


def merge_effect(articles, variants: pd.DataFrame, *, min_freq: int = KEYNESS_MIN_FREQ,
                 by: str = "outlet", merged: pd.DataFrame | None = None) -> pd.DataFrame:
    """What merging name variants changes in keyness: terms whose counts or G2 differ.

    Columns ``outlet, term, n_outlet_raw, n_outlet_merged, g2_raw, g2_merged``
    (NaN where the term is not tested in one of the two runs), the largest change of G2 first in each
    group. ``by``: the
    article column whose groups :func:`keyness` compares; the first column is
    named after it (``n_outlet_*`` are then the group's counts). ``merged``: the
    :func:`keyness` table already made with these ``variants``, ``by`` and
    ``min_freq`` (its ``max_p`` does not matter here), so it is not counted again.
    """
    raw = keyness(articles, by=by, min_freq=min_freq)
    if merged is None:
        merged = keyness(articles, by=by, variants=variants, min_freq=min_freq)
    cols = [by, "term", "n_outlet", "g2"]
    both = raw[cols].merge(merged[cols], on=[by, "term"], how="outer", suffixes=("_raw", "_merged"))
    changed = both[(both["n_outlet_raw"] != both["n_outlet_merged"]) | (both["g2_raw"] != both["g2_merged"])]
    change = (changed["g2_merged"].fillna(0) - changed["g2_raw"].fillna(0)).abs()
    return (changed.assign(_change=change).sort_values([by, "_change", "term"], ascending=[True, False, True])
            .drop(columns="_change").reset_index(drop=True))
