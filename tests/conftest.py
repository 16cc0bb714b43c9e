"""Shared fixtures: a small fixture course, the repository's default course, a built site."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
FIXTURE_COURSE = pathlib.Path(__file__).parent / "fixtures" / "course"
SEEDS = REPO.parent / "shared" / "seeds"
COURSE_FILES = ("course.yml", "_config.yml", "archive", "book")
SEED_PAGES = sorted(SEEDS.glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEED_PAGES, reason=f"seed pages not found at {SEEDS} (CI puts them beside the clone)")


def archive_by_id() -> dict:
    """The entries of the repository's own archive, by id."""
    from coursekit.archive.readers import read_archive

    return {entry.id: entry for entry in read_archive(REPO / "archive").entries}


def seed_entries() -> list:
    """The raw entries of the seed pages, page by page."""
    from coursekit.ingest.pages import parse_page, read_text_page

    return [entry for page in SEED_PAGES for entry in parse_page(read_text_page(page.read_bytes())).entries]


@pytest.fixture
def fixture_course(tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of tests/fixtures/course that a test may change."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, target)
    return target


def copy_default_course(target: pathlib.Path) -> pathlib.Path:
    """The repository's own course sources (not its generated files) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def default_course(tmp_path: pathlib.Path) -> pathlib.Path:
    return copy_default_course(tmp_path / "default")


def run_cli(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """Run the real `coursekit` command, as a user would."""
    return subprocess.run([sys.executable, "-m", "coursekit.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The default course built once per session with `coursekit build`; returns the html folder."""
    course = copy_default_course(tmp_path_factory.mktemp("built") / "course")
    result = run_cli("build", "--output", str(course / "out"), cwd=course)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return course / "out" / "html"
