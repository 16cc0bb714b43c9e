"""Every item of every module bank of the default course: fair, correct, traceable to its reading.

The properties are re-derived here from the entries, independently of coursekit.content.itemgen, so a
wrong template or a wrong answer key makes these tests fail. Further down, the items are compared
with those of a copy of itemgen as it was before it was made faster (REFERENCE, at the end).
"""
from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

import pytest

from conftest import REPO
from coursekit.content import itemgen
from coursekit.content.citations import reference, short_citation
from coursekit.model import RATIO_KINDS, Author, Citation, Entry, Module, ModulePlan, QuizItem, Stat
from coursekit.planning.themes import load_plan
from coursekit.content.quiz import module_bank

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


# --- Generated items are exactly what the implementation before the speed-up gave -----------
#
# REFERENCE below is a copy of coursekit.content.itemgen as it was before it was made faster (commit
# 79399ff), names prefixed with old_/Old/OLD_. entry_items must give the same items (ids,
# templates, stems, options, answers, feedback, order) for the repository's archive and for
# random entries built to reach every branch: every stat kind, with and without confidence
# intervals, negative values, values written in different notations, unstated values, size words
# and author names in the sentences, odd characters in titles and names, authors shared between
# entries, entries without stats or authors, and entries that are not in the archive.

KINDS = ("d", "g", "r", "SMD", "B", "b", "OR", "RR", "IRR", "beta")
FAMILIES = ("Smith", "Ng", "O'Brien", "Müller", "Øvrebø", "van der Berg", "Σίσυφος", "ΣΟΦΙΑΣ", "İnce",
            "Lee (Jr.)", "Smith-Jones", "\u212aelvin", "True", "Large", "d", "Ng+Co", "Ünal")
TITLE_WORDS = ("Alliance", "True", "false", "LARGE", "Small", "moderately", "[Pilot]", "ΟΔΥΣΣΕΥΣ", "İstanbul",
               "r = .30", "Why + How?", "\u201cQuoted\u201d", "back\\slash", "0.28", "−.15", "Smith", "ß", "\u212a")
SENTENCE_WORDS = ("Across studies", "the effect was", "moderate", "Small", "LARGER", "strongest", "trivially",
                  "weak-to-moderate", "big", "Smith found", "Müller et al. showed", "İnce reported", "True",
                  "95% of patients", "12,000 clients", "about 0.5", "beta = 0.31", "sb = .4", "CI", "to")


def random_number_text(rng: random.Random, value: float) -> str:
    """`value` as a sentence may write it: '.28', '0.28', '0.280', '00.28', '−.28', '-0.28'..."""
    roll = rng.random()
    if roll < 0.05:  # within 1e-9 of the value, but not the same number
        text = f"{abs(value) + 4e-10:.10f}"
    else:
        text = f"{abs(value):.{rng.choice((2, 2, 3, 4))}f}" if roll < 0.85 else repr(abs(value))
    style = rng.random()
    if style < 0.3 and text.startswith("0."):
        text = text[1:]
    elif style < 0.4:
        text = "0" + text
    if value < 0 or (value == 0 and rng.random() < 0.1):
        text = rng.choice(("\u2212", "-")) + text
    return text


def random_value(rng: random.Random, kind: str) -> float:
    """A value from a small pool (so that entries share values), now and then an odd one."""
    roll = rng.random()
    if roll < 0.05:
        return rng.choice((0.0, 0.1234565, -0.2500005, 12345678.5, 0.05, 0.1, 0.15, 1.0, -0.0))
    if kind in ("OR", "RR", "IRR"):
        return round(rng.choice((0.3, 0.5, 0.8, 0.95, 1.0, 1.2, 1.5, 1.55, 2.5, 3.1, 4.3, 5.0)) + rng.choice((0, 0.01)), 2)
    return round(rng.uniform(-1.2, 1.2), rng.choice((1, 2, 2, 2, 3)))


def random_ci(rng: random.Random, value: float) -> tuple[float, float] | tuple[None, None]:
    """No confidence interval, or one around the value (now and then with 7 decimals)."""
    if rng.random() < 0.5:
        return None, None
    if rng.random() < 0.1:  # bounds with more than 6 decimals
        return round(value - 0.1234565, 7), round(value + 0.0000005, 7)
    return round(value - rng.choice((0.1, 0.3, 0.8)), 2), round(value + rng.choice((0.05, 0.2, 0.9)), 2)


