"""Event mentions and events: what happened when, across outlets.

An **event mention** is a body sentence that holds a DATE time expression (from
:func:`newsframe.timing.find_timexes`, anchored at the article's publication date) and a *trigger* word
saying what happened then (summit, talks, launch, meeting, agreement, speech ...;
``data/event_triggers.csv``), with the *participants* the sentence names (runs of capitalised words:
countries, people, institutions).

Mentions from **different articles** are the same **event** when their dates are compatible (the same
day, or one date containing the other: ``2023-03`` contains ``2023-03-16``) and they share enough
content words (at least :data:`MIN_SHARED_WORDS` Porter stems, trigger and participants included). This
is single-link clustering with a union-find, deliberately simple so a student can check every link in
the evidence table; :func:`readable_label` names an event by its trigger and the names its articles
share most.

Hand-written: event extraction libraries for English news (e.g. EventPlus) need trained neural models
and downloads; a transparent rule is enough for a classroom corpus and is easy to audit.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .. import groups as _groups
from ..resources import read_table
from ..stored import reads_stored
from ..text import content_words, sentences_by_article, sentences_of, stopwords
from .timex import find_timexes

MIN_SHARED_WORDS = 3       # content words two mentions must share to be one event
LABEL_PARTICIPANTS = 3     # participants shown in an event's label
GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}

_TIME_WORDS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
                        "May June July August September October November December Now Today Yesterday Last Next "
                        "Earlier Later Meanwhile Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_CLOCK_WORDS = frozenset("AM PM GMT UTC EST EDT PST PDT CET CEST BST KST JST IST".split())   # not names
_CAPS = re.compile(r"\b(?:[A-Z][\w'’.-]*[a-z][\w'’.-]*|[A-Z]{2,}[\w-]*)(?:\s+(?:of\s+|the\s+|de\s+)?(?:[A-Z][\w'’.-]*|[A-Z]{2,}))*")


@lru_cache(maxsize=1)
def triggers() -> dict[str, str]:
    """Trigger word (lower case) -> event kind, from ``data/event_triggers.csv``."""
    return {r["word"].lower(): r["kind"] for r in read_table("event_triggers.csv")}


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern:
    words = sorted(triggers(), key=len, reverse=True)
    # not inside a compound or a contraction ("fire-control", "Won-sik", "won't")
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b(?![-'\u2019]\w)", re.I)


_SAYING_KINDS = frozenset({"report", "statement"})


_GRANULARITIES = tuple((name, re.compile(p)) for name, p in (
    ("day", r"\d{4}-\d\d-\d\d"), ("week", r"\d{4}-W\d{1,2}"), ("month", r"\d{4}-\d\d"),
    ("season", r"\d{4}-(?:SP|SU|FA|WI)"), ("quarter", r"\d{4}-Q[1-4]"), ("year", r"\d{4}"), ("decade", r"\d{3}")))


def granularity(value: str) -> str | None:
    """Granularity of a TimeML DATE value: day, week, month, season, quarter, year, decade (else None)."""
    return next((name for name, pat in _GRANULARITIES if pat.fullmatch(value)), None)


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
        words = re.sub(r"['’]s\b", "", span).split()
        while words and (words[-1] in _TIME_WORDS or words[-1] in _CLOCK_WORDS):   # "9 PM Wednesday"
            words.pop()
        while words and words[0] in _CLOCK_WORDS:
            words.pop(0)
        span = " ".join(words) if words != span.split() else span
        if not span or span in _TIME_WORDS or span.lower() in sw:
            continue
        out.append(span)
    return list(dict.fromkeys(out))


def as_date(ts) -> pd.Timestamp | None:
    if ts is None or (not isinstance(ts, pd.Timestamp) and pd.isna(ts)):
        return None
    ts = pd.Timestamp(ts)
    return ts.tz_localize(None) if ts.tzinfo else ts


@reads_stored("timexes", depends_on=("body", "published", "outlet"))
def timex_table(articles: pd.DataFrame, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every time expression in every body, anchored at the article's publication date.

    Columns: ``id, outlet, published, sentence, text, type, value, rule, anchor, start, end``
    (offsets into the body). Articles without a publication date are left out (nothing to anchor).
    """
    rows = []
    given = sentences_by_article(sentences)
    for art in articles.itertuples():
        pub = as_date(art.published)
        if pub is None or not isinstance(art.body, str):
            continue
        spans = [(r["start"], r["end"]) for r in sentences_of(given, art.id, art.body)]
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
        # the event named by a noun where the sentence has one ("signed an accord": accord); a reporting
        # verb ("said", kind report) only when nothing else names the event
        kinds = triggers()
        named = [f for f in found if kinds[f.group(0).lower()] != "report"] or found
        m = next((f for f in named if not f.group(0).lower().endswith(("ed", "ing"))), named[0])
        rows.append({"id": t.id, "outlet": t.outlet, "published": t.published, "date_value": t.value,
                     "granularity": g, "event_date": period_start(t.value), "trigger": m.group(0).lower(),
                     "kind": kinds[m.group(0).lower()], "participants": participants(t.sentence),
                     "sentence": t.sentence, "timex": t.text})
    cols = ["id", "outlet", "published", "date_value", "granularity", "event_date", "trigger", "kind",
            "participants", "sentence", "timex"]
    return pd.DataFrame(rows, columns=cols)


