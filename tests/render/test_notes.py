"""Memo notes: one footnote per distinct quote on the cells it supports, and a state line and
selection written for a reader."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from posities.core.query import Filter, Tri
from posities.core.register import load
from posities.git.state import RegisterState
from posities.model.records import Localized, Position, Source, Stance
from posities.model.words import Lang
from posities.render.notes import footnotes, selection, state_line
from posities.render.tables import COLUMNS, markdown_list

LETTER = "texts/bondgenoten-in-onzekere-tijden.txt"


def source(quote: str, supports: tuple[str, ...] | None, text: str | None = LETTER) -> Source:
    return Source("Een brief", "kamerbrief", quote, None, text, None, supports)


def position(
    ident: str,
    sources: tuple[Source, ...],
    goal_shared: bool | None = True,
    means_differ: bool | None = None,
) -> Position:
    from posities.model.records import Decision

    return Position(
        id=ident,
        title=Localized("Titel", "Title"),
        actor="US",
        decision=Decision("2018-05-08", Localized("Besluit.", "Decision.")),
        stance=Stance.CRITICAL,
        goal_shared=goal_shared,
        means_differ=means_differ,
        summary=Localized("Samenvatting.", "Summary."),
        topics=(),
        sources=sources,
        updated="2026-11-28",
    )


# --- footnotes ---------------------------------------------------------------------------------


def test_one_footnote_per_distinct_quote_reused_across_rows() -> None:
    shared = source("Wij zijn kritisch.", ("stance",))
    rows = [position("a", (shared,)), position("b", (shared,))]
    notes = footnotes(rows, ("id", "stance"))
    assert notes.sources == (shared,)
    assert notes.marks == ({"stance": (1,)}, {"stance": (1,)})


def test_a_mark_stands_on_each_cell_its_quote_supports_and_nowhere_else() -> None:
    both = source("Doel gedeeld, andere weg.", ("goal_shared", "means_differ"))
    stance = source("Wij zijn kritisch.", ("stance",))
    row = position("a", (stance, both), goal_shared=True, means_differ=True)
    notes = footnotes([row], ("id", "title", "date", "stance", "goal_shared", "means_differ"))
    assert notes.marks == ({"stance": (1,), "goal_shared": (2,), "means_differ": (2,)},)


def test_a_quote_for_the_decision_marks_the_date() -> None:
    decided = source("Op 8 mei besloot de VS.", ("decision",))
    notes = footnotes([position("a", (decided,))], ("title", "date", "stance"))
    assert notes.marks == ({"date": (1,)},)


def test_a_summary_quote_appears_only_with_the_summary_column() -> None:
    summary = source("Samengevat.", ("summary",))
    stance = source("Wij zijn kritisch.", ("stance",))
    row = position("a", (stance, summary))
    assert footnotes([row], ("id", "stance")).sources == (stance,)
    with_summary = footnotes([row], ("id", "stance", "summary"))
    assert with_summary.sources == (stance, summary)
    assert with_summary.marks == ({"stance": (1,), "summary": (2,)},)


def test_a_quote_without_supports_does_not_mark_a_value_not_stated() -> None:
    general = source("Alles.", None)
    row = position("a", (general,), goal_shared=None, means_differ=True)
    notes = footnotes([row], ("stance", "goal_shared", "means_differ"))
    assert notes.marks == ({"stance": (1,), "means_differ": (1,)},)


def test_the_same_words_from_another_document_are_another_footnote() -> None:
    one = source("Wij zijn kritisch.", ("stance",))
    other = Source("Een verslag", "verslag", "Wij zijn kritisch.", None, None, None, ("stance",))
    notes = footnotes([position("a", (one, other))], ("stance",))
    assert len(notes.sources) == 2


sources_strategy = st.lists(
    st.builds(
        source,
        st.sampled_from(["Een.", "Twee.", "Drie."]),
        st.one_of(
            st.none(),
            st.lists(
                st.sampled_from(["stance", "goal_shared", "means_differ", "decision", "summary"]),
                min_size=1,
                unique=True,
            ).map(tuple),
        ),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200)
@given(
    st.lists(sources_strategy, min_size=1, max_size=4),
    st.lists(st.sampled_from(COLUMNS), min_size=1, unique=True),
)
def test_footnotes_are_distinct_numbered_in_reading_order_and_all_used(
    per_row: list[list[Source]], columns: list[str]
) -> None:
    rows = [position(f"p{n}", tuple(s)) for n, s in enumerate(per_row)]
    notes = footnotes(rows, columns)
    keys = [(s.title, s.quote) for s in notes.sources]
    assert len(keys) == len(set(keys))
    seen: list[int] = []
    for marks in notes.marks:
        for column in columns:
            for number in marks.get(column, ()):
                if number not in seen:
                    seen.append(number)
    assert seen == list(range(1, len(notes.sources) + 1))


def test_markdown_footnotes_of_the_bundled_register_are_one_per_quote(bundled: Path) -> None:
    register = load(bundled)
    table = markdown_list(register.positions, Lang.NL, "*state*", with_sources=True)
    definitions = [line for line in table.splitlines() if line.startswith("[^")]
    quotes = {
        " ".join(s.quote.split())
        for p in register.positions
        for s in p.sources
        if s.supports is None or set(s.supports) & {"stance", "goal_shared", "means_differ"}
    }
    assert len(definitions) == len(quotes)
    for number in range(1, len(definitions) + 1):
        assert f"[^{number}]" in table.split("\n\n")[0]


def test_a_footnote_says_when_its_quote_was_not_checked_against_a_text() -> None:
    unchecked = source("Wij zijn kritisch.", ("stance",), text=None)
    table = markdown_list([position("a", (unchecked,))], Lang.NL, "*s*", with_sources=True)
    assert table.endswith(
        "[^1]: “Wij zijn kritisch.” — Een brief (kamerbrief, datum niet vermeld); "
        "niet getoetst aan een brontekst.\n"
    )


def test_a_footnote_names_the_address_of_its_source() -> None:
    one = Source("Een brief", "kamerbrief", "Wij.", None, LETTER, "https://a.nl", ("stance",))
    other = Source("Een brief", "kamerbrief", "Wij.", None, LETTER, "https://b.nl", ("stance",))
    table = markdown_list([position("a", (one, other))], Lang.EN, "*s*", with_sources=True)
    assert "[^1]: “Wij.” — Een brief (kamerbrief, date not stated), https://a.nl." in table
    assert "[^2]: “Wij.” — Een brief (kamerbrief, date not stated), https://b.nl." in table


# --- the state line ----------------------------------------------------------------------------


def test_state_line_for_a_reader() -> None:
    state = RegisterState("abc", "364507c2b5e9aa", "2026-11-27", dirty=True)
    where = Filter(goal_shared=Tri.YES, disagree=True, topics=frozenset({"iran", "trade"}))
    line = state_line(state, 2, 5, selection(where, Lang.NL), Lang.NL)
    assert line == (
        "*Stand van het register: 27 november 2026, commit 364507c, met niet-vastgelegde "
        "wijzigingen; 2 van 5 standpunten; selectie: standpunt: kritisch of wijst af; doel "
        "gedeeld: ja; onderwerpen: iran, trade.*"
    )
    english = state_line(state, 1, 5, selection(Filter(means_differ=Tri.UNKNOWN), Lang.EN), Lang.EN)
    assert english == (
        "*Register state: 27 November 2026, commit 364507c, with uncommitted changes; "
        "1 of 5 positions; selection: means differ: not stated.*"
    )


def test_selection_names_every_criterion() -> None:
    where = Filter(
        agree=True,
        stances=frozenset({Stance.CONCERNED}),
        actor="US",
        search="Iran",
        means_differ=Tri.NO,
    )
    assert selection(where, Lang.EN) == [
        "stance: supports",
        "stance: concerned",
        "means differ: no",
        "actor: US",
        "search: “Iran”",
    ]
