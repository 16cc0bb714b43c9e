"""Citation parsing: every seed citation gives the hand-checked fields of archive/*.md, and invented
citations cover the drift a decade of posts brings (non-ASCII names, et al., books, chapters, DOIs)."""
from __future__ import annotations

import pathlib
import random

import pytest
from conftest import archive_by_id, needs_seeds, seed_entries

from coursekit.archive.ids import entry_id
from coursekit.ingest.citeparse import (
    citation_from_text,
    looks_like_citation,
    parse_authors,
    parse_citation,
)
from coursekit.ingest.pages import parse_page, read_text_page
from coursekit.model import Author, Citation

REPO = pathlib.Path(__file__).resolve().parents[1]
ARCHIVE = archive_by_id()
FIELDS = ("authors", "year", "title", "source", "doi", "volume", "issue", "pages", "type", "et_al", "editors",
          "publisher")


def citation_of(raw):
    if raw.citation:
        return parse_citation(raw.citation).citation
    found = citation_from_text(raw.summary)
    return found[0] if found else None


@needs_seeds
@pytest.mark.parametrize("raw", seed_entries(), ids=lambda r: entry_id(r.month, r.title))
def test_seed_citation_matches_the_hand_checked_archive_file(raw):
    expected = ARCHIVE[entry_id(raw.month, raw.title)].citation
    parsed = citation_of(raw)
    assert parsed is not None
    for name in FIELDS:
        assert getattr(parsed, name) == getattr(expected, name), name


@needs_seeds
def test_seed_citations_parse_without_problems():
    problems = {r.title: parse_citation(r.citation).problems for r in seed_entries() if r.citation}
    assert len(problems) == 27
    assert {title: p for title, p in problems.items() if p} == {}


def test_non_ascii_names_and_every_locator():
    parsed = parse_citation("Øvrebø, K., Müller, J.-P., Åberg, S., & Řezníček, T. (2018). An invented trial of "
                            "“careful listening”. Journal of Imaginary Psychotherapy, 12(3), 45–67. "
                            "https://doi.org/10.9999/jip.2018.0045")
    cit = parsed.citation
    assert cit.authors == (Author("Øvrebø", "K."), Author("Müller", "J.-P."), Author("Åberg", "S."),
                           Author("Řezníček", "T."))
    assert (cit.year, cit.title, cit.source) == (2018, "An invented trial of “careful listening”",
                                                 "Journal of Imaginary Psychotherapy")
    assert (cit.volume, cit.issue, cit.pages, cit.doi, cit.type) == ("12", "3", "45-67", "10.9999/jip.2018.0045",
                                                                     "article")
    assert parsed.problems == ()


@pytest.mark.parametrize("tail, volume, issue, pages", [
    ("Fictional Reports, 41:8, 603-623.", "41", "8", "603-623"),
    ("Fictional Reports, 10:347.", "10", None, "347"),
    ("Fictional Reports, 329(8):670–679.", "329", "8", "670-679"),
    ("Fictional Reports, 7(6), E186.", "7", "6", "E186"),
    ("Fictional Reports, 21, 578.", "21", None, "578"),
    ("Fictional Reports, 75,", "75", None, None),
    ("Fictional Reports, Vol. 3, pp. 5 – 9.", "3", None, "5-9"),
])
def test_article_locators(tail, volume, issue, pages):
    cit = parse_citation(f"Lee, S. (2020). A made-up paper. {tail}").citation
    assert (cit.source, cit.volume, cit.issue, cit.pages) == ("Fictional Reports", volume, issue, pages)


