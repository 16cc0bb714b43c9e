"""The item checker: one-line warnings about an entry's quiz items, written or generated. Pure.

`check_items(entry)` checks the entry's written items (`quiz[<n>]`, from 0 as in the file) and the
generated ones review has not decided (by id) for: a stem giving the key away, a long key, options that
repeat or overlap, two items on one effect size, a number printed unlike the source, an answer not among
the options, feedback naming an option by its place (the site shuffles options), a stem leaning on another.
"""
from __future__ import annotations

import re
from itertools import combinations
from typing import Iterable

from coursekit.content import itemgen
from coursekit.model import Entry, QuizItem, Stat

KEY_LENGTH = 1.5
STOP = frozenset("""a an and are as at be been by did do does for from had has have in into is it its of on
or that the their them these they this those to was were what when where which while who with would about
after than then there more most less least only other others reading study studies found find reported
report between not she her his him hers its you your can may might could should will therapy therapist
therapists treatment psychotherapy patient patients client clients""".split())
SIZE_WORDS = frozenset(itemgen.SCALE_PLACE) | {"significant", "non-significant"}
WORD = re.compile(r"[a-z][a-z’'-]+")
NON_WORD = re.compile(r"\W+")
_PLACE = r"(?:first|second|third|fourth|fifth|last|final|middle)"
POSITIONAL = re.compile(
    rf"\b{_PLACE}(?:(?:,|,? and|,? or) {_PLACE})*(?: (?:two|three))? (?:option|answer|choice|alternative)s?\b"
    r"|\b(?:option|answer|choice|alternative)s? (?:[1-6]|(?-i:[A-F]))\b(?!\.\d)|\([a-fA-F]\)",
    re.IGNORECASE)
LEANING = re.compile(r"\bthe same (?:adjustment|analysis|meta-analysis|study|review|chapter|sample|trial|model)\b"
                     r"|\b(?:in|from) the other direction\b|\bas (?:above|before)\b|\bsee above\b"
                     r"|\b(?:previous|last|preceding) (?:question|item)\b", re.IGNORECASE)
UNANCHORED = re.compile(r"\b(?:this|that) (?:finding|result|effect|predictor)\b"
                        r"|\b(?:these|those) (?:findings|results|effects|predictors|factors)\b", re.IGNORECASE)
FIRST_SENTENCE = re.compile(r"^.*?(?:[.?!](?=\s)|$)", re.DOTALL)


def check_items(entry: Entry) -> list[str]:
    """Every warning about the entry's items, each naming the entry file and the item."""
    where = entry.source_path or f"{entry.id}.md"
    named = [(f"quiz[{i}]", item, itemgen.tested_stats(item, entry.stats)) for i, item in enumerate(entry.quiz)]
    named += [(g.id, g.item, {g.stat}) for g in undecided(entry, itemgen.entry_items(entry))]
    warnings = [f"{where}: {name}: {problem}" for name, item, _ in named
                for problem in item_problems(item, entry.stats)]
    return warnings + [f"{where}: {a} and {b} test the same effect size (stats[{min(tests_a & tests_b)}])"
                       for (a, _, tests_a), (b, _, tests_b) in combinations(named, 2) if tests_a & tests_b]


def undecided(entry: Entry, items: Iterable[itemgen.GeneratedItem]) -> tuple[itemgen.GeneratedItem, ...]:
    """`items` (generated for `entry`) less the ones the entry has accepted or rejected in review."""
    done = {item.generated for item in entry.quiz if item.generated} | set(entry.rejected)
    return tuple(g for g in items if g.id not in done)


def item_problems(item: QuizItem, stats: tuple[Stat, ...] = ()) -> list[str]:
    """What is wrong with one item, each a short phrase."""
    problems = [f"the answer '{a}' is not among the options" for a in item.answers if a not in item.options]
    problems += _giveaways(item) + _overlaps(item.options) + _long_key(item) + _misprinted(item, stats)
    places = ", ".join(f"'{m.group(0)}'" for m in POSITIONAL.finditer(item.feedback))
    problems += [f"the feedback names an option by its place ({places}); name it by its content"] if places else []
    leaning = LEANING.search(item.stem) or UNANCHORED.search(FIRST_SENTENCE.match(item.stem).group(0))
    problems += [f"the stem leans on another item ('{leaning.group(0)}'); say what it refers to"] if leaning else []
    return problems


def _words(text: str) -> set[str]:
    """The content words of a text, a plural 's' dropped ('sessions' is 'session')."""
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in WORD.findall(text.lower())
            if w not in STOP and len(w) > 2}


def _giveaways(item: QuizItem) -> list[str]:
    stem = _words(item.stem)
    others = set().union(*(_words(o) for o in item.options if o not in item.answers))
    shared = [sorted((stem & _words(key)) - others) for key in item.answers]
    problems = [f"the stem shares '{words[0]}' with the key only" for words in shared if words]
    sizes = sorted(stem & set().union(*(_words(o) for o in item.options)) & SIZE_WORDS)
    return problems + ([f"the size word '{sizes[0]}' is in the stem"] if sizes else [])


def _overlaps(options: tuple[str, ...]) -> list[str]:
    lowered = [" ".join(o.lower().split()) for o in options]
    padded = [f" {NON_WORD.sub(' ', o).strip()} " for o in lowered]  # whole words inside one another
    return [f"the option '{options[i]}' repeats" if lowered[i] == lowered[j]
            else f"the options '{lowered[i]}' and '{lowered[j]}' overlap"
            for i, j in combinations(range(len(options)), 2)
            if lowered[i] == lowered[j] or padded[i] in padded[j] or padded[j] in padded[i]]


def _long_key(item: QuizItem) -> list[str]:
    others = [len(o) for o in item.options if o not in item.answers]
    if not others or len(item.answers) != 1 or {o.lower() for o in item.options} <= set(itemgen.SCALE_PLACE):
        return []  # a scale of size words ('Negligible', 'Small', ...) is shown in its order: length is no cue
    ratio = len(item.answers[0]) / (sum(others) / len(others))
    return [f"the key is {ratio:.1f}x the mean length of the other options"] if ratio > KEY_LENGTH else []


def _misprinted(item: QuizItem, stats: tuple[Stat, ...]) -> list[str]:
    printed = set().union(*(itemgen.numbers_in(s.text) for s in stats))
    values = {abs(v) for s in stats for v in (s.value, s.ci_low, s.ci_high) if v is not None}
    tokens = itemgen.numbers_in(" ".join((item.stem, *item.options, item.feedback)))
    return [f"'{token}' is printed differently in the source" for token in sorted(tokens)
            if "." in token and abs(float(token)) in values and token not in printed]

