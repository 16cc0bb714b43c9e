from __future__ import annotations

import json
import re

from conftest import run_cli


def test_entries_json_has_the_data_model_fields(fixture_course):
    result = run_cli("entries", "--json", cwd=fixture_course)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [e["id"] for e in entries] == ["2020-01-fictional-alliance-study", "2019-05-fictional-burnout-survey",
                                          "2018-03-fictional-other-topic"]
    first = entries[0]
    assert set(first) == {"id", "month", "title", "citation", "summary", "implications", "topics", "stats",
                          "incomplete", "quiz", "prompts", "rejected"}
    assert set(first["citation"]) >= {"authors", "year", "title", "source", "volume", "issue", "pages", "doi", "url"}
    assert first["citation"]["authors"][0] == {"family": "Example", "given": "A. B."}
    assert first["stats"] == [{"kind": "d", "value": 0.45, "ci_low": 0.2, "ci_high": 0.7,
                               "text": "The invented effect was d = 0.45.", "label": "", "population": "",
                               "direction": "", "verdict": ""}]
    assert first["quiz"][0]["answer"] == ["A moderate link with outcome"]


def test_entries_with_archive_option_and_a_bad_file(fixture_course, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "2020-02-bad.md").write_text("no front matter\n")
    (other / "2020-03-ok.md").write_text(
        "---\nid: 2020-03-ok\nmonth: '2020-03'\ntitle: OK\n---\n\n## Summary\n\nFine.\n")
    result = run_cli("entries", "--json", "--archive", str(other), cwd=fixture_course)
    assert result.returncode == 1
    assert [e["id"] for e in json.loads(result.stdout)] == ["2020-03-ok"]
    assert result.stderr.strip().endswith("2020-02-bad.md:1: front matter: the file must start with a '---' line")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_generate_prints_the_assignment_table(fixture_course):
    result = run_cli("generate", cwd=fixture_course)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^2018-03-fictional-other-topic +2018-03  further-reading$", result.stdout, re.M)
    assert "13 written, 0 unchanged" in result.stdout


def test_kept_edit_is_a_warning_and_strict_makes_it_exit_4(fixture_course):
    run_cli("generate", cwd=fixture_course)
    toc = fixture_course / "_toc.yml"
    toc.write_text(toc.read_text() + "# my note\n")
    (fixture_course / "course.yml").write_text((fixture_course / "course.yml").read_text().replace(
        "title: Treatment length", "title: Length"))
    result = run_cli("generate", "--strict", cwd=fixture_course)
    assert result.returncode == 4
    assert "warning: _toc.yml: edited since it was generated; kept (use --force to replace it)" in result.stderr
    assert toc.read_text().endswith("# my note\n")


def test_bad_course_yml_is_one_line_per_key_exit_1(fixture_course):
    (fixture_course / "course.yml").write_text("title: T\nmodules: nope\nextra: 1\n")
    result = run_cli("generate", cwd=fixture_course)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: course.yml: extra: unknown key (expected one of: title, description, archive, further_reading, modules, colours, "
        "practice_set, generated_items)",
        "error: course.yml: modules: expected a list of key: value tables",
    ]


def test_usage_error_exits_2(fixture_course):
    assert run_cli("frobnicate", cwd=fixture_course).returncode == 2


def test_not_a_course_folder(tmp_path):
    result = run_cli("generate", cwd=tmp_path)
    assert result.returncode == 1 and "course.yml: not found" in result.stderr
