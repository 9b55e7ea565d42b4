"""The `posities` command line: parses options, calls the core, prints. Nothing else lives here."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, assert_never

import typer
from typer.core import TyperCommand

from posities import __version__
from posities.core.query import Filter, SortKey, Tri, parse_tri, select, suggest, suggest_ids
from posities.core.register import ENV_DIR, Register, display_path, find_register, load
from posities.errors import InvalidRegister, PositiesError, UsageError, shown
from posities.model.records import Position, Stance
from posities.model.words import Lang, parse_stance
from posities.render.formats import Format

if TYPE_CHECKING:
    from posities.git.repo import Repo
    from posities.git.state import RegisterState

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
DataFormat = Literal[Format.TABLE, Format.MARKDOWN, Format.JSON, Format.CSV]
"""The formats of the data commands: list, show, matrix, diff and log."""

FormatOption = Annotated[
    DataFormat,
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


def _out_path(text: str) -> Path | None:
    """The file `-o` names; None for `-`, standard output (`./-` names a file)."""
    return None if text == "-" else Path(text)


OutFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        show_default=False,
        parser=_out_path,
        help="Write the report to FILE (UTF-8, replaced in one step; a device or pipe is "
        "written into; - is standard output) instead of printing it.",
    ),
]


def _stance_value(text: str) -> Stance:
    try:
        return parse_stance(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _tri(text: str) -> Tri:
    try:
        return parse_tri(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _tri_option(flag: str | None, words: str) -> Any:
    """A yes/no/unknown option that takes the Dutch words too (`--goal-shared ja`)."""
    return _word_option(flag, words, _tri, "YES|NO|UNKNOWN", _complete_tri)


def _stance_option(flag: str | None, words: str) -> Any:
    """A stance option that takes the Dutch labels too (`--stance kritisch`)."""
    return _word_option(flag, words, _stance_value, "STANCE", _complete_stances)


def _word_option(
    flag: str | None,
    words: str,
    parser: Callable[[str], Any],
    metavar: str,
    complete: Callable[[str], list[str]],
) -> Any:
    return typer.Option(
        *([flag] if flag else []),
        parser=parser,
        metavar=metavar,
        autocompletion=complete,
        help=words,
        show_default=False,
    )


def _complete_stances(incomplete: str) -> list[str]:
    from posities.model.words import STANCE_WORDS

    return [w for w in STANCE_WORDS if w.startswith(incomplete.casefold())]


def _complete_tri(incomplete: str) -> list[str]:
    from posities.core.query import TRI_WORDS

    return [w for w in TRI_WORDS if w.startswith(incomplete.casefold())]


STANCE_HELP = "supports, neutral, concerned, critical or opposes (or in Dutch: steunt, neutraal, "
STANCE_HELP += "bezorgd, kritisch, wijst af)"
TRI_HELP = "yes, no or unknown (not stated); ja, nee or onbekend (niet vermeld) too"


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


class _OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed stream): said as such,
    unlike any other OSError, which would be a bug."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """Turn a failed write to standard output into `_OutputFailed` (a broken pipe stays one:
    the reader went away, which is no error)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _OutputFailed(error) from None


def _out(text: str) -> None:
    with _writing():
        sys.stdout.write(text)


def _deliver(
    report: "str | Iterable[str]",
    out_file: Path | None,
    register: Path | None,
    own: Path | None = None,
    json: bool = False,
) -> None:
    """Print a report, or write it to `out_file` in one step (never over a position file, nor
    into the register folder but at `own`). JSON that the output encoding cannot show whole
    is printed with `\\u` escapes instead: exact, where a table would be approximated."""
    if out_file is None:
        errors = getattr(sys.stdout, "errors", None)
        if json and errors == "posities-approximate":
            sys.stdout.reconfigure(errors="posities-json")  # type: ignore[union-attr]
        with _writing():
            sys.stdout.writelines([report] if isinstance(report, str) else report)
        return
    from posities.io.reports import write_report

    try:
        write_report(out_file, [report] if isinstance(report, str) else report, register, own)
    except PositiesError as error:
        _fail(error)
    _err(f"wrote {display_path(out_file)}")


def _register_if_any() -> Path | None:
    """The register found here (or through POSITIES_DIR); None where there is none."""
    try:
        return find_register(Path.cwd(), _env_dir())
    except PositiesError:
        return None


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _fail(error: PositiesError, exit_code: int | None = None) -> NoReturn:
    _err(f"error: {error}")
    limit = error.problems_shown
    for problem in error.problems[:limit]:
        _err(f"  {problem}")
    if limit is not None and len(error.problems) > limit:
        _err(f"  … and {len(error.problems) - limit} more")
    raise typer.Exit(error.exit_code if exit_code is None else exit_code)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _terminal() -> bool:
    return sys.stdout.isatty()


def _width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _print_rich(renderable: object) -> None:
    from rich.console import Console

    with _writing():
        Console(highlight=False, emoji=False, markup=False).print(renderable)


def _warn_unread(register: Register) -> None:
    """Name each file in the register folder that is not read, so that none is missed."""
    for warning in register.warnings:
        _err(f"warning: {warning.path} is {warning.message}")


def _read(folder: str | None) -> Register:
    register = load(find_register(Path.cwd(), folder))
    _warn_unread(register)
    if not register.valid:
        raise InvalidRegister(register.problems)
    return register


def _state_line(
    register: Register,
    state: "RegisterState | None",
    shown_count: int,
    where: Filter | None,
    lang: Lang,
) -> str:
    from posities.git.state import register_state
    from posities.render.tables import selection, state_line

    if state is None:
        state = register_state(register.root, register.fingerprint)
    criteria = selection(where, lang) if where is not None else []
    return state_line(state, shown_count, len(register.positions), criteria, lang)


def _read_at(
    folder: str | None, at: str | None, only: str | None = None
) -> "tuple[Register, RegisterState | None]":
    """The register now, or as it stood at a revision or date, with that commit as its state.
    At a revision, `only` (one position's id) is shown despite problems in other files, which
    are warned of."""
    if at is None:
        return _read(folder), None
    from posities.core.history import Reader, register_then
    from posities.git.repo import open_repo
    from posities.git.state import RegisterState

    repo = open_repo(find_register(Path.cwd(), folder))
    commit = repo.point(at)
    register = register_then(Reader(repo), commit, only)
    for problem in register.problems:
        _err(f"warning: {problem} (another file; {only} is shown)")
    return register, RegisterState(register.fingerprint, commit.sha, commit.day)


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


