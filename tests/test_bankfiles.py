"""A large bank loads per reading: `coursekit generate` writes each reading's questions in a file
beside the exercises page, and the page carries the practice set and the list of readings only."""
from __future__ import annotations

import json
import re

import pytest
from markup import start_tags
from test_notebooks import cell_arguments

from coursekit.content.quiz import BANK_FOLDER, PER_READING_BYTES, questions_from_json
from coursekit.site.generate import generate
from coursekit.writer import HEADER

CALL = re.compile(r'^coursekitBankFile\(("[^"]*"), (\d+), (".*")\);\n$', re.S)


def quiz_cell(course, module_id: str) -> str:
    notebook = json.loads((course / "exercises" / f"{module_id}.ipynb").read_text(encoding="utf-8"))
    return next("".join(cell["source"]) for cell in notebook["cells"] if "show_quiz(" in "".join(cell["source"]))


def page_markup(course, module_id: str) -> str:
    """The HTML the exercises page shows: the quiz cell run as the book's build runs it."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()  # before capture_output, which captures the running shell's output
    with capture_output() as captured:
        assert shell.run_cell(quiz_cell(course, module_id)).success
    return captured.outputs[0].data["text/html"]


def bank_file(path) -> tuple[str, int, str]:
    """The quiz id, reading number and question markup a bank file hands to coursekit.js."""
    text = path.read_text(encoding="utf-8")
    header = HEADER.match(text)
    assert header, f"{path} carries no generated-file header"
    call = CALL.match(text[header.end():])
    assert call, f"{path} is not one call of coursekitBankFile"
    return json.loads(call.group(1)), int(call.group(2)), json.loads(call.group(3))


def question_ids(markup: str) -> list[str]:
    return [attributes["data-question-id"] for _, attributes in start_tags(markup)
            if "data-question-id" in attributes]


@pytest.fixture(scope="module")
def per_reading(tmp_path_factory):
    """The default course generated with every bank loading per reading."""
    from conftest import copy_default_course

    course = copy_default_course(tmp_path_factory.mktemp("per-reading") / "course")
    return course, generate(course, per_reading_above=0)


def test_each_reading_of_each_module_gets_a_file_holding_its_questions_in_bank_order(per_reading):
    course, generated = per_reading
    for plan in generated.plan.modules:
        module_id = plan.module.id
        quiz_id, bank, set_size, files = cell_arguments(quiz_cell(course, module_id), "show_quiz")
        assert (quiz_id, files) == (module_id, True)
        questions = questions_from_json(bank)
        readings = [q.entry_id for before, q in zip([None, *questions], questions)
                    if before is None or before.entry_id != q.entry_id]
        folder = course / BANK_FOLDER / module_id
        paths = sorted(folder.iterdir() if folder.exists() else (), key=lambda path: int(path.stem))
        assert [path.name for path in paths] == [f"{n}.mjs" for n in range(1, len(readings) + 1)]
        loaded = [bank_file(path) for path in paths]
        assert [(quiz, n) for quiz, n, _ in loaded] == [(module_id, n) for n in range(1, len(readings) + 1)]
        assert [i for _, _, markup in loaded for i in question_ids(markup)] == [q.id for q in questions]
        for reading, (_, _, markup) in zip(readings, loaded):
            assert {q.entry_id for q in questions if q.id in question_ids(markup)} == {reading}
            assert 'class="ck-option"' in markup and "<script" not in markup


def test_the_page_lists_readings_and_ids_but_carries_no_question(per_reading):
    course, generated = per_reading
    plan = max(generated.plan.modules, key=lambda p: len(p.entries))
    module_id = plan.module.id
    markup = page_markup(course, module_id)
    tags = start_tags(markup)
    assert tags[0][1]["data-bank-files"] == f"../{BANK_FOLDER}/{module_id}/"
    assert 'class="ck-question"' not in markup and "ck-practice" in markup
    groups = [attributes for tag, attributes in tags if tag == "details"]
    for n, group in enumerate(groups, start=1):
        _, _, file_markup = bank_file(course / BANK_FOLDER / module_id / f"{n}.mjs")
        assert group["data-reading"] == str(n)
        assert json.loads(group["data-question-ids"]) == question_ids(file_markup)
        assert "open" not in group
    options = [attributes["value"] for tag, attributes in tags if tag == "option" and attributes["value"]]
    assert options == [group["data-entry-id"] for group in groups]
    inline = sum(len(path.read_bytes()) for path in (course / BANK_FOLDER / module_id).iterdir())
    assert len(markup) * 3 < inline  # the page is lighter than its questions


def test_generating_again_writes_nothing_and_a_copy_gets_the_same_bytes(per_reading, tmp_path):
    from conftest import copy_default_course

    course, _ = per_reading
    again = generate(course, per_reading_above=0).report
    assert not again.written and not again.removed
    other = copy_default_course(tmp_path / "other")
    generate(other, per_reading_above=0)
    mine = {path.relative_to(course): path.read_bytes() for path in (course / BANK_FOLDER).rglob("*.mjs")}
    theirs = {path.relative_to(other): path.read_bytes() for path in (other / BANK_FOLDER).rglob("*.mjs")}
    assert mine == theirs and mine


def test_small_banks_stay_on_the_page_and_stale_bank_files_are_removed(default_course):
    before = generate(default_course, per_reading_above=0).report
    files = sorted(path for path in before.written if path.startswith(BANK_FOLDER))
    assert files
    edited = default_course / files[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "/* mine */\n", encoding="utf-8")
    after = generate(default_course).report  # the default threshold: the default course's banks are small
    assert sorted(after.removed) == files[1:]  # the edited file is kept, like an edited notebook
    assert edited.exists()
    for module_id in (path.stem for path in (default_course / "exercises").glob("*.ipynb")):
        cell = quiz_cell(default_course, module_id)
        assert "per_reading" not in cell and len(cell_arguments(cell, "show_quiz")[1]) <= PER_READING_BYTES
        assert 'class="ck-question"' in page_markup(default_course, module_id)
