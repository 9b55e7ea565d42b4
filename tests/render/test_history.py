"""render/history called directly: diffs and logs built by hand, in every format and in both
languages, checked line for line."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from posities.core.changes import FIELDS, SOURCE_KEYS, Change, Changed, RegisterDiff
from posities.core.history import Point
from posities.core.log import LogEntry
from posities.git.repo import Commit
from posities.model.records import Localized, Source, Stance, Statement, statement_dict
from posities.model.words import Lang
from posities.render import history as h

from ..conftest import position_record

SOURCE = Source("Een brief", "kamerbrief", "Wij vinden er iets van.", "2019-02-03")
A = position_record(SOURCE)
A_LATER = dataclasses.replace(A, stance=Stance.OPPOSES, goal_shared=True)
B = dataclasses.replace(
    A,
    id="b-decision",
    title=Localized("Tarieven | *hoog*", "Tariffs | *high*"),
    stance=Stance.SUPPORTS,
)
C = dataclasses.replace(A, id="c-decision", title=Localized("=Sancties", "=Sanctions"))

FIRST = Commit("1a2b3c4d5e6f" + "0" * 28, "2018-06-01T12:00:00+00:00")
SECOND = Commit("abcdef012345" + "1" * 28, "2019-01-15T12:00:00+00:00")

CHANGES = (
    Change("stance", "critical", "opposes"),
    Change("goal_shared", None, True),
    Change(
        "summary",
        {"nl": "Kritisch.", "en": "Critical."},
        {"nl": "Zeer\nkritisch.", "en": "Critical."},
    ),
    Change("sources", "Wij vinden er iets van.", None),
    Change("sources", None, "Wij   vinden\ner niets van."),
    Change("sources.url", None, "https://example.org/brief"),
)
DIFF = RegisterDiff(added=(B,), removed=(C,), changed=(Changed(A, A_LATER, CHANGES),))
LOG = [
    LogEntry(
        SECOND,
        "Jan\x1b[31m Jansen",
        "A: opposes\u202e",
        RegisterDiff(changed=(Changed(A, A_LATER, CHANGES[:2]),)),
    ),
    LogEntry(FIRST, "Anna", "Register", RegisterDiff(added=(A,))),
]


# --- words for fields, values and points ----------------------------------------------------


@pytest.mark.parametrize(
    ("field", "english", "dutch"),
    [
        ("title", "title", "titel"),
        ("decision.date", "decision date", "datum besluit"),
        ("decision.milestones", "milestones", "mijlpalen"),
        ("stance", "stance", "standpunt"),
        ("goal_shared", "goal shared", "doel gedeeld"),
        ("means_differ", "means differ", "middelen verschillen"),
        ("sources", "source quote", "citaat uit bron"),
        ("sources.url", "source url", "bron url"),
        ("sources.supports", "source supports", "bron supports"),
    ],
)
def test_a_field_is_labelled_in_either_language(field: str, english: str, dutch: str) -> None:
    assert h.field_label(field, Lang.EN) == english
    assert h.field_label(field, Lang.NL) == dutch


@pytest.mark.parametrize("lang", list(Lang))
def test_every_field_a_change_can_name_has_a_label(lang: Lang) -> None:
    labels = [h.field_label(f, lang) for f in FIELDS] + [
        h.field_label(f"sources.{key}", lang) for key in SOURCE_KEYS
    ]
    assert all(labels)
    assert len(set(labels)) == len(labels)


MILESTONES = [
    {"date": "2019-05-01", "description": {"nl": "In werking.", "en": "In force."}},
    {"date": "2020-01-01", "description": {"nl": "Verlengd.", "en": "Extended."}},
]


@pytest.mark.parametrize(
    ("field", "value", "english", "dutch"),
    [
        ("goal_shared", True, "yes", "ja"),
        ("goal_shared", False, "no", "nee"),
        ("means_differ", None, "not stated", "niet vermeld"),
        ("stance", "opposes", "opposes", "wijst af"),
        ("stance", "supports", "supports", "steunt"),
        ("stance", None, "—", "—"),
        ("summary", {"nl": "Kritisch.", "en": "Critical."}, "Critical.", "Kritisch."),
        (
            "decision.milestones",
            MILESTONES,
            "2019-05-01: In force.; 2020-01-01: Extended.",
            "2019-05-01: In werking.; 2020-01-01: Verlengd.",
        ),
        ("decision.milestones", [], "—", "—"),
        ("topics", ["trade", "climate"], "trade, climate", "trade, climate"),
        ("topics", [], "—", "—"),
        ("sources.supports", ["stance", "summary"], "stance, summary", "stance, summary"),
        ("sources.date", None, "—", "—"),
        ("actor", "US", "US", "US"),
        ("updated", "2020-01-01", "2020-01-01", "2020-01-01"),
    ],
)
def test_a_value_is_shown_as_a_reader_sees_it(
    field: str, value: Any, english: str, dutch: str
) -> None:
    assert h.value_text(field, value, Lang.EN) == english
    assert h.value_text(field, value, Lang.NL) == dutch


def test_a_change_in_the_other_language_only_is_shown_in_that_language() -> None:
    dutch_only = CHANGES[2]
    assert h.change_texts(dutch_only, Lang.EN) == ("summary (nl)", "Kritisch.", "Zeer\nkritisch.")
    assert h.change_texts(dutch_only, Lang.NL) == ("samenvatting", "Kritisch.", "Zeer\nkritisch.")
    english_only = Change("title", {"nl": "T", "en": "Old"}, {"nl": "T", "en": "New"})
    assert h.change_texts(english_only, Lang.NL) == ("titel (en)", "Old", "New")
    both = Change("title", {"nl": "Oud", "en": "Old"}, {"nl": "Nieuw", "en": "New"})
    assert h.change_texts(both, Lang.NL) == ("titel", "Oud", "Nieuw")


def test_a_change_that_reads_the_same_in_both_languages_is_shown_as_it_is() -> None:
    change = Change("topics", ["a, b"], ["a", "b"])  # the same as text, not as data
    assert h.change_texts(change, Lang.EN) == ("topics", "a, b", "a, b")
    assert h.change_texts(change, Lang.NL) == ("onderwerpen", "a, b", "a, b")


@pytest.mark.parametrize(
    ("point", "english", "dutch"),
    [
        (Point(FIRST), "1a2b3c4d5e6f (2018-06-01)", "1a2b3c4d5e6f (2018-06-01)"),
        (
            Point(FIRST, asked="2018-06-30"),
            "1a2b3c4d5e6f (2018-06-01)",
            "1a2b3c4d5e6f (2018-06-01)",
        ),
        (Point(None), "working tree", "werkmap"),
        (
            Point(None, asked="2018-05-31", first=FIRST),
            "the empty register before the first commit (2018-06-01)",
            "het lege register vóór de eerste commit (2018-06-01)",
        ),
    ],
)
def test_a_point_is_named_by_its_commit_and_day(point: Point, english: str, dutch: str) -> None:
    assert h.point_text(point, Lang.EN) == english
    assert h.point_text(point, Lang.NL) == dutch


def test_since_is_the_date_asked_else_the_commit_s_day() -> None:
    assert h.since_text(Point(FIRST, asked="2018-06-30"), Lang.EN) == "2018-06-30"
    assert h.since_text(Point(None, asked="2018-05-31", first=FIRST), Lang.NL) == "2018-05-31"
    assert h.since_text(Point(SECOND), Lang.EN) == "2019-01-15"
    assert h.since_text(Point(None), Lang.EN) == "working tree"
    assert h.since_text(Point(None), Lang.NL) == "werkmap"


def test_a_heading_says_since_or_names_both_points() -> None:
    old, new = Point(FIRST, asked="2018-06-30"), Point(SECOND)
    assert h.heading(old, Point(None), Lang.EN) == "Changes in positions since 2018-06-30"
    assert h.heading(old, Point(None), Lang.NL) == "Wijzigingen in standpunten sinds 2018-06-30"
    assert h.heading(old, new, Lang.EN, since=False) == (
        "Changes in positions from 2018-06-30 to 2019-01-15"
    )
    assert h.heading(Point(FIRST), new, Lang.NL, since=False) == (
        "Wijzigingen in standpunten van 2018-06-01 tot 2019-01-15"
    )


def test_a_heading_of_two_points_on_one_day_names_their_commits() -> None:
    same_day = Commit("fedcba987654" + "2" * 28, "2019-01-15T18:00:00+00:00")
    assert h.heading(Point(SECOND), Point(same_day), Lang.EN, since=False) == (
        "Changes in positions from abcdef012345 (2019-01-15) to fedcba987654 (2019-01-15)"
    )


def test_a_log_title_names_the_position_or_all() -> None:
    assert h.log_title(None, Lang.EN) == "History of positions"
    assert h.log_title(None, Lang.NL) == "Geschiedenis van de standpunten"
    assert h.log_title("a-decision", Lang.EN) == "History of a-decision"
    assert h.log_title("a-decision", Lang.NL) == "Geschiedenis van a-decision"


def test_a_span_names_both_points() -> None:
    assert h.span(Point(None, first=FIRST), Point(None), Lang.EN) == (
        "from the empty register before the first commit (2018-06-01) to working tree"
    )
    assert h.span(Point(FIRST), Point(SECOND), Lang.NL) == (
        "van 1a2b3c4d5e6f (2018-06-01) tot abcdef012345 (2019-01-15)"
    )


# --- diff -----------------------------------------------------------------------------------


def test_the_rows_of_a_diff_are_by_id_then_field_order() -> None:
    rows = h.change_rows(DIFF, Lang.EN)
    assert [(row[0], row[2]) for row in rows] == [
        ("a-decision", "stance"),
        ("a-decision", "goal shared"),
        ("a-decision", "summary (nl)"),
        ("a-decision", "source quote"),
        ("a-decision", "source quote"),
        ("a-decision", "source url"),
        ("b-decision", "new position"),
        ("c-decision", "position removed"),
    ]


def test_a_diff_as_text() -> None:
    lines = h.diff_lines(DIFF, Point(FIRST), Point(SECOND), Lang.EN)
    assert h.plain(lines) == (
        "Changes from 1a2b3c4d5e6f (2018-06-01) to abcdef012345 (2019-01-15): 1 added, 1 removed, "
        "1 changed\n"
        "\n"
        "+ b-decision  Tariffs | *high* (supports)\n"
        "- c-decision  =Sanctions\n"
        "~ a-decision  A decision\n"
        "    stance: critical → opposes\n"
        "    goal shared: not stated → yes\n"
        "    summary (nl): Kritisch. → Zeer kritisch.\n"
        "    source quote: - “Wij vinden er iets van.”\n"
        "    source quote: + “Wij vinden er niets van.”\n"
        "    source url: — → https://example.org/brief\n"
    )
    assert [style for style, _ in lines] == [
        "bold", "", "green", "red", "yellow", "", "", "", "", "", ""
    ]  # fmt: skip


def test_a_diff_as_dutch_text() -> None:
    lines = h.diff_lines(DIFF, Point(FIRST), Point(SECOND), Lang.NL)
    assert h.plain(lines) == (
        "Wijzigingen van 1a2b3c4d5e6f (2018-06-01) tot abcdef012345 (2019-01-15): 1 nieuw, "
        "1 vervallen, 1 gewijzigd\n"
        "\n"
        "+ b-decision  Tarieven | *hoog* (steunt)\n"
        "- c-decision  =Sancties\n"
        "~ a-decision  Een besluit\n"
        "    standpunt: kritisch → wijst af\n"
        "    doel gedeeld: niet vermeld → ja\n"
        "    samenvatting: Kritisch. → Zeer kritisch.\n"
        "    citaat uit bron: - “Wij vinden er iets van.”\n"
        "    citaat uit bron: + “Wij vinden er niets van.”\n"
        "    bron url: — → https://example.org/brief\n"
    )


def test_an_empty_diff_as_text_is_its_summary_alone() -> None:
    lines = h.diff_lines(RegisterDiff(), Point(FIRST), Point(None), Lang.EN)
    assert lines == [
        (
            "bold",
            "Changes from 1a2b3c4d5e6f (2018-06-01) to working tree: 0 added, 0 removed, 0 changed",
        )
    ]


def test_a_diff_for_a_terminal_has_its_styles_and_no_markup() -> None:
    lines = [("bold", "[red]not markup[/red]"), ("", ""), ("green", "+ added"), ("", "plain")]
    text = h.rich_lines(lines)
    from rich.text import Text

    assert isinstance(text, Text)
    assert text.plain == "[red]not markup[/red]\n\n+ added\nplain"
    assert [(s.start, s.end, s.style) for s in text.spans] == [(0, 22, "bold"), (23, 31, "green")]


def test_a_diff_as_a_memo_section() -> None:
    assert h.diff_markdown(DIFF, Point(FIRST), Point(SECOND), Lang.EN, since=False) == (
        "### Changes in positions from 2018-06-01 to 2019-01-15\n"
        "\n"
        "| Decision | What changed | Was | Is |\n"
        "|---|---|---|---|\n"
        "| A decision (a-decision) | stance | critical | opposes |\n"
        "| A decision (a-decision) | goal shared | not stated | yes |\n"
        "| A decision (a-decision) | summary (nl) | Kritisch. | Zeer kritisch. |\n"
        "| A decision (a-decision) | source quote | Wij vinden er iets van. | — |\n"
        "| A decision (a-decision) | source quote | — | Wij vinden er niets van. |\n"
        "| A decision (a-decision) | source url | — | https://example.org/brief |\n"
        "| Tariffs \\| \\*high\\* (b-decision) | new position | — | supports |\n"
        "| =Sanctions (c-decision) | position removed | critical | — |\n"
        "\n"
        "*Compared: from 1a2b3c4d5e6f (2018-06-01) to abcdef012345 (2019-01-15).*\n"
    )


def test_a_diff_as_a_dutch_memo_section_since_a_date() -> None:
    old = Point(FIRST, asked="2018-06-30")
    assert h.diff_markdown(DIFF, old, Point(None), Lang.NL) == (
        "### Wijzigingen in standpunten sinds 2018-06-30\n"
        "\n"
        "| Besluit | Wat veranderde | Was | Is |\n"
        "|---|---|---|---|\n"
        "| Een besluit (a-decision) | standpunt | kritisch | wijst af |\n"
        "| Een besluit (a-decision) | doel gedeeld | niet vermeld | ja |\n"
        "| Een besluit (a-decision) | samenvatting | Kritisch. | Zeer kritisch. |\n"
        "| Een besluit (a-decision) | citaat uit bron | Wij vinden er iets van. | — |\n"
        "| Een besluit (a-decision) | citaat uit bron | — | Wij vinden er niets van. |\n"
        "| Een besluit (a-decision) | bron url | — | https://example.org/brief |\n"
        "| Tarieven \\| \\*hoog\\* (b-decision) | nieuw standpunt | — | steunt |\n"
        "| =Sancties (c-decision) | standpunt vervallen | kritisch | — |\n"
        "\n"
        "*Vergeleken: van 1a2b3c4d5e6f (2018-06-01) tot werkmap.*\n"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            Lang.EN,
            "### Changes in positions since 2018-05-31\n\nNo changes.\n\n*Compared: from the "
            "empty register before the first commit (2018-06-01) to working tree.*\n",
        ),
        (
            Lang.NL,
            "### Wijzigingen in standpunten sinds 2018-05-31\n\nGeen wijzigingen.\n\n*Vergeleken: "
            "van het lege register vóór de eerste commit (2018-06-01) tot werkmap.*\n",
        ),
    ],
)
def test_an_empty_diff_as_a_memo_section(lang: Lang, expected: str) -> None:
    old = Point(None, asked="2018-05-31", first=FIRST)
    assert h.diff_markdown(RegisterDiff(), old, Point(None), lang) == expected


def test_a_diff_as_json() -> None:
    data = json.loads(h.diff_json(DIFF, Point(None, first=FIRST), Point(SECOND)))
    assert data == {
        "from": {"rev": None, "date": None, "empty": True},
        "to": {"rev": SECOND.sha, "date": "2019-01-15T12:00:00+00:00"},
        "added": ["b-decision"],
        "removed": ["c-decision"],
        "changed": [
            {
                "id": "a-decision",
                "changes": [
                    {"field": "stance", "old": "critical", "new": "opposes"},
                    {"field": "goal_shared", "old": None, "new": True},
                    {
                        "field": "summary",
                        "old": {"nl": "Kritisch.", "en": "Critical."},
                        "new": {"nl": "Zeer\nkritisch.", "en": "Critical."},
                    },
                    {"field": "sources", "old": "Wij vinden er iets van.", "new": None},
                    {"field": "sources", "old": None, "new": "Wij   vinden\ner niets van."},
                    {"field": "sources.url", "old": None, "new": "https://example.org/brief"},
                ],
            }
        ],
    }


def test_an_empty_diff_as_json_between_the_working_tree_and_a_commit() -> None:
    assert h.diff_json(RegisterDiff(), Point(FIRST), Point(None)) == (
        "{\n"
        '  "from": {\n'
        f'    "rev": "{FIRST.sha}",\n'
        '    "date": "2018-06-01T12:00:00+00:00"\n'
        "  },\n"
        '  "to": {\n'
        '    "rev": null,\n'
        '    "date": null\n'
        "  },\n"
        '  "added": [],\n'
        '  "removed": [],\n'
        '  "changed": []\n'
        "}\n"
    )


def test_a_diff_as_csv_keeps_values_whole_and_formulas_out() -> None:
    assert h.diff_csv(DIFF, Lang.EN) == (
        "id,Decision,What changed,Was,Is\n"
        "a-decision,A decision,stance,critical,opposes\n"
        "a-decision,A decision,goal shared,not stated,yes\n"
        'a-decision,A decision,summary (nl),Kritisch.,"Zeer\nkritisch."\n'
        "a-decision,A decision,source quote,Wij vinden er iets van.,—\n"
        'a-decision,A decision,source quote,—,"Wij   vinden\ner niets van."\n'
        "a-decision,A decision,source url,—,https://example.org/brief\n"
        "b-decision,Tariffs | *high*,new position,—,supports\n"
        "c-decision,'=Sanctions,position removed,critical,—\n"
    )


def test_a_diff_as_dutch_csv() -> None:
    assert h.diff_csv(DIFF, Lang.NL).splitlines()[0] == "id,Besluit,Wat veranderde,Was,Is"
    assert h.diff_csv(DIFF, Lang.NL).splitlines()[-1] == (
        "c-decision,'=Sancties,standpunt vervallen,kritisch,—"
    )
    assert h.diff_csv(RegisterDiff(), Lang.NL) == "id,Besluit,Wat veranderde,Was,Is\n"


# --- log ------------------------------------------------------------------------------------


def test_a_log_as_text_shows_git_s_words_safely() -> None:
    assert h.plain(h.log_lines(LOG, Lang.EN)) == (
        "abcdef012345  2019-01-15  Jan\\x1b[31m Jansen\n"
        "    A: opposes\\u202e\n"
        "  ~ a-decision  A decision\n"
        "      stance: critical → opposes\n"
        "      goal shared: not stated → yes\n"
        "\n"
        "1a2b3c4d5e6f  2018-06-01  Anna\n"
        "    Register\n"
        "  + a-decision  A decision (critical)\n"
    )


def test_a_log_as_dutch_text() -> None:
    assert h.plain(h.log_lines(LOG, Lang.NL)) == (
        "abcdef012345  2019-01-15  Jan\\x1b[31m Jansen\n"
        "    A: opposes\\u202e\n"
        "  ~ a-decision  Een besluit\n"
        "      standpunt: kritisch → wijst af\n"
        "      doel gedeeld: niet vermeld → ja\n"
        "\n"
        "1a2b3c4d5e6f  2018-06-01  Anna\n"
        "    Register\n"
        "  + a-decision  Een besluit (kritisch)\n"
    )
    assert h.log_lines([], Lang.NL) == []


def test_a_log_as_a_memo_table() -> None:
    assert h.log_markdown(LOG, Lang.EN, h.log_title(None, Lang.EN)) == (
        "### History of positions\n"
        "\n"
        "| Date | Commit | Author | Decision | What changed | Was | Is |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 2019-01-15 | abcdef012345 | Jan\\\\x1b\\[31m Jansen | A decision (a-decision) | stance "
        "| critical | opposes |\n"
        "| 2019-01-15 | abcdef012345 | Jan\\\\x1b\\[31m Jansen | A decision (a-decision) | goal "
        "shared | not stated | yes |\n"
        "| 2018-06-01 | 1a2b3c4d5e6f | Anna | A decision (a-decision) | new position | — | "
        "critical |\n"
    )


def test_a_log_as_a_dutch_memo_table() -> None:
    table = h.log_markdown(LOG, Lang.NL, h.log_title("a-decision", Lang.NL))
    assert table.splitlines()[:4] == [
        "### Geschiedenis van a-decision",
        "",
        "| Datum | Commit | Auteur | Besluit | Wat veranderde | Was | Is |",
        "|---|---|---|---|---|---|---|",
    ]
    assert table.splitlines()[4:] == [
        "| 2019-01-15 | abcdef012345 | Jan\\\\x1b\\[31m Jansen | Een besluit (a-decision) | "
        "standpunt | kritisch | wijst af |",
        "| 2019-01-15 | abcdef012345 | Jan\\\\x1b\\[31m Jansen | Een besluit (a-decision) | "
        "doel gedeeld | niet vermeld | ja |",
        "| 2018-06-01 | 1a2b3c4d5e6f | Anna | Een besluit (a-decision) | nieuw standpunt | — | "
        "kritisch |",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (Lang.EN, "### History of a\\_b\n\nNo changes.\n"),
        (Lang.NL, "### Geschiedenis van a\\_b\n\nGeen wijzigingen.\n"),
    ],
)
def test_an_empty_log_as_a_memo_table(lang: Lang, expected: str) -> None:
    assert h.log_markdown([], lang, h.log_title("a_b", lang)) == expected


def test_a_log_as_json_keeps_git_s_words_as_data() -> None:
    assert json.loads(h.log_json(LOG)) == [
        {
            "commit": SECOND.sha,
            "date": "2019-01-15T12:00:00+00:00",
            "author": "Jan\x1b[31m Jansen",
            "message": "A: opposes\u202e",
            "added": [],
            "removed": [],
            "changed": [
                {
                    "id": "a-decision",
                    "changes": [
                        {"field": "stance", "old": "critical", "new": "opposes"},
                        {"field": "goal_shared", "old": None, "new": True},
                    ],
                }
            ],
        },
        {
            "commit": FIRST.sha,
            "date": "2018-06-01T12:00:00+00:00",
            "author": "Anna",
            "message": "Register",
            "added": ["a-decision"],
            "removed": [],
            "changed": [],
        },
    ]
    assert h.log_json([]) == "[]\n"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            Lang.EN,
            "Date,Commit,Author,Message,id,Decision,What changed,Was,Is\n"
            "2019-01-15,abcdef012345,Jan\\x1b[31m Jansen,A: opposes\\u202e,a-decision,"
            "A decision,stance,critical,opposes\n"
            "2019-01-15,abcdef012345,Jan\\x1b[31m Jansen,A: opposes\\u202e,a-decision,"
            "A decision,goal shared,not stated,yes\n"
            "2018-06-01,1a2b3c4d5e6f,Anna,Register,a-decision,A decision,new position,—,critical\n",
        ),
        (
            Lang.NL,
            "Datum,Commit,Auteur,Bericht,id,Besluit,Wat veranderde,Was,Is\n"
            "2019-01-15,abcdef012345,Jan\\x1b[31m Jansen,A: opposes\\u202e,a-decision,"
            "Een besluit,standpunt,kritisch,wijst af\n"
            "2019-01-15,abcdef012345,Jan\\x1b[31m Jansen,A: opposes\\u202e,a-decision,"
            "Een besluit,doel gedeeld,niet vermeld,ja\n"
            "2018-06-01,1a2b3c4d5e6f,Anna,Register,a-decision,Een besluit,nieuw standpunt,—,"
            "kritisch\n",
        ),
    ],
)
def test_a_log_as_csv(lang: Lang, expected: str) -> None:
    assert h.log_csv(LOG, lang) == expected


def test_a_commit_message_that_starts_a_formula_is_kept_out_of_a_spreadsheet() -> None:
    entry = LogEntry(FIRST, "@someone", "=1+1", RegisterDiff(removed=(A,)))
    assert h.log_csv([entry], Lang.EN).splitlines()[1] == (
        "2018-06-01,1a2b3c4d5e6f,'@someone,'=1+1,a-decision,A decision,position removed,critical,—"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((None, None, None, [], []), "No changes to positions in the history."),
        (("a-decision", None, None, [], []), "No changes to a-decision in the history."),
        ((None, "2019-01-01", None, [], []), "No changes to positions since 2019-01-01."),
        ((None, None, "2019-01-01", [], []), "No changes to positions until 2019-01-01."),
        (
            ("a-decision", "2018-01-01", "2019-01-01", [], []),
            "No changes to a-decision from 2018-01-01 to 2019-01-01.",
        ),
        (
            (None, None, None, [], [FIRST]),
            "No changes to positions after 1a2b3c4d5e6f (2018-06-01), where this shallow "
            "clone's history stops.",
        ),
        (
            (None, None, None, ["--stance critical", "--topic trade"], []),
            "No changes to positions in the history that match --stance critical --topic trade.",
        ),
        (
            (None, "2019-01-01", None, ["--actor US"], [FIRST]),
            "No changes to positions since 2019-01-01 that match --actor US.",
        ),
    ],
)
def test_an_empty_log_says_what_was_asked(
    args: tuple[str | None, str | None, str | None, list[str], list[Commit]], expected: str
) -> None:
    assert h.empty_log(*args) == expected


# --- statements and relations ----------------------------------------------------------------

EU = Statement(
    "EU", Stance.CRITICAL, True, None, "2019-03-01", None, None, (SOURCE,), "2019-03-02", 0
)
US = dataclasses.replace(EU, holder="US", stance=Stance.SUPPORTS, since="2019-01-05", index=1)
DE = ("DE", "2019-02-01")
STATEMENT_CHANGES = (
    Change("stance", "critical", "opposes", "NL", "2018-11-01"),
    Change("since", "2019-01-02", "2018-11-01", "NL", "2018-11-01"),
    Change("statement", None, statement_dict(EU), "EU", "2019-03-01"),
    Change("statement", statement_dict(US), None, "US", "2019-01-05"),
    Change("statement.stance", "critical", "opposes", *DE),
    Change("statement.until", None, "2020-01-01", *DE),
    Change(
        "statement.summary", {"nl": "Oud.", "en": "Same."}, {"nl": "Nieuw.", "en": "Same."}, *DE
    ),
    Change("statement.sources", None, "Wir   sind\ndagegen.", *DE),
    Change("statement.sources.url", None, "https://example.org/de", *DE),
    Change("relations", None, {"type": "reverses", "id": "paris-agreement"}),
    Change("relations", {"type": "responds-to", "id": "b-decision"}, None),
)
STATEMENTS = RegisterDiff(changed=(Changed(A, A_LATER, STATEMENT_CHANGES),))


def test_statement_changes_as_text_name_holder_and_since() -> None:
    lines = h.diff_lines(STATEMENTS, Point(FIRST), Point(SECOND), Lang.EN)
    assert h.plain(lines[2:]) == (
        "~ a-decision  A decision\n"
        "    stance: critical → opposes\n"
        "    in force from: 2019-01-02 → 2018-11-01\n"
        "    new statement of EU from 2019-03-01: critical\n"
        "    removed statement of US from 2019-01-05: supports\n"
        "    stance (DE from 2019-02-01): critical → opposes\n"
        "    in force until (DE from 2019-02-01): — → 2020-01-01\n"
        "    summary (nl) (DE from 2019-02-01): Oud. → Nieuw.\n"
        "    source quote (DE from 2019-02-01): + “Wir sind dagegen.”\n"
        "    source url (DE from 2019-02-01): — → https://example.org/de\n"
        "    relations: + reverses paris-agreement\n"
        "    relations: - responds to b-decision\n"
    )


def test_statement_changes_as_dutch_text() -> None:
    lines = h.diff_lines(STATEMENTS, Point(FIRST), Point(SECOND), Lang.NL)
    assert h.plain(lines[2:]) == (
        "~ a-decision  Een besluit\n"
        "    standpunt: kritisch → wijst af\n"
        "    geldend vanaf: 2019-01-02 → 2018-11-01\n"
        "    nieuw standpunt van EU vanaf 2019-03-01: kritisch\n"
        "    vervallen standpunt van US vanaf 2019-01-05: steunt\n"
        "    standpunt (DE vanaf 2019-02-01): kritisch → wijst af\n"
        "    geldend tot (DE vanaf 2019-02-01): — → 2020-01-01\n"
        "    samenvatting (DE vanaf 2019-02-01): Oud. → Nieuw.\n"
        "    citaat uit bron (DE vanaf 2019-02-01): + “Wir sind dagegen.”\n"
        "    bron url (DE vanaf 2019-02-01): — → https://example.org/de\n"
        "    relaties: + draait paris-agreement terug\n"
        "    relaties: - reageert op b-decision\n"
    )


def test_statement_changes_as_a_dutch_memo_section() -> None:
    memo = h.diff_markdown(STATEMENTS, Point(FIRST), Point(SECOND), Lang.NL, since=False)
    assert memo.splitlines()[4:-2] == [
        "| Een besluit (a-decision) | standpunt | kritisch | wijst af |",
        "| Een besluit (a-decision) | geldend vanaf | 2019-01-02 | 2018-11-01 |",
        "| Een besluit (a-decision) | nieuw standpunt van EU vanaf 2019-03-01 | — | kritisch |",
        "| Een besluit (a-decision) | vervallen standpunt van US vanaf 2019-01-05 | steunt | — |",
        "| Een besluit (a-decision) | standpunt (DE vanaf 2019-02-01) | kritisch | wijst af |",
        "| Een besluit (a-decision) | geldend tot (DE vanaf 2019-02-01) | — | 2020-01-01 |",
        "| Een besluit (a-decision) | samenvatting (DE vanaf 2019-02-01) | Oud. | Nieuw. |",
        "| Een besluit (a-decision) | citaat uit bron (DE vanaf 2019-02-01) | — | Wir sind "
        "dagegen. |",
        "| Een besluit (a-decision) | bron url (DE vanaf 2019-02-01) | — | "
        "https://example.org/de |",
        "| Een besluit (a-decision) | relaties | — | draait paris-agreement terug |",
        "| Een besluit (a-decision) | relaties | reageert op b-decision | — |",
    ]


def test_statement_changes_as_csv() -> None:
    assert h.diff_csv(STATEMENTS, Lang.EN).splitlines()[1:5] == [
        "a-decision,A decision,stance,critical,opposes",
        "a-decision,A decision,in force from,2019-01-02,2018-11-01",
        "a-decision,A decision,new statement of EU from 2019-03-01,—,critical",
        "a-decision,A decision,removed statement of US from 2019-01-05,supports,—",
    ]
    assert h.diff_csv(STATEMENTS, Lang.EN).splitlines()[-2:] == [
        "a-decision,A decision,relations,—,reverses paris-agreement",
        "a-decision,A decision,relations,responds to b-decision,—",
    ]


def test_statement_changes_as_json_name_holder_and_since() -> None:
    data = json.loads(h.diff_json(STATEMENTS, Point(FIRST), Point(SECOND)))
    changes = data["changed"][0]["changes"]
    assert changes[0] == {
        "field": "stance",
        "holder": "NL",
        "since": "2018-11-01",
        "old": "critical",
        "new": "opposes",
    }
    assert list(changes[2]) == ["field", "holder", "since", "old", "new"]
    assert changes[2]["new"] == {
        "holder": "EU",
        "stance": "critical",
        "goal_shared": True,
        "means_differ": None,
        "since": "2019-03-01",
        "until": None,  # every statement has the same keys
        "summary": None,
        "sources": [
            {
                "title": "Een brief",
                "kind": "kamerbrief",
                "date": "2019-02-03",
                "quote": "Wij vinden er iets van.",
            }
        ],
        "updated": "2019-03-02",
    }
    assert [(c["field"], c.get("holder"), c.get("since")) for c in changes] == [
        ("stance", "NL", "2018-11-01"),
        ("since", "NL", "2018-11-01"),
        ("statement", "EU", "2019-03-01"),
        ("statement", "US", "2019-01-05"),
        ("statement.stance", "DE", "2019-02-01"),
        ("statement.until", "DE", "2019-02-01"),
        ("statement.summary", "DE", "2019-02-01"),
        ("statement.sources", "DE", "2019-02-01"),
        ("statement.sources.url", "DE", "2019-02-01"),
        ("relations", None, None),
        ("relations", None, None),
    ]
    assert changes[-1] == {
        "field": "relations",
        "old": {"type": "responds-to", "id": "b-decision"},
        "new": None,
    }


def test_a_log_of_statement_changes_as_text_and_json() -> None:
    entry = LogEntry(
        SECOND, "Anna", "EU", RegisterDiff(changed=(Changed(A, A, STATEMENT_CHANGES[2:3]),))
    )
    assert h.plain(h.log_lines([entry], Lang.EN)) == (
        "abcdef012345  2019-01-15  Anna\n"
        "    EU\n"
        "  ~ a-decision  A decision\n"
        "      new statement of EU from 2019-03-01: critical\n"
    )
    change = json.loads(h.log_json([entry]))[0]["changed"][0]["changes"][0]
    assert (change["field"], change["holder"], change["since"]) == ("statement", "EU", "2019-03-01")
