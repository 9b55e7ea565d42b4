"""The README's test command is the one CI runs, and that run measures branch coverage."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_runs_the_tests_as_ci_does() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    runs = [line for line in ci.splitlines() if line.startswith("python -m pytest")]
    assert runs == ["python -m pytest -q --cov"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme, flags=re.DOTALL)
    assert blocks[1].endswith(" && " + runs[0])


def test_coverage_counts_branches_and_the_command_lines_own_processes() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    coverage = config["tool"]["coverage"]
    assert coverage["run"]["branch"] is True
    assert coverage["run"]["source"] == ["posities"]
    assert "subprocess" in coverage["run"]["patch"]  # tests that run `python -m posities`
    assert coverage["report"]["fail_under"] >= 90
