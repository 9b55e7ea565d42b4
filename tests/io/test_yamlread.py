"""Strict YAML reading: core-schema values, locations, and everything a register refuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posities.io.yamlread import YamlError, parse, resolve_plain

pytestmark = pytest.mark.usefixtures("parser")  # each test with both parsers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        # YAML 1.1 readers turn these into booleans, numbers or dates; 1.2 keeps strings.
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("NO", "NO"),
        ("1:20", "1:20"),
        ("2018-06-01", "2018-06-01"),
        ("017x", "017x"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_values_and_keys_are_located_one_based() -> None:
    doc = parse("a: 1\nb:\n  - x\n  - {c: 'y'}\n")
    assert doc.value == {"a": 1, "b": ["x", {"c": "y"}]}
    assert doc.where(("a",)) == (1, 4)
    assert doc.where_key(("b",)) == (2, 1)
    assert doc.where(("b", 1, "c")) == (4, 9)
    assert doc.where(("b", 5)) == (3, 3)  # falls back to the nearest enclosing value


def test_quoted_scalars_stay_strings() -> None:
    assert parse("a: 'true'\nb: \"12\"\nc: !!str 5\n").value == {"a": "true", "b": "12", "c": "5"}


def refusal(text: str) -> YamlError:
    with pytest.raises(YamlError) as caught:
        parse(text)
    return caught.value


def test_duplicate_keys_name_both_lines() -> None:
    error = refusal("a: 1\nb: 2\na: 3\n")
    assert error.location == (3, 1)
    assert "duplicate key 'a' (first defined at line 1)" in error.message


def test_duplicate_keys_in_nested_mappings() -> None:
    error = refusal("s:\n  - t: 1\n    t: 2\n")
    assert error.location == (3, 5)
    assert "duplicate key 't'" in error.message


@pytest.mark.parametrize(
    ("text", "fragment", "location"),
    [
        ("a: &x 1\nb: 2\n", "anchors (&x) are not allowed", (1, 4)),
        ("a: &x [1]\nb: *x\n", "anchors (&x) are not allowed", (1, 4)),
        (
            "a: !!python/object:os.system x\n",
            "tag 'tag:yaml.org,2002:python/object:os.system'",
            (1, 4),
        ),
        ("a: !custom x\n", "tag '!custom' is not allowed", (1, 4)),
        ("a: !!python/tuple [1]\n", "is not allowed", (1, 4)),
        ("a: !!binary aGk=\n", "is not allowed", (1, 4)),
        ("a: !!int x\n", "'x' is not a valid !!int", (1, 4)),
        ("%YAML 1.1\n---\na: 1\n", "%YAML 1.1 directive", (1, 1)),
        ("%YAML 1.3\n---\na: 1\n", "unsupported %YAML directive", (1, 1)),
        ("a: 1\n---\nb: 2\n", "several documents", (2, 1)),
        ("a:\n\tb: 1\n", "tab character in indentation", (2, 1)),
        ("a: [1\n", "invalid YAML", None),
        ("? [a, b]\n: 1\n", "a key must be a plain string", (1, 3)),
        ("1: x\n", "a key must be a plain string", (1, 1)),
    ],
)
def test_refusals_are_located(text: str, fragment: str, location: tuple[int, int] | None) -> None:
    error = refusal(text)
    assert fragment in error.message
    if location is not None:
        assert error.location == location
    else:
        assert error.location is not None


def test_alias_without_anchor_event_is_refused() -> None:
    # an alias to no anchor is refused as an alias: nothing is ever expanded.
    error = refusal("a: *x\n")
    assert error.location == (1, 4)
    assert error.message.startswith("aliases (*name) are not allowed")


def test_yaml_1_2_directive_is_accepted() -> None:
    assert parse("%YAML 1.2\n---\na: 1\n").value == {"a": 1}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_files_are_refused(text: str) -> None:
    assert "empty" in refusal(text).message


def test_deep_nesting_is_capped() -> None:
    assert "nesting deeper than" in refusal("a: " + "[" * 40 + "]" * 40 + "\n").message
    # the cap stops absurd depths as they are read, before anything deeper is built.
    assert refusal("a: " + "[" * 100000).location is not None
    assert refusal("- " * 5000 + "x").location is not None


def test_billion_laughs_is_refused_before_expansion() -> None:
    lol = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    assert "anchors" in refusal(lol).message


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused_with_a_yaml_error(text: str) -> None:
    error: YamlError | None = None
    try:
        parse(text)
    except YamlError as caught:
        error = caught
    if error is not None:
        assert error.message
        line, column = error.location or (1, 1)
        assert line >= 1
        assert column >= 1
