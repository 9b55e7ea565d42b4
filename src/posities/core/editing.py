"""The editing commands' work: open a position, change it, make a new one, edit it in an editor.

Every result goes through `store.write_position`, which validates it and writes it atomically.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import errno
import os
import shlex
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posities.core.checks import written_quote_problems
from posities.core.register import (
    REGISTER_DIR,
    TEXTS_DIR,
    TooLarge,
    decode,
    display_path,
    position_files,
    read_text,
)
from posities.core.save import check_text, locked, write_position
from posities.errors import PositiesError, Problem, UsageError, YamlError, shown
from posities.io.atomic import replace_text
from posities.io.yamledit import append_item, scalar, set_values, text_value
from posities.io.yamlread import parse
from posities.model.records import FieldPath, Stance
from posities.model.schema import KEBAB, MAX_ID_LENGTH, SCHEMA_FILE, dotted

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


def position_path(root: Path, ident: str) -> Path:
    """The file of position `ident`; an error with suggestions if there is none."""
    require_id_length(ident)
    if not KEBAB.match(ident):
        raise UsageError(f"{shown(ident)} is not a position id (kebab-case, like jcpoa)")
    path = root / f"{ident}.yaml"
    if not _exists(path):
        _refuse_broken_link(path)
        from posities.core.query import suggest

        files, _ = position_files(root)
        hint = suggest(ident, [f.name.removesuffix(".yaml") for f in files])
        tail = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise UsageError(f"no position with id {shown(ident)}{tail} (`posities list` shows all)")
    return path


def _refuse_broken_link(path: Path) -> None:
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
    data = _read(path)
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
    text = set_values(opened.text, changes, DATE_FIELDS)
    _reads_back(text, _expected(opened.value, changes))
    return opened.whole(text)


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
    text = append_item(opened.text, ("sources",), source, date_keys=("date",))
    expected["sources"].append(source)
    if changes:
        text = set_values(text, changes, DATE_FIELDS)
        expected = _expected(expected, changes)
    _reads_back(text, expected)
    return opened.whole(text)


def claims_given(values: list[str]) -> list[str]:
    """The claims `--supports` names, repeated or comma-separated (`stance,summary`), each
    once; a UsageError naming one that is not a claim, with the closest."""
    from posities.core.query import suggest
    from posities.model.records import CLAIMS

    named = [v.strip().replace("-", "_") for value in values for v in value.split(",")]
    claims: list[str] = []
    for name in filter(None, named):
        if name not in CLAIMS:
            hint = suggest(name, list(CLAIMS), 1)
            tail = f"; did you mean {hint[0]}?" if hint else ""
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


# --- new -------------------------------------------------------------------------------------


def template(fields: dict[str, Any]) -> str:
    """A new position file: every field explained in a comment, the schema named first."""

    def value(key: str, indent: str = "  ", dates: bool = False) -> str:
        return text_value(fields[key], indent, plain_dates=dates)

    source_date = scalar(fields.get("source_date"), plain_dates=True)
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        "# The government's position on one foreign decision. `posities check` validates it;",
        "# write only what the sources say: where they are silent, use null (unknown).",
        f"id: {fields['id']}  # kebab-case, equal to the file name",
        "title:  # the decision's name, one line each",
        f"  nl: {value('title_nl', '    ')}",
        f"  en: {value('title_en', '    ')}",
        f"actor: {scalar(fields['actor'])}  # who took the decision",
        "decision:",
        f"  date: {scalar(fields['date'], plain_dates=True)}"
        "  # YYYY-MM-DD; YYYY-MM or YYYY where only that is known",
        "  description:  # what was decided",
        f"    nl: {value('description_nl', '      ')}",
        f"    en: {value('description_en', '      ')}",
        f"stance: {fields['stance']}  # supports, neutral, concerned, critical or opposes",
        f"goal_shared: {scalar(fields['goal_shared'])}"
        "  # true, false, or null where the sources do not say",
        f"means_differ: {scalar(fields['means_differ'])}"
        "  # true, false, or null where the sources do not say",
        "summary:  # the stance in a sentence or two",
        f"  nl: {value('summary_nl', '    ')}",
        f"  en: {value('summary_en', '    ')}",
        f"topics: {text_value(fields['topics'], '')}  # short kebab-case tags",
        "sources:  # documents that state the position, each with a verbatim quote",
        f"  - title: {scalar(fields['source_title'])}",
        f"    kind: {scalar(fields['source_kind'])}  # e.g. kamerbrief, verslag, persbericht",
        f"    date: {source_date}  # YYYY-MM-DD, or null if unknown",
    ]
    if fields.get("source_text"):
        lines.append(f"    text: {scalar(fields['source_text'])}  # local copy, relative path")
    if fields.get("source_url"):
        lines.append(f"    url: {scalar(fields['source_url'])}")
    stated = [c for c in ("goal_shared", "means_differ") if fields.get(c) is not None]
    supports = ", ".join(fields.get("supports") or ["stance", *stated])  # what new states
    lines.append(
        f"    supports: [{supports}]  # what this quote states: stance, goal_shared, "
        "means_differ, decision, summary"
    )
    quote = value("quote", "      ")
    note = "" if "\n" in quote else "  # copied verbatim from the document"  # not inside a block
    lines += [
        f"    quote: {quote}{note}",
        f"updated: {scalar(fields['updated'], plain_dates=True)}"
        "  # when the stance was last assessed",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Question:
    """What `new` asks in a terminal for a field that was not given."""

    text: str
    hint: str
    where: FieldPath
    """Where the answer stands in the file, which says how it is checked."""

    @property
    def prompt(self) -> str:
        """The question with its hint (the choices, where there are choices)."""
        return f"{self.text} ({self.hint})"


QUESTIONS = {
    "title_nl": Question("Title in Dutch", "the decision's name, one line", ("title", "nl")),
    "title_en": Question("Title in English", "the decision's name, one line", ("title", "en")),
    "actor": Question("Actor", "who took the decision, e.g. US", ("actor",)),
    "date": Question("Decision date", "YYYY-MM-DD, YYYY-MM or YYYY", ("decision", "date")),
    "stance": Question(
        "Stance",
        ", ".join(s.value for s in Stance) + "; or in Dutch: kritisch, wijst af, ...",
        ("stance",),
    ),
    "description_nl": Question(
        "Description in Dutch", "what was decided", ("decision", "description", "nl")
    ),
    "description_en": Question(
        "Description in English", "what was decided", ("decision", "description", "en")
    ),
    "summary_nl": Question(
        "Summary in Dutch", "the stance in a sentence or two", ("summary", "nl")
    ),
    "summary_en": Question(
        "Summary in English", "the stance in a sentence or two", ("summary", "en")
    ),
    "source_title": Question(
        "Source title", "the document that states the position", ("sources", 0, "title")
    ),
    "source_text": Question(
        "Source text",
        "its local copy under the register, e.g. texts/brief.txt; empty if there is none",
        ("sources", 0, "text"),
    ),
    "quote": Question("Quote", "copied verbatim from the source", ("sources", 0, "quote")),
}


def answer(name: str, text: str) -> str:
    """The answer `text` to question `name`, trimmed; a UsageError saying what is wrong with
    it if `check` would refuse it."""
    from posities.model.schema import field_problems

    where = QUESTIONS[name].where
    value = text.strip()
    if where == ("stance",):
        from posities.model.words import parse_stance

        try:
            value = parse_stance(value).value
        except ValueError as error:
            raise UsageError(str(error)) from None
    problems = field_problems(where, value)
    if problems:
        raise UsageError(problems[0])
    return value


def answer_text(root: Path, text: str) -> str | None:
    """The answer to "Source text": a path `text:` can hold (relative to the register), or
    None for none; a UsageError saying why another path cannot be used."""
    if not text.strip():
        return None
    return source_text(root, text.strip())


def source_text(root: Path, given: str, option: str = "") -> str:
    """The path `text:` holds for a source text given as `given` (relative to the register, or
    to the current folder as `quote find` prints it); a UsageError, naming the `option` it was
    given with, saying why it cannot be used."""
    from posities.core.checks import given_text, read_source_text, text_path

    relative = given_text(root, given)
    target = text_path(root, relative)
    loaded = read_source_text(target) if not isinstance(target, str) else target
    if isinstance(loaded, str):
        raise UsageError(f"{option} {shown(relative, 200)}: {loaded}".lstrip())
    return relative


def answer_quote(root: Path, relative: str | None, text: str) -> str:
    """The answer to "Quote", checked against the source text when there is one, so that a
    quote not in it is asked again now rather than refused once every answer is given."""
    from posities.core.checks import not_found, read_source_text, text_path

    quote = answer("quote", text)
    if relative is None:
        return quote
    target = text_path(root, relative)
    loaded = read_source_text(target) if not isinstance(target, str) else target
    if isinstance(loaded, str):
        raise UsageError(f"{shown(relative, 200)}: {loaded}")
    if not loaded.source.contains(quote):
        raise UsageError(not_found(0, relative, loaded, quote).removeprefix("sources[0]."))
    return quote


def check_new_id(root: Path, ident: str) -> Path:
    """The file a new position `ident` would have; an error if the id is invalid or taken."""
    require_id_length(ident)
    if not KEBAB.match(ident):
        raise UsageError(f"{shown(ident)} is not a valid id: use kebab-case, like jcpoa")
    path = root / f"{ident}.yaml"
    if not _exists(path):
        _refuse_broken_link(path)
    if _exists(path) or path.is_symlink():
        raise UsageError(f"position {shown(ident)} exists already ({display_path(path)})")
    return path


def create(root: Path, fields: dict[str, Any]) -> tuple[Path, list[str]]:
    """Write a new position file from `fields`; its path and what else was written."""
    ident = fields["id"]
    path = check_new_id(root, ident)
    with locked(path):
        check_new_id(root, ident)  # again: another `new` may have made it meanwhile
        write_position(path, None, template(fields), ident)
    also = []
    schema_path = root / SCHEMA_FILE
    if not schema_path.exists():
        from posities.model.schema import json_schema
        from posities.render.tables import json_text

        try:
            replace_text(schema_path, [json_text(json_schema())])
        except OSError as error:
            raise PositiesError(
                f"wrote {display_path(path)}, but not {display_path(schema_path)}: "
                f"{error.strerror}; write it with posities schema > {display_path(schema_path)}"
            ) from None
        also.append(display_path(schema_path))
    return path, also


# --- init ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Started:
    """What `init` did: the paths it wrote (folders end in `/`), and what to tell the user."""

    written: list[str]
    notes: list[str]


def init_register(folder: Path) -> Started:
    """Start a register in `folder`: `positions/` with `texts/` and the JSON Schema, and the
    diff driver's `.gitattributes` line when `folder` is in a git repository. What is there
    already is kept, so running it again changes nothing; a register with files is left alone."""
    written = [display_path(folder) + "/"] if _make_folder(folder) else []
    root = folder / REGISTER_DIR
    kept = _kept(folder, root)
    if kept is not None:
        return Started(written, [kept])
    written += [display_path(p) + "/" for p in (root, root / TEXTS_DIR) if _make_folder(p)]
    schema_path = root / SCHEMA_FILE
    if not schema_path.exists():
        from posities.model.schema import json_schema
        from posities.render.tables import json_text

        try:
            replace_text(schema_path, [json_text(json_schema())])
        except OSError as error:
            raise UsageError(f"cannot write {_named(schema_path)}: {error.strerror}") from None
        written.append(display_path(schema_path))
    notes = _attributes(root, written)
    if not written:
        notes.insert(0, f"{display_path(root)}/ is set up already; nothing was changed")
    return Started(written, notes)


def _kept(folder: Path, root: Path) -> str | None:
    """Why the register in `folder` (or `folder` itself) is left as it is, if it is: it has
    files besides those `init` writes."""
    if (folder / SCHEMA_FILE).exists():
        here = "this folder" if folder.resolve() == Path.cwd().resolve() else display_path(folder)
        return f"{here} is a register already (it holds {SCHEMA_FILE}); left as it is"
    try:
        others = set(os.listdir(root)) - {TEXTS_DIR, SCHEMA_FILE}
    except (FileNotFoundError, NotADirectoryError):
        return None  # made next, or refused as not a folder
    except OSError as error:
        raise UsageError(f"cannot read {_named(root)}: {error.strerror}") from None
    if not others:
        return None
    count = sum(1 for name in others if name.endswith(".yaml"))
    files = f"{count} position file{'s' if count != 1 else ''}"
    what = f"is a register already ({files})" if count else "is not empty"
    return f"{display_path(root)}/ {what}; left as it is"


def _make_folder(path: Path) -> bool:
    """Make the folder `path` unless it exists; whether it was made. Its parent must exist:
    a mistyped path makes no tree of folders."""
    try:
        if path.is_dir():
            return False
        path.mkdir()
    except FileExistsError:
        raise UsageError(f"{_named(path)} exists and is not a folder") from None
    except FileNotFoundError:
        raise UsageError(
            f"cannot create the folder {_named(path)}: the folder {_named(path.parent)} it goes "
            "in does not exist; create that first"
        ) from None
    except OSError as error:
        raise UsageError(f"cannot create the folder {_named(path)}: {error.strerror}") from None
    return True


def _named(path: Path) -> str:
    """`path` quoted for an error message: relative to the current folder when inside it,
    shortened when long."""
    here = Path.cwd()
    return shown(str(path.relative_to(here) if path.is_relative_to(here) else path), 200)


def _attributes(root: Path, written: list[str]) -> list[str]:
    """Add the diff driver's line to the `.gitattributes` of the repository `root` is in (if
    any), noting it in `written`; notes for the user."""
    from posities.git.driver import ATTRIBUTES, DRIVER, add_attributes, repository_of
    from posities.git.repo import GitError

    try:
        repo = repository_of(root)
        if repo is None or not add_attributes(repo):
            return []
    except GitError as error:
        return [f"warning: {ATTRIBUTES} was not changed: {error}"]
    except OSError as error:
        return [f"warning: cannot write {ATTRIBUTES}: {error.strerror}"]
    written.append(display_path(repo.top / ATTRIBUTES))
    return [
        f"{ATTRIBUTES} names the diff driver; `posities git install` also sets "
        f"diff.{DRIVER}.command in git's config, which is not shared: run it once in each clone"
    ]


# --- edit ------------------------------------------------------------------------------------

HEADER = "# posities: "
ROUNDS = 50
"""How often an invalid version is reopened before the session ends (an editor that never
waits for its user would otherwise loop for ever)."""


def editor_command() -> list[str]:
    """The user's editor: $VISUAL, else $EDITOR."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    try:
        words = shlex.split(command)
    except ValueError:
        raise UsageError(f"cannot read the editor command {shown(command)}") from None
    if not words:
        raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    return words


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM ended an edit session."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def run_editor(words: list[str], file: Path) -> int:
    """Run the editor on `file`; its exit status. Ctrl-C or SIGTERM meanwhile is passed on to
    the editor and, once it has ended, ends the session (`Interrupted`): what is then said
    about the copy is true, and no editor is left running."""
    received: list[int] = []
    running: list[subprocess.Popen[bytes]] = []

    def pass_on(signum: int, _frame: object) -> None:
        received.append(signum)
        for process in running:
            process.send_signal(signum)

    with _signals(pass_on):
        try:
            process = subprocess.Popen([*words, str(file)])
        except FileNotFoundError:
            raise UsageError(
                f"the editor {shown(words[0])} was not found; check VISUAL or EDITOR"
            ) from None
        except OSError as error:
            raise UsageError(f"cannot run the editor {shown(words[0])}: {error.strerror}") from None
        running.append(process)
        for signum in received.copy():  # came while it was starting
            process.send_signal(signum)
        status = process.wait()
    if received:
        raise Interrupted(received[0])
    return status


