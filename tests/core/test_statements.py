"""Whose stance is in force when: the statements of a position, the one in force on a day and
the view a listing shows, checked against an oracle written from the rule itself over random
statement sets (holders, since, until, partial decision dates)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posities.core.statements import (
    first_day,
    holders_of,
    holds_on,
    in_force,
    ordered,
    own_statement,
    since_of,
    statements,
    view,
)
from posities.model.records import Decision, Localized, Position, Source, Stance, Statement

from ..conftest import position_record

OWN = "NL"
HOLDERS = (OWN, "EU", "US")
START = datetime.date(2019, 1, 1)
SPAN = 120
"""Every date drawn lies within SPAN days from START; days looked at run a little beyond."""


def _source(quote: str) -> Source:
    return Source(title="Een brief", kind="kamerbrief", quote=quote)


def _statement(holder: str, since: str, until: str | None = None, **fields: object) -> Statement:
    values: dict[str, object] = {
        "holder": holder,
        "stance": Stance.SUPPORTS,
        "goal_shared": None,
        "means_differ": None,
        "since": since,
        "until": until,
        "summary": None,
        "sources": (_source(f"{holder} zegt iets sinds {since}."),),
        "updated": "2020-01-01",
        "index": None,
    }
    values.update(fields)
    return Statement(**values)  # type: ignore[arg-type]


def _position(*stances: Statement, date: str = "2019-01-02", **fields: object) -> Position:
    numbered = tuple(replace(s, index=i) for i, s in enumerate(stances))
    decision = Decision(date, Localized("Besloten.", "Decided."))
    return position_record(  # type: ignore[no-any-return]
        _source("Wij vinden er iets van."), decision=decision, stances=numbered, **fields
    )


# --- the oracle: the rule of the issue, written with dates rather than strings ---------------


def _begins(since: str) -> datetime.date:
    """A date as written in a file (YYYY, YYYY-MM or YYYY-MM-DD) as the day it begins."""
    parts = [int(p) for p in since.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def oracle(found: list[Statement], holder: str, day: datetime.date) -> Statement | None:
    """For `holder`, the statement with the latest since on or before `day` whose until, if
    any, is after `day`; None: not stated."""
    holding = [
        s
        for s in found
        if s.holder == holder
        and _begins(s.since) <= day
        and (s.until is None or datetime.date.fromisoformat(s.until) > day)
    ]
    return max(holding, key=lambda s: _begins(s.since), default=None)


# --- random statement sets -------------------------------------------------------------------


def _day(offset: int) -> str:
    return (START + datetime.timedelta(days=offset)).isoformat()


@st.composite
def drawn_statement(draw: st.DrawFn) -> Statement:
    since = draw(st.integers(-10, SPAN))
    length = draw(st.none() | st.integers(1, 60))
    return _statement(
        draw(st.sampled_from(HOLDERS)),
        _day(since),
        None if length is None else _day(since + length),
        stance=draw(st.sampled_from(list(Stance))),
        goal_shared=draw(st.sampled_from([True, False, None])),
    )


@dataclass(frozen=True)
class Drawn:
    position: Position
    everything: list[Statement]
    """The position's statements as the oracle sees them: the top-level one first."""


@st.composite
def drawn_position(draw: st.DrawFn) -> Drawn:
    """A position whose decision date may be partial, with or without a top-level since and
    until, and up to eight further statements; no holder has two from one day (check refuses
    that)."""
    decided = draw(st.integers(0, SPAN))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    date = _day(decided)[: {"day": 10, "month": 7, "year": 4}[precision]]
    top_since = draw(st.none() | st.integers(-10, SPAN).map(_day))
    begins = _begins(top_since or date)
    top_until = None
    if draw(st.booleans()):
        top_until = (begins + datetime.timedelta(days=draw(st.integers(1, 60)))).isoformat()
    taken = {(OWN, begins)}
    stances = []
    for item in draw(st.lists(drawn_statement(), max_size=8)):
        key = (item.holder, _begins(item.since))
        if key not in taken:
            taken.add(key)
            stances.append(item)
    position = _position(
        *stances,
        date=date,
        since=top_since,
        until=top_until,
        stance=draw(st.sampled_from(list(Stance))),
    )
    top = _statement(
        OWN,
        top_since or date,
        top_until,
        stance=position.stance,
        summary=position.summary,
        sources=position.sources,
    )
    return Drawn(position, [top, *position.stances])


