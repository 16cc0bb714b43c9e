"""APA 7 style references, as plain text parts (the renderers escape and mark them up)."""
from __future__ import annotations

from dataclasses import dataclass

from coursekit.model import Author, Citation, Entry


@dataclass(frozen=True)
class Reference:
    """An APA reference split so a renderer can italicise the right part.

    `lead` is authors, year and (for articles) the title; `italic` is the journal or book
    title; `tail` is volume, issue, pages and publisher; `doi_url` the link, if any.
    """

    lead: str
    italic: str
    tail: str
    link: str | None

    @property
    def text(self) -> str:
        return "".join((self.lead, self.italic, self.tail)) + (f" {self.link}" if self.link else "")


def initials(given: str | None) -> str:
    if not given:
        return ""
    parts = [p for p in given.replace(".", ". ").replace("-", " -").split() if p]
    out = []
    for part in parts:
        if part.startswith("-"):
            out.append("-" + part[1:2] + ".")
        else:
            out.append(part[0] + ".")
    return " ".join(out).replace(" -", "-")


def author_name(author: Author) -> str:
    given = initials(author.given)
    return f"{author.family}, {given}" if given else author.family


def author_list(citation: Citation) -> str:
    names = [author_name(a) for a in citation.authors]
    if not names:
        return ""
    if citation.et_al:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def doi_url(citation: Citation) -> str | None:
    if citation.doi:
        return f"https://doi.org/{citation.doi}"
    if citation.url and citation.url.startswith(("https://", "http://")):
        return citation.url
    return None


def _sentence(text: str | None) -> str:
    if not text:
        return ""
    return text if text.endswith((".", "?", "!")) else text + "."


def reference(entry: Entry) -> Reference:
    cit = entry.citation
    authors = author_list(cit)
    year = f"({cit.year})." if cit.year else "(n.d.)."
    lead = " ".join(part for part in (_sentence(authors), year) if part)
    if not cit.title:
        return Reference(lead=f"{lead} ", italic=cit.source or "", tail="", link=doi_url(cit))
    if cit.type == "book":
        tail = f" {_sentence(cit.publisher)}" if cit.publisher else ""
        return Reference(lead=f"{lead} ", italic=_sentence(cit.title), tail=tail, link=doi_url(cit))
    if cit.type == "chapter":
        editors = f"In {cit.editors} (Eds.), " if cit.editors else "In "
        tail = f"{'. ' if cit.source else ''}{_sentence(cit.publisher)}" if cit.publisher else "."
        if cit.pages:
            tail = f" (pp. {cit.pages})" + tail
        return Reference(lead=f"{lead} {_sentence(cit.title)} {editors}", italic=cit.source or "", tail=tail,
                         link=doi_url(cit))
    return Reference(lead=f"{lead} {_sentence(cit.title)} ", italic=cit.source or "", tail=_article_tail(cit),
                     link=doi_url(cit))


def _article_tail(cit: Citation) -> str:
    tail = ""
    if cit.volume:
        tail += f", {cit.volume}"
    if cit.issue:
        tail += f"({cit.issue})"
    if cit.pages:
        tail += f", {cit.pages}"
    return tail + "."


def short_citation(entry: Entry) -> str:
    """'Safran & Kraus (2014)' style, for lists and search hits."""
    authors = entry.citation.authors
    year = entry.citation.year or "n.d."
    if not authors:
        return f"({year})"
    if len(authors) == 1 and not entry.citation.et_al:
        return f"{authors[0].family} ({year})"
    if len(authors) == 2 and not entry.citation.et_al:
        return f"{authors[0].family} & {authors[1].family} ({year})"
    return f"{authors[0].family} et al. ({year})"
