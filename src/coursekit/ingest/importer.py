"""`coursekit ingest`: every page read and modelled first (`model_files`), then each entry file planned (new,
updated, unchanged, kept, replaced) and written (`store`), with archive/.ingested.json.

A new (or empty) archive folder is written whole into a temporary folder beside it and renamed
into place; otherwise each file is written atomically on its own. The manifest records the SHA-256
of every file ingest wrote, for the writer's one `edit_state` rule: a file edited by hand, or never
written by ingest, is kept and reported unless `force`. Every bad input file gets a one-line error
naming it; the others still count.
"""
from __future__ import annotations

import itertools
import json
import os
import pathlib
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Sequence

from coursekit.archive import entryfile
from coursekit.archive.ids import entry_id, slug
from coursekit.archive.topics import blog_topics
from coursekit.errors import InputError
from coursekit.ingest.citeparse import citation_from_text, parse_citation
from coursekit.ingest.findings import with_finding
from coursekit.ingest.pages import PAGE_READERS, PageError, RawEntry, parse_page
from coursekit.ingest.stats import counts_stated, entry_stats
from coursekit.ingest.topics import TopicRules, tag
from coursekit.model import Citation, Entry
from coursekit.writer import atomic_write, create_folder, digest, edit_state

MANIFEST = ".ingested.json"
KEPT_REASONS = {"edited": "edited by hand since it was ingested", "foreign": "not written by coursekit ingest"}
SIMILAR = 0.8  # word overlap above which two texts with the same DOI are the same entry
PARALLEL_BYTES = 500_000  # pages of fewer bytes (about 150 entries) are modelled faster in one process


@dataclass(frozen=True)
class Ingested:
    """An entry modelled from a page, where it was (file, line), how many counts (k, N, %) its text
    states, and its entry file's text (made with the entry, in the worker that modelled it)."""

    entry: Entry
    name: str
    line: int
    counts: int
    text: str


@dataclass(frozen=True)
class Model:
    """Everything one page or all pages hold, before anything is written: unique entries and what was said."""

    entries: tuple[Ingested, ...] = ()
    duplicates: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    pages_read: int = 1
    pages_with_entries: int = 0

    @property
    def found(self) -> int:
        """Entries found on the pages: each is stored, or noted as a duplicate of one stored."""
        return len(self.entries) + len(self.duplicates)


@dataclass(frozen=True)
class Action:
    """What ingest will do with one entry file: `status` is new, updated, unchanged, kept or replaced."""

    file: str
    content: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class IngestReport:
    """The outcome of one `coursekit ingest`, for the command to print."""

    model: Model
    actions: tuple[Action, ...]
    write_errors: tuple[str, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for action in self.actions if action.status == status)


# --- Reading and modelling -------------------------------------------------------------

def model_file(path: pathlib.Path, rules: TopicRules) -> Model:
    """The entries of one page file, with the warnings that name the file and line, or its error."""
    name, reader = str(path), PAGE_READERS.get(path.suffix.lower())
    try:
        if path.is_dir():
            raise PageError("is a folder, not a page (give the page files inside it)")
        if not path.exists():
            raise PageError("file not found")
        if reader is None:
            raise PageError(f"unsupported file type '{path.suffix}' (expected {', '.join(sorted(PAGE_READERS))})")
        page = parse_page(reader(path.read_bytes()))
    except PageError as exc:
        return Model(errors=(f"{name}: {exc}",), pages_read=0)
    except OSError as exc:
        return Model(errors=(f"{name}: cannot read ({exc.strerror or exc})",), pages_read=0)
    warnings = [f"{name}:{n.line}: {n.message}" for n in page.notices]
    warnings += [f"{name}: the page lists the topic '{t}', which is not in coursekit's topic list"
                 for t in page.topics if t not in blog_topics()]
    items: list[Ingested] = []
    for raw in page.entries:
        if not slug(raw.title):
            warnings.append(f"{name}:{raw.line}: '{raw.title}': no letters or digits to make an id from; skipped")
            continue
        item, notes = model_entry(raw, rules, name)
        items.append(item)
        warnings += notes
    return Model(tuple(items), warnings=tuple(warnings), pages_with_entries=int(bool(page.entries)))


