"""Documents the extraction tests write themselves: PDFs drawn line by line with reportlab (in
the test extra), in DejaVu Sans for its ligature glyphs; Word files with python-docx."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""Debian's fonts-dejavu-core, which CI installs: a font with ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ and ﬆ."""
FONT = "DejaVu"
A4 = (595.27, 841.89)
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")


def font() -> str:
    """The font's name for reportlab, registered once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    return FONT


@dataclass(frozen=True)
class Line:
    """A line of text at a place on a page; `^{e}` in it is set as a superscript, raised by
    `rise` font sizes."""

    text: str
    x: float
    y: float
    size: float = 10
    rise: float = 0.4
    gap: float = 0.0
    """Points left before each superscript, as justified text spreads a line's characters."""


def column(
    paragraphs: Sequence[Sequence[str]],
    x: float = 72,
    top: float = 760,
    size: float = 10,
    leading: float = 13,
    gap: float = 8,
    rise: float = 0.4,
) -> list[Line]:
    """Paragraphs of lines set from `top` down at `x`, `gap` points between paragraphs."""
    lines = []
    y = top
    for paragraph in paragraphs:
        for text in paragraph:
            lines.append(Line(text, x, y, size, rise))
            y -= leading
        y -= gap
    return lines


def pdf(
    pages: Sequence[Sequence[Line]],
    title: str | None = None,
    password: str | None = None,
    picture_pages: Sequence[int] = (),
) -> bytes:
    """A PDF of the pages' lines; `password` encrypts it, `picture_pages` (0-based) get a
    picture drawn and no text."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    kwargs: dict[str, Any] = {"pagesize": A4}
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(password, ownerPassword="owner", strength=128)
    canvas = Canvas(out, **kwargs)
    if title is not None:
        canvas.setTitle(title)
    for index, page in enumerate(pages):
        if index in picture_pages:
            _picture(canvas)
        for line in page:
            _draw(canvas, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(canvas: Any, line: Line) -> None:
    """Draw a line, its superscripts smaller and raised."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    x = line.x
    name = font()
    for index, part in enumerate(_SUPERSCRIPT.split(line.text)):
        superscript = index % 2 == 1
        size = line.size * 0.6 if superscript else line.size
        y = line.y + (line.rise * line.size if superscript else 0)
        x += line.gap if superscript else 0
        canvas.setFont(name, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, name, size)


def width(text: str, size: float = 10) -> float:
    """How wide `text` is drawn in the font at `size`, in points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font(), size))


def _picture(canvas: Any) -> None:
    """A grey picture filling most of the page, as a scanned page shows."""
    from PIL import Image

    image = Image.new("L", (60, 80), 200)
    for at in range(0, 60, 6):
        image.paste(40, (at, 10, at + 3, 70))
    from reportlab.lib.utils import ImageReader

    canvas.drawImage(ImageReader(image), 50, 100, width=480, height=640)


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are pictures only: no text layer."""
    return pdf([[] for _ in range(pages)], picture_pages=range(pages))


