"""Checks of untrusted input (course.yml, entry files, topic rules, assignments, progress files), each
problem one line naming the file and field; `Problems.table` checks a table against a schema of `Field`s."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from coursekit.errors import InputError


def key_text(key: Any) -> str:
    """A key from the file, shortened and made printable, to name it in a message."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(key))
    return text if len(text) <= 60 else text[:57] + "..."


def is_whole(value: Any, low: float = -float("inf"), high: float = float("inf")) -> bool:
    """A whole number (never a bool or a float) from `low` to `high`."""
    return type(value) is int and low <= value <= high


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_list_of(value: Any, kind: type | tuple[type, ...]) -> bool:
    return isinstance(value, list) and all(isinstance(item, kind) for item in value)


@dataclass(frozen=True)
class Field:
    """One key of a schema: its kind (a key of KINDS), and a check of its value that says what is wrong (or None)."""

    kind: str
    required: bool = False
    default: Any = None
    check: Callable[[Any], str | None] | None = None


KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "text": (lambda value: isinstance(value, str), "text"),
    "texts": (lambda value: is_list_of(value, str), "a list of text"),
    "table": (lambda value: isinstance(value, dict), "key: value pairs"),
    "tables": (lambda value: isinstance(value, list), "a list of key: value tables"),  # each checked by `table`
    "count": (is_whole, "a whole number"),
}


class Problems:
    """The problems of one file, each 'NAME: FIELD: problem': gathered (`report` raises them all as one
    error) or, with `first`, the first raised at once."""

    def __init__(self, name: str, error: type[Exception] = InputError, first: bool = False):
        self.name, self.error, self.first = name, error, first
        self.lines: list[str] = []

    def fail(self, where: str, problem: str) -> None:
        line = f"{self.name}: {where}: {problem}" if where else f"{self.name}: {problem}"
        if self.first:
            raise self.error(line)
        self.lines.append(line)

    def expect(self, ok: bool, where: str, expected: str) -> bool:
        if not ok:
            self.fail(where, f"expected {expected}")
        return ok

    def unknown(self, raw: dict, known: Iterable[str], prefix: str = "", listed: str = "", sort: bool = True) -> None:
        """'unknown key' and `listed` for each key not `known`, named by `prefix` and the key."""
        extra = [key for key in raw if key not in known]
        for key in sorted(extra, key=str) if sort else extra:
            self.fail(prefix + key_text(key), f"unknown key{listed}")

    def typed(self, value: Any, where: str, kind: type[list] | type[dict], expected: str) -> Any:
        """The value if it is a `kind` (list or dict), else an empty one (a problem unless left out)."""
        if value is not None:
            self.expect(isinstance(value, kind), where, expected)
        return value if isinstance(value, kind) else kind()

    def tables(self, value: Any, where: str, expected: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """The key: value tables of a list, each with the name its problems are reported under."""
        for i, item in enumerate(self.typed(value, where, list, expected)):
            yield f"{where}[{i}]", self.typed(item, f"{where}[{i}]", dict, "key: value pairs")

    def table(self, raw: Any, schema: dict[str, Field], prefix: str = "") -> dict[str, Any]:
        """The values of `schema`'s keys (defaults for missing and bad ones), each named by `prefix` and the key."""
        if not isinstance(raw, dict):
            self.fail(prefix.rstrip(".: "), "expected key: value pairs")
            return {key: field.default for key, field in schema.items()}
        self.unknown(raw, schema, prefix, f" (expected one of: {', '.join(schema)})")
        clean: dict[str, Any] = {}
        for key, field in schema.items():
            if raw.get(key) is None and field.required:
                self.fail(prefix + key, "missing")
            clean[key] = field.default if raw.get(key) is None else self.value(raw[key], field, prefix + key)
        return clean

    def value(self, value: Any, field: Field, where: str) -> Any:
        fits, described = KINDS[field.kind]
        value = str(value) if field.kind == "text" and is_number(value) else value
        if not self.expect(fits(value), where, described):
            return field.default
        value = tuple(value) if field.kind == "texts" else value
        message = field.check(value) if field.check else None
        if message:
            self.fail(where, message)
        return value

    def report(self) -> None:
        if self.lines:
            raise self.error("\n".join(self.lines))
