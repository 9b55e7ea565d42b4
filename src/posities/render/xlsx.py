"""Any memo as a spreadsheet for analysts: one sheet named after the report, its first table
with a bold head row that stays in view, a filter on every column, dates as dates, the
footnotes of each row in a Sources column, and the state line under the table.

Every text cell is written as text, whatever it looks like: a value starting with `=` is never
a formula, `#N/A` never an error. openpyxl is imported only here, inside the functions that
write, so that no other command pays for it."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from posities.model.words import word
from posities.render.memo import Cell, Memo, Table
from posities.render.ooxml import fixed_times
from posities.render.text import xml_safe

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell as Written
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

LIMIT = 32_767
"""The most characters (UTF-16 code units, as Excel counts them) a cell holds."""

CUT = " […]"
"""What ends a text cut to fit a cell, the mark of words left out of a quote."""

DAY_FORMAT = "yyyy-mm-dd"
"""The number format of a date cell: unambiguous in every language."""

WIDEST = 60
"""The widest a column is made, in characters; a column with longer text wraps it."""

LINE = 15
"""The height of a line of text in the workbook's font (Calibri 11), in points."""

_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
"""An underscore that a spreadsheet would read as the start of an escaped character
(`_x0041_` is shown as `A`)."""

_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
"""Characters a sheet's name cannot have."""

_FORMULA_START = ("=", "+", "-", "@")
"""What a formula starts with: such a cell keeps a quote prefix, so that editing it in a
spreadsheet keeps it text."""

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The time of every file in the archive and of the document (the earliest a zip archive
can say), so that the same memo makes the same bytes."""


def workbook(memo: Memo) -> bytes:
    """The memo's first table as an .xlsx file: one sheet, head row frozen and filtered,
    a Sources column when the memo has notes, the state line after an empty row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = sheet_name(memo.title)
    tables = memo.tables()
    block = tables[0] if tables else Table((), ())
    heads, rows = _with_sources(block, memo)
    _fill(sheet, heads, rows)
    if memo.state:
        _state(sheet, len(rows) + 3, memo.state)
    _properties(book, memo)
    return _saved(book)


def sheet_name(title: str) -> str:
    """`title` as a sheet's name: without the characters a name cannot have, not quoted,
    at most 31 characters, never empty."""
    name = _SHEET_NAME.sub(" ", visible(title))
    name = " ".join(name.split()).strip("'")[:31].strip()
    return name or "Sheet"


def visible(text: str) -> str:
    """`text` with each character XML cannot hold (and so no spreadsheet file) replaced by
    U+FFFD, which shows that something was there."""
    return xml_safe(text)


def escaped(text: str) -> str:
    """`text` as a cell's XML holds it, so that a spreadsheet shows it as it is: the
    underscore of `_xHHHH_` escaped as `_x005F_`, a carriage return as `_x000D_` (XML would
    read it as a line feed)."""
    return _ESCAPE.sub("_x005F_", text).replace("\r", "_x000D_")


