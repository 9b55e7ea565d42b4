"""Filters and ordering as plain functions, with property tests over random registers; yes/no
words and the goal shared x means differ quadrants."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posities.core.query import Filter, SortKey, Tri, parse_tri, quadrants, select
from posities.core.register import load
from posities.model.records import DISAGREE, Position, Stance

from ..conftest import BUNDLED

BASE = load(BUNDLED, use_cache=False).positions[0]
tri = st.sampled_from([True, False, None])
positions = st.lists(
    st.builds(
        lambda i, stance, goal, means, topics, date: replace(
            BASE,
            id=f"p{i}",
            stance=stance,
            goal_shared=goal,
            means_differ=means,
            topics=tuple(topics),
            decision=replace(BASE.decision, date=date),
        ),
        st.integers(0, 10**6),
        st.sampled_from(list(Stance)),
        tri,
        tri,
        st.lists(st.sampled_from(["trade", "iran", "climate"]), max_size=2, unique=True),
        st.sampled_from(["2017", "2017-06", "2017-06-01", "2018-01-01"]),
    ),
    max_size=12,
    unique_by=lambda p: p.id,
)
filters = st.builds(
    Filter,
    disagree=st.booleans(),
    stances=st.frozensets(st.sampled_from(list(Stance)), max_size=2),
    goal_shared=st.none() | st.sampled_from(list(Tri)),
    means_differ=st.none() | st.sampled_from(list(Tri)),
    topics=st.frozensets(st.sampled_from(["trade", "iran", "nothing"]), max_size=2),
)


@given(positions, filters)
def test_select_keeps_exactly_what_the_filter_allows(items: list[Position], where: Filter) -> None:
    kept = select(items, where)
    assert {p.id for p in kept} == {p.id for p in items if where.keeps(p)}
    for position in kept:
        if where.disagree:
            assert position.stance in DISAGREE
        if where.goal_shared is Tri.NO:
            assert position.goal_shared is False  # unknown is never "no"
        if where.topics:
            assert where.topics & set(position.topics)


@given(positions)
def test_sorting_orders_by_date_then_id_and_reverse_reverses(items: list[Position]) -> None:
    by_date = select(items, Filter(), SortKey.DATE)
    keys = [(p.decision.date, p.id) for p in by_date]
    assert keys == sorted(keys)
    assert select(items, Filter(), SortKey.DATE, reverse=True) == by_date[::-1]
    assert [p.id for p in select(items, Filter(), SortKey.ID)] == sorted(p.id for p in items)


def test_empty_filter_keeps_all_and_describes_nothing() -> None:
    assert Filter().describe() == []
    assert len(select(load(BUNDLED, use_cache=False).positions, Filter())) == 5


def test_describe_names_the_options() -> None:
    where = Filter(disagree=True, goal_shared=Tri.UNKNOWN, topics=frozenset({"iran"}), search="x")
    assert where.describe() == [
        "--disagree",
        "--goal-shared unknown",
        "--topic iran",
        '--search "x"',
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [("ja", Tri.YES), ("Nee", Tri.NO), ("niet vermeld", Tri.UNKNOWN), ("not-stated", Tri.UNKNOWN)],
)
def test_yes_no_unknown_in_dutch_or_english(word: str, value: Tri) -> None:
    assert parse_tri(word) is value


# --- the goal shared x means differ quadrants -------------------------------------------------


def test_every_cell_exists_and_unknown_is_never_no() -> None:
    cells = quadrants(load(BUNDLED, use_cache=False).positions)
    assert len(cells) == 9
    assert [p.id for p in cells[(True, True)]] == ["jcpoa", "human-rights-council"]
    assert [p.id for p in cells[(None, None)]] == [
        "paris-agreement",
        "jerusalem-embassy",
        "steel-aluminium-tariffs",
    ]
    assert cells[(False, False)] == cells[(True, False)] == []
