"""The options commands share, declared once: --dir, --format, --lang, -o, the stance and
yes/no/unknown words, the position id, --at, and the filter options as one group."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

import functools
import inspect
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from posities.core.query import Filter, Tri, parse_tri
from posities.core.register import ENV_DIR, find_register, load
from posities.errors import PositiesError, display_path, shown
from posities.model.records import Stance
from posities.model.words import Lang, parse_stance
from posities.render import Format

if TYPE_CHECKING:
    from posities.git.repo import Repo
    from posities.render.memo import Styling

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


def format_option(words: str) -> Any:
    """--format (-f), any case; the command's annotation, a `Literal` of `Format` members,
    says which formats it offers (in --help, in completion and when checking the value)."""
    return typer.Option("--format", "-f", case_sensitive=False, help=words)


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


def text_option(flag: str | None, words: str, metavar: str | None = None) -> Any:
    """A text option, declared in one line where a command takes many (set, new, add-source):
    `flag` (None: Typer's own spelling of the parameter), its help, and its metavar."""
    if flag is None:
        return typer.Option(metavar=metavar, help=words, show_default=False)
    return typer.Option(flag, metavar=metavar, help=words, show_default=False)


def supports_option(default: str) -> Any:
    """`--supports FIELD`, repeatable, with what it means when it is not given."""
    return typer.Option(
        "--supports",
        metavar="FIELD",
        help="What the quote states: stance, goal_shared, means_differ, decision or summary; "
        f"repeat or separate with commas (stance,summary). {default}",
    )


def optional_argument(metavar: str, words: str, complete: Callable[..., Any] | None = None) -> Any:
    """An argument that may be left out (`[FROM]`, `[ID]`): its metavar, help and completion."""
    return typer.Argument(metavar=metavar, show_default=False, help=words, autocompletion=complete)


def tri_option(flag: str | None, words: str) -> Any:
    """A yes/no/unknown option that takes the Dutch words too (`--goal-shared ja`)."""
    return _word_option(flag, words, _tri, "YES|NO|UNKNOWN", _complete_tri)


def stance_option(flag: str | None, words: str) -> Any:
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


def complete_ids(incomplete: str) -> list[str]:
    """The ids of the register here that start with what was typed (none without one)."""
    try:
        register = load(find_register(Path.cwd(), _env_dir()))
    except PositiesError:
        return []
    return sorted(p.id for p in register.positions if p.id.startswith(incomplete))


def complete_texts(incomplete: str) -> list[str]:
    """The slugs of the register's source texts that start with what was typed."""
    from posities.core.sourcetexts import slug_of, text_files

    try:
        root = find_register(Path.cwd(), _env_dir())
    except PositiesError:
        return []
    return [s for s in map(slug_of, text_files(root)) if s.startswith(incomplete)]


def _env_dir() -> str | None:
    import os

    return os.environ.get(ENV_DIR) or None


IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The position's id (its file name without .yaml).",
        autocompletion=complete_ids,
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


def register_root(folder: str | None) -> Path:
    """The register folder that --dir (or POSITIES_DIR) names, else the nearest positions/."""
    return find_register(Path.cwd(), folder)


def register_if_any() -> Path | None:
    """The register found here (or through POSITIES_DIR); None where there is none."""
    try:
        return find_register(Path.cwd(), _env_dir())
    except PositiesError:
        return None


def open_repo_for(folder: str | None) -> "Repo":
    """The git repository that holds the register."""
    from posities.git.repo import open_repo

    return open_repo(register_root(folder))


# --- the filter options ----------------------------------------------------------------------

HolderOption = typer.Option(
    "--holder",
    metavar="CODE",
    help="Whose stance to show and filter on: a holder code such as NL, EU or US (see "
    "posities.toml). Default: the register's own holder.",
)
OnOption = typer.Option(
    "--on",
    metavar="DATE",
    help="Show the stances in force on DATE (YYYY-MM-DD), as the register records them "
    "(with --at: as it recorded them then). Default: today.",
)


def holder_code(text: str | None, option: str = "--holder") -> str | None:
    """A holder code as typed (`de` is `DE`); a usage error when it cannot be one."""
    if text is None:
        return None
    from posities.model.holders import CODE

    code = text.strip().upper()
    if not CODE.match(code):
        raise typer.BadParameter(
            f"{shown(text)} is not a holder code: expected uppercase letters and digits, "
            "such as NL, EU or US",
            param_hint=option,
        )
    return code


def on_day(text: str | None, option: str = "--on") -> str | None:
    """A day as typed for --on (YYYY-MM-DD, or `today`); a usage error otherwise."""
    if text is None:
        return None
    from posities.model.dates import is_day, today

    if text.strip().lower() in ("today", "vandaag"):
        return today()
    if not is_day(text.strip()):
        raise typer.BadParameter(
            f"{shown(text)} is not a day: expected YYYY-MM-DD (or today)", param_hint=option
        )
    return text.strip()


def _parameter(name: str, annotation: Any, default: object) -> inspect.Parameter:
    """One option of a shared group, as the signature of a command that takes it has it."""
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation
    )


