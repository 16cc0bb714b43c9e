from __future__ import annotations

import ast
import json

import nbformat
import pytest
from markdown_it import MarkdownIt

from coursekit.archive.readers import read_archive
from coursekit.content import notebooks
from coursekit.content.quiz import bank_json, module_bank
from coursekit.model import Citation, Entry, Module, ModulePlan, Stat
from coursekit.planning.config import load_course
from coursekit.planning.themes import plan_course

FINDING = {"label": "alliance-focused therapy versus standard therapy", "population": "invented adult outpatients",
           "direction": "compared with standard therapy, alliance-focused therapy did better", "verdict": ""}


@pytest.fixture
def fixture_course(fixture_course):
    """The fixture course with its alliance study's stat stating a finding, so the entry gets generated items."""
    path = fixture_course / "archive" / "2020-01-fictional-alliance-study.md"
    stat_line = "  text: The invented effect was d = 0.45.\n"
    text = path.read_text(encoding="utf-8")
    assert stat_line in text, "the fixture entry no longer has the stat this gives a finding"
    finding = "".join(f"  {field}: {value}\n" for field, value in FINDING.items())
    path.write_text(text.replace(stat_line, stat_line + finding), encoding="utf-8")
    return fixture_course


def fixture_plan(fixture_course):
    course = load_course(fixture_course / "course.yml")
    return plan_course(course, read_archive(fixture_course / "archive").entries)


def test_module_notebook_has_overview_and_one_card_per_entry(fixture_course):
    plan = fixture_plan(fixture_course).modules[0]
    nb = notebooks.module_notebook(plan)
    nbformat.validate(nb)
    assert [c.id for c in nb.cells] == ["cell-0", "cell-1", "cell-2", "cell-3"]  # overview, figure (2), card
    card = nb.cells[3].source
    assert "(ck-alliance-2020-01-fictional-alliance-study)=" in card
    assert "## A Fictional Alliance Study" in card
    assert "](https://doi.org/10.9999/fixture.2019.001)" in card
    assert "| d | 0.45 | [0.2, 0.7] |" in card
    assert "Explain the fixture finding" in nb.cells[0].source


def cell_arguments(source: str, call: str) -> tuple:
    namespace: dict = {}
    arguments = source.split(f"{call}(", 1)[1].rstrip()[:-1]
    # the cell's arguments are plain literals; keyword arguments come after the positional ones
    exec(f"def call(*args, **keywords): return args + tuple(keywords.values())\nargs = call({arguments})", namespace)
    return namespace["args"]


def test_exercise_notebook_runs_the_quiz_and_prompts_from_embedded_data(fixture_course):
    plan = fixture_plan(fixture_course).modules[0]
    nb = notebooks.exercises(plan, publish_drafts=True).notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 2 and all(c.metadata["tags"] == ["remove-input"] for c in code)
    quiz_id, bank, set_size = cell_arguments(code[0].source, "show_quiz")
    assert (quiz_id, set_size) == ("alliance", 10)
    readings = json.loads(bank)  # one record per reading, its questions inside
    assert [r["entry_id"] for r in readings] == ["2020-01-fictional-alliance-study"]
    ids = [q["id"] for reading in readings for q in reading["questions"]]
    assert ids[:2] == ["2020-01-fictional-alliance-study-q1", "2020-01-fictional-alliance-study-q2"]
    assert all(i.startswith("2020-01-fictional-alliance-study-g-") for i in ids[2:]) and len(ids) > 2
    (prompts,) = cell_arguments(code[1].source, "show_prompts")
    assert [(p["id"], p["text"][:30]) for p in json.loads(prompts)] == [
        ("2020-01-fictional-alliance-study-p1", "A fictional patient misses two")]
    assert "## Discussion prompts" in nb.cells[-2].source


def test_a_bank_loads_per_reading_only_above_the_threshold(fixture_course):
    plan = fixture_plan(fixture_course).modules[0]
    size = len(bank_json(module_bank(plan)))
    assert notebooks.exercises(plan, per_reading_above=size - 1).bank_files
    assert not notebooks.exercises(plan, per_reading_above=size).bank_files


def test_hostile_entry_text_is_escaped_in_cards():
    hostile = Entry(
        id="2020-01-hostile", month="2020-01", title="<script>alert(1)</script> {raw}`html <b>x</b>`",
        citation=Citation(title="t", url="javascript:alert(1)"),
        summary=("[link](javascript:alert(1)) <img src=x onerror=alert(1)>",),
        stats=(Stat("d", 0.5, text="a | b"),),
    )
    plan = ModulePlan(Module(id="m", title="M"), (hostile,))
    html = MarkdownIt("commonmark").enable("table").render(notebooks.module_notebook(plan).cells[-1].source)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html


def test_same_input_same_bytes(fixture_course):
    plan = fixture_plan(fixture_course).modules[0]
    for make in (notebooks.module_notebook, lambda plan: notebooks.exercises(plan).notebook):
        first = nbformat.writes(make(plan))
        assert first == nbformat.writes(make(plan)) and '"id": "cell-0"' in first


def test_notebooks_are_made_of_nbformats_cells_and_are_valid(fixture_course):
    plan = fixture_plan(fixture_course)
    made = [notebooks.module_notebook(plan.modules[0]), notebooks.exercises(plan.modules[0]).notebook,
            notebooks.evidence_map_notebook(plan.modules),
            notebooks.reading_list_notebook("More", "more", plan.all_entries)]
    for nb in made:
        nbformat.validate(nb)
        assert [cell.id for cell in nb.cells] == [f"cell-{n}" for n in range(len(nb.cells))]
        for cell in nb.cells:
            fresh = (nbformat.v4.new_markdown_cell if cell.cell_type == "markdown" else nbformat.v4.new_code_cell)()
            assert set(cell) == set(fresh), cell  # the keys nbformat's own cells have, no more
        assert nb.metadata.kernelspec == notebooks.KERNELSPEC


@pytest.mark.parametrize("value", ["", "plain", ["a\u201c\\b", "it's"], "ends with '", "ends with \\",
                                   "three ''' quotes", {"k": "\\' and \\'' mid"}, "tab\tand\nnewline", "caf\u00e9"])
@pytest.mark.parametrize("ascii", [True, False])
def test_json_literal_is_a_literal_of_the_same_json_text(value, ascii):
    text = json.dumps(value, ensure_ascii=ascii)
    assert ast.literal_eval(notebooks.json_literal(text)) == text


def test_json_literal_keeps_a_json_banks_backslashes_single():
    bank = json.dumps(["\u201cquoted\u201d", 'say "hi"'], ensure_ascii=True)
    assert notebooks.json_literal(bank) == "r'''" + bank + "'''" and bank.count("\\") == 4
