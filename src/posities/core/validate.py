"""Validation of a parsed position file against the declared shape (`model.schema.POSITION`):
every problem collected with its file location, instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from posities.core.statements import first_day
from posities.errors import UNSAFE, name_char, shown
from posities.io.yamlread import Document, Location
from posities.model.dates import date_problem
from posities.model.records import FORM_KEY, FieldPath, own_item
from posities.model.schema import (
    POSITION,
    Choice,
    Date,
    Items,
    Kind,
    Mapping,
    Text,
    TriState,
    dotted,
)
from posities.model.suggest import closest

_BOOL_HINTS = {
    "yes": "true",
    "ja": "true",
    "y": "true",
    "no": "false",
    "nee": "false",
    "n": "false",
    "unknown": "null",
    "onbekend": "null",
    "none": "null",
}


def describe(value: Any) -> str:
    """How a wrong value is named in a message: its YAML type and, for scalars, the value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return "a list"


Report = Callable[[FieldPath, str, bool], None]


class _Validator:
    def __init__(self, doc: Document, report: Report) -> None:
        self.doc = doc
        self.report = report

    def check(self, kind: Kind, value: Any, path: FieldPath) -> Any:
        """Report what is wrong with `value`; return it normalised (dates as strings)."""
        if isinstance(kind, Mapping):
            return self._mapping(kind, value, path)
        if isinstance(kind, Items):
            return self._items(kind, value, path)
        if isinstance(kind, TriState):
            return self._tristate(value, path)
        if isinstance(kind, Date):
            return self._date(kind, value, path)
        if isinstance(kind, Choice):
            return self._choice(kind, value, path)
        return self._text(kind, value, path)

    def _mapping(self, kind: Mapping, value: Any, path: FieldPath) -> Any:
        if not isinstance(value, dict):
            expected = kind.help or "a mapping of " + ", ".join(kind.keys)
            self.report(path, f"{dotted(path)} must be {expected}; got {describe(value)}", False)
            return None
        out: dict[str, Any] = {}
        suggested = set()
        for key, item in value.items():
            spec = kind.keys.get(key)
            if spec is None:
                suggestion = closest(key, kind.keys)
                suggested.add(suggestion)
                hint = f"; did you mean {shown(suggestion)}?" if suggestion else "."
                where = f" in {dotted(path)}" if path else ""
                self.report(
                    (*path, key),
                    f"unknown key {shown(key)}{where}{hint} "
                    f"Expected one of: {', '.join(kind.keys)}",
                    True,
                )
                continue
            if spec.unless and spec.unless in value:
                self._instead(kind, key, value, path)
                continue
            for needed in spec.needs:
                if needed not in value:
                    where = dotted((*path, key))
                    self.report((*path, key), f"{where} needs {shown(needed)} beside it", True)
            if item is None and spec.nullable:
                out[key] = None
                continue
            out[key] = self.check(spec.kind, item, (*path, key))
        for key, spec in kind.keys.items():
            if spec.unless and spec.unless in value:
                continue
            if key not in value and spec.required and key not in suggested:
                hint = " (write null if the sources do not say)" if spec.nullable else ""
                what = f": {spec.help}" if spec.help else ""
                self.report(path, f"missing key {shown(key)}{what}{hint}", False)
        return out

    def _instead(self, kind: Mapping, key: str, value: dict[str, Any], path: FieldPath) -> None:
        """Report `key`, given beside the key that stands instead of it."""
        marker = kind.keys[key].unless
        said = value[marker]
        what = f"{marker}: {said}" if isinstance(said, str) else marker
        self.report(
            (*path, key),
            f"{dotted((*path, key))} cannot be given beside {what}, which stands instead of it "
            f"({kind.keys[marker].help}); move it into stances, or take out {marker}",
            True,
        )

    def _items(self, kind: Items, value: Any, path: FieldPath) -> Any:
        if not isinstance(value, list):
            self.report(path, f"{dotted(path)} must be a list; got {describe(value)}", False)
            return None
        if len(value) < kind.min_items:
            self.report(path, f"{dotted(path)} needs at least {kind.min_items} item", False)
        out = [self.check(kind.item, item, (*path, index)) for index, item in enumerate(value)]
        if kind.unique:
            seen: set[Any] = set()
            for index, item in enumerate(out):
                if isinstance(item, str) and item in seen:
                    self.report((*path, index), f"{shown(item)} is listed twice", False)
                seen.add(item)
        return out

    def _tristate(self, value: Any, path: FieldPath) -> Any:
        if isinstance(value, bool):
            return value
        hint = ""
        if isinstance(value, str) and value.lower() in _BOOL_HINTS:
            hint = f"; did you mean {_BOOL_HINTS[value.lower()]}?"
        self.report(
            path,
            f"{dotted(path)} must be true, false or null (unknown); got {describe(value)}{hint}",
            False,
        )
        return None

    def _date(self, kind: Date, value: Any, path: FieldPath) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and kind.partial:
            value = str(value)
        if not isinstance(value, str):
            self.report(path, f"{dotted(path)} must be a date; got {describe(value)}", False)
            return None
        why = date_problem(value, kind.partial)
        if why:
            self.report(path, f"{dotted(path)} {shown(value)}: {why}", False)
        return value

    def _choice(self, kind: Choice, value: Any, path: FieldPath) -> Any:
        if isinstance(value, str) and value in kind.values:
            return value
        valid = ", ".join(kind.values)
        if isinstance(value, str):
            suggestion = kind.aliases.get(value.lower()) or closest(value, kind.values)
            hint = f"; did you mean {shown(suggestion)}?" if suggestion else "."
        else:
            hint = "."
        self.report(
            path,
            f"{dotted(path)}: {describe(value)} is not valid{hint} Valid values: {valid}",
            False,
        )
        return None

    def _text(self, kind: Text, value: Any, path: FieldPath) -> Any:
        if not isinstance(value, str):
            self.report(path, f"{dotted(path)} must be a string; got {describe(value)}", False)
            return None
        if not value.strip():
            self.report(path, f"{dotted(path)} must not be empty", False)
        elif not _seen(value[0]) and not any(_seen(char) for char in value):
            self.report(
                path,
                f"{dotted(path)} must not be empty: it holds only invisible characters",
                False,
            )
        elif kind.max_length is not None and len(value) > kind.max_length:
            self.report(
                path,
                f"{dotted(path)} {shown(value)} is too long: {len(value)} characters, "
                f"at most {kind.max_length}",
                False,
            )
        elif not kind.multiline and ("\n" in value or "\u2028" in value or "\u2029" in value):
            self.report(path, f"{dotted(path)} must be a single line", False)
        elif kind.words and not any(char.isalnum() for char in value):
            self.report(
                path,
                f"{dotted(path)} has no words: copy a sentence or phrase of the text",
                False,
            )
        elif kind.pattern is not None and not kind.pattern.match(value):
            self.report(
                path,
                f"{dotted(path)} {shown(value)} is not valid: expected {kind.pattern_help}",
                False,
            )
        bad = UNSAFE.search(value)
        if bad:
            self.report(path, f"{dotted(path)} contains {name_char(bad.group())}; remove it", False)
        return value


