"""The goal x means matrix: decisions in four quadrants (goal shared or not, means differing
or not), as a plain, Rich, Markdown, JSON or CSV table."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from posities.io.formats import json_text
from posities.model.records import Position
from posities.model.words import Lang, quadrant_word, tri, word
from posities.render.text import fit_widths, markdown_table, md

if TYPE_CHECKING:
    from rich.console import RenderableType

    from posities.render.memo import Memo


# --- the goal x means matrix -------------------------------------------------------------------

Cells = dict[tuple[bool | None, bool | None], list[Position]]


def _matrix_corner(lang: Lang) -> str:
    return f"{word('goal_shared', lang)} ↓ / {word('means_differ', lang)} →"


def matrix_plain(cells: Cells, lang: Lang, width: int | None = None) -> str:
    """The matrix as plain text: one block per cell, rows goal shared, columns means differ;
    lines wrapped to `width` (a narrow terminal) between words, never inside an id."""
    lines: list[str] = []
    for goal in (True, False, None):
        for means in (True, False, None):
            head = f"{word('goal_shared', lang)}: {tri(goal, lang)}, "
            head += f"{word('means_differ', lang)}: {tri(means, lang)}"
            label = quadrant_word(goal, means, lang)
            ids = [p.id for p in cells[(goal, means)]]
            lines += _wrapped(head + (f" ({label})" if label else ""), width, "")
            lines += _wrapped(", ".join(ids) if ids else "—", width, "  ")
    return "\n".join(lines) + "\n"


def _wrapped(text: str, width: int | None, indent: str) -> list[str]:
    """`text` indented, as lines of at most `width` columns broken only between words."""
    if width is None:
        return [indent + text]
    import textwrap

    return textwrap.wrap(
        text,
        max(width, len(indent) + 1),
        initial_indent=indent,
        subsequent_indent=indent + ("  " if not indent else ""),
        break_long_words=False,
        break_on_hyphens=False,
    )


def _matrix_words(cells: Cells, lang: Lang) -> list[list[str]]:
    """The lines each matrix column holds (heading, quadrant names, ids), corner first."""
    columns = [[*_matrix_corner(lang).split(" / "), *(tri(g, lang) for g in (True, False, None))]]
    for means in (True, False, None):
        lines = [tri(means, lang)]
        for goal in (True, False, None):
            lines += [p.id for p in cells[(goal, means)]]
            lines.append(quadrant_word(goal, means, lang).capitalize())
        columns.append(lines)
    return columns


def matrix_widths(cells: Cells, lang: Lang, width: int) -> list[int] | None:
    """Widths for the matrix grid in `width` terminal columns with every id and word whole,
    or None when it cannot fit (then it is printed plain)."""
    columns = _matrix_words(cells, lang)
    least = [max(len(word) for line in lines for word in line.split()) for lines in columns]
    most = [max(len(line) for line in lines) for lines in columns]
    return fit_widths(least, most, width - (3 * len(columns) + 1))  # borders and padding


def matrix_rich(cells: Cells, lang: Lang, widths: Sequence[int]) -> RenderableType:
    """The matrix as a Rich grid for a terminal, in columns of `widths` (`matrix_widths`):
    the quadrant named in each cell, then its ids, each whole on its line."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, header_style="bold")
    table.add_column(_matrix_corner(lang), width=widths[0])
    for means, size in zip((True, False, None), widths[1:], strict=True):
        table.add_column(tri(means, lang), width=size)
    for goal in (True, False, None):
        row: list[Text] = [Text(tri(goal, lang), style="bold")]
        for means in (True, False, None):
            text = Text()
            label = quadrant_word(goal, means, lang)
            if label:
                style = "bold yellow" if (goal, means) == (True, True) else "bold"
                text.append(label.capitalize() + "\n", style=style)
            ids = [p.id for p in cells[(goal, means)]]
            text.append("\n".join(ids) if ids else "—", style=None if ids else "dim")
            row.append(text)
        table.add_row(*row)
    return table


def matrix_markdown(cells: Cells, lang: Lang, state_text: str) -> str:
    """The matrix as a memo table: rows goal shared, columns means differ, decisions by title."""
    heads = [md(_matrix_corner(lang)), *(md(tri(m, lang)) for m in (True, False, None))]
    body = []
    for goal in (True, False, None):
        row = [md(tri(goal, lang))]
        for means in (True, False, None):
            names = [f"{p.title.get(lang.value)} ({p.id})" for p in cells[(goal, means)]]
            text = md("; ".join(names) or "—")
            label = quadrant_word(goal, means, lang)
            row.append(f"**{md(label.capitalize())}:** {text}" if label else text)
        body.append(row)
    return markdown_table(heads, body) + "\n" + state_text + "\n"


def matrix_memo(cells: Cells, lang: Lang, state_text: str) -> Memo:
    """`matrix_markdown` as a document: the same cells, each quadrant named before its
    decisions, and the state line (`state_text` in plain words)."""
    from posities.render import memo

    heads = [_matrix_corner(lang), *(tri(m, lang) for m in (True, False, None))]
    body = []
    for goal in (True, False, None):
        row = [tri(goal, lang)]
        for means in (True, False, None):
            names = [f"{p.title.get(lang.value)} ({p.id})" for p in cells[(goal, means)]]
            text = "; ".join(names) or "—"
            label = quadrant_word(goal, means, lang)
            row.append(f"{label.capitalize()}: {text}" if label else text)
        body.append(row)
    table = memo.table(heads, body, label_column=True)
    return memo.Memo(word("report_matrix", lang), (table,), lang, (), state_text)


def matrix_json(cells: Cells, lang: Lang) -> str:
    """The matrix as JSON: one object per cell with its quadrant label and ids."""
    return json_text(
        [
            {
                "goal_shared": goal,
                "means_differ": means,
                "label": quadrant_word(goal, means, lang) or None,
                "ids": [p.id for p in cells[(goal, means)]],
            }
            for goal in (True, False, None)
            for means in (True, False, None)
        ]
    )


def matrix_csv(cells: Cells, lang: Lang) -> str:
    """The matrix as CSV: one row per cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [word(name, lang) for name in ("goal_shared", "means_differ", "quadrant", "decisions")]
    )
    for goal in (True, False, None):
        for means in (True, False, None):
            ids = " ".join(p.id for p in cells[(goal, means)])
            writer.writerow(
                [tri(goal, lang), tri(means, lang), quadrant_word(goal, means, lang), ids]
            )
    return buffer.getvalue()
