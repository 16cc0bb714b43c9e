"""The archive entry format: Markdown with YAML front matter, one file per entry.

A pure string core in the manner of jupytext: `reads(text, name)` turns a file's text into an
`Entry` (or raises `EntryError` listing every problem, each naming the file and field), and
`writes(entry)` renders an `Entry` back to text; `reads_quiz_item` and `writes_quiz_item` do the
same for one quiz item alone (the YAML mapping that review's edit step opens in an editor). File
wrappers live in `readers.py`. Each item of `stats:` holds the fields of a `model.Stat`.

Review of generated items (`coursekit review`) leaves its decisions in the file, so that they
survive `coursekit generate` and a re-ingest (a reviewed file counts as edited by hand): an
accepted item is an item of `quiz:` like a written one, with `generated: <generated item id>`
(the generator no longer drafts that id, and the item keeps it in the question bank); `rejected:`
lists the ids of rejected generated items, never drafted again.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import fields
from typing import Any

import yaml

from coursekit import yamlio
from coursekit.checks import Problems, is_number, is_whole
from coursekit.model import DIFFICULTIES, STAT_KINDS, Author, Citation, Entry, QuizItem, Stat

SECTIONS = {"summary": "Summary", "implications": "Practice Implications"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MONTH_PATTERN = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
CITATION_STRINGS = ("title", "source", "volume", "issue", "pages", "doi", "url", "editors", "publisher")
CITATION_KEYS = ("type", "authors", "et_al", "year", *CITATION_STRINGS)  # in the order written
CITATION_TYPES = ("article", "chapter", "book", "other")
FRONT_KEYS = ("id", "month", "title", "citation", "topics", "stats", "incomplete", "quiz", "prompts", "rejected")
QUIZ_KEYS = ("stem", "options", "answer", "feedback", "difficulty", "generated")
STAT_TEXTS = ("text", "label", "population", "direction", "verdict")  # optional text fields of a stat
STAT_KEYS = ("kind", "value", "ci_low", "ci_high", *STAT_TEXTS)


class EntryError(ValueError):
    """Every problem found in one entry file, each a line of the message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.problems = message.split("\n")


def reads(text: str, name: str = "<string>") -> Entry:
    """Parse one entry file's text. Raises EntryError naming `name` and each bad field."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line = _split_front_matter(text, name)
    check = Problems(name, EntryError)
    sections = _split_sections(body, body_line, check)
    entry = _entry_from(meta, sections, check)
    check.report()
    return entry


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str, int]:
    if not text.startswith("---\n"):
        raise EntryError(f"{name}:1: front matter: the file must start with a '---' line")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise EntryError(f"{name}:1: front matter: no closing '---' line")
    front = text[4 : end + 1]
    try:
        meta = yamlio.parse(front)
    except yaml.YAMLError as exc:
        line, problem = yamlio.problem_of(exc)
        raise EntryError(f"{name}:{(line or 0) + 1}: front matter: {problem}") from None
    if not isinstance(meta, dict):
        raise EntryError(f"{name}:2: front matter: expected key: value pairs")
    body_line = text[: end + 5].count("\n") + 1
    return meta, text[end + 5 :], body_line


def _text(check: Problems, value: Any, where: str, required: bool = True) -> str | None:
    """Text folded onto one line (a number as text); None when missing, a problem if `required`."""
    if value is None or value == "":
        if required:
            check.fail(where, "missing")
        return None
    if is_number(value):
        return str(value)
    if not check.expect(isinstance(value, str), where, f"text, got {type(value).__name__}"):
        return None
    return " ".join(value.split())


def _texts(check: Problems, value: Any, where: str) -> tuple[str, ...]:
    found = (_text(check, item, f"{where}[{i}]") for i, item in enumerate(check.typed(value, where, list, "a list")))
    return tuple(text for text in found if text)


def _number(check: Problems, value: Any, where: str, required: bool = False) -> float | None:
    if value is None:
        if required:
            check.fail(where, "missing")
        return None
    return float(value) if check.expect(is_number(value), where, f"a number, got {value!r}") else None


def _split_sections(body: str, first_line: int, check: Problems) -> dict[str, tuple[str, ...]]:
    wanted = {title.lower(): key for key, title in SECTIONS.items()}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for offset, line in enumerate(body.split("\n")):
        heading = re.match(r"^##\s+(.+?)\s*#*\s*$", line)
        if heading:
            key = wanted.get(heading.group(1).lower())
            if key is None:
                check.fail(f"line {first_line + offset}", f"unknown section '## {heading.group(1)}'")
                current = None
                continue
            current = found.setdefault(key, [])
        elif current is not None:
            current.append(line)
        elif line.strip():
            check.fail(f"line {first_line + offset}", "text before the '## Summary' heading")
    if "summary" not in found:
        check.fail("## Summary", "missing section")
    return {key: _paragraphs(lines) for key, lines in found.items()}


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Paragraphs between blank lines, each folded onto one line."""
    runs = itertools.groupby(lines, key=lambda line: not line.strip())
    return tuple(" ".join(" ".join(run).split()) for blank, run in runs if not blank)


