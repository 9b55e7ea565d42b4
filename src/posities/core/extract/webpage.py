"""A web page's text through the standard library's HTML parser: what a reader reads, without
scripts, styles, navigation, headers, footers, asides and forms; each block element a
paragraph; the page's <main> (else its <article>s) alone when it has one."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser

from posities.core.extract import Extracted, Unreadable
from posities.core.extract.plain import decode

_DROPPED_WORDS = (
    "script style nav header footer aside form noscript template svg math iframe object "
    "button select textarea canvas dialog head"
)
DROPPED = frozenset(_DROPPED_WORDS.split())
"""Elements whose text is not the document's."""
_BLOCKS_WORDS = (
    "address article blockquote body caption dd details div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody td tfoot th thead tr ul"
)
BLOCKS = frozenset(_BLOCKS_WORDS.split())
"""Elements that begin and end a paragraph."""
_VOID_WORDS = "area base br col embed hr img input link meta param source track wbr"
_VOID = frozenset(_VOID_WORDS.split())
_BOILERPLATE_WORDS = (
    "cookie cookies consent banner breadcrumb breadcrumbs skip skiplink skiplinks nav navbar "
    "navigation menu menubar"
)
BOILERPLATE = frozenset(_BOILERPLATE_WORDS.split())
"""Words in an element's id or class that say it is no part of the text (a cookie banner, a
"skip to content" link, breadcrumbs, a menu)."""
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "menu", "menubar", "search"})
WHATWG_LABELS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}
"""Encodings a page may declare that browsers read as another (the WHATWG Encoding
Standard): ISO-8859-1 and ASCII as windows-1252, so 0x80-0x9F are € ‘ ’ “ ” and the like."""
MOSTLY_LINKS = 0.5
"""A page whose kept words are at least this much link text is mostly navigation."""
_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)


@dataclass(slots=True)
class _Block:
    """A paragraph of the page as read: its lines, its element, and where it stands."""

    tag: str
    lines: list[str] = field(default_factory=lambda: [""])
    main: bool = False
    article: bool = False
    link_words: int = 0


class _Reader(HTMLParser):
    """Collects the paragraphs of a page and its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.title = ""
        self._open: list[str] = []
        self._skipped: list[bool] = []
        self._skipping = 0
        self._in_title = False
        self._titled = False
        self._pre = 0
        self._links = 0
        self._block: _Block | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _VOID:
            if tag == "br" and self._block is not None and not self._skipping:
                self._block.lines.append("")
            elif tag == "hr":
                self._flush()
            return
        self._open.append(tag)
        skipped = tag in DROPPED or _boilerplate(attrs)
        self._skipped.append(skipped)
        if skipped:
            self._skipping += 1
        elif tag in BLOCKS:
            self._flush()
        self._pre += tag == "pre"
        self._links += tag == "a"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self._titled = bool(self.title.strip())
        if tag in _VOID or tag not in self._open:
            return
        while self._open:
            closed = self._open.pop()
            self._skipping -= self._skipped.pop()
            self._pre -= closed == "pre"
            self._links -= closed == "a"
            if closed in BLOCKS:
                self._flush()
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            if not self._titled:
                self.title += data
            return
        if self._skipping:
            return
        if self._block is None:
            self._block = _Block(
                self._tag(), main="main" in self._open, article="article" in self._open
            )
        if self._pre:
            first, *rest = data.split("\n")
            self._block.lines[-1] += first
            self._block.lines += rest
        else:
            spaced = _SPACE.sub(" ", data)
            if self._block.lines[-1].endswith(" ") or not self._block.lines[-1]:
                spaced = spaced.lstrip(" ")
            self._block.lines[-1] += spaced
        if self._links:
            self._block.link_words += len(data.split())

    def _tag(self) -> str:
        """The innermost block element open."""
        return next((tag for tag in reversed(self._open) if tag in BLOCKS), "body")

    def _flush(self) -> None:
        if self._block is not None:
            self._block.lines = [line.strip(" ") for line in self._block.lines]
            if any(self._block.lines):
                self.blocks.append(self._block)
        self._block = None

    def close(self) -> None:
        super().close()
        self._flush()


def _boilerplate(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element's id, class or role say it is a banner, menu or link trail."""
    for name, value in attrs:
        if value and name in ("id", "class"):
            words = re.split(r"[\s_-]+", value.casefold())
            if BOILERPLATE.intersection(words):
                return True
        if value and name == "role" and value.casefold() in _BOILERPLATE_ROLES:
            return True
    return False


def extract_html(data: bytes) -> Extracted:
    """A web page's paragraphs, its title (its first <h1>, else its <title>) and a warning
    when it is mostly navigation."""
    text, warning = decode_page(data)
    warnings = [warning] if warning else []
    if "\x00" in text:
        warnings.append(f"{text.count(chr(0)):,} NUL bytes left out: is the page damaged?")
        text = text.replace("\x00", "")
    reader = _Reader()
    reader.feed(text)
    reader.close()
    kept = _kept(reader.blocks)
    words = sum(len(line.split()) for block in kept for line in block.lines)
    if not words:
        raise Unreadable(
            "no text to extract: the page holds only scripts, navigation or forms (a page "
            "that builds its text with JavaScript: save it from the browser as PDF instead)"
        )
    links = sum(block.link_words for block in kept)
    if links >= MOSTLY_LINKS * words:
        warnings.append(f"this page is mostly navigation: {words} words kept; check the text")
    heading = next((" ".join(b.lines).strip() for b in kept if b.tag == "h1"), "")
    title = " ".join((heading or reader.title).split()) or None
    version = ".".join(str(n) for n in sys.version_info[:3])
    pages = [[[block.lines for block in kept]]]
    return Extracted(pages, title, "html.parser", version, tuple(warnings))


def _kept(blocks: list[_Block]) -> list[_Block]:
    """The paragraphs of the page's <main>, else of its <article>s, else all."""
    main = [block for block in blocks if block.main]
    if main:
        return main
    return [block for block in blocks if block.article] or blocks


def decode_page(data: bytes) -> tuple[str, str | None]:
    """A page's text in the encoding its <meta charset> names, else as plain text is read."""
    import codecs

    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = None
        codec = WHATWG_LABELS.get(codec or "", codec)
        if codec is not None and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                pass
    try:
        return decode(data)
    except Unreadable:
        raise Unreadable("its text is neither UTF-8 nor the encoding it declares") from None
