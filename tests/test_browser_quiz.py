"""The static quiz in a real browser, offline: keyboard answers, live feedback, kept on reload."""
from __future__ import annotations

import pytest

from browser import CHROMIUM_ARGS, block_non_loopback, chromium_path, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def page(built_site):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with serve(built_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context()
        blocked: list[str] = []
        block_non_loopback(context, blocked)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.base = base
        page.errors = errors
        yield page
        browser.close()


def choose_by_keyboard(page, question, option_index: int) -> None:
    button = question.locator(".ck-option").nth(option_index)
    button.focus()
    assert page.evaluate("document.activeElement.classList.contains('ck-option')")
    page.keyboard.press("Enter" if option_index % 2 == 0 else "Space")


def test_answer_right_and_wrong_by_keyboard_then_reload(page):
    page.goto(f"{page.base}/exercises/alliance.html")
    questions = page.locator(".ck-question")
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
    first, second = page.locator(".ck-question").nth(0), page.locator(".ck-question").nth(1)
    assert first.locator("[aria-live]").inner_text().startswith("Correct.")
    assert second.locator("[aria-live]").inner_text().startswith("Not quite.")
    assert first.locator(".ck-option").nth(right).get_attribute("aria-pressed") == "true"
    assert second.locator(".ck-option").nth(wrong).get_attribute("aria-pressed") == "true"

    page.locator(".ck-reset").click()
    assert page.locator(".ck-quiz-score").inner_text().startswith("0 of ")
    page.reload()
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
