"""Wire dependence: which agencies' copy an article carries.

:func:`wire_dependence` finds the agencies credited in the byline, the dateline (``SEOUL (Yonhap) --``)
and each body paragraph with :func:`newsframe.reading.meta.find_credits` and ``data/agencies.csv``;
:func:`wire_summary` lists them per article with where they were found, and :func:`wire_by_group` gives
the share of each group's articles crediting each agency. Credits are what an outlet admits;
the text reuse of :mod:`newsframe.wording` shows the copy it does not credit.
"""
from __future__ import annotations

import re

import pandas as pd

from .. import groups
from ..reading import meta
from .lexicons import agency_table
from .sentences import UNKNOWN_OUTLET, articles_iter, paragraphs


def wire_dependence(articles) -> pd.DataFrame:
    """Every credit to an agency or outlet, with where it appears: one row per credit.

    Columns: ``id, outlet, agency, kind (wire/outlet), where (byline, dateline,
    body, page), paragraph (body paragraph number, 0 = lead), evidence``. Body
    credits come from :func:`newsframe.reading.meta.find_credits` per paragraph;
    ``page`` rows are names in the article's ``credited_sources`` that were
    found elsewhere on the page (e.g. a "Source: Agencies" line).
    """
    index, apat = agency_table()
    rows = []
    for art in articles_iter(articles):
        outlet = getattr(art, "outlet", "")
        found = set()
        byline = getattr(art, "byline", None)
        if isinstance(byline, str):
            for m in apat.finditer(byline):
                name, kind = index[m.group(0)]
                own = "" if outlet.startswith(UNKNOWN_OUTLET.split("(")[0]) else outlet.lower()
                if own and (name.lower() in own or own in name.lower()):
                    continue  # the outlet's own byline ("By Al Mayadeen English") is no credit
                rows.append({"id": art.id, "outlet": outlet, "agency": name, "kind": kind, "where": "byline",
                             "paragraph": None, "evidence": byline})
                found.add(name)
        body = art.body if isinstance(art.body, str) else ""
        dl = meta.find_dateline(body) if body else {}
        if dl.get("dateline_agency"):
            name, kind = meta.canonical_source(dl["dateline_agency"])
            rows.append({"id": art.id, "outlet": outlet, "agency": name, "kind": kind, "where": "dateline",
                         "paragraph": 0, "evidence": body[:dl["end"]]})
            found.add(name)
        for i, (_s, _e, para) in enumerate(paragraphs(body)):
            for c in meta.find_credits(para, where="body"):
                rows.append({"id": art.id, "outlet": outlet, "agency": c["name"], "kind": c["kind"], "where": "body",
                             "paragraph": i, "evidence": c["evidence"]})
                found.add(c["name"])
        for name in (getattr(art, "credited_sources", None) or []):
            if name not in found:
                kind = index.get(name, (name, "wire" if "agenc" in name.lower() else "outlet"))[1]
                rows.append({"id": art.id, "outlet": outlet, "agency": name, "kind": kind, "where": "page",
                             "paragraph": None, "evidence": "credited on the page (credited_sources)"})
    cols = ["id", "outlet", "agency", "kind", "where", "paragraph", "evidence"]
    return pd.DataFrame(rows, columns=cols)


def wire_summary(articles, credits: pd.DataFrame | None = None, *, by: str = "outlet") -> pd.DataFrame:
    """Per article: agencies credited and where, and the share of body paragraphs that carry a credit.

    ``by`` (an article column forming the groups, e.g. ``country``) adds that
    column after ``outlet`` when it is not ``outlet``; :func:`wire_by_group`
    sums the table per group.
    """
    credits = wire_dependence(articles) if credits is None else credits
    rows = []
    credits_of = groups.records_by_article(credits, ("agency", "kind", "where", "paragraph"))
    for art in articles_iter(articles):
        c = credits_of.get(art.id, [])
        n_par = len(paragraphs(art.body if isinstance(art.body, str) else ""))
        paras = sorted({int(r["paragraph"]) for r in c if not pd.isna(r["paragraph"])})
        places: dict[str, list] = {}   # agency -> where it is credited, in table order
        wire = set()                   # agencies credited as a wire at least once
        for r in c:
            if pd.isna(r["agency"]):
                continue
            places.setdefault(r["agency"], []).append(r["where"])
            if isinstance(r["kind"], str) and r["kind"] == "wire":
                wire.add(r["agency"])
        where = {a: "+".join(dict.fromkeys(places[a])) for a in sorted(places)}
        rows.append({"id": art.id, "outlet": getattr(art, "outlet", ""),
                     "wires": ", ".join(f"{a} ({w})" for a, w in where.items() if a in wire),
                     "outlets": ", ".join(f"{a} ({w})" for a, w in where.items() if a not in wire),
                     "paragraphs": n_par, "paragraphs_with_credit": len(paras),
                     "credit_paragraphs": ", ".join(map(str, paras)),
                     "credit_share": round(len(paras) / n_par, 2) if n_par else 0.0})
    return groups.with_group_column(pd.DataFrame(rows), articles, by)


