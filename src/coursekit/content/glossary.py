"""Glossary links: which terms of the course's glossary a reading uses.

The terms are the ones `book/glossary.md` defines in its ```{glossary} block, so a reading never
links to a term the book does not have. How each term is recognised in a reading is data:
`data/glossary-terms.yml` maps a term to regular expressions (matched case-insensitively, as whole
words) and to clues, plain texts one of which every match starts with (the patterns are tried only
where a clue is); a term without patterns there is found by its own name.
"""
from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Sequence

from coursekit import yamlio
from coursekit.model import Entry
from coursekit.text import folded, required_text

GLOSSARY_PAGE = "book/glossary"  # the page that defines the terms (a .md file)
# a ```{glossary} block (to its closing fence, or the page's end) and the term lines in it
GLOSSARY_BLOCK = re.compile(r"^[^\S\n]*(`{3,}|:{3,})\{glossary\}[^\S\n]*$(.*?)(?:^[^\S\n]*\1[^\S\n]*$|\Z)",
                            re.MULTILINE | re.DOTALL)
TERM_LINE = re.compile(r"^[^\s:].*", re.MULTILINE)
SAFE_TERM = re.compile(r"^[^`<>{}\[\]]+$")


@dataclass(frozen=True)
class Term:
    """A glossary term, its patterns (none: its name) and its clues (lowercase; none: searched everywhere)."""

    name: str
    patterns: tuple[str, ...] = ()
    clues: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(f"(?:{p})" for p in self.patterns or (re.escape(self.name),))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def occurs(self, text: str, lowered: str) -> bool:
        """Whether the pattern matches `text`, tried only where a clue starts in `lowered` (the text
        folded by `text.folded`: the same length, each character at its place)."""
        clues = self.clues if self.patterns else tuple(filter(None, [required_text(self.name)]))
        if not clues:
            return self.pattern.search(text) is not None
        for clue in clues:
            at = lowered.find(clue)
            while at >= 0:
                if self.pattern.match(text, at):
                    return True
                at = lowered.find(clue, at + 1)
        return False


def glossary_terms(markdown: str) -> tuple[str, ...]:
    """The term names that the ```{glossary} blocks of a MyST page define, in page order."""
    names = (line.split(" : ")[0].strip() for block in GLOSSARY_BLOCK.finditer(markdown)
             for line in TERM_LINE.findall(block.group(2)))
    return tuple(name for name in names if SAFE_TERM.match(name))


def load_terms(root: pathlib.Path) -> tuple[Term, ...]:
    """The course's glossary terms, each as data/glossary-terms.yml recognises it (by casefolded name) or
    by its name; none when the course has no glossary page."""
    page = root / f"{GLOSSARY_PAGE}.md"
    if not page.is_file():
        return ()
    data = resources.files("coursekit").joinpath("data/glossary-terms.yml").read_text(encoding="utf-8")
    known = {str(name).casefold(): Term(str(name), tuple(map(str, found.get("patterns") or ())),
                                        tuple(str(clue).lower() for clue in found.get("clues") or ()))
             for name, found in (yamlio.parse(data) or {}).items()}
    return tuple(replace(known[name.casefold()], name=name) if name.casefold() in known else Term(name)
                 for name in glossary_terms(page.read_text(encoding="utf-8")))


def entry_text(entry: Entry) -> str:
    return "\n".join((entry.title, *entry.summary, *entry.implications, *(s.text for s in entry.stats)))


def key_terms(entry: Entry, terms: Sequence[Term]) -> tuple[str, ...]:
    """The names of the terms whose patterns occur in the entry, in glossary order."""
    text = entry_text(entry)
    lowered = folded(text)
    return tuple(term.name for term in terms if term.occurs(text, lowered))
