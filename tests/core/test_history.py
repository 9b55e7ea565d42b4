"""The core of diff and log, called without the command line: what they compare and list,
and the errors they raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.history import InvalidToCompare, changes_between, position_log
from posities.core.query import Filter
from posities.errors import UsageError
from posities.git.repo import open_repo

from .. import demo
from ..conftest import write


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