def model_entry(raw: RawEntry, rules: TopicRules, name: str) -> tuple[Ingested, list[str]]:
    """One RawEntry as an Entry (citation, stats, topics), with warnings naming file and line."""
    citation, warnings = _citation(raw, name)
    summary, implications = _markdown_safe(raw.summary), _markdown_safe(raw.implications)
    text = summary + implications
    entry = Entry(
        id=entry_id(raw.month, raw.title),
        month=raw.month,
        title=raw.title,
        citation=citation,
        summary=summary,
        implications=implications,
        topics=tag(rules, raw.title, text),
        stats=tuple(map(with_finding, entry_stats(summary, implications))),
        incomplete=raw.incomplete,
    )
    return Ingested(entry, name, raw.line, counts_stated(text), entryfile.writes(entry)), warnings


def _markdown_safe(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Paragraphs as the entry file can hold them: a leading '#' would make a Markdown heading."""
    return tuple(re.sub(r"^#+\s*", "", p) or p for p in paragraphs)


def _citation(raw: RawEntry, name: str) -> tuple[Citation, list[str]]:
    where = f"{name}:{raw.line}: '{raw.title}'"
    if raw.citation:
        parsed = parse_citation(raw.citation)
        return parsed.citation, [f"{where}: citation: {problem}" for problem in parsed.problems]
    found = citation_from_text(raw.summary)
    if found is None:
        return Citation(), [f"{where}: no citation line, and no study named in the text; citation left empty"]
    citation, phrase = found
    return citation, [f"{where}: no citation line; took the study from the text ('{phrase}')"]


def model_files(paths: Sequence[pathlib.Path], rules: TopicRules) -> Model:
    """All entries of all page files in page order, duplicates stored once; the files' errors, then warnings.

    Modelling is most of ingest's work (about 1.5 ms an entry), and each file is modelled on its
    own, so many pages are shared out among worker processes, one per core; a few go faster in one.
    """
    workers = min(os.cpu_count() or 1, len(paths))
    if workers < 2 or sum(path.stat().st_size for path in paths if path.is_file()) < PARALLEL_BYTES:
        pages = [model_file(path, rules) for path in paths]
    else:
        with ProcessPoolExecutor(workers) as pool:
            pages = list(pool.map(model_file, paths, itertools.repeat(rules)))
    unique, duplicates = dedupe([item for page in pages for item in page.entries])
    return Model(tuple(unique), tuple(duplicates), tuple(w for page in pages for w in page.warnings),
                 tuple(e for page in pages for e in page.errors), sum(page.pages_read for page in pages),
                 sum(page.pages_with_entries for page in pages))


def dedupe(items: Sequence[Ingested]) -> tuple[list[Ingested], list[str]]:
    """Keep one of each entry: same id (title and month), or same DOI with the same text.

    Two blog posts may discuss one chapter (same DOI, different text): both are kept. Of two
    copies, the complete one wins, then the longer one; it keeps the first copy's place.
    """
    kept: list[Ingested] = []
    by_id: dict[str, int] = {}
    by_doi: dict[str, list[int]] = {}
    notes: list[str] = []
    for item in items:
        index = by_id.get(item.entry.id)
        doi = (item.entry.citation.doi or "").lower()
        if index is None and doi:
            index = next((i for i in by_doi.get(doi, []) if _similar(kept[i].entry, item.entry)), None)
        if index is None:
            by_id[item.entry.id] = len(kept)
            by_doi.setdefault(doi, []).append(len(kept))  # looked up only for a DOI
            kept.append(item)
            continue
        first = kept[index]
        notes.append(f"{item.name}:{item.line}: '{item.entry.title}' is also at {first.name}:{first.line}; stored once")
        if _rank(item.entry) > _rank(first.entry):
            kept[index] = item
            by_id[item.entry.id] = index
    return kept, notes


def _similar(a: Entry, b: Entry) -> bool:
    words_a, words_b = (set(re.findall(r"\w+", " ".join(e.summary + e.implications).casefold())) for e in (a, b))
    union = words_a | words_b
    return bool(union) and len(words_a & words_b) / len(union) >= SIMILAR


def _rank(entry: Entry) -> tuple[bool, int]:
    """Of two copies of an entry, the complete one is kept, then the longer one."""
    return not entry.incomplete, sum(map(len, entry.summary + entry.implications))


# --- Planning and writing -----------------------------------------------------------------

def read_manifest(folder: pathlib.Path) -> tuple[dict[str, str], list[str]]:
    """File name -> SHA-256 of the content ingest last wrote; a bad manifest counts as empty."""
    path = folder / MANIFEST
    if not path.exists():
        return {}, []
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        if isinstance(files, dict) and all(isinstance(v, str) for v in files.values()):
            return dict(files), []
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}, [f"{path}: unreadable; every existing entry file is treated as edited by hand"]


def _action(folder: pathlib.Path, item: Ingested, manifest: dict[str, str], force: bool) -> Action:
    """What happens to one entry's file. Reads the folder, writes nothing."""
    file, content = f"{item.entry.id}.md", item.text
    target = folder / file
    try:
        existing = target.read_text(encoding="utf-8") if target.exists() else None
    except (OSError, UnicodeDecodeError):
        existing = ""
    if existing is None or existing == content:
        return Action(file, content, "new" if existing is None else "unchanged")
    state = edit_state(manifest.get(file), existing)
    if state == "intact":
        return Action(file, content, "updated")
    return Action(file, content, "replaced" if force else "kept", KEPT_REASONS[state])


def manifest_text(records: dict[str, str]) -> str:
    return json.dumps({"format": 1, "files": dict(sorted(records.items()))}, indent=1) + "\n"


def apply(folder: pathlib.Path, actions: Sequence[Action], manifest: dict[str, str]) -> list[str]:
    """Write new, updated and replaced files atomically, then the manifest. Returns write errors."""
    errors: list[str] = []
    records = dict(manifest)
    for action in actions:
        if action.status in ("new", "updated", "replaced"):
            try:
                atomic_write(folder / action.file, action.content)
            except OSError as exc:
                errors.append(f"{folder / action.file}: cannot write ({exc.strerror or exc})")
                continue
        if action.status != "kept":
            records[action.file] = digest(action.content)
    if records != manifest or not (folder / MANIFEST).exists():
        try:
            atomic_write(folder / MANIFEST, manifest_text(records))
        except OSError as exc:
            errors.append(f"{folder / MANIFEST}: cannot write ({exc.strerror or exc})")
    return errors


def ingest(paths: Sequence[pathlib.Path], folder: pathlib.Path, rules: TopicRules,
           force: bool = False) -> IngestReport:
    """Read every page, model every entry, plan every file, then write. The folder is created if missing."""
    return store(model_files(paths, rules), folder, force)


def store(model: Model, folder: pathlib.Path, force: bool = False) -> IngestReport:
    """Plan every entry file of a model, then write: the second half of `ingest`."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: the archive must be a folder, but this is a file")
    if not model.entries:
        return IngestReport(model, ())
    manifest, notes = read_manifest(folder)
    model = replace(model, warnings=model.warnings + tuple(notes))
    actions = tuple(_action(folder, item, manifest, force) for item in model.entries)
    if _missing_or_empty(folder):  # a new archive folder is made whole, at once
        files = {action.file: action.content for action in actions}
        try:
            create_folder(folder, {**files, MANIFEST: manifest_text({f: digest(c) for f, c in files.items()})})
            return IngestReport(model, actions)
        except OSError:
            pass  # written file by file instead, each failure named
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the archive folder ({exc.strerror or exc})") from None
    return IngestReport(model, actions, tuple(apply(folder, actions, manifest)))


def _missing_or_empty(folder: pathlib.Path) -> bool:
    try:
        return not folder.exists() or (folder.is_dir() and next(folder.iterdir(), None) is None)
    except OSError:
        return False


def summary_lines(report: IngestReport, folder: pathlib.Path) -> list[str]:
    """The report printed on stdout: pages, entries, what happened to the files, and why."""
    model = report.model
    incomplete = [item for item in model.entries if item.entry.incomplete]
    stats = sum(len(item.entry.stats) for item in model.entries)
    counts = sum(item.counts for item in model.entries)
    lines = [
        f"pages: {model.pages_read} read ({model.pages_read - model.pages_with_entries} without entries), "
        f"{len(model.errors)} unreadable",
        f"entries: {model.found} found, {len(model.duplicates)} duplicate, {len(incomplete)} incomplete; "
        f"{stats} effect sizes and {counts} counts (k, N, %) extracted",
        f"archive {folder}: {report.count('new')} new, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged, {report.count('kept')} kept (edited by hand), "
        f"{report.count('replaced')} replaced",
        f"{sum(bool(stat.label) for item in model.entries for stat in item.entry.stats)} of {stats} effect sizes "
        "got a finding label",
    ]
    lines += [f"duplicate: {note}" for note in model.duplicates]
    lines += [f"incomplete: {item.name}:{item.line}: {item.entry.id}" for item in incomplete]
    lines += [f"kept: {folder / a.file}: {a.reason} (use --force to replace it)"
              for a in report.actions if a.status == "kept"]
    lines += [f"replaced: {folder / a.file}: {a.reason}" for a in report.actions if a.status == "replaced"]
    return lines
