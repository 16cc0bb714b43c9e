"""Quiz items generated from the findings an entry's effect sizes report (`Stat.label`, `direction`,
`verdict`, `population`). Pure functions: the same entries always give the same items.

At most one item per statistic that no written item covers (`stat_item`: ``strength``, else
``direction``, else ``size``), and ``compare`` items over a module (`anchored_comparisons`); no author
matching, no fill-in-the-number. Feedback gives the finding in the source's words with its statistic as
printed, why each other option is wrong (named by its content: the site shuffles options) and what the
finding means for practice.

Ids: ``<entry-id>-g-<strength|direction|size>-<n>``, n the stat's place in the entry (from 1);
``<entry-id>-g-compare-<n>`` for the n-th comparison anchored at the module's newest entry in it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations, groupby
from operator import attrgetter

from coursekit.content.citations import short_citation
from coursekit.model import RATIO_KINDS, Entry, QuizItem, Stat

FLIP = {"better": "worse", "worse": "better", "poorer": "better", "stronger": "weaker", "weaker": "stronger",
        "more": "less", "less": "more", "fewer": "more", "higher": "lower", "lower": "higher",
        "greater": "smaller", "smaller": "larger", "larger": "smaller"}
NULL_DIRECTIONS = {"no reliable link", "no reliable difference"}
SCALE = ("negligible", "small", "moderate", "large")
SCALE_PLACE = {"negligible": 0, "miniscule": 0, "minuscule": 0, "tiny": 0, "trivial": 0, "small": 1, "modest": 1,
               "moderate": 2, "medium": 2, "large": 3, "substantial": 3}
WORSE = re.compile(r"\b(?:worse|poorer)\b")
SYMMETRIC = re.compile(r"\bthan (?:others|one another|each other)\b")
HEDGE = re.compile(r"\b(?:may|might|perhaps|possibly|appear(?:s|ed)?|seem(?:s|ed)?|suggest(?:s|ed)?|tentative(?:ly)?)\b",
                   re.IGNORECASE)
GOES_WITH = re.compile(r" (?:went|seemed to go|goes|go) with ")
SUBGROUP = re.compile(r"^(?:in|among|only in|treatment of)\b|\bsubgroup\b", re.IGNORECASE)
NOT_SIZE = re.compile(r"\b(?:statistically|significant(?:ly)?|non-significant|and|but|positive|highly|reliable)\b|[,;]")
D_KINDS = ("d", "g", "SMD")
# Cohen's conventions, used only to stay clear of them: the cut-offs, and how near a value is too near
BENCHMARKS = {"r": ((0.1, 0.3, 0.5), 0.03), "d": ((0.2, 0.5, 0.8), 0.05)}
MIN_LEAD = 0.1  # the strongest finding's lead over every other option, in d
SPAN_WORDS = {word: SCALE[place] for word, place in SCALE_PLACE.items() if place} | {"moderately": "moderate"}
UNRELIABLE = re.compile(r"\b(?:non-significant|not (?:statistically )?significant|not reliable|unreliable|did not hold)\b",
                        re.IGNORECASE)
RELIABLE = re.compile(r"\b(?:significant|reliable|dependable)\b", re.IGNORECASE)
CONTROL = re.compile(r"\b(?:controls?|control conditions?|no treatment|wait(?:ing)?[- ]?lists?|treatment as usual|"
                     r"usual care|placebo)\b", re.IGNORECASE)
COMPARED = re.compile(r"^compared with (?P<b>[^,]+), (?P<a>.+?) (?P<verb>did|led|left)\b")
_N = r"[-−–]?\d*\.?\d+"
_P = rf"(?:,? p\s*[<>=]\s*{_N})"
STAT_EXPR = re.compile(rf"(?:adjusted )?\b(?:r|d|g|SMD|B|b|β|OR|RR|HR)\s*=\s*{_N}"
                       rf"(?:,? \(?95% CI \[?{_N},? to {_N}\]?{_P}?\)?)?{_P}?")
NUMBER = re.compile(r"(?<![\w.])[-−–]?(?:\d+(?:\.\d+)?|\.\d+)(?![\w])")
NO_SIDES = ("", "", "", "")  # `_sides` of a label that is neither 'X and Y' nor 'A versus B'
SEE_THE_READING = "See the reading's summary."  # every generated item's feedback ends with it


@dataclass(frozen=True)
class GeneratedItem:
    id: str
    template: str
    item: QuizItem
    shuffle: bool = True
    stat: int = -1  # the place in the entry's stats of the statistic it tests (-1: several)


def entry_items(entry: Entry) -> tuple[GeneratedItem, ...]:
    """The entry's generated items, one at most per statistic that no written item covers."""
    written = set().union(*(tested_stats(item, entry.stats, with_feedback=True) for item in entry.quiz))
    places: dict[tuple[str, str], int] = {}  # a range reported as two values is one statistic
    for place, stat in enumerate(entry.stats):
        if place not in written:
            places.setdefault((stat.text, stat.label), place)
    return tuple(filter(None, (stat_item(entry, entry.stats[place], place + 1) for place in places.values())))


