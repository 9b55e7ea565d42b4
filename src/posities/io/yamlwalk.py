"""One walk over a YAML text's parse events, for reading values and for editing text in place.

Yields every node once, in order, with the key or index it stands under (and, on request, its
whole path), so that reading and editing agree on what is where. The events come from libyaml
through PyYAML's C binding (`yaml._yaml`, a private module touched only here) or, when PyYAML was
built without libyaml, from PyYAML's own parser; either way marks count characters of `text`
(a leading byte-order mark included) and lines and columns from 0, and refusals are
`YamlError`s located as an editor shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from yaml import events
from yaml.error import Mark, MarkedYAMLError, YAMLError
from yaml.parser import Parser, ParserError
from yaml.reader import Reader, ReaderError
from yaml.scanner import Scanner, ScannerError

from posities.errors import Location, YamlError
from posities.model.records import FieldPath

__all__ = [
    "ALIAS",
    "DOCUMENT",
    "END",
    "MAPPING",
    "NOT_A_KEY",
    "SCALAR",
    "SEQUENCE",
    "Item",
    "at",
    "walk",
]

# What an item is: a node (scalar, alias, or the start of a mapping or sequence), the end of a
# collection, or the start of a document.
SCALAR, ALIAS, MAPPING, SEQUENCE, END, DOCUMENT = range(6)
_STOP, _SKIP = 6, 7  # the end of the stream; events nothing needs (stream start, document end)

_KINDS: dict[type[Any], int] = {
    events.ScalarEvent: SCALAR,
    events.AliasEvent: ALIAS,
    events.MappingStartEvent: MAPPING,
    events.SequenceStartEvent: SEQUENCE,
    events.MappingEndEvent: END,
    events.SequenceEndEvent: END,
    events.DocumentStartEvent: DOCUMENT,
    events.StreamEndEvent: _STOP,
}

NOT_A_KEY = "a key must be a plain string"
_QUOTED = "while parsing a quoted scalar"
_BAD_ESCAPE = "found invalid Unicode character escape code"
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|[\s\S])")
_BREAKS = "\r\n\x85\u2028\u2029"
_ENDS = "\0 \t" + _BREAKS
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line

Item = tuple[int, str | int | None, FieldPath, Any, Any, Any]
"""(kind, key, path, event, key_event, end).

