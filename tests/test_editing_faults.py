"""The editing commands against hostile editors, signals, arguments and streams: each ends with
a clear message and a code that says what happened to the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import invoke, minimal, write
from .test_editing import editor

# --- edit: the copy is never read or written through a link ---------------------------------

LINK = "is not a regular file (a symbolic link)"
SWAPS = {
    "a link to another file": ('rm -f "$1"; ln -s {victim} "$1"', LINK),
    "a link to a valid version": ('rm -f "$1"; ln -s {valid} "$1"', LINK),
    "a folder": ('rm -f "$1"; mkdir "$1"', "is not a regular file (a folder)"),
    "a named pipe": ('rm -f "$1"; mkfifo "$1"', "is not a regular file (a named pipe)"),
    "nothing": ('rm -f "$1"', "is gone"),
}


@pytest.mark.parametrize("swap", SWAPS)
def test_an_editor_that_swaps_the_copy_ends_the_session(
    runner: CliRunner,
    empty_register: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    swap: str,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    valid = tmp_path / "valid.yaml"
    valid.write_text(minimal(stance="opposes"), encoding="utf-8")
    step, what = SWAPS[swap]
    monkeypatch.setenv("EDITOR", editor(tmp_path, step.format(victim=victim, valid=valid)))
    code, out, err = invoke(runner, "edit", "a-decision")
    (folder,) = tmp_path.glob("posities-edit-*")
    copy = folder / "a-decision.yaml"
    assert (code, out, err) == (
        1,
        "",
        f"the edited copy at {copy} {what}; positions/a-decision.yaml is unchanged\n",
    )
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert valid.read_text(encoding="utf-8") == minimal(stance="opposes")
    assert path.read_text(encoding="utf-8") == minimal()


def test_the_problems_replace_a_link_the_editor_left_and_never_go_through_it(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that links the copy after it is read: the next version (with the problems at
    the top) replaces the link instead of being written into what it points to."""
    from posities import editing

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    seen: list[str] = []
    real_check = editing.check_text

    def link_after_reading(text: str, stem: str, label: str) -> list[editing.Problem]:
        (copy,) = tmp_path.glob("posities-edit-*/a-decision.yaml")
        copy.unlink()
        copy.symlink_to(victim)
        return real_check(text, stem, label)

    def an_editor(_words: list[str], file: Path) -> int:
        if not seen:
            file.write_text(minimal() + "stance: opposes\n", encoding="utf-8")
        seen.append(file.read_text(encoding="utf-8"))
        return 0

    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.setattr(editing, "check_text", link_after_reading)
    monkeypatch.setattr(editing, "run_editor", an_editor)
    code, _, err = invoke(runner, "edit", "a-decision")
    assert code == 1
    assert err.startswith("gave up: positions/a-decision.yaml is unchanged; ")
    assert seen[1].startswith("# posities: this version was not saved.")
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert path.read_text(encoding="utf-8") == minimal()
