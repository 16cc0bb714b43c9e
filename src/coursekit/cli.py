"""The `coursekit` command. Every failure is one line on stderr and a documented exit code."""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from dataclasses import asdict
from typing import Sequence

from . import __version__
from .errors import CoursekitError
from .readers import read_archive


def _err(message: str, level: str = "error") -> None:
    for line in message.splitlines():
        print(f"{level}: {line}", file=sys.stderr)


def cmd_generate(args: argparse.Namespace) -> int:
    from .pipeline import generate
    from .themes import assignment_table

    result = generate(pathlib.Path.cwd(), force=args.force, strict=args.strict)
    print_table(assignment_table(result.plan))
    report = result.report
    print(f"\n{len(report.written)} written, {len(report.unchanged)} unchanged, "
          f"{len(report.kept)} kept (edited by hand), {len(report.removed)} removed")
    for path in report.kept:
        _err(f"{path}: edited since it was generated; kept (use --force to replace it)", "warning")
    for problem in result.problems:
        _err(problem)
    if args.strict and report.kept:
        return 4
    return 1 if result.problems else 0


def print_table(rows: list[tuple[str, str, str]]) -> None:
    width = max((len(r[0]) for r in rows), default=5)
    print(f"{'entry':<{width}}  month    modules")
    for entry_id, month, modules in rows:
        print(f"{entry_id:<{width}}  {month}  {modules}")


def cmd_build(args: argparse.Namespace) -> int:
    from rich.console import Console

    from .build import build_book
    from .pipeline import generate

    console = Console(stderr=True)
    root = pathlib.Path.cwd()
    with console.status("Generating notebooks from the archive…"):
        result = generate(root, force=args.force, strict=True)
    console.print(f"[green]✓[/] generated: {len(result.report.written)} written, "
                  f"{len(result.report.unchanged)} unchanged, {len(result.report.kept)} kept")
    for path in result.report.kept:
        _err(f"{path}: edited since it was generated; kept (use --force to replace it)", "warning")
    output = pathlib.Path(args.output).resolve() if args.output else root / "_build"
    console.print("Building the book with Jupyter Book (notebooks executed, warnings are errors)…")
    site = build_book(root, output, on_line=lambda line: console.print(line, markup=False, highlight=False))
    console.print(f"[green]✓[/] site built: {site / 'index.html'}")
    return 0


def cmd_entries(args: argparse.Namespace) -> int:
    root = pathlib.Path.cwd()
    folder = pathlib.Path(args.archive) if args.archive else _archive_folder(root)
    archive = read_archive(folder, base=root)
    records = [_entry_record(e) for e in archive.entries]
    print(json.dumps(records, ensure_ascii=False, indent=2))
    for problem in archive.problems:
        _err(problem)
    return 1 if archive.problems else 0


def _archive_folder(root: pathlib.Path) -> pathlib.Path:
    from .pipeline import course_of

    if (root / "course.yml").exists():
        return root / course_of(root).archive
    return root / "archive"


def _entry_record(entry) -> dict:
    record = asdict(entry)
    record.pop("source_path")
    record["quiz"] = [{**item, "answer": item.pop("answers")} for item in record["quiz"]]
    return record


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="coursekit", description=__doc__)
    top.add_argument("--version", action="version", version=f"coursekit {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate = commands.add_parser("generate", help="write notebooks and _toc.yml from course.yml and the archive")
    generate.add_argument("--force", action="store_true", help="replace generated files even if edited by hand")
    generate.add_argument("--strict", action="store_true", help="treat problems and kept edits as errors")
    generate.set_defaults(run=cmd_generate)

    build = commands.add_parser("build", help="generate what is stale, then build the book into _build/html")
    build.add_argument("--output", metavar="DIR", help="build folder (default: _build); the site goes to DIR/html")
    build.add_argument("--force", action="store_true", help="replace generated files even if edited by hand")
    build.set_defaults(run=cmd_build)

    entries = commands.add_parser("entries", help="print the archive's entries")
    entries.add_argument("--json", action="store_true", required=True, help="as a JSON array (the only format)")
    entries.add_argument("--archive", metavar="DIR", help="archive folder (default: the course's archive/)")
    entries.set_defaults(run=cmd_entries)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except CoursekitError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
