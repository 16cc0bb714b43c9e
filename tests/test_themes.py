from __future__ import annotations

import re

from conftest import REPO

from coursekit.archive.readers import read_archive
from coursekit.model import Entry, Rule
from coursekit.planning.config import load_course
from coursekit.planning.themes import entry_modules, matches, plan_archive, plan_course


def entry(**fields) -> Entry:
    return Entry(id=fields.pop("id", "2020-01-x"), month="2020-01", title=fields.pop("title", "T"), **fields)


def test_topic_keyword_id_and_exclude():
    e = entry(topics=("Empathy",), summary=("Ten sessions of therapy.",))
    assert matches(Rule(topics=("Empathy",)), e)
    assert matches(Rule(keywords=("SESSIONS",)), e), "keywords ignore case"
    assert not matches(Rule(keywords=("session",)), e), "keywords match whole words"
    assert matches(Rule(entries=("2020-01-x",)), e)
    assert not matches(Rule(topics=("Empathy",), exclude=("2020-01-x",)), e)
    assert not matches(Rule(), e)


def test_plan_puts_untaken_entries_in_further_reading(fixture_course):
    course = load_course(fixture_course / "course.yml")
    entries = read_archive(fixture_course / "archive").entries
    plan = plan_course(course, entries)
    ids = {p.module.id: [e.id for e in p.entries] for p in plan.modules}
    assert ids["alliance"] == ["2020-01-fictional-alliance-study"]
    assert ids["treatment-length"] == ["2019-05-fictional-burnout-survey"], "explicit id in, excluded one out"
    assert [e.id for e in plan.further_reading] == ["2018-03-fictional-other-topic"]
    assert entry_modules(plan) == {
        "2020-01-fictional-alliance-study": ("alliance",),
        "2019-05-fictional-burnout-survey": ("treatment-length",),
        "2018-03-fictional-other-topic": ("further-reading",),
    }


def test_unknown_ids_in_rules_are_reported(fixture_course):
    path = fixture_course / "course.yml"
    path.write_text(path.read_text().replace("2019-05-fictional-burnout-survey", "2019-05-typo"))
    course = load_course(path)
    _, problems = plan_archive(course, read_archive(fixture_course / "archive"))
    assert problems == ("course.yml: modules[1].rule.entries: no archive entry '2019-05-typo'",)


def test_keyword_rules_match_as_a_plain_search_would():
    """`matches` looks for a keyword's text in the folded entry before searching it; never a different answer."""
    keywords = ("alliance", "Therapeutic Alliance", "CBT", "dose-response", "café", "K", "ſmd", "İnsight", "50%")
    texts = ["The therapeutic ALLIANCE held.", "Alliances formed.", "cbt and CBT", "dose–response or dose-response",
             "CAFÉ study", "the \u212a test", "ſmd ſMD", "insight and İnsight", "50% improved", "k of 12", ""]
    texts += [" ".join((e.title, *e.summary, *e.implications)) for e in read_archive(REPO / "archive").entries]
    for text in texts:
        item = entry(summary=(text,))
        for keyword in keywords:
            plain = re.search(r"\b" + re.escape(keyword) + r"\b", " ".join(("T", text)), re.IGNORECASE) is not None
            assert matches(Rule(keywords=(keyword,)), item) == plain, (keyword, text)
