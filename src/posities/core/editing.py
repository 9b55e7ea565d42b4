"""Changing a position: open it, set fields, add a source. Every result goes through
`save.write_position`, which validates it and writes it atomically."""

from __future__ import annotations

import copy
import dataclasses
import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posities.core.query import Tri
from posities.core.register import TooLarge, decode, position_files, read_text
from posities.core.save import locked, write_position
from posities.errors import PositiesError, UsageError, YamlError, display_path, shown
from posities.io.yamledit import NotInPlace, append_item, scalar, set_values
from posities.io.yamlread import parse
from posities.model.dates import today
from posities.model.records import FieldPath, Stance, Statement
from posities.model.schema import KEBAB, MAX_ID_LENGTH, dotted

STANCE_FIELDS = (("stance",), ("goal_shared",), ("means_differ",))
DATE_FIELDS = (("decision", "date"), ("updated",))


@dataclass(frozen=True)
class Opened:
    """A position file as read for a change: its bytes, text and parsed value."""

    path: Path
    stem: str
    data: bytes
    bom: str
    text: str
    value: dict[str, Any]

    def whole(self, text: str) -> str:
        """`text` with the byte-order mark the file had."""
        return self.bom + text


def require_id_length(ident: str) -> None:
    """Refuse an id longer than any position can have, before it reaches the file system
    (where a name that long is an error of its own)."""
    if len(ident) > MAX_ID_LENGTH:
        raise UsageError(
            f"{shown(ident)} is not a position id: it is {len(ident)} characters long, "
            f"and an id has at most {MAX_ID_LENGTH}"
        )


def require_utf8(name: str, value: str) -> None:
    """Refuse a command-line value that is not UTF-8 text, naming where it was given: its bytes
    reach Python as lone surrogates, which no position file (UTF-8) can hold."""
    bad = next((char for char in value if "\ud800" <= char <= "\udfff"), None)
    if bad is None:
        return
    code = ord(bad)
    what = f"the byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
    raise UsageError(f"{name}: not valid UTF-8 text ({what}); give it as UTF-8")


def id_path(root: Path, ident: str, not_an_id: str) -> tuple[Path, bool]:
    """The file of position `ident` and whether it exists; `not_an_id` (with `{id}` for the
    id) when it is no id, and an error when a broken link stands in its place."""
    require_id_length(ident)
    if not KEBAB.match(ident):
        raise UsageError(not_an_id.format(id=shown(ident)))
    path = root / f"{ident}.yaml"
    there = exists(path)
    if not there:
        refuse_broken_link(path)
    return path, there


def position_path(root: Path, ident: str) -> Path:
    """The file of position `ident`; an error with suggestions if there is none."""
    path, there = id_path(root, ident, "{id} is not a position id (kebab-case, like jcpoa)")
    if not there:
        from posities.core.ids import unknown_id

        files, _ = position_files(root)
        raise unknown_id(ident, [f.name.removesuffix(".yaml") for f in files])
    return path


def refuse_broken_link(path: Path) -> None:
    """Say so when the position file `path`, which cannot be opened, is a symbolic link: its
    name is there, so "no such position" would mislead."""
    try:
        target = os.readlink(path)
    except OSError:
        return  # not a link (or gone)
    try:
        os.stat(path)
        return  # it has been mended meanwhile
    except OSError as error:
        if error.errno == errno.ELOOP:
            why = "leads round in a loop"
        elif error.errno == errno.ENOENT:
            why = f"points to {shown(target, 200)}, which does not exist"
        else:
            why = f"points to {shown(target, 200)}, which cannot be reached: {error.strerror}"
    raise PositiesError(
        f"{display_path(path)} is a broken symbolic link: it {why}; fix the link or remove it"
    )


def open_position(path: Path) -> Opened:
    """Read a position file for a change; it must be a YAML mapping (it may be invalid)."""
    label = display_path(path)
    data = read_position_bytes(path)
    try:
        text = decode(data)
        doc = parse(text)
    except YamlError as error:
        where = f":{error.location[0]}:{error.location[1]}" if error.location else ""
        raise PositiesError(
            f"{label}{where}: {error.message}; fix it first (posities edit)"
        ) from None
    if not isinstance(doc.value, dict):
        raise PositiesError(f"{label} is not a mapping of fields; fix it first (posities edit)")
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    return Opened(path, path.name.removesuffix(".yaml"), data, bom, text, doc.value)


def _expected(value: dict[str, Any], changes: dict[FieldPath, Any]) -> dict[str, Any]:
    result = copy.deepcopy(value)
    for path, new in changes.items():
        target: Any = result
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = new
    return result


def _reads_back(text: str, expected: dict[str, Any]) -> None:
    try:
        value = parse(text).value
    except YamlError:
        value = None
    if value != expected:
        raise PositiesError(
            "the change could not be made without touching other values; nothing was written. "
            "Make it with posities edit."
        )


def current(opened: Opened, path: FieldPath) -> Any:
    """The value at `path` in the file as read (None where there is none)."""
    return value_at(opened.value, path)


