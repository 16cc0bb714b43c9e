"""`coursekit init DIR --from PAGES…`: a new course folder that `coursekit build` builds as it is.

    pages --model (check)--> templates (course.yml, _config.yml, README, book/) --ingest--> archive/
          --generate (the entries just modelled, not read back)--> modules/, exercises/, _toc.yml, ...

Nothing is written until the pages are known to hold entries, and never into a folder that already
has something in it. The templates live in coursekit/data/scaffold; the four default modules are
those of the default course (alliance, therapist factors, negative effects, treatment length).
"""
from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Sequence

from coursekit.archive.readers import stored_archive
from coursekit.content import escape
from coursekit.errors import InputError
from coursekit.ingest.importer import IngestReport, model_files, store
from coursekit.ingest.topics import default_rules
from coursekit.planning.config import load_course
from coursekit.site.generate import Generated, generate
from coursekit.writer import atomic_write

TEMPLATES = ("course.yml", "_config.yml", "README.md", "book/intro.md", "book/trainees.md",
             "book/supervisors.md", "book/instructors.md", "book/glossary.md", "book/references.md",
             "book/progress.md")
YAML_TEMPLATES = ("course.yml", "_config.yml")
MARKDOWN_TEMPLATES = ("README.md", "book/intro.md")
DEFAULT_TITLE = "Learning from psychotherapy research"
DEFAULT_AUTHOR = "The course team"


@dataclass(frozen=True)
class Scaffold:
    files: tuple[str, ...]
    ingested: IngestReport
    generated: Generated


def course_files(title: str, author: str) -> dict[str, str]:
    """Pure: every template, with the title and author filled in (quoted for YAML, escaped for MyST)."""
    folder = resources.files("coursekit").joinpath("data", "scaffold")
    texts = {name: folder.joinpath(*name.split("/")).read_text(encoding="utf-8") for name in TEMPLATES}
    values = {**dict.fromkeys(YAML_TEMPLATES, {"title": json.dumps(title), "author": json.dumps(author)}),
              **dict.fromkeys(MARKDOWN_TEMPLATES, {"title": escape.myst(title)})}
    return {name: Template(text).substitute(values[name]) if name in values else text for name, text in texts.items()}


def check_text(name: str, value: str) -> str:
    if not value.strip() or "\n" in value:
        raise InputError(f"--{name}: must be one non-empty line")
    return value.strip()


def init_course(root: pathlib.Path, pages: Sequence[pathlib.Path], title: str = DEFAULT_TITLE,
                author: str = DEFAULT_AUTHOR) -> Scaffold:
    """Check the folder, title, author and pages (modelled, not yet written) before writing anything."""
    if root.exists() and not root.is_dir():
        raise InputError(f"{root}: is a file; give `coursekit init` a new or empty folder")
    if root.is_dir() and any(root.iterdir()):
        raise InputError(f"{root}: not empty; give `coursekit init` a new or empty folder")
    files = course_files(check_text("title", title), check_text("author", author))
    model = model_files(pages, default_rules())
    if not model.entries:
        problems = "; ".join(model.errors) or "the pages hold no blog entries"
        raise InputError(f"no archive entries could be made from the pages given ({problems})")
    for name, text in files.items():
        atomic_write(root / name, text)
    course = load_course(root / "course.yml")
    report = store(model, root / course.archive)
    stored = None if report.write_errors else stored_archive((item.entry for item in model.entries),
                                                              root / course.archive, base=root)
    return Scaffold(tuple(files), report, generate(root, archive=stored))