DisagreeOption = Annotated[
    bool, typer.Option("--disagree", help="Only positions that disagree: critical or opposes.")
]
AgreeOption = Annotated[bool, typer.Option("--agree", help="Only positions that agree: supports.")]
StanceOption = Annotated[
    list[Stance] | None,
    _stance_option("--stance", f"Only this stance: {STANCE_HELP}. Repeat for any of several."),
]
GoalSharedOption = Annotated[
    Tri | None,
    _tri_option("--goal-shared", f"Only where the goal is shared: {TRI_HELP}."),
]
MeansDifferOption = Annotated[
    Tri | None,
    _tri_option("--means-differ", f"Only where the means differ: {TRI_HELP}."),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        metavar="TOPIC",
        help="Only positions tagged with this topic; repeat for any of several.",
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", metavar="ACTOR", help="Only decisions by this actor (e.g. US)."),
]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search",
        metavar="TEXT",
        help="Only positions whose titles, summaries or quotes contain TEXT (any case).",
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="REV|DATE",
        help="The register as it stood at a git revision, or on a date YYYY-MM-DD "
        "(the last commit on or before that day).",
    ),
]


def _filter(
    disagree: bool,
    agree: bool,
    stance: list[Stance] | None,
    goal_shared: Tri | None,
    means_differ: Tri | None,
    topic: list[str] | None,
    actor: str | None,
    search: str | None,
) -> Filter:
    if agree and disagree:
        raise typer.BadParameter(
            "use --agree or --disagree, not both", param_hint="--agree/--disagree"
        )
    return Filter(
        disagree=disagree,
        agree=agree,
        stances=frozenset(stance or ()),
        goal_shared=goal_shared,
        means_differ=means_differ,
        topics=frozenset(topic or ()),
        actor=actor,
        search=search,
    )


@app.command("list")
def list_command(
    disagree: DisagreeOption = False,
    agree: AgreeOption = False,
    stance: StanceOption = None,
    goal_shared: GoalSharedOption = None,
    means_differ: MeansDifferOption = None,
    topic: TopicOption = None,
    actor: ActorOption = None,
    search: SearchOption = None,
    sort: Annotated[
        SortKey,
        typer.Option("--sort", case_sensitive=False, help="Order by decision date, id or stance."),
    ] = SortKey.DATE,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="With --format markdown: a footnote with the verbatim quote on each cell it "
            "supports, one per distinct quote.",
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
            "updated. Default: id, title, date, stance, goal_shared, means_differ.",
        ),
    ] = None,
    at: AtOption = None,
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """List positions as a table, sorted by decision date; filters combine (all must hold).

    Examples:

      posities list --disagree

      posities list --goal-shared yes --means-differ yes --format markdown --lang nl --sources

      posities list --columns id,title,summary --format markdown --sources -o memo.md

      posities list --at 2026-11-20   (the register as committed on that day)
    """
    where = _filter(disagree, agree, stance, goal_shared, means_differ, topic, actor, search)
    if sources and output is not Format.MARKDOWN:
        raise typer.BadParameter("--sources needs --format markdown", param_hint="--sources")
    chosen_columns = _columns(columns)
    try:
        register, state = _read_at(folder, at)
    except PositiesError as error:
        _fail(error)
    _warn_unmatched(register, where)
    chosen = select(register.positions, where, sort, reverse)
    _refuse_unverified(register, chosen)
    if not chosen and output is Format.TABLE and out_file is None:
        if register.positions:
            _err(f"No positions match ({len(register.positions)} in the register).")
        else:
            _err("The register has no positions yet: posities new ID adds one.")
        return
    terminal = _terminal() and out_file is None
    report = _list_report(
        register, state, chosen, where, output, lang, sources, chosen_columns, terminal
    )
    if report is None:
        from posities.render import tables as render

        shown_columns = chosen_columns or render.LIST_COLUMNS
        _print_rich(render.rich_table(chosen, lang, shown_columns, _width()))
    else:
        _deliver(report, out_file, register.root, json=output is Format.JSON)


def _refuse_unverified(register: Register, positions: list[Position]) -> None:
    """Stop, as for an invalid file, when a quote behind a position about to be shown is not
    in its text: every claim a table shows rests on its quotes."""
    from posities.core.checks import verify_printed

    if problems := verify_printed(register, positions):
        _fail(InvalidRegister(problems))


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
    output: DataFormat,
    lang: Lang,
    sources: bool,
    columns: tuple[str, ...] | None,
    terminal: bool,
) -> "str | Iterable[str] | None":
    """The list in `output`; None where a terminal gets the Rich table."""
    from posities.render import tables as render

    if output is Format.JSON:
        if columns is None:
            return render.json_chunks(chosen, register.encoded)
        return render.json_columns(chosen, columns)
    if output is Format.CSV:
        return render.csv_text(chosen, lang, columns or render.CSV_COLUMNS)
    if output is Format.MARKDOWN:
        line = _state_line(register, state, len(chosen), where, lang)
        return render.markdown_list(
            chosen, lang, line, with_sources=sources, columns=columns or render.LIST_COLUMNS
        )
    if output is Format.TABLE:
        if terminal:
            return None
        shown_columns = columns or render.LIST_COLUMNS
        cells = render.rows(chosen, shown_columns, lang)
        return render.plain_table(render.headers(shown_columns, lang), cells)
    assert_never(output)


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
    at: AtOption = None,
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Show everything in one position, with its sources and their verbatim quotes.

    Each quote is checked against its source's local text first; one not found there is an
    error and nothing is printed.

    Examples: posities show jcpoa --lang nl; posities show jcpoa --at HEAD~1
    """
    from posities.core.checks import verify_printed
    from posities.model.records import to_dict
    from posities.render import tables as render

    try:
        register, state = _read_at(folder, at, only=position_id)
        position = next((p for p in register.positions if p.id == position_id), None)
        if position is None:
            hint = suggest_ids(position_id, register.positions)
            tail = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise UsageError(
                f"no position with id {shown(position_id)}{tail} (`posities list` shows all ids)"
            )
        if problems := verify_printed(register, [position]):
            raise InvalidRegister(problems)
    except PositiesError as error:
        _fail(error)
    if output is Format.JSON:
        report = render.json_text(to_dict(position))
    elif output is Format.CSV:
        report = render.csv_text([position], lang)
    elif output is Format.MARKDOWN:
        report = render.markdown_show(position, lang, _state_line(register, state, 1, None, lang))
    elif output is Format.TABLE:
        if _terminal() and out_file is None:
            _print_rich(render.rich_show(position, lang))
            return
        report = render.plain_show(position, lang)
    else:
        assert_never(output)
    _deliver(report, out_file, register.root, json=output is Format.JSON)


@app.command()
def matrix(
    disagree: DisagreeOption = False,
    agree: AgreeOption = False,
    stance: StanceOption = None,
    topic: TopicOption = None,
    actor: ActorOption = None,
    search: SearchOption = None,
    at: AtOption = None,
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Goal shared x means differ: where the government agrees on the goal but not on the way.

    Rows are goal shared (yes, no, unknown), columns means differ (yes, no, unknown); each cell
    names its decisions. Unknown is its own row and column, never counted as no.

    Example: posities matrix --format markdown --lang nl
    """
    from posities.core.query import quadrants
    from posities.render import tables as render

    where = _filter(disagree, agree, stance, None, None, topic, actor, search)
    try:
        register, state = _read_at(folder, at)
    except PositiesError as error:
        _fail(error)
    _warn_unmatched(register, where)
    kept = [p for p in register.positions if where.keeps(p)]
    _refuse_unverified(register, kept)
    cells = quadrants(kept)
    if output is Format.JSON:
        report = render.matrix_json(cells, lang)
    elif output is Format.CSV:
        report = render.matrix_csv(cells, lang)
    elif output is Format.MARKDOWN:
        shown_count = sum(len(c) for c in cells.values())
        line = _state_line(register, state, shown_count, where, lang)
        report = render.matrix_markdown(cells, lang, line)
    elif output is Format.TABLE:
        widths = render.matrix_widths(cells, lang, _width())
        if _terminal() and out_file is None and widths is not None:
            _print_rich(render.matrix_rich(cells, lang, widths))
            return
        report = render.matrix_plain(cells, lang)
    else:
        assert_never(output)
    _deliver(report, out_file, register.root, json=output is Format.JSON)


