"""coursekit.text: the one month table, the archive order, the one sentence splitter and case folding."""
from __future__ import annotations

import pathlib
import random
import re

import pytest

from coursekit.model import Entry
from coursekit.text import (
    archive_order,
    folded,
    long_date,
    month_label,
    month_of,
    sentence_spans,
    sentences,
)

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize("month, label", [("2023-07", "July 2023"), ("2015-01", "January 2015"),
                                          ("1999-12", "December 1999"), ("2020-09", "September 2020")])
def test_month_label(month, label):
    assert month_label(month) == label


def test_every_month_label_reads_back_as_its_month():
    for number in range(1, 13):
        month = f"2021-{number:02d}"
        assert month_of(month_label(month)) == month


@pytest.mark.parametrize("heading, month", [
    ("July 2023", "2023-07"), ("july 2023", "2023-07"), ("Jul. 2023", "2023-07"), ("Sept 2021", "2021-09"),
    ("Sep, 2021", "2021-09"), ("May 2019", "2019-05"), ("Mayday 2019", None), ("July", None), ("July 1899", None),
    ("Published July 2023", None), ("July 2023 was warm", None)])
def test_month_of_a_heading(heading, month):
    assert month_of(heading) == month


def test_long_date_is_english_and_unpadded():
    assert long_date("2024-03-15") == "Friday 15 March 2024"
    assert long_date("2025-01-05") == "Sunday 5 January 2025"


def entry(entry_id: str, month: str) -> Entry:
    return Entry(id=entry_id, month=month, title=entry_id)


def test_archive_order_is_newest_month_first_then_id():
    entries = [entry("b", "2020-01"), entry("a", "2019-12"), entry("c", "2023-07"), entry("a2", "2020-01")]
    assert [e.id for e in sorted(entries, key=archive_order)] == ["c", "a2", "b", "a"]


@pytest.mark.parametrize("paragraph, expected", [
    ("One. Two! Three? 4 is a number.", ["One.", "Two!", "Three?", "4 is a number."]),
    ("The effect was d = .58 overall. Next.", ["The effect was d = .58 overall.", "Next."]),
    ("Therapy vs. control, e.g. CBT, as Smith et al. Found. Done.",
     ["Therapy vs. control, e.g. CBT, as Smith et al. Found.", "Done."]),
    ("J. C. Norcross and the U.S. Army. Then more.", ["J. C. Norcross and the U.S. Army.", "Then more."]),
    ('He said "stop." Then left. (See below.) Fine.', ['He said "stop."', "Then left.", "(See below.)", "Fine."]),
    ("Not a sentence end. lower case goes on.", ["Not a sentence end. lower case goes on."]),
    ("A decimal 0.5 and 3.Five.", ["A decimal 0.5 and 3.Five."]),
    ("Ends here. Øvrebø starts the next.", ["Ends here.", "Øvrebø starts the next."]),
    ("", []),
])
def test_sentences_hand_checked(paragraph, expected):
    assert sentences(paragraph) == expected


def test_sentence_spans_cover_the_paragraph_in_order():
    rng = random.Random(12)
    pieces = ["Word", " ", ". ", "? ", "e.g.", "vs.", "U.S.", "J.", "\n", "(", ")", '"', "A", "1", "a"]
    for _ in range(2000):
        paragraph = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        spans = sentence_spans(paragraph)
        assert spans[0][0] == 0 and spans[-1][1] == len(paragraph)
        assert all(a[1] == b[0] and a[0] <= a[1] for a, b in zip(spans, spans[1:]))
        # every cut but the last follows a stop (and closers) and whitespace
        for start, end in spans[:-1]:
            assert paragraph[start:end].rstrip()[-1] in ".!?)\"”’]" and paragraph[end - 1].isspace()


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}")
def test_seed_paragraphs_split_into_sentences_that_end_in_a_stop():
    from coursekit.ingest.pages import parse_page, read_text_page
    paragraphs = [p for path in sorted(SEEDS.glob("*.txt"))
                  for e in parse_page(read_text_page(path.read_bytes())).entries for p in e.summary + e.implications]
    found = [s for p in paragraphs for s in sentences(p)]
    assert len(found) > 2 * len(paragraphs)
    assert " ".join(found) == " ".join(" ".join(paragraphs).split())  # nothing lost or added but whitespace
    cut_after = [s.split()[-1] for p in paragraphs for s in sentences(p)[:-1]]
    assert not [w for w in cut_after if w.lower().rstrip(".") in {"e.g", "i.e", "vs", "al"}]


def test_ignorecase_table_lists_every_non_ascii_match_of_an_ascii_letter():
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    matched = {char: letter for letter in "abcdefghijklmnopqrstuvwxyz"
               for char in re.findall(letter, everything, re.IGNORECASE) if char.lower() != letter}
    assert {char: folded(char) for char in matched} == matched
    assert folded("\u0130NCIDENCE \u017fMD") == "incidence smd"
    assert len(folded(everything)) == len(everything)  # no character lowercases to two
