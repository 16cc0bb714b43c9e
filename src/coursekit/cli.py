"""The `coursekit` command. Every failure is one line on stderr and a documented exit code."""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from dataclasses import asdict
from typing import Sequence

from coursekit import __version__
from coursekit.errors import CoursekitError
from coursekit.archive.readers import read_archive


def _err(message: str, level: str = "error") -> None:
    for line in message.splitlines():
        print(f"{level}: {line}", file=sys.stderr)


def cmd_generate(args: argparse.Namespace) -> int:
    from coursekit.site.generate import generate
    from coursekit.planning.themes import assignment_table

    result = generate(pathlib.Path.cwd(), force=args.force, strict=args.strict)
    print_table(assignment_table(result.plan))
    report = result.report
    print(f"\n{len(report.written)} written, {len(report.unchanged)} unchanged, "
          f"{len(report.kept)} kept (edited by hand), {len(report.removed)} removed")
    for path in report.kept:
        _err(f"{path}: edited since it was generated; kept (use --force to replace it)", "warning")
    for problem in result.problems:
        _err(problem)
    print(_drafts_line(result.plan))
    warnings = item_warnings(result.plan.all_entries)
    for warning in warnings:
        _err(warning, "warning")
    if args.strict and report.kept:
        return 4
    return 1 if result.problems or (args.strict and warnings) else 0


def _drafts_line(plan) -> str:
    """How many generated items wait for review, and whether the course publishes them meanwhile."""
    from coursekit.content.review import plan_drafts

    waiting = len(plan_drafts(plan))
    if not waiting:
        return "No generated items wait for review."
    noun = "generated item waits" if waiting == 1 else "generated items wait"
    shown = "published meanwhile (generated_items: publish)" if plan.course.publishes_drafts else "not published yet"
    return f"{waiting} {noun} for review (coursekit review); {shown}"


REVIEW_CHOICES = "[a]ccept, [e]dit then accept, [r]eject, [s]kip, [q]uit? "


def cmd_review(args: argparse.Namespace) -> int:
    """Walk through the generated items that wait for review: accept, edit then accept, reject or skip."""
    from collections import Counter

    from coursekit.content.review import draft_lines, plan_drafts
    from coursekit.planning.themes import load_plan
    from coursekit.supervision.search import check_module

    root = pathlib.Path.cwd()
    plan, problems = load_plan(root)
    for problem in problems:
        _err(problem, "warning")
    if args.module:
        check_module(plan, args.module)
    drafts = plan_drafts(plan, args.module)
    done: Counter[str] = Counter()
    for number, draft in enumerate(drafts, start=1):
        print("\n" + "\n".join(draft_lines(draft, number, len(drafts))))
        try:
            decision = _review_one(draft, root / plan.course.archive)
        except EOFError:  # Ctrl-D, or the end of piped input: quit, keeping what was decided
            print()
            decision = "quit"
        if decision == "quit":
            break
        done[decision] += 1
    left = len(drafts) - done["accepted"] - done["rejected"]
    print(f"\n{done['accepted']} accepted, {done['rejected']} rejected, {done['skipped']} skipped; "
          f"{left} generated items wait for review.")
    return 0


def _review_one(draft, folder: pathlib.Path) -> str:
    """Ask about one draft until it is decided: 'accepted', 'rejected', 'skipped' or 'quit'."""
    from coursekit.content import review

    edited = None  # the last edited text, reopened by a second edit
    while True:
        choice = input(REVIEW_CHOICES).strip().lower()[:1]
        if choice in ("a", "e"):
            accepted = draft.generated.item if choice == "a" else None
            if choice == "e":
                accepted, edited = _edited_item(draft, edited)
            if accepted is not None and _save(folder, draft, lambda text, name: review.accepted_text(
                    text, name, draft.generated.id, accepted)):
                return "accepted"
        elif choice == "r":
            if _save(folder, draft, lambda text, name: review.rejected_text(text, name, draft.generated.id)):
                return "rejected"
        elif choice in ("s", "q"):
            return "skipped" if choice == "s" else "quit"
        else:
            _err("type a, e, r, s or q")


def _edited_item(draft, previous: str | None):
    """(the edited item or None, the edited text): the item opened in $VISUAL or $EDITOR, or asked
    for field by field when neither is set; checked by the entry format and the item checker."""
    import os

    from coursekit.archive.entryfile import EntryError
    from coursekit.content import review

    text = previous or review.edit_text(draft.generated.item)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    try:
        text = _run_editor(editor, text) if editor else _ask_fields(draft.generated.item)
        item, warnings = review.edited_item(text, "edited item", draft.entry)
    except (EntryError, CoursekitError) as exc:
        _err(str(exc))
        return None, text
    for warning in warnings:
        _err(f"edited item: {warning} (accepted; fix it in the entry file, `coursekit check` shows it)", "warning")
    return item, text


