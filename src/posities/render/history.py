"""Output for the register over time: diffs and logs as text, Rich, Markdown, JSON and CSV.

Like `render`, every function returns a string or a Rich renderable; only the CLI prints. Commit
messages and author names come from git unchecked, so they are shown through `visible`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from posities.core.changes import Change, RegisterDiff
from posities.core.history import Point
from posities.core.log import LogEntry
from posities.errors import visible
from posities.git.repo import Commit
from posities.io.formats import json_text
from posities.model.dates import long_date
from posities.model.records import Position, Stance
from posities.model.words import Lang, field_word, phrase, relation_phrase, stance, tri, word
from posities.render.text import csv_table, markdown_table, md

if TYPE_CHECKING:
    from rich.console import RenderableType

    from posities.render.memo import Memo

NOTHING = "—"


def field_label(field: str, lang: Lang) -> str:
    """A changed field's name as a reader says it, in `lang` (a statement's field as the
    field's own name: `change_texts` says whose statement it is)."""
    if field.startswith("statement."):
        return field_label(field.removeprefix("statement."), lang)
    if field.startswith("sources."):
        return phrase("source_field", lang, detail=field.removeprefix("sources."))
    return field_word(field, lang)


def value_text(field: str, value: Any, lang: Lang) -> str:
    """A field's value as a reader sees it: labels in `lang`, texts in `lang`, null as unknown."""
    field = field.removeprefix("statement.")
    if field == "statement" and isinstance(value, dict):
        return stance(Stance(value["stance"]), lang)
    if field == "relations" and isinstance(value, dict):
        return relation_text(value, lang)
    if field in ("goal_shared", "means_differ"):
        return tri(value, lang)
    if value is None:
        return NOTHING
    if field == "stance":
        return stance(Stance(value), lang)
    if isinstance(value, dict) and "nl" in value and "en" in value:
        return str(value[lang.value])
    if field == "decision.milestones":
        return "; ".join(f"{m['date']}: {m['description'][lang.value]}" for m in value) or NOTHING
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or NOTHING
    return str(value)


def change_texts(change: Change, lang: Lang) -> tuple[str, str, str]:
    """A field change as (label, was, is) in `lang`. A text that changed only in the other
    language would read the same on both sides, so it is shown in that language, its label
    marked with it: `summary (en)`. A field of a statement other than the top-level one says
    whose statement it is: `stance (EU from 2019-03-01)`."""
    label = field_label(change.field, lang)
    was, now = (
        value_text(change.field, change.old, lang),
        value_text(change.field, change.new, lang),
    )
    if was == now and change.old != change.new:
        other = Lang.EN if lang is Lang.NL else Lang.NL
        other_was = value_text(change.field, change.old, other)
        other_now = value_text(change.field, change.new, other)
        if other_was != other_now:
            label, was, now = f"{label} ({other.value})", other_was, other_now
    if change.field == "statement":
        added = change.old is None
        name = "statement_added" if added else "statement_removed"
        label = phrase(name, lang, holder=change.holder, since=change.since)
    elif change.field.startswith("statement."):
        label = phrase("of_statement", lang, field=label, holder=change.holder, since=change.since)
    return label, was, now


def relation_text(relation: dict[str, str], lang: Lang) -> str:
    """A relation as a reader says it: `reverses paris-agreement`."""
    return relation_phrase(relation["type"], relation["id"], lang)


def _title(position: Position, lang: Lang) -> str:
    return position.title.get(lang.value)


Row = tuple[str, str, str, str, str]
"""id, decision title, what changed, was, is."""


def change_rows(changes: RegisterDiff, lang: Lang) -> list[Row]:
    """One row per added or removed position and per changed field, by id."""
    rows: list[tuple[str, int, Row]] = []
    for position in changes.added:
        label = stance(position.stance, lang)
        what = word("added", lang)
        rows.append((position.id, 0, (position.id, _title(position, lang), what, NOTHING, label)))
    for position in changes.removed:
        label = stance(position.stance, lang)
        what = word("removed", lang)
        rows.append((position.id, 0, (position.id, _title(position, lang), what, label, NOTHING)))
    for item in changes.changed:
        for order, change in enumerate(item.changes):
            label, was, now = change_texts(change, lang)
            rows.append((item.id, order, (item.id, _title(item.new, lang), label, was, now)))
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


