"""`coursekit bib`: BibTeX for the whole archive, deterministic, one record per work, escaped."""
from __future__ import annotations

import pathlib
import random
import re

from pybtex.database import parse_string

from coursekit import bibstyle
from coursekit.archive.readers import read_archive
from coursekit.cli import main
from coursekit.content.citations import editor_names, editors_text
from coursekit.model import Author, Citation, Entry
from coursekit.site.bibtex import (
    base_key,
    bibliography,
    escape,
    protect,
    unescape,
)

REPO = pathlib.Path(__file__).resolve().parents[1]
ENTRIES = read_archive(REPO / "archive").entries


def make(entry_id: str, **citation) -> Entry:
    return Entry(id=entry_id, month="2020-01", title="T", citation=Citation(**citation))


def records(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"(?:% cited in: [^\n]*\n)?@\w+\{([^,]+),\n.*?\n\}\n",
                                                         text, re.DOTALL)}


def test_the_archive_gives_one_record_per_work_in_a_fixed_order():
    bib = bibliography(ENTRIES)
    shuffled = list(ENTRIES)
    random.Random(3).shuffle(shuffled)
    assert bibliography(shuffled).text == bib.text
    assert len(bib.works) == 27 and len(records(bib.text)) == 27
    assert bib.skipped == ("2020-07-is-the-therapeutic-alliance-diminished-by-videoconferencing",
                           "2021-03-how-much-psychotherapy-is-really-necessary-for-clients")
    assert list(records(bib.text)) == sorted(records(bib.text))


def test_two_entries_on_one_chapter_share_a_record():
    bib = bibliography(ENTRIES)
    chapter = records(bib.text)["norcross2023relationship"]
    assert chapter.startswith("% cited in: 2023-07-therapeutic-relationship-factors-that-do-not-work, "
                              "2023-07-therapeutic-relationship-factors-that-work\n"
                              "@incollection{norcross2023relationship,")
    assert "  editor = {Miller, S. D. and Chow, D. and Malins, S. and Hubble, M. A.},\n" in chapter
    assert "  booktitle = {The Field Guide to Better Results: Evidence-Based Exercises to Improve Therapeutic " \
           "Effectiveness},\n" in chapter
    assert "  publisher = {American Psychological Association},\n" in chapter
    assert "  doi = {10.1037/0000358-006}\n" in chapter


def test_article_book_and_et_al_fields():
    found = records(bibliography(ENTRIES).text)
    jama = found["leichsenring2017cbt"]
    assert "@article{leichsenring2017cbt," in jama and "  journal = {{JAMA}},\n" in jama
    assert "  title = {Is {CBT} the gold standard for psychotherapy? The need for plurality in treatment and " \
           "research}" in jama
    assert "  volume = {318},\n  number = {14},\n  pages = {1323--1324},\n  doi = {10.1001/jama.2017.13737}" in jama
    assert "@book{wampold2015great," in found["wampold2015great"]  # the short form, from the series note
    routledge = found["wampold2015greata"]
    assert "@book{wampold2015greata," in routledge and "publisher = {Routledge}" in routledge
    assert "author = {Flückiger, C. and Rubel, J. and Del Re, A. C." in found["fluckiger2020reciprocal"]
    assert "Barber, J. P. and others},\n" in found["fluckiger2020reciprocal"]


def test_keys_and_collision_suffixes():
    cit = Citation(authors=(Author("Øvrebø", "K."),), year=2018, title="The invented trial")
    assert base_key(cit) == "vrebø2018invented".replace("ø", "") and base_key(Citation()) == "anonnd"
    found = bibliography([make(f"2020-01-x{i}", authors=(Author("Roe"),), year=2016, title=f"Invented part {i}")
                         for i in range(3)])
    assert [key for key, _ in found.works] == ["roe2016invented", "roe2016inventeda", "roe2016inventedb"]
    archive_keys = list(records(bibliography(ENTRIES).text))
    assert "wampold2015great" in archive_keys and "wampold2015greata" in archive_keys
    assert len(set(archive_keys)) == len(archive_keys)


