"""The core of `set`, called without the command line: what it was given becomes the file's
values, `updated` becomes today with a stance, and asking for what is there changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.editing import claims_stated, set_given, topics_given
from posities.core.query import Tri
from posities.errors import UsageError
from posities.model.dates import today
from posities.model.records import Stance


def test_nothing_given_is_a_usage_error(bundled: Path) -> None:
    with pytest.raises(UsageError, match="nothing to change"):
        set_given(bundled, "jcpoa", {("stance",): None, ("topics",): None}, None)


def test_what_the_file_holds_already_changes_nothing(bundled: Path) -> None:
    before = (bundled / "jcpoa.yaml").read_bytes()
    lines = set_given(bundled, "jcpoa", {("stance",): Stance.CRITICAL}, None)
    assert lines == ["jcpoa: nothing changed; the file is as it was"]
    assert (bundled / "jcpoa.yaml").read_bytes() == before


def test_a_new_stance_is_assessed_today(bundled: Path) -> None:
    given = {("stance",): Stance.OPPOSES, ("means_differ",): None, ("topics",): "iran, , x"}
    assert set_given(bundled, "jcpoa", given, None) == [
        "wrote positions/jcpoa.yaml",
        "  stance: critical → opposes",
        "  topics: iran, non-proliferation, middle-east, multilateralism → iran, x",
        f"  updated: 2026-11-27 → {today()}",
    ]


def test_a_date_given_for_updated_is_kept(bundled: Path) -> None:
    lines = set_given(bundled, "jcpoa", {("stance",): Stance.OPPOSES}, "2026-11-28")
    assert lines[1:] == ["  stance: critical → opposes", "  updated: 2026-11-27 → 2026-11-28"]


def test_only_the_claims_given_are_stated() -> None:
    assert claims_stated(Tri.UNKNOWN, None) == {("goal_shared",): None}
    assert claims_stated(None, Tri.YES) == {("means_differ",): True}
    assert claims_stated(None, None) == {}


def test_topics_are_a_comma_separated_list() -> None:
    assert topics_given(" iran ,, trade,") == ["iran", "trade"]
    assert topics_given("") == []
