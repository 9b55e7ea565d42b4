"""`posities fmt`: position files rewritten into the register's canonical layout (key order of
the schema, flow lists for topics and supports, two-space indentation, long texts folded), every
comment kept, and written only when the file reads back as the same record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from posities.core.editing import position_path, read_position_bytes
from posities.core.register import decode, position_files
from posities.core.save import rewrite
from posities.errors import PositiesError, Problem, YamlError, display_path


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
    from posities.io.layout import canonical, position_key_order
    from posities.io.yamlread import parse

    if ids:
        paths = [position_path(root, ident) for ident in dict.fromkeys(ids)]
    else:
        paths, _ = position_files(root)
    order = position_key_order()
    laid = Laid()
    for path in paths:
        label = display_path(path)
        try:
            data = read_position_bytes(path)
            text = decode(data)
            parse(text)  # a YAML error is reported with its place, as check reports it
            bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
            new = canonical(text, order, label)
            if new == text:
                laid.unchanged += 1
                continue
            if not check:
                rewrite(path, data, bom + new)
            laid.changed.append(label)
        except YamlError as error:
            line, column = error.location or (None, None)
            laid.problems.append(Problem(label, line, column, error.message))
        except PositiesError as error:
            message = str(error).removeprefix(f"{label}: ")
            laid.problems.append(Problem(label, None, None, message))
    return laid
