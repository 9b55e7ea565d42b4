"""The README's commands work and show real output, run in its example history."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from . import demo
from .conftest import invoke

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"^\$ posities (.+)$", README, flags=re.MULTILINE)
BLOCKS = [
    re.findall(r"^\$ posities (.+)\n((?:(?!\$ posities ).*\n)*)", block, flags=re.MULTILINE)
    for block in re.findall(r"```console\n(\$ posities .*?)```", README, flags=re.DOTALL)
]
"""Each console example as the commands it runs in order, each with the output shown."""
EXAMPLES = [step for block in BLOCKS for step in block]
SHA = re.compile(r"\b[0-9a-f]{12}\b|(?<=commit )[0-9a-f]{7}\b")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The README's example: the bundled register, committed twice, as the current folder."""
    return demo.build(tmp_path / "work")


def test_readme_starts_with_install_and_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README, flags=re.DOTALL)
    assert "pip install . && posities list --disagree" in blocks[0]
    assert "pip install -e '.[test]' && python -m pytest -q" in blocks[1]


def test_every_readme_command_runs(runner: CliRunner, history: Path) -> None:
    assert len(COMMANDS) >= 8
    refusals = {c for c, shown in EXAMPLES if shown.startswith("error: ")}
    for command in COMMANDS:
        code, _, err = invoke(runner, *shlex.split(command))
        if command in refusals:  # an example of what is refused
            assert (code, err.startswith("error: ")) == (1, True), (command, err)
        else:
            assert code == 0, (command, err)


@pytest.mark.parametrize(
    "steps",
    [b for b in BLOCKS if not b[0][0].startswith("check")],  # check's example is of a bad file
    ids=lambda steps: steps[0][0][:40],
)
def test_readme_output_is_real(
    runner: CliRunner, history: Path, steps: list[tuple[str, str]]
) -> None:
    for command, shown in steps:  # a block's commands run in order, each on what came before
        _, out, err = invoke(runner, *shlex.split(command))
        output = SHA.sub("<sha>", out + err)
        shown = SHA.sub("<sha>", shown)
        if shown.endswith("...\n"):  # an example cut short
            assert output.startswith(shown.removesuffix("...\n")), command
        else:
            assert output == shown, command


def test_readme_driver_output_is_real(runner: CliRunner, history: Path) -> None:
    shown = README.split("so `git diff` shows position changes field by field:\n\n```\n", 1)[1]
    shown = shown.split("```", 1)[0]
    demo_diff = demo.run_git(history.parent, "show", "HEAD~1:positions/jcpoa.yaml")
    old = history.parent / "old.yaml"
    old.write_text(demo_diff, encoding="utf-8")
    from posities.render.driver import driver_text

    assert driver_text("positions/jcpoa.yaml", str(old), str(history / "jcpoa.yaml")) == shown


def test_every_picture_the_readme_shows_is_in_the_repository() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures
    root = Path(__file__).resolve().parent.parent
    assert [p for p in pictures if not (root / p).is_file()] == []
