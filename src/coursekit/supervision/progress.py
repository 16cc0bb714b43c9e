"""Trainee progress files: their validation, and the supervisor's report.

A progress file is what "Export progress" on the site's "My progress" page downloads, and what the
live-notebook quiz (`live.py`) keeps in ~/.coursekit/progress.json; the supervisors' guide
(data/scaffold/book/supervisors.md, "The progress file") describes its keys. Files come from trainees,
so they are untrusted: `read_progress` checks every type and size, rejects unknown keys, and reports
the first problem as one line that names the file and the field.
"""
from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import pathlib
from dataclasses import astuple, dataclass, field, fields
from typing import Any, Callable, Sequence

from coursekit.checks import Problems, is_list_of, is_whole, key_text
from coursekit.content import escape
from coursekit.errors import InputError
from coursekit.model import PROGRESS_SCHEMA as SCHEMA
from coursekit.model import PROGRESS_VERSION as VERSION
from coursekit.planning.assignments import Assignment, Reading
from coursekit.supervision.assign import MAX_NAME

MAX_BYTES = 5_000_000
MAX_ITEMS = 5_000  # entries in any one map (quizzes, questions, reflections, visits)
MAX_ID = 300
MAX_ANSWER = 2_000
MAX_REFLECTION = 50_000
VERSIONS = (1, VERSION)  # a file of version 1 is a file of version 2 without "practice"
TOP_KEYS = ("schema", "version", "trainee", "exported", "quizzes", "practice", "reflections", "visits")
PRACTICE_KEYS = ("seed", "sets", "wrong", "current")
SET_KEYS = ("reading", "questions", "results")
ANSWER_KEYS = ("option", "correct", "text")
VISIT_KEYS = ("count", "first", "last")


