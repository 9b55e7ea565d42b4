"""Finding and reading a register: a folder of `*.yaml` position files.

Reading never stops at the first bad file: it returns every valid position and every problem,
and callers decide whether a partial register may be used (`check`) or not (`list`, `show`).
"""

from __future__ import annotations

import errno
import gc
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posities.errors import (
    InvalidRegister,
    Location,
    Problem,
    UsageError,
    YamlError,
    display_path,
    in_file_order,
    shown,
)
from posities.io import cache as cache_mod
from posities.model.holders import DEFAULT, Holders
from posities.model.records import Position, file_field, from_dict, to_json

if TYPE_CHECKING:
    from posities.git.repo import Commit, Repo
    from posities.git.state import RegisterState
    from posities.io.yamlread import Document
    from posities.model.records import FieldPath

MAX_BYTES = 256 * 1024

REGISTER_DIR = "positions"
ENV_DIR = "POSITIES_DIR"
TEXTS_DIR = "texts"
BELONGS = frozenset(
    {TEXTS_DIR, "position.schema.json", "posities.toml", ".git", ".gitattributes", ".gitignore"}
)
"""What a register folder holds besides position files: source texts, the JSON Schema, a
config file, and git's own files (for a register at the top of a repository)."""
OWN_SUFFIXES = (".posities-tmp", ".posities-lock")
"""The files this program writes beside position files while it works."""


@dataclass
class Register:
    """What was read from one register folder."""

    root: Path
    positions: list[Position] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Files in the register folder that are not read, each with why."""
    paths: dict[str, Path] = field(default_factory=dict)
    encoded: dict[str, str] = field(default_factory=dict)
    """Each position's record as compact JSON, when it was at hand (read from the cache)."""
    fingerprint: str = ""
    at: tuple[Repo, Commit] | None = None
    """The repository and commit the register was read from (`--at`); None for its folder."""
    holders: Holders = DEFAULT
    """Its own holder and the holders it declares (`posities.toml`)."""

    @property
    def valid(self) -> bool:
        """Whether every position file is valid (files that are not read are only warned of)."""
        return not self.problems


def find_register(start: Path, override: str | None = None) -> Path:
    """The register folder: `override`, else `positions/` in `start` or its nearest parent."""
    if override:
        path = Path(override).expanduser()
        try:
            return _given_register(path)
        except OSError as error:  # a name too long, a folder that may not be entered
            raise UsageError(
                f"cannot use register folder {shown(str(path), 200)}: {error.strerror}"
            ) from None
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / REGISTER_DIR
        if candidate.is_dir():
            return candidate
    raise UsageError(
        f"no register found: no {REGISTER_DIR}/ folder in {shown(str(start), 200)} or any parent. "
        f"Run posities inside a project that has one, or pass --dir PATH (or set {ENV_DIR}); "
        "`posities init` starts one here."
    )


def _given_register(path: Path) -> Path:
    """The register that `--dir PATH` names: PATH, or the `positions/` it holds."""
    if not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a folder"
        raise UsageError(f"register folder {shown(str(path), 200)} {what}")
    nested = path / REGISTER_DIR
    if nested.is_dir() and not any(path.glob("*.yaml")):
        return nested
    return path


def position_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The `*.yaml` files of a register, sorted, and a warning for each other file that is not
    read (what belongs in a register folder aside). One `scandir`, nothing else read."""
    files: list[Path] = []
    warnings: list[Problem] = []
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as error:
        raise UsageError(
            f"cannot read register folder {display_path(root)}: {error.strerror}"
        ) from None
    stale = [e.name for e in entries if e.name.endswith((".posities-tmp", ".posities-lock"))]
    if stale:
        from posities.io.atomic import remove_stale_temps

        remove_stale_temps(root, stale)
    for entry in entries:
        name = entry.name
        if name.endswith(".yaml") and not name.startswith("."):
            files.append(Path(entry.path))
            continue
        why = unread_reason(entry)
        if why is not None:
            path = display_path(Path(entry.path))
            warnings.append(Problem(path, None, None, f"not read: {why}", "warning"))
    return files, warnings


def unread_reason(entry: os.DirEntry[str]) -> str | None:
    """Why a folder entry that is not a position file is not read; None if it belongs there."""
    name = entry.name
    if name in BELONGS or name.endswith(OWN_SUFFIXES):
        return None
    if name.startswith("."):
        why = "a hidden file (its name starts with a dot)"
        if name[1:].lower().endswith((".yaml", ".yml")):
            why += f"; rename it to {shown(_yaml_name(name[1:]), 200)} if it is a position"
        return why
    try:
        folder = entry.is_dir()
    except OSError:
        folder = False
    if folder:
        return "a folder; position files are read from the register folder only, not from below it"
    if name.lower().endswith((".yaml", ".yml")):
        return f"position files end in .yaml; rename it to {shown(_yaml_name(name), 200)}"
    return "position files end in .yaml"


def _yaml_name(name: str) -> str:
    """`name` with its YAML extension written as position files have it: `.yaml`."""
    return name[: name.rfind(".")] + ".yaml"


def read_text(path: Path) -> bytes:
    """The bytes of a file, refusing before reading anything larger than a position can be,
    or anything but a regular file (a pipe, a device, a folder)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe must not hang the reader
    with open(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, _not_a_file(status.st_mode))
        if status.st_size > MAX_BYTES:
            raise TooLarge(status.st_size)
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TooLarge(len(data))
    return data


class TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(
            f"the file is {size // 1024} KiB; "
            f"a position file may be at most {MAX_BYTES // 1024} KiB"
        )


def decode(data: bytes) -> str:
    """UTF-8 text without a byte-order mark; `YamlError` with a location for other bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        raise YamlError(
            f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8", (line, column)
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


@dataclass
class FileResult:
    """One file read: its record if valid, its problems, and the id it declares (if any)."""

    record: dict[str, Any] | None
    problems: list[tuple[Location | None, str]]
    declared: tuple[str, Location | None] | None


def read_position(data: bytes, stem: str, own: str | None = None) -> FileResult:
    """Parse and validate one position file's bytes.

    A valid file is read once without locations; a file with problems is read again with
    them, so that every problem can point at its line and column.
    """
    from posities.core.validate import validate  # here: a run served from the cache needs neither
    from posities.io.yamlread import parse

    try:
        text = decode(data)
    except YamlError as error:
        return FileResult(None, [(error.location, error.message)], None)
    try:
        fast = parse(text, located=False)
    except YamlError:
        pass
    else:
        record, problems = validate(fast, stem, own)
        if record is not None:
            return FileResult(record, [], (record["id"], None))
    try:
        doc = parse(text)
    except YamlError as error:
        return FileResult(None, [(error.location, error.message)], None)
    record, problems = validate(doc, stem, own)
    declared = None
    if isinstance(doc.value, dict) and isinstance(doc.value.get("id"), str):
        declared = (doc.value["id"], doc.where(("id",)))
    return FileResult(record, problems, declared)


def position_in(
    data: bytes, stem: str, label: str, own: str | None = None
) -> tuple[Position | None, list[Problem]]:
    """The position in bytes that come from elsewhere than a file (git), named `label` in
    problems, or the problems that make it invalid (`own`, where known, is the register's own
    holder)."""
    if len(data) > MAX_BYTES:
        return None, [Problem(label, None, None, str(TooLarge(len(data))))]
    result = read_position(data, stem, own)
    problems = [
        Problem(label, where[0] if where else None, where[1] if where else None, message)
        for where, message in result.problems
    ]
    if result.record is None or problems:
        return None, problems
    return from_dict(result.record), []


def problem_at(
    path: Path, where: Location | None, message: str, severity: str = "error"
) -> Problem:
    """A problem in file `path`, at `where` if known."""
    line, column = where if where else (None, None)
    return Problem(display_path(path), line, column, message, severity)


def load(root: Path, use_cache: bool = True) -> Register:
    """Read every position file under `root`, with each problem located."""
    from posities.core.holders import read_holders

    register = Register(root)
    files, register.warnings = position_files(root)
    register.holders, config_problems = read_holders(root)
    own = register.holders.own
    # a record is valid for one own holder (a file in the stances form must name it)
    store = cache_mod.open_cache(root, own) if use_cache else None
    started = time.time_ns()
    declared: dict[str, list[tuple[Path, Location | None]]] = {}
    keys: list[str] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # bulk building of small objects: collection would only cost time
    try:
        for path in files:
            name = path.name
            stem = name[: -len(".yaml")]
            try:
                status = path.stat()
            except OSError as error:
                register.problems.append(problem_at(path, None, f"cannot read: {error.strerror}"))
                continue
            if not stat.S_ISREG(status.st_mode):
                # a folder, a pipe or a device named *.yaml: reading one could block for ever
                register.problems.append(problem_at(path, None, _not_a_file(status.st_mode)))
                continue
            ident = cache_mod.identity(status)
            entry = store.get(name) if store is not None else None
            trusted = entry is not None and entry.settled and entry.identity == ident
            if store is not None and entry is not None and trusted:
                position = decode_record(entry.record)
                if position is not None:
                    keys.append(stem + "\0" + entry.digest)
                    _found(register, declared, position, path, entry.record)
                    store.keep(name, entry)
                    continue
            try:
                data = read_text(path)
            except TooLarge as error:
                register.problems.append(problem_at(path, None, str(error)))
                continue
            except IsADirectoryError:
                register.problems.append(problem_at(path, None, "is a folder, not a position file"))
                continue
            except OSError as error:
                register.problems.append(problem_at(path, None, f"cannot read: {error.strerror}"))
                continue
            digest = cache_mod.digest(data)
            keys.append(stem + "\0" + digest)
            position, encoded = None, ""
            if entry is not None and entry.digest == digest:
                position = decode_record(entry.record)
                encoded = entry.record
            if position is None:
                result = read_position(data, stem, own)
                for where, message in result.problems:
                    register.problems.append(problem_at(path, where, message))
                if result.record is None:
                    if result.declared is not None:
                        declared.setdefault(result.declared[0], []).append(
                            (path, result.declared[1])
                        )
                    continue
                position = from_dict(result.record)
                encoded = to_json(position) if store is not None else ""
            _found(register, declared, position, path, encoded)
            if store is not None:
                settled = cache_mod.settled(ident, started)
                store.keep(name, cache_mod.Entry(ident, digest, settled, encoded))
    finally:
        # the records live as long as the command: later collections need not scan them again
        gc.freeze()
        if gc_was_enabled:
            gc.enable()
    if store is not None:
        store.save()
    register.fingerprint = cache_mod.fingerprint(keys)
    register.problems.extend(_duplicate_ids(declared))
    register.problems.extend(config_problems)
    register.problems.extend(_links(register, declared))
    register.problems[:] = in_file_order(register.problems)
    return register


def _links(
    register: Register, declared: dict[str, list[tuple[Path, Location | None]]]
) -> list[Problem]:
    """What needs more than one file to see; a relation to a file that is there but invalid
    is that file's problem, not a dangling one."""
    from posities.core.links import link_problems

    def where(ident: str, field: FieldPath) -> tuple[str, Location | None]:
        path = register.paths[ident]
        return display_path(path), locate(path, field)

    return link_problems(register.positions, register.holders, where, unread=declared)


