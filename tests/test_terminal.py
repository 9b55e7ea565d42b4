"""The command line as a person sees it: a real process in a real pseudo-terminal.

Exact screens of list, show, matrix, check, diff and log at 80 and 120 columns (golden files
under tests/assets/terminal), colour and NO_COLOR, a pipe, TERM=dumb, a narrow terminal, an
explicit COLUMNS, UTF-8 and non-UTF-8 locales, and ids and words never broken in a list or
matrix."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import demo
from .conftest import BUNDLED
from .golden import assert_golden
from .terminal import ESCAPE, Session, in_terminal

IDS = (
    "paris-agreement",
    "jerusalem-embassy",
    "steel-aluminium-tariffs",
    "jcpoa",
    "human-rights-council",
)
# the commands drawn with Rich, and the golden files of their screens
SCREENS = [(["list"], "list"), (["show", "jcpoa"], "show-jcpoa"), (["matrix"], "matrix")]
SGR = re.compile(r"\x1b\[([0-9;]*)m")
# Python coerces a C locale to UTF-8 unless told not to: these make LANG=C an ASCII terminal.
ASCII_LOCALE = {"LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
APPROXIMATED = (
    "warning: the output encoding (ascii) cannot show {} characters; they were approximated. "
    "For an exact copy write to a file with -o FILE (UTF-8), or set PYTHONIOENCODING=utf-8.\n"
)


def colours(raw: str) -> set[int]:
    """The colour codes (foreground or background) among the escape codes in `raw`."""
    return {
        int(code)
        for params in SGR.findall(raw)
        for code in params.split(";")
        if code and (30 <= int(code) <= 49 or 90 <= int(code) <= 107)
    }


def clean(session: Session) -> str:
    """Standard output of a run that succeeded with nothing on standard error."""
    assert (session.code, session.err) == (0, ""), session
    return session.out


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The README's example history, its commits named by stand-ins that never change."""
    top = tmp_path / "work"
    demo.build(top)
    return top


def stand_ins(top: Path, text: str) -> str:
    """`text` with the two demo commits' short hashes as aaaa… (first) and bbbb… (second)."""
    for name, revision in (("a", "HEAD~1"), ("b", "HEAD")):
        sha = demo.run_git(top, "rev-parse", "--short=12", revision).strip()
        text = text.replace(sha, name * 12)
    return text


# --- the exact screens -------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", [["list"], ["list", "--disagree"]])
def test_the_list_on_the_screen(bundled: Path, columns: int, command: list[str]) -> None:
    shown = clean(in_terminal(command, bundled.parent, columns))
    assert_golden(f"terminal/list-{columns}.txt", shown)  # every bundled stance is critical


@pytest.mark.parametrize("columns", [80, 120])
def test_show_on_the_screen(bundled: Path, columns: int) -> None:
    shown = clean(in_terminal(["show", "jcpoa"], bundled.parent, columns))
    assert_golden(f"terminal/show-jcpoa-{columns}.txt", shown)


@pytest.mark.parametrize("columns", [80, 120])
def test_the_matrix_on_the_screen(bundled: Path, columns: int) -> None:
    shown = clean(in_terminal(["matrix"], bundled.parent, columns))
    assert_golden(f"terminal/matrix-{columns}.txt", shown)


def test_check_on_the_screen_keeps_its_lines_whole(bundled: Path) -> None:
    jcpoa = bundled / "jcpoa.yaml"
    text = jcpoa.read_text(encoding="utf-8")
    jcpoa.write_text(text.replace("actor: US", "acter: US"), encoding="utf-8")
    broken = in_terminal(["check"], bundled.parent, 40)
    assert broken.code == 1
    assert broken.out == (
        "positions/jcpoa.yaml:6:1: unknown key 'acter'; did you mean 'actor'? Expected one of: "
        "id, title, actor, decision, holder, stance, goal_shared, means_differ, since, until, "
        "summary, topics, sources, updated, stances, relations\n"
    )  # one line for an editor, however narrow the terminal
    assert broken.err == "1 problem in 1 file.\n"
    jcpoa.write_text(text, encoding="utf-8")
    assert in_terminal(["check"], bundled.parent, 120) == Session(
        0, "", "5 positions checked: no problems.\n"
    )