def random_sentence(rng: random.Random, kind: str, value: float, low: float | None, high: float | None) -> str:
    """A sentence that states the stat (or now and then does not), with words around it."""
    words = " ".join(rng.sample(SENTENCE_WORDS, rng.randint(0, 4)))
    if rng.random() < 0.15:  # the same value, but after a letter: not this stat's statement
        words = f"{words} {rng.choice('Qq')}{kind} = {random_number_text(rng, value)}"
    if rng.random() < 0.1:
        return f"{words} {kind} was not given here."
    shown = rng.choice((f"{kind} = {{}}", f"{kind}={{}}", f"{kind} =  {{}}")).format(random_number_text(rng, value))
    if low is not None and rng.random() < 0.9:
        low_text, high_text = random_number_text(rng, low), random_number_text(rng, high)
        shown += rng.choice((f", 95% CI {low_text} to {high_text}", f", CI [{low_text}, {high_text}]",
                             f"; 95% CI: {low_text}, {high_text}", f" (CI {low_text} to {high_text})"))
    return f"{words} ({shown}), {rng.choice(SENTENCE_WORDS)}."


def random_stats(rng: random.Random) -> tuple[Stat, ...]:
    """0 to 4 stats; some share a sentence, some repeat a kind or a value."""
    stats: list[Stat] = []
    for _ in range(rng.choice((0, 1, 1, 2, 3, 4))):
        kind = rng.choice(KINDS)
        value = stats[-1].value if stats and rng.random() < 0.1 else random_value(rng, kind)
        low, high = random_ci(rng, value)
        text = random_sentence(rng, kind, value, low, high)
        if stats and rng.random() < 0.3:  # two stats in one sentence
            text = stats[-1].text[:-1] + " and " + text
        stats.append(Stat(kind, value, low, high, text))
    return tuple(stats)


def random_entry(rng: random.Random, number: int) -> Entry:
    """An entry with 0 to 4 authors from FAMILIES (so shared with other entries), maybe no year."""
    authors = tuple(Author(family, rng.choice((None, "A.", "J.-P."))) for family in
                    rng.sample(FAMILIES, rng.choice((0, 1, 1, 2, 2, 3, 4))))
    citation = Citation(authors=authors, year=rng.choice((None, 2001, 2002, 2003, 2005, 2010)), et_al=rng.random() < 0.2)
    title = " ".join(rng.sample(TITLE_WORDS, rng.randint(1, 4)))
    return Entry(id=f"2020-{number % 12 + 1:02d}-random-{number}", month=f"2020-{number % 12 + 1:02d}",
                 title=title, citation=citation, stats=random_stats(rng))


# Rare cases, written out: the number after "d =" is within 1e-9 of the value but rounds (to 6
# decimals) otherwise, so the value counts as unstated; the same for g, but the sentence states
# the value again further on; r's number is the value itself, with 7 decimals.
EDGE_STATS = (Stat("d", 0.1234565, 0.05, 0.3, "An effect (d = 0.1234565004, CI 0.05 to 0.30) was found."),
              Stat("g", 0.1234565, None, None, "Hedges' g = 0.1234565004, that is g of 0.1234565."),
              Stat("r", -0.2500005, None, None, "A negative link (r = \u2212.2500005)."))


