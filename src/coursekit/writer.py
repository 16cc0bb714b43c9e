"""The writer: atomic writes inside the course folder only, never over a file someone edited.

Every generated file carries a digest of its own content (a header comment, or notebook
metadata). When the file on disk no longer matches its digest, a person edited it: the writer
keeps it and reports it, unless `force` is given. Files whose bytes would not change are not
touched, so a second `coursekit generate` leaves the tree as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import secrets
import shutil
from dataclasses import dataclass, field
from typing import Mapping

from coursekit.errors import WriteRefused

NOTEBOOK_KEY = "coursekit"
HEADER = re.compile(r"^(?:#|%|/\*|<!--) coursekit-generated sha256=([0-9a-f]{64})(?: \*/| -->)?\n")
COMMENTS = {".yml": ("# ", ""), ".yaml": ("# ", ""), ".js": ("/* ", " */"), ".css": ("/* ", " */"),
            ".bib": ("% ", ""), ".svg": ("<!-- ", " -->")}
NOTICE = "coursekit-generated sha256={digest}"
NEW_FILE_MODE = 0o644  # rw-r--r--: a web server must be able to read what we write


@dataclass(frozen=True)
class Output:
    """One file the pipeline wants on disk, path relative to the course folder."""

    path: str
    content: str
    stamped: bool = False  # the content carries its digest already (`stamp`, `stamp_notebook`)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def digest(text: str) -> str:
    """SHA-256 of the text as UTF-8, in hex: what generated files and ingest's manifest record."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()



def _canonical(nb: dict) -> str:
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def stamp(path: str, content: str) -> str:
    """Add the self-digest to generated content."""
    suffix = pathlib.PurePath(path).suffix
    if suffix == ".ipynb":
        return stamp_notebook(_canonical(json.loads(content)))
    opener, closer = COMMENTS[suffix]
    return f"{opener}{NOTICE.format(digest=digest(content))}{closer}\n{content}"


TOP_METADATA = '\n "metadata": {\n'  # canonical JSON: only top-level keys are indented by one space
METADATA_KEY = re.compile(r'  ("(?:[^"\\]|\\.)*"): ')


def stamp_notebook(canonical: str) -> str:
    """`stamp` of a notebook already in canonical form (`_canonical`; `notebooks.writes` makes it):
    its digest, written into the top-level metadata as text instead of decoding and re-encoding it.
    The block goes first in the metadata, which is right while the first key sorts after ours."""
    at = canonical.find(TOP_METADATA)
    if at < 0 or not _sorts_after(canonical, at + len(TOP_METADATA)):
        nb = json.loads(canonical)
        nb["metadata"][NOTEBOOK_KEY] = {"generated": True, "sha256": digest(canonical)}
        return _canonical(nb)
    block = f'  "{NOTEBOOK_KEY}": {{\n   "generated": true,\n   "sha256": "{digest(canonical)}"\n  }},\n'
    opened = at + len(TOP_METADATA)
    return canonical[:opened] + block + canonical[opened:]


def _sorts_after(canonical: str, line_start: int) -> bool:
    """Does the metadata line at `line_start` hold a key that sorts after NOTEBOOK_KEY?"""
    match = METADATA_KEY.match(canonical, line_start)
    return bool(match) and json.loads(match.group(1)) > NOTEBOOK_KEY


def generated_state(path: str, text: str) -> str:
    """'intact', 'edited' (generated, then changed by hand) or 'foreign' (not ours)."""
    if path.endswith(".ipynb"):
        try:
            nb = json.loads(text)
            meta = nb.get("metadata", {}).pop(NOTEBOOK_KEY)
        except (ValueError, KeyError, AttributeError):
            return "foreign"
        return "intact" if digest(_canonical(nb)) == meta.get("sha256") else "edited"
    match = HEADER.match(text)
    if not match:
        return "foreign"
    return "intact" if digest(text[match.end():]) == match.group(1) else "edited"


def safe_target(root: pathlib.Path, relative: str) -> pathlib.Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise WriteRefused(f"{relative}: refused to write outside the course folder {root}")
    return target


def atomic_write(target: pathlib.Path, content: str | bytes) -> None:
    """Write via a temporary file in the same folder and a rename: readers see old or new, never half.

    The file keeps the permissions of the one it replaces (a new file gets rw-r--r--), since the
    temporary file starts private. Plain os calls: tempfile's own machinery costs more than the
    write itself when ingest writes thousands of entry files.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = os.stat(target).st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    temp = _temporary(target)
    try:
        _write_new(temp, data, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _temporary(target: pathlib.Path) -> pathlib.Path:
    """A name beside `target` that no other writer uses."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _write_new(path: pathlib.Path, data: bytes, mode: int) -> None:
    """Create `path` (it must not exist) private, write `data`, then give it `mode`."""
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        out.write(data)
        os.fchmod(out.fileno(), mode)


def create_folder(target: pathlib.Path, files: Mapping[str, str]) -> None:
    """Make the folder `target` (missing, or empty) holding `files` (name -> text), all at once.

    The files are written into a temporary folder beside it, which is then renamed: readers see no
    folder or all of it. Half the file system work of `atomic_write` per file, as no file is renamed.
    """
    staging = _temporary(target)
    for name in files:
        if pathlib.PurePath(name).name != name or name in (".", ".."):
            raise WriteRefused(f"{name}: refused to write outside {target}")
    staging.mkdir(parents=True)
    try:
        for name, content in files.items():
            _write_new(staging / name, content.encode("utf-8"), NEW_FILE_MODE)
        if target.is_dir():
            target.rmdir()  # only an empty folder can be replaced
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_outputs(root: pathlib.Path, outputs: list[Output], force: bool = False,
                  stale_dirs: tuple[str, ...] = ()) -> WriteReport:
    """Write every output that changed; keep edited files; remove stale generated ones."""
    report = WriteReport()
    wanted = set()
    for output in outputs:
        target = safe_target(root, output.path)
        wanted.add(target)
        content = output.content if output.stamped else stamp(output.path, output.content)
        existing = target.read_text(encoding="utf-8") if target.exists() else None
        if existing == content:
            report.unchanged.append(output.path)
        elif existing is not None and not force and generated_state(output.path, existing) != "intact":
            report.kept.append(output.path)
        else:
            atomic_write(target, content)
            report.written.append(output.path)
    for folder in stale_dirs:
        report.removed += _remove_stale(root, folder, wanted)
    return report


def _remove_stale(root: pathlib.Path, folder: str, wanted: set[pathlib.Path]) -> list[str]:
    removed = []
    for path in sorted((root / folder).glob("*.ipynb")):
        if path.resolve() in wanted:
            continue
        if generated_state(path.name, path.read_text(encoding="utf-8")) == "intact":
            path.unlink()
            removed.append(str(path.relative_to(root)))
    return removed
