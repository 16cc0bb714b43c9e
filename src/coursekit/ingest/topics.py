"""Tagging entries with the blog's own topic names, from rules an instructor can read and edit.

The rules live in a YAML file (the default is coursekit/data/topic_rules.yml; a course folder's
own topic_rules.yml replaces it). Each topic has keywords; an entry scores `title_weight` for
each keyword in its title and 1 for each occurrence in its text (at most `max_hits` per keyword),
and gets the topics scoring at least `min_score`, best first, at most `max_topics` of them.
"""
from __future__ import annotations

import functools
import itertools
import pathlib
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence

from coursekit import yamlio
from coursekit.archive.topics import blog_topics
from coursekit.errors import InputError

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
    by_word: dict[str, list[int]]  # first word in lowercase -> keywords in any case
    by_exact_word: dict[str, list[int]]  # the word as written -> keywords in capitals (one word each: 'CBT')
    by_prefix: dict[str, list[int]]  # prefix -> those of them in any case
    prefixed_word: re.Pattern[str] | None  # finds in ' word word' the words that start with a prefix of by_prefix,
    # each with the longest such prefix
    prefixes_within: dict[str, tuple[str, ...]]  # each prefix of by_prefix -> those it starts with, itself included
    needs: dict[int, tuple[frozenset[str], tuple[str, ...]]]  # each phrase -> its words after the first that are
    # not prefixes, and those that are, each after a space: 'drop out' -> (frozenset({'out'}), ()),
    # 'no-show*' -> (frozenset(), (' show',))


def keyword_lookup(rules: tuple[TopicRule, ...]) -> KeywordLookup:
    """The rules' keywords numbered in file order (those with words), indexed by their first word."""
    keywords = tuple((rule.topic, key) for rule in rules for key in rule.keywords if key.words)
    by_word: dict[str, list[int]] = {}
    by_exact_word: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for number, (_, key) in enumerate(keywords):
        first, prefix = key.words[0]
        (by_prefix if prefix else by_exact_word if key.exact else by_word).setdefault(first, []).append(number)
    longest_first = sorted(by_prefix, key=lambda p: (-len(p), p))  # so the one a word matches is its longest
    prefixed_word = re.compile(" ((" + "|".join(map(re.escape, longest_first)) + ")[^ ]*)") if longest_first else None
    return KeywordLookup(
        keywords, by_word, by_exact_word, by_prefix,
        prefixed_word=prefixed_word,
        prefixes_within={prefix: tuple(other for other in longest_first if prefix.startswith(other))
                         for prefix in longest_first},
        needs={number: (frozenset(word for word, prefix in key.words[1:] if not prefix),
                        tuple(" " + word for word, prefix in key.words[1:] if prefix))
               for number, (_, key) in enumerate(keywords) if len(key.words) > 1})


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
        """The keywords of all rules, indexed for `scores`."""
        return keyword_lookup(self.rules)

    @functools.cached_property
    def topic_order(self) -> dict[str, int]:
        """Each topic -> its place in the rules file (the last, if it has two), to break ties."""
        return {rule.topic: i for i, rule in enumerate(self.rules)}


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
    """A text's words in lowercase, and as written; what `scores` looks up in them is made when first needed, and
    kept (even the words as written: only keywords in capitals need them)."""

    spaced: str  # the text with every character that is not a word character (\w) made a space
    lowercase: tuple[str, ...]  # the words in lowercase: lowercase[i] == tokens[i].lower()

    @functools.cached_property
    def tokens(self) -> tuple[str, ...]:
        """The words as written."""
        return tuple(self.spaced.split())

    @functools.cached_property
    def lower_set(self) -> set[str]:
        """The distinct words in lowercase."""
        return set(self.lowercase)

    @functools.cached_property
    def lower_spaced(self) -> str:
        """The distinct words in lowercase, each after a space (' the alliance matters'), to search for words by
        their beginning: no word holds a space."""
        return " " + " ".join(self.lower_set)


WORD = re.compile(r"\w+")
# Each ASCII byte that is not a word character (\w) made a space; other bytes (those of letters, digits and '_',
# and every byte of a non-ASCII character's UTF-8) kept.
_ASCII_SEPARATORS = bytes(b if b >= 0x80 or WORD.fullmatch(chr(b)) else ord(" ") for b in range(256))
_ASCII_BYTES = bytes(range(0x80))
_OTHER_SEPARATOR = re.compile(r"[^\x00-\x7f\w]")  # a non-ASCII character that is not a word character


def words(text: str) -> Words:
    """Index a text's words (runs of letters and digits) for `count` and `scores`."""
    spaced = _spaced(text)
    # No word character is whitespace, and none lowercases to whitespace: spaced.split() holds exactly the words
    # WORD.findall(text) finds, and spaced.lower().split() each of them in lowercase (even a Greek final sigma,
    # whose lowercase depends on its neighbours, as each word's own lower() would give).
    return Words(spaced, tuple(spaced.lower().split()))


