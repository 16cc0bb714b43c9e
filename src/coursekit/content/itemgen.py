"""Quiz items generated from an entry's extracted facts: its stats, citation and title.

Every item is built from templates written here plus the entry's own numbers, sentences, title
and citation; nothing is paraphrased from elsewhere. Five templates, each generated only where
it is safe (otherwise the entry's authored items carry the topic):

- ``recall``: the stat's sentence with the value blanked out; the options are the value and
  other values of the same statistic kind reported by *other* archive entries.
- ``study``: which study reported a finding (or, without stats, which study a reading
  summarises); the options are short citations of other entries that do not report it.
- ``size``: small, moderate or large by the usual benchmarks for the statistic, generated
  only when the entry's own wording does not use a different size word.
- ``direction``: what the sign of a correlation says (r only).
- ``ci``: true or false, whether the reported confidence interval rules out no effect, which
  is what a clinician may safely conclude from it.

Ids are stable: ``<entry-id>-g-<kind>-<n>-<template>``, where n counts the entry's stats of
that kind from 1 (``<entry-id>-g-study`` for the title-based study item).
"""
from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from coursekit.content.citations import short_citation
from coursekit.model import RATIO_KINDS, Entry, QuizItem, Stat

# The usual benchmarks (small, moderate, large), applied to the absolute value:
#   d, g, SMD (standardised mean differences): 0.2, 0.5, 0.8 (Cohen, 1988)
#   r (correlation): .1, .3, .5 (Cohen, 1988)
#   OR (odds ratio): 1.5, 2.5, 4.3 (Chen, Cohen & Chen, 2010); an OR below 1 is judged by 1/OR
SIZE_BENCHMARKS: dict[str, tuple[float, float, float]] = {
    "d": (0.2, 0.5, 0.8), "g": (0.2, 0.5, 0.8), "SMD": (0.2, 0.5, 0.8),
    "r": (0.1, 0.3, 0.5),
    "OR": (1.5, 2.5, 4.3),
}
SIZE_LABELS = ("Negligible", "Small", "Moderate", "Large")
# Words an entry may use about an effect's size, and the label each one means. "larger",
# "stronger" and the like count as well: an item is skipped rather than risk contradicting the text.
SIZE_WORDS = {
    "negligible": "Negligible", "trivial": "Negligible",
    "small": "Small", "smaller": "Small", "modest": "Small", "weak": "Small", "weaker": "Small",
    "moderate": "Moderate", "moderately": "Moderate", "medium": "Moderate",
    "large": "Large", "larger": "Large", "big": "Large", "strong": "Large", "stronger": "Large",
    "strongest": "Large", "substantial": "Large", "substantially": "Large",
}
NO_LEADING_ZERO = ("r", "beta")  # bounded by 1, so APA style drops the leading zero
NUMBER = r"[-\u2212]?(?:\d+(?:\.\d+)?|\.\d+)"
# What NUMBER matches, found faster: the pattern opens with the class of every match's first
# character (so the regex engine skips to those characters) and the lookbehinds then choose
# the rest of NUMBER that goes with that character.
NUMBERS = re.compile(r"[-\u2212\d.](?:(?<=[-\u2212])(?:\d+(?:\.\d+)?|\.\d+)|(?<=\d)\d*(?:\.\d+)?|(?<=\.)\d+)")
GAP = "___"
MIN_GAP = 0.05  # a distractor differs from the answer by at least this much
DIRECTION_OPTIONS = (
    "Higher scores on one measure tended to go with higher scores on the other",
    "Higher scores on one measure tended to go with lower scores on the other",
    "The two measures were unrelated",
    "One measure was shown to cause the change in the other",
)


@dataclass(frozen=True)
class GeneratedItem:
    """A generated quiz item; the builders below pass the fields in this order (and QuizItem's
    in its own: stem, options, answers, feedback, difficulty), which is quicker than by name."""

    id: str
    template: str
    item: QuizItem
    shuffle: bool = True


