"""A Word document's text through python-docx: the body's paragraphs and tables in document
order (each table cell's paragraphs as paragraphs, a paragraph's text boxes after it), then the
footnotes and the endnotes, each after its number. Text is read from the XML itself, so that
content controls, tracked insertions and moves, hyperlinks and soft hyphens are kept (a
non-breaking hyphen as a plain one) and deleted or moved-away text and field codes are not."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from posities.core.extract import Extracted, Unreadable
from posities.core.repair import Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_SKIPPED = frozenset(
    f"{W}{name}"
    for name in (
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "footnoteReference",
        "endnoteReference",
        "rPr",
        "pPr",
        "drawing",
        "pict",
        "object",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_CHARACTERS = {
    f"{W}tab": "\t",
    f"{W}noBreakHyphen": "-",
    f"{W}softHyphen": "\u00ad",
}
_BREAKS = frozenset({f"{W}br", f"{W}cr"})
_CONTAINERS = frozenset(
    f"{W}{name}"
    for name in ("tbl", "tr", "tc", "sdt", "sdtContent", "ins", "moveTo", "customXml", "smartTag")
)
"""Elements that hold paragraphs: tables, content controls, tracked insertions."""


def extract_docx(data: bytes) -> Extracted:
    """A Word document's paragraphs, tables, text boxes, footnotes and endnotes, and its
    title."""
    import docx

    _word_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a parser of untrusted files fails in any way
        why = str(error).strip() or type(error).__name__
        raise Unreadable(
            f"cannot read this Word document, it may be damaged ({why[:120]}); open it in "
            "Word or LibreOffice and save it again as .docx"
        ) from None
    blocks = list(_body_blocks(document.element.body))
    blocks += _notes(document, FOOTNOTES, "footnote")
    blocks += _notes(document, ENDNOTES, "endnote")
    title = " ".join((document.core_properties.title or "").split()) or None
    return Extracted([[blocks]], title, "python-docx", _version())


def _word_package(data: bytes) -> None:
    """Refuse a zip that is no Word document (a spreadsheet, a presentation) or a
    macro-enabled one, by what its [Content_Types].xml says its main part is."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return  # python-docx says what is wrong with it
    if MACRO_MAIN.encode() in types:
        raise Unreadable(
            "a macro-enabled document (.docm): open it in Word or LibreOffice and save it as "
            ".docx (macros are not read)"
        )
    if WORD_MAIN.encode() not in types and "word/document.xml" not in names:
        kind = next(
            (what for part, what in _OTHER_PACKAGES if any(n.startswith(part) for n in names)),
            "another kind of zip file",
        )
        raise Unreadable(f"is not a Word document: it holds {kind}; give a .docx, PDF or HTML")


_OTHER_PACKAGES = (("xl/", "a spreadsheet"), ("ppt/", "a presentation"))


def _version() -> str:
    """python-docx's version."""
    from importlib.metadata import version

    return version("python-docx")


def _body_blocks(container: Any) -> Iterator[Block]:
    """The paragraphs of a body, table cell or content control, tables' cells included, in
    document order; a paragraph's text boxes after it."""
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            lines = _paragraph_lines(child)
            if any(line.strip() for line in lines):
                yield lines
            for box in _text_boxes(child):
                yield from _body_blocks(box)
        elif child.tag in _CONTAINERS:
            yield from _body_blocks(child)


def _text_boxes(paragraph: Any) -> Iterator[Any]:
    """The contents of the text boxes anchored in a paragraph, each once: not the copy Word
    keeps for older readers (mc:Fallback), nor a box inside another (read with it)."""
    for box in paragraph.iter(f"{W}txbxContent"):
        above = box.getparent()
        while above is not None and above is not paragraph:
            if above.tag in (f"{MC}Fallback", f"{W}txbxContent"):
                break
            above = above.getparent()
        else:
            yield box


