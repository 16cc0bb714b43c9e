"""BibTeX for a whole archive (`coursekit bib`): one record per cited work, deterministic.

Entries citing the same work (same DOI, or same authors, year and title) share one record, whose
comment lists them. Keys are first author, year and first title word (`norcross2023relationship`);
a second work with the same key gets `a`, the next `b`, in a fixed order. Text fields escape the
LaTeX specials and brace words with several capitals ({CBT}) so styles keep them; `doi` and `url`
are verbatim fields (biblatex), left unescaped. Non-ASCII letters stay UTF-8 (biber, bibtexu).
`citation` reads a record back into the Citation it was written from (for coursekit.bibstyle).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from coursekit.archive.ids import STOP, ascii_lower
from coursekit.content.citations import editor_names, editors_text
from coursekit.model import Author, Citation, Entry

ENTRY_TYPES = {"article": "article", "chapter": "incollection", "book": "book", "other": "misc"}
SOURCE_FIELDS = {"article": "journal", "chapter": "booktitle"}  # else howpublished
# Record fields read back into Citation fields (`citation`); doi and url are verbatim.
CITATION_FIELDS = {"title": "title", "journal": "source", "booktitle": "source", "howpublished": "source",
                   "publisher": "publisher", "volume": "volume", "number": "issue", "pages": "pages"}
SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
SPECIAL = re.compile("[" + re.escape("".join(SPECIALS)) + "]")
# What `escape` and `protect` write, longest first, and the bare braces `protect` adds.
LATEX = re.compile("|".join(re.escape(v) for v in sorted(SPECIALS.values(), key=len, reverse=True)) + "|[{}]")
TITLE_STOP = STOP | {"from", "at", "as", "what", "how", "why", "does", "do", "it", "its", "can", "t"}


@dataclass(frozen=True)
class Work:
    """One cited work and the archive entries that cite it, in id order."""

    citation: Citation
    entry_ids: tuple[str, ...]


def escape(text: str) -> str:
    """LaTeX specials escaped, whitespace folded."""
    return SPECIAL.sub(lambda match: SPECIALS[match.group()], " ".join(text.split()))


def unescape(text: str) -> str:
    """`escape` and `protect` undone: 'Is {CBT} R\\&D?' -> 'Is CBT R&D?'."""
    plain = {latex: ch for ch, latex in SPECIALS.items()}
    return LATEX.sub(lambda match: plain.get(match.group(), ""), text)


def protect(text: str) -> str:
    """Brace words with two or more capitals so BibTeX styles do not lowercase them."""
    return re.sub(r"(?<![\\{\w])([^\W\d_]*[A-Z][^\W\d_]*[A-Z][\w-]*)", r"{\1}", text)


def ascii_word(text: str) -> str:
    """Lowercase ASCII letters only ('Nissen-Lie' -> 'nissenlie', 'Øvrebø' -> 'vreb')."""
    return re.sub(r"[^a-z]", "", ascii_lower(text))


def base_key(citation: Citation) -> str:
    """First author's family name, year, first significant title word: 'norcross2023relationship'."""
    author = ascii_word(citation.authors[0].family) if citation.authors else ""
    words = (ascii_word(w) for w in re.split(r"[\s\-–—/]+", citation.title or ""))
    word = next((w for w in words if w and w not in TITLE_STOP), "")
    return f"{author or 'anon'}{citation.year or 'nd'}{word}"


def work_identity(citation: Citation) -> tuple[str, ...]:
    """What makes two citations the same work: the DOI, else authors, year and title."""
    if citation.doi:
        return ("doi", citation.doi.lower())
    families = ",".join(a.family.casefold() for a in citation.authors)
    return ("cite", families, str(citation.year), " ".join((citation.title or "").casefold().split()))


@dataclass(frozen=True)
class Bibliography:
    """The works an archive cites, in key order with their unique keys, and the entries left out (no citation)."""

    works: tuple[tuple[str, Work], ...]
    skipped: tuple[str, ...]

    def entry_keys(self) -> dict[str, str]:
        """Each citing entry's key (for the reading cards' "Cite as")."""
        return {entry_id: key for key, work in self.works for entry_id in work.entry_ids}

    @property
    def text(self) -> str:
        """The .bib text: a record per work; the same entries always give the same bytes."""
        entries = len(self.skipped) + sum(len(work.entry_ids) for _, work in self.works)
        header = f"% BibTeX for {entries} archive entries: {len(self.works)} works. Written by `coursekit bib`.\n"
        return header + "".join("\n" + record(key, work) for key, work in self.works)


