"""Matching a quote against its source text: whole words only, and the copy differences that
do not count (line-break hyphens of every kind, soft hyphens, composed or decomposed accents)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posities.core import quotes
from posities.core.quotes import SourceText, normalize

BUNDLED_TEXT = (
    Path(__file__).resolve().parents[2]
    / "positions"
    / "texts"
    / "bondgenoten-in-onzekere-tijden.txt"
).read_text(encoding="utf-8")

# --- whole words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "stabiliserende rol van Iran in de regio",  # the text says destabiliserende
        "NAVO bondgenootschap is on",  # cut inside onontbeerlijk
        "Atlantische samenwerking is cruciaal",  # the text says trans-Atlantische
        "De trans-",
        "De trans",
        "-Atlantische samenwerking",
    ],
)
def test_a_quote_cut_mid_word_is_not_found(quote: str) -> None:
    source = SourceText(BUNDLED_TEXT)
    assert not source.contains(quote)
    assert source.cut(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "destabiliserende rol van Iran in de regio",
        "NAVO bondgenootschap is onontbeerlijk",
        "De trans-Atlantische samenwerking is cruciaal",
        "de VS",
    ],
)
def test_a_quote_of_whole_words_is_found(quote: str) -> None:
    assert SourceText(BUNDLED_TEXT).contains(quote)


@pytest.mark.parametrize(
    ("text", "quote", "found"),
    [
        ("het woord verre staat hier", "e", False),
        ("het woord verre staat hier, e", "e", True),
        ("de rol is destabiliserend", "stabiliserend", False),
        ("Één keer, één", "én", False),
        ("Één keer", "Één keer", True),
        ("café-eigenaar", "café", False),
        ("café-eigenaar", "eigenaar", False),
        ("het café, dicht", "café", True),
        ("Er zijn 825.000 banen.", "Er zijn 825", False),
        ("Er zijn 825.000 banen.", "000 banen.", False),
        ("Er zijn 825.000 banen.", "Er zijn 825.000 banen.", True),
        ("Het is 3,5 procent.", "5 procent", False),
        ("Het is 3, 5 en 7.", "5 en 7", True),
        ("in 2019.", "in 201", False),
        ("in 2019.", "in 2019", True),
        ("zo’n verdrag", "n verdrag", False),
        ("zo’n verdrag", "zo'n verdrag", True),
        ("de ‘gateway’ naar", "gateway", True),
        ("Iran's rol", "Iran", False),
        ("bij.Recent kwam", "bij.", True),  # a missing space after a full stop
        ("van, zei hij", ", zei hij", True),  # punctuation is no word to cut
        ("D-Day", "Day", False),
        ("Trans\u2010Atlantische", "Atlantische", False),
        ("q\u0303 en", "q", False),  # an accent with no composed form is part of the letter
    ],
)
def test_words_end_at_letters_digits_and_what_joins_them(
    text: str, quote: str, found: bool
) -> None:
    assert SourceText(text).contains(quote) is found


@pytest.mark.parametrize("mark", list(quotes.INVISIBLE))
def test_a_character_that_shows_nothing_is_no_word_edge(mark: str) -> None:
    source = SourceText(f"Er is een de{mark}stabiliserende rol, en{mark}woord.")
    assert source.contains("destabiliserende rol")
    assert source.contains("enwoord.")
    for cut in ("stabiliserende rol", "woord.", "Er is een de", "rol, en"):
        assert not source.contains(cut), cut
        assert source.cut(cut), cut


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Een zin \u200fmet rlm \u2066iso\u2069 en\u2060woord.", "zin met rlm iso enwoord."),
        ("\ufeffDe brief \u202bعربي\u202c zegt", "De brief عربي zegt"),
        ("De brief zegt", "De\u200b brief \u200dzegt"),  # ignored in the quote as well
        ("Al\u00ad\u200bthans", "Althans"),
    ],
)
def test_characters_that_show_nothing_are_ignored_on_both_sides(text: str, quote: str) -> None:
    assert SourceText(text).contains(quote)


def test_every_occurrence_is_tried() -> None:
    source = SourceText("De destabiliserende rol, en ook de stabiliserende rol.")
    assert source.contains("stabiliserende rol")
    assert source.contains("stabiliserende rol.")
    assert not source.contains("stabiliserende rol,")


def test_a_short_quote_inside_many_words_is_found_only_where_it_is_whole() -> None:
    inside = "verre de-e zo'e q\u0303e " * 50  # "e" in each word, never a word of its own
    assert not SourceText(inside).contains("e")
    assert SourceText(inside + "e.").contains("e")
    assert SourceText(inside + "(e)").contains("(e)")
    assert not SourceText(inside + "(ex)").contains("(e")


EDGY = "ae1 -'.,_q\u0303()"


@given(st.text(alphabet=EDGY, max_size=80), st.text(alphabet=EDGY, min_size=1, max_size=4))
@settings(max_examples=500)
def test_the_regex_search_finds_what_trying_each_occurrence_finds(text: str, wanted: str) -> None:
    saved = quotes._TRIED_ONE_BY_ONE
    try:
        quotes._TRIED_ONE_BY_ONE = 10**9
        expected = quotes.occurs_whole(text, wanted)
        quotes._TRIED_ONE_BY_ONE = 0
        assert quotes.occurs_whole(text, wanted) is expected
    finally:
        quotes._TRIED_ONE_BY_ONE = saved


def test_a_cut_quote_is_refused_in_both_versions_of_a_line_break_hyphen() -> None:
    source = SourceText("Het gaat om de minis-\nter. Trans-\nAtlantische banden.")
    assert source.contains("de minister.")
    assert source.contains("Trans-Atlantische banden.")
    assert source.contains("TransAtlantische banden.")
    for cut in ("de minis", "ter.", "Atlantische banden.", "Trans", "Trans-"):
        assert not source.contains(cut), cut


WORD = st.text(alphabet="abcdeéxyzAÉ", min_size=1, max_size=5)
NUMBER = st.text(alphabet="0123456789", min_size=1, max_size=4)
COMPOUND = st.one_of(
    st.builds(
        lambda a, j, b: a + j + b, WORD, st.sampled_from(["", "-", "'", "’", "\u2010"]), WORD
    ),
    st.builds(lambda a, j, b: a + j + b, NUMBER, st.sampled_from([".", ","]), NUMBER),
)


@given(
    st.lists(COMPOUND, min_size=3, max_size=12, unique_by=normalize),
    st.sampled_from([" ", "\n", " \n ", ", "]),
    st.data(),
)
@settings(max_examples=300, deadline=None)
def test_a_quote_that_starts_or_ends_inside_a_word_is_not_found(
    words: list[str], gap: str, data: st.DataObject
) -> None:
    source = SourceText(gap.join(words))
    first = data.draw(st.integers(min_value=0, max_value=len(words) - 2))
    last = data.draw(st.integers(min_value=first + 1, max_value=len(words) - 1))
    whole = gap.join(words[first : last + 1])
    assert source.contains(whole)
    if data.draw(st.booleans()):
        quote = whole[data.draw(st.integers(min_value=1, max_value=len(words[first]) - 1)) :]
    else:
        quote = whole[: -data.draw(st.integers(min_value=1, max_value=len(words[last]) - 1))]
    assert not source.contains(quote)


# --- copy differences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Dat is onaan\u00ad\nvaardbaar.", "Dat is onaanvaardbaar."),
        ("Dat is onaan\u00ad \n  vaardbaar.", "Dat is onaanvaardbaar."),
        ("Dat is onaan\u00advaardbaar.", "Dat is onaanvaardbaar."),
        ("De Trans\u2010\nAtlantische band", "De Trans-Atlantische band"),
        ("De Trans\u2011\nAtlantische band", "De Trans-Atlantische band"),
        ("De Trans\u2011\nAtlantische band", "De TransAtlantische band"),
        ("de minis\u2010\nter", "de minister"),
        ("De Trans\u2010Atlantische band", "De Trans-Atlantische band"),
        ("De Trans-Atlantische band", "De Trans\u2011Atlantische band"),
        ("Een Re\u0301sume\u0301 van", "Een Résumé van"),
        ("Een Résumé van", "Een Re\u0301sume\u0301 van"),
        ("Een Re\u0301su-\nme\u0301 van", "Een Résumé van"),
        ("‘Nee’, zei hij", "'Nee', zei hij"),
    ],
)
def test_differences_that_come_from_copying_do_not_count(text: str, quote: str) -> None:
    assert SourceText(text).contains(quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Dat is onaan\u00ad\nvaardbaar.", "Dat is onaan-vaardbaar."),  # a soft hyphen is no hyphen
        ("Dat is onaan\u00ad\nvaardbaar.", "Dat is onaan vaardbaar."),
        ("De Trans–Atlantische band", "De Trans-Atlantische band"),  # an en dash is no hyphen
        ("Een Résumé van", "Een Resume van"),
        ("Een résumé van", "Een Résumé van"),
        ("Het kabinet steunt de VS.", "Het kabinet steunt de VS!"),
    ],
)
def test_everything_else_must_match(text: str, quote: str) -> None:
    assert not SourceText(text).contains(quote)


def test_normalize_composes_accents() -> None:
    assert normalize("Re\u0301sume\u0301") == "Résumé"
    assert normalize(" a\u2010b  \n c\u00ad ") == "a-b c"


def test_a_soft_hyphen_at_a_line_end_joins_the_word_in_passages() -> None:
    source = SourceText("Dat is onaan\u00ad\nvaardbaar. De minis\u2011\nter ook.")
    assert [w.text for w in source.words] == [
        "Dat",
        "is",
        "onaanvaardbaar.",
        "De",
        "minister",
        "ook.",
    ]
    assert [w.hyphenated for w in source.words] == [None, None, None, None, "minis\u2011ter", None]
    assert source.passage(0, 3) == "Dat is onaanvaardbaar."
