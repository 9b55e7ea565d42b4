"""Replacing files in one step, so that no reader ever sees half of one and a crash leaves the
old file or the new one; and removing what a writer that was killed left behind."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

_TEMP = re.compile(r"\..+\.([0-9]+)\.posities-tmp\Z")


def temp_name(name: str) -> str:
    """The temporary file a writer in this process uses for the file `name`."""
    return f".{name}.{os.getpid()}.posities-tmp"


def remove_stale_temps(folder: Path, names: list[str] | None = None) -> None:
    """Remove temporary files of writers that are no longer running (killed mid-write)."""
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return
    for name in names:
        match = _TEMP.match(name)
        if match is None or _running(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process is not in the middle of a write when it cleans up
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's process
    return True


def umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_mode(path: Path) -> int:
    """The mode a file written over `path` gets: the current file's, or what a new file gets."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~umask()


def replace_text(
    path: Path, chunks: Iterable[str], mode: int | None = None, sync: bool = True
) -> None:
    """Write `chunks` as the whole of `path` through a temporary file in its folder, keeping the
    file's mode (or giving `mode`); `sync` also waits until the text is on disk."""
    temp = path.parent / temp_name(path.name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)  # named after this process: a leftover of an earlier one with its id
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, new_mode(path) if mode is None else mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
