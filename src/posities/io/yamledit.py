"""Changing a position file's text in place: only the changed values' characters are replaced.

Plain functions from text to text. Comments, key order, blank lines, indentation, quoting of
untouched values, line endings and everything else stay as they were, so a one-field change is
a one-line diff. New values are written so that no YAML reader can misread them: strings that a
YAML 1.1 reader would take for a boolean, number, date or null (`NO`, `on`, `1:20`,
`2018-01-01` meant as text) are quoted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yaml.events import MappingStartEvent

from posities.errors import PositiesError, YamlError
from posities.io.yamlwalk import END, SCALAR, walk
from posities.model.records import FieldPath

# Words that YAML 1.1 resolves to booleans or null, in any spelling it accepts.
_YAML11_WORDS = frozenset(
    "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF "  # noqa: SIM905
    "null Null NULL ~".split()
)
_PLAIN_SAFE = re.compile(r"[A-Za-z\u00c0-\u024f][\w .,;()/&+'’–—-]*\Z")
_WORD_WIDTH = 90


@dataclass(frozen=True)
class Span:
    """Where a value's text stands (character offsets) and how it is written."""

    start: int
    end: int
    style: str  # "" plain, "'" or '"' quoted, "|" or ">" block, "[" or "{" flow, "-" block seq


def spans(text: str) -> dict[FieldPath, Span]:
    """The span of every value in a document, by path (the whole document at `()`)."""
    found: dict[FieldPath, Span] = {}
    try:
        for kind, _, path, event, _, end in walk(text, paths=True):
            if kind == SCALAR:
                found[path] = Span(event.start_mark.index, event.end_mark.index, event.style or "")
            elif kind == END:
                found[path] = Span(event.start_mark.index, end.index, _collection_style(event))
    except YamlError as error:
        raise PositiesError(f"the file is not valid YAML: {error.message}") from None
    return found


def _collection_style(start: Any) -> str:
    if not start.flow_style:
        return "-"
    return "{" if isinstance(start, MappingStartEvent) else "["


def is_plain_safe(text: str) -> bool:
    """Whether `text` can be written unquoted and be read back as this string by any reader."""
    return bool(_PLAIN_SAFE.match(text)) and text not in _YAML11_WORDS and text == text.strip()


