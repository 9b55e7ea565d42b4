"""Files in the register folder that are not position files: each named in a warning, none
skipped in silence, and what belongs there left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.core import register as register_mod
from posities.core.register import BELONGS, load
from posities.model.schema import SCHEMA_FILE

from .conftest import invoke, minimal, write

UNREAD = [
    "positions/.DS_Store: warning: not read: a hidden file (its name starts with a dot)",
    "positions/.foo.yaml: warning: not read: a hidden file (its name starts with a dot); "
    "rename it to 'foo.yaml' if it is a position",
    "positions/B.Yaml: warning: not read: position files end in .yaml; rename it to 'B.yaml'",
    "positions/C.YAML: warning: not read: position files end in .yaml; rename it to 'C.yaml'",
    "positions/b.yml: warning: not read: position files end in .yaml; rename it to 'b.yaml'",
    "positions/drafts: warning: not read: a folder; position files are read from the register "
    "folder only, not from below it",
    "positions/notes.md: warning: not read: position files end in .yaml",
]


@pytest.fixture
def cluttered(empty_register: Path) -> Path:
    """A register with one valid position and one of each kind of file that is not read."""
    write(empty_register, "a-decision.yaml", minimal())
    for name in (".DS_Store", ".foo.yaml", "B.Yaml", "C.YAML", "b.yml", "notes.md"):
        write(empty_register, name, minimal())
    (empty_register / "drafts").mkdir()
    write(empty_register / "drafts", "d.yaml", minimal())
    return empty_register


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


def test_list_show_and_matrix_print_their_result_and_the_warnings(
    runner: CliRunner, cluttered: Path
) -> None:
    expected = "".join(
        "warning: " + line.replace(": warning: not read:", " is not read:", 1) + "\n"
        for line in UNREAD
    )
    assert expected.startswith(
        "warning: positions/.DS_Store is not read: a hidden file (its name starts with a dot)\n"
    )
    for args in (["list"], ["show", "a-decision"], ["matrix"], ["list", "--format", "json"]):
        code, out, err = invoke(runner, *args)
        assert (code, err) == (0, expected), args
        assert "a-decision" in out


def test_a_yml_file_does_not_block_list(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "b.yml", minimal("b"))
    code, out, err = invoke(runner, "list", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["a-decision"]
    assert err == (
        "warning: positions/b.yml is not read: position files end in .yaml; rename it to 'b.yaml'\n"
    )


def test_warnings_come_before_an_invalid_register_error(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="maybe"))
    write(empty_register, "notes.md", "")
    code, out, err = invoke(runner, "list")
    assert (code, out) == (1, "")
    assert err.startswith(
        "warning: positions/notes.md is not read: position files end in .yaml\n"
        "error: the register has 1 problem in 1 file; nothing was printed."
    )


NO_TEXT = (
    "positions/a-decision.yaml:22:12: warning: sources[0].quote cannot be checked: its source "
    "has no local text; add text: with the path of a copy of the document"
)


def test_check_reports_them_as_warnings(runner: CliRunner, cluttered: Path) -> None:
    lines = sorted([*UNREAD, NO_TEXT])
    assert invoke(runner, "check") == (
        0,
        "".join(line + "\n" for line in lines),
        "8 warnings: 7 files not read; 1 quote with no local text to check against.\n"
        "1 position checked: no problems.\n",
    )
    code, out, _ = invoke(runner, "check", "--format", "json")
    assert code == 0
    assert json.loads(out)[0] == {
        "path": "positions/.DS_Store",
        "line": None,
        "column": None,
        "severity": "warning",
        "message": "not read: a hidden file (its name starts with a dot)",
    }
    code, out, err = invoke(runner, "check", "--strict")
    assert (code, err) == (1, "8 problems in 8 files.\n")
    assert out == "".join(line.replace(": warning: ", ": ") + "\n" for line in lines)


def test_check_counts_one_file_not_read(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "notes.md", "")
    assert invoke(runner, "check") == (
        0,
        "positions: warning: no position files (ID.yaml) in this folder: nothing was checked\n"
        "positions/notes.md: warning: not read: position files end in .yaml\n",
        "2 warnings: 1 folder with no position files; 1 file not read.\n"
        "0 positions checked: no problems.\n",
    )
