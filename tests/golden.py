"""Golden files: expected output kept under tests/assets, rewritten with UPDATE_GOLDEN=1."""

from __future__ import annotations

import os

from .conftest import ASSETS


def assert_golden(name: str, actual: str) -> None:
    """`actual` must equal the stored file `name`; set UPDATE_GOLDEN=1 to store it instead."""
    path = ASSETS / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")
