"""Whole-register checks beyond one file's shape: quotes against their source texts, and the
passages of those texts that a quote or a rough phrase is closest to."""

from __future__ import annotations

import datetime
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from posities.core.register import Register, decode, display_path, locate, problem_at
from posities.errors import Location, PositiesError, Problem, UsageError, YamlError, shown, visible

if TYPE_CHECKING:
    from posities.core.passages import Passage
    from posities.core.quotes import SourceText
    from posities.git.repo import Commit, Repo
    from posities.model.records import FieldPath, Position

TEXTS_DIR = "texts"
MAX_TEXT_BYTES = 32 * 1024 * 1024
_DIFFERENCES_SHOWN = 6
CLOSEST_SEARCHED = 20
"""Quotes not found in one text whose closest passage is searched in one run: each search reads
the whole text, so a register with many failing quotes would otherwise take minutes."""


@dataclass(frozen=True)
class Report:
    """What `posities check` found: every problem and warning in file order, a summary line
    per kind, and whether the check fails (problems, or warnings under `--strict`)."""

    reported: list[Problem]
    summary: list[str]
    failed: bool


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else noun + 's'}"


def report(
    register: Register, days: int | None, today: datetime.date, strict: bool, stale_text: str = ""
) -> Report:
    """The whole check of a register: its problems, and as warnings its unread files, quotes
    with no text to check and (given `days`) stale stances; `strict` makes warnings errors."""
    import dataclasses

    problems = check(register)
    aged = stale(register, days, today) if days is not None else []
    kinds = [
        (_nothing_read(register), "folder", "with no position files"),
        (register.warnings, "file", "not read"),
        (aged, "position", f"not reassessed within {stale_text}"),
        (future(register, today), "position", "assessed in the future"),
        (unchecked_quotes(register), "quote", "with no local text to check against"),
    ]
    warnings = [w for found, _, _ in kinds for w in found]
    summary = []
    if warnings and not strict:  # under --strict they are counted with the problems
        words = "; ".join(f"{_plural(len(f), noun)} {what}" for f, noun, what in kinds if f)
        summary.append(f"{_plural(len(warnings), 'warning')}: {words}.")
    if strict:
        problems += [dataclasses.replace(w, severity="error") for w in warnings]
        warnings = []
    if problems:
        files = len({p.path for p in problems})
        summary.append(f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}.")
    else:
        summary.append(f"{_plural(len(register.positions), 'position')} checked: no problems.")
    reported = sorted(problems + warnings, key=lambda p: (p.path, p.line or 0, p.column or 0))
    return Report(reported, summary, failed=bool(problems))


def _nothing_read(register: Register) -> list[Problem]:
    """A warning when the folder holds no position file at all (a wrong --dir, say), so that a
    strict check never passes on nothing."""
    if register.positions or register.problems:
        return []
    message = "no position files (ID.yaml) in this folder: nothing was checked"
    return [Problem(display_path(register.root), None, None, message, "warning")]


def check(register: Register) -> list[Problem]:
    """Every problem in the register: invalid files, duplicate ids, and quotes not found."""
    return sorted(
        register.problems + verify_quotes(register),
        key=lambda p: (p.path, p.line or 0, p.column or 0),
    )


# --- source texts ----------------------------------------------------------------------------


def text_path(root: Path, relative: str) -> Path | str:
    """The file a source's `text:` names, resolved, or why it may not be used: it must be a
    regular file inside the register folder (no `..` out of it, no symbolic link leading out of
    it at any step) and not one of the register's position files."""
    why = _not_relative(relative)
    if why is not None:
        return why
    base = os.path.realpath(root)
    step = root
    for part in PurePosixPath(relative).parts:
        step = step / part
        if not _inside(os.path.realpath(step), base):
            return _OUT_THROUGH_LINK
    target = Path(os.path.realpath(step))
    return _regular(target, base)


_OUT_THROUGH_LINK = "leads out of the register folder through a symbolic link"
_FOLDER = "is a folder, not a text file"
_POSITION_FILE = "is a position file of the register, not a source text"


