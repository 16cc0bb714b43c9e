"""Run Jupyter Book on a generated course, with warnings as errors.

The book is built in a work folder (`<output>/.work`, which also keeps jupyter-cache's
execution cache and Sphinx's environment between builds), and only a successful build replaces
`<output>/html`: an interrupted or failed build leaves the previous site in place.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from typing import Callable

from .errors import BuildError


def jupyter_book_command() -> list[str]:
    beside = pathlib.Path(sys.executable).with_name("jupyter-book")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("jupyter-book")
    if not found:
        raise BuildError("jupyter-book is not installed (run `make book`, or pip install jupyter-book)")
    return [found]


def build_book(root: pathlib.Path, output: pathlib.Path, on_line: Callable[[str], None] = print) -> pathlib.Path:
    """Build `root` into `output/html`; return that folder. Raises BuildError with the first warning."""
    work = output / ".work"
    command = [*jupyter_book_command(), "build", str(root), "--path-output", str(work),
               "--warningiserror", "--keep-going"]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    problems: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env=environment) as process:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip()
            on_line(line)
            if "WARNING:" in line or "ERROR:" in line:
                problems.append(line)
    if process.returncode != 0 or problems:
        first = problems[0] if problems else f"jupyter-book exited with code {process.returncode}"
        raise BuildError(f"the book build failed ({len(problems)} warnings): {first}")
    return publish(work / "_build" / "html", output / "html")


def publish(built: pathlib.Path, site: pathlib.Path) -> pathlib.Path:
    """Swap the new site in with renames, so a reader never sees a half-written one."""
    incoming = site.with_name(site.name + ".incoming")
    outgoing = site.with_name(site.name + ".outgoing")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, incoming)
    if site.exists():
        site.rename(outgoing)
    incoming.rename(site)
    shutil.rmtree(outgoing, ignore_errors=True)
    return site
