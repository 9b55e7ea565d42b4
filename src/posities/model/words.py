"""Words that output shows in English (the default) or Dutch (`--lang nl`, for memos)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from posities.errors import shown
from posities.model.records import Stance


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
    Lang.EN: {True: "yes", False: "no", None: "not stated"},
    Lang.NL: {True: "ja", False: "nee", None: "niet vermeld"},
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
    "date_unknown": ("date not stated", "datum niet vermeld"),
    "holder": ("Holder", "Partij"),
    "stance_of": ("stance of", "standpunt van"),
    "since": ("Since", "Sinds"),
    "until": ("Until", "Tot"),
    "statements": ("Other statements", "Andere standpunten"),
    "relations": ("Relations", "Relaties"),
    "in_force_on": ("in force on", "geldend op"),
    "no_summary": ("no summary given", "geen samenvatting gegeven"),
    "unchecked": ("not checked against a source text", "niet getoetst aan een brontekst"),
    "supports": ("supports", "onderbouwt"),
    "text": ("text", "tekst"),
    "search": ("search", "zoekterm"),
    "quadrant": ("label", "kwadrant"),
    "decisions": ("ids", "besluiten"),
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
    # a timeline
    "event": ("Event", "Gebeurtenis"),
    "event_decision": ("decision", "besluit"),
    "event_milestone": ("milestone", "mijlpaal"),
    "event_statement": ("stance", "standpunt"),
    "event_ends": ("stance ends", "einde standpunt"),
    "goal_shared_true": ("goal shared", "doel gedeeld"),
    "goal_shared_false": ("goal not shared", "doel niet gedeeld"),
    "means_differ_true": ("means differ", "middelen verschillen"),
    "means_differ_false": ("means do not differ", "middelen verschillen niet"),
    # titles of whole documents
    "report_list": ("Positions", "Standpunten"),
    "report_matrix": ("Goal shared and means differ", "Doel gedeeld en middelen verschillen"),
    "report_compare": ("Holders compared", "Partijen vergeleken"),
    "report_timeline": ("Timeline", "Tijdlijn"),
    # the register site
    "report_site": ("Register of positions", "Register van standpunten"),
    "site_search": (
        "Search titles, summaries and quotes",
        "Zoek in titels, samenvattingen en citaten",
    ),
    "site_all": ("all", "alle"),
    "site_statements": ("Statements", "Standpuntbepalingen"),
    "site_history": ("History", "Geschiedenis"),
    "site_pictures": ("Pictures", "Afbeeldingen"),
    "site_back": ("Back to the table", "Terug naar de tabel"),
    "site_in_force": ("in force", "geldend"),
}


FIELD_WORDS = {
    "title": ("title", "titel"),
    "actor": ("actor", "actor"),
    "decision.date": ("decision date", "datum besluit"),
    "decision.description": ("description", "omschrijving"),
    "decision.milestones": ("milestones", "mijlpalen"),
    "stance": ("stance", "standpunt"),
    "goal_shared": ("goal shared", "doel gedeeld"),
    "means_differ": ("means differ", "middelen verschillen"),
    "summary": ("summary", "samenvatting"),
    "topics": ("topics", "onderwerpen"),
    "sources": ("source quote", "citaat uit bron"),
    "updated": ("updated", "bijgewerkt"),
    "since": ("in force from", "geldend vanaf"),
    "until": ("in force until", "geldend tot"),
    "statement": ("statement", "standpuntbepaling"),
    "relations": ("relations", "relaties"),
}
"""A changed field's name as the history of changes says it."""

QUADRANTS: dict[tuple[bool | None, bool | None], tuple[str, str]] = {
    (True, True): ("same goal, other means", "zelfde doel, andere weg"),
    (True, False): ("same goal, same means", "zelfde doel, zelfde weg"),
    (False, True): ("other goal, other means", "ander doel, andere weg"),
    (False, False): ("other goal, same means", "ander doel, zelfde weg"),
}
"""What a cell of the goal x means matrix means, by (goal shared, means differ)."""

