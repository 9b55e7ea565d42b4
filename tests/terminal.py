"""Running the command line in a real pseudo-terminal of a given size."""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import sys
import termios
from pathlib import Path


def run_in_terminal(
    args: list[str],
    cwd: Path,
    columns: int = 80,
    rows: int = 40,
    env: dict[str, str] | None = None,
    raw: bool = False,
) -> str:
    """The text `posities ARGS` shows in a terminal `columns` wide (escape codes removed
    unless `raw`)."""
    import re

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    environment["TERM"] = "xterm-256color"
    environment.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "posities", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=environment,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed: the program ended
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    if raw:
        return text
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", text)
