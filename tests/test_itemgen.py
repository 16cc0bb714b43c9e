"""Every item of every module bank of the default course: fair, correct, traceable to its reading.

The properties are re-derived here from the entries, independently of coursekit.itemgen, so a
wrong template or a wrong answer key makes these tests fail.
"""
from __future__ import annotations

import re

import pytest

from conftest import REPO
from coursekit import itemgen
from coursekit.citations import reference, short_citation
from coursekit.model import Author, Citation, Entry, Module, ModulePlan, Stat
from coursekit.pipeline import load_plan
from coursekit.quiz import module_bank

PLAN, _ = load_plan(REPO)
ARCHIVE = PLAN.all_entries
ENTRIES = {entry.id: entry for entry in ARCHIVE}
BANKS = {plan.module.id: module_bank(plan, ARCHIVE) for plan in PLAN.modules}
QUESTIONS = [q for bank in BANKS.values() for q in bank]
# Restated here, not imported: small, moderate and large benchmarks by statistic kind.
BENCHMARKS = {"d": (0.2, 0.5, 0.8), "g": (0.2, 0.5, 0.8), "SMD": (0.2, 0.5, 0.8), "r": (0.1, 0.3, 0.5),
              "OR": (1.5, 2.5, 4.3)}
GENERATED_ID = re.compile(r"^(?P<entry>\d{4}-\d{2}-[a-z0-9-]+?)-g-(?:(?P<kind>[A-Za-z]+)-(?P<n>\d+)-)?"
                          r"(?P<template>recall|study|size|direction|ci)$")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


def qid(question) -> str:
    return question.id


def numbers(text: str) -> set[float]:
    return {round(float(n.replace(",", "")), 6) for n in NUMBER.findall(text)}


def option_value(option: str) -> float:
    return float(option.replace("\u2212", "-"))


def in_stem(stem: str, answer: str) -> bool:
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(answer.lower()) + r"(?![A-Za-z0-9])", stem.lower()) is not None


def source_text(entry: Entry) -> str:
    return " ".join((entry.title, *entry.summary, *entry.implications, *(s.text for s in entry.stats)))


def stat_of(question) -> Stat:
    match = GENERATED_ID.match(question.id)
    entry = ENTRIES[match["entry"]]
    return [s for s in entry.stats if s.kind == match["kind"]][int(match["n"]) - 1]


def expected_size(kind: str, value: float) -> str:
    magnitude = abs(value) if kind != "OR" else max(value, 1 / value)
    return ("Negligible", "Small", "Moderate", "Large")[sum(magnitude >= b for b in BENCHMARKS[kind])]


def expected_answers(question) -> tuple[str, ...]:
    """The correct options, worked out from the source entry without itemgen."""
    entry = ENTRIES[question.entry_id]
    if question.template == "authored":
        return entry.quiz[int(question.id.rsplit("-q", 1)[1]) - 1].answers
    if question.template == "study":
        return (short_citation(entry),)
    stat = stat_of(question)
    if question.template == "recall":
        return tuple(o for o in question.options if abs(option_value(o) - stat.value) < 1e-9)
    if question.template == "size":
        return (expected_size(stat.kind, stat.value),)
    if question.template == "direction":
        return tuple(o for o in question.options if ("higher scores on the other" in o) == (stat.value > 0)
                     and o.startswith("Higher"))
    null = 1 if stat.kind in ("OR", "RR", "IRR") else 0
    return ("True",) if stat.ci_low > null or stat.ci_high < null else ("False",)


def unexplained_numbers(question) -> set[float]:
    """Numbers in stem, options and feedback that the source entry's own text does not state.

    Excluded or accounted for elsewhere, and nothing else:
    - the APA reference and the reading URL (separate fields, not checked here), and author-year
      short citations of archive entries such as "Wampold & Imel (2015)": reference text, whose
      year comes from the citation (the options of "which study" items are such citations);
    - the non-answer options of recall items: they are values of the same statistic kind from
      *other* entries, checked by test_recall_distractors_come_from_other_entries;
    - in size items, the benchmarks for the item's statistic kind (BENCHMARKS above), which the
      feedback states to explain the answer.
    """
    entry = ENTRIES[question.entry_id]
    options = question.options
    if question.template == "recall":
        options = question.answers
    text = " ".join((question.stem, question.feedback, *options))
    for other in ARCHIVE:
        text = text.replace(short_citation(other), " ")
    allowed = numbers(source_text(entry))
    if question.template == "size":
        allowed |= {round(b, 6) for b in BENCHMARKS[stat_of(question).kind]}
    return numbers(text) - allowed


def test_every_module_has_at_least_eight_items_some_generated():
    for module_id, bank in BANKS.items():
        assert len(bank) >= 8, module_id
    assert {q.template for q in QUESTIONS} == {"authored", "recall", "study", "size", "direction", "ci"}


@pytest.mark.parametrize("question", QUESTIONS, ids=qid)
def test_no_answer_text_in_the_stem_and_options_unique(question):
    assert not [a for a in question.answers if in_stem(question.stem, a)]
    assert len(set(question.options)) == len(question.options) >= 2


