"""The register over time: as it stood at a commit, what changed between two points, its log.

Blobs are read with one `cat-file --batch` per question and parsed once: valid records are cached
by file name and blob id, which names exact content and so can never be stale.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from posities.core.changes import RegisterDiff, by_id, diff
from posities.core.query import Filter
from posities.core.register import Register, decode_record, load, position_in
from posities.errors import (
    InvalidRegister,
    Location,
    PositiesError,
    Problem,
    UsageError,
    counted,
    in_file_order,
    shown,
)
from posities.git.repo import BeforeHistory, Commit, Repo, at_revision, split_range
from posities.io import cache as cache_mod
from posities.model.dates import DAY
from posities.model.holders import OWN_DEFAULT
from posities.model.records import FieldPath, Position, to_json

SYMLINK = "120000"


class InvalidAtRevision(PositiesError):
    """The register as it stood at a commit has problems, so no partial result is produced.
    `posities check` reads the working tree, so every problem is listed here, each file named
    as `git show` opens it."""

    def __init__(self, problems: list[Problem], commit: Commit) -> None:
        self.problems = problems
        super().__init__(
            f"the register at {commit.short} ({commit.day}) has {counted(problems)}; "
            "nothing was printed. Each file is named as git show opens it: "
            f"git show {commit.short}:PATH"
        )


class NoRegisterThen(UsageError):
    """The register's folder did not exist at a commit."""


class InvalidToCompare(InvalidRegister):
    """The working tree's register, one side of a comparison, has problems: like every error
    of `diff`, a usage error."""

    exit_code = UsageError.exit_code


class InvalidAtRevisionToCompare(InvalidAtRevision):
    """One side of a comparison has problems at its commit: like every error of `diff`, a
    usage error."""

    exit_code = UsageError.exit_code


@dataclass
class Reader:
    """Parses position blobs of one repository, through the blob cache."""

    repo: Repo
    blob_cache: cache_mod.BlobCache = field(init=False)

    def __post_init__(self) -> None:
        self.blob_cache = cache_mod.open_blob_cache(self.repo.top)

    def label(self, rev: str, name: str, prefix: str | None = None) -> str:
        """How a file at a revision is named in messages: `rev:path`, as `git show` takes it."""
        return at_revision(rev, (self.repo.prefix() if prefix is None else prefix) + name)

    def parse(
        self, data: bytes | None, name: str, where: str
    ) -> tuple[Position | None, list[Problem]]:
        """The position in one file's bytes, or the problems that make it invalid."""
        if data is None:
            return None, [Problem(where, None, None, "the object is missing from the repository")]
        return position_in(data, name[: -len(".yaml")], where)

    def read(
        self, wanted: dict[tuple[str, str], str]
    ) -> tuple[dict[tuple[str, str], Position], list[Problem]]:
        """Positions from blobs, each asked for as (file name, blob id) with how messages name
        it; one `cat-file` for all that the cache does not hold."""
        found: dict[tuple[str, str], Position] = {}
        problems: list[Problem] = []
        missing: list[tuple[str, str]] = []
        gc_was_enabled = gc.isenabled()
        gc.disable()  # bulk building of small objects: collection would only cost time
        try:
            for name, oid in wanted:
                record = self.blob_cache.get(cache_mod.BlobCache.key(name, oid))
                position = decode_record(record) if record is not None else None
                if position is not None and position.id == name[: -len(".yaml")]:
                    found[(name, oid)] = position
                else:
                    missing.append((name, oid))
            blobs = self.repo.blobs(sorted({oid for _, oid in missing}))
            for name, oid in missing:
                position, trouble = self.parse(blobs[oid], name, wanted[(name, oid)])
                problems += trouble
                if position is not None:
                    found[(name, oid)] = position
                    self.blob_cache.put(cache_mod.BlobCache.key(name, oid), to_json(position))
        finally:
            if gc_was_enabled:
                gc.enable()
        self.blob_cache.save()
        return found, problems

    def config(self, name: str, oid: str) -> bytes | None:
        """A register's config file (`posities.toml`) by blob id, through the blob cache."""
        import json

        key = cache_mod.BlobCache.key(name, oid)
        cached = self.blob_cache.get(key)
        if cached is not None:
            try:
                return str(json.loads(cached)).encode("utf-8", "surrogateescape")
            except (ValueError, UnicodeEncodeError):
                pass  # a damaged entry: read the blob
        data = self.repo.blobs([oid]).get(oid)
        if data is not None:
            self.blob_cache.put(key, json.dumps(data.decode("utf-8", "surrogateescape")))
            self.blob_cache.save()
        return data

    def positions(
        self, files: dict[str, str], commit: Commit
    ) -> tuple[dict[str, Position], list[Problem]]:
        """The positions in `files` (file name -> blob id) at `commit`."""
        prefix = self.repo.prefix_at(commit)
        found, problems = self.read(
            {(name, oid): self.label(commit.short, name, prefix) for name, oid in files.items()}
        )
        return {name: position for (name, _), position in found.items()}, problems


