"""Running the command line in a real pseudo-terminal of a given size."""

from __future__ import annotations

import fcntl
import os
import re
import selectors
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")

# What the caller's own terminal or CI would otherwise pass on and change the output with.
NOT_INHERITED = (
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "COLORTERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LC_ALL",
    "LC_CTYPE",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONCOERCECLOCALE",
)


@dataclass(frozen=True)
class Session:
    """What one run showed: its exit code, standard output and standard error."""

    code: int
    out: str
    err: str


def run_in_terminal(
    args: list[str],
    cwd: Path,
    columns: int = 80,
    rows: int = 40,
    env: Mapping[str, str | None] | None = None,
    raw: bool = False,
) -> str:
    """The text `posities ARGS` shows in a terminal `columns` wide, standard output and error
    on one screen (escape codes removed unless `raw`)."""
    return in_terminal(args, cwd, columns, rows, env, raw, apart=False).out


def in_terminal(
    args: list[str],
    cwd: Path,
    columns: int = 80,
    rows: int = 40,
    env: Mapping[str, str | None] | None = None,
    raw: bool = False,
    apart: bool = True,
    piped: bool = False,
) -> Session:
    """Run `posities ARGS` with terminals `columns` wide for standard input and output and,
    when `apart`, another for standard error (else it shares the output's); with `piped`,
    standard output is a pipe instead. An `env` value of None removes that variable."""
    screen, screen_end = _terminal(columns, rows)
    error, error_end = _terminal(columns, rows) if apart else (screen, screen_end)
    process = subprocess.Popen(
        [sys.executable, "-m", "posities", *args],
        stdin=screen_end,
        stdout=subprocess.PIPE if piped else screen_end,
        stderr=error_end,
        cwd=cwd,
        env=_environment(env or {}),
        close_fds=True,
    )
    for end in {screen_end, error_end}:
        os.close(end)
    if process.stdout is not None:  # the terminals show standard error only
        sources = {screen: "err", error: "err", process.stdout.fileno(): "out"}
    else:  # the first shows standard output, and standard error too unless `apart`
        sources = {error: "err", screen: "out"}
    read = _read_all(sources, process)
    for master in {screen, error}:
        os.close(master)
    if process.stdout is not None:
        process.stdout.close()
    code = process.wait(timeout=60)
    return Session(code, *(_text(read[name], raw) for name in ("out", "err")))


def _terminal(columns: int, rows: int) -> tuple[int, int]:
    """A new pseudo-terminal of that size: (the side we read, the side the program gets)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return master, slave


def _environment(changes: Mapping[str, str | None]) -> dict[str, str]:
    """This process's environment less what would change the output, in a UTF-8 xterm."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment |= {"TERM": "xterm-256color", "LANG": "C.UTF-8"}
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def _read_all(sources: dict[int, str], process: subprocess.Popen[bytes]) -> dict[str, bytes]:
    """Everything written to each source until all are closed (a minute at most)."""
    read = {"out": b"", "err": b""}
    selector = selectors.DefaultSelector()
    for descriptor in sources:
        selector.register(descriptor, selectors.EVENT_READ)
    deadline = time.monotonic() + 60
    while selector.get_map():
        ready = selector.select(timeout=max(0.0, deadline - time.monotonic()))
        if not ready:
            process.kill()
            raise TimeoutError(f"posities did not end within a minute; it wrote {read}")
        for key, _ in ready:
            try:
                data = os.read(key.fd, 65536)
            except OSError:  # a terminal whose program side is closed: the program ended
                data = b""
            if data:
                read[sources[key.fd]] += data
            else:
                selector.unregister(key.fd)
    selector.close()
    return read


def _text(data: bytes, raw: bool) -> str:
    """What a UTF-8 terminal shows for `data` (invalid UTF-8 fails the test)."""
    text = data.decode("utf-8").replace("\r\n", "\n")
    return text if raw else ESCAPE.sub("", text)
