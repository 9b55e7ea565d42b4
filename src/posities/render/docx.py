"""Any memo as a Word document, made with python-docx: in the user's own document (house
style) where a paragraph holds `{{ posities }}` (or at its end), or in a plain A4 document;
a real table with its head row repeated on every page and its column widths set, dates in
words, quotes as Word footnotes, a classification at the top and bottom of every page and
the state line closing the report. What python-docx lacks is written in `ooxml`.

python-docx is imported only inside these functions: the other commands never load it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posities.errors import PositiesError, UsageError, display_path, shown
from posities.model.dates import long_date
from posities.model.words import Lang
from posities.render import ooxml
from posities.render.memo import Cell, Memo, Quotes, Styling, Table
from posities.render.text import one_line, xml_safe

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph as WordParagraph

Style = Any
"""A python-docx style (paragraph, character or table)."""

PLACEHOLDER = re.compile(r"\s*\{\{\s*posities\s*\}\}\s*", re.IGNORECASE)
"""The paragraph of a template that the report replaces."""

A4 = (11906, 16838)
"""An A4 page in twentieths of a point, the page of a document made without a template."""

MARGIN = 1418
"""2.5 cm, the margins of a document made without a template."""

CHAR = 110
"""The width of an average character of an 11-point text, in twentieths of a point."""

CELL_PADDING = 240
"""A cell's left and right margins and its borders, in twentieths of a point."""

LONGEST_WORD = 16
"""A word longer than this (a URL, a long id) may wrap rather than widen its column."""

WIDE = 1.15
"""How much wider a long word is than as many average characters: it has no spaces, and a
word such as "December" is mostly wide letters."""


def safe(text: str) -> str:
    """`text` as a Word document can hold it, on one line: each character XML cannot carry
    replaced by U+FFFD (so that it shows), runs of white space as one space."""
    return one_line(xml_safe(text))


def document(memo: Memo, styling: Styling) -> bytes:
    """`memo` as the bytes of a .docx file, made as `styling` says: in its template's
    styles where the template's placeholder is, its tables in its table style, marked
    with its classification; the same memo gives the same bytes on the same day."""
    import io

    word = open_document(styling.template)
    label = _label(styling.template)
    anchor = placeholder(word, label)
    styles = _Styles.of(word, styling.table_style, label)
    writer = _Writer(word, styles, anchor, plain=styling.template is None)
    writer.memo(memo)
    writer.number_cross_references()
    if anchor is not None:
        _remove(anchor)
    if styling.classification is not None:
        classify(word, safe(styling.classification))
    _properties(word, memo.title, styling.template is None)
    out = io.BytesIO()
    word.save(out)
    return ooxml.fixed_times(out.getvalue())


def _label(template: Path | None) -> str:
    """The document as messages name it."""
    return "the default document" if template is None else display_path(template)


# --- the document ----------------------------------------------------------------------------


def open_document(template: Path | None) -> Document:
    """The user's document `template`, or a plain A4 document; a template that is missing or
    no Word document is a usage error naming it, one that cannot be read an error."""
    import docx

    ooxml.read_footnotes_as_xml()
    if template is None:
        word = docx.Document()
        for section in word.sections:
            _a4(section)
        _plain(word)
        return word
    return _template(template)


def _a4(section: Any) -> None:
    from docx.shared import Twips

    section.page_width, section.page_height = Twips(A4[0]), Twips(A4[1])
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.top_margin = section.bottom_margin = Twips(MARGIN)


def _plain(word: Document) -> None:
    """The text of a document made without a template: Word's own default, Calibri at 11
    points (LibreOffice shows it as Carlito, of the same widths)."""
    from docx.shared import Pt

    normal: Any = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)


def _template(path: Path) -> Document:
    """The document at `path`, or the error that says why it cannot be a template."""
    import zipfile

    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    label = display_path(path)
    if not path.exists():
        raise UsageError(f"template {label} does not exist")
    if not path.is_file():
        raise UsageError(f"template {label} is not a file; name a Word document (.docx)")
    try:
        _check_package(path, label)
        main = Package.open(str(path)).main_document_part
        kind = main.content_type
        if kind != CONTENT_TYPE.WML_DOCUMENT_MAIN:
            raise UsageError(f"template {label} is {_kind(kind)}; {_save_as}")
        word: Document = main.document
        if word.element.body is None:
            raise PositiesError(
                f"template {label} is damaged: its document has no body; {_save_as}"
            )
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, SyntaxError) as error:
        said = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        raise PositiesError(
            f"template {label} is damaged: {shown(str(said) or type(error).__name__, 120)}; "
            f"{_save_as}"
        ) from None
    except OSError as error:
        raise PositiesError(f"cannot read template {label}: {error.strerror or error}") from None
    return word


