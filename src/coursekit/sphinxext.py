"""A small Sphinx extension that the course's _config.yml loads (`extra_extensions`).

- It removes duplicate <script> entries: sphinx-thebe registers its inline configuration once per
  read pass, and the second copy redeclares a `const`, a JavaScript error on every page.
- It leaves out the saved ipywidgets state, which myst-nb embeds in the page (1.5 MB on a large
  exercises page, no setting turns it off). The static site loads no widget JavaScript
  (`nb_ipywidgets_js: {}`), so nothing reads it; the notebook opened live still shows the ipywidgets quiz.
- After the build it mends accessibility faults (WCAG 2.1 "label in name", "summary has a name"): the
  search field's aria-label hides its visible text, the colour-mode icons' titles are not in its label,
  the sidebar toggles have no name; and role="doc-biblioentry", which ARIA 1.3 deprecates, becomes
  "listitem" (inside its role="list" wrapper).
"""
from __future__ import annotations

import pathlib
import re
from typing import Any

SEARCH_FIELD_LABEL = re.compile(r'(<button class="[^"]*search-button-field[^"]*"[^>]*?) aria-label="Search"')
UNNAMED_SUMMARY = re.compile(r'<summary>(\s*<span class="toctree-toggle")')
THEME_ICON_TITLE = re.compile(r'(<i class="theme-switch [^"]*" data-mode="[a-z]+")\s+title="[^"]*"')
SUMMARY_LABEL = '<summary aria-label="Show or hide the pages of this section">'
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def accessible(page: str) -> str:
    """The page with the accessibility faults mended (idempotent)."""
    page = SEARCH_FIELD_LABEL.sub(r"\1", page)
    page = THEME_ICON_TITLE.sub(r"\1", page).replace(' role="doc-biblioentry"', ' role="listitem"')
    return UNNAMED_SUMMARY.sub(SUMMARY_LABEL + r"\1", page)


def _on_page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Keep the page's scripts each once, without saved widget state."""
    unique: dict[tuple[str, tuple], Any] = {}
    for script in context.get("script_files", ()):
        attributes = getattr(script, "attributes", {}) or {}
        if attributes.get("type") != WIDGET_STATE_TYPE:
            key = (str(getattr(script, "filename", script) or ""), tuple(sorted(attributes.items())))
            unique.setdefault(key, script)
    if "script_files" in context:
        context["script_files"][:] = unique.values()


def _on_build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for path in pathlib.Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        mended = accessible(text)
        if mended != text:
            path.write_text(mended, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _on_page_context)
    app.connect("build-finished", _on_build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
