"""The register over time: as it stood at a commit, what changed between two points, its log.

Blobs are read with one `cat-file --batch` per question and parsed once: valid records are cached
by file name and blob id, which names exact content and so can never be stale.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from posities.core.changes import Change, Changed, RegisterDiff, by_id, compare, diff
from posities.core.query import Filter
from posities.core.register import Register, decode_record, load, position_in
from posities.errors import (
    InvalidRegister,
    PositiesError,
    Problem,
    UsageError,
    counted,
    in_file_order,
    shown,
)
from posities.git.repo import ZERO, BeforeHistory, Commit, Repo, at_revision, split_range
from posities.io import cache as cache_mod
from posities.model.dates import DAY
from posities.model.records import Position, to_json

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
    register.problems[:] = in_file_order(register.problems)
    register.fingerprint = commit.short
    register.at = (repo, commit)
    return register


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
    reader: Reader, old: Point, new: Point, root: Path, where: Filter | None = None
) -> RegisterDiff:
    """What changed in the register from `old` to `new`.

    Between two commits (or a commit and the empty register) only the files whose blobs differ
    are read; a side that is the working tree is read whole (through the register cache).
    """
    before_files, after_files = _files_at(reader, old), _files_at(reader, new)
    if before_files is None or after_files is None:
        return diff(snapshot(reader, old, root), snapshot(reader, new, root), where)
    changed = {
        n
        for n in before_files.keys() | after_files.keys()
        if before_files.get(n) != after_files.get(n)
    }
    before = _valid(reader, {n: before_files[n] for n in changed if n in before_files}, old.commit)
    after = _valid(reader, {n: after_files[n] for n in changed if n in after_files}, new.commit)
    return diff(before, after, where)


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


# --- log ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """One commit that changed positions, with what it changed."""

    commit: Commit
    author: str
    message: str
    changes: RegisterDiff


@dataclass(frozen=True)
class History:
    """What `log` found: the commits that changed positions, the invalid versions it skipped,
    and the commits where a shallow clone's history stops (what they changed is unknown)."""

    entries: list[LogEntry]
    problems: list[Problem]
    cut: list[Commit]


@dataclass(frozen=True)
class _RawCommit:
    commit: Commit
    parents: tuple[str, ...]
    author: str
    message: str
    files: tuple[tuple[str, str, str, str], ...]  # name, old blob id, new blob id, folder


def _walk(
    repo: Repo,
    prefixes: list[str],
    ident: str | None,
    since: str | None,
    until: str | None,
    first_parent: bool = False,
) -> Iterator[_RawCommit]:
    """Commits that touched position files under any of `prefixes` (the register's folders over
    time), newest first, each file once: a file moved between folders is one change. Every
    commit reachable is walked (or only first parents), a merge compared with its first parent."""
    args = [
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--first-parent" if first_parent else "--full-history",
        "--diff-merges=first-parent",
        "--format=%x1e%H%x1f%P%x1f%cI%x1f%an%x1f%s",
    ]
    if since:
        args.append(f"--since={since} 00:00:00")
    if until:
        args.append(f"--until={until} 23:59:59")
    targets = [f"{p}{ident}.yaml" if ident else (p or ".") for p in prefixes]
    args += [repo.head.sha, "--", *(f":(literal){t}" for t in targets)]
    out = repo.git(*args).decode("utf-8", "surrogateescape")
    longest_first = sorted(prefixes, key=len, reverse=True)
    tokens = iter(out.split("\0"))
    current: tuple[Commit, tuple[str, ...], str, str] | None = None
    files: dict[str, list[str]] = {}  # name -> [old blob, new blob, folder]
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith("\x1e"):
            if current is not None:
                yield _RawCommit(*current, _merged(files))
            sha, parents, date, author, message = [*token[1:].split("\x1f", 4), "", "", "", ""][:5]
            current, files = (Commit(sha, date), tuple(parents.split()), author, message), {}
        elif token.startswith(":"):
            path = next(tokens, "")
            words = token[1:].split()
            prefix = next((p for p in longest_first if path.startswith(p)), None)
            if len(words) < 5 or prefix is None or SYMLINK in (words[0], words[1]):
                continue
            name = path[len(prefix) :]
            if "/" in name or not name.endswith(".yaml") or name.startswith("."):
                continue
            entry = files.setdefault(name, [words[2], words[3], prefix])
            if not ZERO.fullmatch(words[2]):
                entry[0] = words[2]
            if not ZERO.fullmatch(words[3]):
                entry[1], entry[2] = words[3], prefix
    if current is not None:
        yield _RawCommit(*current, _merged(files))


