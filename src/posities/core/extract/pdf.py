"""A PDF's text through pdfminer.six: its characters grouped into lines by pdfminer's layout
analysis, then read in an order of our own, column by column.

Reading order: the lines of a page are cut into bands where no line spans a horizontal gap;
consecutive bands that share an empty vertical strip at least a font size wide (a gutter) form
one region, read column by column, each column read the same way in turn; a region without a
gutter (a title, a full-width paragraph) is read top to bottom. So a heading across the page,
two columns under it and a footer come out in that order, and each column whole. Before that,
the pieces of one baseline are made one line, in x order, unless a gutter the lines around
them share parts them (the words of a justified line may stand wider apart than a gutter),
and a list marker set before its item after a tab (•, 1., a)) goes with the item's line. A
table drawn with rules (lines, or a box per cell) is read row by row, each cell a paragraph of
its own, where it stands among the page's flows; one without rules is read as columns are. A
page whose text is mostly set sideways or upside down (a wide table turned on an upright page)
is read turned; a few such characters (a stamp in the margin) are left out, with a warning.

A superscript that pdfminer sets on a line of its own (the "e" of "45e", smaller and raised) is
put back after the character it follows, and the space pdfminer infers before a hyphen set
close after its word at a line's end ("econo -") is left out. Paragraphs are split where the
space between lines grows. Running lines are told by their place: a line at a page's top or
bottom whose text recurs there on most pages, and a line right of the main text whose very
text recurs at the same place on most pages (a letter's margin column), are dropped; a header
at the very top of most pages, set apart from the text in another font size, whose text
changes (the current part's name), is kept after the paragraph the page break cuts, never
inside it. The work is bounded: at most MAX_PAGES pages of MAX_PAGE_CHARACTERS characters
each, PAGE_SECONDS a page and DOCUMENT_SECONDS in all.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import TYPE_CHECKING, Any

from posities.core.extract import Extracted, Unreadable
from posities.core.repair import (
    EDGE_LINES,
    Column,
    Page,
    most_pages,
    numbers_the_page,
    running_ids,
)

if TYPE_CHECKING:
    from pdfminer.layout import LTPage

MAX_PAGES = 2000
"""Pages read at most: a longer document is refused, to be split."""
MAX_PAGE_CHARACTERS = 100_000
"""Characters one page may hold (a page of text has a few thousand): more is a drawing made of
letters or a hostile file, whose layout analysis would take very long."""
GUTTER = 1.0
"""The narrowest empty strip between columns, in font sizes."""
SUPERSCRIPT = 0.8
"""A superscript is at most this much of its line's font size."""
REGION_GAP = 2.5
"""Space between bands that parts regions (a footer from the columns above it), in gutters."""
PARAGRAPH_GAP = 0.35
"""Space between lines beyond the usual, in font sizes, that starts a paragraph."""
NOTE_SIZE = 0.9
"""A footnote's font is at most this much of the body text's."""
RUNNING_PLACE = 3.0
"""How far (in points, at least a font size) a running line may stand from where it stands
on the other pages."""
HEADER_APART = 1.0
"""The space (in the body's font sizes) at least that sets a running header apart from the
text under it."""
NEIGHBOURS = 5.0
"""How far up and down (in font sizes) the lines stand that tell a column gutter from the
wide spaces of a justified line."""
MARKER_GAP = 4.0
"""The widest space (in font sizes) between a list marker and its item's text (a tab)."""
_MARKER = re.compile(
    r"[•◦‣▪▫■□●○·∙\-–—*>]|\(cid:[0-9]+\)|\(?(?:[0-9]{1,3}|[a-zA-Z]|[ivxlIVXL]{1,5})[.)°]"
    r"|[0-9]{1,3}(?:\.[0-9]{1,3})+\.?|§\s?[0-9]{1,3}[a-z]?|(?:Art\.|Artikel)\s?[0-9]{1,3}[a-z]?"
)
"""A list item's marker: a bullet or dash, an unnamed glyph set as a bullet, a number or
letter (1. a) 1° iv.), a section's number (2.1, 2.1.3, 1.1.), a § or an article (§ 3,
Art. 4)."""
TIGHT_HYPHEN = 0.2
"""The widest space (in font sizes) between a word and a hyphen at the line's end that is no
space but a hyphenated word's (a word space is about a quarter of the font size)."""
_NOTE_START = re.compile(r"[0-9]{1,3}[).]?\s?[^\W\d_]")
"""The start of a footnote: its number, then its text (1Kamerstukken, 2 Zie)."""
_CID = re.compile(r"\(cid:[0-9]+\)")
_SPACES = re.compile(" {2,}")
_NO_TEXT = (
    "there is no text layer to extract (a scan, or pictures of text): OCR it first, "
    "e.g. with ocrmypdf, and add the PDF it makes"
)


@dataclass(slots=True)
class _Line:
    """A line of text on a page: its box, its font size and its characters with their right
    edges (a space pdfminer inferred has the edge of the character before it)."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    chars: list[tuple[str, float]] = field(default_factory=list)
    raised: int = 0
    """Superscript ordinals within the line put back after their number (pdfminer keeps
    them in the line, but may set a space before them)."""

    @property
    def text(self) -> str:
        """The line's text, a run of spaces as one (a space pdfminer inferred beside one the
        PDF draws)."""
        return _SPACES.sub(" ", "".join(c for c, _ in self.chars))

    @property
    def middle(self) -> float:
        """The height of the line's middle."""
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class _Stats:
    """What reading the pages found beyond their text."""

    ordinals: int = 0
    characters: int = 0
    empty_with_pictures: list[int] = field(default_factory=list)
    slanted: int = 0
    """Characters not set upright (a stamp in the margin, a rotated caption), left out."""
    tabled: set[int] = field(default_factory=set)
    """The lines (by id) in a table's cells."""
    cells: set[int] = field(default_factory=set)
    """The lines (by id) that start a table's cell: each cell is a paragraph of its own."""


