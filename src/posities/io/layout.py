"""The register's canonical layout of a position file, and structural edits that keep comments.

Plain functions from text to text on ruamel.yaml's round-trip mode, which keeps quoting, folds
and number and date spellings; it is imported inside them, since only these rewrites need it.
Comments and blank lines are taken out before the rewrite, each tied to the key or list item
it stands on or above, and put back beside that key or item wherever it lands. Every result is
read back and refused unless the data is the same under YAML 1.2 (the register's reading) and
YAML 1.1 (PyYAML's `safe_load`).
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import dataclasses
import functools
import io
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from posities.errors import PositiesError, YamlError
from posities.io import yamlwalk
from posities.io.yamlread import parse

Path = tuple[str | int, ...]

MAX_LINE = 100
"""A one-line text whose line would be longer than this is folded, and so is a folded text again
when one of its lines is."""
FOLD_WIDTH = 90
"""The column a folded text's lines end by, as new files are written."""
_MIN_FOLD = 40
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, eq=False)
class KeyOrder:
    """The keys of a mapping (or of each mapping in a list) in the order files list them, each
    with its own order; whether a list is written `[a, b]` (a list of mappings: each item
    `{a: 1, b: 2}`); whether a value is a date."""

    keys: dict[str, KeyOrder] = field(default_factory=dict)
    flow: bool = False
    date: bool = False


_NONE = KeyOrder()


@functools.cache
def position_key_order() -> KeyOrder:
    """The order `schema.POSITION` declares: lists of single values flow, and so do the items
    of a list of mappings of short values (relations); other lists of mappings are blocks. The
    one place this module reads the schema."""
    from posities.model.schema import POSITION, Date, Items, Kind, Mapping, Text

    def shape(kind: Kind) -> KeyOrder:
        if isinstance(kind, Mapping):
            return KeyOrder({name: shape(key.kind) for name, key in kind.keys.items()})
        if isinstance(kind, Items):
            return KeyOrder(shape(kind.item).keys, flow=one_line(kind.item))
        return KeyOrder(date=isinstance(kind, Date))

    def one_line(kind: Kind) -> bool:
        """Whether a list item is written on one line: a value, or a mapping of short values
        (a relation)."""
        if not isinstance(kind, Mapping):
            return True
        kinds = [key.kind for key in kind.keys.values()]
        return not any(
            isinstance(k, Mapping | Items) or (isinstance(k, Text) and k.multiline) for k in kinds
        )

    return shape(POSITION)


# --- reading back --------------------------------------------------------------------------


