"""Repairs of what extracting a document's text breaks, each a pure function over lines.

A document arrives as pages of blocks (paragraphs) of lines. The repairs mend only what the
layout did to the text and never change a word otherwise, so that the result stays a faithful
copy to verify quotes against:

- spaces: non-breaking spaces (U+00A0, U+202F) become plain spaces, control characters a
  space, whitespace at both ends of a line goes;
- ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) are written as their letters;
- running lines: a line among the first or last few of a page whose text recurs there on
  most pages (two at least) is a header, footer or page number, and is dropped; its digits may
  differ only where they number the page ("Pagina 3 van 12", "- 3 -", "3"), so numbered
  headings ("Artikel 1"), footnotes and table rows are never taken for one (a PDF's
  extractor finds these lines itself, by their place on the page as well);
- paragraphs: a paragraph that ends a column or page without a sentence end, and the one that
  starts the next column or page in lower case or with a digit, are one paragraph; a page's
  footnotes (which a PDF's extractor sets apart) follow the paragraph the page ends in, each a
  paragraph of its own;
- ordinals (only when asked: plain text, HTML and Word files have no layout to tell a
  superscript by, and a PDF's extractor puts its superscripts back itself): a line that holds
  only an ordinal suffix is put back after the one small number of the next line;
- hyphenation (not for plain text, which is taken as written): a word broken by a hyphen at a
  line end is joined only on the document's evidence: a soft hyphen, or the joined word
  written whole elsewhere in it ("samen-" + "werking" is "samenwerking"); it keeps its hyphen
  when the document writes it so elsewhere ("minister-president", also inside a longer
  compound) or the part after the break starts with a capital or a digit
  ("Trans-Atlantische", "2019-2020"). A hyphen before "en", "of", "tot" ("land- en
  tuinbouw"), after capitals ("EU-") or a single letter ("e-") is never joined; without clear
  evidence the line break and hyphen stay as extracted (quote verification reads a
  line-break hyphen either way). Soft hyphens elsewhere are removed.

Lines within a paragraph keep their breaks (a quote is compared with whitespace runs made one
space, so breaks cost nothing, and a passage found is cited by the line it starts on).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from itertools import pairwise

Block = list[str]
"""A paragraph: its lines."""
Column = list[Block]
"""A run of paragraphs read top to bottom: a column, or a page without columns."""
Page = list[Column]
"""A page: its columns in reading order."""

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE = re.compile(f"[{''.join(LIGATURES)}]")
_NBSP = re.compile("[\u00a0\u202f]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SOFT_HYPHEN = "\u00ad"
_HYPHENS = "-\u2010\u2011"
_BROKEN_END = re.compile(rf"(?<=\w)([{_HYPHENS}]|{SOFT_HYPHEN})\Z")
"""A line that ends in a word and a hyphen (or a soft hyphen)."""
_HYPHENATED_WORD = re.compile(rf"\w+(?:[{_HYPHENS}]\w+)+")
_WORD = re.compile(r"\w+")
_SUFFIXES = "e ste de ee er re ère ème eme nd st rd th"
ORDINAL_SUFFIXES = frozenset(_SUFFIXES.split())
"""What a superscript after a number may say: Dutch, English, French, Spanish ordinals."""
_SMALL_NUMBER = re.compile(r"(?<![\w.,])[0-9]{1,3}(?=\s)")
"""A number of one to three digits standing alone, followed by a space (not 825.000)."""
EDGE_LINES = 3
"""How many lines at the top and at the bottom of a page may be running lines."""
_NUMBERED_HEADING = re.compile(r"[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s+[^\W\d_]")
"""A line that starts as a numbered heading does: 1. Introduction, 2.1 Directory (not 825.000
banen, whose groups have three digits, nor 12 juli: its word is lower case)."""
FULL_LINE = 0.75
"""A paragraph's last line at least this share of its longest runs on to the next column."""
_SENTENCE_END = re.compile(r"[.!?:;…][\"'’”»)\]]*\Z")


