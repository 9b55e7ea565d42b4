"""`posities compare`: where the holders stand on the same decisions, side by side."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from dataclasses import replace
from typing import Annotated, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.options import (
    SOURCED,
    Report,
    SheetReportFormat,
    filters_but,
    holder_code,
    register_root,
    sheet_reports,
)
from posities.core.query import Filter
from posities.core.register import Register, read_at
from posities.render import Format

HoldersOption = typer.Option(
    "--holder",
    metavar="CODE",
    parser=holder_code,
    help="A holder to compare, as a column: a code such as NL, EU or US (see posities.toml); "
    "repeat for several, in the order wanted. Default: every holder with a statement in the "
    "positions shown, the own holder first, then as posities.toml lists them.",
)


@filters_but("holder")
@sheet_reports
def compare(
    holder: Annotated[list[str] | None, HoldersOption] = None,
    *,
    where: Filter,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="With --format markdown, html or docx: a footnote with the verbatim quote on "
            "each holder's cell it supports, one per distinct quote. With xlsx: a Sources column "
            "with each row's quotes.",
        ),
    ] = False,
    how: Report[SheetReportFormat],
) -> None:
    """Compare holders: decisions as rows, holders as columns, side by side.

    Each cell is the holder's stance in force on --on (default: today), with goal shared and
    means differ where stated, or "not stated" where the holder has no statement then.

    The filters (--disagree, --stance, --goal-shared ...) keep or drop a whole decision;
    they judge the register's own holder's stance (posities.toml's holder, else NL), whether
    or not it is a column.

    Examples:

      posities compare

      posities compare --holder NL --holder EU --holder US --on 2021-03-01

      posities compare --format markdown --lang nl --sources -o vergelijking.md

      posities compare --at 2026-03-10 --on 2026-03-03  (as recorded on 10 March)
    """
    from posities.core.compare import compare as compared
    from posities.model.dates import today

    if sources and how.output_format not in SOURCED:
        raise typer.BadParameter(
            "--sources needs --format markdown, html, docx or xlsx", param_hint="--sources"
        )
    register, state = read_at(register_root(how.folder), how.at, output.err)
    output.warn_unmatched(register, where)
    day = where.on or today()
    comparison = compared(register.positions, register.holders, where, day, holder or ())
    from posities.core.verify import require_verified

    require_verified(register, comparison.shown())
    if not comparison.rows and how.output_format is Format.TABLE and how.out_file is None:
        if register.positions:
            output.err(f"No positions match ({len(register.positions)} in the register).")
        else:
            output.err("The register has no positions yet: posities new ID adds one.")
        return
    from posities.render import compare as render

    names, lang = register.holders, how.lang
    report: str | bytes
    match how.output_format:
        case Format.JSON:
            report = render.compare_json(comparison)
        case Format.CSV:
            report = render.compare_csv(comparison, names, lang)
        case Format.MARKDOWN:
            shown = len(comparison.rows)
            selected = _stated(where, day, register)
            line = output.state_line(register, state, shown, selected, lang)
            report = render.compare_markdown(comparison, names, lang, line, sources)
        case Format.HTML | Format.DOCX | Format.XLSX:
            line = output.state_line(
                register,
                state,
                len(comparison.rows),
                _stated(where, day, register),
                lang,
                plain=True,
            )
            report = output.document(
                render.compare_memo(comparison, names, lang, line, sources), how
            )
        case Format.TABLE:
            if output.terminal() and how.out_file is None:
                output.print_rich(render.compare_rich(comparison, names, lang, output.width()))
                return
            report = render.compare_plain(comparison, names, lang)
        case _:
            assert_never(how.output_format)
    output.deliver(report, how.out_file, register.root, json=how.output_format is Format.JSON)


def _stated(where: Filter, day: str, register: Register) -> Filter:
    """The selection a memo's state line names: the day, and the own holder where the stance
    filters judge its stance (they do, whether or not it is a column)."""
    judged = where.disagree or where.agree or bool(where.stances)
    judged = judged or where.goal_shared is not None or where.means_differ is not None
    return replace(where, on=day, holder=register.holders.own if judged else None)
