"""`posities quote find`: the passages of the register's texts closest to a rough phrase,
best first, each one a quote that passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import invoke, minimal, write

LETTER = "texts/bondgenoten-in-onzekere-tijden.txt"
SOURCE = ["--title", "Bondgenoten in onzekere tijden", "--kind", "kamerbrief"]


# --- quote find --------------------------------------------------------------------------------


def test_quote_find_prints_passages_best_first(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "quote", "find", "terugtrekking mensenrechtenraad", "-n", "2")
    assert (code, err) == (0, "")
    assert out == (
        f"positions/{LETTER}:52  score 0.83\n"
        "Recent kwam daar de Amerikaanse terugtrekking uit de Mensenrechtenraad bij.\n"
        "\n"
        f"positions/{LETTER}:48  score 0.39\n"
        "De Amerikaanse terugtrekking uit het klimaatakkoord; de eenzijdige opzegging van het "
        "JCPOA; het besluit om de Amerikaanse ambassade naar Jeruzalem te verplaatsen en de "
        "instelling van invoerheffingen op aluminium en staal zijn besluiten die Nederland en "
        "andere belangrijke partners kritisch bezien.\n"
    )


def test_quote_find_json(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "quote", "find", "zorgelijke trend", "--format", "json")
    assert code == 0
    first = json.loads(out)[0]
    assert first == {
        "path": f"positions/{LETTER}",
        "text": LETTER,
        "line": 53,
        "score": first["score"],
        "passage": "Deze stappen passen in een zorgelijke trend waarin de Amerikaanse "
        "administratie een minder multilaterale koers vaart.",
    }


def test_a_found_passage_is_a_quote_that_passes(runner: CliRunner, bundled: Path) -> None:
    _, out, _ = invoke(runner, "quote", "find", "bilaterale economische relatie", "-f", "json")
    for record in json.loads(out):
        code, _, err = invoke(
            runner,
            "add-source",
            "jcpoa",
            *SOURCE,
            "--text",
            record["text"],
            "--quote",
            record["passage"],
        )
        assert code == 0, err


def test_quote_find_with_nothing_close(runner: CliRunner, bundled: Path) -> None:
    assert invoke(runner, "quote", "find", "xyzzy") == (
        1,
        "",
        "no passage of the register's texts is close to 'xyzzy'\n",
    )


@pytest.mark.parametrize("phrase", ["", "   ", "\t\n"])
def test_quote_find_needs_a_phrase(runner: CliRunner, bundled: Path, phrase: str) -> None:
    code, out, err = invoke(runner, "quote", "find", phrase)
    assert (code, out) == (2, "")
    assert "give a phrase to look for" in err


def test_quote_find_in_one_text(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "texts/other.txt", "De terugtrekking uit de Mensenrechtenraad is een zorg.\n")
    _, out, _ = invoke(runner, "quote", "find", "terugtrekking mensenrechtenraad", "-n", "1")
    assert out.startswith("positions/texts/other.txt:1  score ")
    _, out, _ = invoke(
        runner, "quote", "find", "terugtrekking mensenrechtenraad", "--text", LETTER, "-n", "1"
    )
    assert out.startswith(f"positions/{LETTER}:52  score ")
    code, _, err = invoke(runner, "quote", "find", "x", "--text", "jcpoa.yaml")
    assert (code, err) == (
        2,
        "error: --text 'jcpoa.yaml': is a position file of the register, not a source text\n",
    )


def test_quote_find_warns_of_texts_it_cannot_read(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "texts/scan.txt", b"%PDF-\xff")
    code, _, err = invoke(runner, "quote", "find", "mensenrechtenraad", "-n", "1")
    assert code == 0
    assert err == (
        "positions/texts/scan.txt: warning: not valid UTF-8 (byte 0xff); save the file as UTF-8 "
        "at line 1; not searched\n"
    )


def test_quote_find_without_texts(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    assert invoke(runner, "quote", "find", "iets") == (
        1,
        "",
        "error: no source texts to search: save copies of the documents as *.txt files in "
        "positions/texts/ (or name them in sources' text:)\n",
    )


RIGHT_TO_LEFT = "Een zin \u200fmet rlm \u2066iso\u2069 en\u2060woord.\n"
"""A text with direction marks and a word joiner, which no quote may (or need) contain."""


def test_quote_find_offers_passages_without_invisible_marks(
    runner: CliRunner, bundled: Path
) -> None:
    write(bundled, "texts/rtl.txt", RIGHT_TO_LEFT)
    code, out, err = invoke(
        runner, "quote", "find", "zin met rlm iso", "--text", "texts/rtl.txt", "-n", "1"
    )
    assert (code, err) == (0, "")
    assert out == "positions/texts/rtl.txt:1  score 0.95\nEen zin met rlm iso enwoord.\n"