@contextlib.contextmanager
def _signals(handler: Callable[[int, Any], None]) -> Iterator[None]:
    """`handler` for Ctrl-C and SIGTERM meanwhile (outside the main thread, which alone
    receives signals, nothing changes)."""
    import signal

    numbers = (signal.SIGINT, signal.SIGTERM)
    try:
        before = [signal.signal(number, handler) for number in numbers]
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for number, old in zip(numbers, before, strict=True):
            signal.signal(number, signal.SIG_DFL if old is None else old)


def _stop(signum: int, _frame: Any) -> None:
    raise Interrupted(signum)


def _without_header(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER):
        lines.pop(0)
    return "".join(lines)


def _header(problems: list[Problem]) -> str:
    lines = [
        "this version was not saved. Fix what is listed here and save, or quit without "
        "saving to give up. These lines are removed when it is saved; line numbers count "
        "from the first line after them."
    ]
    for problem in problems:
        line = f"line {problem.line}, column {problem.column or 1}: " if problem.line else ""
        lines.append(f"{line}{problem.message}")
    return "".join(f"{HEADER}{line}\n" for line in lines)


@dataclass(frozen=True)
class EditResult:
    """How an edit session ended: what to tell the user, whether it ended without the edit
    it was for (an editor that failed, a user who gave up), and the signal that ended it
    (Ctrl-C's SIGINT, SIGTERM; 0 for none)."""

    message: str
    failed: bool = False
    signal: int = 0


