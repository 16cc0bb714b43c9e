"""End to end: the default course built by `coursekit build` into a temporary folder."""
from __future__ import annotations

import html
import re

import pytest
from conftest import REPO, run_cli

from coursekit.archive.readers import read_archive
from coursekit.planning.config import load_course
from coursekit.planning.themes import plan_course

pytestmark = pytest.mark.slow


def page_text(path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def normalise(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def test_site_has_index_and_a_page_per_module(built_site):
    assert (built_site / "index.html").exists()
    course = load_course(REPO / "course.yml")
    for module in course.modules:
        assert (built_site / "modules" / f"{module.id}.html").exists()
        assert (built_site / "exercises" / f"{module.id}.html").exists()


def test_each_entry_title_is_on_its_module_page(built_site):
    course = load_course(REPO / "course.yml")
    plan = plan_course(course, read_archive(REPO / "archive").entries)
    for module_plan in plan.modules:
        text = normalise(page_text(built_site / "modules" / f"{module_plan.module.id}.html"))
        for entry in module_plan.entries:
            assert normalise(entry.title) in text, (module_plan.module.id, entry.title)
    further = normalise(page_text(built_site / "modules" / "further-reading.html"))
    assert all(normalise(e.title) in further for e in plan.further_reading)


def test_exercise_pages_carry_static_quizzes_without_cdn(built_site):
    page = (built_site / "exercises" / "alliance.html").read_text(encoding="utf-8")
    assert page.count("data-question-id=") >= 8
    assert 'aria-live="polite"' in page
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert scripts and not [s for s in scripts if s.startswith(("http:", "https:", "//"))]
    assert "embed-amd.js" not in page and "require.min.js" not in page


MAX_PAGE_BYTES = 400_000  # every page of the default course, uncompressed (issue 14)


def test_every_page_is_light_and_carries_no_saved_widget_state(built_site):
    pages = {path.relative_to(built_site).as_posix(): path.read_bytes() for path in built_site.rglob("*.html")}
    assert len(pages) > 20 and "exercises/alliance.html" in pages
    assert {name: len(page) for name, page in pages.items() if len(page) > MAX_PAGE_BYTES} == {}
    assert [name for name, page in pages.items() if b"application/vnd.jupyter.widget-state+json" in page] == []


def test_rebuild_with_the_build_folder_inside_the_course(built_site):
    """A second build must not read the first one's output (executed notebooks) as sources."""
    course = built_site.parent.parent
    intro = course / "book" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nRebuilt.\n", encoding="utf-8")  # so it really runs
    result = run_cli("build", "--output", str(built_site.parent), cwd=course)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "the site is up to date" not in result.stderr + result.stdout
    assert "Rebuilt." in (built_site / "book" / "intro.html").read_text(encoding="utf-8")