def _spaced(text: str) -> str:
    """The text with every character that is not a word character made a space: the ASCII ones by a byte table,
    the others (curly quotes, dashes) one distinct character at a time, as a regular expression is slow."""
    data = text.encode("utf-8", "surrogatepass")
    spaced = data.translate(_ASCII_SEPARATORS).decode("utf-8", "surrogatepass")
    if not spaced.isascii():
        others = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))  # the non-ASCII characters
        for separator in _OTHER_SEPARATOR.findall("".join(others)):
            spaced = spaced.replace(separator, " ")
    return spaced


def count(key: Keyword, text: Words) -> int:
    """How many times the keyword occurs in the text."""
    return _keyword_counts(keyword_lookup((TopicRule("", (key,)),)), text).get(0, 0)


def _occurrences_at(key: Keyword, tokens: tuple[str, ...], starts: Sequence[int]) -> int:
    """How many of `starts`, the places where the keyword's first word occurs in the tokens (as written for a
    keyword in capitals, else in lowercase), begin the whole keyword."""
    if len(key.words) == 1:
        return len(starts)
    return sum(1 for start in starts if _rest_matches(key, tokens, start))


def _rest_matches(key: Keyword, tokens: tuple[str, ...], start: int) -> bool:
    """Do the keyword's words after its first follow the token at `start` (tokens as written if the keyword is
    in capitals, else in lowercase)?"""
    for offset, (word, prefix) in enumerate(key.words[1:], 1):
        if start + offset >= len(tokens):
            return False
        token = tokens[start + offset]
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
    order). Only keywords that occur in the entry are counted: the others would add 0."""
    lookup = rules.lookup
    title_words, body_words = words(title), words("\n".join(paragraphs))
    in_title, in_body = _keyword_counts(lookup, title_words), _keyword_counts(lookup, body_words)
    title_weight, max_hits = rules.title_weight, rules.max_hits
    result: dict[str, int] = {}
    for number in sorted(in_title.keys() | in_body.keys()):
        score = title_weight * in_title.get(number, 0) + min(max_hits, in_body.get(number, 0))
        if score:
            topic = lookup.keywords[number][0]
            result[topic] = result.get(topic, 0) + score
    return result


def _keyword_counts(lookup: KeywordLookup, text: Words) -> dict[int, int]:
    """Keyword number -> how many times it occurs in the text (as `count` counts), for the keywords that occur."""
    groups = _possible_keywords(lookup, text)
    places = _places_among(text.lowercase, {word for _, first_words in groups for word in first_words})
    found: dict[int, int] = {}
    for numbers, first_words in groups:
        starts = [place for word in first_words for place in places[word]]
        for number in numbers:
            times = _occurrences_at(lookup.keywords[number][1], text.lowercase, starts)
            if times:
                found[number] = times
    for word, numbers in lookup.by_exact_word.items():
        if word.lower() in text.lower_set and word in text.tokens:  # any 'CBT' is among the 'cbt's
            found.update(dict.fromkeys(numbers, text.tokens.count(word)))
    return found


def _possible_keywords(lookup: KeywordLookup, text: Words) -> list[tuple[list[int], list[str]]]:
    """The keywords in any case that may occur in the text, grouped by their first word, each group with the
    text's words in lowercase that its first word matches. A phrase may occur if the text has every word it needs
    after its first, and for each prefix there a word starting with it."""
    groups = [(lookup.by_word[word], [word]) for word in text.lower_set & lookup.by_word.keys()]
    possible = []
    for numbers, first_words in groups + _prefix_matches(lookup, text):
        numbers = [number for number in numbers if number not in lookup.needs or _has(text, *lookup.needs[number])]
        if numbers:
            possible.append((numbers, first_words))
    return possible


def _has(text: Words, lowercase: frozenset[str], starts: tuple[str, ...]) -> bool:
    """Has the text these words in lowercase, and for each of `starts` (' effect') a word beginning with it?"""
    return text.lower_set >= lowercase and (not starts or all(start in text.lower_spaced for start in starts))


def _prefix_matches(lookup: KeywordLookup, text: Words) -> list[tuple[list[int], list[str]]]:
    """For each prefix that words of the text start with: (the keywords in any case starting with that prefix,
    those words in lowercase)."""
    first_words: dict[str, list[str]] = {}  # prefix -> the words starting with it
    for word, longest in lookup.prefixed_word.findall(text.lower_spaced) if lookup.prefixed_word else ():
        for prefix in lookup.prefixes_within[longest]:  # any other prefix of the word is one of the longest's
            first_words.setdefault(prefix, []).append(word)
    return [(lookup.by_prefix[prefix], matched) for prefix, matched in first_words.items()]


def _places_among(tokens: tuple[str, ...], wanted: set[str]) -> dict[str, list[int]]:
    """Where each of the wanted tokens occurs."""
    places: dict[str, list[int]] = {token: [] for token in wanted}
    for place in itertools.compress(range(len(tokens)), map(wanted.__contains__, tokens)):  # without a Python loop
        places[tokens[place]].append(place)
    return places


def tag(rules: TopicRules, title: str, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The topics an entry gets: best score first, ties in the order of the rules file."""
    order = rules.topic_order
    ranked = sorted(((score, topic) for topic, score in scores(rules, title, paragraphs).items()
                     if score >= rules.min_score), key=lambda item: (-item[0], order[item[1]]))
    topics = tuple(topic for _, topic in ranked[: rules.max_topics])
    if not topics and rules.fallback:
        return (rules.fallback,)
    return topics
