"""Generated quiz items (content.itemgen): hand-checked items on default entries, properties over the archive."""
from __future__ import annotations

import pathlib
import re
from dataclasses import replace

import pytest

from coursekit.archive import entryfile
from coursekit.content import itemgen
from coursekit.model import Citation, Author, Entry, QuizItem, Stat

ARCHIVE = sorted(pathlib.Path(__file__).parent.parent.joinpath("archive").glob("*.md"))
ENTRIES = tuple(entryfile.reads(p.read_text(encoding="utf-8"), str(p)) for p in ARCHIVE)
BY_ID = {e.id: e for e in ENTRIES}
CUT_OFF_WORDS = {"negligible", "small", "moderate", "large"}


def _items(entry_id: str) -> dict[str, itemgen.GeneratedItem]:
    return {g.id: g for g in itemgen.entry_items(BY_ID[entry_id])}


def _direction_items(entry: Entry) -> list[itemgen.GeneratedItem]:
    """Direction items from every statistic, written items aside (the archive's written items cover many)."""
    made = (itemgen.direction_item(entry, stat, n) for n, stat in enumerate(entry.stats, start=1))
    return [g for g in made if g]


def test_direction_item_on_the_reciprocal_alliance_study():
    """Hand-checked against the 2020 entry: more symptoms before a session, a weaker alliance after it."""
    entry_id = "2020-09-the-reciprocal-relationship-between-the-alliance"
    items = _direction_items(BY_ID[entry_id])
    assert items, "the entry's directional findings give direction items"
    for g in items:
        stat = BY_ID[entry_id].stats[g.stat]
        key = g.item.answers[0]
        assert key.lower() == stat.direction.lower()
        assert stat.label in g.item.stem and "Flückiger" in g.item.stem
        flips = [o for o in g.item.options if o != key and not o.startswith("No reliable")]
        assert len(flips) == 1 and flips[0].split()[:-1] != key.split()[:-1] or flips[0] != key
        assert stat.text in g.item.feedback  # the numbers exactly as the source prints them
        assert g.item.feedback.endswith(f"See the reading: {BY_ID[entry_id].title}.")


def test_null_finding_keys_no_reliable_difference_and_offers_both_directions():
    entry = BY_ID["2020-07-is-the-therapeutic-alliance-diminished-by-videoconferencing"]
    items = _direction_items(entry)
    nulls = [g for g in items if g.item.answers[0].startswith("No reliable difference")]
    assert nulls
    for g in nulls:
        others = [o for o in g.item.options if o not in g.item.answers]
        assert sorted(o.split()[-1] if "did" not in o else o.split(" did ")[1].split()[0] for o in others) \
            == ["better", "worse"]
        assert g.item.difficulty == "hard"


def test_cbt_versus_other_psychotherapies_keeps_zero_as_printed():
    entry = BY_ID["2023-02-cognitive-behavior-therapy-vs-control-conditions-and-other"]
    for g in itemgen.entry_items(entry):
        assert "0.00" not in g.item.feedback


def test_flipped_turns_the_last_polarity_word():
    assert itemgen.flipped("higher symptoms went with lower alliance") == "higher symptoms went with higher alliance"
    assert itemgen.flipped("compared with controls, therapy led to fewer symptoms") == \
        "compared with controls, therapy led to more symptoms"
    assert itemgen.flipped("no polarity here") == ""


def _entry(*stats: Stat, entry_id: str = "2020-01-x", month: str = "2020-01") -> Entry:
    return Entry(id=entry_id, month=month, title=f"Reading {entry_id}", stats=stats,
                 citation=Citation(authors=(Author("Smith"),), year=2020))


def test_no_label_no_item():
    assert itemgen.entry_items(_entry(Stat("r", 0.3, 0.1, 0.5, "r = .30", direction="more x went with more y"))) == ()


def test_direction_contradicted_by_its_interval_gives_no_item():
    stat = Stat("d", 0.3, -0.1, 0.6, "d = 0.30", label="x and outcome", direction="more x went with better outcome")
    assert itemgen.entry_items(_entry(stat)) == ()
    assert itemgen.entry_items(_entry(replace(stat, ci_low=0.1)))


def test_size_item_keys_the_source_word_not_a_benchmark():
    # d = 0.45 is "small" by Cohen's benchmarks; the source says moderate, so the key is Moderate.
    stat = Stat("d", 0.45, text="a moderate effect (d = 0.45)", label="x and outcome", verdict="moderate")
    (g,) = itemgen.entry_items(_entry(stat))
    assert g.template == "size" and g.item.answers == ("Moderate",) and g.item.difficulty == "easy"
    assert g.item.options == ("Negligible", "Small", "Moderate", "Large") and not g.shuffle
    assert itemgen.entry_items(_entry(replace(stat, verdict="moderate to large"))) == ()
    assert itemgen.entry_items(_entry(replace(stat, verdict=""))) == ()


