"""The `coursekit` command. Every failure is one line on stderr and a documented exit code."""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, replace
from typing import Sequence

from coursekit import __version__
from coursekit.archive.entryfile import EntryError, writes_quiz_item
from coursekit.archive.readers import read_archive
from coursekit.content import review
from coursekit.content.checker import check_items
from coursekit.errors import CoursekitError, InputError
from coursekit.ingest.topics import load_rules
from coursekit.planning.assignments import AssignError, find_by_title, load_assignments
from coursekit.planning.config import load_course
from coursekit.planning.themes import entry_modules, load_plan
from coursekit.site.bibtex import bibliography
from coursekit.supervision import search

# The site, ingest, export and build modules (nbformat, matplotlib, Jupyter Book) are imported by
# the commands that use them, so that `coursekit --help`, `check` and `find` start in a fraction of a second.


def _err(*messages: str, level: str = "error") -> None:
    for message in messages:
        for line in message.splitlines():
            print(f"{level}: {line}", file=sys.stderr)


def _warn_kept(paths: Sequence[str], hint: str = "use --force to replace it") -> None:
    _err(*(f"{path}: edited since it was generated; kept ({hint})" for path in paths), level="warning")


def _plan(root: pathlib.Path, module_id: str | None = None):
    """The course's plan, its problems printed as warnings; InputError when --module names no module."""
    plan, problems = load_plan(root)
    _err(*problems, level="warning")
    search.candidates(plan, module_id)
    return plan


def _archive_folder(args: argparse.Namespace, root: pathlib.Path) -> pathlib.Path:
    """--archive, else the archive folder course.yml names, else archive/."""
    if args.archive:
        return pathlib.Path(args.archive)
    if (root / "course.yml").exists():
        return root / load_course(root / "course.yml").archive
    return root / "archive"


def _read_archive(args: argparse.Namespace):
    root = pathlib.Path.cwd()
    return read_archive(_archive_folder(args, root), base=root)


def cmd_generate(args: argparse.Namespace) -> int:
    from coursekit.site.generate import generate

    result = generate(pathlib.Path.cwd(), force=args.force, strict=args.strict)
    plan, report = result.plan, result.report
    months, placed = {e.id: e.month for e in plan.all_entries}, entry_modules(plan)
    width = max(map(len, placed), default=5)
    print(f"{'entry':<{width}}  month    modules")
    for entry_id, module_ids in placed.items():  # every entry, with the modules whose pages hold its card
        print(f"{entry_id:<{width}}  {months[entry_id]}  {', '.join(module_ids)}")
    print(f"\n{len(report.written)} written, {len(report.unchanged)} unchanged, "
          f"{len(report.kept)} kept (edited by hand), {len(report.removed)} removed")
    _warn_kept(report.kept)
    _err(*result.problems)
    waiting = len(review.plan_drafts(plan))  # and whether the course publishes them meanwhile
    noun = "generated item waits" if waiting == 1 else "generated items wait"
    shown = "published meanwhile (generated_items: publish)" if plan.course.publishes_drafts else "not published yet"
    print(f"{waiting} {noun} for review (coursekit review); {shown}" if waiting else
          "No generated items wait for review.")
    warnings = [warning for entry in plan.all_entries for warning in check_items(entry)]
    _err(*warnings, level="warning")
    if args.strict and report.kept:
        return 4
    return 1 if result.problems or (args.strict and warnings) else 0


def cmd_review(args: argparse.Namespace) -> int:
    root = pathlib.Path.cwd()
    plan = _plan(root, args.module)
    drafts = review.plan_drafts(plan, args.module)
    done: Counter[str] = Counter()
    try:
        for number, draft in enumerate(drafts, start=1):
            print("\n" + "\n".join(review.draft_lines(draft, number, len(drafts))))
            decision = _review_one(draft, root / plan.course.archive)
            if decision == "quit":
                break
            done[decision] += 1
    except EOFError:  # Ctrl-D, or the end of piped input: quit, keeping what was decided
        print()
    left = len(drafts) - done["accepted"] - done["rejected"]
    print(f"\n{done['accepted']} accepted, {done['rejected']} rejected, {done['skipped']} skipped; "
          f"{left} generated items wait for review.")
    return 0