def _not_relative(relative: str) -> str | None:
    """Why `relative`, as written, is no path inside the register folder; None when it may be."""
    if not relative.strip():
        return "is empty; give a path relative to the register folder"
    if "\0" in relative:
        return "holds a NUL character"
    pure = PurePosixPath(relative)
    if (
        pure.is_absolute()
        or relative.startswith(("~", "\\"))
        or re.match(r"[A-Za-z]:[\\/]", relative)
    ):
        return "must be a path relative to the register folder, not an absolute one"
    depth = 0
    for part in pure.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return "leads out of the register folder (..)"
    return None


def _inside(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def _regular(target: Path, base: str) -> Path | str:
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "no such file (the path is relative to the register folder)"
    except OSError as error:
        return f"cannot read: {error.strerror}"
    if stat.S_ISDIR(mode):
        return _FOLDER
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, fifo or socket cannot be a source text)"
    if str(target.parent) == base and target.name.endswith(".yaml"):
        return _POSITION_FILE
    return target


class Text:
    """A source text as read in this run: its file, the digest of its bytes, its text."""

    __slots__ = ("_source", "content", "digest", "path", "searches_left")

    def __init__(self, path: Path, digest: str, content: str) -> None:
        self.path = path
        self.digest = digest
        self.content = content
        self._source: SourceText | None = None
        self.searches_left = CLOSEST_SEARCHED
        """How many more quotes not found may have their closest passage searched."""

    @property
    def source(self) -> SourceText:
        """The text prepared for quote lookups (made once, when first needed: a quote found
        in an earlier run needs none)."""
        if self._source is None:
            from posities.core.quotes import SourceText

            self._source = SourceText(self.content)
        return self._source


def read_source_text(path: Path) -> Text | str:
    """The text of a file that `text_path` accepted, or why it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return f"cannot read: {error.strerror}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped after it was checked
            return "is not a regular file"
        if info.st_size > MAX_TEXT_BYTES:
            return _too_large(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        return f"cannot read: {error.strerror}"
    finally:
        os.close(fd)
    return _decoded(path, data)


def _too_large(size: int) -> str:
    return f"is {size // 2**20} MiB; a source text may be at most 32 MiB"


def _decoded(path: Path, data: bytes) -> Text | str:
    """The text in a source text's bytes, or why they are no text."""
    from posities.io.cache import digest

    try:
        content = decode(data)
    except YamlError as error:
        return f"{error.message} at line {error.location[0] if error.location else '?'}"
    return Text(path, digest(data), content)


class Texts:
    """The source texts of one register, each checked and read once per run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._named: dict[str, Text | str] = {}
        self._read: dict[Path, Text | str] = {}

    def get(self, relative: str) -> Text | str:
        """The text a source's `text:` names, or why it cannot be used."""
        found = self._named.get(relative)
        if found is None:
            found = self._named[relative] = self._load(relative)
        return found

    def _load(self, relative: str) -> Text | str:
        path = text_path(self.root, relative)
        if isinstance(path, str):
            return path
        if path not in self._read:  # the same file by another name
            self._read[path] = read_source_text(path)
        return self._read[path]


_SYMLINK = "120000"
_TREE = "040000"
_MAX_LINKS = 40