def extract_pdf(data: bytes) -> Extracted:
    """The text of a PDF, page by page; `Unreadable` for an encrypted, damaged or scanned one."""
    import pdfminer

    _quiet_pdfminer()
    _whole(data)
    stats = _Stats()
    document = _open(data)
    flows = [
        [flow for layout in layouts for flow in _page_flows(layout, number, stats, len(layouts))]
        for number, layouts in _layouts(document)
    ]
    if stats.characters == 0:
        raise _without_text(data, stats)
    flows, dropped = _drop_running(flows, stats.tabled)
    body = _body_size(flows)
    flows, headers = _headers_apart(flows, body)
    usual = _usual_gap([flow for page in flows for flow in page], stats.tabled)
    pages: list[Page] = []
    notes: list[Column] = []
    cells: list[frozenset[int]] = []
    for number, page in enumerate(flows):
        text, page_notes = _notes_apart(page, body, stats.tabled)
        pages.append([_paragraphs(flow, usual, stats.cells) for flow in text])
        cells.append(frozenset(at for at, flow in enumerate(text) if id(flow[0]) in stats.tabled))
        notes.append(page_notes)
        following = headers[number + 1] if number + 1 < len(headers) else []
        notes[-1] += [[line.text] for line in following]
    warnings = _warnings(pages, stats, document)
    return Extracted(
        pages,
        _title(document),
        "pdfminer.six",
        pdfminer.__version__,
        tuple(warnings),
        ordinals=stats.ordinals,
        dropped=tuple(dropped),
        notes=tuple(notes),
        cells=tuple(cells),
    )


def _quiet_pdfminer() -> None:
    """pdfminer logs what it forgives in a file; the command says what matters itself."""
    import logging

    logger = logging.getLogger("pdfminer")
    logger.setLevel(logging.CRITICAL)
    logger.propagate = False


def _open(data: bytes) -> Any:
    """The parsed document; `Unreadable` when it is encrypted or not a PDF that can be read."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise Unreadable(
            "encrypted: it needs a password to open; save an unencrypted copy (for example "
            "print it to PDF from a viewer that opens it) and add that"
        ) from None
    except Exception as error:  # noqa: BLE001 - a parser of untrusted files fails in any way
        raise _damaged(error) from None


TAIL = 64 * 1024
"""How near its end a PDF must say where its cross-reference table is (startxref, %%EOF)."""


def _whole(data: bytes) -> None:
    """Refuse at once a file that cannot be a whole PDF, before the parser spends hours on it:
    one that does not start with %PDF- within its first kilobyte, is mostly zero bytes (a
    download broken off and padded), or has no startxref or %%EOF near its end."""
    broken = (
        "cannot read this PDF, it may be damaged or cut short: damaged or incomplete (a broken "
        "download?), {}; download it again, or save a new copy from a viewer that opens it"
    )
    if b"%PDF-" not in data[:1024]:
        raise Unreadable(broken.format("it does not start with %PDF-"))
    if data.count(0) * 2 > len(data):
        raise Unreadable(broken.format("most of its bytes are zeros"))
    end = data.rstrip(b"\x00\t\n\r\f ")[-TAIL:]
    if b"startxref" not in end and b"%%EOF" not in end:
        raise Unreadable(broken.format("it has no startxref or %%EOF at its end"))


def _without_text(data: bytes, stats: _Stats) -> Unreadable:
    """Why a PDF gave no text: a scan when its pages show pictures, damaged when a strict
    reading of it fails, else no text layer (drawings only)."""
    if not stats.empty_with_pictures:
        error = _strict_error(data)
        if error is not None:
            return _damaged(error)
    return Unreadable(_NO_TEXT)


def _strict_error(data: bytes) -> Exception | None:
    """The error a strict reading of the PDF stops at (a stream shorter than its /Length
    says, a stream that does not decompress), which a forgiving one passes over; None."""
    from pdfminer import settings
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    forgiving = settings.STRICT
    settings.STRICT = True
    clock = _Clock()
    try:
        resources = PDFResourceManager()
        interpreter = PDFPageInterpreter(resources, PDFPageAggregator(resources))
        for number, page in enumerate(PDFPage.create_pages(_open(data)), 1):
            with _time_limit(number, clock):
                interpreter.process_page(page)
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - a parser of untrusted files fails in any way
        return error
    finally:
        settings.STRICT = forgiving
    return None


def _damaged(error: Exception) -> Unreadable:
    """The error for a PDF the parser could not read."""
    why = str(error).strip() or type(error).__name__
    return Unreadable(
        f"cannot read this PDF, it may be damaged or cut short ({why[:120]}); download it "
        "again, or save a new copy from a viewer that opens it"
    )


def _layouts(document: Any) -> Iterator[tuple[int, list[LTPage]]]:
    """Each page's layouts (one, or two for a page part upright, part sideways), numbered
    from 1, within the bounds this module sets."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Bounded(PDFPageAggregator):
        """The layout of a page, refused once it holds too many characters."""

        count = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.count += 1
            if self.count % 1000 == 0:
                clock.check(number)
            if self.count > MAX_PAGE_CHARACTERS:
                raise Unreadable(
                    f"page {number} holds more than {MAX_PAGE_CHARACTERS:,} characters, too "
                    "many for a page of text: is it a drawing? Save the pages with text as a "
                    "PDF of their own and add that"
                )
            return float(super().render_char(*args, **kwargs))

    clock = _Clock()
    resources = PDFResourceManager(caching=True)
    device = Bounded(resources, laparams=LAParams(boxes_flow=None, all_texts=True))
    interpreter = PDFPageInterpreter(resources, device)
    number = 0
    try:
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            if number > MAX_PAGES:
                raise Unreadable(
                    f"more than {MAX_PAGES} pages: split it into parts and add each one"
                )
            with _time_limit(number, clock):
                result = _upright_layout(page, interpreter, device)
            yield number, result
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - a parser of untrusted files fails in any way
        raise _damaged(error) from None


def _upright_layout(page: Any, interpreter: Any, device: Any) -> list[Any]:
    """A page's layout; where much of its text is set sideways (a wide table turned on an
    upright page) or upside down, also the layout of the page turned (a quarter either way,
    or half) so that that text reads upright: instead of the first when little of it was
    upright, after it when some was (a paragraph above a turned table)."""
    device.count = 0
    interpreter.process_page(page)
    layout = device.get_result()
    upright, sideways = _uprightness(layout)
    if sideways <= SIDEWAYS_LEAST:
        return [layout]
    rotation = page.rotate
    try:
        for turn in (90, 270, 180):
            page.rotate = (rotation + turn) % 360
            device.count = 0
            interpreter.process_page(page)
            turned = device.get_result()
            if _uprightness(turned)[0] > sideways // 2:
                return [turned] if upright <= SIDEWAYS_LEAST else [layout, turned]
    finally:
        page.rotate = rotation
    return [layout]


