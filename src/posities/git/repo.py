"""Git as the register's time axis: finding the repository, naming points in time, reading blobs.

Only plumbing is used, with argument lists, `-z` output, `--no-ext-diff`/`--no-textconv` where a
diff is asked for, and a timeout on every child. No user input reaches git as an option: a
revision that starts with `-` is refused, and revisions pass `--end-of-options` and `^{commit}`.
The environment of a git hook (`GIT_DIR`, `GIT_INDEX_FILE`, ...) is not passed on, so the
repository is always the one that holds the register.
"""

from __future__ import annotations

import collections
import functools
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from posities.errors import UsageError, shown, visible
from posities.model.dates import DAY, is_day

TIMEOUT = 120.0
ZERO = re.compile(r"0+")
SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class GitError(UsageError):
    """Git could not give what was asked: no repository, an unknown revision, missing history."""


class BeforeHistory(GitError):
    """A date before the first commit: the register did not exist yet then."""

    def __init__(self, day: str, first: Commit) -> None:
        super().__init__(
            f"the register did not exist yet on {day}: the first commit on this branch is "
            f"{first.short} of {first.day}"
        )
        self.day = day
        self.first = first


RANGE_HELP = (
    "a range is A..B (from A to B) or A...B (from where A and B branched to B); "
    "a side left out means HEAD"
)


def split_range(text: str) -> tuple[str, str, bool] | None:
    """`A..B` as (A, B, False) and `A...B` as (A, B, True); None for a single point. A side
    may be empty (HEAD); anything else with `..` in it is an error."""
    if ".." not in text:
        return None
    symmetric = text.count("...") == 1
    left, _, right = text.partition("..." if symmetric else "..")
    sides = (left, right)
    if (
        not any(sides)
        or any(".." in side for side in sides)
        or any(side.startswith(".") or side.endswith(".") for side in sides)
    ):
        raise GitError(f"{shown(text)} is not a range: {RANGE_HELP}")
    return left, right, symmetric


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", LC_ALL="C", LANGUAGE="C")
    return env