def drawing_pdf() -> bytes:
    """A PDF of one page with vector drawing only."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.rect(100, 100, 300, 400, fill=1)
    canvas.line(50, 50, 500, 700)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def two_columns(
    left: Sequence[Sequence[str]],
    right: Sequence[Sequence[str]],
    heading: str | None = None,
    footer: str | None = None,
) -> list[Line]:
    """A page with a heading across it, two columns under it and a footer."""
    top = 740
    lines = []
    if heading is not None:
        lines.append(Line(heading, 72, 780, 14))
    lines += column(left, x=72, top=top)
    lines += column(right, x=320, top=top)
    if footer is not None:
        lines.append(Line(footer, 72, 40, 8))
    return lines


def docx_bytes(
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] = (),
    title: str | None = None,
    header: str | None = None,
    footnotes: Sequence[str] = (),
    endnotes: Sequence[str] = (),
) -> bytes:
    """A Word document: the paragraphs, then a table of the rows; a title in its properties,
    a page header, footnotes and endnotes (referred to from the first paragraph) when
    given."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if footnotes:
        _footnotes(document, footnotes)
    if endnotes:
        _footnotes(document, endnotes, "endnote")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    if title is not None:
        document.core_properties.title = title
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _footnotes(document: Any, notes: Sequence[str], kind: str = "footnote") -> None:
    """A footnotes (or endnotes) part with `notes`, referred to in reverse order from the
    first paragraph (so that their numbers follow the references, not the part)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    items = "".join(
        f'<w:{kind} w:id="{n}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
        for n, text in enumerate(notes, 1)
    )
    separator = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    )
    xml = f'<w:{kind}s xmlns:w="{_W}">{separator}{items}</w:{kind}s>'
    part = Part(
        PackURI(f"/word/{kind}s.xml"),
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
        xml.encode(),
        document.part.package,
    )
    relation = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    document.part.relate_to(part, relation)
    first = document.paragraphs[0]._p
    for n in reversed(range(1, len(notes) + 1)):
        first.append(parse_xml(f'<w:r xmlns:w="{_W}"><w:{kind}Reference w:id="{n}"/></w:r>'))


def docx_with(body_xml: str) -> bytes:
    """A Word document whose body holds `body_xml` (WordprocessingML with the w, mc, wp, a,
    wps, v and w10 prefixes), as a word processor writes what python-docx does not."""
    import docx
    from docx.oxml import parse_xml

    namespaces = {
        "w": _W,
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "v": "urn:schemas-microsoft-com:vml",
    }
    declared = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in namespaces.items())
    document = docx.Document()
    body = document.element.body
    wrapper = parse_xml(f"<w:body {declared}>{body_xml}</w:body>")
    for at, child in enumerate(list(wrapper)):
        body.insert(at, child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def repackaged(data: bytes, replace: dict[str, bytes]) -> bytes:
    """A zip package (a Word document) with some of its parts' bytes replaced."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
    return out.getvalue()


LETTER = Path(__file__).resolve().parents[1] / "positions/texts/bondgenoten-in-onzekere-tijden.txt"
"""The bundled letter's text, as a naive extraction left it (its superscripts on lines of their
own, its paragraphs parted by lines holding a space)."""


def letter_lines(count: int) -> list[str]:
    """The first `count` lines of the bundled letter."""
    return LETTER.read_text(encoding="utf-8").splitlines()[:count]


def letter_pdf(
    count: int = 58, page_break: int = 27, header: str = "Ministerie van Buitenlandse Zaken"
) -> bytes:
    """The bundled letter's first `count` lines set as it was printed, on two pages (the second
    from line `page_break` on) under a running `header` and page numbers: each superscript "e"
    raised after its number, a blank line as space between paragraphs."""
    lines = letter_lines(count)
    pages: list[list[Line]] = [[], []]
    y = 780.0
    superscript = False
    for number, text in enumerate(lines):
        page = 0 if number < page_break else 1
        if number == page_break:
            y = 780.0
        if text.strip() == "e":
            superscript = True
            continue
        if not text.strip():
            y -= 6
            continue
        if superscript:
            text = re.sub(r"\b([0-9]{2}) ", r"\1^{e} ", text, count=1)
            superscript = False
        pages[page].append(Line(text.rstrip(), 60, y, 8))
        y -= 11
    for index, page in enumerate(pages, 1):
        page.insert(0, Line(header, 60, 815, 7))
        page.append(Line(f"Pagina {index} van 2", 280, 30, 7))
    return pdf(pages, title="Bondgenoten in onzekere tijden")


def footnoted_pdf() -> bytes:
    """Three pages of two columns as a word processor sets a letter with footnotes: the
    footnotes smaller at the foot of the left column, each starting with its number (raised
    on the body's line too), similar but for their digits; a header from page 2 on and page
    numbers under every page; a word hyphenated across the break from page 1 to page 2; and
    an article heading at the top of page 3."""
    notes = [
        "Kamerstukken II 2017/18, 21501-20, nr. 120{n}; zie",
        "ook de brief van {city}.",
    ]
    cities = ["Breda", "Delft", "Gouda"]
    bodies = [
        (
            [
                ["Kamerbrief over de Raad"],
                ["In Almere is de Raad bijeen", "geweest.^{1} Hij sprak."],
            ],
            [["De regering heeft de ontwikkelings-"]],
        ),
        (
            [["samenwerking bezien met de", "partners.^{2} Dat was nodig."]],
            [["Het kabinet acht het van belang", "dat de kosten worden gedeeld."]],
        ),
        (
            [["Artikel 2"], ["De Raad besluit.^{3}"]],
            [["Het kabinet stemt in."]],
        ),
    ]
    pages = []
    for number, (left, right) in enumerate(bodies, 1):
        lines = column(left, x=72, top=740) + column(right, x=320, top=740)
        first, second = (part.format(n=number, city=cities[number - 1]) for part in notes)
        lines += [Line(f"{number}{first}", 72, 90, 7), Line(second, 72, 81, 7)]
        if number > 1:
            lines.append(Line("Ministerie van Buitenlandse Zaken", 72, 800, 8))
        lines.append(Line(f"Pagina {number} van 3", 270, 40, 8))
        pages.append(lines)
    return pdf(pages)


