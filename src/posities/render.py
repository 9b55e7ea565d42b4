"""Output: positions as plain or Rich tables, Markdown for memos, JSON and CSV.

Every function returns a string (or, for the terminal, a Rich renderable); only the CLI prints.
Rich is imported inside the functions that need it, so piped output never pays for it.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .labels import Lang, stance, tri, word
from .model import Position, Source, Stance, to_json

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .gitstate import RegisterState


class Format(enum.StrEnum):
    """The output formats every data command offers."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


LIST_COLUMNS = ("id", "decision", "date", "stance", "goal_shared", "means_differ")
CSV_COLUMNS = (*LIST_COLUMNS, "actor", "topics", "summary", "updated")
STANCE_STYLE = {
    Stance.SUPPORTS: "green",
    Stance.NEUTRAL: "",
    Stance.CONCERNED: "yellow",
    Stance.CRITICAL: "red",
    Stance.OPPOSES: "bold red",
}


def cell(position: Position, column: str, lang: Lang) -> str:
    """One field of a position as a table shows it."""
    if column == "id":
        return position.id
    if column == "decision":
        return position.title.get(lang.value)
    if column == "date":
        return position.decision.date
    if column == "stance":
        return stance(position.stance, lang)
    if column == "goal_shared":
        return tri(position.goal_shared, lang)
    if column == "means_differ":
        return tri(position.means_differ, lang)
    if column == "actor":
        return position.actor
    if column == "topics":
        return ", ".join(position.topics)
    if column == "summary":
        return position.summary.get(lang.value)
    if column == "updated":
        return position.updated
    raise ValueError(column)


def headers(columns: Sequence[str], lang: Lang) -> list[str]:
    """Column headings in `lang`."""
    return [word(c, lang) for c in columns]


def rows(positions: Sequence[Position], columns: Sequence[str], lang: Lang) -> list[list[str]]:
    """The cells of a table of `positions`."""
    return [[cell(p, c, lang) for c in columns] for p in positions]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def plain_table(heads: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Aligned columns for pipes and files: no colour, no borders, never wrapped."""
    body = [[_one_line(c) for c in row] for row in body]
    widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(heads)]
    lines = []
    for row in [list(heads), *body]:
        padded = [c.ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines) + "\n"


def rich_table(positions: Sequence[Position], lang: Lang) -> RenderableType:
    """The list as a Rich table for a terminal; cells are Text, never read as markup."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for heading in headers(LIST_COLUMNS, lang):
        table.add_column(heading, overflow="fold")
    for position in positions:
        cells = [Text(cell(position, c, lang)) for c in LIST_COLUMNS]
        cells[3].stylize(STANCE_STYLE[position.stance])
        table.add_row(*cells)
    return table


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~^$&])")


