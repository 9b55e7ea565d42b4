"""The canonical layout of a position file, and structural edits that keep comments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posities.core.new import template
from posities.errors import PositiesError
from posities.io import layout
from posities.io.layout import (
    KeyOrder,
    append_item,
    canonical,
    position_key_order,
    same_record,
    set_value,
)
from posities.io.yamlread import parse
from posities.model.schema import POSITION

from ..conftest import BUNDLED, minimal

ORDER = position_key_order()
LONG = (
    "The Netherlands and other important partners view the decision critically; it is a "
    "disappointing step and fits a worrying trend towards a less multilateral course."
)


def laid(text: str) -> str:
    """`text` laid out, checked to be a fixed point and to hold the same data."""
    out = canonical(text, ORDER)
    assert canonical(out, ORDER) == out
    assert same_record(text, out)
    return out


# --- the bundled files are the canonical layout ----------------------------------------------


@pytest.mark.usefixtures("parser")  # libyaml, and PyYAML's own parser
@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_files_are_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert canonical(text, ORDER) == text


def test_a_minimal_file_is_canonical() -> None:
    assert canonical(minimal(), ORDER) == minimal()


def test_a_new_file_is_canonical() -> None:
    fields = {
        "id": "a-b",
        "title_nl": "Titel",
        "title_en": "Title",
        "actor": "US",
        "date": "2018-05",
        "description_nl": LONG,
        "description_en": "yes",
        "stance": "critical",
        "goal_shared": None,
        "means_differ": True,
        "summary_nl": LONG,
        "summary_en": "Short.",
        "topics": ["trade", "on"],
        "source_title": "Brief",
        "source_kind": "kamerbrief",
        "source_date": None,
        "source_text": "texts/a.txt",
        "source_url": "https://example.org/x",
        "supports": None,
        "quote": LONG,
        "updated": "2024-01-02",
    }
    text = template(fields)
    assert canonical(text, ORDER) == text
    fields["quote"] = "Short."
    assert canonical(template(fields), ORDER) == template(fields)


def test_key_order_follows_the_schema() -> None:
    assert list(ORDER.keys) == list(POSITION.keys)
    assert list(ORDER.keys["title"].keys) == ["nl", "en"]
    assert list(ORDER.keys["decision"].keys["milestones"].keys) == ["date", "description"]
    assert list(ORDER.keys["sources"].keys) == [
        "title",
        "kind",
        "date",
        "text",
        "url",
        "supports",
        "quote",
    ]
    flows = {name for name, inner in ORDER.keys.items() if inner.flow}
    assert flows == {"topics", "relations"}  # relations: each item {type: ..., id: ...}
    assert ORDER.keys["sources"].keys["supports"].flow
    assert not ORDER.keys["decision"].keys["milestones"].flow
    assert not ORDER.keys["stances"].flow
    assert list(ORDER.keys["stances"].keys) == [
        "holder",
        "stance",
        "goal_shared",
        "means_differ",
        "since",
        "until",
        "summary",
        "sources",
        "updated",
    ]
    assert ORDER.keys["stances"].keys["sources"].keys["supports"].flow
    assert list(ORDER.keys["relations"].keys) == ["type", "id"]
    dates = {name for name, inner in ORDER.keys.items() if inner.date}
    assert dates == {"since", "until", "updated"}
    assert ORDER.keys["sources"].keys["date"].date


# --- keys in order ---------------------------------------------------------------------------


def test_keys_at_every_level_are_put_in_the_declared_order() -> None:
    text = (
        "updated: 2020-01-01\n"
        "title:\n  en: A\n  nl: B\n"
        "id: x\n"
        "decision:\n"
        "  description:\n    en: E\n    nl: N\n"
        "  milestones:\n"
        "    - description:\n        en: e\n        nl: n\n      date: 2019\n"
        "  date: 2018\n"
        "sources:\n  - quote: Q\n    kind: k\n    title: T\n"
    )
    assert laid(text) == (
        "id: x\n"
        "title:\n  nl: B\n  en: A\n"
        "decision:\n"
        "  date: 2018\n"
        "  description:\n    nl: N\n    en: E\n"
        "  milestones:\n"
        "    - date: 2019\n      description:\n        nl: n\n        en: e\n"
        "sources:\n  - title: T\n    kind: k\n    quote: Q\n"
        "updated: 2020-01-01\n"
    )


def test_unknown_keys_follow_the_known_ones_in_their_own_order() -> None:
    text = "zeta: 1\nid: x\nalpha: 2\ntitle:\n  extra: 3\n  en: A\n  nl: B\nactor: US\n"
    assert laid(text) == (
        "id: x\ntitle:\n  nl: B\n  en: A\n  extra: 3\nactor: US\nzeta: 1\nalpha: 2\n"
    )


def test_an_order_given_by_the_caller_is_used() -> None:
    order = KeyOrder({"b": KeyOrder(), "a": KeyOrder({"y": KeyOrder(), "x": KeyOrder()})})
    text = "a:\n  x: 1\n  y: 2\nb: 3\n"
    assert canonical(text, order) == "b: 3\na:\n  y: 2\n  x: 1\n"


# --- styles and indentation ------------------------------------------------------------------


def test_topics_and_supports_flow_and_other_lists_are_blocks() -> None:
    text = (
        "topics:\n- trade\n- steel\n"
        "sources: [{title: T, kind: k, supports: [stance], quote: Q}, {title: U, kind: k,"
        " supports: [summary, stance], quote: R}]\n"
        "notes: [a, b]\n"
    )
    assert laid(text) == (
        "topics: [trade, steel]\n"
        "sources:\n"
        "  - title: T\n    kind: k\n    supports: [stance]\n    quote: Q\n"
        "  - title: U\n    kind: k\n    supports: [summary, stance]\n    quote: R\n"
        "notes:\n  - a\n  - b\n"
    )


def test_supports_written_as_a_block_flows() -> None:
    text = "sources:\n  - title: T\n    supports:\n      - stance\n      - summary\n"
    assert laid(text) == "sources:\n  - title: T\n    supports: [stance, summary]\n"


def test_mappings_indent_two_spaces_and_lists_two_more() -> None:
    text = "title:\n    nl: B\n    en: A\ndecision:\n    milestones:\n    -   date: 2019\n"
    assert laid(text) == ("title:\n  nl: B\n  en: A\ndecision:\n  milestones:\n    - date: 2019\n")


def test_a_flow_mapping_becomes_a_block() -> None:
    assert laid("title: {nl: B, en: A}\n") == "title:\n  nl: B\n  en: A\n"


def test_empty_collections_stay_as_written() -> None:
    assert laid("topics: []\nsources: []\nextra: {}\n") == "topics: []\nsources: []\nextra: {}\n"


def test_a_document_start_is_dropped_and_a_version_directive_kept() -> None:
    assert laid("# head\n---\nid: x\n") == "# head\nid: x\n"
    assert laid("%YAML 1.2\n---\nid: x\n...\n") == "%YAML 1.2\n---\nid: x\n"


def test_null_is_written_null() -> None:
    assert laid("goal_shared: ~\nmeans_differ:\n") == "goal_shared: null\nmeans_differ: null\n"


def test_each_relation_is_a_flow_mapping_on_one_line() -> None:
    text = (
        "relations:\n"
        "- id: paris-agreement\n  type: reverses\n"
        "- {id: jcpoa, type: related}\n"
        "-   type: responds-to\n    id: 'yes'\n"
    )
    assert laid(text) == (
        "relations:\n"
        "  - {type: reverses, id: paris-agreement}\n"
        "  - {type: related, id: jcpoa}\n"
        "  - {type: responds-to, id: 'yes'}\n"
    )


def test_a_relation_with_comments_on_its_keys_stays_a_block() -> None:
    text = "relations:\n  - type: reverses  # since 2021\n    id: paris-agreement\n"
    assert laid(text) == text


def test_a_comment_on_a_relation_stays_beside_it() -> None:
    text = (
        "relations:\n  # the old one\n  - id: x\n    type: reverses\n"
        "  - {type: related, id: y}  # see y\n"
    )
    assert laid(text) == (
        "relations:\n  # the old one\n  - {type: reverses, id: x}\n"
        "  - {type: related, id: y}  # see y\n"
    )


def test_since_until_stances_and_relations_take_their_places() -> None:
    text = minimal().replace("stance: critical\n", "") + (
        "relations: [{type: related, id: b}]\n"
        "stances:\n"
        "- updated: 2020-01-01\n"
        "  sources: [{quote: Q, title: T, kind: k, supports: [stance]}]\n"
        "  summary: {en: E, nl: N}\n"
        "  since: 2019-02-01\n  until: 2019-03-01\n"
        "  stance: concerned\n  holder: EU\n  goal_shared: null\n  means_differ: null\n"
        "until: 2030-01-01\nsince: 2019-01-05\nstance: critical\n"
    )
    out = laid(text)
    assert list(parse(out).value) == [k for k in POSITION.keys if k in parse(out).value]
    assert out.split("\nupdated: 2020-01-01\n")[1] == (
        "stances:\n"
        "  - holder: EU\n"
        "    stance: concerned\n"
        "    goal_shared: null\n"
        "    means_differ: null\n"
        "    since: 2019-02-01\n"
        "    until: 2019-03-01\n"
        "    summary:\n      nl: N\n      en: E\n"
        "    sources:\n"
        "      - title: T\n        kind: k\n        supports: [stance]\n        quote: Q\n"
        "    updated: 2020-01-01\n"
        "relations:\n  - {type: related, id: b}\n"
    )
    assert "means_differ: null\nsince: 2019-01-05\nuntil: 2030-01-01\nsummary:" in out


def test_a_summary_in_stances_is_folded_like_the_top_level_one() -> None:
    lines = [
        "The Netherlands and other important partners view the decision critically; it is a",
        "disappointing step and fits a worrying trend towards a less multilateral course.",
    ]
    top = laid(f"summary:\n  nl: {LONG}\n")
    assert top == "summary:\n  nl: >-\n" + "".join(f"    {line}\n" for line in lines)
    text = f"stances:\n  - holder: EU\n    summary:\n      nl: {LONG}\n"
    assert laid(text) == (
        "stances:\n  - holder: EU\n    summary:\n      nl: >-\n"
        + "".join(f"        {line}\n" for line in lines)
    )


# --- folding ---------------------------------------------------------------------------------


def test_a_long_plain_text_is_folded_at_ninety_columns() -> None:
    assert laid(f"summary:\n  en: {LONG}\n") == (
        "summary:\n"
        "  en: >-\n"
        "    The Netherlands and other important partners view the decision critically; it is a\n"
        "    disappointing step and fits a worrying trend towards a less multilateral course.\n"
    )


def test_a_long_quoted_text_is_folded() -> None:
    text = f"sources:\n  - quote: '{LONG}: it''s so'\n"
    assert laid(text) == (
        "sources:\n"
        "  - quote: >-\n"
        "      The Netherlands and other important partners view the decision critically; it is a\n"
        "      disappointing step and fits a worrying trend towards a less multilateral course.:\n"
        "      it's so\n"
    )


def test_a_line_of_a_hundred_columns_stays_as_it_is() -> None:
    text = "summary:\n  en: " + "word " * 18 + "wor.\n"
    assert len(text.splitlines()[1]) == 100
    assert laid(text) == text
    assert laid(text.replace("wor.", "word.")).splitlines()[1] == "  en: >-"


def test_a_folded_text_keeps_its_line_breaks_while_they_fit() -> None:
    text = "summary:\n  en: >-\n    The Netherlands and\n    other partners.\n"
    assert laid(text) == text


def test_a_folded_text_with_a_too_long_line_is_folded_again() -> None:
    text = f"summary:\n  en: >-\n    short\n    {LONG}\n"
    assert laid(text) == laid(f"summary:\n  en: short {LONG}\n")
    assert laid(text).splitlines()[2:] == [
        "    short The Netherlands and other important partners view the decision critically;"
        " it is",
        "    a disappointing step and fits a worrying trend towards a less multilateral course.",
    ]


def test_a_text_that_cannot_be_folded_stays_on_its_line() -> None:
    url = "https://example.org/" + "a" * 100
    assert laid(f"sources:\n  - url: {url}\n") == f"sources:\n  - url: {url}\n"
    spaced = f"summary:\n  en: 'two  spaces {LONG}'\n"
    assert laid(spaced) == spaced


def test_a_very_long_word_gets_a_line_of_its_own() -> None:
    word = "x" * 120
    assert laid(f"summary:\n  en: Look at {word} and more.\n") == (
        f"summary:\n  en: >-\n    Look at\n    {word}\n    and more.\n"
    )


def test_a_literal_block_is_left_as_it_is() -> None:
    text = "summary:\n  en: |\n    line one\n    line two\n"
    assert laid(text) == text


# --- comments --------------------------------------------------------------------------------


def test_comments_at_the_top_stay_at_the_top() -> None:
    text = "# yaml-language-server: $schema=position.schema.json\n  # more\n\ntitle: T\nid: x\n"
    assert laid(text) == (
        "# yaml-language-server: $schema=position.schema.json\n# more\n\nid: x\ntitle: T\n"
    )


def test_a_comment_after_a_key_moves_with_the_key() -> None:
    text = "title: T  # the name\nid: x  # the file name\n"
    assert laid(text) == "id: x  # the file name\ntitle: T  # the name\n"


def test_a_comment_above_a_key_moves_with_the_key() -> None:
    text = "actor: US\n# why this title\n# over two lines\ntitle: T\nid: x\n"
    assert laid(text) == "id: x\n# why this title\n# over two lines\ntitle: T\nactor: US\n"


def test_comments_inside_a_moved_mapping_move_with_their_keys() -> None:
    text = "title:  # the decision\n  # English first here\n  en: A  # en\n  nl: B  # nl\nid: x\n"
    assert laid(text) == (
        "id: x\ntitle:  # the decision\n  nl: B  # nl\n  # English first here\n  en: A  # en\n"
    )


def test_comments_between_list_items_stay_between_them() -> None:
    text = (
        "sources:\n"
        "  # the first letter\n"
        "  - quote: Q  # verbatim\n"
        "    title: T\n"
        "  # the second letter\n"
        "\n"
        "  - title: U\n"
    )
    assert laid(text) == (
        "sources:\n"
        "  # the first letter\n"
        "  - title: T\n"
        "    quote: Q  # verbatim\n"
        "  # the second letter\n"
        "\n"
        "  - title: U\n"
    )


def test_a_list_with_comments_on_its_items_stays_a_block() -> None:
    text = "topics:\n  - trade  # the main one\n  # and\n  - steel\n"
    assert laid(text) == text


def test_a_comment_inside_a_flow_list_goes_to_its_key() -> None:
    assert laid("topics: [trade,  # the main one\n  steel]\n") == (
        "topics: [trade, steel]  # the main one\n"
    )


def test_end_of_line_comments_get_two_spaces() -> None:
    assert laid("id: x      # aligned\nactor: US # close\n") == (
        "id: x  # aligned\nactor: US  # close\n"
    )


def test_a_comment_after_a_folded_text_header_stays_there() -> None:
    text = "summary:\n  en: >-  # reworded\n    The text.\n"
    assert laid(text) == text


def test_a_comment_on_a_folded_key_stays_when_it_is_folded() -> None:
    assert laid(f"summary:\n  en: {LONG}  # from the letter\n").splitlines()[1] == (
        "  en: >-  # from the letter"
    )


def test_comments_at_the_end_stay_at_the_end() -> None:
    text = "sources:\n  - title: T\n  # one more to come\n# end of file\n"
    assert laid("id: x\n" + text) == "id: x\n" + text


def test_a_comment_at_the_end_never_joins_a_folded_text() -> None:
    text = "summary:\n  en: >-\n    The text.\n    # a comment\n"  # part of the text
    assert laid(text) == text
    text = f"summary:\n  en: {LONG}\n    # a comment\n"  # a comment, and stays one
    assert laid(text).endswith("multilateral course.\n  # a comment\n")


def test_a_comment_on_a_list_dash_goes_above_the_item() -> None:
    assert laid("sources:\n  - # first\n    title: T\n") == "sources:\n  # first\n  - title: T\n"


def test_a_hash_inside_a_value_is_no_comment() -> None:
    text = "title: 'A # B'\nactor: C#\nsummary:\n  en: >-\n    # not a comment\nid: x\n"
    assert laid(text) == (
        "id: x\ntitle: 'A # B'\nactor: C#\nsummary:\n  en: >-\n    # not a comment\n"
    )


def test_blank_lines_are_kept_once() -> None:
    text = "\n\nid: x\n\n\n\n# about the title\ntitle: T\n\n\n"
    assert laid(text) == "id: x\n\n# about the title\ntitle: T\n"


# --- values keep their meaning ---------------------------------------------------------------


def test_quotes_that_keep_a_value_a_string_stay() -> None:
    text = (
        "id: '012'\nactor: \"yes\"\nstance: 'no'\nsummary:\n  nl: '1e3'\n  en: 'true'\n"
        "topics: ['on', \"null\"]\nupdated: '2024-01-01'\n"
    )
    assert laid(text) == text
    assert yaml.safe_load(text)["updated"] == "2024-01-01"


def test_dates_stay_as_written() -> None:
    text = (
        "decision:\n  date: 2018\n  milestones:\n    - date: 2018-05\n    - date: '2019'\n"
        "sources:\n  - date: 2018-05-14\n  - date: null\nupdated: 2020-01-02\n"
    )
    assert laid(text) == text


def test_numbers_and_booleans_keep_their_values() -> None:
    text = "a: 0o17\nb: 1_000\nc: 1.50\nd: True\ne: 0x1F\n"
    assert laid(text) == "a: 0o17\nb: 1_000\nc: 1.50\nd: true\ne: 0x1F\n"


def test_unicode_is_written_as_it_is() -> None:
    text = "title:\n  nl: Israël – ☃ 😀 ﬁ\n  en: 中文\n"
    assert laid(text) == text


def test_one_stray_crlf_line_does_not_make_a_file_crlf() -> None:
    text = "title: T\nid: x\r\nactor: US\nupdated: 2020-01-01\n"
    assert laid(text) == "id: x\ntitle: T\nactor: US\nupdated: 2020-01-01\n"
    assert (
        laid(
            text.replace("\n", "\r\n")
            .replace("\r\r\n", "\r\n")
            .replace("actor: US\r\n", "actor: US\n")
        ).count("\r\n")
        == 4
    )


def test_crlf_line_endings_are_kept() -> None:
    text = "title: T  # name\r\nid: x\r\nsummary:\r\n  en: >-\r\n    a\r\n    b\r\n"
    assert laid(text) == "id: x\r\ntitle: T  # name\r\nsummary:\r\n  en: >-\r\n    a\r\n    b\r\n"


def test_a_byte_order_mark_is_kept() -> None:
    assert laid("\ufefftitle: T\nid: x\n") == "\ufeffid: x\ntitle: T\n"


def test_a_file_without_a_final_line_break_gets_one() -> None:
    assert laid("id: x  # end") == "id: x  # end\n"


@pytest.mark.usefixtures("parser")  # libyaml, and PyYAML's own parser
def test_tabs_in_texts_are_kept() -> None:
    text = 'title:\n  nl: "a\\tb"\n  en: >-\n    c\td\nactor: "e\tf"  # tab\there\n'
    out = laid(text)
    assert out == 'title:\n  nl: "a\\tb"\n  en: >-\n    c\td\nactor: "e\\tf"  # tab\there\n'
    assert parse(out).value["actor"] == "e\tf"


@pytest.mark.usefixtures("parser")  # libyaml, and PyYAML's own parser
def test_a_plain_text_with_a_tab_is_quoted() -> None:
    out = laid("title: a\tb  # x\nid:\tx\n")
    assert out == 'id: x\ntitle: "a\\tb"  # x\n'


# --- same_record -----------------------------------------------------------------------------


def test_same_record_ignores_order_layout_and_comments() -> None:
    assert same_record("a: 1\nb: [x, y]\n", "# c\nb:\n  - x\n  - y  # d\na: 1\n")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a: '2024-01-01'\n", "a: 2024-01-01\n"),  # a date to YAML 1.1
        ('a: "yes"\n', "a: yes\n"),  # a boolean to YAML 1.1
        ("a: 2018-6-1\n", "a: 2018-06-01\n"),  # the same date to YAML 1.1, not to the register
        ("a: 1\n", "a: 1.0\n"),
        ("a: 1\n", "a: true\n"),
        ("a: 'on'\n", "a: on\n"),
        ("a: [x]\n", "a: x\n"),
        ("a: 1\n", "a: 1\nb: 2\n"),
        ("a: 1\n", "a: [\n"),
    ],
)
def test_same_record_sees_a_changed_value(before: str, after: str) -> None:
    assert not same_record(before, after)
    assert same_record(before, before)


def test_not_a_number_is_the_same_as_itself() -> None:
    assert layout._same([float("nan")], [float("nan")])
    assert not layout._same([float("nan")], [1.0])


def test_a_layout_that_would_change_the_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = layout._arrange

    def wrong(node: Any, order: Any, column: int, path: Any, block: Any) -> None:
        real(node, order, column, path, block)
        if not path:
            node["id"] = "y"

    monkeypatch.setattr(layout, "_arrange", wrong)
    with pytest.raises(PositiesError) as error:
        canonical("id: x\n", ORDER, "positions/x.yaml")
    assert str(error.value) == (
        "positions/x.yaml: laying the file out would change its data; nothing was changed. "
        "Please report this with the file"
    )


def test_a_layout_that_would_lose_a_comment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "_put_comments", lambda text, comments: text)
    with pytest.raises(PositiesError, match="would lose or repeat a comment"):
        canonical("id: x  # c\n", ORDER)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [\n", "positions/x.yaml:2:1: invalid YAML: while parsing a flow node "),
        ("a: 1\na: 2\n", "positions/x.yaml:2:1: duplicate key 'a' (first defined at line 1)"),
        ("a: &x 1\nb: *x\n", "positions/x.yaml:1:4: anchors (&x) are not allowed"),
        ("", "positions/x.yaml: the file is empty"),
    ],
)
def test_a_file_that_is_not_readable_is_refused_with_its_place(text: str, message: str) -> None:
    with pytest.raises(PositiesError) as error:
        canonical(text, ORDER, "positions/x.yaml")
    assert str(error.value).startswith(message)


# --- structural edits ------------------------------------------------------------------------

BLOCK_TOPICS = minimal().replace(
    "topics: [trade]\n", "topics:  # tags\n  - trade  # the main one\n  - steel\n"
)
FLOW_SOURCES = (
    minimal().split("sources:")[0]
    + "sources: [{title: Een brief, kind: kamerbrief, date: 2019-02-03, quote: Q}]  # one\n"
    + "updated: 2020-01-01\n"
)


def test_set_value_changes_a_block_list_and_keeps_its_comments() -> None:
    out = set_value(BLOCK_TOPICS, ("topics",), ["trade", "steel", "yes"], ORDER)
    assert out == BLOCK_TOPICS.replace("  - steel\n", "  - steel\n  - 'yes'\n")
    assert parse(out).value["topics"] == ["trade", "steel", "yes"]


def test_set_value_writes_a_list_without_comments_in_flow_style() -> None:
    text = minimal().replace("topics: [trade]\n", "topics:\n  - trade\n")
    out = set_value(text, ("topics",), ["steel", "trade"], ORDER)
    assert out == minimal().replace("topics: [trade]", "topics: [steel, trade]")


def test_set_value_changes_a_field_of_a_flow_list_item() -> None:
    out = set_value(FLOW_SOURCES, ("sources", 0, "date"), "2019-03", ORDER)
    assert out.split("sources:")[1] == (
        "  # one\n"
        "  - title: Een brief\n"
        "    kind: kamerbrief\n"
        "    date: 2019-03\n"
        "    quote: Q\n"
        "updated: 2020-01-01\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2024-05-06", "updated: 2024-05-06"),
        ("2024-05", "updated: 2024-05"),
        ("2024", "updated: '2024'"),
        ("2024-02-30", "updated: '2024-02-30'"),
    ],
)
def test_set_value_writes_dates_plain_where_they_stay_text(value: str, written: str) -> None:
    out = set_value(minimal(), ("updated",), value, ORDER)
    assert written in out.splitlines()
    assert parse(out).value["updated"] == value


@pytest.mark.parametrize("value", ["yes", "NO", "on", "2018-01-01", "1:20", "~", "- x", "a: b"])
def test_set_value_quotes_a_text_any_reader_could_misread(value: str) -> None:
    out = set_value(minimal(), ("actor",), value, ORDER)
    assert parse(out).value["actor"] == value
    assert yaml.safe_load(out)["actor"] == value


def test_set_value_adds_a_missing_key_in_its_place() -> None:
    out = set_value(minimal(), ("decision", "milestones"), [{"date": "2020-01"}], ORDER)
    assert "    en: Something was decided.\n  milestones:\n    - date: 2020-01\nstance:" in out


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("nope", "x"), "the file has no nope"),
        (("sources", 5, "date"), "the file has no sources[5]"),
        (("sources", 3), "the file has no sources[3]"),
        (("sources", "x"), "the file has no sources.x"),
        ((), "the file: name the field to change"),
    ],
)
def test_set_value_refuses_a_path_that_is_not_there(path: layout.Path, message: str) -> None:
    with pytest.raises(PositiesError) as error:
        set_value(minimal(), path, "v", ORDER)
    assert str(error.value) == message


def test_set_value_that_would_touch_other_values_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = layout._arrange

    def wrong(node: Any, order: Any, column: int, path: Any, block: Any) -> None:
        real(node, order, column, path, block)
        if not path:
            node["actor"] = "EU"

    monkeypatch.setattr(layout, "_arrange", wrong)
    with pytest.raises(PositiesError, match="updated could not be changed without touching"):
        set_value(minimal(), ("updated",), "2024-01-01", ORDER)


def test_append_item_adds_to_a_flow_list_of_sources() -> None:
    source = {
        "quote": f"{LONG} Twice: {LONG}",
        "supports": ["stance"],
        "title": "Tweede",
        "kind": "verslag",
        "date": "2020-01-02",
    }
    out = append_item(FLOW_SOURCES, ("sources",), source, ORDER)
    assert out.split("\nsources:")[1] == (
        "  # one\n"
        "  - title: Een brief\n"
        "    kind: kamerbrief\n"
        "    date: 2019-02-03\n"
        "    quote: Q\n"
        "  - title: Tweede\n"
        "    kind: verslag\n"
        "    date: 2020-01-02\n"
        "    supports: [stance]\n"
        "    quote: >-\n"
        "      The Netherlands and other important partners view the decision critically; it is a\n"
        "      disappointing step and fits a worrying trend towards a less multilateral course.\n"
        "      Twice: The Netherlands and other important partners view the decision"
        " critically; it\n"
        "      is a disappointing step and fits a worrying trend towards a less multilateral\n"
        "      course.\n"
        "updated: 2020-01-01\n"
    )
    value = parse(out).value
    assert value["sources"][1] == source
    assert canonical(out, ORDER) == out


def test_append_item_adds_to_a_block_list_of_topics() -> None:
    out = append_item(BLOCK_TOPICS, ("topics",), "no", ORDER)
    assert out == BLOCK_TOPICS.replace("  - steel\n", "  - steel\n  - 'no'\n")


def test_append_item_makes_a_missing_list() -> None:
    milestone = {"description": {"en": "E", "nl": "N"}, "date": "2020-01-02"}
    out = append_item(minimal(), ("decision", "milestones"), milestone, ORDER)
    assert (
        "  milestones:\n    - date: 2020-01-02\n      description:\n"
        "        nl: N\n        en: E\nstance:"
    ) in out


def test_append_item_refuses_what_is_not_a_list() -> None:
    with pytest.raises(PositiesError, match=r"^the file: actor is not a list$"):
        append_item(minimal(), ("actor",), "x", ORDER)
    with pytest.raises(PositiesError, match=r"^the file: name the list to add to$"):
        append_item(minimal(), ("sources", 0), "x", ORDER)


# --- moves ---------------------------------------------------------------------------------

NESTED = """\
a: 1  # one
# above b
b:
  c: 2  # two