MAX_AGENCIES = 11   # agencies named in wire_by_group; the others are one "other (N agencies)" column


def _credited_names(text) -> list[str]:
    """Agency names in a :func:`wire_summary` cell: ``"Yonhap (body), AFP (byline+body)"`` -> names."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [m.group(1) for m in re.finditer(r"\s*(.+?) \([^()]*\)(?:,|$)", text)]


def wire_by_group(credits_or_wires: pd.DataFrame, *, by: str = "outlet",
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group: the share of its articles that credit each agency (or outlet) anywhere in the article.

    ``credits_or_wires`` is :func:`wire_dependence` (one row per credit) or
    :func:`wire_summary` (one row per article); ``by`` the article column
    forming the groups, taken from ``articles`` when the table lacks it. The
    :data:`MAX_AGENCIES` agencies credited by the most articles get a column
    each; the others are folded into one ``other (N agencies)`` column (the
    share of articles crediting any of them). Columns: ``<by>, articles,
    credited`` (share crediting any agency or outlet), then one share per
    agency, most credited first. ``articles`` counts the group's articles in
    ``articles`` when given (credits alone do not list the articles without a
    credit), else in the table. Largest groups first.
    """
    t = groups.attach_article_group(credits_or_wires, articles, by)
    if "agency" in t.columns:
        pairs = t[["id", by, "agency"]].dropna(subset=["agency"])
    else:
        rows = [(i, g, name) for i, g, w, o in zip(t["id"], t[by], t.get("wires", pd.Series([""] * len(t))),
                                                   t.get("outlets", pd.Series([""] * len(t))))
                for name in dict.fromkeys(_credited_names(w) + _credited_names(o))]
        pairs = pd.DataFrame(rows, columns=["id", by, "agency"])
    pairs = pairs.assign(**{by: groups.clean_values(pairs[by]).to_numpy()}).drop_duplicates(["id", "agency"])
    if articles is not None and by in articles.columns:
        members = pd.DataFrame({"id": list(articles["id"]), by: groups.clean_values(articles[by]).to_numpy()})
    else:
        members = pd.DataFrame({"id": list(t["id"]), by: groups.clean_values(t[by]).to_numpy()})
    members = members.drop_duplicates("id")
    if members.empty:
        return pd.DataFrame(columns=[by, "articles", "credited"])
    sizes = members.groupby(by)["id"].size()
    ranked = pairs.groupby("agency")["id"].nunique()
    ranked = sorted(ranked.index, key=lambda a: (-ranked[a], a))
    if len(ranked) > MAX_AGENCIES + 1:
        label = groups.other_label(len(ranked) - MAX_AGENCIES, "agencies")
        kept = set(ranked[:MAX_AGENCIES])
        pairs = pairs.assign(agency=pairs["agency"].where(pairs["agency"].isin(kept), label))
        ranked = ranked[:MAX_AGENCIES] + [label]
    out = pd.DataFrame({by: sizes.index, "articles": sizes.to_numpy()}).set_index(by)
    out["credited"] = pairs.groupby(by)["id"].nunique().reindex(out.index, fill_value=0)
    if ranked:
        per = pairs.groupby([by, "agency"])["id"].nunique().unstack("agency")
        out = out.join(per.reindex(columns=ranked)).fillna(0)
    shares = out.drop(columns="articles").div(out["articles"], axis=0).round(2)
    out = pd.concat([out[["articles"]].astype(int), shares], axis=1)
    out.columns.name = None
    out = out.reset_index()
    return out.sort_values(["articles", by], ascending=[False, True], kind="stable").reset_index(drop=True)
