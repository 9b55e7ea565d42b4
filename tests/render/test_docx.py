"""Word documents read back with python-docx and, where it cannot see (footnotes, the repeated
head row, widths), as raw XML: exact cells, dates in words, quotes as footnotes referred to
from the cells the memo marks, templates with their placeholder, styles, footnotes and
headers kept, the classification on every page, and every value safe."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from posities.errors import PositiesError, UsageError
from posities.model.words import Lang
from posities.render import ooxml
from posities.render.docx import column_widths, document, safe
from posities.render.memo import Memo, Paragraph, Quotes, Styling, table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """`w:tag` as lxml names it."""
    return f"{{{W}}}{tag}"


def part(data: bytes, name: str) -> Any:
    """The XML of one part of a .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def opened(data: bytes) -> Any:
    """The document as python-docx reads it."""
    return docx.Document(io.BytesIO(data))


def words(paragraph: Any) -> str:
    """A cell's or paragraph's own text: its runs but those in the footnote number's style
    (references, their commas and the numbers of cross-references)."""
    out = []
    for run in paragraph.iter(w("r")):
        style = run.find(f"{w('rPr')}/{w('rStyle')}")
        if style is None or style.get(w("val")) != "FootnoteReference":
            out += [t.text or "" for t in run.iter(w("t"))]
    return "".join(out)


def marks(paragraph: Any, numbers: dict[str, int]) -> list[int]:
    """The footnote numbers a paragraph shows, in order: those of its references and of its
    cross-references (`numbers`: each bookmark's footnote number)."""
    found = []
    for node in paragraph.iter(w("footnoteReference"), w("instrText")):
        if node.tag == w("footnoteReference"):
            found.append(int(node.get(w("id"))))
        else:
            found.append(numbers[node.text.split()[1]])
    return found


def bookmarks(body: Any) -> dict[str, int]:
    """Each bookmark's name, to the id of the footnote it marks."""
    out = {}
    for start in body.iter(w("bookmarkStart")):
        reference = start.getnext().find(w("footnoteReference"))
        out[start.get(w("name"))] = int(reference.get(w("id")))
    return out


def grid(data: bytes, index: int = 0) -> tuple[list[str], list[list[str]], list[list[list[int]]]]:
    """The headings, the cells' own words and the footnote numbers of each cell of a table."""
    body = part(data, "word/document.xml").find(w("body"))
    tables = body.findall(w("tbl"))
    rows = tables[index].findall(w("tr"))
    named = bookmarks(body)
    heads = [words(tc) for tc in rows[0].findall(w("tc"))]
    cells = [[words(tc) for tc in tr.findall(w("tc"))] for tr in rows[1:]]
    numbers = [[marks(tc, named) for tc in tr.findall(w("tc"))] for tr in rows[1:]]
    return heads, cells, numbers


def notes(data: bytes) -> dict[int, str]:
    """The footnotes, by id (the separators -1 and 0 left out), as their text reads."""
    root = part(data, "word/footnotes.xml")
    return {
        int(note.get(w("id"))): "".join(t.text or "" for t in note.iter(w("t")))
        for note in root.findall(w("footnote"))
        if int(note.get(w("id"))) > 0
    }


def memo(
    heads: list[str],
    body: list[list[str]],
    marked: list[list[list[int]]] | None = None,
    texts: tuple[str, ...] = (),
    state: str = "State line.",
    days: list[int] | None = None,
    lang: Lang = Lang.EN,
    title: str = "Positions",
) -> Memo:
    return Memo(title, (table(heads, body, marked or [], days or []),), lang, texts, state)


def made(value: Memo, **styling: Any) -> bytes:
    return document(value, Styling(**styling))


def template(
    folder: Path,
    *paragraphs: str | list[str],
    name: str = "house.docx",
    setup: Any = None,
) -> Path:
    """A user's document made with python-docx: `paragraphs` in order (a list: one paragraph
    of several runs), a header saying "House header"; `setup(document)` changes it further."""
    made_here = docx.Document()
    made_here.sections[0].header.paragraphs[0].text = "House header"
    for paragraph in paragraphs:
        if isinstance(paragraph, list):
            added = made_here.add_paragraph()
            for run in paragraph:
                added.add_run(run)
        else:
            made_here.add_paragraph(paragraph)
    if setup is not None:
        setup(made_here)
    path = folder / name
    made_here.save(str(path))
    return path


BASIC = memo(
    ["ID", "Decision", "Date"],
    [["jcpoa", "Iran deal", "2018-05-08"], ["paris", "Climate", "2017-06"]],
    [[[], [1], [1, 2]], [[2], [], [3]]],
    ("First quote.", "Second quote; not checked against a text.", "Third."),
    days=[2],
)


# --- the table -------------------------------------------------------------------------------


