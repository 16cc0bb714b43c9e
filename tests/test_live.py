"""The live quiz and reflections as ipywidgets, driven in a real kernel, recorded in the progress file."""
from __future__ import annotations

import json

import nbformat
from conftest import REPO
from nbclient import NotebookClient
from nbformat import v4

from coursekit import live
from coursekit.content import escape
from coursekit.content.prompts import module_prompts, prompts_json
from coursekit.content.quiz import bank_json, module_bank, practice_set
from coursekit.planning.themes import load_plan

PLAN, _ = load_plan(REPO)
ALLIANCE = next(p for p in PLAN.modules if p.module.id == "alliance")
BANK = module_bank(ALLIANCE)
PROMPTS = module_prompts(ALLIANCE)

KERNEL_CODE = """
import json, os
os.environ["COURSEKIT_PROGRESS"] = {path!r}
from coursekit.live import prompts_widget, quiz_widget
from coursekit.content.prompts import prompts_from_json
from coursekit.content.quiz import practice_set, questions_from_json

questions = questions_from_json({bank!r})
quiz = quiz_widget("alliance", questions, n=3, seed=7)
shown = practice_set(questions, {{}}, 3, 7 + 1)  # set 1 of seed 7: nothing answered yet
score, first, second, third, new_set = quiz.children

def answer(question_view, right):
    stem, choices, check, feedback = question_view.children
    answers = shown[quiz.children.index(question_view) - 1].answers
    wanted = [o for o in choices.options if (o in answers) == right][0]
    choices.value = wanted
    check.click()
    return {{"stem": stem.value, "chosen": wanted, "feedback": feedback.value}}

report = {{"first": answer(first, True), "second": answer(second, False), "score": score.value}}
new_set.click()
report["next"] = [view.children[0].value for view in quiz.children[1:-1]]
reflections = prompts_widget(prompts_from_json({prompts!r}))
reflections.children[0].children[1].value = "I would name the strain out loud."
print(json.dumps(report))
"""


def run_in_kernel(code: str) -> str:
    nb = v4.new_notebook(cells=[v4.new_code_cell(code)])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")


def test_widget_quiz_in_a_kernel_records_answers_and_reflections(tmp_path):
    path = tmp_path / "progress.json"
    shown = practice_set(BANK, {}, 3, 7 + 1)
    code = KERNEL_CODE.format(path=str(path), bank=bank_json(BANK), prompts=prompts_json(PROMPTS))
    report = json.loads(run_in_kernel(code).strip().splitlines()[-1])
    assert escape.html(shown[0].stem) in report["first"]["stem"]
    assert report["first"]["feedback"].startswith("<p><strong>Correct.</strong>")
    assert report["second"]["feedback"].startswith("<p><strong>Not quite.</strong>")
    assert f'<a href="../modules/alliance.ipynb">Go to the reading: {escape.html(shown[1].reading_title)}</a>' in \
        report["second"]["feedback"]
    assert "Score: 1 of 2 correct." in report["score"]

    progress = json.loads(path.read_text(encoding="utf-8"))
    assert set(progress) == {"schema", "version", "trainee", "quizzes", "practice", "reflections"}
    assert (progress["schema"], progress["version"]) == ("coursekit-progress", 2)
    assert progress["practice"] == {"alliance": {"seed": 7, "sets": 1, "wrong": {shown[1].id: 1}, "current": {
        "reading": "", "questions": [q.id for q in shown], "results": [True, False]}}}
    # "New set" draws set 2: the question answered wrongly first, then two never answered.
    following = practice_set(BANK, {shown[0].id: None, shown[1].id: 1}, 3, 7 + 2)
    assert following[0] == shown[1] and not {q.id for q in following[1:]} & {q.id for q in shown}
    assert report["next"] == [f"<p><strong>{escape.html(q.stem)}</strong></p>" for q in following]
    recorded = progress["quizzes"]["alliance"]
    assert set(recorded) == {shown[0].id, shown[1].id}
    by_id = {q.id: q for q in BANK}
    for question, right in ((shown[0], True), (shown[1], False)):
        entry = recorded[question.id]
        assert entry["correct"] is right and (entry["text"] in question.answers) is right
        assert by_id[question.id].options[entry["option"]] == entry["text"]  # index in the bank's order
    assert progress["reflections"] == {PROMPTS[0].id: {"text": "I would name the strain out loud."}}


def test_next_set_follows_the_progress_file():
    nothing = live.next_set(live.empty_progress(), "alliance", BANK, 10, seed=7)
    assert (nothing.number, nothing.seed, list(nothing.questions)) == (1, 7, practice_set(BANK, {}, 10, 8))
    first, second = BANK[0].id, BANK[1].id
    progress = {"quizzes": {"alliance": {first: {"option": 0, "correct": False, "text": "x"},
                                         second: {"option": 0, "correct": True, "text": "y"}},
                            "other": {BANK[2].id: {"option": 0, "correct": False, "text": "z"}}},
                "practice": {"alliance": {"seed": 5, "sets": 3, "wrong": {first: 2, second: 1}}}}
    drawn = live.next_set(progress, "alliance", BANK, 4, after=1)
    assert (drawn.number, drawn.seed) == (4, 5)
    assert list(drawn.questions) == practice_set(BANK, {first: 2, second: None}, 4, 5 + 4)
    assert drawn.questions[0].id == first and second not in {q.id for q in drawn.questions}
    assert live.next_set(progress, "alliance", BANK, 4, after=6).number == 7  # sets drawn here, unanswered
    fresh = live.next_set({}, "new", BANK, 2)
    assert fresh.number == 1 and 0 <= fresh.seed < 2**32 and len(fresh.questions) == 2


def test_progress_file_keeps_other_keys_and_replaces_a_broken_file(tmp_path):
    path = tmp_path / "deep" / "progress.json"
    live.record_answer(path, "q", "a-q1", {"a-q1": {"option": 2, "correct": False, "text": "text"}})
    live.record_reflection(path, "m-p1", "first thoughts")
    live.record_reflection(path, "m-p1", "second thoughts")
    data = json.loads(path.read_text())
    assert data["quizzes"] == {"q": {"a-q1": {"option": 2, "correct": False, "text": "text"}}}
    assert data["reflections"] == {"m-p1": {"text": "second thoughts"}}
    path.write_text("{not json")
    live.record_reflection(path, "m-p2", "x")
    assert json.loads(path.read_text())["reflections"] == {"m-p2": {"text": "x"}}
    assert live.score_text({}, 4) == "0 of 4 answered."


def test_exercise_notebook_shows_static_html_and_widgets(tmp_path):
    """Executing the generated exercise cells gives one output with both views."""
    nb = nbformat.read(REPO / "exercises" / "treatment-length.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    setup = f"import os\nos.environ['COURSEKIT_PROGRESS'] = {str(tmp_path / 'p.json')!r}\n"
    run = v4.new_notebook(cells=[v4.new_code_cell(setup)] + [v4.new_code_cell(c.source) for c in code])
    NotebookClient(run, kernel_name="python3", timeout=120).execute()
    quiz_output, prompts_output = (cell.outputs[0] for cell in run.cells[1:])
    assert 'class="ck-quiz"' in quiz_output["data"]["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in quiz_output["data"]
    assert 'class="ck-reflection" data-prompt-id="treatment-length-p1"' in prompts_output["data"]["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in prompts_output["data"]