SIDEWAYS_LEAST = 50
"""Characters set sideways on a page before it is tried turned (fewer: a stamp or a margin
note, left out with a warning)."""


def _upright(char: Any) -> bool:
    """Whether a character is set upright: neither turned a quarter nor upside down (a slant,
    as of a synthetic italic, aside)."""
    a, b, c, d = char.matrix[:4]
    return bool(a > 0 and d > 0 and abs(b) < a and abs(c) < d)


def _uprightness(layout: Any) -> tuple[int, int]:
    """How many characters of a layout are set upright (not upside down either), and how
    many are not."""
    from pdfminer.layout import LTChar, LTContainer

    counts = [0, 0]

    def walk(item: Any) -> None:
        if isinstance(item, LTChar):
            counts[0 if _upright(item) else 1] += 1
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    walk(layout)
    return counts[0], counts[1]


SCANNED = 0.5
"""The share of a page its pictures cover at least for a page with little text to be taken
for a scan."""
SCANNED_CHARACTERS = 200
"""A page with fewer characters than this, and pictures over SCANNED of it, is taken for a
scan: its text layer holds no more than a stamp or a page number."""


PAGE_SECONDS = 20.0
"""The longest one page may take to lay out (a page of text takes well under a second): more
is a drawing made of text, or a file built to keep a reader busy."""
DOCUMENT_SECONDS = 300.0
"""The longest a whole document may take (a thousand pages of text take about a minute)."""


class _Overtime(BaseException):
    """The time a page may take is up (a BaseException, so that no handler of pdfminer's
    for its own errors takes it)."""


class _Clock:
    """The time budget of reading a document: PAGE_SECONDS a page, DOCUMENT_SECONDS in all."""

    def __init__(self) -> None:
        import time

        self.started = time.monotonic()
        self.page_started = self.started

    def left(self) -> float:
        """Seconds the page being read has left."""
        import time

        now = time.monotonic()
        return min(
            PAGE_SECONDS - (now - self.page_started), DOCUMENT_SECONDS - (now - self.started)
        )

    def check(self, number: int) -> None:
        """Stop with `Unreadable` once the budget is spent (where no timer signal does)."""
        if self.left() <= 0:
            raise self.spent(number)

    def spent(self, number: int) -> Unreadable:
        """The error once the budget is spent on page `number`."""
        import time

        if time.monotonic() - self.started >= DOCUMENT_SECONDS:
            return Unreadable(
                f"reading it took more than {DOCUMENT_SECONDS:.0f} s (stopped at page {number}), "
                "far longer than a document of text takes: is it mostly drawings, or damaged? "
                "Split it, or save the pages with text as a PDF of their own, and add that"
            )
        return Unreadable(
            f"page {number} took more than {PAGE_SECONDS:.0f} s to read, far longer than a page "
            "of text takes: is it a drawing, or damaged? Save the pages with text as a PDF of "
            "their own and add that"
        )


@contextlib.contextmanager
def _time_limit(number: int, clock: _Clock) -> Iterator[None]:
    """Stop reading page `number` with `Unreadable` once its time is up: by a timer signal
    where there is one (in the main thread of a POSIX system), which interrupts whatever the
    parser is doing; elsewhere only the character count checks the clock."""
    import signal
    import threading
    import time

    clock.page_started = time.monotonic()
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _Overtime

    old = signal.signal(signal.SIGALRM, expired)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, max(clock.left(), 0.001))
            yield
        finally:  # the timer may go off in here too: the handler below takes that as well
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overtime:
        raise clock.spent(number) from None
    finally:
        signal.signal(signal.SIGALRM, old)


