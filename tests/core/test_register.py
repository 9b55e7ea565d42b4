"""Reading a register from disk: bad bytes, size caps, duplicate ids, quotes, and the cache;
and reading it as a command shows it, now or at a revision."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from posities.core import register as register_mod
from posities.core.checks import check
from posities.core.register import BELONGS, load, read_at, read_now
from posities.errors import InvalidRegister
from posities.io import cache as cache_module
from posities.io.cache import VALIDATING_MODULES, settled
from posities.model.schema import SCHEMA_FILE

from .. import demo
from ..conftest import UNREAD, minimal, write


def messages(folder: Path) -> list[str]:
    return [str(p) for p in check(load(folder))]


def test_non_utf8_bytes_are_located(empty_register: Path) -> None:
    write(
        empty_register,
        "a-decision.yaml",
        minimal().encode().replace(b"actor: US", b"actor: U\xffS"),
    )
    assert messages(empty_register) == [
        "positions/a-decision.yaml:5:9: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    ]


def test_utf8_encoded_surrogates_are_invalid_utf8(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal().encode().replace(b"US", b"U\xed\xa0\x80"))
    assert "not valid UTF-8 (byte 0xed)" in messages(empty_register)[0]


def test_a_byte_order_mark_is_accepted(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", "\ufeff" + minimal())
    assert messages(empty_register) == []


def test_large_files_are_refused_before_parsing(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal() + "#" * (300 * 1024) + "\n")
    assert messages(empty_register) == [
        "positions/a-decision.yaml: the file is 300 KiB; a position file may be at most 256 KiB"
    ]


def test_control_characters_in_the_file_are_located(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal().replace("actor: US", "actor: U\x1b[31mS"))
    assert messages(empty_register) == [
        "positions/a-decision.yaml:5:9: character U+001B is not allowed in YAML; remove it"
    ]


def test_duplicate_ids_are_reported_in_both_files(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "copy.yaml", minimal())
    found = messages(empty_register)
    assert (
        "positions/a-decision.yaml:1:5: duplicate id 'a-decision': also in positions/copy.yaml"
        in found
    )
    assert (
        "positions/copy.yaml:1:5: duplicate id 'a-decision': also in positions/a-decision.yaml"
        in found
    )


def test_duplicate_ids_are_found_when_one_file_comes_from_the_cache(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    assert messages(empty_register) == []  # fills the cache
    write(empty_register, "copy.yaml", minimal())
    assert any(
        m.startswith("positions/a-decision.yaml:1:5: duplicate id")
        for m in messages(empty_register)
    )


def test_valid_files_are_kept_when_others_are_invalid(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "bad.yaml", "id: [")
    register = load(empty_register)
    assert [p.id for p in register.positions] == ["a-decision"]
    assert not register.valid


def test_a_folder_named_like_a_position_is_reported(empty_register: Path) -> None:
    (empty_register / "odd.yaml").mkdir()
    assert messages(empty_register) == ["positions/odd.yaml: is a folder, not a position file"]


def test_hidden_and_other_files_are_not_read(empty_register: Path) -> None:
    write(empty_register, ".hidden.yaml", "junk: [")
    write(empty_register, "notes.md", "# notes")
    (empty_register / "texts").mkdir()
    register = load(empty_register)
    assert messages(empty_register) == []
    assert register.valid
    assert [w.path for w in register.warnings] == ["positions/.hidden.yaml", "positions/notes.md"]


def test_stale_temporary_files_are_removed_by_the_next_run(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    stray = empty_register / ".a-decision.yaml.999999999.posities-tmp"
    stray.write_text("half a file")
    mine = empty_register / f".a-decision.yaml.{os.getppid()}.posities-tmp"
    mine.write_text("a running writer's")
    assert load(empty_register).valid
    assert not stray.exists()
    assert mine.exists()


# --- quotes -----------------------------------------------------------------------------------


def with_text(quote: str, text_path: str = "texts/letter.txt") -> str:
    return minimal().replace(
        "    quote: Wij vinden er iets van.", f"    text: {text_path}\n    quote: {quote}"
    )


def test_quotes_are_verified_against_the_local_text(empty_register: Path) -> None:
    (empty_register / "texts").mkdir()
    write(empty_register, "texts/letter.txt", "Wij vinden er\niets van, zei de minis-\nter.\n")
    write(
        empty_register,
        "a-decision.yaml",
        with_text("“vinden er iets van, zei de minister.”".strip("“”")),
    )
    assert messages(empty_register) == []
    write(empty_register, "a-decision.yaml", with_text("Wij vinden er niets van."))
    assert messages(empty_register) == [
        "positions/a-decision.yaml:23:12: sources[0].quote is not found verbatim in "
        "'texts/letter.txt' (whitespace, line-break hyphens and quote marks aside); "
        'closest, at line 1: \'Wij vinden er iets van,\'; differs: "niets van." → "iets van,"; '
        "copy it exactly from the text (posities quote find)"
    ]


def test_a_missing_source_text_is_reported(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", with_text("Wij.", "texts/none.txt"))
    assert messages(empty_register) == [
        "positions/a-decision.yaml:22:11: sources[0].text 'texts/none.txt': "
        "no such file (the path is relative to the register folder)"
    ]


# --- cache ------------------------------------------------------------------------------------


def test_the_cache_never_serves_stale_data(empty_register: Path, tmp_path: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal(stance="critical"))
    assert load(empty_register).positions[0].stance.value == "critical"
    stat = path.stat()
    assert len("critical") == len("supports")
    # same size, same modification time, written moments later: only the content differs
    path.write_text(minimal(stance="supports"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load(empty_register).positions[0].stance.value == "supports"
    assert list((tmp_path / "cache").glob("*.cache"))


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs happen a minute after the files were written, so their identities are settled."""
    now = time.time_ns() + 60 * 10**9
    monkeypatch.setattr(time, "time_ns", lambda: now)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files that loading reads."""
    seen: list[Path] = []

    def spy(path: Path) -> bytes:
        seen.append(path)
        return original(path)

    original = register_mod.read_text
    monkeypatch.setattr(register_mod, "read_text", spy)
    return seen


@pytest.mark.usefixtures("later")
def test_a_settled_file_is_served_without_reading_it(
    empty_register: Path, reads: list[Path]
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    first = load(empty_register)
    assert len(reads) == 2
    second = load(empty_register)
    assert len(reads) == 2
    assert second.positions == first.positions
    assert second.fingerprint == first.fingerprint
    assert set(second.encoded) == {"a-decision", "b-decision"}


@pytest.mark.usefixtures("later")
def test_a_settled_file_that_changes_is_read_again(empty_register: Path, reads: list[Path]) -> None:
    path = write(empty_register, "a-decision.yaml", minimal(stance="critical"))
    load(empty_register)
    before = path.stat()
    # same size and modification time: only the change time, which no tool can set, moves
    while path.stat().st_ctime_ns == before.st_ctime_ns:
        path.write_text(minimal(stance="supports"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load(empty_register).positions[0].stance.value == "supports"
    assert reads == [path, path]


def test_a_file_is_trusted_by_identity_only_when_older_than_the_run() -> None:
    second = 10**9
    identity = (100, 50 * second, 60 * second, 7)
    assert settled(identity, 62 * second)
    assert not settled(identity, 61 * second)
    assert not settled((100, 70 * second, 60 * second, 7), 71 * second)


def test_a_damaged_cache_is_ignored(empty_register: Path, tmp_path: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    load(empty_register)
    (cache_file,) = (tmp_path / "cache").glob("*.cache")
    header, line = cache_file.read_text().splitlines()
    meta, _, record = line.partition("\t")
    for damaged in (
        f"{meta}\t{json.dumps({'id': 'a-decision'})}",  # a record that lacks fields
        f"{meta}\t{{not json",
        f"[1, 2]\t{record}",
        "no tab here",
    ):
        cache_file.write_text(f"{header}\n{damaged}\n")
        assert load(empty_register).positions[0].id == "a-decision"
    cache_file.write_bytes(b"\xff\xfe not text")
    assert load(empty_register).positions[0].id == "a-decision"


@pytest.mark.usefixtures("later")
def test_a_damaged_entry_for_a_settled_file_is_not_trusted(
    empty_register: Path, tmp_path: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="critical"))
    load(empty_register)
    (cache_file,) = (tmp_path / "cache").glob("*.cache")
    cache_file.write_text(cache_file.read_text().replace('"critical"', '"sideways"'))
    assert load(empty_register).positions[0].stance.value == "critical"


def test_an_unwritable_cache_folder_is_ignored(
    empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("POSITIES_CACHE_DIR", str(blocker / "cache"))
    write(empty_register, "a-decision.yaml", minimal())
    assert load(empty_register).positions[0].id == "a-decision"


def test_cache_can_be_turned_off(
    empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIES_NO_CACHE", "1")
    write(empty_register, "a-decision.yaml", minimal())
    assert load(empty_register).positions[0].id == "a-decision"
    assert not (tmp_path / "cache").exists()


def test_the_cache_is_keyed_by_files_that_exist() -> None:
    """A misnamed module would silently turn the record cache off (its version unreadable)."""
    package = Path(cache_module.__file__).parents[1]
    missing = [name for name in VALIDATING_MODULES if not (package / name).is_file()]
    assert missing == []


# --- reading as a command shows it, now or at a revision --------------------------------------


def test_a_file_not_read_is_warned_of(bundled: Path) -> None:
    write(bundled, "notes.md", "# notes\n")
    warned: list[str] = []
    register = read_now(bundled, warned.append)
    assert len(register.positions) == 5
    assert warned == ["warning: positions/notes.md is not read: position files end in .yaml"]


def test_an_invalid_register_is_refused_after_its_warnings(bundled: Path) -> None:
    write(bundled, "notes.md", "# notes\n")
    write(bundled, "a-decision.yaml", minimal(stance="maybe"))
    warned: list[str] = []
    with pytest.raises(InvalidRegister):
        read_now(bundled, warned.append)
    assert warned == ["warning: positions/notes.md is not read: position files end in .yaml"]


def test_now_has_no_state_of_its_own(bundled: Path) -> None:
    register, state = read_at(bundled, None, print)
    assert (len(register.positions), state) == (5, None)


def test_at_a_date_the_register_is_as_committed_then(tmp_path: Path) -> None:
    root = demo.build(tmp_path / "history")
    register, state = read_at(root, "2026-11-20", print)
    jcpoa = next(p for p in register.positions if p.id == "jcpoa")
    assert "multilateralism" not in jcpoa.topics
    assert state is not None
    assert state.date == "2026-11-20"


def test_at_a_revision_one_position_is_shown_beside_an_invalid_one(tmp_path: Path) -> None:
    root = demo.build(tmp_path / "history")
    write(root, "jcpoa.yaml", "id: jcpoa\n")
    demo.run_git(tmp_path / "history", "commit", "-qam", "Break jcpoa")
    warned: list[str] = []
    register, _ = read_at(root, "HEAD", warned.append, only="paris-agreement")
    assert "paris-agreement" in [p.id for p in register.positions]
    assert warned
    assert all(w.startswith("warning: ") for w in warned)
    assert all(w.endswith("(another file; paris-agreement is shown)") for w in warned)
    assert ":positions/jcpoa.yaml:1:1: missing key 'title'" in warned[0]


# --- files that are not read ------------------------------------------------------------------


def test_every_file_that_is_not_read_is_a_warning(cluttered: Path) -> None:
    register = load(cluttered)
    assert register.valid
    assert [p.id for p in register.positions] == ["a-decision"]
    assert [str(w) for w in register.warnings] == UNREAD
    assert {w.severity for w in register.warnings} == {"warning"}


def test_what_belongs_in_a_register_is_not_warned_of(empty_register: Path) -> None:
    (empty_register / "texts").mkdir()
    (empty_register / ".git").mkdir()  # a register at the top of its repository
    for name in (
        SCHEMA_FILE,
        "posities.toml",
        ".gitattributes",
        ".gitignore",
        ".a-decision.yaml.1.posities-tmp",  # a running writer's (pid 1 always runs)
        ".a-decision.yaml.posities-lock",
    ):
        write(empty_register, name, "")
    register = load(empty_register)
    assert (register.warnings, register.problems) == ([], [])


def test_the_schema_file_belongs_in_a_register() -> None:
    assert SCHEMA_FILE in BELONGS


def test_files_that_are_not_read_are_not_opened(
    cluttered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def spy(path: Path) -> bytes:
        opened.append(path.name)
        return original(path)

    original = register_mod.read_text
    monkeypatch.setattr(register_mod, "read_text", spy)
    monkeypatch.setenv("POSITIES_NO_CACHE", "1")
    load(cluttered)
    assert opened == ["a-decision.yaml"]


def test_a_file_in_stances_form_is_read_as_its_inline_form_and_located_in_it(
    empty_register: Path,
) -> None:
    from posities.model.records import to_dict

    from ..model.test_records import stances_form

    path = write(empty_register, "a-decision.yaml", minimal())
    inline = [to_dict(p) for p in load(empty_register).positions]
    path.write_text(stances_form(), encoding="utf-8")
    for _ in range(2):  # read, then served from the cache
        register = load(empty_register)
        assert register.valid
        assert [to_dict(p) for p in register.positions] == inline
    assert register_mod.locate(path, ("updated",)) == (27, 14)
    assert register_mod.locate(path, ("sources", 0, "quote")) == (26, 16)
    assert register_mod.locate(path, ("topics",)) == (12, 9)


# --- the register's holders --------------------------------------------------------------------


HOLDERS = """\
holder = "NL"
[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
US = {nl = "Verenigde Staten", en = "United States"}
"""


def test_a_register_without_posities_toml_has_the_default_holders(empty_register: Path) -> None:
    from posities.model.holders import DEFAULT

    write(empty_register, "a-decision.yaml", minimal())
    register = load(empty_register)
    assert (register.holders, register.valid) == (DEFAULT, True)


def test_a_register_reads_its_holders(empty_register: Path) -> None:
    write(empty_register, "posities.toml", HOLDERS)
    write(empty_register, "a-decision.yaml", minimal())
    register = load(empty_register)
    assert register.valid
    assert (register.holders.own, list(register.holders.names)) == ("NL", ["NL", "US"])


def test_a_mistake_in_posities_toml_makes_the_register_invalid(empty_register: Path) -> None:
    write(empty_register, "posities.toml", HOLDERS + "EU = 1\n")
    write(empty_register, "a-decision.yaml", minimal())
    assert [str(p) for p in load(empty_register).problems] == [
        "positions/posities.toml:5:6: holders.EU must give its Dutch and English names: "
        'EU = {nl = "...", en = "..."}; got the number 1',
    ]


def test_holders_are_read_again_while_the_positions_come_from_the_cache(
    empty_register: Path,
) -> None:
    write(empty_register, "posities.toml", HOLDERS)
    path = write(empty_register, "a-decision.yaml", minimal())
    old = time.time() - 3600
    os.utime(path, (old, old))  # settled: served from the cache without reading it
    assert load(empty_register).valid
    assert load(empty_register).valid
    write(empty_register, "posities.toml", HOLDERS.replace("US = ", "USA = "))
    assert [str(p) for p in load(empty_register).problems] == [
        "positions/a-decision.yaml:5:8: actor 'US' is not a holder declared in posities.toml; "
        "did you mean 'USA'? Declared: NL, USA"
    ]


def test_at_a_revision_the_holders_are_those_committed_then(repo: Path) -> None:
    from ..conftest import commit

    (repo / "positions").mkdir()
    write(repo / "positions", "posities.toml", HOLDERS)
    first = commit(repo, "Register", "2026-03-01", a_decision=minimal())
    write(repo / "positions", "posities.toml", HOLDERS.replace('holder = "NL"', 'holder = "US"'))
    commit(repo, "Our holder is the US", "2026-03-05")
    register, _ = read_at(repo / "positions", "2026-03-02", print)
    assert register.holders.own == "NL"
    register, _ = read_at(repo / "positions", "HEAD", print)
    assert register.holders.own == "US"
    write(repo / "positions", "posities.toml", HOLDERS + "EU = []\n")
    second = commit(repo, "A bad holder", "2026-03-06")
    from posities.core.history import InvalidAtRevision

    with pytest.raises(InvalidAtRevision) as error:
        read_at(repo / "positions", "HEAD", print)
    assert [str(p) for p in error.value.problems] == [
        f"{second[:12]}:positions/posities.toml:5:6: holders.EU must give its Dutch and English "
        'names: EU = {nl = "...", en = "..."}; got a list'
    ]
    assert first != second
