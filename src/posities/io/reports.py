"""Writing a report to a file the user names: a file in one step, never over a position file;
a device, pipe or terminal (`/dev/null`, `/dev/stdout`, a fifo) written into as it is."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from posities.errors import PositiesError, UsageError, display_path, shown

_POSITION_KEYS = re.compile(rb"^id:.*^sources:", re.MULTILINE | re.DOTALL)
_DESCRIPTOR = re.compile(r"/proc/[0-9]+/fd/[0-9]+\Z")


class OutputError(PositiesError):
    """The report could not be written (a full disk, a pipe its reader closed): exit 1."""


def write_report(
    target: Path,
    chunks: Iterable[str] | Iterable[bytes],
    register: Path | None,
    own: Path | None = None,
) -> None:
    """Write `chunks` as the whole of `target` (UTF-8): a file through a temporary file, so a
    reader never sees half a report; a stream (device, pipe, socket) straight into it. Refuse
    a path inside the register folder (but `own`, the one file there this report may be) or a
    position file."""
    from posities.io.atomic import reason, replace_text

    label = display_path(target)
    try:
        resolved = Path(os.path.realpath(target))
        stream = _is_stream(target)
        _refuse(resolved, register, own, label, stream)
        if stream:
            _write_into(target, chunks)
        else:
            replace_text(resolved, chunks)
    except OSError as error:
        raise OutputError(f"cannot write {label}: {reason(error)}") from None


def _is_stream(target: Path) -> bool:
    """Whether `target` is to be written into rather than replaced: it exists and is not a
    regular file or folder, or it names an open descriptor (`/dev/stdout`, `/dev/fd/3`)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) or _names_descriptor(target)


def _names_descriptor(target: Path) -> bool:
    """Whether `target` leads, through its symbolic links, to `/proc/PID/fd/N`."""
    path = os.path.abspath(target)
    for _ in range(40):  # the kernel's own limit on links followed
        path = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        if _DESCRIPTOR.match(path):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    return False


def _write_into(target: Path, chunks: Iterable[str] | Iterable[bytes]) -> None:
    """Write into an existing stream as the path names it: appended, never created or cut
    (`-o /dev/stdout >> log` adds to the log, as writing to standard output would); a file
    format (bytes) never into a terminal."""
    fd = os.open(target, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(fd, "wb") as handle:
        terminal = handle.isatty()
        for chunk in chunks:
            if isinstance(chunk, bytes) and terminal:
                raise UsageError(
                    f"{display_path(target)} is a terminal; a file format is never written to "
                    "one: name a file"
                )
            handle.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))


def _refuse(
    resolved: Path, register: Path | None, own: Path | None, label: str, stream: bool
) -> None:

    if (
        register is not None
        and resolved.is_relative_to(os.path.realpath(register))
        and (own is None or resolved != Path(os.path.realpath(own)))
    ):
        raise UsageError(
            f"{label} is inside the register folder {display_path(register)}: "
            "a report is never written there; choose a path outside it"
        )
    if stream:
        return  # nothing to read or make: a pipe read here would wait for a writer
    if _is_position(resolved):
        raise UsageError(f"{label} is a position file; a report is never written over one")
    if resolved.is_dir():
        raise UsageError(f"{label} is a folder; name a file to write the report to")
    if not resolved.parent.is_dir():
        folder = shown(str(resolved.parent), 200)
        raise OutputError(f"cannot write {label}: the folder {folder} does not exist")


def _is_position(path: Path) -> bool:
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    return _POSITION_KEYS.search(head) is not None