@functools.lru_cache(maxsize=4096)
def format_value(kind: str, value: float) -> str:
    """A stat value as a reader expects it: '.28' for r, '0.45' for d, '−0.52' with a minus sign."""
    digits = max(2, _decimals(value))
    text = f"{abs(value):.{digits}f}"
    if kind in NO_LEADING_ZERO and text.startswith("0."):
        text = text[1:]
    return ("\u2212" if value < 0 else "") + text


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def _number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


@functools.lru_cache(maxsize=4096)
def size_label(kind: str, value: float) -> str | None:
    """'Negligible', 'Small', 'Moderate' or 'Large' by SIZE_BENCHMARKS; None for other kinds."""
    if kind not in SIZE_BENCHMARKS:
        return None
    magnitude = abs(value)
    if kind in RATIO_KINDS:
        if value <= 0:
            return None
        magnitude = value if value >= 1 else 1 / value
    passed = sum(magnitude >= benchmark for benchmark in SIZE_BENCHMARKS[kind])
    return SIZE_LABELS[passed]


def answer_in_stem(stem: str, answer: str) -> bool:
    """True when the answer appears in the stem as a whole word or phrase, in any case."""
    return _in_lowered(stem.lower(), answer.lower())


def _in_lowered(lowered_stem: str, lowered_answer: str) -> bool:
    """`answer_in_stem` for a stem and an answer already in lowercase."""
    return lowered_answer in lowered_stem and _whole_phrase(lowered_answer).search(lowered_stem) is not None


@functools.lru_cache(maxsize=4096)
def _whole_phrase(phrase: str) -> re.Pattern[str]:
    """The phrase, matched only where no word character comes directly before or after it."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


# Characters that str.lower() leaves alone and that no other character lowers to: a text made of
# them (a value as shown) is in a stem's lowercase exactly where it is in the stem itself.
CASE_FREE = frozenset("0123456789.-\u2212")


def is_safe(item: QuizItem) -> bool:
    """Unique options, at least one answer among them, and no answer given away by the stem."""
    options, answers = item.options, item.answers
    option_set = set(options)
    if len(options) < 2 or len(option_set) != len(options) or not answers or not option_set.issuperset(answers):
        return False
    stem, lowered_stem = item.stem, None
    for answer in answers:
        lowered_answer = answer.lower()
        if CASE_FREE.issuperset(lowered_answer) and lowered_answer not in stem:
            continue  # not in the stem, so not in its lowercase either (see CASE_FREE)
        if lowered_stem is None:
            lowered_stem = stem.lower()
        if _in_lowered(lowered_stem, lowered_answer):
            return False
    return True


def stated(stat: Stat, *values: float) -> bool:
    """True when the stat's own sentence states every value (so an item never shows an unstated number)."""
    found = _numbers_in(stat.text)
    for value in values:
        if _magnitude(value) not in found:
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _magnitude(value: float) -> float:
    """The value without its sign, rounded to 6 decimals (as `_numbers_in` gives a sentence's numbers)."""
    return round(abs(value), 6)


SHORT_NUMBER = 7  # see _numbers_in


@functools.lru_cache(maxsize=4096)
def _numbers_in(sentence: str) -> frozenset[float]:
    """Every number of the sentence, without its sign and rounded to 6 decimals.

    A number of at most SHORT_NUMBER characters has at most 6 decimals and is below 10**7, where a
    float is within 1e-9 of the decimal it was read from: rounding it to 6 decimals gives it back.
    """
    numbers = NUMBERS.findall(sentence.replace("\u2212", "-"))  # the sign is dropped anyway
    if max(map(len, numbers), default=0) <= SHORT_NUMBER:
        return frozenset(map(abs, map(float, numbers)))
    return frozenset(round(abs(float(number)), 6) for number in numbers)


def stat_keys(entry: Entry) -> list[tuple[str, Stat]]:
    """Each stat with its stable key '<kind>-<n>' (n counts stats of that kind from 1)."""
    counts: dict[str, int] = {}
    keyed = []
    for stat in entry.stats:
        counts[stat.kind] = counts.get(stat.kind, 0) + 1
        keyed.append((f"{stat.kind}-{counts[stat.kind]}", stat))
    return keyed


