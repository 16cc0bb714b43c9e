"""The live-notebook quiz and reflections: the same bank and prompts as ipywidgets.

`show_quiz` and `show_prompts` display one output carrying both the widgets (for a live Jupyter front end)
and the static HTML+JS (for a built book, which prefers text/html, see _config.yml). Answers and reflections
go to the trainee's progress file (`~/.coursekit/progress.json`, or $COURSEKIT_PROGRESS) in the format the
site exports (supervision/progress.py); practice sets are drawn as the site draws them (`quiz.practice_set`).
"""
from __future__ import annotations

import itertools
import json
import os
import pathlib
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

from coursekit.content.escape import html
from coursekit.content.prompts import Prompt, prompts_from_json
from coursekit.content.prompts import static_html as prompts_static_html
from coursekit.content.quiz import (
    Question,
    explanation_html,
    practice_history,
    practice_set,
    questions_from_json,
    static_html,
)
from coursekit.model import PROGRESS_SCHEMA, PROGRESS_VERSION
from coursekit.writer import atomic_write


def progress_path() -> pathlib.Path:
    override = os.environ.get("COURSEKIT_PROGRESS")
    return pathlib.Path(override) if override else pathlib.Path.home() / ".coursekit" / "progress.json"


def empty_progress() -> dict[str, Any]:
    return {"schema": PROGRESS_SCHEMA, "version": PROGRESS_VERSION, "trainee": "", "quizzes": {}, "reflections": {}}


