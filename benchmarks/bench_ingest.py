"""Benchmark `coursekit ingest` on a synthetic archive (not a test).

Generates pages holding N invented entries (default 10,000; 50 per page) in a temporary folder,
then times: the first ingest (every file new), a second ingest (every file unchanged, nothing
written) and `coursekit bib` over the result. Prints wall-clock and CPU time per phase and the peak memory:
the process's peak resident set (resource.getrusage), and with --tracemalloc the peak of Python
allocations too (tracemalloc slows everything down, so its times are not comparable).

    .venv/bin/python benchmarks/bench_ingest.py [--entries 10000] [--per-page 50] [--tracemalloc]
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import sys
import tempfile
import time
import tracemalloc

from coursekit.site.bibtex import bibliography
from coursekit.ingest.importer import ingest
from coursekit.archive.readers import read_archive
from coursekit.ingest.topics import default_rules

REPO = pathlib.Path(__file__).resolve().parents[1]

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


def timed(label: str, action):
    """Run `action`, print its wall-clock and CPU time (they differ on a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"{label:<30} {time.perf_counter() - wall:8.2f} s wall {time.process_time() - cpu:8.2f} s CPU"
          f"   peak RSS so far {peak_rss_mb():5.0f} MB", flush=True)
    return result


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def ingest_and_generate(entries: int, folder: pathlib.Path) -> dict[str, float]:
    """Pages of `entries` invented entries ingested into a new course, then `generate`: time and peak RSS."""
    import shutil

    from coursekit.ingest.importer import model_files
    from coursekit.site.scaffold import store_and_generate

    (folder / "pages").mkdir(parents=True)  # a new folder: nothing is deleted before the measurement
    pages = write_pages(folder / "pages", entries, 50)
    course = folder / "course"
    shutil.copytree(REPO / "book", course / "book")
    shutil.copy(REPO / "course.yml", course / "course.yml")
    os.sync()  # the set-up's own writes go to disk now, not during the measurement
    start, cpu = time.perf_counter(), time.process_time()
    model = model_files(pages, default_rules())
    modelled = time.perf_counter() - start
    # As `coursekit init` does: the archive is written while worker processes make the notebooks.
    report, _ = store_and_generate(course, model)
    assert report.count("new") == entries and not report.write_errors
    return {"seconds": time.perf_counter() - start, "modelled": modelled, "peak_mb": peak_rss_mb(),
            "cpu": time.process_time() - cpu + children_cpu()}


def children_cpu() -> float:
    """CPU seconds of this process's finished worker processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


ROUNDS = 3  # runs per size; the median is reported (this machine's disk makes single runs noisy)
# ext4 without a journal (this machine's) does not reuse an inode freed in the last 30 seconds (35
# while its block is not yet written): each new file is allocated past every one of them. Creating
# 10,000 files just after deleting 10,000 took 4-6 s here instead of 0.3 s. So no run deletes
# anything: each writes its own folder, all removed at the end, and leftovers from an earlier
# benchmark are removed first, followed by this wait.
FREED_INODES_WAIT = 36


def rows(work: pathlib.Path) -> list[tuple[str, float, str, str]]:
    """Rows for benchmarks/run.py: ingest + generate at 1,000 and 10,000 entries, each run in its own
    process, ROUNDS times in turn; each size's median run (by wall-clock time) is reported."""
    import json
    import shutil
    import subprocess

    if work.exists():
        shutil.rmtree(work)
        time.sleep(FREED_INODES_WAIT)
    runs: dict[int, list[dict]] = {1_000: [], 10_000: []}
    try:
        for round_number in range(ROUNDS):
            for entries in runs:
                course = work / f"{entries}-{round_number}"
                command = [sys.executable, __file__, "--entries", str(entries), "--course", str(course)]
                output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
                runs[entries].append(json.loads(output.splitlines()[-1]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    small, large = median_run(runs[1_000]), median_run(runs[10_000])
    growth = (large["seconds"] / small["seconds"]) / 10
    return [
        (run_label("1,000", small, runs[1_000]), small["seconds"], "", ""),
        (run_label("10,000", large, runs[10_000]), large["seconds"], f"{growth:.2f}",
         "< 10 s; time per entry ratio 10k/1k ~ 1.00 (linear)"),
    ]


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]


def run_label(size: str, median: dict, runs: list[dict]) -> str:
    every = ", ".join(f"{run['seconds']:.1f}" for run in runs)
    return (f"ingest + generate, {size} entries (runs: {every} s; median run: {median['cpu']:.1f} s CPU, "
            f"peak {median['peak_mb']:.0f} MB)")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--entries", type=int, default=10_000)
    options.add_argument("--per-page", type=int, default=50)
    options.add_argument("--tracemalloc", action="store_true", help="also report the peak of Python allocations")
    options.add_argument("--course", type=pathlib.Path, help="ingest into a new course there and generate it; "
                         "print one JSON line with seconds and peak memory")
    args = options.parse_args()
    if args.course:
        import json

        print(json.dumps(ingest_and_generate(args.entries, args.course)))
        return 0
    rules = default_rules()
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        root = pathlib.Path(tmp)
        (root / "pages").mkdir()
        pages = timed(f"generate {args.entries} entries", lambda: write_pages(root / "pages", args.entries,
                                                                            args.per_page))
        print(f"{len(pages)} pages, {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB; "
              f"peak RSS before ingest {peak_rss_mb():.0f} MB")
        if args.tracemalloc:
            tracemalloc.start()
        archive = root / "archive"
        new = timed("ingest (all new)", lambda: ingest(pages, archive, rules).count("new"))
        unchanged = timed("ingest again (all unchanged)", lambda: ingest(pages, archive, rules).count("unchanged"))
        records = timed("read archive + bib", lambda: bibliography(read_archive(archive).entries).records)
        traced = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
        print(f"first: {new} new; second: {unchanged} unchanged; bib: {records} records")
        print(f"peak RSS {peak_rss_mb():.0f} MB" + (f"; peak traced Python memory {traced / 1e6:.0f} MB"
                                                    if traced is not None else ""))
        ok = new == unchanged == records == args.entries
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
