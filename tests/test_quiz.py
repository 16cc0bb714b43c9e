from __future__ import annotations

import dataclasses
import json

from markup import start_tags

from coursekit.content import quiz
from coursekit.content.quiz import (
    Question,
    bank_json,
    module_bank,
    questions_from_json,
    static_html,
)
from coursekit.model import Citation, Entry, Module, ModulePlan, QuizItem, Stat


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
    from coursekit.content.prompts import (
        module_prompts,
        prompts_from_json,
        prompts_json,
    )
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
                  stats=(Stat("d", -0.45, -0.7, -0.2, "An effect of d = -0.45 (CI -0.7 to -0.2).", label="x and outcome",
                              direction="more x went with worse outcome"),))
    bank = module_bank(ModulePlan(Module(id="m", title="M"), (entry,)), publish_drafts=True)
    assert [(q.id, q.template, q.shuffle) for q in bank] == [
        ("2020-01-e-q1", "authored", True), ("2020-01-e-q2", "authored", False),
        ("2020-01-e-g-direction-1", "direction", True)]
    assert questions_from_json(bank_json(bank)) == bank
    markup = static_html("m", bank)
    assert markup == static_html("m", module_bank(ModulePlan(Module(id="m", title="M"), (entry,)), publish_drafts=True))
    assert markup.count('data-question-id="2020-01-e-g-') == 1


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


def lettered_bank(letters: str, reading: str = "2020-01-e") -> list[Question]:
    return [Question(id=letter, entry_id=reading, stem=f"{letter}?", options=("x", "y"), answers=("x",),
                     feedback="f", difficulty="easy", reference="r", reading_url="u") for letter in letters]


def ids(questions: list[Question]) -> list[str]:
    return [q.id for q in questions]


def test_seeded_shuffle_is_fisher_yates_driven_by_xorshift32():
    # Seed 0 mixes to 0, so the generator starts from 1: Marsaglia's xorshift32 then gives 270369,
    # 67634689, ... For three items: i=2 swaps with 270369 % 3 = 0, i=1 with 67634689 % 2 = 1 (itself).
    assert quiz.seeded_shuffle(["a", "b", "c"], 0) == ["c", "b", "a"]
    assert quiz.seeded_shuffle(["a", "b"], 0) == ["a", "b"]  # 270369 % 2 = 1
    assert hex(quiz._mix32(1)) == "0x514e28b7"  # murmur3's fmix32(1)
    items = list(range(50))
    shuffled = [quiz.seeded_shuffle(items, seed) for seed in range(5)]
    assert all(sorted(s) == items for s in shuffled) and len({tuple(s) for s in shuffled}) == 5
    assert quiz.seeded_shuffle(items, 2**32 + 3) == shuffled[3]  # seeds are taken modulo 2**32


def test_practice_set_asks_due_wrong_answers_first_then_unseen_then_the_rest():
    bank = lettered_bank("abcdefgh")
    # a and d last answered right; b wrong in set 2, c wrong in set 1 (waiting longer); e to h unseen.
    history = {"a": None, "b": 2, "c": 1, "d": None}
    for seed in range(20):
        whole = ids(quiz.practice_set(bank, history, 8, seed))
        assert whole[:2] == ["c", "b"]
        assert sorted(whole[2:6]) == ["e", "f", "g", "h"] and sorted(whole[6:]) == ["a", "d"]
        assert ids(quiz.practice_set(bank, history, 3, seed)) == whole[:3]  # a shorter set is a prefix
    orders = {tuple(ids(quiz.practice_set(bank, history, 8, seed))) for seed in range(20)}
    assert len(orders) > 1  # ties are shuffled by the seed
    assert quiz.practice_set(bank, history, 8, 7) == quiz.practice_set(bank, history, 8, 7)
    assert quiz.practice_set(bank, {}, 0, 1) == [] and len(quiz.practice_set(bank, {}, 100, 1)) == 8
    assert ids(quiz.practice_set(bank, {}, 8, 5)) == quiz.seeded_shuffle(ids(bank), 5)  # all unseen: the shuffle


def test_practice_history_marks_the_latest_answer():
    correct = {"a": True, "b": False, "c": False}
    assert quiz.practice_history(correct, {"a": 1, "b": 3}) == {"a": None, "b": 3, "c": 0}


def test_a_practice_set_frame_sits_above_the_bank_for_review():
    first, second = lettered_bank("ab", "2020-01-e"), lettered_bank("c", "2021-02-f")
    bank = [dataclasses.replace(q, reading_title="E <1>") for q in first] + second
    markup = static_html("m", bank, grouped=True, set_size=10)
    tags = start_tags(markup)
    assert tags[0] == ("div", {"class": "ck-quiz", "data-quiz-id": "m", "data-set-size": "10"})
    section = next(a for t, a in tags if t == "section")
    assert section["class"] == "ck-practice" and "hidden" in section  # shown by coursekit.js
    options = [a["value"] for t, a in tags if t == "option"]
    assert options == ["", "2020-01-e", "2021-02-f"]
    assert "E &lt;1&gt; (2 questions)</option>" in markup and "2021-02-f (1 question)</option>" in markup
    assert ("label", {"for": "ck-set-reading-m"}) in tags and ("select", {"id": "ck-set-reading-m",
                                                                       "class": "ck-set-reading"}) in tags
    assert any(a.get("role") == "status" and a.get("aria-live") == "polite" and a.get("class") == "ck-set-score"
               for _, a in tags)
    groups = [a for t, a in tags if t == "details"]
    assert [g["data-entry-id"] for g in groups] == ["2020-01-e", "2021-02-f"] and not any("open" in g for g in groups)
    assert markup.index("Practice set") < markup.index("<h3>All questions</h3>") < markup.index("<details")
    assert markup.count('class="ck-question"') == 3


def test_no_practice_set_without_a_size_or_without_questions():
    bank = lettered_bank("ab")
    grouped = static_html("m", bank, grouped=True)
    assert "ck-practice" not in grouped and "data-set-size" not in grouped
    assert '<details class="ck-group" data-entry-id="2020-01-e" open>' in grouped  # the first reading open
    assert "ck-practice" not in static_html("m", [], grouped=True, set_size=10)
    assert "ck-practice" not in static_html("assignment-x", bank)


def test_a_bank_loaded_per_reading_keeps_each_readings_questions_in_its_file():
    bank = lettered_bank("ab", "2020-01-e") + lettered_bank("c", "2021-02-f")
    files = quiz.bank_files("m", bank)
    assert [path for path, _ in files] == ["_static/banks/m/1.mjs", "_static/banks/m/2.mjs"]
    first = files[0][1]
    assert first.startswith('coursekitBankFile("m", 1, "<div class=\\"ck-question\\"') and first.endswith('");\n')
    markup = json.loads(first[len('coursekitBankFile("m", 1, '):-len(");\n")])
    assert markup in static_html("m", bank)  # the markup a page carrying the whole bank has for a and b
    assert start_tags(markup)[0][1]["data-question-id"] == "a" and markup.count('class="ck-question"') == 2
    page = static_html("m", bank, grouped=True, set_size=10, per_reading=True)
    tags = start_tags(page)
    assert tags[0][1]["data-bank-files"] == "../_static/banks/m/"
    groups = [a for t, a in tags if t == "details"]
    assert [(g["data-reading"], json.loads(g["data-question-ids"])) for g in groups] == [("1", ["a", "b"]),
                                                                                      ("2", ["c"])]
    assert "ck-question" not in page and "0 of 3 answered." in page and "2020-01-e (2 questions)</option>" in page
