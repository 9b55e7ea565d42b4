"""The passages of a source text: words, sentences, the passage closest to a quote or a phrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from posities.core.passages import ends_sentence, find, iter_passages
from posities.core.quotes import INVISIBLE, SourceText, normalize
from posities.errors import unsafe_character

BUNDLED_TEXT = (
    Path(__file__).resolve().parents[2]
    / "positions"
    / "texts"
    / "bondgenoten-in-onzekere-tijden.txt"
).read_text(encoding="utf-8")

# --- words and sentences ---------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "Nederland",
        "steunt",
        "de",
        "VS",
        "bijv.",
        "o.a.",
        "50%",
        "825.000",
        "2019.",
        "einde.",
        "vraag?",
        "‘gateway’",
        "“citaat”",
        "zei:",
        "Trans-",
        "minis-",
        "ter.",
        "woord\u00ad",
        "\u00ad",
        "ver\u00adtrouwen",
        "D-Day",
        "–",
        "-",
        "(haakjes)",
        "J.",
        "é",
        "Één",
        "Re\u0301sume\u0301",
        "onaan\u00ad",
        "Trans\u2010",
        "minis\u2011",
        "zo’n",
        "3,5",
        "de-stabiliserende",
        "de\u200bstabiliserende",
        "en\u2060woord.",
        "\u200fmet",
        "\u2066iso\u2069",
        "\u202bRTL\u202c",
        "\u061c",
        "\u200b",
        "\ufeffBOM",
        "zin\u200e",
        "zo\u200d\u200c",
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", " \n", "\n\n", " \n \n", "\t", "\r\n", "-\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Texts made of words with the traps a copied document has: hyphens of every kind at line
    ends, blank lines, abbreviations, numbers with dots, quote marks, soft hyphens, decomposed
    accents, zero-width characters and the direction marks of right-to-left text."""
    parts = draw(st.lists(st.tuples(PIECES, SEPARATORS), min_size=1, max_size=40))
    return "".join(word + gap for word, gap in parts)


@given(texts())
@settings(max_examples=300)
def test_words_are_the_text_as_source_text_joins_it(text: str) -> None:
    source = SourceText(text)
    assert normalize(" ".join(w.text for w in source.words)) == source.joined
    hyphenated = [w.hyphenated or w.text for w in source.words]
    assert normalize(" ".join(hyphenated)) == source.hyphenated


def usable(source: SourceText, passage: str) -> bool:
    """Whether a passage offered can be taken as a quote: found in the text, and holding no
    character a position file refuses or that shows nothing."""
    return (
        source.contains(passage)
        and unsafe_character(passage) is None
        and not any(char in INVISIBLE for char in passage)
    )


@given(texts())
@settings(max_examples=300)
def test_every_passage_is_found_verbatim(text: str) -> None:
    source = SourceText(text)
    passages = list(iter_passages(source))
    assert passages or not source.words
    for _, passage in passages:
        assert usable(source, passage), passage


@given(texts())
@settings(max_examples=200)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    source = SourceText(text)
    spans = source.sentences
    assert [start for start, _ in spans] == [0, *(end for _, end in spans)][: len(spans)]
    assert all(start < end for start, end in spans)
    assert (spans[-1][1] if spans else 0) == len(source.words)


def sentences_of(text: str) -> list[str]:
    source = SourceText(text)
    return [source.passage(start, end) for start, end in source.sentences]


def test_sentences_span_lines_and_hyphenated_line_ends() -> None:
    text = "Het kabinet steunt de minis-\nter niet. Trans-\nAtlantische banden\nblijven sterk.\n"
    assert sentences_of(text) == [
        "Het kabinet steunt de minister niet.",
        "Trans-Atlantische banden blijven sterk.",
    ]
    source = SourceText(text)
    assert [source.words[start].line for start, _ in source.sentences] == [1, 2]


def test_abbreviations_and_numbers_do_not_end_a_sentence() -> None:
    text = (
        "Het gaat o.a. om handel, bijv. Staal en aluminium. Bijna 50% van het BNP. "
        "Er zijn 825.000 banen. Mr. Smith en J. Jansen zeiden het in 2019. Toen niet meer."
    )
    assert sentences_of(text) == [
        "Het gaat o.a. om handel, bijv. Staal en aluminium.",
        "Bijna 50% van het BNP.",
        "Er zijn 825.000 banen.",
        "Mr. Smith en J. Jansen zeiden het in 2019.",
        "Toen niet meer.",
    ]


def test_a_blank_line_ends_a_sentence() -> None:
    assert sentences_of("Gedeelde belangen \n \nDe samenwerking is cruciaal.") == [
        "Gedeelde belangen",
        "De samenwerking is cruciaal.",
    ]


@pytest.mark.parametrize(
    ("word", "following", "ends"),
    [
        ("bij.", "Deze", True),
        ("bij.", "deze", False),
        ("worden.”", "De", True),
        ("bijv.", "De", False),
        ("d.w.z.", "De", False),
        ("825.000", "De", False),
        ("klaar?", "Ja", True),
        ("2019.", "“De", True),
        ("einde.", None, True),
        ("einde", None, False),
    ],
)
def test_sentence_ends(word: str, following: str | None, ends: bool) -> None:
    assert ends_sentence(word, following) is ends


