"""Making a new position: the questions `posities new` asks (each answer checked as it is
given), the file's template, and its creation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posities.core.editing import id_path
from posities.core.save import locked, write_position
from posities.errors import PositiesError, UsageError, display_path, shown
from posities.io.atomic import replace_text
from posities.io.yamledit import scalar, text_value
from posities.model.records import FieldPath, Stance
from posities.model.schema import SCHEMA_FILE


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
    stated = [c for c in ("goal_shared", "means_differ") if fields.get(c) is not None]
    supports = ", ".join(fields.get("supports") or ["stance", *stated])  # what new states
    lines.append(
        f"    supports: [{supports}]  # what this quote states: stance, goal_shared, "
        "means_differ, decision, summary"
    )
    quote = value("quote", "      ")
    note = "" if "\n" in quote else "  # copied verbatim from the document"  # not inside a block
    lines += [
        f"    quote: {quote}{note}",
        f"updated: {scalar(fields['updated'], plain_dates=True)}"
        "  # when the stance was last assessed",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Question:
    """What `new` asks in a terminal for a field that was not given."""

    text: str
    hint: str
    where: FieldPath
    """Where the answer stands in the file, which says how it is checked."""

    @property
    def prompt(self) -> str:
        """The question with its hint (the choices, where there are choices)."""
        return f"{self.text} ({self.hint})"


QUESTIONS = {
    "title_nl": Question("Title in Dutch", "the decision's name, one line", ("title", "nl")),
    "title_en": Question("Title in English", "the decision's name, one line", ("title", "en")),
    "actor": Question("Actor", "who took the decision, e.g. US", ("actor",)),
    "date": Question("Decision date", "YYYY-MM-DD, YYYY-MM or YYYY", ("decision", "date")),
    "stance": Question(
        "Stance",
        ", ".join(s.value for s in Stance) + "; or in Dutch: kritisch, wijst af, ...",
        ("stance",),
    ),
    "description_nl": Question(
        "Description in Dutch", "what was decided", ("decision", "description", "nl")
    ),
    "description_en": Question(
        "Description in English", "what was decided", ("decision", "description", "en")
    ),
    "summary_nl": Question(
        "Summary in Dutch", "the stance in a sentence or two", ("summary", "nl")
    ),
    "summary_en": Question(
        "Summary in English", "the stance in a sentence or two", ("summary", "en")
    ),
    "source_title": Question(
        "Source title", "the document that states the position", ("sources", 0, "title")
    ),
    "source_text": Question(
        "Source text",
        "its local copy under the register, e.g. texts/brief.txt; empty if there is none",
        ("sources", 0, "text"),
    ),
    "quote": Question("Quote", "copied verbatim from the source", ("sources", 0, "quote")),
}


def answer(name: str, text: str) -> str:
    """The answer `text` to question `name`, trimmed; a UsageError saying what is wrong with
    it if `check` would refuse it."""
    from posities.core.validate import field_problems

    where = QUESTIONS[name].where
    value = text.strip()
    if where == ("stance",):
        from posities.model.words import parse_stance

        try:
            value = parse_stance(value).value
        except ValueError as error:
            raise UsageError(str(error)) from None
    problems = field_problems(where, value)
    if problems:
        raise UsageError(problems[0])
    return value


def answer_text(root: Path, text: str) -> str | None:
    """The answer to "Source text": a path `text:` can hold (relative to the register), or
    None for none; a UsageError saying why another path cannot be used."""
    if not text.strip():
        return None
    return source_text(root, text.strip())


def source_text(root: Path, given: str, option: str = "") -> str:
    """The path `text:` holds for a source text given as `given` (relative to the register, or
    to the current folder as `quote find` prints it); a UsageError, naming the `option` it was
    given with, saying why it cannot be used."""
    from posities.core.find import given_text
    from posities.core.texts import read_source_text, text_path

    relative = given_text(root, given)
    target = text_path(root, relative)
    loaded = read_source_text(target) if not isinstance(target, str) else target
    if isinstance(loaded, str):
        raise UsageError(f"{option} {shown(relative, 200)}: {loaded}".lstrip())
    return relative


def answer_quote(root: Path, relative: str | None, text: str) -> str:
    """The answer to "Quote", checked against the source text when there is one, so that a
    quote not in it is asked again now rather than refused once every answer is given."""
    from posities.core.texts import read_source_text, text_path
    from posities.core.verify import not_found

    quote = answer("quote", text)
    if relative is None:
        return quote
    target = text_path(root, relative)
    loaded = read_source_text(target) if not isinstance(target, str) else target
    if isinstance(loaded, str):
        raise UsageError(f"{shown(relative, 200)}: {loaded}")
    if not loaded.source.contains(quote):
        raise UsageError(
            not_found(("sources", 0), relative, loaded, quote).removeprefix("sources[0].")
        )
    return quote


def check_new_id(root: Path, ident: str) -> Path:
    """The file a new position `ident` would have; an error if the id is invalid or taken."""
    path, there = id_path(root, ident, "{id} is not a valid id: use kebab-case, like jcpoa")
    if there or path.is_symlink():
        raise UsageError(f"position {shown(ident)} exists already ({display_path(path)})")
    return path


def create(root: Path, fields: dict[str, Any]) -> tuple[Path, list[str]]:
    """Write a new position file from `fields`; its path and what else was written."""
    ident = fields["id"]
    path = check_new_id(root, ident)
    with locked(path):
        check_new_id(root, ident)  # again: another `new` may have made it meanwhile
        write_position(path, None, template(fields), ident)
    also = []
    schema_path = root / SCHEMA_FILE
    if not schema_path.exists():
        from posities.io.formats import json_text
        from posities.model.schema import json_schema

        try:
            replace_text(schema_path, [json_text(json_schema())])
        except OSError as error:
            raise PositiesError(
                f"wrote {display_path(path)}, but not {display_path(schema_path)}: "
                f"{error.strerror}; write it with posities schema > {display_path(schema_path)}"
            ) from None
        also.append(display_path(schema_path))
    return path, also


def check_holder(root: Path, holder: str) -> None:
    """Refuse a first statement by any holder but the register's own: a position file's
    top-level stance, which every file has, is the own holder's. Saying how to record the
    other holder's instead."""
    from posities.core.holders import check_code, read_holders

    holders, _ = read_holders(root)
    code = check_code(holder, holders)
    if code != holders.own:
        raise UsageError(
            f"--holder {code}: a position's first statement is the register's own holder's "
            f"({holders.own}), the stance at the top of its file. Create it with "
            f"{holders.own}'s stance (without --holder), then record {code}'s with posities set "
            f"ID --holder {code} --since DATE --stance STANCE --source-title ... --quote ..."
        )
