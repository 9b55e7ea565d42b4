"""The core of `set`, called without the command line: what it was given becomes the file's
values, `updated` becomes today with a stance, and asking for what is there changes nothing;
any value is reported on one printable line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from posities.core import editing
from posities.core.editing import claims_stated, set_given, topics_given
from posities.core.query import Tri
from posities.core.validate import unsafe_character
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


YAML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
SET_PATHS = [
    ("stance",),
    ("goal_shared",),
    ("means_differ",),
    ("actor",),
    ("topics",),
    ("title", "en"),
    ("decision", "date"),
    ("updated",),
]


@given(path=st.sampled_from(SET_PATHS), value=YAML_VALUES)
@example(path=("stance",), value="\x85")
@example(path=("actor",), value="a\u2028b\x1b[31m")
@example(path=("topics",), value=["a\nb", "c"])
def test_any_value_is_reported_on_one_printable_line(path: tuple[str, ...], value: Any) -> None:
    shown = editing.shown_value(path, value)
    assert len(shown.splitlines()) == 1
    assert unsafe_character(shown) is None
