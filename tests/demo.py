"""The README's example history: the bundled register as of two commits, a week apart."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "positions"
EXAMPLES = BUNDLED.parent / "examples"
EARLIER_TARIFFS = (
    Path(__file__).resolve().parent / "assets" / "examples" / "steel-tariffs-before.yaml"
)
"""The illustrative register's steel tariffs before the change of the Dutch stance was recorded
(with `posities set steel-tariffs --since 2021-11-01 ...`)."""
ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Anna de Vries",
    "GIT_AUTHOR_EMAIL": "anna@example.org",
    "GIT_COMMITTER_NAME": "Anna de Vries",
    "GIT_COMMITTER_EMAIL": "anna@example.org",
}


def _git(top: Path, *args: str, date: str | None = None) -> None:
    env = dict(ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T10:00:00+0100"
    subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)


def build(top: Path) -> Path:
    """`top` as a repository whose positions/ reached the bundled state in a second commit:
    the first lacked the jcpoa topic `multilateralism` and was assessed a week earlier. The
    illustrative register (`examples/holders`) is committed beside it, and its second commit
    records, back-dated, that the Dutch stance on the steel tariffs changed on 2021-11-01."""
    folder = top / "positions"
    shutil.copytree(BUNDLED, folder)
    shutil.copytree(EXAMPLES, top / "examples")
    jcpoa = folder / "jcpoa.yaml"
    final = jcpoa.read_text(encoding="utf-8")
    earlier = final.replace(", multilateralism]", "]").replace(
        "updated: 2026-11-27", "updated: 2026-11-20"
    )
    jcpoa.write_text(earlier, encoding="utf-8")
    tariffs = top / "examples" / "holders" / "positions" / "steel-tariffs.yaml"
    changed = tariffs.read_text(encoding="utf-8")
    tariffs.write_text(EARLIER_TARIFFS.read_text(encoding="utf-8"), encoding="utf-8")
    _git(top, "init", "-q", "-b", "main")
    _git(top, "add", "positions", "examples")
    _git(top, "commit", "-q", "-m", "Register from the letter", date="2026-11-20")
    jcpoa.write_text(final, encoding="utf-8")
    tariffs.write_text(changed, encoding="utf-8")
    _git(top, "commit", "-q", "-am", "JCPOA: reassessed, tagged multilateralism", date="2026-11-27")
    return folder


def run_git(top: Path, *args: str) -> str:
    """The output of a git command in `top`."""
    done = subprocess.run(["git", *args], cwd=top, env=ENV, check=True, capture_output=True)
    return done.stdout.decode("utf-8")
