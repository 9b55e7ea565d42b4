"""core/save called directly: the validating write refuses what it must, leaves the file as it
was and no temporary or lock file behind, and keeps two writers of one file apart; a writer
killed mid-write leaves one whole version."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from posities.core import save as store
from posities.core.register import load
from posities.core.save import InvalidEdit, WriteError, check_text, locked, rewrite, write_position
from posities.errors import PositiesError, Problem
from posities.io import atomic

from ..conftest import Holder, minimal, write

NAME = "a-decision.yaml"
LABEL = f"positions/{NAME}"
QUOTED = minimal().replace("    quote: Wij", "    text: texts/letter.txt\n    quote: Wij")
"""A position whose one quote names its source text, texts/letter.txt."""


def names(folder: Path) -> list[str]:
    """What a folder holds, sorted (hidden temporary and lock files too)."""
    return sorted(os.listdir(folder))


@pytest.fixture
def folder(empty_register: Path) -> Path:
    """A register with one position file and the source text its quote is in."""
    (empty_register / "texts").mkdir()
    write(empty_register, "texts/letter.txt", "Wij vinden er iets van. En nog meer.\n")
    write(empty_register, NAME, QUOTED)
    return empty_register


@pytest.fixture
def path(folder: Path) -> Path:
    """The position file."""
    return folder / NAME


def unchanged(path: Path) -> None:
    """The file still holds what the fixture wrote and nothing was left beside it."""
    assert path.read_text(encoding="utf-8") == QUOTED
    assert names(path.parent) == [NAME, "texts"]


# --- what is written ------------------------------------------------------------------------


def test_a_valid_text_replaces_the_file(path: Path) -> None:
    changed = QUOTED.replace("stance: critical", "stance: opposes")
    write_position(path, QUOTED.encode(), changed, "a-decision")
    assert path.read_text(encoding="utf-8") == changed
    assert names(path.parent) == [NAME, "texts"]


def test_a_new_file_is_created_when_none_was_there(folder: Path) -> None:
    new = folder / "b-decision.yaml"
    write_position(new, None, minimal("b-decision"), "b-decision")
    assert new.read_text(encoding="utf-8") == minimal("b-decision")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~atomic.umask()


def test_the_file_keeps_its_mode(path: Path) -> None:
    path.chmod(0o640)
    write_position(path, QUOTED.encode(), QUOTED.replace("actor: US", "actor: EU"), "a-decision")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(path: Path) -> None:
    text = "\ufeff" + QUOTED.replace("\n", "\r\n")
    write_position(path, QUOTED.encode(), text, "a-decision")
    assert path.read_bytes() == b"\xef\xbb\xbf" + QUOTED.replace("\n", "\r\n").encode()


def test_a_link_is_written_through_to_its_target(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    target = write(elsewhere, NAME, minimal())
    (folder / NAME).unlink()
    link = folder / NAME
    link.symlink_to(target)
    write_position(link, minimal().encode(), minimal(stance="opposes"), "a-decision")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == minimal(stance="opposes")
    assert names(elsewhere) == [NAME]


def test_temporary_files_of_killed_writers_are_removed(path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    write(path.parent, f".{NAME}.{child.pid}.posities-tmp", "half a file")
    write(path.parent, f".{NAME}.posities-lock", "")
    write_position(path, QUOTED.encode(), QUOTED.replace("actor: US", "actor: EU"), "a-decision")
    assert names(path.parent) == [NAME, "texts"]


def test_rewrite_writes_without_validating(path: Path) -> None:
    rewrite(path, QUOTED.encode(), "not: [a position\n")
    assert path.read_text(encoding="utf-8") == "not: [a position\n"
    assert names(path.parent) == [NAME, "texts"]


# --- what is refused, with the file left as it was ----------------------------------------


def test_an_invalid_text_is_refused_with_its_problems(path: Path) -> None:
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, QUOTED.encode(), QUOTED.replace("critical", "maybe"), "a-decision")
    assert str(caught.value) == (
        f"the change would leave {LABEL} invalid (1 problem); nothing was written"
    )
    assert caught.value.problems == [
        Problem(
            LABEL,
            11,
            9,
            "stance: the string 'maybe' is not valid. Valid values: supports, neutral, "
            "concerned, critical, opposes",
        )
    ]
    assert caught.value.exit_code == 1
    unchanged(path)


def test_problems_are_counted_in_the_message(path: Path) -> None:
    text = QUOTED.replace("critical", "maybe").replace("goal_shared: null", "goal_shared: 3")
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, QUOTED.encode(), text, "a-decision")
    assert str(caught.value) == (
        f"the change would leave {LABEL} invalid (2 problems); nothing was written"
    )
    assert [(p.line, p.column) for p in caught.value.problems] == [(11, 9), (12, 14)]
    unchanged(path)


def test_an_id_that_is_not_the_file_name_is_refused(path: Path) -> None:
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, QUOTED.encode(), QUOTED, "b-decision")
    assert [str(p) for p in caught.value.problems] == [
        f"{LABEL}:1:5: id 'a-decision' does not match the file name 'b-decision.yaml'; rename "
        "one so they agree"
    ]
    unchanged(path)


def test_a_quote_not_in_its_text_is_refused(path: Path) -> None:
    text = QUOTED.replace("er iets van", "er niets van")
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, QUOTED.encode(), text, "a-decision")
    assert str(caught.value) == (
        f"the change would leave {LABEL} invalid (1 problem); nothing was written"
    )
    assert [str(p) for p in caught.value.problems] == [
        f"{LABEL}:23:12: sources[0].quote is not found verbatim in 'texts/letter.txt' "
        "(whitespace, line-break hyphens and quote marks aside); closest, at line 1: 'Wij vinden "
        'er iets van.\'; differs: "niets" → "iets"; copy it exactly from the text (posities '
        "quote find)"
    ]
    unchanged(path)


def test_a_source_text_that_is_missing_is_refused(path: Path) -> None:
    text = QUOTED.replace("texts/letter.txt", "texts/gone.txt")
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, QUOTED.encode(), text, "a-decision")
    assert [str(p) for p in caught.value.problems] == [
        f"{LABEL}:22:11: sources[0].text 'texts/gone.txt': no such file (the path is relative "
        "to the register folder)"
    ]
    unchanged(path)


def test_bytes_that_were_not_utf8_are_refused(path: Path) -> None:
    text = QUOTED.replace("actor: US", "actor: caf\udce9")
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, QUOTED.encode(), text, "a-decision")
    assert [str(p) for p in caught.value.problems] == [
        f"{LABEL}:5:11: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]
    assert check_text(text, "a-decision", "x.yaml") == [
        Problem("x.yaml", 5, 11, "not valid UTF-8 (byte 0xe9); save the file as UTF-8")
    ]
    unchanged(path)


def test_a_valid_text_has_no_problems() -> None:
    assert check_text(minimal(), "a-decision", "x.yaml") == []


def test_a_file_changed_since_it_was_read_is_not_overwritten(path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        write_position(path, minimal().encode(), minimal(stance="opposes"), "a-decision")
    assert str(caught.value) == (
        f"{LABEL} changed on disk since it was read; nothing was written. Run the command again."
    )
    unchanged(path)


def test_a_file_created_meanwhile_is_not_overwritten(folder: Path) -> None:
    new = write(folder, "b-decision.yaml", minimal("b-decision", stance="supports"))
    with pytest.raises(WriteError) as caught:
        write_position(new, None, minimal("b-decision"), "b-decision")
    assert str(caught.value) == (
        "positions/b-decision.yaml was created since it was read; nothing was written. Run the "
        "command again."
    )
    assert new.read_text(encoding="utf-8") == minimal("b-decision", stance="supports")
    assert names(folder) == [NAME, "b-decision.yaml", "texts"]


def test_a_file_removed_meanwhile_is_not_written_again(path: Path) -> None:
    path.unlink()
    with pytest.raises(WriteError) as caught:
        write_position(path, QUOTED.encode(), QUOTED, "a-decision")
    assert str(caught.value) == (
        f"{LABEL} was removed since it was read; nothing was written. Run the command again."
    )
    assert names(path.parent) == ["texts"]


def test_a_read_only_file_is_not_written(path: Path) -> None:
    path.chmod(0o444)
    with pytest.raises(WriteError) as caught:
        write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
    assert str(caught.value) == (
        f"{LABEL} is read-only; nothing was written (chmod u+w to allow edits)"
    )
    unchanged(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_folder_in_place_of_the_file_cannot_be_read(folder: Path) -> None:
    target = folder / "b-decision.yaml"
    target.mkdir()
    with pytest.raises(WriteError) as caught:
        rewrite(target, None, minimal("b-decision"))
    assert str(caught.value) == f"cannot read '{target}': Is a directory"
    assert target.is_dir()
    assert names(folder) == [NAME, "b-decision.yaml", "texts"]


def test_a_missing_folder_is_a_write_error(folder: Path) -> None:
    with pytest.raises(WriteError) as caught:
        rewrite(folder / "missing" / NAME, None, QUOTED)
    assert str(caught.value) == (
        f"cannot write positions/missing/{NAME}: No such file or directory; the file is unchanged"
    )
    assert names(folder) == [NAME, "texts"]


def test_a_change_in_the_last_moment_is_not_overwritten(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chmod = os.chmod

    def meanwhile(target: str | Path, mode: int) -> None:
        chmod(target, mode)  # the new text is ready; another program writes the file now
        path.write_text(minimal(stance="supports"), encoding="utf-8")

    monkeypatch.setattr(os, "chmod", meanwhile)
    with pytest.raises(WriteError) as caught:
        write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
    assert str(caught.value) == (
        f"{LABEL} changed on disk while it was written; nothing was written"
    )
    assert path.read_text(encoding="utf-8") == minimal(stance="supports")
    assert names(path.parent) == [NAME, "texts"]


@pytest.mark.parametrize(
    ("call", "code", "why"),
    [
        ("replace", errno.EACCES, "permission denied (is the file or its folder read-only?)"),
        ("fsync", errno.EIO, "Input/output error"),
        ("write", errno.ENOSPC, "the disk is full"),
        ("chmod", errno.EROFS, "the file system is read-only"),
    ],
)
def test_a_failure_while_writing_leaves_the_file_and_nothing_beside_it(
    path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, why: str
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, fail)
    with pytest.raises(WriteError) as caught:
        write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
    monkeypatch.undo()
    assert str(caught.value) == f"cannot write {LABEL}: {why}; the file is unchanged"
    unchanged(path)


def test_an_interruption_while_writing_leaves_the_file_and_nothing_beside_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
    monkeypatch.undo()
    unchanged(path)


# --- two writers ----------------------------------------------------------------------------


def test_a_second_writer_waits_then_gives_up_clearly(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "LOCK_WAIT", 0.2)
    holder = Holder(path, "posities.core.save:locked")
    try:
        with pytest.raises(WriteError) as caught:
            write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
        assert names(path.parent) == [f".{NAME}.posities-lock", NAME, "texts"]  # the holder's
    finally:
        holder.release()
    assert str(caught.value) == (f"{LABEL} is being written by another posities process; try again")
    unchanged(path)


def test_a_second_writer_that_waits_writes_once_the_first_is_done(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "LOCK_WAIT", 60.0)
    holder = Holder(path, "posities.core.save:locked")
    releasing = threading.Timer(0.1, holder.release)
    releasing.start()
    try:
        write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
    finally:
        releasing.join()
    assert holder.process.returncode == 0
    assert path.read_text(encoding="utf-8") == QUOTED.replace("US", "EU")
    assert names(path.parent) == [NAME, "texts"]


def test_a_writer_that_holds_the_lock_may_write_under_it(path: Path) -> None:
    with locked(path):
        assert names(path.parent) == [f".{NAME}.posities-lock", NAME, "texts"]
        write_position(path, QUOTED.encode(), QUOTED.replace("US", "EU"), "a-decision")
        assert names(path.parent) == [f".{NAME}.posities-lock", NAME, "texts"]
    assert path.read_text(encoding="utf-8") == QUOTED.replace("US", "EU")
    assert names(path.parent) == [NAME, "texts"]


def test_a_lock_that_cannot_be_taken_is_a_write_error(folder: Path) -> None:
    with pytest.raises(WriteError) as caught, locked(folder / "missing" / NAME):
        pytest.fail("locked in a folder that does not exist")
    assert str(caught.value) == (
        f"cannot write positions/missing/{NAME}: No such file or directory; the file is unchanged"
    )


def test_the_lock_of_a_link_is_its_target_s(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    target = write(elsewhere, NAME, minimal())
    link = folder / "link.yaml"
    link.symlink_to(target)
    with locked(link):
        assert names(elsewhere) == [f".{NAME}.posities-lock", NAME]
        assert names(folder) == [NAME, "link.yaml", "texts"]
    assert names(elsewhere) == [NAME]


# --- the writer, as editing uses it -----------------------------------------------------------


def test_a_symlink_is_written_through(tmp_path: Path, empty_register: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text(minimal(), encoding="utf-8")
    link = empty_register / "a-decision.yaml"
    link.symlink_to(target)
    store.write_position(link, target.read_bytes(), minimal(stance="opposes"), "a-decision")
    assert link.is_symlink()
    assert "stance: opposes" in target.read_text(encoding="utf-8")


def test_permissions_are_kept(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    path.chmod(0o640)
    store.write_position(path, path.read_bytes(), minimal(stance="opposes"), "a-decision")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_another_edit_since_the_file_was_read_is_not_overwritten(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    read = path.read_bytes()
    path.write_text(minimal(stance="supports"), encoding="utf-8")  # another edit meanwhile
    with pytest.raises(store.WriteError, match="changed on disk since it was read"):
        store.write_position(path, read, minimal(stance="opposes"), "a-decision")
    assert "stance: supports" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied (is the file or its folder read-only?)"),
        (errno.EROFS, "the file system is read-only"),
    ],
)
def test_write_faults_leave_the_file_and_no_temp(
    empty_register: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    before = path.read_bytes()

    def fail(*_args: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(
        store.WriteError,
        match=f"cannot write .*: {reason.replace('(', '.').replace(')', '.').replace('?', '.')}",
    ):
        store.write_position(path, before, minimal(stance="opposes"), "a-decision")
    assert path.read_bytes() == before
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


def test_invalid_text_is_never_written(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    before = path.read_bytes()
    for text in (minimal() + "stance: opposes\n", minimal() + "x: &a 1\n", "[1]\n"):
        with pytest.raises(PositiesError):
            store.write_position(path, before, text, "a-decision")
    assert path.read_bytes() == before


WRITER = """
import sys
from pathlib import Path
from posities.core.save import write_position
path = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_text(), Path(sys.argv[3]).read_text()]
n = 0
while True:
    current = path.read_bytes()
    new = versions[1] if current == versions[0].encode() else versions[0]
    write_position(path, current, new, "a-decision")
    n += 1
