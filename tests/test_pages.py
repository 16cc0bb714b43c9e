"""The page readers and the one entry parser, on the five seed pages and on variants of them made
here at test time (CRLF, BOM, NBSP, blank lines, doubled titles, saved HTML, truncation), plus the
small invented pages in tests/pages/."""
from __future__ import annotations

import codecs
import html
import pathlib
import re

import pytest
from conftest import SEED_PAGES, needs_seeds

from coursekit.archive.ids import entry_id
from coursekit.archive.readers import read_archive
from coursekit.ingest.pages import (
    PAGE_READERS,
    Line,
    PageError,
    clean,
    header_topics,
    html_lines,
    parse_page,
    read_html_page,
    read_text_page,
    text_lines,
    title_like,
)
from coursekit.planning.config import blog_topics
from coursekit.text import month_of

REPO = pathlib.Path(__file__).resolve().parents[1]
PAGES = pathlib.Path(__file__).parent / "pages"
ARCHIVE = read_archive(REPO / "archive").entries
TITLES = {e.title for e in ARCHIVE}


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in SEED_PAGES}


def parse_text(text: str):
    return parse_page(read_text_page(text.encode("utf-8")))


def shape(page) -> list[tuple]:
    """Everything about the entries except line numbers."""
    return [(e.month, e.title, e.citation, e.summary, e.implications, e.incomplete) for e in page.entries]


# --- Variants of a seed page, made at test time ----------------------------------------------

def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def bom_crlf(text: str) -> bytes:
    return codecs.BOM_UTF8 + crlf(text)


def old_mac_line_ends(text: str) -> bytes:
    return text.replace("\n", "\r").encode("utf-8")


def utf16(text: str) -> bytes:
    return text.encode("utf-16")


def blank_between_every_line(text: str) -> bytes:
    return "\n\n".join(text.split("\n")).encode("utf-8")


def nbsp_tabs_and_zero_width(text: str) -> bytes:
    lines = [re.sub(r"(\w) (\w)", "\\1\u00a0\\2", line, count=3) for line in text.split("\n")]
    return "\n".join(f"\t{line} \u200b " for line in lines).encode("utf-8")


def doubled_titles(text: str) -> bytes:
    return "\n".join(line + ("\n" + line if line in TITLES else "") for line in text.split("\n")).encode("utf-8")


def saved_html(text: str, charset: str = "utf-8") -> bytes:
    """The page as a browser might save it: nav, scripts, styles, a sidebar, entities, <p> per line."""
    body = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        esc = html.escape(line, quote=False).replace("’", "&rsquo;").replace("−", "&minus;")
        if month_of(line):
            body.append(f"<h2>{esc}</h2>")
        elif line.startswith("- "):
            body.append(f"<li>{esc[2:]}</li>")
        elif line in TITLES:
            body.append(f'<h3><a href="/blog/x">{esc}</a></h3>')
        else:
            body.append(f"<p>\n  {esc}\n</p>")
    page = (f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>Blog</title>\n'
            '<style>h2::before { content: "July 2023"; }</style>\n'
            '<script>var t = "Phantom Title"; // June 2020</script></head>\n<body>\n'
            '<nav><ul><li><a href="/">Home</a></li><li>December 2019</li></ul></nav>\n'
            '<div id="content">\n' + "\n".join(body) + "\n</div>\n"
            "<aside><h3>Popular Posts</h3><p>Sidebar Title</p></aside>\n"
            "<footer><p>Copyright 2024. All rights reserved</p></footer>\n"
            "<script>track('March 2021');</script>\n</body></html>\n")
    return page.encode(charset, errors="xmlcharrefreplace")


def saved_html_windows_1252(text: str) -> bytes:
    return saved_html(text, "windows-1252")


VARIANTS = {
    "crlf": (".txt", crlf),
    "bom_crlf": (".txt", bom_crlf),
    "cr_only": (".txt", old_mac_line_ends),
    "utf16": (".txt", utf16),
    "blank_lines": (".txt", blank_between_every_line),
    "nbsp_tabs_zero_width": (".txt", nbsp_tabs_and_zero_width),
    "doubled_titles": (".txt", doubled_titles),
    "html": (".html", saved_html),
    "html_cp1252": (".htm", saved_html_windows_1252),
}


