"""Whole-process timings of the multi-holder views next to today's warm `list`.

Usage: python benchmarks/holders_bench.py [--size 10000] [--runs 7]

Builds a register of `size` positions (the bundled ones, varied, as `bench.py` does), each with
three holders: the own holder's top-level statement, and `stances:` items of two more holders,
one of which changed its stance on a later day (three statements in all per position beyond the
top level). Times, as separate processes, interleaved, with a warm cache: `list` (the baseline),
`list --holder EU`, `list --on DATE`, `compare`, `compare --format json` and `timeline`. Prints
a Markdown table of medians and their ratio to `list`.
"""

from __future__ import annotations

import argparse
import compileall
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench import ROOT, STANCES, run, synthesize, workspace

STATEMENT = """\
  - holder: {holder}
    stance: {stance}
    goal_shared: {goal}
    means_differ: null
    since: {since}
{until}    sources:
      - title: Bondgenoten in onzekere tijden
        kind: kamerbrief
        text: texts/bondgenoten-in-onzekere-tijden.txt
        supports: [stance, goal_shared]
        quote: >-
          In een aantal gevallen bestaat bij deze forse meningsverschillen over de benadering
          wel overeenstemming met de VS over het te bereiken doel
    updated: 2026-11-28
"""


def with_holders(register: Path, seed: int = 2) -> None:
    """Give every position of `register` statements of EU (twice: a stance that changed) and
    DE, after dropping any `stances:` it had, and declare the holders."""
    rng = random.Random(seed)
    (register / "posities.toml").write_text(
        'holder = "NL"\n\n[holders]\n'
        'NL = { nl = "Nederland", en = "the Netherlands" }\n'
        'EU = { nl = "Europese Unie", en = "European Union" }\n'
        'DE = { nl = "Duitsland", en = "Germany" }\n'
        'US = { nl = "Verenigde Staten", en = "the United States" }\n',
        encoding="utf-8",
    )
    for path in register.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").split("\nstances:\n")[0].rstrip("\n") + "\n"
        day = re.search(r"^  date: (\d{4})", text, flags=re.MULTILINE)
        year = int(day.group(1)) if day else 2018
        items = [
            ("EU", f"{year}-02-01", f"    until: {year + 1}-03-01\n"),
            ("EU", f"{year + 1}-03-01", ""),
            ("DE", f"{year}-04-15", ""),
        ]
        text += "stances:\n" + "".join(
            STATEMENT.format(
                holder=holder,
                stance=rng.choice(STANCES),
                goal=rng.choice(["true", "false"]),
                since=since,
                until=until,
            )
            for holder, since, until in items
        )
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    posities = [sys.executable, "-m", "posities"]
    work, env = workspace("holders-bench")
    register = work / "positions"
    synthesize(register, args.size)
    with_holders(register)
    folder = ["--dir", str(register)]
    cases = [
        ("list (baseline)", [*posities, "list", *folder]),
        ("list --holder EU", [*posities, "list", "--holder", "EU", *folder]),
        ("list --on 2019-06-01", [*posities, "list", "--on", "2019-06-01", *folder]),
        ("compare", [*posities, "compare", *folder]),
        ("compare --format json", [*posities, "compare", "--format", "json", *folder]),
        ("timeline", [*posities, "timeline", *folder]),
    ]
    compileall.compile_dir(str(ROOT / "src" / "posities"), quiet=1)
    time.sleep(2.5)  # files older than the cache's settling time, as in a register in use
    run([*posities, "check", *folder], dict(env), ROOT)  # valid, and the cache filled
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    peaks: dict[str, float] = dict.fromkeys(times, 0.0)
    for _ in range(args.runs):
        for label, argv in cases:
            elapsed, peak = run(argv, dict(env), ROOT)
            times[label].append(elapsed)
            peaks[label] = max(peaks[label], peak)
    medians = {label: statistics.median(t) * 1000 for label, t in times.items()}
    base = medians["list (baseline)"]
    print(f"{args.runs} interleaved runs, warm cache, medians; {args.size:,} positions with")
    print(f"three holders each; Python {sys.version.split()[0]}\n")
    print("| command | median ms | ratio to list | peak MB |")
    print("|---|---|---|---|")
    for label, _ in cases:
        ratio = "baseline" if label == "list (baseline)" else f"{medians[label] / base:.2f}×"
        print(f"| posities {label} | {medians[label]:.0f} | {ratio} | {peaks[label]:.0f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
