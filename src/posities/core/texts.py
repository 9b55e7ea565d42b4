"""Source texts: where a quote's `text:` may point (a regular file inside the register), and
what it holds, read from the work tree or from a commit."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from posities.core.register import decode, record_where
from posities.errors import Location, YamlError, display_path
from posities.model.records import FieldPath

if TYPE_CHECKING:
    from posities.core.quotes import SourceText
    from posities.git.repo import Commit, Repo

MAX_TEXT_BYTES = 32 * 1024 * 1024
CLOSEST_SEARCHED = 20
"""Quotes not found in one text whose closest passage is searched in one run: each search reads
the whole text, so a register with many failing quotes would otherwise take minutes."""


def text_path(root: Path, relative: str) -> Path | str:
    """The file a source's `text:` names, resolved, or why it may not be used: it must be a
    regular file inside the register folder (no `..` out of it, no symbolic link leading out of
    it at any step) and not one of the register's position files."""
    why = _not_relative(relative)
    if why is not None:
        return why
    base = os.path.realpath(root)
    step = root
    for part in PurePosixPath(relative).parts:
        step = step / part
        if not inside(os.path.realpath(step), base):
            return _OUT_THROUGH_LINK
    target = Path(os.path.realpath(step))
    return _regular(target, base)


_OUT_THROUGH_LINK = "leads out of the register folder through a symbolic link"
_FOLDER = "is a folder, not a text file"
_POSITION_FILE = "is a position file of the register, not a source text"


def _not_relative(relative: str) -> str | None:
    """Why `relative`, as written, is no path inside the register folder; None when it may be."""
    if not relative.strip():
        return "is empty; give a path relative to the register folder"
    if "\0" in relative:
        return "holds a NUL character"
    pure = PurePosixPath(relative)
    if (
        pure.is_absolute()
        or relative.startswith(("~", "\\"))
        or re.match(r"[A-Za-z]:[\\/]", relative)
    ):
        return "must be a path relative to the register folder, not an absolute one"
    depth = 0
    for part in pure.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return "leads out of the register folder (..)"
    return None


def inside(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def _regular(target: Path, base: str) -> Path | str:
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "no such file (the path is relative to the register folder)"
    except OSError as error:
        return f"cannot read: {error.strerror}"
    if stat.S_ISDIR(mode):
        return _FOLDER
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, fifo or socket cannot be a source text)"
    if str(target.parent) == base and target.name.endswith(".yaml"):
        return _POSITION_FILE
    return target


class Text:
    """A source text as read in this run: its file, the digest of its bytes, its text."""

    __slots__ = ("_source", "content", "digest", "path", "searches_left")

    def __init__(self, path: Path, digest: str, content: str) -> None:
        self.path = path
        self.digest = digest
        self.content = content
        self._source: SourceText | None = None
        self.searches_left = CLOSEST_SEARCHED
        """How many more quotes not found may have their closest passage searched."""

    @property
    def source(self) -> SourceText:
        """The text prepared for quote lookups (made once, when first needed: a quote found
        in an earlier run needs none)."""
        if self._source is None:
            from posities.core.quotes import SourceText

            self._source = SourceText(self.content)
        return self._source


def read_source_text(path: Path) -> Text | str:
    """The text of a file that `text_path` accepted, or why it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return f"cannot read: {error.strerror}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped after it was checked
            return "is not a regular file"
        if info.st_size > MAX_TEXT_BYTES:
            return _too_large(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        return f"cannot read: {error.strerror}"
    finally:
        os.close(fd)
    return _decoded(path, data)


def _too_large(size: int) -> str:
    return f"is {size // 2**20} MiB; a source text may be at most 32 MiB"


def _decoded(path: Path, data: bytes) -> Text | str:
    """The text in a source text's bytes, or why they are no text."""
    from posities.io.cache import digest

    try:
        content = decode(data)
    except YamlError as error:
        return f"{error.message} at line {error.location[0] if error.location else '?'}"
    return Text(path, digest(data), content)


class Texts:
    """The source texts of one register, each checked and read once per run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._named: dict[str, Text | str] = {}
        self._read: dict[Path, Text | str] = {}

    def get(self, relative: str) -> Text | str:
        """The text a source's `text:` names, or why it cannot be used."""
        found = self._named.get(relative)
        if found is None:
            found = self._named[relative] = self._load(relative)
        return found

    def _load(self, relative: str) -> Text | str:
        path = text_path(self.root, relative)
        if isinstance(path, str):
            return path
        if path not in self._read:  # the same file by another name
            self._read[path] = read_source_text(path)
        return self._read[path]


_SYMLINK = "120000"
_TREE = "040000"
_MAX_LINKS = 40


