"""Numbers stated in an entry's text: effect sizes with their 95% CIs, and counts. Pure functions.

Effect sizes: d, g, r, SMD, B/b, OR, RR, IRR and beta ("d = .58", "g=0.32", "B adjusted = -.065",
"r = .29 to r = .34", "r = .29 to .34"), with a CI in any notation the blog uses:
"95% CI: 0.16, 0.75", "95%CI: 0.10, 0.32", "95% CI [-.092, -.038]", "[95% CI: -0.70 to -0.33]",
"95% CI: 0.09-0.55", "95% CI -0.349, 1.068", or bare brackets right after the value ("[0.16, 0.75]").
The unicode minus and other dash signs count as minus signs; ".28" needs no leading zero.

Counts: how many numbers of studies (k), of participants (N) and percentages the text states.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from coursekit.model import Stat
from coursekit.text import sentence_spans

MINUS_SIGN = re.compile("[\u2212\u2012\ufe63\uff0d]")  # each becomes "-" (one character for one: offsets stay)
NUMBER = r"[-–]?\s?(?:\d+(?:\.\d+)?|\.\d+)"
EFFECT = re.compile(
    r"(?<![\w.])(?P<kind>SMD|OR|IRR|RR|beta|β|[dgrBb])(?:\(\d+\))?"
    r"(?:\s*\((?:adj\.?|adjusted|pooled)\)|\s+(?:adj\.?|adjusted|pooled))?"
    rf"\s*(?:=|≈|~)\s*(?P<value>{NUMBER})(?![\d%])")
EFFECT_SIGNS = "=≈~"  # every EFFECT match has one
RANGE_END = re.compile(rf"^\s*(?:to|–|—)\s*(?P<value>{NUMBER})(?![\d.%])(?!\s*[=%])")
CI = re.compile(
    r"(?:9[059]\s*%\s*)?(?:CI|confidence\s+interval)s?\s*(?:[:=]|of)?\s*[\[(]?\s*"
    rf"(?P<low>{NUMBER})\s*(?:,|;|\bto\b|–|—|-)\s*(?P<high>{NUMBER})", re.IGNORECASE)
BRACKETS = re.compile(rf"^\s*[,;]?\s*\[\s*(?P<low>{NUMBER})\s*(?:,|;|\bto\b)\s*(?P<high>{NUMBER})\s*\]")
LIMITS = {"r": 1.0, "beta": 1.0, "d": 10.0, "g": 10.0, "SMD": 10.0}

STUDY_UNITS = r"studies|trials|RCTs|samples|meta-analyses|datasets|data sets|effect sizes|cohorts"
PEOPLE_UNITS = (r"patients|participants|clients|adults|respondents|individuals|people|persons|subjects|"
                r"therapists|psychotherapists|students|children|adolescents|youths?|veterans|women|men|"
                r"couples|families|trainees|cases|service users|outpatients|inpatients")
NUMBER_TAIL = r"\d{0,2}(?:,\s?\d{3})+(?!\d)|\d*(?:\.\d+)?"  # a count's number after its first digit


def _count_pattern(symbol: str, units: str, words_between: int) -> re.Pattern[str]:
    """'k = 12' / 'N = 1,024' (symbol), or a number with a unit up to `words_between` words after it.

    A match starts with the symbol or a digit, and checks what comes before with a lookbehind after
    it: a pattern that starts with a character set lets the regex engine skip to candidate characters.
    """
    return re.compile(
        rf"[{symbol}\d](?:(?<=[{symbol}])(?<!\w[{symbol}])\s*=\s*\d[\d,]*"
        rf"|(?<=\d)(?<![\d.,]\d)(?:{NUMBER_TAIL})\s+(?:[a-z][\w-]*\s+){{0,{words_between}}}?(?:{units})\b)")


K_COUNT = _count_pattern("k", STUDY_UNITS, 4)
N_COUNT = _count_pattern("Nn", PEOPLE_UNITS, 3)
PERCENT = re.compile(r"\d(?<![\d.]\d)\d*(?:\.\d+)?\s?%(?!\s*(?i:CI|confidence))")


def _number(text: str) -> float:
    """A NUMBER match as a float, without the whitespace (NBSP, line break) it may hold after its sign."""
    return float("".join(text.replace("–", "-").split()))


def extract_stats(paragraphs: Iterable[str]) -> tuple[Stat, ...]:
    """Every effect size stated in the paragraphs, in order, with its CI and sentence."""
    found: list[Stat] = []
    for printed in paragraphs:
        if not any(sign in printed for sign in EFFECT_SIGNS):  # a quick test: most paragraphs have none
            continue
        paragraph = MINUS_SIGN.sub("-", printed)  # its offsets are those of `printed`
        matches = list(EFFECT.finditer(paragraph))
        spans = sentence_spans(paragraph) if matches else []
        for i, match in enumerate(matches):
            start, end = next(span for span in spans if match.start() < span[1])
            limit = matches[i + 1].start() if i + 1 < len(matches) else len(paragraph)
            found.extend(_stats_at(match, paragraph[match.end(): min(limit, end)], printed[start:end].strip()))
    return tuple(found)


def _stats_at(match: re.Match[str], window: str, sentence: str) -> list[Stat]:
    """The stat(s) of one EFFECT match; `window` is the rest of its sentence up to the next match."""
    kind = "beta" if match.group("kind") == "β" else match.group("kind")
    values = [_number(match.group("value"))]
    ranged = RANGE_END.match(window)
    if ranged:
        values.append(_number(ranged.group("value")))
        window = window[ranged.end():]
    interval = CI.search(window) or BRACKETS.match(window)
    low, high = sorted(map(_number, interval.group("low", "high"))) if interval else (None, None)
    return [Stat(kind=kind, value=value, ci_low=low, ci_high=high, text=sentence) for value in values
            if abs(value) <= LIMITS.get(kind, 1e9) and not (kind == "OR" and value <= 0)]


def entry_stats(summary: Sequence[str], implications: Sequence[str]) -> tuple[Stat, ...]:
    """An entry's effect sizes: all of the summary's, plus those of the implications that do not
    restate a summary value (same kind and value)."""
    stated = extract_stats(summary)
    seen = {(s.kind, s.value) for s in stated}
    return stated + tuple(s for s in extract_stats(implications) if (s.kind, s.value) not in seen)


def counts_stated(paragraphs: Iterable[str]) -> int:
    """How many numbers of studies (k), of participants (N) and percentages the paragraphs state."""
    return sum(1 for paragraph in paragraphs for pattern in (K_COUNT, N_COUNT, PERCENT)
               for _ in pattern.finditer(paragraph))