def value_at(value: Any, path: FieldPath) -> Any:
    """The value at `path` in parsed data (None where there is none)."""
    for part in path:
        if isinstance(value, list) and isinstance(part, int):
            value = value[part] if 0 <= part < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return value


def set_fields(opened: Opened, changes: dict[FieldPath, Any]) -> str:
    """The file's new text with `changes` made and nothing else touched."""
    try:
        text = set_values(opened.text, changes, DATE_FIELDS)
    except NotInPlace:
        text = _rewritten(opened, changes)
    _reads_back(text, _expected(opened.value, changes))
    return opened.whole(text)


def _rewritten(opened: Opened, changes: dict[FieldPath, Any]) -> str:
    """`changes` made by rewriting the file into the register's layout, every comment kept:
    for what cannot be changed in place (a list written as a block)."""
    from posities.io.layout import position_key_order, set_value

    order = position_key_order()
    text = opened.text
    for path, value in changes.items():
        text = set_value(text, path, value, order, display_path(opened.path))
    return text


def add_source(
    opened: Opened, source: dict[str, Any], changes: dict[FieldPath, Any] | None = None
) -> str:
    """The file's new text with `source` appended to its sources (and `changes` made); a
    quote the position already cites is refused (a second copy would only blur its history)."""
    return _add_source_at(opened, source, changes, ())


def claims_given(values: list[str]) -> list[str]:
    """The claims `--supports` names, repeated or comma-separated (`stance,summary`), each
    once; a UsageError naming one that is not a claim, with the closest."""
    from posities.model.records import CLAIMS
    from posities.model.suggest import did_you_mean, suggest

    named = [v.strip().replace("-", "_") for value in values for v in value.split(",")]
    claims: list[str] = []
    for name in filter(None, named):
        if name not in CLAIMS:
            tail = did_you_mean(suggest(name, list(CLAIMS), 1))
            raise UsageError(
                f"--supports: {shown(name)} is not a claim{tail} Claims: {', '.join(CLAIMS)}"
            )
        if name not in claims:
            claims.append(name)
    return claims


def save(opened: Opened, text: str) -> None:
    """Write a changed file (validated, atomic, refused if it changed on disk meanwhile)."""
    write_position(opened.path, opened.data, text, opened.stem)


@dataclass(frozen=True)
class Changed:
    """What `set_position` did: the file, and each changed field with its old and new value
    (none: the file already held what was asked)."""

    path: Path
    fields: list[tuple[FieldPath, Any, Any]]
    statement: str = ""
    """Whose statement was changed, where it is not the top-level one: `EU's statement from
    2019-03-01 (stances[0])`."""

    def lines(self) -> list[str]:
        """Each change as `field: was → now`, the values as a reader says them."""
        return [
            f"{dotted(path)}: {shown_value(path, old)} → {shown_value(path, new)}"
            for path, old, new in self.fields
        ]


def shown_value(path: FieldPath, value: Any) -> str:
    """A field's value on one line: as a reader says it where it is right for the field, else
    as the file writes it, shortened (a file being repaired may hold any YAML value)."""
    from posities.errors import visible
    from posities.model.words import Lang, tri

    if len(path) > 2 and path[0] == "stances" and isinstance(path[1], int):
        path = path[2:]  # a field of a statement in stances: shown as the top-level one is
    if path in STANCE_FIELDS[1:] and (value is None or isinstance(value, bool)):
        return tri(value, Lang.EN)
    if value is None:
        return "—"
    if path == ("stance",) and isinstance(value, str) and value in {s.value for s in Stance}:
        return value
    if path == ("topics",) and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return visible(", ".join(value)) or "—"
    if isinstance(value, str) and value.strip() and path not in STANCE_FIELDS:
        return visible(" ".join(value.split()))
    text = _flow(value)
    return visible(text[:SHOWN_FLOW] + ("…" if len(text) > SHOWN_FLOW else ""))


SHOWN_FLOW = 200
"""How much of a wrong value the report shows."""


def _flow(value: Any) -> str:
    """`value` as one line of YAML."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return scalar(value, plain_dates=True)
    return str(value)


def _same(one: Any, other: Any) -> bool:
    """Equal, with the same types all the way down (true is not 1, "1" is not 1)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, list):
        return len(one) == len(other) and all(map(_same, one, other))
    if isinstance(one, dict):
        return one.keys() == other.keys() and all(_same(one[k], other[k]) for k in one)
    return bool(one == other)


def _as_checked(opened: Opened, path: FieldPath) -> Any:
    """The value at `path` as `check` reads it: a decision date of a year written unquoted
    (a number to YAML) is that year, as text."""
    value = current(opened, path)
    if path == ("decision", "date") and type(value) is int:
        return str(value)
    return value