class CommitTexts:
    """The source texts of a register as they stood at a commit, read from git under the rules
    `text_path` sets for files. All the texts named are read at once: one `ls-tree` of the
    register folder, one `cat-file` for their sizes and one for their bytes (and one for the
    targets of symbolic links, when a path meets one)."""

    def __init__(self, repo: Repo, commit: Commit, names: Iterable[str]) -> None:
        self.repo = repo
        self.commit = commit
        self.prefix = repo.prefix_at(commit)
        self._tree: dict[str, tuple[str, str]] | None = None
        self._links: dict[str, str] | None = None
        self._named: dict[str, Text | str] = {}
        self._load(set(names))

    def get(self, relative: str) -> Text | str:
        """The text a source's `text:` names, as it stood at the commit, or why it cannot be
        used."""
        if relative not in self._named:
            self._load({relative})
        return self._named[relative]

    def _load(self, names: set[str]) -> None:
        """Find and read the texts `names` name; a fault of git is the reason for each."""
        from posities.git.repo import GitError

        try:
            if self._tree is None:
                self._tree = self.repo.tree(self.commit, self.prefix)
            found = {name: self._find(name) for name in names}
            paths = {where[1]: where[0] for where in found.values() if isinstance(where, tuple)}
            read = self._read(paths)
        except GitError as error:
            self._named.update(dict.fromkeys(names, f"cannot read: {error}"))
            return
        for name, where in found.items():
            self._named[name] = where if isinstance(where, str) else read[where[1]]

    def position_file(self, ident: str) -> LocatedBlob:
        """Where the fields of a position's file at the commit stand, named `rev:path`."""
        from posities.git.repo import at_revision

        name = f"{ident}.yaml"
        label = at_revision(self.commit.short, self.prefix + name)
        return LocatedBlob(label, partial(self._position_bytes, name))

    def _position_bytes(self, name: str) -> bytes | None:
        from posities.git.repo import GitError

        mode, oid = self.repo.files(self.commit).get(name, ("", ""))
        try:
            if mode == _SYMLINK:
                return self.repo.follow(self.commit, self.prefix + name)[0]
            return self.repo.blobs([oid]).get(oid) if oid else None
        except GitError:
            return None  # the problem is reported without its line

    @property
    def tree(self) -> dict[str, tuple[str, str]]:
        """The register folder's entries at the commit (listed by `_load`)."""
        assert self._tree is not None
        return self._tree

    def _find(self, relative: str) -> tuple[str, str] | str:
        """The path below the register folder and the blob id of the text `relative` names,
        following symbolic links inside the register; or why it may not be used."""
        why = _not_relative(relative)
        if why is not None:
            return why
        pending = list(PurePosixPath(relative).parts)
        current: list[str] = []
        hops = 0
        while pending:
            part = pending.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not current:
                    return _OUT_THROUGH_LINK  # `_not_relative` refused it when written so
                current.pop()
                continue
            current.append(part)
            mode, oid = self.tree.get("/".join(current), ("", ""))
            if not mode or (pending and mode not in (_TREE, _SYMLINK)):
                return (
                    f"no such file at {self.commit.short} "
                    "(the path is relative to the register folder)"
                )
            if mode == _SYMLINK:
                hops += 1
                target = self._target(oid)
                if hops > _MAX_LINKS or target is None:
                    return "cannot read: a symbolic link that loops"
                if target.startswith("/"):
                    return _OUT_THROUGH_LINK
                current.pop()
                pending[:0] = target.split("/")
        return self._regular("/".join(current))

    def _regular(self, path: str) -> tuple[str, str] | str:
        """The path and blob id of a text found at `path`, or why it is no text file."""
        mode, oid = self.tree.get(path, (_TREE, "")) if path else (_TREE, "")
        if mode == _TREE:
            return _FOLDER
        if mode == "160000":
            return "is a submodule, not a text file"
        if "/" not in path and path.endswith(".yaml"):
            return _POSITION_FILE
        return path, oid

    def _target(self, oid: str) -> str | None:
        """Where a symbolic link points; the register's links are read when first needed."""
        if self._links is None:
            links = sorted({o for mode, o in self.tree.values() if mode == _SYMLINK})
            read = self.repo.blobs(links)
            self._links = {
                o: data.decode("utf-8", "surrogateescape")
                for o, data in read.items()
                if data is not None
            }
        return self._links.get(oid)

    def _read(self, paths: dict[str, str]) -> dict[str, Text | str]:
        """The texts in blobs (blob id -> path below the register folder), each read once; one
        too large is not read."""
        oids = sorted(paths)
        sizes = self.repo.sizes(oids)
        blobs = self.repo.blobs([o for o in oids if (sizes[o] or 0) <= MAX_TEXT_BYTES])
        texts: dict[str, Text | str] = {}
        for oid in oids:
            size, data = sizes[oid], blobs.get(oid)
            if size is not None and size > MAX_TEXT_BYTES:
                texts[oid] = _too_large(size)
            elif data is None:
                texts[oid] = "cannot read: the object is missing from the repository"
            else:
                texts[oid] = _decoded(self.repo.top / (self.prefix + paths[oid]), data)
        return texts


class Located:
    """Where the fields of one position file stand, parsed once and only when first needed."""

    __slots__ = ("_where", "path")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._where: Callable[[FieldPath], Location | None] | None = None

    @property
    def label(self) -> str:
        """How messages name the file."""
        return display_path(self.path)

    def at(self, field_path: FieldPath) -> Location | None:
        if self._where is None:
            self._where = _locator(self.path)
        return self._where(field_path)


class LocatedBlob:
    """Where the fields of one position file read from git stand, parsed when first needed."""

    __slots__ = ("_read", "_where", "label")

    def __init__(self, label: str, read: Callable[[], bytes | None]) -> None:
        self.label = label
        self._read = read
        self._where: Callable[[FieldPath], Location | None] | None = None

    def at(self, field_path: FieldPath) -> Location | None:
        if self._where is None:
            self._where = _where_in(self._read())
        return self._where(field_path)


def _locator(path: Path) -> Callable[[FieldPath], Location | None]:
    from posities.core.register import TooLarge, read_text

    try:
        return _where_in(read_text(path))
    except (OSError, TooLarge):
        return lambda _: None


def _where_in(data: bytes | None) -> Callable[[FieldPath], Location | None]:
    from posities.io.yamlread import parse

    try:
        return record_where(parse(decode(data))) if data is not None else lambda _: None
    except YamlError:
        return lambda _: None