FILTER_OPTIONS = (
    _parameter(
        "disagree",
        Annotated[
            bool,
            typer.Option("--disagree", help="Only positions that disagree: critical or opposes."),
        ],
        False,
    ),
    _parameter(
        "agree",
        Annotated[bool, typer.Option("--agree", help="Only positions that agree: supports.")],
        False,
    ),
    _parameter(
        "stance",
        Annotated[
            list[Stance] | None,
            stance_option(
                "--stance", f"Only this stance: {STANCE_HELP}. Repeat for any of several."
            ),
        ],
        None,
    ),
    _parameter(
        "goal_shared",
        Annotated[
            Tri | None, tri_option("--goal-shared", f"Only where the goal is shared: {TRI_HELP}.")
        ],
        None,
    ),
    _parameter(
        "means_differ",
        Annotated[
            Tri | None,
            tri_option("--means-differ", f"Only where the means differ: {TRI_HELP}."),
        ],
        None,
    ),
    _parameter(
        "topic",
        Annotated[
            list[str] | None,
            typer.Option(
                "--topic",
                metavar="TOPIC",
                help="Only positions tagged with this topic; repeat for any of several.",
            ),
        ],
        None,
    ),
    _parameter(
        "actor",
        Annotated[
            str | None,
            typer.Option(
                "--actor", metavar="ACTOR", help="Only decisions by this actor (e.g. US)."
            ),
        ],
        None,
    ),
    _parameter(
        "search",
        Annotated[
            str | None,
            typer.Option(
                "--search",
                metavar="TEXT",
                help="Only positions whose titles, summaries or quotes contain TEXT (any case).",
            ),
        ],
        None,
    ),
    _parameter("holder", Annotated[str | None, HolderOption], None),
    _parameter("on", Annotated[str | None, OnOption], None),
)
"""The filter options, in their order in --help."""

AXES = ("goal_shared", "means_differ")
"""The filter options a command that shows both axes (matrix) leaves out."""

Command = Callable[..., None]


def _option_group(
    name: str, options: Iterable[inspect.Parameter], build: Callable[..., Any]
) -> Callable[[Command], Command]:
    """A decorator that gives a command `options` where its parameter `name` is, and calls
    it with what `build` makes of their values in `name`: one declaration of a group of
    options that several commands share."""
    options = tuple(options)

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command)
        params = list(signature.parameters.values())
        at = [p.name for p in params].index(name)
        added = [p.replace(kind=params[at].kind) for p in options]  # keyword-only after `*`

        @functools.wraps(command)
        def grouped(*args: Any, **kwargs: Any) -> None:
            given = {p.name: kwargs.pop(p.name, p.default) for p in added}
            command(*args, **{name: build(**given)}, **kwargs)

        grouped.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*params[:at], *added, *params[at + 1 :]]
        )
        return grouped

    return decorate


def filters(axes: bool = True) -> Callable[[Command], Command]:
    """Give a command the filter options where its `where` parameter is, and call it with the
    `Filter` they build in `where`; `axes=False` leaves out --goal-shared and --means-differ."""
    return _option_group(
        "where", (p for p in FILTER_OPTIONS if axes or p.name not in AXES), _filter
    )


def _filter(
    disagree: bool = False,
    agree: bool = False,
    stance: list[Stance] | None = None,
    goal_shared: Tri | None = None,
    means_differ: Tri | None = None,
    topic: list[str] | None = None,
    actor: str | None = None,
    search: str | None = None,
    holder: str | None = None,
    on: str | None = None,
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
        holder=holder_code(holder),
        on=on_day(on),
    )


