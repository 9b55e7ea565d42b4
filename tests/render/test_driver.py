"""The text git's diff driver shows: field changes, and lines where a side is not a valid
position."""

from __future__ import annotations

import os
from pathlib import Path

from posities.render import driver as gitdriver

from ..conftest import minimal, write


def test_driver_text_shows_field_changes(tmp_path: Path) -> None:
    old = write(tmp_path, "old", minimal())
    new = write(tmp_path, "new", minimal(stance="opposes"))
    assert gitdriver.driver_text("positions/a-decision.yaml", str(old), str(new)) == (
        "posities diff a/positions/a-decision.yaml b/positions/a-decision.yaml\n"
        "~ a-decision\n"
        "    stance: critical → opposes\n"
    )
    added = gitdriver.driver_text("positions/a-decision.yaml", os.devnull, str(new))
    assert added.endswith("+ a-decision: new position (opposes)\n")
    comment = write(tmp_path, "comment", "# note\n" + minimal())
    same = gitdriver.driver_text("positions/a-decision.yaml", str(old), str(comment))
    assert same.endswith("no change in content (layout or comments only)\n")


def test_driver_text_falls_back_to_lines_for_an_invalid_side(tmp_path: Path) -> None:
    old = write(tmp_path, "old", minimal())
    new = write(tmp_path, "new", minimal(stance="maybe"))
    text = gitdriver.driver_text("positions/a-decision.yaml", str(old), str(new))
    assert "  ! b/positions/a-decision.yaml:11:9: stance: the string 'maybe'" in text
    assert "-stance: critical\n+stance: maybe\n" in text


def test_the_driver_s_line_diff_ends_lines_only_at_a_newline(tmp_path: Path) -> None:
    old = write(tmp_path, "old", minimal())
    new = write(tmp_path, "new", minimal().replace("stance: critical", "stance: a\rb\x0bc\x1cd"))
    text = gitdriver.driver_text("positions/a-decision.yaml", str(old), str(new))
    assert "-stance: critical\n+stance: a\\x0db\\x0bc\\x1cd\n" in text
    old = write(tmp_path, "old-crlf", minimal().replace("\n", "\r\n"))
    crlf = write(tmp_path, "crlf", minimal(stance="maybe").replace("\n", "\r\n"))
    text = gitdriver.driver_text("positions/a-decision.yaml", str(old), str(crlf))
    assert "-stance: critical\n+stance: maybe\n" in text


def test_the_driver_escapes_a_name_that_is_not_utf8_once(tmp_path: Path) -> None:
    name = os.fsdecode(b"positions/bad\xff.yaml")
    new = write(tmp_path, "new", minimal())
    text = gitdriver.driver_text(name, os.devnull, str(new))
    assert text.splitlines()[:2] == [
        "posities diff a/positions/bad\\udcff.yaml b/positions/bad\\udcff.yaml",
        "  ! b/positions/bad\\udcff.yaml:1:5: id 'a-decision' does not match the file name "
        "'bad\\udcff.yaml'; rename one so they agree",
    ]
