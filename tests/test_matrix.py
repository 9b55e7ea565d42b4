"""The goal shared x means differ matrix."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from posities.core.query import quadrants
from posities.core.register import load

from .conftest import BUNDLED, invoke, minimal, write


def test_every_cell_exists_and_unknown_is_never_no() -> None:
    cells = quadrants(load(BUNDLED, use_cache=False).positions)
    assert len(cells) == 9
    assert [p.id for p in cells[(True, True)]] == ["jcpoa", "human-rights-council"]
    assert [p.id for p in cells[(None, None)]] == [
        "paris-agreement",
        "jerusalem-embassy",
        "steel-aluminium-tariffs",
    ]
    assert cells[(False, False)] == cells[(True, False)] == []


def test_matrix_piped_names_each_cell(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "matrix")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [
        "Goal shared: yes, Means differ: yes (same goal, other means)",
        "  jcpoa, human-rights-council",
    ]
    assert lines[-2:] == [
        "Goal shared: not stated, Means differ: not stated",
        "  paris-agreement, jerusalem-embassy, steel-aluminium-tariffs",
    ]


def test_matrix_as_a_dutch_memo_table(runner: CliRunner, bundled: Path) -> None:
    _, out, _ = invoke(runner, "matrix", "--format", "markdown", "--lang", "nl")
    lines = out.splitlines()
    assert lines[0] == "| Doel gedeeld ↓ / Middelen verschillen → | ja | nee | niet vermeld |"
    assert lines[2] == (
        "| ja | **Zelfde doel, andere weg:** Eenzijdige opzegging van het JCPOA (nucleair "
        "akkoord met Iran) (jcpoa); Terugtrekking uit de VN-Mensenrechtenraad "
        "(human-rights-council) | **Zelfde doel, zelfde weg:** — | — |"
    )
    assert lines[4].startswith("| niet vermeld | — | — | Terugtrekking uit het klimaatakkoord")
    assert lines[-1].startswith("*Stand van het register: ")


def test_matrix_filters_and_json(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal(goal_shared="false", topics="trade"))
    write(empty_register, "b-decision.yaml", minimal("b-decision", topics="iran"))
    _, out, _ = invoke(runner, "matrix", "--topic", "trade", "--format", "json")
    cells = {(c["goal_shared"], c["means_differ"]): c for c in json.loads(out)}
    assert cells[(False, None)]["ids"] == ["a-decision"]
    assert cells[(None, None)]["ids"] == []
    assert cells[(True, True)]["label"] == "same goal, other means"
    assert cells[(None, None)]["label"] is None


def test_matrix_csv_headings_follow_the_language(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "matrix", "--format", "csv", "--lang", "nl")
    assert code == 0
    assert out.splitlines()[0] == "Doel gedeeld,Middelen verschillen,kwadrant,besluiten"
    code, out, _ = invoke(runner, "matrix", "--format", "csv")
    assert out.splitlines()[0] == "Goal shared,Means differ,label,ids"