def _title(document: Any) -> str | None:
    """The title in the document's properties, unless it is only a file name."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    for info in getattr(document, "info", []):
        value = resolve1(info.get("Title")) if isinstance(info, dict) else None
        if isinstance(value, bytes):
            value = decode_text(value)
        if isinstance(value, str):
            title = re.sub(r"^Microsoft (Word|PowerPoint) - ", "", value.replace("\x00", ""))
            title = " ".join(title.split())
            if _meant(title):
                return title
    return None


def _meant(title: str) -> bool:
    """Whether a title in a PDF's properties is one, not a file name or a writer's stand-in."""
    if not title or title.casefold() in ("untitled", "untitled document", "title", "document"):
        return False
    return re.search(r"\.(docx?|odt|rtf|pdf|txt)\Z", title, re.IGNORECASE) is None


def _warnings(pages: list[Page], stats: _Stats, document: Any) -> list[str]:
    """What the user should check: pages with pictures but no text, characters the fonts do
    not name."""
    warnings = []
    empty = stats.empty_with_pictures
    if empty:
        numbers = ", ".join(str(n) for n in empty[:10]) + (", …" if len(empty) > 10 else "")
        said = (
            f"page {numbers} shows pictures but little or no text (scanned?): its text is missing"
            if len(empty) == 1
            else f"pages {numbers} show pictures but little or no text (scanned?): their text "
            "is missing"
        )
        warnings.append(f"{said}; OCR the PDF (e.g. with ocrmypdf) and add it again with --replace")
    unnamed = sum(
        len(_CID.findall(line)) for page in pages for col in page for b in col for line in b
    )
    if unnamed * 10 > stats.characters:
        raise Unreadable(
            f"{unnamed} characters are drawn by fonts that do not say which letters they are, "
            "so the text cannot be copied faithfully: OCR it (e.g. with ocrmypdf --force-ocr) "
            "and add the PDF it makes"
        )
    if unnamed:
        warnings.append(
            f"{unnamed} characters are drawn by fonts that do not say which letters they are; "
            "they show as (cid:N) in the text"
        )
    if stats.slanted:
        warnings.append(
            f"{stats.slanted:,} characters set at an angle (a stamp or note in the margin?) "
            "were left out; check the original for them"
        )
    if not getattr(document, "is_extractable", True):
        warnings.append("the PDF's permissions ask viewers not to copy its text")
    return warnings


# --- one page ----------------------------------------------------------------------------------


def _page_flows(page: LTPage, number: int, stats: _Stats, views: int = 1) -> list[list[_Line]]:
    """A page's lines in reading order, as flows (columns), each read top to bottom; one of
    `views` layouts of the page (a page part upright, part sideways is read both ways, and
    what one leaves out at an angle the other reads)."""
    lines, pictured, rules = _lines(page, stats if views == 1 else _Stats())
    characters = sum(len(line.chars) for line in lines)
    stats.characters += characters
    stats.ordinals += sum(line.raised for line in lines)
    scan = pictured and characters < SCANNED_CHARACTERS and (not lines or pictured >= SCANNED)
    if scan and number not in stats.empty_with_pictures:
        stats.empty_with_pictures.append(number)  # a scan, perhaps with a stamp's words on it
    if not lines:
        return []
    lines = _rows(_with_superscripts(lines, stats))
    gutter = GUTTER * median(line.size for line in lines)
    tables = _tables(rules)
    if not tables:
        return _reading_order(lines, gutter)
    return _with_tables(_split_at_rules(lines, tables), tables, gutter, stats)


def _lines(page: LTPage, stats: _Stats) -> tuple[list[_Line], float, list[_Rule]]:
    """The horizontal text lines of a page, wherever they are drawn, the share of the page
    its pictures cover (0 for none, at most 1), and its rules (the lines a table's borders
    are drawn with); characters not set upright are left out (and counted), since read one by
    one they would make a line of every letter."""
    from pdfminer.layout import (
        LTChar,
        LTContainer,
        LTCurve,
        LTImage,
        LTRect,
        LTTextLineHorizontal,
    )

    lines: list[_Line] = []
    rules: list[_Rule] = []
    pictured = 0.0

    def walk(item: Any) -> None:
        nonlocal pictured
        if isinstance(item, LTImage):
            pictured += max(item.width, 1.0) * max(item.height, 1.0)
        if isinstance(item, LTCurve) and len(rules) < MAX_RULES:
            rules.extend(_rules_of(item, isinstance(item, LTRect)))
        if isinstance(item, LTTextLineHorizontal):
            upright = [c for c in item if not isinstance(c, LTChar) or _upright(c)]
            stats.slanted += sum(isinstance(c, LTChar) for c in item) - sum(
                isinstance(c, LTChar) for c in upright
            )
            line = _line(upright)
            if line is not None:
                lines.append(line)
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    walk(page)
    return lines, min(pictured / max(page.width * page.height, 1.0), 1.0), rules


def _line(item: Iterable[Any]) -> _Line | None:
    """A pdfminer text line as a `_Line`; None when it holds no visible character. A space
    pdfminer infers between a number and its raised ordinal suffix (justified text sets them a
    little apart) is left out, and counted as an ordinal put back."""
    from pdfminer.layout import LTAnno, LTChar

    chars: list[tuple[str, float]] = []
    boxes: list[LTChar] = []
    rejoined = 0
    children = list(item)
    for at, child in enumerate(children):
        if isinstance(child, LTChar):
            chars.append((child.get_text(), child.x1))
            boxes.append(child)
        elif isinstance(child, LTAnno) and child.get_text() != "\n":
            following = children[at + 1] if at + 1 < len(children) else None
            if boxes and isinstance(following, LTChar) and _raised_suffix(boxes[-1], following):
                rejoined += 1
                continue
            if boxes and _tight_hyphen(boxes[-1], children[at + 1 :]):
                continue
            chars.append((child.get_text(), chars[-1][1] if chars else 0.0))
    while chars and not chars[-1][0].strip():
        chars.pop()
    if not boxes or not "".join(c for c, _ in chars).strip():
        return None
    size = median(b.size for b in boxes)
    return _Line(
        min(b.x0 for b in boxes),
        min(b.y0 for b in boxes),
        max(b.x1 for b in boxes),
        max(b.y1 for b in boxes),
        size,
        chars,
        rejoined,
    )


def _tight_hyphen(before: Any, rest: list[Any]) -> bool:
    """Whether the rest of a line after an inferred space is only a hyphen set close to the
    letter `before` it (less than TIGHT_HYPHEN font sizes away): a word processor's hyphen
    at the line's end, where the space is pdfminer's, not the document's ("econo -")."""
    from pdfminer.layout import LTChar

    chars = [c for c in rest if isinstance(c, LTChar)]
    return (
        len(chars) == 1
        and chars[0].get_text() in "-\u2010\u00ad"
        and before.get_text().isalpha()
        and chars[0].x0 - before.x1 < TIGHT_HYPHEN * before.size
    )


def _raised_suffix(number: Any, char: Any) -> bool:
    """Whether `char` is a letter set small and raised just after the digit `number`: the
    start of a superscript ordinal suffix (the "e" of "45e", the "st" of "1st")."""
    return bool(
        number.get_text().isdigit()
        and char.get_text().isalpha()
        and char.size <= SUPERSCRIPT * number.size
        and char.y0 > number.y0 + 0.2 * number.size
        and char.x0 - number.x1 < 0.3 * number.size
    )


# --- superscripts ------------------------------------------------------------------------------


def _with_superscripts(lines: list[_Line], stats: _Stats) -> list[_Line]:
    """The lines with each short line of small raised characters put into the line it rises
    from, after the character it follows."""
    kept = []
    for line in sorted(lines, key=lambda line: line.size):
        text = line.text.strip()
        host = _host(line, lines) if 0 < len(text) <= 4 else None
        if host is None:
            kept.append(line)
            continue
        edge = line.x0 + 0.25 * line.size
        at = max(
            (i + 1 for i, (c, x) in enumerate(host.chars) if c.strip() and x <= edge), default=0
        )
        before = host.chars[at - 1][0] if at else ""
        if before.isdigit() and text.isalpha():
            stats.ordinals += 1
        host.chars[at:at] = [(c, x) for c, x in line.chars if c.strip()]
        host.x1 = max(host.x1, line.x1)
    order = {id(line): index for index, line in enumerate(lines)}
    return sorted(kept, key=lambda line: order[id(line)])