days = st.integers(-20, SPAN + 70).map(lambda n: START + datetime.timedelta(days=n))


@settings(max_examples=400)
@given(drawn_position(), st.sampled_from(HOLDERS), days)
def test_in_force_is_the_rule(drawn: Drawn, holder: str, day: datetime.date) -> None:
    expected = oracle(drawn.everything, holder, day)
    found = in_force(statements(drawn.position, OWN), holder, day.isoformat())
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.holder, found.since, found.until, found.stance) == (
            expected.holder,
            expected.since,
            expected.until,
            expected.stance,
        )


@settings(max_examples=400)
@given(drawn_position(), st.sampled_from(HOLDERS), days)
def test_the_view_shows_the_statement_in_force(
    drawn: Drawn, holder: str, day: datetime.date
) -> None:
    position = drawn.position
    expected = oracle(drawn.everything, holder, day)
    seen = view(position, holder, day.isoformat(), OWN)
    # what the decision is never changes, whoever's stance is shown
    assert (seen.id, seen.title, seen.actor, seen.decision, seen.topics) == (
        position.id,
        position.title,
        position.actor,
        position.decision,
        position.topics,
    )
    assert seen.relations == position.relations
    # nothing of the file is lost: every statement is on top or among the view's stances
    every = statements(position, OWN)
    on_top = (
        []
        if seen.stance is None
        else [s for s in every if (s.holder, s.since) == (seen.holder, seen.since)]
    )
    assert len(on_top) == (0 if seen.stance is None else 1)
    assert sorted(map(repr, [*on_top, *seen.stances])) == sorted(map(repr, every))
    if expected is None:
        assert (seen.holder, seen.stance, seen.goal_shared, seen.means_differ) == (
            holder,
            None,
            None,
            None,
        )
        assert (seen.summary, seen.sources, seen.updated, seen.since, seen.until) == (
            None,
            (),
            None,
            None,
            None,
        )
    elif expected is drawn.everything[0]:
        # the file's own statement: the record as read, with whose it is and from when
        assert seen == replace(position, holder=holder, since=since_of(position))
    else:
        assert (seen.holder, seen.shown) == (holder, expected.index)
        assert (seen.stance, seen.goal_shared, seen.means_differ) == (
            expected.stance,
            expected.goal_shared,
            expected.means_differ,
        )
        assert (seen.since, seen.until, seen.sources, seen.summary, seen.updated) == (
            expected.since,
            expected.until,
            expected.sources,
            expected.summary,
            expected.updated,
        )


@given(drawn_position(), st.sampled_from(HOLDERS), days)
def test_a_view_seen_again_is_the_same_view(drawn: Drawn, holder: str, day: datetime.date) -> None:
    seen = view(drawn.position, holder, day.isoformat(), OWN)
    assert view(seen, holder, day.isoformat(), OWN) is seen


@given(st.lists(drawn_statement(), max_size=10))
def test_ordered_is_by_first_day_then_holder(found: list[Statement]) -> None:
    result = ordered(found)
    assert sorted(result, key=id) == sorted(found, key=id)
    keys = [(_begins(s.since), s.holder) for s in result]
    assert keys == sorted(keys)


# --- examples --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day"),
    [("2018-05-08", "2018-05-08"), ("2018-05", "2018-05-01"), ("2018", "2018-01-01")],
)
def test_a_partial_date_begins_on_its_first_day(written: str, day: str) -> None:
    assert first_day(written) == day


def test_the_top_level_statement_holds_from_the_decision_date_unless_since_says() -> None:
    assert since_of(_position(date="2018-05")) == "2018-05"
    assert since_of(_position(date="2018-05", since="2018-04-20")) == "2018-04-20"


