"""Item statistics from class results (one progress file per trainee), read as Moodle's quiz statistics.

Facility is the share who chose the correct option. Discrimination is the corrected item-total
correlation: Pearson's r, over the trainees who answered the question, between its 0/1 score and the
trainee's score on the rest (their other correct answers; a question they did not answer counts 0,
as in Moodle); None when everyone or no one got it right or all rest scores are equal. Flags follow
Moodle's reading: facility over 90% is "very easy", under 30% difficult, and a negative discrimination
means the weaker trainees did better, so the question is "probably invalid" (a wrong key, or a misleading option).

A file keeps one answer per question and quiz, the trainee's latest: practice sets bring wrongly
answered questions back, so a facility here can read higher than one from first attempts. A question
answered in more than one quiz (its module's and an assignment's) counts once per trainee, with the
answer `Progress.answer` finds first.
"""
from __future__ import annotations

import collections
import statistics
from dataclasses import dataclass

from coursekit.content import escape
from coursekit.supervision.progress import Answer, Progress, report_formats

MIN_ANSWERS = 5
TOO_EASY = 0.9
TOO_HARD = 0.3
NEGATIVE_DISCRIMINATION = 0.0
SHOWN_OPTION = 60  # characters of a wrong option shown in the table and markdown formats


@dataclass(frozen=True)
class ItemStats:
    question: str
    answers: int
    facility: float
    discrimination: float | None
    wrong_option: str  # the most chosen wrong option's text; "" when no one chose a wrong option
    wrong_count: int

    @property
    def flags(self) -> tuple[str, ...]:
        negative = self.discrimination is not None and self.discrimination < NEGATIVE_DISCRIMINATION
        found = {"too easy": self.facility > TOO_EASY, "too hard": self.facility < TOO_HARD,
                 "negative discrimination": negative}
        return tuple(flag for flag, raised in found.items() if raised)


def item_stats(trainees: list[Progress], minimum: int = MIN_ANSWERS) -> tuple[list[ItemStats], int]:
    """Statistics of every question answered by at least `minimum` trainees, flagged ones first,
    and the number of questions left out for having fewer answers."""
    by_question: dict[str, list[tuple[Answer, int]]] = collections.defaultdict(list)
    for trainee in trainees:
        answers = {question: trainee.answer(question, "") for quiz in trainee.quizzes.values() for question in quiz}
        total = sum(answer.correct for answer in answers.values())
        for question, answer in answers.items():
            by_question[question].append((answer, total))
    stats = [question_stats(question, given) for question, given in by_question.items() if len(given) >= minimum]
    stats.sort(key=lambda item: (not item.flags, item.question))
    return stats, len(by_question) - len(stats)


def question_stats(question: str, given: list[tuple[Answer, int]]) -> ItemStats:
    """One question's statistics from each trainee's answer to it and total score."""
    scores = [int(answer.correct) for answer, _ in given]
    rests = [total - score for score, (_, total) in zip(scores, given)]
    wrong = collections.Counter(answer.text or f"option {answer.option + 1}" for answer, _ in given
                                if not answer.correct)
    option, count = min(wrong.items(), key=lambda pair: (-pair[1], pair[0])) if wrong else ("", 0)
    try:
        discrimination: float | None = statistics.correlation(scores, rests)
    except statistics.StatisticsError:  # undefined: fewer than two answers, or either side constant
        discrimination = None
    return ItemStats(question=question, answers=len(given), facility=sum(scores) / len(scores),
                     discrimination=discrimination, wrong_option=option, wrong_count=count)


# --- formats ---------------------------------------------------------------------------------------

HEADINGS = ("question", "answers", "facility", "discrimination", "most chosen wrong option", "flags")
CSV_FIELDS = ("question", "answers", "facility", "discrimination", "wrong_option", "wrong_count", "flags")


def _cells(item: ItemStats) -> tuple[str, ...]:
    option = escape.printable(" ".join(item.wrong_option.split()))
    if len(option) > SHOWN_OPTION:
        option = option[:SHOWN_OPTION - 1] + "…"
    return (escape.printable(item.question), str(item.answers), f"{item.facility:.2f}",
            "-" if item.discrimination is None else f"{item.discrimination:.2f}",
            f"{option} ({item.wrong_count})" if item.wrong_count else "-", ", ".join(item.flags) or "-")


FORMATS = report_formats(HEADINGS, _cells, CSV_FIELDS, lambda item: (
    item.question, item.answers, round(item.facility, 4),
    "" if item.discrimination is None else round(item.discrimination, 4),
    item.wrong_option, item.wrong_count, "; ".join(item.flags)))
