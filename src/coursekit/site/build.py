"""Run Jupyter Book on a generated course, with warnings as errors.

The book is built in a work folder (`<output>/.work`, which also keeps jupyter-cache's
execution cache and Sphinx's environment between builds), and only a successful build replaces
`<output>/html`: an interrupted or failed build leaves the previous site in place.

Jupyter Book executes the notebooks one after another as it reads them. coursekit executes them
first, in parallel on every core, into the same jupyter-cache that Jupyter Book reads (when `_config.yml`
says `execute_notebooks: cache` and names no cache of its own); Jupyter Book then takes their outputs from
the cache. A notebook that fails there is simply executed again by Jupyter Book, which reports the error.

Like make, a build whose inputs (the book's sources, coursekit itself, the Jupyter Book version)
have not changed since the last successful one is skipped: the site is already up to date.
"""
from __future__ import annotations

import collections
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from typing import Callable, Iterable, Iterator

from coursekit import yamlio
from coursekit.errors import BuildError


def jupyter_book_command() -> list[str]:
    beside = pathlib.Path(sys.executable).with_name("jupyter-book")
    found = str(beside) if beside.exists() else shutil.which("jupyter-book")
    if not found:
        raise BuildError("jupyter-book is not installed (run `make book`, or pip install jupyter-book)")
    return [found]


SOURCE_FOLDERS = ("book", "modules", "exercises", "_static")
DIGEST_FILE = "coursekit-inputs.sha256"
# Sphinx's "path:line: WARNING: message". Not Python logging's "ERROR:tornado.general:…", which the
# kernel machinery prints (now and then, on shutdown) without the build failing.
SPHINX_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL): ")


def inputs_digest(root: pathlib.Path) -> str:
    """SHA-256 over everything a build reads: the course folder's own files, its book, modules,
    exercises and _static folders, coursekit's code and assets, and the Jupyter Book version."""
    digest = hashlib.sha256(f"jupyter-book {version('jupyter-book')}\n".encode())
    package = pathlib.Path(__file__).parent
    files = sorted(p for p in root.iterdir() if p.is_file())  # _config.yml, _toc.yml, references.bib, logo …
    files += [p for folder in SOURCE_FOLDERS for p in sorted((root / folder).rglob("*"))]
    files += sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts)
    for path in files:
        if path.is_file():
            digest.update(f"{path}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_book(root: pathlib.Path, output: pathlib.Path, on_line: Callable[[str], None] = print) -> pathlib.Path:
    """Build `root` into `output/html`; return that folder. Raises BuildError with the first warning."""
    work, site = output / ".work", output / "html"
    stamp, digest = work / DIGEST_FILE, inputs_digest(root)
    if (site / "index.html").exists() and stamp.exists() and stamp.read_text() == digest:
        on_line("Nothing changed since the last build: the site is up to date.")
        return site
    execute_in_parallel(root, work / "_build" / ".jupyter_cache", on_line)
    run_jupyter_book(root, work, on_line)
    published = publish(work / "_build" / "html", site)
    stamp.write_text(digest)
    return published


def execute_in_parallel(root: pathlib.Path, cache_folder: pathlib.Path, on_line: Callable[[str], None]) -> None:
    """Execute the book's notebooks that the cache lacks, in parallel, into Jupyter Book's own cache."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    config = root / "_config.yml"
    book = yamlio.load(config.read_text(encoding="utf-8"), str(config)) if config.exists() else None
    settings = book.get("execute") if isinstance(book, dict) else None
    settings = settings if isinstance(settings, dict) else {}
    if settings.get("execute_notebooks", "auto") != "cache" or settings.get("cache"):
        return
    cache = get_cache(str(cache_folder))
    for folder in SOURCE_FOLDERS:
        for notebook in sorted((root / folder).rglob("*.ipynb")):
            cache.add_nb_to_project(str(notebook.resolve()))
    if not (waiting := len(cache.list_unexecuted())):
        return  # a process pool costs about a second to start
    on_line(f"Executing {waiting} notebook{'s' * (waiting > 1)} on {os.cpu_count()} cores…")
    load_executor("local-parallel", cache).run_and_cache(timeout=settings.get("timeout", 30), allow_errors=settings.get("allow_errors", False))


def run_jupyter_book(root: pathlib.Path, work: pathlib.Path, on_line: Callable[[str], None]) -> None:
    """`jupyter-book build` with warnings as errors; BuildError names the first warning."""
    command = [*jupyter_book_command(), "build", str(root), "--path-output", str(work),
               "--warningiserror", "--keep-going"]
    problems: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"}) as process:
        assert process.stdout is not None
        for line in without_closing_box(line.rstrip() for line in process.stdout):
            on_line(line)
            if SPHINX_PROBLEM.search(line):
                problems.append(line)
    if process.returncode != 0 or problems:
        first = problems[0] if problems else f"jupyter-book exited with code {process.returncode}"
        raise BuildError(f"the book build failed ({len(problems)} warnings): {first}")


# Jupyter Book ends with a box that points at its own output folder (`<output>/.work/_build/html`);
# coursekit publishes the site elsewhere and says where, so that box is left out.
CLOSING_BOX = "Finished generating HTML for book"
BORDER = re.compile(r"\s*(?:\x1b\[[0-9;]*m)?={20,}(?:\x1b\[[0-9;]*m)?\s*")


def without_closing_box(lines: Iterable[str]) -> Iterator[str]:
    """The lines of Jupyter Book's output up to its closing box (the box's border line included).
    The rest is read and dropped: a pipe closed early would fail Jupyter Book's last writes."""
    held: list[str] = []  # a border and the blank lines after it: maybe the box's start, wait and see
    remaining = iter(lines)
    for line in remaining:
        if CLOSING_BOX in line:
            collections.deque(remaining, maxlen=0)
            return
        if BORDER.fullmatch(line) or (held and not line.strip()):
            held.append(line)
        else:
            yield from (*held, line)
            held.clear()
    yield from held


def publish(built: pathlib.Path, site: pathlib.Path) -> pathlib.Path:
    """Swap the new site in with renames, so a reader never sees a half-written one."""
    incoming, outgoing = site.with_name(site.name + ".incoming"), site.with_name(site.name + ".outgoing")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, incoming)
    if site.exists():
        site.rename(outgoing)
    incoming.rename(site)
    shutil.rmtree(outgoing, ignore_errors=True)
    return site
