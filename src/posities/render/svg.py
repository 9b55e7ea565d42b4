"""Pictures a memo can carry: the goal x means matrix and the timeline as standalone SVG 1.1
documents. They read in black and white (words, line styles and shapes carry the meaning,
colour only adds to it), are sized in points so that Word and LibreOffice place them at their
real size, and are written in ASCII with every other character as a character reference, so
that any output encoding carries them whole. Text widths are estimated from the characters
(nothing is measured), generously, so that a line never runs out of its box."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from posities.core.statements import first_day
from posities.core.timeline import Event, Kind
from posities.model.dates import long_date
from posities.model.records import Localized, Position, Stance
from posities.model.words import Lang, phrase, quadrant_word, stance, tri, word
from posities.render.matrix import Cells
from posities.render.text import one_line, xml_safe

FONT = "Calibri, Arial, Helvetica, sans-serif"
"""Fonts every office machine has, then the generic family: no web font is fetched."""
WIDTH = 450.0
"""A picture's width in points: the text width of an A4 page with 2.5 cm margins."""
MARGIN = 10.0
PAD = 4.0
TITLE_SIZE, HEAD_SIZE, TEXT_SIZE, SMALL_SIZE = 11.0, 8.5, 8.0, 7.0
LEADING = 1.25
"""A line's height as a multiple of its font size."""
TITLE_LINES = 4
"""The most lines one decision's title takes in a matrix cell (the last then ends in "…")."""
CELL_LINES = 14
"""The most lines of titles in one matrix cell; the decisions beyond end in "… and N more"."""
LANE_TITLE_LINES = 3
"""The most lines of a decision's title beside its lane of the timeline."""
BULLET = 7.0
"""How far a title in a matrix cell is indented after its bullet."""


def _word(name: str, lang: Lang, **values: object) -> str:
    """What only a picture says ("… and 3 more"), in `lang`."""
    return phrase(f"picture_{name}", lang, **values)


# --- text: cleaned, escaped, measured, wrapped ---------------------------------------------------


def clean(value: str) -> str:
    """A value as a picture shows it: on one line, what XML cannot carry shown as U+FFFD."""
    return xml_safe(one_line(value))


def _esc(value: str) -> str:
    """Clean text escaped for XML character data and attribute values alike."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


_NARROW = frozenset("iIjlftr.,:;'!|()[]{}/-")
_WIDE = frozenset("mwMW@%&\u2014\u2026")


@functools.cache
def _advance(char: str) -> int:
    """A character's advance in hundredths of an em, at least what DejaVu Sans gives it (the
    widest of the fonts a picture falls back to; Calibri and Arial are narrower): marks and
    format characters none, wide East Asian characters a whole em. Whole numbers, so that a
    line's width is the same however it is added up."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if char == " ":
        return 33
    if char in _NARROW:
        return 42
    if char in _WIDE or unicodedata.east_asian_width(char) in ("W", "F"):
        return 105
    if ord(char) >= 0x250:  # beyond Latin: other scripts' letters run wider
        return 105 if char.isupper() else 85
    return 80 if char.isupper() else 64


def _points(hundredths: int, size: float, bold: bool) -> float:
    """An advance in hundredths of an em as points at font `size`; bold runs wider."""
    return hundredths * size * (1.12 if bold else 1.0) / 100


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An upper estimate of the width of `text` in points at font `size`."""
    return _points(sum(map(_advance, text)), size, bold)


def _pieces(piece: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than `width` as lines no wider (but at least one character each)."""
    lines, start, used = [], 0, 0
    for at, char in enumerate(piece):
        step = _advance(char)
        if at > start and _points(used + step, size, bold) > width:
            lines.append(piece[start:at])
            start, used = at, 0
        used += step
    return [*lines, piece[start:]]


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Clean `text` as lines no wider than `width` at `size`, broken between words, after a
    hyphen ("VN-" / "Mensenrechtenraad"), and inside a word only where the part alone is
    wider than a line."""
    lines: list[str] = []
    line, used, space = "", 0, _advance(" ")
    for whole in text.split():
        for at, piece in enumerate(_HYPHENATED.findall(whole)):
            gap, joint = (space, " ") if at == 0 else (0, "")
            advance = sum(map(_advance, piece))
            if line and _points(used + gap + advance, size, bold) <= width:
                line, used = f"{line}{joint}{piece}", used + gap + advance
                continue
            if line:
                lines.append(line)
            line, used = piece, advance
            if _points(advance, size, bold) > width:
                *full, line = _pieces(piece, width, size, bold)
                lines += full
                used = sum(map(_advance, line))
    return [*lines, line] if line else lines


_HYPHENATED = re.compile(r"[^-]*-+|[^-]+")
"""The parts of a word a line may end between: each up to and with its hyphens."""


def clamp(lines: list[str], most: int, width: float, size: float, bold: bool = False) -> list[str]:
    """At most `most` lines, the last ending in "…" where some were left out."""
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and text_width(last + " …", size, bold) > width:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip() + " …"]


def _n(value: float) -> str:
    """A coordinate as written: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --- elements ------------------------------------------------------------------------------------