def _entry_from(meta: dict[str, Any], sections: dict, check: Problems) -> Entry:
    check.unknown(meta, FRONT_KEYS)
    entry_id = _text(check, meta.get("id"), "id") or ""
    if entry_id and not ID_PATTERN.match(entry_id):
        check.fail("id", f"'{entry_id}' is not a slug (lowercase letters, digits, hyphens)")
    month = _text(check, meta.get("month"), "month") or ""
    if month and not MONTH_PATTERN.match(month):
        check.fail("month", f"'{month}' is not YYYY-MM")
    incomplete = meta.get("incomplete", False)
    check.expect(isinstance(incomplete, bool), "incomplete", "true or false")
    return Entry(
        id=entry_id,
        month=month,
        title=_text(check, meta.get("title"), "title") or "",
        citation=_citation(check.typed(meta.get("citation"), "citation", dict, "key: value pairs"), check),
        summary=sections.get("summary", ()),
        implications=sections.get("implications", ()),
        topics=_texts(check, meta.get("topics"), "topics"),
        stats=_stats(meta.get("stats"), check),
        incomplete=bool(incomplete),
        quiz=_quiz(meta.get("quiz"), check),
        prompts=_texts(check, meta.get("prompts"), "prompts"),
        rejected=_texts(check, meta.get("rejected"), "rejected"),
        source_path=check.name,
    )