def _merged(files: dict[str, list[str]]) -> tuple[tuple[str, str, str, str], ...]:
    return tuple((name, old, new, prefix) for name, (old, new, prefix) in files.items())


def log(
    reader: Reader,
    ident: str | None = None,
    since: str | None = None,
    until: str | None = None,
    where: Filter | None = None,
    first_parent: bool = False,
) -> History:
    """The commits that really changed positions, newest first, and problems met on the way.

    Every commit reachable from HEAD is walked (only first parents with `first_parent`). A merge
    is compared with its first parent, and shows only what the merge did itself: a change it
    brought in from another parent cleanly is that branch's own commit's entry, not the merge's.
    A version that is invalid is reported and skipped: the next valid version is compared with
    the last valid one before it. A commit where a shallow clone's history stops is not an
    entry (git shows it as adding every file it holds) but is named in `cut`.
    """
    repo = reader.repo
    roots = repo.git("rev-list", "--max-parents=0", repo.head.sha, "--").decode().split()
    # prefix_at needs only the commit id, so no call asks for the roots' dates
    prefixes = {repo.prefix()} | {repo.prefix_at(Commit(root, "")) for root in roots}
    raw = list(_walk(repo, sorted(prefixes), ident, since, until, first_parent))
    wanted: dict[tuple[str, str], str] = {}
    for item in raw:  # newest first: a blob ends up named after the oldest commit that made it
        for name, old_oid, new_oid, prefix in item.files:
            if not ZERO.fullmatch(old_oid):
                label = reader.label(f"{item.commit.short}^", name, prefix)
                wanted.setdefault((name, old_oid), label)
            if not ZERO.fullmatch(new_oid):
                wanted[(name, new_oid)] = reader.label(item.commit.short, name, prefix)
    parsed, problems = reader.read(wanted)
    sides = {} if first_parent else _merge_sides(reader, raw)
    entries: list[LogEntry] = []
    cut: list[Commit] = []
    last_valid: dict[str, Position] = {}
    for item in reversed(raw):  # oldest first, so an invalid version can fall back
        if item.commit.sha in repo.cut:
            cut.insert(0, item.commit)
            last_valid.update(_versions(item, parsed))
            continue
        added: list[Position] = []
        removed: list[Position] = []
        changed: list[Changed] = []
        for name, old_oid, new_oid, _prefix in item.files:
            gone, born = ZERO.fullmatch(old_oid), ZERO.fullmatch(new_oid)
            old = None if gone else parsed.get((name, old_oid), last_valid.get(name))
            new = None if born else parsed.get((name, new_oid))
            if new is None and not born:
                continue  # invalid at this commit: reported, and compared again once fixed
            if new is not None:
                last_valid[name] = new
            if where is not None and not any(p is not None and where.keeps(p) for p in (old, new)):
                continue
            merged = sides.get((item.commit.sha, name), [])
            if merged is not None:
                _record(old, new, merged, added, removed, changed)
        result = RegisterDiff(tuple(added), tuple(removed), tuple(changed))
        if result:
            entries.append(LogEntry(item.commit, item.author, item.message, result))
    entries.reverse()
    return History(entries, problems, cut)


MergeSide = tuple[Position | None, Position | None]
"""A file at a merge's other parent's merge base with the first parent, and at that parent
(None where it did not exist)."""


def _record(
    old: Position | None,
    new: Position | None,
    merged: list[MergeSide],
    added: list[Position],
    removed: list[Position],
    changed: list[Changed],
) -> None:
    """File one file's change from `old` to `new` as added, removed or changed, leaving out
    what a merge brought in as it was from another parent (`merged`)."""
    if old is None and new is not None:
        theirs = next((t for b, t in merged if b is None and t is not None), None)
        if theirs is None:
            added.append(new)
        elif found := compare(theirs, new):
            changed.append(Changed(theirs, new, found))  # the merge edited it further
    elif new is None and old is not None:
        if not any(t is None and b == old for b, t in merged):
            removed.append(old)
    elif old is not None and new is not None and (found := _own(compare(old, new), merged)):
        changed.append(Changed(old, new, found))


def _own(found: tuple[Change, ...], merged: list[MergeSide]) -> tuple[Change, ...]:
    """The changes a merge made itself: those not brought in as they were from another parent
    (the same field, from the same value to the same value as on that branch)."""
    for base, theirs in merged:
        if base is not None and theirs is not None:
            brought = compare(base, theirs)
            found = tuple(change for change in found if change not in brought)
    return found


BlobPair = tuple[str | None, str | None]
"""The blob ids of a file at a merge base and at the other parent (None: no file)."""