def short_length_pdf() -> bytes:
    """A PDF whose page's content stream is shorter than its /Length says: damaged, though a
    forgiving reader opens it and finds no text."""
    data = pdf([[Line("Dit is de brief van de minister.", 72, 700)]])
    found = re.search(rb"/ASCII85Decode /FlateDecode \] /Length ([0-9]+)", data)
    assert found is not None
    short = b"3".ljust(len(found.group(1)))
    return data[: found.start(1)] + short + data[found.end(1) :]


def stamped_pdf(text: str, stamp: str) -> bytes:
    """A page of one line of `text` with `stamp` set upwards in its right margin, as a draft
    stamp or a filing note is."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont(font(), 10)
    canvas.drawString(72, 700, text)
    canvas.saveState()
    canvas.translate(560, 300)
    canvas.rotate(90)
    canvas.drawString(0, 0, stamp)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def docx_numbered(body_xml: str, numbering_xml: str, styles_xml: str = "") -> bytes:
    """A Word document whose body holds `body_xml`, whose numbering part holds `numbering_xml`
    (abstractNum and num elements) and whose styles have `styles_xml` (style elements) added,
    all with the w prefix, as a word processor writes its lists."""
    import zipfile

    data = docx_with(body_xml)
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    numbering = f'<w:numbering xmlns:w="{_W}">{numbering_xml}</w:numbering>'
    return repackaged(
        data,
        {
            "word/numbering.xml": numbering.encode(),
            "word/styles.xml": styles.replace(b"</w:styles>", f"{styles_xml}</w:styles>".encode()),
        },
    )


MARGIN_BLOCK = ("Directie Veiligheidsbeleid", "Datum", "8 mei 2018", "Kenmerk", "DVB-2018/112")
"""The sender's column a Dutch government letter sets beside its text on every page."""


def margin_block_pdf(bodies: Sequence[Sequence[Sequence[str]]]) -> bytes:
    """A letter of a page for each of `bodies` (paragraphs of lines), with the sender's column
    (MARGIN_BLOCK, smaller, some of it parted by blank lines) in the right margin of every page
    beside the text's first lines, and a page number under it."""
    pages = []
    for number, body in enumerate(bodies, 1):
        lines = column(body, x=68, top=700, size=11, leading=14.3, gap=6)
        heights = (700, 680, 670, 650, 640)
        lines += [Line(text, 450, y, 7.5) for text, y in zip(MARGIN_BLOCK, heights, strict=True)]
        lines.append(Line(f"Pagina {number}", 62, 32, 8.5))
        pages.append(lines)
    return pdf(pages)


def section_header_pdf(
    bodies: Sequence[Sequence[Sequence[str]]],
    headers: Sequence[str | None],
    size: float = 8,
    gap: float = 8,
) -> bytes:
    """A speech of a page for each of `bodies` (paragraphs of lines 10 points, `gap` points
    apart, set from the same height on every page), under a running header that names the
    page's part (`headers`, None for none), set to the right margin, `size` points, well above
    the text."""
    pages = []
    for body, header in zip(bodies, headers, strict=True):
        lines = column(body, x=72, top=740, gap=gap)
        if header is not None:
            lines.append(Line(header, 520 - width(header, size), 790, size))
        pages.append(lines)
    return pdf(pages)


