"""The editing commands against hostile editors, signals, arguments and streams: each ends with
a clear message and a code that says what happened to the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.core.register import load
from posities.io.yamlread import parse

from .cli.test_editing import NEW, changed_lines, editor
from .conftest import invoke, minimal, write

# --- edit: the copy is never read or written through a link ---------------------------------

LINK = "is not a regular file (a symbolic link)"
SWAPS = {
    "a link to another file": ('rm -f "$1"; ln -s {victim} "$1"', LINK),
    "a link to a valid version": ('rm -f "$1"; ln -s {valid} "$1"', LINK),
    "a folder": ('rm -f "$1"; mkdir "$1"', "is not a regular file (a folder)"),
    "a named pipe": ('rm -f "$1"; mkfifo "$1"', "is not a regular file (a named pipe)"),
    "nothing": ('rm -f "$1"', "is gone"),
}


@pytest.mark.parametrize("swap", SWAPS)
def test_an_editor_that_swaps_the_copy_ends_the_session(
    runner: CliRunner,
    empty_register: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    swap: str,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    valid = tmp_path / "valid.yaml"
    valid.write_text(minimal(stance="opposes"), encoding="utf-8")
    step, what = SWAPS[swap]
    monkeypatch.setenv("EDITOR", editor(tmp_path, step.format(victim=victim, valid=valid)))
    code, out, err = invoke(runner, "edit", "a-decision")
    (folder,) = tmp_path.glob("posities-edit-*")
    copy = folder / "a-decision.yaml"
    assert (code, out, err) == (
        1,
        "",
        f"the edited copy at {copy} {what}; positions/a-decision.yaml is unchanged\n",
    )
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert valid.read_text(encoding="utf-8") == minimal(stance="opposes")
    assert path.read_text(encoding="utf-8") == minimal()


def test_a_failed_editor_that_removed_the_copy_says_no_copy_is_kept(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    monkeypatch.setenv("EDITOR", editor(tmp_path, 'rm -f "$1"; exit 3'))
    assert invoke(runner, "edit", "a-decision") == (
        1,
        "",
        "the editor exited with status 3; positions/a-decision.yaml is unchanged\n",
    )


def test_the_problems_replace_a_link_the_editor_left_and_never_go_through_it(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that links the copy after it is read: the next version (with the problems at
    the top) replaces the link instead of being written into what it points to."""
    from posities.core import session

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    seen: list[str] = []
    real_check = session.check_text

    def link_after_reading(text: str, stem: str, label: str) -> list[session.Problem]:
        (copy,) = tmp_path.glob("posities-edit-*/a-decision.yaml")
        copy.unlink()
        copy.symlink_to(victim)
        return real_check(text, stem, label)

    def an_editor(_words: list[str], file: Path) -> int:
        if not seen:
            file.write_text(minimal() + "stance: opposes\n", encoding="utf-8")
        seen.append(file.read_text(encoding="utf-8"))
        return 0

    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.setattr(session, "check_text", link_after_reading)
    monkeypatch.setattr(session, "run_editor", an_editor)
    code, _, err = invoke(runner, "edit", "a-decision")
    assert code == 1
    assert err.startswith("gave up: positions/a-decision.yaml is unchanged; ")
    assert seen[1].startswith("# posities: this version was not saved.")
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert path.read_text(encoding="utf-8") == minimal()


# --- edit: signals while the editor runs --------------------------------------------------------