def md(text: str) -> str:
    """`text` safe inside a Markdown table cell or paragraph in GitHub and pandoc alike.

    Every character with a Markdown or HTML meaning is backslash-escaped, and line breaks
    become spaces, so a cell can neither end early, split a row nor turn into markup.
    """
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def markdown_table(heads: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured pipe table; cells must already be escaped with `md`."""
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def _source_line(source: Source, lang: Lang) -> str:
    date = source.date or word("date_unknown", lang)
    return f"“{md(source.quote)}” — {md(source.title)} ({md(source.kind)}, {md(date)})."


def _note_column(source: Source) -> int:
    """The cell a source's footnote marks: the first listed claim it supports, else the stance."""
    for claim in ("stance", "goal_shared", "means_differ"):
        if source.backs(claim):
            return LIST_COLUMNS.index(claim)
    return LIST_COLUMNS.index("decision")


def state_line(
    state: RegisterState, shown_count: int, total: int, criteria: Sequence[str], lang: Lang
) -> str:
    """One sentence saying which state of the register a memo table shows."""
    nl = lang is Lang.NL
    if state.commit is None:
        where = (
            f"niet onder versiebeheer, inhoud {state.fingerprint}"
            if nl
            else f"not under version control, contents {state.fingerprint}"
        )
    else:
        where = f"commit {state.commit[:12]} ({state.date})"
        if state.dirty:
            where += " met niet-vastgelegde wijzigingen" if nl else " with uncommitted changes"
    count = (
        f"{shown_count} van {total} standpunten" if nl else f"{shown_count} of {total} positions"
    )
    parts = [("Stand van het register: " if nl else "Register state: ") + where, count]
    if criteria:
        parts.append(("selectie: " if nl else "filter: ") + " ".join(criteria))
    return "*" + md("; ".join(parts) + ".") + "*"


def markdown_list(
    positions: Sequence[Position],
    lang: Lang,
    state_text: str,
    with_sources: bool = False,
) -> str:
    """A memo table of positions, with numbered source footnotes if asked, and its state line."""
    body = []
    notes: list[str] = []
    for position in positions:
        row = [md(cell(position, c, lang)) for c in LIST_COLUMNS]
        if with_sources:
            # number the notes in reading order: by the cell they mark, then as listed
            for source in sorted(position.sources, key=_note_column):
                notes.append(f"[^{len(notes) + 1}]: {_source_line(source, lang)}")
                row[_note_column(source)] += f"[^{len(notes)}]"
        body.append(row)
    out = markdown_table(headers(LIST_COLUMNS, lang), body) + "\n" + state_text + "\n"
    if notes:
        out += "\n" + "\n".join(notes) + "\n"
    return out


def csv_text(positions: Sequence[Position], lang: Lang) -> str:
    """The list as CSV with headings in `lang`, one row per position."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers(CSV_COLUMNS, lang))
    writer.writerows(rows(positions, CSV_COLUMNS, lang))
    return buffer.getvalue()


def json_text(data: Any) -> str:
    """Data as indented JSON, non-ASCII kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def json_list(positions: Sequence[Position], encoded: Mapping[str, str] | None = None) -> str:
    """The positions as a JSON array of records with the YAML keys, one record per line.

    One compact line per record keeps large registers fast to write and easy to grep and
    diff. `encoded` holds records already in that form (from the cache), by id.
    """
    return "".join(json_chunks(positions, encoded))


def json_chunks(
    positions: Sequence[Position], encoded: Mapping[str, str] | None = None
) -> Iterator[str]:
    """`json_list` in pieces, to write a large register without holding all of it twice."""
    if not positions:
        yield "[]\n"
        return
    known = encoded or {}
    for number, position in enumerate(positions):
        yield ("[\n" if number == 0 else ",\n") + (known.get(position.id) or to_json(position))
    yield "\n]\n"


# --- one position -------------------------------------------------------------------------


def _fields(position: Position, lang: Lang) -> list[tuple[str, str]]:
    decision = position.decision
    fields = [
        ("id", position.id),
        ("title", position.title.get(lang.value)),
        ("actor", position.actor),
        ("date", decision.date),
        ("description", decision.description.get(lang.value)),
    ]
    fields += [
        ("milestones", f"{m.date}: {m.description.get(lang.value)}") for m in decision.milestones
    ]
    fields += [
        ("stance", stance(position.stance, lang)),
        ("goal_shared", tri(position.goal_shared, lang)),
        ("means_differ", tri(position.means_differ, lang)),
        ("summary", position.summary.get(lang.value)),
        ("topics", ", ".join(position.topics)),
        ("updated", position.updated),
    ]
    return fields


def _source_heading(number: int, source: Source, lang: Lang) -> str:
    date = source.date or word("date_unknown", lang)
    heading = f"[{number}] {source.title} ({source.kind}, {date})"
    if source.supports is not None:
        heading += f"; {word('supports', lang)}: {', '.join(source.supports)}"
    return heading


def plain_show(position: Position, lang: Lang) -> str:
    """One position as plain text: its fields, then each source with its quote."""
    fields = _fields(position, lang)
    width = max(len(word(name, lang)) for name, _ in fields) + 2
    lines = []
    previous = ""
    for name, value in fields:
        label = word(name, lang) + ":" if name != previous else ""
        lines.append(f"{label.ljust(width)}{_one_line(value)}")
        previous = name
    lines += ["", word("sources", lang) + ":"]
    for number, source in enumerate(position.sources, 1):
        lines.append(_source_heading(number, source, lang))
        if source.text:
            lines.append(f"    {word('text', lang)}: {source.text}")
        if source.url:
            lines.append(f"    {source.url}")
        lines.append(f"    “{_one_line(source.quote)}”")
    return "\n".join(lines) + "\n"


def rich_show(position: Position, lang: Lang) -> RenderableType:
    """One position for a terminal: a field grid and the quotes, wrapped to the screen."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    previous = ""
    for name, value in _fields(position, lang):
        label = word(name, lang) if name != previous else ""
        text = Text(value)
        if name == "stance":
            text.stylize(STANCE_STYLE[position.stance])
        grid.add_row(Text(label), text)
        previous = name
    parts: list[RenderableType] = [grid, Text(""), Text(word("sources", lang), style="bold")]
    for number, source in enumerate(position.sources, 1):
        parts.append(Text(_source_heading(number, source, lang)))
        if source.text:
            parts.append(Padding(Text(f"{word('text', lang)}: {source.text}", style="dim"), (0, 4)))
        if source.url:
            parts.append(Padding(Text(source.url, style="dim"), (0, 4)))
        parts.append(Padding(Text(f"“{source.quote}”", style="italic"), (0, 4)))
    return Group(*parts)


def markdown_show(position: Position, lang: Lang, state_text: str) -> str:
    """One position as a memo section: a field table and its sources as numbered quotes."""
    body = [[md(word(name, lang)), md(value)] for name, value in _fields(position, lang)]
    heads = [word("field", lang), word("value", lang)]
    out = f"### {md(position.title.get(lang.value))}\n\n" + markdown_table(heads, body)
    out += f"\n**{word('sources', lang)}**\n\n"
    for number, source in enumerate(position.sources, 1):
        date = source.date or word("date_unknown", lang)
        out += f"{number}. {md(source.title)} ({md(source.kind)}, {md(date)})\n\n"
        out += f"   > {md(source.quote)}\n\n"
    return out + state_text + "\n"


# --- problems -----------------------------------------------------------------------------


def problems_text(problems: Sequence[Problem]) -> str:
    """`path:line:col: message`, one per line: the format editors and CI annotate."""
    return "".join(f"{p}\n" for p in problems)


def problems_json(problems: Sequence[Problem]) -> str:
    """Problems as a JSON array of {path, line, column, severity, message}."""
    return json_text(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": p.message,
            }
            for p in problems
        ]
    )


def _github_escape(text: str, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def problems_github(problems: Sequence[Problem]) -> str:
    """Problems as GitHub Actions workflow commands (annotations on the files), each followed
    by the plain `path:line:col: message` line for the log."""
    lines = []
    for problem in problems:
        props = [f"file={_github_escape(problem.path, True)}"]
        if problem.line is not None:
            props += [f"line={problem.line}", f"col={problem.column or 1}"]
        command = f"::{problem.severity} {','.join(props)}::{_github_escape(problem.message)}"
        lines += [command, str(problem)]
    return "".join(line + "\n" for line in lines)


def problems_csv(problems: Sequence[Problem]) -> str:
    """Problems as CSV rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["path", "line", "column", "severity", "message"])
    writer.writerows(
        [p.path, p.line or "", p.column or "", p.severity, p.message] for p in problems
    )
    return buffer.getvalue()