class CommitTexts:
    """The source texts of a register as they stood at a commit, read from git under the rules
    `text_path` sets for files. All the texts named are read at once: one `ls-tree` of the
    register folder, one `cat-file` for their sizes and one for their bytes (and one for the
    targets of symbolic links, when a path meets one)."""

    def __init__(self, repo: Repo, commit: Commit, names: Iterable[str]) -> None:
        self.repo = repo
        self.commit = commit
        self.prefix = repo.prefix_at(commit)
        self._tree: dict[str, tuple[str, str]] | None = None
        self._links: dict[str, str] | None = None
        self._named: dict[str, Text | str] = {}
        self._load(set(names))

    def get(self, relative: str) -> Text | str:
        """The text a source's `text:` names, as it stood at the commit, or why it cannot be
        used."""
        if relative not in self._named:
            self._load({relative})
        return self._named[relative]

    def _load(self, names: set[str]) -> None:
        """Find and read the texts `names` name; a fault of git is the reason for each."""
        from posities.git.repo import GitError

        try:
            if self._tree is None:
                self._tree = self.repo.tree(self.commit, self.prefix)
            found = {name: self._find(name) for name in names}
            paths = {where[1]: where[0] for where in found.values() if isinstance(where, tuple)}
            read = self._read(paths)
        except GitError as error:
            self._named.update(dict.fromkeys(names, f"cannot read: {error}"))
            return
        for name, where in found.items():
            self._named[name] = where if isinstance(where, str) else read[where[1]]

    def position_file(self, ident: str) -> _LocatedBlob:
        """Where the fields of a position's file at the commit stand, named `rev:path`."""
        from posities.git.repo import at_revision

        name = f"{ident}.yaml"
        label = at_revision(self.commit.short, self.prefix + name)
        return _LocatedBlob(label, partial(self._position_bytes, name))

    def _position_bytes(self, name: str) -> bytes | None:
        from posities.git.repo import GitError

        mode, oid = self.repo.files(self.commit).get(name, ("", ""))
        try:
            if mode == _SYMLINK:
                return self.repo.follow(self.commit, self.prefix + name)[0]
            return self.repo.blobs([oid]).get(oid) if oid else None
        except GitError:
            return None  # the problem is reported without its line

    @property
    def tree(self) -> dict[str, tuple[str, str]]:
        """The register folder's entries at the commit (listed by `_load`)."""
        assert self._tree is not None
        return self._tree

    def _find(self, relative: str) -> tuple[str, str] | str:
        """The path below the register folder and the blob id of the text `relative` names,
        following symbolic links inside the register; or why it may not be used."""
        why = _not_relative(relative)
        if why is not None:
            return why
        pending = list(PurePosixPath(relative).parts)
        current: list[str] = []
        hops = 0
        while pending:
            part = pending.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not current:
                    return _OUT_THROUGH_LINK  # `_not_relative` refused it when written so
                current.pop()
                continue
            current.append(part)
            mode, oid = self.tree.get("/".join(current), ("", ""))
            if not mode or (pending and mode not in (_TREE, _SYMLINK)):
                return (
                    f"no such file at {self.commit.short} "
                    "(the path is relative to the register folder)"
                )
            if mode == _SYMLINK:
                hops += 1
                target = self._target(oid)
                if hops > _MAX_LINKS or target is None:
                    return "cannot read: a symbolic link that loops"
                if target.startswith("/"):
                    return _OUT_THROUGH_LINK
                current.pop()
                pending[:0] = target.split("/")
        return self._regular("/".join(current))

    def _regular(self, path: str) -> tuple[str, str] | str:
        """The path and blob id of a text found at `path`, or why it is no text file."""
        mode, oid = self.tree.get(path, (_TREE, "")) if path else (_TREE, "")
        if mode == _TREE:
            return _FOLDER
        if mode == "160000":
            return "is a submodule, not a text file"
        if "/" not in path and path.endswith(".yaml"):
            return _POSITION_FILE
        return path, oid

    def _target(self, oid: str) -> str | None:
        """Where a symbolic link points; the register's links are read when first needed."""
        if self._links is None:
            links = sorted({o for mode, o in self.tree.values() if mode == _SYMLINK})
            read = self.repo.blobs(links)
            self._links = {
                o: data.decode("utf-8", "surrogateescape")
                for o, data in read.items()
                if data is not None
            }
        return self._links.get(oid)

    def _read(self, paths: dict[str, str]) -> dict[str, Text | str]:
        """The texts in blobs (blob id -> path below the register folder), each read once; one
        too large is not read."""
        oids = sorted(paths)
        sizes = self.repo.sizes(oids)
        blobs = self.repo.blobs([o for o in oids if (sizes[o] or 0) <= MAX_TEXT_BYTES])
        texts: dict[str, Text | str] = {}
        for oid in oids:
            size, data = sizes[oid], blobs.get(oid)
            if size is not None and size > MAX_TEXT_BYTES:
                texts[oid] = _too_large(size)
            elif data is None:
                texts[oid] = "cannot read: the object is missing from the repository"
            else:
                texts[oid] = _decoded(self.repo.top / (self.prefix + paths[oid]), data)
        return texts


# --- quotes against their texts ------------------------------------------------------------------