def _text(
    x: float,
    y: float,
    line: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    anchor: str = "start",
    fill: str = "#000000",
) -> str:
    """One line of clean text with its baseline at `y`."""
    style = ' font-weight="bold"' if bold else ""
    style += ' font-style="italic"' if italic else ""
    style += f' text-anchor="{anchor}"' if anchor != "start" else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{FONT}" font-size="{_n(size)}"'
        f'{style} fill="{fill}">{_esc(line)}</text>'
    )


def _lines(
    x: float,
    top: float,
    lines: Sequence[str],
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    fill: str = "#000000",
) -> list[str]:
    """Lines of text one under the other, the first line's top at `top`."""
    return [
        _text(
            x,
            top + (0.8 + LEADING * number) * size,
            line,
            size,
            bold=bold,
            italic=italic,
            fill=fill,
        )
        for number, line in enumerate(lines)
    ]


def _rect(x: float, y: float, width: float, height: float, fill: str = "none") -> str:
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}" '
        f'fill="{fill}" stroke="#000000" stroke-width="0.75"/>'
    )


def _height(lines: int, size: float) -> float:
    return lines * LEADING * size


def _heading(parts: list[str], title: str, top: float) -> float:
    """The picture's title at `top`; where the next thing begins."""
    lines = wrap(clean(title), WIDTH - 2 * MARGIN, TITLE_SIZE, bold=True)
    parts.append('<g class="heading">')
    parts += _lines(MARGIN, top, lines, TITLE_SIZE, bold=True)
    parts.append("</g>")
    return top + _height(len(lines), TITLE_SIZE) + PAD


def _paragraph(parts: list[str], words: str, top: float, css: str) -> float:
    """A paragraph of small text across the picture at `top`; where the next thing begins."""
    if not words.strip():
        return top
    lines = wrap(clean(words), WIDTH - 2 * MARGIN, SMALL_SIZE)
    parts.append(f'<g class="{css}">')
    parts += _lines(MARGIN, top + PAD, lines, SMALL_SIZE, fill="#333333")
    parts.append("</g>")
    return top + PAD + _height(len(lines), SMALL_SIZE)


def _document(height: float, title: str, desc: str, lang: Lang, parts: Sequence[str]) -> str:
    """A standalone SVG 1.1 document `WIDTH` points wide holding `parts`, in ASCII."""
    size = f'width="{_n(WIDTH)}pt" height="{_n(height)}pt"'
    text = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" {size} '
            f'viewBox="0 0 {_n(WIDTH)} {_n(height)}" xml:lang="{lang.value}">',
            f"<title>{_esc(clean(title))}</title>",
            f"<desc>{_esc(clean(desc))}</desc>",
            f'<rect x="0" y="0" width="{_n(WIDTH)}" height="{_n(height)}" fill="#ffffff"/>',
            *parts,
            "</svg>",
        ]
    )
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii") + "\n"


# --- the matrix ----------------------------------------------------------------------------------

AXIS = (True, False, None)
"""The rows (goal shared) and columns (means differ) of the matrix, in order."""


def _key(value: bool | None) -> str:
    """A row's or column's value as the picture's data attributes name it."""
    return {True: "yes", False: "no", None: "unknown"}[value]


