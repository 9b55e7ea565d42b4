"""The log of a register or of one position (`posities log`): the commits that really
changed positions, newest first, each with what changed, merges shown by what they brought."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from posities.core.changes import Change, Changed, RegisterDiff, compare, keeper, of_holder
from posities.core.history import SYMLINK, Reader
from posities.core.query import Filter
from posities.errors import (
    Problem,
)
from posities.git.repo import ZERO, Commit, Repo
from posities.model.holders import OWN_DEFAULT
from posities.model.records import Position


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
    own: str = OWN_DEFAULT,
) -> History:
    """The commits that really changed positions, newest first, and problems met on the way
    (`own`: the register's own holder, whose statement a file's top-level fields are).

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
    keep = keeper(where, own)
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
            if where is not None and not any(p is not None and keep(p) for p in (old, new)):
                continue
            merged = sides.get((item.commit.sha, name), [])
            if merged is not None:
                _record(old, new, merged, added, removed, changed, own)
        result = RegisterDiff(tuple(added), tuple(removed), tuple(changed))
        if where is not None:
            result = of_holder(result, where, own)
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
    own: str = OWN_DEFAULT,
) -> None:
    """File one file's change from `old` to `new` as added, removed or changed, leaving out
    what a merge brought in as it was from another parent (`merged`)."""
    if old is None and new is not None:
        theirs = next((t for b, t in merged if b is None and t is not None), None)
        if theirs is None:
            added.append(new)
        elif found := compare(theirs, new, own):
            changed.append(Changed(theirs, new, found))  # the merge edited it further
    elif new is None and old is not None:
        if not any(t is None and b == old for b, t in merged):
            removed.append(old)
    elif (
        old is not None and new is not None and (found := _own(compare(old, new, own), merged, own))
    ):
        changed.append(Changed(old, new, found))


def _own(
    found: tuple[Change, ...], merged: list[MergeSide], own: str = OWN_DEFAULT
) -> tuple[Change, ...]:
    """The changes a merge made itself: those not brought in as they were from another parent
    (the same field, from the same value to the same value as on that branch)."""
    for base, theirs in merged:
        if base is not None and theirs is not None:
            brought = compare(base, theirs, own)
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


def position_log(
    repo: Repo,
    ident: str | None,
    since: str | None,
    until: str | None,
    where: Filter,
    first_parent: bool,
) -> History:
    """`log [ID]`: the history of one position or of all (see `log`); an id that no commit
    ever had is refused, with close ones, rather than shown as an empty history. The own
    holder is the one the register's `posities.toml` names now."""
    from posities.core.editing import require_id_length
    from posities.core.holders import own_holder
    from posities.core.ids import unknown_id

    if ident is not None:
        require_id_length(ident)
    own = own_holder(repo.top / repo.register, where.holder)
    reader = Reader(repo)
    found = log(reader, ident, since, until, where, first_parent, own)
    if ident is not None and not found.entries and not found.cut:
        ids = known_ids(reader)
        if ident not in ids:
            raise unknown_id(ident, ids, in_history=True)
    return found
