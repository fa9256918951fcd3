"""Events across outlets: what happened when, who reported it, how late.

An **event mention** is a body sentence that holds a DATE time expression
(from :mod:`newsframe.timex`, anchored at the article's publication date)
and a *trigger* word saying what happened then (summit, talks, launch,
meeting, agreement, speech ...; ``data/event_triggers.csv``), with the
*participants* the sentence names (runs of capitalised words: countries,
people, institutions).

Mentions from **different articles** are the same **event** when their dates
are compatible (the same day, or one date containing the other: ``2023-03``
contains ``2023-03-16``) and they share enough content words (at least
:data:`MIN_SHARED_WORDS` Porter stems, trigger and participants included). This is
single-link clustering with a union-find, deliberately simple so a student
can check every link in the evidence table.

The **reporting lag** of an outlet for an event is its publication time
minus the event date (in days; for an event known only to the month or the
year, from the start of that period, and marked as coarse).

Hand-written: event extraction libraries for English news (e.g. EventPlus)
need trained neural models and downloads; a transparent rule here is
enough for a classroom corpus and is easy to audit.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from . import groups as _groups
from .resources import read_table
from .stored import reads_stored
from .text import content_words, sentence_spans, stopwords
from .timex import find_timexes

MIN_SHARED_WORDS = 3       # content words two mentions must share to be one event
LABEL_PARTICIPANTS = 3     # participants shown in an event's label
GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}

_TIME_WORDS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
                        "May June July August September October November December Now Today Yesterday Last Next "
                        "Earlier Later Meanwhile Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_CAPS = re.compile(r"\b(?:[A-Z][\w'’.-]*[a-z][\w'’.-]*|[A-Z]{2,}[\w-]*)(?:\s+(?:of\s+|the\s+|de\s+)?(?:[A-Z][\w'’.-]*|[A-Z]{2,}))*")


@lru_cache(maxsize=1)
def triggers() -> dict[str, str]:
    """Trigger word (lower case) -> event kind, from ``data/event_triggers.csv``."""
    return {r["word"].lower(): r["kind"] for r in read_table("event_triggers.csv")}


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern:
    words = sorted(triggers(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def granularity(value: str) -> str | None:
    """Granularity of a TimeML DATE value: day, week, month, season, quarter, year, decade (else None)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{1,2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return "quarter"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    return None


def period_start(value: str) -> pd.Timestamp | None:
    """The first day of the period a DATE value names (``2023-W16`` -> Monday 2023-04-17)."""
    g = granularity(value)
    if g == "day":
        return pd.Timestamp(value)
    if g == "week":
        y, w = value.split("-W")
        return pd.Timestamp.fromisocalendar(int(y), int(w), 1)
    if g == "month":
        return pd.Timestamp(value + "-01")
    if g == "season":
        y, s = value.split("-")
        return pd.Timestamp(int(y), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s], 1)
    if g == "quarter":
        y, q = value.split("-Q")
        return pd.Timestamp(int(y), 3 * int(q) - 2, 1)
    if g == "year":
        return pd.Timestamp(int(value), 1, 1)
    if g == "decade":
        return pd.Timestamp(int(value) * 10, 1, 1)
    return None


def compatible(a: str, b: str) -> bool:
    """Same date, or one contains the other (``2023-03`` contains ``2023-03-16``; ``2023`` contains both)."""
    if a == b:
        return True
    ga, gb = granularity(a), granularity(b)
    if not ga or not gb or "week" in (ga, gb) or "season" in (ga, gb) or "quarter" in (ga, gb):
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.startswith(short + "-") or (granularity(short) == "decade" and long_.startswith(short))


def participants(sentence: str) -> list[str]:
    """Capitalised spans of a sentence (people, places, institutions), the sentence's first word only
    when it is part of a longer name; time words left out."""
    out = []
    sw = stopwords()
    for m in _CAPS.finditer(sentence):
        span = m.group(0).strip(" .'’")
        first, _, rest = span.partition(" ")
        if first.lower() in sw or first in _TIME_WORDS:
            span = rest  # "On June", "From now": the capital comes from the sentence start
        if not span or (m.start() == 0 and " " not in span):
            continue
        if span in _TIME_WORDS or span.lower() in sw:
            continue
        out.append(span)
    return list(dict.fromkeys(out))


def _as_date(ts) -> pd.Timestamp | None:
    if ts is None or (not isinstance(ts, pd.Timestamp) and pd.isna(ts)):
        return None
    ts = pd.Timestamp(ts)
    return ts.tz_localize(None) if ts.tzinfo else ts


