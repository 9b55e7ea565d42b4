"""The matrix and the timeline as pictures, read back with `xml.etree.ElementTree`: a
standalone SVG document, every title in its place and within its box, hostile text escaped,
stances told apart without colour, and the same bytes for the same input."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from posities.core.query import quadrants
from posities.core.timeline import Event, Kind, Scope, timeline
from posities.model.records import Localized, Position
from posities.model.words import Lang
from posities.render import svg
from posities.render.svg import clean, matrix_svg, text_width, timeline_svg, wrap

from ..conftest import position_record
from ..core.test_timeline import HOLDERS, REGISTER

NS = "{http://www.w3.org/2000/svg}"
STATE = "Register state: 29 November 2026, commit b11420d; 3 of 3 positions."


def parse(text: str) -> ET.Element:
    """The document's root, after checking what makes it standalone and sized."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"')
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    assert root.get("version") == "1.1"
    left, top, width, height = (float(n) for n in root.get("viewBox", "").split())
    assert (left, top) == (0, 0)
    assert root.get("width") == f"{svg._n(width)}pt"
    assert root.get("height") == f"{svg._n(height)}pt"
    return root


def find(root: ET.Element, css: str, **data: str) -> list[ET.Element]:
    """The groups of class `css` whose `data-` attributes have the values in `data`."""
    return [
        g
        for g in root.iter(f"{NS}g")
        if g.get("class") == css
        and all(g.get(f"data-{key.replace('_', '-')}") == value for key, value in data.items())
    ]


def lines(element: ET.Element) -> list[ET.Element]:
    """The `<text>` lines an element shows, in order."""
    return list(element.iter(f"{NS}text"))


def shown(element: ET.Element) -> str:
    """The text an element shows (not its tooltips), its lines joined by spaces."""
    return " ".join(line.text or "" for line in lines(element))


def squeezed(text: str) -> str:
    """`text` without its white space: what wrapping cannot change."""
    return re.sub(r"\s+", "", text)


def tooltip(element: ET.Element) -> str | None:
    title = element.find(f"{NS}title")
    return None if title is None else title.text


def decision(ident: str, title: str, goal: bool | None, means: bool | None) -> Position:
    return position_record(
        id=ident, title=Localized(title, title), goal_shared=goal, means_differ=means
    )


CELLS = quadrants(
    [
        decision("a-one", "Withdrawal from the Paris climate agreement", True, True),
        decision("b-two", "Steel tariffs", True, False),
        decision("c-three", "Embassy moved", None, None),
        decision("d-four", "Sanctions lifted", False, None),
    ]
)


# --- the matrix ----------------------------------------------------------------------------------


def test_the_matrix_is_one_standalone_document_with_a_title_and_a_description() -> None:
    text = matrix_svg(CELLS, Lang.EN, STATE)
    root = parse(text)
    assert text.isascii()  # every other character a reference: any output encoding carries it
    assert "<script" not in text
    assert "href" not in text
    assert "url(" not in text
    assert "@import" not in text
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(f"{NS}title") == "Goal shared and means differ"
    desc = root.findtext(f"{NS}desc") or ""
    assert desc.startswith(
        "Goal shared: yes, Means differ: yes (same goal, other means): "
        "Withdrawal from the Paris climate agreement. "
        "Goal shared: yes, Means differ: no (same goal, same means): Steel tariffs. "
    )
    assert desc.endswith("Goal shared: not stated, Means differ: not stated: Embassy moved.")
    fonts = {line.get("font-family") for line in lines(root)}
    assert fonts == {"Calibri, Arial, Helvetica, sans-serif"}


def test_every_decision_is_in_its_cell_and_every_cell_is_drawn() -> None:
    root = parse(matrix_svg(CELLS, Lang.EN, STATE))
    assert len(find(root, "cell")) == 9
    placed = {
        (cell.get("data-goal"), cell.get("data-means")): [
            (g.get("data-id"), shown(g)) for g in find(cell, "decision")
        ]
        for cell in find(root, "cell")
    }
    assert placed == {
        ("yes", "yes"): [("a-one", "Withdrawal from the Paris climate agreement")],
        ("yes", "no"): [("b-two", "Steel tariffs")],
        ("yes", "unknown"): [],
        ("no", "yes"): [],
        ("no", "no"): [],
        ("no", "unknown"): [("d-four", "Sanctions lifted")],
        ("unknown", "yes"): [],
        ("unknown", "no"): [],
        ("unknown", "unknown"): [("c-three", "Embassy moved")],
    }


