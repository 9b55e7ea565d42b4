"""`posities site` through the command line: the page written to -o or a pipe (never a
terminal), the state line, --holder, --on, --at and --lang, the history in git, and the
refusals: an unverified quote, a file inside the register, an undeclared holder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.model.dates import long_date, today

from ..conftest import BUNDLED, commit, git, invoke, minimal
from ..render.test_html import Node, external, parse
from ..render.test_site import by_id, data_of, table_rows
from .test_quote import LETTER

EXAMPLE = BUNDLED.parent / "examples" / "holders" / "positions"
IDS = ["paris-agreement", "jerusalem-embassy", "steel-aluminium-tariffs", "jcpoa"]
IDS.append("human-rights-council")


def _page(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_site_writes_one_page_with_a_row_and_a_section_per_position(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "register.html"
    assert invoke(runner, "site", "-o", str(target)) == (0, "", f"wrote {target}\n")
    page = _page(target)
    root = parse(page)
    assert [s.attrs["id"] for s in root.all("section")] == ["pictures"] + [f"pos-{i}" for i in IDS]
    assert [(r[0], r[3]) for r in table_rows(root)] == [(i, h) for i in IDS for h in ("NL", "EU")]
    state = root.all("p")[0].words()
    assert state.startswith("Register state: not under version control, contents ")
    assert state.endswith("; 5 of 5 positions.")
    assert external(page) == ["script", "script", "script"]
    assert [o.words() for o in by_id(root, "f-holder").all("option")] == [
        "all",
        "the Netherlands (NL)",
        "Europe (EU)",
    ]
    assert "History" not in [h.words() for h in root.all("h3")]  # not in git


def test_site_writes_to_standard_output_when_it_is_not_a_terminal(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    code, out, err = invoke(runner, "site")
    assert (code, err) == (0, "")
    target = tmp_path / "register.html"
    invoke(runner, "site", "-o", str(target))
    assert out == _page(target)
    assert invoke(runner, "site", "-o", "-")[1] == out


def test_site_refuses_to_write_a_page_on_a_terminal(bundled: Path) -> None:
    from ..terminal import in_terminal

    shown = in_terminal(["site"], bundled.parent)
    assert (shown.code, shown.out) == (2, "")
    assert shown.err == "error: site writes a whole HTML page: name a file with -o FILE.html\n"
    written = in_terminal(["site", "-o", "r.html"], bundled.parent)
    assert (written.code, written.out, written.err) == (0, "", "wrote r.html\n")
    assert parse(_page(bundled.parent / "r.html")).all("section")


def test_site_refuses_a_file_inside_the_register(runner: CliRunner, bundled: Path) -> None:
    assert invoke(runner, "site", "-o", "positions/register.html") == (
        2,
        "",
        "error: positions/register.html is inside the register folder positions: a report is "
        "never written there; choose a path outside it\n",
    )
    assert not (bundled / "register.html").exists()


def test_site_refuses_a_quote_not_in_its_text(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    text = bundled / LETTER
    text.write_text(text.read_text(encoding="utf-8").replace("Mensenrechtenraad bij", "Raad bij"))
    target = tmp_path / "register.html"
    code, out, err = invoke(runner, "site", "-o", str(target))
    assert (code, out) == (1, "")
    assert err.startswith(
        "error: the register has 1 problem in 1 file; nothing was printed. Run `posities check` "
        "to see them all.\n  positions/human-rights-council.yaml:"
    )
    assert not target.exists()


def test_site_in_dutch(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "site", "--lang", "nl")
    assert code == 0
    root = parse(out)
    assert root.all("html")[0].attrs["lang"] == "nl"
    assert root.all("h1")[0].words() == "Register van standpunten"
    assert root.all("p")[0].words().startswith("Stand van het register: niet onder versiebeheer")
    assert table_rows(root)[0][2:5] == ["1 juni 2017", "NL", "kritisch"]
    assert data_of(root)["count"] == "{shown} van {total} standpunten getoond"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The illustrative register of three holders, as positions/ here."""
    target = tmp_path / "work" / "positions"
    shutil.copytree(EXAMPLE, target)
    return target


