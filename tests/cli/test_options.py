"""The shared options are one declaration: every command that filters offers the same filter
options, in the same order, with the same help, values (Dutch too) and completion; the
register folder is found or named the same way for every command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from posities.cli import app
from posities.cli.options import complete_ids

from ..conftest import invoke, minimal
from .test_editing import LONG
from .test_listing import ids_of

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


# --- the register folder: found here or above, or named ---------------------------------------


def test_register_is_found_in_a_parent_folder(
    runner: CliRunner, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deeper = bundled.parent / "a" / "b"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    assert len(ids_of(runner)) == 5


def test_dir_option_and_environment_override(
    runner: CliRunner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "a-decision.yaml").write_text(minimal(), encoding="utf-8")
    assert ids_of(runner, "--dir", str(other)) == ["a-decision"]
    monkeypatch.setenv("POSITIES_DIR", str(other))
    assert ids_of(runner) == ["a-decision"]
    # a project folder that holds positions/ works too
    assert len(ids_of(runner, "--dir", str(bundled.parent))) == 5


def test_no_register_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "list")
    assert code == 2
    assert out == ""
    assert "no register found: no positions/ folder" in err
    assert "--dir" in err


def test_missing_dir_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "list", "--dir", "nowhere")
    assert code == 2
    assert "register folder 'nowhere' does not exist" in err


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


# --- ids complete from the register -----------------------------------------------------------


def test_ids_complete_from_the_register(bundled: Path) -> None:
    assert complete_ids("j") == ["jcpoa", "jerusalem-embassy"]
    assert complete_ids("zzz") == []


def test_completion_outside_a_register_offers_nothing() -> None:
    assert complete_ids("") == []


@pytest.mark.parametrize("command", ["show", "log", "set", "add-source", "edit"])
def test_every_command_that_takes_an_id_completes_it(bundled: Path, command: str) -> None:
    runner = CliRunner()
    env = {
        "_POSITIES_COMPLETE": "complete_bash",
        "COMP_WORDS": f"posities {command} j",
        "COMP_CWORD": "2",
    }
    result = runner.invoke(app, [], env=env, prog_name="posities")
    assert result.stdout.split() == ["jcpoa", "jerusalem-embassy"]


# --- Dutch option values ----------------------------------------------------------------------


def test_dutch_filter_values_on_the_command_line(runner: CliRunner, bundled: Path) -> None:
    dutch = invoke(runner, "list", "--stance", "kritisch", "--goal-shared", "ja")
    english = invoke(runner, "list", "--stance", "critical", "--goal-shared", "yes")
    assert dutch == english
    assert dutch[0] == 0


def test_a_mistyped_dutch_value_suggests_the_word(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--stance", "kritish")
    assert (code, out) == (2, "")
    assert "'kritish' is not a stance; did you mean 'kritisch'?" in " ".join(err.split())


REPORT = [
    "at",
    "output_format",
    "lang",
    "out_file",
    "folder",
    "fragment",
    "template",
    "table_style",
    "classification",
]


def test_list_show_and_matrix_end_with_the_same_report_options() -> None:
    def report_options(name: str) -> list[dict[str, Any]]:
        command = COMMANDS[name]
        assert [param.name for param in command.params][-len(REPORT) :] == REPORT
        return [_described(command, param) for param in command.params[-len(REPORT) :]]

    def but_format(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [option for option in options if option["name"] != "output_format"]

    assert [option["name"] for option in report_options("list")] == REPORT
    shown = report_options("show")
    for name in ("list", "compare", "matrix", "timeline"):  # the others' formats, and more
        assert but_format(report_options(name)) == but_format(shown)
    at = REPORT.index("output_format")
    extra = {"list": ["xlsx"], "compare": ["xlsx"], "matrix": ["svg"], "timeline": ["svg", "xlsx"]}
    for name, more in extra.items():
        assert report_options(name)[at]["completes"] == [*shown[at]["completes"], *more]
