"""Module and exercise notebooks as nbformat nodes, validated as a whole when written.

Every piece of archive text passes through `escape.myst` (Markdown cells) or `escape.html`
(quiz output), so an entry can never inject markup. Cell ids are derived from the cell's
position, and nothing depends on the clock, so the same inputs give the same bytes.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Mapping

import nbformat
from nbformat import v4

from coursekit.content import escape, figures
from coursekit.content.citations import apa
from coursekit.content.glossary import Term, key_terms
from coursekit.content.prompts import module_prompts, prompts_json
from coursekit.content.quiz import (
    PER_READING_BYTES,
    bank_files,
    bank_json,
    module_bank,
    reading_anchor,
)
from coursekit.model import (
    EVIDENCE_MAP_ID,
    PRACTICE_SET,
    Entry,
    Module,
    ModulePlan,
    Stat,
)
from coursekit.text import month_label

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _notebook(cells: list) -> nbformat.NotebookNode:
    """The notebook of these cells, each cell's id its position. Notebook and cells have the fields
    the `v4.new_*` functions give them, without their schema check of each cell (about 1 ms a cell):
    nbformat checks the whole notebook when it writes it."""
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"
    metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return nbformat.from_dict({"nbformat": v4.nbformat, "nbformat_minor": v4.nbformat_minor, "metadata": metadata,
                               "cells": cells})


def markdown_cell(source: str) -> nbformat.NotebookNode:
    return nbformat.from_dict({"cell_type": "markdown", "metadata": {}, "source": source})


def code_cell(source: str, metadata: dict) -> nbformat.NotebookNode:
    return nbformat.from_dict({"cell_type": "code", "execution_count": None, "metadata": metadata,
                               "outputs": [], "source": source})


def reference_markdown(entry: Entry) -> str:
    ref = apa(entry.citation)
    text = ref.render(escape.myst, lambda italic: f"*{escape.myst(italic)}*")
    link = escape.url(ref.link)
    if link:
        text += f" [{escape.myst(ref.link)}]({link})"
    return text


def markdown(*blocks: str) -> str:
    """Markdown of the blocks with a blank line between them; empty blocks (and False, None) are left out."""
    return "\n\n".join(block for block in blocks if block).rstrip() + "\n"


def bullets(texts: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {escape.myst(text)}" for text in texts)


def table(headings: tuple[str, ...], rows: list[str]) -> str:
    return "\n".join(["| " + " | ".join(headings) + " |", "|" + " --- |" * len(headings), *rows])


def stats_table(stats: tuple[Stat, ...]) -> str:
    rows = []
    for stat in stats:
        interval = (f"[{figures.number(stat.ci_low)}, {figures.number(stat.ci_high)}]"
                    if stat.ci_low is not None and stat.ci_high is not None else "not reported")
        rows.append(f"| {escape.myst(stat.kind)} | {figures.number(stat.value)} | {interval} "
                    f"| {escape.myst(stat.text)} |")
    return table(("Statistic", "Value", "95% CI", "Where the summary reports it"), rows)


# --- Reading cards, module pages, figures (cards link to references.bib and the glossary) ---

@dataclass(frozen=True)
class Links:
    """What reading cards link to beyond their entry: BibTeX keys by entry id, and glossary terms."""

    cite_keys: Mapping[str, str] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()

    def cite_key(self, entry_id: str) -> str | None:
        key = self.cite_keys.get(entry_id)
        return key if key and CITE_KEY.match(key) else None


CITE_KEY = re.compile(r"^[A-Za-z0-9_:.-]+$")


def reading_card(entry: Entry, module_id: str, links: Links = Links()) -> str:
    """A reading's card; its "Cite as" key and "Key terms" are ours, never archive text."""
    key, terms = links.cite_key(entry.id), key_terms(entry, links.terms)
    implications = ("### Practice implications", *map(escape.myst, entry.implications)) if entry.implications else ()
    return markdown(
        f"({reading_anchor(module_id, entry.id)})=\n## {escape.myst(entry.title)}",
        f"**PPRNet blog, {month_label(entry.month)}.** Topics: {escape.myst(', '.join(entry.topics) or 'none')}",
        f"**Reference.** {reference_markdown(entry)}",
        key and f"**Cite as:** {{cite:p}}`{key}`",
        terms and "**Key terms:** " + ", ".join(f"{{term}}`{term}`" for term in terms),
        "### Summary", *map(escape.myst, entry.summary),
        entry.incomplete and "*This summary was cut off in the archive page it came from.*",
        *implications,
        entry.stats and f"### Key figures\n\n{stats_table(entry.stats)}")


