"""Strict YAML 1.2 reading: plain data plus the line and column of every key and value.

The walk over the parse events (`yamlwalk`) gives the nodes; this module builds the values so
that it can refuse what a register has no use for: several documents, anchors and aliases, tags,
duplicate keys, non-scalar keys, other YAML versions and deep nesting. Plain scalars are resolved
by the YAML 1.2 core schema, so `no`, `on` and `2018-06-01` stay strings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from yaml.events import AliasEvent

from posities.errors import Location, YamlError, shown
from posities.io.yamlwalk import (
    DOCUMENT,
    END,
    MAPPING,
    NOT_A_KEY,
    SCALAR,
    SEQUENCE,
    at,
    walk,
)
from posities.model.records import FieldPath

__all__ = ["Document", "Location", "YamlError", "parse", "resolve_plain"]

MAX_DEPTH = 16

_CORE_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_SAFE_DIGITS = 500
"""Digits, in any base, too few to make a number longer than Python's least limit on decimal
digits (640)."""


@dataclass(slots=True)
class Document:
    """A parsed document: its value and where each part of it stands (1-based line, column)."""

    value: Any
    values: dict[FieldPath, Location] = field(default_factory=dict)
    keys: dict[FieldPath, Location] = field(default_factory=dict)

    def where(self, path: FieldPath) -> Location | None:
        """The location of the value at `path`, or of its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path)

    def where_key(self, path: FieldPath) -> Location | None:
        """The location of the key that introduces `path`, falling back to its value."""
        return self.keys.get(path) or self.where(path)


_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("-+.0123456789")


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core-schema value of an untagged plain scalar; YamlError, unlocated, for
    an integer too long for Python to write out again."""
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text
    if _INT.match(text):
        return _whole(text, text, 10)
    if _OCT.match(text):
        return _whole(text, text[2:], 8)
    if _HEX.match(text):
        return _whole(text, text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _SPECIAL_FLOAT.match(text):  # `.inf`, `-.Inf`, `.NaN`: Python spells them without the dot
        return float(text.replace(".", "", 1))
    return text


def _whole(text: str, digits: str, base: int) -> int:
    """An integer Python can write out again: one of more decimal digits than its limit is
    refused as it is read, not wherever it is shown (unlocated: callers locate it)."""
    import sys

    limit = sys.get_int_max_str_digits()
    if not limit or len(digits) <= _SAFE_DIGITS:
        return int(digits, base)
    if base != 10 or len(digits.lstrip("+-")) <= limit:
        value = int(digits, base)
        if abs(value) < 10**limit:
            return value
    raise YamlError(
        f"{shown(text)} is a number too long to read (more than {limit} digits); "
        "put it in quotes if it is text",
        None,
    )


def _plain(event: Any) -> Any:
    """The value of an untagged plain scalar's event, located when it cannot be read."""
    try:
        return resolve_plain(event.value)
    except YamlError as error:
        raise YamlError(error.message, at(event.start_mark)) from None


def _tagged(tag: str, text: str, where: Location) -> Any:
    kind = _CORE_TAGS.get(tag)
    if kind is None:
        raise YamlError(
            f"tag {shown(tag)} is not allowed: a position uses plain YAML values only", where
        )
    if kind == "str":
        return text
    try:
        value = resolve_plain(text)
    except YamlError as error:
        raise YamlError(error.message, where) from None
    expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[kind]
    if kind == "float" and type(value) is int:
        return _float(value)
    if type(value) is not expected:
        raise YamlError(f"{shown(text)} is not a valid !!{kind}", where)
    return value