# --- The seed pages ---------------------------------------------------------------------

@needs_seeds
def test_seed_pages_give_the_thirty_entries_with_exact_titles_and_months():
    pages = [parse_text(text) for text in seed_texts().values()]
    found = [(e.month, e.title) for page in pages for e in page.entries]
    assert len(found) == 30 == len(set(found))
    assert sorted(found) == sorted((e.month, e.title) for e in ARCHIVE)
    assert all(not e.incomplete for page in pages for e in page.entries)
    assert all(page.notices == () for page in pages)


@needs_seeds
def test_seed_entries_have_summary_and_implications_and_citation_lines():
    entries = {e.title: e for text in seed_texts().values() for e in parse_text(text).entries}
    for entry in entries.values():
        assert entry.summary and entry.implications, entry.title
        assert all(len(p) > 100 for p in entry.implications), entry.title
    no_citation = {t for t, e in entries.items() if e.citation is None}
    assert no_citation == {"Is the Therapeutic Alliance Diminished by Videoconferencing Psychotherapy?",
                           "How Much Psychotherapy is Really Necessary for Clients to Improve?",
                           "Are Therapist Adherence and Competence to a Treatment Manual Related to Patient Outcomes?"}
    series = entries["Is Therapeutic Alliance Important?"]
    assert series.citation.startswith("Wampold, B.E. & Imel, Z.E. (2015).")
    assert series.summary[0].startswith("The Great Psychotherapy Debate: Since in April, 2015")
    assert entries["Methods of Repairing Alliance Ruptures"].citation.startswith("Safran , J. D.")


@needs_seeds
def test_seed_header_lists_the_blogs_topics():
    for text in seed_texts().values():
        lines = text_lines(text)
        first_month = next(i for i, line in enumerate(lines) if month_of(line.text))
        assert header_topics(lines[:first_month]) == blog_topics()


@needs_seeds
def test_line_numbers_point_at_the_titles():
    text = seed_texts()["001_5ac5e71903617b75.txt"]
    page = parse_text(text)
    raw_lines = text.split("\n")
    for entry in page.entries:
        assert raw_lines[entry.line - 1] == entry.title


@needs_seeds
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_of_every_seed_page_give_the_same_entries(variant):
    suffix, make = VARIANTS[variant]
    for name, text in seed_texts().items():
        lines = PAGE_READERS[suffix](make(text))
        page = parse_page(lines)
        assert shape(page) == shape(parse_text(text)), f"{variant} of {name}"


@needs_seeds
def test_html_variant_skips_scripts_styles_navigation_sidebar_and_footer():
    lines = [line.text for line in read_html_page(saved_html(seed_texts()["000_f3ca442b702b2933.txt"]))]
    joined = "\n".join(lines)
    for hidden in ("Phantom Title", "June 2020", "December 2019", "Sidebar Title", "Copyright", "March 2021",
                   "Home", "h2::before"):
        assert hidden not in joined
    assert "- Adherance" in lines and "July 2023" in lines


CUTS = {
    "mid_summary": lambda last: last.summary_start + 400,
    "after_citation": lambda last: last.summary_start,
    "after_heading": lambda last: last.heading_end,
    "mid_implications": lambda last: last.heading_end + 120,
}


class _LastEntry:
    """Offsets in a seed page of its last entry's parts, to cut the page there."""

    def __init__(self, text: str, title: str):
        self.title_start = text.rindex("\n" + title + "\n") + 1
        citation_end = text.index("\n", self.title_start + len(title) + 1)
        self.summary_start = citation_end + 1
        self.heading_end = text.index("Practice Implications\n", self.summary_start) + len("Practice Implications\n")


@needs_seeds
@pytest.mark.parametrize("cut", sorted(CUTS))
def test_a_page_cut_off_keeps_its_last_entry_marked_incomplete(cut):
    text = seed_texts()["000_f3ca442b702b2933.txt"]
    last = _LastEntry(text, "Is CBT the Gold Standard for Psychotherapy?")
    page = parse_text(text[: CUTS[cut](last)].rstrip("\n"))
    titles = [e.title for e in page.entries]
    assert len(titles) == 6 and titles[-1] == "Is CBT the Gold Standard for Psychotherapy?"
    assert page.entries[-1].incomplete and not any(e.incomplete for e in page.entries[:-1])
    assert [n.line for n in page.notices] == [page.entries[-1].line]
    assert "incomplete" in page.notices[0].message


