"""Whole-process timings of posities diff and log on a synthetic git history, next to floors.

Usage: python benchmarks/history_bench.py [--positions 1000] [--commits 5000] [--runs 3]

Builds a repository with `git fast-import`: one commit adding every position, then commits that
each change one to three files (a stance, a goal or an assessment date). Times, as separate
processes and interleaved: a diff floor (`git diff-tree` between the first and last commit,
`cat-file --batch` for both versions of every changed blob, parsed with PyYAML's C loader),
`posities diff FIRST LAST` with a cold and a warm blob cache, a log floor (`git log --raw` of one
file plus reading and parsing its blobs), `posities log ID`, and `posities log` over the whole
history (one pass of git log). Prints a Markdown table of medians and ratios.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT, STANCES, TRI, run, synthesize

READ_BLOBS = """
batch = subprocess.run(["git", "cat-file", "--batch"], cwd=top, capture_output=True, check=True,
                       input=b"".join(o + b"\\n" for o in sorted(oids))).stdout
at = 0
for _ in oids:
    end = batch.index(b"\\n", at)
    size = int(batch[at:end].split()[2])
    yaml.load(batch[end + 1 : end + 1 + size], Loader=yaml.CSafeLoader)
    at = end + 2 + size
"""

DIFF_FLOOR = """
import subprocess, sys, yaml
top, first, last = sys.argv[1:4]
out = subprocess.run(["git", "diff-tree", "-r", "-z", "--no-renames", "--no-ext-diff", first,
                      last, "--", "positions/"], cwd=top, capture_output=True, check=True).stdout
fields = out.split(b"\\0")
oids = []
for meta in fields[0::2]:
    words = meta.split()
    if len(words) >= 4:
        oids += [o for o in words[2:4] if set(o) != {ord("0")}]
"""


LOG_FLOOR = """
import subprocess, sys, yaml
top, path = sys.argv[1:3]
out = subprocess.run(["git", "log", "--raw", "-z", "--no-abbrev", "--format=%H", "--", path],
                     cwd=top, capture_output=True, check=True).stdout
oids = set()
for token in out.split(b"\\0"):
    token = token.strip()
    if token.startswith(b":"):
        oids.update(o for o in token.split()[2:4] if set(o) != {ord("0")})
"""


def build_history(top: Path, positions: int, commits: int, seed: int = 2) -> list[str]:
    """A repository at `top` with `commits` commits; returns the position ids."""
    rng = random.Random(seed)
    source = top.parent / "source"
    synthesize(source / "positions", positions)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (source / "positions").glob("*.yaml")}
    ids = sorted(texts)
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], check=True)
    stream: list[bytes] = []
    mark = 0
    when = 1_500_000_000

    def blob(text: str) -> int:
        nonlocal mark
        mark += 1
        data = text.encode("utf-8")
        stream.append(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
        return mark

    def commit(message: str, files: dict[str, int], parent: int | None) -> int:
        nonlocal mark, when
        mark += 1
        when += 3600
        body = message.encode()
        head = b"commit refs/heads/main\nmark :%d\n" % mark
        head += b"committer Bench <bench@example.org> %d +0000\n" % when
        head += b"data %d\n%s\n" % (len(body), body)
        if parent is not None:
            head += b"from :%d\n" % parent
        for ident, blob_mark in files.items():
            head += b"M 100644 :%d positions/%s.yaml\n" % (blob_mark, ident.encode())
        stream.append(head + b"\n")
        return mark

    parent = commit("Register", {ident: blob(texts[ident]) for ident in ids}, None)
    for number in range(1, commits):
        changed = {}
        for ident in rng.sample(ids, rng.randint(1, 3)):
            text = texts[ident]
            lines = text.splitlines(keepends=True)
            for index, line in enumerate(lines):
                if line.startswith("stance: ") and rng.random() < 0.5:
                    lines[index] = f"stance: {rng.choice(STANCES)}\n"
                elif line.startswith("goal_shared: ") and rng.random() < 0.5:
                    lines[index] = f"goal_shared: {rng.choice(TRI)}\n"
                elif line.startswith("updated: "):
                    day = f"20{rng.randint(10, 29)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                    lines[index] = f"updated: {day}\n"
            texts[ident] = "".join(lines)
            changed[ident] = blob(texts[ident])
        parent = commit(f"Change {number}", changed, parent)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=top, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=top, check=True)
    shutil.rmtree(source)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--positions", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="posities-history-"))
    top = work / "repo"
    started = time.perf_counter()
    ids = build_history(top, args.positions, args.commits)
    built = time.perf_counter() - started
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=top, capture_output=True, text=True
    ).stdout.strip()
    target = ids[len(ids) // 2]
    compileall.compile_dir(str(ROOT / "src" / "posities"), quiet=1)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSITIES_", "GIT_"))}
    env["POSITIES_CACHE_DIR"] = str(work / "cache")
    posities = [python, "-m", "posities"]
    cases = [
        (
            "diff floor: diff-tree + cat-file + CSafeLoader",
            [python, "-c", DIFF_FLOOR + READ_BLOBS, str(top), first, "HEAD"],
            "-",
        ),
        (
            "posities diff FIRST LAST, cold",
            [*posities, "diff", first, "HEAD", "-f", "json"],
            "cold",
        ),
        (
            "posities diff FIRST LAST, warm",
            [*posities, "diff", first, "HEAD", "-f", "json"],
            "warm",
        ),
        (
            "log floor: git log --raw -- path + blobs",
            [python, "-c", LOG_FLOOR + READ_BLOBS, str(top), f"positions/{target}.yaml"],
            "-",
        ),
        ("posities log ID, cold", [*posities, "log", target, "-f", "json"], "cold"),
        ("posities log (whole history), cold", [*posities, "log", "-f", "json"], "cold"),
        ("posities log (whole history), warm", [*posities, "log", "-f", "json"], "warm"),
    ]
    for _, argv, mode in cases:
        if mode == "warm":
            run(argv, dict(env), top)
    times: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    for _ in range(args.runs):
        for index, (_, argv, mode) in enumerate(cases):
            run_env = dict(env)
            if mode == "cold":
                run_env["POSITIES_CACHE_DIR"] = tempfile.mkdtemp(dir=work)
            times[index].append(run(argv, run_env, top)[0])
    medians = [statistics.median(times[i]) * 1000 for i in range(len(cases))]
    print(
        f"{args.positions:,} positions, {args.commits:,} commits (built in {built:.1f} s); "
        f"{args.runs} interleaved runs, medians; Python {sys.version.split()[0]}\n"
    )
    print("| command | median ms | ratio |")
    print("|---|---|---|")
    floor = medians[0]
    for index, (label, _, _) in enumerate(cases):
        if "floor" in label:
            floor = medians[index]
            ratio = "floor"
        elif "whole history" in label:
            ratio = "no floor (one pass of git log)"
        else:
            ratio = f"{medians[index] / floor:.2f}× floor"
        print(f"| {label} | {medians[index]:.0f} | {ratio} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
