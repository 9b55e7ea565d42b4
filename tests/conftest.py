"""Shared fixtures: an isolated environment, registers built under tmp_path, a CLI runner, and
git repositories committed to in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from posities.cli import app

BUNDLED = Path(__file__).resolve().parent.parent / "positions"
ASSETS = Path(__file__).resolve().parent / "assets"

MINIMAL = """\
id: {id}
title:
  nl: Een besluit
  en: A decision
actor: US
decision:
  date: 2019-01-02
  description:
    nl: Iets is besloten.
    en: Something was decided.
stance: {stance}
goal_shared: {goal_shared}
means_differ: null
summary:
  nl: Nederland vindt er iets van.
  en: The Netherlands has a view.
topics: [{topics}]
sources:
  - title: Een brief
    kind: kamerbrief
    date: 2019-02-03
    quote: Wij vinden er iets van.
updated: 2020-01-01
"""


def own_statement_item(holder: str = "NL", until: str | None = None) -> str:
    """`minimal()`'s own statement as an item of `stances:` (its lines, indented as a file
    holds them), of `holder`, from the decision's date, ending on `until` when given."""
    ends = f"    until: {until}\n" if until else ""
    return (
        f"  - holder: {holder}\n"
        "    stance: critical\n"
        "    goal_shared: null\n"
        "    means_differ: null\n"
        f"    since: 2019-01-02\n{ends}"
        "    summary:\n"
        "      nl: Nederland vindt er iets van.\n"
        "      en: The Netherlands has a view.\n"
        "    sources:\n"
        "      - title: Een brief\n"
        "        kind: kamerbrief\n"
        "        date: 2019-02-03\n"
        "        quote: Wij vinden er iets van.\n"
        "    updated: 2020-01-01\n"
    )


def minimal(
    ident: str = "a-decision",
    stance: str = "critical",
    goal_shared: str = "null",
    topics: str = "trade",
) -> str:
    """The text of a small valid position file."""
    return MINIMAL.format(id=ident, stance=stance, goal_shared=goal_shared, topics=topics)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's environment, cache or register."""
    for name in ("POSITIES_DIR", "POSITIES_LANG", "POSITIES_NO_CACHE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POSITIES_CACHE_DIR", str(tmp_path / "cache"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled register, as `positions/` in the current folder."""
    target = tmp_path / "work" / "positions"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def empty_register(tmp_path: Path) -> Path:
    """An empty `positions/` folder in the current folder."""
    target = tmp_path / "work" / "positions"
    target.mkdir()
    return target


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner with a fixed terminal width."""
    return CliRunner(env={"COLUMNS": "100", "TERM": "dumb"})


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write a file into a register folder, as UTF-8 when given text."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run `posities ARGS` and return exit code, stdout and stderr."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --- git repositories -------------------------------------------------------------------------


CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(top: Path, *args: str, date: str | None = None) -> str:
    """The output of git in `top`, with no user's or system's config; `date` dates a commit."""
    env = dict(CLEAN_ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+0000"
    done = subprocess.run(
        ["git", *args], cwd=top, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(top: Path, message: str, date: str, **files: str | None) -> str:
    """Write (or delete, for None) position files under positions/ and commit them."""
    folder = top / "positions"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        path = folder / f"{name.replace('_', '-')}.yaml"
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    git(top, "add", "-A", ".")
    git(top, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(top, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git repository as the current folder."""
    top = tmp_path / "work"
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.name", "Jan Jansen")
    git(top, "config", "user.email", "jan@example.org")
    git(top, "config", "commit.gpgsign", "false")
    return top


@pytest.fixture
def history(repo: Path) -> Path:
    """Three commits: the register, a stance change, a comment-only edit."""
    commit(repo, "Register", "2018-06-01", a_decision=minimal(), b_decision=minimal("b-decision"))
    commit(
        repo, "A: opposes", "2019-01-15", a_decision=minimal(stance="opposes", goal_shared="true")
    )
    commented = minimal("b-decision").replace("actor: US", "actor: US  # the United States")
    commit(repo, "Comment only", "2019-03-01", b_decision=commented)
    return repo


# --- a register with files that are not read --------------------------------------------------


UNREAD = [
    "positions/.DS_Store: warning: not read: a hidden file (its name starts with a dot)",
    "positions/.foo.yaml: warning: not read: a hidden file (its name starts with a dot); "
    "rename it to 'foo.yaml' if it is a position",
    "positions/B.Yaml: warning: not read: position files end in .yaml; rename it to 'B.yaml'",
    "positions/C.YAML: warning: not read: position files end in .yaml; rename it to 'C.yaml'",
    "positions/b.yml: warning: not read: position files end in .yaml; rename it to 'b.yaml'",
    "positions/drafts: warning: not read: a folder; position files are read from the register "
    "folder only, not from below it",
    "positions/notes.md: warning: not read: position files end in .yaml",
]


@pytest.fixture
def cluttered(empty_register: Path) -> Path:
    """A register with one valid position and one of each kind of file that is not read."""
    write(empty_register, "a-decision.yaml", minimal())
    for name in (".DS_Store", ".foo.yaml", "B.Yaml", "C.YAML", "b.yml", "notes.md"):
        write(empty_register, name, minimal())
    (empty_register / "drafts").mkdir()
    write(empty_register / "drafts", "d.yaml", minimal())
    return empty_register


_HOLDER = """
import sys
from pathlib import Path
from {module} import {lock}
with {lock}(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


class Holder:
    """Another process holding a lock of a file (`lock`, "module:function", a context
    manager taking the path) until it is let go."""

    def __init__(self, path: Path, lock: str = "posities.io.atomic:exclusive") -> None:
        import subprocess
        import sys

        module, _, function = lock.partition(":")
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER.format(module=module, lock=function), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "held\n"

    def release(self) -> None:
        """Let the lock go and wait for the process to end."""
        self.process.communicate("")
        assert self.process.returncode == 0


def position_record(*sources: Any, **fields: Any) -> Any:
    """A valid position record (`a-decision`, critical, goal and means not stated) with
    `sources`, and any field given in `fields` instead of its default."""
    from posities.model.records import Decision, Localized, Position, Stance

    defaults: dict[str, Any] = {
        "id": "a-decision",
        "title": Localized("Een besluit", "A decision"),
        "actor": "US",
        "decision": Decision("2019-01-02", Localized("Besloten.", "Decided.")),
        "stance": Stance.CRITICAL,
        "goal_shared": None,
        "means_differ": None,
        "summary": Localized("Kritisch.", "Critical."),
        "topics": ("trade",),
        "sources": sources,
        "updated": "2020-01-01",
    }
    return Position(**{**defaults, **fields})


LOADED = """
import sys
from posities.cli import run
sys.argv = ["posities", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_modules(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """Every module `posities ARGS` has imported when it ends, run as its own process with
    its output piped (start-up cost is what a command imports)."""
    import sys

    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    return done.stderr.splitlines()[-1].split()
