"""Statistics from entry text: every effect size the seed pages state (baseline: the hand-written
`stats` of archive/*.md), each CI notation the blog uses, and counts (k, N, percentages)."""
from __future__ import annotations

import pytest
from conftest import archive_by_id, needs_seeds, seed_entries

from coursekit.archive.ids import entry_id
from coursekit.ingest.stats import counts_stated, entry_stats, extract_stats
from coursekit.model import Stat
from coursekit.text import sentences

ARCHIVE = archive_by_id()


def values(stats) -> list[tuple]:
    return [(s.kind, round(s.value, 4), s.ci_low, s.ci_high) for s in stats]


@needs_seeds
@pytest.mark.parametrize("raw", seed_entries(), ids=lambda r: entry_id(r.month, r.title))
def test_seed_effect_sizes_match_the_hand_written_baseline(raw):
    expected = ARCHIVE[entry_id(raw.month, raw.title)].stats
    found = entry_stats(raw.summary, raw.implications)
    assert values(found) == values(expected)
    page_text = " ".join(raw.summary + raw.implications)
    for stat in found:
        assert stat.text and stat.text in page_text  # the sentence as printed, unicode minus and all


@needs_seeds
def test_seed_totals():
    entries = seed_entries()
    found = [s for e in entries for s in entry_stats(e.summary, e.implications)]
    assert len(found) == sum(len(e.stats) for e in ARCHIVE.values()) == 39
    with_ci = sum(s.ci_low is not None for e in ARCHIVE.values() for s in e.stats)
    assert sum(s.ci_low is not None for s in found) == with_ci == 17
    assert {s.kind for s in found} == {"d", "g", "r", "SMD", "B", "b"}


@needs_seeds
def test_seed_sentence_for_a_range_and_a_unicode_minus():
    entries = {e.title: e for e in seed_entries()}
    crying = entry_stats(entries["Patients Crying in Psychotherapy"].summary, ())
    assert [s.value for s in crying] == [0.29, -0.30, 0.29, 0.34, -0.27]
    assert crying[2].text == crying[3].text and "r = .29 to r = .34" in crying[2].text
    vcp = entry_stats(entries["Is the Therapeutic Alliance Diminished by Videoconferencing Psychotherapy?"].summary, ())
    assert vcp[1] == Stat("SMD", -0.03, -0.45, 0.40, vcp[1].text) and "SMD = −0.03" in vcp[1].text


@pytest.mark.parametrize("text, expected", [
    ("It was large (SMD = 0.45; 95% CI: 0.16, 0.75).", ("SMD", 0.45, 0.16, 0.75)),
    ("It was (g=.21 (95%CI: 0.10, 0.32)).", ("g", 0.21, 0.10, 0.32)),
    ("It was (B adjusted = -.065 (95% CI [-.092, -.038]; p < .0001)).", ("B", -0.065, -0.092, -0.038)),
    ("It was (SMD = -0.52 [95% CI: -0.70 to -0.33]).", ("SMD", -0.52, -0.70, -0.33)),
    ("It was (g=0.79; 95% CI: 0.70-0.89).", ("g", 0.79, 0.70, 0.89)),
    ("It was (g=0.06; 95% CI: 0-0.12).", ("g", 0.06, 0.0, 0.12)),
    ("It was (SMD = 0.359; 95% CI -0.349, 1.068, p > .05).", ("SMD", 0.359, -0.349, 1.068)),
    ("It was (SMD = −0.03; 95% CI [−0.45, 0.40]).", ("SMD", -0.03, -0.45, 0.40)),
    ("It was (d = −0.41, 95% CI: −0.62 to −0.20).", ("d", -0.41, -0.62, -0.20)),
    ("It was (g = .33 [0.10, 0.56]).", ("g", 0.33, 0.10, 0.56)),
    ("It was (OR = 2.5, 95% CI 1.4–4.1).", ("OR", 2.5, 1.4, 4.1)),
    ("It was (d = .58), but only when rated by patients.", ("d", 0.58, None, None)),
    ("It was (b = −16.80, p = .043).", ("b", -16.8, None, None)),
    ("Hedges’ g = 0.5 (95% confidence interval 0.2 to 0.8).", ("g", 0.5, 0.2, 0.8)),
    ("It was (β = .31, 95% CI [.12, .50]).", ("beta", 0.31, 0.12, 0.50)),
    ("It was (RR = 1.8; 95% CI: 1.2, 2.7).", ("RR", 1.8, 1.2, 2.7)),
    ("A reversed interval (d = 0.3, 95% CI [0.5, 0.1]) is put in order.", ("d", 0.3, 0.1, 0.5)),
])
def test_effect_size_notations(text, expected):
    (stat,) = extract_stats([text])
    assert (stat.kind, stat.value, stat.ci_low, stat.ci_high) == expected
    assert stat.text == text


