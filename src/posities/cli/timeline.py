"""The command that puts the register's events in time order: timeline."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.options import (
    Report,
    TimelineFormat,
    complete_ids,
    filters,
    register_root,
    timeline_reports,
)
from posities.core.query import Filter
from posities.core.register import read_at
from posities.errors import shown
from posities.render import Format

if TYPE_CHECKING:
    from posities.core.register import Register
    from posities.core.timeline import Event, Scope
    from posities.git.state import RegisterState


def _bound(text: str | None, option: str, end: bool) -> str | None:
    """A day bounding the period as typed (YYYY-MM-DD, or YYYY-MM or YYYY: from its first
    day, to its last; or `today`); a usage error otherwise."""
    if text is None:
        return None
    from posities.core.statements import first_day
    from posities.model.dates import date_problem, last_day, today

    value = text.strip()
    if value.lower() in ("today", "vandaag"):
        return today()
    if date_problem(value, partial=True) is not None:
        raise typer.BadParameter(
            f"{shown(text)} is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY (or today)",
            param_hint=option,
        )
    return last_day(value) if end else first_day(value)


@filters()
@timeline_reports
def timeline(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            show_default=False,
            autocompletion=complete_ids,
            help="Only these decisions (default: every decision the filters keep).",
        ),
    ] = None,
    *,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Only events on or after DATE (YYYY-MM-DD; YYYY-MM or YYYY: its first day).",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Only events on or before DATE (YYYY-MM-DD; YYYY-MM or YYYY: its last day).",
        ),
    ] = None,
    where: Filter,
    how: Report[TimelineFormat],
) -> None:
    """Decisions, their milestones and every dated statement in time order, with relations.

    Each statement is an event on its since (and, where it has one, its end on its until),
    with its holder and stance. --holder keeps only that holder's statements; the other
    filters choose decisions as list does (by the stance in force today, or --on DATE).

    Examples:

      posities timeline

      posities timeline paris-agreement paris-return --format markdown --lang nl

      posities timeline --holder EU --from 2017 --to 2021-06-30

      posities timeline --format svg -o timeline.svg
    """
    from posities.core.timeline import Scope
    from posities.core.timeline import timeline as events_of
    from posities.render import timeline as render

    chosen = tuple(ids or ())
    scope = Scope(chosen, where, _bound(start, "--from", False), _bound(end, "--to", True))
    only = chosen[0] if len(set(chosen)) == 1 else None
    register, state = read_at(register_root(how.folder), how.at, output.err, only)
    output.warn_unmatched(register, where)
    found = events_of(register.positions, register.holders, scope)
    drawn = {event.id for event in found}
    from posities.core.verify import require_verified

    require_verified(register, [p for p in register.positions if p.id in drawn])
    if not found and how.output_format is Format.TABLE and how.out_file is None:
        if register.positions:
            output.err(f"No events match ({len(register.positions)} positions in the register).")
        else:
            output.err("The register has no positions yet: posities new ID adds one.")
        return
    report = _report(register, state, found, scope, how)
    if report is None:
        output.print_rich(render.rich_timeline(found, how.lang, output.width()))
        return
    output.deliver(report, how.out_file, register.root, json=how.output_format is Format.JSON)


def _report(
    register: "Register",
    state: "RegisterState | None",
    found: "list[Event]",
    scope: "Scope",
    how: Report[TimelineFormat],
) -> str | bytes | None:
    """The timeline in the format asked for; None where a terminal gets the Rich table."""
    from posities.core.timeline import decisions_shown
    from posities.render import timeline as render

    match how.output_format:
        case Format.JSON:
            return render.json_timeline(found)
        case Format.CSV:
            return render.csv_timeline(found, how.lang)
        case Format.MARKDOWN:
            extra = render.criteria(scope, how.lang)
            count = decisions_shown(found)
            line = output.state_line(register, state, count, scope.where, how.lang, extra)
            return render.markdown_timeline(found, how.lang, line)
        case Format.HTML | Format.DOCX | Format.XLSX:
            extra = render.criteria(scope, how.lang)
            count = decisions_shown(found)
            where = scope.where
            line = output.state_line(register, state, count, where, how.lang, extra, plain=True)
            return output.document(render.timeline_memo(found, how.lang, line), how)
        case Format.SVG:
            from posities.render.svg import timeline_svg

            extra = render.criteria(scope, how.lang)
            count = decisions_shown(found)
            where = scope.where
            line = output.state_line(register, state, count, where, how.lang, extra, plain=True)
            return timeline_svg(found, how.lang, line)
        case Format.TABLE:
            if output.terminal() and how.out_file is None:
                return None
            return render.plain_timeline(found, how.lang)
        case _:
            assert_never(how.output_format)
