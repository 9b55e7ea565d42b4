"""The OOXML that python-docx does not write, in one place: the footnotes part (its
relationship and content type), footnote references and cross-references to them, a header
row repeated on every page, rows kept on one page, a table's fixed width and borders, and a
package whose bytes do not depend on the time it was written. Every text goes in through
lxml, which escapes it; nothing here puts data into XML source."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement

FOOTNOTES_PART = "/word/footnotes.xml"

_SEPARATORS = """\
<w:footnotes {w}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>\
<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>\
<w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>\
<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>\
<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""
"""A footnotes part as Word begins one: the separator line above the notes (-1) and the one
above notes continued from the page before (0)."""

BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A WordprocessingML element `w:tag` with `w:` attributes (`val="x"`)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    made = OxmlElement(f"w:{tag}", {qn(f"w:{k}"): v for k, v in attributes.items()})
    return made


def read_footnotes_as_xml() -> None:
    """Have python-docx load a document's footnotes part as XML (it keeps unknown parts as
    bytes), so that a template's own footnotes can be kept and added to."""
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.part import PartFactory, XmlPart

    PartFactory.part_type_for[CONTENT_TYPE.WML_FOOTNOTES] = XmlPart


def footnotes(document: Document) -> BaseOxmlElement:
    """The document's `w:footnotes` element: its own, or a new part with the two separators,
    related to the document (its content type follows from the part)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    main = document.part
    for rel in main.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if isinstance(part, XmlPart):
                root: BaseOxmlElement = part.element
                return root
    root = parse_xml(_SEPARATORS.format(w=nsdecls("w")))
    names = {str(p.partname) for p in main.package.iter_parts()}
    name = FOOTNOTES_PART if FOOTNOTES_PART not in names else "/word/footnotes%d.xml"
    if "%d" in name:
        name = str(main.package.next_partname(name))
    part = XmlPart(PackURI(name), CONTENT_TYPE.WML_FOOTNOTES, root, main.package)
    main.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    _declare_separators(document)
    return root


def _declare_separators(document: Document) -> None:
    """Name the separator footnotes in the settings, as Word does (`w:footnotePr`)."""
    settings = document.settings.element
    if settings.find(wtag("footnotePr")) is not None:
        return
    declared = element("footnotePr")
    declared.append(element("footnote", id="-1"))
    declared.append(element("footnote", id="0"))
    later = _SETTINGS_AFTER_FOOTNOTES
    settings.insert_element_before(declared, *later)


_SETTINGS_AFTER_FOOTNOTES = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
"""What follows `w:footnotePr` in the settings (Word reads its elements in this order)."""


def wtag(tag: str) -> str:
    """`w:tag` as lxml names it (with its namespace)."""
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def next_id(root: BaseOxmlElement, tag: str) -> int:
    """One more than the highest `w:id` of the `w:tag` elements under `root` (1 for none):
    a new footnote or bookmark that clashes with none the document has."""
    ids = [0]
    for found in root.iter(wtag(tag)):
        value = found.get(wtag("id"), "")
        if value.lstrip("-").isdigit():
            ids.append(int(value))
    return max(ids) + 1


def add_footnote(
    root: BaseOxmlElement, number: int, text: str, text_style: str, mark_style: str
) -> None:
    """Footnote `number` holding `text`, laid out as Word lays out one: a paragraph in the
    footnote text style that begins with the note's number (`w:footnoteRef`)."""
    note = element("footnote", id=str(number))
    paragraph = element("p")
    properties = element("pPr")
    properties.append(element("pStyle", val=text_style))
    paragraph.append(properties)
    paragraph.append(_run(mark_style, element("footnoteRef")))
    paragraph.append(_text_run(" " + text))
    note.append(paragraph)
    root.append(note)


def _run(style: str | None, *content: BaseOxmlElement) -> BaseOxmlElement:
    """A run in the character style `style` (None: none) holding `content`."""
    run = element("r")
    if style is not None:
        properties = element("rPr")
        properties.append(element("rStyle", val=style))
        run.append(properties)
    for part in content:
        run.append(part)
    return run


