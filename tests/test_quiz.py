from __future__ import annotations

from html.parser import HTMLParser

from coursekit.model import Citation, Entry, Module, ModulePlan, QuizItem
from coursekit.quiz import bank_json, module_bank, questions_from_json, static_html


def plan_with(item: QuizItem) -> ModulePlan:
    entry = Entry(id="2020-01-e", month="2020-01", title="E", citation=Citation(year=2020, title="A title"),
                  quiz=(item,))
    return ModulePlan(Module(id="m", title="M"), (entry,))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_bank_round_trips_through_json():
    bank = module_bank(plan_with(QuizItem("S?", ("a", "b"), ("b",), "fb")))
    assert questions_from_json(bank_json(bank)) == bank
    assert bank[0].reading_url == "../modules/m.html#ck-m-2020-01-e"
    assert "(2020). A title." in bank[0].reference


def test_static_markup_has_ids_live_regions_and_one_correct_option():
    bank = module_bank(plan_with(QuizItem("<b>S</b>?", ("<i>a</i>", "b"), ("b",), "fb")))
    markup = static_html("m", bank)
    parser = Tags()
    parser.feed(markup)
    questions = [a for t, a in parser.tags if "data-question-id" in a]
    assert [q["data-question-id"] for q in questions] == ["2020-01-e-q1"]
    assert any(a.get("aria-live") == "polite" and a.get("class") == "ck-feedback" for _, a in parser.tags)
    options = [a for t, a in parser.tags if t == "button" and a.get("class") == "ck-option"]
    assert [("data-correct" in a) for a in options] == [False, True]
    assert "<b>S</b>" not in markup and "&lt;b&gt;S&lt;/b&gt;" in markup
    assert "<script" not in markup and "http" not in markup.split("Source:")[0]
