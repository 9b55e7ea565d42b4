"""A report as a document apart from any format: cells keep their footnotes and dates, and
each report's memo carries what its Markdown carries."""

from __future__ import annotations

import pytest

from posities.model.words import Lang
from posities.render import Format
from posities.render.memo import Cell, Memo, Paragraph, Styling, Table, table, write


def test_a_table_keeps_each_cells_notes_and_the_dates_of_its_date_columns() -> None:
    made = table(
        ["Date", "Stance"], [["2018-05-08", "critical"], ["", "neutral"]], [[[], [1, 2]]], [0]
    )
    assert made == Table(
        ("Date", "Stance"),
        (
            (Cell("2018-05-08", (), "2018-05-08"), Cell("critical", (1, 2))),
            (Cell("", (), None), Cell("neutral")),
        ),
    )


def test_a_memos_tables_are_its_table_blocks_in_order() -> None:
    first, second = table(["A"], [["a"]]), table(["B"], [["b"]])
    memo = Memo("T", (first, Paragraph("between"), second), Lang.EN)
    assert memo.tables() == [first, second]


def test_write_refuses_a_format_that_is_no_document() -> None:
    memo = Memo("T", (Paragraph("p"),), Lang.EN)
    with pytest.raises(AssertionError):
        write(memo, Format.CSV, False, Styling())  # type: ignore[arg-type]
