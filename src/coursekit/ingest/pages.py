"""Blog archive pages: bytes -> clean text lines -> raw entries, each step a pure function.

A page is what an instructor copies or saves from the blog's archive: a header (blurb, topic
list), then month headings ("July 2023"), each followed by one or more entries:

    Title                       (sometimes printed twice)
    [introductory note]         (e.g. a review series: "The Great Psychotherapy Debate: ...")
    [citation]                  (APA-like; some entries have none)
    summary paragraph(s)
    Practice Implications
    implication paragraph(s)

Readers (`PAGE_READERS`, by extension) turn a file's bytes into `Line`s for `parse_page`, the one
entry parser for every format.
"""
from __future__ import annotations

import codecs
import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Sequence

from coursekit.archive.ids import STOP
from coursekit.errors import InputError
from coursekit.ingest.citeparse import looks_like_citation
from coursekit.text import month_of


class PageError(InputError):
    """A page that cannot be read at all (empty, binary, undecodable). The message is one line."""


@dataclass(frozen=True)
class Line:
    """One non-blank line of a page, cleaned, with its 1-based line number in the file."""

    number: int
    text: str


@dataclass(frozen=True)
class Notice:
    """A warning about a page, at a line of the file."""

    line: int
    message: str


@dataclass(frozen=True)
class RawEntry:
    """An entry as the page prints it, nothing interpreted beyond the layout: `summary` holds the paragraphs
    between the title (or citation) and "Practice Implications", any introductory note included."""

    month: str
    title: str
    line: int
    citation: str | None
    summary: tuple[str, ...]
    implications: tuple[str, ...]
    incomplete: bool = False
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """What one page holds: the topic names its header lists, its entries, and warnings."""

    topics: tuple[str, ...]
    entries: tuple[RawEntry, ...]
    notices: tuple[Notice, ...]


# --- Text clean-up and decoding -----------------------------------------------------------

_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")


