"""Item statistics from class results: facility, discrimination, the most chosen wrong option, flags."""
from __future__ import annotations

import csv
import io
import json
import math
import random

import pytest
from conftest import run_cli

from coursekit.supervision.itemstats import (
    NEGATIVE_DISCRIMINATION,
    TOO_EASY,
    TOO_HARD,
    ItemStats,
    item_stats,
)
from coursekit.supervision.progress import parse_progress


def progress_file(trainee: str, answers: dict[str, tuple[bool, str]], quiz: str = "alliance") -> dict:
    """A progress export in the schema; `answers` maps question id -> (correct, chosen option's text)."""
    return {"schema": "coursekit-progress", "version": 1, "trainee": trainee,
            "exported": "2026-11-30T10:00:00.000Z",
            "quizzes": {quiz: {q: {"option": 0 if correct else 1, "correct": correct, "text": text}
                               for q, (correct, text) in answers.items()}}}


def read(files: list[dict]):
    return [parse_progress(json.dumps(data), f"{data['trainee']}.json") for data in files]


# Five trainees, three questions (1 right, 0 wrong); the wrong options they chose in brackets.
#
#            q1  q2     q3     total
#   Ana       1   1      1       3
#   Ben       1   1      0 [X]   2
#   Cai       1   0 [Y]  1       2
#   Dee       0   0 [Z]  1       1
#   Eve       0   0 [Z]  0 [X]   0
#
# Facility: q1 3/5 = 0.6, q2 2/5 = 0.4, q3 3/5 = 0.6.
# Discrimination: r between the item score x and the rest score y = total - x (Sxy, Sxx, Syy are
# sums of products of deviations from the means):
#   q1: x = 1 1 1 0 0 (mean .6), y = 2 1 1 1 0 (mean 1.0)
#       dx = .4 .4 .4 -.6 -.6, dy = 1 0 0 0 -1
#       Sxy = .4 + .6 = 1.0, Sxx = 3(.16) + 2(.36) = 1.2, Syy = 2   -> r = 1.0 / sqrt(2.4) = 0.6455
#   q2: x = 1 1 0 0 0 (mean .4), y = 2 1 2 1 0 (mean 1.2)
#       dx = .6 .6 -.4 -.4 -.4, dy = .8 -.2 .8 -.2 -1.2
#       Sxy = .48 - .12 - .32 + .08 + .48 = .6, Sxx = 1.2, Syy = .64 + .04 + .64 + .04 + 1.44 = 2.8
#                                                                    -> r = .6 / sqrt(3.36) = 0.3273
#   q3: x = 1 0 1 1 0 (mean .6), y = 2 2 1 0 0 (mean 1.0)
#       dx = .4 -.6 .4 .4 -.6, dy = 1 1 0 -1 -1
#       Sxy = .4 - .6 + 0 - .4 + .6 = 0                              -> r = 0 (not negative: no flag)
# Most chosen wrong option: q2 "Z" (2 of 3 wrong answers), q3 "X" (2), q1: the wrong answers have no
# text recorded, so "option 2" (option index 1, counted from 1).
HAND = {
    "Ana": {"q1": (True, "A"), "q2": (True, "A"), "q3": (True, "A")},
    "Ben": {"q1": (True, "A"), "q2": (True, "A"), "q3": (False, "X")},
    "Cai": {"q1": (True, "A"), "q2": (False, "Y"), "q3": (True, "A")},
    "Dee": {"q1": (False, ""), "q2": (False, "Z"), "q3": (True, "A")},
    "Eve": {"q1": (False, ""), "q2": (False, "Z"), "q3": (False, "X")},
}


def hand_files() -> list[dict]:
    return [progress_file(name, answers) for name, answers in HAND.items()]


