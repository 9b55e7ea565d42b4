"""The `git` commands: install and remove the diff driver, and the driver itself, so that
plain git diff and git log -p show position changes field by field."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import Annotated

import typer

from posities.cli import boundary as output
from posities.cli.options import DirOption, open_repo_for
from posities.errors import UsageError


def git_install(folder: DirOption = None) -> None:
    """Register posities as git's diff driver for this register's files.

    Adds a line to the repository's .gitattributes (commit it to share it) and sets
    diff.posities.command in the repository's local git config (each clone runs this once).
    Then git diff and git log -p show stance changes instead of YAML lines.
    """
    from posities.git.attributes import default_command, install

    try:
        done = install(open_repo_for(folder), default_command())
    except OSError as error:  # a file it writes cannot be: said as a usage error
        raise UsageError(str(error)) from None
    for line in done:
        output.err(line)


def git_uninstall(folder: DirOption = None) -> None:
    """Remove the diff driver: its .gitattributes line and its local git config."""
    from posities.git.attributes import uninstall

    try:
        done = uninstall(open_repo_for(folder))
    except OSError as error:  # a file it writes cannot be: said as a usage error
        raise UsageError(str(error)) from None
    for line in done:
        output.err(line)


def git_diff_driver(
    args: Annotated[list[str], typer.Argument(help="The arguments git passes to a driver.")],
) -> None:
    """Git's external diff protocol: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE,
    and after a rename NEW-PATH RENAME-INFO."""
    from posities.render.driver import Side, side_text

    if len(args) not in (7, 9):
        raise typer.BadParameter(
            f"expected the 7 or 9 arguments git passes to a diff driver, got {len(args)}"
        )
    new_path = args[7] if len(args) == 9 else args[0]
    output.out(side_text(Side(args[0], args[1], args[3]), Side(new_path, args[4], args[6])))
