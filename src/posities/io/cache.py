"""A cache of validated records, keyed by each file's identity and guarded by its content digest.

Each entry holds a file's name, its identity (size, modification and change times, inode), a
digest of its bytes and the record, as the JSON that `list --format json` prints. A file whose
identity is unchanged is served without being read, but only when its times were at least
`SETTLE_NS` older than the run that stored it: an edit made later always changes the change
time, which no tool can set back. Any other file is read and its digest compared (the way git
treats "racily clean" index entries). The whole cache is dropped when the code that validates
records changes. It can therefore never serve stale data.

It lives outside the register (`$POSITIES_CACHE_DIR`, else `$XDG_CACHE_HOME/posities`, else
`~/.cache/posities`); `POSITIES_NO_CACHE=1` turns it off. Any failure to read or write it is
ignored: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

VALIDATING_MODULES = (
    "model/records.py",
    "errors.py",
    "model/schema.py",
    "model/dates.py",
    "model/suggest.py",
    "core/validate.py",
    "core/statements.py",
    "io/yamlread.py",
    "core/register.py",
    "io/cache.py",
    "io/yamlwalk.py",
)
"""The files (under the package) whose code decides what a cached record is: a change to any of
them makes every cache entry stale."""
_FORMAT = 2
SETTLE_NS = 2_000_000_000
"""How much older than a run a file's times must be for its identity alone to be trusted."""

Identity = tuple[int, int, int, int]
"""size, mtime_ns, ctime_ns, inode."""


def identity(stat: os.stat_result) -> Identity:
    """What must be unchanged for a file to be the one that was cached."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def settled(ident: Identity, started_ns: int) -> bool:
    """Whether a file with this identity, seen by a run started at `started_ns`, is past edits
    that could keep its identity: its times are older than the run by at least `SETTLE_NS`."""
    return max(ident[1], ident[2]) + SETTLE_NS <= started_ns


def digest(data: bytes) -> str:
    """A digest of a file's bytes."""
    from hashlib import blake2b

    return blake2b(data, digest_size=20).hexdigest()


def fingerprint(keys: list[str]) -> str:
    """A short digest naming the exact contents of a register (its files' names and digests)."""
    from hashlib import blake2b

    joined = "\n".join(sorted(keys)).encode("utf-8", "surrogateescape")  # names may not be UTF-8
    return blake2b(joined, digest_size=6).hexdigest()


def _code_version() -> str:
    from hashlib import blake2b

    hashed = blake2b(str(_FORMAT).encode(), digest_size=16)
    here = Path(__file__).parents[1]
    for name in VALIDATING_MODULES:
        hashed.update((here / name).read_bytes())
    return hashed.hexdigest()