def test_comparison_within_a_module_on_one_scale():
    stats = [("r", 0.40, "client expression", "large"), ("d", 0.30, "therapist warmth", "moderate"),
             ("g", 0.10, "homework", "small")]
    entries = tuple(_entry(Stat(k, v, text=f"{k} = {v}", label=f"{p} and outcome", verdict=w,
                                direction=f"more {p} went with better outcome"), entry_id=f"2020-0{i}-e{i}")
                    for i, (k, v, p, w) in enumerate(stats, start=1))
    (g,) = itemgen.module_items(entries)
    assert g.item.answers == ("Client expression",)  # r = .40 is d = 0.87
    assert g.id == "2020-01-e1-g-compare-1" and g.item.difficulty == "hard"
    close = entries[:1] + (replace(entries[1], stats=(replace(entries[1].stats[0], value=0.80),)),) + entries[2:]
    assert itemgen.module_items(close) == ()  # 0.87 against 0.80: a coin toss
    betas = tuple(replace(e, stats=(replace(e.stats[0], kind="B"),)) for e in entries)
    assert itemgen.module_items(betas) == ()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_properties_over_the_archive(entry):
    items = itemgen.entry_items(entry)
    assert items == itemgen.entry_items(entry)  # pure and reproducible
    assert len({g.id for g in items}) == len(items)
    assert len({g.stat for g in items}) == len(items)  # no two items on one statistic
    for g in items:
        assert re.fullmatch(rf"{re.escape(entry.id)}-g-(direction|size)-\d+", g.id)
        stat = entry.stats[g.stat]
        assert stat.label, "no item without a label"
        assert set(g.item.answers) <= set(g.item.options)
        if g.template == "size":
            assert g.item.answers[0].lower() == stat.verdict.lower()
        assert not (CUT_OFF_WORDS & {a.lower() for a in g.item.answers}) or g.template == "size"


def test_stem_names_the_reading_by_title_when_the_citation_has_no_year():
    entry = BY_ID["2020-07-is-the-therapeutic-alliance-diminished-by-videoconferencing"]  # Norwood et al., no year
    assert entry.citation.year is None
    items = _direction_items(entry)
    assert items
    for g in items:
        assert "n.d." not in g.item.stem and entry.title in g.item.stem
    dated = _direction_items(replace(entry, citation=replace(entry.citation, year=2020)))
    assert all("Norwood et al. (2020)" in g.item.stem for g in dated)


def test_feedback_says_what_the_finding_means_for_practice():
    link = Stat("r", 0.3, 0.1, 0.5, "r = .30", label="therapist warmth and outcome",
                direction="more therapist warmth went with better outcome")
    (g,) = itemgen.entry_items(_entry(link))
    assert ("So it is worth attending to therapist warmth for outcome; it is a correlation, so it does not show "
            "that more therapist warmth would bring about better outcome.") in g.item.feedback
    (tentative,) = itemgen.entry_items(_entry(replace(link, text="r = .30; warmth seemed to matter")))
    assert "So it may be worth attending to therapist warmth for outcome" in tentative.item.feedback
    null = Stat("g", 0.06, -0.05, 0.12, "g = 0.06", label="CBT versus other therapies", direction="no reliable difference")
    (n,) = itemgen.entry_items(_entry(null))
    assert "So the data give no support for expecting CBT to do better than other therapies" in n.item.feedback
    for entry in ENTRIES:  # every generated item, on every labelled finding, carries the sentence
        for g in _direction_items(entry):
            assert itemgen.practice_meaning(entry.stats[g.stat]) in g.item.feedback


def test_a_written_item_covers_a_statistic_through_its_feedback():
    stat = Stat("d", 0.30, 0.1, 0.5, "d = 0.30", label="homework and outcome",
                direction="more homework went with better outcome")
    written = QuizItem("Which statement holds?", ("A", "B", "C"), ("A",), "Homework helped (d = 0.30).")
    assert itemgen.entry_items(replace(_entry(stat), quiz=(written,))) == ()
    by_label = replace(written, feedback="The reading links homework and outcome.")
    assert itemgen.entry_items(replace(_entry(stat), quiz=(by_label,))) == ()
    unrelated = replace(written, feedback="Something else (d = 0.80).")
    assert len(itemgen.entry_items(replace(_entry(stat), quiz=(unrelated,)))) == 1


def _module(*findings: tuple[str, float, str, str]) -> tuple[Entry, ...]:
    return tuple(_entry(Stat("d", v, text=f"d = {v}", label=f"{p} and outcome", verdict=w, population=pop,
                             direction=f"more {p} went with better outcome"), entry_id=f"2020-0{i}-e{i}")
                 for i, (p, v, w, pop) in enumerate(findings, start=1))


def test_comparison_needs_different_verdict_words():
    differing = _module(("warmth", 0.9, "large", ""), ("homework", 0.5, "moderate", ""), ("humour", 0.1, "small", ""))
    assert len(itemgen.module_items(differing)) == 1
    same = _module(("warmth", 0.9, "statistically significant, moderately large", ""),
                   ("homework", 0.5, "moderately large", ""), ("humour", 0.1, "small", ""))
    assert itemgen.module_items(same) == ()


def test_comparison_never_lets_a_subgroup_stand_for_the_overall_link():
    subgroup = _module(("warmth", 0.9, "large", "treatment of depression"), ("homework", 0.5, "moderate", ""),
                       ("humour", 0.1, "small", ""))
    assert itemgen.module_items(subgroup) == ()
    whole_sample = replace(subgroup[0], stats=(replace(subgroup[0].stats[0], population="adult outpatients"),))
    assert len(itemgen.module_items((whole_sample,) + subgroup[1:])) == 1
    beside_overall = replace(whole_sample, stats=whole_sample.stats + (
        Stat("d", 0.05, text="d = 0.05", label="warmth and outcome", direction="no reliable link"),))
    assert itemgen.module_items((beside_overall,) + subgroup[1:]) == ()
