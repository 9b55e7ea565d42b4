"""io/atomic called directly: the one writer of files, its clean-up and the writers' lock."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from posities.io import atomic
from posities.io.atomic import (
    Busy,
    exclusive,
    lock_name,
    new_mode,
    reason,
    remove_stale_temps,
    replace_text,
    temp_name,
    umask,
)

from ..conftest import Holder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder to write in."""
    where = tmp_path / "files"
    where.mkdir()
    return where


def names(folder: Path) -> list[str]:
    """What a folder holds, sorted."""
    return sorted(os.listdir(folder))


@pytest.fixture
def mask() -> Iterator[int]:
    """A known file-creation mask for the test, the old one restored after it."""
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- names ----------------------------------------------------------------------------------


def test_temporary_and_lock_files_are_hidden_beside_the_file() -> None:
    assert temp_name("a.yaml") == f".a.yaml.{os.getpid()}.posities-tmp"
    assert lock_name("a.yaml") == ".a.yaml.posities-lock"


# --- replace_text ---------------------------------------------------------------------------


def test_the_chunks_become_the_whole_file(folder: Path) -> None:
    path = folder / "a.txt"
    path.write_text("an old and longer text\n", encoding="utf-8")
    replace_text(path, ["één ", "twee\n", ""])
    assert path.read_bytes() == "één twee\n".encode()
    assert names(folder) == ["a.txt"]


