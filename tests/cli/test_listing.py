"""`posities list`, `show` and `matrix` through Typer's CliRunner: real output, exit codes,
stdout vs stderr; columns, memos and their state line; the register now and at a revision;
and nothing printed while a quote behind it fails."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.cli import app
from posities.core.register import load
from posities.errors import shown
from posities.model.records import to_dict

from ..conftest import UNREAD, commit, git, invoke, minimal, write
from ..golden import assert_golden
from .test_editing import LONG, SHOWN
from .test_quote import LETTER

# --- list ---------------------------------------------------------------------------------


def test_list_disagree_prints_the_five_decisions(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--disagree")
    assert (code, err) == (0, "")
    assert_golden("list-disagree.txt", out)


def test_list_is_sorted_by_decision_date(runner: CliRunner, bundled: Path) -> None:
    _, out, _ = invoke(runner, "list")
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids == [
        "paris-agreement",
        "jerusalem-embassy",
        "steel-aluminium-tariffs",
        "jcpoa",
        "human-rights-council",
    ]


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (["--sort", "id"], "human-rights-council"),
        (["--sort", "date", "--reverse"], "human-rights-council"),
        (["--sort", "id", "--reverse"], "steel-aluminium-tariffs"),
    ],
)
def test_list_sort(runner: CliRunner, bundled: Path, args: list[str], first: str) -> None:
    _, out, _ = invoke(runner, "list", *args)
    assert out.splitlines()[1].split()[0] == first


def ids_of(runner: CliRunner, *args: str) -> list[str]:
    code, out, err = invoke(runner, "list", "--format", "json", *args)
    assert code == 0, err
    return [item["id"] for item in json.loads(out)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--goal-shared", "yes"], ["jcpoa", "human-rights-council"]),
        (
            ["--goal-shared", "unknown", "--sort", "id"],
            ["jerusalem-embassy", "paris-agreement", "steel-aluminium-tariffs"],
        ),
        (["--goal-shared", "no"], []),
        (["--means-differ", "yes"], ["jcpoa", "human-rights-council"]),
        (["--means-differ", "no"], []),
        (["--topic", "iran"], ["jcpoa"]),
        (["--topic", "iran", "--topic", "trade"], ["steel-aluminium-tariffs", "jcpoa"]),
        (["--topic", "climate", "--goal-shared", "yes"], []),
        (["--stance", "critical", "--topic", "human-rights"], ["human-rights-council"]),
        (["--stance", "supports"], []),
        (
            ["--stance", "supports", "--stance", "critical", "--topic", "trade"],
            ["steel-aluminium-tariffs"],
        ),
        (["--agree"], []),
        (["--actor", "us", "--topic", "climate"], ["paris-agreement"]),
        (["--actor", "China"], []),
        (["--search", "EMBASSY"], ["jerusalem-embassy"]),
        # quotes are searched too: every position quotes the sentence that names four decisions
        (
            ["--search", "jeruzalem", "--sort", "id"],
            [
                "human-rights-council",
                "jcpoa",
                "jerusalem-embassy",
                "paris-agreement",
                "steel-aluminium-tariffs",
            ],
        ),
        (["--search", "destabiliserende rol"], ["jcpoa", "human-rights-council"]),
        (["--search", "Paris climate"], ["paris-agreement"]),
    ],
)
def test_list_filters(
    runner: CliRunner, bundled: Path, args: list[str], expected: list[str]
) -> None:
    assert ids_of(runner, *args) == expected


def test_unknown_is_never_treated_as_no(runner: CliRunner, bundled: Path) -> None:
    unknown = set(ids_of(runner, "--goal-shared", "unknown"))
    no = set(ids_of(runner, "--goal-shared", "no"))
    assert unknown == {"paris-agreement", "jerusalem-embassy", "steel-aluminium-tariffs"}
    assert not unknown & no


def test_agree_and_disagree_together_is_a_usage_error(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--agree", "--disagree")
    assert code == 2
    assert out == ""
    assert "use --agree or --disagree, not both" in err


def test_invalid_stance_option_lists_choices(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "list", "--stance", "angry")
    assert code == 2
    assert "supports" in err
    assert "opposes" in err


def test_unknown_topic_warns_with_a_suggestion(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--topic", "climte")
    assert code == 0
    assert "warning: no position has topic 'climte'; did you mean climate?" in err
    assert out == ""
    assert "No positions match (5 in the register)." in err


def test_list_json_equals_the_core_records(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "list", "--format", "json", "--sort", "id")
    assert code == 0
    register = load(bundled)
    records = [to_dict(p) for p in sorted(register.positions, key=lambda p: p.id)]
    listed = json.loads(out)
    # each record as in its file, with whose statement it shows and from when
    view_keys = ("holder", "since", "until", "stances", "relations")
    assert [{k: v for k, v in r.items() if k not in view_keys} for r in listed] == [
        {k: v for k, v in r.items() if k not in view_keys} for r in records
    ]
    assert [(r["stances"], r["relations"]) for r in listed] == [
        (r.get("stances", []), r.get("relations", [])) for r in records
    ]  # every row has every key
    assert [(r["holder"], r["since"], r["until"]) for r in listed] == [
        ("NL", r["decision"]["date"], None) for r in records
    ]
    assert listed[0]["goal_shared"] is True
    assert listed[1]["decision"]["date"] == "2018-05-08"


def test_list_csv(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "list", "--format", "csv", "--lang", "nl", "--goal-shared", "yes")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:6] == [
        "ID",
        "Besluit",
        "Datum",
        "Standpunt",
        "Doel gedeeld",
        "Middelen verschillen",
    ]
    assert [row[0] for row in table[1:]] == ["jcpoa", "human-rights-council"]
    assert table[1][3:6] == ["kritisch", "ja", "ja"]


def test_list_markdown_dutch_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--format", "markdown", "--lang", "nl")
    assert (code, err) == (0, "")
    assert_golden("list-nl.md", out)


def test_list_markdown_sources_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(
        runner, "list", "-f", "markdown", "--lang", "nl", "--sources", "--goal-shared", "yes"
    )
    assert code == 0
    assert_golden("list-nl-sources.md", out)


def test_sources_needs_markdown(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "list", "--sources")
    assert code == 2
    assert "--sources needs --format markdown" in err


def test_lang_from_environment(runner: CliRunner, bundled: Path) -> None:
    result = runner.invoke(app, ["list"], env={"POSITIES_LANG": "nl"})
    assert "Standpunt" in result.stdout
    assert "kritisch" in result.stdout


# --- an empty register ------------------------------------------------------------------------


def test_empty_register(runner: CliRunner, empty_register: Path) -> None:
    code, out, err = invoke(runner, "list")
    assert (code, out) == (0, "")
    assert "The register has no positions yet: posities new ID adds one." in err
    assert invoke(runner, "list", "-f", "json")[1] == "[]\n"


# --- show ---------------------------------------------------------------------------------


def test_show_plain_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "show", "jcpoa")
    assert (code, err) == (0, "")
    assert_golden("show-jcpoa.txt", out)


def test_show_markdown_dutch_golden(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "show", "human-rights-council", "-f", "markdown", "--lang", "nl")
    assert code == 0
    assert_golden("show-hrc-nl.md", out)


def test_show_in_dutch_names_the_supported_claims_in_dutch(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, _ = invoke(runner, "show", "jcpoa", "--lang", "nl")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("[")]
    assert [h.split("; ")[1] for h in headings] == [
        "onderbouwt: standpunt, besluit, samenvatting",
        "onderbouwt: standpunt",
        "onderbouwt: doel gedeeld, middelen verschillen, samenvatting",
        "onderbouwt: samenvatting",
    ]


def test_show_json_is_the_record(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "show", "jerusalem-embassy", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "jerusalem-embassy"
    assert record["decision"]["milestones"][0]["date"] == "2018-05-14"
    assert record["goal_shared"] is None


def test_show_csv(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "show", "jcpoa", "--format", "csv")
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[1][0] == "jcpoa"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("jcpao", "jcpoa"),
        ("paris", "paris-agreement"),
        ("iran", "jcpoa"),
        ("tariffs", "steel-aluminium-tariffs"),
    ],
)
def test_show_unknown_id_suggests(
    runner: CliRunner, bundled: Path, typed: str, suggestion: str
) -> None:
    code, out, err = invoke(runner, "show", typed)
    assert code == 2
    assert out == ""
    assert f"no position with id '{typed}'; did you mean" in err
    assert suggestion in err


# --- an invalid register ----------------------------------------------------------------------


def test_list_refuses_a_partial_table(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "broken.yaml", "id: broken\n")
    code, out, err = invoke(runner, "list", "--disagree")
    assert code == 1
    assert out == ""
    assert "nothing was printed. Run `posities check`" in err
    assert "positions/broken.yaml:1:1: missing key 'title'" in err


def test_show_refuses_when_the_register_is_invalid(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "broken.yaml", "id: [\n")
    code, out, err = invoke(runner, "show", "jcpoa")
    assert code == 1
    assert out == ""
    assert "posities check" in err


# --- every print verifies its quotes ----------------------------------------------------------


@pytest.mark.parametrize("output", ["table", "markdown", "json", "csv"])
def test_show_refuses_a_quote_not_in_its_text(
    runner: CliRunner, bundled: Path, output: str
) -> None:
    text = bundled / LETTER
    text.write_text(text.read_text(encoding="utf-8").replace("Mensenrechtenraad bij", "Raad bij"))
    code, out, err = invoke(runner, "show", "human-rights-council", "--format", output)
    assert (code, out) == (1, "")
    assert err.startswith(
        "error: the register has 1 problem in 1 file; nothing was printed. Run `posities check` "
        "to see them all.\n  positions/human-rights-council.yaml:"
    )
    assert '"Mensenrechtenraad" → "Raad"' in err
    assert invoke(runner, "show", "jcpoa", "--format", output)[0] == 0


def test_show_refuses_a_text_outside_the_register(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"text: {LETTER}", "text: /etc/hosts", 1)
    )
    code, out, err = invoke(runner, "show", "jcpoa")
    assert (code, out) == (1, "")
    assert (
        "  positions/jcpoa.yaml:32:11: sources[0].text '/etc/hosts': must be a path relative "
        "to the register folder, not an absolute one\n"
    ) in err


def test_show_is_the_same_on_a_warm_run(runner: CliRunner, bundled: Path, tmp_path: Path) -> None:
    first = invoke(runner, "show", "jcpoa")
    assert first[0] == 0
    assert (tmp_path / "cache" / "quotes.verdicts").read_text().count("\n") == 5  # header + 4
    assert invoke(runner, "show", "jcpoa") == first


# --- --at: the register at a revision or a date -----------------------------------------------


def test_at_a_date_before_the_first_commit_is_an_error(runner: CliRunner, history: Path) -> None:
    first = git(history, "rev-parse", "HEAD~2").strip()[:12]
    message = (
        "error: the register did not exist yet on 2010-01-01: the first commit on this branch "
        f"is {first} of 2018-06-01\n"
    )
    assert invoke(runner, "list", "--at", "2010-01-01") == (2, "", message)
    assert invoke(runner, "show", "a-decision", "--at", "2010-01-01") == (2, "", message)


def test_list_and_show_at_a_date(runner: CliRunner, history: Path) -> None:
    write(history / "positions", "a-decision.yaml", minimal(stance="supports"))
    _, out, _ = invoke(runner, "list", "--at", "2018-12-31", "--format", "json")
    assert [p["stance"] for p in json.loads(out)] == ["critical", "critical"]
    _, out, _ = invoke(runner, "show", "a-decision", "--at", "2019-01-15", "--format", "json")
    assert json.loads(out)["stance"] == "opposes"
    _, out, _ = invoke(runner, "list", "--at", "HEAD~2", "--format", "markdown")
    first = git(history, "rev-parse", "HEAD~2").strip()
    assert f"*Register state: 1 June 2018, commit {first[:7]}; 2 of 2 positions.*" in out


def test_a_file_invalid_at_an_old_revision_is_named_by_revision(
    runner: CliRunner, repo: Path
) -> None:
    bad = commit(repo, "Break", "2018-02-01", a_decision=minimal(stance="maybe"))
    commit(repo, "Fix", "2018-03-01", a_decision=minimal())
    code, _, err = invoke(runner, "list", "--at", "2018-02-15")
    assert code == 1
    assert f"  {bad[:12]}:positions/a-decision.yaml:11:9: stance: the string 'maybe'" in err
    code, _, err = invoke(runner, "diff", "2018-02-15")
    assert code == 2
    assert f"{bad[:12]}:positions/a-decision.yaml:11:9:" in err


LETTER_TEXT = "Wij vinden er\niets van, zei de minis-\nter.\n"
QUOTED = minimal().replace(
    "    quote: Wij vinden er iets van.",
    "    text: texts/letter.txt\n    quote: Wij vinden er iets van,",
)
REFUSED = (
    "error: the register has 1 problem in 1 file; nothing was printed. Run `posities check` to "
    "see them all.\n"
    "  {rev}:positions/a-decision.yaml:23:12: sources[0].quote is not found verbatim in "
    "'texts/letter.txt' (whitespace, line-break hyphens and quote marks aside); closest, at "
    'line 1: \'Wij vinden er niets van,\'; differs: "iets" → "niets"; copy it exactly from '
    "the text (posities quote find)\n"
)


def with_letter(top: Path, text: str) -> None:
    (top / "positions" / "texts").mkdir(parents=True, exist_ok=True)
    write(top / "positions", "texts/letter.txt", text)


@pytest.fixture
def quoted(repo: Path) -> Path:
    """Two commits: a quote found in its text, then the text changed so that it is not; in the
    working tree the text is as it was first, so that only history fails."""
    with_letter(repo, LETTER_TEXT)
    commit(repo, "Register", "2018-06-01", a_decision=QUOTED)
    with_letter(repo, LETTER_TEXT.replace("iets", "niets"))
    commit(repo, "Text changed", "2018-07-01")
    with_letter(repo, LETTER_TEXT)
    return repo


@pytest.mark.parametrize(
    "args",
    [
        ["show", "a-decision"],
        ["show", "a-decision", "--format", "json"],
        ["list", "--format", "markdown", "--sources"],
        ["list", "--format", "json"],
        ["list", "--format", "html", "--sources"],
        ["show", "a-decision", "--format", "html"],
    ],
)
def test_quotes_printed_at_a_revision_are_checked_against_the_text_then(
    runner: CliRunner, quoted: Path, args: list[str]
) -> None:
    head = git(quoted, "rev-parse", "HEAD").strip()[:12]
    assert invoke(runner, *args, "--at", "HEAD") == (1, "", REFUSED.format(rev=head))
    assert invoke(runner, *args)[0] == 0  # the working tree's text has the quote
    with_letter(quoted, "Iets anders.\n")
    code, out, err = invoke(runner, *args, "--at", "HEAD~1")
    assert (code, err) == (0, "")
    assert "Wij vinden er iets van," in out


def test_a_text_missing_at_a_revision_is_a_problem_at_its_source(
    runner: CliRunner, repo: Path
) -> None:
    with_letter(repo, LETTER_TEXT)
    first = commit(repo, "Register", "2018-06-01", a_decision=QUOTED)
    git(repo, "rm", "-q", "positions/texts/letter.txt")
    second = commit(repo, "Text removed", "2018-07-01")
    with_letter(repo, LETTER_TEXT)
    code, out, err = invoke(runner, "show", "a-decision", "--at", "HEAD")
    assert (code, out) == (1, "")
    assert err.endswith(
        f"\n  {second[:12]}:positions/a-decision.yaml:22:11: sources[0].text "
        f"'texts/letter.txt': no such file at {second[:12]} (the path is relative to the "
        "register folder)\n"
    )
    assert invoke(runner, "show", "a-decision", "--at", first)[0] == 0


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("../letter.txt", "leads out of the register folder (..)"),
        ("/etc/hosts", "must be a path relative to the register folder, not an absolute one"),
        ("b-decision.yaml", "is a position file of the register, not a source text"),
        ("texts", "is a folder, not a text file"),
        ("texts/out.txt", "leads out of the register folder through a symbolic link"),
        ("texts/loop.txt", "cannot read: a symbolic link that loops"),
    ],
)
def test_a_text_path_at_a_revision_follows_the_rules_of_the_folder(
    runner: CliRunner, repo: Path, text: str, why: str
) -> None:
    with_letter(repo, LETTER_TEXT)
    (repo / "letter.txt").write_text(LETTER_TEXT)
    os.symlink("../../letter.txt", repo / "positions" / "texts" / "out.txt")
    os.symlink("loop.txt", repo / "positions" / "texts" / "loop.txt")
    quoted = QUOTED.replace("text: texts/letter.txt", f"text: {text}")
    sha = commit(
        repo, "Register", "2018-06-01", a_decision=quoted, b_decision=minimal("b-decision")
    )
    code, out, err = invoke(runner, "show", "a-decision", "--at", "HEAD")
    assert (code, out) == (1, "")
    assert err.endswith(
        f"\n  {sha[:12]}:positions/a-decision.yaml:22:11: sources[0].text {shown(text)}: {why}\n"
    )


def test_a_text_linked_inside_the_register_at_a_revision_is_followed(
    runner: CliRunner, repo: Path
) -> None:
    (repo / "positions" / "texts" / "old").mkdir(parents=True)
    write(repo / "positions", "texts/old/letter.txt", LETTER_TEXT)
    os.symlink("old", repo / "positions" / "texts" / "current")
    os.symlink("current/../old/./letter.txt", repo / "positions" / "texts" / "letter.txt")
    commit(repo, "Register", "2018-06-01", a_decision=QUOTED)
    shutil.rmtree(repo / "positions" / "texts")
    code, out, err = invoke(runner, "show", "a-decision", "--at", "HEAD", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["sources"][0]["text"] == "texts/letter.txt"


def test_an_invalid_register_at_a_revision_is_listed_whole_with_git_s_advice(
    runner: CliRunner, repo: Path
) -> None:
    bad = commit(
        repo,
        "Break",
        "2018-02-01",
        a_decision=minimal(stance="maybe"),
        b_decision=minimal("b-decision", goal_shared="maybe"),
        c_decision=minimal("c-decision", stance="maybe"),
        d_decision=minimal("d-decision", stance="maybe"),
    )
    commit(repo, "Fix", "2018-03-01", a_decision=minimal())
    code, out, err = invoke(runner, "list", "--at", "2018-02-15")
    lines = err.splitlines()
    assert (code, out) == (1, "")
    assert lines[0] == (
        f"error: the register at {bad[:12]} (2018-02-01) has 4 problems in 4 files; nothing was "
        f"printed. Each file is named as git show opens it: git show {bad[:12]}:PATH"
    )
    assert [line.split(":")[1] for line in lines[1:]] == [  # all of them: check cannot help
        f"positions/{name}-decision.yaml" for name in "abcd"
    ]
    code, _, err = invoke(runner, "diff", "2018-02-15", "HEAD")
    assert code == 2
    assert err.startswith(f"error: the register at {bad[:12]} (2018-02-01) has 1 problem in")


def test_show_at_a_revision_shows_a_valid_position_beside_an_invalid_one(
    runner: CliRunner, repo: Path
) -> None:
    sha = commit(
        repo,
        "Add",
        "2018-01-01",
        a_decision=minimal(),
        b_decision=minimal("b-decision", stance="maybe"),
    )
    code, out, err = invoke(runner, "show", "a-decision", "--at", "HEAD", "--format", "json")
    assert (code, json.loads(out)["id"]) == (0, "a-decision")
    assert err == (
        f"warning: {sha[:12]}:positions/b-decision.yaml:11:9: stance: the string 'maybe' is not "
        "valid. Valid values: supports, neutral, concerned, critical, opposes (another file; "
        "a-decision is shown)\n"
    )
    code, out, err = invoke(runner, "show", "b-decision", "--at", "HEAD")
    assert (code, out) == (1, "")
    assert err.startswith(f"error: the register at {sha[:12]} (2018-01-01) has 1 problem")
    write(repo / "positions", "a-decision.yaml", minimal(ident="other"))
    commit(repo, "Misname", "2018-02-01")
    code, out, _ = invoke(runner, "show", "a-decision", "--at", "HEAD")  # its own file is bad
    assert (code, out) == (1, "")
    code, out, _ = invoke(runner, "list", "--at", "HEAD~1")  # a list is never partial
    assert (code, out) == (1, "")


def test_list_at_a_commit_before_the_register_folder_existed(runner: CliRunner, repo: Path) -> None:
    (repo / "README").write_text("A register is coming.\n")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "Readme", date="2018-01-01")
    first = git(repo, "rev-parse", "HEAD").strip()
    commit(repo, "Register", "2018-02-01", a_decision=minimal())
    code, out, err = invoke(runner, "list", "--at", "HEAD~1")
    assert (code, out) == (2, "")
    assert err == (
        f"error: the register folder 'positions' did not exist at {first[:12]} (2018-01-01), so "
        "it held no positions then\n"
    )
    code, out, _ = invoke(runner, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert (code, json.loads(out)["added"]) == (0, ["a-decision"])  # the empty register then


def test_a_symbolic_link_is_followed_or_reported(runner: CliRunner, repo: Path) -> None:
    commit(repo, "Add", "2018-01-01", a_decision=minimal())
    (repo / "shared.yaml.txt").write_text(minimal("b-decision"), encoding="utf-8")
    (repo / "positions" / "b-decision.yaml").symlink_to("../shared.yaml.txt")
    commit(repo, "Link", "2018-02-01")
    _, out, _ = invoke(runner, "list", "--at", "2018-02-01", "--format", "json")
    assert [p["id"] for p in json.loads(out)] == ["a-decision", "b-decision"]
    (repo / "shared.yaml.txt").unlink()
    sha = commit(repo, "Dangle", "2018-03-01")
    code, _, err = invoke(runner, "list", "--at", "HEAD")
    assert code == 1
    assert f"{sha[:12]}:positions/b-decision.yaml: a symbolic link that points nowhere" in err


def test_json_output_is_the_same_from_the_cache(runner: CliRunner, bundled: Path) -> None:
    cold = invoke(runner, "list", "--format", "json")
    warm = invoke(runner, "list", "--format", "json")
    assert cold == warm
    assert json.loads(warm[1])[0]["id"] == "paris-agreement"


# --- columns ----------------------------------------------------------------------------------


def test_list_columns_in_the_plain_table(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "list", "--columns", "stance,id", "--goal-shared", "yes")
    assert code == 0
    assert out == ("Stance    ID\ncritical  jcpoa\ncritical  human-rights-council\n")


def test_list_columns_in_csv_and_json(runner: CliRunner, bundled: Path) -> None:
    _, out, _ = invoke(runner, "list", "-c", "id,goal_shared,topics", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["ID", "Goal shared", "Topics"]
    assert rows[1][:2] == ["paris-agreement", "not stated"]
    _, out, _ = invoke(runner, "list", "-c", "id,goal_shared,title", "--format", "json")
    records = json.loads(out)
    assert records[0] == {
        "id": "paris-agreement",
        "goal_shared": None,
        "title": {
            "nl": "Terugtrekking uit het klimaatakkoord van Parijs",
            "en": "Withdrawal from the Paris climate agreement",
        },
    }


def test_list_columns_in_markdown_with_the_summary_and_its_footnotes(
    runner: CliRunner, bundled: Path
) -> None:
    args = ["list", "--format", "markdown", "--sources", "--columns", "id,summary"]
    _, out, _ = invoke(runner, *args)
    header = out.splitlines()[0]
    assert header == "| ID | Summary |"
    body = out.split("\n\n")[0]
    notes = [line for line in out.splitlines() if line.startswith("[^")]
    assert all(f"[^{n}]" in body for n in range(1, len(notes) + 1))


def test_a_bad_column_is_a_usage_error(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--columns", "id,titel")
    assert (code, out) == (2, "")
    assert "no column 'titel'; did you mean title?" in err


# --- memos ------------------------------------------------------------------------------------


def test_minimal_register_lists_not_stated(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    _, out, _ = invoke(runner, "list", "--lang", "nl", "--format", "markdown")
    assert "| kritisch | niet vermeld | niet vermeld |" in out
    _, out, _ = invoke(runner, "list", "--goal-shared", "unknown", "--format", "json")
    assert json.loads(out)[0]["goal_shared"] is None


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--format", "markdown", "--sources"],
        ["list", "--format", "json"],
        ["list", "--format", "html", "--sources"],
        ["show", "jcpoa", "--format", "html"],
        ["show", "jcpoa", "--format", "markdown"],
    ],
)
def test_a_quote_changed_in_its_text_is_never_printed(
    runner: CliRunner, bundled: Path, command: list[str]
) -> None:
    assert invoke(runner, *command)[0] == 0  # the verdicts are cached now
    letter = bundled / LETTER
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("kritisch \nbezien", "positief \nbezien"), encoding="utf-8")
    code, out, err = invoke(runner, *command)
    assert (code, out) == (1, "")
    assert "is not found verbatim" in err


def test_every_table_refuses_while_a_text_behind_it_is_missing(
    runner: CliRunner, bundled: Path
) -> None:
    (bundled / LETTER).unlink()
    for command in (
        ["list"],
        ["list", "--format", "csv"],
        ["list", "-f", "json", "-c", "id"],
        ["matrix"],
        ["matrix", "--format", "json"],
        ["show", "jcpoa"],
    ):
        code, out, err = invoke(runner, *command)
        assert (code, out) == (1, ""), command
        assert "no such file" in err
    assert invoke(runner, "list", "--stance", "supports")[0] == 0  # nothing shown rests on it


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--format", "markdown"],
        ["matrix", "--format", "markdown", "--lang", "nl"],
    ],
)
def test_a_memo_is_never_made_while_a_quote_behind_it_fails(
    runner: CliRunner, bundled: Path, command: list[str]
) -> None:
    letter = bundled / LETTER
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("Recent kwam daar", "Recent kwam er"), encoding="utf-8")
    code, out, err = invoke(runner, *command)
    assert (code, out) == (1, "")
    assert "is not found verbatim" in err


# --- the state line ---------------------------------------------------------------------------


def test_the_state_outside_git_changes_with_the_source_texts(
    runner: CliRunner, bundled: Path
) -> None:
    def state() -> str:
        return invoke(runner, "list", "--format", "markdown")[1].splitlines()[-1]

    before = state()
    letter = bundled / LETTER
    letter.write_text(letter.read_text(encoding="utf-8") + "\nEen regel erbij.\n", "utf-8")
    assert state() != before
    assert "niet onder versiebeheer" in invoke(runner, "list", "-f", "markdown", "--lang", "nl")[1]


def test_an_ignored_position_file_makes_the_state_uncommitted(
    runner: CliRunner, tmp_path: Path
) -> None:
    from .. import demo

    register = demo.build(tmp_path / "work")
    (tmp_path / "work" / ".gitignore").write_text("positions/extra.yaml\n", encoding="utf-8")
    demo.run_git(tmp_path / "work", "add", ".gitignore")
    demo.run_git(tmp_path / "work", "commit", "-qm", "ignore")
    line = invoke(runner, "list", "--format", "markdown")[1].splitlines()[-1]
    assert "uncommitted" not in line
    extra = (register / "jcpoa.yaml").read_text(encoding="utf-8").replace("id: jcpoa", "id: extra")
    (register / "extra.yaml").write_text(extra, encoding="utf-8")
    line = invoke(runner, "list", "--format", "markdown")[1].splitlines()[-1]
    assert "with uncommitted changes; 6 of 6 positions" in line


def test_the_state_in_a_repository_with_no_commit_yet(runner: CliRunner, bundled: Path) -> None:
    from .. import demo

    demo.run_git(bundled.parent, "init", "-q")
    line = invoke(runner, "list", "--format", "markdown", "--lang", "nl")[1].splitlines()[-1]
    assert line.startswith("*Stand van het register: in git, nog zonder commit, inhoud ")
    english = invoke(runner, "list", "--format", "markdown")[1].splitlines()[-1]
    assert english.startswith("*Register state: in git with no commit yet, contents ")


# --- matrix -----------------------------------------------------------------------------------


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


def test_show_reports_a_long_id_as_unknown(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "show", LONG)
    assert (code, out) == (2, "")
    assert err == f"error: no position with id {SHOWN} (`posities list` shows all ids)\n"


# --- files that are not read ------------------------------------------------------------------


def test_list_show_and_matrix_print_their_result_and_the_warnings(
    runner: CliRunner, cluttered: Path
) -> None:
    expected = "".join(
        "warning: " + line.replace(": warning: not read:", " is not read:", 1) + "\n"
        for line in UNREAD
    )
    assert expected.startswith(
        "warning: positions/.DS_Store is not read: a hidden file (its name starts with a dot)\n"
    )
    for args in (["list"], ["show", "a-decision"], ["matrix"], ["list", "--format", "json"]):
        code, out, err = invoke(runner, *args)
        assert (code, err) == (0, expected), args
        assert "a-decision" in out


def test_a_yml_file_does_not_block_list(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "b.yml", minimal("b"))
    code, out, err = invoke(runner, "list", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["a-decision"]
    assert err == (
        "warning: positions/b.yml is not read: position files end in .yaml; rename it to 'b.yaml'\n"
    )


def test_warnings_come_before_an_invalid_register_error(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal(stance="maybe"))
    write(empty_register, "notes.md", "")
    code, out, err = invoke(runner, "list")
    assert (code, out) == (1, "")
    assert err.startswith(
        "warning: positions/notes.md is not read: position files end in .yaml\n"
        "error: the register has 1 problem in 1 file; nothing was printed."
    )


# --- whose stance, in force when: --holder and --on ---------------------------------------------


HOLDERS_TOML = """\
holder = "NL"

