"""PDF extraction (pdfminer.six) with the repairs, on PDFs the tests draw: columns read one after
the other, hyphenation, ligatures, superscript ordinals, running headers and footers; and the
PDFs it refuses, each with what to do."""

from __future__ import annotations

from itertools import pairwise

import pytest

from posities.core.extract import Extracted, Format, Unreadable, extract, sniff
from posities.core.extract import pdf as pdf_module
from posities.core.repair import Repaired, Repairs, paragraphs, repair

from ..documents import (
    MARGIN_BLOCK,
    Line,
    column,
    drawing_pdf,
    footnoted_pdf,
    hyphen_apart,
    justified,
    letter_lines,
    letter_pdf,
    margin_block_pdf,
    pdf,
    scanned_pdf,
    section_header_pdf,
    short_length_pdf,
    stamped_pdf,
    tabbed_list_pdf,
    two_columns,
    width,
)

LEFT = [
    [
        "In een wereld waarin onzekerheden en",
        "instabiliteit groeien, neemt het be-",
        "lang van de Trans-",
        "Atlantische band toe.",
    ],
    [
        "Met het aantreden van Donald",
        "Trump als 45^{e} president van de",
        "VS is America First een belangrijk",
        "leidend principe geworden van het",
    ],
]
RIGHT = [
    ["Amerikaanse buitenlands beleid. De", "\ufb01nanciële samenwerking blijft."],
    ["Gedeelde belangen"],
    ["Het belang van het NAVO bondgenootschap", "is onontbeerlijk."],
]


def extracted(data: bytes) -> tuple[Extracted, Repaired]:
    """A PDF's extraction and its repaired text."""
    found = extract(data, Format.PDF)
    return found, found.repaired()


def test_two_columns_are_read_one_after_the_other_under_their_heading() -> None:
    page = two_columns(LEFT, RIGHT, heading="Bondgenoten in onzekere tijden")
    found, repaired = extracted(pdf([page], title="Bondgenoten in onzekere tijden"))
    assert repaired.text == (
        "Bondgenoten in onzekere tijden\n"
        "\n"
        "In een wereld waarin onzekerheden en\n"
        "instabiliteit groeien, neemt het belang\n"
        "van de Trans-Atlantische\n"
        "band toe.\n"
        "\n"
        "Met het aantreden van Donald\n"
        "Trump als 45e president van de\n"
        "VS is America First een belangrijk\n"
        "leidend principe geworden van het\n"
        "Amerikaanse buitenlands beleid. De\n"
        "financiële samenwerking blijft.\n"
        "\n"
        "Gedeelde belangen\n"
        "\n"
        "Het belang van het NAVO bondgenootschap\n"
        "is onontbeerlijk.\n"
    )
    assert repaired.repairs == Repairs(hyphenations=1, hyphens_kept=1, ligatures=1)
    assert (found.title, found.extractor, found.warnings) == (
        "Bondgenoten in onzekere tijden",
        "pdfminer.six",
        (),
    )


def test_columns_with_a_narrow_gutter_are_still_two() -> None:
    left = column([["Links een regel tekst die", "lang is."], ["Links de tweede", "alinea."]])
    gutter = 11  # 4 mm: a little more than the font size
    right_x = 72 + width("Links een regel tekst die") + gutter
    right = column([["Rechts een regel", "tekst."], ["Rechts de tweede", "alinea."]], x=right_x)
    _, repaired = extracted(pdf([left + right]))
    assert repaired.text == (
        "Links een regel tekst die\nlang is.\n\nLinks de tweede\nalinea.\n\n"
        "Rechts een regel\ntekst.\n\nRechts de tweede\nalinea.\n"
    )


def test_a_footer_under_the_left_column_comes_after_both_columns() -> None:
    page = two_columns([["Links."]], [["Rechts."]], footer="Alleen op deze pagina")
    assert extracted(pdf([page]))[1].text == "Links.\n\nRechts.\n\nAlleen op deze pagina\n"


def test_a_superscript_raised_above_its_line_goes_back_after_its_number() -> None:
    line = Line("de 75^{e} herdenking van D-Day in 2019.", 72, 700, 11, rise=0.9)
    found, repaired = extracted(pdf([[line]]))
    assert repaired.text == "de 75e herdenking van D-Day in 2019.\n"
    assert found.ordinals == 1


def test_a_superscript_within_its_line_is_kept_with_its_number_and_not_counted() -> None:
    found, repaired = extracted(pdf([[Line("als 45^{e} president", 72, 700, 11, rise=0.3)]]))
    assert (repaired.text, found.ordinals) == ("als 45e president\n", 0)


def test_a_superscript_set_a_little_apart_in_justified_text_is_put_back_and_counted() -> None:
    lines = [
        Line("van de 45^{e} vergadering, in de 2^{e} en 3^{e} ronde", 72, 700, 11, gap=1.1),
        Line("In the 1^{st} and 2^{nd} rounds", 72, 680, 11, gap=1.1),
    ]
    found, repaired = extracted(pdf([lines]))
    assert repaired.text == (
        "van de 45e vergadering, in de 2e en 3e ronde\nIn the 1st and 2nd rounds\n"
    )
    assert found.ordinals == 5


