"""Theme rules: which entries each module of course.yml takes.

An entry joins a module when it carries one of the rule's topics, or its title, summary or
implications contain one of the rule's keywords (whole words, any case), or the rule names its id.
`exclude` wins over all three. Entries no module took go to "Further reading".
"""
from __future__ import annotations

import functools
import pathlib
import re

from coursekit.archive.readers import Archive, read_archive
from coursekit.model import FURTHER_READING_ID, Course, Entry, ModulePlan, Plan, Rule
from coursekit.planning.config import load_course
from coursekit.text import folded, required_text


def matches(rule: Rule, entry: Entry, text: tuple[str, str] | None = None) -> bool:
    """Whether the rule takes the entry; `text` is the entry's `search_text`, when made already."""
    if entry.id in rule.exclude:
        return False
    if entry.id in rule.entries or set(rule.topics) & set(entry.topics):
        return True
    plain, lowered = text or search_text(entry)  # a substring test first: most keywords are not there at all
    return any((clue is None or clue in lowered) and pattern.search(plain)
               for clue, pattern in _keyword_tests(rule.keywords))


def search_text(entry: Entry) -> tuple[str, str]:
    """The entry's title, summary and implications (where keywords are looked for), as written and `folded`."""
    plain = " ".join((entry.title, *entry.summary, *entry.implications))
    return plain, folded(plain)


@functools.lru_cache(maxsize=256)
def _keyword_tests(keywords: tuple[str, ...]) -> tuple[tuple[str | None, re.Pattern[str]], ...]:
    """Per keyword: the `required_text` of a folded entry, and the whole-word pattern."""
    return tuple((required_text(k), re.compile(r"\b" + re.escape(k) + r"\b", re.IGNORECASE)) for k in keywords)


def plan_course(course: Course, entries: tuple[Entry, ...]) -> Plan:
    texts = [search_text(entry) for entry in entries]
    modules = tuple(ModulePlan(m, tuple(e for e, text in zip(entries, texts) if matches(m.rule, e, text)))
                    for m in course.modules)
    taken = {e.id for plan in modules for e in plan.entries}
    further = tuple(e for e in entries if e.id not in taken)
    return Plan(course=course, modules=modules, further_reading=further)


def entry_modules(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Entry id -> the ids of the modules (or further-reading) whose pages hold its card."""
    where: dict[str, list[str]] = {}
    placed = [(m.module.id, m.entries) for m in plan.modules] + [(FURTHER_READING_ID, plan.further_reading)]
    for module_id, entries in placed:
        for entry in entries:
            where.setdefault(entry.id, []).append(module_id)
    return {entry_id: tuple(ids) for entry_id, ids in where.items()}


def load_plan(root: pathlib.Path) -> tuple[Plan, tuple[str, ...]]:
    """Read course.yml and the archive. Problems are one-line messages about files that were skipped."""
    course = load_course(root / "course.yml")
    return plan_archive(course, read_archive(root / course.archive, base=root))


def plan_archive(course: Course, archive: Archive) -> tuple[Plan, tuple[str, ...]]:
    """The course's plan for an archive (read from disk, or just modelled by `coursekit init`); its problems
    include ids named in rules (entries/exclude) that no archive entry has: likely typos."""
    known = {e.id for e in archive.entries}
    typos = tuple(f"course.yml: modules[{i}].rule.{key}: no archive entry '{entry_id}'"
                  for i, module in enumerate(course.modules) for key in ("entries", "exclude")
                  for entry_id in getattr(module.rule, key) if entry_id not in known)
    return plan_course(course, archive.entries), archive.problems + typos
