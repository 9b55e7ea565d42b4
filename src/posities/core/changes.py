"""What changed between two states of a register: a semantic diff keyed by position id.

Plain functions over records. Layout, comments and key order are not content, so they are never
a change; a file that moved but kept its id is the same position. A statement is the same
statement in both versions when its holder and `since` are the same (see `_pairs`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from posities.core.query import Filter
from posities.core.statements import first_day, since_of, statements, view
from posities.model.holders import OWN_DEFAULT
from posities.model.records import (
    STATEMENT_FIELDS,
    Position,
    Statement,
    statement_dict,
    to_dict,
)

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
    "since",
    "until",
    "statement",
    "relations",
)
"""The fields a change can name, in the order changes are reported. `since` and `until` are
the top-level statement's; `statement` is a whole statement added or removed, and a field of
one that changed is `statement.<field>` (`statement.stance`, `statement.sources.url`)."""

SOURCE_KEYS = ("title", "kind", "date", "text", "url", "supports")

OWN_FIELDS = frozenset(STATEMENT_FIELDS)
"""The top-level fields that make the own holder's statement: their changes keep these names.
`STATEMENT_FIELDS` (a statement's fields) is also the order its changes are reported in."""


@dataclass(frozen=True)
class Change:
    """One field's old and new value, as JSON-ready data (`None` where there was none).

    `holder` and `since` name the statement a change is of: always for `statement` changes;
    for the top-level statement's fields only where a version of the file dates its statements
    (`since`, `until` or `stances:`), so a file without them is reported as it always was."""

    field: str
    old: Any
    new: Any
    holder: str | None = None
    since: str | None = None

    def holder_in(self, own: str) -> str | None:
        """Whose statement this change is of (`own` for the top-level one), None for a field
        of the decision (title, topics, relations ...)."""
        if self.holder is not None:
            return self.holder
        top = self.field in OWN_FIELDS or self.field.startswith("sources.")
        return own if top else None


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


def compare(old: Position, new: Position, own: str = OWN_DEFAULT) -> tuple[Change, ...]:
    """The fields that differ between two versions of a position, in `FIELDS` order (`own`:
    the register's own holder, whose statement the top-level fields are).

    Sources are compared by quote: a quote added or removed is a change of `sources` with the
    quote as the new or old value; other source details that changed are `sources.<key>`.
    Statements are paired across the versions by `_pairs`; the top-level statement paired
    with itself keeps the top-level field names, any other is `statement` or `statement.<key>`.
    """
    before, after = to_dict(old), to_dict(new)
    dated = _dated(old) or _dated(new)
    pairs = _pairs(old, new, own) if dated else []  # else one statement each: the top-level
    top = not dated or any(a and b and _top(a) and _top(b) for a, b in pairs)
    mark = (own, since_of(new)) if dated else (None, None)
    changes: list[Change] = []
    for field in FIELDS:
        if field in OWN_FIELDS and not top:
            continue  # the top-level statement is a new one: reported as `statement`
        if field == "sources":
            changes += _source_changes(before["sources"], after["sources"], "sources", *mark)
        elif field == "since":
            if old.since != new.since and since_of(old) != since_of(new):
                changes.append(Change(field, since_of(old), since_of(new), *mark))
        elif field == "statement":
            changes += [
                c
                for a, b in pairs
                if not (a and b and _top(a) and _top(b))
                for c in _statement_changes(a, b)
            ]
        elif field == "relations":
            changes += _relation_changes(before.get("relations", []), after.get("relations", []))
        else:
            was, now = _get(before, field), _get(after, field)
            if field == "decision.milestones":
                was, now = was or [], now or []
            if was != now:
                changes.append(Change(field, was, now, *(mark if field in OWN_FIELDS else ())))
    return tuple(changes)


def _top(statement: Statement) -> bool:
    return statement.index is None


def _dated(position: Position) -> bool:
    """Whether a file dates its statements or records more than one."""
    return position.since is not None or position.until is not None or bool(position.stances)


StatementPair = tuple[Statement | None, Statement | None]
"""A statement in the old and the new version (None: not there)."""


def _pairs(old: Position, new: Position, own: str) -> list[StatementPair]:
    """Every statement of either version with its counterpart in the other, in time order.

    A statement is the same when its holder and `since` are: so a stance that moved from the
    top level into `stances:` (a change of position recorded with its date) is unchanged, and
    the new top-level one is new. What is left unpaired is paired once more: the top-level
    statement with the top-level one (its `since` was corrected), then a holder's one
    statement that disappeared with its one that appeared (re-dated). The rest is removed or
    added."""
    before = {(s.holder, s.since): s for s in statements(old, own)}
    after = {(s.holder, s.since): s for s in statements(new, own)}
    pairs: list[StatementPair] = [(before[k], after[k]) for k in before if k in after]
    gone = [s for k, s in before.items() if k not in after]
    born = [s for k, s in after.items() if k not in before]
    tops = [s for s in gone if _top(s)], [s for s in born if _top(s)]
    if tops[0] and tops[1]:
        pairs.append((tops[0][0], tops[1][0]))
        gone.remove(tops[0][0])
        born.remove(tops[1][0])
    for holder in dict.fromkeys(s.holder for s in gone):
        mine = [s for s in gone if s.holder == holder], [s for s in born if s.holder == holder]
        if len(mine[0]) == 1 and len(mine[1]) == 1:
            pairs.append((mine[0][0], mine[1][0]))
            gone.remove(mine[0][0])
            born.remove(mine[1][0])
    pairs += [(s, None) for s in gone] + [(None, s) for s in born]
    return sorted(pairs, key=_when)


def _when(pair: StatementPair) -> tuple[str, str, bool]:
    statement = pair[1] or pair[0]
    assert statement is not None, "a pair has a statement on one side"
    return first_day(statement.since), statement.holder, not _top(statement)


def _statement_changes(old: Statement | None, new: Statement | None) -> list[Change]:
    """A statement added or removed, or its fields that changed, named by holder and since."""
    statement = new or old
    assert statement is not None, "a pair has a statement on one side"
    mark = (statement.holder, statement.since)
    if old is None or new is None:
        return [
            Change(
                "statement",
                None if old is None else statement_dict(old),
                None if new is None else statement_dict(new),
                *mark,
            )
        ]
    before, after = statement_dict(old), statement_dict(new)
    changes: list[Change] = []
    for field in STATEMENT_FIELDS:
        if field == "sources":
            prefix = "statement.sources"
            changes += _source_changes(before["sources"], after["sources"], prefix, *mark)
        elif before.get(field) != after.get(field):
            changes.append(Change(f"statement.{field}", before.get(field), after.get(field), *mark))
    return changes


def _relation_changes(before: list[dict[str, str]], after: list[dict[str, str]]) -> list[Change]:
    """Relations removed, then relations added, each as its type and the other id."""
    changes = [Change("relations", r, None) for r in before if r not in after]
    return changes + [Change("relations", None, r) for r in after if r not in before]


def _source_changes(
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    field: str = "sources",
    holder: str | None = None,
    since: str | None = None,
) -> list[Change]:
    old_quotes = {s["quote"]: s for s in before}
    new_quotes = {s["quote"]: s for s in after}
    changes = [Change(field, q, None, holder, since) for q in old_quotes if q not in new_quotes]
    changes += [Change(field, None, q, holder, since) for q in new_quotes if q not in old_quotes]
    for quote, source in new_quotes.items():
        previous = old_quotes.get(quote)
        if previous is None:
            continue
        changes += [
            Change(f"{field}.{key}", previous.get(key), source.get(key), holder, since)
            for key in SOURCE_KEYS
            if previous.get(key) != source.get(key)
        ]
    return changes


def diff(
    old: Mapping[str, Position],
    new: Mapping[str, Position],
    where: Filter | None = None,
    own: str = OWN_DEFAULT,
) -> RegisterDiff:
    """The changes from `old` to `new` (positions by id; `own`: the register's own holder).

    With a filter, a position is kept when it passes the filter at either point, so a position
    that stops matching (say a stance that is no longer critical) is still reported; a filter
    with a holder keeps only that holder's statements' changes (`of_holder`).
    """
    keep = keeper(where, own)
    added = tuple(new[i] for i in sorted(new.keys() - old.keys()) if keep(new[i]))
    removed = tuple(old[i] for i in sorted(old.keys() - new.keys()) if keep(old[i]))
    changed = []
    for ident in sorted(old.keys() & new.keys()):
        before, after = old[ident], new[ident]
        if before == after or not (keep(before) or keep(after)):
            continue
        found = compare(before, after, own)
        if found:
            changed.append(Changed(before, after, found))
    result = RegisterDiff(added, removed, tuple(changed))
    return result if where is None else of_holder(result, where, own)


def keeper(where: Filter | None, own: str) -> Callable[[Position], bool]:
    """Whether a filter keeps a position, as its holder's statement in force on its day shows
    it (as `list` applies it)."""
    if where is None or where == Filter(holder=where.holder, on=where.on):
        return lambda _p: True
    return lambda position: where.keeps(where.seen([position], own)[0])


def of_holder(found: RegisterDiff, where: Filter, own: str) -> RegisterDiff:
    """Only the changes of the filter's holder's statements, when it names one: a position
    added or removed where that holder has a statement (shown as its statement in force on
    the filter's day), and of a changed one the changes of that holder's statements."""
    holder = where.holder
    if holder is None:
        return found

    def has(position: Position) -> bool:
        return any(s.holder == holder for s in statements(position, own))

    from posities.model.dates import today

    day = where.on or today()
    changed = []
    for item in found.changed:
        kept = tuple(c for c in item.changes if c.holder_in(own) == holder)
        if kept:
            changed.append(Changed(item.old, item.new, kept))
    return RegisterDiff(
        tuple(view(p, holder, day, own) for p in found.added if has(p)),
        tuple(view(p, holder, day, own) for p in found.removed if has(p)),
        tuple(changed),
    )


def by_id(positions: Sequence[Position]) -> dict[str, Position]:
    """Positions keyed by id."""
    return {p.id: p for p in positions}
