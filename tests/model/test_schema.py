"""The declared shape of a position file: the JSON Schema for editors (made from the model
check uses, shipped, and in agreement), the longest id, and every optional key may be absent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from posities.io.yamlread import parse
from posities.model.schema import MAX_ID_LENGTH, POSITION, SCHEMA_FILE, Items, Mapping, json_schema

from ..conftest import BUNDLED, invoke, minimal, write
from .test_records import stances_form

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def document(text: str) -> object:
    return parse(text).value


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


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


def test_the_stances_form_passes_and_what_check_refuses_of_it_the_schema_refuses() -> None:
    text = stances_form()
    assert not list(VALIDATOR.iter_errors(document(text)))
    beside = text.replace("holder: NL\ntopics:", "holder: NL\nstance: critical\ntopics:")
    alone = text.split("stances:\n")[0]
    neither = text.replace("holder: NL\ntopics:", "topics:")
    for wrong in (beside, alone, neither):
        assert wrong != text
        assert list(VALIDATOR.iter_errors(document(wrong)))


# --- the longest id ---------------------------------------------------------------------------


def test_the_longest_id_leaves_room_for_every_file_name_made_from_it() -> None:
    name = "a" * MAX_ID_LENGTH + ".yaml"
    temp = f".{name}.{2**32}.posities-tmp"  # the writer's temporary file, with a 10-digit pid
    lock = f".{name}.posities-lock"
    assert max(len(n.encode()) for n in (name, temp, lock)) < 255 // 2


def test_the_json_schema_states_the_longest_id() -> None:
    schema = json_schema()
    assert schema["properties"]["id"]["maxLength"] == MAX_ID_LENGTH
    validator = jsonschema.Draft202012Validator(schema)
    longest = parse(minimal(ident="a" * MAX_ID_LENGTH)).value
    longer = parse(minimal(ident="a" * (MAX_ID_LENGTH + 1))).value
    assert not list(validator.iter_errors(longest))
    assert [e.validator for e in validator.iter_errors(longer)] == ["maxLength"]


# --- every optional key may be absent ---------------------------------------------------------

# The file stays valid and every command prints it. The optional keys are read from the
# declaration `check` uses, so a key made optional later is covered without a change here.

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
    "since": "2019-01-02",
    "until": "2090-01-01",
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
    "stances": [
        {
            "holder": "EU",
            "stance": "critical",
            "goal_shared": None,
            "means_differ": None,
            "since": "2019-02-01",
            "until": "2090-01-01",
            "summary": {"nl": "De EU is kritisch.", "en": "The EU is critical."},
            "sources": [
                {
                    "title": "Een brief",
                    "kind": "kamerbrief",
                    "date": "2019-02-03",
                    "text": "texts/brief.txt",
                    "url": "https://example.org/brief",
                    "supports": ["stance"],
                    "quote": "Dat blijft zo.",
                }
            ],
            "updated": "2020-01-01",
        }
    ],
    "relations": [{"type": "related", "id": "other-decision"}],
}


def optional_paths(
    shape: Mapping = POSITION, at: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """The path of every key the declaration marks optional (list items as their first item),
    but for a key that stands instead of others (`holder`, tested in its own form)."""
    instead = {key.unless for key in shape.keys.values()}
    for name, key in shape.keys.items():
        here = (*at, name)
        if not key.required and name not in instead:
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
        ("since",),
        ("until",),
        ("stances",),
        ("stances", "until"),
        ("stances", "summary"),
        ("stances", "sources", "date"),
        ("stances", "sources", "text"),
        ("stances", "sources", "url"),
        ("stances", "sources", "supports"),
        ("relations",),
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
    write(empty_register, "other-decision.yaml", minimal("other-decision"))  # a related one
    code, out, err = invoke(runner, "check")
    assert code == 0, out + err
    assert err.endswith("2 positions checked: no problems.\n")
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
