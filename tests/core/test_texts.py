"""Source texts in the register: which paths may be used, quotes verified for printing, and the
passages found for a rough phrase."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posities.core import quotes
from posities.core import texts as texts_module
from posities.core.checks import check
from posities.core.find import NoSinglePassage, find_passages, given_text, pick_passage
from posities.core.register import load
from posities.core.texts import text_path
from posities.core.verify import unchecked_quotes, verify_printed, written_quote_problems
from posities.errors import UsageError
from posities.io.cache import Verdicts, digest

from ..conftest import minimal, write

LETTER = "Wij vinden er\niets van, zei de minis-\nter. Het kabinet steunt de VS.\n"


def with_text(text_path: str, quote: str = "Wij vinden er iets van,") -> str:
    return minimal().replace(
        "    quote: Wij vinden er iets van.", f"    text: {text_path}\n    quote: {quote}"
    )


@pytest.fixture
def register(empty_register: Path) -> Path:
    """A register with one position whose quote is in texts/letter.txt."""
    (empty_register / "texts").mkdir()
    write(empty_register, "texts/letter.txt", LETTER)
    write(empty_register, "a-decision.yaml", with_text("texts/letter.txt"))
    return empty_register


def messages(folder: Path) -> list[str]:
    return [str(p) for p in check(load(folder))]


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


# --- quotes without a text ---------------------------------------------------------------------


def test_a_quote_without_a_text_is_a_warning(register: Path) -> None:
    write(register, "b-decision.yaml", minimal("b-decision"))
    warnings = unchecked_quotes(load(register))
    assert [str(w) for w in warnings] == [
        "positions/b-decision.yaml:22:12: warning: sources[0].quote cannot be checked: its "
        "source has no local text; add text: with the path of a copy of the document"
    ]
    assert messages(register) == []


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


# --- verifying what is printed -----------------------------------------------------------------


def test_printed_quotes_are_verified(register: Path) -> None:
    registered = load(register)
    assert verify_printed(registered, registered.positions) == []
    write(register, "texts/letter.txt", LETTER.replace("iets", "niets"))
    problems = verify_printed(registered, registered.positions)
    assert [str(p) for p in problems] == [
        "positions/a-decision.yaml:23:12: sources[0].quote is not found verbatim in "
        "'texts/letter.txt' (whitespace, line-break hyphens and quote marks aside); "
        'closest, at line 1: \'Wij vinden er niets van,\'; differs: "iets" → "niets"; '
        "copy it exactly from the text (posities quote find)"
    ]


def test_a_printed_quote_found_before_is_not_looked_up_again(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered = load(register)
    assert verify_printed(registered, registered.positions) == []

    def refuse(self: quotes.SourceText, quote: str) -> bool:
        raise AssertionError("looked up again")

    monkeypatch.setattr(quotes.SourceText, "contains", refuse)
    assert verify_printed(registered, registered.positions) == []
    write(register, "texts/letter.txt", LETTER + "Meer.\n")  # a new digest: looked up again
    with pytest.raises(AssertionError, match="looked up again"):
        verify_printed(registered, registered.positions)


def test_verdicts_are_not_kept_when_the_cache_is_off(
    register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIES_NO_CACHE", "1")
    registered = load(register)
    assert verify_printed(registered, registered.positions) == []
    assert not (tmp_path / "cache").exists()


def test_a_damaged_verdict_file_is_ignored(register: Path, tmp_path: Path) -> None:
    registered = load(register)
    verify_printed(registered, registered.positions)
    (tmp_path / "cache" / "quotes.verdicts").write_bytes(b"\xff\x00garbage\n")
    assert verify_printed(registered, registered.positions) == []
    write(register, "texts/letter.txt", "Iets anders.\n")
    assert len(verify_printed(registered, registered.positions)) == 1


VERDICTS_BEFORE_WHOLE_WORDS = "posities-verdicts 6d304330eb923266\n"
"""The first line of the verdict file as written while a quote could match inside a word."""


def test_verdicts_kept_before_quotes_matched_whole_words_are_not_trusted(
    register: Path, tmp_path: Path
) -> None:
    write(register, "a-decision.yaml", with_text("texts/letter.txt", "ets van,"))
    registered = load(register)
    key = Verdicts(None, "", {}).key("ets van,", digest(LETTER.encode()))
    (tmp_path / "cache").mkdir(exist_ok=True)
    (tmp_path / "cache" / "quotes.verdicts").write_text(f"{VERDICTS_BEFORE_WHOLE_WORDS}{key}\n")
    [problem] = verify_printed(registered, registered.positions)
    assert str(problem) == (
        "positions/a-decision.yaml:23:12: sources[0].quote is found in 'texts/letter.txt' only "
        "inside longer words (a quote starts and ends on whole words); closest, at line 2: "
        '\'iets van,\'; differs: "ets" → "iets"; copy it exactly from the text '
        "(posities quote find)"
    )


def test_only_the_printed_positions_are_verified(register: Path) -> None:
    write(
        register,
        "b-decision.yaml",
        minimal("b-decision").replace(
            "    quote: Wij vinden er iets van.", "    text: texts/none.txt\n    quote: Niets."
        ),
    )
    registered = load(register)
    chosen = [p for p in registered.positions if p.id == "a-decision"]
    assert verify_printed(registered, chosen) == []
    assert len(verify_printed(registered, registered.positions)) == 1


# --- verifying what is written -----------------------------------------------------------------


def test_written_quotes_are_verified_against_the_text(register: Path) -> None:
    text = with_text("texts/letter.txt", "Het kabinet steunt de VS volledig.")
    [problem] = written_quote_problems(register, text, "positions/a-decision.yaml")
    assert str(problem) == (
        "positions/a-decision.yaml:23:12: sources[0].quote is not found verbatim in "
        "'texts/letter.txt' (whitespace, line-break hyphens and quote marks aside); "
        'closest, at line 3: \'Het kabinet steunt de VS.\'; differs: "VS volledig." → "VS."; '
        "copy it exactly from the text (posities quote find)"
    )
    assert written_quote_problems(register, with_text("texts/letter.txt"), "x") == []
    [problem] = written_quote_problems(register, with_text("../etc"), "x")
    assert (
        str(problem) == "x:22:11: sources[0].text '../etc': leads out of the register folder (..)"
    )


# --- passages for a phrase ---------------------------------------------------------------------

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
