"""Archive text must render as itself: no HTML, no roles, no directives, no links."""
from __future__ import annotations

import random

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


def test_line_start_escapes_run_only_where_they_can_apply():
    """`myst` skips the two line-start patterns unless the text starts as they need; same result as always running them."""
    def always(text: str) -> str:
        flat = escape._INLINE.sub(escape._backslashed, " ".join(str(text).split()))
        return escape._ORDERED.sub(r"\1\\\2", escape._LINE_START.sub(r"\1\\\2", flat))

    rng = random.Random(4)
    pieces = ["-", "+", "(", "1", "12.", "3)", "\u0663.", " ", "\t", "a", "#", "*", ".", ")", "\u00b2", "x"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert escape.myst(text) == always(text), repr(text)
