"""Render the README's pictures from the bundled register, as a reader would see them.

Usage: python scripts/readme_images.py

- docs/images/word-memo.png: `posities list --disagree --format docx` with a classification,
  opened in LibreOffice (converted to PDF headless) and its first page rendered by pdftoppm;
- docs/images/site.png: `posities site` opened in headless Chromium;
- docs/images/matrix.svg and docs/images/timeline.svg: the pictures as posities writes them.

Needs `posities` installed, and LibreOffice (`soffice`), poppler (`pdftoppm`) and Chromium
(`chromium`): on Debian, `apt-get install libreoffice-writer-nogui poppler-utils chromium
fonts-crosextra-carlito` (Carlito has Calibri's metrics, so the page is laid out as Word lays it
out).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
REGISTER = ROOT / "positions"


def posities(*args: str) -> None:
    """Run posities on the bundled register; stop on failure."""
    subprocess.run([sys.executable, "-m", "posities", *args, "--dir", str(REGISTER)], check=True)


def needs(*programs: str) -> None:
    """Stop with a message when a program this script drives is missing."""
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        sys.exit(f"missing: {', '.join(missing)} (see this script's docstring)")


def word_memo(work: Path) -> None:
    """The Word memo, as LibreOffice lays out its first page."""
    memo = work / "memo.docx"
    posities(
        "list",
        "--disagree",
        "--columns",
        "id,title,date,stance,goal_shared,means_differ",
        "--format",
        "docx",
        "--lang",
        "nl",
        "--sources",
        "--classification",
        "DEPARTEMENTAAL VERTROUWELIJK",
        "-o",
        str(memo),
    )
    profile = (work / "lo-profile").as_uri()  # its own profile: no clash with a running office
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(memo),
        ],
        check=True,
        capture_output=True,
    )
    target = IMAGES / "word-memo"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "96",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(work / "memo.pdf"),
            str(target),
        ],
        check=True,
    )


def site(work: Path) -> None:
    """The register site as Chromium shows it."""
    page = work / "register.html"
    posities("site", "--lang", "nl", "-o", str(page))
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1280,900",
            f"--screenshot={IMAGES / 'site.png'}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


def pictures() -> None:
    """The matrix and the timeline as SVG."""
    posities("matrix", "--format", "svg", "--lang", "nl", "-o", str(IMAGES / "matrix.svg"))
    posities("timeline", "--format", "svg", "--lang", "nl", "-o", str(IMAGES / "timeline.svg"))


def main() -> None:
    needs("soffice", "pdftoppm", "chromium")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="posities-images-") as folder:
        work = Path(folder)
        word_memo(work)
        site(work)
    pictures()
    for path in sorted(IMAGES.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
