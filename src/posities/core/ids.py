"""Finding a position by the id a user typed: one lookup, and one "no position with id"
error that suggests close ids, for the register now, its files and its history."""

from __future__ import annotations

from collections.abc import Sequence

from posities.errors import UsageError, shown
from posities.model.records import Position
from posities.model.suggest import did_you_mean, suggest, suggest_ids


def unknown_id(
    ident: str, ids: Sequence[str], positions: Sequence[Position] = (), in_history: bool = False
) -> UsageError:
    """The error for an id none of `ids` is: close spellings suggested, and, given the
    `positions`, ids whose topics or titles hold what was typed."""
    hint = did_you_mean(suggest_ids(ident, positions) if positions else suggest(ident, ids))
    if in_history:
        return UsageError(f"no position with id {shown(ident)} in the history{hint}")
    return UsageError(f"no position with id {shown(ident)}{hint} (`posities list` shows all ids)")


def position_by_id(ident: str, positions: Sequence[Position]) -> Position:
    """The position with id `ident`; an error suggesting close ids where there is none."""
    for position in positions:
        if position.id == ident:
            return position
    raise unknown_id(ident, [p.id for p in positions], positions)