@dataclass(slots=True)
class Repairs:
    """How many of each repair a text needed, for its provenance and for the user to check."""

    hyphenations: int = 0
    """Words broken at a line end joined without their hyphen."""
    hyphens_kept: int = 0
    """Words broken at a line end after a real hyphen, put on one line with it."""
    ligatures: int = 0
    ordinals: int = 0
    headers_footers: int = 0
    """Running lines dropped: headers, footers, page numbers."""
    soft_hyphens: int = 0
    spaces: int = 0
    """Non-breaking spaces made plain and control characters made spaces."""

    def counts(self) -> dict[str, int]:
        """Every count by name, in a fixed order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def add(self, other: Repairs) -> None:
        """Add the counts of `other` to these."""
        for name, count in other.counts().items():
            setattr(self, name, getattr(self, name) + count)


# --- characters --------------------------------------------------------------------------------


def expand_ligatures(line: str) -> tuple[str, int]:
    """`line` with each ligature character written as its letters, and how many there were."""
    return _LIGATURE.subn(lambda m: LIGATURES[m.group()], line)


def plain_spaces(line: str) -> tuple[str, int]:
    """`line` with non-breaking spaces and control characters made spaces, stripped at both
    ends; and how many characters became spaces."""
    line, spaces = _NBSP.subn(" ", line)
    line, controls = _CONTROL.subn(" ", line)
    return line.strip(), spaces + controls


def drop_soft_hyphens(line: str) -> tuple[str, int]:
    """`line` without its soft hyphens (which only say where a word may break)."""
    return line.replace(SOFT_HYPHEN, ""), line.count(SOFT_HYPHEN)


# --- running lines -----------------------------------------------------------------------------


_PAGE_WORD = r"(?:pagina|page|pag\.?|blz\.?|p\.|seite|página)"
_ROMAN = r"(?<![a-z])(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})(?![a-z])"
"""A page number in lower-case roman numerals, i to lxxxix (a front matter's pages)."""
_SEPARATOR = "|•·–—"
"""What sets a page number apart from the text of its running line: "3 | Kamerbrief"."""
_PAGE_NUMBER = re.compile(
    rf"[-–—(\[]?\s*(?:{_PAGE_WORD}\s*)?(?:[0-9]{{1,4}}|{_ROMAN})"
    r"(?:\s*(?:/|van|of|von|de|sur|\|)\s*[0-9]{1,4})?\s*[-–—)\]]?"
)
"""A page number alone: 3, - 3 -, (3), iv, Pagina 3 van 12, page 3 of 12, 3/12."""
_PAGE_NUMBER_END = re.compile(
    rf"(?<=[\s|•·–—-])(?:{_PAGE_WORD}\s*[0-9]{{1,4}}(?:\s*(?:/|van|of|von|de|sur)\s*[0-9]{{1,4}})?"
    rf"|[0-9]{{1,4}}\s*(?:/|van|of|von|sur)\s*[0-9]{{1,4}}|(?<=[{_SEPARATOR}]\s)[0-9]{{1,4}})\Z"
)
"""A page number after the text of a running line: "Kamerbrief | Pagina 3 van 12",
"Kamerbrief | 3"."""
_PAGE_NUMBER_START = re.compile(
    rf"\A(?:(?:{_PAGE_WORD}\s*[0-9]{{1,4}}(?:\s*(?:/|van|of|von|de|sur)\s*[0-9]{{1,4}})?"
    r"|[0-9]{1,4}\s*(?:/|van|of|von|sur)\s*[0-9]{1,4})(?=[\s|•·–—-])"
    rf"|[0-9]{{1,4}}(?=\s?[{_SEPARATOR}]))"
)
"""A page number before the text of a running line: "3 | Kamerbrief", "Pagina 3 - Nota"."""
_NUMBER = re.compile(rf"[0-9]+|{_ROMAN}")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}


def _page_number(text: str) -> re.Match[str] | None:
    """Where a line (case and spacing made plain) says its page number, if it does."""
    return (
        _PAGE_NUMBER.fullmatch(text)
        or _PAGE_NUMBER_END.search(text)
        or _PAGE_NUMBER_START.search(text)
    )


def _value(number: str) -> int:
    """A page number's value: 12, or xii in roman numerals."""
    if number.isdigit():
        return int(number)
    values = [_ROMAN_VALUES[c] for c in number]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def running_key(line: str) -> str | None:
    """What a line is compared by to find it on other pages: case and spacing ignored, the
    digits (or roman numerals) of a page number as # (no other digits: "Artikel 1" is not
    "Artikel 2"); None for a line with no letter or digit (a rule, a bullet)."""
    if not any(c.isalnum() for c in line):
        return None
    text = " ".join(line.casefold().split())
    found = _page_number(text)
    if found is None:
        return text
    numbered = _NUMBER.sub("#", found.group())
    return text[: found.start()] + numbered + text[found.end() :]


