"""Assignments: readings a supervisor sets for a trainee or a cohort, with a due date.

`coursekit assign` writes an `Assignment`'s four files (`paths_of`) inside the course: its data (the progress
report reads it), its page in the site, and, in `supervision/` (not published), a printable handout and the
supervisor's guide. The same title again replaces the assignment.
"""
from __future__ import annotations

import pathlib
import re
import string
from dataclasses import replace

from coursekit.archive.ids import slug as make_slug
from coursekit.content import escape
from coursekit.content.citations import apa
from coursekit.content.notebooks import bullets, markdown, reference_markdown
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


# --- choosing the readings ---------------------------------------------------------------------

def _picked(plan: Plan, kind: str, value: str) -> tuple[Entry, ...]:
    if kind == "module":
        return candidates(plan, value)
    if kind == "entry":
        entry = entries_by_id(plan).get(value)
        if entry is None:
            raise AssignError(f"--entry: no archive entry '{value}' (see `coursekit find` or `coursekit entries`)")
        return (entry,)
    hits = search(plan, value, limit=QUERY_READINGS)
    if not hits:
        raise AssignError(f"--query: no reading matches '{value}'")
    return tuple(h.entry for h in hits)


def build_assignment(plan: Plan, title: str | None, to: tuple[str, ...], due: str, note: str,
                     picks: tuple[tuple[str, str], ...]) -> Assignment:
    """Check the request and work out readings (the entries the picks name, in the order given, each once),
    question ids and prompt ids."""
    names: dict[str, None] = {}
    for raw in to:
        name = " ".join(raw.split())
        if not name or len(name) > MAX_NAME or not name.isprintable():
            raise AssignError(f"--to: '{raw[:MAX_NAME]}' is not a name (1 to {MAX_NAME} printable characters)")
        names.setdefault(name, None)
    if not names:
        raise AssignError("--to: name the trainee or cohort the readings are for")
    due_date = parse_due(due)
    heading = " ".join((title or f"Readings for {', '.join(names)}, due {due_date}").split())
    entries = {entry.id: entry for kind, value in picks for entry in _picked(plan, kind, value)}
    if not entries:
        raise AssignError("nothing to assign: give --module, --entry or --query")
    slug = make_slug(heading, 50)
    if not slug:
        raise AssignError(f"--title: '{heading}' needs letters or digits to name its page")
    homes = entry_modules(plan)
    readings = tuple(_reading(entry, homes.get(entry.id, (FURTHER_READING_ID,))[0], plan.course.publishes_drafts)
                     for entry in entries.values())
    modules = [p.module for p in plan.modules if ("module", p.module.id) in picks]
    module_prompts = tuple(prompt_id(m.id, n) for m in modules for n in range(1, len(m.prompts) + 1))
    return Assignment(title=heading, slug=slug, to=tuple(names), due=due_date, note=note.strip(),
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
    return [replace(question, reading_url=UP + question.reading_url)
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
    entries = entries_by_id(plan)
    readings = "\n".join(
        f"{number}. {{ref}}`{reading_anchor(r.module, r.id)}`. "
        + (reference_markdown(entries[r.id]) if r.id in entries else escape.myst(r.title))
        for number, r in enumerate(assignment.readings, start=1))
    quiz = ("## Quiz", f"{len(questions)} questions on these readings. Your answers stay in this browser.",
            static_html(assignment.quiz_id, questions))
    discussion = ("## Discussion prompts", "Write a few lines on each prompt you choose and bring them to "
                  "supervision. What you type is saved in this browser only. Leave out anything that could "
                  "identify a patient.", prompts_html(prompts))
    return markdown(
        f"# {escape.myst(assignment.title)}",
        f"- **For:** {escape.myst(', '.join(assignment.to))}\n- **Due:** {long_date(assignment.due)}\n"
        f"- **Work:** {len(assignment.readings)} readings, {len(questions)} quiz questions, "
        f"{len(prompts)} discussion prompts",
        assignment.note and "## From your supervisor", *map(escape.myst, note_paragraphs(assignment.note)),
        "## Readings", "Read each card in full: the summary, the practice implications and the key figures.",
        readings, *(quiz if questions else ()), *(discussion if prompts else ()),
        progress_page and "## When you have finished",
        progress_page and "Open [My progress](../progress.md), type your name and export your progress. "
                          "Send the file to your supervisor before the session.")


# --- files outside the site --------------------------------------------------------------------

HANDOUT_HTML = string.Template("""\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>$title</title>
<style>
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #111; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.2em; } .meta { color: #333; } .ref { font-size: 0.92em; }
.lines { border-bottom: 1px solid #999; height: 1.6em; }
@media print { body { margin: 0; max-width: none; } .reading, .prompt { break-inside: avoid; } a { color: inherit; } }
</style>
</head>
<body>
$body
</body>
</html>
""")


def html_paragraphs(texts: list[str] | tuple[str, ...]) -> list[str]:
    return [f"<p>{escape.html(text)}</p>" for text in texts]


def handout_html(assignment: Assignment, plan: Plan) -> str:
    """A standalone page to print: no scripts, no links to load, inline styles only."""
    entries = entries_by_id(plan)
    body = [f"<h1>{escape.html(assignment.title)}</h1>",
            f'<p class="meta">For {escape.html(", ".join(assignment.to))}. Due {long_date(assignment.due)}.</p>',
            *html_paragraphs(note_paragraphs(assignment.note)), "<h2>Readings</h2>"]
    body += [_handout_reading(entries[r.id]) for r in assignment.readings if r.id in entries]
    prompts = assignment_prompts(assignment, plan)
    if prompts:
        lines = '<div class="lines"></div>' * 4
        body += ["<h2>For discussion</h2>", *(f'<div class="prompt"><p>{escape.html(p.text)}</p>{lines}</div>'
                                              for p in prompts)]
    return HANDOUT_HTML.substitute(title=escape.html(assignment.title), body="\n".join(body))


def _handout_reading(entry: Entry) -> str:
    ref = apa(entry.citation)
    citation = (ref.render(escape.html, lambda italic: f"<em>{escape.html(italic)}</em>")
                + (f" {escape.html(ref.link)}" if ref.link else ""))
    implications = ["<p><strong>Practice implications.</strong></p>", *html_paragraphs(entry.implications)]
    return "\n".join([f'<div class="reading"><h3>{escape.html(entry.title)}</h3>',
                      f'<p class="meta">PPRNet blog, {month_label(entry.month)}</p>', f'<p class="ref">{citation}</p>',
                      *html_paragraphs(entry.summary), *(implications if entry.implications else [])]) + "\n</div>"


GUIDE_PLAN = """\
## A plan for the session

1. Ask which reading stayed with the trainee, and why.
2. Go through the quiz questions the trainee missed, using the explanations below.
3. Take one or two discussion prompts and connect them to a current case.
4. Agree on one thing to try before you next meet."""


def guide_markdown(assignment: Assignment, plan: Plan) -> str:
    """For the supervisor only: the answer key and points to draw out in the session."""
    entries = entries_by_id(plan)
    questions = assignment_questions(assignment, plan)
    prompts = {p.id: p.text for p in assignment_prompts(assignment, plan)}
    module_prompts = [prompts[p] for p in assignment.module_prompts if p in prompts]
    return markdown(
        f"# Supervisor's guide: {escape.myst(assignment.title)}",
        f"For {escape.myst(', '.join(assignment.to))}, due {long_date(assignment.due)}. "
        "Keep this file out of the published site: it holds the answers.", GUIDE_PLAN,
        module_prompts and "## Prompts for the whole module", bullets(module_prompts),
        *(_guide_reading(number, entries[reading.id], [q for q in questions if q.entry_id == reading.id],
                         [prompts[p] for p in reading.prompts if p in prompts], questions)
          for number, reading in enumerate(assignment.readings, start=1) if reading.id in entries))


def _guide_reading(number: int, entry: Entry, mine: list[Question], prompts: list[str], quiz: list[Question]) -> str:
    key = "\n".join(f"{quiz.index(q) + 1}. {escape.myst(q.stem)}\n   - Answer: {escape.myst('; '.join(q.answers))}"
                    f"\n   - Why: {escape.myst(q.feedback)}" for q in mine)
    return markdown(f"## {number}. {escape.myst(entry.title)}", reference_markdown(entry),
                    entry.implications and "**Points to draw out** (from the practice implications):",
                    bullets(entry.implications), mine and "**Answer key** (numbered as in the assignment's quiz):",
                    key, prompts and "**Discussion prompts:**", bullets(prompts)).rstrip()


# --- on disk -----------------------------------------------------------------------------------

def paths_of(slug: str) -> dict[str, str]:
    return {"data": f"{FOLDER}/{slug}.yml", "page": f"{FOLDER}/{slug}.md",
            "handout": f"{SUPERVISION}/{slug}-handout.html", "guide": f"{SUPERVISION}/{slug}-guide.md"}


def write_assignment(root: pathlib.Path, assignment: Assignment, plan: Plan) -> list[str]:
    """Write the four files of an assignment; return their paths, relative to the course."""
    paths = list(paths_of(assignment.slug).values())
    targets = [safe_target(root, path) for path in paths]  # every path checked before writing
    progress_page = (root / f"{PROGRESS_PAGE}.md").exists()
    for target, text in zip(targets, (data_yaml(assignment), page_markdown(assignment, plan, progress_page),
                                      handout_html(assignment, plan), guide_markdown(assignment, plan))):
        atomic_write(target, text)
    return paths


def remove_assignment(root: pathlib.Path, assignment: Assignment) -> list[str]:
    present = [path for path in paths_of(assignment.slug).values() if safe_target(root, path).exists()]
    for path in present:
        safe_target(root, path).unlink()
    return present