def filters_but(*left_out: str) -> Callable[[Command], Command]:
    """The filter options without those named in `left_out`, for a command that declares its
    own (compare's --holder repeats, one per column)."""
    return _option_group("where", (p for p in FILTER_OPTIONS if p.name not in left_out), _filter)


# --- the report options ----------------------------------------------------------------------


ReportFormat = Literal[
    Format.TABLE, Format.MARKDOWN, Format.JSON, Format.CSV, Format.HTML, Format.DOCX
]
"""The formats of the reports: list, show, matrix, compare, timeline, diff and log (some
offer more: `SheetReportFormat`, `PictureFormat`, `TimelineFormat`)."""

FORMAT_WORDS = {
    Format.TABLE: "table (terminal)",
    Format.MARKDOWN: "markdown (memo)",
    Format.JSON: "json",
    Format.CSV: "csv",
    Format.HTML: "html (a document that pastes into Word as a table)",
    Format.DOCX: "docx (a Word document, with -o FILE.docx)",
    Format.SVG: "svg (a picture for a memo)",
    Format.XLSX: "xlsx (a spreadsheet, with -o FILE.xlsx)",
}
"""What --help says of each format a report offers."""

BINARY = frozenset({Format.DOCX, Format.XLSX})
"""The formats that are files rather than text: never written to a terminal or standard
output, always to the file -o names."""


def _format_help(formats: Any) -> str:
    """--format's help for a report offering the members of the Literal `formats`."""
    named = [FORMAT_WORDS[member] for member in typing.get_args(formats)]
    return (
        "Output format: " + ", ".join(named[:-1]) + " or " + named[-1] + ". Default: what the "
        "-o file's name ends in (.docx, .html, .md …), else table."
    )


FragmentOption = Annotated[
    bool,
    typer.Option(
        "--fragment",
        help="With --format html: only the table, its notes and the state line, to paste "
        "into a page of your own (no <html> or <head>).",
    ),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE.docx",
        show_default=False,
        help="With --format docx: your own Word document (house style); the report goes where "
        "a paragraph holds {{ posities }}, or at its end, in its styles.",
    ),
]
TableStyleOption = Annotated[
    str | None,
    typer.Option(
        "--table-style",
        metavar="NAME",
        show_default=False,
        help="With --format docx: the table style to use, one of the template's (e.g. "
        "'Table Grid'; default: a plain grid).",
    ),
]
ClassificationOption = Annotated[
    str | None,
    typer.Option(
        "--classification",
        metavar="TEXT",
        show_default=False,
        help="With --format docx: mark the document at the top and bottom of every page "
        "(e.g. 'DEPARTEMENTAAL VERTROUWELIJK').",
    ),
]


Offered = typing.TypeVar("Offered", bound=Format)


@dataclass(frozen=True, slots=True)
class Report(typing.Generic[Offered]):
    """What every report takes: the register as of `at` (now when None), the format (one of
    those the command offers, `Offered`) and the language, where it goes (`out_file`;
    standard output when None), the register folder, whether HTML is a fragment rather than
    a whole document, and how a Word document is made (`styling`)."""

    at: str | None
    output_format: Offered
    lang: Lang
    out_file: Path | None
    folder: str | None
    fragment: bool = False
    styling: "Styling" = field(default_factory=lambda: _plain_styling())


def _plain_styling() -> "Styling":
    """How a Word document is made with no option given: plainly."""
    from posities.render.memo import Styling

    return Styling()


def _report_options(formats: Any, at: bool) -> tuple[inspect.Parameter, ...]:
    """The report options, in their order in --help: --at when the report is of the
    register at one point, the formats of the Literal `formats`, and the rest."""
    format_annotation = Annotated[formats | None, format_option(_format_help(formats))]
    offered = typing.get_args(formats)
    options = [_parameter("at", AtOption, None)] if at else []
    options += [
        _parameter("output_format", format_annotation, None),
        _parameter("lang", LangOption, Lang.EN),
        _parameter("out_file", OutFileOption, None),
        _parameter("folder", DirOption, None),
    ]
    if Format.HTML in offered:
        options.append(_parameter("fragment", FragmentOption, False))
    if Format.DOCX in offered:
        options += [
            _parameter("template", TemplateOption, None),
            _parameter("table_style", TableStyleOption, None),
            _parameter("classification", ClassificationOption, None),
        ]
    return tuple(options)


