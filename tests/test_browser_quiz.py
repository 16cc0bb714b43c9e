"""The static quiz in a real browser, offline: keyboard answers, live feedback, kept on reload;
practice sets answered by keyboard, drawn again wrong answers first, exported; the page's set
drawing checked against Python's."""
from __future__ import annotations

import json
import random

import pytest
from browser import (
    CHROMIUM_ARGS,
    block_non_loopback,
    chromium_path,
    offline_page,
    serve,
)
from conftest import REPO

from coursekit.content.quiz import Question, practice_history, practice_set
from coursekit.supervision.progress import read_progress

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def page(built_site):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with serve(built_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context, page, errors, blocked = offline_page(browser)
        page.base = base
        page.errors = errors
        yield page
        browser.close()


def choose_by_keyboard(page, question, option_index: int) -> None:
    button = question.locator(".ck-option").nth(option_index)
    button.focus()
    assert page.evaluate("document.activeElement.classList.contains('ck-option')")
    page.keyboard.press("Enter" if option_index % 2 == 0 else "Space")


def open_first_reading(page) -> None:
    page.locator("details.ck-group").first.locator("summary").click()


def test_answer_right_and_wrong_by_keyboard_then_reload(page):
    page.goto(f"{page.base}/exercises/alliance.html")
    open_first_reading(page)
    questions = page.locator("details.ck-group .ck-question")
    first, second = questions.nth(0), questions.nth(1)
    right = first.locator(".ck-option").evaluate_all(
        "buttons => buttons.findIndex(b => b.hasAttribute('data-correct'))")
    wrong = second.locator(".ck-option").evaluate_all(
        "buttons => buttons.findIndex(b => !b.hasAttribute('data-correct'))")
    choose_by_keyboard(page, first, right)
    choose_by_keyboard(page, second, wrong)
    assert first.locator("[aria-live]").inner_text().startswith("Correct.")
    assert second.locator("[aria-live]").inner_text().startswith("Not quite.")
    assert "Go to the reading" in second.locator("[aria-live]").inner_text()
    assert "2 of " in page.locator(".ck-quiz-score").inner_text()
    assert "Score: 1 of 2 correct." in page.locator(".ck-quiz-score").inner_text()

    page.reload()
    open_first_reading(page)
    first, second = questions.nth(0), questions.nth(1)
    assert first.locator("[aria-live]").inner_text().startswith("Correct.")
    assert second.locator("[aria-live]").inner_text().startswith("Not quite.")
    assert first.locator(".ck-option").nth(right).get_attribute("aria-pressed") == "true"
    assert second.locator(".ck-option").nth(wrong).get_attribute("aria-pressed") == "true"

    page.locator(".ck-reset").click()
    assert page.locator(".ck-quiz-score").inner_text().startswith("0 of ")
    page.reload()
    open_first_reading(page)
    assert first.locator("[aria-live]").inner_text() == ""
    assert page.errors == []


def test_answers_are_stored_under_the_quiz_key_in_the_progress_format(page):
    page.goto(f"{page.base}/exercises/treatment-length.html")
    question = page.locator(".ck-question").nth(0)
    question_id = question.get_attribute("data-question-id")
    choose_by_keyboard(page, question, 0)
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:quiz:treatment-length'))")
    chosen = question.locator(".ck-option").nth(0)
    assert stored == {question_id: {"option": 0, "correct": chosen.get_attribute("data-correct") is not None,
                                    "text": chosen.inner_text()}}
    assert page.errors == []


def test_reflection_typed_by_keyboard_is_kept_after_reload(page):
    page.goto(f"{page.base}/exercises/alliance.html")
    box = page.locator(".ck-reflection").nth(1)
    prompt_id = box.get_attribute("data-prompt-id")
    area = box.locator("textarea")
    assert area.get_attribute("id") == box.locator("label").get_attribute("for")
    text = "I would name the strain and ask what felt different today."
    area.focus()
    page.keyboard.type(text)
    assert box.locator(".ck-saved").inner_text() == "Saved in this browser."
    assert box.locator(".ck-saved").get_attribute("aria-live") == "polite"

    page.reload()
    box = page.locator(f'.ck-reflection[data-prompt-id="{prompt_id}"]')
    assert box.locator("textarea").input_value() == text
    assert page.locator(".ck-reflection").first.locator("textarea").input_value() == ""
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('coursekit:reflection:{prompt_id}'))")
    assert stored == {"text": text}
    assert page.errors == []


