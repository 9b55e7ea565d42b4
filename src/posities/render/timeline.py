"""A timeline as a plain or Rich table, a memo table, JSON or CSV: one row per event, dates
as a memo writes them in tables, as ISO dates in JSON and CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from posities.core.timeline import Event, Kind, Scope
from posities.model.dates import long_date
from posities.model.records import Localized
from posities.model.words import Lang, phrase, relation_phrase, stance, tri, word
from posities.render.text import csv_table, fit_widths, markdown_table, md, one_line, plain_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from posities.render.memo import Memo


COLUMNS = ("date", "id", "event", "holder", "stance", "description")
"""The columns of a timeline table and memo."""
CSV_COLUMNS = (
    "date",
    "id",
    "event",
    "holder",
    "stance",
    "goal_shared",
    "means_differ",
    "description",
    "relations",
    "summary",
)
"""The columns of a timeline in CSV: the table's, the stance's parts apart, and the
relations and the statement's summary."""


def kind_word(kind: Kind, lang: Lang) -> str:
    """What happened, in words: decision, milestone, stance, stance ends."""
    return word(f"event_{kind.value}", lang)


def stance_cell(event: Event, lang: Lang) -> str:
    """A statement's stance with what it states of goal and means ("critical (goal shared,
    means differ)"); a value not stated is left out; empty for a decision or milestone."""
    if event.stance is None:
        return ""
    stated = [
        word(f"{name}_{str(value).lower()}", lang)
        for name, value in (
            ("goal_shared", event.goal_shared),
            ("means_differ", event.means_differ),
        )
        if value is not None
    ]
    text = stance(event.stance, lang)
    return f"{text} ({', '.join(stated)})" if stated else text


def relations_cell(event: Event, lang: Lang) -> str:
    """A decision's relations in words ("reverses paris-agreement"), separated by `; `."""
    return "; ".join(relation_phrase(r.type, r.id, lang) for r in event.relations)


def description_cell(event: Event, lang: Lang) -> str:
    """What a table says happened: the decision's title (and its relations), the milestone's
    description; a statement has its holder and stance in their own columns."""
    if event.kind is Kind.DECISION:
        return "; ".join(filter(None, (event.title.get(lang.value), relations_cell(event, lang))))
    if event.kind is Kind.MILESTONE and event.text is not None:
        return event.text.get(lang.value)
    return ""


def headers(columns: Sequence[str], lang: Lang) -> list[str]:
    """Column headings in `lang`."""
    return [word(column, lang) for column in columns]


def rows(found: Sequence[Event], lang: Lang) -> list[list[str]]:
    """The cells of a timeline table (`COLUMNS`), dates as memos write them; the words of a
    kind, a date or a stance made once, as a timeline repeats them on many rows."""
    kinds = {kind: kind_word(kind, lang) for kind in Kind}
    dates: dict[str, str] = {}
    stances: dict[tuple[object, ...], str] = {}
    out = []
    for event in found:
        date = dates.get(event.date)
        if date is None:
            date = dates[event.date] = long_date(event.date, lang)
        key = (event.stance, event.goal_shared, event.means_differ)
        stated = stances.get(key)
        if stated is None:
            stated = stances[key] = stance_cell(event, lang)
        holder = event.holder or ""
        out.append(
            [date, event.id, kinds[event.kind], holder, stated, description_cell(event, lang)]
        )
    return out


def plain_timeline(found: Sequence[Event], lang: Lang) -> str:
    """The timeline as aligned columns, for pipes and files."""
    return plain_table(headers(COLUMNS, lang), rows(found, lang))


def rich_timeline(found: Sequence[Event], lang: Lang, width: int) -> RenderableType:
    """The timeline for a terminal `width` columns wide, as list draws its table: no word
    broken, long texts wrapped; where even that does not fit, a block of lines per event."""
    from rich.table import Table

    body = [[one_line(value) for value in row] for row in rows(found, lang)]
    heads = headers(COLUMNS, lang)
    least = [
        max([len(w) for w in head.split()] + [len(w) for row in body for w in row[i].split()])
        for i, head in enumerate(heads)
    ]
    most = [max([len(head)] + [len(row[i]) for row in body]) for i, head in enumerate(heads)]
    widths = fit_widths(least, most, width - 2 * (len(COLUMNS) - 1))
    if widths is None:
        return _rich_blocks(found, heads, body)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for heading, size in zip(heads, widths, strict=True):
        table.add_column(heading, width=size, overflow="fold")
    for event, row in zip(found, body, strict=True):
        table.add_row(
            *(_styled(event, column, value) for column, value in zip(COLUMNS, row, strict=True))
        )
    return table