def _host(small: _Line, lines: list[_Line]) -> _Line | None:
    """The line a short line of smaller characters is a superscript of: one with larger
    characters whose bottom it rises above, within whose height it starts and along whose
    width it stands; None if there is no such line."""
    candidates = [
        line
        for line in lines
        if line is not small
        and small.size <= SUPERSCRIPT * line.size
        and line.y0 + 0.25 * line.size < small.y0 < line.y1
        and line.x0 - 1 <= small.x0 <= line.x1 + 1
    ]
    return min(candidates, key=lambda line: small.y0 - line.y0, default=None)


# --- reading order -----------------------------------------------------------------------------


def _rows(lines: list[_Line]) -> list[_Line]:
    """The lines with the pieces of one line that pdfminer kept apart (wide spaces) joined:
    pieces on one baseline closer than a gutter, and a list marker alone (•, –, 1., a), 1°)
    with the text that follows it on its baseline (set after a tab, it is no column)."""
    out: list[_Line] = []
    for line in sorted(lines, key=lambda line: (-round(line.middle), line.x0)):
        last = next((o for o in reversed(out[-4:]) if _follows(o, line)), None)
        if last is not None:
            _join(last, last, line)
            continue
        after = next((o for o in reversed(out[-4:]) if _follows(line, o)), None)
        if after is None:
            out.append(line)
        else:
            _join(after, line, after)
    return _spread_rows(out)


def _join(kept: _Line, left: _Line, right: _Line) -> None:
    """Make `kept` (one of the two) the line of `left`, a space, then `right`, on one
    baseline."""
    kept.chars = [*left.chars, (" ", left.x1), *right.chars]
    kept.x0, kept.x1 = left.x0, right.x1
    kept.y0, kept.y1 = min(left.y0, right.y0), max(left.y1, right.y1)


def _same_size(line: _Line, other: _Line) -> bool:
    """Whether two lines are set in about the same font size (a paragraph's, not a heading's
    or a pull quote's beside it)."""
    return 0.87 < line.size / other.size < 1.15


def _spread_rows(lines: list[_Line]) -> list[_Line]:
    """The lines with the pieces of one baseline joined, in x order, where no gutter the
    lines around share parts them (`_gutter_between`): the words of a justified line set
    wider apart than a gutter. The page's first and last rows stay as they are: a header or
    footer whose pieces were joined on some pages only would not be found as one."""
    by_height = sorted(lines, key=lambda line: line.middle)
    middles = [line.middle for line in by_height]
    out: list[_Line] = []
    rows = _baselines(lines)
    for at, row in enumerate(rows):
        merged = [row[0]]
        for piece in row[1:]:
            last = merged[-1]
            edge = at in (0, len(rows) - 1)
            apart = edge or not _same_size(piece, last)  # a pull quote beside the text
            if apart or _gutter_between(last, piece, by_height, middles):
                merged.append(piece)
                continue
            _join(last, last, piece)
        out += merged
    return out


def _baselines(lines: list[_Line]) -> list[list[_Line]]:
    """The lines (sorted top down) in rows of one baseline, each row in x order."""
    rows: list[list[_Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].middle - line.middle) < 0.3 * rows[-1][0].size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in rows]


def _gutter_between(
    left: _Line, right: _Line, by_height: list[_Line], middles: list[float]
) -> bool:
    """Whether a column gutter parts `left` from `right`, as the lines around them in their
    font size (within NEIGHBOURS font sizes up and down, across their width) show: an empty
    strip a gutter wide that at most a third of them cross (a heading across two columns
    does), or `right` starting where two of them start (or `left` ending where two end), as a
    column's lines do. Where fewer than two lines are around, there is one: a line joined
    across a real gutter would merge two columns."""
    from bisect import bisect_left, bisect_right

    reach = NEIGHBOURS * left.size
    near = left.middle - reach, left.middle + reach
    window = by_height[bisect_left(middles, near[0]) : bisect_right(middles, near[1])]
    around = [
        line
        for line in window
        if abs(line.middle - left.middle) >= 0.3 * left.size
        and line.x1 > left.x0
        and line.x0 < right.x1
        and _same_size(line, left)
    ]
    return (
        len(around) < 2
        or sum(abs(line.x0 - right.x0) < 1 for line in around) > 1
        or sum(abs(line.x1 - left.x1) < 1 for line in around) > 1
        or _free_strip(left.x1, right.x0, around, GUTTER * left.size)
    )


def _free_strip(start: float, end: float, lines: list[_Line], width: float) -> bool:
    """Whether a strip `width` wide between `start` and `end` is crossed by at most a third
    of `lines`."""
    edges = sorted({start, end, *(x for o in lines for x in (o.x0, o.x1) if start < x < end)})
    run = 0.0
    for a, b in pairwise(edges):
        crossing = sum(o.x0 <= a and o.x1 >= b for o in lines)
        run = run + b - a if 3 * crossing <= len(lines) else 0.0
        if run >= width:
            return True
    return False


def _follows(left: _Line, right: _Line) -> bool:
    """Whether `right` goes on the line `left` is on: on its baseline, after it closer than a
    gutter, or after it within MARKER_GAP when `left` is a list marker alone."""
    if abs(left.middle - right.middle) >= 0.3 * left.size:
        return False
    gap = right.x0 - left.x1
    if -0.25 * left.size <= gap < GUTTER * left.size:
        return True
    return 0 <= gap < MARKER_GAP * left.size and _MARKER.fullmatch(left.text.strip()) is not None


def _bands(lines: list[_Line]) -> list[list[_Line]]:
    """The lines in horizontal bands, top first: a band ends where no line spans the gap
    below it."""
    bands: list[list[_Line]] = []
    bottom = 0.0
    for line in sorted(lines, key=lambda line: (-line.y1, line.x0)):
        if bands and line.y1 > bottom:
            bands[-1].append(line)
            bottom = min(bottom, line.y0)
        else:
            bands.append([line])
            bottom = line.y0
    return bands


def _gutter(lines: list[_Line], width: float) -> float | None:
    """The middle of the widest empty vertical strip between the lines (at least `width`
    wide), or None."""
    spans = sorted((line.x0, line.x1) for line in lines)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    return None if best is None else (best[0] + best[1]) / 2