def running_ids(line: str, page: int) -> set[str]:
    """What a line on page `page` (from 0) is found by on other pages: its text, case and
    spacing ignored; and for a line with a page number, its `running_key` with how far the
    number is from the page's (so that page numbers count up with the pages, where table
    cells or article numbers do not). Nothing for a line with no letter or digit."""
    key = running_key(line)
    if key is None:
        return set()
    text = " ".join(line.casefold().split())
    found = _page_number(text)
    number = _NUMBER.search(found.group()) if found else None
    return {text, f"{key} @{_value(number.group()) - page}"} if number else {text}


def most_pages(count: int, pages: int) -> bool:
    """Whether a line found on `count` of `pages` pages recurs on most of them (two at least)."""
    return count >= 2 and 2 * count > pages


_PAGE_OF = re.compile(
    rf"[-–—(\[]?\s*(?:{_PAGE_WORD}\s*([0-9]{{1,4}})\s*(?:/|van|of|von|de|sur)|([0-9]{{1,4}})\s*/)"
    r"\s*([0-9]{1,4})\s*[-–—)\]]?"
)
"""A page number with the page count: Pagina 3 van 12, page 3 of 12, 3/12."""


def numbers_the_page(line: str, page: int, pages: int) -> bool:
    """Whether `line` says it is page `page` (from 0) of `pages` ("Pagina 1 van 1", "page 2 of
    5"): a page number even where no other page shows it to recur (a document of one page, a
    page number on only some of the pages). A bare "2/5" counts only in a document of one
    page: elsewhere it may be a table's cell (a two-thirds majority, 2/3)."""
    found = _PAGE_OF.fullmatch(" ".join(line.casefold().split()))
    if found is None or (found.group(1) is None and pages > 1):
        return False
    number = int(found.group(1) or found.group(2))
    return number == page + 1 and int(found.group(3)) == pages


def drop_running_lines(pages: Sequence[Page]) -> tuple[list[Page], list[str]]:
    """The pages without the lines at their top or bottom that recur there on most pages:
    headers, footers and page numbers; nor the page's number with the page count there, on
    any page (`numbers_the_page`). And the lines that went."""
    edges = [_edge_keys(page, number) for number, page in enumerate(pages)]
    seen: dict[tuple[str, str], int] = {}
    for keys in edges:
        for key in set().union(*keys.values()):
            seen[key] = seen.get(key, 0) + 1
    running = {key for key, count in seen.items() if most_pages(count, len(pages))}
    kept: list[Page] = []
    dropped: list[str] = []
    for number, (page, keys) in enumerate(zip(pages, edges, strict=True)):
        lines = [line for column in page for block in column for line in block]
        drop = {
            at
            for at, line_keys in keys.items()
            if line_keys & running or numbers_the_page(lines[at], number, len(pages))
        }
        dropped += [lines[at] for at in sorted(drop)]
        kept.append(_without_lines(page, drop))
    return kept, dropped


def _edge_keys(page: Page, number: int) -> dict[int, set[tuple[str, str]]]:
    """The keys of a page's first and last lines, by the line's index on the page, with the
    edge they are at (on a short page, a line may be at both)."""
    lines = [line for column in page for block in column for line in block]
    keys: dict[int, set[tuple[str, str]]] = {}
    for at, line in enumerate(lines):
        sides = {"top"} if at < EDGE_LINES else set()
        sides |= {"bottom"} if at >= len(lines) - EDGE_LINES else set()
        ids = running_ids(line, number) if sides else set()
        if ids:
            keys[at] = {(side, key) for side in sides for key in ids}
    return keys


def _without_lines(page: Page, drop: set[int]) -> Page:
    """`page` without the lines at the indexes in `drop`, nor blocks and columns left empty."""
    kept: Page = []
    at = 0
    for column in page:
        blocks: Column = []
        for block in column:
            lines = [line for offset, line in enumerate(block, at) if offset not in drop]
            at += len(block)
            if lines:
                blocks.append(lines)
        if blocks:
            kept.append(blocks)
    return kept


# --- paragraphs --------------------------------------------------------------------------------


