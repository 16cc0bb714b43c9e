"""Assignments as data, kept in book/assignments/<slug>.yml: `coursekit assign` writes them; the site and
the progress report read them back with `load_assignments`."""
from __future__ import annotations

import datetime
import pathlib
import re
from dataclasses import asdict, dataclass
from typing import Any

from coursekit import yamlio
from coursekit.checks import Field, Problems
from coursekit.errors import InputError

FOLDER = "book/assignments"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class AssignError(InputError):
    """A bad assignment request or assignment file: one line naming the option or file and field."""


@dataclass(frozen=True)
class Reading:
    """One assigned entry, and the page of the site that holds its reading card."""

    id: str
    title: str
    module: str  # the module (or further-reading) page the reading links to
    questions: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()

    @property
    def page(self) -> str:
        return f"modules/{self.module}.html"


@dataclass(frozen=True)
class Assignment:
    title: str
    slug: str
    to: tuple[str, ...]
    due: str  # YYYY-MM-DD
    note: str = ""
    picks: tuple[tuple[str, str], ...] = ()  # (kind, value) as the supervisor gave them
    readings: tuple[Reading, ...] = ()
    module_prompts: tuple[str, ...] = ()  # prompt ids of whole modules that were assigned

    @property
    def quiz_id(self) -> str:
        return f"assignment-{self.slug}"

    @property
    def page(self) -> str:
        return f"{FOLDER}/{self.slug}.html"

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(q for r in self.readings for q in r.questions)

    @property
    def prompts(self) -> tuple[str, ...]:
        return self.module_prompts + tuple(p for r in self.readings for p in r.prompts)


def parse_due(text: str) -> str:
    try:
        if DATE.match(text):
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise AssignError(f"--due: '{text}' is not a date (expected YYYY-MM-DD, e.g. 2026-12-01)")


def data_yaml(assignment: Assignment) -> str:
    header = "# A coursekit assignment (written by `coursekit assign`; the progress report reads it).\n"
    return header + yamlio.dumps({**asdict(assignment), "picks": [{kind: value} for kind, value in assignment.picks]})


def _due_problem(text: str) -> str | None:
    try:
        parse_due(text)
    except AssignError:
        return "expected a date YYYY-MM-DD"
    return None


ASSIGNMENT_SCHEMA = {  # the keys `data_yaml` writes; a hand-edited file's other keys are left alone
    "due": Field("text", required=True, default="", check=_due_problem),
    "title": Field("text", required=True, default="", check=lambda title: None if title.strip() else "missing"),
    "slug": Field("text", required=True, default="", check=lambda slug: None if SLUG.match(slug)
                  else "expected a page name (lowercase letters, digits, hyphens)"),
    "note": Field("text", default=""),
    "readings": Field("tables", required=True, default=(), check=lambda items: None
                      if all(isinstance(item, dict) for item in items) else "expected a list of key: value tables"),
    "to": Field("texts", default=()),
    "module_prompts": Field("texts", default=()),
}
READING_SCHEMA = {"id": Field("text", default=""), "title": Field("text", default=""),
                  "module": Field("text", default=""), "questions": Field("texts", default=()),
                  "prompts": Field("texts", default=())}


def _known(raw: Any, schema: dict[str, Field]) -> Any:
    return {key: value for key, value in raw.items() if key in schema} if isinstance(raw, dict) else raw


def parse_assignment(text: str, name: str) -> Assignment:
    """An assignment data file back to an Assignment; AssignError names the file and the first bad field."""
    raw = yamlio.load(text, name, AssignError)
    problems = Problems(name, AssignError, first=True)
    clean = problems.table(_known(raw, ASSIGNMENT_SCHEMA), ASSIGNMENT_SCHEMA)
    picks = tuple((k, str(v)) for pick in raw.get("picks") or [] if isinstance(pick, dict) for k, v in pick.items())
    readings = tuple(Reading(**problems.table(_known(reading, READING_SCHEMA), READING_SCHEMA, f"readings[{i}]: "))
                     for i, reading in enumerate(clean["readings"]))
    return Assignment(**{**clean, "picks": picks, "readings": readings})


def load_assignments(root: pathlib.Path) -> tuple[tuple[Assignment, ...], tuple[str, ...]]:
    """Every assignment data file of the course, by due date; problems as one-line messages."""
    found: list[Assignment] = []
    problems: list[str] = []
    for path in sorted((root / FOLDER).glob("*.yml")):
        name = f"{FOLDER}/{path.name}"
        try:
            assignment = parse_assignment(path.read_text(encoding="utf-8"), name)
            if assignment.slug != path.stem:
                raise AssignError(f"{name}: slug: '{assignment.slug}' does not match the file name")
            found.append(assignment)
        except (AssignError, OSError, UnicodeDecodeError) as exc:
            problems.append(str(exc) if isinstance(exc, AssignError) else f"{name}: cannot read")
    found.sort(key=lambda a: (a.due, a.title))
    return tuple(found), tuple(problems)


def find_by_title(assignments: tuple[Assignment, ...], title: str) -> Assignment | None:
    wanted = " ".join(title.split()).casefold()
    return next((a for a in assignments if a.title.casefold() == wanted or a.slug == title), None)


def page_stems(root: pathlib.Path) -> tuple[str, ...]:
    """The assignment pages present (book/assignments/*.md), for the table of contents."""
    return tuple(f"{FOLDER}/{p.stem}" for p in sorted((root / FOLDER).glob("*.md")))
