from __future__ import annotations

import pytest

from coursekit.errors import ConfigError
from coursekit.planning.config import blog_topics, parse_course


def test_parses_modules_in_order(fixture_course):
    course = parse_course((fixture_course / "course.yml").read_text())
    assert [m.id for m in course.modules] == ["alliance", "treatment-length"]
    assert course.modules[1].rule.exclude == ("2020-01-fictional-alliance-study",)


def test_reports_every_bad_key_in_one_pass():
    text = """
title: T
colour: blue
modules:
  - id: Bad Id
    title: One
    rule: {topics: [Not a topic], keyword: [x]}
  - title: Two
    objectives: yes
"""
    with pytest.raises(ConfigError) as caught:
        parse_course(text)
    lines = str(caught.value).splitlines()
    assert "course.yml: colour: unknown key (expected one of: title, description, archive, further_reading, modules, colours, practice_set, generated_items)" in lines
    assert any(line.startswith("course.yml: modules[0].id: must be a short slug") for line in lines)
    assert any("modules[0].rule.keyword: unknown key" in line for line in lines)
    assert any("modules[0].rule.topics: unknown topic(s): Not a topic" in line for line in lines)
    assert "course.yml: modules[1].id: missing" in lines
    assert "course.yml: modules[1].objectives: expected a list of text" in lines
    assert len(lines) == 6


def test_duplicate_module_ids():
    text = "title: T\nmodules:\n  - {id: a, title: A}\n  - {id: a, title: B}\n"
    with pytest.raises(ConfigError, match=r"modules\[1\].id: 'a' is used twice"):
        parse_course(text)


@pytest.mark.parametrize("text, expected", [
    ("- a list\n", ["course.yml: expected key: value pairs"]),
    ("title: T\nmodules: [3, {id: b}]\n7: x\n", [
        "course.yml: 7: unknown key (expected one of: title, description, archive, further_reading, modules, colours, "
        "practice_set, generated_items)",
        "course.yml: modules[0]: expected key: value pairs", "course.yml: modules[1].title: missing"]),
])
def test_tables_of_the_wrong_shape_and_keys_that_are_not_text_are_named(text, expected):
    with pytest.raises(ConfigError) as caught:
        parse_course(text)
    assert str(caught.value).splitlines() == expected


def test_yaml_syntax_error_names_line():
    with pytest.raises(ConfigError, match=r"^course.yml:\d+: invalid YAML"):
        parse_course("title: T\nmodules:\n  - [\n")


def test_blog_topics_are_the_blogs_list():
    """The blog's own names, misspelling included, each once (test_pages checks them against every
    seed page's topic list, test_topics that the default rules cover them all and nothing else)."""
    topics = blog_topics()
    assert len(set(topics)) == len(topics) and all(t == t.strip() and t for t in topics)
    assert "Adherance" in topics and "Treatment Length and Frequency" in topics
