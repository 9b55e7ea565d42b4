"""The register's source texts as a collection: each text under `texts/`, what its
`texts/<slug>.source.toml` records of where it came from (written by `posities text add`),
and how many quotes cite it; for `text list`, `text show` and `check`'s warnings about them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posities.errors import Problem, UsageError, display_path, shown
from posities.model.records import Position, cited

TEXTS_DIR = "texts"
ORIGINALS = "originals"
"""The folder under `texts/` that keeps the original documents the texts were made from."""
SIDECAR = ".source.toml"
"""What `texts/<slug>.txt`'s provenance file is named after it: `texts/<slug>.source.toml`."""
MAX_SIDECAR_BYTES = 64 * 1024
UNCITED = "no quote cites this text"


@dataclass(frozen=True, slots=True)
class SourceText:
    """One text under `texts/`: its path relative to the register, its slug (the path under
    `texts/` without `.txt`), its title, kind and date (from its provenance, else from the
    first source that cites it), its size in bytes, how many quotes cite it, and its
    provenance as recorded (empty when it has none)."""

    relative: str
    slug: str
    title: str | None
    kind: str | None
    date: str | None
    size: int
    cited: int
    provenance: Mapping[str, Any] = field(default_factory=dict)


def text_files(root: Path) -> list[str]:
    """Every `*.txt` under `root/texts` but the kept originals, relative to `root`, in order
    (hidden files and folders left out)."""
    found = []
    top = root / TEXTS_DIR
    for folder, subfolders, files in os.walk(top):
        here = Path(folder)
        subfolders[:] = sorted(
            d for d in subfolders if not d.startswith(".") and not (here == top and d == ORIGINALS)
        )
        relative = here.relative_to(root)
        found += [
            (relative / name).as_posix()
            for name in sorted(files)
            if name.endswith(".txt") and not name.startswith(".")
        ]
    return found


def slug_of(relative: str) -> str:
    """`texts/brief.txt` → `brief`; `texts/2018/brief.txt` → `2018/brief`."""
    return relative.removeprefix(f"{TEXTS_DIR}/").removesuffix(".txt")


def citations(root: Path, positions: Iterable[Position]) -> dict[str, list[tuple[str, Any]]]:
    """For each text, by its path relative to the register, the quotes that cite it: the
    position's id and the source."""
    found: dict[str, list[tuple[str, Any]]] = {}
    for position in positions:
        for _, source in cited(position):
            if source.text is not None:
                found.setdefault(_normal(source.text), []).append((position.id, source))
    return found


def _normal(written: str) -> str:
    """A `text:` path as the register-relative POSIX path it names (`./texts/a.txt` and
    `texts//a.txt` are `texts/a.txt`)."""
    return Path(os.path.normpath(written)).as_posix()


def read_provenance(root: Path, relative: str) -> tuple[dict[str, Any], list[Problem]]:
    """What `texts/<slug>.source.toml` records of the text at `relative`: empty, with no
    problem, when there is none; empty and the problem when it cannot be read."""
    from posities.io.tomlread import load_toml

    path = root / (relative.removesuffix(".txt") + SIDECAR)
    label = display_path(path)
    try:
        if not path.is_file():
            return {}, []
        with open(path, "rb") as handle:
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as error:
        return {}, [Problem(label, None, None, f"cannot read it: {error.strerror}")]
    what = "where one source text came from, no more"
    too_large = f"the file is larger than the {MAX_SIDECAR_BYTES // 1024} KiB it may be: {what}"
    table, _, problems = load_toml(
        data, label, MAX_SIDECAR_BYTES, too_large, f"nested too deeply: it records {what}"
    )
    return table or {}, problems


def source_texts(
    root: Path, positions: Iterable[Position], read: bool = False
) -> tuple[list[SourceText], list[Problem]]:
    """Every text under `texts/`, with what is known of it, and the problems of provenance
    files that cannot be read (as warnings: the texts themselves are still listed); with
    `read`, also of texts that cannot be read as source texts (not UTF-8, say)."""
    cites = citations(root, positions)
    texts, problems = [], _interrupted(root)
    for relative in text_files(root):
        provenance, found = read_provenance(root, relative)
        problems += [_warning(p) for p in found]
        if read and (unusable := _unusable(root, relative)):
            message = f"{unusable}; no quote can be checked against it"
            problems.append(Problem(display_path(root / relative), None, None, message, "warning"))
        first = cites.get(relative, [(None, None)])[0][1]
        try:
            size = (root / relative).stat().st_size
        except OSError:
            size = 0
        texts.append(
            SourceText(
                relative,
                slug_of(relative),
                provenance_text(provenance, "title")
                or (first.title if first is not None else None),
                provenance_text(provenance, "kind") or (first.kind if first is not None else None),
                provenance_text(provenance, "date") or (first.date if first is not None else None),
                size,
                len(cites.get(relative, [])),
                provenance,
            )
        )
    return texts, problems


INTERRUPTED = (
    "a text add of {slug} was stopped while it put its files in place: the text, its "
    "provenance and its original may be part old, part new until posities text add runs again "
    "and finishes it"
)


def _interrupted(root: Path) -> list[Problem]:
    """A warning for each text add killed while it put a text's files in place."""
    from posities.io.atomic import interrupted

    return [
        Problem(display_path(journal), None, None, INTERRUPTED.format(slug=shown(label)), "warning")
        for label, journal in interrupted(root / TEXTS_DIR)
    ]


def _unusable(root: Path, relative: str) -> str | None:
    """Why the text at `relative` cannot be read as a source text (not UTF-8, too large, no
    regular file...); None when it can."""
    from posities.core.texts import read_source_text, text_path

    target = text_path(root, relative)
    loaded = read_source_text(target) if not isinstance(target, str) else target
    return loaded if isinstance(loaded, str) else None


