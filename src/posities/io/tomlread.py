"""Reading a small TOML file a user may have edited by hand (`posities.toml`, a text's
`.source.toml`): size-capped, UTF-8 with a BOM allowed, nesting bounded (tomllib reads it by
recursion), and every failure a problem at its line and column rather than an exception."""

from __future__ import annotations

import re
from typing import Any

from posities.errors import Problem

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|#.*')
MAX_DEPTH = 64
"""The deepest nesting (or the most dots in a key) a line may have."""


def load_toml(
    data: bytes, label: str, limit: int, too_large: str, nested: str
) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    """The table a TOML file holds and its text, or None and why not: larger than `limit`
    bytes (the problem says `too_large`), not UTF-8, nested too deeply (`nested`) or not
    TOML."""
    import tomllib

    if len(data) > limit:
        return None, "", [Problem(label, None, None, too_large)]
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, "", [not_utf8(data, error.start, label)]
    if line := too_deep(text):
        return None, text, [Problem(label, line, 1, nested)]
    try:
        return tomllib.loads(text), text, []
    except tomllib.TOMLDecodeError as error:
        return None, text, [not_toml(str(error), label)]
    except RecursionError:
        return None, text, [Problem(label, None, None, nested)]


def not_utf8(data: bytes, offset: int, label: str) -> Problem:
    """The problem of a file that is not UTF-8, at the line and column of its first bad byte."""
    before = data[:offset].decode("utf-8", "replace")
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    message = f"not valid UTF-8 (byte 0x{data[offset]:02x}); save the file as UTF-8"
    return Problem(label, line, column, message)


def too_deep(text: str) -> int | None:
    """The first line nested deeper, or with more dots, than `MAX_DEPTH`, outside strings and
    comments (TOML reads deep nesting by recursion, and a long dotted key in a time that grows
    with its square)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not any(char in line for char in ".[{"):
            continue
        bare = _QUOTED.sub("", line)
        for char in bare:
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            if depth > MAX_DEPTH:
                return number
        if bare.count(".") > MAX_DEPTH:
            return number
    return None


def not_toml(error: str, label: str) -> Problem:
    """tomllib's complaint as a problem at its line and column."""
    found = _AT.search(error)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
    message = _AT.sub("", error).strip().rstrip(".")
    return Problem(label, line, column, f"not valid TOML: {message}")
