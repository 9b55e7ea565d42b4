"""Output: positions as plain or Rich tables, Markdown for memos, JSON and CSV.

Every function returns a string (or, for the terminal, a Rich renderable); only the CLI prints.
Rich is imported inside the functions that need it, so piped output never pays for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from posities.errors import shown
from posities.model.records import Position, Relation, Source, Stance, Statement, to_json
from posities.model.words import Lang, claims, relation_phrase, stance, tri, word
from posities.render.text import csv_table, fit_widths, markdown_table, md, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from posities.render.memo import Memo


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
    "holder",
    "since",
    "until",
)
"""Every column `list --columns` can show, in the order `--help` names them."""
LIST_COLUMNS = ("id", "title", "date", "stance", "goal_shared", "means_differ")
CSV_COLUMNS = (*LIST_COLUMNS, "actor", "topics", "summary", "updated")
"""The claim a column shows, for the columns a source's quote can support."""
STANCE_STYLE: dict[Stance | None, str] = {
    None: "dim",
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
        return _summary(position, lang)
    if column == "updated":
        return position.updated or ""
    if column == "holder":
        return position.holder or ""
    if column in ("since", "until"):
        return getattr(position, column) or ""
    raise ValueError(column)


def _summary(position: Position, lang: Lang) -> str:
    """The summary in `lang`; a statement without one says so, a view with no statement
    leaves it empty."""
    if position.summary is not None:
        return position.summary.get(lang.value)
    return "" if position.stance is None else word("no_summary", lang)


def headers(columns: Sequence[str], lang: Lang) -> list[str]:
    """Column headings in `lang`; the title column is headed by what it names, the decision."""
    return [word("decision" if c == "title" else c, lang) for c in columns]


def rows(positions: Sequence[Position], columns: Sequence[str], lang: Lang) -> list[list[str]]:
    """The cells of a table of `positions`."""
    return [[cell(p, c, lang) for c in columns] for p in positions]


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

    body = [[one_line(cell(p, c, lang)) for c in columns] for p in positions]
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


def parse_columns(text: str) -> tuple[str, ...]:
    """Column names from `id,title,stance`; a `ValueError` naming a wrong or repeated one."""
    from posities.model.suggest import did_you_mean, suggest

    names = [name.strip().replace("-", "_").lower() for name in text.split(",") if name.strip()]
    if not names:
        raise ValueError(f"name at least one column: {', '.join(COLUMNS)}")
    for name in names:
        if name not in COLUMNS:
            tail = did_you_mean(suggest(name, list(COLUMNS), 1), otherwise=".")
            raise ValueError(f"no column {shown(name)}{tail} Columns: {', '.join(COLUMNS)}")
        if names.count(name) > 1:
            raise ValueError(f"column {name} is named twice")
    return tuple(names)


def markdown_list(
    positions: Sequence[Position],
    lang: Lang,
    state_text: str,
    with_sources: bool = False,
    columns: Sequence[str] = LIST_COLUMNS,
) -> str:
    """A memo table of positions with its state line, and with `with_sources` a footnote per
    distinct quote, marked on each cell the quote supports."""
    from posities.render.notes import Notes, footnotes, note_text  # only memos have notes

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


DAY_COLUMNS = frozenset({"date", "updated", "since", "until"})
"""The columns that show a date."""


def list_memo(
    positions: Sequence[Position],
    lang: Lang,
    state_text: str,
    with_sources: bool = False,
    columns: Sequence[str] = LIST_COLUMNS,
) -> Memo:
    """`markdown_list` as a document: the same cells, footnotes and state line (`state_text`
    in plain words)."""
    from posities.render import memo
    from posities.render.notes import Notes, footnotes, note_text

    notes = footnotes(positions, columns) if with_sources else Notes((), ())
    marks = [[found.get(c, ()) for c in columns] for found in notes.marks]
    days = [at for at, column in enumerate(columns) if column in DAY_COLUMNS]
    table = memo.table(headers(columns, lang), rows(positions, columns, lang), marks, days)
    texts = tuple(note_text(s, lang) for s in notes.sources)
    return memo.Memo(word("report_list", lang), (table,), lang, texts, state_text)


def csv_text(
    positions: Sequence[Position], lang: Lang, columns: Sequence[str] = CSV_COLUMNS
) -> str:
    """The list as CSV with headings in `lang`, one row per position."""
    return csv_table(headers(columns, lang), rows(positions, columns, lang))


def column_value(position: Position, column: str) -> Any:
    """One column of a position as JSON data: YAML values, both languages of a text."""
    if column == "title":
        return {"nl": position.title.nl, "en": position.title.en}
    if column == "summary":
        if position.summary is None:
            return None
        return {"nl": position.summary.nl, "en": position.summary.en}
    if column == "date":
        return position.decision.date
    if column == "stance":
        return None if position.stance is None else position.stance.value
    if column == "topics":
        return list(position.topics)
    if column in ("id", "actor", "goal_shared", "means_differ", "updated", "holder", "since"):
        return getattr(position, column)
    if column == "until":
        return position.until
    raise ValueError(column)


def json_columns(positions: Sequence[Position], columns: Sequence[str]) -> str:
    """The chosen columns of each position as a JSON array of objects keyed by column."""
    from posities.io.formats import json_text

    return json_text([{c: column_value(p, c) for c in columns} for p in positions])


def json_list(positions: Sequence[Position], encoded: Mapping[str, str] | None = None) -> str:
    """The positions as a JSON array of records with the YAML keys, one record per line.

    One compact line per record keeps large registers fast to write and easy to grep and
    diff. `encoded` holds records already in that form (from the cache), by id.
    """
    return "".join(json_chunks(positions, encoded))


def _view_json(position: Position, record: str) -> str | None:
    """The JSON of a view from its record's JSON (`record`, as the cache keeps it), where the
    view shows the file's own top-level statement from the decision's date: the record with
    the keys every view has added at its end; None where it must be written anew."""
    if position.holder is None:
        return record  # a record as read
    if (
        position.shown is not None
        or position.stance is None
        or position.until is not None
        or position.since != position.decision.date
        or not record.endswith("}")
    ):
        return None
    extra = f', "holder": {json.dumps(position.holder)}, "since": {json.dumps(position.since)}'
    extra += ', "until": null'
    if not position.stances:
        extra += ', "stances": []'
    if not position.relations:
        extra += ', "relations": []'
    return record[:-1] + extra + "}"


def json_chunks(
    positions: Sequence[Position], encoded: Mapping[str, str] | None = None
) -> Iterator[str]:
    """`json_list` in pieces, to write a large register without holding all of it twice."""
    if not positions:
        yield "[]\n"
        return
    known = encoded or {}
    for number, position in enumerate(positions):
        record = known.get(position.id)
        cached = _view_json(position, record) if record is not None else None
        yield ("[\n" if number == 0 else ",\n") + (cached or to_json(position))
    yield "\n]\n"


# --- one position -------------------------------------------------------------------------


def statement_line(statement: Statement, lang: Lang) -> str:
    """A statement on one line: holder, from when (until when), stance, goal and means."""
    from posities.model.dates import long_date

    when = f"{word('since', lang).lower()} {long_date(statement.since, lang)}"
    if statement.until is not None:
        when += f" {word('until', lang).lower()} {long_date(statement.until, lang)}"
    return (
        f"{statement.holder}, {when}: {stance(statement.stance, lang)}; "
        f"{word('goal_shared', lang).lower()}: {tri(statement.goal_shared, lang)}; "
        f"{word('means_differ', lang).lower()}: {tri(statement.means_differ, lang)}"
    )


def _dated(position: Position) -> bool:
    """Whether whose stance it is and from when says more than the decision does: a register
    of one holder whose stances hold from the decision on shows neither."""
    return (
        position.stance is None
        or bool(position.stances)
        or position.until is not None
        or position.since not in (None, position.decision.date)
    )


def _fields(
    position: Position,
    lang: Lang,
    others: Sequence[Statement] = (),
    towards: Sequence[Relation] = (),
) -> list[tuple[str, str]]:
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
    if _dated(position):
        from posities.model.dates import long_date

        if position.holder is not None:
            fields.append(("holder", position.holder))
        fields += [
            (name, long_date(value, lang))
            for name, value in (("since", position.since), ("until", position.until))
            if value is not None
        ]
    fields += [
        ("stance", stance(position.stance, lang)),
        ("goal_shared", tri(position.goal_shared, lang)),
        ("means_differ", tri(position.means_differ, lang)),
    ]
    if position.stance is not None:  # no statement in force: nothing summarised or assessed
        fields.append(("summary", _summary(position, lang)))
    fields.append(("topics", ", ".join(position.topics)))
    if position.updated is not None:
        fields.append(("updated", position.updated))
    fields += [("statements", statement_line(s, lang)) for s in others]
    fields += [("relations", relation_phrase(r.type, r.id, lang)) for r in position.relations]
    fields += [("relations", relation_phrase(r.type, r.id, lang, towards=True)) for r in towards]
    return fields


def _source_heading(number: int, source: Source, lang: Lang) -> str:
    date = source.date or word("date_unknown", lang)
    heading = f"[{number}] {source.title} ({source.kind}, {date})"
    if source.supports is not None:
        named = claims(source.supports, lang)
        heading += f"; {word('supports', lang)}: {named}"
    return heading


def plain_show(
    position: Position,
    lang: Lang,
    others: Sequence[Statement] = (),
    towards: Sequence[Relation] = (),
) -> str:
    """One position as plain text: its fields, then each source with its quote; `others` are
    the statements besides the one shown, one line each, `towards` other decisions'
    relations to it."""
    fields = _fields(position, lang, others, towards)
    width = max(len(word(name, lang)) for name, _ in fields) + 2
    lines = []
    previous = ""
    for name, value in fields:
        label = word(name, lang) + ":" if name != previous else ""
        lines.append(f"{label.ljust(width)}{one_line(value)}")
        previous = name
    if position.sources:
        lines += ["", word("sources", lang) + ":"]
    for number, source in enumerate(position.sources, 1):
        lines.append(_source_heading(number, source, lang))
        if source.text:
            lines.append(f"    {word('text', lang)}: {source.text}")
        if source.url:
            lines.append(f"    {source.url}")
        lines.append(f"    “{one_line(source.quote)}”")
    return "\n".join(lines) + "\n"


def rich_show(
    position: Position,
    lang: Lang,
    others: Sequence[Statement] = (),
    towards: Sequence[Relation] = (),
) -> RenderableType:
    """One position for a terminal: a field grid and the quotes, wrapped to the screen."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    previous = ""
    for name, value in _fields(position, lang, others, towards):
        label = word(name, lang) if name != previous else ""
        text = Text(value)
        if name == "stance":
            text.stylize(STANCE_STYLE[position.stance])
        grid.add_row(Text(label), text)
        previous = name
    parts: list[RenderableType] = [grid]
    if position.sources:
        parts += [Text(""), Text(word("sources", lang), style="bold")]
    for number, source in enumerate(position.sources, 1):
        parts.append(Text(_source_heading(number, source, lang)))
        if source.text:
            parts.append(Padding(Text(f"{word('text', lang)}: {source.text}", style="dim"), (0, 4)))
        if source.url:
            parts.append(Padding(Text(source.url, style="dim"), (0, 4)))
        parts.append(Padding(Text(f"“{source.quote}”", style="italic"), (0, 4)))
    return Group(*parts)


def markdown_show(
    position: Position,
    lang: Lang,
    state_text: str,
    others: Sequence[Statement] = (),
    towards: Sequence[Relation] = (),
) -> str:
    """One position as a memo section: a field table and its sources as numbered quotes."""
    fields = _fields(position, lang, others, towards)
    body = [
        [md(word(name, lang)) if at == 0 or fields[at - 1][0] != name else "", md(value)]
        for at, (name, value) in enumerate(fields)
    ]
    heads = [word("field", lang), word("value", lang)]
    out = f"### {md(position.title.get(lang.value))}\n\n" + markdown_table(heads, body)
    if position.sources:
        out += f"\n**{word('sources', lang)}**\n\n"
    else:
        out += "\n"
    for number, source in enumerate(position.sources, 1):
        out += f"{number}. {md(_source_line(source, lang))}\n\n"
        out += f"   > {md(source.quote)}\n\n"
    return out + state_text + "\n"


def _source_line(source: Source, lang: Lang) -> str:
    """A source as a memo names it: title, kind and date, where it is published, what it
    supports, and whether its quote was checked against a text."""
    from posities.model.dates import long_date

    date = long_date(source.date, lang) if source.date else word("date_unknown", lang)
    line = f"{source.title} ({source.kind}, {date})"
    if source.url:
        line += f", {source.url}"
    if source.supports is not None:
        line += f"; {word('supports', lang)}: {claims(source.supports, lang)}"
    if source.text is None:
        line += f"; {word('unchecked', lang)}"
    return line


def show_memo(
    position: Position,
    lang: Lang,
    state_text: str,
    others: Sequence[Statement] = (),
    towards: Sequence[Relation] = (),
) -> Memo:
    """`markdown_show` as a document: the field table, the sources as a numbered list each
    with its quote, and the state line (`state_text` in plain words)."""
    from posities.render import memo

    fields = _fields(position, lang, others, towards)
    body = [
        [word(name, lang) if at == 0 or fields[at - 1][0] != name else "", value]
        for at, (name, value) in enumerate(fields)
    ]
    days = [[None, value if name in ("date", "updated") else None] for name, value in fields]
    cells = tuple(
        tuple(memo.Cell(text, (), day) for text, day in zip(row, row_days, strict=True))
        for row, row_days in zip(body, days, strict=True)
    )
    blocks: list[memo.Block] = [
        memo.Table((word("field", lang), word("value", lang)), cells, label_column=True)
    ]
    if position.sources:
        items = tuple((_source_line(s, lang), s.quote) for s in position.sources)
        blocks.append(memo.Quotes(word("sources", lang), items))
    return memo.Memo(position.title.get(lang.value), tuple(blocks), lang, (), state_text)