def test_the_table_reads_back_with_the_memos_headings_and_cells_and_dates_in_words() -> None:
    data = made(BASIC)
    read = opened(data)
    assert [p.text for p in read.paragraphs] == ["Positions", "State line."]
    assert read.paragraphs[0].style.name == "Heading 1"
    heads, cells, _ = grid(data)
    assert heads == ["ID", "Decision", "Date"]
    assert cells == [["jcpoa", "Iran deal", "8 May 2018"], ["paris", "Climate", "June 2017"]]
    assert [c.text for c in read.tables[0].rows[0].cells] == heads
    assert read.tables[0].style.name == "Table Grid"


def test_dates_are_written_in_the_memos_language() -> None:
    dutch = memo(["Datum"], [["2015-05-19"], ["2015"]], days=[0], lang=Lang.NL)
    assert grid(made(dutch))[1] == [["19 mei 2015"], ["2015"]]


def test_the_head_row_repeats_on_every_page_and_short_rows_keep_together() -> None:
    long_row = ["x " * 400]
    data = made(memo(["A"], [["a"], long_row]))
    rows = part(data, "word/document.xml").find(f".//{w('tbl')}").findall(w("tr"))
    assert [r.find(f"{w('trPr')}/{w('tblHeader')}") is not None for r in rows] == [
        True,
        False,
        False,
    ]
    assert [r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows] == [
        False,
        True,
        False,
    ]


def test_column_widths_are_fixed_and_sum_to_the_text_width() -> None:
    data = made(BASIC)
    table_xml = part(data, "word/document.xml").find(f".//{w('tbl')}")
    properties = table_xml.find(w("tblPr"))
    assert properties.find(w("tblLayout")).get(w("type")) == "fixed"
    columns = [int(c.get(w("w"))) for c in table_xml.iter(w("gridCol"))]
    text_width = 11906 - 2 * 1418  # A4 less 2.5 cm margins
    assert sum(columns) == text_width
    assert properties.find(w("tblW")).attrib == {w("type"): "dxa", w("w"): str(text_width)}
    for row in table_xml.findall(w("tr")):
        widths = [
            int(tc.find(f"{w('tcPr')}/{w('tcW')}").get(w("w"))) for tc in row.findall(w("tc"))
        ]
        assert widths == columns


def test_the_template_sections_text_width_is_shared_out(tmp_path: Path) -> None:
    def narrow(document_: Any) -> None:
        section = document_.sections[0]
        section.page_width, section.left_margin, section.right_margin = (
            Pt(500),
            Pt(50),
            Pt(70),
        )

    data = made(BASIC, template=template(tmp_path, "Text", setup=narrow))
    columns = [int(c.get(w("w"))) for c in part(data, "word/document.xml").iter(w("gridCol"))]
    assert sum(columns) == (500 - 50 - 70) * 20


def test_widths_give_a_long_column_more_room_and_every_heading_word_its_own() -> None:
    widths = column_widths(
        ["ID", "Decision", "Goal shared"],
        [["jcpoa", "Unilateral withdrawal from the nuclear deal with Iran", "yes"]] * 3,
        9000,
        False,
    )
    assert sum(widths) == 9000
    assert widths[1] > max(widths[0], widths[2])
    assert widths[2] >= 240 + 110 * len("shared") * 1.1


def test_a_label_column_is_as_wide_as_its_labels_and_no_wider() -> None:
    labels = [["Title", "A long value " * 10], ["Means differ", "yes"]]
    widths = column_widths(["Field", "Value"], labels, 9000, True)
    assert sum(widths) == 9000
    assert widths[0] == 240 + 110 * len("Means differ")
    assert column_widths(["Field", "Value"], labels, 9000, False)[0] > widths[0]


def test_too_many_columns_still_sum_to_the_width() -> None:
    heads = [f"Heading{n} Extraordinarily" for n in range(12)]
    widths = column_widths(heads, [["word"] * 12], 9000, False)
    assert sum(widths) == 9000
    assert min(widths) > 0


WIDE = memo(
    ["ID", "Decision", "Summary", "Stance", "Goal shared", "Means differ", "Date"],
    [["paris-agreement", "Withdrawal", "Multilateralism", "disappointing", "unstated",
      "unstated", "2017-12-06"]],
    [[[], [], [], [1, 2], [], [], [1]]],
    ("One.", "Two."),
    days=[6],
)  # fmt: skip
"""A table whose words do not fit across an upright A4 page."""


