"""What changed between two states of a register: a semantic diff keyed by position id.

Plain functions over records. Layout, comments and key order are not content, so they are never
a change; a file that moved but kept its id is the same position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from posities.core.query import Filter
from posities.model.records import Position, to_dict

FIELDS = (
    "title",
    "actor",
    "decision.date",
    "decision.description",
    "decision.milestones",
    "stance",
    "goal_shared",
    "means_differ",
    "summary",
    "topics",
    "sources",
    "updated",
)
"""The fields a change can name, in the order changes are reported."""

SOURCE_KEYS = ("title", "kind", "date", "text", "url", "supports")


@dataclass(frozen=True)
class Change:
    """One field's old and new value, as JSON-ready data (`None` where there was none)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Changed:
    """A position present at both points whose content differs."""

    old: Position
    new: Position
    changes: tuple[Change, ...]

    @property
    def id(self) -> str:
        """The position's id."""
        return self.new.id


@dataclass(frozen=True)
class RegisterDiff:
    """Positions added, removed and changed between two points, each sorted by id."""

    added: tuple[Position, ...] = ()
    removed: tuple[Position, ...] = ()
    changed: tuple[Changed, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _get(record: dict[str, Any], field: str) -> Any:
    value: Any = record
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def compare(old: Position, new: Position) -> tuple[Change, ...]:
    """The fields that differ between two versions of a position, in `FIELDS` order.

    Sources are compared by quote: a quote added or removed is a change of `sources` with the
    quote as the new or old value; other source details that changed are `sources.<key>`.
    """
    before, after = to_dict(old), to_dict(new)
    changes: list[Change] = []
    for field in FIELDS:
        if field == "sources":
            changes += _source_changes(before["sources"], after["sources"])
            continue
        was, now = _get(before, field), _get(after, field)
        if field == "decision.milestones":
            was, now = was or [], now or []
        if was != now:
            changes.append(Change(field, was, now))
    return tuple(changes)


def _source_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    old_quotes = {s["quote"]: s for s in before}
    new_quotes = {s["quote"]: s for s in after}
    changes = [Change("sources", q, None) for q in old_quotes if q not in new_quotes]
    changes += [Change("sources", None, q) for q in new_quotes if q not in old_quotes]
    for quote, source in new_quotes.items():
        previous = old_quotes.get(quote)
        if previous is None:
            continue
        changes += [
            Change(f"sources.{key}", previous.get(key), source.get(key))
            for key in SOURCE_KEYS
            if previous.get(key) != source.get(key)
        ]
    return changes


def diff(
    old: Mapping[str, Position], new: Mapping[str, Position], where: Filter | None = None
) -> RegisterDiff:
    """The changes from `old` to `new` (positions by id).

    With a filter, a position is kept when it passes the filter at either point, so a position
    that stops matching (say a stance that is no longer critical) is still reported.
    """
    keep = where.keeps if where is not None else (lambda _p: True)
    added = tuple(new[i] for i in sorted(new.keys() - old.keys()) if keep(new[i]))
    removed = tuple(old[i] for i in sorted(old.keys() - new.keys()) if keep(old[i]))
    changed = []
    for ident in sorted(old.keys() & new.keys()):
        before, after = old[ident], new[ident]
        if before == after or not (keep(before) or keep(after)):
            continue
        found = compare(before, after)
        if found:
            changed.append(Changed(before, after, found))
    return RegisterDiff(added, removed, tuple(changed))


def by_id(positions: Sequence[Position]) -> dict[str, Position]:
    """Positions keyed by id."""
    return {p.id: p for p in positions}
