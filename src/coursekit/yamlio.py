"""Reading YAML the one way coursekit does: safe, fast (libyaml when present), and with a
one-line error that names the file and the line."""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

import yaml

from .errors import InputError

# libyaml's C parser when PyYAML has it (the pinned wheels do): about ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def problem_of(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line of a YAML error (None if unknown) and what is wrong there."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark is not None else None), (getattr(exc, "problem", None) or str(exc))


def load(text: str, name: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML text; a syntax error raises `error` as 'NAME:LINE: invalid YAML (problem)'."""
    try:
        return yaml.load(text, Loader=LOADER)  # noqa: S506 - LOADER is a safe loader
    except yaml.YAMLError as exc:
        line, problem = problem_of(exc)
        where = f":{line}" if line is not None else ""
        raise error(f"{name}{where}: invalid YAML ({problem})") from None


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
UNSAFE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff\x85]")


def dumps(data: dict[str, Any]) -> str:
    """`data` as block-style YAML text (keys in the dict's order)."""
    return "".join(_mapping(data, ""))


def scalar(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as YAML")
    if PLAIN.fullmatch(value) and value.lower() not in RESERVED:
        return value
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _float(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return "-.inf" if value < 0 else ".inf"
    text = repr(value)
    # YAML 1.1 floats need a dot: 1e-05 would read back as text.
    return text if "." in text or "e" not in text else text.replace("e", ".0e")


def _mapping(data: dict[str, Any], indent: str) -> Iterator[str]:
    for key, value in data.items():
        yield f"{indent}{key}:"
        yield from _value(value, indent, in_list=False)


def _value(value: Any, indent: str, in_list: bool) -> Iterator[str]:
    """The rest of a line after 'key:' or '-', and any lines under it."""
    if isinstance(value, dict) and value:
        yield "\n"
        yield from _mapping(value, indent + "  ")
    elif isinstance(value, list) and value:
        yield "\n"
        dash = indent + ("  " if in_list else "")  # indentless under a key, as PyYAML writes it
        for item in value:
            yield f"{dash}-"
            if isinstance(item, dict) and item:
                first, *rest = _mapping(item, dash + "  ")
                yield " " + first.lstrip()
                yield from rest
            else:
                yield from _value(item, dash, in_list=True)
    else:
        yield " " + ("{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else scalar(value)) + "\n"
