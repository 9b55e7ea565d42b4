"""`posities compare` written out: decisions as rows, holders as columns, as a plain or Rich
table, a memo table with footnoted quotes, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from posities.core.compare import Comparison
from posities.model.holders import Holders
from posities.model.records import Position, Source
from posities.model.words import Lang, stance, tri, word
from posities.render.text import csv_table, fit_widths, markdown_table, md, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from posities.render.memo import Memo

DECISION_COLUMNS = ("id", "title", "date")
"""The columns before the holders' columns, as `list` names them."""
CLAIMS = ("stance", "goal_shared", "means_differ")
"""What a holder's cell states, and so which quotes mark it."""


def heading(code: str, holders: Holders, lang: Lang) -> str:
    """A holder's column heading: its name in `lang` and its code ("Netherlands (NL)"); the
    code alone where the register gives no name."""
    name = holders.name(code, lang.value)
    return code if name == code else f"{name[:1].upper()}{name[1:]} ({code})"


def headings(comparison: Comparison, holders: Holders, lang: Lang) -> list[str]:
    """Every column heading: id, decision, date, then one per holder."""
    from posities.render.tables import headers

    return headers(DECISION_COLUMNS, lang) + [heading(c, holders, lang) for c in comparison.holders]


def cell_parts(view: Position, lang: Lang) -> list[str]:
    """What a holder's cell says: the stance, then goal shared and means differ where stated;
    "not stated" where the holder has no statement in force."""
    parts = [stance(view.stance, lang)]
    for name, value in (("goal_shared", view.goal_shared), ("means_differ", view.means_differ)):
        if value is not None:
            parts.append(f"{word(name, lang).lower()}: {tri(value, lang)}")
    return parts


def cell_text(view: Position, lang: Lang) -> str:
    """A holder's cell on one line: "critical; goal shared: yes; means differ: yes"."""
    return "; ".join(cell_parts(view, lang))


def rows(comparison: Comparison, lang: Lang) -> list[list[str]]:
    """The cells of every row, as plain text."""
    from posities.render.tables import cell

    return [
        [cell(row.position, c, lang) for c in DECISION_COLUMNS]
        + [cell_text(view, lang) for view in row.views]
        for row in comparison.rows
    ]


def compare_plain(comparison: Comparison, holders: Holders, lang: Lang) -> str:
    """Aligned columns for a pipe or a file."""
    from posities.render.text import plain_table

    return plain_table(headings(comparison, holders, lang), rows(comparison, lang))


def compare_csv(comparison: Comparison, holders: Holders, lang: Lang) -> str:
    """One row per decision, one column per holder, headings in `lang`."""
    return csv_table(headings(comparison, holders, lang), rows(comparison, lang))


def compare_json(comparison: Comparison) -> str:
    """Per decision its id, title, date and each holder's statement in force (null: none),
    as a JSON array with one decision per line, as `list` writes its records."""
    import json

    if not comparison.rows:
        return "[]\n"
    lines = [
        json.dumps(
            {
                "id": row.position.id,
                "title": {"nl": row.position.title.nl, "en": row.position.title.en},
                "date": row.position.decision.date,
                "holders": {
                    code: _statement(view)
                    for code, view in zip(comparison.holders, row.views, strict=True)
                },
            },
            ensure_ascii=False,
        )
        for row in comparison.rows
    ]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _statement(view: Position) -> dict[str, Any] | None:
    """A holder's statement in force as JSON data; None where it has none."""
    if view.stance is None:
        return None
    from posities.core.statements import since_of

    return {
        "stance": view.stance.value,
        "goal_shared": view.goal_shared,
        "means_differ": view.means_differ,
        "since": since_of(view),
        "until": view.until,
    }


def compare_markdown(
    comparison: Comparison,
    holders: Holders,
    lang: Lang,
    state_text: str,
    with_sources: bool = False,
) -> str:
    """A memo table with its state line; with `with_sources`, one footnote per distinct quote,
    marked on each holder's cell whose stance, goal shared or means differ it supports."""
    from posities.render.notes import note_text

    sources, marks = _marks(comparison, with_sources)
    body = []
    for cells, numbers in zip(rows(comparison, lang), marks, strict=True):
        fixed = [md(text) for text in cells[: len(DECISION_COLUMNS)]]
        stated = [
            md(text) + "".join(f"[^{n}]" for n in found)
            for text, found in zip(cells[len(DECISION_COLUMNS) :], numbers, strict=True)
        ]
        body.append(fixed + stated)
    heads = [md(h) for h in headings(comparison, holders, lang)]
    out = markdown_table(heads, body) + "\n" + state_text + "\n"
    if sources:
        lines = [f"[^{n}]: {md(note_text(s, lang))}" for n, s in enumerate(sources, 1)]
        out += "\n" + "\n".join(lines) + "\n"
    return out