def problems_markdown(problems: Sequence[Problem]) -> str:
    """Problems as a Markdown table."""
    body = [
        [md(p.path), str(p.line or ""), str(p.column or ""), p.severity, md(p.message)]
        for p in problems
    ]
    return markdown_table(["path", "line", "column", "severity", "message"], body)


# --- the goal x means matrix -------------------------------------------------------------------

_QUADRANTS: dict[tuple[bool | None, bool | None], tuple[str, str]] = {
    (True, True): ("same goal, other means", "zelfde doel, andere weg"),
    (True, False): ("same goal, same means", "zelfde doel, zelfde weg"),
    (False, True): ("other goal, other means", "ander doel, andere weg"),
    (False, False): ("other goal, same means", "ander doel, zelfde weg"),
}
Cells = dict[tuple[bool | None, bool | None], list[Position]]


def quadrant_label(goal: bool | None, means: bool | None, lang: Lang) -> str:
    """What a cell of the matrix means ("same goal, other means"); empty where one is unknown."""
    names = _QUADRANTS.get((goal, means))
    if names is None:
        return ""
    return names[1] if lang is Lang.NL else names[0]


def _matrix_corner(lang: Lang) -> str:
    return f"{word('goal_shared', lang)} ↓ / {word('means_differ', lang)} →"


def matrix_plain(cells: Cells, lang: Lang) -> str:
    """The matrix as plain text: one block per cell, rows goal shared, columns means differ."""
    lines = []
    for goal in (True, False, None):
        for means in (True, False, None):
            head = f"{word('goal_shared', lang)}: {tri(goal, lang)}, "
            head += f"{word('means_differ', lang)}: {tri(means, lang)}"
            label = quadrant_label(goal, means, lang)
            lines.append(head + (f" ({label})" if label else ""))
            ids = [p.id for p in cells[(goal, means)]]
            lines.append("  " + (", ".join(ids) if ids else "—"))
    return "\n".join(lines) + "\n"


def matrix_rich(cells: Cells, lang: Lang) -> RenderableType:
    """The matrix as a Rich grid for a terminal: the quadrant named in each cell, then ids."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, header_style="bold")
    table.add_column(_matrix_corner(lang))
    for means in (True, False, None):
        table.add_column(tri(means, lang))
    for goal in (True, False, None):
        row: list[Text] = [Text(tri(goal, lang), style="bold")]
        for means in (True, False, None):
            text = Text()
            label = quadrant_label(goal, means, lang)
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
            label = quadrant_label(goal, means, lang)
            row.append(f"**{md(label.capitalize())}:** {text}" if label else text)
        body.append(row)
    return markdown_table(heads, body) + "\n" + state_text + "\n"


def matrix_json(cells: Cells, lang: Lang) -> str:
    """The matrix as JSON: one object per cell with its quadrant label and ids."""
    return json_text(
        [
            {
                "goal_shared": goal,
                "means_differ": means,
                "label": quadrant_label(goal, means, lang) or None,
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
    writer.writerow([word("goal_shared", lang), word("means_differ", lang), "label", "ids"])
    for goal in (True, False, None):
        for means in (True, False, None):
            ids = " ".join(p.id for p in cells[(goal, means)])
            writer.writerow(
                [tri(goal, lang), tri(means, lang), quadrant_label(goal, means, lang), ids]
            )
    return buffer.getvalue()
