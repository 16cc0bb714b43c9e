"""The archive reader: every entry file read before anything is written, one bad file never stopping the others."""
from __future__ import annotations

import pathlib
from dataclasses import dataclass, replace
from typing import Iterable

from coursekit.archive import entryfile
from coursekit.model import Entry
from coursekit.text import archive_order


@dataclass(frozen=True)
class Archive:
    entries: tuple[Entry, ...]
    problems: tuple[str, ...]


def read_archive(folder: pathlib.Path, base: pathlib.Path | None = None) -> Archive:
    """The entries of every entry file (*.md) in `folder`, newest month first, then by id, and one-line
    problems for the files that could not be read."""
    if not folder.is_dir():
        return Archive((), (f"{folder}: archive folder not found",))
    paths = [path for path in sorted(folder.iterdir())
             if path.suffix.lower() == ".md" and not path.name.startswith(".")]
    results = [_read_one(path, _display_name(path, base)) for path in paths]
    entries = [entry for entry, _ in results if entry is not None]
    problems = [problem for _, found in results for problem in found]
    return Archive(tuple(sorted(entries, key=archive_order)), tuple(problems))


def stored_archive(entries: Iterable[Entry], folder: pathlib.Path, base: pathlib.Path | None = None) -> Archive:
    """What `read_archive(folder, base)` gives once these entries have just been written to their
    files there (an entry file reads back as the entry written), without reading them back."""
    named = (replace(entry, source_path=_display_name(folder / f"{entry.id}.md", base)) for entry in entries)
    return Archive(tuple(sorted(named, key=archive_order)), ())


def _read_one(path: pathlib.Path, name: str) -> tuple[Entry | None, tuple[str, ...]]:
    """One entry file: the entry, or the problems that stopped it."""
    try:
        entry = entryfile.reads(path.read_text(encoding="utf-8"), name)
    except entryfile.EntryError as exc:
        return None, tuple(exc.problems)
    except UnicodeDecodeError as exc:
        return None, (f"{name}: not UTF-8 text (byte {exc.start})",)
    except OSError as exc:
        return None, (f"{name}: cannot read ({exc.strerror})",)
    if entry.id != path.stem:
        return None, (f"{name}: id: '{entry.id}' does not match the file name '{path.stem}'",)
    return entry, ()


def _display_name(path: pathlib.Path, base: pathlib.Path | None) -> str:
    return str(path.relative_to(base) if base is not None and path.is_relative_to(base) else path)
