"""Generated quiz items (content.itemgen): hand-checked items on default entries, properties over the archive."""
from __future__ import annotations

import pathlib
import re
from dataclasses import replace

import pytest

from coursekit.archive import entryfile
from coursekit.content import itemgen
from coursekit.content.checker import check_items, item_problems
from coursekit.model import Author, Citation, Entry, QuizItem, Stat

ARCHIVE = sorted(pathlib.Path(__file__).parent.parent.joinpath("archive").glob("*.md"))
ENTRIES = tuple(entryfile.reads(p.read_text(encoding="utf-8"), str(p)) for p in ARCHIVE)
BY_ID = {e.id: e for e in ENTRIES}
CUT_OFF_WORDS = {"negligible", "small", "moderate", "large"}


def _items(entry_id: str) -> dict[str, itemgen.GeneratedItem]:
    return {g.id: g for g in itemgen.entry_items(BY_ID[entry_id])}


def _finding_items(entry: Entry) -> list[itemgen.GeneratedItem]:
    """The items every statistic would get, written items aside (the archive's written items cover many)."""
    made = (itemgen.stat_item(entry, stat, n) for n, stat in enumerate(entry.stats, start=1))
    return [g for g in made if g]


def _entry(*stats: Stat, entry_id: str = "2020-01-x", month: str = "2020-01") -> Entry:
    return Entry(id=entry_id, month=month, title=f"Reading {entry_id}", stats=stats,
                 citation=Citation(authors=(Author("Smith"),), year=2020))


def _one(stat: Stat) -> itemgen.GeneratedItem:
    (g,) = itemgen.entry_items(_entry(stat))
    return g


LINK = Stat("d", 0.35, text="Warmth showed a moderate link with outcome (d = 0.35).", label="therapist warmth and outcome",
            population="adult outpatients", direction="more therapist warmth went with better outcome", verdict="moderate")


# --- hand-checked on two default entries --------------------------------------------------------

def test_positive_regard_asks_size_and_reliability_on_one_scale():
    """Norcross & Karpiak (2023): positive regard 'moderately related' to outcome (d = .57)."""
    entry = BY_ID["2023-07-therapeutic-relationship-factors-that-work"]
    place = next(i for i, s in enumerate(entry.stats) if s.label == "therapist positive regard and outcome")
    g = itemgen.stat_item(entry, entry.stats[place], place + 1)
    assert g.item.stem == "How strongly were therapist positive regard and outcome linked in Norcross & Karpiak (2023)?"
    assert g.item.options == ("No reliable link between therapist positive regard and outcome",
                              "A small link: more positive regard, better outcome",
                              "A moderate link: more positive regard, better outcome",
                              "A large link: more positive regard, better outcome")
    assert g.item.answers == ("A moderate link: more positive regard, better outcome",)
    assert g.item.feedback.startswith("In Norcross & Karpiak (2023), more positive regard went with better outcome "
                                      "(d = .57); in the source's words, “moderately related”.")
    assert g.item.feedback.endswith("See the reading's summary.")
    assert not g.shuffle and g.template == "strength"


def test_videoconferencing_null_comparison_offers_both_directions():
    """Norwood et al. (no year): the alliance was not reliably lower by video (SMD = -0.30, CI -0.67 to 0.07)."""
    entry = BY_ID["2020-07-is-the-therapeutic-alliance-diminished-by-videoconferencing"]
    g = itemgen.stat_item(entry, entry.stats[0], 1)
    assert g.item.stem == ("In the reading “Is the Therapeutic Alliance Diminished by Videoconferencing Psychotherapy?”, "
                           "how did videoconferencing compare with face-to-face therapy on the working alliance?")
    assert g.item.options == ("No reliable difference between videoconferencing and face-to-face therapy on the working alliance",
                              "Videoconferencing did better than face-to-face therapy on the working alliance",
                              "Face-to-face therapy did better than videoconferencing on the working alliance")
    assert g.item.answers == g.item.options[:1] and g.item.difficulty == "hard" and g.template == "direction"
    assert "(SMD = -0.30, 95% CI -0.67 to 0.07, p = 0.11)" in g.item.feedback
    assert "“not statistically significant”" in g.item.feedback


