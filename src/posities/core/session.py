"""Editing a position in the user's editor (`posities edit`): rounds of editing a copy until
it is valid or the user gives up, surviving Ctrl-C and SIGTERM with nothing lost."""

from __future__ import annotations

import contextlib
import errno
import os
import shlex
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posities.core.editing import read_position_bytes
from posities.core.save import check_text, write_position
from posities.core.verify import written_quote_problems
from posities.errors import PositiesError, Problem, UsageError, display_path, shown
from posities.io.atomic import replace_text

HEADER = "# posities: "
ROUNDS = 50
"""How often an invalid version is reopened before the session ends (an editor that never
waits for its user would otherwise loop for ever)."""


def editor_command() -> list[str]:
    """The user's editor: $VISUAL, else $EDITOR."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    try:
        words = shlex.split(command)
    except ValueError:
        raise UsageError(f"cannot read the editor command {shown(command)}") from None
    if not words:
        raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    return words


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM ended an edit session."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def run_editor(words: list[str], file: Path) -> int:
    """Run the editor on `file`; its exit status. Ctrl-C or SIGTERM meanwhile is passed on to
    the editor and, once it has ended, ends the session (`Interrupted`): what is then said
    about the copy is true, and no editor is left running."""
    received: list[int] = []
    running: list[subprocess.Popen[bytes]] = []

    def pass_on(signum: int, _frame: object) -> None:
        received.append(signum)
        for process in running:
            process.send_signal(signum)

    with _signals(pass_on):
        try:
            process = subprocess.Popen([*words, str(file)])
        except FileNotFoundError:
            raise UsageError(
                f"the editor {shown(words[0])} was not found; check VISUAL or EDITOR"
            ) from None
        except OSError as error:
            raise UsageError(f"cannot run the editor {shown(words[0])}: {error.strerror}") from None
        running.append(process)
        for signum in received.copy():  # came while it was starting
            process.send_signal(signum)
        status = process.wait()
    if received:
        raise Interrupted(received[0])
    return status


@contextlib.contextmanager
def _signals(handler: Callable[[int, Any], None]) -> Iterator[None]:
    """`handler` for Ctrl-C and SIGTERM meanwhile (outside the main thread, which alone
    receives signals, nothing changes)."""
    import signal

    numbers = (signal.SIGINT, signal.SIGTERM)
    try:
        before = [signal.signal(number, handler) for number in numbers]
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for number, old in zip(numbers, before, strict=True):
            signal.signal(number, signal.SIG_DFL if old is None else old)


def _stop(signum: int, _frame: Any) -> None:
    raise Interrupted(signum)


def _without_header(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER):
        lines.pop(0)
    return "".join(lines)


def _header(problems: list[Problem]) -> str:
    lines = [
        "this version was not saved. Fix what is listed here and save, or quit without "
        "saving to give up. These lines are removed when it is saved; line numbers count "
        "from the first line after them."
    ]
    for problem in problems:
        line = f"line {problem.line}, column {problem.column or 1}: " if problem.line else ""
        lines.append(f"{line}{problem.message}")
    return "".join(f"{HEADER}{line}\n" for line in lines)


@dataclass(frozen=True)
class EditResult:
    """How an edit session ended: what to tell the user, whether it ended without the edit
    it was for (an editor that failed, a user who gave up), and the signal that ended it
    (Ctrl-C's SIGINT, SIGTERM; 0 for none)."""

    message: str
    failed: bool = False
    signal: int = 0


def edit(path: Path, editor: Callable[[Path], int]) -> EditResult:
    """Open a copy of the position in an editor until it is valid, then save it over the
    original (which is untouched until then). Giving up keeps the copy and says where."""
    original = read_position_bytes(path)
    try:
        folder = Path(tempfile.mkdtemp(prefix="posities-edit-"))
    except OSError as error:
        raise PositiesError(f"cannot make a copy to edit: {error.strerror}") from None
    copy_path = folder / path.name
    try:
        _write_copy(copy_path, original)
    except OSError as error:
        _remove(folder)
        raise PositiesError(f"cannot make a copy to edit: {error.strerror}") from None
    try:
        with _signals(_stop):  # SIGTERM ends the session as Ctrl-C does
            return _rounds(path, original, copy_path, editor)
    except KeyboardInterrupt as stop:
        return _interrupted(path, original, copy_path, getattr(stop, "signum", 0))


def _rounds(
    path: Path, original: bytes, copy_path: Path, editor: Callable[[Path], int]
) -> EditResult:
    """Edit the copy until it is valid and saved, unchanged, or given up."""
    stem, label = path.name.removesuffix(".yaml"), display_path(path)
    given = original
    for _ in range(ROUNDS):
        status = editor(copy_path)
        if status != 0:
            kept = f" (your copy is kept at {copy_path})" if _is_file(copy_path) else ""
            return EditResult(
                f"the editor exited with status {status}; {label} is unchanged{kept}", failed=True
            )
        edited = _read_copy(copy_path, label)
        if isinstance(edited, str):
            return EditResult(
                f"the edited copy at {copy_path} {edited}; {label} is unchanged", failed=True
            )
        text = _without_header(edited.decode("utf-8", "surrogateescape"))
        if text.encode("utf-8", "surrogateescape") == original:
            _remove(copy_path.parent)
            return EditResult(f"no changes; {label} is unchanged")
        if edited == given:
            return EditResult(
                f"gave up: {label} is unchanged; your version is kept at {copy_path}", failed=True
            )
        problems = check_text(text, stem, label) or written_quote_problems(path.parent, text, label)
        if not problems:
            try:
                write_position(path, original, text, stem)
            except PositiesError as error:
                raise PositiesError(f"{error} Your version is kept at {copy_path}") from None
            _remove(copy_path.parent)
            return EditResult(f"saved {label}")
        header = _header(problems)
        given = (header + text).encode("utf-8", "surrogateescape")
        try:
            _write_copy(copy_path, given)
        except OSError as error:
            raise PositiesError(
                f"cannot write the copy at {copy_path}: {error.strerror}; {label} is unchanged"
            ) from None
    return EditResult(
        f"still invalid after {ROUNDS} rounds; {label} is unchanged and your version is kept "
        f"at {copy_path}",
        failed=True,
    )


def _write_copy(copy_path: Path, data: bytes) -> None:
    """Put `data` at the copy's name as a new file moved there in one step: whatever the editor
    left at that name (a link to another file, say) is replaced, never written through."""
    replace_text(
        copy_path, [data.decode("utf-8", "surrogateescape")], mode=0o600, errors="surrogateescape"
    )


_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def _read_copy(copy_path: Path, label: str) -> bytes | str:
    """The edited copy's bytes if it is a regular file, else what it is instead ("is gone"):
    a read never follows a link the editor may have left in its place."""
    try:
        mode = os.lstat(copy_path).st_mode
        if not stat.S_ISREG(mode):
            return f"is not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'something else')})"
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(copy_path, flags)
    except FileNotFoundError:
        return "is gone"
    except OSError as error:
        if error.errno == errno.ELOOP:  # made a link since it was looked at
            return "is not a regular file (a symbolic link)"
        raise PositiesError(
            f"cannot read the edited copy at {copy_path}: {error.strerror}; {label} is unchanged"
        ) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return "is not a regular file"
        return handle.read()


def _is_file(path: Path) -> bool:
    """Whether `path` is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _interrupted(path: Path, original: bytes, copy_path: Path, signum: int) -> EditResult:
    """Ctrl-C or SIGTERM ended the session: say whether the original was saved, and where the
    copy is."""
    import signal

    signum = signum or signal.SIGINT
    try:
        saved = read_position_bytes(path) != original
    except PositiesError:
        saved = False
    state = "was saved" if saved else "is unchanged"
    where = f"; your copy is kept at {copy_path}" if _is_file(copy_path) else ""
    how = "terminated" if signum == signal.SIGTERM else "interrupted"
    return EditResult(f"{how}: {display_path(path)} {state}{where}", failed=True, signal=signum)


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
