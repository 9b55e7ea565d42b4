"""The `init` command: start a register where there is none."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from pathlib import Path
from typing import Annotated

import typer

from posities.cli import boundary as output


def init(
    folder: Annotated[
        str | None,
        typer.Option(
            "--dir",
            metavar="PATH",
            show_default=False,
            help="The folder to start the register in (default: the current folder).",
        ),
    ] = None,
) -> None:
    """Start a register: positions/ with texts/ and position.schema.json, and in a git
    repository the .gitattributes line of the diff driver. Prints each path it writes.

    What exists is kept, so running it twice changes nothing; a register that has files is
    left alone. Then: posities new ID ...
    """
    from posities.core import init

    started = init.init_register(Path(folder).expanduser() if folder else Path.cwd())
    for line in started.written + started.notes:
        output.err(line)
