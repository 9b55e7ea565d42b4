"""io/cache called directly: entries written and read back, damage ignored, the settle rule,
an unwritable folder, and the code version that keys every entry."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from posities.core.register import load
from posities.io import cache
from posities.io.cache import (
    SETTLE_NS,
    BlobCache,
    Cache,
    Entry,
    Verdicts,
    cache_dir,
    digest,
    fingerprint,
    identity,
    open_blob_cache,
    open_cache,
    settled,
)
from posities.model.records import to_json

from ..conftest import minimal, write

SECOND = 10**9


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A register folder (its contents do not matter to the cache itself)."""
    where = tmp_path / "work" / "positions"
    where.mkdir()
    return where


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The code that keys the cache is one file, here, so a test can change its bytes."""
    module = tmp_path / "validate.py"
    module.write_text("RULES = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "VALIDATING_MODULES", (str(module),))
    return module


def opened(root: Path) -> Cache:
    """The cache of `root` as `load` opens it (its own holder NL), which is on in these tests."""
    store = open_cache(root, "NL")
    assert store is not None
    return store


def entry(size: int = 10, record: str = '{"id": "a"}', is_settled: bool = True) -> Entry:
    """An entry with a plausible identity."""
    return Entry((size, 5 * SECOND, 6 * SECOND, 1234), digest(b"x" * size), is_settled, record)


def cache_file(tmp_path: Path) -> Path:
    """The one record cache file written so far."""
    (path,) = (tmp_path / "cache").glob("*.cache")
    return path


# --- identity, the settle rule, digests ----------------------------------------------------


def test_identity_is_size_times_and_inode(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"12345")
    info = path.stat()
    assert identity(info) == (5, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def test_a_file_is_settled_once_both_its_times_are_older_than_the_run_by_the_margin() -> None:
    assert SETTLE_NS == 2 * SECOND
    ident = (100, 50 * SECOND, 60 * SECOND, 7)
    assert settled(ident, 62 * SECOND)  # exactly the margin
    assert not settled(ident, 62 * SECOND - 1)
    assert settled(ident, 100 * SECOND)
    assert not settled((100, 70 * SECOND, 60 * SECOND, 7), 71 * SECOND)  # a future mtime
    assert not settled((100, 0, 0, 7), 1 * SECOND)


def test_a_digest_names_the_bytes() -> None:
    assert digest(b"") == "3345524abf6bbe1809449224b5972c41790b6cf2"
    assert len(digest(b"abc")) == 40
    assert digest(b"abc") == digest(b"abc") != digest(b"abd")


def test_a_fingerprint_names_the_register_whatever_the_order() -> None:
    keys = ["a\0" + digest(b"a"), "b\0" + digest(b"b")]
    assert len(fingerprint(keys)) == 12
    assert fingerprint(keys) == fingerprint(list(reversed(keys)))
    assert fingerprint(keys) != fingerprint(keys[:1])
    assert fingerprint(["bad\udcff\0x"]) != fingerprint(["bad\0x"])  # names that are not UTF-8


# --- where the cache lives, and turning it off ----------------------------------------------


def test_the_cache_folder_is_chosen_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache_dir() == tmp_path / "cache"
    monkeypatch.delenv("POSITIES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "posities"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "posities"


@pytest.mark.parametrize(("value", "on"), [("1", False), ("yes", False), ("0", True), ("", True)])
def test_the_cache_is_turned_off_by_any_value_but_0(
    root: Path, monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    monkeypatch.setenv("POSITIES_NO_CACHE", value)
    assert (open_cache(root) is not None) is on
    assert (open_blob_cache(root).path is not None) is on
    assert (Verdicts.open().path is not None) is on


def test_each_register_has_a_cache_file_of_its_own(root: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    link = tmp_path / "link"
    link.symlink_to(root)
    assert opened(root).path != opened(other).path
    assert opened(link).path == opened(root).path  # named by the resolved folder
    assert opened(root).path.parent == tmp_path / "cache"
    assert opened(root).path.name.endswith(".cache")


# --- entries written and read back ----------------------------------------------------------


def test_entries_are_written_and_read_back(root: Path, tmp_path: Path) -> None:
    store = opened(root)
    assert store.entries == {}
    first, second = entry(10), entry(20, '{"id": "b", "é": "\\t"}', is_settled=False)
    store.keep("a.yaml", first)
    store.keep("bad\udcff.yaml", second)
    store.keep("a\tnew\nline\u2028.yaml", first)
    store.save()
    again = opened(root)
    assert again.entries == {
        "a.yaml": first,
        "bad\udcff.yaml": second,
        "a\tnew\nline\u2028.yaml": first,
    }
    assert again.get("a.yaml") == first
    assert again.get("missing.yaml") is None
    path = cache_file(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"posities-cache {again.version}"
    assert lines[1] == (
        f'["a.yaml", 10, 5000000000, 6000000000, 1234, "{first.digest}", true]\t{{"id": "a"}}'
    )


def test_entries_not_used_in_a_run_are_dropped(root: Path) -> None:
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.keep("b.yaml", entry(20))
    store.save()
    again = opened(root)
    again.keep("a.yaml", again.entries["a.yaml"])
    again.save()
    assert list(opened(root).entries) == ["a.yaml"]


def test_a_cache_used_unchanged_is_not_written_again(root: Path, tmp_path: Path) -> None:
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.save()
    before = cache_file(tmp_path).stat()
    again = opened(root)
    again.keep("a.yaml", entry(10))
    assert not again.changed
    again.save()
    after = cache_file(tmp_path).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_changed_entry_is_written(root: Path) -> None:
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.save()
    again = opened(root)
    again.keep("a.yaml", entry(11))
    assert again.changed
    again.save()
    assert opened(root).entries == {"a.yaml": entry(11)}


def test_nothing_is_written_when_nothing_was_cached(root: Path, tmp_path: Path) -> None:
    opened(root).save()
    assert not (tmp_path / "cache").exists()


# --- damage is ignored ----------------------------------------------------------------------


def saved(root: Path, tmp_path: Path) -> tuple[Path, str, list[str]]:
    """A cache file with two entries: its path, its header and its entry lines."""
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.keep("b.yaml", entry(20, '{"id": "b"}'))
    store.save()
    path = cache_file(tmp_path)
    header, *lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return path, header, lines


def test_a_line_cut_short_is_ignored_and_the_rest_kept(root: Path, tmp_path: Path) -> None:
    path, header, lines = saved(root, tmp_path)
    path.write_text(header + lines[0] + lines[1][:-5], encoding="utf-8")
    assert opened(root).entries == {"a.yaml": entry(10)}
    path.write_text(header + lines[0] + lines[1].rstrip("\n"), encoding="utf-8")
    assert opened(root).entries == {"a.yaml": entry(10)}


@pytest.mark.parametrize(
    "damaged",
    [
        "no tab here\n",
        '["b.yaml", 20, 5, 6]\t{"id": "b"}\n',  # too few fields
        '["b.yaml", 20, 5, 6, 7, "d", true, "more"]\t{"id": "b"}\n',
        "{not json\t{}\n",
        "null\t{}\n",
        "42\t{}\n",
        "\t\n",
    ],
)
def test_a_damaged_line_is_ignored_and_the_rest_kept(
    root: Path, tmp_path: Path, damaged: str
) -> None:
    path, header, lines = saved(root, tmp_path)
    path.write_text(header + damaged + lines[0], encoding="utf-8")
    assert opened(root).entries == {"a.yaml": entry(10)}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"posities-cache\n",
        b"posities-cache 0000\n" + b'["a.yaml", 1, 2, 3, 4, "d", true]\t{}\n',
        b"\xff\xfe not text\n",
        b"\0" * 100,
    ],
)
def test_a_damaged_cache_file_is_no_cache(root: Path, tmp_path: Path, content: bytes) -> None:
    path, _, _ = saved(root, tmp_path)
    path.write_bytes(content)
    store = opened(root)
    assert store.entries == {}
    store.keep("a.yaml", entry(10))
    store.save()  # and it is written afresh
    assert opened(root).entries == {"a.yaml": entry(10)}


def test_a_folder_where_the_cache_file_should_be_is_no_cache(root: Path, tmp_path: Path) -> None:
    path = opened(root).path
    path.mkdir(parents=True)
    store = opened(root)
    assert store.entries == {}
    store.keep("a.yaml", entry(10))
    store.save()
    assert path.is_dir()
    assert os.listdir(path.parent) == [path.name]  # no temporary file left beside it


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("POSITIES_CACHE_DIR", str(blocker / "cache"))
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.save()
    blobs = open_blob_cache(root)
    blobs.put(BlobCache.key("a", "0" * 40), "{}")
    blobs.save()
    verdicts = Verdicts.open()
    assert verdicts.found("quote", digest(b"text"), lambda: True)
    verdicts.save()
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    assert opened(root).entries == {}


def test_a_cache_file_that_cannot_be_replaced_is_no_error(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    store = opened(root)
    store.keep("a.yaml", entry(10))
    monkeypatch.setattr(os, "replace", full)
    store.save()
    monkeypatch.undo()
    assert opened(root).entries == {}
    assert os.listdir(store.path.parent) == []  # no temporary file left


# --- the code version -----------------------------------------------------------------------


@pytest.mark.usefixtures("modules")
def test_the_cache_is_kept_while_the_validating_code_is_the_same(root: Path) -> None:
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.save()
    assert opened(root).version == store.version
    assert opened(root).entries == {"a.yaml": entry(10)}


def test_a_change_to_a_validating_module_drops_every_entry(root: Path, modules: Path) -> None:
    store = opened(root)
    store.keep("a.yaml", entry(10))
    store.save()
    blobs = open_blob_cache(root)
    blobs.put(BlobCache.key("a", "0" * 40), "{}")
    blobs.save()
    modules.write_text("RULES = 2\n", encoding="utf-8")
    again = opened(root)
    assert again.version != store.version
    assert again.entries == {}
    assert open_blob_cache(root).entries == {}


def test_the_version_covers_every_validating_module(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = tmp_path / "one.py", tmp_path / "two.py"
    one.write_text("A = 1\n", encoding="utf-8")
    two.write_text("B = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "VALIDATING_MODULES", (str(one), str(two)))
    before = opened(root).version
    two.write_text("B = 2\n", encoding="utf-8")
    assert opened(root).version != before


def test_a_validating_module_that_cannot_be_read_turns_the_cache_off(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "VALIDATING_MODULES", (str(tmp_path / "missing.py"),))
    assert open_cache(root) is None
    blobs = open_blob_cache(root)
    assert (blobs.path, blobs.version) == (None, "")


# --- what the register's loading takes from the cache ---------------------------------------


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs happen a minute after the files were written, so their identities are settled."""
    now = time.time_ns() + 60 * SECOND
    monkeypatch.setattr(time, "time_ns", lambda: now)


