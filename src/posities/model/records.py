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


@dataclass(frozen=True, slots=True)
class Position:
    """The government's position on one foreign decision."""

    id: str
    title: Localized
    actor: str
    decision: Decision
    stance: Stance
    goal_shared: bool | None
    means_differ: bool | None
    summary: Localized
    topics: tuple[str, ...]
    sources: tuple[Source, ...]
    updated: str


def _localized(value: Localized) -> dict[str, str]:
    return {"nl": value.nl, "en": value.en}


def to_dict(position: Position) -> dict[str, Any]:
    """The record as plain data with the YAML keys, in the YAML key order (JSON output, cache)."""
    decision: dict[str, Any] = {
        "date": position.decision.date,
        "description": _localized(position.decision.description),
    }
    if position.decision.milestones:
        decision["milestones"] = [
            {"date": m.date, "description": _localized(m.description)}
            for m in position.decision.milestones
        ]
    sources = []
    for source in position.sources:
        item: dict[str, Any] = {"title": source.title, "kind": source.kind, "date": source.date}
        if source.text is not None:
            item["text"] = source.text
        if source.url is not None:
            item["url"] = source.url
        if source.supports is not None:
            item["supports"] = list(source.supports)
        item["quote"] = source.quote
        sources.append(item)
    return {
        "id": position.id,
        "title": _localized(position.title),
        "actor": position.actor,
        "decision": decision,
        "stance": position.stance.value,
        "goal_shared": position.goal_shared,
        "means_differ": position.means_differ,
        "summary": _localized(position.summary),
        "topics": list(position.topics),
        "sources": sources,
        "updated": position.updated,
    }


def to_json(position: Position) -> str:
    """The record as one line of compact JSON, non-ASCII kept readable (JSON output, cache)."""
    return json.dumps(to_dict(position), ensure_ascii=False)


def _from_localized(data: dict[str, str]) -> Localized:
    return Localized(nl=data["nl"], en=data["en"])


def from_dict(data: dict[str, Any]) -> Position:
    """Rebuild a record from `to_dict` output that was validated before (the cache)."""
    decision = data["decision"]
    supports = [s.get("supports") for s in data["sources"]]
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
        sources=tuple(
            Source(
                title=s["title"],
                kind=s["kind"],
                quote=s["quote"],
                date=s.get("date"),
                text=s.get("text"),
                url=s.get("url"),
                supports=None if sup is None else tuple(sup),
            )
            for s, sup in zip(data["sources"], supports, strict=True)
        ),
        updated=data["updated"],
    )