def test_every_ligature_is_expanded() -> None:
    line = Line("e\ufb03ciënt, \ufb02exibel, o\ufb00ensief, a\ufb04uent, \ufb05 \ufb06", 72, 700)
    _, repaired = extracted(pdf([[line]]))
    assert repaired.text == "efficiënt, flexibel, offensief, affluent, st st\n"
    assert repaired.repairs.ligatures == 6


def _numbered_page(number: int, body: list[list[str]]) -> list[Line]:
    return [
        Line("Ministerie van Buitenlandse Zaken", 72, 800, 8),
        *column(body),
        Line(f"Pagina {number} van 3", 270, 40, 8),
    ]


def test_running_headers_and_page_numbers_are_dropped_and_paragraphs_run_on() -> None:
    pages = [
        _numbered_page(
            1,
            [
                ["Bondgenoten in onzekere tijden: samenwerking"],
                ["Nederland heeft zich altijd sterk", "verbonden gevoeld met de VS."],
                ["De trans-Atlantische samen-"],
            ],
        ),
        _numbered_page(2, [["werking is cruciaal voor de vrede en de", "veiligheid en de"]]),
        _numbered_page(3, [["welvaart aan beide zijden van de oceaan."], ["Slot."]]),
    ]
    _, repaired = extracted(pdf(pages))
    assert repaired.text == (
        "Bondgenoten in onzekere tijden: samenwerking\n"
        "\n"
        "Nederland heeft zich altijd sterk\n"
        "verbonden gevoeld met de VS.\n"
        "\n"
        "De trans-Atlantische samenwerking\n"
        "is cruciaal voor de vrede en de\n"
        "veiligheid en de\n"
        "welvaart aan beide zijden van de oceaan.\n"
        "\n"
        "Slot.\n"
    )
    assert repaired.repairs == Repairs(hyphenations=1, headers_footers=6)


def test_the_title_is_the_documents_own_unless_it_is_a_file_name() -> None:
    line = [Line("Tekst.", 72, 700)]
    assert extracted(pdf([line], title="Microsoft Word - brief 2018.docx"))[0].title is None
    assert extracted(pdf([line], title="Microsoft Word - Kamerbrief"))[0].title == "Kamerbrief"
    assert extracted(pdf([line]))[0].title is None


def test_a_pdf_is_told_by_its_first_bytes() -> None:
    data = pdf([[Line("Tekst.", 72, 700)]])
    assert sniff(data[:100], ".txt") == Format.PDF
    assert sniff(b"\r\n" + data[:100], "") == Format.PDF


# --- what is refused ----------------------------------------------------------------------------


def test_an_encrypted_pdf_is_refused_with_what_to_do() -> None:
    data = pdf([[Line("Geheim.", 72, 700)]], password="geheim")
    with pytest.raises(Unreadable, match=r"^encrypted: .*save an unencrypted copy"):
        extract(data, Format.PDF)


def test_a_scanned_pdf_has_no_text_layer_to_extract() -> None:
    with pytest.raises(Unreadable, match=r"^there is no text layer to extract .* ocrmypdf"):
        extract(scanned_pdf(), Format.PDF)


def test_a_pdf_of_drawings_only_has_no_text_layer_either() -> None:
    with pytest.raises(Unreadable, match="no text layer"):
        extract(drawing_pdf(), Format.PDF)


def test_a_scanned_page_among_pages_of_text_is_warned_of() -> None:
    pages = [[Line("Eerste pagina.", 72, 700)], [], [Line("Derde pagina.", 72, 700)]]
    found = extract(pdf(pages, picture_pages=[1]), Format.PDF)
    assert found.warnings == (
        "page 2 shows pictures but little or no text (scanned?): its text is missing; OCR the "
        "PDF (e.g. with ocrmypdf) and add it again with --replace",
    )


def test_a_scanned_page_with_a_stamp_s_few_words_is_warned_of() -> None:
    stamp = Line("Ontvangen 12 maart", 420, 790, 8)
    pages = [[Line("Eerste pagina.", 72, 700)], [stamp], [Line("Derde pagina.", 72, 700)]]
    found = extract(pdf(pages, picture_pages=[1]), Format.PDF)
    assert found.warnings[0].startswith("page 2 shows pictures but little or no text (scanned?)")
    assert "Ontvangen 12 maart" in found.repaired().text  # what text it has is kept
    text = [Line(f"Regel {n} van een pagina met een foto.", 72, 90 - 10 * n, 6) for n in range(6)]
    with_text = extract(pdf([text * 1, text], picture_pages=[0]), Format.PDF)
    assert with_text.warnings == ()  # a picture beside a page of text is no scan


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< >>\n%%EOF",
    ],
    ids=["header-only", "no-pages"],
)
def test_a_damaged_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(Unreadable, match=r"(may be damaged|no text layer)"):
        extract(data, Format.PDF)