@pytest.mark.parametrize("question", QUESTIONS, ids=qid)
def test_exactly_the_intended_options_are_correct(question):
    assert set(question.answers) <= set(question.options)
    assert question.answers and tuple(question.answers) == expected_answers(question)


@pytest.mark.parametrize("question", QUESTIONS, ids=qid)
def test_every_number_appears_in_the_source_entry(question):
    assert unexplained_numbers(question) == set()


@pytest.mark.parametrize("question", QUESTIONS, ids=qid)
def test_feedback_reference_link_and_difficulty(question):
    entry = ENTRIES[question.entry_id]
    assert question.feedback.strip() and question.difficulty in ("easy", "medium", "hard")
    assert question.reference == reference(entry).text
    assert re.fullmatch(rf"\.\./modules/(?P<m>[a-z0-9-]+)\.html#ck-(?P=m)-{entry.id}", question.reading_url)


def test_recall_distractors_come_from_other_entries():
    recalls = [q for q in QUESTIONS if q.template == "recall"]
    assert recalls
    for question in recalls:
        stat = stat_of(question)
        own = {round(s.value, 6) for s in ENTRIES[question.entry_id].stats if s.kind == stat.kind}
        others = {round(s.value, 6) for e in ARCHIVE if e.id != question.entry_id for s in e.stats
                  if s.kind == stat.kind}
        distractors = {round(option_value(o), 6) for o in question.options if o not in question.answers}
        assert distractors and distractors <= others - own, question.id


def test_generated_ids_are_stable_unique_and_named_by_entry_and_kind():
    for module_id, bank in BANKS.items():
        ids = [q.id for q in bank]
        assert len(ids) == len(set(ids)), module_id
        again = module_bank(next(p for p in PLAN.modules if p.module.id == module_id), ARCHIVE)
        assert [q.id for q in again] == ids and again == bank
    for question in QUESTIONS:
        if question.template != "authored":
            match = GENERATED_ID.match(question.id)
            assert match and match["entry"] == question.entry_id and match["template"] == question.template


def test_the_checks_can_fail():
    """A stem that gives the answer away, a wrong size key and an invented number are all caught."""
    assert in_stem("Is the effect Moderate here?", "moderate") and not in_stem("moderately large", "moderate")
    assert expected_size("r", 0.28) == "Small" and expected_size("d", -0.8) == "Large"
    assert expected_size("OR", 0.5) == "Small"
    assert numbers("r = .28 (95% CI .17 to .35), 14,000 clients") == {0.28, 95, 0.17, 0.35, 14000}


def test_unsafe_size_wording_and_author_names_suppress_items():
    entry = Entry(id="2020-01-x", month="2020-01", title="X", citation=Citation(authors=(Author("Smith"),), year=2020),
                  stats=(Stat("d", 0.3, text="Smith found a large effect (d = 0.3)."),))
    other = Entry(id="2020-02-y", month="2020-02", title="Y", citation=Citation(authors=(Author("Jones"),), year=2019),
                  stats=(Stat("d", 0.9, text="d = 0.9"),))
    third = Entry(id="2020-03-z", month="2020-03", title="Z", citation=Citation(authors=(Author("Lee"),), year=2018),
                  stats=(Stat("d", 0.6, text="d = 0.6"),))
    templates = {g.template for g in itemgen.entry_items(entry, (entry, other, third))}
    assert "size" not in templates  # the text calls 0.3 large; the benchmarks say small
    study = [g for g in itemgen.entry_items(entry, (entry, other, third)) if g.template == "study"]
    assert study and "Smith" not in study[0].item.stem and study[0].id == "2020-01-x-g-study"
    assert itemgen.size_label("OR", 3.0) == "Moderate" and itemgen.size_label("RR", 3.0) is None


def test_bank_falls_back_to_the_module_entries_for_distractors():
    plan = next(p for p in PLAN.modules if p.module.id == "what-works")
    alone = module_bank(ModulePlan(Module(id="m", title="M"), plan.entries[:1]))
    assert all(q.entry_id == plan.entries[0].id for q in alone)


def test_values_the_sentence_does_not_state_give_no_items():
    unstated = Entry(id="2020-04-u", month="2020-04", title="U", citation=Citation(authors=(Author("Ng"),), year=2020),
                     stats=(Stat("SMD", 0.4, 0.1, 0.7, "The groups differed (SMD = 0.4, CI 0.2 to 0.7)."),
                            Stat("r", 0.35, text="A link was found.")))
    ids = [g.id for g in itemgen.entry_items(unstated, (unstated,))]
    assert ids == ["2020-04-u-g-SMD-1-size"]  # the CI's 0.1 is not stated; r = .35 is not stated at all


def test_citation_neighbours_are_read_once_and_only_as_far_as_needed():
    pulled = []

    def source():
        for number in range(10):
            pulled.append(number)
            yield (f"id{number}", f"Study {number}")

    remembered = itemgen._Remembered(source())
    assert [item for _, item in zip(range(3), remembered)] == [("id0", "Study 0"), ("id1", "Study 1"),
                                                               ("id2", "Study 2")]
    assert pulled == [0, 1, 2]
    assert list(remembered) == [(f"id{n}", f"Study {n}") for n in range(10)] and pulled == list(range(10))
    assert len(list(remembered)) == 10 and pulled == list(range(10))
