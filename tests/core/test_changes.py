"""Comparing two versions of a position field by field: every source detail counts."""

from __future__ import annotations

import dataclasses

import pytest

from posities.core.changes import SOURCE_KEYS, Change, compare
from posities.model.records import Decision, Localized, Position, Source, Stance

SOURCE = Source(
    title="Een brief",
    kind="kamerbrief",
    quote="Wij zijn kritisch.",
    date="2019-02-03",
    text="texts/brief.txt",
    url="https://example.org/brief",
    supports=("stance",),
)
POSITION = Position(
    id="a-decision",
    title=Localized("Een besluit", "A decision"),
    actor="US",
    decision=Decision("2019-01-02", Localized("Besloten.", "Decided.")),
    stance=Stance.CRITICAL,
    goal_shared=None,
    means_differ=None,
    summary=Localized("Kritisch.", "Critical."),
    topics=("trade",),
    sources=(SOURCE,),
    updated="2020-01-01",
)
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
