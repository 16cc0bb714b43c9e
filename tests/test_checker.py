"""The item checker (content.checker): each warning on a hand-made bad item, and the default archive."""
from __future__ import annotations

import pathlib
from dataclasses import replace

import pytest

from coursekit.archive import entryfile
from coursekit.content import itemgen
from coursekit.content.checker import check_items, item_problems
from coursekit.model import Entry, QuizItem, Stat

ARCHIVE = sorted(pathlib.Path(__file__).parent.parent.joinpath("archive").glob("*.md"))
GOOD = QuizItem("How did the alliance relate to outcome in the meta-analysis?",
                ("A stronger alliance went with better outcome", "A stronger alliance went with worse outcome",
                 "No reliable link between the alliance and outcome"),
                ("A stronger alliance went with better outcome",), "Because. See the reading.")


def _entry(*items: QuizItem, stats: tuple[Stat, ...] = ()) -> Entry:
    return Entry(id="2020-01-x", month="2020-01", title="X", quiz=items, stats=stats, source_path="archive/x.md")


def test_a_good_item_passes():
    assert item_problems(GOOD) == []
    assert check_items(_entry(GOOD)) == []


def test_key_not_among_options():
    bad = QuizItem(GOOD.stem, GOOD.options, ("Something else",), GOOD.feedback)
    assert any("not among the options" in p for p in item_problems(bad))


def test_stem_word_shared_with_the_key_only():
    bad = QuizItem("Which cognitive finding holds?", ("A cognitive shift went with gains", "Mood went with gains",
                                                     "Sleep went with gains"), ("A cognitive shift went with gains",), "")
    assert any("'cognitive'" in p for p in item_problems(bad))


def test_size_word_in_the_stem():
    bad = QuizItem("The difference was negligible; what size was it?", ("Negligible", "Small", "Moderate", "Large"),
                   ("Negligible",), "")
    assert any("size word 'negligible'" in p for p in item_problems(bad))


def test_long_key():
    bad = QuizItem("Q?", ("Short", "Brief", "A much, much longer answer than any other"),
                   ("A much, much longer answer than any other",), "")
    (problem,) = [p for p in item_problems(bad) if "mean length" in p]
    assert problem.startswith("the key is 8.")


def test_options_that_repeat_or_overlap():
    repeat = QuizItem("Q?", ("Yes", "yes", "No"), ("No",), "")
    inside = QuizItem("Q?", ("Clear evidence", "No clear evidence", "Mixed"), ("Mixed",), "")
    assert any("repeats" in p for p in item_problems(repeat))
    assert any("overlap" in p for p in item_problems(inside))


def test_number_printed_differently_from_the_source():
    stat = Stat("g", 0.06, 0.0, 0.12, "the average difference was negligible (g = 0.06, 95% CI 0 to 0.12)")
    bad = QuizItem("Q?", ("A", "B"), ("A",), "The interval ran from 0.00 to 0.12.")
    good = QuizItem("Q?", ("A", "B"), ("A",), "The interval ran from 0 to 0.12.")
    assert any("'0.00'" in p for p in item_problems(bad, (stat,)))
    assert item_problems(good, (stat,)) == []


def test_two_items_on_one_effect_size_name_the_file_and_items():
    stat = Stat("r", 0.28, text="r = .28", label="the alliance and outcome")
    one = QuizItem("What did the study find about the alliance and outcome?", GOOD.options, GOOD.answers, "")
    two = QuizItem("The reading reports r = .28. What does it mean?", ("Little", "Much", "None"), ("Much",), "")
    warnings = check_items(_entry(one, two, stats=(stat,)))
    assert "archive/x.md: quiz[0] and quiz[1] test the same effect size (stats[0])" in warnings


def test_generated_items_decided_in_review_are_not_checked_as_drafts():
    """A generated item with a flaw is warned about while it is a draft, and no longer once the entry
    rejects it, or accepts it (then it is checked as the entry's quiz item, by its place)."""
    stat = Stat("d", 0.65, text="Small group work had a moderate effect (d = .65).", label="small group work",
                verdict="moderate")
    draft = _entry(stats=(stat,))
    (warning,) = check_items(draft)
    draft_id = warning.split(": ")[1]
    assert draft_id == "2020-01-x-g-size-1" and "size word" in warning
    assert check_items(replace(draft, rejected=(draft_id,))) == []
    (generated,) = itemgen.entry_items(draft)
    edited = replace(generated.item, stem="As reported in the reading, what size was the effect of group work?",
                     feedback="The source calls the effect moderate. See the reading's summary.", generated=draft_id)
    assert itemgen.entry_items(replace(draft, quiz=(edited,)))  # it names the stat no more, so it is made again
    assert check_items(replace(draft, quiz=(edited,))) == []


@pytest.mark.skipif(not ARCHIVE, reason="no archive")
def test_default_archive_has_no_warnings():
    entries = [entryfile.reads(p.read_text(encoding="utf-8"), str(p)) for p in ARCHIVE]
    assert [w for e in entries for w in check_items(e)] == []


BY_PLACE = ["The first option reverses the direction.", "So the last option is wrong.",
            "That rules out the last two options.", "The second and third options ignore the interval.",
            "Option 2 reverses it.", "Answer (b) overstates it.", "Option C is the study's control condition."]
BY_CONTENT = ["'A stronger alliance went with worse outcome' turns the direction round.",
              "The first session's alliance predicted the last session's symptoms (B = -0.148).",
              "Option value 2.5 was not used; answer a question about the interval; see stage (3)."]


@pytest.mark.parametrize("feedback, flagged", [(f, True) for f in BY_PLACE] + [(f, False) for f in BY_CONTENT])
def test_feedback_must_name_options_by_content_not_by_place(feedback, flagged):
    item = QuizItem(GOOD.stem, GOOD.options, GOOD.answers, feedback)
    assert any("names an option by its place" in p for p in item_problems(item)) == flagged


LEANING = ["At follow-up, after the same adjustment, what did the effect show?",
           "In the other direction, how did the alliance relate to later symptoms?",
           "What limit on generalising this finding does the blog note?",
           "How much of the variation did these predictors explain together?",
           "As above, which reading of the interval holds?"]
STANDING = ["Pooling 75 trials, psychotherapy reduced BPD symptoms. Which statement captures this result and its limits?",
            "Your clinic offers every client the same 12 sessions. What does Robinson et al. (2020) imply about that policy?",
            "In Flückiger et al. (2020), how did symptoms at the start of a session relate to the alliance after it?"]


@pytest.mark.parametrize("stem, flagged", [(s, True) for s in LEANING] + [(s, False) for s in STANDING])
def test_a_stem_must_stand_alone(stem, flagged):
    item = QuizItem(stem, GOOD.options, GOOD.answers, GOOD.feedback)
    assert any("leans on another item" in p for p in item_problems(item)) == flagged