def test_cells_name_their_quadrant_and_empty_ones_show_a_dash() -> None:
    root = parse(matrix_svg(CELLS, Lang.EN, STATE))
    assert shown(find(root, "cell", goal="yes", means="yes")[0]).startswith(
        "Same goal, other means "
    )
    assert shown(find(root, "cell", goal="no", means="no")[0]) == "Other goal, same means —"
    assert shown(find(root, "cell", goal="unknown", means="yes")[0]) == "—"


def test_the_axes_and_quadrants_in_dutch() -> None:
    root = parse(matrix_svg(CELLS, Lang.NL, ""))
    heads = shown(find(root, "matrix")[0])
    assert heads.startswith("Middelen verschillen → Doel gedeeld ↓ ja nee niet vermeld ja ")
    assert shown(find(root, "cell", goal="yes", means="yes")[0]).startswith(
        "Zelfde doel, andere weg"
    )
    assert root.findtext(f"{NS}title") == "Doel gedeeld en middelen verschillen"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"


def _box(cell: ET.Element) -> tuple[float, float, float, float]:
    rect = cell.find(f"{NS}rect")
    assert rect is not None
    return tuple(float(rect.get(name, "")) for name in ("x", "y", "width", "height"))  # type: ignore[return-value]


def _inside(cell: ET.Element) -> None:
    """Fail unless every line of `cell` lies within its box, by the estimated width."""
    x, y, width, height = _box(cell)
    for line in lines(cell):
        left, base, size = (float(line.get(name, "")) for name in ("x", "y", "font-size"))
        bold = line.get("font-weight") == "bold"
        assert x < left
        assert left + text_width(line.text or "", size, bold) <= x + width - svg.PAD + 0.01
        assert y < base - size
        assert base < y + height


def test_long_titles_wrap_within_the_cell_and_end_in_an_ellipsis_past_four_lines() -> None:
    long_word = "Kernwapenonderhandelingsdelegatievoorzittersverkiezing" * 3
    titles = [
        "A title of many ordinary words that will not fit on one line of a cell",
        long_word,
        " ".join(["Wwwww Mmmmm"] * 20),
    ]
    cells = quadrants([decision(f"d-{n}", t, True, True) for n, t in enumerate(titles)])
    root = parse(matrix_svg(cells, Lang.EN, STATE))
    cell = find(root, "cell", goal="yes", means="yes")[0]
    _inside(cell)
    found = find(cell, "decision")
    assert [tooltip(g) for g in found] == titles
    assert squeezed(shown(found[0])) == squeezed(titles[0])
    assert len(lines(found[0])) > 1
    for g in found[1:]:
        assert len(lines(g)) == svg.TITLE_LINES
        assert shown(g).endswith(" …")
        assert squeezed(titles[titles.index(tooltip(g) or "")]).startswith(squeezed(shown(g)[:-1]))


def test_a_full_cell_ends_in_how_many_more_decisions_it_holds() -> None:
    many = [decision(f"d-{n:02}", f"Decision number {n}", None, True) for n in range(40)]
    cells = quadrants(many)
    for lang, words in ((Lang.EN, "… and {} more"), (Lang.NL, "… en nog {}")):
        cell = find(parse(matrix_svg(cells, lang, STATE)), "cell", goal="unknown", means="yes")[0]
        _inside(cell)
        listed = find(cell, "decision")
        assert [g.get("data-id") for g in listed] == [p.id for p in many[: len(listed)]]
        assert 3 < len(listed) < 40
        assert lines(cell)[-1].text == words.format(40 - len(listed))