class ProgressError(InputError):
    """A progress file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Answer:
    option: int
    correct: bool
    text: str = ""


@dataclass(frozen=True)
class Practice:
    """A quiz's practice sets: the shuffle seed, sets started, the set of each question's latest
    wrong answer, and the latest set (its reading, questions in the order asked, answers so far)."""
    seed: int = 0
    sets: int = 0
    wrong: dict[str, int] = field(default_factory=dict)
    reading: str = ""
    questions: tuple[str, ...] = ()
    results: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Progress:
    source: str
    trainee: str = ""
    exported: datetime.datetime | None = None
    quizzes: dict[str, dict[str, Answer]] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    practice: dict[str, Practice] = field(default_factory=dict)

    def answer(self, question_id: str, preferred_quiz: str) -> Answer | None:
        """The answer to a question: from `preferred_quiz` if there, else from any quiz that asks it."""
        return (self.quizzes.get(preferred_quiz, {}).get(question_id)
                or next((q[question_id] for _, q in sorted(self.quizzes.items()) if question_id in q), None))

    def wrote(self, prompt_id: str) -> bool:
        return bool(self.reflections.get(prompt_id, "").strip())


# --- validation ---------------------------------------------------------------------------------

def read_progress(path: pathlib.Path) -> Progress:
    """The progress a trainee's file holds; ProgressError names the file and the first bad field."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ProgressError(f"{path}: file is larger than {MAX_BYTES // 1_000_000} MB")
        return parse_progress(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise ProgressError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProgressError(f"{path}: not UTF-8 text") from None


def parse_progress(text: str, name: str) -> Progress:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgressError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ProgressError(f"{name}: JSON nested too deeply") from None
    return _progress(data, Problems(name, ProgressError, first=True))


def _progress(data: Any, check: Problems) -> Progress:
    _known_keys(data, "", TOP_KEYS, check)
    check.expect(data.get("schema") == SCHEMA, "schema", f"\"{SCHEMA}\"")
    version = data.get("version")
    check.expect(is_whole(version) and version in VERSIONS, "version", f"one of: {', '.join(map(str, VERSIONS))}")
    trainee = data.get("trainee", "")
    check.expect(isinstance(trainee, str), "trainee", "text")
    trainee = " ".join(trainee.split())
    check.expect(len(trainee) <= MAX_NAME and trainee.isprintable(), "trainee",
                 f"a name of at most {MAX_NAME} printable characters")
    return Progress(
        source=check.name,
        trainee=trainee,
        exported=_time(data.get("exported"), "exported", check),
        quizzes=_map(data.get("quizzes", {}), "quizzes", check, functools.partial(_map, item=_answer)),
        reflections=_map(data.get("reflections", {}), "reflections", check, _reflection),
        visits=_map(data.get("visits", {}), "visits", check, _visit),
        practice=_map(data.get("practice", {}), "practice", check, _practice),
    )


def _time(value: Any, where: str, check: Problems) -> datetime.datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        moment = None
    check.expect(moment is not None, where, "an ISO 8601 time")
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID and value.isprintable()


def _is_text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _map(value: Any, where: str, check: Problems, item: Callable[[Any, str, Problems], Any]) -> dict:
    check.expect(isinstance(value, dict), where, "a JSON object")
    if len(value) > MAX_ITEMS:
        check.fail(where, f"more than {MAX_ITEMS} items")
    checked = {}
    for key, inner in value.items():
        at = f"{where}.{key_text(key)}"
        check.expect(_is_id(key), at, f"an id of 1 to {MAX_ID} printable characters")
        checked[key] = item(inner, at, check)
    return checked


def _known_keys(value: Any, where: str, keys: tuple[str, ...], check: Problems) -> None:
    check.expect(isinstance(value, dict), where, "a JSON object")
    check.unknown(value, keys, f"{where}." if where else "", f" (expected one of: {', '.join(keys)})", sort=False)


def _answer(value: Any, where: str, check: Problems) -> Answer:
    _known_keys(value, where, ANSWER_KEYS, check)
    option = _whole(value.get("option"), f"{where}.option", check, 999)
    correct, text = value.get("correct"), value.get("text", "")
    check.expect(type(correct) is bool, f"{where}.correct", "true or false")
    check.expect(_is_text(text, MAX_ANSWER), f"{where}.text", f"text of at most {MAX_ANSWER} characters")
    return Answer(option=option, correct=correct, text=text)


def _reflection(value: Any, where: str, check: Problems) -> str:
    _known_keys(value, where, ("text",), check)
    text = value.get("text", "")
    check.expect(_is_text(text, MAX_REFLECTION), f"{where}.text", f"text of at most {MAX_REFLECTION} characters")
    return text


def _visit(value: Any, where: str, check: Problems) -> int:
    _known_keys(value, where, VISIT_KEYS, check)
    for key in ("first", "last"):
        _time(value.get(key), f"{where}.{key}", check)
    return _whole(value.get("count", 0), f"{where}.count", check)


def _practice(value: Any, where: str, check: Problems) -> Practice:
    _known_keys(value, where, PRACTICE_KEYS, check)
    seed = _whole(value.get("seed", 0), f"{where}.seed", check, 2**32 - 1)
    wrong = _map(value.get("wrong", {}), f"{where}.wrong", check, _whole)
    current = value.get("current", {})
    _known_keys(current, f"{where}.current", SET_KEYS, check)
    reading, questions, results = (current.get(key, default) for key, default in zip(SET_KEYS, ("", [], [])))
    check.expect(_is_text(reading, MAX_ID), f"{where}.current.reading", f"an id of at most {MAX_ID} characters")
    check.expect(isinstance(questions, list) and len(questions) <= MAX_ITEMS and all(map(_is_id, questions)),
                 f"{where}.current.questions", "a list of question ids")
    check.expect(is_list_of(results, bool) and len(results) <= len(questions), f"{where}.current.results",
                 "a list of true or false, at most one per question")
    return Practice(seed=seed, sets=_whole(value.get("sets", 0), f"{where}.sets", check), wrong=wrong,
                    reading=reading, questions=tuple(questions), results=tuple(results))


def _whole(value: Any, where: str, check: Problems, top: int = 10**9) -> int:
    check.expect(is_whole(value, 0, top), where, f"a whole number from 0 to {top}")
    return value


# --- the report ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportRow:
    trainee: str
    assignment: str
    due: str
    readings_done: int
    readings: int
    answered: int
    correct: int
    questions: int
    reflections: int
    prompts: int
    status: str


def concerns(progress: Progress, assignment: Assignment) -> bool:
    """An assignment is reported for a trainee it names, or one who worked on it (a cohort's member)."""
    named = progress.trainee.casefold() in {" ".join(name.split()).casefold() for name in assignment.to}
    return named or bool(progress.quizzes.get(assignment.quiz_id)) or any(map(progress.wrote, assignment.prompts))


def reading_done(progress: Progress, quiz_id: str, reading: Reading) -> bool:
    """Done: every question on the reading answered; a reading without questions: its page visited."""
    if reading.questions:
        return all(progress.answer(q, quiz_id) for q in reading.questions)
    return progress.visits.get(reading.page, 0) > 0


def row_for(progress: Progress, assignment: Assignment) -> ReportRow:
    answers = [progress.answer(q, assignment.quiz_id) for q in assignment.questions]
    given = [a for a in answers if a is not None]
    return ReportRow(
        trainee=progress.trainee or pathlib.PurePath(progress.source).stem,
        assignment=assignment.title, due=assignment.due,
        readings_done=sum(reading_done(progress, assignment.quiz_id, r) for r in assignment.readings),
        readings=len(assignment.readings),
        answered=len(given), correct=sum(a.correct for a in given), questions=len(answers),
        reflections=sum(progress.wrote(p) for p in assignment.prompts), prompts=len(assignment.prompts),
        status="no export date" if progress.exported is None  # on time: exported on or before the due date
        else "on time" if progress.exported.date().isoformat() <= assignment.due else "late")


def rows_for(progress: Progress, assignments: tuple[Assignment, ...]) -> list[ReportRow]:
    mine = [row_for(progress, a) for a in assignments if concerns(progress, a)]
    return mine or [_unassigned_row(progress)]


def _unassigned_row(progress: Progress) -> ReportRow:
    given = [a for quiz in progress.quizzes.values() for a in quiz.values()]
    written = sum(progress.wrote(p) for p in progress.reflections)
    return ReportRow(trainee=progress.trainee or pathlib.PurePath(progress.source).stem,
                     assignment="(no assignment)", due="", readings_done=0, readings=0, answered=len(given),
                     correct=sum(a.correct for a in given), questions=len(given), reflections=written,
                     prompts=written, status="")


# --- formats ---------------------------------------------------------------------------------------

HEADINGS = ("trainee", "assignment", "due", "readings done", "quiz score", "reflections", "status")


def _cells(row: ReportRow) -> tuple[str, ...]:
    readings = f"{row.readings_done} of {row.readings}" if row.readings else "-"
    quiz = (f"{row.correct}/{row.answered} correct ({row.answered} of {row.questions} answered)"
            if row.questions else "no questions")
    reflections = f"{row.reflections} of {row.prompts}" if row.prompts else "0"
    return (escape.printable(row.trainee), escape.printable(row.assignment), row.due or "-", readings, quiz,
            reflections, row.status or "-")


def text_table(headings: tuple[str, ...], lines: list[tuple[str, ...]]) -> str:
    """Plain-text columns: each cell padded to its column's widest, two spaces apart."""
    table = [headings] + lines
    widths = [max(len(line[i]) for line in table) for i in range(len(headings))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in table) + "\n"


def markdown_table(headings: tuple[str, ...], lines: list[tuple[str, ...]]) -> str:
    """A Markdown pipe table; each cell escaped so that it renders as plain text."""
    out = ["| " + " | ".join(headings) + " |", "|" + " --- |" * len(headings)]
    out += ["| " + " | ".join(escape.myst(cell) for cell in line) + " |" for line in lines]
    return "\n".join(out) + "\n"


def csv_text(fields: tuple[str, ...], lines: list[Sequence[Any]]) -> str:
    """CSV with a header row; text a spreadsheet would run as a formula gets a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    formula = ("=", "+", "-", "@", "\t", "\r")
    writer.writerows([f"'{v}" if isinstance(v, str) and v.startswith(formula) else v for v in line] for line in lines)
    return out.getvalue()


def report_formats(headings: tuple[str, ...], cells: Callable[[Any], tuple[str, ...]], csv_fields: tuple[str, ...],
                   csv_values: Callable[[Any], Sequence[Any]]) -> dict[str, Callable[[list[Any]], str]]:
    """The `--format` choices for rows that `cells` shows as text and `csv_values` as CSV values."""
    return {"table": lambda rows: text_table(headings, [cells(row) for row in rows]),
            "markdown": lambda rows: markdown_table(headings, [cells(row) for row in rows]),
            "csv": lambda rows: csv_text(csv_fields, [csv_values(row) for row in rows])}


CSV_FIELDS = tuple(f.name for f in fields(ReportRow))
FORMATS = report_formats(HEADINGS, _cells, CSV_FIELDS, astuple)


def read_all(paths: list[pathlib.Path]) -> tuple[list[Progress], list[str]]:
    """Every file that passes validation, and one error line for each that does not."""
    read: list[Progress] = []
    errors: list[str] = []
    for path in paths:
        try:
            read.append(read_progress(path))
        except ProgressError as exc:
            errors.append(str(exc))
    return read, errors


def report(paths: list[pathlib.Path], assignments: tuple[Assignment, ...]) -> tuple[list[ReportRow], list[str]]:
    """Rows for every file that passes validation, and one error line for each that does not."""
    read, errors = read_all(paths)
    return [row for progress in read for row in rows_for(progress, assignments)], errors
