"""A cache of validated records, keyed by each file's name and content digest.

An entry is found only for the exact bytes it was made from, and the whole cache is dropped when
the code that validates records changes, so it can never serve stale data. It lives outside the
register (`$POSITIES_CACHE_DIR`, else `$XDG_CACHE_HOME/posities`, else `~/.cache/posities`);
`POSITIES_NO_CACHE=1` turns it off. Any failure to read or write it is ignored: the cache only
ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

_VALIDATING_MODULES = (
    "model.py",
    "errors.py",
    "schema.py",
    "yamlparse.py",
    "register.py",
    "cache.py",
)
_FORMAT = 1


def key(stem: str, data: bytes) -> str:
    """The cache key of a file: its name (the id must equal it) and a digest of its bytes."""
    return stem + "\0" + hashlib.blake2b(data, digest_size=20).hexdigest()


def fingerprint(keys: list[str]) -> str:
    """A short digest naming the exact contents of a register (its files' keys)."""
    joined = "\n".join(sorted(keys)).encode("utf-8", "surrogateescape")  # names may not be UTF-8
    return hashlib.blake2b(joined, digest_size=6).hexdigest()


def _code_version() -> str:
    digest = hashlib.blake2b(str(_FORMAT).encode(), digest_size=16)
    here = Path(__file__).parent
    for name in _VALIDATING_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where cache files live."""
    explicit = os.environ.get("POSITIES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "posities"


class Cache:
    """The entries for one register; entries not used in a run are dropped when it is saved."""

    def __init__(self, path: Path, version: str, entries: dict[str, Any]) -> None:
        self.path = path
        self.version = version
        self.entries = entries
        self.used: dict[str, Any] = {}

    def get(self, entry_key: str) -> dict[str, Any] | None:
        """The record stored for `entry_key`, if any."""
        record = self.entries.get(entry_key)
        if record is not None:
            self.used[entry_key] = record
        return record

    def put(self, entry_key: str, record: dict[str, Any]) -> None:
        """Remember a validated record."""
        self.used[entry_key] = record

    def save(self) -> None:
        """Write the entries used in this run, atomically, if they differ from what was read."""
        if self.used.keys() == self.entries.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(json.dumps({"version": self.version, "entries": self.used}))
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass


def open_cache(root: Path) -> Cache | None:
    """The cache of the register at `root`, or None when caching is off."""
    if os.environ.get("POSITIES_NO_CACHE", "") not in ("", "0"):
        return None
    try:
        version = _code_version()
    except OSError:
        return None
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
    path = cache_dir() / f"{name}.json"
    entries: dict[str, Any] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            stored = json.load(handle)
        if isinstance(stored, dict) and stored.get("version") == version:
            found = stored.get("entries")
            if isinstance(found, dict):
                entries = found
    except (OSError, ValueError):
        pass
    return Cache(path, version, entries)
