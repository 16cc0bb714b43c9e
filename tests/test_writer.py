from __future__ import annotations

import json

import nbformat
import pytest
from nbformat import v4

from coursekit.errors import WriteRefused
from coursekit.writer import (
    NOTEBOOK_KEY,
    Output,
    create_folder,
    digest,
    edit_state,
    generated_state,
    stamp,
    write_outputs,
)

NB = v4.new_notebook(cells=[v4.new_markdown_cell("# Intro", id="cell-0")])


def test_refuses_to_write_outside_the_folder(tmp_path):
    with pytest.raises(WriteRefused, match="outside the course folder"):
        write_outputs(tmp_path, [Output("../escape.yml", "x: 1\n")])
    assert not (tmp_path.parent / "escape.yml").exists()


def test_unchanged_files_are_not_touched(tmp_path):
    outputs = [Output("_toc.yml", "root: intro\n"), Output("modules/a.ipynb", NB)]
    assert len(write_outputs(tmp_path, outputs).written) == 2
    mtime = (tmp_path / "_toc.yml").stat().st_mtime_ns
    report = write_outputs(tmp_path, outputs)
    assert report.unchanged == ["_toc.yml", "modules/a.ipynb"] and not report.written
    assert (tmp_path / "_toc.yml").stat().st_mtime_ns == mtime


def changed_notebook() -> nbformat.NotebookNode:
    return v4.new_notebook(cells=[v4.new_markdown_cell("# Other intro", id="cell-0")])


@pytest.mark.parametrize("path, content, changed", [("_toc.yml", "root: intro\n", "root: other\n"),
                                                    ("modules/a.ipynb", NB, changed_notebook())])
def test_edited_files_are_kept_unless_forced(tmp_path, path, content, changed):
    write_outputs(tmp_path, [Output(path, content)])
    target = tmp_path / path
    edited = target.read_text().replace("intro", "mine").replace("Intro", "Mine")
    assert edited != target.read_text()
    target.write_text(edited)
    assert generated_state(path, edited) == "edited"
    assert stamp(path, changed) != stamp(path, content)  # the generator's output changed too
    report = write_outputs(tmp_path, [Output(path, changed)])
    assert report.kept == [path] and target.read_text() == edited
    report = write_outputs(tmp_path, [Output(path, changed)], force=True)
    assert report.written == [path] and target.read_text() == stamp(path, changed)


def test_stale_generated_notebooks_are_removed_but_foreign_ones_stay(tmp_path):
    write_outputs(tmp_path, [Output("modules/old.ipynb", NB)])
    (tmp_path / "modules" / "mine.ipynb").write_text(nbformat.writes(NB))
    report = write_outputs(tmp_path, [Output("modules/new.ipynb", NB)], stale_dirs=("modules",))
    assert report.removed == ["modules/old.ipynb"]
    assert (tmp_path / "modules" / "mine.ipynb").exists()


def test_no_temporary_files_left_behind(tmp_path):
    write_outputs(tmp_path, [Output("_toc.yml", "a: 1\n")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_toc.yml"]


def test_atomic_write_gives_readable_files_and_keeps_modes(tmp_path):
    from coursekit.writer import atomic_write

    new = tmp_path / "site" / "page.html"
    atomic_write(new, "<p>x</p>")
    assert new.stat().st_mode & 0o777 == 0o644, "a web server must be able to read what we write"
    new.chmod(0o600)
    atomic_write(new, b"<p>y</p>")
    assert new.read_bytes() == b"<p>y</p>" and new.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    from coursekit import writer

    target = tmp_path / "entry.md"
    writer.atomic_write(target, "old\n")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", broken_replace)
    with pytest.raises(OSError):
        writer.atomic_write(target, "new\n")
    assert target.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["entry.md"]


def test_edit_state_compares_the_text_with_the_digest_recorded():
    assert edit_state(digest("a\n"), "a\n") == "intact"
    assert edit_state(digest("a\n"), "a\nmine\n") == "edited"
    assert edit_state(None, "a\n") == "foreign"


def test_a_stamped_notebook_is_nbformats_text_with_its_digest_in_the_metadata():
    text = stamp("x.ipynb", NB)
    written = nbformat.reads(text, as_version=4)
    block = written.metadata.pop(NOTEBOOK_KEY)
    assert block == {"generated": True, "sha256": digest(nbformat.writes(NB) + "\n")}
    assert written == NB and NOTEBOOK_KEY not in NB.metadata  # the notebook given is left as it is
    assert text == nbformat.writes(nbformat.from_dict({**NB, "metadata": {NOTEBOOK_KEY: block}})) + "\n"
    assert generated_state("x.ipynb", text) == "intact"


def test_the_notebooks_of_the_default_course_are_stamped_intact_and_the_same_every_time():
    from conftest import REPO

    from coursekit.content import notebooks
    from coursekit.planning.themes import load_plan

    plan, _ = load_plan(REPO)
    for module_plan in plan.modules[:2]:
        for make in (notebooks.module_notebook, lambda plan: notebooks.exercises(plan).notebook):
            text = stamp("x.ipynb", make(module_plan))
            assert text == stamp("x.ipynb", make(module_plan)) and generated_state("x.ipynb", text) == "intact"
            nb = json.loads(text)
            nb["cells"][-1]["source"][-1] += "mine"
            assert generated_state("x.ipynb", json.dumps(nb, indent=1, sort_keys=True) + "\n") == "edited"


@pytest.mark.parametrize("text", ["", "{not json", "[]", json.dumps({"metadata": {"coursekit": 1}}),
                                  nbformat.writes(NB), json.dumps({"cells": [], "metadata": {}})])
def test_notebooks_without_a_stamp_are_foreign(text):
    assert generated_state("x.ipynb", text) == "foreign"


def test_create_folder_makes_the_whole_folder_at_once(tmp_path):
    files = {"a.md": "alpha\n", "b.md": "b\u00e9ta\n", ".hidden.json": "{}\n"}
    create_folder(tmp_path / "new" / "archive", files)
    made = tmp_path / "new" / "archive"
    assert {p.name: p.read_text(encoding="utf-8") for p in made.iterdir()} == files
    assert {p.stat().st_mode & 0o777 for p in made.iterdir()} == {0o644}
    (tmp_path / "empty").mkdir()
    create_folder(tmp_path / "empty", {"x.md": "x"})
    assert (tmp_path / "empty" / "x.md").read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "new"]  # no temporary folder left


def test_create_folder_refuses_names_that_leave_it_and_leaves_nothing_when_it_fails(tmp_path):
    with pytest.raises(WriteRefused):
        create_folder(tmp_path / "archive", {"ok.md": "x", "../escape.md": "x"})
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "kept.md").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        create_folder(tmp_path / "full", {"new.md": "x"})  # only a missing or empty folder is made
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["kept.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]
