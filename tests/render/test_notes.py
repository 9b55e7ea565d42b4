"""Memo tables: one footnote per distinct quote on the cells it supports, chosen columns, a
state line written for a reader, reports written to a file, Dutch option values."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from posities.core.query import Filter, Tri
from posities.core.register import load
from posities.git.state import RegisterState
from posities.model.records import Localized, Position, Source, Stance
from posities.model.words import Lang
from posities.render.notes import footnotes, selection, state_line
from posities.render.tables import COLUMNS, markdown_list

from ..conftest import invoke, minimal, write

LETTER = "texts/bondgenoten-in-onzekere-tijden.txt"


def source(quote: str, supports: tuple[str, ...] | None, text: str | None = LETTER) -> Source:
    return Source("Een brief", "kamerbrief", quote, None, text, None, supports)


def position(
    ident: str,
    sources: tuple[Source, ...],
    goal_shared: bool | None = True,
    means_differ: bool | None = None,
) -> Position:
    from posities.model.records import Decision

    return Position(
        id=ident,
        title=Localized("Titel", "Title"),
        actor="US",
        decision=Decision("2018-05-08", Localized("Besluit.", "Decision.")),
        stance=Stance.CRITICAL,
        goal_shared=goal_shared,
        means_differ=means_differ,
        summary=Localized("Samenvatting.", "Summary."),
        topics=(),
        sources=sources,
        updated="2026-11-28",
    )


# --- footnotes ---------------------------------------------------------------------------------


def test_one_footnote_per_distinct_quote_reused_across_rows() -> None:
    shared = source("Wij zijn kritisch.", ("stance",))
    rows = [position("a", (shared,)), position("b", (shared,))]
    notes = footnotes(rows, ("id", "stance"))
    assert notes.sources == (shared,)
    assert notes.marks == ({"stance": (1,)}, {"stance": (1,)})


def test_a_mark_stands_on_each_cell_its_quote_supports_and_nowhere_else() -> None:
    both = source("Doel gedeeld, andere weg.", ("goal_shared", "means_differ"))
    stance = source("Wij zijn kritisch.", ("stance",))
    row = position("a", (stance, both), goal_shared=True, means_differ=True)
    notes = footnotes([row], ("id", "title", "date", "stance", "goal_shared", "means_differ"))
    assert notes.marks == ({"stance": (1,), "goal_shared": (2,), "means_differ": (2,)},)


def test_a_quote_for_the_decision_marks_the_date() -> None:
    decided = source("Op 8 mei besloot de VS.", ("decision",))
    notes = footnotes([position("a", (decided,))], ("title", "date", "stance"))
    assert notes.marks == ({"date": (1,)},)


def test_a_summary_quote_appears_only_with_the_summary_column() -> None:
    summary = source("Samengevat.", ("summary",))
    stance = source("Wij zijn kritisch.", ("stance",))
    row = position("a", (stance, summary))
    assert footnotes([row], ("id", "stance")).sources == (stance,)
    with_summary = footnotes([row], ("id", "stance", "summary"))
    assert with_summary.sources == (stance, summary)
    assert with_summary.marks == ({"stance": (1,), "summary": (2,)},)


def test_a_quote_without_supports_does_not_mark_a_value_not_stated() -> None:
    general = source("Alles.", None)
    row = position("a", (general,), goal_shared=None, means_differ=True)
    notes = footnotes([row], ("stance", "goal_shared", "means_differ"))
    assert notes.marks == ({"stance": (1,), "means_differ": (1,)},)


def test_the_same_words_from_another_document_are_another_footnote() -> None:
    one = source("Wij zijn kritisch.", ("stance",))
    other = Source("Een verslag", "verslag", "Wij zijn kritisch.", None, None, None, ("stance",))
    notes = footnotes([position("a", (one, other))], ("stance",))
    assert len(notes.sources) == 2


sources_strategy = st.lists(
    st.builds(
        source,
        st.sampled_from(["Een.", "Twee.", "Drie."]),
        st.one_of(
            st.none(),
            st.lists(
                st.sampled_from(["stance", "goal_shared", "means_differ", "decision", "summary"]),
                min_size=1,
                unique=True,
            ).map(tuple),
        ),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200)
@given(
    st.lists(sources_strategy, min_size=1, max_size=4),
    st.lists(st.sampled_from(COLUMNS), min_size=1, unique=True),
)
def test_footnotes_are_distinct_numbered_in_reading_order_and_all_used(
    per_row: list[list[Source]], columns: list[str]
) -> None:
    rows = [position(f"p{n}", tuple(s)) for n, s in enumerate(per_row)]
    notes = footnotes(rows, columns)
    keys = [(s.title, s.quote) for s in notes.sources]
    assert len(keys) == len(set(keys))
    seen: list[int] = []
    for marks in notes.marks:
        for column in columns:
            for number in marks.get(column, ()):
                if number not in seen:
                    seen.append(number)
    assert seen == list(range(1, len(notes.sources) + 1))


def test_markdown_footnotes_of_the_bundled_register_are_one_per_quote(bundled: Path) -> None:
    register = load(bundled)
    table = markdown_list(register.positions, Lang.NL, "*state*", with_sources=True)
    definitions = [line for line in table.splitlines() if line.startswith("[^")]
    quotes = {
        " ".join(s.quote.split())
        for p in register.positions
        for s in p.sources
        if s.supports is None or set(s.supports) & {"stance", "goal_shared", "means_differ"}
    }
    assert len(definitions) == len(quotes)
    for number in range(1, len(definitions) + 1):
        assert f"[^{number}]" in table.split("\n\n")[0]


def test_a_footnote_says_when_its_quote_was_not_checked_against_a_text() -> None:
    unchecked = source("Wij zijn kritisch.", ("stance",), text=None)
    table = markdown_list([position("a", (unchecked,))], Lang.NL, "*s*", with_sources=True)
    assert table.endswith(
        "[^1]: “Wij zijn kritisch.” — Een brief (kamerbrief, datum niet vermeld); "
        "niet getoetst aan een brontekst.\n"
    )


# --- columns -----------------------------------------------------------------------------------


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


# --- the state line ----------------------------------------------------------------------------


def test_state_line_for_a_reader() -> None:
    state = RegisterState("abc", "364507c2b5e9aa", "2026-11-27", dirty=True)
    where = Filter(goal_shared=Tri.YES, disagree=True, topics=frozenset({"iran", "trade"}))
    line = state_line(state, 2, 5, selection(where, Lang.NL), Lang.NL)
    assert line == (
        "*Stand van het register: 27 november 2026, commit 364507c, met niet-vastgelegde "
        "wijzigingen; 2 van 5 standpunten; selectie: standpunt: kritisch of wijst af; doel "
        "gedeeld: ja; onderwerpen: iran, trade.*"
    )
    english = state_line(state, 1, 5, selection(Filter(means_differ=Tri.UNKNOWN), Lang.EN), Lang.EN)
    assert english == (
        "*Register state: 27 November 2026, commit 364507c, with uncommitted changes; "
        "1 of 5 positions; selection: means differ: not stated.*"
    )


def test_selection_names_every_criterion() -> None:
    where = Filter(
        agree=True,
        stances=frozenset({Stance.CONCERNED}),
        actor="US",
        search="Iran",
        means_differ=Tri.NO,
    )
    assert selection(where, Lang.EN) == [
        "stance: supports",
        "stance: concerned",
        "means differ: no",
        "actor: US",
        "search: “Iran”",
    ]


# --- Dutch option values -----------------------------------------------------------------------


def test_dutch_filter_values_on_the_command_line(runner: CliRunner, bundled: Path) -> None:
    dutch = invoke(runner, "list", "--stance", "kritisch", "--goal-shared", "ja")
    english = invoke(runner, "list", "--stance", "critical", "--goal-shared", "yes")
    assert dutch == english
    assert dutch[0] == 0


def test_a_mistyped_dutch_value_suggests_the_word(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "--stance", "kritish")
    assert (code, out) == (2, "")
    assert "'kritish' is not a stance; did you mean 'kritisch'?" in " ".join(err.split())


# --- reports written to a file -----------------------------------------------------------------


def test_output_file_holds_what_stdout_would(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    args = ["list", "--format", "markdown", "--lang", "nl", "--sources"]
    _, printed, _ = invoke(runner, *args)
    target = tmp_path / "memo.md"
    code, out, err = invoke(runner, *args, "-o", str(target))
    assert (code, out) == (0, "")
    assert err.startswith("wrote ")
    assert target.read_text(encoding="utf-8") == printed


@pytest.mark.parametrize(
    "command",
    [
        ["show", "jcpoa"],
        ["show", "jcpoa", "--format", "markdown"],
        ["matrix"],
        ["matrix", "--format", "json"],
        ["schema"],
        ["list"],
        ["check"],
        ["check", "--format", "json"],
        ["quote", "find", "Iran bezorgdheid"],
    ],
)
def test_every_report_can_be_written_to_a_file(
    runner: CliRunner, bundled: Path, tmp_path: Path, command: list[str]
) -> None:
    _, printed, _ = invoke(runner, *command)
    target = tmp_path / "report.out"
    code, out, _ = invoke(runner, *command, "--output", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == printed


def test_a_report_is_never_written_over_a_position_file(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    original = (bundled / "jcpoa.yaml").read_bytes()
    code, out, err = invoke(runner, "list", "-o", str(bundled / "jcpoa.yaml"))
    assert (code, out) == (2, "")
    assert "inside the register folder" in err
    assert (bundled / "jcpoa.yaml").read_bytes() == original
    elsewhere = tmp_path / "copy.yaml"
    elsewhere.write_bytes(original)
    code, _, err = invoke(runner, "list", "-o", str(elsewhere))
    assert code == 2
    assert "is a position file" in err
    assert elsewhere.read_bytes() == original


def test_a_report_replaces_a_file_in_one_step(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "memo.md"
    target.write_text("old memo\n", encoding="utf-8")
    os.chmod(target, 0o640)
    assert invoke(runner, "list", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("ID ")
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if "posities-tmp" in p.name] == []


# --- output encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "command"),
    [
        ({"PYTHONIOENCODING": "cp1252"}, ["matrix", "--format", "markdown"]),
        ({"PYTHONIOENCODING": "ascii"}, ["list", "--format", "markdown", "--sources"]),
        ({"PYTHONIOENCODING": "latin-1"}, ["show", "jcpoa", "--lang", "nl"]),
        ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, ["show", "jcpoa"]),
    ],
)
def test_no_output_encoding_makes_a_command_fail(
    bundled: Path, env: dict[str, str], command: list[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posities", *command],
        capture_output=True,
        env={**os.environ, **env},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    encoding = env.get("PYTHONIOENCODING") or "ascii"
    text = done.stdout.decode(encoding)
    assert "jcpoa" in text
    if b"approximated" in done.stderr:
        assert b"-o FILE" in done.stderr


def test_a_utf8_terminal_gets_no_approximation_warning(bundled: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posities", "show", "jcpoa"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert "“".encode() in done.stdout


def test_writing_to_a_file_is_utf8_whatever_the_terminal(bundled: Path, tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    done = subprocess.run(
        [sys.executable, "-m", "posities", "list", "-f", "markdown", "--sources", "-o", target],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert done.returncode == 0
    assert b"approximated" not in done.stderr
    assert "“" in target.read_text(encoding="utf-8")


def test_minimal_register_lists_not_stated(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    _, out, _ = invoke(runner, "list", "--lang", "nl", "--format", "markdown")
    assert "| kritisch | niet vermeld | niet vermeld |" in out
    _, out, _ = invoke(runner, "list", "--goal-shared", "unknown", "--format", "json")
    assert json.loads(out)[0]["goal_shared"] is None


# --- a real terminal ---------------------------------------------------------------------------


def _ids_whole(text: str, ids: list[str]) -> None:
    for ident in ids:
        assert any(ident in line for line in text.splitlines()), (ident, text)


def test_an_80_column_terminal_never_breaks_an_id(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    ids = [p.stem for p in bundled.glob("*.yaml")]
    listed = run_in_terminal(["list"], bundled.parent, columns=80)
    _ids_whole(listed, ids)
    assert max(len(line) for line in listed.splitlines()) <= 80
    assert "Withdrawal" in listed
    matrix = run_in_terminal(["matrix"], bundled.parent, columns=80)
    _ids_whole(matrix, ids)
    assert max(len(line) for line in matrix.splitlines()) <= 80


def test_a_wide_terminal_draws_the_matrix_as_a_grid(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    matrix = run_in_terminal(["matrix"], bundled.parent, columns=160)
    assert "┃" in matrix or "│" in matrix
    _ids_whole(matrix, [p.stem for p in bundled.glob("*.yaml")])


def test_a_terminal_list_with_columns(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    listed = run_in_terminal(["list", "-c", "id,summary", "--lang", "nl"], bundled.parent, 60)
    _ids_whole(listed, [p.stem for p in bundled.glob("*.yaml")])
    assert "Samenvatting" in listed
    assert max(len(line) for line in listed.splitlines()) <= 60


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "2026-11-20", "HEAD"],
        ["diff", "2026-11-20", "HEAD", "--format", "markdown", "--lang", "nl"],
        ["diff", "HEAD~1..HEAD", "--format", "json"],
        ["log", "jcpoa"],
        ["log", "--format", "csv"],
    ],
)
def test_history_reports_can_be_written_to_a_file(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    from .. import demo

    demo.build(tmp_path / "work")
    _, printed, _ = invoke(runner, *command)
    target = tmp_path / "history.out"
    code, out, err = invoke(runner, *command, "-o", str(target))
    assert (code, out) == (0, "")
    assert "wrote" in err
    assert target.read_text(encoding="utf-8") == printed


def test_a_terminal_gets_colour_unless_no_color_is_set(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    coloured = run_in_terminal(["list"], bundled.parent, 160, raw=True)
    assert "\x1b[" in coloured
    plain = run_in_terminal(["list"], bundled.parent, 160, env={"NO_COLOR": "1"}, raw=True)
    assert "\x1b[3" not in plain  # no foreground colour
    assert "jcpoa" in plain


def test_set_takes_dutch_values(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(
        runner, "set", "paris-agreement", "--stance", "wijst af", "--updated", "2026-11-28"
    )
    assert code == 0, err
    assert "stance: critical → opposes" in err
    code, _, err = invoke(runner, "set", "jcpoa", "--goal-shared", "niet vermeld")
    assert code == 0, err
    assert "goal_shared: yes → not stated" in err
    assert "goal_shared: null" in (bundled / "jcpoa.yaml").read_text(encoding="utf-8")


def test_new_help_names_the_dutch_words(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "new", "--help")
    assert code == 0
    assert "kritisch" in out


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--format", "markdown", "--sources"],
        ["list", "--format", "json"],
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


def test_a_footnote_names_the_address_of_its_source() -> None:
    one = Source("Een brief", "kamerbrief", "Wij.", None, LETTER, "https://a.nl", ("stance",))
    other = Source("Een brief", "kamerbrief", "Wij.", None, LETTER, "https://b.nl", ("stance",))
    table = markdown_list([position("a", (one, other))], Lang.EN, "*s*", with_sources=True)
    assert "[^1]: “Wij.” — Een brief (kamerbrief, date not stated), https://a.nl." in table
    assert "[^2]: “Wij.” — Een brief (kamerbrief, date not stated), https://b.nl." in table


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


def test_a_very_narrow_terminal_shows_every_column_as_labelled_lines(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    listed = run_in_terminal(["list"], bundled.parent, columns=30)
    for label in ("ID: jcpoa", "Date: 2018-05-08", "Stance: critical", "Means differ: yes"):
        assert label in listed, listed
    assert max(len(line) for line in listed.splitlines()) <= 30


def test_no_word_is_split_in_an_80_column_list(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    listed = run_in_terminal(["list", "--lang", "nl"], bundled.parent, columns=80)
    words = {w for line in listed.splitlines() for w in line.split()}
    for whole in ("2017-06-01", "2018-06-19", "kritisch", "human-rights-council", "vermeld"):
        assert whole in words, listed


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


def test_an_ascii_terminal_keeps_the_grid_aligned(bundled: Path) -> None:
    from ..terminal import run_in_terminal

    shown = run_in_terminal(["matrix"], bundled.parent, 160, env={"PYTHONIOENCODING": "ascii"})
    grid = [line for line in shown.splitlines() if line.startswith(("|", "+", "┃", "│"))]
    assert len(grid) > 5, shown
    assert len({len(line.rstrip()) for line in grid}) == 1, shown


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        ["show", "jcpoa", "--format", "json"],
        ["list", "--format", "json"],
        ["quote", "find", "Iran bezorgdheid", "--format", "json"],
    ],
)
def test_json_stays_exact_in_any_output_encoding(
    bundled: Path, encoding: str, command: list[str]
) -> None:
    def run(env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "posities", *command],
            capture_output=True,
            env={**os.environ, **env},
            check=False,
        )

    exact = run({"PYTHONIOENCODING": "utf-8"})
    narrow = run({"PYTHONIOENCODING": encoding})
    assert narrow.returncode == 0
    assert narrow.stderr == b""  # nothing approximated
    assert json.loads(narrow.stdout.decode(encoding)) == json.loads(exact.stdout.decode())


def test_the_state_in_a_repository_with_no_commit_yet(runner: CliRunner, bundled: Path) -> None:
    from .. import demo

    demo.run_git(bundled.parent, "init", "-q")
    line = invoke(runner, "list", "--format", "markdown", "--lang", "nl")[1].splitlines()[-1]
    assert line.startswith("*Stand van het register: in git, nog zonder commit, inhoud ")
    english = invoke(runner, "list", "--format", "markdown")[1].splitlines()[-1]
    assert english.startswith("*Register state: in git with no commit yet, contents ")
