"""Which state of the register a memo shows: the git commit it is at, or a digest of its files."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 20.0


@dataclass(frozen=True)
class RegisterState:
    """The commit a register is at (if it is in git), whether it has edits, and its digest."""

    fingerprint: str
    commit: str | None = None
    date: str | None = None
    dirty: bool = False


def _git(root: Path, *args: str) -> str | None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_OPTIONAL_LOCKS"] = "0"
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def register_state(root: Path, fingerprint: str) -> RegisterState:
    """The state of the register at `root`, from git when it is in a repository."""
    head = _git(root, "log", "-1", "--format=%H%x00%cs", "HEAD", "--")
    if not head or "\0" not in head:
        return RegisterState(fingerprint)
    commit, date = head.strip().split("\0", 1)
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    return RegisterState(fingerprint, commit, date, dirty=bool(status))
