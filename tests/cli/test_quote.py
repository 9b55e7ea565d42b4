"""Quotes through the command line: every write and every print verifies them, check warns of
those it cannot verify, and `quote find` / `add-source --find` copy them from the texts."""

from __future__ import annotations

import datetime
import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import invoke, minimal, write

LETTER = "texts/bondgenoten-in-onzekere-tijden.txt"
INVENTED = "Nederland steunt de opzegging van het JCPOA volledig."
NOT_FOUND = (
    "sources[4].quote is not found verbatim in 'texts/bondgenoten-in-onzekere-tijden.txt' "
    "(whitespace, line-break hyphens and quote marks aside); closest, at line 48: "
    "'het klimaatakkoord; de eenzijdige opzegging van het JCPOA; het'; differs: "
    '"Nederland steunt" → "het klimaatakkoord;", missing: "eenzijdige", '
    '"JCPOA volledig." → "JCPOA; het"; copy it exactly from the text (posities quote find)'
)
TODAY = datetime.date.today().isoformat()
SOURCE = ["--title", "Bondgenoten in onzekere tijden", "--kind", "kamerbrief"]


# --- writes ------------------------------------------------------------------------------------


def test_add_source_refuses_an_invented_quote(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, out, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--text",
        LETTER,
        "--supports",
        "stance",
        "--quote",
        INVENTED,
    )
    assert (code, out) == (1, "")
    assert err == (
        "error: the change would leave positions/jcpoa.yaml invalid (1 problem); nothing was "
        f"written\n  positions/jcpoa.yaml:72:12: {NOT_FOUND}\n"
    )
    assert path.read_bytes() == before


def test_add_source_refuses_a_quote_cut_mid_word(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    quote = "stabiliserende rol van Iran in de regio"  # the text says destabiliserende
    code, out, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--text",
        LETTER,
        "--supports",
        "stance",
        "--quote",
        quote,
    )
    assert (code, out) == (1, "")
    assert err == (
        "error: the change would leave positions/jcpoa.yaml invalid (1 problem); nothing was "
        "written\n  positions/jcpoa.yaml:72:12: sources[4].quote is found in "
        "'texts/bondgenoten-in-onzekere-tijden.txt' only inside longer words (a quote starts "
        "and ends on whole words); closest, at line 56: 'destabiliserende rol van Iran in de "
        'regio,\'; differs: "stabiliserende" → "destabiliserende", "regio" → "regio,"; '
        "copy it exactly from the text (posities quote find)\n"
    )
    assert path.read_bytes() == before
    code, _, _ = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--text",
        LETTER,
        "--supports",
        "stance",
        "--quote",
        f"de{quote}",
    )
    assert code == 0


