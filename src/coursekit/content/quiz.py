"""The question bank, attempts drawn from it, and its static rendering.

A module's bank holds, entry by entry, the authored items (`<entry-id>-q<n>`) and the items
generated from the entry's facts (`itemgen`, `<entry-id>-g-...`). Each question has a stable id,
the entry it tests, and feedback that ends with the study's APA reference and a link to the
reading. The bank is plain data (`bank_json`) shared by the static site (self-contained HTML+JS:
no kernel, no CDN), the live ipywidgets quiz in `live.py` and the LMS exports in `lms.py`.
"""
from __future__ import annotations

import json
import operator
import random
from dataclasses import dataclass, replace

from coursekit.content import escape
from coursekit.content import itemgen
from coursekit.content.citations import reference
from coursekit.model import Entry, ModulePlan, QuizItem

AUTHORED = "authored"


@dataclass(frozen=True)
class Question:
    id: str
    entry_id: str
    stem: str
    options: tuple[str, ...]
    answers: tuple[str, ...]
    feedback: str
    difficulty: str
    reference: str
    reading_url: str
    template: str = AUTHORED  # "authored", or the itemgen template that made it
    shuffle: bool = True  # False when the options have a natural order (numbers, sizes, True/False)
    reading_title: str = ""


def reading_anchor(module_id: str, entry_id: str) -> str:
    """The HTML id Sphinx gives the reading card's target label."""
    return f"ck-{module_id}-{entry_id}"


def reading_url(module_id: str, entry_id: str) -> str:
    """Link from an exercise page to the reading card on its module page."""
    return f"../modules/{module_id}.html#{reading_anchor(module_id, entry_id)}"


def entry_questions(entry: Entry, module_id: str, archive: "tuple[Entry, ...] | itemgen.ArchiveIndex" = (),
                    compared: tuple[itemgen.GeneratedItem, ...] = ()) -> list[Question]:
    """The entry's authored items, then the items generated from its findings, then `compared` (the
    module's comparison items anchored at this entry). `archive` is not needed any more."""
    authored = [(f"{entry.id}-q{number}", AUTHORED, item, not _is_true_false(item))
                for number, item in enumerate(entry.quiz, start=1)]
    generated = [(g.id, g.template, g.item, g.shuffle) for g in itemgen.entry_items(entry) + compared]
    entry_id, title = entry.id, entry.title
    ref, url = reference(entry).text, reading_url(module_id, entry_id)
    # Question's fields in their order, by position: quicker than by name for thousands of questions.
    return [Question(question_id, entry_id, item.stem, item.options, item.answers, item.feedback, item.difficulty,
                     ref, url, template, shuffle, title)
            for question_id, template, item, shuffle in authored + generated]


def _is_true_false(item: QuizItem) -> bool:
    return {option.lower() for option in item.options} == {"true", "false"}


def module_bank(plan: ModulePlan, archive: tuple[Entry, ...] = ()) -> list[Question]:
    """The module's bank, reading by reading, with the module's comparison items after their anchor
    reading's own. `archive` is not needed any more."""
    compared = itemgen.module_items(plan.entries)
    return [q for entry in plan.entries
            for q in entry_questions(entry, plan.module.id, (), tuple(g for g in compared if g.anchor == entry.id))]


def attempt(bank: list[Question], n: int | None, seed: int | str) -> list[Question]:
    """`n` questions drawn from the bank (all when n is None), in random order, options shuffled.

    A pure function of its arguments: the same bank, n and seed give the same attempt. Options
    with a natural order (numbers, size labels, True/False) keep it.
    """
    rng = random.Random(seed)
    count = len(bank) if n is None else max(0, min(n, len(bank)))
    drawn = rng.sample(bank, count)
    return [replace(q, options=tuple(rng.sample(q.options, len(q.options)))) if q.shuffle else q for q in drawn]


READING_FIELDS = ("entry_id", "reading_title", "reference", "reading_url")  # the same for a reading's questions
reading_fields = operator.attrgetter(*READING_FIELDS)


def bank_json(questions: list[Question]) -> str:
    """The bank as compact JSON (ASCII, keys sorted): one object per run of questions on the same
    reading, holding the reading's fields once and its `questions` without them."""
    return json.dumps([_reading_record(run) for run in _reading_runs(questions)], ensure_ascii=True,
                      sort_keys=True)