def not_found(index: int, relative: str, text: Text, quote: str) -> str:
    """Why a quote fails: not in its text, or only inside longer words there, with the closest
    passage and the words that differ."""
    if text.source.cut(quote):
        head = (
            f"sources[{index}].quote is found in {shown(relative, 200)} only inside longer "
            "words (a quote starts and ends on whole words)"
        )
    else:
        head = (
            f"sources[{index}].quote is not found verbatim in {shown(relative, 200)} "
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


class _Located:
    """Where the fields of one position file stand, parsed once and only when first needed."""

    __slots__ = ("_where", "path")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._where: Callable[[FieldPath], Location | None] | None = None

    @property
    def label(self) -> str:
        """How messages name the file."""
        return display_path(self.path)

    def at(self, field_path: FieldPath) -> Location | None:
        if self._where is None:
            self._where = _locator(self.path)
        return self._where(field_path)


class _LocatedBlob:
    """Where the fields of one position file read from git stand, parsed when first needed."""

    __slots__ = ("_read", "_where", "label")

    def __init__(self, label: str, read: Callable[[], bytes | None]) -> None:
        self.label = label
        self._read = read
        self._where: Callable[[FieldPath], Location | None] | None = None

    def at(self, field_path: FieldPath) -> Location | None:
        if self._where is None:
            self._where = _where_in(self._read())
        return self._where(field_path)


def _locator(path: Path) -> Callable[[FieldPath], Location | None]:
    from posities.core.register import TooLarge, read_text

    try:
        return _where_in(read_text(path))
    except (OSError, TooLarge):
        return lambda _: None


def _where_in(data: bytes | None) -> Callable[[FieldPath], Location | None]:
    from posities.io.yamlread import parse

    try:
        return parse(decode(data)).where if data is not None else lambda _: None
    except YamlError:
        return lambda _: None


def _text_problem(file: _Located | _LocatedBlob, index: int, relative: str, why: str) -> Problem:
    message = f"sources[{index}].text {shown(relative, 200)}: {why}"
    return _problem(file, ("sources", index, "text"), message)


def _quote_problem(
    file: _Located | _LocatedBlob, index: int, relative: str, text: Text, quote: str
) -> Problem:
    message = not_found(index, relative, text, quote)
    return _problem(file, ("sources", index, "quote"), message)


def _problem(file: _Located | _LocatedBlob, field_path: FieldPath, message: str) -> Problem:
    where = file.at(field_path)
    return Problem(file.label, where[0] if where else None, where[1] if where else None, message)


def verify_quotes(register: Register) -> list[Problem]:
    """Each quote whose source names a local text must appear in that text."""
    texts = Texts(register.root)
    problems: list[Problem] = []
    for position in register.positions:
        file = _Located(register.paths[position.id])
        for index, source in enumerate(position.sources):
            if source.text is None:
                continue
            loaded = texts.get(source.text)
            if isinstance(loaded, str):
                problems.append(_text_problem(file, index, source.text, loaded))
            elif not loaded.source.contains(source.quote):
                problems.append(_quote_problem(file, index, source.text, loaded, source.quote))
    return problems


def unchecked_quotes(register: Register) -> list[Problem]:
    """Warnings for quotes that nothing can verify: their source names no local text."""
    warnings = []
    for position in register.positions:
        file = _Located(register.paths[position.id])
        for index, source in enumerate(position.sources):
            if source.text is None:
                warnings.append(
                    problem_at(
                        file.path,
                        file.at(("sources", index, "quote")),
                        f"sources[{index}].quote cannot be checked: its source has no local "
                        "text; add text: with the path of a copy of the document",
                        severity="warning",
                    )
                )
    return warnings


def _contains(text: Text, quote: str) -> bool:
    return text.source.contains(quote)


def verify_printed(register: Register, positions: Iterable[Position]) -> list[Problem]:
    """The problems of the quotes about to be printed (empty when every one is found in its
    text): against the register's texts, or for a register read from git history (`--at`)
    against its texts as they stood at that commit. A quote found before in the same text is
    not looked up again (`Verdicts`). Sources without a local text are not checked (output
    marks them)."""
    from posities.io.cache import Verdicts

    positions = list(positions)
    texts, located = _printed_texts(register, positions)
    verdicts = Verdicts.open()
    known: dict[tuple[str, str], bool] = {}  # (text name, quote): found; most repeat
    problems: list[Problem] = []
    for position in positions:
        for index, source in enumerate(position.sources):
            name = source.text
            if name is None:
                continue
            found = known.get((name, source.quote))
            if found:
                continue
            loaded = texts.get(name)
            if isinstance(loaded, str):
                problems.append(_text_problem(located(position.id), index, name, loaded))
                continue
            if found is None:
                look_up = partial(_contains, loaded, source.quote)
                found = verdicts.found(source.quote, loaded.digest, look_up)
                known[(name, source.quote)] = found
            if not found:
                file = located(position.id)
                problems.append(_quote_problem(file, index, name, loaded, source.quote))
    verdicts.save()
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0))


