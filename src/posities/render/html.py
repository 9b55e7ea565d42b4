"""HTML that a browser shows and Word pastes as a table: one self-contained document (inline
style, no script, nothing fetched) or, with `fragment`, only the table, its notes and the state
line. Every value passes through `html.escape`; nothing here reads markup from data."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from posities.model.words import Lang
from posities.render.memo import Memo, Quotes, Table
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


def text(value: str) -> str:
    """A value as HTML text on one line, every character with a meaning in HTML escaped."""
    return escape(one_line(value), quote=True)


def table(block: Table, seen: dict[int, int], prefix: str = "") -> str:
    """A table with a head row of column headings and one body row per entry, footnote
    references (linked both ways, see `notes`) after the cells they support; `seen` counts
    the references made so far, so that each has an id of its own, which starts with
    `prefix`."""
    lines = ["<table>", "<thead>", "<tr>"]
    lines += [f'<th scope="col">{text(head)}</th>' for head in block.heads]
    lines += ["</tr>", "</thead>", "<tbody>"]
    for row in block.rows:
        cells = []
        for cell in row:
            links = []
            for note in cell.notes:
                seen[note] = seen.get(note, 0) + 1
                target, ref = f"{prefix}note-{note}", f"{prefix}ref-{note}-{seen[note]}"
                links.append(f'<a href="#{target}" id="{ref}">{note}</a>')
            refs = f"<sup>{','.join(links)}</sup>" if links else ""  # "1,2", never "12"
            cells.append(f"<td>{text(cell.text)}{refs}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def notes(texts: Sequence[str], counts: dict[int, int], prefix: str = "") -> str:
    """The footnotes as an ordered list, note n with id `note-n` (after `prefix`) and a link
    back to each of the `counts[n]` places it is referred to; nothing where there are none."""
    if not texts:
        return ""
    lines = ['<ol class="notes">']
    for number, words in enumerate(texts, 1):
        back = "".join(
            f' <a href="#{prefix}ref-{number}-{k}">↩</a>'
            for k in range(1, counts.get(number, 0) + 1)
        )
        lines.append(f'<li id="{prefix}note-{number}">{text(words)}{back}</li>')
    lines.append("</ol>")
    return "\n".join(lines) + "\n"


def quotes(block: Quotes) -> str:
    """A numbered list of sources under a heading, each quote as a block quotation."""
    out = f"<h2>{text(block.heading)}</h2>\n<ol>\n"
    for line, quote in block.items:
        out += f"<li>{text(line)}\n<blockquote>{text(quote)}</blockquote></li>\n"
    return out + "</ol>\n"


def document(memo: Memo, fragment: bool = False) -> str:
    """A memo as one whole HTML document, or with `fragment` its blocks, state line and
    notes alone, to paste into a page of one's own: there the ids of its notes start with a
    digest of the memo, so that two fragments on one page do not share them."""
    seen: dict[int, int] = {}
    prefix = f"m{_digest(memo)}-" if fragment else ""
    body = ""
    for block in memo.blocks:
        if isinstance(block, Table):
            body += table(block, seen, prefix)
        elif isinstance(block, Quotes):
            body += quotes(block)
        else:
            body += f"<p>{text(block.text)}</p>\n"
    if memo.state:
        body += state(memo.state)
    body += notes(memo.notes, seen, prefix)
    return page(memo.title, body, memo.lang, fragment)


def _digest(memo: Memo) -> str:
    """Eight hex digits that differ between memos (and stay the same for one memo)."""
    import hashlib

    return hashlib.blake2s(repr(memo).encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()


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