"""


def test_a_killed_writer_leaves_one_whole_version(empty_register: Path, tmp_path: Path) -> None:
    import random
    import signal
    import subprocess
    import time

    first, second = minimal(), minimal(stance="opposes") + "# " + "x" * 5000 + "\n"
    (tmp_path / "v1").write_text(first)
    (tmp_path / "v2").write_text(second)
    path = write(empty_register, "a-decision.yaml", first)
    rng = random.Random(7)
    for _ in range(12):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(tmp_path / "v1"), str(tmp_path / "v2")]
        )
        time.sleep(0.25 + rng.random() * 0.2)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert path.read_text() in (first, second)
    assert load(empty_register).valid
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


def test_a_file_system_without_locks_is_still_written(
    empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_locks(*_args: object) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    path = write(empty_register, "a-decision.yaml", minimal())
    monkeypatch.setattr(fcntl, "flock", no_locks)
    store.write_position(path, path.read_bytes(), minimal(stance="opposes"), "a-decision")
    assert "stance: opposes" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


# --- the register's holders -------------------------------------------------------------------


def test_a_write_refuses_a_holder_code_the_register_does_not_declare(
    empty_register: Path,
) -> None:
    write(empty_register, "posities.toml", '[holders]\nNL = {nl = "Nederland", en = "NL"}\n')
    text = minimal().replace("actor: US", "actor: NL")
    path = write(empty_register, NAME, text)
    with pytest.raises(InvalidEdit) as caught:
        write_position(path, text.encode(), text.replace("actor: NL", "actor: QQ"), "a-decision")
    assert [str(p) for p in caught.value.problems] == [
        f"{LABEL}:5:8: actor 'QQ' is not a holder declared in posities.toml. Declared: NL"
    ]
    assert path.read_text(encoding="utf-8") == text


def test_a_write_refuses_while_posities_toml_has_problems(empty_register: Path) -> None:
    write(empty_register, "posities.toml", 'holder = "NL"\n[holders]\n[holders]\n')
    text = minimal()
    path = write(empty_register, NAME, text)
    with pytest.raises(PositiesError) as caught:
        write_position(path, text.encode(), text.replace("critical", "opposes"), "a-decision")
    assert str(caught.value) == (
        "posities.toml has problems, so the register's holders are not known; nothing was written"
    )
    assert [p.line for p in caught.value.problems] == [3]
    assert path.read_text(encoding="utf-8") == text
