"""The shape of a position file, declared once, and the validation that walks it.

`check`, the loader and the JSON Schema all read `POSITION`, so they cannot disagree.
Validation collects every problem with its location instead of stopping at the first.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from posities.errors import shown
from posities.io.yamlread import Document, Location
from posities.model.records import CLAIMS, Stance
from posities.model.records import FieldPath as Path

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID_LENGTH = 64
"""The longest id: its file name, a writer's temporary file (`.ID.yaml.PID.posities-tmp`) and
any lock file beside it stay far below the 255 bytes file systems allow in one name."""
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
# C0 and C1 controls except tab and newline, lone surrogates, and bidi embedding/override/isolate
# marks (the "Trojan Source" characters), which make text display differently from what it is.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_URL = re.compile(r"https?://[^\s]+\Z")
DUTCH_STANCES = {
    "steunt": "supports",
    "neutraal": "neutral",
    "bezorgd": "concerned",
    "kritisch": "critical",
    "wijst af": "opposes",
    "afwijzend": "opposes",
}
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


@dataclass(frozen=True)
class Text:
    """A non-empty string; single-line unless `multiline`, optionally matching `pattern`."""

    multiline: bool = False
    pattern: re.Pattern[str] | None = None
    pattern_help: str = ""
    max_length: int | None = None
    words: bool = False
    """Whether it must hold a word (a letter or digit), as a quote must."""


@dataclass(frozen=True)
class Date:
    """An ISO date; `partial` also allows YYYY-MM and YYYY where only that is known."""

    partial: bool = True


@dataclass(frozen=True)
class Choice:
    """One of a closed set of strings."""

    values: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TriState:
    """true, false, or null for "the sources do not say"."""


@dataclass(frozen=True)
class Items:
    """A list whose items all have one shape."""

    item: Kind
    min_items: int = 0
    unique: bool = False


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its shape, whether it must be present, whether null is allowed."""

    kind: Kind
    required: bool = True
    nullable: bool = False
    help: str = ""


@dataclass(frozen=True)
class Mapping:
    """A mapping with a fixed set of keys, in the order files should list them."""

    keys: dict[str, Key]
    help: str = ""


Kind = Text | Date | Choice | TriState | Items | Mapping

LOCALIZED = Mapping(
    {
        "nl": Key(Text(multiline=True), help="Dutch"),
        "en": Key(Text(multiline=True), help="English"),
    },
    help="a text in Dutch (nl) and English (en)",
)
TITLE = Mapping(
    {"nl": Key(Text(), help="Dutch"), "en": Key(Text(), help="English")},
    help="a one-line text in Dutch (nl) and English (en)",
)
SLUG = Text(pattern=KEBAB, pattern_help="kebab-case: lowercase letters, digits and hyphens")
ID = Text(pattern=KEBAB, pattern_help=SLUG.pattern_help, max_length=MAX_ID_LENGTH)

POSITION = Mapping(
    {
        "id": Key(
            ID,
            help=f"kebab-case identifier of at most {MAX_ID_LENGTH} characters, equal to the "
            "file name without .yaml",
        ),
        "title": Key(TITLE, help="the decision's name"),
        "actor": Key(Text(), help="who took the decision, e.g. US"),
        "decision": Key(
            Mapping(
                {
                    "date": Key(Date(), help="when the decision was taken or announced"),
                    "description": Key(LOCALIZED, help="what was decided"),
                    "milestones": Key(
                        Items(
                            Mapping(
                                {
                                    "date": Key(Date()),
                                    "description": Key(LOCALIZED),
                                },
                                help="a later dated step, such as the day it took effect",
                            )
                        ),
                        required=False,
                        help="later dated steps of the decision",
                    ),
                }
            ),
            help="the foreign decision the position is about",
        ),
        "stance": Key(
            Choice(tuple(s.value for s in Stance), aliases=DUTCH_STANCES),
            help="the government's stance on the decision",
        ),
        "goal_shared": Key(
            TriState(), nullable=True, help="whether the decision's goal is shared; null: unknown"
        ),
        "means_differ": Key(
            TriState(), nullable=True, help="whether the means differ; null: unknown"
        ),
        "summary": Key(LOCALIZED, help="the stance in a sentence or two"),
        "topics": Key(Items(SLUG, unique=True), help="short kebab-case tags"),
        "sources": Key(
            Items(
                Mapping(
                    {
                        "title": Key(Text(), help="the document's title"),
                        "kind": Key(SLUG, help="e.g. kamerbrief, verslag, persbericht"),
                        "date": Key(Date(), required=False, nullable=True, help="if known"),
                        "text": Key(
                            Text(),
                            required=False,
                            help="a local copy of the document's text, relative to the register",
                        ),
                        "url": Key(
                            Text(pattern=_URL, pattern_help="an http(s) address"), required=False
                        ),
                        "supports": Key(
                            Items(Choice(CLAIMS), min_items=1, unique=True),
                            required=False,
                            help="the fields this quote supports; without it, all of them",
                        ),
                        "quote": Key(
                            Text(multiline=True, words=True),
                            help="copied verbatim from the document",
                        ),
                    }
                ),
                min_items=1,
            ),
            help="documents that state the position, each with a verbatim quote",
        ),
        "updated": Key(Date(partial=False), help="when the stance was last assessed"),
    }
)


