"""The question bank, attempts drawn from it, and its static rendering.

A module's bank holds, entry by entry, the written items (`<entry-id>-q<n>`; an item accepted in
review keeps its generated id) and, where course.yml says `generated_items: publish`, the drafts
(`itemgen`, `<entry-id>-g-...`; see `review`). Each question has a stable id, its entry, and feedback
ending with the study's APA reference and a link to the reading. The bank is plain data (`bank_json`)
shared by the static site (HTML+JS: no kernel, no CDN), the live quiz (`live`) and the LMS exports.
The site's coursekit.js mirrors `practice_set` and `seeded_shuffle` step for step, so that a page and
a notebook given the same history and seed choose the same questions.
"""
from __future__ import annotations

import json
import operator
from dataclasses import dataclass
from itertools import groupby
from typing import Mapping

from coursekit.content import escape, itemgen
from coursekit.content.checker import undecided
from coursekit.content.citations import apa
from coursekit.content.figures import plural
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


def entry_questions(entry: Entry, module_id: str, compared: tuple[itemgen.GeneratedItem, ...] = (),
                    publish_drafts: bool = False) -> list[Question]:
    """The entry's written items (one accepted in review keeps its generated id), then, when `publish_drafts`,
    the drafts among its generated items and `compared` (the module's comparisons anchored at it)."""
    made = [(item.generated or f"{entry.id}-q{number}", AUTHORED, item, not _natural_order(item))
            for number, item in enumerate(entry.quiz, start=1)]
    drafts = undecided(entry, itemgen.entry_items(entry) + compared) if publish_drafts else ()
    made += [(g.id, g.template, g.item, g.shuffle) for g in drafts]
    ref, url = apa(entry.citation).text, reading_url(module_id, entry.id)
    return [Question(question_id, entry.id, item.stem, item.options, item.answers, item.feedback, item.difficulty,
                     ref, url, template, shuffle, entry.title) for question_id, template, item, shuffle in made]


def _natural_order(item: QuizItem) -> bool:
    """True/False, or a scale of size words (a generated size item accepted in review)."""
    options = {option.lower() for option in item.options}
    return options == {"true", "false"} or options <= set(itemgen.SCALE_PLACE)


def module_bank(plan: ModulePlan, publish_drafts: bool = False) -> list[Question]:
    """The module's bank, reading by reading, with the module's comparison items after their anchor
    reading's own; drafts only when `publish_drafts` (see `entry_questions`)."""
    compared = itemgen.anchored_comparisons(plan.entries) if publish_drafts else {}
    return [q for entry in plan.entries
            for q in entry_questions(entry, plan.module.id, compared.get(entry.id, ()), publish_drafts)]


MASK32 = 0xFFFFFFFF


def practice_set(bank: list[Question], history: Mapping[str, int | None], n: int, seed: int) -> list[Question]:
    """The next practice set: `n` questions of `bank`, in the order they are asked. `history` maps a
    question answered before to the set in which its latest answer was wrong, or None if it was right
    (`practice_history`). Questions due again come first, the longest-waiting first; then those never
    answered; then the rest. Ties keep the order that `seed` shuffles the bank into."""
    rank = {question_id: (2, 0) if wrong_in is None else (0, wrong_in) for question_id, wrong_in in history.items()}
    return sorted(seeded_shuffle(bank, seed), key=lambda question: rank.get(question.id, (1, 0)))[:max(0, n)]


def practice_history(correct: Mapping[str, bool], wrong_sets: Mapping[str, int]) -> dict[str, int | None]:
    """`practice_set`'s history from the latest answers (question id -> right or not) and the set in
    which each question was last answered wrongly (0: a wrong answer given outside any set)."""
    return {question_id: None if right else wrong_sets.get(question_id, 0) for question_id, right in correct.items()}


def seeded_shuffle(items: list, seed: int) -> list:
    """`items` shuffled (Fisher-Yates) by a xorshift32 generator seeded with murmur3's finaliser of
    `seed`: plain 32-bit integer steps that JavaScript repeats exactly."""
    state = _mix32(seed) or 1
    shuffled = list(items)
    for i in range(len(shuffled) - 1, 0, -1):
        state ^= (state << 13) & MASK32
        state ^= state >> 17
        state ^= (state << 5) & MASK32
        j = state % (i + 1)
        shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
    return shuffled


def _mix32(value: int) -> int:
    h = value & MASK32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK32
    return h ^ (h >> 16)


READING_FIELDS = ("entry_id", "reading_title", "reference", "reading_url")  # the same for a reading's questions


def bank_json(questions: list[Question]) -> str:
    """The bank as compact JSON (ASCII, keys sorted): one object per run of questions on the same
    reading, holding the reading's fields once and its `questions` without them."""
    readings = [{**dict(zip(READING_FIELDS, fields)), "questions": [
        {name: value for name, value in vars(q).items() if name not in READING_FIELDS} for q in run]}
        for fields, run in groupby(questions, key=operator.attrgetter(*READING_FIELDS))]
    return json.dumps(readings, ensure_ascii=True, sort_keys=True)


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


# A bank larger than this (bytes of `bank_json`; its page would weigh about twice as much) loads
# per reading: the page lists the readings, and each reading's questions are a script beside it.
PER_READING_BYTES = 400_000
BANK_FOLDER = "_static/banks"  # <module>/<n>.mjs: not .js, which Jupyter Book would load on every page


