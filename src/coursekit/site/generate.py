"""The whole generation, top-down: read and model everything first, then write.

    course.yml + archive/*.md  ->  Plan  ->  outputs (notebooks, _toc.yml, _static)  ->  disk

Assignments (book/assignments/*.yml and their pages, written by `coursekit assign`) join in at the
end: their pages go into the table of contents, and their data into _static/coursekit-course.js,
which the "My progress" page reads.
"""
from __future__ import annotations

import contextlib
import pathlib
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterator, Mapping

import nbformat

from coursekit.planning import assignments as assign
from coursekit.site import bibtex
from coursekit.site import book
from coursekit.planning import colours
from coursekit.content import glossary
from coursekit.content import itemgen
from coursekit.content import notebooks
from coursekit.site.course_data import course_data_js
from coursekit.planning.themes import load_plan
from coursekit.errors import InputError
from coursekit.model import EVIDENCE_MAP_ID, FURTHER_READING_ID, Plan
from coursekit.site.parallel import started
from coursekit.writer import Output, WriteReport, stamp_notebook, write_outputs

ASSETS = ("coursekit.js", "coursekit.css", "coursekit-progress.js", "coursekit-favicon.svg")
COURSE_DATA = "_static/coursekit-course.js"


@dataclass(frozen=True)
class Generated:
    plan: Plan
    problems: tuple[str, ...]
    report: WriteReport


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
        return book.REFERENCES_PAGE in self.pages


REFERENCES_BIB = "references.bib"
THEME_CSS = "_static/coursekit-theme.css"


def load_book_pages(root: pathlib.Path) -> BookPages:
    pages = tuple(page for page in book.REFERENCE_PAGES if (root / f"{page}.md").is_file())
    return BookPages(pages, glossary.load_terms(root))


def card_links(plan: Plan, pages: BookPages, keyed: bibtex.Keyed | None = None) -> notebooks.Links:
    """What the reading cards link to: BibTeX keys when the course has a references page, glossary terms."""
    keys: Mapping[str, str] = {}
    if pages.references:
        keys = (keyed or bibtex.keyed_works(plan.all_entries)).entry_keys()
    return notebooks.Links(cite_keys=keys, terms=pages.terms)


def course_outputs(plan: Plan, extras: Extras, pages: BookPages, keyed: bibtex.Keyed | None) -> list[Output]:
    """Every output but the module, exercise and further-reading notebooks."""
    guides = (book.PROGRESS_PAGE,) if extras.progress_page else ()
    outputs = [Output("_toc.yml", book.toc_yaml(plan, guides, extras.assignment_pages, pages.pages))]
    outputs += [Output(f"_static/{name}", _asset(name)) for name in ASSETS]
    outputs.append(Output(COURSE_DATA, course_data_js(plan, extras.assignments)))
    evidence = notebooks.evidence_map_notebook(plan.modules)
    outputs += [notebook_file(f"modules/{EVIDENCE_MAP_ID}.ipynb", evidence),
                Output(THEME_CSS, colours.theme_css(dict(plan.course.colours)))]
    if keyed is not None:
        outputs.append(Output(REFERENCES_BIB, bibtex.bibliography(plan.all_entries, keyed).text))
    return outputs


def outputs_for(plan: Plan, extras: Extras = Extras(), pages: BookPages = BookPages()) -> list[Output]:
    """Every generated file of the course, made from the plan."""
    with outputs_started(plan, extras, pages) as outputs:
        return outputs()