`key` is the mapping key (its text) or sequence index that a node or END stands under, None at
the top; `path` is the whole path when paths are asked for, else (). `event` is the node's event
(for END, the collection's start event; for DOCUMENT, the document start, with its `version`).
`key_event` is the event of a mapping value's key (a scalar or an alias), else None: keys come
with their values, not as items of their own. `end` is the mark after an END's collection, else
None. Read marks as `event.start_mark.line`, `.column` (from 0) and `.index` (characters into
the text), a scalar's style as `event.style or ""` (plain).
"""


def _libyaml() -> Callable[[str], Any] | None:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML without libyaml
        return None
    return CParser


C_PARSER = _libyaml()
"""libyaml's parser, or None to read with PyYAML's (about fifteen times slower)."""


class _PureParser(Reader, Scanner, Parser):
    """PyYAML's own event parser, for when libyaml is missing, made to read as libyaml does.

    PyYAML refuses tabs between tokens, inside plain scalars and after a block scalar's `|` or
    `>`, which libyaml accepts (a tab after `key:` or at the end of a line is common); it does
    not count a byte-order mark inside the text as a column, nor end the text on a line of its
    own; and it turns escapes of lone surrogates into text (or fails on ones beyond U+10FFFF).
    Each method below makes one of these as libyaml has it. What still differs: a tab right
    after a tag is refused, and a refusal may be worded or placed otherwise.
    """

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)

    def forward(self, length: int = 1) -> None:
        """Move on `length` characters; every one but a leading byte-order mark is a column."""
        if self.pointer + length + 1 >= len(self.buffer):
            self.update(length + 1)
        buffer = self.buffer
        while length:
            char = buffer[self.pointer]
            self.pointer += 1
            self.index += 1
            if char in "\n\x85\u2028\u2029" or (char == "\r" and buffer[self.pointer] != "\n"):
                self.line += 1
                self.column = 0
            elif char != "\ufeff" or self.index > 1:
                self.column += 1
            length -= 1

    def scan_to_next_token(self) -> None:
        """Skip blanks, comments and line breaks. A tab separates tokens, except where it would
        indent: at a line's start and after `-`, `?` and a complex key's `:` in block context."""
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            if self.column == 0 and self.peek() == "\ufeff":
                self.forward()
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0" + _BREAKS:
                    self.forward()
            if not self.scan_line_break():  # type: ignore[no-untyped-call]
                return
            if not self.flow_level:
                self.allow_simple_key = True

    def scan_plain_spaces(self, indent: Any, start_mark: Any) -> list[str] | None:
        """The blanks and line breaks inside a plain scalar, folded; tabs are blanks too, but
        not as indentation. None at a document marker, which ends the scalar."""
        length = 0
        while self.peek(length) in " \t":
            length += 1
        blanks = self.prefix(length)
        self.forward(length)
        if self.peek() not in _BREAKS:
            return [blanks] if blanks else []
        line_break = self.scan_line_break()  # type: ignore[no-untyped-call]
        self.allow_simple_key = True
        breaks = []
        while True:
            if self.column == 0 and self.prefix(3) in ("---", "...") and self.peek(3) in _ENDS:
                return None
            if self.peek() == "\t" and self.column < indent:
                raise ScannerError(
                    "while scanning a plain scalar",
                    start_mark,
                    "found a tab character that violates indentation",
                    self.get_mark(),
                )
            if self.peek() in " \t":
                self.forward()
            elif self.peek() in _BREAKS:
                breaks.append(self.scan_line_break())  # type: ignore[no-untyped-call]
            else:
                break
        if line_break != "\n":
            return [line_break, *breaks]
        return breaks or [" "]

    def scan_block_scalar_indicators(self, start_mark: Any) -> tuple[bool | None, int | None]:
        """A block scalar's chomping and indentation indicators, in either order; blanks, tabs
        too, or a comment may follow them at once."""
        chomping: bool | None = None
        increment: int | None = None
        for _ in range(2):
            char = self.peek()
            if char in "+-" and chomping is None:
                chomping = char == "+"
            elif char in "0123456789" and increment is None:
                increment = int(char)
                if not increment:
                    raise self._block_error(start_mark, "an indentation indicator of 1 to 9")
            else:
                break
            self.forward()
        if self.peek() not in _ENDS + "#":
            raise self._block_error(start_mark, "chomping or indentation indicators")
        return chomping, increment

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> None:
        """The rest of a block scalar's first line: blanks, tabs too, and a comment."""
        while self.peek() in " \t":
            self.forward()
        if self.peek() == "#":
            while self.peek() not in "\0" + _BREAKS:
                self.forward()
        if self.peek() not in "\0" + _BREAKS:
            raise self._block_error(start_mark, "a comment or a line break")
        self.scan_line_break()  # type: ignore[no-untyped-call]

    def _block_error(self, start_mark: Any, expected: str) -> ScannerError:
        found = f"expected {expected}, but found {self.peek()!r}"
        return ScannerError("while scanning a block scalar", start_mark, found, self.get_mark())

    def fetch_stream_end(self) -> None:
        """The end of the text, which libyaml puts on a line of its own."""
        if self.column:
            self.line += 1
            self.column = 0
        Scanner.fetch_stream_end(self)

    def get_event(self) -> Any:
        """The next event; an escape of a lone surrogate or beyond U+10FFFF is refused."""
        try:
            event: Any = Parser.get_event(self)  # type: ignore[no-untyped-call]
        except ValueError:  # chr() of an escape beyond U+10FFFF
            raise ScannerError(_QUOTED, None, _BAD_ESCAPE, self.get_mark()) from None
        if type(event) is events.ScalarEvent and event.style == '"':
            start: Any = event.start_mark
            end: Any = event.end_mark
            for escape in _ESCAPE.finditer(self.buffer, start.index, end.index):
                code = escape.group(1) or escape.group(2)
                if code and 0xD800 <= int(code, 16) <= 0xDFFF:
                    where = _place(self.buffer, escape.start() + 2)
                    mark = Mark("<unicode string>", escape.start() + 2, *where, "", 0)
                    raise ScannerError(_QUOTED, start, _BAD_ESCAPE, mark)
        return event


def at(mark: Any) -> Location:
    """A mark's place as an editor shows it: 1-based line and column."""
    return (mark.line + 1, mark.column + 1)


def walk(text: str, paths: bool = False) -> Iterator[Item]:
    """Every node, collection end and document start of `text`, in order (see `Item`).

    A collection used as a key is refused: a key is a scalar, so that every value has a path.
    """
    by_bytes = C_PARSER is not None
    kind_of = _KINDS.get
    # The innermost open collection: whether it is a mapping (None: nothing is open), its
    # pending key's text and event (None: a key comes next) or its next index, its own key,
    # path and start event. The enclosing ones wait on `outer`.
    in_mapping: bool | None = None
    pending: Any = None
    pending_event: Any = None
    own_key: str | int | None = None
    here: FieldPath = ()
    start: Any = None
    outer: list[tuple[Any, ...]] = []
    try:
        get_event = _events(text)  # PyYAML's reader checks every character first
        while True:
            event = get_event()
            kind = kind_of(type(event), _SKIP)
            if kind <= SEQUENCE:  # a node
                key_event = None
                if in_mapping:
                    if pending is None:  # a key: it comes with its value
                        pending = event.value if kind == SCALAR else _key_text(kind, event)
                        pending_event = event
                        continue
                    key, key_event, pending = pending, pending_event, None
                    path = (*here, key) if paths else ()
                elif in_mapping is None:  # the top
                    key, path = None, ()
                else:
                    key = pending
                    pending += 1
                    path = (*here, key) if paths else ()
                if kind >= MAPPING:
                    outer.append((in_mapping, pending, pending_event, own_key, here, start))
                    in_mapping = kind == MAPPING
                    pending = None if in_mapping else 0
                    own_key, here, start = key, path, event
                yield kind, key, path, event, key_event, None
            elif kind == END:
                yield END, own_key, here, start, None, event.end_mark
                in_mapping, pending, pending_event, own_key, here, start = outer.pop()
            elif kind == DOCUMENT:
                yield DOCUMENT, None, (), _checked_version(event), None, None
            elif kind == _STOP:
                return
    except YAMLError as error:
        raise _refusal(error, text, by_bytes) from None


def _key_text(kind: int, event: Any) -> str:
    if kind == ALIAS:
        return f"*{event.anchor}"
    raise YamlError(NOT_A_KEY, at(event.start_mark))


def _events(text: str) -> Callable[[], Any]:
    """The next-event function of the parser in use, over `text`."""
    parser = C_PARSER
    if parser is None:
        return _PureParser(text).get_event
    try:
        get_event: Callable[[], Any] = parser(text).get_event
    except UnicodeEncodeError as error:  # a lone surrogate, which PyYAML's reader refuses
        raise _bad_character(text, error.start, text[error.start]) from None
    return _counting_bom(get_event) if text.startswith("\ufeff") else get_event


def _counting_bom(get_event: Callable[[], Any]) -> Callable[[], Any]:
    """libyaml skips a leading byte-order mark without counting it; count it, as PyYAML does."""

    def get() -> Any:
        event = get_event()
        for name in ("start_mark", "end_mark"):
            mark = getattr(event, name)
            setattr(event, name, Mark(mark.name, mark.index + 1, mark.line, mark.column, "", 0))
        return event

    return get


def _checked_version(event: Any) -> Any:
    """libyaml refuses %YAML versions other than 1.1 and 1.2; so does PyYAML's parser here."""
    if event.version is not None and tuple(event.version) not in ((1, 1), (1, 2)):
        raise ParserError(None, None, "found incompatible YAML document", event.start_mark)
    return event


def _refusal(error: YAMLError, text: str, by_bytes: bool) -> YamlError:
    """A parser's refusal as one located `YamlError`, worded the same for either parser."""
    if isinstance(error, ReaderError):
        position = error.position
        if by_bytes:  # libyaml counts the text's UTF-8 bytes, PyYAML its characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        char = error.character
        return _bad_character(text, position, char if isinstance(char, str) else chr(char))
    if isinstance(error, MarkedYAMLError):
        return _syntax_error(error, text)
    return YamlError(f"invalid YAML: {error}", None)


def _bad_character(text: str, position: int, char: str) -> YamlError:
    """The refusal of the character at `position`, located as marks are."""
    line, column = _place(text, position)
    return YamlError(
        f"character U+{ord(char):04X} is not allowed in YAML; remove it", (line + 1, column + 1)
    )


def _place(text: str, position: int) -> tuple[int, int]:
    """The 0-based line and column of a position, counted as libyaml counts them."""
    lines = _LINE_BREAK.split(text[:position])
    return len(lines) - 1, len(lines[-1]) - (len(lines) == 1 and text.startswith("\ufeff"))


def _syntax_error(error: MarkedYAMLError, text: str) -> YamlError:
    """A refusal of the text's structure, with what most often causes it named plainly."""
    mark = error.problem_mark or error.context_mark
    where = at(mark) if mark is not None else None
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
