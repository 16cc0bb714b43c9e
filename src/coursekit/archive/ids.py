"""Entry ids: the month and a slug of the title, e.g. '2023-07-therapeutic-relationship-factors-that-work'.

Every entry file of an archive is named by its id, so this one function decides whether two pages
hold the same entry (same month, same title) and which file an ingested entry goes to. The
hand-written files in archive/ follow it too; do not change it without renaming them all.
"""
from __future__ import annotations

import re
import unicodedata

STOP = {"a", "an", "the", "of", "to", "in", "for", "with", "by", "and", "or", "vs", "on", "is", "are"}


def ascii_lower(text: str) -> str:
    """The text in lowercase ASCII: accents dropped ('Øvrebø' -> 'vreb', as Ø has no ASCII base)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str, most: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens, at most `most` characters, cut at a word, no trailing stop word."""
    words = re.sub(r"[^a-z0-9]+", "-", ascii_lower(text)).strip("-")
    if len(words) > most:
        words = words[:most].rsplit("-", 1)[0]
    parts = words.split("-")
    while parts and parts[-1] in STOP:
        parts.pop()
    return "-".join(parts)


def entry_id(month: str, title: str) -> str:
    """The id of the entry titled `title` in `month` ('YYYY-MM')."""
    return f"{month}-{slug(title)}"
