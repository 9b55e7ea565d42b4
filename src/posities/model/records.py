"""The data model of a register: frozen records and the closed vocabularies they use.

Everything here is plain data; reading, validating and printing live in other modules.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any


class Stance(enum.StrEnum):
    """How the government views a decision, from agreement to rejection."""

    SUPPORTS = "supports"
    NEUTRAL = "neutral"
    CONCERNED = "concerned"
    CRITICAL = "critical"
    OPPOSES = "opposes"


DISAGREE = frozenset({Stance.CRITICAL, Stance.OPPOSES})
AGREE = frozenset({Stance.SUPPORTS})
STANCE_RANK = {stance: rank for rank, stance in enumerate(Stance)}

CLAIMS = ("stance", "goal_shared", "means_differ", "decision", "summary")
"""Fields a source can say it supports (its `supports` list)."""

FieldPath = tuple[str | int, ...]
"""Where a field stands in a record: its keys and list indexes from the top, as
`("sources", 0, "quote")`; `()` is the whole record."""


def dotted(path: FieldPath) -> str:
    """`('sources', 0, 'quote')` as `sources[0].quote`, the way messages name a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "the file"


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang` ("nl" or "en")."""
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True, slots=True)
class Milestone:
    """A later dated step of a decision, such as the day it took effect."""

    date: str
    description: Localized


@dataclass(frozen=True, slots=True)
class Decision:
    """The foreign decision a position is about."""

    date: str
    description: Localized
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """A document that states the position, with a verbatim quote from it."""

    title: str
    kind: str
    quote: str
    date: str | None = None
    text: str | None = None
    url: str | None = None
    supports: tuple[str, ...] | None = None

    def backs(self, claim: str) -> bool:
        """Whether this source is cited for `claim`; a source without `supports` backs all."""
        return self.supports is None or claim in self.supports


RELATION_TYPES = ("reverses", "supersedes", "responds-to", "related")
"""How one decision may relate to another (`relations:`)."""
ORDERING_RELATIONS = frozenset({"reverses", "supersedes"})
"""The relations that order decisions in time, and so may not run in a cycle."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One holder's stance on the decision, in force from `since` until `until` (if given).

    A file's top-level stance is the register's own holder's statement; `stances:` holds
    the others (other holders, or the own holder's earlier or later stances)."""

    holder: str
    stance: Stance
    goal_shared: bool | None
    means_differ: bool | None
    since: str
    until: str | None
    summary: Localized | None
    sources: tuple[Source, ...]
    updated: str
    index: int | None = None
    """Its place in `stances:`; None for the top-level statement."""


@dataclass(frozen=True, slots=True)
class Relation:
    """This decision's relation to another decision in the register."""

    type: str
    id: str


@dataclass(frozen=True, slots=True)
class Position:
    """The government's position on one foreign decision.

    Read from a file, the top-level `stance` ... `updated` are the register's own holder's
    statement (`holder` is None). Seen through `core.statements.view`, they are the statement
    in force of `holder` on a date, and `stance` is None where that holder has none ("not
    stated"): then `summary` and `updated` are None and `sources` is empty."""

    id: str
    title: Localized
    actor: str
    decision: Decision
    stance: Stance | None
    goal_shared: bool | None
    means_differ: bool | None
    summary: Localized | None
    topics: tuple[str, ...]
    sources: tuple[Source, ...]
    updated: str | None
    since: str | None = None
    until: str | None = None
    stances: tuple[Statement, ...] = ()
    relations: tuple[Relation, ...] = ()
    holder: str | None = None
    """Whose statement the top-level fields are, once seen through a view; None as read."""
    shown: int | None = None
    """In a view of a `stances:` item: its index (where its sources stand in the file)."""


def cited(position: Position) -> list[tuple[FieldPath, Source]]:
    """Every source of a position with where it stands in the file: `("sources", 0)`, or
    `("stances", 1, "sources", 0)` for a statement's; a view's are its statement's."""
    prefix: FieldPath = () if position.shown is None else ("stances", position.shown)
    found = [((*prefix, "sources", i), s) for i, s in enumerate(position.sources)]
    if position.holder is None:
        for statement in position.stances:
            at: FieldPath = ("stances", statement.index or 0, "sources")
            found += [((*at, i), s) for i, s in enumerate(statement.sources)]
    return found


def _localized(value: Localized) -> dict[str, str]:
    return {"nl": value.nl, "en": value.en}


def _sources(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    out = []
    for source in sources:
        item: dict[str, Any] = {"title": source.title, "kind": source.kind, "date": source.date}
        if source.text is not None:
            item["text"] = source.text
        if source.url is not None:
            item["url"] = source.url
        if source.supports is not None:
            item["supports"] = list(source.supports)
        item["quote"] = source.quote
        out.append(item)
    return out


def statement_dict(statement: Statement) -> dict[str, Any]:
    """A statement as plain data with the keys of a `stances:` item, in their order."""
    out: dict[str, Any] = {
        "holder": statement.holder,
        "stance": statement.stance.value,
        "goal_shared": statement.goal_shared,
        "means_differ": statement.means_differ,
        "since": statement.since,
    }
    out["until"] = statement.until  # null where it has none: every statement the same keys
    out["summary"] = None if statement.summary is None else _localized(statement.summary)
    out["sources"] = _sources(statement.sources)
    out["updated"] = statement.updated
    return out


def to_dict(position: Position) -> dict[str, Any]:
    """The record as plain data with the YAML keys, in the YAML key order (JSON output, cache).

    A view (`holder` set) also gives its `holder`, and `since`/`until` of the statement shown."""
    decision: dict[str, Any] = {
        "date": position.decision.date,
        "description": _localized(position.decision.description),
    }
    if position.decision.milestones:
        decision["milestones"] = [
            {"date": m.date, "description": _localized(m.description)}
            for m in position.decision.milestones
        ]
    out: dict[str, Any] = {
        "id": position.id,
        "title": _localized(position.title),
        "actor": position.actor,
        "decision": decision,
    }
    if position.holder is not None:
        out["holder"] = position.holder
    out["stance"] = None if position.stance is None else position.stance.value
    out["goal_shared"] = position.goal_shared
    out["means_differ"] = position.means_differ
    if position.holder is not None or position.since is not None:
        out["since"] = position.since
    if position.holder is not None or position.until is not None:
        out["until"] = position.until
    out["summary"] = None if position.summary is None else _localized(position.summary)
    out["topics"] = list(position.topics)
    out["sources"] = _sources(position.sources)
    out["updated"] = position.updated
    # a view lists them always, so that every row has the same keys; a record as read (the
    # cache) only where the file has them
    if position.stances or position.holder is not None:
        out["stances"] = [statement_dict(s) for s in position.stances]
    if position.relations or position.holder is not None:
        out["relations"] = [{"type": r.type, "id": r.id} for r in position.relations]
    return out


def to_json(position: Position) -> str:
    """The record as one line of compact JSON, non-ASCII kept readable (JSON output, cache)."""
    return json.dumps(to_dict(position), ensure_ascii=False)


def _from_localized(data: dict[str, str]) -> Localized:
    return Localized(nl=data["nl"], en=data["en"])


def _from_sources(data: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(
        Source(
            title=s["title"],
            kind=s["kind"],
            quote=s["quote"],
            date=s.get("date"),
            text=s.get("text"),
            url=s.get("url"),
            supports=None if s.get("supports") is None else tuple(s["supports"]),
        )
        for s in data
    )


def from_dict(data: dict[str, Any]) -> Position:
    """Rebuild a record from `to_dict` output or a file's data, validated before. A file in
    stances form is read as the same record as its inline form (`inline`), and a top-level
    `since` on the decision's first day as none: both say the same."""
    data = inline(data)
    decision = data["decision"]
    return Position(
        id=data["id"],
        title=_from_localized(data["title"]),
        actor=data["actor"],
        decision=Decision(
            date=decision["date"],
            description=_from_localized(decision["description"]),
            milestones=tuple(
                Milestone(m["date"], _from_localized(m["description"]))
                for m in decision.get("milestones", ())
            ),
        ),
        stance=Stance(data["stance"]),
        goal_shared=data["goal_shared"],
        means_differ=data["means_differ"],
        summary=_from_localized(data["summary"]),
        topics=tuple(data["topics"]),
        sources=_from_sources(data["sources"]),
        updated=data["updated"],
        since=_since(data.get("since"), decision["date"]),
        until=data.get("until"),
        stances=tuple(
            Statement(
                holder=s["holder"],
                stance=Stance(s["stance"]),
                goal_shared=s["goal_shared"],
                means_differ=s["means_differ"],
                since=s["since"],
                until=s.get("until"),
                summary=_from_localized(s["summary"]) if s.get("summary") else None,
                sources=_from_sources(s["sources"]),
                updated=s["updated"],
                index=index,
            )
            for index, s in enumerate(data.get("stances", ()))
        ),
        relations=tuple(Relation(r["type"], r["id"]) for r in data.get("relations", ())),
    )


# --- the stances form ----------------------------------------------------------------------

STATEMENT_FIELDS = (
    "stance",
    "goal_shared",
    "means_differ",
    "since",
    "until",
    "summary",
    "sources",
    "updated",
)
"""The keys of a file's own statement, at the top level in the inline form."""
FORM_KEY = "holder"
"""The top-level key that marks the stances form and names the holder whose statements are all
in `stances:` (the register's own holder): `holder: NL`."""


def own_item(data: dict[str, Any]) -> int | None:
    """In a file's data in stances form (a top-level `holder` and no top-level `stance`), the
    index in `stances:` of the file's own statement: the latest (by `since`) of that holder's;
    None for the inline form, or when there is none. Safe on data not yet validated."""
    holder = data.get(FORM_KEY)
    items = data.get("stances")
    if "stance" in data or not isinstance(holder, str) or not isinstance(items, list):
        return None
    found: int | None = None
    latest = ""
    for index, item in enumerate(items):
        if not isinstance(item, dict) or item.get("holder") != holder:
            continue
        since = item.get("since")
        if isinstance(since, str) and (found is None or since > latest):
            found, latest = index, since
    return found


def inline(data: dict[str, Any]) -> dict[str, Any]:
    """A file's data in the inline form: in stances form, its own statement (`own_item`) taken
    out of `stances:` to the top level and the `holder` mark dropped; else `data` itself."""
    index = own_item(data)
    if index is None:
        return data
    items = data["stances"]
    own = items[index]
    out = {key: value for key, value in data.items() if key not in (FORM_KEY, "stances")}
    for key in STATEMENT_FIELDS:
        if key in own:
            out[key] = own[key]
    rest = [item for at, item in enumerate(items) if at != index]
    if rest:
        out["stances"] = rest
    return out


def file_field(data: Any, field: FieldPath) -> FieldPath:
    """Where a record's field stands in the file whose data is `data`: in stances form, the
    own statement's fields are in its `stances:` item, and the other items' places count it."""
    index = own_item(data) if isinstance(data, dict) else None
    if index is None or not field:
        return field
    if field[0] in STATEMENT_FIELDS:
        return ("stances", index, *field)
    if field[0] == "stances" and len(field) > 1 and isinstance(field[1], int):
        at = field[1]
        return ("stances", at if at < index else at + 1, *field[2:])
    return field


def _since(since: str | None, decision_date: str) -> str | None:
    """A top-level `since`, None when it is the decision's first day (the default)."""
    if since is None or since == decision_date + "-01" * (2 - decision_date.count("-")):
        return None
    return since
