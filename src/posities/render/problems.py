"""Problems and warnings as `check` reports them: plain lines, JSON, GitHub annotations, CSV
and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from posities.errors import Problem
from posities.io.formats import json_text
from posities.render.text import csv_table, markdown_table, md

if TYPE_CHECKING:
    pass


# --- problems -----------------------------------------------------------------------------


def problems_text(problems: Sequence[Problem]) -> str:
    """`path:line:col: message`, one per line: the format editors and CI annotate."""
    return "".join(f"{p}\n" for p in problems)


def problems_json(problems: Sequence[Problem]) -> str:
    """Problems as a JSON array of {path, line, column, severity, message}."""
    return json_text(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": p.message,
            }
            for p in problems
        ]
    )


def _github_escape(text: str, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def problems_github(problems: Sequence[Problem]) -> str:
    """Problems as GitHub Actions workflow commands (annotations on the files), each followed
    by the plain `path:line:col: message` line for the log."""
    lines = []
    for problem in problems:
        props = [f"file={_github_escape(problem.path, True)}"]
        if problem.line is not None:
            props += [f"line={problem.line}", f"col={problem.column or 1}"]
        command = f"::{problem.severity} {','.join(props)}::{_github_escape(problem.message)}"
        lines += [command, str(problem)]
    return "".join(line + "\n" for line in lines)


def problems_csv(problems: Sequence[Problem]) -> str:
    """Problems as CSV rows."""
    return csv_table(
        ["path", "line", "column", "severity", "message"],
        ([p.path, p.line or "", p.column or "", p.severity, p.message] for p in problems),
    )


def problems_markdown(problems: Sequence[Problem]) -> str:
    """Problems as a Markdown table."""
    body = [
        [md(p.path), str(p.line or ""), str(p.column or ""), p.severity, md(p.message)]
        for p in problems
    ]
    return markdown_table(["path", "line", "column", "severity", "message"], body)