@lru_cache(maxsize=1)
def porter_stemmer():
    from nltk.stem import PorterStemmer  # rule-based, needs no downloaded data

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of ``word`` (a corpus repeats its words: each is stemmed once)."""
    return porter_stemmer().stem(word)


def mention_words(row) -> set[str]:
    """Stemmed content words of a mention's sentence, its time expression left out."""
    skip = {w.lower() for w in re.findall(r"\w+", row.timex)}
    return {stem(w) for w in content_words(row.sentence) if w not in skip}


def mention_keys(row) -> set[str]:
    """The words that name a mention's event: the stemmed words of its names (:func:`participants`)
    and its event word (its ``trigger``)."""
    names = row.participants if isinstance(row.participants, (list, tuple)) else []
    return {stem(w) for p in names for w in content_words(p)} | {stem(str(row.trigger).lower())}


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


def word_matrix(sets: list[set], vocab: dict | None = None):
    """A 0/1 sparse matrix (scipy CSR), one row per set, one column per word (numbered in ``vocab``,
    filled as words are met; a new one when not given): row products count shared words."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab = {} if vocab is None else vocab
    indptr, indices = [0], []
    for ws in sets:
        indices += [vocab.setdefault(w, len(vocab)) for w in sorted(ws)]
        indptr.append(len(indices))
    return csr_matrix((np.ones(len(indices), dtype=np.int32), np.asarray(indices, dtype=np.int64), indptr),
                      shape=(len(sets), max(len(vocab), 1)))


def _mention_components(values: list[str], words: list[set], min_shared_words: int,
                        keys: list[set] | None = None) -> list[int]:
    """For each mention, the number of its event: groups of mentions linked when their dates are
    :func:`compatible` and their sentences share ``min_shared_words`` words; a group that holds two
    dates no one date contains is split by date (:func:`_split_distinct_days`).

    The shared words of all pairs are counted as a sparse product (scipy) of the mention x word
    matrix with itself, :data:`MENTION_BLOCK` mentions at a time, and the groups are the connected
    components of the links: the events of comparing every pair in Python, at the cost of the pairs
    that share a word. With ``keys`` (per mention: the words of its names and its event word), a link
    also needs one shared key word, so that three common words ("plan", "people", "accused") do not
    make one event of two stories that name nothing in common (not when every pair is linked,
    ``min_shared_words <= 0``).
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(values)
    codes, pairs = _compatible_codes(values)
    codes = np.asarray(codes)
    link_all = min_shared_words <= 0
    if link_all:   # every compatible pair is linked, shared words or not
        words = [w | {""} for w in words]
        min_shared_words = 1
    x = word_matrix(words)
    xt = x.T.tocsr()
    kx = kxt = None
    if keys is not None and not link_all and n:
        kx = word_matrix(keys)
        kxt = kx.T.tocsr()
    same = np.zeros((codes.max() + 1,) * 2, dtype=bool) if n else np.zeros((0, 0), dtype=bool)
    for a, b in pairs:
        same[a, b] = True
    left, right, counts = [], [], []
    for start in range(0, n, MENTION_BLOCK):
        shared = (x[start:start + MENTION_BLOCK] @ xt).tocoo()
        i, j, k = shared.row + start, shared.col, shared.data
        keep = (j > i) & (k >= min_shared_words)
        i, j, k = i[keep], j[keep], k[keep]
        keep = same[codes[i], codes[j]]
        if kx is not None and keep.any():   # a shared name or event word too
            key_shared = (kx[start:start + MENTION_BLOCK] @ kxt).tocsr()
            keep &= np.asarray(key_shared[i - start, j]).ravel() > 0
        left.append(i[keep])
        right.append(j[keep])
        counts.append(k[keep])
    i = np.concatenate(left) if left else np.zeros(0, dtype=np.int64)
    j = np.concatenate(right) if right else np.zeros(0, dtype=np.int64)
    k = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    graph = csr_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    component = connected_components(graph, directed=False)[1]
    return _split_distinct_days(component, codes, same, i, j, k, sorted(set(values)))


