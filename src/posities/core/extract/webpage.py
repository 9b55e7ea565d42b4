"""A web page's text through the standard library's HTML parser: what a reader reads, without
scripts, styles, navigation, headers, footers, asides and forms; each block element a
paragraph, a list item after the number or bullet a browser shows and a <q> between the
quote marks it draws; the page's <main> (else its <article>s) alone when it has one."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser

from posities.core.extract import Extracted, Unreadable, roman
from posities.core.extract.plain import decode

_DROPPED_WORDS = (
    "script style nav header footer aside form noscript template svg math iframe object "
    "button select textarea canvas dialog head"
)
DROPPED = frozenset(_DROPPED_WORDS.split())
"""Elements whose text is not the document's."""
_BLOCKS_WORDS = (
    "address article blockquote body caption dd details div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody td tfoot th thead tr ul "
    "center dir hgroup legend menu search"
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
_LISTS = frozenset({"ol", "ul", "menu", "dir"})
_TYPES = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
    "disc": "disc",
    "circle": "circle",
    "square": "square",
    "none": "none",
}
"""The marker style a list's or item's type attribute gives (disc, circle, square and none in
any case), as the HTML standard's rendering section says."""
_BULLETS = frozenset({"disc", "circle", "square"})
BULLET = "•"
"""The one marker an unordered list's items get, nested or not, whatever the bullet's shape."""
_ALPHABETS = {
    "lower-alpha": "abcdefghijklmnopqrstuvwxyz",
    "lower-latin": "abcdefghijklmnopqrstuvwxyz",
    "upper-alpha": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "upper-latin": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "lower-greek": "αβγδεζηθικλμνξοπρστυφχψω",
}
QUOTES = ("“", "”", "‘", "’")
"""The marks a browser puts around a <q> and a <q> within one, where the page's language has
none of its own below."""
_QUOTES_WORDS = """
    nl ‘’‘’  de „“‚‘  fr «»«»  fr-ch «»‹›  it «»“”  pl „”«»  sv ””’’  fi ””’’  cs „“‚‘  hu „”»«
    el «»“”  ro „”«»  bg „“„“  et „“‚‘  lt „“„“  sk „“‚‘  sl „“‚‘  hr „“‚‘
"""
LANGUAGE_QUOTES = {
    language: tuple(marks) for language, marks in re.findall(r"(\S+) (\S{4})", _QUOTES_WORDS)
}
"""Quote marks by language (lang attribute), as Chromium draws them: a Dutch page's <q> gets
‘ ’ at every depth."""
_LABEL = re.compile("\x00([0-9]+)\x00 ")
"""Where an item's marker goes, until its list ends and the number is known (a page's NUL
bytes are taken out before it is read, so none is the page's own)."""
_INTEGER = re.compile(r"[ \t\n\f\r]*([-+]?[0-9]+)")
_CSS_TOKEN = re.compile(r""""[^"]*"|'[^']*'|[^\s]+""")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)


@dataclass(slots=True)
class _Block:
    """A paragraph of the page as read: its lines, its element, and where it stands."""

    tag: str
    lines: list[str] = field(default_factory=lambda: [""])
    main: bool = False
    article: bool = False
    link_words: int = 0
    label_words: int = 0


