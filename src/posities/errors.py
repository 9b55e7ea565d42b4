"""Problems found in a register, and the errors the core raises for the CLI to report."""

from __future__ import annotations

import re
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


# C0 and C1 controls except tab and newline, lone surrogates, and bidi embedding/override/isolate
# marks (the "Trojan Source" characters), which make text display differently from what it is.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""What a value in a file may not hold: characters that hide or disguise text."""


def unsafe_character(text: str) -> str | None:
    """A description of the first character in `text` that must not be printed, if any."""
    bad = UNSAFE.search(text)
    return name_char(bad.group()) if bad else None


def name_char(char: str) -> str:
    """An unsafe character named for a message."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X} (not valid Unicode)"
    if code in (0x1B,):
        return "an escape character U+001B (terminal escape sequence)"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"a control character U+{code:04X}"
    return f"an invisible bidirectional-text control U+{code:04X}"


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
