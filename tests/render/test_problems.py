"""Check's report as GitHub annotations."""

from __future__ import annotations

from posities.errors import Problem
from posities.render.problems import problems_github


def test_github_workflow_commands_are_escaped() -> None:
    problem = Problem("a,b:c%.yaml", 2, 3, "50% done\nnext line")
    assert problems_github([problem]) == (
        "::error file=a%2Cb%3Ac%25.yaml,line=2,col=3::50%25 done%0Anext line\n"
        "a,b:c%.yaml:2:3: 50% done\nnext line\n"
    )