def module_overview(module: Module, entries: tuple[Entry, ...]) -> str:
    years = sorted(e.year for e in entries)
    span = f", published on the blog from {years[0]} to {years[-1]}" if years else ""
    objectives = ("## Learning objectives", "After this module you will be able to:", bullets(module.objectives))
    return markdown(f"# {escape.myst(module.title)}", escape.myst(module.description),
                    *(objectives if module.objectives else ()),
                    f"This module has {len(entries)} readings{span}. Read each summary, then take the "
                    f"[quiz and discussion prompts](../exercises/{module.id}.ipynb).")


def python_literal(payload: dict) -> str:
    """The payload as a Python literal, one item of each list a line (pprint is slow on thousands)."""
    lines = ["{"]
    for key, value in payload.items():
        if isinstance(value, (list, tuple)) and value:
            lines += [f" {key!r}: [", *(f"  {item!r}," for item in value), " ],"]
        else:
            lines.append(f" {key!r}: {value!r},")
    return "\n".join(lines + ["}"])


def figure_cell(function: str, payload: dict, alt: str) -> nbformat.NotebookNode:
    """A hidden code cell drawing a figure from its data, given as a literal; alt text in metadata."""
    source = f"from coursekit.content.figures import {function}\n\n{function}({python_literal(payload)})"
    return code_cell(source, {"tags": ["remove-input"], "mystnb": {"image": {"alt": alt}}})


def module_figure_cells(plan: ModulePlan) -> list:
    """The module's forest plot, or its readings by year when no reading reports an effect size."""
    forest = figures.forest_data(plan)
    if forest.effects:
        text = ("Every effect size that this module's readings report, one panel per statistic. A filled "
                "square with a line is an estimate with its 95% confidence interval; an open square is an "
                "estimate reported without one. The dashed line marks no effect.")
        cell = figure_cell("show_forest", asdict(forest), figures.forest_alt(forest))
    else:
        text = ("None of this module's readings reports an effect size, so instead of a forest plot the "
                "chart shows when the studies were published.")
        counts = figures.year_counts(plan)
        cell = figure_cell("show_readings_by_year", asdict(counts), figures.year_alt(counts))
    intro = (f"## Evidence at a glance\n\n{text} The [evidence map]({EVIDENCE_MAP_ID}.ipynb) compares "
             "the modules.\n")
    return [markdown_cell(intro), cell]


def module_notebook(plan: ModulePlan, links: Links = Links()) -> nbformat.NotebookNode:
    cells = [markdown_cell(module_overview(plan.module, plan.entries)), *module_figure_cells(plan)]
    cells += [markdown_cell(reading_card(entry, plan.module.id, links)) for entry in plan.entries]
    return _notebook(cells)


def evidence_map_notebook(plans: tuple[ModulePlan, ...]) -> nbformat.NotebookNode:
    """The course-level page: modules by publication year, then the same numbers as a table."""
    evidence = figures.evidence_map(plans)
    intro = ("# Evidence map\n\nWhere the evidence in this course comes from: each row is a module, each "
             "marker a year in which studies it summarises were published, and the larger the marker, the "
             "more readings. A reading can belong to more than one module.\n")
    rows = []
    for plan in plans:
        years = sorted(figures.publication_year(e) for e in plan.entries)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        effects = sum(len(e.stats) for e in plan.entries)
        rows.append(f"| [{escape.myst(plan.module.title)}]({plan.module.id}.ipynb) | {len(plan.entries)} "
                    f"| {span} | {effects} |")
    return _notebook([markdown_cell(intro),
                      figure_cell("show_evidence_map", asdict(evidence), figures.evidence_alt(evidence)),
                      markdown_cell(table(("Module", "Readings", "Published", "Effect sizes"), rows) + "\n")])


