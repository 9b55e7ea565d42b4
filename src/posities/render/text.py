"""The text formats every report shares, written safely: Markdown with its special
characters escaped, CSV with no cell a spreadsheet would run as a formula, JSON as UTF-8
with a two-space indent, and plain aligned tables."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no document format of ours may hold: what XML 1.0 forbids (control characters,
lone surrogates, U+FFFE, U+FFFF) and the C1 controls it allows but Word refuses."""


def xml_safe(text: str) -> str:
    """`text` as a Word document, a spreadsheet or a picture can hold it: each character of
    `NOT_IN_DOCUMENTS` replaced by U+FFFD, which shows that something was there."""
    return NOT_IN_DOCUMENTS.sub("\ufffd", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def plain_table(heads: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Aligned columns for pipes and files: no colour, no borders, never wrapped."""
    body = [[one_line(c) for c in row] for row in body]
    widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(heads)]
    lines = []
    for row in [list(heads), *body]:
        padded = [c.ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~^$&])")


def md(text: str) -> str:
    """`text` safe inside a Markdown table cell or paragraph in GitHub and pandoc alike.

    Every character with a Markdown or HTML meaning is backslash-escaped, and line breaks
    become spaces, so a cell can neither end early, split a row nor turn into markup.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return _MD_BLOCK_START.sub(r"\1\\\2", escaped)


_MD_BLOCK_START = re.compile(
    r"\A(\s*|\s*[0-9]{1,9})((?<![0-9])#(?=#{0,5}(?:\s|\Z))|(?<![0-9])[+\-](?=\s|\Z)"
    r"|(?<=[0-9])[.)](?=\s|\Z)|(?<![0-9])[-=](?=[-=\s]*\Z))"
)
"""A text that starts like a heading, a list item or a numbered item ("# Kop", "- punt",
"1986. Dat jaar") would become one at the start of a paragraph or a quote: escape the mark."""


def markdown_table(heads: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured pipe table; cells must already be escaped with `md`."""
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as the text it is: one that would start a formula
    (=, +, -, @) gets a leading apostrophe, which Excel and LibreOffice hide."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_table(heads: Sequence[str], body: Iterable[Sequence[object]]) -> str:
    """CSV with a heading row, each cell made safe to open in a spreadsheet (`csv_cell`)."""
    import csv  # imported here: a table on a terminal never needs it

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in heads])
    writer.writerows([csv_cell(c) for c in row] for row in body)
    return buffer.getvalue()


def fit_widths(least: Sequence[int], most: Sequence[int], room: int) -> list[int] | None:
    """Column widths that fill at most `room`: each at least its longest word (`least`), the
    space left going first to the columns that need least to show their longest line
    (`most`) whole, so that only the long texts wrap; None when even the narrowest columns
    do not fit."""
    if sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: most[i] - least[i]):
        grant = min(most[index] - widths[index], spare)
        widths[index] += grant
        spare -= grant
    return widths
