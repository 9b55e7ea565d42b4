"""The timeline as a plain function: every decision, milestone and dated statement in time
order, ties broken by kind, holder and id; a period, a holder and chosen ids narrow it, and
what cannot be meant (an unknown id, an undeclared holder, an empty period) is refused."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posities.core.query import Filter
from posities.core.statements import first_day
from posities.core.timeline import Event, Kind, Scope, decisions_shown, timeline
from posities.errors import UsageError
from posities.model.holders import Holders
from posities.model.records import (
    Decision,
    Localized,
    Milestone,
    Position,
    Relation,
    Source,
    Stance,
    Statement,
)

from ..conftest import position_record

SOURCE = Source("Een brief", "kamerbrief", "Wij vinden er iets van.", "2017-06-02")
HOLDERS = Holders(
    "NL",
    {
        "NL": Localized("Nederland", "the Netherlands"),
        "EU": Localized("Europese Unie", "European Union"),
        "US": Localized("Verenigde Staten", "United States"),
    },
    declared=True,
)


def statement(holder: str, stance: Stance, since: str, **fields: Any) -> Statement:
    """A `stances:` item of `holder`, goal and means not stated unless given."""
    values: dict[str, Any] = {
        "goal_shared": None,
        "means_differ": None,
        "until": None,
        "summary": None,
        "sources": (SOURCE,),
        "updated": since,
        "index": 0,
    }
    return Statement(holder, stance, since=since, **{**values, **fields})


PARIS = position_record(
    SOURCE,
    id="paris-agreement",
    title=Localized("Terugtrekking uit het klimaatakkoord", "Withdrawal from the climate deal"),
    decision=Decision(
        "2017-06-01",
        Localized("De VS trekken zich terug.", "The US withdraws."),
        (Milestone("2020-11-04", Localized("Het gaat in.", "It takes effect.")),),
    ),
    goal_shared=True,
    means_differ=True,
    topics=("climate",),
    stances=(
        statement("NL", Stance.CONCERNED, "2017-03-01", until="2017-06-01", index=0),
        statement("EU", Stance.OPPOSES, "2017-06-01", goal_shared=True, index=1),
    ),
)
RETURN = position_record(
    SOURCE,
    id="paris-return",
    title=Localized("Terugkeer naar het klimaatakkoord", "Return to the climate deal"),
    decision=Decision("2021-01-20", Localized("De VS keren terug.", "The US returns.")),
    stance=Stance.SUPPORTS,
    topics=("climate",),
    stances=(statement("US", Stance.SUPPORTS, "2021-01-20"),),
    relations=(Relation("reverses", "paris-agreement"),),
)
TARIFFS = position_record(SOURCE, id="tariffs", decision=Decision("2018-03", Localized("", "")))
REGISTER = [RETURN, TARIFFS, PARIS]


def brief(found: list[Event]) -> list[tuple[str, str, str, str | None, str | None]]:
    """Each event as (date, kind, id, holder, stance)."""
    return [(e.date, e.kind.value, e.id, e.holder, e.stance and e.stance.value) for e in found]


def test_every_event_in_time_order() -> None:
    assert brief(timeline(REGISTER, HOLDERS, Scope())) == [
        ("2017-03-01", "statement", "paris-agreement", "NL", "concerned"),
        ("2017-06-01", "decision", "paris-agreement", None, None),
        ("2017-06-01", "statement", "paris-agreement", "EU", "opposes"),
        ("2017-06-01", "ends", "paris-agreement", "NL", "concerned"),
        ("2017-06-01", "statement", "paris-agreement", "NL", "critical"),
        ("2018-03", "decision", "tariffs", None, None),
        ("2018-03", "statement", "tariffs", "NL", "critical"),
        ("2020-11-04", "milestone", "paris-agreement", None, None),
        ("2021-01-20", "decision", "paris-return", None, None),
        ("2021-01-20", "statement", "paris-return", "NL", "supports"),
        ("2021-01-20", "statement", "paris-return", "US", "supports"),
    ]


def test_a_decision_event_carries_its_text_and_relations_and_a_statement_its_stance() -> None:
    found = timeline([RETURN, PARIS], HOLDERS, Scope(("paris-return",)))
    decision, own, other = found
    assert decision == Event(
        "2021-01-20",
        Kind.DECISION,
        "paris-return",
        RETURN.title,
        text=RETURN.decision.description,
        relations=(Relation("reverses", "paris-agreement"),),
    )
    assert (own.holder, own.stance, own.text, own.relations) == (
        "NL",
        Stance.SUPPORTS,
        RETURN.summary,
        (),
    )
    assert (other.holder, other.goal_shared, other.text) == ("US", None, None)


def test_the_top_level_statement_holds_from_its_since_and_ends_on_its_until() -> None:
    dated = position_record(SOURCE, since="2018-12-01", until="2019-03-01")
    assert brief(timeline([dated], HOLDERS, Scope())) == [
        ("2018-12-01", "statement", "a-decision", "NL", "critical"),
        ("2019-01-02", "decision", "a-decision", None, None),
        ("2019-03-01", "ends", "a-decision", "NL", "critical"),
    ]


def test_ties_are_decision_milestone_statement_then_holder_then_id() -> None:
    day = "2020-05-05"
    description = Localized("", "")
    first = position_record(
        SOURCE,
        id="b-first",
        decision=Decision(day, description, (Milestone(day, description),)),
        stances=(statement("EU", Stance.NEUTRAL, day),),
    )
    second = position_record(
        SOURCE,
        id="a-second",
        decision=Decision("2020-01-01", description, (Milestone(day, description),)),
        stances=(statement("EU", Stance.NEUTRAL, day), statement("DE", Stance.NEUTRAL, day)),
    )
    found = timeline([first, second], Holders(), Scope(start=day))
    assert [(e.kind.value, e.holder, e.id) for e in found] == [
        ("decision", None, "b-first"),
        ("milestone", None, "a-second"),
        ("milestone", None, "b-first"),
        ("statement", "DE", "a-second"),
        ("statement", "EU", "a-second"),
        ("statement", "EU", "b-first"),
        ("statement", "NL", "b-first"),
    ]


def test_holder_keeps_only_its_statements_and_every_decision_and_milestone() -> None:
    found = timeline(REGISTER, HOLDERS, Scope(where=Filter(holder="EU")))
    assert brief(found) == [
        ("2017-06-01", "decision", "paris-agreement", None, None),
        ("2017-06-01", "statement", "paris-agreement", "EU", "opposes"),
        ("2018-03", "decision", "tariffs", None, None),
        ("2020-11-04", "milestone", "paris-agreement", None, None),
        ("2021-01-20", "decision", "paris-return", None, None),
    ]


def test_from_and_to_include_their_days_and_a_partial_date_counts_from_its_first() -> None:
    found = timeline(REGISTER, HOLDERS, Scope(start="2017-06-01", end="2020-11-04"))
    assert [e.date for e in found] == ["2017-06-01"] * 4 + ["2018-03", "2018-03", "2020-11-04"]
    assert [e.id for e in timeline(REGISTER, HOLDERS, Scope(start="2018-03-01"))][:2] == [
        "tariffs",
        "tariffs",
    ]
    assert "tariffs" not in {e.id for e in timeline(REGISTER, HOLDERS, Scope(start="2018-03-02"))}
    assert "tariffs" not in {e.id for e in timeline(REGISTER, HOLDERS, Scope(end="2018-02-28"))}


def test_named_ids_and_the_filter_choose_decisions() -> None:
    named = timeline(REGISTER, HOLDERS, Scope(("paris-return", "tariffs", "tariffs")))
    assert {e.id for e in named} == {"paris-return", "tariffs"}
    climate = timeline(REGISTER, HOLDERS, Scope(where=Filter(topics=frozenset({"climate"}))))
    assert decisions_shown(climate) == 2
    agreeing = timeline(REGISTER, HOLDERS, Scope(where=Filter(agree=True)))
    assert {e.id for e in agreeing} == {"paris-return"}
    # the filter looks at the holder's statement in force on its day
    eu_before = Filter(holder="EU", stances=frozenset({Stance.OPPOSES}), on="2017-05-31")
    assert timeline(REGISTER, HOLDERS, Scope(where=eu_before)) == []
    eu_after = Filter(holder="EU", stances=frozenset({Stance.OPPOSES}), on="2017-06-01")
    assert decisions_shown(timeline(REGISTER, HOLDERS, Scope(where=eu_after))) == 1


def test_an_unknown_id_suggests_close_ones() -> None:
    with pytest.raises(UsageError) as error:
        timeline(REGISTER, HOLDERS, Scope(("paris-agreemnt",)))
    assert str(error.value) == (
        "no position with id 'paris-agreemnt'; did you mean paris-agreement, paris-return? "
        "(`posities list` shows all ids)"
    )


def test_an_undeclared_holder_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        timeline(REGISTER, HOLDERS, Scope(where=Filter(holder="EUR")))
    assert str(error.value) == (
        "holder 'EUR' is not declared in posities.toml; did you mean EU? Declared: NL, EU, US"
    )


def test_a_period_that_ends_before_it_begins_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        timeline(REGISTER, HOLDERS, Scope(start="2021-01-01", end="2020-12-31"))
    assert str(error.value) == (
        "--from 2021-01-01 is after --to 2020-12-31: no day lies between them"
    )


def test_an_empty_register_has_no_events() -> None:
    assert timeline([], Holders(), Scope()) == []


# --- properties ------------------------------------------------------------------------------

days = st.dates().map(lambda d: d.isoformat())
dates = st.one_of(days, days.map(lambda d: d[:7]), days.map(lambda d: d[:4]))


@st.composite
def positions(draw: st.DrawFn) -> list[Position]:
    """Positions with random decision and milestone dates and random dated statements."""
    found = []
    for number in range(draw(st.integers(0, 4))):
        decision = Decision(
            draw(dates),
            Localized("", ""),
            tuple(Milestone(d, Localized("", "")) for d in draw(st.lists(dates, max_size=2))),
        )
        items = []
        for index, since in enumerate(draw(st.lists(days, max_size=3))):
            holder = draw(st.sampled_from(["EU", "DE", "US"]))
            until = draw(st.one_of(st.none(), days.filter(lambda d, s=since: d > s)))
            items.append(statement(holder, Stance.NEUTRAL, since, until=until, index=index))
        found.append(
            position_record(SOURCE, id=f"p{number}", decision=decision, stances=tuple(items))
        )
    return found


@given(positions(), st.one_of(st.none(), days), st.one_of(st.none(), days))
def test_events_are_in_day_order_and_each_is_in_the_period(
    register: list[Position], start: str | None, end: str | None
) -> None:
    if start and end and start > end:
        start, end = end, start
    found = timeline(register, Holders(), Scope(start=start, end=end))
    found_days = [first_day(e.date) for e in found]
    assert found_days == sorted(found_days)
    assert all((start or "") <= day <= (end or "9999-12-31") for day in found_days)
    if start is None and end is None:
        expected = sum(
            2 + len(p.decision.milestones) + sum(2 if s.until else 1 for s in p.stances)
            for p in register
        )
        assert len(found) == expected
