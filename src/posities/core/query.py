"""Selecting and ordering positions: the filters and sort keys shared by every listing."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from posities.model.holders import OWN_DEFAULT
from posities.model.records import AGREE, DISAGREE, STANCE_RANK, Position, Stance


class Tri(enum.StrEnum):
    """A filter value for a true/false/unknown field."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    def matches(self, value: bool | None) -> bool:
        """Whether a field value is what this filter asks for; null is only ever "unknown"."""
        if self is Tri.UNKNOWN:
            return value is None
        return value is (self is Tri.YES)

    def as_value(self) -> bool | None:
        """The field value this filter value stands for: true, false or null."""
        return None if self is Tri.UNKNOWN else self is Tri.YES


TRI_WORDS = {
    "yes": "yes",
    "ja": "yes",
    "no": "no",
    "nee": "no",
    "unknown": "unknown",
    "not stated": "unknown",
    "onbekend": "unknown",
    "niet vermeld": "unknown",
}
"""Every word a yes/no/unknown filter or value may be given as, English or Dutch."""


def parse_tri(text: str) -> Tri:
    """yes / no / unknown from the English or Dutch word (`ja`, `nee`, `niet vermeld`)."""
    from posities.model.words import parse_word

    return Tri(parse_word(text, TRI_WORDS, "yes, no or unknown"))


class SortKey(enum.StrEnum):
    """How a listing is ordered; ties are broken by decision date, then id."""

    DATE = "date"
    ID = "id"
    STANCE = "stance"


@dataclass(frozen=True)
class Filter:
    """What a listing keeps; every criterion given must hold (an empty filter keeps all)."""

    disagree: bool = False
    agree: bool = False
    stances: frozenset[Stance] = frozenset()
    goal_shared: Tri | None = None
    means_differ: Tri | None = None
    topics: frozenset[str] = frozenset()
    actor: str | None = None
    search: str | None = None
    holder: str | None = None
    """Whose stance is shown and filtered on; None: the register's own holder."""
    on: str | None = None
    """The day whose statements in force are shown (YYYY-MM-DD); None: today."""

    def keeps(self, position: Position) -> bool:
        """Whether `position` passes every criterion."""
        if self.disagree and position.stance not in DISAGREE:
            return False
        if self.agree and position.stance not in AGREE:
            return False
        if self.stances and position.stance not in self.stances:
            return False
        if self.goal_shared is not None and not self.goal_shared.matches(position.goal_shared):
            return False
        if self.means_differ is not None and not self.means_differ.matches(position.means_differ):
            return False
        if self.topics and not self.topics.intersection(position.topics):
            return False
        if self.actor is not None and position.actor.casefold() != self.actor.casefold():
            return False
        return self.search is None or _mentions(position, self.search)

    def describe(self) -> list[str]:
        """The criteria as the command-line options that set them, for a memo's state line."""
        parts = []
        if self.disagree:
            parts.append("--disagree")
        if self.agree:
            parts.append("--agree")
        parts += [f"--stance {s.value}" for s in sorted(self.stances, key=STANCE_RANK.__getitem__)]
        if self.goal_shared is not None:
            parts.append(f"--goal-shared {self.goal_shared.value}")
        if self.means_differ is not None:
            parts.append(f"--means-differ {self.means_differ.value}")
        parts += [f"--topic {t}" for t in sorted(self.topics)]
        if self.actor is not None:
            parts.append(f"--actor {self.actor}")
        if self.search is not None:
            parts.append(f'--search "{self.search}"')
        if self.holder is not None:
            parts.append(f"--holder {self.holder}")
        if self.on is not None:
            parts.append(f"--on {self.on}")
        return parts

    def seen(self, positions: Iterable[Position], own: str) -> list[Position]:
        """Each position as the chosen holder's statement in force on the chosen day shows it
        (`statements.view`), before any criterion is applied."""
        from posities.core.statements import view
        from posities.model.dates import today

        holder = self.holder or own
        day = self.on or today()
        return [view(position, holder, day, own) for position in positions]


def _mentions(position: Position, needle: str) -> bool:
    from posities.core.quotes import normalize  # only a search needs it

    wanted = normalize(needle).casefold()
    haystack = [
        position.title.nl,
        position.title.en,
        *((position.summary.nl, position.summary.en) if position.summary else ()),
        *(source.quote for source in position.sources),
    ]
    return any(wanted in normalize(text).casefold() for text in haystack)


def select(
    positions: Iterable[Position],
    where: Filter,
    sort: SortKey = SortKey.DATE,
    reverse: bool = False,
    own: str = OWN_DEFAULT,
) -> list[Position]:
    """The positions `where` keeps, as its holder's statements in force on its day show them
    (`own` is the register's own holder), ordered by `sort`."""
    kept = [p for p in where.seen(positions, own) if where.keeps(p)]
    if sort is SortKey.ID:
        kept.sort(key=lambda p: p.id)
    elif sort is SortKey.STANCE:
        kept.sort(key=lambda p: (_rank(p.stance), p.decision.date, p.id))
    else:
        kept.sort(key=lambda p: (p.decision.date, p.id))
    if reverse:
        kept.reverse()
    return kept


def _rank(stance: Stance | None) -> int:
    """A stance's place from support to rejection; not stated comes last."""
    return len(STANCE_RANK) if stance is None else STANCE_RANK[stance]


TRI_ORDER: tuple[bool | None, ...] = (True, False, None)


def quadrants(
    positions: Iterable[Position],
) -> dict[tuple[bool | None, bool | None], list[Position]]:
    """Positions by (goal shared, means differ), every combination present, each cell sorted
    by decision date; rows and columns run yes, no, unknown."""
    cells: dict[tuple[bool | None, bool | None], list[Position]] = {
        (goal, means): [] for goal in TRI_ORDER for means in TRI_ORDER
    }
    for position in sorted(positions, key=lambda p: (p.decision.date, p.id)):
        cells[(position.goal_shared, position.means_differ)].append(position)
    return cells
