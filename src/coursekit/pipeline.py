"""The whole generation, top-down: read and model everything first, then write.

    course.yml + archive/*.md  ->  Plan  ->  outputs (notebooks, _toc.yml, _static)  ->  disk

Assignments (book/assignments/*.yml and their pages, written by `coursekit assign`) join in at the
end: their pages go into the table of contents, and their data into _static/coursekit-course.js,
which the "My progress" page reads.
"""
from __future__ import annotations

import pathlib
from dataclasses import dataclass
from importlib import resources

from . import assign, bibtex, book, colours, glossary, notebooks, progress, themes
from .config import load_course
from .errors import InputError
from .model import Course, Plan
from .readers import read_archive
from .writer import Output, WriteReport, write_outputs

ASSETS = ("coursekit.js", "coursekit.css", "coursekit-progress.js", "coursekit-favicon.svg")
COURSE_DATA = "_static/coursekit-course.js"


@dataclass(frozen=True)
class Generated:
    plan: Plan
    problems: tuple[str, ...]
    report: WriteReport


def load_plan(root: pathlib.Path, strict: bool = False) -> tuple[Plan, tuple[str, ...]]:
    """Read course.yml and the archive. Problems are one-line messages; strict makes them fatal."""
    course = load_course(root / "course.yml")
    archive = read_archive(root / course.archive, base=root)
    problems = archive.problems + tuple(themes.unknown_entry_ids(course, archive.entries))
    if strict and problems:
        raise InputError("\n".join(problems))
    return themes.plan_course(course, archive.entries), problems


@dataclass(frozen=True)
class Extras:
    """What the course folder adds to the plan: the progress page, and assignments with their pages."""

    progress_page: bool = False
    assignments: tuple[assign.Assignment, ...] = ()
    assignment_pages: tuple[str, ...] = ()


def load_extras(root: pathlib.Path) -> tuple[Extras, tuple[str, ...]]:
    assignments, problems = assign.load_assignments(root)
    pages = assign.page_stems(root)
    by_due = [f"{assign.FOLDER}/{a.slug}" for a in assignments if f"{assign.FOLDER}/{a.slug}" in pages]
    ordered = tuple(by_due + [page for page in pages if page not in by_due])
    progress_page = (root / f"{book.PROGRESS_PAGE}.md").exists()
    return Extras(progress_page, assignments, ordered), problems


# --- Book pages (issue 6): evidence map, references.bib and "Cite as", glossary "Key terms", colours ---

@dataclass(frozen=True)
class BookPages:
    """The course's glossary and references pages (those of book.REFERENCE_PAGES that exist), and the
    glossary's terms. A references page turns on references.bib and the cards' "Cite as" lines."""

    pages: tuple[str, ...] = ()
    terms: tuple[glossary.Term, ...] = ()

    @property
    def references(self) -> bool:
        return "book/references" in self.pages


REFERENCES_BIB = "references.bib"
THEME_CSS = "_static/coursekit-theme.css"


def load_book_pages(root: pathlib.Path) -> BookPages:
    pages = tuple(page for page in book.REFERENCE_PAGES if (root / f"{page}.md").is_file())
    return BookPages(pages, glossary.load_terms(root))


def card_links(plan: Plan, pages: BookPages) -> notebooks.Links:
    keys: dict[str, str] = {}
    if pages.references:
        found, _ = bibtex.works(plan.all_entries)
        keys = {entry_id: key for key, work in zip(bibtex.keys(found), found) for entry_id in work.entry_ids}
    return notebooks.Links(cite_keys=keys, terms=pages.terms)


def book_outputs(plan: Plan, pages: BookPages) -> list[Output]:
    evidence = notebooks.writes(notebooks.evidence_map_notebook(plan.modules))
    outputs = [Output(f"modules/{book.EVIDENCE_MAP_ID}.ipynb", evidence),
               Output(THEME_CSS, colours.theme_css(dict(plan.course.colours)))]
    if pages.references:
        outputs.append(Output(REFERENCES_BIB, bibtex.bibliography(plan.all_entries).text))
    return outputs


def outputs_for(plan: Plan, extras: Extras = Extras(), pages: BookPages = BookPages()) -> list[Output]:
    outputs = []
    links = card_links(plan, pages)
    for module_plan in plan.modules:
        module_id = module_plan.module.id
        outputs.append(Output(f"modules/{module_id}.ipynb",
                              notebooks.writes(notebooks.module_notebook(module_plan, links))))
        outputs.append(Output(f"exercises/{module_id}.ipynb",
                              notebooks.writes(notebooks.exercise_notebook(module_plan, plan.all_entries))))
    if plan.further_reading:
        page = notebooks.reading_list_notebook(plan.course.further_reading, book.FURTHER_READING_ID,
                                               plan.further_reading, links)
        outputs.append(Output(f"modules/{book.FURTHER_READING_ID}.ipynb", notebooks.writes(page)))
    guides = (book.PROGRESS_PAGE,) if extras.progress_page else ()
    outputs.append(Output("_toc.yml", book.toc_yaml(plan, guides, extras.assignment_pages, pages.pages)))
    outputs += [Output(f"_static/{name}", _asset(name)) for name in ASSETS]
    outputs.append(Output(COURSE_DATA, progress.course_data_js(plan, extras.assignments)))
    outputs += book_outputs(plan, pages)
    return outputs


def _asset(name: str) -> str:
    return resources.files("coursekit").joinpath("assets", name).read_text(encoding="utf-8")


def generate(root: pathlib.Path, force: bool = False, strict: bool = False) -> Generated:
    plan, problems = load_plan(root, strict=strict)
    if not plan.all_entries:
        raise InputError(f"{root / plan.course.archive}: no archive entries could be read")
    extras, extra_problems = load_extras(root)
    problems += extra_problems
    if strict and extra_problems:
        raise InputError("\n".join(extra_problems))
    outputs = outputs_for(plan, extras, load_book_pages(root))
    report = write_outputs(root, outputs, force=force, stale_dirs=("modules", "exercises"))
    return Generated(plan=plan, problems=problems, report=report)


def course_of(root: pathlib.Path) -> Course:
    return load_course(root / "course.yml")
