"""The data model: frozen dataclasses that every stage passes along, never mutates."""
from __future__ import annotations

from dataclasses import dataclass, field

STAT_KINDS = ("d", "g", "r", "SMD", "B", "b", "OR", "RR", "IRR", "beta")
RATIO_KINDS = ("OR", "RR", "IRR")  # no effect is 1 for these kinds, 0 for the others
DIFFICULTIES = ("easy", "medium", "hard")
# Pages coursekit itself makes in modules/: no module of course.yml may take these ids.
FURTHER_READING_ID = "further-reading"
EVIDENCE_MAP_ID = "evidence-map"
# The progress file that the site's "Export progress" and the live notebooks write, and reports read.
PROGRESS_SCHEMA = "coursekit-progress"
PROGRESS_VERSION = 2  # 2 added "practice" (practice sets); files of version 1 still read
PRACTICE_SET = 10  # questions in a practice set on a module's exercises page, unless course.yml says
GENERATED_ITEMS = ("review", "publish")  # course.yml's generated_items: drafts held back (default) or published


@dataclass(frozen=True)
class Author:
    family: str
    given: str | None = None


@dataclass(frozen=True)
class Citation:
    authors: tuple[Author, ...] = ()
    year: int | None = None
    title: str | None = None
    source: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    type: str = "article"
    et_al: bool = False
    editors: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Stat:
    """An effect size as the source states it (`text`: its sentence), and the finding it reports.

    `label` says what was related to, or compared with, what ('<X> and <Y>' for an association,
    '<A> versus <B>' for a comparison); `population` the population, setting or time point where
    the source gives one; `direction` the direction in words ('a stronger alliance went with better
    outcome', or 'no reliable link' / 'no reliable difference'); `verdict` the source's own words
    for its size or significance ('moderate', 'small and non-significant'). Empty when unknown.
    """

    kind: str
    value: float
    ci_low: float | None = None
    ci_high: float | None = None
    text: str = ""
    label: str = ""
    population: str = ""
    direction: str = ""
    verdict: str = ""


@dataclass(frozen=True)
class QuizItem:
    """One question. `answers` holds the correct option texts (one or more); `generated`, the id of
    the generated item it was accepted from in review ('' for an item written as such)."""

    stem: str
    options: tuple[str, ...]
    answers: tuple[str, ...]
    feedback: str
    difficulty: str = "medium"
    generated: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    month: str
    title: str
    citation: Citation = field(default_factory=Citation)
    summary: tuple[str, ...] = ()
    implications: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    stats: tuple[Stat, ...] = ()
    incomplete: bool = False
    quiz: tuple[QuizItem, ...] = ()
    prompts: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()  # ids of generated items rejected in review: never drafted again
    source_path: str = field(default="", compare=False)

    @property
    def year(self) -> int:
        return int(self.month[:4])


@dataclass(frozen=True)
class Rule:
    """Which entries belong to a module: any topic, any keyword, or an explicit id."""

    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    entries: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    description: str = ""
    objectives: tuple[str, ...] = ()
    rule: Rule = field(default_factory=Rule)
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Course:
    title: str
    modules: tuple[Module, ...]
    archive: str = "archive"
    further_reading: str = "Further reading"
    description: str = ""
    colours: tuple[tuple[str, str], ...] = ()  # (role, '#rrggbb'), roles 'primary' and 'accent'
    practice_set: int = PRACTICE_SET  # questions in a practice set (exercises pages, live notebooks)
    generated_items: str = GENERATED_ITEMS[0]  # "review": only accepted generated items are published

    @property
    def publishes_drafts(self) -> bool:
        """Generated items are published before review (course.yml: `generated_items: publish`)."""
        return self.generated_items == "publish"


@dataclass(frozen=True)
class ModulePlan:
    """A module with the entries the theme rules gave it, newest first."""

    module: Module
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Plan:
    """What the course will contain: modules in order, then entries no module took."""

    course: Course
    modules: tuple[ModulePlan, ...]
    further_reading: tuple[Entry, ...]

    @property
    def all_entries(self) -> tuple[Entry, ...]:
        entries = [e for plan in self.modules for e in plan.entries] + list(self.further_reading)
        return tuple({e.id: e for e in entries}.values())
