"""Dates and durations: what files and options accept, and how memos write them."""

from __future__ import annotations

import pytest

from posities.model.dates import date_problem, is_day, long_date, parse_duration, today
from posities.model.words import Lang


@pytest.mark.parametrize("text", ["2018", "2018-05", "2018-05-08", "2024-02-29"])
def test_partial_dates_are_accepted_where_partial(text: str) -> None:
    assert date_problem(text, partial=True) is None


@pytest.mark.parametrize("text", ["2018", "2018-05"])
def test_whole_days_are_required_where_not_partial(text: str) -> None:
    assert date_problem(text, partial=False) == "expected a date as YYYY-MM-DD"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("8 mei 2018", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2018-5-8", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2023-02-29", "impossible date: day is out of range for month"),
        ("2018-13", "impossible date: month must be in 1..12"),
    ],
)
def test_a_wrong_date_says_why(text: str, why: str) -> None:
    assert date_problem(text, partial=True) == why


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2018-05-08", True),
        ("2018-02-30", False),
        ("2018-05", False),
        ("20180508", False),
        ("2018-W19-2", False),
        ("", False),
    ],
)
def test_is_day_takes_only_existing_days_written_in_full(text: str, day: bool) -> None:
    assert is_day(text) is day


@pytest.mark.parametrize(
    ("text", "days"), [("180d", 180), ("26w", 182), ("6m", 180), ("1y", 365), (" 2Y ", 730)]
)
def test_durations_in_days(text: str, days: int) -> None:
    assert parse_duration(text) == days


@pytest.mark.parametrize("text", ["", "d", "6", "6 months", "-1d", "1.5y"])
def test_a_wrong_duration_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError) as raised:  # noqa: PT011 (the args are checked below)
        parse_duration(text)
    assert raised.value.args == (text,)


def test_long_dates_in_both_languages() -> None:
    assert long_date("2018-05-08", Lang.NL) == "8 mei 2018"
    assert long_date("2018-05-08", Lang.EN) == "8 May 2018"
    assert long_date("2017-06", Lang.NL) == "juni 2017"
    assert long_date("2017", Lang.EN) == "2017"


def test_today_is_a_day() -> None:
    assert is_day(today())


def test_long_dates() -> None:
    assert long_date("2026-11-28", Lang.NL) == "28 november 2026"
    assert long_date("2026-03-01", Lang.EN) == "1 March 2026"
    assert long_date("2018-05", Lang.NL) == "mei 2018"
    assert long_date("2018", Lang.EN) == "2018"


def test_the_last_day_of_a_partial_date() -> None:
    from posities.model.dates import last_day

    assert last_day("2020-02") == "2020-02-29"
    assert last_day("2021-02") == "2021-02-28"
    assert last_day("2021-12") == "2021-12-31"
    assert last_day("2021") == "2021-12-31"
    assert last_day("2021-06-15") == "2021-06-15"
