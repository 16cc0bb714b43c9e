"""Topic tagging from the editable rules file, and a course folder's own rules replacing it."""
from __future__ import annotations

import random
import re

import pytest
from conftest import archive_by_id, needs_seeds, seed_entries

from coursekit.archive.ids import entry_id
from coursekit.errors import InputError
from coursekit.ingest.topics import (
    TopicRules,
    count,
    default_rules,
    keyword,
    load_rules,
    parse_rules,
    scores,
    tag,
    words,
)
from coursekit.planning.config import blog_topics

ARCHIVE = archive_by_id()


def test_default_rules_cover_every_blog_topic_and_nothing_else():
    rules = default_rules()
    assert [r.topic for r in rules.rules] == list(blog_topics())
    assert rules.fallback == "Miscellaneous"
    assert all(r.keywords for r in rules.rules if r.topic != "Miscellaneous")


@pytest.mark.parametrize("key, text, found", [
    ("alliance", "The Alliance matters", True),
    ("alliance", "alliances matter", False),
    ("depress*", "depressive symptoms", True),
    ("drop out", "patients who drop-out early", True),
    ("drop out", "dropout", False),
    ("CBT", "CBT works", True),
    ("CBT", "cbt works", False),
    ("empathy", "non-empathy", True),
    ("IPT", "SCRIPT", False),
    ("therapist's", "the therapist’s view", True),
    ("cost-effective*", "cost effectiveness", True),
    ("routine outcome monitoring", "routine outcome", False),
])
def test_keywords(key, text, found):
    assert (count(keyword(key), words(text)) > 0) is found


def test_keywords_count_every_occurrence():
    assert count(keyword("drop out"), words("Drop out, dropped out, drop-out and drop outs.")) == 2
    assert count(keyword("suicid*"), words("suicide, suicidal; Suicidality")) == 3


def test_scoring_weights_title_and_caps_repeats():
    rules = parse_rules("min_score: 2\ntitle_weight: 5\nmax_hits: 2\ntopics:\n  Empathy: [empathy]\n"
                        "  Training: [trainee*]\n")
    assert scores(rules, "Empathy in Practice", ["empathy empathy empathy", "trainees"]) == {"Empathy": 7,
                                                                                             "Training": 1}
    assert tag(rules, "Empathy in Practice", ["trainees"]) == ("Empathy",)


def documented_scores(rules, title: str, paragraphs) -> dict[str, int]:
    """The module docstring's rule, keyword by keyword: `title_weight` per occurrence in the title,
    1 per occurrence in the text up to `max_hits`; topics that score nothing left out."""
    title_words, body_words = words(title), words("\n".join(paragraphs))
    result = {rule.topic: sum(rules.title_weight * count(key, title_words) + min(rules.max_hits, count(key, body_words))
                              for key in rule.keywords) for rule in rules.rules}
    return {topic: score for topic, score in result.items() if score}


def test_scores_follow_the_documented_rule_on_the_archive():
    rules = default_rules()
    texts = [(e.title, e.summary + e.implications) for e in ARCHIVE.values()]
    texts += [("CBT and cbt", ["Depressive, depressed; DEPRESSION. Client-centred feedback, the alliance."]), ("", [])]
    for title, paragraphs in texts:
        assert scores(rules, title, paragraphs) == documented_scores(rules, title, paragraphs)
    assert all(scores(rules, title, paragraphs) for title, paragraphs in texts[:-1])


def test_ties_keep_the_rules_file_order_and_max_topics_applies():
    rules = parse_rules("min_score: 1\nmax_topics: 1\ntopics:\n  Training: [training]\n  Empathy: [empathy]\n")
    assert tag(rules, "", ["empathy and training"]) == ("Training",)


def test_fallback_when_nothing_scores_enough():
    rules = parse_rules("fallback: Miscellaneous\ntopics:\n  Empathy: [empathy]\n")
    assert tag(rules, "Nothing", ["empathy once"]) == ("Miscellaneous",)
    assert tag(parse_rules("topics:\n  Empathy: [empathy]\n"), "", ["x"]) == ()


def test_every_problem_of_a_rules_file_is_reported_at_once():
    text = ("min_score: zero\ncolour: blue\nfallback: Nope\ntopics:\n  Empathy: [empathy]\n"
            "  Not A Topic: [x]\n  Training: training\n  Depression and Depressive Symptoms: [1]\n")
    with pytest.raises(InputError) as raised:
        parse_rules(text, "my_rules.yml")
    lines = str(raised.value).splitlines()
    assert len(lines) == 6 and all(line.startswith("my_rules.yml: ") for line in lines)
    for part in ("colour: unknown key", "min_score", "'Not A Topic' is not one of the blog's topics",
                 "Training: expected a list", "Depression and Depressive Symptoms: expected a list", "fallback"):
        assert any(part in line for line in lines), part


@pytest.mark.parametrize("text", ["topics: [a, b]\n", "- just a list\n", "topics:\n  Empathy: [empathy\n"])
def test_malformed_rules_files_give_one_line_errors(text):
    with pytest.raises(InputError) as raised:
        parse_rules(text, "r.yml")
    assert str(raised.value).startswith("r.yml") and "\n" not in str(raised.value)


