"""Write examples/bondgenoten-in-onzekere-tijden.pdf, the PDF the README adds with `text add`.

Usage: python scripts/example_pdf.py   (needs the test extra: reportlab, and DejaVu Sans)

The bundled letter's text (positions/texts/), printed on two pages as a letter is: each
superscript "e" raised after its number ("45e"), a running header ("Kamerbrief") and
a page number at the foot of each page, so that `text add` has what a real PDF has to mend. It
is a printing of the same words for the example, not the published PDF.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.documents import LETTER, letter_pdf  # noqa: E402  (the tests' own PDF writer)

TARGET = ROOT / "examples" / "bondgenoten-in-onzekere-tijden.pdf"


def main() -> None:
    lines = len(LETTER.read_text(encoding="utf-8").splitlines())
    TARGET.write_bytes(letter_pdf(lines, 44, "Kamerbrief"))
    print(f"wrote {TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