_PHRASES = {
    # the state line of a memo
    "state": ("Register state: {where}", "Stand van het register: {where}"),
    "not_versioned": (
        "not under version control, contents {fingerprint}",
        "niet onder versiebeheer, inhoud {fingerprint}",
    ),
    "unborn": (
        "in git with no commit yet, contents {fingerprint}",
        "in git, nog zonder commit, inhoud {fingerprint}",
    ),
    "uncommitted": (", with uncommitted changes", ", met niet-vastgelegde wijzigingen"),
    "count": ("{shown} of {total} positions", "{shown} van {total} standpunten"),
    "selection": ("selection: {criteria}", "selectie: {criteria}"),
    "or": (" or ", " of "),
    # changes over time
    "source_field": ("source {detail}", "bron {detail}"),
    "changes_since": (
        "Changes in positions since {since}",
        "Wijzigingen in standpunten sinds {since}",
    ),
    "changes_between": (
        "Changes in positions from {first} to {last}",
        "Wijzigingen in standpunten van {first} tot {last}",
    ),
    "span": ("from {old} to {new}", "van {old} tot {new}"),
    "counts": (
        "{added} added, {removed} removed, {changed} changed",
        "{added} nieuw, {removed} vervallen, {changed} gewijzigd",
    ),
    "changes": ("Changes", "Wijzigingen"),
    "compared": ("Compared: {span}", "Vergeleken: {span}"),
    "history_of": ("History of {id}", "Geschiedenis van {id}"),
    "history_all": ("History of positions", "Geschiedenis van de standpunten"),
    # a decision's relation to another (`relations:`), by its type
    "reverses": ("reverses {id}", "draait {id} terug"),
    "supersedes": ("supersedes {id}", "vervangt {id}"),
    "responds-to": ("responds to {id}", "reageert op {id}"),
    "related": ("related to {id}", "hangt samen met {id}"),
    # the same relation seen from the other decision
    "reverses_by": ("reversed by {id}", "teruggedraaid door {id}"),
    "supersedes_by": ("superseded by {id}", "vervangen door {id}"),
    "responds-to_by": ("responded to by {id}", "beantwoord door {id}"),
    "related_by": ("related to {id}", "hangt samen met {id}"),
    "statement_added": (
        "new statement of {holder} from {since}",
        "nieuw standpunt van {holder} vanaf {since}",
    ),
    "statement_removed": (
        "removed statement of {holder} from {since}",
        "vervallen standpunt van {holder} vanaf {since}",
    ),
    "of_statement": ("{field} ({holder} from {since})", "{field} ({holder} vanaf {since})"),
    # a timeline's selection, in a memo's state line
    "timeline_ids": ("decisions: {ids}", "besluiten: {ids}"),
    "period_between": ("from {start} to {end}", "van {start} tot en met {end}"),
    "period_from": ("from {start}", "vanaf {start}"),
    "period_to": ("up to {end}", "tot en met {end}"),
    # the register site's live count
    "site_count": ("{shown} of {total} positions shown", "{shown} van {total} standpunten getoond"),
    # what only a picture (svg) says
    "picture_more": ("… and {n} more", "… en nog {n}"),
    "picture_no_decisions": ("No decisions in this selection.", "Geen besluiten in deze selectie."),
    "picture_no_events": ("No events in this selection.", "Geen gebeurtenissen in deze selectie."),
    "picture_open": ("no end in the period shown", "geen einde in de getoonde periode"),
    "log_closing": (
        "{changes} changes in {commits} commits, from {first} to {last}.",
        "{changes} wijzigingen in {commits} commits, van {first} tot en met {last}.",
    ),
}


def phrase(name: str, lang: Lang, **values: object) -> str:
    """The sentence or phrase `name` in `lang`, with `values` filled in."""
    english, dutch = _PHRASES[name]
    return (dutch if lang is Lang.NL else english).format(**values)


def field_word(field: str, lang: Lang) -> str:
    """A changed field's name as the history says it."""
    english, dutch = FIELD_WORDS[field]
    return dutch if lang is Lang.NL else english


def quadrant_word(goal: bool | None, means: bool | None, lang: Lang) -> str:
    """What a cell of the matrix means ("same goal, other means"); empty where one is unknown."""
    names = QUADRANTS.get((goal, means))
    if names is None:
        return ""
    return names[1] if lang is Lang.NL else names[0]


def word(name: str, lang: Lang) -> str:
    """The label for `name` in `lang`."""
    english, dutch = _WORDS[name]
    return dutch if lang is Lang.NL else english


def claim_word(name: str, lang: Lang) -> str:
    """A claim a source supports as output names it: its key in English (as the file writes
    it), its lower-case label in Dutch ("doel gedeeld")."""
    return word(name, lang).lower() if lang is Lang.NL else name


def claims(names: Iterable[str], lang: Lang) -> str:
    """The claims a source supports, as `claim_word` names them, comma-separated."""
    return ", ".join(claim_word(name, lang) for name in names)


def tri(value: bool | None, lang: Lang) -> str:
    """yes / no / not stated (ja / nee / niet vermeld): null means the sources are silent,
    which a reader must never take for no, nor for "the government does not know"."""
    return _TRI[lang][value]


def stance(value: Stance | None, lang: Lang) -> str:
    """The stance as a word in `lang`; None (no statement in force) is "not stated"."""
    return _TRI[lang][None] if value is None else STANCE[lang][value]


MONTHS = {
    Lang.EN: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    Lang.NL: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def parse_word(text: str, meanings: dict[str, str], what: str) -> str:
    """The canonical value of a word given in English or Dutch, any case and spacing; a
    `ValueError` that suggests the closest word otherwise (option values such as
    `--stance kritisch` or `--goal-shared ja`)."""
    from posities.model.suggest import closest, did_you_mean

    wanted = " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()
    if wanted in meanings:
        return meanings[wanted]
    close = closest(wanted, meanings)
    hint = did_you_mean([close] if close else [], quoted=True, otherwise=".")
    canonical = ", ".join(dict.fromkeys(meanings.values()))
    raise ValueError(
        f"{shown(text)} is not {what}{hint} Use one of: {canonical} (or the Dutch words)"
    )


STANCE_WORDS = {
    **{s.value: s.value for s in Stance},
    **{label: s.value for s, label in STANCE[Lang.NL].items()},
    "afwijzend": Stance.OPPOSES.value,
}
"""Every word a stance may be given as on the command line, to its value."""


def parse_stance(text: str) -> Stance:
    """A stance from its English value or Dutch label (`kritisch`, `wijst af`)."""
    return Stance(parse_word(text, STANCE_WORDS, "a stance"))


def relation_phrase(kind: str, other: str, lang: Lang, towards: bool = False) -> str:
    """A relation in words: "reverses paris-agreement", "draait paris-agreement terug"."""
    return phrase(f"{kind}_by" if towards else kind, lang, id=other)