def set_position(
    root: Path, ident: str, wanted: dict[FieldPath, Any], updated: str | None
) -> Changed:
    """Give position `ident` the `wanted` values; `updated` becomes today when a stance field
    changes, unless given. Read and written under the file's lock, so no change is lost."""
    path = position_path(root, ident)
    with locked(path):
        opened = open_position(path)
        changes = _changes(opened, wanted, updated)
        changes.update(_unsupported(opened, changes))
        if changes:
            save(opened, set_fields(opened, changes))
    return Changed(path, [(p, current(opened, p), v) for p, v in changes.items()])


def _changes(
    opened: Opened, wanted: dict[FieldPath, Any], updated: str | None
) -> dict[FieldPath, Any]:
    """The `wanted` values that differ from the file's, and `updated` (today, unless given,
    when a stance field changes)."""
    return _changes_at(opened, wanted, updated, ())


def _refuse_unstated(opened: Opened, source: dict[str, Any], changes: dict[FieldPath, Any]) -> None:
    """Refuse a new source that supports a claim the position leaves not stated, saying how
    to state it in the same step."""
    _refuse_unstated_at(opened, source, changes, ())


def _unsupported(opened: Opened, changes: dict[FieldPath, Any]) -> dict[FieldPath, Any]:
    """Each source's `supports` without the claims `changes` make not stated: no quote is
    evidence of what the sources do not say. A source left supporting nothing is refused."""
    return _unsupported_at(opened, changes, ())


def append_source(
    root: Path, ident: str, source: dict[str, Any], stated: dict[FieldPath, Any] | None = None
) -> Changed:
    """Append `source` to position `ident`'s sources, under the file's lock, giving the claims
    in `stated` their values in the same step (the quote is what states them)."""
    path = position_path(root, ident)
    with locked(path):
        opened = open_position(path)
        changes = _changes(opened, stated or {}, None)
        _refuse_unstated(opened, source, changes)
        save(opened, add_source(opened, source, changes))
    return Changed(path, [(p, current(opened, p), v) for p, v in changes.items()])


def exists(path: Path) -> bool:
    """Whether `path` exists; a name the file system cannot hold is an error, not a traceback."""
    try:
        return path.exists()
    except OSError as error:
        raise UsageError(f"cannot use {display_path(path)}: {error.strerror}") from None


def read_position_bytes(path: Path) -> bytes:
    """A position file's bytes, or an error naming it."""
    try:
        return read_text(path)
    except TooLarge as error:
        raise PositiesError(f"{display_path(path)}: {error}") from None
    except OSError as error:
        raise PositiesError(f"cannot read {display_path(path)}: {error.strerror}") from None


# --- what the editing commands were given ------------------------------------------------------


def topics_given(text: str) -> list[str]:
    """The topics of a comma-separated list (`--topics a,b`), blanks left out."""
    return [topic.strip() for topic in text.split(",") if topic.strip()]


def claims_stated(goal_shared: Tri | None, means_differ: Tri | None) -> dict[FieldPath, Any]:
    """The yes/no/unknown claims given a value, as the file holds them (unknown is null);
    a claim not given is left out, not made unknown."""
    return _values({("goal_shared",): goal_shared, ("means_differ",): means_differ})


def _values(given: dict[FieldPath, Any]) -> dict[FieldPath, Any]:
    """The fields given a value (None: not given), each as the file holds it: a stance by its
    name, a yes/no/unknown as true/false/null, topics (comma-separated) as a list."""
    values: dict[FieldPath, Any] = {}
    for path, value in given.items():
        if isinstance(value, Tri):
            values[path] = value.as_value()
        elif isinstance(value, Stance):
            values[path] = value.value
        elif path == ("topics",) and isinstance(value, str):
            values[path] = topics_given(value)
        elif value is not None:
            values[path] = value
    return values


def set_given(
    root: Path, ident: str, given: dict[FieldPath, Any], updated: str | None
) -> list[str]:
    """`set`: give position `ident` each field given a value (None: not given; see `_values`),
    `updated` becoming today when a stance field changes (see `set_position`). What to tell
    the user, line by line: the file written and each change, or that the file already held
    what was asked."""
    wanted = _values(given)
    if not wanted and updated is None:
        raise UsageError("nothing to change: give at least one field option (posities set -h)")
    changed = set_position(root, ident, wanted, updated)
    if not changed.fields:
        return [f"{ident}: nothing changed; the file is as it was"]
    return [f"wrote {display_path(changed.path)}", *(f"  {line}" for line in changed.lines())]


# --- a holder's statements ---------------------------------------------------------------------
# A file's top-level stance is the own holder's statement; `stances:` holds the others. A change
# is made to one statement: its fields stand at `base`, () for the top-level one and
# ("stances", i) for an item.

DATE_KEYS = ("date", "since", "until", "updated")
"""Keys whose dates are written plain (YYYY-MM-DD), wherever they stand."""
STATEMENT_FIELDS = (*STANCE_FIELDS, ("summary", "nl"), ("summary", "en"))
"""The fields `set` changes in a holder's statement; the others are the decision's."""


