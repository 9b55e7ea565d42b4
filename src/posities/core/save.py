"""Writing a position file: validated first, then atomically, and never over someone's edit.

Every write goes through `write_position`. It refuses text that is not a valid position (so no
command can leave an invalid record behind), refuses when the file changed on disk since it was
read, writes a temporary file in the same folder, syncs it, keeps the original's permissions and
moves it over the original in one step (`os.replace`): a crash at any moment leaves either the
old file or the new one. A symbolic link is written through to its target. Temporary files left
by a writer that was killed are removed by the next run.

Writers of one file exclude each other with a lock (`locked`), held at least from the comparison
to the replacement, so two can never both see the old text and both replace it. Use cases that
read a file, change it and write it hold the lock throughout, so the second of two racing
changes reads the first one's result instead of failing.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from posities.core.register import position_in
from posities.core.verify import written_quote_problems
from posities.errors import Location, PositiesError, Problem, YamlError, display_path, shown
from posities.io.atomic import Busy, exclusive, remove_stale_temps, replace_text
from posities.io.atomic import reason as _reason
from posities.model.holders import Holders
from posities.model.records import FieldPath


class WriteError(PositiesError):
    """A file could not be written; the original is untouched."""


class ChangedMeanwhile(WriteError):
    """The file changed after it was read (another writer): nothing was written; reading it
    again and making the change again is safe."""


class InvalidEdit(PositiesError):
    """The new text is not a valid position; nothing was written."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"the change would leave {path} invalid ({len(problems)} {noun}); nothing was written"
        )


def check_text(text: str, stem: str, label: str, holders: Holders | None = None) -> list[Problem]:
    """The problems of a position file's text (none when it is valid); bytes that were not
    UTF-8 may stand in `text` as surrogate escapes. With the register's `holders`, also the
    holder codes they do not declare, and a stances-form mark that is not the own holder."""
    data = text.encode("utf-8", "surrogateescape")
    position, problems = position_in(data, stem, label, holders.own if holders else None)
    if position is None or holders is None:
        return problems
    from posities.core.links import own_problems
    from posities.io.yamlread import parse

    def where(_ident: str, field: FieldPath) -> tuple[str, Location | None]:
        try:
            return label, parse(text).where(field)
        except YamlError:
            return label, None

    return own_problems(position, holders, where)


def write_position(path: Path, original: bytes | None, text: str, stem: str) -> None:
    """Write `text` as the position file `path`, which must still hold `original` (None: the
    file must not exist yet), after checking it against the register's holders too. The text
    keeps any byte-order mark and line endings it has."""
    from posities.core.holders import known_holders

    label = display_path(path)
    problems = check_text(text, stem, label, known_holders(path.parent))  # read once
    if problems:
        raise InvalidEdit(label, problems)
    if quoted := written_quote_problems(path.parent, text, label):  # each quote in its text
        raise InvalidEdit(label, quoted)
    rewrite(path, original, text)


def rewrite(path: Path, original: bytes | None, text: str) -> None:
    """Replace the file `path`, which must still hold `original`, by `text`, in one step and
    under the writers' lock; no validation: for a caller that has proved `text` holds the same
    record (`posities fmt`), or has checked it (`write_position`)."""
    target = Path(os.path.realpath(path))
    with locked(path):  # the comparison and the replacement are one step for other writers
        _replace(target, original, text, display_path(path))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Keep other posities processes from writing the file `path` meanwhile (they wait a few
    seconds, then give up clearly). Held from reading a file to writing it, no change is lost."""
    label = display_path(path)
    held = contextlib.ExitStack()
    try:
        held.enter_context(exclusive(Path(os.path.realpath(path))))
    except Busy:
        raise WriteError(
            f"{label} is being written by another posities process; try again"
        ) from None
    except OSError as error:
        raise WriteError(f"cannot write {label}: {_reason(error)}; the file is unchanged") from None
    with held:
        yield


def _replace(target: Path, original: bytes | None, text: str, label: str) -> None:
    """Replace `target` by `text` (UTF-8) in one step if it still holds `original`."""
    remove_stale_temps(target.parent)
    current = _current(target)
    if current is not None and not os.stat(target).st_mode & 0o222:
        raise WriteError(f"{label} is read-only; nothing was written (chmod u+w to allow edits)")
    if current != original:
        what = "was created" if original is None else "changed on disk"
        if original is not None and current is None:
            what = "was removed"
        raise ChangedMeanwhile(
            f"{label} {what} since it was read; nothing was written. Run the command again."
        )

    def unchanged() -> None:  # a last look, for writers other than posities
        if _current(target) != original:
            raise ChangedMeanwhile(
                f"{label} changed on disk while it was written; nothing was written"
            )

    try:
        replace_text(target, [text], last_look=unchanged)
    except OSError as error:
        raise WriteError(f"cannot write {label}: {_reason(error)}; the file is unchanged") from None


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(f"cannot read {shown(str(path), 200)}: {_reason(error)}") from None
