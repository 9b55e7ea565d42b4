"""The one error boundary: a domain error raised anywhere in a command is one message, the
first problems under it, and the error's exit code; and output that never fails on the
terminal's encoding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from posities.cli.boundary import ErrorBoundary
from posities.errors import PositiesError, Problem


class _Refused(PositiesError):
    exit_code = 5
    problems_shown = 2


def _app(error: PositiesError) -> typer.Typer:
    """An app with the boundary and one command that raises `error`."""
    app = typer.Typer(cls=ErrorBoundary)

    @app.callback()
    def main() -> None:
        """The callback makes a group of the app."""

    @app.command()
    def fail() -> None:
        """Raise the error."""
        raise error

    return app


def test_a_domain_error_is_one_message_with_its_problems_and_code() -> None:
    error = _Refused("the register is refused")
    error.problems = [Problem(f"p{n}.yaml", n, 1, "wrong") for n in range(1, 5)]
    result = CliRunner().invoke(_app(error), ["fail"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == (
        "error: the register is refused\n  p1.yaml:1:1: wrong\n  p2.yaml:2:1: wrong\n"
        "  … and 2 more\n"
    )


def test_an_error_without_problems_is_one_line() -> None:
    result = CliRunner().invoke(_app(PositiesError("no")), ["fail"], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (1, "error: no\n")


# --- output encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "command"),
    [
        ({"PYTHONIOENCODING": "cp1252"}, ["matrix", "--format", "markdown"]),
        ({"PYTHONIOENCODING": "ascii"}, ["list", "--format", "markdown", "--sources"]),
        ({"PYTHONIOENCODING": "latin-1"}, ["show", "jcpoa", "--lang", "nl"]),
        ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, ["show", "jcpoa"]),
    ],
)
def test_no_output_encoding_makes_a_command_fail(
    bundled: Path, env: dict[str, str], command: list[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posities", *command],
        capture_output=True,
        env={**os.environ, **env},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    encoding = env.get("PYTHONIOENCODING") or "ascii"
    text = done.stdout.decode(encoding)
    assert "jcpoa" in text
    if b"approximated" in done.stderr:
        assert b"-o FILE" in done.stderr


def test_a_utf8_terminal_gets_no_approximation_warning(bundled: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posities", "show", "jcpoa"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert "“".encode() in done.stdout


def test_writing_to_a_file_is_utf8_whatever_the_terminal(bundled: Path, tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    done = subprocess.run(
        [sys.executable, "-m", "posities", "list", "-f", "markdown", "--sources", "-o", target],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert done.returncode == 0
    assert b"approximated" not in done.stderr
    assert "“" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        ["show", "jcpoa", "--format", "json"],
        ["list", "--format", "json"],
        ["quote", "find", "Iran bezorgdheid", "--format", "json"],
    ],
)
def test_json_stays_exact_in_any_output_encoding(
    bundled: Path, encoding: str, command: list[str]
) -> None:
    def run(env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "posities", *command],
            capture_output=True,
            env={**os.environ, **env},
            check=False,
        )

    exact = run({"PYTHONIOENCODING": "utf-8"})
    narrow = run({"PYTHONIOENCODING": encoding})
    assert narrow.returncode == 0
    assert narrow.stderr == b""  # nothing approximated
    assert json.loads(narrow.stdout.decode(encoding)) == json.loads(exact.stdout.decode())
