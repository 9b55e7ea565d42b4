"""check beyond validity: stale stances, --strict, GitHub annotations, the pre-commit hook."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import invoke, minimal, write


def aged(ident: str, days: int) -> str:
    """A position updated `days` ago, whose quote is checked against texts/letter.txt."""
    day = datetime.date.today() - datetime.timedelta(days=days)
    return (
        minimal(ident)
        .replace("updated: 2020-01-01", f"updated: {day.isoformat()}")
        .replace("    quote:", "    text: texts/letter.txt\n    quote:")
    )


@pytest.fixture
def empty_register(empty_register: Path) -> Path:
    """The empty register, with the letter that `aged` positions quote."""
    (empty_register / "texts").mkdir()
    write(empty_register, "texts/letter.txt", "Wij vinden er iets van.\n")
    return empty_register


def test_stale_positions_are_warnings(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", aged("a-decision", 200))
    write(empty_register, "b-decision.yaml", aged("b-decision", 10))
    day = (datetime.date.today() - datetime.timedelta(days=200)).isoformat()
    code, out, err = invoke(runner, "check", "--stale", "180d")
    assert code == 0
    assert out == (
        f"positions/a-decision.yaml:24:10: warning: updated {day} is 200 days ago, more than "
        "180 days: reassess the stance and set updated to the day you did\n"
    )
    assert err == (
        "1 warning: 1 position not reassessed within 180d.\n2 positions checked: no problems.\n"
    )
    assert invoke(runner, "check", "--stale", "1y")[1] == ""
    assert "more than 182 days" in invoke(runner, "check", "--stale", "26w")[1]


def test_strict_makes_warnings_fail(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", aged("a-decision", 200))
    assert invoke(runner, "check", "--stale", "6m", "--strict")[0] == 1
    assert invoke(runner, "check", "--stale", "1y", "--strict")[0] == 0


def test_a_bad_duration_is_a_usage_error(runner: CliRunner, empty_register: Path) -> None:
    code, _, err = invoke(runner, "check", "--stale", "half a year")
    assert code == 2
    assert "'half a year' is not a duration: write a number and d, w, m or y" in err


def test_github_annotations_come_with_plain_lines(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="maybe"))
    write(empty_register, "b-decision.yaml", aged("b-decision", 400))
    code, out, _ = invoke(runner, "check", "--format", "github", "--stale", "1y")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=positions/a-decision.yaml,line=11,col=9::stance: the string 'maybe' is "
        "not valid. Valid values: supports, neutral, concerned, critical, opposes"
    )
    assert lines[1].startswith("positions/a-decision.yaml:11:9: stance: the string 'maybe'")
    assert lines[2].startswith("::warning file=positions/b-decision.yaml,line=24,col=10::")
    assert lines[3].startswith("positions/b-decision.yaml:24:10: warning: updated ")


def test_a_register_with_no_position_files_is_a_warning(
    runner: CliRunner, empty_register: Path
) -> None:
    warning = (
        "positions: warning: no position files (ID.yaml) in this folder: nothing was checked\n"
    )
    assert invoke(runner, "check") == (
        0,
        warning,
        "1 warning: 1 folder with no position files.\n0 positions checked: no problems.\n",
    )
    assert invoke(runner, "check", "--strict") == (
        1,
        warning.replace("warning: ", ""),
        "1 problem in 1 file.\n",
    )


@pytest.mark.parametrize("where", ["elsewhere", "positions/texts"])
def test_strict_fails_on_a_folder_with_no_position_files(
    runner: CliRunner, empty_register: Path, where: str
) -> None:
    Path("elsewhere").mkdir()
    code, out, _ = invoke(runner, "check", "--dir", where, "--strict")
    assert code == 1
    assert f"{where}: no position files (ID.yaml) in this folder: nothing was checked\n" in out


def test_a_register_of_invalid_files_is_not_called_empty(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", "id: [\n")
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert "no position files" not in out


def test_a_stance_one_day_old_is_one_day_ago(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", aged("a-decision", 1))
    day = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    code, out, _ = invoke(runner, "check", "--stale", "0d")
    assert code == 0
    assert out == (
        f"positions/a-decision.yaml:24:10: warning: updated {day} is 1 day ago, more than 0 days: "
        "reassess the stance and set updated to the day you did\n"
    )


def test_an_updated_date_in_the_future_is_a_warning(
    runner: CliRunner, empty_register: Path
) -> None:
    write(
        empty_register,
        "a-decision.yaml",
        minimal().replace("updated: 2020-01-01", "updated: 2999-01-01"),
    )
    code, out, err = invoke(runner, "check")
    assert code == 0
    assert (
        "warning: updated 2999-01-01 is in the future: set it to the day the stance was assessed"
        in out
    )
    assert "1 position assessed in the future" in err
    assert invoke(runner, "check", "--strict")[0] == 1
