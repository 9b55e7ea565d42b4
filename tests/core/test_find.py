"""The passages of the register's texts found for a rough phrase (`quote find`, `add-source
--find`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.find import NoSinglePassage, find_passages, given_text, pick_passage
from posities.errors import UsageError

from ..conftest import write
from .conftest import with_text

SECOND = "Over handel.\n\nDe heffingen op staal zijn een zorg.\nHet kabinet steunt overleg.\n"


@pytest.fixture
def texts(register: Path) -> Path:
    write(register, "texts/second.txt", SECOND)
    (register / "texts" / "old").mkdir()
    write(register, "texts/old/third.txt", "Staal en aluminium, heffingen bezien.\n")
    write(register, "texts/notes.md", "Heffingen op staal.\n")
    write(register, "texts/.hidden.txt", "Heffingen op staal.\n")
    return register


def test_every_text_of_the_register_is_searched(texts: Path) -> None:
    found, warnings = find_passages(texts, "heffingen staal", limit=5)
    assert [(f.relative, f.passage.line, f.passage.text) for f in found] == [
        ("texts/second.txt", 3, "De heffingen op staal zijn een zorg."),
        ("texts/old/third.txt", 1, "Staal en aluminium, heffingen bezien."),
    ]
    assert warnings == []


def test_a_text_a_source_names_outside_texts_is_searched(texts: Path) -> None:
    write(texts, "brief.txt", "Heffingen op staal en aluminium zijn onwenselijk.\n")
    write(texts, "a-decision.yaml", with_text("brief.txt", "Heffingen op staal"))
    found, _ = find_passages(texts, "heffingen staal aluminium onwenselijk", limit=1)
    assert [(f.relative, f.passage.line) for f in found] == [("brief.txt", 1)]


def test_texts_that_cannot_be_searched_are_warnings(texts: Path) -> None:
    write(texts, "texts/bad.txt", b"\xff")
    (texts / "texts" / "out.txt").symlink_to(texts.parent / "outside.txt")
    _, warnings = find_passages(texts, "staal")
    assert [str(w) for w in warnings] == [
        "positions/texts/bad.txt: warning: not valid UTF-8 (byte 0xff); save the file as UTF-8 "
        "at line 1; not searched",
        "positions/texts/out.txt: warning: leads out of the register folder through a symbolic "
        "link; not searched",
    ]


def test_one_text_can_be_chosen(texts: Path) -> None:
    found, _ = find_passages(texts, "heffingen staal", only="texts/old/third.txt")
    assert [f.relative for f in found] == ["texts/old/third.txt"]
    with pytest.raises(UsageError, match=r"--text '\.\./x': leads out of the register folder"):
        find_passages(texts, "staal", only="../x")


def test_a_chosen_text_may_be_named_from_the_current_folder(texts: Path) -> None:
    assert given_text(texts, "positions/texts/second.txt") == "texts/second.txt"
    assert given_text(texts, "texts/second.txt") == "texts/second.txt"
    assert given_text(texts, str(texts / "texts" / "second.txt")) == "texts/second.txt"
    assert given_text(texts, "positions/a-decision.yaml") == "positions/a-decision.yaml"


def test_the_single_best_passage_is_picked(texts: Path) -> None:
    found = pick_passage(texts, "kabinet steunt overleg")
    assert (found.relative, found.passage.line) == ("texts/second.txt", 4)
    assert found.passage.text == "Het kabinet steunt overleg."


def test_two_about_equally_close_passages_are_refused(texts: Path) -> None:
    with pytest.raises(NoSinglePassage) as refused:
        pick_passage(texts, "heffingen staal")
    assert str(refused.value) == (
        "2 passages are about equally close to 'heffingen staal'; give more of its words, "
        "narrow the search with --source-text, or copy one with --quote"
    )
    assert [str(p) for p in refused.value.problems] == [
        "positions/texts/second.txt:3:1: score 0.86: De heffingen op staal zijn een zorg.",
        "positions/texts/old/third.txt:1:1: score 0.82: Staal en aluminium, heffingen bezien.",
    ]


def test_nothing_close_enough_is_refused(texts: Path) -> None:
    with pytest.raises(NoSinglePassage, match="no passage is close enough to 'xyzzy'"):
        pick_passage(texts, "xyzzy")
