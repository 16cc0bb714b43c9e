"""Archive text must render as itself: no HTML, no roles, no directives, no links."""
from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from coursekit.content import escape

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "{raw}`html <b>x</b>`",
    "```{eval-rst}\n.. raw:: html\n```",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "$x^2$ and {{ substitution }}",
    "% a comment",
    "(target)=",
    "1. not a list",
    "- not a bullet",
    "+ not a bullet",
    "3) not a list",
    "  12. indented, not a list",
    "# not a heading",
    "**not bold** _not italic_ `not code`",
    "| not | a table |",
    "&lt;script&gt; entity",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_myst_escape_renders_plain_text(attack):
    html = MarkdownIt("commonmark").render(escape.myst(attack))
    inner = html.strip()
    assert inner.startswith("<p>") and inner.endswith("</p>"), inner
    body = inner[3:-4]
    for tag in ("<script", "<img", "<a ", "<b>", "<strong", "<em", "<code", "<h1", "<li", "<table"):
        assert tag not in body, (attack, body)
    assert " ".join(attack.split()) == _unescape(body), "the text itself survives"


def _unescape(rendered: str) -> str:
    import html

    return html.unescape(rendered)


def test_html_escape_quotes_and_tags():
    assert escape.html('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,x", "https://a b", None, ""])
def test_url_rejects_non_http(value):
    assert escape.url(value) is None


def test_url_encodes_parentheses():
    assert escape.url("https://doi.org/10.1000/a(b)c") == "https://doi.org/10.1000/a%28b%29c"

