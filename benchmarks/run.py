"""`make bench`: the speed targets of coursekit (issue 12), measured in one run, mostly as ratios.

Ingest + generate of synthetic archives, as `coursekit init` runs them (bench_ingest.py):
  1,000 entries                                                        target: <= 3 s on two cores
  10,000 entries                                                       target: <= 11 times the 1,000
Builds (each in a fresh copy of the default course, under benchmarks/_work/, into its _build folder as
`make book` builds; an output folder elsewhere inside the course makes the first rebuild re-read every page,
because `only_build_toc_files` then adds the built site's notebook copies to Sphinx's exclude_patterns):
  cold coursekit build      generate + execute + Sphinx, no cache      vs
  cold jupyter-book build   of the same (already generated) sources    target: ratio <= 1.00
                            (medians of three rounds in alternating order)
  rebuild, nothing changed                                             target: <= 0.20 of cold
  rebuild, one entry changed                                           target: <= 0.35 of cold
This is a benchmark, not a test: it prints numbers and never fails.
"""
from __future__ import annotations

import pathlib
import shutil
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "_work"
BIN = pathlib.Path(sys.executable).parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import copy_default_course  # noqa: E402


def timed(command: list[str], cwd: pathlib.Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def fresh_course(name: str) -> pathlib.Path:
    target = WORK / name
    shutil.rmtree(target, ignore_errors=True)
    return copy_default_course(target)


def change_one_entry(course: pathlib.Path) -> str:
    entry = sorted((course / "archive").glob("*.md"))[0]
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("## Practice Implications\n\n", "## Practice Implications\n\nEdited for the benchmark. ", 1),
                     encoding="utf-8")
    return entry.stem


def cold_plain() -> float:
    plain = fresh_course("plain")
    timed([str(BIN / "coursekit"), "generate"], plain)
    return timed([str(BIN / "jupyter-book"), "build", "."], plain)


def cold_ours() -> float:
    return timed([str(BIN / "coursekit"), "build"], fresh_course("ours"))


def cold_pairs(rounds: int = 3) -> tuple[float, float]:
    """Median cold times of both builds, run in alternating order (a single pair is too noisy)."""
    plain, ours = [], []
    for round_number in range(rounds):
        if round_number % 2:
            ours.append(cold_ours())
            plain.append(cold_plain())
        else:
            plain.append(cold_plain())
            ours.append(cold_ours())
    return statistics.median(plain), statistics.median(ours)


def build_rows() -> list[tuple[str, float, str, str]]:
    plain_cold, cold = cold_pairs()
    ours = WORK / "ours"
    nothing = timed([str(BIN / "coursekit"), "build"], ours)
    changed_id = change_one_entry(ours)
    one = timed([str(BIN / "coursekit"), "build"], ours)
    return [
        ("cold jupyter-book build (baseline, median of 3)", plain_cold, "1.00", ""),
        ("cold coursekit build (median of 3)", cold, f"{cold / plain_cold:.2f}", "<= 1.00 of baseline (no slower)"),
        ("rebuild, nothing changed", nothing, f"{nothing / cold:.2f}", "<= 0.20 of cold"),
        (f"rebuild, one entry changed ({changed_id[:24]}…)", one, f"{one / cold:.2f}", "<= 0.35 of cold"),
    ]


def ingest_rows() -> list[tuple[str, float, str, str]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench_ingest  # noqa: E402 - the companion benchmark beside this file

    return bench_ingest.rows(WORK / "ingest")


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    rows = ingest_rows() + build_rows()
    width = max(len(r[0]) for r in rows)
    print(f"| {'measurement':<{width}} | seconds | ratio | target |")
    print(f"| {'-' * width} | ------- | ----- | ------ |")
    for name, seconds, ratio, target in rows:
        print(f"| {name:<{width}} | {seconds:7.2f} | {ratio:>5} | {target} |")


if __name__ == "__main__":
    main()
