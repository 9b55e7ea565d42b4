"""The commands that write positions: set, add-source, relate, new and edit. Each validates
before it writes, and writes atomically."""

# No `from __future__ import annotations` here: Typer reads every option's annotation on each
# run, and string annotations would cost it an eval each (about 7 ms of start-up).

import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from posities.cli import boundary as output
from posities.cli.boundary import EXIT_INTERRUPTED, EXIT_PROBLEMS
from posities.cli.options import (
    SOURCE_NAMES,
    STANCE_HELP,
    TRI_HELP,
    DirOption,
    IdArgument,
    SourceGiven,
    complete_ids,
    complete_texts,
    holder_code,
    on_day,
    register_root,
    sources,
    stance_option,
    supports_option,
    text_option,
    tri_option,
)
from posities.core.query import Tri
from posities.errors import UsageError, display_path, shown
from posities.model.dates import today
from posities.model.records import Stance

if TYPE_CHECKING:
    from posities.core.find import Found


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
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str):
                require_utf8(shown_as, item)


HolderEditOption = Annotated[
    str | None,
    typer.Option(
        "--holder",
        metavar="CODE",
        help="Whose statement: a holder code such as NL, EU or US (see posities.toml). "
        "Default: the register's own holder.",
    ),
]
OnEditOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="Change the holder's statement in force on DATE (YYYY-MM-DD). Default: today.",
    ),
]


@sources(required=False)
def set_command(
    ctx: typer.Context,
    position_id: IdArgument,
    stance: Annotated[
        Stance | None,
        stance_option("--stance", f"The stance: {STANCE_HELP}."),
    ] = None,
    goal_shared: Annotated[
        Tri | None,
        tri_option("--goal-shared", f"Is the goal shared: {TRI_HELP}."),
    ] = None,
    means_differ: Annotated[
        Tri | None,
        tri_option("--means-differ", f"Do the means differ: {TRI_HELP}."),
    ] = None,
    summary_nl: Annotated[str | None, text_option("--summary-nl", "Summary, Dutch.")] = None,
    summary_en: Annotated[str | None, text_option("--summary-en", "Summary, English.")] = None,
    title_nl: Annotated[str | None, text_option("--title-nl", "Title, Dutch.")] = None,
    title_en: Annotated[str | None, text_option("--title-en", "Title, English.")] = None,
    actor: Annotated[str | None, text_option("--actor", "Who took the decision.")] = None,
    date: Annotated[str | None, text_option("--date", "The decision's date.", "DATE")] = None,
    topics: Annotated[
        str | None, text_option("--topics", "Replace the topics (comma-separated).", "A,B")
    ] = None,
    updated: Annotated[
        str | None,
        text_option(
            "--updated",
            "When the stance was assessed (default: today, if stance, goal shared or "
            "means differ change).",
            "DATE",
        ),
    ] = None,
    holder: HolderEditOption = None,
    on: OnEditOption = None,
    since: Annotated[
        str | None,
        text_option(
            "--since",
            "Record a new statement of the holder, in force from DATE (a change of position, "
            "not a correction): give its --stance and its source.",
            "DATE",
        ),
    ] = None,
    until: Annotated[
        str | None,
        text_option(
            "--until",
            "End the holder's statement in force on DATE (it holds until the day before); "
            "with --since, the day the new statement ends.",
            "DATE",
        ),
    ] = None,
    source: SourceGiven | None = None,
    folder: DirOption = None,
) -> None:
    """Change fields of a position, touching only their lines (comments and layout stay).

    The stance options change the holder's statement in force today (--holder, default the
    register's own; --on DATE for another day). --since DATE records a new statement instead
    (a change of position, not a correction), with its source as add-source takes one; an own
    statement later than the top-level one becomes the top-level stance (give its summary),
    the old one moving into stances: (the file is then laid out as posities fmt does, every
    comment kept). --until DATE ends the statement in force then.
    The result is validated before it is written, and written atomically; a change that
    would make the file invalid (say a goal stated with no source behind it) is refused.

    Example: posities set jcpoa --stance opposes --goal-shared unknown

    Example: posities set jcpoa --since 2025-01-01 --stance opposes --summary-nl "..."
    --summary-en "..." --source-title "..." --source-text texts/brief.txt --find "..."
    """
    from posities.core import editing

    _require_utf8(ctx)
    given: dict[tuple[str | int, ...], object] = {
        ("stance",): stance,
        ("goal_shared",): goal_shared,
        ("means_differ",): means_differ,
        ("summary", "nl"): summary_nl,
        ("summary", "en"): summary_en,
        ("title", "nl"): title_nl,
        ("title", "en"): title_en,
        ("actor",): actor,
        ("decision", "date"): date,
        ("topics",): topics,
    }
    code, day = holder_code(holder), on_day(on)
    begins, ends = on_day(since, "--since"), on_day(until, "--until")
    assert source is not None, "the source options are always given"
    _one_way(ctx, source, on, since, until)
    root = register_root(folder)
    if begins is not None:
        _quote_or_find(source)
        new_source, picked = _source(root, source)
        lines = editing.record_statement(
            root, position_id, given, new_source, begins, ends, code, updated
        )
        lines += _picked_lines(picked)
    elif ends is not None:
        if any(value is not None for value in given.values()):
            raise typer.BadParameter(
                "--until ends a statement: change its fields in another posities set",
                param_hint="--until",
            )
        lines = editing.end_statement(root, position_id, ends, code, updated)
    else:
        lines = editing.set_held(root, position_id, given, updated, code, day)
    for line in lines:
        output.err(line)