@app.command()
def schema(out_file: OutFileOption = None) -> None:
    """Print the JSON Schema (draft 2020-12) of a position file, for editors.

    It is made from the same declaration that check validates against. Save it beside the
    register's files and point to it from each file's first line, as the bundled ones do:

      posities schema > positions/position.schema.json

      # yaml-language-server: $schema=position.schema.json
    """
    from posities.model.schema import SCHEMA_FILE, json_schema
    from posities.render.tables import json_text

    root = _register_if_any() if out_file is not None else None
    own = root / SCHEMA_FILE if root is not None else None
    _deliver(json_text(json_schema()), out_file, root, own, json=True)


CheckFormat = Literal[Format.TABLE, Format.MARKDOWN, Format.JSON, Format.CSV, Format.GITHUB]
"""The formats of `check`: those of the data commands, plus GitHub Actions annotations."""


def _days(value: str | None) -> int | None:
    from posities.core.checks import parse_duration

    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError:
        raise typer.BadParameter(
            f"{shown(value)} is not a duration: write a number and d, w, m or y, e.g. 180d",
            param_hint="--stale",
        ) from None


@app.command()
def check(
    output: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Output format: table (path:line:col: message), markdown, json, csv, or "
            "github (GitHub Actions annotations, each with its plain line).",
        ),
    ] = Format.TABLE,
    stale: Annotated[
        str | None,
        typer.Option(
            "--stale",
            metavar="AGE",
            help="Also warn of positions whose updated date is older than AGE: days, weeks, "
            "months (30 days) or years, e.g. 180d, 26w, 6m, 1y.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Count warnings (files not read, quotes with no local text, stale stances, "
            "a folder with no position files) as problems: reported as errors, exit 1.",
        ),
    ] = False,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Validate the whole register and report every problem as path:line:col: message.

    Checks each file's YAML and fields, that ids are unique and match file names, that each
    source's local text is a file inside the register, and that every quote appears verbatim
    in it (whitespace, line-break hyphens and quote marks aside). A quote whose source has no
    local text cannot be checked: a warning. With --stale, also warns of stances not
    reassessed for a while. Exit status: 0 clean (or warnings only), 1 problems found (or
    warnings, with --strict), 2 usage error.

    Examples: posities check; posities check --stale 180d --format github
    """
    import datetime

    from posities.core.checks import report
    from posities.render import tables as render

    days = _days(stale)
    try:
        register = load(find_register(Path.cwd(), folder))
    except PositiesError as error:
        _fail(error)
    found = report(register, days, datetime.date.today(), strict, stale or "")
    if output is Format.JSON:
        text = render.problems_json(found.reported)
    elif output is Format.CSV:
        text = render.problems_csv(found.reported)
    elif output is Format.MARKDOWN:
        text = render.problems_markdown(found.reported)
    elif output is Format.GITHUB:
        text = render.problems_github(found.reported)
    elif output is Format.TABLE:
        text = render.problems_text(found.reported)
    else:
        assert_never(output)
    if text or out_file is not None:
        _deliver(text, out_file, register.root, json=output is Format.JSON)
    for line in found.summary:
        _err(line)
    if found.failed:
        raise typer.Exit(EXIT_PROBLEMS)


# --- over time -------------------------------------------------------------------------------


def _history_date(value: str | None, option: str) -> str | None:
    import datetime

    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{shown(value)} is not a date YYYY-MM-DD", param_hint=option
        ) from None
    return value


def _warn_unmatched_now(root: Path, where: Filter) -> None:
    """After an empty diff or log: warn of a topic or actor that no position has now."""
    if not where.topics and where.actor is None:
        return
    register = load(root)
    if register.valid:
        _warn_unmatched(register, where)


def _print_lines(lines: list[tuple[str, str]], out_file: Path | None, root: Path) -> None:
    from posities.render import history as render_history

    if _terminal() and out_file is None:
        _print_rich(render_history.rich_lines(lines))
    else:
        _deliver(render_history.plain(lines), out_file, root)


@app.command()
def diff(
    from_point: Annotated[
        str | None,
        typer.Argument(
            metavar="[FROM]",
            show_default=False,
            help="Revision or date YYYY-MM-DD to compare from (default: HEAD), or a range "
            "A..B or A...B.",
        ),
    ] = None,
    to_point: Annotated[
        str | None,
        typer.Argument(
            metavar="[TO]",
            show_default=False,
            help="Revision or date to compare to (default: the working tree, edits included).",
        ),
    ] = None,
    disagree: DisagreeOption = False,
    agree: AgreeOption = False,
    stance: StanceOption = None,
    goal_shared: GoalSharedOption = None,
    means_differ: MeansDifferOption = None,
    topic: TopicOption = None,
    actor: ActorOption = None,
    search: SearchOption = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, 0 when none."),
    ] = False,
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """Show what changed in the register between two points in its git history.

    Like git diff: no argument compares HEAD with the working tree, one argument compares that
    point with the working tree, A..B compares A with B and A...B compares where A and B
    branched with B (a side left out is HEAD). A point is a revision (anything git rev-parse
    accepts) or a date YYYY-MM-DD: the last commit on or before that day on the current branch;
    a date before the first commit is the empty register. Changes are compared field by field
    and keyed by id: comments and layout are not changes. A filter keeps a position that
    matches it at either point. Errors exit 2.

    Examples:

      posities diff

      posities diff 2018-01-01 --disagree

      posities diff HEAD~1..HEAD

      posities diff v1.0 HEAD --format markdown --lang nl
    """
    from posities.core.history import Reader, compare_points, reads_since, span
    from posities.git.repo import open_repo
    from posities.render import history as render_history

    where = _filter(disagree, agree, stance, goal_shared, means_differ, topic, actor, search)
    try:
        root = find_register(Path.cwd(), folder)
        repo = open_repo(root)
        old, new = span(repo, from_point, to_point)
        changes = compare_points(Reader(repo), old, new, root, where)
    except PositiesError as error:
        _fail(error, EXIT_USAGE)
    if output is Format.JSON:
        _deliver(render_history.diff_json(changes, old, new), out_file, root, json=True)
    elif output is Format.CSV:
        _deliver(render_history.diff_csv(changes, lang), out_file, root)
    elif output is Format.MARKDOWN:
        since = reads_since(repo, old, new)
        _deliver(render_history.diff_markdown(changes, old, new, lang, since), out_file, root)
    elif output is Format.TABLE:
        _print_lines(render_history.diff_lines(changes, old, new, lang), out_file, root)
    else:
        assert_never(output)
    if not changes:
        _warn_unmatched_now(root, where)
    if exit_code and changes:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def log(
    position_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            show_default=False,
            help="Only this position (default: every position).",
            autocompletion=_complete_ids,
        ),
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
    disagree: DisagreeOption = False,
    agree: AgreeOption = False,
    stance: StanceOption = None,
    goal_shared: GoalSharedOption = None,
    means_differ: MeansDifferOption = None,
    topic: TopicOption = None,
    actor: ActorOption = None,
    search: SearchOption = None,
    output: FormatOption = Format.TABLE,
    lang: LangOption = Lang.EN,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """The history of real changes to positions, newest first: commit, date, author, message
    and the fields each commit changed.

    Every commit reachable from HEAD is listed, on merged branches too; a merge shows what it
    changed itself against its first parent (a conflict resolved, an edit of its own), not what
    it brought in unchanged from a branch, which that branch's commits show. Commits that only
    touched comments or layout are left out. A version of a file that was invalid is reported
    as a warning and skipped. Errors exit 2.

    Examples:

      posities log jcpoa

      posities log --since 2018-01-01 --format markdown --lang nl
    """
    from posities.core.history import Reader, known_ids
    from posities.core.history import log as history_log
    from posities.render import history as render_history

    where = _filter(disagree, agree, stance, goal_shared, means_differ, topic, actor, search)
    since = _history_date(since, "--since")
    until = _history_date(until, "--until")
    try:
        if position_id is not None:
            from posities.core.editing import require_id_length

            require_id_length(position_id)
        repo = open_repo_for(folder)
        reader = Reader(repo)
        found = history_log(reader, position_id, since, until, where, first_parent)
        entries = found.entries
        if position_id is not None and not entries and not found.cut:
            ids = known_ids(reader)
            if position_id not in ids:
                hint = suggest(position_id, ids)
                tail = f"; did you mean {', '.join(hint)}?" if hint else ""
                raise UsageError(f"no position with id {shown(position_id)} in the history{tail}")
    except PositiesError as error:
        _fail(error, EXIT_USAGE)
    for problem in found.problems:
        _err(f"warning: {problem} (this version is skipped)")
    for commit in found.cut:
        _err(
            f"warning: this is a shallow clone and its history stops at {commit.short} "
            f"({commit.day}): what that commit changed is not known, so it is left out; fetch "
            "the full history with git fetch --unshallow"
        )
    if not entries:
        _warn_unmatched_now(repo.top / repo.register, where)
    root = repo.top / repo.register
    if output is Format.JSON:
        _deliver(render_history.log_json(entries), out_file, root, json=True)
    elif output is Format.CSV:
        _deliver(render_history.log_csv(entries, lang), out_file, root)
    elif output is Format.MARKDOWN:
        title = (
            ("Geschiedenis van " if lang is Lang.NL else "History of ") + position_id
            if position_id
            else ("Geschiedenis van de standpunten" if lang is Lang.NL else "History of positions")
        )
        _deliver(render_history.log_markdown(entries, lang, title), out_file, root)
    elif output is Format.TABLE:
        if entries:
            _print_lines(render_history.log_lines(entries, lang), out_file, root)
        else:
            _err(render_history.empty_log(position_id, since, until, where.describe(), found.cut))
    else:
        assert_never(output)


def open_repo_for(folder: str | None) -> "Repo":
    """The git repository that holds the register."""
    from posities.git.repo import open_repo

    return open_repo(find_register(Path.cwd(), folder))


# --- editing ---------------------------------------------------------------------------------

IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The position's id (its file name without .yaml).",
        autocompletion=_complete_ids,
    ),
]


def _tri_value(value: Tri | None) -> bool | None:
    return None if value is None else value.as_value()


def _require_utf8(ctx: typer.Context) -> None:
    """Refuse, naming its option as it was typed, a value that is not UTF-8 text, before
    anything is read or written; the register folder is exempt (a path to read, not a value
    to write)."""
    from posities.core.editing import require_utf8

    for param in ctx.command.params:
        name = param.name or ""
        if name == "folder" or getattr(ctx.get_parameter_source(name), "name", "") == "DEFAULT_MAP":
            continue  # an old spelling's value stands in it: the old one is checked
        value = ctx.params.get(name)
        shown_as = param.opts[0] if param.param_type_name == "option" else param.human_readable_name
        try:
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, str):
                    require_utf8(shown_as, item)
        except UsageError as error:
            _fail(error)


def _root(folder: str | None) -> Path:
    try:
        return find_register(Path.cwd(), folder)
    except PositiesError as error:
        _fail(error)


@app.command("set")
def set_command(
    ctx: typer.Context,
    position_id: IdArgument,
    stance: Annotated[
        Stance | None,
        _stance_option("--stance", f"The stance: {STANCE_HELP}."),
    ] = None,
    goal_shared: Annotated[
        Tri | None,
        _tri_option("--goal-shared", f"Is the goal shared: {TRI_HELP}."),
    ] = None,
    means_differ: Annotated[
        Tri | None,
        _tri_option("--means-differ", f"Do the means differ: {TRI_HELP}."),
    ] = None,
    summary_nl: Annotated[str | None, typer.Option("--summary-nl", help="Summary, Dutch.")] = None,
    summary_en: Annotated[
        str | None, typer.Option("--summary-en", help="Summary, English.")
    ] = None,
    title_nl: Annotated[str | None, typer.Option("--title-nl", help="Title, Dutch.")] = None,
    title_en: Annotated[str | None, typer.Option("--title-en", help="Title, English.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Who took the decision.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="The decision's date.")
    ] = None,
    topics: Annotated[
        str | None,
        typer.Option("--topics", metavar="A,B", help="Replace the topics (comma-separated)."),
    ] = None,
    updated: Annotated[
        str | None,
        typer.Option(
            "--updated",
            metavar="DATE",
            help="When the stance was assessed (default: today, if stance, goal shared or "
            "means differ change).",
        ),
    ] = None,
    folder: DirOption = None,
) -> None:
    """Change fields of a position, touching only their lines (comments and layout stay).

    The result is validated before it is written, and written atomically; a change that
    would make the file invalid (say a goal stated with no source behind it) is refused.

    Example: posities set jcpoa --stance opposes --goal-shared unknown
    """
    from posities.core import editing

    _require_utf8(ctx)
    wanted: dict[tuple[str | int, ...], Any] = {}
    if stance is not None:
        wanted[("stance",)] = stance.value
    if goal_shared is not None:
        wanted[("goal_shared",)] = _tri_value(goal_shared)
    if means_differ is not None:
        wanted[("means_differ",)] = _tri_value(means_differ)
    texts: dict[tuple[str | int, ...], str | None] = {
        ("summary", "nl"): summary_nl,
        ("summary", "en"): summary_en,
        ("title", "nl"): title_nl,
        ("title", "en"): title_en,
        ("actor",): actor,
        ("decision", "date"): date,
    }
    wanted.update({path: value for path, value in texts.items() if value is not None})
    if topics is not None:
        wanted[("topics",)] = [t.strip() for t in topics.split(",") if t.strip()]
    if not wanted and updated is None:
        raise typer.BadParameter("nothing to change: give at least one field option")
    try:
        changed = editing.set_position(_root(folder), position_id, wanted, updated)
    except PositiesError as error:
        _fail(error)
    if not changed.fields:
        _err(f"{position_id}: nothing changed; the file is as it was")
        return
    _err(f"wrote {display_path(changed.path)}")
    for line in changed.lines():
        _err(f"  {line}")


_OLD_SPELLINGS: dict[str, str] = {}
"""Each old option name, hidden, and the parameter it is the old spelling of."""


class _NewSpellings(TyperCommand):
    """A command whose suggestions for a mistyped option never name an old spelling, which is
    hidden: the option it is the old spelling of is suggested instead."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse as Click does, mending the suggestions of an unknown option."""
        from typer._click.exceptions import NoSuchOption  # Typer's own Click

        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as error:
            error.possibilities = self._new_spellings(error.possibilities or ())
            raise

    def _new_spellings(self, names: Iterable[str]) -> list[str]:
        spelled = {param.name: param.opts[0] for param in self.params if param.opts}
        hidden = {
            name for param in self.params if getattr(param, "hidden", False) for name in param.opts
        }
        return sorted(
            {spelled.get(_OLD_SPELLINGS.get(n, ""), n) if n in hidden else n for n in names}
            - hidden
        )