def _reading_order(lines: list[_Line], width: float) -> list[list[_Line]]:
    """The lines as flows in reading order, each read top to bottom: a column, or a stretch of
    the page without columns."""
    groups: list[list[_Line]] = []
    for band in _bands(lines):
        if groups and _joins(groups[-1], band, width) and not _apart(groups[-1], band, width):
            groups[-1] += band
        else:
            groups.append(list(band))
    flows: list[list[_Line]] = []
    for group in groups:
        cut = _gutter(group, width)
        if cut is None:
            flows.append(sorted(group, key=lambda line: (-line.y1, line.x0)))
            continue
        left = [line for line in group if line.x1 <= cut]
        right = [line for line in group if line.x1 > cut]
        flows += _reading_order(left, width) + _reading_order(right, width)
    return flows


def _apart(group: list[_Line], band: list[_Line], width: float) -> bool:
    """Whether `band` stands far below the region `group` (a footer under a column): more
    than REGION_GAP gutters."""
    return min(line.y0 for line in group) - max(line.y1 for line in band) > REGION_GAP * width


def _joins(group: list[_Line], band: list[_Line], width: float) -> bool:
    """Whether `band` belongs to the region `group` above it: they share a gutter, or neither
    has one."""
    if _gutter(group + band, width) is not None:
        return True
    return _gutter(group, width) is None and _gutter(band, width) is None


# --- tables ------------------------------------------------------------------------------------

MAX_RULES = 5_000
"""The most rules read on a page (a table of a few hundred cells has a few hundred)."""
THIN = 2.0
"""A rule is at most this thick, in points."""
TOUCH = 2.5
"""How near two rules' ends must come to meet, in points."""


@dataclass(frozen=True, slots=True)
class _Rule:
    """A horizontal or vertical rule drawn on a page: a table's border."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y1 - self.y0 <= THIN < self.x1 - self.x0


@dataclass(slots=True)
class _Table:
    """A table told by its ruled grid: its sides, the heights of its horizontal rules (top
    first), its horizontal and its vertical rules."""

    x0: float
    x1: float
    heights: list[float]
    flats: list[_Rule]
    verticals: list[_Rule]

    def holds(self, line: _Line) -> bool:
        """Whether a line stands inside the table: between its top and bottom rules, within
        its sides."""
        centre = (line.x0 + line.x1) / 2
        return (
            self.heights[-1] < line.middle < self.heights[0]
            and self.x0 - TOUCH < centre < self.x1 + TOUCH
        )

    def cells(self, lines: list[_Line]) -> list[list[_Line]]:
        """The table's lines by cell, row by row from the top, each row's cells from the left
        (parted by the vertical rules that cross the row), each cell's lines top to bottom. A
        cell merged across columns has no rule between them; one merged across rows has no
        rule above its lower part, which goes on the cell above it."""
        cells: dict[tuple[int, float], list[_Line]] = {}
        above: list[tuple[float, float, tuple[int, float]]] = []
        for band, (top, bottom) in enumerate(pairwise(self.heights)):
            row = [line for line in lines if bottom < line.middle <= top]
            middle = (top + bottom) / 2
            edges = sorted(v.x0 for v in self.verticals if v.y0 - TOUCH < middle < v.y1 + TOUCH)
            bounds = [self.x0 - TOUCH, *edges, self.x1 + TOUCH]
            here: list[tuple[float, float, tuple[int, float]]] = []
            for left, right in pairwise(bounds):
                across = (left + right) / 2
                key = next(
                    (
                        key
                        for a, b, key in above
                        if a <= across < b and not self._ruled(top, across)
                    ),
                    (band, left),
                )
                here.append((left, right, key))
                cell = [line for line in row if left <= (line.x0 + line.x1) / 2 < right]
                cells.setdefault(key, []).extend(cell)
            above = here
        return [
            sorted(cell, key=lambda line: (-line.y1, line.x0))
            for _, cell in sorted(cells.items())
            if cell
        ]

    def _ruled(self, height: float, across: float) -> bool:
        """Whether a horizontal rule runs at `height` across the point `across`."""
        return any(
            abs(rule.y0 - height) <= TOUCH and rule.x0 - TOUCH <= across <= rule.x1 + TOUCH
            for rule in self.flats
        )


def _rules_of(item: Any, box: bool) -> list[_Rule]:
    """The rules a drawn line or box gives: a thin one is a rule; a stroked box its four
    sides (a table drawn cell by cell); anything else (a filled shading, a curve) none."""
    x0, y0, x1, y1 = (float(v) for v in item.bbox)
    if y1 - y0 <= THIN < x1 - x0 or x1 - x0 <= THIN < y1 - y0:
        return [_Rule(x0, y0, x1, y1)]
    if not box or not getattr(item, "stroke", False) or len(getattr(item, "pts", ())) > 5:
        return []
    return [
        _Rule(x0, y0, x1, y0),
        _Rule(x0, y1, x1, y1),
        _Rule(x0, y0, x0, y1),
        _Rule(x1, y0, x1, y1),
    ]


def _tables(rules: list[_Rule]) -> list[_Table]:
    """The tables a page's rules draw: each set of horizontal and vertical rules that meet
    in a grid of two cells or more (a rule under a heading, or a box around a note or a
    page, is none)."""
    horizontals = [r for r in rules if r.horizontal]
    verticals = [r for r in rules if not r.horizontal and r.y1 - r.y0 > THIN]
    if len(horizontals) < 2 or len(verticals) < 2:
        return []
    groups = _meeting(horizontals, verticals)
    tables = []
    for group in groups:
        flat = [r for r in group if r.horizontal]
        upright = [r for r in group if not r.horizontal]
        heights = _distinct(sorted((r.y0 for r in flat), reverse=True))
        columns = len(_distinct(sorted(r.x0 for r in upright))) - 1
        if len(heights) < 2 or columns < 1 or (len(heights) - 1) * columns < 2:
            continue  # a box around a note or a page is no table
        tables.append(
            _Table(
                min(r.x0 for r in group),
                max(r.x1 for r in group),
                heights,
                flat,
                upright,
            )
        )
    return tables


def _meeting(horizontals: list[_Rule], verticals: list[_Rule]) -> list[list[_Rule]]:
    """The rules in groups that meet one another (a vertical one touching a horizontal
    one), each group a grid."""
    parent = list(range(len(horizontals) + len(verticals)))

    def root(at: int) -> int:
        while parent[at] != at:
            parent[at] = parent[parent[at]]
            at = parent[at]
        return at

    for h, flat in enumerate(horizontals):
        for v, upright in enumerate(verticals, len(horizontals)):
            if (
                flat.x0 - TOUCH <= upright.x0 <= flat.x1 + TOUCH
                and upright.y0 - TOUCH <= flat.y0 <= upright.y1 + TOUCH
            ):
                parent[root(h)] = root(v)
    groups: dict[int, list[_Rule]] = {}
    for at, rule in enumerate([*horizontals, *verticals]):
        groups.setdefault(root(at), []).append(rule)
    return list(groups.values())


def _distinct(values: list[float]) -> list[float]:
    """Sorted values with those within TOUCH of the one before left out."""
    out: list[float] = []
    for value in values:
        if not out or abs(value - out[-1]) > TOUCH:
            out.append(value)
    return out


def _split_at_rules(lines: list[_Line], tables: list[_Table]) -> list[_Line]:
    """The lines, each cut where a table's vertical rule crosses it (pdfminer may read two
    cells on one baseline as one line)."""
    out: list[_Line] = []
    for line in lines:
        cuts = sorted(
            v.x0
            for table in tables
            for v in table.verticals
            if v.y0 < line.middle < v.y1 and line.x0 + 1 < v.x0 < line.x1 - 1
        )
        for cut in cuts:
            left = [(c, x) for c, x in line.chars if x <= cut + 0.5]
            right = line.chars[len(left) :]
            while left and not left[-1][0].strip():
                left.pop()
            while right and not right[0][0].strip():
                right.pop(0)
            if not left or not right:
                continue
            out.append(_Line(line.x0, line.y0, left[-1][1], line.y1, line.size, left))
            line = _Line(cut, line.y0, line.x1, line.y1, line.size, right, line.raised)
        out.append(line)
    return out


def _with_tables(
    lines: list[_Line], tables: list[_Table], width: float, stats: _Stats
) -> list[list[_Line]]:
    """A page's flows in reading order with each table read row by row, each cell a
    paragraph of its own, where the table stands (`_place`); a line in a table's box but in
    none of its cells is read with the page's other lines."""
    inside: dict[int, list[_Line]] = {id(table): [] for table in tables}
    rest: list[_Line] = []
    for line in lines:
        table = next((t for t in tables if t.holds(line)), None)
        (inside[id(table)] if table is not None else rest).append(line)
    placed: dict[int, list[list[_Line]]] = {}
    for table in tables:
        cells = table.cells(inside[id(table)])
        read = {id(line) for cell in cells for line in cell}
        rest += [line for line in inside[id(table)] if id(line) not in read]  # none is lost
        placed[id(table)] = cells
    flows = _reading_order(rest, width) if rest else []
    for table in sorted(tables, key=lambda table: -table.heights[0]):
        cells = placed[id(table)]
        if not cells:
            continue
        stats.cells.update(id(cell[0]) for cell in cells)
        stats.tabled.update(id(line) for cell in cells for line in cell)
        flows = _place(flows, [line for cell in cells for line in cell], table)
    return flows


