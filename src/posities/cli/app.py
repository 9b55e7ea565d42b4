"""The `posities` app: its callback and --version, and the one table that registers every
command and sub-app. Command modules define plain functions and never import this module;
each is imported only when its command is built, so `posities list` loads the list module
alone (start-up time is measured)."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

import sys
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from typer.models import CommandInfo, TyperInfo

from posities import __version__
from posities.cli import boundary


@dataclass(frozen=True, slots=True)
class Command:
    """A command: its name, and its function `function` in module `posities.cli.<module>`;
    `cls` names a Click command class in that module, for a command that needs its own."""

    name: str
    module: str
    function: str
    hidden: bool = False
    cls: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """A sub-app (`posities git ...`): its name, help and commands."""

    name: str
    help: str
    commands: tuple[Command, ...]


COMMANDS = (
    Command("list", "listing", "list_command"),
    Command("show", "listing", "show"),
    Command("matrix", "listing", "matrix"),
    Command("compare", "compare", "compare"),
    Command("timeline", "timeline", "timeline"),
    Command("schema", "schema", "schema"),
    Command("check", "check", "check"),
    Command("diff", "history", "diff"),
    Command("log", "history", "log"),
    Command("set", "editing", "set_command"),
    Command("add-source", "editing", "add_source_command", cls="NewSpellings"),
    Command("relate", "editing", "relate"),
    Command("new", "editing", "new"),
    Command("edit", "editing", "edit"),
    Command("fmt", "fmt", "fmt_command"),
    Command("migrate", "migrate", "migrate_command"),
    Command("init", "init", "init"),
    Command("site", "site", "site"),
)
"""Every command, in the order --help lists them."""

GROUPS = (
    Group(
        "git",
        "Let plain git diff and git log -p show position changes field by field.",
        (
            Command("install", "git", "git_install"),
            Command("uninstall", "git", "git_uninstall"),
            Command("diff-driver", "git", "git_diff_driver", hidden=True),
        ),
    ),
    Group(
        "quote",
        "Find verbatim quotes in the register's source texts.",
        (Command("find", "quote", "quote_find"),),
    ),
    Group(
        "text",
        "Source texts: official documents made plain text that quotes are checked against.",
        (
            Command("add", "text", "text_add"),
            Command("list", "text", "text_list"),
            Command("show", "text", "text_show"),
        ),
    ),
)
"""Every sub-app, listed after the commands."""

SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def _register(app: typer.Typer, command: Command) -> None:
    """Import the module of `command` and register its function in `app`."""
    import importlib

    module = importlib.import_module(f"posities.cli.{command.module}")
    cls = getattr(module, command.cls) if command.cls else None
    app.command(command.name, hidden=command.hidden, cls=cls)(getattr(module, command.function))


class _App(typer.Typer):
    """The app, whose commands are registered from COMMANDS and GROUPS the first time Typer
    reads them (to build the Click group), each command's module imported then."""

    def __init__(self, **settings: Any) -> None:
        self._only: str | None = None
        self._loaded = False
        super().__init__(**settings)

    @property
    def registered_commands(self) -> list[CommandInfo]:
        """Every command, registered on first use."""
        self._load()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, commands: list[CommandInfo]) -> None:
        self._commands = commands

    @property
    def registered_groups(self) -> list[TyperInfo]:
        """Every sub-app, registered on first use."""
        self._load()
        return self._groups

    @registered_groups.setter
    def registered_groups(self, groups: list[TyperInfo]) -> None:
        self._groups = groups

    def keep_only(self, name: str) -> None:
        """Register only command or sub-app `name`, if it is one: Typer converts the options
        of every registered command on each run, about 10 ms a single command does not need."""
        import os

        if any(key.startswith("_POSITIES_COMPLETE") for key in os.environ):
            return  # completion may ask about any command
        if not self._loaded and name in {c.name for c in (*COMMANDS, *GROUPS)}:
            self._only = name

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for command in COMMANDS:
            if self._only in (None, command.name):
                _register(self, command)
        for group in GROUPS:
            if self._only in (None, group.name):
                sub = typer.Typer(name=group.name, help=group.help, **SETTINGS)
                for command in group.commands:
                    _register(sub, command)
                self.add_typer(sub)


app = _App(
    name="posities",
    help=(
        "Track your government's positions on foreign decisions: one YAML file per decision "
        "under positions/, listed, filtered, checked, compared with partners' stances, "
        "followed over time and turned into memo tables."
    ),
    pretty_exceptions_enable=False,
    cls=boundary.ErrorBoundary,
    **SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"posities {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track your government's positions on foreign decisions.

    The register is the positions/ folder in the current directory or its nearest parent
    (like git finds .git); --dir or POSITIES_DIR points elsewhere.
    """


def run() -> None:
    """Entry point of the console script and of `python -m posities`: the app inside the
    error boundary, with only the command named on the command line loaded."""
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        app.keep_only(sys.argv[1])
    boundary.run(app)