def entry_items(entry: Entry, archive: "tuple[Entry, ...] | ArchiveIndex") -> tuple[GeneratedItem, ...]:
    """All generated items of one entry, in a fixed order; `archive` supplies the distractors."""
    archive = index_archive(archive)
    keyed, own = stat_keys(entry), own_values(entry)
    items: list[GeneratedItem | None] = [study_item(entry, archive, keyed)]
    seen_values: set[tuple[str, str]] = set()
    for key, stat in keyed:
        prefix = f"{entry.id}-g-{key}"
        items.append(recall_item(prefix, entry, stat, archive, own[stat.kind]))
        value_key = (stat.kind, format_value(stat.kind, stat.value))
        if not states_value(stat):
            continue
        if value_key not in seen_values:
            items += [size_item(prefix, entry, stat), direction_item(prefix, stat)]
        items.append(ci_item(prefix, entry, stat))
        seen_values.add(value_key)
    return tuple(item for item in items if item is not None and is_safe(item.item))


# --- recall: which value goes in the gap ---------------------------------------------------

# "CI <number> to <number>" where no word character comes before "CI" (r"\bCI..."); the pattern
# opens with the literal "CI" and looks behind it, which lets the regex engine skip to each "CI".
CI_TO = re.compile(rf"CI(?<!\wCI)\s+{NUMBER}\s+to\s+{NUMBER}")


def masked_sentence(stat: Stat) -> str | None:
    """The stat's sentence with its value blanked and any confidence interval hidden."""
    found = _value_span(stat.kind, stat.value, stat.text)
    if found is None:
        return None
    masked = stat.text[:found[0]] + GAP + stat.text[found[1]:]
    return CI_TO.sub("CI \u2026 to \u2026", masked) if "CI" in masked else masked


@functools.lru_cache(maxsize=1024)
def _value_span(kind: str, value: float, sentence: str) -> tuple[int, int, bool] | None:
    """Where the sentence first gives the value as '<kind> = <value>' (start and end of the
    number), and whether `stated` would find the value in that number."""
    for match in _stated_value(kind).finditer(sentence):
        number = _number(match.group(1))
        if abs(number - value) < 1e-9:
            return match.start(1), match.end(1), number == value or _magnitude(number) == _magnitude(value)
    return None


def states_value(stat: Stat) -> bool:
    """`stated(stat, stat.value)`, mostly without reading every number of the sentence.

    The number of '<kind> = <number>' (`_value_span`) is one of the numbers `stated` reads, as
    the character before it ('=' or white space) is in no number.
    """
    found = _value_span(stat.kind, stat.value, stat.text)
    return (found is not None and found[2]) or stated(stat, stat.value)


@functools.lru_cache(maxsize=None)
def _stated_value(kind: str) -> re.Pattern[str]:
    """'<kind> = <number>' where no letter comes directly before the kind; the number is group 1.

    The pattern opens with the kind itself and then looks behind it for a letter, which finds the
    same matches as a lookbehind first but lets the regex engine skip to each occurrence of the kind.
    """
    kind = re.escape(kind)
    return re.compile(rf"{kind}(?<![A-Za-z]{kind})\s*=\s*({NUMBER})")


def own_values(entry: Entry) -> dict[str, set[str]]:
    """Stat kind -> the entry's own values of that kind, as shown."""
    own: dict[str, set[str]] = {}
    for stat in entry.stats:
        own.setdefault(stat.kind, set()).add(format_value(stat.kind, stat.value))
    return own