def _run_editor(editor: str, text: str) -> str:
    """`text` as the user left it after editing it in `editor` (a command line; the file is its last argument)."""
    import shlex
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "item.yml"
        path.write_text(text, encoding="utf-8")
        try:
            status = subprocess.run([*shlex.split(editor), str(path)]).returncode
        except (OSError, ValueError) as exc:
            raise CoursekitError(f"editor '{editor}': cannot run it ({exc})") from None
        if status != 0:
            raise CoursekitError(f"editor '{editor}': exited with status {status}; nothing accepted")
        return path.read_text(encoding="utf-8")


def _ask_fields(item) -> str:
    """The item's YAML after asking for each field in turn (Enter keeps what is there)."""
    from dataclasses import replace

    from coursekit.archive.entryfile import writes_quiz_item

    stem = input("stem (Enter keeps it): ").strip() or item.stem
    listed = input("options, separated by ' | ' (Enter keeps them): ").strip()
    options = tuple(o.strip() for o in listed.split("|")) if listed else item.options
    key = input(f"key (Enter keeps '{'; '.join(item.answers)}'): ").strip()
    feedback = input("feedback (Enter keeps it): ").strip() or item.feedback
    answers = (key,) if key else item.answers
    return writes_quiz_item(replace(item, stem=stem, options=options, answers=answers, feedback=feedback))


def _save(folder: pathlib.Path, draft, change) -> bool:
    """Apply `change` (entry file text, name -> new text) to the draft's entry file; False, with a
    one-line error, if the file cannot be read, parsed or written."""
    from coursekit.archive.entryfile import EntryError
    from coursekit.writer import atomic_write

    path = folder / f"{draft.entry.id}.md"
    try:
        atomic_write(path, change(path.read_text(encoding="utf-8"), str(path)))
    except EntryError as exc:
        _err(f"{exc.problems[0]} (not saved; fix the entry file first)")
        return False
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"{path}: cannot update ({getattr(exc, 'strerror', None) or exc})")
        return False
    return True


def item_warnings(entries) -> list[str]:
    """The item checker's warnings about every entry's quiz items, written and generated."""
    from coursekit.content.checker import check_items

    return [warning for entry in entries for warning in check_items(entry)]


def cmd_check(args: argparse.Namespace) -> int:
    """Check every quiz item of the archive; exit 1 if there is any warning (or unreadable entry)."""
    root = pathlib.Path.cwd()
    folder = pathlib.Path(args.archive) if args.archive else _archive_folder(root)
    archive = read_archive(folder, base=root)
    warnings = item_warnings(archive.entries)
    for problem in archive.problems:
        _err(problem)
    for warning in warnings:
        _err(warning, "warning")
    print(f"{len(archive.entries)} entries checked: {len(warnings)} warnings")
    return 1 if warnings or archive.problems else 0


def print_table(rows: list[tuple[str, str, str]]) -> None:
    width = max((len(r[0]) for r in rows), default=5)
    print(f"{'entry':<{width}}  month    modules")
    for entry_id, month, modules in rows:
        print(f"{entry_id:<{width}}  {month}  {modules}")


def cmd_build(args: argparse.Namespace) -> int:
    from rich.console import Console

    from coursekit.site.build import build_book
    from coursekit.site.generate import generate

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
    index = site / "index.html"
    console.print(f"[green]✓[/] The site is in {_shown(site, root)}. Open {index.as_uri()} in a browser,\n"
                  f"  or serve it: python -m http.server --directory {_shown(site, root)}")
    return 0


