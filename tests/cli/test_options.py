"""The shared options are one declaration: every command that filters offers the same filter
options, in the same order, with the same help, values and completion."""

from __future__ import annotations

from typing import Any

import typer.main

from posities.cli import app

FILTERS = [
    "disagree",
    "agree",
    "stance",
    "goal_shared",
    "means_differ",
    "topic",
    "actor",
    "search",
]
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _described(command: Any, param: Any) -> dict[str, Any]:
    """What a user meets of an option: its names, help, value, default and completion."""
    described = {
        key: value
        for key, value in vars(param).items()
        if key not in ("type", "callback", "_custom_shell_complete")
    }
    context = command.make_context(command.name, [], resilient_parsing=True)
    described["type"] = (type(param.type).__name__, getattr(param.type, "func", None))
    described["completes"] = [item.value for item in param.shell_complete(context, "")]
    return described


def _filter_options(name: str) -> list[dict[str, Any]]:
    """The filter options of command `name`, checked to be together, as --help lists them."""
    command = COMMANDS[name]
    names = [param.name for param in command.params]
    found = [param for param in command.params if param.name in FILTERS]
    first = names.index(found[0].name)
    assert names[first : first + len(found)] == [param.name for param in found]
    return [_described(command, param) for param in found]


def test_list_has_every_filter_option_in_order() -> None:
    assert [option["name"] for option in _filter_options("list")] == FILTERS


def test_diff_and_log_filter_as_list_does() -> None:
    assert _filter_options("diff") == _filter_options("list")
    assert _filter_options("log") == _filter_options("list")


def test_matrix_filters_as_list_does_but_on_its_own_axes() -> None:
    axes = ("goal_shared", "means_differ")
    expected = [option for option in _filter_options("list") if option["name"] not in axes]
    assert _filter_options("matrix") == expected


def test_the_stance_and_yes_no_options_complete_their_words() -> None:
    options = {option["name"]: option for option in _filter_options("list")}
    assert "kritisch" in options["stance"]["completes"]
    assert options["goal_shared"]["completes"] == options["means_differ"]["completes"]
    assert "onbekend" in options["goal_shared"]["completes"]
