"""A register's `posities.toml`: its own holder and the holders it declares."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from posities.errors import (
    UNSAFE,
    PositiesError,
    Problem,
    UsageError,
    display_path,
    shown,
    unsafe_character,
)
from posities.io.tomlread import load_toml
from posities.model.holders import CODE, CONFIG_FILE, DEFAULT, MAX_CODE_LENGTH, OWN_DEFAULT, Holders
from posities.model.records import Localized
from posities.model.suggest import closest

_CODE_HELP = "uppercase letters and digits, such as NL, EU or US"
_KEYS_HELP = "Expected: holder (the register's own holder) and [holders]"
_NAMES_HELP = 'must give its Dutch and English names: {code} = {{nl = "...", en = "..."}}'
_KEY_LINE = re.compile(r"\s*(?P<open>\[\[?)?\s*(?P<key>[^=\[\]]+?)\s*(?P<end>\]\]?|=)")

MAX_CONFIG_BYTES = 64 * 1024
_DEPTH_HELP = (
    f"nested too deeply: {CONFIG_FILE} holds holder = CODE and a [holders] table of "
    "CODE = {nl = ..., en = ...}"
)

TomlKey = tuple[str, ...]
Report = Callable[[TomlKey, str, bool], None]
"""Report a problem at a key of the file: its path, the message, and whether it is the
value (rather than the key) that is wrong."""


def read_holders(root: Path) -> tuple[Holders, list[Problem]]:
    """The holders of the register at `root`, and the problems of its `posities.toml`; the
    defaults (own holder NL, any code) when there is no such file."""
    path = root / CONFIG_FILE
    try:
        data = _read_config(path)
    except FileNotFoundError:
        return DEFAULT, []
    except OSError as error:
        return DEFAULT, [Problem(display_path(path), None, None, f"cannot read: {error.strerror}")]
    return parse_holders(data, display_path(path))


def _read_config(path: Path) -> bytes:
    """The bytes of `posities.toml`, no more than it may hold: a pipe, a device or a folder in
    its place is an `OSError` rather than a wait or a read without end."""
    import errno
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = (
                "a folder"
                if stat.S_ISDIR(mode)
                else "a pipe"
                if stat.S_ISFIFO(mode)
                else "a device"
            )
            raise OSError(errno.EINVAL, f"it is {what}, not a file")
        return handle.read(MAX_CONFIG_BYTES + 1)


def known_holders(
    root: Path,
    unknown: str = "the register's holders are not known",
    done: str = "nothing was written",
) -> Holders:
    """The holders of the register at `root`, for a change to it: an error listing the
    problems of its `posities.toml` when it has any (then whose stance is whose is unknown)."""
    holders, problems = read_holders(root)
    if problems:
        error = PositiesError(f"{CONFIG_FILE} has problems, so {unknown}; {done}")
        error.problems = problems
        raise error
    return holders


def parse_holders(data: bytes, label: str) -> tuple[Holders, list[Problem]]:
    """The holders a `posities.toml` declares, and what is wrong with it (each problem at its
    line and column); the defaults when it cannot be read at all. A mistake is reported once:
    a code in lower case is read as its upper case, a holder with bad names as declared."""
    too_large = (
        f"the file is larger than the {MAX_CONFIG_BYTES // 1024} KiB {CONFIG_FILE} may "
        "be: it declares the own holder and the holders, no more"
    )
    config, text, found = load_toml(data, label, MAX_CONFIG_BYTES, too_large, _DEPTH_HELP)
    if config is None:
        return DEFAULT, found
    problems: list[Problem] = []
    places: dict[TomlKey, tuple[int, int, int]] | None = None

    def report(key: TomlKey, message: str, at_value: bool) -> None:
        nonlocal places
        if places is None:
            places = _places(text.splitlines())
        line, column = _place(places, key, at_value)
        problems.append(Problem(label, line, column, message))

    for key in config:
        if key not in ("holder", "holders"):
            hint = closest(key, ("holder", "holders"))
            found_hint = f"; did you mean {shown(hint)}?" if hint else "."
            report((key,), f"unknown key {shown(key)}{found_hint} {_KEYS_HELP}", False)
    own = _own(config, report)
    names = _declared(config, report)
    declared = names is not None
    if names is not None and own not in names:
        _own_not_declared(own, "holder" in config, names, report)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return Holders(own, names or {}, declared), problems


def _own(config: dict[str, Any], report: Report) -> str:
    """The own holder `holder =` names (the default when it is not given or wrong)."""
    if "holder" not in config:
        return OWN_DEFAULT
    own = config["holder"]
    if isinstance(own, str) and _is_code(own):
        return own
    upper = own.strip().upper() if isinstance(own, str) else ""
    if _is_code(upper):
        report(("holder",), f"{_wanted_code(own)}; did you mean {shown(upper)}?", True)
        return upper
    if isinstance(own, str) and CODE.match(own):
        report(("holder",), f"holder code {_code_problem(own)}", True)  # too long
    else:
        report(("holder",), _wanted_code(own), True)
    return OWN_DEFAULT


def _wanted_code(value: Any) -> str:
    return f"holder must be a holder code ({_CODE_HELP}); got {_described(value)}"


def _declared(config: dict[str, Any], report: Report) -> dict[str, Localized] | None:
    """The `[holders]` table's codes and names; None when there is no such table."""
    table = config.get("holders")
    if table is None:
        return None
    if not isinstance(table, dict):
        report(
            ("holders",),
            "holders must be a table: [holders] with NL = {nl = ..., en = ...}; "
            f"got {_described(table)}",
            True,
        )
        return None
    names: dict[str, Localized] = {}
    for written, value in table.items():
        code = _declared_code(written, report)
        if code is None:
            continue
        named = _names(code, value, _under(("holders", written), report))
        names[code] = named or Localized(code, code)
    return names


