"""Problems found in a register, and the errors the core raises for the CLI to report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Location = tuple[int, int]
"""A 1-based (line, column) in a file."""


class YamlError(Exception):
    """The text is not a YAML document this tool accepts."""

    def __init__(self, message: str, location: Location | None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in one file, located as editors expect (1-based line and column)."""

    path: str
    line: int | None
    column: int | None
    message: str
    severity: str = "error"
    """"error", or "warning" for what is worth a look but not wrong (a stale stance)."""

    def __str__(self) -> str:
        text = f"warning: {self.message}" if self.severity == "warning" else self.message
        if self.line is None:
            return f"{self.path}: {text}"
        return f"{self.path}:{self.line}:{self.column or 1}: {text}"


def counted(problems: Sequence[Problem]) -> str:
    """ "1 problem in 1 file", "3 problems in 2 files"."""
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} in {'1 file' if files == 1 else f'{files} files'}"


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted as a reader goes through the files: by file, line and column."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0))


class PositiesError(Exception):
    """An error the user can act on; its message is one line, safe to print. `problems` are
    printed under it, the first `problems_shown` of them when that is set."""

    exit_code = 1
    problems: Sequence[Problem] = ()
    problems_shown: int | None = None


class UsageError(PositiesError):
    """The command was called in a way that cannot work (bad option, no register)."""

    exit_code = 2


class InvalidRegister(PositiesError):
    """The register has problems, so no partial result is produced."""

    problems_shown = 3  # `posities check` lists them all

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            f"the register has {counted(problems)}; nothing was printed. "
            "Run `posities check` to see them all."
        )


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def visible(text: str, escape: str = "") -> str:
    """`text` safe to print: control, invisible, bidi and surrogate characters as escapes.

    Characters in `escape` get a backslash too. File names go through this, since a name can
    hold bytes that are not UTF-8 or an ANSI escape sequence.
    """
    import unicodedata  # here: most runs never show a name that needs it

    out = []
    for char in text:
        if char in escape or (char == "\\" and escape):
            out.append("\\" + char)
        elif unicodedata.category(char) in _UNSAFE_CATEGORIES:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def shown(text: str, limit: int = 60) -> str:
    """`text` quoted for a message, shortened to `limit` characters and made `visible`."""
    more = "…" if len(text) > limit else ""
    return "'" + visible(text[:limit], escape="'") + more + "'"


def display_path(path: Path) -> str:
    """`path` as messages show it: relative to the current folder when inside it, printable."""
    here = Path.cwd()
    return visible(str(path.relative_to(here) if path.is_relative_to(here) else path))
