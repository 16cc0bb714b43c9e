from __future__ import annotations

from coursekit.content.citations import author_list, initials, reference, short_citation
from coursekit.model import Author, Citation, Entry


def make(**citation) -> Entry:
    return Entry(id="2020-01-x", month="2020-01", title="T", citation=Citation(**citation))


def test_initials():
    assert initials("J.C.") == "J. C."
    assert initials("A-M.") == "A.-M."
    assert initials("Hanne") == "H."
    assert initials(None) == ""


def test_article_reference():
    entry = make(authors=(Author("Safran", "J. D."), Author("Kraus", "J.")), year=2014,
                 title="Alliance ruptures", source="Psychotherapy", volume="51", issue="4", pages="381-387",
                 doi="10.1037/a0037418")
    ref = reference(entry)
    assert ref.text == ("Safran, J. D., & Kraus, J. (2014). Alliance ruptures. Psychotherapy, 51(4), 381-387. "
                        "https://doi.org/10.1037/a0037418")
    assert ref.italic == "Psychotherapy"


def test_chapter_reference():
    entry = make(type="chapter", authors=(Author("Norcross", "J.C."),), year=2023, title="Relationship factors",
                 source="The Field Guide", editors="S. D. Miller", publisher="American Psychological Association")
    assert reference(entry).text == ("Norcross, J. C. (2023). Relationship factors. In S. D. Miller (Eds.), "
                                     "The Field Guide. American Psychological Association.")


def test_et_al_and_missing_year():
    entry = make(authors=(Author("Norwood"),), et_al=True)
    assert author_list(entry.citation) == "Norwood, et al."
    assert reference(entry).text.startswith("Norwood, et al. (n.d.).")
    assert short_citation(entry) == "Norwood et al. (n.d.)"
