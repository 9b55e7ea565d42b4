"""The timeline's formats: a plain and a Rich table and a memo with dates as memos write them,
JSON equal to the core's events, CSV with ISO dates; stances with what they state of goal
and means, and relations in words."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from posities.core.query import Filter
from posities.core.timeline import Event, Kind, Scope, timeline
from posities.model.records import RELATION_TYPES, Localized, Relation, Stance
from posities.model.words import Lang, relation_phrase
from posities.render.timeline import (
    criteria,
    csv_timeline,
    event_dict,
    json_timeline,
    markdown_timeline,
    plain_timeline,
    rich_timeline,
    stance_cell,
)

from ..core.test_timeline import HOLDERS, REGISTER

EVENTS = timeline(REGISTER, HOLDERS, Scope())
RETURN = timeline(REGISTER, HOLDERS, Scope(("paris-return",)))


def test_plain_table() -> None:
    assert plain_timeline(EVENTS, Lang.EN) == (
        "Date             ID               Event        Holder  Stance"
        "                                Description\n"
        "1 March 2017     paris-agreement  stance       NL      concerned\n"
        "1 June 2017      paris-agreement  decision"
        "                                                   Withdrawal from the climate deal\n"
        "1 June 2017      paris-agreement  stance       EU      opposes (goal shared)\n"
        "1 June 2017      paris-agreement  stance ends  NL      concerned\n"
        "1 June 2017      paris-agreement  stance       NL      "
        "critical (goal shared, means differ)\n"
        "March 2018       tariffs          decision"
        "                                                   A decision\n"
        "March 2018       tariffs          stance       NL      critical\n"
        "4 November 2020  paris-agreement  milestone"
        "                                                  It takes effect.\n"
        "20 January 2021  paris-return     decision"
        "                                                   Return to the climate deal; "
        "reverses paris-agreement\n"
        "20 January 2021  paris-return     stance       NL      supports\n"
        "20 January 2021  paris-return     stance       US      supports\n"
    )


def test_memo_in_dutch() -> None:
    assert markdown_timeline(EVENTS, Lang.NL, "*Stand.*") == (
        "| Datum | ID | Gebeurtenis | Partij | Standpunt | Omschrijving |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 maart 2017 | paris-agreement | standpunt | NL | bezorgd |  |\n"
        "| 1 juni 2017 | paris-agreement | besluit |  |  | Terugtrekking uit het klimaatakkoord |\n"
        "| 1 juni 2017 | paris-agreement | standpunt | EU | wijst af (doel gedeeld) |  |\n"
        "| 1 juni 2017 | paris-agreement | einde standpunt | NL | bezorgd |  |\n"
        "| 1 juni 2017 | paris-agreement | standpunt | NL "
        "| kritisch (doel gedeeld, middelen verschillen) |  |\n"
        "| maart 2018 | tariffs | besluit |  |  | Een besluit |\n"
        "| maart 2018 | tariffs | standpunt | NL | kritisch |  |\n"
        "| 4 november 2020 | paris-agreement | mijlpaal |  |  | Het gaat in. |\n"
        "| 20 januari 2021 | paris-return | besluit |  |  "
        "| Terugkeer naar het klimaatakkoord; draait paris-agreement terug |\n"
        "| 20 januari 2021 | paris-return | standpunt | NL | steunt |  |\n"
        "| 20 januari 2021 | paris-return | standpunt | US | steunt |  |\n"
        "\n"
        "*Stand.*\n"
    )


def test_memo_escapes_markdown_in_the_data() -> None:
    event = Event("2020-01-01", Kind.MILESTONE, "a", Localized("", ""), text=Localized("", "a|b*"))
    assert markdown_timeline([event], Lang.EN, "").splitlines()[2] == (
        "| 1 January 2020 | a | milestone |  |  | a\\|b\\* |"
    )


def test_csv_has_iso_dates_the_stance_in_parts_relations_and_summary() -> None:
    assert csv_timeline(EVENTS, Lang.NL) == (
        "Datum,ID,Gebeurtenis,Partij,Standpunt,Doel gedeeld,Middelen verschillen,Omschrijving,"
        "Relaties,Samenvatting\n"
        "2017-03-01,paris-agreement,standpunt,NL,bezorgd,niet vermeld,niet vermeld,,,\n"
        "2017-06-01,paris-agreement,besluit,,,,,Terugtrekking uit het klimaatakkoord,,\n"
        "2017-06-01,paris-agreement,standpunt,EU,wijst af,ja,niet vermeld,,,\n"
        "2017-06-01,paris-agreement,einde standpunt,NL,bezorgd,niet vermeld,niet vermeld,,,\n"
        "2017-06-01,paris-agreement,standpunt,NL,kritisch,ja,ja,,,Kritisch.\n"
        "2018-03,tariffs,besluit,,,,,Een besluit,,\n"
        "2018-03,tariffs,standpunt,NL,kritisch,niet vermeld,niet vermeld,,,Kritisch.\n"
        "2020-11-04,paris-agreement,mijlpaal,,,,,Het gaat in.,,\n"
        "2021-01-20,paris-return,besluit,,,,,Terugkeer naar het klimaatakkoord,"
        "draait paris-agreement terug,\n"
        "2021-01-20,paris-return,standpunt,NL,steunt,niet vermeld,niet vermeld,,,Kritisch.\n"
        "2021-01-20,paris-return,standpunt,US,steunt,niet vermeld,niet vermeld,,,\n"
    )


def test_json_is_the_core_events_as_objects() -> None:
    assert json.loads(json_timeline(EVENTS)) == [event_dict(e) for e in EVENTS]
    assert json.loads(json_timeline(RETURN))[:2] == [
        {
            "date": "2021-01-20",
            "kind": "decision",
            "id": "paris-return",
            "title": {
                "nl": "Terugkeer naar het klimaatakkoord",
                "en": "Return to the climate deal",
            },
            "holder": None,
            "stance": None,
            "goal_shared": None,
            "means_differ": None,
            "text": {"nl": "De VS keren terug.", "en": "The US returns."},
            "relations": [{"type": "reverses", "id": "paris-agreement"}],
        },
        {
            "date": "2021-01-20",
            "kind": "statement",
            "id": "paris-return",
            "title": {
                "nl": "Terugkeer naar het klimaatakkoord",
                "en": "Return to the climate deal",
            },
            "holder": "NL",
            "stance": "supports",
            "goal_shared": None,
            "means_differ": None,
            "text": {"nl": "Kritisch.", "en": "Critical."},
            "relations": [],
        },
    ]
    assert json_timeline([]) == "[]\n"


def test_json_writes_one_compact_event_per_line() -> None:
    lines = json_timeline(RETURN).splitlines()
    assert (lines[0], lines[-1], len(lines)) == ("[", "]", 5)
    assert lines[3] == (
        '{"date": "2021-01-20", "kind": "statement", "id": "paris-return", '
        '"title": {"nl": "Terugkeer naar het klimaatakkoord", "en": "Return to the climate deal"}, '
        '"holder": "US", "stance": "supports", "goal_shared": null, "means_differ": null, '
        '"text": null, "relations": []}'
    )


@pytest.mark.parametrize(
    ("goal", "means", "lang", "expected"),
    [
        (None, None, Lang.EN, "critical"),
        (True, None, Lang.EN, "critical (goal shared)"),
        (False, True, Lang.EN, "critical (goal not shared, means differ)"),
        (None, False, Lang.EN, "critical (means do not differ)"),
        (True, True, Lang.NL, "kritisch (doel gedeeld, middelen verschillen)"),
        (False, False, Lang.NL, "kritisch (doel niet gedeeld, middelen verschillen niet)"),
    ],
)
def test_a_stance_says_what_it_states_of_goal_and_means(
    goal: bool | None, means: bool | None, lang: Lang, expected: str
) -> None:
    event = Event("2020", Kind.ENDS, "a", Localized("", ""), "NL", Stance.CRITICAL, goal, means)
    assert stance_cell(event, lang) == expected
    assert stance_cell(Event("2020", Kind.DECISION, "a", Localized("", "")), lang) == ""


def test_every_relation_type_has_words() -> None:
    said = {
        t: (relation_phrase(t, "x", Lang.EN), relation_phrase(t, "x", Lang.NL))
        for t in RELATION_TYPES
    }
    assert said == {
        "reverses": ("reverses x", "draait x terug"),
        "supersedes": ("supersedes x", "vervangt x"),
        "responds-to": ("responds to x", "reageert op x"),
        "related": ("related to x", "hangt samen met x"),
    }
    both = Event(
        "2020",
        Kind.DECISION,
        "a",
        Localized("Besluit", "Decision"),
        relations=(Relation("supersedes", "b"), Relation("related", "c")),
    )
    assert (
        plain_timeline([both], Lang.EN)
        .splitlines()[1]
        .endswith("Decision; supersedes b; related to c")
    )


def test_criteria_name_the_decisions_and_the_period() -> None:
    assert criteria(Scope(), Lang.EN) == []
    scope = Scope(("b", "a", "b"), Filter(), "2017-01-01", "2021-06-30")
    assert criteria(scope, Lang.NL) == [
        "besluiten: b, a",
        "van 1 januari 2017 tot en met 30 juni 2021",
    ]
    assert criteria(Scope(start="2017-01-01"), Lang.EN) == ["from 1 January 2017"]
    assert criteria(Scope(end="2021-06-30"), Lang.EN) == ["up to 30 June 2021"]


def _terminal(renderable: object, width: int) -> str:
    console = Console(width=width, force_terminal=True, color_system="standard", record=True)
    console.print(renderable)
    return console.export_text(styles=False)


def test_terminal_table_wraps_long_texts_between_words() -> None:
    assert _terminal(rich_timeline(RETURN, Lang.NL, 80), 80).splitlines() == [
        "Datum            ID            Gebeurtenis  Partij  Standpunt  Omschrijving     ",
        "20 januari 2021  paris-return  besluit                         Terugkeer naar   ",
        "                                                               het              ",
        "                                                               klimaatakkoord;  ",
        "                                                               draait           ",
        "                                                               paris-agreement  ",
        "                                                               terug            ",
        "20 januari 2021  paris-return  standpunt    NL      steunt                      ",
        "20 januari 2021  paris-return  standpunt    US      steunt                      ",
    ]


def test_a_narrow_terminal_gets_a_block_per_event_without_empty_cells() -> None:
    assert _terminal(rich_timeline(RETURN[:2], Lang.NL, 40), 40).splitlines() == [
        "Datum: 20 januari 2021",
        "ID: paris-return",
        "Gebeurtenis: besluit",
        "Omschrijving: Terugkeer naar het ",
        "klimaatakkoord; draait paris-agreement ",
        "terug",
        "",
        "Datum: 20 januari 2021",
        "ID: paris-return",
        "Gebeurtenis: standpunt",
        "Partij: NL",
        "Standpunt: steunt",
    ]


def test_terminal_colours_the_stance_and_reads_no_markup() -> None:
    event = Event(
        "2020", Kind.STATEMENT, "a", Localized("", ""), "[bold]X[/]", Stance.OPPOSES, None, None
    )
    console = Console(width=100, force_terminal=True, color_system="standard", record=True)
    console.print(rich_timeline([event], Lang.EN, 100), markup=False)
    assert "\x1b[1;31mopposes" in console.export_text(styles=True, clear=False)
    assert "[bold]X[/]" in console.export_text(styles=False)