@pytest.mark.parametrize("kept", [1 / 3, 1 / 2, 0.99])
def test_a_pdf_cut_short_is_refused(kept: float) -> None:
    whole = pdf([[Line(f"Pagina {n} met tekst.", 72, 700)] for n in range(1, 4)])
    with pytest.raises(Unreadable, match=r"^cannot read this PDF, it may be damaged or cut short"):
        extract(whole[: int(len(whole) * kept)], Format.PDF)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (
            b"%PDF-1.4\n" + bytes(200_000) + b"\nstartxref\n9\n%%EOF\n",
            "most of its bytes are zeros",
        ),
        (bytes(2000) + b"%PDF-1.4\n%%EOF\n", "it does not start with %PDF-"),
    ],
    ids=["zeros", "no-header"],
)
def test_a_pdf_that_cannot_be_whole_is_refused_before_it_is_parsed(data: bytes, why: str) -> None:
    with pytest.raises(
        Unreadable, match=f"damaged or incomplete \\(a broken download\\?\\), {why};"
    ):
        extract(data, Format.PDF)


def test_a_pdf_whose_stream_is_shorter_than_its_length_is_damaged_not_a_scan() -> None:
    with pytest.raises(Unreadable, match=r"^cannot read this PDF, it may be damaged or cut short"):
        extract(short_length_pdf(), Format.PDF)


def test_a_page_with_too_many_characters_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PAGE_CHARACTERS", 20)
    data = pdf(
        [[Line("Kort.", 72, 700)], [Line("Een regel van meer dan twintig tekens.", 72, 700)]]
    )
    with pytest.raises(Unreadable, match=r"^page 2 holds more than 20 characters"):
        extract(data, Format.PDF)


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 2)
    data = pdf([[Line(f"Pagina {n}.", 72, 700)] for n in range(3)])
    with pytest.raises(Unreadable, match=r"^more than 2 pages: split it"):
        extract(data, Format.PDF)


def slow_pages(monkeypatch: pytest.MonkeyPatch, seconds: dict[int, float]) -> None:
    """Make pdfminer take `seconds[n]` longer over page n (counted from 1), in a sleep a timer
    signal can interrupt."""
    import time

    from pdfminer.pdfinterp import PDFPageInterpreter

    real = PDFPageInterpreter.process_page
    done: list[int] = []

    def slow(self: PDFPageInterpreter, page: object) -> None:
        done.append(1)
        time.sleep(seconds.get(len(done), 0.0))
        real(self, page)  # type: ignore[arg-type]

    monkeypatch.setattr(PDFPageInterpreter, "process_page", slow)


def test_a_page_that_takes_too_long_is_stopped_and_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import signal
    import time

    monkeypatch.setattr(pdf_module, "PAGE_SECONDS", 0.2)
    slow_pages(monkeypatch, {2: 60.0})
    data = pdf([[Line("Snel.", 72, 700)], [Line("Traag.", 72, 700)]])
    handler = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(Unreadable, match=r"^page 2 took more than 0 s to read, far longer"):
        extract(data, Format.PDF)
    assert time.monotonic() - started < 30  # stopped, not slept through
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_document_that_takes_too_long_in_all_is_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_module, "DOCUMENT_SECONDS", 0.3)
    slow_pages(monkeypatch, {1: 0.2, 2: 0.2, 3: 60.0})
    data = pdf([[Line(f"Pagina {n}.", 72, 700)] for n in range(3)])
    with pytest.raises(Unreadable, match=r"^reading it took more than 0 s \(stopped at page 2"):
        extract(data, Format.PDF)


def test_pages_within_their_time_leave_no_timer_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    handler = signal.getsignal(signal.SIGALRM)
    found, _ = extracted(pdf([[Line("Pagina een.", 72, 700)], [Line("Pagina twee.", 72, 700)]]))
    assert found.repaired().text == "Pagina een.\n\nPagina twee.\n"
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_the_characters_read_check_the_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    monkeypatch.setattr(pdf_module, "PAGE_SECONDS", 0.05)
    slow_pages(monkeypatch, {1: 0.1})
    data = pdf(
        [[Line(f"Regel {n} van een lange bladzijde tekst.", 72, 760 - 12 * n) for n in range(50)]]
    )
    raised: list[BaseException] = []

    def run() -> None:
        try:
            extract(data, Format.PDF)
        except Unreadable as error:
            raised.append(error)

    reader = threading.Thread(target=run)
    reader.start()
    reader.join()
    assert [str(error)[:31] for error in raised] == ["page 1 took more than 0 s to re"]


def test_the_bundled_letter_printed_to_pdf_gives_back_its_sentences() -> None:
    found, repaired = extracted(letter_pdf())
    letter = repair(paragraphs("\n".join(letter_lines(58)) + "\n"), ordinal_lines=True)
    assert repaired.text == letter.text
    assert "als 45e president van de VS" in repaired.text
    assert repaired.repairs == Repairs(headers_footers=4)
    assert found.title == "Bondgenoten in onzekere tijden"


def test_line_end_hyphens_without_evidence_stay_and_a_soft_hyphen_glyph_joins() -> None:
    lines = [
        "Steun voor de land-",
        "en tuinbouw en de EU-",
        "lidstaten, aldus de oud-",
        "minister. De samen\u00ad",
        "werking van de landen.",
    ]
    _, repaired = extracted(pdf([column([lines])]))
    assert repaired.text == (
        "Steun voor de land-\nen tuinbouw en de EU-\nlidstaten, aldus de oud-\n"
        "minister. De samenwerking\nvan de landen.\n"
    )
    assert repaired.repairs == Repairs(hyphenations=1)


