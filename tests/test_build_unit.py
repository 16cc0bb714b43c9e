"""The build step without Jupyter Book: only a successful build replaces the published site."""
from __future__ import annotations

import sys

import pytest

from coursekit import build
from coursekit.errors import BuildError


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