def test_an_empty_matrix_is_a_picture_that_says_so() -> None:
    empty = quadrants([])
    root = parse(matrix_svg(empty, Lang.EN, STATE))
    assert find(root, "decision") == []
    assert shown(find(root, "empty")[0]) == "No decisions in this selection."
    nl = parse(matrix_svg(empty, Lang.NL, STATE))
    assert shown(find(nl, "empty")[0]) == "Geen besluiten in deze selectie."


def test_the_state_line_is_the_caption_and_none_is_left_out() -> None:
    root = parse(matrix_svg(CELLS, Lang.EN, STATE))
    (state,) = find(root, "state")
    assert shown(state) == STATE
    assert all(float(line.get("font-size", "")) < 8 for line in lines(state))
    assert find(parse(matrix_svg(CELLS, Lang.EN, "")), "state") == []


HOSTILE = [
    '<script>alert("x")</script> & </svg> ]]> <!-- -->',
    "Nul\x00byte, escape \x1b[31m, bell \x07 and del \x7f",
    "\u202eRight-to-left override and עברית ועוד and العربية",
    "Tab\tnew\nline\rcarriage \u2028separator \x85next",
    "A \ud800 lone surrogate and \ufffe non-character",
]


def test_hostile_titles_are_escaped_and_read_back_as_their_text() -> None:
    cells = quadrants([decision(f"h-{n}", t, True, True) for n, t in enumerate(HOSTILE)])
    text = matrix_svg(cells, Lang.EN, STATE)
    root = parse(text)
    assert [e.tag for e in root.iter() if e.tag.endswith("script")] == []
    found = find(root, "decision")
    assert [tooltip(g) for g in found] == [clean(t) for t in HOSTILE]
    for g, title in zip(found, HOSTILE, strict=True):
        assert squeezed(shown(g)) == squeezed(clean(title))
    assert clean(HOSTILE[1]) == "Nul\ufffdbyte, escape \ufffd[31m, bell \ufffd and del \ufffd"
    assert clean(HOSTILE[3]) == "Tab new line carriage separator next"
    assert clean(HOSTILE[4]) == "A \ufffd lone surrogate and \ufffd non-character"


def test_the_same_cells_give_the_same_bytes() -> None:
    assert matrix_svg(CELLS, Lang.EN, STATE) == matrix_svg(CELLS, Lang.EN, STATE)
    events = timeline(REGISTER, HOLDERS, Scope())
    assert timeline_svg(events, Lang.EN, STATE) == timeline_svg(events, Lang.EN, STATE)


# --- wrapping ------------------------------------------------------------------------------------


def test_wrap_breaks_between_words_and_inside_a_word_only_when_it_is_wider_than_a_line() -> None:
    assert wrap("one two three four", 60, 8) == ["one two three", "four"]
    assert wrap("a " + "x" * 30, 60, 8) == ["a", "x" * 11, "x" * 11, "x" * 8]
    assert wrap("", 60, 8) == []


def test_a_hyphenated_word_breaks_after_its_hyphen_before_inside_a_part() -> None:
    assert wrap("uit de VN-Mensenrechtenraad", 100, 8) == ["uit de VN-", "Mensenrechtenraad"]
    assert wrap("a-b", 60, 8) == ["a-b"]
    assert wrap("--x--", 60, 8) == ["--x--"]


def test_marks_take_no_width_and_east_asian_characters_a_whole_em() -> None:
    assert text_width("e\u0301", 10) == text_width("e", 10)
    assert text_width("\u6f22\u5b57", 10) >= 20
    assert text_width("ab", 10, bold=True) > text_width("ab", 10)


@given(st.text(), st.integers(min_value=20, max_value=300))
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    found = wrap(clean(text), width, 8)
    assert all(text_width(line, 8) <= width for line in found)
    assert squeezed("".join(found)) == squeezed(clean(text))


# --- the timeline --------------------------------------------------------------------------------


def _x(element: ET.Element, tag: str, attribute: str = "x1") -> float:
    found = element.find(f"{NS}{tag}")
    assert found is not None
    return float(found.get(attribute, ""))


