"""Names that reach the file system: ids of bounded length, and paths no file system can hold,
reported as errors instead of tracebacks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from posities.core.checks import check
from posities.core.register import load
from posities.io.yamlread import parse
from posities.model.schema import MAX_ID_LENGTH, json_schema

from .cli.test_editing import NEW
from .conftest import invoke, minimal, write

LONG = "a" * 300
SHOWN = "'" + "a" * 60 + "…'"
TOO_LONG = (
    f"error: {SHOWN} is not a position id: it is 300 characters long, and an id has at most 64\n"
)


def test_the_longest_id_leaves_room_for_every_file_name_made_from_it() -> None:
    name = "a" * MAX_ID_LENGTH + ".yaml"
    temp = f".{name}.{2**32}.posities-tmp"  # the writer's temporary file, with a 10-digit pid
    lock = f".{name}.posities-lock"
    assert max(len(n.encode()) for n in (name, temp, lock)) < 255 // 2


@pytest.mark.parametrize(
    "args",
    [
        ["set", LONG, "--stance", "critical"],
        ["add-source", LONG, "--title", "T", "--kind", "kamerbrief", "--quote", "Q"],
        ["edit", LONG],
        ["new", LONG, *NEW[2:]],
    ],
    ids=lambda args: args[0],
)
def test_a_long_id_on_the_command_line_is_a_usage_error(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    assert invoke(runner, *args) == (2, "", TOO_LONG)
    assert list(empty_register.iterdir()) == []


def test_show_reports_a_long_id_as_unknown(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "show", LONG)
    assert (code, out) == (2, "")
    assert err == f"error: no position with id {SHOWN} (`posities list` shows all ids)\n"


def test_log_refuses_a_long_id(runner: CliRunner, bundled: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=bundled.parent, check=True)
    assert invoke(runner, "log", LONG) == (2, "", TOO_LONG)


def test_an_id_of_the_longest_length_can_be_created(
    runner: CliRunner, empty_register: Path
) -> None:
    ident = "a" * MAX_ID_LENGTH
    code, out, _ = invoke(runner, "new", ident, *NEW[2:])
    assert (code, out) == (0, f"positions/{ident}.yaml\n")
    assert invoke(runner, "set", ident, "--stance", "opposes")[0] == 0
    assert invoke(runner, "check")[0] == 0


def test_a_long_id_in_a_file_is_a_located_problem(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal(ident=LONG))
    assert [str(p) for p in check(load(empty_register))] == [
        f"positions/a-decision.yaml:1:5: id {SHOWN} is too long: 300 characters, at most 64",
        f"positions/a-decision.yaml:1:5: id {SHOWN} does not match the file name "
        "'a-decision.yaml'; rename one so they agree",
    ]


def test_a_file_named_with_a_long_id_is_a_located_problem(
    runner: CliRunner, empty_register: Path
) -> None:
    ident = "a" * 250  # with .yaml, as long as a file name can be
    write(empty_register, f"{ident}.yaml", minimal(ident=ident))
    code, out, err = invoke(runner, "check")
    assert code == 1
    assert out == (
        f"positions/{ident}.yaml:1:5: id {SHOWN} is too long: 250 characters, at most 64\n"
    )
    assert err == "1 problem in 1 file.\n"


def test_the_json_schema_states_the_longest_id() -> None:
    schema = json_schema()
    assert schema["properties"]["id"]["maxLength"] == MAX_ID_LENGTH
    validator = jsonschema.Draft202012Validator(schema)
    longest = parse(minimal(ident="a" * MAX_ID_LENGTH)).value
    longer = parse(minimal(ident="a" * (MAX_ID_LENGTH + 1))).value
    assert not list(validator.iter_errors(longest))
    assert [e.validator for e in validator.iter_errors(longer)] == ["maxLength"]


@pytest.mark.parametrize(
    "folder",
    [f"/tmp/{LONG}", f"/tmp/{LONG}/{LONG}", "/x" * 3000],
    ids=["long-name", "long-names", "long-path"],
)
def test_a_register_folder_no_file_system_can_hold_is_a_usage_error(
    runner: CliRunner, folder: str
) -> None:
    code, out, err = invoke(runner, "list", "--dir", folder)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: cannot use register folder '{folder[:20]}")
    assert err.endswith("…': File name too long\n")


def test_a_source_text_no_file_system_can_hold_is_a_located_problem(
    runner: CliRunner, empty_register: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    (empty_register / "texts").mkdir()
    code, _, err = invoke(
        runner, "add-source", "a-decision", "--title", "T", "--kind", "kamerbrief",
        "--quote", "Q", "--text", f"texts/{LONG}",
    )  # fmt: skip
    assert (code, err) == (
        2,
        f"error: --text 'texts/{'a' * 194}…': cannot read: File name too long\n",
    )
    assert path.read_text(encoding="utf-8") == minimal()
    hand_made = minimal().replace("    quote:", f"    text: texts/{LONG}\n    quote:")
    write(empty_register, "a-decision.yaml", hand_made)
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert out == (
        f"positions/a-decision.yaml:22:11: sources[0].text 'texts/{'a' * 194}…': "
        "cannot read: File name too long\n"
    )
