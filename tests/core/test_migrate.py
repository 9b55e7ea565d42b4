"""`posities migrate` without the command line: the own statement moved between the top level
and `stances:`, the record and every comment kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.fmt import lay_out
from posities.core.migrate import migrate
from posities.core.register import load
from posities.errors import Problem
from posities.model.records import to_dict

from ..conftest import minimal, write
from ..model.test_records import stances_form

EU = """\
  - holder: EU  # the Union
    stance: concerned
    goal_shared: null
    means_differ: null
    since: 2019-02-01
    sources:
      - title: Een verklaring
        kind: verklaring
        quote: Wij zijn bezorgd.
    updated: 2020-01-01
"""
EARLIER_NL = EU.replace("EU  # the Union", "NL  # before the letter").replace("02-01", "01-01")

RICH = (
    minimal()
    .replace("stance: critical\n", "# our view\nstance: critical  # since the letter\n")
    .replace("means_differ: null\n", "means_differ: null\nsince: 2019-01-05\nuntil: 2030-01-01\n")
    .replace("    date: 2019-02-03\n", "    date: 2019-02-03  # as sent\n")
    + "stances:\n"
    + EU
    + EARLIER_NL
    + "relations:\n  - {type: related, id: b-decision}\n"
    + "# the end\n"
)


def records(root: Path) -> list[dict[str, object]]:
    register = load(root)
    assert register.valid, register.problems
    return [to_dict(p) for p in register.positions]


def test_the_stances_form_is_what_migrate_writes(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    before = records(empty_register)
    done = migrate(empty_register, [], inline=False, check=False)
    assert (done.changed, done.unchanged, done.problems) == (["positions/a-decision.yaml"], 0, [])
    assert path.read_text(encoding="utf-8") == stances_form()
    assert records(empty_register) == before
    done = migrate(empty_register, [], inline=True, check=False)
    assert done.changed == ["positions/a-decision.yaml"]
    assert path.read_text(encoding="utf-8") == minimal()


def test_comments_other_statements_and_dates_go_there_and_back(empty_register: Path) -> None:
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    path = write(empty_register, "a-decision.yaml", RICH)
    assert lay_out(empty_register, ["a-decision"], check=True).unchanged == 1  # laid out
    before = records(empty_register)
    migrate(empty_register, ["a-decision"], inline=False, check=False)
    text = path.read_text(encoding="utf-8")
    assert text.split("topics: [trade]\n")[1] == (
        "stances:\n" + EU + EARLIER_NL + "  - holder: NL\n"
        "    # our view\n"
        "    stance: critical  # since the letter\n"
        "    goal_shared: null\n"
        "    means_differ: null\n"
        "    since: 2019-01-05\n"
        "    until: 2030-01-01\n"
        "    summary:\n"
        "      nl: Nederland vindt er iets van.\n"
        "      en: The Netherlands has a view.\n"
        "    sources:\n"
        "      - title: Een brief\n"
        "        kind: kamerbrief\n"
        "        date: 2019-02-03  # as sent\n"
        "        quote: Wij vinden er iets van.\n"
        "    updated: 2020-01-01\n"
        "relations:\n  - {type: related, id: b-decision}\n"
        "# the end\n"
    )
    assert "holder: NL\ntopics: [trade]\n" in text
    assert records(empty_register) == before
    assert lay_out(empty_register, [], check=True).changed == []  # in layout
    migrate(empty_register, [], inline=True, check=False)
    assert path.read_text(encoding="utf-8") == RICH


def test_a_partial_decision_date_gives_its_first_day(empty_register: Path) -> None:
    text = minimal().replace("  date: 2019-01-02\n", "  date: 2019-01\n")
    path = write(empty_register, "a-decision.yaml", text)
    migrate(empty_register, [], inline=False, check=False)
    assert "    since: 2019-01-01\n" in path.read_text(encoding="utf-8")
    migrate(empty_register, [], inline=True, check=False)
    assert path.read_text(encoding="utf-8") == text


def test_a_since_on_the_decision_date_is_left_out_going_back(empty_register: Path) -> None:
    text = minimal().replace("means_differ: null\n", "means_differ: null\nsince: 2019-01-02\n")
    path = write(empty_register, "a-decision.yaml", text)
    before = records(empty_register)
    migrate(empty_register, [], inline=False, check=False)
    assert path.read_text(encoding="utf-8") == stances_form()
    migrate(empty_register, [], inline=True, check=False)
    assert path.read_text(encoding="utf-8") == minimal()
    assert records(empty_register) == before


def test_the_own_holder_is_the_register_s(empty_register: Path) -> None:
    write(empty_register, "posities.toml", 'holder = "EU"\n')
    path = write(empty_register, "a-decision.yaml", minimal())
    migrate(empty_register, [], inline=False, check=False)
    assert path.read_text(encoding="utf-8") == stances_form().replace("holder: NL", "holder: EU")


def test_a_byte_order_mark_and_crlf_are_kept(empty_register: Path) -> None:
    path = empty_register / "a-decision.yaml"
    original = b"\xef\xbb\xbf" + minimal().replace("\n", "\r\n").encode()
    path.write_bytes(original)
    migrate(empty_register, [], inline=False, check=False)
    assert path.read_bytes() == b"\xef\xbb\xbf" + stances_form().replace("\n", "\r\n").encode()
    migrate(empty_register, [], inline=True, check=False)
    assert path.read_bytes() == original


def test_check_changes_nothing_and_files_in_the_form_are_left(empty_register: Path) -> None:
    inline = write(empty_register, "a-decision.yaml", minimal())
    stances = write(empty_register, "b-decision.yaml", stances_form("b-decision"))
    done = migrate(empty_register, [], inline=False, check=True)
    assert (done.changed, done.unchanged) == (["positions/a-decision.yaml"], 1)
    assert inline.read_text(encoding="utf-8") == minimal()
    done = migrate(empty_register, [], inline=True, check=True)
    assert (done.changed, done.unchanged) == (["positions/b-decision.yaml"], 1)
    assert stances.read_text(encoding="utf-8") == stances_form("b-decision")


def test_a_later_own_statement_in_stances_is_refused_at_its_place(empty_register: Path) -> None:
    later = EARLIER_NL.replace("2019-01-01", "2021-06-01")
    text = minimal() + "stances:\n" + later
    path = write(empty_register, "a-decision.yaml", text)
    done = migrate(empty_register, [], inline=False, check=False)
    assert (done.changed, done.unchanged) == ([], 0)
    assert done.problems == [
        Problem(
            "positions/a-decision.yaml",
            29,  # its since
            12,
            "stances[0] is NL's statement from 2021-06-01, not before the top-level one (from "
            "2019-01-02): in the stances form the latest of NL's statements is the file's own "
            "stance, so the file would read differently; nothing was changed. Make the latest "
            "the top-level statement first",
        )
    ]
    assert path.read_text(encoding="utf-8") == text


def test_another_holder_s_mark_is_not_moved_back(empty_register: Path) -> None:
    text = stances_form().replace("holder: NL", "holder: DE")
    write(empty_register, "a-decision.yaml", text)
    done = migrate(empty_register, [], inline=True, check=False)
    assert done.problems == [
        Problem(
            "positions/a-decision.yaml",
            11,
            9,
            "holder: DE is not the register's own holder (NL), whose statement the top-level "
            "stance is; nothing was changed. Set it to NL if these are NL's statements",
        )
    ]


def test_an_invalid_file_gives_its_problems_and_the_others_are_migrated(
    empty_register: Path,
) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="kritisch"))
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    write(empty_register, "c-decision.yaml", "id: [\n")
    done = migrate(empty_register, [], inline=False, check=False)
    assert done.changed == ["positions/b-decision.yaml"]
    assert [(p.path, p.line, p.column) for p in done.problems] == [
        ("positions/a-decision.yaml", 11, 9),
        ("positions/c-decision.yaml", 2, 1),
    ]
    assert "'kritisch' is not valid; did you mean 'critical'?" in done.problems[0].message


def test_a_config_with_problems_changes_nothing(empty_register: Path) -> None:
    from posities.errors import PositiesError

    write(empty_register, "posities.toml", "holder = \n")
    path = write(empty_register, "a-decision.yaml", minimal())
    with pytest.raises(PositiesError) as error:
        migrate(empty_register, [], inline=False, check=False)
    assert str(error.value) == (
        "posities.toml has problems, so the register's own holder is not known; nothing was changed"
    )
    assert [p.path for p in error.value.problems] == ["positions/posities.toml"]
    assert path.read_text(encoding="utf-8") == minimal()


def test_a_text_that_would_not_read_as_the_same_record_is_not_written(
    empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posities.core import migrate as module

    path = write(empty_register, "a-decision.yaml", minimal())
    monkeypatch.setattr(
        module, "in_stances", lambda *_: stances_form().replace("critical", "opposes")
    )
    done = migrate(empty_register, [], inline=False, check=False)
    assert [str(p) for p in done.problems] == [
        "positions/a-decision.yaml: in the stances form the file would not read as the same "
        "record; nothing was changed. Please report this with the file"
    ]
    assert path.read_text(encoding="utf-8") == minimal()
