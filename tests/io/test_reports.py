"""Reports written with -o FILE: a regular file is replaced in one step, a device, pipe or
terminal is written into (never replaced), `-` is standard output, and a file that cannot be
written is exit 1 while a path that may not be written is a usage error; every report can be
written to a file."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.errors import PositiesError, UsageError
from posities.io.reports import write_report

from ..conftest import invoke

READER_WAIT = 60  # seconds a test waits for a reader process before calling the test failed


def _reader(fifo: Path, got: Path) -> subprocess.Popen[bytes]:
    """A process that copies what comes through `fifo` into `got`."""
    copy = f"open({str(got)!r}, 'wb').write(open({str(fifo)!r}, 'rb').read())"
    return subprocess.Popen([sys.executable, "-c", copy])


def _finished(process: subprocess.Popen[bytes]) -> int:
    try:
        return process.wait(timeout=READER_WAIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return -1


def test_a_report_into_a_pipe_reaches_its_reader(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    _, printed, _ = invoke(runner, "list")
    fifo, got = tmp_path / "fifo", tmp_path / "got"
    os.mkfifo(fifo)
    reader = _reader(fifo, got)
    try:
        code, out, err = invoke(runner, "list", "-o", str(fifo))
    finally:
        status = _finished(reader)
    assert (code, out, err) == (0, "", f"wrote {fifo}\n")
    assert status == 0
    assert got.read_text(encoding="utf-8") == printed
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_pipe_whose_reader_goes_away_is_an_output_error(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    quitter = subprocess.Popen([sys.executable, "-c", f"open({str(fifo)!r}).close()"])
    try:
        with pytest.raises(PositiesError) as raised:
            write_report(fifo, ["x" * 1_000_000], None)  # more than a pipe holds
    finally:
        _finished(quitter)
    assert not isinstance(raised.value, UsageError)
    assert str(raised.value) == f"cannot write {fifo}: the reader of the pipe closed it"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_report_to_dev_null_leaves_it_a_device(runner: CliRunner, bundled: Path) -> None:
    before = os.stat("/dev/null")
    assert invoke(runner, "list", "-o", "/dev/null") == (0, "", "wrote /dev/null\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes device nodes")
def test_a_report_to_a_device_node_writes_into_it(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    node = tmp_path / "mynull"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a second /dev/null
    assert invoke(runner, "list", "-o", str(node)) == (0, "", f"wrote {node}\n")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert os.lstat(node).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir() if "posities-tmp" in p.name) == []


def test_a_full_device_is_an_output_error(runner: CliRunner, bundled: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    assert invoke(runner, "list", "-o", "/dev/full") == (
        1,
        "",
        "error: cannot write /dev/full: the disk is full\n",
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_report_to_a_terminal_is_written_on_it(runner: CliRunner, bundled: Path) -> None:
    main, side = os.openpty()
    try:
        name = os.ttyname(side)
        assert invoke(runner, "matrix", "--format", "csv", "-o", name) == (0, "", f"wrote {name}\n")
        shown = os.read(main, 65536)
    finally:
        os.close(side)
        os.close(main)
    assert shown.startswith(b"Goal shared,Means differ,label,ids\r\n")


def test_a_socket_is_never_replaced(runner: CliRunner, bundled: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind("sock")
        code, out, err = invoke(runner, "list", "-o", "sock")
    finally:
        listener.close()
    assert (code, out) == (1, "")
    assert err.startswith("error: cannot write sock: ")
    assert stat.S_ISSOCK(os.lstat("sock").st_mode)


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_a_report_to_dev_stdout_or_stderr_goes_to_that_stream(bundled: Path, stream: str) -> None:
    plain = subprocess.run(
        [sys.executable, "-m", "posities", "list"], capture_output=True, check=False
    )
    done = subprocess.run(
        [sys.executable, "-m", "posities", "list", "-o", f"/dev/{stream}"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    wrote = f"wrote /dev/{stream}\n".encode()
    if stream == "stdout":
        assert (done.stdout, done.stderr) == (plain.stdout, wrote)
    else:
        assert (done.stdout, done.stderr) == (b"", plain.stdout + wrote)


def test_a_report_to_dev_stdout_appends_to_a_file_it_is_sent_to(
    bundled: Path, tmp_path: Path
) -> None:
    log = tmp_path / "log"
    log.write_text("before\n", encoding="utf-8")
    done = subprocess.run(
        f"{sys.executable} -m posities matrix --format csv -o /dev/stdout >> {log}",
        shell=True,
        stderr=subprocess.PIPE,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"wrote /dev/stdout\n")
    assert log.read_text(encoding="utf-8").startswith("before\nGoal shared,")


def test_dash_is_standard_output(runner: CliRunner, bundled: Path) -> None:
    _, printed, _ = invoke(runner, "matrix", "--format", "json")
    assert invoke(runner, "matrix", "--format", "json", "-o", "-") == (0, printed, "")
    assert not Path("-").exists()
    assert invoke(runner, "matrix", "--format", "json", "-o", "./-")[0] == 0
    assert Path("-").read_text(encoding="utf-8") == printed


def test_a_missing_folder_is_an_output_error(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    assert invoke(runner, "list", "-o", str(tmp_path / "nowhere" / "memo.md")) == (
        1,
        "",
        f"error: cannot write {tmp_path}/nowhere/memo.md: the folder "
        f"'{tmp_path}/nowhere' does not exist\n",
    )


def test_a_folder_is_refused_as_a_usage_error(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    code, out, err = invoke(runner, "list", "-o", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path} is a folder; name a file to write the report to\n"


# --- every report, written to a file ----------------------------------------------------------


def test_output_file_holds_what_stdout_would(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    args = ["list", "--format", "markdown", "--lang", "nl", "--sources"]
    _, printed, _ = invoke(runner, *args)
    target = tmp_path / "memo.md"
    code, out, err = invoke(runner, *args, "-o", str(target))
    assert (code, out) == (0, "")
    assert err.startswith("wrote ")
    assert target.read_text(encoding="utf-8") == printed


@pytest.mark.parametrize(
    "command",
    [
        ["show", "jcpoa"],
        ["show", "jcpoa", "--format", "markdown"],
        ["matrix"],
        ["matrix", "--format", "json"],
        ["schema"],
        ["list"],
        ["check"],
        ["check", "--format", "json"],
        ["quote", "find", "Iran bezorgdheid"],
    ],
)
def test_every_report_can_be_written_to_a_file(
    runner: CliRunner, bundled: Path, tmp_path: Path, command: list[str]
) -> None:
    _, printed, _ = invoke(runner, *command)
    target = tmp_path / "report.out"
    code, out, _ = invoke(runner, *command, "--output", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == printed


def test_a_report_is_never_written_over_a_position_file(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    original = (bundled / "jcpoa.yaml").read_bytes()
    code, out, err = invoke(runner, "list", "-o", str(bundled / "jcpoa.yaml"))
    assert (code, out) == (2, "")
    assert "inside the register folder" in err
    assert (bundled / "jcpoa.yaml").read_bytes() == original
    elsewhere = tmp_path / "copy.yaml"
    elsewhere.write_bytes(original)
    code, _, err = invoke(runner, "list", "-o", str(elsewhere))
    assert code == 2
    assert "is a position file" in err
    assert elsewhere.read_bytes() == original


def test_a_report_replaces_a_file_in_one_step(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "memo.md"
    target.write_text("old memo\n", encoding="utf-8")
    os.chmod(target, 0o640)
    assert invoke(runner, "list", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith(
        "| ID | "
    )  # memo.md: Markdown, as its name says
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if "posities-tmp" in p.name] == []


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "2026-11-20", "HEAD"],
        ["diff", "2026-11-20", "HEAD", "--format", "markdown", "--lang", "nl"],
        ["diff", "HEAD~1..HEAD", "--format", "json"],
        ["log", "jcpoa"],
        ["log", "--format", "csv"],
    ],
)
def test_history_reports_can_be_written_to_a_file(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    from .. import demo

    demo.build(tmp_path / "work")
    _, printed, _ = invoke(runner, *command)
    target = tmp_path / "history.out"
    code, out, err = invoke(runner, *command, "-o", str(target))
    assert (code, out) == (0, "")
    assert "wrote" in err
    assert target.read_text(encoding="utf-8") == printed