# --- one test per rule ----------------------------------------------------------------------------

def test_a_positive_link_with_a_clear_verdict_asks_its_strength_not_its_direction():
    g = _one(LINK)
    assert g.template == "strength" and g.item.answers == ("A moderate link: more therapist warmth, better outcome",)
    assert not any("worse" in o for o in g.item.options)  # no flipped twin to drop out
    assert len(g.item.options) == 4


def test_a_positive_link_without_a_clear_size_word_gets_no_item():
    for verdict in ("", "significant", "small and non-significant", "small to large"):
        assert itemgen.entry_items(_entry(replace(LINK, verdict=verdict))) == (), verdict


def test_moderately_large_is_shown_in_the_source_words_with_no_overlapping_option():
    g = _one(replace(LINK, verdict="statistically significant, moderately large"))
    assert g.item.answers == ("A moderately large link: more therapist warmth, better outcome",)
    sizes = [o.split(":")[0] for o in g.item.options[1:]]
    assert sizes == ["A negligible link", "A small link", "A moderately large link"]  # no 'moderate', no 'large'


def test_the_key_is_the_source_word_never_a_benchmark():
    # d = 0.35 is "small" by Cohen's benchmarks; the source's word decides.
    assert _one(replace(LINK, verdict="large")).item.answers[0].startswith("A large link")
    assert _one(replace(LINK, verdict="small but significant")).item.answers[0].startswith("A small link")
    assert _one(replace(LINK, verdict="medium")).item.answers[0].startswith("A moderate link")


def test_a_compound_verdict_has_no_overlapping_option():
    g = _one(replace(LINK, verdict="moderate to large"))
    sizes = [o.split(" link")[0] for o in g.item.options[1:]]
    assert sizes == ["A negligible", "A small", "A moderate to large"]
    assert g.item.answers == ("A moderate to large link: more therapist warmth, better outcome",)
    reordered = _one(replace(LINK, verdict="large to moderate"))
    assert reordered.item.answers[0].startswith("A large to moderate link")
    assert not any(o.startswith(("A moderate link", "A large link")) for o in reordered.item.options)


def test_a_negative_link_asks_its_direction():
    stat = Stat("r", -0.27, text="Tension went with worse outcome (r = -.27).", label="feeling tense and outcome",
                population="adults", direction="more tension went with worse outcome", verdict="small")
    g = _one(stat)
    assert g.template == "direction"
    assert g.item.options == ("More tension went with worse outcome", "More tension went with better outcome",
                              "No reliable link between feeling tense and outcome")


def test_a_null_link_keys_no_reliable_link_and_offers_both_directions():
    stat = Stat("r", 0.02, text="Adherence was unrelated to outcome (r = .02).", label="therapist adherence and outcome",
                direction="no reliable link", verdict="small and non-significant")
    g = _one(stat)
    assert g.item.answers == ("No reliable link between therapist adherence and outcome",)
    assert sorted(g.item.options[1:]) == ["Greater therapist adherence went with better outcome",
                                          "Greater therapist adherence went with worse outcome"]


def test_two_treatments_compared_offer_either_side_and_no_difference():
    stat = Stat("d", 0.32, text="Adapted versions did better (d = .32).", label="adapted versus unadapted treatments",
                direction="compared with unadapted versions, adapted treatments did better", verdict="modest")
    g = _one(stat)
    assert g.template == "direction"
    assert g.item.options == ("Adapted treatments did better than unadapted versions",
                              "Unadapted versions did better than adapted treatments",
                              "No reliable difference between adapted and unadapted treatments")
    worse = _one(replace(stat, direction="compared with unadapted versions, adapted treatments did worse"))
    assert worse.item.answers == ("Unadapted versions did better than adapted treatments",)