# --- the passage closest to a quote ------------------------------------------------------------


def test_the_closest_passage_names_the_words_that_differ() -> None:
    source = SourceText(BUNDLED_TEXT)
    quote = (
        "Dat neemt niet weg dat de VS een aantal stappen heeft genomen die voor Nederland "
        "teleurstellend zijn, en die een koerswijziging volledig betekent ten opzichte van "
        "eerdere Amerikaanse posities."
    )
    passage = source.closest(quote)
    assert passage is not None
    assert passage.line == 46
    assert passage.text == (
        "Dat neemt niet weg dat de VS een aantal stappen heeft genomen die voor Nederland en "
        "andere Europese partners teleurstellend zijn, en die een koerswijziging betekent ten "
        "opzichte van eerdere Amerikaanse posities."
    )
    assert passage.differences == ('missing: "en andere Europese partners"', 'extra: "volledig"')


def test_a_changed_word_is_named_with_its_replacement() -> None:
    source = SourceText(BUNDLED_TEXT)
    passage = source.closest(
        "Recent kwam daar de Amerikaanse terugtrekking uit de Mensenrechtenraad niet bij."
    )
    assert passage is not None
    assert (passage.line, passage.differences) == (52, ('extra: "niet"',))
    passage = source.closest("Deze stappen passen in een gunstige trend")
    assert passage is not None
    assert (passage.line, passage.differences) == (53, ('"gunstige" → "zorgelijke"',))


def test_an_empty_text_has_no_closest_passage() -> None:
    assert SourceText(" \n").closest("iets") is None


VOCABULARY = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=2, max_size=8),
    min_size=6,
    max_size=60,
    unique_by=str.casefold,
)


@given(
    VOCABULARY,
    st.lists(SEPARATORS.filter(lambda s: s != "-\n"), min_size=60, max_size=60),
    st.data(),
)
@settings(max_examples=300, deadline=None)
def test_a_quote_with_one_word_changed_finds_its_place_and_names_the_word(
    vocabulary: list[str], gaps: list[str], data: st.DataObject
) -> None:
    text = "".join(word + gap for word, gap in zip(vocabulary, gaps, strict=False))
    source = SourceText(text)
    size = data.draw(st.integers(min_value=3, max_value=min(12, len(vocabulary))))
    start = data.draw(st.integers(min_value=0, max_value=len(vocabulary) - size))
    changed = data.draw(st.integers(min_value=start, max_value=start + size - 1))
    new = data.draw(st.text(alphabet="ABCDEFGHIJ", min_size=1, max_size=6))
    assume(new.casefold() not in {w.casefold() for w in vocabulary})
    quote = [*vocabulary[start:changed], new, *vocabulary[changed + 1 : start + size]]
    passage = source.closest(" ".join(quote))
    assert passage is not None
    assert passage.text == " ".join(vocabulary[start : start + size])
    assert passage.line == source.words[start].line
    assert passage.differences == (f'"{new}" → "{vocabulary[changed]}"',)


# --- the passages closest to a rough phrase ----------------------------------------------------


def best(phrase: str, text: str = BUNDLED_TEXT) -> tuple[int, str]:
    hits = find(phrase, [SourceText(text)], limit=1)
    assert hits
    return hits[0].passage.line, hits[0].passage.text


def test_a_rough_phrase_finds_its_sentence() -> None:
    assert best("terugtrekking mensenrechtenraad") == (
        52,
        "Recent kwam daar de Amerikaanse terugtrekking uit de Mensenrechtenraad bij.",
    )


def test_case_accents_order_and_typos_do_not_matter() -> None:
    expected = best("zorgelijke trend minder multilaterale koers")
    assert best("MULTILATERALE koers, minder; zorgelijke trend") == expected
    assert best("zorgeljke trnd minder multilateral koers") == expected
    assert best("zörgelijke trend minder multilaterale koers") == expected


def test_a_phrase_over_two_sentences_finds_both() -> None:
    line, text = best("terugtrekking Mensenrechtenraad zorgelijke trend multilaterale koers")
    assert line == 52
    assert text.startswith("Recent kwam daar")
    assert text.endswith("een minder multilaterale koers vaart.")


def test_hits_are_best_first_and_do_not_overlap() -> None:
    hits = find("Mensenrechtenraad", [SourceText(BUNDLED_TEXT)], limit=5)
    assert [h.passage.line for h in hits][:2] == [52, 54]
    scores = [h.passage.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for index, hit in enumerate(hits):
        assert not any(hit.overlaps(other) for other in hits[index + 1 :])


def test_nothing_close_finds_nothing() -> None:
    assert find("xyzzy plugh", [SourceText(BUNDLED_TEXT)]) == []
    assert find("", [SourceText(BUNDLED_TEXT)]) == []


@given(texts(), st.lists(PIECES, min_size=1, max_size=5))
@settings(max_examples=200, deadline=None)
def test_every_passage_found_for_a_phrase_is_verbatim(text: str, phrase: list[str]) -> None:
    source = SourceText(text)
    for hit in find(" ".join(phrase), [source], limit=10, floor=0.0):
        assert usable(source, hit.passage.text), hit.passage.text
