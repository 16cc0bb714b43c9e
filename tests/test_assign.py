"""`coursekit assign`: selection, escaping, the four files, the table of contents, errors."""
from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO, run_cli
from markup import start_tags

from coursekit.errors import InputError
from coursekit.model import Citation, Course, Entry, Module, QuizItem, Rule
from coursekit.planning import assignments
from coursekit.planning.themes import load_plan, plan_course
from coursekit.supervision import assign

RUPTURES = "2015-01-methods-of-repairing-alliance-ruptures"
EVIL = '<script>alert(1)</script> {raw}`x` [a](javascript:y) <img src=x onerror=z>'


@pytest.fixture(scope="module")
def plan():
    return load_plan(REPO)[0]


def hostile_plan():
    entry = Entry(id="2020-01-evil", month="2020-01", title=f"Title {EVIL}", summary=(f"Summary {EVIL}",),
                  implications=(f"Implication {EVIL}",), citation=Citation(year=2020, title=f"Paper {EVIL}"),
                  quiz=(QuizItem(f"Stem {EVIL}?", (f"Yes {EVIL}", "No"), (f"Yes {EVIL}",), f"Because {EVIL}"),),
                  prompts=(f"Prompt {EVIL}",))
    course = Course(title="T", modules=(Module(id="m", title="M", prompts=(f"Module prompt {EVIL}",),
                                               rule=Rule(entries=("2020-01-evil",))),))
    return plan_course(course, (entry,))



def test_selection_keeps_order_and_drops_repeats(plan):
    made = assign.build_assignment(plan, "Ruptures", ("Alex", " Alex "), "2026-12-01", "",
                                   (("entry", RUPTURES), ("module", "alliance"), ("query", "burnout")))
    ids = [r.id for r in made.readings]
    assert ids[0] == RUPTURES and len(ids) == len(set(ids))
    assert "2021-07-psychotherapist-burnout-affects-patient-outcomes" in ids
    assert made.to == ("Alex",) and made.slug == "ruptures" and made.quiz_id == "assignment-ruptures"
    assert made.module_prompts == ("alliance-p1",)
    assert made.readings[0].questions[0] == f"{RUPTURES}-q1" and made.readings[0].prompts[0] == f"{RUPTURES}-p1"
    assert made.readings[0].page == "modules/alliance.html"


def test_a_reading_only_in_further_reading_links_there(plan):
    further = plan.further_reading[0]
    made = assign.build_assignment(plan, None, ("Sam",), "2026-01-05", "", (("entry", further.id),))
    assert made.readings[0].module == "further-reading"
    assert made.title == "Readings for Sam, due 2026-01-05"


@pytest.mark.parametrize("picks, due, to, message", [
    ((("module", "nope"),), "2026-12-01", ("A",), "--module: no module 'nope' in course.yml"),
    ((("entry", "2099-01-nothing"),), "2026-12-01", ("A",), "--entry: no archive entry '2099-01-nothing'"),
    ((("query", "zzyzx"),), "2026-12-01", ("A",), "--query: no reading matches 'zzyzx'"),
    ((), "2026-12-01", ("A",), "nothing to assign"),
    ((("module", "alliance"),), "2026-02-30", ("A",), "--due: '2026-02-30' is not a date"),
    ((("module", "alliance"),), "1/12/2026", ("A",), "--due: '1/12/2026' is not a date"),
    ((("module", "alliance"),), "2026-12-01", (" ",), "--to: ' ' is not a name"),
])
def test_bad_requests_are_one_line_errors(plan, picks, due, to, message):
    with pytest.raises(InputError) as caught:
        assign.build_assignment(plan, "T", to, due, "", picks)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_data_file_round_trips(plan):
    made = assign.build_assignment(plan, "Round trip", ("A", "B"), "2026-12-01", "Line one\n\nLine two",
                                   (("module", "treatment-length"), ("entry", RUPTURES)))
    assert assignments.parse_assignment(assignments.data_yaml(made), "x.yml") == made


def test_archive_and_user_text_is_inert_in_page_handout_and_guide():
    plan = hostile_plan()
    made = assign.build_assignment(plan, f"Week {EVIL}", (f"Alex {EVIL}"[:90],), "2026-12-01", f"Note {EVIL}",
                                   (("module", "m"),))
    page = assign.page_markdown(made, plan)
    handout = assign.handout_html(made, plan)
    guide = assign.guide_markdown(made, plan)
    markdown_lines = [line for line in (page + guide).splitlines() if not line.startswith("<")]
    unescaped = re.compile(r"(?<!\\)[<`\[{]")
    assert len([line for line in markdown_lines if "alert" in line]) >= 6
    assert not [line for line in markdown_lines
                if "alert" in line and unescaped.search(re.sub(r"\{ref\}`[a-z0-9-]+`", "", line))]
    dangerous = {"script", "img", "iframe", "object", "embed"}
    page_html = "\n".join(line for line in page.splitlines() if line.startswith("<"))
    for markup in (page_html, handout):
        tags = start_tags(markup)
        assert not {tag for tag, _ in tags} & dangerous
        assert not [name for _, attrs in tags for name in attrs if name.startswith("on")]
    assert [attrs["data-prompt-id"] for tag, attrs in start_tags(page) if "data-prompt-id" in attrs] == \
        ["m-p1", "2020-01-evil-p1"]
    handout_tags = start_tags(handout)
    assert not [a for _, a in handout_tags if "src" in a or "href" in a]
    assert ("meta", {"http-equiv": "Content-Security-Policy",
                     "content": "default-src 'none'; style-src 'unsafe-inline'"}) in handout_tags