def test_a_lane_per_decision_in_order_with_its_title_and_date() -> None:
    events = timeline(REGISTER, HOLDERS, Scope())
    root = parse(timeline_svg(events, Lang.EN, STATE))
    assert root.findtext(f"{NS}title") == "Timeline"
    lanes = find(root, "lane")
    assert [lane.get("data-id") for lane in lanes] == ["paris-agreement", "tariffs", "paris-return"]
    assert [tooltip(lane) for lane in lanes] == [
        "Withdrawal from the climate deal",
        "A decision",
        "Return to the climate deal",
    ]
    labels = [line.text for line in lines(lanes[0]) if line.get("x") == svg._n(svg.MARGIN)]
    assert labels == ["Withdrawal from the", "climate deal", "1 June 2017"]
    assert [g.get("data-date") for g in find(lanes[0], "decision-date")] == ["2017-06-01"]
    assert [g.get("data-date") for g in find(lanes[0], "milestone")] == ["2020-11-04"]
    assert tooltip(find(lanes[0], "milestone")[0]) == "4 November 2020: It takes effect."


def test_statements_are_segments_from_since_to_until_in_date_order() -> None:
    events = timeline(REGISTER, HOLDERS, Scope())
    root = parse(timeline_svg(events, Lang.EN, STATE))
    segments = find(root, "statement")
    assert [
        (g.get("data-holder"), g.get("data-stance"), g.get("data-since"), g.get("data-until"))
        for g in segments
    ] == [
        ("NL", "concerned", "2017-03-01", "2017-06-01"),
        ("EU", "opposes", "2017-06-01", ""),
        ("NL", "critical", "2017-06-01", ""),
        ("NL", "critical", "2018-03", ""),
        ("NL", "supports", "2021-01-20", ""),
        ("US", "supports", "2021-01-20", ""),
    ]
    starts = [(g.get("data-since") or "", _x(g, "line")) for g in segments]
    assert sorted(starts) == sorted(starts, key=lambda pair: pair[1])
    assert len({x for since, x in starts if since == "2021-01-20"}) == 1
    ended = segments[0]
    assert _x(ended, "line") < _x(ended, "line", "x2") == starts[1][1]
    assert ended.find(f"{NS}polygon") is None  # an end shown: no arrow
    assert all(g.find(f"{NS}polygon") is not None for g in segments[1:])
    diamond = find(root, "decision-date", date="2017-06-01")[0].find(f"{NS}polygon")
    assert diamond is not None
    assert diamond.get("points", "").split()[0].split(",")[0] == svg._n(starts[1][1])


def test_each_segment_names_its_holder_and_stance_beside_it() -> None:
    events = timeline(REGISTER, HOLDERS, Scope())
    for lang, first in ((Lang.EN, "NL: concerned"), (Lang.NL, "NL: bezorgd")):
        segments = find(parse(timeline_svg(events, lang, STATE)), "statement")
        assert shown(segments[0]) == first
        for g in segments:
            label = lines(g)[0]
            assert abs(float(label.get("y", "")) - _x(g, "line", "y1")) < 8
            assert float(label.get("x", "")) + text_width(label.text or "", 7) <= svg.WIDTH


def test_stances_differ_in_black_and_white_and_the_legend_names_the_ones_drawn() -> None:
    looks = {(width, dashes) for _, width, dashes in svg.STANCE_LINE.values()}
    assert len(looks) == len(svg.STANCE_LINE)
    events = timeline(REGISTER, HOLDERS, Scope())
    root = parse(timeline_svg(events, Lang.NL, STATE))
    legend = find(root, "legend")[0]
    assert [g.get("data-key") for g in find(legend, "key")] == [
        "decision",
        "milestone",
        "stance:supports",
        "stance:concerned",
        "stance:critical",
        "stance:opposes",
        "open",
    ]
    assert shown(legend) == (
        "besluit mijlpaal steunt bezorgd kritisch wijst af geen einde in de getoonde periode"
    )


