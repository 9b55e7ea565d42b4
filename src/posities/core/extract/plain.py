"""Plain text read as it is: UTF-8 (with or without a byte order mark), UTF-16 with one, or
else Windows-1252 with a warning; pages at form feeds, paragraphs at blank lines."""

from __future__ import annotations

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


def extract_txt(data: bytes) -> Extracted:
    """A plain-text file's pages of paragraphs."""
    text, warning = decode(data)
    version = ".".join(str(n) for n in sys.version_info[:3])
    warnings = (warning,) if warning else ()
    return Extracted(paragraphs(text), None, "python", version, warnings, hyphens=False)
