"""Supervisor to trainee and back: assign two modules, build, work in the browser, export, report."""
from __future__ import annotations

import json

import pytest
from browser import CHROMIUM_ARGS, chromium_path, offline_page, serve
from conftest import copy_default_course, run_cli

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TITLE = "Ruptures and session limits"
SLUG = "ruptures-and-session-limits"


@pytest.fixture(scope="module")
def assigned_course(tmp_path_factory):
    """The default course with one assignment (two modules), built into course/out/html."""
    chromium_path()  # skip before the build when there is no browser
    course = copy_default_course(tmp_path_factory.mktemp("assigned") / "course")
    made = run_cli("assign", "--to", "Alex Doe", "--due", "2099-12-31", "--module", "alliance",
                   "--module", "treatment-length", "--title", TITLE, "--note", "Read these before we meet.",
                   cwd=course)
    assert made.returncode == 0, made.stderr
    built = run_cli("build", "--output", str(course / "out"), cwd=course)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return course


@pytest.fixture
def browser_page(assigned_course):
    from playwright.sync_api import sync_playwright

    with serve(assigned_course / "out" / "html") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context, page, errors, blocked = offline_page(browser)
        yield page, base, errors, blocked
        browser.close()


def option_index(question, correct: bool) -> int:
    test = "b.hasAttribute('data-correct')" if correct else "!b.hasAttribute('data-correct')"
    return question.locator(".ck-option").evaluate_all(f"buttons => buttons.findIndex(b => {test})")


def work_on_the_assignment(page, base) -> None:
    page.goto(f"{base}/book/assignments/{SLUG}.html")
    assert "Read these before we meet." in page.inner_text("main")
    first, second = page.locator(".ck-question").nth(0), page.locator(".ck-question").nth(1)
    first.locator(".ck-option").nth(option_index(first, True)).click()
    second.locator(".ck-option").nth(option_index(second, False)).click()
    assert "Score: 1 of 2 correct." in page.locator(".ck-quiz-score").inner_text()
    box = page.locator(".ck-reflection").first
    box.locator("textarea").fill("A rupture I missed: the client went quiet after I changed the subject.")
    assert box.locator(".ck-saved").inner_text() == "Saved in this browser."
    page.locator("a[href*='modules/alliance.html#ck-alliance-']").first.click()
    page.wait_for_url("**/modules/alliance.html*")


def test_assign_build_answer_export_and_report(browser_page, assigned_course, tmp_path):
    page, base, errors, blocked = browser_page
    work_on_the_assignment(page, base)

    page.goto(f"{base}/book/progress.html")
    assignment = page.locator(".ck-progress-assignment").first
    assert assignment.get_attribute("data-assignment") == SLUG
    counts = assignment.inner_text()
    assert "Quiz: 1 correct of 2 answered" in counts and "Reflections: 1 of " in counts
    assert "visited" in page.locator(".ck-progress-modules li").first.inner_text()

    page.locator("#ck-export-button").click()
    assert page.locator("#ck-export-status").inner_text().startswith("Type your name first")
    page.locator("#ck-trainee").fill("Alex Doe")
    with page.expect_download() as download_info:
        page.locator("#ck-export-button").click()
    exported = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(exported)

    data = json.loads(exported.read_text(encoding="utf-8"))
    assert (data["schema"], data["version"], data["trainee"]) == ("coursekit-progress", 2, "Alex Doe")
    assert set(data) == {"schema", "version", "trainee", "exported", "quizzes", "practice", "reflections", "visits"}
    assert data["practice"] == {}  # no practice set: the exercises pages were not opened
    assert len(data["quizzes"][f"assignment-{SLUG}"]) == 2
    assert data["visits"]["modules/alliance.html"]["count"] >= 1

    report = run_cli("progress", "report", str(exported), cwd=assigned_course)
    assert report.returncode == 0, report.stderr
    row = next(line for line in report.stdout.splitlines() if line.startswith("Alex Doe"))
    assert TITLE in row and "2099-12-31" in row and "1/2 correct" in row and "on time" in row
    assert " 1 of " in row.split("answered)")[1]  # one reflection written
    assert errors == [] and blocked == []


def test_progress_page_without_any_work(browser_page):
    page, base, errors, _ = browser_page
    page.goto(f"{base}/book/progress.html")
    assert "Quiz: 0 correct of 0 answered" in page.locator(".ck-progress-assignment").first.inner_text()
    assert "not written any reflections" in page.locator(".ck-progress-reflections").inner_text()
    assert errors == []