def _changes_at(
    opened: Opened, wanted: dict[FieldPath, Any], updated: str | None, base: FieldPath
) -> dict[FieldPath, Any]:
    """The `wanted` values that differ from the file's, and the statement at `base` given
    `updated` (today, unless given, when one of its stance fields changes)."""
    stamp = (*base, "updated")
    changes = {p: v for p, v in wanted.items() if not _same(_as_checked(opened, p), v)}
    if updated is not None:
        changes[stamp] = updated
    elif any(_within(p, base) in STANCE_FIELDS for p in changes):
        changes[stamp] = today()
    if stamp in changes and _same(changes[stamp], current(opened, stamp)):
        del changes[stamp]
    return changes


def _within(path: FieldPath, base: FieldPath) -> FieldPath | None:
    """`path` as seen from the statement at `base`; None when it lies outside it."""
    return path[len(base) :] if path[: len(base)] == base else None


def _where(opened: Opened, base: FieldPath) -> str:
    """The statement at `base` as a message names it: the file, or the item in the file."""
    name = display_path(opened.path)
    return f"{dotted(base)} of {name}" if base else name


def _refuse_unstated_at(
    opened: Opened, source: dict[str, Any], changes: dict[FieldPath, Any], base: FieldPath
) -> None:
    """Refuse a new source of the statement at `base` that supports a claim it leaves not
    stated, saying how to state it in the same step."""
    for claim in source.get("supports") or ():
        path = (*base, claim)
        if (claim,) in STANCE_FIELDS[1:] and changes.get(path, current(opened, path)) is None:
            option = "--" + claim.replace("_", "-")
            raise PositiesError(
                f"{claim} is not stated (null) in {_where(opened, base)}, so no quote can "
                f"support it: state it with this source ({option} yes or no), or leave it out "
                "of --supports"
            )


def _unsupported_at(
    opened: Opened, changes: dict[FieldPath, Any], base: FieldPath
) -> dict[FieldPath, Any]:
    """Each source's `supports` in the statement at `base` without the claims `changes` make
    not stated. A source left supporting nothing is refused."""
    dropped = {
        str(p[-1])
        for p, v in changes.items()
        if v is None and _within(p, base) in STANCE_FIELDS[1:]
    }
    sources = current(opened, (*base, "sources")) if dropped else None
    found: dict[FieldPath, Any] = {}
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        supports = source.get("supports") if isinstance(source, dict) else None
        if isinstance(supports, list) and dropped & set(supports):
            kept = [claim for claim in supports if claim not in dropped]
            if not kept:
                named = ", ".join(claim for claim in supports if claim in dropped)
                raise PositiesError(
                    f"{display_path(opened.path)}: {dotted((*base, 'sources', index))} supports "
                    f"only {named}; with {named} not stated its quote would support nothing, so "
                    "nothing was written. Remove that source (posities edit), or first name in "
                    "its supports what else its quote states"
                )
            found[(*base, "sources", index, "supports")] = kept
    return found


def _add_source_at(
    opened: Opened,
    source: dict[str, Any],
    changes: dict[FieldPath, Any] | None,
    base: FieldPath,
) -> str:
    """The file's new text with `source` appended to the sources of the statement at `base`
    (and `changes` made); a quote that statement already cites is refused."""
    from posities.core.quotes import normalize

    expected = copy.deepcopy(opened.value)
    sources = value_at(expected, (*base, "sources"))
    if not isinstance(sources, list):
        raise PositiesError(f"{_where(opened, base)} has no list of sources to add to")
    for index, known in enumerate(sources):
        quoted = known.get("quote") if isinstance(known, dict) else None
        if isinstance(quoted, str) and normalize(quoted) == normalize(str(source["quote"])):
            raise PositiesError(
                f"{display_path(opened.path)} already cites this quote as "
                f"{dotted((*base, 'sources', index))}; nothing was written. To say what else it "
                "supports, add that to its supports (posities edit)"
            )
    text = _appended(opened, (*base, "sources"), source)
    sources.append(source)
    if changes:
        text = set_values(text, changes, _date_paths(changes))
        expected = _expected(expected, changes)
    _reads_back(text, expected)
    return opened.whole(text)


def _date_paths(paths: Iterable[FieldPath]) -> list[FieldPath]:
    """The paths among `paths` that hold dates, which are written plain."""
    return [p for p in paths if p and p[-1] in DATE_KEYS]


def _appended(opened: Opened, path: FieldPath, item: dict[str, Any]) -> str:
    """The file's text with `item` added to the list at `path`: in place after its last item,
    or as a new key after the one before it in the register's order; laid out anew, every
    comment kept, where neither can be done in place (a list written `[..]`)."""
    from posities.io.yamledit import insert_key

    try:
        if current(opened, path) is None:
            return insert_key(
                opened.text, path[:-1], str(path[-1]), [item], _before(path), DATE_KEYS
            )
        return append_item(opened.text, path, item, date_keys=DATE_KEYS)
    except NotInPlace:
        from posities.io import layout

        name = display_path(opened.path)
        return layout.append_item(opened.text, path, item, layout.position_key_order(), name)


