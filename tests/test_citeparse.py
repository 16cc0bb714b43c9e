"""Citation parsing: every seed citation gives the hand-checked fields of archive/*.md, and invented
citations cover the drift a decade of posts brings (non-ASCII names, et al., books, chapters, DOIs)."""
from __future__ import annotations

import pathlib
import random
import re

import pytest

from coursekit.ingest import citeparse as cp
from coursekit.ingest.citeparse import (ParsedCitation, citation_from_text, looks_like_citation, parse_authors,
                                 parse_citation, segments)
from coursekit.archive.ids import entry_id
from coursekit.model import Author, Citation
from coursekit.ingest.pages import parse_page, read_text_page
from coursekit.archive.readers import read_archive

REPO = pathlib.Path(__file__).resolve().parents[1]
SEEDS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}")
ARCHIVE = {e.id: e for e in read_archive(REPO / "archive").entries}
FIELDS = ("authors", "year", "title", "source", "doi", "volume", "issue", "pages", "type", "et_al", "editors",
          "publisher")


def seed_entries():
    if not SEEDS.is_dir():
        return []
    return [e for p in sorted(SEEDS.glob("*.txt")) for e in parse_page(read_text_page(p.read_bytes())).entries]


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


def test_segments_do_not_split_at_initials_or_vs():
    assert segments("Therapy vs. control in the U.S. Adults? Yes. J. Smith’s Journal, 1, 2.") == [
        "Therapy vs. control in the U.S. Adults?", "Yes.", "J. Smith’s Journal, 1, 2."]


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


# --- parse_citation gives what it gave before its shortcuts -------------------------------------
# The reference is parse_citation as it was, each pattern searched from the start of the text (the
# compiled patterns are citeparse's own, unchanged); the fast version must give equal results.

def reference_parse_citation(text: str) -> ParsedCitation:
    text, doi, url = _reference_links(" ".join(text.split()))
    year_match = cp.YEAR.search(text)
    if not year_match:
        return ParsedCitation(Citation(doi=doi, url=url, title=text.rstrip(". ") or None),
                              ("no year in parentheses; the whole line is kept as the title",))
    authors, et_al = reference_parse_authors(text[: year_match.start()])
    year = int(year_match.group("year")) if year_match.group("year") else None
    fields = _reference_work(text[year_match.end():].strip())
    citation = Citation(authors=authors, et_al=et_al, year=year, doi=doi, url=url, **fields)
    return ParsedCitation(citation, cp._missing(citation))


def _reference_links(text: str):
    doi = url = None
    match = cp.DOI.search(text)
    if match:
        doi = match.group("doi").rstrip(".,;)]")
        text = text[: match.start()] + text[match.end():]
    match = cp.URL.search(text)
    if match:
        url = match.group(0).rstrip(".,;)]")
        text = text[: match.start()] + text[match.end():]
    text = re.sub(r"(?:\s*[,.;:]\s*)+$", "", text.strip())
    return text + ("." if text and not text.endswith(("?", "!")) else ""), doi, url


def reference_parse_authors(text: str):
    text = re.sub(r"\s+,", ",", text.strip())
    text = cp.ELLIPSIS.sub(", …, ", cp.ET_AL.sub(", …", text))
    text = cp.CONNECTOR.sub(", ", text)
    authors: list[Author] = []
    et_al = False
    for token in (t.strip() for t in text.split(",")):
        if "…" in token:
            et_al = True
            token = token.replace("…", "").strip()
        if not token:
            continue
        if authors and authors[-1].given is None and bool(cp.INITIALS.match(token)) and (
                "." in token or len(token) <= 2):
            authors[-1] = Author(authors[-1].family, " ".join(re.sub(r"\.(?=[^\s\-‐.])", ". ", token).split()))
        else:
            last = token.split()[-1]
            authors.append(Author(token[:-1] if token.endswith(".") and len(last) > 3 else token))
    return tuple(authors), et_al


