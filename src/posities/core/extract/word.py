"""A Word document's text through python-docx: the body's paragraphs and tables in document
order (each table cell's paragraphs as paragraphs, a paragraph's text boxes after it), then the
footnotes and the endnotes, each after its number. Text is read from the XML itself, so that
content controls, tracked insertions and moves, hyperlinks and soft hyphens are kept (a
non-breaking hyphen as a plain one) and deleted or moved-away text and field codes are not."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from posities.core.extract import Extracted, Unreadable, roman
from posities.core.repair import Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_SKIPPED = frozenset(
    f"{W}{name}"
    for name in (
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "footnoteReference",
        "endnoteReference",
        "rPr",
        "pPr",
        "drawing",
        "pict",
        "object",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_CHARACTERS = {
    f"{W}tab": "\t",
    f"{W}noBreakHyphen": "-",
    f"{W}softHyphen": "\u00ad",
}
_BREAKS = frozenset({f"{W}br", f"{W}cr"})
_CONTAINERS = frozenset(
    f"{W}{name}"
    for name in ("tbl", "tr", "tc", "sdt", "sdtContent", "ins", "moveTo", "customXml", "smartTag")
)
"""Elements that hold paragraphs: tables, content controls, tracked insertions."""


def extract_docx(data: bytes) -> Extracted:
    """A Word document's paragraphs, tables, text boxes, footnotes and endnotes, and its
    title."""
    import docx

    _word_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a parser of untrusted files fails in any way
        why = str(error).strip() or type(error).__name__
        raise Unreadable(
            f"cannot read this Word document, it may be damaged ({why[:120]}); open it in "
            "Word or LibreOffice and save it again as .docx"
        ) from None
    blocks = list(_body_blocks(document.element.body, _Numbering.of(document)))
    blocks += _notes(document, FOOTNOTES, "footnote")
    blocks += _notes(document, ENDNOTES, "endnote")
    title = " ".join((document.core_properties.title or "").split()) or None
    return Extracted([[blocks]], title, "python-docx", _version())


def _word_package(data: bytes) -> None:
    """Refuse a zip that is no Word document (a spreadsheet, a presentation) or a
    macro-enabled one, by what its [Content_Types].xml says its main part is."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return  # python-docx says what is wrong with it
    if MACRO_MAIN.encode() in types:
        raise Unreadable(
            "a macro-enabled document (.docm): open it in Word or LibreOffice and save it as "
            ".docx (macros are not read)"
        )
    if WORD_MAIN.encode() not in types and "word/document.xml" not in names:
        kind = next(
            (what for part, what in _OTHER_PACKAGES if any(n.startswith(part) for n in names)),
            "another kind of zip file",
        )
        raise Unreadable(f"is not a Word document: it holds {kind}; give a .docx, PDF or HTML")


_OTHER_PACKAGES = (("xl/", "a spreadsheet"), ("ppt/", "a presentation"))


def _version() -> str:
    """python-docx's version."""
    from importlib.metadata import version

    return version("python-docx")


def _body_blocks(container: Any, numbering: _Numbering | None = None) -> Iterator[Block]:
    """The paragraphs of a body, table cell or content control, tables' cells included, in
    document order, each after its list label ("3.", "a)", "•"); a paragraph's text boxes
    after it."""
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            lines = _paragraph_lines(child)
            label = numbering.label(child) if numbering is not None else None
            if any(line.strip() for line in lines):
                yield [f"{label} {lines[0]}", *lines[1:]] if label else lines
            for box in _text_boxes(child):
                yield from _body_blocks(box, numbering)
        elif child.tag in _CONTAINERS:
            yield from _body_blocks(child, numbering)


def _text_boxes(paragraph: Any) -> Iterator[Any]:
    """The contents of the text boxes anchored in a paragraph, each once: not the copy Word
    keeps for older readers (mc:Fallback), nor a box inside another (read with it)."""
    for box in paragraph.iter(f"{W}txbxContent"):
        above = box.getparent()
        while above is not None and above is not paragraph:
            if above.tag in (f"{MC}Fallback", f"{W}txbxContent"):
                break
            above = above.getparent()
        else:
            yield box


