"""Tagging entries with the blog's own topic names, from rules an instructor can read and edit.

The rules live in a YAML file (the default is coursekit/data/topic_rules.yml; a course folder's
own topic_rules.yml replaces it). Each topic has keywords; an entry scores `title_weight` for
each keyword in its title and 1 for each occurrence in its text (at most `max_hits` per keyword),
and gets the topics scoring at least `min_score`, best first, at most `max_topics` of them.
"""
from __future__ import annotations

import functools
import pathlib
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence

from coursekit import yamlio
from coursekit.archive.topics import blog_topics
from coursekit.checks import Problems, is_list_of, is_whole
from coursekit.errors import InputError

RULES_FILE = "topic_rules.yml"
SETTINGS = {"min_score": 3, "max_topics": 4, "title_weight": 3, "max_hits": 3}


@dataclass(frozen=True)
class Keyword:
    """One keyword as matched: its words (lowercase unless `exact`), each a prefix if it ended in '*', and the
    pattern that finds it in `Words.spaced`."""

    words: tuple[tuple[str, bool], ...]
    exact: bool
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class TopicRule:
    """One topic and the keywords that point to it."""

    topic: str
    keywords: tuple[Keyword, ...]


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
    def by_head(self) -> dict[str, list[tuple[int, str, Keyword]]]:
        """The keywords numbered in file order, with their topics, by `_head` of their first word: `scores`
        counts only those whose head is a text's (counting every keyword for every entry took four times as long)."""
        by_head: dict[str, list[tuple[int, str, Keyword]]] = {}
        numbered = enumerate((rule.topic, key) for rule in self.rules for key in rule.keywords if key.words)
        for number, (topic, key) in numbered:
            by_head.setdefault(_head(*key.words[0]), []).append((number, topic, key))
        return by_head


def keyword(text: str) -> Keyword:
    """Whole words, any case (a keyword in capitals only, such as 'CBT', matches capitals only);
    'depress*' matches any ending; the words of a phrase may be separated by spaces, hyphens or
    apostrophes, as a text's words are."""
    exact = bool(re.fullmatch(r"[A-Z0-9]{2,}", text))
    words = tuple((w.rstrip("*") if exact else w.rstrip("*").lower(), w.endswith("*"))
                  for w in re.findall(r"[\w*]+", text))
    return Keyword(words, exact, _pattern(words) if words else None)


def _pattern(words: tuple[tuple[str, bool], ...]) -> re.Pattern[str]:
    """The first word, and the others looked ahead at (so that the occurrences of a phrase may overlap)."""
    first, *rest = (" " + re.escape(word) + ("[^ ]*" if prefix else "") for word, prefix in words)
    return re.compile(first + "(?=" + "".join(rest) + " )")


@dataclass(frozen=True)
class Words:
    """A text's words (runs of word characters, \\w) as written, and how often each occurs in lowercase."""

    tokens: tuple[str, ...]
    counts: Counter[str]
    spaced: str  # the words in lowercase, each between spaces: ' the alliance matters ' (no words: ' ')


WORD = re.compile(r"\w+")
HEAD = 3  # a prefix keyword is indexed by its first letters, as many as this


def words(text: str) -> Words:
    """Index a text's words for `count` (no word character is, or lowercases to, whitespace)."""
    tokens = tuple(WORD.findall(text))
    lowercase = " ".join(tokens).lower()
    return Words(tokens, Counter(lowercase.split()), f" {lowercase} " if tokens else " ")


def _head(word: str, prefix: bool) -> str:
    """What a text word must be, or start with, for a keyword starting with this word to occur ('' for any)."""
    return word.lower() if not prefix else word[:HEAD] if len(word) >= HEAD else ""


def count(key: Keyword, text: Words) -> int:
    """How many times the keyword occurs in the text."""
    if key.exact:
        return text.tokens.count(key.words[0][0])
    if not key.pattern or not all(text.counts[word] for word, prefix in key.words if not prefix):
        return 0
    if len(key.words) == 1 and not key.words[0][1]:
        return text.counts[key.words[0][0]]
    return len(key.pattern.findall(text.spaced))


def parse_rules(text: str, name: str = RULES_FILE) -> TopicRules:
    """Rules from YAML text; InputError listing every problem (unknown topic, bad keyword, setting)."""
    raw = yamlio.load(text, name)
    if not isinstance(raw, dict) or not isinstance(raw.get("topics"), dict):
        raise InputError(f"{name}: expected a 'topics:' table mapping each topic to a list of keywords")
    check = Problems(name)
    check.unknown(raw, ("topics", "fallback", *SETTINGS), listed=f" (expected topics, fallback, {', '.join(SETTINGS)})")
    settings = {key: raw.get(key, default) for key, default in SETTINGS.items()}
    for key, value in settings.items():
        check.expect(is_whole(value, 1), key, f"a whole number of at least 1, got {value!r}")
    rules = tuple(_rule(topic, keywords, check) for topic, keywords in raw["topics"].items())
    fallback = raw.get("fallback")
    if fallback is not None and fallback not in blog_topics():
        check.fail("fallback", f"'{fallback}' is not one of the blog's topics")
    check.report()
    return TopicRules(rules=rules, fallback=fallback, source=name, **settings)


def _rule(topic: Any, keywords: Any, check: Problems) -> TopicRule:
    if topic not in blog_topics():
        check.fail("topics", f"'{topic}' is not one of the blog's topics (see data/topics.txt)")
    keywords = [] if keywords is None else keywords
    if not check.expect(is_list_of(keywords, str) and all(k.strip() for k in keywords), f"topics: {topic}",
                        "a list of keywords (text)"):
        keywords = []
    return TopicRule(str(topic), tuple(keyword(k.strip()) for k in keywords))


def default_rules() -> TopicRules:
    """coursekit's own rules, coursekit/data/topic_rules.yml."""
    text = resources.files("coursekit").joinpath(f"data/{RULES_FILE}").read_text(encoding="utf-8")
    return parse_rules(text, f"coursekit/data/{RULES_FILE}")


def load_rules(course_root: pathlib.Path | None = None) -> TopicRules:
    """The course folder's own topic_rules.yml if there is one, else coursekit's default rules."""
    if course_root is None or not (own := course_root / RULES_FILE).is_file():
        return default_rules()
    try:
        text = own.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{own}: cannot read ({exc})") from None
    return parse_rules(text, str(own))


def scores(rules: TopicRules, title: str, paragraphs: Sequence[str]) -> dict[str, int]:
    """Each topic's score for one entry (topics that score nothing are left out, the others in file order)."""
    title_words, body_words = words(title), words("\n".join(paragraphs))
    seen = title_words.counts.keys() | body_words.counts.keys()
    heads = (seen | {word[:HEAD] for word in seen} | {""}) & rules.by_head.keys()
    result: dict[str, int] = {}
    for _, topic, key in sorted(item for head in heads for item in rules.by_head[head]):
        score = rules.title_weight * count(key, title_words) + min(rules.max_hits, count(key, body_words))
        if score:
            result[topic] = result.get(topic, 0) + score
    return result


def tag(rules: TopicRules, title: str, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The topics an entry gets: best score first, ties in the order of the rules file (as `scores` has them)."""
    found = [(topic, score) for topic, score in scores(rules, title, paragraphs).items() if score >= rules.min_score]
    ranked = sorted(found, key=lambda item: -item[1])[: rules.max_topics]
    return tuple(topic for topic, _ in ranked) or ((rules.fallback,) if rules.fallback else ())
