"""Whole-register checks beyond one file's shape: quotes against their source texts."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .errors import Problem, YamlError, shown
from .quotes import SourceText
from .register import Register, decode, locate, problem_at


def check(register: Register) -> list[Problem]:
    """Every problem in the register: invalid files, duplicate ids, and quotes not found."""
    return sorted(
        register.problems + verify_quotes(register),
        key=lambda p: (p.path, p.line or 0, p.column or 0),
    )


def verify_quotes(register: Register) -> list[Problem]:
    """Each quote whose source names a local text must appear in that text."""
    texts: dict[Path, SourceText | str] = {}
    problems = []
    for position in register.positions:
        for index, source in enumerate(position.sources):
            if source.text is None:
                continue
            target = (register.root / source.text).resolve()
            if target not in texts:
                texts[target] = _load_text(target)
            loaded = texts[target]
            file = register.paths[position.id]
            if isinstance(loaded, str):
                where = locate(file, ("sources", index, "text"))
                problems.append(
                    problem_at(
                        file, where, f"sources[{index}].text {shown(source.text, 200)}: {loaded}"
                    )
                )
            elif not loaded.contains(source.quote):
                where = locate(file, ("sources", index, "quote"))
                problems.append(
                    problem_at(
                        file,
                        where,
                        f"sources[{index}].quote is not found verbatim in {shown(source.text, 200)}"
                        " (whitespace, line-break hyphens and quote marks aside); "
                        "copy it exactly from the text",
                    )
                )
    return problems


def _load_text(path: Path) -> SourceText | str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return "no such file (the path is relative to the register folder)"
    except IsADirectoryError:
        return "is a folder, not a text file"
    except OSError as error:
        return f"cannot read: {error.strerror}"
    try:
        return SourceText(decode(data))
    except YamlError as error:
        return f"{error.message} at line {error.location[0] if error.location else '?'}"


def stale(register: Register, days: int, today: datetime.date) -> list[Problem]:
    """Warnings for positions last assessed more than `days` days before `today`."""
    warnings = []
    for position in register.positions:
        age = (today - datetime.date.fromisoformat(position.updated)).days
        if age > days:
            file = register.paths[position.id]
            warnings.append(
                problem_at(
                    file,
                    locate(file, ("updated",)),
                    f"updated {position.updated} is {age} days ago, more than {days}: "
                    "reassess the stance and set updated to the day you did",
                    severity="warning",
                )
            )
    return warnings


_DURATION = re.compile(r"([0-9]+)([dwmy])\Z")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_duration(text: str) -> int:
    """`180d`, `26w`, `6m` (30-day months) or `1y` (365 days) as a number of days."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(text)
    return int(match.group(1)) * _UNIT_DAYS[match.group(2)]
