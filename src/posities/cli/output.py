"""What the command line prints: reports on standard output or into an `-o` file, messages
and warnings on standard error, Rich for a terminal, and the state line of a memo."""

import contextlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from posities.core.query import Filter
from posities.core.register import Register
from posities.errors import display_path, shown
from posities.model.suggest import did_you_mean, suggest
from posities.model.words import Lang

if TYPE_CHECKING:
    from posities.git.state import RegisterState


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
    report: str | Iterable[str],
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
        with writing():
            sys.stdout.writelines([report] if isinstance(report, str) else report)
        return
    from posities.io.reports import write_report

    write_report(out_file, [report] if isinstance(report, str) else report, register, own)
    err(f"wrote {display_path(out_file)}")


def interactive() -> bool:
    """Whether someone can be asked: standard input is a terminal."""
    return sys.stdin.isatty()


def terminal() -> bool:
    """Whether standard output is a terminal, which gets Rich tables."""
    return sys.stdout.isatty()


def width() -> int:
    """The terminal's width in columns."""
    import shutil

    return shutil.get_terminal_size().columns


def print_rich(renderable: object) -> None:
    """Print a Rich renderable on the terminal, with no markup or emoji read into the data."""
    from rich.console import Console

    with writing():
        Console(highlight=False, emoji=False, markup=False).print(renderable)


def warn_unmatched(register: Register, where: Filter) -> None:
    """Warn of a topic or actor in the filter that no position has, with close ones."""
    topics = sorted({t for p in register.positions for t in p.topics})
    for topic in sorted(where.topics - set(topics)):
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
) -> str:
    """The memo's line saying which state of the register it shows, and what it selects."""
    from posities.git.state import register_state
    from posities.render.notes import selection
    from posities.render.notes import state_line as line

    if state is None:
        state = register_state(register.root, register.fingerprint)
    criteria = selection(where, lang) if where is not None else []
    return line(state, shown_count, len(register.positions), criteria, lang)
