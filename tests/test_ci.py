"""The README's test command is the one CI runs, that run measures branch coverage, and the
pre-commit hooks run check and fmt."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

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


def test_the_pre_commit_hooks_run_check_and_fmt() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [
        {
            "id": "posities-check",
            "name": "posities check",
            "description": "Validate a posities register (positions/*.yaml) and verify its quotes.",
            "entry": "posities check",
            "language": "python",
            "pass_filenames": False,
            "files": r"^(.*/)?positions/.*\.(ya?ml|txt)$",
        },
        {
            "id": "posities-fmt",
            "name": "posities fmt --check",
            "description": "Check that every position file is laid out the register's one way.",
            "entry": "posities fmt --check",
            "language": "python",
            "pass_filenames": False,
            "files": r"^(.*/)?positions/.*\.ya?ml$",
        },
    ]