def dotted(path: Path) -> str:
    """`('sources', 0, 'quote')` as `sources[0].quote`, the way messages name a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "the file"


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like `word`, if any is close enough to suggest."""
    options = list(options)
    lowered = {option.lower(): option for option in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


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


def parse_date(text: str, partial: bool) -> str | None:
    """Why `text` is not an acceptable date, or None if it is one."""
    match = _DATE.match(text)
    if not match or (not partial and match.group(3) is None):
        return "expected a date as YYYY-MM-DD" + (", YYYY-MM or YYYY" if partial else "")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as error:
        return f"impossible date: {error}"
    return None


Report = Callable[[Path, str, bool], None]


class _Validator:
    def __init__(self, doc: Document, report: Report) -> None:
        self.doc = doc
        self.report = report

    def check(self, kind: Kind, value: Any, path: Path) -> Any:
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

    def _mapping(self, kind: Mapping, value: Any, path: Path) -> Any:
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
            if item is None and spec.nullable:
                out[key] = None
                continue
            out[key] = self.check(spec.kind, item, (*path, key))
        for key, spec in kind.keys.items():
            if key not in value and spec.required and key not in suggested:
                hint = " (write null if the sources do not say)" if spec.nullable else ""
                what = f": {spec.help}" if spec.help else ""
                self.report(path, f"missing key {shown(key)}{what}{hint}", False)
        return out

    def _items(self, kind: Items, value: Any, path: Path) -> Any:
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

    def _tristate(self, value: Any, path: Path) -> Any:
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

    def _date(self, kind: Date, value: Any, path: Path) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and kind.partial:
            value = str(value)
        if not isinstance(value, str):
            self.report(path, f"{dotted(path)} must be a date; got {describe(value)}", False)
            return None
        why = parse_date(value, kind.partial)
        if why:
            self.report(path, f"{dotted(path)} {shown(value)}: {why}", False)
        return value

    def _choice(self, kind: Choice, value: Any, path: Path) -> Any:
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

    def _text(self, kind: Text, value: Any, path: Path) -> Any:
        if not isinstance(value, str):
            self.report(path, f"{dotted(path)} must be a string; got {describe(value)}", False)
            return None
        if not value.strip():
            self.report(path, f"{dotted(path)} must not be empty", False)
        elif not any(char.isprintable() and not char.isspace() for char in value):
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
        elif not kind.multiline and any(char in value for char in "\n\u2028\u2029"):
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
        bad = _UNSAFE.search(value)
        if bad:
            self.report(
                path, f"{dotted(path)} contains {_name_char(bad.group())}; remove it", False
            )
        return value


def _name_char(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X} (not valid Unicode)"
    if code in (0x1B,):
        return "an escape character U+001B (terminal escape sequence)"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"a control character U+{code:04X}"
    return f"an invisible bidirectional-text control U+{code:04X}"


def unsafe_character(text: str) -> str | None:
    """A description of the first character in `text` that must not be printed, if any."""
    bad = _UNSAFE.search(text)
    return _name_char(bad.group()) if bad else None


def validate(
    doc: Document, stem: str
) -> tuple[dict[str, Any] | None, list[tuple[Location | None, str]]]:
    """Check a parsed file against `POSITION`; the normalised record, or None and its problems.

    `stem` is the file name without `.yaml`, which the id must equal.
    """
    problems: list[tuple[Location | None, str]] = []

    def report(path: Path, message: str, at_key: bool) -> None:
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
    if not problems:
        _check_claims(record, report)
    if problems:
        return None, sorted(problems, key=lambda p: p[0] or (0, 0))
    return record, []


def _check_claims(record: dict[str, Any], report: Report) -> None:
    """Every stated claim must be backed by at least one source's quote, and no quote may be
    offered as evidence of what the sources do not state."""
    for claim in ("stance", "goal_shared", "means_differ"):
        if record[claim] is None:
            continue
        backed = any(
            source.get("supports") is None or claim in source["supports"]
            for source in record["sources"]
        )
        if not backed:
            unknown = " or set it to null if the sources do not say" if claim != "stance" else ""
            report(
                (claim,),
                f"{claim} is stated but no source supports it: add {shown(claim)} to the "
                "supports of the source that says so (posities edit), or add that source with "
                f"posities add-source ID --supports {claim} ...{unknown}",
                False,
            )
    for index, source in enumerate(record["sources"]):
        for item, claim in enumerate(source.get("supports") or ()):
            if claim in ("goal_shared", "means_differ") and record[claim] is None:
                report(
                    ("sources", index, "supports", item),
                    f"{dotted(('sources', index, 'supports'))} names {claim}, but {claim} is "
                    "null (not stated): state it, or take it out of supports",
                    False,
                )


# --- JSON Schema ----------------------------------------------------------------------------

SCHEMA_FILE = "position.schema.json"
"""The file name under which a register keeps the JSON Schema its files point to."""


def _ecma(pattern: re.Pattern[str]) -> str:
    """A Python pattern anchored with `\\Z` as a JSON Schema (ECMA 262) pattern, with every
    character outside printable ASCII written as a `\\uXXXX` escape."""
    text = pattern.pattern
    anchored = text.endswith("\\Z")
    text = "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in text.removesuffix("\\Z"))
    return f"^{text}$" if anchored else text


def _json_kind(kind: Kind) -> dict[str, Any]:
    if isinstance(kind, Text):
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if kind.max_length is not None:
            out["maxLength"] = kind.max_length
        if kind.pattern is not None:
            out["pattern"] = _ecma(kind.pattern)
        elif not kind.multiline:
            out["pattern"] = "^[^\\n]*$"
        out["not"] = {"pattern": _ecma(_UNSAFE)}
        return out
    if isinstance(kind, Date):
        shape = _DATE.pattern if kind.partial else r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"
        return {"type": "string", "pattern": _ecma(re.compile(shape))}
    if isinstance(kind, Choice):
        return {"enum": list(kind.values)}
    if isinstance(kind, TriState):
        return {"type": ["boolean", "null"]}
    if isinstance(kind, Items):
        out = {"type": "array", "items": _json_kind(kind.item)}
        if kind.min_items:
            out["minItems"] = kind.min_items
        if kind.unique:
            out["uniqueItems"] = True
        return out
    properties = {}
    for name, key in kind.keys.items():
        value = _json_kind(key.kind)
        if key.nullable and not isinstance(key.kind, TriState):
            value = {"anyOf": [value, {"type": "null"}]}
        if key.help:
            value = {"description": key.help, **value}
        properties[name] = value
    out = {
        "type": "object",
        "properties": properties,
        "required": [name for name, key in kind.keys.items() if key.required],
        "additionalProperties": False,
    }
    return {"description": kind.help, **out} if kind.help else out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a position file, made from `POSITION`, which `check`
    validates against too. It checks types and shapes; what needs the whole file (the id equal
    to the file name, claims backed by a source, dates that exist) is left to `check`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "posities position",
        "description": "The government's position on one foreign decision, with verbatim sources.",
        **_json_kind(POSITION),
    }


def field_problems(path: Path, value: Any) -> list[str]:
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