@dataclass(slots=True)
class _List:
    """An open list: its items' marker style, its first number and which way it counts; its
    items (their label's key, value attribute and own style) are numbered when it ends."""

    style: str
    start: int | None = None
    reverse: bool = False
    items: list[tuple[int, int | None, str]] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collects the paragraphs of a page and its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.title = ""
        self._open: list[str] = []
        self._langs: list[str] = []
        self._quotes: list[str] = []
        self._skipped: list[bool] = []
        self._skipping = 0
        self._in_title = False
        self._titled = False
        self._pre = 0
        self._links = 0
        self._block: _Block | None = None
        self._lists: list[_List] = []
        self._labels: dict[int, str] = {}
        self._pending = ""
        self._items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "li":
            self._end_open_item()
        if tag in _VOID:
            if tag == "br" and self._block is not None and not self._skipping:
                self._block.lines.append("")
            elif tag == "hr":
                self._flush()
            return
        self._open.append(tag)
        language = dict(attrs).get("lang")
        self._langs.append(self._langs[-1] if language is None and self._langs else language or "")
        skipped = tag in DROPPED or _boilerplate(attrs)
        self._skipped.append(skipped)
        if skipped:
            self._skipping += 1
        elif tag in BLOCKS:
            self._flush()
        self._pre += tag == "pre"
        self._links += tag == "a"
        if tag in _LISTS:
            self._lists.append(_list(tag, dict(attrs)))
        elif tag == "li":
            self._item(dict(attrs))
        elif tag == "q":
            self._quote()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self._titled = bool(self.title.strip())
        if tag in _VOID or tag not in self._open:
            return
        while self._open:
            closed = self._open.pop()
            self._langs.pop()
            self._skipping -= self._skipped.pop()
            self._pre -= closed == "pre"
            self._links -= closed == "a"
            if closed in BLOCKS:
                self._flush()
            if closed in _LISTS:
                self._number(self._lists.pop())
            if closed == "li" or closed in _LISTS:
                self._pending = ""
            if closed == "q" and (close := self._quotes.pop()):
                self._text(close)
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            if not self._titled:
                self.title += data
            return
        if self._skipping:
            return
        block = self._text(data)
        if self._links:
            block.link_words += len(data.split())

    def _text(self, data: str) -> _Block:
        """Adds text to the paragraph being read, after the marker of the item it begins."""
        if self._block is None:
            self._block = _Block(
                self._tag(), main="main" in self._open, article="article" in self._open
            )
        if self._pending and data.strip(" \t\n\r\f"):
            self._block.lines[-1] += self._pending
            self._pending = ""
            data = data if self._pre else data.lstrip(" \t\n\r\f")
        if self._pre:
            first, *rest = data.split("\n")
            self._block.lines[-1] += first
            self._block.lines += rest
        else:
            spaced = _SPACE.sub(" ", data)
            if self._block.lines[-1].endswith(" ") or not self._block.lines[-1]:
                spaced = spaced.lstrip(" ")
            self._block.lines[-1] += spaced
        return self._block

    def _item(self, attrs: dict[str, str | None]) -> None:
        """Counts a list item in its list and has its marker put before its first text."""
        listed = self._lists[-1] if self._lists else _List("disc")
        key = self._items
        self._items += 1
        value = _integer(attrs.get("value"))
        listed.items.append((key, value, _marker_style(attrs, listed.style)))
        if not self._lists:
            self._number(listed)
        if not self._skipping:
            self._pending += f"\x00{key}\x00 "

    def _number(self, listed: _List) -> None:
        """Labels a list's items, now that it has ended and how many there are is known."""
        step = -1 if listed.reverse else 1
        number = listed.start
        if number is None:
            number = len(listed.items) if listed.reverse else 1
        for key, value, style in listed.items:
            number = number if value is None else value
            self._labels[key] = _label(style, number)
            number = max(-_LARGEST - 1, min(_LARGEST, number + step))  # as a browser saturates

    def _quote(self) -> None:
        """Opens a quotation with the mark of its language and depth, and keeps its closing mark."""
        if self._skipping or self._in_title:
            self._quotes.append("")
            return
        marks = _quote_marks(self._langs[-1])
        inner = 2 if self._quotes else 0
        self._text(marks[inner])
        self._quotes.append(marks[inner + 1])

    def _end_open_item(self) -> None:
        """Ends the item a new one follows without an end tag, as a browser does."""
        for tag in reversed(self._open):
            if tag == "li":
                self.handle_endtag("li")
                return
            if tag in BLOCKS and tag not in ("address", "div", "p"):
                return

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
        while self._lists:
            self._number(self._lists.pop())
        for block in self.blocks:
            self._put_labels(block)

    def _put_labels(self, block: _Block) -> None:
        """Puts the items' markers where their keys were held, counted apart from the words."""

        def put(found: re.Match[str]) -> str:
            label = self._labels[int(found.group(1))]
            block.label_words += len(label.split())
            return f"{label} " if label else ""

        block.lines = [_LABEL.sub(put, line) for line in block.lines]


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
    words -= sum(block.label_words for block in kept)
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