def test_add_source_refuses_a_quote_with_no_words(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, out, err = invoke(
        runner, "add-source", "jcpoa", *SOURCE, "--text", LETTER, "--quote", ";"
    )
    assert (code, out) == (1, "")
    assert err == (
        "error: the change would leave positions/jcpoa.yaml invalid (1 problem); nothing was "
        "written\n  positions/jcpoa.yaml:71:12: sources[4].quote has no words: copy a sentence "
        "or phrase of the text\n"
    )
    assert path.read_bytes() == before


def test_add_source_refuses_a_text_outside_the_register(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(
        runner, "add-source", "jcpoa", *SOURCE, "--text", "../README.md", "--quote", "posities"
    )
    assert (code, err) == (
        2,
        "error: --text '../README.md': leads out of the register folder (..)\n",
    )
    assert path.read_bytes() == before


def test_set_refuses_to_write_a_file_whose_quote_is_not_in_its_text(
    runner: CliRunner, bundled: Path
) -> None:
    text = bundled / LETTER
    text.write_text(text.read_text(encoding="utf-8").replace("kritisch", "positief"))
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(runner, "set", "jcpoa", "--means-differ", "unknown")
    assert code == 1
    assert "positions/jcpoa.yaml:34:12: sources[0].quote is not found verbatim in " in err
    assert 'differs: "kritisch" → "positief"' in err
    assert path.read_bytes() == before


def test_new_refuses_an_invented_quote(runner: CliRunner, bundled: Path) -> None:
    args = [
        "new",
        "invented",
        "--title-nl",
        "Iets",
        "--title-en",
        "Something",
        "--actor",
        "US",
        "--date",
        "2018-05-08",
        "--stance",
        "critical",
        "--description-nl",
        "Iets.",
        "--description-en",
        "Something.",
        "--summary-nl",
        "Iets.",
        "--summary-en",
        "Something.",
        "--source-title",
        "Bondgenoten in onzekere tijden",
        "--source-text",
        LETTER,
        "--quote",
    ]
    code, out, err = invoke(runner, *args, INVENTED)
    assert (code, out) == (1, "")
    assert "positions/invented.yaml:27:12: sources[0].quote is not found verbatim" in err
    assert not (bundled / "invented.yaml").exists()
    quote = "Recent kwam daar de Amerikaanse terugtrekking uit de Mensenrechtenraad bij."
    assert invoke(runner, *args, quote)[:2] == (0, "positions/invented.yaml\n")


def test_edit_reopens_a_version_whose_quote_is_invented(
    runner: CliRunner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.yaml"
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f"if [ -e {seen} ]; then exit 0; fi\n"  # the second time: quit without saving
        "sed -i 's/kritisch bezien/volledig steunen/' \"$1\"\n"
        f'cp "$1" {seen}\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert code == 1
    assert err.startswith("gave up: positions/jcpoa.yaml is unchanged; your version is kept at ")
    assert path.read_bytes() == before


def test_edit_lists_the_quote_problem_in_the_reopened_copy(
    runner: CliRunner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.yaml"
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ -e {seen} ]; then cp "$1" {seen}.2; exit 0; fi\n'
        "sed -i 's/kritisch bezien/volledig steunen/' \"$1\"\n"
        f'cp "$1" {seen}\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    invoke(runner, "edit", "jcpoa")
    notes = Path(f"{seen}.2").read_text(encoding="utf-8").splitlines()
    assert notes[1].startswith(
        "# posities: line 34, column 12: sources[0].quote is not found verbatim in "
    )
    assert 'differs: "volledig steunen." → "kritisch bezien."' in notes[1]


# --- printing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["table", "markdown", "json", "csv"])
def test_show_refuses_a_quote_not_in_its_text(
    runner: CliRunner, bundled: Path, output: str
) -> None:
    text = bundled / LETTER
    text.write_text(text.read_text(encoding="utf-8").replace("Mensenrechtenraad bij", "Raad bij"))
    code, out, err = invoke(runner, "show", "human-rights-council", "--format", output)
    assert (code, out) == (1, "")
    assert err.startswith(
        "error: the register has 1 problem in 1 file; nothing was printed. Run `posities check` "
        "to see them all.\n  positions/human-rights-council.yaml:"
    )
    assert '"Mensenrechtenraad" → "Raad"' in err
    assert invoke(runner, "show", "jcpoa", "--format", output)[0] == 0


def test_show_refuses_a_text_outside_the_register(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"text: {LETTER}", "text: /etc/hosts", 1)
    )
    code, out, err = invoke(runner, "show", "jcpoa")
    assert (code, out) == (1, "")
    assert (
        "  positions/jcpoa.yaml:32:11: sources[0].text '/etc/hosts': must be a path relative "
        "to the register folder, not an absolute one\n"
    ) in err


def test_show_is_the_same_on_a_warm_run(runner: CliRunner, bundled: Path, tmp_path: Path) -> None:
    first = invoke(runner, "show", "jcpoa")
    assert first[0] == 0
    assert (tmp_path / "cache" / "quotes.verdicts").read_text().count("\n") == 5  # header + 4
    assert invoke(runner, "show", "jcpoa") == first


# --- check -------------------------------------------------------------------------------------


def test_check_warns_of_quotes_it_cannot_verify(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    code, out, err = invoke(runner, "check")
    assert code == 0
    assert out == (
        "positions/a-decision.yaml:22:12: warning: sources[0].quote cannot be checked: its "
        "source has no local text; add text: with the path of a copy of the document\n"
    )
    assert err == (
        "1 warning: 1 quote with no local text to check against.\n"
        "1 position checked: no problems.\n"
    )


def test_strict_makes_unverifiable_quotes_errors(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal().replace("2020-01-01", "2001-01-01"))
    write(empty_register, "b-decision.yaml", minimal("b-decision").replace("2020-01-01", TODAY))
    code, out, err = invoke(runner, "check", "--strict", "--stale", "1y", "--format", "json")
    assert code == 1
    assert [(p["path"], p["line"], p["severity"]) for p in json.loads(out)] == [
        ("positions/a-decision.yaml", 22, "error"),
        ("positions/a-decision.yaml", 23, "error"),
        ("positions/b-decision.yaml", 22, "error"),
    ]
    assert err == "3 problems in 2 files.\n"
    code, _, err = invoke(runner, "check", "--stale", "1y")
    assert code == 0
    assert err == (
        "3 warnings: 1 position not reassessed within 1y; 2 quotes with no local text to check "
        "against.\n2 positions checked: no problems.\n"
    )


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


# --- add-source --find -------------------------------------------------------------------------


def test_add_source_find_takes_the_best_passage(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--supports",
        "summary",
        "--find",
        "zorgelijke trend minder multilateraal",
    )
    quote = (
        "Deze stappen passen in een zorgelijke trend waarin de Amerikaanse administratie een "
        "minder multilaterale koers vaart."
    )
    assert code == 0
    assert err == (
        "wrote positions/jcpoa.yaml: added a source (Bondgenoten in onzekere tijden)\n"
        f"  quote from positions/{LETTER}:53: '{quote}'\n"
    )
    text = (bundled / "jcpoa.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        f"    text: {LETTER}\n"
        "    supports: [summary]\n"
        "    quote: >-\n"
        "      Deze stappen passen in een zorgelijke trend waarin de Amerikaanse administratie"
        " een\n      minder multilaterale koers vaart.\n"
        "updated: 2026-11-27\n"
    )


def test_add_source_find_refuses_two_equally_close_passages(
    runner: CliRunner, bundled: Path
) -> None:
    before = (bundled / "jcpoa.yaml").read_bytes()
    code, _, err = invoke(runner, "add-source", "jcpoa", *SOURCE, "--find", "Mensenrechtenraad")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == (
        "error: 2 passages are about equally close to 'Mensenrechtenraad'; give more of its "
        "words, narrow the search with --source-text, or copy one with --quote"
    )
    assert lines[1].startswith(f"  positions/{LETTER}:52:1: score 0.80: Recent kwam daar")
    assert lines[2].startswith(f"  positions/{LETTER}:54:1: score 0.76: In een aantal")
    assert (bundled / "jcpoa.yaml").read_bytes() == before


def test_add_source_find_refuses_when_nothing_is_close(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "add-source", "jcpoa", *SOURCE, "--find", "xyzzy")
    assert code == 1
    assert err == (
        "error: no passage is close enough to 'xyzzy' (a score of 0.5 is needed); give more of "
        "its words, or copy one with --quote from posities quote find\n"
    )


def test_add_source_needs_quote_or_find(runner: CliRunner, bundled: Path) -> None:
    for extra in ([], ["--quote", "a", "--find", "b"]):
        code, _, err = invoke(runner, "add-source", "jcpoa", *SOURCE, *extra)
        assert code == 2
        assert "give the quote with --quote TEXT, or find it" in err


def test_the_readme_shows_the_real_refusal(runner: CliRunner, bundled: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Quoting exactly", 1)[1]
    command = section.split("```sh\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    args = shlex.split(command.replace("\\\n", " "))
    assert args[0] == "posities"
    code, out, err = invoke(runner, *args[1:])
    assert (code, out, err) == (1, "", shown)


def test_quote_find_without_texts(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    assert invoke(runner, "quote", "find", "iets") == (
        1,
        "",
        "error: no source texts to search: save copies of the documents as *.txt files in "
        "positions/texts/ (or name them in sources' text:)\n",
    )


def test_add_source_find_in_one_text(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "texts/other.txt", "Over de Mensenrechtenraad.\nDe raad moet beter.\n")
    code, _, err = invoke(
        runner,
        "add-source",
        "human-rights-council",
        *SOURCE,
        "--find",
        "Mensenrechtenraad",
        "--text",
        "positions/texts/other.txt",
    )
    assert (code, err) == (
        0,
        "wrote positions/human-rights-council.yaml: added a source (Bondgenoten in onzekere "
        "tijden)\n  quote from positions/texts/other.txt:1: 'Over de Mensenrechtenraad.'\n",
    )
    text = (bundled / "human-rights-council.yaml").read_text(encoding="utf-8")
    assert "    text: texts/other.txt\n    quote: Over de Mensenrechtenraad.\n" in text


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


def test_add_source_find_takes_a_passage_with_invisible_marks(
    runner: CliRunner, bundled: Path
) -> None:
    write(bundled, "texts/rtl.txt", RIGHT_TO_LEFT)
    code, _, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--find",
        "zin met rlm iso",
        "--text",
        "texts/rtl.txt",
    )
    assert (code, err) == (
        0,
        "wrote positions/jcpoa.yaml: added a source (Bondgenoten in onzekere tijden)\n"
        "  quote from positions/texts/rtl.txt:1: 'Een zin met rlm iso enwoord.'\n",
    )
    assert invoke(runner, "check") == (0, "", "5 positions checked: no problems.\n")