def _not_a_file(mode: int) -> str:
    what = "a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else "a device"
    return f"is {what}, not a position file"


def _found(
    register: Register,
    declared: dict[str, list[tuple[Path, Location | None]]],
    position: Position,
    path: Path,
    encoded: str,
) -> None:
    register.positions.append(position)
    register.paths[position.id] = path
    if encoded:
        register.encoded[position.id] = encoded
    declared.setdefault(position.id, []).append((path, None))


def decode_record(record: str) -> Position | None:
    """A record from its cached JSON, or None if the entry is damaged."""
    try:
        return from_dict(json.loads(record))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None  # a damaged cache entry: read the file instead


def _duplicate_ids(declared: dict[str, list[tuple[Path, Location | None]]]) -> list[Problem]:
    problems = []
    for ident, places in declared.items():
        if len(places) < 2:
            continue
        for path, where in places:
            where = where or locate(path, ("id",))
            others = ", ".join(display_path(p) for p, _ in places if p != path)
            problems.append(
                problem_at(path, where, f"duplicate id {shown(ident)}: also in {others}")
            )
    return problems


def locate(path: Path, field: FieldPath) -> Location | None:
    """Where a field stands in a file; for problems found after loading (cached records)."""
    from posities.io.yamlread import parse

    try:
        return record_where(parse(decode(read_text(path))))(field)
    except (OSError, TooLarge, YamlError):
        return None


def record_where(doc: Document) -> Callable[[FieldPath], Location | None]:
    """Where a record's field stands in the parsed file `doc`, whichever form it is in."""
    return lambda field: doc.where(file_field(doc.value, field))


# --- the register as a command shows it --------------------------------------------------

Warn = Callable[[str], None]
"""Where a warning goes: one line, without a line end."""


def read_now(root: Path, warn: Warn) -> Register:
    """The register at `root`, each file in its folder that is not read warned of; an error
    when a file is invalid, so that no partial result is shown."""
    register = load(root)
    for warning in register.warnings:
        warn(f"warning: {warning.path} is {warning.message}")
    if not register.valid:
        raise InvalidRegister(register.problems)
    return register


def read_at(
    root: Path, at: str | None, warn: Warn, only: str | None = None
) -> tuple[Register, RegisterState | None]:
    """The register at `root` now (with no state: the working tree's is asked for when a memo
    needs it), or as it stood at revision or date `at`, with that commit as its state. At a
    revision, `only` (one position's id) is shown despite problems in other files, each
    warned of."""
    if at is None:
        return read_now(root, warn), None
    from posities.core.history import Reader, register_then
    from posities.git.repo import open_repo
    from posities.git.state import RegisterState

    repo = open_repo(root)
    commit = repo.point(at)
    register = register_then(Reader(repo), commit, only)
    for problem in register.problems:
        warn(f"warning: {problem} (another file; {only} is shown)")
    return register, RegisterState(register.fingerprint, commit.sha, commit.day)