def test_et_al_and_ellipsis_author_lists():
    assert parse_authors("Nguyen, L. T., Smith, A. B., et al.") == (
        (Author("Nguyen", "L. T."), Author("Smith", "A. B.")), True)
    assert parse_authors("Roe, R., Poe, P., ... & Zoe, Z.") == (
        (Author("Roe", "R."), Author("Poe", "P."), Author("Zoe", "Z.")), True)
    assert parse_authors("Roe, R., . . . Zoe, Z.")[1] is True
    assert parse_authors("Roe, R. … Zoe, Z.")[1] is True
    assert parse_authors("Roe , R.J. & Van der Berg , A-M.") == (
        (Author("Roe", "R. J."), Author("Van der Berg", "A-M.")), False)


def test_group_author_and_question_titles():
    cit = parse_citation("World Invented Organization. (2019). Is anything real? A made-up report. "
                         "Fictional Press.").citation
    assert cit.authors == (Author("World Invented Organization"),)
    assert (cit.title, cit.type, cit.publisher) == ("Is anything real? A made-up report", "book", "Fictional Press")


def test_chapter_with_editors_pages_and_place():
    cit = parse_citation("Nguyen, L. T. (2017). Imagined supervision. In R. Editor & S. Editor (Eds.), The Handbook "
                         "of Made-Up Practice (2nd ed., pp. 101–120). Springfield: Fictional Press. "
                         "doi:10.9999/hmp.5").citation
    assert (cit.type, cit.title, cit.editors) == ("chapter", "Imagined supervision", "R. Editor & S. Editor")
    assert (cit.source, cit.pages, cit.publisher, cit.doi) == ("The Handbook of Made-Up Practice (2nd ed.)", "101-120",
                                                               "Fictional Press", "10.9999/hmp.5")


def test_chapter_with_plain_page_range():
    cit = parse_citation("Nguyen, L. T. (2017). Imagined supervision. In R. Editor (Ed.), The Handbook of Made-Up "
                         "Practice (pp. 101–120). Fictional Press.").citation
    assert (cit.source, cit.pages, cit.publisher, cit.editors) == ("The Handbook of Made-Up Practice", "101-120",
                                                                   "Fictional Press", "R. Editor")


def test_book_with_edition_and_place():
    cit = parse_citation("Doe, J., & Roe, R. (2016). The imaginary book of therapy (3rd ed.). Springfield: "
                         "Made-Up Press.").citation
    assert (cit.type, cit.title, cit.publisher, cit.source) == ("book", "The imaginary book of therapy (3rd ed.)",
                                                                "Made-Up Press", None)


@pytest.mark.parametrize("text, doi", [
    ("Lee, S. (2020). T. J, 1, 2. https://doi.org/10.9999/ABC.1.", "10.9999/ABC.1"),
    ("Lee, S. (2020). T. J, 1, 2. http://dx.doi.org/10.9999/x(1)2", "10.9999/x(1)2"),
    ("Lee, S. (2020). T. J, 1, 2. DOI: 10.9999/x-1", "10.9999/x-1"),
    ("Lee, S. (2020). T. J, 1, 2. doi:10.9999/x_1;", "10.9999/x_1"),
])
def test_doi_spellings(text, doi):
    assert parse_citation(text).citation.doi == doi


def test_advance_online_publication_is_not_the_journal():
    cit = parse_citation("Lee, S. (2021). A made-up paper: On drift. Professional Fiction: Research and Practice. "
                         "Advance online publication.").citation
    assert (cit.title, cit.source) == ("A made-up paper: On drift", "Professional Fiction: Research and Practice")


def test_a_line_without_year_keeps_its_text_and_says_so():
    parsed = parse_citation("Lee, S. A made-up paper with no year.")
    assert parsed.citation.title == "Lee, S. A made-up paper with no year"
    assert parsed.problems and "no year" in parsed.problems[0]


@pytest.mark.parametrize("text, expected", [
    ("Safran , J. D. & Kraus , J. (2014). Alliance ruptures. Psychotherapy, 51, 381-387.", True),
    ("Øvrebø, K. (2018). Invented. Journal, 1, 2.", True),
    ("World Invented Organization. (2019). A made-up report.", True),
    ("In this study, Smith and colleagues (2019) found small effects (d = .2).", False),
    ("Practice Implications", False),
    ("Smith, who led the study in 2019, found that", False),
])
def test_looks_like_citation(text, expected):
    assert looks_like_citation(text) is expected