def _shown(path: pathlib.Path, root: pathlib.Path) -> str:
    """A path as the user would type it from the course folder."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


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
    from coursekit.planning.config import load_course

    if (root / "course.yml").exists():
        return root / load_course(root / "course.yml").archive
    return root / "archive"


def _entry_record(entry) -> dict:
    record = asdict(entry)
    record.pop("source_path")
    record["quiz"] = [{**item, "answer": item.pop("answers")} for item in record["quiz"]]
    return record


def cmd_ingest(args: argparse.Namespace) -> int:
    """Import blog archive pages (.txt, .html) as entry files; report what was done and what was not."""
    from coursekit.ingest.importer import ingest, summary_lines
    from coursekit.ingest.topics import load_rules

    root = pathlib.Path.cwd()
    folder = pathlib.Path(args.archive) if args.archive else _archive_folder(root)
    report = ingest([pathlib.Path(p) for p in args.files], folder, load_rules(root), force=args.force)
    for error in report.model.errors + report.write_errors:
        _err(error)
    for warning in report.model.warnings:
        _err(warning, "warning")
    print("\n".join(summary_lines(report, folder)))
    if not report.model.entries:
        _err("no entries could be read from the given files; nothing was imported")
        return 1
    return 1 if report.write_errors else 0


def cmd_bib(args: argparse.Namespace) -> int:
    """Write BibTeX for every citation in the archive, to --out or to stdout."""
    from coursekit.site.bibtex import bibliography
    from coursekit.errors import InputError
    from coursekit.writer import atomic_write

    root = pathlib.Path.cwd()
    folder = pathlib.Path(args.archive) if args.archive else _archive_folder(root)
    archive = read_archive(folder, base=root)
    bib = bibliography(archive.entries)
    if args.out:
        out = pathlib.Path(args.out)
        if out.is_dir():
            raise InputError(f"{out}: is a folder; give a file name such as {out / 'archive.bib'}")
        try:
            atomic_write(out, bib.text)
        except OSError as exc:
            raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from None
        print(f"{bib.records} references written to {out}")
    else:
        sys.stdout.write(bib.text)
    for entry_id in bib.skipped:
        _err(f"{entry_id}: the citation has no title and no year; left out of the BibTeX", "warning")
    for problem in archive.problems:
        _err(problem)
    return 1 if archive.problems else 0


def cmd_find(args: argparse.Namespace) -> int:
    """Ranked full-text search over the archive (titles, summaries, implications, authors, topics)."""
    from coursekit.planning.themes import load_plan
    from coursekit.supervision.search import check_module, hit_lines, hit_record, parse_since, query_words, search

    plan, problems = load_plan(pathlib.Path.cwd())
    for problem in problems:
        _err(problem, "warning")
    check_module(plan, args.module)
    since = parse_since(args.since)
    if not query_words(args.query):
        raise CoursekitError(f"find: '{args.query}' has no words to search for")
    hits = search(plan, args.query, module_id=args.module, since=since)
    shown = hits[:args.limit] if args.limit > 0 else hits
    if args.json:
        print(json.dumps([hit_record(h) for h in shown], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"No readings match '{args.query}'. Try other words, or fewer filters.")
        return 0
    for rank, hit in enumerate(shown, start=1):
        print("\n".join(hit_lines(rank, hit)))
    if len(shown) < len(hits):
        print(f"\n{len(shown)} of {len(hits)} matching readings shown; --limit 0 shows all.")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    """Create, update, list or remove an assignment, then refresh the table of contents."""
    from coursekit.planning.assignments import AssignError
    from coursekit.supervision import assign

    root = pathlib.Path.cwd()
    if args.list or args.remove:
        if args.to or args.picks or args.due or args.note or args.title:
            raise AssignError("--list and --remove take no other options")
        return _assign_list(root) if args.list else _assign_remove(root, args.remove)
    from coursekit.planning.themes import load_plan

    plan, problems = load_plan(root)
    for problem in problems:
        _err(problem, "warning")
    if not args.due:
        raise AssignError("--due: give the date the readings are due, as YYYY-MM-DD")
    made = assign.build_assignment(plan, args.title, tuple(args.to or ()), args.due, args.note or "",
                                   tuple(args.picks or ()))
    existed = (root / assign.paths_of(made.slug)["data"]).exists()
    written = assign.write_assignment(root, made, plan)
    print(f"{'Updated' if existed else 'Created'} assignment '{made.title}' for {', '.join(made.to)}, "
          f"due {made.due}: {len(made.readings)} readings, {len(made.questions)} quiz questions, "
          f"{len(made.prompts)} discussion prompts.")
    print("\n".join(f"  wrote {path}" for path in written))
    return _assign_regenerate(root)


def _assign_list(root: pathlib.Path) -> int:
    from coursekit.planning.assignments import load_assignments

    assignments, problems = load_assignments(root)
    for problem in problems:
        _err(problem)
    if not assignments:
        print("No assignments yet. Create one with `coursekit assign --to NAME --due YYYY-MM-DD --module ID`.")
    for a in assignments:
        print(f"{a.due}  {a.title}  (for {', '.join(a.to)}; {len(a.readings)} readings; book/assignments/{a.slug}.md)")
    return 1 if problems else 0


def _assign_remove(root: pathlib.Path, title: str) -> int:
    from coursekit.planning.assignments import AssignError, find_by_title, load_assignments
    from coursekit.supervision.assign import remove_assignment

    found = find_by_title(load_assignments(root)[0], title)
    if found is None:
        raise AssignError(f"--remove: no assignment titled '{title}' (see `coursekit assign --list`)")
    print(f"Removed assignment '{found.title}'.")
    print("\n".join(f"  removed {path}" for path in remove_assignment(root, found)))
    return _assign_regenerate(root)


def _assign_regenerate(root: pathlib.Path) -> int:
    from coursekit.site.generate import generate

    result = generate(root)
    written = result.report.written
    if written:
        print(f"  updated {', '.join(written) if len(written) <= 3 else f'{len(written)} generated files'}")
    for path in result.report.kept:
        _err(f"{path}: edited since it was generated; kept (use `coursekit generate --force`)", "warning")
    print("Run `coursekit build` to publish the change.")
    return 0


def cmd_progress_report(args: argparse.Namespace) -> int:
    """Report trainees' exported progress files against the course's assignments, or with --items per question."""
    if args.items:
        return _item_report(args)
    from coursekit.planning.assignments import load_assignments
    from coursekit.supervision.progress import FORMATS, report

    assignments, problems = load_assignments(pathlib.Path.cwd())
    rows, errors = report([pathlib.Path(name) for name in args.files], assignments)
    for message in (*problems, *errors):
        _err(message)
    if rows:
        sys.stdout.write(FORMATS[args.format](rows))
    return 1 if errors or problems else 0


def _item_report(args: argparse.Namespace) -> int:
    """Facility, discrimination and the most chosen wrong option of each question, from the files."""
    from coursekit.supervision.itemstats import FORMATS, item_stats
    from coursekit.supervision.progress import read_all

    trainees, errors = read_all([pathlib.Path(name) for name in args.files])
    for message in errors:
        _err(message)
    items, fewer = item_stats(trainees, args.min)
    if fewer:
        _err(f"{fewer} questions answered by fewer than {args.min} trainees are not shown (--min)", "note")
    if items:
        sys.stdout.write(FORMATS[args.format](items))
    return 1 if errors else 0


def _register_supervision(commands: argparse._SubParsersAction) -> None:
    """The supervisor's commands: find, assign, progress report."""
    find = commands.add_parser("find", help="search the archive for readings, best match first")
    find.add_argument("query", metavar="QUERY", help="words to look for; any of them may match")
    find.add_argument("--module", metavar="ID", help="only readings in this module (or further-reading)")
    find.add_argument("--since", metavar="YYYY", help="only readings posted in this year or later")
    find.add_argument("--limit", metavar="N", type=int, default=10, help="show at most N hits (default 10; 0: all)")
    find.add_argument("--json", action="store_true", help="print the hits as a JSON array")
    find.set_defaults(run=cmd_find)

    assign = commands.add_parser("assign", help="assign readings, a quiz and prompts to trainees, with a due date")
    assign.add_argument("--to", metavar="NAME", action="append", help="a trainee or cohort (repeat for more)")
    assign.add_argument("--due", metavar="YYYY-MM-DD", help="the due date")
    assign.add_argument("--module", dest="picks", metavar="ID", action="append", type=lambda v: ("module", v),
                        help="assign every reading of a module (repeatable)")
    assign.add_argument("--entry", dest="picks", metavar="ID", action="append", type=lambda v: ("entry", v),
                        help="assign one reading by its entry id (repeatable)")
    assign.add_argument("--query", dest="picks", metavar="TEXT", action="append", type=lambda v: ("query", v),
                        help="assign the best 3 search hits for TEXT (repeatable)")
    assign.add_argument("--note", metavar="TEXT", help="a note for the trainees, shown at the top of the page")
    assign.add_argument("--title", metavar="TEXT", help="the assignment's title (the same title updates it)")
    assign.add_argument("--list", action="store_true", help="list the course's assignments")
    assign.add_argument("--remove", metavar="TITLE", help="remove the assignment with this title")
    assign.set_defaults(run=cmd_assign)

    progress = commands.add_parser("progress", help="work with trainees' exported progress files")
    actions = progress.add_subparsers(dest="action", required=True, metavar="ACTION")
    report = actions.add_parser("report", help="report progress files against the course's assignments")
    report.add_argument("files", nargs="+", metavar="FILE", help="progress files exported from the site")
    report.add_argument("--items", action="store_true",
                        help="report per question: facility, discrimination, most chosen wrong option, flags")
    report.add_argument("--min", metavar="N", type=int, default=5,
                        help="with --items: only questions answered by at least N trainees (default 5)")
    report.add_argument("--format", choices=("table", "markdown", "csv"), default="table",
                        help="output format (default: table)")
    report.set_defaults(run=cmd_progress_report)


