"""The illustrative register under examples/holders: it checks clean, it shows several holders,
a reversed decision and a stance that changed, and it says everywhere that it is invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from .conftest import invoke

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "holders"
REGISTER = EXAMPLE / "positions"
MARK = "Invented for illustration"


def listed(runner: CliRunner, *args: str, warned: str = "") -> dict[str, dict[str, Any]]:
    """`posities list --dir examples/holders ARGS --format json`, by id."""
    code, out, err = invoke(runner, "list", "--dir", str(EXAMPLE), *args, "--format", "json")
    assert (code, err) == (0, warned)
    return {record["id"]: record for record in json.loads(out)}


def test_the_example_register_checks_clean_and_strict(runner: CliRunner) -> None:
    for strict in ((), ("--strict",)):
        assert invoke(runner, "check", "--dir", str(EXAMPLE), *strict) == (
            0,
            "",
            "3 positions checked: no problems.\n",
        )


def test_the_example_register_is_laid_out_as_fmt_lays_it_out(runner: CliRunner) -> None:
    assert invoke(runner, "fmt", "--dir", str(EXAMPLE), "--check") == (
        0,
        "",
        "0 files would be laid out, 3 already in layout.\n",
    )


def test_it_declares_its_holders_with_dutch_and_english_names() -> None:
    from posities.core.holders import read_holders

    holders, problems = read_holders(REGISTER)
    assert problems == []
    assert holders.own == "NL"
    assert {
        code: (holders.name(code, "nl"), holders.name(code, "en")) for code in holders.names
    } == {
        "NL": ("Nederland", "the Netherlands"),
        "EU": ("Europese Unie", "European Union"),
        "DE": ("Duitsland", "Germany"),
        "US": ("Verenigde Staten", "United States"),
    }


def test_three_holders_state_a_stance_on_every_decision(runner: CliRunner) -> None:
    on = ("--on", "2021-12-01")
    for holder in ("NL", "EU", "DE"):
        stances = {i: r["stance"] for i, r in listed(runner, "--holder", holder, *on).items()}
        assert set(stances) == {"paris-withdrawal", "steel-tariffs", "paris-return"}
        assert None not in stances.values(), holder
    # the actor is declared but states nothing: not stated, never a stance made up for it
    warned = "warning: no position has a statement of US: every stance shown is not stated\n"
    assert {r["stance"] for r in listed(runner, "--holder", "US", *on, warned=warned).values()} == {
        None
    }


def test_the_return_to_paris_reverses_the_withdrawal(runner: CliRunner) -> None:
    records = listed(runner)
    assert records["paris-return"]["relations"] == [{"type": "reverses", "id": "paris-withdrawal"}]
    assert (
        records["paris-return"]["decision"]["date"]
        > records["paris-withdrawal"]["decision"]["date"]
    )
    assert [m["date"] for m in records["paris-withdrawal"]["decision"]["milestones"]] == [
        "2019-11-04",
        "2020-11-04",
    ]


def test_the_own_stance_on_the_withdrawal_changed_when_it_was_decided(runner: CliRunner) -> None:
    def stance_on(day: str) -> str | None:
        stance: str | None = listed(runner, "--holder", "NL", "--on", day)["paris-withdrawal"][
            "stance"
        ]
        return stance

    assert stance_on("2017-05-29") is None  # before the first letter: not stated
    assert stance_on("2017-05-31") == "concerned"  # on the review the US announced
    assert stance_on("2017-06-02") == "critical"  # on the withdrawal


def test_the_eu_stance_on_the_tariffs_changed_when_they_came_to_apply(runner: CliRunner) -> None:
    def stance_on(day: str) -> str | None:
        stance: str | None = listed(runner, "--holder", "EU", "--on", day)["steel-tariffs"][
            "stance"
        ]
        return stance

    assert (stance_on("2018-05-31"), stance_on("2018-06-01")) == ("concerned", "opposes")


def test_null_where_the_texts_are_silent(runner: CliRunner) -> None:
    record = listed(runner, "--holder", "DE", "--on", "2021-12-01")["paris-return"]
    assert (record["stance"], record["goal_shared"], record["means_differ"]) == (
        "supports",
        None,
        None,
    )


def test_every_source_text_says_it_is_invented_and_is_quoted() -> None:
    texts = sorted((REGISTER / "texts").iterdir())
    assert len(texts) >= 3
    for path in texts:
        opening = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert MARK in opening, path.name
    quoted = set()
    for position in REGISTER.glob("*.yaml"):
        quoted |= {
            line.split("text: ", 1)[1]
            for line in position.read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith("text: ")
        }
    assert quoted == {f"texts/{path.name}" for path in texts}


def test_the_folder_says_it_is_invented() -> None:
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "invented for illustration" in readme.split("\n\n", 2)[1]
    assert "invented for illustration" in (REGISTER / "posities.toml").read_text(encoding="utf-8")
