"""--format docx through the command line: every report written to the file -o names and read
back with python-docx (its cells those of the same report in HTML, dates in words), quotes as
footnotes, a template, a table style and a classification, and a file format never printed."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from posities.model.dates import long_date
from posities.model.words import Lang

from .. import demo
from ..conftest import invoke, minimal, write
from ..render.test_docx import grid, notes, template
from ..render.test_html import cells as html_cells
from ..render.test_html import parse
from ..terminal import in_terminal

RUNS = {
    "list": ["list"],
    "show": ["show", "jcpoa"],
    "matrix": ["matrix"],
    "compare": ["compare"],
    "timeline": ["timeline"],
    "diff": ["diff", "HEAD~1", "HEAD"],
    "log": ["log"],
}
"""Each report, run so that it has a table to write."""

TITLES = {
    "list": "Positions",
    "show": "Unilateral withdrawal from the JCPOA (Iran nuclear deal)",
    "matrix": "Goal shared and means differ",
    "compare": "Holders compared",
    "timeline": "Timeline",
}

ISO = re.compile(r"\d{4}(-\d\d){0,2}")


DAYS = {"diff": (), "log": (0,)}
"""The columns that show a day in the reports where others hold ISO dates as values (in
the rest, every ISO date is a day)."""


def _dated(command: str, row: list[str], lang: Lang) -> list[str]:
    """An HTML row as Word writes it: its days in words."""
    days = DAYS.get(command, range(len(row)))
    return [
        long_date(text, lang) if at in days and ISO.fullmatch(text) else text
        for at, text in enumerate(row)
    ]


def _args(tmp_path: Path, command: str) -> list[str]:
    """The command's arguments, with a git history for diff and log."""
    if command in ("diff", "log"):
        demo.build(tmp_path / "history")
        return [*RUNS[command], "--dir", str(tmp_path / "history" / "positions")]
    return RUNS[command]


