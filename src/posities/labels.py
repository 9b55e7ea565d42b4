"""Words that output shows in English (the default) or Dutch (`--lang nl`, for memos)."""

from __future__ import annotations

import enum

from .model import Stance


class Lang(enum.StrEnum):
    """The language of labels in output; the data's own texts come in both."""

    EN = "en"
    NL = "nl"


STANCE = {
    Lang.EN: {s: s.value for s in Stance},
    Lang.NL: {
        Stance.SUPPORTS: "steunt",
        Stance.NEUTRAL: "neutraal",
        Stance.CONCERNED: "bezorgd",
        Stance.CRITICAL: "kritisch",
        Stance.OPPOSES: "wijst af",
    },
}

_TRI = {
    Lang.EN: {True: "yes", False: "no", None: "unknown"},
    Lang.NL: {True: "ja", False: "nee", None: "onbekend"},
}

_WORDS = {
    "id": ("ID", "ID"),
    "decision": ("Decision", "Besluit"),
    "date": ("Date", "Datum"),
    "stance": ("Stance", "Standpunt"),
    "goal_shared": ("Goal shared", "Doel gedeeld"),
    "means_differ": ("Means differ", "Middelen verschillen"),
    "title": ("Title", "Titel"),
    "actor": ("Actor", "Actor"),
    "description": ("Description", "Omschrijving"),
    "milestones": ("Milestones", "Mijlpalen"),
    "summary": ("Summary", "Samenvatting"),
    "topics": ("Topics", "Onderwerpen"),
    "sources": ("Sources", "Bronnen"),
    "updated": ("Updated", "Bijgewerkt"),
    "field": ("Field", "Veld"),
    "value": ("Value", "Waarde"),
    "date_unknown": ("date unknown", "datum onbekend"),
    "supports": ("supports", "onderbouwt"),
    "text": ("text", "tekst"),
    # changes over time
    "added": ("new position", "nieuw standpunt"),
    "removed": ("position removed", "standpunt vervallen"),
    "what": ("What changed", "Wat veranderde"),
    "was": ("Was", "Was"),
    "is": ("Is", "Is"),
    "none": ("no changes", "geen wijzigingen"),
    "commit": ("Commit", "Commit"),
    "author": ("Author", "Auteur"),
    "message": ("Message", "Bericht"),
    "working_tree": ("working tree", "werkmap"),
    "before_first": (
        "the empty register before the first commit",
        "het lege register vóór de eerste commit",
    ),
}


def word(name: str, lang: Lang) -> str:
    """The label for `name` in `lang`."""
    english, dutch = _WORDS[name]
    return dutch if lang is Lang.NL else english


def tri(value: bool | None, lang: Lang) -> str:
    """yes / no / unknown (ja / nee / onbekend); null is never shown as no."""
    return _TRI[lang][value]


def stance(value: Stance, lang: Lang) -> str:
    """The stance as a word in `lang`."""
    return STANCE[lang][value]
