"""`posities compare`: decisions as rows, holders as columns, each cell the statement of that
holder in force on one day (a view; "not stated" where the holder has none).

The filter keeps or drops a whole row, judged on one holder's stance: the filter's `holder`,
else the register's own holder, whether or not that holder is a column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from posities.core.query import Filter
from posities.model.holders import Holders
from posities.model.records import Position


@dataclass(frozen=True, slots=True)
class Row:
    """One decision: the record as read, and one view per column holder, in column order."""

    position: Position
    views: tuple[Position, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The holders compared (the columns), the day whose statements are shown, and the rows
    (by decision date, then id)."""

    holders: tuple[str, ...]
    day: str
    rows: tuple[Row, ...]

    def shown(self) -> list[Position]:
        """Every view a report of the comparison shows, row by row: the quotes it prints."""
        return [view for row in self.rows for view in row.views]


def columns(
    positions: Iterable[Position], holders: Holders, given: Sequence[str] = ()
) -> list[str]:
    """The holders to compare: those `given`, checked and in their order (each once); else
    every holder with a statement in `positions`, the own holder first, then the declared
    ones in the order `posities.toml` lists them, then any other in order of appearance."""
    if given:
        from posities.core.holders import check_code

        return list(dict.fromkeys(check_code(code, holders) for code in given))
    from posities.core.statements import holders_of

    found = holders_of(positions, holders.own)
    order = {code: rank for rank, code in enumerate(holders.names)}
    others = [code for code in found[1:] if code not in order]
    declared = sorted((code for code in found[1:] if code in order), key=order.__getitem__)
    return [holders.own, *declared, *others]


def compare(
    positions: Iterable[Position],
    holders: Holders,
    where: Filter,
    day: str,
    given: Sequence[str] = (),
) -> Comparison:
    """The positions `where` keeps, judged on its holder's (else the own holder's) statement
    in force on `day`, each with every compared holder's statement in force on `day`."""
    from posities.core.statements import view

    own = holders.own
    judged = where.holder or own
    seen = [(p, view(p, judged, day, own)) for p in positions]
    kept = sorted(
        ((p, v) for p, v in seen if where.keeps(v)), key=lambda k: (k[0].decision.date, k[0].id)
    )
    codes = tuple(columns([p for p, _ in kept], holders, given))
    rows = tuple(
        Row(p, tuple(v if code == judged else view(p, code, day, own) for code in codes))
        for p, v in kept
    )
    return Comparison(codes, day, rows)