def random_corpus(seed: int = 20240501, size: int = 400) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
    """(an archive of random entries, entries to generate items for): the archive's own entries,
    entries outside it, and entries that share an archive entry's id but not its stats."""
    rng = random.Random(seed)
    archive = tuple(random_entry(rng, number) for number in range(size))
    archive += tuple(replace(entry, id=f"2021-01-edge-{number}", stats=(stat,))
                     for number, (entry, stat) in enumerate(zip(archive, EDGE_STATS)))
    outside = tuple(random_entry(rng, number) for number in range(size, size + size // 4))
    same_id = tuple(replace(random_entry(rng, number), id=archive[number].id) for number in range(0, size, 8))
    return archive, archive + outside + same_id


RANDOM_ARCHIVE, RANDOM_ENTRIES = random_corpus()


def generated(items) -> list[tuple]:
    """Generated items (None for an item not made) as plain tuples, to compare the two
    implementations' items."""
    return [(g.id, g.template, g.item, g.shuffle) if g is not None else None for g in items]


def mismatches(archive: tuple[Entry, ...], entries: tuple[Entry, ...]) -> list[str]:
    """Ids of the entries whose items differ from the reference's, with a shared index each."""
    index, old_index = itemgen.index_archive(archive), old_index_archive(archive)
    return [entry.id for entry in entries
            if generated(itemgen.entry_items(entry, index)) != generated(old_entry_items(entry, old_index))]


def test_items_match_the_reference_on_the_archive():
    """The repository's archive, given as an index and as its entries."""
    assert not mismatches(ARCHIVE, ARCHIVE)
    for entry in ARCHIVE[:5]:  # an archive given as entries rather than as an index
        assert generated(itemgen.entry_items(entry, ARCHIVE)) == generated(old_entry_items(entry, ARCHIVE))


def test_items_match_the_reference_on_random_entries():
    """Random entries against a shared random index, and against a small one (few distractors)."""
    assert not mismatches(RANDOM_ARCHIVE, RANDOM_ENTRIES)
    small = RANDOM_ARCHIVE[:25]
    assert not mismatches(small, small + RANDOM_ENTRIES[-25:])


def test_random_entries_reach_every_template_and_the_safety_check():
    """The comparison above is only as good as the branches the random entries reach."""
    index = old_index_archive(RANDOM_ARCHIVE)
    kept = Counter(g.template for entry in RANDOM_ENTRIES for g in old_entry_items(entry, index))
    assert min(kept[t] for t in ("recall", "study", "size", "direction", "ci")) >= 20, kept
    built = [item for entry in RANDOM_ENTRIES for item in old_built_items(entry, index)]
    unsafe = Counter(item.template for item in built if not old_is_safe(item.item))
    assert sum(unsafe.values()) >= 20 and len(unsafe) >= 3, unsafe  # answers given away by stems
    assert any(not entry.stats for entry in RANDOM_ENTRIES) and any(not entry.citation.authors for entry in RANDOM_ENTRIES)
    assert any(s.ci_low is not None and s.value < 0 for entry in RANDOM_ENTRIES for s in entry.stats)
    titles = {item.item.stem for item in built if item.template == "study"}
    assert any("summarise" in stem for stem in titles) and any("finding" in stem for stem in titles)


def old_built_items(entry: Entry, archive: "OldArchiveIndex") -> list["OldGeneratedItem"]:
    """The reference's items before the safety check (`old_entry_items` without its filter)."""
    items = [old_study_item(entry, archive)]
    seen_values: set[tuple[str, str]] = set()
    for key, stat in old_stat_keys(entry):
        prefix = f"{entry.id}-g-{key}"
        items.append(old_recall_item(prefix, entry, stat, archive))
        value_key = (stat.kind, old_format_value(stat.kind, stat.value))
        if not old_stated(stat, stat.value):
            continue
        if value_key not in seen_values:
            items += [old_size_item(prefix, entry, stat), old_direction_item(prefix, stat)]
        items.append(old_ci_item(prefix, entry, stat))
        seen_values.add(value_key)
    return [item for item in items if item is not None]


@pytest.mark.parametrize("name, wrong", [("MIN_GAP", 0.04), ("CASE_FREE", frozenset("0123456789.-\u2212truefalsmd")),
                                         ("SHORT_NUMBER", 9), ("MAX_SCAN", 3)])
def test_the_comparison_can_fail(monkeypatch, name, wrong):
    """A slightly wrong itemgen (a constant changed) gives items that differ from the reference's."""
    monkeypatch.setattr(itemgen, name, wrong)
    itemgen._numbers_in.cache_clear()
    try:
        assert mismatches(RANDOM_ARCHIVE, RANDOM_ENTRIES)
    finally:
        itemgen._numbers_in.cache_clear()


def test_helpers_match_the_reference():
    """The public helpers that entry_items builds on give what they gave before, for any count."""
    index, old_index = itemgen.index_archive(RANDOM_ARCHIVE), old_index_archive(RANDOM_ARCHIVE)
    for entry in RANDOM_ENTRIES:
        for stat in entry.stats:
            for count in range(5):
                assert (itemgen.distractor_values(entry, stat, index, count)
                        == old_distractor_values(entry, stat, old_index, count))
            assert itemgen.masked_sentence(stat) == old_masked_sentence(stat)
            assert itemgen.size_words(stat.text) == old_size_words(stat.text)
            assert itemgen.stated(stat, stat.value) == itemgen.states_value(stat) == old_stated(stat, stat.value)
            assert itemgen.size_label(stat.kind, stat.value) == old_size_label(stat.kind, stat.value)
        assert generated([itemgen.study_item(entry, index)]) == generated([old_study_item(entry, old_index)])
    for item in (g.item for entry in RANDOM_ENTRIES for g in old_built_items(entry, old_index)):
        assert itemgen.is_safe(item) == old_is_safe(item)


def test_numbers_are_read_as_before():
    """NUMBERS finds what NUMBER finds; a number of up to SHORT_NUMBER characters needs no rounding."""
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice("-\u2212.0123456789 a=\u0663e,") for _ in range(rng.randint(0, 14)))
        assert itemgen.NUMBERS.findall(text) == re.findall(itemgen.NUMBER, text), text
        for number in itemgen.NUMBERS.findall(text.replace("\u2212", "-")):
            if len(number) <= itemgen.SHORT_NUMBER:
                assert abs(float(number)) == round(abs(float(number)), 6), number


def test_case_free_characters_are_their_own_lowercase_only():
    """No character lowers to a CASE_FREE one but that character itself, and none lowers to
    nothing: a value as shown is in a stem's lowercase exactly where it is in the stem."""
    for code in range(0x110000):
        character = chr(code)
        lowered = character.lower()
        assert lowered, hex(code)
        if itemgen.CASE_FREE.intersection(lowered):
            assert lowered == character, hex(code)


# --- REFERENCE: coursekit.content.itemgen as of commit 79399ff, before it was made faster ----------------
# Copied unchanged but for the names (old_/Old/OLD_ prefixes). Do not edit: it is what the
# faster implementation is compared with.

# The usual benchmarks (small, moderate, large), applied to the absolute value:
#   d, g, SMD (standardised mean differences): 0.2, 0.5, 0.8 (Cohen, 1988)
#   r (correlation): .1, .3, .5 (Cohen, 1988)
#   OR (odds ratio): 1.5, 2.5, 4.3 (Chen, Cohen & Chen, 2010); an OR below 1 is judged by 1/OR
OLD_SIZE_BENCHMARKS: dict[str, tuple[float, float, float]] = {
    "d": (0.2, 0.5, 0.8), "g": (0.2, 0.5, 0.8), "SMD": (0.2, 0.5, 0.8),
    "r": (0.1, 0.3, 0.5),
    "OR": (1.5, 2.5, 4.3),
}
OLD_SIZE_LABELS = ("Negligible", "Small", "Moderate", "Large")
# Words an entry may use about an effect's size, and the label each one means. "larger",
# "stronger" and the like count as well: an item is skipped rather than risk contradicting the text.
OLD_SIZE_WORDS = {
    "negligible": "Negligible", "trivial": "Negligible",
    "small": "Small", "smaller": "Small", "modest": "Small", "weak": "Small", "weaker": "Small",
    "moderate": "Moderate", "moderately": "Moderate", "medium": "Moderate",
    "large": "Large", "larger": "Large", "big": "Large", "strong": "Large", "stronger": "Large",
    "strongest": "Large", "substantial": "Large", "substantially": "Large",
}
OLD_NO_LEADING_ZERO = ("r", "beta")  # bounded by 1, so APA style drops the leading zero
OLD_NUMBER = r"[-\u2212]?(?:\d+(?:\.\d+)?|\.\d+)"
OLD_GAP = "___"
OLD_MIN_GAP = 0.05  # a distractor differs from the answer by at least this much
OLD_DIRECTION_OPTIONS = (
    "Higher scores on one measure tended to go with higher scores on the other",
    "Higher scores on one measure tended to go with lower scores on the other",
    "The two measures were unrelated",
    "One measure was shown to cause the change in the other",
)


@dataclass(frozen=True)
class OldGeneratedItem:
    id: str
    template: str
    item: QuizItem
    shuffle: bool = True


@functools.lru_cache(maxsize=4096)
def old_format_value(kind: str, value: float) -> str:
    """A stat value as a reader expects it: '.28' for r, '0.45' for d, '−0.52' with a minus sign."""
    digits = max(2, old_decimals(value))
    text = f"{abs(value):.{digits}f}"
    if kind in OLD_NO_LEADING_ZERO and text.startswith("0."):
        text = text[1:]
    return ("\u2212" if value < 0 else "") + text


def old_decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def old_number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def old_size_label(kind: str, value: float) -> str | None:
    """'Negligible', 'Small', 'Moderate' or 'Large' by OLD_SIZE_BENCHMARKS; None for other kinds."""
    if kind not in OLD_SIZE_BENCHMARKS:
        return None
    magnitude = abs(value)
    if kind in RATIO_KINDS:
        if value <= 0:
            return None
        magnitude = value if value >= 1 else 1 / value
    passed = sum(magnitude >= benchmark for benchmark in OLD_SIZE_BENCHMARKS[kind])
    return OLD_SIZE_LABELS[passed]


def old_answer_in_stem(stem: str, answer: str) -> bool:
    """True when the answer appears in the stem as a whole word or phrase, in any case."""
    stem, answer = stem.lower(), answer.lower()
    return answer in stem and re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", stem) is not None


def old_is_safe(item: QuizItem) -> bool:
    """Unique options, at least one answer among them, and no answer given away by the stem."""
    return (len(item.options) >= 2 and len(set(item.options)) == len(item.options)
            and bool(item.answers) and set(item.answers) <= set(item.options)
            and not any(old_answer_in_stem(item.stem, answer) for answer in item.answers))


def old_stated(stat: Stat, *values: float) -> bool:
    """True when the stat's own sentence states every value (so an item never shows an unstated number)."""
    found = old_numbers_in(stat.text)
    return all(round(abs(value), 6) in found for value in values)


@functools.lru_cache(maxsize=4096)
def old_numbers_in(sentence: str) -> frozenset[float]:
    return frozenset(round(abs(old_number(n)), 6) for n in re.findall(OLD_NUMBER, sentence))


def old_stat_keys(entry: Entry) -> list[tuple[str, Stat]]:
    """Each stat with its stable key '<kind>-<n>' (n counts stats of that kind from 1)."""
    counts: dict[str, int] = {}
    keyed = []
    for stat in entry.stats:
        counts[stat.kind] = counts.get(stat.kind, 0) + 1
        keyed.append((f"{stat.kind}-{counts[stat.kind]}", stat))
    return keyed


def old_entry_items(entry: Entry, archive: "tuple[Entry, ...] | OldArchiveIndex") -> tuple[OldGeneratedItem, ...]:
    """All generated items of one entry, in a fixed order; `archive` supplies the distractors."""
    return tuple(item for item in old_built_items(entry, old_index_archive(archive)) if old_is_safe(item.item))


# --- recall: which value goes in the gap ---------------------------------------------------

OLD_CI_TO = re.compile(rf"\bCI\s+{OLD_NUMBER}\s+to\s+{OLD_NUMBER}")


def old_masked_sentence(stat: Stat) -> str | None:
    """The stat's sentence with its value blanked and any confidence interval hidden."""
    for match in old_stated_value(stat.kind).finditer(stat.text):
        if abs(old_number(match.group(1)) - stat.value) < 1e-9:
            masked = stat.text[:match.start(1)] + OLD_GAP + stat.text[match.end(1):]
            return OLD_CI_TO.sub("CI \u2026 to \u2026", masked)
    return None


@functools.lru_cache(maxsize=None)
def old_stated_value(kind: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z]){re.escape(kind)}\s*=\s*({OLD_NUMBER})")


