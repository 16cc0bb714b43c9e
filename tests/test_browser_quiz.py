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
