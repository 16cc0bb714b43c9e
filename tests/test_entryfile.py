from __future__ import annotations

import dataclasses
import pathlib
import random
import re

import pytest
from test_yamlio import Text as _Text
from test_yamlio import outcome, random_text, reference_dumps

from coursekit.archive import entryfile
from coursekit.model import DIFFICULTIES, STAT_KINDS, Author, Citation, Entry, QuizItem, Stat
from coursekit.archive.readers import read_archive

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


# --- writes: the same text as before its fixed-shape writer -----------------------------------
# The reference is `writes` as it was: the front matter built as dicts and written by the general
# emitter (test_yamlio's copy of it as it was).

REFERENCE_CITATION_STRINGS = ("title", "source", "volume", "issue", "pages", "doi", "url", "editors", "publisher")


def reference_writes(entry: Entry) -> str:
    front = reference_dumps(_reference_front_matter(entry))
    body = ["## Summary", *entry.summary]
    if entry.implications:
        body += ["## Practice Implications", *entry.implications]
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"


def _reference_front_matter(entry: Entry) -> dict:
    cit = entry.citation
    citation = {
        "type": cit.type,
        "authors": [{"family": a.family, "given": a.given} for a in cit.authors],
        "et_al": cit.et_al,
        "year": cit.year,
    }
    citation.update((key, getattr(cit, key)) for key in REFERENCE_CITATION_STRINGS)
    return {
        "id": entry.id,
        "month": entry.month,
        "title": entry.title,
        "citation": citation,
        "topics": list(entry.topics),
        "stats": [{"kind": s.kind, "value": s.value, "ci_low": s.ci_low, "ci_high": s.ci_high, "text": s.text}
                  for s in entry.stats],
        "incomplete": entry.incomplete,
        "quiz": [_reference_quiz_dict(item) for item in entry.quiz],
        "prompts": list(entry.prompts),
    }


def _reference_quiz_dict(item: QuizItem) -> dict:
    answer = item.answers[0] if len(item.answers) == 1 else list(item.answers)
    return {"stem": item.stem, "options": list(item.options), "answer": answer, "feedback": item.feedback,
            "difficulty": item.difficulty}


ARCHIVE = read_archive(pathlib.Path(__file__).resolve().parents[1] / "archive").entries


def test_every_archive_entry_is_written_as_before_and_reads_back():
    assert len(ARCHIVE) >= 30
    for entry in ARCHIVE:
        text = entryfile.writes(entry)
        assert text == reference_writes(entry), entry.id
        assert entryfile.reads(text, "x.md") == entry, entry.id


def random_number(rng: random.Random):
    return rng.choice([0.0, -0.0, 0.28, -0.24, 1.0, 12.0, 1e-05, 1.5e20, 1e16, 0.1 + 0.2, float("inf"), float("-inf"),
                       rng.uniform(-5, 5), rng.uniform(-1e-3, 1e-3)])


def random_entry(rng: random.Random, text) -> Entry:
    """An entry with `text(rng)` in every text field, and every optional part present or not."""
    def texts(most: int) -> tuple[str, ...]:
        return tuple(text(rng) for _ in range(rng.randrange(most + 1)))

    def maybe(value):
        return value if rng.randrange(3) else None

    stats, quiz = [], []
    for _ in range(rng.randrange(4)):  # a sentence with several statistics gives each the same text
        said = stats[-1].text if stats and rng.randrange(2) else text(rng)
        stats.append(Stat(rng.choice(STAT_KINDS), random_number(rng), maybe(random_number(rng)),
                          maybe(random_number(rng)), said))
    for _ in range(rng.randrange(3)):
        options = texts(4)
        quiz.append(QuizItem(text(rng), options, tuple(rng.sample(options, rng.randrange(len(options) + 1))),
                             text(rng), rng.choice(DIFFICULTIES)))
    citation = Citation(
        authors=tuple(Author(text(rng), maybe(text(rng))) for _ in range(rng.randrange(4))),
        year=maybe(rng.randrange(1900, 2100)), type=rng.choice(("article", "chapter", "book", "other")),
        et_al=rng.random() < 0.3, **{key: maybe(text(rng)) for key in REFERENCE_CITATION_STRINGS})
    return Entry(id=text(rng), month=text(rng), title=text(rng), citation=citation, summary=texts(3) or ("S.",),
                 implications=texts(2), topics=texts(3), stats=tuple(stats), incomplete=rng.random() < 0.2,
                 quiz=tuple(quiz), prompts=texts(2))


