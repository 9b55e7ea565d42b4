"""A document's text taken out of its format (PDF, HTML, Word or plain text), as pages of
paragraphs of lines for `core/repair` to mend; the format told by the file's first bytes
before its name. Each extractor is imported only when its format is read."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import assert_never

from posities.core.repair import Column, Page, Repaired
from posities.errors import PositiesError


class Format(enum.StrEnum):
    """The formats a source text is extracted from, named as the provenance records them."""

    PDF = "pdf"
    HTML = "html"
    DOCX = "docx"
    TXT = "txt"


FORMATS = "PDF, HTML, Word (.docx) or plain text (.txt)"
"""The formats named in a message about a file that is none of them."""

_SUFFIXES = {
    ".pdf": Format.PDF,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".docx": Format.DOCX,
    ".txt": Format.TXT,
    ".text": Format.TXT,
}


class Unreadable(PositiesError):
    """A document whose text cannot be extracted; the message says why and what to do."""


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """`number` (from 1) in upper-case roman numerals, as a list or a note is numbered."""
    out = ""
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        out += numeral * count
    return out


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document's text before its repairs, with what is known of it."""

    pages: list[Page]
    title: str | None
    """The title the document gives itself (PDF or Word properties, an HTML title)."""
    extractor: str
    extractor_version: str
    warnings: tuple[str, ...] = ()
    ordinals: int = 0
    """Superscript ordinals the extractor already put back with their numbers."""
    dropped: tuple[str, ...] | None = None
    """Running lines (headers, footers, page numbers) the extractor dropped, knowing where
    they stood; None when it leaves them to be found in the text's shape."""
    notes: tuple[Column, ...] = ()
    """Each page's footnotes, set apart from its text."""
    hyphens: bool = True
    """Whether line-end hyphens may be mended (not in plain text, which is taken as written)."""
    cells: tuple[frozenset[int], ...] = ()
    """Each page's columns (by index) that are a table's cells, each a paragraph of its own."""

    def repaired(self) -> Repaired:
        """The text with its repairs (`core/repair`), on what the extractor knows of it."""
        from posities.core.repair import repair

        return repair(
            self.pages,
            self.ordinals,
            hyphens=self.hyphens,
            dropped=self.dropped,
            notes=self.notes,
            cells=self.cells,
        )


def sniff(head: bytes, suffix: str) -> Format | None:
    """The format of a file from its first bytes (a PDF header, a zip holding a Word document,
    an HTML tag), else from its suffix; None when neither tells."""
    if head.lstrip(b"\x00\t\n\r\f ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        return Format.DOCX if b"word/" in head or suffix.lower() == ".docx" else None
    start = _text_start(head)
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        start.startswith((b"<?xml", b"<!--")) and b"<html" in head.lower()
    ):
        return Format.HTML
    return _SUFFIXES.get(suffix.lower())


def _text_start(head: bytes) -> bytes:
    """The first bytes of a text file in lower case, past a byte order mark and blank space
    (UTF-16 read as its ASCII bytes)."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            text = head[len(bom) :].decode(codec, "ignore")
            return text.lstrip().lower().encode("ascii", "ignore")
    return head.lstrip().lower()


def extract(data: bytes, form: Format) -> Extracted:
    """The text of a document in format `form`, before its repairs; `Unreadable` when there is
    none to take."""
    match form:
        case Format.PDF:
            from posities.core.extract.pdf import extract_pdf

            return extract_pdf(data)
        case Format.HTML:
            from posities.core.extract.webpage import extract_html

            return extract_html(data)
        case Format.DOCX:
            from posities.core.extract.word import extract_docx

            return extract_docx(data)
        case Format.TXT:
            from posities.core.extract.plain import extract_txt

            return extract_txt(data)
        case _:
            assert_never(form)