def clean(text: str) -> str:
    """One line of text with invisible characters removed and every run of spaces (NBSP too) as one."""
    return " ".join(_INVISIBLE.sub("", text).split())  # str.split's whitespace is exactly regex \s


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t \n \v \f \r


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or a charset the HTML declares."""
    if not data.strip():
        raise PageError("empty file")
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-16"  # the codecs that drop the BOM
        text = data.decode(codec, errors="replace")
    elif b"\x00" in data[:65536]:
        raise PageError("binary file, not a text or HTML page")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode(declared or "utf-8")
            except (UnicodeDecodeError, LookupError):  # an undefined byte of the declared charset, or no such charset
                raise PageError(f"not UTF-8 text (bad byte at offset {exc.start}); save the page as UTF-8") from None
    sample = text[:65536]
    if len(_CONTROLS.findall(sample)) > max(8, len(sample) // 100):
        raise PageError("binary file, not a text or HTML page")
    if not text.strip():
        raise PageError("empty file")
    return text


def text_lines(text: str) -> tuple[Line, ...]:
    """Split on any line ending (CRLF, CR, LF) and keep the non-blank lines, cleaned."""
    lines = (Line(number, clean(raw)) for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), 1))
    return tuple(line for line in lines if line.text)


def read_text_page(data: bytes) -> tuple[Line, ...]:
    """Reader for .txt pages (text copied from the browser). Saved HTML with a .txt name works too."""
    text = decode(data)
    return html_lines(text) if re.match(r"\s*(<!doctype html|<html)", text, re.IGNORECASE) else text_lines(text)


def read_html_page(data: bytes) -> tuple[Line, ...]:
    """Reader for .html/.htm pages saved from the browser."""
    charset = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", data[:4096], re.IGNORECASE)
    text = decode(data, charset.group(1).decode("ascii") if charset else None)
    return html_lines(text) if re.search(r"<[a-zA-Z!/]", text) else text_lines(text)


# --- HTML to lines ------------------------------------------------------------------------

SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "math", "nav", "head", "iframe", "object",
                "button", "select", "textarea", "aside", "dialog"}
PAGE_FRAME_TAGS = {"header", "footer"}  # skipped unless inside the content (main/article/section)
SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "dialog"}
SKIPPED_CLASSES = {"sr-only", "visually-hidden", "screen-reader-text", "skip-link", "element-invisible",
                   "breadcrumb", "breadcrumbs", "cookie-banner", "share", "social-share"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "tr", "td", "th", "table",
              "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "figure",
              "figcaption", "hr", "main", "body", "address", "details", "summary", "caption"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
             "track", "wbr"}
CONTENT_TAGS = {"main", "article", "section"}


class _TextExtractor(HTMLParser):
    """Collects visible text as lines: one per block element, list items as '- item'."""

    def __init__(self, main_only: bool):
        super().__init__(convert_charrefs=True)
        self.main_only = main_only
        self.main: tuple[str, int] | None = None  # the main element's tag and nesting depth, while inside it
        self.skip: tuple[str, int] | None = None  # the same for a skipped element
        self.content_depth = 0
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.buffer_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip is not None:
            self.skip = _nested(self.skip, tag, 1)  # never a void tag: they are not skipped
            return
        attributes = {name: (value or "") for name, value in attrs}
        if tag not in VOID_TAGS and self._skipped(tag, attributes):
            self.skip = (tag, 1)
            return
        if self.main is None and (tag == "main" or attributes.get("role") == "main") and tag not in VOID_TAGS:
            self.main = (tag, 0)
        self.main = _nested(self.main, tag, 1)
        self.content_depth += tag in CONTENT_TAGS
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "li":
            self.buffer.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip is not None:
            self.skip = _nested(self.skip, tag, -1)
            return
        if tag in BLOCK_TAGS:
            self.flush()
        self.main = _nested(self.main, tag, -1)
        self.content_depth -= tag in CONTENT_TAGS and self.content_depth > 0

    def handle_data(self, data: str) -> None:
        if self.skip is not None or (self.main_only and self.main is None):
            return
        if data.strip() and not "".join(self.buffer).strip():
            self.buffer_line = self.getpos()[0] + data.count("\n", 0, len(data) - len(data.lstrip()))
        self.buffer.append(data)

    def _skipped(self, tag: str, attributes: dict[str, str]) -> bool:
        style = attributes.get("style", "").replace(" ", "").lower()
        return (tag in SKIPPED_TAGS or (tag in PAGE_FRAME_TAGS and not self.content_depth)
                or "hidden" in attributes or attributes.get("aria-hidden") == "true"
                or attributes.get("role") in SKIPPED_ROLES or "display:none" in style or "visibility:hidden" in style
                or bool(SKIPPED_CLASSES & set(attributes.get("class", "").split())))

    def flush(self) -> None:
        """End the current line (at a block boundary)."""
        text = clean("".join(self.buffer))
        if text and text != "-":
            self.lines.append(Line(self.buffer_line, text))
        self.buffer = []


def _nested(element: tuple[str, int] | None, tag: str, step: int) -> tuple[str, int] | None:
    """A tracked element's (tag, depth) after a start (step 1) or end tag (-1); None once it is closed."""
    if element is None or tag != element[0]:
        return element
    return (tag, element[1] + step) if element[1] + step else None


def html_lines(text: str) -> tuple[Line, ...]:
    """The visible text of an HTML page as lines; only <main> if the page has one."""
    main_only = bool(re.search(r"<main[\s>]|role\s*=\s*[\"']?main\b", text, re.IGNORECASE))
    extractor = _TextExtractor(main_only)
    extractor.feed(text)
    extractor.close()
    extractor.flush()
    return tuple(extractor.lines)


# --- The entry parser ---------------------------------------------------------------------

IMPLICATIONS = re.compile(
    r"^(?:(?:practice|clinical|practical)\s+implications?|implications\s+for\s+(?:practice|clinicians|therapists))"
    r"\s*(?:[:.\-–—]\s*(?P<rest>.*))?$", re.IGNORECASE)