def test_a_treatment_against_a_control_asks_the_size_of_its_advantage():
    stat = Stat("g", 0.32, 0.21, 0.43, "Quality of life improved (g = 0.32, 95% CI 0.21 to 0.43).",
                label="therapy versus control conditions on quality of life", population="adults with depression",
                direction="compared with control conditions, therapy led to better quality of life", verdict="small")
    g = _one(stat)
    assert g.template == "strength"
    assert g.item.answers == ("A small advantage for therapy over control conditions",)
    assert g.item.options[0] == "No reliable difference between therapy and control conditions"
    null = _one(replace(stat, value=0.05, ci_low=-0.1, ci_high=0.2, direction="no reliable difference", verdict=""))
    assert null.item.answers == (null.item.options[0],) and len(null.item.options) == 4


def test_direction_contradicted_by_its_interval_gives_no_item():
    assert itemgen.entry_items(_entry(replace(LINK, ci_low=-0.1, ci_high=0.6))) == ()
    assert itemgen.entry_items(_entry(replace(LINK, ci_low=0.1, ci_high=0.6)))
    null = Stat("g", 0.3, 0.1, 0.5, "g = 0.30", label="a versus b", direction="no reliable difference")
    assert itemgen.entry_items(_entry(null)) == ()


def test_feedback_teaches_the_finding_by_content():
    g = _one(replace(LINK, ci_low=0.2, ci_high=0.7))
    feedback = g.item.feedback
    assert "(d = 0.35)" in feedback and "“moderate”" in feedback  # numbers as printed, the source's word
    assert "reading's words" not in feedback and LINK.text not in feedback  # our summary is not the source
    for option in g.item.options:
        if option not in g.item.answers:
            assert f"“{option}”" in feedback  # each wrong option named by its content
    assert "it is a correlation, so it does not show" in feedback
    assert feedback.endswith("See the reading's summary.")
    assert item_problems(g.item) == []


def test_feedback_says_what_the_finding_means_for_practice():
    g = _one(LINK)
    assert ("So it is worth attending to therapist warmth for outcome; it is a correlation, so it does not show "
            "that more therapist warmth would bring about better outcome.") in g.item.feedback
    tentative = _one(replace(LINK, text="Warmth seemed to matter (d = 0.35)."))
    assert "So it may be worth attending to therapist warmth for outcome" in tentative.item.feedback
    null = Stat("g", 0.06, -0.05, 0.12, "g = 0.06", label="CBT versus other therapies", direction="no reliable difference")
    assert "So the data give no support for expecting CBT to do better than other therapies" in _one(null).item.feedback


def test_stems_name_the_study_and_the_population():
    g = _one(LINK)
    assert "Smith (2020)" in g.item.stem and "(adult outpatients)" in g.item.stem
    undated = replace(_entry(LINK), citation=Citation(authors=(Author("Smith"),)))
    (u,) = itemgen.entry_items(undated)
    assert "n.d." not in u.item.stem and "the reading “Reading 2020-01-x”" in u.item.stem


def test_printed_cuts_the_statistic_from_its_sentence():
    assert itemgen.printed(Stat("r", 0.4, text="showed r = .40 (95% CI .32 to .48), which was large")) == \
        "r = .40 (95% CI .32 to .48)"
    assert itemgen.printed(Stat("g", 0.06, text="was tiny (g = 0.06, 95% CI 0 to 0.12).")) == "g = 0.06, 95% CI 0 to 0.12"
    assert itemgen.printed(Stat("r", 0.3, text="ranged from r = .29 to r = .34.")) == "r = .29 to r = .34"


def test_size_span_reads_one_clear_word_or_a_standard_compound():
    assert itemgen.size_span("moderately related; highly reliable") == ("moderate",)
    assert itemgen.size_span("significant and positive, but small") == ("small",)
    assert itemgen.size_span("large to moderate") == ("large", "moderate")
    assert itemgen.size_span("moderately large") == ("moderate", "large")
    assert itemgen.size_span("small and non-significant") == ()
    assert itemgen.size_span("small to large") == ()


