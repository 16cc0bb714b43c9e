from __future__ import annotations

import dataclasses
import json

from coursekit.content import quiz
from coursekit.model import Citation, Entry, Module, ModulePlan, QuizItem, Stat
from coursekit.content.quiz import Question, bank_json, module_bank, questions_from_json, static_html
from markup import start_tags


def plan_with(item: QuizItem) -> ModulePlan:
    entry = Entry(id="2020-01-e", month="2020-01", title="E", citation=Citation(year=2020, title="A title"),
                  quiz=(item,))
    return ModulePlan(Module(id="m", title="M"), (entry,))



def test_bank_round_trips_through_json():
    bank = module_bank(plan_with(QuizItem("S?", ("a", "b"), ("b",), "fb")))
    assert questions_from_json(bank_json(bank)) == bank
    assert bank[0].reading_url == "../modules/m.html#ck-m-2020-01-e"
    assert "(2020). A title." in bank[0].reference


def test_static_markup_has_ids_live_regions_and_one_correct_option():
    bank = module_bank(plan_with(QuizItem("<b>S</b>?", ("<i>a</i>", "b"), ("b",), "fb")))
    markup = static_html("m", bank)
    tags = start_tags(markup)
    questions = [a for t, a in tags if "data-question-id" in a]
    assert [q["data-question-id"] for q in questions] == ["2020-01-e-q1"]
    assert any(a.get("aria-live") == "polite" and a.get("class") == "ck-feedback" for _, a in tags)
    options = [a for t, a in tags if t == "button" and a.get("class") == "ck-option"]
    assert [("data-correct" in a) for a in options] == [False, True]
    assert "<b>S</b>" not in markup and "&lt;b&gt;S&lt;/b&gt;" in markup
    assert "<script" not in markup and "http" not in markup.split("Source:")[0]


def test_prompt_ids_links_and_reflection_boxes():
    from coursekit.content.prompts import module_prompts, prompts_from_json, prompts_json
    from coursekit.content.prompts import static_html as prompts_html

    entry = Entry(id="2020-01-e", month="2020-01", title="<E>", prompts=("A <case>?", "Another & more?"))
    plan = ModulePlan(Module(id="m", title="M", prompts=("Module-wide?",)), (entry,))
    prompts = module_prompts(plan)
    assert [p.id for p in prompts] == ["m-p1", "2020-01-e-p1", "2020-01-e-p2"]
    assert prompts[0].reading_url == "../modules/m.html"
    assert prompts[1].reading_url == "../modules/m.html#ck-m-2020-01-e"
    assert prompts_from_json(prompts_json(prompts)) == prompts
    markup = prompts_html(prompts)
    tags = start_tags(markup)
    boxes = [a for t, a in tags if a.get("class") == "ck-reflection"]
    assert [b["data-prompt-id"] for b in boxes] == ["m-p1", "2020-01-e-p1", "2020-01-e-p2"]
    labels = [a["for"] for t, a in tags if t == "label"]
    areas = [a["id"] for t, a in tags if t == "textarea"]
    assert labels == areas == ["ck-reflection-m-p1", "ck-reflection-2020-01-e-p1", "ck-reflection-2020-01-e-p2"]
    assert sum(1 for t, a in tags if a.get("class") == "ck-saved" and a.get("aria-live") == "polite") == 3
    assert "<case>" not in markup and "A &lt;case&gt;?" in markup and "&lt;E&gt;" in markup


def test_bank_mixes_authored_and_generated_items_in_a_fixed_order():
    item = QuizItem("S?", ("a", "b"), ("b",), "fb")
    entry = Entry(id="2020-01-e", month="2020-01", title="E", citation=Citation(year=2020, title="A title"),
                  quiz=(item, QuizItem("Holds?", ("True", "False"), ("False",), "fb")),
                  stats=(Stat("d", 0.45, 0.2, 0.7, "An effect of d = 0.45 (CI 0.2 to 0.7).", label="x and outcome",
                              direction="more x went with better outcome"),))
    bank = module_bank(ModulePlan(Module(id="m", title="M"), (entry,)))
    assert [(q.id, q.template, q.shuffle) for q in bank] == [
        ("2020-01-e-q1", "authored", True), ("2020-01-e-q2", "authored", False),
        ("2020-01-e-g-direction-1", "direction", True)]
    assert questions_from_json(bank_json(bank)) == bank
    markup = static_html("m", bank)
    assert markup == static_html("m", module_bank(ModulePlan(Module(id="m", title="M"), (entry,))))
    assert markup.count('data-question-id="2020-01-e-g-') == 1


def test_record_is_asdict_of_the_question():
    question = Question(id="q", entry_id="e", stem="s", options=("a", "b"), answers=("a",), feedback="f",
                        difficulty="easy", reference="r", reading_url="u", template="recall", shuffle=False,
                        reading_title="t")
    assert quiz.record(question) == dataclasses.asdict(question)
    assert list(quiz.record(question)) == [f.name for f in dataclasses.fields(Question)]


def test_bank_json_holds_each_readings_fields_once_and_reads_back_any_order():
    entry = Entry(id="2020-01-e", month="2020-01", title="T", citation=Citation(year=2020, title="A title"),
                  quiz=(QuizItem("S?", ("a", "b"), ("b",), "fb"), QuizItem("R?", ("c", "d"), ("c",), "fb2")))
    bank = module_bank(ModulePlan(Module(id="m", title="M"), (entry,)))
    readings = json.loads(bank_json(bank))
    assert len(readings) == 1 and readings[0]["reference"] == bank[0].reference
    assert [sorted(q) for q in readings[0]["questions"]] == [sorted(set(vars(bank[0])) - set(quiz.READING_FIELDS))] * 2
    # Questions on one reading that are not next to each other stay where they were.
    other = dataclasses.replace(bank[0], id="other", entry_id="2020-02-f", reading_title="U", reading_url="u")
    mixed = [bank[0], other, bank[1]]
    assert questions_from_json(bank_json(mixed)) == mixed and len(json.loads(bank_json(mixed))) == 3


def test_a_bank_written_before_readings_were_grouped_still_reads():
    bank = module_bank(plan_with(QuizItem("S?", ("a", "b"), ("b",), "fb")))
    flat = json.dumps([dict(vars(q)) for q in bank])
    assert questions_from_json(flat) == bank