LINK_LINE = re.compile(r"^(?:https?://\S+|(?:doi|DOI):?\s*10\.\S+|10\.\d{4,9}/\S+)$")
TOPICS_HEADING = re.compile(r"^topics:?$", re.IGNORECASE)
LIST_ITEM = re.compile(r"^(?:[-–•*·▪]\s*)(?P<item>.+)$")
SENTENCE_END = re.compile(r"[.!?…\"”’')\]]$")
SMALL_WORDS = STOP | {"vs.", "at", "from", "as", "but", "that", "than", "do", "does", "not", "be", "into", "who", "what"}
LONG_LINE = 200  # a paragraph this long after a short line marks that line as a title
PROSE_LINE = 60  # shorter lines are not taken as the paragraph that follows a title
MAX_TITLE = 200


def parse_page(lines: Sequence[Line]) -> Page:
    """The entries of one page, month by month, with warnings for whatever could not be read."""
    months = [i for i, line in enumerate(lines) if month_of(line.text)]
    topics = header_topics(lines[: months[0]] if months else lines)
    if not months:
        return Page(topics, (), (Notice(lines[0].number if lines else 1,
                                        "no month headings such as 'July 2023' found; no entries read"),))
    entries: list[RawEntry] = []
    notices = _orphans(lines[: months[0]])
    for start, end in zip(months, months[1:] + [len(lines)]):
        month = month_of(lines[start].text) or ""
        for chunk in split_entries(lines[start + 1 : end]):
            entry = raw_entry(month, chunk, at_page_end=chunk[-1] is lines[-1])
            entries.append(entry)
            notices.extend(Notice(entry.line, f"'{entry.title}': {p}") for p in entry.problems)
    if not entries:
        notices.append(Notice(lines[months[0]].number, "month headings but no entries under them; no entries read"))
    return Page(topics, tuple(entries), tuple(notices))


def _orphans(header: Sequence[Line]) -> list[Notice]:
    """Entries before the first month heading (a page that starts mid-month) cannot be dated: say so."""
    found = [line for line in header if IMPLICATIONS.match(line.text) or looks_like_citation(line.text)]
    return [Notice(line.number, "text before the first month heading looks like an entry; skipped, "
                                "since its month is unknown (add the month heading above it)") for line in found[:1]]


def header_topics(header: Sequence[Line]) -> tuple[str, ...]:
    """The topic names listed under a 'Topics' line in the page header ('- Empathy')."""
    start = next((i + 1 for i, line in enumerate(header) if TOPICS_HEADING.match(line.text)), len(header))
    items = itertools.dropwhile(lambda item: item is None, (LIST_ITEM.match(line.text) for line in header[start:]))
    names = (item.group("item").strip() for item in itertools.takewhile(bool, items))
    return tuple(name for name in names if not name.lower().startswith("all topics"))


def split_entries(lines: Sequence[Line]) -> list[list[Line]]:
    """Cut the lines under one month heading into entries, each starting with its title line."""
    chunks: list[list[Line]] = []
    for i, line in enumerate(lines):  # parse_page passes the lines between two month headings
        if not chunks or _starts_entry(lines, i, chunks[-1]):
            chunks.append([line])
        else:
            chunks[-1].append(line)
    return chunks


def _starts_entry(lines: Sequence[Line], i: int, current: list[Line]) -> bool:
    """Does line i begin a new entry, given the lines of the entry read so far (`current`)?

    A title is a short line followed by a citation (or by a note and a citation, or by itself
    again): that is enough anywhere. After "Practice Implications", a short line without a final
    full stop also starts an entry when a long paragraph follows, or prose and later its own
    "Practice Implications"; at the very end of a page, when it is written in Title Case.
    """
    text = lines[i].text
    if not title_like(text) or (len(current) == 1 and _same(text, current[0].text)):
        return False  # not a title, or the title printed a second time
    after = [line.text for line in lines[i + 1 : i + 3]]
    strong = bool(after) and (looks_like_citation(after[0]) or _same(after[0], text)
                              or (len(after) > 1 and looks_like_citation(after[1]) and _prose(after[0])))
    heading = next((k for k, line in enumerate(current) if k and IMPLICATIONS.match(line.text)), None)
    if heading is None:
        return strong and any(not looks_like_citation(line.text) for line in current[1:])  # the entry has text
    inline = IMPLICATIONS.match(current[heading].text).group("rest")
    if not inline and heading == len(current) - 1:
        return False  # the line right after "Practice Implications" is its first paragraph
    if not after:
        return _title_case(text) >= 0.6
    follows = len(after[0]) >= LONG_LINE or (_prose(after[0]) and _own_section(lines, i))
    return strong or (not re.search(r"[.,;:]$", text) and follows)


