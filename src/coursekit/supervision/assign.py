"""Assignments: readings a supervisor sets for a trainee or a cohort, with a due date.

`coursekit assign` turns a selection (modules, entry ids, search queries) into an `Assignment`
and writes four files, all atomically and inside the course folder:

    book/assignments/<slug>.yml       the assignment as data (the progress report reads it)
    book/assignments/<slug>.md        its page in the site: note, readings, quiz, reflection boxes
    supervision/<slug>-handout.html   a printable handout, standalone, no external resources
    supervision/<slug>-guide.md       the supervisor's guide: answer key and discussion points

`supervision/` is not part of the published site. Every piece of archive or user text goes
through `coursekit.content.escape` before it reaches Markdown or HTML. The same title again replaces
the assignment; `remove` deletes its four files.
"""
from __future__ import annotations

import pathlib
import re
from dataclasses import replace

from coursekit.archive.ids import slug as make_slug
from coursekit.content import escape
from coursekit.content.citations import reference
from coursekit.content.notebooks import reference_markdown
from coursekit.content.prompts import Prompt, module_prompts, prompt_id
from coursekit.content.prompts import static_html as prompts_html
from coursekit.content.quiz import (
    Question,
    entry_questions,
    reading_anchor,
    reading_url,
    static_html,
)
from coursekit.model import FURTHER_READING_ID, Entry, Plan
from coursekit.planning.assignments import (
    FOLDER,
    AssignError,
    Assignment,
    Reading,
    data_yaml,
    parse_due,
)
from coursekit.planning.themes import entry_modules
from coursekit.site.generate import PROGRESS_PAGE
from coursekit.supervision.search import candidates, search
from coursekit.text import long_date, month_label
from coursekit.writer import atomic_write, safe_target

SUPERVISION = "supervision"
QUERY_READINGS = 3  # a --query adds its best hits, up to this many
MAX_NAME = 100
UP = "../"  # assignment pages sit one folder deeper (book/assignments/) than the pages content/ links from


# --- checking what the supervisor typed -------------------------------------------------------

