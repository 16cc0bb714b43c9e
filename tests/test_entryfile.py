from __future__ import annotations

import pathlib
import random
import re

import pytest
from test_yamlio import TRICKY

from coursekit.archive import entryfile
from coursekit.archive.readers import read_archive
from coursekit.model import (
    DIFFICULTIES,
    STAT_KINDS,
    Author,
    Citation,
    Entry,
    QuizItem,
    Stat,
)

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


# --- writes ------------------------------------------------------------------------------------

def test_writes_a_readable_file():
    """A hand-checked file: block-style front matter in a fixed key order, fields that hold nothing
    left out, then the sections."""
    entry = Entry(id="2021-02-an-entry", month="2021-02", title="Øvrebø's study: 'quoted'",
                  citation=Citation(authors=(Author("Nissen-Lie", "H. A."), Author("Team")), year=2021, volume="51"),
                  summary=("One.", "Two."), topics=("Alliance", "Training"),
                  stats=(Stat("r", 0.0, None, None, "No link (r = 0)."),),
                  quiz=(QuizItem("Which?", ("yes", "no"), ("yes",), "Because.", "easy"),))
    assert entryfile.writes(entry) == """---
id: 2021-02-an-entry
month: 2021-02
title: 'Øvrebø''s study: ''quoted'''
citation:
  type: article
  authors:
  - family: Nissen-Lie
    given: H. A.
  - family: Team
  year: 2021
  volume: '51'
topics:
- Alliance
- Training
stats:
- kind: r
  value: 0.0
  text: No link (r = 0).
quiz:
- stem: Which?
  options:
  - 'yes'
  - 'no'
  answer: 'yes'
  feedback: Because.
  difficulty: easy
---

## Summary

One.

Two.
"""


ARCHIVE_FOLDER = pathlib.Path(__file__).resolve().parents[1] / "archive"
ARCHIVE = read_archive(ARCHIVE_FOLDER).entries


def test_every_archive_file_is_as_writes_writes_it_and_reads_back():
    """The archive was reformatted by `writes` once (issue 12): each file is what `writes` gives."""
    assert len(ARCHIVE) >= 30
    for entry in ARCHIVE:
        text = entryfile.writes(entry)
        assert entryfile.reads(text, "x.md") == entry, entry.id
        assert text == (ARCHIVE_FOLDER / f"{entry.id}.md").read_text(encoding="utf-8"), entry.id


def random_text(rng: random.Random) -> str:
    """Text as `reads` gives it back: whitespace folded, never empty, YAML's tricky cases mixed in."""
    while True:
        pieces = [rng.choice(TRICKY) if rng.randrange(2) else chr(rng.randrange(0x20, 0x3000))
                  for _ in range(rng.randrange(1, 6))]
        text = " ".join("".join(pieces).split())
        if text and text.isprintable():
            return text


def random_number(rng: random.Random) -> float:
    return rng.choice([0.0, -0.0, 0.28, -0.24, 1.0, 12.0, 1e-05, 1.5e20, 1e16, 0.1 + 0.2, float("inf"),
                       rng.uniform(-5, 5), rng.uniform(-1e-3, 1e-3)])


def random_stat(rng: random.Random) -> Stat:
    bounds = [rng.choice([None, random_number(rng)]) for _ in range(2)]
    low, high = sorted(bounds) if None not in bounds else bounds
    return Stat(rng.choice(STAT_KINDS), random_number(rng), low, high, random_text(rng))


def random_question(rng: random.Random) -> QuizItem:
    options = tuple(dict.fromkeys([random_text(rng) for _ in range(rng.randrange(3))] + ["A", "B"]))
    answers = tuple(rng.sample(options, rng.randrange(1, len(options))))
    return QuizItem(random_text(rng), options, answers, random_text(rng), rng.choice(DIFFICULTIES))


def random_entry(rng: random.Random, number: int) -> Entry:
    """A valid entry with random text in every text field, and every optional part present or not."""
    def texts(most: int) -> tuple[str, ...]:
        return tuple(random_text(rng) for _ in range(rng.randrange(most + 1)))

    def maybe(value):
        return value if rng.randrange(3) else None

    def paragraphs(least: int) -> tuple[str, ...]:  # a line starting with '#' would be a heading
        return tuple(random_text(rng).lstrip("# ") or "S." for _ in range(rng.randrange(least, 4)))

    citation = Citation(
        authors=tuple(Author(random_text(rng), maybe(random_text(rng))) for _ in range(rng.randrange(4))),
        year=maybe(rng.randrange(1900, 2100)), type=rng.choice(("article", "chapter", "book", "other")),
        et_al=rng.random() < 0.3, **{key: maybe(random_text(rng)) for key in entryfile.CITATION_STRINGS})
    return Entry(id=f"2020-01-entry-{number}", month="2020-01", title=random_text(rng), citation=citation,
                 summary=paragraphs(1), implications=paragraphs(0), topics=texts(3),
                 stats=tuple(random_stat(rng) for _ in range(rng.randrange(4))), incomplete=rng.random() < 0.2,
                 quiz=tuple(random_question(rng) for _ in range(rng.randrange(3))), prompts=texts(2))


def test_random_entries_read_back_the_same():
    rng = random.Random(32)
    for number in range(1500):
        entry = random_entry(rng, number)
        if re.match(r"(https?://(dx\.)?doi\.org/|doi:)", entry.citation.doi or "", flags=re.I):
            continue  # reads rightly stores a DOI link as the bare DOI
        text = entryfile.writes(entry)
        assert entryfile.reads(text, "x.md") == entry, text
