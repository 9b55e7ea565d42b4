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


def test_without_format_the_output_files_name_says_it(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    import docx

    for name, first in (
        ("memo.html", b"<!DOCTYPE html>"),
        ("memo.MD", b"| ID |"),
        ("m.json", b"["),
    ):
        assert invoke(runner, "list", "-o", str(tmp_path / name))[0] == 0
        assert (tmp_path / name).read_bytes().startswith(first)
    assert invoke(runner, "list", "-o", str(tmp_path / "memo.docx"))[0] == 0
    assert len(docx.Document(str(tmp_path / "memo.docx")).tables) == 1
    assert invoke(runner, "matrix", "-o", str(tmp_path / "m.svg"))[0] == 0
    assert (tmp_path / "m.svg").read_bytes().startswith(b"<?xml")
    assert invoke(runner, "list", "-o", str(tmp_path / "list.txt"))[0] == 0  # no format: a table
    assert (tmp_path / "list.txt").read_text(encoding="utf-8").startswith("ID  ")


def test_a_file_format_the_name_contradicts_is_refused(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "memo.docx"
    code, out, err = invoke(runner, "list", "-f", "markdown", "-o", str(target))
    assert (code, out) == (2, "")
    assert "--format markdown writes no .docx file" in " ".join(err.replace("│", "").split())
    code, _, err = invoke(runner, "show", "jcpoa", "-o", str(tmp_path / "a.xlsx"))
    assert code == 2
    assert "this command writes no xlsx (its formats: table, markdown, json, csv, html, docx)" in (
        " ".join(err.replace("│", "").split())
    )
    code, _, err = invoke(runner, "list", "-f", "docx", "-o", str(tmp_path / "memo.html"))
    assert code == 2
    assert "--format docx writes no .html file" in " ".join(err.replace("│", "").split())
    assert not target.exists()


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("\x01GEHEIM", "the classification holds a control character U+0001"),
        ("GEHEIM\u202e", "the classification holds"),
        (
            "X" * 201,
            "the classification is 201 characters long; a page's header carries at most 200",
        ),
        ("  ", "give the classification's words"),
    ],
)
def test_a_classification_is_plain_words_of_a_headers_length(
    runner: CliRunner, bundled: Path, tmp_path: Path, words: str, said: str
) -> None:
    code, _, err = invoke(
        runner, "list", "-f", "docx", "-o", str(tmp_path / "m.docx"), "--classification", words
    )
    assert code == 2
    assert said in " ".join(err.replace("│", "").split())


def test_a_template_that_is_no_regular_file_is_named_so(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    import os

    fifo = tmp_path / "t.docx"
    os.mkfifo(fifo)
    code, _, err = invoke(
        runner, "list", "-f", "docx", "--template", str(fifo), "-o", str(tmp_path / "m.docx")
    )
    assert code == 2
    assert "t.docx is not a regular file: name your Word document (.docx)" in " ".join(
        err.replace("│", "").split()
    )