def _text_run(text: str, style: str | None = None) -> BaseOxmlElement:
    """A run of `text`, its spaces kept."""
    words = element("t")
    words.text = text
    words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return _run(style, words)


def footnote_reference(
    paragraph: BaseOxmlElement, number: int, style: str, bookmark: tuple[int, str] | None
) -> None:
    """Refer to footnote `number` at the end of `paragraph` (the number in `style`); with
    `bookmark` (its id and name), mark the reference so that a `NOTEREF` can name it."""
    run = _run(style, element("footnoteReference", id=str(number)))
    if bookmark is None:
        paragraph.append(run)
        return
    ident, name = bookmark
    paragraph.append(element("bookmarkStart", id=str(ident), name=name))
    paragraph.append(run)
    paragraph.append(element("bookmarkEnd", id=str(ident)))


def note_cross_reference(paragraph: BaseOxmlElement, bookmark: str, style: str) -> BaseOxmlElement:
    """Refer again to a footnote already referred to: a `NOTEREF` field to the `bookmark` on
    its reference, formatted as a footnote number (`\\f`) and linked to it (`\\h`); Word
    numbers a footnote once per reference, so a second reference to the same footnote is
    this field, as Word's own cross-reference writes it. Returns the text element of the
    field's shown number, to be filled in once the document is in its final order."""
    import copy

    runs = [copy.deepcopy(run) for run in _cross_reference(bookmark, style)]
    for run in runs:
        paragraph.append(run)
    shown: BaseOxmlElement = runs[3].find(wtag("t"))
    return shown


@functools.cache
def _cross_reference(bookmark: str, style: str) -> tuple[BaseOxmlElement, ...]:
    """The five runs of a `NOTEREF` field to `bookmark`, made once and copied for each use
    (a table of a thousand rows refers to a footnote thousands of times)."""
    instruction = element("instrText")
    instruction.text = f" NOTEREF {bookmark} \\f \\h "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return (
        _run(style, element("fldChar", fldCharType="begin")),
        _run(style, instruction),
        _run(style, element("fldChar", fldCharType="separate")),
        _run(style, element("t")),
        _run(style, element("fldChar", fldCharType="end")),
    )


def separator(paragraph: BaseOxmlElement, text: str, style: str) -> None:
    """`text` in the footnote number's style between two references (1,2 rather than 12)."""
    paragraph.append(_text_run(text, style))


def shown_numbers(body: BaseOxmlElement) -> dict[int, int]:
    """The number Word shows for each footnote id of `body`: footnotes are numbered in the
    order they are first referred to (a reference with a mark of its own takes none)."""
    numbers: dict[int, int] = {}
    for reference in body.iter(wtag("footnoteReference")):
        custom = reference.get(wtag("customMarkFollows"), "0") in ("1", "true", "on")
        ident = int(reference.get(wtag("id"), "0"))
        if not custom and ident not in numbers:
            numbers[ident] = len(numbers) + 1
    return numbers


def repeat_header(row: BaseOxmlElement) -> None:
    """Repeat `row` (a table's first) at the top of every page the table runs onto."""
    row.get_or_add_trPr().append(element("tblHeader"))


def keep_together(row: BaseOxmlElement) -> None:
    """Keep `row` on one page rather than split across two."""
    row.get_or_add_trPr().insert(0, element("cantSplit"))


_TABLE_AFTER_WIDTH = (
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
)
"""What follows `w:tblW` in a table's properties, in the order Word reads them."""


def fixed_width(table: BaseOxmlElement, widths: Sequence[int], label_column: bool) -> None:
    """Lay `table` out at fixed column widths (twentieths of a point, summing to the table's
    width) rather than as Word's autofit would; `label_column`: the table style's first
    column formatting applies (its first column names each row)."""
    properties = table.tblPr
    table_width = properties.find(wtag("tblW"))
    if table_width is None:
        table_width = element("tblW")
        properties.insert_element_before(table_width, *_TABLE_AFTER_WIDTH)
    table_width.set(wtag("type"), "dxa")
    table_width.set(wtag("w"), str(sum(widths)))
    layout = properties.find(wtag("tblLayout"))
    if layout is None:
        layout = element("tblLayout")
        properties.insert_element_before(layout, *_TABLE_AFTER_WIDTH[6:])
    layout.set(wtag("type"), "fixed")
    look = properties.find(wtag("tblLook"))
    if look is not None:
        look.set(wtag("firstColumn"), "1" if label_column else "0")
        look.set(wtag("val"), "04A0" if label_column else "0420")
    grid = table.find(wtag("tblGrid"))
    for column, width in zip(grid.iter(wtag("gridCol")), widths, strict=True):
        column.set(wtag("w"), str(width))
    for row in table.iter(wtag("tr")):
        for cell, width in zip(row.iter(wtag("tc")), widths, strict=True):
            cell_width = cell.get_or_add_tcPr().get_or_add_tcW()
            cell_width.set(wtag("type"), "dxa")
            cell_width.set(wtag("w"), str(width))