def _old_spelling(name: str, new: str) -> Any:
    """A hidden option `name`, the old spelling of option `new` (a parameter name): given
    alone, its value stands in for the new option's; the command refuses both with different
    values. Add it to a command made with `cls=_NewSpellings`."""
    _OLD_SPELLINGS[name] = new

    def stand_in(ctx: typer.Context, value: str | None) -> str | None:
        if value is not None:  # read where a missing option looks for its default
            ctx.default_map = {**(ctx.default_map or {}), new: value}
        return value

    return typer.Option(name, hidden=True, is_eager=True, callback=stand_in)


def _one_spelling(*pairs: tuple[str, str, str | None, str | None]) -> None:
    """Refuse an old and a new spelling of one option given with different values."""
    for old, new, old_value, new_value in pairs:
        if old_value is not None and old_value != new_value:
            raise typer.BadParameter(
                f"{old} is the old spelling of {new}; give one of them, not both with "
                "different values"
            )


@app.command("add-source", cls=_NewSpellings)
def add_source_command(
    ctx: typer.Context,
    position_id: IdArgument,
    source_title: Annotated[
        str, typer.Option("--source-title", help="The document's title.", show_default=False)
    ],
    quote: Annotated[
        str | None,
        typer.Option("--quote", help="Copied verbatim from the document.", show_default=False),
    ] = None,
    source_kind: Annotated[
        str,
        typer.Option("--source-kind", help="The source's kind: kamerbrief, verslag, persbericht…"),
    ] = "kamerbrief",
    find: Annotated[
        str | None,
        typer.Option(
            "--find",
            metavar="PHRASE",
            show_default=False,
            help="Instead of --quote: take the passage of the register's texts closest to "
            "PHRASE (as posities quote find shows it), and its file as --source-text.",
        ),
    ] = None,
    source_date: Annotated[
        str | None,
        typer.Option("--source-date", metavar="DATE", help="The document's date, if known."),
    ] = None,
    source_text: Annotated[
        str | None,
        typer.Option(
            "--source-text", metavar="PATH", help="A local copy of its text (register-relative)."
        ),
    ] = None,
    source_url: Annotated[
        str | None, typer.Option("--source-url", help="Where it is published.")
    ] = None,
    supports: Annotated[
        list[str] | None,
        typer.Option(
            "--supports",
            metavar="FIELD",
            help="What this quote states: stance, goal_shared, means_differ, decision or "
            "summary; repeat or separate with commas (stance,summary). Without it, the quote "
            "backs them all.",
        ),
    ] = None,
    goal_shared: Annotated[
        Tri | None,
        _tri_option(
            "--goal-shared",
            "Set goal shared as this quote states it, in the same step (a claim that is "
            f"not stated cannot be supported): {TRI_HELP}.",
        ),
    ] = None,
    means_differ: Annotated[
        Tri | None,
        _tri_option(
            "--means-differ",
            f"Set means differ as this quote states it, in the same step: {TRI_HELP}.",
        ),
    ] = None,
    folder: DirOption = None,
    old_title: Annotated[str | None, _old_spelling("--title", "source_title")] = None,
    old_kind: Annotated[str | None, _old_spelling("--kind", "source_kind")] = None,
    old_date: Annotated[str | None, _old_spelling("--date", "source_date")] = None,
    old_text: Annotated[str | None, _old_spelling("--text", "source_text")] = None,
    old_url: Annotated[str | None, _old_spelling("--url", "source_url")] = None,
) -> None:
    """Append a source, with its verbatim quote, to a position.

    The quote must be found in the source's local text (--source-text), or nothing is
    written. --find takes it from the texts for you: the one passage closest to a rough
    phrase; it is refused when two passages are about equally close. A quote that states
    what the position does not yet (--supports goal_shared) sets it in the same step
    (--goal-shared yes).

    Example: posities add-source jcpoa --source-title "Bondgenoten in onzekere tijden"
    --source-kind kamerbrief --find "zorgelijke trend minder multilateraal" --supports summary
    """
    from posities.core import editing
    from posities.core.checks import pick_passage

    _require_utf8(ctx)
    _one_spelling(
        ("--title", "--source-title", old_title, source_title),
        ("--kind", "--source-kind", old_kind, source_kind),
        ("--date", "--source-date", old_date, source_date),
        ("--text", "--source-text", old_text, source_text),
        ("--url", "--source-url", old_url, source_url),
    )
    if (quote is None) == (find is None):
        raise typer.BadParameter(
            "give the quote with --quote TEXT, or find it with --find PHRASE (one of the two)",
            param_hint="--quote/--find",
        )
    if find is not None and not find.strip():
        raise typer.BadParameter(
            "give some words of the passage to quote (a phrase is needed)", param_hint="'--find'"
        )
    try:
        root = _root(folder)
        if source_text is not None:
            typed = "--text" if old_text is not None else "--source-text"
            source_text = editing.source_text(root, source_text, typed)
        picked = pick_passage(root, find, source_text) if find is not None else None
        if picked is not None:
            quote, source_text = picked.passage.text, picked.relative
        source: dict[str, object] = {
            "title": source_title,
            "kind": source_kind,
            "date": source_date,
        }
        if source_text is not None:
            source["text"] = source_text
        if source_url is not None:
            source["url"] = source_url
        if supports:
            source["supports"] = editing.claims_given(supports)
        source["quote"] = quote
        stated: dict[tuple[str | int, ...], Any] = {
            (name,): _tri_value(value)
            for name, value in (("goal_shared", goal_shared), ("means_differ", means_differ))
            if value is not None
        }
        changed = editing.append_source(root, position_id, source, stated)
    except PositiesError as error:
        _fail(error)
    _err(f"wrote {display_path(changed.path)}: added a source ({source_title})")
    for line in changed.lines():
        _err(f"  {line}")
    if picked is not None:
        where = f"{display_path(picked.path)}:{picked.passage.line}"
        _err(f"  quote from {where}: {shown(picked.passage.text, 1000)}")


