"""The JSON Schema for editors: made from the model check uses, shipped, and in agreement."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from posities.io.yamlread import parse
from posities.model.schema import SCHEMA_FILE, json_schema

from ..conftest import BUNDLED, invoke, minimal

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def document(text: str) -> object:
    return parse(text).value


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_shipped_schema_is_the_command_output(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    assert (BUNDLED / SCHEMA_FILE).read_text(encoding="utf-8") == out


def test_every_bundled_position_points_to_it_and_passes() -> None:
    for path in sorted(BUNDLED.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n"), path
        assert not list(VALIDATOR.iter_errors(document(text))), path


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("stance: critical", "stance: maybe"),
        ("stance: critical", "stance: kritisch"),
        ("goal_shared: null", "goal_shared: yes"),
        ("goal_shared: null", "goal_shared: 1"),
        ("actor: US", "acter: US"),
        ("actor: US", "actor: [US]"),
        ("actor: US", 'actor: "U\\u001bS"'),
        ("actor: US", 'actor: "U\\u202eS"'),
        ("actor: US\n", ""),
        ("  date: 2019-01-02", "  date: 2 januari 2019"),
        ("updated: 2020-01-01", "updated: 2020-01"),
        ("topics: [trade]", "topics: [Trade Policy]"),
        ("topics: [trade]", "topics: [trade, trade]"),
        ("id: a-decision", "id: A_Decision"),
        ("    kind: kamerbrief", "    kind: kamerbrief\n    supports: [weather]"),
        ("  nl: Een besluit", "  nl: ''"),
    ],
)
def test_what_check_rejects_by_type_the_schema_rejects(old: str, new: str) -> None:
    text = minimal().replace(old, new, 1)
    assert text != minimal()
    assert list(VALIDATOR.iter_errors(document(text)))


def test_a_minimal_position_passes() -> None:
    assert not list(VALIDATOR.iter_errors(document(minimal())))
