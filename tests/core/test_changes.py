"""Comparing two versions of a position field by field: every source detail counts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from posities.core.changes import SOURCE_KEYS, Change, by_id, compare, diff
from posities.core.register import load
from posities.model.records import Position, Source

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
