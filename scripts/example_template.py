"""Write examples/brief.docx, the example Word template the README's docx example uses.

Usage: python scripts/example_template.py

A plain memo in python-docx's default styles (which include the table style "Light List
Accent 1"): a heading, a subject line, the paragraph `{{ posities }}` where a report goes, a
closing line, and a header and footer of its own. It is an example of a house template, not
anyone's real one.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

TARGET = Path(__file__).resolve().parent.parent / "examples" / "brief.docx"


def main() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Voorbeeldsjabloon"
    section.footer.paragraphs[0].text = "Nota over standpunten"
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading("Nota", level=0)
    document.add_paragraph(
        "Onderwerp: standpunten ten aanzien van besluiten van de Verenigde Staten"
    )
    document.add_paragraph("{{ posities }}")
    document.add_paragraph("Einde nota.")
    properties = document.core_properties
    properties.title = "Voorbeeldsjabloon"
    properties.author = "posities"
    document.save(TARGET)
    print(f"wrote {TARGET.relative_to(TARGET.parent.parent)}")


if __name__ == "__main__":
    main()
