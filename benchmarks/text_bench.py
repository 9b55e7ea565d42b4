"""Whole-process timings of `text add` on PDFs of growing length, and of `text list`.

Usage: python benchmarks/text_bench.py [--runs 5]   (needs the test extra: reportlab)

Prints the bundled letter's lines on PDFs of 2, 20 and 100 pages (60 lines a page, a running
header and page numbers, as `tests/documents.py` draws them), and times, as separate
processes, `posities text add --replace` of each into a copy of the bundled register, then
`text list` with those texts beside the bundled one. Prints medians as a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys

from bench import BUNDLED, ROOT, run, workspace

sys.path.insert(0, str(ROOT))

from tests.documents import LETTER, Line, pdf  # the tests' own PDF writer

LINES_PER_PAGE = 60


def document(pages: int) -> bytes:
    """`pages` pages of the letter's lines, over and over, under a header and page numbers."""
    text = [line.rstrip() for line in LETTER.read_text(encoding="utf-8").splitlines()]
    text = [line for line in text if line.strip() and line.strip() != "e"]
    drawn = []
    for page in range(pages):
        lines = [Line("Kamerbrief", 60, 815, 7)]
        for row in range(LINES_PER_PAGE):
            words = text[(page * LINES_PER_PAGE + row) % len(text)]
            lines.append(Line(words, 60, 780 - row * 12, 8))
        lines.append(Line(f"Pagina {page + 1} van {pages}", 280, 30, 7))
        drawn.append(lines)
    return pdf(drawn, title=f"Proef van {pages} pagina's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    posities = [sys.executable, "-m", "posities"]
    work, env = workspace("text-bench")
    register = work / "positions"
    shutil.copytree(BUNDLED, register)
    cases = []
    for pages in (2, 20, 100):
        path = work / f"proef-{pages}.pdf"
        path.write_bytes(document(pages))
        command = [*posities, "text", "add", str(path), "--id", f"proef-{pages}", "--replace"]
        cases.append((f"text add, {pages}-page PDF", [*command, "--dir", str(register)]))
    cases.append(("text list (4 texts)", [*posities, "text", "list", "--dir", str(register)]))
    for _, command in cases:
        run(command, dict(env), ROOT)  # each text there once, and the cache filled
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    peaks = dict.fromkeys(times, 0.0)
    for _ in range(args.runs):
        for label, command in cases:
            elapsed, peak = run(command, dict(env), ROOT)
            times[label].append(elapsed)
            peaks[label] = max(peaks[label], peak)
    print(f"{args.runs} interleaved runs, medians; Python {sys.version.split()[0]}\n")
    print("| command | median ms | peak MB |")
    print("|---|---|---|")
    for label, _ in cases:
        median = statistics.median(times[label]) * 1000
        print(f"| posities {label} | {median:.0f} | {peaks[label]:.0f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
