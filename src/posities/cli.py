"""The `posities` command line: parses options, calls the core, prints. Nothing else lives here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import InvalidRegister, PositiesError, UsageError, shown
from .labels import Lang
from .model import Position, Stance
from .query import Filter, SortKey, Tri, select, suggest, suggest_ids
from .register import ENV_DIR, Register, find_register, load
from .render import Format

app = typer.Typer(
    name="posities",
    help=(
        "Track your government's positions on foreign decisions: one YAML file per decision "
        "under positions/, listed, filtered, checked and turned into memo tables."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"posities {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track your government's positions on foreign decisions.

    The register is the positions/ folder in the current directory or its nearest parent
    (like git finds .git); --dir or POSITIES_DIR points elsewhere.
    """


# --- options shared by commands -------------------------------------------------------------

DirOption = Annotated[
    str | None,
    typer.Option(
        "--dir",
        envvar=ENV_DIR,
        metavar="PATH",
        show_default=False,
        help="Register folder to read (default: positions/ here or in the nearest parent).",
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: table (terminal), markdown (memo), json or csv.",
    ),
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="POSITIES_LANG",
        case_sensitive=False,
        help="Language of titles and labels: en, or nl for Dutch memos.",
    ),
]


def _complete_ids(incomplete: str) -> list[str]:
    try:
        register = load(find_register(Path.cwd(), _env_dir()))
    except PositiesError:
        return []
    return sorted(p.id for p in register.positions if p.id.startswith(incomplete))


def _env_dir() -> str | None:
    import os

    return os.environ.get(ENV_DIR) or None


# --- output helpers -------------------------------------------------------------------------


def _out(text: str) -> None:
    sys.stdout.write(text)


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _fail(error: PositiesError) -> NoReturn:
    _err(f"error: {error}")
    if isinstance(error, InvalidRegister):
        for problem in error.problems[:3]:
            _err(f"  {problem}")
        if len(error.problems) > 3:
            _err(f"  … and {len(error.problems) - 3} more")
    raise typer.Exit(error.exit_code)


def _terminal() -> bool:
    return sys.stdout.isatty()


def _print_rich(renderable: object) -> None:
    from rich.console import Console

    Console(highlight=False, emoji=False, markup=False).print(renderable)


def _read(folder: str | None) -> Register:
    register = load(find_register(Path.cwd(), folder))
    if not register.valid:
        raise InvalidRegister(register.problems)
    return register


def _state_line(register: Register, shown_count: int, criteria: list[str], lang: Lang) -> str:
    from .gitstate import register_state
    from .render import state_line

    state = register_state(register.root, register.fingerprint)
    return state_line(state, shown_count, len(register.positions), criteria, lang)


def _warn_unmatched(register: Register, where: Filter) -> None:
    topics = sorted({t for p in register.positions for t in p.topics})
    for topic in sorted(where.topics - set(topics)):
        hint = suggest(topic, topics)
        tail = f"; did you mean {', '.join(hint)}?" if hint else ""
        _err(f"warning: no position has topic {shown(topic)}{tail}")
    actors = sorted({p.actor for p in register.positions})
    if where.actor is not None and where.actor.casefold() not in {a.casefold() for a in actors}:
        _err(f"warning: no position has actor {shown(where.actor)}; actors: {', '.join(actors)}")


# --- commands -------------------------------------------------------------------------------