@pytest.mark.parametrize("paragraphs, family, et_al, year, title", [
    (["In this meta-analysis, Norwood and colleagues reviewed invented trials."], "Norwood", True, None, None),
    (["This study by Øster and colleagues (2019) is invented."], "Øster", True, 2019, None),
    (["An invented report by Del Re and colleagues."], "Del Re", True, None, None),
    (["Lindqvist et al. surveyed invented therapists."], "Lindqvist", True, None, None),
    (["I review parts of The Imaginary Handbook (Doe & Roe, 2016), a book."], "Doe", False, 2016,
     "The Imaginary Handbook"),
])
def test_citation_from_text(paragraphs, family, et_al, year, title):
    citation, phrase = citation_from_text(paragraphs)
    assert (citation.authors[0].family, citation.et_al, citation.year, citation.title) == (family, et_al, year, title)
    assert phrase in paragraphs[0]


def test_citation_from_text_without_a_named_study():
    assert citation_from_text(["Nobody is named here.", "Nor here."]) is None


# --- properties over many lines: the archive's citations printed as the blog might print them ------

def apa_line(cit: Citation, form: int) -> str:
    """A citation line for `cit` as the blog might print it: article, chapter or book, with drift."""
    authors = ", ".join(f"{a.family}, {a.given}" if a.given else a.family for a in cit.authors)
    authors += ", et al." if cit.et_al else ""
    head = f"{authors} ({cit.year or 'n.d.'}). {cit.title or 'Untitled'}."
    doi = ["", f" https://doi.org/{cit.doi}", f" doi:{cit.doi}", f" DOI: {cit.doi}."][form % 4] if cit.doi else ""
    if form % 3 == 0:
        return f"{head} In {cit.editors or 'A. Editor'} (Eds.), {cit.source} (pp. {cit.pages}). Place: Press.{doi}"
    if form % 3 == 1:
        return f"{head} {cit.publisher or 'New York: Guilford Press'}.{doi}"
    return f"{head} {cit.source}, {cit.volume}({cit.issue}), {cit.pages}.{doi}"


def known_lines() -> list[str]:
    """Citation lines: the synthetic test pages', the seeds' (when present) and lines made from every
    archive entry's citation in three forms and four DOI spellings."""
    pages = sorted((REPO / "tests" / "pages").glob("*.txt"))
    lines = [e.citation for p in pages for e in parse_page(read_text_page(p.read_bytes())).entries if e.citation]
    lines += [raw.citation for raw in seed_entries() if raw.citation]
    lines += [apa_line(entry.citation, form) for entry in ARCHIVE.values() for form in range(12)]
    return lines


# Pieces that the patterns turn on: names, initials, connectors, ellipses, years, DOIs and URLs in
# several spellings, locators, editors and publishers, sentence ends, quotes and odd whitespace.
CITATION_PIECES = [
    "Smith", "Øvrebø", "Van der Berg", "O’Brien", "World Health Organization", "J.", "J.-P.", "A-M.", "JC", "R. J.",
    ", ", ",", " , ", " ", "  ", " " * 20, "\t", "\n", "\n\n", "\u00a0", "\u2028", "\x1c", "&", " & ", "and", " and ",
    "Sandra", "et al.", "et  al", "ET AL.", "Et al", "etal", "…", "...", ". . .", "..", "(2019).", "(2019a, May 3).",
    "(n.d.).", "(in press).", "(1899)", "(2019", "2019)", ".", "?", "!", ":", ";", ". ", "? ", "! ", " In ", "In",
    "(Eds.),", "(Ed.)", "(Editors).", "pp. ", "p. 5", "(pp. 101–120)", "(2nd ed.)", "(revised edition)",
    "10.1234/abc.5", "10.12/x", "10.123456789/x(1)2", "doi:", "doi: ", "DOI", "DOI: ", "Doi:", "https://doi.org/",
    "http://dx.doi.org/", "HTTPS://DOI.ORG/", "httpſ://", "https://", "http://", "://", "www.example.org/a", "<", ">",
    "\"", "Journal", "Psychotherapy Research", "12(3), 45–67", "41:8, 603-623", "10:347", "7(6), E186",
    "Vol. 3, pp. 5 – 9", "21", "New York: Guilford Press", "Springfield, MA:", "Press", "Wiley",
    "Advance online publication.", "Retrieved from x", "U.S.", "vs.", "e.g.", "i.e.", "Dr.", "“", "”", "'", "‘", "(",
    ")", "[", "]", "A", "b", "É", "İ", "ı", "1", "0", "x", "-", "‐", "—", "–",
]