def provenance_text(table: Mapping[str, Any], key: str) -> str | None:
    """A provenance value that is text (a TOML date as ISO text); None for none or for
    another kind of value."""
    import datetime

    value = table.get(key)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value if isinstance(value, str) and value.strip() else None


def _warning(problem: Problem) -> Problem:
    import dataclasses

    return dataclasses.replace(problem, severity="warning")


def text_warnings(root: Path, positions: Iterable[Position]) -> tuple[list[Problem], list[Problem]]:
    """`check`'s warnings about the texts, in two kinds: each text that no quote cites; and
    each provenance file that cannot be read, or kept original that is missing or whose
    digest no longer matches the one recorded when the text was made from it."""
    texts, problems = source_texts(root, positions)
    uncited = [
        Problem(display_path(root / text.relative), None, None, UNCITED, severity="warning")
        for text in texts
        if text.cited == 0
    ]
    for text in texts:
        problems += _original_warnings(root, text)
    return uncited, problems


def _original_warnings(root: Path, text: SourceText) -> list[Problem]:
    """The warning when the original a text records it was made from (`kept`) is not a file
    the register keeps (a regular file under `texts/originals/`, reached by no link out of
    it), is missing, or has changed since (its SHA-256 differs from the recorded `sha256`)."""
    kept, recorded = (
        provenance_text(text.provenance, "kept"),
        provenance_text(text.provenance, "sha256"),
    )
    if kept is None or recorded is None:
        return []
    sidecar = display_path(root / (text.relative.removesuffix(".txt") + SIDECAR))
    found = kept_original(root, kept)
    if isinstance(found, str):
        message = f"the original it records, {shown(kept, 200)}, {found}"
        return [Problem(sidecar, None, None, message, severity="warning")]
    try:
        digest = _sha256(found)
    except OSError as error:
        message = f"the original it records, {shown(kept, 200)}, cannot be read: {error.strerror}"
        return [Problem(sidecar, None, None, message, severity="warning")]
    if digest == recorded.lower():
        return []
    message = (
        f"the original {shown(kept, 200)} has changed since this text was made from it "
        f"(SHA-256 {digest[:12]}…, recorded {recorded[:12]}…): make the text again with "
        "posities text add --replace, or put the original back"
    )
    return [Problem(sidecar, None, None, message, severity="warning")]


def kept_original(root: Path, kept: str) -> Path | str:
    """The file a provenance's `kept` names, or why it is none the register keeps: it must be
    a path under `texts/originals/`, a regular file reached by no link out of the register
    (nothing else is ever read: not `/etc/passwd`, not a device that never ends)."""
    from posities.core.texts import inside, text_path

    found = text_path(root, kept)
    if isinstance(found, str):
        return found.replace("(the path is relative to the register folder)", "").strip()
    originals = os.path.realpath(root / TEXTS_DIR / ORIGINALS)
    if not inside(str(found), originals) or str(found) == originals:
        return f"is not in {TEXTS_DIR}/{ORIGINALS}/, where the register keeps originals"
    return found


def _sha256(path: Path) -> str:
    """The SHA-256 of a regular file, opened so that a file swapped for a pipe or device since
    it was checked cannot make the read wait or never end."""
    import stat

    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(0, "it is not a regular file")
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve(root: Path, given: str) -> str:
    """The register-relative path of the text `given` names: a slug (`brief`,
    `2018/brief`), or a path as `text:` writes it; a UsageError naming the texts there are
    when it names none."""
    from posities.model.suggest import did_you_mean, suggest

    if not given.strip():
        raise UsageError("name a text: its slug as posities text list shows it")
    files = text_files(root)
    normal = _normal(given)
    for candidate in (normal, f"{TEXTS_DIR}/{normal}.txt", f"{TEXTS_DIR}/{normal}"):
        if candidate in files:
            return candidate
    slugs = [slug_of(f) for f in files]
    if not slugs:
        raise UsageError(
            f"no source text {shown(given)}: the register has none yet "
            "(posities text add FILE adds one)"
        )
    tail = did_you_mean(suggest(given, slugs), otherwise=".")
    listed = ", ".join(slugs[:LISTED]) + (
        f" and {len(slugs) - LISTED} more" if len(slugs) > LISTED else ""
    )
    raise UsageError(
        f"no source text {shown(given)}{tail} Texts: {listed} (posities text list shows them)"
    )


LISTED = 12
"""The most texts an error names."""


def numbered(text: str, first: int = 1, last: int | None = None) -> list[tuple[int, str]]:
    """The lines of `text` from line `first` to `last` (inclusive; to the end when None),
    each with its number from 1, as `quote find` and `check` count them."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no line of its own
    end = len(lines) if last is None else min(last, len(lines))
    return [(number, lines[number - 1]) for number in range(first, end + 1)]


def parse_lines(given: str) -> tuple[int, int | None]:
    """`--lines A-B` (also `A-`, `A` alone, `-B`) as a first and last line; ValueError."""
    text = given.strip()
    start_text, dash, end_text = text.partition("-")
    try:
        if not text.strip("- "):
            raise ValueError
        start = int(start_text) if start_text.strip() else 1
        end = int(end_text) if end_text.strip() else (None if dash else start)
    except ValueError:
        raise ValueError(f"{shown(given)} is not a line range: expected A-B, A- or A") from None
    if start < 1 or (end is not None and end < start):
        raise ValueError(
            f"{shown(given)} is not a line range: lines count from 1, and B is not before A"
        )
    return start, end