def test_each_stat_takes_the_ci_before_the_next_stat():
    stats = extract_stats(["At the end (g=0.51; 95% CI: 0.19-0.84) and at follow-up (g=0.32; 95% CI: 0.09-0.55), "
                           "but not (g = .10)."])
    assert values(stats) == [("g", 0.51, 0.19, 0.84), ("g", 0.32, 0.09, 0.55), ("g", 0.1, None, None)]


def test_ranges_give_both_ends():
    assert [s.value for s in extract_stats(["Correlations ranged from r = .30 to .45 in this sample."])] == [0.3, 0.45]
    assert [s.value for s in extract_stats(["Correlations ranged (r = .29 to r = .34)."])] == [0.29, 0.34]


@pytest.mark.parametrize("text", [
    "Clients attended 52 sessions (SD = 59, Mdn = 36).",
    "It was significant (p = .043; α mean = −.09 per week).",
    "Heterogeneity was high (I2 = 75%; n = 4).",
    "An r of 12 is not a correlation (r = 12).",
    "Most of the 2,000 words (and = 3) were invented.",
])
def test_things_that_are_not_effect_sizes(text):
    assert extract_stats([text]) == ()


def test_implications_restating_a_summary_value_are_not_counted_twice():
    summary = ["The alliance was lower online (SMD = -0.30; 95% CI: -0.67, 0.07)."]
    implications = ["An effect size of SMD = -0.30 suggests a small advantage.", "A new value (d = .2) appears."]
    assert values(entry_stats(summary, implications)) == [("SMD", -0.3, -0.67, 0.07), ("d", 0.2, None, None)]


def test_a_stat_s_sentence_ends_at_a_stop_not_at_decimals_or_abbreviations():
    text = "It was r = .28. Dr. Roe (e.g. in the U.S.) agreed (d = .5), i.e. mostly. Then p = .001). Done!"
    assert [(s.value, s.text) for s in extract_stats([text])] == [
        (0.28, "It was r = .28."), (0.5, "Dr. Roe (e.g. in the U.S.) agreed (d = .5), i.e. mostly.")]


def test_a_ci_is_looked_for_in_the_stat_s_sentence_only():
    (stat,) = extract_stats(["The effect was d = .4. The 95% CI: 0.1, 0.7 belongs to nothing here."])
    assert (stat.ci_low, stat.ci_high, stat.text) == (None, None, "The effect was d = .4.")


def test_every_stat_s_text_is_one_of_its_paragraph_s_sentences():
    paragraphs = [p for e in list(ARCHIVE.values()) + seed_entries() for p in e.summary + e.implications]
    found = 0
    for paragraph in paragraphs:
        for stat in extract_stats([paragraph]):
            assert stat.text in sentences(paragraph)
            found += 1
    assert found >= 39


@pytest.mark.parametrize("text, count", [
    ("A meta-analysis of 17 studies (k = 17) found it.", 2),  # 'k = 17' and '17 studies'
    ("Over 14, 000 clients and 1,535 respondents took part.", 2),
    ("Between 5% to 8.2% got worse.", 2),
    ("In the 95% CI nothing changed.", 0),  # a CI's level is no percentage
    ("Heterogeneity (N=11; n = 4) was low.", 2),
    ("The 88 therapists saw 52,00 patients.", 1),  # '52,00' is no number of patients
    ("Across 40 of the new small studies.", 1),  # up to four words between a number and its unit
    ("Across 40 of the very new small studies.", 0),  # five are too many
    ("In 2019 and 3.5 of the week, no counts here; sk = 4 neither.", 0),
    ("Across \u0661\u0667 studies (k = \u0663) with \uff11\uff12 patients, \u0665% improved.", 4),
])
def test_counts_of_studies_participants_and_percentages(text, count):
    assert counts_stated([text]) == count


def test_counts_add_up_over_paragraphs():
    paragraphs = [p for e in list(ARCHIVE.values()) + seed_entries() for p in e.summary + e.implications]
    assert counts_stated(paragraphs) == sum(counts_stated([p]) for p in paragraphs) > len(ARCHIVE)
    assert counts_stated(["No digits here at all."]) == 0


@pytest.mark.parametrize("text", ["d = -\u00a0.5", "d = \u2013\n.5", "d = -\u2003.5"])
def test_a_sign_parted_from_its_number_by_any_whitespace_is_read(text):
    """The pattern allows one whitespace character after the sign: a no-break space or a line break
    there once made ingest fail with a traceback."""
    assert [(s.kind, s.value) for s in extract_stats([text])] == [("d", -0.5)]
