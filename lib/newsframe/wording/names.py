"""Name variants: who is called what in each outlet.

:func:`name_mentions` finds runs of capitalised words (joined by "of", "and", "the") and acronyms, cut
after a title word (``data/name_titles.txt``: "Prime Minister Fumio Kishida" counts as "Fumio
Kishida"). :func:`name_variants` groups them (union-find) when (a) their *romanisation skeletons*
match - the first letter of each word part plus its consonants, so "Yoon Suk Yeol", "Yoon Suk-yeol",
"Yoon Seok-youl" all give ``yn sk yl`` - and their letters are similar (difflib ratio); (b) an acronym
matches the initials of a capitalised span, in order anywhere in the corpus or in any order inside one
article (Schwartz and Hearst 2003 use the same letter-matching idea for biomedical abbreviations); (c)
a single word is the first or last word of exactly one longer name (a surname: "Yoon", "Kishida"); (d)
a rare single word with the same skeleton as a frequent one in the same article, one or two letters
apart, is kept as a *near variant* (a possible typo, "Yin" for "Yoon"); (e) the alias file
``data/aliases.csv``, which users extend. Tag lists glued together by the page dump
("Yoon Seok-youlasiaseoul") are split at case changes and at words the corpus already uses.

No package offers name-variant grouping over romanisations; what this cannot do is see that "the pact"
and "GSOMIA" are the same thing.
"""
from __future__ import annotations

import calendar
import os
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations

import pandas as pd

from .. import groups as _groups
from .. import text as nftext
from ..resources import read_lines, read_table
from .sentences import articles_iter

NAME_MIN_RATIO = 0.6            # letter similarity for two names with the same romanisation skeleton
NEAR_VARIANT_MAX_EDITS = 2      # "Yin" vs "Yoon": a near variant is at most this many letters away
NAME_CONNECTORS = {"of", "the", "for", "de", "al"}   # words allowed inside a name ("Ministry of National Defense")
NAME_LABELS = ("tags", "caption")   # page lines searched for names besides the body (headlines are title case)
_VOWELS = set("aeiouyw")
_CALENDAR_WORDS = frozenset(w.lower() for w in list(calendar.day_name) + list(calendar.month_name) if w)
_MONTH_WORDS = frozenset(w.lower() for w in list(calendar.month_name) + list(calendar.month_abbr) + ["Sept"] if w)
_DAY_NUMBER = re.compile(r"\.?\s*\d{1,2}\b")


def _is_date_month(tok: str, toks: list, k: int, norm: str) -> bool:
    """A month name or abbreviation followed by a day number ("Original Nov. 19", "May 3") is a date,
    not part of a name ("Theresa May" stays a name)."""
    if tok.rstrip(".").lower() not in _MONTH_WORDS:
        return False
    return _DAY_NUMBER.match(norm, toks[k][1]) is not None


# Data-file readers, cached per value of NEWSFRAME_DATA so a user file set later is seen.
def _titles():
    return _titles_cached(os.environ.get("NEWSFRAME_DATA", ""))


def _alias_rows():
    return _alias_rows_cached(os.environ.get("NEWSFRAME_DATA", ""))


def country_words():
    return _country_words_cached(os.environ.get("NEWSFRAME_DATA", ""))


# ----------------------------------------------------------------------------- names
@lru_cache(maxsize=4)
def _titles_cached(env: str) -> frozenset[str]:
    return frozenset(read_lines("name_titles.txt"))


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """Romanisation skeleton: per word part, first letter + consonants (no vowels, y, w, h).

    >>> skeleton("Yoon Suk-yeol"), skeleton("Yoon Seok-youl")
    ('yn sk yl', 'yn sk yl')
    """
    parts = [p for p in re.split(r"[\s\-]+", name.lower()) if p]
    out = []
    for p in parts:
        p = re.sub(r"[^a-z]", "", p)
        if p:
            out.append(p[0] + "".join(c for c in p[1:] if c not in _VOWELS and c != "h"))
    return " ".join(out)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper() and any(c.isalpha() for c in tok)


