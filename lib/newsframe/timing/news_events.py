"""News or background: the event each article reports, and the history it recalls.

Every dated mention is *news* (the event the article reports: near its publication date, in the
headline or lede, in the tense of news) or *background* (history, earlier incidents, anniversaries,
plans; :func:`mention_roles`). :func:`article_events` gives each article one main news event, with its
date, a confidence, the sentence it came from and how it was dated: from the publication date, from
absolute dates in the text when the page states none, or *inferred* from other articles of the same
story (shared reused sentences, the same event words and names); :func:`dating_summary` counts how
many articles were dated in which way, so no undated article leaves the tables silently.
:func:`background_years` shows which history each group recalls (1910, 1945, 1965 ...), a framing
finding in itself.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter

import pandas as pd

from .. import groups as _groups
from ..text import content_words
from .timex import find_timexes
from .events import (GRANULARITY_ORDER, MIN_SHARED_WORDS, ROLE_BACKGROUND, ROLE_NEWS, as_date, event_mentions, events,
    granularity, group_labels, mention_words, period_start, stem, timex_table, word_matrix)


# --------------------------------------------------------------------------- news and background
NEWS_PAST_DAYS = 14      # a dated mention at most this long before the publication can be the news it reports
NEWS_AHEAD_DAYS = 0      # ... or this long after it: 0, a later day is reached only by a plan ("opens tomorrow")
LEDE_PARAGRAPHS = 2      # the lede: the first paragraphs of the body
SHARED_WEIGHT = 0.15     # main event score: the event shared by other articles (up to 4)
NEWEST_WEIGHT = 0.2      # main event score: the newest day-precise news date of the lede
SAME_STORY_MIN_SHARED = 0.25   # Jaccard share of headline-and-lede content words: the same story


def mention_roles(mentions: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` (:func:`event_mentions`) with ``role`` (news or background) and ``role_reason``.

    A dated mention is **news** when it can be what the article reports: dated to the day or week,
    from :data:`NEWS_PAST_DAYS` before the publication to :data:`NEWS_AHEAD_DAYS` after it. Everything
    else is **background**: history and earlier incidents (dated further back, such as the year an
    anniversary recalls), future plans and anniversaries to come (dated after the publication), and
    dates known only to the month or year (a year is never the news day). The thresholds are constants of this module; ``role_reason`` says which rule
    decided.
    """
    out = mentions.copy()
    roles, reasons = [], []
    for r in out.itertuples():
        pub = as_date(r.published)
        date = r.event_date if isinstance(r.event_date, pd.Timestamp) else None
        if pub is None or date is None:
            roles.append(ROLE_BACKGROUND)
            reasons.append("no publication date to compare with")
            continue
        days = (pub.normalize() - date.normalize()).days
        if GRANULARITY_ORDER.get(r.granularity, 9) > GRANULARITY_ORDER["week"]:
            roles.append(ROLE_BACKGROUND)
            reasons.append(f"known only to the {r.granularity}")
        elif days < -NEWS_AHEAD_DAYS:
            roles.append(ROLE_BACKGROUND)
            reasons.append(f"{-days} days after the publication (a plan or an announced event)")
        elif days > NEWS_PAST_DAYS:
            roles.append(ROLE_BACKGROUND)
            reasons.append(f"{days} days before the publication (history or an earlier incident)")
        else:
            roles.append(ROLE_NEWS)
            reasons.append(f"{days} days before the publication" if days >= 0 else "on the publication day")
    out["role"] = roles
    out["role_reason"] = reasons
    return out


