"""`nbtext.writes` gives exactly the text of nbformat's own writer, faster."""
from __future__ import annotations

import random

import nbformat
import pytest
from nbformat import v4

from conftest import REPO
from coursekit.content import nbtext

CHARACTERS = "ab Z\u00e9\u00f8\u201c\u2212\\\"'\n\r\t\x00\x1f\x7f\u2028\u0085{}[]<>:,`*_ \U0001f600"


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(CHARACTERS) for _ in range(rng.randrange(0, 40)))


def random_metadata(rng: random.Random, depth: int = 0) -> dict:
    values = [lambda: random_text(rng), lambda: rng.randrange(-5, 10**12), lambda: rng.choice([True, False, None]),
              lambda: [random_text(rng) for _ in range(rng.randrange(0, 3))], lambda: [], lambda: {},
              lambda: [rng.randrange(3), random_text(rng), None]]
    if depth < 2:
        values.append(lambda: random_metadata(rng, depth + 1))
    return {random_text(rng): rng.choice(values)() for _ in range(rng.randrange(0, 4))}


def random_notebook(rng: random.Random) -> nbformat.NotebookNode:
    cells = []
    for number in range(rng.randrange(0, 6)):
        make = rng.choice([v4.new_markdown_cell, v4.new_code_cell, v4.new_raw_cell])
        cell = make(random_text(rng), metadata=random_metadata(rng))
        cell.id = f"cell-{number}"
        cells.append(cell)
    return v4.new_notebook(cells=cells, metadata=random_metadata(rng))


def test_random_notebooks_are_written_as_nbformat_writes_them():
    rng = random.Random(7)
    for _ in range(3000):
        nb = random_notebook(rng)
        assert nbtext.writes(nb) == v4.writes(nb)


@pytest.mark.parametrize("folder", ["modules", "exercises"])
def test_the_courses_notebooks_are_written_as_nbformat_writes_them(folder):
    paths = sorted((REPO / folder).glob("*.ipynb"))
    assert paths
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        assert nbtext.writes(nb) + "\n" == path.read_text(encoding="utf-8") == v4.writes(nb) + "\n", path


def test_what_it_cannot_write_the_same_way_goes_to_nbformat():
    nb = v4.new_notebook(cells=[v4.new_code_cell("1", outputs=[v4.new_output("stream", text="1\n")])],
                         metadata={"float": 0.5, "orig_nbformat": 3})
    for changed in (nb, v4.new_notebook(metadata={"ratio": 0.1}), v4.new_notebook(metadata={"orig_nbformat": 3})):
        assert nbtext.writes(changed) == v4.writes(changed)
    assert "orig_nbformat" not in nbtext.writes(v4.new_notebook(metadata={"orig_nbformat": 3}))