def old_distractor_values(entry: Entry, stat: Stat, archive: "OldArchiveIndex", count: int = 3) -> list[float]:
    """Values of the same kind from other entries, none equal to any of this entry's values, nearest first."""
    own = {old_format_value(stat.kind, s.value) for s in entry.stats if s.kind == stat.kind}
    candidates = archive.values.get(stat.kind, ())
    picked: dict[str, float] = {}
    for value, shown in old_nearest_first(candidates, stat.value):
        if (shown not in own and shown not in picked and abs(value - stat.value) >= OLD_MIN_GAP
                and old_reported_by_another(archive.reported[(stat.kind, shown)], entry.id)):
            picked[shown] = value
            if len(picked) == count:
                break
    return list(picked.values())


def old_reported_by_another(reporters: frozenset[str], entry_id: str) -> bool:
    return len(reporters) > 1 or entry_id not in reporters


def old_nearest_first(candidates: tuple[tuple[float, str], ...], target: float):
    """Candidates (sorted by value) in order of distance from `target`; on a tie the smaller value first."""
    right = bisect.bisect_left(candidates, (target,))
    left = right - 1
    while left >= 0 or right < len(candidates):
        take_left = right >= len(candidates) or (
            left >= 0 and abs(candidates[left][0] - target) <= abs(candidates[right][0] - target))
        if take_left:
            yield candidates[left]
            left -= 1
        else:
            yield candidates[right]
            right += 1