@app.command()
def new(
    ctx: typer.Context,
    position_id: Annotated[str, typer.Argument(metavar="ID", help="The new id (kebab-case).")],
    title_nl: Annotated[
        str | None, typer.Option(help="The decision's name, Dutch.", show_default=False)
    ] = None,
    title_en: Annotated[
        str | None, typer.Option(help="The decision's name, English.", show_default=False)
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who took the decision (e.g. US).", show_default=False)
    ] = None,
    date: Annotated[
        str | None, typer.Option(metavar="DATE", help="The decision's date.", show_default=False)
    ] = None,
    stance: Annotated[
        Stance | None,
        _stance_option(None, f"The stance: {STANCE_HELP}."),
    ] = None,
    goal_shared: Annotated[
        Tri,
        _tri_option(None, f"Is the goal shared: {TRI_HELP}."),
    ] = Tri.UNKNOWN,
    means_differ: Annotated[
        Tri,
        _tri_option(None, f"Do the means differ: {TRI_HELP}."),
    ] = Tri.UNKNOWN,
    description_nl: Annotated[
        str | None, typer.Option(help="What was decided, Dutch.", show_default=False)
    ] = None,
    description_en: Annotated[
        str | None, typer.Option(help="What was decided, English.", show_default=False)
    ] = None,
    summary_nl: Annotated[
        str | None, typer.Option(help="The stance in a sentence or two, Dutch.", show_default=False)
    ] = None,
    summary_en: Annotated[
        str | None,
        typer.Option(help="The stance in a sentence or two, English.", show_default=False),
    ] = None,
    topics: Annotated[str, typer.Option(metavar="A,B", help="Topics, comma-separated.")] = "",
    source_title: Annotated[
        str | None, typer.Option(help="The source document's title.", show_default=False)
    ] = None,
    source_kind: Annotated[str, typer.Option(help="The source's kind.")] = "kamerbrief",
    source_date: Annotated[
        str | None, typer.Option(metavar="DATE", help="The source's date, if known.")
    ] = None,
    source_text: Annotated[
        str | None,
        typer.Option(metavar="PATH", help="A local copy of the source's text (register-relative)."),
    ] = None,
    source_url: Annotated[
        str | None, typer.Option(help="Where the source is published.", show_default=False)
    ] = None,
    quote: Annotated[
        str | None, typer.Option(help="The source's words, copied verbatim.", show_default=False)
    ] = None,
    supports: Annotated[
        list[str] | None,
        typer.Option(
            "--supports",
            metavar="FIELD",
            help="What the quote states: stance, goal_shared, means_differ, decision or "
            "summary; repeat or separate with commas. Default: the stance, and goal shared and "
            "means differ where you state them.",
        ),
    ] = None,
    folder: DirOption = None,
) -> None:
    """Create a position file from a commented template, and print its path.

    Every field a valid position needs must be given; in a terminal you are asked for the
    ones missing. The file names the JSON Schema on its first line (written beside it if
    missing). An existing id is refused.

    Example: posities new tariffs-2025 --title-nl "Heffingen" --title-en "Tariffs" --actor US
    --date 2025-01-20 --stance critical ...
    """
    from posities.core import editing

    _require_utf8(ctx)
    fields: dict[str, object] = {
        "id": position_id,
        "title_nl": title_nl,
        "title_en": title_en,
        "actor": actor,
        "date": date,
        "stance": stance.value if stance else None,
        "description_nl": description_nl,
        "description_en": description_en,
        "summary_nl": summary_nl,
        "summary_en": summary_en,
        "source_title": source_title,
        "quote": quote,
    }
    root = _root(folder)
    try:
        editing.check_new_id(root, position_id)
    except PositiesError as error:
        _fail(error)
    missing = [name for name, value in fields.items() if value is None]
    if missing and _interactive():
        source_text = _ask_missing(root, fields, missing, source_text)
    elif missing:
        flags = ", ".join("--" + name.replace("_", "-") for name in missing)
        raise typer.BadParameter(f"missing {flags} (or run in a terminal to be asked)")
    try:
        claims = editing.claims_given(supports) if supports else None
    except PositiesError as error:
        _fail(error)
    fields.update(
        supports=claims,
        goal_shared=_tri_value(goal_shared),
        means_differ=_tri_value(means_differ),
        topics=[t.strip() for t in topics.split(",") if t.strip()],
        source_kind=source_kind,
        source_date=source_date,
        source_text=source_text,
        source_url=source_url,
        updated=editing.today(),
    )
    try:
        path, also = editing.create(root, fields)
    except PositiesError as error:
        _fail(error)
    for extra in also:
        _err(f"wrote {extra} (the schema the new file points to)")
    _out(display_path(path) + "\n")