def test_random_entries_are_written_as_before():
    rng = random.Random(31)
    for _ in range(3000):
        entry = random_entry(rng, random_text)
        assert entryfile.writes(entry) == reference_writes(entry), entry


def readable_text(rng: random.Random) -> str:
    """Random text as `reads` gives it back: whitespace folded, never empty, no lone surrogates."""
    while True:
        text = " ".join(random_text(rng).split())
        if text and not any("\ud800" <= char <= "\udfff" for char in text):
            return text


def test_random_entries_read_back_the_same():
    rng = random.Random(32)
    checked = 0
    for _ in range(1500):
        entry = random_entry(rng, readable_text)
        entry = dataclasses.replace(entry, id=f"2020-01-entry-{checked}", month="2020-01",
                                    summary=tuple(p.lstrip("#") or "S." for p in entry.summary),
                                    implications=tuple(p.lstrip("#") or "I." for p in entry.implications))
        if not _reads_back_as_written(entry):
            continue  # reads would rightly refuse or normalise it (a bad quiz, a DOI link, a range backwards)
        text = entryfile.writes(entry)
        assert text == reference_writes(entry)
        assert entryfile.reads(text, "x.md") == entry, text
        checked += 1
    assert checked > 300


def _reads_back_as_written(entry: Entry) -> bool:
    """Whether `reads` keeps every field as it is: valid quiz items, stats and a DOI without a prefix."""
    doi = entry.citation.doi or ""
    quiz_ok = all(len(set(q.options)) == len(q.options) >= 2 and q.answers for q in entry.quiz)
    stats_ok = all(s.ci_low is None or s.ci_high is None or s.ci_low <= s.ci_high for s in entry.stats)
    doi_ok = not re.match(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", doi, flags=re.I)
    return quiz_ok and stats_ok and doi_ok and all(p[:1] not in "# " for p in entry.summary + entry.implications)


@pytest.mark.parametrize("change", [
    {"title": 5}, {"title": 2.5}, {"title": None}, {"title": True}, {"title": ["a", "b"]}, {"title": {"a": 1}},
    {"title": {}}, {"title": []}, {"title": (1, 2)}, {"title": {1, 2}}, {"id": _Text("yes")}, {"month": 202001},
    {"topics": "abc"}, {"topics": None}, {"topics": ({"x": 1}, ["y", ["z"]], 3, None, {}, [])},
    {"stats": (Stat("d", 1), Stat(["d"], {"v": 1}, (), None, 7))}, {"stats": 5}, {"incomplete": "no"},
    {"quiz": (QuizItem("S", ("a", "b"), ("a", "b"), "F"), QuizItem("S", (), (), "F"), QuizItem("S", "ab", "a", 3))},
    {"quiz": (QuizItem(["s"], ({"o": 1},), ({"o": 1},), None, ["hard"]),)}, {"quiz": (QuizItem("S", ("a",), 5, "F"),)},
    {"prompts": ("a", {1: 2}, {"k": {"j": []}})}, {"citation": None}, {"summary": None},
    {"citation": Citation(authors=(Author(["F"], {"g": 1}), Author(3)), year="1999", type=1.5, et_al=None,
                          title=["t"], doi={}, url=_Text("u"))},
    {"citation": Citation(authors=None)}, {"citation": Citation(authors=(Author("F"), None))},
])
def test_fields_of_other_types_are_written_or_refused_as_before(change):
    """Entries only ever hold text, numbers and tuples of them; anything else still gives the old output
    or the old error."""
    entry = dataclasses.replace(Entry("2020-01-x", "2020-01", "T", summary=("S.",)), **change)
    assert outcome(entryfile.writes, entry) == outcome(reference_writes, entry)
