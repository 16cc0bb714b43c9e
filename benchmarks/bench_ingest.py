"""Benchmark ingest + generate on a synthetic archive, as `coursekit init` runs them (not a test).

Writes pages holding N invented entries (50 a page), then times `init_course` on them: the course
templates (the default course's four modules), the pages ingested into the new archive folder, and
the course generated from the entries just modelled. Reports wall-clock and CPU time, and the
process's peak resident memory. The targets (issue 12): 1,000 entries in at most 3 s on two cores,
and 10,000 in at most 11 times the 1,000-entry time.

    .venv/bin/python benchmarks/bench_ingest.py [--entries 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from coursekit.site.scaffold import init_course

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Invented surnames, so that first authors vary as in a real archive: each publication year has
# studies by all of them (the "which study" items take their options from studies of nearby years
# by other first authors).
SURNAMES = tuple(a + b for a in ("Al", "Ber", "Cor", "Dal", "Es", "Fen", "Gar") for b in ("ton", "ski", "man", "sen", "ez"))
WORDS = ("alliance", "therapist", "outcome", "depression", "anxiety", "training", "feedback", "empathy",
         "sessions", "dropout", "placebo", "medication", "trauma", "supervision", "relationship")


def synthetic_entry(i: int) -> str:
    """One invented entry: title, citation, a summary with stats and counts, implications."""
    a, b, c = WORDS[i % 15], WORDS[(i * 7) % 15], WORDS[(i * 11) % 15]
    summary = " ".join(
        f"Invented sentence {k} about {a} and {b} in made-up study {i}, with {c} as a side issue." for k in range(12))
    summary += (f" Across {10 + i % 90} studies with {1000 + i} patients the effect was moderate "
                f"(d = .{10 + i % 80}; 95% CI: .{5 + i % 5}, .{90 + i % 9}), and {i % 100}% improved "
                f"(r = −.{10 + i % 50}, g=0.{i % 9}{i % 7}).")
    return (f"Invented Study {i} of {a.title()} and {b.title()}\n"
            f"{SURNAMES[(i // 35) % len(SURNAMES)]}, R., Øvrebø, K., & Müller, J.-P. ({1990 + i % 35}). "
            f"An invented paper number {i} on {a}. "
            f"Journal of Made-Up Results, {i % 60}({1 + i % 4}), {i % 500}–{i % 500 + 12}. "
            f"https://doi.org/10.9999/bench.{i}\n"
            f"{summary}\nPractice Implications\n"
            f"Invented advice about {c} for entry {i}. Therapists should weigh {a} against {b}.\n")


def write_pages(folder: pathlib.Path, entries: int, per_page: int) -> list[pathlib.Path]:
    """Pages of `per_page` entries, two or three per month heading, months counting back from 2025."""
    paths = []
    for page in range(0, entries, per_page):
        lines = ["Blog", "An invented archive page for the benchmark.", "Topics", "- Empathy"]
        for i in range(page, min(page + per_page, entries)):
            if i % 3 == 0 or i == page:
                month = (i // 3) % 420
                lines.append(f"{MONTHS[11 - month % 12]} {2025 - month // 12}")
            lines.append(synthetic_entry(i))
        path = folder / f"page-{page // per_page:04d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def ingest_and_generate(entries: int, folder: pathlib.Path) -> dict[str, float]:
    """Pages of `entries` invented entries made into a new course in `folder` by `coursekit init`:
    the templates, ingest into the new archive, then generate from the entries just modelled."""
    (folder / "pages").mkdir(parents=True)  # a new folder: nothing is deleted before the measurement
    pages = write_pages(folder / "pages", entries, 50)
    os.sync()  # the set-up's own writes go to disk now, not during the measurement
    start, cpu = time.perf_counter(), time.process_time()
    made = init_course(folder / "course", pages)
    assert made.ingested.count("new") == entries and not made.ingested.write_errors
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "peak_mb": peak_rss_mb()}


ROUNDS = 3  # runs per size; the median is reported (this machine's disk makes single runs noisy)
# ext4 without a journal (this machine's) does not reuse an inode freed in the last 30 seconds (35
# while its block is not yet written): each new file is allocated past every one of them. Creating
# 10,000 files just after deleting 10,000 took 4-6 s here instead of 0.3 s. So no run deletes
# anything: each writes its own folder, all removed at the end, and leftovers from an earlier
# benchmark are removed first, followed by this wait.
FREED_INODES_WAIT = 36
SMALL, LARGE = 1_000, 10_000
SMALL_TARGET, GROWTH_TARGET = 3.0, 11.0


def rows(work: pathlib.Path) -> list[tuple[str, float, str, str]]:
    """Rows for benchmarks/run.py: ingest + generate of 1,000 and 10,000 entries, each run in its own
    process, ROUNDS times in turn; each size's median run (by wall-clock time) is reported."""
    if work.exists():
        shutil.rmtree(work)
        time.sleep(FREED_INODES_WAIT)
    runs: dict[int, list[dict]] = {SMALL: [], LARGE: []}
    try:
        for round_number in range(ROUNDS):
            for entries in runs:
                runs[entries].append(run_in_process(entries, work / f"{entries}-{round_number}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    small, large = median_run(runs[SMALL]), median_run(runs[LARGE])
    return [
        (run_label("1,000", small, runs[SMALL]), small["seconds"], "1.00", f"<= {SMALL_TARGET:g} s"),
        (run_label("10,000", large, runs[LARGE]), large["seconds"], f"{large['seconds'] / small['seconds']:.2f}",
         f"<= {GROWTH_TARGET:g} of 1,000 (near linear)"),
    ]


def run_in_process(entries: int, folder: pathlib.Path) -> dict:
    command = [sys.executable, __file__, "--entries", str(entries), "--folder", str(folder), "--json"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.splitlines()[-1])


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]


def run_label(size: str, median: dict, runs: list[dict]) -> str:
    every = ", ".join(f"{run['seconds']:.1f}" for run in runs)
    return (f"ingest + generate, {size} entries (runs: {every} s; median run: {median['cpu']:.1f} s CPU, "
            f"peak {median['peak_mb']:.0f} MB)")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--entries", type=int, default=SMALL)
    options.add_argument("--folder", type=pathlib.Path, help="a new folder to work in (default: a temporary one)")
    options.add_argument("--json", action="store_true", help="print one JSON line (for benchmarks/run.py)")
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as temporary:
        result = ingest_and_generate(args.entries, args.folder or pathlib.Path(temporary))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"ingest + generate, {args.entries} entries: {result['seconds']:.2f} s wall, {result['cpu']:.2f} s CPU, "
              f"peak RSS {result['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