def test_footnotes_are_kept_as_paragraphs_after_the_paragraph_a_page_ends_in() -> None:
    _, repaired = extracted(footnoted_pdf())
    assert repaired.text == (
        "Kamerbrief over de Raad\n\n"
        "In Almere is de Raad bijeen\ngeweest.1 Hij sprak.\n\n"
        "De regering heeft de ontwikkelings-\nsamenwerking bezien met de\n"
        "partners.2 Dat was nodig.\n\n"
        "1Kamerstukken II 2017/18, 21501-20, nr. 1201; zie\nook de brief van Breda.\n\n"
        "Het kabinet acht het van belang\ndat de kosten worden gedeeld.\n\n"
        "2Kamerstukken II 2017/18, 21501-20, nr. 1202; zie\nook de brief van Delft.\n\n"
        "Artikel 2\n\n"
        "De Raad besluit.3\n\n"
        "Het kabinet stemt in.\n\n"
        "3Kamerstukken II 2017/18, 21501-20, nr. 1203; zie\nook de brief van Gouda.\n"
    )
    assert repaired.repairs == Repairs(headers_footers=5)
    assert repaired.dropped == (
        "Pagina 1 van 3",
        "Ministerie van Buitenlandse Zaken",
        "Pagina 2 van 3",
        "Ministerie van Buitenlandse Zaken",
        "Pagina 3 van 3",
    )


def test_a_line_alike_on_every_page_but_at_another_height_stays() -> None:
    pages = [
        [Line(f"Tekst van pagina {n}.", 72, 700), Line("Zie de bijlage.", 72, 600 - 40 * n)]
        for n in range(3)
    ]
    _, repaired = extracted(pdf(pages))
    assert repaired.text.count("Zie de bijlage.") == 3
    assert repaired.dropped == ()


def test_characters_set_at_an_angle_are_left_out_with_a_warning() -> None:
    found, repaired = extracted(stamped_pdf("De Raad besluit.", "CONCEPT niet verspreiden"))
    assert repaired.text == "De Raad besluit.\n"
    assert found.warnings == (
        "24 characters set at an angle (a stamp or note in the margin?) were left out; check "
        "the original for them",
    )


MARGIN_BODIES = [
    [
        ["1. Het besluit van de Verenigde Staten"],
        ["De Amerikaanse regering heeft laten weten dat de", "sancties opnieuw gelden."],
        ["Het kabinet betreurt het besluit."],
    ],
    [
        ["2. De Europese reactie"],
        ["De lidstaten hebben direct na de aankondiging", "gezamenlijk gereageerd."],
    ],
    [["3. Economische betrekkingen"], ["De Raad benadrukt het belang van handel."]],
]


def test_a_margin_column_repeated_on_every_page_is_dropped_whole() -> None:
    _, repaired = extracted(margin_block_pdf(MARGIN_BODIES))
    assert (
        repaired.text
        == "\n\n".join("\n".join(lines) for page in MARGIN_BODIES for lines in page) + "\n"
    )
    per_page = [*MARGIN_BLOCK, "Pagina {}"]
    assert sorted(repaired.dropped) == sorted(
        line.format(n) for n in (1, 2, 3) for line in per_page
    )


def test_a_line_alike_on_every_page_at_its_height_but_elsewhere_across_stays() -> None:
    pages = [
        [
            *(Line(f"Regel {k} van pagina {n}.", 72, 700 - 20 * k) for k in range(3)),
            Line("Zie de bijlage.", 72 + 90 * n, 600),
            *(Line(f"Regel {k} van pagina {n}.", 72, 500 - 20 * k) for k in range(3, 6)),
        ]
        for n in range(3)
    ]
    _, repaired = extracted(pdf(pages))
    assert repaired.text.count("Zie de bijlage.") == 3
    assert repaired.dropped == ()


SPEECH_BODIES = [
    [
        ["Deel 1: Iran"],
        ["Laat ik beginnen met Iran. De coördinatie tussen", "Brussel, Den Haag en de hoofdste-"],
    ],
    [
        ["den vraagt om ideeën. Wij hebben 12 projecten", "gefinancierd in de hoofdsteden."],
        ["Deel 2: Libië"],
        ["In Libië voeren onze diplomaten gesprekken met de", "vertegenwoordi-"],
    ],
    [["gers van de steden.", "Ik dank u voor uw aandacht."]],
]
SPEECH_HEADERS = [None, "Deel 1: Iran", "Deel 2: Libië"]


MOVED_HEADERS = (
    "Deel 1: Iran\n\n"
    "Laat ik beginnen met Iran. De coördinatie tussen\n"
    "Brussel, Den Haag en de hoofdsteden\n"
    "vraagt om ideeën. Wij hebben 12 projecten\n"
    "gefinancierd in de hoofdsteden.\n\n"
    "Deel 1: Iran\n\n"
    "Deel 2: Libië\n\n"
    "In Libië voeren onze diplomaten gesprekken met de\n"
    "vertegenwoordi-\n"
    "gers van de steden.\n"
    "Ik dank u voor uw aandacht.\n\n"
    "Deel 2: Libië\n"
)