def _under(key: TomlKey, report: Report) -> Callable[[TomlKey, str], None]:
    """Report a problem with a value at a key below `key`."""
    return lambda path, message: report((*key, *path), message, True)


def _declared_code(written: str, report: Report) -> str | None:
    """The code a `[holders]` key declares, its upper case when it is written in lower case;
    None when it cannot be a code."""
    why = _code_problem(written)
    if why is None:
        return written
    upper = written.strip().upper()
    if _code_problem(upper) is None:
        report(("holders", written), f"holder code {why}; did you mean {shown(upper)}?", False)
        return upper
    report(("holders", written), f"holder code {why}", False)
    return None


def _code_problem(code: str) -> str | None:
    """What is wrong with `code` as a holder code, as the end of "holder code ..."; None if
    nothing is."""
    if len(code) > MAX_CODE_LENGTH and CODE.match(code):
        return f"{shown(code)} is too long: {len(code)} characters, at most {MAX_CODE_LENGTH}"
    if not _is_code(code):
        return f"{shown(code)} is not valid: expected {_CODE_HELP}"
    return None


def _names(code: str, value: Any, report: Callable[[TomlKey, str], None]) -> Localized | None:
    """A holder's Dutch and English names, each problem with them reported."""
    where = f"holders.{code}"
    if not isinstance(value, dict):
        report((), f"{where} {_NAMES_HELP.format(code=code)}; got {_described(value)}")
        return None
    good = True
    for key in value:
        if key not in ("nl", "en"):
            report((key,), f"unknown key {shown(key)} in {where}. Expected: nl and en")
            good = False
    for lang, language in (("nl", "Dutch"), ("en", "English")):
        if lang not in value:
            report((), f'{where} has no {language} name: add {lang} = "..."')
            good = False
            continue
        why = _name_problem(value[lang])
        if why is not None:
            report((lang,), f"{where}.{lang} {why}")
            good = False
    return Localized(nl=value["nl"], en=value["en"]) if good else None