def load_progress(path: pathlib.Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    return data if isinstance(data, dict) and data.get("schema") == PROGRESS_SCHEMA else empty_progress()


def update_progress(path: pathlib.Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = load_progress(path)
    change(data)
    data["version"] = PROGRESS_VERSION
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def record_reflection(path: pathlib.Path, prompt_id: str, text: str) -> None:
    update_progress(path, lambda data: data.setdefault("reflections", {}).update({prompt_id: {"text": text}}))


def score_text(answers: dict[str, Any], total: int) -> str:
    """The site's score line."""
    right = sum(1 for a in answers.values() if a["correct"])
    return f"{len(answers)} of {total} answered." + (f" Score: {right} of {len(answers)} correct." if answers else "")


def feedback_html(verdict: str, question: Question) -> str:
    notebook = question.reading_url.split("#", 1)[0].replace(".html", ".ipynb")  # the module notebook
    return (f"<p><strong>{verdict}</strong> {explanation_html(question)}</p><p>Source: {html(question.reference)} "
            f'<a href="{html(notebook)}">Go to the reading: {html(question.reading_title or "the reading")}</a></p>')


def question_widget(question: Question, on_answer: Callable[[dict], None]) -> Any:
    import ipywidgets as widgets

    choices = widgets.RadioButtons(options=list(question.options), value=None, layout={"width": "max-content"})
    check = widgets.Button(description="Check answer")
    feedback = widgets.HTML()

    def on_check(_button: Any) -> None:
        if choices.value is None:
            feedback.value = "<p>Choose an answer first.</p>"
            return
        correct = choices.value in question.answers
        feedback.value = feedback_html("Correct." if correct else "Not quite.", question)
        on_answer({"option": question.options.index(choices.value), "correct": correct, "text": choices.value})

    check.on_click(on_check)
    stem = widgets.HTML(f"<p><strong>{html(question.stem)}</strong></p>")
    return widgets.VBox([stem, choices, check, feedback])


@dataclass(frozen=True)
class DrawnSet:
    number: int  # the set's number: one more than the sets recorded (or than the last one drawn)
    seed: int  # the quiz's shuffle seed; the set shuffles with seed + number, as the site does
    questions: tuple[Question, ...]


def next_set(progress: dict[str, Any], quiz_id: str, questions: list[Question], n: int,
             seed: int | None = None, after: int = 0) -> DrawnSet:
    """The next practice set from the progress file's answers and practice record. Without `seed`,
    the recorded one (or, before any, a random one, recorded with the first answer)."""
    practice = progress.get("practice", {}).get(quiz_id, {})
    number = max(practice.get("sets", 0), after) + 1
    base = seed if seed is not None else practice["seed"] if "seed" in practice else secrets.randbits(32)
    answers = progress.get("quizzes", {}).get(quiz_id, {})
    history = practice_history({q: bool(a.get("correct")) for q, a in answers.items()}, practice.get("wrong", {}))
    return DrawnSet(number, base, tuple(practice_set(questions, history, n, base + number)))


def record_answer(path: pathlib.Path, quiz_id: str, question_id: str, answers: dict[str, dict],
                  drawn: DrawnSet | None = None) -> None:
    """Record the answer ({option, correct, text}) to `question_id` (in `answers`, the answers so far)
    and, in a practice set, the set: its number, the seed, the set in which the question was answered
    wrongly, and the set itself."""
    answer = answers[question_id]

    def change(data: dict[str, Any]) -> None:
        data.setdefault("quizzes", {}).setdefault(quiz_id, {})[question_id] = answer
        if drawn is None:
            return
        answered_in_order = itertools.takewhile(lambda q: q.id in answers, drawn.questions)
        practice = data.setdefault("practice", {}).setdefault(quiz_id, {})
        practice.update(seed=drawn.seed, sets=max(practice.get("sets", 0), drawn.number), current={
            "reading": "", "questions": [q.id for q in drawn.questions],
            "results": [answers[q.id]["correct"] for q in answered_in_order]})
        if not answer["correct"]:
            practice.setdefault("wrong", {})[question_id] = drawn.number

    update_progress(path, change)


def questions_view(shown: list[Question], record: Callable[[str, dict[str, dict]], None]) -> list[Any]:
    """A score line and the questions; `record(question_id, answers so far)` after each answer."""
    import ipywidgets as widgets

    answers: dict[str, dict] = {}
    score = widgets.HTML(f"<p>{score_text(answers, len(shown))}</p>")

    def on_answer(question_id: str, answer: dict) -> None:
        answers[question_id] = answer
        score.value = f"<p>{score_text(answers, len(shown))}</p>"
        record(question_id, answers)

    return [score] + [question_widget(q, partial(on_answer, q.id)) for q in shown]


def quiz_widget(quiz_id: str, questions: list[Question], n: int | None = None, seed: int | None = None,
                path: pathlib.Path | None = None) -> Any:
    """A practice set of `n` questions (`next_set`), then a "New set" button; or, without `n` and
    `seed`, the whole bank in order. Answers are recorded in the progress file."""
    import ipywidgets as widgets

    target = path or progress_path()
    if n is None and seed is None:
        return widgets.VBox(questions_view(questions, partial(record_answer, target, quiz_id)))
    box, new_set = widgets.VBox(), widgets.Button(description="New set")
    drawn_here = [0]  # the numbers of the sets this widget has drawn

    def show_set(_button: Any = None) -> None:
        size = len(questions) if n is None else n
        drawn = next_set(load_progress(target), quiz_id, questions, size, seed, after=drawn_here[-1])
        drawn_here.append(drawn.number)
        box.children = [*questions_view(list(drawn.questions), partial(record_answer, target, quiz_id, drawn=drawn)),
                        new_set]

    new_set.on_click(show_set)
    show_set()
    return box


def show_both(widget: Any, static: str) -> None:
    """One output: the widget where a widget manager exists, the static HTML+JS otherwise."""
    from IPython.display import display

    display({**widget._repr_mimebundle_(), "text/html": static}, raw=True)


def show_quiz(quiz_id: str, bank: str, n: int | None = None, seed: int | None = None,
              per_reading: bool = False) -> None:
    """The quiz (with `n`, practice sets of `n` questions); with `per_reading`, the static HTML loads
    each reading's questions from the bank's files."""
    questions = questions_from_json(bank)
    show_both(quiz_widget(quiz_id, questions, n=n, seed=seed),
              static_html(quiz_id, questions, grouped=True, set_size=n, per_reading=per_reading))


def reflection_widget(prompt: Prompt, number: int, path: pathlib.Path) -> Any:
    import ipywidgets as widgets

    saved = load_progress(path).get("reflections", {}).get(prompt.id, {}).get("text", "")
    text = widgets.HTML(f"<p><strong>{number}.</strong> {html(prompt.text)}</p>"
                        f"<p>Reading: {html(prompt.reading_title)}</p>")
    box = widgets.Textarea(value=saved, placeholder="Your reflection", continuous_update=False,
                           layout={"width": "100%"})
    status = widgets.HTML()

    def on_change(change: dict) -> None:
        record_reflection(path, prompt.id, change["new"])
        status.value = "<p>Saved in your progress file.</p>"

    box.observe(on_change, names="value")
    return widgets.VBox([text, box, status])


def prompts_widget(prompts: list[Prompt], path: pathlib.Path | None = None) -> Any:
    import ipywidgets as widgets

    return widgets.VBox([reflection_widget(p, number, path or progress_path()) for number, p in enumerate(prompts, 1)])


def show_prompts(prompts: str) -> None:
    """The discussion prompts with reflection boxes."""
    parsed = prompts_from_json(prompts)
    show_both(prompts_widget(parsed), prompts_static_html(parsed))