def _related(opened: Opened, relation: dict[str, str]) -> str:
    """The file's text with `relation` added to `relations:`, on one line as `posities fmt`
    writes one (`- {type: reverses, id: other}`), every other byte kept."""
    import re

    text = _appended(opened, ("relations",), relation)
    block = re.compile(
        rf"(- )type: {re.escape(relation['type'])}(\r?\n)[ ]+id: {re.escape(relation['id'])}"
        r"(?=\r?\n|$)"
    )
    found = list(block.finditer(text))
    if not found:  # laid out anew: already as fmt writes it
        return text
    last = found[-1]
    flow = f"- {{type: {relation['type']}, id: {relation['id']}}}"
    return text[: last.start()] + flow + text[last.end() :]


def _before(path: FieldPath) -> list[str]:
    """The keys that come before the last key of `path` in its mapping, as the schema orders
    them, nearest first: a new key is written after the first of them the file has."""
    from posities.model.schema import POSITION, Items, Kind, Mapping

    kind: Kind = POSITION
    for part in path[:-1]:
        if isinstance(kind, Items):
            kind = kind.item
        elif isinstance(kind, Mapping) and part in kind.keys:
            kind = kind.keys[str(part)].kind
        else:
            return []
    if not isinstance(kind, Mapping) or path[-1] not in kind.keys:
        return []
    names = list(kind.keys)
    return names[: names.index(str(path[-1]))][::-1]


def _put(opened: Opened, changes: dict[FieldPath, Any]) -> str:
    """The file's new text with `changes` made, a key its mapping lacks added after the key
    before it: in place where that can be done, else laid out anew with every comment kept."""
    from posities.io.yamledit import insert_key

    text = opened.text
    there = {p: v for p, v in changes.items() if _has(opened, p)}
    try:
        text = set_values(text, there, _date_paths(there))
        for path, value in changes.items():
            if path not in there:
                text = insert_key(text, path[:-1], str(path[-1]), value, _before(path), DATE_KEYS)
    except NotInPlace:
        text = _rewritten(opened, changes)
    _reads_back(text, _expected(opened.value, changes))
    return opened.whole(text)


def _has(opened: Opened, path: FieldPath) -> bool:
    """Whether the file has a key (or item) at `path`, null or not."""
    holder = current(opened, path[:-1])
    last = path[-1]
    if isinstance(holder, list) and isinstance(last, int):
        return 0 <= last < len(holder)
    return isinstance(holder, dict) and last in holder


@dataclass(frozen=True)
class Held:
    """The statement of a holder that a change is made to: where its fields stand (`base`:
    () for the top-level statement, ("stances", i) for an item) and from when it holds."""

    holder: str
    base: FieldPath
    since: str

    @property
    def named(self) -> str:
        """The statement as messages name it: `EU's statement from 2019-03-01`."""
        return f"{self.holder}'s statement from {self.since}"

    @property
    def placed(self) -> str:
        """The statement with its place in the file, where it is an item of `stances:`."""
        return f"{self.named} ({dotted(self.base)})" if self.base else self.named


def _timings(value: dict[str, Any], own: str) -> list[Statement]:
    """Each statement of a file as read (valid or not) by its holder, `since`, `until` and
    place alone, enough to tell which is in force: their other fields are placeholders."""

    def timing(holder: str, since: str, until: Any, index: int | None) -> Statement:
        end = until if isinstance(until, str) else None
        return Statement(holder, Stance.NEUTRAL, None, None, since, end, None, (), "", index)

    decision = value.get("decision")
    begins = value.get("since")
    if not isinstance(begins, str):
        date = decision.get("date") if isinstance(decision, dict) else None
        begins = str(date) if isinstance(date, str | int) and not isinstance(date, bool) else ""
    found = [timing(own, begins or "0001-01-01", value.get("until"), None)]
    items = value.get("stances")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            holder, since = item.get("holder"), item.get("since")
            if isinstance(holder, str) and isinstance(since, str):
                found.append(timing(holder, since, item.get("until"), index))
    return found


def _held(timing: Statement) -> Held:
    base: FieldPath = () if timing.index is None else ("stances", timing.index)
    return Held(timing.holder, base, timing.since)


def _in_force(opened: Opened, own: str, holder: str, day: str | None) -> Held:
    """`holder`'s statement in force on `day` (today when None); the own holder's only
    statement, whatever its dates, when no day is given. A UsageError saying how to record
    one when there is none."""
    from posities.core.statements import in_force

    timings = _timings(opened.value, own)
    found = in_force(timings, holder, day or today())
    only = not any(t.holder == own and t.index is not None for t in timings)
    if found is None and day is None and holder == own and only:
        found = timings[0]  # the own holder's one statement: as `set` has always changed it
    if found is None:
        raise UsageError(_none_in_force(opened, holder, day or today(), timings))
    return _held(found)


