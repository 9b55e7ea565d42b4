"""`matrix --format svg` and `timeline --format svg` through the command line, read back as
XML: the picture on stdout or in the file -o names, every decision of the bundled register
in its cell and its lane, and the filters, period and language applied."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from ..conftest import invoke, minimal, write
from ..render.test_svg import NS, find, parse, shown, squeezed, tooltip


def titles(register: Path, lang: str = "en") -> dict[str, str]:
    """Each decision's title in the register's files, read by PyYAML."""
    found = {}
    for path in sorted(register.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["id"]] = data["title"][lang]
    return found


def placed(root: object) -> dict[tuple[str | None, str | None], list[str | None]]:
    """The ids in each cell of a matrix picture."""
    return {
        (cell.get("data-goal"), cell.get("data-means")): [
            g.get("data-id") for g in find(cell, "decision")
        ]
        for cell in find(root, "cell")  # type: ignore[arg-type]
    }


def test_matrix_svg_has_every_decision_in_the_cell_json_puts_it_in(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, err = invoke(runner, "matrix", "--format", "svg")
    assert (code, err) == (0, "")
    root = parse(out)
    _, data, _ = invoke(runner, "matrix", "--format", "json")
    words = {True: "yes", False: "no", None: "unknown"}
    expected = {
        (words[cell["goal_shared"]], words[cell["means_differ"]]): cell["ids"]
        for cell in json.loads(data)
    }
    assert placed(root) == expected
    assert expected[("yes", "yes")] == ["jcpoa", "human-rights-council"]
    named = titles(bundled)
    for g in find(root, "decision"):
        assert tooltip(g) == named[g.get("data-id") or ""]
        assert squeezed(shown(g)) == squeezed(named[g.get("data-id") or ""])
    assert sorted(g.get("data-id") for g in find(root, "decision")) == sorted(named)
    state = shown(find(root, "state")[0])
    assert state.startswith("Register state: not under version control, contents ")
    assert state.endswith("; 5 of 5 positions.")


def test_matrix_svg_in_dutch(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "matrix", "-f", "svg", "--lang", "nl")
    root = parse(out)
    assert code == 0
    assert root.findtext(f"{NS}title") == "Doel gedeeld en middelen verschillen"
    assert shown(find(root, "matrix")[0]).startswith("Middelen verschillen → Doel gedeeld ↓ ja")
    cell = find(root, "cell", goal="yes", means="yes")[0]
    assert shown(cell).startswith("Zelfde doel, andere weg Eenzijdige opzegging")
    named = titles(bundled, "nl")
    assert [tooltip(g) for g in find(cell, "decision")] == [
        named["jcpoa"],
        named["human-rights-council"],
    ]
    assert shown(find(root, "state")[0]).startswith("Stand van het register: ")


def test_matrix_svg_of_another_holder(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "matrix", "--format", "svg", "--holder", "EU")
    assert code == 0
    assert err == (
        "note: not in the matrix, no statement of EU in force today: human-rights-council, "
        "jerusalem-embassy, paris-agreement, steel-aluminium-tariffs\n"
    )
    root = parse(out)
    assert {key: ids for key, ids in placed(root).items() if ids} == {("yes", "yes"): ["jcpoa"]}
    assert " ".join(shown(find(root, "state")[0]).split()).endswith(
        "1 of 5 positions; selection: stance of: Europe (EU)."
    )


def test_matrix_svg_to_a_file_is_what_stdout_gets(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "matrix.svg"
    code, out, err = invoke(runner, "matrix", "-f", "svg", "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="ascii") == invoke(runner, "matrix", "-f", "svg")[1]
    parse(target.read_text(encoding="ascii"))


def test_matrix_svg_of_an_empty_register_says_so(runner: CliRunner, empty_register: Path) -> None:
    code, out, err = invoke(runner, "matrix", "-f", "svg")
    assert (code, err) == (0, "")
    root = parse(out)
    assert shown(find(root, "empty")[0]) == "No decisions in this selection."
    assert shown(find(root, "state")[0]).endswith("; 0 of 0 positions.")


def test_matrix_svg_escapes_a_hostile_title(runner: CliRunner, empty_register: Path) -> None:
    hostile = '"<b>Tariffs</b> & </svg> ]]>"'
    write(empty_register, "a-decision.yaml", minimal().replace("A decision", hostile))
    code, out, _ = invoke(runner, "matrix", "-f", "svg")
    assert code == 0
    (g,) = find(parse(out), "decision")
    assert shown(g) == "<b>Tariffs</b> & </svg> ]]>"
    assert "<b>" not in out


def test_timeline_svg_has_a_lane_per_decision_with_its_statements(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, err = invoke(runner, "timeline", "--format", "svg")
    assert (code, err) == (0, "")
    root = parse(out)
    lanes = find(root, "lane")
    assert [lane.get("data-id") for lane in lanes] == [
        "paris-agreement",
        "jerusalem-embassy",
        "steel-aluminium-tariffs",
        "jcpoa",
        "human-rights-council",
    ]
    named = titles(bundled)
    assert [tooltip(lane) for lane in lanes] == [named[lane.get("data-id") or ""] for lane in lanes]
    jcpoa = lanes[3]
    assert [shown(g) for g in find(jcpoa, "statement")] == ["EU: critical", "NL: critical"]
    assert [g.get("data-date") for g in find(lanes[1], "milestone")] == ["2018-05-14"]
    starts = [
        float(g.find(f"{NS}line").get("x1", ""))  # type: ignore[union-attr]
        for lane in lanes
        for g in find(lane, "statement", holder="NL")
    ]
    assert starts == sorted(starts)
    assert len(set(starts)) == 5


def test_timeline_svg_of_a_period_and_in_dutch(runner: CliRunner, bundled: Path) -> None:
    args = ["timeline", "-f", "svg", "--from", "2018", "--to", "2018-05-31", "--lang", "nl"]
    code, out, err = invoke(runner, *args)
    assert (code, err) == (0, "")
    root = parse(out)
    assert root.findtext(f"{NS}title") == "Tijdlijn"
    lanes = find(root, "lane")
    assert [lane.get("data-id") for lane in lanes] == [
        "steel-aluminium-tariffs",
        "jcpoa",
        "jerusalem-embassy",
    ]
    assert find(lanes[2], "decision-date") == []  # decided before the period; its milestone in it
    assert [shown(g) for g in find(lanes[1], "statement")] == ["EU: kritisch", "NL: kritisch"]
    state = " ".join(shown(find(root, "state")[0]).split())
    assert state.endswith(
        "3 van 5 standpunten; selectie: van 1 januari 2018 tot en met 31 mei 2018."
    )


def test_timeline_svg_with_nothing_in_the_period_is_a_picture_that_says_so(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "timeline.svg"
    code, out, err = invoke(runner, "timeline", "-f", "svg", "--from", "2030", "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    root = parse(target.read_text(encoding="ascii"))
    assert shown(find(root, "empty")[0]) == "No events in this selection."


def test_svg_is_not_a_fragment(runner: CliRunner, bundled: Path) -> None:
    for command in ("matrix", "timeline"):
        code, out, err = invoke(runner, command, "-f", "svg", "--fragment")
        assert (code, out) == (2, "")
        assert "--fragment needs --format html" in err
