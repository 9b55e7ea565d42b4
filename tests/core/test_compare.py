"""The comparison of holders as a plain function: which holders are the columns and in what
order, each cell the statement in force on the day, and the filter judged on one holder."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posities.core.compare import Comparison, columns, compare
from posities.core.query import Filter, Tri
from posities.core.statements import in_force, statements
from posities.errors import UsageError
from posities.model.holders import Holders
from posities.model.records import Decision, Localized, Position, Source, Stance, Statement

from ..conftest import position_record

SOURCE = Source("Een brief", "kamerbrief", "Wij vinden er iets van.")
HOLDERS = Holders(
    "NL",
    {
        "NL": Localized("Nederland", "Netherlands"),
        "US": Localized("Verenigde Staten", "United States"),
        "EU": Localized("Europese Unie", "European Union"),
        "DE": Localized("Duitsland", "Germany"),
    },
    declared=True,
)


def said(holder: str, stance: Stance, since: str, **fields: Any) -> Statement:
    """A statement of `holder` from `since`, goal and means not stated unless given."""
    values: dict[str, Any] = {
        "holder": holder,
        "stance": stance,
        "goal_shared": None,
        "means_differ": None,
        "since": since,
        "until": None,
        "summary": None,
        "sources": (SOURCE,),
        "updated": since,
        "index": 0,
    }
    return Statement(**{**values, **fields})


def decided(ident: str, date: str, *stances: Statement, **fields: Any) -> Position:
    """A position `ident` decided on `date`, with `stances` numbered in their order."""
    numbered = tuple(replace(s, index=i) for i, s in enumerate(stances))
    decision = Decision(date, Localized("Besloten.", "Decided."))
    return position_record(SOURCE, id=ident, decision=decision, stances=numbered, **fields)


TARIFFS = decided(
    "tariffs",
    "2018-03-08",
    said("NL", Stance.CONCERNED, "2018-03-08"),
    said("EU", Stance.OPPOSES, "2018-06-01", until="2020-01-01", means_differ=True),
    said("US", Stance.SUPPORTS, "2018-03-08", goal_shared=True),
    stance=Stance.CRITICAL,
    since="2018-06-01",
)
PARIS = decided(
    "paris", "2017-06-01", said("EU", Stance.CRITICAL, "2017-06-01"), stance=Stance.CRITICAL
)
RETURN = decided("paris-return", "2021-01-20", stance=Stance.SUPPORTS, goal_shared=True)
REGISTER = [RETURN, TARIFFS, PARIS]


def cells(comparison: Comparison) -> dict[str, list[str | None]]:
    """Each row's stances, by id, in column order (None: not stated)."""
    return {
        row.position.id: [None if v.stance is None else v.stance.value for v in row.views]
        for row in comparison.rows
    }


# --- the columns ------------------------------------------------------------------------------


def test_the_columns_are_the_holders_with_a_statement_own_first_then_as_declared() -> None:
    # EU appears before US in the file, but posities.toml lists US first; DE says nothing
    assert columns(REGISTER, HOLDERS) == ["NL", "US", "EU"]


def test_without_declared_holders_the_columns_follow_the_files() -> None:
    assert columns(REGISTER, Holders()) == ["NL", "EU", "US"]


def test_the_columns_are_those_of_the_positions_given() -> None:
    assert columns([PARIS], HOLDERS) == ["NL", "EU"]
    assert columns([], HOLDERS) == ["NL"]


def test_holders_given_are_the_columns_in_their_order_each_once() -> None:
    assert columns(REGISTER, HOLDERS, ["eu", "DE", "nl", "EU"]) == ["EU", "DE", "NL"]


def test_an_undeclared_holder_given_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as raised:
        columns(REGISTER, HOLDERS, ["NL", "euu"])
    assert str(raised.value) == (
        "holder 'EUU' is not declared in posities.toml; did you mean EU? Declared: NL, US, EU, DE"
    )


def test_any_holder_may_be_given_where_none_are_declared() -> None:
    assert columns(REGISTER, Holders(), ["FR"]) == ["FR"]


# --- the cells --------------------------------------------------------------------------------


def test_rows_by_decision_date_each_cell_the_statement_in_force() -> None:
    comparison = compare(REGISTER, HOLDERS, Filter(), "2018-07-01")
    assert comparison.holders == ("NL", "US", "EU")
    assert comparison.day == "2018-07-01"
    assert cells(comparison) == {
        "paris": ["critical", None, "critical"],
        "tariffs": ["critical", "supports", "opposes"],
        "paris-return": [None, None, None],
    }


