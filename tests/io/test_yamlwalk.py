"""The one walk over YAML events: what it yields, that its marks mean the same with libyaml and
with PyYAML's own parser, and that posities reads the same register without libyaml."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from posities.errors import PositiesError, YamlError
from posities.io import yamlwalk
from posities.io.yamledit import spans
from posities.io.yamlread import parse
from posities.io.yamlwalk import DOCUMENT, END, MAPPING, SCALAR, SEQUENCE, walk

from ..conftest import BUNDLED

needs_libyaml = pytest.mark.skipif(yamlwalk.C_PARSER is None, reason="this PyYAML has no libyaml")


def test_the_walk_gives_each_node_its_key_path_and_key_event(parser: str) -> None:
    text = "a: x\nb:\n  - 1\n  - {c: y}\n"
    items = [(kind, key, path) for kind, key, path, *_ in walk(text, paths=True)]
    assert items == [
        (DOCUMENT, None, ()),
        (MAPPING, None, ()),
        (SCALAR, "a", ("a",)),
        (SEQUENCE, "b", ("b",)),
        (SCALAR, 0, ("b", 0)),
        (MAPPING, 1, ("b", 1)),
        (SCALAR, "c", ("b", 1, "c")),
        (END, 1, ("b", 1)),
        (END, "b", ("b",)),
        (END, None, ()),
    ]
    keys = [k.value for _, _, _, _, k, _ in walk(text) if k is not None]
    assert keys == ["a", "b", "c"]  # a mapping's value comes with its key's event


def test_without_paths_the_walk_gives_keys_only(parser: str) -> None:
    assert {path for _, _, path, *_ in walk("a: [x, {b: y}]\n")} == {()}


def test_an_end_spans_its_collection_from_start_to_end(parser: str) -> None:
    text = "a: [x, y]  # note\n"
    ends = [(start, end) for kind, _, _, start, _, end in walk(text) if kind == END]
    start, end = ends[0]
    assert text[start.start_mark.index : end.index] == "[x, y]"


# Each text with the place (1-based line, column) and the exact source text of one value.
PLACES = [
    ("a: é𝄞x\nb: 'ü' # 𝄞\nc: [𝄞, d]\n", ("c", 1), (3, 8), "d"),
    ("a: é𝄞x\nb: 'ü' # 𝄞\n", ("b",), (2, 4), "'ü'"),
    ("t: 𝄞𝄞𝄞 ‘é’\nu: >-\n  𝄞 é\n  z\n", ("u",), (2, 4), ">-\n  𝄞 é\n  z"),
    ("\ufeffa: 1\nb: é\n", ("a",), (1, 4), "1"),
    ("\ufeffa: 1\nb: é\n", ("b",), (2, 4), "é"),
    ("a: 1\r\nb: é𝄞\r\nc: z\r\n", ("c",), (3, 4), "z"),
    ('a: 1\nb: ["\ufeff", z]\n', ("b", 1), (2, 10), "z"),  # a BOM inside the text is a column
    ("a: x\u2028b: y\x85c: z\n", ("c",), (3, 4), "z"),  # YAML's other line breaks
    ("a:\tb\t\nc: [1,\t2]\n", ("c", 1), (2, 8), "2"),
]


@pytest.mark.parametrize(("text", "path", "place", "source"), PLACES)
def test_values_are_placed_alike_after_non_ascii_astral_bom_and_crlf(
    parser: str, text: str, path: tuple[str | int, ...], place: tuple[int, int], source: str
) -> None:
    assert parse(text).where(path) == place
    span = spans(text)[path]
    assert text[span.start : span.end].rstrip("\n") == source


@pytest.mark.parametrize(
    ("text", "message", "location"),
    [
        ("a: é𝄞\x07\n", "character U+0007 is not allowed", (1, 6)),
        ("a: 1\nb: €\x00\n", "character U+0000 is not allowed", (2, 5)),
        ("\ufeffa: é\x07", "character U+0007 is not allowed", (1, 5)),
        ("a: é\ud800\n", "character U+D800 is not allowed", (1, 5)),
        ('a: "x\\U0000D800"\n', "invalid Unicode character escape code", (1, 8)),
        ('a: "é\\udfff"\n', "invalid Unicode character escape code", (1, 8)),
        ('a: "é\\U00110000"\n', "invalid Unicode character escape code", (1, 8)),
        ("%YAML 1.3\n---\na: 1\n", "unsupported %YAML directive", (1, 1)),
        ("%YAML 2.0\n---\na: 1\n", "unsupported %YAML directive", (1, 1)),
    ],
)
def test_unreadable_text_is_refused_alike(
    parser: str, text: str, message: str, location: tuple[int, int]
) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert message in caught.value.message
    assert caught.value.location == location


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a:\tb\nc: d\t\ne: [1,\t2]\n", {"a": "b", "c": "d", "e": [1, 2]}),
        ("a: b\tc  \t d\n", {"a": "b\tc  \t d"}),
        ("a: b\t\n  \tc\n", {"a": "b c"}),
        ("a: b\t# note\n", {"a": "b"}),
        ("a: >-\t\n  b\nc: |#\n  d\n", {"a": "b", "c": "d\n"}),
        ("- a\n-\tb\n", None),  # a tab after `-` would indent
        ("a:\n\tb: 1\n", None),
    ],
)
def test_tabs_separate_values_as_libyaml_has_it(parser: str, text: str, value: Any) -> None:
    if value is None:
        with pytest.raises(YamlError):
            parse(text)
    else:
        assert parse(text).value == value


def test_the_editor_refuses_a_collection_as_a_key(parser: str) -> None:
    with pytest.raises(PositiesError, match="a key must be a plain string"):
        spans("? [a, b]\n: 1\n")


def outcome(text: str, c_parser: Any) -> tuple[Any, ...]:
    """What reading and editing make of `text` with one parser: the value with every place and
    every span, or a refusal (its words and place may differ between the parsers)."""
    saved = yamlwalk.C_PARSER
    yamlwalk.C_PARSER = c_parser
    try:
        doc = parse(text)
        value = repr(doc.value) if _has_nan(doc.value) else doc.value
        return ("read", value, doc.values, doc.keys, spans(text))
    except YamlError:
        return ("refused",)
    finally:
        yamlwalk.C_PARSER = saved


def _has_nan(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_nan(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nan(v) for v in value)
    return isinstance(value, float) and math.isnan(value)


PIECES = [
    *"ab: -?[]{},#&*!|>'\"%@`\n\t\r\\xé𝄞\ufeff\u2028\x85.01~",
    *["\r\n", "  ", "a: ", "- ", "\n  ", "'x'", '"\\u00e9"', "|\n  x\n", ">-\n  y\n", "---", "..."],
]


TAB_AFTER_TAG = re.compile(r"![^ \n]*\t")
"""What PyYAML's parser still refuses and libyaml reads: `!!str\tx`."""


