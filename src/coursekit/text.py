"""Plain-text rules shared by every stage: month names and order, dates, sentence ends, case folding.

The month and day names are English whatever the locale (strftime's %B is not).
"""
from __future__ import annotations

import datetime
import re

from coursekit.model import Entry

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A month heading's month as printed, in lowercase: the name or a short form ('sept', 'jan').
MONTH_NUMBERS = {spelling: number for number, name in enumerate(MONTH_NAMES, 1)
                 for spelling in {name.lower(), name[:3].lower()} | ({"sept"} if number == 9 else set())}
MONTH_HEADING = re.compile(r"^(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>(?:19|20)\d\d)$")


def month_label(month: str) -> str:
    """'2023-07' -> 'July 2023'."""
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def month_of(heading: str) -> str | None:
    """'July 2023' (or 'Jul. 2023', 'July, 2023') -> '2023-07'; None when the line is no month heading."""
    match = MONTH_HEADING.match(heading)
    number = MONTH_NUMBERS.get(match.group("month").lower()) if match else None
    return f"{match.group('year')}-{number:02d}" if number else None


def archive_order(entry: Entry) -> tuple[int, str]:
    """The order of an archive's entries: newest month first (a malformed month last), then by id."""
    digits = entry.month.replace("-", "")
    return -int(digits) if digits.isdigit() else 0, entry.id


def long_date(iso: str) -> str:
    """'2024-03-15' -> 'Friday 15 March 2024'."""
    day = datetime.date.fromisoformat(iso)
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# A possible sentence end: the stop, any closing quotes or brackets, whitespace, and a sentence's
# first character (after an opening quote or bracket): a digit or a capital, accented ones included.
SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[“\"'‘(\[]?[\dA-Z\u00C0-\u024F])")
# Words (lowercase, without the full stop) after which a full stop ends no sentence.
ABBREVIATIONS = frozenset({"vs", "e.g", "i.e", "al", "cf", "ca", "approx", "fig", "no", "vol", "pp", "ed", "eds",
                           "dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "inc", "ltd", "co"})
INITIALS = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")  # 'j', 'u.s' (lowercase, without the last full stop)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `paragraph`, in order and covering it: each ends
    after the whitespace that follows its stop, the last at the paragraph's end."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(paragraph):
        if not _after_abbreviation(paragraph, match.start()):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def sentences(paragraph: str) -> list[str]:
    """The sentences of `paragraph`, stripped, empty ones left out."""
    return [text for text in (paragraph[start:end].strip() for start, end in sentence_spans(paragraph)) if text]


def _after_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation or initials rather than a sentence."""
    if text[stop] != "." or stop == 0 or text[stop - 1].isspace():
        return False
    word = text[:stop].rsplit(None, 1)[-1].lower().lstrip("(")
    return word in ABBREVIATIONS or INITIALS.fullmatch(word) is not None


def folded(text: str) -> str:
    """The text lowercased char for char, holding every ASCII literal re.IGNORECASE matches in it: a cheap
    `literal in folded(text)` rules a pattern out. Beyond ASCII, four characters match an ASCII letter
    (test_text checks all of Unicode): dotted capital I (replaced first, as it lowercases to two characters),
    dotless i and long s (replaced after), and the Kelvin sign (lowercased to 'k')."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


def required_text(literal: str) -> str | None:
    """What a folded text must contain for `literal` to occur in it in any case; None beyond ASCII."""
    return literal.lower() if literal.isascii() else None