def _ask_missing(
    root: Path, fields: dict[str, object], missing: list[str], source_text: str | None
) -> str | None:
    """Ask in the terminal for each missing field, again until its answer is acceptable (a
    quote: until it is found in the source text, asked for first); the given ones are checked
    first, so that no answer is typed in vain. The source text to use."""
    from posities.core import editing

    for name, value in fields.items():
        if name in editing.QUESTIONS and isinstance(value, str):
            try:
                editing.answer(name, value)
            except UsageError as error:
                _fail(UsageError(f"--{name.replace('_', '-')}: {error}"))
    try:
        for name in missing:
            if name == "quote" and source_text is None:
                source_text = _ask("source_text", partial(editing.answer_text, root))
            if name == "quote":
                fields[name] = _ask(name, partial(editing.answer_quote, root, source_text))
            else:
                fields[name] = _ask(name, partial(editing.answer, name))
    except KeyboardInterrupt:
        _err("\ninterrupted: nothing was written")
        raise typer.Exit(130) from None
    except EOFError:
        _err("\nno answer: nothing was written")
        raise typer.Exit(EXIT_PROBLEMS) from None
    return source_text


def _ask(name: str, accept: "Callable[[str], Any]") -> Any:
    """Ask for field `name` on stderr until `accept` takes the answer, saying why it did not."""
    from posities.core import editing

    question = editing.QUESTIONS[name]
    while True:
        sys.stderr.write(f"{question.prompt}: ")
        sys.stderr.flush()
        try:
            return accept(input())
        except UsageError as error:
            _err(f"  {error}")


