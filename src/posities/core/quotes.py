"""Checking that a quote appears verbatim in the text of its source.

Differences that come from how a document was copied are ignored: runs of whitespace and line
breaks, words hyphenated across a line break (with a hyphen, U+2010, U+2011 or a soft hyphen),
typographic versus straight quote marks and hyphens, soft hyphens, characters that show nothing
(`INVISIBLE`: zero-width spaces and joiners, the marks that set the direction of right-to-left
text; never a word edge, so that "de", a zero-width space and "stabiliserende" read as the word
"destabiliserende"), and composed versus decomposed accents (both sides are compared in NFC).
Everything else, down to punctuation and case, must match, and a quote must start and end on
whole words of the text: "stabiliserende" is not found in "destabiliserende". Finding the
passages of a text that a quote or a rough phrase is closest to is left to `passages`, imported
only then.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posities.core.passages import Passage, Word

INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner; word joiner; BOM
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # direction
)
"""Characters that show nothing: a text's words are read as if they were not there."""
_UNSEEN = re.compile(f"[{INVISIBLE}]")
QUOTE_MARKS = str.maketrans(
    {
        **dict.fromkeys(INVISIBLE),
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": None,
    }
)
_SPACE = re.compile(r"\s+")
SOFT_HYPHEN = "\u00ad"
BROKEN_WORD = re.compile(r"(?<=\w)[-\u2010\u2011\u00ad][ \t]*\r?\n\s*(?=\w)")
"""A word broken across a line end by a hyphen (or a soft hyphen)."""
_JOINERS = "-'"
"""Characters that hold a word together between two letters or digits: Trans-Atlantische, zo'n."""
_NUMBER_JOINERS = ".,"
"""Characters that hold a number together between two digits: 825.000, 3,5."""


def nfc(text: str) -> str:
    """`text` with its accents composed (NFC), so that é typed either way is the same."""
    if text.isascii():
        return text
    import unicodedata

    return unicodedata.normalize("NFC", text)


def normalize(text: str) -> str:
    """`text` in NFC, with quote marks and hyphens made straight and whitespace runs made one
    space."""
    return _SPACE.sub(" ", nfc(text.translate(QUOTE_MARKS))).strip()


def _unbreak(match: re.Match[str]) -> str:
    """A line-break hyphen kept as a hyphen; a soft one is dropped."""
    return "" if match.group().startswith(SOFT_HYPHEN) else "-"


def _word_char(char: str) -> bool:
    """Whether `char` belongs to a word: a letter or digit, or an accent combined with one."""
    if char.isalnum():
        return True
    if char.isascii():
        return False
    import unicodedata

    return unicodedata.category(char).startswith("M")


def inside_word(text: str, at: int) -> bool:
    """Whether offset `at` of `text` falls inside a word, so that a quote may not start or end
    there: between two letters or digits, or on either side of a hyphen or apostrophe that
    joins two (Trans-Atlantische), or of a dot or comma inside a number (825.000)."""
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if _word_char(before):
        if _word_char(after):
            return True
        return at + 1 < len(text) and _joins(after, before, text[at + 1])
    return _word_char(after) and at >= 2 and _joins(before, text[at - 2], after)


def _joins(char: str, before: str, after: str) -> bool:
    """Whether `char`, standing between `before` and `after`, joins them into one word."""
    if char in _JOINERS:
        return _word_char(before) and _word_char(after)
    return char in _NUMBER_JOINERS and before.isdigit() and after.isdigit()


_TRIED_ONE_BY_ONE = 32
"""Occurrences tried one by one before the regex engine skips those inside words (a short quote
can occur inside thousands of words of a long text)."""


def occurs_whole(text: str, wanted: str) -> bool:
    """Whether `wanted` occurs in `text` starting and ending on word boundaries (any of its
    occurrences: the first may be inside a word and a later one whole)."""
    end = len(wanted)
    at = text.find(wanted)
    for _ in range(_TRIED_ONE_BY_ONE):
        if at < 0:
            return False
        if not inside_word(text, at) and not inside_word(text, at + end):
            return True
        at = text.find(wanted, at + 1)
    pattern = _at_edges(wanted)
    while at >= 0 and (match := pattern.search(text, at)) is not None:
        at = match.start()
        if not inside_word(text, at) and not inside_word(text, at + end):
            return True
        at += 1
    return False


def _at_edges(wanted: str) -> re.Pattern[str]:
    """`wanted` where no letter or digit of the text runs on from a letter or digit at either
    of its edges (the lookbehind follows the literal, so that the engine can search for it)."""
    literal = re.escape(wanted)
    pattern = literal
    if wanted[0].isalnum():
        pattern += rf"(?<![^\W_]{literal})"
    if wanted[-1].isalnum():
        pattern += r"(?![^\W_])"
    return re.compile(pattern)


class SourceText:
    """A document's text, prepared once for many quote lookups."""

    def __init__(self, text: str) -> None:
        self.text = text = nfc(_UNSEEN.sub("", text))
        # A hyphen at a line end is either a word broken by the layout or a real hyphen
        # (Trans-\nAtlantische); keep one version of each. A soft hyphen is never real.
        self.joined = normalize(BROKEN_WORD.sub("", text))
        self.hyphenated = normalize(BROKEN_WORD.sub(_unbreak, text))
        self._verdicts: dict[str, bool] = {}

    def contains(self, quote: str) -> bool:
        """Whether `quote` appears in the text as whole words, ignoring copy differences."""
        wanted = normalize(quote)
        found = self._verdicts.get(wanted)
        if found is None:
            found = self._verdicts[wanted] = bool(wanted) and (
                occurs_whole(self.joined, wanted) or occurs_whole(self.hyphenated, wanted)
            )
        return found

    def cut(self, quote: str) -> bool:
        """Whether `quote` appears in the text at all, whole words or not: when `contains` says
        no, whether the quote was cut mid-word."""
        wanted = normalize(quote)
        return bool(wanted) and (wanted in self.joined or wanted in self.hyphenated)

    @cached_property
    def words(self) -> list[Word]:
        """The text's words, joined across line-break hyphens as `joined` joins them."""
        from posities.core.passages import words

        return words(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The text's sentences, as spans of `words`."""
        from posities.core.passages import sentences

        return sentences(self.words)

    def passage(self, start: int, end: int) -> str:
        """Words `start` to `end` exactly as the text has them (whitespace made one space)."""
        from posities.core.passages import render_words

        return render_words(self.words[start:end])

    def closest(self, quote: str) -> Passage | None:
        """The passage most like `quote`, with the words that differ; None for an empty text."""
        from posities.core.passages import closest

        return closest(self.words, quote)
