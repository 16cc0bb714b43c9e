"""references.bib, the cards' "Cite as" lines, the references page's style (the cards' APA text), and the
built references page."""
from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import REPO
from markdown_it import MarkdownIt
from pybtex.database import parse_string
from pybtex.plugin import find_plugin, register_plugin

from coursekit import bibstyle, sphinxext
from coursekit.archive.readers import read_archive
from coursekit.content import notebooks
from coursekit.model import Author, Citation, Entry
from coursekit.planning.config import load_course
from coursekit.planning.themes import plan_course
from coursekit.site import bibtex
from coursekit.site.generate import generate


@pytest.fixture(scope="module")
def plan():
    return plan_course(load_course(REPO / "course.yml"), read_archive(REPO / "archive").entries)


def style():
    register_plugin("pybtex.style.formatting", bibstyle.STYLE_NAME, bibstyle.ApaStyle, force=True)
    return find_plugin("pybtex.style.formatting", bibstyle.STYLE_NAME)()


def cited(plan) -> notebooks.Links:
    """The reading cards' links of a course with a references page."""
    return notebooks.Links(cite_keys=bibtex.bibliography(plan.all_entries).entry_keys())


def test_every_citable_entry_cites_a_record_of_references_bib(plan):
    links = cited(plan)
    records = set(re.findall(r"^@\w+\{([^,]+),", (REPO / "references.bib").read_text(encoding="utf-8"), re.M))
    citable = [e for e in plan.all_entries if e.citation.title or e.citation.year]
    assert len(citable) >= len(plan.all_entries) - 2
    for entry in citable:
        key = links.cite_key(entry.id)
        assert key in records, entry.id
        card = notebooks.reading_card(entry, "m", links)
        assert f"**Cite as:** {{cite:p}}`{key}`\n" in card


def test_a_cite_key_that_is_not_ours_is_never_written():
    links = notebooks.Links(cite_keys={"2020-01-x": "bad`key"})
    assert links.cite_key("2020-01-x") is None


