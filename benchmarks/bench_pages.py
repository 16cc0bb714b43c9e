"""Benchmark the weight of a large course's exercises pages (not a test).

Makes a course of N entries (default 1,000) in a temporary folder: the default course's sources, its
archive's entries copied (each copy a new id and title, the same topics, findings and written items)
until there are N, and the generated items published (`generated_items: publish`: the largest banks
such a course can have). bench_ingest.py's invented entries are no use here: they report no finding
an item can be generated from, so their banks are empty. It runs `generate`, then, for each module's
exercises notebook, reports the notebook's size, the code it embeds (the quiz bank is a literal in
the quiz cell) and the HTML its cells display, run in-process with IPython as the build's kernel runs
them: that HTML is what the built page carries, plus the theme and the page's text (about 20 KB on
the default course). Building the HTML of a course this size takes too long for a benchmark. A bank
over `quiz.PER_READING_BYTES` loads per reading, on demand, from files beside the page: the table
gives their number and the largest one.

The issue's target: the largest page stays under 2 MB.

    .venv/bin/python benchmarks/bench_pages.py [--entries 1000]
"""
from __future__ import annotations

import argparse
import dataclasses
import pathlib
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass

import nbformat

from coursekit.archive import entryfile
from coursekit.archive.readers import read_archive
from coursekit.content.quiz import BANK_FOLDER
from coursekit.site.generate import generate

REPO = pathlib.Path(__file__).resolve().parents[1]

TARGET_BYTES = 2_000_000


@dataclass(frozen=True)
class PageWeight:
    module: str
    notebook: int  # bytes of the generated exercises notebook
    code: int      # bytes of its code cells' source: the embedded bank and prompts
    html: int      # bytes of the HTML its cells display (the quiz as the static page shows it)
    files: int     # files of its bank loaded per reading (0: the bank is on the page)
    largest_file: int  # bytes of the largest of them


def make_course(entries: int, course: pathlib.Path) -> None:
    """The default course's sources in `course`, with `entries` entries: its own, then copies of them."""
    shutil.copytree(REPO / "book", course / "book")
    config = (REPO / "course.yml").read_text(encoding="utf-8")
    (course / "course.yml").write_text(config + "\ngenerated_items: publish\n", encoding="utf-8")
    originals = read_archive(REPO / "archive").entries
    (course / "archive").mkdir()
    for number in range(entries):
        entry = originals[number % len(originals)]
        copy = number // len(originals)
        if copy:
            entry = dataclasses.replace(entry, id=f"{entry.id}-copy-{copy}", title=f"{entry.title} (copy {copy})")
        (course / "archive" / f"{entry.id}.md").write_text(entryfile.writes(entry), encoding="utf-8")


def displayed_html(notebook: nbformat.NotebookNode) -> int:
    """Bytes of text/html the notebook's code cells display, run one after another in IPython."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()  # made before capture_output, which captures the running shell
    size = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        with capture_output() as captured:
            result = shell.run_cell(cell.source)
        if not result.success:
            sys.exit(f"a quiz cell failed: {result.error_before_exec or result.error_in_exec!r}")
        size += sum(len(output.data.get("text/html", "").encode()) for output in captured.outputs)
    return size


def page_weights(course: pathlib.Path) -> list[PageWeight]:
    weights = []
    for path in sorted((course / "exercises").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        code = sum(len(cell.source.encode()) for cell in notebook.cells if cell.cell_type == "code")
        files = [file.stat().st_size for file in (course / BANK_FOLDER / path.stem).glob("*.mjs")]
        weights.append(PageWeight(path.stem, path.stat().st_size, code, displayed_html(notebook), len(files),
                                  max(files, default=0)))
    return sorted(weights, key=lambda weight: weight.html, reverse=True)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--entries", type=int, default=1_000)
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-pages-") as temporary:
        course = pathlib.Path(temporary) / "course"
        make_course(args.entries, course)
        start = time.perf_counter()
        generated = generate(course)
        seconds = time.perf_counter() - start
        weights = page_weights(course)
    if generated.problems:
        sys.exit("\n".join(generated.problems))
    print(f"{len(generated.plan.all_entries):,} entries generated in {seconds:.1f} s")
    print("| exercises page | notebook | embedded code (bank) | displayed HTML | bank files (largest) |")
    print("| -------------- | -------- | -------------------- | -------------- | -------------------- |")
    for weight in weights:
        files = f"{weight.files} ({megabytes(weight.largest_file)})" if weight.files else "none: on the page"
        print(f"| {weight.module} | {megabytes(weight.notebook)} | {megabytes(weight.code)} | "
              f"{megabytes(weight.html)} | {files} |")
    largest = weights[0]
    verdict = "under" if largest.html < TARGET_BYTES else "OVER"
    print(f"largest: {largest.module}, {megabytes(largest.html)} of HTML, {verdict} the "
          f"{megabytes(TARGET_BYTES)} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