def _review_one(draft, folder: pathlib.Path) -> str:
    """Ask about one draft until it is decided: 'accepted', 'rejected', 'skipped' or 'quit'."""
    edited = None  # the last edited text, reopened by a second edit
    while True:
        choice = input("[a]ccept, [e]dit then accept, [r]eject, [s]kip, [q]uit? ").strip().lower()[:1]
        if choice in ("s", "q"):
            return "skipped" if choice == "s" else "quit"
        if choice == "r":
            if _save(folder, draft):
                return "rejected"
        elif choice in ("a", "e"):
            item = draft.generated.item
            if choice == "e":
                item, edited = _edited_item(draft, edited)
            if item is not None and _save(folder, draft, item):
                return "accepted"
        else:
            _err("type a, e, r, s or q")


def _edited_item(draft, previous: str | None):
    """(the edited item or None, the edited text): the item opened in $VISUAL or $EDITOR, or asked
    for field by field when neither is set; checked by the entry format and the item checker."""
    text = previous or review.edit_text(draft.generated.item)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    try:
        text = _run_editor(editor, text) if editor else _ask_fields(draft.generated.item)
        item, warnings = review.edited_item(text, "edited item", draft.entry)
    except (EntryError, CoursekitError) as exc:
        _err(str(exc))
        return None, text
    _err(*(f"edited item: {warning} (accepted; fix it in the entry file, `coursekit check` shows it)"
           for warning in warnings), level="warning")
    return item, text


def _run_editor(editor: str, text: str) -> str:
    """`text` as the user left it after editing it in `editor` (a command line; the file is its last argument)."""
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
    stem = input("stem (Enter keeps it): ").strip() or item.stem
    listed = input("options, separated by ' | ' (Enter keeps them): ").strip()
    options = tuple(o.strip() for o in listed.split("|")) if listed else item.options
    key = input(f"key (Enter keeps '{'; '.join(item.answers)}'): ").strip()
    feedback = input("feedback (Enter keeps it): ").strip() or item.feedback
    answers = (key,) if key else item.answers
    return writes_quiz_item(replace(item, stem=stem, options=options, answers=answers, feedback=feedback))


def _save(folder: pathlib.Path, draft, item=None) -> bool:
    """Accept `item` for the draft (without one, reject the draft) in its entry file; False, with a
    one-line error, if the file cannot be read, parsed or written."""
    from coursekit.writer import atomic_write

    path = folder / f"{draft.entry.id}.md"
    try:
        text, generated_id = path.read_text(encoding="utf-8"), draft.generated.id
        atomic_write(path, review.decided_text(text, str(path), generated_id, item))
    except EntryError as exc:
        _err(f"{exc.problems[0]} (not saved; fix the entry file first)")
        return False
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"{path}: cannot update ({getattr(exc, 'strerror', None) or exc})")
        return False
    return True


def cmd_check(args: argparse.Namespace) -> int:
    archive = _read_archive(args)
    warnings = [warning for entry in archive.entries for warning in check_items(entry)]
    _err(*archive.problems)
    _err(*warnings, level="warning")
    print(f"{len(archive.entries)} entries checked: {len(warnings)} warnings")
    return 1 if warnings or archive.problems else 0


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
    _warn_kept(result.report.kept)
    output = pathlib.Path(args.output).resolve() if args.output else root / "_build"
    console.print("Building the book with Jupyter Book (notebooks executed, warnings are errors)…")
    site = build_book(root, output, on_line=lambda line: console.print(line, markup=False, highlight=False))
    shown = site.relative_to(root) if site.is_relative_to(root) else site  # as typed from the course folder
    console.print(f"[green]✓[/] The site is in {shown}. Open {(site / 'index.html').as_uri()} in a browser,\n"
                  f"  or serve it: python -m http.server --directory {shown}")
    return 0