_save_as = "open it in Word and save it as a Word document (.docx)"

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file begins: an old .doc (Word 97-2003), or a .docx Word encrypted
with a password (it wraps the package in one)."""

MAX_UNPACKED = 256 * 2**20
"""More bytes than any Word template unpacks to: a package that says it holds more is
refused before it is read (a zip bomb would take gigabytes of memory)."""

MAX_RATIO = 100
"""More than a member of a Word document is ever packed (XML packs about ten times)..."""

RATIO_FROM = 10 * 2**20
"""...once it unpacks to more than this: small parts may pack as tightly as they like."""


def _check_package(path: Path, label: str) -> None:
    """Refuse, before python-docx reads it, a template that is no zip package, one that
    would unpack to more than a template can be (the sizes its members declare bind the
    reading: zipfile stops at them), and one with no content types, as no Word document."""
    import zipfile

    with path.open("rb") as file:
        if file.read(len(OLE)) == OLE:
            raise UsageError(
                f"template {label} is encrypted or an old .doc (Word 97-2003): "
                "save it as an unprotected .docx"
            )
    if not zipfile.is_zipfile(path):
        raise UsageError(
            f"template {label} is not a Word document (.docx): it is not a zip package "
            "(an old .doc or another kind of file? open it in Word and save it as .docx)"
        )
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise UsageError(
            f"template {label} unpacks to {_megabytes(unpacked)}: larger than a Word "
            f"template can be (at most {_megabytes(MAX_UNPACKED)})"
        )
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UsageError(
                f"template {label} unpacks to {_megabytes(unpacked)}, its "
                f"{shown(member.filename)} {member.file_size // max(member.compress_size, 1)} "
                "times its packed size: packed tighter than a Word document ever is"
            )
    if "[Content_Types].xml" not in {member.filename for member in members}:
        raise UsageError(
            f"template {label} is not a Word document: it has no [Content_Types].xml; {_save_as}"
        )


def _megabytes(size: int) -> str:
    """`size` bytes in whole megabytes (kilobytes below one), as a message says it."""
    if size < 2**20:
        return f"{math.ceil(size / 2**10)} KB"
    return f"{size // 2**20:,} MB"


_KINDS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a Word template (.dotx), not a document"
    ),
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "a Word document with macros (.docm), which is not written"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "a Word template with macros (.dotm), not a document"
    ),
}


def _kind(content_type: str) -> str:
    """What a package whose main part is `content_type` is, in words."""
    return _KINDS.get(content_type, f"not a Word document (its main part is {content_type})")


def placeholder(word: Document, label: str) -> BaseOxmlElement | None:
    """The paragraph of the body that holds `{{ posities }}` alone, where the report goes
    (None: there is none, the report goes at the end). One anywhere else (inside a table,
    a text box, the text of a paragraph, a header, a footnote), where it would stay as
    text, or more than one, is a usage error."""
    body = word.element.body
    found, inside = [], []
    for paragraph in ooxml.paragraphs(body):
        text = ooxml.own_text(paragraph)
        if PLACEHOLDER.fullmatch(text):
            found.append(paragraph)
        elif PLACEHOLDER.search(text):
            inside.append(text)
    if inside:
        where = f"inside the text of a paragraph ({shown(inside[0].strip(), 80)})"
        raise _misplaced(label, where, "put it on a line of its own")
    for where, part in _other_stories(word):
        if any(PLACEHOLDER.search(ooxml.text_of(p)) for p in ooxml.paragraphs(part)):
            raise _misplaced(label, where, "move it to where the report goes in the body")
    if not found:
        return None
    if len(found) > 1:
        raise UsageError(
            f"template {label} has {len(found)} paragraphs holding {{{{ posities }}}}; "
            "keep the one where the report goes"
        )
    if found[0].getparent() is not body:
        raise _misplaced(label, ooxml.container(found[0]), "put it in a paragraph of its own")
    return found[0]


def _misplaced(label: str, where: str, what_to_do: str) -> UsageError:
    """The error for a `{{ posities }}` found `where` the report cannot go."""
    return UsageError(
        f"template {label}: {{{{ posities }}}} must be a paragraph of its own in the body: "
        f"found {where}; {what_to_do}"
    )


_HEADERS = {"default": "", "first": "first-page ", "even": "even-page "}


def _other_stories(word: Document) -> Iterable[tuple[str, BaseOxmlElement]]:
    """Each text of the document beside its body, named: each section's headers and
    footers, the footnotes, endnotes and comments."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    related = word.part.related_parts
    for at, properties in enumerate(word.element.body.iter(ooxml.wtag("sectPr")), 1):
        for kind in ("header", "footer"):
            for reference in properties.iter(ooxml.wtag(f"{kind}Reference")):
                which = _HEADERS.get(reference.get(ooxml.wtag("type"), "default"), "")
                ident = reference.get(ooxml.rtag("id"), "")
                if ident in related:
                    yield f"in the {which}{kind} of section {at}", related[ident].element
    notes = ((RT.FOOTNOTES, "a footnote"), (RT.ENDNOTES, "an endnote"), (RT.COMMENTS, "a comment"))
    for rel in word.part.rels.values():
        for reltype, name in notes:
            if rel.reltype == reltype and not rel.is_external:
                part = rel.target_part
                element = getattr(part, "element", None)
                yield f"in {name}", element if element is not None else parse_xml(part.blob)