def start_edit(tmp_path: Path, script: str) -> subprocess.Popen[str]:
    """`posities edit a-decision` as a real process in its own process group (as a terminal
    starts a command), with `script` as its editor and its copy under `tmp_path`."""
    env = {**os.environ, "EDITOR": script, "TMPDIR": str(tmp_path)}
    return subprocess.Popen(
        [sys.executable, "-m", "posities", "edit", "a-decision"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(path: Path) -> str:
    """The text of `path` once a process has made it (failing after a generous wait)."""
    import time

    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} was never made"
        time.sleep(0.02)
    return path.read_text(encoding="utf-8")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kept_copy(stderr: str, head: str, tmp_path: Path) -> Path:
    """The copy a message `HEAD; your copy is kept at PATH` names, checked to be under tmp."""
    said, _, kept = stderr.partition("; your copy is kept at ")
    assert said == head
    copy = Path(kept.removesuffix("\n"))
    assert copy.parent.parent == tmp_path
    return copy


def test_sigterm_ends_the_editor_and_says_where_the_copy_is(
    empty_register: Path, tmp_path: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    started = tmp_path / "started"
    script = editor(
        tmp_path,
        f"printf 'stance: opposes\\n' >> \"$1\"; echo $$ > {started}.new; mv {started}.new "
        f"{started}; exec sleep 60",
    )
    process = start_edit(tmp_path, script)
    pid = int(wait_for(started))
    try:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
        assert not alive(pid)  # passed on to the editor, which was waited for
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    assert (process.returncode, out) == (143, "")
    copy = kept_copy(err, "terminated: positions/a-decision.yaml is unchanged", tmp_path)
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")
    assert path.read_text(encoding="utf-8") == minimal()


def test_ctrl_c_waits_for_an_editor_that_ignores_it(empty_register: Path, tmp_path: Path) -> None:
    """The editor ignores Ctrl-C, goes on and changes the copy: the report comes when it ends,
    so the copy it names holds the change."""
    path = write(empty_register, "a-decision.yaml", minimal())
    script = editor(
        tmp_path, "trap '' INT; kill -INT 0; sleep 1; printf 'stance: opposes\\n' >> \"$1\""
    )
    process = start_edit(tmp_path, script)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out) == (130, "")
    copy = kept_copy(err, "interrupted: positions/a-decision.yaml is unchanged", tmp_path)
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")
    assert path.read_text(encoding="utf-8") == minimal()


def test_ctrl_c_sent_to_posities_alone_reaches_the_editor(
    empty_register: Path, tmp_path: Path
) -> None:
    """Ctrl-C sent to posities alone (kill -INT) is passed on; posities runs until the editor,
    which goes on after it, ends."""
    write(empty_register, "a-decision.yaml", minimal())
    started, got, release = tmp_path / "started", tmp_path / "got", tmp_path / "release"
    script = editor(
        tmp_path,
        f"trap 'touch {got}' INT; touch {started}; "
        f"while [ ! -e {release} ]; do sleep 0.02; done; printf 'stance: opposes\\n' >> \"$1\"",
    )
    process = start_edit(tmp_path, script)
    wait_for(started)
    process.send_signal(signal.SIGINT)
    try:
        wait_for(got)
        assert process.poll() is None  # the editor still runs: nothing is reported yet
    finally:
        release.touch()
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out) == (130, "")
    copy = kept_copy(err, "interrupted: positions/a-decision.yaml is unchanged", tmp_path)
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")


# --- arguments that are not UTF-8 -------------------------------------------------------------

ADD = ["add-source", "a-decision", "--source-title", "T", "--source-kind", "brief", "--quote", "Q"]
NOT_UTF8 = [
    (["set", "a-decision", "--actor", "\udc85"], "--actor 0x85"),
    (["set", "a-decision", "--summary-en", "ok \udcff"], "--summary-en 0xff"),
    (["set", "a-decision", "--topics", "trade,\udc85"], "--topics 0x85"),
    (["set", "a-decision", "--date", "\udc85"], "--date 0x85"),
    ([*ADD[:3], "\udc85", *ADD[4:]], "--source-title 0x85"),
    ([*ADD[:-1], "Q \udce9"], "--quote 0xe9"),
    ([*ADD, "--source-text", "texts/\udce9.txt"], "--source-text 0xe9"),
    ([*ADD, "--supports", "summary", "--supports", "\udc85"], "--supports 0x85"),
    (["add-source", "a-decision", "--title", "\udc85", *ADD[4:]], "--title 0x85"),
    ([*NEW[:3], "\udc85", *NEW[4:]], "--title-nl 0x85"),
    ([*NEW, "--source-kind", "\udc85"], "--source-kind 0x85"),
]


