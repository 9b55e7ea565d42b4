"""The command that writes the whole register as one HTML page: site."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

from typing import TYPE_CHECKING, Annotated

from posities.cli import boundary as output
from posities.cli.options import (
    AtOption,
    DirOption,
    HolderOption,
    LangOption,
    OnOption,
    OutFileOption,
    holder_code,
    on_day,
    register_root,
)
from posities.core.query import Filter
from posities.core.register import read_at
from posities.errors import UsageError
from posities.model.words import Lang

if TYPE_CHECKING:
    from posities.core.register import Register
    from posities.git.state import RegisterState
    from posities.render.site import HistoryEntry

NO_FILE = "site writes a whole HTML page: name a file with -o FILE.html"


def site(
    out_file: OutFileOption = None,
    at: AtOption = None,
    on: Annotated[str | None, OnOption] = None,
    holder: Annotated[str | None, HolderOption] = None,
    lang: LangOption = Lang.EN,
    folder: DirOption = None,
) -> None:
    """Write the whole register as one HTML page that works with no network: from disk, a
    network share or an intranet, for colleagues who never open a terminal.

    A table of every decision, filtered by stance, holder, topic, goal shared and means
    differ, sorted by any column and searched (titles, summaries, quotes) in the browser; then
    a section per decision with every holder's statements, their quotes and sources, its
    relations and, in git, its history. --holder and --on choose whose stance the table shows
    first, and on which day; every quote is checked against its text first, as list does.

    Examples:

      posities site -o register.html

      posities site -o register.html --lang nl --holder EU --on 2019-01-01

      posities site -o register-2026.html --at 2026-11-20
    """
    from posities.git.state import register_state
    from posities.render import site as render

    if out_file is None and output.terminal():
        raise UsageError(NO_FILE)
    where = Filter(holder=holder_code(holder), on=on_day(on))
    register, state = read_at(register_root(folder), at, output.err)
    output.warn_unmatched(register, where)
    from posities.core.verify import require_verified

    require_verified(register, register.positions)
    state = state or register_state(register.root, register.fingerprint)
    line = output.state_line(register, state, len(register.positions), where, lang, plain=True)
    page = render.site_page(
        render.Site(
            register.positions,
            register.holders,
            where.holder or register.holders.own,
            _day(where),
            _history(register, state, lang),
        ),
        line,
        lang,
        _pictures(register, where, lang),
    )
    output.deliver(page, out_file, register.root)


def _pictures(register: "Register", where: Filter, lang: Lang) -> str:
    """The matrix of the holder's stances in force on the day, as `matrix` draws it, and the
    timeline of every decision and statement, as `timeline` draws it; none for an empty
    register."""
    if not register.positions:
        return ""
    from posities.core.query import quadrants
    from posities.core.timeline import Scope, timeline
    from posities.render.site import pictures_section
    from posities.render.svg import matrix_svg, timeline_svg

    seen = where.seen(register.positions, register.holders.own)
    cells = quadrants([p for p in seen if p.stance is not None])
    events = timeline(register.positions, register.holders, Scope())
    return pictures_section(matrix_svg(cells, lang, ""), timeline_svg(events, lang, ""), lang)


def _day(where: Filter) -> str:
    """The day whose statements in force the table shows: --on, else today."""
    from posities.model.dates import today

    return where.on or today()


def _history(
    register: "Register", state: "RegisterState", lang: Lang
) -> "dict[str, list[HistoryEntry]] | None":
    """Each position's history in git up to the state shown (with --at, that commit); None
    for a register that is not in git."""
    if state.commit is None:
        return None
    from posities.core.log import position_log
    from posities.git.repo import open_repo
    from posities.render.site import history

    repo = register.at[0] if register.at is not None else open_repo(register.root)
    found = position_log(repo, None, None, None, Filter(), False)
    for problem in found.problems:
        output.err(f"warning: {problem} (this version is left out of the history)")
    entries = found.entries
    if register.at is not None:
        reached = set(repo.git("rev-list", register.at[1].sha, "--").decode().split())
        entries = [entry for entry in entries if entry.commit.sha in reached]
    return history(entries, lang)