def _remove(anchor: BaseOxmlElement) -> None:
    """Take the placeholder paragraph out; one that ends a section keeps its section break
    and stays, emptied."""
    if ooxml.section_properties(anchor) is None:
        anchor.getparent().remove(anchor)
        return
    for child in list(anchor):
        if child.tag != ooxml.wtag("pPr"):
            anchor.remove(child)


def _properties(word: Document, title: str, plain: bool) -> None:
    """The document's properties: a plain one (or a template that had none) made by
    posities, titled as the report; a template's own kept, but for who changed it last.
    Its dates as of the day made (or `SOURCE_DATE_EPOCH`), never the second: the same
    report made twice on a day is the same file. No thumbnail: a picture of python-docx's
    empty page (or of the template's first) is not one of the report."""
    import datetime
    import os

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.strip().isdigit():
        stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    else:
        today = datetime.datetime.now(datetime.UTC).date()
        stamp = datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.UTC)
    package = word.part.package
    own = any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values())
    properties = word.core_properties
    if plain or not own:
        properties.title = safe(title)
        properties.author = "posities"
        properties.comments = ""
        properties.revision = 1
        properties.created = stamp.replace(tzinfo=None)
    properties.modified = stamp.replace(tzinfo=None)
    properties.last_modified_by = "posities"
    for ident, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[ident]


# --- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Styles:
    """The styles the report is written in: the document's own where it has them, else
    made to look as Word's do; `table` None: no grid style, lines drawn by hand."""

    heading: Style
    subheading: Style
    quote: Style
    note_text: Style
    note_mark: Style
    table: Style | None

    @classmethod
    def of(cls, word: Document, table_style: str | None, label: str) -> _Styles:
        """The styles of `word`, made where it lacks them; `table_style` must be one of its
        table styles (a usage error listing them otherwise)."""
        from docx.enum.style import WD_STYLE_TYPE as KIND

        heading = _style(word, ("Heading 1", "Title"), KIND.PARAGRAPH) or _heading(word, 1)
        return cls(
            heading,
            _style(word, ("Heading 2",), KIND.PARAGRAPH) or _heading(word, 2),
            _style(word, ("Quote",), KIND.PARAGRAPH) or _quote_style(word),
            _style(word, ("footnote text",), KIND.PARAGRAPH) or _note_text_style(word),
            _style(word, ("footnote reference",), KIND.CHARACTER) or _note_mark_style(word),
            _table_style(word, table_style, label),
        )


def _style(word: Document, names: Sequence[str], kind: Any) -> Style | None:
    """The first style of `kind` named one of `names` (any case), or None."""
    have = {(s.name or "").casefold(): s for s in word.styles if s.type == kind}
    for name in names:
        if name.casefold() in have:
            return have[name.casefold()]
    return None


def _normal(word: Document) -> Style | None:
    """The document's default paragraph style (Normal), if it has one."""
    from docx.enum.style import WD_STYLE_TYPE as KIND

    return word.styles.default(KIND.PARAGRAPH)


