"""The guides' examples are real: the progress file in the supervisors' guide reads as one."""
from __future__ import annotations

import pathlib
import re

from coursekit.supervision.progress import parse_progress

GUIDE = pathlib.Path(__file__).resolve().parents[1] / "book" / "supervisors.md"


def test_the_supervisors_guide_shows_a_valid_progress_file_with_practice_sets():
    example = re.search(r"```json\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)
    progress = parse_progress(example, "supervisors.md")
    assert progress.trainee == "Alex Doe"
    assert progress.practice["alliance"].sets == 3
