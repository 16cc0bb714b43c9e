"""Progress files: the schema shared with live.py, validation of untrusted files, the report."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from conftest import run_cli

from coursekit import live
from coursekit.site.generate import course_data_js
from coursekit.supervision import progress
from coursekit.supervision.assign import Assignment, Reading
from coursekit.supervision.progress import (
    ProgressError,
    parse_progress,
    row_for,
    rows_for,
)

ASSIGNMENT = Assignment(
    title="Ruptures", slug="ruptures", to=("Alex Doe",), due="2026-12-01",
    readings=(Reading("2015-01-r", "R", "alliance", questions=("2015-01-r-q1", "2015-01-r-q2"),
                      prompts=("2015-01-r-p1",)),
              Reading("2016-01-s", "S", "alliance", questions=("2016-01-s-q1",)),
              Reading("2017-01-t", "T", "further-reading")),
    module_prompts=("alliance-p1",))


def export(**changes) -> dict:
    data = {
        "schema": "coursekit-progress", "version": 1, "trainee": "Alex Doe", "exported": "2026-11-30T10:00:00.000Z",
        "quizzes": {"assignment-ruptures": {"2015-01-r-q1": {"option": 0, "correct": True, "text": "A"}},
                    "alliance": {"2015-01-r-q2": {"option": 2, "correct": False, "text": "C"},
                                 "2016-01-s-q1": {"option": 1, "correct": True, "text": "B"}}},
        "reflections": {"2015-01-r-p1": {"text": "I noticed the client withdraw."}, "alliance-p1": {"text": "  "}},
        "visits": {"modules/alliance.html": {"count": 2, "first": "2026-11-01T09:00:00Z",
                                             "last": "2026-11-02T09:00:00Z"}},
    }
    data.update(changes)
    return data


def parsed(**changes):
    return parse_progress(json.dumps(export(**changes)), "alex.json")


def test_live_notebook_progress_uses_the_same_schema():
    empty = parse_progress(json.dumps(live.empty_progress()), "progress.json")
    assert empty.quizzes == {} and empty.exported is None


def test_a_valid_export_is_read():
    got = parsed()
    assert got.trainee == "Alex Doe" and got.exported.date().isoformat() == "2026-11-30"
    assert got.quizzes["alliance"]["2016-01-s-q1"].correct is True
    assert got.visits == {"modules/alliance.html": 2}


def test_version_2_adds_practice_sets_and_a_version_1_file_still_reads():
    sets = {"alliance": {"seed": 4294967295, "sets": 3, "wrong": {"2015-01-r-q2": 2},
                         "current": {"reading": "", "questions": ["2015-01-r-q2", "2016-01-s-q1"], "results": [True]}}}
    got = parsed(version=2, practice=sets)
    assert got.practice["alliance"] == progress.Practice(
        seed=4294967295, sets=3, wrong={"2015-01-r-q2": 2}, reading="",
        questions=("2015-01-r-q2", "2016-01-s-q1"), results=(True,))
    old = parsed()  # version 1, as exported before practice sets
    assert old.practice == {} and old.quizzes == got.quizzes and row_for(old, ASSIGNMENT) == row_for(got, ASSIGNMENT)
    assert live.empty_progress()["version"] == 2


def test_row_counts_answers_from_any_quiz_readings_and_reflections():
    row = row_for(parsed(), ASSIGNMENT)
    assert (row.answered, row.correct, row.questions) == (3, 2, 3)
    assert (row.readings_done, row.readings) == (2, 3)  # T has no questions and its page was not visited
    assert (row.reflections, row.prompts) == (1, 2)  # a blank reflection does not count
    assert row.status == "on time"
    assert row_for(parsed(exported="2026-12-02T00:00:01+00:00"), ASSIGNMENT).status == "late"


def test_a_reading_without_questions_is_done_once_its_page_was_visited():
    visits = {"modules/further-reading.html": {"count": 1}}
    assert row_for(parsed(visits=visits), ASSIGNMENT).readings_done == 3


def test_a_cohort_member_who_worked_on_an_assignment_gets_a_row():
    cohort = replace(ASSIGNMENT, to=("Cohort 2026",))
    assert [r.assignment for r in rows_for(parsed(trainee="Sam"), (cohort,))] == ["Ruptures"]
    idle = parsed(trainee="Sam", quizzes={}, reflections={})
    assert [r.assignment for r in rows_for(idle, (cohort,))] == ["(no assignment)"]


@pytest.mark.parametrize("changes, field", [
    ({"schema": "other"}, "alex.json: schema: expected \"coursekit-progress\""),
    ({"version": "1"}, "alex.json: version: expected one of: 1, 2"),
    ({"version": True}, "alex.json: version: expected one of: 1, 2"),
    ({"version": 3}, "alex.json: version: expected one of: 1, 2"),
    ({"practice": {"m": {"seed": -1}}}, "alex.json: practice.m.seed: expected a whole number from 0"),
    ({"practice": {"m": {"wrong": {"q": "2"}}}}, "alex.json: practice.m.wrong.q: expected a whole number"),
    ({"practice": {"m": {"current": {"questions": ["a"], "results": [True, False]}}}},
     "alex.json: practice.m.current.results: expected a list of true or false"),
    ({"practice": {"m": {"current": {"questions": [1]}}}}, "alex.json: practice.m.current.questions: expected"),
    ({"practice": {"m": {"level": 1}}}, "alex.json: practice.m.level: unknown key"),
    ({"extra": 1}, "alex.json: extra: unknown key"),
    ({"trainee": "Alex\u001b[31m"}, "alex.json: trainee: expected a name"),
    ({"trainee": "x" * 101}, "alex.json: trainee: expected a name"),
    ({"exported": "yesterday"}, "alex.json: exported: expected an ISO 8601 time"),
    ({"quizzes": []}, "alex.json: quizzes: expected a JSON object"),
    ({"quizzes": {"q": {"a": {"option": 1, "correct": "yes"}}}}, "alex.json: quizzes.q.a.correct: expected true"),
    ({"quizzes": {"q": {"a": {"option": -1, "correct": True}}}}, "alex.json: quizzes.q.a.option: expected a whole"),
    ({"quizzes": {"q": {"a": {"option": 1, "correct": True, "x": 1}}}}, "alex.json: quizzes.q.a.x: unknown key"),
    ({"reflections": {"p": {"text": "x" * 50_001}}}, "alex.json: reflections.p.text: expected text of at most"),
    ({"reflections": {"p": "just text"}}, "alex.json: reflections.p: expected a JSON object"),
    ({"visits": {"a.html": {"count": 1.5}}}, "alex.json: visits.a.html.count: expected a whole number"),
    ({"visits": {"": {"count": 1}}}, "alex.json: visits.: expected an id"),
])
def test_bad_fields_are_named_in_one_line(changes, field):
    with pytest.raises(ProgressError) as caught:
        parsed(**changes)
    assert str(caught.value).startswith(field) and "\n" not in str(caught.value)


def test_too_many_items_and_bad_json_are_rejected():
    many = {f"p{n}": {"text": "x"} for n in range(progress.MAX_ITEMS + 1)}
    with pytest.raises(ProgressError, match="reflections: more than"):
        parsed(reflections=many)
    with pytest.raises(ProgressError, match=r"^bad.json: not valid JSON \(line 1"):
        parse_progress("{nope", "bad.json")
    with pytest.raises(ProgressError, match="^deep.json: "):
        parse_progress("[" * 100_000 + "]" * 100_000, "deep.json")


@pytest.fixture
def course_with_assignment(default_course):
    result = run_cli("assign", "--to", "Alex Doe", "--due", "2026-12-01", "--title", "Ruptures",
                     "--entry", "2015-01-methods-of-repairing-alliance-ruptures", cwd=default_course)
    assert result.returncode == 0, result.stderr
    return default_course


def write_export(folder, name, data) -> str:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_cli_report_reports_good_files_and_names_the_bad_one(course_with_assignment, tmp_path):
    good = export(quizzes={"assignment-ruptures": {
        "2015-01-methods-of-repairing-alliance-ruptures-q1": {"option": 0, "correct": True, "text": "A"}}},
        reflections={"2015-01-methods-of-repairing-alliance-ruptures-p1": {"text": "Thoughts."}})
    files = [write_export(tmp_path, "alex.json", good),
             write_export(tmp_path, "bad.json", export(quizzes={"q": {"a": {"option": 1, "correct": 1}}}))]
    result = run_cli("progress", "report", *files, cwd=course_with_assignment)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"error: {files[1]}: quizzes.q.a.correct: expected true or false"]
    header, row = result.stdout.splitlines()
    assert header.split()[:3] == ["trainee", "assignment", "due"]
    assert row.startswith("Alex Doe") and "Ruptures" in row and "1/1 correct (1 of " in row and "on time" in row


def test_cli_report_markdown_and_csv(course_with_assignment, tmp_path):
    data = export(trainee="=HYPERLINK(\"x\") | Alex")
    path = write_export(tmp_path, "alex.json", data)
    markdown = run_cli("progress", "report", path, "--format", "markdown", cwd=course_with_assignment).stdout
    assert markdown.startswith("| trainee | assignment | due |") and "\\| Alex" in markdown
    table = run_cli("progress", "report", path, "--format", "csv", cwd=course_with_assignment).stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    assert rows[0]["trainee"].startswith("'=HYPERLINK") and rows[0]["assignment"] == "Ruptures"
    assert (rows[0]["readings"], rows[0]["status"]) == ("1", "on time")


def test_the_progress_page_data_lists_modules_and_assignments():
    from conftest import REPO

    from coursekit.planning.themes import load_plan

    plan = load_plan(REPO)[0]
    data = json.loads(course_data_js(plan, (ASSIGNMENT,)).split(" = ", 1)[1].rstrip().rstrip(";"))
    assert data["modules"][0]["pages"] == ["modules/alliance.html", "exercises/alliance.html"]
    shown = data["assignments"][0]
    assert (shown["page"], shown["quiz"], shown["due"]) == ("book/assignments/ruptures.html", "assignment-ruptures",
                                                           "2026-12-01")
    assert shown["prompts"] == ["alliance-p1", "2015-01-r-p1"]
    assert shown["readings"][2] == {"id": "2017-01-t", "title": "T", "page": "modules/further-reading.html",
                                    "questions": []}
    hostile = replace(ASSIGNMENT, title="</script><script>alert(1)</script>")
    script = course_data_js(plan, (hostile,))
    assert script.startswith("// ") and "window.coursekitCourse = {" in script and "</" not in script
    body = script.split(" = ", 1)[1].rstrip().rstrip(";")
    assert json.loads(body)["assignments"][0]["title"] == hostile.title