@pytest.mark.parametrize(("args", "where"), NOT_UTF8)
def test_a_value_that_is_not_utf8_is_a_usage_error(
    runner: CliRunner, empty_register: Path, args: list[str], where: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    code, out, err = invoke(runner, *args)
    option, byte = where.split()
    assert (code, out) == (2, "")
    assert err == f"error: {option}: not valid UTF-8 text (the byte {byte}); give it as UTF-8\n"
    assert path.read_text(encoding="utf-8") == minimal()
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


def test_a_byte_that_is_not_utf8_on_a_real_command_line(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    done = subprocess.run(
        [sys.executable, "-m", "posities", "set", "a-decision", "--actor", b"\x85"],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert (
        done.stderr == b"error: --actor: not valid UTF-8 text (the byte 0x85); give it as UTF-8\n"
    )
    assert path.read_text(encoding="utf-8") == minimal()


# --- dates of a year or a month -----------------------------------------------------------------


def schema_errors(text: str) -> list[str]:
    """What the JSON Schema that editors use says of a position file's text."""
    import jsonschema

    from posities.model.schema import json_schema

    validator = jsonschema.Draft202012Validator(json_schema())
    return [error.message for error in validator.iter_errors(parse(text).value)]


@pytest.mark.parametrize(
    ("given", "written"), [("2025", '"2025"'), ("2025-03", "2025-03"), ("2025-03-04", "2025-03-04")]
)
def test_set_writes_a_partial_date_that_every_reader_takes_as_a_date(
    runner: CliRunner, empty_register: Path, given: str, written: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    assert invoke(runner, "set", "a-decision", "--date", given) == (
        0,
        "",
        f"wrote positions/a-decision.yaml\n  decision.date: 2019-01-02 → {given}\n",
    )
    text = path.read_text(encoding="utf-8")
    assert changed_lines(minimal(), text) == ["-  date: 2019-01-02", f"+  date: {written}"]
    assert load(empty_register).valid
    assert schema_errors(text) == []


def test_add_source_writes_a_year_as_its_date(runner: CliRunner, empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    code, _, err = invoke(runner, *ADD, "--source-date", "2025")
    assert (code, err) == (0, "wrote positions/a-decision.yaml: added a source (T)\n")
    text = path.read_text(encoding="utf-8")
    assert text.endswith('    date: "2025"\n    quote: Q\nupdated: 2020-01-01\n')
    assert load(empty_register).valid
    assert schema_errors(text) == []


def test_new_writes_a_year_as_set_does(runner: CliRunner, empty_register: Path) -> None:
    args = [*NEW[:9], "2025", *NEW[10:], "--source-date", "2024-11"]
    assert invoke(runner, *args) == (
        0,
        "positions/tariffs-2025.yaml\n",
        "wrote positions/position.schema.json (the schema the new file points to)\n",
    )
    text = (empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")
    assert '  date: "2025"  # YYYY-MM-DD; YYYY-MM or YYYY where only that is known\n' in text
    assert "    date: 2024-11  # YYYY-MM-DD, or null if unknown\n" in text
    assert schema_errors(text) == []
    code, _, err = invoke(runner, "set", "tariffs-2025", "--date", "2025")
    assert (code, err) == (0, "tariffs-2025: nothing changed; the file is as it was\n")


def test_a_year_written_as_a_number_is_the_same_date(
    runner: CliRunner, empty_register: Path
) -> None:
    """An unquoted year (as new wrote it once) reads as a number; check takes it as that year,
    and so does set."""
    text = minimal().replace("date: 2019-01-02", "date: 2019")
    path = write(empty_register, "a-decision.yaml", text)
    code, _, err = invoke(runner, "set", "a-decision", "--date", "2019")
    assert (code, err) == (0, "a-decision: nothing changed; the file is as it was\n")
    assert path.read_text(encoding="utf-8") == text
    assert invoke(runner, "set", "a-decision", "--date", "2020")[0] == 0
    assert changed_lines(text, path.read_text(encoding="utf-8")) == [
        "-  date: 2019",
        '+  date: "2020"',
    ]


# --- messages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["set", "edit", "add-source", "new"])
def test_a_broken_link_is_called_one(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    (empty_register / "dangle.yaml").symlink_to("nowhere.yaml")
    (empty_register / "loop.yaml").symlink_to("loop.yaml")
    args = {
        "set": ["--actor", "EU"],
        "edit": [],
        "add-source": ADD[2:],
        "new": NEW[2:],
    }[command]
    assert invoke(runner, command, "dangle", *args) == (
        1,
        "",
        "error: positions/dangle.yaml is a broken symbolic link: it points to 'nowhere.yaml', "
        "which does not exist; fix the link or remove it\n",
    )
    assert invoke(runner, command, "loop", *args) == (
        1,
        "",
        "error: positions/loop.yaml is a broken symbolic link: it leads round in a loop; "
        "fix the link or remove it\n",
    )


TEXT = "texts/brief.txt"


@pytest.fixture
def with_text(empty_register: Path) -> Path:
    (empty_register / "texts").mkdir()
    write(empty_register, TEXT, "Wij vinden er iets van. De VS gaan hun eigen weg.\n")
    return write(empty_register, "a-decision.yaml", minimal())


@pytest.mark.parametrize("option", ["--source-text", "--text"])
@pytest.mark.parametrize("how", [["--find", "eigen weg"], ["--quote", "De VS gaan hun eigen weg."]])
def test_a_source_text_that_cannot_be_used_is_named_as_it_was_given(
    runner: CliRunner, with_text: Path, option: str, how: list[str]
) -> None:
    args = ["add-source", "a-decision", "--source-title", "T", "--source-kind", "brief", *how]
    assert invoke(runner, *args, option, "texts/missing.txt") == (
        2,
        "",
        f"error: {option} 'texts/missing.txt': no such file (the path is relative to the "
        "register folder)\n",
    )
    assert invoke(runner, *args, option, "../brief.txt") == (
        2,
        "",
        f"error: {option} '../brief.txt': leads out of the register folder (..)\n",
    )
    assert with_text.read_text(encoding="utf-8") == minimal()
    code, _, err = invoke(runner, *args, option, f"positions/{TEXT}")  # as quote find prints it
    assert (code, err.splitlines()[0]) == (0, "wrote positions/a-decision.yaml: added a source (T)")
    assert f"    text: {TEXT}\n" in with_text.read_text(encoding="utf-8")


def test_a_mistyped_option_is_never_told_an_old_spelling(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "add-source", "a-decision", "--tit", "x")
    assert code == 2
    assert "No such option: --tit (Possible options: --dir, --source-text, --source-title)" in err
    code, _, err = invoke(runner, "add-source", "a-decision", "--kinds", "x")
    assert code == 2
    assert "No such option: --kinds (Possible options: --find, --source-kind)" in err


@pytest.mark.parametrize("phrase", ["", "  "])
def test_find_needs_a_phrase(runner: CliRunner, with_text: Path, phrase: str) -> None:
    code, out, err = invoke(runner, *ADD[:-2], "--find", phrase)
    assert (code, out) == (2, "")
    assert "Invalid value for '--find': give some words of the passage to quote" in err
    assert with_text.read_text(encoding="utf-8") == minimal()


# --- a standard error that cannot be written ----------------------------------------------------


def run_without_stderr(how: str, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `posities ARGS` with a standard error that is closed or full; its exit code and
    standard output."""
    if how == "closed":
        done = subprocess.run(
            [sys.executable, "-m", "posities", *args],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
            preexec_fn=lambda: os.close(2),
        )
    else:
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "posities", *args],
                stdout=subprocess.PIPE,
                stderr=full,
                text=True,
                env={**os.environ, **env},
            )
    return done.returncode, done.stdout


ENCODINGS = {"UTF-8": {}, "ASCII": {"PYTHONIOENCODING": "ascii"}}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("how", ["closed", "full"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_write_that_succeeded_exits_0_whatever_stderr_is(
    empty_register: Path, how: str, encoding: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    env = ENCODINGS[encoding]
    assert run_without_stderr(how, ["set", "a-decision", "--actor", "EU"], env) == (0, "")
    assert changed_lines(minimal(), path.read_text(encoding="utf-8")) == [
        "-actor: US",
        "+actor: EU",
    ]
    assert run_without_stderr(how, [*ADD[:2], "--source-title", "T", *ADD[4:]], env) == (0, "")
    assert path.read_text(encoding="utf-8").count("  - title: ") == 2
    assert run_without_stderr(how, [*NEW, "--source-kind", "brief"], env) == (
        0,
        "positions/tariffs-2025.yaml\n",
    )
    assert run_without_stderr(how, ["set", "no-such-id", "--actor", "EU"], env) == (2, "")
    assert run_without_stderr(how, ["set", "a-decision", "--date", "1 May"], env) == (1, "")
