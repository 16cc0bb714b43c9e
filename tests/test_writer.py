from __future__ import annotations

import json

import pytest

from coursekit.errors import WriteRefused
from coursekit.writer import (Output, _canonical, create_folder, digest, generated_state, stamp, stamp_notebook,
                             write_outputs)

NB = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


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


@pytest.mark.parametrize("path, content", [("_toc.yml", "root: intro\n"), ("modules/a.ipynb", NB)])
def test_edited_files_are_kept_unless_forced(tmp_path, path, content):
    write_outputs(tmp_path, [Output(path, content)])
    target = tmp_path / path
    edited = target.read_text().replace("intro", "mine") if path.endswith(".yml") else \
        target.read_text().replace('"cells": []', '"cells": [{"cell_type": "raw", "metadata": {}, "source": "mine"}]')
    target.write_text(edited)
    assert generated_state(path, edited) == "edited"
    changed = Output(path, content.replace("intro", "other").replace("nbformat_minor\": 5", "nbformat_minor\": 5"))
    report = write_outputs(tmp_path, [changed])
    assert report.kept == [path] and target.read_text() == edited
    report = write_outputs(tmp_path, [changed], force=True)
    assert report.written == [path] and target.read_text() == stamp(path, changed.content)


def test_stale_generated_notebooks_are_removed_but_foreign_ones_stay(tmp_path):
    write_outputs(tmp_path, [Output("modules/old.ipynb", NB)])
    (tmp_path / "modules" / "mine.ipynb").write_text(NB)
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


def slow_stamp(content: str) -> str:
    """The stamp as first written: decode, digest the canonical form, add the block, encode again."""
    nb = json.loads(content)
    nb["metadata"]["coursekit"] = {"generated": True, "sha256": digest(_canonical(nb))}
    return _canonical(nb)


def test_notebook_stamp_written_as_text_equals_decoding_and_encoding():
    from coursekit.planning.themes import load_plan
    from conftest import REPO
    from coursekit.content import notebooks

    plan, _ = load_plan(REPO)
    made = [notebooks.module_notebook(p) for p in plan.modules] + [notebooks.exercise_notebook(plan.modules[0])]
    for nb in made:
        text = notebooks.writes(nb)
        assert _canonical(json.loads(text)) == text  # what stamp_notebook requires
        assert stamp_notebook(text) == slow_stamp(text) == stamp("x.ipynb", text)
        assert generated_state("x.ipynb", stamp_notebook(text)) == "intact"


@pytest.mark.parametrize("metadata", [{}, {"authors": ["x"], "kernelspec": {}}, {"coursekit": {"old": 1}},
                                      {"a\"b": 1}, {"kernelspec": {"name": "k"}}])
def test_notebook_stamp_falls_back_when_the_block_cannot_go_first(metadata):
    text = _canonical({"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5})
    assert stamp_notebook(text) == slow_stamp(text)
    if "coursekit" not in metadata:  # a stamp over an old stamp digests the old one too, as it always did
        assert generated_state("x.ipynb", stamp_notebook(text)) == "intact"


def test_prestamped_outputs_are_written_as_they_are(tmp_path):
    text = stamp_notebook(NB)
    write_outputs(tmp_path, [Output("a.ipynb", text, stamped=True), Output("b.ipynb", NB)])
    assert (tmp_path / "a.ipynb").read_text(encoding="utf-8") == (tmp_path / "b.ipynb").read_text(encoding="utf-8")


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
