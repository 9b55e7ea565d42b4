"""What git's diff driver shows for a position file: both sides read, compared field by field
and written as changes, so `git diff` and `git log -p` show stance changes.

The driver follows git's external diff protocol (seven arguments: path, old file, old hex, old
mode, new file, new hex, new mode; nine after a rename) and always exits 0, as git expects of a
driver that found differences.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

from posities.core.changes import compare
from posities.core.register import MAX_BYTES, position_in
from posities.errors import Problem, visible
from posities.git.attributes import git_lines
from posities.model.records import Position
from posities.model.words import Lang

DRIVER = "posities"
ATTRIBUTES = ".gitattributes"
SYMLINK = "120000"
BINARY_PROBE = 8000
"""How far into a file git looks for a NUL byte to call it binary; the driver does the same."""


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
    from posities.render.history import change_line, change_texts

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
            git_lines((old_data or b"").decode("utf-8", "replace")),
            git_lines((new_data or b"").decode("utf-8", "replace")),
            f"a/{visible(old.path)}",
            f"b/{visible(new.path)}",
        )
        body = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        return notes + visible_lines(body)
    if before is None and after is not None:
        return f"+ {after.id}: new position ({after.stance})\n"
    if after is None and before is not None:
        return f"- {before.id}: position removed\n"
    if before is None or after is None:
        return ""
    out = f"    id: {before.id} → {after.id}\n" if before.id != after.id else ""
    for change in compare(before, after, _own_holder(new.path)):
        if change.field in ("statement", "relations"):
            out += f"    {change_line(change, lang)}\n"
            continue
        label, was, now = change_texts(change, lang)
        out += f"    {label}: {' '.join(was.split())} → {' '.join(now.split())}\n"
    return f"~ {after.id}\n" + out if out else ""


def _own_holder(path: str) -> str:
    """The own holder of the register a file is in, as its `posities.toml` names it (git runs
    the driver at the top of the work tree, where `path` starts)."""
    from pathlib import Path

    from posities.core.holders import own_holder

    return own_holder(Path(path).parent)


def visible_lines(text: str) -> str:
    """Text with every line made safe for a terminal; lines end only at a newline (as git
    splits them), a carriage return before it left out and any other made visible."""
    lines = git_lines(text)
    return "".join(visible(line.removesuffix("\n").removesuffix("\r")) + "\n" for line in lines)
