"""Archive text is untrusted: a hostile entry renders as inert text in the site and notebooks."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from browser import CHROMIUM_ARGS, block_non_loopback, chromium_path, serve
from conftest import FIXTURE_COURSE, copy_default_course, run_cli

pytestmark = [pytest.mark.slow, pytest.mark.browser]
HOSTILE = FIXTURE_COURSE.parent / "hostile" / "2022-01-hostile-entry.md"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    course = copy_default_course(tmp_path_factory.mktemp("hostile") / "course")
    shutil.copy(HOSTILE, course / "archive" / HOSTILE.name)
    result = run_cli("build", "--output", str(course / "out"), cwd=course)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return course


def test_notebook_markdown_is_escaped(hostile_site):
    notebook = json.loads((hostile_site / "modules" / "alliance.ipynb").read_text())
    card = next("".join(c["source"]) for c in notebook["cells"]
                if c["cell_type"] == "markdown" and "hostile-entry" in "".join(c["source"]))
    for raw in ("<script", "{raw}", "](javascript:", "<img", "{eval-rst}", "<svg", "<iframe"):
        unescaped = re.compile(r"(?<!\\)" + re.escape(raw[0]) + re.escape(raw[1:]))
        assert not unescaped.search(card), f"{raw} reaches MyST unescaped"


def test_no_injected_script_runs_in_the_site(hostile_site):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    site = hostile_site / "out" / "html"
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context()
        block_non_loopback(context, [])
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("modules/alliance.html", "exercises/alliance.html"):
            page.goto(f"{base}/{path}")
            page.mouse.move(10, 10)
            for option in page.locator(".ck-option:visible").all()[:4]:
                option.click()
            assert page.evaluate("window.__pwned === undefined"), page.evaluate("String(window.__pwned)")
            assert page.locator("#pwn-role, #pwn-impl, #pwn-div, iframe, svg[onload]").count() == 0
            assert page.locator('[href^="javascript:"], [src^="javascript:"]').count() == 0
            assert "<script>window.__pwned = " in page.inner_text("main"), "the payload shows as text"
        browser.close()
    assert dialogs == []