def _place(flows: list[list[_Line]], read: list[_Line], table: _Table) -> list[list[_Line]]:
    """The flows with a table's lines (`read`) put where the table stands: before the first
    flow across its width that goes on below its top, that flow cut at the table; else after
    the last flow across its width above it (a table at a column's foot); else last."""

    def across(line: _Line) -> bool:
        return line.x1 > table.x0 and line.x0 < table.x1

    top = table.heights[0]
    going_on = next(
        (at for at, flow in enumerate(flows) if any(across(o) and o.middle < top for o in flow)),
        None,
    )
    if going_on is not None:
        flow = flows[going_on]
        above = [line for line in flow if line.middle >= top]
        below = [line for line in flow if line.middle < top]
        parts = [part for part in (above, read, below) if part]
        return [*flows[:going_on], *parts, *flows[going_on + 1 :]]
    over = [at for at, flow in enumerate(flows) if any(across(line) for line in flow)]
    at = over[-1] + 1 if over else len(flows)
    return [*flows[:at], read, *flows[at:]]


# --- paragraphs --------------------------------------------------------------------------------


def _usual_gap(flows: list[list[_Line]], tabled: Container[int] = ()) -> float:
    """The usual space between consecutive lines of a paragraph in the document, in font
    sizes: the lower quartile of the spaces between lines (a few paragraphs of a line or two
    each have as many spaces between paragraphs as within them); a table's lines aside."""
    gaps = sorted(
        (above.y0 - below.y1) / above.size
        for flow in flows
        for above, below in pairwise(flow)
        if id(above) not in tabled
    )
    return gaps[len(gaps) // 4] if gaps else 0.0


def _paragraphs(flow: list[_Line], usual: float, starts: Container[int] = ()) -> Column:
    """A flow's lines as paragraphs: a new one where the space above a line is larger than
    usual or the font size changes, and at each line in `starts` (a table cell's first)."""
    blocks: Column = []
    above: _Line | None = None
    for line in flow:
        new = (
            above is None
            or id(line) in starts
            or (
                (above.y0 - line.y1) / above.size > usual + PARAGRAPH_GAP
                or not _same_size(line, above)
            )
        )
        if new:
            blocks.append([line.text])
        else:
            blocks[-1].append(line.text)
        above = line
    return blocks


# --- running lines and footnotes ---------------------------------------------------------------


def _drop_running(
    pages: list[list[list[_Line]]], tabled: Container[int] = ()
) -> tuple[list[list[list[_Line]]], list[str]]:
    """The pages without their running lines: a line among a page's top or bottom few whose
    text (`running_key`) recurs at the same height on most pages, or that numbers the page
    with the page count (`numbers_the_page`) on any page; or, in a document of three pages
    or more, a line to the right of the page's main text whose very text recurs at the same
    place (height and left edge) on most pages, as a margin column beside a letter's text
    does (Datum, Kenmerk). A table's lines are never running lines. And the lines dropped."""
    found: dict[tuple[str, str], list[tuple[int, _Line]]] = {}
    drop: set[int] = set()
    for number, page in enumerate(pages):
        lines = sorted(
            (line for flow in page for line in flow if id(line) not in tabled),
            key=lambda line: -line.middle,
        )
        for side, edge in (("top", lines[:EDGE_LINES]), ("bottom", lines[-EDGE_LINES:])):
            for line in edge:
                for key in running_ids(line.text, number):
                    found.setdefault((side, key), []).append((number, line))
                if numbers_the_page(line.text, number, len(pages)):
                    drop.add(id(line))
        if len(pages) < 3 or not lines:
            continue
        main = max(page, key=lambda flow: sum(len(line.chars) for line in flow))
        beside = max(line.x1 for line in main) - 1
        for line in lines:
            if line.x0 >= beside and any(c.isalpha() for c in line.text):
                text = " ".join(line.text.casefold().split())
                found.setdefault(("place", text), []).append((number, line))
    for (side, _), places in found.items():
        if len(places) < 2:
            continue
        near = _near(places, left=side == "place")
        if most_pages(len({number for number, _ in near}), len(pages)):
            drop.update(id(line) for _, line in near)
    dropped = [line.text for page in pages for flow in page for line in flow if id(line) in drop]
    kept = [
        [kept for flow in page if (kept := [line for line in flow if id(line) not in drop])]
        for page in pages
    ]
    return kept, dropped


def _near(places: list[tuple[int, _Line]], left: bool) -> list[tuple[int, _Line]]:
    """The lines found by one key that stand where most of them stand: at their median
    height, and at their median left edge too when `left`."""
    height = median(line.middle for _, line in places)
    x0 = median(line.x0 for _, line in places) if left else 0.0
    return [
        (number, line)
        for number, line in places
        if abs(line.middle - height) <= max(RUNNING_PLACE, line.size)
        and (not left or abs(line.x0 - x0) <= max(RUNNING_PLACE, line.size))
    ]


def _headers_apart(
    pages: list[list[list[_Line]]], body: float
) -> tuple[list[list[list[_Line]]], list[list[_Line]]]:
    """The pages without their running headers whose text changes from page to page (the
    current part's name), and those headers by page, to be kept after the paragraph the page
    break cuts rather than inside it: a line at the very top of most pages after the first
    (a letter's first page has none), at the same height and edge (left, right or middle)
    on them, set apart from the
    text under it by HEADER_APART, in a font smaller than the body's (NOTE_SIZE) or larger
    (beyond a paragraph's size change); the first page's stays where it is. They are never
    dropped: such a line may be the text's own (a date line above each page's text). A line
    in the body's size is never one: it is too like the body's own first line, which stands
    at the same height on every page."""
    found: list[tuple[int, _Line]] = []
    for number, page in enumerate(pages):
        found += [(number, line) for line in _set_apart(page, body)]
    headers: list[list[_Line]] = [[] for _ in pages]
    near = _near(found, left=False) if found else []
    if not near:
        return pages, headers
    aligned = max(
        (_aligned(near, edge) for edge in (_x0, _x1, _centre)),
        key=lambda group: len({n for n, _ in group}),
    )
    aligned = [(n, line) for n, line in aligned if n]  # the first page's stays where it is
    if 2 * len({n for n, _ in aligned}) <= len(pages) - 1:  # on most pages after the first
        return pages, headers
    for number, line in aligned:
        headers[number].append(line)
    apart = {id(line) for _, line in aligned}
    kept = [
        [kept for flow in page if (kept := [line for line in flow if id(line) not in apart])]
        for page in pages
    ]
    return kept, headers


def _set_apart(page: list[list[_Line]], body: float) -> list[_Line]:
    """The lines at the very top of a page set apart from the text under it (HEADER_APART),
    whose font is smaller or larger than the body's."""
    lines = sorted((line for flow in page for line in flow), key=lambda line: -line.middle)
    if len(lines) < 2:
        return []
    top = [line for line in lines if lines[0].middle - line.middle < 0.5 * lines[0].size]
    under = lines[len(top) :]
    if not under or min(t.y0 for t in top) - max(u.y1 for u in under) < HEADER_APART * body:
        return []
    return [line for line in top if line.size <= NOTE_SIZE * body or line.size >= 1.15 * body]


def _aligned(
    places: list[tuple[int, _Line]], edge: Callable[[_Line], float]
) -> list[tuple[int, _Line]]:
    """The lines whose `edge` stands where most of theirs stands (RUNNING_PLACE)."""
    at = median(edge(line) for _, line in places)
    return [(n, line) for n, line in places if abs(edge(line) - at) <= RUNNING_PLACE]


def _x0(line: _Line) -> float:
    """A line's left edge."""
    return line.x0


def _x1(line: _Line) -> float:
    """A line's right edge."""
    return line.x1


def _centre(line: _Line) -> float:
    """The middle of a line's width."""
    return (line.x0 + line.x1) / 2


def _body_size(pages: list[list[list[_Line]]]) -> float:
    """The font size most of the document's characters are set in."""
    from collections import Counter

    sizes = Counter(
        round(line.size, 1) for page in pages for flow in page for line in flow for _ in line.chars
    )
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _notes_apart(
    page: list[list[_Line]],
    body: float,
    tabled: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[list[_Line]], Column]:
    """A page's flows without their footnotes, and the footnotes, each a paragraph: the lines
    at the foot of a flow in a smaller font than the body's, from one that starts with a
    number on (never a table's: its cells are often set small and start with a number)."""
    flows: list[list[_Line]] = []
    notes: Column = []
    for flow in page:
        if id(flow[-1]) in tabled:
            flows.append(flow)
            continue
        small = len(flow)
        while small and flow[small - 1].size <= NOTE_SIZE * body:
            small -= 1
        start = next(
            (at for at in range(small, len(flow)) if _NOTE_START.match(flow[at].text)), None
        )
        if start is None:
            flows.append(flow)
            continue
        for line in flow[start:]:
            if _NOTE_START.match(line.text) or not notes:
                notes.append([line.text])
            else:
                notes[-1].append(line.text)
        if start:
            flows.append(flow[:start])
    return flows, notes