@dataclass(frozen=True, slots=True)
class _Cell:
    """What one matrix cell shows: its quadrant's name, each decision's lines, and how many
    decisions did not fit."""

    label: list[str]
    decisions: list[tuple[Position, list[str]]]
    more: int


def _cell(positions: Sequence[Position], label: str, width: float, lang: Lang) -> _Cell:
    """The lines of one cell `width` points wide (inside its padding)."""
    heading = wrap(clean(label.capitalize()), width, TEXT_SIZE, bold=True) if label else []
    room, shown = CELL_LINES, list[tuple[Position, list[str]]]()
    for number, position in enumerate(positions):
        title = wrap(clean(position.title.get(lang.value)), width - BULLET, TEXT_SIZE)
        lines = clamp(title or ["—"], TITLE_LINES, width - BULLET, TEXT_SIZE)
        last = number == len(positions) - 1
        if len(lines) > room - (0 if last else 1):
            return _Cell(heading, shown, len(positions) - number)
        shown.append((position, lines))
        room -= len(lines)
    return _Cell(heading, shown, 0)


def _cell_height(cell: _Cell) -> float:
    lines = len(cell.label) + sum(len(lines) for _, lines in cell.decisions)
    lines += 1 if cell.more or not cell.decisions else 0
    return 2 * PAD + _height(lines, TEXT_SIZE) + 2.0 * len(cell.decisions)


def _draw_cell(
    cell: _Cell,
    goal: bool | None,
    means: bool | None,
    box: tuple[float, float, float, float],
    lang: Lang,
) -> list[str]:
    """A cell's group: its box, its quadrant's name, its decisions, what did not fit."""
    x, y, width, height = box
    fill = "#fff2cc" if (goal, means) == (True, True) else "none"
    parts = [f'<g class="cell" data-goal="{_key(goal)}" data-means="{_key(means)}">']
    parts.append(_rect(x, y, width, height, fill))
    top = y + PAD
    parts += _lines(x + PAD, top, cell.label, TEXT_SIZE, bold=True, italic=True)
    top += _height(len(cell.label), TEXT_SIZE)
    for position, lines in cell.decisions:
        parts.append(f'<g class="decision" data-id="{_esc(clean(position.id))}">')
        parts.append(f"<title>{_esc(clean(position.title.get(lang.value)))}</title>")
        dot_y = top + 0.55 * TEXT_SIZE
        parts.append(f'<circle cx="{_n(x + PAD + 2)}" cy="{_n(dot_y)}" r="1.4" fill="#000000"/>')
        parts += _lines(x + PAD + BULLET, top, lines, TEXT_SIZE)
        parts.append("</g>")
        top += _height(len(lines), TEXT_SIZE) + 2.0
    if cell.more:
        parts += _lines(x + PAD, top, [_word("more", lang, n=cell.more)], TEXT_SIZE, italic=True)
    elif not cell.decisions:
        parts += _lines(x + PAD, top, ["—"], TEXT_SIZE, fill="#555555")
    parts.append("</g>")
    return parts


def _head_cell(x: float, y: float, width: float, height: float, lines: list[str]) -> list[str]:
    """A heading cell: grey as an extra, its words in bold."""
    return [
        _rect(x, y, width, height, "#e8e8e8"),
        *_lines(x + PAD, y + PAD, lines, HEAD_SIZE, bold=True),
    ]


def _matrix_grid(cells: Cells, lang: Lang, top: float) -> tuple[list[str], float]:
    """The grid: a band naming the columns' question, a row of column headings, and a row
    per value of goal shared; where the next thing begins."""
    corner = f"{word('goal_shared', lang)} ↓"
    heads = [corner, *(tri(value, lang) for value in AXIS)]
    head_width = min(max(text_width(h, HEAD_SIZE, True) for h in heads) + 2 * PAD + 1, 110.0)
    column = (WIDTH - 2 * MARGIN - head_width) / 3
    left = MARGIN + head_width
    parts: list[str] = ['<g class="matrix">']
    band = wrap(clean(f"{word('means_differ', lang)} →"), 3 * column - 2 * PAD, HEAD_SIZE, True)
    band_height = _height(len(band), HEAD_SIZE) + 2 * PAD
    parts += _head_cell(left, top, 3 * column, band_height, band)
    top += band_height
    row = [
        wrap(clean(h), (head_width if i == 0 else column) - 2 * PAD, HEAD_SIZE, True)
        for i, h in enumerate(heads)
    ]
    height = max(_height(len(lines), HEAD_SIZE) for lines in row) + 2 * PAD
    for number, lines in enumerate(row):
        x = MARGIN if number == 0 else left + (number - 1) * column
        parts += _head_cell(x, top, head_width if number == 0 else column, height, lines)
    top += height
    for goal in AXIS:
        top = _matrix_row(parts, cells, goal, lang, (left, top, head_width, column))
    parts.append("</g>")
    return parts, top