def run_git(cwd: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    """The output of `git ARGS` run in `cwd`; `GitError` with git's own words on failure."""
    try:
        done = subprocess.run(
            ["git", "--no-pager", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT,
            env=_env(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish within {TIMEOUT:.0f} s") from None
    except OSError as error:
        raise _not_started(error, cwd) from None
    if done.returncode != 0:
        raise _explain(done.stderr.decode("utf-8", "replace"), cwd)
    return done.stdout


_FOLDER_FAULTS: dict[type[OSError], str] = {
    FileNotFoundError: "it does not exist",
    NotADirectoryError: "it is not a folder",
}


def _not_started(error: OSError, cwd: Path) -> GitError:
    """Why git could not be started: the folder it was to run in (which subprocess names as the
    error's file), or git itself."""
    if error.filename is not None and os.fspath(error.filename) == os.fspath(cwd):
        why = _FOLDER_FAULTS.get(type(error), error.strerror)
        return GitError(f"cannot run git in {shown(str(cwd), 200)}: {why}")
    if isinstance(error, FileNotFoundError):
        return GitError("git is not installed or not on PATH; history needs git")
    return GitError(f"cannot run git: {error.strerror}")


def _explain(stderr: str, cwd: Path) -> GitError:
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in stderr.splitlines()]
    text = " ".join(line.strip() for line in lines if line.strip())
    if "dubious ownership" in text:
        match = re.search(r"repository at '([^']*)'", text)
        where = match.group(1) if match else str(cwd)
        return GitError(
            f"git refuses the repository at {shown(where, 200)}: it is owned by another user "
            f"(dubious ownership). If you trust it, run: "
            f"git config --global --add safe.directory {shown(where, 200)}"
        )
    if "not a git repository" in text:
        return GitError(
            f"the register at {shown(str(cwd), 200)} is not in a git repository; history, diff "
            "and --at need one (git init, then commit the register)"
        )
    if "unrecognized argument" in text or "unknown option" in text:
        return GitError(
            f"git: {shown(text, 200)}; this git is too old for posities, which needs git 2.31 "
            "or later (see git --version)"
        )
    if "must be run in a work tree" in text:
        return GitError(
            f"the register at {shown(str(cwd), 200)} is inside a bare repository or a .git "
            "folder, which has no work tree; posities needs a work tree: clone the repository "
            "(git clone) and use the register in the clone"
        )
    return GitError(f"git: {shown(text, 300) if text else 'failed without a message'}")


@dataclass(frozen=True)
class Commit:
    """A point in the register's history."""

    sha: str
    date: str  # committer date, ISO 8601 with offset

    @property
    def short(self) -> str:
        """The abbreviated id people quote."""
        return self.sha[:12]

    @property
    def day(self) -> str:
        """The committer date's day, YYYY-MM-DD."""
        return self.date[:10]


@dataclass(frozen=True)
class Repo:
    """The repository that holds a register, and where the register is inside it."""

    top: Path
    register: str  # the register folder relative to `top`, in git's form ("" for the top)
    shallow: bool
    moves: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """The register's folder at each commit listed (elsewhere before a move)."""
    listed: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The register's entries at each commit listed, so each is listed once."""

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        """Run git in this repository."""
        return run_git(self.top, list(args), stdin)

    def prefix(self) -> str:
        """The register's path prefix in tree listings ("positions/", or "" at the top)."""
        return f"{self.register}/" if self.register else ""

    @functools.cached_property
    def head(self) -> Commit:
        """The current commit (asked of git once); an error if the repository has none yet."""
        try:
            return self.commit("HEAD")
        except GitError:
            raise GitError(
                "the repository has no commits yet; commit the register first "
                "(git add positions && git commit)"
            ) from None

    def commit(self, rev: str) -> Commit:
        """The commit `rev` names (anything `git rev-parse` accepts; never an option)."""
        if rev.startswith("-"):
            raise GitError(f"{shown(rev)} is not a revision (a revision cannot start with '-')")
        if not rev or any(c in rev for c in "\0\n") or rev != rev.strip():
            raise GitError(f"{shown(rev)} is not a revision")
        message = rev.startswith(":/")  # `:/text`, the newest commit whose message has it
        if ".." in rev:
            raise GitError(f"{shown(rev)} is a range; one revision or date is needed here")
        try:
            out = self.git(
                "log",
                "-1",
                "--no-walk",
                "--format=%H%x00%cI",
                "--end-of-options",
                rev if message else f"{rev}^{{commit}}",  # all after `:/` is the text
                "--",  # never a path
            )
        except GitError:
            raise GitError(self._unknown(rev)) from None
        sha, _, date = out.decode().strip().partition("\0")
        if not SHA.fullmatch(sha):  # `^rev` and the like name no commit
            raise GitError(self._unknown(rev))
        return Commit(sha, date)

    def merge_base(self, one: Commit, other: Commit) -> Commit:
        """The best common ancestor of two commits, where `A...B` starts."""
        try:
            out = self.git("merge-base", one.sha, other.sha)
        except GitError:
            out = b""
        if not out.strip():
            raise GitError(
                f"{one.short} and {other.short} have no common history (no merge base), "
                "so A...B has no start; compare them with A..B"
            )
        return self.commit(out.decode().split()[0])

    def is_ancestor(self, one: Commit, other: Commit) -> bool:
        """Whether `other` descends from `one` (or is it)."""
        try:
            self.git("merge-base", "--is-ancestor", one.sha, other.sha)
        except GitError:
            return False  # git says no by failing
        return True

    @functools.cached_property
    def cut(self) -> frozenset[str]:
        """The commits a shallow clone's history stops at: those whose parents it lacks (a
        clone's first commits are listed as shallow too, but have no parents to miss)."""
        if not self.shallow:
            return frozenset()
        where = self.git("rev-parse", "--git-path", "shallow").decode().strip()
        try:
            listed = (self.top / where).read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return frozenset()
        raw = self.blobs(listed)
        return frozenset(sha for sha in listed if b"\nparent " in (raw[sha] or b"\nparent "))

    def _unknown(self, rev: str) -> str:
        message = f"unknown revision {shown(rev)}"
        if self.shallow:
            message += (
                "; this is a shallow clone, so older history may be missing: "
                "fetch it with git fetch --unshallow"
            )
        return message + " (a revision is a commit, branch, tag, or a date YYYY-MM-DD)"

    def at_date(self, day: str) -> Commit:
        """The last commit on or before `day` (YYYY-MM-DD, local time) on HEAD's first parents."""
        head = self.head
        out = self.git(
            "log",
            "-1",
            "--first-parent",
            "--format=%H%x00%cI",
            f"--before={day} 23:59:59",
            head.sha,
            "--",
        )
        sha, _, date = out.decode().strip().partition("\0")
        if sha:
            return Commit(sha, date)
        first = self.git("rev-list", "--first-parent", "--max-parents=0", head.sha, "--")
        oldest = self.commit(first.decode().split()[-1]) if first.strip() else head
        if oldest.sha not in self.cut:
            raise BeforeHistory(day, oldest)
        raise GitError(
            f"no commit on or before {day} on this branch; the first is {oldest.short} of "
            f"{oldest.day}. This is a shallow clone: older history may be missing; "
            "fetch it with git fetch --unshallow"
        )

    def point(self, text: str) -> Commit:
        """A revision, or a date YYYY-MM-DD meaning the last commit on or before that day."""
        if DAY.fullmatch(text):
            if not is_day(text):
                raise GitError(f"{shown(text)} is not a date that exists")
            return self.at_date(text)
        head = self.head  # first: an empty repository gets its own message
        return head if text == "HEAD" else self.commit(text)

    def prefix_at(self, commit: Commit) -> str:
        """Where the register's files were at `commit`: its folder now, or, when that held
        nothing yet, the folder most of its files were renamed from since."""
        self.files(commit)
        return self.moves[commit.sha]

    def _moved_from(self, commit: Commit) -> str | None:
        out = self.git(
            "diff-tree",
            "-r",
            "-M",
            "-z",
            "--name-status",
            "--no-ext-diff",
            "--no-textconv",
            commit.sha,
            self.head.sha,
            "--",
        )
        tokens = out.decode("utf-8", "surrogateescape").split("\0")
        prefix, folders = self.prefix(), collections.Counter[str]()
        at = 0
        while at < len(tokens):
            status = tokens[at]
            if status[:1] in ("R", "C") and at + 2 < len(tokens):
                old, new = tokens[at + 1], tokens[at + 2]
                if new.startswith(prefix) and "/" not in new[len(prefix) :]:
                    folders[old[: old.rfind("/") + 1]] += 1
                at += 3
            else:
                at += 2 if status else 1
        return folders.most_common(1)[0][0] if folders else None

    def files(self, commit: Commit) -> dict[str, tuple[str, str]]:
        """The register's entries at `commit`: file name -> (mode, blob id). Where its folder
        held nothing then, the folder its files were renamed from is listed instead."""
        known = self.listed.get(commit.sha)
        if known is not None:
            return known
        prefix = self.prefix()
        entries = self._list(commit, prefix)
        if not entries and prefix:
            moved = self._moved_from(commit)
            if moved is not None and moved != prefix:
                prefix, entries = moved, self._list(commit, moved)
        self.moves[commit.sha] = prefix
        self.listed[commit.sha] = entries
        return entries

    def has_folder(self, commit: Commit, folder: str) -> bool:
        """Whether `folder` ("" for the top) existed at `commit`."""
        if not folder:
            return True
        return bool(self.git("ls-tree", commit.sha, "--", f":(literal){folder}").strip())

    def _list(self, commit: Commit, prefix: str) -> dict[str, tuple[str, str]]:
        where = ["--", f":(literal){prefix}"] if prefix else []
        out = self.git("ls-tree", "-z", "--full-tree", commit.sha, *where)
        entries: dict[str, tuple[str, str]] = {}
        for item in out.split(b"\0"):
            if not item:
                continue
            meta, _, raw_path = item.partition(b"\t")
            mode, kind, oid = meta.decode().split()
            path = raw_path.decode("utf-8", "surrogateescape")
            if kind != "blob" or not path.startswith(prefix):
                continue
            entries[path[len(prefix) :]] = (mode, oid)
        return entries

    def tree(self, commit: Commit, prefix: str) -> dict[str, tuple[str, str]]:
        """Every entry under the folder `prefix` at `commit`, folders too, by its path below
        that folder: (mode, object id)."""
        where = ["--", f":(literal){prefix}"] if prefix else []
        out = self.git("ls-tree", "-r", "-t", "-z", "--full-tree", commit.sha, *where)
        entries: dict[str, tuple[str, str]] = {}
        for item in out.split(b"\0"):
            meta, _, raw_path = item.partition(b"\t")
            path = raw_path.decode("utf-8", "surrogateescape")
            if path.startswith(prefix) and len(path) > len(prefix):
                mode, _, oid = meta.decode().split()
                entries[path[len(prefix) :]] = (mode, oid)
        return entries

    def sizes(self, oids: list[str]) -> dict[str, int | None]:
        """The sizes of objects by id, without reading them; None for a missing one."""
        if not oids:
            return {}
        out = self.git("cat-file", "--batch-check", stdin="".join(f"{o}\n" for o in oids).encode())
        found: dict[str, int | None] = dict.fromkeys(oids)
        for oid, line in zip(oids, out.decode().splitlines(), strict=False):
            words = line.split()
            if len(words) == 3 and words[2].isdigit():
                found[oid] = int(words[2])
        return found

    def blobs(self, names: list[str]) -> dict[str, bytes | None]:
        """The contents of objects by id (or `rev:path`); None for a missing one."""
        if not names:
            return {}
        out = self.git("cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
        try:
            return _batch(out, names)
        except (ValueError, IndexError):
            raise GitError("git cat-file gave output that could not be read") from None

    def object_ids(self, names: list[str]) -> dict[str, str | None]:
        """The blob ids `rev:path` names stand for, in one `cat-file`; None where there is no
        such blob."""
        if not names:
            return {}
        request = "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape")
        out = self.git("cat-file", "--batch-check=%(objectname) %(objecttype)", stdin=request)
        lines = out.decode("utf-8", "surrogateescape").split("\n")
        found: dict[str, str | None] = {}
        for name, line in zip(names, lines, strict=False):
            oid, _, kind = line.rpartition(" ")
            found[name] = oid if kind == "blob" and SHA.fullmatch(oid) else None
        return found

    def merge_bases(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
        """A best common ancestor of each pair of commits (None for unrelated histories), from
        one listing of the commit graph rather than one `git merge-base` per pair."""
        if not pairs:
            return {}
        out = self.git("rev-list", "--topo-order", "--parents", self.head.sha, "--")
        order: dict[str, int] = {}
        parents: dict[str, list[str]] = {}
        for index, line in enumerate(out.decode().split("\n")):
            if line:
                sha, *above = line.split()
                order[sha], parents[sha] = index, above
        return {pair: _merge_base(order, parents, *pair) for pair in pairs}

    def follow(self, commit: Commit, path: str) -> tuple[bytes | None, str]:
        """The blob a symbolic link at `commit` points to inside the tree, or why there is none."""
        request = f"{commit.sha}:{path}\n".encode("utf-8", "surrogateescape")
        out = self.git("cat-file", "--batch", "--follow-symlinks", stdin=request)
        header, _, rest = out.partition(b"\n")
        words = header.split()
        if len(words) == 3 and words[1] == b"blob":
            return rest[: int(words[2])], ""
        if header.startswith(b"symlink"):
            return None, "a symbolic link to a file outside the repository"
        if header.startswith(b"loop"):
            return None, "a symbolic link that loops"
        return None, "a symbolic link that points nowhere"


def _merge_base(
    order: dict[str, int], parents: dict[str, list[str]], one: str, other: str
) -> str | None:
    """The first commit reached from both `one` and `other`, walking the graph in topological
    order (a commit before its parents), so no common ancestor of it comes first."""
    import heapq

    late = len(order)  # a commit outside the listing (a shallow clone's edge) comes last
    marks = {one: 1, other: 2}
    queue = [(order.get(one, late), one), (order.get(other, late), other)]
    while queue:
        _, sha = heapq.heappop(queue)
        mark = marks[sha]
        if mark == 3:
            return sha
        for parent in parents.get(sha, []):
            if marks.get(parent, 0) | mark != marks.get(parent, 0):
                marks[parent] = marks.get(parent, 0) | mark
                heapq.heappush(queue, (order.get(parent, late), parent))
    return None


def _batch(out: bytes, names: list[str]) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    at = 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] != b"missing":
            size = int(header[2])
            found[name] = out[at : at + size]
            at += size + 1
        else:
            found[name] = None
    return found


def at_revision(rev: str, path: str) -> str:
    """How a file at a revision is named in messages: `rev:path`, as `git show` takes it."""
    return f"{rev}:{visible(path)}"


def open_repo(register_root: Path) -> Repo:
    """The repository holding the register at `register_root`."""
    out = run_git(
        register_root, ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"]
    )
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3 or not lines[0]:
        raise GitError(f"the register at {shown(str(register_root), 200)} is not in a work tree")
    top, prefix, shallow = lines[0], lines[1], lines[2]
    return Repo(Path(top), prefix.rstrip("/"), shallow.strip() == "true")
