"""`posities migrate`: both forms of a file read as the same record, so every command shows
the same, and a file laid out by fmt comes back byte for byte."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import BUNDLED, git, invoke, minimal, write
from ..model.test_records import stances_form

IDS = [
    "human-rights-council",
    "jcpoa",
    "jerusalem-embassy",
    "paris-agreement",
    "steel-aluminium-tariffs",
]
COMMANDS = [
    ["list"],
    ["list", "--sources", "--format", "markdown", "--lang", "nl"],
    ["list", "--format", "json"],
    ["list", "--format", "csv"],
    ["list", "--holder", "EU", "--format", "json"],
    ["list", "--on", "2018-01-01", "--format", "json"],
    ["matrix", "--format", "markdown"],
    ["check"],
    ["check", "--format", "json"],
    *(["show", ident, "--format", "json"] for ident in IDS),
    ["show", "jcpoa"],
    ["show", "paris-agreement", "--format", "markdown", "--lang", "nl"],
]
_DIGEST = re.compile(r"\b[0-9a-f]{7,40}\b")


def outputs(runner: CliRunner, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """What each command prints; a digest of the files' bytes (the memo state line's, a
    commit's) masked, since the bytes are what differs."""
    found = []
    for command in commands:
        code, out, err = invoke(runner, *command)
        found.append((code, _DIGEST.sub("#", out), _DIGEST.sub("#", err)))
    return found


def texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def test_every_command_shows_the_bundled_register_the_same_in_both_forms(
    runner: CliRunner, bundled: Path
) -> None:
    before = outputs(runner, COMMANDS)
    assert [code for code, _, _ in before] == [0] * len(COMMANDS)
    originals = texts(bundled)
    code, out, err = invoke(runner, "migrate")
    assert (code, out) == (0, "")
    assert err == (
        "".join(f"moved positions/{ident}.yaml to stances form\n" for ident in IDS)
        + "5 files moved to stances form, 0 in it already.\n"
    )
    migrated = texts(bundled)
    assert all("\nholder: NL\n" in text and "\nstance:" not in text for text in migrated.values())
    assert outputs(runner, COMMANDS) == before
    assert invoke(runner, "fmt", "--check")[0] == 0  # the stances form is laid out
    code, _, err = invoke(runner, "migrate", "--inline")
    assert code == 0
    assert err.endswith("5 files moved to inline form, 0 in it already.\n")
    assert texts(bundled) == originals  # byte for byte
    assert outputs(runner, COMMANDS) == before


def test_check_lists_the_files_not_in_the_form_asked_for(runner: CliRunner, bundled: Path) -> None:
    invoke(runner, "migrate", "jcpoa")
    code, out, err = invoke(runner, "migrate", "--check")
    assert (code, out) == (1, "")
    assert err == (
        "".join(
            f"positions/{ident}.yaml is not in stances form\n" for ident in IDS if ident != "jcpoa"
        )
        + "4 files not in stances form, 1 in it already.\n"
    )
    code, _, err = invoke(runner, "migrate", "--check", "--inline", "jcpoa", "paris-agreement")
    assert (code, err) == (
        1,
        "positions/jcpoa.yaml is not in inline form\n1 file not in inline form, 1 in it already.\n",
    )
    assert texts(bundled)["paris-agreement.yaml"] == (BUNDLED / "paris-agreement.yaml").read_text(
        encoding="utf-8"
    )
    invoke(runner, "migrate")
    code, _, err = invoke(runner, "migrate", "--check")
    assert (code, err) == (0, "0 files not in stances form, 5 in it already.\n")


def test_a_file_that_cannot_be_migrated_is_named_with_its_place(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="kritisch"))
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    code, out, err = invoke(runner, "migrate")
    assert (code, out) == (1, "")
    assert err == (
        "positions/a-decision.yaml:11:9: stance: the string 'kritisch' is not valid; did you "
        "mean 'critical'? Valid values: supports, neutral, concerned, critical, opposes\n"
        "moved positions/b-decision.yaml to stances form\n"
        "1 file moved to stances form, 0 in it already, 1 could not be migrated.\n"
    )


def test_an_unknown_id_is_a_usage_error_with_a_suggestion(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "migrate", "jcpao")
    assert (code, out) == (2, "")
    assert err == (
        "error: no position with id 'jcpao'; did you mean jcpoa? (`posities list` shows all ids)\n"
    )
    assert texts(bundled) == texts(BUNDLED)


def test_a_file_in_stances_form_that_check_refuses_is_located(
    runner: CliRunner, empty_register: Path
) -> None:
    text = stances_form().replace("holder: NL\ntopics:", "holder: NL\nstance: critical\ntopics:")
    write(empty_register, "a-decision.yaml", text)
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert out.startswith(
        "positions/a-decision.yaml:12:1: stance cannot be given beside holder: NL, which "
        "stands instead of it"
    )


