"""Writing a report to a file the user names: in one step, never over a position file."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError, shown

_POSITION_KEYS = re.compile(rb"^id:.*^sources:", re.MULTILINE | re.DOTALL)


def write_report(target: Path, chunks: Iterable[str], register: Path | None) -> None:
    """Write `chunks` as the whole of `target` (UTF-8, through a temporary file, so a reader
    never sees half a report); refuse a path inside the register folder or a position file."""
    from .atomic import replace_text
    from .register import display_path

    label = display_path(target)
    try:
        resolved = Path(os.path.realpath(target))
        _refuse(resolved, register, label)
        replace_text(resolved, chunks)
    except OSError as error:
        raise UsageError(f"cannot write {label}: {error.strerror or error}") from None


def _refuse(resolved: Path, register: Path | None, label: str) -> None:
    from .register import display_path

    if register is not None and resolved.is_relative_to(os.path.realpath(register)):
        raise UsageError(
            f"{label} is inside the register folder {display_path(register)}: "
            "a report is never written there; choose a path outside it"
        )
    if _is_position(resolved):
        raise UsageError(f"{label} is a position file; a report is never written over one")
    if resolved.is_dir():
        raise UsageError(f"{label} is a folder; name a file to write the report to")
    if not resolved.parent.is_dir():
        folder = shown(str(resolved.parent), 200)
        raise UsageError(f"cannot write {label}: the folder {folder} does not exist")


def _is_position(path: Path) -> bool:
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    return _POSITION_KEYS.search(head) is not None
