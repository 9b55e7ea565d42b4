"""`posities text add`: an official document (PDF, HTML, Word, plain text) made a source text of
the register, `texts/<slug>.txt`, with its provenance beside it (`texts/<slug>.source.toml`) and,
unless told not to, a copy of the original (`texts/originals/<slug>.<format>`). The three are
replaced together: a crash leaves the old ones, or new ones the next text add puts in place."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from posities.core.extract import FORMATS, Format, Unreadable, extract, sniff
from posities.core.repair import SOFT_HYPHEN, Repairs
from posities.errors import PositiesError, UsageError, display_path, shown

TEXTS = "texts"
ORIGINALS = "originals"
MAX_BYTES = 200 * 1024 * 1024
"""The largest document taken: an official document is rarely over a few megabytes."""
MAX_SLUG = 60
DEFAULT_KIND = "document"
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_FOLDED = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)
REPAIR_WORDS = {
    "hyphenations": ("hyphenation joined", "hyphenations joined"),
    "hyphens_kept": ("hyphen kept at a line end", "hyphens kept at line ends"),
    "ligatures": ("ligature expanded", "ligatures expanded"),
    "ordinals": ("ordinal rejoined", "ordinals rejoined"),
    "headers_footers": ("header/footer line dropped", "header/footer lines dropped"),
    "soft_hyphens": ("soft hyphen removed", "soft hyphens removed"),
    "spaces": ("non-breaking space made plain", "non-breaking spaces made plain"),
}
"""Each repair as the summary counts it, one and many."""
PLAIN_AS_WRITTEN = (
    "a plain-text file is taken as written (its line-end hyphens are left as they are)"
)
"""What the summary adds for a plain-text file, whose hyphens are not repaired."""


@dataclass(frozen=True, slots=True)
class Added:
    """A source text written: its files, what it was made from and what was mended."""

    slug: str
    text: Path
    provenance: Path
    original: Path | None
    source: Path
    form: Format
    extractor: str
    lines: int
    words: int
    repairs: Repairs
    warnings: tuple[str, ...]
    replaced: bool
    dropped: tuple[str, ...] = ()
    """The running lines dropped, each as it stood."""
    unsure: tuple[str, ...] = ()
    """The words left broken at a line end after a hyphen, on no evidence either way."""

    def messages(self) -> list[str]:
        """What the command says it did, then the repairs, the warnings and what to do next."""
        verb = "replaced" if self.replaced else "wrote"
        lines = "line" if self.lines == 1 else "lines"
        words = "word" if self.words == 1 else "words"
        said = [
            f"{verb} {display_path(self.text)}: {self.lines:,} {lines}, {self.words:,} {words} "
            f"from {display_path(self.source)} ({self.form.value}, {self.extractor})",
            f"{verb} {display_path(self.provenance)}",
        ]
        if self.original is not None:
            said.append(f"{verb} {display_path(self.original)}")
        summary = repair_summary(self.repairs)
        if self.form is Format.TXT:
            summary += f"; {PLAIN_AS_WRITTEN}"
        said.append(f"repairs: {summary}")
        if (gone := dropped_summary(self.dropped)) is not None:
            said.append(f"dropped: {gone}")
        if self.unsure:
            said.append(unsure_summary(self.unsure, self.slug))
        said += [f"warning: {warning}" for warning in self.warnings]
        said.append(
            f"next: quote it: posities quote find 'PHRASE' --text {self.slug}, or "
            f"posities add-source ID --source-text {self.slug} --find 'PHRASE'"
        )
        return said


def repair_summary(repairs: Repairs) -> str:
    """The repairs made, counted in words ("3 hyphenations joined, 1 ligature expanded")."""
    parts = [
        f"{count:,} {REPAIR_WORDS[name][count != 1]}"
        for name, count in repairs.counts().items()
        if count
    ]
    return ", ".join(parts) or "none needed"


SHOWN_DROPPED = 5
"""The most distinct running lines `text add` names; more are only counted."""


def dropped_summary(dropped: Sequence[str]) -> str | None:
    """The running lines dropped, each kind once with how often it went ("'Pagina 1 van 4'
    and the like, 4 times"), the first SHOWN_DROPPED kinds named and the rest counted, for the
    user to see what went; None when there were none."""
    from posities.core.repair import running_key

    kinds: dict[str | None, list[str]] = {}
    for line in dropped:
        kinds.setdefault(running_key(line), []).append(line)
    if not kinds:
        return None
    parts = []
    for lines in list(kinds.values())[:SHOWN_DROPPED]:
        like = " and the like" if len(set(lines)) > 1 else ""
        times = "once" if len(lines) == 1 else f"{len(lines)} times"
        parts.append(f"{shown(lines[0])}{like}, {times}")
    if len(kinds) > SHOWN_DROPPED:
        rest = list(kinds.values())[SHOWN_DROPPED:]
        count = sum(len(lines) for lines in rest)
        lines_word = "line" if count == 1 else "lines"
        kinds_word = "kind" if len(rest) == 1 else "kinds"
        parts.append(f"and {count:,} other {lines_word} of {len(rest):,} more {kinds_word}")
    return "; ".join(parts)


def unsure_summary(unsure: Sequence[str], slug: str) -> str:
    """What the command says of the words left broken after a hyphen at a line end: how many,
    the first few, and that quotes match them either way."""
    count = len(unsure)
    first = ", ".join(shown(word) for word in list(dict.fromkeys(unsure))[:SHOWN_DROPPED])
    more = ", …" if len(set(unsure)) > SHOWN_DROPPED else ""
    words = "word" if count == 1 else "words"
    return (
        f"left as printed: {count:,} {words} broken after a hyphen at a line end that the "
        f"document never writes whole or hyphenated elsewhere ({first}{more}); a quote "
        f"matches them either way; see them with posities text show {slug}"
    )


def slugify(title: str) -> str:
    """A slug for a title: lower-case ASCII, accents dropped, words joined by "-", at most
    MAX_SLUG characters, cut between words."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", title.translate(_FOLDED))
    ascii_only = folded.encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_only))
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG]
    return slug


