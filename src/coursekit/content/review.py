"""Review of generated items, in the manner of Moodle's question bank Draft / Ready. Pure.

A draft is a generated item (`itemgen`) that no quiz item of its entry records (`generated: <id>`,
accepted) and its `rejected:` does not list. `coursekit review` walks through `plan_drafts`; its
decisions are edits of the entry file's text, so they survive `coursekit generate` and a re-ingest.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from coursekit.archive import entryfile
from coursekit.content import itemgen
from coursekit.content.checker import item_problems, undecided
from coursekit.model import FURTHER_READING_ID, Entry, Plan, QuizItem


@dataclass(frozen=True)
class Draft:
    """A generated item waiting for review, with the module and entry it was found in."""

    module_id: str
    entry: Entry  # the entry the item belongs to (for a comparison, its anchor)
    generated: itemgen.GeneratedItem

    @property
    def source(self) -> str:
        """The sentence the item came from (its stat's `text`); '' for an item on several findings."""
        place = self.generated.stat
        return self.entry.stats[place].text if 0 <= place < len(self.entry.stats) else ""


def plan_drafts(plan: Plan, module_id: str | None = None) -> list[Draft]:
    """Every draft of the course (or of one module), in bank order: module by module, entry by
    entry, each entry's items then the comparisons anchored at it; then the further reading's.
    An item found in two modules is listed once."""
    drafts: dict[str, Draft] = {}
    for module_plan in plan.modules:
        if module_id in (None, module_plan.module.id):
            compared = itemgen.anchored_comparisons(module_plan.entries)
            for entry in module_plan.entries:
                _add(drafts, module_plan.module.id, entry, itemgen.entry_items(entry) + compared[entry.id])
    if module_id in (None, FURTHER_READING_ID):
        for entry in plan.further_reading:
            _add(drafts, FURTHER_READING_ID, entry, itemgen.entry_items(entry))
    return list(drafts.values())


def _add(drafts: dict[str, Draft], module_id: str, entry: Entry, items: tuple[itemgen.GeneratedItem, ...]) -> None:
    for generated in undecided(entry, items):
        drafts.setdefault(generated.id, Draft(module_id, entry, generated))


def decided_text(text: str, name: str, generated_id: str, item: QuizItem | None) -> str:
    """An entry file's text with the generated item accepted as `item` (added to its quiz, recording the
    id it came from), or rejected when `item` is None. Raises EntryError if the file does not read."""
    entry = entryfile.reads(text, name)
    if item is not None:
        return entryfile.writes(replace(entry, quiz=(*entry.quiz, replace(item, generated=generated_id))))
    rejected = entry.rejected if generated_id in entry.rejected else (*entry.rejected, generated_id)
    return entryfile.writes(replace(entry, rejected=rejected))


def edit_text(item: QuizItem) -> str:
    """The YAML an instructor edits: the item's stem, options, answer, feedback and difficulty."""
    return ("# Edit the item, save and close the editor. 'answer' must be one of the options.\n"
            + entryfile.writes_quiz_item(replace(item, generated="")))


def edited_item(text: str, name: str, entry: Entry) -> tuple[QuizItem, list[str]]:
    """The edited item, checked by the entry format's rules (EntryError, one line per problem), and
    the item checker's warnings about it (each a short phrase)."""
    item = entryfile.reads_quiz_item(text, name)
    return item, item_problems(item, entry.stats)


def draft_lines(draft: Draft, number: int, total: int) -> list[str]:
    """The draft as review shows it, its key marked, with its source sentence and the checker's warnings."""
    item, generated = draft.generated.item, draft.generated
    lines = [f"[{number}/{total}] {draft.entry.title} ({draft.entry.id}; module {draft.module_id})",
             f"Item {generated.id} ({generated.template}, {item.difficulty})",
             f"Stem: {item.stem}", "Options:"]
    lines += [f"  {chr(ord('A') + i)}. {option}{'   <- key' if option in item.answers else ''}"
              for i, option in enumerate(item.options)]
    lines += [f"Key: {'; '.join(item.answers)}", f"Feedback: {item.feedback}",
              f"From: {draft.source or '(several findings, quoted in the feedback)'}"]
    return lines + [f"Checker: {problem}" for problem in item_problems(item, draft.entry.stats)]
