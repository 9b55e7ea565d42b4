"""Checking that a quote appears verbatim in the text of its source.

Differences that come from how a document was copied are ignored: runs of whitespace and line
breaks, words hyphenated across a line break, typographic versus straight quote marks, and soft
hyphens. Everything else, down to punctuation and case, must match. Finding the passages of a
text that a quote or a rough phrase is closest to is left to `passages`, imported only then.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .passages import Passage, Word

QUOTE_MARKS = str.maketrans(
    {
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
        "\u00ad": None,
    }
)
_SPACE = re.compile(r"\s+")
BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")


def normalize(text: str) -> str:
    """`text` with quote marks made straight and whitespace runs made one space."""
    return _SPACE.sub(" ", text.translate(QUOTE_MARKS)).strip()


class SourceText:
    """A document's text, prepared once for many quote lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        # A hyphen at a line end is either a word broken by the layout or a real hyphen
        # (Trans-\nAtlantische); keep one version of each.
        self.joined = normalize(BROKEN_WORD.sub("", text))
        self.hyphenated = normalize(BROKEN_WORD.sub("-", text))

    def contains(self, quote: str) -> bool:
        """Whether `quote` appears in the text, ignoring copy differences."""
        wanted = normalize(quote)
        return bool(wanted) and (wanted in self.joined or wanted in self.hyphenated)

    @cached_property
    def words(self) -> list[Word]:
        """The text's words, joined across line-break hyphens as `joined` joins them."""
        from .passages import words

        return words(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The text's sentences, as spans of `words`."""
        from .passages import sentences

        return sentences(self.words)

    def passage(self, start: int, end: int) -> str:
        """Words `start` to `end` exactly as the text has them (whitespace made one space)."""
        from .passages import render_words

        return render_words(self.words[start:end])

    def closest(self, quote: str) -> Passage | None:
        """The passage most like `quote`, with the words that differ; None for an empty text."""
        from .passages import closest

        return closest(self.words, quote)
