"""Quiz items generated from the findings an entry's effect sizes report (`Stat.label`, `direction`,
`verdict`, `population`). Pure functions: the same entries always give the same items.

Kinds (one item at most per statistic; no author matching, no fill-in-the-number):

- ``direction``: the direction and reliability of a named link. Needs the stat's label and
  direction. Options: the direction as the source words it, its twin with the last polarity word
  flipped, and 'no reliable link/difference between ...'; for a null finding, the two directions
  built from the label. Skipped when the interval contradicts the direction (a null finding whose
  interval excludes no effect, or a direction whose interval includes it), and when the twin would
  also be true ('... than others').
- ``size``: the size in the source's own words, for a labelled stat with no direction whose verdict
  is one scale word (negligible, small, moderate, large or a synonym the source uses). Options are
  the ordered scale with the source's word in its place; nothing is keyed from fixed benchmarks.
- ``compare`` (`module_items`): which of three or four findings in a module showed the strongest
  link with the same outcome (labels ending ' and <outcome>'), on the d scale: r converted by
  d = 2r / sqrt(1 - r^2), d, g and SMD as they are; only positive values, one predictor per
  option, and the strongest at least 0.1 above every estimate of the others. Only findings whose
  sources' verdict words differ are compared (none without a verdict), and a subgroup finding (a
  population or wording such as 'in depression', or a population beside the same label's overall
  result) never stands in for the overall link.
- Every item's feedback ends its reasons with one sentence on what the finding means for practice,
  built from the finding (`practice_meaning`): for a link, that the factor is worth attending to but,
  being a correlation, does not show cause; for a null finding, that the data give no support for
  expecting one side to do better. The source's hedges ('seemed', 'may') are kept.
- Stems name the reading by its short citation, or by its title when the citation has no year.
- A statistic a written item covers (its value as printed or its label, in the stem, options or
  feedback) gets no generated item.
- Practice implications are not generated: the Practice Implications are the blog editor's
  advice, and no rule can turn them into a sound item; the written items carry them.

Difficulty: ``size`` easy; ``direction`` medium, hard when the key is a null finding or must be
read from the interval (no verdict words); ``compare`` hard.

Ids: ``<entry-id>-g-direction-<n>`` and ``<entry-id>-g-size-<n>``, n the stat's place in the entry
(from 1); ``<entry-id>-g-compare-<n>`` for the n-th comparison anchored at the module's newest
entry that takes part.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from coursekit.content.citations import short_citation
from coursekit.model import RATIO_KINDS, Entry, QuizItem, Stat

ArchiveIndex = tuple  # the course's entries; kept for the callers that pass them along
FLIP = {"better": "worse", "worse": "better", "poorer": "better", "stronger": "weaker", "weaker": "stronger",
        "more": "less", "less": "more", "fewer": "more", "higher": "lower", "lower": "higher",
        "greater": "smaller", "smaller": "larger", "larger": "smaller"}
NULL_DIRECTIONS = {"no reliable link", "no reliable difference"}
SCALE = ("negligible", "small", "moderate", "large")
SCALE_PLACE = {"negligible": 0, "miniscule": 0, "minuscule": 0, "tiny": 0, "trivial": 0, "small": 1, "modest": 1,
               "moderate": 2, "medium": 2, "large": 3, "substantial": 3}
SYMMETRIC = re.compile(r"\bthan (?:others|one another|each other)\b")
HEDGE = re.compile(r"\b(?:may|might|perhaps|possibly|appear(?:s|ed)?|seem(?:s|ed)?|suggest(?:s|ed)?|tentative(?:ly)?)\b",
                   re.IGNORECASE)
GOES_WITH = re.compile(r" (?:went|seemed to go|goes|go) with ")
SUBGROUP = re.compile(r"^(?:in|among|only in|treatment of)\b|\bsubgroup\b", re.IGNORECASE)
NOT_SIZE = re.compile(r"\b(?:statistically|significant(?:ly)?|non-significant|and|but|positive|highly|reliable)\b|[,;]")
D_KINDS = ("d", "g", "SMD")
MIN_LEAD = 0.1  # the strongest finding's lead over every other option, in d


@dataclass(frozen=True)
class GeneratedItem:
    id: str
    template: str
    item: QuizItem
    shuffle: bool = True
    stat: int = -1  # the place in the entry's stats of the statistic it tests (-1: several)

    @property
    def anchor(self) -> str:
        """The id of the entry the item belongs to."""
        return self.id.split("-g-", 1)[0]


def index_archive(entries) -> ArchiveIndex:
    """The entries as a tuple (generation needs nothing else from the archive)."""
    return tuple(entries)


def entry_items(entry: Entry) -> tuple[GeneratedItem, ...]:
    """The entry's generated items: per statistic a direction item, else a size item, else none."""
    items = []
    seen: set[tuple[str, str]] = set()
    written = set().union(*(covered_stats(item, entry.stats) for item in entry.quiz))
    for number, stat in enumerate(entry.stats, start=1):
        key = (stat.text, stat.label)
        if key in seen or number - 1 in written:  # a range reported as two values is one statistic
            continue
        seen.add(key)
        made = direction_item(entry, stat, number) or size_item(entry, stat, number)
        if made:
            items.append(made)
    return tuple(items)


