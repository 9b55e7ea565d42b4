"""A register's events in time order: each decision on its date, its milestones, and every
dated statement (a holder's stance from its `since`, and where it has one, its end on its
`until`), so that a reader sees what happened and who said what when."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from posities.core.query import Filter
from posities.core.statements import first_day, statements
from posities.errors import UsageError
from posities.model.holders import Holders
from posities.model.records import Localized, Position, Relation, Stance, Statement


class Kind(enum.StrEnum):
    """What happened on an event's date."""

    DECISION = "decision"
    MILESTONE = "milestone"
    STATEMENT = "statement"
    """A holder's statement begins to hold (its `since`)."""
    ENDS = "ends"
    """A holder's statement stops holding (its `until`)."""


_RANK = {Kind.DECISION: 0, Kind.MILESTONE: 1, Kind.ENDS: 2, Kind.STATEMENT: 2}
"""Events on one day: the decision, then its milestones, then statements (by holder, id)."""


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event of a decision. A statement's event (and its end) carries the holder
    and the stance; a decision's event carries the decision's relations to others."""

    date: str
    kind: Kind
    id: str
    title: Localized
    holder: str | None = None
    stance: Stance | None = None
    goal_shared: bool | None = None
    means_differ: bool | None = None
    text: Localized | None = None
    """The decision's or milestone's description, or the statement's summary."""
    relations: tuple[Relation, ...] = ()
    order: int = 0
    """Its place among the events of its kind in its file, for a stable order."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Which events a timeline shows: of the decisions `ids` names (all when empty) that
    `where` keeps, the events from `start` to `end` (days, both included); `where.holder`
    also keeps only that holder's statements."""

    ids: tuple[str, ...] = ()
    where: Filter = field(default_factory=Filter)
    start: str | None = None
    end: str | None = None


def timeline(positions: Sequence[Position], holders: Holders, scope: Scope) -> list[Event]:
    """The events of the decisions in `scope`, in time order (a partial date counts from its
    first day); an unknown id, an undeclared holder or an empty period is a `UsageError`."""
    _check(positions, holders, scope)
    found = [
        event
        for position in _chosen(positions, holders.own, scope)
        for event in events(position, holders.own)
        if _shows(event, scope)
    ]
    return sorted(found, key=_order)


def events(position: Position, own: str) -> Iterator[Event]:
    """Every event of one position as read (`own` is the register's own holder): its
    decision, its milestones, each statement's beginning and, where it has one, its end."""
    yield Event(
        position.decision.date,
        Kind.DECISION,
        position.id,
        position.title,
        text=position.decision.description,
        relations=position.relations,
    )
    for number, milestone in enumerate(position.decision.milestones):
        yield Event(
            milestone.date,
            Kind.MILESTONE,
            position.id,
            position.title,
            text=milestone.description,
            order=number,
        )
    for number, statement in enumerate(statements(position, own)):
        yield _statement_event(position, statement, statement.since, Kind.STATEMENT, number)
        if statement.until is not None:
            yield _statement_event(position, statement, statement.until, Kind.ENDS, number)


def _statement_event(
    position: Position, statement: Statement, date: str, kind: Kind, number: int
) -> Event:
    return Event(
        date,
        kind,
        position.id,
        position.title,
        holder=statement.holder,
        stance=statement.stance,
        goal_shared=statement.goal_shared,
        means_differ=statement.means_differ,
        text=statement.summary,
        order=number,
    )


def _check(positions: Sequence[Position], holders: Holders, scope: Scope) -> None:
    """Refuse what cannot be meant: an id the register lacks (close ones suggested), a holder
    it does not declare, a period that ends before it begins."""
    from posities.core.holders import check_code
    from posities.core.ids import unknown_id

    known = {position.id for position in positions}
    for ident in scope.ids:
        if ident not in known:
            raise unknown_id(ident, sorted(known), positions)
    if scope.where.holder is not None:
        check_code(scope.where.holder, holders)
    if scope.start is not None and scope.end is not None and scope.start > scope.end:
        raise UsageError(
            f"--from {scope.start} is after --to {scope.end}: no day lies between them"
        )


def _chosen(positions: Iterable[Position], own: str, scope: Scope) -> list[Position]:
    """The positions named (all when none is) whose view the filter keeps, as read."""
    named = set(scope.ids)
    candidates = [p for p in positions if not named or p.id in named]
    if replace(scope.where, holder=None, on=None) == Filter():
        return candidates  # no criterion: no view needs to be made
    kept = {view.id for view in scope.where.seen(candidates, own) if scope.where.keeps(view)}
    return [p for p in candidates if p.id in kept]


def _shows(event: Event, scope: Scope) -> bool:
    """Whether `event` falls in the scope's period and, for a statement, is the holder's."""
    day = first_day(event.date)
    if scope.start is not None and day < scope.start:
        return False
    if scope.end is not None and day > scope.end:
        return False
    holder = scope.where.holder
    return holder is None or event.holder in (None, holder)


def _order(event: Event) -> tuple[str, int, str, str, int, int]:
    """By day; on one day decisions, then milestones, then statements, each by holder code
    and id; a statement's end before another's beginning; then file order."""
    begins = 1 if event.kind is Kind.STATEMENT else 0
    return (
        first_day(event.date),
        _RANK[event.kind],
        event.holder or "",
        event.id,
        begins,
        event.order,
    )


def decisions_shown(found: Iterable[Event]) -> int:
    """How many decisions have an event in `found` (a memo's count)."""
    return len({event.id for event in found})