def forged(root: Path, name: str, ident: tuple[int, int, int, int], stance: str) -> None:
    """A cache entry for `name` claiming `ident` and holding a record with another stance."""
    path = root / name
    record = load(root, use_cache=False).positions[0]
    text = to_json(record).replace(f'"stance": "{record.stance.value}"', f'"stance": "{stance}"')
    store = opened(root)
    store.keep(name, Entry(ident, digest(b"other bytes"), True, text))
    store.save()
    assert path.exists()


@pytest.mark.usefixtures("later")
def test_a_settled_entry_of_the_same_identity_is_served(root: Path) -> None:
    path = write(root, "a-decision.yaml", minimal(stance="critical"))
    forged(root, "a-decision.yaml", identity(path.stat()), "supports")
    assert load(root).positions[0].stance.value == "supports"  # served without reading


@pytest.mark.usefixtures("later")
@pytest.mark.parametrize("part", ["size", "mtime", "ctime", "inode"])
def test_a_file_whose_identity_changed_is_not_served_from_the_cache(root: Path, part: str) -> None:
    path = write(root, "a-decision.yaml", minimal(stance="critical"))
    size, mtime, ctime, inode = identity(path.stat())
    claimed = {
        "size": (size + 1, mtime, ctime, inode),
        "mtime": (size, mtime - 1, ctime, inode),
        "ctime": (size, mtime, ctime - 1, inode),
        "inode": (size, mtime, ctime, inode + 1),
    }[part]
    forged(root, "a-decision.yaml", claimed, "supports")
    assert load(root).positions[0].stance.value == "critical"


