"""APA 7 references: hand-checked examples (APA Publication Manual, 7th ed., ch. 9-10), the editors
string read into names, and the spans each renderer marks up."""
from __future__ import annotations

import pytest
from conftest import SEEDS

from coursekit.content.citations import (
    apa,
    editor_names,
    editors_text,
    initials,
    short_citation,
)
from coursekit.ingest.citeparse import parse_citation
from coursekit.model import Author, Citation, Entry

FOUR_EDITORS = "S. D. Miller, D. Chow, S. Malins, and M. A. Hubble"  # as archive/2023-07-*.md store them
FIELD_GUIDE = "The Field Guide to Better Results: Evidence-Based Exercises to Improve Therapeutic Effectiveness"


def make(**citation) -> Entry:
    return Entry(id="2020-01-x", month="2020-01", title="T", citation=Citation(**citation))


def chapter(editors: str | None, **more) -> Citation:
    return Citation(type="chapter", authors=(Author("Norcross", "J.C."), Author("Karpiak", "C.P.")), year=2023,
                    title="Relationship factors", source=FIELD_GUIDE, editors=editors,
                    publisher="American Psychological Association", **more)


def italics(citation: Citation) -> list[str]:
    return [span.text for span in apa(citation).spans() if span.italic]


def test_initials():
    assert initials("J.C.") == "J. C."
    assert initials("A-M.") == "A.-M."
    assert initials("Hanne") == "H."
    assert initials("Mary Ann") == "M. A."
    assert initials(None) == ""


def test_article_with_doi():
    cit = Citation(authors=(Author("Safran", "J. D."), Author("Kraus", "J.")), year=2014, title="Alliance ruptures",
                   source="Psychotherapy", volume="51", issue="4", pages="381-387", doi="10.1037/a0037418")
    assert apa(cit).text == ("Safran, J. D., & Kraus, J. (2014). Alliance ruptures. Psychotherapy, 51(4), 381–387. "
                             "https://doi.org/10.1037/a0037418")
    assert italics(cit) == ["Psychotherapy", "51"]  # the journal and the volume, not the issue


def test_article_with_one_author_and_an_article_number():
    cit = Citation(authors=(Author("Curran", "J."),), year=2019, title="How does therapy harm?",
                   source="Frontiers in Psychology", volume="10", pages="347", url="https://example.org/a")
    assert apa(cit).text == ("Curran, J. (2019). How does therapy harm? Frontiers in Psychology, 10, 347. "
                             "https://example.org/a")


def test_chapter_with_one_editor_says_ed():
    cit = chapter("S. D. Miller", pages="45–67")
    assert apa(cit).text == ("Norcross, J. C., & Karpiak, C. P. (2023). Relationship factors. In S. D. Miller (Ed.), "
                             f"{FIELD_GUIDE} (pp. 45–67). American Psychological Association.")
    assert italics(cit) == [FIELD_GUIDE]


def test_chapter_with_two_and_with_four_editors():
    assert "In S. D. Miller & D. Chow (Eds.), The Field" in apa(chapter("S. D. Miller and D. Chow")).text
    assert apa(chapter(FOUR_EDITORS, doi="10.1037/0000358-006")).text == (
        "Norcross, J. C., & Karpiak, C. P. (2023). Relationship factors. In S. D. Miller, D. Chow, S. Malins, "
        f"& M. A. Hubble (Eds.), {FIELD_GUIDE}. American Psychological Association. "
        "https://doi.org/10.1037/0000358-006")


def test_chapter_without_editors_or_book():
    assert apa(chapter(None, pages="1-9")).text.endswith(
        f"Relationship factors. In {FIELD_GUIDE} (pp. 1–9). American Psychological Association.")
    assert apa(Citation(type="chapter", year=2020, title="A chapter", publisher="Routledge")).text == \
        "(2020). A chapter. Routledge."