NUMBER = re.compile(r"(?<![\w.])[-−–]?(?:\d+(?:\.\d+)?|\.\d+)(?![\w])")


def plain_number(token: str) -> str:
    """A printed number without its sign."""
    return token.lstrip("-−–")


def tested_stats(item: QuizItem, stats: tuple[Stat, ...]) -> set[int]:
    """The places of the stats a written item tests: its stem or options hold the stat's value as
    printed, or its label (and, when several stats share the label, its population)."""
    return _stats_named(" ".join((item.stem, *item.options)), stats)


def covered_stats(item: QuizItem, stats: tuple[Stat, ...]) -> set[int]:
    """The places of the stats a written item covers, so that no generated item re-tests them: as
    `tested_stats`, but its feedback counts too (writers keep the numbers there)."""
    return _stats_named(" ".join((item.stem, *item.options, item.feedback)), stats)


def _stats_named(text: str, stats: tuple[Stat, ...]) -> set[int]:
    if not stats:
        return set()
    text = text.lower()
    tokens = {plain_number(t) for t in NUMBER.findall(text)}
    by_value = {place for place, stat in enumerate(stats)
                if {plain_number(t) for t in NUMBER.findall(stat.text)
                    if abs(float(plain_number(t))) == abs(stat.value)} & tokens}
    by_label = {place for place, stat in enumerate(stats) if stat.label and stat.label.lower() in text}
    narrowed = {place for place in by_label if stats[place].population.lower() in text}
    return by_value | (narrowed if len(by_label) > 1 and narrowed else by_label)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sides(label: str) -> tuple[str, str, str, str] | None:
    """(first, joiner, second, suffix) of 'X and Y' or 'A versus B[ on|for ...]'."""
    joiner = " versus " if " versus " in label else " and " if " and " in label else None
    if joiner is None:
        return None
    first, second = label.split(joiner, 1)
    suffix = ""
    scope = re.search(r" (?:on|for) ", second) if joiner == " versus " else None
    if scope:
        second, suffix = second[: scope.start()], second[scope.start():]
    return first, joiner.strip(), second, suffix


def null_phrase(label: str) -> str:
    sides = _sides(label)
    if sides is None:
        return ""
    first, joiner, second, suffix = sides
    kind = "difference" if joiner == "versus" else "link"
    return f"no reliable {kind} between {_bare(first)} and {second}{suffix}"


def _bare(text: str) -> str:
    return re.sub(r"^the ", "", text)


