"""Quotes against their source texts: every quote must stand in its text, wherever a quote
enters (a write) or leaves (a printed report)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from posities.core.register import Register, problem_at
from posities.core.texts import CommitTexts, Located, LocatedBlob, Text, Texts
from posities.errors import Problem, YamlError, in_file_order, shown, visible
from posities.model.records import FieldPath, cited, dotted

if TYPE_CHECKING:
    from posities.core.passages import Passage
    from posities.model.records import Position

_DIFFERENCES_SHOWN = 6


def not_found(source: FieldPath, relative: str, text: Text, quote: str) -> str:
    """Why the quote of the source at `source` fails: not in its text, or only inside longer
    words there, with the closest passage and the words that differ."""
    name = dotted((*source, "quote"))
    if text.source.cut(quote):
        head = (
            f"{name} is found in {shown(relative, 200)} only inside longer "
            "words (a quote starts and ends on whole words)"
        )
    else:
        head = (
            f"{name} is not found verbatim in {shown(relative, 200)} "
            "(whitespace, line-break hyphens and quote marks aside)"
        )
    if text.searches_left <= 0:
        return f"{head}; closest passage not searched: too many quotes not found in this text"
    text.searches_left -= 1
    passage = text.source.closest(quote)
    if passage is None:
        return f"{head}; the text is empty"
    return f"{head}; {closest_words(passage)}; copy it exactly from the text (posities quote find)"


def closest_words(passage: Passage) -> str:
    """The closest passage and how the quote differs from it, for a message."""
    listed = [visible(d) for d in passage.differences[:_DIFFERENCES_SHOWN]]
    more = len(passage.differences) - len(listed)
    if more:
        listed.append(f"and {more} more")
    return (
        f"closest, at line {passage.line}: {shown(passage.text, 400)}; differs: {', '.join(listed)}"
    )


def _text_problem(
    file: Located | LocatedBlob, source: FieldPath, relative: str, why: str
) -> Problem:
    message = f"{dotted((*source, 'text'))} {shown(relative, 200)}: {why}"
    return _problem(file, (*source, "text"), message)


def _quote_problem(
    file: Located | LocatedBlob, source: FieldPath, relative: str, text: Text, quote: str
) -> Problem:
    message = not_found(source, relative, text, quote)
    return _problem(file, (*source, "quote"), message)


def _problem(file: Located | LocatedBlob, field_path: FieldPath, message: str) -> Problem:
    where = file.at(field_path)
    return Problem(file.label, where[0] if where else None, where[1] if where else None, message)


def verify_quotes(register: Register) -> list[Problem]:
    """Each quote whose source names a local text must appear in that text."""
    texts = Texts(register.root)
    problems: list[Problem] = []
    for position in register.positions:
        file = Located(register.paths[position.id])
        for at, source in cited(position):
            if source.text is None:
                continue
            loaded = texts.get(source.text)
            if isinstance(loaded, str):
                problems.append(_text_problem(file, at, source.text, loaded))
            elif not loaded.source.contains(source.quote):
                problems.append(_quote_problem(file, at, source.text, loaded, source.quote))
    return problems


def unchecked_quotes(register: Register) -> list[Problem]:
    """Warnings for quotes that nothing can verify: their source names no local text."""
    warnings = []
    for position in register.positions:
        file = Located(register.paths[position.id])
        for at, source in cited(position):
            if source.text is None:
                warnings.append(
                    problem_at(
                        file.path,
                        file.at((*at, "quote")),
                        f"{dotted((*at, 'quote'))} cannot be checked: its source has no local "
                        "text; add text: with the path of a copy of the document",
                        severity="warning",
                    )
                )
    return warnings


def _contains(text: Text, quote: str) -> bool:
    return text.source.contains(quote)


def require_verified(register: Register, positions: Iterable[Position]) -> None:
    """Stop, as for an invalid file, when a quote behind a position about to be shown is not
    in its text (see `verify_printed`): every claim a report shows rests on its quotes."""
    from posities.errors import InvalidRegister

    if problems := verify_printed(register, positions):
        raise InvalidRegister(problems)


def verify_printed(register: Register, positions: Iterable[Position]) -> list[Problem]:
    """The problems of the quotes about to be printed (empty when every one is found in its
    text): against the register's texts, or for a register read from git history (`--at`)
    against its texts as they stood at that commit. A quote found before in the same text is
    not looked up again (`Verdicts`). Sources without a local text are not checked (output
    marks them). A view is checked as its whole record: every statement of a position shown,
    whichever holder's is on top, since its other statements are shown beside it."""
    from posities.io.cache import Verdicts

    records = {p.id: p for p in register.positions}
    positions = [records.get(p.id, p) for p in {p.id: p for p in positions}.values()]
    texts, located = _printed_texts(register, positions)
    verdicts = Verdicts.open()
    known: dict[tuple[str, str], bool] = {}  # (text name, quote): found; most repeat
    problems: list[Problem] = []
    for position in positions:
        for at, source in cited(position):
            name = source.text
            if name is None:
                continue
            found = known.get((name, source.quote))
            if found:
                continue
            loaded = texts.get(name)
            if isinstance(loaded, str):
                problems.append(_text_problem(located(position.id), at, name, loaded))
                continue
            if found is None:
                look_up = partial(_contains, loaded, source.quote)
                found = verdicts.found(source.quote, loaded.digest, look_up)
                known[(name, source.quote)] = found
            if not found:
                file = located(position.id)
                problems.append(_quote_problem(file, at, name, loaded, source.quote))
    verdicts.save()
    return in_file_order(problems)