def _split_distinct_days(component, codes, same, i, j, shared, code_values) -> list[int]:
    """Split a group of linked mentions that holds dates no one date contains (October 23 and October 25,
    chained by an "October" that both fit): one group per finest date, and each coarser mention goes to
    the finest date it fits whose mentions share most words with it (links ``i - j``, ``shared`` words;
    ties: the date with more mentions, then the one met first). ``code_values``: the date value of each
    code. Numbered by their first mention."""
    members: dict[int, list[int]] = {}
    for m, c in enumerate(component.tolist()):
        members.setdefault(c, []).append(m)
    links: dict[int, dict[int, int]] = {}
    for a, b, w in zip(i.tolist(), j.tolist(), shared.tolist()):
        links.setdefault(a, {})[b] = w
        links.setdefault(b, {})[a] = w
    label = component.tolist()
    for ms in members.values():
        values = {int(codes[m]) for m in ms}
        finest = sorted(v for v in values   # contained in no other date of the group
                        if not any(u != v and same[u, v] and code_values[u].startswith(code_values[v]) for u in values))
        if len(finest) < 2:
            continue
        first = {v: min(m for m in ms if codes[m] == v) for v in finest}
        size = {v: sum(1 for m in ms if codes[m] == v) for v in finest}
        for m in ms:
            v = int(codes[m])
            if v not in first:
                fits = [f for f in finest if same[v, f]] or finest
                score = {f: sum(w for o, w in links.get(m, {}).items() if codes[o] == f) for f in fits}
                v = max(fits, key=lambda f: (score[f], size[f], -first[f]))
            label[m] = len(label) + first[v]     # a number no first stage group has
    number: dict[int, int] = {}
    return [number.setdefault(g, len(number)) for g in label]


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
    component = _mention_components([r.date_value for r in rows], [mention_words(r) for r in rows], min_shared_words,
                                    keys=[mention_keys(r) for r in rows])
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
        # (what happened before who said it: a statement word names the event only when nothing else does)
        said = sub["kind"].isin(_SAYING_KINDS)
        trig = (sub[~said] if (~said).any() else sub)["trigger"].value_counts().index[0]
        # (the label names the event with a noun when one is nearly as frequent: "accord", not "signed")
        counts = sub[~said].drop_duplicates(["id", "trigger"])["trigger"].value_counts() if (~said).any() else \
            sub.drop_duplicates(["id", "trigger"])["trigger"].value_counts()
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
    from ..resources import read_lines

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
    # (more articles first; at equal counts places before institutions: a name two articles share beats
    # a list of countries one article gives, "Chromecast Ultra launch", not "Belgium–Canada launch")
    ranked = sorted(counts, key=lambda n: (-counts[n], n[0] != "place", n[1]))
    people = [n for k, n in ranked if k == "person"]
    places = [n for k, n in ranked if k == "place"]
    actors = list(dict.fromkeys(people))[:2] or list(dict.fromkeys(n for k, n in ranked if k in ("place", "other")))[:2]
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


def group_labels(values: pd.Series, by: str) -> pd.Series:
    """Group names as shown in summaries: a blank outlet is "(unknown outlet)" (as always), any other
    blank group :data:`newsframe.groups.NOT_STATED`."""
    if by == "outlet":
        return values.where(values.map(lambda o: isinstance(o, str) and bool(o.strip())), "(unknown outlet)")
    return pd.Series(_groups.clean_values(values).to_numpy(), index=values.index)
ROLE_NEWS, ROLE_BACKGROUND = "news", "background"
