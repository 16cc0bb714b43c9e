"""The whole generation, top-down: read and model everything first, then write.

    course.yml + archive/*.md  ->  Plan  ->  outputs (notebooks, _toc.yml, _static)  ->  disk

Assignments (book/assignments/*.yml and their pages, written by `coursekit assign`) join in at the
end: their pages go into the table of contents, and their data into _static/coursekit-course.js,
which the "My progress" page reads.
"""
from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from importlib import resources

from coursekit import yamlio
from coursekit.archive.readers import Archive
from coursekit.content import glossary, notebooks
from coursekit.content.quiz import BANK_FOLDER, PER_READING_BYTES
from coursekit.errors import InputError
from coursekit.model import EVIDENCE_MAP_ID, FURTHER_READING_ID, PROGRESS_SCHEMA, PROGRESS_VERSION, Plan
from coursekit.planning import colours
from coursekit.planning.assignments import FOLDER as ASSIGNMENT_FOLDER
from coursekit.planning.assignments import Assignment, load_assignments, page_stems
from coursekit.planning.config import load_course
from coursekit.planning.themes import load_plan, plan_archive
from coursekit.site import bibtex
from coursekit.writer import Output, WriteReport, write_outputs

ASSETS = ("coursekit.js", "coursekit.css", "coursekit-progress.js", "coursekit-favicon.svg")
BANK_FILES = f"{BANK_FOLDER}/*/*.mjs"  # a large bank's files (quiz.bank_files), removed when stale
GUIDES = ("book/trainees", "book/supervisors", "book/instructors")
PROGRESS_PAGE = "book/progress"
# Course-level pages: the evidence map opens the Modules part; glossary and references close the book.
REFERENCES_PAGE = "book/references"
REFERENCE_PAGES = (glossary.GLOSSARY_PAGE, REFERENCES_PAGE)


@dataclass(frozen=True)
class Generated:
    plan: Plan
    problems: tuple[str, ...]
    report: WriteReport


@dataclass(frozen=True)
class Folder:
    """What the course folder adds to the plan: the progress page, assignments with their pages, the
    glossary and references pages (those of REFERENCE_PAGES that exist) and the glossary's terms."""

    progress_page: bool = False
    assignments: tuple[Assignment, ...] = ()
    assignment_pages: tuple[str, ...] = ()
    reference_pages: tuple[str, ...] = ()
    terms: tuple[glossary.Term, ...] = ()


def load_folder(root: pathlib.Path) -> tuple[Folder, tuple[str, ...]]:
    """The folder's additions (assignment pages in due order, then the others) and its problems."""
    assignments, problems = load_assignments(root)
    pages = page_stems(root)
    by_due = [f"{ASSIGNMENT_FOLDER}/{a.slug}" for a in assignments if f"{ASSIGNMENT_FOLDER}/{a.slug}" in pages]
    reference_pages = tuple(page for page in REFERENCE_PAGES if (root / f"{page}.md").is_file())
    return Folder((root / f"{PROGRESS_PAGE}.md").exists(), assignments,
                  tuple(by_due + [page for page in pages if page not in by_due]), reference_pages,
                  glossary.load_terms(root)), problems


def outputs_for(plan: Plan, folder: Folder = Folder(), per_reading_above: int = PER_READING_BYTES) -> list[Output]:
    """Every generated file of the course, made from the plan: each module's page and exercises
    (with the files of a bank over `per_reading_above` bytes), the further reading, then the rest.
    A references page turns on references.bib and the reading cards' "Cite as" lines."""
    bib = bibtex.bibliography(plan.all_entries) if REFERENCES_PAGE in folder.reference_pages else None
    links = notebooks.Links(bib.entry_keys() if bib else {}, folder.terms)
    outputs = []
    for module_plan in plan.modules:
        module_id = module_plan.module.id
        exercises = notebooks.exercises(module_plan, plan.course.practice_set,
                                        plan.course.publishes_drafts, per_reading_above)
        outputs += [Output(f"modules/{module_id}.ipynb", notebooks.module_notebook(module_plan, links)),
                    Output(f"exercises/{module_id}.ipynb", exercises.notebook)]
        outputs += [Output(path, text) for path, text in exercises.bank_files]
    if plan.further_reading:
        further = notebooks.reading_list_notebook(plan.course.further_reading, FURTHER_READING_ID,
                                                  plan.further_reading, links)
        outputs.append(Output(f"modules/{FURTHER_READING_ID}.ipynb", further))
    assets = resources.files("coursekit").joinpath("assets")
    outputs.append(Output("_toc.yml", toc_yaml(plan, folder)))
    outputs += [Output(f"_static/{name}", assets.joinpath(name).read_text(encoding="utf-8")) for name in ASSETS]
    outputs += [Output("_static/coursekit-course.js", course_data_js(plan, folder.assignments)),
                Output(f"modules/{EVIDENCE_MAP_ID}.ipynb", notebooks.evidence_map_notebook(plan.modules)),
                Output("_static/coursekit-theme.css", colours.theme_css(dict(plan.course.colours)))]
    return outputs + ([Output("references.bib", bib.text)] if bib else [])


