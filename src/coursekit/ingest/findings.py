"""The finding an effect size reports, read from its sentence by rules. Pure functions.

`with_finding(stat)` fills a stat's finding fields (see model.Stat) from the clause of `stat.text` that states
the value (a sentence may report several effect sizes), each only when the wording is one of a few clear patterns
(the regular expressions below). A verdict phrase about other work ('consistent with previous meta-analyses
showing ...') does not count; a label's 'patient outcomes' becomes 'outcome' and its leading direction words
('higher') are left to the direction, which is given only when the interval excludes no effect ('X went with Y'),
or when the clause says the result was not significant and no interval says otherwise.
"""
from __future__ import annotations

import re
from dataclasses import replace

from coursekit.model import RATIO_KINDS, Stat

SIZE = (r"negligible|minuscule|miniscule|tiny|trivial|small|modest|moderately large|moderate|medium|"
        r"large|substantial")
SIGNIFICANCE = r"not statistically significant|statistically significant|non-significant|not significant|significant"
VERDICT = re.compile(
    rf"\b(?:(?:{SIZE})(?: to (?:{SIZE}))?(?:,? (?:and|but) (?:{SIGNIFICANCE}))?"
    rf"|(?:{SIGNIFICANCE})(?:(?:,? (?:and|but)(?: also)?)? (?:{SIZE})(?: to (?:{SIZE}))?)?)\b", re.IGNORECASE)
ABOUT_OTHER_WORK = re.compile(r"\b(?:consistent with|previous|earlier|prior)\b", re.IGNORECASE)
NULL_WORDING = re.compile(r"\b(?:not (?:statistically )?significant|non-significant|did not differ|"
                          r"no (?:statistically )?significant)\b", re.IGNORECASE)
POLARITY = ("better", "worse", "poorer", "stronger", "weaker", "more", "fewer", "less", "higher", "lower",
            "greater", "smaller", "larger")
LEADING_POLARITY = re.compile(rf"^(?:(?:{'|'.join(POLARITY)}|high|low)\s+)+", re.IGNORECASE)
OUTCOME_END = re.compile(r"\b(?:the\s+)?(?:positive\s+)?(?:(?:patient|client)s?[’']?\s+)?outcomes?$", re.IGNORECASE)
SUBJECT_START = re.compile(r"^.*(?:\bthat|,)\s+")
END_OF_PHRASE = r"(?=\s*(?:\(|,|;|\.|$|\s(?:was|were|is|are|had|has|did|across|after|for|which|but)\b))"
PHRASE = r"[A-Za-z][\w’' -]{1,80}?"
EFFECT_ON = re.compile(rf"\beffects? of (?P<x>{PHRASE}) on (?P<y>{PHRASE}){END_OF_PHRASE}")
BETWEEN = re.compile(rf"\bbetween (?P<x>{PHRASE}) and (?P<y>{PHRASE}){END_OF_PHRASE}")
LINKED = re.compile(
    rf"(?:^|, |\bthat )(?P<x>{PHRASE})\s+(?:was|were|is|are)\s+(?:also\s+|(?:positively|negatively|moderately|"
    rf"significantly)\s+)?(?:associated|related|linked|correlated)\s+(?:with|to)\s+(?P<y>{PHRASE}){END_OF_PHRASE}")
COMPARED = re.compile(
    rf"(?:^|, |\bthat )(?P<x>[A-Z][\w-]*(?: [\w-]+){{0,3}}?)\s+(?:outperformed|(?:compared (?:with|to)|versus|vs\.?))\s+"
    rf"(?P<y>{PHRASE}){END_OF_PHRASE}")
TIME_POINT = re.compile(r"\bat (?P<when>(?:the )?end of treatment|(?:[\d–-]+[- ]month )?follow[- ]up|post-treatment)\b",
                        re.IGNORECASE)
CLAUSE_BREAK = re.compile(r";\s|,\s(?:and|but|whereas|while)\s|\.\s")
MAX_LABEL_WORDS = 14


