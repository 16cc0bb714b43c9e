"""Entry ids: the one function every archive file name follows."""
from __future__ import annotations

import pathlib

import pytest

from coursekit.archive.ids import entry_id, slug
from coursekit.archive.readers import read_archive

REPO = pathlib.Path(__file__).resolve().parents[1]
ARCHIVE = read_archive(REPO / "archive", base=REPO)


@pytest.mark.parametrize("title, expected", [
    ("Therapeutic Relationship Factors that Work", "therapeutic-relationship-factors-that-work"),
    ("Is CBT the Gold Standard for Psychotherapy?", "is-cbt-the-gold-standard-for-psychotherapy"),
    ("Whose contribution (therapist or patient?) to the alliance mostly leads to change?",
     "whose-contribution-therapist-or-patient-to-the-alliance"),
    ("Rønnestad’s Ørsted Study – Øvrebø and Åsa", "rnnestads-rsted-study-vreb-and-asa"),
    ("Řezníček on Über-Therapists", "reznicek-on-uber-therapists"),
    ("Therapy for the", "therapy"),
    ("   ", ""),
])
def test_slug(title, expected):
    assert slug(title) == expected


def test_slug_is_cut_at_a_word_and_drops_trailing_stop_words():
    title = "Cognitive Behavior Therapy vs. Control Conditions and Other Treatments"
    assert slug(title) == "cognitive-behavior-therapy-vs-control-conditions-and-other"
    assert len(slug("word " * 40)) <= 60 and not slug("word " * 40).endswith("-")


def test_entry_id_joins_month_and_slug():
    assert entry_id("2021-08", "Patients Crying in Psychotherapy") == "2021-08-patients-crying-in-psychotherapy"


def test_archive_is_readable():
    assert ARCHIVE.problems == () and len(ARCHIVE.entries) == 30


@pytest.mark.parametrize("entry", ARCHIVE.entries, ids=lambda e: e.id)
def test_every_archive_id_is_entry_id_of_month_and_title(entry):
    assert entry.id == entry_id(entry.month, entry.title)
    assert pathlib.Path(entry.source_path).stem == entry.id