def _merge_sides(
    reader: Reader, raw: list[_RawCommit]
) -> dict[tuple[str, str], list[MergeSide] | None]:
    """For each file a merge changed against its first parent: the file where each other
    parent branched off and at that parent, so a change brought in from there is known; None
    where the merge took the file whole from a branch the first parent left it alone on. A side
    that could not be read (an invalid version) is left out, which shows more, never less."""
    blobs = _side_blobs(reader.repo, [item for item in raw if len(item.parents) > 1])
    wanted = {
        (key[1], oid): f"{oid} ({key[1]})"
        for key, pairs in blobs.items()
        for pair in pairs or []
        for oid in pair
        if oid is not None
    }
    found, _ = reader.read(wanted)  # an invalid version was warned of where it was made

    def version(oid: str | None, name: str) -> tuple[bool, Position | None]:
        """Whether the file could be read, and the position in it (None: no file)."""
        position = None if oid is None else found.get((name, oid))
        return oid is None or position is not None, position

    sides: dict[tuple[str, str], list[MergeSide] | None] = {}
    for key, pairs in blobs.items():
        readable: list[MergeSide] = []
        for at_base, at_other in pairs or []:
            (known_base, base_position), (known, other_position) = (
                version(at_base, key[1]),
                version(at_other, key[1]),
            )
            if known_base and known:
                readable.append((base_position, other_position))
        sides[key] = None if pairs is None else readable
    return sides


def _side_blobs(
    repo: Repo, merges: list[_RawCommit]
) -> dict[tuple[str, str], list[BlobPair] | None]:
    """The blob pairs of `_merge_sides`, by (merge, file name), from one `cat-file`; None where
    the merge's change is the other parent's exactly (the first parent's file is the base's)."""
    bases = repo.merge_bases({(m.parents[0], other) for m in merges for other in m.parents[1:]})
    names = {
        f"{rev}:{prefix}{name}"
        for item in merges
        for other in item.parents[1:]
        for rev in (bases[(item.parents[0], other)], other)
        if rev is not None
        for name, _, _, prefix in item.files
    }
    oids = repo.object_ids(sorted(names))
    found: dict[tuple[str, str], list[BlobPair] | None] = {}
    for item in merges:
        for name, old_oid, new_oid, prefix in item.files:
            pairs = [
                (
                    oids.get(f"{base}:{prefix}{name}") if base is not None else None,
                    oids.get(f"{other}:{prefix}{name}"),
                )
                for other in item.parents[1:]
                for base in [bases[(item.parents[0], other)]]
            ]
            whole = (_blob(old_oid), _blob(new_oid)) in pairs  # the branch's commits show it
            found[(item.commit.sha, name)] = None if whole else pairs
    return found


def _blob(oid: str) -> str | None:
    """A blob id from `git log --raw`, None for the zeros that mean no file."""
    return None if ZERO.fullmatch(oid) else oid


def _versions(item: _RawCommit, parsed: dict[tuple[str, str], Position]) -> dict[str, Position]:
    """The valid versions of the files a commit wrote, by file name."""
    found = ((name, parsed.get((name, new_oid))) for name, _, new_oid, _ in item.files)
    return {name: position for name, position in found if position is not None}


def known_ids(reader: Reader) -> list[str]:
    """Ids of every position file that ever existed on the current branch."""
    out = reader.repo.git(
        "log",
        "-z",
        "--format=",
        "--name-only",
        "--no-renames",
        reader.repo.head.sha,
        "--",
        f":(literal){reader.repo.prefix() or '.'}",
    )
    prefix = reader.repo.prefix()
    names = {p.removeprefix(prefix) for p in out.decode("utf-8", "surrogateescape").split("\0")}
    return sorted(n[: -len(".yaml")] for n in names if n.endswith(".yaml") and "/" not in n)


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
    error (exit 2), an invalid register at either point too."""
    from posities.git.repo import open_repo

    repo = open_repo(root)
    old, new = span(repo, first, second)
    return Comparison(repo, old, new, compare_points(Reader(repo), old, new, root, where))


def position_log(
    repo: Repo,
    ident: str | None,
    since: str | None,
    until: str | None,
    where: Filter,
    first_parent: bool,
) -> History:
    """`log [ID]`: the history of one position or of all (see `log`); an id that no commit
    ever had is refused, with close ones, rather than shown as an empty history."""
    from posities.core.editing import require_id_length
    from posities.core.ids import unknown_id

    if ident is not None:
        require_id_length(ident)
    reader = Reader(repo)
    found = log(reader, ident, since, until, where, first_parent)
    if ident is not None and not found.entries and not found.cut:
        ids = known_ids(reader)
        if ident not in ids:
            raise unknown_id(ident, ids, in_history=True)
    return found