def _name_problem(name: Any) -> str | None:
    """What is wrong with a holder's name, as the end of "holders.EU.nl ..."."""

    if not isinstance(name, str):
        return f"must be a name; got {_described(name)}"
    if not name.strip():
        return "must not be empty"
    if any(char in name for char in "\n\r\u2028\u2029"):
        return "must be a single line"
    if UNSAFE.search(name):
        return f"contains {unsafe_character(name)}; remove it"
    return None


def _own_not_declared(own: str, written: bool, names: dict[str, Localized], report: Report) -> None:
    suggestion = closest(own, names)
    hint = f"; did you mean {shown(suggestion)}?" if suggestion else "."
    default = "" if written else f" (the default: {CONFIG_FILE} sets no holder)"
    report(
        ("holder",) if written else ("holders",),
        f"the own holder {shown(own)}{default} is not declared in [holders]{hint} "
        f"Add {own} = {{nl = ..., en = ...}} to [holders]",
        written,
    )


def _is_code(text: str) -> bool:
    return bool(CODE.match(text)) and len(text) <= MAX_CODE_LENGTH


def _described(value: Any) -> str:
    """How a TOML value of the wrong kind is named in a message."""
    if isinstance(value, str):
        return f"the string {shown(value)}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"the date {value}"


def _places(lines: list[str]) -> dict[TomlKey, tuple[int, int, int]]:
    """Where each key of a TOML file is written: its line, the column of the key and the
    column of its value (of `[` for a table's header), as found on its first line."""
    found: dict[TomlKey, tuple[int, int, int]] = {}
    table: TomlKey = ()
    for number, line in enumerate(lines, 1):
        match = _KEY_LINE.match(line)
        path = _key_path(match.group("key")) if match else None
        if match is None or path is None:
            continue
        if match.group("open"):
            if match.group("end") == "=":
                continue
            table = path
            column = match.start("open") + 1
            found.setdefault(path, (number, column, column))
        elif match.group("end") == "=":
            value = len(line) - len(line[match.end() :].lstrip()) + 1
            found.setdefault(table + path, (number, match.start("key") + 1, value))
    return found


def _key_path(written: str) -> TomlKey | None:
    """A (dotted, maybe quoted) key as written, as the keys it names; None if it is none."""
    import tomllib

    try:
        data: Any = tomllib.loads(f"{written} = 0")
    except tomllib.TOMLDecodeError:
        return None
    path: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        path.append(key)
    return tuple(path)


def _place(
    places: dict[TomlKey, tuple[int, int, int]], key: TomlKey, at_value: bool
) -> tuple[int | None, int | None]:
    """Where a problem with `key` is shown: the key itself, else the nearest key above it
    that is written (a name inside an inline table: at the table)."""
    for length in range(len(key), 0, -1):
        place = places.get(key[:length])
        if place is not None:
            line, key_column, value_column = place
            exact = length == len(key)
            return line, value_column if at_value or not exact else key_column
    return None, None


def check_code(code: str, holders: Holders) -> str:
    """`code` in the case holders are written (`de` becomes `DE`), when the register knows it;
    a `UsageError` naming the declared holders and the closest one otherwise."""
    upper = code.strip().upper()
    if not _is_code(upper):
        raise UsageError(f"{shown(code)} is not a holder code: expected {_CODE_HELP}")
    if holders.knows(upper):
        return upper
    suggestion = closest(upper, holders.names)
    hint = f"; did you mean {suggestion}?" if suggestion else "."
    raise UsageError(
        f"holder {shown(upper)} is not declared in {CONFIG_FILE}{hint} "
        f"Declared: {', '.join(holders.names)}"
    )


def own_holder(root: Path, asked: str | None = None) -> str:
    """The own holder of the register at `root` (a `posities.toml` with problems gives the
    default; `check` reports them), after refusing an `asked` holder it does not declare."""
    holders, _ = read_holders(root)
    if asked is not None:
        check_code(asked, holders)
    return holders.own
