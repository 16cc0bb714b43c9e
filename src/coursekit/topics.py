"""Tagging entries with the blog's own topic names, from rules an instructor can read and edit.

The rules live in a YAML file (the default is coursekit/data/topic_rules.yml; a course folder's
own topic_rules.yml replaces it). Each topic has keywords; an entry scores `title_weight` for
each keyword in its title and 1 for each occurrence in its text (at most `max_hits` per keyword),
and gets the topics scoring at least `min_score`, best first, at most `max_topics` of them.
"""
from __future__ import annotations

import bisect
import functools
import pathlib
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence

from . import yamlio
from .config import blog_topics
from .errors import InputError

RULES_FILE = "topic_rules.yml"
SETTINGS = {"min_score": 3, "max_topics": 4, "title_weight": 3, "max_hits": 3}


@dataclass(frozen=True)
class Keyword:
    """One keyword as matched: its words (lowercase unless `exact`), each a prefix if it ended in '*'."""

    text: str
    words: tuple[tuple[str, bool], ...]
    exact: bool


@dataclass(frozen=True)
class TopicRule:
    """One topic and the keywords that point to it."""

    topic: str
    keywords: tuple[Keyword, ...]


@dataclass(frozen=True)
class KeywordLookup:
    """The keywords of all rules, numbered in file order, and which ones a text's words can start."""

    keywords: tuple[tuple[str, Keyword], ...]  # (topic, keyword)
    by_word: dict[str, tuple[int, ...]]  # first word in lowercase -> keywords in any case
    by_exact_word: dict[str, tuple[int, ...]]  # first word as written -> keywords in capitals
    prefixed: frozenset[int]  # keywords whose first word is a prefix ('depress*'): always counted


def keyword_lookup(rules: tuple[TopicRule, ...]) -> KeywordLookup:
    keywords = tuple((rule.topic, key) for rule in rules for key in rule.keywords if key.words)
    by_word: dict[str, list[int]] = {}
    by_exact_word: dict[str, list[int]] = {}
    prefixed = set()
    for number, (_, key) in enumerate(keywords):
        first, prefix = key.words[0]
        if prefix:
            prefixed.add(number)
        else:
            (by_exact_word if key.exact else by_word).setdefault(first, []).append(number)
    return KeywordLookup(keywords, {w: tuple(n) for w, n in by_word.items()},
                         {w: tuple(n) for w, n in by_exact_word.items()}, frozenset(prefixed))


@dataclass(frozen=True)
class TopicRules:
    """All rules of one file and its scoring settings; `source` names the file."""

    rules: tuple[TopicRule, ...]
    min_score: int = SETTINGS["min_score"]
    max_topics: int = SETTINGS["max_topics"]
    title_weight: int = SETTINGS["title_weight"]
    max_hits: int = SETTINGS["max_hits"]
    fallback: str | None = None
    source: str = RULES_FILE

    @functools.cached_property
    def lookup(self) -> KeywordLookup:
        return keyword_lookup(self.rules)


def keyword(text: str) -> Keyword:
    """Whole words, any case (a keyword in capitals only, such as 'CBT', matches capitals only);
    'depress*' matches any ending; the words of a phrase may be separated by spaces, hyphens or
    apostrophes, as a text's words are."""
    exact = bool(re.fullmatch(r"[A-Z0-9]{2,}", text))
    words = tuple((w.rstrip("*") if exact else w.rstrip("*").lower(), w.endswith("*"))
                  for w in re.findall(r"[\w*]+", text))
    return Keyword(text, words, exact)


@dataclass(frozen=True)
class Words:
    """A text's words and where each occurs, as written and in lowercase: made once, matched often."""

    exact: dict[str, list[int]]
    lower: dict[str, list[int]]
    tokens: tuple[str, ...]

    @functools.cached_property
    def exact_sorted(self) -> tuple[str, ...]:
        """The distinct words, sorted, to find prefixes by bisection (made when a prefix is looked up)."""
        return tuple(sorted(self.exact))

    @functools.cached_property
    def lower_sorted(self) -> tuple[str, ...]:
        return tuple(sorted(self.lower))


WORD = re.compile(r"\w+")


def words(text: str) -> Words:
    """Index a text's words (runs of letters and digits) for `count`."""
    tokens = tuple(WORD.findall(text))
    exact: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        places = exact.get(token)
        if places is None:
            exact[token] = [i]
        else:
            places.append(i)
    lower: dict[str, list[int]] = {}
    for token, places in exact.items():  # each distinct word lowercased once
        folded = token.lower()
        lower[folded] = sorted(lower[folded] + places) if folded in lower else places
    return Words(exact, lower, tokens)


def count(key: Keyword, text: Words) -> int:
    """How many times the keyword occurs in the text."""
    if not key.words:
        return 0
    index = text.exact if key.exact else text.lower
    first, prefix = key.words[0]
    starts = _prefixed(index, text.exact_sorted if key.exact else text.lower_sorted, first) if prefix \
        else index.get(first, [])
    return sum(1 for start in starts if _rest_matches(key, text, start))


