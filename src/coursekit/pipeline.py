"""The whole generation, top-down: read and model everything first, then write.

    course.yml + archive/*.md  ->  Plan  ->  outputs (notebooks, _toc.yml, _static)  ->  disk
"""
from __future__ import annotations

import pathlib
from dataclasses import dataclass
from importlib import resources

from . import book, notebooks, themes
from .config import load_course
from .errors import InputError
from .model import Course, Plan
from .readers import read_archive
from .writer import Output, WriteReport, write_outputs

ASSETS = ("coursekit.js", "coursekit.css")


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


def outputs_for(plan: Plan) -> list[Output]:
    outputs = []
    for module_plan in plan.modules:
        module_id = module_plan.module.id
        outputs.append(Output(f"modules/{module_id}.ipynb", notebooks.writes(notebooks.module_notebook(module_plan))))
        outputs.append(Output(f"exercises/{module_id}.ipynb",
                              notebooks.writes(notebooks.exercise_notebook(module_plan))))
    if plan.further_reading:
        page = notebooks.reading_list_notebook(plan.course.further_reading, book.FURTHER_READING_ID,
                                               plan.further_reading)
        outputs.append(Output(f"modules/{book.FURTHER_READING_ID}.ipynb", notebooks.writes(page)))
    outputs.append(Output("_toc.yml", book.toc_yaml(plan)))
    outputs += [Output(f"_static/{name}", _asset(name)) for name in ASSETS]
    return outputs


def _asset(name: str) -> str:
    return resources.files("coursekit").joinpath("assets", name).read_text(encoding="utf-8")


def generate(root: pathlib.Path, force: bool = False, strict: bool = False) -> Generated:
    plan, problems = load_plan(root, strict=strict)
    if not plan.all_entries:
        raise InputError(f"{root / plan.course.archive}: no archive entries could be read")
    report = write_outputs(root, outputs_for(plan), force=force, stale_dirs=("modules", "exercises"))
    return Generated(plan=plan, problems=problems, report=report)


def course_of(root: pathlib.Path) -> Course:
    return load_course(root / "course.yml")