def test_no_label_no_item():
    assert itemgen.entry_items(_entry(Stat("r", 0.3, 0.1, 0.5, "r = .30", direction="more x went with more y"))) == ()


def test_size_item_for_a_stat_without_direction():
    stat = Stat("d", 0.35, text="a moderate effect (d = 0.35)", label="x and outcome", verdict="moderate")
    g = _one(stat)
    assert g.template == "size" and g.item.answers == ("Moderate",) and g.item.difficulty == "easy"
    assert g.item.options == ("Negligible", "Small", "Moderate", "Large") and not g.shuffle
    assert itemgen.entry_items(_entry(replace(stat, verdict="moderate to large"))) == ()
    for verdict in ("negligible", "small", "moderate", "large"):  # no size word in the stem to give it away
        assert check_items(_entry(replace(stat, verdict=verdict))) == [], verdict


def test_flipped_turns_the_last_polarity_word():
    assert itemgen.flipped("higher symptoms went with lower alliance") == "higher symptoms went with higher alliance"
    assert itemgen.flipped("no polarity here") == ""


def test_a_written_item_covers_a_statistic_through_its_feedback():
    written = QuizItem("Which statement holds?", ("A", "B", "C"), ("A",), "Warmth helped (d = 0.35).")
    assert itemgen.entry_items(replace(_entry(LINK), quiz=(written,))) == ()
    by_label = replace(written, feedback="The reading links therapist warmth and outcome.")
    assert itemgen.entry_items(replace(_entry(LINK), quiz=(by_label,))) == ()
    unrelated = replace(written, feedback="Something else (d = 0.80).")
    assert len(itemgen.entry_items(replace(_entry(LINK), quiz=(unrelated,)))) == 1


# --- properties over the archive -----------------------------------------------------------------

@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_properties_over_the_archive(entry):
    items = itemgen.entry_items(entry)
    assert items == itemgen.entry_items(entry)  # pure and reproducible
    assert len({g.id for g in items}) == len(items) and len({g.stat for g in items}) == len(items)
    for g in _finding_items(entry):
        assert re.fullmatch(rf"{re.escape(entry.id)}-g-(direction|strength|size)-\d+", g.id)
        stat, item = entry.stats[g.stat], g.item
        assert stat.label and set(item.answers) <= set(item.options) and 3 <= len(item.options) <= 4
        assert item_problems(item, entry.stats) == []  # the checker's rules, positions and overlaps included
        assert itemgen.reading_name(entry) in item.stem and stat.population in item.stem
        assert itemgen.printed(stat).split(" (")[0] in item.feedback and "reading's words" not in item.feedback
        assert itemgen.SEE_THE_READING in item.feedback and itemgen.practice_meaning(stat) in item.feedback
        if g.template == "strength" and stat.direction not in itemgen.NULL_DIRECTIONS:
            assert itemgen.span_text(itemgen.size_span(stat.verdict), stat.verdict) in item.answers[0]
        if g.template == "direction" and " and " in stat.label and stat.direction not in itemgen.NULL_DIRECTIONS:
            assert stat.value < 0  # a positive link's direction is never asked: its twin drops out


def _comparisons(entries: tuple[Entry, ...]) -> tuple[itemgen.GeneratedItem, ...]:
    return tuple(g for anchored in itemgen.anchored_comparisons(entries).values() for g in anchored)


