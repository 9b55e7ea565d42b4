"""The whole check of a register (`posities check`): its problems, and as warnings unread
files, quotes with no text, and stale or future assessments."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from posities.core.register import Register, locate, problem_at
from posities.core.verify import unchecked_quotes, verify_quotes
from posities.errors import Problem, display_path, in_file_order

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class Report:
    """What `posities check` found: every problem and warning in file order, a summary line
    per kind, and whether the check fails (problems, or warnings under `--strict`)."""

    reported: list[Problem]
    summary: list[str]
    failed: bool


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else noun + 's'}"


def report(
    register: Register, days: int | None, today: datetime.date, strict: bool, stale_text: str = ""
) -> Report:
    """The whole check of a register: its problems, and as warnings its unread files, quotes
    with no text to check and (given `days`) stale stances; `strict` makes warnings errors."""
    import dataclasses

    problems = check(register)
    aged = stale(register, days, today) if days is not None else []
    kinds = [
        (_nothing_read(register), "folder", "with no position files"),
        (register.warnings, "file", "not read"),
        (aged, "position", f"not reassessed within {stale_text}"),
        (future(register, today), "position", "assessed in the future"),
        (unchecked_quotes(register), "quote", "with no local text to check against"),
        *_text_kinds(register, problems),
    ]
    warnings = [w for found, _, _ in kinds for w in found]
    summary = []
    if warnings and not strict:  # under --strict they are counted with the problems
        words = "; ".join(f"{_plural(len(f), noun)} {what}" for f, noun, what in kinds if f)
        summary.append(f"{_plural(len(warnings), 'warning')}: {words}.")
    if strict:
        problems += [dataclasses.replace(w, severity="error") for w in warnings]
        warnings = []
    if problems:
        files = len({p.path for p in problems})
        summary.append(f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}.")
    else:
        summary.append(f"{_plural(len(register.positions), 'position')} checked: no problems.")
    reported = in_file_order(problems + warnings)
    return Report(reported, summary, failed=bool(problems))


def _nothing_read(register: Register) -> list[Problem]:
    """A warning when the folder holds no position file at all (a wrong --dir, say), so that a
    strict check never passes on nothing."""
    if register.positions or register.problems:
        return []
    message = "no position files (ID.yaml) in this folder: nothing was checked"
    return [Problem(display_path(register.root), None, None, message, "warning")]


def check(register: Register) -> list[Problem]:
    """Every problem in the register: invalid files, duplicate ids, and quotes not found."""
    return in_file_order(register.problems + verify_quotes(register))


def stale(register: Register, days: int, today: datetime.date) -> list[Problem]:
    """Warnings for positions last assessed more than `days` days before `today`."""

    def say(updated: datetime.date) -> str | None:
        age = (today - updated).days
        if age <= days:
            return None
        return (
            f"is {_plural(age, 'day')} ago, more than {_plural(days, 'day')}: reassess the "
            "stance and set updated to the day you did"
        )

    return _updated_warnings(register, say)


def future(register: Register, today: datetime.date) -> list[Problem]:
    """Warnings for positions said to be assessed after `today`: a typo that would keep
    `--stale` from ever warning of them."""

    def say(updated: datetime.date) -> str | None:
        if updated <= today:
            return None
        return "is in the future: set it to the day the stance was assessed"

    return _updated_warnings(register, say)


def _updated_warnings(
    register: Register, say: Callable[[datetime.date], str | None]
) -> list[Problem]:
    """A warning at each position's `updated` line for which `say` has something to say."""
    warnings = []
    for position in register.positions:
        assert position.updated is not None, "a record as read"
        said = say(datetime.date.fromisoformat(position.updated))
        if said is not None:
            file = register.paths[position.id]
            where = locate(file, ("updated",))
            message = f"updated {position.updated} {said}"
            warnings.append(problem_at(file, where, message, severity="warning"))
    return warnings


def _text_kinds(
    register: Register, problems: list[Problem]
) -> list[tuple[list[Problem], str, str]]:
    """The warnings about the register's source texts, by kind: a provenance or kept
    original that does not hold, and a text no quote cites, said only when every position
    file was read and valid (one that was not may cite it). At a revision there are none:
    the texts of the work tree are not the texts of then."""
    if register.at is not None:
        return []
    from posities.core.sourcetexts import text_warnings

    uncited, others = text_warnings(register.root, register.positions)
    if problems or register.warnings or not register.positions:
        uncited = []
    return [
        (uncited, "text", "cited by no quote"),
        (others, "source text", "whose origin does not hold"),
    ]


def check_folder(root: Path, days: int | None, strict: bool, stale_text: str = "") -> Report:
    """`check`: the whole check (see `report`) of the register at `root`, as of today."""
    from posities.core.register import load

    return report(load(root), days, datetime.date.today(), strict, stale_text)
