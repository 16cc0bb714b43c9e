"""A cheap test before a case-insensitive regular expression: is its literal text there at all?

`folded(text)` lowercases a text so that it contains every ASCII literal that `re.IGNORECASE` can
match in it; `literal in folded(text)` (a fast substring search) then rules most patterns out.
"""
from __future__ import annotations

# Characters beyond ASCII that re.IGNORECASE matches to an ASCII letter; test_glossary checks all of
# Unicode. Capital dotted I is replaced before lowercasing (it lowercases to two characters).
IGNORECASE_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"}


def folded(text: str) -> str:
    """The text in lowercase, character for character (the same length, each at its place)."""
    if text.isascii():
        return text.lower()
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    text = text.lower()
    for char in ("\u0131", "\u017f"):  # the Kelvin sign lowercases to 'k' already
        if char in text:
            text = text.replace(char, IGNORECASE_TO_ASCII[char])
    return text


def required_text(literal: str) -> str | None:
    """What a folded text must contain for `literal` to occur in it case-insensitively; None when
    there is no such cheap test (a literal beyond ASCII)."""
    return literal.lower() if literal.isascii() else None
