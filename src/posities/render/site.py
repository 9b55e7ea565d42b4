"""The register as one HTML page for colleagues without a terminal (`posities site`): a table
of every position that filters, sorts and searches in the browser, then a section per decision.

The page is whole in itself (inline style and script, nothing fetched, a Content Security
Policy that allows only its own script) so that it works from disk, a share or an intranet.
Every value is escaped here; the script never builds markup from data: it only hides, shows
and reorders the rows written here, reading what it compares from a JSON island."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from posities.errors import UNSAFE
from posities.model.dates import long_date
from posities.model.holders import Holders
from posities.model.records import Position, Relation, Source, Stance, Statement
from posities.model.words import Lang, claims, phrase, relation_phrase, stance, tri, word

if TYPE_CHECKING:
    from posities.core.log import LogEntry

COLUMNS = ("id", "title", "date", "holder", "stance", "goal", "means", "topics")
"""The table's columns, as the script names them (`data-key`)."""
_HEADS = {
    "id": "id",
    "title": "decision",
    "date": "date",
    "holder": "holder",
    "stance": "stance",
    "goal": "goal_shared",
    "means": "means_differ",
    "topics": "topics",
}
NOT_STATED = "-"
"""A filter's value for a stance or a yes/no that is not stated."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit's change to a position, as the site's history lists it."""

    day: str
    commit: str
    what: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """What the site shows: the positions as read, whose stance the table shows first
    (`holder`) on which day (`day`), and each position's history (None: not in git)."""

    positions: Sequence[Position]
    holders: Holders
    holder: str
    day: str
    history: Mapping[str, Sequence[HistoryEntry]] | None = None


def site_page(site: Site, state_text: str, lang: Lang, pictures: str = "") -> str:
    """The whole page: heading and state line, filters, the table, `pictures` (see
    `pictures_section`) and a section per decision, ordered by decision date."""
    from posities.core.statements import first_day

    positions = sorted(site.positions, key=lambda p: (first_day(p.decision.date), p.id))
    holders = _holders(positions, site)
    rows = _rows(positions, holders, site)
    texts: dict[str, int] = {}
    data = {
        "lang": lang.value,
        "total": len(positions),
        "count": phrase("site_count", lang, shown="{shown}", total="{total}"),
        "stances": [s.value for s in Stance],
        "rows": [_row_data(view, lang, texts) for view in rows],
        "texts": list(texts),
    }
    towards = _towards(positions)
    body = [
        f"<header><h1>{_text(word('report_site', lang))}</h1>\n",
        f'<p class="state">{_text(state_text)}</p></header>\n<main>\n',
        _filters(positions, holders, site, lang),
        _table(rows, site.holders, site.holder, lang),
        pictures,
        *(_section(p, site, towards.get(p.id, ()), lang) for p in positions),
        "</main>\n",
        f'<script type="application/json" id="data">{json_island(data)}</script>\n',
    ]
    return _document("".join(body), lang)


EARLY_SCRIPT = (
    "if (window.Intl && String.prototype.normalize && document.documentElement.classList) "
    'document.documentElement.className = "js";'
)
"""Run before the page is laid out, in a browser that can run the page's script: the style
then shows the filters and hides the rows of other holders from the first paint, instead of
moving them once the script has run; elsewhere every row shows, as without script."""


def _document(body: str, lang: Lang) -> str:
    """`body` in a whole document with the inline style and script, and a policy that lets
    the page fetch nothing and run no script but its own."""
    import base64
    import hashlib

    script, style = _asset("site.js"), _asset("site.css")
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()}'"
        for code in (EARLY_SCRIPT, script)
    )
    policy = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang.value}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(word('report_site', lang))}</title>\n"
        f"<style>\n{style}</style>\n<script>{EARLY_SCRIPT}</script>\n</head>\n<body>\n{body}"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _asset(name: str) -> str:
    """A file of the page's own (script, style) as shipped beside this module."""
    from importlib.resources import files

    return files("posities.render").joinpath("site", name).read_text(encoding="utf-8")


# --- escaping ---------------------------------------------------------------------------------