def _printed_texts(
    register: Register, positions: list[Position]
) -> tuple[Texts | CommitTexts, Callable[[str], _Located | _LocatedBlob]]:
    """The texts the printed quotes are checked against, and how a position's file is named
    and located (asked only for a problem): in the register folder, or at the commit the
    register was read from."""
    if register.at is None:
        paths = register.paths

        def in_folder(ident: str) -> _Located:
            return _Located(paths.get(ident) or register.root / f"{ident}.yaml")

        return Texts(register.root), in_folder
    repo, commit = register.at
    names = {s.text for p in positions for s in p.sources if s.text is not None}
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
    sources = doc.value.get("sources") if isinstance(doc.value, dict) else None
    texts = Texts(root)
    problems = []
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        relative, quote = source.get("text"), source.get("quote")
        if not isinstance(relative, str) or not isinstance(quote, str):
            continue
        loaded = texts.get(relative)
        if isinstance(loaded, str):
            where = doc.where(("sources", index, "text"))
            message = f"sources[{index}].text {shown(relative, 200)}: {loaded}"
        elif not loaded.source.contains(quote):
            where = doc.where(("sources", index, "quote"))
            message = not_found(index, relative, loaded, quote)
        else:
            continue
        line, column = where if where else (None, None)
        problems.append(Problem(label, line, column, message))
    return problems


def stale(register: Register, days: int, today: datetime.date) -> list[Problem]:
    """Warnings for positions last assessed more than `days` days before `today`."""

    def say(updated: datetime.date) -> str | None:
        age = (today - updated).days
        if age <= days:
            return None
        return (
            f"is {_plural(age, 'day')} ago, more than {_plural(days, 'day')}: reassess the "
            "stance and set updated to the day you did"
        )

    return _updated_warnings(register, say)


def future(register: Register, today: datetime.date) -> list[Problem]:
    """Warnings for positions said to be assessed after `today`: a typo that would keep
    `--stale` from ever warning of them."""

    def say(updated: datetime.date) -> str | None:
        if updated <= today:
            return None
        return "is in the future: set it to the day the stance was assessed"

    return _updated_warnings(register, say)


def _updated_warnings(
    register: Register, say: Callable[[datetime.date], str | None]
) -> list[Problem]:
    """A warning at each position's `updated` line for which `say` has something to say."""
    warnings = []
    for position in register.positions:
        said = say(datetime.date.fromisoformat(position.updated))
        if said is not None:
            file = register.paths[position.id]
            where = locate(file, ("updated",))
            message = f"updated {position.updated} {said}"
            warnings.append(problem_at(file, where, message, severity="warning"))
    return warnings


_DURATION = re.compile(r"([0-9]+)([dwmy])\Z")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_duration(text: str) -> int:
    """`180d`, `26w`, `6m` (30-day months) or `1y` (365 days) as a number of days."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(text)
    return int(match.group(1)) * _UNIT_DAYS[match.group(2)]


# --- passages for a rough phrase ---------------------------------------------------------------

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
    names = dict.fromkeys(_text_files(root))
    for position in positions:
        names.update(dict.fromkeys(s.text for s in position.sources if s.text is not None))
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


def _text_files(root: Path) -> list[str]:
    """The `*.txt` files under `root/texts`, as paths relative to `root` (hidden ones left out)."""
    found = []
    for folder, subfolders, files in os.walk(root / TEXTS_DIR):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        here = Path(folder).relative_to(root)
        found += [
            (here / name).as_posix()
            for name in sorted(files)
            if name.endswith(".txt") and not name.startswith(".")
        ]
    return found


def given_text(root: Path, given: str) -> str:
    """A text named on the command line, relative to the register folder as `text:` wants it;
    a path relative to the current folder (as `quote find` prints them) is taken too."""
    if not isinstance(text_path(root, given), str):
        return given
    absolute = os.path.normpath(Path.cwd() / given)
    base = os.path.normpath(root.absolute())
    if _inside(absolute, base) and absolute != base:
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
