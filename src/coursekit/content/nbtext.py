"""The text nbformat writes for a notebook (`nbformat.v4.writes`), made directly.

nbformat's writer deep-copies the notebook, splits each source into lines, and serialises it with
`json.dumps(indent=1, sort_keys=True, ensure_ascii=False)`; with an indent, `json` uses its
pure-Python encoder, one generator step per value. For a module page of thousands of reading
cards that took longer than making the page. `writes` gives the same text by joining strings,
with json's own (C) string escaping; a notebook holding anything it does not know how to write
the same way (outputs, attachments, floats, transient metadata) goes to nbformat's writer instead.
test_nbtext compares the two on every notebook of the default course and on random notebooks.
"""
from __future__ import annotations

from json.encoder import encode_basestring as json_string  # the C function when available
from typing import Any

from nbformat import NotebookNode, v4

TRANSIENT_METADATA = ("orig_nbformat", "orig_nbformat_minor", "signature")  # nbformat's strip_transient


class Unsupported(Exception):
    """A value `writes` does not write the way json.dumps does: nbformat's writer takes the notebook."""


def writes(nb: NotebookNode) -> str:
    """`nbformat.v4.writes(nb)`: JSON indented by one space, keys sorted, each source as its lines."""
    parts: list[str] = []
    try:
        _value(_disk_form(nb), 0, parts)
    except Unsupported:
        return v4.writes(nb)
    return "".join(parts)


def _disk_form(nb: NotebookNode) -> dict:
    """The notebook as it goes to disk: sources split into lines (`split_lines`), not copied deeply."""
    if any(key in nb.get("metadata", {}) for key in TRANSIENT_METADATA):
        raise Unsupported("transient metadata")
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("outputs") or cell.get("attachments") or "trusted" in cell.get("metadata", {}):
            raise Unsupported("outputs, attachments or transient cell metadata")
        source = cell.get("source")
        cells.append({**cell, "source": source.splitlines(True)} if isinstance(source, str) else cell)
    return {**nb, "cells": cells}


def _value(value: Any, depth: int, parts: list[str]) -> None:
    """One JSON value, as json.dumps(indent=1, separators=(",", ": "), sort_keys=True) writes it at
    this depth of nesting, added to `parts` (joined once at the end: no text is copied twice)."""
    if isinstance(value, str):
        parts.append(json_string(value))
    elif isinstance(value, dict):
        _mapping(value, depth, parts)
    elif isinstance(value, (list, tuple)):
        _sequence(value, depth, parts)
    elif value is None:
        parts.append("null")
    elif value is True or value is False:
        parts.append("true" if value else "false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    else:
        raise Unsupported(type(value).__name__)


def _mapping(value: dict, depth: int, parts: list[str]) -> None:
    if not value:
        parts.append("{}")
        return
    if not all(isinstance(key, str) for key in value):
        raise Unsupported("a key that is not text")
    inner = "\n" + " " * (depth + 1)
    separator = "{" + inner
    for key in sorted(value):
        parts += (separator, json_string(key), ": ")
        _value(value[key], depth + 1, parts)
        separator = "," + inner
    parts.append("\n" + " " * depth + "}")


def _sequence(value: list | tuple, depth: int, parts: list[str]) -> None:
    if not value:
        parts.append("[]")
        return
    inner = "\n" + " " * (depth + 1)
    if all(isinstance(item, str) for item in value):  # a source's lines: the common case
        parts += ("[", inner, ("," + inner).join(map(json_string, value)))
    else:
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _value(item, depth + 1, parts)
            separator = "," + inner
    parts.append("\n" + " " * depth + "]")
