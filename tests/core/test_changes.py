"""Comparing two versions of a position field by field: every source detail counts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from posities.core.changes import SOURCE_KEYS, Change, by_id, compare, diff
from posities.core.query import Filter
from posities.core.register import load
from posities.core.statements import own_statement
from posities.model.records import Position, Relation, Source, Stance, Statement, statement_dict

from ..conftest import minimal, position_record, write

SOURCE = Source(
    title="Een brief",
    kind="kamerbrief",
    quote="Wij zijn kritisch.",
    date="2019-02-03",
    text="texts/brief.txt",
    url="https://example.org/brief",
    supports=("stance",),
)
POSITION = position_record(SOURCE)
CHANGED = {
    "title": "Een andere brief",
    "kind": "verslag",
    "date": None,
    "text": "texts/ander.txt",
    "url": None,
    "supports": ("stance", "summary"),
}


def data(value: object) -> object:
    """A value as the records compared hold it (lists, not tuples)."""
    return list(value) if isinstance(value, tuple) else value


def with_source(**details: object) -> Position:
    return dataclasses.replace(POSITION, sources=(dataclasses.replace(SOURCE, **details),))


def test_every_source_detail_is_covered() -> None:
    assert set(CHANGED) == set(SOURCE_KEYS)


@pytest.mark.parametrize("key", SOURCE_KEYS)
def test_a_changed_source_detail_is_a_change(key: str) -> None:
    changes = compare(POSITION, with_source(**{key: CHANGED[key]}))
    assert changes == (Change(f"sources.{key}", data(getattr(SOURCE, key)), data(CHANGED[key])),)


def test_an_unchanged_position_has_no_changes() -> None:
    assert compare(POSITION, dataclasses.replace(POSITION)) == ()


def test_a_new_quote_is_a_source_added_and_the_old_one_removed() -> None:
    changes = compare(POSITION, with_source(quote="Wij zijn het eens."))
    assert changes == (
        Change("sources", "Wij zijn kritisch.", None),
        Change("sources", None, "Wij zijn het eens."),
    )


def test_compare_names_each_changed_field_with_old_and_new(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    old = load(empty_register).positions[0]
    write(empty_register, "a-decision.yaml", minimal(stance="opposes", topics="trade, iran"))
    new = load(empty_register).positions[0]
    assert compare(old, new) == (
        Change("stance", "critical", "opposes"),
        Change("topics", ["trade"], ["trade", "iran"]),
    )


def test_quotes_added_and_removed_are_source_changes(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    old = load(empty_register).positions[0]
    write(
        empty_register,
        "a-decision.yaml",
        minimal().replace("Wij vinden er iets", "Wij vinden er niets"),
    )
    new = load(empty_register).positions[0]
    assert compare(old, new) == (
        Change("sources", "Wij vinden er iets van.", None),
        Change("sources", None, "Wij vinden er niets van."),
    )


def test_a_position_is_keyed_by_id_wherever_its_file_is(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    old = load(empty_register).positions[0]
    write(empty_register, "a-decision.yaml", minimal(stance="supports"))
    new = load(empty_register).positions[0]
    result = diff({"a-decision": old}, {"a-decision": new})
    assert (result.added, result.removed) == ((), ())
    assert [c.id for c in result.changed] == ["a-decision"]
    assert not diff(by_id([old]), by_id([old]))


# --- statements: known by holder and since ----------------------------------------------------

EU_SOURCE = Source("Raadsconclusies", "verslag", "De EU is kritisch.", "2019-03-01")


def statement(
    holder: str = "EU", since: str = "2019-03-01", index: int | None = 0, **fields: object
) -> Statement:
    """A statement of `holder` from `since` (a `stances:` item at `index`; None: top level)."""
    defaults: dict[str, object] = {
        "stance": Stance.CRITICAL,
        "goal_shared": True,
        "means_differ": None,
        "until": None,
        "summary": None,
        "sources": (EU_SOURCE,),
        "updated": "2019-03-02",
    }
    return Statement(holder=holder, since=since, index=index, **{**defaults, **fields})


def with_stances(*stances: Statement, **fields: object) -> Position:
    """POSITION with these `stances:` items (numbered in order) and `fields` changed."""
    numbered = tuple(dataclasses.replace(s, index=i) for i, s in enumerate(stances))
    return dataclasses.replace(POSITION, stances=numbered, **fields)


def test_a_new_statement_is_one_change_with_its_holder_and_since() -> None:
    eu = statement()
    assert compare(POSITION, with_stances(eu)) == (
        Change("statement", None, statement_dict(eu), "EU", "2019-03-01"),
    )
    assert compare(with_stances(eu), POSITION) == (
        Change("statement", statement_dict(eu), None, "EU", "2019-03-01"),
    )


def test_a_statement_s_fields_are_compared_one_by_one() -> None:
    old = with_stances(statement())
    new = with_stances(
        statement(
            stance=Stance.OPPOSES,
            until="2020-01-01",
            sources=(dataclasses.replace(EU_SOURCE, url="https://example.org/eu"),),
            updated="2020-01-02",
        )
    )
    mark = ("EU", "2019-03-01")
    assert compare(old, new) == (
        Change("statement.stance", "critical", "opposes", *mark),
        Change("statement.until", None, "2020-01-01", *mark),
        Change("statement.sources.url", None, "https://example.org/eu", *mark),
        Change("statement.updated", "2019-03-02", "2020-01-02", *mark),
    )
    quoted = with_stances(statement(sources=(dataclasses.replace(EU_SOURCE, quote="Nee."),)))
    assert compare(old, quoted) == (
        Change("statement.sources", "De EU is kritisch.", None, *mark),
        Change("statement.sources", None, "Nee.", *mark),
    )


def test_a_holder_s_one_statement_that_moved_in_time_is_re_dated() -> None:
    old = with_stances(statement(), statement("US", "2019-01-05"))
    new = with_stances(statement(since="2019-02-20"), statement("US", "2019-01-05"))
    assert compare(old, new) == (
        Change("statement.since", "2019-03-01", "2019-02-20", "EU", "2019-02-20"),
    )


def test_two_statements_of_a_holder_that_moved_are_removed_and_added() -> None:
    old = with_stances(statement(), statement(since="2019-06-01", stance=Stance.OPPOSES))
    new = with_stances(statement(since="2019-02-01"), statement(since="2019-07-01"))
    assert [(c.field, c.since, c.old is None) for c in compare(old, new)] == [
        ("statement", "2019-02-01", True),
        ("statement", "2019-03-01", False),
        ("statement", "2019-06-01", False),
        ("statement", "2019-07-01", True),
    ]


def test_a_top_level_change_keeps_its_field_name_and_in_a_dated_file_names_its_statement() -> None:
    old = with_stances(statement())
    new = with_stances(statement(), stance=Stance.OPPOSES)
    assert compare(old, new) == (Change("stance", "critical", "opposes", "NL", "2019-01-02"),)
    assert compare(old, new, own="DE") == (
        Change("stance", "critical", "opposes", "DE", "2019-01-02"),
    )
    assert compare(POSITION, dataclasses.replace(POSITION, stance=Stance.OPPOSES)) == (
        Change("stance", "critical", "opposes"),
    )


def test_a_back_dated_top_level_statement_is_a_change_of_since() -> None:
    new = dataclasses.replace(POSITION, since="2018-11-01", goal_shared=True)
    assert compare(POSITION, new) == (
        Change("goal_shared", None, True, "NL", "2018-11-01"),
        Change("since", "2019-01-02", "2018-11-01", "NL", "2018-11-01"),
    )
    ended = dataclasses.replace(POSITION, until="2021-01-20")
    assert compare(POSITION, ended) == (Change("until", None, "2021-01-20", "NL", "2019-01-02"),)


def test_a_since_that_only_names_the_decision_date_is_no_change() -> None:
    assert compare(POSITION, dataclasses.replace(POSITION, since="2019-01-02")) == ()


def test_a_new_decision_date_does_not_re_date_a_file_without_since() -> None:
    new = dataclasses.replace(
        POSITION, decision=dataclasses.replace(POSITION.decision, date="2019-01-05")
    )
    assert compare(POSITION, new) == (Change("decision.date", "2019-01-02", "2019-01-05"),)


def test_a_change_of_position_recorded_with_its_date_is_a_new_statement() -> None:
    """The top-level statement moved into `stances:` with an end, a new one on top."""
    old = POSITION
    earlier = statement("NL", "2019-01-02", stance=Stance.CRITICAL, goal_shared=None)
    earlier = dataclasses.replace(earlier, summary=POSITION.summary, sources=POSITION.sources)
    earlier = dataclasses.replace(earlier, updated=POSITION.updated, until="2021-01-20")
    new = with_stances(earlier, stance=Stance.SUPPORTS, since="2021-01-20", updated="2021-01-21")
    top = own_statement(new, "NL")
    assert compare(old, new) == (
        Change("statement.until", None, "2021-01-20", "NL", "2019-01-02"),
        Change("statement", None, statement_dict(top), "NL", "2021-01-20"),
    )


def test_relations_added_and_removed() -> None:
    old = dataclasses.replace(POSITION, relations=(Relation("related", "b-decision"),))
    new = dataclasses.replace(POSITION, relations=(Relation("reverses", "c-decision"),))
    assert compare(old, new) == (
        Change("relations", {"type": "related", "id": "b-decision"}, None),
        Change("relations", None, {"type": "reverses", "id": "c-decision"}),
    )


@pytest.mark.parametrize(
    ("change", "holder"),
    [
        (Change("stance", "critical", "opposes"), "NL"),
        (Change("sources.url", None, "https://example.org"), "NL"),
        (Change("since", "2019-01-02", "2018-11-01", "NL", "2018-11-01"), "NL"),
        (Change("statement.stance", "critical", "opposes", "EU", "2019-03-01"), "EU"),
        (Change("title", "A", "B"), None),
        (Change("relations", None, {"type": "related", "id": "b"}), None),
    ],
)
def test_a_change_knows_whose_statement_it_is_of(change: Change, holder: str | None) -> None:
    assert change.holder_in("NL") == holder


def test_a_holder_filter_keeps_that_holder_s_changes_only() -> None:
    old = with_stances(statement())
    title = dataclasses.replace(POSITION.title, en="Another")
    new = with_stances(statement(stance=Stance.OPPOSES), stance=Stance.OPPOSES, title=title)
    other = dataclasses.replace(POSITION, id="b-decision")
    eu_too = dataclasses.replace(with_stances(statement()), id="c-decision")
    before, after = by_id([old]), by_id([new, other, eu_too])
    everything = diff(before, after)
    assert [c.field for c in everything.changed[0].changes] == [
        "title",
        "stance",
        "statement.stance",
    ]
    eu = diff(before, after, Filter(holder="EU", on="2019-06-01"))
    assert [c.field for c in eu.changed[0].changes] == ["statement.stance"]
    assert [(p.id, p.holder, p.stance) for p in eu.added] == [("c-decision", "EU", Stance.CRITICAL)]
    nl = diff(before, after, Filter(holder="NL"))
    assert [c.field for c in nl.changed[0].changes] == ["stance"]
    assert [p.id for p in nl.added] == ["b-decision", "c-decision"]


def test_a_filter_with_a_holder_looks_at_that_holder_s_stance() -> None:
    old = with_stances(statement(stance=Stance.SUPPORTS))
    new = with_stances(statement(stance=Stance.SUPPORTS, updated="2020-01-01"))
    agreeing = Filter(agree=True, holder="EU")
    assert [c.id for c in diff(by_id([old]), by_id([new]), agreeing).changed] == ["a-decision"]
    assert not diff(by_id([old]), by_id([new]), Filter(agree=True))
    assert not diff(by_id([old]), by_id([new]), Filter(agree=True, holder="EU", on="2019-02-01"))