def _prose(text: str) -> bool:
    """A paragraph rather than a heading: long enough, and ends a sentence (a question only after another)."""
    return len(text) >= PROSE_LINE and (bool(re.search(r"[.!…\"”’)]$", text))
                                        or (text.endswith("?") and bool(re.search(r"[.!?]\s", text))))


def _own_section(lines: Sequence[Line], i: int) -> bool:
    """Is there a 'Practice Implications' heading after line i, before the next month or cited title?"""
    for k in range(i + 1, len(lines)):
        text = lines[k].text
        if IMPLICATIONS.match(text):
            return True
        if month_of(text) or (k + 1 < len(lines) and title_like(text) and looks_like_citation(lines[k + 1].text)):
            return False
    return False


def title_like(text: str) -> bool:
    """Could this line be an entry title? Short, not a list item, heading, month or citation."""
    if not 2 <= len(text) <= MAX_TITLE or len(text.split()) > 30:
        return False
    if LIST_ITEM.match(text) or IMPLICATIONS.match(text) or month_of(text) or looks_like_citation(text):
        return False
    first = text.lstrip("“\"‘'(")[:1]
    return first.isupper() or first.isdigit()


def _title_case(text: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in SMALL_WORDS]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _same(a: str, b: str) -> bool:
    """The same words, whatever the case and punctuation."""
    return re.sub(r"\W+", " ", a.casefold()).strip() == re.sub(r"\W+", " ", b.casefold()).strip()


def raw_entry(month: str, chunk: Sequence[Line], at_page_end: bool) -> RawEntry:
    """One entry's lines (title first) as a RawEntry, marked incomplete when parts are missing."""
    title = chunk[0]
    body = list(itertools.dropwhile(lambda line: _same(line.text, title.text), chunk[1:]))
    heading = next((i for i, line in enumerate(body) if IMPLICATIONS.match(line.text)), len(body))
    before, after = body[:heading], body[heading:]  # `after` starts with the heading, if there is one
    rest = IMPLICATIONS.match(after[0].text).group("rest") if after else None
    implications = ([rest] if rest else []) + [line.text for line in after[1:] if not IMPLICATIONS.match(line.text)]
    cited = [i for i, line in enumerate(before[:3]) if looks_like_citation(line.text)][:1]
    while cited and cited[-1] + 1 < len(before) and LINK_LINE.match(before[cited[-1] + 1].text):
        cited.append(cited[-1] + 1)  # a DOI or URL printed on its own line belongs to the citation
    citation = " ".join(before[i].text for i in cited) if cited else None
    summary = [line.text for i, line in enumerate(before) if i not in cited]
    problems = _problems(summary, bool(after), implications, chunk[-1].text if at_page_end else None)
    return RawEntry(month=month, title=title.text, line=title.number, citation=citation, summary=tuple(summary),
                    implications=tuple(implications), incomplete=bool(problems), problems=tuple(problems))


def _problems(summary: list[str], has_heading: bool, implications: list[str], last_text: str | None) -> list[str]:
    checks = ((last_text is not None and not SENTENCE_END.search(last_text), "cut off by the end of the page"),
              (not summary, "no text after the title"), (not has_heading, "no 'Practice Implications' section"),
              (not implications, "empty 'Practice Implications' section"))
    return [f"{problem}; imported with incomplete: true" for failed, problem in checks if failed][:1]  # the first only


PAGE_READERS: dict[str, Callable[[bytes], tuple[Line, ...]]] = {
    ".txt": read_text_page, ".html": read_html_page, ".htm": read_html_page}
