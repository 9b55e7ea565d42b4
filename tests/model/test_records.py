"""Records from data: the stances form read as the same record as the inline form."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from posities.model.records import file_field, from_dict, inline, own_item, to_dict

from ..conftest import minimal, own_statement_item

TAIL = "holder: NL\ntopics: [trade]\nstances:\n" + own_statement_item()


def stances_form(ident: str = "a-decision") -> str:
    """`minimal(ident)` in the stances form, as `posities migrate` writes it."""
    return minimal(ident).split("stance: critical\n")[0] + TAIL


def statement(holder: str, since: str, stance: str = "critical", **more: Any) -> dict[str, Any]:
    """A `stances:` item as a file holds it."""
    return {
        "holder": holder,
        "stance": stance,
        "goal_shared": None,
        "means_differ": None,
        "since": since,
        **more,
        "sources": [{"title": "T", "kind": "k", "date": None, "quote": f"{holder} {since}"}],
        "updated": "2020-01-01",
    }


SUMMARY = {"nl": "Kritisch.", "en": "Critical."}
INLINE: dict[str, Any] = {
    "id": "a-decision",
    "title": {"nl": "Een besluit", "en": "A decision"},
    "actor": "US",
    "decision": {"date": "2019-01-02", "description": {"nl": "B.", "en": "D."}},
    "stance": "opposes",
    "goal_shared": True,
    "means_differ": None,
    "since": "2019-03-01",
    "until": "2030-01-01",
    "summary": SUMMARY,
    "topics": ["trade"],
    "sources": [{"title": "T", "kind": "k", "date": None, "supports": ["stance"], "quote": "Q"}],
    "updated": "2020-01-01",
    "stances": [statement("EU", "2019-02-01"), statement("NL", "2018-12-01")],
    "relations": [{"type": "related", "id": "other"}],
}


def in_stances(data: dict[str, Any], at: int) -> dict[str, Any]:
    """`data` in the stances form, its own statement at index `at` of `stances:`."""
    fields = ("stance", "goal_shared", "means_differ", "since", "until", "summary", "sources")
    own = {"holder": "NL", "since": data["decision"]["date"]}
    own |= {key: data[key] for key in (*fields, "updated") if key in data}
    items = list(data.get("stances", []))
    items.insert(at, own)
    out = {key: value for key, value in data.items() if key not in (*fields, "updated")}
    return {**out, "holder": "NL", "stances": items}


@pytest.mark.parametrize("at", [0, 1, 2])
def test_the_stances_form_reads_as_the_inline_form(at: int) -> None:
    stances = in_stances(INLINE, at)
    assert own_item(stances) == at
    assert to_dict(from_dict(stances)) == to_dict(from_dict(INLINE))
    assert from_dict(stances).stances == from_dict(INLINE).stances


def test_the_own_statement_is_the_latest_of_its_holder() -> None:
    stances = in_stances(INLINE, 0)
    assert own_item(stances) == 0  # NL from 2019-03-01, not NL from 2018-12-01 (index 2)
    stances["stances"].append(statement("NL", "2024-05-06", "supports", summary=SUMMARY))
    position = from_dict(stances)
    assert (position.stance, position.since) == ("supports", "2024-05-06")
    assert [s.since for s in position.stances] == ["2019-03-01", "2019-02-01", "2018-12-01"]


def test_inline_leaves_a_file_without_the_mark_as_it_is() -> None:
    assert inline(INLINE) is INLINE
    no_own = {**in_stances(INLINE, 0), "holder": "DE"}
    assert own_item(no_own) is None
    assert inline(no_own) is no_own


def test_a_since_on_the_decision_s_first_day_is_the_default() -> None:
    for date, since in [
        ("2019-01-02", "2019-01-02"),
        ("2019-01", "2019-01-01"),
        ("2019", "2019-01-01"),
    ]:
        data = copy.deepcopy(INLINE)
        data["decision"]["date"] = date
        data["since"] = since
        assert from_dict(data).since is None
        assert "since" not in to_dict(from_dict(data))
    assert from_dict(INLINE).since == "2019-03-01"


def test_a_record_s_fields_are_found_in_either_form() -> None:
    stances = in_stances(INLINE, 1)
    assert file_field(stances, ("sources", 0, "quote")) == ("stances", 1, "sources", 0, "quote")
    assert file_field(stances, ("updated",)) == ("stances", 1, "updated")
    assert file_field(stances, ("stances", 0, "holder")) == ("stances", 0, "holder")
    assert file_field(stances, ("stances", 1, "since")) == ("stances", 2, "since")
    assert file_field(stances, ("topics", 0)) == ("topics", 0)
    assert file_field(stances, ()) == ()
    assert file_field(INLINE, ("updated",)) == ("updated",)
    assert file_field(["not", "a", "mapping"], ("updated",)) == ("updated",)


@pytest.mark.parametrize(
    "data",
    [
        {"holder": "NL", "stances": "none"},
        {"holder": 5, "stances": []},
        {"holder": "NL", "stances": [1, {"holder": "NL"}, {"holder": "NL", "since": 2019}]},
    ],
)
def test_own_item_is_safe_on_data_not_yet_validated(data: dict[str, Any]) -> None:
    assert own_item(data) is None