def _none_in_force(opened: Opened, holder: str, day: str, timings: list[Statement]) -> str:
    """What to say when `holder` has no statement in force on `day`: how to record one, and
    the days its other statements hold from, to name one with --on."""
    mine = [t for t in timings if t.holder == holder]
    known = ""
    if mine:
        spans = ", ".join(t.since + (f" until {t.until}" if t.until else "") for t in mine)
        known = f" (its statements: from {spans}; to change one, name a day it holds on with --on)"
    return (
        f"{display_path(opened.path)}: {holder} has no statement in force on {day}{known}; "
        f"to record one, use posities set {opened.stem} --holder {holder} --since DATE --stance "
        "STANCE with its source (--source-title, and --quote or --find)"
    )


def _holder(root: Path, holder: str | None) -> tuple[str, str]:
    """The register's own holder and the holder asked for (the own one when None), checked
    against the holders `posities.toml` declares."""
    from posities.core.holders import check_code, known_holders

    holders = known_holders(root)
    return holders.own, holders.own if holder is None else check_code(holder, holders)


def set_held(
    root: Path,
    ident: str,
    given: dict[FieldPath, Any],
    updated: str | None,
    holder: str | None = None,
    on: str | None = None,
) -> list[str]:
    """`set` for a holder (the own one when None): change its statement in force on `on`
    (today), the top-level one as `set_given` does, an item of `stances:` in place. What to
    tell the user, line by line."""
    wanted = _values(given)
    if not wanted and updated is None:
        raise UsageError("nothing to change: give at least one field option (posities set -h)")
    own, code = _holder(root, holder)
    path = position_path(root, ident)
    with locked(path):  # the same lock `set_given` takes again: one read decides and writes
        opened = open_position(path)
        held = _in_force(opened, own, code, on)
        if not held.base:
            return set_given(root, ident, given, updated)
        wanted = _summary_whole(opened, held, _rebased(wanted, held.base))
        changes = _changes_at(opened, wanted, updated, held.base)
        changes.update(_unsupported_at(opened, changes, held.base))
        if changes:
            save(opened, _put(opened, changes))
    changed = Changed(path, _each(opened, changes), held.placed)
    if not changed.fields:
        return [f"{ident}: nothing changed in {held.placed}; the file is as it was"]
    return [f"wrote {display_path(path)}: {held.placed}", *(f"  {x}" for x in changed.lines())]


def _each(opened: Opened, changes: dict[FieldPath, Any]) -> list[tuple[FieldPath, Any, Any]]:
    """Each change with the value it replaces; a mapping made anew (a summary) key by key."""
    fields = []
    for path, value in changes.items():
        if isinstance(value, dict) and not isinstance(current(opened, path), dict):
            fields += [((*path, key), None, text) for key, text in value.items()]
        else:
            fields.append((path, current(opened, path), value))
    return fields


def _rebased(wanted: dict[FieldPath, Any], base: FieldPath) -> dict[FieldPath, Any]:
    """The statement's fields among `wanted` moved to the statement at `base`; the decision's
    fields (title, actor, date, topics) stay where they are."""
    return {(*base, *p) if p in STATEMENT_FIELDS else p: v for p, v in wanted.items()}


def _summary_whole(
    opened: Opened, held: Held, wanted: dict[FieldPath, Any]
) -> dict[FieldPath, Any]:
    """`wanted`, where the statement has no summary yet, with its two languages given as one
    new summary; an error when only one is given."""
    at = (*held.base, "summary")
    texts = {lang: wanted.get((*at, lang)) for lang in ("nl", "en")}
    if isinstance(current(opened, at), dict) or texts == {"nl": None, "en": None}:
        return wanted
    if None in texts.values():
        raise UsageError(
            f"{held.placed} has no summary yet: give it in both languages "
            "(--summary-nl and --summary-en)"
        )
    rest = {p: v for p, v in wanted.items() if p[: len(at)] != at}
    return {**rest, at: texts}


def append_held_source(
    root: Path,
    ident: str,
    source: dict[str, Any],
    stated: dict[FieldPath, Any],
    holder: str | None = None,
    on: str | None = None,
) -> Changed:
    """`add-source` for a holder (the own one when None): append `source` to its statement
    in force on `on` (today), giving the claims in `stated` their values in the same step."""
    own, code = _holder(root, holder)
    path = position_path(root, ident)
    with locked(path):
        opened = open_position(path)
        held = _in_force(opened, own, code, on)
        if not held.base:
            return append_source(root, ident, source, stated)
        changes = _changes_at(opened, _rebased(stated, held.base), None, held.base)
        _refuse_unstated_at(opened, source, changes, held.base)
        save(opened, _add_source_at(opened, source, changes, held.base))
    fields = [(p, current(opened, p), v) for p, v in changes.items()]
    return Changed(path, fields, held.placed)


