"""A memo as a spreadsheet, read back with openpyxl: one sheet, a bold head row frozen in view,
a filter over the table, exact cells, whole days as dates, no text ever a formula, hostile
text made safe and visible, a Sources column for the notes, the state line under the table,
and the same bytes for the same memo."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from posities.model.words import Lang
from posities.render import Format
from posities.render.memo import Cell, Memo, Paragraph, Styling, Table, table, write
from posities.render.xlsx import CUT, LIMIT, WIDEST, cell_text, sheet_name, workbook


def read(data: bytes) -> Worksheet:
    """The one sheet of an .xlsx file's bytes, as openpyxl reads it."""
    book = load_workbook(io.BytesIO(data))
    assert len(book.worksheets) == 1
    return book.worksheets[0]


def shown(value: Any) -> Any:
    """A cell's value as a spreadsheet shows it: text with its `_xHHHH_` escapes read as the
    characters they stand for (ECMA-376 ST_Xstring; openpyxl leaves them as they are)."""
    if not isinstance(value, str):
        return value
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def values(sheet: Worksheet) -> list[list[Any]]:
    """Every row of the sheet, each cell as a spreadsheet shows it (None where empty)."""
    return [[shown(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def sheet_xml(data: bytes) -> str:
    """The XML of the one sheet of an .xlsx file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _memo(
    heads: list[str],
    body: list[list[str]],
    marks: list[list[list[int]]] | None = None,
    notes: tuple[str, ...] = (),
    state: str = "",
    title: str = "Positions",
    lang: Lang = Lang.EN,
    days: tuple[int, ...] = (),
) -> Memo:
    return Memo(title, (table(heads, body, marks or [], days),), lang, notes, state)


def test_one_sheet_named_after_the_report_with_a_bold_head_row_frozen_and_filtered() -> None:
    data = workbook(_memo(["ID", "Decision"], [["jcpoa", "Iran deal"], ["b", "Two\nlines"]]))
    sheet = read(data)
    assert sheet.title == "Positions"
    assert values(sheet) == [["ID", "Decision"], ["jcpoa", "Iran deal"], ["b", "Two\nlines"]]
    assert [c.font.b for c in sheet[1]] == [True, True]
    assert [c.font.b for c in sheet[2]] == [False, False]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"


def test_write_hands_a_memo_to_the_spreadsheet() -> None:
    memo = _memo(["A"], [["a"]])
    assert write(memo, Format.XLSX, False, Styling()) == workbook(memo)


def test_a_table_with_no_rows_is_its_head_row_filtered() -> None:
    sheet = read(workbook(_memo(["ID", "Decision"], [])))
    assert values(sheet) == [["ID", "Decision"]]
    assert sheet.auto_filter.ref == "A1:B1"
    assert sheet.freeze_panes == "A2"


def test_the_first_table_is_the_sheet_and_a_memo_without_one_has_its_state_line() -> None:
    first, second = table(["A"], [["a"]]), table(["B"], [["b"]])
    sheet = read(workbook(Memo("T", (Paragraph("p"), first, second), Lang.EN)))
    assert values(sheet) == [["A"], ["a"]]
    sheet = read(workbook(Memo("T", (Paragraph("p"),), Lang.EN, (), "State.")))
    assert values(sheet) == [[None], [None], ["State."]]
    assert sheet.auto_filter.ref is None


def test_an_empty_cell_stays_empty() -> None:
    sheet = read(workbook(_memo(["A", "B", "C"], [["", "b", ""]])))
    assert values(sheet)[1] == [None, "b", None]


def test_whole_days_are_dates_and_a_month_or_year_alone_stays_text() -> None:
    heads = ["Date", "Text"]
    rows = (
        (Cell("1 June 2017", (), "2017-06-01"), Cell("x")),
        (Cell("June 2017", (), "2017-06"), Cell("y")),
        (Cell("2017", (), "2017"), Cell("z")),
        (Cell("", (), None), Cell("2017-06-01")),
    )
    data = workbook(Memo("Timeline", (Table(tuple(heads), rows),), Lang.EN))
    sheet = read(data)
    assert values(sheet)[1:] == [
        [datetime.datetime(2017, 6, 1), "x"],
        ["June 2017", "y"],
        ["2017", "z"],
        [None, "2017-06-01"],
    ]
    assert sheet["A2"].is_date
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert [sheet[f"A{n}"].data_type for n in (3, 4)] == ["s", "s"]
    assert sheet["B5"].data_type == "s"  # a date as text in a column that shows none


def test_the_date_columns_of_a_table_are_dates() -> None:
    memo = _memo(["ID", "Date"], [["a", "2018-05-08"], ["b", ""]], days=(1,))
    assert values(read(workbook(memo)))[1:] == [["a", datetime.datetime(2018, 5, 8)], ["b", None]]


FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.org","x")',
    "=cmd|' /C calc'!A0",
    "+31 20 123",
    "-5",
    "@SUM(A1)",
    "#N/A",
    "#DIV/0!",
    "=",
    "TRUE",
    "0012",
    "1e5",
]


def test_a_value_that_looks_like_a_formula_number_or_error_stays_exactly_that_text() -> None:
    data = workbook(_memo(FORMULAS, [FORMULAS]))
    sheet = read(data)
    assert values(sheet) == [FORMULAS, FORMULAS]
    assert {c.data_type for row in sheet.iter_rows() for c in row} == {"s"}
    xml = sheet_xml(data)
    assert "<f>" not in xml
    assert "<f " not in xml
    assert ' t="e"' not in xml


def test_a_text_a_formula_starts_keeps_a_quote_prefix_so_that_editing_keeps_it_text() -> None:
    sheet = read(workbook(_memo(["=a", "+b", "-c", "@d", "e=f"], [["=a", "+b", "-c", "@d", "e"]])))
    assert [c.quotePrefix for c in sheet[2]] == [True, True, True, True, False]


HOSTILE = "<b>&amp;</b> \"q\" 'a' ]]> \u202eRTL\u202c e\u0301 😀 \t tab"


def test_markup_and_unicode_are_kept_as_they_are() -> None:
    sheet = read(workbook(_memo([HOSTILE], [[HOSTILE]], title=HOSTILE, state=HOSTILE)))
    assert values(sheet) == [[HOSTILE], [HOSTILE], [None], [HOSTILE]]


def test_characters_xml_cannot_hold_are_replaced_visibly() -> None:
    text = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi\ud800j"
    data = workbook(_memo([text], [[text]], [[[1]]], ("n" + text,), title="T\x00", state=text))
    sheet = read(data)
    replaced = "a�b�c�d�e�f�g�h�i�j"
    assert values(sheet) == [
        [replaced, "Sources"],
        [replaced, "[1] " + replaced + ": n" + replaced],
        [None, None],
        [replaced, None],
    ]
    assert sheet.title == "T�"


def test_line_breaks_carriage_returns_and_escapes_are_shown_as_they_are() -> None:
    texts = ["a\rb", "a\r\nb", "a\nb", "_x0041_", "_x005F_x0041_", "_x00e9_x", "__x1234__"]
    data = workbook(_memo(texts, [texts]))
    assert values(read(data)) == [texts, texts]
    assert "<t>_x005F_x0041_</t>" in sheet_xml(data)


def test_a_text_longer_than_a_cell_holds_is_cut_with_a_visible_mark() -> None:
    long = "ab" * 20_000
    written = cell_text(long)
    assert len(written) == LIMIT
    assert written == long[: LIMIT - len(CUT)] + CUT
    sheet = read(workbook(_memo(["Quote"], [[long]])))
    assert sheet["A2"].value == written
    assert cell_text("x" * LIMIT) == "x" * LIMIT


def test_a_cut_counts_characters_as_a_spreadsheet_does_and_keeps_escapes_whole() -> None:
    wide = "😀" * 20_000  # two UTF-16 units each, as Excel counts
    assert cell_text(wide) == "😀" * ((LIMIT - len(CUT)) // 2) + CUT
    escapes = "_x0041_" * 5_000
    written = cell_text(escapes)
    assert written.endswith(CUT)
    assert len(written) <= LIMIT
    assert shown(written) == escapes[: len(shown(written)) - len(CUT)] + CUT
    returns = cell_text("\r" * 10_000)
    assert returns == "_x000D_" * ((LIMIT - len(CUT)) // 7) + CUT


def test_notes_are_a_sources_column_with_the_columns_each_supports() -> None:
    marks = [[[], [1], [1, 2]], [[], [], []], [[3], [], [3]]]
    notes = ("“One.” — A letter.", "“Two.” — A report.", "“Three.” — Minutes.")
    body = [["a", "critical", "yes"], ["b", "neutral", "no"], ["c", "supports", "no"]]
    data = workbook(_memo(["ID", "Stance", "Goal shared"], body, marks, notes))
    sheet = read(data)
    assert values(sheet) == [
        ["ID", "Stance", "Goal shared", "Sources"],
        [
            "a",
            "critical",
            "yes",
            "[1] Stance, Goal shared: “One.” — A letter.\n[2] Goal shared: “Two.” — A report.",
        ],
        ["b", "neutral", "no", None],
        ["c", "supports", "no", "[3] ID, Goal shared: “Three.” — Minutes."],
    ]
    assert sheet.auto_filter.ref == "A1:D4"
    assert sheet["D1"].font.b


def test_the_sources_column_is_named_in_the_memos_language() -> None:
    memo = _memo(["Standpunt"], [["kritisch"]], [[[1]]], ("“Eén.”",), lang=Lang.NL)
    assert values(read(workbook(memo)))[0] == ["Standpunt", "Bronnen"]


def test_no_notes_no_sources_column() -> None:
    assert values(read(workbook(_memo(["A"], [["a"]]))))[0] == ["A"]


def test_the_state_line_is_under_the_table_after_an_empty_row_and_in_the_properties() -> None:
    state = "Register state: 19 May 2015, commit abc1234; 2 of 5 positions."
    data = workbook(_memo(["A", "B"], [["a", "b"], ["c", "d"]], state=state))
    sheet = read(data)
    assert values(sheet)[3:] == [[None, None], [state, None]]
    assert sheet["A5"].font.i
    assert sheet.auto_filter.ref == "A1:B3"
    properties = load_workbook(io.BytesIO(data)).properties
    assert (properties.title, properties.description) == ("Positions", state)
    assert (properties.creator, properties.language) == ("posities", "en")


def test_columns_are_as_wide_as_their_content_and_a_long_text_column_wraps() -> None:
    long = "word " * 40
    memo = _memo(["ID", "Summary", "Date"], [["jcpoa", long, "2018-05-08"]], days=(2,))
    sheet = read(workbook(memo))
    widths = [sheet.column_dimensions[c].width for c in "ABC"]
    assert widths == [len("jcpoa") + 2, WIDEST + 2, len("yyyy-mm-dd") + 2]
    assert [bool(c.alignment.wrap_text) for c in sheet[2]] == [False, True, False]
    assert {c.alignment.vertical for c in sheet[2]} == {"top"}
    assert sheet.row_dimensions[2].height == 4 * 15  # 200 characters in lines of 60


def test_a_day_before_the_first_day_spreadsheets_agree_on_stays_text() -> None:
    days = ["1900-02-28", "1900-03-01", "0001-01-01", "9999-12-31"]
    rows = tuple((Cell(d, (), d),) for d in days)
    sheet = read(workbook(Memo("T", (Table(("Date",), rows),), Lang.EN)))
    assert values(sheet)[1:] == [
        ["1900-02-28"],
        [datetime.datetime(1900, 3, 1)],
        ["0001-01-01"],
        [datetime.datetime(9999, 12, 31)],
    ]


def test_no_row_is_higher_than_a_spreadsheet_allows() -> None:
    sheet = read(workbook(_memo(["ID", "Sources"], [["a", "\n".join(["line"] * 500)]])))
    assert sheet.row_dimensions[2].height == 409


def test_a_column_with_line_breaks_wraps_and_its_rows_are_as_high_as_their_lines() -> None:
    memo = _memo(["ID", "Sources"], [["a", "[1] one\n[2] two\n[3] three"], ["b", "[1] one"]])
    sheet = read(workbook(memo))
    assert [bool(sheet[f"B{n}"].alignment.wrap_text) for n in (2, 3)] == [True, True]
    assert not sheet["A2"].alignment.wrap_text
    assert (sheet.row_dimensions[2].height, sheet.row_dimensions[3].height) == (45, None)
    assert sheet.column_dimensions["B"].width == len("[3] three") + 2


def test_on_paper_the_table_is_landscape_one_page_wide_with_its_head_row_on_every_page() -> None:
    sheet = read(workbook(_memo(["A", "B"], [["a", "b"]])))
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"


def test_a_sheets_name_is_what_a_spreadsheet_allows() -> None:
    assert sheet_name("Partijen vergeleken") == "Partijen vergeleken"
    assert sheet_name("a[b]:c*d?e/f\\g") == "a b c d e f g"
    assert sheet_name("x" * 40) == "x" * 31
    assert sheet_name("'quoted'") == "quoted"
    assert sheet_name("[]") == "Sheet"
    assert sheet_name("") == "Sheet"


def test_the_same_memo_makes_the_same_bytes() -> None:
    memo = _memo(["A"], [["a"]], state="State.")
    data = workbook(memo)
    assert workbook(memo) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = load_workbook(io.BytesIO(data)).properties
    assert properties.created == properties.modified == datetime.datetime(1980, 1, 1)


_PIECES = st.sampled_from(["_x0041_", "_x005F_", "_x", "_", "\r", "\r\n", "=", "#N/A", "\ufffe"])
_TEXTS = st.lists(st.one_of(st.characters(), _PIECES), max_size=20).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_TEXTS, min_size=2, max_size=2), min_size=1, max_size=4))
def test_random_texts_read_back_as_a_spreadsheet_shows_them(body: list[list[str]]) -> None:
    invalid = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
    data = workbook(_memo(["A", "B"], body))
    expected = [[invalid.sub("\ufffd", text) or None for text in row] for row in body]
    assert values(read(data))[1:] == expected
    assert "<f>" not in sheet_xml(data)
