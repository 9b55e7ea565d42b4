"""A Word document's text through python-docx: the body's paragraphs and tables in document
order (each table cell's paragraphs as paragraphs), then the footnotes, each after its number.
Text is read from the XML itself, so that content controls, tracked insertions, hyperlinks,
non-breaking and soft hyphens are kept and deleted text and field codes are not."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from posities.core.extract import Extracted, Unreadable
from posities.core.repair import Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SKIPPED = frozenset(
    f"{W}{name}"
    for name in (
        "del",
        "instrText",
        "delText",
        "footnoteReference",
        "rPr",
        "pPr",
        "drawing",
        "pict",
        "object",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_CHARACTERS = {
    f"{W}tab": "\t",
    f"{W}noBreakHyphen": "\u2011",
    f"{W}softHyphen": "\u00ad",
}
_BREAKS = frozenset({f"{W}br", f"{W}cr"})
_CONTAINERS = frozenset(
    f"{W}{name}"
    for name in ("tbl", "tr", "tc", "sdt", "sdtContent", "ins", "customXml", "smartTag")
)
"""Elements that hold paragraphs: tables, content controls, tracked insertions."""


def extract_docx(data: bytes) -> Extracted:
    """A Word document's paragraphs, tables and footnotes, and its title."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a parser of untrusted files fails in any way
        why = str(error).strip() or type(error).__name__
        raise Unreadable(
            f"cannot read this Word document, it may be damaged ({why[:120]}); open it in "
            "Word or LibreOffice and save it again as .docx"
        ) from None
    blocks = list(_body_blocks(document.element.body))
    blocks += _footnotes(document)
    title = " ".join((document.core_properties.title or "").split()) or None
    return Extracted([[blocks]], title, "python-docx", _version())


def _version() -> str:
    """python-docx's version."""
    from importlib.metadata import version

    return version("python-docx")


def _body_blocks(container: Any) -> Iterator[Block]:
    """The paragraphs of a body, table cell or content control, tables' cells included, in
    document order."""
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            lines = _paragraph_lines(child)
            if any(line.strip() for line in lines):
                yield lines
        elif child.tag in _CONTAINERS:
            yield from _body_blocks(child)


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


def _footnotes(document: Any) -> list[Block]:
    """The footnotes, numbered in the order the text refers to them, each as a paragraph
    that starts with its number."""
    from docx.oxml import parse_xml

    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype == FOOTNOTES),
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
        for note in root.iterchildren(f"{W}footnote")
        if note.get(f"{W}type") in (None, "normal")
    }
    order = [ref.get(f"{W}id") for ref in document.element.body.iter(f"{W}footnoteReference")]
    blocks: list[Block] = []
    for number, ident in enumerate(dict.fromkeys(i for i in order if i in notes), 1):
        lines = [
            line for p in notes[ident].iter(f"{W}p") for line in _paragraph_lines(p) if line.strip()
        ]
        if lines:
            blocks.append([f"{number} {lines[0].strip()}", *lines[1:]])
    return blocks