def _paragraph_lines(paragraph: Any) -> list[str]:
    """A paragraph's text, split at its line breaks."""
    lines = [""]
    for item in _text_items(paragraph):
        if item is None:
            lines.append("")
        else:
            lines[-1] += item
    return lines


def _text_items(element: Any) -> Iterator[str | None]:
    """The text of an element in order, None for a line break; deleted text, field codes and
    properties left out."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            yield child.text or ""
        elif tag in _CHARACTERS:
            yield _CHARACTERS[tag]
        elif tag in _BREAKS:
            yield None
        else:
            yield from _text_items(child)


def _notes(document: Any, relation: str, kind: str) -> list[Block]:
    """The footnotes (or endnotes, by `relation` and `kind`), in the order the text refers to
    them, each as a paragraph that starts with its mark as Word shows it: its number in the
    document's numbering format (endnotes i, ii, iii unless it says otherwise), or the mark
    of its own a reference gives (*)."""
    root = _part_root(document, relation)
    if root is None:
        return []
    notes = {
        note.get(f"{W}id"): note
        for note in root.iterchildren(f"{W}{kind}")
        if note.get(f"{W}type") in (None, "normal")
    }
    form, number = _note_numbering(document, kind)
    marks: dict[str, str] = {}
    for reference in document.element.body.iter(f"{W}{kind}Reference"):
        ident = reference.get(f"{W}id")
        if ident not in notes or ident in marks:
            continue
        if reference.get(f"{W}customMarkFollows") in ("1", "true", "on"):
            marks[ident] = _custom_mark(reference) or _mark(form, number)
        else:
            marks[ident] = _mark(form, number)
            number += 1
    blocks: list[Block] = []
    for ident, mark in marks.items():
        lines = [
            line for p in notes[ident].iter(f"{W}p") for line in _paragraph_lines(p) if line.strip()
        ]
        if lines:
            blocks.append([f"{mark} {lines[0].strip()}", *lines[1:]])
    return blocks


def _note_numbering(document: Any, kind: str) -> tuple[str, int]:
    """How a document numbers its footnotes (or endnotes): the format and the first number its
    last section or its settings give, else Word's own (footnotes 1, 2, 3; endnotes i, ii)."""
    form, start = "decimal" if kind == "footnote" else "lowerRoman", 1
    places = [document.settings.element, document.element.body.find(f"{W}sectPr")]
    for place in places:
        properties = place.find(f"{W}{kind}Pr") if place is not None else None
        if properties is None:
            continue
        if (given := properties.find(f"{W}numFmt")) is not None and given.get(f"{W}val"):
            form = given.get(f"{W}val")
        if (first := properties.find(f"{W}numStart")) is not None:
            value = first.get(f"{W}val") or ""
            start = int(value) if value.isdigit() and 0 < int(value) < 10_000 else start
    return form, start


def _custom_mark(reference: Any) -> str:
    """The mark a reference gives its note itself (the text after it in its run: *, †)."""
    return "".join(
        t.text or "" for t in reference.itersiblings(f"{W}t") if isinstance(t.text, str)
    ).strip()


_CHICAGO = "*†‡§"