def _matrix_row(
    parts: list[str],
    cells: Cells,
    goal: bool | None,
    lang: Lang,
    grid: tuple[float, float, float, float],
) -> float:
    """One row of the matrix, goal shared `goal`; where the next row begins."""
    left, top, head_width, column = grid
    shown = [
        _cell(cells[(goal, means)], quadrant_word(goal, means, lang), column - 2 * PAD, lang)
        for means in AXIS
    ]
    head = wrap(clean(tri(goal, lang)), head_width - 2 * PAD, HEAD_SIZE, True)
    height = max([_height(len(head), HEAD_SIZE) + 2 * PAD, *map(_cell_height, shown)])
    parts += _head_cell(MARGIN, top, head_width, height, head)
    for number, (means, cell) in enumerate(zip(AXIS, shown, strict=True)):
        box = (left + number * column, top, column, height)
        parts += _draw_cell(cell, goal, means, box, lang)
    return top + height


def _matrix_desc(cells: Cells, lang: Lang) -> str:
    """The matrix in words, cell by cell, for a reader who cannot see the picture."""
    sentences = []
    for goal in AXIS:
        for means in AXIS:
            head = f"{word('goal_shared', lang)}: {tri(goal, lang)}, "
            head += f"{word('means_differ', lang)}: {tri(means, lang)}"
            label = quadrant_word(goal, means, lang)
            titles = "; ".join(p.title.get(lang.value) for p in cells[(goal, means)]) or "—"
            sentences.append(head + (f" ({label})" if label else "") + ": " + titles)
    return ". ".join(sentences) + "."


def matrix_svg(cells: Cells, lang: Lang, state_text: str) -> str:
    """The goal x means matrix as a picture: rows goal shared, columns means differ (yes,
    no, not stated), each cell naming its quadrant and its decisions by title; the state
    line (`state_text`, plain words; "" for none) as a caption."""
    title = word("report_matrix", lang)
    parts: list[str] = []
    top = _heading(parts, title, MARGIN)
    grid, top = _matrix_grid(cells, lang, top)
    parts += grid
    if not any(cells.values()):
        top = _paragraph(parts, _word("no_decisions", lang), top, "empty")
    top = _paragraph(parts, state_text, top, "state")
    return _document(top + MARGIN, title, _matrix_desc(cells, lang), lang, parts)


# --- the timeline --------------------------------------------------------------------------------

STANCE_LINE: dict[Stance | None, tuple[str, float, str]] = {
    Stance.SUPPORTS: ("#1a7f37", 3.0, ""),
    Stance.NEUTRAL: ("#555555", 1.0, ""),
    Stance.CONCERNED: ("#b7791f", 2.0, "6 3"),
    Stance.CRITICAL: ("#c0392b", 2.0, "9 3 2 3"),
    Stance.OPPOSES: ("#7b1010", 3.2, "2 2"),
    None: ("#777777", 1.0, "1 3"),
}
"""How each stance's segment is drawn: colour (an extra), width and dashes, which tell the
stances apart in black and white: solid thick, solid thin, dashed, dash-dot, dotted thick."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A holder's statement as drawn: from `since` to `until`; None where it began before the
    first event shown, or holds past the last."""

    holder: str
    stance: Stance | None
    since: str | None
    until: str | None


