"""The register's source texts: `text list` and `text show`, a text named by its slug wherever
a text is named, and `check`'s warnings about texts no quote cites and originals that changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from posities.cli.options import complete_texts
from posities.core.sourcetexts import numbered, parse_lines

from ..conftest import invoke
from .test_quote import LETTER

PROVENANCE = """\
original = "Kamerbrief bondgenoten.pdf"
sha256 = "{digest}"
format = "pdf"
extractor = "pdfminer.six"
extractor_version = "20240706"
title = "Brief over \\"bondgenoten\\""
kind = "kamerbrief"
date = 2018-06-19
added = "2026-11-29"
kept = "texts/originals/brief.pdf"

[repairs]
hyphenations = 3
"""


def _added(register: Path, original: bytes = b"%PDF-1.4 the original") -> Path:
    """A text as `text add` leaves it: the text, its provenance and the kept original."""
    texts = register / "texts"
    (texts / "originals").mkdir(parents=True, exist_ok=True)
    (texts / "originals" / "brief.pdf").write_bytes(original)
    (texts / "brief.txt").write_text("Eerste regel.\nTweede regel.\n", encoding="utf-8")
    digest = hashlib.sha256(original).hexdigest()
    (texts / "brief.source.toml").write_text(PROVENANCE.format(digest=digest), encoding="utf-8")
    return texts


def test_text_list_shows_each_text_with_what_is_known_of_it(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, err = invoke(runner, "text", "list")
    assert (code, err) == (0, "")
    assert out == (
        "SLUG                            TITLE                           KIND        DATE  SIZE"
        "    QUOTES\n"
        "bondgenoten-in-onzekere-tijden  Bondgenoten in onzekere tijden  kamerbrief  —     5.5 KB"
        "  21\n"
    )


def test_text_list_reads_the_provenance_text_add_records(runner: CliRunner, bundled: Path) -> None:
    _added(bundled)
    code, out, err = invoke(runner, "text", "list", "--format", "json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [t["slug"] for t in listed] == ["bondgenoten-in-onzekere-tijden", "brief"]
    brief = listed[1]
    assert brief | {"provenance": None} == {
        "path": "texts/brief.txt",
        "slug": "brief",
        "title": 'Brief over "bondgenoten"',
        "kind": "kamerbrief",
        "date": "2018-06-19",
        "size": 28,
        "quotes": 0,
        "provenance": None,
    }
    assert brief["provenance"]["original"] == "Kamerbrief bondgenoten.pdf"
    assert brief["provenance"]["repairs"] == {"hyphenations": 3}
    assert "originals" not in out.replace("texts/originals/brief.pdf", "")  # the PDF is no text


def test_text_list_of_a_register_without_texts_says_how_to_add_one(
    runner: CliRunner, empty_register: Path
) -> None:
    assert invoke(runner, "text", "list") == (
        0,
        "",
        "The register has no source texts yet: posities text add FILE adds one.\n",
    )
    assert invoke(runner, "text", "list", "-f", "json") == (0, "[]\n", "")


def test_a_provenance_that_is_not_toml_is_a_located_warning(
    runner: CliRunner, bundled: Path
) -> None:
    texts = _added(bundled)
    (texts / "brief.source.toml").write_text('title = "open\n', encoding="utf-8")
    code, out, err = invoke(runner, "text", "list")
    assert code == 0
    assert err.startswith("positions/texts/brief.source.toml:1:14: warning: not valid TOML: ")
    assert out.splitlines()[2].split() == ["brief", "—", "—", "—", "28", "B", "0"]


def test_text_show_prints_lines_with_their_numbers(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "text", "show", "bondgenoten-in-onzekere-tijden", "-l", "9-10")
    assert (code, err) == (0, "")
    assert out == (
        " 9  Met het aantreden van Donald Trump als 45 president van de VS is America First een \n"
        "10  belangrijk leidend principe geworden van het Amerikaanse buitenlands beleid. De "
        "relatie \n"
    )
    _, by_path, _ = invoke(runner, "text", "show", LETTER, "--lines", "9-10")
    assert by_path == out
    _, whole, _ = invoke(runner, "text", "show", "bondgenoten-in-onzekere-tijden")
    letter = (bundled / LETTER).read_text(encoding="utf-8")
    assert len(whole.splitlines()) == len(letter.splitlines())
    assert whole.splitlines()[0] == f"{1:>{len(str(len(letter.splitlines())))}}   "


def test_text_show_refuses_an_unknown_text_and_a_bad_range(
    runner: CliRunner, bundled: Path
) -> None:
    code, out, err = invoke(runner, "text", "show", "bondgenoten")
    assert (code, out) == (2, "")
    assert err == (
        "error: no source text 'bondgenoten'; did you mean bondgenoten-in-onzekere-tijden? "
        "Texts: bondgenoten-in-onzekere-tijden (posities text list shows them)\n"
    )
    for number in range(20):
        (bundled / "texts" / f"t{number:02}.txt").write_text("x\n", encoding="utf-8")
    _, _, err = invoke(runner, "text", "show", "zzz")
    assert err.endswith(", t10 and 9 more (posities text list shows them)\n")
    _, _, err = invoke(runner, "text", "show", "t00", "--lines", "2")
    assert err == "error: --lines 2: positions/texts/t00.txt has 1 line; there is no line 2\n"
    code, _, err = invoke(runner, "text", "show", "bondgenoten-in-onzekere-tijden", "-l", "9-3")
    assert code == 2
    assert "'9-3' is not a line range: lines count from 1, and B is not before A" in err
    code, _, err = invoke(runner, "text", "show", "bondgenoten-in-onzekere-tijden", "-l", "999")
    assert (code, err) == (
        2,
        f"error: --lines 999: positions/{LETTER} has 84 lines; there is no line 999\n",
    )


def test_a_slug_names_a_text_wherever_a_text_is_named(runner: CliRunner, bundled: Path) -> None:
    texts = _added(bundled)
    (texts / "brief.txt").write_text("Wij delen het doel van de brief.\n", encoding="utf-8")
    code, out, _ = invoke(runner, "quote", "find", "delen doel", "--text", "brief")
    assert code == 0
    assert out.startswith("positions/texts/brief.txt:1")
    code, _, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        "--source-title",
        "Brief",
        "--source-text",
        "brief",
        "--quote",
        "Wij delen het doel van de brief.",
        "--supports",
        "summary",
    )
    assert code == 0, err
    assert "    text: texts/brief.txt\n" in (bundled / "jcpoa.yaml").read_text(encoding="utf-8")
    _, out, _ = invoke(runner, "text", "list", "-f", "json")
    assert [t["quotes"] for t in json.loads(out)] == [21, 1]


def test_completion_offers_the_slugs(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _added(bundled)
    monkeypatch.chdir(bundled.parent)
    assert complete_texts("") == ["bondgenoten-in-onzekere-tijden", "brief"]
    assert complete_texts("br") == ["brief"]


def test_check_warns_of_a_text_no_quote_cites(runner: CliRunner, bundled: Path) -> None:
    _added(bundled)
    code, out, err = invoke(runner, "check")
    assert code == 0
    assert out + err == (
        "positions/texts/brief.txt: warning: no quote cites this text\n"
        "1 warning: 1 text cited by no quote.\n"
        "5 positions checked: no problems.\n"
    )
    assert invoke(runner, "check", "--strict")[0] == 1


def test_check_warns_when_the_kept_original_changed_or_is_gone(
    runner: CliRunner, bundled: Path
) -> None:
    texts = _added(bundled)
    (texts / "originals" / "brief.pdf").write_bytes(b"%PDF-1.4 edited")
    code, out, err = invoke(runner, "check")
    assert code == 0
    changed = [line for line in out.splitlines() if "brief.source.toml" in line]
    digest = hashlib.sha256(b"%PDF-1.4 edited").hexdigest()
    recorded = hashlib.sha256(b"%PDF-1.4 the original").hexdigest()
    assert changed == [
        "positions/texts/brief.source.toml: warning: the original 'texts/originals/brief.pdf' "
        f"has changed since this text was made from it (SHA-256 {digest[:12]}…, recorded "
        f"{recorded[:12]}…): make the text again with posities text add --replace, or put the "
        "original back"
    ]
    assert "1 source text whose origin does not hold" in err
    (texts / "originals" / "brief.pdf").unlink()
    _, out, _ = invoke(runner, "check")
    assert (
        "positions/texts/brief.source.toml: warning: the original it records, "
        "'texts/originals/brief.pdf', no such file"
    ) in out


def test_an_unchanged_original_gives_no_warning(runner: CliRunner, bundled: Path) -> None:
    _added(bundled)
    _, out, _ = invoke(runner, "check")
    assert "source.toml" not in out


def test_numbered_counts_lines_as_quote_find_does() -> None:
    assert numbered("a\nb\nc\n") == [(1, "a"), (2, "b"), (3, "c")]
    assert numbered("a\nb\nc", 2) == [(2, "b"), (3, "c")]
    assert numbered("a\nb\n", 1, 1) == [(1, "a")]
    assert numbered("a\n", 5) == []
    assert numbered("") == []


def test_parse_lines_takes_a_range_an_open_end_or_one_line() -> None:
    assert parse_lines("3-7") == (3, 7)
    assert parse_lines(" 3 - ") == (3, None)
    assert parse_lines("-4") == (1, 4)
    assert parse_lines("5") == (5, 5)
    for bad in ("0-2", "4-2", "a-b", "1-2-3", ""):
        with pytest.raises(ValueError, match="is not a line range"):
            parse_lines(bad)


@given(st.integers(1, 50), st.integers(0, 50), st.integers(0, 60))
def test_a_range_shows_exactly_the_lines_it_names(first: int, extra: int, total: int) -> None:
    text = "".join(f"line {n}\n" for n in range(1, total + 1))
    shown = numbered(text, *parse_lines(f"{first}-{first + extra}"))
    assert [n for n, _ in shown] == list(range(first, min(first + extra, total) + 1))
    assert all(line == f"line {n}" for n, line in shown)


def test_no_text_is_called_uncited_while_a_position_file_is_invalid(
    runner: CliRunner, bundled: Path
) -> None:
    _added(bundled)
    (bundled / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert "no quote cites this text" not in out  # broken.yaml may be the one that cites it


def test_new_takes_a_texts_slug_and_writes_its_path(runner: CliRunner, bundled: Path) -> None:
    from .test_editing import NEW

    args = [a if a != "Wij zijn kritisch." else "45 president" for a in NEW]
    code, _, err = invoke(runner, *args, "--source-text", "bondgenoten-in-onzekere-tijden")
    assert code == 0, err
    text = (bundled / "tariffs-2025.yaml").read_text(encoding="utf-8")
    assert f"    text: {LETTER}  # local copy, relative path\n" in text
    args[1] = "tariffs-2026"
    code, _, err = invoke(runner, *args, "--source-text", "bondgenoten")
    assert code == 2
    assert err.startswith("error: --source-text 'bondgenoten': ")
    assert not (bundled / "tariffs-2026.yaml").exists()


def test_a_provenance_too_large_or_too_deep_is_a_warning_and_the_text_still_listed(
    runner: CliRunner, bundled: Path
) -> None:
    texts = _added(bundled)
    sidecar = texts / "brief.source.toml"
    sidecar.write_text("title = " + '"' + "x" * 70_000 + '"\n', encoding="utf-8")
    code, out, err = invoke(runner, "text", "list")
    assert code == 0
    assert err == (
        "positions/texts/brief.source.toml: warning: the file is larger than the 64 KiB it may "
        "be: where one source text came from, no more\n"
    )
    assert "brief" in out
    sidecar.write_text("a = " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    _, _, err = invoke(runner, "text", "list")
    assert err == (
        "positions/texts/brief.source.toml:1:1: warning: nested too deeply: it records where "
        "one source text came from, no more\n"
    )


@pytest.mark.parametrize(
    ("kept", "said"),
    [
        ("/etc/passwd", "must be a path relative to the register folder, not an absolute one"),
        ("../../../../etc/passwd", "leads out of the register folder (..)"),
        ("/dev/zero", "must be a path relative to the register folder, not an absolute one"),
        ("texts/brief.txt", "is not in texts/originals/, where the register keeps originals"),
        ("texts/originals/link.pdf", "leads out of the register folder through a symbolic link"),
        ("texts/originals/fifo.pdf", "is not a regular file"),
        ("texts/originals/none.pdf", "no such file"),
    ],
)
def test_check_reads_no_original_but_one_the_register_keeps(
    runner: CliRunner, bundled: Path, kept: str, said: str
) -> None:
    import os

    texts = _added(bundled)
    (texts / "originals" / "link.pdf").symlink_to("/etc/hostname")
    os.mkfifo(texts / "originals" / "fifo.pdf")
    sidecar = texts / "brief.source.toml"
    provenance = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(
        provenance.replace('kept = "texts/originals/brief.pdf"', f'kept = "{kept}"'),
        encoding="utf-8",
    )
    code, out, _ = invoke(runner, "check")
    assert code == 0
    warned = [line for line in out.splitlines() if "source.toml" in line]
    assert len(warned) == 1
    assert warned[0].startswith(
        f"positions/texts/brief.source.toml: warning: the original it records, '{kept}', {said}"
    )
    assert "SHA-256" not in out  # nothing outside the register was read


def test_add_source_takes_title_and_date_from_the_texts_provenance(
    runner: CliRunner, bundled: Path
) -> None:
    texts = _added(bundled)
    (texts / "brief.txt").write_text("Wij delen het doel van de brief.\n", encoding="utf-8")
    code, _, err = invoke(
        runner, "add-source", "jcpoa", "--source-text", "brief", "--find", "delen doel brief",
        "--supports", "summary",
    )  # fmt: skip
    assert code == 0, err
    assert err.startswith('wrote positions/jcpoa.yaml: added a source (Brief over "bondgenoten")\n')
    text = (bundled / "jcpoa.yaml").read_text(encoding="utf-8")
    assert "    date: 2018-06-19\n    text: texts/brief.txt\n" in text
    code, _, err = invoke(runner, "add-source", "jcpoa", "--source-text", LETTER, "--quote", "Q")
    assert code == 2  # the bundled letter has no provenance: the title must be given
    assert "give the document's title with --source-title" in " ".join(err.replace("│", "").split())


def test_text_list_warns_of_a_text_that_cannot_be_read(runner: CliRunner, bundled: Path) -> None:
    (bundled / "texts" / "oud.txt").write_bytes(b"caf\xe9\n")
    code, out, err = invoke(runner, "text", "list")
    assert code == 0
    assert out.splitlines()[2].split()[0] == "oud"
    assert err.startswith("positions/texts/oud.txt: warning: not valid UTF-8 (byte 0xe9)")
    assert err.endswith("; no quote can be checked against it\n")


def test_text_show_of_no_name_asks_for_one(runner: CliRunner, bundled: Path) -> None:
    assert invoke(runner, "text", "show", " ") == (
        2,
        "",
        "error: name a text: its slug as posities text list shows it\n",
    )