def directional_phrases(label: str) -> tuple[str, str]:
    """The two directions a finding with this label could have had, worded from the label."""
    first, joiner, second, suffix = _sides(label) or ("", "", "", "")
    if joiner == "versus":
        return (f"compared with {second}, {first} did better{suffix}", f"compared with {second}, {first} did worse{suffix}")
    up, down = ("better", "worse") if second == "outcome" else ("higher", "lower")
    return (f"greater {_bare(first)} went with {up} {_bare(second)}", f"greater {_bare(first)} went with {down} {_bare(second)}")


def flipped(direction: str) -> str:
    """The direction with its last polarity word turned round ('' if it has none)."""
    words = list(re.finditer(r"[A-Za-z]+", direction))
    for match in reversed(words):
        if match.group(0).lower() in FLIP:
            return direction[: match.start()] + FLIP[match.group(0).lower()] + direction[match.end():]
    return ""


def excludes_null(stat: Stat) -> bool | None:
    if stat.ci_low is None or stat.ci_high is None:
        return None
    null = 1.0 if stat.kind in RATIO_KINDS else 0.0
    return stat.ci_low > null or stat.ci_high < null


def reading_name(entry: Entry) -> str:
    """The short citation, or the reading's title when the citation has no year (never 'n.d.')."""
    return short_citation(entry) if entry.citation.year else f"the reading “{entry.title}”"


def _stem(entry: Entry, stat: Stat, question: str) -> str:
    where = f" ({stat.population})" if stat.population else ""
    return f"As reported in {reading_name(entry)}, {question} {stat.label}{where}?"


def hedged(stat: Stat) -> bool:
    """The source words the finding tentatively ('seemed', 'may', 'perhaps')."""
    return bool(HEDGE.search(" ".join((stat.text, stat.direction, stat.verdict))))


def practice_meaning(stat: Stat) -> str:
    """One sentence on what the finding means for practice, built from its label and direction."""
    first, joiner, second, suffix = _sides(stat.label) or ("", "", "", "")
    if joiner == "versus":
        return _comparison_meaning(stat, first, second, suffix)
    if stat.direction in NULL_DIRECTIONS:
        up = "better" if second == "outcome" else "higher"
        return f"So the data give no support for expecting greater {_bare(first)} to go with {up} {_bare(second)}."
    link = GOES_WITH.split(stat.direction, 1)
    cause, effect = link if len(link) == 2 else (f"raising {_bare(first)}", f"a change in {_bare(second)}")
    worth = "may be worth" if hedged(stat) else "is worth"
    return (f"So it {worth} attending to {first} for {second}; it is a correlation, so it does not show that "
            f"{cause} would bring about {effect}.")


def _comparison_meaning(stat: Stat, first: str, second: str, suffix: str) -> str:
    if stat.direction in NULL_DIRECTIONS:
        return f"So the data give no support for expecting {first} to do better than {second}{suffix}, nor the reverse."
    if not stat.direction.lower().startswith("compared with"):
        return f"So the change the reading reports is the one to plan on: {stat.direction}."
    worse = re.search(r"\b(?:worse|poorer)\b", stat.direction)
    subject = re.match(r"compared with [^,]+, (.+?) (?:did|led|left)\b", stat.direction)
    first = subject.group(1) if subject and subject.group(1).startswith(first) else first
    support = "give some support for" if hedged(stat) else "support"
    return f"So the data {support} expecting {first} to do {'worse' if worse else 'better'} than {second}{suffix}."