@dataclass(slots=True)
class Lane:
    """One decision's row of the timeline: its title, its date, milestones and statements."""

    id: str
    title: Localized
    decision: str | None = None
    milestones: list[tuple[str, Localized | None]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


def lanes(events: Sequence[Event]) -> list[Lane]:
    """The lanes of a timeline, one per decision in order of its first event; each statement's
    beginning and end paired into one segment."""
    found: dict[str, Lane] = {}
    begun: dict[tuple[str, str | None, int], int] = {}
    for event in events:
        lane = found.setdefault(event.id, Lane(event.id, event.title))
        key = (event.id, event.holder, event.order)
        if event.kind is Kind.DECISION:
            lane.decision = event.date
        elif event.kind is Kind.MILESTONE:
            lane.milestones.append((event.date, event.text))
        elif event.kind is Kind.STATEMENT:
            begun[key] = len(lane.segments)
            lane.segments.append(Segment(event.holder or "", event.stance, event.date, None))
        elif key in begun:
            at = begun.pop(key)
            lane.segments[at] = replace(lane.segments[at], until=event.date)
        else:
            lane.segments.append(Segment(event.holder or "", event.stance, None, event.date))
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Axis:
    """The time axis: whole years from 1 January `first` to 1 January `last`, a label every
    `step` years from `first`, drawn from `left` to `right`."""

    first: int
    last: int
    step: int
    left: float
    right: float

    def x(self, when: str) -> float:
        """Where a date (a partial one: its first day) lies on the axis."""
        return self._at(date.fromisoformat(first_day(when)).toordinal())

    def year_x(self, year: int) -> float:
        """Where 1 January of `year` lies on the axis."""
        return self._at(_new_year(year))

    def _at(self, day: float) -> float:
        start = _new_year(self.first)
        return self.left + (self.right - self.left) * (day - start) / (_new_year(self.last) - start)

    def years(self) -> tuple[list[int], list[int]]:
        """The years ticked (every year, where there is room) and those labelled."""
        labelled = list(range(self.first, self.last + 1, self.step))
        if (self.right - self.left) / (self.last - self.first) < 3:
            return labelled, labelled
        return list(range(self.first, self.last + 1)), labelled


def _new_year(year: int) -> float:
    """1 January of `year` as a day number; beyond the calendar's years 1 to 9999 (an axis
    from year 0, or to 10000), counted on in years of 365.25 days."""
    edge = min(max(year, 1), 9999)
    return date(edge, 1, 1).toordinal() + 365.25 * (year - edge)


LANE_LABEL = 135.0
"""The width of the column of decision titles beside the lanes."""
ROW = 15.0
"""The height of one statement's row in a lane."""
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000)
"""The years between two labels of the axis, the fewest that leave room for the labels."""
LABEL_ROOM = 28.0