def test_a_course_folders_own_rules_replace_the_default(tmp_path):
    assert load_rules(tmp_path).source.endswith("data/topic_rules.yml")
    (tmp_path / "topic_rules.yml").write_text("topics:\n  Training: [lecture*]\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.source == str(tmp_path / "topic_rules.yml")
    assert tag(rules, "Lectures", ["lectures and lectures"]) == ("Training",)
    (tmp_path / "topic_rules.yml").write_text("topics:\n  Lectures: [lecture*]\n", encoding="utf-8")
    with pytest.raises(InputError, match="'Lectures' is not one of the blog's topics"):
        load_rules(tmp_path)


@needs_seeds
def test_seed_entries_get_blog_topics_that_mostly_agree_with_the_hand_tagged_archive():
    rules = default_rules()
    true_positive = false_positive = false_negative = 0
    for raw in seed_entries():
        found = set(tag(rules, raw.title, raw.summary + raw.implications))
        expected = set(ARCHIVE[entry_id(raw.month, raw.title)].topics)
        assert found and found <= set(blog_topics())
        true_positive += len(found & expected)
        false_positive += len(found - expected)
        false_negative += len(expected - found)
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    assert precision >= 0.8 and recall >= 0.55, (precision, recall)


@needs_seeds
def test_clear_cut_seed_topics():
    rules = default_rules()
    entries = {raw.title: raw for raw in seed_entries()}
    expected = {
        "Psychotherapy for Borderline Personality Disorder": "Personality Disorders",
        "Psychotherapist burnout affects patient outcomes": "Therapist Factors",
        "Is CBT the Gold Standard for Psychotherapy?": "Cognitive Therapy (CT) and Cognitive-Behavioural Therapy (CBT)",
        "Methods of Repairing Alliance Ruptures": "Alliance and Therapeutic Relationship",
        "How Much Psychotherapy is Really Necessary for Clients to Improve?": "Treatment Length and Frequency",
        "What People Want From Therapy": "Client Preferences",
    }
    for title, topic in expected.items():
        raw = entries[title]
        assert topic in tag(rules, raw.title, raw.summary + raw.implications), title


# Properties on random texts and random rules files.

PIECES = ("therapist", "Therapist", "THERAPIST", "therapists", "'s", "’s", "drop", "Drop", "out", "drop-out",
          "dropout", "CBT", "cbt", "Cbt", "TAU", "depressed", "Depression", "antidepressants", "self-harm", "no-show",
          "mentalizing", "treatment", "manuals", "effective", "bla", "BLA", "ab", "AB", "abc", "ab_c", "x1", "X1",
          "é", "É", "Øvrebø", "_", " ", "  ", "\n", "\t", "\u00a0", "-", "–", "“", "”", ".", ",", "'", "*", "…")
KEYWORDS = ("therapist's", "therapist", "therapist skill*", "drop out", "drop*", "dro*", "dropout*", "CBT", "TAU",
            "AB", "X1", "ab*", "abc*", "ab c", "ab* c*", "bla bla", "bla bla bla", "bla* bla", "é*", "øvrebø",
            "self-harm", "no-show*", "mentaliz*", "depress*", "antidepressant*", "treatment manual*", "Drop Out")
KNOWN = blog_topics()[:8]


def random_text(rng: random.Random, pieces: int) -> str:
    return "".join(rng.choice(PIECES) + rng.choice(("", " ")) for _ in range(pieces))


def random_rules(rng: random.Random) -> TopicRules:
    lines = [f"{setting}: {rng.randint(1, 4)}" for setting in ("min_score", "max_topics", "title_weight", "max_hits")]
    lines += [f"fallback: {KNOWN[0]}", "topics:"]
    for topic in rng.sample(KNOWN, rng.randint(1, 6)):
        lines.append(f"  {topic}: [" + ", ".join(f'"{k}"' for k in rng.sample(KEYWORDS, rng.randint(0, 8))) + "]")
    return parse_rules("\n".join(lines) + "\n")


@pytest.mark.parametrize("seed", range(3))
def test_random_texts_score_by_the_documented_rule_and_tag_within_the_settings(seed):
    rng = random.Random(seed)
    for _ in range(150):
        rules = random_rules(rng)
        title = random_text(rng, rng.randint(0, 6))
        paragraphs = [random_text(rng, rng.randint(0, 40)) for _ in range(rng.randint(0, 3))]
        found = scores(rules, title, paragraphs)
        assert found == documented_scores(rules, title, paragraphs)
        assert list(found) == [r.topic for r in rules.rules if r.topic in found]  # file order
        topics = tag(rules, title, paragraphs)
        assert len(topics) <= rules.max_topics or topics == (rules.fallback,)
        assert all(found.get(t, 0) >= rules.min_score for t in topics) or topics == (rules.fallback,)


@pytest.mark.parametrize("seed", range(3))
def test_each_keyword_added_to_a_text_counts_once_more(seed):
    rng = random.Random(seed)
    for _ in range(300):
        key_text = rng.choice(KEYWORDS)
        key = keyword(key_text)
        text = random_text(rng, rng.randint(0, 30))
        added = text + " zzz " + key_text.replace("*", "") + " zzz " + text
        assert count(key, words(added)) == 2 * count(key, words(text)) + 1, (key_text, text)
        if not key.exact:
            assert count(key, words(added.upper())) == count(key, words(added)), (key_text, added)


def test_no_word_character_is_or_lowercases_to_whitespace():
    """What `words` relies on to split a text's words, and their lowercase, at its spaces."""
    word = re.compile(r"\w")
    for code in range(0x110000):
        character = chr(code)
        if word.match(character):
            assert not character.isspace() and not any(c.isspace() for c in character.lower()), hex(code)
