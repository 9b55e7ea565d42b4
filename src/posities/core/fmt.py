"""`posities fmt`: position files rewritten into the register's canonical layout (key order of
the schema, flow lists for topics and supports, two-space indentation, long texts folded), every
comment kept, and written only when the file reads back as the same record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from posities.core.editing import position_path, read_position_bytes
from posities.core.register import MAX_BYTES, decode, position_files
from posities.core.save import ChangedMeanwhile, rewrite
from posities.errors import PositiesError, Problem, YamlError, display_path

if TYPE_CHECKING:
    from posities.io.layout import KeyOrder


@dataclass
class Laid:
    """What `fmt` (or `migrate`) did or, under `--check`, would do: the files rewritten, how
    many were as asked already, and the files it could not rewrite, with why."""

    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether a file could not be rewritten."""
        return bool(self.problems)


def lay_out(root: Path, ids: Sequence[str], check: bool) -> Laid:
    """Lay out the position files `ids` (all when none is given) of the register at `root`;
    with `check`, only say which would change."""
    from posities.io.layout import position_key_order

    order = position_key_order()
    return rewrite_each(root, ids, lambda path, label: _lay_out_file(path, label, order, check))


def rewrite_each(root: Path, ids: Sequence[str], one: Callable[[Path, str], bool]) -> Laid:
    """Apply `one` (a file's path and label; whether it changes the file) to the position
    files `ids` (all when none is given) of the register at `root`, each again when another
    writer changed it meanwhile; what it could not do is a problem of that file."""
    if ids:
        paths = [position_path(root, ident) for ident in dict.fromkeys(ids)]
    else:
        paths, _ = position_files(root)
    laid = Laid()
    for path in paths:
        label = display_path(path)
        try:
            for attempt in range(ATTEMPTS):
                try:
                    changed = one(path, label)
                    break
                except ChangedMeanwhile:  # another writer was quicker: read it again
                    if attempt == ATTEMPTS - 1:
                        raise
        except YamlError as error:
            line, column = error.location or (None, None)
            laid.problems.append(Problem(label, line, column, error.message))
        except PositiesError as error:
            if error.problems:
                laid.problems.extend(error.problems)
                continue
            message = str(error).removeprefix(f"{label}: ").replace(label, "the file")
            laid.problems.append(Problem(label, None, None, message))
        else:
            if changed:
                laid.changed.append(label)
            else:
                laid.unchanged += 1
    return laid


ATTEMPTS = 3
"""How often a file another writer changed meanwhile is read and laid out again."""


def _lay_out_file(path: Path, label: str, order: KeyOrder, check: bool) -> bool:
    """Lay out one file (with `check`, only find out); whether it changes."""
    from posities.io.layout import canonical
    from posities.io.yamlread import parse

    data = read_position_bytes(path)
    text = decode(data)
    parse(text)  # a YAML error is reported with its place, as check reports it
    return replace_text(path, data, canonical(text, order, label), check)


def replace_text(path: Path, data: bytes, new: str, check: bool, done: str = "laid out") -> bool:
    """Replace the file `path`, read as `data`, by `new` (its byte-order mark kept), unless it
    is the same or `check` is set; whether it differs. For a text that holds the same record;
    `done` says what was done to it, for a message."""
    if new == decode(data):
        return False
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    size = len((bom + new).encode("utf-8"))
    if size > MAX_BYTES:
        raise PositiesError(
            f"{done} it would be {size // 1024} KiB, more than the {MAX_BYTES // 1024} KiB a "
            "position file may be; nothing was changed"
        )
    if not check:
        rewrite(path, data, bom + new)
    return True
