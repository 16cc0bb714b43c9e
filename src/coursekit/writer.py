"""The writer: atomic writes inside the course folder only, never over a file someone edited.

coursekit records the SHA-256 of what it wrote (`digest`); before writing over a file, `edit_state`
says whether it is 'intact' (coursekit may replace it), 'edited' since, or 'foreign' (no record).
Edited and foreign files are kept and reported unless `force` is given; files whose bytes would not
change are not touched, so running a command twice leaves the tree as it was.

Generated files carry their own digest (`stamp`: a header comment, or the notebook's metadata), which
tells a reader the file is generated and stays true when the folder is copied or the file renamed.
Archive entry files are the user's sources, where a digest line would be noise in a person's data:
ingest records their digests beside them, in the archive's manifest (ingest.importer).
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Mapping

import nbformat

from coursekit.errors import WriteRefused

NOTEBOOK_KEY = "coursekit"
HEADER = re.compile(r"^(?:#|%|/\*|<!--) coursekit-generated sha256=([0-9a-f]{64})(?: \*/| -->)?\n")
COMMENTS = {".yml": ("# ", ""), ".yaml": ("# ", ""), ".js": ("/* ", " */"), ".mjs": ("/* ", " */"),
            ".css": ("/* ", " */"), ".bib": ("% ", ""), ".svg": ("<!-- ", " -->")}
NEW_FILE_MODE = 0o644  # rw-r--r--: a web server must be able to read what we write


@dataclass(frozen=True)
class Output:
    """One file the pipeline wants on disk, path relative to the course folder: its text, or a notebook."""

    path: str
    content: str | nbformat.NotebookNode


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def digest(text: str) -> str:
    """SHA-256 of the text as UTF-8, in hex: what generated files and ingest's manifest record."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def edit_state(recorded: str | None, text: str) -> str:
    """'intact' (`text` is what coursekit recorded writing), 'edited' (changed since) or 'foreign' (no record)."""
    return "foreign" if recorded is None else "intact" if digest(text) == recorded else "edited"


def stamp(path: str, content: str | nbformat.NotebookNode) -> str:
    """A generated file's text with its own digest: in a notebook's metadata (its text made by
    `nbformat.writes`, which validates it), else in a header comment."""
    if isinstance(content, nbformat.NotebookNode):
        stamped = {**content.metadata, NOTEBOOK_KEY: {"generated": True, "sha256": digest(unstamped_text(content))}}
        return nbformat.writes(nbformat.NotebookNode({**content, "metadata": nbformat.from_dict(stamped)})) + "\n"
    opener, closer = COMMENTS[pathlib.PurePath(path).suffix]
    return f"{opener}coursekit-generated sha256={digest(content)}{closer}\n{content}"


def unstamped_text(nb: nbformat.NotebookNode) -> str:
    """What a notebook's digest is taken of: its text (unvalidated) without metadata.coursekit. (Copying
    the top level is enough, here and in `stamp`: nbformat's writers copy the rest.)"""
    metadata = {key: value for key, value in nb.metadata.items() if key != NOTEBOOK_KEY}
    return nbformat.v4.writes(nbformat.NotebookNode({**nb, "metadata": nbformat.from_dict(metadata)})) + "\n"


def generated_state(path: str, text: str) -> str:
    """`edit_state` of a file on disk against the digest it carries ('foreign' if it carries none)."""
    if path.endswith(".ipynb"):
        try:
            nb = nbformat.v4.reads(text)
            recorded = nb.metadata[NOTEBOOK_KEY]["sha256"]
        except (ValueError, KeyError, AttributeError, TypeError):
            return "foreign"
        return edit_state(recorded, unstamped_text(nb)) if isinstance(recorded, str) else "foreign"
    match = HEADER.match(text)
    return edit_state(match.group(1), text[match.end():]) if match else "foreign"


def safe_target(root: pathlib.Path, relative: str) -> pathlib.Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise WriteRefused(f"{relative}: refused to write outside the course folder {root}")
    return target


def atomic_write(target: pathlib.Path, content: str | bytes) -> None:
    """Write via a temporary file in the same folder and a rename: readers see old or new, never half.
    The file keeps the permissions of the one it replaces (the temporary file starts private)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = os.stat(target).st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with open(handle, "wb") as out:
            out.write(content.encode("utf-8") if isinstance(content, str) else content)
            os.fchmod(handle, mode)
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise


def create_folder(target: pathlib.Path, files: Mapping[str, str]) -> None:
    """Make the folder `target` (missing, or empty) holding `files` (name -> text), all at once: they
    are written into a temporary folder beside it, which is then renamed (no file is renamed)."""
    for name in files:
        if pathlib.PurePath(name).name != name or name in (".", ".."):
            raise WriteRefused(f"{name}: refused to write outside {target}")
    staging = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    staging.mkdir(parents=True)
    try:
        for name, content in files.items():  # each made new (O_EXCL) and private, then given its mode
            with open(os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(content.encode("utf-8"))
                os.fchmod(out.fileno(), NEW_FILE_MODE)
        if target.is_dir():
            target.rmdir()  # only an empty folder can be replaced
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_outputs(root: pathlib.Path, outputs: list[Output], force: bool = False,
                  stale_dirs: tuple[str, ...] = ()) -> WriteReport:
    """Write every output that changed; keep edited files; remove stale generated ones: the notebooks
    of each folder of `stale_dirs`, or the files an entry with a `*` matches (a glob in `root`)."""
    report = WriteReport()
    wanted = set()
    for output in outputs:
        target = safe_target(root, output.path)
        wanted.add(target)
        content = stamp(output.path, output.content)
        existing = target.read_text(encoding="utf-8") if target.exists() else None
        if existing == content:
            report.unchanged.append(output.path)
        elif existing is not None and not force and generated_state(output.path, existing) != "intact":
            report.kept.append(output.path)
        else:
            atomic_write(target, content)
            report.written.append(output.path)
    for folder in stale_dirs:
        for path in sorted(root.glob(folder if "*" in folder else f"{folder}/*.ipynb")):
            if (path.resolve() not in wanted
                    and generated_state(path.name, path.read_text(encoding="utf-8")) == "intact"):
                path.unlink()
                report.removed.append(str(path.relative_to(root)))
    return report
