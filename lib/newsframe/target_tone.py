"""Tone toward one target in a news sentence (target-dependent sentiment), with its drivers.

DRAFT - docstring is rewritten at the end.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "target_tone.json"
LABELS = ("negative", "neutral", "positive")
MAX_DRIVERS = 5

_TARGET = "\x00"
_TOKEN_RE = re.compile(r"'s\b|\w+(?:[-']\w+)*|\x00|[^\w\s]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_OPEN_QUOTES = {"\u201c", "\u00ab"}
_CLOSE_QUOTES = {"\u201d", "\u00bb"}
_STRAIGHT_QUOTE = '"'


def tokens_around(sentence: str, start: int, end: int):
    """Tokens of ``sentence`` with the span [start, end) replaced by one placeholder token.

    Returns (tokens, target_index, quoted) where ``tokens`` holds (lowercased, original) pairs
    without the quotation marks and ``quoted`` flags the tokens inside a quotation (curly quotes
    open/close, straight quotes toggle).
    """
    text = (sentence[:start] + " " + _TARGET + " " + sentence[end:]).translate(_APOSTROPHES)
    toks, quoted = [], []
    inside = False
    ti = -1
    for m in _TOKEN_RE.finditer(text):
        t = m.group(0)
        if t in _OPEN_QUOTES:
            inside = True
            continue
        if t in _CLOSE_QUOTES:
            inside = False
            continue
        if t == _STRAIGHT_QUOTE:
            inside = not inside
            continue
        if t == _TARGET:
            ti = len(toks)
        toks.append(t)
        quoted.append(inside)
    return toks, ti, quoted