def with_finding(stat: Stat) -> Stat:
    """The stat with the finding fields its clause makes sure of (fields already set are kept)."""
    clause = stat_clause(stat)
    if not clause:
        return stat
    label = stat.label or finding_label(clause)
    return replace(stat, label=label, population=stat.population or time_point(clause),
                   direction=stat.direction or finding_direction(stat, clause, label),
                   verdict=stat.verdict or verdict_words(clause))


def stat_clause(stat: Stat) -> str:
    """The clause of `stat.text` that states the value (the whole text when it cannot be placed)."""
    text = stat.text
    at = _value_position(stat)
    if at is None:
        return text
    breaks = [m for m in CLAUSE_BREAK.finditer(text) if _depth(text[: m.start()]) == 0]
    starts = [0] + [m.end() for m in breaks if m.end() <= at]
    ends = [m.start() for m in breaks if m.start() > at] + [len(text)]
    return text[max(starts):min(ends)].strip()


def _depth(text: str) -> int:
    """How many brackets are open at the end of `text`."""
    return sum(text.count(c) for c in "([") - sum(text.count(c) for c in ")]")


def _value_position(stat: Stat) -> int | None:
    """Where the stat's '<kind> ... = <value>' is printed in its text."""
    kind = re.escape(stat.kind)
    for match in re.finditer(rf"(?<![\w.]){kind}\b[^=\d]{{0,12}}=\s*(?P<n>[-−–]?\s?\d*\.?\d+)", stat.text):
        number = float(re.sub(r"[−–]", "-", match.group("n")).replace(" ", ""))
        if abs(number - stat.value) < 1e-9:
            return match.start()
    return None


def verdict_words(clause: str) -> str:
    """The source's size and significance words for this result, as printed (lowercase), or ''."""
    for match in VERDICT.finditer(clause):
        if not ABOUT_OTHER_WORK.search(clause[: match.start()]):
            return " ".join(match.group(0).lower().split())
    return ""


def finding_label(clause: str) -> str:
    """'X and Y' or 'A versus B' from the clause's wording, or '' when no pattern fits."""
    for pattern, joiner in ((BETWEEN, "and"), (LINKED, "and"), (EFFECT_ON, "and"), (COMPARED, "versus")):
        match = pattern.search(clause)
        if match:
            label = f"{_phrase(match.group('x'))} {joiner} {_phrase(match.group('y'), joiner == 'and')}"
            if len(label.split()) <= MAX_LABEL_WORDS and all(_phrase(match.group(g)) for g in "xy"):
                return label
    return ""


def _phrase(text: str, outcome_end: bool = False) -> str:
    """A label's side: without leading direction words or 'the'; patient outcome(s) -> 'outcome'."""
    text = SUBJECT_START.sub("", " ".join(text.split())).strip(" ,")
    text = LEADING_POLARITY.sub("", text)
    if outcome_end and OUTCOME_END.search(text) and not OUTCOME_END.sub("", text).strip():
        return "outcome"
    if text and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def finding_direction(stat: Stat, clause: str, label: str) -> str:
    """The direction in words when the rules are sure of it, else ''."""
    if not label:
        return ""
    excludes = _interval_excludes_null(stat)
    if NULL_WORDING.search(clause) and excludes is not True:
        return "no reliable difference" if " versus " in label else "no reliable link"
    match = LINKED.search(clause)
    if excludes and match and " versus " not in label:
        x, y = (SUBJECT_START.sub("", " ".join(match.group(g).split())) for g in "xy")
        if _polarity_words(y) and len(_polarity_words(x + " " + y)) <= 2:
            return f"{x[0].lower()}{x[1:]} went with {y}"
    return ""


def _polarity_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w in POLARITY]


def _interval_excludes_null(stat: Stat) -> bool | None:
    """True when the CI lies wholly on one side of no effect, False when it spans it, None without a CI."""
    if stat.ci_low is None or stat.ci_high is None:
        return None
    null = 1.0 if stat.kind in RATIO_KINDS else 0.0
    return stat.ci_low > null or stat.ci_high < null


def time_point(clause: str) -> str:
    match = TIME_POINT.search(clause)
    return re.sub(r"^the ", "", match.group("when").lower().replace("follow up", "follow-up")) if match else ""
