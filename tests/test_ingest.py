"""`coursekit ingest`: end to end on the seed pages, idempotence, hand edits kept, --force, dedupe
across pages, and every kind of bad input file (one line on stderr, never a traceback)."""
from __future__ import annotations

import json
import pathlib
import shutil
from dataclasses import replace

import pytest
from conftest import SEED_PAGES, SEEDS, archive_by_id, needs_seeds, run_cli

from coursekit.archive import entryfile
from coursekit.archive.readers import read_archive
from coursekit.cli import main
from coursekit.ingest import importer
from coursekit.ingest.importer import MANIFEST, dedupe, ingest, model_files
from coursekit.ingest.topics import default_rules
from coursekit.writer import create_folder

REPO = pathlib.Path(__file__).resolve().parents[1]
PAGES = pathlib.Path(__file__).parent / "pages"
ARCHIVE = archive_by_id()
CITATION_FIELDS = ("authors", "year", "title", "source", "doi")


def seed_paths() -> list[str]:
    return [str(p) for p in SEED_PAGES]


def run(capsys, *args: str) -> tuple[int, str, str]:
    """The command in-process: exit code, stdout, stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_stderr(err: str) -> None:
    assert "Traceback" not in err
    assert all(line.startswith(("error: ", "warning: ")) for line in err.splitlines()), err


# --- End to end, as a user would run it ---------------------------------------------------------

@needs_seeds
def test_ingest_seed_pages_end_to_end(tmp_path):
    target = tmp_path / "other-archive"
    first = run_cli("ingest", *seed_paths(), "--archive", str(target), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "30 new, 0 updated, 0 unchanged, 0 kept" in first.stdout
    assert "entries: 30 found, 0 duplicate, 0 incomplete; 39 effect sizes" in first.stdout
    assert "Traceback" not in first.stderr

    listed = run_cli("entries", "--json", "--archive", str(target), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    records = {r["id"]: r for r in json.loads(listed.stdout)}
    assert len(records) == 30 and set(records) == set(ARCHIVE)
    for entry_id, record in records.items():
        expected = ARCHIVE[entry_id]
        assert (record["month"], record["title"]) == (expected.month, expected.title)
        assert record["quiz"] == [] and record["prompts"] == [] and record["incomplete"] is False
        assert record["summary"] and record["implications"] and record["topics"]
        cit = expected.citation
        assert record["citation"]["authors"] == [{"family": a.family, "given": a.given} for a in cit.authors]
        for name in CITATION_FIELDS[1:]:
            assert record["citation"][name] == getattr(cit, name), (entry_id, name)
        assert [(s["kind"], s["value"]) for s in record["stats"]] == [(s.kind, s.value) for s in expected.stats]

    mtimes = {p.name: p.stat().st_mtime_ns for p in target.glob("*.md")}
    again = run_cli("ingest", *seed_paths(), "--archive", str(target), cwd=tmp_path)
    assert again.returncode == 0 and "0 new, 0 updated, 30 unchanged, 0 kept" in again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in target.glob("*.md")} == mtimes

    edited = target / "2021-08-patients-crying-in-psychotherapy.md"
    text = edited.read_text(encoding="utf-8").replace("## Practice Implications",
                                                      "My own note.\n\n## Practice Implications")
    edited.write_text(text, encoding="utf-8")
    kept = run_cli("ingest", *seed_paths(), "--archive", str(target), cwd=tmp_path)
    assert kept.returncode == 0 and "29 unchanged, 1 kept (edited by hand)" in kept.stdout
    assert f"kept: {edited}: edited by hand since it was ingested (use --force to replace it)" in kept.stdout
    assert edited.read_text(encoding="utf-8") == text

    forced = run_cli("ingest", *seed_paths(), "--archive", str(target), "--force", cwd=tmp_path)
    assert forced.returncode == 0 and "29 unchanged, 0 kept (edited by hand), 1 replaced" in forced.stdout
    assert "My own note." not in edited.read_text(encoding="utf-8")
    assert not list(target.glob(".*.tmp")) and (target / MANIFEST).is_file()


@needs_seeds
def test_hand_written_archive_files_are_never_overwritten(tmp_path, capsys):
    archive = shutil.copytree(REPO / "archive", tmp_path / "archive")
    before = {p.name: p.read_bytes() for p in archive.glob("*.md")}
    code, out, err = run(capsys, "ingest", *seed_paths(), "--archive", str(archive))
    assert code == 0 and "0 new, 0 updated, 0 unchanged, 30 kept (edited by hand)" in out
    assert out.count("not written by coursekit ingest (use --force to replace it)") == 30
    assert {p.name: p.read_bytes() for p in archive.glob("*.md")} == before


def test_default_archive_folder_is_created_in_the_course_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "ingest", str(PAGES / "synthetic.txt"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "archive").glob("*.md")) == [
        "2018-09-a-study-cut-short.md", "2018-09-notes-from-the-invented-review-series.md",
        "2018-09-what-nobody-cited.md", "2019-03-a-chapter-on-imagined-supervision.md",
        "2019-03-invented-study-of-vrebs-clients.md"]


def test_report_names_incomplete_entries_and_warnings_with_file_and_line(tmp_path, capsys):
    page = str(PAGES / "synthetic.txt")
    code, out, err = run(capsys, "ingest", page, str(PAGES / "synthetic.html"), "--archive", str(tmp_path / "a"))
    assert code == 0
    assert "pages: 2 read (0 without entries), 0 unreadable" in out
    assert "entries: 7 found, 0 duplicate, 1 incomplete" in out
    assert f"incomplete: {page}:30: 2018-09-a-study-cut-short" in out
    assert f"warning: {page}:30: 'A Study Cut Short': cut off by the end of the page" in err
    assert f"warning: {page}:26: 'What Nobody Cited': no citation line; took the study from the text " \
           "('Lindqvist and colleagues')" in err
    assert f"warning: {page}: the page lists the topic 'Invented Topic Nobody Uses'" in err
    assert_clean_stderr(err)
    cut = entryfile.reads((tmp_path / "a" / "2018-09-a-study-cut-short.md").read_text(encoding="utf-8"))
    assert cut.incomplete and cut.summary == ("The researchers followed 40 patients and found that",)
    chapter = entryfile.reads((tmp_path / "a" / "2019-03-a-chapter-on-imagined-supervision.md").read_text(
        encoding="utf-8"))
    assert chapter.citation.type == "chapter" and [s.kind for s in chapter.stats] == ["g", "OR"]
    assert "Training" in chapter.topics and chapter.quiz == () and chapter.prompts == ()


def test_an_unchanged_file_is_updated_when_the_page_changes(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text((PAGES / "synthetic.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run(capsys, "ingest", str(page), "--archive", str(tmp_path / "a"))
    page.write_text(page.read_text(encoding="utf-8").replace("Read real books instead.", "Read more."),
                    encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(page), "--archive", str(tmp_path / "a"))
    assert code == 0 and "0 new, 1 updated, 4 unchanged, 0 kept" in out
    changed = tmp_path / "a" / "2018-09-notes-from-the-invented-review-series.md"
    assert "Read more." in changed.read_text(encoding="utf-8")


def test_an_unreadable_manifest_keeps_every_existing_file(tmp_path, capsys):
    target = tmp_path / "a"
    run(capsys, "ingest", str(PAGES / "synthetic.txt"), "--archive", str(target))
    (target / MANIFEST).write_text("{not json", encoding="utf-8")
    edited = target / "2018-09-what-nobody-cited.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMine.\n", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(PAGES / "synthetic.txt"), "--archive", str(target))
    assert code == 0 and "4 unchanged, 1 kept" in out
    assert f"warning: {target / MANIFEST}: unreadable" in err and edited.read_text(encoding="utf-8").endswith("Mine.\n")


def test_a_course_folders_topic_rules_are_used(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "topic_rules.yml").write_text("min_score: 1\ntopics:\n  Training: [invented]\n", encoding="utf-8")
    run(capsys, "ingest", str(PAGES / "synthetic.html"))
    entries = read_archive(tmp_path / "archive").entries
    assert {e.topics for e in entries} == {("Training",)}


# --- Duplicates across pages ---------------------------------------------------------------

@needs_seeds
def test_the_same_entries_on_two_pages_are_stored_once(tmp_path, capsys):
    seed = SEEDS / "000_f3ca442b702b2933.txt"
    copy = tmp_path / "same-page-saved-again.txt"
    copy.write_bytes(seed.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run(capsys, "ingest", str(seed), str(copy), "--archive", str(tmp_path / "a"))
    assert code == 0 and "entries: 12 found, 6 duplicate" in out and "6 new" in out
    assert out.count("duplicate: ") == 6 and f"is also at {seed}:" in out
    assert len(list((tmp_path / "a").glob("*.md"))) == 6


@needs_seeds
def test_a_complete_copy_wins_over_a_truncated_one(tmp_path, capsys):
    seed = SEEDS / "000_f3ca442b702b2933.txt"
    text = seed.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.rindex("Practice Implications") + 60], encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(cut), str(seed), "--archive", str(tmp_path / "a"))
    assert code == 0 and "6 duplicate, 0 incomplete" in out
    entry = read_archive(tmp_path / "a").entries
    assert len(entry) == 6 and not any(e.incomplete for e in entry)


@needs_seeds
def test_same_doi_and_text_under_another_title_is_a_duplicate_but_two_posts_on_one_chapter_are_not(tmp_path):
    seed = SEEDS / "000_f3ca442b702b2933.txt"
    retitled = tmp_path / "retitled.txt"
    text = seed.read_text(encoding="utf-8")
    old_title, new_title = "Is CBT the Gold Standard for Psychotherapy?\n", "Is CBT Really the Gold Standard?\n"
    retitled.write_text(text.replace(old_title, new_title), encoding="utf-8")
    model = model_files([seed, retitled], default_rules())
    assert model.found == 12 and len(model.entries) == 6 and len(model.duplicates) == 6
    titles = [item.entry.title for item in model.entries]
    assert {"Therapeutic Relationship Factors that Work",
            "Therapeutic Relationship Factors that Do Not Work"} <= set(titles)
    norcross = [item.entry for item in model.entries if item.entry.citation.doi == "10.1037/0000358-006"]
    assert len(norcross) == 2


@needs_seeds
def test_modelled_entries_survive_the_entry_file_format_unchanged():
    model = model_files(SEED_PAGES + [PAGES / "synthetic.txt"], default_rules())
    assert len(model.entries) == 35
    for item in model.entries:
        assert entryfile.reads(entryfile.writes(item.entry), "x") == item.entry


def test_worker_processes_model_what_one_process_models(tmp_path, monkeypatch):
    """Many pages are modelled by worker processes: the same entries, warnings and errors, in page order."""
    paths = [PAGES / "synthetic.txt", PAGES / "synthetic.html", tmp_path / "missing.txt", PAGES / "synthetic.txt"]
    paths += SEED_PAGES
    monkeypatch.setattr(importer, "PARALLEL_BYTES", 10**12)
    alone = model_files(paths, default_rules())
    monkeypatch.setattr(importer, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(importer.os, "cpu_count", lambda: 2)
    assert model_files(paths, default_rules()) == alone
    assert alone.duplicates and alone.errors == (f"{tmp_path / 'missing.txt'}: file not found",)


def test_markdown_headings_in_page_text_are_made_plain(tmp_path):
    page = tmp_path / "hashes.txt"
    page.write_text("May 2020\nA Hash Entry\nLee, S. (2020). Paper. J, 1, 2.\n## Not a heading, just text.\n"
                    "Practice Implications\n# Also text.\n", encoding="utf-8")
    (item,) = model_files([page], default_rules()).entries
    assert item.entry.summary == ("Not a heading, just text.",) and item.entry.implications == ("Also text.",)
    assert entryfile.reads(entryfile.writes(item.entry)) == item.entry


def test_dedupe_keeps_the_first_place_and_the_complete_copy():
    model = model_files([PAGES / "synthetic.txt"], default_rules())
    items = list(model.entries)
    cut = items[-1]
    complete = replace(cut, entry=replace(cut.entry, incomplete=False), name="other.txt", line=3)
    kept, notes = dedupe(items + [complete])
    assert [k.entry.id for k in kept] == [i.entry.id for i in items]
    assert kept[-1].name == "other.txt" and not kept[-1].entry.incomplete
    assert notes == [f"other.txt:3: 'A Study Cut Short' is also at {PAGES / 'synthetic.txt'}:30; stored once"]


# --- Bad input -------------------------------------------------------------------------------

BAD_FILES = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "error", "binary file"),
    "empty.txt": (b"", "error", "empty file"),
    "blank.html": (b"   \n\n", "error", "empty file"),
    "latin1.txt": ("July 2023\nCafé entry\n".encode("latin-1"), "error", "not UTF-8 text"),
    "notes.txt": (b"Just some notes, no month headings at all.\n", "warning", "no month headings"),
    "report.pdf": (b"%PDF-1.4 something", "error", "unsupported file type '.pdf'"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_alone_is_one_line_and_a_non_zero_exit(tmp_path, capsys, name):
    data, level, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "ingest", str(path), "--archive", str(tmp_path / "a"))
    assert code == 1
    assert_clean_stderr(err)
    assert any(line.startswith(f"{level}: {path}") and message in line for line in err.splitlines()), err
    assert "error: no entries could be read" in err
    assert not (tmp_path / "a").exists()


def test_a_folder_and_a_missing_file_are_errors_too(tmp_path, capsys):
    code, out, err = run(capsys, "ingest", str(tmp_path), str(tmp_path / "missing.txt"), "--archive",
                         str(tmp_path / "a"))
    assert code == 1
    assert f"error: {tmp_path}: is a folder, not a page" in err
    assert f"error: {tmp_path / 'missing.txt'}: file not found" in err
    assert_clean_stderr(err)


def test_bad_files_do_not_stop_the_good_ones(tmp_path, capsys):
    paths = []
    for name, (data, _, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    paths += [str(tmp_path / "missing.txt"), str(tmp_path), str(PAGES / "synthetic.html")]
    code, out, err = run(capsys, "ingest", *paths, "--archive", str(tmp_path / "a"))
    assert code == 0 and "2 new" in out and "pages: 2 read (1 without entries), 7 unreadable" in out
    assert err.count("error: ") == 7 and err.count("warning: ") == 1
    assert_clean_stderr(err)


def test_an_archive_path_that_is_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "a").write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(PAGES / "synthetic.txt"), "--archive", str(tmp_path / "a"))
    assert code == 1 and err == f"error: {tmp_path / 'a'}: the archive must be a folder, but this is a file\n"


def test_the_api_reads_everything_before_writing(tmp_path):
    report = ingest([PAGES / "synthetic.txt"], tmp_path / "a", default_rules())
    assert [a.status for a in report.actions] == ["new"] * 5
    assert json.loads((tmp_path / "a" / MANIFEST).read_text(encoding="utf-8"))["format"] == 1
    report = ingest([tmp_path / "nothing.txt"], tmp_path / "b", default_rules())
    assert report.actions == () and report.model.errors and not (tmp_path / "b").exists()


def test_a_new_archive_folder_is_made_whole_and_holds_what_file_by_file_writing_gives(tmp_path, monkeypatch):
    from coursekit.ingest import importer as ingest_module

    def contents(folder: pathlib.Path) -> dict[str, tuple[str, int]]:
        return {p.name: (p.read_text(encoding="utf-8"), p.stat().st_mode & 0o777) for p in folder.iterdir()
                if p.name != "other.txt"}

    made = []
    monkeypatch.setattr(ingest_module, "create_folder",
                        lambda folder, files: made.append(folder) or create_folder(folder, files))
    whole = ingest([PAGES / "synthetic.txt"], tmp_path / "whole" / "archive", default_rules())
    (tmp_path / "one-by-one").mkdir()
    (tmp_path / "one-by-one" / "other.txt").write_text("a file already there", encoding="utf-8")
    one_by_one = ingest([PAGES / "synthetic.txt"], tmp_path / "one-by-one", default_rules())
    assert made == [tmp_path / "whole" / "archive"]
    assert contents(tmp_path / "whole" / "archive") == contents(tmp_path / "one-by-one")
    assert whole.count("new") == one_by_one.count("new") > 2 and not whole.write_errors
    assert ingest([PAGES / "synthetic.txt"], tmp_path / "whole" / "archive", default_rules()).count("unchanged") \
        == whole.count("new")

    def failing(folder, files):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest_module, "create_folder", failing)
    fallback = ingest([PAGES / "synthetic.txt"], tmp_path / "fallback", default_rules())
    assert contents(tmp_path / "fallback") == contents(tmp_path / "whole" / "archive")
    assert fallback.count("new") == whole.count("new")
