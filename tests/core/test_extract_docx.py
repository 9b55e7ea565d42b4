"""Word documents (python-docx): paragraphs and tables in document order, footnotes at the
end, the title from the document's properties; a damaged one refused."""

from __future__ import annotations

import io

import pytest

from posities.core.extract import Format, Unreadable, extract
from posities.core.repair import Repairs, repair

from ..documents import docx_bytes, docx_numbered, docx_with, repackaged


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


def listed(text: str, num: str | None = None, level: int | None = None, style: str = "") -> str:
    """A paragraph of `text` in list `num` at `level` (either left out when not given), in
    `style`."""
    numbered = "".join(
        (
            f'<w:ilvl w:val="{level}"/>' if level is not None else "",
            f'<w:numId w:val="{num}"/>' if num is not None else "",
        )
    )
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f"<w:numPr>{numbered}</w:numPr>" if numbered else ""
    )
    return f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def level(at: int, form: str, text: str, start: int | None = 1, extra: str = "") -> str:
    """A list level: its number format, its text (%1, %2 for the levels' numbers) and
    start."""
    first = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (
        f'<w:lvl w:ilvl="{at}">{first}<w:numFmt w:val="{form}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(ident: int, *levels: str) -> str:
    """An abstract numbering of the levels."""
    return f'<w:abstractNum w:abstractNumId="{ident}">{"".join(levels)}</w:abstractNum>'


def num(ident: int, abstract_id: int, overrides: str = "") -> str:
    """A list (numId) taking its levels from an abstract numbering, with level overrides."""
    return f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def paragraphs_of(data: bytes) -> list[str]:
    """A Word document's paragraphs extracted."""
    return repair(extract(data, Format.DOCX).pages).text.rstrip("\n").split("\n\n")


def test_word_list_styles_give_their_numbers_and_bullets() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("De volgende stappen zijn gezet:")
    document.add_paragraph("een informatiepunt voor bedrijven;", style="List Number")
    document.add_paragraph("overleg met de EU-lidstaten;", style="List Number")
    document.add_paragraph("Het kabinet zet zich in voor:")
    document.add_paragraph("het behoud van het akkoord;", style="List Bullet")
    document.add_paragraph("een brief aan de Tweede Kamer.", style="List Number")
    out = io.BytesIO()
    document.save(out)
    assert paragraphs_of(out.getvalue()) == [
        "De volgende stappen zijn gezet:",
        "1. een informatiepunt voor bedrijven;",
        "2. overleg met de EU-lidstaten;",
        "Het kabinet zet zich in voor:",
        "• het behoud van het akkoord;",  # Symbol's U+F0B7 in Word's own List Bullet
        "3. een brief aan de Tweede Kamer.",
    ]


def test_deeper_levels_count_under_the_shallower_and_start_again_after_it() -> None:
    numbering = abstract(
        1, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2"), level(2, "lowerLetter", "%3)")
    ) + num(7, 1)
    body = "".join(
        listed(text, "7", at)
        for text, at in [
            ("De Raad herhaalt zijn steun.", 0),
            ("Eerste lid.", 1),
            ("Tweede lid.", 1),
            ("de toepassing;", 2),
            ("de toegang.", 2),
            ("Derde lid.", 1),
            ("de inspecties.", 2),
            ("De Raad betreurt het besluit.", 0),
            ("Eerste lid.", 1),
        ]
    )
    assert paragraphs_of(docx_numbered(f"{body}{listed('Slot.')}", numbering)) == [
        "1. De Raad herhaalt zijn steun.",
        "1.1 Eerste lid.",
        "1.2 Tweede lid.",
        "a) de toepassing;",
        "b) de toegang.",
        "1.3 Derde lid.",
        "a) de inspecties.",
        "2. De Raad betreurt het besluit.",
        "2.1 Eerste lid.",
        "Slot.",
    ]


def test_each_number_format_from_its_start() -> None:
    formats = [
        ("upperRoman", "%1.", 4),
        ("lowerRoman", "(%1)", 1),
        ("upperLetter", "%1.", 1),
        ("decimal", "%1°", 1),
        ("decimalZero", "%1", 9),
        ("none", "", 1),
        ("decimal", "%1.", None),
    ]
    numbering = "".join(
        abstract(n, level(0, form, text, start)) + num(n, n)
        for n, (form, text, start) in enumerate(formats, 1)
    )
    body = "".join(listed(f"Lid {k}.", str(n)) for n in range(1, 8) for k in (1, 2))
    assert paragraphs_of(docx_numbered(body, numbering)) == [
        "IV. Lid 1.", "V. Lid 2.",
        "(i) Lid 1.", "(ii) Lid 2.",
        "A. Lid 1.", "B. Lid 2.",
        "1° Lid 1.", "2° Lid 2.",
        "09 Lid 1.", "10 Lid 2.",
        "Lid 1.", "Lid 2.",
        "0. Lid 1.", "1. Lid 2.",  # no start given: Word starts at 0
    ]  # fmt: skip


def test_lists_sharing_a_numbering_continue_it_unless_one_starts_again() -> None:
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    own = f'<w:lvlOverride w:ilvl="0">{level(0, "upperLetter", "%1.")}</w:lvlOverride>'
    numbering = (
        abstract(1, level(0, "decimal", "%1."))
        + num(1, 1)
        + num(2, 1)
        + num(3, 1, restart)
        + num(4, 1, own)
    )
    body = "".join(
        listed(text, ident, 0)
        for text, ident in [
            ("Een.", "1"),
            ("Twee.", "1"),
            ("Drie, verder geteld.", "2"),
            ("Opnieuw een.", "3"),
            ("Opnieuw twee.", "3"),
            ("Eigen opmaak.", "4"),
        ]
    )
    assert paragraphs_of(docx_numbered(body, numbering)) == [
        "1. Een.",
        "2. Twee.",
        "3. Drie, verder geteld.",
        "1. Opnieuw een.",
        "2. Opnieuw twee.",
        "C. Eigen opmaak.",
    ]


