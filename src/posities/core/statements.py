"""Whose stance, in force when: a position's statements and the one in force on a date.

A file's top-level stance is the register's own holder's statement, holding from `since`
(default: the decision's date); `stances:` adds further statements. For each holder, the
statement in force on a day D is, of the statements that hold on D (`since` <= D and, when it
has one, `until` after D), the one with the latest `since`. An `until` ends only its own
statement: an earlier statement of the same holder without an end holds again after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from posities.model.records import Position, Relation, Statement


def since_of(position: Position) -> str:
    """From when the top-level statement holds: its `since`, else the decision's date (a
    partial date counts from its first day)."""
    return position.since or position.decision.date


def own_statement(position: Position, own: str) -> Statement:
    """The file's top-level fields as the own holder's statement."""
    assert position.stance is not None, "a record as read"
    assert position.updated is not None, "a record as read"
    return Statement(
        holder=own,
        stance=position.stance,
        goal_shared=position.goal_shared,
        means_differ=position.means_differ,
        since=since_of(position),
        until=position.until,
        summary=position.summary,
        sources=position.sources,
        updated=position.updated,
        index=None,
    )


def statements(position: Position, own: str) -> list[Statement]:
    """Every statement of a position as read: the top-level one first, then `stances:`."""
    return [own_statement(position, own), *position.stances]


def holds_on(statement: Statement, day: str) -> bool:
    """Whether `statement` holds on `day` (YYYY-MM-DD): it has begun and not yet ended."""
    return first_day(statement.since) <= day and (statement.until is None or statement.until > day)


def in_force(candidates: Iterable[Statement], holder: str, day: str) -> Statement | None:
    """`holder`'s statement in force on `day`, or None: none is stated."""
    best: Statement | None = None
    for statement in candidates:
        if statement.holder != holder or not holds_on(statement, day):
            continue
        if best is None or _begins(statement) >= _begins(best):
            best = statement
    return best


def _begins(statement: Statement) -> str:
    # a partial date ("2018-05") counts from its first day, and so before any day of it
    return first_day(statement.since)


def first_day(date: str) -> str:
    """A date as the day it begins: `2018-05` as `2018-05-01`, `2018` as `2018-01-01`."""
    return date + "-01" * (2 - date.count("-"))


def view(position: Position, holder: str, day: str, own: str) -> Position:
    """The position as `holder`'s statement in force on `day` shows it: the top-level fields
    are that statement's (`stance` None: not stated), with `holder`, `since` and `until` set
    (`shown`: the index of a `stances:` item shown); its `stances` are every other statement,
    the file's top-level one included, so that nothing of the file is lost from it."""
    if position.holder is not None:
        return position  # a view already
    if holder == own and not position.stances and holds_on(own_statement(position, own), day):
        return _own(position, own)  # the common case, without building every statement
    every = statements(position, own)
    found = in_force(every, holder, day)
    if found is not None and found.index is None:
        return _own(position, own)
    # every statement not shown on top stays in the view's stances, the file's own one too
    others = tuple(ordered([s for s in every if s is not found]))
    if found is None:
        return replace(
            position,
            stance=None,
            goal_shared=None,
            means_differ=None,
            summary=None,
            sources=(),
            updated=None,
            since=None,
            until=None,
            stances=others,
            holder=holder,
        )
    return replace(
        position,
        stance=found.stance,
        goal_shared=found.goal_shared,
        means_differ=found.means_differ,
        summary=found.summary,
        sources=found.sources,
        updated=found.updated,
        since=found.since,
        until=found.until,
        stances=others,
        holder=holder,
        shown=found.index,
    )


def _own(position: Position, own: str) -> Position:
    """The view of the file's top-level statement: its own fields, with holder and since."""
    p = position  # built directly: twice as fast as `replace`, and made for every position
    return Position(
        p.id,
        p.title,
        p.actor,
        p.decision,
        p.stance,
        p.goal_shared,
        p.means_differ,
        p.summary,
        p.topics,
        p.sources,
        p.updated,
        since_of(p),
        p.until,
        p.stances,
        p.relations,
        own,
        None,
    )


def holders_of(positions: Iterable[Position], own: str) -> list[str]:
    """Every holder with a statement in these positions, the own holder first, then in order
    of first appearance."""
    seen: dict[str, None] = {own: None}
    for position in positions:
        for statement in position.stances:
            seen.setdefault(statement.holder)
    return list(seen)


def ordered(found: Sequence[Statement]) -> list[Statement]:
    """Statements in time order: by `since`, then holder."""
    return sorted(found, key=lambda s: (_begins(s), s.holder))


def related_from(positions: Iterable[Position], ident: str) -> list[Relation]:
    """The relations other decisions have to decision `ident`, each as a `Relation` naming
    the other decision (`reverses` from `paris-return`: paris-return reverses `ident`)."""
    return [
        Relation(relation.type, position.id)
        for position in positions
        for relation in position.relations
        if relation.id == ident and position.id != ident
    ]