def continues(before: Block, after: Block) -> bool:
    """Whether block `after`, at the top of a column or page, carries on the paragraph of
    `before` at the end of the one before: that one ends in a word broken by a hyphen, or
    without a sentence end where this one starts in lower case or with a digit, or its last
    line is about as long as its longest (a full line, where a heading is short); but never
    into a numbered heading ("2.1 Directory layout")."""
    last, first = before[-1], after[0]
    if not last or not first:
        return False
    if _BROKEN_END.search(last) is not None:
        return True
    if _SENTENCE_END.search(last) is not None:
        return False
    heading = _NUMBERED_HEADING.match(first)
    if heading is not None and heading.group()[-1].isupper():
        return False
    full = len(before) > 1 and len(last) >= FULL_LINE * max(len(line) for line in before)
    return first[0].islower() or first[0].isdigit() or full


def join_pages(
    pages: Sequence[Page],
    notes: Sequence[Column] = (),
    cells: Sequence[Sequence[bool]] = (),
) -> list[Block]:
    """The paragraphs of the pages in one list, a paragraph broken by the end of a column or
    page made one again; each page's `notes` (footnotes) after the paragraph the page ends
    in, never inside it. The columns `cells` marks (by page, then column) are a table's
    cells, each a paragraph of its own: none is joined to what comes before or after it."""
    blocks: list[Block] = []
    waiting: list[Block] = []
    after_cells = False
    for number, page in enumerate(pages):
        marks = cells[number] if number < len(cells) else ()
        for at, column in enumerate(page):
            table = at < len(marks) and marks[at]
            for index, block in enumerate(column):
                joins = index == 0 and not table and not after_cells
                if blocks and joins and continues(blocks[-1], block):
                    blocks[-1] = [*blocks[-1], *block]
                    continue
                blocks += waiting
                waiting = []
                blocks.append(list(block))
            after_cells = table
        waiting += [list(note) for note in (notes[number] if number < len(notes) else [])]
    return blocks + waiting


# --- ordinals ----------------------------------------------------------------------------------


def rejoin_ordinals(blocks: Sequence[Block]) -> tuple[list[Block], int]:
    """The blocks with each line that holds only an ordinal suffix put back after the one
    small number of the next line ("e" + "als 45 president" is "als 45e president"); a suffix
    whose next line has no such number, or more than one, is left where it is."""
    lines = [(index, line) for index, block in enumerate(blocks) for line in block]
    out: list[tuple[int, str]] = []
    count = 0
    skip = False
    for at, (index, line) in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[at + 1] if at + 1 < len(lines) else None
        joined = _ordinal(line, following[1]) if following else None
        if following is not None and joined is not None:
            out.append((index if index == following[0] else following[0], joined))
            count += 1
            skip = True
        else:
            out.append((index, line))
    return _regroup(out), count


def _ordinal(suffix: str, line: str) -> str | None:
    """`line` with `suffix` after its one small number, if `suffix` is an ordinal suffix alone
    and `line` has exactly one such number."""
    if suffix.strip() not in ORDINAL_SUFFIXES:
        return None
    numbers = list(_SMALL_NUMBER.finditer(line))
    if len(numbers) != 1:
        return None
    end = numbers[0].end()
    return line[:end] + suffix.strip() + line[end:]


def _regroup(lines: Sequence[tuple[int, str]]) -> list[Block]:
    """Lines tagged with their block's index, grouped into blocks again."""
    blocks: list[Block] = []
    last = None
    for index, line in lines:
        if blocks and index == last:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        last = index
    return blocks