def record_statement(
    root: Path,
    ident: str,
    given: dict[FieldPath, Any],
    source: dict[str, Any] | None,
    since: str,
    until: str | None = None,
    holder: str | None = None,
    updated: str | None = None,
) -> list[str]:
    """`set --since`: add a new dated statement of a holder (the own one when None) to
    `stances:`, a change of position rather than a correction, with its one `source`. What
    to tell the user, line by line."""
    own, code = _holder(root, holder)
    item = _new_statement(code, _values(given), source, since, until, updated)
    path = position_path(root, ident)
    with locked(path):
        opened = open_position(path)
        timings = _timings(opened.value, own)
        _refuse_same_day(opened, timings, code, since)
        before = _in_force_named(opened.value, timings, code, since)
        expected = copy.deepcopy(opened.value)
        items = expected.setdefault("stances", [])
        if not isinstance(items, list):
            raise PositiesError(f"{display_path(opened.path)}: stances is not a list; fix it first")
        items.append(item)
        text = _appended(opened, ("stances",), item)
        _reads_back(text, expected)
        latest = code == own and _after_top(opened.value, since)
        if latest and "summary" not in item:
            raise UsageError(
                f"{own}'s statement from {since} is later than the top-level one, so it becomes "
                "the file's top-level stance, which needs a summary: give --summary-nl and "
                "--summary-en"
            )
        if latest:  # the own holder's newest statement is the file's top-level one
            text = _lifted(opened, text, own)
        save(opened, opened.whole(text))
    if latest:
        return [
            f"wrote {display_path(path)}: {code}'s statement from {since} is now the top-level "
            f"stance; the one it follows moved to stances: (from {before_since(opened.value)})",
            f"  from {since} in force: this statement ({item['stance']}), "
            + (f"in place of {before}" if before else f"where {code}'s stance was not stated"),
        ]
    placed = Held(code, ("stances", len(items) - 1), since).placed
    stance = item["stance"]
    replaced = f"in place of {before}" if before else f"where {code}'s stance was not stated"
    return [
        f"wrote {display_path(path)}: added {placed}",
        f"  from {since} in force: this statement ({stance}), {replaced}",
    ]


def before_since(value: dict[str, Any]) -> str:
    """From when a file's top-level statement holds: its `since`, else its decision's date."""
    return str(value.get("since") or value["decision"]["date"])


def _after_top(value: dict[str, Any], since: str) -> bool:
    """Whether a new own statement from `since` begins after the file's top-level one (in the
    inline form: the stances form has no top-level statement to move)."""
    from posities.core.statements import first_day
    from posities.model.records import FORM_KEY

    return FORM_KEY not in value and since > first_day(before_since(value))


def _lifted(opened: Opened, text: str, own: str) -> str:
    """`text` (with the own holder's new statement appended to `stances:`) with that statement
    made the top-level one and the old top-level statement an item of `stances:`, every
    comment kept: through the stances form, where the latest own statement is the file's."""
    from posities.core.migrate import Form, in_stances, inlined
    from posities.core.save import check_text
    from posities.io.yamlread import parse

    label = display_path(opened.path)
    if problems := check_text(opened.text, opened.stem, label):  # on-disk lines, not laid out
        error = PositiesError(
            f"{label} has problems already: fix them first (posities check); nothing was written"
        )
        error.problems = problems
        raise error
    new = parse(text).value["stances"][-1]
    # in the stances form first without the new statement, whose own item is then the latest
    stanced = in_stances(opened.text, parse(opened.text), Form(False, own), label)
    moved = dataclasses.replace(opened, text=stanced, value=parse(stanced).value)
    appended = _appended(moved, ("stances",), new)
    return inlined(appended, parse(appended), Form(True, own), label)


def _new_statement(
    holder: str,
    claims: dict[FieldPath, Any],
    source: dict[str, Any] | None,
    since: str,
    until: str | None,
    updated: str | None,
) -> dict[str, Any]:
    """A new item of `stances:` from what `set --since` was given; a UsageError for what it
    cannot hold or lacks (a stance, a source, a summary in both languages)."""
    decision = [dotted(p) for p in claims if p not in STATEMENT_FIELDS]
    if decision:
        verb = "is" if len(decision) == 1 else "are"
        raise UsageError(
            f"--since records a new statement of {holder}, and {', '.join(decision)} {verb} "
            "the decision's: change that with another posities set, without --since"
        )
    if ("stance",) not in claims:
        raise UsageError("--since records a new statement: give its --stance")
    if source is None:
        raise UsageError(
            "--since records a new statement: give its source (--source-title, and --quote "
            "or --find)"
        )
    summary = {lang: claims.get(("summary", lang)) for lang in ("nl", "en")}
    if list(summary.values()).count(None) == 1:
        raise UsageError("give the new statement's summary in both languages, or neither")
    item: dict[str, Any] = {"holder": holder, "stance": claims[("stance",)]}
    item["goal_shared"] = claims.get(("goal_shared",))
    item["means_differ"] = claims.get(("means_differ",))
    item["since"] = since
    if until is not None:
        item["until"] = until
    if None not in summary.values():
        item["summary"] = summary
    for claim in source.get("supports") or ():
        if claim in ("goal_shared", "means_differ") and item[claim] is None:
            option = "--" + claim.replace("_", "-")
            raise UsageError(
                f"{claim} is not stated in the new statement, so no quote can support it: "
                f"state it ({option} yes or no), or leave it out of --supports"
            )
    item["sources"] = [source]
    item["updated"] = updated or today()
    return item


