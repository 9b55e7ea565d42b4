"""A report as a document, apart from any format: its title, its blocks (tables, a list of
quotes, paragraphs), its footnotes and its state line. Each report builds one `Memo`; HTML,
Word and a spreadsheet each write any memo, so every report reaches every document format with
the same cells, the same footnotes on the same cells, and the same closing line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, assert_never

from posities.model.words import Lang
from posities.render import Format


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its words, the footnotes that support it (numbers into `Memo.notes`, from 1)
    and, for a cell that shows a date, that date as ISO text (YYYY, YYYY-MM or YYYY-MM-DD),
    which a format may write its own way (Word in words, a spreadsheet as a date)."""

    text: str
    notes: tuple[int, ...] = ()
    day: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table: a head row of column headings and its body rows, each as long as the head;
    `label_column`: the first column names its row (a field, a row of the matrix)."""

    heads: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    label_column: bool = False


@dataclass(frozen=True, slots=True)
class Quotes:
    """A numbered list of sources under a heading, each as a line naming the document and the
    words quoted from it (one position's sources)."""

    heading: str
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of text (what a table would say when it has no rows)."""

    text: str


Block = Table | Quotes | Paragraph


@dataclass(frozen=True, slots=True)
class Memo:
    """A report: its `title` (the document's heading), its `blocks` in order, its footnotes
    (note n is `notes[n - 1]`, plain words) and `state`, the closing line in plain words
    saying what the report shows ("" for none); `lang` is the language of its words."""

    title: str
    blocks: tuple[Block, ...]
    lang: Lang
    notes: tuple[str, ...] = ()
    state: str = ""

    def tables(self) -> list[Table]:
        """The memo's tables, in order."""
        return [block for block in self.blocks if isinstance(block, Table)]


@dataclass(frozen=True, slots=True)
class Styling:
    """How a Word document is made: in the house style of `template` (a .docx; None: a plain
    document), its tables in `table_style` (a table style of the template), and marked with
    `classification` at the top and bottom of every page."""

    template: Path | None = None
    table_style: str | None = None
    classification: str | None = None


def table(
    heads: Sequence[str],
    body: Sequence[Sequence[str]],
    marks: Sequence[Sequence[Sequence[int]]] = (),
    day_columns: Sequence[int] = (),
    label_column: bool = False,
) -> Table:
    """A table of plain cells: `marks` gives each row's cells their footnotes, and the cells
    of `day_columns` show dates (their text is the ISO date, or empty for none)."""
    rows = []
    for number, row in enumerate(body):
        found = marks[number] if number < len(marks) else ()
        rows.append(
            tuple(
                Cell(
                    value,
                    tuple(found[at]) if at < len(found) else (),
                    value if at in day_columns and value else None,
                )
                for at, value in enumerate(row)
            )
        )
    return Table(tuple(heads), tuple(rows), label_column)


DocumentFormat = Literal[Format.HTML, Format.DOCX, Format.XLSX]
"""The formats `write` writes: the documents a memo becomes."""


def write(
    memo: Memo, output_format: DocumentFormat, fragment: bool, styling: Styling
) -> str | bytes:
    """A memo in a document format: HTML (a whole page, or with `fragment` its body alone)
    as text, a Word document or a spreadsheet as bytes, Word made as `styling` says."""
    match output_format:
        case Format.HTML:
            from posities.render import html

            return html.document(memo, fragment)
        case Format.DOCX:
            from posities.render import docx

            return docx.document(memo, styling)
        case Format.XLSX:
            from posities.render import xlsx

            return xlsx.workbook(memo)
        case _:
            assert_never(output_format)
