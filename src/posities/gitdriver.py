"""posities as git's external diff driver for position files, so `git diff` and `git log -p`
show stance changes field by field.

`install` adds one line to the repository's `.gitattributes` and sets `diff.posities.command` in
its local config; `uninstall` takes both away. The driver follows git's external diff protocol
(seven arguments: path, old file, old hex, old mode, new file, new hex, new mode; nine after a
rename) and always exits 0, as git expects of a driver that found differences.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from .atomic import replace_text
from .changes import compare
from .errors import Problem, visible
from .gitrepo import GitError, Repo, open_repo
from .labels import Lang
from .model import Position
from .register import MAX_BYTES, position_in

DRIVER = "posities"
ATTRIBUTES = ".gitattributes"


def _quote(pattern: str) -> str:
    """A gitattributes pattern, C-quoted when it holds characters that would split it."""
    if not any(c in pattern for c in ' \t"\\') and not pattern.startswith("#"):
        return pattern
    escaped = pattern.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


def attributes_line(repo: Repo) -> str:
    """The `.gitattributes` line that sends the register's files to the driver."""
    return f"{_quote(repo.prefix() + '*.yaml')} diff={DRIVER}"


def add_attributes(repo: Repo) -> bool:
    """Add the driver's line to the repository's `.gitattributes` unless it has it; whether
    it was added. The line is shared by committing the file; the config is not."""
    attributes = repo.top / ATTRIBUTES
    line = attributes_line(repo)
    text = _read(attributes)
    if line in text.splitlines():
        return False
    separator = "" if not text or text.endswith("\n") else "\n"
    replace_text(attributes, [text + separator + line + "\n"])
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
    """Remove the `.gitattributes` line and the config section; what was done, as sentences."""
    done = []
    attributes = repo.top / ATTRIBUTES
    line = attributes_line(repo)
    text = _read(attributes)
    lines = text.splitlines(keepends=True)
    kept = [item for item in lines if item.rstrip("\r\n") != line]
    if len(kept) != len(lines):
        if any(item.strip() for item in kept):
            replace_text(attributes, kept)
        else:
            attributes.unlink()
        done.append(f"removed from {ATTRIBUTES}: {line}")
    try:
        repo.git("config", "--local", "--remove-section", f"diff.{DRIVER}")
        done.append(f"removed git config section diff.{DRIVER}")
    except GitError:
        pass  # there was none
    return done or ["nothing to remove: the driver was not installed"]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _position(data: bytes, label: str) -> tuple[Position | None, list[Problem]]:
    return position_in(data, Path(label).name.removesuffix(".yaml"), label)


def _bytes(name: str) -> bytes | None:
    if name == os.devnull:
        return None
    with open(name, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def driver_text(path: str, old_file: str, new_file: str, lang: Lang = Lang.EN) -> str:
    """What the driver prints for one file: the field changes, or a line diff when a side is
    not a valid position (so nothing is ever hidden)."""
    from .render_history import change_texts

    shown_path = visible(path)
    head = f"posities diff a/{shown_path} b/{shown_path}\n"
    try:
        old_data, new_data = _bytes(old_file), _bytes(new_file)
    except OSError as error:
        return head + f"cannot read {visible(error.filename or '')}: {error.strerror}\n"
    old, old_problems = (
        _position(old_data, f"a/{shown_path}") if old_data is not None else (None, [])
    )
    new, new_problems = (
        _position(new_data, f"b/{shown_path}") if new_data is not None else (None, [])
    )
    problems = old_problems + new_problems
    if problems:
        notes = "".join(f"  ! {p}\n" for p in problems)
        before = (old_data or b"").decode("utf-8", "replace").splitlines(keepends=True)
        after = (new_data or b"").decode("utf-8", "replace").splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{shown_path}", f"b/{shown_path}")
        body = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        return head + notes + visible_lines(body)
    if old is None and new is not None:
        return head + f"+ {new.id}: new position ({new.stance.value})\n"
    if new is None and old is not None:
        return head + f"- {old.id}: position removed\n"
    if old is None or new is None:
        return head
    changes = compare(old, new)
    if not changes:
        return head + "  no change in content (layout or comments only)\n"
    out = head + f"~ {new.id}\n"
    for change in changes:
        label, was, now = change_texts(change, lang)
        out += f"    {label}: {' '.join(was.split())} → {' '.join(now.split())}\n"
    return out


def visible_lines(text: str) -> str:
    """Text with every line made safe for a terminal."""
    return "".join(visible(line) + "\n" for line in text.splitlines())


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