def _heading(word: Document, level: int) -> Style:
    """Word's heading style of `level`, for a document that has not used it yet."""
    from docx.enum.style import WD_STYLE_TYPE as KIND
    from docx.shared import Pt

    style: Any = word.styles.add_style(f"Heading {level}", KIND.PARAGRAPH, builtin=True)
    style.base_style = _normal(word)
    style.font.bold = True
    style.font.size = Pt(16 if level == 1 else 13)
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.space_after = Pt(6)
    return style


def _quote_style(word: Document) -> Style:
    """Word's Quote style, for a document that has not used it yet: indented, in italics."""
    from docx.enum.style import WD_STYLE_TYPE as KIND
    from docx.shared import Cm

    style: Any = word.styles.add_style("Quote", KIND.PARAGRAPH, builtin=True)
    style.base_style = _normal(word)
    style.font.italic = True
    style.paragraph_format.left_indent = style.paragraph_format.right_indent = Cm(1)
    return style


def _note_text_style(word: Document) -> Style:
    """Word's footnote text style (10 points, no space after), for a document with none."""
    from docx.enum.style import WD_STYLE_TYPE as KIND
    from docx.shared import Pt

    style: Any = word.styles.add_style("footnote text", KIND.PARAGRAPH, builtin=True)
    style.style_id = "FootnoteText"
    style.base_style = _normal(word)
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    return style


def _note_mark_style(word: Document) -> Style:
    """Word's footnote reference style (a superscript number), for a document with none."""
    from docx.enum.style import WD_STYLE_TYPE as KIND

    style: Any = word.styles.add_style("footnote reference", KIND.CHARACTER, builtin=True)
    style.style_id = "FootnoteReference"
    style.font.superscript = True
    return style


GRID = "Table Grid"
"""The table style used when none is asked for and the document has it."""


def _table_style(word: Document, name: str | None, label: str) -> Style | None:
    """The table style `name` names (any case and spacing, or its id), Table Grid when none
    is asked for, or None; an empty name or an unknown one is a usage error, the unknown one
    naming the closest table styles there are and then all of them."""
    from docx.enum.style import WD_STYLE_TYPE as KIND

    tables = [s for s in word.styles if s.type == KIND.TABLE]
    if name is not None and not name.strip():
        raise UsageError(f"--table-style is empty: name one of the table styles of {label}")
    wanted = _style_key(name or GRID)
    for style in tables:
        if wanted in (_style_key(style.name or ""), _style_key(style.style_id or "")):
            return style
    if name is None:
        return None
    names = sorted({s.name or s.style_id for s in tables}, key=str.casefold)
    why = (
        "a style Word offers but the document has never used is not in it: apply it to a "
        "table there once and save"
    )
    if not names:
        raise UsageError(
            f"{label} has no table style {shown(name.strip())}; it has no table styles ({why})"
        )
    hint = _closest_styles(name, names)
    listed = "\n".join(_wrapped(names))
    raise UsageError(
        f"{label} has no table style {shown(name.strip())}{hint or '.'} Its table styles:\n"
        f"{listed}\n({why[0].upper()}{why[1:]}.)"
    )


def _style_key(name: str) -> str:
    """A style's name as a match compares it: in any case, its spaces as one space."""
    return " ".join(name.split()).casefold()


def _closest_styles(name: str, names: Sequence[str]) -> str:
    """ "; did you mean 'A', 'B'?" naming the few styles most like `name`, or nothing."""
    from posities.model.suggest import did_you_mean, suggest

    keyed = {_style_key(known): known for known in names}
    close = suggest(_style_key(name), list(keyed), limit=3)
    return did_you_mean([keyed[key] for key in close], quoted=True)


def _wrapped(names: Sequence[str], width: int = 88) -> list[str]:
    """`names`, comma-separated, in indented lines of at most `width` characters, no name
    broken across two."""
    lines: list[str] = []
    line = ""
    for at, name in enumerate(names):
        item = name + ("," if at < len(names) - 1 else "")
        if line and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = ""
        line = f"{line} {item}" if line else f"  {item}"
    return [*lines, line]


# --- the report ------------------------------------------------------------------------------