def stat_item(entry: Entry, stat: Stat, number: int) -> GeneratedItem | None:
    """The item on the entry's `number`-th statistic: a strength item, else a direction item, else a size item."""
    for template, make, shuffle in (("strength", strength_item, False), ("direction", direction_item, True),
                                    ("size", size_item, False)):
        item = make(entry, stat)
        if item:
            return GeneratedItem(f"{entry.id}-g-{template}-{number}", template, item, shuffle, number - 1)
    return None


def numbers_in(text: str) -> set[str]:
    """The numbers printed in a text, without their signs."""
    return {token.lstrip("-−–") for token in NUMBER.findall(text)}


def tested_stats(item: QuizItem, stats: tuple[Stat, ...], with_feedback: bool = False) -> set[int]:
    """The places of the stats an item tests: its stem or options (`with_feedback`, its feedback too:
    writers keep the numbers there) hold the stat's value as printed, or its label (and, when several
    stats share the label, its population)."""
    text = " ".join((item.stem, *item.options) + ((item.feedback,) if with_feedback else ())).lower()
    tokens = numbers_in(text)
    by_value = {place for place, stat in enumerate(stats)
                if {t for t in numbers_in(stat.text) if abs(float(t)) == abs(stat.value)} & tokens}
    by_label = {place for place, stat in enumerate(stats) if stat.label and stat.label.lower() in text}
    narrowed = {place for place in by_label if stats[place].population.lower() in text}
    return by_value | (narrowed if len(by_label) > 1 and narrowed else by_label)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sides(label: str) -> tuple[str, str, str, str]:
    """(first, joiner, second, suffix) of 'X and Y' or 'A versus B[ on|for ...]'; all '' for another label."""
    joiner = "versus" if " versus " in label else "and" if " and " in label else ""
    if not joiner:
        return NO_SIDES
    first, second = label.split(f" {joiner} ", 1)
    cut = re.search(r" (?:on|for) |$", second).start() if joiner == "versus" else len(second)
    return first, joiner, second[:cut], second[cut:]


def null_phrase(label: str) -> str:
    first, joiner, second, suffix = _sides(label)
    kind = "difference" if joiner == "versus" else "link"
    return f"no reliable {kind} between {_bare(first)} and {second}{suffix}" if joiner else ""


def _bare(text: str) -> str:
    return text.removeprefix("the ")


def flipped(direction: str) -> str:
    """The direction with its last polarity word turned round ('' if it has none)."""
    for match in reversed(list(re.finditer(r"[A-Za-z]+", direction))):
        if match.group(0).lower() in FLIP:
            return direction[: match.start()] + FLIP[match.group(0).lower()] + direction[match.end():]
    return ""


def excludes_null(stat: Stat) -> bool | None:
    """Whether the interval lies wholly on one side of no effect; None without an interval."""
    if stat.ci_low is None or stat.ci_high is None:
        return None
    return not stat.ci_low <= _no_effect(stat) <= stat.ci_high


