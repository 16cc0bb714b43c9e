"""Findings read from an effect size's sentence (ingest.findings), on the seed pages and by hand."""
from __future__ import annotations

import pytest
from conftest import SEED_PAGES, needs_seeds

from coursekit.archive import entryfile
from coursekit.ingest.findings import (
    finding_label,
    stat_clause,
    verdict_words,
    with_finding,
)
from coursekit.ingest.importer import ingest
from coursekit.ingest.topics import default_rules
from coursekit.model import Stat

POLARITY = {"better", "worse", "poorer", "stronger", "weaker", "more", "fewer", "less", "higher", "lower",
            "greater", "smaller", "larger"}


@pytest.fixture(scope="module")
def seed_stats(tmp_path_factory) -> dict[tuple[str, float], Stat]:
    folder = tmp_path_factory.mktemp("seeds") / "archive"
    ingest(SEED_PAGES, folder, default_rules())
    found = {}
    for path in sorted(folder.glob("*.md")):
        entry = entryfile.reads(path.read_text(encoding="utf-8"), str(path))
        for stat in entry.stats:
            found.setdefault((entry.id, stat.value), stat)
    return found


def _find(stats: dict, prefix: str, value: float) -> Stat:
    return next(s for (key, v), s in stats.items() if key.startswith(prefix) and v == value)


# Hand-checked against the seed pages: (entry id's month and start, value, label, verdict, direction)
HAND_CHECKED = [
    ("2015-09-is-therapeutic", 0.28, "alliance and outcome", "moderate and significant", ""),
    ("2015-12-are-therapist", 0.02, "therapist adherence and outcome", "small and non-significant",
     "no reliable link"),
    ("2015-12-are-therapist", 0.07, "therapist competence and outcome", "small and non-significant",
     "no reliable link"),
    ("2016-04-how-important", 0.63, "empathy and outcome", "moderately large", ""),
    ("2016-04-how-important", 0.24, "client expectations and outcome", "small but statistically significant", ""),
    ("2020-09-the-reciprocal", -0.148, "symptoms at the start of a session and post session alliance", "",
     "higher symptoms at the start of a session went with lower post session alliance"),
    ("2023-02-cognitive-beha", 0.06, "", "miniscule", ""),
    ("2023-07-therapeutic-re", 0.57, None, "", ""),
]


@needs_seeds
@pytest.mark.parametrize("prefix, value, label, verdict, direction", HAND_CHECKED)
def test_seed_findings_match_hand_checked(seed_stats, prefix, value, label, verdict, direction):
    stat = _find(seed_stats, prefix, value)
    if label is not None:
        assert stat.label == label
    assert stat.verdict == verdict
    assert stat.direction == direction


@needs_seeds
def test_no_seed_label_is_wrong(seed_stats):
    """Every label found on the seeds was checked by hand: each is in this list (or has none)."""
    right = {
        "alliance and outcome", "the alliance and outcome", "the therapeutic alliance and outcome",
        "therapist adherence and outcome", "therapist competence and outcome", "empathy and outcome",
        "client expectations and outcome", "alliance at a preceding session and symptoms at the subsequent session",
        "symptoms at the start of a session and post session alliance",
        "therapists’ expression of affect during therapy and outcome",
        "adverse events in therapy and positive effects of therapy",
        "feeling relieved after crying and the therapeutic alliance",
        "feeling depressed after crying and the therapeutic alliance",
        "positive feelings after crying and patient rated improvement in therapy",
        "pre-treatment levels of mentalizing and depressive symptom outcomes",
        "positive regard expressed in therapy and outcome",
        "therapists’ attempts to repair alliance ruptures and outcome",
    }
    labels = {s.label for s in seed_stats.values() if s.label}
    assert labels and labels <= right, labels - right


@needs_seeds
def test_seed_directions_have_one_polarity_word_in_their_second_half(seed_stats):
    for stat in seed_stats.values():
        if stat.direction and not stat.direction.startswith("no reliable"):
            words = stat.direction.split()
            assert POLARITY & set(words[len(words) // 2:]), stat.direction


def test_clause_is_the_one_that_states_the_value():
    text = ("There was a significant positive correlation between feeling relieved and the alliance (r = .29), "
            "but a non-significant correlation between feeling tense and the alliance (r = -.05).")
    second = with_finding(Stat("r", -0.05, text=text))
    assert second.label == "feeling tense and the alliance"
    assert second.verdict == "non-significant"
    assert "(r = .29)" not in stat_clause(Stat("r", -0.05, text=text))


def test_unsure_wording_leaves_fields_empty():
    stat = with_finding(Stat("d", 0.55, text="A meta analysis found a sizeable effect of therapists (d = .55)."))
    assert (stat.label, stat.direction, stat.verdict) == ("", "", "")


def test_direction_needs_an_interval_that_excludes_no_effect():
    text = "Higher hope was related to better outcome (b = 0.20, 95% CI [{}, 0.40])."
    assert with_finding(Stat("b", 0.2, 0.05, 0.4, text.format("0.05"))).direction == \
        "higher hope went with better outcome"
    assert with_finding(Stat("b", 0.2, -0.05, 0.4, text.format("-0.05"))).direction == ""


def test_comparison_label_and_null_direction():
    text = "CBT compared with supportive therapy did not differ at follow-up (g = 0.05, 95% CI -0.1 to 0.2)."
    stat = with_finding(Stat("g", 0.05, -0.1, 0.2, text))
    assert stat.label == "CBT versus supportive therapy"
    assert stat.direction == "no reliable difference"
    assert stat.population == "follow-up"


def test_verdict_about_other_work_is_not_taken():
    assert verdict_words("g=.35, which is consistent with previous meta-analyses showing small effects") == ""
    assert finding_label("nothing to see here") == ""


def test_fields_already_set_are_kept():
    stat = Stat("r", 0.3, text="a moderate association between X and outcome (r = .3)", label="mine")
    assert with_finding(stat).label == "mine"
    assert with_finding(stat).verdict == "moderate"
