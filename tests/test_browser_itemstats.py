"""Item statistics from progress files made in the real site: four trainees, each in their own browser,
answer the same practice set on the alliance exercises page by a script, export their progress from
"My progress", and `coursekit progress report --items` reports what the script answered."""
from __future__ import annotations

import collections
import csv
import io

import pytest
from browser import CHROMIUM_ARGS, chromium_path, offline_page, serve
from conftest import run_cli

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SEED = 12345  # every trainee's practice record starts from this seed, so all get the same set
FIRST_WRONG, LAST_WRONG = "first wrong", "last wrong"
# Per trainee, what they choose at each of the set's ten questions: True (the correct option) or a wrong one.
SCRIPT = (
    [True] * 10,
    [FIRST_WRONG] * 3 + [True] * 7,
    [FIRST_WRONG] * 2 + [LAST_WRONG] * 4 + [True] * 4,
    [LAST_WRONG] * 9 + [True],
)


def answer_the_set(page, script: list) -> list[tuple[str, bool, str]]:
    """Answer the practice set as `script` says; return (question id, correct, option text) per question."""
    answered = []
    for choice in script:
        question = page.locator(".ck-set-question")
        options = question.locator(".ck-option")
        correct = options.evaluate_all("buttons => buttons.map(b => b.hasAttribute('data-correct'))")
        texts = options.evaluate_all("buttons => buttons.map(b => b.textContent)")  # as the page records it
        wrong = [index for index, right in enumerate(correct) if not right]
        index = correct.index(True) if choice is True else wrong[0] if choice == FIRST_WRONG else wrong[-1]
        options.nth(index).focus()
        page.keyboard.press("Enter")
        answered.append((question.get_attribute("data-question-id"), correct[index], texts[index]))
        page.locator(".ck-set-next").click()
    assert page.locator(".ck-set-score").inner_text().startswith(f"{sum(c is True for c in script)} of 10 correct.")
    return answered


def trainee_session(browser, base: str, name: str, script: list, folder) -> tuple[list, object]:
    """One trainee in a browser of their own: the set answered, then the progress file exported."""
    context, page, errors, blocked = offline_page(browser)
    page.goto(f"{base}/exercises/alliance.html")
    page.evaluate(f"localStorage.setItem('coursekit:practice:alliance', JSON.stringify({{seed: {SEED}}}))")
    page.reload()
    answered = answer_the_set(page, script)
    page.goto(f"{base}/book/progress.html")
    page.locator("#ck-trainee").fill(name)
    with page.expect_download() as download:
        page.locator("#ck-export-button").click()
    exported = folder / f"{name}.json"
    download.value.save_as(exported)
    assert errors == [] and blocked == []
    context.close()
    return answered, exported


def expected_stats(sessions: list[list[tuple[str, bool, str]]]) -> dict[str, tuple[int, float, str, int]]:
    """By hand from what the trainees answered: per question, the answers, the share correct, and the
    most chosen wrong option with its count (ties: the option first in alphabetical order)."""
    answers = collections.defaultdict(list)
    for answered in sessions:
        for question, correct, text in answered:
            answers[question].append((correct, text))
    expected = {}
    for question, given in answers.items():
        wrong = collections.Counter(text for correct, text in given if not correct)
        top = max(wrong.values(), default=0)
        option = min((text for text, count in wrong.items() if count == top), default="")
        expected[question] = (len(given), sum(correct for correct, _ in given) / len(given), option, top)
    return expected


def test_item_statistics_of_four_trainees_on_the_real_site(built_site, tmp_path):
    from playwright.sync_api import sync_playwright

    with serve(built_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        sessions = [trainee_session(browser, base, f"Trainee {number}", script, tmp_path)
                    for number, script in enumerate(SCRIPT, start=1)]
        browser.close()
    asked = [[question for question, _, _ in answered] for answered, _ in sessions]
    assert all(questions == asked[0] for questions in asked) and len(set(asked[0])) == 10  # one set for all

    report = run_cli("progress", "report", "--items", "--min", "1", "--format", "csv",
                     *(str(path) for _, path in sessions), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    rows = {row["question"]: row for row in csv.DictReader(io.StringIO(report.stdout))}
    expected = expected_stats([answered for answered, _ in sessions])
    assert set(rows) == set(expected) == set(asked[0])
    for question, (answers, facility, option, count) in expected.items():
        row = rows[question]
        assert (int(row["answers"]), float(row["facility"])) == (answers, round(facility, 4)), question
        assert (row["wrong_option"], int(row["wrong_count"])) == (option, count), question
    # The script's pattern, read off the table: the last question everyone got right, the first two
    # only the strongest trainee (and the same wrong option twice: "first wrong" by two trainees).
    last, first = rows[asked[0][9]], rows[asked[0][0]]
    assert float(last["facility"]) == 1.0 and "too easy" in last["flags"] and last["wrong_option"] == ""
    assert float(first["facility"]) == 0.25 and "too hard" in first["flags"] and int(first["wrong_count"]) >= 2
