"""compare written out: the words of a cell and a heading, the plain, CSV and JSON tables, the
memo with one footnote per distinct quote, and the terminal table, wide and narrow."""

from __future__ import annotations

import json

from rich.console import Console

from posities.core.compare import Comparison, compare
from posities.core.query import Filter
from posities.model.holders import Holders
from posities.model.records import Localized, Source, Stance
from posities.model.words import Lang
from posities.render.compare import (
    cell_text,
    compare_csv,
    compare_json,
    compare_markdown,
    compare_plain,
    compare_rich,
    heading,
)

from ..core.test_compare import HOLDERS, decided, said

LETTER = Source("Een brief", "kamerbrief", "Wij zijn kritisch.", date="2018-06-05", text="t.txt")
SHARED = Source("Verklaring", "persbericht", "Wij allen verwelkomen het.", date="2021-01-21")
GOAL = Source(
    "Een brief", "kamerbrief", "Het doel delen wij.", date="2018-06-05", supports=("goal_shared",)
)
SUMMARY = Source("Een brief", "kamerbrief", "Kort gezegd.", supports=("summary",))

TARIFFS = decided(
    "tariffs",
    "2018-03-08",
    said("US", Stance.SUPPORTS, "2018-03-08", goal_shared=True, means_differ=False),
    said("EU", Stance.OPPOSES, "2018-06-01", until="2020-01-01", sources=(GOAL, SUMMARY)),
    stance=Stance.CRITICAL,
    goal_shared=True,
    sources=(LETTER, GOAL, SUMMARY),
    title=Localized("Heffingen | staal", "Steel *tariffs*"),
)
RETURN = decided(
    "paris-return",
    "2021-01-20",
    said("EU", Stance.SUPPORTS, "2021-01-20", sources=(SHARED,)),
    stance=Stance.SUPPORTS,
    sources=(SHARED,),
    title=Localized("Terugkeer naar Parijs", "Return to Paris"),
)


def comparison(day: str = "2021-06-01", *given: str) -> Comparison:
    return compare([TARIFFS, RETURN], HOLDERS, Filter(), day, given)


# --- words ------------------------------------------------------------------------------------


def test_a_cell_gives_goal_and_means_only_where_stated() -> None:
    nl, us, eu = comparison("2019-01-01").rows[0].views
    assert cell_text(nl, Lang.EN) == "critical; goal shared: yes"
    assert cell_text(us, Lang.EN) == "supports; goal shared: yes; means differ: no"
    assert cell_text(us, Lang.NL) == "steunt; doel gedeeld: ja; middelen verschillen: nee"
    assert cell_text(eu, Lang.EN) == "opposes"


def test_a_holder_with_nothing_in_force_is_not_stated_never_no() -> None:
    eu = comparison("2021-06-01").rows[0].views[2]
    assert (cell_text(eu, Lang.EN), cell_text(eu, Lang.NL)) == ("not stated", "niet vermeld")


def test_a_heading_is_the_holders_name_in_the_language_with_its_code() -> None:
    assert heading("US", HOLDERS, Lang.EN) == "United States (US)"
    assert heading("US", HOLDERS, Lang.NL) == "Verenigde Staten (US)"
    assert heading("FR", HOLDERS, Lang.EN) == "FR"
    assert heading("NL", Holders(), Lang.NL) == "NL"


# --- plain, CSV, JSON -------------------------------------------------------------------------


def test_plain_table() -> None:
    assert compare_plain(comparison("2019-01-01"), HOLDERS, Lang.EN) == (
        "ID            Decision         Date        Netherlands (NL)            "
        "United States (US)                            European Union (EU)\n"
        "tariffs       Steel *tariffs*  2018-03-08  critical; goal shared: yes  "
        "supports; goal shared: yes; means differ: no  opposes\n"
        "paris-return  Return to Paris  2021-01-20  not stated                  "
        "not stated                                    not stated\n"
    )


def test_csv_one_row_per_decision_one_column_per_holder() -> None:
    assert compare_csv(comparison("2021-06-01", "EU", "NL"), HOLDERS, Lang.NL) == (
        "ID,Besluit,Datum,Europese Unie (EU),Nederland (NL)\n"
        "tariffs,Heffingen | staal,2018-03-08,niet vermeld,kritisch; doel gedeeld: ja\n"
        "paris-return,Terugkeer naar Parijs,2021-01-20,steunt,steunt\n"
    )


def test_json_gives_each_holders_statement_or_null() -> None:
    assert json.loads(compare_json(comparison("2019-01-01", "EU", "NL", "DE"))) == [
        {
            "id": "tariffs",
            "title": {"nl": "Heffingen | staal", "en": "Steel *tariffs*"},
            "date": "2018-03-08",
            "holders": {
                "EU": {
                    "stance": "opposes",
                    "goal_shared": None,
                    "means_differ": None,
                    "since": "2018-06-01",
                    "until": "2020-01-01",
                },
                "NL": {  # the file's own statement holds from the decision's date
                    "stance": "critical",
                    "goal_shared": True,
                    "means_differ": None,
                    "since": "2018-03-08",
                    "until": None,
                },
                "DE": None,
            },
        },
        {
            "id": "paris-return",
            "title": {"nl": "Terugkeer naar Parijs", "en": "Return to Paris"},
            "date": "2021-01-20",
            "holders": {"EU": None, "NL": None, "DE": None},
        },
    ]


