"""Reading the register as a command shows it, without the command line: now or at a
revision, each warning handed on before any error."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.register import read_at, read_now
from posities.errors import InvalidRegister

from .. import demo
from ..conftest import minimal, write


def test_a_file_not_read_is_warned_of(bundled: Path) -> None:
    write(bundled, "notes.md", "# notes\n")
    warned: list[str] = []
    register = read_now(bundled, warned.append)
    assert len(register.positions) == 5
    assert warned == ["warning: positions/notes.md is not read: position files end in .yaml"]


def test_an_invalid_register_is_refused_after_its_warnings(bundled: Path) -> None:
    write(bundled, "notes.md", "# notes\n")
    write(bundled, "a-decision.yaml", minimal(stance="maybe"))
    warned: list[str] = []
    with pytest.raises(InvalidRegister):
        read_now(bundled, warned.append)
    assert warned == ["warning: positions/notes.md is not read: position files end in .yaml"]


def test_now_has_no_state_of_its_own(bundled: Path) -> None:
    register, state = read_at(bundled, None, print)
    assert (len(register.positions), state) == (5, None)


def test_at_a_date_the_register_is_as_committed_then(tmp_path: Path) -> None:
    root = demo.build(tmp_path / "history")
    register, state = read_at(root, "2026-11-20", print)
    jcpoa = next(p for p in register.positions if p.id == "jcpoa")
    assert "multilateralism" not in jcpoa.topics
    assert state is not None
    assert state.date == "2026-11-20"


def test_at_a_revision_one_position_is_shown_beside_an_invalid_one(tmp_path: Path) -> None:
    root = demo.build(tmp_path / "history")
    write(root, "jcpoa.yaml", "id: jcpoa\n")
    demo.run_git(tmp_path / "history", "commit", "-qam", "Break jcpoa")
    warned: list[str] = []
    register, _ = read_at(root, "HEAD", warned.append, only="paris-agreement")
    assert "paris-agreement" in [p.id for p in register.positions]
    assert warned
    assert all(w.startswith("warning: ") for w in warned)
    assert all(w.endswith("(another file; paris-agreement is shown)") for w in warned)
    assert ":positions/jcpoa.yaml:1:1: missing key 'title'" in warned[0]