def tabbed_list_pdf(
    before: Sequence[str], items: Sequence[tuple[str, Sequence[str]]], after: Sequence[str]
) -> bytes:
    """A page as a word processor sets a list: the lines `before`, then each item's marker
    (•, 1., a)) indented and its lines after a tab, well apart from it, then the lines
    `after`."""
    lines = column([before])
    y = lines[-1].y - 21
    for marker, text in items:
        lines.append(Line(marker, 82, y))
        for part in text:
            lines.append(Line(part, 110, y))
            y -= 13
        y -= 2
    lines += column([after], top=y - 8)
    return pdf([lines])


def justified(paragraphs: Sequence[Sequence[str]], x: float, top: float = 760) -> list[Line]:
    """Paragraphs of lines set justified as wide as the widest from `top` down at `x`, 10
    points on 13, each word a line of its own at its place: a line of few words has spaces
    far wider than the font size. A paragraph's last line is set ragged."""
    lines = []
    y = top
    measure = max(width(text) for paragraph in paragraphs for text in paragraph)
    for paragraph in paragraphs:
        for at, text in enumerate(paragraph):
            words = text.split()
            last = at == len(paragraph) - 1 or len(words) == 1
            space = (
                width(" ")
                if last
                else (measure - sum(width(word) for word in words)) / (len(words) - 1)
            )
            left = x
            for word in words:
                lines.append(Line(word, left, y))
                left += width(word) + space
            y -= 13
        y -= 8
    return lines


def hyphen_apart(lines: Sequence[Line], gap: float) -> list[Line]:
    """The lines with the hyphen that ends one drawn on its own `gap` points after the word,
    as LibreOffice sets its automatic hyphens."""
    out = []
    for line in lines:
        if not line.text.endswith("-"):
            out.append(line)
            continue
        word = Line(line.text[:-1], line.x, line.y, line.size)
        hyphen = Line("-", line.x + width(word.text, line.size) + gap, line.y, line.size)
        out += [word, hyphen]
    return out


Rule = tuple[float, float, float, float]
"""A rule drawn on a page: from (x0, y0) to (x1, y1)."""


def ruled_pdf(pages: Sequence[tuple[Sequence[Line], Sequence[Rule]]], boxes: bool = False) -> bytes:
    """A PDF of pages of lines and rules (a table's borders); with `boxes`, each rule given
    as (x0, y0, x1, y1) is a box stroked around that rectangle instead, as a table drawn cell
    by cell is."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for lines, rules in pages:
        canvas.setLineWidth(0.5)
        for x0, y0, x1, y1 in rules:
            if boxes:
                canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
            else:
                canvas.line(x0, y0, x1, y1)
        for line in lines:
            _draw(canvas, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def grid(xs: Sequence[float], ys: Sequence[float]) -> list[Rule]:
    """The rules of a table whose column edges are `xs` and row edges `ys` (top first)."""
    return [(xs[0], y, xs[-1], y) for y in ys] + [(x, ys[-1], x, ys[0]) for x in xs]


def cells(
    rows: Sequence[Sequence[Sequence[str]]], xs: Sequence[float], top: float
) -> tuple[list[Line], list[float]]:
    """The lines of a table's cells (each cell its lines) set 4 points inside the column
    edges `xs`, rows from `top` down, and the rows' edges (top first)."""
    lines, ys, y = [], [top], top
    for row in rows:
        depth = max(len(cell) for cell in row)
        for x, cell in zip(xs, row, strict=False):
            lines += [Line(text, x + 4, y - 12 - 12 * n) for n, text in enumerate(cell)]
        y -= 12 * depth + 6
        ys.append(y)
    return lines, ys


def sideways_pdf(pages: Sequence[Sequence[tuple[Sequence[str], int]]]) -> bytes:
    """A PDF of upright A4 pages, each of groups of lines set turned by the group's angle (0,
    90, 180 or 270 degrees), as a wide table is printed on an upright page; a group after
    the first on a page starts 200 points further in."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for groups in pages:
        for place, (lines, angle) in enumerate(groups):
            canvas.saveState()
            canvas.translate(*{0: (0, 0), 90: (595, 0), 180: (595, 842), 270: (0, 842)}[angle])
            canvas.rotate(angle)
            canvas.setFont(font(), 10)
            top = (595 if angle in (90, 270) else 842) - 72 - 200 * place
            for at, text in enumerate(lines):
                canvas.drawString(72, top - 14 * at, text)
            canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return out.getvalue()
