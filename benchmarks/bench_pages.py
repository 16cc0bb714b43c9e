"""Benchmark the weight of a large course's exercises pages (not a test).

Ingests N invented entries (default 1,000; bench_ingest.py's synthetic pages) into a new course in a
temporary folder and runs `generate`. Then, for each module's exercises notebook, it reports the
notebook's size, the code it embeds (the quiz bank is a literal in the quiz cell) and the HTML its
cells display, run in-process with IPython as the build's kernel runs them: that HTML is what the
built page carries, plus the theme and the page's text (about 20 KB on the default course).
Building the HTML of a course this size takes too long for a benchmark.

The issue's target: the largest page stays under 2 MB. A page over it would need its bank loaded
per reading, on demand, from files beside the page.

    .venv/bin/python benchmarks/bench_pages.py [--entries 1000]
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
from dataclasses import dataclass

import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_ingest import ingest_and_generate  # noqa: E402 - the synthetic archive of the ingest benchmark

TARGET_BYTES = 2_000_000


@dataclass(frozen=True)
class PageWeight:
    module: str
    notebook: int  # bytes of the generated exercises notebook
    code: int      # bytes of its code cells' source: the embedded bank and prompts
    html: int      # bytes of the HTML its cells display (the quiz as the static page shows it)


def displayed_html(notebook: nbformat.NotebookNode) -> int:
    """Bytes of text/html the notebook's code cells display, run one after another in IPython."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
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
        weights.append(PageWeight(path.stem, path.stat().st_size, code, displayed_html(notebook)))
    return sorted(weights, key=lambda weight: weight.html, reverse=True)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--entries", type=int, default=1_000)
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-pages-") as temporary:
        timing = ingest_and_generate(args.entries, pathlib.Path(temporary))
        weights = page_weights(pathlib.Path(temporary) / "course")
    print(f"{args.entries:,} entries ingested and generated in {timing['seconds']:.1f} s")
    print("| exercises page | notebook | embedded code (bank) | displayed HTML |")
    print("| -------------- | -------- | -------------------- | -------------- |")
    for weight in weights:
        print(f"| {weight.module} | {megabytes(weight.notebook)} | {megabytes(weight.code)} | "
              f"{megabytes(weight.html)} |")
    largest = weights[0]
    verdict = ("under" if largest.html < TARGET_BYTES else "OVER: needs its bank loaded per reading, on demand;")
    print(f"largest: {largest.module}, {megabytes(largest.html)} of HTML, {verdict} the "
          f"{megabytes(TARGET_BYTES)} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
