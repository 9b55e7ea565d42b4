"""The editing commands' work: open a position, change it, make a new one, edit it in an editor.

Every result goes through `store.write_position`, which validates it and writes it atomically.
"""

from __future__ import annotations

import copy
import datetime
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import replace_text
from .checks import written_quote_problems
from .edit import append_item, scalar, set_values, text_value
from .errors import PositiesError, Problem, UsageError, YamlError, shown
from .register import TooLarge, decode, display_path, position_files, read_text
from .schema import KEBAB, SCHEMA_FILE
from .store import check_text, write_position
from .yamlparse import Path as FieldPath
from .yamlparse import parse

STANCE_FIELDS = (("stance",), ("goal_shared",), ("means_differ",))
DATE_FIELDS = (("decision", "date"), ("updated",))


@dataclass(frozen=True)
class Opened:
    """A position file as read for a change: its bytes, text and parsed value."""

    path: Path
    stem: str
    data: bytes
    bom: str
    text: str
    value: dict[str, Any]

    def whole(self, text: str) -> str:
        """`text` with the byte-order mark the file had."""
        return self.bom + text


def position_path(root: Path, ident: str) -> Path:
    """The file of position `ident`; an error with suggestions if there is none."""
    if not KEBAB.match(ident):
        raise UsageError(f"{shown(ident)} is not a position id (kebab-case, like jcpoa)")
    path = root / f"{ident}.yaml"
    if not path.exists():
        from .query import suggest

        files, _ = position_files(root)
        hint = suggest(ident, [f.name.removesuffix(".yaml") for f in files])
        tail = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise UsageError(f"no position with id {shown(ident)}{tail} (`posities list` shows all)")
    return path


def open_position(path: Path) -> Opened:
    """Read a position file for a change; it must be a YAML mapping (it may be invalid)."""
    label = display_path(path)
    data = _read(path)
    try:
        text = decode(data)
        doc = parse(text)
    except YamlError as error:
        where = f":{error.location[0]}:{error.location[1]}" if error.location else ""
        raise PositiesError(
            f"{label}{where}: {error.message}; fix it first (posities edit)"
        ) from None
    if not isinstance(doc.value, dict):
        raise PositiesError(f"{label} is not a mapping of fields; fix it first (posities edit)")
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    return Opened(path, path.name.removesuffix(".yaml"), data, bom, text, doc.value)


def _expected(value: dict[str, Any], changes: dict[FieldPath, Any]) -> dict[str, Any]:
    result = copy.deepcopy(value)
    for path, new in changes.items():
        target: Any = result
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = new
    return result


def _reads_back(text: str, expected: dict[str, Any]) -> None:
    try:
        value = parse(text).value
    except YamlError:
        value = None
    if value != expected:
        raise PositiesError(
            "the change could not be made without touching other values; nothing was written. "
            "Make it with posities edit."
        )


def current(opened: Opened, path: FieldPath) -> Any:
    """The value at `path` in the file as read (None where there is none)."""
    value: Any = opened.value
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def set_fields(opened: Opened, changes: dict[FieldPath, Any]) -> str:
    """The file's new text with `changes` made and nothing else touched."""
    text = set_values(opened.text, changes, DATE_FIELDS)
    _reads_back(text, _expected(opened.value, changes))
    return opened.whole(text)


def add_source(opened: Opened, source: dict[str, Any]) -> str:
    """The file's new text with `source` appended to its sources."""
    text = append_item(opened.text, ("sources",), source, date_keys=("date",))
    expected = copy.deepcopy(opened.value)
    if not isinstance(expected.get("sources"), list):
        raise PositiesError("the file has no list of sources to add to")
    expected["sources"].append(source)
    _reads_back(text, expected)
    return opened.whole(text)


def save(opened: Opened, text: str) -> None:
    """Write a changed file (validated, atomic, refused if it changed on disk meanwhile)."""
    write_position(opened.path, opened.data, text, opened.stem)


# --- new -------------------------------------------------------------------------------------


def template(fields: dict[str, Any]) -> str:
    """A new position file: every field explained in a comment, the schema named first."""

    def value(key: str, indent: str = "  ", dates: bool = False) -> str:
        return text_value(fields[key], indent, plain_dates=dates)

    source_date = scalar(fields.get("source_date"), plain_dates=True)
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        "# The government's position on one foreign decision. `posities check` validates it;",
        "# write only what the sources say: where they are silent, use null (unknown).",
        f"id: {fields['id']}  # kebab-case, equal to the file name",
        "title:  # the decision's name, one line each",
        f"  nl: {value('title_nl', '    ')}",
        f"  en: {value('title_en', '    ')}",
        f"actor: {scalar(fields['actor'])}  # who took the decision",
        "decision:",
        f"  date: {scalar(fields['date'], plain_dates=True)}"
        "  # YYYY-MM-DD; YYYY-MM or YYYY where only that is known",
        "  description:  # what was decided",
        f"    nl: {value('description_nl', '      ')}",
        f"    en: {value('description_en', '      ')}",
        f"stance: {fields['stance']}  # supports, neutral, concerned, critical or opposes",
        f"goal_shared: {scalar(fields['goal_shared'])}"
        "  # true, false, or null where the sources do not say",
        f"means_differ: {scalar(fields['means_differ'])}"
        "  # true, false, or null where the sources do not say",
        "summary:  # the stance in a sentence or two",
        f"  nl: {value('summary_nl', '    ')}",
        f"  en: {value('summary_en', '    ')}",
        f"topics: {text_value(fields['topics'], '')}  # short kebab-case tags",
        "sources:  # documents that state the position, each with a verbatim quote",
        f"  - title: {scalar(fields['source_title'])}",
        f"    kind: {scalar(fields['source_kind'])}  # e.g. kamerbrief, verslag, persbericht",
        f"    date: {source_date}  # YYYY-MM-DD, or null if unknown",
    ]
    if fields.get("source_text"):
        lines.append(f"    text: {scalar(fields['source_text'])}  # local copy, relative path")
    if fields.get("source_url"):
        lines.append(f"    url: {scalar(fields['source_url'])}")
    quote = value("quote", "      ")
    note = "" if "\n" in quote else "  # copied verbatim from the document"  # not inside a block
    lines += [
        f"    quote: {quote}{note}",
        f"updated: {scalar(fields['updated'], plain_dates=True)}"
        "  # when the stance was last assessed",
    ]
    return "\n".join(lines) + "\n"