# --- hyphenation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words a document writes within a line, with and without hyphens (case ignored): the
    document's own say in whether a hyphen at a line end is part of the word. `hyphenated`
    holds every two neighbouring parts of a compound too ("secretaris-generaal" of
    "NAVO-secretaris-generaal")."""

    hyphenated: frozenset[str]
    plain: frozenset[str]


ELLIPSIS_WORDS = frozenset({"en", "of", "tot", "and", "or", "und", "oder", "et", "ou"})
"""Words after which a line-end hyphen stands for a word left out ("land- en tuinbouw",
"twee- of driejarig"): that hyphen is never joined."""


def vocabulary(blocks: Sequence[Block]) -> Vocabulary:
    """The words of the blocks' lines, hyphenated ones (and their neighbouring parts) and
    plain ones."""
    hyphenated: set[str] = set()
    plain: set[str] = set()
    for block in blocks:
        for line in block:
            for compound in _HYPHENATED_WORD.findall(line):
                parts = re.split(f"[{_HYPHENS}]", compound.casefold())
                hyphenated.add("-".join(parts))
                hyphenated.update(f"{a}-{b}" for a, b in pairwise(parts))
            plain.update(w.casefold() for w in _WORD.findall(line))
    return Vocabulary(frozenset(hyphenated), frozenset(plain))


class Break(enum.Enum):
    """What a hyphen at a line end turns out to be, on the document's evidence."""

    JOIN = "join"
    """A hyphen that only breaks the word: the word is joined without it."""
    KEEP = "keep"
    """A hyphen of the word's own: the word is put on one line with it."""
    LEAVE = "leave"
    """No clear evidence either way: the line break and hyphen stay as extracted."""


def judge_break(head: str, tail: str, words: Vocabulary) -> Break:
    """What the hyphen of a line ending in `head` + hyphen is, when the next line starts with
    `tail`: joined when the document writes the joined word whole elsewhere and never with the
    hyphen (an acronym too: JC- POA when it writes JCPOA), kept when it writes it with the
    hyphen (or the next part starts with a capital or a digit: Trans-Atlantische, 2019-2020)
    and never whole; left before "en", "of", "tot" (land- en tuinbouw), and never joined
    after capitals before lower case (EU- landen) or after a single letter (e-mail)."""
    last = re.search(r"\w+\Z", head)
    first = _WORD.match(tail)
    if last is None or first is None or first.group().casefold() in ELLIPSIS_WORDS:
        return Break.LEAVE
    if tail.casefold().startswith("en/of"):
        return Break.LEAVE
    start, end = last.group(), first.group()
    with_hyphen = f"{start}-{end}".casefold() in words.hyphenated
    whole = (start + end).casefold() in words.plain
    if with_hyphen and not whole:
        return Break.KEEP
    if with_hyphen:
        return Break.LEAVE
    if whole and len(start) > 1 and (not start.isupper() or end.isupper()):
        return Break.JOIN  # an acronym broken by the layout too (JC- POA: JCPOA elsewhere)
    if end[:1].isupper() or end[:1].isdigit():
        return Break.KEEP
    return Break.LEAVE


def keeps_hyphen(head: str, tail: str, words: Vocabulary) -> bool:
    """Whether a word broken as `head` + hyphen + `tail` is put on one line with its hyphen."""
    return judge_break(head, tail, words) is Break.KEEP


def join_hyphenated(
    block: Sequence[str], words: Vocabulary | None = None
) -> tuple[list[str], int, int]:
    """`block` with each word broken at a line end put whole on the first line where the
    evidence is clear: after a soft hyphen joined, after a hyphen as `judge_break` says;
    and how many were joined and how many kept their hyphen. Any other break stays."""
    words = words or Vocabulary(frozenset(), frozenset())
    lines = list(block)
    joined = kept = 0
    at = 0
    while at + 1 < len(lines):
        line, following = lines[at], lines[at + 1]
        broken = _BROKEN_END.search(line)
        if broken is None or not following[:1].isalnum():
            at += 1
            continue
        tail, _, rest = following.partition(" ")
        soft = broken.group() == SOFT_HYPHEN
        judged = Break.JOIN if soft else judge_break(line[:-1], tail, words)
        if judged is Break.LEAVE:
            at += 1
            continue
        if judged is Break.KEEP:
            lines[at] = line + tail
            kept += 1
        else:
            lines[at] = line[:-1] + tail
            joined += 1
        if rest.strip():
            lines[at + 1] = rest.strip()
        else:
            del lines[at + 1]
    return lines, joined, kept


# --- all of them -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repaired:
    """A document's text after its repairs, how many of each there were, and the running
    lines dropped (for the user to see what went)."""

    text: str
    repairs: Repairs
    dropped: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    """The words left broken at a line end after a hyphen, on no evidence either way
    ("maat- regelen"), for the user to see."""