def time_axis(events: Sequence[Event]) -> Axis:
    """The axis of `events`: whole years, beginning and ending on a labelled year, with
    `LABEL_ROOM` points at least between two labels."""
    years = [int(first_day(event.date)[:4]) for event in events]
    left, right = MARGIN + LANE_LABEL + 8, WIDTH - MARGIN - 6
    first, last = min(years), max(years) + 1
    for step in STEPS:
        start, end = first - first % step, -(-last // step) * step
        if (right - left) * step / (end - start) >= LABEL_ROOM or step == STEPS[-1]:
            break
    return Axis(start, end, step, left, right)


def _ticks(axis: Axis, top: float, bottom: float) -> list[str]:
    """The years along the top of the lanes and their lines down through them."""
    ticked, labelled = axis.years()
    parts = ['<g class="axis">']
    for year in ticked:
        x = axis.year_x(year)
        named = year in labelled
        parts.append(
            f'<line data-year="{year}" x1="{_n(x)}" y1="{_n(top - (4 if named else 2))}" '
            f'x2="{_n(x)}" y2="{_n(bottom if named else top)}" stroke="#999999" '
            'stroke-width="0.5"/>'
        )
        if named:
            parts.append(_text(x, top - 6, str(year), SMALL_SIZE, anchor="middle"))
    parts.append(
        f'<line x1="{_n(axis.left)}" y1="{_n(top)}" x2="{_n(axis.right)}" y2="{_n(top)}" '
        'stroke="#000000" stroke-width="0.75"/>'
    )
    parts.append("</g>")
    return parts


def _diamond(x: float, y: float) -> str:
    points = f"{_n(x)},{_n(y - 4)} {_n(x + 4)},{_n(y)} {_n(x)},{_n(y + 4)} {_n(x - 4)},{_n(y)}"
    return f'<polygon points="{points}" fill="#000000" stroke="#000000" stroke-width="0.5"/>'


def _triangle(x: float, y: float) -> str:
    points = f"{_n(x - 3.5)},{_n(y - 3)} {_n(x + 3.5)},{_n(y - 3)} {_n(x)},{_n(y + 3.5)}"
    return f'<polygon points="{points}" fill="#ffffff" stroke="#000000" stroke-width="1"/>'


def _arrow(x: float, y: float) -> str:
    points = f"{_n(x - 5)},{_n(y - 3.5)} {_n(x + 1)},{_n(y)} {_n(x - 5)},{_n(y + 3.5)}"
    return f'<polygon points="{points}" fill="#000000"/>'


def _stroke(value: Stance | None) -> str:
    colour, width, dashes = STANCE_LINE[value]
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'stroke="{colour}" stroke-width="{_n(width)}"{dash} stroke-linecap="butt"'


def _segment(segment: Segment, axis: Axis, top: float, lang: Lang) -> list[str]:
    """A statement's row: its line from since to until (an arrow where no end is shown), a
    bar where it begins, and the holder and stance in words above it."""
    start = axis.left if segment.since is None else axis.x(segment.since)
    end = axis.right if segment.until is None else axis.x(segment.until)
    label = clean(f"{segment.holder}: {stance(segment.stance, lang)}")
    label_x = min(start, axis.right - text_width(label, SMALL_SIZE))
    y = top + SMALL_SIZE * LEADING + 3
    parts = [
        f'<g class="statement" data-holder="{_esc(clean(segment.holder))}" '
        f'data-stance="{segment.stance.value if segment.stance else ""}" '
        f'data-since="{segment.since or ""}" data-until="{segment.until or ""}">',
        _text(max(label_x, axis.left), top + SMALL_SIZE, label, SMALL_SIZE),
        f'<line x1="{_n(start)}" y1="{_n(y)}" x2="{_n(end)}" y2="{_n(y)}" '
        f"{_stroke(segment.stance)}/>",
    ]
    if segment.since is not None:
        parts.append(
            f'<line x1="{_n(start)}" y1="{_n(y - 3.5)}" x2="{_n(start)}" y2="{_n(y + 3.5)}" '
            'stroke="#000000" stroke-width="1"/>'
        )
    if segment.until is None:
        parts.append(_arrow(axis.right + 1, y))
    parts.append("</g>")
    return parts


def _lane(lane: Lane, axis: Axis, top: float, lang: Lang) -> tuple[list[str], float]:
    """A decision's lane: its title and date on the left; its date, milestones and each
    statement on the axis; where the next lane begins."""
    title = lane.title.get(lang.value)
    lines = wrap(clean(title), LANE_LABEL - PAD, TEXT_SIZE, bold=True)
    lines = clamp(lines or ["—"], LANE_TITLE_LINES, LANE_LABEL - PAD, TEXT_SIZE, bold=True)
    parts = [
        f'<g class="lane" data-id="{_esc(clean(lane.id))}">',
        f"<title>{_esc(clean(title))}</title>",
    ]
    parts += _lines(MARGIN, top + PAD, lines, TEXT_SIZE, bold=True)
    label_height = PAD + _height(len(lines), TEXT_SIZE)
    if lane.decision is not None:
        when = clean(long_date(lane.decision, lang))
        parts += _lines(MARGIN, top + label_height, [when], SMALL_SIZE, fill="#333333")
        label_height += _height(1, SMALL_SIZE)
        parts.append(f'<g class="decision-date" data-date="{_esc(lane.decision)}">')
        parts += [f"<title>{_esc(when)}</title>", _diamond(axis.x(lane.decision), top + 8), "</g>"]
    for when, text in lane.milestones:
        words = clean(long_date(when, lang) + (f": {text.get(lang.value)}" if text else ""))
        parts.append(f'<g class="milestone" data-date="{_esc(when)}"><title>{_esc(words)}</title>')
        parts += [_triangle(axis.x(when), top + 8), "</g>"]
    for number, segment in enumerate(lane.segments):
        parts += _segment(segment, axis, top + 14 + number * ROW, lang)
    height = max(label_height + PAD, 14 + ROW * len(lane.segments) + PAD, 20)
    parts.append(
        f'<line x1="{_n(MARGIN)}" y1="{_n(top + height)}" x2="{_n(WIDTH - MARGIN)}" '
        f'y2="{_n(top + height)}" stroke="#bbbbbb" stroke-width="0.5"/>'
    )
    parts.append("</g>")
    return parts, top + height


def _legend(
    events: Sequence[Event], shown: Sequence[Lane], lang: Lang, top: float
) -> tuple[list[str], float]:
    """What the shapes and lines mean, in a row that wraps: the decision, a milestone, each
    stance drawn, and the arrow of a statement with no end in the period shown."""
    kinds = {event.kind for event in events}
    items: list[tuple[str, str]] = []
    if Kind.DECISION in kinds:
        items.append(("decision", word("event_decision", lang)))
    if Kind.MILESTONE in kinds:
        items.append(("milestone", word("event_milestone", lang)))
    drawn = {event.stance for event in events if event.kind in (Kind.STATEMENT, Kind.ENDS)}
    items += [(f"stance:{s.value}", stance(s, lang)) for s in Stance if s in drawn]
    if None in drawn:
        items.append(("stance:", stance(None, lang)))
    if any(segment.until is None for lane in shown for segment in lane.segments):
        items.append(("open", _word("open", lang)))
    return _legend_row(items, top)


def _legend_row(items: Sequence[tuple[str, str]], top: float) -> tuple[list[str], float]:
    parts, x, y = ['<g class="legend">'], MARGIN, top + PAD
    for key, words in items:
        width = 24 + text_width(clean(words), SMALL_SIZE) + 10
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + ROW
        parts.append(f'<g class="key" data-key="{key}">')
        parts += [_symbol(key, x, y + 5), _text(x + 24, y + 7.5, clean(words), SMALL_SIZE), "</g>"]
        x += width
    parts.append("</g>")
    return parts, y + ROW


def _symbol(key: str, x: float, y: float) -> str:
    """The legend's sample of a shape or line."""
    if key == "decision":
        return _diamond(x + 10, y)
    if key == "milestone":
        return _triangle(x + 10, y)
    if key == "open":
        return (
            f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 16)}" y2="{_n(y)}" stroke="#000000" '
            f'stroke-width="1"/>{_arrow(x + 20, y)}'
        )
    value = Stance(key.split(":", 1)[1]) if key != "stance:" else None
    return f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 20)}" y2="{_n(y)}" {_stroke(value)}/>'