stances:
  - holder: EU  # the EU
    x: 3
  # before the second
  - holder: DE
    x: 4  # four
"""


def test_move_takes_values_into_a_new_item_with_their_comments() -> None:
    moves = [(("a",), ("stances", 2, "a")), (("b",), ("stances", 2, "b"))]
    values = [(("stances", 2, "holder"), "NL"), (("stances", 2, "since"), "2019-01-02")]
    out = layout.move(NESTED, moves, values, [], ORDER)
    assert out == (
        "stances:\n"
        "  - holder: EU  # the EU\n"
        "    x: 3\n"
        "  # before the second\n"
        "  - holder: DE\n"
        "    x: 4  # four\n"
        "  - holder: NL\n"
        "    since: 2019-01-02\n"
        "    a: 1  # one\n"
        "    # above b\n"
        "    b:\n"
        "      c: 2  # two\n"
    )
    assert parse(out).value["stances"][2]["since"] == "2019-01-02"
    assert canonical(out, ORDER) == out


def test_move_out_of_an_item_gives_its_comments_to_the_first_value_moved() -> None:
    moves = [(("stances", 0, "x"), ("x",))]
    out = layout.move(NESTED, moves, [], [("stances", 0)], ORDER)
    assert out == (
        "stances:\n"
        "  # before the second\n"
        "  - holder: DE\n"
        "    x: 4  # four\n"
        "a: 1  # one\n"
        "# above b\n"
        "b:\n"
        "  c: 2  # two\n"
        "x: 3  # the EU\n"
    )


def test_move_keeps_comments_of_later_items_on_them_when_an_item_goes() -> None:
    out = layout.move(NESTED, [], [], [("stances", 0), ("a",)], ORDER)
    assert out == (
        "stances:  # the EU\n"  # what held it, since nothing moved out of it
        "  # before the second\n"
        "  - holder: DE\n"
        "    x: 4  # four\n"
        "# above b\n"
        "b:\n"
        "  c: 2  # two\n"
        "  # one\n"  # a top-level key's: at the end
    )


def test_move_writes_a_value_quoted_where_a_reader_could_misread_it() -> None:
    out = layout.move("a: 1\n", [], [(("holder",), "NO")], [], ORDER)
    assert out == "holder: 'NO'\na: 1\n"
    assert yaml.safe_load(out)["holder"] == "NO"


@pytest.mark.parametrize(
    ("moves", "values", "drops", "message"),
    [
        ([(("z",), ("y",))], [], [], "the file has no z"),
        ([], [], [("stances", 5)], "the file has no stances[5]"),
        ([], [(("stances", 5, "x"), 1)], [], "the file has no place for stances[5]"),
        ([], [(("a", "x"), 1)], [], "the file has no place for a.x"),
    ],
)
def test_move_refuses_a_place_that_is_not_there(
    moves: list[Any], values: list[Any], drops: list[Any], message: str
) -> None:
    with pytest.raises(PositiesError) as error:
        layout.move(NESTED, moves, values, drops, ORDER)
    assert str(error.value) == message


def test_move_that_would_change_other_values_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = layout._arrange

    def wrong(node: Any, order: Any, column: int, path: Any, block: Any) -> None:
        real(node, order, column, path, block)
        if not path:
            node["b"]["c"] = 5

    monkeypatch.setattr(layout, "_arrange", wrong)
    with pytest.raises(PositiesError) as error:
        layout.move(NESTED, [(("a",), ("z",))], [], [], ORDER, "x.yaml")
    assert str(error.value) == (
        "x.yaml: laying the file out would change more than was moved; nothing was changed. "
        "Please report this with the file"
    )


# --- ruamel.yaml is imported only for a rewrite ----------------------------------------------


def test_ruamel_is_imported_only_by_a_rewrite(bundled: Path) -> None:
    script = (
        "import sys\n"
        "import posities.io.layout\n"
        "print(any(m.startswith('ruamel') for m in sys.modules))\n"
        "from posities.cli import app\n"
        "try:\n"
        "    app(['list'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(any(m.startswith('ruamel') for m in sys.modules))\n"
        "posities.io.layout.canonical('id: x\\n', posities.io.layout.position_key_order())\n"
        "print(any(m.startswith('ruamel') for m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[0] == "False"  # importing the module
    assert lines[1].startswith("ID ")  # list ran
    assert lines[-2:] == ["False", "True"]  # after list; after a rewrite


# --- property: idempotent, same data, every comment kept -------------------------------------

WORDS = st.sampled_from(
    ["de", "VS", "trade", "Israël", "–", "partners", "kritisch", "x" * 95, "a,b", "(c)"]
)
TRICKY = st.sampled_from(
    ["yes", "no", "2024-01-01", "012", "1e3", "null", "on", "a: b", "# h", "- d", "'q'"]
)


@st.composite
def texts(draw: st.DrawFn, indent: int) -> str:
    """A text value as YAML writes it after `key: `: plain, quoted or folded."""
    words = draw(st.lists(WORDS, min_size=1, max_size=24))
    sentence = " ".join(words)
    style = draw(st.sampled_from(["plain", "single", "double", "folded", "tricky"]))
    if style == "tricky":
        return "'" + draw(TRICKY).replace("'", "''") + "'"
    if style == "single":
        return "'" + sentence.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(sentence, ensure_ascii=False)
    if style == "folded" or sentence[0] in "-'(" or ", " in sentence:
        width = draw(st.integers(20, 120))
        lines, line = [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return ">-" + "".join(f"\n{' ' * (indent + 2)}{part}" for part in lines)
    return sentence


class Comments:
    """Unique comment texts, so that each can be found again once."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.made: list[str] = []

    def eol(self) -> str:
        if not self.draw(st.booleans()):
            return ""
        self.made.append(f"# c{len(self.made)} note")
        return "  " + self.made[-1]

    def above(self, indent: int) -> list[str]:
        lines = []
        for _ in range(self.draw(st.integers(0, 2))):
            if self.draw(st.booleans()):
                self.made.append(f"# c{len(self.made)} above")
                # no deeper than the key it stands above: after a block scalar, a deeper
                # line would be the scalar's text, not a comment
                lines.append(" " * self.draw(st.integers(0, indent)) + self.made[-1])
            else:
                lines.append("")
        return lines