# --- diff -----------------------------------------------------------------------------------


def heading(old: Point, new: Point, lang: Lang, since: bool = True) -> str:
    """The memo heading of a diff: "since OLD" when it ends now and OLD came before it,
    otherwise both points, by day (by commit too where their days are the same)."""
    if since:
        return phrase("changes_since", lang, since=since_text(old, lang))
    first, last = since_text(old, lang), since_text(new, lang)
    if first == last:
        first, last = point_text(old, lang), point_text(new, lang)
    return phrase("changes_between", lang, first=first, last=last)


def point_text(point: Point, lang: Lang) -> str:
    """`1a2b3c4d5e6f (2018-06-01)`, the working tree, or the empty register, in `lang`."""
    if point.first is not None:
        return f"{word('before_first', lang)} ({point.first.day})"
    if point.commit is None:
        return word("working_tree", lang)
    return f"{point.commit.short} ({point.commit.day})"


def since_text(point: Point, lang: Lang) -> str:
    """The point as a memo heading says "since": the date asked for, or the commit's day."""
    if point.asked is not None:
        return point.asked
    return point.commit.day if point.commit is not None else point_text(point, lang)


def log_title(position_id: str | None, lang: Lang) -> str:
    """The heading of a memo's history: of one position, or of all."""
    if position_id is None:
        return phrase("history_all", lang)
    return phrase("history_of", lang, id=position_id)


def span(old: Point, new: Point, lang: Lang) -> str:
    """`from X to Y` in `lang`."""
    return phrase("span", lang, old=point_text(old, lang), new=point_text(new, lang))


def _counts(changes: RegisterDiff, lang: Lang) -> str:
    added, removed, changed = len(changes.added), len(changes.removed), len(changes.changed)
    return phrase("counts", lang, added=added, removed=removed, changed=changed)


Line = tuple[str, str]
"""A style name for the terminal and the text of one line."""


def _diff_lines(changes: RegisterDiff, lang: Lang, indent: str = "") -> list[Line]:
    lines: list[Line] = []
    for position in changes.added:
        label = stance(position.stance, lang)
        lines.append(("green", f"{indent}+ {position.id}  {_title(position, lang)} ({label})"))
    lines += [("red", f"{indent}- {p.id}  {_title(p, lang)}") for p in changes.removed]
    for item in changes.changed:
        lines.append(("yellow", f"{indent}~ {item.id}  {_title(item.new, lang)}"))
        lines += [("", f"{indent}    {change_line(c, lang)}") for c in item.changes]
    return lines


LISTS = ("sources", "statement.sources", "relations")
"""The fields whose items are added and removed whole: a quote, a relation."""


def change_line(change: Change, lang: Lang) -> str:
    """One change as a line of text: `stance: critical → opposes`, `source quote: + “...”`,
    `relations: + reverses paris-agreement`, `new statement of EU from 2019-03-01: critical`."""
    label, was, now = change_texts(change, lang)
    if change.field in LISTS and (change.old is None or change.new is None):
        sign = "+" if change.old is None else "-"
        item = now if change.old is None else was
        if change.field == "relations":
            return f"{label}: {sign} {item}"
        quote = change.new if change.old is None else change.old
        return f"{label}: {sign} “{' '.join(str(quote).split())}”"
    if change.field == "statement":
        return f"{label}: {now if change.old is None else was}"
    return f"{label}: {' '.join(was.split())} → {' '.join(now.split())}"


