"""Dates and durations: what files and options may say, and how memos write a date.

Files hold ISO dates (`2018-05-08`, or `2018-05`/`2018` where only that is known); options take
whole days (`--since 2018-05-08`) and durations (`180d`); memos write "8 mei 2018".
"""

from __future__ import annotations

import datetime
import re

from posities.model.words import MONTHS, Lang

DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
"""YYYY, YYYY-MM or YYYY-MM-DD."""
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
"""YYYY-MM-DD only."""
_DURATION = re.compile(r"([0-9]+)([dwmy])\Z")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def date_problem(text: str, partial: bool) -> str | None:
    """Why `text` is not an acceptable date in a file, or None if it is one; `partial` also
    allows YYYY-MM and YYYY."""
    match = DATE.match(text)
    if not match or (not partial and match.group(3) is None):
        return "expected a date as YYYY-MM-DD" + (", YYYY-MM or YYYY" if partial else "")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as error:
        return f"impossible date: {error}"
    return None


def is_day(text: str) -> bool:
    """Whether `text` is a day that exists, written YYYY-MM-DD."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return DAY.match(text) is not None


def parse_duration(text: str) -> int:
    """`180d`, `26w`, `6m` (30-day months) or `1y` (365 days) as a number of days; a
    `ValueError` otherwise."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(text)
    return int(match.group(1)) * _UNIT_DAYS[match.group(2)]


def long_date(iso: str, lang: Lang) -> str:
    """A date as a memo writes it: "28 november 2026" (nl), "28 November 2026" (en); a partial
    date (YYYY-MM, YYYY) keeps only what it has."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[lang][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def today() -> str:
    """Today's date, YYYY-MM-DD."""
    return datetime.date.today().isoformat()


def last_day(date: str) -> str:
    """A date as the day it ends: `2021-02` as `2021-02-28`, `2021` as `2021-12-31`; a whole
    day as itself (the end of a period given as a partial date, `--to 2021`)."""
    import calendar

    parts = date.split("-")
    if len(parts) == 3:
        return date
    if len(parts) == 1:
        return f"{date}-12-31"
    days = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
    return f"{date}-{days:02d}"