def test_guide_holds_the_answer_key(plan):
    made = assign.build_assignment(plan, "Key", ("A",), "2026-12-01", "", (("entry", RUPTURES),))
    guide = assign.guide_markdown(made, plan)
    assert "Answer key" in guide and "withdrawal rupture" in guide and "Points to draw out" in guide


def test_cli_assign_list_update_remove(default_course):
    args = ("assign", "--to", "Alex Doe", "--due", "2026-12-01", "--entry", RUPTURES, "--title", "Ruptures")
    created = run_cli(*args, cwd=default_course)
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("Created assignment 'Ruptures' for Alex Doe, due 2026-12-01: 1 readings")
    for path in ("book/assignments/ruptures.md", "book/assignments/ruptures.yml", "supervision/ruptures-handout.html",
                 "supervision/ruptures-guide.md"):
        assert (default_course / path).is_file(), path
    toc = yaml.safe_load((default_course / "_toc.yml").read_text())
    assert {"caption": "Assignments", "chapters": [{"file": "book/assignments/ruptures"}]} in toc["parts"]
    assert {"file": "book/progress"} in toc["parts"][0]["chapters"]
    assert "ruptures" in (default_course / "_static" / "coursekit-course.js").read_text()

    updated = run_cli(*args, "--module", "treatment-length", cwd=default_course)
    assert updated.stdout.startswith("Updated assignment 'Ruptures'")
    listed = run_cli("assign", "--list", cwd=default_course)
    assert listed.returncode == 0 and "2026-12-01  Ruptures  (for Alex Doe;" in listed.stdout

    removed = run_cli("assign", "--remove", "ruptures", cwd=default_course)
    assert removed.returncode == 0, removed.stderr
    assert not (default_course / "book" / "assignments" / "ruptures.md").exists()
    assert not (default_course / "supervision" / "ruptures-guide.md").exists()
    toc = yaml.safe_load((default_course / "_toc.yml").read_text())
    assert "Assignments" not in [part["caption"] for part in toc["parts"]]


@pytest.mark.parametrize("args, message", [
    (("--to", "A", "--due", "2026-12-01", "--module", "nope"), "error: --module: no module 'nope'"),
    (("--to", "A", "--due", "tomorrow", "--module", "alliance"), "error: --due: 'tomorrow' is not a date"),
    (("--to", "A", "--module", "alliance"), "error: --due: give the date"),
    (("--to", "A", "--due", "2026-12-01"), "error: nothing to assign"),
    (("--due", "2026-12-01", "--module", "alliance"), "error: --to: name the trainee or cohort"),
    (("--remove", "No such thing"), "error: --remove: no assignment titled 'No such thing'"),
    (("--list", "--to", "A"), "error: --list and --remove take no other options"),
])
def test_cli_assign_errors_are_one_line_exit_1(default_course, args, message):
    result = run_cli("assign", *args, cwd=default_course)
    assert result.returncode == 1 and result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (default_course / "book" / "assignments").exists()


def test_generate_twice_with_an_assignment_changes_nothing(default_course):
    from coursekit.site.generate import generate

    run_cli("assign", "--to", "A", "--due", "2026-12-01", "--module", "alliance", cwd=default_course)
    assert generate(default_course).report.written == []


def test_a_bad_assignment_file_is_a_problem_not_a_crash(default_course):
    from coursekit.site.generate import generate

    folder = default_course / "book" / "assignments"
    folder.mkdir(parents=True)
    (folder / "broken.yml").write_text("title: X\ndue: soon\nreadings: []\n")
    result = generate(default_course)
    assert "book/assignments/broken.yml: due: expected a date YYYY-MM-DD" in result.problems


@pytest.mark.parametrize("text, message", [
    ("title: X\nslug: x\ndue: '2026-02-30'\nreadings: []\n", "due: expected a date YYYY-MM-DD"),
    ("title: X\nslug: x\ndue: 2026-99-01\nreadings: []\n", "impossible value: month must be in 1..12"),
    ("title: X\nslug: ../../etc\ndue: '2026-02-01'\nreadings: []\n", "slug: expected a page name"),
    ("title: X\nslug: other\ndue: '2026-02-01'\nreadings: []\n", "slug: 'other' does not match the file name"),
    ("title: X\nslug: x\ndue: '2026-02-01'\nreadings: [{id: 1, questions: nope}]\n",
     "readings[0]: questions: expected a list of text"),
    ("- just a list\n", "expected key: value pairs"),
    ("title: X\nslug: x\nreadings: []\n", "due: missing"),
    ("title: X\nslug: x\ndue: '2026-02-01'\nreadings: [3]\n", "readings: expected a list of key: value tables"),
])
def test_hand_edited_assignment_files_are_checked(tmp_path, text, message):
    folder = tmp_path / "book" / "assignments"
    folder.mkdir(parents=True)
    (folder / "x.yml").write_text(text)
    found, problems = assignments.load_assignments(tmp_path)
    assert found == () and len(problems) == 1
    assert problems[0].startswith("book/assignments/x.yml: ") and message in problems[0]
