"""Bytes to text: decoding, mojibake repair and HTML handed in as text.

The first step of reading a page (:func:`newsframe.load_corpus` and the input formats of
:mod:`newsframe.reading.formats` both call it):

1. :func:`decode_raw` decodes the bytes: UTF-8, UTF-8 with BOM, then the encoding
   ``charset-normalizer`` detects (Western single-byte guesses are read as cp1252, their superset),
   and rejects empty, binary or undecodable input with an :class:`InputError` naming the file;
2. :func:`repair_text` repairs mojibake such as ``â€™`` with ``ftfy`` (Speer 2019), passing lines
   that ftfy would leave unchanged through untouched, which makes it several times faster;
3. :func:`looks_like_html` and :func:`html_to_text` turn an HTML page handed in as text into its
   visible text, one block per line.

:func:`decode_bytes` does all three and returns ``(text, notes)``, the notes saying what was repaired.
This module sits at the bottom of the reading layer: it imports nothing else of newsframe.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

# Single-byte encodings that charset detection confuses on short Western text;
# all are read as cp1252, the superset that also maps curly quotes in 0x80-0x9f.
WESTERN_SINGLE_BYTE = {"ascii", "latin_1", "iso8859_1", "iso8859_2", "iso8859_15", "cp1250", "cp1252",
                       "mac_roman", "mac_latin2", "cp850", "cp437"}



class InputError(ValueError):
    """A file that cannot be turned into text (empty, binary, undecodable)."""


class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "header", "footer", "nav", "aside", "blockquote", "figcaption", "title"}
    SKIP = {"script", "style", "noscript", "template", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, one block element per line (stdlib parser)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [ln.strip() for ln in "".join(parser.parts).split("\n")]
    out, blank = [], False
    for ln in lines:
        if ln:
            out.append(ln)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip("\n")


_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|span|script|a\s+href|meta|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than a text dump (many HTML tags at the top)."""
    head = text[:20000]
    return len(_HTML_TAG.findall(head)) >= 3 and head.lstrip()[:1] == "<" or bool(
        re.match(r"\s*<!doctype html|\s*<html", head, re.I))


# A line of printable ASCII without "<" (and no control character), plus the
# usual typographic dashes, curly quotes, bullet and ellipsis, and without an
# HTML entity (ftfy's own pattern: "&amp;", "&#39;"; a bare "&" as in "Q&A" is
# none), is a line ftfy leaves as it is: with no Latin-1 character there is no
# UTF-8 lead byte to start mojibake, and nothing is an entity, a control code,
# a ligature or a combining mark. Skipping ftfy on such lines makes repair
# cheap; tests/test_corpus.py checks the result equals ftfy's on every page at hand.
_PLAIN_SEGMENT = re.compile(r"[\t\x20-\x3b\x3d-\x7e\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]*\n?")
_HTML_ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,24};")   # ftfy.chardata.HTML_ENTITY_RE
# what makes a line not plain: a character outside _PLAIN_SEGMENT's class (a newline ends the line), or an entity
_NOT_PLAIN = re.compile(r"[^\t\n\x20-\x3b\x3d-\x7e\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]|" + _HTML_ENTITY.pattern)
FTFY_OPTIONS = dict(uncurl_quotes=False, fix_line_breaks=True, normalization="NFC", fix_character_width=False)


@lru_cache(maxsize=1)
def _ftfy_unchanged_test():
    """A test true for a line ftfy (with :data:`FTFY_OPTIONS`) returns unchanged, from ftfy's own
    tables: no character one of its fixers replaces (control characters, C1 controls, ligatures,
    line and paragraph separators, carriage returns, surrogates; escape sequences start with a control
    character), no HTML entity, already NFC, and not mojibake by ftfy's ``is_bad``. Each step of
    ``fix_and_explain`` then leaves the line as it is, so ftfy returns it unchanged."""
    import unicodedata

    from ftfy import chardata
    from ftfy.badness import is_bad

    codes = set(chardata.CONTROL_CHARS) | set(chardata.LIGATURES) | set(range(0x80, 0xA0)) | {0x0D, 0x2028, 0x2029}
    changed = re.compile("[" + "".join(f"\\u{c:04x}" for c in sorted(codes)) + "\\ud800-\\udfff]").search
    entity = _HTML_ENTITY.search

    def unchanged(segment: str) -> bool:
        return (changed(segment) is None and ("&" not in segment or entity(segment) is None)
                and unicodedata.is_normalized("NFC", segment) and not is_bad(segment))

    return unchanged