def direction_item(entry: Entry, stat: Stat, number: int) -> GeneratedItem | None:
    if not (stat.label and stat.direction and _sides(stat.label)):
        return None
    null = stat.direction in NULL_DIRECTIONS
    interval = excludes_null(stat)
    if (null and interval) or (not null and interval is False) or SYMMETRIC.search(stat.direction):
        return None
    if null:
        key, distractors = null_phrase(stat.label), directional_phrases(stat.label)
    else:
        key, distractors = stat.direction, (flipped(stat.direction), null_phrase(stat.label))
    options = tuple(_capital(o) for o in (key, *distractors))
    if not all(options) or len(set(o.lower() for o in options)) < 3:
        return None
    hard = null or (interval is not None and not stat.verdict)
    item = QuizItem(_stem(entry, stat, "what was found about"), options, (options[0],),
                    _direction_feedback(entry, stat, options, null), "hard" if hard else "medium")
    return GeneratedItem(f"{entry.id}-g-direction-{number}", "direction", item, True, number - 1)


def _direction_feedback(entry: Entry, stat: Stat, options: tuple[str, ...], null: bool) -> str:
    quote = f"In the reading's words: “{stat.text}”" if stat.text else ""
    if null:
        why = ("its interval includes no effect" if excludes_null(stat) is False
               else f"the reading calls the result {stat.verdict}" if stat.verdict else "the reading reports no reliable effect")
        parts = [f"The reading found {options[0][0].lower()}{options[0][1:]}.", quote,
                 f"Both directional options ('{options[1]}', '{options[2]}') claim a direction the data do not "
                 f"support: {why}.", practice_meaning(stat)]
    else:
        why = ("its interval lies wholly on one side of no effect" if excludes_null(stat)
               else f"the reading calls it {stat.verdict}" if stat.verdict
               else "the reading reports this direction as its finding, not the absence of one")
        parts = [f"The reading reports that {stat.direction}.", quote,
                 f"'{options[1]}' turns the direction round.", f"'{options[2]}' is wrong too: {why}.",
                 practice_meaning(stat)]
    return " ".join(p for p in parts if p) + f" See the reading: {entry.title}."


def size_item(entry: Entry, stat: Stat, number: int) -> GeneratedItem | None:
    word = stat.verdict.strip().lower()
    if not stat.label or stat.direction or word not in SCALE_PLACE:
        return None
    scale = list(SCALE)
    scale[SCALE_PLACE[word]] = word
    options = tuple(_capital(w) for w in scale)
    key = _capital(word)
    feedback = (f"The reading calls the result {word}. In the reading's words: “{stat.text}” The other words "
                f"describe a different size than the reading gives; the size word is the source's own, not a fixed "
                f"benchmark. So, in practice, expect the effect for {stat.label} to be {word}, in the reading's own "
                f"word for its size. See the reading: {entry.title}.")
    item = QuizItem(_stem(entry, stat, "how large was the result for"), options, (key,), feedback, "easy")
    return GeneratedItem(f"{entry.id}-g-size-{number}", "size", item, False, number - 1)


# --- comparisons within a module -------------------------------------------------------------

@dataclass(frozen=True)
class _Finding:
    entry: Entry
    stat: Stat
    predictor: str
    outcome: str
    d: float


def as_d(stat: Stat) -> float | None:
    """The value on the d scale: d, g and SMD as they are, r converted; None for other kinds."""
    if stat.kind in D_KINDS:
        return stat.value
    if stat.kind == "r" and abs(stat.value) < 1:
        return 2 * stat.value / math.sqrt(1 - stat.value ** 2)
    return None


def size_words(verdict: str) -> str:
    """The verdict's size wording without its significance words: 'moderately large' for
    'statistically significant, moderately large'."""
    return " ".join(NOT_SIZE.sub(" ", verdict.lower()).split())


def is_subgroup(stat: Stat, entry: Entry) -> bool:
    """The finding is for a subgroup: its population or wording says so ('in depression'), or the
    entry also reports the same label's overall (population-less) result."""
    overall = any(other.label == stat.label and not other.population for other in entry.stats)
    return bool(stat.population and overall) or any(SUBGROUP.search(text.strip())
                                                    for text in (stat.label, stat.population, stat.direction))


