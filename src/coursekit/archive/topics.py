"""The blog's own topic names: the vocabulary of an entry's `topics` and of module rules."""
from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def blog_topics() -> tuple[str, ...]:
    """The blog's own topic names, as its pages list them."""
    text = resources.files("coursekit").joinpath("data/topics.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())