def distractor_values(entry: Entry, stat: Stat, archive: "ArchiveIndex", count: int = 3,
                      own: set[str] | None = None) -> list[float]:
    """Values of the same kind from other entries, none equal to any of this entry's values, nearest
    first. `own` is the entry's own values of the stat's kind (`own_values`), if already at hand."""
    kind, target, entry_id = stat.kind, stat.value, entry.id
    if own is None:
        own = own_values(entry).get(kind, set())
    candidates = archive.values.get(kind, ())
    reporters = archive.reporters.get(kind, ())
    picked: dict[str, float] = {}
    # Walk out from the target, nearest first (on a tie the smaller value), skipping the
    # candidates nearer than MIN_GAP at once (`_outside_gap`).
    left, right = _outside_gap(candidates, target, MIN_GAP, bisect.bisect_left(candidates, (target,)))
    end = len(candidates)
    while left >= 0 or right < end:
        if right >= end or (left >= 0 and abs(candidates[left][0] - target) <= abs(candidates[right][0] - target)):
            index, left = left, left - 1
        else:
            index, right = right, right + 1
        value, shown = candidates[index]
        if (shown not in own and shown not in picked and abs(value - target) >= MIN_GAP
                and (len(reporters[index]) > 1 or entry_id not in reporters[index])):
            picked[shown] = value
            if len(picked) == count:
                break
    return list(picked.values())


def _outside_gap(candidates: tuple[tuple[float, str], ...], target: float, gap: float,
                 split: int) -> tuple[int, int]:
    """The nearest candidate below `split` and the nearest from `split` on that are at least `gap`
    from `target` (-1 or len(candidates) where there is none).

    Distances grow away from `split` on both sides (`split` divides the values below `target` from
    the others), so the candidates nearer than `gap` are a run next to it on each side: bisection
    finds about where each run ends, and the loops settle it exactly.
    """
    left = bisect.bisect_left(candidates, (target - gap,), 0, split) - 1
    while left + 1 < split and abs(candidates[left + 1][0] - target) >= gap:
        left += 1
    while left >= 0 and abs(candidates[left][0] - target) < gap:
        left -= 1
    right = bisect.bisect_left(candidates, (target + gap,), split)
    while right > split and abs(candidates[right - 1][0] - target) >= gap:
        right -= 1
    while right < len(candidates) and abs(candidates[right][0] - target) < gap:
        right += 1
    return left, right


def recall_item(prefix: str, entry: Entry, stat: Stat, archive: "ArchiveIndex",
                own: set[str] | None = None) -> GeneratedItem | None:
    """The stat's sentence with a gap for its value; `own` as for `distractor_values`."""
    masked = masked_sentence(stat)
    if masked is None:
        return None
    distractors = distractor_values(entry, stat, archive, own=own)
    if len(distractors) < 2:
        return None
    answer = format_value(stat.kind, stat.value)
    values = sorted([stat.value, *distractors])
    stem = f"Which value fills the gap? In the reading \u201c{entry.title}\u201d: \u201c{masked}\u201d"
    feedback = (f"The study reports {stat.kind} = {answer}. The sentence in full: \u201c{stat.text}\u201d "
                f"The other options are {stat.kind} values that other readings in the archive report.")
    options = tuple([format_value(stat.kind, value) for value in values])
    return GeneratedItem(f"{prefix}-recall", "recall", QuizItem(stem, options, (answer,), feedback, "medium"), False)


# --- study: which study found this ---------------------------------------------------------

def _first_author(entry: Entry) -> str:
    return entry.citation.authors[0].family.lower() if entry.citation.authors else ""


# How many neighbouring studies to consider for distractors: bounds the work on a large archive.
MAX_SCAN = 200


def other_citations(neighbours: Iterable[tuple[str, str]], archive: "ArchiveIndex", stat: Stat | None,
                    count: int = 3) -> list[str]:
    """Short citations of other studies, nearest in year first (`citation_neighbours`), that do not report `stat`."""
    reporting = archive.reported.get((stat.kind, format_value(stat.kind, stat.value)), frozenset()) if stat else ()
    picked: list[str] = []
    for other_id, cited in neighbours:
        if cited in picked or other_id in reporting:
            continue
        picked.append(cited)
        if len(picked) == count:
            break
    return picked


def citation_neighbours(entry: Entry, archive: "ArchiveIndex", answer: str | None = None) -> Iterable[tuple[str, str]]:
    """(id, short citation) of the MAX_SCAN studies nearest in year, less those that cannot be a
    distractor for this entry: itself, its own citation (`answer`, if already at hand), and studies
    with the same first author. Read lazily, and only once however often it is iterated (once for
    each of the entry's stats)."""
    return _Remembered(_other_studies(entry, archive, short_citation(entry) if answer is None else answer))


