"""`posities check`: every problem in every file, stale stances, --strict, GitHub annotations,
quotes with no text to check against, and files that are not read."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import UNREAD, invoke, minimal, write
from .test_editing import SHOWN


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


# --- problems and their report ----------------------------------------------------------------


def test_check_bundled_register_is_clean(runner: CliRunner, bundled: Path) -> None:
    assert invoke(runner, "check") == (0, "", "5 positions checked: no problems.\n")


def test_check_reports_every_problem_in_every_file(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="maybe"))
    write(empty_register, "b.yaml", "id: b\nid: c\n")
    write(empty_register, "c.yml", minimal())
    code, out, err = invoke(runner, "check")
    assert code == 1
    assert out.splitlines() == [
        "positions/a-decision.yaml:11:9: stance: the string 'maybe' is not valid. "
        "Valid values: supports, neutral, concerned, critical, opposes",
        "positions/b.yaml:2:1: duplicate key 'id' (first defined at line 1); "
        "each key may appear once",
        "positions/c.yml: warning: not read: position files end in .yaml; rename it to 'c.yaml'",
    ]
    assert err == "1 warning: 1 file not read.\n2 problems in 2 files.\n"


def test_check_json(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "x.yaml", "[1, 2]\n")
    code, out, _ = invoke(runner, "check", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "positions/x.yaml",
            "line": 1,
            "column": 1,
            "severity": "error",
            "message": "a position file must be a mapping of fields; got a list",
        }
    ]


# --- quotes with no text to check against -----------------------------------------------------


TODAY = datetime.date.today().isoformat()


def test_check_warns_of_quotes_it_cannot_verify(runner: CliRunner, empty_register: Path) -> None:
    (empty_register / "texts" / "letter.txt").unlink()  # a text no quote cites: warned of too
    write(empty_register, "a-decision.yaml", minimal())
    code, out, err = invoke(runner, "check")
    assert code == 0
    assert out == (
        "positions/a-decision.yaml:22:12: warning: sources[0].quote cannot be checked: its "
        "source has no local text; add text: with the path of a copy of the document\n"
    )
    assert err == (
        "1 warning: 1 quote with no local text to check against.\n"
        "1 position checked: no problems.\n"
    )


def test_strict_makes_unverifiable_quotes_errors(runner: CliRunner, empty_register: Path) -> None:
    (empty_register / "texts" / "letter.txt").unlink()
    write(empty_register, "a-decision.yaml", minimal().replace("2020-01-01", "2001-01-01"))
    write(empty_register, "b-decision.yaml", minimal("b-decision").replace("2020-01-01", TODAY))
    code, out, err = invoke(runner, "check", "--strict", "--stale", "1y", "--format", "json")
    assert code == 1
    assert [(p["path"], p["line"], p["severity"]) for p in json.loads(out)] == [
        ("positions/a-decision.yaml", 22, "error"),
        ("positions/a-decision.yaml", 23, "error"),
        ("positions/b-decision.yaml", 22, "error"),
    ]
    assert err == "3 problems in 2 files.\n"
    code, _, err = invoke(runner, "check", "--stale", "1y")
    assert code == 0
    assert err == (
        "3 warnings: 1 position not reassessed within 1y; 2 quotes with no local text to check "
        "against.\n2 positions checked: no problems.\n"
    )


# --- every run reports every problem, each file named safely ----------------------------------


def test_invalid_files_are_reported_again_on_every_run(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="maybe"))
    first = invoke(runner, "check")
    assert first[0] == 1
    assert invoke(runner, "check") == first


def test_unprintable_file_names_are_shown_escaped(runner: CliRunner, empty_register: Path) -> None:
    (empty_register / "bad\udcff.yaml").write_text(
        "id: x\n", encoding="utf-8", errors="surrogateescape"
    )
    write(empty_register, "esc\x1b[31mred.yaml", "id: y\n")
    code, out, err = invoke(runner, "check")
    assert code == 1
    assert "\x1b" not in out + err
    assert "positions/bad\\udcff.yaml:1:1: missing key 'title'" in out
    assert "positions/esc\\x1b[31mred.yaml:1:1: missing key 'title'" in out


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


# --- files that are not read ------------------------------------------------------------------


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
