"""Output: positions as plain or Rich tables, Markdown for memos, JSON and CSV.

Every function returns a string (or, for the terminal, a Rich renderable); only the CLI prints.
Rich is imported inside the functions that need it, so piped output never pays for it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from posities.core.query import Filter
from posities.errors import Problem, shown
from posities.model.records import DISAGREE, STANCE_RANK, Position, Source, Stance, to_json
from posities.model.words import Lang, claims, long_date, stance, tri, word

if TYPE_CHECKING:
    from rich.console import RenderableType

    from posities.git.state import RegisterState


COLUMNS = (
    "id",
    "title",
    "actor",
    "date",
    "stance",
    "goal_shared",
    "means_differ",
    "summary",
    "topics",
    "updated",
)
"""Every column `list --columns` can show, in the order `--help` names them."""
LIST_COLUMNS = ("id", "title", "date", "stance", "goal_shared", "means_differ")
CSV_COLUMNS = (*LIST_COLUMNS, "actor", "topics", "summary", "updated")
CLAIM_OF_COLUMN = {
    "date": "decision",
    "stance": "stance",
    "goal_shared": "goal_shared",
    "means_differ": "means_differ",
    "summary": "summary",
}
"""The claim a column shows, for the columns a source's quote can support."""
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
    if column == "title":
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
    """Column headings in `lang`; the title column is headed by what it names, the decision."""
    return [word("decision" if c == "title" else c, lang) for c in columns]


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


def rich_table(
    positions: Sequence[Position],
    lang: Lang,
    columns: Sequence[str] = LIST_COLUMNS,
    width: int | None = None,
) -> RenderableType:
    """The list for a terminal `width` columns wide; cells are Text, never read as markup.

    No word is broken (an id, a date, a stance) and no column is dropped: each column is at
    least as wide as its longest word and wraps the rest; where even that does not fit, each
    position is shown as a block of labelled lines instead."""
    from rich.table import Table
    from rich.text import Text

    body = [[_one_line(cell(p, c, lang)) for c in columns] for p in positions]
    heads = headers(columns, lang)
    least = [
        max([len(w) for w in head.split()] + [len(w) for row in body for w in row[i].split()])
        for i, head in enumerate(heads)
    ]
    most = [max([len(head)] + [len(row[i]) for row in body]) for i, head in enumerate(heads)]
    widths = fit_widths(least, most, width - 2 * (len(columns) - 1)) if width else most
    if widths is None:
        return _rich_records(positions, heads, body, columns)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for heading, size in zip(heads, widths, strict=True):
        table.add_column(heading, width=size, overflow="fold")
    for position, row in zip(positions, body, strict=True):
        cells = [Text(value) for value in row]
        if "stance" in columns:
            cells[columns.index("stance")].stylize(STANCE_STYLE[position.stance])
        table.add_row(*cells)
    return table


def _rich_records(
    positions: Sequence[Position],
    heads: Sequence[str],
    body: Sequence[Sequence[str]],
    columns: Sequence[str],
) -> RenderableType:
    """The list as one block of labelled lines per position, for a terminal too narrow for
    its columns side by side."""
    from rich.console import Group
    from rich.text import Text

    blocks: list[RenderableType] = []
    for position, row in zip(positions, body, strict=True):
        for head, column, value in zip(heads, columns, row, strict=True):
            line = Text()
            line.append(f"{head}: ", style="bold")
            line.append(value, style=STANCE_STYLE[position.stance] if column == "stance" else "")
            blocks.append(line)
        blocks.append(Text(""))
    return Group(*blocks[:-1])


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~^$&])")