def _mark(form: str, number: int) -> str:
    """A note's number as Word shows it in the numbering format `form` (decimal, lowerRoman,
    upperRoman, lowerLetter, upperLetter, chicago; any other as decimal)."""
    if form in ("lowerRoman", "upperRoman"):
        numeral = roman(number)
        return numeral if form == "upperRoman" else numeral.lower()
    if form in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return letter.upper() if form == "upperLetter" else letter
    if form == "chicago":
        return _CHICAGO[(number - 1) % 4] * ((number - 1) // 4 + 1)
    return str(number)


NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_SYMBOL_FONTS = frozenset(
    {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "zapfdingbats"}
)
"""Fonts whose characters are pictures, not the letters they are coded as: a bullet."""
_LEVEL_TEXT = re.compile("%([1-9])")
_MOST = 32_767
"""The highest number Word starts a list at."""


class _Numbering:
    """Word's list numbering: the list and level a paragraph is in, by its own properties or
    its style's, and the counters that give each label as Word shows it."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstracts = {a.get(f"{W}abstractNumId"): a for a in numbering.iter(f"{W}abstractNum")}
        self.nums = {n.get(f"{W}numId"): n for n in numbering.iter(f"{W}num")}
        self.styles = {
            s.get(f"{W}styleId"): s
            for s in (styles.iter(f"{W}style") if styles is not None else ())
            if s.get(f"{W}type") in (None, "paragraph", "numbering")
        }
        self.default = next(
            (
                key
                for key, s in self.styles.items()
                if s.get(f"{W}type") == "paragraph" and _on(s.get(f"{W}default"))
            ),
            None,
        )
        self.counters: dict[str, dict[int, int]] = {}
        self.begun: set[tuple[str, int]] = set()

    @classmethod
    def of(cls, document: Any) -> _Numbering | None:
        """A document's numbering, None if it numbers nothing (or its numbering is damaged)."""
        numbering = _part_root(document, NUMBERING)
        return None if numbering is None else cls(numbering, _part_root(document, STYLES))

    def label(self, paragraph: Any) -> str | None:
        """The label Word shows before `paragraph` ("3.", "a)", "1°", "•"), None if it is in
        no list; counts the paragraph in its list."""
        found = self._list_of(paragraph)
        abstract = self._abstract(found[0]) if found is not None else None
        if found is None or abstract is None:
            return None
        num, level = found
        counts = self.counters.setdefault(abstract.get(f"{W}abstractNumId") or "", {})
        again = _number(self._num_override(num, level, "startOverride"))
        if again is not None and (num, level) not in self.begun:
            counts[level] = again
        elif level in counts:
            counts[level] += 1
        else:
            counts[level] = self._start(num, abstract, level)
        self.begun.add((num, level))
        for deeper in [d for d in counts if d > level]:
            if self._restarts(self._level(num, abstract, deeper), level):
                del counts[deeper]
        return self._text(num, abstract, level, counts)

    def _list_of(self, paragraph: Any) -> tuple[str, int] | None:
        """The list (numId) and level a paragraph is in, by its own numPr, else its style's
        (through the styles it is based on), the level by the style the list links to it."""
        properties = paragraph.find(f"{W}pPr")
        style_of = properties.find(f"{W}pStyle") if properties is not None else None
        style = style_of.get(f"{W}val") if style_of is not None else self.default
        num, level = _num_pr(properties)
        inherited = self._style_numbering(style)
        num = num if num is not None else inherited[0]
        level = level if level is not None else inherited[1]
        if num is None or num == "0":
            return None
        if level is None:
            abstract = self._abstract(num)
            level = next(
                (
                    _level_of(lvl)
                    for lvl in (abstract.iter(f"{W}lvl") if abstract is not None else ())
                    if _value(lvl, "pStyle") == style
                ),
                0,
            )
        return num, level

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        """The numId and level a paragraph style gives, its own or the nearest of the
        styles it is based on."""
        num: str | None = None
        level: int | None = None
        seen: set[str] = set()
        while style is not None and style in self.styles and style not in seen:
            seen.add(style)
            element = self.styles[style]
            own_num, own_level = _num_pr(element.find(f"{W}pPr"))
            num = num if num is not None else own_num
            level = level if level is not None else own_level
            style = _value(element, "basedOn")
        return num, level

    def _abstract(self, num: str) -> Any:
        """The abstract numbering a list (numId) takes its levels from, through a numbering
        style's link where it has one."""
        abstract = None
        for _ in range(3):
            given = self.nums.get(num)
            abstract = (
                self.abstracts.get(_value(given, "abstractNumId")) if given is not None else None
            )
            link = _value(abstract, "numStyleLink") if abstract is not None else None
            style = self.styles.get(link) if link is not None else None
            if style is None:
                return abstract
            linked = _num_pr(style.find(f"{W}pPr"))[0]
            if linked is None:
                return abstract
            num = linked
        return abstract

    def _num_override(self, num: str, level: int, what: str) -> Any:
        """A list's override of one of its levels: its `what` (startOverride or lvl)."""
        for override in self.nums[num].iterchildren(f"{W}lvlOverride"):
            if _number(override.get(f"{W}ilvl")) == level:
                return override.find(f"{W}{what}")
        return None

    def _level(self, num: str, abstract: Any, level: int) -> Any:
        """A level's definition (lvl): the list's own override, else the abstract's."""
        override = self._num_override(num, level, "lvl")
        if override is not None:
            return override
        return next((lvl for lvl in abstract.iter(f"{W}lvl") if _level_of(lvl) == level), None)

    def _start(self, num: str, abstract: Any, level: int) -> int:
        """The number a level starts at (Word's default is 0)."""
        lvl = self._level(num, abstract, level)
        start = _number(lvl.find(f"{W}start")) if lvl is not None else None
        return start if start is not None else 0

    @staticmethod
    def _restarts(deeper: Any, level: int) -> bool:
        """Whether a deeper level starts again when `level` counts on: after any shallower
        level, unless its lvlRestart names another (0: never)."""
        after = _number(deeper.find(f"{W}lvlRestart")) if deeper is not None else None
        return after is None or level < after

    def _text(self, num: str, abstract: Any, level: int, counts: dict[int, int]) -> str | None:
        """A level's label: its lvlText with each %N the count of level N in that level's
        format (decimal for all in a legal list), a bullet as "•" when drawn from a symbol
        font."""
        lvl = self._level(num, abstract, level)
        if lvl is None:
            return None
        text = _value(lvl, "lvlText") or ""
        if _value(lvl, "numFmt") == "bullet":
            return _bullet(lvl, text)
        legal = (found := lvl.find(f"{W}isLgl")) is not None and _on(found.get(f"{W}val"), True)

        def count(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            other = lvl if at == level else self._level(num, abstract, at)
            form = (_value(other, "numFmt") if other is not None else None) or "decimal"
            value = counts.get(at, self._start(num, abstract, at))
            return _label_number(
                "decimal" if legal and form not in ("none", "bullet") else form, value
            )

        return _LEVEL_TEXT.sub(count, text).strip() or None


def _part_root(document: Any, relation: str) -> Any:
    """The root element of the document's part related to it by `relation`, None if it has
    none or it is damaged."""
    from docx.oxml import parse_xml

    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype == relation),
        None,
    )
    try:
        return parse_xml(part.blob) if part is not None else None
    except Exception:  # noqa: BLE001 - lxml's XMLSyntaxError: a damaged part is left out
        return None


