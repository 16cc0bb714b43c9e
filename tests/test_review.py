"""Draft and Ready items: `coursekit review` driven as a terminal user would, and its pure core."""
from __future__ import annotations

import os
import pathlib
import sys

import pytest
from conftest import SEEDS, run_cli

from coursekit.archive import entryfile
from coursekit.content import itemgen, review
from coursekit.content.checker import undecided
from coursekit.content.quiz import entry_questions
from coursekit.errors import ConfigError
from coursekit.model import Citation, Entry, QuizItem, Stat
from coursekit.planning.config import parse_course
from coursekit.planning.themes import load_plan

PAGES = sorted(SEEDS.glob("*.txt"))
needs_seeds = pytest.mark.skipif(not PAGES, reason=f"seed pages not found at {SEEDS}")
EDITED_STEM = "Which way did the link between these two measures go in the reading?"
EDITOR_SCRIPT = f"""import sys, yaml
path = sys.argv[1]
item = yaml.safe_load(open(path, encoding="utf-8"))
item["stem"] = {EDITED_STEM!r}
open(path, "w", encoding="utf-8").write(yaml.safe_dump(item, allow_unicode=True, sort_keys=False))
"""


def run_review(course: pathlib.Path, typed: str, editor: str | None = None, *args: str):
    """`coursekit review` with `typed` as its standard input (then end of input)."""
    import subprocess

    env = {key: value for key, value in os.environ.items() if key not in ("VISUAL", "EDITOR")}
    env["PYTHONWARNINGS"] = "ignore"
    if editor:
        env["EDITOR"] = editor
    return subprocess.run([sys.executable, "-m", "coursekit.cli", "review", *args], cwd=course, input=typed,
                          capture_output=True, text=True, env=env)


def drafts_of(course: pathlib.Path) -> list[review.Draft]:
    plan, problems = load_plan(course)
    assert not problems
    return review.plan_drafts(plan)


def entry_of(course: pathlib.Path, entry_id: str) -> Entry:
    path = course / "archive" / f"{entry_id}.md"
    return entryfile.reads(path.read_text(encoding="utf-8"), path.name)


def archive_texts(course: pathlib.Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((course / "archive").glob("*.md"))}


def exercise_pages(course: pathlib.Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((course / "exercises").glob("*.ipynb")))


