"""Checks that archive text is our own and that its numbers come from the seed pages.

Used by tests/test_default_archive.py and runnable by hand while writing entries:

    python tests/seedcheck.py archive/*.md
"""
from __future__ import annotations

import pathlib
import re
import sys

SEEDS = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
RUN = 12
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(text: str, size: int = RUN) -> set[str]:
    tokens = words(text)
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def copied_runs(text: str, seed_runs: set[str]) -> list[str]:
    return sorted(runs(text) & seed_runs)


def unknown_numbers(text: str, seed_numbers: set[str]) -> list[str]:
    return sorted(numbers(text) - seed_numbers)


def prose_of(path: pathlib.Path) -> str:
    """Everything an entry file says in words: body, quiz and prompts, not ids or dates."""
    import yaml

    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    meta = yaml.safe_load(front)
    parts = [body]
    for item in meta.get("quiz") or []:
        parts += [item.get("stem", ""), item.get("feedback", "")]
        parts += [str(o) for o in item.get("options", [])]
    parts += [str(p) for p in meta.get("prompts") or []]
    parts += [str(s.get("text", "")) for s in meta.get("stats") or []]
    return "\n".join(parts)


def main(paths: list[str]) -> int:
    seed = seed_text()
    seed_runs, seed_numbers = runs(seed), numbers(seed)
    bad = 0
    for name in paths:
        text = prose_of(pathlib.Path(name))
        for run in copied_runs(text, seed_runs):
            print(f"{name}: copied 12-word run: {run}")
            bad += 1
        for number in unknown_numbers(text, seed_numbers):
            print(f"{name}: number not stated on the seed pages: {number}")
            bad += 1
    print(f"{len(paths)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
