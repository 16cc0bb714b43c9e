"""The live-notebook quiz: the same question bank as ipywidgets, for JupyterLab, Binder, JupyterHub.

`show_quiz` displays one output carrying both the widget view and the static HTML quiz: a live
Jupyter front end renders the widget; a built book (which prefers text/html, see _config.yml)
renders the self-contained HTML+JS quiz. Answers given in the widget are recorded in the
trainee's progress file, in the format the site's "Export progress" writes.
"""
from __future__ import annotations

import json
import os
import pathlib
import tempfile
from typing import Any

from .quiz import Question, questions_from_json, static_html

PROGRESS_SCHEMA = "coursekit-progress"
PROGRESS_VERSION = 1


def progress_path() -> pathlib.Path:
    override = os.environ.get("COURSEKIT_PROGRESS")
    return pathlib.Path(override) if override else pathlib.Path.home() / ".coursekit" / "progress.json"


def empty_progress() -> dict[str, Any]:
    return {"schema": PROGRESS_SCHEMA, "version": PROGRESS_VERSION, "trainee": "", "quizzes": {}, "reflections": {}}


def load_progress(path: pathlib.Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty_progress()
    if not isinstance(data, dict) or data.get("schema") != PROGRESS_SCHEMA:
        return empty_progress()
    return data


def record_answer(path: pathlib.Path, quiz_id: str, question_id: str, option: int, correct: bool, text: str) -> None:
    data = load_progress(path)
    data.setdefault("quizzes", {}).setdefault(quiz_id, {})[question_id] = {
        "option": option, "correct": correct, "text": text,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
        json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(out.name, path)


def question_widget(quiz_id: str, question: Question, path: pathlib.Path) -> Any:
    import ipywidgets as widgets

    choices = widgets.RadioButtons(options=list(question.options), value=None, layout={"width": "max-content"})
    check = widgets.Button(description="Check answer")
    feedback = widgets.HTML()

    def on_check(_button: Any) -> None:
        if choices.value is None:
            feedback.value = "<p>Choose an answer first.</p>"
            return
        correct = choices.value in question.answers
        verdict = "Correct." if correct else "Not quite."
        feedback.value = feedback_html(verdict, question)
        record_answer(path, quiz_id, question.id, list(question.options).index(choices.value), correct, choices.value)

    check.on_click(on_check)
    stem = widgets.HTML(f"<p><strong>{_html(question.stem)}</strong></p>")
    return widgets.VBox([stem, choices, check, feedback])


def feedback_html(verdict: str, question: Question) -> str:
    answers = "; ".join(_html(a) for a in question.answers)
    return (f"<p><strong>{verdict}</strong> The answer is: {answers}. {_html(question.feedback)}</p>"
            f"<p>Source: {_html(question.reference)}</p>")


def _html(text: str) -> str:
    from .escape import html

    return html(text)


def quiz_widget(quiz_id: str, questions: list[Question]) -> Any:
    import ipywidgets as widgets

    path = progress_path()
    return widgets.VBox([question_widget(quiz_id, q, path) for q in questions])


def show_quiz(quiz_id: str, bank: str) -> None:
    """Display the quiz: live widgets where a widget manager exists, static HTML+JS otherwise."""
    from IPython.display import display

    questions = questions_from_json(bank)
    bundle = dict(quiz_widget(quiz_id, questions)._repr_mimebundle_())
    bundle["text/html"] = static_html(quiz_id, questions)
    display(bundle, raw=True)