def _one_way(
    ctx: typer.Context, source: SourceGiven, on: str | None, since: str | None, until: str | None
) -> None:
    """Refuse options of `set` that do not go together: --on picks a statement to change,
    --since records a new one, --until alone ends one; a source goes only with --since."""
    if on is not None and (since is not None or until is not None):
        raise typer.BadParameter(
            "--on picks the statement in force that day to change; --since and --until name "
            "their own day: give --on without them",
            param_hint="--on",
        )
    named = [
        param.opts[0]
        for param in ctx.command.params
        if param.name in SOURCE_NAMES
        and getattr(ctx.get_parameter_source(param.name or ""), "name", "") == "COMMANDLINE"
    ]
    if since is None and named:
        raise typer.BadParameter(
            "a source goes with --since, which records a new statement; to add a source to "
            "a statement, use posities add-source",
            param_hint=", ".join(named),
        )


_OLD_SPELLINGS: dict[str, str] = {}
"""Each old option name, hidden, and the parameter it is the old spelling of."""


class NewSpellings(TyperCommand):
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
    values. Add it to a command made with `cls=NewSpellings`."""
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


@sources(required=False)
def add_source_command(
    ctx: typer.Context,
    position_id: IdArgument,
    source: SourceGiven,
    goal_shared: Annotated[
        Tri | None,
        tri_option(
            "--goal-shared",
            "Set goal shared as this quote states it, in the same step (a claim that is "
            f"not stated cannot be supported): {TRI_HELP}.",
        ),
    ] = None,
    means_differ: Annotated[
        Tri | None,
        tri_option(
            "--means-differ",
            f"Set means differ as this quote states it, in the same step: {TRI_HELP}.",
        ),
    ] = None,
    holder: HolderEditOption = None,
    on: OnEditOption = None,
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
    (--goal-shared yes). With --holder, the source is added to that holder's statement in
    force today (or on --on DATE).

    Example: posities add-source jcpoa --source-title "Bondgenoten in onzekere tijden"
    --source-kind kamerbrief --find "zorgelijke trend minder multilateraal" --supports summary
    """
    from posities.core import editing

    _require_utf8(ctx)
    _one_spelling(
        ("--title", "--source-title", old_title, source.title),
        ("--kind", "--source-kind", old_kind, source.kind),
        ("--date", "--source-date", old_date, source.date),
        ("--text", "--source-text", old_text, source.text),
        ("--url", "--source-url", old_url, source.url),
    )
    _quote_or_find(source)
    root = register_root(folder)
    given, picked = _source(root, source, "--text" if old_text is not None else "--source-text")
    given = editing.with_provenance(root, given)
    if given["title"] is None:
        raise typer.BadParameter(
            "give the document's title with --source-title (or name a text that posities text "
            "add recorded it for, with --source-text)",
            param_hint="--source-title",
        )
    stated = editing.claims_stated(goal_shared, means_differ)
    changed = editing.append_held_source(
        root, position_id, given, stated, holder_code(holder), on_day(on)
    )
    to = f" to {changed.statement}" if changed.statement else ""
    output.err(f"wrote {display_path(changed.path)}: added a source ({given['title']}){to}")
    for line in [*(f"  {line}" for line in changed.lines()), *_picked_lines(picked)]:
        output.err(line)


def _quote_or_find(source: SourceGiven) -> None:
    """Refuse a source given with both or neither of --quote and --find, or an empty --find."""
    if (source.quote is None) == (source.find is None):
        raise typer.BadParameter(
            "give the quote with --quote TEXT, or find it with --find PHRASE (one of the two)",
            param_hint="--quote/--find",
        )
    if source.find is not None and not source.find.strip():
        raise typer.BadParameter(
            "give some words of the passage to quote (a phrase is needed)", param_hint="'--find'"
        )