def test_a_running_header_naming_each_pages_part_is_kept_after_the_paragraph_it_cuts() -> None:
    _, repaired = extracted(section_header_pdf(SPEECH_BODIES, SPEECH_HEADERS))
    assert repaired.text == MOVED_HEADERS
    assert repaired.dropped == ()  # never dropped: it may be the text's own (a date line)
    on_two_pages = section_header_pdf(SPEECH_BODIES[:2], SPEECH_HEADERS[:2])
    assert extracted(on_two_pages)[1].text.startswith(MOVED_HEADERS[:210])


def test_a_running_header_larger_than_the_body_is_kept_apart_after_the_paragraph() -> None:
    _, repaired = extracted(section_header_pdf(SPEECH_BODIES, SPEECH_HEADERS, size=12))
    assert repaired.text == MOVED_HEADERS
    assert repaired.dropped == ()
    on_the_first = section_header_pdf(SPEECH_BODIES, ["Toespraak", *SPEECH_HEADERS[1:]], size=12)
    assert extracted(on_the_first)[1].text.startswith("Toespraak\n\nDeel 1: Iran\n\nLaat ik")


@pytest.mark.parametrize(
    ("headers", "gap"),
    [(["Deel 1", "Deel 2", "Deel 3"], 8), ([None, None, None], 8), ([None, None, None], 30)],
    ids=["under-a-header", "alone", "set-apart"],
)
def test_the_bodys_first_line_at_the_same_height_on_every_page_stays(
    headers: list[str | None], gap: float
) -> None:
    bodies = [
        [["Eerste regel van pagina een,"], ["en de tweede.", "En de derde."]],
        [["Eerste regel van pagina twee,"], ["en haar tweede.", "En haar derde"]],
        [["en de eerste van pagina drie."], ["Zijn tweede.", "Zijn derde."]],
    ]
    found = extract(section_header_pdf(bodies, headers, gap=gap), Format.PDF)
    assert [
        [line for column in page for block in column for line in block if line not in headers]
        for page in found.pages
    ] == [[line for block in page for line in block] for page in bodies]
    assert found.dropped == ()


def test_the_page_number_of_a_single_page_with_the_page_count_is_dropped() -> None:
    page = [*column([["Het kabinet verwelkomt het besluit.", "Aldus de woordvoerder."]])]
    page.append(Line("Pagina 1 van 1", 266, 44, 8.5))
    found, repaired = extracted(pdf([page]))
    assert repaired.text == "Het kabinet verwelkomt het besluit.\nAldus de woordvoerder.\n"
    assert found.dropped == ("Pagina 1 van 1",)


def test_list_markers_set_apart_by_a_tab_stay_at_the_start_of_their_items() -> None:
    items = [
        ("•", ["het behoud van het akkoord zolang Iran zich", "eraan houdt;"]),
        ("•", ["de bescherming van Europese belangen;"]),
        ("–", ["een dialoog met Iran."]),
        ("1.", ["een informatiebijeenkomst voor bedrijven;"]),
        ("b)", ["een aangepaste landeninformatie;"]),
        ("3°", ["overleg met banken."]),
    ]
    data = tabbed_list_pdf(["Het kabinet zet zich in voor:"], items, ["Tot slot een zin."])
    _, repaired = extracted(data)
    assert repaired.text == (
        "Het kabinet zet zich in voor:\n\n"
        "• het behoud van het akkoord zolang Iran zich\n"
        "eraan houdt;\n"
        "• de bescherming van Europese belangen;\n"
        "– een dialoog met Iran.\n"
        "1. een informatiebijeenkomst voor bedrijven;\n"
        "b) een aangepaste landeninformatie;\n"
        "3° overleg met banken.\n\n"
        "Tot slot een zin.\n"
    )


JUSTIFIED_LEFT = [
    [
        "Het is mij een eer hier vandaag te spreken, in",
        "een tijd waarin de internationale rechtsorde",
        "onder druk staat. Toen ik vorig jaar aantrad,",
        "had ik niet verwacht dat ik zo vaak zou",
        "moeten uitleggen waarom multilaterale",
        "samenwerking in het Nederlandse belang is.",
    ],
    [
        "Nederland is te klein om alleen te staan, maar",
        "groot genoeg om het verschil te maken. Dat",
        "schreef een van mijn",
        "voorgangers, en het geldt",
        "vandaag meer dan ooit.",
    ],
]
JUSTIFIED_RIGHT = [
    [
        "Laat ik beginnen met Iran. In het vierde jaar",
        "van onze inzet zien we dat de steun van de",
        "lidstaten het verschil maakt. Sinds mei is de",
        "situatie veranderd: de druk is toegenomen, en",
        "de coördinatie tussen Brussel en Den Haag",
        "vraagt om ideeën die verder gaan dan sancties.",
    ],
    ["Wat betekent dat concreet? Het betekent dat", "onze diplomaten dagelijks spreken."],
]


def test_the_wide_spaces_of_justified_lines_in_columns_part_no_words() -> None:
    right = 60 + max(width(text) for paragraph in JUSTIFIED_LEFT for text in paragraph) + 18
    page = justified(JUSTIFIED_LEFT, x=60) + justified(JUSTIFIED_RIGHT, x=right)
    _, repaired = extracted(pdf([page]))
    assert (
        repaired.text
        == "\n\n".join("\n".join(paragraph) for paragraph in JUSTIFIED_LEFT + JUSTIFIED_RIGHT)
        + "\n"
    )


