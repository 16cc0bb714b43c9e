"""APA 7 references: the one formatter for reading cards, handouts, quiz feedback and the references page.

A `Reference` holds APA's four elements (author, date, title, source) and the DOI link as text spans;
each renderer escapes the spans and marks up the italic ones (coursekit.bibstyle reads references.bib
back into a `Citation` and formats it here). Editors are stored as one string, as the source printed
them ('S. D. Miller, D. Chow, and M. A. Hubble'); `editor_names` is the one place that reads it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from coursekit.model import Author, Citation, Entry

MAX_LISTED_AUTHORS = 20  # APA 7: up to 20 authors in full; beyond, the first 19, ". . .", the last
NAME_SEPARATOR = re.compile(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
INITIALS = re.compile(r"^(?:[^\W\d_]\.-?)+$|^[^\W\d_]$")
PAGE_RANGE = re.compile(r"(?<=\w)\s*(?:-{1,2}|–|—)\s*(?=\w)")


@dataclass(frozen=True)
class Span:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Reference:
    """An APA 7 reference: `author` ('Safran, J. D., & Kraus, J.'), `date` ('(2014).'), `title` and
    `source` as spans (a book's title and a journal's name and volume are italic), `link` the DOI URL."""

    author: str
    date: str
    title: tuple[Span, ...]
    source: tuple[Span, ...]
    link: str | None

    def spans(self) -> tuple[Span, ...]:
        """The elements in order, one space between them, neighbours of one style merged (no link)."""
        elements = [e for e in ((Span(self.author),), (Span(self.date),), self.title, self.source) if e and e[0].text]
        merged: list[Span] = []
        for span in [span for element in elements for span in (Span(" "), *element)][1:]:
            if merged and merged[-1].italic == span.italic:
                merged[-1] = Span(merged[-1].text + span.text, span.italic)
            elif span.text:
                merged.append(span)
        return tuple(merged)

    def render(self, plain: Callable[[str], str], italic: Callable[[str], str]) -> str:
        """The reference without its link, each span escaped by `plain` or marked up by `italic`
        (a space at either end of a span kept outside, since escapers fold it)."""
        out = []
        for span in self.spans():
            core = span.text.strip()
            marked = (italic(core) if span.italic else plain(core)) if core else ""
            out.append(" " * span.text[:1].isspace() + marked + " " * (bool(core) and span.text[-1:].isspace()))
        return "".join(out)

    @property
    def text(self) -> str:
        body = "".join(span.text for span in self.spans())
        return f"{body} {self.link}" if self.link else body


def initials(given: str | None) -> str:
    """'J.C.' -> 'J. C.', 'A-M.' -> 'A.-M.', 'Mary Ann' -> 'M. A.'."""
    if not given:
        return ""
    parts = [p for p in given.replace(".", ". ").replace("-", " -").split() if p]
    out = [("-" + part[1:2] if part.startswith("-") else part[0]) + "." for part in parts]
    return " ".join(out).replace(" -", "-")


def person_name(author: Author, family_first: bool = True) -> str:
    """'Safran, J. D.' as APA lists authors; 'S. D. Miller' (not `family_first`) as it names a book's editors."""
    given = initials(author.given)
    if not given:
        return author.family
    return f"{author.family}, {given}" if family_first else f"{given} {author.family}"


