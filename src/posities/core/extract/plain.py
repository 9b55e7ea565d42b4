"""Plain text read as it is: UTF-8 (with or without a byte order mark), UTF-16 with one, or
else Windows-1252 with a warning; pages at form feeds, paragraphs at blank lines."""

from __future__ import annotations

import re
import sys

from posities.core.extract import Extracted, Unreadable
from posities.core.repair import paragraphs

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of `data` and, when it was not UTF-8, a warning naming the encoding read."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), None
            except UnicodeDecodeError as error:
                raise Unreadable(
                    f"not valid {codec.upper()} at byte {error.start + len(bom)}, though it "
                    "begins with that encoding's byte order mark; save it again as UTF-8"
                ) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        at = error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise Unreadable(
            f"not UTF-8 (byte {at} is not), nor Windows-1252; save it again as UTF-8"
        ) from None
    return text, (
        f"not UTF-8 (byte {at} is not): read as Windows-1252 (cp1252); check its accents "
        "and quote marks"
    )


BINARY_SHARE = 0.01
"""A text with more than this share of control characters (other than tabs, line and page
breaks) is no text but a binary file."""
_BINARY = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def extract_txt(data: bytes) -> Extracted:
    """A plain-text file's pages of paragraphs; `Unreadable` for a file that is not text (NUL
    bytes, many control characters)."""
    text, warning = decode(data)
    controls = len(_BINARY.findall(text))
    if "\x00" in text or controls > BINARY_SHARE * len(text):
        raise Unreadable(
            f"not text: it holds {controls:,} control characters (NUL bytes among them?), as a "
            "binary file does; give the document itself (PDF, HTML, Word or plain text)"
        )
    version = ".".join(str(n) for n in sys.version_info[:3])
    warnings = (warning,) if warning else ()
    return Extracted(paragraphs(text), None, "python", version, warnings, hyphens=False)