def cmd_entries(args: argparse.Namespace) -> int:
    archive = _read_archive(args)
    records = [asdict(entry) for entry in archive.entries]
    for record in records:
        del record["source_path"]
        record["quiz"] = [{**item, "answer": item.pop("answers")} for item in record["quiz"]]
    print(json.dumps(records, ensure_ascii=False, indent=2))
    _err(*archive.problems)
    return 1 if archive.problems else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from coursekit.ingest.importer import ingest, summary_lines

    root = pathlib.Path.cwd()
    folder = _archive_folder(args, root)
    report = ingest(args.files, folder, load_rules(root), force=args.force)
    _err(*report.model.errors, *report.write_errors)
    _err(*report.model.warnings, level="warning")
    print("\n".join(summary_lines(report, folder)))
    if not report.model.entries:
        _err("no entries could be read from the given files; nothing was imported")
        return 1
    return 1 if report.write_errors else 0


def _write_out(out: pathlib.Path, data: str | bytes, example: str) -> None:
    """Write the file the user named, or stop with a one-line error (a folder, or not writable)."""
    from coursekit.writer import atomic_write

    if out.is_dir():
        raise InputError(f"{out}: is a folder; give a file name such as {out / example}")
    try:
        atomic_write(out, data)
    except OSError as exc:
        raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def cmd_bib(args: argparse.Namespace) -> int:
    archive = _read_archive(args)
    bib = bibliography(archive.entries)
    if args.out:
        _write_out(args.out, bib.text, "archive.bib")
        print(f"{len(bib.works)} references written to {args.out}")
    else:
        sys.stdout.write(bib.text)
    _err(*(f"{entry_id}: the citation has no title and no year; left out of the BibTeX" for entry_id in bib.skipped),
         level="warning")
    _err(*archive.problems)
    return 1 if archive.problems else 0


def cmd_find(args: argparse.Namespace) -> int:
    plan = _plan(pathlib.Path.cwd(), args.module)
    since = search.parse_since(args.since)
    if not search.query_words(args.query):
        raise CoursekitError(f"find: '{args.query}' has no words to search for")
    hits = search.search(plan, args.query, module_id=args.module, since=since)
    shown = hits[:args.limit] if args.limit > 0 else hits
    if args.json:
        print(json.dumps([search.hit_record(h) for h in shown], ensure_ascii=False, indent=2))
    elif not hits:
        print(f"No readings match '{args.query}'. Try other words, or fewer filters.")
    else:
        for rank, hit in enumerate(shown, start=1):
            print("\n".join(search.hit_lines(rank, hit)))
        if len(shown) < len(hits):
            print(f"\n{len(shown)} of {len(hits)} matching readings shown; --limit 0 shows all.")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    """Create, update, list or remove an assignment, then refresh the table of contents."""
    from coursekit.supervision import assign

    root = pathlib.Path.cwd()
    if (args.list or args.remove) and (args.to or args.picks or args.due or args.note or args.title):
        raise AssignError("--list and --remove take no other options")
    if args.list:
        listed, problems = load_assignments(root)
        _err(*problems)
        if not listed:
            print("No assignments yet. Create one with `coursekit assign --to NAME --due YYYY-MM-DD --module ID`.")
        for a in listed:
            print(f"{a.due}  {a.title}  (for {', '.join(a.to)}; {len(a.readings)} readings; "
                  f"book/assignments/{a.slug}.md)")
        return 1 if problems else 0
    if args.remove:
        found = find_by_title(load_assignments(root)[0], args.remove)
        if found is None:
            raise AssignError(f"--remove: no assignment titled '{args.remove}' (see `coursekit assign --list`)")
        print(f"Removed assignment '{found.title}'.")
        print("\n".join(f"  removed {path}" for path in assign.remove_assignment(root, found)))
        return _assign_regenerate(root)
    plan = _plan(root)
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


def _assign_regenerate(root: pathlib.Path) -> int:
    from coursekit.site.generate import generate

    result = generate(root)
    written = result.report.written
    if written:
        print(f"  updated {', '.join(written) if len(written) <= 3 else f'{len(written)} generated files'}")
    _warn_kept(result.report.kept, "use `coursekit generate --force`")
    print("Run `coursekit build` to publish the change.")
    return 0


