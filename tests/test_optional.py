"""Every optional key of the file format may be absent: the file stays valid and every command
prints it. The optional keys are read from the declaration `check` uses, so a key made optional
later is covered without a change here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from posities.model.schema import POSITION, Items, Mapping

from .conftest import invoke, write

LETTER = "Een brief.\n\nWij zijn kritisch. Dat blijft zo.\n"
FULL = {
    "id": "a-decision",
    "title": {"nl": "Een besluit", "en": "A decision"},
    "actor": "US",
    "decision": {
        "date": "2019-01-02",
        "description": {"nl": "Iets is besloten.", "en": "Something was decided."},
        "milestones": [
            {"date": "2019-03", "description": {"nl": "Het gaat in.", "en": "It takes effect."}}
        ],
    },
    "stance": "critical",
    "goal_shared": None,
    "means_differ": None,
    "summary": {"nl": "Nederland is kritisch.", "en": "The Netherlands is critical."},
    "topics": ["trade"],
    "sources": [
        {
            "title": "Een brief",
            "kind": "kamerbrief",
            "date": "2019-02-03",
            "text": "texts/brief.txt",
            "url": "https://example.org/brief",
            "supports": ["stance", "summary", "decision"],
            "quote": "Wij zijn kritisch.",
        }
    ],
    "updated": "2020-01-01",
}


def optional_paths(
    shape: Mapping = POSITION, at: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """The path of every key the declaration marks optional (list items as their first item)."""
    for name, key in shape.keys.items():
        here = (*at, name)
        if not key.required:
            yield here
        kind = key.kind.item if isinstance(key.kind, Items) else key.kind
        if isinstance(kind, Mapping):
            yield from optional_paths(kind, here)


OPTIONAL = list(optional_paths())


def without(paths: list[tuple[str, ...]]) -> dict[str, object]:
    """`FULL` with the keys at `paths` removed (in every item of a list)."""
    data = json.loads(json.dumps(FULL))

    def drop(value: object, path: tuple[str, ...]) -> None:
        if isinstance(value, list):
            for item in value:
                drop(item, path)
        elif isinstance(value, dict):
            if len(path) == 1:
                value.pop(path[0], None)
            elif path[0] in value:
                drop(value[path[0]], path[1:])

    for path in paths:
        drop(data, path)
    return data


def test_the_declaration_has_the_optional_keys_this_test_fills() -> None:
    assert set(OPTIONAL) == {
        ("decision", "milestones"),
        ("sources", "date"),
        ("sources", "text"),
        ("sources", "url"),
        ("sources", "supports"),
    }
    for path in OPTIONAL:  # FULL holds every one of them, so removing each is a real test
        value: object = FULL
        for part in path:
            value = value[0] if isinstance(value, list) else value
            assert isinstance(value, dict)
            value = value[part]


@pytest.mark.parametrize(
    "absent",
    [[path] for path in OPTIONAL] + [OPTIONAL, []],
    ids=[".".join(path) for path in OPTIONAL] + ["all", "none"],
)
def test_every_optional_key_may_be_absent(
    runner: CliRunner, empty_register: Path, absent: list[tuple[str, ...]]
) -> None:
    (empty_register / "texts").mkdir()
    write(empty_register, "texts/brief.txt", LETTER)
    data = without(absent)
    write(empty_register, "a-decision.yaml", yaml.safe_dump(data, allow_unicode=True))
    code, out, err = invoke(runner, "check")
    assert code == 0, out + err
    assert err.endswith("1 position checked: no problems.\n")
    commands = [
        ["list"],
        ["list", "--format", "markdown", "--sources", "--lang", "nl", "-c", "id,date,stance"],
        ["list", "--format", "csv"],
        ["show", "a-decision"],
        ["show", "a-decision", "--format", "markdown"],
        ["matrix", "--format", "markdown"],
    ]
    for command in commands:
        code, out, err = invoke(runner, *command)
        assert code == 0, (command, err)
        assert "A decision" in out or "Een besluit" in out or "a-decision" in out
    code, out, _ = invoke(runner, "show", "a-decision", "--format", "json")
    shown = json.loads(out)
    assert shown["goal_shared"] is None
    for path in absent:
        if path[0] == "sources" and path[1] != "date":
            assert path[1] not in shown["sources"][0]
    if ("sources", "date") in absent:
        assert shown["sources"][0]["date"] is None  # absent and null mean the same: not stated
