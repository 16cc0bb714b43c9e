"""Item statistics from class results: which quiz questions work.

`coursekit progress report --items FILE...` reads trainees' progress files (one file, one trainee)
and gives, for every question answered by at least `minimum` trainees:

- answers         how many trainees answered it;
- facility        the share of them who chose the correct option (Moodle's "facility index":
                  1.0 everyone right, 0.0 no one);
- discrimination  the corrected item-total correlation (Moodle's "discrimination index"): the
                  Pearson correlation, over the trainees who answered this question, between the
                  question's score (1 right, 0 wrong) and the same trainee's score on the rest of
                  what they answered (their number of correct answers minus this question's score).
                  With a 0/1 item this is the point-biserial correlation. A question the good
                  trainees get right and the weak ones get wrong is near +1; it is undefined (None)
                  when everyone, or no one, got the question right, or all rest scores are equal.
                  A trainee's total counts every distinct question in their file once; a question
                  they did not answer counts 0, as Moodle does for an unanswered question;
- the most chosen wrong option, by the text recorded with the answer, and how many chose it.

It flags a question as too easy (facility above TOO_EASY), too hard (below TOO_HARD) or
discriminating negatively (below NEGATIVE_DISCRIMINATION), the way Moodle's quiz statistics read
them: facility 90-100% is "very" or "extremely easy", under 30% difficult; a negative
discrimination index means the weaker trainees did better than the stronger, and the question
"probably invalid" (a wrong key, or a misleading option).

A file keeps one answer per question and quiz: the trainee's latest (the site and the live notebook
overwrite an earlier one). Practice sets bring wrongly answered questions back, so a facility here
can read higher than one from first attempts. A question answered in more than one quiz (its
module's and an assignment's) is counted once per trainee, with the answer `Progress.answer` finds
first.
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
        found = []
        if self.facility > TOO_EASY:
            found.append("too easy")
        if self.facility < TOO_HARD:
            found.append("too hard")
        if self.discrimination is not None and self.discrimination < NEGATIVE_DISCRIMINATION:
            found.append("negative discrimination")
        return tuple(found)


def answers_by_trainee(progress: Progress) -> dict[str, Answer]:
    """Each question the trainee answered, once, with the answer `Progress.answer` finds first."""
    questions = {question for quiz in progress.quizzes.values() for question in quiz}
    return {question: progress.answer(question, "") for question in sorted(questions)}


def item_stats(trainees: list[Progress], minimum: int = MIN_ANSWERS) -> tuple[list[ItemStats], int]:
    """Statistics of every question answered by at least `minimum` trainees, flagged ones first,
    and the number of questions left out for having fewer answers."""
    answered = [answers_by_trainee(progress) for progress in trainees]
    totals = [sum(answer.correct for answer in answers.values()) for answers in answered]
    by_question: dict[str, list[tuple[Answer, int]]] = collections.defaultdict(list)
    for answers, total in zip(answered, totals):
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
    return ItemStats(question=question, answers=len(given), facility=sum(scores) / len(scores),
                     discrimination=correlation(scores, rests), wrong_option=option, wrong_count=count)


def correlation(xs: list[int], ys: list[int]) -> float | None:
    """Pearson's r, or None where it is undefined (fewer than two values, or one side constant)."""
    if len(xs) < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    return statistics.correlation(xs, ys)


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
