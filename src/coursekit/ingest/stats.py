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

from coursekit.model import Stat

MINUS_SIGNS = "\u2212\u2012\ufe63\uff0d"  # each becomes "-" (one character for one: offsets stay)
NUMBER = r"[-–]?\s?(?:\d+(?:\.\d+)?|\.\d+)"
KINDS = {"SMD": "SMD", "OR": "OR", "IRR": "IRR", "RR": "RR", "beta": "beta", "β": "beta",
         "d": "d", "g": "g", "r": "r", "B": "B", "b": "b"}
EFFECT = re.compile(
    r"(?<![\w.])(?P<kind>SMD|OR|IRR|RR|beta|β|[dgrBb])(?:\(\d+\))?"
    r"(?:\s*\((?:adj\.?|adjusted|pooled)\)|\s+(?:adj\.?|adjusted|pooled))?"
    rf"\s*(?:=|≈|~)\s*(?P<value>{NUMBER})(?![\d%])")
EFFECT_SIGNS = "=≈~"  # each EFFECT match has one, after its kind
LONGEST_KIND = max(map(len, KINDS))
NEAR = 64  # characters between signs searched in one stretch
QUALIFIERS = ("(adj)", "(adj.)", "(adjusted)", "(pooled)", "adj", "adj.", "adjusted", "pooled")
VALUE_AFTER_SIGN = re.compile(r"\s*[-–]?\s?[\d.]*")
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


NUMBER_TAIL = r"\d{0,2}(?:,\s?\d{3})+(?!\d)|\d*(?:\.\d+)?"  # a count's number after its first digit
WORDS_BEFORE_UNIT = r"\s+(?:[a-z][\w-]*\s+){{0,{}}}?"  # between a number and its unit


def _count_pattern(symbol: str, units: str, words_between: int) -> re.Pattern[str]:
    """'k = 12' / 'N = 1,024' (symbol), or a number with a unit up to `words_between` words after it.

    Each match starts with its first character taken from a set (the symbol or a digit) and checks
    what comes before with a lookbehind after it, so the regex engine skips to candidate characters
    instead of trying the pattern at every position. The number is the match's first character
    followed by the group 'num' (`count_number`).
    """
    return re.compile(
        rf"[{symbol}\d](?:(?<=[{symbol}])(?<!\w[{symbol}])\s*=\s*(?P<eq>\d[\d,]*)"
        rf"|(?<=\d)(?<![\d.,]\d)(?P<num>{NUMBER_TAIL})"
        rf"{WORDS_BEFORE_UNIT.format(words_between)}(?P<unit>{units})\b)")


K_COUNT = _count_pattern("k", STUDY_UNITS, 4)
N_COUNT = _count_pattern("Nn", PEOPLE_UNITS, 3)
SEPARATORS = re.compile(r"[,\s]")  # "1, 024" is 1024
PERCENT = re.compile(r"\d(?<![\d.]\d)(?P<num>\d*(?:\.\d+)?)\s?%(?!\s*(?i:CI|confidence))")