def _reading_runs(questions: list[Question]) -> list[list[Question]]:
    """Runs of consecutive questions whose READING_FIELDS are all the same."""
    runs: list[list[Question]] = []
    last = None
    for question in questions:
        fields = reading_fields(question)
        if runs and fields == last:
            runs[-1].append(question)
        else:
            runs.append([question])
            last = fields
    return runs


def _reading_record(run: list[Question]) -> dict:
    questions = []
    for question in run:
        fields = record(question)
        for name in READING_FIELDS:
            del fields[name]
        questions.append(fields)
    return {**dict(zip(READING_FIELDS, reading_fields(run[0]))), "questions": questions}


def record(question: Question) -> dict:
    """The question's fields as a JSON-ready dict (`asdict` without its deep copy)."""
    return dict(vars(question))  # a plain dataclass: its __dict__ holds exactly its fields


def questions_from_json(text: str) -> list[Question]:
    """The questions of a `bank_json` text (or of a bank written before readings were grouped: a
    list of questions, each with its reading's fields)."""
    questions = []
    for raw in json.loads(text):
        for item in raw["questions"] if "questions" in raw else [raw]:
            fields = {**{name: raw[name] for name in READING_FIELDS if name in raw}, **item}
            questions.append(Question(**{**fields, "options": tuple(fields["options"]),
                                         "answers": tuple(fields["answers"])}))
    return questions


def static_html(quiz_id: str, questions: list[Question], grouped: bool = False) -> str:
    """Self-contained quiz markup; behaviour comes from _static/coursekit.js (no network).

    `grouped` puts each reading's questions in a <details> section (the first one open), so that
    a module's long bank reads as one short practice set per reading.
    """
    parts = [
        f'<div class="ck-quiz" data-quiz-id="{escape.html(quiz_id)}">',
        f'<p class="ck-quiz-score" aria-live="polite">0 of {len(questions)} answered.</p>',
    ]
    numbered = list(enumerate(questions, start=1))
    if grouped:
        parts += [_group_html(index, group) for index, group in enumerate(reading_groups(numbered))]
    else:
        parts += [_question_html(number, q) for number, q in numbered]
    parts.append('<button type="button" class="ck-reset">Reset my answers</button>')
    parts.append("</div>")
    return "\n".join(parts)


def reading_groups(numbered: list[tuple[int, Question]]) -> list[list[tuple[int, Question]]]:
    """Runs of consecutive questions on the same reading."""
    groups: list[list[tuple[int, Question]]] = []
    for number, question in numbered:
        if groups and groups[-1][-1][1].entry_id == question.entry_id:
            groups[-1].append((number, question))
        else:
            groups.append([(number, question)])
    return groups


def _group_html(index: int, group: list[tuple[int, Question]]) -> str:
    first = group[0][1]
    title = escape.html(first.reading_title or first.entry_id)
    count = f"{len(group)} question{'s' if len(group) != 1 else ''}"
    questions = "\n".join(_question_html(number, q) for number, q in group)
    return (f'<details class="ck-group"{" open" if index == 0 else ""}>\n'
            f'<summary>Reading: {title} ({count})</summary>\n{questions}\n</details>')


def _question_html(number: int, q: Question) -> str:
    legend_id = f"ck-stem-{escape.html(q.id)}"
    options = "\n".join(
        f'<li><button type="button" class="ck-option" data-option="{i}" aria-pressed="false"'
        f'{" data-correct" if text in q.answers else ""}>{escape.html(text)}</button></li>'
        for i, text in enumerate(q.options)
    )
    answer_text = "; ".join(escape.html(a) for a in q.answers)
    return (
        f'<div class="ck-question" role="group" aria-labelledby="{legend_id}" data-question-id="{escape.html(q.id)}">\n'
        f'<p class="ck-stem" id="{legend_id}"><span class="ck-number">{number}.</span> {escape.html(q.stem)}</p>\n'
        f'<ul class="ck-options">\n{options}\n</ul>\n'
        f'<div class="ck-feedback" role="status" aria-live="polite"></div>\n'
        f'<template class="ck-explanation"><p><strong class="ck-verdict"></strong> '
        f'The answer is: {answer_text}. {escape.html(q.feedback)}</p>'
        f'<p class="ck-source">Source: {escape.html(q.reference)} '
        f'<a href="{escape.html(q.reading_url)}">Go to the reading</a></p></template>\n'
        f"</div>"
    )