def test_site_for_another_holder_on_a_day(runner: CliRunner, example: Path) -> None:
    code, out, err = invoke(runner, "site", "--holder", "eu", "--on", "2018-04-01")
    assert (code, err) == (0, "")
    root = parse(out)
    assert (
        root.all("p")[0]
        .words()
        .endswith(
            "; 3 of 3 positions; selection: stance of: European Union (EU); "
            "in force on 1 April 2018."
        )
    )
    selected = [
        o.attrs["value"] for o in by_id(root, "f-holder").all("option") if "selected" in o.attrs
    ]
    assert selected == ["EU"]
    rows = table_rows(root)
    assert [(r[0], r[3], r[4]) for r in rows[:3]] == [
        ("paris-withdrawal", "EU", "critical"),
        ("paris-withdrawal", "NL", "critical"),
        ("paris-withdrawal", "DE", "critical"),
    ]
    assert [(r[0], r[3], r[4]) for r in rows[3:5]] == [
        ("steel-tariffs", "EU", "concerned"),
        ("steel-tariffs", "NL", "critical"),
    ]
    assert [r[4] for r in rows[6:]] == ["not stated"] * 3  # paris-return: not yet decided
    steel = by_id(root, "pos-steel-tariffs")
    marked = [h.words() for h in steel.all("h4") if "in force" in h.words()]
    assert marked == [
        "European Union (EU), since 8 March 2018 until 1 June 2018 (in force 1 April 2018)",
        "the Netherlands (NL), since 8 March 2018 (in force 1 April 2018)",
        "Germany (DE), since 9 March 2018 (in force 1 April 2018)",
    ]


def _decisions_in(node: Node, kind: str) -> list[list[str]]:
    """For each element of class `kind` ("cell", "lane") under `node`, the ids it draws."""
    groups = [n for n in _every(node) if n.attrs.get("class") == kind]
    if kind == "lane":
        return [[g.attrs["data-id"] or ""] for g in groups]
    return [
        [d.attrs["data-id"] or "" for d in _every(g) if d.attrs.get("class") == "decision"]
        for g in groups
    ]


def _every(node: Node) -> list[Node]:
    return [n for child in node.children for n in (child, *_every(child))]


def test_site_pictures_are_the_holders_matrix_on_the_day_and_the_timeline(
    runner: CliRunner, example: Path
) -> None:
    _, out, _ = invoke(runner, "site", "--holder", "EU", "--on", "2018-04-01")
    matrix = by_id(parse(out), "picture-matrix")
    _, alone, _ = invoke(runner, "matrix", "--holder", "EU", "--on", "2018-04-01", "-f", "svg")
    assert _decisions_in(matrix, "cell") == _decisions_in(parse(alone), "cell")
    assert sum(map(len, _decisions_in(matrix, "cell"))) == 2  # paris-return: not yet decided
    assert matrix.all("figcaption")[0].words() == "Goal shared and means differ"
    timeline = by_id(parse(out), "picture-timeline")
    _, alone, _ = invoke(runner, "timeline", "-f", "svg")
    assert _decisions_in(timeline, "lane") == _decisions_in(parse(alone), "lane")
    assert len(_decisions_in(timeline, "lane")) == 3


def test_site_shows_todays_statements_by_default(runner: CliRunner, example: Path) -> None:
    root = parse(invoke(runner, "site")[1])
    marked = [h.words() for h in root.all("h4") if "in force" in h.words()]
    assert all(h.endswith(f"(in force {long_date(today(), 'en')})") for h in marked)
    assert len(marked) == 9  # three holders on each of three decisions
    assert root.all("p")[0].words().endswith("; 3 of 3 positions.")


def test_site_refuses_an_undeclared_holder(runner: CliRunner, example: Path) -> None:
    assert invoke(runner, "site", "--holder", "FR") == (
        2,
        "",
        "error: holder 'FR' is not declared in posities.toml. Declared: NL, EU, DE, US\n",
    )
    code, _, err = invoke(runner, "site", "--on", "2018-13-01")
    assert code == 2
    assert "'2018-13-01' is not a day: expected YYYY-MM-DD (or today)" in err


