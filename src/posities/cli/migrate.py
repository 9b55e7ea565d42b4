"""The `migrate` command: a file's own stance moved between the top level and `stances:`."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import Annotated

import typer

from posities.cli import boundary as output
from posities.cli.boundary import EXIT_PROBLEMS
from posities.cli.options import DirOption, complete_ids, register_root


def migrate_command(
    position_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="The positions to migrate (default: every position file).",
            autocompletion=complete_ids,
            show_default=False,
        ),
    ] = None,
    inline: Annotated[
        bool,
        typer.Option(
            "--inline",
            help="Move the own stance back to the top level (the form files have by default).",
        ),
    ] = False,
    check_only: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Change nothing: list the files not in the form asked for and exit 1 if there "
            "are any (for a pre-commit hook or CI).",
        ),
    ] = False,
    folder: DirOption = None,
) -> None:
    """Move each file's own stance into stances: beside the other statements, and back.

    The top-level stance, goal_shared, means_differ, since, until, summary, sources and
    updated become an item of stances: with holder: set to the register's own holder (NL
    unless posities.toml says otherwise) and its since written out, and the file says
    holder: NL at the top: the latest of NL's statements in stances: is then the file's own
    stance. --inline moves it back. Both forms read as the same record, so every command shows
    the same; a file is written only when it does, and every comment is kept.

    Examples: posities migrate; posities migrate jcpoa --inline; posities migrate --check
    """
    from posities.core.migrate import migrate

    done = migrate(register_root(folder), position_ids or [], inline, check_only)
    form = "inline form" if inline else "stances form"
    for problem in done.problems:
        output.err(str(problem))
    for label in done.changed:
        output.err(f"{label} is not in {form}" if check_only else f"moved {label} to {form}")
    changed = len(done.changed)
    files = "file" if changed == 1 else "files"
    output.err(
        (f"{changed} {files} not in {form}" if check_only else f"{changed} {files} moved to {form}")
        + f", {done.unchanged} in it already"
        + (
            f", {len({p.path for p in done.problems})} could not be migrated"
            if done.problems
            else ""
        )
        + "."
    )
    if done.failed or (check_only and done.changed):
        raise typer.Exit(EXIT_PROBLEMS)
