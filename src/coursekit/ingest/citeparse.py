"""Citations as the blog prints them (APA-like, with drift) -> `Citation` fields. Pure functions.

Handles journal articles ("Source, 41(8), 603-623", "41:8, 603-623", "10:347", "7(6), E186"),
book chapters ("Title. In A. Editor & B. Editor (Eds.) Book. Publisher."), books ("City:
Publisher"), "et al." and "..." author lists, DOIs in any spelling, and entries with no citation
line at all, whose study is only named in the text ("Norwood and colleagues",
"The Great Psychotherapy Debate (Wampold & Imel, 2015)").
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Sequence

from coursekit.model import Author, Citation
from coursekit.text import sentences

# Every upper-case letter of Latin-1 and Latin Extended-A/B (Ø, Ü, Å, Ř, ...).
UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x250) if chr(c).isupper()) + "]"
NAME = rf"{UPPER}[\w'’\-]*"

DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s*)?\b(?P<doi>10\.\d{4,9}/[^\s\"<>]+)",
                 re.IGNORECASE)
URL = re.compile(r"\bhttps?://[^\s\"<>]+", re.IGNORECASE)
YEAR = re.compile(r"\(\s*(?:(?P<year>(?:19|20)\d\d)[a-z]?(?:,[^)]{0,30})?|n\.\s?d\.|in press)\s*\)\.?", re.IGNORECASE)
CITATION_START = re.compile(rf"^{UPPER}[\w'’\-]*(?:\s+[\w'’\-]+){{0,3}}\s*,\s*{UPPER}[a-z]?\.")
GROUP_AUTHOR_START = re.compile(r"^[^()]{2,120}?\.\s*\((?:19|20)\d\d[a-z]?\)\.")
INITIALS = re.compile(rf"^(?:{UPPER}(?:[a-z]{{0,2}}\.|\.?)[\s\-‐]*)+$")
ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
ET_AL = re.compile(r",?\s*\bet\s+al\b\.?", re.IGNORECASE)
CONNECTOR = re.compile(r",?\s*(?:&|\band\b)\s+")
EDITED = re.compile(r"^(?P<editors>.+?)\s*\((?:Eds?|Editors?)\.?\)[,.:]?\s*(?P<book>.*)$", re.IGNORECASE)
PAGES_IN_BOOK = re.compile(r"\s*\((?P<before>[^()]*?)(?:,\s*)?\bpp?\.\s*(?P<pages>[^)]+)\)\.?")
LOCATOR = re.compile(r"""^(?P<source>.+?)[,.]?\s+(?:(?:vol\.?|volume)\s*)?(?P<volume>\d+[A-Za-z]?)
    (?:\s*\((?P<issue>[^)]{1,20})\)|:(?P<issue2>\d+)(?=\s*,\s*\S))?
    (?:\s*[,:]\s*(?:(?:pp?\.|article)\s*)?
       (?P<pages>[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[-–—‐]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?))?
    \s*[.,]?\s*$""", re.VERBOSE | re.IGNORECASE)
NOISE = re.compile(r"^(?:advance online publication|online ahead of print|epub ahead of print|in press|"
                   r"retrieved from.*|available (?:at|from).*)\.?$", re.IGNORECASE)
EDITION = re.compile(r"\((?:\d+(?:st|nd|rd|th)|revised|rev\.)\s+ed(?:ition|\.)?\)", re.IGNORECASE)
PUBLISHER_WORDS = re.compile(
    r"\b(?:press|publish\w*|publications|books|routledge|guilford|wiley|springer|norton|sage|elsevier|"
    r"jossey-bass|erlbaum|karnac|academic|association|macmillan|penguin|hogrefe|pearson|mcgraw-hill|"
    r"taylor|francis|basic)\b", re.IGNORECASE)
PLACE_PREFIX = re.compile(rf"^{UPPER}[\w.]*(?:\s{UPPER}[\w.]*){{0,2}}(?:,\s*[A-Z]{{2,}})?:\s*")
TEXT_MENTION = re.compile(rf"(?P<name>{NAME}(?:\s+{NAME})?)\s+(?:and|&)\s+(?:colleagues|co-?workers|collaborators)"
                          rf"|(?P<etal>{NAME})\s+et\s+al\.?")
PARENTHETICAL = re.compile(rf"\((?P<authors>{NAME}(?:\s*(?:,|&|and)\s*{NAME})*(?:\s+et\s+al\.?)?),\s*"
                           rf"(?P<year>(?:19|20)\d\d)\)")
PARTICLES = {"Del", "De", "Van", "Von", "Da", "Di", "Le", "La", "Mac", "Van der", "Van den"}
INITIAL_FULL_STOP = re.compile(r"\.(?=[^\s\-‐.])")
PAGE_DASH = re.compile(r"\s*[–—‐]\s*|\s+-\s+")


@dataclass(frozen=True)
class ParsedCitation:
    """A citation and one-line notes on the fields that could not be found."""

    citation: Citation
    problems: tuple[str, ...] = ()


def looks_like_citation(text: str) -> bool:
    """True for a reference line: 'Family, I. (...) (YYYY).' or 'Group Author. (YYYY).'."""
    if len(text) > 1500 or not YEAR.search(text[:700]):
        return False
    return bool(CITATION_START.match(text) or GROUP_AUTHOR_START.match(text))


def parse_citation(text: str) -> ParsedCitation:
    """Parse one citation line. Fields that cannot be found stay None and are named in `problems`."""
    text, doi, url = _links(" ".join(text.split()))
    year_match = YEAR.search(text)
    if not year_match:
        return ParsedCitation(Citation(doi=doi, url=url, title=text.rstrip(". ") or None),
                              ("no year in parentheses; the whole line is kept as the title",))
    authors, et_al = parse_authors(text[: year_match.start()])
    year = int(year_match.group("year")) if year_match.group("year") else None
    fields = _work(text[year_match.end():].strip())
    citation = Citation(authors=authors, et_al=et_al, year=year, doi=doi, url=url, **fields)
    return ParsedCitation(citation, _missing(citation))


def _links(text: str) -> tuple[str, str | None, str | None]:
    """The text without its DOI and URL, ending in one full stop (or its '?' or '!'), the DOI and the URL."""
    links: list[str | None] = []
    for pattern, group in ((DOI, "doi"), (URL, 0)):
        match = pattern.search(text)
        links.append(match.group(group).rstrip(".,;)]") if match else None)
        text = text[: match.start()] + text[match.end():] if match else text
    text = text.strip().rstrip(",.;: ")  # the only whitespace left is single spaces
    return text + ("." if text and not text.endswith(("?", "!")) else ""), *links


def _missing(citation: Citation) -> tuple[str, ...]:
    missing = {"authors": not citation.authors, "year": citation.year is None, "title": not citation.title,
               "journal": citation.type == "article" and not citation.source}
    return tuple(f"no {field} found" for field, absent in missing.items() if absent)


def parse_authors(text: str) -> tuple[tuple[Author, ...], bool]:
    """'Norcross, J.C. & Karpiak, C.P.' -> authors and whether the list was cut ('et al.', '...')."""
    text = re.sub(r"\s+,", ",", text.strip())
    text = CONNECTOR.sub(", ", ELLIPSIS.sub(", …, ", ET_AL.sub(", …", text)))
    names: list[list[str | None]] = []  # [family, given]: each Author made once, when complete
    et_al = False
    for token in text.split(","):
        token = token.strip()
        if "…" in token:
            et_al = True
            token = token.replace("…", "").strip()
        if not token:
            continue
        if names and names[-1][1] is None and ("." in token or len(token) <= 2) and INITIALS.match(token):
            names[-1][1] = " ".join(INITIAL_FULL_STOP.sub(". ", token).split())  # 'J.C.' -> 'J. C.'; 'A-M.' stays
        else:
            names.append([_family(token), None])
    return tuple(Author(family, given) for family, given in names), et_al


def _family(token: str) -> str:
    """A family name as printed; a group author loses its closing full stop ('... Association.')."""
    last = token.split()[-1]
    return token[:-1] if token.endswith(".") and len(last) > 3 else token


def _work(rest: str) -> dict[str, str | None]:
    """Title, source and locators from the text after '(YYYY).'."""
    chapter = re.match(r"(?P<title>.+?[.?!])\s+In\s+(?P<after>.+)$", rest)
    if chapter:
        return _chapter(chapter.group("title"), chapter.group("after"))
    parts = [p for p in sentences(rest) if not NOISE.match(p)]
    if not parts:
        return {}
    last = parts[-1].rstrip(".").strip()
    locator = LOCATOR.match(last)
    title = _title(" ".join(parts[:-1]))
    if locator:
        pages = locator.group("pages")
        return {"type": "article", "title": title, "source": locator.group("source").strip(" ,.") or None,
                "volume": locator.group("volume"), "issue": locator.group("issue") or locator.group("issue2"),
                "pages": PAGE_DASH.sub("-", pages) if pages else None}
    if len(parts) == 1:
        return {"type": "book" if EDITION.search(last) else "article", "title": _title(last)}
    publisher_like = PUBLISHER_WORDS.search(last) and (PLACE_PREFIX.match(last) or len(last.split()) <= 4)
    if EDITION.search(rest) or publisher_like:
        return {"type": "book", "title": title, "publisher": PLACE_PREFIX.sub("", last)}
    return {"type": "article", "title": title, "source": last}


def _chapter(title: str, after: str) -> dict[str, str | None]:
    edited = EDITED.match(after)
    editors, book = (edited.group("editors"), edited.group("book")) if edited else (None, after)
    pages_match = PAGES_IN_BOOK.search(book)
    pages = re.sub(r"\s*[–—‐]\s*", "-", pages_match.group("pages")).strip() if pages_match else None
    if pages_match:
        before = pages_match.group("before").strip(" ,")
        kept = f" ({before})" if before else ""
        book = (book[: pages_match.start()] + kept + ". " + book[pages_match.end():]).strip()
    parts = [p for p in sentences(book) if not NOISE.match(p)]
    publisher = PLACE_PREFIX.sub("", parts[-1].rstrip(".")) if len(parts) > 1 else None
    source = " ".join(parts[:-1] if len(parts) > 1 else parts).rstrip(". ") or None
    return {"type": "chapter", "title": _title(title), "editors": editors.strip(" ,") if editors else None,
            "source": source, "publisher": publisher or None, "pages": pages}


def _title(text: str) -> str | None:
    return text.strip().rstrip(".").strip() or None


def citation_from_text(paragraphs: Sequence[str]) -> tuple[Citation, str] | None:
    """For entries without a citation line: the study as the text names it, and the phrase used.

    '(Wampold & Imel, 2015)' after a capitalised title gives a book or article with that title;
    'Norwood and colleagues' or 'Norwood et al.' gives the first author and et_al.
    """
    for text in paragraphs:
        cited = PARENTHETICAL.search(text)
        if cited:
            names = re.split(r"\s*(?:,|&|\band\b)\s*", ET_AL.sub("", cited.group("authors")))
            kind = "book" if re.search(r"\bbook\b", text, re.IGNORECASE) else "article"
            citation = Citation(authors=tuple(Author(n.strip()) for n in names if n.strip()),
                                year=int(cited.group("year")), title=_title_before(text[: cited.start()]), type=kind,
                                et_al=bool(ET_AL.search(cited.group("authors"))))
            return citation, cited.group(0)
        mention = TEXT_MENTION.search(text)
        if mention:
            name = mention.group("name") or mention.group("etal")
            words = name.split()
            if len(words) > 1 and words[0] not in PARTICLES:
                name = words[-1]
            year = re.match(r"\s*\(((?:19|20)\d\d)\)", text[mention.end():])
            citation = Citation(authors=(Author(name),), et_al=True, year=int(year.group(1)) if year else None)
            return citation, mention.group(0)
    return None


def _title_before(text: str) -> str | None:
    """The capitalised words just before a parenthetical citation, if there are two or more."""
    taken = list(itertools.takewhile(lambda word: word[:1].isupper() or word[:1].isdigit(), reversed(text.split())))
    return " ".join(reversed(taken)).strip(" ,:;") if len(taken) >= 2 else None