def md(text: str) -> str:
    """`text` safe inside a Markdown table cell or paragraph in GitHub and pandoc alike.

    Every character with a Markdown or HTML meaning is backslash-escaped, and line breaks
    become spaces, so a cell can neither end early, split a row nor turn into markup.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", _one_line(text))
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


def parse_columns(text: str) -> tuple[str, ...]:
    """Column names from `id,title,stance`; a `ValueError` naming a wrong or repeated one."""
    from posities.core.query import suggest

    names = [name.strip().replace("-", "_").lower() for name in text.split(",") if name.strip()]
    if not names:
        raise ValueError(f"name at least one column: {', '.join(COLUMNS)}")
    for name in names:
        if name not in COLUMNS:
            hint = suggest(name, list(COLUMNS), 1)
            tail = f"; did you mean {hint[0]}?" if hint else "."
            raise ValueError(f"no column {shown(name)}{tail} Columns: {', '.join(COLUMNS)}")
        if names.count(name) > 1:
            raise ValueError(f"column {name} is named twice")
    return tuple(names)


# --- footnotes -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notes:
    """The footnotes of a table: the sources in order of their numbers (note n is
    `sources[n - 1]`), and for each row the numbers that mark each of its cells."""

    sources: tuple[Source, ...]
    marks: tuple[dict[str, tuple[int, ...]], ...]


def note_key(source: Source) -> tuple[str | None, ...]:
    """What makes two cited quotes one footnote: the same words from the same document."""
    from posities.core.quotes import normalize

    return (
        source.title,
        source.kind,
        source.date,
        source.text,
        source.url,
        normalize(source.quote),
    )


def _backs_cell(position: Position, source: Source, claim: str) -> bool:
    """Whether `source` is the support of the cell showing `claim`; a value the sources do
    not state has no support to show (check refuses a quote said to support one)."""
    if claim in ("goal_shared", "means_differ") and getattr(position, claim) is None:
        return False
    return source.backs(claim)


def footnotes(positions: Sequence[Position], columns: Sequence[str]) -> Notes:
    """One footnote per distinct quote, numbered in reading order (row by row, cell by cell),
    marking each shown cell its quote supports and no other; a quote that supports no shown
    cell is not a footnote."""
    numbers: dict[tuple[str | None, ...], int] = {}
    sources: list[Source] = []
    marks: list[dict[str, tuple[int, ...]]] = []
    for position in positions:
        row: dict[str, tuple[int, ...]] = {}
        for column in columns:
            claim = CLAIM_OF_COLUMN.get(column)
            if claim is None:
                continue
            found: list[int] = []
            for source in position.sources:
                if not _backs_cell(position, source, claim):
                    continue
                key = note_key(source)
                if key not in numbers:
                    sources.append(source)
                    numbers[key] = len(sources)
                if numbers[key] not in found:
                    found.append(numbers[key])
            if found:
                row[column] = tuple(sorted(found))
        marks.append(row)
    return Notes(tuple(sources), tuple(marks))


def note_text(source: Source, lang: Lang) -> str:
    """A footnote's words, unescaped: the quote, its document, and whether it was checked."""
    date = long_date(source.date, lang) if source.date else word("date_unknown", lang)
    text = f"“{_one_line(source.quote)}” — {source.title} ({source.kind}, {date})"
    if source.url:
        text += f", {source.url}"
    if source.text is None:
        text += f"; {word('unchecked', lang)}"
    return text + "."


# --- a list for a memo -----------------------------------------------------------------------


def selection(where: Filter, lang: Lang) -> list[str]:
    """A filter's criteria in words, for a memo's state line ("doel gedeeld: ja")."""
    nl = lang is Lang.NL
    parts = []
    if where.disagree:
        parts.append(
            f"{word('stance', lang).lower()}: "
            + (" of " if nl else " or ").join(
                stance(s, lang) for s in sorted(DISAGREE, key=STANCE_RANK.__getitem__)
            )
        )
    if where.agree:
        parts.append(f"{word('stance', lang).lower()}: {stance(Stance.SUPPORTS, lang)}")
    if where.stances:
        ordered = sorted(where.stances, key=STANCE_RANK.__getitem__)
        parts.append(
            f"{word('stance', lang).lower()}: "
            + (" of " if nl else " or ").join(stance(s, lang) for s in ordered)
        )
    for name, value in (("goal_shared", where.goal_shared), ("means_differ", where.means_differ)):
        if value is not None:
            parts.append(f"{word(name, lang).lower()}: {tri(value.as_value(), lang)}")
    if where.topics:
        parts.append(f"{word('topics', lang).lower()}: " + ", ".join(sorted(where.topics)))
    if where.actor is not None:
        parts.append(f"{word('actor', lang).lower()}: {where.actor}")
    if where.search is not None:
        parts.append(f"{word('search', lang)}: “{where.search}”")
    return parts


def state_line(
    state: RegisterState, shown_count: int, total: int, criteria: Sequence[str], lang: Lang
) -> str:
    """One sentence saying which state of the register a memo table shows, for a reader:
    the date in words, the short commit, the count and the selection in words."""
    nl = lang is Lang.NL
    if state.commit is None:
        where = (
            f"niet onder versiebeheer, inhoud {state.fingerprint}"
            if nl
            else f"not under version control, contents {state.fingerprint}"
        )
        if state.unborn:
            where = (
                f"in git, nog zonder commit, inhoud {state.fingerprint}"
                if nl
                else f"in git with no commit yet, contents {state.fingerprint}"
            )
    else:
        day = long_date(state.date, lang) if state.date else ""
        where = (
            f"{day}, commit {state.commit[:SHORT_COMMIT]}"
            if day
            else f"commit {state.commit[:SHORT_COMMIT]}"
        )
        if state.dirty:
            where += ", met niet-vastgelegde wijzigingen" if nl else ", with uncommitted changes"
    count = (
        f"{shown_count} van {total} standpunten" if nl else f"{shown_count} of {total} positions"
    )
    parts = [("Stand van het register: " if nl else "Register state: ") + where, count]
    if criteria:
        parts.append(("selectie: " if nl else "selection: ") + "; ".join(criteria))
    return "*" + md("; ".join(parts) + ".") + "*"


