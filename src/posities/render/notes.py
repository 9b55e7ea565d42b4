"""What a memo carries besides its table: footnotes (one per distinct quote, marked on the
cells it supports) and the state line (which commit, which selection, on which date)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from posities.core.query import Filter
from posities.model.dates import long_date
from posities.model.holders import DEFAULT, Holders
from posities.model.records import DISAGREE, STANCE_RANK, Position, Source, Stance
from posities.model.words import Lang, phrase, stance, tri, word
from posities.render.text import md, one_line

if TYPE_CHECKING:
    from posities.git.state import RegisterState


# --- footnotes -------------------------------------------------------------------------------


CLAIM_OF_COLUMN = {
    "date": "decision",
    "stance": "stance",
    "goal_shared": "goal_shared",
    "means_differ": "means_differ",
    "summary": "summary",
}


@dataclass(frozen=True, slots=True)
class Notes:
    """The footnotes of a table: the sources in order of their numbers (note n is
    `sources[n - 1]`), and for each row the numbers that mark each of its cells."""

    sources: tuple[Source, ...]
    marks: tuple[dict[str, tuple[int, ...]], ...]


def note_key(source: Source) -> tuple[str | None, ...]:
    """What makes two cited quotes one footnote: the same words from the same document."""
    from posities.core.quotes import normalize

    return (
        source.title,
        source.kind,
        source.date,
        source.text,
        source.url,
        normalize(source.quote),
    )


def _backs_cell(position: Position, source: Source, claim: str) -> bool:
    """Whether `source` is the support of the cell showing `claim`; a value the sources do
    not state has no support to show (check refuses a quote said to support one)."""
    if claim in ("goal_shared", "means_differ") and getattr(position, claim) is None:
        return False
    return source.backs(claim)


def footnotes(positions: Sequence[Position], columns: Sequence[str]) -> Notes:
    """One footnote per distinct quote, numbered in reading order (row by row, cell by cell),
    marking each shown cell its quote supports and no other; a quote that supports no shown
    cell is not a footnote."""
    numbers: dict[tuple[str | None, ...], int] = {}
    sources: list[Source] = []
    marks: list[dict[str, tuple[int, ...]]] = []
    for position in positions:
        row: dict[str, tuple[int, ...]] = {}
        for column in columns:
            claim = CLAIM_OF_COLUMN.get(column)
            if claim is None:
                continue
            found: list[int] = []
            for source in position.sources:
                if not _backs_cell(position, source, claim):
                    continue
                key = note_key(source)
                if key not in numbers:
                    sources.append(source)
                    numbers[key] = len(sources)
                if numbers[key] not in found:
                    found.append(numbers[key])
            if found:
                row[column] = tuple(sorted(found))
        marks.append(row)
    return Notes(tuple(sources), tuple(marks))


def note_text(source: Source, lang: Lang) -> str:
    """A footnote's words, unescaped: the quote, its document, and whether it was checked."""
    date = long_date(source.date, lang) if source.date else word("date_unknown", lang)
    text = f"“{one_line(source.quote)}” — {source.title} ({source.kind}, {date})"
    if source.url:
        text += f", {source.url}"
    if source.text is None:
        text += f"; {word('unchecked', lang)}"
    return text + "."


# --- a list for a memo -----------------------------------------------------------------------


def selection(where: Filter, lang: Lang, holders: Holders = DEFAULT) -> list[str]:
    """A filter's criteria in words, for a memo's state line ("doel gedeeld: ja"); a holder
    by its name in `holders` and its code ("standpunt van: Europa (EU)")."""
    parts = []
    if where.disagree:
        parts.append(
            f"{word('stance', lang).lower()}: "
            + phrase("or", lang).join(
                stance(s, lang) for s in sorted(DISAGREE, key=STANCE_RANK.__getitem__)
            )
        )
    if where.agree:
        parts.append(f"{word('stance', lang).lower()}: {stance(Stance.SUPPORTS, lang)}")
    if where.stances:
        ordered = sorted(where.stances, key=STANCE_RANK.__getitem__)
        parts.append(
            f"{word('stance', lang).lower()}: "
            + phrase("or", lang).join(stance(s, lang) for s in ordered)
        )
    for name, value in (("goal_shared", where.goal_shared), ("means_differ", where.means_differ)):
        if value is not None:
            parts.append(f"{word(name, lang).lower()}: {tri(value.as_value(), lang)}")
    if where.topics:
        parts.append(f"{word('topics', lang).lower()}: " + ", ".join(sorted(where.topics)))
    if where.actor is not None:
        parts.append(f"{word('actor', lang).lower()}: {where.actor}")
    if where.search is not None:
        parts.append(f"{word('search', lang)}: “{where.search}”")
    if where.holder is not None:
        name = holders.name(where.holder, lang.value)
        named = where.holder if name == where.holder else f"{name} ({where.holder})"
        parts.append(f"{word('stance_of', lang)}: {named}")
    if where.on is not None:
        parts.append(f"{word('in_force_on', lang)} {long_date(where.on, lang)}")
    return parts


def state_line(
    state: RegisterState, shown_count: int, total: int, criteria: Sequence[str], lang: Lang
) -> str:
    """One sentence saying which state of the register a memo table shows, for a reader:
    the date in words, the short commit, the count and the selection in words; in Markdown,
    in italics."""
    return "*" + md(state_words(state, shown_count, total, criteria, lang)) + "*"


def state_words(
    state: RegisterState, shown_count: int, total: int, criteria: Sequence[str], lang: Lang
) -> str:
    """`state_line` as plain words, unescaped, for a format with markup of its own."""
    if state.commit is None:
        kind = "unborn" if state.unborn else "not_versioned"
        where = phrase(kind, lang, fingerprint=state.fingerprint)
    else:
        day = long_date(state.date, lang) if state.date else ""
        where = (
            f"{day}, commit {state.commit[:SHORT_COMMIT]}"
            if day
            else f"commit {state.commit[:SHORT_COMMIT]}"
        )
        if state.dirty:
            where += phrase("uncommitted", lang)
    parts = [
        phrase("state", lang, where=where),
        phrase("count", lang, shown=shown_count, total=total),
    ]
    if criteria:
        parts.append(phrase("selection", lang, criteria="; ".join(criteria)))
    return "; ".join(parts) + "."


SHORT_COMMIT = 7
"""How many hex digits of a commit a memo shows, as `git log --oneline` does."""
