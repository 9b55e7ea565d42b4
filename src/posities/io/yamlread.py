"""Strict YAML 1.2 reading: plain data plus the line and column of every key and value.

libyaml (through PyYAML's C parser) produces the events; this module builds the values itself so
that it can refuse what a register has no use for: several documents, anchors and aliases, tags,
duplicate keys, non-scalar keys, other YAML versions and deep nesting. Plain scalars are resolved
by the YAML 1.2 core schema, so `no`, `on` and `2018-06-01` stay strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from yaml import events
from yaml._yaml import CParser
from yaml.error import MarkedYAMLError, YAMLError
from yaml.reader import ReaderError

from posities.errors import Location, YamlError, shown
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


def _at(mark: Any) -> Location:
    return (mark.line + 1, mark.column + 1)


_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("-+.0123456789")


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core-schema value of an untagged plain scalar."""
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text) or _SPECIAL_FLOAT.match(text):
        return float(text.replace("Inf", "inf").replace("INF", "inf").replace("NaN", "nan"))
    return text


def _tagged(tag: str, text: str, where: Location) -> Any:
    kind = _CORE_TAGS.get(tag)
    if kind is None:
        raise YamlError(
            f"tag {shown(tag)} is not allowed: a position uses plain YAML values only", where
        )
    if kind == "str":
        return text
    value = resolve_plain(text)
    expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[kind]
    if kind == "float" and type(value) is int:
        return float(value)
    if type(value) is not expected:
        raise YamlError(f"{shown(text)} is not a valid !!{kind}", where)
    return value


class _Builder:
    """Turns the event stream into nested values; if `located`, records where each part stands.

    Locations cost about a third of the parse, so files are read without them first and
    parsed again with them only when there is a problem to point at.
    """

    def __init__(self, doc: Document, located: bool) -> None:
        self.doc = doc
        self.located = located
        # (container, its path, the key awaiting a value, or None)
        self.stack: list[tuple[Any, FieldPath, str | None]] = []

    def add(self, value: Any, mark: Any, collection: bool = False) -> None:
        stack = self.stack
        if not stack:
            self.doc.value = value
            self.doc.values[()] = _at(mark)
            if collection:
                stack.append((value, (), None))
            return
        container, path, pending = stack[-1]
        if pending is None and type(container) is dict:
            self._key(container, path, value, mark)
            return
        child: FieldPath = ()
        if self.located:
            child = (*path, len(container) if pending is None else pending)
            self.doc.values[child] = _at(mark)
        if pending is None:
            container.append(value)
        else:
            container[pending] = value
            stack[-1] = (container, path, None)
        if collection:
            if len(stack) >= MAX_DEPTH:
                raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", _at(mark))
            stack.append((value, child, None))

    def _key(self, container: dict[Any, Any], path: FieldPath, key: Any, mark: Any) -> None:
        if type(key) is not str:
            raise YamlError("a key must be a plain string", _at(mark))
        if key in container:
            first = self.doc.keys.get((*path, key))
            defined = f" (first defined at line {first[0]})" if first else ""
            raise YamlError(
                f"duplicate key {shown(key)}{defined}; each key may appear once", _at(mark)
            )
        if self.located:
            self.doc.keys[(*path, key)] = _at(mark)
        self.stack[-1] = (container, path, key)

    def end(self) -> None:
        self.stack.pop()


def parse(text: str, located: bool = True) -> Document:
    """Parse one YAML 1.2 document strictly; raise `YamlError` with a location otherwise.

    With `located` false, the document records no locations of its parts (faster).
    """
    doc = Document(value=None)
    builder = _Builder(doc, located)
    parser = CParser(text)
    documents = 0
    try:
        while True:
            event: Any = parser.get_event()
            kind = type(event)
            if kind is events.ScalarEvent:
                if event.anchor is not None:
                    _refuse_anchor(event)
                tag = event.tag
                if tag is None and event.implicit[0]:
                    value = resolve_plain(event.value)
                elif tag is None or tag == "!":
                    value = event.value
                else:
                    value = _tagged(tag, event.value, _at(event.start_mark))
                builder.add(value, event.start_mark)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                if event.anchor is not None:
                    _refuse_anchor(event)
                if event.tag is not None and event.tag != "!" and event.tag not in _COLLECTION_TAGS:
                    raise YamlError(
                        f"tag {shown(event.tag)} is not allowed: "
                        "a position uses plain YAML values only",
                        _at(event.start_mark),
                    )
                container: Any = {} if kind is events.MappingStartEvent else []
                builder.add(container, event.start_mark, collection=True)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                builder.end()
            elif kind is events.AliasEvent:
                raise YamlError(
                    "aliases (*name) are not allowed: write the value out in full",
                    _at(event.start_mark),
                )
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "several documents in one file: a position file holds one document",
                        _at(event.start_mark),
                    )
                if event.version is not None and tuple(event.version) != (1, 2):
                    version = ".".join(str(n) for n in event.version)
                    raise YamlError(
                        f"%YAML {version} directive: position files are YAML 1.2; "
                        "remove the directive or write %YAML 1.2",
                        _at(event.start_mark),
                    )
            elif kind is events.StreamEndEvent:
                break
    except MarkedYAMLError as error:
        raise _syntax_error(error, text) from None
    except ReaderError as error:
        before = text[: error.position]
        where = (before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1)
        char = error.character if isinstance(error.character, str) else chr(error.character)
        raise YamlError(
            f"character U+{ord(char):04X} is not allowed in YAML; remove it", where
        ) from None
    except YAMLError as error:  # any other refusal from libyaml, without a location
        raise YamlError(f"invalid YAML: {error}", None) from None
    if documents == 0:
        raise YamlError("the file is empty: expected a mapping of position fields", None)
    return doc


def _refuse_anchor(event: Any) -> NoReturn:
    raise YamlError(
        f"anchors (&{event.anchor}) are not allowed: write each value out in full",
        _at(event.start_mark),
    )


def _syntax_error(error: MarkedYAMLError, text: str) -> YamlError:
    mark = error.problem_mark or error.context_mark
    where = _at(mark) if mark is not None else None
    problem = error.problem or "invalid YAML"
    if where is not None:
        for number, line_text in enumerate(text.splitlines()[: where[0]], 1):
            indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
            if "\t" in indent:
                return YamlError(
                    "tab character in indentation: YAML indents with spaces only",
                    (number, indent.index("\t") + 1),
                )
        if "YAML document" in problem and "incompatible" in problem:
            return YamlError(
                "unsupported %YAML directive: position files are YAML 1.2; remove the directive",
                where,
            )
    context = f" {error.context}" if error.context else ""
    return YamlError(f"invalid YAML:{context} {problem}".replace("  ", " "), where)
