"""Statistics from entry text: every effect size the seed pages state (baseline: the hand-written
`stats` of archive/*.md), each CI notation the blog uses, and counts (k, N, percentages)."""
from __future__ import annotations

import pathlib
import random
import re

import pytest

from coursekit.ingest import stats
from coursekit.archive.ids import entry_id
from coursekit.model import Stat
from coursekit.ingest.pages import parse_page, read_text_page
from coursekit.archive.readers import read_archive
from coursekit.ingest.stats import (ABBREVIATIONS, PEOPLE_UNITS, STUDY_UNITS, Count, counts_stated, entry_stats,
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
              "word ", "\u00a0", "\n", "(Fig. 2) ", "al. ", "B", "x" + "(" * 40 + "e.g. ", "(" * 40 + "e.g. "]
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


# The search as it was before it was sped up, kept as the reference: every pattern searched over the
# whole paragraph, and each paragraph's sentences found before its effect sizes. It uses the module's
# patterns, so that it also checks the shortcuts against any later change to them: `extract_stats`,
# `extract_counts` and `counts_stated` must give what it gives, exceptions included, for any text.
def reference_stats(paragraphs) -> tuple[Stat, ...]:
    found = []
    for raw in paragraphs:
        paragraph = raw
        for sign in stats.MINUS_SIGNS:
            paragraph = paragraph.replace(sign, "-")
        spans = plain_sentences(paragraph)
        matches = list(stats.EFFECT.finditer(paragraph))
        for i, match in enumerate(matches):
            limit = matches[i + 1].start() if i + 1 < len(matches) else len(paragraph)
            found.extend(reference_stats_at(paragraph, spans, match, limit, raw))
    return tuple(found)


def reference_stats_at(paragraph, spans, match, limit, printed) -> list[Stat]:
    """The stat(s) of one EFFECT match: its value(s), the CI after it and its sentence."""
    kind = stats.KINDS[match.group("kind")]
    start, end = next(((s, e) for s, e in spans if s <= match.start() < e), (0, len(paragraph)))
    sentence = printed[start:end].strip()
    window = paragraph[match.end(): min(limit, end)]
    values = [reference_number(match.group("value"))]
    ranged = stats.RANGE_END.match(window)
    if ranged:
        values.append(reference_number(ranged.group("value")))
        window = window[ranged.end():]
    low = high = None
    interval = stats.CI.search(window) or stats.BRACKETS.match(window)
    if interval:
        low, high = reference_number(interval.group("low")), reference_number(interval.group("high"))
        low, high = (low, high) if low <= high else (high, low)
    found = [Stat(kind=kind, value=v, ci_low=low, ci_high=high, text=sentence) for v in values]
    return [s for s in found if abs(s.value) <= stats.LIMITS.get(kind, 1e9) and not (kind == "OR" and s.value <= 0)]


def reference_number(text: str) -> float:
    return float("".join(text.replace("–", "-").split()))


def reference_count_matches(paragraph: str) -> list[tuple[str, re.Match]]:
    return [(kind, match) for kind, pattern in (("k", stats.K_COUNT), ("N", stats.N_COUNT), ("percent", stats.PERCENT))
            for match in pattern.finditer(paragraph)]


def reference_counts(paragraphs) -> list[tuple]:
    """(kind, value, unit, sentence) of each count, as `extract_counts` gave them."""
    found = []
    for index, paragraph in enumerate(paragraphs):
        spans = plain_sentences(paragraph)
        for kind, match in reference_count_matches(paragraph):
            unit = "%" if kind == "percent" else (match.group("unit") or "")
            number = match.groupdict().get("eq") or match.string[match.start(): match.end("num")]
            value = float(re.sub(r"[,\s]", "", number))
            text = next((paragraph[a:b].strip() for a, b in spans if a <= match.start() < b), paragraph.strip())
            found.append((index, match.start(), (kind, value, unit, text)))
    return [count for _, _, count in sorted(found, key=lambda item: (item[0], item[1]))]


def outcome(function, *args):
    """What the call returns, or the exception it raises (the module must raise what the reference raises)."""
    try:
        return function(*args)
    except Exception as error:
        return repr(error)