def random_citation(rng: random.Random) -> str:
    return "".join(rng.choice(CITATION_PIECES) for _ in range(rng.randrange(0, 30)))


def edited(line: str, rng: random.Random) -> str:
    """A line with a piece inserted, a stretch removed, or a character replaced."""
    at = rng.randrange(len(line) + 1)
    kind = rng.randrange(3)
    if kind == 0:
        return line[:at] + rng.choice(CITATION_PIECES) + line[at:]
    if kind == 1:
        return line[:at] + line[at + rng.randrange(1, 6):]
    return line[:at] + rng.choice(CITATION_PIECES) + line[at + 1:]


def test_archive_citations_printed_and_parsed_give_their_fields_back():
    """Each archive citation printed as an article, a book and a chapter, with each DOI spelling."""
    checked = 0
    for entry in ARCHIVE.values():
        cit = entry.citation
        if not cit.authors or not cit.title or cit.et_al:
            continue
        for form in range(12):
            parsed = parse_citation(apa_line(cit, form))
            found = parsed.citation
            assert [a.family for a in found.authors] == [a.family for a in cit.authors], form
            assert (found.year, found.title) == (cit.year, cit.title), form
            assert found.doi == (cit.doi if form % 4 else None), form  # apa_line's form 0 prints no DOI
            if form % 3 == 2 and cit.source and cit.volume:
                assert (found.type, found.source, found.volume) == ("article", cit.source, cit.volume), form
            if form % 3 == 0 and cit.source:
                assert (found.type, found.source) == ("chapter", cit.source), form
            checked += 1
    assert checked > 200


def test_edited_and_random_lines_parse_without_error_into_plausible_fields():
    rng = random.Random(41)
    lines = known_lines()
    texts = [random_citation(rng) for _ in range(3000)]
    for _ in range(3000):
        line = rng.choice(lines)
        for _ in range(rng.randrange(1, 4)):
            line = edited(line, rng)
        texts.append(line)
    for text in texts:
        parsed = parse_citation(text)
        cit = parsed.citation
        folded = " ".join(text.split())
        assert all(isinstance(p, str) and "\n" not in p for p in parsed.problems)
        assert cit.year is None or (1900 <= cit.year < 2100 and str(cit.year) in folded)
        assert cit.doi is None or (cit.doi.startswith("10.") and cit.doi in folded)
        assert cit.title is None or (cit.title == cit.title.strip() and cit.title)
        assert all(a.family for a in cit.authors)
        assert bool(parsed.problems) == (not cit.authors or cit.year is None or not cit.title
                                         or (cit.type == "article" and not cit.source)), text


def test_titles_keep_abbreviations_initials_and_questions():
    cit = parse_citation("Lee, S. (2020). Therapy vs. control in the U.S. Army: e.g. J. Smith’s cases? "
                         "Fictional Reports, 3, 4-5.").citation
    assert (cit.title, cit.source) == ("Therapy vs. control in the U.S. Army: e.g. J. Smith’s cases?",
                                       "Fictional Reports")
