"""A register's `posities.toml`: its own holder and the holders it declares."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from posities.errors import Problem, UsageError, display_path, shown
from posities.model.holders import CONFIG_FILE, DEFAULT, OWN_DEFAULT, Holders
from posities.model.records import Localized
from posities.model.schema import CODE, MAX_CODE_LENGTH, UNSAFE
from posities.model.suggest import closest

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_CODE_HELP = "uppercase letters and digits, such as NL, EU or US"


def read_holders(root: Path) -> tuple[Holders, list[Problem]]:
    """The holders of the register at `root`, and the problems of its `posities.toml`; the
    defaults (own holder NL, any code) when there is no such file."""
    path = root / CONFIG_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return DEFAULT, []
    except OSError as error:
        return DEFAULT, [Problem(display_path(path), None, None, f"cannot read: {error.strerror}")]
    return parse_holders(data, display_path(path))


def parse_holders(data: bytes, label: str) -> tuple[Holders, list[Problem]]:
    """The holders a `posities.toml` declares, and what is wrong with it (each problem at its
    line where it can be found); the defaults when it cannot be read at all."""
    import tomllib

    problems: list[Problem] = []
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        return DEFAULT, [
            Problem(label, None, None, f"not valid UTF-8 (byte {error.start}); save it as UTF-8")
        ]
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _AT.search(message)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        message = _AT.sub("", message).strip().rstrip(".")
        return DEFAULT, [Problem(label, line, column, f"not valid TOML: {message}")]
    lines = text.splitlines()

    def report(key: str, message: str) -> None:
        line = _line_of(lines, key)
        problems.append(Problem(label, line, 1 if line else None, message))

    for key in config:
        if key not in ("holder", "holders"):
            hint = closest(key, ("holder", "holders"))
            report(
                key,
                f"unknown key {shown(key)}"
                + (f"; did you mean {shown(hint)}?" if hint else "")
                + " Expected: holder (the register's own holder) and [holders]",
            )
    own = config.get("holder", OWN_DEFAULT)
    if not isinstance(own, str) or not _is_code(own):
        report("holder", f"holder must be a holder code ({_CODE_HELP}); got {_shown(own)}")
        own = OWN_DEFAULT
    table = config.get("holders")
    names: dict[str, Localized] = {}
    if table is not None and not isinstance(table, dict):
        report("holders", "holders must be a table: [holders] with NL = {nl = ..., en = ...}")
        table = None
    for code, value in (table or {}).items():
        if not _is_code(code):
            report(code, f"holder code {shown(code)} is not valid: expected {_CODE_HELP}")
            continue
        name = _names(value)
        if name is None:
            report(
                code,
                f"holders.{code} must give its Dutch and English names: "
                f'{code} = {{nl = "...", en = "..."}}',
            )
            continue
        names[code] = name
    declared = table is not None
    if declared and own not in names:
        suggestion = closest(own, names)
        report(
            "holder",
            f"the own holder {shown(own)} is not declared in [holders]"
            + (f"; did you mean {shown(suggestion)}?" if suggestion else "")
            + f" Add {own} = {{nl = ..., en = ...}} to [holders]",
        )
    return Holders(own, names, declared), problems


def _names(value: Any) -> Localized | None:
    if not isinstance(value, dict) or set(value) != {"nl", "en"}:
        return None
    nl, en = value["nl"], value["en"]
    for name in (nl, en):
        if not isinstance(name, str) or not name.strip() or UNSAFE.search(name) or "\n" in name:
            return None
    return Localized(nl=nl, en=en)


def _is_code(text: str) -> bool:
    return bool(CODE.match(text)) and len(text) <= MAX_CODE_LENGTH


def _shown(value: Any) -> str:
    return shown(value) if isinstance(value, str) else repr(value)


def _line_of(lines: list[str], key: str) -> int | None:
    """The first line that sets `key` or opens its table, for a problem found after parsing."""
    pattern = re.compile(rf"\s*(\[\s*)?(\w+\.)?[\"']?{re.escape(key)}[\"']?\s*(=|\]|\.)")
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return number
    return None


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
