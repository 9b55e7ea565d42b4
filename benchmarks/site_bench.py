"""Timings and size of `posities site`, and of its page in Chromium.

Usage: python benchmarks/site_bench.py [--size 1000] [--runs 7]

Builds a register of `size` positions (the bundled ones, varied, as `bench.py` does), once
outside git and once committed in a fresh repository (two commits, so that every position has
a history), and times, as separate processes and interleaved with a warm cache, `posities
site -o FILE` of each and of the bundled register. Then opens the page of `size` positions in
Debian's Chromium (headless, through Playwright) `runs` times, each in a fresh page, and times
in the page: opening it (to the load event), filtering by stance, sorting by date, and a
search (each up to the next frame, so layout and paint count). Prints medians as Markdown
tables, with the page's size.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import BUNDLED, ROOT, run, synthesize, workspace

GIT = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}

TIMED = """async (action) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const started = performance.now();
  if (action === "filter") {
    const select = document.getElementById("f-stance");
    select.value = "critical";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  } else if (action === "sort") {
    document.querySelector("th[data-key=date] button").click();
  } else {
    const box = document.getElementById("f-search");
    box.value = "meningsverschillen";
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  await frame();
  return performance.now() - started;
}"""


def committed(register: Path) -> None:
    """`register`'s folder as a git repository of two commits: all but one position, then
    the last one with every other changed (its `updated` day), so each has two entries."""
    top = register.parent
    files = sorted(register.glob("*.yaml"))

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=top, env=GIT, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Register")
    for path in files:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("updated: 2026-", "updated: 2027-", 1), encoding="utf-8")
    git("commit", "-q", "-am", "Reassessed")


def in_browser(page_file: Path, runs: int) -> dict[str, list[float]]:
    """Milliseconds to open the page and to filter, sort and search it, `runs` times each."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"open": [], "filter": [], "sort": [], "search": []}
    with sync_playwright() as driver:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = driver.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=args
        )
        warm: Any = browser.new_page()  # the first page also starts the renderer
        warm.goto(page_file.as_uri())
        warm.close()
        for _ in range(runs):
            page: Any = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri())
            timing = page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " return n.loadEventEnd - n.startTime; }"
            )
            times["open"].append(timing)
            for action in ("filter", "sort", "search"):
                times[action].append(page.evaluate(TIMED, action))
            page.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    posities = [sys.executable, "-m", "posities", "site"]
    work, env = workspace("site-bench")
    plain = work / "plain" / "positions"
    synthesize(plain, args.size)
    in_git = work / "git" / "positions"
    synthesize(in_git, args.size)
    committed(in_git)
    shutil.copytree(BUNDLED, work / "bundled" / "positions")
    cases = [
        ("bundled register (5, not in git)", work / "bundled" / "positions"),
        (f"{args.size:,} positions, not in git", plain),
        (f"{args.size:,} positions in git (history: 2 commits)", in_git),
    ]
    compileall.compile_dir(str(ROOT / "src" / "posities"), quiet=1)
    time.sleep(2.5)  # files older than the cache's settling time, as in a register in use
    for _, folder in cases:  # the cache filled, and the page written once to measure
        run([*posities, "--dir", str(folder), "-o", str(folder.parent / "site.html")], env, ROOT)
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    peaks: dict[str, float] = dict.fromkeys(times, 0.0)
    for _ in range(args.runs):
        for label, folder in cases:
            out = folder.parent / "site.html"
            elapsed, peak = run([*posities, "--dir", str(folder), "-o", str(out)], env, ROOT)
            times[label].append(elapsed)
            peaks[label] = max(peaks[label], peak)
    print(f"{args.runs} interleaved runs, warm cache, medians; Python {sys.version.split()[0]}\n")
    print("| posities site | median ms | page MB | peak MB |")
    print("|---|---|---|---|")
    for label, folder in cases:
        size = (folder.parent / "site.html").stat().st_size / 1e6
        median = statistics.median(times[label]) * 1000
        print(f"| {label} | {median:.0f} | {size:.2f} | {peaks[label]:.0f} |")
    browser = in_browser(in_git.parent / "site.html", args.runs)
    print(f"\nChromium (headless), the page of {args.size:,} positions, {args.runs} fresh pages\n")
    print("| in the browser | median ms |")
    print("|---|---|")
    for action, values in browser.items():
        print(f"| {action} | {statistics.median(values):.0f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
