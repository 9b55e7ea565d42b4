"""The `check` command: validate the whole register, every problem as path:line:col."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import Annotated, Literal, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.boundary import EXIT_PROBLEMS
from posities.cli.options import DirOption, OutFileOption, format_option, register_root
from posities.errors import shown
from posities.render import Format

CheckFormat = Literal[Format.TABLE, Format.MARKDOWN, Format.JSON, Format.CSV, Format.GITHUB]
"""The formats of `check`: those of the data commands, plus GitHub Actions annotations."""


def _days(value: str | None) -> int | None:
    from posities.model.dates import parse_duration

    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError:
        raise typer.BadParameter(
            f"{shown(value)} is not a duration: write a number and d, w, m or y, e.g. 180d",
            param_hint="--stale",
        ) from None


def check(
    output_format: Annotated[
        CheckFormat,
        format_option(
            "Output format: table (path:line:col: message), markdown, json, csv, or "
            "github (GitHub Actions annotations, each with its plain line).",
        ),
    ] = Format.TABLE,
    stale: Annotated[
        str | None,
        typer.Option(
            "--stale",
            metavar="AGE",
            help="Also warn of positions whose updated date is older than AGE: days, weeks, "
            "months (30 days) or years, e.g. 180d, 26w, 6m, 1y.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Count warnings (files not read, quotes with no local text, stale stances, "
            "a folder with no position files) as problems: reported as errors, exit 1.",
        ),
    ] = False,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Validate the whole register and report every problem as path:line:col: message.

    Checks each file's YAML and fields, that ids are unique and match file names, that each
    source's local text is a file inside the register, and that every quote appears verbatim
    in it (whitespace, line-break hyphens and quote marks aside). A quote whose source has no
    local text cannot be checked: a warning. With --stale, also warns of stances not
    reassessed for a while. Exit status: 0 clean (or warnings only), 1 problems found (or
    warnings, with --strict), 2 usage error.

    Examples: posities check; posities check --stale 180d --format github
    """
    from posities.core.checks import check_folder
    from posities.render import problems as render_problems

    root = register_root(folder)
    found = check_folder(root, _days(stale), strict, stale or "")
    match output_format:
        case Format.JSON:
            text = render_problems.problems_json(found.reported)
        case Format.CSV:
            text = render_problems.problems_csv(found.reported)
        case Format.MARKDOWN:
            text = render_problems.problems_markdown(found.reported)
        case Format.GITHUB:
            text = render_problems.problems_github(found.reported)
        case Format.TABLE:
            text = render_problems.problems_text(found.reported)
        case _:
            assert_never(output_format)
    if text or out_file is not None:
        output.deliver(text, out_file, root, json=output_format is Format.JSON)
    for line in found.summary:
        output.err(line)
    if found.failed:
        raise typer.Exit(EXIT_PROBLEMS)