def _is_acronym(tok: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", tok)
    return len(letters) >= 2 and letters.isupper()


# capitalised tokens that are never part of a name: "I" and its contractions, also written without the
# apostrophe ("Ive", "Im": "Facebook Ive" is no name), other contractions without it ("Dont", "Youre"),
# a lone letter ("S", "K")
_NOT_NAME_TOKEN = re.compile(r"I(?:['\u2019]?(?:ve|m|ll|d))?|[A-Za-z]|(?:Do|Does|Did|Is|Was|Are|Were|Has|Have|Had|Could|"
                             r"Would|Should|Ca|Wo)nt|(?:You|They|We)(?:re|ve)")


def capitalised_spans(text: str, *, lowercase_vocab: frozenset = frozenset()) -> list[tuple[int, int, str]]:
    """Runs of capitalised words in ``text`` as ``(start, end, span)``, titles cut off.

    A sentence's first word is dropped when it is a stop word or when the
    corpus also writes it in lower case (``lowercase_vocab``): "Hours before".
    A trailing possessive ``'s`` is dropped.
    """
    norm = nftext.normalize(text)
    out = []
    sw = nftext.stopwords()
    titles = _titles()
    for ss, se in nftext.sentence_spans(norm):
        toks = [(s + ss, e + ss, norm[s + ss:e + ss]) for s, e in nftext.token_spans(norm[ss:se])]
        run: list[tuple[int, int, str]] = []

        def flush():
            while run and run[-1][2].lower() in NAME_CONNECTORS:
                run.pop()
            if run:
                part = list(run)
                while part and part[0][2].lower() in NAME_CONNECTORS:
                    part = part[1:]
                if part:
                    s, e = part[0][0], part[-1][1]
                    span = norm[s:e]
                    if span.endswith("'s"):
                        span, e = span[:-2], e - 2
                    # a lone stop word ("[13] In 1645", "Video: In this talk": a sentence start the
                    # splitter missed) is no name; "WHO", "IT" (acronyms) and "Will Smith" (two words) are
                    lone_stop = len(part) == 1 and span.lower() in sw and not _is_acronym(span)
                    if any(c.isalpha() for c in span) and span.lower() not in _CALENDAR_WORDS and not lone_stop:
                        out.append((s, e, span))
            run.clear()

        seen_alnum = False   # a word before this token in the sentence: it is not the first word
        for k, (s, e, tok) in enumerate(toks):
            first = not seen_alnum
            seen_alnum = seen_alnum or any(c.isalnum() for c in tok)
            if tok in titles or _NOT_NAME_TOKEN.fullmatch(tok) or _is_date_month(tok, toks, k, norm):
                flush()
                continue
            if _is_cap(tok) and not (first and (tok.lower() in sw or tok.lower() in lowercase_vocab)):
                if run and s - run[-1][1] > 1:
                    flush()
                run.append((s, e, tok))
                if tok.endswith("'s"):
                    flush()  # "Elon Musk's SpaceX" is two names
            elif run and tok.lower() in NAME_CONNECTORS and k + 1 < len(toks) and _is_cap(toks[k + 1][2]) \
                    and s - run[-1][1] <= 1:
                run.append((s, e, tok))
            else:
                flush()
        flush()
    return out


def _split_glued_tags(line: str, vocab: frozenset) -> list[str]:
    """Split a tag list glued by the page dump ("Yoon Seok-youlasiaseoulYonhap News") into tags."""
    line = re.sub(r"^\s*tags?\s*:\s*", "", line, flags=re.I)
    parts = re.split(r"(?<=[a-z'])(?=[A-Z])", line)
    tags = []
    for p in parts:
        words = p.split()
        if words:
            last = words[-1]
            tail = []
            stem = last.lower()
            while len(stem) > 6:
                cut = next((w for w in sorted(vocab, key=len, reverse=True)
                            if len(w) >= 4 and stem.endswith(w) and len(stem) - len(w) >= 3), None)
                if cut is None:
                    break
                tail.insert(0, cut)
                stem = stem[:-len(cut)]
            if tail:
                words[-1] = last[:len(stem)]
                tags.append(" ".join(words))
                tags += tail
                continue
        tags.append(p.strip())
    return [t for t in tags if t]


def name_mentions(articles, lines: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every capitalised-name and acronym mention: ``id, outlet, where, mention, start, end``.

    ``where`` is ``body`` or, with ``lines``, the label of a page line
    (headline, tags, caption) that names the story's people too.
    """
    arts = list(articles_iter(articles))
    lower_counts, all_vocab = lowercase_counts(arts, with_vocab=True)   # one pass over the bodies for both
    lower_vocab = frozenset(lower_counts)
    rows = []
    named_lines = _groups.split_by_article(lines[lines["label"].isin(NAME_LABELS)]) if lines is not None and len(lines) else {}
    for aid, outlet, body in arts:
        for s, e, span in capitalised_spans(body, lowercase_vocab=lower_vocab):
            rows.append({"id": aid, "outlet": outlet, "where": "body", "mention": span, "start": s, "end": e})
        if aid in named_lines:
            for r in named_lines[aid].itertuples():
                txt = nftext.normalize(str(r.text)).strip(" •")
                pieces = _split_glued_tags(txt, all_vocab) if r.label == "tags" else [txt]
                for piece in pieces:
                    for s, e, span in capitalised_spans(piece, lowercase_vocab=lower_vocab):
                        rows.append({"id": aid, "outlet": outlet, "where": r.label, "mention": span,
                                     "start": None, "end": None})
    out = pd.DataFrame(rows, columns=["id", "outlet", "where", "mention", "start", "end"])
    out.attrs["lowercase_counts"] = lower_counts   # for name_variants' short forms
    return out


def lowercase_counts(arts, *, with_vocab: bool = False):
    """How often the bodies of ``arts`` (``(id, outlet, body)`` triples) write each word in lower case;
    ``with_vocab``: also the set of all their alphabetic words, lower-cased, from the same pass."""
    counts, vocab = Counter(), set()
    for _, _, body in arts:
        toks = nftext.tokens(body, words_only=True)
        counts.update(t for t in toks if t.islower())
        if with_vocab:
            vocab.update(t.lower() for t in toks if t.isalpha())
    return (counts, frozenset(vocab)) if with_vocab else counts


@lru_cache(maxsize=4)
def _alias_rows_cached(env: str) -> tuple[tuple[str, str], ...]:
    """``data/aliases.csv``, and the names of ``data/agencies.csv`` ("Agence France-Presse" is AFP)."""
    rows = [(r["canonical"], r["variant"]) for r in read_table("aliases.csv")]
    rows += [(r["name"], a.strip()) for r in read_table("agencies.csv") for a in r["aliases"].split("|") if a.strip()]
    return tuple(rows)


def agency_acronyms() -> frozenset[str]:
    """Agencies and outlets that go by an acronym (AFP, AP, ANI): initials no other name expands."""
    return _agency_acronyms_cached(os.environ.get("NEWSFRAME_DATA", ""))


@lru_cache(maxsize=4)
def _agency_acronyms_cached(env: str) -> frozenset[str]:
    return frozenset(variant_key(r["name"]) for r in read_table("agencies.csv") if _is_acronym(r["name"]))


@lru_cache(maxsize=4)
def _country_words_cached(env: str) -> dict[str, str]:
    out = {}
    for r in read_table("countries.csv"):
        for a in r["aliases"].split("|"):
            out[a.strip().lower()] = r["country"]
    return out


@lru_cache(maxsize=100_000)
def _initials(span: str) -> tuple[str, str]:
    words = re.split(r"[\s\-]+", span)
    content = "".join(w[0].lower() for w in words if w and w.lower() not in NAME_CONNECTORS and w[0].isalpha())
    function = "".join(w[0].lower() for w in words if w and w.lower() in NAME_CONNECTORS)
    return content, function


def _acronym_letters(acr: str) -> str:
    return re.sub(r"[^a-z]", "", acr.lower())


@lru_cache(maxsize=100_000)
def _initial_spellings(span: str) -> frozenset[str]:
    """The letter strings an acronym of ``span`` may spell in order: the initials of its content
    words, and of all its words (empty when ``span`` is too short to expand an acronym)."""
    content, _ = _initials(span)
    if len(content) < 2 or len(span.split()) < 2:
        return frozenset()
    return frozenset({content, "".join(c for w in re.split(r"[\s\-]+", span) for c in w[:1].lower())})


def _acronym_matches(acr: str, span: str, *, any_order: bool) -> bool:
    letters = _acronym_letters(acr)
    content, function = _initials(span)
    if len(content) < 2 or len(span.split()) < 2:
        return False
    if letters in _initial_spellings(span):
        return True
    if not any_order:
        return False
    missing = Counter(letters) - Counter(content)
    extra = Counter(content) - Counter(letters)
    return not extra and sum(missing.values()) <= 1 and len(content) >= 3 and \
        all(c in "oatf" + function for c in missing)


class _UnionFind:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def variant_key(mention: str) -> str:
    return nftext.normalize(mention, lower=True).strip()


def name_variants(articles, lines: pd.DataFrame | None = None, *, mentions: pd.DataFrame | None = None,
                  extra_aliases: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Group name mentions into entities; one row per (group, variant, outlet).

    Columns: ``group`` (the most frequent multi-word spelling), ``variant``
    (as written, case-folded variants joined), ``how`` (why it joined the
    group: ``same`` / ``romanisation`` / ``acronym`` / ``expansion`` /
    ``short form`` / ``near variant (possible typo)`` / ``alias``), ``outlet``,
    ``n`` (mentions), ``ids`` (articles), ``n_variants`` (distinct spellings in
    the group). ``extra_aliases``: ``(canonical, variant)`` pairs added to
    ``data/aliases.csv``.
    """
    m = name_mentions(articles, lines) if mentions is None else mentions
    cols = ["group", "variant", "how", "outlet", "n", "ids", "n_variants"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.assign(key=m["mention"].map(variant_key))
    spelled, ids_of = defaultdict(Counter), defaultdict(set)
    for key, mention, aid in zip(m["key"], m["mention"], m["id"]):
        spelled[key][mention] += 1
        ids_of[key].add(aid)
    shown = {k: c.most_common(1)[0][0] for k, c in spelled.items()}   # the commonest spelling, first met on a tie
    freq = Counter(m["key"])
    keys = sorted(freq)
    uf, how = _UnionFind(), {}
    for k in keys:
        uf.find(k)
    multi = [k for k in keys if len(re.split(r"[\s\-]+", k)) >= 2 and not _is_acronym(shown[k])]
    # (a) romanisation skeleton + letter similarity
    by_skel = defaultdict(list)
    for k in multi:
        by_skel[skeleton(k)].append(k)
    for group in by_skel.values():
        for a, b in combinations(group, 2):
            if SequenceMatcher(None, _letters(a), _letters(b)).ratio() >= NAME_MIN_RATIO:
                uf.union(a, b)
                if _letters(a) != _letters(b):
                    how.setdefault(b if freq[b] <= freq[a] else a, "romanisation")
    # (b) acronyms and expansions
    acronyms = [k for k in keys if _is_acronym(shown[k]) and " " not in k]
    # Only two kinds of name can expand an acronym: one whose initials spell it in order, found
    # by looking the letters up, and (any order) one in the same article, found through the
    # article's names. Testing just those gives the same matches as testing every name.
    by_initials, names_in = defaultdict(set), defaultdict(set)
    for k in multi:
        for spelled in _initial_spellings(shown[k]):
            by_initials[spelled].add(k)
        for aid in ids_of[k]:
            names_in[aid].add(k)
    agencies = agency_acronyms()
    for acr in acronyms:
        if any(ch.isdigit() for ch in acr) or acr in agencies:
            continue   # "MP3", "G7", "5G": a product or group name; "AFP": an agency (aliases.csv joins it)
        spelled_in_order = by_initials.get(_acronym_letters(acr), set())
        beside = set().union(*(names_in.get(aid, ()) for aid in ids_of[acr]))
        expansions = []
        for k in sorted(spelled_in_order | beside):
            same_article = k in beside
            # in another article only an acronym of three letters or more spelled by the content words
            # ("LDP": Liberal Democratic Party); initials with a connector ("PDF": Pai de Francesco) or
            # two letters need the name in the same article
            ordered = _acronym_matches(acr, shown[k], any_order=False) and (
                same_article or len(_acronym_letters(acr)) >= 3 and _acronym_letters(acr) == _initials(shown[k])[0])
            if ordered or (same_article and _acronym_matches(acr, shown[k], any_order=True)):
                expansions.append(k)
        # a two-letter acronym with several expansions ("MP": Mike Pence, Met Police) is ambiguous: left alone
        if len(_acronym_letters(acr)) <= 2 and len({uf.find(k) for k in expansions}) > 1:
            continue
        for k in expansions:
            uf.union(acr, k)
            how[k] = "expansion"
            how.setdefault(acr, "acronym")
    # (e) aliases (before short forms, so "US" joins "United States")
    for canonical, variant in list(_alias_rows()) + list(extra_aliases or []):
        ck, vk = variant_key(canonical), variant_key(variant)
        if vk in freq:
            uf.find(ck)
            uf.union(ck, vk)
            how.setdefault(vk, "alias")
    # (c) short forms: a single word that is the first/last word of one longer name
    countries = country_words()
    singles = [k for k in keys if k not in multi and k not in acronyms]
    ends = defaultdict(set)
    for k in multi:
        parts = k.split()
        for w in (parts[0], parts[-1]):
            ends[w].add(uf.find(k))
    lower = m.attrs.get("lowercase_counts")
    if lower is None:   # mentions made elsewhere (a stored table): count again
        lower = lowercase_counts(articles_iter(articles)) if articles is not None else Counter()
    for k in singles:
        if k in countries or len(ends.get(k, ())) != 1:
            continue
        if lower.get(k, 0) >= freq[k]:
            continue   # a common word the corpus mostly writes in lower case ("the Military"): no surname
        uf.union(k, next(iter(ends[k])))
        how.setdefault(k, "short form")
    # (d) near variants: rare single word, same skeleton, <= N letters from a word in the same article
    singles_by_skeleton = defaultdict(list)   # only a single word with the same skeleton can be a near variant
    for k in singles:
        singles_by_skeleton[skeleton(k)].append(k)
    for k in singles:
        if freq[k] > 1 or k in how or k in countries or lower.get(k, 0) >= freq[k]:
            continue   # ("Man" beside "Moon": a common word the corpus writes in lower case, no typo)
        for other in singles_by_skeleton[skeleton(k)]:
            if other == k or freq[other] < 2 or not (ids_of[k] & ids_of[other]):
                continue
            if _edit_distance(k, other) <= NEAR_VARIANT_MAX_EDITS and k[0] == other[0] and len(k) >= 3:
                uf.union(k, other)
                how[k] = "near variant (possible typo)"
                break
    # group label: most frequent multi-word variant, else most frequent
    members = defaultdict(list)
    for k in set(keys) | set(uf.parent):
        members[uf.find(k)].append(k)
    label = {}
    for root, ks in members.items():
        seen = [k for k in ks if k in freq]
        if not seen:
            continue
        canon = [c for c, _ in (list(_alias_rows()) + list(extra_aliases or [])) if variant_key(c) == root]
        best = canon[0] if canon else shown[max(sorted(seen), key=lambda k: (k in multi, freq[k]))]
        label[root] = best
    ids_per_outlet = defaultdict(lambda: defaultdict(list))   # key -> outlet -> article id per mention
    for key, outlet, aid in zip(m["key"], m["outlet"], m["id"]):
        ids_per_outlet[key][outlet].append(aid)
    rows = []
    for key in sorted(ids_per_outlet):
        root = uf.find(key)
        spellings = {k for k in members[root] if k in freq}
        reason = how.get(key, "same")
        lab = variant_key(label[root])
        if key == lab:
            reason = "same"
        elif _letters(key) == _letters(lab):
            reason = "hyphen, space or case"
        elif reason == "same" and skeleton(key) == skeleton(lab):
            reason = "romanisation"
        for outlet, ids in sorted(ids_per_outlet[key].items()):
            rows.append({"group": label[root], "variant": shown[key], "how": reason, "outlet": outlet,
                         "n": len(ids), "ids": ", ".join(sorted(set(ids))), "n_variants": len(spellings)})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_variants", "group", "variant", "outlet"], ascending=[False, True, True, True]).reset_index(drop=True)


VARIANT_GROUP_COLUMNS = _groups.MAX_GROUPS - 1   # variant_table by a group: columns kept, the rest in one "other"
_VARIANT_COLUMNS = frozenset({"group", "variant", "how", "outlet", "n", "ids", "n_variants"})


def _variant_groups(variants: pd.DataFrame, by: str, articles) -> pd.Series:
    """The ``by`` group of each row of :func:`name_variants`, through the articles of its ``ids``.

    A row counts the mentions of one spelling in one outlet; when that outlet's articles of the row
    fall in several groups its count cannot be split between them, and a ValueError says so.
    """
    if by in variants.columns and by not in _VARIANT_COLUMNS:
        return _groups.clean_values(variants[by]).set_axis(variants.index)
    group_of = _groups.group_by_id(articles, by)
    out = []
    for r in variants.itertuples():
        found = {group_of.get(i, _groups.NOT_STATED) for i in str(r.ids).split(", ") if i}
        if len(found) > 1:
            raise ValueError(f"by={by!r}: the {r.n} mentions of {r.variant!r} in {r.outlet!r} come from articles of "
                             f"several groups ({', '.join(sorted(found))}) and cannot be split between them; run "
                             f"name_variants on articles.assign(outlet=articles[{by!r}]) to count per group")
        out.append(found.pop() if found else _groups.NOT_STATED)
    return pd.Series(out, index=variants.index, dtype=object)


def variant_table(variants: pd.DataFrame, *, min_variants: int = 2, by: str = "outlet",
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which outlet (or group) writes which variant: group x variant rows, one column of counts per outlet.

    Only groups with at least ``min_variants`` distinct spellings; ``how`` and ``ids`` kept.
    ``by``: the article column whose values make the count columns (default ``outlet``); another
    column (``country``, a manifest column) is looked up in ``articles`` through each row's ``ids``.
    Then the columns are bounded: with more than :data:`newsframe.groups.MAX_GROUPS` groups the
    :data:`VARIANT_GROUP_COLUMNS` with the most mentions keep a column and the others are summed in
    one ``other (N groups)`` column, last.

    Rows are ordered so that the first ones shown are the names the outlets disagree on most: the
    groups named by the most outlets (or groups) first, then by mentions, then by name; inside a group
    its variants by mentions. (Sorted by name, a corpus of many outlets would open on rare junk.)
    """
    v = variants[variants["n_variants"] >= min_variants]
    if v.empty:
        return pd.DataFrame(columns=["group", "variant", "how", "ids"])
    if by != "outlet":
        g = _variant_groups(v, by, articles)
        v = v.assign(outlet=_groups.lump(g, keep=VARIANT_GROUP_COLUMNS, weights=v["n"]).to_numpy())
    t = v.pivot_table(index=["group", "variant", "how"], columns="outlet", values="n", aggfunc="sum", fill_value=0)
    if by != "outlet":
        t = t[sorted(t.columns, key=lambda c: (_groups.is_other(c), c))]
    ids = v.groupby(["group", "variant", "how"])["ids"].agg(lambda s: ", ".join(sorted(set(", ".join(s).split(", ")))))
    t = t.join(ids).reset_index()
    t.columns.name = None
    counts = t[[c for c in t.columns if c not in ("group", "variant", "how", "ids")]]
    total = counts.sum(axis=1)
    spread = counts.gt(0).groupby(t["group"]).any().sum(axis=1)    # outlets (columns) naming the group
    t = t.assign(_spread=t["group"].map(spread), _mentions=t["group"].map(total.groupby(t["group"]).sum()), _n=total)
    t = t.sort_values(["_spread", "_mentions", "group", "_n", "variant"], ascending=[False, False, True, False, True],
                      kind="stable")
    return t.drop(columns=["_spread", "_mentions", "_n"]).reset_index(drop=True)


def variant_map(variants: pd.DataFrame) -> dict[str, str]:
    """``{lower-cased variant: group}`` for every variant (used to merge counts)."""
    return {variant_key(r.variant): r.group for r in variants.itertuples()}
