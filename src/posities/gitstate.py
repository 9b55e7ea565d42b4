"""Which state of the register a memo shows: the git commit it is at, or a digest of its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RegisterState:
    """The commit a register is at (if it is in git), whether it has edits, and its digest."""

    fingerprint: str
    commit: str | None = None
    date: str | None = None
    dirty: bool = False


def _git(root: Path, *args: str) -> str | None:
    from .gitrepo import GitError, run_git

    try:
        return run_git(root, list(args)).decode("utf-8", "replace")
    except GitError:
        return None  # not in git, or git unusable: the state is the files' digest


def register_state(root: Path, fingerprint: str) -> RegisterState:
    """The state of the register at `root`, from git when it is in a repository."""
    head = _git(root, "log", "-1", "--format=%H%x00%cs", "HEAD", "--")
    if not head or "\0" not in head:
        return RegisterState(fingerprint)
    commit, date = head.strip().split("\0", 1)
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    return RegisterState(fingerprint, commit, date, dirty=bool(status))
