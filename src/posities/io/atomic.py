"""Replacing files in one step, so that no reader ever sees half of one and a crash leaves the
old file or the new one; several files replaced together through a journal, so that a crash
leaves all the old ones or all the new; removing (or finishing) what a writer that was killed
left behind; and a lock that keeps two writers of one file apart."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

_TEMP = re.compile(r"\..+\.([0-9]+)\.posities-tmp\Z")
LOCK_SUFFIX = ".posities-lock"
LOCK_WAIT = 5.0
"""Seconds a writer waits for another one to finish with the same file before giving up."""
_held: set[str] = set()


def temp_name(name: str) -> str:
    """The temporary file a writer in this process uses for the file `name`."""
    return f".{name}.{os.getpid()}.posities-tmp"


def remove_stale_temps(folder: Path, names: list[str] | None = None) -> None:
    """Remove temporary files and locks of writers that are no longer running (killed
    mid-write)."""
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return
    for name in names:
        if name.endswith(LOCK_SUFFIX):
            _remove_stale_lock(folder / name)
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


def reason(error: OSError) -> str:
    """Why a file could not be written, in the words a user acts on."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (is the file or its folder read-only?)"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    if error.errno == errno.EPIPE:
        return "the reader of the pipe closed it"
    return error.strerror or str(error)


def replace_text(
    path: Path,
    chunks: Iterable[str | bytes],
    mode: int | None = None,
    sync: bool = True,
    errors: str = "strict",
    last_look: Callable[[], None] | None = None,
) -> None:
    """Write `chunks` as the whole of `path` through a temporary file in its folder, keeping the
    file's mode (or giving `mode`); `sync` also waits until the text and the folder's entry are
    on disk. What stood at `path` (a link too) is replaced, never written through; `errors` is
    the UTF-8 encoder's. `last_look` runs just before the replacement and may refuse it by
    raising: the temporary file is then removed and `path` left as it was. The one writer of
    files: position files, reports, the cache, the git attributes."""
    temp = path.parent / temp_name(path.name)
    try:
        _write_new(temp, chunks, sync, errors)
        os.chmod(temp, new_mode(path) if mode is None else mode)
        if last_look is not None:
            last_look()
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync:
        _sync_folder(path.parent)


def _write_new(temp: Path, chunks: Iterable[str | bytes], sync: bool, errors: str) -> None:
    """Write `chunks` into a new file at `temp`, readable by this user alone until its mode is
    set; a file there already (a leftover of an earlier process with this id) is replaced."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        encoder = codecs.getincrementalencoder("utf-8")(errors)
        for chunk in chunks:  # text encoded as UTF-8, bytes as they are
            _write_all(fd, chunk if isinstance(chunk, bytes) else encoder.encode(chunk))
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync_folder(folder: Path) -> None:
    """Wait until the folder's new entry is on disk (where the system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Busy(Exception):
    """Another process held the file's lock for longer than a writer waits."""


def lock_name(name: str) -> str:
    """The lock file beside the file `name`; it exists only while a writer holds it (or
    until the next run, if that writer was killed)."""
    return f".{name}{LOCK_SUFFIX}"


def _remove_stale_lock(lock: Path) -> None:
    """Remove a lock file that no process holds, the way its holder would."""
    if str(lock) in _held:
        return
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return
    try:
        if _try_lock(fd) and _is_at(fd, lock):
            os.unlink(lock)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold the lock of `path` (re-entrant in a process), waiting up to LOCK_WAIT seconds for
    another process that holds it, else Busy. The lock file is removed when it is let go."""
    lock = path.parent / lock_name(path.name)
    if str(lock) in _held:
        yield
        return
    fd = _acquire(lock)
    if fd is None:  # the file system cannot lock: write as before, unlocked
        yield
        return
    _held.add(str(lock))
    try:
        yield
    finally:
        _held.discard(str(lock))
        with contextlib.suppress(OSError):
            os.unlink(lock)  # while still locked: a waiter then finds it gone and starts again
        os.close(fd)


def _acquire(lock: Path) -> int | None:
    """A descriptor of `lock` holding its flock; None where the file system has no locks."""
    import time

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        fd, made = _open_lock(lock)
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise Busy(str(lock))
                time.sleep(0.01)
            if _is_at(fd, lock):
                return fd
        except OSError as error:
            no_locks = error.errno in _NO_LOCKS
            if no_locks or (made and _is_at(fd, lock)):  # a lock file no writer holds
                with contextlib.suppress(OSError):
                    os.unlink(lock)
            os.close(fd)
            if no_locks:
                return None
            raise
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # its holder removed it before letting go: lock the one there now


def _open_lock(lock: Path) -> tuple[int, bool]:
    """A descriptor of the lock file and whether this call made it: a lock file that was there
    before belongs to its holder (or to a killed writer, for the next run to remove)."""
    while True:
        with contextlib.suppress(FileExistsError):
            return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), True
        with contextlib.suppress(FileNotFoundError):  # its holder let go in between
            return os.open(lock, os.O_RDWR), False


_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no locks to take
        raise OSError(errno.ENOLCK, "no file locks on this system") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_at(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is still the file at `path`."""
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


# --- several files replaced together -------------------------------------------------------------