def mapping(draw: st.DrawFn, keys: dict[str, Any], indent: int, notes: Comments) -> list[str]:
    """The lines of a block mapping of `keys` (a value: a callable drawing its lines after
    `key:`) in a drawn order, with comments."""
    names = draw(st.permutations(list(keys)))
    lines = []
    for name in names:
        lines += notes.above(indent)
        head, body = keys[name](indent)
        first = f"{' ' * indent}{name}:{' ' + head if head else ''}"
        if head.startswith(">-"):
            block = head.split("\n")
            lines += [f"{' ' * indent}{name}: >-{notes.eol()}", *block[1:]]
        else:
            lines.append(first + notes.eol())
        lines += body
    return lines


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A position-like document with comments everywhere, and its comments."""
    notes = Comments(draw)

    def text(indent: int) -> tuple[str, list[str]]:
        return draw(texts(indent)), []

    def date(_indent: int) -> tuple[str, list[str]]:
        return draw(st.sampled_from(["2018", "2018-05", "2018-05-14", "'2019'", "null"])), []

    def localized(indent: int) -> tuple[str, list[str]]:
        return "", mapping(draw, {"nl": text, "en": text}, indent + 2, notes)

    def slugs(indent: int) -> tuple[str, list[str]]:
        items = draw(st.lists(st.sampled_from(["trade", "stance", "summary", "yes"]), max_size=3))
        shown = [f"'{i}'" if i == "yes" else i for i in items]
        if not items or draw(st.booleans()):
            return "[" + ", ".join(shown) + "]", []
        dash = " " * (indent + draw(st.sampled_from([0, 2])))
        body = []
        for item in shown:
            body += notes.above(len(dash))
            body.append(f"{dash}- {item}{notes.eol()}")
        return "", body

    def sources(indent: int) -> tuple[str, list[str]]:
        dash = indent + draw(st.sampled_from([0, 2]))
        body = []
        for _ in range(draw(st.integers(1, 2))):
            fields = {"title": text, "kind": text, "date": date, "supports": slugs, "quote": text}
            if draw(st.booleans()):
                fields["note"] = text
            lines = mapping(draw, fields, dash + 2, notes)
            body += notes.above(dash)
            first = next(i for i, line in enumerate(lines) if line.strip() and ":" in line)
            lines[first] = " " * dash + "- " + lines[first][dash + 2 :]
            body += lines
        return "", body

    def stances(indent: int) -> tuple[str, list[str]]:
        dash = indent + draw(st.sampled_from([0, 2]))
        body = []
        for _ in range(draw(st.integers(1, 2))):
            fields = {
                "holder": lambda _i: (draw(st.sampled_from(["EU", "DE", "'NO'"])), []),
                "stance": lambda _i: (draw(st.sampled_from(["critical", "supports"])), []),
                "means_differ": lambda _i: (draw(st.sampled_from(["true", "null"])), []),
                "since": date,
                "sources": sources,
                "updated": date,
            }
            if draw(st.booleans()):
                fields["summary"] = localized
            if draw(st.booleans()):
                fields["until"] = date
            lines = mapping(draw, fields, dash + 2, notes)
            body += notes.above(dash)
            first = next(i for i, line in enumerate(lines) if line.strip() and ":" in line)
            lines[first] = " " * dash + "- " + lines[first][dash + 2 :]
            body += lines
        return "", body

    def relations(indent: int) -> tuple[str, list[str]]:
        dash = " " * (indent + draw(st.sampled_from([0, 2])))
        body = []
        for _ in range(draw(st.integers(1, 3))):
            keys = {
                "type": draw(st.sampled_from(["reverses", "related", "responds-to"])),
                "id": draw(st.sampled_from(["other", "jcpoa", "'yes'"])),
            }
            order = draw(st.permutations(list(keys)))
            body += notes.above(len(dash))
            if draw(st.booleans()):
                pairs = ", ".join(f"{key}: {keys[key]}" for key in order)
                body.append(f"{dash}- {{{pairs}}}{notes.eol()}")
            else:
                body.append(f"{dash}- {order[0]}: {keys[order[0]]}{notes.eol()}")
                body.append(f"{dash}  {order[1]}: {keys[order[1]]}{notes.eol()}")
        return "", body

    top = {
        "id": lambda _i: ("a-decision", []),
        "title": localized,
        "actor": text,
        "decision": lambda i: (
            "",
            mapping(draw, {"date": date, "description": localized}, 2, notes),
        ),
        "stance": lambda _i: ("critical", []),
        "goal_shared": lambda _i: (draw(st.sampled_from(["true", "false", "null"])), []),
        "summary": localized,
        "topics": slugs,
        "sources": sources,
        "updated": date,
        "extra": text,
    }
    optional = {"since": date, "until": date, "stances": stances, "relations": relations}
    for name, value in optional.items():
        if draw(st.booleans()):
            top[name] = value
    head = notes.above(0)
    lines = head + mapping(draw, top, 0, notes) + notes.above(0)
    return "\n".join(lines) + "\n", notes.made


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_layout_is_idempotent_keeps_the_data_and_every_comment(
    document: tuple[str, list[str]],
) -> None:
    text, comments = document
    out = canonical(text, ORDER)
    assert canonical(out, ORDER) == out
    assert same_record(text, out)
    for comment in comments:
        assert out.count(comment) == 1, comment
    assert list(parse(out).value) == [k for k in ORDER.keys if k in parse(out).value] + ["extra"]
