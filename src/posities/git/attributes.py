"""Setting posities up as git's diff driver for position files: `install` adds one line to
the repository's `.gitattributes` and sets `diff.posities.command` in
its local config; `uninstall` takes both away. What the driver shows is `render.driver`'s.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from posities.errors import visible
from posities.git.repo import GitError, Repo, open_repo
from posities.io.atomic import replace_text

DRIVER = "posities"
ATTRIBUTES = ".gitattributes"
SYMLINK = "120000"
BINARY_PROBE = 8000
"""How far into a file git looks for a NUL byte to call it binary; the driver does the same."""


GLOB = "[]*?\\"
"""Characters a gitattributes pattern reads as a wildcard or an escape; a backslash makes
them literal."""


def _quote(pattern: str, always: bool = False) -> str:
    """A gitattributes pattern, C-quoted when it holds characters that would split it."""
    if not always and not any(c in pattern for c in ' \t\n\r"') and not pattern.startswith("#"):
        return pattern
    escaped = pattern.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _literal(folder: str) -> str:
    """A folder name as a gitattributes pattern that matches that name only: wildcards and
    backslashes escaped, and a leading `!` (which would make a negative pattern)."""
    escaped = "".join("\\" + c if c in GLOB else c for c in folder)
    return "\\" + escaped if escaped.startswith("!") else escaped


def attributes_line(repo: Repo) -> str:
    """The `.gitattributes` line that sends the register's files to the driver."""
    return f"{_quote(_literal(repo.prefix()) + '*.yaml')} diff={DRIVER}"


def _old_lines(repo: Repo) -> set[str]:
    """The driver's line as it is written now and as earlier versions wrote it, unescaped."""
    old = repo.prefix() + "*.yaml"
    backslash = "\\" in old  # earlier versions quoted a pattern that held one
    return {attributes_line(repo), f"{_quote(old, always=backslash)} diff={DRIVER}"}


def add_attributes(repo: Repo) -> bool:
    """Add the driver's line to the repository's `.gitattributes` unless it has it; whether
    it was added. The line is shared by committing the file; the config is not. The file's
    own line endings are kept."""
    attributes = repo.top / ATTRIBUTES
    line = attributes_line(repo)
    text = _read(attributes)
    if line in (item.rstrip("\r\n") for item in git_lines(text)):
        return False
    end = "\r\n" if "\r\n" in text else "\n"
    separator = "" if not text or text.endswith("\n") else end
    replace_text(attributes, [text + separator + line + end])
    return True


def repository_of(folder: Path) -> Repo | None:
    """The git repository `folder` is in, or None when it is in none (no `.git` above it, the
    way git looks); git is run only when there is one."""
    here = folder.resolve()
    if not any((parent / ".git").exists() for parent in (here, *here.parents)):
        return None
    return open_repo(folder)


def install(repo: Repo, command: str) -> list[str]:
    """Register the driver for the register's files; what was done, as sentences."""
    done = []
    line = attributes_line(repo)
    if add_attributes(repo):
        done.append(f"added to {ATTRIBUTES}: {line}")
    else:
        done.append(f"{ATTRIBUTES} already has: {line}")
    repo.git("config", "--local", f"diff.{DRIVER}.command", command)
    done.append(f"set git config diff.{DRIVER}.command = {command}")
    return done


def uninstall(repo: Repo) -> list[str]:
    """Remove what `install` added, and nothing else: the `.gitattributes` line (the rest of
    the file kept byte for byte) and the config key; what was done, as sentences."""
    done = _remove_line(repo) + _remove_config(repo)
    return done or ["nothing to remove: the driver was not installed"]


def _remove_line(repo: Repo) -> list[str]:
    attributes = repo.top / ATTRIBUTES
    lines = git_lines(_read(attributes))
    ours = _old_lines(repo)
    kept = [item for item in lines if item.rstrip("\r\n") not in ours]
    if len(kept) == len(lines):
        return []
    removed = [
        f"removed from {ATTRIBUTES}: {visible(item.rstrip())}" for item in lines if item not in kept
    ]
    if any(item.strip() for item in kept):
        replace_text(attributes, kept)
        return removed
    attributes.unlink()
    return [
        *removed,
        f"deleted {ATTRIBUTES}: that line was all it held (commit its removal to share it)",
    ]


def _remove_config(repo: Repo) -> list[str]:
    done = []
    key = f"diff.{DRIVER}.command"
    try:
        repo.git("config", "--local", "--unset-all", key)
        done.append(f"removed git config {key}")
    except GitError:
        pass  # it was not set
    try:
        others = repo.git("config", "--local", "--name-only", "--get-regexp", rf"^diff\.{DRIVER}\.")
    except GitError:
        others = b""  # no key left in the section
    if others.strip():
        names = ", ".join(visible(n) for n in others.decode("utf-8", "replace").split())
        done.append(f"kept git config section diff.{DRIVER}: it holds settings of yours ({names})")
        return done
    with contextlib.suppress(GitError):  # when there is no section left to remove
        repo.git("config", "--local", "--remove-section", f"diff.{DRIVER}")
    return done


def git_lines(text: str) -> list[str]:
    """`text` split after each newline, as git reads `.gitattributes`; each keeps its end."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _read(path: Path) -> str:
    """A text file as it is, line endings untouched; empty when it does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GitError(
            f"{visible(str(path))} is not UTF-8 text (byte {error.start + 1}), so it is left "
            "alone; edit it by hand"
        ) from None


def default_command() -> str:
    """How git should call the driver from any shell or git GUI, whatever PATH holds: this very
    Python by its absolute path, quoted for the shell git runs it with. `-P` keeps a
    `posities` folder in the repository from standing in for the package."""
    import shlex
    import sys

    if not sys.executable:
        raise GitError(
            "cannot tell which Python runs posities, so git cannot be told how to call it; "
            "run posities git install with the python of its environment: python -m posities"
        )
    return f"{shlex.quote(os.path.abspath(sys.executable))} -P -m posities git diff-driver"