def event_kinds(events_df: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``events_df`` (:func:`events`) with ``kind``: news when most of its mentions (:func:`mention_roles`)
    are news (a tie counts as news), else background."""
    roles = mentions["role"] if "role" in mentions.columns else mention_roles(mentions)["role"]
    ev = events_df.copy()
    kinds = []
    for members in ev["mentions"]:
        r = [roles.loc[m] for m in members]
        kinds.append(ROLE_NEWS if r and sum(x == ROLE_NEWS for x in r) * 2 >= len(r) else ROLE_BACKGROUND)
    ev.insert(ev.columns.get_loc("granularity") + 1 if "granularity" in ev.columns else len(ev.columns), "kind", kinds)
    return ev


def _absolute_dates(text: str) -> list[dict]:
    """The day-precise DATE expressions of ``text`` whose values do not depend on the anchor (*on March 16,
    2023*, not *on Thursday*): tagged against two anchors years apart, kept where both agree."""
    a = find_timexes(text, "2001-06-15")
    b = {(t["start"], t["end"]): t["value"] for t in find_timexes(text, "2011-06-15")}
    return [t for t in a if t["type"] == "DATE" and granularity(t["value"]) == "day"
            and b.get((t["start"], t["end"])) == t["value"]]


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


DATELINE_MAX_WORDS = 5   # an opening paragraph this short ("MIAMI (AP) --") is a dateline, not a lede paragraph


def lede(body: str) -> str:
    """The first :data:`LEDE_PARAGRAPHS` paragraphs of ``body`` (all of it when it has fewer), not
    counting an opening paragraph of :data:`DATELINE_MAX_WORDS` words or fewer (a dateline on its own
    line, as wire copy prints it: "MIAMI (AP) --")."""
    cuts = [m.start() for m in _PARAGRAPH_BREAK.finditer(body)]
    k = LEDE_PARAGRAPHS - 1 + (bool(cuts) and len(body[:cuts[0]].split()) <= DATELINE_MAX_WORDS)
    return body[:cuts[k]] if k < len(cuts) else body


def dated_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with ``anchor`` (the date relative expressions are read against) and ``anchor_how``:
    the publication date; for a page that states none, the latest day-precise date its text states
    itself in its headline and lede (*on March 16, 2023*), marked "own dates"; else empty. Dates further
    down are left out: there they are mostly history ("Churchill's speech of March 5, 1946")."""
    anchors, hows = [], []
    for art in articles.itertuples():
        pub = as_date(getattr(art, "published", None))
        if pub is not None:
            anchors.append(pub.normalize())
            hows.append("publication date")
            continue
        head = getattr(art, "headline", "")
        text = f"{head if isinstance(head, str) else ''}\n\n{lede(art.body if isinstance(art.body, str) else '')}"
        dates = [period_start(t["value"]) for t in _absolute_dates(text)]
        dates = [d for d in dates if d is not None]
        anchors.append(max(dates) if dates else pd.NaT)
        hows.append("own dates" if dates else "")
    return articles.assign(anchor=anchors, anchor_how=hows)


def news_mentions(articles: pd.DataFrame, *, timexes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The event mentions of a corpus with their role (:func:`mention_roles`), undated pages included
    where their own absolute dates anchor them (:func:`dated_articles`). ``timexes``: the
    :func:`timex_table` of those articles (anchored as :func:`dated_articles` says), when made."""
    dated = dated_articles(articles)
    proxy = dated.assign(published=dated["anchor"])
    if timexes is None:
        timexes = timex_table(proxy[proxy["anchor"].notna()])
    return mention_roles(event_mentions(proxy, timexes=timexes))


def article_events(articles: pd.DataFrame, *, by: str = "outlet", min_shared_words: int = MIN_SHARED_WORDS,
                   timexes: pd.DataFrame | None = None,
                   mentions: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The news event each article reports, and the events of the corpus with their kind.

    Returns ``(per_article, events)``. ``per_article``: one row per article, none left out, columns
    ``id, outlet, <by>, published, event_date, event_id, event_label, lag_days, how, confidence,
    sentence``. ``how`` says which evidence dated it: ``date in the text`` (a date the article gives,
    read against its publication date), ``own dates`` (the page states no publication date; its own
    absolute dates anchor the text), ``same story as <id>`` (no usable date: the main event of the
    dated article whose headline and lede share the most content words with it, at least
    :data:`SAME_STORY_MIN_SHARED`, marked *inferred*), ``publication day (the text dates no news)``
    (a dated page that dates nothing near its publication: weak evidence, confidence 0.1) or empty
    (undated). ``confidence`` (0-1) grows
    with the mention's place (headline or lede), its precision (a day), the number of articles
    sharing the event and its agreement with the article's other news mentions. ``lag_days``: the
    publication minus the event day (empty for inferred or undated pages). ``events``: :func:`events`
    with ``kind`` (news / background, :func:`event_kinds`) and ``groups`` of ``by``; their ``mentions``
    are row labels of ``mentions`` (:func:`news_mentions`, made here when not given), so
    :func:`reporting_lag` of the two gives the lags of news events with their kind.
    """
    dated = dated_articles(articles)
    if mentions is None:
        mentions = news_mentions(articles, timexes=timexes)
    elif "role" not in mentions.columns:
        mentions = mention_roles(mentions)
    ev = events(mentions, min_shared_words=min_shared_words, by=by, articles=articles) if len(mentions) else \
        events(mentions, by=by, articles=articles)
    ev = event_kinds(ev, mentions) if len(ev) else ev.assign(kind=pd.Series(dtype=object))
    ev = _labels_from_headlines(ev, mentions, articles)
    event_of, date_of = {}, {}
    for e in ev.itertuples():
        date_of[e.event_id] = e.date
        for m in e.mentions:
            event_of[m] = (e.event_id, e.label, e.n_articles)
    lede_end = {}
    heads = {}
    for art in articles.itertuples():
        lede_end[art.id] = lede(art.body if isinstance(art.body, str) else "")
        heads[art.id] = getattr(art, "headline", "") if isinstance(getattr(art, "headline", ""), str) else ""
    best: dict = {}
    news = mentions[mentions["role"] == ROLE_NEWS] if len(mentions) else mentions
    for aid, sub in news.groupby("id", sort=False) if len(news) else []:
        scored = []
        opening = lede_end.get(aid, "")
        rows = [(idx, r, r["sentence"] in opening) for idx, r in sub.iterrows()]
        lede_days = [r["event_date"] for _, r, in_lede in rows
                     if in_lede and r["granularity"] == "day" and r["event_date"] is not None]
        newest = max(lede_days) if lede_days else None
        for idx, r, in_lede in rows:
            eid, label, n = event_of.get(idx, (None, None, 1))
            in_head = bool(heads.get(aid)) and bool(mention_words(r) & set(_stem_words(heads[aid])))
            day = r["granularity"] == "day"
            agree = sum(d == r["date_value"] for d in sub["date_value"]) / len(sub)
            # (the lede's newest day: a follow-up's news is the day's development, not the big event it recalls)
            latest = newest is not None and in_lede and day and r["event_date"] == newest
            score = (0.3 * in_lede + 0.15 * in_head + 0.2 * day + SHARED_WEIGHT * min(n - 1, 3) / 3 + 0.2 * agree
                     + NEWEST_WEIGHT * latest)
            scored.append((score, idx, eid, label, r))
        score, idx, eid, label, r = max(scored, key=lambda x: (x[0], -x[1]))
        # the date of the event the mention belongs to (its finest date across the articles)
        best[aid] = {"event_date": date_of.get(eid, r["event_date"]), "event_id": eid, "event_label": label,
                     "confidence": round(min(1.0, score), 2), "sentence": r["sentence"]}
    group_of = dict(zip(articles["id"], _groups.clean_values(articles[by]))) if by in articles.columns else {}
    rows = []
    for art in dated.itertuples():
        b = best.get(art.id)
        how = ""
        if b is not None:
            how = "date in the text" if art.anchor_how == "publication date" else "own dates"
        rows.append({"id": art.id, "outlet": art.outlet, **({by: group_of.get(art.id, _groups.NOT_STATED)} if by != "outlet" else {}),
                     "published": as_date(getattr(art, "published", None)), "how": how, **(b or {})})
    out = pd.DataFrame(rows)
    for c in ("event_date", "event_id", "event_label", "confidence", "sentence"):
        if c not in out.columns:
            out[c] = None
    _infer_same_story(out, articles, best, lede_end)
    undated = out["event_date"].isna() & out["published"].map(lambda v: as_date(v) is not None)
    # a dated page whose text dates no news: the news is of its publication day (weak evidence)
    out.loc[undated, "event_date"] = out.loc[undated, "published"].map(lambda v: as_date(v).normalize())
    out.loc[undated, "how"] = "publication day (the text dates no news)"
    out.loc[undated, "confidence"] = 0.1
    pub = pd.to_datetime(out["published"], errors="coerce", utc=True).dt.tz_localize(None).dt.normalize()
    evd = pd.to_datetime(out["event_date"], errors="coerce")
    lag = (pub - evd).dt.days
    out["lag_days"] = lag.where(out["how"] == "date in the text")
    cols = ["id", "outlet", *([by] if by != "outlet" else []), "published", "event_date", "event_id", "event_label",
            "lag_days", "how", "confidence", "sentence"]
    return out[cols], ev


HEADLINE_LABEL_WORDS = 8   # an event named by its event word alone borrows this many words of a headline


def _labels_from_headlines(ev: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Events whose label is a bare event word ("announced", "killed": no names in their sentences) are
    named after the headline of their articles (the commonest one): "announced: Ford recalls 1.2 million
    pickups over brake fault"."""
    if ev.empty or "headline" not in articles.columns:
        return ev
    heads = {a: h for a, h in zip(articles["id"], articles["headline"]) if isinstance(h, str) and h.strip()}
    labels = []
    for e in ev.itertuples():
        label = e.label
        if isinstance(label, str) and " " not in label.strip():
            found = Counter(heads[i] for i in mentions.loc[list(e.mentions), "id"] if i in heads)
            if found:
                words = found.most_common(1)[0][0].split()
                label = f"{label}: {' '.join(words[:HEADLINE_LABEL_WORDS])}{' …' if len(words) > HEADLINE_LABEL_WORDS else ''}"
        labels.append(label)
    return ev.assign(label=labels)


def _stem_words(text: str) -> list[str]:
    return [stem(w) for w in content_words(text or "")]


def _infer_same_story(out: pd.DataFrame, articles: pd.DataFrame, best: dict, ledes: dict) -> None:
    """Undated articles (no event found) take the main event of the most similar dated article.
    ``ledes``: the :func:`lede` of each article by id."""
    text_of, weekdays_of = {}, {}
    for art in articles.itertuples():
        head = getattr(art, "headline", "")
        first = ledes[art.id]
        text_of[art.id] = set(_stem_words(f"{head if isinstance(head, str) else ''} {first}"))
        weekdays_of[art.id] = {_WEEKDAYS.index(w.lower()) for w in _WEEKDAY_RE.findall(first)}
    donors = [aid for aid in best if text_of.get(aid)]
    undated = [k for k in out.index[out["event_date"].isna()] if text_of.get(out.at[k, "id"])]
    donor_days = [best[d]["event_date"].weekday() if best[d]["event_date"] is not None else None for d in donors]
    for k, (sim, donor) in zip(undated, _most_similar([text_of[out.at[k, "id"]] for k in undated],
                                                      [text_of[d] for d in donors], donors,
                                                      weekdays=[weekdays_of.get(out.at[k, "id"]) for k in undated],
                                                      donor_weekdays=donor_days)):
        b = best[donor]
        pub = as_date(out.at[k, "published"])
        if pub is not None and b["event_date"] is not None and not (
                -NEWS_AHEAD_DAYS <= (pub.normalize() - b["event_date"].normalize()).days <= NEWS_PAST_DAYS):
            continue   # the similar article's news is not news on this page's day
        if sim >= SAME_STORY_MIN_SHARED:
            out.loc[k, ["event_date", "event_id", "event_label", "sentence"]] = [b["event_date"], b["event_id"],
                                                                                 b["event_label"], b["sentence"]]
            out.at[k, "confidence"] = round(b["confidence"] * sim, 2)
            out.at[k, "how"] = f"same story as {donor} (inferred)"


SIMILARITY_BLOCK = 256   # undated articles compared with every donor at once (memory bound)


_WEEKDAYS = [d.lower() for d in calendar.day_name]   # Monday first, as date.weekday()
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(calendar.day_name) + r")\b")


def _most_similar(word_sets: list[set], donor_sets: list[set], donor_ids: list, *, weekdays: list | None = None,
                  donor_weekdays: list | None = None) -> list[tuple[float, object]]:
    """For each of ``word_sets`` the donor of highest Jaccard similarity and that similarity (ties: the
    largest id). One sparse product per block of sets instead of a Python loop over every pair.

    ``weekdays`` (per set: the weekdays, 0 = Monday, its lede names) and ``donor_weekdays`` (per donor:
    the weekday of its event): a set whose lede names weekdays takes its donor among those whose event
    falls on one of them, when one shares a word with it (a story of several weeks: "on Friday" is the
    Friday bombing, not the Tuesday hearing)."""
    if not word_sets or not donor_sets:
        return []
    import numpy as np

    vocab: dict = {}   # one numbering of the words for both matrices
    donors = word_matrix(donor_sets, vocab)
    undated = word_matrix(word_sets, vocab)
    if undated.shape[1] > donors.shape[1]:   # words only the undated articles have: no donor shares them
        donors.resize((donors.shape[0], undated.shape[1]))
    d_size = np.asarray(donors.sum(axis=1)).ravel()
    order = np.argsort(np.array([str(d) for d in donor_ids], dtype=object), kind="stable")[::-1]   # largest id first
    donor_days = np.array([-1 if d is None else d for d in donor_weekdays]) if donor_weekdays is not None else None
    out = []
    for start in range(0, len(word_sets), SIMILARITY_BLOCK):
        block = undated[start:start + SIMILARITY_BLOCK]
        shared = (block @ donors.T).toarray()
        u_size = np.asarray(block.sum(axis=1)).ravel()
        sims = shared / (u_size[:, None] + d_size[None, :] - shared)
        for q, row in enumerate(sims):
            wanted = weekdays[start + q] if weekdays is not None else None
            if wanted and donor_days is not None:
                fits = np.isin(donor_days, sorted(wanted))
                if (row[fits] > 0).any():
                    row = np.where(fits, row, -1.0)
            row = row[order]
            j = int(np.argmax(row))      # the first maximum in largest-id order
            out.append((float(row[j]), donor_ids[order[j]]))
    return out


def dating_summary(per_article: pd.DataFrame) -> pd.DataFrame:
    """How the articles were dated (:func:`article_events`' ``how``): ``how, articles, share``."""
    how = per_article["how"].fillna("").map(lambda h: "same story as another article (inferred)" if h.startswith("same story")
                                           else (h or "not dated"))
    t = how.value_counts().rename_axis("how").reset_index(name="articles")
    t["share"] = (t["articles"] / max(len(per_article), 1)).round(2)
    return t


def background_years(mentions: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None,
                     top: int = 12) -> pd.DataFrame:
    """Which history each group recalls: background mentions (:func:`mention_roles`) per group and year,
    the ``top`` years with most articles as columns (the rest summed as ``other years``)."""
    m = mentions if "role" in mentions.columns else mention_roles(mentions)
    m = m[(m["role"] == ROLE_BACKGROUND) & m["event_date"].notna()]
    if m.empty:
        return pd.DataFrame(columns=[by])
    m = _groups.attach(m, articles, by) if by != "outlet" or articles is not None else m
    m = m.assign(year=pd.to_datetime(m["event_date"]).dt.year.astype(int), _g=group_labels(m[by], by))
    t = m.drop_duplicates(["id", "year"]).pivot_table(index="_g", columns="year", values="id", aggfunc="count", fill_value=0)
    keep = list(t.sum().sort_values(ascending=False).index[:top])
    out = t[sorted(keep)].copy()
    rest = [c for c in t.columns if c not in keep]
    if rest:
        out["other years"] = t[rest].sum(axis=1)
    out.columns = [str(c) for c in out.columns]
    return out.rename_axis(by).reset_index()