def _float(value: int) -> float:
    """An integer tagged !!float: infinite beyond the largest float, as a float's text reads."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def parse(text: str, located: bool = True) -> Document:
    """Parse one YAML 1.2 document strictly; raise `YamlError` with a location otherwise.

    With `located` false, the document records no locations of its parts: locations cost
    about a third of the parse, so files are read without them first and parsed again with
    them only when there is a problem to point at. (Reading is timed: the common case, a plain
    key and an untagged scalar, is handled in the loop itself.)
    """
    doc = Document(value=None)
    values, keys = doc.values, doc.keys
    filling: list[Any] = []  # the open collections, innermost last
    documents = 0
    key: Any  # a mapping's keys are text, a sequence's indexes numbers
    for kind, key, path, event, key_event, _ in walk(text, paths=located):
        if key_event is not None:  # a mapping's value: its key first
            if (
                key_event.anchor is not None
                or key_event.tag is not None
                or key in _WORDS
                or key[0] in _NUMBER_START
            ):  # it may not be a plain string
                _check_key(key_event)
            if key in filling[-1]:
                raise _duplicate(key, keys.get(path), key_event)
            if located:
                keys[path] = at(key_event.start_mark)
        if kind == SCALAR:
            if event.tag is None and event.anchor is None:
                value = _plain(event) if event.implicit[0] else event.value
            else:
                value = _tagged_value(event)
        elif kind in (MAPPING, SEQUENCE):
            value = _collection(kind, event, len(filling))
        elif kind == END:
            filling.pop()
            continue
        elif kind == DOCUMENT:
            documents += 1
            _check_document(event, documents)
            continue
        else:
            _refuse_anchor(event)  # an alias
        if not filling:
            doc.value = value
            values[()] = at(event.start_mark)
        elif key_event is None:
            filling[-1].append(value)
        else:
            filling[-1][key] = value
        if located:
            values[path] = at(event.start_mark)
        if kind != SCALAR:
            filling.append(value)
    if documents == 0:
        raise YamlError("the file is empty: expected a mapping of position fields", None)
    return doc


def _check_key(event: Any) -> None:
    """Refuse a key that is not a plain string (a number, true, null, tagged, anchored)."""
    if type(_tagged_value(event)) is not str:
        raise YamlError(NOT_A_KEY, at(event.start_mark))


def _duplicate(key: str, first: Location | None, event: Any) -> YamlError:
    defined = f" (first defined at line {first[0]})" if first else ""
    return YamlError(
        f"duplicate key {shown(key)}{defined}; each key may appear once", at(event.start_mark)
    )


def _tagged_value(event: Any) -> Any:
    """The value of a scalar's event that may be tagged or anchored (anchors are refused)."""
    if event.anchor is not None:
        _refuse_anchor(event)
    tag = event.tag
    if tag is None and event.implicit[0]:
        return _plain(event)
    if tag is None or tag == "!":
        return event.value
    return _tagged(tag, event.value, at(event.start_mark))


def _collection(kind: int, event: Any, depth: int) -> Any:
    """A new empty mapping or list for the start of a collection, which must be plain."""
    if event.anchor is not None:
        _refuse_anchor(event)
    if event.tag is not None and event.tag != "!" and event.tag not in _COLLECTION_TAGS:
        raise YamlError(
            f"tag {shown(event.tag)} is not allowed: a position uses plain YAML values only",
            at(event.start_mark),
        )
    if depth >= MAX_DEPTH:
        raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", at(event.start_mark))
    return {} if kind == MAPPING else []


def _check_document(event: Any, number: int) -> None:
    if number > 1:
        raise YamlError(
            "several documents in one file: a position file holds one document",
            at(event.start_mark),
        )
    if event.version is not None and tuple(event.version) != (1, 2):
        version = ".".join(str(n) for n in event.version)
        raise YamlError(
            f"%YAML {version} directive: position files are YAML 1.2; "
            "remove the directive or write %YAML 1.2",
            at(event.start_mark),
        )


def _refuse_anchor(event: Any) -> NoReturn:
    """Refuse an anchor (`&name`), or an alias to one (`*name`): each value is written in full."""
    if type(event) is AliasEvent:
        raise YamlError(
            "aliases (*name) are not allowed: write the value out in full", at(event.start_mark)
        )
    raise YamlError(
        f"anchors (&{event.anchor}) are not allowed: write each value out in full",
        at(event.start_mark),
    )