def test_an_unsettled_entry_is_served_only_when_the_bytes_are_the_same(root: Path) -> None:
    path = write(root, "a-decision.yaml", minimal(stance="critical"))
    ident = identity(path.stat())
    record = to_json(load(root, use_cache=False).positions[0])
    store = opened(root)
    store.keep("a-decision.yaml", Entry(ident, digest(b"other bytes"), False, record))
    store.save()
    assert load(root).positions[0].stance.value == "critical"
    # the same bytes: the record stored is taken without parsing the file again
    store = opened(root)
    supports = record.replace('"stance": "critical"', '"stance": "supports"')
    store.keep("a-decision.yaml", Entry(ident, digest(path.read_bytes()), False, supports))
    store.save()
    assert load(root).positions[0].stance.value == "supports"


def test_a_file_written_during_the_run_is_stored_unsettled(root: Path) -> None:
    write(root, "a-decision.yaml", minimal())
    load(root)
    assert opened(root).entries["a-decision.yaml"].settled is False


@pytest.mark.usefixtures("later")
def test_a_file_older_than_the_run_is_stored_settled(root: Path) -> None:
    path = write(root, "a-decision.yaml", minimal())
    load(root)
    stored = opened(root).entries["a-decision.yaml"]
    assert stored.settled is True
    assert stored.identity == identity(path.stat())
    assert stored.digest == digest(minimal().encode())


