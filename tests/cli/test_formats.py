"""Every command with --format, run in every format it offers, writes well-formed output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
import typer.main
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from posities.cli import app
from posities.cli.options import BINARY
from posities.render import Format

from .. import demo
from ..conftest import invoke, minimal, write
from ..render.test_html import html_tags
from ..render.test_xlsx import read

RUNS: dict[str, list[str]] = {
    "list": ["list"],
    "show": ["show", "jcpoa"],
    "matrix": ["matrix"],
    "compare": ["compare"],
    "check": ["check"],  # the register has a warning (a quote with no local text) to report
    "diff": ["diff", "HEAD~1", "HEAD"],
    "log": ["log"],
    "quote find": ["quote", "find", "terugtrekking mensenrechtenraad"],
    "timeline": ["timeline"],
    "text list": ["text", "list"],
}
"""How to run each command with --format so that it has something to write."""


def _commands(command: object, path: str = "") -> dict[str, object]:
    """Every command of the Click tree under `command`, by its path (`quote find`)."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return {path: command}
    found: dict[str, object] = {}
    for name, sub in subcommands.items():
        found |= _commands(sub, f"{path} {name}".strip())
    return found


def _formats(command: object) -> list[Format]:
    """The formats a command's --format offers; none without one."""
    for param in getattr(command, "params", []):
        if "--format" in param.opts:
            return list(param.type.choices)
    return []


CLAIMED = {
    path: _formats(command)
    for path, command in _commands(typer.main.get_command(app)).items()
    if _formats(command)
}


def test_every_command_with_a_format_is_run_here() -> None:
    assert sorted(CLAIMED) == sorted(RUNS)


def test_the_formats_each_command_offers() -> None:
    data = [Format.TABLE, Format.MARKDOWN, Format.JSON, Format.CSV]
    reports = [*data, Format.HTML, Format.DOCX]
    sheets = [*reports, Format.XLSX]
    offered = dict(CLAIMED)
    assert offered == {
        "list": sheets,
        "show": reports,
        "matrix": [*reports, Format.SVG],
        "compare": sheets,
        "check": [*data, Format.GITHUB],
        "diff": reports,
        "log": reports,
        "quote find": [Format.TABLE, Format.JSON],
        "text list": [Format.TABLE, Format.JSON],
        "timeline": [*reports, Format.SVG, Format.XLSX],
    }


def _well_formed(output_format: Format, text: str, data: bytes = b"") -> None:
    """Fail unless `text` (`data` for a file format) is a non-empty, readable document in
    `output_format`."""
    assert text.strip() or output_format in BINARY
    match output_format:
        case Format.JSON:
            assert json.loads(text)
        case Format.CSV:
            rows = list(csv.reader(io.StringIO(text)))
            assert len(rows) > 1
            assert {len(row) for row in rows} == {len(rows[0])}
        case Format.MARKDOWN:
            tokens = MarkdownIt("commonmark").enable("table").parse(text)
            assert "table_open" in [t.type for t in tokens]
        case Format.GITHUB:
            assert text.startswith(("::error ", "::warning "))
        case Format.TABLE:
            assert text.endswith("\n")
        case Format.HTML:
            tags = html_tags(text)
            assert tags[:2] == ["html", "head"]
            assert tags.count("table") == 1
            assert {"thead", "tbody", "th", "td"} <= set(tags)
        case Format.SVG:
            root = ElementTree.fromstring(text)
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert list(root.iter("{http://www.w3.org/2000/svg}text"))
        case Format.XLSX:
            sheet = read(data)
            assert sheet.max_row > 1
            assert sheet.freeze_panes == "A2"
        case Format.DOCX:
            import docx

            document = docx.Document(io.BytesIO(data))
            assert len(document.tables) == 1
            assert len(document.tables[0].rows) > 1
            assert document.paragraphs[0].style.name == "Heading 1"


@pytest.mark.parametrize(
    ("path", "output_format"),
    [(path, f) for path, formats in CLAIMED.items() for f in formats],
)
def test_every_command_writes_every_format_it_offers(
    runner: CliRunner, tmp_path: Path, bundled: Path, path: str, output_format: Format
) -> None:
    if path in ("diff", "log"):
        demo.build(tmp_path / "history")
        args = ["--dir", str(tmp_path / "history" / "positions")]
    else:
        if path == "check":
            write(bundled, "a-decision.yaml", minimal())
        args = []
    written = tmp_path / f"report.{output_format.value}"
    if output_format in BINARY:
        args += ["-o", str(written)]
    code, out, _ = invoke(runner, *RUNS[path], "--format", output_format.value, *args)
    assert code == 0
    if output_format in BINARY:
        assert out == ""
    _well_formed(output_format, out, written.read_bytes() if output_format in BINARY else b"")


@pytest.mark.parametrize(
    ("path", "output_format"),
    [(path, f) for path, formats in CLAIMED.items() for f in Format if f not in formats],
)
def test_a_format_a_command_does_not_offer_is_refused(
    runner: CliRunner, bundled: Path, path: str, output_format: Format
) -> None:
    code, out, err = invoke(runner, *RUNS[path], "--format", output_format.value)
    assert (code, out) == (2, "")
    assert "Invalid value for '--format' / '-f'" in err
    assert f"{output_format.value!r} is not one of" in err
