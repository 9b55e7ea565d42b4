"""`posities schema`: the JSON Schema the register ships, written where it belongs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.model.schema import SCHEMA_FILE, json_schema

from ..conftest import BUNDLED, invoke


def test_the_shipped_schema_is_the_command_output(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    assert (BUNDLED / SCHEMA_FILE).read_text(encoding="utf-8") == out


# --- schema -o --------------------------------------------------------------------------------


def test_schema_may_write_its_own_place_in_the_register(runner: CliRunner, bundled: Path) -> None:
    _, printed, _ = invoke(runner, "schema")
    (bundled / "position.schema.json").write_text("{}\n", encoding="utf-8")
    assert invoke(runner, "schema", "-o", "positions/position.schema.json") == (
        0,
        "",
        "wrote positions/position.schema.json\n",
    )
    assert (bundled / "position.schema.json").read_text(encoding="utf-8") == printed


@pytest.mark.parametrize(
    "target",
    ["positions/new.yaml", "positions/schema.json", "positions/texts/position.schema.json"],
)
def test_schema_is_never_written_elsewhere_in_the_register(
    runner: CliRunner, bundled: Path, target: str
) -> None:
    code, out, err = invoke(runner, "schema", "-o", target)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {target} is inside the register folder positions: ")
    assert not Path(target).exists()
    assert invoke(runner, "list")[0] == 0


def test_schema_finds_the_register_from_a_subfolder_and_the_variable(
    runner: CliRunner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chdir(bundled / "texts")
    assert invoke(runner, "schema", "-o", "new.yaml")[0] == 2
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    monkeypatch.setenv("POSITIES_DIR", str(bundled))
    assert invoke(runner, "schema", "-o", str(bundled / "new.yaml"))[0] == 2
    assert not (bundled / "new.yaml").exists()


def test_schema_without_a_register_writes_anywhere_but_over_a_position_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert invoke(runner, "schema", "-o", "positions.schema.json")[0] == 0
    Path("a.yaml").write_text("id: a\nsources: []\n", encoding="utf-8")
    code, _, err = invoke(runner, "schema", "-o", "a.yaml")
    assert code == 2
    assert err == "error: a.yaml is a position file; a report is never written over one\n"
