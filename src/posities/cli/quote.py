"""The `quote find` command: the passages of the register's texts closest to a phrase."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import Annotated, Literal, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.boundary import EXIT_PROBLEMS
from posities.cli.options import (
    DirOption,
    OutFileOption,
    complete_texts,
    format_option,
    register_root,
)
from posities.errors import display_path, shown
from posities.render import Format

QuoteFormat = Literal[Format.TABLE, Format.JSON]
"""The formats of `quote find`."""


def quote_find(
    phrase: Annotated[
        str,
        typer.Argument(
            metavar="PHRASE",
            help="Words of the passage, roughly: any order or case, accents and typos allowed.",
        ),
    ],
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="SLUG|PATH",
            autocompletion=complete_texts,
            help="Search only this text: its slug as posities text list shows it, or its path "
            "(relative to the register folder, or as printed).",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many passages.")
    ] = 5,
    output_format: Annotated[
        QuoteFormat, format_option("table (path:line, then the passage) or json.")
    ] = Format.TABLE,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """The passages of the register's source texts closest to a rough phrase, best first.

    Each passage is one sentence or a few adjacent ones, exactly as the text has them, under
    the path:line where it starts: copy it as a quote instead of retyping it. The texts are
    every *.txt under the register's texts/ folder and every text a source names.

    Example: posities quote find "terugtrekking mensenrechtenraad"
    """
    from posities.core.find import find_passages
    from posities.errors import visible
    from posities.io.formats import json_text

    if not phrase.strip():
        raise typer.BadParameter(
            "give a phrase to look for: some words of the passage", param_hint="PHRASE"
        )
    root = register_root(folder)
    found, warnings = find_passages(root, phrase, text, limit)
    for warning in warnings:
        output.err(str(warning))
    if not found:
        output.err(f"no passage of the register's texts is close to {shown(phrase, 100)}")
        raise typer.Exit(EXIT_PROBLEMS)
    match output_format:
        case Format.JSON:
            records = [
                {
                    "path": display_path(f.path),
                    "text": f.relative,
                    "line": f.passage.line,
                    "score": f.passage.score,
                    "passage": f.passage.text,
                }
                for f in found
            ]
            output.deliver(json_text(records), out_file, root, json=True)
        case Format.TABLE:
            output.deliver(
                "\n".join(
                    f"{display_path(f.path)}:{f.passage.line}  score {f.passage.score:.2f}\n"
                    f"{visible(f.passage.text)}\n"
                    for f in found
                ),
                out_file,
                root,
            )
        case _:
            assert_never(output_format)
