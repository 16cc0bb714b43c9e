"""The references page's pybtex style `coursekit-apa`, as a Sphinx extension: it reads each references.bib
record back into a Citation and formats it with the reading cards' APA 7 formatter (content.citations), so
a card and the references page print one text. _config.yml loads it (`extra_extensions`) and selects it as
`bibtex_default_style` (the references page) and `bibtex_reference_style` (in-text citations).
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

from coursekit.content.citations import apa
from coursekit.model import Author, Citation
from coursekit.site import bibtex

STYLE_NAME = "coursekit-apa"  # both the bibliography style and the in-text reference style


def _round() -> Any:
    return dataclass_field(default_factory=lambda: BracketStyle(left="(", right=")"))


@dataclass
class ApaReferenceStyle(AuthorYearReferenceStyle):
    """In-text citations as APA writes them: (Safran & Kraus, 2014), Safran & Kraus (2014)."""

    bracket_textual: BracketStyle = _round()
    bracket_parenthetical: BracketStyle = _round()
    bracket_year: BracketStyle = _round()
    person: PersonStyle = dataclass_field(
        default_factory=lambda: PersonStyle(sep=", ", sep2=" & ", last_sep=", & ", other=" et al."))


def citation(entry: Any) -> Citation:
    """The Citation a pybtex entry of references.bib was written from."""
    return bibtex.citation(entry.type, entry.fields, _names(entry, "author"), _names(entry, "editor"))


def _names(entry: Any, role: str) -> tuple[Author, ...]:
    return tuple(Author(" ".join(p.prelast_names + p.last_names), " ".join(p.first_names + p.middle_names) or None)
                 for p in entry.persons.get(role, ()))


class ApaStyle(BaseStyle):
    default_sorting_style = "author_year_title"

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        """The entry's APA reference as pybtex rich text: italic spans emphasised, the DOI a link."""
        reference = apa(citation(entry))
        parts: list[Any] = [Tag("em", span.text) if span.italic else span.text for span in reference.spans()]
        link = (" ", HRef(reference.link, reference.link)) if reference.link else ()
        return FormattedEntry(entry.key, Text(*parts, *link), label)


def setup(app: Any) -> dict[str, Any]:
    register_plugin("pybtex.style.formatting", STYLE_NAME, ApaStyle, force=True)
    bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, ApaReferenceStyle, force=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
