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

from .citations import short_citation
from .model import RATIO_KINDS, Entry, QuizItem, Stat

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
    stem, answer = stem.lower(), answer.lower()
    return answer in stem and re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", stem) is not None


def is_safe(item: QuizItem) -> bool:
    """Unique options, at least one answer among them, and no answer given away by the stem."""
    return (len(item.options) >= 2 and len(set(item.options)) == len(item.options)
            and bool(item.answers) and set(item.answers) <= set(item.options)
            and not any(answer_in_stem(item.stem, answer) for answer in item.answers))


def stated(stat: Stat, *values: float) -> bool:
    """True when the stat's own sentence states every value (so an item never shows an unstated number)."""
    found = _numbers_in(stat.text)
    return all(round(abs(value), 6) in found for value in values)


@functools.lru_cache(maxsize=4096)
def _numbers_in(sentence: str) -> frozenset[float]:
    return frozenset(round(abs(_number(n)), 6) for n in re.findall(NUMBER, sentence))


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
    items: list[GeneratedItem | None] = [study_item(entry, archive)]
    seen_values: set[tuple[str, str]] = set()
    for key, stat in stat_keys(entry):
        prefix = f"{entry.id}-g-{key}"
        items.append(recall_item(prefix, entry, stat, archive))
        value_key = (stat.kind, format_value(stat.kind, stat.value))
        if not stated(stat, stat.value):
            continue
        if value_key not in seen_values:
            items += [size_item(prefix, entry, stat), direction_item(prefix, stat)]
        items.append(ci_item(prefix, entry, stat))
        seen_values.add(value_key)
    return tuple(item for item in items if item is not None and is_safe(item.item))


# --- recall: which value goes in the gap ---------------------------------------------------

CI_TO = re.compile(rf"\bCI\s+{NUMBER}\s+to\s+{NUMBER}")


def masked_sentence(stat: Stat) -> str | None:
    """The stat's sentence with its value blanked and any confidence interval hidden."""
    for match in _stated_value(stat.kind).finditer(stat.text):
        if abs(_number(match.group(1)) - stat.value) < 1e-9:
            masked = stat.text[:match.start(1)] + GAP + stat.text[match.end(1):]
            return CI_TO.sub("CI \u2026 to \u2026", masked)
    return None


@functools.lru_cache(maxsize=None)
def _stated_value(kind: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z]){re.escape(kind)}\s*=\s*({NUMBER})")


def distractor_values(entry: Entry, stat: Stat, archive: "ArchiveIndex", count: int = 3) -> list[float]:
    """Values of the same kind from other entries, none equal to any of this entry's values, nearest first."""
    own = {format_value(stat.kind, s.value) for s in entry.stats if s.kind == stat.kind}
    candidates = archive.values.get(stat.kind, ())
    picked: dict[str, float] = {}
    for value, shown in _nearest_first(candidates, stat.value):
        if (shown not in own and shown not in picked and abs(value - stat.value) >= MIN_GAP
                and _reported_by_another(archive.reported[(stat.kind, shown)], entry.id)):
            picked[shown] = value
            if len(picked) == count:
                break
    return list(picked.values())


def _reported_by_another(reporters: frozenset[str], entry_id: str) -> bool:
    return len(reporters) > 1 or entry_id not in reporters


def _nearest_first(candidates: tuple[tuple[float, str], ...], target: float):
    """Candidates (sorted by value) in order of distance from `target`; on a tie the smaller value first."""
    right = bisect.bisect_left(candidates, (target,))
    left = right - 1
    while left >= 0 or right < len(candidates):
        take_left = right >= len(candidates) or (
            left >= 0 and abs(candidates[left][0] - target) <= abs(candidates[right][0] - target))
        if take_left:
            yield candidates[left]
            left -= 1
        else:
            yield candidates[right]
            right += 1


def recall_item(prefix: str, entry: Entry, stat: Stat, archive: "ArchiveIndex") -> GeneratedItem | None:
    masked = masked_sentence(stat)
    if masked is None:
        return None
    distractors = distractor_values(entry, stat, archive)
    if len(distractors) < 2:
        return None
    answer = format_value(stat.kind, stat.value)
    values = sorted([stat.value, *distractors])
    stem = f"Which value fills the gap? In the reading \u201c{entry.title}\u201d: \u201c{masked}\u201d"
    feedback = (f"The study reports {stat.kind} = {answer}. The sentence in full: \u201c{stat.text}\u201d "
                f"The other options are {stat.kind} values that other readings in the archive report.")
    item = QuizItem(stem=stem, options=tuple(format_value(stat.kind, v) for v in values), answers=(answer,),
                    feedback=feedback, difficulty="medium")
    return GeneratedItem(f"{prefix}-recall", "recall", item, shuffle=False)


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


def citation_neighbours(entry: Entry, archive: "ArchiveIndex") -> Iterable[tuple[str, str]]:
    """(id, short citation) of the MAX_SCAN studies nearest in year, less those that cannot be a
    distractor for this entry: itself, its own citation, and studies with the same first author.
    Read lazily, and only once however often it is iterated (once for each of the entry's stats)."""
    answer, first_author = short_citation(entry), _first_author(entry)
    scanned = itertools.islice(_by_year_distance(archive, entry.citation.year or 0), MAX_SCAN)
    return _Remembered((other_id, cited) for other_id, cited, author in scanned
                       if other_id != entry.id and cited != answer and author != first_author)


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


