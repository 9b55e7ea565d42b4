"""`posities fmt`: position files rewritten into the register's canonical layout (key order of
the schema, flow lists for topics and supports, two-space indentation, long texts folded), every
comment kept, and written only when the file reads back as the same record."""

from __future__ import annotations

from collections.abc import Sequence
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
    """What `fmt` did or, under `--check`, would do: the files (re)laid out, how many were
    canonical already, and the files it could not lay out, with why."""

    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether a file could not be laid out."""
        return bool(self.problems)


def lay_out(root: Path, ids: Sequence[str], check: bool) -> Laid:
    """Lay out the position files `ids` (all when none is given) of the register at `root`;
    with `check`, only say which would change."""
    from posities.io.layout import position_key_order

    if ids:
        paths = [position_path(root, ident) for ident in dict.fromkeys(ids)]
    else:
        paths, _ = position_files(root)
    order = position_key_order()
    laid = Laid()
    for path in paths:
        label = display_path(path)
        try:
            for attempt in range(ATTEMPTS):
                try:
                    changed = _lay_out_file(path, label, order, check)
                    break
                except ChangedMeanwhile:  # another writer was quicker: read it again
                    if attempt == ATTEMPTS - 1:
                        raise
        except YamlError as error:
            line, column = error.location or (None, None)
            laid.problems.append(Problem(label, line, column, error.message))
        except PositiesError as error:
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
    new = canonical(text, order, label)
    if new == text:
        return False
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    size = len((bom + new).encode("utf-8"))
    if size > MAX_BYTES:
        raise PositiesError(
            f"laid out it would be {size // 1024} KiB, more than the {MAX_BYTES // 1024} KiB a "
            "position file may be; nothing was changed"
        )
    if not check:
        rewrite(path, data, bom + new)
    return True