@contextlib.contextmanager
def outputs_started(plan: Plan, extras: Extras = Extras(),
                    pages: BookPages = BookPages()) -> Iterator[Callable[[], list[Output]]]:
    """`outputs_for`, begun: the notebooks are made in worker processes for a large archive, while the
    caller's process may do other work (`coursekit init` writes the archive). Calling what this yields
    makes the other files here, then collects the notebooks: every output, notebooks first."""
    keyed = bibtex.keyed_works(plan.all_entries) if pages.references else None
    inputs = NotebookInputs(plan, card_links(plan, pages, keyed), itemgen.index_archive(plan.all_entries))
    tasks = [(kind, index) for index in range(len(plan.modules)) for kind in ("modules", "exercises")]
    tasks += [("further", 0)] if plan.further_reading else []
    # The largest first, so that no worker is left with a big one at the end; then back in order.
    by_size = sorted(tasks, key=lambda task: -_task_size(plan, task))
    parallel = len(plan.all_entries) >= PARALLEL_ENTRIES
    with started(notebook_output, by_size, shared=inputs, parallel=parallel) as making:
        def collect() -> list[Output]:
            others = course_outputs(plan, extras, pages, keyed)
            made_for = dict(zip(by_size, making.results()))
            return [made_for[task] for task in tasks] + others

        yield collect


@dataclass(frozen=True)
class NotebookInputs:
    """What every module's notebooks are made from: the plan, card links, distractors for generated items."""

    plan: Plan
    links: notebooks.Links
    archive: itemgen.ArchiveIndex


# An archive this large has its notebooks made in parallel, one module page or exercise page a task.
PARALLEL_ENTRIES = 300


# Relative time per reading of each kind of notebook (measured at 10,000 entries): a reading's quiz
# items cost about what its reading card does.
TASK_WEIGHT = {"modules": 1, "exercises": 1, "further": 1}


def _task_size(plan: Plan, task: tuple[str, int]) -> int:
    kind, index = task
    readings = len(plan.further_reading) if kind == "further" else len(plan.modules[index].entries)
    return TASK_WEIGHT[kind] * readings


def notebook_output(inputs: NotebookInputs, task: tuple[str, int]) -> Output:
    """One notebook: a module's page ("modules"), its exercises ("exercises"), or "further" reading."""
    kind, index = task
    plan = inputs.plan
    if kind == "further":
        page = notebooks.reading_list_notebook(plan.course.further_reading, FURTHER_READING_ID,
                                               plan.further_reading, inputs.links)
        return notebook_file(f"modules/{FURTHER_READING_ID}.ipynb", page)
    module_plan = plan.modules[index]
    notebook = (notebooks.module_notebook(module_plan, inputs.links) if kind == "modules"
                else notebooks.exercise_notebook(module_plan, inputs.archive, plan.course.practice_set))
    return notebook_file(f"{kind}/{module_plan.module.id}.ipynb", notebook)


def notebook_file(path: str, notebook: nbformat.NotebookNode) -> Output:
    """A notebook output, stamped where it is made (in a worker process, for large archives)."""
    return Output(path, stamp_notebook(notebooks.writes(notebook)), stamped=True)


def _asset(name: str) -> str:
    return resources.files("coursekit").joinpath("assets", name).read_text(encoding="utf-8")


def generate(root: pathlib.Path, force: bool = False, strict: bool = False) -> Generated:
    """Read everything, then write what changed. `strict` turns any problem into an InputError."""
    plan, problems = load_plan(root)
    extras, problems = with_extras(root, plan, problems, strict)
    return write_generated(root, plan, problems, outputs_for(plan, extras, load_book_pages(root)), force)


def with_extras(root: pathlib.Path, plan: Plan, problems: tuple[str, ...],
                strict: bool = False) -> tuple[Extras, tuple[str, ...]]:
    """The course folder's extras, and every problem so far; InputError if there is nothing to
    generate, or if `strict` and there are problems."""
    if not plan.all_entries:
        raise InputError(f"{root / plan.course.archive}: no archive entries could be read")
    extras, extra_problems = load_extras(root)
    problems += extra_problems
    if strict and problems:
        raise InputError("\n".join(problems))
    return extras, problems


def write_generated(root: pathlib.Path, plan: Plan, problems: tuple[str, ...], outputs: list[Output],
                    force: bool = False) -> Generated:
    """Write the outputs that changed (keeping edited files, removing stale generated notebooks)."""
    report = write_outputs(root, outputs, force=force, stale_dirs=("modules", "exercises"))
    return Generated(plan=plan, problems=problems, report=report)