def _reference_work(rest: str) -> dict:
    chapter = re.match(r"^(?P<title>.+?[.?!])\s+In\s+(?P<after>.+)$", rest)
    if chapter:
        return _reference_chapter(chapter.group("title"), chapter.group("after"))
    parts = [p for p in reference_segments(rest) if not cp.NOISE.match(p)]
    if not parts:
        return {}
    last = parts[-1].rstrip(".").strip()
    locator = cp.LOCATOR.match(last)
    title = _reference_title(" ".join(parts[:-1])) if len(parts) > 1 else None
    if locator:
        pages = locator.group("pages")
        return {"type": "article", "title": title, "source": locator.group("source").strip(" ,.") or None,
                "volume": locator.group("volume"), "issue": locator.group("issue") or locator.group("issue2"),
                "pages": re.sub(r"\s*[–—‐]\s*|\s+-\s+", "-", pages) if pages else None}
    if len(parts) > 1 and (cp.EDITION.search(rest) or cp._publisher_like(last)):
        return {"type": "book", "title": title, "publisher": cp.PLACE_PREFIX.sub("", last)}
    if len(parts) == 1:
        return {"type": "book" if cp.EDITION.search(last) else "article", "title": _reference_title(last)}
    return {"type": "article", "title": title, "source": last}


def _reference_chapter(title: str, after: str) -> dict:
    edited = cp.EDITED.match(after)
    editors, book = (edited.group("editors"), edited.group("book")) if edited else (None, after)
    pages_match = cp.PAGES_IN_BOOK.search(book)
    pages = re.sub(r"\s*[–—‐]\s*", "-", pages_match.group("pages")).strip() if pages_match else None
    if pages_match:
        before = pages_match.group("before").strip(" ,")
        kept = f" ({before})" if before else ""
        book = (book[: pages_match.start()] + kept + ". " + book[pages_match.end():]).strip()
    parts = [p for p in reference_segments(book) if not cp.NOISE.match(p)]
    publisher = cp.PLACE_PREFIX.sub("", parts[-1].rstrip(".")) if len(parts) > 1 else None
    source = " ".join(parts[:-1] if len(parts) > 1 else parts).rstrip(". ") or None
    return {"type": "chapter", "title": _reference_title(title), "editors": editors.strip(" ,") if editors else None,
            "source": source, "publisher": publisher or None, "pages": pages}


def _reference_title(text: str):
    text = text.strip().rstrip(".").strip()
    return text or None


def reference_segments(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in re.finditer(r"[.?!]\s+(?=[“\"'‘(\[]?[\dA-Z\u00C0-\u024F])", text):
        word = re.search(r"(\S+)$", text[start: match.start()])
        previous = word.group(1).lower().lstrip("(") if word else ""
        initial = re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", previous)
        if text[match.start()] == "." and (previous in cp.ABBREVIATIONS or initial):
            continue
        parts.append(text[start: match.start() + 1].strip())
        start = match.end()
    tail = text[start:].strip()
    return [p for p in (*parts, tail) if p]


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


def test_known_citation_lines_parse_as_before():
    lines = known_lines()
    assert len(lines) > 300
    for line in lines:
        assert parse_citation(line) == reference_parse_citation(line), line


def test_edited_citation_lines_parse_as_before():
    rng = random.Random(41)
    lines = known_lines()
    for _ in range(6000):
        line = rng.choice(lines)
        for _ in range(rng.randrange(1, 4)):
            line = edited(line, rng)
        assert parse_citation(line) == reference_parse_citation(line), line


def test_random_citations_parse_as_before():
    rng = random.Random(42)
    for _ in range(8000):
        text = random_citation(rng)
        assert parse_citation(text) == reference_parse_citation(text), text
        assert parse_authors(text) == reference_parse_authors(text), text
        assert segments(text) == reference_segments(text), text
        assert cp._links(text) == _reference_links(text), text  # as parse_citation calls it, but unfolded


@pytest.mark.parametrize("text", ["Care by J\n. Smith.", "Therapy vs\n. Control.", "A b\n\n. C d.", "x\n. Y.",
                                  "The U.S\n. Army.", "End.\n Next.", "J \n. Smith.", "\n. A.", "(e.g\n. Some.",
                                  "Ends with vs. Then.", "Dr.\tNo. Yes."])
def test_segments_at_line_breaks_as_before(text):
    """segments is public: text that was not folded onto one line splits as before."""
    assert segments(text) == reference_segments(text)
