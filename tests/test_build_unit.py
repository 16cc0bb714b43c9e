"""The build step without Jupyter Book: only a successful build replaces the published site."""
from __future__ import annotations

import sys

import pytest

from coursekit.errors import BuildError
from coursekit.site import build


def make_site(folder, text: str):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)
    return folder


def fake_jupyter_book(monkeypatch, script: str) -> None:
    monkeypatch.setattr(build, "jupyter_book_command", lambda: [sys.executable, "-c", script])


def test_publish_swaps_the_new_site_in(tmp_path):
    site = make_site(tmp_path / "html", "old")
    built = make_site(tmp_path / "work" / "html", "new")
    build.publish(built, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "work"]


@pytest.mark.parametrize("script", [
    "import sys; print('x.md:1: WARNING: bad'); sys.exit(1)",   # a failed build
    "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",  # an interrupted one
])
def test_failed_or_interrupted_build_keeps_the_previous_site(tmp_path, monkeypatch, script):
    output = tmp_path / "_build"
    make_site(output / "html", "previous")
    fake_jupyter_book(monkeypatch, script)
    with pytest.raises(BuildError, match="the book build failed"):
        build.build_book(tmp_path, output, on_line=lambda line: None)
    assert (output / "html" / "index.html").read_text() == "previous"


def test_warning_fails_the_build_even_with_exit_code_zero(tmp_path, monkeypatch):
    fake_jupyter_book(monkeypatch, "print('page.md:3: WARNING: undefined label')")
    with pytest.raises(BuildError, match=r"1 warnings\): page.md:3: WARNING: undefined label"):
        build.build_book(tmp_path, tmp_path / "_build", on_line=lambda line: None)


def test_unchanged_inputs_skip_the_build_and_a_change_runs_it(tmp_path, monkeypatch):
    course, output = tmp_path / "course", tmp_path / "_build"
    (course / "book").mkdir(parents=True)
    (course / "book" / "intro.md").write_text("# Intro\n")
    monkeypatch.setattr(build, "jupyter_book_command",
                        lambda: [sys.executable, "-c", "import pathlib, sys; "  # a build that writes a page
                                 "p = pathlib.Path(sys.argv[sys.argv.index('--path-output') + 1]) / '_build' / 'html'; "
                                 "p.mkdir(parents=True, exist_ok=True); (p / 'index.html').write_text('built')",
                                 "--"])
    lines: list[str] = []
    build.build_book(course, output, on_line=lines.append)
    assert (output / "html" / "index.html").read_text() == "built" and not lines

    fake_jupyter_book(monkeypatch, "import sys; sys.exit(1)")  # would fail if it ran
    build.build_book(course, output, on_line=lines.append)
    assert lines == ["Nothing changed since the last build: the site is up to date."]

    (course / "book" / "intro.md").write_text("# Intro, changed\n")
    with pytest.raises(BuildError):
        build.build_book(course, output, on_line=lines.append)
    assert (output / "html" / "index.html").read_text() == "built", "the failed build kept the site"


def test_a_logging_line_from_the_kernel_is_not_a_sphinx_warning(tmp_path, monkeypatch):
    built = "import pathlib, sys; p = pathlib.Path(sys.argv[sys.argv.index('--path-output') + 1]) / '_build' / 'html'"
    monkeypatch.setattr(build, "jupyter_book_command", lambda: [
        sys.executable, "-c", built + "; p.mkdir(parents=True); (p / 'index.html').write_text('ok'); "
        "print('ERROR:tornado.general:Uncaught exception in ZMQStream callback')", "--"])
    site = build.build_book(tmp_path, tmp_path / "_build", on_line=lambda line: None)
    assert (site / "index.html").read_text() == "ok"


def test_jupyter_books_closing_box_is_left_out_and_nothing_else():
    """`make book` ends with one message about where the site is: coursekit's, not Jupyter Book's box
    pointing at the work folder. Lines of '=' that open no such box are kept."""
    border = "\x1b[92m" + "=" * 79 + "\x1b[0m"
    output = ["Running Sphinx v7", "build succeeded.", "", border, "", "Finished generating HTML for book.",
              "Your book's HTML pages are here:", "    _build/.work/_build/html/", "", border]
    assert list(build.without_closing_box(output)) == ["Running Sphinx v7", "build succeeded.", ""]
    other = ["a", "=" * 40, "", "b", "=" * 40]
    assert list(build.without_closing_box(other)) == other


def small_book(root, execute: str):
    import nbformat

    (root / "_config.yml").write_text(f"execute:\n  execute_notebooks: {execute}\n")
    (root / "modules").mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, root / "modules" / "answer.ipynb")
    return notebook


def test_notebooks_are_executed_into_the_cache_jupyter_book_reads(tmp_path):
    from jupyter_cache import get_cache

    notebook = small_book(tmp_path, "cache")
    lines = []
    build.execute_in_parallel(tmp_path, tmp_path / "cache", lines.append)
    assert lines == [f"Executing 1 notebook on {build.os.cpu_count()} cores…"]
    _, executed = get_cache(str(tmp_path / "cache")).merge_match_into_notebook(notebook)  # as MyST-NB looks it up
    assert executed.cells[0].outputs[0]["text"] == "42\n"
    build.execute_in_parallel(tmp_path, tmp_path / "cache", lines.append)
    assert len(lines) == 1  # nothing left to execute the second time


def test_a_book_that_does_not_cache_is_left_to_jupyter_book(tmp_path):
    small_book(tmp_path, "force")
    build.execute_in_parallel(tmp_path, tmp_path / "cache", print)
    assert not (tmp_path / "cache").exists()
