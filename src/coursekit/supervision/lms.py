"""The module question banks for a learning management system: a QTI 1.2 zip (Canvas classic quizzes:
imsmanifest.xml and ``<quiz-id>/<quiz-id>.xml`` per module), Moodle XML or GIFT (a category per module).
Text is HTML-escaped (the formats carry HTML), then escaped for the format (ElementTree; GIFT backslashes).
"""
from __future__ import annotations

import io
import pathlib
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from coursekit.content import escape
from coursekit.content.quiz import Question, explanation_html, module_bank
from coursekit.errors import InputError
from coursekit.planning.themes import load_plan

EXTENSIONS = {"qti": ".zip", "moodle": ".xml", "gift": ".gift"}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same banks give the same bytes
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
GIFT_ESCAPES = str.maketrans({char: "\\" + char for char in "\\~=#{}:"})


@dataclass(frozen=True)
class QuizExport:
    """One module's quiz: its id (the module id), title and questions."""

    id: str
    title: str
    questions: tuple[Question, ...]


def stem_html(question: Question) -> str:
    return f"<p>{escape.html(question.stem)}</p>"


def feedback_html(question: Question) -> str:
    return f"<p>{explanation_html(question)}</p><p>Source: {escape.html(question.reference)}</p>"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _el(tag: str, *content: ET.Element | str, **attributes: str) -> ET.Element:
    """An element: `content` is its text (a str) and its children, in order."""
    element = ET.Element(tag, attributes)
    for part in content:
        if isinstance(part, str):
            element.text = part
        else:
            element.append(part)
    return element


def _mattext(html: str) -> ET.Element:
    return _el("material", _el("mattext", html, texttype="text/html"))


# --- QTI 1.2 -------------------------------------------------------------------------------