def _by_first_letter(units: str) -> str:
    """The alternation `units` (words, each starting with a plain letter) grouped by first letter:
    's(?:tudies|amples)|t(?:rials)|...' matches the same words, and the regex engine rules out
    a group with one comparison instead of trying each of its words."""
    groups: dict[str, list[str]] = {}
    for unit in units.split("|"):
        groups.setdefault(unit[0], []).append(unit[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


# Each digit where a number-and-unit match of K_COUNT or N_COUNT can start matches this pattern: it
# allows either kind's units after up to 4 words. The first character set holds every digit of \d
# (the first one beyond ASCII is U+0660) and is quicker to test; the lookbehind then checks for \d.
# The possessive quantifiers change nothing: what follows each one cannot start with what it gives back.
NUMBER_BEFORE_UNIT = re.compile(
    rf"[0-9\u0660-\U0010FFFF](?<=\d)(?<![\d.,]\d)(?=(?:{NUMBER_TAIL})\s++(?:[a-z][\w-]*+\s++){{0,4}}?"
    rf"(?:{_by_first_letter(STUDY_UNITS + '|' + PEOPLE_UNITS)})\b)")


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
        if _ends_sentence(paragraph, match):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    """Whether a SENTENCE_END match ends a sentence: the word its full stop ends is no abbreviation.

    A sentence starts after whitespace, so the word is the same in the sentence as in the paragraph:
    each match ends a sentence or not by itself, wherever the sentence starts.
    """
    previous = _word_ending_at(paragraph, match.start() + 1).lower().rstrip(".").lstrip("(")
    return not (previous in ABBREVIATIONS or ONE_LETTER.fullmatch(previous))


def _word_ending_at(text: str, end: int) -> str:
    """The whitespace-delimited word that ends at `end` (text[end - 1] is no whitespace), found in
    a slice of the text before `end` that grows until it holds whitespace before the word."""
    size = 32
    while True:
        start = max(0, end - size)
        word = text[start:end].rsplit(None, 1)[-1]
        if start == 0 or len(word) < end - start:
            return word
        size *= 4


def _sentence_span(paragraph: str, offset: int) -> tuple[int, int]:
    """The span of `sentences(paragraph)` that holds `offset`, found from the full stops around it.

    A SENTENCE_END match is found wherever the search starts (none holds another's first
    character), and ends a sentence or not by itself (`_ends_sentence`).
    """
    start = _sentence_start(paragraph, offset)
    for match in SENTENCE_END.finditer(paragraph, start):
        if match.end() > offset and _ends_sentence(paragraph, match):
            return start, match.end()
    return start, len(paragraph)


def _sentence_start(paragraph: str, offset: int) -> int:
    """The end of the last sentence that ends at or before `offset` (0 if none does)."""
    before = offset
    while True:
        before = max(paragraph.rfind(".", 0, before), paragraph.rfind("!", 0, before),
                     paragraph.rfind("?", 0, before))
        if before < 0:
            return 0
        match = SENTENCE_END.match(paragraph, before)
        if match and match.end() <= offset and _ends_sentence(paragraph, match):
            return match.end()


def _sentence_at(paragraph: str, spans: list[tuple[int, int]], offset: int) -> str:
    for start, end in spans:
        if start <= offset < end:
            return paragraph[start:end].strip()
    return paragraph.strip()


def _number(text: str) -> float:
    """A NUMBER match as a float: any whitespace between its sign and its digits goes (the pattern
    allows one whitespace character there, a no-break space or a line break included)."""
    return float("".join(text.replace("–", "-").split()))


def _plain_minus(text: str) -> str:
    if text.isascii():  # every sign is beyond ASCII; the test takes no time
        return text
    for sign in MINUS_SIGNS:  # str.replace is far faster than str.translate with a table
        if sign in text:
            text = text.replace(sign, "-")
    return text


def extract_stats(paragraphs: Iterable[str]) -> tuple[Stat, ...]:
    """Every effect size stated in the paragraphs, in order, with its CI and sentence."""
    found: list[Stat] = []
    for raw in paragraphs:
        paragraph = _plain_minus(raw)
        matches = _effect_matches(paragraph)
        sentence = (0, 0)
        for i, match in enumerate(matches):
            if not sentence[0] <= match.start() < sentence[1]:
                sentence = _sentence_span(paragraph, match.start())
            limit = matches[i + 1].start() if i + 1 < len(matches) else len(paragraph)
            found.extend(_stats_at(paragraph, sentence, match, limit, raw))
    return tuple(found)


def _effect_matches(paragraph: str) -> list[re.Match[str]]:
    """What `EFFECT.finditer(paragraph)` finds, searched only in the stretches around its signs.

    Each match holds one sign ('=', '≈' or '~') and lies in [`_effect_reach_back`,
    `_effect_reach_ahead`) of it. A stretch from the first bound of a run of signs to the second
    bound of the last one (both bounds grow from sign to sign) holds every match of the run; and
    searched alone, it gives what the whole paragraph gives there, as a lookbehind sees the text
    before it and no match (nor any attempt that succeeds) reads its last character.
    """
    signs = [at for sign in EFFECT_SIGNS if sign in paragraph for at in _positions(paragraph, sign)]
    if not signs:
        return []
    signs.sort()
    return [match for start, end in _effect_stretches(paragraph, signs)
            for match in EFFECT.finditer(paragraph, start, end)]


def _effect_stretches(paragraph: str, signs: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of the stretches that hold the runs of `signs` (in order): a run ends where the
    next sign is NEAR or more characters on and its stretch would not overlap the next one's."""
    start = _effect_reach_back(paragraph, signs[0]) if signs else 0
    for here, after in zip(signs, signs[1:]):
        if after - here < NEAR:  # one search costs more than the characters between them
            continue
        end, after_start = _effect_reach_ahead(paragraph, here), _effect_reach_back(paragraph, after)
        if after_start >= end:
            yield start, end
            start = after_start
    if signs:
        yield start, _effect_reach_ahead(paragraph, signs[-1])


def _effect_reach_back(paragraph: str, sign: int) -> int:
    """An offset at or before the start of every EFFECT match whose sign is at `sign`: back over
    the whitespace, a qualifier ('adjusted', '(pooled)', ...), '(2)' and the longest kind."""
    at = _space_before(paragraph, sign)
    if paragraph.endswith(QUALIFIERS, 0, at):
        # Only one can end there: each ends differently from the others.
        qualifier = next(q for q in QUALIFIERS if paragraph.endswith(q, 0, at))
        at = _space_before(paragraph, at - len(qualifier))
    if paragraph.endswith(")", 0, at):
        digits = at - 1
        while digits and paragraph[digits - 1].isdecimal():
            digits -= 1
        if digits < at - 1 and paragraph.endswith("(", 0, digits):
            at = digits - 1
    return max(0, at - LONGEST_KIND)


def _effect_reach_ahead(paragraph: str, sign: int) -> int:
    """An offset past the character after every EFFECT match whose sign is at `sign` (its value
    is whitespace, a sign, a space and digits and points: VALUE_AFTER_SIGN takes all it can)."""
    return min(len(paragraph), VALUE_AFTER_SIGN.match(paragraph, sign + 1).end() + 1)


def _stats_at(paragraph: str, sentence: tuple[int, int], match: re.Match[str], limit: int,
              printed: str) -> list[Stat]:
    """The stat(s) of one match in the sentence span `sentence`; `paragraph` has plain minus signs,
    `printed` is the text as printed."""
    kind = KINDS[match.group("kind")]
    start, end = sentence
    sentence_text = printed[start:end].strip()
    window = paragraph[match.end(): min(limit, end)]
    values = [_number(match.group("value"))]
    ranged = RANGE_END.match(window)
    if ranged:
        values.append(_number(ranged.group("value")))
        window = window[ranged.end():]
    low, high = _interval(window)
    return [Stat(kind=kind, value=value, ci_low=low, ci_high=high, text=sentence_text) for value in values
            if abs(value) <= LIMITS.get(kind, 1e9) and not (kind == "OR" and value <= 0)]


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
    """The matches of K_COUNT, N_COUNT and PERCENT (each as its finditer finds them), in that order.

    Each pattern is tried only where it can match: at the digits NUMBER_BEFORE_UNIT finds, at a
    symbol before an '=' and at the number before a '%' (`_leftmost_matches`). Each match holds a digit.
    """
    if not _has_digits(paragraph):
        return
    numbers = [match.start() for match in NUMBER_BEFORE_UNIT.finditer(paragraph)]
    symbols = _symbols_before_equals(paragraph)
    for kind, pattern, symbol in (("k", K_COUNT, "k"), ("N", N_COUNT, "Nn")):
        starts = numbers + [at for at in symbols if paragraph[at] in symbol]
        for match in _leftmost_matches(pattern, paragraph, starts):
            yield kind, match
    for match in _leftmost_matches(PERCENT, paragraph, _numbers_before_percent(paragraph)):
        yield "percent", match


def _has_digits(text: str) -> bool:
    """False only if `text` has no \\d digit (ten str.find calls are far quicker than a regex scan);
    a text beyond ASCII may have other digits, so it is not looked at."""
    return not text.isascii() or any(digit in text for digit in "0123456789")


def _leftmost_matches(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, given every position where `pattern` can match (and maybe
    others, in any order): tried left to right, skipping those inside a match already found.

    The patterns' matches are never empty, and a lookbehind sees the text before `start`.
    """
    end = 0
    for start in sorted(starts) if starts else ():
        if start >= end:
            match = pattern.match(text, start)
            if match:
                end = match.end()
                yield match


def _positions(text: str, character: str) -> Iterator[int]:
    """Every offset of `character` in `text` (str.find is far quicker than a regex scan)."""
    at = text.find(character)
    while at >= 0:
        yield at
        at = text.find(character, at + 1)


def _space_before(text: str, end: int) -> int:
    """Where the run of whitespace (\\s, which is str.isspace) ending at `end` starts."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _symbols_before_equals(text: str) -> list[int]:
    """Offsets of the characters before an '=' with only whitespace between: the 'k' or 'N' of a
    K_COUNT or N_COUNT match of the form 'k = 12' (its `\\s*=` takes all the whitespace)."""
    if "=" not in text:
        return []
    return [before - 1 for before in (_space_before(text, at) for at in _positions(text, "=")) if before]


def _numbers_before_percent(text: str) -> list[int]:
    """Where a PERCENT match can start: the first of the digits and points before each '%' (or
    before the one whitespace character before it). The pattern's lookbehind rules out a digit or a
    point before its first digit, and its number is only digits and a point, so it starts there."""
    starts: list[int] = []
    for at in _positions(text, "%") if "%" in text else ():
        end = at - 1 if at and text[at - 1].isspace() else at
        start = end
        while start and (text[start - 1].isdecimal() or text[start - 1] == "."):  # \d is str.isdecimal
            start -= 1
        if start < end:
            starts.append(start)
    return starts


def count_number(match: re.Match[str]) -> str:
    """The number of a K_COUNT, N_COUNT or PERCENT match, as printed."""
    equals = match.groupdict().get("eq")
    return equals if equals else match.string[match.start(): match.end("num")]