def cache_dir() -> Path:
    """Where cache files live."""
    explicit = os.environ.get("POSITIES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "posities"


@dataclass(slots=True)
class Entry:
    """One cached file: its identity, the digest of its bytes and its record as JSON."""

    identity: Identity
    digest: str
    settled: bool
    record: str


class Cache:
    """The entries for one register; entries not used in a run are dropped when it is saved."""

    def __init__(self, path: Path, version: str, entries: dict[str, Entry]) -> None:
        self.path = path
        self.version = version
        self.entries = entries
        self.used: dict[str, Entry] = {}
        self.changed = False

    def get(self, name: str) -> Entry | None:
        """The entry stored for the file called `name`, if any."""
        return self.entries.get(name)

    def keep(self, name: str, entry: Entry) -> None:
        """Keep `entry` for the file `name` in the saved cache."""
        self.used[name] = entry
        if self.entries.get(name) != entry:
            self.changed = True

    def save(self) -> None:
        """Write the entries used in this run, atomically, if they differ from what was read."""
        if not self.changed and self.used.keys() == self.entries.keys():
            return
        with contextlib.suppress(OSError, UnicodeError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _replace_text(self.path, self._lines(), mode=0o600, sync=False)

    def _lines(self) -> Iterator[str]:
        yield f"posities-cache {self.version}\n"
        for name, entry in self.used.items():
            meta = json.dumps([name, *entry.identity, entry.digest, entry.settled])
            yield f"{meta}\t{entry.record}\n"


def _parse(lines: Iterable[str], version: str) -> dict[str, Entry]:
    """The entries of a cache file's lines; nothing when it was written by other code."""
    entries: dict[str, Entry] = {}
    lines = iter(lines)
    if next(lines, None) != f"posities-cache {version}\n":
        return entries
    for line in lines:  # records are JSON: a raw newline never occurs inside one
        meta, tab, record = line.partition("\t")  # JSON meta never holds a raw tab
        if not tab or not record.endswith("\n"):
            continue
        try:
            name, size, mtime, ctime, ino, hexdigest, is_settled = json.loads(meta)
            entries[name] = Entry(
                (size, mtime, ctime, ino), hexdigest, is_settled is True, record[:-1]
            )
        except (ValueError, TypeError):
            continue
    return entries


def _cache_file(folder: Path, suffix: str) -> Path:
    """The cache file of a register or repository, named by a digest of its path."""
    from hashlib import blake2b

    name = blake2b(str(folder.resolve()).encode("utf-8", "surrogateescape"), digest_size=12)
    return cache_dir() / f"{name.hexdigest()}{suffix}"


def open_cache(root: Path, salt: str = "") -> Cache | None:
    """The cache of the register at `root`, or None when caching is off; `salt` is what else
    decides a record (the register's own holder): a change to it makes every entry stale."""
    if os.environ.get("POSITIES_NO_CACHE", "") not in ("", "0"):
        return None
    try:
        version = _code_version() + (f"+{salt}" if salt else "")
    except OSError:
        return None

    path = _cache_file(root, ".cache")
    try:
        with open(path, encoding="utf-8", newline="\n") as handle:  # read line by line: less memory
            entries = _parse(handle, version)
    except (OSError, UnicodeError):
        entries = {}
    return Cache(path, version, entries)


class BlobCache:
    """Records of position files read from git, by file name and blob id.

    A blob id names exact content, so an entry can never be stale. Entries are appended as
    they are made; a line cut short by a crash fails to decode and is read from git again.
    """

    def __init__(self, path: Path | None, version: str) -> None:
        self.path = path
        self.version = version
        self.entries: dict[str, str] = {}
        self.new: dict[str, str] = {}
        if path is not None:
            self._read(path)

    @staticmethod
    def key(stem: str, oid: str) -> str:
        """The key of a file called `stem`.yaml with blob id `oid`."""
        return json.dumps([stem, oid])

    def _read(self, path: Path) -> None:
        try:
            with open(path, encoding="utf-8", newline="\n") as handle:
                if next(handle, None) != f"posities-blobs {self.version}\n":
                    return
                for line in handle:
                    key, tab, record = line.partition("\t")
                    if tab and record.endswith("\n"):
                        self.entries[key] = record[:-1]
        except (OSError, UnicodeError):
            self.entries = {}

    def get(self, key: str) -> str | None:
        """The record JSON stored under `key`."""
        return self.entries.get(key)

    def put(self, key: str, record: str) -> None:
        """Remember a record; it is written by `save`."""
        self.entries[key] = record
        self.new[key] = record

    def save(self) -> None:
        """Append the new entries (or start the file afresh when it belongs to other code)."""
        if self.path is None or not self.new:
            return
        header = f"posities-blobs {self.version}\n"
        lines = "".join(f"{key}\t{record}\n" for key, record in self.new.items())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(self.path, encoding="utf-8", newline="\n") as handle:
                    current = handle.readline() == header
            except (OSError, UnicodeError):
                current = False
            if current:
                with open(self.path, "a", encoding="utf-8", newline="\n") as handle:
                    handle.write(lines if _ends_a_line(self.path) else "\n" + lines)
            else:
                _replace_text(self.path, [header, lines], mode=0o600, sync=False)
        except (OSError, UnicodeError):
            pass
        self.new = {}


def _ends_a_line(path: Path) -> bool:
    """Whether the last line of a file is whole: one cut short by a crash must be ended before
    an entry is appended, or that entry is glued to it and lost."""
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def open_blob_cache(repo_top: Path) -> BlobCache:
    """The blob cache of the repository at `repo_top`; one that saves nothing when caching is
    off."""
    if os.environ.get("POSITIES_NO_CACHE", "") not in ("", "0"):
        return BlobCache(None, "")
    try:
        version = _code_version()
    except OSError:
        return BlobCache(None, "")
    return BlobCache(_cache_file(repo_top, ".blobs"), version)


class Verdicts:
    """Quotes found verbatim in their source text before, so that printing them again does not
    look them up again. A key is a digest of the quote and of its text's bytes, so an entry can
    never be stale; only positive verdicts are kept. One file for every register."""

    LIMIT = 200_000
    """Entries kept; the oldest go first."""

    def __init__(self, path: Path | None, version: str, known: dict[str, None]) -> None:
        from hashlib import blake2b

        self._blake2b = blake2b
        self.path = path
        self.version = version
        self.known = known
        self.new: dict[str, None] = {}

    @classmethod
    def open(cls) -> Verdicts:
        """The verdicts stored so far; none (and none saved) when caching is off."""
        if os.environ.get("POSITIES_NO_CACHE", "") not in ("", "0"):
            return cls(None, "", {})
        version = _verdict_version()
        path = cache_dir() / "quotes.verdicts"
        known: dict[str, None] = {}
        try:
            with open(path, encoding="ascii") as handle:
                if handle.readline() == f"posities-verdicts {version}\n":
                    known = dict.fromkeys(line.rstrip("\n") for line in handle)
        except (OSError, UnicodeError):
            pass
        return cls(path, version, known)

    def key(self, quote: str, text_digest: str) -> str:
        """The key of `quote` in the text whose bytes have digest `text_digest`."""
        data = f"{text_digest}\0{quote}".encode("utf-8", "surrogateescape")
        return self._blake2b(data, digest_size=16).hexdigest()

    def found(self, quote: str, text_digest: str, look_up: Callable[[], bool]) -> bool:
        """Whether `quote` is in the text whose bytes have `text_digest`: known from an earlier
        run, or `look_up` and remembered when found."""
        key = self.key(quote, text_digest)
        if key in self.known:
            return True
        if not look_up():
            return False
        self.known[key] = None
        self.new[key] = None
        return True

    def save(self) -> None:
        """Write the verdicts, atomically, when this run found new ones."""
        if self.path is None or not self.new:
            return
        keys = list(self.known)[-self.LIMIT :]
        with contextlib.suppress(OSError, UnicodeError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lines = [f"posities-verdicts {self.version}\n", *(key + "\n" for key in keys)]
            _replace_text(self.path, lines, mode=0o600, sync=False)
        self.new = {}


def _verdict_version() -> str:
    """What a verdict depends on besides the quote and the text: the code that compares them,
    and the Python whose Unicode tables it uses. Format 2: quotes match on whole words only;
    3: characters that show nothing (a zero-width space, a direction mark) are no word edge."""
    import sys
    from hashlib import blake2b

    hashed = blake2b(b"verdicts 3", digest_size=8)
    hashed.update(sys.version.encode())
    with contextlib.suppress(OSError):
        hashed.update((Path(__file__).parent / "quotes.py").read_bytes())
    return hashed.hexdigest()


def _replace_text(path: Path, chunks: Iterable[str], mode: int, sync: bool) -> None:
    """The atomic writer, imported only when a cache file is written (a warm run writes none)."""
    from posities.io.atomic import replace_text

    replace_text(path, chunks, mode=mode, sync=sync)