def borders(table: BaseOxmlElement) -> None:
    """Single black lines around and between every cell, for a document with no grid
    table style: a table that prints with lines."""
    properties = table.tblPr
    lines = element("tblBorders")
    for side in BORDERS:
        lines.append(element(side, val="single", sz="4", space="0", color="000000"))
    properties.insert_element_before(lines, *_TABLE_AFTER_WIDTH[4:])


def text_width(section: Any, otherwise: int) -> int:
    """The width between a section's margins, in twentieths of a point (`otherwise` for a
    section that does not give its page and margins, or for none)."""
    emu_per_twip = 635
    names = ("page_width", "left_margin", "right_margin")
    sizes: list[int] = [int(getattr(section, name, None) or 0) for name in names]
    if not sizes[0]:
        return otherwise
    width = sizes[0] - sizes[1] - sizes[2]
    return width // emu_per_twip if width > 0 else otherwise


def bookmark_names(body: BaseOxmlElement) -> set[str]:
    """The names of the bookmarks in `body`."""
    return {mark.get(wtag("name"), "") for mark in body.iter(wtag("bookmarkStart"))}


def text_of(paragraph: BaseOxmlElement) -> str:
    """The text a paragraph shows, across its runs, hyperlinks and insertions."""
    return "".join(node.text or "" for node in paragraph.iter(wtag("t")))


def paragraphs(root: BaseOxmlElement) -> Iterable[BaseOxmlElement]:
    """Every paragraph under `root`, in document order, but the copies a text box keeps for
    older word processors (`mc:Fallback`), which repeat the paragraphs of its `mc:Choice`."""
    fallback = f"{{{MARKUP_COMPATIBILITY}}}Fallback"
    for paragraph in root.iter(wtag("p")):
        if next(paragraph.iterancestors(fallback), None) is None:
            yield paragraph


MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def own_text(paragraph: BaseOxmlElement) -> str:
    """The text of a paragraph itself, without that of the text boxes it anchors (their
    paragraphs are inside it)."""
    tag = wtag("p")
    return "".join(
        node.text or ""
        for node in paragraph.iter(wtag("t"))
        if next(node.iterancestors(tag), None) is paragraph
    )


_CONTAINERS = {
    "tbl": "inside a table",
    "txbxContent": "inside a text box",
    "sdtContent": "inside a content control",
}


def container(paragraph: BaseOxmlElement) -> str:
    """What holds a paragraph that is not the body's own, in words: the nearest table, text
    box or content control around it."""
    for ancestor in paragraph.iterancestors():
        for tag, words in _CONTAINERS.items():
            if ancestor.tag == wtag(tag):
                return words
    return "inside a text box"  # a text box of the older kind (VML)


def rtag(tag: str) -> str:
    """`r:tag` (a relationship attribute) as lxml names it."""
    from docx.oxml.ns import qn

    return qn(f"r:{tag}")


def section_properties(paragraph: BaseOxmlElement) -> BaseOxmlElement | None:
    """The `w:sectPr` a paragraph holds (it ends a section), if any."""
    properties = paragraph.find(wtag("pPr"))
    return None if properties is None else properties.find(wtag("sectPr"))


def fixed_times(package: bytes) -> bytes:
    """`package` (a zip) again with every member dated 1980-01-01, in the same order: zip
    members carry the time they were written, so that without this the same report would
    differ byte for byte from one run to the next."""
    import io
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(member))
    return out.getvalue()