STYLES = """<w:style w:type="paragraph" w:styleId="Genummerd"><w:name w:val="Genummerd"/>
<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Besluit"><w:name w:val="Besluit"/>
<w:basedOn w:val="Genummerd"/></w:style>
<w:style w:type="paragraph" w:styleId="Hoofdstuk"><w:name w:val="Hoofdstuk"/>
<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Paragraaf"><w:name w:val="Paragraaf"/>
<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"""


def test_a_style_numbers_its_paragraphs_through_the_styles_it_is_based_on() -> None:
    numbering = (
        abstract(1, level(0, "decimal", "%1."))
        + abstract(
            2,
            level(0, "decimal", "%1", extra='<w:pStyle w:val="Hoofdstuk"/>'),
            level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Paragraaf"/>'),
        )
        + num(1, 1)
        + num(2, 2)
    )
    body = "".join(
        [
            listed("De Raad besluit.", style="Besluit"),
            listed("Niet genummerd.", "0", style="Besluit"),
            listed("De Raad besluit opnieuw.", style="Besluit"),
            listed("Inleiding", style="Hoofdstuk"),
            listed("Doel", style="Paragraaf"),
            listed("Opzet", style="Paragraaf"),
            listed("Besluit", style="Hoofdstuk"),
            listed("Gevolgen", style="Paragraaf"),
        ]
    )
    assert paragraphs_of(docx_numbered(body, numbering, STYLES)) == [
        "1. De Raad besluit.",
        "Niet genummerd.",
        "2. De Raad besluit opnieuw.",
        "1 Inleiding",
        "1.1 Doel",
        "1.2 Opzet",
        "2 Besluit",
        "2.1 Gevolgen",
    ]


def test_bullets_of_a_symbol_font_are_bullets_and_others_as_written() -> None:
    wingdings = '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>'
    courier = '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr>'
    numbering = (
        abstract(1, level(0, "bullet", "\uf0a7"))
        + abstract(2, level(0, "bullet", "§", extra=wingdings))
        + abstract(3, level(0, "bullet", "–"), level(1, "bullet", "o", extra=courier))
        + abstract(4, level(0, "bullet", ""))
        + "".join(num(n, n) for n in range(1, 5))
    )
    body = "".join(
        [
            listed("privé-teken.", "1", 0),
            listed("Wingdings.", "2", 0),
            listed("een streepje;", "3", 0),
            listed("een rondje.", "3", 1),
            listed("zonder teken.", "4", 0),
        ]
    )
    assert paragraphs_of(docx_numbered(body, numbering)) == [
        "• privé-teken.",
        "• Wingdings.",
        "– een streepje;",
        "o een rondje.",
        "zonder teken.",
    ]


def test_a_level_that_never_restarts_and_an_empty_item_that_counts() -> None:
    never = '<w:lvlRestart w:val="0"/>'
    numbering = abstract(
        1, level(0, "decimal", "%1."), level(1, "lowerLetter", "%2)", extra=never)
    ) + num(1, 1)
    body = "".join(
        [
            listed("Eerste.", "1", 0),
            listed("onderdeel;", "1", 1),
            listed("", "1", 1),
            listed("Tweede.", "1", 0),
            listed("verder geteld.", "1", 1),
        ]
    )
    assert paragraphs_of(docx_numbered(body, numbering)) == [
        "1. Eerste.",
        "a) onderdeel;",
        "2. Tweede.",
        "c) verder geteld.",
    ]


def test_a_list_that_points_nowhere_leaves_the_text_as_it_is() -> None:
    body = listed("Naar een lijst die er niet is.", "9", 0) + listed("Geen niveau.", "1", 4)
    numbering = abstract(1, level(0, "decimal", "%1.")) + num(1, 1) + num(9, 5)
    assert paragraphs_of(docx_numbered(body, numbering)) == [
        "Naar een lijst die er niet is.",
        "Geen niveau.",
    ]


def test_a_list_of_a_numbering_style_and_a_legal_level() -> None:
    style = """<w:style w:type="numbering" w:styleId="Artikelen"><w:name w:val="Artikelen"/>
    <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>"""
    numbering = (
        '<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="Artikelen"/></w:abstractNum>'
        + abstract(
            4,
            '<w:styleLink w:val="Artikelen"/>',
            level(0, "upperRoman", "Artikel %1."),
            level(1, "lowerLetter", "%1.%2", extra="<w:isLgl/>"),
        )
        + num(5, 4)
        + num(6, 3)
    )
    body = "".join(
        [
            listed("Begripsbepalingen", "6", 0),
            listed("Kernmateriaal.", "6", 1),
            listed("Doel", "6", 0),
            listed("Samenwerking.", "6", 1),
        ]
    )
    assert paragraphs_of(docx_numbered(body, numbering, style)) == [
        "Artikel I. Begripsbepalingen",
        "1.1 Kernmateriaal.",
        "Artikel II. Doel",
        "2.1 Samenwerking.",
    ]


def test_a_numbered_default_style_numbers_the_paragraphs_without_a_style_and_based_on_it() -> None:
    normal = """<w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"""
    numbering = abstract(1, level(0, "decimal", "%1.")) + num(1, 1)
    body = listed("Eerste alinea.") + listed("Tweede alinea.") + listed("Kop.", style="Title")
    assert paragraphs_of(docx_numbered(body, numbering, normal)) == [
        "1. Eerste alinea.",
        "2. Tweede alinea.",
        "3. Kop.",  # the template's Title is based on Normal
    ]