def _seen(char: str) -> bool:
    """Whether a character shows on the page: printable and not white space."""
    return char.isprintable() and not char.isspace()


def validate(
    doc: Document, stem: str, own: str | None = None
) -> tuple[dict[str, Any] | None, list[tuple[Location | None, str]]]:
    """Check a parsed file against `POSITION`; the normalised record, or None and its problems.

    `stem` is the file name without `.yaml`, which the id must equal; `own`, where known, is
    the register's own holder, which a file in the stances form must name.
    """
    problems: list[tuple[Location | None, str]] = []

    def report(path: FieldPath, message: str, at_key: bool) -> None:
        where = doc.where_key(path) if at_key else doc.where(path)
        problems.append((where, message))

    if not isinstance(doc.value, dict):
        report((), f"a position file must be a mapping of fields; got {describe(doc.value)}", False)
        return None, problems
    record = _Validator(doc, report).check(POSITION, doc.value, ())
    if isinstance(record.get("id"), str) and record["id"] != stem:
        report(
            ("id",),
            f"id {shown(record['id'])} does not match the file name {shown(stem + '.yaml')}; "
            f"rename one so they agree",
            False,
        )
    marked = record.get(FORM_KEY)
    if own is not None and isinstance(marked, str) and marked != own:
        report(
            (FORM_KEY,),
            f"holder {shown(marked)} says whose statements in stances: are the file's own, but "
            f"the register's own holder is {shown(own)} (posities.toml): write holder: {own}, "
            f"or move the stance back to the top level with posities migrate {stem} --inline",
            False,
        )
    if not problems:
        _check_claims(record, report)
    if problems:
        return None, sorted(problems, key=lambda p: p[0] or (0, 0))
    return record, []