def test_columns_whose_words_do_not_fit_upright_turn_the_page_to_landscape() -> None:
    from docx.enum.section import WD_ORIENT

    data = made(WIDE)
    section = opened(data).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)
    columns = [int(c.get(w("w"))) for c in part(data, "word/document.xml").iter(w("gridCol"))]
    assert sum(columns) == 16838 - 2 * 1418
    cells = ["paris-agreement", "Withdrawal", "Multilateralism", "disappointing1,2"]
    cells += ["unstated", "unstated", "December"]
    for width, word in zip(columns, cells, strict=True):
        assert width >= 240 + 110 * 1.15 * len(word)


def test_columns_that_fit_upright_keep_the_page_upright() -> None:
    from docx.enum.section import WD_ORIENT

    section = opened(made(BASIC)).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width.twips == 11906


def test_a_templates_page_is_never_turned(tmp_path: Path) -> None:
    from docx.enum.section import WD_ORIENT

    data = made(WIDE, template=template(tmp_path, "{{ posities }}"))
    section = opened(data).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    columns = [int(c.get(w("w"))) for c in part(data, "word/document.xml").iter(w("gridCol"))]
    assert sum(columns) == width


def test_columns_too_many_even_for_landscape_still_fill_it() -> None:
    holders = [f"Holder{n} (H{n})" for n in range(10)]
    value = memo(["ID", "Decision", "Date", *holders], [["jcpoa", "Withdrawal", "2018"] +
                 ["critical; goal shared: yes"] * 10])  # fmt: skip
    data = made(value)
    assert opened(data).sections[0].page_width.twips == 16838
    columns = [int(c.get(w("w"))) for c in part(data, "word/document.xml").iter(w("gridCol"))]
    assert sum(columns) == 16838 - 2 * 1418
    assert min(columns) > 0


def test_a_label_column_is_bold_and_the_table_style_formats_its_first_column() -> None:
    data = made(
        Memo("T", (table(["Field", "Value"], [["Title", "X"]], label_column=True),), Lang.EN)
    )
    cell = opened(data).tables[0].rows[1].cells
    assert [run.bold for run in cell[0].paragraphs[0].runs] == [True]
    assert [run.bold for run in cell[1].paragraphs[0].runs] == [None]
    look = part(data, "word/document.xml").find(f".//{w('tblLook')}")
    assert look.get(w("firstColumn")) == "1"
    assert (
        part(made(BASIC), "word/document.xml").find(f".//{w('tblLook')}").get(w("firstColumn"))
        == "0"
    )


# --- footnotes -------------------------------------------------------------------------------


def test_each_quote_is_one_footnote_with_its_exact_text_after_the_separators() -> None:
    data = made(BASIC)
    root = part(data, "word/footnotes.xml")
    kinds = [(n.get(w("id")), n.get(w("type"))) for n in root.findall(w("footnote"))]
    assert kinds == [
        ("-1", "separator"),
        ("0", "continuationSeparator"),
        ("1", None),
        ("2", None),
        ("3", None),
    ]
    assert notes(data) == {
        1: " First quote.",
        2: " Second quote; not checked against a text.",
        3: " Third.",
    }
    first = root.findall(w("footnote"))[2]
    assert first.find(f".//{w('footnoteRef')}") is not None
    settings_xml = part(data, "word/settings.xml")
    declared = settings_xml.find(w("footnotePr")).findall(w("footnote"))
    assert [d.get(w("id")) for d in declared] == ["-1", "0"]


def test_the_footnotes_part_is_related_and_has_its_content_type() -> None:
    data = made(BASIC)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert 'PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-' in types
    assert "relationships/footnotes" in rels


def test_cells_refer_to_the_footnotes_the_memo_marks_each_quote_once_as_a_footnote() -> None:
    data = made(BASIC)
    assert grid(data)[2] == [[[], [1], [1, 2]], [[2], [], [3]]]
    body = part(data, "word/document.xml")
    references = [int(r.get(w("id"))) for r in body.iter(w("footnoteReference"))]
    assert references == [1, 2, 3]  # one reference per footnote; the others are NOTEREFs
    fields = [t.text for t in body.iter(w("instrText"))]
    assert fields == [" NOTEREF _RefPositiesNote1 \\f \\h ", " NOTEREF _RefPositiesNote2 \\f \\h "]


def test_a_cross_reference_shows_its_footnotes_number_in_the_footnote_style() -> None:
    data = made(BASIC)
    cell = opened(data).tables[0].rows[1].cells[2]
    assert cell.text == "8 May 20181,"  # and the number Word gives footnote 2, not text
    runs = part(data, "word/document.xml").findall(f".//{w('tbl')}/{w('tr')}")[1]
    last = runs.findall(w("tc"))[2].find(w("p"))
    styles = {r.find(f"{w('rPr')}/{w('rStyle')}").get(w("val")) for r in last.findall(w("r"))[1:]}
    assert styles == {"FootnoteReference"}


