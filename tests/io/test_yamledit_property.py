"""Property: for random valid records and random field edits, the written text reads back as the
intended record and differs from the original only in the edited fields' lines."""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posities.core import editing
from posities.core import new as new_module
from posities.core.save import check_text
from posities.errors import unsafe_character
from posities.io.yamledit import spans
from posities.io.yamlread import parse

pytestmark = pytest.mark.usefixtures("parser")  # each test with both parsers

TRICKY = [
    "NO",
    "yes",
    "on",
    "1:20",
    "2018-01-01",
    "null",
    "~",
    "- x",
    "# y",
    "a: b",
    "a #b",
    "'q'",
    '"q"',
    "[x]",
    "{y}",
    "&a",
    "*b",
    "!t",
    "%p",
    "@at",
    "`tick`",
    "0o17",
    ".inf",
    "Nederland, ‘en’ – zo",
]

line_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "N", "P", "S", "Zs"),
            blacklist_characters="\x85\u2028\u2029\ufeff",
        ),
        min_size=1,
        max_size=140,
    ),
).filter(lambda t: t.strip() != "" and unsafe_character(t) is None)
long_text = st.one_of(
    line_text,
    st.lists(line_text, min_size=2, max_size=4).map(" ".join),
    st.lists(line_text, min_size=2, max_size=3).map("\n".join),
)
codes = st.from_regex(r"[A-Z][A-Z0-9]{0,5}(-[A-Z0-9]{1,4})?", fullmatch=True)
dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2040, 12, 31))
tri = st.sampled_from([True, False, None])
stances = st.sampled_from(["supports", "neutral", "concerned", "critical", "opposes"])


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": "a-decision",
        "title_nl": draw(line_text),
        "title_en": draw(line_text),
        "actor": draw(codes),
        "date": draw(dates).isoformat(),
        "stance": draw(stances),
        "goal_shared": draw(st.booleans()),
        "means_differ": draw(st.booleans()),
        "description_nl": draw(long_text),
        "description_en": draw(long_text),
        "summary_nl": draw(long_text),
        "summary_en": draw(long_text),
        "topics": draw(st.lists(st.sampled_from(["trade", "iran", "climate"]), unique=True)),
        "source_title": draw(line_text),
        "source_kind": "kamerbrief",
        "source_date": draw(st.one_of(st.none(), dates.map(datetime.date.isoformat))),
        "quote": draw(long_text.filter(lambda t: any(c.isalnum() for c in t))),  # a word
        # the one quote backs every claim, all stated, so that any edit below leaves the file
        # valid (a claim made not stated, and its supports, are tested in test_editing)
        "supports": ["stance", "goal_shared", "means_differ", "decision", "summary"],
        "updated": draw(dates).isoformat(),
    }


EDITABLE: dict[tuple[str | int, ...], st.SearchStrategy[Any]] = {
    ("stance",): stances,
    ("goal_shared",): st.booleans(),
    ("means_differ",): st.booleans(),
    ("actor",): codes,
    ("title", "nl"): line_text,
    ("title", "en"): line_text,
    ("summary", "nl"): long_text,
    ("summary", "en"): long_text,
    ("decision", "date"): dates.map(datetime.date.isoformat),
    ("updated",): dates.map(datetime.date.isoformat),
}


@st.composite
def edits(draw: st.DrawFn) -> dict[tuple[str | int, ...], Any]:
    chosen = draw(st.lists(st.sampled_from(sorted(EDITABLE)), min_size=1, max_size=4, unique=True))
    return {path: draw(EDITABLE[path]) for path in chosen}


def line_ranges(text: str, paths: list[tuple[str | int, ...]]) -> set[int]:
    """The 0-based lines each path's key and value occupy."""
    found = spans(text)
    lines: set[int] = set()
    for path in paths:
        span = found[path]
        first = text.count("\n", 0, span.start)
        last = text.count("\n", 0, len(text[: span.end].rstrip()))
        lines.update(range(first, last + 1))
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), edits())
def test_edits_read_back_and_touch_only_their_lines(
    fields: dict[str, Any], changes: dict[tuple[str | int, ...], Any]
) -> None:
    original = new_module.template(fields)
    assert check_text(original, "a-decision", "a-decision.yaml") == []
    value = parse(original).value
    opened = editing.Opened(Path("a-decision.yaml"), "a-decision", b"", "", original, value)
    written = editing.set_fields(opened, changes)  # raises unless it reads back as intended
    expected = parse(original).value
    for path, new in changes.items():
        target = expected
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = new
    assert parse(written).value == expected
    assert check_text(written, "a-decision", "a-decision.yaml") == []
    allowed = line_ranges(original, list(changes))
    matcher = difflib.SequenceMatcher(a=original.splitlines(), b=written.splitlines())
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert set(range(i1, max(i2, i1 + 1))) <= allowed, (tag, i1, i2)


@st.composite
def statements(draw: st.DrawFn) -> dict[str, Any]:
    """A valid `stances:` item with random texts."""
    item: dict[str, Any] = {
        "holder": draw(st.sampled_from(["EU", "DE", "US"])),
        "stance": draw(stances),
        "goal_shared": draw(tri),
        "means_differ": draw(tri),
        "since": draw(dates).isoformat(),
    }
    if draw(st.booleans()):
        item["summary"] = {"nl": draw(long_text), "en": draw(long_text)}
    source: dict[str, Any] = {"title": draw(line_text), "kind": "verslag"}
    source["date"] = draw(st.one_of(st.none(), dates.map(datetime.date.isoformat)))
    source["quote"] = draw(long_text.filter(lambda t: any(c.isalnum() for c in t)))
    item["sources"] = [source]
    item["updated"] = draw(dates).isoformat()
    return item


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), statements(), statements())
def test_statements_appended_read_back_below_every_line_kept(
    fields: dict[str, Any], first: dict[str, Any], second: dict[str, Any]
) -> None:
    original = new_module.template(fields)
    value = parse(original).value
    opened = editing.Opened(Path("a-decision.yaml"), "a-decision", b"", "", original, value)
    once = editing._appended(opened, ("stances",), first)  # the list made after updated
    assert once.startswith(original)
    assert parse(once).value == {**value, "stances": [first]}
    assert check_text(once, "a-decision", "a-decision.yaml") == []
    opened = editing.Opened(opened.path, opened.stem, b"", "", once, parse(once).value)
    twice = editing._appended(opened, ("stances",), second)  # an item after the last one
    assert twice.startswith(once)
    assert parse(twice).value == {**value, "stances": [first, second]}