def test_latex_specials_are_escaped_but_doi_and_url_are_verbatim():
    entry = make("2020-01-specials", authors=(Author("O’Neil & Sons", "P."),), year=2020,
                 title="50% of $ spent on R&D_#1 {really} ~ ^ \\ matters", source="Journal of A & B",
                 doi="10.9999/a_b%1", url="https://example.org/a_b?x=1&y=2")
    record = records(bibliography([entry]).text)["oneilsons2020spent"]
    assert r"title = {50\% of \$ spent on R\&D\_\#1 \{really\} \textasciitilde{} \textasciicircum{} " \
           r"\textbackslash{} matters}" in record
    assert r"author = {O’Neil \& Sons, P.}" in record and r"journal = {Journal of A \& B}" in record
    assert "doi = {10.9999/a_b%1}" in record and "url = {https://example.org/a_b?x=1&y=2}" in record


def test_escape_and_protect_and_unescape():
    assert escape("a  & b\n_c") == r"a \& b \_c"
    protected = protect("CBT and BJPsych versus cbt, Therapy and IPT-based care")
    assert protected == "{CBT} and {BJPsych} versus cbt, Therapy and {IPT-based} care"
    assert unescape(protected) == "CBT and BJPsych versus cbt, Therapy and IPT-based care"
    tricky = r"\{x} ~^ 50% R&D_#1 $ {CBT}"
    assert unescape(protect(escape(tricky))) == tricky


def read_back(bib_text: str) -> dict[str, Citation]:
    """Each record of a .bib text as the references page's style reads it back."""
    return {key: bibstyle.citation(e) for key, e in parse_string(bib_text, "bibtex").entries.items()}


def test_every_record_reads_back_into_the_citation_it_was_written_from():
    bib = bibliography(ENTRIES)
    found = read_back(bib.text)
    for key, work in bib.works:
        written = work.citation
        assert found[key] == Citation(**{**vars(written), "editors": editors_text(editor_names(written.editors))}), key
    specials = make("2020-01-specials", type="chapter", authors=(Author("O’Neil & Sons", "P."), Author("de Jong", "K.")),
                    et_al=True, year=2020, title="50% of $ on R&D_#1 {really} ~ ^ \\ matters",
                    source="Book of {A} & B", editors="A. C. Del Re", pages="1–9", doi="10.9999/a_b%1")
    assert list(read_back(bibliography([specials]).text).values()) == [specials.citation]


def test_pybtex_reads_the_whole_archive_back():
    data = parse_string(bibliography(ENTRIES).text, "bibtex")
    assert len(data.entries) == 27
    chapter = data.entries["norcross2023relationship"]
    assert [str(p) for p in chapter.persons["editor"]] == ["Miller, S. D.", "Chow, D.", "Malins, S.", "Hubble, M. A."]


def test_bib_command_writes_a_file_or_stdout(tmp_path, capsys):
    out = tmp_path / "refs" / "archive.bib"
    assert main(["bib", "--archive", str(REPO / "archive"), "--out", str(out)]) == 0
    stdout, stderr = capsys.readouterr()
    assert stdout == f"27 references written to {out}\n"
    assert stderr.count("warning: ") == 2 and "left out of the BibTeX" in stderr
    first = out.read_bytes()
    assert main(["bib", "--archive", str(REPO / "archive"), "--out", str(out)]) == 0
    assert out.read_bytes() == first
    capsys.readouterr()
    assert main(["bib", "--archive", str(REPO / "archive")]) == 0
    assert capsys.readouterr().out.encode("utf-8") == first


def test_bib_command_errors_are_one_line(tmp_path, capsys):
    assert main(["bib", "--archive", str(REPO / "archive"), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path}: is a folder; give a file name such as " \
                                      f"{tmp_path / 'archive.bib'}\n"
    assert main(["bib", "--archive", str(tmp_path / "none")]) == 1
    assert "archive folder not found" in capsys.readouterr().err