def _citation(raw: dict[str, Any], check: Problems) -> Citation:
    check.unknown(raw, CITATION_KEYS, "citation.")
    strings = {key: _text(check, raw.get(key), f"citation.{key}", required=False) for key in CITATION_STRINGS}
    year = raw.get("year")
    if not check.expect(year is None or is_whole(year), "citation.year", f"a year like 2021, got {year!r}"):
        year = None
    kind = raw.get("type") or "article"
    if not check.expect(kind in CITATION_TYPES, "citation.type", f"one of {', '.join(CITATION_TYPES)}"):
        kind = "other"
    if strings["doi"]:
        strings["doi"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", strings["doi"], flags=re.I)
    authors = []
    for where, item in check.tables(raw.get("authors"), "citation.authors", "a list of {family, given}"):
        family = _text(check, item.get("family"), f"{where}.family")
        given = _text(check, item.get("given"), f"{where}.given", required=False)
        if family:
            authors.append(Author(family=family, given=given))
    return Citation(authors=tuple(authors), year=year, type=kind, et_al=bool(raw.get("et_al", False)), **strings)


def _stats(raw: Any, check: Problems) -> tuple[Stat, ...]:
    stats = []
    for where, item in check.tables(raw, "stats", "a list"):
        kind = _text(check, item.get("kind"), f"{where}.kind")
        if kind and kind not in STAT_KINDS:
            check.fail(f"{where}.kind", f"'{kind}' is not one of {', '.join(STAT_KINDS)}")
        value, low, high = (_number(check, item.get(key), f"{where}.{key}", key == "value")
                            for key in ("value", "ci_low", "ci_high"))
        if low is not None and high is not None and low > high:
            check.fail(where, "ci_low is above ci_high")
        check.unknown(item, STAT_KEYS, f"{where}.")
        texts = {key: _text(check, item.get(key), f"{where}.{key}", required=False) or "" for key in STAT_TEXTS}
        if kind and value is not None:
            stats.append(Stat(kind=kind, value=value, ci_low=low, ci_high=high, **texts))
    return tuple(stats)


def _quiz(raw: Any, check: Problems) -> tuple[QuizItem, ...]:
    found = [_quiz_item(item, where, check) for where, item in check.tables(raw, "quiz", "a list of questions")]
    items = [item for item in found if item is not None]
    sources = [item.generated for item in items if item.generated]
    for source in sorted({s for s in sources if sources.count(s) > 1}):
        check.fail("quiz", f"two items were accepted from the generated item '{source}'")
    return tuple(items)


def _quiz_item(raw: dict[str, Any], where: str, check: Problems) -> QuizItem | None:
    stem = _text(check, raw.get("stem"), f"{where}.stem")
    options = _texts(check, raw.get("options"), f"{where}.options")
    answer = raw.get("answer")
    answers = _texts(check, answer if isinstance(answer, list) else [answer], f"{where}.answer")
    feedback = _text(check, raw.get("feedback"), f"{where}.feedback")
    difficulty = raw.get("difficulty", "medium")
    generated = _text(check, raw.get("generated"), f"{where}.generated", required=False) or ""
    problems_before = len(check.lines)
    check.unknown(raw, QUIZ_KEYS, f"{where}.")
    if len(options) < 2:
        check.fail(f"{where}.options", "needs at least two options")
    if len(set(options)) != len(options):
        check.fail(f"{where}.options", "options repeat")
    for text in answers:
        if text not in options:
            check.fail(f"{where}.answer", f"'{text}' is not one of the options")
    check.expect(difficulty in DIFFICULTIES, f"{where}.difficulty", f"one of {', '.join(DIFFICULTIES)}")
    if len(check.lines) > problems_before or not (stem and answers and feedback):
        return None
    return QuizItem(stem=stem, options=options, answers=answers, feedback=feedback, difficulty=difficulty,
                    generated=generated)


def reads_quiz_item(text: str, name: str = "<string>") -> QuizItem:
    """One quiz item from the YAML text of its mapping, by the rules of `quiz:` items; raises
    EntryError naming `name` and each bad field."""
    try:
        raw = yamlio.parse(text)
    except yaml.YAMLError as exc:
        line, problem = yamlio.problem_of(exc)
        raise EntryError(f"{name}:{line or 1}: {problem}") from None
    check = Problems(name, EntryError)
    item = _quiz_item(check.typed(raw, "item", dict, "key: value pairs"), "item", check)
    check.report()
    if item is None:
        raise EntryError(f"{name}: item: stem, answer and feedback are needed")
    return item


def writes_quiz_item(item: QuizItem) -> str:
    """One quiz item as the YAML text of its mapping; `reads_quiz_item` gives it back."""
    return yamlio.dumps(_yaml_data(_quiz_dict(item)))


def writes(entry: Entry) -> str:
    """Render an entry as file text; `reads(writes(e))` gives back `e`."""
    front = {key: getattr(entry, key) for key in FRONT_KEYS}
    front["citation"] = {key: getattr(entry.citation, key) for key in CITATION_KEYS}
    front["quiz"] = [_quiz_dict(item) for item in entry.quiz]
    body = [f"## {SECTIONS['summary']}", *entry.summary]
    if entry.implications:
        body += [f"## {SECTIONS['implications']}", *entry.implications]
    return f"---\n{yamlio.dumps(_yaml_data(front))}---\n\n" + "\n\n".join(body) + "\n"


def _quiz_dict(item: QuizItem) -> dict[str, Any]:
    answer = item.answers[0] if len(item.answers) == 1 else item.answers
    return {"stem": item.stem, "options": item.options, "answer": answer, "feedback": item.feedback,
            "difficulty": item.difficulty, "generated": item.generated}


def _yaml_data(value: Any) -> Any:
    """Model values as YAML data: tuples as lists, authors and stats as mappings, and mappings without the
    fields that hold nothing (null, empty text, empty list, false flag: `reads` takes a missing
    field as exactly that)."""
    if isinstance(value, (Author, Stat)):
        value = {field.name: getattr(value, field.name) for field in fields(value)}
    if isinstance(value, dict):
        data = {key: item if isinstance(item, LEAVES) else _yaml_data(item) for key, item in value.items()}
        return {key: item for key, item in data.items() if not (item is None or item is False or item in ("", []))}
    if isinstance(value, (tuple, list)):
        return [item if isinstance(item, LEAVES) else _yaml_data(item) for item in value]
    return value


LEAVES = (str, int, float, type(None))  # taken as they are, without a call each: ingest writes thousands of entries