def _other_studies(entry: Entry, archive: "ArchiveIndex", answer: str) -> Iterator[tuple[str, str]]:
    """`citation_neighbours`, read afresh."""
    entry_id, first_author, year = entry.id, _first_author(entry), entry.citation.year or 0
    scanned = archive.nearest.get(year)
    if scanned is None:  # a year no cited entry of the archive has
        scanned = itertools.islice(_by_year_distance(archive.years, archive.cited, year), MAX_SCAN)
    for other_id, cited, author in scanned:
        if other_id != entry_id and cited != answer and author != first_author:
            yield other_id, cited


class _Remembered:
    """An iterator's items, each computed once, when the first reader gets that far."""

    def __init__(self, items: Iterator[tuple[str, str]]):
        self._items = items
        self._seen: list[tuple[str, str]] = []

    def __iter__(self) -> Iterator[tuple[str, str]]:
        index = 0
        while True:
            if index == len(self._seen):
                item = next(self._items, None)
                if item is None:
                    return
                self._seen.append(item)
            yield self._seen[index]
            index += 1


def _by_year_distance(years: tuple[int, ...], cited: dict[int, tuple[tuple[str, str, str], ...]],
                      year: int) -> Iterator[tuple[str, str, str]]:
    """(id, short citation, first author) of cited entries (`ArchiveIndex.cited`, in `years`) by
    distance in years from `year`, then id."""
    right = bisect.bisect_left(years, year)
    left = right - 1
    while left >= 0 or right < len(years):
        distance = min(abs(years[left] - year) if left >= 0 else 10**9,
                       abs(years[right] - year) if right < len(years) else 10**9)
        tied = []  # at most two years, each sorted by id already
        while left >= 0 and abs(years[left] - year) == distance:
            tied.append(cited[years[left]])
            left -= 1
        while right < len(years) and abs(years[right] - year) == distance:
            tied.append(cited[years[right]])
            right += 1
        yield from tied[0] if len(tied) == 1 else heapq.merge(*tied)


@dataclass(frozen=True)
class ArchiveIndex:
    """What item generation asks of the whole archive, computed once.

    `values`: stat kind -> the distinct (value, value as shown), sorted by value; `reported`:
    (kind, value as shown) -> ids of entries reporting it; `reporters`: stat kind -> those ids for
    each of its `values`, in the same order; `years`/`cited`: the publication years of entries with
    authors, and per year their (id, short citation, first author in lowercase), sorted; `nearest`:
    for each of those years, the first MAX_SCAN of `_by_year_distance`.
    """

    values: dict[str, tuple[tuple[float, str], ...]]
    reported: dict[tuple[str, str], frozenset[str]]
    years: tuple[int, ...]
    cited: dict[int, tuple[tuple[str, str, str], ...]]
    reporters: dict[str, tuple[frozenset[str], ...]]
    nearest: dict[int, tuple[tuple[str, str, str], ...]]


def index_archive(archive: "tuple[Entry, ...] | ArchiveIndex") -> ArchiveIndex:
    """The archive's ArchiveIndex (an index is returned as it is)."""
    if isinstance(archive, ArchiveIndex):
        return archive
    values: dict[str, set[tuple[float, str]]] = {}
    reported: dict[tuple[str, str], set[str]] = {}
    cited: dict[int, list[tuple[str, str, str]]] = {}
    for entry in archive:
        for stat in entry.stats:
            shown = format_value(stat.kind, stat.value)
            values.setdefault(stat.kind, set()).add((stat.value, shown))
            reported.setdefault((stat.kind, shown), set()).add(entry.id)
        if entry.citation.authors:
            cited.setdefault(entry.citation.year or 0, []).append((entry.id, short_citation(entry), _first_author(entry)))
    sorted_values = {kind: tuple(sorted(pairs)) for kind, pairs in values.items()}
    frozen_reported = {key: frozenset(ids) for key, ids in reported.items()}
    years, cited_by_year = tuple(sorted(cited)), {year: tuple(sorted(v)) for year, v in cited.items()}
    return ArchiveIndex(values=sorted_values, reported=frozen_reported, years=years, cited=cited_by_year,
                        reporters={kind: tuple(frozen_reported[(kind, shown)] for _, shown in pairs)
                                   for kind, pairs in sorted_values.items()},
                        nearest={year: tuple(itertools.islice(_by_year_distance(years, cited_by_year, year), MAX_SCAN))
                                 for year in years})