def repair_text(text: str) -> str:
    """``ftfy.fix_text(text, **FTFY_OPTIONS)``, the same result, several times faster.

    ftfy fixes text line by line; lines that are plain printable ASCII, or
    that pass :func:`_ftfy_unchanged_test`, are passed through untouched (ftfy
    would not change them), the others go to ftfy with the same configuration
    it would have at that point (it stops unescaping HTML entities after the
    first line containing ``<``). The lines that are not plain are found with
    one search over the whole text (:data:`_NOT_PLAIN`), so plain lines cost no
    Python step each.
    """
    from ftfy import TextFixerConfig, fix_and_explain

    unchanged = _ftfy_unchanged_test()
    config = TextFixerConfig(explain=False, **FTFY_OPTIONS)
    n = len(text)
    if n > config.max_decode_length:   # ftfy would cut a long line into pieces: let it do all of it
        return _repair_lines(text, config, unchanged)
    out, pos = [], 0
    search = _NOT_PLAIN.search
    while (m := search(text, pos)) is not None:
        start = text.rfind("\n", pos, m.start()) + 1 or pos   # the line holding it (pos starts a line)
        brk = text.find("\n", m.start()) + 1 or n
        out.append(text[pos:start])                           # plain lines, as they are
        segment = text[start:brk]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)   # (as ftfy.fix_text does, for every line after)
        out.append(segment if unchanged(segment) else fix_and_explain(segment, config)[0])
        pos = brk
    out.append(text[pos:])
    return "".join(out)


def _repair_lines(text: str, config, unchanged) -> str:
    """:func:`repair_text` one line at a time, cutting lines as ftfy does (``max_decode_length``)."""
    from ftfy import fix_and_explain

    out, pos, n = [], 0, len(text)
    while pos < n:
        brk = text.find("\n", pos) + 1 or n
        if brk - pos > config.max_decode_length:
            brk = pos + config.max_decode_length
        segment = text[pos:brk]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)   # (as ftfy.fix_text does, for every line after)
        if (_PLAIN_SEGMENT.fullmatch(segment) and ("&" not in segment or _HTML_ENTITY.search(segment) is None)) \
                or unchanged(segment):
            out.append(segment)
        else:
            out.append(fix_and_explain(segment, config)[0])
        pos = brk
    return "".join(out)


def decode_raw(data: bytes, name: str = "<bytes>", *, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes to text without repairs: ``(text, notes)``; raise :class:`InputError`.

    UTF-8 (with or without byte-order mark) and UTF-16 with a byte-order mark
    first; otherwise the ``declared`` encoding (e.g. an HTML page's
    ``<meta charset>``) when it is a real one and not UTF, else the encoding
    ``charset-normalizer`` detects; Western single-byte guesses are read as
    cp1252, with replacement characters as the last resort.
    """
    if not data:
        raise InputError(f"{name}: empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary file (NUL bytes), not a text dump")
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        notes.append("UTF-8 byte-order mark removed")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        notes.append("decoded as UTF-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            import codecs

            enc = None
            if declared:
                try:
                    enc = codecs.lookup(declared).name
                except LookupError:
                    enc = None
                if enc in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
                    enc = None  # the declaration is wrong: the bytes are not UTF-8
            if enc is None:
                from charset_normalizer import from_bytes

                best = from_bytes(data).best()
                enc = best.encoding if best is not None else "cp1252"
            if enc in WESTERN_SINGLE_BYTE or enc in ("iso8859-1", "latin-1", "windows-1252"):
                enc = "cp1252"  # detection is unsure between these on short text; cp1252 is the web's usual one
            try:
                text = data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                text = data.decode("cp1252", errors="replace")
                enc = "cp1252 (with replacement characters)"
            notes.append(f"not UTF-8: decoded as {enc}")
    if not text.strip():
        raise InputError(f"{name}: contains only whitespace")
    return text, notes


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode raw bytes to text (:func:`decode_raw`), repair mojibake (:func:`repair_text`)
    and turn HTML handed in as text into visible text; return ``(text, notes)``."""
    text, notes = decode_raw(data, name)
    fixed = repair_text(text)
    if fixed != text.replace("\r\n", "\n").replace("\r", "\n"):
        notes.append("mojibake or control characters repaired (ftfy)")
    text = fixed.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("HTML given as text: converted to visible text")
        if not text.strip():
            raise InputError(f"{name}: HTML without visible text")
    return text, notes
