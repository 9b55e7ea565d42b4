"""The commands that show the register: list, show and matrix."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.options import (
    SOURCED,
    HolderOption,
    IdArgument,
    OnOption,
    PictureFormat,
    Report,
    ReportFormat,
    SheetReportFormat,
    filters,
    holder_code,
    on_day,
    pictures,
    register_root,
    reports,
    sheet_reports,
)
from posities.core.query import Filter, SortKey, select
from posities.core.register import Register, read_at
from posities.model.records import Position
from posities.render import Format

if TYPE_CHECKING:
    from posities.git.state import RegisterState


@filters()
@sheet_reports
def list_command(
    where: Filter,
    sort: Annotated[
        SortKey,
        typer.Option("--sort", case_sensitive=False, help="Order by decision date, id or stance."),
    ] = SortKey.DATE,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="With --format markdown, html or docx: a footnote with the verbatim quote on "
            "each cell it supports, one per distinct quote. With xlsx: a Sources column "
            "with each row's quotes.",
        ),
    ] = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            "-c",
            metavar="A,B,…",
            help="The columns to show, in order, comma-separated (e.g. id,title,summary): any "
            "of id, title, actor, date, stance, goal_shared, means_differ, summary, topics, "
            "updated, holder, since, until (whose statement is shown, and from and until "
            "when). Default: id, title, date, stance, goal_shared, means_differ.",
        ),
    ] = None,
    *,
    how: Report[SheetReportFormat],
) -> None:
    """List positions as a table, sorted by decision date; filters combine (all must hold).

    Examples:

      posities list --disagree

      posities list --goal-shared yes --means-differ yes --format markdown --lang nl --sources

      posities list --columns id,title,summary --format markdown --sources -o memo.md

      posities list --at 2026-11-20   (the register as committed on that day)
    """
    if sources and how.output_format not in SOURCED:
        raise typer.BadParameter(
            "--sources needs --format markdown, html, docx or xlsx", param_hint="--sources"
        )
    chosen_columns = _columns(columns)
    register, state = read_at(register_root(how.folder), how.at, output.err)
    output.warn_unmatched(register, where)
    chosen = select(register.positions, where, sort, reverse, register.holders.own)
    from posities.core.verify import require_verified

    require_verified(register, chosen)
    if not chosen and how.output_format is Format.TABLE and how.out_file is None:
        if register.positions:
            output.err(f"No positions match ({len(register.positions)} in the register).")
        else:
            output.err("The register has no positions yet: posities new ID adds one.")
        return
    terminal = output.terminal() and how.out_file is None
    report = _list_report(
        register,
        state,
        chosen,
        where,
        how,
        sources,
        chosen_columns,
        terminal,
    )
    if report is None:
        from posities.render import tables as render

        shown_columns = chosen_columns or render.LIST_COLUMNS
        output.print_rich(render.rich_table(chosen, how.lang, shown_columns, output.width()))
    else:
        output.deliver(report, how.out_file, register.root, json=how.output_format is Format.JSON)


def _columns(text: str | None) -> tuple[str, ...] | None:
    from posities.render.tables import parse_columns

    if text is None:
        return None
    try:
        return parse_columns(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--columns") from None


def _list_report(
    register: Register,
    state: "RegisterState | None",
    chosen: list[Position],
    where: Filter,
    how: Report[SheetReportFormat],
    sources: bool,
    columns: tuple[str, ...] | None,
    terminal: bool,
) -> "str | bytes | Iterable[str] | None":
    """The list in the format asked for; None where a terminal gets the Rich table."""
    from posities.render import tables as render
    from posities.render import text as render_text

    output_format, lang = how.output_format, how.lang

    match output_format:
        case Format.JSON:
            if columns is None:
                return render.json_chunks(chosen, register.encoded)
            return render.json_columns(chosen, columns)
        case Format.CSV:
            return render.csv_text(chosen, lang, columns or render.CSV_COLUMNS)
        case Format.MARKDOWN:
            line = output.state_line(register, state, len(chosen), where, lang)
            return render.markdown_list(
                chosen, lang, line, with_sources=sources, columns=columns or render.LIST_COLUMNS
            )
        case Format.HTML | Format.DOCX | Format.XLSX:
            line = output.state_line(register, state, len(chosen), where, lang, plain=True)
            shown_columns = columns or render.LIST_COLUMNS
            return output.document(
                render.list_memo(chosen, lang, line, sources, shown_columns), how
            )
        case Format.TABLE:
            if terminal:
                return None
            shown_columns = columns or render.LIST_COLUMNS
            cells = render.rows(chosen, shown_columns, lang)
            return render_text.plain_table(render.headers(shown_columns, lang), cells)
        case _:
            assert_never(output_format)


@reports
def show(
    position_id: IdArgument,
    holder: Annotated[str | None, HolderOption] = None,
    on: Annotated[str | None, OnOption] = None,
    *,
    how: Report[ReportFormat],
) -> None:
    """Show everything in one position, with its sources and their verbatim quotes.

    The stance shown is the holder's statement in force on the day (default: the register's
    own holder, today); the position's other statements follow, one line each.

    Each quote is checked against its source's local text first; one not found there is an
    error and nothing is printed.

    Examples: posities show jcpoa --lang nl; posities show jcpoa --at HEAD~1;
    posities show jcpoa --holder EU --on 2018-06-01
    """
    from posities.core.ids import position_by_id
    from posities.core.statements import ordered, related_from
    from posities.io.formats import json_text
    from posities.model.records import to_dict
    from posities.render import tables as render

    register, state = read_at(register_root(how.folder), how.at, output.err, position_id)
    where = Filter(holder=holder_code(holder), on=on_day(on))
    output.warn_unmatched(register, where)
    record = position_by_id(position_id, register.positions)
    own = register.holders.own
    position = where.seen([record], own)[0]
    others = ordered(position.stances)  # a view keeps every statement not on top
    towards = related_from(register.positions, record.id)
    from posities.core.verify import require_verified

    require_verified(register, [position])
    report: str | bytes
    match how.output_format:
        case Format.JSON:
            report = json_text(to_dict(position))
        case Format.CSV:
            report = render.csv_text([position], how.lang)
        case Format.MARKDOWN:
            line = output.state_line(register, state, 1, where, how.lang)
            report = render.markdown_show(position, how.lang, line, others, towards)
        case Format.HTML | Format.DOCX:
            line = output.state_line(register, state, 1, where, how.lang, plain=True)
            memo = render.show_memo(position, how.lang, line, others, towards)
            report = output.document(memo, how)
        case Format.TABLE:
            if output.terminal() and how.out_file is None:
                output.print_rich(render.rich_show(position, how.lang, others, towards))
                return
            report = render.plain_show(position, how.lang, others, towards)
        case _:
            assert_never(how.output_format)
    output.deliver(report, how.out_file, register.root, json=how.output_format is Format.JSON)


@filters(axes=False)
@pictures
def matrix(
    where: Filter,
    *,
    how: Report[PictureFormat],
) -> None:
    """Goal shared x means differ: where the government agrees on the goal but not on the way.

    Rows are goal shared (yes, no, unknown), columns means differ (yes, no, unknown); each cell
    names its decisions. Unknown is its own row and column, never counted as no.

    Examples: posities matrix --format markdown --lang nl;
    posities matrix --format svg -o matrix.svg
    """
    from posities.core.query import quadrants
    from posities.render import matrix as render_matrix

    register, state = read_at(register_root(how.folder), how.at, output.err)
    output.warn_unmatched(register, where)
    seen = [p for p in where.seen(register.positions, register.holders.own) if where.keeps(p)]
    kept = [p for p in seen if p.stance is not None]
    if silent := [p.id for p in seen if p.stance is None]:
        whose = where.holder or register.holders.own
        when = f"on {where.on}" if where.on else "today"
        output.err(
            f"note: not in the matrix, no statement of {whose} in force {when}: "
            + ", ".join(silent)
        )
    from posities.core.verify import require_verified

    require_verified(register, kept)
    cells = quadrants(kept)
    report: str | bytes
    match how.output_format:
        case Format.JSON:
            report = render_matrix.matrix_json(cells, how.lang)
        case Format.CSV:
            report = render_matrix.matrix_csv(cells, how.lang)
        case Format.MARKDOWN:
            shown_count = sum(len(c) for c in cells.values())
            line = output.state_line(register, state, shown_count, where, how.lang)
            report = render_matrix.matrix_markdown(cells, how.lang, line)
        case Format.HTML | Format.DOCX:
            shown_count = sum(len(c) for c in cells.values())
            line = output.state_line(register, state, shown_count, where, how.lang, plain=True)
            report = output.document(render_matrix.matrix_memo(cells, how.lang, line), how)
        case Format.SVG:
            from posities.render.svg import matrix_svg

            shown_count = sum(len(c) for c in cells.values())
            line = output.state_line(register, state, shown_count, where, how.lang, plain=True)
            report = matrix_svg(cells, how.lang, line)
        case Format.TABLE:
            widths = render_matrix.matrix_widths(cells, how.lang, output.width())
            if output.terminal() and how.out_file is None and widths is not None:
                output.print_rich(render_matrix.matrix_rich(cells, how.lang, widths))
                return
            narrow = output.width() if output.terminal() and how.out_file is None else None
            report = render_matrix.matrix_plain(cells, how.lang, narrow)
        case _:
            assert_never(how.output_format)
    output.deliver(report, how.out_file, register.root, json=how.output_format is Format.JSON)