def reading_name(entry: Entry) -> str:
    """The short citation, or the reading's title when the citation has no year (never 'n.d.')."""
    return short_citation(entry) if entry.citation.year else f"the reading “{entry.title}”"


def _where(stat: Stat) -> str:
    return f" ({stat.population})" if stat.population else ""


def practice_meaning(stat: Stat) -> str:
    """One sentence on what the finding means for practice, built from its label and direction."""
    first, joiner, second, suffix = _sides(stat.label)
    null = stat.direction in NULL_DIRECTIONS
    hedged = HEDGE.search(" ".join((stat.text, stat.direction, stat.verdict)))  # 'seemed', 'may', 'perhaps'
    if joiner == "versus" and null:
        return f"So the data give no support for expecting {first} to do better than {second}{suffix}, nor the reverse."
    if joiner == "versus" and not stat.direction.lower().startswith("compared with"):
        return f"So the change the reading reports is the one to plan on: {stat.direction}."
    if joiner == "versus":
        subject = COMPARED.match(stat.direction)
        first = subject.group("a") if subject and subject.group("a").startswith(first) else first
        support = "give some support for" if hedged else "support"
        way = "worse" if WORSE.search(stat.direction) else "better"
        return f"So the data {support} expecting {first} to do {way} than {second}{suffix}."
    if null:
        up = "better" if second == "outcome" else "higher"
        return f"So the data give no support for expecting greater {_bare(first)} to go with {up} {_bare(second)}."
    link = GOES_WITH.split(stat.direction, 1)
    cause, effect = link if len(link) == 2 else (f"raising {_bare(first)}", f"a change in {_bare(second)}")
    worth = "may be worth" if hedged else "is worth"
    return (f"So it {worth} attending to {first} for {second}; it is a correlation, so it does not show that "
            f"{cause} would bring about {effect}.")


# --- the numbers and the size words a finding is printed with ------------------------------------

def printed(stat: Stat) -> str:
    """The statistic as the source prints it, cut from its sentence ('g = .35, 95% CI 0.21 to 0.48')."""
    found = list(STAT_EXPR.finditer(stat.text))
    span = stat.text[found[0].start(): found[-1].end()] if found else ""
    unclosed = span.count("(") - span.count(")")  # a bracket cut off at either end
    return span[:-1] if unclosed < 0 else span + ")" if unclosed > 0 else span


def size_span(verdict: str) -> tuple[str, ...]:
    """The verdict's size as scale words: one clear word ('moderately related': ('moderate',)) or a standard
    compound ('large to moderate', 'moderately large'); () for no size, or a result the source calls unreliable."""
    text = verdict.lower()
    words = [SPAN_WORDS[w] for w in re.findall(r"[a-z]+", text) if w in SPAN_WORDS]
    if UNRELIABLE.search(text) or not words or len(words) > 2:
        return ()
    if len(words) == 1:
        return tuple(words)
    compound = re.search(r"\b[a-z]+[- ]to[- ][a-z]+\b|\bmoderately large\b", text)
    return tuple(words) if compound and abs(SCALE.index(words[0]) - SCALE.index(words[1])) == 1 else ()


def span_text(span: tuple[str, ...], verdict: str) -> str:
    """The size as the item shows it: 'moderately large' where the source says so, else 'moderate to large'."""
    compound = span == ("moderate", "large") and "moderately large" in verdict.lower()
    return "moderately large" if compound else " to ".join(span)


def near_benchmark(stat: Stat) -> bool:
    """Whether the value sits so near a conventional cut-off (r .1/.3/.5, d .2/.5/.8) that a reader
    who knows the benchmarks could defend a neighbouring size word: no size is asked of it."""
    cuts, margin = BENCHMARKS.get("r" if stat.kind == "r" else "d" if stat.kind in D_KINDS else "", ((), 0))
    return any(abs(abs(stat.value) - cut) <= margin for cut in cuts)