@pytest.mark.parametrize("command", sorted(RUNS))
def test_every_report_is_a_word_document_with_the_cells_of_its_html(
    runner: CliRunner, tmp_path: Path, bundled: Path, command: str
) -> None:
    args = _args(tmp_path, command)
    target = tmp_path / "memo.docx"
    code, out, err = invoke(runner, *args, "-f", "docx", "--lang", "nl", "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    code, page, _ = invoke(runner, *args, "-f", "html", "--lang", "nl")
    assert code == 0
    heads, body = html_cells(parse(page))
    data = target.read_bytes()
    assert grid(data)[:2] == (heads, [_dated(command, row, Lang.NL) for row in body])
    read = docx.Document(io.BytesIO(data))
    title = parse(page).all("h1")[0].words()
    state = [p.words() for p in parse(page).all("p")]
    texts = [p.text for p in read.paragraphs]
    assert texts[0] == title
    assert texts[-1] == (state[-1] if state else title)  # log has no state line


@pytest.mark.parametrize("command", sorted(TITLES))
def test_english_titles_and_dates(
    runner: CliRunner, tmp_path: Path, bundled: Path, command: str
) -> None:
    target = tmp_path / "memo.docx"
    assert invoke(runner, *RUNS[command], "-f", "docx", "-o", str(target))[0] == 0
    read = docx.Document(str(target))
    assert read.paragraphs[0].text == TITLES[command]
    assert read.paragraphs[0].style.name == "Heading 1"


def test_list_with_sources_has_one_footnote_per_distinct_quote_on_the_cells_marked(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    target = tmp_path / "memo.docx"
    args = ["list", "--sources", "--lang", "nl"]
    assert invoke(runner, *args, "-f", "docx", "-o", str(target))[0] == 0
    data = target.read_bytes()
    _, page, _ = invoke(runner, *args, "-f", "html")
    root = parse(page)
    quoted = [li.words().removesuffix(" ↩").replace(" ↩", "") for li in root.all("ol")[0].all("li")]
    assert notes(data) == {n: " " + text.rstrip() for n, text in enumerate(quoted, 1)}
    marked = [
        [[int(a.words()) for a in td.all("a")] for td in tr.all("td")]
        for tr in root.all("tbody")[0].all("tr")
    ]
    assert grid(data)[2] == marked
    assert grid(data)[1][0][2] == "1 juni 2017"


def test_a_quote_with_no_local_text_is_marked_not_checked(
    runner: CliRunner, tmp_path: Path, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    target = tmp_path / "memo.docx"
    code, _, _ = invoke(runner, "list", "--sources", "-f", "docx", "-o", str(target))
    assert code == 0
    assert notes(target.read_bytes()) == {
        1: " “Wij vinden er iets van.” — Een brief (kamerbrief, 3 February 2019); "
        "not checked against a source text."
    }


def test_compare_with_sources_refers_to_footnotes(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    target = tmp_path / "memo.docx"
    args = ["compare", "--sources", "--on", "2018-07-01", "-f", "docx", "-o", str(target)]
    assert invoke(runner, *args)[0] == 0
    data = target.read_bytes()
    assert len(notes(data)) == 4
    assert grid(data)[2][3][3:] == [[1, 2, 3], [2, 3]]


# --- template, table style, classification ---------------------------------------------------


def test_a_memo_in_a_template_with_its_table_style_and_a_classification(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    house = template(tmp_path, "Aan de minister", "{{ posities }}", "Met vriendelijke groet")
    target = tmp_path / "memo.docx"
    code, out, err = invoke(
        runner,
        "list",
        "-f",
        "docx",
        "--lang",
        "nl",
        "--template",
        str(house),
        "--table-style",
        "light list accent 1",
        "--classification",
        "DEPARTEMENTAAL VERTROUWELIJK",
        "-o",
        str(target),
    )
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    read = docx.Document(str(target))
    texts = [p.text for p in read.paragraphs]
    assert texts[:2] == ["Aan de minister", "Standpunten"]
    assert texts[-1] == "Met vriendelijke groet"
    assert texts[-2].startswith("Stand van het register: ")
    assert read.tables[0].style.name == "Light List Accent 1"
    header = [p.text for p in read.sections[0].header.paragraphs]
    assert header == ["DEPARTEMENTAAL VERTROUWELIJK", "House header"]
    assert [p.text for p in read.sections[0].footer.paragraphs] == ["DEPARTEMENTAAL VERTROUWELIJK"]


def test_an_unknown_table_style_is_an_error_listing_the_templates(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    house = template(tmp_path, "x")
    target = tmp_path / "memo.docx"
    code, out, err = invoke(
        runner, "list", "-f", "docx", "--template", str(house), "--table-style", "Huisstijl",
        "-o", str(target),
    )  # fmt: skip
    assert (code, out) == (2, "")
    first, *listed = err.splitlines()
    assert first == f"error: {house} has no table style 'Huisstijl'. Its table styles:"
    assert listed[0].startswith("  Colorful Grid, Colorful Grid Accent 1, ")
    assert listed[-2].endswith(", Table Grid")
    assert listed[-1].startswith("(A style Word offers but the document has never used")
    assert not target.exists()


def test_a_damaged_template_is_an_error_with_no_traceback(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = invoke(
        runner, "show", "jcpoa", "-f", "docx", "--template", str(broken), "-o", "memo.docx"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: template {broken} is not a Word document (.docx): it is not a zip package "
        "(an old .doc or another kind of file? open it in Word and save it as .docx)\n"
    )


def test_a_missing_template_is_refused_before_the_register_is_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, out, err = invoke(runner, "list", "-f", "docx", "--template", "nope.docx", "-o", "m.docx")
    assert (code, out) == (2, "")
    assert "Invalid value for --template: nope.docx does not exist: name your Word" in err


def test_the_template_is_never_written_over(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    house = template(tmp_path, "x")
    before = house.read_bytes()
    code, out, err = invoke(
        runner, "list", "-f", "docx", "--template", str(house), "-o", str(house)
    )
    assert (code, out) == (2, "")
    assert "-o names the template itself" in err
    assert house.read_bytes() == before


@pytest.mark.parametrize(
    "option", [["--template", "t.docx"], ["--table-style", "X"], ["--classification", "X"]]
)
def test_word_options_need_docx(runner: CliRunner, bundled: Path, option: list[str]) -> None:
    code, out, err = invoke(runner, "list", "-f", "html", *option)
    assert (code, out) == (2, "")
    assert f"{option[0]} needs --format docx" in err


# --- never printed ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(RUNS))
def test_without_o_docx_is_refused_and_nothing_printed(
    runner: CliRunner, tmp_path: Path, bundled: Path, command: str
) -> None:
    code, out, err = invoke(runner, *_args(tmp_path, command), "-f", "docx")
    assert (code, out) == (2, "")
    assert "docx is a file format, never printed: name the file to write with -o" in err
    assert "FILE.docx" in err


def test_a_terminal_named_by_o_is_refused(bundled: Path) -> None:
    session = in_terminal(["list", "-f", "docx", "-o", "/dev/stdout"], bundled.parent)
    assert session.code == 2
    assert session.out == ""
    assert session.err == (
        "error: /dev/stdout is a terminal; a file format is never written to one: name a file\n"
    )


def test_listing_does_not_import_python_docx(bundled: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "posities", "list"],
        cwd=bundled.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = [line for line in done.stderr.splitlines() if "docx" in line or "lxml" in line]
    assert imported == []


def test_docx_writes_the_same_bytes_twice(
    runner: CliRunner, tmp_path: Path, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    made: list[bytes] = []
    for name in ("one.docx", "two.docx"):
        assert invoke(runner, "list", "--sources", "-f", "docx", "-o", str(tmp_path / name))[0] == 0
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]


def test_a_table_style_with_spaces_around_it_is_found_and_an_empty_one_refused(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    target = tmp_path / "memo.docx"
    code, out, err = invoke(runner, "list", "-f", "docx", "--table-style", " Table Grid ",
                            "-o", str(target))  # fmt: skip
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert docx.Document(str(target)).tables[0].style.name == "Table Grid"
    code, out, err = invoke(runner, "list", "-f", "docx", "--table-style", " ", "-o", "m.docx")
    assert (code, out) == (2, "")
    assert err == (
        "error: --table-style is empty: name one of the table styles of the default document\n"
    )


def test_an_encrypted_template_is_named_as_such(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    locked = tmp_path / "locked.docx"
    locked.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    code, out, err = invoke(
        runner, "list", "-f", "docx", "--template", str(locked), "-o", str(tmp_path / "m.docx")
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: template {locked} is encrypted or an old .doc (Word 97-2003): save it as an "
        "unprotected .docx\n"
    )


def test_a_placeholder_in_the_header_is_an_error_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    def in_header(document_: object) -> None:
        document_.sections[0].header.paragraphs[0].text = "{{ posities }}"  # type: ignore[attr-defined]

    house = template(tmp_path, "Dear minister,", setup=in_header)
    target = tmp_path / "memo.docx"
    code, out, err = invoke(
        runner, "list", "-f", "docx", "--template", str(house), "-o", str(target)
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: template {house}: {{{{ posities }}}} must be a paragraph of its own in the "
        "body: found in the header of section 1; move it to where the report goes in the body\n"
    )
    assert not target.exists()


def test_a_list_too_wide_for_an_upright_page_is_laid_out_in_landscape(
    runner: CliRunner, tmp_path: Path, bundled: Path
) -> None:
    target = tmp_path / "memo.docx"
    columns = "id,title,summary,stance,goal_shared,means_differ,date"
    args = ["list", "--sources", "-c", columns, "-f", "docx", "-o", str(target)]
    assert invoke(runner, *args)[0] == 0
    read = docx.Document(str(target))
    section = read.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)
    widths = [column.width.twips for column in read.tables[0].columns]
    assert sum(widths) == 16838 - 2 * 1418
    assert widths[-1] >= 240 + 110 * 1.15 * len("December")
    narrow = tmp_path / "narrow.docx"
    assert invoke(runner, "list", "-f", "docx", "-o", str(narrow))[0] == 0
    assert docx.Document(str(narrow)).sections[0].page_width.twips == 11906