def _list(tag: str, attrs: dict[str, str | None]) -> _List:
    """A list as its element and attributes describe it: <ol start reversed type>, or <ul>
    (<menu> and <dir> are shown as one)."""
    if tag != "ol":
        return _List(_marker_style(attrs, "disc"))
    return _List(_marker_style(attrs, "decimal"), _integer(attrs.get("start")), "reversed" in attrs)


def _marker_style(attrs: dict[str, str | None], inherited: str) -> str:
    """The list-style-type of an element: its inline style's, else its type attribute's, else
    its list's (no style sheet is read)."""
    styled = _styled(attrs.get("style") or "")
    if styled is not None:
        return styled
    kind = (attrs.get("type") or "").strip()
    return _TYPES.get(kind) or _TYPES.get(kind.casefold(), inherited)


def _styled(style: str) -> str | None:
    """The list-style-type an inline style sets, by `list-style-type` or `list-style`; a
    string is kept with a leading quote mark."""
    found = None
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name = name.strip().casefold()
        value = re.sub(r"!\s*important\s*$", "", value.strip(), flags=re.IGNORECASE)
        if name == "list-style-type" and value:
            found = _list_style_type(value)
        elif name == "list-style" and value:
            found = _list_style(value)
    return found


def _list_style(value: str) -> str:
    """The type a `list-style` shorthand sets: its named or quoted marker, else none if it says
    none, else the initial disc."""
    tokens = _CSS_TOKEN.findall(value)
    for token in tokens:
        if token[0] in "\"'" or re.fullmatch(r"[a-z][-a-z]*", token.casefold()):
            marker = _list_style_type(token)
            if marker not in ("none", "inside", "outside"):
                return marker
    return "none" if any(token.casefold() == "none" for token in tokens) else "disc"


def _list_style_type(value: str) -> str:
    """A list-style-type value as this module names it: a keyword, or a string after `"`."""
    value = value.strip()
    if value[:1] in ("'", '"'):
        return '"' + value[1:-1]
    return value.casefold()


def _label(style: str, number: int) -> str:
    """An item's marker as a browser draws it: `3.`, `c.`, `iii.`, a bullet, a string or none
    (an unknown counter style counts in decimal, as CSS says)."""
    if style == "none":
        return ""
    if style.startswith('"'):
        return style[1:].strip()
    if style in _BULLETS:
        return BULLET
    if style in _ALPHABETS and number >= 1:
        return _alphabetic(_ALPHABETS[style], number) + "."
    if style in ("lower-roman", "upper-roman") and 1 <= number <= 3999:
        numeral = roman(number)
        return (numeral.lower() if style == "lower-roman" else numeral) + "."
    if style == "decimal-leading-zero":
        return f"{'-' if number < 0 else ''}{abs(number):02d}."
    return f"{number}."


def _alphabetic(letters: str, number: int) -> str:
    """A number in CSS's alphabetic system: a, b, ... z, aa, ab."""
    out = ""
    while number > 0:
        number, digit = divmod(number - 1, len(letters))
        out = letters[digit] + out
    return out


_LARGEST = 2**31 - 1
"""The largest list number a browser counts to (a 32-bit integer); a larger one given is
no number to it."""


def _integer(value: str | None) -> int | None:
    """An attribute's integer by the HTML standard's rules (`start`, `value`), else None (as
    for one outside what a browser counts, a 32-bit integer)."""
    found = _INTEGER.match(value or "")
    if found is None or len(found.group(1).lstrip("+-").lstrip("0")) > 10:
        return None
    number = int(found.group(1))
    return number if -_LARGEST - 1 <= number <= _LARGEST else None


def _quote_marks(language: str) -> tuple[str, ...]:
    """The quote marks for a language tag (`nl`, `nl-BE`, `fr-CH`), else the default ones."""
    tag = language.strip().casefold().replace("_", "-")
    return LANGUAGE_QUOTES.get(tag) or LANGUAGE_QUOTES.get(tag.split("-")[0], QUOTES)