def test_comparison_within_a_module_on_one_scale():
    stats = [("r", 0.40, "client expression", "large"), ("d", 0.30, "therapist warmth", "moderate"),
             ("g", 0.10, "homework", "small")]
    entries = tuple(_entry(Stat(k, v, text=f"{k} = {v}", label=f"{p} and outcome", verdict=w,
                                direction=f"more {p} went with better outcome"), entry_id=f"2020-0{i}-e{i}")
                    for i, (k, v, p, w) in enumerate(stats, start=1))
    (g,) = _comparisons(entries)
    assert g.item.answers == ("Client expression",)  # r = .40 is d = 0.87
    assert g.id == "2020-01-e1-g-compare-1" and g.item.difficulty == "hard"
    assert itemgen.anchored_comparisons(entries) == {"2020-01-e1": (g,), "2020-02-e2": (), "2020-03-e3": ()}
    close = entries[:1] + (replace(entries[1], stats=(replace(entries[1].stats[0], value=0.80),)),) + entries[2:]
    assert _comparisons(close) == ()  # 0.87 against 0.80: a coin toss
    betas = tuple(replace(e, stats=(replace(e.stats[0], kind="B"),)) for e in entries)
    assert _comparisons(betas) == ()


def _module(*findings: tuple[str, float, str, str]) -> tuple[Entry, ...]:
    return tuple(_entry(Stat("d", v, text=f"d = {v}", label=f"{p} and outcome", verdict=w, population=pop,
                             direction=f"more {p} went with better outcome"), entry_id=f"2020-0{i}-e{i}")
                 for i, (p, v, w, pop) in enumerate(findings, start=1))


def test_comparison_needs_different_verdict_words():
    differing = _module(("warmth", 0.9, "large", ""), ("homework", 0.5, "moderate", ""), ("humour", 0.1, "small", ""))
    assert len(_comparisons(differing)) == 1
    same = _module(("warmth", 0.9, "statistically significant, moderately large", ""),
                   ("homework", 0.5, "moderately large", ""), ("humour", 0.1, "small", ""))
    assert _comparisons(same) == ()


def test_comparison_never_lets_a_subgroup_stand_for_the_overall_link():
    subgroup = _module(("warmth", 0.9, "large", "treatment of depression"), ("homework", 0.5, "moderate", ""),
                       ("humour", 0.1, "small", ""))
    assert _comparisons(subgroup) == ()
    whole_sample = replace(subgroup[0], stats=(replace(subgroup[0].stats[0], population="adult outpatients"),))
    assert len(_comparisons((whole_sample,) + subgroup[1:])) == 1
    beside_overall = replace(whole_sample, stats=whole_sample.stats + (
        Stat("d", 0.05, text="d = 0.05", label="warmth and outcome", direction="no reliable link"),))
    assert _comparisons((beside_overall,) + subgroup[1:]) == ()


def test_a_treatment_against_a_control_with_no_size_word_asks_its_direction():
    """With no verdict there is no size to ask, but whether therapy beat the control is still the point."""
    control = Stat("SMD", -0.65, -0.80, -0.50, text="Therapy reduced symptoms (SMD = -0.65, 95% CI -0.80 to -0.50).",
                   label="therapy versus waiting list", population="adults with BPD",
                   direction="compared with a waiting list, therapy did better, with fewer symptoms")
    g = _one(control)
    assert g.template == "direction"
    assert g.item.answers == ("Therapy did better than a waiting list",)
    assert "No reliable difference between therapy and waiting list" in g.item.options
    assert _one(replace(control, verdict="moderate")).template == "strength"  # a size word: the size is asked


def test_no_size_is_asked_of_a_value_near_a_benchmark():
    """r = .29 'moderate' sits by the .30 cut-off: a reader who knows Cohen could defend 'small'."""
    near = replace(LINK, kind="r", value=0.29, text="The link was moderate (r = .29).")
    assert itemgen.entry_items(_entry(near)) == ()
    assert itemgen.entry_items(_entry(replace(near, value=0.40, text="The link was moderate (r = .40)."))) != ()
    assert itemgen.entry_items(_entry(replace(LINK, value=0.52))) == ()  # d = .52, by the .5 cut-off
    size = replace(LINK, direction="", verdict="small", kind="d", value=0.21)
    assert itemgen.size_item(_entry(size), size) is None
