"""Make untrusted archive text inert wherever it is rendered.

`myst(text)` backslash-escapes every character that could start MyST or CommonMark syntax
(roles, directives, raw HTML, links, math, substitutions, emphasis, comments, targets), so the
text renders as itself. `html(text)` is the HTML counterpart; `url(value)` keeps only http(s).
"""
from __future__ import annotations

import html as _html
import re
from urllib.parse import quote

# ASCII punctuation with a meaning in CommonMark or MyST, anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|$~!&^%+=:@])")
# Block syntax that only matters at the start of a line: lists, thematic breaks, targets.
_LINE_START = re.compile(r"^(\s*)([-+(])")
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])")


def myst(text: str) -> str:
    """Escape one paragraph (newlines fold to spaces) so MyST renders it as plain text."""
    flat = " ".join(str(text).split())
    escaped = _INLINE.sub(_backslashed, flat)
    if escaped[:1] in ("-", "(") or escaped[:1].isdecimal():  # what the two patterns can still match
        escaped = _LINE_START.sub(r"\1\\\2", escaped)
        escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return escaped


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group()  # a function is faster than the template r"\\\1"


def printable(text: str) -> str:
    """Text without control characters, safe to print to a terminal."""
    return "".join(ch for ch in text if ch.isprintable())


def html(text: str) -> str:
    return _html.escape(" ".join(str(text).split()), quote=True)


def url(value: str | None) -> str | None:
    """An http(s) URL made safe for a Markdown link destination, else None."""
    if not value or not re.match(r"^https?://[^\s]+$", value, re.IGNORECASE):
        return None
    return quote(value, safe=":/?#=&;%.-_~+,@!$*'")