def test_columns_right_under_a_paragraph_across_the_page_are_still_two() -> None:
    across = [
        "De Raad herinnert eraan dat het gezamenlijk alomvattend actieplan een belangrijk",
        "onderdeel is van de wereldwijde non-proliferatiearchitectuur en van groot belang",
        "voor de veiligheid in de regio; hij neemt kennis van het besluit van de Verenigde",
        "Staten en betreurt het ten zeerste, en hij blijft het actieplan volledig steunen.",
    ]
    left = [["Links de eerste regel,", "links de tweede,", "links de derde."]]
    right = [["Rechts de eerste regel,", "rechts de tweede,", "rechts de derde."]]
    right_x = 72 + width("Links de eerste regel,") + 12
    page = column([across]) + column(left, top=708) + column(right, x=right_x, top=708)
    _, repaired = extracted(pdf([page]))
    assert (
        repaired.text == "\n\n".join("\n".join(lines) for lines in [across, *left, *right]) + "\n"
    )


def test_a_header_of_two_pieces_is_found_on_every_page_however_near_the_text() -> None:
    pages = []
    for number in (1, 2, 3):
        top = 700 if number == 1 else 792
        body = [[f"Dit is de tekst van pagina {number}, een regel", f"en nog {number} regel."]]
        pages.append(
            [
                Line("29-11-2026 04:43", 30, 810),
                Line("Toespraak | Rijksoverheid.nl", 250, 810),
                *column(body, top=top),
                Line("file:///tmp/toespraak.html", 30, 20),
                Line(f"{number}/3", 540, 20),
            ]
        )
    _, repaired = extracted(pdf(pages))
    assert repaired.text == (
        "Dit is de tekst van pagina 1, een regel\nen nog 1 regel.\n\n"
        "Dit is de tekst van pagina 2, een regel\nen nog 2 regel.\n\n"
        "Dit is de tekst van pagina 3, een regel\nen nog 3 regel.\n"
    )


@pytest.mark.parametrize(("gap", "joined"), [(1.8, True), (4.0, False)], ids=["close", "apart"])
def test_a_hyphen_set_close_after_its_word_at_a_line_end_is_no_word_of_its_own(
    gap: float, joined: bool
) -> None:
    lines = [
        "De economische steun van de lidstaten en de econo-",
        "mische druk nemen toe.",
    ]
    _, repaired = extracted(pdf([hyphen_apart(column([lines], size=12, leading=15), gap)]))
    assert repaired.text == (
        "De economische steun van de lidstaten en de economische\ndruk nemen toe.\n"
        if joined
        else "De economische steun van de lidstaten en de econo -\nmische druk nemen toe.\n"
    )


# --- tables ------------------------------------------------------------------------------------

TABLE = [
    [["Land"], ["Maatregel"], ["Datum"]],
    [["Verenigde Staten"], ["Heffing van 25 procent", "op staal en aluminium"], ["1 juni 2018"]],
    [["Europese Unie"], ["Tegenmaatregelen op", "whiskey en motoren"], ["22 juni 2018"]],
]
TABLE_TEXT = (
    "Land\n\nMaatregel\n\nDatum\n\nVerenigde Staten\n\nHeffing van 25 procent\nop staal en "
    "aluminium\n\n1 juni 2018\n\nEuropese Unie\n\nTegenmaatregelen op\nwhiskey en motoren\n\n"
    "22 juni 2018\n"
)


def table_page(boxes: bool = False) -> tuple[list[Line], list[tuple[float, float, float, float]]]:
    """A page with a sentence, a ruled table of three columns and a short sentence after it
    (which ends before the table's last column), and the table's rules (or cell boxes)."""
    from ..documents import cells, grid

    xs = [72.0, 200.0, 360.0, 480.0]
    lines, ys = cells(TABLE, xs, 700)
    before = Line("De tabel geeft de maatregelen per land.", 72, 720)
    after = Line("Na de tabel volgt de brief.", 72, ys[-1] - 24)
    rules = grid(xs, ys)
    if boxes:
        rules = [(a, b2, c, b1) for b1, b2 in pairwise(ys) for a, c in pairwise(xs)]
    return [before, *lines, after], rules


def test_a_ruled_table_is_read_row_by_row_each_cell_a_paragraph_where_it_stands() -> None:
    from ..documents import ruled_pdf

    for boxes in (False, True):
        lines, rules = table_page(boxes)
        _, repaired = extracted(ruled_pdf([(lines, rules)], boxes=boxes))
        before, after = "De tabel geeft de maatregelen per land.", "Na de tabel volgt de brief."
        assert repaired.text == f"{before}\n\n{TABLE_TEXT}\n{after}\n"


def test_without_its_rules_a_table_is_read_column_by_column() -> None:
    lines, _ = table_page()
    _, repaired = extracted(pdf([lines]))
    assert repaired.text.startswith("De tabel geeft de maatregelen per land.\n\nLand\n")
    assert "Land\nVerenigde Staten" in repaired.text.replace("\n\n", "\n")


