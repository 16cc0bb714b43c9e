"""Glossary links: which terms of the course's glossary a reading uses.

The terms are the ones `book/glossary.md` defines in its ```{glossary} block, so a reading never
links to a term the book does not have. How each term is recognised in a reading is data:
`data/glossary-terms.yml` maps a term to regular expressions (matched case-insensitively, as whole
words); a term without patterns there is found by its own name.
"""
from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass
from importlib import resources
from typing import Sequence

import yaml

from coursekit.planning.casefold import folded, literal_prefixes, merged_prefixes
from coursekit.model import Entry

GLOSSARY_PAGE = "book/glossary"  # the page that defines the terms (a .md file)
FENCE = re.compile(r"^(`{3,}|:{3,})\{glossary\}\s*$")
SAFE_TERM = re.compile(r"^[^`<>{}\[\]]+$")


@dataclass(frozen=True)
class Term:
    name: str
    patterns: tuple[str, ...]

    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.patterns or (re.escape(self.name),))

    def clues(self) -> tuple[str, ...] | None:
        """Texts one of which a reading (`folded`) must contain for the pattern to match; None if unknown."""
        return _clues(self.patterns or (re.escape(self.name),))

    @functools.cached_property
    def matcher(self) -> tuple[tuple[str, ...] | None, re.Pattern[str]]:
        """`clues()` and `pattern()`, looked up once per term."""
        return self.clues(), self.pattern()


@functools.lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _clues(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    found = [literal_prefixes(p) for p in patterns]
    return None if None in found else merged_prefixes(clue for clues in found for clue in clues)


def glossary_terms(markdown: str) -> tuple[str, ...]:
    """The term names that the ```{glossary} blocks of a MyST page define, in page order."""
    terms: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines():
        if fence is None:
            match = FENCE.match(line.strip())
            fence = match.group(1) if match else None
        elif line.strip() == fence:
            fence = None
        elif line and not line[0].isspace() and not line.startswith(":"):
            name = line.split(" : ")[0].strip()
            if SAFE_TERM.match(name):
                terms.append(name)
    return tuple(terms)


def default_patterns() -> dict[str, tuple[str, ...]]:
    text = resources.files("coursekit").joinpath("data/glossary-terms.yml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    return {str(name).casefold(): tuple(str(p) for p in patterns or ()) for name, patterns in raw.items()}


def terms_for(names: Sequence[str], patterns: dict[str, tuple[str, ...]]) -> tuple[Term, ...]:
    return tuple(Term(name, patterns.get(name.casefold(), ())) for name in names)


def load_terms(root: pathlib.Path) -> tuple[Term, ...]:
    """The course's glossary terms with their patterns; none when the course has no glossary page."""
    page = root / f"{GLOSSARY_PAGE}.md"
    if not page.is_file():
        return ()
    return terms_for(glossary_terms(page.read_text(encoding="utf-8")), default_patterns())


def entry_text(entry: Entry) -> str:
    return "\n".join((entry.title, *entry.summary, *entry.implications, *(s.text for s in entry.stats)))


def key_terms(entry: Entry, terms: Sequence[Term]) -> tuple[str, ...]:
    """The names of the terms whose patterns occur in the entry, in glossary order."""
    text = entry_text(entry)
    lowered = folded(text)
    return tuple(term.name for term in terms if _occurs(term, text, lowered))


def _occurs(term: Term, text: str, lowered: str) -> bool:
    """`term.pattern().search(text)`, tried only where one of the term's clues starts (`lowered`,
    the folded text, lines up with `text` character by character), as every match starts so."""
    clues, pattern = term.matcher
    if clues is None:
        return pattern.search(text) is not None
    for clue in clues:
        at = lowered.find(clue)
        while at >= 0:
            if pattern.match(text, at):
                return True
            at = lowered.find(clue, at + 1)
    return False
