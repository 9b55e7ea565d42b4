"""Formats told by content before name, and plain text read in the encoding it is in."""

from __future__ import annotations

import pytest

from posities.core.extract import Format, Unreadable, extract, sniff
from posities.core.repair import repair

from ..documents import docx_bytes


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b"%PDF-1.7\n", ".html", Format.PDF),
        (b"<!DOCTYPE html><html>", ".txt", Format.HTML),
        (b"\xef\xbb\xbf\n  <html lang='nl'>", "", Format.HTML),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "", Format.HTML),
        (b"Gewone tekst.", ".txt", Format.TXT),
        (b"Gewone tekst.", ".TXT", Format.TXT),
        (b"<p>Een fragment</p>", ".htm", Format.HTML),
        (b"Gewone tekst.", ".md", None),
        (b"PK\x03\x04 a zip of something else", ".zip", None),
        (b"\xd0\xcf\x11\xe0 an old .doc", ".doc", None),
    ],
)
def test_the_format_is_told_by_content_then_suffix(
    head: bytes, suffix: str, expected: Format | None
) -> None:
    assert sniff(head, suffix) == expected


def test_a_word_document_is_told_by_its_content_whatever_its_name() -> None:
    assert sniff(docx_bytes(["Tekst."])[:4096], ".bin") == Format.DOCX


def test_plain_text_in_utf8_with_or_without_a_byte_order_mark() -> None:
    for data in ("Één brief\n".encode(), "Één brief\n".encode("utf-8-sig")):
        found = extract(data, Format.TXT)
        assert (repair(found.pages).text, found.warnings) == ("Één brief\n", ())


def test_plain_text_in_utf16_with_a_byte_order_mark() -> None:
    found = extract("Één brief\r\n".encode("utf-16"), Format.TXT)
    assert repair(found.pages).text == "Één brief\n"


def test_plain_text_not_in_utf8_is_read_as_cp1252_with_a_warning() -> None:
    found = extract("‘Gateway to Europe’ – één\n".encode("cp1252"), Format.TXT)
    assert repair(found.pages).text == "‘Gateway to Europe’ – één\n"
    assert found.warnings == (
        "not UTF-8 (byte 0 is not): read as Windows-1252 (cp1252); check its accents and "
        "quote marks",
    )
    assert (found.extractor, found.title) == ("python", None)


def test_text_in_neither_encoding_is_refused() -> None:
    with pytest.raises(Unreadable, match=r"^not UTF-8 \(byte 0 is not\), nor Windows-1252"):
        extract(b"\x81\x8d\x8f", Format.TXT)
