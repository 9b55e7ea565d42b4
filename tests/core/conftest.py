"""The `register` fixture: one position whose quote is in texts/letter.txt, with the
helpers that write such positions and check them."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.checks import check
from posities.core.register import load

from ..conftest import minimal, write

LETTER = "Wij vinden er\niets van, zei de minis-\nter. Het kabinet steunt de VS.\n"


def with_text(text_path: str, quote: str = "Wij vinden er iets van,") -> str:
    return minimal().replace(
        "    quote: Wij vinden er iets van.", f"    text: {text_path}\n    quote: {quote}"
    )


@pytest.fixture
def register(empty_register: Path) -> Path:
    """A register with one position whose quote is in texts/letter.txt."""
    (empty_register / "texts").mkdir()
    write(empty_register, "texts/letter.txt", LETTER)
    write(empty_register, "a-decision.yaml", with_text("texts/letter.txt"))
    return empty_register


def messages(folder: Path) -> list[str]:
    return [str(p) for p in check(load(folder))]