def check_new_id(root: Path, ident: str) -> Path:
    """The file a new position `ident` would have; an error if the id is invalid or taken."""
    if not KEBAB.match(ident):
        raise UsageError(f"{shown(ident)} is not a valid id: use kebab-case, like jcpoa")
    path = root / f"{ident}.yaml"
    if path.exists() or path.is_symlink():
        raise UsageError(f"position {shown(ident)} exists already ({display_path(path)})")
    return path


def create(root: Path, fields: dict[str, Any]) -> tuple[Path, list[str]]:
    """Write a new position file from `fields`; its path and what else was written."""
    ident = fields["id"]
    path = check_new_id(root, ident)
    write_position(path, None, template(fields), ident)
    also = []
    schema_path = root / SCHEMA_FILE
    if not schema_path.exists():
        from .render import json_text
        from .schema import json_schema

        try:
            replace_text(schema_path, [json_text(json_schema())])
        except OSError as error:
            raise PositiesError(
                f"wrote {display_path(path)}, but not {display_path(schema_path)}: "
                f"{error.strerror}; write it with posities schema > {display_path(schema_path)}"
            ) from None
        also.append(display_path(schema_path))
    return path, also


# --- edit ------------------------------------------------------------------------------------

HEADER = "# posities: "
ROUNDS = 50
"""How often an invalid version is reopened before the session ends (an editor that never
waits for its user would otherwise loop for ever)."""


def editor_command() -> list[str]:
    """The user's editor: $VISUAL, else $EDITOR."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    try:
        words = shlex.split(command)
    except ValueError:
        raise UsageError(f"cannot read the editor command {shown(command)}") from None
    if not words:
        raise UsageError("no editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    return words


def run_editor(words: list[str], file: Path) -> int:
    """Run the editor on `file`; its exit status."""
    try:
        return subprocess.run([*words, str(file)], check=False).returncode
    except FileNotFoundError:
        raise UsageError(
            f"the editor {shown(words[0])} was not found; check VISUAL or EDITOR"
        ) from None
    except OSError as error:
        raise UsageError(f"cannot run the editor {shown(words[0])}: {error.strerror}") from None


def _without_header(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER):
        lines.pop(0)
    return "".join(lines)


def _header(problems: list[Problem]) -> str:
    lines = [
        "this version was not saved. Fix what is listed here and save, or quit without "
        "saving to give up. These lines are removed when it is saved; line numbers count "
        "from the first line after them."
    ]
    for problem in problems:
        line = f"line {problem.line}, column {problem.column or 1}: " if problem.line else ""
        lines.append(f"{line}{problem.message}")
    return "".join(f"{HEADER}{line}\n" for line in lines)


@dataclass(frozen=True)
class EditResult:
    """How an edit session ended: what to tell the user, and whether it ended without the
    edit it was for (an editor that failed, a user who gave up)."""

    message: str
    failed: bool = False


def edit(path: Path, editor: Callable[[Path], int]) -> EditResult:
    """Open a copy of the position in an editor until it is valid, then save it over the
    original (which is untouched until then). Giving up keeps the copy and says where."""
    stem, original = path.name.removesuffix(".yaml"), _read(path)
    try:
        folder = Path(tempfile.mkdtemp(prefix="posities-edit-"))
    except OSError as error:
        raise PositiesError(f"cannot make a copy to edit: {error.strerror}") from None
    copy_path = folder / path.name
    copy_path.write_bytes(original)
    given = original
    label = display_path(path)
    for _ in range(ROUNDS):
        status = editor(copy_path)
        if status != 0:
            return EditResult(
                f"the editor exited with status {status}; {label} is unchanged "
                f"(your copy is kept at {copy_path})",
                failed=True,
            )
        edited = copy_path.read_bytes()
        text = _without_header(edited.decode("utf-8", "surrogateescape"))
        if text.encode("utf-8", "surrogateescape") == original:
            _remove(folder)
            return EditResult(f"no changes; {label} is unchanged")
        if edited == given:
            return EditResult(
                f"gave up: {label} is unchanged; your version is kept at {copy_path}", failed=True
            )
        problems = check_text(text, stem, label) or written_quote_problems(path.parent, text, label)
        if not problems:
            try:
                write_position(path, original, text, stem)
            except PositiesError as error:
                raise PositiesError(f"{error} Your version is kept at {copy_path}") from None
            _remove(folder)
            return EditResult(f"saved {label}")
        header = _header(problems)
        given = (header + text).encode("utf-8", "surrogateescape")
        copy_path.write_bytes(given)
    return EditResult(
        f"still invalid after {ROUNDS} rounds; {label} is unchanged and your version is kept "
        f"at {copy_path}",
        failed=True,
    )


def _read(path: Path) -> bytes:
    try:
        return read_text(path)
    except TooLarge as error:
        raise PositiesError(f"{display_path(path)}: {error}") from None
    except OSError as error:
        raise PositiesError(f"cannot read {display_path(path)}: {error.strerror}") from None


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def today() -> str:
    """Today's date, YYYY-MM-DD."""
    return datetime.date.today().isoformat()
