"""The command line, through Typer's CliRunner: real output, exit codes, stdout vs stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities import __version__
from posities.cli import app
from posities.core.register import load
from posities.model.records import to_dict

from ..conftest import invoke, minimal, write
from ..golden import assert_golden


def test_version(runner: CliRunner) -> None:
    assert invoke(runner, "--version") == (0, f"posities {__version__}\n", "")


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    code, out, _ = invoke(runner)
    assert code == 2
    assert "list" in out
    assert "check" in out


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("list", "show", "check"):
        code, out, _ = invoke(runner, command, "--help")
        assert code == 0
        assert "--format" in out


# --- list ---------------------------------------------------------------------------------


def test_list_disagree_prints_the_five_decisions(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--disagree")
    assert (code, err) == (0, "")
    assert_golden("list-disagree.txt", out)


def test_list_is_sorted_by_decision_date(runner: CliRunner, bundled: Path) -> None:
    _, out, _ = invoke(runner, "list")
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids == [
        "paris-agreement",
        "jerusalem-embassy",
        "steel-aluminium-tariffs",
        "jcpoa",
        "human-rights-council",
    ]


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (["--sort", "id"], "human-rights-council"),
        (["--sort", "date", "--reverse"], "human-rights-council"),
        (["--sort", "id", "--reverse"], "steel-aluminium-tariffs"),
    ],
)
def test_list_sort(runner: CliRunner, bundled: Path, args: list[str], first: str) -> None:
    _, out, _ = invoke(runner, "list", *args)
    assert out.splitlines()[1].split()[0] == first


def ids_of(runner: CliRunner, *args: str) -> list[str]:
    code, out, err = invoke(runner, "list", "--format", "json", *args)
    assert code == 0, err
    return [item["id"] for item in json.loads(out)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--goal-shared", "yes"], ["jcpoa", "human-rights-council"]),
        (
            ["--goal-shared", "unknown", "--sort", "id"],
            ["jerusalem-embassy", "paris-agreement", "steel-aluminium-tariffs"],
        ),
        (["--goal-shared", "no"], []),
        (["--means-differ", "yes"], ["jcpoa", "human-rights-council"]),
        (["--means-differ", "no"], []),
        (["--topic", "iran"], ["jcpoa"]),
        (["--topic", "iran", "--topic", "trade"], ["steel-aluminium-tariffs", "jcpoa"]),
        (["--topic", "climate", "--goal-shared", "yes"], []),
        (["--stance", "critical", "--topic", "human-rights"], ["human-rights-council"]),
        (["--stance", "supports"], []),
        (
            ["--stance", "supports", "--stance", "critical", "--topic", "trade"],
            ["steel-aluminium-tariffs"],
        ),
        (["--agree"], []),
        (["--actor", "us", "--topic", "climate"], ["paris-agreement"]),
        (["--actor", "China"], []),
        (["--search", "EMBASSY"], ["jerusalem-embassy"]),
        # quotes are searched too: every position quotes the sentence that names four decisions
        (
            ["--search", "jeruzalem", "--sort", "id"],
            [
                "human-rights-council",
                "jcpoa",
                "jerusalem-embassy",
                "paris-agreement",
                "steel-aluminium-tariffs",
            ],
        ),
        (["--search", "destabiliserende rol"], ["jcpoa", "human-rights-council"]),
        (["--search", "Paris climate"], ["paris-agreement"]),
    ],
)
def test_list_filters(
    runner: CliRunner, bundled: Path, args: list[str], expected: list[str]
) -> None:
    assert ids_of(runner, *args) == expected


def test_unknown_is_never_treated_as_no(runner: CliRunner, bundled: Path) -> None:
    unknown = set(ids_of(runner, "--goal-shared", "unknown"))
    no = set(ids_of(runner, "--goal-shared", "no"))
    assert unknown == {"paris-agreement", "jerusalem-embassy", "steel-aluminium-tariffs"}
    assert not unknown & no


def test_agree_and_disagree_together_is_a_usage_error(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--agree", "--disagree")
    assert code == 2
    assert out == ""
    assert "use --agree or --disagree, not both" in err


def test_invalid_stance_option_lists_choices(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "list", "--stance", "angry")
    assert code == 2
    assert "supports" in err
    assert "opposes" in err


def test_unknown_topic_warns_with_a_suggestion(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--topic", "climte")
    assert code == 0
    assert "warning: no position has topic 'climte'; did you mean climate?" in err
    assert out == ""
    assert "No positions match (5 in the register)." in err


def test_list_json_equals_the_core_records(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "list", "--format", "json", "--sort", "id")
    assert code == 0
    register = load(bundled)
    expected = [to_dict(p) for p in sorted(register.positions, key=lambda p: p.id)]
    assert json.loads(out) == expected
    assert json.loads(out)[0]["goal_shared"] is True
    assert json.loads(out)[1]["decision"]["date"] == "2018-05-08"


def test_list_csv(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "list", "--format", "csv", "--lang", "nl", "--goal-shared", "yes")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:6] == [
        "ID",
        "Besluit",
        "Datum",
        "Standpunt",
        "Doel gedeeld",
        "Middelen verschillen",
    ]
    assert [row[0] for row in table[1:]] == ["jcpoa", "human-rights-council"]
    assert table[1][3:6] == ["kritisch", "ja", "ja"]


def test_list_markdown_dutch_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--format", "markdown", "--lang", "nl")
    assert (code, err) == (0, "")
    assert_golden("list-nl.md", out)


def test_list_markdown_sources_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(
        runner, "list", "-f", "markdown", "--lang", "nl", "--sources", "--goal-shared", "yes"
    )
    assert code == 0
    assert_golden("list-nl-sources.md", out)


def test_sources_needs_markdown(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "list", "--sources")
    assert code == 2
    assert "--sources needs --format markdown" in err


def test_lang_from_environment(runner: CliRunner, bundled: Path) -> None:
    result = runner.invoke(app, ["list"], env={"POSITIES_LANG": "nl"})
    assert "Standpunt" in result.stdout
    assert "kritisch" in result.stdout


# --- register discovery -----------------------------------------------------------------------


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


def test_empty_register(runner: CliRunner, empty_register: Path) -> None:
    code, out, err = invoke(runner, "list")
    assert (code, out) == (0, "")
    assert "The register has no positions yet: posities new ID adds one." in err
    assert invoke(runner, "list", "-f", "json")[1] == "[]\n"


# --- show ---------------------------------------------------------------------------------


def test_show_plain_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "show", "jcpoa")
    assert (code, err) == (0, "")
    assert_golden("show-jcpoa.txt", out)


def test_show_markdown_dutch_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "show", "human-rights-council", "-f", "markdown", "--lang", "nl")
    assert code == 0
    assert_golden("show-hrc-nl.md", out)


def test_show_in_dutch_names_the_supported_claims_in_dutch(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, _ = invoke(runner, "show", "jcpoa", "--lang", "nl")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("[")]
    assert [h.split("; ")[1] for h in headings] == [
        "onderbouwt: standpunt, besluit, samenvatting",
        "onderbouwt: standpunt",
        "onderbouwt: doel gedeeld, middelen verschillen, samenvatting",
        "onderbouwt: samenvatting",
    ]


def test_show_json_is_the_record(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "show", "jerusalem-embassy", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "jerusalem-embassy"
    assert record["decision"]["milestones"][0]["date"] == "2018-05-14"
    assert record["goal_shared"] is None


def test_show_csv(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "show", "jcpoa", "--format", "csv")
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[1][0] == "jcpoa"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("jcpao", "jcpoa"),
        ("paris", "paris-agreement"),
        ("iran", "jcpoa"),
        ("tariffs", "steel-aluminium-tariffs"),
    ],
)
def test_show_unknown_id_suggests(
    runner: CliRunner, bundled: Path, typed: str, suggestion: str
) -> None:
    code, out, err = invoke(runner, "show", typed)
    assert code == 2
    assert out == ""
    assert f"no position with id '{typed}'; did you mean" in err
    assert suggestion in err


# --- check --------------------------------------------------------------------------------


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


def test_list_refuses_a_partial_table(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "broken.yaml", "id: broken\n")
    code, out, err = invoke(runner, "list", "--disagree")
    assert code == 1
    assert out == ""
    assert "nothing was printed. Run `posities check`" in err
    assert "positions/broken.yaml:1:1: missing key 'title'" in err


def test_show_refuses_when_the_register_is_invalid(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "broken.yaml", "id: [\n")
    code, out, err = invoke(runner, "show", "jcpoa")
    assert code == 1
    assert out == ""
    assert "posities check" in err


def test_the_console_entry_point_builds_only_the_command_it_runs(
    runner: CliRunner, bundled: Path
) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "posities", *args], capture_output=True, text=True, check=False
        )

    assert run("list", "--format", "json").stdout == invoke(runner, "list", "--format", "json")[1]
    listed = run("--help").stdout
    for command in ("list", "show", "check", "diff", "log", "matrix", "set", "new", "edit", "git"):
        assert f" {command} " in listed
    wrong = run("lst")
    assert wrong.returncode == 2
    assert "No such command 'lst'" in wrong.stderr
