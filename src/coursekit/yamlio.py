"""Reading YAML the one way coursekit does: safe, fast (libyaml when present), and with a
one-line error that names the file and the line."""
from __future__ import annotations

import functools
import json
import re
import string
from json.encoder import encode_basestring
from typing import Any

import yaml

from coursekit.errors import InputError

# libyaml's C parser when PyYAML has it (the pinned wheels do): about ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def problem_of(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line of a YAML error (None if unknown) and what is wrong there."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark is not None else None), (getattr(exc, "problem", None) or str(exc))


def load(text: str, name: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML text; a syntax error raises `error` as 'NAME:LINE: invalid YAML (problem)'."""
    try:
        return parse(text)
    except yaml.YAMLError as exc:
        line, problem = problem_of(exc)
        where = f":{line}" if line is not None else ""
        raise error(f"{name}{where}: invalid YAML ({problem})") from None


def parse(text: str) -> Any:
    """Like `yaml.load` with the safe loader (and its errors), faster on text that `dumps` wrote."""
    simple = loads_simple(text)
    if simple is not None:
        return simple
    return yaml.load(text, Loader=LOADER)  # noqa: S506 - LOADER is a safe loader


# --- Writing -------------------------------------------------------------------------------
# A small block-style emitter for the plain data coursekit writes (dicts, lists, text, numbers,
# booleans, None). PyYAML's representer runs in Python and costs about half a millisecond per entry
# file; this one writes what the safe loader reads back as the same data (test_yamlio checks
# hostile text), quoting any text that is not plainly a word or phrase, the way JSON does.

PLAIN = re.compile(r"[^\W\d_](?:[\w .,'&()/-]*[\w.)])?")  # a letter first, no ': ', ' #' or quotes first
# Words that YAML 1.1 reads as booleans or null, in any capitalisation.
RESERVED = frozenset("y n yes no true false on off null".split())
# What a double-quoted scalar must escape beyond JSON: YAML's line breaks, the byte-order mark and
# characters the reader does not accept (outside YAML's printable set).
UNSAFE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff\x85]")

# The same decisions for ASCII text, made by C string methods rather than the regular expressions
# (which cost about 14 ns a character): PLAIN's characters for ASCII text, the letters it may start
# with and the characters it may end with. Every UNSAFE character is outside str.isprintable().
PLAIN_ASCII = (string.ascii_letters + string.digits + "_ .,'&()/-").encode("ascii")
PLAIN_ASCII_FIRST = frozenset(string.ascii_letters)
PLAIN_ASCII_LAST = frozenset(string.ascii_letters + string.digits + "_.)")
LONGEST_RESERVED = max(map(len, RESERVED))
# What None, True and False are written as.
CONSTANT_TEXT = {None: "null", True: "true", False: "false"}


def dumps(data: dict[str, Any]) -> str:
    """`data` as block-style YAML text (keys in the dict's order)."""
    pieces: list[str] = []
    _mapping(data, "", pieces)
    return "".join(pieces)


def value_text(value: Any, indent: str = "") -> str:
    """What `dumps` writes after 'key:' for a key at `indent` that holds `value`: ' scalar' and a line
    break, or a line break and the lines of a non-empty dict or list. For writers of a known shape."""
    kind = type(value)
    if kind is str:
        return f" {text_scalar(value)}\n"
    if value is None or kind is bool:
        return f" {CONSTANT_TEXT[value]}\n"
    if kind is float:
        return f" {_float(value)}\n"
    if kind is int:
        return f" {value}\n"
    pieces: list[str] = []
    _value(value, indent, False, pieces)
    return "".join(pieces)


def scalar(value: Any) -> str:
    """One scalar as YAML text: a str plain or double-quoted, None, a bool or a number."""
    if type(value) is str:
        return text_scalar(value)
    if isinstance(value, str):
        if PLAIN.fullmatch(value) and value.lower() not in RESERVED:
            return value
        return _escape_unsafe(json.dumps(value, ensure_ascii=False))
    if value is None or isinstance(value, bool):
        return CONSTANT_TEXT[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


@functools.lru_cache(maxsize=1024)  # names, topics, journals and a sentence's several statistics repeat
def text_scalar(value: str) -> str:
    """A str (not a subclass) as `scalar` writes it: plain when it is plainly a word or phrase that
    YAML does not read as anything else, else double-quoted as JSON with YAML's extra escapes."""
    if value.isascii():
        if (value and value[0] in PLAIN_ASCII_FIRST and value[-1] in PLAIN_ASCII_LAST
                and not value.encode("ascii").translate(None, PLAIN_ASCII)
                and (len(value) > LONGEST_RESERVED or value.lower() not in RESERVED)):
            return value
        quoted = encode_basestring(value)  # what json.dumps(value, ensure_ascii=False) returns
        return _escape_unsafe(quoted) if "\x7f" in value else quoted  # the one ASCII UNSAFE character
    if PLAIN.fullmatch(value) and value.lower() not in RESERVED:
        return value
    quoted = encode_basestring(value)
    return quoted if value.isprintable() else _escape_unsafe(quoted)


def _escape_unsafe(quoted: str) -> str:
    """JSON text with each UNSAFE character written as a \\uXXXX escape."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _float(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return "-.inf" if value < 0 else ".inf"
    written = repr(value)
    # YAML 1.1 floats need a dot: 1e-05 would read back as text.
    return written if "." in written or "e" not in written else written.replace("e", ".0e")


def _mapping(data: dict[str, Any], indent: str, pieces: list[str]) -> None:
    """Each key's line (and any lines under it), appended to `pieces`. A key and a str value share one
    piece; a list item's first key gets its '- ' by rewriting the first piece (see `_value`)."""
    append = pieces.append
    for key, value in data.items():
        if type(value) is str:
            append(f"{indent}{key}: {text_scalar(value)}\n")
        else:
            append(f"{indent}{key}:")
            _value(value, indent, False, pieces)


def _value(value: Any, indent: str, in_list: bool, pieces: list[str]) -> None:
    """The rest of a line after 'key:' or '-', and any lines under it, appended to `pieces`."""
    if isinstance(value, dict) and value:
        pieces.append("\n")
        _mapping(value, indent + "  ", pieces)
    elif isinstance(value, list) and value:
        pieces.append("\n")
        dash = indent + ("  " if in_list else "")  # indentless under a key, as PyYAML writes it
        for item in value:
            if type(item) is str:
                pieces.append(f"{dash}- {text_scalar(item)}\n")
            elif isinstance(item, dict) and item:
                first = len(pieces)
                _mapping(item, dash + "  ", pieces)
                pieces[first] = f"{dash}- " + pieces[first].lstrip()  # the first key on the dash's line
            else:
                pieces.append(f"{dash}-")
                _value(item, dash, True, pieces)
    else:
        pieces.append(f" {_leaf(value)}\n")


def _leaf(value: Any) -> str:
    """`scalar(value)`, or '{}' or '[]' for an empty dict or list; the common exact types first."""
    kind = type(value)
    if kind is str:
        return text_scalar(value)
    if value is None or kind is bool:
        return CONSTANT_TEXT[value]
    if kind is float:
        return _float(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


# --- Reading back what `dumps` wrote ------------------------------------------------------
# Entry files written by `dumps` are read thousands at a time, and PyYAML builds their data in
# Python (about half a millisecond a file). `loads_simple` reads exactly the lines `dumps` writes
# and gives up (None) on anything else: comments, blank lines, other quoting, flow collections,
# continued scalars, anything a hand edit may add. The safe loader then reads the file as always.

LINE = re.compile(r"( *)(- ?)?(?:([A-Za-z_][\w-]*):(?: (.+)|$)|(.+)|$)")
INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:e[-+][0-9]+)?|-?\.inf|\.nan")
CONSTANTS = {"null": None, "true": True, "false": False}


class _NotSimple(Exception):
    """The text is not in the form `dumps` writes."""


def loads_simple(text: str) -> dict[str, Any] | None:
    """The mapping that `text` holds if it is in the form `dumps` writes, else None."""
    if not text.endswith("\n"):
        return None
    try:
        lines = [_split_line(line) for line in text[:-1].split("\n")]
        data, end = _read_mapping(lines, 0, 0)
        if end != len(lines) or not data:
            raise _NotSimple
        return data
    except _NotSimple:
        return None


def _split_line(line: str) -> tuple[int, bool, str | None, str | None]:
    """(indent, starts with '-', key or None, value text or None)."""
    match = LINE.fullmatch(line)
    if match is None or not line.strip():
        raise _NotSimple
    indent, dash, key, after_key, rest = match.groups()
    if dash == "-" and (key is not None or rest is not None):
        raise _NotSimple  # "-x" is text in YAML, not an item
    if key is not None and key.lower() in RESERVED:
        raise _NotSimple
    return len(indent), dash is not None, key, after_key if key is not None else rest


def _read_mapping(lines: list, at: int, indent: int) -> tuple[dict[str, Any], int]:
    data: dict[str, Any] = {}
    while at < len(lines) and lines[at][0] == indent and not lines[at][1]:
        _, _, key, value = lines[at]
        if key is None or key in data:
            raise _NotSimple
        data[key], at = _read_value(lines, at, indent, value, in_list=False)
    return data, at


def _read_value(lines: list, at: int, indent: int, value: str | None, in_list: bool) -> tuple[Any, int]:
    """The value of the 'key:' or '-' line at `at`: on the line itself, or the block under it
    (deeper; a list under a key may also line up with the key, as `dumps` writes it)."""
    following = lines[at + 1] if at + 1 < len(lines) else None
    if value is not None:
        if following is not None and following[0] > indent:
            raise _NotSimple  # a scalar continued on the next line
        return _scalar(value), at + 1
    if following is None or following[0] < indent:
        raise _NotSimple  # an empty value: `dumps` never writes one
    if following[1] and (following[0] > indent or not in_list):
        return _read_list(lines, at + 1, following[0])
    if not following[1] and following[0] > indent:
        return _read_mapping(lines, at + 1, following[0])
    raise _NotSimple


def _read_list(lines: list, at: int, indent: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    while at < len(lines) and lines[at][0] == indent and lines[at][1]:
        _, _, key, value = lines[at]
        if key is None:
            item, at = _read_value(lines, at, indent, value, in_list=True)
        else:  # "- key: value" opens a mapping whose keys line up two columns in, after "- "
            lines[at] = (indent + 2, False, key, value)
            item, at = _read_mapping(lines, at, indent + 2)
        items.append(item)
    return items, at


def _scalar(text: str) -> Any:
    if text in CONSTANTS:
        return CONSTANTS[text]
    if text in ("[]", "{}"):
        return [] if text == "[]" else {}
    if text.startswith('"'):
        if UNSAFE.search(text) or re.search(r"\\u[dD][89a-fA-F]", text):
            raise _NotSimple
        try:
            value = json.loads(text)
        except ValueError:
            raise _NotSimple from None
        if not isinstance(value, str):
            raise _NotSimple
        return value
    if INT.fullmatch(text):
        return int(text)
    if FLOAT.fullmatch(text):
        return float(text.replace(".inf", "inf").replace(".nan", "nan"))
    if PLAIN.fullmatch(text) and text.lower() not in RESERVED:
        return text
    raise _NotSimple