def _units(text: str) -> int:
    """The length of `text` as Excel counts it: UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def cell_text(text: str) -> str:
    """A text as a cell holds it (escaped), visible and cut with " […]" to what a cell can
    hold (counting an escape whole, to be safe); the register and every other format keep
    the whole text."""
    shown = visible(text)
    whole = escaped(shown)
    if _units(whole) <= LIMIT:
        return whole
    low, high = 0, len(shown)  # the longest start of `shown` that fits with the mark
    while low < high:
        middle = (low + high + 1) // 2
        if _units(escaped(shown[:middle])) + _units(CUT) <= LIMIT:
            low = middle
        else:
            high = middle - 1
    return escaped(shown[:low]) + CUT


FIRST_DAY = datetime.date(1900, 3, 1)
"""The first day spreadsheets agree on: before it, Excel's calendar counts a 29 February 1900
that never was (and has no day before 1900 at all), so an earlier day is written as text."""


def day(cell: Cell) -> datetime.date | None:
    """The date a cell shows, when it is a whole day (YYYY-MM-DD) from `FIRST_DAY` on; None
    for a year or a month alone, which is no day, and for an earlier day: they stay text."""
    from posities.model.dates import is_day

    if cell.day is None or not is_day(cell.day):
        return None
    found = datetime.date.fromisoformat(cell.day)
    return found if found >= FIRST_DAY else None


def _with_sources(block: Table, memo: Memo) -> tuple[list[str], list[list[Cell]]]:
    """The table's head and rows, with a Sources column (in the memo's language) when the
    memo has notes: each row's notes, numbered as in the memo, with the columns they
    support."""
    heads, rows = list(block.heads), [list(row) for row in block.rows]
    if not memo.notes:
        return heads, rows
    for row in rows:
        row.append(Cell(sources(row, heads, memo.notes)))
    return [*heads, word("sources", memo.lang)], rows


def sources(row: Sequence[Cell], heads: Sequence[str], notes: Sequence[str]) -> str:
    """The notes of a row's cells, one a line, each in order of first mention as `[n] the
    headings of the cells it supports: its text`."""
    supported: dict[int, list[str]] = {}
    for cell, head in zip(row, heads, strict=True):
        for number in cell.notes:
            supported.setdefault(number, [])
            if head not in supported[number]:
                supported[number].append(head)
    lines = [f"[{n}] {', '.join(names)}: {notes[n - 1]}" for n, names in supported.items()]
    return "\n".join(lines)


def _fill(sheet: Worksheet, heads: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """The table: a bold head row frozen in view, a filter over the table, the body's texts
    as text and whole days as dates, columns as wide as their content (up to `WIDEST`), a
    column with longer text or line breaks wrapped, each row as high as its lines."""
    from openpyxl.utils import get_column_letter

    bold = _font(bold=True)
    for column, head in enumerate(heads, 1):
        _text(_cell(sheet, 1, column), head).font = bold
    widths = [_width(head) for head in heads]
    breaks = [False for _ in heads]
    for number, row in enumerate(rows, 2):
        for column, cell in enumerate(row, 1):
            when = day(cell)
            if when is None:
                _text(_cell(sheet, number, column), cell.text)
                widths[column - 1] = max(widths[column - 1], _width(cell.text))
                breaks[column - 1] = breaks[column - 1] or "\n" in cell.text
            else:
                written = _cell(sheet, number, column)
                written.value = when
                written.number_format = DAY_FORMAT
                widths[column - 1] = max(widths[column - 1], len(DAY_FORMAT))
    shown = [min(width, WIDEST) for width in widths]
    for column, width in enumerate(shown, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    wraps = [width > WIDEST or broken for width, broken in zip(widths, breaks, strict=True)]
    _align(sheet, rows, shown, wraps)
    if heads:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{len(rows) + 1}"
        _printed(sheet)


def _align(
    sheet: Worksheet, rows: Sequence[Sequence[Cell]], widths: Sequence[int], wraps: Sequence[bool]
) -> None:
    """The body's cells at the top, wrapped in the columns that `wraps`, and each row with
    wrapped lines as high as they need (a spreadsheet does not always work it out)."""
    from openpyxl.styles import Alignment

    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for number, row in enumerate(rows, 2):
        lines = 1
        for column, cell in enumerate(row, 1):
            wrap = wraps[column - 1]
            _cell(sheet, number, column).alignment = wrapped if wrap else top
            if wrap:
                lines = max(lines, _lines(cell.text, widths[column - 1]))
        if lines > 1:  # no higher than a spreadsheet's highest row
            sheet.row_dimensions[number].height = min(LINE * lines, HIGHEST_ROW)


HIGHEST_ROW = 409
"""The highest row a spreadsheet holds, in points (Excel's limit)."""


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide."""
    return sum(max(1, -(-len(line) // width)) for line in text.split("\n"))


def _printed(sheet: Worksheet) -> None:
    """On paper: landscape, the table as wide as a page, its head row on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def _font(bold: bool = False, italic: bool = False) -> Font:
    """The workbook's own font (Calibri 11), bold or italic."""
    from copy import copy

    from openpyxl.styles.fonts import DEFAULT_FONT

    font = copy(DEFAULT_FONT)
    font.b, font.i = bold, italic
    return font


def _width(text: str) -> int:
    """How many characters wide a text is: its longest line."""
    return max(len(line) for line in text.split("\n"))


def _cell(sheet: Worksheet, row: int, column: int) -> Written:
    """The cell at `row` and `column` (from 1) of a sheet that merges none."""
    from openpyxl.cell.cell import Cell as Written

    found = sheet.cell(row, column)
    assert isinstance(found, Written), "no cell is merged"
    return found


def _text(written: Written, text: str) -> Written:
    """Write `text` into a cell as text, never a formula or an error value; an empty text
    leaves the cell empty."""
    if not text:
        return written
    written.value = cell_text(text)
    written.data_type = "s"  # openpyxl takes "=…" for a formula and "#N/A" for an error
    if text.startswith(_FORMULA_START):
        written.quotePrefix = True
    return written


def _state(sheet: Worksheet, row: int, state: str) -> None:
    """The state line in italics, in the first column of `row`, under the table."""
    _text(_cell(sheet, row, 1), state).font = _font(italic=True)


def _properties(book: Workbook, memo: Memo) -> None:
    """The document's title, language, maker and (as its description) the state line; its
    creation and change times fixed (the file's own time says when it was written), so that
    the same memo makes the same bytes."""
    properties = book.properties
    properties.title = visible(memo.title)
    properties.description = visible(memo.state) or None
    properties.language = memo.lang.value
    properties.creator = "posities"
    properties.created = properties.modified = datetime.datetime(*_FIXED_TIME)


def _saved(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file, the same for the same workbook: written as
    `Workbook.save` writes it but for the change time it sets, with fixed file times."""
    from openpyxl.writer.excel import ExcelWriter

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return fixed_times(data.getvalue())
