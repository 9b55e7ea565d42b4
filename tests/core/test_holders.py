"""A register's `posities.toml`: the own holder and the declared holders, every mistake in it
reported once at its line and column with what was expected; and a holder code as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.holders import check_code, parse_holders, read_holders
from posities.errors import Problem, UsageError
from posities.model.holders import DEFAULT, Holders
from posities.model.records import Localized

from ..conftest import write

LABEL = "positions/posities.toml"
DECLARED = """\
holder = "NL"

[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
EU = {nl = "Europese Unie", en = "European Union"}
US = {nl = "Verenigde Staten", en = "United States"}
"""


def parsed(text: str | bytes) -> tuple[Holders, list[str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    holders, problems = parse_holders(data, LABEL)
    return holders, [str(p) for p in problems]


def only(text: str | bytes) -> str:
    _, problems = parsed(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_without_a_file_the_own_holder_is_nl_and_any_code_is_known(tmp_path: Path) -> None:
    holders, problems = read_holders(tmp_path)
    assert (holders, problems) == (DEFAULT, [])
    assert (holders.own, holders.declared) == ("NL", False)
    assert holders.knows("XY")
    assert holders.knows("UN-HRC")
    assert holders.name("EU", "nl") == "EU"


def test_declared_holders_are_read_in_their_order(tmp_path: Path) -> None:
    write(tmp_path, "posities.toml", DECLARED)
    holders, problems = read_holders(tmp_path)
    assert problems == []
    assert (holders.own, holders.declared, list(holders.names)) == ("NL", True, ["NL", "EU", "US"])
    assert holders.names["EU"] == Localized("Europese Unie", "European Union")
    assert holders.knows("US")
    assert not holders.knows("DE")
    assert (holders.name("US", "nl"), holders.name("US", "en")) == (
        "Verenigde Staten",
        "United States",
    )


def test_another_own_holder(tmp_path: Path) -> None:
    write(tmp_path, "posities.toml", DECLARED.replace('holder = "NL"', 'holder = "EU"'))
    assert read_holders(tmp_path)[0].own == "EU"


def test_an_own_holder_without_declared_holders_is_enough() -> None:
    assert parsed('holder = "DE"\n') == (Holders("DE", {}, False), [])


def test_holders_as_tables_of_their_own_read_the_same() -> None:
    text = '[holders.NL]\nnl = "Nederland"\nen = "the Netherlands"\n'
    holders, problems = parsed(text)
    assert problems == []
    assert holders.names == {"NL": Localized("Nederland", "the Netherlands")}


def test_a_byte_order_mark_is_allowed() -> None:
    assert parsed("\ufeff" + DECLARED) == parsed(DECLARED)


def test_a_file_that_cannot_be_read_is_a_problem_and_the_defaults_hold(tmp_path: Path) -> None:
    (tmp_path / "posities.toml").mkdir()
    holders, problems = read_holders(tmp_path)
    assert holders == DEFAULT
    assert [p.message for p in problems] == ["cannot read: Is a directory"]


def test_a_pipe_or_a_device_in_its_place_is_refused_without_waiting(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "posities.toml")
    assert [str(p) for p in read_holders(tmp_path)[1]] == [
        f"{tmp_path / 'posities.toml'}: cannot read: it is a pipe, not a file"
    ]
    (tmp_path / "posities.toml").unlink()
    (tmp_path / "posities.toml").symlink_to("/dev/zero")
    assert [p.message for p in read_holders(tmp_path)[1]] == [
        "cannot read: it is a device, not a file"
    ]


def test_a_file_too_large_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    write(tmp_path, "posities.toml", DECLARED + "# " + "x" * 70_000 + "\n")
    assert [p.message for p in read_holders(tmp_path)[1]] == [
        "the file is larger than the 64 KiB posities.toml may be: it declares the own holder "
        "and the holders, no more"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a = " + "[" * 30_000 + "]" * 30_000 + "\n", 1),
        ("a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n", 1),
        ("a = [\n" + "[\n" * 3000 + "]\n" * 3000 + "]\n", 65),
        ('holder = "NL"\n' + "a" + ".a" * 30_000 + " = 1\n", 2),
        ("[" + ".".join(["a"] * 30_000) + "]\n", 1),
    ],
)
def test_deep_nesting_is_refused_at_its_line(text: str, line: int) -> None:
    assert only(text) == (
        f"{LABEL}:{line}:1: nested too deeply: posities.toml holds holder = CODE and a "
        "[holders] table of CODE = {nl = ..., en = ...}"
    )


def test_dots_and_brackets_in_strings_and_comments_are_not_nesting() -> None:
    text = DECLARED + "# " + "." * 200 + "[" * 100 + "\n"
    text = text.replace('"Europese Unie"', '"' + "[{." * 100 + '"')
    holders, problems = parsed(text)
    assert problems == []
    assert holders.name("EU", "nl") == "[{." * 100


# --- mistakes: one problem each, at its line and column ----------------------------------------


def test_bad_toml_is_reported_at_its_line_and_column() -> None:
    assert only('holder = "NL"\n[holders]\nEU = {nl = "E", en = }\n') == (
        f"{LABEL}:3:22: not valid TOML: Invalid value"
    )
    assert only("holder = NL\n") == f"{LABEL}:1:10: not valid TOML: Invalid value"


def test_a_key_given_twice_is_bad_toml() -> None:
    assert only('holder = "NL"\nholder = "EU"\n').startswith(f"{LABEL}:2:")


def test_not_utf8_is_reported_at_the_byte() -> None:
    data = b'holder = "NL"\n[holders]\nNL = {nl = "Nederl\xe4nd", en = "N"}\n'
    holders, problems = parsed(data)
    assert holders == DEFAULT
    assert problems == [f"{LABEL}:3:19: not valid UTF-8 (byte 0xe4); save the file as UTF-8"]


def test_not_utf8_after_a_byte_order_mark_is_at_its_column() -> None:
    assert parsed(b'\xef\xbb\xbfholder = "N\xc9"\n')[1] == [
        f"{LABEL}:1:12: not valid UTF-8 (byte 0xc9); save the file as UTF-8"
    ]


def test_a_name_in_a_table_of_its_own_is_reported_at_its_line() -> None:
    text = (
        '[holders.NL]\nnl = "Nederland"\nen = "the Netherlands"\n\n'
        '[holders.EU]\nnl = "E"\nen = ""\n'
    )
    assert only(text) == f"{LABEL}:7:6: holders.EU.en must not be empty"
    assert only(text.replace('en = ""\n', "")) == (
        f'{LABEL}:5:1: holders.EU has no English name: add en = "..."'
    )


def test_an_unknown_key_is_named_with_the_closest_one() -> None:
    assert only('holdr = "NL"\n') == (
        f"{LABEL}:1:1: unknown key 'holdr'; did you mean 'holder'? "
        "Expected: holder (the register's own holder) and [holders]"
    )
    assert only('holder = "NL"\n\n  colour = 3\n') == (
        f"{LABEL}:3:3: unknown key 'colour'. "
        "Expected: holder (the register's own holder) and [holders]"
    )
    assert only("[holdrs]\n") == (
        f"{LABEL}:1:1: unknown key 'holdrs'; did you mean 'holders'? "
        "Expected: holder (the register's own holder) and [holders]"
    )


def test_a_list_instead_of_a_table_of_holders() -> None:
    assert only('holders = ["NL", "EU"]\n') == (
        f"{LABEL}:1:11: holders must be a table: [holders] with NL = {{nl = ..., en = ...}}; "
        "got a list"
    )


def test_a_table_instead_of_the_own_holders_code() -> None:
    assert only('holder = {nl = "Nederland", en = "the Netherlands"}\n') == (
        f"{LABEL}:1:10: holder must be a holder code (uppercase letters and digits, such as "
        "NL, EU or US); got a table"
    )
    assert only("holder = 3\n") == (
        f"{LABEL}:1:10: holder must be a holder code (uppercase letters and digits, such as "
        "NL, EU or US); got the number 3"
    )


def test_a_name_instead_of_a_table_of_names() -> None:
    text = DECLARED.replace('EU = {nl = "Europese Unie", en = "European Union"}', 'EU = "EU"')
    assert only(text) == (
        f"{LABEL}:5:6: holders.EU must give its Dutch and English names: "
        'EU = {nl = "...", en = "..."}; got the string \'EU\''
    )


@pytest.mark.parametrize(
    ("names", "column", "message"),
    [
        ('{nl = "Europese Unie"}', 6, 'holders.EU has no English name: add en = "..."'),
        ('{en = "European Union"}', 6, 'holders.EU has no Dutch name: add nl = "..."'),
        (
            '{nl = "E", en = "E", de = "E"}',
            6,
            "unknown key 'de' in holders.EU. Expected: nl and en",
        ),
        ('{nl = "E", en = ""}', 6, "holders.EU.en must not be empty"),
        ('{nl = "E", en = "  "}', 6, "holders.EU.en must not be empty"),
        ('{nl = "E", en = 3}', 6, "holders.EU.en must be a name; got the number 3"),
        ('{nl = "E\\nU", en = "E"}', 6, "holders.EU.nl must be a single line"),
        (
            '{nl = "E", en = "\\u202eUE"}',
            6,
            "holders.EU.en contains an invisible bidirectional-text control U+202E; remove it",
        ),
        (
            '{nl = "\\u001b[31mE", en = "E"}',
            6,
            "holders.EU.nl contains an escape character U+001B (terminal escape sequence); "
            "remove it",
        ),
    ],
)
def test_bad_names_say_what_is_wrong(names: str, column: int, message: str) -> None:
    text = DECLARED.replace('{nl = "Europese Unie", en = "European Union"}', names)
    holders, problems = parsed(text)
    assert problems == [f"{LABEL}:5:{column}: {message}"]
    # EU is declared all the same, named by its code: one mistake is reported once
    assert holders.knows("EU")
    assert holders.name("EU", "en") == "EU"


def test_a_lower_case_code_is_refused_with_its_upper_case_and_read_as_that() -> None:
    holders, problems = parsed(DECLARED.replace("EU = {", "eu = {"))
    assert problems == [
        f"{LABEL}:5:1: holder code 'eu' is not valid: expected uppercase letters and digits, "
        "such as NL, EU or US; did you mean 'EU'?"
    ]
    assert list(holders.names) == ["NL", "EU", "US"]  # one mistake is reported once
    holders, problems = parsed(DECLARED.replace('holder = "NL"', 'holder = "nl"'))
    assert problems == [
        f"{LABEL}:1:10: holder must be a holder code (uppercase letters and digits, such as "
        "NL, EU or US); got the string 'nl'; did you mean 'NL'?"
    ]
    assert holders.own == "NL"


def test_a_very_long_code_is_too_long() -> None:
    code = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = DECLARED + f'{code} = {{nl = "x", en = "y"}}\n'
    assert only(text) == (
        f"{LABEL}:7:1: holder code '{code}' is too long: 26 characters, at most 16"
    )
    assert only(f'holder = "{code}"\n') == (
        f"{LABEL}:1:10: holder code '{code}' is too long: 26 characters, at most 16"
    )


@pytest.mark.parametrize(
    ("code", "seen"),
    [
        ("\u202eNL", "'\\u202eNL'"),
        ("N\x1bL", "'N\\x1bL'"),
        ("N L", "'N L'"),
        ("N-", "'N-'"),
        ("1NL", "'1NL'"),
    ],
)
def test_a_hostile_code_is_shown_escaped(code: str, seen: str) -> None:
    text = DECLARED + f'"{code}" = {{nl = "x", en = "y"}}\n'.replace("\x1b", "\\u001b")
    text = text.replace("\u202e", "\\u202e")
    problem = only(text)
    assert problem == (
        f"{LABEL}:7:1: holder code {seen} is not valid: expected uppercase letters and digits, "
        "such as NL, EU or US"
    )


def test_an_own_holder_that_is_not_declared_is_reported_at_holder() -> None:
    text = DECLARED.replace('holder = "NL"', 'holder = "EUR"')
    assert only(text) == (
        f"{LABEL}:1:10: the own holder 'EUR' is not declared in [holders]; did you mean 'EU'? "
        "Add EUR = {nl = ..., en = ...} to [holders]"
    )
    text = DECLARED.replace('holder = "NL"', 'holder = "DE"')
    assert only(text) == (
        f"{LABEL}:1:10: the own holder 'DE' is not declared in [holders]. "
        "Add DE = {nl = ..., en = ...} to [holders]"
    )


def test_the_default_own_holder_not_declared_is_reported_at_holders() -> None:
    text = '# holders\n[holders]\nEU = {nl = "E", en = "E"}\n'
    assert only(text) == (
        f"{LABEL}:2:1: the own holder 'NL' (the default: posities.toml sets no holder) is not "
        "declared in [holders]. Add NL = {nl = ..., en = ...} to [holders]"
    )


def test_every_mistake_is_reported_not_only_the_first() -> None:
    text = 'holder = "nl"\ncolour = 1\n[holders]\nNL = "Nederland"\nEU = {nl = "E"}\n'
    holders, problems = parsed(text)
    assert [p.split(": ", 1)[0] for p in problems] == [
        f"{LABEL}:1:10",
        f"{LABEL}:2:1",
        f"{LABEL}:4:6",
        f"{LABEL}:5:6",
    ]
    assert holders.declared


def test_problems_are_problems_with_a_location() -> None:
    _, found = parse_holders(b"colour = 1\n", LABEL)
    assert found == [
        Problem(
            LABEL,
            1,
            1,
            "unknown key 'colour'. Expected: holder (the register's own holder) and [holders]",
        )
    ]


# --- a holder code as typed ---------------------------------------------------------------------


def declared() -> Holders:
    return parsed(DECLARED)[0]


@pytest.mark.parametrize("typed", ["EU", "eu", " Eu "])
def test_a_declared_code_in_any_case_is_that_code(typed: str) -> None:
    assert check_code(typed, declared()) == "EU"


def test_an_undeclared_code_names_the_declared_ones_and_the_closest() -> None:
    with pytest.raises(UsageError) as error:
        check_code("eur", declared())
    assert str(error.value) == (
        "holder 'EUR' is not declared in posities.toml; did you mean EU? Declared: NL, EU, US"
    )
    with pytest.raises(UsageError) as error:
        check_code("DE", declared())
    assert str(error.value) == "holder 'DE' is not declared in posities.toml. Declared: NL, EU, US"


def test_without_declared_holders_any_code_is_accepted() -> None:
    assert check_code("de", DEFAULT) == "DE"


@pytest.mark.parametrize("typed", ["E U", "", "1EU", "EU\u202e", "A" * 17])
def test_what_cannot_be_a_code_is_refused(typed: str) -> None:
    with pytest.raises(UsageError, match="is not a holder code: expected uppercase letters"):
        check_code(typed, DEFAULT)