[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
EU = {nl = "Europese Unie", en = "European Union"}
US = {nl = "Verenigde Staten", en = "United States"}
"""


def statement_text(holder: str, stance: str, since: str, until: str | None = None) -> str:
    """A `stances:` item whose one quote backs every claim."""
    return (
        f"  - holder: {holder}\n"
        f"    stance: {stance}\n"
        f"    goal_shared: {'true' if stance == 'supports' else 'null'}\n"
        "    means_differ: null\n"
        f"    since: {since}\n" + (f"    until: {until}\n" if until else "") + "    summary:\n"
        f"      nl: {holder}, {stance}.\n"
        f"      en: {holder}, {stance}.\n"
        "    sources:\n"
        "      - title: Een verslag\n"
        "        kind: verslag\n"
        f"        quote: {holder} zegt het.\n"
        "    updated: 2020-01-01\n"
    )


@pytest.fixture
def holders(repo: Path) -> str:
    """A committed register with posities.toml: a-decision, critical from its date 2019-01-02,
    the EU supporting it from 1 March 2019 until 1 January 2020 and NL opposing it from
    1 June 2019; b-decision, critical. Returns the commit."""
    (repo / "positions").mkdir()
    write(repo / "positions", "posities.toml", HOLDERS_TOML)
    a_decision = (
        minimal()
        + "stances:\n"
        + statement_text("EU", "supports", "2019-03-01", "2020-01-01")
        + statement_text("NL", "opposes", "2019-06-01")
    )
    return commit(
        repo, "Register", "2020-02-01", a_decision=a_decision, b_decision=minimal("b-decision")
    )


HEADER = "ID          Decision    Date        Stance      Goal shared  Means differ"


def test_list_shows_the_own_holders_stance_in_force_today(runner: CliRunner, holders: str) -> None:
    code, out, err = invoke(runner, "list")
    assert (code, err) == (0, "")
    assert out == (
        "ID          Decision    Date        Stance    Goal shared  Means differ\n"
        "a-decision  A decision  2019-01-02  opposes   not stated   not stated\n"
        "b-decision  A decision  2019-01-02  critical  not stated   not stated\n"
    )


@pytest.mark.parametrize(
    ("args", "rows"),
    [
        (
            ["--on", "2019-05-01"],
            [
                "ID          Decision    Date        Stance    Goal shared  Means differ",
                "a-decision  A decision  2019-01-02  critical  not stated   not stated",
                "b-decision  A decision  2019-01-02  critical  not stated   not stated",
            ],
        ),
        (
            ["--holder", "eu", "--on", "2019-05-01"],
            [
                "a-decision  A decision  2019-01-02  supports    yes          not stated",
                "b-decision  A decision  2019-01-02  not stated  not stated   not stated",
            ],
        ),
        (
            ["--holder", "EU", "--on", "2020-01-01"],
            [
                "a-decision  A decision  2019-01-02  not stated  not stated   not stated",
                "b-decision  A decision  2019-01-02  not stated  not stated   not stated",
            ],
        ),
        (
            ["--holder", "NL", "--on", "2019-01-01"],
            [
                "a-decision  A decision  2019-01-02  not stated  not stated   not stated",
                "b-decision  A decision  2019-01-02  not stated  not stated   not stated",
            ],
        ),
    ],
)
def test_list_with_holder_and_on(
    runner: CliRunner, holders: str, args: list[str], rows: list[str]
) -> None:
    code, out, err = invoke(runner, "list", *args)
    assert (code, err) == (0, "")
    assert out.splitlines() == (rows if rows[0].startswith("ID") else [HEADER, *rows])


def test_filters_apply_to_the_stance_shown(runner: CliRunner, holders: str) -> None:
    assert ids_of(runner, "--holder", "EU", "--on", "2019-05-01", "--agree") == ["a-decision"]
    assert ids_of(runner, "--holder", "EU", "--on", "2019-05-01", "--goal-shared", "yes") == [
        "a-decision"
    ]
    # not stated is unknown, never no, and never a stance
    assert ids_of(runner, "--holder", "EU", "--goal-shared", "unknown") == [
        "a-decision",
        "b-decision",
    ]
    assert ids_of(runner, "--holder", "EU", "--disagree") == []
    assert ids_of(runner, "--disagree") == ["a-decision", "b-decision"]
    assert ids_of(runner, "--on", "2019-05-01", "--stance", "opposes") == []


def test_the_json_of_a_view_has_its_holder_since_and_until(runner: CliRunner, holders: str) -> None:
    from posities.core.statements import view

    code, out, err = invoke(
        runner, "list", "--holder", "EU", "--on", "2019-05-01", "--format", "json"
    )
    assert (code, err) == (0, "")
    rows = json.loads(out)
    first, second = rows
    assert {k: first[k] for k in ("holder", "stance", "goal_shared", "since", "until")} == {
        "holder": "EU",
        "stance": "supports",
        "goal_shared": True,
        "since": "2019-03-01",
        "until": "2020-01-01",
    }
    assert first["sources"] == [
        {"title": "Een verslag", "kind": "verslag", "date": None, "quote": "EU zegt het."}
    ]
    assert {k: second[k] for k in ("holder", "stance", "goal_shared", "means_differ")} == {
        "holder": "EU",
        "stance": None,
        "goal_shared": None,
        "means_differ": None,
    }
    assert (second["since"], second["until"], second["summary"], second["sources"]) == (
        None,
        None,
        None,
        [],
    )
    register = load(Path("positions"))
    assert rows == [to_dict(view(p, "EU", "2019-05-01", "NL")) for p in register.positions]


def test_the_memo_names_the_holder_and_the_day(runner: CliRunner, holders: str) -> None:
    args = ["--holder", "eu", "--on", "2019-05-01", "--format", "markdown"]
    code, out, err = invoke(runner, "list", *args, "--lang", "nl")
    assert (code, err) == (0, "")
    assert out == (
        "| ID | Besluit | Datum | Standpunt | Doel gedeeld | Middelen verschillen |\n"
        "|---|---|---|---|---|---|\n"
        "| a-decision | Een besluit | 2019-01-02 | steunt | ja | niet vermeld |\n"
        "| b-decision | Een besluit | 2019-01-02 | niet vermeld | niet vermeld | niet vermeld |\n"
        "\n"
        f"*Stand van het register: 1 februari 2020, commit {holders[:7]}; 2 van 2 standpunten; "
        "selectie: standpunt van: Europese Unie (EU); geldend op 1 mei 2019.*\n"
    )
    out = invoke(runner, "list", *args)[1]
    assert out.splitlines()[-1] == (
        f"*Register state: 1 February 2020, commit {holders[:7]}; 2 of 2 positions; "
        "selection: stance of: European Union (EU); in force on 1 May 2019.*"
    )


def test_on_today_is_today(runner: CliRunner, holders: str) -> None:
    from posities.model.dates import long_date, today

    assert invoke(runner, "list", "--on", "today") == invoke(runner, "list")
    out = invoke(runner, "list", "--on", "TODAY", "--format", "markdown")[1]
    assert out.splitlines()[-1].endswith(f"selection: in force on {long_date(today(), 'en')}.*")


def test_an_undeclared_holder_is_refused_with_the_declared_ones(
    runner: CliRunner, holders: str
) -> None:
    for command in (["list"], ["matrix"]):
        assert invoke(runner, *command, "--holder", "de") == (
            2,
            "",
            "error: holder 'DE' is not declared in posities.toml. Declared: NL, EU, US\n",
        )
    assert invoke(runner, "list", "--holder", "EUR") == (
        2,
        "",
        "error: holder 'EUR' is not declared in posities.toml; did you mean EU? "
        "Declared: NL, EU, US\n",
    )


def test_without_posities_toml_any_holder_may_be_asked_for(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    code, out, err = invoke(runner, "list", "--holder", "de", "--format", "json")
    assert code == 0
    assert err == "warning: no position has a statement of DE: every stance shown is not stated\n"
    assert [(r["holder"], r["stance"]) for r in json.loads(out)] == [("DE", None)]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--on", "2019-13-01", "'2019-13-01' is not a day: expected YYYY-MM-DD (or today)"),
        ("--on", "2019-05", "'2019-05' is not a day: expected YYYY-MM-DD (or today)"),
        ("--on", "yesterday", "'yesterday' is not a day: expected YYYY-MM-DD (or today)"),
        ("--holder", "E U", "'E U' is not a holder code: expected uppercase letters and digits"),
    ],
)
def test_a_value_that_cannot_be_a_day_or_a_code_is_a_usage_error(
    runner: CliRunner, holders: str, option: str, value: str, message: str
) -> None:
    for command in (["list"], ["matrix"]):
        code, out, err = invoke(runner, *command, option, value)
        assert (code, out) == (2, "")
        assert f"Invalid value for {option}: {message}" in " ".join(
            line.strip("│ ") for line in err.splitlines()
        )
        assert "Traceback" not in err


def test_show_with_holder_and_on(runner: CliRunner, holders: str) -> None:
    code, out, err = invoke(runner, "show", "a-decision", "--holder", "eu", "--on", "2019-05-01")
    assert (code, err) == (0, "")
    assert out == (
        "ID:               a-decision\n"
        "Title:            A decision\n"
        "Actor:            US\n"
        "Date:             2019-01-02\n"
        "Description:      Something was decided.\n"
        "Holder:           EU\n"
        "Since:            1 March 2019\n"
        "Until:            1 January 2020\n"
        "Stance:           supports\n"
        "Goal shared:      yes\n"
        "Means differ:     not stated\n"
        "Summary:          EU, supports.\n"
        "Topics:           trade\n"
        "Updated:          2020-01-01\n"
        "Other statements: NL, since 2 January 2019: critical; goal shared: not stated; means "
        "differ: not stated\n"
        "                  NL, since 1 June 2019: opposes; goal shared: not stated; means differ: "
        "not stated\n"
        "\n"
        "Sources:\n"
        "[1] Een verslag (verslag, date not stated)\n"
        "    “EU zegt het.”\n"
    )


@pytest.mark.parametrize(
    ("args", "holder", "day"),
    [
        ([], "NL", None),
        (["--on", "2019-05-01"], "NL", "2019-05-01"),
        (["--holder", "eu", "--on", "2019-05-01"], "EU", "2019-05-01"),
        (["--holder", "US"], "US", None),
    ],
)
def test_show_json_is_the_view(
    runner: CliRunner, holders: str, args: list[str], holder: str, day: str | None
) -> None:
    from posities.core.statements import view
    from posities.model.dates import today

    for ident in ("a-decision", "b-decision"):
        code, out, err = invoke(runner, "show", ident, *args, "--format", "json")
        assert code == 0
        assert err in (
            "",
            f"warning: no position has a statement of {holder}: every stance shown is not stated\n",
        )
        position = next(p for p in load(Path("positions")).positions if p.id == ident)
        assert json.loads(out) == to_dict(view(position, holder, day or today(), "NL"))


def test_show_refuses_an_undeclared_holder_and_a_bad_day(runner: CliRunner, holders: str) -> None:
    assert invoke(runner, "show", "a-decision", "--holder", "de") == (
        2,
        "",
        "error: holder 'DE' is not declared in posities.toml. Declared: NL, EU, US\n",
    )
    code, out, err = invoke(runner, "show", "a-decision", "--on", "2019-02-30")
    assert (code, out) == (2, "")
    assert "Invalid value for --on: '2019-02-30' is not a day" in err


def test_matrix_with_holder_and_on(runner: CliRunner, holders: str) -> None:
    code, out, err = invoke(
        runner, "matrix", "--holder", "EU", "--on", "2019-05-01", "--format", "json"
    )
    assert code == 0
    assert err == "note: not in the matrix, no statement of EU in force on 2019-05-01: b-decision\n"
    cells = {(cell["goal_shared"], cell["means_differ"]): cell["ids"] for cell in json.loads(out)}
    assert cells[(True, None)] == ["a-decision"]
    assert cells[(None, None)] == []  # b-decision has no EU statement then: not a cell's
    line = invoke(runner, "matrix", "--holder", "EU", "--on", "2019-05-01", "--format", "markdown")[
        1
    ]
    assert line.splitlines()[-1] == (
        f"*Register state: 1 February 2020, commit {holders[:7]}; 1 of 2 positions; "
        "selection: stance of: European Union (EU); in force on 1 May 2019.*"
    )


# --- --at x --on: the register as committed at A, its stances in force on B ---------------------


Said = tuple[str, str, str, str | None]
"""A statement as a commit writes it: holder, stance, since, until."""

AT_ON_COMMITS: list[tuple[str, dict[str, list[Said]]]] = [
    # the day of the commit; each position's statements, the top-level NL one first
    (
        "2026-03-01",
        {
            "a-decision": [("NL", "critical", "2026-03-01", None)],
            "b-decision": [("NL", "concerned", "2026-03-01", None)],
        },
    ),
    (  # a commit on the 10th records what held from the 3rd, and before the decision
        "2026-03-10",
        {
            "a-decision": [
                ("NL", "critical", "2026-03-01", None),
                ("NL", "opposes", "2026-03-03", None),
                ("EU", "supports", "2026-02-20", None),
            ],
            "b-decision": [("NL", "concerned", "2026-03-01", None)],
        },
    ),
    (  # a commit on the 15th ends the EU's stance on the 5th, and dates b from the 5th
        "2026-03-15",
        {
            "a-decision": [
                ("NL", "critical", "2026-03-01", None),
                ("NL", "opposes", "2026-03-03", None),
                ("EU", "supports", "2026-02-20", "2026-03-05"),
                ("NL", "neutral", "2026-03-12", "2026-03-14"),
            ],
            "b-decision": [("NL", "concerned", "2026-03-05", None)],
        },
    ),
    (  # a commit on the 20th takes back the stance from the 3rd: it was recorded in error
        "2026-03-20",
        {
            "a-decision": [
                ("NL", "critical", "2026-03-01", None),
                ("EU", "supports", "2026-02-20", "2026-03-05"),
                ("NL", "neutral", "2026-03-12", "2026-03-14"),
            ],
            "b-decision": [("NL", "concerned", "2026-03-05", None)],
        },
    ),
]


def _position_text(ident: str, said: list[Said]) -> str:
    _holder, stance, since, until = said[0]
    text = minimal(ident, stance=stance).replace("2019-01-02", "2026-03-01")
    top = (f"since: {since}\n" if since != "2026-03-01" else "") + (
        f"until: {until}\n" if until else ""
    )
    text = text.replace("updated: 2020-01-01\n", f"{top}updated: 2020-01-01\n")
    if len(said) > 1:
        text += "stances:\n" + "".join(statement_text(*item) for item in said[1:])
    return text


def _expected(at: str, on: str, holder: str) -> list[str | None]:
    """The oracle: the statements of the last commit on or before `at`; of those of `holder`
    that began on or before `on` and, if they end, end after it, the one begun last."""
    committed = [state for day, state in AT_ON_COMMITS if day <= at][-1]
    stances = []
    for ident in sorted(committed):
        holding = [
            (since, stance)
            for who, stance, since, until in committed[ident]
            if who == holder and since <= on and (until is None or until > on)
        ]
        stances.append(max(holding)[1] if holding else None)
    return stances


@pytest.fixture
def back_dated(repo: Path) -> Path:
    for day, state in AT_ON_COMMITS:
        files = {
            ident.replace("-", "_"): _position_text(ident, said) for ident, said in state.items()
        }
        commit(repo, f"Stances as known on {day}", day, **files)  # type: ignore[arg-type]
    return repo


AT_DAYS = ["2026-03-01", "2026-03-09", "2026-03-10", "2026-03-14", "2026-03-15", "2026-03-20"]
ON_DAYS = [
    "2026-02-19",
    "2026-02-20",
    "2026-03-01",
    "2026-03-02",
    "2026-03-03",
    "2026-03-04",
    "2026-03-05",
    "2026-03-12",
    "2026-03-13",
    "2026-03-14",
    "2026-03-30",
]


def test_at_and_on_combine_over_a_grid_of_days(runner: CliRunner, back_dated: Path) -> None:
    seen: set[tuple[str | None, ...]] = set()
    for at in AT_DAYS:
        for on in ON_DAYS:
            for holder in ("NL", "EU"):
                args = ["list", "--at", at, "--on", on, "--holder", holder, "--format", "json"]
                code, out, err = invoke(runner, *args)
                assert code == 0, args
                assert err in (
                    "",
                    f"warning: no position has a statement of {holder}: "
                    "every stance shown is not stated\n",
                ), args
                rows = json.loads(out)
                assert [r["id"] for r in rows] == ["a-decision", "b-decision"]
                expected = _expected(at, on, holder)
                assert [r["stance"] for r in rows] == expected, args
                seen.add(tuple(expected))
    assert len(seen) >= 6  # the grid sees the stances change both ways


def test_at_and_on_in_the_memo_state_line(runner: CliRunner, back_dated: Path) -> None:
    head = git(back_dated, "rev-list", "-1", "--before=2026-03-10 23:59:59", "HEAD").strip()
    code, out, err = invoke(
        runner, "list", "--at", "2026-03-10", "--on", "2026-03-03", "--format", "markdown"
    )
    assert (code, err) == (0, "")
    assert out == (
        "| ID | Decision | Date | Stance | Goal shared | Means differ |\n"
        "|---|---|---|---|---|---|\n"
        "| a-decision | A decision | 2026-03-01 | opposes | not stated | not stated |\n"
        "| b-decision | A decision | 2026-03-01 | concerned | not stated | not stated |\n"
        "\n"
        f"*Register state: 10 March 2026, commit {head[:7]}; 2 of 2 positions; "
        "selection: in force on 3 March 2026.*\n"
    )


def test_on_without_at_reads_the_folder_as_it_is(runner: CliRunner, back_dated: Path) -> None:
    for on in ON_DAYS:
        rows = json.loads(invoke(runner, "list", "--on", on, "--format", "json")[1])
        assert [r["stance"] for r in rows] == _expected("2026-12-31", on, "NL")


def test_a_holder_with_no_statement_anywhere_is_warned_of(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--holder", "US", "--format", "csv", "-c", "id,stance")
    assert code == 0
    assert err == "warning: no position has a statement of US: every stance shown is not stated\n"
    assert out.splitlines()[1:] == [
        "paris-agreement,not stated",
        "jerusalem-embassy,not stated",
        "steel-aluminium-tariffs,not stated",
        "jcpoa,not stated",
        "human-rights-council,not stated",
    ]
    assert invoke(runner, "list", "--holder", "EU")[2] == ""  # EU has one


def test_the_matrix_leaves_out_what_has_no_statement_in_force_and_says_so(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, err = invoke(runner, "matrix", "--holder", "EU", "--format", "json")
    assert code == 0
    assert err == (
        "note: not in the matrix, no statement of EU in force today: human-rights-council, "
        "jerusalem-embassy, paris-agreement, steel-aluminium-tariffs\n"
    )
    placed = [i for cell in json.loads(out) for i in cell["ids"]]
    assert placed == ["jcpoa"]  # never counted as a "not stated" goal or means


def test_columns_name_whose_statement_is_shown_and_when(runner: CliRunner, bundled: Path) -> None:
    args = ["list", "--holder", "EU", "-c", "id,holder,since,until,stance", "--lang", "nl"]
    code, out, _ = invoke(runner, *args, "--format", "csv")
    assert code == 0
    assert out.splitlines()[:2] == [
        "ID,Partij,Sinds,Tot,Standpunt",
        "paris-agreement,EU,,,niet vermeld",
    ]
    assert "jcpoa,EU,2018-05-08,,kritisch" in out.splitlines()
    code, out, _ = invoke(runner, *args, "--format", "json")
    assert json.loads(out)[3] == {
        "id": "jcpoa",
        "holder": "EU",
        "since": "2018-05-08",
        "until": None,
        "stance": "critical",
    }


def test_show_names_the_relations_other_decisions_have_to_it(runner: CliRunner) -> None:
    from ..conftest import BUNDLED

    folder = str(BUNDLED.parent / "examples" / "holders")
    code, out, _ = invoke(runner, "show", "paris-withdrawal", "--dir", folder, "--lang", "nl")
    assert code == 0
    assert "Relaties:             teruggedraaid door paris-return\n" in out
    code, out, _ = invoke(runner, "show", "paris-return", "--dir", folder, "-f", "markdown")
    assert "| Relations | reverses paris-withdrawal |\n" in out


# --- html ------------------------------------------------------------------------------------


def test_list_html_is_the_memo_table_with_its_notes_and_state_line(
    runner: CliRunner, bundled: Path
) -> None:
    from ..render.test_html import cells, external, parse

    args = ["list", "-f", "html", "--lang", "nl", "--sources", "--goal-shared", "yes"]
    code, out, err = invoke(runner, *args)
    assert (code, err) == (0, "")
    root = parse(out)
    assert root.all("html")[0].attrs == {"lang": "nl"}
    assert root.all("meta")[0].attrs == {"charset": "utf-8"}
    assert [n.words() for n in root.all("title") + root.all("h1")] == ["Standpunten"] * 2
    assert external(out) == []
    heads = ["ID", "Besluit", "Datum", "Standpunt", "Doel gedeeld", "Middelen verschillen"]
    assert cells(root) == (
        heads,
        [
            ["jcpoa", "Eenzijdige opzegging van het JCPOA (nucleair akkoord met Iran)",
             "2018-05-08" "1", "kritisch" "1,2", "ja" "3", "ja" "3"],
            ["human-rights-council", "Terugtrekking uit de VN-Mensenrechtenraad",
             "2018-06-19" "4", "kritisch" "1,2,4", "ja" "3", "ja" "3"],
        ],
    )  # fmt: skip
    memo = (Path(__file__).parent.parent / "assets" / "list-nl-sources.md").read_text("utf-8")
    state = [line.strip("*") for line in memo.splitlines() if line.startswith("*Stand")]
    assert [p.words() for p in root.all("p")] == state
    notes = [line.split(": ", 1)[1] for line in memo.splitlines() if line.startswith("[^")]
    items = root.all("ol")[0].all("li")
    assert [li.words().rstrip(" ↩") for li in items] == notes
    assert [len(li.all("a")) for li in items] == [3, 2, 4, 2]  # one link back per mark


def test_list_html_fragment_is_the_table_state_line_and_notes(
    runner: CliRunner, bundled: Path
) -> None:
    from ..render.test_html import html_tags, parse

    code, out, _ = invoke(runner, "list", "-f", "html", "--fragment", "--sources")
    assert code == 0
    assert out.startswith("<table>\n<thead>\n")
    assert [n.tag for n in parse(out).children] == ["table", "p", "ol"]
    assert not {"html", "head", "body", "title", "style", "h1"} & set(html_tags(out))


@pytest.mark.parametrize(
    "args", [["list"], ["list", "-f", "markdown"], ["show", "jcpoa", "-f", "json"], ["matrix"]]
)
def test_fragment_needs_html(runner: CliRunner, bundled: Path, args: list[str]) -> None:
    code, out, err = invoke(runner, *args, "--fragment")
    assert (code, out) == (2, "")
    assert "--fragment needs --format html" in err


def test_html_escapes_every_value(runner: CliRunner, empty_register: Path) -> None:
    from ..render.test_html import cells, parse

    hostile = "<script>alert(\"x\")</script> & 'y' </td>"
    text = minimal().replace("en: A decision", f"en: {json.dumps(hostile)}")
    text = text.replace("Wij vinden er iets van.", json.dumps(hostile + " <b>"))
    write(empty_register, "a-decision.yaml", text)
    code, out, _ = invoke(runner, "list", "-f", "html", "--sources", "-c", "title,stance")
    assert code == 0
    root = parse(out)
    assert cells(root) == (["Decision", "Stance"], [[hostile, "critical1"]])
    assert root.all("script") == root.all("b") == []
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;" in out
    note = root.all("li")[0].words()
    assert note.startswith(f"“{hostile} <b>” — Een brief (kamerbrief, 3 February 2019)")
    code, out, _ = invoke(runner, "show", "a-decision", "-f", "html")
    assert code == 0
    root = parse(out)
    assert [n.words() for n in root.all("title") + root.all("blockquote")] == [
        hostile,
        hostile + " <b>",
    ]
    assert root.all("script") == []


def test_show_html_is_the_field_table_sources_and_state_line(
    runner: CliRunner, bundled: Path
) -> None:
    from ..render.test_html import cells, external, parse

    code, out, _ = invoke(runner, "show", "human-rights-council", "-f", "html")
    assert code == 0
    root = parse(out)
    assert root.all("title")[0].words() == "Withdrawal from the UN Human Rights Council"
    heads, body = cells(root)
    assert heads == ["Field", "Value"]
    assert body[:4] == [
        ["ID", "human-rights-council"],
        ["Title", "Withdrawal from the UN Human Rights Council"],
        ["Actor", "US"],
        ["Date", "2018-06-19"],
    ]
    assert [n.words() for n in root.all("h2")] == ["Sources"]
    quotes = root.all("blockquote")
    recent = "Recent kwam daar de Amerikaanse terugtrekking uit de Mensenrechtenraad bij."
    assert recent in [q.words() for q in quotes]
    assert [p.words() for p in root.all("p")] == [
        "Register state: not under version control, contents 274c5d648d6e; 1 of 5 positions."
    ]
    assert external(out) == []


def test_matrix_html_names_each_quadrant_before_its_decisions(
    runner: CliRunner, bundled: Path
) -> None:
    from ..render.test_html import cells, parse

    code, out, _ = invoke(runner, "matrix", "-f", "html", "--fragment", "--lang", "nl")
    assert code == 0
    heads, body = cells(parse(out))
    assert heads == ["Doel gedeeld ↓ / Middelen verschillen →", "ja", "nee", "niet vermeld"]
    assert body[0][:2] == [
        "ja",
        "Zelfde doel, andere weg: Eenzijdige opzegging van het JCPOA (nucleair akkoord met "
        "Iran) (jcpoa); Terugtrekking uit de VN-Mensenrechtenraad (human-rights-council)",
    ]