def test_book_title_is_italic_and_its_full_stop_is_not():
    cit = Citation(type="book", authors=(Author("Wampold", "B. E."), Author("Imel", "Z. E.")), year=2015,
                   title="The great psychotherapy debate (2nd ed.)", publisher="Routledge")
    assert apa(cit).text == ("Wampold, B. E., & Imel, Z. E. (2015). The great psychotherapy debate (2nd ed.). "
                             "Routledge.")
    assert italics(cit) == ["The great psychotherapy debate (2nd ed.)"]
    asked = Citation(type="book", year=2015, title="What works?", publisher="Routledge")
    assert apa(asked).text == "(2015). What works? Routledge." and italics(asked) == ["What works?"]


def test_twenty_authors_are_listed_and_more_are_cut_with_an_ellipsis():
    authors = tuple(Author(f"Author{n}", "A.") for n in range(1, 22))
    twenty = apa(Citation(authors=authors[:20], year=2019, title="T", source="J")).author
    assert twenty.startswith("Author1, A., Author2, A.,") and twenty.endswith("Author19, A., & Author20, A.")
    assert twenty.count(", A.") == 20
    many = apa(Citation(authors=authors, year=2019, title="T", source="J")).author
    assert many.endswith("Author18, A., Author19, A., . . . Author21, A.")
    assert "Author20" not in many and "&" not in many and many.count(", A.") == 20


def test_a_cut_author_list_ends_et_al_and_a_missing_year_is_nd():
    cit = Citation(authors=(Author("Moritz", "S."), Author("Peth", "J.")), et_al=True, title="It can't hurt")
    assert apa(cit).text == "Moritz, S., Peth, J., et al. (n.d.). It can't hurt."
    assert apa(Citation(authors=(Author("Norwood"),), et_al=True)).text == "Norwood, et al. (n.d.)."
    assert short_citation(make(authors=(Author("Norwood"),), et_al=True)) == "Norwood et al. (n.d.)"


@pytest.mark.parametrize("stored, names", [
    (FOUR_EDITORS, [("Miller", "S. D."), ("Chow", "D."), ("Malins", "S."), ("Hubble", "M. A.")]),
    ("S. D. Miller & D. Chow", [("Miller", "S. D."), ("Chow", "D.")]),
    ("Miller, S. D., & Chow, D.", [("Miller", "S. D."), ("Chow", "D.")]),  # family first
    ("A. C. Del Re and K. van der Berg", [("Del Re", "A. C."), ("van der Berg", "K.")]),
    ("Karl van der Berg, J.-P. Müller", [("van der Berg", "Karl"), ("Müller", "J.-P.")]),
    ("Hubble", [("Hubble", None)]),
    ("", []),
])
def test_editor_names_read_the_stored_string_and_read_back_their_own_text(stored, names):
    found = editor_names(stored)
    assert [(a.family, a.given) for a in found] == names
    assert editor_names(editors_text(found)) == found


def test_render_marks_up_the_italic_spans_and_keeps_the_spaces():
    cit = chapter("S. D. Miller", pages="45-67", doi="10.1/x")
    ref = apa(cit)
    rendered = ref.render(lambda text: text.replace("&", "&amp;"), lambda text: f"<em>{text}</em>")
    assert rendered == ("Norcross, J. C., &amp; Karpiak, C. P. (2023). Relationship factors. In S. D. Miller (Ed.), "
                        f"<em>{FIELD_GUIDE}</em> (pp. 45–67). American Psychological Association.")
    assert ref.text == rendered.replace("&amp;", "&").replace("<em>", "").replace("</em>", "") + \
        " https://doi.org/10.1/x"


@pytest.mark.skipif(not (SEEDS / "000_f3ca442b702b2933.txt").is_file(), reason="seed pages not found")
def test_a_seed_chapter_line_gives_the_apa_reference():
    line = next(line for line in (SEEDS / "000_f3ca442b702b2933.txt").read_text(encoding="utf-8").splitlines()
                if line.startswith("Nissen-Lie, H.A."))
    assert apa(parse_citation(line).citation).text == (
        "Nissen-Lie, H. A., Heinonen, E., & Delgadillo, J. (2023). Therapist factors. In S. D. Miller, D. Chow, "
        f"S. Malins, & M. A. Hubble (Eds.), {FIELD_GUIDE}. American Psychological Association. "
        "https://doi.org/10.1037/0000358-005")
