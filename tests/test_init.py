"""`coursekit init DIR --from PAGES…`: a new course that builds as it is."""
from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import REPO, SEEDS, run_cli

from coursekit.errors import InputError
from coursekit.ingest import importer as ingest
from coursekit.planning.config import parse_course
from coursekit.site import generate as pipeline
from coursekit.site import scaffold
from coursekit.site.build import SPHINX_PROBLEM, build_book

DEFAULT_MODULES = ["alliance", "therapist-factors", "negative-effects", "treatment-length"]
needs_seeds = pytest.mark.skipif(not sorted(SEEDS.glob("*.txt")), reason="seed pages not available")


def seed_pages() -> list[str]:
    return [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_course_files_fill_in_title_and_author_safely():
    files = scaffold.course_files('Research: "for" practice', "Dr. A & B")
    course = parse_course(files["course.yml"])
    assert course.title == 'Research: "for" practice'
    assert [m.id for m in course.modules] == DEFAULT_MODULES
    config = yaml.safe_load(files["_config.yml"])
    assert (config["title"], config["author"]) == ('Research: "for" practice', "Dr. A & B")
    assert files["book/intro.md"].startswith('# Research\\: "for" practice\n')


def test_scaffold_pages_match_the_default_course():
    """The templates are copies of this course's pages: keep them in step when a page changes."""
    files = scaffold.course_files("T", "A")
    for page in ("trainees", "supervisors", "instructors", "glossary", "references", "progress"):
        assert files[f"book/{page}.md"] == (REPO / "book" / f"{page}.md").read_text(
            encoding="utf-8"), f"copy book/{page}.md to src/coursekit/data/scaffold/book/"
    ours = files["_config.yml"]
    assert without_names(ours) == without_names((REPO / "_config.yml").read_text(encoding="utf-8")), \
        "src/coursekit/data/scaffold/_config.yml differs from _config.yml beyond title and author"


def without_names(config: str) -> str:
    return re.sub(r"^(title|author): .*$", r"\1:", config, flags=re.M)


def test_non_empty_folder_is_refused_with_one_line(tmp_path):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "notes.txt").write_text("mine")
    result = run_cli("init", str(tmp_path / "course"), "--from", "page.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'course'}: not empty; give `coursekit init` a "
                                          "new or empty folder"]
    assert sorted(p.name for p in (tmp_path / "course").iterdir()) == ["notes.txt"]


def test_pages_without_entries_write_nothing(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Nothing to see here.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no archive entries"):
        scaffold.init_course(tmp_path / "new", [page])
    assert not (tmp_path / "new").exists()


def course_folder(root):
    for name, text in scaffold.course_files("T", "A").items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


PAGES = REPO / "tests" / "pages"
PAGE_FILES = [PAGES / "synthetic.txt", PAGES / "synthetic.html", PAGES / "synthetic.txt"]  # with duplicates


def test_init_writes_what_ingest_then_generate_write(tmp_path):
    """init is the templates, then `coursekit ingest` into the new folder, then `coursekit generate`."""
    made = scaffold.init_course(tmp_path / "init", PAGE_FILES, title="T", author="A")
    by_hand = course_folder(tmp_path / "by-hand")
    ingested = ingest.ingest(PAGE_FILES, by_hand / "archive", scaffold.default_rules())
    generated = pipeline.generate(by_hand)
    assert made.ingested.model.duplicates and made.ingested.count("new") == ingested.count("new") > 2
    assert made.generated.plan == generated.plan and made.generated.report.written == generated.report.written
    assert tree(tmp_path / "init") == tree(by_hand) and len(tree(by_hand)) > 20


def test_title_must_be_one_line(tmp_path):
    with pytest.raises(InputError, match="--title"):
        scaffold.init_course(tmp_path / "new", [], title="two\nlines")


@needs_seeds
def test_init_from_the_seed_pages_makes_a_complete_course(tmp_path):
    target = tmp_path / "new"
    result = run_cli("init", str(target), "--from", *seed_pages(), "--title", "Seeded course", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"next: cd {target} && coursekit build" in result.stdout
    for name in (*scaffold.TEMPLATES, "_toc.yml", "references.bib", "modules/evidence-map.ipynb",
                 "_static/coursekit-theme.css"):
        assert (target / name).is_file(), name
    assert len(list((target / "archive").glob("*.md"))) >= 25
    for module in DEFAULT_MODULES:
        assert (target / "modules" / f"{module}.ipynb").is_file()
        assert (target / "exercises" / f"{module}.ipynb").is_file()


@pytest.mark.slow
@needs_seeds
def test_init_course_builds_with_zero_warnings(tmp_path):
    target = tmp_path / "new"
    scaffold.init_course(target, sorted(SEEDS.glob("*.txt")), title="Seeded course")
    lines: list[str] = []
    site = build_book(target, tmp_path / "out", on_line=lines.append)  # raises on any warning
    # Sphinx-format problems only: the kernel's own logging (tornado) is not a page warning.
    assert not [line for line in lines if SPHINX_PROBLEM.search(line)]
    index = html.unescape((site / "book" / "intro.html").read_text(encoding="utf-8"))
    assert "Seeded course" in index
    for module in DEFAULT_MODULES:
        page = (site / "modules" / f"{module}.html").read_text(encoding="utf-8")
        assert re.search(r'<img alt="(Forest plot|Bar chart) of [^"]+"', page), module
    assert (site / "book" / "references.html").read_text(encoding="utf-8").count('<div class="citation" ') >= 20
