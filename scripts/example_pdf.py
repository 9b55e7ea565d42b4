"""Write examples/bondgenoten-in-onzekere-tijden.pdf, the PDF the README adds with `text add`.

Usage: python scripts/example_pdf.py   (needs the test extra: reportlab, and DejaVu Sans)

The bundled letter's text (positions/texts/), printed on two pages as a letter is: each
superscript "e" raised after its number ("45e"), a running header ("Kamerbrief") and
a page number at the foot of each page, so that `text add` has what a real PDF has to mend. It
is a printing of the same words for the example, not the published PDF.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.documents import LETTER, Line, pdf  # noqa: E402  (the tests' own PDF writer)

TARGET = ROOT / "examples" / "bondgenoten-in-onzekere-tijden.pdf"
TITLE = "Bondgenoten in onzekere tijden"


def pages(lines: list[str], per_page: int) -> list[list[Line]]:
    """The letter's lines set on pages of `per_page` lines, with header and page number."""
    printed: list[list[Line]] = []
    y = 0.0
    superscript = False
    for number, text in enumerate(lines):
        if number % per_page == 0:
            printed.append([])
            y = 780.0
        if text.strip() == "e":
            superscript = True
            continue
        if not text.strip():
            y -= 6
            continue
        if superscript:
            text = re.sub(r"\b([0-9]{2}) ", r"\1^{e} ", text, count=1)
            superscript = False
        printed[-1].append(Line(text.rstrip(), 60, y, 8))
        y -= 11
    for index, page in enumerate(printed, 1):
        page.insert(0, Line("Kamerbrief", 60, 815, 7))
        page.append(Line(f"Pagina {index} van {len(printed)}", 280, 30, 7))
    return printed


def main() -> None:
    lines = LETTER.read_text(encoding="utf-8").splitlines()
    TARGET.write_bytes(pdf(pages(lines, 44), title=TITLE))
    print(f"wrote {TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
