"""Adding to a YAML text in place: a key after the one before it and a nested list item, each
written as `posities fmt` lays it out, every other byte kept."""

from __future__ import annotations

import pytest

from posities.io.yamledit import NotInPlace, append_item, insert_key, mapping_lines
from posities.io.yamlread import parse

pytestmark = pytest.mark.usefixtures("parser")  # each test with both parsers

TEXT = """\
# a position
stance: critical
goal_shared: null  # not said
summary:
  nl: >-
    Een lange
    tekst.
  en: Short.

# the letters
sources:
  - title: Brief
    quote: Q.
updated: 2020-01-01
"""


def test_a_key_goes_after_the_key_before_it_with_its_comment() -> None:
    text = insert_key(TEXT, (), "until", "2021-01-20", ["since", "goal_shared"], ["until"])
    assert text == TEXT.replace("# not said\n", "# not said\nuntil: 2021-01-20\n")


def test_a_key_after_a_folded_text_goes_before_the_blank_line_and_comment() -> None:
    text = insert_key(TEXT, ("summary",), "de", "Kurz.", ["en"])
    assert text == TEXT.replace("  en: Short.\n", "  en: Short.\n  de: Kurz.\n")
    text = insert_key(TEXT, (), "topics", ["a", "b"], ["summary"])
    assert text == TEXT.replace("  en: Short.\n", "  en: Short.\ntopics: [a, b]\n")


def test_a_nested_list_is_written_as_blocks() -> None:
    item = {
        "holder": "EU",
        "since": "2021-01-20",
        "summary": {"nl": "Ja.", "en": "Yes."},
        "sources": [{"title": "T", "supports": ["stance"], "quote": "Q."}],
    }
    text = insert_key(TEXT, (), "stances", [item], ["updated"], ["since"])
    assert text == TEXT + (
        "stances:\n"
        "  - holder: EU\n"
        "    since: 2021-01-20\n"
        "    summary:\n"
        "      nl: Ja.\n"
        "      en: Yes.\n"
        "    sources:\n"
        "      - title: T\n"
        "        supports: [stance]\n"
        "        quote: Q.\n"
    )
    again = append_item(text, ("stances",), {**item, "holder": "DE"}, ["since"])
    assert again == text + text[text.index("  - holder: EU") :].replace("EU", "DE")
    assert parse(again).value["stances"] == [item, {**item, "holder": "DE"}]


def test_line_ends_and_a_missing_last_line_end_are_kept() -> None:
    crlf = TEXT.replace("\n", "\r\n").removesuffix("\r\n")
    text = insert_key(crlf, (), "relations", [{"type": "related", "id": "b"}], ["updated"])
    assert text == crlf + "\r\nrelations:\r\n  - type: related\r\n    id: b\r\n"


@pytest.mark.parametrize(
    ("text", "path", "after"),
    [
        ("a: {b: 1}\n", ("a",), ["b"]),  # a flow mapping
        ("a: 1\n", (), ["z"]),  # nothing to follow
        ("a: 1\nb: 2\n", (), ["a"]),  # there already (b is the key added below)
    ],
)
def test_what_cannot_be_added_in_place_is_said(
    text: str, path: tuple[str, ...], after: list[str]
) -> None:
    with pytest.raises(NotInPlace):
        insert_key(text, path, "b", 3, after)


def test_mapping_lines_fold_a_long_text_under_its_key() -> None:
    long = " ".join(["word"] * 30)
    lines = mapping_lines({"quote": long, "date": "2020-01-01"}, "    ", "  - ", "\n", ["date"])
    text = "\n".join(lines).splitlines()
    assert text[0] == "  - quote: >-"
    assert all(line.startswith("      word") for line in text[1:-1])
    assert text[-1] == "    date: 2020-01-01"
    assert parse("\n".join(lines)).value == [{"quote": long, "date": "2020-01-01"}]
    assert mapping_lines({"date": "2020"}, "", "", "\n", ["date"]) == ['date: "2020"']