WRONG_AT = (1, 4, 7)  # the questions of the first set answered wrongly


def with_ids(ids: list[str]) -> list[Question]:
    """Questions that only their ids tell apart: all that drawing a set looks at."""
    return [Question(id=i, entry_id="e", stem="s", options=("a", "b"), answers=("a",), feedback="f",
                     difficulty="easy", reference="r", reading_url="u") for i in ids]


def focused(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def answer_set_question(page, right: bool) -> str:
    """Answer the set's question by keyboard (focus the option, press Enter); return its id."""
    question = page.locator(".ck-set-question")
    test = "b.hasAttribute('data-correct')" if right else "!b.hasAttribute('data-correct')"
    index = question.locator(".ck-option").evaluate_all(f"buttons => buttons.findIndex(b => {test})")
    question.locator(".ck-option").nth(index).focus()
    page.keyboard.press("Enter")
    return question.get_attribute("data-question-id")


def answer_a_set_of_ten(page) -> tuple[list[str], list[str]]:
    """The questions asked, and those answered wrongly; checks feedback and focus on the way."""
    practice = page.locator(".ck-practice")
    asked, wrong = [], []
    for position in range(10):
        assert practice.locator(".ck-set-progress").inner_text() == f"Set 1, question {position + 1} of 10."
        right = position not in WRONG_AT
        asked.append(answer_set_question(page, right))
        wrong += [] if right else asked[-1:]
        feedback = practice.locator(".ck-set-question .ck-feedback")
        assert feedback.get_attribute("aria-live") == "polite" and feedback.get_attribute("role") == "status"
        assert feedback.inner_text().startswith("Correct." if right else "Not quite.")
        assert "Go to the reading" in feedback.inner_text()
        assert focused(page, ".ck-set-next")
        assert page.locator(".ck-set-next").inner_text() == ("See my score" if position == 9 else "Next question")
        page.keyboard.press("Enter")
        if position < 9:
            assert focused(page, ".ck-set-question .ck-option[data-option='0']")
    return asked, wrong


def test_a_practice_set_by_keyboard_then_wrong_answers_first_after_reload_and_in_the_export(page, tmp_path):
    page.goto(f"{page.base}/exercises/alliance.html")
    practice = page.locator(".ck-practice")
    assert practice.is_visible() and not page.locator("details.ck-group[open]").count()
    asked, wrong = answer_a_set_of_ten(page)
    score = practice.locator(".ck-set-score")
    assert score.inner_text().startswith("7 of 10 correct.") and score.get_attribute("aria-live") == "polite"
    assert focused(page, ".ck-new-set") and len(set(asked)) == 10
    assert "Score: 7 of 10 correct." in page.locator(".ck-quiz-score").inner_text()  # the bank shows them too

    page.reload()
    assert score.inner_text().startswith("7 of 10 correct.")
    page.locator(".ck-new-set").focus()
    page.keyboard.press("Enter")
    assert practice.locator(".ck-set-progress").inner_text() == "Set 2, question 1 of 10."
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:practice:alliance'))")
    second = stored["current"]["questions"]
    assert sorted(second[:3]) == sorted(wrong) and not set(second[3:]) & set(asked)  # then unseen ones
    assert stored["wrong"] == {question_id: 1 for question_id in wrong} and stored["sets"] == 2
    assert practice.locator(".ck-set-question").get_attribute("data-question-id") == second[0]
    page.reload()
    assert practice.locator(".ck-set-question").get_attribute("data-question-id") == second[0]

    # Python draws the same second set from the same bank order, history and seed.
    bank = page.locator("details.ck-group .ck-question").evaluate_all(
        "questions => questions.map(q => q.getAttribute('data-question-id'))")
    history = practice_history({i: i not in wrong for i in asked}, stored["wrong"])
    assert [q.id for q in practice_set(with_ids(bank), history, 10, stored["seed"] + 2)] == second

    page.goto(f"{page.base}/book/progress.html")
    assert "Practice sets: 2." in page.locator(".ck-progress-modules").inner_text()
    page.locator("#ck-trainee").fill("Sam Lee")
    with page.expect_download() as download:
        page.locator("#ck-export-button").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["version"] == 2
    progress = read_progress(exported)  # the supervisor's validation accepts it
    sets = progress.practice["alliance"]
    assert (sets.sets, sets.wrong, list(sets.questions), sets.results) == (2, stored["wrong"], second, ())
    answers = progress.quizzes["alliance"]
    assert sorted(answers) == sorted(asked) and sorted(i for i, a in answers.items() if not a.correct) == sorted(wrong)
    assert page.errors == []


def test_a_set_from_one_reading(page):
    page.goto(f"{page.base}/exercises/alliance.html")
    reading = page.locator(".ck-set-reading")
    chosen = reading.locator("option").nth(2).get_attribute("value")
    reading.select_option(chosen)
    page.locator(".ck-new-set").click()
    group = page.locator(f'details.ck-group[data-entry-id="{chosen}"] .ck-question')
    in_reading = group.evaluate_all("questions => questions.map(q => q.getAttribute('data-question-id'))")
    size = min(10, len(in_reading))
    assert page.locator(".ck-set-progress").inner_text() == f"Set 2, question 1 of {size}."
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:practice:alliance'))")["current"]
    assert stored["reading"] == chosen and set(stored["questions"]) <= set(in_reading)
    page.reload()
    assert page.locator(".ck-set-reading").input_value() == chosen
    assert page.errors == []


@pytest.fixture
def script_page():
    """A blank page running only coursekit.js: no site needed."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context()
        block_non_loopback(context, [])
        page = context.new_page()
        page.set_content("<!doctype html><html lang='en'><title>t</title></html>")
        page.add_script_tag(path=str(REPO / "src" / "coursekit" / "assets" / "coursekit.js"))
        yield page
        browser.close()


def test_the_page_and_python_choose_the_same_sets(script_page):
    ids = [f"2020-01-e-q{n}" for n in range(40)]
    draw = ("([ids, correct, wrong, n, seed]) => "
            "coursekitPractice.practiceSet(ids, coursekitPractice.practiceHistory(correct, wrong), n, seed)")
    rng = random.Random(3)
    due_first = 0
    for _ in range(40):
        correct = {i: rng.random() < 0.5 for i in rng.sample(ids, rng.randrange(0, 40))}
        wrong = {i: rng.randrange(0, 6) for i, right in correct.items() if not right and rng.random() < 0.8}
        n, seed = rng.randrange(0, 45), rng.randrange(2**32 + 100)  # seeds count modulo 2**32 in both
        expected = [q.id for q in practice_set(with_ids(ids), practice_history(correct, wrong), n, seed)]
        assert script_page.evaluate(draw, [ids, correct, wrong, n, seed]) == expected
        due_first += bool(expected) and correct.get(expected[0]) is False
    assert due_first > 10  # the cases did exercise the wrong-first rule


# --- A bank loaded per reading (the default course's banks are small enough to stay on the page, so a
# page is assembled here from static_html, coursekit.js and the bank's files, and opened from file://).

PER_READING = {"2020-01-a": 4, "2021-02-b": 3, "2022-03-c": 5, "2022-04-d": 2, "2023-05-e": 3, "2024-06-f": 3}


def per_reading_bank() -> list[Question]:
    return [Question(id=f"{reading}-q{n}", entry_id=reading, stem=f"Question {n} on {reading}?",
                     options=("right", "wrong", "also wrong"), answers=("right",), feedback="Because.",
                     difficulty="easy", reference="A. (2020). Ref.", reading_url=f"../modules/m.html#{reading}",
                     reading_title=f"Reading {reading}")
            for reading, count in PER_READING.items() for n in range(1, count + 1)]


@pytest.fixture
def per_reading_page(tmp_path):
    """The quiz's page at site/exercises/m.html, coursekit.js and the bank files under site/_static."""
    from coursekit.content.quiz import bank_files, static_html
    from coursekit.writer import Output, write_outputs

    site = tmp_path / "site"
    script = (REPO / "src" / "coursekit" / "assets" / "coursekit.js").read_text(encoding="utf-8")
    files = [Output(path, text) for path, text in bank_files("m", per_reading_bank())]
    write_outputs(site, [*files, Output("_static/coursekit.js", script)])
    quiz = static_html("m", per_reading_bank(), grouped=True, set_size=4, per_reading=True)
    page_file = site / "exercises" / "m.html"
    page_file.parent.mkdir()
    page_file.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Exercises</title>"
                         f"<script src='../_static/coursekit.js'></script></head><body><main>{quiz}</main></body>"
                         "</html>", encoding="utf-8")
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context()
        blocked: list[str] = []
        context.route("http*://**/*", lambda route: (blocked.append(route.request.url), route.abort()))
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.site = site
        yield page
        browser.close()
    assert blocked == []  # file:// only: the page asked for nothing on a network


