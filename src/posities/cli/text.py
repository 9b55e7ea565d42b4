"""The `text` commands: official documents made the register's source texts (add), and
those texts listed and shown with line numbers (list, show)."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from pathlib import Path
from typing import Annotated, Literal, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.options import (
    DirOption,
    OutFileOption,
    complete_texts,
    format_option,
    register_root,
    text_option,
)
from posities.render import Format


def text_add(
    document: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            show_default=False,
            help="The document: PDF, HTML, Word (.docx) or plain text, told by its content.",
        ),
    ],
    title: Annotated[
        str | None,
        text_option("--title", "Its title (default: the document's own, else the file name).", "T"),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="K",
            help="What it is, kebab-case: kamerbrief, press-statement, ...",
        ),
    ] = "document",
    date: Annotated[
        str | None, text_option("--date", "Its date: YYYY-MM-DD, YYYY-MM or YYYY.", "D")
    ] = None,
    slug: Annotated[
        str | None,
        text_option("--id", "The text's name, texts/SLUG.txt (default: from the title).", "SLUG"),
    ] = None,
    no_keep: Annotated[
        bool,
        typer.Option("--no-keep", help="Do not keep a copy of the original in texts/originals/."),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Extract it again over an existing text of that name."),
    ] = False,
    folder: DirOption = None,
) -> None:
    """Add a document to the register as a source text to quote from.

    Its text is extracted into texts/SLUG.txt, with what extraction breaks repaired (words
    hyphenated at line ends, ligatures, superscript ordinals, running headers and footers,
    page numbers, soft hyphens, non-breaking spaces) and nothing else changed; where it came
    from (file name, SHA-256, format, extractor, title, kind, date) is recorded in
    texts/SLUG.source.toml, and a copy of the original kept in texts/originals/.

    Example: posities text add ~/Downloads/kamerbrief.pdf --kind kamerbrief --date 2018-07-12
    """
    from posities.core.textadd import add_text

    if not document.strip():
        raise typer.BadParameter("give the document's file", param_hint="FILE")
    if document.casefold().startswith(("http://", "https://", "ftp://", "www.")):
        from posities.errors import UsageError, shown

        raise UsageError(
            f"{shown(document)} is a web address: text add reads files; save the page or "
            "download the document first, then add the file"
        )
    root = register_root(folder)
    added = add_text(root, Path(document), title, kind, date, slug, not no_keep, replace)
    for message in added.messages():
        output.err(message)


TextFormat = Literal[Format.TABLE, Format.JSON]
"""The formats of `text list`."""


def text_list(
    output_format: Annotated[
        TextFormat, format_option("table (one text per line) or json.")
    ] = Format.TABLE,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Every source text under the register's texts/ folder: its slug (what --source-text and
    text show take), title, kind, date, size and how many quotes cite it.

    Title, kind and date come from where the text was added from (posities text add records
    them beside it, in SLUG.source.toml), or else from the first source that cites it.

    Example: posities text list
    """
    from posities.core.register import load
    from posities.core.sourcetexts import source_texts
    from posities.render import texts as render

    root = register_root(folder)
    register = load(root)
    found, problems = source_texts(root, register.positions, read=True)
    for problem in problems:
        output.err(str(problem))
    match output_format:
        case Format.JSON:
            report = render.texts_json(found)
        case Format.TABLE:
            if not found and out_file is None:
                output.err("The register has no source texts yet: posities text add FILE adds one.")
                return
            report = render.texts_table(found)
        case _:
            assert_never(output_format)
    output.deliver(report, out_file, root, json=output_format is Format.JSON)


def text_show(
    name: Annotated[
        str,
        typer.Argument(
            metavar="SLUG",
            help="The text: its slug as text list shows it (or its path, texts/….txt).",
            autocompletion=complete_texts,
        ),
    ],
    lines: Annotated[
        str | None,
        typer.Option(
            "--lines",
            "-l",
            metavar="A-B",
            help="Only lines A to B (A- to the end, A alone for one line), as quote find and "
            "check number them.",
        ),
    ] = None,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Print a source text with its line numbers, exactly as quotes are checked against it.

    Examples: posities text show bondgenoten-in-onzekere-tijden --lines 10-20
    """
    from posities.core.sourcetexts import numbered, parse_lines, resolve
    from posities.core.texts import read_source_text
    from posities.errors import PositiesError, UsageError, display_path
    from posities.render import texts as render

    first, last = 1, None
    if lines is not None:
        try:
            first, last = parse_lines(lines)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--lines") from None
    root = register_root(folder)
    relative = resolve(root, name)
    loaded = read_source_text(root / relative)
    if isinstance(loaded, str):
        raise PositiesError(f"{display_path(root / relative)} {loaded}")
    shown_lines = numbered(loaded.content, first, last)
    if not shown_lines:
        total = len(numbered(loaded.content))
        raise UsageError(
            f"--lines {lines}: {display_path(root / relative)} has {total} "
            f"line{'' if total == 1 else 's'}; there is no line {first}"
        )
    output.deliver(render.numbered_text(shown_lines), out_file, root)
