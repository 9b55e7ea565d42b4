"""Strict YAML reading: core-schema values, locations, and everything a register refuses."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from posities.io.yamlread import YamlError, parse, resolve_plain

from ..conftest import invoke, minimal, write

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
        (".5", 0.5),
        ("-1.", -1.0),
        ("1e3", 1000.0),
        ("+12.5E-1", 1.25),
        (".inf", math.inf),
        ("+.Inf", math.inf),
        ("-.INF", -math.inf),
        # YAML 1.1 readers turn these into booleans, numbers or dates; 1.2 keeps strings.
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("NO", "NO"),
        ("1:20", "1:20"),
        ("2018-06-01", "2018-06-01"),
        ("017x", "017x"),
        # spellings the core schema leaves as strings, though Python's float() reads some
        ("inf", "inf"),
        ("-inf", "-inf"),
        ("nan", "nan"),
        ("-.nan", "-.nan"),
        (".iNf", ".iNf"),
        ("1_000", "1_000"),
        ("0X1F", "0X1F"),
        ("0O17", "0O17"),
        ("0o", "0o"),
        ("0x", "0x"),
        ("1e", "1e"),
        (".", "."),
        ("-", "-"),
        ("١٢", "١٢"),
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


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_not_a_number_is_a_float(text: str) -> None:
    value = resolve_plain(text)
    assert type(value) is float
    assert math.isnan(value)


def test_infinity_and_not_a_number_read_as_floats_in_a_document() -> None:
    doc = parse("a: .inf\nb: -.Inf\nc: [.NaN]\nd: !!float .INF\ne: !!float 1\n")
    assert doc.value["a"] == math.inf
    assert doc.value["b"] == -math.inf
    assert math.isnan(doc.value["c"][0])
    assert doc.value["d"] == math.inf
    assert type(doc.value["e"]) is float
    assert doc.where(("c", 0)) == (3, 5)


def test_infinity_is_not_a_valid_int() -> None:
    error = refusal("a: !!int .inf\n")
    assert (error.message, error.location) == ("'.inf' is not a valid !!int", (1, 4))


def test_infinity_as_a_key_is_refused() -> None:
    error = refusal("a: 1\n.inf: 2\n")
    assert (error.message, error.location) == ("a key must be a plain string", (2, 1))


def limit() -> int:
    """The most decimal digits Python turns into an integer and back."""
    return sys.get_int_max_str_digits() or 4300


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("a: 1\nb: {number}\n", (2, 4)),
        ("a: [1, -{number}]\n", (1, 8)),
        ("a: !!int {number}\n", (1, 4)),
        ("a: !!float {number}\n", (1, 4)),
        ("a: 1\n? {number}\n: 2\n", (2, 3)),  # a simple key has at most 1024 characters
        ("a: 0x{hex}\n", (1, 4)),
    ],
)
def test_a_number_too_long_to_read_is_refused_where_it_stands(
    text: str, location: tuple[int, int]
) -> None:
    number, hexadecimal = "9" * (limit() + 1), "f" * limit()
    error = refusal(text.format(number=number, hex=hexadecimal))
    assert error.location == location
    assert error.message.endswith(
        f"is a number too long to read (more than {limit()} digits); put it in quotes if it is text"
    )


def test_the_longest_numbers_python_can_write_out_are_read() -> None:
    largest = "9" * limit()
    assert resolve_plain(largest) == int(largest)
    assert resolve_plain("-" + largest) == -int(largest)
    assert resolve_plain("0x" + "f" * 500) == 16**500 - 1
    assert resolve_plain("0o" + "7" * 600) == 8**600 - 1
    assert resolve_plain("1" * 5000 + ".5") == math.inf  # floats have no such limit
    assert parse(f"a: '{largest}9'\n").value == {"a": f"{largest}9"}


def test_an_integer_tagged_float_beyond_the_largest_float_is_infinite() -> None:
    assert parse("a: !!float " + "9" * 700 + "\n").value == {"a": math.inf}
    assert parse("a: !!float -" + "9" * 700 + "\n").value == {"a": -math.inf}
    assert parse("a: !!float 0x" + "f" * 300 + "\n").value == {"a": math.inf}
    assert parse("a: !!float 0x" + "f" * 200 + "\n").value == {"a": float(16**200 - 1)}


def test_without_a_limit_every_number_is_read() -> None:
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert resolve_plain("9" * 5000) == 10**5000 - 1
    finally:
        sys.set_int_max_str_digits(before)


NUMBER_PARTS = st.sampled_from(
    ["-", "+", ".", "0", "1", "7", "9", "e", "E", "o", "x", "f", "F", "_", ":", " ", "a",
     "inf", "Inf", "INF", "nan", "NaN", "NAN", "0x", "0o", "9" * 5000, "f" * 4000]
)  # fmt: skip


@given(st.lists(NUMBER_PARTS, min_size=1, max_size=8).map("".join))
@example(".inf")
@example("-.Inf")
@example(".NaN")
@example("9" * 5000)
def test_a_plain_scalar_resolves_or_is_refused_with_a_yaml_error(text: str) -> None:
    error: YamlError | None = None
    value: object = None
    try:
        value = resolve_plain(text)
    except YamlError as caught:
        error = caught
    if error is None:
        assert type(value) in (str, int, float, bool, type(None))
    else:
        assert error.message.endswith("put it in quotes if it is text")
        assert error.location is None


@given(
    st.lists(NUMBER_PARTS, min_size=1, max_size=8).map("".join),
    st.sampled_from(["", "!!int ", "!!float ", "!!bool ", "!!null ", "!!str "]),
)
@example(".inf", "")
@example("-.Inf", "")
@example(".NaN", "")
@example("9" * 5000, "")
@example("9" * 700, "!!float ")
def test_a_number_like_value_parses_or_is_refused_with_a_location(text: str, tag: str) -> None:
    error: YamlError | None = None
    try:
        parse(f"a: {tag}{text}\n{text}: b\n")
    except YamlError as caught:
        error = caught
    assert error is None or error.location is not None


def test_check_names_the_wrong_type_of_infinity_and_not_a_number(
    runner: CliRunner, empty_register: Path
) -> None:
    text = (
        minimal("a")
        .replace("actor: US", "actor: -.Inf")
        .replace("goal_shared: null", "goal_shared: .NaN")
        .replace("means_differ: null", "means_differ: .inf")
    )
    write(empty_register, "a.yaml", text)
    code, out, err = invoke(runner, "check")
    assert code == 1
    assert out.splitlines() == [
        "positions/a.yaml:5:8: actor must be a string; got the number -inf",
        "positions/a.yaml:12:14: goal_shared must be true, false or null (unknown); "
        "got the number nan",
        "positions/a.yaml:13:15: means_differ must be true, false or null (unknown); "
        "got the number inf",
    ]
    assert err == "3 problems in 1 file.\n"


def test_check_names_a_number_too_long_to_read(runner: CliRunner, empty_register: Path) -> None:
    write(empty_register, "x.yaml", "x: " + "1" * (limit() + 1) + "\n")
    code, out, err = invoke(runner, "check")
    assert code == 1
    assert out == (
        "positions/x.yaml:1:4: '" + "1" * 60 + "…' is a number too long to read "
        f"(more than {limit()} digits); put it in quotes if it is text\n"
    )
    assert err == "1 problem in 1 file.\n"