def diff_lines(changes: RegisterDiff, old: Point, new: Point, lang: Lang) -> list[Line]:
    """A diff as styled lines: a summary, then + added, - removed and ~ changed positions."""
    summary = f"{phrase('changes', lang)} {span(old, new, lang)}: {_counts(changes, lang)}"
    body = _diff_lines(changes, lang)
    return [("bold", summary), *([("", ""), *body] if body else [])]


def plain(lines: Sequence[Line]) -> str:
    """Styled lines as plain text."""
    return "".join(text + "\n" for _, text in lines)


def rich_lines(lines: Sequence[Line]) -> RenderableType:
    """Styled lines for a terminal; text is never read as markup."""
    from rich.text import Text

    out = Text()
    for style, text in lines:
        out.append(text + "\n", style=style or None)
    out.rstrip()
    return out


def diff_markdown(
    changes: RegisterDiff, old: Point, new: Point, lang: Lang, since: bool = True
) -> str:
    """A memo section: a heading, a table of what changed (was / is), and what it compares.
    `since`: the comparison ends now and starts before, so the heading says "since"."""
    out = f"### {md(heading(old, new, lang, since))}\n\n"
    rows = change_rows(changes, lang)
    if rows:
        heads = [word(w, lang) for w in ("decision", "what", "was", "is")]
        body = [
            [md(f"{title} ({ident})"), md(what), md(was), md(now)]
            for ident, title, what, was, now in rows
        ]
        out += markdown_table(heads, body)
    else:
        out += md(word("none", lang).capitalize() + ".") + "\n"
    compared = phrase("compared", lang, span=span(old, new, lang)) + "."
    return out + "\n*" + md(compared) + "*\n"


def diff_memo(
    changes: RegisterDiff, old: Point, new: Point, lang: Lang, since: bool = True
) -> Memo:
    """`diff_markdown` as a document: its heading, the table of what changed (or a line saying
    nothing did), and what it compares as the closing line."""
    from posities.render import memo

    rows = change_rows(changes, lang)
    block: memo.Block = memo.Paragraph(word("none", lang).capitalize() + ".")
    if rows:
        heads = [word(w, lang) for w in ("decision", "what", "was", "is")]
        body = [[f"{title} ({ident})", what, was, now] for ident, title, what, was, now in rows]
        block = memo.table(heads, body)
    compared = phrase("compared", lang, span=span(old, new, lang)) + "."
    return memo.Memo(heading(old, new, lang, since), (block,), lang, (), compared)


def _point_json(point: Point) -> dict[str, str | bool | None]:
    data: dict[str, str | bool | None] = {"rev": point.rev, "date": point.date}
    if point.empty:
        data["empty"] = True  # the empty register before the first commit
    return data


def changes_data(changes: RegisterDiff) -> dict[str, Any]:
    """Added and removed ids and the field changes of changed positions, as plain data."""
    return {
        "added": [p.id for p in changes.added],
        "removed": [p.id for p in changes.removed],
        "changed": [
            {
                "id": item.id,
                "changes": [_change_json(c) for c in item.changes],
            }
            for item in changes.changed
        ],
    }


def _change_json(change: Change) -> dict[str, Any]:
    """A change as data: its field, whose statement it is and since when (where it names one),
    its old and new value."""
    data: dict[str, Any] = {"field": change.field}
    if change.holder is not None:
        data["holder"] = change.holder
        data["since"] = change.since
    return data | {"old": change.old, "new": change.new}


def diff_json(changes: RegisterDiff, old: Point, new: Point) -> str:
    """The diff as JSON: from, to, added, removed, changed."""
    data = {"from": _point_json(old), "to": _point_json(new), **changes_data(changes)}
    return json_text(data)


def diff_csv(changes: RegisterDiff, lang: Lang) -> str:
    """One CSV row per added or removed position and per changed field."""
    heads = ["id", *(word(w, lang) for w in ("decision", "what", "was", "is"))]
    return csv_table(heads, change_rows(changes, lang))


# --- log ------------------------------------------------------------------------------------