def test_cells_read_as_one_line_are_parted_at_the_rule_between_them() -> None:
    from ..documents import grid, ruled_pdf

    xs = [72.0, 130.0, 260.0]  # the text of the first cell reaches close to the rule
    lines = [Line("Nederland", 75, 690), Line("steunt het akkoord", 134, 690)]
    _, repaired = extracted(ruled_pdf([(lines, grid(xs, [705, 680, 660]))]))
    assert repaired.text == "Nederland\n\nsteunt het akkoord\n"


def test_a_box_around_a_page_or_a_note_is_no_table() -> None:
    from ..documents import ruled_pdf

    page = two_columns(LEFT, RIGHT, heading="Bondgenoten in onzekere tijden")
    framed = ruled_pdf([(page, [(40, 30, 560, 800)])], boxes=True)
    assert extracted(framed)[1].text == extracted(pdf([page]))[1].text
    note = [Line("Noot: het kabinet", 80, 700), Line("deelt dit doel.", 80, 688)]
    boxed = ruled_pdf([(note, [(74, 680, 300, 714)])], boxes=True)
    assert extracted(boxed)[1].text == "Noot: het kabinet\ndeelt dit doel.\n"


def test_a_table_set_small_at_a_page_foot_is_no_footnote() -> None:
    from ..documents import cells, grid, ruled_pdf

    body = column([["Het kabinet heeft de volgende cijfers.", "Zie de tabel hieronder."]])
    xs = [72.0, 200.0, 300.0]
    lines, ys = cells([[["1 Nederland"], ["12"]], [["2 Duitsland"], ["15"]]], xs, 120)
    small = [Line(line.text, line.x, line.y, 8) for line in lines]
    _, repaired = extracted(ruled_pdf([(body + small, grid(xs, ys))]))
    assert repaired.text == (
        "Het kabinet heeft de volgende cijfers.\nZie de tabel hieronder.\n\n"
        "1 Nederland\n\n12\n\n2 Duitsland\n\n15\n"
    )


# --- what is never a running line ----------------------------------------------------------------


def minutes_page(number: int) -> list[Line]:
    """A page of minutes: labels in a left column at the same places on every page, each
    beside its own text."""
    labels = ["Toelichting:", "Besluit:", "Actie:"]
    return [
        Line(f"Agendapunt {number}: stand van zaken", 72, 760),
        Line(f"Besproken op vergadering {number} van de raad.", 72, 746),
        Line(f"Aanwezig waren {number + 4} leden.", 72, 732),
        *(Line(label, 72, 700 - 40 * k) for k, label in enumerate(labels)),
        *(Line(f"Punt {number}, regel {k} van de tekst.", 160, 700 - 40 * k) for k in range(3)),
        *(Line(f"Slotregel {k} van punt {number}.", 72, 560 - 14 * k) for k in range(3)),
    ]


def test_labels_at_the_same_place_on_every_page_beside_their_text_stay() -> None:
    _, repaired = extracted(pdf([minutes_page(n) for n in range(1, 5)]))
    assert repaired.dropped == ()
    for label in ("Toelichting:", "Besluit:", "Actie:"):
        assert repaired.text.count(label) == 4


def test_a_margin_column_on_two_pages_is_no_running_block() -> None:
    _, repaired = extracted(margin_block_pdf(MARGIN_BODIES[:2]))
    assert "Pagina 1" in repaired.dropped  # the page numbers still go, and the column's
    assert [repaired.text.count(line) for line in MARGIN_BLOCK[1:4]] == [2, 2, 2]  # middle stays


def test_a_ruled_tables_cells_are_never_running_lines() -> None:
    from ..documents import cells, grid, ruled_pdf

    xs = [72.0, 300.0, 450.0]
    pages = []
    for n in range(1, 5):
        rows = [[["Motie"], ["Uitslag"]], [[f"Motie {n}"], ["Verworpen"]], [["Slot"], ["n.v.t."]]]
        lines, ys = cells(rows, xs, 780)
        pages.append(([*lines, Line(f"Tekst op pagina {n}.", 72, 600)], grid(xs, ys)))
    _, repaired = extracted(ruled_pdf(pages))
    assert repaired.dropped == ()
    assert [repaired.text.count(cell) for cell in ("Uitslag", "Verworpen", "n.v.t.")] == [4, 4, 4]


def test_a_pull_quote_beside_the_text_is_not_joined_into_its_line() -> None:
    body = [
        Line(f"Regel {k} van de lopende tekst over klimaat.", 72, 700 - 14 * k) for k in range(9)
    ]
    quote = Line("“Het akkoord telt.”", 340, 700 - 14 * 4, 15)
    _, repaired = extracted(pdf([[*body, quote]]))
    assert "klimaat. “Het" not in repaired.text
    assert "“Het akkoord telt.”" in repaired.text


@pytest.mark.parametrize("marker", ["2.1", "2.1.3", "1.1.", "§ 3", "Art. 4"])
def test_a_section_number_set_before_its_heading_after_a_tab_stays_with_it(marker: str) -> None:
    lines = [
        Line(marker, 72, 700),
        Line("Kabinet en duurzame inzet", 120, 700),
        Line("De tekst van de paragraaf volgt hier.", 120, 686),
        Line("Nog een regel van de paragraaf.", 120, 672),
    ]
    _, repaired = extracted(pdf([lines]))
    assert repaired.text.startswith(f"{marker} Kabinet en duurzame inzet\n")


