from __future__ import annotations

import hashlib

import pytest
import yaml

from coursekit.errors import InputError
from coursekit.site.generate import generate


def tree_digest(root):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generate_writes_modules_exercises_toc_and_assets(fixture_course):
    result = generate(fixture_course)
    assert sorted(result.report.written) == [
        "_static/coursekit-course.js", "_static/coursekit-favicon.svg", "_static/coursekit-progress.js",
        "_static/coursekit-theme.css",
        "_static/coursekit.css", "_static/coursekit.js",
        "_toc.yml",
        "exercises/alliance.ipynb", "exercises/treatment-length.ipynb",
        "modules/alliance.ipynb", "modules/evidence-map.ipynb", "modules/further-reading.ipynb",
        "modules/treatment-length.ipynb",
    ]
    toc = yaml.safe_load((fixture_course / "_toc.yml").read_text())
    assert toc["root"] == "book/intro"
    modules = toc["parts"][1]["chapters"]
    assert modules[0] == {"file": "modules/evidence-map"}
    assert modules[1] == {"file": "modules/alliance", "sections": [{"file": "exercises/alliance"}]}
    assert toc["parts"][2] == {"caption": "Further reading", "chapters": [{"file": "modules/further-reading"}]}


def test_generate_twice_changes_nothing(fixture_course):
    generate(fixture_course)
    before = tree_digest(fixture_course)
    result = generate(fixture_course)
    assert result.report.written == [] and tree_digest(fixture_course) == before


def test_reordering_modules_in_course_yml_reorders_the_toc(fixture_course):
    path = fixture_course / "course.yml"
    course = yaml.safe_load(path.read_text())
    course["modules"].reverse()
    path.write_text(yaml.safe_dump(course))
    generate(fixture_course)
    toc = yaml.safe_load((fixture_course / "_toc.yml").read_text())
    assert [c["file"] for c in toc["parts"][1]["chapters"]] == ["modules/evidence-map", "modules/treatment-length",
                                                                   "modules/alliance"]


def test_removed_module_is_cleaned_up(fixture_course):
    generate(fixture_course)
    path = fixture_course / "course.yml"
    course = yaml.safe_load(path.read_text())
    course["modules"] = course["modules"][:1]
    path.write_text(yaml.safe_dump(course))
    result = generate(fixture_course)
    assert sorted(result.report.removed) == ["exercises/treatment-length.ipynb", "modules/treatment-length.ipynb"]


def test_bad_entry_is_reported_and_others_still_generated(fixture_course):
    (fixture_course / "archive" / "2021-01-broken.md").write_text("---\nid: 2021-01-broken\n---\n")
    result = generate(fixture_course)
    assert any(p.startswith("archive/2021-01-broken.md: month: missing") for p in result.problems)
    assert "modules/alliance.ipynb" in result.report.written
    with pytest.raises(InputError, match="2021-01-broken.md"):
        generate(fixture_course, strict=True)


def test_empty_archive_is_an_error(fixture_course):
    for path in (fixture_course / "archive").iterdir():
        path.unlink()
    with pytest.raises(InputError, match="no archive entries could be read"):
        generate(fixture_course)