def _source(
    root: Path, source: SourceGiven, typed: str = "--source-text"
) -> "tuple[dict[str, object], Found | None]":
    """The source as a position file holds it, its quote taken from the texts with --find
    (and the passage taken); its text, named as it was `typed`, checked to be usable."""
    from posities.core import editing, new
    from posities.core.find import pick_passage

    text, quote = source.text, source.quote
    if text is not None:
        text = new.source_text(root, text, typed)
    picked = pick_passage(root, source.find, text) if source.find is not None else None
    if picked is not None:
        quote, text = picked.passage.text, picked.relative
    given: dict[str, object] = {"title": source.title, "kind": source.kind, "date": source.date}
    if text is not None:
        given["text"] = text
    if source.url is not None:
        given["url"] = source.url
    if source.supports:
        given["supports"] = editing.claims_given(source.supports)
    given["quote"] = quote
    return given, picked


def _picked_lines(picked: "Found | None") -> list[str]:
    """Where the quote --find took comes from (nothing without --find)."""
    if picked is None:
        return []
    where = f"{display_path(picked.path)}:{picked.passage.line}"
    return [f"  quote from {where}: {shown(picked.passage.text, 1000)}"]


def new(
    ctx: typer.Context,
    position_id: Annotated[str, typer.Argument(metavar="ID", help="The new id (kebab-case).")],
    title_nl: Annotated[str | None, text_option(None, "The decision's name, Dutch.")] = None,
    title_en: Annotated[str | None, text_option(None, "The decision's name, English.")] = None,
    actor: Annotated[str | None, text_option(None, "Who took the decision (e.g. US).")] = None,
    date: Annotated[str | None, text_option(None, "The decision's date.", "DATE")] = None,
    stance: Annotated[
        Stance | None,
        stance_option(None, f"The stance: {STANCE_HELP}."),
    ] = None,
    goal_shared: Annotated[
        Tri,
        tri_option(None, f"Is the goal shared: {TRI_HELP}."),
    ] = Tri.UNKNOWN,
    means_differ: Annotated[
        Tri,
        tri_option(None, f"Do the means differ: {TRI_HELP}."),
    ] = Tri.UNKNOWN,
    description_nl: Annotated[str | None, text_option(None, "What was decided, Dutch.")] = None,
    description_en: Annotated[str | None, text_option(None, "What was decided, English.")] = None,
    summary_nl: Annotated[
        str | None, text_option(None, "The stance in a sentence or two, Dutch.")
    ] = None,
    summary_en: Annotated[
        str | None, text_option(None, "The stance in a sentence or two, English.")
    ] = None,
    topics: Annotated[str, typer.Option(metavar="A,B", help="Topics, comma-separated.")] = "",
    source_title: Annotated[str | None, text_option(None, "The source document's title.")] = None,
    source_kind: Annotated[str, typer.Option(help="The source's kind.")] = "kamerbrief",
    source_date: Annotated[
        str | None, text_option(None, "The source's date, if known.", "DATE")
    ] = None,
    source_text: Annotated[
        str | None,
        typer.Option(
            metavar="SLUG|PATH",
            show_default=False,
            autocompletion=complete_texts,
            help="A local copy of the source's text: its slug as posities text list shows it, "
            "or its path (register-relative).",
        ),
    ] = None,
    source_url: Annotated[str | None, text_option(None, "Where the source is published.")] = None,
    quote: Annotated[str | None, text_option(None, "The source's words, copied verbatim.")] = None,
    supports: Annotated[
        list[str] | None,
        supports_option(
            "Default: the stance, and goal shared and means differ where you state them."
        ),
    ] = None,
    holder: Annotated[
        str | None,
        typer.Option(
            "--holder",
            metavar="CODE",
            help="Whose stance this is: only the register's own holder (the default), whose "
            "stance heads every position file. Record another holder's after it with posities "
            "set ID --holder CODE --since DATE.",
        ),
    ] = None,
    folder: DirOption = None,
) -> None:
    """Create a position file from a commented template, and print its path.

    Every field a valid position needs must be given; in a terminal you are asked for the
    ones missing. The file names the JSON Schema on its first line (written beside it if
    missing). An existing id is refused. Its stance is the register's own holder's: a
    position of another holder is refused (create it with your own holder's stance, then
    record the other's with posities set ID --holder CODE --since DATE ...).

    Example: posities new tariffs-2025 --title-nl "Heffingen" --title-en "Tariffs" --actor US
    --date 2025-01-20 --stance critical ...
    """
    from posities.core import editing, new

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
    root = register_root(folder)
    new.check_new_id(root, position_id)
    if holder is not None:
        new.check_holder(root, holder_code(holder) or holder)
    missing = [name for name, value in fields.items() if value is None]
    if missing and output.interactive():
        source_text = _ask_missing(root, fields, missing, source_text)
    elif missing:
        flags = ", ".join("--" + name.replace("_", "-") for name in missing)
        raise typer.BadParameter(f"missing {flags} (or run in a terminal to be asked)")
    if source_text is not None:  # a slug (text list) or a path, as `text:` writes it
        source_text = new.source_text(root, source_text, "--source-text")
    claims = editing.claims_given(supports) if supports else None
    fields.update(
        supports=claims,
        goal_shared=goal_shared.as_value(),
        means_differ=means_differ.as_value(),
        topics=editing.topics_given(topics),
        source_kind=source_kind,
        source_date=source_date,
        source_text=source_text,
        source_url=source_url,
        updated=today(),
    )
    path, also = new.create(root, fields)
    for extra in also:
        output.err(f"wrote {extra} (the schema the new file points to)")
    output.out(display_path(path) + "\n")


