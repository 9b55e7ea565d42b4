"""Finding the passages of the register's texts that a rough phrase is closest to
(`quote find`, `add-source --find`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from posities.core.register import problem_at
from posities.core.sourcetexts import TEXTS_DIR, text_files
from posities.core.texts import Text, Texts, inside, text_path
from posities.errors import PositiesError, Problem, UsageError, display_path, shown, visible
from posities.model.records import cited

if TYPE_CHECKING:
    from posities.core.passages import Passage
    from posities.model.records import Position


PICK_FLOOR = 0.5
"""The score a passage needs for `add-source --find` to take it as the quote."""
PICK_MARGIN = 0.05
"""Two passages whose scores are closer than this are about equally close."""


@dataclass(frozen=True)
class Found:
    """A passage of a source text found for a phrase, with the text as `text:` names it."""

    path: Path
    relative: str
    passage: Passage


def searched_texts(
    root: Path, positions: Iterable[Position]
) -> tuple[list[tuple[str, Text]], list[Problem]]:
    """The texts `quote find` searches: each `*.txt` under the register's `texts/` folder and
    each text a source names; warnings for those that cannot be used."""
    names = dict.fromkeys(text_files(root))
    for position in positions:
        names.update(dict.fromkeys(s.text for _, s in cited(position) if s.text is not None))
    texts = Texts(root)
    chosen: list[tuple[str, Text]] = []
    seen: set[Path] = set()
    warnings = []
    for relative in sorted(names):
        loaded = texts.get(relative)
        if isinstance(loaded, str):
            message = f"{loaded}; not searched"
            warnings.append(problem_at(root / relative, None, message, severity="warning"))
        elif loaded.path not in seen:
            seen.add(loaded.path)
            chosen.append((relative, loaded))
    return chosen, warnings


def given_text(root: Path, given: str) -> str:
    """A text named on the command line, relative to the register folder as `text:` wants it;
    a path relative to the current folder (as `quote find` prints them), and a text's slug as
    `text list` shows it (`brief` for `texts/brief.txt`), are taken too."""
    if not isinstance(text_path(root, given), str):
        return given
    slug = f"{TEXTS_DIR}/{given}.txt"
    if not given.endswith(".txt") and not isinstance(text_path(root, slug), str):
        return slug
    absolute = os.path.normpath(Path.cwd() / given)
    base = os.path.normpath(root.absolute())
    if inside(absolute, base) and absolute != base:
        relative = Path(os.path.relpath(absolute, base)).as_posix()
        if not isinstance(text_path(root, relative), str):
            return relative
    return given


def find_passages(
    root: Path, phrase: str, only: str | None = None, limit: int = 5
) -> tuple[list[Found], list[Problem]]:
    """The passages of the register's source texts closest to `phrase`, best first, and
    warnings for texts that could not be searched; `only` names the one text to search."""
    from posities.core.passages import find
    from posities.core.register import load

    if only is not None:
        relative = given_text(root, only)
        loaded = Texts(root).get(relative)
        if isinstance(loaded, str):
            raise UsageError(f"--text {shown(only, 200)}: {loaded}")
        chosen, warnings = [(relative, loaded)], list[Problem]()
    else:
        chosen, warnings = searched_texts(root, load(root).positions)
        if not chosen:
            raise PositiesError(
                f"no source texts to search: save copies of the documents as *.txt files in "
                f"{display_path(root / TEXTS_DIR)}/ (or name them in sources' text:)"
            )
    hits = find(phrase, [text.source for _, text in chosen], limit)
    found = [
        Found(root / chosen[hit.document][0], chosen[hit.document][0], hit.passage) for hit in hits
    ]
    return found, warnings


class NoSinglePassage(PositiesError):
    """A phrase did not lead to one passage to quote; the candidates are listed under it."""

    def __init__(self, message: str, candidates: Sequence[Found]) -> None:
        super().__init__(message)
        self.problems = [
            Problem(
                display_path(c.path),
                c.passage.line,
                None,
                f"score {c.passage.score:.2f}: {visible(c.passage.text)}",
            )
            for c in candidates
        ]


def pick_passage(root: Path, phrase: str, only: str | None = None) -> Found:
    """The one passage closest to `phrase`, to take as a quote; refused when none is close
    enough or when another is about as close."""
    found, _ = find_passages(root, phrase, only)
    if not found or found[0].passage.score < PICK_FLOOR:
        raise NoSinglePassage(
            f"no passage is close enough to {shown(phrase, 100)} "
            f"(a score of {PICK_FLOOR} is needed); give more of its words, or copy one with "
            "--quote from posities quote find",
            found,
        )
    best = found[0]
    rivals = [
        f
        for f in found[1:]
        if (f.relative, f.passage.text) != (best.relative, best.passage.text)
        and f.passage.score >= best.passage.score - PICK_MARGIN
    ]
    if rivals:
        raise NoSinglePassage(
            f"{len(rivals) + 1} passages are about equally close to {shown(phrase, 100)}; "
            "give more of its words, narrow the search with --source-text, or copy one with "
            "--quote",
            [best, *rivals],
        )
    return best