@pytest.mark.parametrize("columns", [80, 120])
def test_diff_on_the_screen(history: Path, columns: int) -> None:
    shown = clean(in_terminal(["diff", "HEAD~1", "HEAD"], history, columns))
    assert_golden(f"terminal/diff-{columns}.txt", stand_ins(history, shown))


@pytest.mark.parametrize("columns", [80, 120])
def test_log_on_the_screen(history: Path, columns: int) -> None:
    shown = clean(in_terminal(["log"], history, columns))
    assert_golden(f"terminal/log-{columns}.txt", stand_ins(history, shown))


def test_the_log_of_one_position_on_the_screen(history: Path) -> None:
    shown = clean(in_terminal(["log", "jcpoa"], history, 120))
    assert stand_ins(history, shown) == (
        "bbbbbbbbbbbb  2026-11-27  Anna de Vries\n"
        "    JCPOA: reassessed, tagged multilateralism\n"
        "  ~ jcpoa  Unilateral withdrawal from the JCPOA (Iran nuclear deal)\n"
        "      topics: iran, non-proliferation, middle-east → iran, non-proliferation, "
        "middle-east, multilateralism\n"
        "      updated: 2026-11-20 → 2026-11-27\n"
        "\n"
        "aaaaaaaaaaaa  2026-11-20  Anna de Vries\n"
        "    Register from the letter\n"
        "  + jcpoa  Unilateral withdrawal from the JCPOA (Iran nuclear deal) (critical)\n"
    )


# --- colour ------------------------------------------------------------------------------------


