"""`coursekit find`: FTS5 search over the archive, ranked, filtered, safe with any query."""
from __future__ import annotations

import json

import pytest
from conftest import REPO, run_cli

from coursekit.content.citations import short_citation
from coursekit.model import Author, Citation, Course, Entry, Module, Rule
from coursekit.planning.themes import load_plan, plan_course
from coursekit.supervision.search import fts_query, query_words, search

RUPTURES = "2015-01-methods-of-repairing-alliance-ruptures"


@pytest.fixture(scope="module")
def plan():
    return load_plan(REPO)[0]


def small_plan():
    entries = (
        Entry(id="2021-01-both", month="2021-01", title="Care", summary=("The alliance can suffer a rupture.",),
              citation=Citation(authors=(Author("Jones", "A."),), year=2020)),
        Entry(id="2022-01-one", month="2022-01", title="Alliance alliance alliance",
              summary=("The alliance, the alliance and the alliance again.",), topics=("Empathy",)),
        Entry(id="2019-01-none", month="2019-01", title="Dose", summary=("Sessions and outcomes.",)),
    )
    course = Course(title="T", modules=(Module(id="m", title="M", rule=Rule(topics=("Empathy",))),))
    return plan_course(course, entries)


def test_alliance_rupture_puts_the_ruptures_entry_first(plan):
    hits = search(plan, "alliance rupture")
    assert hits[0].entry.id == RUPTURES
    assert short_citation(hits[0].entry) == "Safran & Kraus (2014)"
    assert "[" in hits[0].snippet and "]" in hits[0].snippet


def test_entries_with_every_word_rank_before_entries_with_some():
    hits = search(small_plan(), "alliance rupture")
    assert [h.entry.id for h in hits] == ["2021-01-both", "2022-01-one"]
    assert [h.coverage for h in hits] == [2, 1]


def test_words_are_stemmed_and_authors_and_topics_are_searched(plan):
    assert RUPTURES in [h.entry.id for h in search(plan, "rupturing")]
    assert [h.entry.id for h in search(small_plan(), "jones")] == ["2021-01-both"]
    assert [h.entry.id for h in search(small_plan(), "empathy")] == ["2022-01-one"]


@pytest.mark.parametrize("query", ['"', "alliance OR", "NEAR(alliance rupture)", "*", "-rupture", "title:alliance",
                                   "^alliance", "alliance AND", "(((", "'; DROP TABLE readings; --", "a\"b\"c"])
def test_fts_syntax_in_a_query_is_searched_as_its_plain_words(plan, query):
    """FTS5 operators, quotes and brackets neither raise nor change the hits: a query finds what its
    words find, and a query without words finds nothing."""
    words = query_words(query)
    found = [h.entry.id for h in search(plan, query)]
    assert found == [h.entry.id for h in search(plan, " ".join(words))]
    if not words:
        assert found == []
    elif "alliance" in words:
        assert found


def test_queries_are_quoted_words_joined_by_or():
    assert query_words('The "alliance" AND rupture*') == ("alliance", "rupture")
    assert query_words("the and") == ("the", "and")
    assert fts_query(("alliance", 'x"y')) == '"alliance" OR "x""y"'


def test_module_and_since_filters(plan):
    in_module = search(plan, "alliance", module_id="treatment-length")
    assert in_module and all("treatment-length" in h.modules for h in in_module)
    recent = search(plan, "alliance", since=2021)
    assert recent and all(h.entry.year >= 2021 for h in recent)
    assert RUPTURES not in [h.entry.id for h in recent]


def test_cli_find_prints_best_hit_first():
    result = run_cli("find", "alliance rupture", cwd=REPO)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1. Methods of Repairing Alliance Ruptures (2015-01)"
    assert lines[1].strip().startswith("Safran & Kraus (2014)")


def test_cli_find_json():
    result = run_cli("find", "burnout", "--json", "--since", "2021", cwd=REPO)
    hits = json.loads(result.stdout)
    assert result.returncode == 0 and hits
    assert set(hits[0]) == {"id", "title", "month", "citation", "reference", "modules", "snippet", "matched_words",
                            "score"}
    assert all(h["month"] >= "2021" for h in hits)


def test_cli_find_no_hits_is_a_message_and_exit_0():
    result = run_cli("find", "zzyzx", cwd=REPO)
    assert result.returncode == 0 and result.stdout.startswith("No readings match 'zzyzx'")
    assert json.loads(run_cli("find", "zzyzx", "--json", cwd=REPO).stdout) == []


@pytest.mark.parametrize("args, message", [
    (("alliance", "--module", "nope"), "error: --module: no module 'nope' in course.yml"),
    (("alliance", "--since", "21"), "error: --since: '21' is not a year"),
    (("***",), "error: find: '***' has no words to search for"),
])
def test_cli_find_bad_input_is_one_line_and_exit_1(args, message):
    result = run_cli("find", *args, cwd=REPO)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith(message)