def cmd_export_quiz(args: argparse.Namespace) -> int:
    from coursekit.supervision.lms import export

    result = export(pathlib.Path.cwd(), args.format, module_id=args.module, out=args.out)
    modules = "module" if result.quizzes == 1 else "modules"
    print(f"{result.questions} questions from {result.quizzes} {modules} written to {result.path}")
    return 0


def _register_export(commands: argparse._SubParsersAction) -> None:
    """The instructor's LMS export: the module question banks as QTI 1.2, Moodle XML or GIFT."""
    export = commands.add_parser("export-quiz", help="export the quizzes for an LMS (Canvas QTI, Moodle XML, GIFT)")
    export.add_argument("--format", choices=("qti", "moodle", "gift"), required=True,
                        help="qti: a QTI 1.2 zip (Canvas classic quizzes); moodle: Moodle XML; gift: Moodle GIFT")
    export.add_argument("--module", metavar="ID", help="only this module's quiz (default: every module)")
    export.add_argument("--out", metavar="PATH", help="the file to write (default: _build/lms/quiz-<ID|all>.<ext>)")
    export.set_defaults(run=cmd_export_quiz)


def cmd_init(args: argparse.Namespace) -> int:
    """Make a new course folder from blog archive pages, ready for `coursekit build`."""
    from coursekit.site.scaffold import init_course

    root = pathlib.Path(args.dir)
    names = {key: value for key, value in (("title", args.title), ("author", args.author)) if value is not None}
    made = init_course(root, [pathlib.Path(p) for p in args.pages], **names)
    for line in made.ingested.model.errors + made.ingested.write_errors:
        _err(line)
    for line in made.ingested.model.warnings + made.generated.problems:
        _err(line, "warning")
    entries = len(made.generated.plan.all_entries)
    print(f"created {root}: {len(made.files)} course files, {entries} archive entries, "
          f"{len(made.generated.plan.modules)} modules, {len(made.generated.report.written)} generated files")
    print(f"next: cd {root} && coursekit build")
    return 0


