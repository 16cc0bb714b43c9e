"""The glossary page, the term patterns (data), and the "Key terms" links on reading cards."""
from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO

from coursekit.archive.readers import read_archive
from coursekit.content import glossary, notebooks
from coursekit.model import Entry
from coursekit.planning.config import load_course
from coursekit.planning.themes import plan_course
from coursekit.site.generate import generate

REQUIRED = ("Therapeutic alliance", "Rupture and repair", "Mentalizing", "Countertransference", "Effect size",
            "Cohen's d", "Hedges' g", "Correlation coefficient", "Standardised mean difference",
            "Confidence interval", "Meta-analysis", "Dose–response", "Deterioration", "Therapist effects")


@pytest.fixture(scope="module")
def terms():
    return glossary.load_terms(REPO)


def test_glossary_page_defines_the_course_terms(terms):
    names = [t.name for t in terms]
    assert len(names) >= 12 and len(set(names)) == len(names)
    assert set(REQUIRED) <= set(names)


def test_every_term_in_the_data_is_defined_and_has_patterns_and_lowercase_clues(terms):
    data = yaml.safe_load((REPO / "src/coursekit/data/glossary-terms.yml").read_text(encoding="utf-8"))
    defined = {t.name.casefold() for t in terms}
    assert {name.casefold() for name in data} <= defined
    for name, found in data.items():
        assert set(found) == {"patterns", "clues"}, name
        for pattern in found["patterns"]:
            re.compile(pattern)
        assert found["clues"] and all(clue == clue.lower() for clue in found["clues"]), name


# Per pattern of data/glossary-terms.yml, texts it matches: each alternative, in several cases.
EXAMPLES = {
    "Adverse event": ["adverse events", "an Adverse Effect", "adverse experiences", "negative effects", "harms",
                      "HARM", "harmful"],
    "Burnout": ["burnout", "burn-out", "emotional exhaustion"],
    "Cohen's d": ["Cohen's d", "cohen’s d", "(d = .5)"],
    "Common factors": ["common factors", "Common factor"],
    "Confidence interval": ["95% CI", "(CI: 1, 2)", "confidence intervals"],
    "Correlation coefficient": ["r = .3", "correlations", "Correlated"],
    "Countertransference": ["countertransference", "counter-transference"],
    "Deterioration": ["deteriorated", "got worse", "getting worse", "worsening"],
    "Dose–response": ["dose–response", "dose-response", "the dose", "number of sessions", "session limits"],
    "Dropout": ["drop-outs", "dropout", "dropping out", "drop out"],
    "Effect size": ["effect sizes", "d = .5", "g = .2", "r = .3", "SMD"],
    "Empathy": ["empathic", "Empathy"],
    "Hedges' g": ["Hedges' g", "hedges’ g", "g = .2"],
    "Meta-analysis": ["meta-analysis", "metaanalytic", "Meta-Analyses"],
    "Meta-communication": ["metacommunication", "meta-communicating"],
    "Mentalizing": ["mentalising", "Mentalization", "reflective functioning"],
    "Positive regard": ["positive regard"],
    "Publication bias": ["publication bias", "publication-bias"],
    "Randomised controlled trial": ["randomized controlled trials", "randomised trial", "RCT", "RCTs"],
    "Rupture and repair": ["ruptures", "rupture resolution", "rupture-resolution"],
    "Standardised mean difference": ["SMD", "standardized mean differences"],
    "Statistical significance": ["statistically significant", "significance", "significant", "non-significant",
                                 "p < .05", "p > .1", "p = .03"],
    "Therapeutic alliance": ["therapeutic alliance", "working alliance", "the alliance"],
    "Therapist effects": ["therapist effects", "differences between therapists", "therapist differences"],
    "Treatment as usual": ["treatment as usual", "TAU"],
}


def test_every_pattern_example_is_found_through_the_clues(terms):
    """Each example matches its term's pattern, and key_terms (which tries the pattern only where a
    clue starts) finds the term in it, alone, in capitals and inside a sentence."""
    by_name = {t.name: t for t in terms}
    assert set(EXAMPLES) == {name for name, term in by_name.items() if term.patterns}
    for name, examples in EXAMPLES.items():
        for example in examples:
            for text in (example, example.upper(), f"Before it, {example}, and after."):
                assert by_name[name].pattern.search(text), (name, text)
                assert name in glossary.key_terms(entry(text), terms), (name, text)


