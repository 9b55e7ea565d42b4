"""One lookup of a typed id, one "no position with id" with close ids, wherever it is asked."""

from __future__ import annotations

import pytest

from posities.core.ids import position_by_id, unknown_id
from posities.core.register import load
from posities.errors import UsageError

from ..conftest import BUNDLED


def test_a_position_is_found_by_its_id() -> None:
    positions = load(BUNDLED).positions
    assert position_by_id("jcpoa", positions).id == "jcpoa"


def test_an_unknown_id_suggests_close_spellings_then_topics_and_titles() -> None:
    positions = load(BUNDLED).positions
    with pytest.raises(UsageError) as error:
        position_by_id("jcpao", positions)
    assert str(error.value) == (
        "no position with id 'jcpao'; did you mean jcpoa? (`posities list` shows all ids)"
    )
    with pytest.raises(UsageError) as error:
        position_by_id("climate", positions)  # a word of a title
    assert "did you mean paris-agreement?" in str(error.value)


def test_an_id_with_nothing_close_says_where_all_are() -> None:
    error = unknown_id("zzz", ["jcpoa", "paris-agreement"])
    assert str(error) == "no position with id 'zzz' (`posities list` shows all ids)"
    assert error.exit_code == 2


def test_an_id_unknown_to_the_history_says_so() -> None:
    error = unknown_id("a-decisoin", ["a-decision", "b-decision"], in_history=True)
    assert str(error) == (
        "no position with id 'a-decisoin' in the history; did you mean a-decision, b-decision?"
    )


def test_a_file_name_is_looked_up_the_same_way() -> None:
    from posities.core.editing import position_path

    with pytest.raises(UsageError) as error:
        position_path(BUNDLED, "jcpao")
    assert str(error.value) == str(unknown_id("jcpao", ["jcpoa"]))