def test_a_change_of_stance_shows_on_either_side_of_its_day() -> None:
    before = compare([TARIFFS], HOLDERS, Filter(), "2018-05-31")
    after = compare([TARIFFS], HOLDERS, Filter(), "2018-06-01")
    ended = compare([TARIFFS], HOLDERS, Filter(), "2020-01-01")
    assert cells(before) == {"tariffs": ["concerned", "supports", None]}
    assert cells(after) == {"tariffs": ["critical", "supports", "opposes"]}
    assert cells(ended) == {"tariffs": ["critical", "supports", None]}


def test_a_cell_is_that_holders_view_with_its_goal_and_means() -> None:
    row = compare([TARIFFS], HOLDERS, Filter(), "2019-01-01").rows[0]
    assert row.position is TARIFFS
    nl, us, eu = row.views
    assert (nl.holder, nl.since, nl.until) == ("NL", "2018-06-01", None)
    assert (us.holder, us.goal_shared, us.means_differ) == ("US", True, None)
    assert (eu.holder, eu.since, eu.until, eu.means_differ) == (
        "EU",
        "2018-06-01",
        "2020-01-01",
        True,
    )


def test_a_holder_with_nothing_in_force_is_not_stated_with_no_sources() -> None:
    view = compare([PARIS], HOLDERS, Filter(), "2018-01-01", ["DE"]).rows[0].views[0]
    assert (view.holder, view.stance, view.sources, view.summary) == ("DE", None, (), None)


def test_the_views_shown_are_every_cell_row_by_row() -> None:
    comparison = compare(REGISTER, HOLDERS, Filter(), "2019-01-01", ["EU", "NL"])
    assert [(v.id, v.holder) for v in comparison.shown()] == [
        ("paris", "EU"),
        ("paris", "NL"),
        ("tariffs", "EU"),
        ("tariffs", "NL"),
        ("paris-return", "EU"),
        ("paris-return", "NL"),
    ]


# --- the filter -------------------------------------------------------------------------------


def test_the_filter_judges_the_own_holders_stance_on_the_day() -> None:
    # on 2018-04-01 NL was concerned about the tariffs, from 2018-06-01 critical
    # (the columns are the holders with a statement in the positions kept: no US)
    assert cells(compare(REGISTER, HOLDERS, Filter(disagree=True), "2018-04-01")) == {
        "paris": ["critical", "critical"]
    }
    assert list(cells(compare(REGISTER, HOLDERS, Filter(disagree=True), "2018-07-01"))) == [
        "paris",
        "tariffs",
    ]


def test_the_filter_judges_the_own_holder_when_it_is_not_a_column() -> None:
    kept = compare(REGISTER, HOLDERS, Filter(agree=True), "2022-01-01", ["US"])
    assert cells(kept) == {"paris-return": [None]}


def test_a_filter_with_a_holder_judges_that_holder() -> None:
    where = Filter(stances=frozenset({Stance.OPPOSES}), holder="EU")
    assert cells(compare(REGISTER, HOLDERS, where, "2019-01-01")) == {
        "tariffs": ["critical", "supports", "opposes"]
    }


def test_goal_and_means_filters_never_take_not_stated_for_no() -> None:
    where = Filter(goal_shared=Tri.NO)
    assert cells(compare(REGISTER, HOLDERS, where, "2022-01-01")) == {}
    where = Filter(goal_shared=Tri.UNKNOWN)
    assert list(cells(compare(REGISTER, HOLDERS, where, "2022-01-01"))) == ["paris", "tariffs"]


# --- property: each cell is the rule's statement in force --------------------------------------

DAYS = ["2017-01-01", "2018-01-01", "2018-06-01", "2019-01-01", "2020-06-30"]
statement = st.builds(
    lambda holder, stance, since, until: said(holder, stance, since, until=until),
    st.sampled_from(["NL", "EU", "US"]),
    st.sampled_from(list(Stance)),
    st.sampled_from(DAYS[:-1]),
    st.none() | st.sampled_from(DAYS[1:]),
).filter(lambda s: s.until is None or s.until > s.since)


@given(st.lists(statement, max_size=6), st.sampled_from(DAYS), st.sampled_from(list(Stance)))
def test_every_cell_is_the_statement_the_rule_puts_in_force(
    stances: list[Statement], day: str, own: Stance
) -> None:
    position = decided("p", "2018-01-01", *stances, stance=own)
    comparison = compare([position], Holders(), Filter(), day, ["NL", "EU", "US", "DE"])
    for code, view in zip(comparison.holders, comparison.rows[0].views, strict=True):
        found = in_force(statements(position, "NL"), code, day)
        assert view.stance == (None if found is None else found.stance)
        assert view.sources == (() if found is None else found.sources)