def _findings(entries: tuple[Entry, ...]) -> list[_Finding]:
    found, seen = [], set()
    for entry in entries:
        for stat in entry.stats:
            d = as_d(stat)
            if (d is None or d <= 0 or " and " not in stat.label or stat.direction in NULL_DIRECTIONS
                    or not size_words(stat.verdict) or is_subgroup(stat, entry)
                    or SYMMETRIC.search(stat.direction) or (stat.text, stat.label) in seen):
                continue
            seen.add((stat.text, stat.label))
            predictor, outcome = stat.label.rsplit(" and ", 1)
            found.append(_Finding(entry, stat, _bare(predictor), outcome, d))
    return found


def module_items(entries: tuple[Entry, ...]) -> tuple[GeneratedItem, ...]:
    """Comparison items over a module's entries (newest first), each anchored at the newest entry in it."""
    by_outcome: dict[str, list[_Finding]] = {}
    for finding in _findings(entries):
        by_outcome.setdefault(finding.outcome, []).append(finding)
    items, numbers = [], {}
    for outcome, findings in sorted(by_outcome.items()):
        chosen = _compared(findings)
        if chosen:
            anchor = chosen_anchor(entries, chosen)
            numbers[anchor.id] = numbers.get(anchor.id, 0) + 1
            items.append(_compare_item(anchor, numbers[anchor.id], outcome, chosen))
    return tuple(items)


def chosen_anchor(entries: tuple[Entry, ...], chosen: list[list[_Finding]]) -> Entry:
    ids = {f.entry.id for group in chosen for f in group}
    return next(e for e in entries if e.id in ids)


def _compared(findings: list[_Finding]) -> list[list[_Finding]]:
    """Up to four predictors' findings, strongest first, when the strongest leads clearly and at
    least three entries take part; [] otherwise."""
    by_predictor: dict[str, list[_Finding]] = {}
    for finding in findings:
        by_predictor.setdefault(finding.predictor, []).append(finding)
    ranked = sorted(by_predictor.values(), key=lambda group: (-min(f.d for f in group), group[0].predictor))
    if len(ranked) < 3:
        return []
    top, floor = ranked[0], min(f.d for f in ranked[0])
    others = [g for g in ranked[1:] if max(f.d for f in g) <= floor - MIN_LEAD][:3]
    chosen = [top, *others]
    if not _verdicts_differ(chosen) or len(chosen) < 3 or len({f.entry.id for g in chosen for f in g}) < 3:
        return []
    return chosen


def _verdicts_differ(chosen: list[list[_Finding]]) -> bool:
    """No two findings of different predictors carry the same verdict words."""
    words = [{size_words(f.stat.verdict) for f in group} for group in chosen]
    return all(not (a & b) for i, a in enumerate(words) for b in words[i + 1:])


def _compare_item(anchor: Entry, number: int, outcome: str, chosen: list[list[_Finding]]) -> GeneratedItem:
    options = tuple(_capital(group[0].predictor) for group in chosen)
    listed = "; ".join(f"{_capital(f.predictor)}: “{f.stat.text}” ({reading_name(f.entry)}, {f.entry.title})"
                       for group in chosen for f in group)
    feedback = (f"{options[0]} showed the strongest link with {outcome}. Put on one scale (a correlation r "
                f"converted to d = 2r/√(1−r²); d, g and SMD as reported), it led every other option by at least "
                f"{MIN_LEAD} d. The findings as the readings print them: {listed}. The other options had real but "
                f"weaker links with {outcome}. So, of these factors, {options[0][0].lower()}{options[0][1:]} is the one "
                f"most worth attending to for {outcome}; these are correlations, so they do not show that raising it "
                f"would bring about better {outcome}.")
    stem = (f"Several readings in this module relate a factor to {outcome}. Which factor showed the strongest "
            f"link with {outcome}?")
    item = QuizItem(stem, options, (options[0],), feedback, "hard")
    return GeneratedItem(f"{anchor.id}-g-compare-{number}", "compare", item)
