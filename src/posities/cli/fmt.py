"""The `fmt` command: lay position files out the register's one way."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import Annotated

import typer

from posities.cli import boundary as output
from posities.cli.boundary import EXIT_PROBLEMS
from posities.cli.options import DirOption, complete_ids, register_root


def fmt_command(
    position_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="The positions to lay out (default: every position file).",
            autocompletion=complete_ids,
            show_default=False,
        ),
    ] = None,
    check_only: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Change nothing: list the files that would change and exit 1 if there are any "
            "(for a pre-commit hook or CI).",
        ),
    ] = False,
    folder: DirOption = None,
) -> None:
    """Lay position files out the register's one way, keeping every comment.

    Keys in the schema's order, topics and supports on one line, two-space indentation, long
    texts folded. A file is written only when it reads back as exactly the same record, so fmt
    never changes what a position says. Running it twice changes nothing the second time.

    Examples: posities fmt; posities fmt jcpoa; posities fmt --check
    """
    from posities.core.fmt import lay_out

    laid = lay_out(register_root(folder), position_ids or [], check_only)
    for problem in laid.problems:
        output.err(str(problem))
    verb = "would lay out" if check_only else "laid out"
    for label in laid.changed:
        output.err(f"{verb} {label}")
    changed = len(laid.changed)
    files = "file" if changed == 1 else "files"
    output.err(
        f"{changed} {files} {'would be laid out' if check_only else 'laid out'}, "
        f"{laid.unchanged} already in layout"
        + (f", {len(laid.problems)} could not be laid out" if laid.problems else "")
        + "."
    )
    if laid.failed or (check_only and laid.changed):
        raise typer.Exit(EXIT_PROBLEMS)
