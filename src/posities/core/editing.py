"""Changing a position: open it, set fields, add a source. Every result goes through
`save.write_position`, which validates it and writes it atomically."""

from __future__ import annotations

import copy
import errno
import os
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
from posities.model.records import FieldPath, Stance
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
    value: Any = opened.value
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
    from posities.core.quotes import normalize

    expected = copy.deepcopy(opened.value)
    if not isinstance(expected.get("sources"), list):
        raise PositiesError("the file has no list of sources to add to")
    for index, known in enumerate(expected["sources"]):
        quoted = known.get("quote") if isinstance(known, dict) else None
        if isinstance(quoted, str) and normalize(quoted) == normalize(str(source["quote"])):
            raise PositiesError(
                f"{display_path(opened.path)} already cites this quote as sources[{index}]; "
                "nothing was written. To say what else it supports, add that to its supports "
                "(posities edit)"
            )
    try:
        text = append_item(opened.text, ("sources",), source, date_keys=("date",))
    except NotInPlace:  # a list written [..]: laid out anew, every comment kept
        from posities.io import layout

        name = display_path(opened.path)
        text = layout.append_item(
            opened.text, ("sources",), source, layout.position_key_order(), name
        )
    expected["sources"].append(source)
    if changes:
        text = set_values(text, changes, DATE_FIELDS)
        expected = _expected(expected, changes)
    _reads_back(text, expected)
    return opened.whole(text)


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
    changes = {p: v for p, v in wanted.items() if not _same(_as_checked(opened, p), v)}
    if updated is not None:
        changes[("updated",)] = updated
    elif any(p in STANCE_FIELDS for p in changes):
        changes[("updated",)] = today()
    if ("updated",) in changes and _same(changes[("updated",)], current(opened, ("updated",))):
        del changes[("updated",)]
    return changes


def _refuse_unstated(opened: Opened, source: dict[str, Any], changes: dict[FieldPath, Any]) -> None:
    """Refuse a new source that supports a claim the position leaves not stated, saying how
    to state it in the same step."""
    for claim in source.get("supports") or ():
        if (claim,) in STANCE_FIELDS[1:] and changes.get(
            (claim,), current(opened, (claim,))
        ) is None:
            option = "--" + claim.replace("_", "-")
            raise PositiesError(
                f"{claim} is not stated (null) in {display_path(opened.path)}, so no quote can "
                f"support it: state it with this source ({option} yes or no), or leave it out "
                "of --supports"
            )


def _unsupported(opened: Opened, changes: dict[FieldPath, Any]) -> dict[FieldPath, Any]:
    """Each source's `supports` without the claims `changes` make not stated: no quote is
    evidence of what the sources do not say. A source left supporting nothing is refused."""
    dropped = {p[0] for p in STANCE_FIELDS[1:] if p in changes and changes[p] is None}
    sources = current(opened, ("sources",)) if dropped else None
    found: dict[FieldPath, Any] = {}
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        supports = source.get("supports") if isinstance(source, dict) else None
        if isinstance(supports, list) and dropped & set(supports):
            kept = [claim for claim in supports if claim not in dropped]
            if not kept:
                named = ", ".join(claim for claim in supports if claim in dropped)
                raise PositiesError(
                    f"{display_path(opened.path)}: sources[{index}] supports only {named}; "
                    f"with {named} not stated its quote would support nothing, so nothing was "
                    "written. Remove that source (posities edit), or first name in its supports "
                    "what else its quote states"
                )
            found[("sources", index, "supports")] = kept
    return found


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