def _styled(event: Event, column: str, value: str) -> Any:
    """A cell as Rich text: a stance in its colour, a decision's title in bold."""
    from rich.text import Text

    from posities.render.tables import STANCE_STYLE

    if column == "stance" and event.stance is not None:
        return Text(value, style=STANCE_STYLE[event.stance])
    if column == "description" and event.kind is Kind.DECISION:
        return Text(value, style="bold")
    return Text(value)


def _rich_blocks(
    found: Sequence[Event], heads: Sequence[str], body: Sequence[Sequence[str]]
) -> RenderableType:
    """The timeline as labelled lines, one block per event, for a terminal too narrow for
    its columns side by side; empty cells left out."""
    from rich.console import Group
    from rich.text import Text

    blocks: list[RenderableType] = []
    for event, row in zip(found, body, strict=True):
        for head, column, value in zip(heads, COLUMNS, row, strict=True):
            if value:
                line = Text()
                line.append(f"{head}: ", style="bold")
                line.append_text(_styled(event, column, value))
                blocks.append(line)
        blocks.append(Text(""))
    return Group(*blocks[:-1])


def markdown_timeline(found: Sequence[Event], lang: Lang, state_text: str) -> str:
    """The timeline as a memo table with its state line."""
    body = [[md(value) if value else "" for value in row] for row in rows(found, lang)]
    return markdown_table(headers(COLUMNS, lang), body) + "\n" + state_text + "\n"


def timeline_memo(found: Sequence[Event], lang: Lang, state_text: str) -> Memo:
    """`markdown_timeline` as a document, with the state line (`state_text` in plain
    words); each row's date cell keeps its ISO date."""
    from posities.render import memo

    cells = tuple(
        (memo.Cell(row[0], (), event.date), *(memo.Cell(value) for value in row[1:]))
        for event, row in zip(found, rows(found, lang), strict=True)
    )
    table = memo.Table(tuple(headers(COLUMNS, lang)), cells)
    return memo.Memo(word("report_timeline", lang), (table,), lang, (), state_text)


def _localized(text: Localized | None) -> dict[str, str] | None:
    return None if text is None else {"nl": text.nl, "en": text.en}


def event_dict(event: Event) -> dict[str, Any]:
    """An event as JSON data: ISO date, kind, the decision's id and title, the statement's
    holder and stance (null for a decision or milestone), its text in both languages, and
    the decision's relations."""
    return {
        "date": event.date,
        "kind": event.kind.value,
        "id": event.id,
        "title": _localized(event.title),
        "holder": event.holder,
        "stance": None if event.stance is None else event.stance.value,
        "goal_shared": event.goal_shared,
        "means_differ": event.means_differ,
        "text": _localized(event.text),
        "relations": [{"type": r.type, "id": r.id} for r in event.relations],
    }


def json_timeline(found: Sequence[Event]) -> str:
    """The timeline as a JSON array of event objects, one compact object per line (as list
    writes its records: quick to write for a large register, easy to grep and diff)."""
    import json

    if not found:
        return "[]\n"
    lines = (json.dumps(event_dict(event), ensure_ascii=False) for event in found)
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _csv_row(event: Event, lang: Lang) -> list[str]:
    statement = event.kind in (Kind.STATEMENT, Kind.ENDS)
    decision = event.kind is Kind.DECISION  # its relations have a column of their own
    return [
        event.date,
        event.id,
        kind_word(event.kind, lang),
        event.holder or "",
        stance(event.stance, lang) if statement else "",
        tri(event.goal_shared, lang) if statement else "",
        tri(event.means_differ, lang) if statement else "",
        event.title.get(lang.value) if decision else description_cell(event, lang),
        relations_cell(event, lang),
        event.text.get(lang.value) if statement and event.text is not None else "",
    ]


def csv_timeline(found: Sequence[Event], lang: Lang) -> str:
    """The timeline as CSV with headings in `lang`, one row per event, ISO dates."""
    return csv_table(headers(CSV_COLUMNS, lang), (_csv_row(event, lang) for event in found))


def criteria(scope: Scope, lang: Lang) -> list[str]:
    """What a timeline selects beyond the filter, for a memo's state line: its decisions
    and its period."""
    parts = []
    if scope.ids:
        parts.append(phrase("timeline_ids", lang, ids=", ".join(dict.fromkeys(scope.ids))))
    start = long_date(scope.start, lang) if scope.start else None
    end = long_date(scope.end, lang) if scope.end else None
    if start and end:
        parts.append(phrase("period_between", lang, start=start, end=end))
    elif start:
        parts.append(phrase("period_from", lang, start=start))
    elif end:
        parts.append(phrase("period_to", lang, end=end))
    return parts