def edit(path: Path, editor: Callable[[Path], int]) -> EditResult:
    """Open a copy of the position in an editor until it is valid, then save it over the
    original (which is untouched until then). Giving up keeps the copy and says where."""
    original = _read(path)
    try:
        folder = Path(tempfile.mkdtemp(prefix="posities-edit-"))
    except OSError as error:
        raise PositiesError(f"cannot make a copy to edit: {error.strerror}") from None
    copy_path = folder / path.name
    try:
        _write_copy(copy_path, original)
    except OSError as error:
        _remove(folder)
        raise PositiesError(f"cannot make a copy to edit: {error.strerror}") from None
    try:
        with _signals(_stop):  # SIGTERM ends the session as Ctrl-C does
            return _rounds(path, original, copy_path, editor)
    except KeyboardInterrupt as stop:
        return _interrupted(path, original, copy_path, getattr(stop, "signum", 0))


def _rounds(
    path: Path, original: bytes, copy_path: Path, editor: Callable[[Path], int]
) -> EditResult:
    """Edit the copy until it is valid and saved, unchanged, or given up."""
    stem, label = path.name.removesuffix(".yaml"), display_path(path)
    given = original
    for _ in range(ROUNDS):
        status = editor(copy_path)
        if status != 0:
            kept = f" (your copy is kept at {copy_path})" if _is_file(copy_path) else ""
            return EditResult(
                f"the editor exited with status {status}; {label} is unchanged{kept}", failed=True
            )
        edited = _read_copy(copy_path, label)
        if isinstance(edited, str):
            return EditResult(
                f"the edited copy at {copy_path} {edited}; {label} is unchanged", failed=True
            )
        text = _without_header(edited.decode("utf-8", "surrogateescape"))
        if text.encode("utf-8", "surrogateescape") == original:
            _remove(copy_path.parent)
            return EditResult(f"no changes; {label} is unchanged")
        if edited == given:
            return EditResult(
                f"gave up: {label} is unchanged; your version is kept at {copy_path}", failed=True
            )
        problems = check_text(text, stem, label) or written_quote_problems(path.parent, text, label)
        if not problems:
            try:
                write_position(path, original, text, stem)
            except PositiesError as error:
                raise PositiesError(f"{error} Your version is kept at {copy_path}") from None
            _remove(copy_path.parent)
            return EditResult(f"saved {label}")
        header = _header(problems)
        given = (header + text).encode("utf-8", "surrogateescape")
        try:
            _write_copy(copy_path, given)
        except OSError as error:
            raise PositiesError(
                f"cannot write the copy at {copy_path}: {error.strerror}; {label} is unchanged"
            ) from None
    return EditResult(
        f"still invalid after {ROUNDS} rounds; {label} is unchanged and your version is kept "
        f"at {copy_path}",
        failed=True,
    )


