"""The module question banks for a learning management system: a QTI 1.2 zip (Canvas classic
quizzes and other QTI importers: imsmanifest.xml and ``<quiz-id>/<quiz-id>.xml`` per module), one
Moodle XML file or one GIFT file (a question category per module).

Every question keeps its stem, options, correct answer(s) and feedback (the explanation and the
study's APA reference). Text is HTML-escaped (the formats carry HTML) and then escaped for the
format: by ElementTree for XML, with backslashes for GIFT.
"""
from __future__ import annotations

import io
import pathlib
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from coursekit.content import escape
from coursekit.content.quiz import Question, module_bank
from coursekit.errors import InputError
from coursekit.planning.themes import load_plan
from coursekit.writer import atomic_write

FORMATS = ("qti", "moodle", "gift")
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


@dataclass(frozen=True)
class ExportResult:
    path: pathlib.Path
    questions: int
    quizzes: int


def stem_html(question: Question) -> str:
    return f"<p>{escape.html(question.stem)}</p>"


def feedback_html(question: Question) -> str:
    answers = "; ".join(escape.html(a) for a in question.answers)
    return (f"<p>The answer is: {answers}. {escape.html(question.feedback)}</p>"
            f"<p>Source: {escape.html(question.reference)}</p>")


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


# --- QTI 1.2 -------------------------------------------------------------------------------

def qti_zip(quizzes: list[QuizExport]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("imsmanifest.xml", qti_manifest(quizzes))] + [
                (f"{q.id}/{q.id}.xml", qti_assessment(q)) for q in quizzes]:
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data)
    return buffer.getvalue()


def qti_manifest(quizzes: list[QuizExport]) -> bytes:
    manifest = ET.Element("manifest", {"identifier": "coursekit-quizzes", "xmlns": MANIFEST_NS})
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    for quiz in quizzes:
        resource = _sub(resources, "resource", identifier=quiz.id, type="imsqti_xmlv1p2")
        _sub(resource, "file", href=f"{quiz.id}/{quiz.id}.xml")
    return _xml(manifest)


def qti_assessment(quiz: QuizExport) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = _sub(root, "assessment", ident=quiz.id, title=quiz.title)
    section = _sub(assessment, "section", ident=f"{quiz.id}-section")
    for question in quiz.questions:
        qti_item(section, question)
    return _xml(root)


def qti_item(section: ET.Element, question: Question) -> None:
    multiple = len(question.answers) > 1
    item = _sub(section, "item", ident=question.id, title=question.id)
    metadata = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", "multiple_answers_question" if multiple else "multiple_choice_question"),
                         ("points_possible", "1.0")):
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    _sub(_sub(presentation, "material"), "mattext", stem_html(question), texttype="text/html")
    response = _sub(presentation, "response_lid", ident="response1", rcardinality="Multiple" if multiple else "Single")
    choices = _sub(response, "render_choice")
    for index, option in enumerate(question.options):
        label = _sub(choices, "response_label", ident=str(index + 1))
        _sub(_sub(label, "material"), "mattext", escape.html(option), texttype="text/html")
    qti_scoring(item, question)
    flow = _sub(_sub(item, "itemfeedback", ident="general_fb"), "flow_mat")
    _sub(_sub(flow, "material"), "mattext", feedback_html(question), texttype="text/html")


def qti_scoring(item: ET.Element, question: Question) -> None:
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    always = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(always, "conditionvar"), "other")
    _sub(always, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    right = _sub(processing, "respcondition", **{"continue": "No"})
    condition = _sub(_sub(right, "conditionvar"), "and")
    for index, option in enumerate(question.options):
        parent = condition if option in question.answers else _sub(condition, "not")
        _sub(parent, "varequal", str(index + 1), respident="response1")
    _sub(right, "setvar", "100", action="Set", varname="SCORE")


# --- Moodle XML ----------------------------------------------------------------------------

def moodle_xml(quizzes: list[QuizExport]) -> bytes:
    root = ET.Element("quiz")
    for quiz in quizzes:
        category = _sub(root, "question", type="category")
        _sub(_sub(category, "category"), "text", f"$course$/top/coursekit/{quiz.id}")
        for question in quiz.questions:
            moodle_question(root, question)
    return _xml(root)


def _text(parent: ET.Element, tag: str, html: str) -> None:
    _sub(_sub(parent, tag, format="html"), "text", html)


def moodle_question(root: ET.Element, question: Question) -> None:
    element = _sub(root, "question", type="multichoice")
    _sub(_sub(element, "name"), "text", question.id)
    _text(element, "questiontext", stem_html(question))
    _text(element, "generalfeedback", feedback_html(question))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", question.id),
                       ("single", "false" if len(question.answers) > 1 else "true"),
                       ("shuffleanswers", "true" if question.shuffle else "false"), ("answernumbering", "abc")):
        _sub(element, tag, value)
    for option in question.options:
        answer = _sub(element, "answer", fraction=option_weight(question, option), format="html")
        _sub(answer, "text", escape.html(option))


def option_weight(question: Question, option: str) -> str:
    """Percent credit: correct options share 100; with several answers, wrong ones take it back."""
    if option in question.answers:
        return _percent(100 / len(question.answers))
    wrong = len(question.options) - len(question.answers)
    return _percent(-100 / wrong) if len(question.answers) > 1 else "0"


def _percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


# --- GIFT ----------------------------------------------------------------------------------

def gift_escape(text: str) -> str:
    return text.translate(GIFT_ESCAPES)


def gift(quizzes: list[QuizExport]) -> bytes:
    blocks = []
    for quiz in quizzes:
        blocks.append(f"// {' '.join(quiz.title.split())}\n$CATEGORY: $course$/top/coursekit/{quiz.id}")
        blocks += [gift_question(q) for q in quiz.questions]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def gift_question(question: Question) -> str:
    multiple = len(question.answers) > 1
    lines = [f"::{gift_escape(question.id)}::[html]{gift_escape(stem_html(question))} {{"]
    for option in question.options:
        mark = f"~%{option_weight(question, option)}%" if multiple else "=" if option in question.answers else "~"
        lines.append(mark + gift_escape(escape.html(option)))
    return "\n".join(lines + [f"####{gift_escape(feedback_html(question))}", "}"])


# --- the shell -----------------------------------------------------------------------------

RENDER = {"qti": qti_zip, "moodle": moodle_xml, "gift": gift}


def course_quizzes(root: pathlib.Path, module_id: str | None = None) -> list[QuizExport]:
    """The course's module banks (or one module's), as the exercise pages show them."""
    plan, _ = load_plan(root)
    known = [p.module.id for p in plan.modules]
    if module_id is not None and module_id not in known:
        raise InputError(f"--module {module_id}: no such module in course.yml (modules: {', '.join(known)})")
    return [QuizExport(p.module.id, p.module.title, tuple(module_bank(p, plan.course.publishes_drafts)))
            for p in plan.modules if module_id in (None, p.module.id)]


def export(root: pathlib.Path, fmt: str, module_id: str | None = None, out: str | None = None) -> ExportResult:
    quizzes = course_quizzes(root, module_id)
    target = root / (out or f"_build/lms/quiz-{module_id or 'all'}{EXTENSIONS[fmt]}")  # `out` may be absolute
    atomic_write(target, RENDER[fmt](quizzes))
    return ExportResult(target, sum(len(q.questions) for q in quizzes), len(quizzes))


