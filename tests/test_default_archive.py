"""The default archive: 30 entries from the five seed pages, written in our own words."""
from __future__ import annotations

import dataclasses
import re

import pytest
import seedcheck
from conftest import REPO, SEEDS

from coursekit.archive.readers import read_archive
from coursekit.content import itemgen
from coursekit.planning.config import blog_topics, load_course
from coursekit.planning.themes import plan_course

ARCHIVE = read_archive(REPO / "archive", base=REPO)
REQUIRED_MODULES = {"alliance", "therapist-factors", "negative-effects", "treatment-length"}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}")


def test_thirty_entries_read_without_problems():
    assert ARCHIVE.problems == ()
    assert len(ARCHIVE.entries) == 30


@pytest.mark.parametrize("entry", ARCHIVE.entries, ids=lambda e: e.id)
def test_entry_is_complete_for_teaching(entry):
    assert len(entry.quiz) >= 2 and len(entry.prompts) >= 1
    assert entry.summary and entry.implications
    assert set(entry.topics) <= set(blog_topics()) and entry.topics
    body = " ".join(entry.summary + entry.implications)
    for stat in entry.stats:
        assert stat.text in body, f"{stat.kind}={stat.value}: its sentence is not in the summary"
    for item in entry.quiz:
        assert len(set(item.options)) == len(item.options)
        assert all(answer.lower() not in item.stem.lower() for answer in item.answers)


@needs_seeds
def test_titles_and_months_are_the_pages_own():
    pages = seedcheck.seed_text()
    months = "January February March April May June July August September October November December".split()
    for entry in ARCHIVE.entries:
        assert f"\n{entry.title}\n" in pages, entry.title
        year, month = entry.month.split("-")
        assert f"\n{months[int(month) - 1]} {year}\n" in pages


@needs_seeds
@pytest.mark.parametrize("path", sorted((REPO / "archive").glob("*.md")), ids=lambda p: p.stem)
def test_written_in_our_own_words_with_the_pages_numbers(path):
    seed = seedcheck.seed_text()
    text = seedcheck.prose_of(path)
    assert seedcheck.copied_runs(text, seedcheck.runs(seed)) == []
    assert seedcheck.unknown_numbers(text, seedcheck.numbers(seed)) == []


@needs_seeds
def test_dois_are_printed_on_the_pages():
    pages = seedcheck.seed_text()
    for entry in ARCHIVE.entries:
        if entry.citation.doi:
            assert entry.citation.doi in pages, entry.id


def test_every_entry_is_in_a_module_or_further_reading():
    course = load_course(REPO / "course.yml")
    assert REQUIRED_MODULES <= {m.id for m in course.modules}
    plan = plan_course(course, ARCHIVE.entries)
    placed = {e.id for p in plan.modules for e in p.entries} | {e.id for e in plan.further_reading}
    assert placed == {e.id for e in ARCHIVE.entries}
    for module_plan in plan.modules:
        assert module_plan.entries, f"module {module_plan.module.id} has no readings"


def test_seedcheck_catches_copying():
    """The checks above can fail: a copied run and an invented number are both found."""
    seed = "the quick brown fox jumps over the lazy dog and then runs far away today 42"
    copied = "As noted, the quick brown fox jumps over the lazy dog and then runs far away."
    assert seedcheck.copied_runs(copied, seedcheck.runs(seed))
    assert seedcheck.unknown_numbers("it was 43", seedcheck.numbers(seed)) == ["43"]
    assert re.fullmatch(r"\d+", seedcheck.unknown_numbers("it was 42 and 7", seedcheck.numbers(seed))[0])


@pytest.mark.parametrize("entry", [e for e in ARCHIVE.entries if e.stats], ids=lambda e: e.id)
def test_every_reading_with_an_effect_size_publishes_a_reviewed_generated_item(entry):
    """Generated items are drafts until reviewed; every reading that reports an effect size has had
    its drafts reviewed: at least one accepted, or each one rejected (a written item tests the same
    finding better), or none drafted because every statistic sits by a benchmark, where no size may
    be asked."""
    assert all(stat.label and stat.direction for stat in entry.stats)
    possible = {g.id for g in itemgen.entry_items(dataclasses.replace(entry, quiz=()))}
    accepted = {item.generated for item in entry.quiz if item.generated}
    assert accepted <= possible and set(entry.rejected) <= possible  # ids the generator makes
    if not possible:
        assert all(itemgen.near_benchmark(stat) for stat in entry.stats)
    else:
        assert accepted or set(entry.rejected) == possible