def old_recall_item(prefix: str, entry: Entry, stat: Stat, archive: "OldArchiveIndex") -> OldGeneratedItem | None:
    masked = old_masked_sentence(stat)
    if masked is None:
        return None
    distractors = old_distractor_values(entry, stat, archive)
    if len(distractors) < 2:
        return None
    answer = old_format_value(stat.kind, stat.value)
    values = sorted([stat.value, *distractors])
    stem = f"Which value fills the gap? In the reading \u201c{entry.title}\u201d: \u201c{masked}\u201d"
    feedback = (f"The study reports {stat.kind} = {answer}. The sentence in full: \u201c{stat.text}\u201d "
                f"The other options are {stat.kind} values that other readings in the archive report.")
    item = QuizItem(stem=stem, options=tuple(old_format_value(stat.kind, v) for v in values), answers=(answer,),
                    feedback=feedback, difficulty="medium")
    return OldGeneratedItem(f"{prefix}-recall", "recall", item, shuffle=False)


# --- study: which study found this ---------------------------------------------------------

def old_first_author(entry: Entry) -> str:
    return entry.citation.authors[0].family.lower() if entry.citation.authors else ""


# How many neighbouring studies to consider for distractors: bounds the work on a large archive.
OLD_MAX_SCAN = 200


def old_other_citations(neighbours: Iterable[tuple[str, str]], archive: "OldArchiveIndex", stat: Stat | None,
                    count: int = 3) -> list[str]:
    """Short citations of other studies, nearest in year first (`old_citation_neighbours`), that do not report `stat`."""
    reporting = archive.reported.get((stat.kind, old_format_value(stat.kind, stat.value)), frozenset()) if stat else ()
    picked: list[str] = []
    for other_id, cited in neighbours:
        if cited in picked or other_id in reporting:
            continue
        picked.append(cited)
        if len(picked) == count:
            break
    return picked