def repair(
    pages: Sequence[Page],
    ordinals: int = 0,
    *,
    hyphens: bool = True,
    ordinal_lines: bool = False,
    dropped: Sequence[str] | None = None,
    notes: Sequence[Column] = (),
    cells: Sequence[Collection[int]] = (),
) -> Repaired:
    """The text of `pages` with every repair made: paragraphs as blank-line separated blocks,
    ending in a newline (empty when nothing is left). `ordinals` counts the superscripts an
    extractor already put back and `dropped` the running lines it dropped (None: it left them
    to be found here); `notes` are each page's footnotes and `cells` the columns (by their
    index on each page) that are a table's cells, never joined across a column or page break.
    `hyphens` mends line-end hyphens, `ordinal_lines` puts lines holding only an ordinal
    suffix back after their number."""
    counts = Repairs(ordinals=ordinals)
    clean, marks = [], []
    for number, page in enumerate(pages):
        tables = cells[number] if number < len(cells) else ()
        columns = [(_clean_column(column, counts), at in tables) for at, column in enumerate(page)]
        clean.append([column for column, _ in columns if column])
        marks.append([table for column, table in columns if column])
    if dropped is None:
        kept, gone = drop_running_lines(clean)
        marks = []  # its pages may have lost columns; only an extractor that drops them marks
    else:
        kept, gone = clean, list(dropped)
    counts.headers_footers = len(gone)
    blocks = join_pages(kept, [_clean_column(column, counts) for column in notes], marks)
    if ordinal_lines:
        blocks, rejoined = rejoin_ordinals(blocks)
        counts.ordinals += rejoined
    words = vocabulary(blocks)
    out = []
    unsure: list[str] = []
    for block in blocks:
        lines = list(block)
        if hyphens:
            lines, joined, kept_hyphens = join_hyphenated(block, words)
            counts.hyphenations += joined
            counts.hyphens_kept += kept_hyphens
            unsure += unsure_breaks(lines)
        lines = [_count_soft(line, counts) for line in lines]
        if any(lines):
            out.append("\n".join(line for line in lines if line))
    text = "\n\n".join(out) + "\n" if out else ""
    return Repaired(text, counts, tuple(gone), tuple(unsure))


def unsure_breaks(lines: Sequence[str]) -> list[str]:
    """The words still broken after a hyphen at a line end and going on in lower case, each
    as "head- tail": on the document's evidence neither joined nor kept ("land- en" aside,
    whose hyphen stands for a word left out)."""
    found = []
    for line, following in pairwise(lines):
        head = re.search(rf"(\w+)[{_HYPHENS}]\Z", line)
        tail = _WORD.match(following)
        if head is None or tail is None or not following[:1].islower():
            continue
        if tail.group().casefold() in ELLIPSIS_WORDS or following.casefold().startswith("en/of"):
            continue
        found.append(f"{head.group(1)}- {tail.group()}")
    return found


def _clean_column(column: Column, counts: Repairs) -> Column:
    """A column's blocks cleaned, blocks left empty left out."""
    return [b for b in (_clean_block(block, counts) for block in column) if b]


def _clean_block(block: Sequence[str], counts: Repairs) -> Block:
    """A block's lines with plain spaces, no ligatures and no soft hyphens but one at a line
    end (which joins a broken word), empty lines left out."""
    lines = []
    for line in block:
        spaced, spaces = plain_spaces(line)
        expanded, ligatures = expand_ligatures(spaced)
        counts.spaces += spaces
        counts.ligatures += ligatures
        broken = _BROKEN_END.search(expanded)
        end = SOFT_HYPHEN if broken and broken.group() == SOFT_HYPHEN else ""
        expanded, soft = drop_soft_hyphens(expanded[: len(expanded) - len(end)])
        expanded = expanded.strip() + end if expanded.strip() else ""
        counts.soft_hyphens += soft
        if expanded:
            lines.append(expanded)
    return lines


def _count_soft(line: str, counts: Repairs) -> str:
    """`line` without soft hyphens, counted."""
    text, soft = drop_soft_hyphens(line)
    counts.soft_hyphens += soft
    return text.strip()


def paragraphs(text: str) -> list[Page]:
    """Plain text as pages (split at form feeds, as pdftotext writes them) of paragraphs
    (split at blank lines) of lines."""
    pages = []
    for page in text.replace("\r\n", "\n").replace("\r", "\n").split("\f"):
        blocks = re.split(r"\n[ \t\u00a0]*\n", page)
        pages.append([[block.split("\n") for block in blocks if block.strip()]])
    return pages