SHORT_COMMIT = 7
"""How many hex digits of a commit a memo shows, as `git log --oneline` does."""


def markdown_list(
    positions: Sequence[Position],
    lang: Lang,
    state_text: str,
    with_sources: bool = False,
    columns: Sequence[str] = LIST_COLUMNS,
) -> str:
    """A memo table of positions with its state line, and with `with_sources` a footnote per
    distinct quote, marked on each cell the quote supports."""
    notes = footnotes(positions, columns) if with_sources else Notes((), ())
    body = []
    for number, position in enumerate(positions):
        marks = notes.marks[number] if with_sources else {}
        body.append(
            [
                md(cell(position, c, lang)) + "".join(f"[^{n}]" for n in marks.get(c, ()))
                for c in columns
            ]
        )
    out = markdown_table(headers(columns, lang), body) + "\n" + state_text + "\n"
    if notes.sources:
        lines = [f"[^{n}]: {md(note_text(s, lang))}" for n, s in enumerate(notes.sources, 1)]
        out += "\n" + "\n".join(lines) + "\n"
    return out


def csv_text(
    positions: Sequence[Position], lang: Lang, columns: Sequence[str] = CSV_COLUMNS
) -> str:
    """The list as CSV with headings in `lang`, one row per position."""
    return csv_table(headers(columns, lang), rows(positions, columns, lang))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as the text it is: one that would start a formula
    (=, +, -, @) gets a leading apostrophe, which Excel and LibreOffice hide."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_table(heads: Sequence[str], body: Iterable[Sequence[object]]) -> str:
    """CSV with a heading row, each cell made safe to open in a spreadsheet (`csv_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in heads])
    writer.writerows([csv_cell(c) for c in row] for row in body)
    return buffer.getvalue()


def column_value(position: Position, column: str) -> Any:
    """One column of a position as JSON data: YAML values, both languages of a text."""
    if column == "title":
        return {"nl": position.title.nl, "en": position.title.en}
    if column == "summary":
        return {"nl": position.summary.nl, "en": position.summary.en}
    if column == "date":
        return position.decision.date
    if column == "stance":
        return position.stance.value
    if column == "topics":
        return list(position.topics)
    if column in ("id", "actor", "goal_shared", "means_differ", "updated"):
        return getattr(position, column)
    raise ValueError(column)


def json_columns(positions: Sequence[Position], columns: Sequence[str]) -> str:
    """The chosen columns of each position as a JSON array of objects keyed by column."""
    return json_text([{c: column_value(p, c) for c in columns} for p in positions])


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
        named = claims(source.supports, lang)
        heading += f"; {word('supports', lang)}: {named}"
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
        out += f"{number}. {md(_source_line(source, lang))}\n\n"
        out += f"   > {md(source.quote)}\n\n"
    return out + state_text + "\n"


def _source_line(source: Source, lang: Lang) -> str:
    """A source as a memo names it: title, kind and date, where it is published, what it
    supports, and whether its quote was checked against a text."""
    date = long_date(source.date, lang) if source.date else word("date_unknown", lang)
    line = f"{source.title} ({source.kind}, {date})"
    if source.url:
        line += f", {source.url}"
    if source.supports is not None:
        line += f"; {word('supports', lang)}: {claims(source.supports, lang)}"
    if source.text is None:
        line += f"; {word('unchecked', lang)}"
    return line


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
    return csv_table(
        ["path", "line", "column", "severity", "message"],
        ([p.path, p.line or "", p.column or "", p.severity, p.message] for p in problems),
    )


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


def _matrix_words(cells: Cells, lang: Lang) -> list[list[str]]:
    """The lines each matrix column holds (heading, quadrant names, ids), corner first."""
    columns = [[*_matrix_corner(lang).split(" / "), *(tri(g, lang) for g in (True, False, None))]]
    for means in (True, False, None):
        lines = [tri(means, lang)]
        for goal in (True, False, None):
            lines += [p.id for p in cells[(goal, means)]]
            lines.append(quadrant_label(goal, means, lang).capitalize())
        columns.append(lines)
    return columns


def matrix_widths(cells: Cells, lang: Lang, width: int) -> list[int] | None:
    """Widths for the matrix grid in `width` terminal columns with every id and word whole,
    or None when it cannot fit (then it is printed plain)."""
    columns = _matrix_words(cells, lang)
    least = [max(len(word) for line in lines for word in line.split()) for lines in columns]
    most = [max(len(line) for line in lines) for lines in columns]
    return fit_widths(least, most, width - (3 * len(columns) + 1))  # borders and padding


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
    writer.writerow(
        [word(name, lang) for name in ("goal_shared", "means_differ", "quadrant", "decisions")]
    )
    for goal in (True, False, None):
        for means in (True, False, None):
            ids = " ".join(p.id for p in cells[(goal, means)])
            writer.writerow(
                [tri(goal, lang), tri(means, lang), quadrant_label(goal, means, lang), ids]
            )
    return buffer.getvalue()