def _ask_missing(
    root: Path, fields: dict[str, object], missing: list[str], source_text: str | None
) -> str | None:
    """Ask in the terminal for each missing field, again until its answer is acceptable (a
    quote: until it is found in the source text, asked for first); the given ones are checked
    first, so that no answer is typed in vain. The source text to use."""
    from posities.core import new

    for name, value in fields.items():
        if name in new.QUESTIONS and isinstance(value, str):
            try:
                new.answer(name, value)
            except UsageError as error:
                raise UsageError(f"--{name.replace('_', '-')}: {error}") from None
    try:
        for name in missing:
            if name == "quote" and source_text is None:
                source_text = _ask("source_text", partial(new.answer_text, root))
            if name == "quote":
                fields[name] = _ask(name, partial(new.answer_quote, root, source_text))
            else:
                fields[name] = _ask(name, partial(new.answer, name))
    except KeyboardInterrupt:
        output.err("\ninterrupted: nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EOFError:
        output.err("\nno answer: nothing was written")
        raise typer.Exit(EXIT_PROBLEMS) from None
    return source_text


def _ask(name: str, accept: "Callable[[str], Any]") -> Any:
    """Ask for field `name` on stderr until `accept` takes the answer, saying why it did not."""
    from posities.core import new

    question = new.QUESTIONS[name]
    while True:
        sys.stderr.write(f"{question.prompt}: ")
        sys.stderr.flush()
        try:
            return accept(input())
        except UsageError as error:
            output.err(f"  {error}")


def edit(position_id: IdArgument, folder: DirOption = None) -> None:
    """Edit a position in $VISUAL or $EDITOR; it is saved only once it is valid.

    You edit a copy. When it is saved invalid, it is reopened with the problems listed at the
    top; quit without saving to give up (your version is kept and its path printed). The
    original is untouched until a valid version is saved.
    """
    from posities.core import editing, session

    path = editing.position_path(register_root(folder), position_id)
    words = session.editor_command()
    result = session.edit(path, lambda file: session.run_editor(words, file))
    output.err(result.message)
    if result.signal:
        raise typer.Exit(128 + result.signal)  # as shells report it: 130 for Ctrl-C
    if result.failed:
        raise typer.Exit(EXIT_PROBLEMS)


def _other(flag: str, words: str) -> Any:
    """An option naming the other decision of a relation, completed from the register's ids."""
    return typer.Option(flag, metavar="OTHER", help=words, autocompletion=complete_ids)


def relate(
    ctx: typer.Context,
    position_id: IdArgument,
    reverses: Annotated[
        str | None,
        _other("--reverses", "This decision reverses OTHER."),
    ] = None,
    supersedes: Annotated[
        str | None,
        _other("--supersedes", "This decision supersedes OTHER."),
    ] = None,
    responds_to: Annotated[
        str | None,
        _other("--responds-to", "This decision responds to OTHER."),
    ] = None,
    related: Annotated[
        str | None,
        _other("--related", "This decision is related to OTHER."),
    ] = None,
    folder: DirOption = None,
) -> None:
    """Relate a decision to another in the register (one relation at a time).

    Adds {type: reverses, id: OTHER} (or supersedes, responds-to, related) to the position's
    relations. OTHER must be another position of the register; a relation already there
    changes nothing; reverses and supersedes may not run in a circle.

    Example: posities relate paris-return --reverses paris-agreement
    """
    from posities.core import editing

    _require_utf8(ctx)
    given = {
        "reverses": reverses,
        "supersedes": supersedes,
        "responds-to": responds_to,
        "related": related,
    }
    named = [(kind, other) for kind, other in given.items() if other is not None]
    if len(named) != 1:
        raise typer.BadParameter(
            "give exactly one of --reverses, --supersedes, --responds-to and --related",
            param_hint="--reverses/--supersedes/--responds-to/--related",
        )
    kind, other = named[0]
    for line in editing.relate(register_root(folder), position_id, kind, other):
        output.err(line)
