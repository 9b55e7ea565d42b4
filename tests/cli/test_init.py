"""`posities init`: a new register that the first `posities new` can fill, made once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import invoke
from .test_editing import NEW

MADE = "positions/\npositions/texts/\npositions/position.schema.json\n"
NOTE = (
    ".gitattributes names the diff driver; `posities git install` also sets "
    "diff.posities.command in git's config, which is not shared: run it once in each clone\n"
)
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(top: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=top, env=CLEAN_ENV, capture_output=True, text=True, check=False
    )


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file and folder under `folder`, with its modification time and bytes."""
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, b"" if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


def test_init_makes_a_register(runner: CliRunner) -> None:
    assert invoke(runner, "init") == (0, "", MADE)
    assert (Path("positions/texts")).is_dir()
    schema = invoke(runner, "schema")[1]
    assert Path("positions/position.schema.json").read_text(encoding="utf-8") == schema


def test_the_readme_shows_what_init_prints() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("## Starting a register\n", 1)[1].split("```\n", 2)[1]
    assert shown == MADE


def test_without_a_register_commands_point_to_init(runner: CliRunner) -> None:
    code, _, err = invoke(runner, *NEW)
    assert code == 2
    assert err.endswith("`posities init` starts one here.\n")


def test_init_then_new_then_check(runner: CliRunner) -> None:
    assert invoke(runner, "init")[0] == 0
    letter = Path("positions/texts/brief.txt")
    letter.write_text("Een brief.\n\nWij zijn kritisch. Dat blijft zo.\n", encoding="utf-8")
    with_text = [*NEW, "--source-text", "texts/brief.txt"]
    assert invoke(runner, *with_text) == (0, "positions/tariffs-2025.yaml\n", "")
    assert invoke(runner, "check") == (0, "", "1 position checked: no problems.\n")


def test_init_twice_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "init")
    before = snapshot(tmp_path / "work")
    assert invoke(runner, "init") == (
        0,
        "",
        "positions/ is set up already; nothing was changed\n",
    )
    assert snapshot(tmp_path / "work") == before


def test_init_completes_a_register_without_positions(runner: CliRunner) -> None:
    Path("positions").mkdir()
    assert invoke(runner, "init") == (0, "", "positions/texts/\npositions/position.schema.json\n")


def test_init_leaves_an_existing_register_alone(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    (bundled / "position.schema.json").unlink()
    before = snapshot(tmp_path / "work")
    assert invoke(runner, "init") == (
        0,
        "",
        "positions/ is a register already (5 position files); left as it is\n",
    )
    assert snapshot(tmp_path / "work") == before


def test_init_leaves_a_folder_with_other_files_alone(runner: CliRunner) -> None:
    Path("positions").mkdir()
    Path("positions/notes.md").write_text("")
    assert invoke(runner, "init") == (0, "", "positions/ is not empty; left as it is\n")
    assert os.listdir("positions") == ["notes.md"]


def test_init_inside_a_register_folder_leaves_it_alone(
    runner: CliRunner, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundled)
    assert invoke(runner, "init") == (
        0,
        "",
        "this folder is a register already (it holds position.schema.json); left as it is\n",
    )
    assert not (bundled / "positions").exists()


def test_init_dir_makes_the_folder_and_ignores_the_register_variable(
    runner: CliRunner, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIES_DIR", str(bundled))
    Path("new").mkdir()
    assert invoke(runner, "init", "--dir", "new/project") == (
        0,
        "",
        "new/project/\n" + MADE.replace("positions/", "new/project/positions/"),
    )
    assert invoke(runner, "list", "--dir", "new/project") == (
        0,
        "",
        "The register has no positions yet: posities new ID adds one.\n",
    )


def test_init_dir_makes_no_missing_parent_folders(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "init", "--dir", "new/project") == (
        2,
        "",
        "error: cannot create the folder 'new/project': the folder 'new' it goes in does not "
        "exist; create that first\n",
    )
    assert not Path("new").exists()
    gone = tmp_path / "no" / "such" / "path"
    code, _, err = invoke(runner, "init", "--dir", str(gone))
    assert code == 2
    assert f"the folder '{gone.parent}' it goes in does not exist" in err
    assert not (tmp_path / "no").exists()


def test_init_in_a_git_repository_adds_the_attributes_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    top = tmp_path / "work"
    assert git(top, "init", "-q").returncode == 0
    assert invoke(runner, "init", "--dir", "sub") == (
        0,
        "",
        "sub/\n" + MADE.replace("positions/", "sub/positions/") + ".gitattributes\n" + NOTE,
    )
    assert (top / ".gitattributes").read_text() == "sub/positions/*.yaml diff=posities\n"
    assert git(top, "config", "--local", "--get", "diff.posities.command").stdout == ""
    assert invoke(runner, "init", "--dir", "sub") == (
        0,
        "",
        "sub/positions/ is set up already; nothing was changed\n",
    )
    assert (top / ".gitattributes").read_text() == "sub/positions/*.yaml diff=posities\n"


def test_init_outside_git_writes_no_attributes(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "init") == (0, "", MADE)
    assert not list(tmp_path.rglob(".gitattributes"))


def test_a_file_named_positions_is_an_error(runner: CliRunner) -> None:
    Path("positions").write_text("")
    assert invoke(runner, "init") == (2, "", "error: 'positions' exists and is not a folder\n")
    assert Path("positions").is_file()


def test_a_folder_that_cannot_be_written_is_an_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert invoke(runner, "init") == (
        2,
        "",
        "error: cannot create the folder 'positions': Permission denied\n",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "work").chmod(0o555)
    try:
        code, out, err = invoke(runner, "init")
    finally:
        (tmp_path / "work").chmod(0o755)
    assert (code, out, err) == (
        2,
        "",
        "error: cannot create the folder 'positions': Permission denied\n",
    )


def test_a_schema_that_cannot_be_written_is_an_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posities.core import init as init_module

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(init_module, "replace_text", refuse)
    assert invoke(runner, "init") == (
        2,
        "",
        "error: cannot write 'positions/position.schema.json': Read-only file system\n",
    )