def test_references_bib_and_cite_as_lines_are_generated_only_with_a_references_page(fixture_course):
    generate(fixture_course)
    assert not (fixture_course / "references.bib").exists()
    assert "Cite as" not in (fixture_course / "modules" / "alliance.ipynb").read_text(encoding="utf-8")
    (fixture_course / "book").mkdir()
    (fixture_course / "book" / "references.md").write_text("# References\n\n```{bibliography}\n```\n")
    generate(fixture_course)
    bib = (fixture_course / "references.bib").read_text(encoding="utf-8")
    assert bib.startswith("% coursekit-generated sha256=")
    toc = yaml.safe_load((fixture_course / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["parts"][-1] == {"caption": "Glossary and references", "chapters": [{"file": "book/references"}]}
    assert "Cite as" in (fixture_course / "modules" / "alliance.ipynb").read_text(encoding="utf-8")


def references_page(bib_text: str) -> dict[str, object]:
    """What the references page's style makes of each record of a .bib text, by key."""
    database = parse_string(bib_text, "bibtex")
    return {item.key: item.text for item in style().format_entries(database.entries.values())}


def card_reference(entry: Entry) -> tuple[str, list[str]]:
    """A reading card's reference as a reader sees it: its plain text and its italic parts."""
    rendered = MarkdownIt("commonmark").renderInline(notebooks.reference_markdown(entry))
    return plain(rendered), re.findall(r"<em>(.*?)</em>", rendered)


def plain(rendered_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html))


def test_every_card_reference_equals_its_references_page_entry(plan):
    """For every cited work of the default archive, the card and references.bib's entry on the
    references page print the same text and italicise the same parts."""
    page = references_page((REPO / "references.bib").read_text(encoding="utf-8"))
    links = cited(plan)
    citing = [entry for entry in plan.all_entries if links.cite_key(entry.id)]
    assert len(citing) == 28 and len({links.cite_key(e.id) for e in citing}) == 27
    for entry in citing:
        text, italic = card_reference(entry)
        formatted = page[links.cite_key(entry.id)]
        assert text == formatted.render_as("text"), entry.id
        assert italic == [plain(em) for em in re.findall(r"<em>(.*?)</em>", formatted.render_as("html"))], entry.id


def test_references_page_marks_up_and_links_like_the_card():
    entry = Entry(id="2020-01-x", month="2020-01", title="t", citation=Citation(
        authors=(Author("Safran", "J. D."), Author("Kraus", "J.")), year=2014, title="R&D {rules} 50% ~ ^ \\ $",
        source="Psychotherapy", volume="51", issue="4", pages="381-387", doi="10.1037/a0037418"))
    (result,) = references_page(bibtex.bibliography([entry]).text).values()
    assert result.render_as("text") == card_reference(entry)[0] == (
        "Safran, J. D., & Kraus, J. (2014). R&D {rules} 50% ~ ^ \\ $. Psychotherapy, 51(4), 381–387. "
        "https://doi.org/10.1037/a0037418")
    assert '<a href="https://doi.org/10.1037/a0037418">' in result.render_as("html")
    assert "<em>Psychotherapy</em>, <em>51</em>(4)" in result.render_as("html")


def test_references_page_tolerates_missing_fields_and_et_al():
    sparse = Entry(id="2020-01-y", month="2020-01", title="t", citation=Citation(
        authors=(Author("Moritz", "S."), Author("Peth", "J.")), et_al=True, title="It can't hurt"))
    (result,) = references_page(bibtex.bibliography([sparse]).text).values()
    assert result.render_as("text") == "Moritz, S., Peth, J., et al. (n.d.). It can't hurt."


def test_built_pages_get_the_listitem_role_and_a_named_search_field_and_toggles():
    page = ('<button class="btn search-button-field" title="Search" aria-label="Search">Search</button>\n'
            '<i class="theme-switch fa-solid fa-sun" data-mode="light" title="Light"></i>\n'
            '<summary>\n<span class="toctree-toggle" role="presentation"></span></summary>\n'
            '<div role="list" class="citation-list">\n<div class="citation" id="id2" role="doc-biblioentry">')
    mended = sphinxext.accessible(page)
    assert mended == ('<button class="btn search-button-field" title="Search">Search</button>\n'
                      '<i class="theme-switch fa-solid fa-sun" data-mode="light"></i>\n'
                      '<summary aria-label="Show or hide the pages of this section">\n'
                      '<span class="toctree-toggle" role="presentation"></span></summary>\n'
                      '<div role="list" class="citation-list">\n<div class="citation" id="id2" role="listitem">')
    assert sphinxext.accessible(mended) == mended


def test_config_wires_the_bibliography():
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert config["bibtex_bibfiles"] == ["references.bib"]
    assert "coursekit.bibstyle" in config["sphinx"]["extra_extensions"]
    assert config["sphinx"]["config"]["bibtex_default_style"] == bibstyle.STYLE_NAME
    assert config["sphinx"]["config"]["bibtex_reference_style"] == bibstyle.STYLE_NAME


@pytest.mark.slow
def test_built_references_page_lists_every_cited_work_with_its_doi(built_site, plan):
    page = (built_site / "book" / "references.html").read_text(encoding="utf-8")
    works = [work for _, work in bibtex.bibliography(plan.all_entries).works]
    assert page.count('<div class="citation" ') == page.count('role="listitem"') == len(works)
    assert "doc-biblioentry" not in page  # deprecated ARIA role, replaced
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for work in works:
        assert work.citation.authors[0].family in text
        if work.citation.doi:
            assert f'href="https://doi.org/{work.citation.doi}"' in page, work.citation.doi
    card = (built_site / "modules" / "alliance.html").read_text(encoding="utf-8")
    assert re.search(r'Cite as:</strong> <span class="bibtex-citation"[^>]*>\(<a class="reference internal" '
                     r'href="\.\./book/references\.html#', card)