SIDEWAYS = [f"Regel {n} van de brede tabel over de heffingen op staal." for n in range(1, 9)]


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_a_page_set_sideways_or_upside_down_is_read_turned(angle: int) -> None:
    from ..documents import sideways_pdf

    data = sideways_pdf([[(["Eerste pagina, rechtop."], 0)], [(SIDEWAYS, angle)]])
    found, repaired = extracted(data)
    assert repaired.text == "Eerste pagina, rechtop.\n\n" + "\n".join(SIDEWAYS) + "\n"
    assert found.warnings == ()


def test_a_cell_merged_across_rows_or_columns_is_one_paragraph() -> None:
    from ..documents import ruled_pdf

    xs, ys = [72.0, 200.0, 330.0, 460.0], [700.0, 680.0, 660.0, 640.0]
    rules = [
        (xs[0], ys[0], xs[-1], ys[0]),
        (xs[0], ys[-1], xs[-1], ys[-1]),
        (xs[1], ys[1], xs[-1], ys[1]),  # no rule under the first column's top cell: it spans
        (xs[0], ys[2], xs[-1], ys[2]),  # two rows
        *((x, ys[-1], x, ys[0]) for x in (xs[0], xs[-1])),
        (xs[1], ys[-1], xs[1], ys[0]),
        (xs[2], ys[-1], xs[2], ys[1]),  # the top row's second and third cells are one
    ]
    lines = [
        Line("Twee rijen hoog", 76, 688),
        Line("en nog een regel.", 76, 676),  # in the second row
        Line("Twee kolommen breed", 204, 688),
        Line("Cel b2", 204, 668),
        Line("Cel c2", 334, 668),
        Line("Cel a3", 76, 648),
        Line("Cel b3", 204, 648),
        Line("Cel c3", 334, 648),
    ]
    _, repaired = extracted(ruled_pdf([(lines, rules)]))
    assert repaired.text == (
        "Twee rijen hoog\nen nog een regel.\n\nTwee kolommen breed\n\nCel b2\n\nCel c2\n\n"
        "Cel a3\n\nCel b3\n\nCel c3\n"
    )


def test_lines_in_a_table_s_box_outside_its_rows_are_read_as_text() -> None:
    from ..documents import ruled_pdf

    xs = [72.0, 200.0, 330.0]
    rules = [(xs[0], 700, xs[-1], 700), (xs[0], 680, xs[-1], 680)]  # no rule under the body
    rules += [(x, 600, x, 700) for x in xs]
    lines = [Line("Kop a", 76, 688), Line("Kop b", 204, 688)]
    lines += [Line(f"Rij {n} a", 76, 668 - 14 * n) for n in range(4)]
    lines += [Line(f"Rij {n} b", 204, 668 - 14 * n) for n in range(4)]
    _, repaired = extracted(ruled_pdf([(lines, rules)]))
    assert sorted(repaired.text.split()) == sorted(" ".join(line.text for line in lines).split())
    assert repaired.text.startswith("Kop a\n\nKop b\n\n")


def test_a_table_at_a_column_s_foot_comes_before_the_next_column() -> None:
    from ..documents import cells, grid, ruled_pdf

    left = [Line(f"Links {n}.", 72, 760 - 14 * n) for n in range(5)]
    right = [Line(f"Rechts {n}.", 320, 760 - 14 * n) for n in range(20)]
    table, ys = cells([[["Cel 1"], ["Cel 2"]]], [72.0, 150.0, 260.0], 680)
    _, repaired = extracted(ruled_pdf([([*left, *right, *table], grid([72.0, 150.0, 260.0], ys))]))
    assert repaired.text.index("Cel 2") < repaired.text.index("Rechts 0.")
    assert repaired.text.index("Links 4.") < repaired.text.index("Cel 1")


def test_a_table_s_cells_are_never_joined_across_a_page_break() -> None:
    from ..documents import cells, grid, ruled_pdf

    xs = [72.0, 300.0, 450.0]
    first, ys1 = cells([[["Motie over staal"], ["Verworpen"]]], xs, 120)
    second, ys2 = cells([[["21"], ["Aangenomen"]]], xs, 780)
    body = [Line("De moties van deze week, in volgorde van stemming.", 72, 700)]
    pages = [([*body, *first], grid(xs, ys1)), (second, grid(xs, ys2))]
    _, repaired = extracted(ruled_pdf(pages))
    assert repaired.text.endswith("Motie over staal\n\nVerworpen\n\n21\n\nAangenomen\n")


def test_a_page_part_upright_part_sideways_is_read_both_ways() -> None:
    from ..documents import sideways_pdf

    upright = [f"Rechte regel {n} boven de gedraaide tabel." for n in range(6)]
    found, repaired = extracted(sideways_pdf([[(SIDEWAYS, 90), (upright, 0)]]))
    assert repaired.text == "\n".join(upright) + "\n\n" + "\n".join(SIDEWAYS) + "\n"
    assert found.warnings == ()