def _printed_texts(
    register: Register, positions: list[Position]
) -> tuple[Texts | CommitTexts, Callable[[str], Located | LocatedBlob]]:
    """The texts the printed quotes are checked against, and how a position's file is named
    and located (asked only for a problem): in the register folder, or at the commit the
    register was read from."""
    if register.at is None:
        paths = register.paths

        def in_folder(ident: str) -> Located:
            return Located(paths.get(ident) or register.root / f"{ident}.yaml")

        return Texts(register.root), in_folder
    repo, commit = register.at
    names = {s.text for p in positions for _, s in cited(p) if s.text is not None}
    texts = CommitTexts(repo, commit, names)
    return texts, texts.position_file


def written_quote_problems(root: Path, text: str, label: str) -> list[Problem]:
    """The problems of the quotes in a position file's new text (valid otherwise), before it is
    written: every quote must be found in its source's local text."""
    from posities.io.yamlread import parse

    try:
        doc = parse(text)
    except YamlError:
        return []  # refused as invalid before this is asked
    texts = Texts(root)
    problems = []
    for at, source in _written_sources(doc.value):
        relative, quote = source.get("text"), source.get("quote")
        if not isinstance(relative, str) or not isinstance(quote, str):
            continue
        loaded = texts.get(relative)
        if isinstance(loaded, str):
            where = doc.where((*at, "text"))
            message = f"{dotted((*at, 'text'))} {shown(relative, 200)}: {loaded}"
        elif not loaded.source.contains(quote):
            where = doc.where((*at, "quote"))
            message = not_found(at, relative, loaded, quote)
        else:
            continue
        line, column = where if where else (None, None)
        problems.append(Problem(label, line, column, message))
    return problems


def _written_sources(value: object) -> list[tuple[FieldPath, dict[str, object]]]:
    """Each source mapping in a file's data, top-level and in `stances:`, with its path."""
    if not isinstance(value, dict):
        return []
    found: list[tuple[FieldPath, dict[str, object]]] = []
    places: list[tuple[FieldPath, object]] = [((), value)]
    stances = value.get("stances")
    if isinstance(stances, list):
        places += [(("stances", i), item) for i, item in enumerate(stances)]
    for prefix, holder in places:
        sources = holder.get("sources") if isinstance(holder, dict) else None
        for index, source in enumerate(sources if isinstance(sources, list) else []):
            if isinstance(source, dict):
                found.append(((*prefix, "sources", index), source))
    return found