# --- git blobs ------------------------------------------------------------------------------


def test_blob_records_are_appended_and_read_back(root: Path, tmp_path: Path) -> None:
    blobs = open_blob_cache(root)
    one, two = BlobCache.key("a", "1" * 40), BlobCache.key("b", "2" * 40)
    assert one == f'["a", "{"1" * 40}"]'
    blobs.put(one, '{"id": "a"}')
    blobs.save()
    assert blobs.new == {}
    more = open_blob_cache(root)
    assert more.get(one) == '{"id": "a"}'
    assert more.get(two) is None
    more.put(two, '{"id": "b"}')
    more.save()
    (path,) = (tmp_path / "cache").glob("*.blobs")
    assert path.read_text(encoding="utf-8") == (
        f'posities-blobs {more.version}\n{one}\t{{"id": "a"}}\n{two}\t{{"id": "b"}}\n'
    )
    assert open_blob_cache(root).entries == {one: '{"id": "a"}', two: '{"id": "b"}'}


def test_a_blob_line_cut_short_is_read_from_git_again(root: Path, tmp_path: Path) -> None:
    blobs = open_blob_cache(root)
    one, two = BlobCache.key("a", "1" * 40), BlobCache.key("b", "2" * 40)
    blobs.put(one, '{"id": "a"}')
    blobs.put(two, '{"id": "b"}')
    blobs.save()
    (path,) = (tmp_path / "cache").glob("*.blobs")
    path.write_bytes(path.read_bytes()[:-3])
    assert open_blob_cache(root).entries == {one: '{"id": "a"}'}


def test_a_blob_cache_of_other_code_is_started_afresh(
    root: Path, tmp_path: Path, modules: Path
) -> None:
    blobs = open_blob_cache(root)
    blobs.put(BlobCache.key("a", "1" * 40), '{"id": "a"}')
    blobs.save()
    modules.write_text("RULES = 2\n", encoding="utf-8")
    fresh = open_blob_cache(root)
    two = BlobCache.key("b", "2" * 40)
    fresh.put(two, '{"id": "b"}')
    fresh.save()
    (path,) = (tmp_path / "cache").glob("*.blobs")
    assert (
        path.read_text(encoding="utf-8")
        == f'posities-blobs {fresh.version}\n{two}\t{{"id": "b"}}\n'
    )


def test_a_blob_cache_that_saves_nothing(tmp_path: Path) -> None:
    blobs = BlobCache(None, "")
    blobs.put("k", "v")
    blobs.save()
    assert blobs.get("k") == "v"
    assert not (tmp_path / "cache").exists()


# --- quote verdicts -------------------------------------------------------------------------


