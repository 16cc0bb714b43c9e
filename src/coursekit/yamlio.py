"""YAML, the one way coursekit reads and writes it: PyYAML's safe loader and dumper on libyaml (its
C classes; the pure-Python ones only where libyaml is missing), errors as one line naming the file.

Written YAML is block style, keys in the order given, text as it is (no \\u escapes for letters)
and never folded onto a second line, so an entry file reads as a person would write it.
"""
from __future__ import annotations

from typing import Any

import yaml

from coursekit.errors import InputError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
WIDTH = 2**31 - 1  # libyaml's widest line: a long title stays on its line
DUMP_OPTIONS = {"default_flow_style": False, "sort_keys": False, "allow_unicode": True, "width": WIDTH}


def problem_of(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line of a YAML error (None if unknown) and what is wrong there."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark is not None else None), (getattr(exc, "problem", None) or str(exc))


def parse(text: str) -> Any:
    """`yaml.safe_load` on libyaml: the data, or a YAMLError (also for an impossible date such as 2026-99-01,
    which PyYAML's constructor raises as a ValueError)."""
    try:
        return yaml.load(text, Loader=LOADER)  # noqa: S506 - LOADER is a safe loader
    except ValueError as exc:
        raise yaml.YAMLError(f"impossible value: {exc}") from None


def load(text: str, name: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML text; a syntax error raises `error` as 'NAME:LINE: invalid YAML (problem)'."""
    try:
        return parse(text)
    except yaml.YAMLError as exc:
        line, problem = problem_of(exc)
        where = f":{line}" if line is not None else ""
        raise error(f"{name}{where}: invalid YAML ({problem})") from None


class Dumper(DUMPER):
    """The safe dumper, writing a tuple (as the model's frozen dataclasses hold them) as a list."""


Dumper.add_representer(tuple, yaml.SafeDumper.represent_list)


def dumps(data: Any) -> str:
    """Plain data (dicts, lists or tuples, text, numbers, booleans, None) as block-style YAML text."""
    return yaml.dump(data, Dumper=Dumper, **DUMP_OPTIONS)