def cmd_progress_report(args: argparse.Namespace) -> int:
    from coursekit.supervision import itemstats, progress

    problems, fewer = (), 0
    if args.items:  # facility, discrimination and the most chosen wrong option of each question
        trainees, errors = progress.read_all(args.files)
        rows, fewer = itemstats.item_stats(trainees, args.min)
    else:
        assignments, problems = load_assignments(pathlib.Path.cwd())
        rows, errors = progress.report(args.files, assignments)
    _err(*problems, *errors)
    if fewer:
        _err(f"{fewer} questions answered by fewer than {args.min} trainees are not shown (--min)", level="note")
    if rows:
        sys.stdout.write((itemstats if args.items else progress).FORMATS[args.format](rows))
    return 1 if errors or problems else 0


def cmd_export_quiz(args: argparse.Namespace) -> int:
    from coursekit.supervision.lms import EXTENSIONS, export

    root = pathlib.Path.cwd()
    data, quizzes = export(root, args.format, module_id=args.module)
    path = root / (args.out or f"_build/lms/quiz-{args.module or 'all'}{EXTENSIONS[args.format]}")  # may be absolute
    _write_out(path, data, f"quiz{EXTENSIONS[args.format]}")
    modules = "module" if len(quizzes) == 1 else "modules"
    print(f"{sum(len(q.questions) for q in quizzes)} questions from {len(quizzes)} {modules} written to {path}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from coursekit.site.scaffold import init_course

    root = args.dir
    names = {key: value for key, value in (("title", args.title), ("author", args.author)) if value is not None}
    made = init_course(root, args.pages, **names)
    _err(*made.ingested.model.errors, *made.ingested.write_errors)
    _err(*made.ingested.model.warnings, *made.generated.problems, level="warning")
    plan = made.generated.plan
    print(f"created {root}: {len(made.files)} course files, {len(plan.all_entries)} archive entries, "
          f"{len(plan.modules)} modules, {len(made.generated.report.written)} generated files")
    print(f"next: cd {root} && coursekit build")
    return 0


def _arg(*flags: str, **options) -> tuple[tuple[str, ...], dict]:
    return flags, options


ARCHIVE = _arg("--archive", metavar="DIR", help="archive folder (default: the course's archive/)")
FORCE = _arg("--force", action="store_true", help="replace generated files even if edited by hand")
# (name, help, run or (sub-action, ...), arguments), in the order `coursekit --help` lists them;
# assign's --module, --entry and --query append (kind, value) picks, as `assign.build_assignment` takes them
COMMANDS = (
    ("generate", "write notebooks and _toc.yml from course.yml and the archive", cmd_generate, (
        FORCE, _arg("--strict", action="store_true", help="treat problems and kept edits as errors"))),
    ("build", "generate what is stale, then build the book into _build/html", cmd_build, (
        _arg("--output", metavar="DIR", help="build folder (default: _build); the site goes to DIR/html"), FORCE)),
    ("review", "accept, edit, reject or skip the generated items that wait for review", cmd_review, (
        _arg("--module", metavar="ID", help="only this module's items (default: every module's)"),)),
    ("check", "check every quiz item, written or generated, for giveaways and slips", cmd_check, (ARCHIVE,)),
    ("entries", "print the archive's entries", cmd_entries, (
        _arg("--json", action="store_true", required=True, help="as a JSON array (the only format)"), ARCHIVE)),
    ("ingest", "import blog archive pages (.txt, .html) as archive entry files", cmd_ingest, (
        _arg("files", nargs="+", metavar="FILE", type=pathlib.Path,
             help="archive pages, copied as text or saved as HTML"),
        _arg("--archive", metavar="DIR", help="archive folder (default: the course's archive/); created if missing"),
        _arg("--force", action="store_true", help="replace entry files even if edited by hand"))),
    ("bib", "write BibTeX for the archive's citations", cmd_bib, (ARCHIVE,
        _arg("--out", metavar="PATH", type=pathlib.Path, help="the .bib file to write (default: print to stdout)"))),
    ("find", "search the archive for readings, best match first", cmd_find, (
        _arg("query", metavar="QUERY", help="words to look for; any of them may match"),
        _arg("--module", metavar="ID", help="only readings in this module (or further-reading)"),
        _arg("--since", metavar="YYYY", help="only readings posted in this year or later"),
        _arg("--limit", metavar="N", type=int, default=10, help="show at most N hits (default 10; 0: all)"),
        _arg("--json", action="store_true", help="print the hits as a JSON array"))),
    ("assign", "assign readings, a quiz and prompts to trainees, with a due date", cmd_assign, (
        _arg("--to", metavar="NAME", action="append", help="a trainee or cohort (repeat for more)"),
        _arg("--due", metavar="YYYY-MM-DD", help="the due date"),
        _arg("--module", dest="picks", metavar="ID", action="append", type=lambda value: ("module", value),
             help="assign every reading of a module (repeatable)"),
        _arg("--entry", dest="picks", metavar="ID", action="append", type=lambda value: ("entry", value),
             help="assign one reading by its entry id (repeatable)"),
        _arg("--query", dest="picks", metavar="TEXT", action="append", type=lambda value: ("query", value),
             help="assign the best 3 search hits for TEXT (repeatable)"),
        _arg("--note", metavar="TEXT", help="a note for the trainees, shown at the top of the page"),
        _arg("--title", metavar="TEXT", help="the assignment's title (the same title updates it)"),
        _arg("--list", action="store_true", help="list the course's assignments"),
        _arg("--remove", metavar="TITLE", help="remove the assignment with this title"))),
    ("progress", "work with trainees' exported progress files", (
        ("report", "report progress files against the course's assignments", cmd_progress_report, (
            _arg("files", nargs="+", metavar="FILE", type=pathlib.Path, help="progress files exported from the site"),
            _arg("--items", action="store_true",
                 help="report per question: facility, discrimination, most chosen wrong option, flags"),
            _arg("--min", metavar="N", type=int, default=5,
                 help="with --items: only questions answered by at least N trainees (default 5)"),
            _arg("--format", choices=("table", "markdown", "csv"), default="table",
                 help="output format (default: table)"))),), ()),
    ("export-quiz", "export the quizzes for an LMS (Canvas QTI, Moodle XML, GIFT)", cmd_export_quiz, (
        _arg("--format", choices=("qti", "moodle", "gift"), required=True,
             help="qti: a QTI 1.2 zip (Canvas classic quizzes); moodle: Moodle XML; gift: Moodle GIFT"),
        _arg("--module", metavar="ID", help="only this module's quiz (default: every module)"),
        _arg("--out", metavar="PATH", help="the file to write (default: _build/lms/quiz-<ID|all>.<ext>)"))),
    ("init", "make a new course folder from blog archive pages", cmd_init, (
        _arg("dir", metavar="DIR", type=pathlib.Path, help="the new course folder (must not exist, or be empty)"),
        _arg("--from", dest="pages", metavar="PAGES", nargs="+", required=True, type=pathlib.Path,
             help="blog archive pages (.txt, .html) to ingest into the course's archive/"),
        _arg("--title", help="the course title (default: Learning from psychotherapy research)"),
        _arg("--author", help="the author shown on the site (default: The course team)"))),
)


def _add_commands(parser: argparse.ArgumentParser, commands: tuple, dest: str, metavar: str) -> None:
    """`commands` as subcommands of `parser`; a command whose run is a tuple has sub-actions."""
    subparsers = parser.add_subparsers(dest=dest, required=True, metavar=metavar)
    for name, help_text, run, arguments in commands:
        command = subparsers.add_parser(name, help=help_text)
        for flags, options in arguments:
            command.add_argument(*flags, **options)
        if isinstance(run, tuple):
            _add_commands(command, run, "action", "ACTION")
        else:
            command.set_defaults(run=run)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="coursekit", description=__doc__)
    top.add_argument("--version", action="version", version=f"coursekit {__version__}")
    _add_commands(top, COMMANDS, "command", "COMMAND")
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