PENDING_SUFFIX = ".posities-pending"
JOURNAL_SUFFIX = ".posities-journal"
_PENDING = re.compile(r"\..+\.([0-9]+)\.posities-pending\Z")
_JOURNAL = re.compile(r"\.(.+)\.([0-9]+)\.posities-journal\Z")
MAX_JOURNAL_BYTES = 64 * 1024


class Unfinished(OSError):
    """The files were written and their journal with them, but one could not be put in place:
    the next `finish_interrupted` of the folder puts the rest in place."""


def pending_name(name: str, pid: int | None = None) -> str:
    """The file a writer (this process, or `pid`) prepares for `name` until all its files are
    written."""
    return f".{name}.{os.getpid() if pid is None else pid}{PENDING_SUFFIX}"


def journal_name(label: str, pid: int | None = None) -> str:
    """The journal of a writer (this process, or `pid`) replacing the files of `label`."""
    return f".{label}.{os.getpid() if pid is None else pid}{JOURNAL_SUFFIX}"


def replace_together(
    folder: Path,
    label: str,
    files: Sequence[tuple[Path, bytes]],
    removes: Sequence[Path] = (),
) -> None:
    """Replace `files` (each a path under `folder` and its new bytes) and remove `removes`, so
    that a crash leaves either all the old files or, once `finish_interrupted(folder)` has
    run, all the new ones. Each new file is written and synced beside its place; then a
    journal naming them is put in `folder`, the moment they count as written; then each is
    put in place, in the order given, and the journal removed. An OSError before the journal
    leaves everything as it was; Unfinished after it leaves the journal to finish from."""
    import json

    written: list[Path] = []
    entries = {
        "replace": [path.relative_to(folder).as_posix() for path, _ in files],
        "remove": [path.relative_to(folder).as_posix() for path in removes],
    }
    journal = folder / journal_name(label)
    path = journal
    try:
        for path, data in files:
            temp = path.parent / pending_name(path.name)
            written.append(temp)
            _write_new(temp, [data], True, "strict")
            os.chmod(temp, new_mode(path))
        for path, _ in files:
            _sync_folder(path.parent)
        path = journal
        replace_text(journal, [json.dumps(entries, ensure_ascii=False)])
    except BaseException as error:
        for temp in written:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(error, OSError):  # named by the file it was to be, not its pending copy
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise
    _finish(folder, journal, os.getpid(), entries)


def _finish(folder: Path, journal: Path, pid: int, entries: dict[str, list[str]]) -> None:
    """Put the journal's pending files in place and remove what it names, then the journal;
    a pending file already put in place (by another process finishing it) is passed over."""
    for relative in entries["replace"]:
        path = _under(folder, relative)
        if path is None:
            continue
        try:
            os.replace(path.parent / pending_name(path.name, pid), path)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise Unfinished(error.errno, error.strerror, str(path)) from None
        _sync_folder(path.parent)
    for relative in entries["remove"]:
        if (path := _under(folder, relative)) is not None:
            with contextlib.suppress(FileNotFoundError):
                try:
                    os.unlink(path)
                except OSError as error:
                    raise Unfinished(error.errno, error.strerror, str(path)) from None
    with contextlib.suppress(FileNotFoundError):
        os.unlink(journal)
    _sync_folder(folder)


def _under(folder: Path, relative: str) -> Path | None:
    """The path `relative` names under `folder`; None when it would lead out of it (a journal
    is read from disk, and may have been put there by anyone)."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return None
    path = folder.joinpath(*parts)
    if not Path(os.path.realpath(path.parent)).is_relative_to(os.path.realpath(folder)):
        return None
    return path


def interrupted(folder: Path) -> list[tuple[str, Path]]:
    """The journals in `folder` of writers no longer running, each with its label: their files
    may be part old, part new until `finish_interrupted` runs."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        match = _JOURNAL.match(name)
        if match is not None and not _running(int(match.group(2))):
            found.append((match.group(1), folder / name))
    return found


def finish_interrupted(folder: Path, subfolders: Sequence[Path] = ()) -> list[str]:
    """Finish what writers killed mid-way through `replace_together` in `folder` left (their
    journals' files put in place), then remove the files they had not yet committed to, and
    other writers' leftovers, in `folder` and `subfolders`; the labels finished. A journal
    that cannot be read is left, and `interrupted` goes on naming it."""
    import json

    finished = []
    for label, journal in interrupted(folder):
        try:
            with open(journal, "rb") as file:
                entries = json.loads(file.read(MAX_JOURNAL_BYTES))
        except (OSError, ValueError):
            continue
        if not _journal_shape(entries):
            continue
        _finish(folder, journal, int(journal.name.rsplit(".", 2)[-2]), entries)
        finished.append(label)
    for place in (folder, *subfolders):
        _remove_stale_pending(place)
        remove_stale_temps(place)
    return finished


def _journal_shape(entries: object) -> bool:
    """Whether a journal read holds what `replace_together` writes."""
    return (
        isinstance(entries, dict)
        and set(entries) == {"replace", "remove"}
        and all(
            isinstance(paths, list) and all(isinstance(p, str) for p in paths)
            for paths in entries.values()
        )
    )


def _remove_stale_pending(folder: Path) -> None:
    """Remove pending files of writers no longer running that no journal names (once the
    journals are finished, no journal does)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _PENDING.match(name)
        if match is not None and not _running(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
