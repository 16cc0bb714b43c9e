"""The committed generated files are exactly what `coursekit generate` makes from the sources."""
from __future__ import annotations

import pathlib

from conftest import REPO, copy_default_course

from coursekit.site.generate import generate

GENERATED = ("_toc.yml", "modules", "exercises", "_static", "references.bib")


def files_under(root: pathlib.Path) -> dict[str, bytes]:
    found = {}
    for name in GENERATED:
        path = root / name
        items = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        found.update((str(p.relative_to(root)), p.read_bytes()) for p in items)
    return found


def test_committed_generated_files_are_up_to_date(tmp_path):
    fresh = copy_default_course(tmp_path / "fresh")
    generate(fresh, strict=True)
    assert files_under(fresh) == files_under(REPO)