def _refuse_same_day(opened: Opened, timings: list[Statement], holder: str, since: str) -> None:
    """Refuse a new statement of `holder` from a day one of its statements holds from
    already: which of the two holds would be ambiguous; the user means to correct that one."""
    from posities.core.statements import first_day

    for timing in timings:
        if timing.holder == holder and first_day(timing.since) == since:
            held = _held(timing)
            which = dotted(held.base) if held.base else "the stance at the top of the file"
            how = f" --holder {holder} --on {since}" if held.base else ""
            raise UsageError(
                f"{display_path(opened.path)}: {holder} has a statement from {since} already "
                f"({which}); to correct it, use posities set {opened.stem}{how} without --since"
            )


def _in_force_named(
    value: dict[str, Any], timings: list[Statement], holder: str, day: str
) -> str | None:
    """`holder`'s statement in force on `day` as a message names it, with its stance (None:
    there is none)."""
    from posities.core.statements import in_force

    found = in_force(timings, holder, day)
    if found is None:
        return None
    held = _held(found)
    return f"{held.named} ({shown_value(('stance',), value_at(value, (*held.base, 'stance')))})"


def end_statement(
    root: Path, ident: str, day: str, holder: str | None = None, updated: str | None = None
) -> list[str]:
    """`set --until`: end a holder's (the own one's when None) statement in force on `day`
    there. What to tell the user, line by line, ending with what is in force from `day`."""
    from posities.core.statements import first_day, in_force

    own, code = _holder(root, holder)
    path = position_path(root, ident)
    with locked(path):
        opened = open_position(path)
        timings = _timings(opened.value, own)
        found = in_force(timings, code, day)
        if found is None:
            raise UsageError(
                f"{display_path(path)}: {code} has no statement in force on {day}, so none "
                "ends then; nothing was written"
            )
        held = _held(found)
        if first_day(found.since) >= day:
            raise UsageError(
                f"{display_path(path)}: {held.placed} begins on {day}; ending it then would "
                f"mean it never held. To remove it, use posities edit {ident}"
            )
        changes = {(*held.base, "until"): day}
        if updated is not None and not _same(current(opened, (*held.base, "updated")), updated):
            changes[(*held.base, "updated")] = updated
        save(opened, _put(opened, changes))
    after = _expected(opened.value, changes)
    then = _in_force_named(after, _timings(after, own), code, day)
    fields = Changed(path, [(p, current(opened, p), v) for p, v in changes.items()]).lines()
    return [
        f"wrote {display_path(path)}: {held.placed} ends on {day}",
        *(f"  {line}" for line in fields),
        f"  from {day} in force: " + (then or f"none; {code}'s stance is not stated"),
    ]


def relate(root: Path, ident: str, kind: str, other: str) -> list[str]:
    """`relate`: add `{type: kind, id: other}` to position `ident`'s relations, `other`
    being another position of the register; a relation already there changes nothing, and
    one that would make reverses/supersedes run in a circle is refused."""
    from posities.core.links import circle_with
    from posities.core.register import load
    from posities.model.records import ORDERING_RELATIONS
    from posities.model.words import Lang, phrase

    path = position_path(root, ident)
    if other == ident:
        raise UsageError(f"{ident} cannot relate to itself: name another decision")
    position_path(root, other)
    relation = {"type": kind, "id": other}
    verb = phrase(kind, Lang.EN, id=other)
    said = f"{ident} is {verb}" if kind == "related" else f"{ident} {verb}"
    with locked(path):
        opened = open_position(path)
        known = current(opened, ("relations",))
        for index, there in enumerate(known if isinstance(known, list) else []):
            if there == relation:
                return [f"{said} already (relations[{index}]); nothing changed"]
        circle = None
        if kind in ORDERING_RELATIONS:
            circle = circle_with(load(root).positions, ident, other)
        if circle:
            raise PositiesError(
                f"{said} would make reverses and supersedes run in a circle: "
                f"{' → '.join(circle)}; nothing was written"
            )
        expected = copy.deepcopy(opened.value)
        items = expected.setdefault("relations", [])
        if not isinstance(items, list):
            raise PositiesError(f"{display_path(path)}: relations is not a list; fix it first")
        items.append(relation)
        text = _related(opened, relation)
        _reads_back(text, expected)
        save(opened, opened.whole(text))
    return [f"wrote {display_path(path)}: {said} (relations[{len(items) - 1}])"]


def with_provenance(root: Path, given: dict[str, object]) -> dict[str, object]:
    """A source as given, with the title and date it was given without taken from what
    `text add` recorded of its text (`texts/SLUG.source.toml`), where it did."""
    if given["title"] is not None and given["date"] is not None:
        return given
    from posities.core.sourcetexts import provenance_text, read_provenance

    text = given.get("text")
    provenance = read_provenance(root, text)[0] if isinstance(text, str) else {}
    filled = dict(given)
    for key in ("title", "date"):
        if filled[key] is None:
            filled[key] = provenance_text(provenance, key)
    return filled
