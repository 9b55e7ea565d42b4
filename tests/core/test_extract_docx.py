"""Word documents (python-docx): paragraphs and tables in document order, footnotes at the
end, the title from the document's properties; a damaged one refused."""

from __future__ import annotations

import io

import pytest

from posities.core.extract import Format, Unreadable, extract
from posities.core.repair import Repairs, repair

from ..documents import docx_bytes, docx_with, repackaged


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
    assert repair(found.pages).text == "Samenwerking\ntweede regelminister-president\n"
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


TEXT_BOX = """<w:p><w:r><w:t>Voor het tekstvak.</w:t></w:r><w:r><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>
<w:txbxContent><w:p><w:r><w:t>In het tekstvak: de kernboodschap.</w:t></w:r></w:p>
</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>
<w:t>In het tekstvak: de kernboodschap.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>
</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:r><w:t>Na het tekstvak.</w:t></w:r></w:p>"""


def test_a_text_box_comes_once_after_the_paragraph_it_is_anchored_in() -> None:
    found = extract(docx_with(TEXT_BOX), Format.DOCX)
    assert repair(found.pages).text == (
        "Voor het tekstvak.\n\nIn het tekstvak: de kernboodschap.\n\nNa het tekstvak.\n"
    )


def test_text_moved_away_is_left_out_and_text_moved_here_kept() -> None:
    body = (
        "<w:p><w:r><w:t>Eerst.</w:t></w:r><w:moveFrom><w:r><w:t> Weg.</w:t></w:r></w:moveFrom>"
        "</w:p><w:moveTo><w:p><w:r><w:t>Hierheen verplaatst.</w:t></w:r></w:p></w:moveTo>"
        "<w:p><w:moveTo><w:r><w:t>Ook </w:t></w:r></w:moveTo><w:r><w:t>dit.</w:t></w:r></w:p>"
    )
    found = extract(docx_with(body), Format.DOCX)
    assert repair(found.pages).text == "Eerst.\n\nHierheen verplaatst.\n\nOok dit.\n"


def test_endnotes_come_after_the_footnotes() -> None:
    data = docx_bytes(["Tekst met noten."], footnotes=["Voetnoot."], endnotes=["Eindnoot."])
    found = extract(data, Format.DOCX)
    assert repair(found.pages).text == "Tekst met noten.\n\n1 Voetnoot.\n\ni Eindnoot.\n"


WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def noted(settings: str = "", section: str = "", custom: str | None = None) -> bytes:
    """A Word document with two footnotes and three endnotes, `settings` and `section` (XML
    in the w: namespace) added to its settings and its section's properties; with `custom`,
    a third footnote, referred to first, whose reference gives that mark of its own."""
    import docx
    from docx.oxml import parse_xml

    from ..documents import _footnotes

    def element(xml: str) -> object:
        return parse_xml(xml.replace(">", f' xmlns:w="{WORD}">', 1))

    document = docx.Document()
    document.add_paragraph("Tekst met noten.")
    _footnotes(document, ["Voetnoot een.", "Voetnoot twee.", "Voetnoot drie."][: 2 + bool(custom)])
    _footnotes(document, ["Eindnoot een.", "Eindnoot twee.", "Eindnoot drie."], "endnote")
    if custom is not None:  # the reference to the third footnote gives a mark of its own
        reference = next(document.element.body.iter(f"{{{WORD}}}footnoteReference"))
        assert reference.get(f"{{{WORD}}}id") == "3"
        reference.set(f"{{{WORD}}}customMarkFollows", "1")
        reference.addnext(element(f"<w:t>{custom}</w:t>"))
    if settings:
        document.settings.element.append(element(settings))
    if section:
        document.element.body.sectPr.append(element(section))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def notes_of(data: bytes) -> list[str]:
    """The notes' paragraphs of a document extracted."""
    return repair(extract(data, Format.DOCX).pages).text.split("\n\n")[1:]


def test_endnotes_are_numbered_i_ii_iii_as_word_numbers_them_by_default() -> None:
    assert notes_of(noted()) == [
        "1 Voetnoot twee.",
        "2 Voetnoot een.",
        "i Eindnoot drie.",
        "ii Eindnoot twee.",
        "iii Eindnoot een.\n",
    ]


def test_notes_are_numbered_as_the_settings_and_the_section_say() -> None:
    data = noted(
        settings='<w:endnotePr><w:numFmt w:val="decimal"/><w:numStart w:val="4"/></w:endnotePr>',
        section='<w:footnotePr><w:numFmt w:val="upperLetter"/></w:footnotePr>',
    )
    assert notes_of(data) == [
        "A Voetnoot twee.",
        "B Voetnoot een.",
        "4 Eindnoot drie.",
        "5 Eindnoot twee.",
        "6 Eindnoot een.\n",
    ]
    chicago = noted(settings='<w:footnotePr><w:numFmt w:val="chicago"/></w:footnotePr>')
    assert notes_of(chicago)[:2] == ["* Voetnoot twee.", "† Voetnoot een."]
    roman = noted(
        section='<w:endnotePr><w:numFmt w:val="upperRoman"/><w:numStart w:val="x"/></w:endnotePr>'
    )
    assert notes_of(roman)[2:] == ["I Eindnoot drie.", "II Eindnoot twee.", "III Eindnoot een.\n"]


def test_a_note_with_a_mark_of_its_own_takes_no_number() -> None:
    assert notes_of(noted(custom="*"))[:3] == [
        "* Voetnoot drie.",
        "1 Voetnoot twee.",
        "2 Voetnoot een.",
    ]


def test_note_marks_in_each_format() -> None:
    from posities.core.extract.word import _mark

    assert [_mark("lowerRoman", n) for n in (1, 4, 9, 14, 40, 1994)] == [
        "i", "iv", "ix", "xiv", "xl", "mcmxciv",
    ]  # fmt: skip
    assert [_mark("lowerLetter", n) for n in (1, 26, 27, 53)] == ["a", "z", "aa", "aaa"]
    assert [_mark("chicago", n) for n in (1, 4, 5, 9)] == ["*", "§", "**", "***"]
    assert _mark("ordinalText", 3) == "3"


def test_a_macro_enabled_document_is_refused_with_what_to_do() -> None:
    data = docx_bytes(["Tekst."])
    import zipfile

    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    docm = repackaged(data, {"[Content_Types].xml": types.replace(main, macro)})
    with pytest.raises(Unreadable, match=r"^a macro-enabled document \(\.docm\): .* save it as"):
        extract(docm, Format.DOCX)


def test_a_spreadsheet_named_docx_is_not_a_word_document() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(Unreadable, match=r"^is not a Word document: it holds a spreadsheet"):
        extract(out.getvalue(), Format.DOCX)
