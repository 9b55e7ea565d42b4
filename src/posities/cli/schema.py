"""The `schema` command: the JSON Schema of a position file, for editors."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from posities.cli import boundary as output
from posities.cli.options import OutFileOption, register_if_any


def schema(out_file: OutFileOption = None) -> None:
    """Print the JSON Schema (draft 2020-12) of a position file, for editors.

    It is made from the same declaration that check validates against. Save it beside the
    register's files and point to it from each file's first line, as the bundled ones do:

      posities schema > positions/position.schema.json

      # yaml-language-server: $schema=position.schema.json
    """
    from posities.io.formats import json_text
    from posities.model.schema import SCHEMA_FILE, json_schema

    root = register_if_any() if out_file is not None else None
    own = root / SCHEMA_FILE if root is not None else None
    output.deliver(json_text(json_schema()), out_file, root, own, json=True)