def _paragraph_lines(paragraph: Any) -> list[str]:
    """A paragraph's text, split at its line breaks."""
    lines = [""]
    for item in _text_items(paragraph):
        if item is None:
            lines.append("")
        else:
            lines[-1] += item
    return lines


def _text_items(element: Any) -> Iterator[str | None]:
    """The text of an element in order, None for a line break; deleted text, field codes and
    properties left out."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            yield child.text or ""
        elif tag in _CHARACTERS:
            yield _CHARACTERS[tag]
        elif tag in _BREAKS:
            yield None
        else:
            yield from _text_items(child)


def _notes(document: Any, relation: str, kind: str) -> list[Block]:
    """The footnotes (or endnotes, by `relation` and `kind`), in the order the text refers to
    them, each as a paragraph that starts with its mark as Word shows it: its number in the
    document's numbering format (endnotes i, ii, iii unless it says otherwise), or the mark
    of its own a reference gives (*)."""
    from docx.oxml import parse_xml

    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype == relation),
        None,
    )
    if part is None:
        return []
    try:
        root = parse_xml(part.blob)
    except Exception:  # noqa: BLE001 - lxml's XMLSyntaxError: a damaged part is left out
        return []
    notes = {
        note.get(f"{W}id"): note
        for note in root.iterchildren(f"{W}{kind}")
        if note.get(f"{W}type") in (None, "normal")
    }
    form, number = _note_numbering(document, kind)
    marks: dict[str, str] = {}
    for reference in document.element.body.iter(f"{W}{kind}Reference"):
        ident = reference.get(f"{W}id")
        if ident not in notes or ident in marks:
            continue
        if reference.get(f"{W}customMarkFollows") in ("1", "true", "on"):
            marks[ident] = _custom_mark(reference) or _mark(form, number)
        else:
            marks[ident] = _mark(form, number)
            number += 1
    blocks: list[Block] = []
    for ident, mark in marks.items():
        lines = [
            line for p in notes[ident].iter(f"{W}p") for line in _paragraph_lines(p) if line.strip()
        ]
        if lines:
            blocks.append([f"{mark} {lines[0].strip()}", *lines[1:]])
    return blocks


def _note_numbering(document: Any, kind: str) -> tuple[str, int]:
    """How a document numbers its footnotes (or endnotes): the format and the first number its
    last section or its settings give, else Word's own (footnotes 1, 2, 3; endnotes i, ii)."""
    form, start = "decimal" if kind == "footnote" else "lowerRoman", 1
    places = [document.settings.element, document.element.body.find(f"{W}sectPr")]
    for place in places:
        properties = place.find(f"{W}{kind}Pr") if place is not None else None
        if properties is None:
            continue
        if (given := properties.find(f"{W}numFmt")) is not None and given.get(f"{W}val"):
            form = given.get(f"{W}val")
        if (first := properties.find(f"{W}numStart")) is not None:
            value = first.get(f"{W}val") or ""
            start = int(value) if value.isdigit() and 0 < int(value) < 10_000 else start
    return form, start


def _custom_mark(reference: Any) -> str:
    """The mark a reference gives its note itself (the text after it in its run: *, †)."""
    return "".join(
        t.text or "" for t in reference.itersiblings(f"{W}t") if isinstance(t.text, str)
    ).strip()


_CHICAGO = "*†‡§"


def _mark(form: str, number: int) -> str:
    """A note's number as Word shows it in the numbering format `form` (decimal, lowerRoman,
    upperRoman, lowerLetter, upperLetter, chicago; any other as decimal)."""
    if form in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if form == "upperRoman" else roman.lower()
    if form in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return letter.upper() if form == "upperLetter" else letter
    if form == "chicago":
        return _CHICAGO[(number - 1) % 4] * ((number - 1) // 4 + 1)
    return str(number)


def _roman(number: int) -> str:
    """`number` in upper-case roman numerals."""
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, number = divmod(number, value)
        out += letters * count
    return out