def bank_files(quiz_id: str, questions: list[Question]) -> list[tuple[str, str]]:
    """A bank loaded per reading: the n-th reading's questions as a script `BANK_FOLDER/<quiz_id>/<n>.mjs`
    calling `coursekitBankFile(quiz id, n, markup)`, so that a <script> element loads it even from
    file:// (where fetch fails)."""
    groups = reading_groups(list(enumerate(questions, start=1)))
    return [(f"{BANK_FOLDER}/{quiz_id}/{n}.mjs",  # ASCII: JSON escapes
             f"coursekitBankFile({json.dumps(quiz_id)}, {n}, {json.dumps(_questions_html(group))});\n")
            for n, group in enumerate(groups, start=1)]


def static_html(quiz_id: str, questions: list[Question], grouped: bool = False, set_size: int | None = None,
                per_reading: bool = False) -> str:
    """Self-contained quiz markup; behaviour comes from _static/coursekit.js (no network).

    `grouped` puts each reading's questions in a <details> section (the first one open). `set_size` (a
    module's exercises page) adds a practice set of that many questions above the bank, which follows,
    grouped and closed, under "All questions". `per_reading` (a large bank, see `bank_files`) leaves
    the questions out: each reading's section holds their ids, and coursekit.js loads its file.
    """
    numbered = list(enumerate(questions, start=1))
    groups = reading_groups(numbered) if grouped or set_size or per_reading else []
    set_size = set_size if questions else None  # no set of an empty bank
    size = f' data-set-size="{set_size}"' if set_size else ""
    files = f' data-bank-files="../{BANK_FOLDER}/{escape.html(quiz_id)}/"' if per_reading else ""
    parts = [f'<div class="ck-quiz" data-quiz-id="{escape.html(quiz_id)}"{size}{files}>']
    if set_size:
        parts += [PRACTICE_HTML.format(slug=escape.html(quiz_id), count=plural(set_size, "question"),
                                       readings="\n".join(f'<option value="{escape.html(g[0][1].entry_id)}">'
                                                          f"{_group_label(g)}</option>" for g in groups)),
                  "<h3>All questions</h3>"]
    parts.append(f'<p class="ck-quiz-score" aria-live="polite">0 of {len(questions)} answered.</p>')
    for n, group in enumerate(groups, start=1):  # per reading: its questions load from its file (`bank_files`)
        ids = f' data-reading="{n}" data-question-ids="{escape.html(json.dumps([q.id for _, q in group]))}"'
        parts.append(_group_html(group, ids, LOADING_HTML) if per_reading else
                     _group_html(group, " open" if n == 1 and not set_size else "", _questions_html(group)))
    parts += [_questions_html(numbered)] if numbered and not groups else []
    parts += ['<button type="button" class="ck-reset">Reset my answers</button>', "</div>"]
    return "\n".join(parts)


def reading_groups(numbered: list[tuple[int, Question]]) -> list[list[tuple[int, Question]]]:
    """Runs of consecutive questions on the same reading."""
    return [list(run) for _, run in groupby(numbered, key=lambda pair: pair[1].entry_id)]


def _group_html(group: list[tuple[int, Question]], attributes: str, body: str) -> str:
    entry_id = escape.html(group[0][1].entry_id)
    return (f'<details class="ck-group" data-entry-id="{entry_id}"{attributes}>\n'
            f'<summary>Reading: {_group_label(group)}</summary>\n{body}\n</details>')


def _group_label(group: list[tuple[int, Question]]) -> str:
    first = group[0][1]
    return f"{escape.html(first.reading_title or first.entry_id)} ({plural(len(group), 'question')})"


def explanation_html(question: Question) -> str:
    """The right answers and why, in the same words on the site and in a live notebook."""
    return f"The answer is: {'; '.join(map(escape.html, question.answers))}. {escape.html(question.feedback)}"


def _questions_html(numbered: list[tuple[int, Question]]) -> str:
    return "\n".join(QUESTION_HTML.format(
        number=number, id=escape.html(q.id), stem=escape.html(q.stem), explanation=explanation_html(q),
        reference=escape.html(q.reference), reading_url=escape.html(q.reading_url),
        options="\n".join(f'<li><button type="button" class="ck-option" data-option="{i}" aria-pressed="false"'
                          f'{" data-correct" if text in q.answers else ""}>{escape.html(text)}</button></li>'
                          for i, text in enumerate(q.options)))
        for number, q in numbered)


LOADING_HTML = '<p class="ck-loading" role="status">Opening this reading loads its questions.</p>'
# The practice set's frame, hidden until coursekit.js fills it from the questions below.
PRACTICE_HTML = """\
<section class="ck-practice" aria-labelledby="ck-practice-{slug}" hidden>
<h3 id="ck-practice-{slug}">Practice set</h3>
<p>Answer {count} one after another, from one reading or mixed. \
Questions you answer wrongly come back first in your next sets.</p>
<p class="ck-set-controls"><label for="ck-set-reading-{slug}">Questions from</label>
<select id="ck-set-reading-{slug}" class="ck-set-reading">
<option value="">Mixed: all readings</option>
{readings}
</select>
<button type="button" class="ck-new-set">New set</button></p>
<p class="ck-set-progress"></p>
<div class="ck-set-slot"></div>
<button type="button" class="ck-set-next" hidden>Next question</button>
<p class="ck-set-score" role="status" aria-live="polite"></p>
</section>"""
QUESTION_HTML = """\
<div class="ck-question" role="group" aria-labelledby="ck-stem-{id}" data-question-id="{id}">
<p class="ck-stem" id="ck-stem-{id}"><span class="ck-number">{number}.</span> {stem}</p>
<ul class="ck-options">
{options}
</ul>
<div class="ck-feedback" role="status" aria-live="polite"></div>
<template class="ck-explanation"><p><strong class="ck-verdict"></strong> {explanation}</p>\
<p class="ck-source">Source: {reference} <a href="{reading_url}">Go to the reading</a></p></template>
</div>"""