def old_citation_neighbours(entry: Entry, archive: "OldArchiveIndex") -> Iterable[tuple[str, str]]:
    """(id, short citation) of the OLD_MAX_SCAN studies nearest in year, less those that cannot be a
    distractor for this entry: itself, its own citation, and studies with the same first author.
    Read lazily, and only once however often it is iterated (once for each of the entry's stats)."""
    answer, first_author = short_citation(entry), old_first_author(entry)
    scanned = itertools.islice(old_by_year_distance(archive, entry.citation.year or 0), OLD_MAX_SCAN)
    return OldRemembered((other_id, cited) for other_id, cited, author in scanned
                       if other_id != entry.id and cited != answer and author != first_author)


class OldRemembered:
    """An iterator's items, each computed once, when the first reader gets that far."""

    def __init__(self, items: Iterator[tuple[str, str]]):
        self._items = items
        self._seen: list[tuple[str, str]] = []

    def __iter__(self) -> Iterator[tuple[str, str]]:
        index = 0
        while True:
            if index == len(self._seen):
                item = next(self._items, None)
                if item is None:
                    return
                self._seen.append(item)
            yield self._seen[index]
            index += 1


def old_by_year_distance(archive: "OldArchiveIndex", year: int):
    """(id, short citation, first author) of cited entries by distance in years from `year`, then id."""
    years = archive.years
    right = bisect.bisect_left(years, year)
    left = right - 1
    while left >= 0 or right < len(years):
        distance = min(abs(years[left] - year) if left >= 0 else 10**9,
                       abs(years[right] - year) if right < len(years) else 10**9)
        tied = []  # at most two years, each sorted by id already
        while left >= 0 and abs(years[left] - year) == distance:
            tied.append(archive.cited[years[left]])
            left -= 1
        while right < len(years) and abs(years[right] - year) == distance:
            tied.append(archive.cited[years[right]])
            right += 1
        yield from heapq.merge(*tied)