@reads_stored("timexes", depends_on=("body", "published", "outlet"))
def timex_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Every time expression in every body, anchored at the article's publication date.

    Columns: ``id, outlet, published, sentence, text, type, value, rule, anchor, start, end``
    (offsets into the body). Articles without a publication date are left out (nothing to anchor).
    """
    rows = []
    for art in articles.itertuples():
        pub = _as_date(art.published)
        if pub is None or not isinstance(art.body, str):
            continue
        spans = sentence_spans(art.body)
        for t in find_timexes(art.body, pub.date()):
            s, e = next(((s, e) for s, e in spans if s <= t["start"] < e), (t["start"], t["end"]))
            rows.append({"id": art.id, "outlet": art.outlet, "published": art.published,
                         "sentence": art.body[s:e], **t})
    cols = ["id", "outlet", "published", "sentence", "text", "type", "value", "rule", "anchor", "start", "end"]
    return pd.DataFrame(rows, columns=cols)


def event_mentions(articles: pd.DataFrame, *, timexes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences with a DATE and a trigger: one row per (sentence, date).

    Columns: ``id, outlet, published, date_value, granularity, event_date, trigger, kind,
    participants, sentence, timex``.
    """
    tx = timex_table(articles) if timexes is None else timexes
    rows = []
    # DATEs, and TIMEs on a known day ("Friday afternoon", "15:00 GMT Saturday"): their day
    day_times = (tx["type"] == "TIME") & tx["value"].astype(str).str.match(r"\d{4}-\d\d-\d\dT")
    for t in tx[(tx["type"] == "DATE") | day_times].itertuples():
        if t.type == "TIME":
            t = t._replace(value=t.value[:10])
        g = granularity(t.value)
        if g is None:
            continue
        found = list(_trigger_re().finditer(t.sentence))
        if not found:
            continue
        # the event named by a noun where the sentence has one ("signed an accord": accord)
        m = next((f for f in found if not f.group(0).lower().endswith(("ed", "ing"))), found[0])
        rows.append({"id": t.id, "outlet": t.outlet, "published": t.published, "date_value": t.value,
                     "granularity": g, "event_date": period_start(t.value), "trigger": m.group(0).lower(),
                     "kind": triggers()[m.group(0).lower()], "participants": participants(t.sentence),
                     "sentence": t.sentence, "timex": t.text})
    cols = ["id", "outlet", "published", "date_value", "granularity", "event_date", "trigger", "kind",
            "participants", "sentence", "timex"]
    return pd.DataFrame(rows, columns=cols)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem import PorterStemmer  # rule-based, needs no downloaded data

    return PorterStemmer()


def _words(row) -> set[str]:
    """Stemmed content words of a mention's sentence, its time expression left out."""
    stem = _stemmer().stem
    skip = {w.lower() for w in re.findall(r"\w+", row.timex)}
    return {stem(w) for w in content_words(row.sentence) if w not in skip}


MENTION_BLOCK = 512   # mentions whose shared words are counted at once in _mention_components (memory bound)


def _compatible_codes(values: list[str]) -> tuple[list[int], set[tuple[int, int]]]:
    """Codes of the date values and the code pairs ``(a, b)``, both orders, that are :func:`compatible`.

    Two values can only be compatible when one is a prefix of the other, so each value is checked
    against its own prefixes only, not against every other value.
    """
    distinct = sorted(set(values))
    code = {v: k for k, v in enumerate(distinct)}
    pairs = {(k, k) for k in range(len(distinct))}
    for v in distinct:
        for cut in range(1, len(v)):
            short = v[:cut]
            if short in code and compatible(short, v):
                pairs |= {(code[short], code[v]), (code[v], code[short])}
    return [code[v] for v in values], pairs


