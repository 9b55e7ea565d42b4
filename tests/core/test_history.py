"""The core of diff and log, called without the command line: what they compare and list,
and the errors they raise; the register at a revision, its texts and blobs read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.history import InvalidToCompare, Reader, changes_between, register_at
from posities.core.log import position_log
from posities.core.query import Filter
from posities.core.verify import verify_printed
from posities.errors import UsageError
from posities.git import repo as gitrepo
from posities.git.repo import open_repo

from .. import demo
from ..conftest import commit, minimal, write


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The README's two-commit history; its register folder."""
    return demo.build(tmp_path / "history")


def test_changes_between_two_commits(history: Path) -> None:
    found = changes_between(history, "HEAD~1", "HEAD", Filter())
    assert [c.id for c in found.changes.changed] == ["jcpoa"]
    days = [point.commit.day if point.commit else None for point in (found.old, found.new)]
    assert days == ["2026-11-20", "2026-11-27"]
    assert found.since  # it ends at HEAD and starts before


def test_changes_not_up_to_now_are_not_since(history: Path) -> None:
    assert not changes_between(history, "HEAD~1..HEAD~1", None, Filter()).since


def test_a_filter_keeps_a_position_that_matches_at_either_point(history: Path) -> None:
    kept = changes_between(history, "HEAD~1", "HEAD", Filter(topics=frozenset({"climate"})))
    assert not kept.changes


def test_an_invalid_working_tree_is_a_usage_error_for_a_comparison(history: Path) -> None:
    write(history, "jcpoa.yaml", "id: jcpoa\n")
    with pytest.raises(InvalidToCompare) as error:
        changes_between(history, None, None, Filter())
    assert error.value.exit_code == 2
    assert str(error.value).startswith("the register has ")


def test_the_log_of_a_position(history: Path) -> None:
    found = position_log(open_repo(history), "jcpoa", None, None, Filter(), False)
    assert [e.commit.day for e in found.entries] == ["2026-11-27", "2026-11-20"]


def test_the_log_of_an_id_no_commit_had_suggests_close_ones(history: Path) -> None:
    with pytest.raises(UsageError) as error:
        position_log(open_repo(history), "jcpao", None, None, Filter(), False)
    assert str(error.value) == "no position with id 'jcpao' in the history; did you mean jcpoa?"


def test_an_empty_log_of_a_known_id_is_no_error(history: Path) -> None:
    found = position_log(open_repo(history), "jcpoa", "2030-01-01", None, Filter(), False)
    assert found.entries == []


def test_the_log_refuses_an_id_too_long_to_be_one(history: Path) -> None:
    with pytest.raises(UsageError, match="at most 64"):
        position_log(open_repo(history), "a" * 300, None, None, Filter(), False)


# --- the register at a revision, read once ------------------------------------------------

LETTER = "Wij vinden er\niets van, zei de minis-\nter.\n"
QUOTED = minimal().replace(
    "    quote: Wij vinden er iets van.",
    "    text: texts/letter.txt\n    quote: Wij vinden er iets van,",
)


def with_letter(top: Path, text: str) -> None:
    (top / "positions" / "texts").mkdir(parents=True, exist_ok=True)
    write(top / "positions", "texts/letter.txt", text)


def test_texts_at_a_revision_are_read_once_for_all_quotes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_letter(repo, LETTER)
    write(repo / "positions", "texts/other.txt", "Iets anders.\n")
    other = QUOTED.replace("texts/letter.txt", "texts/other.txt").replace(
        "Wij vinden er iets van,", "Iets anders."
    )
    files = {f"d{n}": QUOTED.replace("a-decision", f"d{n}") for n in range(5)}
    commit(
        repo,
        "Register",
        "2018-06-01",
        e_decision=other.replace("a-decision", "e-decision"),
        **files,
    )
    git_repo = open_repo(repo / "positions")
    register = register_at(Reader(git_repo), git_repo.head)
    assert len(register.positions) == 6
    calls: list[str] = []
    real = gitrepo.run_git

    def counted(cwd: Path, args: list[str], stdin: bytes | None = None) -> bytes:
        calls.append(" ".join(args[:2]))
        return real(cwd, args, stdin)

    monkeypatch.setattr(gitrepo, "run_git", counted)
    assert verify_printed(register, register.positions) == []  # 6 quotes, 2 texts
    assert sorted(calls) == ["cat-file --batch", "cat-file --batch-check", "ls-tree -r"]


def test_parsed_blobs_are_cached_by_blob_id(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from posities.core.history import register_at
    from posities.git.repo import open_repo

    repo = open_repo(history)
    first = register_at(Reader(repo), repo.head)
    asked: list[list[str]] = []
    original = type(repo).blobs

    def spy(self: object, names: list[str]) -> object:
        asked.append(names)
        return original(self, names)  # type: ignore[arg-type]

    monkeypatch.setattr(type(repo), "blobs", spy)
    second = register_at(Reader(repo), repo.head)
    assert asked == [[]]
    assert second.positions == first.positions