@dataclass(frozen=True)
class OldArchiveIndex:
    """What item generation asks of the whole archive, computed once.

    `values`: stat kind -> the distinct (value, value as shown), sorted by value; `reported`:
    (kind, value as shown) -> ids of entries reporting it; `years`/`cited`: the publication years of
    entries with authors, and per year their (id, short citation, first author in lowercase), sorted.
    """

    values: dict[str, tuple[tuple[float, str], ...]]
    reported: dict[tuple[str, str], frozenset[str]]
    years: tuple[int, ...]
    cited: dict[int, tuple[tuple[str, str, str], ...]]


def old_index_archive(archive: "tuple[Entry, ...] | OldArchiveIndex") -> OldArchiveIndex:
    if isinstance(archive, OldArchiveIndex):
        return archive
    values: dict[str, set[tuple[float, str]]] = {}
    reported: dict[tuple[str, str], set[str]] = {}
    cited: dict[int, list[tuple[str, str, str]]] = {}
    for entry in archive:
        for stat in entry.stats:
            shown = old_format_value(stat.kind, stat.value)
            values.setdefault(stat.kind, set()).add((stat.value, shown))
            reported.setdefault((stat.kind, shown), set()).add(entry.id)
        if entry.citation.authors:
            cited.setdefault(entry.citation.year or 0, []).append((entry.id, short_citation(entry), old_first_author(entry)))
    return OldArchiveIndex(values={k: tuple(sorted(v)) for k, v in values.items()},
                        reported={k: frozenset(v) for k, v in reported.items()},
                        years=tuple(sorted(cited)),
                        cited={y: tuple(sorted(v)) for y, v in cited.items()})


def old_names_authors(entry: Entry, text: str) -> bool:
    return any(old_answer_in_stem(text, author.family) for author in entry.citation.authors)


def old_study_item(entry: Entry, archive: "OldArchiveIndex") -> OldGeneratedItem | None:
    """Which study reported the entry's first stat that does not name its authors; else its title."""
    if not entry.citation.authors:
        return None
    answer, neighbours = short_citation(entry), old_citation_neighbours(entry, archive)
    for key, stat in old_stat_keys(entry):
        distractors = old_other_citations(neighbours, archive, stat)
        if not old_names_authors(entry, stat.text) and len(distractors) >= 2:
            stem = f"Which study reported this finding? \u201c{stat.text}\u201d"
            return old_study(f"{entry.id}-g-{key}-study", entry, stem, answer, distractors, True)
    distractors = old_other_citations(neighbours, archive, None)
    if len(distractors) < 2 or old_names_authors(entry, entry.title):
        return None
    stem = f"Which study does the reading \u201c{entry.title}\u201d summarise?"
    return old_study(f"{entry.id}-g-study", entry, stem, answer, distractors, False)


def old_study(item_id: str, entry: Entry, stem: str, answer: str, distractors: list[str],
           about_finding: bool) -> OldGeneratedItem:
    others = "none of them reports this finding" if about_finding else "each of them is a different study"
    feedback = (f"The reading \u201c{entry.title}\u201d summarises {answer}. The other options are studies "
                f"that other readings of the archive summarise; {others}.")
    item = QuizItem(stem=stem, options=tuple(sorted([answer, *distractors])), answers=(answer,),
                    feedback=feedback, difficulty="hard" if about_finding else "easy")
    return OldGeneratedItem(item_id, "study", item)


# --- size: small, moderate or large by the usual benchmarks --------------------------------

def old_size_words(text: str) -> set[str]:
    """The size labels that the words of `text` imply ('moderately large' gives two)."""
    return {OLD_SIZE_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in OLD_SIZE_WORDS}


def old_benchmarks_text(kind: str) -> str:
    small, moderate, large = (old_format_value(kind, b) for b in OLD_SIZE_BENCHMARKS[kind])
    return f"small from {small}, moderate from {moderate}, large from {large}"