def test_a_quote_found_is_remembered_and_not_looked_up_again(tmp_path: Path) -> None:
    asked: list[str] = []

    def look(answer: bool, quote: str) -> bool:
        asked.append(quote)
        return answer

    text = digest(b"Wij vinden er iets van.")
    first = Verdicts.open()
    assert first.found("iets", text, lambda: look(True, "iets"))
    assert not first.found("niets", text, lambda: look(False, "niets"))
    first.save()
    second = Verdicts.open()
    assert second.found("iets", text, lambda: look(True, "iets"))
    assert not second.found("niets", text, lambda: look(False, "niets"))
    assert asked == ["iets", "niets", "niets"]  # only what was found is remembered
    assert not second.found("iets", digest(b"another text"), lambda: look(False, "elsewhere"))
    lines = (tmp_path / "cache" / "quotes.verdicts").read_text(encoding="ascii").splitlines()
    assert lines == [f"posities-verdicts {second.version}", first.key("iets", text)]


def test_verdicts_keep_the_newest_up_to_their_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Verdicts, "LIMIT", 2)
    verdicts = Verdicts.open()
    for quote in ("one", "two", "three"):
        assert verdicts.found(quote, "d", lambda: True)
    verdicts.save()
    assert list(Verdicts.open().known) == [verdicts.key("two", "d"), verdicts.key("three", "d")]


def test_damaged_verdicts_are_none(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "quotes.verdicts").write_bytes(b"\xff\xfe")
    assert Verdicts.open().known == {}
    (tmp_path / "cache" / "quotes.verdicts").write_text("posities-verdicts old\nabc\n")
    assert Verdicts.open().known == {}


def test_a_verdict_key_depends_on_the_quote_and_the_text() -> None:
    verdicts = Verdicts(None, "", {})
    key = verdicts.key("iets", "d1")
    assert len(key) == 32
    assert key == verdicts.key("iets", "d1")
    assert key not in (verdicts.key("iets", "d2"), verdicts.key("niets", "d1"))
    assert verdicts.key("bad\udcff", "d") != verdicts.key("bad", "d")


def test_json_in_a_record_never_breaks_a_line(root: Path) -> None:
    record = json.dumps({"id": "a", "text": "two\nlines\tand a tab"}, ensure_ascii=False)
    store = opened(root)
    store.keep("a.yaml", entry(10, record))
    store.save()
    assert opened(root).entries["a.yaml"].record == record


def test_an_entry_appended_after_a_line_cut_short_is_read_back(root: Path, tmp_path: Path) -> None:
    blobs = open_blob_cache(root)
    one, two = BlobCache.key("a", "1" * 40), BlobCache.key("b", "2" * 40)
    blobs.put(one, '{"id": "a"}')
    blobs.save()
    (path,) = (tmp_path / "cache").glob("*.blobs")
    path.write_bytes(path.read_bytes()[:-3])  # a crash in the middle of the line
    after = open_blob_cache(root)
    after.put(two, '{"id": "b"}')
    after.save()
    assert open_blob_cache(root).get(two) == '{"id": "b"}'


def test_a_line_cut_short_is_ended_before_entries_are_appended(root: Path, tmp_path: Path) -> None:
    blobs = open_blob_cache(root)
    one, two = BlobCache.key("a", "1" * 40), BlobCache.key("b", "2" * 40)
    blobs.put(one, '{"id": "a"}')
    blobs.save()
    (path,) = (tmp_path / "cache").glob("*.blobs")
    path.write_bytes(path.read_bytes()[:-3])
    after = open_blob_cache(root)
    after.put(two, '{"id": "b"}')
    after.save()
    assert path.read_text(encoding="utf-8") == (
        f'posities-blobs {after.version}\n{one}\t{{"id": "a\n{two}\t{{"id": "b"}}\n'
    )


def test_entries_are_kept_for_one_own_holder(tmp_path: Path) -> None:
    root = tmp_path / "positions"
    root.mkdir()
    store = opened(root)
    store.keep("a.yaml", Entry((1, 2, 3, 4), "d", True, "{}"))
    store.save()
    assert opened(root).get("a.yaml") is not None
    other = open_cache(root, "EU")  # posities.toml names another own holder: all stale
    assert other is not None
    assert other.get("a.yaml") is None
