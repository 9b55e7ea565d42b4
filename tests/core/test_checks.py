"""The core of `check`, called without the command line: one call checks a register folder
as of today, its summary worded and its verdict decided."""

from __future__ import annotations

from pathlib import Path

from posities.core.checks import check_folder

from ..conftest import minimal, write


def test_a_clean_register_passes(bundled: Path) -> None:
    found = check_folder(bundled, None, strict=False)
    assert (found.reported, found.summary, found.failed) == (
        [],
        ["5 positions checked: no problems."],
        False,
    )


def test_warnings_pass_unless_strict(bundled: Path) -> None:
    write(bundled, "a-decision.yaml", minimal())
    found = check_folder(bundled, None, strict=False)
    assert [p.severity for p in found.reported] == ["warning"]
    assert found.summary[0] == "1 warning: 1 quote with no local text to check against."
    assert not found.failed
    strict = check_folder(bundled, None, strict=True)
    assert [p.severity for p in strict.reported] == ["error"]
    assert strict.summary == ["1 problem in 1 file."]
    assert strict.failed


def test_problems_are_in_file_order(bundled: Path) -> None:
    write(bundled, "b-decision.yaml", minimal("b-decision", stance="maybe"))
    write(bundled, "a-decision.yaml", minimal(stance="maybe"))
    found = check_folder(bundled, None, strict=False)
    paths = [p.path for p in found.reported if p.severity == "error"]
    assert paths == ["positions/a-decision.yaml", "positions/b-decision.yaml"]
    assert found.failed
