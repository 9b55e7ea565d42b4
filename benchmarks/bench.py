"""Whole-process timings of posities next to floors measured in the same run.

Usage: python benchmarks/bench.py [--sizes 1000 10000] [--runs 7]

Builds synthetic registers of realistic positions (the bundled ones, varied), then times, as
separate processes and interleaved, the import floor (`import typer, rich.table, ruamel.yaml`),
a parse floor (a plain script reading the same files with PyYAML's C loader), and posities
`list`, `list --format json` (cold cache and warm) and `check`. The package is byte-compiled
first, as `pip install` leaves it. Prints a Markdown table of
medians, ratios to the floors and peak memory (max RSS) of each command.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "positions"
STANCES = ["supports", "neutral", "concerned", "critical", "opposes"]
TRI = ["true", "false", "null"]
TOPICS = ["climate", "trade", "iran", "middle-east", "human-rights", "security", "migration"]

PARSE_FLOOR = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def synthesize(target: Path, count: int, seed: int = 1) -> None:
    """`count` positions under `target`, made from the bundled ones with varied fields."""
    rng = random.Random(seed)
    templates = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.yaml"))]
    target.mkdir(parents=True)
    shutil.copytree(BUNDLED / "texts", target / "texts")
    for number in range(count):
        text = templates[number % len(templates)]
        original = re.search(r"^id: (.+)$", text, flags=re.MULTILINE).group(1)  # type: ignore[union-attr]
        ident = f"{original}-{number}"
        year = rng.randint(1990, 2030)
        text = text.replace(f"id: {original}", f"id: {ident}", 1)
        text = text.replace("stance: critical", f"stance: {rng.choice(STANCES)}")
        for field in ("goal_shared", "means_differ"):
            for value in TRI:
                text = text.replace(f"{field}: {value}", f"{field}: {rng.choice(TRI)}")
        text = _redate(text, year, rng)
        # sources without `supports` back every claim, whatever values were drawn above
        text = "".join(line for line in text.splitlines(True) if "supports: [" not in line)
        text = text.replace("topics: [", f"topics: [{rng.choice(TOPICS)}-{number % 50}, ", 1)
        text = text.replace("  en: ", f"  en: ({number}) ", 1)
        (target / f"{ident}.yaml").write_text(text, encoding="utf-8")


def _redate(text: str, year: int, rng: random.Random) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip().startswith("date: 20"):
            indent = line[: len(line) - len(line.lstrip())]
            line = f"{indent}date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
        lines.append(line)
    return "".join(lines)


def workspace(name: str) -> tuple[Path, dict[str, str]]:
    """A new folder for one benchmark's files, and the environment its processes run in:
    no POSITIES_ setting of the user's, and a cache of its own in that folder."""
    work = Path(tempfile.mkdtemp(prefix=f"posities-{name}-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSITIES_")}
    env["POSITIES_CACHE_DIR"] = str(work / "cache")
    return work, env


def run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one process; its output is discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read() if process.stderr else b""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0,):
        raise SystemExit(f"{command} failed ({process.returncode}): {stderr.decode()[:500]}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    posities = [python, "-m", "posities"]
    work, base_env = workspace("bench")
    cases: list[tuple[str, int, list[str], Path, str]] = []  # label, n, argv, cwd, cache mode
    floor_import = [python, "-c", "import typer, rich.table, ruamel.yaml"]
    cases.append(("import floor: typer, rich.table, ruamel.yaml", 5, floor_import, ROOT, "-"))
    cases.append(("posities list (bundled register)", 5, [*posities, "list"], ROOT, "warm"))
    for size in args.sizes:
        register = work / f"r{size}" / "positions"
        synthesize(register, size)
        folder = ["--dir", str(register)]
        cases += [
            (
                "parse floor: PyYAML CSafeLoader",
                size,
                [python, "-c", PARSE_FLOOR, str(register)],
                ROOT,
                "-",
            ),
            (
                "posities list --format json, cold",
                size,
                [*posities, "list", "-f", "json", *folder],
                ROOT,
                "cold",
            ),
            (
                "posities list --format json, warm",
                size,
                [*posities, "list", "-f", "json", *folder],
                ROOT,
                "warm",
            ),
            ("posities list", size, [*posities, "list", *folder], ROOT, "warm"),
            ("posities check, cold", size, [*posities, "check", *folder], ROOT, "cold"),
        ]
    # as `pip install` does: without bytecode every run would compile the package first
    compileall.compile_dir(str(ROOT / "src" / "posities"), quiet=1)
    time.sleep(2.5)  # files older than the cache's settling time, as in a register in use
    times: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    peaks: dict[int, float] = dict.fromkeys(range(len(cases)), 0.0)
    for _, _, argv, cwd, mode in cases:
        if mode == "warm":
            run(argv, dict(base_env), cwd)  # fill the cache
    for _ in range(args.runs):
        for index, (_, _, argv, cwd, mode) in enumerate(cases):
            env = dict(base_env)
            if mode == "cold":
                env["POSITIES_CACHE_DIR"] = tempfile.mkdtemp(dir=work)
            elapsed, peak = run(argv, env, cwd)
            times[index].append(elapsed)
            peaks[index] = max(peaks[index], peak)
    medians = {i: statistics.median(t) * 1000 for i, t in times.items()}
    floors = {
        label_n: medians[i]
        for i, (label, n, *_rest) in enumerate(cases)
        for label_n in [(label, n)]
        if "floor" in label
    }
    import_floor = medians[0]
    print(f"{args.runs} interleaved runs, medians; Python {sys.version.split()[0]}\n")
    print("| command | positions | median ms | ratio | peak MB |")
    print("|---|---|---|---|---|")
    for index, (label, n, *_rest) in enumerate(cases):
        if "floor" in label:
            ratio = "floor"
        elif n == 5:
            ratio = f"{medians[index] / import_floor:.2f}× import floor"
        else:
            floor = floors[("parse floor: PyYAML CSafeLoader", n)]
            ratio = f"{medians[index] / floor:.2f}× parse floor"
        print(f"| {label} | {n:,} | {medians[index]:.0f} | {ratio} | {peaks[index]:.0f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
