"""Numbers stated in an entry's text: effect sizes with their 95% CIs, and counts. Pure functions.

Effect sizes: d, g, r, SMD, B/b, OR, RR, IRR and beta ("d = .58", "g=0.32", "B adjusted = -.065",
"r = .29 to r = .34", "r = .29 to .34"), with a CI in any notation the blog uses:
"95% CI: 0.16, 0.75", "95%CI: 0.10, 0.32", "95% CI [-.092, -.038]", "[95% CI: -0.70 to -0.33]",
"95% CI: 0.09-0.55", "95% CI -0.349, 1.068", or bare brackets right after the value ("[0.16, 0.75]").
The unicode minus and other dash signs count as minus signs; ".28" needs no leading zero.

Counts: numbers of studies (k), of participants (N) and percentages, each with the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .model import Stat

MINUS_SIGNS = "\u2212\u2012\ufe63\uff0d"  # each becomes "-" (one character for one: offsets stay)
NUMBER = r"[-–]?\s?(?:\d+(?:\.\d+)?|\.\d+)"
KINDS = {"SMD": "SMD", "OR": "OR", "IRR": "IRR", "RR": "RR", "beta": "beta", "β": "beta",
         "d": "d", "g": "g", "r": "r", "B": "B", "b": "b"}
EFFECT = re.compile(
    r"(?<![\w.])(?P<kind>SMD|OR|IRR|RR|beta|β|[dgrBb])(?:\(\d+\))?"
    r"(?:\s*\((?:adj\.?|adjusted|pooled)\)|\s+(?:adj\.?|adjusted|pooled))?"
    rf"\s*(?:=|≈|~)\s*(?P<value>{NUMBER})(?![\d%])")
RANGE_END = re.compile(rf"^\s*(?:to|–|—)\s*(?P<value>{NUMBER})(?![\d.%])(?!\s*[=%])")
CI = re.compile(
    r"(?:9[059]\s*%\s*)?(?:CI|confidence\s+interval)s?\s*(?:[:=]|of)?\s*[\[(]?\s*"
    rf"(?P<low>{NUMBER})\s*(?:,|;|\bto\b|–|—|-)\s*(?P<high>{NUMBER})", re.IGNORECASE)
BRACKETS = re.compile(rf"^\s*[,;]?\s*\[\s*(?P<low>{NUMBER})\s*(?:,|;|\bto\b)\s*(?P<high>{NUMBER})\s*\]")
LIMITS = {"r": 1.0, "beta": 1.0, "d": 10.0, "g": 10.0, "SMD": 10.0}
ABBREVIATIONS = {"vs", "e.g", "i.e", "al", "dr", "st", "no", "cf", "ca", "mr", "mrs", "ms", "prof", "fig", "approx"}

STUDY_UNITS = r"studies|trials|RCTs|samples|meta-analyses|datasets|data sets|effect sizes|cohorts"
PEOPLE_UNITS = (r"patients|participants|clients|adults|respondents|individuals|people|persons|subjects|"
                r"therapists|psychotherapists|students|children|adolescents|youths?|veterans|women|men|"
                r"couples|families|trainees|cases|service users|outpatients|inpatients")


def _count_pattern(symbol: str, units: str, words_between: int) -> re.Pattern[str]:
    """'k = 12' / 'N = 1,024' (symbol), or a number with a unit up to `words_between` words after it.

    Each match starts with its first character taken from a set (the symbol or a digit) and checks
    what comes before with a lookbehind after it, so the regex engine skips to candidate characters
    instead of trying the pattern at every position. The number is the match's first character
    followed by the group 'num' (`count_number`).
    """
    return re.compile(
        rf"[{symbol}\d](?:(?<=[{symbol}])(?<!\w[{symbol}])\s*=\s*(?P<eq>\d[\d,]*)"
        rf"|(?<=\d)(?<![\d.,]\d)(?P<num>\d{{0,2}}(?:,\s?\d{{3}})+(?!\d)|\d*(?:\.\d+)?)"
        rf"\s+(?:[a-z][\w-]*\s+){{0,{words_between}}}?(?P<unit>{units})\b)")


K_COUNT = _count_pattern("k", STUDY_UNITS, 4)
N_COUNT = _count_pattern("Nn", PEOPLE_UNITS, 3)
SEPARATORS = re.compile(r"[,\s]")  # "1, 024" is 1024
PERCENT = re.compile(r"\d(?<![\d.]\d)(?P<num>\d*(?:\.\d+)?)\s?%(?!\s*(?i:CI|confidence))")


@dataclass(frozen=True)
class Count:
    """A count stated in the text: `kind` is 'k' (studies), 'N' (participants) or 'percent'.

    `unit` is what was counted as printed ('studies', 'patients', '' for 'N = 11', '%');
    `text` is the sentence it came from.
    """

    kind: str
    value: float
    unit: str
    text: str


SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[“\"‘(\[]?[A-Z0-9])")
ONE_LETTER = re.compile(r"[a-z]")


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph; decimals and 'e.g.' do not end one."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(paragraph):
        # The word that the full stop ends (the text before it never ends in whitespace).
        words = paragraph[start: match.start() + 1].rsplit(None, 1)
        previous = words[-1].lower().rstrip(".").lstrip("(") if words else ""
        if previous in ABBREVIATIONS or ONE_LETTER.fullmatch(previous):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def _sentence_at(paragraph: str, spans: list[tuple[int, int]], offset: int) -> str:
    for start, end in spans:
        if start <= offset < end:
            return paragraph[start:end].strip()
    return paragraph.strip()


def _number(text: str) -> float:
    return float(text.replace("–", "-").replace(" ", ""))


def _plain_minus(text: str) -> str:
    for sign in MINUS_SIGNS:  # str.replace is far faster than str.translate with a table
        if sign in text:
            text = text.replace(sign, "-")
    return text


def extract_stats(paragraphs: Iterable[str]) -> tuple[Stat, ...]:
    """Every effect size stated in the paragraphs, in order, with its CI and sentence."""
    found: list[Stat] = []
    for raw in paragraphs:
        paragraph = _plain_minus(raw)
        spans = sentences(paragraph)
        matches = list(EFFECT.finditer(paragraph))
        for i, match in enumerate(matches):
            limit = matches[i + 1].start() if i + 1 < len(matches) else len(paragraph)
            found.extend(_stats_at(paragraph, spans, match, limit, raw))
    return tuple(found)


def _stats_at(paragraph: str, spans: list[tuple[int, int]], match: re.Match[str], limit: int,
              printed: str) -> list[Stat]:
    """The stat(s) of one match; `paragraph` has plain minus signs, `printed` is the text as printed."""
    kind = KINDS[match.group("kind")]
    start, end = next(((s, e) for s, e in spans if s <= match.start() < e), (0, len(paragraph)))
    sentence = printed[start:end].strip()
    window = paragraph[match.end(): min(limit, end)]
    values = [_number(match.group("value"))]
    ranged = RANGE_END.match(window)
    if ranged:
        values.append(_number(ranged.group("value")))
        window = window[ranged.end():]
    low, high = _interval(window)
    stats = [Stat(kind=kind, value=v, ci_low=low, ci_high=high, text=sentence) for v in values]
    return [s for s in stats if abs(s.value) <= LIMITS.get(kind, 1e9) and not (kind == "OR" and s.value <= 0)]


def _interval(window: str) -> tuple[float | None, float | None]:
    match = CI.search(window) or BRACKETS.match(window)
    if not match:
        return None, None
    low, high = _number(match.group("low")), _number(match.group("high"))
    return (low, high) if low <= high else (high, low)


def entry_stats(summary: Sequence[str], implications: Sequence[str]) -> tuple[Stat, ...]:
    """An entry's effect sizes: all of the summary's, plus those of the implications that do not
    restate a summary value (same kind and value)."""
    stated = extract_stats(summary)
    seen = {(s.kind, s.value) for s in stated}
    return stated + tuple(s for s in extract_stats(implications) if (s.kind, s.value) not in seen)


def extract_counts(paragraphs: Iterable[str]) -> tuple[Count, ...]:
    """Numbers of studies (k), participants (N) and percentages stated in the paragraphs."""
    found: list[tuple[int, int, Count]] = []
    for index, paragraph in enumerate(paragraphs):
        spans = sentences(paragraph)
        for kind, match in _count_matches(paragraph):
            unit = "%" if kind == "percent" else (match.group("unit") or "")
            value = float(SEPARATORS.sub("", count_number(match)))
            count = Count(kind, value, unit, _sentence_at(paragraph, spans, match.start()))
            found.append((index, match.start(), count))
    return tuple(count for _, _, count in sorted(found, key=lambda item: (item[0], item[1])))


def counts_stated(paragraphs: Iterable[str]) -> int:
    """How many counts `extract_counts` finds, without finding their sentences."""
    return sum(1 for paragraph in paragraphs for _ in _count_matches(paragraph))


def _count_matches(paragraph: str) -> Iterator[tuple[str, re.Match[str]]]:
    for kind, pattern in (("k", K_COUNT), ("N", N_COUNT), ("percent", PERCENT)):
        for match in pattern.finditer(paragraph):
            yield kind, match


def count_number(match: re.Match[str]) -> str:
    """The number of a K_COUNT, N_COUNT or PERCENT match, as printed."""
    equals = match.groupdict().get("eq")
    return equals if equals else match.string[match.start(): match.end("num")]
