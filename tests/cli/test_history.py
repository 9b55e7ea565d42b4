"""`posities diff` and `log`: the register over time, against real git repositories built in
tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.render import driver as gitdriver

from .. import demo
from ..conftest import CLEAN_ENV, commit, git, invoke, minimal, own_statement_item, write
from ..render.test_html import cells, parse
from .test_editing import LONG, TOO_LONG

# --- diff -----------------------------------------------------------------------------------


def test_diff_between_two_dates_as_json(runner: CliRunner, history: Path) -> None:
    first = git(history, "rev-parse", "HEAD~2").strip()
    second = git(history, "rev-parse", "HEAD~1").strip()
    code, out, _ = invoke(runner, "diff", "2018-06-30", "2019-01-31", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "from": {"rev": first, "date": "2018-06-01T12:00:00+00:00"},
        "to": {"rev": second, "date": "2019-01-15T12:00:00+00:00"},
        "added": [],
        "removed": [],
        "changed": [
            {
                "id": "a-decision",
                "changes": [
                    {"field": "stance", "old": "critical", "new": "opposes"},
                    {"field": "goal_shared", "old": None, "new": True},
                ],
            }
        ],
    }


def test_comment_only_edits_are_no_change(runner: CliRunner, history: Path) -> None:
    code, out, _ = invoke(runner, "diff", "HEAD~1", "HEAD", "--format", "json", "--exit-code")
    assert code == 0
    assert json.loads(out)["changed"] == []


def test_diff_without_arguments_compares_head_with_uncommitted_edits(
    runner: CliRunner, history: Path
) -> None:
    write(history / "positions", "c-decision.yaml", minimal("c-decision"))
    (history / "positions" / "b-decision.yaml").unlink()
    code, out, _ = invoke(runner, "diff", "--exit-code")
    assert code == 1
    head = git(history, "rev-parse", "HEAD").strip()
    assert out.splitlines() == [
        f"Changes from {head[:12]} (2019-03-01) to working tree: 1 added, 1 removed, 0 changed",
        "",
        "+ c-decision  A decision (critical)",
        "- b-decision  A decision",
    ]


def test_one_point_is_compared_with_the_working_tree(runner: CliRunner, history: Path) -> None:
    code, out, _ = invoke(runner, "diff", "2018-06-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["to"] == {"rev": None, "date": None}
    assert [c["id"] for c in data["changed"]] == ["a-decision"]


def test_diff_filters_keep_positions_matching_at_either_point(
    runner: CliRunner, history: Path
) -> None:
    _, out, _ = invoke(runner, "diff", "2018-06-01", "HEAD", "--stance", "opposes", "-f", "json")
    assert [c["id"] for c in json.loads(out)["changed"]] == ["a-decision"]
    _, out, _ = invoke(runner, "diff", "2018-06-01", "HEAD", "--stance", "critical", "-f", "json")
    assert [c["id"] for c in json.loads(out)["changed"]] == ["a-decision"]
    _, out, _ = invoke(runner, "diff", "2018-06-01", "HEAD", "--agree", "-f", "json")
    assert json.loads(out)["changed"] == []


def test_a_topic_that_matches_nothing_is_warned_of(runner: CliRunner, history: Path) -> None:
    code, _, err = invoke(runner, "diff", "2018-06-01", "--topic", "trde")
    assert code == 0
    assert "warning: no position has topic 'trde'; did you mean trade?" in err
    _, _, err = invoke(runner, "log", "--topic", "trde")
    assert "warning: no position has topic 'trde'; did you mean trade?" in err


def test_diff_as_a_dutch_memo_table(runner: CliRunner, history: Path) -> None:
    code, out, _ = invoke(
        runner, "diff", "2018-12-31", "HEAD", "--format", "markdown", "--lang", "nl"
    )
    assert code == 0
    first = git(history, "rev-parse", "HEAD~2").strip()[:12]
    head = git(history, "rev-parse", "HEAD").strip()[:12]
    assert out == (
        "### Wijzigingen in standpunten sinds 2018-12-31\n\n"
        "| Besluit | Wat veranderde | Was | Is |\n"
        "|---|---|---|---|\n"
        "| Een besluit (a-decision) | standpunt | kritisch | wijst af |\n"
        "| Een besluit (a-decision) | doel gedeeld | niet vermeld | ja |\n\n"
        f"*Vergeleken: van {first} (2018-06-01) tot {head} (2019-03-01).*\n"
    )


def test_a_range_compares_its_two_commits_not_the_working_tree(
    runner: CliRunner, history: Path
) -> None:
    write(history / "positions", "c-decision.yaml", minimal("c-decision"))
    first, second, head = (
        git(history, "rev-parse", r).strip() for r in ("HEAD~2", "HEAD~1", "HEAD")
    )
    code, out, _ = invoke(runner, "diff", "HEAD~2..HEAD~1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["from"]["rev"], data["to"]["rev"]) == (first, second)
    assert (data["added"], [c["id"] for c in data["changed"]]) == ([], ["a-decision"])
    _, out, _ = invoke(runner, "diff", "HEAD~2..", "--format", "json")
    assert (json.loads(out)["from"]["rev"], json.loads(out)["to"]["rev"]) == (first, head)
    _, out, _ = invoke(runner, "diff", "..HEAD~2", "--format", "csv")
    assert out.splitlines() == [
        "id,Decision,What changed,Was,Is",
        "a-decision,A decision,stance,opposes,critical",
        "a-decision,A decision,goal shared,yes,not stated",
    ]


def test_a_range_of_dates_is_a_range_of_commits(runner: CliRunner, history: Path) -> None:
    _, ranged, _ = invoke(runner, "diff", "2018-06-30..2019-01-31", "--format", "json")
    _, pair, _ = invoke(runner, "diff", "2018-06-30", "2019-01-31", "--format", "json")
    assert ranged == pair
    _, out, _ = invoke(runner, "diff", "2018-06-30..", "--format", "markdown")
    head = git(history, "rev-parse", "HEAD").strip()[:12]
    assert out.startswith("### Changes in positions since 2018-06-30\n")
    assert out.endswith(f" to {head} (2019-03-01).*\n")


def test_a_memo_says_since_only_of_a_comparison_that_ends_now(
    runner: CliRunner, history: Path
) -> None:
    def title(*args: str) -> str:
        return invoke(runner, "diff", *args, "--format", "markdown")[1].splitlines()[0]

    assert title("HEAD~2") == "### Changes in positions since 2018-06-01"
    assert title("HEAD~2..HEAD") == "### Changes in positions since 2018-06-01"
    assert title("HEAD~1..HEAD~2") == "### Changes in positions from 2019-01-15 to 2018-06-01"
    assert title("HEAD~2", "HEAD~1") == "### Changes in positions from 2018-06-01 to 2019-01-15"
    nl = invoke(runner, "diff", "HEAD..HEAD~2", "-f", "markdown", "--lang", "nl")[1]
    assert nl.startswith("### Wijzigingen in standpunten van 2019-03-01 tot 2018-06-01\n")
    git(history, "checkout", "-q", "-b", "side", "HEAD~2")
    side = commit(history, "Side", "2019-03-01", c_decision=minimal("c-decision"))
    git(history, "checkout", "-q", "main")
    head = git(history, "rev-parse", "HEAD").strip()
    assert (
        title("side..HEAD")
        == (  # the same day: named by commit too
            f"### Changes in positions from {side[:12]} (2019-03-01) to {head[:12]} (2019-03-01)"
        )
    )
    git(history, "checkout", "-q", "side")
    assert title("main") == "### Changes in positions from 2019-03-01 to working tree"


def test_a_three_dot_range_starts_where_the_branches_met(runner: CliRunner, repo: Path) -> None:
    start = commit(repo, "Register", "2018-01-01", a_decision=minimal())
    git(repo, "branch", "side")
    commit(repo, "B", "2018-02-01", b_decision=minimal("b-decision"))
    git(repo, "checkout", "-q", "side")
    side = commit(repo, "A: opposes", "2018-03-01", a_decision=minimal(stance="opposes"))
    git(repo, "checkout", "-q", "main")
    _, out, _ = invoke(runner, "diff", "main...side", "--format", "json")
    data = json.loads(out)
    assert (data["from"]["rev"], data["to"]["rev"]) == (start, side)
    assert (data["removed"], [c["id"] for c in data["changed"]]) == ([], ["a-decision"])
    _, out, _ = invoke(runner, "diff", "main..side", "--format", "json")
    assert json.loads(out)["removed"] == ["b-decision"]
    _, out, _ = invoke(runner, "diff", "...side", "--format", "json")
    assert json.loads(out)["from"]["rev"] == start


def test_a_range_and_another_point_is_a_usage_error(runner: CliRunner, history: Path) -> None:
    code, out, err = invoke(runner, "diff", "HEAD~2..HEAD~1", "HEAD")
    assert (code, out) == (2, "")
    assert err == (
        "error: 'HEAD~2..HEAD~1' is a range and already names both points, so 'HEAD' is one too "
        "many; give either A..B or FROM TO\n"
    )
    code, _, err = invoke(runner, "diff", "HEAD", "HEAD~2..")
    assert code == 2
    assert err == "error: 'HEAD~2..' is a range; give a range alone, as the only point\n"
    code, _, err = invoke(runner, "list", "--at", "HEAD~2..HEAD")
    assert code == 2
    assert err == "error: 'HEAD~2..HEAD' is a range; one revision or date is needed here\n"


RANGE_HELP = (
    "a range is A..B (from A to B) or A...B (from where A and B branched to B); a side left out "
    "means HEAD"
)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (["..", "--format", "json"], f"'..' is not a range: {RANGE_HELP}"),
        (["..."], f"'...' is not a range: {RANGE_HELP}"),
        (["HEAD~2..HEAD~1..HEAD"], f"'HEAD~2..HEAD~1..HEAD' is not a range: {RANGE_HELP}"),
        (["HEAD....HEAD~1"], f"'HEAD....HEAD~1' is not a range: {RANGE_HELP}"),
        (["2018-02-30..HEAD"], "'2018-02-30' is not a date that exists"),
        (["HEAD..2019-02-29"], "'2019-02-29' is not a date that exists"),
        (["nope..HEAD"], "unknown revision 'nope' (a revision is a commit, branch, tag, or a date"),
        (
            ["HEAD...nope"],
            "unknown revision 'nope' (a revision is a commit, branch, tag, or a date",
        ),
        (["^HEAD"], "unknown revision '^HEAD' (a revision is a commit, branch, tag, or a date"),
        (
            ["2010-01-01...HEAD"],
            "'2010-01-01...HEAD': 2010-01-01 is before the first commit, so A...B has no start; "
            "compare with A..B",
        ),
    ],
)
def test_bad_ranges_are_clear_errors(
    runner: CliRunner, history: Path, points: list[str], message: str
) -> None:
    code, out, err = invoke(runner, "diff", *points)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {message}")
    assert len(err.splitlines()) == 1


def test_a_three_dot_range_of_unrelated_histories_is_a_clear_error(
    runner: CliRunner, history: Path
) -> None:
    git(history, "checkout", "-q", "--orphan", "other")
    commit(history, "Elsewhere", "2019-04-01", c_decision=minimal("c-decision"))
    code, _, err = invoke(runner, "diff", "main...other")
    assert code == 2
    assert "have no common history (no merge base), so A...B has no start" in err


def test_a_date_before_the_first_commit_is_the_empty_register(
    runner: CliRunner, history: Path
) -> None:
    first = git(history, "rev-parse", "HEAD~2").strip()
    head = git(history, "rev-parse", "HEAD").strip()
    code, out, _ = invoke(runner, "diff", "2010-01-01", "HEAD")
    assert code == 0
    assert out.splitlines() == [
        "Changes from the empty register before the first commit (2018-06-01) to "
        f"{head[:12]} (2019-03-01): 2 added, 0 removed, 0 changed",
        "",
        "+ a-decision  A decision (opposes)",
        "+ b-decision  A decision (critical)",
    ]
    _, out, _ = invoke(runner, "diff", "2010-01-01..2018-06-01", "--format", "json")
    assert json.loads(out) == {
        "from": {"rev": None, "date": None, "empty": True},
        "to": {"rev": first, "date": "2018-06-01T12:00:00+00:00"},
        "added": ["a-decision", "b-decision"],
        "removed": [],
        "changed": [],
    }
    _, out, _ = invoke(runner, "diff", "HEAD", "2010-01-01", "--format", "csv")
    assert out.splitlines() == [
        "id,Decision,What changed,Was,Is",
        "a-decision,A decision,position removed,opposes,—",
        "b-decision,A decision,position removed,critical,—",
    ]
    _, out, _ = invoke(
        runner, "diff", "2010-01-01", "--stance", "opposes", "-f", "markdown", "--lang", "nl"
    )
    assert out == (
        "### Wijzigingen in standpunten sinds 2010-01-01\n\n"
        "| Besluit | Wat veranderde | Was | Is |\n"
        "|---|---|---|---|\n"
        "| Een besluit (a-decision) | nieuw standpunt | — | wijst af |\n\n"
        "*Vergeleken: van het lege register vóór de eerste commit (2018-06-01) tot werkmap.*\n"
    )


def test_the_readme_diff_since_a_date_before_the_register(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.build(tmp_path / "demo")
    monkeypatch.chdir(tmp_path / "demo")
    code, out, _ = invoke(runner, "diff", "2018-01-01", "--disagree", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["from"] == {"rev": None, "date": None, "empty": True}
    assert len(data["added"]) == 5


def test_diff_as_csv(runner: CliRunner, history: Path) -> None:
    _, out, _ = invoke(runner, "diff", "HEAD~2", "HEAD~1", "--format", "csv")
    assert out.splitlines() == [
        "id,Decision,What changed,Was,Is",
        "a-decision,A decision,stance,critical,opposes",
        "a-decision,A decision,goal shared,not stated,yes",
    ]


@pytest.fixture
def english_edit(repo: Path) -> Path:
    """A summary whose English text changed and Dutch text did not, then a title changed in
    both languages."""
    commit(repo, "Register", "2018-01-01", a_decision=minimal())
    english = minimal().replace("has a view.", "has a clear view.")
    commit(repo, "English summary", "2018-02-01", a_decision=english)
    both = english.replace("Een besluit", "Het besluit").replace("A decision", "The decision")
    commit(repo, "Both titles", "2018-03-01", a_decision=both)
    return repo


def test_a_text_changed_in_the_other_language_is_shown_in_that_language(
    runner: CliRunner, english_edit: Path
) -> None:
    _, out, _ = invoke(runner, "diff", "HEAD~2..HEAD~1", "--lang", "nl")
    assert out.splitlines()[2:] == [
        "~ a-decision  Een besluit",
        "    samenvatting (en): The Netherlands has a view. → The Netherlands has a clear view.",
    ]
    _, out, _ = invoke(runner, "diff", "HEAD~2..HEAD", "--lang", "nl", "--format", "markdown")
    assert out.splitlines()[4:7] == [
        "| Het besluit (a-decision) | titel | Een besluit | Het besluit |",
        "| Het besluit (a-decision) | samenvatting (en) | The Netherlands has a view. | "
        "The Netherlands has a clear view. |",
        "",
    ]
    _, out, _ = invoke(runner, "diff", "HEAD~2..HEAD~1", "--lang", "nl", "--format", "csv")
    assert out.splitlines()[1] == (
        "a-decision,Een besluit,samenvatting (en),The Netherlands has a view.,"
        "The Netherlands has a clear view."
    )
    _, out, _ = invoke(runner, "diff", "HEAD~2..HEAD~1", "--format", "csv")
    assert out.splitlines()[1] == (
        "a-decision,A decision,summary,The Netherlands has a view.,"
        "The Netherlands has a clear view."
    )


def test_log_shows_the_language_that_changed(runner: CliRunner, english_edit: Path) -> None:
    _, out, _ = invoke(runner, "log", "--lang", "nl", "--since", "2018-02-01")
    assert [line for line in out.splitlines() if line.startswith("      ")] == [
        "      titel: Een besluit → Het besluit",
        "      samenvatting (en): The Netherlands has a view. → The Netherlands has a clear view.",
    ]
    _, out, _ = invoke(runner, "log", "--lang", "nl", "--format", "csv")
    assert [row.split(",")[6] for row in out.splitlines()[1:]] == [
        "titel",
        "samenvatting (en)",
        "nieuw standpunt",
    ]
    _, out, _ = invoke(runner, "log", "--lang", "nl", "--format", "markdown")
    assert "| samenvatting (en) | The Netherlands has a view. | The Netherlands" in out


def test_a_dutch_only_change_in_english_output_and_the_driver(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    dutch = minimal().replace("vindt er iets van.", "vindt er veel van.")
    commit(repo, "Register", "2018-01-01", a_decision=minimal())
    commit(repo, "Dutch summary", "2018-02-01", a_decision=dutch)
    _, out, _ = invoke(runner, "diff", "HEAD~1..HEAD")
    assert out.splitlines()[3] == (
        "    summary (nl): Nederland vindt er iets van. → Nederland vindt er veel van."
    )
    old, new = write(tmp_path, "old", minimal()), write(tmp_path, "new", dutch)
    assert gitdriver.driver_text("positions/a-decision.yaml", str(old), str(new)).endswith(
        "~ a-decision\n"
        "    summary (nl): Nederland vindt er iets van. → Nederland vindt er veel van.\n"
    )


# --- log ------------------------------------------------------------------------------------


def test_log_lists_real_changes_newest_first(runner: CliRunner, history: Path) -> None:
    code, out, _ = invoke(runner, "log", "--format", "json")
    assert code == 0
    entries = json.loads(out)
    assert [e["message"] for e in entries] == ["A: opposes", "Register"]
    assert entries[0]["author"] == "Jan Jansen"
    assert entries[0]["date"] == "2019-01-15T12:00:00+00:00"
    assert entries[0]["changed"][0]["changes"][0] == {
        "field": "stance",
        "old": "critical",
        "new": "opposes",
    }
    assert entries[1]["added"] == ["a-decision", "b-decision"]


def test_log_of_one_position_with_dates(runner: CliRunner, history: Path) -> None:
    _, out, _ = invoke(runner, "log", "b-decision", "--format", "json")
    assert [e["message"] for e in json.loads(out)] == ["Register"]
    _, out, _ = invoke(runner, "log", "a-decision", "--since", "2018-07-01", "-f", "json")
    assert [e["message"] for e in json.loads(out)] == ["A: opposes"]
    _, out, _ = invoke(runner, "log", "--until", "2018-06-01", "--format", "json")
    assert [e["message"] for e in json.loads(out)] == ["Register"]


def test_log_in_a_terminal_layout(runner: CliRunner, history: Path) -> None:
    _, out, _ = invoke(runner, "log", "a-decision", "--since", "2018-07-01")
    sha = git(history, "rev-parse", "HEAD~1").strip()[:12]
    assert out.splitlines() == [
        f"{sha}  2019-01-15  Jan Jansen",
        "    A: opposes",
        "  ~ a-decision  A decision",
        "      stance: critical → opposes",
        "      goal shared: not stated → yes",
    ]


def test_log_of_an_unknown_id_suggests_one(runner: CliRunner, history: Path) -> None:
    code, _, err = invoke(runner, "log", "a-decisoin")
    assert code == 2
    assert (
        "no position with id 'a-decisoin' in the history; did you mean a-decision, b-decision?"
        in err
    )


def test_log_skips_an_invalid_version_and_says_where(runner: CliRunner, repo: Path) -> None:
    commit(repo, "Add", "2018-01-01", a_decision=minimal())
    bad = commit(repo, "Break", "2018-02-01", a_decision=minimal(stance="maybe"))
    commit(repo, "Fix", "2018-03-01", a_decision=minimal(stance="opposes"))
    code, out, err = invoke(runner, "log", "--format", "json")
    assert code == 0
    assert [e["message"] for e in json.loads(out)] == ["Fix", "Add"]
    assert json.loads(out)[0]["changed"][0]["changes"] == [
        {"field": "stance", "old": "critical", "new": "opposes"}
    ]
    assert err.startswith(
        f"warning: {bad[:12]}:positions/a-decision.yaml:11:9: stance: the string 'maybe' is not "
        "valid. Valid values: supports, neutral, concerned, critical, opposes (this version is "
        "skipped)"
    )


def test_log_markdown_for_a_memo(runner: CliRunner, history: Path) -> None:
    _, out, _ = invoke(runner, "log", "a-decision", "-f", "markdown", "--lang", "nl")
    lines = out.splitlines()
    assert lines[0] == "### Geschiedenis van a-decision"
    assert lines[2] == "| Datum | Commit | Auteur | Besluit | Wat veranderde | Was | Is |"
    assert lines[4].endswith(
        "| Jan Jansen | Een besluit (a-decision) | standpunt | kritisch | wijst af |"
    )


def test_diff_and_log_as_html_carry_the_memos_heading_cells_and_closing_line(
    runner: CliRunner, history: Path
) -> None:
    code, out, _ = invoke(runner, "diff", "2018-12-31", "HEAD", "-f", "html", "--lang", "nl")
    assert code == 0
    root = parse(out)
    first = git(history, "rev-parse", "HEAD~2").strip()[:12]
    head = git(history, "rev-parse", "HEAD").strip()[:12]
    assert root.all("h1")[0].words() == "Wijzigingen in standpunten sinds 2018-12-31"
    assert cells(root) == (
        ["Besluit", "Wat veranderde", "Was", "Is"],
        [
            ["Een besluit (a-decision)", "standpunt", "kritisch", "wijst af"],
            ["Een besluit (a-decision)", "doel gedeeld", "niet vermeld", "ja"],
        ],
    )
    assert (
        root.all("p")[-1].words()
        == f"Vergeleken: van {first} (2018-06-01) tot {head} (2019-03-01)."
    )
    _, out, _ = invoke(runner, "diff", "HEAD..HEAD", "-f", "html", "--fragment")
    assert parse(out).all("p")[0].words() == "No changes."
    _, out, _ = invoke(runner, "log", "a-decision", "-f", "html", "--lang", "nl")
    root = parse(out)
    assert root.all("h1")[0].words() == "Geschiedenis van a-decision"
    heads, body = cells(root)
    assert heads == [
        "Datum", "Commit", "Auteur", "Bericht", "Besluit", "Wat veranderde", "Was", "Is"
    ]  # fmt: skip
    assert body[0][2:] == [
        "Jan Jansen", "A: opposes", "Een besluit (a-decision)", "standpunt", "kritisch", "wijst af"
    ]  # fmt: skip
    assert root.all("p")[-1].words() == (
        "3 wijzigingen in 2 commits, van 1 juni 2018 tot en met 15 januari 2019."
    )


def merge(repo: Path, branch: str, message: str, date: str, **files: str) -> str:
    """Merge `branch` into the current branch, resolving with `files` where given."""
    env = CLEAN_ENV | {"GIT_AUTHOR_DATE": f"{date}T12:00:00+0000"}
    subprocess.run(
        ["git", "merge", "-q", "--no-ff", "--no-commit", branch],
        cwd=repo,
        env=env,
        capture_output=True,
        check=False,  # a conflict is resolved below
    )
    return commit(repo, message, date, **files)


def actor(name: str, ident: str = "a-decision", stance: str = "critical") -> str:
    """A small position whose actor is `name`."""
    return minimal(ident, stance=stance).replace("actor: US", f"actor: {name}")


@pytest.fixture
def merged(repo: Path) -> Path:
    """Branch b1 sets a's actor to B1 and b's stance; main sets a's actor to MAIN; the merge
    takes b's stance from b1 as it was and resolves a's actor to RESOLVED."""
    commit(repo, "Register", "2018-01-01", a_decision=minimal(), b_decision=minimal("b-decision"))
    git(repo, "checkout", "-q", "-b", "b1")
    commit(
        repo,
        "B1",
        "2018-02-01",
        a_decision=actor("B1"),
        b_decision=minimal("b-decision", stance="opposes"),
    )
    git(repo, "checkout", "-q", "main")
    commit(repo, "MAIN", "2018-03-01", a_decision=actor("MAIN"))
    merge(repo, "b1", "Merge b1", "2018-04-01", a_decision=actor("RESOLVED"))
    return repo


def test_log_shows_what_a_merge_changed_itself(runner: CliRunner, merged: Path) -> None:
    top = git(merged, "rev-parse", "HEAD").strip()
    code, out, err = invoke(runner, "log", "a-decision")
    assert (code, err) == (0, "")
    assert out.splitlines()[:4] == [
        f"{top[:12]}  2018-04-01  Jan Jansen",
        "    Merge b1",
        "  ~ a-decision  A decision",
        "      actor: MAIN → RESOLVED",
    ]
    _, out, _ = invoke(runner, "log", "--format", "json")
    entries = [(e["message"], e["changed"]) for e in json.loads(out)]
    assert entries == [
        (
            "Merge b1",  # b's stance came from b1 as it was: listed there, not again here
            [
                {
                    "id": "a-decision",
                    "changes": [{"field": "actor", "old": "MAIN", "new": "RESOLVED"}],
                }
            ],
        ),
        (
            "MAIN",
            [{"id": "a-decision", "changes": [{"field": "actor", "old": "US", "new": "MAIN"}]}],
        ),
        (
            "B1",
            [
                {"id": "a-decision", "changes": [{"field": "actor", "old": "US", "new": "B1"}]},
                {
                    "id": "b-decision",
                    "changes": [{"field": "stance", "old": "critical", "new": "opposes"}],
                },
            ],
        ),
        ("Register", []),
    ]


def test_a_clean_merge_is_no_entry_of_its_own(runner: CliRunner, repo: Path) -> None:
    commit(repo, "Register", "2018-01-01", a_decision=minimal(), b_decision=minimal("b-decision"))
    git(repo, "checkout", "-q", "-b", "b1")
    commit(repo, "B added", "2018-02-01", c_decision=minimal("c-decision"))
    commit(repo, "B opposes", "2018-02-02", b_decision=minimal("b-decision", stance="opposes"))
    git(repo, "checkout", "-q", "main")
    commit(repo, "A", "2018-03-01", a_decision=actor("EU"))
    merge(repo, "b1", "Merge b1", "2018-04-01")
    _, out, _ = invoke(runner, "log", "--format", "json")
    assert [e["message"] for e in json.loads(out)] == ["A", "B opposes", "B added", "Register"]


def test_a_conflict_resolved_to_the_branch_is_the_merge_s_change(
    runner: CliRunner, repo: Path
) -> None:
    commit(repo, "Register", "2018-01-01", a_decision=minimal())
    git(repo, "checkout", "-q", "-b", "b1")
    commit(repo, "B1", "2018-02-01", a_decision=actor("B1"))
    git(repo, "checkout", "-q", "main")
    commit(repo, "MAIN", "2018-03-01", a_decision=actor("MAIN"))
    merge(repo, "b1", "Merge b1", "2018-04-01", a_decision=actor("B1"))
    _, out, _ = invoke(runner, "log", "--format", "json")
    assert [(e["message"], e["changed"][0]["changes"]) for e in json.loads(out)[:3]] == [
        ("Merge b1", [{"field": "actor", "old": "MAIN", "new": "B1"}]),
        ("MAIN", [{"field": "actor", "old": "US", "new": "MAIN"}]),
        ("B1", [{"field": "actor", "old": "US", "new": "B1"}]),
    ]


def test_a_merge_that_edits_a_position_its_branch_added(runner: CliRunner, repo: Path) -> None:
    commit(repo, "Register", "2018-01-01", a_decision=minimal())
    git(repo, "checkout", "-q", "-b", "b1")
    commit(repo, "B added", "2018-02-01", b_decision=minimal("b-decision"))
    git(repo, "checkout", "-q", "main")
    commit(repo, "A", "2018-03-01", a_decision=actor("EU"))
    merge(repo, "b1", "Merge b1", "2018-04-01", b_decision=actor("UN", "b-decision"))
    _, out, _ = invoke(runner, "log", "--format", "json")
    entries = json.loads(out)
    assert [(e["message"], e["added"]) for e in entries] == [
        ("Merge b1", []),
        ("A", []),
        ("B added", ["b-decision"]),
        ("Register", ["a-decision"]),
    ]
    assert entries[0]["changed"] == [
        {"id": "b-decision", "changes": [{"field": "actor", "old": "US", "new": "UN"}]}
    ]


def test_a_merge_that_fixes_an_invalid_branch_version_shows_the_fix(
    runner: CliRunner, repo: Path
) -> None:
    commit(repo, "Register", "2018-01-01", a_decision=minimal())
    git(repo, "checkout", "-q", "-b", "b1")
    bad = commit(repo, "B1", "2018-02-01", a_decision=minimal(stance="maybe"))
    git(repo, "checkout", "-q", "main")
    commit(repo, "MAIN", "2018-03-01", b_decision=minimal("b-decision"))
    merge(repo, "b1", "Merge b1", "2018-04-01", a_decision=minimal(stance="opposes"))
    code, out, err = invoke(runner, "log", "a-decision", "--format", "json")
    assert code == 0
    assert err.startswith(f"warning: {bad[:12]}:positions/a-decision.yaml:11:9: stance:")
    assert err.count("warning") == 1
    assert [(e["message"], e["changed"]) for e in json.loads(out)] == [
        (
            "Merge b1",
            [
                {
                    "id": "a-decision",
                    "changes": [{"field": "stance", "old": "critical", "new": "opposes"}],
                }
            ],
        ),
        ("Register", []),
    ]


def test_a_merge_of_unrelated_histories_lists_each_position_once(
    runner: CliRunner, repo: Path
) -> None:
    commit(repo, "Register", "2018-01-01", a_decision=minimal())
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "rm", "-q", "-r", "--cached", ".")
    (repo / "positions" / "a-decision.yaml").unlink()
    commit(repo, "Other register", "2018-02-01", b_decision=minimal("b-decision"))
    git(repo, "checkout", "-q", "-f", "main")
    env = CLEAN_ENV | {"GIT_AUTHOR_DATE": "2018-03-01T12:00:00+0000"}
    subprocess.run(
        ["git", "merge", "-q", "--no-commit", "--allow-unrelated-histories", "other"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    commit(repo, "Merge other", "2018-03-01")
    _, out, _ = invoke(runner, "log", "--format", "json")
    assert [(e["message"], e["added"]) for e in json.loads(out)] == [
        ("Other register", ["b-decision"]),
        ("Register", ["a-decision"]),
    ]


def test_log_first_parent_shows_each_merge_as_one_change(runner: CliRunner, merged: Path) -> None:
    _, out, _ = invoke(runner, "log", "--first-parent", "--format", "json")
    entries = [(e["message"], e["changed"]) for e in json.loads(out)]
    assert entries == [
        (
            "Merge b1",
            [
                {
                    "id": "a-decision",
                    "changes": [{"field": "actor", "old": "MAIN", "new": "RESOLVED"}],
                },
                {
                    "id": "b-decision",
                    "changes": [{"field": "stance", "old": "critical", "new": "opposes"}],
                },
            ],
        ),
        (
            "MAIN",
            [{"id": "a-decision", "changes": [{"field": "actor", "old": "US", "new": "MAIN"}]}],
        ),
        ("Register", []),
    ]


# --- nothing to show, and no work tree --------------------------------------------------------


def test_an_empty_log_says_what_was_asked(runner: CliRunner, history: Path) -> None:
    assert invoke(runner, "log", "--since", "2030-01-01") == (
        0,
        "",
        "No changes to positions since 2030-01-01.\n",
    )
    assert invoke(runner, "log", "a-decision", "--until", "2010-01-01", "--agree") == (
        0,
        "",
        "No changes to a-decision until 2010-01-01 that match --agree.\n",
    )
    _, _, err = invoke(runner, "log", "--since", "2018-01-01", "--until", "2018-02-01")
    assert err == "No changes to positions from 2018-01-01 to 2018-02-01.\n"
    _, _, err = invoke(runner, "log", "--stance", "neutral")
    assert err == "No changes to positions in the history that match --stance neutral.\n"


def test_an_empty_log_in_a_shallow_clone_says_where_its_history_stops(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boundary = git(history, "rev-parse", "HEAD").strip()[:12]
    monkeypatch.chdir(shallow_clone(history, tmp_path / "clone", 1))
    code, out, err = invoke(runner, "log")
    assert (code, out) == (0, "")
    assert err.endswith(
        f"No changes to positions after {boundary} (2019-03-01), where this shallow clone's "
        "history stops.\n"
    )


@pytest.mark.parametrize("folder", ["bare.git", "work/.git"])
def test_a_register_without_a_work_tree_is_a_clear_error(
    runner: CliRunner, history: Path, tmp_path: Path, folder: str
) -> None:
    git(tmp_path, "init", "-q", "--bare", "bare.git")
    code, out, err = invoke(runner, "diff", "--dir", str(tmp_path / folder))
    assert (code, out) == (2, "")
    assert err == (
        f"error: the register at '{tmp_path / folder}' is inside a bare repository or a .git "
        "folder, which has no work tree; posities needs a work tree: clone the repository "
        "(git clone) and use the register in the clone\n"
    )


# --- faults ---------------------------------------------------------------------------------


def test_outside_a_repository(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    code, _, err = invoke(runner, "diff")
    assert code == 2
    assert "is not in a git repository" in err
    assert "Traceback" not in err


def test_an_empty_repository(runner: CliRunner, repo: Path) -> None:
    (repo / "positions").mkdir()
    write(repo / "positions", "a-decision.yaml", minimal())
    code, _, err = invoke(runner, "diff")
    assert code == 2
    assert "the repository has no commits yet" in err
    code, _, err = invoke(runner, "log")
    assert code == 2
    assert "the repository has no commits yet" in err


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ("nope", "unknown revision 'nope'"),
        ("--output=/tmp/x", "'--output=/tmp/x' is not a revision (a revision cannot start"),
        ("2018-02-30", "'2018-02-30' is not a date that exists"),
    ],
)
def test_bad_points_are_clear_errors(
    runner: CliRunner, history: Path, point: str, message: str
) -> None:
    code, _, err = invoke(runner, "diff", "--", point)
    assert code == 2
    assert message in err
    code, _, err = invoke(runner, "list", "--at", point)
    assert code == 2
    assert message in err


def test_a_commit_named_by_its_message(runner: CliRunner, history: Path) -> None:
    second = git(history, "rev-parse", "HEAD~1").strip()
    code, out, _ = invoke(runner, "diff", ":/A: opposes", "HEAD", "--format", "json")
    assert (code, json.loads(out)["from"]["rev"]) == (0, second)
    code, out, _ = invoke(runner, "diff", ":/Register..:/A: opp", "--format", "json")
    assert [c["id"] for c in json.loads(out)["changed"]] == ["a-decision"]
    code, out, _ = invoke(runner, "show", "a-decision", "--at", ":/Register", "-f", "json")
    assert json.loads(out)["stance"] == "critical"
    for text in (":/no such message", ":/positions"):  # never read as a path
        code, _, err = invoke(runner, "diff", text)
        assert code == 2
        assert f"unknown revision '{text}'" in err


def test_a_bad_since_date_is_a_usage_error(runner: CliRunner, history: Path) -> None:
    code, _, err = invoke(runner, "log", "--since", "last week")
    assert code == 2
    assert "'last week' is not a date YYYY-MM-DD" in err


def test_a_shallow_clone_says_how_to_fetch_history(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history}", str(clone))
    monkeypatch.chdir(clone)
    code, _, err = invoke(runner, "diff", "2018-06-30")
    assert code == 2
    assert "shallow clone" in err
    assert "git fetch --unshallow" in err


def shallow_clone(source: Path, clone: Path, depth: int) -> Path:
    """A real shallow clone of `source`, with an identity to commit as."""
    git(source.parent, "clone", "-q", "--depth", str(depth), f"file://{source}", str(clone))
    git(clone, "config", "user.name", "Jan Jansen")
    git(clone, "config", "user.email", "jan@example.org")
    return clone


def test_log_in_a_shallow_clone_says_where_the_history_stops(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boundary = git(history, "rev-parse", "HEAD").strip()[:12]
    clone = shallow_clone(history, tmp_path / "clone", 1)
    top = commit(clone, "A: supports", "2019-04-01", a_decision=minimal(stance="supports"))
    monkeypatch.chdir(clone)
    warning = (
        f"warning: this is a shallow clone and its history stops at {boundary} (2019-03-01): "
        "what that commit changed is not known, so it is left out; fetch the full history with "
        "git fetch --unshallow\n"
    )
    code, out, err = invoke(runner, "log", "a-decision")
    assert (code, err) == (0, warning)
    assert out.splitlines() == [
        f"{top[:12]}  2019-04-01  Jan Jansen",
        "    A: supports",
        "  ~ a-decision  A decision",
        "      stance: opposes → supports",
        "      goal shared: yes → not stated",
    ]
    code, out, err = invoke(runner, "log", "b-decision", "--format", "json")
    assert (code, out, err) == (0, "[]\n", warning)
    code, _, err = invoke(runner, "log", "--since", "2019-04-01")
    assert (code, err) == (0, "")


def test_a_shallow_clone_of_the_whole_history_is_not_cut(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = shallow_clone(history, tmp_path / "clone", 3)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    monkeypatch.chdir(clone)
    code, out, err = invoke(runner, "log", "b-decision", "--format", "json")
    assert (code, err) == (0, "")
    assert [e["added"] for e in json.loads(out)] == [["b-decision"]]
    code, out, _ = invoke(runner, "diff", "2010-01-01", "HEAD", "--format", "json")
    assert code == 0
    assert json.loads(out)["added"] == ["a-decision", "b-decision"]


def test_a_detached_head_and_hook_environment(
    runner: CliRunner, history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(history, "checkout", "-q", "--detach", "HEAD~1")
    monkeypatch.setenv("GIT_DIR", str(history / "nowhere"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(history / "nowhere" / "index"))
    code, out, _ = invoke(runner, "diff", "2018-06-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["changed"][0]["id"] == "a-decision"


def test_paths_with_spaces_and_non_ascii(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "mijn map é"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.name", "Zoë d'Été")
    git(top, "config", "user.email", "z@example.org")
    commit(top, "Één", "2018-01-01", a_decision=minimal())
    commit(top, "Twee", "2018-02-01", a_decision=minimal(stance="opposes"))
    monkeypatch.chdir(top)
    _, out, _ = invoke(runner, "log", "--format", "json")
    assert [(e["author"], e["message"]) for e in json.loads(out)] == [
        ("Zoë d'Été", "Twee"),
        ("Zoë d'Été", "Één"),
    ]


def test_a_register_folder_that_moved_is_followed(runner: CliRunner, repo: Path) -> None:
    old = repo / "register"
    old.mkdir()
    write(old, "a-decision.yaml", minimal())
    write(old, "b-decision.yaml", minimal("b-decision"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Register", date="2018-01-01")
    git(repo, "mv", "register", "positions")
    git(repo, "commit", "-q", "-m", "Move", date="2018-02-01")
    commit(repo, "A: opposes", "2018-03-01", a_decision=minimal(stance="opposes"))
    _, out, _ = invoke(runner, "diff", "2018-01-01", "HEAD", "--format", "json")
    data = json.loads(out)
    assert (data["added"], data["removed"]) == ([], [])
    assert [c["id"] for c in data["changed"]] == ["a-decision"]
    _, out, _ = invoke(runner, "list", "--at", "2018-01-01", "--format", "json")
    assert [p["id"] for p in json.loads(out)] == ["a-decision", "b-decision"]
    _, out, _ = invoke(runner, "log", "--format", "json")
    assert [e["message"] for e in json.loads(out)] == ["A: opposes", "Register"]


def test_dubious_ownership_names_safe_directory(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    script = fake / "git"
    script.write_text(
        "#!/bin/sh\n"
        f"echo \"fatal: detected dubious ownership in repository at '{history}'\" >&2\n"
        "exit 128\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    code, _, err = invoke(runner, "diff")
    assert code == 2
    assert f"git config --global --add safe.directory '{history}'" in err


def test_a_git_too_old_for_an_option_says_which_git_is_needed(
    runner: CliRunner, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    script = fake / "git"
    real = shutil.which("git")
    script.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in --diff-merges=*)\n'
        '  echo "fatal: unrecognized argument: $a" >&2; exit 128;; esac; done\n'
        f'exec {real} "$@"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    code, _, err = invoke(runner, "log")
    assert code == 2
    assert err == (
        "error: git: 'unrecognized argument: --diff-merges=first-parent'; this git is too old "
        "for posities, which needs git 2.31 or later (see git --version)\n"
    )


def test_log_refuses_a_long_id(runner: CliRunner, bundled: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=bundled.parent, check=True)
    assert invoke(runner, "log", LONG) == (2, "", TOO_LONG)


# --- statements: holder and since ------------------------------------------------------------

HOLDERS = """\
holder = "NL"