@app.command("list")
def list_command(
    disagree: Annotated[
        bool, typer.Option("--disagree", help="Only positions that disagree: critical or opposes.")
    ] = False,
    agree: Annotated[
        bool, typer.Option("--agree", help="Only positions that agree: supports.")
    ] = False,
    stance: Annotated[
        list[Stance] | None,
        typer.Option(
            "--stance", case_sensitive=False, help="Only this stance; repeat for any of several."
        ),
    ] = None,
    goal_shared: Annotated[
        Tri | None,
        typer.Option(
            "--goal-shared",
            case_sensitive=False,
            help="Only where the goal is shared: yes, no or unknown.",
        ),
    ] = None,
    means_differ: Annotated[
        Tri | None,
        typer.Option(
            "--means-differ",
            case_sensitive=False,
            help="Only where the means differ: yes, no or unknown.",
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            metavar="TOPIC",
            help="Only positions tagged with this topic; repeat for any of several.",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", metavar="ACTOR", help="Only decisions by this actor (e.g. US)."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Only positions whose titles, summaries or quotes contain TEXT (any case).",
        ),
    ] = None,
    sort: Annotated[
        SortKey,
        typer.Option("--sort", case_sensitive=False, help="Order by decision date, id or stance."),
    ] = SortKey.DATE,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources", help="With --format markdown: add numbered footnotes with the quotes."
        ),
    ] = False,
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    folder: DirOption = None,
) -> None:
    """List positions as a table, sorted by decision date; filters combine (all must hold).

    Examples:

      posities list --disagree

      posities list --goal-shared yes --means-differ yes --format markdown --lang nl --sources
    """
    if agree and disagree:
        raise typer.BadParameter(
            "use --agree or --disagree, not both", param_hint="--agree/--disagree"
        )
    if sources and output is not Format.MARKDOWN:
        raise typer.BadParameter("--sources needs --format markdown", param_hint="--sources")
    where = Filter(
        disagree=disagree,
        agree=agree,
        stances=frozenset(stance or ()),
        goal_shared=goal_shared,
        means_differ=means_differ,
        topics=frozenset(topic or ()),
        actor=actor,
        search=search,
    )
    try:
        register = _read(folder)
    except PositiesError as error:
        _fail(error)
    _warn_unmatched(register, where)
    chosen = select(register.positions, where, sort, reverse)
    if not chosen and output is Format.TABLE:
        _err(f"No positions match ({len(register.positions)} in the register).")
        return
    _emit_list(register, chosen, where, output, lang, sources)


def _emit_list(
    register: Register,
    chosen: list[Position],
    where: Filter,
    output: Format,
    lang: Lang,
    sources: bool,
) -> None:
    from . import render

    if output is Format.JSON:
        sys.stdout.writelines(render.json_chunks(chosen, register.encoded))
    elif output is Format.CSV:
        _out(render.csv_text(chosen, lang))
    elif output is Format.MARKDOWN:
        state = _state_line(register, len(chosen), where.describe(), lang)
        _out(render.markdown_list(chosen, lang, state, with_sources=sources))
    elif _terminal():
        _print_rich(render.rich_table(chosen, lang))
    else:
        cells = render.rows(chosen, render.LIST_COLUMNS, lang)
        _out(render.plain_table(render.headers(render.LIST_COLUMNS, lang), cells))


@app.command()
def show(
    position_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The position's id (its file name without .yaml).",
            autocompletion=_complete_ids,
        ),
    ],
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    folder: DirOption = None,
) -> None:
    """Show everything in one position, with its sources and their verbatim quotes.

    Example: posities show jcpoa --lang nl
    """
    from . import render
    from .model import to_dict

    try:
        register = _read(folder)
        position = next((p for p in register.positions if p.id == position_id), None)
        if position is None:
            hint = suggest_ids(position_id, register.positions)
            tail = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise UsageError(
                f"no position with id {shown(position_id)}{tail} (`posities list` shows all ids)"
            )
    except PositiesError as error:
        _fail(error)
    if output is Format.JSON:
        _out(render.json_text(to_dict(position)))
    elif output is Format.CSV:
        _out(render.csv_text([position], lang))
    elif output is Format.MARKDOWN:
        _out(render.markdown_show(position, lang, _state_line(register, 1, [], lang)))
    elif _terminal():
        _print_rich(render.rich_show(position, lang))
    else:
        _out(render.plain_show(position, lang))


@app.command()
def check(
    output: FormatOption = Format.TABLE,
    folder: DirOption = None,
) -> None:
    """Validate the whole register and report every problem as path:line:col: message.

    Checks each file's YAML and fields, that ids are unique and match file names, and that
    every quote appears verbatim in its source's local text (whitespace, line-break hyphens
    and quote marks aside). Exit status: 0 clean, 1 problems found, 2 usage error.
    """
    from . import render
    from .checks import check as check_register

    try:
        register = load(find_register(Path.cwd(), folder))
    except PositiesError as error:
        _fail(error)
    problems = check_register(register)
    if output is Format.JSON:
        _out(render.problems_json(problems))
    elif output is Format.CSV:
        _out(render.problems_csv(problems))
    elif output is Format.MARKDOWN:
        _out(render.problems_markdown(problems))
    else:
        _out(render.problems_text(problems))
    checked = len(register.positions)
    if problems:
        files = len({p.path for p in problems})
        noun = "problem" if len(problems) == 1 else "problems"
        _err(f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}.")
        raise typer.Exit(EXIT_PROBLEMS)
    _err(f"{checked} position{'s' if checked != 1 else ''} checked: no problems.")


def run() -> None:
    """Entry point of the console script: the app, with a quiet exit on broken pipes and ^C."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