def loaded_readings(page) -> list[str]:
    return page.locator("details.ck-group[data-loaded]").evaluate_all(
        "groups => groups.map(g => g.getAttribute('data-entry-id'))")


def test_a_bank_loaded_per_reading_from_file_urls(per_reading_page):
    from playwright.sync_api import expect

    page = per_reading_page
    assert page.url.startswith("file://")
    asked = []
    for position in range(4):
        assert page.locator(".ck-set-progress").inner_text() == f"Set 1, question {position + 1} of 4."
        asked.append(answer_set_question(page, right=position > 0))
        feedback = page.locator(".ck-set-question .ck-feedback").inner_text()
        assert feedback.startswith("Not quite." if position == 0 else "Correct.") and "Because." in feedback
        page.keyboard.press("Enter")
    assert page.locator(".ck-set-score").inner_text().startswith("3 of 4 correct.")
    assert page.locator(".ck-quiz-score").inner_text() == "4 of 20 answered. Score: 3 of 4 correct."
    # Only the readings the set asked from were loaded, and the set is the one Python draws.
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:practice:m'))")
    bank = per_reading_bank()
    assert [q.id for q in practice_set(bank, {}, 4, stored["seed"] + 1)] == asked == stored["current"]["questions"]
    readings = {q.entry_id for q in bank if q.id in asked}
    assert sorted(loaded_readings(page)) == sorted(readings) and len(readings) < len(PER_READING)

    # Opening a reading loads its questions, answers shown; the section says so while it loads.
    unopened = next(r for r in PER_READING if r not in readings)
    wrong_reading = asked[0].rsplit("-q", 1)[0]
    for reading in (unopened, wrong_reading):
        page.locator(f'details.ck-group[data-entry-id="{reading}"] summary').click()
        group = page.locator(f'details.ck-group[data-entry-id="{reading}"]')
        expect(group.locator(".ck-question")).to_have_count(PER_READING[reading])  # loaded by a script: wait
        expect(group.locator(".ck-loading")).to_have_count(0)
    wrong = page.locator(f'details.ck-group .ck-question[data-question-id="{asked[0]}"] .ck-feedback')
    assert wrong.inner_text().startswith("Not quite.")

    # After a reload, a new set asks the wrongly answered question first; a set from one reading stays in it.
    page.reload()
    page.locator(".ck-new-set").click()
    assert page.locator(".ck-set-question").get_attribute("data-question-id") == asked[0]
    page.locator(".ck-set-reading").select_option("2022-03-c")
    page.locator(".ck-new-set").click()
    current = page.evaluate("JSON.parse(localStorage.getItem('coursekit:practice:m'))")["current"]
    assert len(current["questions"]) == 4 and all(i.startswith("2022-03-c-q") for i in current["questions"])
    assert page.locator(".ck-set-question").get_attribute("data-question-id") == current["questions"][0]
    assert page.errors == []


def test_a_missing_bank_file_is_reported_in_its_reading(per_reading_page):
    from playwright.sync_api import expect

    page = per_reading_page
    reading = page.locator("details.ck-group:not([data-loaded])").first.get_attribute("data-reading")
    (page.site / "_static" / "banks" / "m" / f"{reading}.mjs").unlink()
    page.locator(f'details.ck-group[data-reading="{reading}"] summary').click()
    status = page.locator(f'details.ck-group[data-reading="{reading}"] .ck-loading')
    expect(status).to_contain_text("could not be loaded")  # the script's error event comes later: wait for it
    assert status.get_attribute("role") == "status"
    assert page.errors == []