def _report(
    offered: tuple[Format, ...],
    output_format: Format | None,
    lang: Lang,
    out_file: Path | None,
    folder: str | None,
    at: str | None = None,
    fragment: bool = False,
    template: Path | None = None,
    table_style: str | None = None,
    classification: str | None = None,
) -> Report[Format]:
    chosen = _format_for(output_format, out_file, offered)
    if fragment and chosen is not Format.HTML:
        raise typer.BadParameter("--fragment needs --format html", param_hint="--fragment")
    for value, flag in (
        (template, "--template"),
        (table_style, "--table-style"),
        (classification, "--classification"),
    ):
        if value is not None and chosen is not Format.DOCX:
            raise typer.BadParameter(f"{flag} needs --format docx", param_hint=flag)
    if chosen in BINARY and out_file is None:
        raise typer.BadParameter(
            f"{chosen.value} is a file format, never printed: name the file to write "
            f"with -o FILE.{chosen.value}",
            param_hint="--output",
        )
    styling = _styling(template, table_style, classification)
    if template is not None and out_file is not None and _same_file(template, out_file):
        raise typer.BadParameter(
            "-o names the template itself: the report is written to a file of its own, "
            "never over the template",
            param_hint="--output",
        )
    return Report(at, chosen, lang, out_file, folder, fragment, styling)


SUFFIXES = {
    ".docx": Format.DOCX,
    ".xlsx": Format.XLSX,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".svg": Format.SVG,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".json": Format.JSON,
    ".csv": Format.CSV,
}
"""The format a file's name says it holds."""


def _format_for(
    output_format: Format | None, out_file: Path | None, offered: tuple[Format, ...]
) -> Format:
    """The format to write: the one --format names; without it, the one the -o file's suffix
    says (`-o memo.docx` is a Word document), else a table. A file format whose suffix says
    otherwise is refused (`--format markdown -o memo.docx` would give Word a file it refuses)."""
    implied = SUFFIXES.get(out_file.suffix.lower()) if out_file is not None else None
    if output_format is None and implied in offered:
        return implied
    chosen = output_format or Format.TABLE
    if implied is None or implied is chosen or out_file is None:
        return chosen
    if implied in BINARY or chosen in BINARY:
        named = display_path(out_file)
        if output_format is None:
            formats = ", ".join(f.value for f in offered)
            reason = f"this command writes no {implied.value} (its formats: {formats})"
        else:
            reason = f"--format {chosen.value} writes no {out_file.suffix} file"
        raise typer.BadParameter(f"-o {named}: {reason}", param_hint="--output")
    return chosen


CLASSIFICATION_MOST = 200
"""The longest classification a page's header and footer carry."""


def _styling(
    template: Path | None, table_style: str | None, classification: str | None
) -> "Styling":
    from posities.errors import unsafe_character
    from posities.render.memo import Styling

    if classification is not None:
        if not classification.strip():
            raise typer.BadParameter(
                "give the classification's words", param_hint="--classification"
            )
        if bad := unsafe_character(classification):
            raise typer.BadParameter(
                f"the classification holds {bad}; give it in plain words",
                param_hint="--classification",
            )
        if len(classification) > CLASSIFICATION_MOST:
            raise typer.BadParameter(
                f"the classification is {len(classification):,} characters long; a page's "
                f"header carries at most {CLASSIFICATION_MOST}",
                param_hint="--classification",
            )
    if template is not None and not template.is_file():
        what = (
            "is a folder"
            if template.is_dir()
            else "is not a regular file"
            if template.exists()
            else "does not exist"
        )
        raise typer.BadParameter(
            f"{display_path(template)} {what}: name your Word document (.docx)",
            param_hint="--template",
        )
    return Styling(template, table_style, classification)


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (through links, and before the second exists)."""
    import os

    try:
        return os.path.samefile(one, other)
    except OSError:
        return os.path.realpath(one) == os.path.realpath(other)


def reports_in(formats: Any, at: bool = True) -> Callable[[Command], Command]:
    """Give a command the report options, offering the formats of the Literal `formats`,
    where its `how` parameter is, and call it with the `Report` they build in `how`; `at`:
    it reports on the register at one point (--at)."""
    offered = typing.get_args(formats)
    return _option_group("how", _report_options(formats, at), functools.partial(_report, offered))


reports = reports_in(ReportFormat)
"""The report options of list, show, matrix, compare and timeline."""

PictureFormat = Literal[ReportFormat, Format.SVG]
"""The formats of the reports that can also be drawn as a picture: matrix and timeline."""

pictures = reports_in(PictureFormat)
"""The report options of matrix and timeline: the others' formats and svg."""
SheetReportFormat = Literal[ReportFormat, Format.XLSX]
"""The formats of the reports that are one table, which a spreadsheet holds as it is: list
and compare (timeline's are `TimelineFormat`)."""

