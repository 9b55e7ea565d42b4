"""The one error boundary: a domain error raised anywhere in a command is one message, the
first problems under it, and the error's exit code."""

from __future__ import annotations

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