def match_key(matches) -> list[tuple]:
    """What `extract_counts` and `count_number` use of (kind, match) pairs: spans and groups."""
    return [(kind, match.span(), match.groupdict()) for kind, match in matches]


def assert_as_the_reference(paragraphs) -> tuple[bool, bool]:
    """Check the module against the reference on the paragraphs; return whether it found stats, counts."""
    found = outcome(extract_stats, paragraphs)
    assert found == outcome(reference_stats, paragraphs), paragraphs
    counts = [(c.kind, c.value, c.unit, c.text) for c in extract_counts(paragraphs)]
    assert counts == reference_counts(paragraphs), paragraphs
    assert counts_stated(paragraphs) == len(counts)
    for paragraph in paragraphs:
        assert match_key(stats._count_matches(paragraph)) == match_key(reference_count_matches(paragraph)), paragraph
    return bool(found), bool(counts)


PIECES = [
    "0", "7", "12", "1,024", "1, 024", "12,345,678", "3.5", ".5", "0.70", "\u0663", "\u0664\u0665", "\uff11\uff12",
    "=", " = ", "≈", "~", "~5", "= ", "%", " % ", "95%", "\u2212", "\u2012", "\ufe63", "\uff0d", "-", "–", "—",
    "k", "K", "N", "n", "k = 12", "N = 1,024", "skN = 4", "k\u00a0=\u00a03",
    "studies", "trials", "RCTs", "patients", "people", "service users", "youth", "youths", "men", "women",
    "data sets", "effect sizes", "meta-analyses", "large ", "randomised ", "x", "The ",
    "lorem ipsum dolor sit amet " * 3,
    " of the ", " small well-run ", " new ", "a1 ", "40 of the new small studies", "9 large new well-run trials",
    "d", "g", "r", "SMD", "OR", "IRR", "RR", "beta", "β", "B", "b", "(2)", "d(12)", "β(3) (adjusted) = 0.4",
    " adjusted", " (pooled)", " adj.", "(adj)", "adj", "(adj.)", "pooled", "d (pooled) = 0.3", "SMD adjusted = -.2",
    "b (adj.) ~ 1", "r adj = .2", "g(2) (adj) = .1", "beta pooled ≈ 0.5", "B(12)\nadjusted  =\n.7",
    "95% CI: ", "95%CI ", " CI [", "confidence interval ", " confidence", " to ", "[", "]", "(", ")", ";", ",", ".",
    "e.g. ", "i.e. ", "Dr. ", "vs. ", "A. ", ". ", "? ", "! ", "fig. ", "No. ", "al. ", "\u201c", "\u201d", "\u2019",
    "x" + "(" * 40 + "e.g. ",
    " ", "\u00a0", "\n", "\u2003", "\x1c", "   ", " " * 70,
    "r = .29 to r = .34", "r = .30 to .45", "g = .33 [0.10, 0.56]", "It was (SMD = −0.03; 95% CI [−0.45, 0.40]). ",
    "(OR = 2.5, 95% CI 1.4–4.1)", "Across 17 studies with 1007 patients ", "(d = .58), ", "(g = – .4)", "b ~ - 1.5",
]


def random_paragraphs(seed: int, count: int, longest: int) -> list[str]:
    """`count` texts of 1 to `longest` pieces each, with many near misses of every pattern."""
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, longest))) for _ in range(count)]


def synthetic_summary(i: int) -> str:
    """Like the benchmark's entries (benchmarks/bench_ingest.py): many numbers, few of them counts."""
    filler = " ".join(f"Invented sentence {k} about alliance and outcome in made-up study {i}, with training as a "
                      "side issue." for k in range(12))
    return (f"{filler} Across {10 + i % 90} studies with {1000 + i} patients the effect was moderate "
            f"(d = .{10 + i % 80}; 95% CI: .{5 + i % 5}, .{90 + i % 9}), and {i % 100}% improved "
            f"(r = −.{10 + i % 50}, g=0.{i % 9}{i % 7}).")


@pytest.mark.parametrize("seed, count, longest", [(1, 12000, 30), (2, 3000, 120)])
def test_stats_and_counts_are_those_of_the_reference_search(seed, count, longest):
    found = [assert_as_the_reference([text]) for text in random_paragraphs(seed, count, longest)]
    assert sum(s for s, _ in found) > count // 4 and sum(c for _, c in found) > count // 4