@dataclass
class _Writer:
    """Writes a memo's blocks into `word`, before `anchor` (at the end where it is None),
    each quote a footnote referred to where the memo marks it."""

    word: Document
    styles: _Styles
    anchor: BaseOxmlElement | None
    lang: Lang = Lang.EN
    notes: tuple[str, ...] = ()
    footnote_ids: dict[int, int] = field(default_factory=dict)
    """Memo note n: the id of its footnote, once referred to."""
    bookmarks: dict[int, str] = field(default_factory=dict)
    """Memo note n, referred to more than once: the bookmark on its first reference."""
    again: list[tuple[int, BaseOxmlElement]] = field(default_factory=list)
    """Each later reference: its footnote's id and the text that shows its number."""
    uses: dict[int, int] = field(default_factory=dict)
    """Memo note n: how many cells it marks."""
    char: int = CHAR
    """The width of an average character of the document's text."""
    plain: bool = False
    """The document is posities' own (no template): its page may turn to landscape."""

    def memo(self, memo: Memo) -> None:
        """The title as a heading, the blocks, and the state line last."""
        self.lang, self.notes = memo.lang, memo.notes
        self.char = _char_width(self.word)
        if self.plain:
            self.turn_if_too_narrow(memo)
        for marked in memo.tables():
            for row in marked.rows:
                for cell in row:
                    for note in cell.notes:
                        self.uses[note] = self.uses.get(note, 0) + 1
        self.paragraph(memo.title, self.styles.heading)
        for block in memo.blocks:
            if isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Quotes):
                self.quotes(block)
            else:
                self.paragraph(block.text)
        last = self.paragraph(memo.state, italic=True) if memo.state else None
        rest = [n for n in range(1, len(memo.notes) + 1) if n not in self.footnote_ids]
        if rest:
            self.refer(last if last is not None else self.paragraph(""), rest)

    def turn_if_too_narrow(self, memo: Memo) -> None:
        """Lay the page out in landscape when a table's words do not fit across it upright
        (a template's page is the template's to choose). Where they do not fit across it
        lying either, the columns are narrowed as `column_widths` says and long words
        break."""
        section = self.section()
        upright = ooxml.text_width(section, A4[0] - 2 * MARGIN)
        for block in memo.tables():
            heads, measured = self.measured(block)
            if least_width(heads, measured, block.label_column, self.char) > upright:
                _landscape(section)
                return

    def place(self, made: Any) -> Any:
        """Move a block just made (at the end of the body) to where the report goes."""
        if self.anchor is not None:
            self.anchor.addprevious(made._element)
        return made

    def paragraph(
        self, text: str, style: Style | None = None, italic: bool = False
    ) -> WordParagraph:
        """A paragraph of `text` (in `style`; the document's Normal style for None)."""
        paragraph: WordParagraph = self.place(self.word.add_paragraph(style=style))
        if text:
            run = paragraph.add_run(safe(text))
            if italic:
                run.italic = True
        return paragraph

    def quotes(self, block: Quotes) -> None:
        """A heading and, for each source, its numbered line and its quote."""
        self.paragraph(block.heading, self.styles.subheading)
        for number, (line, quote) in enumerate(block.items, 1):
            self.paragraph(f"{number}. {line}")
            self.paragraph(quote, self.styles.quote)

    def table(self, block: Table) -> None:
        """The table: a repeated head row, fixed widths shared out by content, dates in
        words, and each cell's footnote references after its text."""
        texts = [[self.cell_text(cell) for cell in row] for row in block.rows]
        table: Any = self.place(self.word.add_table(rows=1 + len(texts), cols=len(block.heads)))
        if self.styles.table is not None:
            table.style = self.styles.table
        else:
            ooxml.borders(table._tbl)
        rows = list(table.rows)
        for cell, head in zip(rows[0].cells, block.heads, strict=True):
            cell.paragraphs[0].add_run(safe(head)).bold = True
        ooxml.repeat_header(rows[0]._tr)
        for row, values, cells in zip(rows[1:], texts, block.rows, strict=True):
            for at, (word_cell, text, cell) in enumerate(
                zip(row.cells, values, cells, strict=True)
            ):
                paragraph = word_cell.paragraphs[0]
                if text:
                    run = paragraph.add_run(text)
                    if block.label_column and at == 0:
                        run.bold = True
                self.refer(paragraph, cell.notes)
            if sum(len(text) for text in values) < KEEP_TOGETHER:
                ooxml.keep_together(row._tr)
        heads, measured = self.measured(block)
        width = ooxml.text_width(self.section(), A4[0] - 2 * MARGIN)
        widths = column_widths(heads, measured, width, block.label_column, self.char)
        ooxml.fixed_width(table._tbl, widths, block.label_column)

    def measured(self, block: Table) -> tuple[list[str], list[list[str]]]:
        """A table's headings and cells as their widths are measured: each cell's text with
        its footnote numbers, which follow its last word with no space between."""
        heads = [safe(head) for head in block.heads]
        cells = [
            [self.cell_text(cell) + ",".join(map(str, cell.notes)) for cell in row]
            for row in block.rows
        ]
        return heads, cells

    def cell_text(self, cell: Cell) -> str:
        """What a cell shows: its date in words where it has one, else its text."""
        if cell.day:
            return long_date(cell.day, self.lang)
        return safe(cell.text)

    def refer(self, paragraph: WordParagraph, notes: Sequence[int]) -> None:
        """Footnote references to memo `notes` at the end of `paragraph`, a comma between
        two: a note's first reference makes its footnote, a later one refers to it."""
        element = paragraph._p
        mark = self.styles.note_mark.style_id or "FootnoteReference"
        for at, note in enumerate(notes):
            if at:
                ooxml.separator(element, ",", mark)
            if note in self.footnote_ids:
                ident = self.footnote_ids[note]
                shown_at = ooxml.note_cross_reference(element, self.bookmarks[note], mark)
                self.again.append((ident, shown_at))
                continue
            ident = self.new_footnote(note)
            bookmark = None
            if self.uses.get(note, 0) > 1:
                bookmark = self.bookmark(ident)
                self.bookmarks[note] = bookmark[1]
            ooxml.footnote_reference(element, ident, mark, bookmark)

    def new_footnote(self, note: int) -> int:
        """The footnote of memo note `note`, numbered after every footnote there is."""
        root = ooxml.footnotes(self.word)
        ident = ooxml.next_id(root, "footnote")
        text_style = self.styles.note_text.style_id or "FootnoteText"
        mark = self.styles.note_mark.style_id or "FootnoteReference"
        ooxml.add_footnote(root, ident, safe(self.notes[note - 1]), text_style, mark)
        self.footnote_ids[note] = ident
        return ident

    def bookmark(self, ident: int) -> tuple[int, str]:
        """A bookmark (id and name) no other in the document has, for footnote `ident`."""
        body = self.word.element.body
        taken = ooxml.bookmark_names(body)
        name = f"_RefPositiesNote{ident}"
        while name in taken:
            name += "_"
        return ooxml.next_id(body, "bookmarkStart"), name

    def number_cross_references(self) -> None:
        """Show in each later reference the number Word gives its footnote, now that the
        document is in its final order (the template's own footnotes count too)."""
        numbers = ooxml.shown_numbers(self.word.element.body)
        for ident, shown_at in self.again:
            shown_at.text = str(numbers.get(ident, ident))

    def section(self) -> Any:
        """The section the report is in: the one the placeholder is in, else the last."""
        from docx.section import Section

        sections = self.word.sections
        if self.anchor is None:
            return sections[-1] if len(sections) else None
        at: BaseOxmlElement | None = self.anchor
        while at is not None:
            if at.tag == ooxml.wtag("p") and (found := ooxml.section_properties(at)) is not None:
                return Section(found, self.word.part)
            at = at.getnext()
        return sections[-1] if len(sections) else None