def test_json_has_one_decision_a_line_as_list_writes_its_records() -> None:
    lines = compare_json(comparison("2019-01-01", "EU")).splitlines()
    assert lines[0] == "["
    assert lines[1] == (
        '{"id": "tariffs", "title": {"nl": "Heffingen | staal", "en": "Steel *tariffs*"}, '
        '"date": "2018-03-08", "holders": {"EU": {"stance": "opposes", "goal_shared": null, '
        '"means_differ": null, "since": "2018-06-01", "until": "2020-01-01"}}},'
    )
    assert lines[2].startswith('{"id": "paris-return"')
    assert lines[3:] == ["]"]


def test_json_of_no_rows_is_an_empty_array() -> None:
    assert compare_json(compare([], HOLDERS, Filter(), "2021-01-01")) == "[]\n"


# --- the memo ---------------------------------------------------------------------------------


def test_memo_without_sources_has_no_marks() -> None:
    assert compare_markdown(comparison("2019-01-01", "NL", "EU"), HOLDERS, Lang.EN, "*State.*") == (
        "| ID | Decision | Date | Netherlands (NL) | European Union (EU) |\n"
        "|---|---|---|---|---|\n"
        "| tariffs | Steel \\*tariffs\\* | 2018-03-08 | critical; goal shared: yes | opposes |\n"
        "| paris-return | Return to Paris | 2021-01-20 | not stated | not stated |\n"
        "\n"
        "*State.*\n"
    )


def test_memo_footnotes_one_per_distinct_quote_marked_on_the_cells_it_supports() -> None:
    # the letter backs NL's stance; the goal quote backs NL's goal shared but not EU's, which
    # states none; the summary quote backs no cell; the shared quote backs NL's and EU's
    # support of the return, and is one footnote
    memo = compare_markdown(comparison("2021-06-01"), HOLDERS, Lang.NL, "*Stand.*", True)
    assert memo == (
        "| ID | Besluit | Datum | Nederland (NL) | Verenigde Staten (US) | Europese Unie (EU) |\n"
        "|---|---|---|---|---|---|\n"
        "| tariffs | Heffingen \\| staal | 2018-03-08 | kritisch; doel gedeeld: ja[^1][^2] | "
        "steunt; doel gedeeld: ja; middelen verschillen: nee[^3] | niet vermeld |\n"
        "| paris-return | Terugkeer naar Parijs | 2021-01-20 | steunt[^4] | niet vermeld | "
        "steunt[^4] |\n"
        "\n"
        "*Stand.*\n"
        "\n"
        "[^1]: “Wij zijn kritisch.” — Een brief (kamerbrief, 5 juni 2018).\n"
        "[^2]: “Het doel delen wij.” — Een brief (kamerbrief, 5 juni 2018); niet getoetst aan "
        "een brontekst.\n"
        "[^3]: “Wij vinden er iets van.” — Een brief (kamerbrief, datum niet vermeld); niet "
        "getoetst aan een brontekst.\n"
        "[^4]: “Wij allen verwelkomen het.” — Verklaring (persbericht, 21 januari 2021); niet "
        "getoetst aan een brontekst.\n"
    )


def test_memo_with_sources_and_nothing_stated_has_no_notes() -> None:
    memo = compare_markdown(comparison("2010-01-01"), HOLDERS, Lang.EN, "*State.*", True)
    assert "[^" not in memo
    assert memo.endswith("*State.*\n")


# --- the terminal -----------------------------------------------------------------------------


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, force_terminal=True, color_system="standard", record=True)
    console.print(renderable, markup=False)
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]


def test_terminal_table_gives_a_cell_a_line_for_each_thing_it_says() -> None:
    assert rendered(compare_rich(comparison("2019-01-01"), HOLDERS, Lang.EN, 100), 100) == [
        "ID            Decision         Date        Netherlands (NL)  United States (US)  "
        "European Union (EU)",
        "tariffs       Steel *tariffs*  2018-03-08  critical          supports            opposes",
        "                                           goal shared: yes  goal shared: yes",
        "                                                             means differ: no",
        "paris-return  Return to Paris  2021-01-20  not stated        not stated          "
        "not stated",
    ]


def test_terminal_table_wraps_between_words_to_fit() -> None:
    lines = rendered(compare_rich(comparison("2019-01-01"), HOLDERS, Lang.EN, 90), 90)
    assert max(len(line) for line in lines) <= 90
    assert lines[:3] == [" " * 81 + "European", " " * 81 + "Union", HEAD + "(EU)"]
    assert lines[-2:] == [ROW + "not", " " * 81 + "stated"]


HEAD = "ID            Decision         Date        Netherlands (NL)  United States (US)  "
ROW = "paris-return  Return to Paris  2021-01-20  not stated        not stated          "


def test_terminal_too_narrow_shows_each_decision_as_labelled_lines() -> None:
    assert rendered(compare_rich(comparison("2019-01-01"), HOLDERS, Lang.EN, 60), 60) == [
        "ID: tariffs",
        "Decision: Steel *tariffs*",
        "Date: 2018-03-08",
        "Netherlands (NL): critical; goal shared: yes",
        "United States (US): supports; goal shared: yes; means",
        "differ: no",
        "European Union (EU): opposes",
        "",
        "ID: paris-return",
        "Decision: Return to Paris",
        "Date: 2021-01-20",
        "Netherlands (NL): not stated",
        "United States (US): not stated",
        "European Union (EU): not stated",
    ]


def test_terminal_table_reads_no_name_as_markup() -> None:
    marked = Holders("NL", {"NL": Localized("[red]NL[/red]", "[bold]Nether[/bold]")}, True)
    done = compare([TARIFFS], marked, Filter(), "2019-01-01", ["NL"])
    assert "[bold]Nether[/bold] (NL)" in rendered(compare_rich(done, marked, Lang.EN, 200), 200)[0]
