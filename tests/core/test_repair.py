"""The repairs of extracted text: each mends what a layout broke, on text shaped as extraction
leaves it, and nothing else; on text with nothing to mend they change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posities.core.quotes import SourceText
from posities.core.repair import (
    Break,
    Repaired,
    Repairs,
    Vocabulary,
    continues,
    drop_running_lines,
    drop_soft_hyphens,
    expand_ligatures,
    join_hyphenated,
    join_pages,
    judge_break,
    keeps_hyphen,
    paragraphs,
    plain_spaces,
    rejoin_ordinals,
    repair,
    running_key,
    unsure_breaks,
    vocabulary,
)

from ..conftest import BUNDLED

LETTER = BUNDLED / "texts" / "bondgenoten-in-onzekere-tijden.txt"
NO_WORDS = Vocabulary(frozenset(), frozenset())


# --- hyphenation -------------------------------------------------------------------------------


def words_of(*lines: str) -> Vocabulary:
    """The vocabulary of lines written elsewhere in a document."""
    return vocabulary([list(lines)])


def test_a_word_hyphenated_at_a_line_end_is_joined_where_the_document_writes_it_whole() -> None:
    lines = ["De trans-Atlantische samen-", "werking is cruciaal voor de vrede,"]
    words = words_of("de samenwerking met de VS")
    assert join_hyphenated(lines, words) == (
        ["De trans-Atlantische samenwerking", "is cruciaal voor de vrede,"],
        1,
        0,
    )


def test_a_word_hyphenated_at_a_line_end_and_written_nowhere_else_is_left_as_it_is() -> None:
    lines = ["De trans-Atlantische samen-", "werking is cruciaal voor de vrede,"]
    assert join_hyphenated(lines) == (lines, 0, 0)


def test_words_left_broken_on_no_evidence_are_named() -> None:
    block = [
        "De maat-",
        "regelen voor de land-",
        "en tuinbouw en de samen-",
        "werking met Trans-",
        "Atlantische partners en/of de wereld-",
        "handelsorganisatie: de maat-",
        "regelen.",
    ]
    repaired = repair([[[block]]])
    assert repaired.unsure == (
        "maat- regelen",
        "samen- werking",
        "wereld- handelsorganisatie",
        "maat- regelen",
    )
    assert repaired.repairs == Repairs(hyphens_kept=1)
    assert repaired.text == (
        "De maat-\nregelen voor de land-\nen tuinbouw en de samen-\nwerking met "
        "Trans-Atlantische\npartners en/of de wereld-\nhandelsorganisatie: de maat-\nregelen.\n"
    )
    assert repair([[[block]]], hyphens=False).unsure == ()


def test_a_break_before_a_word_left_out_or_a_dash_is_no_unsure_break() -> None:
    assert unsure_breaks(["twee-", "drie", "land-", "en", "een —", "twee", "vier-", "en/of"]) == [
        "twee- drie"
    ]


def test_the_punctuation_after_a_broken_word_goes_with_it() -> None:
    lines = ["de instelling van invoerhef-", "fingen; en verder"]
    words = words_of("de invoerheffingen")
    assert join_hyphenated(lines, words)[0] == ["de instelling van invoerheffingen;", "en verder"]


def test_a_part_after_the_break_with_a_capital_keeps_its_hyphen() -> None:
    lines = ["neemt het belang van de Trans-", "Atlantische band toe."]
    assert join_hyphenated(lines) == (
        ["neemt het belang van de Trans-Atlantische", "band toe."],
        0,
        1,
    )


def test_a_part_after_the_break_with_a_digit_keeps_its_hyphen() -> None:
    assert join_hyphenated(["in de jaren 2019-", "2020 was"])[0] == ["in de jaren 2019-2020", "was"]


def test_a_word_the_document_writes_with_its_hyphen_keeps_it() -> None:
    words = Vocabulary(frozenset({"minister-president"}), frozenset({"de", "minister"}))
    lines = ["het bezoek van de minister-", "president aan president Trump"]
    assert join_hyphenated(lines, words)[0] == [
        "het bezoek van de minister-president",
        "aan president Trump",
    ]
    assert keeps_hyphen("minister", "president", words)
    assert not keeps_hyphen("samen", "werking", words)


def test_a_word_written_both_with_and_without_its_hyphen_is_left() -> None:
    words = words_of("de e-mail", "een email", "de oud-minister", "de oudminister")
    assert join_hyphenated(["per e-", "mail"], words) == (["per e-", "mail"], 0, 0)
    assert judge_break("de oud", "minister", words) is Break.LEAVE


def test_the_vocabulary_is_the_words_within_lines() -> None:
    words = vocabulary([["de minister-president sprak", "met samen-"], ["werking"]])
    assert words.hyphenated == frozenset({"minister-president"})
    assert {"de", "minister", "president", "samen", "werking"} <= words.plain


def test_the_vocabulary_holds_the_neighbouring_parts_of_a_compound() -> None:
    words = vocabulary([["aldus de NAVO-secretaris-generaal."]])
    assert words.hyphenated == frozenset(
        {"navo-secretaris-generaal", "navo-secretaris", "secretaris-generaal"}
    )


def test_a_broken_word_alone_on_its_line_takes_the_line_away() -> None:
    words = words_of("de samenwerking")
    assert join_hyphenated(["de samen-", "werking", "is goed"], words)[0] == [
        "de samenwerking",
        "is goed",
    ]


def test_a_word_broken_over_three_lines_is_joined_whole() -> None:
    words = words_of("arbeidsmarkt en arbeidsmarkthervorming")
    assert join_hyphenated(["de arbeids-", "markt-", "hervorming is"], words)[0] == [
        "de arbeidsmarkthervorming",
        "is",
    ]


def test_a_dash_between_words_at_a_line_end_is_no_hyphenation() -> None:
    lines = ["over het te bereiken doel –", "zo delen Europa en de VS", "het doel -", "niet de weg"]
    assert join_hyphenated(lines) == (lines, 0, 0)


def test_a_soft_hyphen_at_a_line_end_always_joins() -> None:
    assert join_hyphenated(["de Trans\u00ad", "Atlantische band"])[0] == [
        "de TransAtlantische",
        "band",
    ]


# Words the review found changed: each line-end hyphen stays, even where the joined word is
# written whole elsewhere in the document ("landen", "email", "exminister").
ELSEWHERE = (
    "de landen en de tweeen, oudminister exminister email cdrom sociaaleconomische "
    "eulidstaten navosecretaris secretarisgeneraal"
)
LEFT_AS_THEY_ARE = [
    "Steun voor de land-\nen tuinbouw en de EU-\nlidstaten.",
    "de twee-\nen driejarige programma's",
    "de twee-\nof driejarige programma's",
    "van 2018 tot-\ntot en met",
    "de land-\nen/of tuinbouw",
    "de NAVO-\nsecretaris sprak",
    "per e-\nmail of per e-\nmail",
]


@pytest.mark.parametrize("text", LEFT_AS_THEY_ARE)
def test_hyphens_of_elliptical_compounds_acronyms_and_single_letters_are_never_joined(
    text: str,
) -> None:
    repaired = repair(paragraphs(f"{ELSEWHERE}\n\n{text}\n"))
    assert repaired.text == f"{ELSEWHERE}\n\n{text}\n"
    assert (repaired.repairs.hyphenations, repaired.repairs.hyphens_kept) == (0, 0)


def test_an_acronym_broken_by_the_layout_is_joined_where_the_document_writes_it_whole() -> None:
    text = "Het JCPOA werkt.\n\nHet actieplan (JC-\nPOA) en het JCPOA zijn een.\n"
    repaired = repair(paragraphs(text))
    assert repaired.text == "Het JCPOA werkt.\n\nHet actieplan (JCPOA)\nen het JCPOA zijn een.\n"
    assert repaired.repairs == Repairs(hyphenations=1)
    assert judge_break("de EU", "POA", words_of("de EUPOA")) is Break.JOIN
    assert judge_break("de EU", "Landen", words_of("de EULanden")) is Break.KEEP
    assert judge_break("de EU", "POA", words_of("de EU-POA en EUPOA")) is Break.LEAVE


@pytest.mark.parametrize(
    "text",
    [
        "Zoals de oud-\nminister eerder schreef,",
        "Zoals de ex-\nminister eerder schreef,",
        "bleek dat de sociaal-\neconomische gevolgen",
        "aldus de NAVO-secretaris-\ngeneraal.",
        "de ontwikkelings-\nsamenwerking",
        "op een cd-\nrom",
    ],
)
def test_a_hyphen_with_no_evidence_either_way_is_left_as_extracted(text: str) -> None:
    repaired = repair(paragraphs(f"Een brief.\n\n{text}\n"))
    assert repaired.text == f"Een brief.\n\n{text}\n"
    assert repaired.repairs == Repairs()


def test_a_hyphenated_form_written_elsewhere_keeps_the_hyphen_across_the_break() -> None:
    text = (
        "De sociaal-economische gevolgen, aldus de VN-secretaris-generaal.\n\n"
        "bleek dat de sociaal-\neconomische gevolgen groot zijn, aldus de NAVO-secretaris-\n"
        "generaal.\n"
    )
    repaired = repair(paragraphs(text))
    assert repaired.text == (
        "De sociaal-economische gevolgen, aldus de VN-secretaris-generaal.\n\n"
        "bleek dat de sociaal-economische\ngevolgen groot zijn, aldus de "
        "NAVO-secretaris-generaal.\n"
    )
    assert repaired.repairs == Repairs(hyphens_kept=2)


def test_a_word_written_whole_elsewhere_is_joined_and_counted() -> None:
    text = (
        "De ontwikkelingssamenwerking.\n\n"
        "Het kabinet heeft de ontwikkelings-\nsamenwerking bezien.\n"
    )
    repaired = repair(paragraphs(text))
    assert repaired.text == (
        "De ontwikkelingssamenwerking.\n\nHet kabinet heeft de ontwikkelingssamenwerking\nbezien.\n"
    )
    assert repaired.repairs == Repairs(hyphenations=1)


def test_without_hyphen_repair_every_line_end_hyphen_stays() -> None:
    text = "De samenwerking.\n\nde samen-\nwerking en de Trans-\nAtlantische band\n"
    repaired = repair(paragraphs(text), hyphens=False)
    assert (repaired.text, repaired.repairs) == (text, Repairs())


# --- characters ---------------------------------------------------------------------------------


def test_ligatures_are_written_as_their_letters() -> None:
    line = "de invoerhe\ufb00ingen, \ufb01nanciële \ufb02exibiliteit, e\ufb03ciënt, "
    line += "a\ufb04uent, \ufb06"
    assert expand_ligatures(line) == (
        "de invoerheffingen, financiële flexibiliteit, efficiënt, affluent, st",
        6,
    )


def test_non_breaking_spaces_and_controls_become_spaces_and_lines_are_stripped() -> None:
    assert plain_spaces("  825.000\u00a0banen, 3\u202f%\x0bmeer  ") == (
        "825.000 banen, 3 % meer",
        3,
    )


def test_soft_hyphens_are_removed() -> None:
    assert drop_soft_hyphens("Mensen\u00adrechten\u00adraad") == ("Mensenrechtenraad", 2)


# --- ordinals -----------------------------------------------------------------------------------


def test_a_superscript_ordinal_on_its_own_line_goes_back_after_its_number() -> None:
    blocks = [
        ["e", "Met het aantreden van Donald Trump als 45 president van de VS is America First"],
        ["Een belangrijke", "e", "illustratie daarvan is de 75 herdenking van D-Day die in 2019"],
    ]
    assert rejoin_ordinals(blocks) == (
        [
            ["Met het aantreden van Donald Trump als 45e president van de VS is America First"],
            ["Een belangrijke", "illustratie daarvan is de 75e herdenking van D-Day die in 2019"],
        ],
        2,
    )


def test_an_ordinal_suffix_with_no_single_small_number_after_it_stays() -> None:
    blocks = [["e", "op 12 en 13 juli"], ["ste", "825.000 banen"], ["e"], ["th", "Street"]]
    assert rejoin_ordinals(blocks) == (blocks, 0)


def test_the_bundled_letter_gets_its_ordinals_back() -> None:
    repaired = repair(paragraphs(LETTER.read_text(encoding="utf-8")), ordinal_lines=True)
    assert "als 45e president van de VS" in repaired.text
    assert "is de 75e herdenking van D-Day" in repaired.text
    assert "\ne\n" not in repaired.text
    assert repaired.repairs == Repairs(ordinals=2)


# --- running lines ------------------------------------------------------------------------------


def _page(number: int, body: list[str]) -> list[list[list[str]]]:
    return [
        [
            ["Ministerie van Buitenlandse Zaken"],
            body,
            [f"Pagina {number} van 3"],
        ]
    ]


def test_headers_footers_and_page_numbers_repeated_on_most_pages_are_dropped() -> None:
    pages = [
        _page(1, ["Bondgenoten in onzekere tijden"]),
        _page(2, ["De trans-Atlantische samenwerking is cruciaal"]),
        _page(3, ["Nederland zal op alle niveaus de samenwerking zoeken."]),
    ]
    kept, dropped = drop_running_lines(pages)
    assert dropped == [
        "Ministerie van Buitenlandse Zaken",
        "Pagina 1 van 3",
        "Ministerie van Buitenlandse Zaken",
        "Pagina 2 van 3",
        "Ministerie van Buitenlandse Zaken",
        "Pagina 3 van 3",
    ]
    assert kept == [
        [[["Bondgenoten in onzekere tijden"]]],
        [[["De trans-Atlantische samenwerking is cruciaal"]]],
        [[["Nederland zal op alle niveaus de samenwerking zoeken."]]],
    ]


def test_a_bare_page_number_at_the_bottom_is_dropped() -> None:
    pages = [
        [[["Tekst een.", "Meer.", "Nog meer.", "Slot."], ["1"]]],
        [[["Tekst twee.", "Anders.", "Nog anders.", "Einde."], ["2"]]],
    ]
    kept, dropped = drop_running_lines(pages)
    assert dropped == ["1", "2"]
    assert kept[1] == [[["Tekst twee.", "Anders.", "Nog anders.", "Einde."]]]


def test_a_line_on_one_page_of_three_or_in_the_middle_of_pages_stays() -> None:
    pages = [
        [[[f"a {n}", f"b {n}", f"c {n}", "Zie ook de bijlage.", f"d {n}", f"e {n}", f"f {n}"]]]
        for n in ("een", "twee")
    ]
    pages.append([[["Zie ook de bijlage.", "x"]]])
    assert drop_running_lines(pages) == (pages, [])


def test_a_single_page_has_no_running_lines() -> None:
    pages = [[[["1"], ["Tekst."], ["2"]]]]
    assert drop_running_lines(pages) == (pages, [])


def _bottom(number: int, body: list[str], last: str) -> list[list[list[str]]]:
    return [[[f"Artikel {number}"], body, [last]]]


@pytest.mark.parametrize(
    "last",
    [
        "{n}Kamerstukken II 2017/18, 21501-20, nr. 120{n}",
        "201{n} 100{n} 1{n}",
        "Zie bijlage {n}.",
    ],
    ids=["footnote", "table-row", "numbered"],
)
def test_lines_alike_but_for_their_digits_are_no_running_lines(last: str) -> None:
    pages = [
        _bottom(n, [f"Tekst van artikel {n}.", f"Meer tekst {n}.", f"Slot {n}."], last.format(n=n))
        for n in (1, 2, 3)
    ]
    assert drop_running_lines(pages) == (pages, [])


def test_page_numbers_count_up_with_the_pages_from_any_start() -> None:
    pages = [[[[f"Tekst {n}.", f"Meer {n}.", f"Slot {n}."], [f"- {n + 2} -"]]] for n in (1, 2)]
    assert drop_running_lines(pages)[1] == ["- 3 -", "- 4 -"]
    numbers = [[[[f"Tekst {n}.", f"Meer {n}.", f"Slot {n}."], [f"{n * 7}"]]] for n in (1, 2, 3)]
    assert drop_running_lines(numbers) == (numbers, [])


def test_a_line_on_half_of_the_pages_is_no_running_line() -> None:
    pages = [
        [[[f"Tekst {n}.", f"Meer {n}.", f"Slot {n}."], ["Vertrouwelijk" if n < 2 else "."]]]
        for n in range(4)
    ]
    assert drop_running_lines(pages)[1] == []


def test_footnotes_follow_the_paragraph_the_page_ends_in() -> None:
    pages = [
        [[["Eerste alinea."], ["De regering heeft de ontwikkelings-"]]],
        [[["samenwerking bezien."], ["Tweede alinea."]]],
    ]
    notes = [[["1 Kamerstukken II 2017/18, nr. 1201."]], [["2 Zie de brief."]]]
    assert join_pages(pages, notes) == [
        ["Eerste alinea."],
        ["De regering heeft de ontwikkelings-", "samenwerking bezien."],
        ["1 Kamerstukken II 2017/18, nr. 1201."],
        ["Tweede alinea."],
        ["2 Zie de brief."],
    ]


def test_running_lines_are_compared_without_digits_case_or_spacing() -> None:
    assert running_key("Pagina  12 van 20") == running_key("pagina 3 van 20") == "pagina # van #"
    assert running_key("• —") is None


def body(number: int) -> list[str]:
    """A page's text, its own on each page."""
    return [f"Tekst {number}.", f"Meer tekst {number}.", f"Slot {number}."]


