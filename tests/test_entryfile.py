from __future__ import annotations

import pytest

from coursekit import entryfile
from coursekit.model import Author, Citation, Entry, QuizItem, Stat

GOOD = """---
id: 2020-01-an-entry
month: '2020-01'
title: An Entry
citation:
  authors:
  - {family: Ørsted, given: H. C.}
  year: 2019
  doi: https://doi.org/10.1000/xyz
quiz:
- stem: Which?
  options: [One, Two]
  answer: Two
  feedback: Because.
  difficulty: hard
prompts: [Discuss.]
---

## Summary

First paragraph
continues here.

Second paragraph.

## Practice Implications

Do this.
"""


def test_reads_parses_fields_and_paragraphs():
    entry = entryfile.reads(GOOD, "archive/x.md")
    assert entry.id == "2020-01-an-entry" and entry.month == "2020-01" and entry.year == 2020
    assert entry.summary == ("First paragraph continues here.", "Second paragraph.")
    assert entry.implications == ("Do this.",)
    assert entry.citation.authors == (Author("Ørsted", "H. C."),)
    assert entry.citation.doi == "10.1000/xyz", "a DOI URL is stored as the bare DOI"
    assert entry.quiz[0].answers == ("Two",) and entry.quiz[0].difficulty == "hard"


def test_reads_tolerates_bom_and_windows_line_endings():
    entry = entryfile.reads("\ufeff" + GOOD.replace("\n", "\r\n"), "x.md")
    assert entry.summary[1] == "Second paragraph."


def test_writes_round_trips():
    entry = Entry(
        id="2021-02-round-trip", month="2021-02", title="Round: trip? 'quoted'",
        citation=Citation(authors=(Author("Nissen-Lie", "H. A."),), year=2021, title="T", et_al=True),
        summary=("One.", "Two: with colon."), implications=("Three.",), topics=("Therapist Factors",),
        stats=(Stat("r", -0.24, None, None, "r = -.24 here."),),
        quiz=(QuizItem("Stem?", ("a", "b"), ("b",), "fb", "easy"),), prompts=("P?",),
    )
    again = entryfile.reads(entryfile.writes(entry), "x.md")
    assert again == entry


@pytest.mark.parametrize(
    "change, expected",
    [
        (("title: An Entry\n", ""), "x.md: title: missing"),
        (("month: '2020-01'", "month: January 2020"), "x.md: month: 'January 2020' is not YYYY-MM"),
        (("answer: Two", "answer: Three"), "x.md: quiz[0].answer: 'Three' is not one of the options"),
        (("prompts:", "colour: red\nprompts:"), "x.md: colour: unknown key"),
        (("year: 2019", "year: soon"), "x.md: citation.year: expected a year like 2021, got 'soon'"),
        (("## Summary", "## Sumary"), "x.md: ## Summary: missing section"),
    ],
)
def test_reads_names_file_and_field(change, expected):
    with pytest.raises(entryfile.EntryError) as caught:
        entryfile.reads(GOOD.replace(*change), "x.md")
    assert expected in caught.value.problems


def test_reads_reports_every_problem_at_once():
    bad = GOOD.replace("title: An Entry\n", "").replace("answer: Two", "answer: Nine")
    with pytest.raises(entryfile.EntryError) as caught:
        entryfile.reads(bad, "x.md")
    assert len(caught.value.problems) == 2


def test_yaml_error_names_the_line():
    with pytest.raises(entryfile.EntryError) as caught:
        entryfile.reads(GOOD.replace("title: An Entry", "title: [unclosed"), "x.md")
    message = caught.value.problems[0]
    assert message.startswith("x.md:") and "front matter" in message and "\n" not in message


def test_missing_front_matter():
    with pytest.raises(entryfile.EntryError, match="must start with a '---' line"):
        entryfile.reads("## Summary\n\nText\n", "x.md")
