"""`posities compare` through Typer's CliRunner: a register with posities.toml and three
holders who speak, the stances in force before and after a change, every format, the holders
chosen with a repeated --holder, filters judged on the own holder, quotes checked before
anything is printed, and --at x --on in a git repository that back-dates a statement."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from posities.cli import app
from posities.core.compare import compare
from posities.core.query import Filter
from posities.core.register import load
from posities.render.compare import compare_json

from ..conftest import commit, git, invoke, write

TOML = """\
holder = "NL"

[holders]
NL = {nl = "Nederland", en = "Netherlands"}
US = {nl = "Verenigde Staten", en = "United States"}
EU = {nl = "Europese Unie", en = "European Union"}
DE = {nl = "Duitsland", en = "Germany"}
"""

LETTER = """\
Het kabinet bekijkt de heffingen met zorg. Na de verhoging van juni is het kabinet
kritisch over de heffingen. De Europese Unie wijst de heffingen af. De Verenigde Staten
steunen hun eigen heffingen.

Het kabinet betreurt de terugtrekking uit het akkoord. De Unie betreurt de terugtrekking
eveneens. Nederland en de Unie verwelkomen de terugkeer naar het akkoord.
"""


def source(quote: str, date: str, indent: str = "  ") -> str:
    """A `sources:` item quoting the letter, indented to stand under `indent`."""
    return (
        f"{indent}- title: Brief\n{indent}  kind: kamerbrief\n{indent}  date: {date}\n"
        f"{indent}  text: texts/brief.txt\n{indent}  quote: {quote}\n"
    )


def stated(holder: str, stance: str, since: str, quote: str, **more: str) -> str:
    """A `stances:` item of `holder`, goal and means not stated unless given in `more`."""
    values = {"goal_shared": "null", "means_differ": "null", **more}
    lines = f"  - holder: {holder}\n    stance: {stance}\n"
    lines += f"    goal_shared: {values.pop('goal_shared')}\n"
    lines += f"    means_differ: {values.pop('means_differ')}\n    since: {since}\n"
    lines += "".join(f"    {key}: {value}\n" for key, value in values.items())
    return lines + "    sources:\n" + source(quote, since, "      ") + f"    updated: {since}\n"


def position(ident: str, title: str, date: str, stance: str, quote: str, **more: str) -> str:
    """A position file decided on `date`; `more` sets top-level keys after `means_differ`
    (goal_shared, since) and `stances` / `relations` at the end."""
    tail = more.pop("stances", "")
    relations = more.pop("relations", "")
    goal = more.pop("goal_shared", "null")
    text = (
        f"id: {ident}\ntitle:\n  nl: {title} (nl)\n  en: {title}\nactor: US\n"
        f"decision:\n  date: {date}\n  description:\n    nl: Besloten.\n    en: Decided.\n"
        f"stance: {stance}\ngoal_shared: {goal}\nmeans_differ: null\n"
    )
    text += "".join(f"{key}: {value}\n" for key, value in more.items())
    text += "summary:\n  nl: Het kabinet.\n  en: The government.\ntopics: [trade]\n"
    text += "sources:\n" + source(quote, date) + f"updated: {date}\n"
    if tail:
        text += "stances:\n" + tail
    if relations:
        text += "relations:\n" + relations
    return text


TARIFFS = position(
    "tariffs",
    "Steel tariffs",
    "2018-03-08",
    "critical",
    "Na de verhoging van juni is het kabinet kritisch over de heffingen.",
    goal_shared="false",
    since="2018-06-01",
    stances=stated("NL", "concerned", "2018-03-08", "Het kabinet bekijkt de heffingen met zorg.")
    + stated(
        "EU",
        "opposes",
        "2018-06-01",
        "De Europese Unie wijst de heffingen af.",
        means_differ="true",
        until="2020-01-01",
    )
    + stated(
        "US",
        "supports",
        "2018-03-08",
        "De Verenigde Staten steunen hun eigen heffingen.",
        goal_shared="true",
        means_differ="false",
    ),
)
PARIS = position(
    "paris",
    "Withdrawal from Paris",
    "2017-06-01",
    "critical",
    "Het kabinet betreurt de terugtrekking uit het akkoord.",
    stances=stated("EU", "critical", "2017-06-01", "De Unie betreurt de terugtrekking eveneens."),
)
WELCOME = "Nederland en de Unie verwelkomen de terugkeer naar het akkoord."
RETURN = position(
    "paris-return",
    "Return to Paris",
    "2021-01-20",
    "supports",
    WELCOME,
    goal_shared="true",
    stances=stated("EU", "supports", "2021-01-20", WELCOME, goal_shared="true"),
    relations="  - {type: reverses, id: paris}\n",
)


def build(folder: Path) -> Path:
    """The register: posities.toml, the letter, and three decisions."""
    folder.mkdir(exist_ok=True)
    (folder / "texts").mkdir()
    write(folder, "posities.toml", TOML)
    write(folder, "texts/brief.txt", LETTER)
    for name, text in (("tariffs", TARIFFS), ("paris", PARIS), ("paris-return", RETURN)):
        write(folder, f"{name}.yaml", text)
    return folder


def run(runner: CliRunner, *args: str) -> str:
    """The output of `posities compare ARGS`, which must succeed with nothing on stderr."""
    code, out, err = invoke(runner, "compare", *args)
    assert (code, err) == (0, "")
    return out


def test_the_register_is_valid(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    assert invoke(runner, "check") == (0, "", "3 positions checked: no problems.\n")


# --- the table --------------------------------------------------------------------------------

HEAD = "ID            Decision               Date        Netherlands (NL)"


def test_every_holder_with_a_statement_is_a_column_in_the_declared_order(
    runner: CliRunner, empty_register: Path
) -> None:
    build(empty_register)
    assert run(runner, "--on", "2018-07-01") == (
        f"{HEAD}           United States (US)                            European Union (EU)\n"
        "paris         Withdrawal from Paris  2017-06-01  critical                   "
        "not stated                                    critical\n"
        "tariffs       Steel tariffs          2018-03-08  critical; goal shared: no  "
        "supports; goal shared: yes; means differ: no  opposes; means differ: yes\n"
        "paris-return  Return to Paris        2021-01-20  not stated                 "
        "not stated                                    not stated\n"
    )


def test_on_before_and_after_a_change(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    cells = {
        day: [row[3:] for row in csv.reader(io.StringIO(run(runner, "-f", "csv", "--on", day)))]
        for day in ("2018-05-31", "2018-06-01", "2019-12-31", "2020-01-01")
    }
    tariffs = {day: rows[2] for day, rows in cells.items()}
    assert tariffs == {
        "2018-05-31": ["concerned", "supports; goal shared: yes; means differ: no", "not stated"],
        "2018-06-01": [
            "critical; goal shared: no",
            "supports; goal shared: yes; means differ: no",
            "opposes; means differ: yes",
        ],
        "2019-12-31": [
            "critical; goal shared: no",
            "supports; goal shared: yes; means differ: no",
            "opposes; means differ: yes",
        ],
        "2020-01-01": [  # the EU's statement ends: the day of `until` it no longer holds
            "critical; goal shared: no",
            "supports; goal shared: yes; means differ: no",
            "not stated",
        ],
    }


def test_without_on_the_stances_in_force_today(runner: CliRunner, empty_register: Path) -> None:
    from posities.model.dates import today

    build(empty_register)
    assert run(runner) == run(runner, "--on", today()) == run(runner, "--on", "today")


def test_holders_given_are_the_columns_in_their_order(
    runner: CliRunner, empty_register: Path
) -> None:
    build(empty_register)
    out = run(runner, "--holder", "eu", "--holder", "DE", "--holder", "nl", "--on", "2021-02-01")
    assert out == (
        "ID            Decision               Date        European Union (EU)         "
        "Germany (DE)  Netherlands (NL)\n"
        "paris         Withdrawal from Paris  2017-06-01  critical                    "
        "not stated    critical\n"
        "tariffs       Steel tariffs          2018-03-08  not stated                  "
        "not stated    critical; goal shared: no\n"
        "paris-return  Return to Paris        2021-01-20  supports; goal shared: yes  "
        "not stated    supports; goal shared: yes\n"
    )


def test_an_undeclared_holder_is_a_usage_error(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    assert invoke(runner, "compare", "--holder", "NL", "--holder", "euu") == (
        2,
        "",
        "error: holder 'EUU' is not declared in posities.toml; did you mean EU? "
        "Declared: NL, US, EU, DE\n",
    )


def test_a_holder_that_cannot_be_a_code_is_refused(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    code, out, err = invoke(runner, "compare", "--holder", "N L")
    assert (code, out) == (2, "")
    assert "Invalid value for --holder: 'N L' is not a holder code" in err


def test_without_posities_toml_the_own_holder_is_nl_with_its_code(
    runner: CliRunner, bundled: Path
) -> None:
    (bundled / "posities.toml").unlink()
    for path in bundled.glob("*.yaml"):  # one holder only, as a register that declares none
        path.write_text(path.read_text(encoding="utf-8").split("\nstances:\n")[0] + "\n")
    out = run(runner, "--disagree", "--goal-shared", "yes")
    assert out == (
        "ID                    Decision                                                  Date"
        "        NL\n"
        "jcpoa                 Unilateral withdrawal from the JCPOA (Iran nuclear deal)  "
        "2018-05-08  critical; goal shared: yes; means differ: yes\n"
        "human-rights-council  Withdrawal from the UN Human Rights Council               "
        "2018-06-19  critical; goal shared: yes; means differ: yes\n"
    )


# --- filters ----------------------------------------------------------------------------------


def test_filters_judge_the_own_holders_stance_on_the_day(
    runner: CliRunner, empty_register: Path
) -> None:
    build(empty_register)
    # on 2018-04-01 the government was concerned about the tariffs, so they do not disagree,
    # though the EU opposes them and the columns are the EU's and the US's
    out = run(runner, "--disagree", "--on", "2018-04-01", "--holder", "EU", "--holder", "US")
    assert out == (
        "ID     Decision               Date        European Union (EU)  United States (US)\n"
        "paris  Withdrawal from Paris  2017-06-01  critical             not stated\n"
    )
    out = run(runner, "--disagree", "--on", "2018-07-01", "--holder", "EU", "-f", "json")
    assert [row["id"] for row in json.loads(out)] == ["paris", "tariffs"]


def test_the_filter_help_says_whose_stance_it_judges(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "compare", "--help")
    assert code == 0
    assert "they judge the register's own holder's stance" in " ".join(out.split())


def test_no_match_says_so_on_stderr(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    assert invoke(runner, "compare", "--stance", "neutral") == (
        0,
        "",
        "No positions match (3 in the register).\n",
    )
    assert invoke(runner, "compare", "--stance", "neutral", "-f", "json") == (0, "[]\n", "")


def test_an_empty_register_says_how_to_add_one(runner: CliRunner, empty_register: Path) -> None:
    assert invoke(runner, "compare") == (
        0,
        "",
        "The register has no positions yet: posities new ID adds one.\n",
    )


def test_sources_needs_markdown(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    code, out, err = invoke(runner, "compare", "--sources")
    assert (code, out) == (2, "")
    assert "--sources needs --format markdown" in err


# --- formats ----------------------------------------------------------------------------------


def test_json_is_the_core_comparison(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    out = run(runner, "--format", "json", "--on", "2018-07-01")
    register = load(empty_register)
    expected = compare(register.positions, register.holders, Filter(), "2018-07-01")
    assert out == compare_json(expected)
    tariffs: dict[str, Any] = json.loads(out)[1]
    assert tariffs == {
        "id": "tariffs",
        "title": {"nl": "Steel tariffs (nl)", "en": "Steel tariffs"},
        "date": "2018-03-08",
        "holders": {
            "NL": {
                "stance": "critical",
                "goal_shared": False,
                "means_differ": None,
                "since": "2018-06-01",
                "until": None,
            },
            "US": {
                "stance": "supports",
                "goal_shared": True,
                "means_differ": False,
                "since": "2018-03-08",
                "until": None,
            },
            "EU": {
                "stance": "opposes",
                "goal_shared": None,
                "means_differ": True,
                "since": "2018-06-01",
                "until": "2020-01-01",
            },
        },
    }


def test_csv_in_dutch(runner: CliRunner, empty_register: Path) -> None:
    build(empty_register)
    assert run(runner, "-f", "csv", "--lang", "nl", "--on", "2018-07-01", "--holder", "US") == (
        "ID,Besluit,Datum,Verenigde Staten (US)\n"
        "paris,Withdrawal from Paris (nl),2017-06-01,niet vermeld\n"
        "tariffs,Steel tariffs (nl),2018-03-08,"
        "steunt; doel gedeeld: ja; middelen verschillen: nee\n"
        "paris-return,Return to Paris (nl),2021-01-20,niet vermeld\n"
    )


def test_memo_with_footnotes_and_state_line(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    build(repo / "positions")
    head = commit(repo, "Register", "2021-02-01")
    out = run(runner, "-f", "markdown", "--lang", "nl", "--sources", "--on", "2021-02-01")
    assert out == (
        "| ID | Besluit | Datum | Nederland (NL) | Verenigde Staten (US) | Europese Unie (EU) |\n"
        "|---|---|---|---|---|---|\n"
        "| paris | Withdrawal from Paris (nl) | 2017-06-01 | kritisch[^1] | niet vermeld | "
        "kritisch[^2] |\n"
        "| tariffs | Steel tariffs (nl) | 2018-03-08 | kritisch; doel gedeeld: nee[^3] | "
        "steunt; doel gedeeld: ja; middelen verschillen: nee[^4] | niet vermeld |\n"
        "| paris-return | Return to Paris (nl) | 2021-01-20 | steunt; doel gedeeld: ja[^5] | "
        "niet vermeld | steunt; doel gedeeld: ja[^5] |\n"
        "\n"
        f"*Stand van het register: 1 februari 2021, commit {head[:7]}; 3 van 3 standpunten; "
        "selectie: geldend op 1 februari 2021.*\n"
        "\n"
        "[^1]: “Het kabinet betreurt de terugtrekking uit het akkoord.” — Brief (kamerbrief, "
        "1 juni 2017).\n"
        "[^2]: “De Unie betreurt de terugtrekking eveneens.” — Brief (kamerbrief, 1 juni 2017).\n"
        "[^3]: “Na de verhoging van juni is het kabinet kritisch over de heffingen.” — Brief "
        "(kamerbrief, 8 maart 2018).\n"
        "[^4]: “De Verenigde Staten steunen hun eigen heffingen.” — Brief (kamerbrief, "
        "8 maart 2018).\n"
        "[^5]: “Nederland en de Unie verwelkomen de terugkeer naar het akkoord.” — Brief "
        "(kamerbrief, 20 januari 2021).\n"
    )


def test_memo_without_on_names_today_in_its_state_line(
    runner: CliRunner, empty_register: Path
) -> None:
    from posities.model.dates import long_date, today
    from posities.model.words import Lang

    build(empty_register)
    out = run(runner, "-f", "markdown", "--disagree")
    line = out.split("\n\n")[1]
    assert line.endswith(
        f"; 2 of 3 positions; selection: stance: critical or opposes; "
        f"stance of: Netherlands (NL); in force on {long_date(today(), Lang.EN)}.*\n"
    )  # the filter judges the own holder's stance, and the memo says so
    assert (
        run(runner, "-f", "markdown")
        .split("\n\n")[1]
        .endswith(f"; 3 of 3 positions; selection: in force on {long_date(today(), Lang.EN)}.*\n")
    )


def test_memo_to_a_file(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    build(empty_register)
    target = tmp_path / "memo.md"
    code, out, err = invoke(runner, "compare", "-f", "markdown", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == run(runner, "-f", "markdown")


# --- quotes -----------------------------------------------------------------------------------


def test_a_quote_behind_another_holders_cell_is_checked_before_printing(
    runner: CliRunner, empty_register: Path
) -> None:
    build(empty_register)
    wrong = TARIFFS.replace("wijst de heffingen af.", "wijst de heffingen scherp af.")
    write(empty_register, "tariffs.yaml", wrong)
    code, out, err = invoke(runner, "compare", "--on", "2018-07-01")
    assert (code, out) == (1, "")
    assert err.startswith("error: the register has 1 problem in 1 file; nothing was printed.")
    assert "quote is not found verbatim in 'texts/brief.txt'" in err
    assert 'differs: extra: "scherp"' in err
    # a position is shown with all its statements or not at all: whose cell is shown, on
    # whichever day, every quote of the decision is checked
    assert invoke(runner, "compare", "--on", "2018-07-01", "--holder", "NL")[0] == 1
    assert invoke(runner, "compare", "--on", "2020-01-01")[0] == 1


# --- --at x --on ------------------------------------------------------------------------------


def test_at_and_on_combine(runner: CliRunner, repo: Path) -> None:
    """The register as recorded on a day (--at), showing the stances in force on another
    (--on): a later commit back-dates a change of stance and adds the EU's."""
    folder = repo / "positions"
    build(folder)
    for name in ("paris", "paris-return"):
        (folder / f"{name}.yaml").unlink()
    concerned = position(
        "tariffs",
        "Steel tariffs",
        "2026-02-01",
        "concerned",
        "Het kabinet bekijkt de heffingen met zorg.",
    )
    first = commit(repo, "Tariffs: concerned", "2026-03-02", tariffs=concerned)
    critical = position(
        "tariffs",
        "Steel tariffs",
        "2026-02-01",
        "critical",
        "Na de verhoging van juni is het kabinet kritisch over de heffingen.",
        since="2026-03-01",
        stances=stated(
            "NL", "concerned", "2026-02-01", "Het kabinet bekijkt de heffingen met zorg."
        )
        + stated("EU", "opposes", "2026-02-15", "De Europese Unie wijst de heffingen af."),
    )
    second = commit(
        repo, "Tariffs: critical since 1 March; the EU opposes", "2026-03-10", tariffs=critical
    )

    def cells(*args: str) -> list[str]:
        rows = list(csv.reader(io.StringIO(run(runner, "-f", "csv", *args))))
        return [f"{head}={cell}" for head, cell in zip(rows[0][3:], rows[1][3:], strict=True)]

    assert cells("--at", "2026-03-05", "--on", "2026-03-03") == ["Netherlands (NL)=concerned"]
    assert cells("--at", "2026-03-10", "--on", "2026-03-03") == [
        "Netherlands (NL)=critical",
        "European Union (EU)=opposes",
    ]
    assert cells("--at", "2026-03-10", "--on", "2026-02-10") == [
        "Netherlands (NL)=concerned",
        "European Union (EU)=not stated",
    ]
    assert cells("--at", first, "--on", "2026-03-03", "--holder", "EU") == [
        "European Union (EU)=not stated"
    ]
    memo = run(runner, "-f", "markdown", "--at", "2026-03-10", "--on", "2026-03-03")
    assert memo.splitlines()[4] == (
        f"*Register state: 10 March 2026, commit {second[:7]}; 1 of 1 positions; "
        "selection: in force on 3 March 2026.*"
    )
    assert git(repo, "status", "--porcelain") == ""