def test_footnote_styles_are_made_when_the_document_has_none() -> None:
    read = opened(made(BASIC))
    text_style = read.styles["footnote text"]
    mark_style = read.styles["footnote reference"]
    assert (text_style.style_id, text_style.type) == ("FootnoteText", WD_STYLE_TYPE.PARAGRAPH)
    assert (mark_style.style_id, mark_style.font.superscript) == ("FootnoteReference", True)


def test_a_note_no_cell_marks_is_referred_to_after_the_state_line() -> None:
    data = made(memo(["A"], [["a"]], [[[1]]], ("One.", "Two.")))
    last = part(data, "word/document.xml").find(w("body")).findall(w("p"))[-1]
    assert words(last) == "State line."
    assert [int(r.get(w("id"))) for r in last.iter(w("footnoteReference"))] == [2]


def test_no_footnotes_part_without_notes() -> None:
    with zipfile.ZipFile(io.BytesIO(made(memo(["A"], [["a"]])))) as package:
        assert "word/footnotes.xml" not in package.namelist()


# --- blocks and the closing line -------------------------------------------------------------


def test_sources_are_a_heading_numbered_lines_and_quotes_then_the_state_line_in_italics() -> None:
    quotes = Quotes("Sources", (("A letter (letter, 2019)", "We think so."),))
    value = Memo("Title", (Paragraph("Nothing."), quotes), Lang.EN, (), "Register state.")
    read = opened(made(value))
    shown_paragraphs = [(p.text, p.style.name) for p in read.paragraphs]
    assert shown_paragraphs == [
        ("Title", "Heading 1"),
        ("Nothing.", "Normal"),
        ("Sources", "Heading 2"),
        ("1. A letter (letter, 2019)", "Normal"),
        ("We think so.", "Quote"),
        ("Register state.", "Normal"),
    ]
    assert [run.italic for run in read.paragraphs[-1].runs] == [True]


def test_the_state_line_closes_the_document() -> None:
    body = part(made(BASIC), "word/document.xml").find(w("body"))
    blocks = [child.tag for child in body]
    assert blocks == [w("p"), w("tbl"), w("p"), w("sectPr")]
    assert words(body.findall(w("p"))[-1]) == "State line."


def test_the_same_memo_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = made(BASIC)
    assert made(BASIC) == first
    properties = opened(first).core_properties
    assert properties.title == "Positions"
    assert properties.modified.isoformat() == "2023-11-14T22:13:20+00:00"
    assert properties.created == properties.modified


def test_a_document_without_a_template_is_a4_in_calibri() -> None:
    read = opened(made(BASIC))
    section = read.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert read.styles["Normal"].font.name == "Calibri"


CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"


def test_a_plain_document_is_made_by_posities_and_has_no_thumbnail() -> None:
    data = made(BASIC)
    core = part(data, "docProps/core.xml")
    assert core.find(f"{DC}creator").text == "posities"
    assert core.find(f"{DC}description").text is None
    assert core.find(f"{DC}title").text == "Positions"
    assert core.find(f"{CORE}lastModifiedBy").text == "posities"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert not [name for name in package.namelist() if "thumbnail" in name]
        assert b"thumbnail" not in package.read("_rels/.rels")
        assert b"image/jpeg" not in package.read("[Content_Types].xml")
        assert b"python-docx" not in package.read("docProps/core.xml")


def test_a_templates_own_properties_are_kept_but_who_changed_it_last(tmp_path: Path) -> None:
    def described(document_: Any) -> None:
        properties = document_.core_properties
        properties.author, properties.title = "Directie Noord-Amerika", "Weekly brief"
        properties.comments, properties.last_modified_by = "House template", "J. Jansen"

    read = opened(made(BASIC, template=template(tmp_path, "{{ posities }}", setup=described)))
    properties = read.core_properties
    assert (properties.author, properties.title, properties.comments) == (
        "Directie Noord-Amerika",
        "Weekly brief",
        "House template",
    )
    assert properties.last_modified_by == "posities"


# --- hostile values --------------------------------------------------------------------------

HOSTILE = "<w:t>&amp;</w:t> ]]> \"'\x00\x07\x1b[31m\ud800 \u202e\u05e9\u05dc\u05d5\u05dd\ufffe"