@needs_libyaml
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_both_parsers_read_any_text_alike(text: str) -> None:
    assume(not TAB_AFTER_TAG.search(text))
    assert outcome(text, None) == outcome(text, yamlwalk.C_PARSER)


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "? a",  # an empty value at the end of the text: libyaml puts that end on a new line
        "a:\n  b:",
        "a: b\n# c",
        "a: 'x\ty'\t\nb: \"\\t\"\n",
        "a: b\n\n  c\n\td: e\n",
        "a: x\ufeffy\nb: z\n",
        "\ufeff\ufeffa: 1\n",
        "a: 1\n\ufeffb: 2\n",
        "- [a, {b: c}]\n- ? d\n  : e\n",
    ],
)
def test_both_parsers_read_these_alike(text: str) -> None:
    assert outcome(text, None) == outcome(text, yamlwalk.C_PARSER)


@needs_libyaml
@pytest.mark.parametrize("name", sorted(p.name for p in BUNDLED.glob("*.yaml")))
def test_both_parsers_read_the_bundled_files_alike(name: str) -> None:
    text = (BUNDLED / name).read_text(encoding="utf-8")
    read = outcome(text, yamlwalk.C_PARSER)
    assert read[0] == "read"
    assert outcome(text, None) == read


WITHOUT_LIBYAML = """
import sys
sys.modules["yaml._yaml"] = None  # as when PyYAML was built without libyaml
from posities.cli import run
sys.argv[0] = "posities"
run()
"""
WITH_LIBYAML = "import sys; from posities.cli import run; sys.argv[0] = 'posities'; run()"


def _posities(code: str, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "POSITIES_NO_CACHE": "1", "COLUMNS": "100", "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_without_libyaml_the_walk_reads_with_pyyaml() -> None:
    probe = "import sys; sys.modules['yaml._yaml'] = None\nfrom posities.io import yamlwalk\n"
    code, out, err = _posities(probe + "print(yamlwalk.C_PARSER)")
    assert (code, out, err) == (0, "None\n", "")


@pytest.mark.parametrize("command", [["list"], ["check"], ["list", "--format", "json"]])
def test_without_libyaml_list_and_check_print_the_same(bundled: Path, command: list[str]) -> None:
    without = _posities(WITHOUT_LIBYAML, *command)
    assert without[0] == 0
    assert "jcpoa" in without[1] or without[2] == "5 positions checked: no problems.\n"
    assert without == _posities(WITH_LIBYAML, *command)


def test_no_other_module_walks_yaml_events() -> None:
    here = Path(yamlwalk.__file__)
    walking = re.compile(r"yaml\.parse\(|\.get_event\(|yaml\._yaml|\bCParser\b|\bParser\(")
    others = [
        str(path.relative_to(here.parent.parent))
        for path in sorted(here.parent.parent.rglob("*.py"))
        if path != here and walking.search(path.read_text(encoding="utf-8"))
    ]
    assert others == []
