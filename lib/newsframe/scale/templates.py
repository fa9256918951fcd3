"""Site templates across partitions: hashed page lines, and the outlet agreement of a site's pages.

A line that repeats on the pages of one outlet (menus, footers, "Read more" lists) is a template of
that site, not part of any article (:func:`newsframe.reading.corpus.site_template_lines` is the rule
on texts). In a build no process holds all the pages, so each page's normalised lines travel as
64-bit hashes: :func:`key_hashes` of the lines, :func:`keyed_hashes` with the outlet mixed in (the
splitmix64 finaliser of Steele, Lea and Flood 2014 over the XOR of the two), so that the driver can
re-key a page whose outlet the site agreement changed (:func:`agree_on_site_outlets`, the rule of
:func:`newsframe.reading.corpus.agree_on_outlets`) without its text; :func:`repeated_hashes` keeps
the (outlet, line) hashes met in two or more stories.
"""
from __future__ import annotations

import hashlib

import numpy as np


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def key_hashes(keys) -> np.ndarray:
    """64-bit hashes of normalised lines, the same in every process (no outlet in them yet)."""
    keys = list(keys)
    return np.fromiter((_hash64(k) for k in keys), dtype=np.uint64, count=len(keys))


def keyed_hashes(outlet: str, hashes: np.ndarray) -> np.ndarray:
    """The (outlet, line) hashes of lines with :func:`key_hashes` ``hashes``: the outlet's hash mixed
    in (the splitmix64 finaliser), so the driver can re-key a page whose outlet the site agreement
    changed without its text."""
    z = np.asarray(hashes, dtype=np.uint64) ^ np.uint64(_hash64(f"outlet\x00{outlet}"))
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def line_hash(outlet: str, key: str) -> int:
    """64-bit hash of an (outlet, normalised line) pair, the same in every process."""
    return int(keyed_hashes(outlet, key_hashes([key]))[0])


def agree_on_site_outlets(first: list[dict]) -> dict[int, dict[int, str]]:
    """The site agreement of :func:`newsframe.reading.corpus.agree_on_outlets` over the results of
    pass 1 (in corpus order, as ``load_corpus`` does it): ``{partition: {position: outlet}}`` for the
    guessed pages whose outlet changed. Their line hashes in ``first`` are re-keyed in place, so the
    site templates are counted with the agreed outlets."""
    from ..reading.corpus import agree_on_site_outlets as agree

    where, signatures, outlets, unkeyed = [], [], [], []
    for r in first:
        for pos, sig, hashes in r["guessed"]:
            where.append((r["index"], pos))
            signatures.append(sig)
            outlets.append(r["outlets"][pos])
            unkeyed.append(hashes)
    agreed = agree(signatures, outlets, [True] * len(outlets))
    fixes: dict[int, dict[int, str]] = {}
    by_index = {r["index"]: r for r in first}
    for (index, pos), old, new, hashes in zip(where, outlets, agreed, unkeyed):
        if new != old:
            fixes.setdefault(index, {})[pos] = new
            r = by_index[index]
            r["outlets"][pos] = new
            r["page_hashes"][pos] = np.unique(keyed_hashes(new, hashes)) if new else np.zeros(0, dtype=np.uint64)
    return fixes


def repeated_hashes(results, groups: list[int]) -> np.ndarray:
    """Sorted hashes seen on two or more stories (pages telling the same story count once).

    The same rule as :func:`newsframe.reading.corpus.site_template_lines`, on hashes:
    pages are grouped with :func:`newsframe.reading.corpus.story_groups`' method
    (``groups``: each page's group leader, made by the driver with
    :class:`newsframe.reading.dedup.SimilarGroups` as the results came in), each group
    contributes the union of its pages' lines.
    """
    page_hashes = [h for r in results for h in r["page_hashes"]]
    groups = np.asarray(groups, dtype=np.uint64)
    lengths = [len(h) for h in page_hashes]
    if not sum(lengths):
        return np.zeros(0, dtype=np.uint64)
    hashes, owners = np.concatenate(page_hashes), np.repeat(groups, lengths)
    # each line once per story group: sort by (hash, group), keep the first row of each pair
    # (a two-key lexsort is three times faster than np.unique over rows)
    order = np.lexsort((owners, hashes))
    hashes, owners = hashes[order], owners[order]
    first = np.empty(len(hashes), dtype=bool)
    first[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=first[1:])
    first[1:] |= owners[1:] != owners[:-1]
    values, counts = np.unique(hashes[first], return_counts=True)
    return values[counts >= 2]
