"""The shape of a position file, declared once, and the JSON Schema made from it.

`check` (through `core.validate`), the loader, `fmt` and the JSON Schema all read `POSITION`,
so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from posities.errors import UNSAFE
from posities.model.dates import DATE
from posities.model.holders import CODE, MAX_CODE_LENGTH
from posities.model.records import CLAIMS, FORM_KEY, RELATION_TYPES, Stance
from posities.model.records import dotted as dotted

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID_LENGTH = 64
"""The longest id: its file name, a writer's temporary file (`.ID.yaml.PID.posities-tmp`) and
any lock file beside it stay far below the 255 bytes file systems allow in one name."""
_URL = re.compile(r"https?://[^\s]+\Z")
DUTCH_STANCES = {
    "steunt": "supports",
    "neutraal": "neutral",
    "bezorgd": "concerned",
    "kritisch": "critical",
    "wijst af": "opposes",
    "afwijzend": "opposes",
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
    unless: str = ""
    """A key that stands instead of this one: with it, this key may not be given (nor is
    required)."""
    needs: tuple[str, ...] = ()
    """Keys that must be given with this one."""


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

HOLDER = Text(
    pattern=CODE,
    pattern_help="a holder code: uppercase letters and digits, such as NL, EU or US",
    max_length=MAX_CODE_LENGTH,
)
STANCE = Choice(tuple(s.value for s in Stance), aliases=DUTCH_STANCES)
SOURCES = Items(
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
            "url": Key(Text(pattern=_URL, pattern_help="an http(s) address"), required=False),
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
)
GOAL_SHARED = Key(
    TriState(), nullable=True, help="whether the decision's goal is shared; null: not stated"
)
MEANS_DIFFER = Key(TriState(), nullable=True, help="whether the means differ; null: not stated")
STATEMENT = Mapping(
    {
        "holder": Key(HOLDER, help="whose stance this is: a holder code such as NL, EU or US"),
        "stance": Key(STANCE, help="the holder's stance on the decision"),
        "goal_shared": GOAL_SHARED,
        "means_differ": MEANS_DIFFER,
        "since": Key(Date(partial=False), help="the day from which the statement holds"),
        "until": Key(
            Date(partial=False),
            required=False,
            help="the day it stops holding (it holds until the day before)",
        ),
        "summary": Key(LOCALIZED, required=False, help="the stance in a sentence or two"),
        "sources": Key(SOURCES, help="documents that state the stance, each with a verbatim quote"),
        "updated": Key(Date(partial=False), help="when the statement was last assessed"),
    },
    help="one holder's stance, in force from since (until the day before until, if given)",
)
RELATION = Mapping(
    {
        "type": Key(Choice(RELATION_TYPES), help="how this decision relates to the other"),
        "id": Key(ID, help="the other decision's id"),
    },
    help="a relation to another decision in the register: {type: reverses, id: OTHER}",
)

POSITION = Mapping(
    {
        "id": Key(
            ID,
            help=f"kebab-case identifier of at most {MAX_ID_LENGTH} characters, equal to the "
            "file name without .yaml",
        ),
        "title": Key(TITLE, help="the decision's name"),
        "actor": Key(HOLDER, help="who took the decision: a holder code such as US"),
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
        FORM_KEY: Key(
            HOLDER,
            required=False,
            needs=("stances",),
            help="the stances form (posities migrate): the register's own holder, whose "
            "statements are all in stances, the latest of them the file's own stance",
        ),
        "stance": Key(
            STANCE, unless=FORM_KEY, help="the register's own holder's stance on the decision"
        ),
        "goal_shared": replace(GOAL_SHARED, unless=FORM_KEY),
        "means_differ": replace(MEANS_DIFFER, unless=FORM_KEY),
        "since": Key(
            Date(partial=False),
            required=False,
            unless=FORM_KEY,
            help="the day from which the top-level stance holds; default: the decision's date",
        ),
        "until": Key(
            Date(partial=False),
            required=False,
            unless=FORM_KEY,
            help="the day the top-level stance stops holding",
        ),
        "summary": Key(LOCALIZED, unless=FORM_KEY, help="the stance in a sentence or two"),
        "topics": Key(Items(SLUG, unique=True), help="short kebab-case tags"),
        "sources": Key(
            SOURCES,
            unless=FORM_KEY,
            help="documents that state the position, each with a verbatim quote",
        ),
        "updated": Key(
            Date(partial=False), unless=FORM_KEY, help="when the stance was last assessed"
        ),
        "stances": Key(
            Items(STATEMENT),
            required=False,
            help="further dated statements: other holders', or the own holder's changes",
        ),
        "relations": Key(
            Items(RELATION),
            required=False,
            help="how this decision relates to others: reverses, supersedes, responds-to, related",
        ),
    }
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
        out["not"] = {"pattern": _ecma(UNSAFE)}
        return out
    if isinstance(kind, Date):
        shape = DATE.pattern if kind.partial else r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"
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
        "required": [name for name, key in kind.keys.items() if key.required and not key.unless],
        "additionalProperties": False,
        **_alternatives(kind),
    }
    return {"description": kind.help, **out} if kind.help else out


def _alternatives(kind: Mapping) -> dict[str, Any]:
    """What `unless` and `needs` declare, as JSON Schema: the keys a key stands instead of are
    not allowed beside it, and required without it where they are required at all."""
    instead: dict[str, list[str]] = {}
    for name, key in kind.keys.items():
        if key.unless:
            instead.setdefault(key.unless, []).append(name)
    out: dict[str, Any] = {}
    if instead:
        out["allOf"] = [
            {
                "if": {"required": [marker]},
                "then": {"not": {"anyOf": [{"required": [name]} for name in names]}},
                "else": {"required": [name for name in names if kind.keys[name].required]},
            }
            for marker, names in instead.items()
        ]
    needs = {name: list(key.needs) for name, key in kind.keys.items() if key.needs}
    if needs:
        out["dependentRequired"] = needs
    return out


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
