"""The commands over the register's git history: diff and log."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from pathlib import Path
from typing import Annotated, assert_never

import typer

from posities.cli import boundary as output
from posities.cli.boundary import EXIT_PROBLEMS
from posities.cli.options import (
    Report,
    ReportFormat,
    complete_ids,
    filters,
    open_repo_for,
    optional_argument,
    register_root,
    reports_in,
)
from posities.core.query import Filter
from posities.core.register import load
from posities.errors import shown
from posities.render import Format


def _history_date(value: str | None, option: str) -> str | None:
    from posities.model.dates import is_day

    if value is None or is_day(value):
        return value
    raise typer.BadParameter(f"{shown(value)} is not a date YYYY-MM-DD", param_hint=option)


def _warn_unmatched_now(root: Path, where: Filter) -> None:
    """After an empty diff or log: warn of a topic or actor that no position has now."""
    if not where.topics and where.actor is None:
        return
    register = load(root)
    if register.valid:
        output.warn_unmatched(register, where)


def _print_lines(lines: list[tuple[str, str]], out_file: Path | None, root: Path) -> None:
    from posities.render import history as render_history

    if output.terminal() and out_file is None:
        output.print_rich(render_history.rich_lines(lines))
    else:
        output.deliver(render_history.plain(lines), out_file, root)


@filters()
@reports_in(ReportFormat, at=False)
def diff(
    from_point: Annotated[
        str | None,
        optional_argument(
            "[FROM]",
            "Revision or date YYYY-MM-DD to compare from (default: HEAD), or a range A..B or "
            "A...B.",
        ),
    ] = None,
    to_point: Annotated[
        str | None,
        optional_argument(
            "[TO]", "Revision or date to compare to (default: the working tree, edits included)."
        ),
    ] = None,
    *,
    where: Filter,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, 0 when none."),
    ] = False,
    how: Report[ReportFormat],
) -> None:
    """Show what changed in the register between two points in its git history.

    Like git diff: no argument compares HEAD with the working tree, one argument compares that
    point with the working tree, A..B compares A with B and A...B compares where A and B
    branched with B (a side left out is HEAD). A point is a revision (anything git rev-parse
    accepts) or a date YYYY-MM-DD: the last commit on or before that day on the current branch;
    a date before the first commit is the empty register. Changes are compared field by field
    and keyed by id: comments and layout are not changes. A statement is known by its holder
    and since: a new dated statement is reported as one, with its holder and date, and the
    own holder's top-level fields keep their names (stance, goal_shared ...). A filter keeps a
    position that matches it at either point; --holder CODE keeps only that holder's
    statements' changes. Errors exit 2.

    Examples:

      posities diff

      posities diff 2018-01-01 --disagree

      posities diff HEAD~1..HEAD

      posities diff v1.0 HEAD --format markdown --lang nl

      posities diff 2019-01-01 --holder EU
    """
    from posities.core.history import changes_between
    from posities.render import history as render_history

    root = register_root(how.folder)
    found = changes_between(root, from_point, to_point, where)
    changes, old, new = found.changes, found.old, found.new
    lang, out_file = how.lang, how.out_file
    match how.output_format:
        case Format.JSON:
            output.deliver(render_history.diff_json(changes, old, new), out_file, root, json=True)
        case Format.CSV:
            output.deliver(render_history.diff_csv(changes, lang), out_file, root)
        case Format.MARKDOWN:
            memo = render_history.diff_markdown(changes, old, new, lang, found.since)
            output.deliver(memo, out_file, root)
        case Format.HTML | Format.DOCX:
            memo_doc = render_history.diff_memo(changes, old, new, lang, found.since)
            output.deliver(output.document(memo_doc, how), out_file, root)
        case Format.TABLE:
            _print_lines(render_history.diff_lines(changes, old, new, lang), out_file, root)
        case _:
            assert_never(how.output_format)
    if not changes:
        _warn_unmatched_now(root, where)
    if exit_code and changes:
        raise typer.Exit(EXIT_PROBLEMS)


@filters()
@reports_in(ReportFormat, at=False)
def log(
    position_id: Annotated[
        str | None,
        optional_argument("[ID]", "Only this position (default: every position).", complete_ids),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only commits on or after DATE (YYYY-MM-DD)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only commits on or before DATE."),
    ] = None,
    first_parent: Annotated[
        bool,
        typer.Option(
            "--first-parent",
            help="Only the current branch's own line: each merge is one change, everything "
            "it brought in, and the merged branches' commits are not listed.",
        ),
    ] = False,
    *,
    where: Filter,
    how: Report[ReportFormat],
) -> None:
    """The history of real changes to positions, newest first: commit, date, author, message
    and the fields each commit changed.

    Every commit reachable from HEAD is listed, on merged branches too; a merge shows what it
    changed itself against its first parent (a conflict resolved, an edit of its own), not what
    it brought in unchanged from a branch, which that branch's commits show. Commits that only
    touched comments or layout are left out. Statement changes name their holder and since,
    as diff does; --holder CODE keeps only that holder's. A version of a file that was invalid
    is reported as a warning and skipped. Errors exit 2.

    Examples:

      posities log jcpoa

      posities log --since 2018-01-01 --format markdown --lang nl
    """
    from posities.core.log import position_log
    from posities.render import history as render_history

    since = _history_date(since, "--since")
    until = _history_date(until, "--until")
    repo = open_repo_for(how.folder)
    lang, out_file = how.lang, how.out_file
    found = position_log(repo, position_id, since, until, where, first_parent)
    entries = found.entries
    for problem in found.problems:
        output.err(f"warning: {problem} (this version is skipped)")
    for commit in found.cut:
        output.err(
            f"warning: this is a shallow clone and its history stops at {commit.short} "
            f"({commit.day}): what that commit changed is not known, so it is left out; fetch "
            "the full history with git fetch --unshallow"
        )
    root = repo.top / repo.register
    if not entries:
        _warn_unmatched_now(root, where)
    match how.output_format:
        case Format.JSON:
            output.deliver(render_history.log_json(entries), out_file, root, json=True)
        case Format.CSV:
            output.deliver(render_history.log_csv(entries, lang), out_file, root)
        case Format.MARKDOWN:
            title = render_history.log_title(position_id, lang)
            output.deliver(render_history.log_markdown(entries, lang, title), out_file, root)
        case Format.HTML | Format.DOCX:
            title = render_history.log_title(position_id, lang)
            memo = render_history.log_memo(entries, lang, title)
            output.deliver(output.document(memo, how), out_file, root)
        case Format.TABLE:
            if entries:
                _print_lines(render_history.log_lines(entries, lang), out_file, root)
            else:
                output.err(
                    render_history.empty_log(position_id, since, until, where.describe(), found.cut)
                )
        case _:
            assert_never(how.output_format)
