"""Generated quiz items (content.itemgen): hand-checked items on default entries, properties over the archive."""
from __future__ import annotations

import pathlib
import re
from dataclasses import replace

import pytest

from coursekit.archive import entryfile
from coursekit.content import itemgen
from coursekit.model import Citation, Author, Entry, Stat

ARCHIVE = sorted(pathlib.Path(__file__).parent.parent.joinpath("archive").glob("*.md"))
ENTRIES = tuple(entryfile.reads(p.read_text(encoding="utf-8"), str(p)) for p in ARCHIVE)
BY_ID = {e.id: e for e in ENTRIES}
CUT_OFF_WORDS = {"negligible", "small", "moderate", "large"}


def _items(entry_id: str) -> dict[str, itemgen.GeneratedItem]:
    return {g.id: g for g in itemgen.entry_items(BY_ID[entry_id])}


def test_direction_item_on_the_reciprocal_alliance_study():
    """Hand-checked against the 2020 entry: more symptoms before a session, a weaker alliance after it."""
    entry_id = "2020-09-the-reciprocal-relationship-between-the-alliance"
    items = [g for g in itemgen.entry_items(BY_ID[entry_id]) if g.template == "direction"]
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
    items = itemgen.entry_items(entry)
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
    stats = [("r", 0.40, "client expression"), ("d", 0.30, "therapist warmth"), ("g", 0.10, "homework")]
    entries = tuple(_entry(Stat(k, v, text=f"{k} = {v}", label=f"{p} and outcome",
                                direction=f"more {p} went with better outcome"), entry_id=f"2020-0{i}-e{i}")
                    for i, (k, v, p) in enumerate(stats, start=1))
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