def test_hostile_values_round_trip_with_invalid_characters_replaced() -> None:
    long_quote = "woord " * 1000
    value = Memo(
        HOSTILE,
        (table([HOSTILE], [[HOSTILE]], [[[1, 2]]]),),
        Lang.EN,
        (HOSTILE, long_quote),
        HOSTILE,
    )
    data = made(value, classification=HOSTILE)
    expected = (
        "<w:t>&amp;</w:t> ]]> \"'\ufffd\ufffd\ufffd[31m\ufffd \u202e\u05e9\u05dc\u05d5\u05dd\ufffd"
    )
    assert safe(HOSTILE) == expected
    read = opened(data)
    assert grid(data)[:2] == ([expected], [[expected]])
    assert read.paragraphs[0].text == expected
    assert read.paragraphs[-1].text == expected
    assert notes(data) == {1: " " + expected, 2: " " + long_quote.strip()}
    assert read.sections[0].header.paragraphs[0].text == expected
    assert read.core_properties.title == expected


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_any_cell_text_reads_back_as_itself_made_safe(texts: list[str]) -> None:
    value = memo([f"H{n}" for n in range(len(texts))], [texts])
    data = made(value)
    assert grid(data)[1] == [[safe(text) for text in texts]]
    assert [c.text for c in opened(data).tables[0].rows[1].cells] == [safe(t) for t in texts]


# --- a template ------------------------------------------------------------------------------


def test_the_report_replaces_the_placeholder_text_around_it_kept_in_order(
    tmp_path: Path,
) -> None:
    path = template(tmp_path, "Dear minister,", ["{{ pos", "ities", " }}"], "Kind regards.")
    read = opened(made(BASIC, template=path))
    texts = [p.text for p in read.paragraphs]
    assert texts == ["Dear minister,", "Positions", "State line.", "Kind regards."]
    body = read.element.body
    order = [child.tag for child in body]
    assert order == [w("p"), w("p"), w("tbl"), w("p"), w("p"), w("sectPr")]
    assert read.sections[0].header.paragraphs[0].text == "House header"


@pytest.mark.parametrize("written", ["{{posities}}", "  {{ Posities }} ", "{{\tposities }}"])
def test_the_placeholder_may_be_spaced_and_capitalised(tmp_path: Path, written: str) -> None:
    path = template(tmp_path, "Before", written, "After")
    texts = [p.text for p in opened(made(BASIC, template=path)).paragraphs]
    assert texts == ["Before", "Positions", "State line.", "After"]


def test_without_a_placeholder_the_report_goes_at_the_end(tmp_path: Path) -> None:
    path = template(tmp_path, "Intro", "{{ something else }}")
    texts = [p.text for p in opened(made(BASIC, template=path)).paragraphs]
    assert texts == ["Intro", "{{ something else }}", "Positions", "State line."]


def test_two_placeholders_or_one_in_a_table_are_refused(tmp_path: Path) -> None:
    twice = template(tmp_path, "{{ posities }}", "{{ posities }}")
    with pytest.raises(UsageError, match=r"has 2 paragraphs holding \{\{ posities \}\}"):
        made(BASIC, template=twice)

    def in_a_table(document_: Any) -> None:
        document_.add_table(rows=1, cols=1).cell(0, 0).text = "{{ posities }}"

    boxed = template(tmp_path, "x", name="boxed.docx", setup=in_a_table)
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=boxed)
    assert str(caught.value) == (
        f"template {boxed}: {{{{ posities }}}} must be a paragraph of its own in the body: "
        "found inside a table; put it in a paragraph of its own"
    )


def _misplaced(path: Path, where: str) -> str:
    """The error for a placeholder of the template at `path` found `where`."""
    return (
        f"template {path}: {{{{ posities }}}} must be a paragraph of its own in the body: {where}"
    )


@pytest.mark.parametrize(
    ("place", "where"),
    [
        ("header", "found in the header of section 1"),
        ("footer", "found in the footer of section 1"),
        ("first_page_header", "found in the first-page header of section 1"),
        ("even_page_footer", "found in the even-page footer of section 1"),
    ],
)
def test_a_placeholder_in_a_header_or_footer_is_refused(
    tmp_path: Path, place: str, where: str
) -> None:
    def in_it(document_: Any) -> None:
        document_.sections[0].different_first_page_header_footer = True
        document_.settings.odd_and_even_pages_header_footer = True
        getattr(document_.sections[0], place).add_paragraph("{{ posities }}")

    path = template(tmp_path, "Body", setup=in_it)
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == (
        f"{_misplaced(path, where)}; move it to where the report goes in the body"
    )


def test_a_placeholder_in_the_header_of_a_later_section_names_that_section(
    tmp_path: Path,
) -> None:
    def later(document_: Any) -> None:
        section = document_.add_section()
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = "Annex {{posities}}"

    path = template(tmp_path, "{{ posities }}", setup=later)
    with pytest.raises(UsageError, match=r"found in the header of section 2; move it"):
        made(BASIC, template=path)


def test_a_placeholder_inside_a_sentence_is_refused(tmp_path: Path) -> None:
    path = template(tmp_path, "Intro", ["See the table: {{ pos", "ities }} and more."])
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == _misplaced(
        path,
        "found inside the text of a paragraph ('See the table: {{ posities }} and more.'); "
        "put it on a line of its own",
    )


