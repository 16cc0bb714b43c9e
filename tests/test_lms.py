"""LMS exports, read back: QTI 1.2 (zipfile + ElementTree), Moodle XML (ElementTree), GIFT (a parser here)."""
from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from conftest import REPO, run_cli

from coursekit.content.quiz import Question, module_bank
from coursekit.planning.themes import load_plan
from coursekit.supervision import lms

PLAN, _ = load_plan(REPO)
BANKS = {p.module.id: module_bank(p) for p in PLAN.modules}
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
HOSTILE = Question(id="h-q1", entry_id="h", stem='Which {one} ~ = # : is \\ right? <b>"x"</b> & y',
                   options=("=a~b", "{c}#d", "e: f \\ g", "<i>h</i>"), answers=("{c}#d", "e: f \\ g"),
                   feedback="Because #1 {see} ~ this: a=b & <script>.", difficulty="hard",
                   reference="Doe, J. (2020). T: A {title}. https://doi.org/10.1/x", reading_url="../m.html#x")


def plain(markup: str) -> str:
    """HTML as the trainee reads it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def same_text(markup: str, original: str) -> bool:
    return " ".join(plain(markup).split()) == " ".join(original.split())


# --- readers ------------------------------------------------------------------------------

def read_qti(data: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        hrefs = [f.get("href") for f in manifest.iter() if f.tag.endswith("}file")]
        quizzes = {}
        for href in hrefs:
            root = ET.fromstring(archive.read(href))
            assessment = root.find(f"{QTI}assessment")
            quizzes[assessment.get("ident")] = [qti_item(item) for item in root.iter(f"{QTI}item")]
    return quizzes


def qti_item(item: ET.Element) -> dict:
    labels = {label.get("ident"): label.find(f".//{QTI}mattext").text for label in item.iter(f"{QTI}response_label")}
    condition = item.find(f".//{QTI}respcondition[@continue='No']/{QTI}conditionvar/{QTI}and")
    right = [v.text for v in condition.findall(f"{QTI}varequal")]
    wrong = [v.text for v in condition.findall(f"{QTI}not/{QTI}varequal")]
    assert sorted(right + wrong) == sorted(labels)
    return {"id": item.get("ident"), "stem": item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text,
            "options": list(labels.values()), "answers": [labels[i] for i in right],
            "feedback": item.find(f".//{QTI}itemfeedback//{QTI}mattext").text}


def read_moodle(data: bytes) -> dict[str, list[dict]]:
    quizzes: dict[str, list[dict]] = {}
    current = None
    for question in ET.fromstring(data).findall("question"):
        if question.get("type") == "category":
            current = quizzes.setdefault(question.findtext("category/text").rsplit("/", 1)[1], [])
            continue
        answers = question.findall("answer")
        current.append({"id": question.findtext("name/text"), "stem": question.findtext("questiontext/text"),
                        "options": [a.findtext("text") for a in answers],
                        "answers": [a.findtext("text") for a in answers if float(a.get("fraction")) > 0],
                        "feedback": question.findtext("generalfeedback/text")})
    return quizzes


def marks(text: str) -> list[tuple[str, bool]]:
    """GIFT text as (character, was it escaped) pairs."""
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            out.append((text[index + 1], True))
            index += 2
        else:
            out.append((text[index], False))
            index += 1
    return out


def find(chars: list[tuple[str, bool]], token: str, start: int = 0) -> int:
    for index in range(start, len(chars) - len(token) + 1):
        if all(not chars[index + k][1] and chars[index + k][0] == token[k] for k in range(len(token))):
            return index
    return -1


def joined(chars: list[tuple[str, bool]]) -> str:
    return "".join(c for c, _ in chars).strip()


def read_gift(data: bytes) -> dict[str, list[dict]]:
    quizzes: dict[str, list[dict]] = {}
    current: list[dict] = []
    for block in data.decode("utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        if lines and lines[0].startswith("$CATEGORY:"):
            current = quizzes.setdefault(lines[0].rsplit("/", 1)[1], [])
            lines = lines[1:]
        if lines:
            current.append(gift_question(marks("\n".join(lines))))
    return quizzes


def gift_question(chars: list[tuple[str, bool]]) -> dict:
    assert find(chars, "::") == 0
    title_end = find(chars, "::", 2)
    opening, closing = find(chars, "{"), max(i for i, (c, e) in enumerate(chars) if c == "}" and not e)
    stem = joined(chars[title_end + 2:opening])
    assert stem.startswith("[html]")
    body = chars[opening + 1:closing]
    general = find(body, "####")
    answers = gift_answers(body[:general])
    return {"id": joined(chars[2:title_end]), "stem": stem[len("[html]"):], "options": [a[0] for a in answers],
            "answers": [a[0] for a in answers if a[1]], "feedback": joined(body[general + 4:])}


def gift_answers(body: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    starts = [i for i, (c, e) in enumerate(body) if c in "~=" and not e]
    answers = []
    for start, end in zip(starts, starts[1:] + [len(body)]):
        text = joined(body[start + 1:end])
        weight = re.match(r"^%(-?[\d.]+)%", text)
        correct = body[start][0] == "=" or (weight is not None and float(weight[1]) > 0)
        answers.append((text[weight.end():] if weight else text, correct))
    return answers


READERS = {"qti": read_qti, "moodle": read_moodle, "gift": read_gift}


# --- tests --------------------------------------------------------------------------------

def assert_round_trip(parsed: dict[str, list[dict]], banks: dict[str, list[Question]]) -> None:
    assert list(parsed) == list(banks)
    for quiz_id, bank in banks.items():
        items = parsed[quiz_id]
        assert len(items) == len(bank), quiz_id                           # bank -> file -> parsed
        assert [i["id"] for i in items] == [q.id for q in bank]
        by_id = {q.id: q for q in bank}
        for item in items:                                                 # parsed -> bank
            question = by_id[item["id"]]
            assert same_text(item["stem"], question.stem)
            assert [plain(o) for o in item["options"]] == list(question.options)
            assert sorted(plain(a) for a in item["answers"]) == sorted(question.answers)
            assert question.feedback in plain(item["feedback"]) and question.reference in plain(item["feedback"])


@pytest.mark.parametrize("fmt", lms.RENDER)
def test_export_of_the_default_course_reads_back_item_for_item(fmt, default_course):
    result = run_cli("export-quiz", "--format", fmt, "--out", "export.bin", cwd=default_course)
    assert result.returncode == 0, result.stderr
    total = sum(len(b) for b in BANKS.values())
    assert f"{total} questions from {len(BANKS)} modules" in result.stdout
    assert_round_trip(READERS[fmt]((default_course / "export.bin").read_bytes()), BANKS)


@pytest.mark.parametrize("fmt", lms.RENDER)
def test_special_characters_survive_each_format(fmt):
    banks = {"m": [HOSTILE, BANKS["alliance"][0]]}
    data = lms.RENDER[fmt]([lms.QuizExport("m", "M: {a} ~ #", tuple(banks["m"]))])
    assert b"<script>" not in data and b"<b>" not in data
    assert_round_trip(READERS[fmt](data), banks)
    assert data == lms.RENDER[fmt]([lms.QuizExport("m", "M: {a} ~ #", tuple(banks["m"]))])


def test_one_module_to_the_default_path(default_course):
    result = run_cli("export-quiz", "--format", "gift", "--module", "treatment-length", cwd=default_course)
    assert result.returncode == 0, result.stderr
    data = (default_course / "_build" / "lms" / "quiz-treatment-length.gift").read_bytes()
    assert_round_trip(read_gift(data), {"treatment-length": BANKS["treatment-length"]})


def test_unknown_module_is_one_line_exit_1(default_course):
    result = run_cli("export-quiz", "--format", "qti", "--module", "nope", cwd=default_course)
    assert result.returncode == 1
    assert result.stderr.startswith("error: --module nope: no such module") and len(result.stderr.splitlines()) == 1
    assert not (default_course / "_build").exists()


def test_gift_escapes_every_special_character():
    assert "a~b=c#d{e}f:g\\h".translate(lms.GIFT_ESCAPES) == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert joined(marks("a~b=c#d{e}f:g\\h".translate(lms.GIFT_ESCAPES))) == "a~b=c#d{e}f:g\\h"


def test_out_naming_a_folder_is_one_line_exit_1(default_course):
    folder = default_course / "exports"
    folder.mkdir()
    result = run_cli("export-quiz", "--format", "qti", "--out", "exports", cwd=default_course)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {folder}: is a folder; give a file name such as {folder / 'quiz.zip'}"]
