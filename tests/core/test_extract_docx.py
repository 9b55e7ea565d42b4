"""Word documents (python-docx): paragraphs and tables in document order, footnotes at the
end, the title from the document's properties; a damaged one refused."""

from __future__ import annotations

import io

import pytest

from posities.core.extract import Format, Unreadable, extract
from posities.core.repair import Repairs, repair

from ..documents import docx_bytes


def test_paragraphs_and_tables_in_order_without_the_page_header() -> None:
    data = docx_bytes(
        ["Bondgenoten in onzekere tijden", "Met het aantreden van Donald Trump.", ""],
        table=[["Land", "Banen"], ["VS", "825.000"]],
        title="Bondgenoten",
        header="Ministerie van Buitenlandse Zaken",
    )
    found = extract(data, Format.DOCX)
    assert repair(found.pages).text == (
        "Bondgenoten in onzekere tijden\n\nMet het aantreden van Donald Trump.\n\n"
        "Land\n\nBanen\n\nVS\n\n825.000\n"
    )
    assert (found.title, found.extractor) == ("Bondgenoten", "python-docx")


def test_runs_breaks_hyphens_and_deleted_text() -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Samen")
    paragraph.add_run("werking")
    paragraph.add_run().add_break()
    paragraph.add_run("tweede regel")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(parse_xml(f"<w:del {w}><w:r><w:delText>weg</w:delText></w:r></w:del>"))
    paragraph._p.append(
        parse_xml(f"<w:r {w}><w:t>minister</w:t><w:noBreakHyphen/><w:t>president</w:t></w:r>")
    )
    out = io.BytesIO()
    document.save(out)
    found = extract(out.getvalue(), Format.DOCX)
    assert repair(found.pages).text == "Samenwerking\ntweede regelminister\u2011president\n"
    assert found.title is None


def test_footnotes_come_last_numbered_in_the_order_the_text_refers_to_them() -> None:
    data = docx_bytes(["Tekst met noten.", "Verder."], footnotes=["Eerste noot.", "Tweede noot."])
    found = extract(data, Format.DOCX)
    assert repair(found.pages).text == (
        "Tekst met noten.\n\nVerder.\n\n1 Tweede noot.\n\n2 Eerste noot.\n"
    )


def test_a_damaged_word_document_is_refused() -> None:
    data = docx_bytes(["Tekst."])
    with pytest.raises(Unreadable, match=r"^cannot read this Word document, it may be damaged"):
        extract(data[: len(data) // 2], Format.DOCX)


def test_line_breaks_after_hyphens_stay_without_evidence() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Steun voor de landen.")
    paragraph = document.add_paragraph("Steun voor de land-")
    paragraph.add_run().add_break()
    paragraph.add_run("en tuinbouw, de ex-")
    paragraph.add_run().add_break()
    paragraph.add_run("minister en de e-")
    paragraph.add_run().add_break()
    paragraph.add_run("mail.")
    out = io.BytesIO()
    document.save(out)
    found = extract(out.getvalue(), Format.DOCX)
    repaired = repair(found.pages)
    assert repaired.text == (
        "Steun voor de landen.\n\nSteun voor de land-\nen tuinbouw, de ex-\nminister en de e-\n"
        "mail.\n"
    )
    assert repaired.repairs == Repairs()
