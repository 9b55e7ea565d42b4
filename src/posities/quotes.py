"""Checking that a quote appears verbatim in the text of its source.

Differences that come from how a document was copied are ignored: runs of whitespace and line
breaks, words hyphenated across a line break, typographic versus straight quote marks, and soft
hyphens. Everything else, down to punctuation and case, must match.
"""

from __future__ import annotations

import re

_QUOTE_MARKS = str.maketrans(
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
_BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")


def normalize(text: str) -> str:
    """`text` with quote marks made straight and whitespace runs made one space."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


class SourceText:
    """A document's text, prepared once for many quote lookups."""

    def __init__(self, text: str) -> None:
        # A hyphen at a line end is either a word broken by the layout or a real hyphen
        # (Trans-\nAtlantische); keep one version of each.
        self.joined = normalize(_BROKEN_WORD.sub("", text))
        self.hyphenated = normalize(_BROKEN_WORD.sub("-", text))

    def contains(self, quote: str) -> bool:
        """Whether `quote` appears in the text, ignoring copy differences."""
        wanted = normalize(quote)
        return bool(wanted) and (wanted in self.joined or wanted in self.hyphenated)
