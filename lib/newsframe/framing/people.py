"""People named in a text, with their title, role and country.

A person is a title followed by one to three capitalised words (``President Yoon Suk Yeol``,
``Japanese Prime Minister Taro Sato``) or a leader listed in ``data/leaders.csv``. The title's last
words decide the role: a head of state or government, or another official. Words of a longer title
(``Chief Executive``) are no part of the name, and a title with no name left is no person.
:func:`person_mentions` finds later mentions of a person by surname, which the attribution uses to
resolve ``he said`` and the tone model uses to find its targets. This is a rule, not a named-entity
recogniser: people named without a title are found only when a sentence attributes speech to them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import read_table
from ..text import normalize
from .lexicons import country_table, source_cues


# ----------------------------------------------------------------- people
_TITLE_WORDS = ["President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Emperor",
                "Supreme Leader", "leader", "Minister", "Secretary", "Spokesperson", "Spokesman",
                "Ambassador", "Envoy", "Chairman", "Chief", "Commander", "DM", "PM"]
_NAME = r"[A-Z][a-z'\-]+(?:[\s-][A-Z][a-z'\-]+){0,2}"
# capitalised words of a longer title that are no part of a name ("Chief Executive Carrie Lam",
# "Chief Strategy Officer", "Chief Justice"): dropped from the front, and a "name" ending in one is none
_ROLE_WORDS = frozenset("""executive officer officers partner partners justice director directors manager secretary
minister president chairman chairwoman chair spokesman spokeswoman spokesperson chief head editor analyst counsel
commissioner governor ambassador general attorney strategy operating financial technology information marketing
operations solution solutions deputy vice senior assistant associate principal founder""".split())


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted(_TITLE_WORDS, key=len, reverse=True))
    return re.compile(r"(?P<pre>(?:[A-Z][\w.'-]*\s+){0,3})(?P<title>(?:[A-Z][a-z]+\s+)?(?:" + titles + r"))\s+(?P<name>"
                      + _NAME + r")")


def _leaders() -> list[dict]:
    return [dict(r) for r in read_table("leaders.csv")]


def people(text: str) -> list[dict]:
    """People named in ``text``: the seed list ``data/leaders.csv`` plus anyone introduced with a title.

    Each person: ``name``, ``keys`` (the spellings that refer to them), ``role``
    (head_of_state or official), ``country`` (from the demonym before the title
    or the seed list; None when the text does not tell).
    """
    text = normalize(text)
    found: dict[str, dict] = {}
    for row in _leaders():
        keys = [row["name"]] + [a for a in row["aliases"].split("|") if a]
        if any(k in text and re.search(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", text) for k in keys):
            found[row["name"]] = {"name": row["name"], "keys": keys, "role": row["role"], "country": row["country"]}
    a2c, cpat = country_table()
    hos = {c for c in source_cues()["head_of_state"]}
    for m in _title_regex().finditer(text):
        name = re.sub(r"['’]s$", "", m.group("name"))   # "President Yoon's visit": the person is Yoon
        words = name.split()
        while words and words[0].lower() in _ROLE_WORDS:
            words.pop(0)
        if not words or words[-1].lower() in _ROLE_WORDS:
            continue
        name = " ".join(words)
        if name in a2c or name.split()[0] in a2c:
            continue
        known = next((p for p in found.values() if name in p["keys"] or any(k in name.split() for k in p["keys"])), None)
        if known:
            continue
        title = m.group("title")
        pre = m.group("pre") + title
        # the title's last one to three words ("Minister" alone is no head of government, "Prime Minister" is)
        ends = pre.lower().split()
        role = "head_of_state" if any(" ".join(ends[-k:]) in hos for k in (1, 2, 3)) else "official"
        cm = list(cpat.finditer(pre))
        country = a2c[cm[-1].group(0)] if cm else None
        toks = [t for t in re.split(r"[\s]", name) if len(t) > 2]
        found[name] = {"name": name, "keys": [name] + toks[-1:] + toks[:1], "role": role, "country": country}
    return list(found.values())


def person_mentions(text: str, persons: list[dict]) -> list[tuple[int, int, str]]:
    """(start, end, person name) for every mention of a known person in ``text``."""
    keys = sorted({(k, p["name"]) for p in persons for k in p["keys"]}, key=lambda kv: -len(kv[0]))
    taken, out = [], []
    for k, name in keys:
        if k not in text:   # (a cheap test first: the expression below starts with a look-behind)
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            out.append((m.start(), m.end(), name))
    return sorted(out)