@needs_seeds
def test_a_page_cut_right_after_a_title_keeps_that_entry():
    text = seed_texts()["004_3f9ae03ea020228f.txt"]
    cut = text.rindex("Cognitive Behavior Therapy vs. Control Conditions and Other Treatments")
    page = parse_text(text[:cut] + "Cognitive Behavior Therapy vs. Control Conditions and Other Treatments")
    assert len(page.entries) == 6 and page.entries[-1].incomplete and not page.entries[-2].incomplete


@needs_seeds
@pytest.mark.parametrize("own_month", [True, False])
def test_a_page_cut_inside_an_entry_without_citation_keeps_its_title(own_month):
    text = seed_texts()["003_d2b756f59539dcfe.txt"]
    if not own_month:  # the uncited entry then follows another entry's implications
        text = text.replace("\nMarch 2021\n", "\n")
    title = "How Much Psychotherapy is Really Necessary for Clients to Improve?"
    page = parse_text(text[: text.rindex(title) + len(title) + 600])
    assert [e.title for e in page.entries][-1] == title and len(page.entries) == 6
    assert page.entries[-1].incomplete and not page.entries[-2].incomplete


@needs_seeds
def test_straight_quotes_give_the_same_entries_and_ids_as_curly_ones():
    straight = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"})
    for name, text in seed_texts().items():
        curly_page, straight_page = parse_text(text), parse_text(text.translate(straight))
        assert [tuple(x.translate(straight) if isinstance(x, str) else x for x in row[:3])
                for row in shape(curly_page)] == [row[:3] for row in shape(straight_page)], name
        assert [entry_id(e.month, e.title) for e in curly_page.entries] == \
            [entry_id(e.month, e.title) for e in straight_page.entries]


# --- Small invented pages ---------------------------------------------------------------------

def test_synthetic_text_page():
    page = parse_page(read_text_page((PAGES / "synthetic.txt").read_bytes()))
    assert page.topics == ("Empathy", "Training", "Invented Topic Nobody Uses")
    assert [(e.month, e.title) for e in page.entries] == [
        ("2019-03", "Invented Study of Øvrebø’s Clients"),
        ("2019-03", "A Chapter on Imagined Supervision"),
        ("2018-09", "Notes From the Invented Review Series"),
        ("2018-09", "What Nobody Cited"),
        ("2018-09", "A Study Cut Short"),
    ]
    first, chapter, series, uncited, cut = page.entries
    assert first.citation.startswith("Øvrebø, K., Müller, J.-P., Åberg, S., & Řezníček, T. (2018).")
    assert chapter.summary[0].startswith("Supervision in this chapter") and chapter.line == 14
    assert chapter.implications == ("Book regular supervision, even imaginary supervision.",)
    assert series.summary[0].startswith("Invented Series:") and series.citation.startswith("Doe, J.")
    assert uncited.citation is None and uncited.implications == ("Keep invented caseloads small.",)
    assert series.implications == ("Read real books instead.",)
    assert cut.incomplete and not any(e.incomplete for e in page.entries[:-1])
    assert cut.citation.endswith("Journal of Truncation, 1, 1-2. https://doi.org/10.9999/cut.1")
    assert cut.summary == ("The researchers followed 40 patients and found that",)
    assert [(n.line, "cut off" in n.message) for n in page.notices] == [(30, True)]


def test_synthetic_html_page():
    page = parse_page(read_html_page((PAGES / "synthetic.html").read_bytes()))
    assert [(e.month, e.title, e.line) for e in page.entries] == [
        ("2020-01", "Fictional & Invented: A Trial", 16), ("2020-01", "A Second Invented Entry", 25)]
    trial = page.entries[0]
    assert trial.citation.startswith("García, M., & O’Neil, P. (2019).")
    assert trial.summary == ("García and O’Neil randomised 60 clients to a made-up therapy. The invented effect was "
                             "small (SMD = −0.25; 95% CI: −0.40, −0.10).",)
    assert trial.implications == ("Invented findings need real replication.", "So does everything on this page.")
    text = "\n".join(line.text for line in read_html_page((PAGES / "synthetic.html").read_bytes()))
    for hidden in ("Phantom", "Hidden Title", "Skip to main", "Sidebar", "Invented University", "December 2019",
                   "June 2020", "March 2021", "Home"):
        assert hidden not in text