def qti_zip(quizzes: list[QuizExport]) -> bytes:
    """imsmanifest.xml naming one resource per quiz, and each quiz's assessment as <quiz-id>/<quiz-id>.xml."""
    metadata = _el("metadata", _el("schema", "IMS Content"), _el("schemaversion", "1.1.3"))
    resources = [_el("resource", _el("file", href=f"{q.id}/{q.id}.xml"), identifier=q.id, type="imsqti_xmlv1p2")
                 for q in quizzes]
    files = [("imsmanifest.xml", _el("manifest", metadata, _el("organizations"), _el("resources", *resources),
                                     identifier="coursekit-quizzes", xmlns=MANIFEST_NS))]
    for quiz in quizzes:
        section = _el("section", *map(qti_item, quiz.questions), ident=f"{quiz.id}-section")
        assessment = _el("assessment", section, ident=quiz.id, title=quiz.title)
        files.append((f"{quiz.id}/{quiz.id}.xml", _el("questestinterop", assessment, xmlns=QTI_NS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, root in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), _xml(root))
    return buffer.getvalue()


def qti_item(question: Question) -> ET.Element:
    multiple = len(question.answers) > 1
    fields = (("question_type", "multiple_answers_question" if multiple else "multiple_choice_question"),
              ("points_possible", "1.0"))
    metadata = [_el("qtimetadatafield", _el("fieldlabel", label), _el("fieldentry", entry)) for label, entry in fields]
    choices = [_el("response_label", _mattext(escape.html(option)), ident=str(number))
               for number, option in enumerate(question.options, start=1)]
    response = _el("response_lid", _el("render_choice", *choices), ident="response1",
                   rcardinality="Multiple" if multiple else "Single")
    return _el("item", _el("itemmetadata", _el("qtimetadata", *metadata)),
               _el("presentation", _mattext(stem_html(question)), response), qti_scoring(question),
               _el("itemfeedback", _el("flow_mat", _mattext(feedback_html(question))), ident="general_fb"),
               ident=question.id, title=question.id)


def qti_scoring(question: Question) -> ET.Element:
    """Full marks when exactly the correct options are chosen; the feedback shown in any case."""
    chosen = [_el("varequal", str(number), respident="response1") for number in range(1, len(question.options) + 1)]
    checks = [check if option in question.answers else _el("not", check)
              for option, check in zip(question.options, chosen)]
    always = _el("respcondition", _el("conditionvar", _el("other")),
                 _el("displayfeedback", feedbacktype="Response", linkrefid="general_fb"), **{"continue": "Yes"})
    right = _el("respcondition", _el("conditionvar", _el("and", *checks)),
                _el("setvar", "100", action="Set", varname="SCORE"), **{"continue": "No"})
    score = _el("decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    return _el("resprocessing", _el("outcomes", score), always, right)


# --- Moodle XML ----------------------------------------------------------------------------

def moodle_xml(quizzes: list[QuizExport]) -> bytes:
    questions = []
    for quiz in quizzes:
        questions.append(_el("question", _el("category", _el("text", f"$course$/top/coursekit/{quiz.id}")),
                             type="category"))
        questions += map(moodle_question, quiz.questions)
    return _xml(_el("quiz", *questions))


def moodle_question(question: Question) -> ET.Element:
    settings = (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", question.id),
                ("single", "false" if len(question.answers) > 1 else "true"),
                ("shuffleanswers", "true" if question.shuffle else "false"), ("answernumbering", "abc"))
    answers = [_el("answer", _el("text", escape.html(option)), fraction=option_weight(question, option), format="html")
               for option in question.options]
    return _el("question", _el("name", _el("text", question.id)),
               _el("questiontext", _el("text", stem_html(question)), format="html"),
               _el("generalfeedback", _el("text", feedback_html(question)), format="html"),
               *(_el(tag, value) for tag, value in settings), *answers, type="multichoice")


def option_weight(question: Question, option: str) -> str:
    """Percent credit: correct options share 100; with several answers, wrong ones take it back."""
    if option in question.answers:
        percent = 100 / len(question.answers)
    elif len(question.answers) > 1:
        percent = -100 / (len(question.options) - len(question.answers))
    else:
        return "0"
    return f"{percent:.5f}".rstrip("0").rstrip(".")


# --- GIFT ----------------------------------------------------------------------------------

def gift(quizzes: list[QuizExport]) -> bytes:
    blocks = []
    for quiz in quizzes:
        blocks.append(f"// {' '.join(quiz.title.split())}\n$CATEGORY: $course$/top/coursekit/{quiz.id}")
        blocks += [gift_question(q) for q in quiz.questions]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def gift_question(question: Question) -> str:
    multiple = len(question.answers) > 1
    lines = [f"::{question.id.translate(GIFT_ESCAPES)}::[html]{stem_html(question).translate(GIFT_ESCAPES)} {{"]
    for option in question.options:
        mark = f"~%{option_weight(question, option)}%" if multiple else "=" if option in question.answers else "~"
        lines.append(mark + escape.html(option).translate(GIFT_ESCAPES))
    return "\n".join(lines + [f"####{feedback_html(question).translate(GIFT_ESCAPES)}", "}"])


# --- the shell -----------------------------------------------------------------------------

RENDER = {"qti": qti_zip, "moodle": moodle_xml, "gift": gift}


def export(root: pathlib.Path, fmt: str, module_id: str | None = None) -> tuple[bytes, list[QuizExport]]:
    """The course's module banks (or one module's), as the exercise pages show them, in format `fmt`;
    and the quizzes in it."""
    plan, _ = load_plan(root)
    known = [p.module.id for p in plan.modules]
    if module_id is not None and module_id not in known:
        raise InputError(f"--module {module_id}: no such module in course.yml (modules: {', '.join(known)})")
    quizzes = [QuizExport(p.module.id, p.module.title, tuple(module_bank(p, plan.course.publishes_drafts)))
               for p in plan.modules if module_id in (None, p.module.id)]
    return RENDER[fmt](quizzes), quizzes