def _timeline_desc(events: Sequence[Event], lang: Lang) -> str:
    """The timeline in words, event by event, for a reader who cannot see the picture."""
    from posities.render.timeline import rows

    if not events:
        return _word("no_events", lang)
    return "; ".join(", ".join(cell for cell in row if cell) for row in rows(events, lang)) + "."


def timeline_svg(events: Sequence[Event], lang: Lang, state_text: str) -> str:
    """The timeline as a picture: a time axis with its years, a lane per decision with its
    date, its milestones and each holder's statements as lines from since to until, the
    stance named beside each; the state line (`state_text`, plain words; "" for none) as a
    caption."""
    title = word("report_timeline", lang)
    parts: list[str] = []
    top = _heading(parts, title, MARGIN)
    if not events:
        top = _paragraph(parts, _word("no_events", lang), top, "empty")
    else:
        drawn_lanes = lanes(events)
        legend, top = _legend(events, drawn_lanes, lang, top)
        scale, drawn = time_axis(events), list[str]()
        first = top = top + 16
        for lane in drawn_lanes:
            lane_parts, top = _lane(lane, scale, top, lang)
            drawn += lane_parts
        parts += [*legend, *_ticks(scale, first, top), *drawn]
    top = _paragraph(parts, state_text, top, "state")
    return _document(top + MARGIN, title, _timeline_desc(events, lang), lang, parts)
