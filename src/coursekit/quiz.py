"""The question bank and its static rendering.

A module's bank holds the authored items of its entries, each with a stable id, the entry it
tests, and feedback that ends with the study's APA reference and a link to the reading. The bank
is plain data (`bank_json`) shared by the static site (self-contained HTML+JS: no kernel, no CDN)
and the live ipywidgets quiz in `live.py`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from . import escape
from .citations import reference
from .model import Entry, ModulePlan


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


def reading_anchor(module_id: str, entry_id: str) -> str:
    """The HTML id Sphinx gives the reading card's target label."""
    return f"ck-{module_id}-{entry_id}"


def reading_url(module_id: str, entry_id: str) -> str:
    """Link from an exercise page to the reading card on its module page."""
    return f"../modules/{module_id}.html#{reading_anchor(module_id, entry_id)}"


def entry_questions(entry: Entry, module_id: str) -> list[Question]:
    ref = reference(entry).text
    return [
        Question(
            id=f"{entry.id}-q{number}",
            entry_id=entry.id,
            stem=item.stem,
            options=item.options,
            answers=item.answers,
            feedback=item.feedback,
            difficulty=item.difficulty,
            reference=ref,
            reading_url=reading_url(module_id, entry.id),
        )
        for number, item in enumerate(entry.quiz, start=1)
    ]


def module_bank(plan: ModulePlan) -> list[Question]:
    return [q for entry in plan.entries for q in entry_questions(entry, plan.module.id)]


def bank_json(questions: list[Question]) -> str:
    return json.dumps([asdict(q) for q in questions], ensure_ascii=False, sort_keys=True, indent=1)


def questions_from_json(text: str) -> list[Question]:
    return [Question(**{**raw, "options": tuple(raw["options"]), "answers": tuple(raw["answers"])})
            for raw in json.loads(text)]


def static_html(quiz_id: str, questions: list[Question]) -> str:
    """Self-contained quiz markup; behaviour comes from _static/coursekit.js (no network)."""
    parts = [
        f'<div class="ck-quiz" data-quiz-id="{escape.html(quiz_id)}">',
        f'<p class="ck-quiz-score" aria-live="polite">0 of {len(questions)} answered.</p>',
    ]
    parts += [_question_html(number, q) for number, q in enumerate(questions, start=1)]
    parts.append('<button type="button" class="ck-reset">Reset my answers</button>')
    parts.append("</div>")
    return "\n".join(parts)


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
