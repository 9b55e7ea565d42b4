"""The register's source texts as a table or JSON (`text list`), and a text with its line
numbers (`text show`)."""

from __future__ import annotations

from collections.abc import Sequence

from posities.core.sourcetexts import SourceText
from posities.errors import visible
from posities.io.formats import json_text
from posities.render.text import plain_table

HEADS = ("SLUG", "TITLE", "KIND", "DATE", "SIZE", "QUOTES")


def size_text(size: int) -> str:
    """A file's size as people read it: bytes, KB or MB (of 1,000)."""
    if size < 1000:
        return f"{size} B"
    if size < 1000 * 1000:
        return f"{size / 1000:.1f} KB"
    return f"{size / 1000 / 1000:.1f} MB"


def texts_table(texts: Sequence[SourceText]) -> str:
    """One line per text; what is not known is "—"."""
    body = [
        [
            visible(text.slug),
            visible(text.title or "—"),
            visible(text.kind or "—"),
            visible(text.date or "—"),
            size_text(text.size),
            str(text.cited),
        ]
        for text in texts
    ]
    return plain_table(HEADS, body)


def texts_json(texts: Sequence[SourceText]) -> str:
    """The texts as a JSON array: path, slug, title, kind, date (null where not known), size
    in bytes, the number of quotes citing it, and the provenance as recorded."""
    return json_text(
        [
            {
                "path": text.relative,
                "slug": text.slug,
                "title": text.title,
                "kind": text.kind,
                "date": text.date,
                "size": text.size,
                "quotes": text.cited,
                "provenance": _plain(dict(text.provenance)),
            }
            for text in texts
        ]
    )


def numbered_text(lines: Sequence[tuple[int, str]]) -> str:
    """Lines with their numbers right-aligned before them, made safe for a terminal."""
    width = len(str(lines[-1][0])) if lines else 1
    return "".join(f"{number:>{width}}  {visible(line)}\n" for number, line in lines)


def _plain(value: object) -> object:
    """A TOML value as JSON holds it: dates and times as ISO text."""
    import datetime

    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value
