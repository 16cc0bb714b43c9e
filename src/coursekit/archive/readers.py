"""Readers, registered by file extension, in the manner of Pelican.

`read_archive(folder)` reads every entry file of an archive first, before anything is written,
and returns the entries that could be read together with one-line problems for those that could
not: one bad file never stops the others.
"""
from __future__ import annotations

import pathlib
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from coursekit.archive import entryfile
from coursekit.model import Entry
from coursekit.text import archive_order

Reader = Callable[[pathlib.Path, str], Entry]


def read_entry_file(path: pathlib.Path, name: str) -> Entry:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise entryfile.EntryError([f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    entry = entryfile.reads(text, name)
    if entry.id != path.stem:
        raise entryfile.EntryError([f"{name}: id: '{entry.id}' does not match the file name '{path.stem}'"])
    return entry


ARCHIVE_READERS: dict[str, Reader] = {".md": read_entry_file}


@dataclass(frozen=True)
class Archive:
    entries: tuple[Entry, ...]
    problems: tuple[str, ...]


def read_archive(folder: pathlib.Path, base: pathlib.Path | None = None) -> Archive:
    """Read every entry file under `folder`, newest month first, then by id."""
    if not folder.is_dir():
        return Archive((), (f"{folder}: archive folder not found",))
    paths = [path for path in sorted(folder.iterdir())
             if path.suffix.lower() in ARCHIVE_READERS and not path.name.startswith(".")]
    results = [_read_one(path, base) for path in paths]
    entries = [entry for entry, _ in results if entry is not None]
    problems = [problem for _, found in results for problem in found]
    return Archive(tuple(sorted(entries, key=archive_order)), tuple(problems))


def stored_archive(entries: Iterable[Entry], folder: pathlib.Path, base: pathlib.Path | None = None) -> Archive:
    """What `read_archive(folder, base)` gives once these entries have just been written to their
    files there (an entry file reads back as the entry written), without reading them back."""
    named = (replace(entry, source_path=_display_name(folder / f"{entry.id}.md", base)) for entry in entries)
    return Archive(tuple(sorted(named, key=archive_order)), ())


def _read_one(path: pathlib.Path, base: pathlib.Path | None) -> tuple[Entry | None, tuple[str, ...]]:
    """One entry file read by its reader: the entry, or the problems that stopped it."""
    name = _display_name(path, base)
    try:
        return ARCHIVE_READERS[path.suffix.lower()](path, name), ()
    except entryfile.EntryError as exc:
        return None, tuple(exc.problems)
    except OSError as exc:
        return None, (f"{name}: cannot read ({exc.strerror})",)


def _display_name(path: pathlib.Path, base: pathlib.Path | None) -> str:
    if base is not None:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return str(path)