def test_site_in_git_has_each_positions_history(runner: CliRunner, history: Path) -> None:
    code, out, err = invoke(runner, "site")
    assert (code, err) == (0, "")
    root = parse(out)
    head = git(history, "rev-parse", "HEAD").strip()
    assert root.all("p")[0].words() == (
        f"Register state: 1 March 2019, commit {head[:7]}; 2 of 2 positions."
    )
    commits = git(history, "log", "--format=%H").split()
    a_rows = _history_rows(root, "a-decision")
    assert a_rows == [
        [
            "15 January 2019",
            commits[1][:12],
            "stance: critical → opposes",
            "goal shared: not stated → yes",
        ],
        ["1 June 2018", commits[2][:12], "new position"],
    ]
    # a commit that changed only a comment is not a change
    assert _history_rows(root, "b-decision") == [["1 June 2018", commits[2][:12], "new position"]]


def _history_rows(root: Node, ident: str) -> list[list[str]]:
    """A decision's history as (day, commit, what changed, each change a line)."""
    section = by_id(root, f"pos-{ident}")
    assert [h.words() for h in section.all("h3")][-1] == "History"
    table = section.all("table")[0]
    rows = []
    for tr in table.all("tbody")[0].all("tr"):
        day, commit, what = tr.all("td")
        rows.append([day.words(), commit.words(), *(li.words() for li in what.all("li"))])
    return rows


def test_site_at_a_revision_shows_the_register_and_its_history_then(
    runner: CliRunner, history: Path
) -> None:
    commits = git(history, "log", "--format=%H").split()
    code, out, err = invoke(runner, "site", "--at", "2018-12-31")
    assert (code, err) == (0, "")
    root = parse(out)
    assert root.all("p")[0].words() == (
        f"Register state: 1 June 2018, commit {commits[2][:7]}; 2 of 2 positions."
    )
    assert table_rows(root)[0][4] == "critical"
    assert _history_rows(root, "a-decision") == [["1 June 2018", commits[2][:12], "new position"]]


def test_site_of_an_empty_register_is_a_page_with_no_rows(
    runner: CliRunner, empty_register: Path
) -> None:
    code, out, err = invoke(runner, "site")
    assert (code, err) == (0, "")
    root = parse(out)
    assert table_rows(root) == []
    assert root.all("section") == []
    assert data_of(root)["total"] == 0
    assert root.all("p")[0].words().endswith("; 0 of 0 positions.")


def test_site_history_skips_an_invalid_version_and_shows_a_removal(
    runner: CliRunner, repo: Path
) -> None:
    added = commit(
        repo, "Add", "2018-01-01", a_decision=minimal(), b_decision=minimal("b-decision")
    )
    bad = commit(repo, "Break", "2018-02-01", a_decision=minimal(stance="maybe"))
    fixed = commit(repo, "Fix", "2018-03-01", a_decision=minimal(stance="opposes"))
    gone = commit(repo, "Drop b", "2018-04-01", b_decision=None)
    back = commit(repo, "Restore b", "2018-05-01", b_decision=minimal("b-decision"))
    code, out, err = invoke(runner, "site")
    assert code == 0
    assert err == (
        f"warning: {bad[:12]}:positions/a-decision.yaml:11:9: stance: the string 'maybe' is not "
        "valid. Valid values: supports, neutral, concerned, critical, opposes (this version is "
        "left out of the history)\n"
    )
    root = parse(out)
    assert _history_rows(root, "a-decision") == [
        ["1 March 2018", fixed[:12], "stance: critical → opposes"],
        ["1 January 2018", added[:12], "new position"],
    ]
    assert _history_rows(root, "b-decision") == [
        ["1 May 2018", back[:12], "new position"],
        ["1 April 2018", gone[:12], "position removed"],
        ["1 January 2018", added[:12], "new position"],
    ]