def author_list(citation: Citation) -> str:
    """'A, B, & C'; a cut list ends ', et al.'; more than 20: the first 19, '. . .', the last."""
    names = [person_name(a) for a in citation.authors]
    if citation.et_al and names:
        return ", ".join(names) + ", et al."
    if len(names) > MAX_LISTED_AUTHORS:
        return ", ".join(names[:MAX_LISTED_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def editor_names(editors: str | None) -> tuple[Author, ...]:
    """The names in a stored editors string: 'S. D. Miller, D. Chow, and M. A. Hubble' (initials
    first, as APA prints them) or 'Miller, S. D., & Chow, D.' (family first)."""
    names: list[Author] = []
    for piece in (p.strip() for p in NAME_SEPARATOR.split(editors or "")):
        if not piece:
            continue
        if names and names[-1].given is None and all(INITIALS.match(t) for t in piece.split()):
            names[-1] = Author(names[-1].family, piece)
        else:
            names.append(_given_first(piece.split()))
    return tuple(names)


def _given_first(words: list[str]) -> Author:
    """'S. D. Miller' -> Miller, S. D.; 'A. C. Del Re' -> Del Re; 'Karl van der Berg' -> van der Berg:
    after initials, the rest is the family name; else the last word and the particles before it."""
    leading = next((n for n, word in enumerate(words) if not INITIALS.match(word)), len(words))
    start = leading if 0 < leading < len(words) else len(words) - 1
    while leading == 0 and start > 0 and words[start - 1].islower():
        start -= 1
    return Author(" ".join(words[start:]), " ".join(words[:start]) or None)


def editors_text(names: tuple[Author, ...]) -> str | None:
    """The stored editors string for names (`editor_names` reads it back to the same names)."""
    return ", ".join(" ".join(filter(None, (a.given, a.family))) for a in names) or None


def editor_list(names: tuple[Author, ...]) -> str:
    """'S. D. Miller', 'S. D. Miller & D. Chow', 'S. D. Miller, D. Chow, & M. A. Hubble'."""
    shown = [person_name(a, family_first=False) for a in names]
    return " & ".join(shown) if len(shown) < 3 else ", ".join(shown[:-1]) + ", & " + shown[-1]


def doi_url(citation: Citation) -> str | None:
    if citation.doi:
        return f"https://doi.org/{citation.doi}"
    if citation.url and citation.url.startswith(("https://", "http://")):
        return citation.url
    return None


def page_range(pages: str) -> str:
    """'381-387' and '381--387' -> '381–387' (an en dash, as APA wants)."""
    return PAGE_RANGE.sub("–", pages.strip())


def _sentence(text: str | None) -> str:
    if not text:
        return ""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa(cit: Citation) -> Reference:
    """The APA 7 reference of a citation; every field but the type may be missing."""
    title = _title(cit.title, italic=cit.type == "book") if cit.title else ()
    if cit.type == "book":
        source = (Span(_sentence(cit.publisher)),) if cit.publisher else ()
    elif cit.type == "chapter":
        source = _chapter_source(cit)
    else:
        source = _periodical_source(cit)
    return Reference(author=_sentence(author_list(cit)), date=f"({cit.year or 'n.d.'}).", title=title,
                     source=source, link=doi_url(cit))


def _title(title: str, italic: bool) -> tuple[Span, ...]:
    """The title and its full stop (roman after an italic title; a '?' or '!' ending stays the title's)."""
    ended = _sentence(title)
    return (Span(title, italic), Span(ended[len(title):])) if italic else (Span(ended),)


def _periodical_source(cit: Citation) -> tuple[Span, ...]:
    """'*Journal*, *51*(4), 381–387.'"""
    spans = [Span(cit.source, italic=True)] if cit.source else []
    if cit.volume:
        spans += [Span(", ")] if spans else []
        spans.append(Span(cit.volume, italic=True))
    if cit.issue:
        spans.append(Span(f"({cit.issue})"))
    if cit.pages:
        spans.append(Span(f"{', ' if spans else ''}{page_range(cit.pages)}"))
    if not spans:
        return ()
    last = spans[-1]
    return (*spans[:-1], last, Span(".")) if last.italic else (*spans[:-1], Span(_sentence(last.text)))


def _chapter_source(cit: Citation) -> tuple[Span, ...]:
    """'In S. D. Miller (Ed.), *Book* (pp. 1–10). Publisher.'"""
    names = editor_names(cit.editors)
    role = "(Ed.)" if len(names) == 1 else "(Eds.)"
    editors = f" {editor_list(names)} {role}{',' if cit.source else ''}" if names else ""
    pages = f" (pp. {page_range(cit.pages)})" if cit.pages else ""
    publisher = f" {_sentence(cit.publisher)}" if cit.publisher else ""
    if not (names or cit.source or pages):
        return (Span(publisher.strip()),) if publisher else ()
    book = (Span(" "), Span(cit.source, italic=True)) if cit.source else ()
    return (Span("In" + editors), *book, Span(pages + "." + publisher))


def short_citation(entry: Entry) -> str:
    """'Safran & Kraus (2014)' style, for lists and search hits."""
    families = [author.family for author in entry.citation.authors]
    year = entry.citation.year or "n.d."
    if len(families) > 2 or (families and entry.citation.et_al):
        return f"{families[0]} et al. ({year})"
    return f"{' & '.join(families)} ({year})" if families else f"({year})"
