"""A small Sphinx extension that the course's _config.yml loads (`extra_extensions`).

It removes duplicate <script> entries from every page: sphinx-thebe registers its inline
configuration once per read pass, and the second copy redeclares a `const`, which is a
JavaScript error on every page of a stock Jupyter Book.
"""
from __future__ import annotations

from typing import Any


def unique_scripts(scripts: list[Any]) -> list[Any]:
    seen: set[tuple[str, tuple]] = set()
    unique = []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        key = (str(getattr(script, "filename", script) or ""), tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    return unique


def _on_page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if "script_files" in context:
        context["script_files"][:] = unique_scripts(list(context["script_files"]))


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _on_page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