def _num_pr(properties: Any) -> tuple[str | None, int | None]:
    """The numId and level (ilvl) paragraph properties give, each None where they give
    none."""
    given = properties.find(f"{W}numPr") if properties is not None else None
    if given is None:
        return None, None
    level = _number(given.find(f"{W}ilvl"))
    return _value(given, "numId"), None if level is None else min(level, 8)


def _value(element: Any, name: str) -> str | None:
    """The w:val of an element's child `name`."""
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val") if child is not None else None


def _number(element: Any) -> int | None:
    """An element's w:val (or a string) as a whole number Word accepts, None if it is none."""
    value = (
        element.get(f"{W}val") if element is not None and not isinstance(element, str) else element
    )
    if not isinstance(value, str) or not value.strip().isdigit():
        return None
    return min(int(value), _MOST)


def _level_of(lvl: Any) -> int:
    """A level definition's level (ilvl)."""
    return min(_number(lvl.get(f"{W}ilvl")) or 0, 8)


def _on(value: str | None, unset: bool = False) -> bool:
    """Whether a Word on/off value is on (`unset` when it is absent)."""
    return unset if value is None else value in ("1", "true", "on")


def _bullet(lvl: Any, text: str) -> str | None:
    """A bullet level's label: its character, or "•" for a character of a symbol font
    (Symbol's U+F0B7, Wingdings') or a picture bullet."""
    fonts = lvl.find(f"{W}rPr/{W}rFonts")
    names = (
        [fonts.get(f"{W}{key}") or "" for key in ("ascii", "hAnsi")] if fonts is not None else []
    )
    text = text.strip()
    if not text:
        return "•" if lvl.find(f"{W}lvlPicBulletId") is not None else None
    symbol = any(name.strip().casefold() in _SYMBOL_FONTS for name in names)
    if symbol or any("\ue000" <= character <= "\uf8ff" for character in text):
        return "•"
    return text


def _label_number(form: str, number: int) -> str:
    """A list's number as Word shows it in the numbering format `form`: as a note's mark,
    nothing for none, two digits for decimalZero."""
    if form in ("none", "bullet"):
        return ""
    if form == "decimalZero":
        return f"{number:02d}"
    return _mark(form, number)
