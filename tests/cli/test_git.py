"""`posities git install` and `uninstall`: the diff driver in .gitattributes and git's config,
and the driver as git runs it."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import CLEAN_ENV, git, invoke, minimal, write


def git_outside_the_environment(top: Path, *args: str) -> str:
    """The output of git run as a shell or a git GUI without the virtual environment runs it."""
    env = CLEAN_ENV | {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(["git", *args], cwd=top, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_git_install_makes_git_diff_semantic(
    runner: CliRunner, history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/opt/venv/bin/{name}")  # on PATH here
    code, _, err = invoke(runner, "git", "install")
    assert code == 0
    assert "added to .gitattributes: positions/*.yaml diff=posities" in err
    assert (history / ".gitattributes").read_text() == "positions/*.yaml diff=posities\n"
    command = git(history, "config", "diff.posities.command").strip()
    assert command == f"{shlex.quote(sys.executable)} -P -m posities git diff-driver"
    invoke(runner, "git", "install")  # twice is once
    assert (history / ".gitattributes").read_text() == "positions/*.yaml diff=posities\n"
    write(history / "positions", "a-decision.yaml", minimal(stance="supports"))
    shown = git_outside_the_environment(history, "diff")
    assert "~ a-decision\n    stance: opposes → supports\n" in shown
    logged = git_outside_the_environment(
        history, "log", "-p", "--ext-diff", "-1", "HEAD~1", "--format=%s"
    )
    assert "stance: critical → opposes" in logged
    code, _, err = invoke(runner, "git", "uninstall")
    assert code == 0
    assert not (history / ".gitattributes").exists()
    assert "diff.posities" not in git(history, "config", "--local", "--list")
    assert "+stance: supports" in git(history, "diff")


def test_the_driver_command_survives_spaces_and_a_posities_module_in_the_repository(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my tools é"
    folder.mkdir()
    python = folder / "python"
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(python))
    assert invoke(runner, "git", "install")[0] == 0
    command = git(history, "config", "diff.posities.command").strip()
    assert command == f"'{python}' -P -m posities git diff-driver"
    (history / "posities.py").write_text("raise SystemExit('not the package')\n")
    write(history / "positions", "a-decision.yaml", minimal(stance="supports"))
    shown = git_outside_the_environment(history, "diff")
    assert "~ a-decision\n    stance: opposes → supports\n" in shown


@pytest.fixture
def driven(runner: CliRunner, history: Path) -> Path:
    """The history with the diff driver installed."""
    assert invoke(runner, "git", "install")[0] == 0
    git(history, "add", ".gitattributes")
    git(history, "commit", "-q", "-m", "Driver")
    return history


def test_the_driver_names_a_rename_and_checks_the_new_name(driven: Path) -> None:
    git(driven, "mv", "positions/a-decision.yaml", "positions/a-decision-2.yaml")
    assert git_outside_the_environment(driven, "diff", "--cached", "-M") == (
        "posities diff a/positions/a-decision.yaml b/positions/a-decision-2.yaml\n"
        "renamed: positions/a-decision.yaml → positions/a-decision-2.yaml\n"
        "  ! b/positions/a-decision-2.yaml:1:5: id 'a-decision' does not match the file name "
        "'a-decision-2.yaml'; rename one so they agree\n"
    )
    renamed = driven / "positions" / "a-decision-2.yaml"
    renamed.write_text(minimal("a-decision-2", stance="opposes", goal_shared="true"))
    git(driven, "add", "-A")
    assert git_outside_the_environment(driven, "diff", "--cached", "-M") == (
        "posities diff a/positions/a-decision.yaml b/positions/a-decision-2.yaml\n"
        "renamed: positions/a-decision.yaml → positions/a-decision-2.yaml\n"
        "~ a-decision-2\n"
        "    id: a-decision → a-decision-2\n"
    )


def test_the_driver_names_a_mode_change(driven: Path) -> None:
    (driven / "positions" / "a-decision.yaml").chmod(0o755)
    assert git_outside_the_environment(driven, "diff") == (
        "posities diff a/positions/a-decision.yaml b/positions/a-decision.yaml\n"
        "mode changed: 100644 → 100755\n"
    )


def test_the_driver_names_a_symbolic_link_and_a_binary_file(driven: Path) -> None:
    folder = driven / "positions"
    (folder / "c-decision.yaml").symlink_to("../shared.yaml")
    (folder / "d-decision.yaml").write_bytes(b"id: d\0\r\r\x85\n" * 3)
    git(driven, "add", "-A")
    assert git_outside_the_environment(driven, "diff", "--cached") == (
        "posities diff a/positions/c-decision.yaml b/positions/c-decision.yaml\n"
        "  b/positions/c-decision.yaml is a symbolic link to ../shared.yaml\n"
        "posities diff a/positions/d-decision.yaml b/positions/d-decision.yaml\n"
        "  b/positions/d-decision.yaml is a binary file, not a position\n"
    )
    git(driven, "commit", "-q", "-m", "Link")
    (folder / "c-decision.yaml").unlink()
    (folder / "c-decision.yaml").symlink_to("../elsewhere.yaml")
    assert git_outside_the_environment(driven, "diff") == (
        "posities diff a/positions/c-decision.yaml b/positions/c-decision.yaml\n"
        "  a/positions/c-decision.yaml is a symbolic link to ../shared.yaml\n"
        "  b/positions/c-decision.yaml is a symbolic link to ../elsewhere.yaml\n"
    )


@pytest.mark.parametrize(
    ("folder", "other"),
    [
        ("my reg[1]", "my reg1"),
        ("st*r", "stair"),
        ("q?", "qa"),
        ("back\\slash", "backslash"),
        ("!bang", "bang"),
        ("#hash", "hash"),
    ],
)
def test_git_install_escapes_a_folder_name_that_looks_like_a_pattern(
    runner: CliRunner, repo: Path, folder: str, other: str
) -> None:
    (repo / folder).mkdir()
    write(repo / folder, "a-decision.yaml", minimal())
    assert invoke(runner, "git", "install", "--dir", folder)[0] == 0
    attribute = git(repo, "check-attr", "diff", "--", f"{folder}/a-decision.yaml")
    assert attribute.endswith(": diff: posities\n"), attribute
    attribute = git(repo, "check-attr", "diff", "--", f"{other}/a-decision.yaml")
    assert attribute.endswith(": diff: unspecified\n"), attribute  # that folder only
    assert invoke(runner, "git", "uninstall", "--dir", folder)[0] == 0
    assert not (repo / ".gitattributes").exists()


def test_git_uninstall_removes_the_unescaped_line_of_earlier_versions(
    runner: CliRunner, repo: Path
) -> None:
    (repo / "reg[1]").mkdir()
    write(repo / "reg[1]", "a-decision.yaml", minimal())
    (repo / ".gitattributes").write_text("*.txt text\nreg[1]/*.yaml diff=posities\n")
    code, _, err = invoke(runner, "git", "uninstall", "--dir", "reg[1]")
    assert (code, err) == (0, "removed from .gitattributes: reg[1]/*.yaml diff=posities\n")
    assert (repo / ".gitattributes").read_text() == "*.txt text\n"


def test_a_gitattributes_that_is_not_utf8_is_left_alone(runner: CliRunner, history: Path) -> None:
    (history / ".gitattributes").write_bytes(b"caf\xe9.txt text\n")
    code, _, err = invoke(runner, "git", "install")
    assert code == 2
    assert err == (
        f"error: {history / '.gitattributes'} is not UTF-8 text (byte 4), so it is left alone; "
        "edit it by hand\n"
    )
    assert (history / ".gitattributes").read_bytes() == b"caf\xe9.txt text\n"


def test_git_install_keeps_crlf_line_endings(runner: CliRunner, history: Path) -> None:
    attributes = history / ".gitattributes"
    attributes.write_bytes(b"*.txt text\r\n*.png binary\r\n")
    invoke(runner, "git", "install")
    assert attributes.read_bytes() == (
        b"*.txt text\r\n*.png binary\r\npositions/*.yaml diff=posities\r\n"
    )
    code, _, err = invoke(runner, "git", "uninstall")
    assert (code, err) == (
        0,
        "removed from .gitattributes: positions/*.yaml diff=posities\n"
        "removed git config diff.posities.command\n",
    )
    assert attributes.read_bytes() == b"*.txt text\r\n*.png binary\r\n"


def test_git_uninstall_removes_only_what_install_set(runner: CliRunner, history: Path) -> None:
    invoke(runner, "git", "install")
    git(history, "config", "diff.posities.textconv", "cat")
    code, _, err = invoke(runner, "git", "uninstall")
    assert code == 0
    assert err.splitlines() == [
        "removed from .gitattributes: positions/*.yaml diff=posities",
        "deleted .gitattributes: that line was all it held (commit its removal to share it)",
        "removed git config diff.posities.command",
        "kept git config section diff.posities: it holds settings of yours "
        "(diff.posities.textconv)",
    ]
    assert git(history, "config", "--local", "--get-regexp", "^diff") == (
        "diff.posities.textconv cat\n"
    )
    git(history, "config", "--unset", "diff.posities.textconv")
    invoke(runner, "git", "install")
    assert invoke(runner, "git", "uninstall")[0] == 0
    config = (history / ".git" / "config").read_text(encoding="utf-8")
    assert "posities" not in config  # an emptied section goes too
    code, _, err = invoke(runner, "git", "uninstall")
    assert (code, err) == (0, "nothing to remove: the driver was not installed\n")


def test_the_driver_command_checks_its_arguments(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "git", "diff-driver", "one", "two")
    assert code == 2
    assert "expected the 7 or 9 arguments git passes to a diff driver, got 2" in err
