"""Source texts in the register: which paths a quote may name, and the closest passages
searched for quotes not found in a text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posities.core import texts as texts_module
from posities.core.texts import text_path

from ..conftest import write
from .conftest import LETTER, messages, with_text

# --- which text paths may be used --------------------------------------------------------------


@pytest.mark.parametrize(
    "good", ["texts/letter.txt", "./texts/letter.txt", "texts/x/../letter.txt"]
)
def test_a_text_inside_the_register_is_used(register: Path, good: str) -> None:
    (register / "texts" / "x").mkdir()
    write(register, "a-decision.yaml", with_text(good))
    assert messages(register) == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/etc/hostname", "must be a path relative to the register folder, not an absolute one"),
        ("~/letter.txt", "must be a path relative to the register folder, not an absolute one"),
        ("C:/letter.txt", "must be a path relative to the register folder, not an absolute one"),
        ("../outside.txt", "leads out of the register folder (..)"),
        ("texts/../../outside.txt", "leads out of the register folder (..)"),
        ("texts", "is a folder, not a text file"),
        ("a-decision.yaml", "is a position file of the register, not a source text"),
        ("texts/../a-decision.yaml", "is a position file of the register, not a source text"),
        ("texts/none.txt", "no such file (the path is relative to the register folder)"),
        ("texts/letter.txt/x", "no such file (the path is relative to the register folder)"),
    ],
)
def test_a_text_that_may_not_be_used_is_an_error_at_its_line(
    register: Path, path: str, reason: str
) -> None:
    write(register.parent, "outside.txt", LETTER)
    write(register, "a-decision.yaml", with_text(path))
    assert messages(register) == [
        f"positions/a-decision.yaml:22:11: sources[0].text '{path}': {reason}"
    ]


def test_a_symbolic_link_out_of_the_register_is_refused(register: Path) -> None:
    outside = write(register.parent, "outside.txt", LETTER)
    (register / "texts" / "link.txt").symlink_to(outside)
    (register / "elsewhere").symlink_to(register.parent)
    (register / "texts" / "inside.txt").symlink_to(register / "texts" / "letter.txt")
    for path in ("texts/link.txt", "elsewhere/outside.txt", "elsewhere/positions/texts/letter.txt"):
        write(register, "a-decision.yaml", with_text(path))
        assert messages(register) == [
            f"positions/a-decision.yaml:22:11: sources[0].text '{path}': "
            "leads out of the register folder through a symbolic link"
        ]
    write(register, "a-decision.yaml", with_text("texts/inside.txt"))
    assert messages(register) == []


def test_a_link_to_a_position_file_is_refused(register: Path) -> None:
    (register / "texts" / "sneaky.txt").symlink_to(register / "a-decision.yaml")
    write(register, "a-decision.yaml", with_text("texts/sneaky.txt"))
    assert messages(register) == [
        "positions/a-decision.yaml:22:11: sources[0].text 'texts/sneaky.txt': "
        "is a position file of the register, not a source text"
    ]


def test_a_fifo_is_refused_without_being_opened(register: Path) -> None:
    os.mkfifo(register / "texts" / "pipe.txt")
    write(register, "a-decision.yaml", with_text("texts/pipe.txt"))
    assert messages(register) == [
        "positions/a-decision.yaml:22:11: sources[0].text 'texts/pipe.txt': "
        "is not a regular file (a device, fifo or socket cannot be a source text)"
    ]


def test_a_text_that_is_not_utf8_is_an_error(register: Path) -> None:
    write(register, "texts/letter.txt", b"Wij vinden\n\xff er iets van")
    assert messages(register) == [
        "positions/a-decision.yaml:22:11: sources[0].text 'texts/letter.txt': "
        "not valid UTF-8 (byte 0xff); save the file as UTF-8 at line 2"
    ]


# --- the closest passage ---------------------------------------------------------------------


def test_the_closest_passage_is_searched_for_the_first_quotes_not_found_in_a_text(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(texts_module, "CLOSEST_SEARCHED", 2)
    write(register, "texts/other.txt", "Een andere tekst.\n")
    for number in range(4):
        wrong = with_text("texts/letter.txt", f"Wij vinden er iets van {number}.")
        write(register, f"d-{number}.yaml", wrong.replace("id: a-decision", f"id: d-{number}"))
    write(
        register,
        "e.yaml",
        with_text("texts/other.txt", "Een tekst.").replace("id: a-decision", "id: e"),
    )
    head = (
        "sources[0].quote is not found verbatim in 'texts/letter.txt' (whitespace, "
        "line-break hyphens and quote marks aside); "
    )
    assert messages(register) == [
        f"positions/d-0.yaml:23:12: {head}closest, at line 1: 'Wij vinden er iets van, zei'; "
        'differs: "van 0." → "van, zei"; copy it exactly from the text (posities quote find)',
        f"positions/d-1.yaml:23:12: {head}closest, at line 1: 'Wij vinden er iets van, zei'; "
        'differs: "van 1." → "van, zei"; copy it exactly from the text (posities quote find)',
        f"positions/d-2.yaml:23:12: {head}closest passage not searched: too many quotes not "
        "found in this text",
        f"positions/d-3.yaml:23:12: {head}closest passage not searched: too many quotes not "
        "found in this text",
        "positions/e.yaml:23:12: sources[0].quote is not found verbatim in 'texts/other.txt' "
        "(whitespace, line-break hyphens and quote marks aside); closest, at line 1: "
        "'Een andere tekst.'; differs: missing: \"andere\"; copy it exactly from the text "
        "(posities quote find)",
    ]


# --- property: a text path never leads out of the register -------------------------------------


@pytest.fixture(scope="module")
def maze(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register with links in and out of it, next to a folder outside it."""
    top = tmp_path_factory.mktemp("maze")
    (top / "outside").mkdir()
    (top / "outside" / "a.txt").write_text("buiten\n")
    root = top / "positions"
    (root / "texts" / "sub").mkdir(parents=True)
    (root / "texts" / "a.txt").write_text("binnen\n")
    (root / "texts" / "sub" / "a.txt").write_text("binnen\n")
    (root / "a.yaml").write_text("id: a\n")
    (root / "texts" / "out").symlink_to(top / "outside")
    (root / "texts" / "up").symlink_to(root)
    (root / "texts" / "top").symlink_to(top)
    (root / "texts" / "in.txt").symlink_to(root / "texts" / "a.txt")
    (root / "texts" / "pos.txt").symlink_to(root / "a.yaml")
    (root / "texts" / "loop").symlink_to(root / "texts" / "loop")
    return root


SEGMENTS = st.sampled_from(
    [
        "..",
        ".",
        "texts",
        "sub",
        "out",
        "up",
        "top",
        "in.txt",
        "pos.txt",
        "loop",
        "a.txt",
        "a.yaml",
        "positions",
        "outside",
        "",
    ]
)


@given(st.lists(SEGMENTS, min_size=1, max_size=7))
@settings(max_examples=500, deadline=None)
def test_a_text_path_never_leads_out_of_the_register(maze: Path, segments: list[str]) -> None:
    found = text_path(maze, "/".join(segments))
    if isinstance(found, str):
        return
    base = os.path.realpath(maze)
    assert str(found).startswith(base + os.sep)
    assert found.is_file()
    assert found.read_text() == "binnen\n"