@pytest.fixture
def seed_course(tmp_path: pathlib.Path) -> pathlib.Path:
    """A course made by `coursekit init` from the seed pages: its ingested entries have no written items."""
    made = run_cli("init", "course", "--from", *map(str, PAGES), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path / "course"


@needs_seeds
def test_review_accepts_edits_rejects_and_skips_and_the_decisions_last(seed_course, tmp_path):
    drafts = drafts_of(seed_course)
    assert len(drafts) >= 4, "the seed course needs four drafts for this test"
    accepted, edited, rejected, skipped = drafts[:4]
    before = archive_texts(seed_course)
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")

    result = run_review(seed_course, "x\na\ne\nr\ns\n", f"{sys.executable} {script}")

    assert result.returncode == 0, result.stderr
    errors = result.stderr.splitlines()
    assert errors.count("error: type a, e, r, s or q") == 1  # the stray 'x'; the rest are checker warnings
    assert all(line.startswith("warning: edited item: ") for line in errors if not line.startswith("error: type"))
    for draft in drafts[:4]:
        assert draft.generated.item.stem in result.stdout and draft.source in result.stdout
    assert f"[5/{len(drafts)}]" in result.stdout or len(drafts) == 4  # end of input quits at the fifth
    assert "2 accepted, 1 rejected, 1 skipped" in result.stdout

    kept = entry_of(seed_course, accepted.entry.id).quiz
    assert QuizItem(**{**vars(accepted.generated.item), "generated": accepted.generated.id}) in kept
    (changed,) = [i for i in entry_of(seed_course, edited.entry.id).quiz if i.generated == edited.generated.id]
    original = edited.generated.item
    assert (changed.stem, changed.options, changed.answers, changed.feedback) == (
        EDITED_STEM, original.options, original.answers, original.feedback)
    assert rejected.generated.id in entry_of(seed_course, rejected.entry.id).rejected
    decided_files = {f"{d.entry.id}.md" for d in (accepted, edited, rejected)}
    after = archive_texts(seed_course)
    assert {name for name in before if before[name] != after[name]} == decided_files

    left = [d.generated.id for d in drafts if d not in (accepted, edited, rejected)]
    assert [d.generated.id for d in drafts_of(seed_course)] == left

    generated = run_cli("generate", cwd=seed_course)
    assert generated.returncode == 0, generated.stderr
    assert f"{len(left)} generated item{'s wait' if len(left) != 1 else ' waits'} for review" in generated.stdout
    assert archive_texts(seed_course) == after
    pages = exercise_pages(seed_course)
    assert accepted.generated.id in pages and edited.generated.id in pages and EDITED_STEM in pages
    assert rejected.generated.id not in pages and skipped.generated.id not in pages  # drafts wait
    assert [d.generated.id for d in drafts_of(seed_course)] == left

    ingested = run_cli("ingest", *map(str, PAGES), cwd=seed_course)
    assert ingested.returncode == 0, ingested.stderr
    assert f"{len(decided_files)} kept (edited by hand)" in ingested.stdout
    assert archive_texts(seed_course) == after
    assert [d.generated.id for d in drafts_of(seed_course)] == left


@needs_seeds
def test_publish_setting_puts_drafts_in_the_banks_but_never_a_rejected_item(seed_course):
    drafts = drafts_of(seed_course)
    assert len(drafts) >= 2
    assert run_review(seed_course, "r\n").returncode == 0
    with (seed_course / "course.yml").open("a", encoding="utf-8") as course_yml:
        course_yml.write("generated_items: publish\n")
    generated = run_cli("generate", cwd=seed_course)
    assert generated.returncode == 0, generated.stderr
    assert "published meanwhile" in generated.stdout
    pages = exercise_pages(seed_course)
    assert drafts[0].generated.id not in pages
    assert all(d.generated.id in pages for d in drafts[1:] if d.module_id != "further-reading")


@needs_seeds
def test_edit_without_an_editor_asks_field_by_field(seed_course):
    first = drafts_of(seed_course)[0]
    item = first.generated.item
    result = run_review(seed_course, f"e\nWhat did the reading find?\n\n{item.options[-1]}\n\n")
    assert result.returncode == 0, result.stderr
    (accepted,) = [i for i in entry_of(seed_course, first.entry.id).quiz if i.generated == first.generated.id]
    assert (accepted.stem, accepted.options, accepted.answers, accepted.feedback) == (
        "What did the reading find?", item.options, (item.options[-1],), item.feedback)


@needs_seeds
def test_a_bad_edit_is_one_line_and_nothing_is_saved(seed_course, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'w').write('stem: S?\\noptions: [a, b]\\nanswer: c\\n')\n")
    before = archive_texts(seed_course)
    result = run_review(seed_course, "e\ns\nq\n", f"{sys.executable} {script}")
    assert result.returncode == 0
    errors = result.stderr.splitlines()
    assert errors and all(line.startswith("error: edited item: item.") for line in errors)
    assert any("'c' is not one of the options" in line for line in errors)
    assert archive_texts(seed_course) == before


@needs_seeds
def test_end_of_input_quits_cleanly_and_module_narrows_the_drafts(seed_course):
    drafts = drafts_of(seed_course)
    module = drafts[-1].module_id
    result = run_review(seed_course, "", None, "--module", module)
    assert result.returncode == 0 and result.stderr == ""
    ours = [d for d in drafts if d.module_id == module]
    assert f"[1/{len(ours)}]" in result.stdout and ours[0].generated.item.stem in result.stdout
    assert "0 accepted, 0 rejected, 0 skipped" in result.stdout
    unknown = run_review(seed_course, "", None, "--module", "no-such-module")
    assert unknown.returncode != 0 and len(unknown.stderr.splitlines()) == 1


# --- the pure core ---------------------------------------------------------------------------

STAT = Stat("r", 0.4, 0.3, 0.5, "A link of r = .40.", label="empathy and outcome",
            direction="greater empathy went with better outcome", verdict="moderate")
ENTRY = Entry(id="2021-01-e", month="2021-01", title="E", citation=Citation(year=2021, title="T"),
              summary=("S.",), stats=(STAT,))


def test_accept_and_reject_are_entry_file_changes_that_read_back():
    (draft,) = undecided(ENTRY, itemgen.entry_items(ENTRY))
    text = entryfile.writes(ENTRY)
    accepted = entryfile.reads(review.decided_text(text, "e.md", draft.id, draft.item), "e.md")
    assert accepted.quiz == (QuizItem(**{**vars(draft.item), "generated": draft.id}),)
    assert undecided(accepted, itemgen.entry_items(accepted)) == ()
    assert [q.id for q in entry_questions(accepted, "m")] == [draft.id]  # the accepted item keeps its id
    rejected = entryfile.reads(review.decided_text(text, "e.md", draft.id, None), "e.md")
    assert rejected.rejected == (draft.id,) and rejected.quiz == ()
    assert review.decided_text(entryfile.writes(rejected), "e.md", draft.id, None) == entryfile.writes(rejected)  # once
    assert entry_questions(rejected, "m", publish_drafts=True) == []
    assert [q.id for q in entry_questions(ENTRY, "m", publish_drafts=True)] == [draft.id]
    assert entry_questions(ENTRY, "m") == []  # review is the default: drafts stay out


def test_entry_file_rejects_unknown_quiz_keys_and_twice_accepted_items():
    item = {"stem": "S?", "options": ["a", "b"], "answer": "a", "feedback": "f"}
    text = entryfile.writes(ENTRY).replace("---\n\n", "quiz:\n- {x}\n- {y}\n---\n\n", 1)
    twice = text.replace("{x}", str({**item, "generated": "g1"})).replace("{y}", str({**item, "generated": "g1"}))
    with pytest.raises(entryfile.EntryError) as caught:
        entryfile.reads(twice, "e.md")
    assert caught.value.problems == ["e.md: quiz: two items were accepted from the generated item 'g1'"]
    typo = text.replace("{x}", str({**item, "generatd": "g1"})).replace("{y}", str(item))
    with pytest.raises(entryfile.EntryError) as caught:
        entryfile.reads(typo, "e.md")
    assert caught.value.problems == ["e.md: quiz[0].generatd: unknown key"]


def test_edited_item_is_checked_by_the_format_and_the_item_checker():
    item = QuizItem("How large was the link?", ("Small", "Large"), ("Large",), "Because.")
    back, warnings = review.edited_item(review.edit_text(item), "edited", ENTRY)
    assert back == item and any("size word" in w for w in warnings)
    with pytest.raises(entryfile.EntryError) as caught:
        review.edited_item("stem: [unclosed", "edited", ENTRY)
    assert len(caught.value.problems) == 1 and caught.value.problems[0].startswith("edited:")


def test_course_yml_generated_items_is_review_or_publish():
    base = "title: T\nmodules:\n- {id: m, title: M}\n"
    assert parse_course(base).generated_items == "review" and not parse_course(base).publishes_drafts
    assert parse_course(base + "generated_items: publish\n").publishes_drafts
    with pytest.raises(ConfigError) as caught:
        parse_course(base + "generated_items: always\n")
    assert str(caught.value) == "course.yml: generated_items: expected review or publish, got 'always'"
