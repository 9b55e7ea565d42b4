"""No traceback, whatever the files, the terminal, the encoding or the environment: a catalogue of
hostile cases, each run as a real process, must end with a clear message and a documented code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import BUNDLED

Maker = Callable[[Path], None]


def _file(name: str | bytes, data: bytes) -> Maker:
    def make(folder: Path) -> None:
        raw = name if isinstance(name, bytes) else name.encode()
        with open(os.path.join(bytes(folder), raw), "wb") as handle:
            handle.write(data)

    return make


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.yaml")


def _folder(folder: Path) -> None:
    (folder / "folder.yaml").mkdir()


def _loop(folder: Path) -> None:
    (folder / "loop.yaml").symlink_to("loop.yaml")


def _dangling(folder: Path) -> None:
    (folder / "gone.yaml").symlink_to("nowhere/at/all.yaml")


def _edit(name: str, old: str, new: str) -> Maker:
    def make(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return make


JCPOA_TEXT = "text: texts/bondgenoten-in-onzekere-tijden.txt"


def _link_text(target: str) -> Maker:
    def make(folder: Path) -> None:
        (folder / "texts" / "linked.txt").symlink_to(target)
        _edit("jcpoa.yaml", JCPOA_TEXT, "text: texts/linked.txt")(folder)

    return make


def _pipe_text(folder: Path) -> None:
    os.mkfifo(folder / "texts" / "pipe.txt")
    _edit("jcpoa.yaml", JCPOA_TEXT, "text: texts/pipe.txt")(folder)


HOSTILE_FILES: dict[str, Maker] = {
    "empty": _file("empty.yaml", b""),
    "binary": _file("binary.yaml", bytes(range(256)) * 4),
    "too large": _file("large.yaml", b"id: x\n" + b"#" * 300_000 + b"\n"),
    "deep nesting": _file("deep.yaml", b"[" * 100_000),
    "deep mapping": _file("deepmap.yaml", b"".join(b"  " * i + b"a:\n" for i in range(3000))),
    "alias bomb": _file("bomb.yaml", b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n"),
    "only a byte-order mark": _file("bom.yaml", b"\xef\xbb\xbf"),
    "nul bytes": _file("nul.yaml", b"id: a\x00b\n"),
    "a name that is not UTF-8": _file(b"caf\xe9.yaml", b"id: x\n"),
    "a name with a newline": _file("new\nline.yaml", b"id: x\n"),
    "an escape sequence in a name": _file("\x1b[31mred.yaml", b"id: x\n"),
    "a pipe": _fifo,
    "a folder": _folder,
    "a symlink loop": _loop,
    "a dangling symlink": _dangling,
    "a very long id": _edit("jcpoa.yaml", "id: jcpoa", "id: " + "a" * 300),
    "a tab indent": _edit("jcpoa.yaml", "  nl: Eenzijdige", "\tnl: Eenzijdige"),
    "a text outside the register": _edit("jcpoa.yaml", JCPOA_TEXT, "text: /etc/passwd"),
    "a text that climbs out": _edit("jcpoa.yaml", JCPOA_TEXT, "text: ../../../../etc/hostname"),
    "a text that is a folder": _edit("jcpoa.yaml", JCPOA_TEXT, "text: texts"),
    "a text that is a device": _edit("jcpoa.yaml", JCPOA_TEXT, "text: /dev/zero"),
    "a text linked to a device": _link_text("/dev/zero"),
    "a text that is a position": _edit("jcpoa.yaml", JCPOA_TEXT, "text: paris-agreement.yaml"),
    "a text that is a pipe": _pipe_text,
    "a huge date": _edit("jcpoa.yaml", "date: 2018-05-08", "date: 99999999-01-01"),
    "a number for a title": _edit(
        "jcpoa.yaml",
        "  en: Unilateral withdrawal from the JCPOA (Iran nuclear deal)",
        "  en: 12345",
    ),
}
COMMANDS = [
    ["check"],
    ["list", "--format", "markdown", "--sources"],
    ["show", "jcpoa"],
    ["matrix"],
    ["quote", "find", "Iran destabiliserende rol"],
]


def _run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "posities", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
        **kwargs,
    )


def _assert_clean(done: subprocess.CompletedProcess[bytes]) -> None:
    assert done.returncode in (0, 1, 2), done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    assert b"internal error" not in done.stderr


@pytest.fixture
def register(tmp_path: Path) -> Path:
    folder = tmp_path / "work" / "positions"
    shutil.copytree(BUNDLED, folder)
    return folder


@pytest.mark.parametrize("case", list(HOSTILE_FILES), ids=list(HOSTILE_FILES))
def test_no_hostile_file_gives_a_traceback(register: Path, case: str) -> None:
    HOSTILE_FILES[case](register)
    for command in COMMANDS:
        done = _run(command, register.parent)
        _assert_clean(done)
        if command == ["check"]:
            assert done.returncode == 1, (case, done.stdout)


HOSTILE_ENVIRONMENTS: dict[str, dict[str, str]] = {
    "ascii output": {"PYTHONIOENCODING": "ascii"},
    "cp1252 output": {"PYTHONIOENCODING": "cp1252"},
    "C locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    "a 5-column terminal": {"COLUMNS": "5"},
    "a nonsense width": {"COLUMNS": "wide", "LINES": "-3"},
    "a cache that is a file": {"POSITIES_CACHE_DIR": "/etc/hostname"},
    "a cache that cannot be written": {"POSITIES_CACHE_DIR": "/proc/posities"},
    "no home": {"HOME": "/nonexistent", "XDG_CACHE_HOME": "", "POSITIES_CACHE_DIR": ""},
    "a register that does not exist": {"POSITIES_DIR": "/nonexistent/register"},
    "a register that is a file": {"POSITIES_DIR": "/etc/hostname"},
    "an unknown language": {"POSITIES_LANG": "fr"},
}


@pytest.mark.parametrize("case", list(HOSTILE_ENVIRONMENTS), ids=list(HOSTILE_ENVIRONMENTS))
def test_no_hostile_environment_gives_a_traceback(register: Path, case: str) -> None:
    for command in [*COMMANDS, ["list"], ["show", "jcpoa", "--format", "markdown"]]:
        _assert_clean(_run(command, register.parent, HOSTILE_ENVIRONMENTS[case]))


def test_a_closed_standard_output_is_an_error_not_a_traceback(register: Path) -> None:
    closed = subprocess.run(
        f"{sys.executable} -m posities list >&-",
        shell=True,
        cwd=register.parent,
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert closed.returncode == 1
    assert closed.stderr == b"error: cannot write the output: standard output is closed\n"


def test_a_report_to_a_file_needs_no_standard_output(register: Path, tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    closed = subprocess.run(
        f"{sys.executable} -m posities list -o {target} >&-",
        shell=True,
        cwd=register.parent,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert closed.returncode == 0
    assert target.read_text(encoding="utf-8").startswith(
        "| ID"
    )  # memo.md: Markdown, as its name says


def test_a_removed_current_folder_is_a_clear_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    done = subprocess.run(
        f"cd {gone} && rmdir {gone} && {sys.executable} -m posities list",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == b"error: the current folder no longer exists; cd to one that does\n"


def test_a_bug_is_reported_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from posities.cli import boundary

    def broken() -> None:
        raise RuntimeError("something impossible")

    monkeypatch.setattr(sys, "argv", ["posities", "list"])
    monkeypatch.delenv("POSITIES_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        boundary.run(broken)
    assert exit_info.value.code == 3
    monkeypatch.setenv("POSITIES_TRACEBACK", "1")
    with pytest.raises(RuntimeError):
        boundary.run(broken)


def test_an_os_error_that_is_not_the_output_is_not_called_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from posities.cli import boundary

    def broken() -> None:
        raise OSError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(sys, "argv", ["posities", "list"])
    monkeypatch.delenv("POSITIES_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        boundary.run(broken)
    assert exit_info.value.code == 3
    assert "cannot write the output" not in capsys.readouterr().err


# --- posities.toml ------------------------------------------------------------------------------


def _config(data: bytes) -> Maker:
    return _file("posities.toml", data)


def _config_fifo(folder: Path) -> None:
    (folder / "posities.toml").unlink(missing_ok=True)
    os.mkfifo(folder / "posities.toml")


def _config_device(folder: Path) -> None:
    (folder / "posities.toml").unlink(missing_ok=True)
    (folder / "posities.toml").symlink_to("/dev/zero")


NAMES = b'NL = {nl = "Nederland", en = "the Netherlands"}\nUS = {nl = "VS", en = "US"}\n'
HOSTILE_CONFIGS: dict[str, tuple[Maker, str | None]] = {
    # each case, and the line:column its first problem is reported at (None: the whole file)
    "bad TOML": (_config(b'holder = "NL\n'), "1:13"),
    "not UTF-8": (_config(b'holder = "N\xe9"\n'), "1:12"),
    "binary": (_config(bytes(range(256)) * 4), "2:118"),
    "nul bytes": (_config(b'holder = "N\x00L"\n'), "1:12"),
    "a table instead of names": (_config(b"[holders]\nNL = [1, 2]\n"), "2:6"),
    "a table instead of a code": (_config(b'holder = {nl = "x"}\n'), "1:10"),
    "lower-case codes": (_config(b'holder = "nl"\n[holders]\nnl = {nl = "N", en = "N"}\n'), "1:10"),
    "a very long code": (_config(b'holder = "' + b"N" * 5000 + b'"\n'), "1:10"),
    "an escape sequence in a name": (
        _config(b'[holders]\nNL = {nl = "\\u001b[31mred", en = "N"}\n'),
        "2:6",
    ),
    "a bidi control in a code": (
        _config('[holders]\n"\u202eNL" = {nl = "N", en = "N"}\n'.encode()),
        "2:1",
    ),
    "an undeclared own holder": (_config(b"[holders]\n" + NAMES.replace(b"NL =", b"NX =")), "1:1"),
    "deep nesting": (_config(b"a = " + b"[" * 20_000 + b"]" * 20_000 + b"\n"), "1:1"),
    "a long dotted key": (_config(b"a" + b".a" * 30_000 + b" = 1\n"), "1:1"),
    "too large": (_config(b"# " + b"x" * 100_000 + b"\n"), None),
    "a pipe": (_config_fifo, None),
    "a device": (_config_device, None),
}


@pytest.mark.parametrize("case", list(HOSTILE_CONFIGS), ids=list(HOSTILE_CONFIGS))
def test_no_hostile_posities_toml_gives_a_traceback(register: Path, case: str) -> None:
    make, where = HOSTILE_CONFIGS[case]
    make(register)
    done = _run(["check"], register.parent)
    _assert_clean(done)
    assert done.returncode == 1, done.stdout
    located = f"positions/posities.toml:{where}: " if where else "positions/posities.toml: "
    assert located.encode() in done.stdout + done.stderr
    for command in (
        ["list"],
        ["list", "--holder", "us", "--format", "json"],
        ["matrix", "--on", "2019-01-01"],
    ):
        done = _run(command, register.parent)
        _assert_clean(done)
        assert done.returncode == 1
        assert done.stdout == b""


@pytest.mark.parametrize(
    "args",
    [
        ["--holder", "\x1b[31mEU"],
        ["--holder", "E\u202eU"],
        ["--holder", "N" * 10_000],
        ["--holder", ""],
        ["--on", "2019-01-01\u202e"],
        ["--on", "9999999-01-01"],
        ["--on", ""],
        ["--on", "0000-00-00"],
    ],
)
def test_hostile_holder_and_day_options_are_usage_errors(register: Path, args: list[str]) -> None:
    for command in (["list"], ["matrix"]):
        done = _run([*command, *args], register.parent)
        _assert_clean(done)
        assert done.returncode == 2
        assert b"\x1b" not in done.stderr
        assert "\u202e".encode() not in done.stderr