sheet_reports = reports_in(SheetReportFormat)
"""The report options of list and compare: a report's formats and xlsx."""

TimelineFormat = Literal[ReportFormat, Format.SVG, Format.XLSX]
"""The formats of timeline: a report's, drawn as a picture, and as a spreadsheet."""

timeline_reports = reports_in(TimelineFormat)
"""The report options of timeline."""

SOURCED = frozenset({Format.MARKDOWN, Format.HTML, Format.DOCX, Format.XLSX})
"""The formats that carry the quotes of `--sources`: footnotes, or a spreadsheet's column."""


# --- the source options ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceGiven:
    """A source as its options give it (add-source, set --since): None where an option was
    not given."""

    title: str | None
    quote: str | None
    kind: str
    find: str | None
    date: str | None
    text: str | None
    url: str | None
    supports: list[str] | None


def _source_options(title: Any) -> tuple[inspect.Parameter, ...]:
    """The source options, in their order in --help; --source-title's default is `title`
    (`inspect.Parameter.empty`: it is required)."""
    return (
        _parameter(
            "source_title",
            Annotated[str | None, text_option("--source-title", "The document's title.")],
            title,
        ),
        _parameter(
            "quote",
            Annotated[str | None, text_option("--quote", "Copied verbatim from the document.")],
            None,
        ),
        _parameter(
            "source_kind",
            Annotated[
                str,
                typer.Option(
                    "--source-kind", help="The source's kind: kamerbrief, verslag, persbericht…"
                ),
            ],
            "kamerbrief",
        ),
        _parameter(
            "find",
            Annotated[
                str | None,
                text_option(
                    "--find",
                    "Instead of --quote: take the passage of the register's texts closest to "
                    "PHRASE (as posities quote find shows it), and its file as --source-text.",
                    "PHRASE",
                ),
            ],
            None,
        ),
        _parameter(
            "source_date",
            Annotated[
                str | None, text_option("--source-date", "The document's date, if known.", "DATE")
            ],
            None,
        ),
        _parameter(
            "source_text",
            Annotated[
                str | None,
                typer.Option(
                    "--source-text",
                    metavar="SLUG|PATH",
                    show_default=False,
                    autocompletion=complete_texts,
                    help="A local copy of its text: its slug as posities text list shows it, or "
                    "its path (register-relative).",
                ),
            ],
            None,
        ),
        _parameter(
            "source_url",
            Annotated[str | None, text_option("--source-url", "Where it is published.")],
            None,
        ),
        _parameter(
            "supports",
            Annotated[list[str] | None, supports_option("Without it, the quote backs them all.")],
            None,
        ),
    )


def _source(
    source_title: str | None,
    quote: str | None,
    source_kind: str,
    find: str | None,
    source_date: str | None,
    source_text: str | None,
    source_url: str | None,
    supports: list[str] | None,
) -> SourceGiven:
    return SourceGiven(
        source_title, quote, source_kind, find, source_date, source_text, source_url, supports
    )


def sources(required: bool) -> Callable[[Command], Command]:
    """Give a command the source options where its `source` parameter is, and call it with
    the `SourceGiven` they build in `source`; `required`: --source-title must be given."""
    title = inspect.Parameter.empty if required else None
    return _option_group("source", _source_options(title), _source)


SOURCE_NAMES = frozenset(p.name for p in _source_options(None))
"""The parameters of the source options."""
