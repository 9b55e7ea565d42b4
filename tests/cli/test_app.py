"""The app: one table registers every command, and a command run from the shell imports its
own module alone (start-up time is measured); help, the version and the console entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from posities import __version__
from posities.cli import app
from posities.cli.app import COMMANDS, GROUPS

from ..conftest import invoke, loaded_modules


def _cli_modules(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """The modules of posities.cli that `posities ARGS` imports."""
    return [m for m in loaded_modules(*args, env=env) if m.startswith("posities.cli.")]


def test_a_command_imports_its_own_module_alone(bundled: Path) -> None:
    assert _cli_modules("list") == [
        "posities.cli.app",
        "posities.cli.boundary",
        "posities.cli.listing",
        "posities.cli.options",
    ]
    assert "posities.cli.quote" in _cli_modules("quote", "find", "x")
    assert "posities.cli.listing" not in _cli_modules("quote", "find", "x")


HEAVY = ("docx", "openpyxl", "lxml", "playwright", "ruamel", "yaml", "rich")
"""Libraries a command path loads only when it needs them: documents, the layout rewriter,
the YAML parser (a warm cache needs none) and Rich (a terminal only)."""


def _top_modules(*args: str) -> set[str]:
    """The top-level packages that `posities ARGS` imports, its output piped."""
    return {m.split(".")[0] for m in loaded_modules(*args)}


def test_listing_loads_no_document_library(bundled: Path) -> None:
    _top_modules("list")  # fills the cache
    assert _top_modules("list") & set(HEAVY) == set()
    assert _top_modules("list", "--format", "html") & set(HEAVY) == set()


def test_help_and_a_mistyped_command_see_every_command(bundled: Path) -> None:
    commands = [*COMMANDS, *(c for g in GROUPS for c in g.commands)]
    every = {f"posities.cli.{c.module}" for c in commands}
    assert every <= set(_cli_modules("--help"))
    assert every <= set(_cli_modules("lsit"))


def test_completion_sees_every_command(bundled: Path) -> None:
    env = {**os.environ, "_POSITIES_COMPLETE": "complete_bash", "COMP_WORDS": "posities l"}
    env["COMP_CWORD"] = "1"
    assert "posities.cli.history" in _cli_modules(env=env)


def test_every_command_is_registered_in_the_order_of_the_table() -> None:
    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert names == [c.name for c in COMMANDS] + [g.name for g in GROUPS]
    for sub in GROUPS:
        commands = group.commands[sub.name].commands  # type: ignore[attr-defined]
        assert list(commands) == [c.name for c in sub.commands]


def test_a_hidden_command_is_left_out_of_help(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "git", "--help")
    assert code == 0
    assert "install" in out
    assert "diff-driver" not in out


# --- help, version and the console entry point ------------------------------------------------


def test_version(runner: CliRunner) -> None:
    assert invoke(runner, "--version") == (0, f"posities {__version__}\n", "")


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    code, out, _ = invoke(runner)
    assert code == 2
    assert "list" in out
    assert "check" in out


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("list", "show", "check"):
        code, out, _ = invoke(runner, command, "--help")
        assert code == 0
        assert "--format" in out


def test_the_console_entry_point_builds_only_the_command_it_runs(
    runner: CliRunner, bundled: Path
) -> None:
    import subprocess

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "posities", *args], capture_output=True, text=True, check=False
        )

    assert run("list", "--format", "json").stdout == invoke(runner, "list", "--format", "json")[1]
    listed = run("--help").stdout
    for command in ("list", "show", "check", "diff", "log", "matrix", "set", "new", "edit", "git"):
        assert f" {command} " in listed
    wrong = run("lst")
    assert wrong.returncode == 2
    assert "No such command 'lst'" in wrong.stderr