def test_facility_and_discrimination_match_the_hand_computation():
    items, fewer = item_stats(read(hand_files()))
    got = {item.question: item for item in items}
    assert fewer == 0 and sorted(got) == ["q1", "q2", "q3"]
    assert [got[q].answers for q in ("q1", "q2", "q3")] == [5, 5, 5]
    assert [got[q].facility for q in ("q1", "q2", "q3")] == pytest.approx([0.6, 0.4, 0.6])
    assert got["q1"].discrimination == pytest.approx(1.0 / math.sqrt(2.4))
    assert got["q2"].discrimination == pytest.approx(0.6 / math.sqrt(3.36))
    assert got["q3"].discrimination == pytest.approx(0.0, abs=1e-12)
    assert (got["q2"].wrong_option, got["q2"].wrong_count) == ("Z", 2)
    assert (got["q3"].wrong_option, got["q3"].wrong_count) == ("X", 2)
    assert (got["q1"].wrong_option, got["q1"].wrong_count) == ("option 2", 2)
    assert all(item.flags == () for item in items)


def test_a_question_answered_in_two_quizzes_counts_once_per_trainee():
    files = hand_files()
    files[0]["quizzes"]["assignment-x"] = {"q1": {"option": 0, "correct": True, "text": "A"}}
    got = {item.question: item for item in item_stats(read(files))[0]}
    assert got["q1"].answers == 5 and got["q1"].facility == pytest.approx(0.6)


def test_questions_below_the_minimum_are_left_out_and_counted():
    items, fewer = item_stats(read(hand_files()), minimum=6)
    assert items == [] and fewer == 3
    files = hand_files()
    files[0]["quizzes"]["alliance"]["rare"] = {"option": 0, "correct": True, "text": "A"}
    items, fewer = item_stats(read(files))
    assert "rare" not in [item.question for item in items] and fewer == 1


def stats(facility: float, discrimination: float | None) -> ItemStats:
    return ItemStats("q", 10, facility, discrimination, "", 0)


def test_flags_at_and_beyond_the_thresholds():
    assert stats(TOO_EASY, 0.3).flags == ()
    assert stats(TOO_EASY + 0.01, 0.3).flags == ("too easy",)
    assert stats(TOO_HARD, 0.3).flags == ()
    assert stats(TOO_HARD - 0.01, 0.3).flags == ("too hard",)
    assert stats(0.5, NEGATIVE_DISCRIMINATION).flags == ()
    assert stats(0.5, -0.01).flags == ("negative discrimination",)
    assert stats(1.0, None).flags == ("too easy",)  # everyone right: no correlation to compute
    assert stats(0.2, -0.4).flags == ("too hard", "negative discrimination")


# --- twenty simulated trainees --------------------------------------------------------------------

ITEMS = ("good-1", "good-2", "good-3", "good-4", "easy", "hard", "misleading")


def simulated_class(seed: int = 14, trainees: int = 20) -> list[dict]:
    """Trainees of spread ability; the "misleading" question is answered rightly by the weaker ones.
    Each skips a question now and then (as in practice sets); a wrong answer picks one of two texts."""
    rng = random.Random(seed)
    files = []
    for number in range(trainees):
        ability = (number + 0.5) / trainees
        knows = 1 / (1 + math.exp(-10 * (ability - 0.5)))  # steeply rising with ability
        chance = {"easy": 0.99, "hard": 0.1, "misleading": 1.0 - knows}
        answers = {}
        for item in ITEMS:
            if rng.random() < 0.1:
                continue
            correct = rng.random() < chance.get(item, knows)
            answers[item] = (correct, "right" if correct else rng.choice(("lure", "lure", "other")))
        files.append(progress_file(f"Trainee {number:02d}", answers))
    return files


def point_biserial(scores: list[int], rests: list[int]) -> float:
    """(M1 - M0) / s * sqrt(p q), with s the population SD of the rest scores: the textbook formula."""
    right = [r for x, r in zip(scores, rests) if x]
    wrong = [r for x, r in zip(scores, rests) if not x]
    p = len(right) / len(scores)
    mean = sum(rests) / len(rests)
    sd = math.sqrt(sum((r - mean) ** 2 for r in rests) / len(rests))
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * math.sqrt(p * (1 - p))


