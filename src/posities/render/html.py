"""HTML that a browser shows and Word pastes as a table: one self-contained document (inline
style, no script, nothing fetched) or, with `fragment`, only the table, its notes and the state
line. Every value passes through `html.escape`; nothing here reads markup from data."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from posities.model.words import Lang
from posities.render.text import one_line

STYLE = """\
body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; margin: 2em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
p.state { font-style: italic; }
ol.notes { font-size: 10pt; }
"""
"""Black on white with borders, so that a table printed or pasted into Word stays readable."""

Marks = Sequence[Sequence[Sequence[int]]]
"""For each row, for each cell, the footnote numbers that mark it."""


def text(value: str) -> str:
    """A value as HTML text on one line, every character with a meaning in HTML escaped."""
    return escape(one_line(value), quote=True)


def table(heads: Sequence[str], body: Sequence[Sequence[str]], marks: Marks = ()) -> str:
    """A table with a head row of column headings and one body row per entry; `marks` puts
    footnote references (linked both ways, see `notes`) after the cells they support."""
    seen: dict[int, int] = {}
    lines = ["<table>", "<thead>", "<tr>"]
    lines += [f'<th scope="col">{text(head)}</th>' for head in heads]
    lines += ["</tr>", "</thead>", "<tbody>"]
    for number, row in enumerate(body):
        row_marks = marks[number] if number < len(marks) else ()
        cells = []
        for at, value in enumerate(row):
            refs = ""
            for note in row_marks[at] if at < len(row_marks) else ():
                seen[note] = seen.get(note, 0) + 1
                refs += f'<sup><a href="#note-{note}" id="ref-{note}-{seen[note]}">{note}</a></sup>'
            cells.append(f"<td>{text(value)}{refs}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def references(marks: Marks) -> dict[int, int]:
    """How many times each footnote is referred to in `marks`, for its back-references."""
    counts: dict[int, int] = {}
    for row in marks:
        for found in row:
            for note in found:
                counts[note] = counts.get(note, 0) + 1
    return counts


def notes(texts: Sequence[str], marks: Marks) -> str:
    """The footnotes as an ordered list, note n with id `note-n` and a link back to each
    place it is referred to; nothing where there are none."""
    if not texts:
        return ""
    counts = references(marks)
    lines = ['<ol class="notes">']
    for number, words in enumerate(texts, 1):
        back = "".join(
            f' <a href="#ref-{number}-{k}">↩</a>' for k in range(1, counts.get(number, 0) + 1)
        )
        lines.append(f'<li id="note-{number}">{text(words)}{back}</li>')
    lines.append("</ol>")
    return "\n".join(lines) + "\n"


def state(words: str) -> str:
    """The state line as a paragraph of its own."""
    return f'<p class="state">{text(words)}</p>\n'


def heading(words: str) -> str:
    """A report's heading."""
    return f"<h1>{text(words)}</h1>\n"


def page(title: str, body: str, lang: Lang, fragment: bool) -> str:
    """`body` as one whole document in `lang` titled `title`, or alone with `fragment`."""
    if fragment:
        return body
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang.value}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{text(title)}</title>\n"
        f"<style>\n{STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{heading(title)}{body}"
        "</body>\n"
        "</html>\n"
    )