def test_glossary_terms_reads_only_term_lines():
    page = ("# G\n\nIntro\n\n:::{glossary}\nAlpha\n  first line\n  second line\n\nBeta : classifier\n  text\n"
            ":::\n\nAfter\n")
    assert glossary.glossary_terms(page) == ("Alpha", "Beta")
    assert glossary.glossary_terms("```{glossary}\nBad `role`\n  x\nGood\n  y\n```\n") == ("Good",)


def entry(summary: str) -> Entry:
    return Entry(id="2020-01-x", month="2020-01", title="A study", summary=(summary,))


def test_key_terms_match_whole_words_in_glossary_order(terms):
    found = glossary.key_terms(entry("Ruptures were repaired; a meta-analysis (d = .5) of mentalising."), terms)
    assert found == ("Cohen's d", "Effect size", "Meta-analysis", "Mentalizing", "Rupture and repair")
    assert glossary.key_terms(entry("Alliances? No: dosed, tauntingly, significantly."), terms) == ()


def test_clues_change_no_result(terms):
    texts = ["ıncidence of harm", "HARMFUL \u0130mpact", "drop-outs", "The ALLIANCE", "p < .05", "TAU", "ſmd",
             "\u0130\u0130 harm\u0131", "xharm harm", "CI-based, 95% CIs", "d = .3 and Cohen\u2019s d"]
    entries = [entry(text) for text in texts] + list(read_archive(REPO / "archive").entries)
    for item in entries:
        text = glossary.entry_text(item)
        assert glossary.key_terms(item, terms) == tuple(t.name for t in terms if t.pattern.search(text))
    assert glossary.key_terms(entry("ıncidence of harm"), terms) == ("Adverse event",)


def test_term_without_patterns_is_found_by_its_name(tmp_path):
    page = tmp_path / f"{glossary.GLOSSARY_PAGE}.md"
    page.parent.mkdir(parents=True)
    page.write_text("```{glossary}\nWorking model\n  A model.\n\nTHERAPEUTIC alliance\n  The bond.\n```\n")
    term, alliance = glossary.load_terms(tmp_path)
    assert (term.name, term.patterns) == ("Working model", ())
    assert term.pattern.search("the working model of the self")
    assert not term.pattern.search("workingmodel")
    assert alliance.name == "THERAPEUTIC alliance" and alliance.patterns  # the data's patterns, the page's name
    assert glossary.key_terms(entry("A strong alliance."), (term, alliance)) == ("THERAPEUTIC alliance",)


def test_card_lists_key_terms_as_term_roles(terms):
    card = notebooks.reading_card(entry("The alliance predicted deterioration."), "m", notebooks.Links(terms=terms))
    assert "**Key terms:** {term}`Deterioration`, {term}`Therapeutic alliance`\n" in card
    assert "Key terms" not in notebooks.reading_card(entry("Nothing here."), "m", notebooks.Links(terms=terms))
    assert "Key terms" not in notebooks.reading_card(entry("The alliance."), "m")


def test_default_course_links_at_least_ten_terms_from_its_readings(terms):
    plan = plan_course(load_course(REPO / "course.yml"), read_archive(REPO / "archive").entries)
    linked = {t for e in plan.all_entries for t in glossary.key_terms(e, terms)}
    assert len(linked) >= 10, linked


def test_course_without_glossary_page_gets_no_key_terms(fixture_course):
    generate(fixture_course)
    assert "Key terms" not in (fixture_course / "modules" / "alliance.ipynb").read_text(encoding="utf-8")
    (fixture_course / "book").mkdir()
    page = "```{glossary}\nAlliance\n  A word.\n\nZeugma\n  Unused.\n```\n"
    (fixture_course / "book" / "glossary.md").write_text(page)
    generate(fixture_course)
    text = (fixture_course / "modules" / "alliance.ipynb").read_text(encoding="utf-8")
    assert "**Key terms:** {term}`Alliance`" in text and "Zeugma" not in text
    assert "book/glossary" in (fixture_course / "_toc.yml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_built_glossary_is_linked_from_the_readings(built_site):
    page = (built_site / "book" / "glossary.html").read_text(encoding="utf-8")
    defined = set(re.findall(r'<dt id="(term-[^"]+)"', page))
    assert len(defined) >= 12
    linked = set()
    for module in (built_site / "modules").glob("*.html"):
        text = module.read_text(encoding="utf-8")
        linked |= set(re.findall(r'href="\.\./book/glossary\.html#(term-[^"]+)"', text))
    assert len(linked) >= 10 and linked <= defined