# --- options ----------------------------------------------------------------------------------

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _options(name: str) -> list[tuple[str | None, list[str], str | None, bool]]:
    return [
        (p.name, p.opts, getattr(p, "help", None), getattr(p, "multiple", False))
        for p in COMMANDS[name].params
    ]


def test_compare_filters_and_reports_as_list_does_with_a_repeatable_holder() -> None:
    listed = _options("list")
    compared = _options("compare")
    assert compared[0][:2] == ("holder", ["--holder"])
    assert compared[0][3] is True  # repeatable
    shared = [option for option in listed if option[0] not in ("holder", "sort", "reverse")]
    shared = [option for option in shared if option[0] not in ("columns", "sources")]
    assert [o for o in compared[1:] if o[0] != "sources"] == shared


def test_compare_imports_its_own_module_alone(bundled: Path) -> None:
    from .test_app import _cli_modules

    assert _cli_modules("compare") == [
        "posities.cli.app",
        "posities.cli.boundary",
        "posities.cli.compare",
        "posities.cli.options",
    ]


def test_html_is_the_memo_table_with_footnoted_quotes_and_state_line(
    runner: CliRunner, empty_register: Path
) -> None:
    from ..render.test_html import cells, external, parse

    build(empty_register)
    memo = run(runner, "--format", "markdown", "--sources", "--on", "2018-07-01")
    out = run(runner, "--format", "html", "--sources", "--on", "2018-07-01", "--lang", "nl")
    root = parse(out)
    assert root.all("html")[0].attrs == {"lang": "nl"}
    assert root.all("title")[0].words() == "Partijen vergeleken"
    assert external(out) == []
    english = parse(run(runner, "--format", "html", "--sources", "--on", "2018-07-01"))
    assert cells(english) == (
        ["ID", "Decision", "Date", "Netherlands (NL)", "United States (US)",
         "European Union (EU)"],
        [
            ["paris", "Withdrawal from Paris", "2017-06-01", "critical1", "not stated",
             "critical2"],
            ["tariffs", "Steel tariffs", "2018-03-08", "critical; goal shared: no3",
             "supports; goal shared: yes; means differ: no4", "opposes; means differ: yes5"],
            ["paris-return", "Return to Paris", "2021-01-20", "not stated", "not stated",
             "not stated"],
        ],
    )  # fmt: skip
    state = [line.strip("*") for line in memo.splitlines() if line.startswith("*")]
    assert [p.words() for p in english.all("p")] == state
    notes = [line.split(": ", 1)[1] for line in memo.splitlines() if line.startswith("[^")]
    assert [li.words().removesuffix(" ↩") for li in english.all("li")] == notes


def test_html_fragment_and_sources_with_html_only(runner: CliRunner, empty_register: Path) -> None:
    from ..render.test_html import parse

    build(empty_register)
    out = run(runner, "--format", "html", "--fragment")
    assert [n.tag for n in parse(out).children] == ["table", "p"]
    code, out, err = invoke(runner, "compare", "--fragment")
    assert (code, out) == (2, "")
    assert "--fragment needs --format html" in err
    code, out, err = invoke(runner, "compare", "--sources", "--format", "csv")
    assert (code, out) == (2, "")
    assert "--sources needs --format markdown, html, docx or xlsx" in err
