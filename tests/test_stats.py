"""Statistics from entry text: every effect size the seed pages state (baseline: the hand-written
`stats` of archive/*.md), each CI notation the blog uses, and counts (k, N, percentages)."""
from __future__ import annotations

import pathlib
import random
import re

import pytest

from coursekit.ids import entry_id
from coursekit.model import Stat
from coursekit.pages import parse_page, read_text_page
from coursekit.readers import read_archive
from coursekit.stats import (ABBREVIATIONS, PEOPLE_UNITS, STUDY_UNITS, Count, counts_stated, entry_stats,
                             extract_counts, extract_stats, sentences)

REPO = pathlib.Path(__file__).resolve().parents[1]
SEEDS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}")
ARCHIVE = {e.id: e for e in read_archive(REPO / "archive").entries}


def seed_entries():
    if not SEEDS.is_dir():
        return []
    return [e for p in sorted(SEEDS.glob("*.txt")) for e in parse_page(read_text_page(p.read_bytes())).entries]


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


def test_sentences_do_not_end_at_decimals_or_abbreviations():
    text = "It was r = .28. Dr. Roe (e.g. in the U.S.) agreed, i.e. mostly. Then p = .001). Done!"
    assert [text[a:b].strip() for a, b in sentences(text)] == [
        "It was r = .28.", "Dr. Roe (e.g. in the U.S.) agreed, i.e. mostly.", "Then p = .001).", "Done!"]


def test_counts_of_studies_participants_and_percentages():
    text = ("A meta-analysis of 17 studies (k = 17) with over 14, 000 clients and 1,535 respondents found that "
            "5% to 8.2% got worse. In the 95% CI nothing changed (N=11; n = 4). The 88 therapists saw 52,00 patients.")
    counts = extract_counts([text])
    assert [(c.kind, c.value, c.unit) for c in counts] == [
        ("k", 17, "studies"), ("k", 17, ""), ("N", 14000, "clients"), ("N", 1535, "respondents"),
        ("percent", 5, "%"), ("percent", 8.2, "%"), ("N", 11, ""), ("N", 4, ""), ("N", 88, "therapists")]
    assert counts[0] == Count("k", 17.0, "studies", counts[0].text) and counts[0].text.startswith("A meta-analysis")
    assert counts[-1].text == "The 88 therapists saw 52,00 patients."


@needs_seeds
def test_seed_counts_include_the_stated_samples():
    entries = {e.title: e for e in seed_entries()}
    wanted = {
        "What People Want From Therapy": [("N", 1535.0, "respondents"), ("percent", 91.0, "%")],
        "Therapeutic Relationship Factors that Work": [("N", 30000.0, "patients")],
        "Patients Crying in Psychotherapy": [("percent", 41.9, "%")],
        "Cognitive Behavior Therapy vs. Control Conditions and Other Treatments": [("k", 409.0, "trials")],
    }
    for title, expected in wanted.items():
        entry = entries[title]
        found = [(c.kind, c.value, c.unit) for c in extract_counts(entry.summary + entry.implications)]
        for item in expected:
            assert item in found, (title, item)


# The count patterns as first written: a lookbehind, then the number. The module's patterns take a
# candidate character first (so the regex engine can skip to it); they must find the same matches.
PLAIN_NUMBER = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\s?\d{3})+(?!\d)|\d+(?:\.\d+)?)"
PLAIN_PATTERNS = {
    "k": re.compile(rf"\bk\s*=\s*(?P<eq>\d[\d,]*)|{PLAIN_NUMBER}\s+(?:[a-z][\w-]*\s+){{0,4}}?(?P<unit>{STUDY_UNITS})\b"),
    "N": re.compile(rf"\b[Nn]\s*=\s*(?P<eq>\d[\d,]*)|{PLAIN_NUMBER}\s+(?:[a-z][\w-]*\s+){{0,3}}?(?P<unit>{PEOPLE_UNITS})\b"),
    "percent": re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s?%(?!\s*(?:CI|confidence))", re.IGNORECASE),
}


def plain_counts(paragraph: str) -> list[tuple[str, int, float, str]]:
    found = []
    for kind, pattern in PLAIN_PATTERNS.items():
        for match in pattern.finditer(paragraph):
            number = match.groupdict().get("eq") or match.group("num")
            unit = "%" if kind == "percent" else (match.group("unit") or "")
            found.append((kind, match.start(), float(re.sub(r"[,\s]", "", number)), unit))
    return sorted(found, key=lambda item: item[1])


def test_count_patterns_find_what_the_plain_patterns_find():
    rng = random.Random(11)
    pieces = ["k", "K", "N", "n", " = ", "=", "12", "1,024", "1, 024", "3.5", ".5", "0", "%", " % ", "studies", "trials",
              "patients", "people", "service users", " CI", " confidence", "x", "-", ",", ".", " ", "\u00a0", "\n",
              "meta-analyses", "large ", "randomised ", "skN = 4", "95%"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(30000)]
    texts += [p for entry in read_archive(REPO / "archive").entries for p in entry.summary + entry.implications]
    matched = 0
    for text in texts:
        expected = plain_counts(text)
        counts = extract_counts([text])
        assert [(c.kind, c.value, c.unit) for c in counts] == [(k, v, u) for k, _, v, u in expected], text
        assert counts_stated([text]) == len(expected)
        matched += bool(expected)
    assert matched > 3000


def test_sentences_split_as_the_plain_word_search_did():
    """`sentences` finds the word before a full stop with rsplit; the first version used a regex."""
    rng = random.Random(3)
    pieces = ["e.g. ", "Dr. ", "vs. ", "A. ", "x. ", "The ", "end. ", "(n = 4). ", "\u201cQuote.\u201d ", "3.5 ", "? ", "! ",
              "word ", "\u00a0", "\n", "(Fig. 2) ", "al. ", "B"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        assert sentences(text) == plain_sentences(text), text


def plain_sentences(paragraph: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"[.!?][\"”’)\]]*\s+(?=[“\"‘(\[]?[A-Z0-9])", paragraph):
        word = re.search(r"(\S+)$", paragraph[start: match.start() + 1])
        previous = word.group(1).lower().rstrip(".").lstrip("(") if word else ""
        if previous in ABBREVIATIONS or re.fullmatch(r"[a-z]", previous):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(paragraph)))
    return spans