def _coloured(bundled: Path, history: Path) -> list[tuple[list[str], Path]]:
    return [
        (["list"], bundled.parent),
        (["show", "jcpoa"], bundled.parent),
        (["matrix"], bundled.parent),
        (["diff", "HEAD~1", "HEAD"], history),
        (["log", "jcpoa"], history),
    ]


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled register and, apart from it, the demo history."""
    plain = tmp_path / "plain"
    shutil.copytree(BUNDLED, plain / "positions")
    return plain / "positions", demo.build(tmp_path / "history").parent


def test_a_terminal_gets_colour_unless_no_color_is_set(both: tuple[Path, Path]) -> None:
    for command, where in _coloured(*both):
        coloured = in_terminal(command, where, 120, raw=True)
        assert coloured.code == 0, (command, coloured)
        assert colours(coloured.out), (command, coloured.out)
        plain = in_terminal(command, where, 120, env={"NO_COLOR": "1"}, raw=True)
        assert plain.code == 0, (command, plain)
        assert colours(plain.out) == set(), (command, plain.out)
        assert SGR.sub("", plain.out) == SGR.sub("", coloured.out), command  # the same layout
    critical = in_terminal(["list"], both[0].parent, 120, raw=True).out
    assert re.search(r"\x1b\[(?:[0-9;]*;)?31m" + "critical", critical), critical  # red


@pytest.mark.parametrize("value", ["0", "false", " "])
def test_no_color_with_any_value_takes_every_colour_away(bundled: Path, value: str) -> None:
    raw = in_terminal(["list"], bundled.parent, 120, env={"NO_COLOR": value}, raw=True)
    assert (raw.code, raw.err) == (0, "")
    assert colours(raw.out) == set(), raw.out
    assert_golden("terminal/list-120.txt", ESCAPE.sub("", raw.out))


def test_an_empty_no_color_is_no_request(bundled: Path) -> None:
    raw = in_terminal(["list"], bundled.parent, 120, env={"NO_COLOR": ""}, raw=True)
    assert colours(raw.out)


@pytest.mark.parametrize("command", [["list"], ["show", "jcpoa"], ["matrix"]])
def test_a_pipe_gets_the_plain_text_while_messages_stay_on_the_terminal(
    bundled: Path, command: list[str]
) -> None:
    piped = in_terminal(command, bundled.parent, 120, raw=True, piped=True)
    captured = subprocess.run(
        [sys.executable, "-m", "posities", *command],
        cwd=bundled.parent,
        capture_output=True,
        check=True,
    )
    assert (piped.code, piped.err) == (0, "")
    assert "\x1b" not in piped.out
    assert piped.out == captured.stdout.decode("utf-8")
    if command == ["list"]:
        assert_golden("list-disagree.txt", piped.out)  # the README's table, never wrapped


def test_a_pipe_with_a_warning_has_no_colour_on_either_side(bundled: Path) -> None:
    piped = in_terminal(["list", "--topic", "irann"], bundled.parent, 120, raw=True, piped=True)
    assert piped == Session(
        0,
        "",
        "warning: no position has topic 'irann'; did you mean iran?\n"
        "No positions match (5 in the register).\n",
    )


# --- TERM=dumb, a narrow terminal, COLUMNS ------------------------------------------------------


@pytest.mark.parametrize(("command", "golden"), SCREENS)
def test_a_dumb_terminal_gets_no_escape_codes(
    bundled: Path, command: list[str], golden: str
) -> None:
    raw = in_terminal(command, bundled.parent, 80, env={"TERM": "dumb"}, raw=True)
    assert (raw.code, raw.err) == (0, "")
    assert "\x1b" not in raw.out
    assert_golden(f"terminal/{golden}-80.txt", raw.out)


@pytest.mark.parametrize("command", [["list"], ["matrix"]])
def test_a_wide_dumb_terminal_keeps_every_id_whole(bundled: Path, command: list[str]) -> None:
    shown = clean(in_terminal(command, bundled.parent, 120, env={"TERM": "dumb"}))
    assert "…" not in shown
    for ident in IDS:
        assert any(ident in line for line in shown.splitlines()), (ident, shown)
    assert max(len(line) for line in shown.splitlines()) <= 120


def test_a_40_column_terminal_lists_each_position_as_labelled_lines(bundled: Path) -> None:
    shown = clean(in_terminal(["list"], bundled.parent, 40))
    assert_golden("terminal/list-40.txt", shown)
    assert max(len(line) for line in shown.splitlines()) <= 40


def test_a_40_column_terminal_shows_a_position_within_its_width(bundled: Path) -> None:
    shown = clean(in_terminal(["show", "jcpoa"], bundled.parent, 40))
    assert_golden("terminal/show-jcpoa-40.txt", shown)
    assert max(len(line) for line in shown.splitlines()) <= 40


def test_a_40_column_terminal_shows_the_matrix_within_its_width(bundled: Path) -> None:
    shown = clean(in_terminal(["matrix"], bundled.parent, 40))
    assert max(len(line) for line in shown.splitlines()) <= 40


def test_columns_set_explicitly_wins_over_the_terminal(bundled: Path) -> None:
    narrower = clean(in_terminal(["list"], bundled.parent, 120, env={"COLUMNS": "100"}))
    assert_golden("terminal/list-100.txt", narrower)
    assert {len(line) for line in narrower.splitlines()} == {100}
    wider = clean(in_terminal(["list"], bundled.parent, 80, env={"COLUMNS": "120"}))
    assert_golden("terminal/list-120.txt", wider)
    shown = clean(in_terminal(["show", "jcpoa"], bundled.parent, 120, env={"COLUMNS": "80"}))
    assert_golden("terminal/show-jcpoa-80.txt", shown)


@pytest.mark.parametrize("value", ["abc", "-3"])
def test_a_columns_that_is_no_width_is_ignored(bundled: Path, value: str) -> None:
    shown = clean(in_terminal(["list"], bundled.parent, 80, env={"COLUMNS": value}))
    assert_golden("terminal/list-80.txt", shown)


@pytest.mark.parametrize(("command", "golden"), SCREENS)
def test_columns_zero_is_taken_as_unset(bundled: Path, command: list[str], golden: str) -> None:
    shown = clean(in_terminal(command, bundled.parent, 80, env={"COLUMNS": "0"}))
    assert_golden(f"terminal/{golden}-80.txt", shown)


# --- locales -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "golden"), SCREENS[1:])
def test_a_c_locale_shows_the_same_as_utf8(bundled: Path, command: list[str], golden: str) -> None:
    """Python reads LANG=C as UTF-8 (locale coercion): nothing is approximated."""
    c_locale = clean(in_terminal(command, bundled.parent, 80, env={"LANG": "C"}))
    assert_golden(f"terminal/{golden}-80.txt", c_locale)


def _is_border(character: str) -> bool:
    return "\u2500" <= character <= "\u257f"


@pytest.mark.parametrize(
    "command",
    [
        ["show", "jcpoa"],
        ["show", "jerusalem-embassy", "--lang", "nl"],
        ["matrix"],
        ["list", "--lang", "nl", "-c", "id,summary"],
    ],
)
def test_an_ascii_locale_approximates_in_place_and_says_how_often(
    bundled: Path, command: list[str]
) -> None:
    utf8 = clean(in_terminal(command, bundled.parent, 120))
    ascii_run = in_terminal(command, bundled.parent, 120, env=ASCII_LOCALE)
    assert ascii_run.code == 0
    assert ascii_run.out.isascii()
    lines = list(zip(utf8.splitlines(), ascii_run.out.splitlines(), strict=True))
    assert all(len(exact) == len(shown) for exact, shown in lines)  # every column in place
    changed = [
        (a, b) for exact, shown in lines for a, b in zip(exact, shown, strict=True) if a != b
    ]
    assert all(not a.isascii() for a, _ in changed)  # only what ASCII lacks
    approximated = [a for a, _ in changed if not _is_border(a)]  # borders are drawn in ASCII
    expected = APPROXIMATED.format(len(approximated)) if approximated else ""
    assert ascii_run.err == expected


# --- lists and matrices on the screen ---------------------------------------------------------


def _ids_whole(text: str, ids: list[str]) -> None:
    for ident in ids:
        assert any(ident in line for line in text.splitlines()), (ident, text)


def test_an_80_column_terminal_never_breaks_an_id(bundled: Path) -> None:
    from .terminal import run_in_terminal

    ids = [p.stem for p in bundled.glob("*.yaml")]
    listed = run_in_terminal(["list"], bundled.parent, columns=80)
    _ids_whole(listed, ids)
    assert max(len(line) for line in listed.splitlines()) <= 80
    assert "Withdrawal" in listed
    matrix = run_in_terminal(["matrix"], bundled.parent, columns=80)
    _ids_whole(matrix, ids)
    assert max(len(line) for line in matrix.splitlines()) <= 80


def test_a_wide_terminal_draws_the_matrix_as_a_grid(bundled: Path) -> None:
    from .terminal import run_in_terminal

    matrix = run_in_terminal(["matrix"], bundled.parent, columns=160)
    assert "┃" in matrix or "│" in matrix
    _ids_whole(matrix, [p.stem for p in bundled.glob("*.yaml")])


def test_a_terminal_list_with_columns(bundled: Path) -> None:
    from .terminal import run_in_terminal

    listed = run_in_terminal(["list", "-c", "id,summary", "--lang", "nl"], bundled.parent, 60)
    _ids_whole(listed, [p.stem for p in bundled.glob("*.yaml")])
    assert "Samenvatting" in listed
    assert max(len(line) for line in listed.splitlines()) <= 60


def test_a_list_in_a_terminal_gets_colour_unless_no_color_is_set(bundled: Path) -> None:
    from .terminal import run_in_terminal

    coloured = run_in_terminal(["list"], bundled.parent, 160, raw=True)
    assert "\x1b[" in coloured
    plain = run_in_terminal(["list"], bundled.parent, 160, env={"NO_COLOR": "1"}, raw=True)
    assert "\x1b[3" not in plain  # no foreground colour
    assert "jcpoa" in plain


def test_a_very_narrow_terminal_shows_every_column_as_labelled_lines(bundled: Path) -> None:
    from .terminal import run_in_terminal

    listed = run_in_terminal(["list"], bundled.parent, columns=30)
    for label in ("ID: jcpoa", "Date: 2018-05-08", "Stance: critical", "Means differ: yes"):
        assert label in listed, listed
    assert max(len(line) for line in listed.splitlines()) <= 30


def test_no_word_is_split_in_an_80_column_list(bundled: Path) -> None:
    from .terminal import run_in_terminal

    listed = run_in_terminal(["list", "--lang", "nl"], bundled.parent, columns=80)
    words = {w for line in listed.splitlines() for w in line.split()}
    for whole in ("2017-06-01", "2018-06-19", "kritisch", "human-rights-council", "vermeld"):
        assert whole in words, listed


def test_an_ascii_terminal_keeps_the_grid_aligned(bundled: Path) -> None:
    from .terminal import run_in_terminal

    shown = run_in_terminal(["matrix"], bundled.parent, 160, env={"PYTHONIOENCODING": "ascii"})
    grid = [line for line in shown.splitlines() if line.startswith(("|", "+", "┃", "│"))]
    assert len(grid) > 5, shown
    assert len({len(line.rstrip()) for line in grid}) == 1, shown
