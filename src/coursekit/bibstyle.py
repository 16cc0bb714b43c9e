"""An APA-like pybtex style for the references page, as a Sphinx extension (`coursekit.bibstyle`).

_config.yml loads it (`extra_extensions`) and selects it with `bibtex_default_style: coursekit-apa`
(the references page) and `bibtex_reference_style: coursekit-apa` (in-text citations):

    Safran, J. D., & Kraus, J. (2014). Alliance ruptures, impasses and enactments: A relational
    perspective. *Psychotherapy*, *51*, 381–387. https://doi.org/…

Every field except the year is optional, so an incomplete citation still gives a reference and
never a build warning. Titles keep the capitals they were given.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.template import FieldIsMissing, field, first_of, href, join, node, optional, sentence, tag
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

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


@node
def apa_names(children: Any, context: dict, role: str) -> Text:
    """'Family, F. M., Other, A., & Last, B.'; BibTeX's 'and others' becomes 'et al.'."""
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    style = context["style"]
    named = [p for p in persons if " ".join(p.last_names).lower() != "others"]
    formatted = [style.format_name(person, True) for person in named]
    if len(named) < len(persons):
        return join(sep=", ")[formatted + [Text("et al.")]].format_data(context)
    return join(sep=", ", sep2=", & ", last_sep=", & ")[formatted].format_data(context)


class ApaStyle(UnsrtStyle):
    default_name_style = "lastfirst"
    default_sorting_style = "author_year_title"

    def __init__(self, **options: Any) -> None:
        super().__init__(**{**options, "abbreviate_names": True})

    def _lead(self, title: Any) -> Any:
        year = join["(", first_of[optional[field("year")], "n.d."], ")"]
        return [optional[sentence[apa_names("author")]], sentence[year], optional[sentence[title]]]

    def _link(self) -> Any:
        doi = join["https://doi.org/", field("doi", raw=True)]
        url = field("url", raw=True)
        return first_of[optional[href(doi)[doi]], optional[href(url)[url]]]

    def get_article_template(self, e: Any) -> Any:
        volume = join[tag("em")[field("volume")], optional["(", field("number"), ")"]]
        source = sentence[optional[tag("em")[field("journal")]], optional[volume],
                          optional[field("pages", apply_func=dashify)]]
        return toplevel[*self._lead(field("title")), source, self._link()]

    def get_incollection_template(self, e: Any) -> Any:
        editors = optional[join[apa_names("editor"), " (Eds.),"]]
        pages = optional[join["(pp. ", field("pages", apply_func=dashify), ")"]]
        book = sentence[join(sep=" ")["In", editors, optional[tag("em")[field("booktitle")]], pages]]
        return toplevel[*self._lead(field("title")), book, optional[sentence[field("publisher")]], self._link()]

    def get_book_template(self, e: Any) -> Any:
        title = tag("em")[field("title")]
        return toplevel[*self._lead(title), optional[sentence[field("publisher")]], self._link()]

    def get_misc_template(self, e: Any) -> Any:
        return toplevel[*self._lead(field("title")), optional[sentence[field("howpublished")]], self._link()]


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