def test_the_top_level_fields_are_the_own_holders_statement() -> None:
    position = _position(since="2019-01-10", until="2019-06-01")
    own = own_statement(position, "DE")
    assert (own.holder, own.stance, own.since, own.until, own.index) == (
        "DE",
        Stance.CRITICAL,
        "2019-01-10",
        "2019-06-01",
        None,
    )
    assert (own.summary, own.sources, own.updated) == (
        position.summary,
        position.sources,
        position.updated,
    )


def test_a_statement_holds_from_since_up_to_the_day_before_until() -> None:
    statement = _statement("EU", "2019-03-01", "2019-04-01")
    assert [holds_on(statement, d) for d in ("2019-02-28", "2019-03-01", "2019-03-31")] == [
        False,
        True,
        True,
    ]
    assert not holds_on(statement, "2019-04-01")


def test_a_partial_since_holds_from_its_first_day() -> None:
    statement = _statement(OWN, "2019-03")
    assert not holds_on(statement, "2019-02-28")
    assert holds_on(statement, "2019-03-01")


def test_until_ends_only_its_own_statement() -> None:
    older = _statement("EU", "2019-01-01", stance=Stance.CRITICAL)
    newer = _statement("EU", "2019-03-01", "2019-04-01", stance=Stance.SUPPORTS)
    assert in_force([older, newer], "EU", "2019-02-01") is older
    assert in_force([older, newer], "EU", "2019-03-15") is newer
    assert in_force([older, newer], "EU", "2019-04-01") is older  # holds again
    assert in_force([older, newer], "US", "2019-03-15") is None


def test_a_statement_before_the_decision_holds_before_it() -> None:
    announced = _statement("EU", "2018-11-01", stance=Stance.CONCERNED)
    position = _position(announced, date="2019-01-02")
    assert view(position, "EU", "2018-12-01", OWN).stance is Stance.CONCERNED
    assert view(position, OWN, "2018-12-01", OWN).stance is None  # not yet stated


def test_the_own_holders_change_of_stance_replaces_the_top_level_one_from_its_day() -> None:
    changed = _statement(OWN, "2019-06-01", stance=Stance.OPPOSES)
    position = _position(changed)
    assert view(position, OWN, "2019-05-31", OWN) == replace(
        position, holder=OWN, since="2019-01-02"
    )
    later = view(position, OWN, "2019-06-01", OWN)
    assert (later.holder, later.stance, later.since, later.until) == (
        OWN,
        Stance.OPPOSES,
        "2019-06-01",
        None,
    )
    assert later.sources == changed.sources


def test_a_register_whose_own_holder_is_not_nl_reads_the_top_level_as_its_own() -> None:
    position = _position(_statement(OWN, "2019-06-01", stance=Stance.OPPOSES))
    # with DE as the own holder, the NL item is another holder's statement
    assert view(position, "DE", "2019-07-01", "DE") == replace(
        position, holder="DE", since="2019-01-02"
    )
    assert view(position, OWN, "2019-07-01", "DE").stance is Stance.OPPOSES
    assert view(position, OWN, "2019-05-01", "DE").stance is None


def test_holders_of_puts_the_own_holder_first_then_by_first_appearance() -> None:
    first = _position(_statement("US", "2019-02-01"), _statement("EU", "2019-02-01"))
    second = _position(_statement("DE", "2019-02-01"), _statement("US", "2019-03-01"))
    assert holders_of([first, second], OWN) == ["NL", "US", "EU", "DE"]
    assert holders_of([], "DE") == ["DE"]


def test_the_view_of_the_top_level_statement_is_the_record_with_holder_and_since() -> None:
    """The common view is built field by field, for speed: it must equal `replace`'s."""
    from posities.core.register import load

    from ..conftest import BUNDLED

    for folder in (BUNDLED, BUNDLED.parent / "examples" / "holders" / "positions"):
        for position in load(folder, use_cache=False).positions:
            seen = view(position, "NL", "2030-01-01", "NL")
            assert seen == replace(position, holder="NL", since=since_of(position))