TEXT_BOX = (
    '<w:p {w} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>Box: </w:t></w:r><w:r><w:pict>'
    "<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{{{{ posities }}}}</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)
"""A paragraph anchoring a text box that holds the placeholder."""


def test_a_placeholder_in_a_text_box_is_refused(tmp_path: Path) -> None:
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    def boxed(document_: Any) -> None:
        document_.paragraphs[-1]._p.addnext(parse_xml(TEXT_BOX.format(w=nsdecls("w"))))

    path = template(tmp_path, "Intro", setup=boxed)
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == (
        f"{_misplaced(path, 'found inside a text box')}; put it in a paragraph of its own"
    )


def test_a_placeholder_in_a_footnote_is_refused(tmp_path: Path) -> None:
    own = memo(["A"], [["a"]], [[[1]]], ("Own note {{ posities }}",), state="")
    path = tmp_path / "with-notes.docx"
    path.write_bytes(made(own, template=template(tmp_path, "Intro")))
    with pytest.raises(UsageError, match=r"body: found in a footnote; move it to where"):
        made(BASIC, template=path)


def test_a_placeholder_that_ends_a_section_keeps_the_section_break(tmp_path: Path) -> None:
    from docx.enum.section import WD_ORIENT

    def two_sections(document_: Any) -> None:
        section = document_.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        document_.add_paragraph("Annex")

    path = template(tmp_path, "Intro", "{{ posities }}", setup=two_sections)
    data = made(BASIC, template=path)
    read = opened(data)
    assert len(read.sections) == 2
    texts = [p.text for p in read.paragraphs]
    assert texts == ["Intro", "Positions", "State line.", "", "Annex"]
    first = read.sections[0]
    columns = [int(c.get(w("w"))) for c in part(data, "word/document.xml").iter(w("gridCol"))]
    assert sum(columns) == first.page_width.twips - first.left_margin.twips - (
        first.right_margin.twips
    )


def test_the_templates_styles_are_used(tmp_path: Path) -> None:
    def house(document_: Any) -> None:
        document_.styles["Heading 1"].font.name = "House Serif"
        document_.styles["Normal"].font.size = Pt(9)
        style = document_.styles.add_style("House Table", WD_STYLE_TYPE.TABLE)
        style.base_style = document_.styles["Table Grid"]

    path = template(tmp_path, "{{ posities }}", setup=house)
    read = opened(made(BASIC, template=path, table_style="house table"))
    assert read.paragraphs[0].style.font.name == "House Serif"
    assert read.tables[0].style.name == "House Table"
    assert read.paragraphs[-1].style.name == "Normal"
    assert read.styles["Normal"].font.size == Pt(9)


def test_a_template_without_heading_or_grid_styles_gets_them_or_drawn_lines(
    tmp_path: Path,
) -> None:
    def bare(document_: Any) -> None:
        styles = document_.styles.element
        for style in list(styles.iter(w("style"))):
            if style.get(w("styleId")) in ("Heading1", "Heading2", "TableGrid", "Title"):
                styles.remove(style)

    data = made(BASIC, template=template(tmp_path, "{{ posities }}", setup=bare))
    read = opened(data)
    assert read.paragraphs[0].style.name == "Heading 1"
    assert read.paragraphs[0].style.font.bold is True
    table_xml = part(data, "word/document.xml").find(f".//{w('tbl')}")
    assert table_xml.find(f"{w('tblPr')}/{w('tblStyle')}") is None
    lines = table_xml.find(f"{w('tblPr')}/{w('tblBorders')}")
    assert [side.get(w("val")) for side in lines] == ["single"] * 6


def test_an_unknown_table_style_is_refused_naming_the_styles_there_are(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        made(BASIC, table_style="Fancy")
    first, *listed, last = str(caught.value).split("\n")
    assert first == "the default document has no table style 'Fancy'. Its table styles:"
    assert last == (
        "(A style Word offers but the document has never used is not in it: apply it to a "
        "table there once and save.)"
    )
    assert len(listed) > 10
    assert all(line.startswith("  ") and len(line) <= 88 for line in listed)
    names = " ".join(listed).replace(",", "").split()
    assert names[:4] == ["Colorful", "Grid", "Colorful", "Grid"]
    assert listed[-1].endswith(", Table Grid")
    assert "Light Grid Accent 1, " in "\n".join(listed)
    assert opened(made(BASIC, table_style="light grid accent 1")).tables[0].style.name == (
        "Light Grid Accent 1"
    )


def test_a_mistyped_table_style_names_the_closest_first() -> None:
    with pytest.raises(UsageError) as caught:
        made(BASIC, table_style="Tabel Grid")
    assert str(caught.value).startswith(
        "the default document has no table style 'Tabel Grid'; did you mean 'Table Grid', "
        "'Light Grid', 'Medium Grid 3'? Its table styles:\n  Colorful Grid, "
    )


@pytest.mark.parametrize("written", [" Table Grid ", "table  grid", "\tLight Grid Accent 1\n"])
def test_a_table_style_is_matched_in_any_case_and_spacing(written: str) -> None:
    wanted = " ".join(written.split()).casefold()
    assert opened(made(BASIC, table_style=written)).tables[0].style.name.casefold() == wanted


@pytest.mark.parametrize("written", ["", "   "])
def test_an_empty_table_style_is_refused(written: str) -> None:
    with pytest.raises(UsageError) as caught:
        made(BASIC, table_style=written)
    assert str(caught.value) == (
        "--table-style is empty: name one of the table styles of the default document"
    )


def test_a_templates_own_footnotes_are_kept_and_the_new_ones_numbered_after(
    tmp_path: Path,
) -> None:
    own = memo(["A"], [["a"], ["b"]], [[[1]], [[2]]], ("Own one.", "Own two."), state="")
    path = tmp_path / "with-notes.docx"
    path.write_bytes(made(own, template=template(tmp_path, "{{ posities }}")))
    with zipfile.ZipFile(path) as package:  # a placeholder after the template's table
        xml = package.read("word/document.xml")
    edited = xml.replace(b"<w:sectPr", b"<w:p><w:r><w:t>{{ posities }}</w:t></w:r></w:p><w:sectPr")
    _replace_member(path, "word/document.xml", edited)
    data = made(BASIC, template=path)
    assert notes(data) == {
        1: " Own one.",
        2: " Own two.",
        3: " First quote.",
        4: " Second quote; not checked against a text.",
        5: " Third.",
    }
    assert grid(data, 1)[2] == [[[], [3], [3, 4]], [[4], [], [5]]]
    second = opened(data).tables[1].rows[1].cells[2]
    assert second.text == "8 May 20183,"  # the template's two footnotes come first


def _replace_member(path: Path, name: str, data: bytes) -> None:
    """Rewrite the zip at `path` with member `name` holding `data`."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in members:
            target.writestr(info, data if info.filename == name else content)


# --- the classification ----------------------------------------------------------------------


def test_the_classification_is_centred_and_bold_in_every_header_and_footer(
    tmp_path: Path,
) -> None:
    def pages(document_: Any) -> None:
        document_.settings.odd_and_even_pages_header_footer = True
        first = document_.sections[0]
        first.different_first_page_header_footer = True
        first.first_page_header.paragraphs[0].text = "First page header"
        first.footer.paragraphs[0].text = "Page footer"
        document_.add_section()
        document_.sections[1].header.is_linked_to_previous = False
        document_.sections[1].header.paragraphs[0].text = "Annex header"

    path = template(tmp_path, "{{ posities }}", setup=pages)
    read = opened(made(BASIC, template=path, classification="DEPARTEMENTAAL VERTROUWELIJK"))
    mark = "DEPARTEMENTAAL VERTROUWELIJK"
    first, second = read.sections
    assert [p.text for p in first.header.paragraphs] == [mark, "House header"]
    assert [p.text for p in first.footer.paragraphs] == ["Page footer", mark]
    assert [p.text for p in first.first_page_header.paragraphs] == [mark, "First page header"]
    assert [p.text for p in first.first_page_footer.paragraphs] == [mark]
    assert [p.text for p in first.even_page_header.paragraphs] == [mark]
    assert [p.text for p in first.even_page_footer.paragraphs] == [mark]
    assert [p.text for p in second.header.paragraphs] == [mark, "Annex header"]
    assert second.footer.is_linked_to_previous
    marked = first.header.paragraphs[0]
    assert marked.alignment == 1  # centred
    assert [run.bold for run in marked.runs] == [True]


def test_without_a_classification_headers_are_untouched(tmp_path: Path) -> None:
    read = opened(made(BASIC, template=template(tmp_path, "{{ posities }}")))
    assert [p.text for p in read.sections[0].header.paragraphs] == ["House header"]


# --- templates that are not one --------------------------------------------------------------


def test_a_missing_template_or_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^template .*missing\.docx does not exist$"):
        made(BASIC, template=tmp_path / "missing.docx")
    with pytest.raises(UsageError, match=r"is not a file; name a Word document \(\.docx\)$"):
        made(BASIC, template=tmp_path)


def test_a_file_that_is_no_zip_is_named_as_no_word_document(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    with pytest.raises(UsageError, match=r"old\.doc is not a Word document \(\.docx\)"):
        made(BASIC, template=path)


def test_a_word_template_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = template(tmp_path, "x", name="house.dotx")
    with zipfile.ZipFile(path) as package:
        types = package.read("[Content_Types].xml")
    dotx = types.replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
    )
    _replace_member(path, "[Content_Types].xml", dotx)
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == (
        f"template {path} is a Word template (.dotx), not a document; open it in Word and "
        "save it as a Word document (.docx)"
    )


def _rewritten(path: Path, member: str, content: bytes | None) -> None:
    """Rewrite the zip at `path` with `member` holding `content` (None: left out)."""
    with zipfile.ZipFile(path) as source:
        members = [(i, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in members:
            if info.filename == member:
                if content is None:
                    continue
                data = content
            target.writestr(info, data)


def test_a_damaged_document_is_an_error_naming_it(tmp_path: Path) -> None:
    path = template(tmp_path, "x")
    _rewritten(path, "word/document.xml", b"<w:document><unclosed")
    with pytest.raises(PositiesError, match=r"^template .*house\.docx is damaged: "):
        made(BASIC, template=path)


def test_a_document_with_no_body_is_damaged(tmp_path: Path) -> None:
    path = template(tmp_path, "x")
    main = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    _rewritten(path, "word/document.xml", main)
    with pytest.raises(PositiesError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == (
        f"template {path} is damaged: its document has no body; open it in Word and save it "
        "as a Word document (.docx)"
    )


def test_a_zip_with_no_content_types_is_no_word_document(tmp_path: Path) -> None:
    path = template(tmp_path, "x")
    _rewritten(path, "[Content_Types].xml", None)
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == (
        f"template {path} is not a Word document: it has no [Content_Types].xml; open it in "
        "Word and save it as a Word document (.docx)"
    )


def test_an_encrypted_document_or_an_old_doc_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "protected.docx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert str(caught.value) == (
        f"template {path} is encrypted or an old .doc (Word 97-2003): save it as an "
        "unprotected .docx"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = template(tmp_path, "x")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package,
        package.open("word/media/bomb.bin", "w") as member,
    ):
        for _ in range(20):  # 20 MB of zeros, written a megabyte at a time
            member.write(bytes(2**20))
    assert path.stat().st_size < 200_000
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert re.fullmatch(
        rf"template {re.escape(str(path))} unpacks to 20 MB, its 'word/media/bomb\.bin' "
        r"\d+ times its packed size: packed tighter than a Word document ever is",
        str(caught.value),
    )


def test_a_template_that_unpacks_to_more_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import posities.render.docx as word_module

    path = template(tmp_path, "x")
    with zipfile.ZipFile(path) as package:
        size = sum(member.file_size for member in package.infolist())
    monkeypatch.setattr(word_module, "MAX_UNPACKED", size - 1)
    with pytest.raises(UsageError) as caught:
        made(BASIC, template=path)
    assert re.fullmatch(
        rf"template {re.escape(str(path))} unpacks to (\d+) KB: larger than a Word template "
        r"can be \(at most \1 KB\)",
        str(caught.value),
    )
    monkeypatch.setattr(word_module, "MAX_UNPACKED", size)
    assert made(BASIC, template=path)


def test_a_spreadsheet_is_no_word_document(tmp_path: Path) -> None:
    path = template(tmp_path, "x", name="sheet.xlsx")
    with zipfile.ZipFile(path) as package:
        types = package.read("[Content_Types].xml")
    _replace_member(
        path,
        "[Content_Types].xml",
        types.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"),
    )
    with pytest.raises(UsageError, match=r"is not a Word document \(its main part is "):
        made(BASIC, template=path)


# --- a real word processor -------------------------------------------------------------------


def test_libreoffice_converts_the_document_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the optional rendering check")
    source = tmp_path / "memo.docx"
    source.write_bytes(made(BASIC, classification="CONFIDENTIAL"))
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "memo.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "CONFIDENTIAL" in text
        assert re.search(r"8 May 2018\s*1,2", text)
        assert "Third." in text


def test_ooxml_next_id_counts_past_the_highest() -> None:
    root = etree.fromstring(
        f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="-1"/><w:footnote w:id="7"/></w:footnotes>'
    )
    assert ooxml.next_id(root, "footnote") == 8
    assert ooxml.next_id(etree.fromstring(f'<w:body xmlns:w="{W}"/>'), "bookmarkStart") == 1


def test_a_section_without_its_page_size_falls_back_to_a4_text_width() -> None:
    class Unsized:
        page_width = None
        left_margin = right_margin = None

    assert ooxml.text_width(Unsized(), 9070) == 9070
    assert ooxml.text_width(None, 9070) == 9070


def test_a_table_with_no_rows_is_its_head_row() -> None:
    data = made(memo(["ID", "Decision"], []))
    assert grid(data) == (["ID", "Decision"], [], [])
    columns = [int(c.get(w("w"))) for c in part(data, "word/document.xml").iter(w("gridCol"))]
    assert sum(columns) == 11906 - 2 * 1418