def _prefixed(index: dict[str, list[int]], vocabulary: tuple[str, ...], first: str) -> list[int]:
    """Where the words that start with `first` occur (the sorted vocabulary finds them by bisection)."""
    places: list[int] = []
    at = bisect.bisect_left(vocabulary, first)
    while at < len(vocabulary) and vocabulary[at].startswith(first):
        places += index[vocabulary[at]]
        at += 1
    return places


def _rest_matches(key: Keyword, text: Words, start: int) -> bool:
    for offset, (word, prefix) in enumerate(key.words[1:], 1):
        if start + offset >= len(text.tokens):
            return False
        token = text.tokens[start + offset] if key.exact else text.tokens[start + offset].lower()
        if not (token == word or (prefix and token.startswith(word))):
            return False
    return True


def matches(keyword_text: str, text: str) -> bool:
    """Does the keyword (as an instructor writes it) occur in the text?"""
    return count(keyword(keyword_text), words(text)) > 0


def parse_rules(text: str, name: str = RULES_FILE, known: Sequence[str] | None = None) -> TopicRules:
    """Rules from YAML text; InputError listing every problem (unknown topic, bad keyword, setting)."""
    raw = yamlio.load(text, name)
    known = tuple(known if known is not None else blog_topics())
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("topics"), dict):
        raise InputError(f"{name}: expected a 'topics:' table mapping each topic to a list of keywords")
    settings = _settings(raw, name, problems)
    rules = tuple(_rule(topic, keywords, name, known, problems) for topic, keywords in raw["topics"].items())
    fallback = raw.get("fallback")
    if fallback is not None and fallback not in known:
        problems.append(f"{name}: fallback: '{fallback}' is not one of the blog's topics")
    if problems:
        raise InputError("\n".join(problems))
    return TopicRules(rules=rules, fallback=fallback, source=name, **settings)


def _settings(raw: dict[str, Any], name: str, problems: list[str]) -> dict[str, int]:
    for key in sorted(set(raw) - set(SETTINGS) - {"topics", "fallback"}):
        problems.append(f"{name}: {key}: unknown key (expected topics, fallback, {', '.join(SETTINGS)})")
    settings = {}
    for key, default in SETTINGS.items():
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.append(f"{name}: {key}: expected a whole number of at least 1, got {value!r}")
            value = default
        settings[key] = value
    return settings


def _rule(topic: Any, keywords: Any, name: str, known: Sequence[str], problems: list[str]) -> TopicRule:
    if topic not in known:
        problems.append(f"{name}: topics: '{topic}' is not one of the blog's topics (see data/topics.txt)")
    if keywords is None:
        keywords = []
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        problems.append(f"{name}: topics: {topic}: expected a list of keywords (text)")
        keywords = []
    return TopicRule(str(topic), tuple(keyword(k.strip()) for k in keywords))


def default_rules() -> TopicRules:
    """coursekit's own rules, coursekit/data/topic_rules.yml."""
    text = resources.files("coursekit").joinpath(f"data/{RULES_FILE}").read_text(encoding="utf-8")
    return parse_rules(text, f"coursekit/data/{RULES_FILE}")


def load_rules(course_root: pathlib.Path | None = None) -> TopicRules:
    """The course folder's own topic_rules.yml if there is one, else coursekit's default rules."""
    own = course_root / RULES_FILE if course_root is not None else None
    if own is None or not own.is_file():
        return default_rules()
    try:
        text = own.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{own}: cannot read ({exc})") from None
    return parse_rules(text, str(own))


def scores(rules: TopicRules, title: str, paragraphs: Sequence[str]) -> dict[str, int]:
    """Each topic's score for one entry (topics that score nothing are left out, the others in file
    order). Only keywords whose first word the entry has are counted: the others would count 0."""
    title_words, body_words = words(title), words("\n".join(paragraphs))
    lookup = rules.lookup
    result: dict[str, int] = {}
    for number in sorted(_candidates(lookup, title_words) | _candidates(lookup, body_words)):
        topic, key = lookup.keywords[number]
        score = rules.title_weight * count(key, title_words) + min(rules.max_hits, count(key, body_words))
        if score:
            result[topic] = result.get(topic, 0) + score
    return result


def _candidates(lookup: KeywordLookup, text: Words) -> set[int]:
    found = set(lookup.prefixed)
    for word in text.lower.keys() & lookup.by_word.keys():
        found.update(lookup.by_word[word])
    for word in text.exact.keys() & lookup.by_exact_word.keys():
        found.update(lookup.by_exact_word[word])
    return found


def tag(rules: TopicRules, title: str, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The topics an entry gets: best score first, ties in the order of the rules file."""
    order = {rule.topic: i for i, rule in enumerate(rules.rules)}
    ranked = sorted(((score, topic) for topic, score in scores(rules, title, paragraphs).items()
                     if score >= rules.min_score), key=lambda item: (-item[0], order[item[1]]))
    topics = tuple(topic for _, topic in ranked[: rules.max_topics])
    if not topics and rules.fallback:
        return (rules.fallback,)
    return topics