def test_twenty_simulated_trainees():
    files = simulated_class()
    items, fewer = item_stats(read(files))
    got = {item.question: item for item in items}
    assert fewer == 0 and sorted(got) == sorted(ITEMS)
    totals = [sum(correct for correct, _ in _answers(f).values()) for f in files]
    for item in ITEMS:
        answered = [(f, total) for f, total in zip(files, totals) if item in _answers(f)]
        scores = [int(_answers(f)[item][0]) for f, _ in answered]
        assert got[item].answers == len(answered)
        assert got[item].facility == pytest.approx(sum(scores) / len(scores))
        if 0 < sum(scores) < len(scores):
            rests = [total - score for (_, total), score in zip(answered, scores)]
            assert got[item].discrimination == pytest.approx(point_biserial(scores, rests))
    assert "too easy" in got["easy"].flags and "too hard" in got["hard"].flags
    assert "negative discrimination" in got["misleading"].flags
    assert all(got[f"good-{n}"].discrimination > 0 and not got[f"good-{n}"].flags for n in range(1, 5))
    assert got["good-1"].wrong_option == "lure"
    assert [item.question for item in items][:3] == ["easy", "hard", "misleading"]  # flagged ones first


def _answers(data: dict) -> dict[str, tuple[bool, str]]:
    return {q: (a["correct"], a["text"]) for q, a in data["quizzes"]["alliance"].items()}


# --- the command ---------------------------------------------------------------------------------

def write_all(folder, files: list[dict]) -> list[str]:
    paths = []
    for number, data in enumerate(files):
        path = folder / f"trainee-{number:02d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_cli_items_counts_good_files_and_names_the_bad_ones(tmp_path):
    paths = write_all(tmp_path, hand_files())
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "coursekit-progress", "version": 1, "quizzes": {"alliance": []}}', encoding="utf-8")
    missing = tmp_path / "missing.json"
    result = run_cli("progress", "report", "--items", *paths, str(bad), str(missing), cwd=tmp_path)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert errors[0] == f"error: {bad}: quizzes.alliance: expected a JSON object"
    assert errors[1].startswith(f"error: {missing}: cannot read") and len(errors) == 2
    header, *rows = result.stdout.splitlines()
    assert header.split()[:4] == ["question", "answers", "facility", "discrimination"]
    assert [row.split()[:4] for row in rows] == [["q1", "5", "0.60", "0.65"], ["q2", "5", "0.40", "0.33"],
                                                 ["q3", "5", "0.60", "0.00"]]
    assert "Z (2)" in rows[1]


def test_cli_items_minimum_and_a_clean_run(tmp_path):
    paths = write_all(tmp_path, hand_files())
    result = run_cli("progress", "report", "--items", "--min", "6", *paths, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.strip() == "note: 3 questions answered by fewer than 6 trainees are not shown (--min)"


def test_cli_items_markdown_and_csv(tmp_path):
    files = hand_files()
    files[1]["quizzes"]["alliance"]["q3"]["text"] = files[4]["quizzes"]["alliance"]["q3"]["text"] = "=1+1 | *X*"
    paths = write_all(tmp_path, files)
    markdown = run_cli("progress", "report", "--items", "--format", "markdown", *paths, cwd=tmp_path).stdout
    assert markdown.startswith("| question | answers | facility | discrimination | most chosen wrong option | flags |")
    assert "\\=1\\+1 \\| \\*X\\* (2)" in markdown
    table = run_cli("progress", "report", "--items", "--format", "csv", *paths, cwd=tmp_path).stdout
    rows = {row["question"]: row for row in csv.DictReader(io.StringIO(table))}
    assert rows["q3"]["wrong_option"] == "'=1+1 | *X*" and rows["q3"]["wrong_count"] == "2"
    assert float(rows["q1"]["discrimination"]) == pytest.approx(0.6455, abs=1e-4)
    assert (rows["q2"]["facility"], rows["q2"]["flags"]) == ("0.4", "")


def test_cli_items_flags_in_the_table(tmp_path):
    paths = write_all(tmp_path, simulated_class())
    rows = run_cli("progress", "report", "--items", *paths, cwd=tmp_path).stdout.splitlines()[1:]
    flagged = {row.split()[0]: row for row in rows}
    assert flagged["easy"].rstrip().endswith("too easy")
    assert "negative discrimination" in flagged["misleading"] and flagged["good-1"].rstrip().endswith("-")