def _register_init(commands) -> None:
    init = commands.add_parser("init", help="make a new course folder from blog archive pages")
    init.add_argument("dir", metavar="DIR", help="the new course folder (must not exist, or be empty)")
    init.add_argument("--from", dest="pages", metavar="PAGES", nargs="+", required=True,
                      help="blog archive pages (.txt, .html) to ingest into the course's archive/")
    init.add_argument("--title", help="the course title (default: Learning from psychotherapy research)")
    init.add_argument("--author", help="the author shown on the site (default: The course team)")
    init.set_defaults(run=cmd_init)


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

    review = commands.add_parser("review", help="accept, edit, reject or skip the generated items that wait for review")
    review.add_argument("--module", metavar="ID", help="only this module's items (default: every module's)")
    review.set_defaults(run=cmd_review)

    check = commands.add_parser("check", help="check every quiz item, written or generated, for giveaways and slips")
    check.add_argument("--archive", metavar="DIR", help="archive folder (default: the course's archive/)")
    check.set_defaults(run=cmd_check)

    entries = commands.add_parser("entries", help="print the archive's entries")
    entries.add_argument("--json", action="store_true", required=True, help="as a JSON array (the only format)")
    entries.add_argument("--archive", metavar="DIR", help="archive folder (default: the course's archive/)")
    entries.set_defaults(run=cmd_entries)

    ingest = commands.add_parser("ingest", help="import blog archive pages (.txt, .html) as archive entry files")
    ingest.add_argument("files", nargs="+", metavar="FILE", help="archive pages, copied as text or saved as HTML")
    ingest.add_argument("--archive", metavar="DIR", help="archive folder (default: the course's archive/); "
                        "created if missing")
    ingest.add_argument("--force", action="store_true", help="replace entry files even if edited by hand")
    ingest.set_defaults(run=cmd_ingest)

    bib = commands.add_parser("bib", help="write BibTeX for the archive's citations")
    bib.add_argument("--archive", metavar="DIR", help="archive folder (default: the course's archive/)")
    bib.add_argument("--out", metavar="PATH", help="the .bib file to write (default: print to stdout)")
    bib.set_defaults(run=cmd_bib)
    _register_supervision(commands)
    _register_export(commands)
    _register_init(commands)
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
