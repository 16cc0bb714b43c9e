"""A cheap test before a case-insensitive regular expression: is its literal text there at all?

`folded(text)` lowercases a text so that it contains every ASCII literal that `re.IGNORECASE` can
match in it; `literal in folded(text)` (a fast substring search) then rules most patterns out.
`literal_prefix(pattern)` is the literal that every match of a regular expression starts with.
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


def may_contain(literal: str, folded_text: str) -> bool:
    """False only when `literal` (matched case-insensitively) cannot occur in the folded text."""
    return not literal.isascii() or literal.lower() in folded_text


REGEX_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def literal_prefix(pattern: str) -> str:
    """The ASCII text (lowercase) that every match of `pattern` starts with; '' when there is none."""
    if _top_level_bar(pattern):
        return ""
    prefix = ""
    for char in pattern:
        if char in REGEX_SPECIAL or not char.isascii():
            if char in "*?{":  # the character before is optional
                prefix = prefix[:-1]
            break
        prefix += char
    return prefix.lower()


def _top_level_bar(pattern: str) -> bool:
    """Does `pattern` have an alternative outside any group ('a|b')?"""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if pattern[i + 1 : i + 2] == "^" else 0
            i += 1 if pattern[i + 1 : i + 2] == "]" else 0  # a ']' first in a class is literal
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False