def _check_claims(record: dict[str, Any], report: Report) -> None:
    """Every stated claim must be backed by at least one source's quote, and no quote may be
    offered as evidence of what the sources do not state; the same for each statement of
    `stances:`, by its own sources. Statements must end after they begin, one holder may not
    make two statements from the same day, and relations must name other decisions, once."""
    if FORM_KEY in record:
        _own_in_stances(record, report)
    else:
        _statement_claims(record, (), report)
        _ends_after_start(record, (), record.get("since") or record["decision"]["date"], report)
    begun: dict[tuple[str, str], int] = {}
    for index, statement in enumerate(record.get("stances") or ()):
        _statement_claims(statement, ("stances", index), report)
        _ends_after_start(statement, ("stances", index), statement["since"], report)
        key = (statement["holder"], statement["since"])
        if key in begun:
            report(
                ("stances", index, "since"),
                f"stances[{index}] and stances[{begun[key]}] are both {key[0]}'s statements "
                f"from {key[1]}: which holds is ambiguous; give one another since, or merge them",
                False,
            )
        begun.setdefault(key, index)
    related: dict[tuple[str, str], int] = {}
    for index, relation in enumerate(record.get("relations") or ()):
        path = ("relations", index, "id")
        if relation["id"] == record["id"]:
            report(path, f"relations[{index}]: a decision cannot relate to itself", False)
        key = (relation["type"], relation["id"])
        if key in related:
            report(path, f"relations[{index}] repeats relations[{related[key]}]", False)
        related.setdefault(key, index)


def _own_in_stances(record: dict[str, Any], report: Report) -> None:
    """A file in stances form states its own stance: the latest of its holder's statements,
    which needs a summary as a top-level stance does."""
    holder = record[FORM_KEY]
    index = own_item(record)
    if index is None:
        report(
            (FORM_KEY,),
            f"{FORM_KEY}: {holder} says the file keeps {holder}'s statements in stances, but "
            f"stances has none of {holder}'s: add {holder}'s statement there, or give the "
            f"stance at the top level without {FORM_KEY}",
            False,
        )
    elif record["stances"][index].get("summary") is None:
        report(
            ("stances", index),
            f"stances[{index}] is the file's own stance ({holder}'s latest statement) and "
            "needs a summary, as a top-level stance does",
            False,
        )


def _ends_after_start(
    statement: dict[str, Any], path: FieldPath, since: str, report: Report
) -> None:
    until = statement.get("until")
    since = first_day(since)  # a partial decision date begins on its first day
    if until is not None and until <= since:
        report(
            (*path, "until"),
            f"{dotted((*path, 'until'))} {until} is not after the day the statement begins "
            f"({since}): it would never hold",
            False,
        )


def _statement_claims(statement: dict[str, Any], path: FieldPath, report: Report) -> None:
    for claim in ("stance", "goal_shared", "means_differ"):
        if statement[claim] is None:
            continue
        backed = any(
            source.get("supports") is None or claim in source["supports"]
            for source in statement["sources"]
        )
        if not backed:
            unknown = " or set it to null if the sources do not say" if claim != "stance" else ""
            report(
                (*path, claim),
                f"{dotted((*path, claim))} is stated but no source supports it: add "
                f"{shown(claim)} to the supports of the source that says so (posities edit), "
                f"or add that source with posities add-source ID --supports {claim} ...{unknown}",
                False,
            )
    for index, source in enumerate(statement["sources"]):
        for item, claim in enumerate(source.get("supports") or ()):
            if claim in ("goal_shared", "means_differ") and statement[claim] is None:
                report(
                    (*path, "sources", index, "supports", item),
                    f"{dotted((*path, 'sources', index, 'supports'))} names {claim}, but "
                    f"{claim} is null (not stated): state it, or take it out of supports",
                    False,
                )


def field_problems(path: FieldPath, value: Any) -> list[str]:
    """What `check` says of `value` as the field at `path` (nothing: it is right), so that a
    value can be checked as it is typed, before there is a file."""
    kind: Kind = POSITION
    for part in path:
        if isinstance(kind, Items):
            kind = kind.item
        elif isinstance(kind, Mapping):
            kind = kind.keys[str(part)].kind
    messages: list[str] = []
    _Validator(Document(value), lambda _path, message, _key: messages.append(message)).check(
        kind, value, path
    )
    return messages