def clean_names(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    cleaned: dict[str, None] = {}
    for raw in names:
        name = " ".join(raw.split())
        if not name or len(name) > MAX_NAME or not name.isprintable():
            raise AssignError(f"--to: '{raw[:MAX_NAME]}' is not a name (1 to {MAX_NAME} printable characters)")
        cleaned.setdefault(name, None)
    if not cleaned:
        raise AssignError("--to: name the trainee or cohort the readings are for")
    return tuple(cleaned)


def slug_of(title: str) -> str:
    value = make_slug(title, 50)
    if not value:
        raise AssignError(f"--title: '{title}' needs letters or digits to name its page")
    return value


# --- choosing the readings ---------------------------------------------------------------------

def select_entries(plan: Plan, picks: tuple[tuple[str, str], ...]) -> tuple[Entry, ...]:
    """The entries the picks name, in the order given, each once."""
    chosen: dict[str, Entry] = {}
    for kind, value in picks:
        for entry in _picked(plan, kind, value):
            chosen.setdefault(entry.id, entry)
    if not chosen:
        raise AssignError("nothing to assign: give --module, --entry or --query")
    return tuple(chosen.values())


def _picked(plan: Plan, kind: str, value: str) -> tuple[Entry, ...]:
    if kind == "module":
        return candidates(plan, value)
    if kind == "entry":
        entry = next((e for e in plan.all_entries if e.id == value), None)
        if entry is None:
            raise AssignError(f"--entry: no archive entry '{value}' (see `coursekit find` or `coursekit entries`)")
        return (entry,)
    hits = search(plan, value, limit=QUERY_READINGS)
    if not hits:
        raise AssignError(f"--query: no reading matches '{value}'")
    return tuple(h.entry for h in hits)


def build_assignment(plan: Plan, title: str | None, to: tuple[str, ...], due: str, note: str,
                     picks: tuple[tuple[str, str], ...]) -> Assignment:
    """Check the request and work out readings, question ids and prompt ids."""
    names = clean_names(to)
    due_date = parse_due(due)
    heading = " ".join((title or f"Readings for {', '.join(names)}, due {due_date}").split())
    entries = select_entries(plan, picks)
    homes = entry_modules(plan)
    readings = tuple(_reading(entry, homes.get(entry.id, (FURTHER_READING_ID,))[0], plan.course.publishes_drafts)
                     for entry in entries)
    modules = [p.module for p in plan.modules if ("module", p.module.id) in picks]
    module_prompts = tuple(prompt_id(m.id, n) for m in modules for n in range(1, len(m.prompts) + 1))
    return Assignment(title=heading, slug=slug_of(heading), to=names, due=due_date, note=note.strip(),
                      picks=picks, readings=readings, module_prompts=module_prompts)


def _reading(entry: Entry, module_id: str, publish_drafts: bool) -> Reading:
    questions = tuple(q.id for q in entry_questions(entry, module_id, publish_drafts=publish_drafts))
    prompts = tuple(prompt_id(entry.id, n) for n in range(1, len(entry.prompts) + 1))
    return Reading(id=entry.id, title=entry.title, module=module_id, questions=questions, prompts=prompts)


# --- the page in the site ----------------------------------------------------------------------

def entries_by_id(plan: Plan) -> dict[str, Entry]:
    return {e.id: e for e in plan.all_entries}


def note_paragraphs(note: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", note) if p.strip()]


def assignment_questions(assignment: Assignment, plan: Plan) -> list[Question]:
    """The quiz of an assignment: its readings' questions, each linking to its reading card."""
    entries = entries_by_id(plan)
    return [replace(question, reading_url=UP + reading_url(reading.module, reading.id))
            for reading in assignment.readings if reading.id in entries
            for question in entry_questions(entries[reading.id], reading.module,
                                            publish_drafts=plan.course.publishes_drafts)]


def assignment_prompts(assignment: Assignment, plan: Plan) -> list[Prompt]:
    """The assignment's prompts in its order (modules', then readings'), each linking to its module or reading."""
    own = {p.id: p for m in plan.modules for p in module_prompts(m)[:len(m.module.prompts)]}
    entries = entries_by_id(plan)
    found = [replace(own[p], reading_url=UP + own[p].reading_url) for p in assignment.module_prompts if p in own]
    return found + [Prompt(prompt_id, text, reading.title, UP + reading_url(reading.module, reading.id))
                    for reading in assignment.readings if reading.id in entries
                    for prompt_id, text in zip(reading.prompts, entries[reading.id].prompts)]


def page_markdown(assignment: Assignment, plan: Plan, progress_page: bool = True) -> str:
    questions = assignment_questions(assignment, plan)
    prompts = assignment_prompts(assignment, plan)
    lines = [f"# {escape.myst(assignment.title)}", "",
             f"- **For:** {escape.myst(', '.join(assignment.to))}",
             f"- **Due:** {long_date(assignment.due)}",
             f"- **Work:** {len(assignment.readings)} readings, {len(questions)} quiz questions, "
             f"{len(prompts)} discussion prompts", ""]
    if assignment.note:
        lines += ["## From your supervisor", ""]
        lines += [p for paragraph in note_paragraphs(assignment.note) for p in (escape.myst(paragraph), "")]
    lines += ["## Readings", "", "Read each card in full: the summary, the practice implications and the "
              "key figures.", ""]
    entries = entries_by_id(plan)
    for number, reading in enumerate(assignment.readings, start=1):
        ref = reference_markdown(entries[reading.id]) if reading.id in entries else escape.myst(reading.title)
        lines += [f"{number}. {{ref}}`{reading_anchor(reading.module, reading.id)}`. {ref}"]
    lines.append("")
    if questions:
        lines += ["## Quiz", "", f"{len(questions)} questions on these readings. Your answers stay in this browser.",
                  "", static_html(assignment.quiz_id, questions), ""]
    if prompts:
        lines += ["## Discussion prompts", "",
                  "Write a few lines on each prompt you choose and bring them to supervision. What you type is "
                  "saved in this browser only. Leave out anything that could identify a patient.", "",
                  prompts_html(prompts), ""]
    if progress_page:
        lines += ["## When you have finished", "",
                  "Open [My progress](../progress.md), type your name and export your progress. "
                  "Send the file to your supervisor before the session.", ""]
    return "\n".join(lines).rstrip() + "\n"


# --- files outside the site --------------------------------------------------------------------

HANDOUT_STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #111; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.2em; } .meta { color: #333; } .ref { font-size: 0.92em; }
.lines { border-bottom: 1px solid #999; height: 1.6em; }
@media print { body { margin: 0; max-width: none; } .reading, .prompt { break-inside: avoid; } a { color: inherit; } }
""".strip()


def handout_html(assignment: Assignment, plan: Plan) -> str:
    """A standalone page to print: no scripts, no links to load, inline styles only."""
    entries = entries_by_id(plan)
    body = [f"<h1>{escape.html(assignment.title)}</h1>",
            f'<p class="meta">For {escape.html(", ".join(assignment.to))}. Due {long_date(assignment.due)}.</p>']
    body += [f"<p>{escape.html(p)}</p>" for p in note_paragraphs(assignment.note)]
    body.append("<h2>Readings</h2>")
    body += [_handout_reading(entries[r.id]) for r in assignment.readings if r.id in entries]
    prompts = assignment_prompts(assignment, plan)
    if prompts:
        body.append("<h2>For discussion</h2>")
        lines = '<div class="lines"></div>' * 4
        body += [f'<div class="prompt"><p>{escape.html(p.text)}</p>{lines}</div>' for p in prompts]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>{escape.html(assignment.title)}</title>\n<style>\n{HANDOUT_STYLE}\n</style>\n</head>\n"
            "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def _handout_reading(entry: Entry) -> str:
    ref = reference(entry)
    citation = (ref.render(escape.html, lambda italic: f"<em>{escape.html(italic)}</em>")
                + (f" {escape.html(ref.link)}" if ref.link else ""))
    parts = [f'<div class="reading"><h3>{escape.html(entry.title)}</h3>',
             f'<p class="meta">PPRNet blog, {month_label(entry.month)}</p>', f'<p class="ref">{citation}</p>']
    parts += [f"<p>{escape.html(p)}</p>" for p in entry.summary]
    if entry.implications:
        parts.append("<p><strong>Practice implications.</strong></p>")
        parts += [f"<p>{escape.html(p)}</p>" for p in entry.implications]
    return "\n".join(parts) + "\n</div>"


def guide_markdown(assignment: Assignment, plan: Plan) -> str:
    """For the supervisor only: the answer key and points to draw out in the session."""
    entries = entries_by_id(plan)
    questions = assignment_questions(assignment, plan)
    prompts = {p.id: p.text for p in assignment_prompts(assignment, plan)}
    lines = [f"# Supervisor's guide: {escape.myst(assignment.title)}", "",
             f"For {escape.myst(', '.join(assignment.to))}, due {long_date(assignment.due)}. "
             "Keep this file out of the published site: it holds the answers.", "",
             "## A plan for the session", "",
             "1. Ask which reading stayed with the trainee, and why.",
             "2. Go through the quiz questions the trainee missed, using the explanations below.",
             "3. Take one or two discussion prompts and connect them to a current case.",
             "4. Agree on one thing to try before you next meet.", ""]
    module_prompts = [prompts[p] for p in assignment.module_prompts if p in prompts]
    if module_prompts:
        lines += ["## Prompts for the whole module", ""] + [f"- {escape.myst(t)}" for t in module_prompts] + [""]
    for number, reading in enumerate(assignment.readings, start=1):
        if reading.id in entries:
            mine = [q for q in questions if q.entry_id == reading.id]
            asked = [prompts[p] for p in reading.prompts if p in prompts]
            lines += _guide_reading(number, entries[reading.id], mine, asked, questions)
    return "\n".join(lines).rstrip() + "\n"


def _guide_reading(number: int, entry: Entry, mine: list[Question], prompts: list[str],
                   quiz: list[Question]) -> list[str]:
    lines = [f"## {number}. {escape.myst(entry.title)}", "", reference_markdown(entry), ""]
    if entry.implications:
        lines += ["**Points to draw out** (from the practice implications):", ""]
        lines += [f"- {escape.myst(p)}" for p in entry.implications] + [""]
    if mine:
        lines += ["**Answer key** (numbered as in the assignment's quiz):", ""]
        for question in mine:
            lines += [f"{quiz.index(question) + 1}. {escape.myst(question.stem)}",
                      f"   - Answer: {escape.myst('; '.join(question.answers))}",
                      f"   - Why: {escape.myst(question.feedback)}"]
        lines.append("")
    if prompts:
        lines += ["**Discussion prompts:**", ""] + [f"- {escape.myst(text)}" for text in prompts] + [""]
    return lines


# --- on disk -----------------------------------------------------------------------------------

def paths_of(slug: str) -> dict[str, str]:
    return {"data": f"{FOLDER}/{slug}.yml", "page": f"{FOLDER}/{slug}.md",
            "handout": f"{SUPERVISION}/{slug}-handout.html", "guide": f"{SUPERVISION}/{slug}-guide.md"}


def write_assignment(root: pathlib.Path, assignment: Assignment, plan: Plan) -> list[str]:
    """Write the four files of an assignment; return their paths, relative to the course."""
    paths = paths_of(assignment.slug)
    progress_page = (root / f"{PROGRESS_PAGE}.md").exists()
    contents = {"data": data_yaml(assignment), "page": page_markdown(assignment, plan, progress_page),
                "handout": handout_html(assignment, plan), "guide": guide_markdown(assignment, plan)}
    targets = {key: safe_target(root, path) for key, path in paths.items()}  # every path checked before writing
    for key, target in targets.items():
        atomic_write(target, contents[key])
    return list(paths.values())


def remove_assignment(root: pathlib.Path, assignment: Assignment) -> list[str]:
    removed = []
    for path in paths_of(assignment.slug).values():
        target = safe_target(root, path)
        if target.exists():
            target.unlink()
            removed.append(path)
    return removed