def test_a_new_file_gets_the_mode_the_mask_allows(folder: Path, mask: int) -> None:
    path = folder / "new.txt"
    replace_text(path, ["text\n"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask == 0o640
    assert umask() == mask
    assert new_mode(folder / "absent") == 0o640


def test_a_file_keeps_its_mode(folder: Path) -> None:
    path = folder / "a.sh"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o751)
    assert new_mode(path) == 0o751
    replace_text(path, ["new\n"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert path.read_text(encoding="utf-8") == "new\n"


def test_a_mode_given_is_the_mode_written(folder: Path) -> None:
    path = folder / "cache"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    replace_text(path, ["new\n"], mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_link_is_replaced_never_written_through(folder: Path) -> None:
    target = folder / "target.txt"
    target.write_text("the target\n", encoding="utf-8")
    link = folder / "link.txt"
    link.symlink_to(target.name)
    replace_text(link, ["the link's new text\n"])
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "the link's new text\n"
    assert target.read_text(encoding="utf-8") == "the target\n"
    assert names(folder) == ["link.txt", "target.txt"]


def test_text_that_cannot_be_utf8_is_refused_unless_errors_allow_it(folder: Path) -> None:
    path = folder / "a.txt"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        replace_text(path, ["good ", "bad \udcff\n"])
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(folder) == ["a.txt"]
    replace_text(path, ["bad \udcff\n"], errors="surrogateescape")
    assert path.read_bytes() == b"bad \xff\n"


def test_a_last_look_that_refuses_leaves_the_file_and_no_temporary_file(folder: Path) -> None:
    path = folder / "a.txt"
    path.write_text("old\n", encoding="utf-8")
    looked: list[list[str]] = []

    def refuse() -> None:
        looked.append(names(folder))
        raise RuntimeError("changed meanwhile")

    with pytest.raises(RuntimeError, match=r"\Achanged meanwhile\Z"):
        replace_text(path, ["new\n"], last_look=refuse)
    assert looked == [sorted(["a.txt", temp_name("a.txt")])]  # the new text was ready
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(folder) == ["a.txt"]


def test_a_last_look_that_agrees_lets_the_file_be_replaced(folder: Path) -> None:
    path = folder / "a.txt"
    path.write_text("old\n", encoding="utf-8")
    replace_text(path, ["new\n"], last_look=lambda: None)
    assert path.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("call", ["write", "fsync", "replace", "chmod"])
def test_a_failure_at_any_step_leaves_the_file_and_no_temporary_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    path = folder / "a.txt"
    path.write_text("old\n", encoding="utf-8")

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, call, fail)
    with pytest.raises(OSError, match="No space left on device") as caught:
        replace_text(path, ["new\n"])
    monkeypatch.undo()
    assert reason(caught.value) == "the disk is full"
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(folder) == ["a.txt"]


def test_a_short_write_is_continued(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write

    def two_bytes_at_a_time(fd: int, data: bytes) -> int:
        return real(fd, bytes(data[:2]))

    monkeypatch.setattr(os, "write", two_bytes_at_a_time)
    path = folder / "a.txt"
    replace_text(path, ["abcdefg\n"])
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "abcdefg\n"


def test_a_temporary_file_of_an_earlier_process_with_this_id_is_replaced(folder: Path) -> None:
    path = folder / "a.txt"
    (folder / temp_name("a.txt")).write_text("left over\n", encoding="utf-8")
    replace_text(path, ["new\n"])
    assert names(folder) == ["a.txt"]
    assert path.read_text(encoding="utf-8") == "new\n"


def test_sync_waits_for_the_text_and_the_folder_entry(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fsync
    synced: list[str] = []

    def record(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    replace_text(folder / "a.txt", ["synced\n"])
    assert synced == ["file", "folder"]
    synced.clear()
    replace_text(folder / "b.txt", ["not synced\n"], sync=False)
    assert synced == []


def test_a_folder_that_cannot_be_synced_is_no_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fsync

    def files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real(fd)

    monkeypatch.setattr(os, "fsync", files_only)
    replace_text(folder / "a.txt", ["written\n"])
    assert (folder / "a.txt").read_text(encoding="utf-8") == "written\n"


def test_a_missing_folder_is_an_error_and_nothing_is_made(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        replace_text(tmp_path / "missing" / "a.txt", ["text\n"])
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk is full"),
        (errno.EACCES, "permission denied (is the file or its folder read-only?)"),
        (errno.EPERM, "permission denied (is the file or its folder read-only?)"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EPIPE, "the reader of the pipe closed it"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_a_failure_is_said_in_words_a_user_acts_on(code: int, words: str) -> None:
    assert reason(OSError(code, os.strerror(code))) == words


def test_a_failure_without_words_of_its_own_is_said_as_python_says_it() -> None:
    assert reason(OSError("something odd")) == "something odd"


# --- stale temporary files and locks --------------------------------------------------------


def test_temporary_files_of_dead_processes_are_removed(folder: Path) -> None:
    dead, alive = dead_pid(), os.getppid()
    for name in (
        f".a.yaml.{dead}.posities-tmp",
        f".a.yaml.{alive}.posities-tmp",
        f".b.yaml.{os.getpid()}.posities-tmp",  # this process: not writing while it cleans up
        ".c.yaml.99999999999999999999999.posities-tmp",  # no such process can exist
        "a.yaml",
        f"a.yaml.{dead}.posities-tmp",  # not hidden: not a name this writer uses
        ".a.yaml.x1.posities-tmp",
        f".a.yaml.{dead}.posities-tmp.bak",
    ):
        (folder / name).write_text("", encoding="utf-8")
    remove_stale_temps(folder)
    assert names(folder) == sorted(
        [
            f".a.yaml.{alive}.posities-tmp",
            ".a.yaml.x1.posities-tmp",
            f".a.yaml.{dead}.posities-tmp.bak",
            "a.yaml",
            f"a.yaml.{dead}.posities-tmp",
        ]
    )


def test_only_the_names_given_are_cleaned(folder: Path) -> None:
    dead = dead_pid()
    for name in (f".a.yaml.{dead}.posities-tmp", f".b.yaml.{dead}.posities-tmp"):
        (folder / name).write_text("", encoding="utf-8")
    remove_stale_temps(folder, [f".b.yaml.{dead}.posities-tmp"])
    assert names(folder) == [f".a.yaml.{dead}.posities-tmp"]


def test_a_folder_that_cannot_be_listed_has_nothing_to_clean(tmp_path: Path) -> None:
    remove_stale_temps(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


def test_a_lock_no_process_holds_is_removed(folder: Path) -> None:
    (folder / ".a.yaml.posities-lock").write_text("", encoding="utf-8")
    remove_stale_temps(folder)
    assert names(folder) == []


def test_a_lock_held_here_or_elsewhere_is_kept(folder: Path) -> None:
    held_here, held_elsewhere = folder / "a.yaml", folder / "b.yaml"
    holder = Holder(held_elsewhere)
    try:
        with exclusive(held_here):
            remove_stale_temps(folder)
            assert names(folder) == [".a.yaml.posities-lock", ".b.yaml.posities-lock"]
    finally:
        holder.release()
    assert names(folder) == []


# --- the writers' lock ----------------------------------------------------------------------


def test_a_lock_file_exists_only_while_the_lock_is_held(folder: Path) -> None:
    path = folder / "a.yaml"
    with exclusive(path):
        assert names(folder) == [".a.yaml.posities-lock"]
    assert names(folder) == []


def test_the_lock_is_let_go_when_the_writer_fails(folder: Path) -> None:
    path = folder / "a.yaml"
    with pytest.raises(RuntimeError, match="in the middle"), exclusive(path):
        raise RuntimeError("in the middle")
    assert names(folder) == []
    assert atomic._held == set()


def test_the_lock_is_re_entrant_in_one_process(folder: Path) -> None:
    path = folder / "a.yaml"
    with exclusive(path):
        with exclusive(path):
            assert names(folder) == [".a.yaml.posities-lock"]
        assert names(folder) == [".a.yaml.posities-lock"]  # the outer holder still has it
    assert names(folder) == []


def test_another_process_s_lock_is_waited_for_then_busy(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "a.yaml"
    monkeypatch.setattr(atomic, "LOCK_WAIT", 0.2)
    holder = Holder(path)
    try:
        with pytest.raises(Busy) as caught, exclusive(path):
            pytest.fail("the lock was taken while another process held it")
    finally:
        holder.release()
    assert str(caught.value) == str(folder / ".a.yaml.posities-lock")
    assert names(folder) == []
    with exclusive(path):  # let go: the next writer gets it
        assert names(folder) == [".a.yaml.posities-lock"]


def test_a_writer_gets_the_lock_once_the_holder_lets_go(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "a.yaml"
    monkeypatch.setattr(atomic, "LOCK_WAIT", 60.0)
    holder = Holder(path)
    releasing = threading.Timer(0.1, holder.release)
    releasing.start()
    try:
        with exclusive(path):
            got = names(folder)
    finally:
        releasing.join()
    assert holder.process.returncode == 0
    assert got == [".a.yaml.posities-lock"]
    assert names(folder) == []


def test_a_file_system_without_locks_is_written_unlocked(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_locks(*_args: object) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    path = folder / "a.yaml"
    with exclusive(path):
        assert names(folder) == []
        replace_text(path, ["written\n"])
    assert names(folder) == ["a.yaml"]


def test_a_lock_that_cannot_be_made_is_an_error_and_leaves_no_lock_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def broken(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fcntl, "flock", broken)
    with pytest.raises(OSError, match="Input/output error"), exclusive(folder / "a.yaml"):
        pytest.fail("locked although the lock failed")
    assert atomic._held == set()
    assert names(folder) == []


def test_a_lock_that_cannot_be_made_leaves_another_writer_s_lock_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def broken(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    path = folder / "a.yaml"
    holder = Holder(path)
    try:
        with monkeypatch.context() as patched:
            patched.setattr(fcntl, "flock", broken)
            with pytest.raises(OSError, match="Input/output error"), exclusive(path):
                pytest.fail("locked although the lock failed")
        assert names(folder) == [".a.yaml.posities-lock"]
    finally:
        holder.release()
    assert names(folder) == []


def test_a_lock_file_let_go_while_it_is_opened_is_made_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open
    calls: list[int] = []

    def there_at_first(path: str, flags: int, mode: int = 0o777) -> int:
        calls.append(flags)
        if len(calls) == 1:  # as if another writer held it and let go just after
            raise FileExistsError(errno.EEXIST, "File exists")
        return real_open(path, flags, mode)

    path = folder / "a.yaml"
    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, "open", there_at_first)
        with exclusive(path):
            held = names(folder)
    assert len(calls) == 3
    assert calls[1] & os.O_CREAT == 0
    assert held == [".a.yaml.posities-lock"]
    assert names(folder) == []


# --- several files replaced together ----------------------------------------------------------


def texts_folder(folder: Path) -> tuple[Path, Path, Path]:
    """A texts/ folder with an originals/ folder in it, and the old text and provenance."""
    (folder / "originals").mkdir()
    text, sidecar = folder / "brief.txt", folder / "brief.source.toml"
    text.write_text("oud\n", encoding="utf-8")
    sidecar.write_text('title = "oud"\n', encoding="utf-8")
    return text, sidecar, folder / "originals/brief.pdf"


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path there, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_files_replaced_together_are_all_new_and_leave_nothing_else(folder: Path) -> None:
    text, sidecar, original = texts_folder(folder)
    (folder / "originals/brief.html").write_bytes(b"<p>oud</p>")
    atomic.replace_together(
        folder,
        "brief",
        [(original, b"%PDF-nieuw"), (sidecar, b'title = "nieuw"\n'), (text, b"nieuw\n")],
        [folder / "originals/brief.html"],
    )
    assert every_file(folder) == {
        "brief.source.toml": b'title = "nieuw"\n',
        "brief.txt": b"nieuw\n",
        "originals/brief.pdf": b"%PDF-nieuw",
    }
    assert atomic.interrupted(folder) == []


def test_a_failure_before_all_are_written_leaves_the_old_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, sidecar, original = texts_folder(folder)
    before = every_file(folder)
    real = atomic._write_new

    def full(path: Path, *args: object) -> None:
        if path.name.startswith(".brief.txt."):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "_write_new", full)
    with pytest.raises(OSError, match="No space left") as raised:
        atomic.replace_together(
            folder, "brief", [(original, b"%PDF-"), (sidecar, b"nieuw"), (text, b"nieuw")]
        )
    assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, str(text))
    assert every_file(folder) == before


def test_a_failure_to_put_one_in_place_leaves_a_journal_the_next_writer_finishes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, sidecar, original = texts_folder(folder)
    real = os.replace

    def refused(source: str, target: str) -> None:
        if str(target) == str(text):
            raise PermissionError(errno.EACCES, "Permission denied")
        real(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, "replace", refused)
        with pytest.raises(atomic.Unfinished) as raised:
            atomic.replace_together(
                folder, "brief", [(original, b"%PDF-"), (sidecar, b"nieuw"), (text, b"nieuw\n")]
            )
    assert raised.value.filename == str(text)
    assert text.read_text(encoding="utf-8") == "oud\n"  # a mix, until it is finished
    assert [label for label, _ in atomic.interrupted(folder)] == ["brief"]
    assert atomic.finish_interrupted(folder, [folder / "originals"]) == ["brief"]
    assert every_file(folder) == {
        "brief.source.toml": b"nieuw",
        "brief.txt": b"nieuw\n",
        "originals/brief.pdf": b"%PDF-",
    }


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from posities.io import atomic

folder, die_before = Path(sys.argv[1]), int(sys.argv[2])
real, calls = os.replace, []

def replace_or_die(source, target):
    calls.append(target)
    if len(calls) == die_before:
        os.kill(os.getpid(), signal.SIGKILL)
    real(source, target)

os.replace = replace_or_die
atomic.replace_together(
    folder,
    "brief",
    [
        (folder / "originals/brief.pdf", b"%PDF-nieuw"),
        (folder / "brief.source.toml", b"nieuw"),
        (folder / "brief.txt", b"nieuw"),
    ],
)
"""


def killed(folder: Path, die_before: int) -> None:
    """Run a writer of three files killed (SIGKILL) just before its `die_before`-th rename:
    the first puts its journal in place, the next three its files."""
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(folder), str(die_before)], check=False
    )
    assert child.returncode == -9


def test_a_writer_killed_before_its_journal_leaves_the_old_files_and_litter_that_goes(
    folder: Path,
) -> None:
    texts_folder(folder)
    before = every_file(folder)
    killed(folder, 1)
    assert atomic.interrupted(folder) == []
    assert len(every_file(folder)) == len(before) + 4  # three pending files, the journal's
    assert atomic.finish_interrupted(folder, [folder / "originals"]) == []
    assert every_file(folder) == before


@pytest.mark.parametrize("die_before", [2, 3, 4])
def test_a_writer_killed_after_its_journal_is_finished_by_the_next_one(
    folder: Path, die_before: int
) -> None:
    texts_folder(folder)
    killed(folder, die_before)
    assert [label for label, _ in atomic.interrupted(folder)] == ["brief"]
    assert atomic.finish_interrupted(folder, [folder / "originals"]) == ["brief"]
    assert every_file(folder) == {
        "brief.source.toml": b"nieuw",
        "brief.txt": b"nieuw",
        "originals/brief.pdf": b"%PDF-nieuw",
    }
    assert atomic.interrupted(folder) == []


def test_a_journal_is_never_followed_out_of_its_folder(tmp_path: Path, folder: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_text("kept", encoding="utf-8")
    (folder / "link").symlink_to(outside)
    dead = dead_pid()
    for name in ("secret", "../secret"):
        (outside / atomic.pending_name(name.rsplit("/")[-1], dead)).write_text("x", "utf-8")
    journal = folder / atomic.journal_name("brief", dead)
    journal.write_text(
        '{"replace": ["../outside/secret", "link/secret", "/etc/hostname", ""], '
        '"remove": ["../outside/secret", "link/secret", "./x", "a//b"]}',
        encoding="utf-8",
    )
    assert atomic.finish_interrupted(folder) == ["brief"]
    assert (outside / "secret").read_text(encoding="utf-8") == "kept"
    assert not journal.exists()


@pytest.mark.parametrize(
    "journal", [b"{", b"[]", b'{"replace": [1], "remove": []}', b'{"replace": []}', b"\xff"]
)
def test_a_journal_that_cannot_be_read_is_left_and_named(folder: Path, journal: bytes) -> None:
    path = folder / atomic.journal_name("brief", dead_pid())
    path.write_bytes(journal)
    assert atomic.finish_interrupted(folder) == []
    assert atomic.interrupted(folder) == [("brief", path)]


def test_a_running_writer_s_journal_and_pending_files_are_left_alone(folder: Path) -> None:
    alive = os.getppid()
    kept = [atomic.journal_name("brief", alive), atomic.pending_name("brief.txt", alive)]
    for name in kept:
        (folder / name).write_text("{}", encoding="utf-8")
    assert atomic.interrupted(folder) == []
    assert atomic.finish_interrupted(folder) == []
    assert names(folder) == sorted(kept)