def bibliography(entries: Sequence[Entry]) -> Bibliography:
    """Entries grouped by the work they cite (entries whose citation has no title and no year are
    skipped), in key order; a `base_key` taken already gets 'a', 'b', ... 'z', 'aa', ..."""
    grouped: dict[tuple[str, ...], list[Entry]] = {}
    skipped = []
    for entry in sorted(entries, key=lambda e: e.id):
        if not entry.citation.title and entry.citation.year is None:
            skipped.append(entry.id)
        else:
            grouped.setdefault(work_identity(entry.citation), []).append(entry)
    works = sorted((Work(group[0].citation, tuple(e.id for e in group)) for group in grouped.values()),
                   key=lambda work: (base_key(work.citation), (work.citation.title or "").casefold(),
                                     work.citation.doi or "", work.entry_ids))
    keyed = [(base + _suffix(n), work) for base, same in itertools.groupby(works, key=lambda w: base_key(w.citation))
             for n, work in enumerate(same)]
    return Bibliography(tuple(keyed), tuple(skipped))


def _suffix(n: int) -> str:
    """'' for the first work with a key, then 'a' to 'z', 'aa', ..."""
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(97 + rem) + letters
    return letters


def fields(citation: Citation) -> list[tuple[str, str]]:
    """(name, value) pairs of one record, values already escaped."""
    names = [person(a) for a in citation.authors] + (["others"] if citation.et_al else [])
    text = {
        "author": " and ".join(escape(n) for n in names) or None,
        "editor": " and ".join(escape(person(e)) for e in editor_names(citation.editors)) or None,
        "title": protect(escape(citation.title)) if citation.title else None,
        SOURCE_FIELDS.get(citation.type, "howpublished"): protect(escape(citation.source)) if citation.source else None,
        "publisher": escape(citation.publisher) if citation.publisher else None,
        "year": str(citation.year) if citation.year else None,
        "volume": escape(citation.volume) if citation.volume else None,
        "number": escape(citation.issue) if citation.issue else None,
        "pages": escape(citation.pages).replace("-", "--") if citation.pages else None,
        "doi": _verbatim(citation.doi),
        "url": _verbatim(citation.url),
    }
    return [(name, value) for name, value in text.items() if value]


def person(author: Author) -> str:
    """'Family, Given' (BibTeX's unambiguous form: 'Del Re, A. C.' keeps its two-word family name)."""
    return f"{author.family}, {author.given}" if author.given else author.family


def citation(kind: str, values: Mapping[str, str], authors: Sequence[Author], editors: Sequence[Author]) -> Citation:
    """The Citation a record was written from (`fields` read back): `kind` is the record type,
    `values` its raw fields, `authors` and `editors` its name lists as written (a last author
    'others' is the et al.)."""
    named, editor_list = (tuple(Author(unescape(a.family), unescape(a.given) if a.given else None) for a in names)
                          for names in (authors, editors))
    cut = bool(named) and named[-1] == Author("others")
    text = {CITATION_FIELDS[name]: unescape(value) for name, value in values.items() if name in CITATION_FIELDS}
    if "pages" in text:
        text["pages"] = text["pages"].replace("--", "-")
    year = values.get("year", "")
    return Citation(authors=named[:-1] if cut else named, et_al=cut, year=int(year) if year.isdigit() else None,
                    type=next((t for t, k in ENTRY_TYPES.items() if k == kind), "other"),
                    editors=editors_text(editor_list), doi=values.get("doi"), url=values.get("url"), **text)


def _verbatim(value: str | None) -> str | None:
    return re.sub(r"[\s{}]", "", value) or None if value else None


def record(key: str, work: Work) -> str:
    """One BibTeX record, after a comment naming the entries that cite the work."""
    kind = ENTRY_TYPES.get(work.citation.type, "misc")
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields(work.citation))
    return f"% cited in: {', '.join(work.entry_ids)}\n@{kind}{{{key},\n{body}\n}}\n"