[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
EU = {nl = "Europese Unie", en = "European Union"}
US = {nl = "Verenigde Staten", en = "United States"}
"""

EU_STANCE = """\
  - holder: EU
    stance: {stance}
    goal_shared: true
    means_differ: null
    since: {since}
    sources:
      - title: Raadsconclusies
        kind: verslag
        date: 2019-03-01
        quote: De EU is kritisch.
    updated: 2019-03-02
"""

NL_BEFORE = own_statement_item(until="2021-01-20")


def dated(ident: str = "a-decision", stance: str = "critical", since: str | None = None) -> str:
    """A position file whose top-level statement holds from `since` (when given)."""
    text = minimal(ident, stance=stance)
    return text.replace("updated:", f"since: {since}\nupdated:") if since else text


@pytest.fixture
def statements(repo: Path) -> Path:
    """Four commits: the register; EU's statement and a relation added; the top-level and EU's
    statements back-dated and changed; b's change of position recorded with its date."""
    (repo / "positions").mkdir()
    write(repo / "positions", "posities.toml", HOLDERS)
    b_before = minimal("b-decision")
    commit(repo, "Register", "2019-02-05", a_decision=minimal(), b_decision=b_before)
    relation = "relations:\n  - {type: reverses, id: b-decision}\n"
    eu = "stances:\n" + EU_STANCE.format(stance="critical", since="2019-03-01") + relation
    commit(repo, "EU is critical", "2019-03-05", a_decision=minimal() + eu)
    back = dated(stance="concerned", since="2019-01-10")
    back += "stances:\n" + EU_STANCE.format(stance="opposes", since="2019-02-20") + relation
    commit(repo, "Back-dated", "2019-04-05", a_decision=back)
    changed = dated("b-decision", "supports", "2021-01-20") + "stances:\n" + NL_BEFORE
    commit(repo, "NL supports b", "2021-01-22", b_decision=changed)
    return repo


def test_log_reports_statements_with_their_holder_and_since(
    runner: CliRunner, statements: Path
) -> None:
    code, out, err = invoke(runner, "log")
    assert (code, err) == (0, "")
    shas = [git(statements, "rev-parse", f"HEAD~{n}").strip()[:12] for n in range(4)]
    assert out == (
        f"{shas[0]}  2021-01-22  Jan Jansen\n"
        "    NL supports b\n"
        "  ~ b-decision  A decision\n"
        "      in force until (NL from 2019-01-02): — → 2021-01-20\n"
        "      new statement of NL from 2021-01-20: supports\n"
        "\n"
        f"{shas[1]}  2019-04-05  Jan Jansen\n"
        "    Back-dated\n"
        "  ~ a-decision  A decision\n"
        "      stance: critical → concerned\n"
        "      in force from: 2019-01-02 → 2019-01-10\n"
        "      stance (EU from 2019-02-20): critical → opposes\n"
        "      in force from (EU from 2019-02-20): 2019-03-01 → 2019-02-20\n"
        "\n"
        f"{shas[2]}  2019-03-05  Jan Jansen\n"
        "    EU is critical\n"
        "  ~ a-decision  A decision\n"
        "      new statement of EU from 2019-03-01: critical\n"
        "      relations: + reverses b-decision\n"
        "\n"
        f"{shas[3]}  2019-02-05  Jan Jansen\n"
        "    Register\n"
        "  + a-decision  A decision (critical)\n"
        "  + b-decision  A decision (critical)\n"
    )


def test_diff_of_back_dated_statements_as_json(runner: CliRunner, statements: Path) -> None:
    code, out, _ = invoke(runner, "diff", "HEAD~2", "HEAD~1", "--format", "json")
    assert code == 0
    assert json.loads(out)["changed"] == [
        {
            "id": "a-decision",
            "changes": [
                {
                    "field": "stance",
                    "holder": "NL",
                    "since": "2019-01-10",
                    "old": "critical",
                    "new": "concerned",
                },
                {
                    "field": "since",
                    "holder": "NL",
                    "since": "2019-01-10",
                    "old": "2019-01-02",
                    "new": "2019-01-10",
                },
                {
                    "field": "statement.stance",
                    "holder": "EU",
                    "since": "2019-02-20",
                    "old": "critical",
                    "new": "opposes",
                },
                {
                    "field": "statement.since",
                    "holder": "EU",
                    "since": "2019-02-20",
                    "old": "2019-03-01",
                    "new": "2019-02-20",
                },
            ],
        }
    ]


def test_diff_of_statements_as_csv_and_a_dutch_memo(runner: CliRunner, statements: Path) -> None:
    code, out, _ = invoke(runner, "diff", "HEAD~3", "HEAD~2", "--format", "csv")
    assert (code, out) == (
        0,
        "id,Decision,What changed,Was,Is\n"
        "a-decision,A decision,new statement of EU from 2019-03-01,—,critical\n"
        "a-decision,A decision,relations,—,reverses b-decision\n",
    )
    code, out, _ = invoke(runner, "diff", "2021-01-01", "--format", "markdown", "--lang", "nl")
    before = git(statements, "rev-parse", "HEAD~1").strip()[:12]
    assert (code, out) == (
        0,
        "### Wijzigingen in standpunten sinds 2021-01-01\n\n"
        "| Besluit | Wat veranderde | Was | Is |\n"
        "|---|---|---|---|\n"
        "| Een besluit (b-decision) | geldend tot (NL vanaf 2019-01-02) | — | 2021-01-20 |\n"
        "| Een besluit (b-decision) | nieuw standpunt van NL vanaf 2021-01-20 | — | steunt |\n"
        "\n"
        f"*Vergeleken: van {before} (2019-04-05) tot werkmap.*\n",
    )


def test_diff_and_log_with_a_holder_keep_that_holder_s_changes(
    runner: CliRunner, statements: Path
) -> None:
    first = git(statements, "rev-parse", "HEAD~3").strip()[:12]
    code, out, _ = invoke(runner, "diff", "HEAD~3", "--holder", "eu")
    assert (code, out) == (
        0,
        f"Changes from {first} (2019-02-05) to working tree: 0 added, 0 removed, 1 changed\n"
        "\n"
        "~ a-decision  A decision\n"
        "    new statement of EU from 2019-02-20: opposes\n",
    )
    code, out, _ = invoke(runner, "log", "--holder", "EU", "--format", "csv")
    back, added = (git(statements, "rev-parse", f"HEAD~{n}").strip()[:12] for n in (1, 2))
    assert (code, out) == (
        0,
        "Date,Commit,Author,Message,id,Decision,What changed,Was,Is\n"
        f"2019-04-05,{back},Jan Jansen,Back-dated,a-decision,A decision,"
        "stance (EU from 2019-02-20),critical,opposes\n"
        f"2019-04-05,{back},Jan Jansen,Back-dated,a-decision,A decision,"
        "in force from (EU from 2019-02-20),2019-03-01,2019-02-20\n"
        f"2019-03-05,{added},Jan Jansen,EU is critical,a-decision,A decision,"
        "new statement of EU from 2019-03-01,—,critical\n",
    )
    code, out, _ = invoke(runner, "log", "b-decision", "--holder", "NL", "--format", "json")
    assert [[c["field"] for c in e["changed"][0]["changes"]] for e in json.loads(out)[:1]] == [
        ["statement.until", "statement"]
    ]
    code, out, err = invoke(runner, "log", "--holder", "US")
    assert (code, out, err) == (
        0,
        "",
        "No changes to positions in the history that match --holder US.\n",
    )


def test_a_holder_the_register_does_not_declare_is_refused(
    runner: CliRunner, statements: Path
) -> None:
    for command in ("diff", "log"):
        code, out, err = invoke(runner, command, "--holder", "EUR")
        assert (code, out) == (2, "")
        assert err == (
            "error: holder 'EUR' is not declared in posities.toml; did you mean EU? "
            "Declared: NL, EU, US\n"
        )
