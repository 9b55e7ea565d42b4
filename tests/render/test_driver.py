"""The text git's diff driver shows: field changes, and lines where a side is not a valid
position."""

from __future__ import annotations

import os
from pathlib import Path

from posities.model.words import Lang
from posities.render import driver as gitdriver

from ..conftest import minimal, own_statement_item, write


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


EU_STANCE = """\
stances:
  - holder: EU
    stance: {stance}
    goal_shared: true
    means_differ: null
    since: {since}
    sources:
      - title: Raadsconclusies
        kind: verslag
        quote: De EU is kritisch.
    updated: 2019-03-02
relations:
  - {{type: reverses, id: b-decision}}
"""


def test_driver_text_shows_statements_with_their_holder_and_since(tmp_path: Path) -> None:
    old = write(tmp_path, "old", minimal())
    new = write(
        tmp_path, "new", minimal() + EU_STANCE.format(stance="critical", since="2019-03-01")
    )
    assert gitdriver.driver_text("positions/a-decision.yaml", str(old), str(new)) == (
        "posities diff a/positions/a-decision.yaml b/positions/a-decision.yaml\n"
        "~ a-decision\n"
        "    new statement of EU from 2019-03-01: critical\n"
        "    relations: + reverses b-decision\n"
    )
    later = minimal(stance="opposes").replace("updated:", "since: 2018-12-01\nupdated:")
    back_dated = write(
        tmp_path, "back", later + EU_STANCE.format(stance="opposes", since="2019-02-20")
    )
    assert gitdriver.driver_text("positions/a-decision.yaml", str(new), str(back_dated)) == (
        "posities diff a/positions/a-decision.yaml b/positions/a-decision.yaml\n"
        "~ a-decision\n"
        "    stance: critical → opposes\n"
        "    in force from: 2019-01-02 → 2018-12-01\n"
        "    stance (EU from 2019-02-20): critical → opposes\n"
        "    in force from (EU from 2019-02-20): 2019-03-01 → 2019-02-20\n"
    )


OWN_BEFORE = "stances:\n" + own_statement_item("DE", until="2020-06-01")


def test_the_driver_names_the_register_s_own_holder(tmp_path: Path) -> None:
    """A change of position recorded with its date: the earlier stance moved into stances:."""
    folder = tmp_path / "work" / "positions"
    folder.mkdir()
    write(folder, "posities.toml", 'holder = "DE"\n')
    old = write(tmp_path, "old", minimal())
    changed = minimal(stance="opposes").replace("updated:", "since: 2020-06-01\nupdated:")
    new = write(tmp_path, "new", changed + OWN_BEFORE)
    text = gitdriver.driver_text("positions/a-decision.yaml", str(old), str(new), Lang.NL)
    assert text.splitlines()[1:] == [
        "~ a-decision",
        "    geldend tot (DE vanaf 2019-01-02): — → 2020-06-01",
        "    nieuw standpunt van DE vanaf 2020-06-01: wijst af",
    ]
