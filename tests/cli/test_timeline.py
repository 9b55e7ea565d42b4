"""`posities timeline` through Typer's CliRunner, on a register with three holders, a decision
that reverses another and a stance that changed: real output in every format, the period,
one holder's statements, chosen ids, the register at a revision, and what is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.core.register import load
from posities.core.timeline import Scope, timeline
from posities.render.timeline import event_dict

from ..conftest import git, invoke, write

HOLDERS = """\
holder = "NL"

[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
EU = {nl = "Europese Unie", en = "European Union"}
US = {nl = "Verenigde Staten", en = "United States"}
"""

WITHDRAWAL = """\
id: paris-agreement
title:
  nl: Terugtrekking uit het klimaatakkoord
  en: Withdrawal from the climate agreement
actor: US
decision:
  date: 2017-06-01
  description:
    nl: De VS trekken zich terug.
    en: The US withdraws.
  milestones:
    - date: 2020-11-04
      description:
        nl: De terugtrekking gaat in.
        en: The withdrawal takes effect.
stance: critical
goal_shared: true
means_differ: true
summary:
  nl: Nederland is kritisch.
  en: The Netherlands is critical.
topics: [climate]
sources:
  - title: Een brief
    kind: kamerbrief
    date: 2017-06-02
    quote: Wij zijn kritisch.
updated: 2020-01-01
stances:
  - holder: NL
    stance: concerned
    goal_shared: null
    means_differ: null
    since: 2017-03-01
    until: 2017-06-01
    sources:
      - title: Een eerdere brief
        kind: kamerbrief
        date: 2017-03-01
        quote: Wij zijn bezorgd.
    updated: 2017-03-01
  - holder: EU
    stance: opposes
    goal_shared: true
    means_differ: null
    since: 2017-06-01
    sources:
      - title: Een verklaring
        kind: verklaring
        date: 2017-06-01
        quote: De EU wijst dit af.
    updated: 2017-06-01
"""

RETURN = """\
id: paris-return
title:
  nl: Terugkeer naar het klimaatakkoord
  en: Return to the climate agreement
actor: US
decision:
  date: 2021-01-20
  description:
    nl: De VS keren terug.
    en: The US returns.
stance: supports
goal_shared: true
means_differ: false
summary:
  nl: Nederland steunt de terugkeer.
  en: The Netherlands supports the return.
topics: [climate]
sources:
  - title: Een brief
    kind: kamerbrief
    date: 2021-01-21
    quote: Wij steunen de terugkeer.
updated: 2021-01-21
stances:
  - holder: US
    stance: supports
    goal_shared: true
    means_differ: null
    since: 2021-01-20
    sources:
      - title: A statement
        kind: statement
        date: 2021-01-20
        quote: We are back.
    updated: 2021-01-20
relations:
  - {type: reverses, id: paris-agreement}
"""

EU_ON_RETURN = """\
  - holder: EU
    stance: supports
    goal_shared: true
    means_differ: false
    since: 2021-01-21
    sources:
      - title: Een verklaring
        kind: verklaring
        date: 2021-01-21
        quote: De EU verwelkomt de terugkeer.
    updated: 2021-01-21
"""


@pytest.fixture
def climate(empty_register: Path) -> Path:
    """Three holders, a withdrawal with a milestone and a stance of NL that changed, and the
    return that reverses it."""
    write(empty_register, "posities.toml", HOLDERS)
    write(empty_register, "paris-agreement.yaml", WITHDRAWAL)
    write(empty_register, "paris-return.yaml", RETURN)
    return empty_register


TABLE = """\
Date             ID               Event        Holder  Stance                                       Description
1 March 2017     paris-agreement  stance       NL      concerned
1 June 2017      paris-agreement  decision                                                          Withdrawal from the climate agreement
1 June 2017      paris-agreement  stance       EU      opposes (goal shared)
1 June 2017      paris-agreement  stance ends  NL      concerned
1 June 2017      paris-agreement  stance       NL      critical (goal shared, means differ)
4 November 2020  paris-agreement  milestone                                                         The withdrawal takes effect.
20 January 2021  paris-return     decision                                                          Return to the climate agreement; reverses paris-agreement
20 January 2021  paris-return     stance       NL      supports (goal shared, means do not differ)
20 January 2021  paris-return     stance       US      supports (goal shared)
"""  # noqa: E501


def test_every_event_in_time_order(runner: CliRunner, climate: Path) -> None:
    assert invoke(runner, "timeline") == (0, TABLE, "")


def test_one_holder_keeps_its_statements_and_every_decision_and_milestone(
    runner: CliRunner, climate: Path
) -> None:
    code, out, err = invoke(runner, "timeline", "--holder", "eu")
    assert (code, err) == (0, "")
    assert out == (
        "Date             ID               Event      Holder  Stance                 Description\n"
        "1 June 2017      paris-agreement  decision                                  "
        "Withdrawal from the climate agreement\n"
        "1 June 2017      paris-agreement  stance     EU      opposes (goal shared)\n"
        "4 November 2020  paris-agreement  milestone                                 "
        "The withdrawal takes effect.\n"
        "20 January 2021  paris-return     decision                                  "
        "Return to the climate agreement; reverses paris-agreement\n"
    )


def test_from_and_to_include_their_days_and_take_a_month_or_a_year(
    runner: CliRunner, climate: Path
) -> None:
    code, out, _ = invoke(runner, "timeline", "--from", "2017-06-01", "--to", "2017-06-01")
    assert code == 0
    assert [line.split("  ")[0] for line in out.splitlines()[1:]] == ["1 June 2017"] * 4
    assert invoke(runner, "timeline", "--from", "2017-03", "--to", "today")[1] == TABLE
    _, out, _ = invoke(runner, "timeline", "--from", "2020", "--to", "2021-01", "-f", "csv")
    assert out == (
        "Date,ID,Event,Holder,Stance,Goal shared,Means differ,Description,Relations,Summary\n"
        "2020-11-04,paris-agreement,milestone,,,,,The withdrawal takes effect.,,\n"
        "2021-01-20,paris-return,decision,,,,,Return to the climate agreement,"
        "reverses paris-agreement,\n"
        "2021-01-20,paris-return,stance,NL,supports,yes,no,,,The Netherlands supports the return.\n"
        "2021-01-20,paris-return,stance,US,supports,yes,not stated,,,\n"
    )


def test_chosen_ids_and_filters(runner: CliRunner, climate: Path) -> None:
    code, out, _ = invoke(runner, "timeline", "paris-return", "--format", "json")
    assert code == 0
    assert {event["id"] for event in json.loads(out)} == {"paris-return"}
    _, out, _ = invoke(runner, "timeline", "--agree", "--format", "json")
    assert {event["id"] for event in json.loads(out)} == {"paris-return"}


def test_json_is_the_core_timeline(runner: CliRunner, climate: Path) -> None:
    code, out, err = invoke(runner, "timeline", "--format", "json")
    assert (code, err) == (0, "")
    register = load(climate)
    expected = [event_dict(e) for e in timeline(register.positions, register.holders, Scope())]
    assert json.loads(out) == expected
    assert expected[6]["relations"] == [{"type": "reverses", "id": "paris-agreement"}]
    assert [e["kind"] for e in expected[:4]] == ["statement", "decision", "statement", "ends"]


def test_memo_in_dutch_names_the_state_the_holder_and_the_period(
    runner: CliRunner, climate: Path
) -> None:
    commit = committed(climate)
    code, out, err = invoke(
        runner, "timeline", "-f", "markdown", "--lang", "nl", "--holder", "US", "--from", "2021"
    )
    assert (code, err) == (0, "")
    assert out == (
        "| Datum | ID | Gebeurtenis | Partij | Standpunt | Omschrijving |\n"
        "|---|---|---|---|---|---|\n"
        "| 20 januari 2021 | paris-return | besluit |  |  "
        "| Terugkeer naar het klimaatakkoord; draait paris-agreement terug |\n"
        "| 20 januari 2021 | paris-return | standpunt | US | steunt (doel gedeeld) |  |\n"
        "\n"
        f"*Stand van het register: 20 november 2026, commit {commit}; 1 van 2 standpunten; "
        "selectie: standpunt van: Verenigde Staten (US); vanaf 1 januari 2021.*\n"
    )


def test_at_a_revision_shows_the_register_as_it_was(runner: CliRunner, climate: Path) -> None:
    committed(climate)
    write(climate, "paris-return.yaml", RETURN.replace("relations:", EU_ON_RETURN + "relations:"))
    now = invoke(runner, "timeline", "paris-return", "--holder", "EU")[1]
    then = invoke(runner, "timeline", "paris-return", "--holder", "EU", "--at", "HEAD")[1]
    decision = ["20 January 2021", "paris-return", "decision"]
    decision.append("Return to the climate agreement; reverses paris-agreement")
    eu = ["21 January 2021", "paris-return", "stance", "EU"]
    eu.append("supports (goal shared, means do not differ)")
    assert cells(now) == [decision, eu]
    assert cells(then) == [decision]


def cells(table: str) -> list[list[str]]:
    """The cells of a plain table's rows, below its headings."""
    return [re.split(r"\s{2,}", line) for line in table.splitlines()[1:]]


def committed(register: Path) -> str:
    """Commit the register's folder on 20 November 2026; its short commit."""
    top = register.parent
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A", ".")
    git(top, "-c", "user.name=J", "-c", "user.email=j@x", "commit", "-qm", "r", date="2026-11-20")
    return git(top, "rev-parse", "--short=7", "HEAD").strip()


def test_output_to_a_file(runner: CliRunner, climate: Path, tmp_path: Path) -> None:
    target = tmp_path / "timeline.md"
    code, out, err = invoke(runner, "timeline", "-f", "markdown", "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8").startswith("| Date | ID | Event |")


def test_nothing_in_the_period_is_said_on_stderr(runner: CliRunner, climate: Path) -> None:
    assert invoke(runner, "timeline", "--from", "2022") == (
        0,
        "",
        "No events match (2 positions in the register).\n",
    )
    assert invoke(runner, "timeline", "--from", "2022", "-f", "json") == (0, "[]\n", "")


def test_an_empty_register_says_how_to_begin(runner: CliRunner, empty_register: Path) -> None:
    assert invoke(runner, "timeline") == (
        0,
        "",
        "The register has no positions yet: posities new ID adds one.\n",
    )


def test_an_unknown_id_suggests_close_ones(runner: CliRunner, climate: Path) -> None:
    assert invoke(runner, "timeline", "paris-agreemnt") == (
        2,
        "",
        "error: no position with id 'paris-agreemnt'; did you mean paris-agreement, "
        "paris-return? (`posities list` shows all ids)\n",
    )


def test_an_undeclared_holder_is_refused(runner: CliRunner, climate: Path) -> None:
    assert invoke(runner, "timeline", "--holder", "DE") == (
        2,
        "",
        "error: holder 'DE' is not declared in posities.toml. Declared: NL, EU, US\n",
    )


def test_a_period_that_ends_before_it_begins_is_refused(runner: CliRunner, climate: Path) -> None:
    assert invoke(runner, "timeline", "--from", "2021", "--to", "2020") == (
        2,
        "",
        "error: --from 2021-01-01 is after --to 2020-12-31: no day lies between them\n",
    )


@pytest.mark.parametrize("value", ["2021-13", "yesterday", "2021-02-30"])
def test_a_date_that_is_not_one_is_refused(runner: CliRunner, climate: Path, value: str) -> None:
    code, out, err = invoke(runner, "timeline", "--to", value)
    assert (code, out) == (2, "")
    assert "Invalid value for --to:" in err
    assert "is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY" in err


def test_a_terminal_gets_the_table_wrapped_to_its_width(climate: Path) -> None:
    from ..terminal import in_terminal

    shown = in_terminal(["timeline", "paris-return"], climate.parent, 80)
    assert (shown.code, shown.err) == (0, "")
    assert shown.out == (
        "Date             ID            Event     Holder  Stance          Description    \n"
        "20 January 2021  paris-return  decision                          Return to the  \n"
        "                                                                 climate        \n"
        "                                                                 agreement;     \n"
        "                                                                 reverses       \n"
        "                                                                 paris-agreement\n"
        "20 January 2021  paris-return  stance    NL      supports (goal                 \n"
        "                                                 shared, means                  \n"
        "                                                 do not differ)                 \n"
        "20 January 2021  paris-return  stance    US      supports (goal                 \n"
        "                                                 shared)                        \n"
    )


def test_html_is_the_memo_table_with_its_state_line(runner: CliRunner, climate: Path) -> None:
    from ..render.test_html import cells, parse

    code, memo, _ = invoke(runner, "timeline", "--format", "markdown", "--lang", "nl")
    code, out, err = invoke(runner, "timeline", "--format", "html", "--lang", "nl")
    assert (code, err) == (0, "")
    root = parse(out)
    assert root.all("title")[0].words() == "Tijdlijn"
    heads, body = cells(root)
    table = [line for line in memo.splitlines() if line.startswith("|")]
    assert heads == [h.strip() for h in table[0].strip("|").split("|")]
    assert len(body) == len(table) - 2
    assert body[0][:3] == [c.strip() for c in table[2].strip("|").split("|")][:3]
    state = [line.strip("*") for line in memo.splitlines() if line.startswith("*")]
    assert [p.words() for p in root.all("p")] == state