def _no_effect(stat: Stat) -> float:
    """The value that means no effect: 1 for a ratio, else 0."""
    return 1.0 if stat.kind in RATIO_KINDS else 0.0


def _asked_sides(stat: Stat) -> tuple[str, str, str, str]:
    """The label's sides (`_sides`), all '' unless the finding can be asked about: it has a direction,
    not a symmetric one ('than one another'), and its interval does not contradict it."""
    unasked = excludes_null(stat) is (stat.direction in NULL_DIRECTIONS)  # the interval contradicts the direction
    return NO_SIDES if not stat.direction or SYMMETRIC.search(stat.direction) or unasked else _sides(stat.label)


# --- strength: size and reliability of a link, on one scale ------------------------------------

def strength_item(entry: Entry, stat: Stat) -> QuizItem | None:
    """How strongly X went with Y (or how A compared with a control), on one scale: no reliable
    link and the sizes, keyed to the source's verdict word. For a positive link or an advantage
    over a control with a clear verdict, and for a null result against a control."""
    first, joiner, second, suffix = _asked_sides(stat)
    null = stat.direction in NULL_DIRECTIONS
    span = () if null else size_span(stat.verdict)
    if not joiner or (span and near_benchmark(stat)):
        return None
    if joiner == "and":
        link = GOES_WITH.split(stat.direction, 1)  # 'more regard went with better outcome': 'more regard, better ...'
        if null or not span or len(link) != 2 or stat.value < _no_effect(stat):
            return None
        size_of = "link: " + ", ".join(re.sub(r"^an? ", "", side) for side in link)
        stem = f"How strongly were {first} and {second} linked"
    else:
        forward = COMPARED.match(stat.direction) and not WORSE.search(stat.direction)
        if not CONTROL.search(second) or not (null or (span and forward)):
            return None
        size_of, stem = f"advantage for {first} over {second}", f"How did {first} compare with {second}{suffix}"
    options = (_capital(null_phrase(f"{first} {joiner} {second}")),
               *(f"A {span_text(words, stat.verdict)} {size_of}" for words in scale_spans(span)))
    key = f"A {span_text(span, stat.verdict)} {size_of}" if span else options[0]
    return QuizItem(f"{stem} in {reading_name(entry)}{_where(stat)}?", options, (key,),
                    _strength_feedback(entry, stat, options, key, span), "hard" if null else "medium")