def old_size_reason(kind: str, value: float, label: str) -> str:
    position = OLD_SIZE_LABELS.index(label)
    if position == 0:
        reason = "its size is below the small benchmark"
    elif position == len(OLD_SIZE_LABELS) - 1:
        reason = "its size reaches the large benchmark"
    else:
        reason = f"its size reaches the {label.lower()} benchmark but not the {OLD_SIZE_LABELS[position + 1].lower()} one"
    if kind in RATIO_KINDS and value < 1:
        reason += " (an odds ratio below one is judged by its reciprocal)"
    elif value < 0:
        reason += " (the minus sign gives the direction; the size is judged without it)"
    return reason


def old_size_item(prefix: str, entry: Entry, stat: Stat) -> OldGeneratedItem | None:
    """Generated only when the entry's own wording uses no size word, or only this label's."""
    label = old_size_label(stat.kind, stat.value)
    worded = old_size_words(stat.text) if label is not None else set()
    if label is None or worded - {label}:
        return None
    shown = f"{stat.kind} = {old_format_value(stat.kind, stat.value)}"
    finding = "" if worded else f" The finding: \u201c{stat.text}\u201d"
    stem = (f"The reading \u201c{entry.title}\u201d reports {shown}.{finding} Going by the usual benchmarks "
            f"for {stat.kind}, how big is this effect?")
    feedback = (f"The usual benchmarks for {stat.kind} are {old_benchmarks_text(stat.kind)}. {shown} counts as "
                f"{label.lower()}: {old_size_reason(stat.kind, stat.value, label)}. Benchmarks are rough guides: "
                f"what an effect means for patients also depends on the outcome and the comparison.")
    item = QuizItem(stem=stem, options=OLD_SIZE_LABELS, answers=(label,), feedback=feedback, difficulty="easy")
    return OldGeneratedItem(f"{prefix}-size", "size", item, shuffle=False)


# --- direction: what the sign of a correlation says ----------------------------------------

def old_direction_item(prefix: str, stat: Stat) -> OldGeneratedItem | None:
    if stat.kind != "r" or abs(stat.value) < OLD_SIZE_BENCHMARKS["r"][0]:
        return None
    shown = f"r = {old_format_value('r', stat.value)}"
    positive = stat.value > 0
    stem = f"A reading reports: \u201c{stat.text}\u201d What does {shown} say about the direction of the association?"
    meaning = ("positive, so the two measures tended to rise together" if positive
               else "negative, so as one measure rose the other tended to fall")
    feedback = (f"The sign of {shown} is {meaning}. A correlation alone does not show which measure "
                f"influences the other, and an r of zero would mean no linear association.")
    item = QuizItem(stem=stem, options=OLD_DIRECTION_OPTIONS, answers=(OLD_DIRECTION_OPTIONS[0 if positive else 1],),
                    feedback=feedback, difficulty="easy")
    return OldGeneratedItem(f"{prefix}-direction", "direction", item)


# --- ci: true or false, does the interval rule out no effect -------------------------------

def old_ci_item(prefix: str, entry: Entry, stat: Stat) -> OldGeneratedItem | None:
    if stat.ci_low is None or stat.ci_high is None or not old_stated(stat, stat.ci_low, stat.ci_high):
        return None
    null, null_word = (1.0, "one") if stat.kind in RATIO_KINDS else (0.0, "zero")
    excludes = stat.ci_low > null or stat.ci_high < null
    low, high = old_format_value(stat.kind, stat.ci_low), old_format_value(stat.kind, stat.ci_high)
    shown = f"{stat.kind} = {old_format_value(stat.kind, stat.value)}"
    stem = (f"Decide whether this statement holds. The reading \u201c{entry.title}\u201d reports {shown} with a "
            f"confidence interval from {low} to {high}, so the data rule out that there is no effect at all.")
    if excludes:
        side = "above" if stat.ci_low > null else "below"
        feedback = (f"Every value in the interval, from {low} to {high}, lies {side} {null_word}, the value that "
                    f"means no effect, so chance alone is an unlikely explanation. How large the effect really "
                    f"is remains uncertain within that range.")
    else:
        feedback = (f"The interval, from {low} to {high}, includes {null_word}, the value that means no effect, "
                    f"so the data are also compatible with no effect at all. Treat the finding as uncertain "
                    f"rather than as an established effect.")
    item = QuizItem(stem=stem, options=("True", "False"), answers=("True" if excludes else "False",),
                    feedback=feedback, difficulty="hard")
    return OldGeneratedItem(f"{prefix}-ci", "ci", item, shuffle=False)
