"""Quotes verified against their texts: what is printed, what is written, and the quotes that
have no text to be checked against."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core import quotes
from posities.core.register import load
from posities.core.verify import unchecked_quotes, verify_printed, written_quote_problems
from posities.io.cache import Verdicts, digest

from ..conftest import minimal, write
from .conftest import LETTER, messages, with_text

# --- quotes without a text --------------------------------------------------------------------


def test_a_quote_without_a_text_is_a_warning(register: Path) -> None:
    write(register, "b-decision.yaml", minimal("b-decision"))
    warnings = unchecked_quotes(load(register))
    assert [str(w) for w in warnings] == [
        "positions/b-decision.yaml:22:12: warning: sources[0].quote cannot be checked: its "
        "source has no local text; add text: with the path of a copy of the document"
    ]
    assert messages(register) == []


# --- verifying what is printed ----------------------------------------------------------------


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


# --- verifying what is written ----------------------------------------------------------------


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