def log_lines(entries: Sequence[LogEntry], lang: Lang) -> list[Line]:
    """A log as styled lines: each commit, then what it changed."""
    lines: list[Line] = []
    for entry in entries:
        if lines:
            lines.append(("", ""))
        head = f"{entry.commit.short}  {entry.commit.day}  {visible(entry.author)}"
        lines.append(("bold", head))
        lines.append(("", f"    {visible(entry.message)}"))
        lines += _diff_lines(entry.changes, lang, indent="  ")
    return lines


def empty_log(
    ident: str | None,
    since: str | None,
    until: str | None,
    criteria: Sequence[str],
    cut: Sequence[Commit],
) -> str:
    """What an empty log says, in the terms it was asked in: which position, which dates,
    which filters, and where a shallow clone's history stops."""
    text = f"No changes to {ident}" if ident else "No changes to positions"
    if since and until:
        text += f" from {since} to {until}"
    elif since:
        text += f" since {since}"
    elif until:
        text += f" until {until}"
    elif cut:
        text += f" after {cut[0].short} ({cut[0].day}), where this shallow clone's history stops"
    else:
        text += " in the history"
    if criteria:
        text += " that match " + " ".join(criteria)
    return text + "."


def _log_rows(entries: Sequence[LogEntry], lang: Lang) -> list[list[str]]:
    return [
        [entry.commit.day, entry.commit.short, visible(entry.author), visible(entry.message), *row]
        for entry in entries
        for row in change_rows(entry.changes, lang)
    ]


def log_markdown(entries: Sequence[LogEntry], lang: Lang, caption: str) -> str:
    """A memo table of the history: one row per change, newest first."""
    out = f"### {md(caption)}\n\n"
    if not entries:
        return out + md(word("none", lang).capitalize() + ".") + "\n"
    heads = [word(w, lang) for w in ("date", "commit", "author", "decision", "what", "was", "is")]
    body = [
        [md(day), md(sha), md(author), md(f"{title} ({ident})"), md(what), md(was), md(now)]
        for day, sha, author, _message, ident, title, what, was, now in _log_rows(entries, lang)
    ]
    return out + markdown_table(heads, body)


def log_memo(entries: Sequence[LogEntry], lang: Lang, caption: str) -> Memo:
    """`log_markdown` as a document titled `caption`: one row per change, newest first, each
    dated by its commit's day and with the commit's subject line; closed by how many changes
    in how many commits, over which days."""
    from posities.render import memo

    block: memo.Block = memo.Paragraph(word("none", lang).capitalize() + ".")
    closing = ""
    if entries:
        heads = [
            word(w, lang)
            for w in ("date", "commit", "author", "message", "decision", "what", "was", "is")
        ]
        rows = _log_rows(entries, lang)
        body = [
            [day, sha, author, message.split("\n", 1)[0], f"{title} ({ident})", what, was, now]
            for day, sha, author, message, ident, title, what, was, now in rows
        ]
        block = memo.table(heads, body, day_columns=[0])
        days = [entry.commit.day for entry in entries]
        closing = phrase(
            "log_closing",
            lang,
            changes=len(rows),
            commits=len(entries),
            first=long_date(min(days), lang),
            last=long_date(max(days), lang),
        )
    return memo.Memo(caption, (block,), lang, (), closing)


def log_json(entries: Sequence[LogEntry]) -> str:
    """The history as a JSON array, newest first."""
    data = [
        {
            "commit": entry.commit.sha,
            "date": entry.commit.date,
            "author": entry.author,
            "message": entry.message,
            **changes_data(entry.changes),
        }
        for entry in entries
    ]
    return json_text(data)


def log_csv(entries: Sequence[LogEntry], lang: Lang) -> str:
    """One CSV row per change, newest commit first."""
    words = ("date", "commit", "author", "message")
    heads = [*(word(w, lang) for w in words), "id"]
    heads += [word(w, lang) for w in ("decision", "what", "was", "is")]
    return csv_table(heads, _log_rows(entries, lang))