def test_problems_found_after_reading_point_into_the_stances_item(
    runner: CliRunner, empty_register: Path
) -> None:
    holders = (
        '[holders]\nNL = {nl = "Nederland", en = "the Netherlands"}\nUS = {nl = "VS", en = "US"}\n'
    )
    write(empty_register, "posities.toml", holders)
    eu = stances_form().split("stances:\n")[1].replace("holder: NL", "holder: EX", 1)
    text = stances_form().replace(
        "stances:\n", "stances:\n" + eu.replace("2019-01-02", "2018-12-01")
    )
    write(empty_register, "a-decision.yaml", text)
    code, out, _ = invoke(runner, "check", "--stale", "1d")
    assert code == 1
    assert out.splitlines() == [
        "positions/a-decision.yaml:14:13: stances[0].holder 'EX' is not a holder declared in "
        "posities.toml. Declared: NL, US",
        "positions/a-decision.yaml:26:16: warning: stances[0].sources[0].quote cannot be "
        "checked: its source has no local text; add text: with the path of a copy of the "
        "document",
        "positions/a-decision.yaml:40:16: warning: sources[0].quote cannot be checked: its "
        "source has no local text; add text: with the path of a copy of the document",
        "positions/a-decision.yaml:41:14: warning: updated 2020-01-01 is "
        + out.split("updated 2020-01-01 is ")[1].splitlines()[0],
    ]


# --- in git: diff and log see no change in a migration ----------------------------------------


def _history(top: Path, runner: CliRunner, stances: bool) -> None:
    """The bundled register committed, then a stance changed, in either form."""
    git(top, "init", "-q", "-b", "main")
    shutil.copytree(BUNDLED, top / "positions")
    if stances:
        assert invoke(runner, "migrate")[0] == 0
    git(top, "add", "-A", ".")
    git(top, "-c", "user.name=J", "-c", "user.email=j@x", "commit", "-qm", "R", date="2018-06-01")
    path = top / "positions" / "jcpoa.yaml"
    path.write_text(path.read_text().replace("stance: critical", "stance: opposes"))
    git(top, "-c", "user.name=J", "-c", "user.email=j@x", "commit", "-qam", "C", date="2019-01-15")


HISTORY = [
    ["diff", "HEAD~1", "HEAD"],
    ["diff", "2018-06-30", "2019-01-31", "--format", "json"],
    ["diff", "HEAD~1", "--format", "markdown", "--lang", "nl"],
    ["log"],
    ["log", "--format", "json"],
    ["list", "--at", "HEAD~1", "--format", "json"],
    ["show", "jcpoa", "--at", "2018-07-01"],
]


def test_diff_and_log_say_the_same_of_either_form(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = []
    for stances in (False, True):
        top = tmp_path / ("stances" if stances else "inline")
        top.mkdir()
        monkeypatch.chdir(top)
        _history(top, runner, stances)
        found.append(outputs(runner, HISTORY))
    assert [code for code, _, _ in found[0]] == [0] * len(HISTORY)
    assert found[0] == found[1]
    assert '"field": "stance"' in found[0][1][1]


def test_a_migration_is_no_change_to_diff_and_log(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path / "work")
    _history(tmp_path / "work", runner, stances=False)
    before = outputs(runner, [["log"]])
    invoke(runner, "migrate")
    code, out, _ = invoke(runner, "diff")
    head = git(tmp_path / "work", "rev-parse", "--short=12", "HEAD").strip()
    assert (code, out) == (
        0,
        f"Changes from {head} (2019-01-15) to working tree: 0 added, 0 removed, 0 changed\n",
    )
    git(tmp_path / "work", "-c", "user.name=J", "-c", "user.email=j@x", "commit", "-qam", "M")
    assert outputs(runner, [["log"]]) == before


def test_a_file_in_stances_form_must_name_the_registers_own_holder(
    runner: CliRunner, bundled: Path
) -> None:
    assert invoke(runner, "migrate", "jcpoa")[0] == 0
    path = bundled / "jcpoa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nholder: NL\n", "\nholder: EU\n"))
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert out == (
        "positions/jcpoa.yaml:12:9: holder 'EU' says whose statements in stances: are the "
        "file's own, but the register's own holder is 'NL' (posities.toml): write holder: NL, "
        "or move the stance back to the top level with posities migrate jcpoa --inline\n"
    )
    code, _, err = invoke(runner, "compare")  # never EU's stance shown as the Netherlands'
    assert code == 1
    assert "holder 'EU' says whose statements" in err
