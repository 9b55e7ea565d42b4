"""The one error boundary of the command line: a domain error becomes one message and its exit
code here, a bug one line and exit 3; output never fails on the terminal's encoding, and a
closed standard output or error is no crash.

And what the command line prints: reports on standard output or into an `-o` file, messages
and warnings on standard error, Rich for a terminal, and the state line of a memo."""

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup

from posities.core.query import Filter
from posities.core.register import Register
from posities.errors import PositiesError, display_path, shown
from posities.model.words import Lang

if TYPE_CHECKING:
    from posities.cli.options import Report
    from posities.git.state import RegisterState
    from posities.render.memo import Memo


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed stream): said as such,
    unlike any other OSError, which would be a bug."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


@contextlib.contextmanager
def writing() -> Iterator[None]:
    """Turn a failed write to standard output into `OutputFailed` (a broken pipe stays one:
    the reader went away, which is no error)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(error) from None


def out(text: str) -> None:
    """Print `text` on standard output."""
    with writing():
        sys.stdout.write(text)


def err(text: str) -> None:
    """Print a line on standard error: a message, never data."""
    sys.stderr.write(text + "\n")


def deliver(
    report: str | bytes | Iterable[str],
    out_file: Path | None,
    register: Path | None,
    own: Path | None = None,
    json: bool = False,
) -> None:
    """Print a report, or write it to `out_file` in one step (never over a position file, nor
    into the register folder but at `own`). JSON that the output encoding cannot show whole
    is printed with `\\u` escapes instead: exact, where a table would be approximated. A
    file format (bytes) goes only into a file: the report options refuse it without one."""
    if isinstance(report, bytes):
        from posities.io.reports import write_report

        assert out_file is not None, "a file format is written only with -o"
        write_report(out_file, [report], register)
        err(f"wrote {display_path(out_file)}")
        return
    if out_file is None:
        errors = getattr(sys.stdout, "errors", None)
        if json and errors == "posities-approximate":
            sys.stdout.reconfigure(errors="posities-json")  # type: ignore[union-attr]
        with writing():
            sys.stdout.writelines([report] if isinstance(report, str) else report)
        return
    from posities.io.reports import write_report

    write_report(out_file, [report] if isinstance(report, str) else report, register, own)
    err(f"wrote {display_path(out_file)}")


def document(memo: "Memo", how: "Report[Any]") -> str | bytes:
    """A report's memo in the document format `how` asks for (HTML, Word)."""
    from posities.render.memo import write

    return write(memo, how.output_format, how.fragment, how.styling)


def interactive() -> bool:
    """Whether someone can be asked: standard input is a terminal."""
    return sys.stdin.isatty()


def terminal() -> bool:
    """Whether standard output is a terminal, which gets Rich tables."""
    return sys.stdout.isatty()


def width() -> int:
    """The terminal's width in columns."""
    import shutil

    return shutil.get_terminal_size().columns or 80  # a terminal that says 0 (a serial line)


def print_rich(renderable: object) -> None:
    """Print a Rich renderable on the terminal, with no markup or emoji read into the data."""
    import shutil

    from rich.console import Console

    # the width posities laid the table out for: Rich alone would draw a dumb terminal 80
    # columns wide (unless given a height too) and take COLUMNS=0 as no room at all
    size = shutil.get_terminal_size()
    console = Console(
        width=size.columns or 80, height=size.lines or 25, highlight=False, emoji=False
    )
    with writing():
        console.print(renderable, markup=False)


def warn_unmatched(register: Register, where: Filter) -> None:
    """Warn of a topic or actor in the filter that no position has, with close ones; refuse a
    holder the register does not declare."""
    if where.holder is not None:
        from posities.core.holders import check_code

        check_code(where.holder, register.holders)
        stated = where.holder == register.holders.own or any(
            s.holder == where.holder for p in register.positions for s in p.stances
        )
        if not stated:
            err(
                f"warning: no position has a statement of {where.holder}: "
                "every stance shown is not stated"
            )
    topics = sorted({t for p in register.positions for t in p.topics})
    for topic in sorted(where.topics - set(topics)):
        from posities.model.suggest import did_you_mean, suggest

        tail = did_you_mean(suggest(topic, topics))
        err(f"warning: no position has topic {shown(topic)}{tail}")
    actors = sorted({p.actor for p in register.positions})
    if where.actor is not None and where.actor.casefold() not in {a.casefold() for a in actors}:
        err(f"warning: no position has actor {shown(where.actor)}; actors: {', '.join(actors)}")


def state_line(
    register: Register,
    state: "RegisterState | None",
    shown_count: int,
    where: Filter | None,
    lang: Lang,
    extra: Iterable[str] = (),
    plain: bool = False,
) -> str:
    """The memo's line saying which state of the register it shows, and what it selects
    (the filter's criteria, then `extra`: what a command selects beyond the filter); in
    Markdown, or with `plain` as words with no markup."""
    from posities.git.state import register_state
    from posities.render.notes import selection, state_words
    from posities.render.notes import state_line as markdown_line

    line = state_words if plain else markdown_line

    if state is None:
        state = register_state(register.root, register.fingerprint)
    criteria = selection(where, lang, register.holders) if where is not None else []
    return line(state, shown_count, len(register.positions), [*criteria, *extra], lang)


EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


def report(error: PositiesError) -> NoReturn:
    """Say what went wrong, the first problems under it, and exit with the error's code."""
    err(f"error: {error}")
    limit = error.problems_shown
    for problem in error.problems[:limit]:
        err(f"  {problem}")
    if limit is not None and len(error.problems) > limit:
        err(f"  … and {len(error.problems) - limit} more")
    raise typer.Exit(error.exit_code)


class ErrorBoundary(TyperGroup):
    """The app's command group: a domain error raised anywhere in a command (its options, its
    work, its output) is reported here, so that no command catches one."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; report a `PositiesError` it raises."""
        try:
            return super().invoke(ctx)
        except PositiesError as error:
            report(error)


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


def run(app: Callable[[], object]) -> None:
    """Run `app` as the console script: a quiet exit on broken pipes and ^C, output that
    never fails on the terminal's encoding, and no traceback for any fault."""
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
    try:
        _run_app(app)
    except OutputFailed as error:  # a full disk, a closed stream
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


def _run_app(app: Callable[[], object]) -> None:
    try:
        try:
            app()
        finally:
            with writing():
                sys.stdout.flush()  # a full disk shows here, while it can still be reported
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_PROBLEMS)
