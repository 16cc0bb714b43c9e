"""The live-notebook quiz and reflections: the same bank and prompts as ipywidgets.

`show_quiz` and `show_prompts` display one output each, carrying both the widget view and the
static HTML: a live Jupyter front end (JupyterLab, Binder, JupyterHub) renders the widgets; a
built book (which prefers text/html, see _config.yml) renders the self-contained HTML+JS.

Answers and reflections given in the widgets are recorded in the trainee's progress file
(`~/.coursekit/progress.json`, or the file named by $COURSEKIT_PROGRESS), in the format the site
exports: {"schema": "coursekit-progress", "version": 1, "trainee": "",
"quizzes": {quizId: {questionId: {option, correct, text}}}, "reflections": {promptId: {text}}}.
`option` is the index of the chosen option in the bank's own order (as in the site), whatever
order an attempt showed the options in.
"""
from __future__ import annotations

import json
import os
import pathlib
from typing import Any, Callable

from coursekit.model import PROGRESS_SCHEMA, PROGRESS_VERSION
from coursekit.content.escape import html
from coursekit.content.prompts import Prompt, prompts_from_json
from coursekit.content.prompts import static_html as prompts_static_html
from coursekit.content.quiz import Question, attempt, questions_from_json, static_html
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
        return empty_progress()
    if not isinstance(data, dict) or data.get("schema") != PROGRESS_SCHEMA:
        return empty_progress()
    return data


def update_progress(path: pathlib.Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Load the progress file, apply `change`, and replace the file atomically."""
    data = load_progress(path)
    change(data)
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def record_answer(path: pathlib.Path, quiz_id: str, question_id: str, option: int, correct: bool, text: str) -> None:
    answer = {"option": option, "correct": correct, "text": text}
    update_progress(path, lambda data: data.setdefault("quizzes", {}).setdefault(quiz_id, {}).update(
        {question_id: answer}))


def record_reflection(path: pathlib.Path, prompt_id: str, text: str) -> None:
    update_progress(path, lambda data: data.setdefault("reflections", {}).update({prompt_id: {"text": text}}))


def score_text(answers: dict[str, Any], total: int) -> str:
    """The same wording as the site's score line."""
    text = f"{len(answers)} of {total} answered."
    if answers:
        right = sum(1 for a in answers.values() if a["correct"])
        text += f" Score: {right} of {len(answers)} correct."
    return text


def feedback_html(verdict: str, question: Question) -> str:
    answers = "; ".join(html(a) for a in question.answers)
    notebook = question.reading_url.split("#", 1)[0].replace(".html", ".ipynb")  # the module notebook
    reading = html(question.reading_title or "the reading")
    return (f"<p><strong>{verdict}</strong> The answer is: {answers}. {html(question.feedback)}</p>"
            f'<p>Source: {html(question.reference)} <a href="{html(notebook)}">Go to the reading: {reading}</a></p>')


def question_widget(question: Question, canonical: tuple[str, ...], on_answer: Callable[[dict], None]) -> Any:
    """One question: its options as RadioButtons, a Check button, and feedback after checking."""
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
        on_answer({"option": canonical.index(choices.value), "correct": correct, "text": choices.value})

    check.on_click(on_check)
    stem = widgets.HTML(f"<p><strong>{html(question.stem)}</strong></p>")
    return widgets.VBox([stem, choices, check, feedback])


def quiz_widget(quiz_id: str, questions: list[Question], n: int | None = None, seed: int | str | None = None,
                path: pathlib.Path | None = None) -> Any:
    """A score line, then an attempt's questions (`n` drawn with `seed`; all, in bank order, by default)."""
    import ipywidgets as widgets

    target = path or progress_path()
    shown = questions if n is None and seed is None else attempt(questions, n, quiz_id if seed is None else seed)
    canonical = {q.id: q.options for q in questions}
    answers: dict[str, Any] = {}
    score = widgets.HTML(f"<p>{score_text(answers, len(shown))}</p>")

    def recorder(question_id: str) -> Callable[[dict], None]:
        def on_answer(answer: dict) -> None:
            answers[question_id] = answer
            score.value = f"<p>{score_text(answers, len(shown))}</p>"
            record_answer(target, quiz_id, question_id, answer["option"], answer["correct"], answer["text"])
        return on_answer

    return widgets.VBox([score] + [question_widget(q, canonical[q.id], recorder(q.id)) for q in shown])


def show_quiz(quiz_id: str, bank: str, n: int | None = None, seed: int | str | None = None) -> None:
    """Display the quiz: live widgets where a widget manager exists, static HTML+JS otherwise."""
    from IPython.display import display

    questions = questions_from_json(bank)
    bundle = dict(quiz_widget(quiz_id, questions, n=n, seed=seed)._repr_mimebundle_())
    bundle["text/html"] = static_html(quiz_id, questions, grouped=True)
    display(bundle, raw=True)


def reflection_widget(prompt: Prompt, number: int, path: pathlib.Path) -> Any:
    """The prompt, its reading, and a Textarea whose text is recorded when it changes."""
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

    target = path or progress_path()
    return widgets.VBox([reflection_widget(p, number, target) for number, p in enumerate(prompts, start=1)])


def show_prompts(prompts: str) -> None:
    """Display the discussion prompts with reflection boxes, live or static."""
    from IPython.display import display

    parsed = prompts_from_json(prompts)
    bundle = dict(prompts_widget(parsed)._repr_mimebundle_())
    bundle["text/html"] = prompts_static_html(parsed)
    display(bundle, raw=True)