def _write_copy(copy_path: Path, data: bytes) -> None:
    """Put `data` at the copy's name as a new file moved there in one step: whatever the editor
    left at that name (a link to another file, say) is replaced, never written through."""
    replace_text(
        copy_path, [data.decode("utf-8", "surrogateescape")], mode=0o600, errors="surrogateescape"
    )


_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def _read_copy(copy_path: Path, label: str) -> bytes | str:
    """The edited copy's bytes if it is a regular file, else what it is instead ("is gone"):
    a read never follows a link the editor may have left in its place."""
    try:
        mode = os.lstat(copy_path).st_mode
        if not stat.S_ISREG(mode):
            return f"is not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'something else')})"
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(copy_path, flags)
    except FileNotFoundError:
        return "is gone"
    except OSError as error:
        if error.errno == errno.ELOOP:  # made a link since it was looked at
            return "is not a regular file (a symbolic link)"
        raise PositiesError(
            f"cannot read the edited copy at {copy_path}: {error.strerror}; {label} is unchanged"
        ) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return "is not a regular file"
        return handle.read()


def _is_file(path: Path) -> bool:
    """Whether `path` is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _exists(path: Path) -> bool:
    """Whether `path` exists; a name the file system cannot hold is an error, not a traceback."""
    try:
        return path.exists()
    except OSError as error:
        raise UsageError(f"cannot use {display_path(path)}: {error.strerror}") from None


def _interrupted(path: Path, original: bytes, copy_path: Path, signum: int) -> EditResult:
    """Ctrl-C or SIGTERM ended the session: say whether the original was saved, and where the
    copy is."""
    import signal

    signum = signum or signal.SIGINT
    try:
        saved = _read(path) != original
    except PositiesError:
        saved = False
    state = "was saved" if saved else "is unchanged"
    where = f"; your copy is kept at {copy_path}" if _is_file(copy_path) else ""
    how = "terminated" if signum == signal.SIGTERM else "interrupted"
    return EditResult(f"{how}: {display_path(path)} {state}{where}", failed=True, signal=signum)


def _read(path: Path) -> bytes:
    try:
        return read_text(path)
    except TooLarge as error:
        raise PositiesError(f"{display_path(path)}: {error}") from None
    except OSError as error:
        raise PositiesError(f"cannot read {display_path(path)}: {error.strerror}") from None


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def today() -> str:
    """Today's date, YYYY-MM-DD."""
    return datetime.date.today().isoformat()