def check_options(kind: str, date: str | None, slug: str | None, title: str | None = None) -> None:
    """Refuse a kind, date, slug or title the register could not use (a title or kind with
    control or bidirectional-text characters, which disguise what is printed)."""
    from posities.errors import unsafe_character
    from posities.model.dates import date_problem

    for option, value in (("--title", title), ("--kind", kind)):
        if value is not None and (bad := unsafe_character(value)) is not None:
            raise UsageError(f"{option} {shown(value)}: holds {bad}; type it as plain text")

    if not _KEBAB.match(kind):
        raise UsageError(
            f"--kind {shown(kind)}: use kebab-case (lowercase letters, digits and hyphens), "
            "like kamerbrief or press-statement"
        )
    if date is not None and (problem := date_problem(date, partial=True)) is not None:
        raise UsageError(f"--date {shown(date)}: {problem}")
    if slug is not None and (not _KEBAB.match(slug) or len(slug) > MAX_SLUG):
        raise UsageError(
            f"--id {shown(slug)}: use kebab-case (lowercase letters, digits and hyphens), at "
            f"most {MAX_SLUG} characters, like bondgenoten-in-onzekere-tijden"
        )


def read_document(root: Path, path: Path) -> bytes:
    """The bytes of the document at `path`; refused before reading when it is missing, not a
    file, empty, larger than MAX_BYTES or inside the register's texts/ folder already."""
    shown_path = display_path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"{shown_path}: no such file") from None
    except OSError as error:
        raise UsageError(f"{shown_path}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown_path}: is a folder; give the document's file")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{shown_path}: is not a regular file (a device, fifo or socket)")
    if _inside(path, root / TEXTS):
        raise UsageError(
            f"{shown_path}: is in the register's {TEXTS}/ folder already; add a document "
            "from outside the register (a .txt there is a source text as it is)"
        )
    if info.st_size > MAX_BYTES:
        raise PositiesError(
            f"{shown_path}: {info.st_size / 1024 / 1024:,.0f} MB, over the "
            f"{MAX_BYTES // 1024 // 1024} MB a document may be; is it a scan? Save the text "
            "pages alone (or an OCR'd, compressed copy) and add that"
        )
    if info.st_size == 0:
        raise PositiesError(f"{shown_path}: is empty (0 bytes); is the download complete?")
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise UsageError(f"{shown_path}: cannot read: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise PositiesError(f"{shown_path}: grew over {MAX_BYTES // 1024 // 1024} MB while read")
    return data


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` is in `folder` or below it, links resolved."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def document_format(data: bytes, path: Path) -> Format:
    """The format of a document, told by its first bytes, else its name; refused when it is
    none the command reads."""
    found = sniff(data[:4096], path.suffix)
    if found is not None:
        return found
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        why = "an old Word .doc (or an encrypted Office file): save it as .docx or PDF"
    else:
        why = f"not a format text add reads: give a {FORMATS} file"
    raise PositiesError(f"{display_path(path)}: {why}")


def add_text(
    root: Path,
    path: Path,
    title: str | None = None,
    kind: str = DEFAULT_KIND,
    date: str | None = None,
    slug: str | None = None,
    keep: bool = True,
    replace: bool = False,
) -> Added:
    """Extract the document at `path` into the register at `root` as `texts/<slug>.txt`, its
    provenance and (with `keep`) a copy of it; an existing slug is refused unless `replace`."""
    from posities.io.atomic import exclusive

    check_options(kind, date, slug, title)
    data = read_document(root, path)
    form = document_format(data, path)
    try:
        extracted = extract(data, form)
    except Unreadable as error:
        raise PositiesError(f"{display_path(path)}: {error}") from None
    repaired = extracted.repaired()
    if not repaired.text.strip():
        why = f" ({extracted.warnings[0]})" if extracted.warnings else ""
        raise PositiesError(f"{display_path(path)}: holds no text to extract{why}")
    title, named = _title(title, extracted.title, path)
    slug = slug or slugify(title) or slugify(named) or "text"
    folder = root / TEXTS
    text_path = folder / f"{slug}.txt"
    sidecar = folder / f"{slug}.source.toml"
    original = folder / ORIGINALS / f"{slug}.{form.value}" if keep else None
    _make_folder(folder if original is None else original.parent)
    _finish_interrupted(folder)
    with exclusive(text_path):
        there = [p for p in (text_path, sidecar) if os.path.lexists(p)]
        if there and not replace:
            raise UsageError(
                f"a source text {shown(slug)} exists already ({display_path(there[0])}); "
                "give another with --id SLUG, or --replace to extract it again"
            )
        provenance = provenance_toml(
            original=_name(path),
            sha256=hashlib.sha256(data).hexdigest(),
            form=form,
            extractor=extracted.extractor,
            version=extracted.extractor_version,
            title=title,
            kind=kind,
            date=date,
            kept=original.relative_to(root).as_posix() if original else None,
            repairs=repaired.repairs,
        )
        files = [(original, data)] if original is not None else []
        files += [(sidecar, provenance.encode()), (text_path, repaired.text.encode())]
        removes = _other_originals(folder / ORIGINALS, slug, original) if there else []
        _write_all(folder, slug, files, removes)
    text = repaired.text
    return Added(
        slug,
        text_path,
        sidecar,
        original,
        path,
        form,
        extracted.extractor,
        text.count("\n"),
        len(text.split()),
        repaired.repairs,
        (*extracted.warnings, *_name_warnings(path)),
        bool(there),
        repaired.dropped,
        repaired.unsure,
    )


def _title(given: str | None, own: str | None, path: Path) -> tuple[str, str]:
    """The text's title: the one given, else the document's own, else its file's name (bytes
    that are not UTF-8 as U+FFFD), on one line, without soft hyphens or characters that
    disguise what is printed; and the file's name without its suffix, as text."""
    from posities.errors import UNSAFE

    named = _name(path.with_suffix("") if path.suffix else path)
    title = given or UNSAFE.sub("", (own or "").replace(SOFT_HYPHEN, "")) or named
    return " ".join(title.split()), named


def _name_warnings(path: Path) -> list[str]:
    """A warning for a file name that is not UTF-8, whose bytes the provenance records as
    U+FFFD."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        return [
            f"the file's name is not UTF-8: recorded as {shown(_name(path))}, with U+FFFD for "
            "the bytes that are not; give --title to name the text"
        ]
    return []


def _name(path: Path) -> str:
    """A file's name as text (bytes that are not UTF-8 as replacement characters)."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _finish_interrupted(folder: Path) -> None:
    """Put in place the files of a text add killed while it put them in place, and remove
    those of one killed before."""
    from posities.io.atomic import finish_interrupted, reason

    try:
        finish_interrupted(folder, [folder / ORIGINALS])
    except OSError as error:
        where = display_path(Path(error.filename)) if error.filename else display_path(folder)
        raise PositiesError(
            f"cannot finish an interrupted text add: {where}: {reason(error)}"
        ) from None


def _make_folder(folder: Path) -> None:
    """Create `folder` and its parents where missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PositiesError(f"cannot create {display_path(folder)}: {error.strerror}") from None


def _write_all(
    folder: Path, slug: str, files: list[tuple[Path, bytes]], removes: list[Path]
) -> None:
    """Write the text's files (the original first, the text last) and remove `removes` (an
    earlier original of another format), all together: a crash leaves the old files, or new
    ones the next text add puts in place (`finish_interrupted`)."""
    from posities.io.atomic import Unfinished, reason, replace_together

    try:
        replace_together(folder, slug, files, removes)
    except Unfinished as error:
        where = display_path(Path(error.filename)) if error.filename else display_path(folder)
        raise PositiesError(
            f"cannot put {where} in place: {reason(error)}; the text is half replaced until "
            "posities text add runs again and finishes it"
        ) from None
    except OSError as error:
        where = display_path(Path(error.filename)) if error.filename else display_path(folder)
        raise PositiesError(f"cannot write {where}: {reason(error)}; nothing was added") from None


def _other_originals(folder: Path, slug: str, kept: Path | None) -> list[Path]:
    """Copies of an earlier original of `slug` (another format, or none kept now)."""
    return [
        other
        for form in Format
        if (other := folder / f"{slug}.{form.value}") != kept and os.path.lexists(other)
    ]


# --- the provenance -----------------------------------------------------------------------------


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def provenance_toml(
    *,
    original: str,
    sha256: str,
    form: Format,
    extractor: str,
    version: str,
    title: str,
    kind: str,
    date: str | None,
    kept: str | None,
    repairs: Repairs,
) -> str:
    """The provenance of a source text as TOML: flat keys, then the repairs' counts."""
    from posities.model.dates import today

    values: list[tuple[str, str | None]] = [
        ("original", original),
        ("sha256", sha256),
        ("format", form.value),
        ("extractor", extractor),
        ("extractor_version", version),
        ("title", title),
        ("kind", kind),
        ("date", date),
        ("added", today()),
        ("kept", kept),
    ]
    lines = [f"{key} = {toml_string(value)}" for key, value in values if value is not None]
    lines += ["", "[repairs]"]
    lines += [f"{name} = {count}" for name, count in repairs.counts().items()]
    return "\n".join(lines) + "\n"
