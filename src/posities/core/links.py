"""What must hold across a register's files: holder codes it declares, relations that name
decisions it has and do not run in a circle, one own statement per day."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from posities.core.statements import first_day, since_of
from posities.errors import Location, Problem, shown
from posities.model.holders import CONFIG_FILE, Holders
from posities.model.records import ORDERING_RELATIONS, FieldPath, Position
from posities.model.suggest import closest

Locate = Callable[[str, FieldPath], tuple[str, Location | None]]
"""Where a field of the position with an id stands: its file's label and line/column."""


def link_problems(
    positions: list[Position], holders: Holders, locate: Locate, unread: Iterable[str] = ()
) -> list[Problem]:
    """Every problem that needs more than one file (or the register's holders) to see.
    `unread` are the ids of files that are not valid positions: a relation to one of them is
    not dangling (the file's own problems are reported)."""
    problems: list[Problem] = []

    def report(ident: str, path: FieldPath, message: str) -> None:
        label, where = locate(ident, path)
        line, column = where if where else (None, None)
        problems.append(Problem(label, line, column, message))

    ids = {position.id for position in positions}
    known = ids.union(unread)
    for position in positions:
        _holder_codes(position, holders, report)
        _own_twice(position, holders.own, report)
        for index, relation in enumerate(position.relations):
            if relation.id not in known and relation.id != position.id:
                suggestion = closest(relation.id, ids - {position.id})
                hint = f"; did you mean {shown(suggestion)}?" if suggestion else "."
                report(
                    position.id,
                    ("relations", index, "id"),
                    f"relations[{index}] names {shown(relation.id)}, which is not a position "
                    f"in the register{hint}",
                )
    for ident, path, cycle in _cycles(positions):
        report(ident, path, f"relations run in a circle: {' → '.join(cycle)}")
    return problems


Report = Callable[[str, FieldPath, str], None]


def own_problems(position: Position, holders: Holders, locate: Locate) -> list[Problem]:
    """What the register's holders say of one position alone, as it is about to be written:
    its holder codes declared, one own statement per day."""
    problems: list[Problem] = []

    def report(ident: str, path: FieldPath, message: str) -> None:
        label, where = locate(ident, path)
        line, column = where if where else (None, None)
        problems.append(Problem(label, line, column, message))

    _holder_codes(position, holders, report)
    _own_twice(position, holders.own, report)
    return problems


def _holder_codes(position: Position, holders: Holders, report: Report) -> None:
    if not holders.declared:
        return
    used: list[tuple[FieldPath, str]] = [(("actor",), position.actor)]
    used += [(("stances", s.index or 0, "holder"), s.holder) for s in position.stances]
    for path, code in used:
        if holders.knows(code):
            continue
        from posities.model.schema import dotted  # only for a message

        suggestion = closest(code, holders.names)
        hint = f"; did you mean {shown(suggestion)}?" if suggestion else "."
        report(
            position.id,
            path,
            f"{dotted(path)} {shown(code)} is not a holder declared in {CONFIG_FILE}{hint} "
            f"Declared: {', '.join(holders.names)}",
        )


def _own_twice(position: Position, own: str, report: Report) -> None:
    """An own statement in `stances:` from the day the top-level one holds from (a partial
    decision date: from its first day)."""
    since = first_day(since_of(position))
    for statement in position.stances:
        if statement.holder == own and first_day(statement.since) == since:
            index = statement.index or 0
            report(
                position.id,
                ("stances", index, "since"),
                f"stances[{index}] is {own}'s statement from {statement.since}, the day the "
                "top-level stance holds from too: which holds is ambiguous; give one another "
                "since",
            )


def _cycles(positions: Iterable[Position]) -> list[tuple[str, FieldPath, list[str]]]:
    """Each circle of `reverses`/`supersedes` relations, reported once at the relation that
    closes it (seen from the smallest id in it)."""
    edges: dict[str, list[tuple[int, str]]] = {}
    for position in positions:
        for index, relation in enumerate(position.relations):
            if relation.type in ORDERING_RELATIONS:
                edges.setdefault(position.id, []).append((index, relation.id))
    found: list[tuple[str, FieldPath, list[str]]] = []
    seen: set[frozenset[str]] = set()
    for start in sorted(edges):
        # a depth-first walk from each start, looking for a way back to it
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        visited: set[str] = set()
        while stack:
            node, trail = stack.pop()
            for index, target in edges.get(node, ()):
                if target == start:
                    members = frozenset(trail)
                    if members not in seen:
                        seen.add(members)
                        found.append((node, ("relations", index, "id"), [*trail, start]))
                elif target not in visited and target > start:
                    visited.add(target)
                    stack.append((target, [*trail, target]))
    return found


def circle_with(positions: Iterable[Position], ident: str, other: str) -> list[str] | None:
    """The circle of reverses/supersedes relations that a new one from `ident` to `other`
    would close, as the ids along it from `ident` back to it; None when it closes none."""
    edges: dict[str, list[str]] = {}
    for position in positions:
        for relation in position.relations:
            if relation.type in ORDERING_RELATIONS:
                edges.setdefault(position.id, []).append(relation.id)
    came_from: dict[str, str] = {other: ident}
    queue = [other]
    for node in queue:  # breadth first, so the circle named is a shortest one
        if node == ident:
            trail = [ident]
            while len(trail) == 1 or trail[-1] != ident:
                trail.append(came_from[trail[-1]])
            return trail[::-1]
        for target in edges.get(node, ()):
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    return None