def _names_authors(entry: Entry, text: str) -> bool:
    """True when `text` names any of the entry's authors (`answer_in_stem`)."""
    lowered = _lowercase(text)
    return any(_in_lowered(lowered, author.family.lower()) for author in entry.citation.authors)


def study_item(entry: Entry, archive: "ArchiveIndex",
               keyed: list[tuple[str, Stat]] | None = None) -> GeneratedItem | None:
    """Which study reported the entry's first stat that does not name its authors; else its title.
    `keyed` is the entry's `stat_keys`, if already at hand."""
    if not entry.citation.authors:
        return None
    answer = short_citation(entry)
    neighbours = citation_neighbours(entry, archive, answer)
    for key, stat in stat_keys(entry) if keyed is None else keyed:
        if _names_authors(entry, stat.text):
            continue
        distractors = other_citations(neighbours, archive, stat)
        if len(distractors) >= 2:
            stem = f"Which study reported this finding? \u201c{stat.text}\u201d"
            return _study(f"{entry.id}-g-{key}-study", entry, stem, answer, distractors, True)
    distractors = other_citations(neighbours, archive, None)
    if len(distractors) < 2 or _names_authors(entry, entry.title):
        return None
    stem = f"Which study does the reading \u201c{entry.title}\u201d summarise?"
    return _study(f"{entry.id}-g-study", entry, stem, answer, distractors, False)


def _study(item_id: str, entry: Entry, stem: str, answer: str, distractors: list[str],
           about_finding: bool) -> GeneratedItem:
    """The study item: which of the answer and the distractors (short citations) it is."""
    others = "none of them reports this finding" if about_finding else "each of them is a different study"
    feedback = (f"The reading \u201c{entry.title}\u201d summarises {answer}. The other options are studies "
                f"that other readings of the archive summarise; {others}.")
    item = QuizItem(stem, tuple(sorted([answer, *distractors])), (answer,), feedback, "hard" if about_finding else "easy")
    return GeneratedItem(item_id, "study", item)


# --- size: small, moderate or large by the usual benchmarks --------------------------------

ONLY_A_TO_Z = bytes(byte if ord("a") <= byte <= ord("z") else ord(" ") for byte in range(256))
SIZE_WORDS_ASCII = {word.encode("ascii"): label for word, label in SIZE_WORDS.items()}


@functools.lru_cache(maxsize=1024)
def size_words(text: str) -> frozenset[str]:
    """The size labels that the words of `text` imply ('moderately large' gives two): the labels of
    the SIZE_WORDS among its words, that is among the runs of letters a-z in its lowercase.

    The runs are found as bytes: every character that is not a-z (as '?' if not ASCII) turns into
    a space, and the text is split at spaces.
    """
    ascii_text = _lowercase(text).encode("ascii", "replace").translate(ONLY_A_TO_Z)
    return frozenset([SIZE_WORDS_ASCII[word] for word in SIZE_WORDS_ASCII.keys() & set(ascii_text.split())])


@functools.lru_cache(maxsize=1024)
def _lowercase(sentence: str) -> str:
    """A stat's sentence in lowercase: read for size words and for authors' names."""
    return sentence.lower()


@functools.lru_cache(maxsize=None)
def benchmarks_text(kind: str) -> str:
    """The kind's SIZE_BENCHMARKS in words, for the size item's feedback."""
    small, moderate, large = (format_value(kind, b) for b in SIZE_BENCHMARKS[kind])
    return f"small from {small}, moderate from {moderate}, large from {large}"