def scale_spans(span: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The sizes an item offers, smallest first: small, moderate and large; for a compound key ('moderate
    to large'), the key and the words outside it, negligible included, so that no option overlaps it."""
    scale = SCALE if len(span) == 2 else SCALE[1:]
    spans = [(w,) for w in scale if w not in span] + ([span] if span else [])
    return sorted(spans, key=lambda words: min(SCALE.index(w) for w in words))


def _strength_feedback(entry: Entry, stat: Stat, options: tuple[str, ...], key: str, span: tuple[str, ...]) -> str:
    if not span:
        return _null_feedback(entry, stat, options[1:], "an advantage the data do not show")
    low = min(SCALE.index(w) for w in span)
    under = [o for o in options[1:] if o != key and SCALE.index(o.split()[1]) < low]
    over = [o for o in options[1:] if o != key and SCALE.index(o.split()[1]) > low]
    wrong = [f"{' and '.join(f'“{o}”' for o in group)} {verb}{'' if len(group) > 1 else 's'} it"
             for group, verb in ((under, "understate"), (over, "overstate")) if group]
    because = ("the interval lies wholly on one side of no effect" if excludes_null(stat)
               else f"the source calls the result “{stat.verdict}”" if RELIABLE.search(stat.verdict)
               else f"the source reports a {span_text(span, stat.verdict)} link, not the absence of one")
    return _feedback(entry, stat, stat.direction,
                     f"{_capital(' and '.join(wrong))}: the size word is the source's own "
                     f"(“{span_text(span, stat.verdict)}”), not a fixed benchmark.",
                     f"“{options[0]}” is wrong: {because}.")


def _feedback(entry: Entry, stat: Stat, found: str, *reasons: str) -> str:
    """A finding item's feedback: what the reading found, with its statistic as printed and the
    source's verdict words; why each other option is wrong; what the finding means for practice."""
    verdict = f"; in the source's words, “{stat.verdict}”" if stat.verdict else ""
    return " ".join((f"In {reading_name(entry)}{_where(stat)}, {found}{_numbers(stat)}{verdict}.", *reasons,
                     practice_meaning(stat), SEE_THE_READING))


def _numbers(stat: Stat) -> str:
    """' (g = .35, 95% CI 0.21 to 0.48)': the statistic as printed, inner brackets made commas ('' if none)."""
    shown = printed(stat).replace(" (", ", ").replace("(", "").replace(")", "")
    return f" ({shown})" if shown else ""


def _null_feedback(entry: Entry, stat: Stat, wrong: tuple[str, ...], claim: str) -> str:
    """A null finding's feedback: the `wrong` options each claim what the data do not show, and why."""
    listed = ", ".join(f"“{option}”" for option in wrong[:-1]) + f" and “{wrong[-1]}”"
    because = ("its interval includes no effect" if excludes_null(stat) is False
               else f"the source calls the result “{stat.verdict}”" if stat.verdict
               else "the source reports no reliable effect")
    return _feedback(entry, stat, f"there was {null_phrase(stat.label)}", f"{listed} each claim {claim}: {because}.")


# --- direction: null findings, negative links, two treatments compared -------------------------

def direction_item(entry: Entry, stat: Stat) -> QuizItem | None:
    """Which way the finding went, where the direction is the point: a null finding, a negative
    link, or two treatments compared (not a treatment against a control: `strength_item`)."""
    first, joiner, second, suffix = _asked_sides(stat)
    null = stat.direction in NULL_DIRECTIONS
    if not joiner or (joiner == "versus" and CONTROL.search(second) and (null or size_span(stat.verdict))):
        return None  # `strength_item` asks about a treatment against a control, with the size
    if joiner == "and":
        ways = ("better", "worse") if second == "outcome" else ("higher", "lower")
        twins = (tuple(f"greater {_bare(first)} went with {way} {_bare(second)}" for way in ways) if null
                 else (stat.direction, flipped(stat.direction)) if stat.value < _no_effect(stat)
                 else ())  # a positive link's twin drops out; its strength is asked instead
        question = f"how were {first} and {second} related"
    else:  # 'A did better than B' first, A the side that did better as 'compared with B, A did better/worse' says
        said = None if null else COMPARED.match(stat.direction)
        if not null and (not said or said.group("verb") != "did"):
            return None
        if said:
            worse = WORSE.search(stat.direction[said.end():])
            first, second = said.group("b", "a") if worse else said.group("a", "b")
        question = f"how did {first} compare with {second}"
        pairs = ((first, second), (second, first)) if first else ()
        twins = tuple(f"{ahead} did better than {behind}{suffix}" for ahead, behind in pairs)
    options = tuple(map(_capital, (null_phrase(stat.label), *twins) if null else (*twins, null_phrase(stat.label))))
    if not twins or len({o.lower() for o in options}) < 3:
        return None
    why = ("its interval lies wholly on one side of no effect" if excludes_null(stat)
           else f"the source calls the result “{stat.verdict}”" if stat.verdict
           else "the source reports this direction as its finding, not the absence of one")
    feedback = (_null_feedback(entry, stat, options[1:], "a direction the data do not support") if null
                else _feedback(entry, stat, _lower(options[0]), f"“{options[1]}” turns the direction round.",
                               f"“{options[2]}” is wrong too: {why}."))
    return QuizItem(f"In {reading_name(entry)}, {question}{suffix}{_where(stat)}?", options, (options[0],), feedback,
                    "hard" if null else "medium")


def size_item(entry: Entry, stat: Stat) -> QuizItem | None:
    """The size in the source's own word, for a labelled stat with no direction."""
    word = stat.verdict.strip().lower()
    if not stat.label or stat.direction or word not in SCALE_PLACE or near_benchmark(stat):
        return None
    scale = [word if place == SCALE_PLACE[word] else size for place, size in enumerate(SCALE)]
    feedback = (f"{_capital(reading_name(entry))} calls the result “{word}”{_numbers(stat)}. The other words "
                "describe a different size than the source gives; the size word is the source's own, not a fixed "
                f"benchmark. So, in practice, expect the effect for {stat.label} to be {word}, in the source's own "
                f"word for its size. {SEE_THE_READING}")
    stem = f"In {reading_name(entry)}, how big was the effect for {stat.label}{_where(stat)}, in the source's words?"
    return QuizItem(stem, tuple(map(_capital, scale)), (_capital(word),), feedback, "easy")


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


def anchored_comparisons(entries: tuple[Entry, ...]) -> dict[str, tuple[GeneratedItem, ...]]:
    """Each of a module's entries (newest first) by id, with the module's comparison items anchored at it
    (the newest entry in each comparison)."""
    anchored: dict[str, tuple[GeneratedItem, ...]] = {entry.id: () for entry in entries}
    for findings in _grouped(_findings(entries), "outcome"):
        chosen = _compared(findings)
        if chosen:
            ids = {f.entry.id for group in chosen for f in group}
            anchor = next(e for e in entries if e.id in ids)
            anchored[anchor.id] += (_compare_item(anchor, len(anchored[anchor.id]) + 1, findings[0].outcome, chosen),)
    return anchored


def _grouped(findings: list[_Finding], field: str) -> list[list[_Finding]]:
    """The findings grouped by `field`, in its order; each group in the findings' order."""
    value = attrgetter(field)
    return [list(group) for _, group in groupby(sorted(findings, key=value), key=value)]


def _compared(findings: list[_Finding]) -> list[list[_Finding]]:
    """Up to four predictors' findings, strongest first, when the strongest leads clearly, their
    verdict words differ and at least three entries take part; [] otherwise."""
    ranked = sorted(_grouped(findings, "predictor"), key=lambda group: (-min(f.d for f in group), group[0].predictor))
    floor = min(f.d for f in ranked[0])
    chosen = [ranked[0], *[g for g in ranked[1:] if max(f.d for f in g) <= floor - MIN_LEAD][:3]]
    words = [{size_words(f.stat.verdict) for f in group} for group in chosen]
    differ = all(not (a & b) for a, b in combinations(words, 2))
    return chosen if differ and len(chosen) >= 3 and len({f.entry.id for g in chosen for f in g}) >= 3 else []


def _compare_item(anchor: Entry, number: int, outcome: str, chosen: list[list[_Finding]]) -> GeneratedItem:
    options = tuple(_capital(group[0].predictor) for group in chosen)
    listed = "; ".join(f"{_capital(f.predictor)}: {printed(f.stat)}, “{f.stat.verdict}” ({reading_name(f.entry)}, "
                       f"{f.entry.title})" for group in chosen for f in group)
    feedback = (f"{options[0]} showed the strongest link with {outcome}. Put on one scale (a correlation r "
                f"converted to d = 2r/√(1−r²); d, g and SMD as reported), it led every other option by at least "
                f"{MIN_LEAD} d. The findings, with the sources' own size words: {listed}. The other options had real "
                f"but weaker links with {outcome}. So, of these factors, {_lower(options[0])} is the one most worth "
                f"attending to for {outcome}; these are correlations, so they do not show that raising it would "
                f"bring about better {outcome}.")
    stem = (f"Several readings in this module relate a factor to {outcome}. Which factor showed the strongest "
            f"link with {outcome}?")
    item = QuizItem(stem, options, (options[0],), feedback, "hard")
    return GeneratedItem(f"{anchor.id}-g-compare-{number}", "compare", item)