def test_html_without_main_uses_the_body_and_list_items():
    lines = html_lines("<body><nav>Menu</nav><ul><li>One</li><li>Two &amp; three</li></ul><p>a<br/>b</p></body>")
    assert [line.text for line in lines] == ["- One", "- Two & three", "a", "b"]


def test_role_main_limits_the_text_to_that_element():
    lines = html_lines('<body><p>Before</p><div role="main"><div><p>In</p></div><p>Still in</p></div>'
                       '<div><p>After</p></div></body>')
    assert [line.text for line in lines] == ["In", "Still in"]


def test_text_with_html_extension_and_html_with_text_extension():
    assert [line.text for line in read_html_page(b"June 2020\nA Title\n")] == ["June 2020", "A Title"]
    assert [line.text for line in read_text_page(b"<!DOCTYPE html><p>June 2020</p><p>A Title</p>")] == \
        ["June 2020", "A Title"]


# --- Unit checks ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, month", [
    ("July 2023", "2023-07"), ("Sept. 2018", "2018-09"), ("DECEMBER 2015", "2015-12"), ("Jan, 2014", "2014-01"),
    ("July 2023 was busy", None), ("Julyy 2023", None), ("July 1823", None), ("2023", None),
])
def test_month_headings(text, month):
    assert month_of(text) == month


@pytest.mark.parametrize("text, expected", [
    ("How Does Therapy Harm?", True),
    ("Psychotherapist burnout affects patient outcomes", True),
    ("- Empathy", False),
    ("Practice Implications", False),
    ("March 2021", False),
    ("Safran , J. D. & Kraus , J. (2014). Alliance ruptures. Psychotherapy, 51, 381-387.", False),
    ("x" * 250, False),
    ("lower-case start of a sentence", False),
])
def test_title_like(text, expected):
    assert title_like(text) is expected


def test_clean_folds_invisible_characters_and_spaces():
    assert clean("\ufeff\tA\u00a0b\u200b  c\u00ad \u202f") == "A b c"


def test_text_lines_keep_file_line_numbers():
    assert text_lines("a\r\n\r\nb\rc\n\n d ") == (Line(1, "a"), Line(3, "b"), Line(4, "c"), Line(6, "d"))


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b" \n\r\n\t", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 5, "binary file"),
    (b"July 2023\nCaf\xe9 au lait\n", "not UTF-8 text"),
])
def test_unreadable_bytes_raise_one_line_page_errors(data, message):
    for reader in (read_text_page, read_html_page):
        with pytest.raises(PageError, match=message) as raised:
            reader(data)
        assert "\n" not in str(raised.value)


def test_html_in_a_declared_charset_is_decoded_but_undefined_bytes_are_an_error():
    page = b'<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>'
    assert [line.text for line in read_html_page(page)] == ["Café “quoted”"]
    with pytest.raises(PageError, match="not UTF-8"):
        read_html_page(page.replace(b"\xe9", b"\x81"))


def test_pages_without_months_or_entries_say_so():
    no_months = parse_text("Blog\nJust a blurb.\n")
    assert no_months.entries == () and "no month headings" in no_months.notices[0].message
    empty_month = parse_text("Blog\nJuly 2023\nJune 2023\n")
    assert empty_month.entries == () and "no entries" in empty_month.notices[0].message


def test_clean_folds_runs_of_any_whitespace_as_a_regex_would():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    spaces = "".join(re.findall(r"\s", everything))
    assert "\u00a0" in spaces and "\u2003" in spaces
    text = f"{spaces} a{spaces}b \u200bc\u00ad{spaces}"
    assert clean(text) == re.sub(r"\s+", " ", re.sub("[\ufeff\u200b\u200c\u200d\u2060\u00ad]", "", text)).strip()
    assert clean(text) == "a b c"
