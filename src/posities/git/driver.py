"""posities as git's external diff driver for position files, so `git diff` and `git log -p`
show stance changes field by field.

`install` adds one line to the repository's `.gitattributes` and sets `diff.posities.command` in
its local config; `uninstall` takes both away. The driver follows git's external diff protocol
(seven arguments: path, old file, old hex, old mode, new file, new hex, new mode; nine after a
rename) and always exits 0, as git expects of a driver that found differences.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from posities.core.changes import compare
from posities.core.register import MAX_BYTES, position_in
from posities.errors import Problem, visible
from posities.git.repo import GitError, Repo, open_repo
from posities.io.atomic import replace_text
from posities.model.records import Position
from posities.model.words import Lang

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
    if line in (item.rstrip("\r\n") for item in _lines(text)):
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
    lines = _lines(_read(attributes))
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


def _lines(text: str) -> list[str]:
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


@dataclass(frozen=True)
class Side:
    """One side of what git hands a diff driver: the file's path in the repository, the file
    holding its content (`os.devnull` where it does not exist) and its mode ("." for none)."""

    path: str
    file: str
    mode: str = "100644"

    @property
    def exists(self) -> bool:
        """Whether the file exists on this side."""
        return self.file != os.devnull


def _position(data: bytes, path: str, label: str) -> tuple[Position | None, list[Problem]]:
    name = path.rsplit("/", 1)[-1]
    return position_in(data, name.removesuffix(".yaml"), label)


def _bytes(side: Side) -> bytes | None:
    if not side.exists:
        return None
    if side.mode == SYMLINK and os.path.islink(side.file):  # a link in the work tree itself
        return os.fsencode(os.readlink(side.file))
    with open(side.file, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def driver_text(
    path: str,
    old_file: str,
    new_file: str,
    lang: Lang = Lang.EN,
    *,
    old_mode: str = "100644",
    new_mode: str = "100644",
    new_path: str | None = None,
) -> str:
    """What the driver prints for one file: a rename or mode change, then the field changes,
    or a line diff when a side is not a valid position (so nothing is ever hidden)."""
    return side_text(
        Side(path, old_file, old_mode), Side(new_path or path, new_file, new_mode), lang
    )


def side_text(old: Side, new: Side, lang: Lang = Lang.EN) -> str:
    """The driver's text for a file that was `old` and is `new`."""
    head = f"posities diff a/{visible(old.path)} b/{visible(new.path)}\n"
    notes = ""
    if old.path != new.path:
        notes += f"renamed: {visible(old.path)} → {visible(new.path)}\n"
    if old.exists and new.exists and old.mode != new.mode:
        notes += f"mode changed: {old.mode} → {new.mode}\n"
    try:
        old_data, new_data = _bytes(old), _bytes(new)
    except OSError as error:
        return head + notes + f"cannot read {visible(error.filename or '')}: {error.strerror}\n"
    body = _special(old, old_data, "a") + _special(new, new_data, "b")
    body = body or _content_text(old, old_data, new, new_data, lang)
    if not body and old_data != new_data:
        body = "  no change in content (layout or comments only)\n"
    elif not body and not notes:
        body = "  no change in content\n"
    return head + notes + body


def _special(side: Side, data: bytes | None, letter: str) -> str:
    """A side that is no position text to compare: a symbolic link, or a binary file."""
    if data is None:
        return ""
    where = f"{letter}/{visible(side.path)}"
    if side.mode == SYMLINK:
        target = visible(data.decode("utf-8", "surrogateescape"))
        return f"  {where} is a symbolic link to {target}\n"
    if b"\0" in data[:BINARY_PROBE]:
        return f"  {where} is a binary file, not a position\n"
    return ""


def _content_text(
    old: Side, old_data: bytes | None, new: Side, new_data: bytes | None, lang: Lang
) -> str:
    """The field changes between two sides, or their problems and a line diff."""
    from posities.render.history import change_texts

    before, old_problems = (
        _position(old_data, old.path, f"a/{visible(old.path)}")
        if old_data is not None
        else (None, [])
    )
    after, new_problems = (
        _position(new_data, new.path, f"b/{visible(new.path)}")
        if new_data is not None
        else (None, [])
    )
    if old_problems or new_problems:
        notes = "".join(f"  ! {p}\n" for p in old_problems + new_problems)
        lines = difflib.unified_diff(
            _lines((old_data or b"").decode("utf-8", "replace")),
            _lines((new_data or b"").decode("utf-8", "replace")),
            f"a/{visible(old.path)}",
            f"b/{visible(new.path)}",
        )
        body = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        return notes + visible_lines(body)
    if before is None and after is not None:
        return f"+ {after.id}: new position ({after.stance.value})\n"
    if after is None and before is not None:
        return f"- {before.id}: position removed\n"
    if before is None or after is None:
        return ""
    out = f"    id: {before.id} → {after.id}\n" if before.id != after.id else ""
    for change in compare(before, after):
        label, was, now = change_texts(change, lang)
        out += f"    {label}: {' '.join(was.split())} → {' '.join(now.split())}\n"
    return f"~ {after.id}\n" + out if out else ""


def visible_lines(text: str) -> str:
    """Text with every line made safe for a terminal; lines end only at a newline (as git
    splits them), a carriage return before it left out and any other made visible."""
    lines = _lines(text)
    return "".join(visible(line.removesuffix("\n").removesuffix("\r")) + "\n" for line in lines)


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