def register_at(reader: Reader, commit: Commit) -> Register:
    """The register as it stood at `commit`: its valid positions and every problem."""
    repo = reader.repo
    files = repo.files(commit)
    prefix = repo.prefix_at(commit)
    wanted: dict[str, str] = {}
    register = Register(repo.top / repo.register)
    for name, (mode, oid) in sorted(files.items()):
        if "/" in name or name.startswith("."):
            continue
        if name.endswith(".yml"):
            message = "position files end in .yaml; rename this file or it is ignored"
            label = reader.label(commit.short, name, prefix)
            register.problems.append(Problem(label, None, None, message))
        if not name.endswith(".yaml"):
            continue
        if mode == SYMLINK:
            label = reader.label(commit.short, name, prefix)
            data, why = repo.follow(commit, prefix + name)
            if data is None:
                register.problems.append(Problem(label, None, None, why))
                continue
            position, trouble = reader.parse(data, name, label)
            register.problems += trouble
            if position is not None:
                register.positions.append(position)
            continue
        wanted[name] = oid
    found, problems = reader.positions(wanted, commit)
    register.positions += found.values()
    register.problems += problems
    register.problems += _links_then(reader, commit, register, files, prefix)
    register.problems[:] = in_file_order(register.problems)
    register.fingerprint = commit.short
    register.at = (repo, commit)
    return register


def _links_then(
    reader: Reader,
    commit: Commit,
    register: Register,
    files: dict[str, tuple[str, str]],
    prefix: str,
) -> list[Problem]:
    """The register's holders as committed, and what needs more than one file to see."""
    from posities.core.holders import parse_holders
    from posities.core.links import link_problems
    from posities.model.holders import CONFIG_FILE

    problems: list[Problem] = []
    if CONFIG_FILE in files:
        data = reader.config(CONFIG_FILE, files[CONFIG_FILE][1])
        if data is not None:
            label = reader.label(commit.short, CONFIG_FILE, prefix)
            register.holders, problems = parse_holders(data, label)

    def where(ident: str, _field: FieldPath) -> tuple[str, Location | None]:
        return reader.label(commit.short, f"{ident}.yaml", prefix), None

    return problems + link_problems(register.positions, register.holders, where)


def register_then(reader: Reader, commit: Commit, only: str | None = None) -> Register:
    """The valid register as it stood at `commit`, for `--at`. An error when its folder did not
    exist then, or when any file was invalid; with `only` (one position's id), only a problem
    in that position's own file is an error, and the others are left in `problems`."""
    register = register_at(reader, commit)
    repo = reader.repo
    if not repo.files(commit) and not repo.has_folder(commit, repo.register):
        raise NoRegisterThen(
            f"the register folder {shown(repo.register)} did not exist at {commit.short} "
            f"({commit.day}), so it held no positions then"
        )
    if register.problems and (only is None or not unrelated(register, only)):
        raise InvalidAtRevision(register.problems, commit)
    return register


def unrelated(register: Register, ident: str) -> bool:
    """Whether position `ident` is valid in `register` and none of its problems is in that
    position's own file, so it can be shown alone."""
    names = {f"{ident}.yaml", f"{ident}.yml"}
    if not any(position.id == ident for position in register.positions):
        return False
    return not any(p.path.replace(":", "/").rsplit("/", 1)[-1] in names for p in register.problems)


@dataclass(frozen=True)
class Point:
    """One side of a comparison: a commit, the working tree (`commit` None), or the empty
    register before the first commit (`first` is that commit)."""

    commit: Commit | None
    asked: str | None = None
    """The date YYYY-MM-DD the point was named by, if it was."""
    first: Commit | None = None

    @property
    def empty(self) -> bool:
        """Whether this is the empty register before the first commit."""
        return self.first is not None

    @property
    def rev(self) -> str | None:
        """The full commit id, or None for the working tree and the empty register."""
        return self.commit.sha if self.commit else None

    @property
    def date(self) -> str | None:
        """The commit date, or None for the working tree and the empty register."""
        return self.commit.date if self.commit else None


def resolve(repo: Repo, text: str | None) -> Point:
    """A point from the command line: a revision, a date, or None for the working tree. A date
    before the first commit is the empty register."""
    if text is None:
        return Point(None)
    asked = text if DAY.fullmatch(text) else None
    try:
        return Point(repo.point(text), asked)
    except BeforeHistory as error:
        return Point(None, asked, error.first)


