"""Whole-process timings of the memo documents next to the Markdown memo they carry.

Usage: python benchmarks/documents_bench.py [--runs 7] [--size 1000]

Times, as separate processes, interleaved, with a warm cache: on the bundled register,
`list --sources` as Markdown (the baseline), HTML, Word and a spreadsheet, `compare` as Word,
`matrix` and `timeline` as SVG, and `site`; on a register of `size` positions (the bundled
ones, varied, as `bench.py` does), `list --sources` as Markdown, Word and a spreadsheet, and
`site`. Prints a Markdown table of medians, their ratio to the baseline of the same register,
peak memory and the size of what was written.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench import BUNDLED, ROOT, run, synthesize, workspace

CASES = [
    ("list --sources, markdown (baseline)", ["list", "--sources", "-f", "markdown"], "md"),
    ("list --sources, html", ["list", "--sources", "-f", "html"], "html"),
    ("list --sources, docx", ["list", "--sources", "-f", "docx"], "docx"),
    ("list, xlsx", ["list", "-f", "xlsx"], "xlsx"),
    ("compare, docx", ["compare", "-f", "docx"], "docx"),
    ("matrix, svg", ["matrix", "-f", "svg"], "svg"),
    ("timeline, svg", ["timeline", "-f", "svg"], "svg"),
    ("site", ["site"], "html"),
]
"""What is timed on the bundled register: a label, the command's arguments, the file's suffix."""

LARGE = {"list --sources, markdown (baseline)", "list --sources, docx", "list, xlsx", "site"}
"""What is also timed on the large register."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    posities = [sys.executable, "-m", "posities"]
    work, env = workspace("documents-bench")
    large = work / "large"
    synthesize(large, args.size)
    registers = {"bundled": BUNDLED, f"{args.size:,} positions": large}
    runs: list[tuple[str, str, list[str], Path]] = []
    for name, register in registers.items():
        for label, argv, suffix in CASES:
            if register is large and label not in LARGE:
                continue
            out = work / f"{name.split()[0]}-{label.split(',')[0].replace(' ', '-')}.{suffix}"
            command = [*posities, *argv, "--dir", str(register), "-o", str(out)]
            runs.append((name, label, command, out))
    compileall.compile_dir(str(ROOT / "src" / "posities"), quiet=1)
    time.sleep(2.5)  # files older than the cache's settling time, as in a register in use
    for register in registers.values():
        run([*posities, "check", "--dir", str(register)], dict(env), ROOT)  # the cache filled
    times: dict[tuple[str, str], list[float]] = {(n, label): [] for n, label, _, _ in runs}
    peaks = dict.fromkeys(times, 0.0)
    for _ in range(args.runs):
        for name, label, command, _ in runs:
            elapsed, peak = run(command, dict(env), ROOT)
            times[(name, label)].append(elapsed)
            peaks[(name, label)] = max(peaks[(name, label)], peak)
    print(f"{args.runs} interleaved runs, warm cache, medians; Python {sys.version.split()[0]}\n")
    print("| register | command | median ms | ratio to markdown | peak MB | written |")
    print("|---|---|---|---|---|---|")
    for name, label, _, out in runs:
        median = statistics.median(times[(name, label)]) * 1000
        base = statistics.median(times[(name, CASES[0][0])]) * 1000
        ratio = "baseline" if label == CASES[0][0] else f"{median / base:.2f}×"
        size = f"{out.stat().st_size / 1024:,.0f} KB"
        print(
            f"| {name} | {label} | {median:.0f} | {ratio} | {peaks[(name, label)]:.0f} | {size} |"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
