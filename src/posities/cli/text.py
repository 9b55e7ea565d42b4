"""The `text` commands: official documents made the register's source texts."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from pathlib import Path
from typing import Annotated

import typer

from posities.cli import boundary as output
from posities.cli.options import DirOption, register_root, text_option


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
    root = register_root(folder)
    added = add_text(root, Path(document), title, kind, date, slug, not no_keep, replace)
    for message in added.messages():
        output.err(message)