def _mention_components(values: list[str], words: list[set], min_shared_words: int) -> list[int]:
    """For each mention, the number of its event: the connected groups of mentions linked when their
    dates are :func:`compatible` and their sentences share ``min_shared_words`` words.

    The shared words of all pairs are counted as a sparse product (scipy) of the mention x word
    matrix with itself, :data:`MENTION_BLOCK` mentions at a time, and the groups are the connected
    components of the links: the events of comparing every pair in Python, at the cost of the pairs
    that share a word.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(values)
    codes, pairs = _compatible_codes(values)
    codes = np.asarray(codes)
    if min_shared_words <= 0:   # every compatible pair is linked, shared words or not
        words = [w | {""} for w in words]
        min_shared_words = 1
    vocab: dict[str, int] = {}
    indptr, indices = [0], []
    for ws in words:
        indices += [vocab.setdefault(w, len(vocab)) for w in sorted(ws)]
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices), dtype=np.int32), np.asarray(indices, dtype=np.int64), indptr),
                   shape=(n, max(len(vocab), 1)))
    xt = x.T.tocsr()
    same = np.zeros((codes.max() + 1,) * 2, dtype=bool) if n else np.zeros((0, 0), dtype=bool)
    for a, b in pairs:
        same[a, b] = True
    left, right = [], []
    for start in range(0, n, MENTION_BLOCK):
        shared = (x[start:start + MENTION_BLOCK] @ xt).tocoo()
        i, j = shared.row + start, shared.col
        keep = (j > i) & (shared.data >= min_shared_words)
        i, j = i[keep], j[keep]
        keep = same[codes[i], codes[j]]
        left.append(i[keep])
        right.append(j[keep])
    i = np.concatenate(left) if left else np.zeros(0, dtype=np.int64)
    j = np.concatenate(right) if right else np.zeros(0, dtype=np.int64)
    graph = csr_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1].tolist()


def events(mentions: pd.DataFrame, *, min_shared_words: int = MIN_SHARED_WORDS, by: str = "outlet",
           articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group mentions into events; one row per event.

    Columns: ``event_id, date, granularity, label, outlets, n_articles, mentions`` (list of mention
    row numbers), ``evidence`` (the sentences, one per article). Sorted by date.

    ``by`` is the article column the events are compared by (``outlet``, ``country`` or any
    manifest column). When ``articles`` is given, or the mentions carry a ``by`` column other
    than ``outlet``, a column ``groups`` lists the groups of ``by`` that mention each event
    (``outlets`` stays); with the defaults the table is as before.
    """
    if mentions.empty:
        empty = pd.DataFrame(columns=["event_id", "date", "granularity", "label", "outlets", "n_articles",
                                      "mentions", "evidence"])
        return _with_groups(empty, mentions, by=by, articles=articles)
    rows = list(mentions.itertuples())
    component = _mention_components([r.date_value for r in rows], [_words(r) for r in rows], min_shared_words)
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(component):
        groups.setdefault(c, []).append(i)
    out = []
    for members in groups.values():
        sub = mentions.iloc[members]
        finest = min(sub["granularity"], key=lambda g: GRANULARITY_ORDER.get(g, 9))
        date_row = sub[sub["granularity"] == finest].iloc[0]
        parts = [p for ps in sub["participants"] for p in ps]
        top = [p for p, _ in pd.Series(parts).value_counts().head(LABEL_PARTICIPANTS).items()] if parts else []
        trig = sub["trigger"].value_counts().index[0]
        # (the label names the event with a noun when one is nearly as frequent: "accord", not "signed")
        counts = sub.drop_duplicates(["id", "trigger"])["trigger"].value_counts()
        nouns = [t for t in counts.index if not t.endswith(("ed", "ing")) and counts[t] * 2 >= counts.iloc[0]]
        readable = readable_label(sub, nouns[0] if nouns else trig)
        evidence = sub.drop_duplicates("id")[["id", "outlet", "sentence"]].to_dict(orient="records")
        out.append({"date": date_row["event_date"], "date_value": date_row["date_value"], "granularity": finest,
                    "label": readable or (f"{trig}: {', '.join(top)}" if top else trig),
                    "outlets": sorted({o if isinstance(o, str) and o.strip() else "(unknown outlet)"
                                       for o in sub["outlet"]}),
                    "n_articles": sub["id"].nunique(), "mentions": list(sub.index), "evidence": evidence})
    ev = pd.DataFrame(out).sort_values(["date", "n_articles"], ascending=[True, False]).reset_index(drop=True)
    ev.insert(0, "event_id", [f"E{i + 1}" for i in range(len(ev))])
    return _with_groups(ev, mentions, by=by, articles=articles)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from .resources import read_lines

    return frozenset(w.lower() for w in read_lines("name_titles.txt"))


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Country names, demonyms and capitals (``data/countries.csv``), lower case."""
    out = set()
    for row in read_table("countries.csv"):
        out.add(row["country"].lower())
        out |= {a.strip().lower() for a in (row.get("aliases") or "").split("|") if a.strip()}
    return frozenset(out)


@lru_cache(maxsize=1)
def _known_people() -> dict[str, str]:
    """Every written form of the people of ``data/leaders.csv`` (lower case) -> their shortest
    one-word alias ("Yoon Suk-yeol" -> "Yoon"), or the full name when there is none."""
    out = {}
    for row in read_table("leaders.csv"):
        forms = [row["name"], *[a for a in (row.get("aliases") or "").split("|") if a.strip()]]
        short = min((f for f in forms if " " not in f.strip() and "-" not in f), key=len, default=row["name"])
        for f in forms:
            out[f.strip().lower()] = short.strip()
    return out


def _name_of(span: str) -> tuple[str, str]:
    """``(kind, short name)`` of a participant: a person ("Japanese Prime Minister Fumio Kishida" ->
    ("person", "Kishida"): the words after the last title word, the surname), a place ("Tokyo"), or
    another name (an institution) as written; possessives dropped."""
    words = re.sub(r"['’]s$", "", span.strip()).split()
    low = [w.lower().strip(".") for w in words]
    cut = max((k for k, w in enumerate(low) if w in _titles()), default=-1)
    known = _known_people()
    rest = " ".join(words[cut + 1:]).lower()
    if rest in known:
        return "person", known[rest]
    if 0 <= cut < len(words) - 1:
        return "person", words[-1]
    name = " ".join(words)
    if name.lower() in _place_names():
        return "place", name
    return "other", name


def readable_label(mentions: pd.DataFrame, trigger: str) -> str:
    """A label a reader recognises: the people (surnames) or, without people, the countries and
    institutions most of the event's articles name, the trigger, and a place: *Yoon–Kishida summit,
    Tokyo*. Names are counted once per article."""
    per_article: dict = {}
    for aid, ps in zip(mentions["id"], mentions["participants"]):
        per_article.setdefault(aid, set()).update(_name_of(p) for p in ps)
    counts: dict = {}
    for names in per_article.values():
        for n in names:
            counts[n] = counts.get(n, 0) + 1
    ranked = sorted(counts, key=lambda n: (-counts[n], n[1]))
    people = [n for k, n in ranked if k == "person"]
    places = [n for k, n in ranked if k == "place"]
    others = [n for k, n in ranked if k == "other"]
    actors = list(dict.fromkeys(people))[:2] or list(dict.fromkeys(places + others))[:2]
    where = next((p for p in places if p not in actors), None)
    if not actors:
        return ""
    return "–".join(actors) + f" {trigger}" + (f", {where}" if where else "")


def _wants_groups(table: pd.DataFrame, by: str, articles: pd.DataFrame | None) -> bool:
    return articles is not None or (by != "outlet" and by in table.columns)


def _with_groups(ev: pd.DataFrame, mentions: pd.DataFrame, *, by: str, articles: pd.DataFrame | None) -> pd.DataFrame:
    """``ev`` with a column ``groups`` (the sorted groups of ``by`` among each event's mentions), placed
    after ``outlets``; ``ev`` unchanged when no grouping was asked for (see :func:`events`)."""
    if not _wants_groups(mentions, by, articles) or "groups" in ev.columns:
        return ev
    ev = ev.copy()
    if ev.empty:
        ev.insert(ev.columns.get_loc("outlets") + 1, "groups", pd.Series(dtype=object))
        return ev
    tagged = _groups.attach(mentions, articles, by)
    values = pd.Series(_groups.clean_values(tagged[by]).to_numpy(), index=tagged.index)
    ev.insert(ev.columns.get_loc("outlets") + 1, "groups",
              [sorted(set(values.loc[list(m)])) for m in ev["mentions"]])
    return ev


def reporting_lag(events_df: pd.DataFrame, mentions: pd.DataFrame, *, by: str = "outlet",
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (event, article): when the outlet published, and how long after the event.

    Columns: ``event_id, label, date_value, granularity, id, outlet, published, lag_days, coarse``
    (``coarse`` when the event is known only to the week, month or year).

    ``by`` is the article column to compare by (``outlet``, ``country`` or any manifest column):
    other than ``outlet``, a column named after it follows ``outlet``, taken from the mentions
    when they carry it, else from ``articles`` (matched on ``id``).
    """
    tagged = mentions if by == "outlet" else _groups.attach(mentions, articles, by)
    group_of = (dict(zip(tagged["id"], _groups.clean_values(tagged[by]))) if by != "outlet" else {})
    # (id, outlet, published) of the mentions under each row label, read once instead of one
    # mentions.loc[...] per event
    mention_rows: dict = {}
    roles = mentions["role"] if "role" in mentions.columns else pd.Series(ROLE_NEWS, index=mentions.index)
    for label, *values in zip(mentions.index, mentions["id"], mentions["outlet"], mentions["published"], roles):
        mention_rows.setdefault(label, []).append(values)
    rows = []
    has_kind = "kind" in events_df.columns   # (events with their kind, see event_kinds: the lags keep it)
    for ev in events_df.itertuples():
        seen = set()
        for mid, outlet, published, role in (v for label in ev.mentions for v in mention_rows[label]):
            if mid in seen:
                continue   # one row per article, its first mention
            seen.add(mid)
            # a news event recalled by an article as background (the summit "last month") is background there
            kind = (ROLE_NEWS if ev.kind == ROLE_NEWS and role == ROLE_NEWS else ROLE_BACKGROUND) if has_kind else None
            pub = _as_date(published)
            lag = (pub - ev.date).total_seconds() / 86400 if pub is not None and ev.date is not None else None
            rows.append({"event_id": ev.event_id, "label": ev.label, "date_value": ev.date_value,
                         "granularity": ev.granularity, **({"kind": kind} if has_kind else {}), "id": mid, "outlet": outlet,
                         **({by: group_of.get(mid, _groups.NOT_STATED)} if by != "outlet" else {}),
                         "published": published,
                         "lag_days": None if lag is None else round(lag, 1), "coarse": ev.granularity != "day"})
    cols = ["event_id", "label", "date_value", "granularity", *(["kind"] if has_kind else []), "id", "outlet",
            *([by] if by != "outlet" else []), "published", "lag_days", "coarse"]
    return pd.DataFrame(rows, columns=cols)


NEWS_WINDOW_DAYS = 60   # lag_summary: events dated further than this from publication are background, not news


def _group_column(values: pd.Series, by: str) -> pd.Series:
    """Group names as shown in summaries: a blank outlet is "(unknown outlet)" (as always), any other
    blank group :data:`newsframe.groups.NOT_STATED`."""
    if by == "outlet":
        return values.where(values.map(lambda o: isinstance(o, str) and bool(o.strip())), "(unknown outlet)")
    return pd.Series(_groups.clean_values(values).to_numpy(), index=values.index)


def lag_summary(lags: pd.DataFrame, *, day_events_only: bool = True, window_days: float | None = NEWS_WINDOW_DAYS,
                by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group of ``by``: news events reported, median and largest lag in days, background events.

    ``by`` is the article column to compare by (``outlet`` by default, ``country`` or any manifest
    column); it is taken from ``lags`` (see :func:`reporting_lag`) or, when missing there, from
    ``articles`` matched on ``id``.

    By default only **day-precise** events (``day_events_only``) **within** ``window_days``
    (:data:`NEWS_WINDOW_DAYS`) **of the publication** count as reported news: a lag of
    ``-window_days`` (an event announced ahead) to ``+window_days``. Events dated further away are
    *background* (a 2019 treaty recalled in a 2023 article is not "reported 1,400 days late"): they
    are counted in ``background_events`` and left out of the lags. ``window_days=None`` counts every
    event (the old behaviour). Columns: ``<by>, events, median_lag_days, max_lag_days,
    background_events, articles`` (articles of the group behind the row); a group with background
    events only has 0 events and no lag. Sorted by median lag, groups without one last. The
    options are kept in ``attrs`` (``window_days``, ``day_events_only``) for the xlabel of
    :func:`newsframe.plots.lag_chart`.
    """
    cols = [by, "events", "median_lag_days", "max_lag_days", "background_events", "articles"]
    use = lags[~lags["coarse"].astype(bool)] if day_events_only else lags
    use = _groups.attach(use.dropna(subset=["lag_days"]), articles, by)
    if use.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs.update(window_days=window_days, day_events_only=day_events_only)
        return out
    use = use.assign(**{by: _group_column(use[by], by)}, lag_days=use["lag_days"].astype(float))
    if "kind" in use.columns:   # events with their kind (event_kinds): lags of news events only
        news = use["kind"] == ROLE_NEWS
    else:
        news = use["lag_days"].abs() <= window_days if window_days is not None else pd.Series(True, index=use.index)
    names = sorted(set(use[by]))
    g = use[news].groupby(by)
    out = pd.DataFrame({
        "events": g["event_id"].nunique().reindex(names, fill_value=0).astype(int),
        "median_lag_days": g["lag_days"].median().reindex(names),
        "max_lag_days": g["lag_days"].max().reindex(names),
        "background_events": use[~news].groupby(by)["event_id"].nunique().reindex(names, fill_value=0).astype(int),
        "articles": use.groupby(by)["id"].nunique().reindex(names, fill_value=0).astype(int),
    }, index=pd.Index(names, name=by)).reset_index()
    out = out.sort_values("median_lag_days", kind="stable", na_position="last").reset_index(drop=True)[cols]
    out.attrs.update(window_days=window_days, day_events_only=day_events_only)
    return out


def shared_events(events_df: pd.DataFrame, *, by: str = "outlet", articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events that more than one article mentions: the ones to line up across outlets (or groups).

    With ``articles`` (holding the column ``by``: ``outlet``, ``country`` or any manifest column), a
    column ``groups`` lists the groups of ``by`` whose articles mention each event (from the ids of
    the evidence), unless :func:`events` added it already; ``outlets`` stays.
    """
    shared = events_df[events_df["n_articles"] > 1].reset_index(drop=True)
    if articles is None or "groups" in shared.columns:
        return shared
    lookup = _groups.attach(pd.DataFrame({"id": articles["id"].to_numpy()}), articles, by)
    group_of = dict(zip(lookup["id"], lookup[by]))
    where = shared.columns.get_loc("outlets") + 1 if "outlets" in shared.columns else len(shared.columns)
    shared.insert(where, "groups", [sorted({group_of.get(r["id"], _groups.NOT_STATED) for r in ev})
                                    for ev in shared["evidence"]] if len(shared) else pd.Series(dtype=object))
    return shared


# --------------------------------------------------------------------------- news and background
NEWS_PAST_DAYS = 14      # a dated mention at most this long before the publication can be the news it reports
NEWS_AHEAD_DAYS = 1      # ... or this long after it (the page's clock and the event's in different zones)
LEDE_PARAGRAPHS = 2      # the lede: the first paragraphs of the body
SAME_STORY_MIN_SHARED = 0.25   # Jaccard share of headline-and-lede content words: the same story
ROLE_NEWS, ROLE_BACKGROUND = "news", "background"


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
        pub = _as_date(r.published)
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


def dated_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with ``anchor`` (the date relative expressions are read against) and ``anchor_how``:
    the publication date; for a page that states none, the latest day-precise date its text states
    itself (*on March 16, 2023*), marked "own dates"; else empty."""
    anchors, hows = [], []
    for art in articles.itertuples():
        pub = _as_date(getattr(art, "published", None))
        if pub is not None:
            anchors.append(pub.normalize())
            hows.append("publication date")
            continue
        body = art.body if isinstance(art.body, str) else ""
        dates = [period_start(t["value"]) for t in _absolute_dates(body)]
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
    event_of, date_of = {}, {}
    for e in ev.itertuples():
        date_of[e.event_id] = e.date
        for m in e.mentions:
            event_of[m] = (e.event_id, e.label, e.n_articles)
    lede_end = {}
    heads = {}
    for art in articles.itertuples():
        body = art.body if isinstance(art.body, str) else ""
        cuts = [m.start() for m in re.finditer(r"\n\s*\n", body)]
        lede_end[art.id] = body[:cuts[LEDE_PARAGRAPHS - 1]] if len(cuts) >= LEDE_PARAGRAPHS else body
        heads[art.id] = getattr(art, "headline", "") if isinstance(getattr(art, "headline", ""), str) else ""
    best: dict = {}
    news = mentions[mentions["role"] == ROLE_NEWS] if len(mentions) else mentions
    for aid, sub in news.groupby("id", sort=False) if len(news) else []:
        scored = []
        for idx, r in sub.iterrows():
            eid, label, n = event_of.get(idx, (None, None, 1))
            in_lede = r["sentence"] in lede_end.get(aid, "")
            in_head = bool(heads.get(aid)) and bool(_words(r) & set(_stem_words(heads[aid])))
            day = r["granularity"] == "day"
            agree = sum(d == r["date_value"] for d in sub["date_value"]) / len(sub)
            score = 0.3 * in_lede + 0.15 * in_head + 0.2 * day + 0.15 * min(n - 1, 3) / 3 + 0.2 * agree
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
                     "published": _as_date(getattr(art, "published", None)), "how": how, **(b or {})})
    out = pd.DataFrame(rows)
    for c in ("event_date", "event_id", "event_label", "confidence", "sentence"):
        if c not in out.columns:
            out[c] = None
    _infer_same_story(out, articles, best)
    undated = out["event_date"].isna() & out["published"].map(lambda v: _as_date(v) is not None)
    # a dated page whose text dates no news: the news is of its publication day (weak evidence)
    out.loc[undated, "event_date"] = out.loc[undated, "published"].map(lambda v: _as_date(v).normalize())
    out.loc[undated, "how"] = "publication day (the text dates no news)"
    out.loc[undated, "confidence"] = 0.1
    pub = pd.to_datetime(out["published"], errors="coerce", utc=True).dt.tz_localize(None).dt.normalize()
    evd = pd.to_datetime(out["event_date"], errors="coerce")
    lag = (pub - evd).dt.days
    out["lag_days"] = lag.where(out["how"] == "date in the text")
    cols = ["id", "outlet", *([by] if by != "outlet" else []), "published", "event_date", "event_id", "event_label",
            "lag_days", "how", "confidence", "sentence"]
    return out[cols], ev


def _stem_words(text: str) -> list[str]:
    stem = _stemmer().stem
    return [stem(w) for w in content_words(text or "")]


def _infer_same_story(out: pd.DataFrame, articles: pd.DataFrame, best: dict) -> None:
    """Undated articles (no event found) take the main event of the most similar dated article."""
    text_of = {}
    for art in articles.itertuples():
        body = art.body if isinstance(art.body, str) else ""
        head = getattr(art, "headline", "")
        lede = "\n\n".join(body.split("\n\n")[:LEDE_PARAGRAPHS])
        text_of[art.id] = set(_stem_words(f"{head if isinstance(head, str) else ''} {lede}"))
    donors = [aid for aid in best if text_of.get(aid)]
    for k in out.index[out["event_date"].isna()]:
        aid = out.at[k, "id"]
        mine = text_of.get(aid, set())
        if not mine or not donors:
            continue
        sims = [(len(mine & text_of[d]) / len(mine | text_of[d]), d) for d in donors]
        sim, donor = max(sims, key=lambda x: (x[0], x[1]))
        b = best[donor]
        pub = _as_date(out.at[k, "published"])
        if pub is not None and b["event_date"] is not None and not (
                -NEWS_AHEAD_DAYS <= (pub.normalize() - b["event_date"].normalize()).days <= NEWS_PAST_DAYS):
            continue   # the similar article's news is not news on this page's day
        if sim >= SAME_STORY_MIN_SHARED:
            out.loc[k, ["event_date", "event_id", "event_label", "sentence"]] = [b["event_date"], b["event_id"],
                                                                                 b["event_label"], b["sentence"]]
            out.at[k, "confidence"] = round(b["confidence"] * sim, 2)
            out.at[k, "how"] = f"same story as {donor} (inferred)"


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
    m = m.assign(year=pd.to_datetime(m["event_date"]).dt.year.astype(int), _g=_group_column(m[by], by))
    t = m.drop_duplicates(["id", "year"]).pivot_table(index="_g", columns="year", values="id", aggfunc="count", fill_value=0)
    keep = list(t.sum().sort_values(ascending=False).index[:top])
    out = t[sorted(keep)].copy()
    rest = [c for c in t.columns if c not in keep]
    if rest:
        out["other years"] = t[rest].sum(axis=1)
    out.columns = [str(c) for c in out.columns]
    return out.rename_axis(by).reset_index()


# --------------------------------------------------------------------------- orientation, clocks, claims
NEWS_DAY_WINDOW_DAYS = 3   # dates this close to the publication count as "the news day"
SAVED_LATE_DAYS = 30       # a page whose surroundings are this much newer was saved later


def temporal_orientation(articles: pd.DataFrame, *, timexes: pd.DataFrame | None = None,
                         by: str = "outlet") -> pd.DataFrame:
    """Per outlet (or group of ``by``): how far back it reaches and what its dated sentences are about.

    Each body sentence with a DATE is *past* (its date ends more than
    :data:`NEWS_DAY_WINDOW_DAYS` before publication), *news day* (within that
    window) or *future*; sentences without a date are *undated*. Columns:
    ``outlet, articles, sentences, past, news_day, future, undated`` (shares of
    sentences) and ``earliest_year`` (the oldest year a DATE refers to).

    ``by`` is the column of ``articles`` to compare by (``outlet``, ``country`` or any manifest
    column); the first column is named after it.
    """
    if by not in articles.columns:
        raise KeyError(f"by={by!r}: the articles have no such column; columns: {', '.join(articles.columns)}")
    tx = timex_table(articles) if timexes is None else timexes
    dates = tx[tx["type"] == "DATE"]
    dates_of: dict = {}   # id -> (value, start) of its DATEs: one pass, not one filter per article or sentence
    for aid, value, start in zip(dates["id"], dates["value"], dates["start"]):
        dates_of.setdefault(aid, []).append((value, start))
    group_of = (articles["outlet"] if by == "outlet"
                else pd.Series(_groups.clean_values(articles[by]).to_numpy(), index=articles.index))
    rows = []
    for art, group in zip(articles.itertuples(), group_of):
        pub = _as_date(art.published)
        if pub is None or not isinstance(art.body, str):
            continue
        spans = sentence_spans(art.body)
        mine = dates_of.get(art.id, [])
        for s, e in spans:
            starts = [period_start(v) for v, st in mine if s <= st < e]
            starts = [d for d in starts if d is not None]
            if not starts:
                kind = "undated"
            else:
                d = min(starts, key=lambda x: abs((x - pub).days))
                delta = (d - pub.normalize()).days
                kind = "news_day" if abs(delta) <= NEWS_DAY_WINDOW_DAYS else ("past" if delta < 0 else "future")
            rows.append({"_group": group, "id": art.id, "kind": kind,
                         "year": min((x.year for x in starts), default=None)})
    cols = [by, "articles", "sentences", "past", "news_day", "future", "undated", "earliest_year"]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows)
    df["_group"] = _group_column(df["_group"], by)
    shares = pd.crosstab(df["_group"], df["kind"], normalize="index").reindex(
        columns=["past", "news_day", "future", "undated"], fill_value=0.0).round(2)
    out = shares.assign(articles=df.groupby("_group")["id"].nunique(), sentences=df.groupby("_group").size(),
                        earliest_year=df.groupby("_group")["year"].min())
    out = out.rename_axis(by).reset_index()
    out["earliest_year"] = out["earliest_year"].astype("Int64")
    return out[cols].sort_values("earliest_year").reset_index(drop=True)


def page_clocks(articles: pd.DataFrame, lines: pd.DataFrame, *, timexes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Three clocks per page: event time, publication time, capture time.

    * event time: the latest day-precise date the article text refers to at or
      before publication (what the story is about);
    * publication time: from the page header or dateline (``published``);
    * capture time, bounded from below: the latest full date in the material
      *around* the article (sidebars, most-read lists, related headlines, the
      lines the cleaner removed). A page is ``saved_late`` when that bound is more
      than :data:`SAVED_LATE_DAYS` after publication: its surroundings are not what
      readers saw on the day.

    ``timexes`` is :func:`timex_table` of ``articles`` when already made.
    """
    from .meta import parse_dates  # dates with a year, as printed on pages

    tx = timex_table(articles) if timexes is None else timexes
    # each article's DATE values and surrounding lines, split once instead of filtered per article
    dates, around_lines = {}, {}
    date_rows = tx[tx["type"] == "DATE"]
    for aid, value in zip(date_rows["id"], date_rows["value"]):
        dates.setdefault(aid, []).append(value)
    sel = lines[~lines["label"].isin(["body", "blank", "headline", "meta"])]
    for aid, text in zip(sel["id"], sel["text"]):
        around_lines.setdefault(aid, []).append(text)
    rows = []
    for art in articles.itertuples():
        pub = _as_date(art.published)
        days = [period_start(v) for v in dates.get(art.id, []) if granularity(v) == "day"]
        days = [d for d in days if pub is None or d <= pub]
        around = around_lines.get(art.id, [])
        found = [(d["timestamp"], t) for t in around for d in parse_dates(t)]
        found = [(_as_date(ts), t) for ts, t in found]
        if not found:  # no full date around the article: a year in a headline is a weaker bound (1 January)
            found = [(pd.Timestamp(int(y), 1, 1), t) for t in around
                     for y in re.findall(r"\b(20\d\d|19\d\d)\b", t)]
        capture, evidence = max(found, key=lambda x: x[0]) if found else (None, None)
        late = (capture - pub).days if capture is not None and pub is not None else None
        rows.append({"id": art.id, "outlet": art.outlet, "event_time": max(days) if days else None,
                     "published": art.published, "captured_after": capture,
                     "capture_evidence": evidence.strip()[:100] if evidence else None,
                     "saved_late": bool(late is not None and late > SAVED_LATE_DAYS),
                     "days_between_publication_and_capture": late})
    return pd.DataFrame(rows, columns=["id", "outlet", "event_time", "published", "captured_after",
                                       "capture_evidence", "saved_late", "days_between_publication_and_capture"])


_FIRST_CLAIM = re.compile(r"\bfirst\b|\bnot\b[^.]{0,60}\bfor\b|\bno\b[^.]{0,40}\bfor\b|\bnever\b|\bsince\b", re.I)


def first_in_years_claims(articles: pd.DataFrame, *, timexes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims like "the first summit in 12 years" or "have not met for 12 years", resolved to the
    year they imply (publication year minus N), so that claims across outlets can be compared.

    Columns: ``id, outlet, published, claim, years, implied_year, sentence``.
    """
    tx = timex_table(articles) if timexes is None else timexes
    rows = []
    for t in tx[tx["type"] == "DURATION"].itertuples():
        m = re.fullmatch(r"P(\d+(?:\.\d+)?)Y", t.value)
        if not m:
            continue
        idx = t.sentence.find(t.text)
        left = t.sentence[:idx] if idx >= 0 else t.sentence
        if not _FIRST_CLAIM.search(left[-120:]) or not re.search(r"\b(?:in|for)\s+(?:the\s+(?:past|last)\s+)?$", left[-25:]):
            continue
        pub = _as_date(t.published)
        years = float(m.group(1))
        rows.append({"id": t.id, "outlet": t.outlet, "published": t.published,
                     "claim": (left[-80:] + t.text).strip(), "years": years,
                     "implied_year": None if pub is None else int(round(pub.year - years)),
                     "sentence": t.sentence})
    return pd.DataFrame(rows, columns=["id", "outlet", "published", "claim", "years", "implied_year", "sentence"])