def reading_list_notebook(title: str, page_id: str, entries: tuple[Entry, ...],
                          links: Links = Links()) -> nbformat.NotebookNode:
    """A page of reading cards with no quiz: the course's "Further reading"."""
    intro = (f"# {escape.myst(title)}\n\nReadings from the archive that no module of this course takes up. "
             "They are here so that nothing in the archive is lost from the course.\n")
    return _notebook([markdown_cell(intro), *(markdown_cell(reading_card(entry, page_id, links)) for entry in entries)])


def json_literal(text: str) -> str:
    """A Python literal of a JSON text (which holds no control characters): raw and triple-quoted
    when it can be, so that its backslashes stay single and need no escaping; else `repr`."""
    if text.isascii() and "'''" not in text and not text.endswith(("'", "\\")):
        return f"r'''{text}'''"
    return repr(text)


EXERCISES_TEXT = (
    "# Exercises: {title}\n\nAnswer each question, then read the feedback: it says why and points to the reading in "
    "[{title}](../modules/{module_id}.ipynb). Your answers stay in this browser.\n",
    "## Quiz\n\nPractise in sets of {set_size} questions drawn from this module's {count}, from one reading or mixed. "
    "Questions you answer wrongly come back first in your next sets. All the questions follow the set, grouped by "
    "reading, for review. In a live notebook (JupyterLab, Binder) the cell below asks the sets, remembering your "
    "answers in your progress file; `seed=1` after `n={set_size}` fixes their order.\n",
    "## Discussion prompts\n\n{prompts} prompts for class or supervision, each linked to its reading. Write your "
    "reflection in the box under a prompt: it is kept in this browser (in a live notebook, in your progress file).\n",
)


@dataclass(frozen=True)
class Exercises:
    """A module's exercises notebook and, when its bank loads per reading, the bank's files beside
    the page (`quiz.bank_files`: path in the course folder, text)."""

    notebook: nbformat.NotebookNode
    bank_files: tuple[tuple[str, str], ...] = ()


def exercises(plan: ModulePlan, set_size: int = PRACTICE_SET,
              publish_drafts: bool = False, per_reading_above: int = PER_READING_BYTES) -> Exercises:
    """Quiz and prompts of one module, each a hidden cell that `coursekit.live` shows static or live: the
    bank (`bank_json`) as a plain literal asked in practice sets of `set_size`, a bank over
    `per_reading_above` bytes loaded per reading from its files; reflection boxes for the prompts."""
    questions, prompts = module_bank(plan, publish_drafts), module_prompts(plan)
    bank = bank_json(questions)
    per_reading = len(bank) > per_reading_above
    intro, quiz_text, prompts_text = (text.format(title=escape.myst(plan.module.title), module_id=plan.module.id,
                                                  set_size=set_size, count=len(questions), prompts=len(prompts))
                                      for text in EXERCISES_TEXT)
    quiz = (f"from coursekit.live import show_quiz\n\nshow_quiz({plan.module.id!r}, {json_literal(bank)}, "
            f"n={set_size}" + (", per_reading=True)" if per_reading else ")"))
    hidden = {"tags": ["remove-input"]}
    cells = [markdown_cell(intro), markdown_cell(quiz_text), code_cell(quiz, hidden), markdown_cell(prompts_text),
             code_cell(f"from coursekit.live import show_prompts\n\nshow_prompts({prompts_json(prompts)!r})", hidden)]
    return Exercises(_notebook(cells), tuple(bank_files(plan.module.id, questions)) if per_reading else ())