def _by_year_distance(archive: "ArchiveIndex", year: int):
    """(id, short citation, first author) of cited entries by distance in years from `year`, then id."""
    years = archive.years
    right = bisect.bisect_left(years, year)
    left = right - 1
    while left >= 0 or right < len(years):
        distance = min(abs(years[left] - year) if left >= 0 else 10**9,
                       abs(years[right] - year) if right < len(years) else 10**9)
        tied = []  # at most two years, each sorted by id already
        while left >= 0 and abs(years[left] - year) == distance:
            tied.append(archive.cited[years[left]])
            left -= 1
        while right < len(years) and abs(years[right] - year) == distance:
            tied.append(archive.cited[years[right]])
            right += 1
        yield from heapq.merge(*tied)


@dataclass(frozen=True)
class ArchiveIndex:
    """What item generation asks of the whole archive, computed once.

    `values`: stat kind -> the distinct (value, value as shown), sorted by value; `reported`:
    (kind, value as shown) -> ids of entries reporting it; `years`/`cited`: the publication years of
    entries with authors, and per year their (id, short citation, first author in lowercase), sorted.
    """

    values: dict[str, tuple[tuple[float, str], ...]]
    reported: dict[tuple[str, str], frozenset[str]]
    years: tuple[int, ...]
    cited: dict[int, tuple[tuple[str, str, str], ...]]


def index_archive(archive: "tuple[Entry, ...] | ArchiveIndex") -> ArchiveIndex:
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
    return ArchiveIndex(values={k: tuple(sorted(v)) for k, v in values.items()},
                        reported={k: frozenset(v) for k, v in reported.items()},
                        years=tuple(sorted(cited)),
                        cited={y: tuple(sorted(v)) for y, v in cited.items()})


def _names_authors(entry: Entry, text: str) -> bool:
    return any(answer_in_stem(text, author.family) for author in entry.citation.authors)


def study_item(entry: Entry, archive: "ArchiveIndex") -> GeneratedItem | None:
    """Which study reported the entry's first stat that does not name its authors; else its title."""
    if not entry.citation.authors:
        return None
    answer, neighbours = short_citation(entry), citation_neighbours(entry, archive)
    for key, stat in stat_keys(entry):
        distractors = other_citations(neighbours, archive, stat)
        if not _names_authors(entry, stat.text) and len(distractors) >= 2:
            stem = f"Which study reported this finding? \u201c{stat.text}\u201d"
            return _study(f"{entry.id}-g-{key}-study", entry, stem, answer, distractors, True)
    distractors = other_citations(neighbours, archive, None)
    if len(distractors) < 2 or _names_authors(entry, entry.title):
        return None
    stem = f"Which study does the reading \u201c{entry.title}\u201d summarise?"
    return _study(f"{entry.id}-g-study", entry, stem, answer, distractors, False)


def _study(item_id: str, entry: Entry, stem: str, answer: str, distractors: list[str],
           about_finding: bool) -> GeneratedItem:
    others = "none of them reports this finding" if about_finding else "each of them is a different study"
    feedback = (f"The reading \u201c{entry.title}\u201d summarises {answer}. The other options are studies "
                f"that other readings of the archive summarise; {others}.")
    item = QuizItem(stem=stem, options=tuple(sorted([answer, *distractors])), answers=(answer,),
                    feedback=feedback, difficulty="hard" if about_finding else "easy")
    return GeneratedItem(item_id, "study", item)


# --- size: small, moderate or large by the usual benchmarks --------------------------------

def size_words(text: str) -> set[str]:
    """The size labels that the words of `text` imply ('moderately large' gives two)."""
    return {SIZE_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in SIZE_WORDS}


def benchmarks_text(kind: str) -> str:
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
    item = QuizItem(stem=stem, options=SIZE_LABELS, answers=(label,), feedback=feedback, difficulty="easy")
    return GeneratedItem(f"{prefix}-size", "size", item, shuffle=False)


# --- direction: what the sign of a correlation says ----------------------------------------

def direction_item(prefix: str, stat: Stat) -> GeneratedItem | None:
    if stat.kind != "r" or abs(stat.value) < SIZE_BENCHMARKS["r"][0]:
        return None
    shown = f"r = {format_value('r', stat.value)}"
    positive = stat.value > 0
    stem = f"A reading reports: \u201c{stat.text}\u201d What does {shown} say about the direction of the association?"
    meaning = ("positive, so the two measures tended to rise together" if positive
               else "negative, so as one measure rose the other tended to fall")
    feedback = (f"The sign of {shown} is {meaning}. A correlation alone does not show which measure "
                f"influences the other, and an r of zero would mean no linear association.")
    item = QuizItem(stem=stem, options=DIRECTION_OPTIONS, answers=(DIRECTION_OPTIONS[0 if positive else 1],),
                    feedback=feedback, difficulty="easy")
    return GeneratedItem(f"{prefix}-direction", "direction", item)


# --- ci: true or false, does the interval rule out no effect -------------------------------

def ci_item(prefix: str, entry: Entry, stat: Stat) -> GeneratedItem | None:
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
    item = QuizItem(stem=stem, options=("True", "False"), answers=("True" if excludes else "False",),
                    feedback=feedback, difficulty="hard")
    return GeneratedItem(f"{prefix}-ci", "ci", item, shuffle=False)