def span(repo: Repo, first: str | None, second: str | None) -> tuple[Point, Point]:
    """The two points `diff [FIRST] [SECOND]` compares, as git diff reads them: no point is
    HEAD to the working tree, one is that point to the working tree, `A..B` is A to B and
    `A...B` is from where A and B branched to B."""
    if second is not None and split_range(second) is not None:
        raise UsageError(f"{shown(second)} is a range; give a range alone, as the only point")
    parts = split_range(first) if first is not None else None
    if parts is None:
        return resolve(repo, first or "HEAD"), resolve(repo, second)
    if second is not None:
        raise UsageError(
            f"{shown(first or '')} is a range and already names both points, so "
            f"{shown(second)} is one too many; give either A..B or FROM TO"
        )
    left, right, symmetric = parts
    old, new = resolve(repo, left or "HEAD"), resolve(repo, right or "HEAD")
    if symmetric:
        if old.commit is None or new.commit is None:
            day = old.asked if old.commit is None else new.asked
            raise UsageError(
                f"{shown(first or '')}: {day} is before the first commit, so A...B has no "
                "start; compare with A..B"
            )
        old = Point(repo.merge_base(old.commit, new.commit))
    return old, new


def reads_since(repo: Repo, old: Point, new: Point) -> bool:
    """Whether "since OLD" says what a comparison shows: it ends now (the working tree or
    HEAD) and starts at the empty register or at a commit HEAD descends from."""
    if new.empty or (new.commit is not None and new.commit.sha != repo.head.sha):
        return False
    return old.commit is None or repo.is_ancestor(old.commit, repo.head)


def snapshot(reader: Reader, point: Point, root: Path) -> dict[str, Position]:
    """The valid register at `point`, by id; `InvalidRegister` when any file is invalid."""
    if point.empty:
        return {}
    if point.commit is None:
        register = load(root)
        if register.problems:
            raise InvalidToCompare(register.problems)
        return by_id(register.positions)
    register = register_at(reader, point.commit)
    if register.problems:
        raise InvalidAtRevisionToCompare(register.problems, point.commit)
    return by_id(register.positions)


def compare_points(
    reader: Reader,
    old: Point,
    new: Point,
    root: Path,
    where: Filter | None = None,
    own: str = OWN_DEFAULT,
) -> RegisterDiff:
    """What changed in the register from `old` to `new` (`own`: its own holder).

    Between two commits (or a commit and the empty register) only the files whose blobs differ
    are read; a side that is the working tree is read whole (through the register cache).
    """
    before_files, after_files = _files_at(reader, old), _files_at(reader, new)
    if before_files is None or after_files is None:
        return diff(snapshot(reader, old, root), snapshot(reader, new, root), where, own)
    changed = {
        n
        for n in before_files.keys() | after_files.keys()
        if before_files.get(n) != after_files.get(n)
    }
    before = _valid(reader, {n: before_files[n] for n in changed if n in before_files}, old.commit)
    after = _valid(reader, {n: after_files[n] for n in changed if n in after_files}, new.commit)
    return diff(before, after, where, own)


def _files_at(reader: Reader, point: Point) -> dict[str, str] | None:
    """The position files (name -> blob id) at a commit, none in the empty register, and None
    for the working tree."""
    if point.commit is not None:
        return _yaml_files(reader.repo.files(point.commit))
    return {} if point.empty else None


def _yaml_files(files: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {
        name: oid
        for name, (mode, oid) in files.items()
        if name.endswith(".yaml")
        and "/" not in name
        and not name.startswith(".")
        and mode != SYMLINK
    }


def _valid(reader: Reader, wanted: dict[str, str], commit: Commit | None) -> dict[str, Position]:
    if commit is None:
        return {}  # the empty register
    found, problems = reader.positions(wanted, commit)
    if problems:
        raise InvalidAtRevisionToCompare(problems, commit)
    return by_id(list(found.values()))


# --- the commands over time ------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """What `diff` found: the changes from `old` to `new` in the repository `repo`."""

    repo: Repo
    old: Point
    new: Point
    changes: RegisterDiff

    @property
    def since(self) -> bool:
        """Whether a memo heads it "since OLD" (it ends now and starts before; see
        `reads_since`): asked only for a memo, since it may cost a git call."""
        return reads_since(self.repo, self.old, self.new)


def changes_between(root: Path, first: str | None, second: str | None, where: Filter) -> Comparison:
    """`diff [FIRST] [SECOND]`: what changed in the register at `root` between the points
    `span` reads, among the positions `where` keeps at either point. Every error is a usage
    error (exit 2), an invalid register at either point too. The own holder is the one the
    register's `posities.toml` names now."""
    from posities.core.holders import own_holder
    from posities.git.repo import open_repo

    own = own_holder(root, where.holder)
    repo = open_repo(root)
    old, new = span(repo, first, second)
    return Comparison(repo, old, new, compare_points(Reader(repo), old, new, root, where, own))
