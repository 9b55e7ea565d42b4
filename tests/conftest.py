"""Shared fixtures: an isolated environment, registers built under tmp_path, a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.cli import app

BUNDLED = Path(__file__).resolve().parent.parent / "positions"
ASSETS = Path(__file__).resolve().parent / "assets"

MINIMAL = """\
id: {id}
title:
  nl: Een besluit
  en: A decision
actor: US
decision:
  date: 2019-01-02
  description:
    nl: Iets is besloten.
    en: Something was decided.
stance: {stance}
goal_shared: {goal_shared}
means_differ: null
summary:
  nl: Nederland vindt er iets van.
  en: The Netherlands has a view.
topics: [{topics}]
sources:
  - title: Een brief
    kind: kamerbrief
    date: 2019-02-03
    quote: Wij vinden er iets van.
updated: 2020-01-01
"""


def minimal(
    ident: str = "a-decision",
    stance: str = "critical",
    goal_shared: str = "null",
    topics: str = "trade",
) -> str:
    """The text of a small valid position file."""
    return MINIMAL.format(id=ident, stance=stance, goal_shared=goal_shared, topics=topics)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's environment, cache or register."""
    for name in ("POSITIES_DIR", "POSITIES_LANG", "POSITIES_NO_CACHE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POSITIES_CACHE_DIR", str(tmp_path / "cache"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled register, as `positions/` in the current folder."""
    target = tmp_path / "work" / "positions"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def empty_register(tmp_path: Path) -> Path:
    """An empty `positions/` folder in the current folder."""
    target = tmp_path / "work" / "positions"
    target.mkdir()
    return target


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner with a fixed terminal width."""
    return CliRunner(env={"COLUMNS": "100", "TERM": "dumb"})


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write a file into a register folder, as UTF-8 when given text."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run `posities ARGS` and return exit code, stdout and stderr."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
