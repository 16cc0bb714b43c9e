"""Module and exercise notebooks, built with nbformat's v4 factories and validated.

Every piece of archive text passes through `escape.myst` (Markdown cells) or `escape.html`
(quiz output), so an entry can never inject markup. Cell ids are derived from the cell's
position, and nothing depends on the clock, so the same inputs give the same bytes.
"""
from __future__ import annotations

import json

import nbformat
from nbformat import v4

from . import escape
from .citations import reference
from .model import Entry, Module, ModulePlan, Stat
from .quiz import bank_json, module_bank, reading_anchor

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _notebook(cells: list) -> nbformat.NotebookNode:
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"
    nb = v4.new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb


def reference_markdown(entry: Entry) -> str:
    ref = reference(entry)
    italic = f"*{escape.myst(ref.italic)}*" if ref.italic else ""
    text = escape.myst(ref.lead) + (" " if ref.lead.endswith(" ") else "") + italic + escape.myst(ref.tail)
    link = escape.url(ref.link)
    if link:
        text += f" [{escape.myst(ref.link)}]({link})"
    return text


def format_number(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def stats_table(stats: tuple[Stat, ...]) -> str:
    rows = ["| Statistic | Value | 95% CI | Where the summary reports it |", "| --- | --- | --- | --- |"]
    for stat in stats:
        interval = (f"[{format_number(stat.ci_low)}, {format_number(stat.ci_high)}]"
                    if stat.ci_low is not None and stat.ci_high is not None else "not reported")
        rows.append(f"| {escape.myst(stat.kind)} | {format_number(stat.value)} | {interval} | {escape.myst(stat.text)} |")
    return "\n".join(rows)


def month_label(month: str) -> str:
    names = ("January February March April May June July August September October November December").split()
    year, number = month.split("-")
    return f"{names[int(number) - 1]} {year}"


def reading_card(entry: Entry, module_id: str) -> str:
    lines = [
        f"({reading_anchor(module_id, entry.id)})=",
        f"## {escape.myst(entry.title)}",
        "",
        f"**PPRNet blog, {month_label(entry.month)}.** Topics: {escape.myst(', '.join(entry.topics) or 'none')}",
        "",
        f"**Reference.** {reference_markdown(entry)}",
        "",
        "### Summary",
        "",
    ]
    lines += [p for paragraph in entry.summary for p in (escape.myst(paragraph), "")]
    if entry.incomplete:
        lines += ["*This summary was cut off in the archive page it came from.*", ""]
    if entry.implications:
        lines += ["### Practice implications", ""]
        lines += [p for paragraph in entry.implications for p in (escape.myst(paragraph), "")]
    if entry.stats:
        lines += ["### Key figures", "", stats_table(entry.stats), ""]
    return "\n".join(lines).rstrip() + "\n"


def module_overview(module: Module, entries: tuple[Entry, ...]) -> str:
    lines = [f"# {escape.myst(module.title)}", ""]
    if module.description:
        lines += [escape.myst(module.description), ""]
    if module.objectives:
        lines += ["## Learning objectives", "", "After this module you will be able to:", ""]
        lines += [f"- {escape.myst(objective)}" for objective in module.objectives] + [""]
    years = sorted(e.year for e in entries)
    span = f", published on the blog from {years[0]} to {years[-1]}" if years else ""
    lines += [f"This module has {len(entries)} readings{span}. Read each summary, then take the "
              f"[quiz and discussion prompts](../exercises/{module.id}.ipynb).", ""]
    return "\n".join(lines).rstrip() + "\n"


def module_notebook(plan: ModulePlan) -> nbformat.NotebookNode:
    cells = [v4.new_markdown_cell(module_overview(plan.module, plan.entries))]
    cells += [v4.new_markdown_cell(reading_card(entry, plan.module.id)) for entry in plan.entries]
    return _notebook(cells)


def reading_list_notebook(title: str, page_id: str, entries: tuple[Entry, ...]) -> nbformat.NotebookNode:
    """A page of reading cards with no quiz: the course's "Further reading"."""
    intro = (f"# {escape.myst(title)}\n\nReadings from the archive that no module of this course takes up. "
             "They are here so that nothing in the archive is lost from the course.\n")
    cells = [v4.new_markdown_cell(intro)]
    cells += [v4.new_markdown_cell(reading_card(entry, page_id)) for entry in entries]
    return _notebook(cells)


def quiz_code(quiz_id: str, bank: str) -> str:
    return (
        "from coursekit.live import show_quiz\n\n"
        f"show_quiz({quiz_id!r}, {json.dumps(json.loads(bank), ensure_ascii=True, sort_keys=True)!r})"
    )


def prompts_markdown(plan: ModulePlan) -> str:
    lines = ["## Discussion prompts", "",
             "Use these in class or in supervision. Each one refers to a reading of this module.", ""]
    for prompt in plan.module.prompts:
        lines += [f"- {escape.myst(prompt)}"]
    for entry in plan.entries:
        link = reading_anchor(plan.module.id, entry.id)
        for prompt in entry.prompts:
            lines += [f"- {escape.myst(prompt)} (Reading: [{escape.myst(entry.title)}]({link}))"]
    return "\n".join(lines) + "\n"


def exercise_notebook(plan: ModulePlan) -> nbformat.NotebookNode:
    module = plan.module
    questions = module_bank(plan)
    intro = (f"# Exercises: {escape.myst(module.title)}\n\n"
             f"Answer each question, then read the feedback: it says why and points to the reading in "
             f"[{escape.myst(module.title)}](../modules/{module.id}.ipynb). Your answers stay in this browser.\n")
    quiz_cell = v4.new_code_cell(quiz_code(module.id, bank_json(questions)), metadata={"tags": ["remove-input"]})
    cells = [v4.new_markdown_cell(intro), v4.new_markdown_cell(f"## Quiz\n\n{len(questions)} questions.\n"),
             quiz_cell, v4.new_markdown_cell(prompts_markdown(plan))]
    return _notebook(cells)


def writes(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"
