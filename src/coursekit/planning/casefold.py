"""A cheap test before a case-insensitive regular expression: is its literal text there at all?

`folded(text)` lowercases a text so that it contains every ASCII literal that `re.IGNORECASE` can
match in it; `literal in folded(text)` (a fast substring search) then rules most patterns out.
"""
from __future__ import annotations


def folded(text: str) -> str:
    """The text in lowercase, character for character (the same length, each at its place).

    Beyond ASCII, re.IGNORECASE matches four characters to an ASCII letter (test_glossary checks all of
    Unicode): dotted capital I (replaced before lowercasing, which would make it two characters), dotless i
    and long s (replaced after), and the Kelvin sign (which lowercases to 'k').
    """
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


def required_text(literal: str) -> str | None:
    """What a folded text must contain for `literal` to occur in it case-insensitively; None when
    there is no such cheap test (a literal beyond ASCII)."""
    return literal.lower() if literal.isascii() else None