def scalar(value: Any, plain_dates: bool = False) -> str:
    """`value` as a one-line YAML scalar: plain where safe, else double-quoted. With
    `plain_dates`, YYYY-MM-DD and YYYY-MM stay plain (every reader takes them as text or a
    date); a year alone is quoted, since plain it would be a number."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if is_plain_safe(text) or (plain_dates and re.fullmatch(r"[0-9]{4}(-[0-9]{2}){1,2}", text)):
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _foldable(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and "\n" not in text
        and "\t" not in text
        and "  " not in text
        and "\r" not in text
    )


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current]


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def render_value(text: str, span: Span, value: Any, plain_dates: bool) -> str:
    """The new text for the value at `span`, in the old one's style where that still reads back
    as `value`: a folded block stays folded, a quoted string keeps its quotes."""
    old = text[span.start : span.end]
    if isinstance(value, str) and span.style == ">" and _foldable(value):
        nl = _newline(text)
        body_lines = old.rstrip().split("\n")[1:]
        indent = next(
            (line[: len(line) - len(line.lstrip(" "))] for line in body_lines if line.strip()),
            "  ",
        )
        width = max([len(line.rstrip()) for line in body_lines] + [_WORD_WIDTH])
        lines = _wrap(value, max(width - len(indent), 40))
        return ">-" + "".join(nl + indent + line for line in lines)
    if isinstance(value, str) and span.style == "'" and _foldable(value) and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return scalar(value, plain_dates)


def text_value(value: Any, indent: str, nl: str = "\n", plain_dates: bool = False) -> str:
    """A value as it follows `key: ` in a new file: a long foldable text as a folded block
    whose lines start with `indent`, anything else as a one-line scalar."""
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, str) and _foldable(value) and len(indent) + len(value) > _WORD_WIDTH:
        lines = _wrap(value, _WORD_WIDTH - len(indent))
        return ">-" + "".join(nl + indent + line for line in lines)
    return scalar(value, plain_dates)


def _value_end(text: str, span: Span) -> int:
    """The end of a value's own characters: a block scalar's span also holds the line breaks
    and blank lines after it, which belong to what follows."""
    if span.style in ("|", ">", "-"):
        return span.start + len(text[span.start : span.end].rstrip())
    return span.end


class NotInPlace(PositiesError):
    """The edit cannot be made in place, leaving every other byte as it is (a block list to
    replace, an item to add to a flow list): a structural rewrite (`io.layout`) can make it."""


def set_values(
    text: str, changes: dict[FieldPath, Any], date_fields: Sequence[FieldPath] = ()
) -> str:
    """`text` with the value at each path (a scalar, or a collection written in flow style)
    replaced by its new value; the path must exist."""
    found = spans(text)
    edits = []
    for path, value in changes.items():
        span = found.get(path)
        if span is None:
            raise PositiesError(f"the file has no {'.'.join(map(str, path))} to change")
        if span.style == "-" and not isinstance(value, list):
            raise NotInPlace(
                f"{'.'.join(map(str, path))} is not a single value in the file; change it with "
                "posities edit"
            )
        if isinstance(value, list):
            if span.style == "-":
                raise NotInPlace(
                    f"{'.'.join(map(str, path))} is written as a block list; change it with "
                    "posities edit, or write it as [a, b] first"
                )
            new = "[" + ", ".join(scalar(v) for v in value) + "]"
        else:
            new = render_value(text, span, value, plain_dates=path in date_fields)
        edits.append((span.start, _value_end(text, span), new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def append_item(
    text: str, path: FieldPath, fields: dict[str, Any], date_keys: Sequence[str]
) -> str:
    """`text` with a mapping appended to the block list at `path`, indented like its items."""
    found = spans(text)
    span = found.get(path)
    if span is None or span.style != "-":
        raise NotInPlace(
            f"{'.'.join(map(str, path))} is not a block list in the file; "
            "add the item with posities edit"
        )
    items = sorted(
        (p[len(path)] for p in found if len(p) == len(path) + 1 and p[: len(path)] == path),
        key=int,
    )
    nl = _newline(text)
    first = found[(*path, items[0])] if items else span
    line_start = text.rfind("\n", 0, first.start) + 1
    dash_at = text.find("-", line_start, first.start + 1)
    dash_indent = " " * ((dash_at if dash_at >= 0 else first.start) - line_start)
    key_indent = " " * (first.start - line_start) if items else dash_indent + "  "
    lines = mapping_lines(fields, key_indent, f"{dash_indent}- ", nl, date_keys)
    block = nl.join(lines) + nl
    last_end = span.end
    if items:  # the end of the last item's own text: not the comments or blank lines after it
        inside = (*path, items[-1])
        last_end = max(
            (
                _value_end(text, s)
                for p, s in found.items()
                if p[: len(inside)] == inside and s.style != "-"
            ),
            default=_value_end(text, found[inside]),
        )
    at = text.find("\n", last_end)
    at = len(text) if at < 0 else at + 1
    if at == len(text) and not text.endswith("\n"):
        block = nl + block
    return text[:at] + block + text[at:]


def mapping_lines(
    fields: dict[str, Any], indent: str, first: str, nl: str, date_keys: Sequence[str]
) -> list[str]:
    """The lines of a block mapping, its first key after `first` (a list item's dash, or
    `indent`) and the others at `indent`: a mapping or a list of mappings within it as blocks
    (as `posities fmt` lays them out), any other value as `text_value` writes it."""
    lines: list[str] = []
    for number, (key, value) in enumerate(fields.items()):
        lead = first if number == 0 else indent
        if isinstance(value, dict) and value:
            lines.append(f"{lead}{key}:")
            lines += mapping_lines(value, indent + "  ", indent + "  ", nl, date_keys)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{lead}{key}:")
            for item in value:
                lines += mapping_lines(item, indent + "    ", indent + "  - ", nl, date_keys)
        else:
            rendered = text_value(value, indent + "  ", nl, plain_dates=key in date_keys)
            lines.append(f"{lead}{key}: {rendered}")
    return lines


def insert_key(
    text: str,
    path: FieldPath,
    key: str,
    value: Any,
    after: Sequence[str],
    date_keys: Sequence[str] = (),
) -> str:
    """`text` with `key: value` added to the block mapping at `path`, on the line after the
    value of the first of the keys `after` that the mapping has (the keys that come before
    `key` in the register's order, nearest first), indented like that key."""
    found = spans(text)
    span = found.get(path)
    if span is None or span.style != "-" or (*path, key) in found:
        raise NotInPlace(f"{'.'.join(map(str, (*path, key)))} cannot be added in place")
    columns = _key_columns(text, path)
    previous = next((name for name in after if name in columns), None)
    if previous is None:
        raise NotInPlace(f"{'.'.join(map(str, (*path, key)))} has nothing to follow in place")
    nl = _newline(text)
    indent = " " * columns[previous]
    block = nl.join(mapping_lines({key: value}, indent, indent, nl, date_keys)) + nl
    at = text.find("\n", _own_end(text, found, (*path, previous)))
    at = len(text) if at < 0 else at + 1
    if at == len(text) and not text.endswith("\n"):
        block = nl + block
    return text[:at] + block + text[at:]


def _key_columns(text: str, path: FieldPath) -> dict[str, int]:
    """The column each key of the mapping at `path` starts at."""
    columns: dict[str, int] = {}
    try:
        for _, key, where, _, key_event, _ in walk(text, paths=True):
            if key_event is not None and where[:-1] == path and isinstance(key, str):
                columns[key] = key_event.start_mark.column
    except YamlError as error:
        raise PositiesError(f"the file is not valid YAML: {error.message}") from None
    return columns


def _own_end(text: str, found: dict[FieldPath, Span], path: FieldPath) -> int:
    """The end of the text of the value at `path` and everything within it, without the
    comments and blank lines after it."""
    return max(
        (
            _value_end(text, s)
            for p, s in found.items()
            if p[: len(path)] == path and s.style != "-"
        ),
        default=_value_end(text, found[path]),
    )