def test_the_axis_ticks_every_year_and_labels_as_many_as_have_room() -> None:
    root = parse(timeline_svg(timeline(REGISTER, HOLDERS, Scope()), Lang.EN, STATE))
    axis = find(root, "axis")[0]
    ticks = [line.get("data-year") for line in axis.iter(f"{NS}line") if line.get("data-year")]
    assert ticks == [str(year) for year in range(2017, 2023)]
    assert [line.text for line in lines(axis)] == ticks
    far = [
        Event("1950-03-01", Kind.DECISION, "old", Localized("Oud", "Old")),
        Event("2025-05", Kind.DECISION, "new", Localized("Nieuw", "New")),
    ]
    labels = [line.text for line in lines(find(parse(timeline_svg(far, Lang.EN, "")), "axis")[0])]
    assert labels == [str(year) for year in range(1950, 2031, 10)]  # begins and ends on a label


@given(st.lists(st.dates(), min_size=1, max_size=5))
def test_every_date_lies_on_the_axis_between_two_labels_far_enough_apart(
    days: list[object],
) -> None:
    events = [
        Event(str(day), Kind.DECISION, f"d-{n}", Localized("", "")) for n, day in enumerate(days)
    ]
    scale = svg.time_axis(events)
    ticked, labelled = scale.years()
    assert (labelled[0], labelled[-1]) == (scale.first, scale.last)
    assert set(labelled) <= set(ticked)
    room = (scale.right - scale.left) * scale.step / (scale.last - scale.first)
    assert room >= svg.LABEL_ROOM or scale.step == svg.STEPS[-1]
    for event in events:
        assert scale.left <= scale.x(event.date) <= scale.right
    parse(timeline_svg(events, Lang.EN, ""))


def test_a_statement_whose_beginning_lies_outside_the_period_starts_at_the_axis() -> None:
    events = timeline(REGISTER, HOLDERS, Scope(("paris-agreement",), start="2017-04-01"))
    root = parse(timeline_svg(events, Lang.EN, STATE))
    (first,) = find(root, "statement", holder="NL", stance="concerned")
    assert (first.get("data-since"), first.get("data-until")) == ("", "2017-06-01")
    axis_line = list(find(root, "axis")[0].iter(f"{NS}line"))[-1]
    assert _x(first, "line") == float(axis_line.get("x1", ""))


def test_an_empty_timeline_is_a_picture_that_says_so() -> None:
    root = parse(timeline_svg([], Lang.EN, STATE))
    assert shown(find(root, "empty")[0]) == "No events in this selection."
    assert root.findtext(f"{NS}desc") == "No events in this selection."
    assert shown(find(root, "state")[0]) == STATE


def test_hostile_titles_in_lanes_are_escaped() -> None:
    events = [
        Event(f"2019-0{n + 1}-01", Kind.DECISION, f"h-{n}", Localized(t, t))
        for n, t in enumerate(HOSTILE)
    ]
    root = parse(timeline_svg(events, Lang.EN, STATE))
    lanes = find(root, "lane")
    assert [tooltip(lane) for lane in lanes] == [clean(t) for t in HOSTILE]
    for lane in lanes:
        title = lines(lane)[:-1]  # the date follows the title
        assert squeezed(clean(tooltip(lane) or "")).startswith(
            squeezed(" ".join(line.text or "" for line in title)).removesuffix("…")
        )


TITLES = st.text(max_size=120)


@given(st.lists(TITLES, min_size=1, max_size=6))
def test_any_title_gives_a_picture_that_parses_and_shows_it(titles: list[str]) -> None:
    cells = quadrants([decision(f"t-{n}", t, True, None) for n, t in enumerate(titles)])
    root = parse(matrix_svg(cells, Lang.EN, titles[0]))
    for g in find(root, "decision"):
        title = clean(titles[int((g.get("data-id") or "")[2:])])
        assert tooltip(g) == (title or None)
        visible = squeezed(shown(g))
        assert visible == (squeezed(title) or "—") or (
            visible.endswith("…") and squeezed(title).startswith(visible[:-1])
        )
    events = [
        Event("2020-01-01", Kind.DECISION, f"t-{n}", Localized(t, t)) for n, t in enumerate(titles)
    ]
    lanes = find(parse(timeline_svg(events, Lang.EN, "")), "lane")
    assert [tooltip(lane) for lane in lanes] == [clean(t) or None for t in titles]
