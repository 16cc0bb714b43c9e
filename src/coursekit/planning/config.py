"""course.yml: a typed, declarative schema validated in one pass, in the manner of MkDocs.

`load_course(path)` reports every bad key at once (ConfigError, one line each) rather than
stopping at the first, so an instructor fixes the file in one go.
"""
from __future__ import annotations

import pathlib
import re
from typing import Any

from coursekit import yamlio
from coursekit.archive.topics import blog_topics
from coursekit.checks import Field, Problems
from coursekit.errors import ConfigError
from coursekit.model import EVIDENCE_MAP_ID, FURTHER_READING_ID, GENERATED_ITEMS, PRACTICE_SET, Course, Module, Rule
from coursekit.planning.colours import check_colours, normalise

MODULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_PRACTICE_SET = 100
RESERVED_MODULE_IDS = (EVIDENCE_MAP_ID, FURTHER_READING_ID)  # pages coursekit itself makes in modules/


def _module_id(value: str) -> str | None:
    if value in RESERVED_MODULE_IDS:
        return f"'{value}' is reserved for a page coursekit generates; choose another id"
    return None if MODULE_ID.match(value) else "must be a short slug (lowercase letters, digits, hyphens)"


def _topics_known(values: tuple[str, ...]) -> str | None:
    unknown = [v for v in values if v not in blog_topics()]
    return f"unknown topic(s): {', '.join(unknown)} (see the blog's topic list)" if unknown else None


# Each schema's keys are the fields of the model class it gives, with their defaults.
RULE_SCHEMA = {
    "topics": Field("texts", default=(), check=_topics_known),
    "keywords": Field("texts", default=()),
    "entries": Field("texts", default=()),
    "exclude": Field("texts", default=()),
}
MODULE_SCHEMA = {
    "id": Field("text", required=True, default="", check=_module_id),
    "title": Field("text", required=True, default=""),
    "description": Field("text", default=""),
    "objectives": Field("texts", default=()),
    "rule": Field("table", default={}),
    "prompts": Field("texts", default=()),
}
COURSE_SCHEMA = {
    "title": Field("text", required=True, default=""),
    "description": Field("text", default=""),
    "archive": Field("text", default="archive"),
    "further_reading": Field("text", default="Further reading"),
    "modules": Field("tables", required=True, default=()),
    "colours": Field("table", default={}, check=check_colours),
    "practice_set": Field("count", default=PRACTICE_SET, check=lambda size: None if 1 <= size <= MAX_PRACTICE_SET
                          else f"must be a whole number from 1 to {MAX_PRACTICE_SET}"),
    "generated_items": Field("text", default=GENERATED_ITEMS[0], check=lambda value: None if value in GENERATED_ITEMS
                             else f"expected {' or '.join(GENERATED_ITEMS)}, got '{value}'"),
}


def parse_course(text: str, name: str = "course.yml") -> Course:
    """Pure core: course.yml text to a Course, or ConfigError listing every problem."""
    raw = yamlio.load(text, name, ConfigError)
    problems = Problems(name, ConfigError)
    top = problems.table(raw, COURSE_SCHEMA)
    modules = tuple(_module(m, f"modules[{i}].", problems) for i, m in enumerate(top["modules"]))
    if top["modules"] == [] and not problems.lines:
        problems.fail("modules", "the course needs at least one module")
    seen: set[str] = set()
    for i, module in enumerate(modules):
        if module.id in seen:
            problems.fail(f"modules[{i}].id", f"'{module.id}' is used twice")
        seen.add(module.id)
    problems.report()
    colours = tuple((key, normalise(str(value))) for key, value in sorted(top["colours"].items()))
    return Course(**{**top, "modules": modules, "colours": colours})


def _module(raw: Any, where: str, problems: Problems) -> Module:
    clean = problems.table(raw, MODULE_SCHEMA, where)
    rule = problems.table(clean["rule"], RULE_SCHEMA, f"{where}rule.")
    return Module(**{**clean, "rule": Rule(**rule)})


def load_course(path: pathlib.Path) -> Course:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found (is this a course folder?)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    return parse_course(text, path.name)
