"""The README's commands work: every `$ posities` line runs; the first one's output is real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from .conftest import invoke

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"^\$ posities (.+)$", README, flags=re.MULTILINE)


def test_readme_starts_with_install_and_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README, flags=re.DOTALL)
    assert "pip install . && posities list --disagree" in blocks[0]
    assert "pip install -e '.[test]' && python -m pytest -q" in blocks[1]


def test_every_readme_command_runs(runner: CliRunner, bundled: Path) -> None:
    assert len(COMMANDS) >= 4
    for command in COMMANDS:
        code, _, err = invoke(runner, *shlex.split(command))
        assert code == 0, (command, err)


def test_readme_list_output_is_real(runner: CliRunner, bundled: Path) -> None:
    block = README.split("$ posities list --disagree\n", 1)[1].split("```", 1)[0]
    assert invoke(runner, "list", "--disagree")[1] == block