def compare_memo(
    comparison: Comparison,
    holders: Holders,
    lang: Lang,
    state_text: str,
    with_sources: bool = False,
) -> Memo:
    """`compare_markdown` as a document: the same cells, footnotes and state line
    (`state_text` in plain words)."""
    from posities.render import memo
    from posities.render.notes import note_text

    sources, marks = _marks(comparison, with_sources)
    fixed: list[list[int]] = [[] for _ in DECISION_COLUMNS]
    cell_marks = [[*fixed, *numbers] for numbers in marks]
    day = [DECISION_COLUMNS.index("date")]
    table = memo.table(headings(comparison, holders, lang), rows(comparison, lang), cell_marks, day)
    texts = tuple(note_text(s, lang) for s in sources)
    return memo.Memo(word("report_compare", lang), (table,), lang, texts, state_text)


def _marks(
    comparison: Comparison, with_sources: bool
) -> tuple[Sequence[Source], list[list[list[int]]]]:
    """The footnoted sources (note n is `sources[n - 1]`), and for each row the numbers that
    mark each holder's cell, numbered in reading order: none without `with_sources`."""
    if not with_sources:
        return (), [[[] for _ in row.views] for row in comparison.rows]
    from posities.render.notes import footnotes

    notes = footnotes(comparison.shown(), CLAIMS)
    cells = [sorted({n for claim in CLAIMS for n in found.get(claim, ())}) for found in notes.marks]
    width = len(comparison.holders)
    return notes.sources, [cells[i : i + width] for i in range(0, len(cells), width)]


def compare_rich(
    comparison: Comparison, holders: Holders, lang: Lang, width: int | None = None
) -> RenderableType:
    """The comparison for a terminal `width` columns wide, each stance in its colour; no word
    is broken, and where the columns cannot stand side by side each decision is a block of
    labelled lines."""
    from rich.table import Table
    from rich.text import Text

    heads = headings(comparison, holders, lang)
    body = [[one_line(text) for text in row] for row in rows(comparison, lang)]
    stacked = [  # a holder's cell as lines: the stance, goal shared, means differ
        [*texts[: len(DECISION_COLUMNS)], *("\n".join(cell_parts(v, lang)) for v in row.views)]
        for row, texts in zip(comparison.rows, body, strict=True)
    ]
    least = [
        max([len(w) for w in head.split()] + [len(w) for row in stacked for w in row[i].split()])
        for i, head in enumerate(heads)
    ]
    most = [
        max([len(head)] + [len(line) for row in stacked for line in row[i].split("\n")])
        for i, head in enumerate(heads)
    ]
    widths = fit_widths(least, most, width - 2 * (len(heads) - 1)) if width else most
    if widths is None:
        return _rich_blocks(comparison, heads, body)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for head, size in zip(heads, widths, strict=True):
        table.add_column(Text(head), width=size, overflow="fold")  # a name is data
    for row, texts in zip(comparison.rows, stacked, strict=True):
        cells = [Text(text) for text in texts]
        for offset, view in enumerate(row.views, len(DECISION_COLUMNS)):
            cells[offset].stylize(_style(view))
        table.add_row(*cells)
    return table


def _style(view: Position) -> str:
    from posities.render.tables import STANCE_STYLE

    return STANCE_STYLE[view.stance]


def _rich_blocks(
    comparison: Comparison, heads: Sequence[str], body: Sequence[Sequence[str]]
) -> RenderableType:
    """One block of labelled lines per decision, for a terminal too narrow for the columns."""
    from rich.console import Group
    from rich.text import Text

    blocks: list[RenderableType] = []
    for row, texts in zip(comparison.rows, body, strict=True):
        styles = [""] * len(DECISION_COLUMNS) + [_style(view) for view in row.views]
        for head, text, style in zip(heads, texts, styles, strict=True):
            line = Text()
            line.append(f"{head}: ", style="bold")
            line.append(text, style=style)
            blocks.append(line)
        blocks.append(Text(""))
    return Group(*blocks[:-1])
