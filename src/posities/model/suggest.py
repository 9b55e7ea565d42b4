"""Every "did you mean": close spellings of a mistyped id, option value, key or column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from posities.errors import shown

if TYPE_CHECKING:
    from posities.model.records import Position


def suggest(word: str, known: Sequence[str], limit: int = 3) -> list[str]:
    """Known values like `word`: close spellings first, then those that contain it."""
    import difflib

    close = difflib.get_close_matches(word, known, n=limit, cutoff=0.5)
    containing = [k for k in known if word.casefold() in k.casefold() and k not in close]
    return (close + containing)[:limit]


def closest(word: str, options: Iterable[str]) -> str | None:
    """The one option most like `word` (the same word in other case first), if any is close
    enough to suggest."""
    import difflib

    options = list(options)
    lowered = {option.lower(): option for option in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggest_ids(word: str, positions: Sequence[Position], limit: int = 3) -> list[str]:
    """Ids a mistyped id may have meant: close spellings, then ids whose topics or title match."""
    found = suggest(word, [p.id for p in positions], limit)
    wanted = word.casefold()
    for position in positions:
        if len(found) >= limit:
            break
        titles = (position.title.nl.casefold(), position.title.en.casefold())
        if position.id not in found and (
            wanted in position.topics or any(wanted in title for title in titles)
        ):
            found.append(position.id)
    return found


def did_you_mean(options: Sequence[str], quoted: bool = False, otherwise: str = "") -> str:
    """The tail of a message: "; did you mean a, b?" naming `options` (each quoted as a value
    when `quoted`), or `otherwise` when there is none."""
    if not options:
        return otherwise
    return f"; did you mean {', '.join(shown(o) if quoted else o for o in options)}?"
