"""The references page's pybtex style, as a Sphinx extension (`coursekit.bibstyle`): a thin adapter
that reads each references.bib record back into a Citation and formats it with the reading cards'
APA 7 formatter (coursekit.content.citations), so a card and the references page print one text.

_config.yml loads it (`extra_extensions`) and selects it with `bibtex_default_style: coursekit-apa`
(the references page) and `bibtex_reference_style: coursekit-apa` (in-text citations):

    Safran, J. D., & Kraus, J. (2014). Alliance ruptures, impasses and enactments: A relational
    perspective. *Psychotherapy*, *51*, 381–387. https://doi.org/…
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from coursekit.content.citations import Reference, apa
from coursekit.model import Author, Citation
from coursekit.site import bibtex

STYLE_NAME = "coursekit-apa"  # both the bibliography style and the in-text reference style


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


def _apa_person() -> PersonStyle:
    return PersonStyle(sep=", ", sep2=" & ", last_sep=", & ", other=" et al.")


@dataclass
class ApaReferenceStyle(AuthorYearReferenceStyle):
    """In-text citations as APA writes them: (Safran & Kraus, 2014), Safran & Kraus (2014)."""

    bracket_textual: BracketStyle = dataclass_field(default_factory=_round)
    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=_round)
    bracket_year: BracketStyle = dataclass_field(default_factory=_round)
    person: PersonStyle = dataclass_field(default_factory=_apa_person)


def citation(entry: Any) -> Citation:
    """The Citation a pybtex entry of references.bib was written from."""
    return bibtex.citation(entry.type, entry.fields, _names(entry, "author"), _names(entry, "editor"))


def _names(entry: Any, role: str) -> tuple[Author, ...]:
    return tuple(Author(" ".join(p.prelast_names + p.last_names), " ".join(p.first_names + p.middle_names) or None)
                 for p in entry.persons.get(role, ()))


def rich_text(reference: Reference) -> Text:
    """The reference as pybtex rich text: italic spans emphasised, the DOI a link."""
    parts: list[Any] = [Tag("em", span.text) if span.italic else span.text for span in reference.spans()]
    return Text(*parts, *((" ", HRef(reference.link, reference.link)) if reference.link else ()))


class ApaStyle(BaseStyle):
    default_sorting_style = "author_year_title"

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        return FormattedEntry(entry.key, rich_text(apa(citation(entry))), label)


def listitem_roles(body: str) -> str:
    """docutils marks each reference role="doc-biblioentry", which ARIA 1.3 deprecates (axe reports it);
    inside docutils' role="list" wrapper, "listitem" is the role that fits."""
    return body.replace(' role="doc-biblioentry"', ' role="listitem"')


def _on_page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if isinstance(context.get("body"), str):
        context["body"] = listitem_roles(context["body"])


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _on_page_context)
    register_plugin("pybtex.style.formatting", STYLE_NAME, ApaStyle, force=True)
    bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, ApaReferenceStyle, force=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