def _landscape(section: Any) -> None:
    """Turn a section's page on its side: landscape, its width and height swapped."""
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _char_width(word: Document) -> int:
    """Half an em of the document's Normal text (its own size, else the document's default
    size, else 11 points), in twentieths of a point: an average character."""
    from docx.oxml.ns import qn

    normal = _normal(word)
    size = None if normal is None else normal.font.size
    if size is not None:
        return max(round(float(size.pt) * 10), 1)
    found = word.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:sz')}")
    value = "" if found is None else found.get(qn("w:val"), "")
    return int(value) * 5 if value.isdigit() and int(value) else CHAR


KEEP_TOGETHER = 600
"""A row with less text than this is kept on one page; a longer one may break."""


def column_widths(
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int,
    label_column: bool,
    char: int = CHAR,
) -> list[int]:
    """Column widths (twentieths of a point) summing to `total`, for a text whose average
    character is `char` wide: each column at least as wide as the longest word of its
    heading and, where that fits, of its cells (up to `LONGEST_WORD` letters); the rest
    shared in proportion to the square root of the typical length of its cells, which
    makes the fewest lines; a label column only as wide as its labels. Where even the
    headings' words do not fit, every column is narrowed alike and words break inside."""
    if not heads:
        return []
    heading, least, weights = _least_widths(heads, rows, label_column, char)
    if sum(least) > total > sum(heading):  # cells' words wrap a little, headings' not
        part = (total - sum(heading)) / (sum(least) - sum(heading))
        least = [h + math.floor((w - h) * part) for h, w in zip(heading, least, strict=True)]
    return _share(total, least, weights)


