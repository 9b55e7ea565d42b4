"""Words users type, in Dutch or English."""

from __future__ import annotations

import pytest

from posities.model.records import Stance
from posities.model.words import parse_stance


@pytest.mark.parametrize(
    ("word", "stance"),
    [
        ("kritisch", Stance.CRITICAL),
        ("Wijst af", Stance.OPPOSES),
        ("wijst-af", Stance.OPPOSES),
        ("steunt", Stance.SUPPORTS),
        ("CRITICAL", Stance.CRITICAL),
    ],
)
def test_stances_in_dutch_or_english(word: str, stance: Stance) -> None:
    assert parse_stance(word) is stance