@pytest.mark.parametrize(
    ("first", "running"),
    [
        (4, "{number} | Kamerbrief over bondgenoten"),
        (4, "Kamerbrief over bondgenoten | {number}"),
        (4, "Datum 12 juli 2018 • {number}"),
        (4, "{roman}"),
        (1, "- {roman} -"),
        (9, "Pagina {roman}"),
    ],
)
def test_page_numbers_beside_a_running_text_or_in_roman_numerals_are_dropped(
    first: int, running: str
) -> None:
    romans = dict(
        enumerate(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"], 1)
    )
    pages, shown = [], []
    for number in range(first, first + 4):
        line = running.format(
            number=number, roman=romans[number].upper() if first == 1 else romans[number]
        )
        shown.append(line)
        pages.append([[[line], body(number)]])
    kept, dropped = drop_running_lines(pages)
    assert dropped == shown
    assert kept == [[[body(n)]] for n in range(first, first + 4)]


@pytest.mark.parametrize(
    "line",
    ["Artikel {number}", "Kamerbrief {number}", "{number} procent", "vivid {number}"],
)
def test_a_number_without_a_page_word_or_separator_is_no_page_number(line: str) -> None:
    pages = [[[[line.format(number=number)], body(number)]] for number in range(3, 7)]
    assert drop_running_lines(pages) == (pages, [])


def test_roman_page_numbers_are_compared_by_their_value() -> None:
    assert running_key("- XIV -") == running_key("- ii -") == "- # -"
    assert running_key("vivid") == "vivid"
    pages = [[[[f"Tekst {n}."], [roman]]] for n, roman in enumerate(["iv", "ix", "xl"])]
    assert drop_running_lines(pages)[1] == []  # 4, 9, 40: they do not count with the pages


@pytest.mark.parametrize("line", ["Pagina 1 van 1", "page 1 of 1", "1/1", "- Pagina 1 van 1 -"])
def test_a_page_number_with_the_page_count_is_dropped_on_a_single_page(line: str) -> None:
    pages = [[[["Tekst van de verklaring.", "Meer tekst."], [line]]]]
    assert drop_running_lines(pages) == ([[[["Tekst van de verklaring.", "Meer tekst."]]]], [line])


def test_a_page_number_with_the_page_count_is_dropped_on_a_minority_of_pages() -> None:
    pages = [[[body(n)]] for n in range(1, 4)]
    pages[2] = [[body(3), ["Pagina 3 van 3"]]]
    assert drop_running_lines(pages) == ([[[body(n)]] for n in range(1, 4)], ["Pagina 3 van 3"])


@pytest.mark.parametrize("line", ["Pagina 2 van 1", "Pagina 1 van 2", "1/2", "Zie 1/1", "1 van 1"])
def test_a_number_and_count_that_are_not_this_page_of_these_pages_stay(line: str) -> None:
    pages = [[[["Tekst van de verklaring.", "Meer tekst."], [line]]]]
    assert drop_running_lines(pages) == (pages, [])


def test_a_bare_number_and_count_on_one_page_of_many_is_a_table_s_cell() -> None:
    pages = [[[body(n)]] for n in range(1, 4)]
    pages[1] = [[body(2), ["Vereiste meerderheid", "2/3"]]]
    assert drop_running_lines(pages) == (pages, [])


# --- paragraphs across pages --------------------------------------------------------------------


def test_a_paragraph_broken_by_a_page_or_column_end_is_one_again() -> None:
    pages = [
        [[["Gedeelde belangen"], ["Ook in economisch opzicht zijn", "gezamenlijk bijna"]]],
        [[["50% van het wereld-BNP."], ["De bilaterale relatie"]]],
        [[["is stevig."]], [["Nieuwe kop"]], [["Die begint hoog."]]],
    ]
    assert join_pages(pages) == [
        ["Gedeelde belangen"],
        ["Ook in economisch opzicht zijn", "gezamenlijk bijna", "50% van het wereld-BNP."],
        ["De bilaterale relatie", "is stevig."],
        ["Nieuwe kop"],
        ["Die begint hoog."],
    ]


def test_a_paragraph_ending_in_a_sentence_end_is_not_continued() -> None:
    assert not continues(["Dat is zo."], ["en verder"])
    assert not continues(["het volgende:"], ["de VS"])
    assert continues(["de samen-"], ["Werking"])


def test_a_numbered_heading_at_the_top_of_a_page_starts_a_paragraph() -> None:
    before = ["tal197 at users.sf.net"]
    assert not continues(before, ["1. Introduction"])
    assert not continues(before, ["2.1 Directory layout"])
    assert continues(["Er worden"], ["825.000 Amerikaanse banen"])
    assert continues(["Op"], ["12 juli sprak"])


# --- all of them --------------------------------------------------------------------------------


def test_repair_gives_blank_line_separated_paragraphs_ending_in_a_newline() -> None:
    text = "Titel\u00a0 \n\n\nEen ﬁjne samen-\nwerking.  \r\nTweede regel.\n \nSlot samenwerking\n"
    repaired = repair(paragraphs(text))
    assert repaired.text == (
        "Titel\n\nEen fijne samenwerking.\nTweede regel.\n\nSlot samenwerking\n"
    )
    assert repaired.repairs.counts() == {
        "hyphenations": 1,
        "hyphens_kept": 0,
        "ligatures": 1,
        "ordinals": 0,
        "headers_footers": 0,
        "soft_hyphens": 0,
        "spaces": 1,
    }


def test_nothing_left_is_an_empty_text() -> None:
    assert repair(paragraphs(" \n\u00a0\n\f\n")).text == ""


def test_form_feeds_are_pages() -> None:
    text = "Kop\nEerste pagina loopt\f\nKop\ndoor op de tweede.\n"
    assert repair(paragraphs(text)).text == "Eerste pagina loopt\ndoor op de tweede.\n"


def test_every_quote_of_the_bundled_letter_is_found_in_it_repaired(bundled: Path) -> None:
    import yaml

    repaired = SourceText(repair(paragraphs(LETTER.read_text(encoding="utf-8"))).text)
    quotes = [
        source["quote"]
        for path in sorted(bundled.glob("*.yaml"))
        for source in yaml.safe_load(path.read_text(encoding="utf-8")).get("sources", [])
        if source.get("text")
    ]
    assert quotes
    assert [q for q in quotes if not repaired.contains(q)] == []


# --- faithful: nothing to mend, nothing changed ---------------------------------------------------

_WORD = st.text(
    alphabet=st.characters(
        categories=("Lu", "Ll", "Nd", "Po", "Pd"),
        exclude_characters="\u00ad\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06-\u2010\u2011",
    ),
    min_size=1,
    max_size=12,
)
_LINE = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_BLOCK = st.lists(_LINE, min_size=1, max_size=5)
_TEXT = st.lists(_BLOCK, min_size=1, max_size=6).map(
    lambda blocks: "\n\n".join("\n".join(b) for b in blocks) + "\n"
)


@given(_TEXT)
def test_text_with_nothing_to_mend_is_left_as_it_is(text: str) -> None:
    repaired = repair(paragraphs(text))
    assert repaired.text == text
    assert repaired.repairs == Repairs()


def test_an_ordinal_suffix_alone_on_a_line_stays_unless_asked_for() -> None:
    text = "In 2018 kwamen\nde\n12 ministers bijeen.\n\ne\ndat 3 landen\n"
    assert repair(paragraphs(text)) == Repaired(text, Repairs())


@given(st.text(alphabet=st.sampled_from("ab -\n\u00ad\u00a0ﬁ1e\f."), max_size=80))
def test_repairing_twice_changes_nothing_more(text: str) -> None:
    once = repair(paragraphs(text)).text
    assert repair(paragraphs(once)).text == once