def least_width(
    heads: Sequence[str], rows: Sequence[Sequence[str]], label_column: bool, char: int = CHAR
) -> int:
    """The width the columns need so that no word of a heading or cell breaks (up to
    `LONGEST_WORD` letters), in twentieths of a point."""
    return sum(_least_widths(heads, rows, label_column, char)[1]) if heads else 0


def _least_widths(
    heads: Sequence[str], rows: Sequence[Sequence[str]], label_column: bool, char: int
) -> tuple[list[int], list[int], list[float]]:
    """Each column's width for the longest word of its heading, for that of its heading and
    cells, and its weight in sharing out the rest."""
    heading = [CELL_PADDING + math.ceil(char * 1.1 * _longest(head)) for head in heads]
    least, weights = list(heading), []
    for at in range(len(heads)):
        cells = [row[at] for row in rows]
        longest = min(max((_longest(text) for text in cells), default=0), LONGEST_WORD)
        least[at] = max(least[at], CELL_PADDING + math.ceil(char * WIDE * longest))
        typical = sum(len(text) for text in cells) / len(cells) if cells else len(heads[at])
        if label_column and at == 0:
            label = min(max((len(text) for text in cells), default=0), 2 * LONGEST_WORD)
            least[at] = max(least[at], CELL_PADDING + char * label)
            typical = 0
        weights.append(math.sqrt(max(typical, 1.0)))
    return heading, least, weights


def _longest(text: str) -> int:
    """The length of the longest word of `text`, a word ending at a space or a hyphen
    (where Word breaks a line)."""
    return max((len(word) for word in re.split(r"\s+|(?<=-)", text)), default=0)


def _share(total: int, least: list[int], weights: list[float]) -> list[int]:
    """`total` shared out in proportion to `weights`, each share at least its `least`
    (when the least widths do not fit, they are scaled down to fit); whole numbers that sum
    to `total` exactly."""
    if sum(least) >= total:
        shares = [total * w / sum(least) for w in least]
    else:
        fixed: dict[int, float] = {}
        while True:
            free = [i for i in range(len(weights)) if i not in fixed]
            room = total - sum(fixed.values())
            weight = sum(weights[i] for i in free)
            shares_free = {i: room * weights[i] / weight for i in free}
            short = [i for i in free if shares_free[i] < least[i]]
            if not short:
                break
            for i in short:
                fixed[i] = least[i]
        shares = [fixed.get(i, shares_free.get(i, 0.0)) for i in range(len(weights))]
    whole = [int(share) for share in shares]
    widest = max(range(len(whole)), key=whole.__getitem__)
    whole[widest] += total - sum(whole)
    return whole


# --- the classification ----------------------------------------------------------------------


def classify(word: Document, text: str) -> None:
    """Mark every page with `text`, centred and bold, above the header's own content and
    below the footer's: in each section's headers and footers (the first page's and the
    even pages' where the document has them), keeping what they hold."""
    settings = word.settings
    for at, section in enumerate(word.sections):
        parts = [(section.header, True), (section.footer, False)]
        if section.different_first_page_header_footer:
            parts += [(section.first_page_header, True), (section.first_page_footer, False)]
        if settings.odd_and_even_pages_header_footer:
            parts += [(section.even_page_header, True), (section.even_page_footer, False)]
        for part, top in parts:
            if at and part.is_linked_to_previous:
                continue  # it shows the previous section's, marked already
            _mark(part, text, top)


def _mark(part: Any, text: str, top: bool) -> None:
    """`text` as a centred bold paragraph at the top (or bottom) of a header or footer;
    the one empty paragraph of a header just made is used for it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    existing = part.paragraphs
    if len(existing) == 1 and not existing[0].text and len(part._element) == 1:
        paragraph = existing[0]
    elif top and existing:
        paragraph = existing[0].insert_paragraph_before()
    else:
        paragraph = part.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = True
