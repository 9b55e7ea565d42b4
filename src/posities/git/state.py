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
    unborn: bool = False
    """In a git repository that has no commit yet."""


def _git(root: Path, *args: str) -> str | None:
    from posities.git.repo import GitError, run_git

    try:
        return run_git(root, list(args)).decode("utf-8", "replace")
    except GitError:
        return None  # not in git, or git unusable: the state is the files' digest


def register_state(root: Path, fingerprint: str) -> RegisterState:
    """The state of the register at `root`, from git when it is in a repository; edits count
    that git ignores too (an ignored position file is read all the same)."""
    head = _git(root, "log", "-1", "--format=%H%x00%cs", "HEAD", "--")
    if not head or "\0" not in head:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        return RegisterState(_with_texts(root, fingerprint), unborn=bool(inside))
    commit, date = head.strip().split("\0", 1)
    status = _git(
        root, "status", "--porcelain", "-z", "--untracked-files=all", "--ignored", "--", "."
    )
    changed = [entry[3:] for entry in (status or "").split("\0") if entry]
    ignored = {entry[3:] for entry in (status or "").split("\0") if entry.startswith("!! ")}
    dirty = any(name not in ignored or _read(name) for name in changed)
    return RegisterState(fingerprint, commit, date, dirty=dirty)


def _read(name: str) -> bool:
    """Whether an ignored file is one the register reads: a position file or a source text."""
    return name.endswith(".yaml") or "/texts/" in f"/{name}"


def _with_texts(root: Path, fingerprint: str) -> str:
    """The register's digest with its source texts' bytes in it: outside git, a memo's state
    names the texts its quotes were checked against too."""
    from hashlib import blake2b

    texts = root / "texts"
    hashed = blake2b(fingerprint.encode(), digest_size=6)
    try:
        files = sorted(p for p in texts.rglob("*") if p.is_file() and not p.is_symlink())
    except OSError:
        files = []
    for path in files:
        try:
            hashed.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
            info = path.stat()
            if info.st_size <= 32 * 2**20:  # what a source text may be at most
                hashed.update(path.read_bytes())
            else:
                hashed.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
        except OSError:
            continue
    return hashed.hexdigest() if files else fingerprint
