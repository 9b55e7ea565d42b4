"""The register as a command shows it: as it is now, or as it stood at a revision or on a
date, with the commit it stood at. What is worth a warning is handed to `warn` as it is met,
before any error, so that nothing is missed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from posities.core.register import Register, load
from posities.errors import InvalidRegister

if TYPE_CHECKING:
    from posities.git.state import RegisterState

Warn = Callable[[str], None]
"""Where a warning goes: one line, without a line end."""


def read_now(root: Path, warn: Warn) -> Register:
    """The register at `root`, each file in its folder that is not read warned of; an error
    when a file is invalid, so that no partial result is shown."""
    register = load(root)
    for warning in register.warnings:
        warn(f"warning: {warning.path} is {warning.message}")
    if not register.valid:
        raise InvalidRegister(register.problems)
    return register


def read_at(
    root: Path, at: str | None, warn: Warn, only: str | None = None
) -> tuple[Register, RegisterState | None]:
    """The register at `root` now (with no state: the working tree's is asked for when a memo
    needs it), or as it stood at revision or date `at`, with that commit as its state. At a
    revision, `only` (one position's id) is shown despite problems in other files, each
    warned of."""
    if at is None:
        return read_now(root, warn), None
    from posities.core.history import Reader, register_then
    from posities.git.repo import open_repo
    from posities.git.state import RegisterState

    repo = open_repo(root)
    commit = repo.point(at)
    register = register_then(Reader(repo), commit, only)
    for problem in register.problems:
        warn(f"warning: {problem} (another file; {only} is shown)")
    return register, RegisterState(register.fingerprint, commit.sha, commit.day)