def size_reason(kind: str, value: float, label: str) -> str:
    position = SIZE_LABELS.index(label)
    if position == 0:
        reason = "its size is below the small benchmark"
    elif position == len(SIZE_LABELS) - 1:
        reason = "its size reaches the large benchmark"
    else:
        reason = f"its size reaches the {label.lower()} benchmark but not the {SIZE_LABELS[position + 1].lower()} one"
    if kind in RATIO_KINDS and value < 1:
        reason += " (an odds ratio below one is judged by its reciprocal)"
    elif value < 0:
        reason += " (the minus sign gives the direction; the size is judged without it)"
    return reason


def size_item(prefix: str, entry: Entry, stat: Stat) -> GeneratedItem | None:
    """Generated only when the entry's own wording uses no size word, or only this label's."""
    label = size_label(stat.kind, stat.value)
    worded = size_words(stat.text) if label is not None else set()
    if label is None or worded - {label}:
        return None
    shown = f"{stat.kind} = {format_value(stat.kind, stat.value)}"
    finding = "" if worded else f" The finding: \u201c{stat.text}\u201d"
    stem = (f"The reading \u201c{entry.title}\u201d reports {shown}.{finding} Going by the usual benchmarks "
            f"for {stat.kind}, how big is this effect?")
    feedback = (f"The usual benchmarks for {stat.kind} are {benchmarks_text(stat.kind)}. {shown} counts as "
                f"{label.lower()}: {size_reason(stat.kind, stat.value, label)}. Benchmarks are rough guides: "
                f"what an effect means for patients also depends on the outcome and the comparison.")
    return GeneratedItem(f"{prefix}-size", "size", QuizItem(stem, SIZE_LABELS, (label,), feedback, "easy"), False)


# --- direction: what the sign of a correlation says ----------------------------------------

def direction_item(prefix: str, stat: Stat) -> GeneratedItem | None:
    """What the sign of a correlation of at least the small benchmark says (r only)."""
    if stat.kind != "r" or abs(stat.value) < SIZE_BENCHMARKS["r"][0]:
        return None
    shown = f"r = {format_value('r', stat.value)}"
    positive = stat.value > 0
    stem = f"A reading reports: \u201c{stat.text}\u201d What does {shown} say about the direction of the association?"
    meaning = ("positive, so the two measures tended to rise together" if positive
               else "negative, so as one measure rose the other tended to fall")
    feedback = (f"The sign of {shown} is {meaning}. A correlation alone does not show which measure "
                f"influences the other, and an r of zero would mean no linear association.")
    item = QuizItem(stem, DIRECTION_OPTIONS, (DIRECTION_OPTIONS[0 if positive else 1],), feedback, "easy")
    return GeneratedItem(f"{prefix}-direction", "direction", item)


# --- ci: true or false, does the interval rule out no effect -------------------------------

def ci_item(prefix: str, entry: Entry, stat: Stat) -> GeneratedItem | None:
    """True or false: the stated confidence interval rules out no effect."""
    if stat.ci_low is None or stat.ci_high is None or not stated(stat, stat.ci_low, stat.ci_high):
        return None
    null, null_word = (1.0, "one") if stat.kind in RATIO_KINDS else (0.0, "zero")
    excludes = stat.ci_low > null or stat.ci_high < null
    low, high = format_value(stat.kind, stat.ci_low), format_value(stat.kind, stat.ci_high)
    shown = f"{stat.kind} = {format_value(stat.kind, stat.value)}"
    stem = (f"Decide whether this statement holds. The reading \u201c{entry.title}\u201d reports {shown} with a "
            f"confidence interval from {low} to {high}, so the data rule out that there is no effect at all.")
    if excludes:
        side = "above" if stat.ci_low > null else "below"
        feedback = (f"Every value in the interval, from {low} to {high}, lies {side} {null_word}, the value that "
                    f"means no effect, so chance alone is an unlikely explanation. How large the effect really "
                    f"is remains uncertain within that range.")
    else:
        feedback = (f"The interval, from {low} to {high}, includes {null_word}, the value that means no effect, "
                    f"so the data are also compatible with no effect at all. Treat the finding as uncertain "
                    f"rather than as an established effect.")
    item = QuizItem(stem, ("True", "False"), ("True" if excludes else "False",), feedback, "hard")
    return GeneratedItem(f"{prefix}-ci", "ci", item, False)