def _shown_char(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _text(value: str) -> str:
    """A value as HTML text or an attribute's value: markup characters escaped, and
    characters that hide or disguise text (controls, bidi overrides) shown as `\\uXXXX`."""
    return escape(UNSAFE.sub(_shown_char, value), quote=True)


_JSON_UNSAFE = re.compile(
    "[<>&\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def json_island(data: Any) -> str:
    """`data` as JSON to sit inside a `<script>` element: `<`, `>` and `&` (and controls,
    bidi marks, line separators and lone surrogates) as `\\uXXXX`, so no value can close
    the element or be read as markup, and `JSON.parse` gives every value back exactly."""
    import json

    return _JSON_UNSAFE.sub(_shown_char, json.dumps(data, ensure_ascii=False))


@functools.lru_cache(maxsize=4096)  # a register cites the same passages and titles often
def fold(text: str) -> str:
    """Text as the search compares it, as the page's script folds what is typed: without
    accents (NFKD, combining marks dropped), lower case, whitespace runs as one space."""
    import unicodedata

    if not text.isascii():
        text = _NOT_ASCII.sub(_unmarked, unicodedata.normalize("NFKD", text))
    return " ".join(text.lower().split())


_NOT_ASCII = re.compile("[^\x00-\x7f]+")


def _unmarked(match: re.Match[str]) -> str:
    """A run of characters without its combining marks (Unicode category M)."""
    import unicodedata

    return "".join(c for c in match.group() if unicodedata.category(c)[0] != "M")


# --- the table --------------------------------------------------------------------------------


def _holders(positions: Sequence[Position], site: Site) -> list[str]:
    """The holders the table shows a row of per decision: the one shown first, then every
    holder with a statement, the register's own holder first."""
    from posities.core.statements import holders_of

    every = holders_of(positions, site.holders.own)
    return [site.holder, *(h for h in every if h != site.holder)]


def _rows(positions: Sequence[Position], holders: Sequence[str], site: Site) -> list[Position]:
    """One view per decision and holder: the holder's statement in force on the day, the
    rows of a decision together."""
    from posities.core.query import Filter

    own = site.holders.own
    seen = [Filter(holder=holder, on=site.day).seen(positions, own) for holder in holders]
    return [views[at] for at in range(len(positions)) for views in seen]


def _row_data(view: Position, lang: Lang, texts: dict[str, int]) -> dict[str, Any]:
    """What the script filters and sorts a row by. The words a search looks in (titles,
    summary, quotes: folded, see `fold`) are listed once in `texts` and named by number, since
    a decision's rows share its titles and many statements cite the same passage."""
    from posities.core.statements import first_day

    searched = [f"{view.title.nl} {view.title.en}"]
    if view.summary is not None:
        searched.append(f"{view.summary.nl} {view.summary.en}")
    searched += [source.quote for source in view.sources]
    found = {texts.setdefault(words, len(texts)) for words in map(fold, searched)}
    return {
        "id": view.id,
        "title": view.title.get(lang.value),
        "date": first_day(view.decision.date),
        "holder": view.holder,
        "stance": None if view.stance is None else view.stance.value,
        "goal": view.goal_shared,
        "means": view.means_differ,
        "topics": list(view.topics),
        "texts": sorted(found),
    }


def _filters(positions: Sequence[Position], holders: Sequence[str], site: Site, lang: Lang) -> str:
    """The search box and the filters (hidden until the script runs: without it every row
    shows), and the line that counts what they keep."""
    everyone = word("site_all", lang)
    named = [(h, _holder_name(h, site.holders, lang)) for h in holders]
    stances = [(s.value, stance(s, lang)) for s in Stance] + [(NOT_STATED, tri(None, lang))]
    topics = sorted({t for p in positions for t in p.topics})
    answers = [("yes", tri(True, lang)), ("no", tri(False, lang)), (NOT_STATED, tri(None, lang))]
    parts = [
        '<form id="filters" role="search" hidden>\n',
        f"<label>{_text(word('site_search', lang))} "
        '<input type="search" id="f-search" autocomplete="off"></label>\n',
        _select("holder", word("holder", lang), everyone, named, site.holder),
        _select("stance", word("stance", lang), everyone, stances),
        _select("topic", word("topics", lang), everyone, [(t, t) for t in topics]),
        _select("goal", word("goal_shared", lang), everyone, answers),
        _select("means", word("means_differ", lang), everyone, answers),
        '</form>\n<p id="count" aria-live="polite" hidden></p>\n',
    ]
    return "".join(parts)


def _select(
    name: str, label: str, everyone: str, options: Iterable[tuple[str, str]], chosen: str = ""
) -> str:
    """A labelled select of `options` (value, words), with a first option that keeps all."""
    items = [f'<option value="">{_text(everyone)}</option>']
    for value, words in options:
        selected = " selected" if value == chosen else ""
        items.append(f'<option value="{_text(value)}"{selected}>{_text(words)}</option>')
    return f'<label>{_text(label)} <select id="f-{name}">{"".join(items)}</select></label>\n'


def _holder_name(code: str, holders: Holders, lang: Lang) -> str:
    """A holder as people read it: its name and code, "Europe (EU)"; the code alone when
    the register names it no further."""
    name = holders.name(code, lang.value)
    return code if name == code else f"{name} ({code})"


def _table(rows: Sequence[Position], holders: Holders, holder: str, lang: Lang) -> str:
    """The table of every row, in the order of the page's sections: each row's title links
    to its decision's section. Rows of holders other than `holder` are marked, so that a
    browser running the script hides them from the start (without it, every row shows)."""
    heads = "".join(
        f'<th scope="col" data-key="{key}">{_text(word(_HEADS[key], lang))}</th>' for key in COLUMNS
    )
    lines = [f'<table id="positions">\n<thead><tr>{heads}</tr></thead>\n<tbody>\n']
    for number, view in enumerate(rows):
        other = "" if view.holder == holder else ' class="other"'
        lines.append(f'<tr data-row="{number}"{other}>{_cells(view, holders, lang)}</tr>')
    lines.append("\n</tbody>\n</table>\n")
    return "".join(lines)


def _cells(view: Position, holders: Holders, lang: Lang) -> str:
    ident = _text(view.id)
    code = view.holder or ""
    name = holders.name(code, lang.value)
    named = "" if name == code else f' title="{_text(name)}"'
    stance_class = "s-none" if view.stance is None else f"s-{view.stance.value}"
    return (
        f"<td>{ident}</td>"
        f'<td dir="auto"><a href="#pos-{ident}">{_text(view.title.get(lang.value))}</a></td>'
        f"<td>{_text(long_date(view.decision.date, lang))}</td><td{named}>{_text(code)}</td>"
        f'<td class="{stance_class}">{_text(stance(view.stance, lang))}</td>'
        f"<td>{_text(tri(view.goal_shared, lang))}</td>"
        f"<td>{_text(tri(view.means_differ, lang))}</td>"
        f"<td>{_text(', '.join(view.topics))}</td>"
    )


# --- a section per decision -------------------------------------------------------------------


def _towards(positions: Iterable[Position]) -> dict[str, list[Relation]]:
    """The relations other decisions have to each decision, by its id, each naming the other
    decision (as `statements.related_from` gives them, for all decisions at once)."""
    found: dict[str, list[Relation]] = {}
    for position in positions:
        for relation in position.relations:
            if relation.id != position.id:
                found.setdefault(relation.id, []).append(Relation(relation.type, position.id))
    return found


def _section(position: Position, site: Site, towards: Sequence[Relation], lang: Lang) -> str:
    """A decision's section: what was decided, every holder's statements with their quotes,
    its relations both ways and, in git, its history."""
    ident = _text(position.id)
    decision = position.decision
    fields = [
        (word("id", lang), ident),
        (word("actor", lang), _text(position.actor)),
        (word("date", lang), _text(long_date(decision.date, lang))),
        (word("description", lang), _text(decision.description.get(lang.value))),
    ]
    if position.topics:
        fields.append((word("topics", lang), _text(", ".join(position.topics))))
    parts = [
        f'<section class="position" id="pos-{ident}">\n',
        f'<h2 dir="auto">{_text(position.title.get(lang.value))}</h2>\n',
        _fields(fields),
        _milestones(position, lang),
        _statements(position, site, lang),
        _relations(position, towards, lang),
    ]
    if site.history is not None:
        parts.append(_history(site.history.get(position.id, ()), lang))
    parts.append(f'<p><a class="back" href="#positions">{_text(word("site_back", lang))}</a></p>\n')
    parts.append("</section>\n")
    return "".join(parts)


def _fields(fields: Sequence[tuple[str, str]]) -> str:
    """Labelled values (labels as plain words, values as HTML already escaped)."""
    items = "".join(f"<dt>{_text(label)}</dt><dd>{value}</dd>" for label, value in fields)
    return f'<dl class="fields">{items}</dl>\n'


def _milestones(position: Position, lang: Lang) -> str:
    if not position.decision.milestones:
        return ""
    items = "".join(
        f'<li><time datetime="{_text(m.date)}">{_text(long_date(m.date, lang))}</time>: '
        f'<span dir="auto">{_text(m.description.get(lang.value))}</span></li>'
        for m in position.decision.milestones
    )
    return f"<h3>{_text(word('milestones', lang))}</h3>\n<ul>{items}</ul>\n"


def _statements(position: Position, site: Site, lang: Lang) -> str:
    """Every statement of the decision in time order, those in force on the day marked."""
    from posities.core.statements import in_force, ordered, statements

    own = site.holders.own
    every = ordered(statements(position, own))
    holding = {id(in_force(every, h, site.day)) for h in {s.holder for s in every}}
    parts = [f"<h3>{_text(word('site_statements', lang))}</h3>\n"]
    parts += [_statement(s, id(s) in holding, site, lang) for s in every]
    return "".join(parts)


def _statement(statement: Statement, holding: bool, site: Site, lang: Lang) -> str:
    """One holder's statement: whose, from and until when, its stance and assessments, its
    summary and the quotes it rests on."""
    when = f"{word('since', lang).lower()} {long_date(statement.since, lang)}"
    if statement.until is not None:
        when += f" {word('until', lang).lower()} {long_date(statement.until, lang)}"
    heading = f"{_holder_name(statement.holder, site.holders, lang)}, {when}"
    if holding:
        heading += f" ({word('site_in_force', lang)} {long_date(site.day, lang)})"
    if statement.summary is None:
        summary = f'<span class="muted">{_text(word("no_summary", lang))}</span>'
    else:
        summary = f'<span dir="auto">{_text(statement.summary.get(lang.value))}</span>'
    fields = [
        (word("stance", lang), _stance_html(statement.stance, lang)),
        (word("goal_shared", lang), _text(tri(statement.goal_shared, lang))),
        (word("means_differ", lang), _text(tri(statement.means_differ, lang))),
        (word("summary", lang), summary),
    ]
    classes = "statement in-force" if holding else "statement"
    quotes = "".join(_quote(source, lang) for source in statement.sources)
    data_holder = _text(statement.holder)
    return (
        f'<div class="{classes}" data-holder="{data_holder}">\n'
        f"<h4>{_text(heading)}</h4>\n{_fields(fields)}{quotes}</div>\n"
    )


def _stance_html(value: Stance, lang: Lang) -> str:
    return f'<span class="s-{value.value}">{_text(stance(value, lang))}</span>'


def _quote(source: Source, lang: Lang) -> str:
    """A quote and the document it is from: title, kind, date, a link where it is published
    on the web, the claims it is cited for, and whether it was checked against a local text."""
    date = long_date(source.date, lang) if source.date else word("date_unknown", lang)
    cite = f"— {_text(source.title)} ({_text(source.kind)}, {_text(date)})"
    if source.url:
        cite += ", " + _link(source.url)
    if source.supports is not None:
        cite += f"; {_text(word('supports', lang))}: {_text(claims(source.supports, lang))}"
    if source.text is None:
        cite += f'; <span class="muted">{_text(word("unchecked", lang))}</span>'
    return (
        f'<blockquote dir="auto">{_text(source.quote)}</blockquote>\n<p class="cite">{cite}</p>\n'
    )


def _link(url: str) -> str:
    """A source's address: a link when it is on the web (http or https), else its text."""
    from urllib.parse import urlsplit

    try:
        web = urlsplit(url.strip()).scheme.lower() in ("http", "https")
    except ValueError:
        web = False
    if not web or UNSAFE.search(url) or any(c.isspace() for c in url.strip()):
        return _text(url)
    return f'<a href="{_text(url.strip())}" rel="noopener noreferrer">{_text(url)}</a>'


def _relations(position: Position, towards: Sequence[Relation], lang: Lang) -> str:
    """The decision's relations to others and theirs to it, each linked to the other's
    section."""
    found = [(r, False) for r in position.relations] + [(r, True) for r in towards]
    if not found:
        return ""
    items = "".join(f"<li>{_relation(r, lang, back)}</li>" for r, back in found)
    return f"<h3>{_text(word('relations', lang))}</h3>\n<ul>{items}</ul>\n"


def _relation(relation: Relation, lang: Lang, towards: bool) -> str:
    """A relation in words with the other decision's id as a link to its section."""
    marker = "\x00"
    before, _, after = relation_phrase(relation.type, marker, lang, towards).partition(marker)
    other = _text(relation.id)
    return f'{_text(before)}<a href="#pos-{other}">{other}</a>{_text(after)}'


def _history(changes: Sequence[HistoryEntry], lang: Lang) -> str:
    """The commits that changed the decision, newest first: day, commit and what changed."""
    if not changes:
        return ""
    heads = "".join(
        f'<th scope="col">{_text(word(name, lang))}</th>' for name in ("date", "commit", "what")
    )
    rows = "".join(
        f"<tr><td>{_text(long_date(c.day, lang))}</td><td><code>{_text(c.commit)}</code></td>"
        f"<td><ul>{''.join(f'<li>{_text(line)}</li>' for line in c.what)}</ul></td></tr>"
        for c in changes
    )
    return (
        f"<h3>{_text(word('site_history', lang))}</h3>\n"
        f'<table class="history"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>\n'
    )


def history(entries: Iterable[LogEntry], lang: Lang) -> dict[str, list[HistoryEntry]]:
    """The log's commits (newest first) as each position's history: a position added or
    removed, and every field a commit changed, in words."""
    from posities.render.history import change_line

    found: dict[str, list[HistoryEntry]] = {}
    for entry in entries:
        day, commit = entry.commit.day, entry.commit.short
        for position in entry.changes.added:
            found.setdefault(position.id, []).append(
                HistoryEntry(day, commit, (word("added", lang),))
            )
        for position in entry.changes.removed:
            found.setdefault(position.id, []).append(
                HistoryEntry(day, commit, (word("removed", lang),))
            )
        for item in entry.changes.changed:
            lines = tuple(change_line(c, lang) for c in item.changes)
            found.setdefault(item.id, []).append(HistoryEntry(day, commit, lines))
    return found


# --- the pictures -----------------------------------------------------------------------------


_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*)*", re.DOTALL)


def inline_svg(document: str) -> str:
    """An SVG document as an element to put in the page: its XML declaration, doctype and
    leading comments left out (HTML takes an `<svg>` element, not a document)."""
    return _PROLOG.sub("", document, count=1).strip() + "\n"


def pictures_section(matrix_svg: str, timeline_svg: str, lang: Lang) -> str:
    """The two pictures of the register, the goal x means matrix and the timeline, as the
    page's `pictures`: each SVG document (from `posities.render.svg`) inlined in a figure."""
    figures = [
        (matrix_svg, word("report_matrix", lang), "matrix"),
        (timeline_svg, word("report_timeline", lang), "timeline"),
    ]
    parts = [f'<section id="pictures">\n<h2>{_text(word("site_pictures", lang))}</h2>\n']
    for svg, caption, name in figures:
        parts.append(
            f'<figure id="picture-{name}">\n{inline_svg(svg)}'
            f"<figcaption>{_text(caption)}</figcaption>\n</figure>\n"
        )
    parts.append("</section>\n")
    return "".join(parts)