@app.command()
def edit(position_id: IdArgument, folder: DirOption = None) -> None:
    """Edit a position in $VISUAL or $EDITOR; it is saved only once it is valid.

    You edit a copy. When it is saved invalid, it is reopened with the problems listed at the
    top; quit without saving to give up (your version is kept and its path printed). The
    original is untouched until a valid version is saved.
    """
    from posities.core import editing

    try:
        path = editing.position_path(_root(folder), position_id)
        words = editing.editor_command()
        result = editing.edit(path, lambda file: editing.run_editor(words, file))
    except PositiesError as error:
        _fail(error)
    _err(result.message)
    if result.signal:
        raise typer.Exit(128 + result.signal)  # as shells report it: 130 for Ctrl-C
    if result.failed:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def init(
    folder: Annotated[
        str | None,
        typer.Option(
            "--dir",
            metavar="PATH",
            show_default=False,
            help="The folder to start the register in (default: the current folder).",
        ),
    ] = None,
) -> None:
    """Start a register: positions/ with texts/ and position.schema.json, and in a git
    repository the .gitattributes line of the diff driver. Prints each path it writes.

    What exists is kept, so running it twice changes nothing; a register that has files is
    left alone. Then: posities new ID ...
    """
    from posities.core import editing

    try:
        started = editing.init_register(Path(folder).expanduser() if folder else Path.cwd())
    except PositiesError as error:
        _fail(error)
    for line in started.written + started.notes:
        _err(line)


git_app = typer.Typer(
    name="git",
    help="Let plain git diff and git log -p show position changes field by field.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(git_app)


@git_app.command("install")
def git_install(folder: DirOption = None) -> None:
    """Register posities as git's diff driver for this register's files.

    Adds a line to the repository's .gitattributes (commit it to share it) and sets
    diff.posities.command in the repository's local git config (each clone runs this once).
    Then git diff and git log -p show stance changes instead of YAML lines.
    """
    from posities.git.driver import default_command, install

    try:
        done = install(open_repo_for(folder), default_command())
    except (PositiesError, OSError) as error:
        _fail(error if isinstance(error, PositiesError) else UsageError(str(error)))
    for line in done:
        _err(line)


@git_app.command("uninstall")
def git_uninstall(folder: DirOption = None) -> None:
    """Remove the diff driver: its .gitattributes line and its local git config."""
    from posities.git.driver import uninstall

    try:
        done = uninstall(open_repo_for(folder))
    except (PositiesError, OSError) as error:
        _fail(error if isinstance(error, PositiesError) else UsageError(str(error)))
    for line in done:
        _err(line)


@git_app.command("diff-driver", hidden=True)
def git_diff_driver(
    args: Annotated[list[str], typer.Argument(help="The arguments git passes to a driver.")],
) -> None:
    """Git's external diff protocol: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE,
    and after a rename NEW-PATH RENAME-INFO."""
    from posities.git.driver import Side, side_text

    if len(args) not in (7, 9):
        raise typer.BadParameter(
            f"expected the 7 or 9 arguments git passes to a diff driver, got {len(args)}"
        )
    new_path = args[7] if len(args) == 9 else args[0]
    _out(side_text(Side(args[0], args[1], args[3]), Side(new_path, args[4], args[6])))


quote_app = typer.Typer(
    name="quote",
    help="Find verbatim quotes in the register's source texts.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(quote_app)


QuoteFormat = Literal[Format.TABLE, Format.JSON]
"""The formats of `quote find`."""


@quote_app.command("find")
def quote_find(
    phrase: Annotated[
        str,
        typer.Argument(
            metavar="PHRASE",
            help="Words of the passage, roughly: any order or case, accents and typos allowed.",
        ),
    ],
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="PATH",
            help="Search only this text (relative to the register folder, or as printed).",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many passages.")
    ] = 5,
    output: Annotated[
        QuoteFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="table (path:line, then the passage) or json.",
        ),
    ] = Format.TABLE,
    out_file: OutFileOption = None,
    folder: DirOption = None,
) -> None:
    """The passages of the register's source texts closest to a rough phrase, best first.

    Each passage is one sentence or a few adjacent ones, exactly as the text has them, under
    the path:line where it starts: copy it as a quote instead of retyping it. The texts are
    every *.txt under the register's texts/ folder and every text a source names.

    Example: posities quote find "terugtrekking mensenrechtenraad"
    """
    from typing import assert_never

    from posities.core.checks import find_passages
    from posities.errors import visible
    from posities.render.tables import json_text

    if not phrase.strip():
        raise typer.BadParameter(
            "give a phrase to look for: some words of the passage", param_hint="PHRASE"
        )
    try:
        root = find_register(Path.cwd(), folder)
        found, warnings = find_passages(root, phrase, text, limit)
    except PositiesError as error:
        _fail(error)
    for warning in warnings:
        _err(str(warning))
    if not found:
        _err(f"no passage of the register's texts is close to {shown(phrase, 100)}")
        raise typer.Exit(EXIT_PROBLEMS)
    if output is Format.JSON:
        records = [
            {
                "path": display_path(f.path),
                "text": f.relative,
                "line": f.passage.line,
                "score": f.passage.score,
                "passage": f.passage.text,
            }
            for f in found
        ]
        _deliver(json_text(records), out_file, root, json=True)
    elif output is Format.TABLE:
        _deliver(
            "\n".join(
                f"{display_path(f.path)}:{f.passage.line}  score {f.passage.score:.2f}\n"
                f"{visible(f.passage.text)}\n"
                for f in found
            ),
            out_file,
            root,
        )
    else:
        assert_never(output)


