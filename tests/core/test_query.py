"""Filters and ordering as plain functions, with property tests over random registers; yes/no
words and the goal shared x means differ quadrants."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posities.core.query import Filter, SortKey, Tri, parse_tri, quadrants, select
from posities.core.register import load
from posities.model.records import DISAGREE, Position, Stance, Statement

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


# --- whose stance, in force when ------------------------------------------------------------


def _said(holder: str, stance: Stance, since: str, until: str | None = None) -> Statement:
    return Statement(
        holder=holder,
        stance=stance,
        goal_shared=None,
        means_differ=None,
        since=since,
        until=until,
        summary=None,
        sources=BASE.sources,
        updated="2020-01-01",
    )


EU_LATER = replace(
    BASE,
    id="eu-later",
    decision=replace(BASE.decision, date="2019-01-02"),
    stances=(
        replace(_said("EU", Stance.SUPPORTS, "2019-03-01", "2019-06-01"), index=0),
        replace(_said("NL", Stance.OPPOSES, "2019-05-01"), index=1),
    ),
)


def test_seen_shows_the_own_holder_today_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from posities.model import dates

    monkeypatch.setattr(dates, "today", lambda: "2019-04-01")
    (seen,) = Filter().seen([EU_LATER], "NL")
    assert seen == replace(EU_LATER, holder="NL", since="2019-01-02")  # the top-level one
    monkeypatch.setattr(dates, "today", lambda: "2019-05-01")
    (seen,) = Filter().seen([EU_LATER], "NL")
    assert (seen.holder, seen.stance, seen.since) == ("NL", Stance.OPPOSES, "2019-05-01")


@pytest.mark.parametrize(
    ("holder", "on", "stance"),
    [
        ("EU", "2019-02-28", None),
        ("EU", "2019-03-01", Stance.SUPPORTS),
        ("EU", "2019-06-01", None),
        ("NL", "2019-01-01", None),
        ("NL", "2019-01-02", BASE.stance),
        ("NL", "2019-05-01", Stance.OPPOSES),
        ("US", "2019-05-01", None),
    ],
)
def test_seen_shows_the_holders_statement_in_force_on_the_day(
    holder: str, on: str, stance: Stance | None
) -> None:
    (seen,) = Filter(holder=holder, on=on).seen([EU_LATER], "NL")
    assert seen.stance is stance


def test_the_own_holder_is_the_registers(monkeypatch: pytest.MonkeyPatch) -> None:
    # in a register whose own holder is EU, the top-level stance is the EU's
    (seen,) = Filter(on="2019-02-01").seen([EU_LATER], "EU")
    assert seen == replace(EU_LATER, holder="EU", since="2019-01-02")
    (seen,) = Filter(holder="NL", on="2019-02-01").seen([EU_LATER], "EU")
    assert seen.stance is None


def test_filters_apply_to_the_statement_shown() -> None:
    where = Filter(holder="EU", on="2019-04-01", agree=True)
    assert [p.id for p in select([EU_LATER, BASE], where)] == ["eu-later"]
    assert select([EU_LATER, BASE], replace(where, on="2019-07-01")) == []
    unknown = Filter(holder="EU", goal_shared=Tri.UNKNOWN)
    assert {p.id for p in select([EU_LATER, BASE], unknown)} == {"eu-later", BASE.id}
    assert select([EU_LATER, BASE], Filter(holder="EU", disagree=True)) == []


def test_a_search_finds_only_what_the_statement_shown_says() -> None:
    words = "forse meningsverschillen"  # in a quote of each statement of EU_LATER
    assert len(select([EU_LATER], Filter(on="2019-02-01", search=words))) == 1
    assert len(select([EU_LATER], Filter(holder="EU", on="2019-04-01", search=words))) == 1
    assert select([EU_LATER], Filter(holder="EU", on="2019-01-01", search=words)) == []


def test_not_stated_sorts_after_every_stance() -> None:
    other = replace(EU_LATER, id="other", stances=())
    kept = select([other, EU_LATER], Filter(holder="EU", on="2019-04-01"), SortKey.STANCE)
    assert [(p.id, p.stance) for p in kept] == [("eu-later", Stance.SUPPORTS), ("other", None)]


def test_describe_names_holder_and_day_last() -> None:
    where = Filter(disagree=True, holder="EU", on="2019-05-01")
    assert where.describe() == ["--disagree", "--holder EU", "--on 2019-05-01"]


@given(positions, st.sampled_from(["NL", "EU"]), st.sampled_from(["2017-01-01", "2018-06-01"]))
def test_select_keeps_the_views_the_filter_allows(
    items: list[Position], holder: str, on: str
) -> None:
    from posities.core.statements import view

    where = Filter(holder=holder, on=on, disagree=True)
    kept = select(items, where, SortKey.ID)
    views = [view(p, holder, on, "NL") for p in sorted(items, key=lambda p: p.id)]
    assert kept == [v for v in views if v.stance in DISAGREE]
