"""A cheap test before a case-insensitive regular expression: is its literal text there at all?

`folded(text)` lowercases a text so that it contains every ASCII literal that `re.IGNORECASE` can
match in it; `literal in folded(text)` (a fast substring search) then rules most patterns out.
`literal_prefixes(pattern)` are the literals one of which every match of a regular expression
starts with.
"""
from __future__ import annotations

import os
import re
from typing import Iterable
from re import _constants, _parser  # the parser that re.compile uses (Python 3.11+)

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


MAX_PREFIXES = 32  # more alternatives than this and a pattern is searched without a cheap test
MERGE_AT = 4  # prefixes that share this many characters are looked for by what they share


def literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """Texts (ASCII, lowercase) one of which every match of `pattern` starts with, sorted; None when
    there is no such short list: 'harms?' -> ('harm',); '(?:working )?alliance' -> ('alliance',
    'working alliance'); '[a-z]+' -> None. Read from the parsed pattern, the regex engine's own view."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    prefixes, _ = _starts(list(parsed))
    if prefixes is None or "" in prefixes:
        return None
    return merged_prefixes(prefixes)


def merged_prefixes(texts: Iterable[str]) -> tuple[str, ...]:
    """Fewer texts to look for (each is a scan of the text) such that each of `texts` starts with one:
    texts that share their first MERGE_AT characters or more are looked for by what they share."""
    merged: list[str] = []
    for text in sorted(set(texts)):
        shared = os.path.commonprefix([merged[-1], text]) if merged else ""
        if merged and (shared == merged[-1] or len(shared) >= MERGE_AT):
            merged[-1] = shared
        else:
            merged.append(text)
    return tuple(merged)


Starts = tuple["set[str] | None", bool]  # the prefixes so far (None: too many), and whether they are whole


def _starts(items: list) -> Starts:
    """The literal prefixes of a sequence of parsed items, and whether they cover it completely."""
    prefixes: set[str] | None = {""}
    for op, value in items:
        options, whole = _item_starts(op, value)
        prefixes = _joined(prefixes, options)
        if prefixes is None or not whole:
            return prefixes, False
    return prefixes, True


def _item_starts(op, value) -> Starts:
    if op is _constants.LITERAL:
        char = chr(value)
        return ({char.lower()}, True) if char.isascii() else ({""}, False)
    if op is _constants.IN and all(kind is _constants.LITERAL for kind, _ in value):
        chars = {chr(code) for _, code in value}
        return ({c.lower() for c in chars}, True) if all(c.isascii() for c in chars) else ({""}, False)
    if op is _constants.SUBPATTERN:
        return _starts(list(value[-1]))
    if op is _constants.BRANCH:
        found = [_starts(list(alternative)) for alternative in value[1]]
        if any(prefixes is None for prefixes, _ in found):
            return None, False
        return set().union(*(prefixes for prefixes, _ in found)), all(whole for _, whole in found)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
        low, high, item = value
        prefixes, whole = _starts(list(item))
        if low == 0:  # optional: the text may go on without it
            return (None, False) if prefixes is None else (prefixes | {""}, whole and high == 1)
        return prefixes, whole and low == high == 1
    return {""}, False


def _joined(heads: set[str] | None, tails: set[str] | None) -> set[str] | None:
    if heads is None or tails is None:
        return None
    joined = {head + tail for head in heads for tail in tails}
    return joined if len(joined) <= MAX_PREFIXES else None