def _only(name: str) -> None:
    """Keep only command `name` in the app, if it is one: Typer converts the options of every
    registered command on each run, about 10 ms that a single command does not need."""
    import os

    if any(key.startswith("_POSITIES_COMPLETE") for key in os.environ):
        return  # completion may ask about any command
    commands = [
        c
        for c in app.registered_commands
        if (c.name or (c.callback.__name__ if c.callback else "").replace("_", "-")) == name
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups


_ASCII_FALLBACK = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "→": ">",
    "↓": "v",
    "•": "*",
    "\u00a0": " ",
}
_approximated = [0]


def _approximate(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a character the output encoding lacks becomes its closest ASCII
    (typographic quotes and dashes, arrows, letters without accents), else "?"; counted, so
    the user is told once that the output is not exact."""
    import unicodedata

    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        plain = _ASCII_FALLBACK.get(char)
        if plain is None:
            stripped = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            plain = stripped or "?"
        out.append(plain)
        _approximated[0] += 1
    return "".join(out), error.end


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler for JSON: a character the output encoding lacks becomes its JSON
    escape (`\\u00e9`, a surrogate pair beyond the first plane), which every reader decodes
    to the character itself; JSON puts such characters only inside strings."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _safe_output() -> None:
    """No command may fail on the output encoding (cp1252, ascii, LC_ALL=C): characters the
    encoding lacks are approximated instead of raising, and a warning says so at the end."""
    import codecs
    import io

    codecs.register_error("posities-approximate", _approximate)
    codecs.register_error("posities-json", _json_escape)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace(
            "-", ""
        ) not in (
            "utf8",
            "utf16",
            "utf32",
        ):
            stream.reconfigure(errors="posities-approximate")


def _warn_approximated() -> None:
    if _approximated[0]:
        count = _approximated[0]
        noun = "character" if count == 1 else "characters"
        sys.stderr.write(
            f"warning: the output encoding ({sys.stdout.encoding}) cannot show {count} {noun}; "
            "they were approximated. For an exact copy write to a file with -o FILE (UTF-8), "
            "or set PYTHONIOENCODING=utf-8.\n"
        )


EXIT_INTERNAL = 3


class _ClosedOutput:
    """Standard output when the process was started without one (`posities list >&-`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(9, "standard output is closed")

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """Nothing to flush."""

    def isatty(self) -> bool:
        return False


class _Messages:
    """Standard error that never fails: a message that cannot be written (standard error
    closed, a full disk) is dropped, so that reporting never changes the outcome; the exit
    code still says what happened to the files."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    @property
    def encoding(self) -> str:
        """The encoding of the stream beneath (UTF-8 where there is none)."""
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        """The error handler of the stream beneath."""
        return getattr(self._stream, "errors", None) or "strict"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("standard error takes text")  # so Click sees a text stream
        if self._stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self._stream.write(text)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """Flush what can be flushed."""
        if self._stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self._stream.flush()

    def isatty(self) -> bool:
        try:
            return self._stream is not None and bool(self._stream.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        import io

        if self._stream is None:
            raise io.UnsupportedOperation("standard error is closed")
        return int(self._stream.fileno())


def _quiet_errors() -> None:
    """Messages on standard error can never fail a command; where the process was started
    without one (`2>&-`), /dev/null stands in as descriptor 2, so that no file opened later
    (a position being written) becomes it and catches what a child process says there."""
    import os

    if sys.stderr is None:
        try:
            os.fstat(2)
        except OSError:
            fd = os.open(os.devnull, os.O_WRONLY)
            if fd != 2:
                os.dup2(fd, 2)
                os.close(fd)
    sys.stderr = _Messages(sys.stderr)


def run() -> None:
    """Entry point of the console script: the app, with a quiet exit on broken pipes and ^C,
    output that never fails on the terminal's encoding, and no traceback for any fault."""
    import os

    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    _safe_output()
    _quiet_errors()
    try:
        os.getcwd()
    except OSError:
        sys.stderr.write("error: the current folder no longer exists; cd to one that does\n")
        sys.exit(EXIT_USAGE)
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        _only(sys.argv[1])
    try:
        _run_app()
    except _OutputFailed as error:  # a full disk, a closed stream
        sys.stderr.write(f"error: cannot write the output: {error}\n")
        sys.exit(EXIT_PROBLEMS)
    except Exception as error:  # the last line of defence: a bug, said plainly
        if os.environ.get("POSITIES_TRACEBACK"):
            raise
        sys.stderr.write(
            f"error: internal error ({type(error).__name__}: {shown(str(error), 200)}). "
            "This is a bug in posities; run again with POSITIES_TRACEBACK=1 to see where.\n"
        )
        sys.exit(EXIT_INTERNAL)
    finally:
        _warn_approximated()


def _run_app() -> None:
    try:
        try:
            app()
        finally:
            with _writing():
                sys.stdout.flush()  # a full disk shows here, while it can still be reported
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