def test_stats_and_counts_of_the_archive_seeds_and_benchmark_text_are_those_of_the_reference_search():
    entries = list(ARCHIVE.values()) + seed_entries()
    for entry in entries:
        summary, implications = entry.summary, entry.implications
        assert_as_the_reference(list(summary + implications))
        assert entry_stats(summary, implications) == reference_entry_stats(summary, implications)
    for i in range(40):
        assert_as_the_reference([synthetic_summary(i), f"Invented advice for entry {i}. Therapists should weigh it."])
    assert sum(len(entry_stats(e.summary, e.implications)) for e in entries) >= 39


def reference_entry_stats(summary, implications) -> tuple[Stat, ...]:
    """`entry_stats` on top of `reference_stats`."""
    stated = reference_stats(summary)
    seen = {(s.kind, s.value) for s in stated}
    return stated + tuple(s for s in reference_stats(implications) if (s.kind, s.value) not in seen)


@pytest.mark.parametrize("near", [0, 10 ** 6])
def test_effect_sizes_do_not_depend_on_how_signs_share_a_stretch(monkeypatch, near):
    """Each sign in a stretch of its own, or all of a paragraph's in one: the same stats."""
    monkeypatch.setattr(stats, "NEAR", near)
    for text in random_paragraphs(3, 3000, 120):
        assert outcome(extract_stats, [text]) == outcome(reference_stats, [text]), text


def test_count_shortcuts_take_in_every_position_where_a_count_pattern_matches():
    """Every offset where K_COUNT, N_COUNT or PERCENT matches (not only those finditer reaches) is
    among the positions `_count_matches` tries."""
    tried = 0
    for text in random_paragraphs(4, 3000, 40):
        numbers = {m.start() for m in stats.NUMBER_BEFORE_UNIT.finditer(text)}
        symbols = set(stats._symbols_before_equals(text))
        percents = set(stats._numbers_before_percent(text))
        for start in range(len(text)):
            for pattern in (stats.K_COUNT, stats.N_COUNT):
                match = pattern.match(text, start)
                if match:
                    assert start in (symbols if match.group("eq") else numbers), (text, start)
                    assert stats._has_digits(text)
                    tried += 1
            if stats.PERCENT.match(text, start):
                assert start in percents and stats._has_digits(text), (text, start)
    assert tried > 1000


def test_effect_reach_holds_every_match_of_its_sign():
    """Every offset where EFFECT matches lies between the bounds of its sign, and its match ends
    before the character before the second bound."""
    matched = 0
    for text in random_paragraphs(5, 3000, 40):
        for start in range(len(text)):
            match = stats.EFFECT.match(text, start)
            if match:
                (sign,) = [match.start() + i for i, c in enumerate(match.group()) if c in stats.EFFECT_SIGNS]
                assert stats._effect_reach_back(text, sign) <= start, (text, start)
                assert match.end() < stats._effect_reach_ahead(text, sign) or match.end() == len(text), (text, start)
                matched += 1
    assert matched > 1000


def test_sentence_span_is_the_sentence_that_holds_the_offset():
    for text in random_paragraphs(6, 1000, 40) + ["Done. Now!", "x", ""]:
        spans = plain_sentences(text)
        for offset in range(len(text)):
            assert stats._sentence_span(text, offset) == next(s for s in spans if s[0] <= offset < s[1]), (text, offset)


def test_digits_beyond_ascii_are_digits():
    text = "Across \u0661\u0667 studies (k = \u0663) with \uff11\uff12 patients, \u0665% improved."
    assert [(c.kind, c.value, c.unit) for c in extract_counts([text])] == [
        ("k", 17, "studies"), ("k", 3, ""), ("N", 12, "patients"), ("percent", 5, "%")]
    assert stats._has_digits(text) and not stats._has_digits("No digits here.")


@pytest.mark.parametrize("text", ["d = -\u00a0.5", "d = \u2013\n.5", "d = -\u2003.5"])
def test_a_sign_parted_from_its_number_by_any_whitespace_is_read(text):
    """The pattern allows one whitespace character after the sign: a no-break space or a line break
    there once made ingest fail with a traceback."""
    assert [(s.kind, s.value) for s in extract_stats([text])] == [("d", -0.5)]