def toc_yaml(plan: Plan, folder: Folder) -> str:
    """The Jupyter Book table of contents: guides, the assignment pages, modules, further reading, then
    the glossary and references (a part without pages left out)."""
    guides = (*GUIDES, PROGRESS_PAGE) if folder.progress_page else GUIDES
    modules = [{"file": f"modules/{p.module.id}", "sections": [{"file": f"exercises/{p.module.id}"}]}
               for p in plan.modules]
    further = [{"file": f"modules/{FURTHER_READING_ID}"}] if plan.further_reading else []
    parts = [("Using this course", [{"file": guide} for guide in guides]),
             ("Assignments", [{"file": page} for page in folder.assignment_pages]),
             ("Modules", [{"file": f"modules/{EVIDENCE_MAP_ID}"}, *modules]),
             (plan.course.further_reading, further),
             ("Glossary and references", [{"file": page} for page in folder.reference_pages])]
    toc = {"format": "jb-book", "root": "book/intro",
           "parts": [{"caption": caption, "chapters": chapters} for caption, chapters in parts if chapters]}
    return ("# Generated by coursekit from course.yml: edit course.yml, then run `coursekit generate`.\n"
            + yamlio.dumps(toc))


def course_data_js(plan: Plan, assignments: tuple[Assignment, ...]) -> str:
    """Modules and assignments as the site's "My progress" page needs them (paths from the site root), as a script."""
    modules = [{"id": p.module.id, "title": p.module.title, "quiz": p.module.id,
                "pages": [f"modules/{p.module.id}.html", f"exercises/{p.module.id}.html"]} for p in plan.modules]
    shown = [{"title": a.title, "slug": a.slug, "page": a.page, "due": a.due, "to": list(a.to), "quiz": a.quiz_id,
              "readings": [{"id": r.id, "title": r.title, "page": r.page, "questions": list(r.questions)}
                           for r in a.readings],
              "prompts": list(a.prompts)} for a in assignments]
    data = {"schema": PROGRESS_SCHEMA, "version": PROGRESS_VERSION, "modules": modules, "assignments": shown}
    # "<" only ever occurs inside JSON strings, where \u003c means the same: no "</script>" in the file.
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, indent=1).replace("<", "\\u003c")
    return ("// Course data for the \"My progress\" page, written by `coursekit generate`. Do not edit.\n"
            f"window.coursekitCourse = {text};\n")


def generate(root: pathlib.Path, force: bool = False, strict: bool = False,
             per_reading_above: int = PER_READING_BYTES, archive: Archive | None = None) -> Generated:
    """Read everything, then write what changed: edited files are kept (unless `force`), stale
    generated notebooks removed. `strict` turns any problem into an InputError. `archive` is the
    course's archive when the caller has just written it (`coursekit init`); else it is read."""
    plan, problems = load_plan(root) if archive is None else plan_archive(load_course(root / "course.yml"), archive)
    if not plan.all_entries:
        raise InputError(f"{root / plan.course.archive}: no archive entries could be read")
    folder, folder_problems = load_folder(root)
    problems += folder_problems
    if strict and problems:
        raise InputError("\n".join(problems))
    outputs = outputs_for(plan, folder, per_reading_above)
    report = write_outputs(root, outputs, force=force, stale_dirs=("modules", "exercises", BANK_FILES))
    return Generated(plan=plan, problems=problems, report=report)