class _Unreadable:
    """What a YAML 1.1 reader makes of a text it cannot read (an impossible plain date)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unreadable)

    def __hash__(self) -> int:
        return 0


def _readings(text: str) -> tuple[Any, Any]:
    """The data in `text` as the register reads it (YAML 1.2 core) and as `safe_load` does."""
    try:
        register = parse(text, located=False).value
    except YamlError:
        register = _Unreadable()
    try:
        old = yaml.load(text, Loader=_SAFE_LOADER)
    except (yaml.YAMLError, ValueError, OverflowError):
        old = _Unreadable()
    return register, old


def _same(one: Any, other: Any) -> bool:
    """Equal and of the same types all the way down (`1`, `1.0` and `True` differ)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return one.keys() == other.keys() and all(_same(one[k], other[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(map(_same, one, other))
    if isinstance(one, float) and math.isnan(one):
        return math.isnan(other)
    return bool(one == other)


def same_record(before: str, after: str) -> bool:
    """Whether two texts hold the same data for the register and for a YAML 1.1 reader, so a
    rewrite may replace one with the other."""
    return all(map(_same, _readings(before), _readings(after)))


# --- where comments stand ------------------------------------------------------------------

HEAD: Path = ("<head>",)
"""The owner of comments above the first key: they stay at the top, unindented."""
END: Path = ("<end>",)
"""The owner of comments below the last key: they stay at the bottom, indented as written
(no deeper than the last key, or they would be part of a folded text above them)."""


@dataclass(frozen=True)
class _Node:
    """A key of a block mapping or an item of a block list: where a line can start."""

    path: Path
    line: int
    column: int


@dataclass(frozen=True)
class _Scan:
    """The parts of a text that are values (where `#` is no comment) and the line nodes."""

    starts: list[int]
    ends: list[int]
    nodes: list[_Node]

    def inside(self, index: int) -> bool:
        """Whether the character at `index` belongs to a scalar."""
        at = bisect.bisect_right(self.starts, index) - 1
        return at >= 0 and index < self.ends[at]


@dataclass(frozen=True)
class _Comment:
    """A comment (`# ...`) or a blank line (""), and the key or item it belongs to."""

    text: str
    owner: Path
    eol: bool
    column: int


def _events(text: str) -> Iterator[tuple[Any, Path, bool]]:
    """Each node's event (a key's before its value's) with the path of its value, and whether
    it starts a line node (a key of a block mapping or an item of a block list), from the one
    walk over the text's YAML events."""
    blocks: list[bool] = []  # whether each open collection is a block, innermost last
    for kind, _, path, event, key_event, _ in yamlwalk.walk(text, paths=True):
        if kind == yamlwalk.END:
            blocks.pop()
            continue
        if kind == yamlwalk.DOCUMENT:
            continue
        block = bool(blocks) and blocks[-1]
        if key_event is None:
            yield event, path, block  # an item of a list, or the top
        else:
            yield key_event, path, block
            yield event, path, False
        if kind in (yamlwalk.MAPPING, yamlwalk.SEQUENCE):
            blocks.append(not event.flow_style)


def _scan(text: str) -> _Scan:
    """Where the scalars and the line nodes of `text` stand."""
    spans: list[tuple[int, int]] = []
    nodes: list[_Node] = []
    for event, path, line_node in _events(text):
        start: Any = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            end_mark: Any = event.end_mark
            end: int = end_mark.index
            if event.style in ("|", ">") and "+" not in text[start.index : start.index + 3]:
                end = start.index + len(text[start.index : end].rstrip())  # not the blank lines
            spans.append((start.index, end))
        if line_node:
            nodes.append(_Node(path, start.line, start.column))
    spans.sort()
    return _Scan([s for s, _ in spans], [e for _, e in spans], nodes)


def _untabbed(text: str) -> str:
    """`text` without the tabs ruamel.yaml cannot read: tabs between tokens become spaces, a
    plain value holding a tab is written double-quoted (a JSON string is one)."""
    import json

    out: list[str] = []
    done = 0
    for event, _, _ in _events(text):
        if not isinstance(event, yaml.ScalarEvent):
            continue
        marks: Any = (event.start_mark, event.end_mark)
        start, end = marks[0].index, marks[1].index
        out.append(text[done:start].replace("\t", " "))
        value = text[start:end]
        if not event.style and "\t" in value:
            value = json.dumps(event.value, ensure_ascii=False)
        out.append(value)
        done = end
    out.append(text[done:].replace("\t", " "))
    return "".join(out)


def _comment_start(line: str, offset: int, scan: _Scan) -> int:
    """Where the comment on `line` starts, or -1: a `#` after white space, not in a value."""
    at = line.find("#")
    while at >= 0:
        if (at == 0 or line[at - 1] in " \t") and not scan.inside(offset + at):
            return at
        at = line.find("#", at + 1)
    return -1


def _take_comments(text: str) -> tuple[str, list[_Comment]]:
    """`text` without its comments and blank lines, and those with the node each belongs to."""
    scan = _scan(text)
    by_line: dict[int, list[_Node]] = {}
    for node in scan.nodes:
        by_line.setdefault(node.line, []).append(node)
    found: list[tuple[int, str, bool, int]] = []  # line, text, end of line, column
    kept: list[str] = []
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        at = _comment_start(line, offset, scan)
        if at >= 0:
            before = line[:at].rstrip(" \t")
            found.append((number, line[at:].rstrip(), bool(before.strip()), at))
            if before.strip():
                kept.append(before)
        elif not line.strip(" \t") and number < len(lines) - 1 and not scan.inside(offset):
            found.append((number, "", False, 0))
        else:
            kept.append(line)
        offset += len(line) + 1
    first = scan.nodes[0].line if scan.nodes else math.inf
    lines_of = [node.line for node in scan.nodes]
    comments = []
    for number, comment, eol, column in found:
        if eol and number in by_line:
            owner = by_line[number][-1].path  # the innermost key or item on that line
        elif number < first:
            owner, eol = HEAD, False
        else:
            at = bisect.bisect_right(lines_of, number)
            owner = scan.nodes[at].path if at < len(scan.nodes) else END
            eol = False
        comments.append(_Comment(comment, owner, eol, column))
    return "\n".join(kept), comments


def _put_comments(text: str, comments: list[_Comment]) -> str:
    """`text` with each comment beside or above its owner, or the owner's nearest enclosing
    key or item still there; comments above a line are indented like it."""
    nodes = {node.path: node.line for node in _scan(text).nodes}
    lines = text.removesuffix("\n").split("\n")
    above: dict[int, list[str]] = {}
    beside: dict[int, str] = {}
    head: list[str] = []
    tail: list[str] = []
    last = lines[max(nodes.values())] if nodes else ""
    deepest_tail = len(last) - len(last.lstrip(" "))  # deeper would be in a block text
    for comment in comments:
        owner = comment.owner
        while owner and owner not in nodes and owner not in (HEAD, END):
            owner = owner[:-1]
        if owner == HEAD:
            head.append(comment.text)
        elif owner == END or not owner:
            column = min(comment.column, deepest_tail)
            tail.append(" " * column + comment.text if comment.text else "")
        elif comment.eol and owner == comment.owner and nodes[owner] not in beside:
            beside[nodes[owner]] = comment.text
        else:
            target = lines[nodes[owner]]
            indent = target[: len(target) - len(target.lstrip(" "))]
            above.setdefault(nodes[owner], []).append(indent + comment.text if comment.text else "")
    out = _blank_runs(head)
    for number, line in enumerate(lines):
        out += _blank_runs(above.get(number, []), out)
        out.append(f"{line}  {beside[number]}" if number in beside else line)
    out += _blank_runs(tail, out)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _blank_runs(lines: list[str], before: list[str] | None = None) -> list[str]:
    """`lines` with runs of blank lines made one, and none right after a blank line."""
    out: list[str] = []
    previous = before[-1] if before else None
    for line in lines:
        if line or previous:
            out.append(line)
        previous = line
    return out


# --- the layout ----------------------------------------------------------------------------


@functools.cache
def _representer() -> Any:
    """ruamel.yaml's round-trip representer, writing null as `null` (not as nothing)."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        """Writes null as `null`."""

    def null(representer: Any, _data: None) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:null", "null")

    Representer.add_representer(type(None), null)
    return Representer


def _yaml() -> Any:
    """A round-trip YAML in the register's layout: two-space mappings, list items indented
    two more with their dash, lines never broken by the writer. A new one for each text: one
    keeps what it read (a %YAML directive) for what it writes next."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.Representer = _representer()
    rt.preserve_quotes = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 1_000_000
    return rt


def _foldable(text: str) -> bool:
    """Whether `text` reads the same folded: one printable line, single spaces, trimmed."""
    return bool(text) and text == text.strip() and "  " not in text and text.isprintable()


def _folds(text: str, width: int) -> list[int]:
    """Where a folded `text` breaks (the spaces' indices) for lines of at most `width`
    characters; a word longer than that gets a line of its own."""
    breaks: list[int] = []
    start = at = 0
    for word in text.split(" "):
        if at > start and at - start + len(word) > width:
            breaks.append(at - 1)
            start = at
        at += len(word) + 1
    return breaks


def _lines_of(text: str, folds: list[int]) -> list[str]:
    edges = [-1, *folds, len(text)]
    return [text[a + 1 : b] for a, b in itertools.pairwise(edges)]


def _text(value: Any, line: int, indent: int) -> Any:
    """`value`, a text whose key starts a line `line` characters long, folded if that line
    (or a line of its fold) would be longer than `MAX_LINE`."""
    from ruamel.yaml.scalarstring import (
        FoldedScalarString,
        LiteralScalarString,
        ScalarString,
    )

    if not isinstance(value, str) or isinstance(value, LiteralScalarString):
        return value
    text = str(value)
    if not _foldable(text):
        return value
    if isinstance(value, FoldedScalarString):
        folds = getattr(value, "fold_pos", [])
        if all(indent + len(part) <= MAX_LINE for part in _lines_of(text, folds)):
            return value
    else:
        quotes = 2 if isinstance(value, ScalarString) else 0
        if line + len(text) + quotes <= MAX_LINE:
            return value
    folds = _folds(text, max(FOLD_WIDTH - indent, _MIN_FOLD))
    if not folds and not isinstance(value, FoldedScalarString):
        return value  # one long word: folding would not shorten it
    folded = FoldedScalarString(text)
    folded.fold_pos = folds
    return folded


def _arrange(node: Any, order: KeyOrder, column: int, path: Path, block: set[Path]) -> None:
    """Lay `node` out in place: keys in `order`, lists in their style, long texts of keys
    folded. `column` is where its keys (or its items' keys) start; lists at a path in `block`
    stay blocks."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        known = [key for key in order.keys if key in node]
        for key in known + [key for key in node if key not in order.keys]:
            node.move_to_end(key)
        flat = all(not isinstance(value, dict | list) for value in node.values())
        if order.flow and path and isinstance(path[-1], int) and flat and path not in block:
            node.fa.set_flow_style()  # an item of a list of one-line mappings (relations)
            return
        node.fa.set_block_style()
        for key in list(node):
            inner = order.keys.get(key, _NONE)
            value = node[key]
            if isinstance(value, str):
                node[key] = _text(value, column + len(str(key)) + 2, column + 2)
            else:
                deeper = column + 2 if isinstance(value, CommentedMap) else column + 4
                _arrange(value, inner, deeper, (*path, key), block)
    elif isinstance(node, CommentedSeq):
        scalars = all(not isinstance(item, dict | list) for item in node)
        if order.flow and scalars and path not in block:
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        for index, item in enumerate(node):
            _arrange(item, order, column, (*path, index), block)


def _rewrite(
    text: str,
    key_order: KeyOrder,
    name: str,
    change: Callable[[Any], None] | None = None,
    owners: Callable[[Path], Path] | None = None,
) -> str:
    """`text` in the canonical layout, after `change` has been made to its round-trip data;
    `owners` says where the comments of a key or item that `change` moved belong now."""
    from ruamel.yaml.error import YAMLError as RuamelError

    bom = "\ufeff" if text.startswith("\ufeff") else ""
    crlf = text.count("\r\n")  # the file's own line end: what most of its lines end with
    newline = "\r\n" if crlf * 2 > text.count("\n") else "\n"
    work = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        parse(work)
    except YamlError as error:
        raise PositiesError(f"{_where(name, error.location)}: {error.message}") from None
    bare, comments = _take_comments(work)
    if owners is not None:
        comments = [
            c if c.owner in (HEAD, END) else dataclasses.replace(c, owner=owners(c.owner))
            for c in comments
        ]
    if "\t" in bare:
        bare = _untabbed(bare)
    rt = _yaml()
    try:
        data = rt.load(bare)
    except (RuamelError, ValueError, OverflowError) as error:  # an impossible date, say
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PositiesError(
            f"{name}: cannot lay this file out ({first}); posities check says what is wrong"
        ) from None
    if change is not None:
        change(data)
    # a list with comments on its items stays a block list, so that they keep their place
    block = {c.owner[:-1] for c in comments if c.owner not in (HEAD, END) and c.owner}
    _arrange(data, key_order, 0, (), block)
    out = io.StringIO()
    rt.dump(data, out)
    laid = _put_comments(out.getvalue(), comments)
    return bom + laid.replace("\n", newline)


def _where(name: str, location: tuple[int, int] | None) -> str:
    return f"{name}:{location[0]}:{location[1]}" if location else name


def _refuse(name: str, what: str) -> PositiesError:
    return PositiesError(
        f"{name}: laying the file out would {what}; nothing was changed. "
        "Please report this with the file"
    )


def canonical(text: str, key_order: KeyOrder, name: str = "the file") -> str:
    """`text` in the register's canonical layout, comments kept; the same text if it is
    already laid out. Refused (naming `name`) if the result would not hold the same data."""
    laid = _rewrite(text, key_order, name)
    before, after = _readings(text), _readings(laid)  # each text read once
    if isinstance(after[0], _Unreadable):
        raise _refuse(name, "make text that cannot be read back")
    if not all(map(_same, before, after)):
        raise _refuse(name, "change its data")
    if _comment_marks(laid, after[0]) != _comment_marks(text, before[0]):
        raise _refuse(name, "lose or repeat a comment")
    return laid


def _comment_marks(text: str, value: Any) -> int:
    """How many `#` of `text`, whose data is `value`, are comments: all of them but those
    inside keys and values (a quoted `#` or one in a block text is data, compared as data)."""

    def in_data(value: Any) -> int:
        if isinstance(value, dict):
            return sum(in_data(k) + in_data(v) for k, v in value.items())
        if isinstance(value, list):
            return sum(map(in_data, value))
        return str(value).count("#") if isinstance(value, str) else 0

    return text.count("#") - in_data(value)


# --- structural edits ----------------------------------------------------------------------


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _order_at(key_order: KeyOrder, path: Path) -> KeyOrder:
    for part in path:
        if isinstance(part, str):
            key_order = key_order.keys.get(part, _NONE)
    return key_order


def _container(data: Any, path: Path, name: str) -> Any:
    """The mapping or list that holds `path`'s last part."""
    node = data
    for depth, part in enumerate(path[:-1]):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise PositiesError(f"{name} has no {_dotted(path[: depth + 1])}") from None
    return node


def _needs_quotes(text: str) -> bool:
    """Whether plain `text` would be read as something else by a YAML 1.1 or 1.2 reader."""
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    if not text or text != text.strip() or "\n" in text:
        return True
    resolver: Any = Resolver()
    if resolver.resolve(ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        return True
    try:
        return bool(parse(f"- {text}\n", located=False).value != [text])
    except YamlError:
        return True


def _plain_date(text: str) -> Any:
    """`text` as a value written as a plain date (YYYY-MM-DD, YYYY-MM), or None."""
    import datetime

    parts = text.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() and p.isascii() for p in parts):
        return None
    if len(parts) == 2:
        return text if len(parts[0]) == 4 and len(parts[1]) == 2 else None
    try:
        return datetime.date.fromisoformat(text)  # written as YYYY-MM-DD
    except ValueError:
        return None


def _written(value: Any, order: KeyOrder) -> Any:
    """`value` as round-trip data: texts a reader could misread are quoted, except dates in
    date fields, which the register writes plain (YYYY-MM-DD, YYYY-MM)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, dict):
        return CommentedMap(
            (key, _written(item, order.keys.get(key, _NONE))) for key, item in value.items()
        )
    if isinstance(value, list):
        return CommentedSeq(_written(item, order) for item in value)
    if not isinstance(value, str) or not _needs_quotes(value):
        return value
    date = _plain_date(value) if order.date else None
    if date is not None:
        return date
    if value.isprintable():
        return SingleQuotedScalarString(value)
    return DoubleQuotedScalarString(value)


def _check_edit(text: str, laid: str, path: Path, value: Any, name: str, append: bool) -> str:
    """`laid`, if it reads back as `text` with only that change made (the changed part
    under YAML 1.2 only: a date field's plain date is a date to YAML 1.1)."""
    (register, old), (new_register, new_old) = _readings(text), _readings(laid)
    expected = copy.deepcopy(register)
    target = _container(expected, path, name)
    if append:
        target[path[-1]] = [*target.get(path[-1], []), value]
    else:
        target[path[-1]] = value
    if not _same(new_register, expected) or not _same(_masked(old, path), _masked(new_old, path)):
        raise PositiesError(
            f"{name}: {_dotted(path)} could not be changed without touching other values; "
            "nothing was changed. Make the change with posities edit"
        )
    if _comment_marks(laid, new_register) != _comment_marks(text, register):
        raise _refuse(name, "lose or repeat a comment")
    return laid


def _masked(data: Any, path: Path) -> Any:
    """`data` without the value at `path` (a list appended to: all of it)."""
    if isinstance(data, _Unreadable):
        return data
    masked = copy.deepcopy(data)
    with contextlib.suppress(PositiesError, KeyError, IndexError, TypeError):
        _container(masked, path, "")[path[-1]] = None
    return masked


def set_value(
    text: str, path: Path, value: Any, key_order: KeyOrder, name: str = "the file"
) -> str:
    """`text` with the value at `path` replaced by `value` (any YAML data, a missing key of an
    existing mapping added), in the canonical layout with every comment kept. For what the
    span editor cannot change in place: a block list written as `[a, b]` and back."""
    if not path:
        raise PositiesError(f"{name}: name the field to change")
    order = _order_at(key_order, path)

    def change(data: Any) -> None:
        holder = _container(data, path, name)
        last = path[-1]
        if isinstance(holder, list) != isinstance(last, int) or (
            isinstance(holder, list) and not -len(holder) <= int(last) < len(holder)
        ):
            raise PositiesError(f"{name} has no {_dotted(path)}")
        holder[last] = _written(value, order)

    laid = _rewrite(text, key_order, name, change)
    return _check_edit(text, laid, path, value, name, append=False)


def append_item(
    text: str, path: Path, item: Any, key_order: KeyOrder, name: str = "the file"
) -> str:
    """`text` with `item` appended to the list at `path` (made if its mapping lacks it), in
    the canonical layout with every comment kept, whatever style the list is written in."""
    if not path or not isinstance(path[-1], str):
        raise PositiesError(f"{name}: name the list to add to")
    order = _order_at(key_order, path)

    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedSeq

        holder = _container(data, path, name)
        if not isinstance(holder, dict):
            raise PositiesError(f"{name} has no {_dotted(path)}")
        items = holder.setdefault(path[-1], CommentedSeq())
        if not isinstance(items, list):
            raise PositiesError(f"{name}: {_dotted(path)} is not a list")
        items.append(_written(item, order))

    laid = _rewrite(text, key_order, name, change)
    return _check_edit(text, laid, path, item, name, append=True)


# --- moves ---------------------------------------------------------------------------------

Values = Sequence[tuple[Path, Any]]


def move(
    text: str,
    moves: Sequence[tuple[Path, Path]],
    values: Values,
    drops: Sequence[Path],
    key_order: KeyOrder,
    name: str = "the file",
) -> str:
    """`text` with each value at the first path of `moves` moved to the second, its comments
    with it, then `values` set and `drops` taken out in the order given (their comments go
    with the first value moved out of them), in the canonical layout. A mapping or list item
    missing on a target's way is made. Refused unless it reads back as exactly that change."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    written = [(path, _written(value, _order_at(key_order, path))) for path, value in values]

    def change(data: Any) -> None:
        _regroup(data, moves, written, drops, name, (CommentedMap, CommentedSeq))

    def owner(path: Path) -> Path:
        return _owner(path, moves, drops)

    laid = _rewrite(text, key_order, name, change, owner)
    (register, old), (new_register, new_old) = _readings(text), _readings(laid)
    expected = copy.deepcopy(register)
    _regroup(expected, moves, values, drops, name, (dict, list))
    masked = [(path, None) for path, _ in values]  # a date is a date to YAML 1.1
    if not isinstance(old, _Unreadable):
        old = copy.deepcopy(old)
        _regroup(old, moves, masked, drops, name, (dict, list))
    if not isinstance(new_old, _Unreadable):
        _regroup(new_old, [], masked, [], name, (dict, list))
    if not _same(new_register, expected) or not _same(old, new_old):
        raise _refuse(name, "change more than was moved")
    if _comment_marks(laid, new_register) != _comment_marks(text, register):
        raise _refuse(name, "lose or repeat a comment")
    return laid


def _owner(path: Path, moves: Sequence[tuple[Path, Path]], drops: Sequence[Path]) -> Path:
    """Where a comment of `path` belongs after `moves` and `drops`."""
    for source, target in moves:
        if path[: len(source)] == source:
            path = (*target, *path[len(source) :])
            break
    for dropped in drops:
        where, last = dropped[:-1], dropped[-1]
        if path[: len(dropped)] == dropped:
            heirs = [target for source, target in moves if source[: len(dropped)] == dropped]
            path = heirs[0] if heirs else where
            continue
        inside = len(path) > len(where) and path[: len(where)] == where
        if isinstance(last, int) and inside and isinstance(path[len(where)], int):
            at = int(path[len(where)])
            if at > last:  # a later item of the same list moves up
                path = (*where, at - 1, *path[len(where) + 1 :])
    return path


def _regroup(
    data: Any,
    moves: Sequence[tuple[Path, Path]],
    values: Values,
    drops: Sequence[Path],
    name: str,
    kinds: tuple[Callable[[], Any], Callable[[], Any]],
) -> None:
    """Make `move`'s change to `data` in place; `kinds` make a new mapping and a new list."""
    taken = []
    for source, target in moves:
        holder = _container(data, source, name)
        try:
            taken.append((target, holder.pop(source[-1])))
        except (KeyError, IndexError, TypeError, AttributeError):
            raise PositiesError(f"{name} has no {_dotted(source)}") from None
    for target, value in [*taken, *values]:
        _put(data, target, value, name, kinds)
    for path in drops:
        holder = _container(data, path, name)
        try:
            del holder[path[-1]]
        except (KeyError, IndexError, TypeError):
            raise PositiesError(f"{name} has no {_dotted(path)}") from None


def _put(
    data: Any, path: Path, value: Any, name: str, kinds: tuple[Callable[[], Any], Callable[[], Any]]
) -> None:
    """Set the value at `path`, making each missing mapping key or next list item on its way."""
    node = data
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        made = value if last else kinds[0 if isinstance(path[depth + 1], str) else 1]()
        if isinstance(node, dict) and isinstance(part, str):
            if last or part not in node:
                node[part] = made
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part <= len(node):
            if part == len(node):
                node.append(made)
            elif last:
                node[part] = made
        else:
            raise PositiesError(f"{name} has no place for {_dotted(path[: depth + 1])}")
        node = node[part]
