"""Validation of one position: every problem found, located, with what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.checks import check
from posities.core.register import load
from posities.core.validate import validate
from posities.errors import unsafe_character
from posities.io.yamlread import YamlError, parse

from ..conftest import minimal, write
from ..model.test_records import stances_form


def problems(text: str, stem: str = "a-decision") -> list[tuple[tuple[int, int] | None, str]]:
    record, found = validate(parse(text), stem)
    assert (record is None) == bool(found)
    return found


def only(text: str, stem: str = "a-decision") -> tuple[tuple[int, int] | None, str]:
    found = problems(text, stem)
    assert len(found) == 1, found
    return found[0]


def test_minimal_position_is_valid_and_normalised() -> None:
    record, found = validate(parse(minimal()), "a-decision")
    assert found == []
    assert record is not None
    assert record["decision"]["date"] == "2019-01-02"
    assert record["goal_shared"] is None
    assert record["topics"] == ["trade"]


def test_unknown_key_suggests_the_closest_and_lists_the_valid_ones() -> None:
    where, message = only(minimal().replace("stance:", "stnace:"))
    assert where == (11, 1)
    assert "unknown key 'stnace'; did you mean 'stance'?" in message
    assert "Expected one of: id, title, actor" in message


def test_missing_and_unknown_are_both_reported() -> None:
    text = minimal().replace("stance:", "stnace:").replace("actor: US\n", "")
    messages = [m for _, m in problems(text)]
    assert any("unknown key 'stnace'" in m for m in messages)
    assert any("missing key 'actor'" in m for m in messages)
    # the misspelt key is one mistake, reported once
    assert not any("missing key 'stance'" in m for m in messages)


def test_missing_tristate_key_says_to_write_null() -> None:
    _, message = only(minimal().replace("means_differ: null\n", ""))
    assert "missing key 'means_differ'" in message
    assert "write null if the sources do not say" in message


@pytest.mark.parametrize(
    ("value", "hint"),
    [("kritisch", "did you mean 'critical'?"), ("critcal", "did you mean 'critical'?")],
)
def test_invalid_stance_lists_valid_values(value: str, hint: str) -> None:
    where, message = only(minimal(stance=value))
    assert where == (11, 9)
    assert hint in message
    assert "Valid values: supports, neutral, concerned, critical, opposes" in message


@pytest.mark.parametrize(
    ("value", "hint"),
    [("yes", "did you mean true?"), ("unknown", "did you mean null?"), ("'true'", "")],
)
def test_tristate_rejects_strings(value: str, hint: str) -> None:
    _, message = only(minimal(goal_shared=value))
    assert "goal_shared must be true, false or null (unknown)" in message
    assert hint in message


def test_wrong_type_names_what_was_found() -> None:
    where, message = only(minimal().replace("actor: US", "actor: [US]"))
    assert where == (5, 8)
    assert message == "actor must be a string; got a list"


@pytest.mark.parametrize(
    ("date", "fragment"),
    [
        ("2018-02-30", "impossible date: day is out of range for month"),
        ("2018-13", "impossible date: month must be in 1..12"),
        ("30-01-2018", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY"),
        ("'2018/01/02'", "expected a date"),
    ],
)
def test_impossible_and_malformed_dates(date: str, fragment: str) -> None:
    where, message = only(minimal().replace("date: 2019-01-02", f"date: {date}"))
    assert where == (7, 9)
    assert fragment in message


@pytest.mark.parametrize("date", ["2018", "2018-06", "2018-06-01"])
def test_partial_decision_dates_are_allowed(date: str) -> None:
    record, found = validate(parse(minimal().replace("2019-01-02", date)), "a-decision")
    assert found == []
    assert record is not None
    assert record["decision"]["date"] == date


def test_updated_needs_a_full_date() -> None:
    _, message = only(minimal().replace("updated: 2020-01-01", "updated: 2020-01"))
    assert "expected a date as YYYY-MM-DD" in message
    assert "YYYY-MM or" not in message


def test_id_must_match_the_file_name() -> None:
    where, message = only(minimal(), stem="other-name")
    assert where == (1, 5)
    assert "does not match the file name 'other-name.yaml'" in message


def test_id_must_be_kebab_case() -> None:
    _, message = only(minimal(ident="A_Decision"), stem="A_Decision")
    assert "kebab-case" in message


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ('"\\e[31mred"', "escape character"),
        ('"a\\u202Eb"', "bidirectional-text control U+202E"),
        ('"a\\u2066b"', "bidirectional-text control U+2066"),
        ('"a\\x07b"', "control character U+0007"),
    ],
)
def test_unsafe_characters_in_values_are_refused(raw: str, fragment: str) -> None:
    where, message = only(minimal().replace("en: A decision", f"en: {raw}"))
    assert where == (4, 7)
    assert fragment in message


def test_lone_surrogate_escapes_are_refused_by_the_parser() -> None:
    with pytest.raises(YamlError) as caught:
        parse(minimal().replace("actor: US", 'actor: "a\\ud800b"'))
    assert caught.value.location == (5, 12)


def test_lone_surrogates_from_other_inputs_are_refused() -> None:
    assert unsafe_character("a\ud800") == "a lone surrogate U+D800 (not valid Unicode)"


def test_single_line_fields_refuse_line_breaks() -> None:
    _, message = only(minimal().replace("actor: US", 'actor: "U\\nS"'))
    assert message == "actor must be a single line"


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "42\n"])
def test_a_file_must_be_a_mapping(text: str) -> None:
    where, message = only(text)
    assert where == (1, 1)
    assert message.startswith("a position file must be a mapping of fields")


@pytest.mark.parametrize("claim", ["goal_shared", "means_differ"])
def test_a_source_may_not_support_a_claim_that_is_not_stated(claim: str) -> None:
    text = minimal().replace(
        "    quote: Wij", "    supports: [stance, " + claim + "]\n    quote: Wij"
    )
    where, message = only(text)
    assert where == (22, 24)
    assert message == (
        f"sources[0].supports names {claim}, but {claim} is null (not stated): state it, or "
        "take it out of supports"
    )


def test_a_source_may_support_a_stated_claim() -> None:
    text = minimal(goal_shared="true").replace(
        "    quote: Wij", "    supports: [stance, goal_shared]\n    quote: Wij"
    )
    assert problems(text) == []


def test_sources_need_at_least_one_item() -> None:
    text = minimal().split("sources:")[0] + "sources: []\nupdated: 2020-01-01\n"
    _, message = only(text)
    assert message == "sources needs at least 1 item"


def test_a_claim_needs_a_supporting_source() -> None:
    text = minimal(goal_shared="true").replace(
        "    quote: Wij", "    supports: [stance]\n    quote: Wij"
    )
    where, message = only(text)
    assert where == (12, 14)
    assert "goal_shared is stated but no source supports it" in message


def test_supports_names_only_known_claims() -> None:
    text = minimal().replace("    quote: Wij", "    supports: [stanse]\n    quote: Wij")
    _, message = only(text)
    assert "did you mean 'stance'?" in message


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = (
        minimal(stance="maybe", goal_shared="perhaps")
        .replace("2019-01-02", "2019-02-31")
        .replace("topics: [trade]", "topics: [Trade, trade, trade]")
    )
    messages = [m for _, m in problems(text)]
    assert len(messages) == 5, messages


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("\u200b\u200b", "title.en must not be empty: it holds only invisible characters"),
        ("Een\u2028twee", "title.en must be a single line"),
        ("Een\u2029twee", "title.en must be a single line"),
    ],
)
def test_a_text_a_reader_cannot_see_is_refused(title: str, message: str) -> None:
    from posities.core.register import read_position

    from ..conftest import minimal

    text = minimal().replace("  en: A decision", f'  en: "{title}"')
    result = read_position(text.encode("utf-8"), "a-decision")
    assert [m for _, m in result.problems] == [message]


@pytest.mark.parametrize("quote", ['";"', '"…"', '"– ; –"', '"“ ”"'])
def test_a_quote_with_no_words_is_refused(quote: str) -> None:
    where, message = only(minimal().replace("quote: Wij vinden er iets van.", f"quote: {quote}"))
    assert where == (22, 12)
    assert message == "sources[0].quote has no words: copy a sentence or phrase of the text"


@pytest.mark.parametrize("quote", ['"7"', "Ja.", "“Één”", "Nee!"])
def test_a_quote_of_one_word_is_a_quote(quote: str) -> None:
    assert problems(minimal().replace("quote: Wij vinden er iets van.", f"quote: {quote}")) == []


# --- a long id --------------------------------------------------------------------------------


LONG = "a" * 300
SHOWN = "'" + "a" * 60 + "…'"


def test_a_long_id_in_a_file_is_a_located_problem(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", minimal(ident=LONG))
    assert [str(p) for p in check(load(empty_register))] == [
        f"positions/a-decision.yaml:1:5: id {SHOWN} is too long: 300 characters, at most 64",
        f"positions/a-decision.yaml:1:5: id {SHOWN} does not match the file name "
        "'a-decision.yaml'; rename one so they agree",
    ]


# --- the stances form ------------------------------------------------------------------------


def test_a_file_in_stances_form_needs_no_top_level_stance() -> None:
    record, found = validate(parse(stances_form()), "a-decision")
    assert found == []
    assert record is not None
    assert record["holder"] == "NL"
    assert "stance" not in record


def test_a_top_level_stance_beside_the_mark_is_refused_at_its_key() -> None:
    text = stances_form().replace("holder: NL\ntopics:", "holder: NL\nstance: critical\ntopics:")
    assert only(text) == (
        (12, 1),
        "stance cannot be given beside holder: NL, which stands instead of it (the stances "
        "form (posities migrate): the register's own holder, whose statements are all in "
        "stances, the latest of them the file's own stance); move it into stances, or take "
        "out holder",
    )


def test_the_mark_needs_stances() -> None:
    text = stances_form().split("stances:\n")[0]
    assert only(text) == ((11, 1), "holder needs 'stances' beside it")


def test_the_mark_needs_a_statement_of_its_holder() -> None:
    text = stances_form().replace("  - holder: NL", "  - holder: EU")
    assert only(text) == (
        (11, 9),
        "holder: NL says the file keeps NL's statements in stances, but stances has none of "
        "NL's: add NL's statement there, or give the stance at the top level without holder",
    )


def test_the_own_statement_in_stances_needs_a_summary() -> None:
    text = stances_form().replace(
        "    summary:\n      nl: Nederland vindt er iets van.\n"
        "      en: The Netherlands has a view.\n",
        "",
    )
    assert only(text) == (
        (14, 5),
        "stances[0] is the file's own stance (NL's latest statement) and needs a summary, as "
        "a top-level stance does",
    )


def test_the_own_statement_s_claims_need_their_sources() -> None:
    text = stances_form().replace("goal_shared: null", "goal_shared: true")
    where, message = only(
        text.replace("    quote: Wij", "    supports: [stance]\n        quote: Wij")
    )
    assert where == (16, 18)
    assert message.startswith("stances[0].goal_shared is stated but no source supports it")


# --- dated statements and relations ----------------------------------------------------------


def item(
    holder: str = "EU",
    since: str = "2019-03-01",
    until: str | None = None,
    goal_shared: str = "null",
    supports: str | None = None,
) -> str:
    """A `stances:` item whose one source may name what it `supports`."""
    return (
        f"  - holder: {holder}\n"
        "    stance: concerned\n"
        f"    goal_shared: {goal_shared}\n"
        "    means_differ: null\n"
        f"    since: {since}\n" + (f"    until: {until}\n" if until else "") + "    sources:\n"
        "      - title: Een verslag\n"
        "        kind: verslag\n"
        + (f"        supports: [{supports}]\n" if supports else "")
        + "        quote: Europa deelt de zorg.\n"
        "    updated: 2020-01-01\n"
    )


def with_stances(*items: str, top: str = "", date: str = "2019-01-02") -> str:
    """`minimal()` with top-level fields `top` before `updated`, and `stances:` items."""
    text = minimal().replace("date: 2019-01-02", f"date: {date}")
    text = text.replace("updated: 2020-01-01\n", f"{top}updated: 2020-01-01\n")
    return text + ("stances:\n" + "".join(items) if items else "")


def test_statements_of_several_holders_and_days_are_valid() -> None:
    record, found = validate(
        parse(
            with_stances(
                item("EU", "2019-03-01", "2019-06-01"),
                item("EU", "2019-06-01"),
                item("NL", "2018-12-01"),
                item("US", "2019-03-01"),
                top="since: 2019-01-05\nuntil: 2019-08-01\n",
            )
        ),
        "a-decision",
    )
    assert found == []
    assert record is not None
    assert [(s["holder"], s["since"], s.get("until")) for s in record["stances"]] == [
        ("EU", "2019-03-01", "2019-06-01"),
        ("EU", "2019-06-01", None),
        ("NL", "2018-12-01", None),
        ("US", "2019-03-01", None),
    ]


def test_a_statement_may_begin_before_the_decision() -> None:
    assert problems(with_stances(item("EU", "2018-06-01"), top="since: 2018-11-30\n")) == []


@pytest.mark.parametrize("until", ["2019-03-01", "2019-02-28"])
def test_a_statement_that_ends_before_it_begins_is_refused(until: str) -> None:
    assert only(with_stances(item(until=until))) == (
        (30, 12),
        f"stances[0].until {until} is not after the day the statement begins (2019-03-01): "
        "it would never hold",
    )


@pytest.mark.parametrize(
    ("top", "date", "begins"),
    [
        ("until: 2019-01-02\n", "2019-01-02", "2019-01-02"),
        ("since: 2019-02-01\nuntil: 2019-01-15\n", "2019-01-02", "2019-02-01"),
        ("until: 2019-01-01\n", "2019-01", "2019-01-01"),
        ("until: 2019-01-01\n", "2019", "2019-01-01"),
    ],
)
def test_a_top_level_stance_that_ends_before_it_begins_is_refused(
    top: str, date: str, begins: str
) -> None:
    (line, column), message = only(with_stances(top=top, date=date))
    assert (line, column) == (len(top.splitlines()) + 22, 8)
    assert message == (
        f"until {top.split('until: ')[1].strip()} is not after the day the statement begins "
        f"({begins}): it would never hold"
    )


def test_a_top_level_stance_on_a_partial_date_may_end_the_next_day() -> None:
    assert problems(with_stances(top="until: 2019-01-02\n", date="2019-01")) == []


def test_two_statements_of_one_holder_on_one_day_are_refused() -> None:
    text = with_stances(item("EU"), item("US"), item("EU", until="2019-05-01"))
    assert only(text) == (
        (49, 12),
        "stances[2] and stances[0] are both EU's statements from 2019-03-01: which holds is "
        "ambiguous; give one another since, or merge them",
    )


def test_a_claim_of_a_statement_needs_its_own_sources() -> None:
    # the top-level source backs every claim, but not the item's
    text = with_stances(item(goal_shared="true", supports="stance"))
    assert only(text) == (
        (27, 18),
        "stances[0].goal_shared is stated but no source supports it: add 'goal_shared' to the "
        "supports of the source that says so (posities edit), or add that source with "
        "posities add-source ID --supports goal_shared ... or set it to null if the sources "
        "do not say",
    )


def test_a_statement_source_cannot_support_what_it_leaves_unstated() -> None:
    assert only(with_stances(item(supports="stance, goal_shared"))) == (
        (33, 28),
        "stances[0].sources[0].supports names goal_shared, but goal_shared is null (not "
        "stated): state it, or take it out of supports",
    )


def test_a_statement_needs_a_source() -> None:
    text = with_stances(item()).split("    sources:\n      - title: Een verslag")[0]
    text += "    sources: []\n    updated: 2020-01-01\n"
    assert only(text) == ((30, 14), "stances[0].sources needs at least 1 item")


def relations(*items: str) -> str:
    return minimal() + "relations:\n" + "".join(f"  - {i}\n" for i in items)


def test_a_relation_to_itself_is_refused() -> None:
    assert only(relations("{type: reverses, id: a-decision}")) == (
        (25, 26),
        "relations[0]: a decision cannot relate to itself",
    )


def test_a_repeated_relation_is_refused_but_another_type_is_not() -> None:
    text = relations(
        "{type: related, id: b-decision}",
        "{type: reverses, id: b-decision}",
        "{type: related, id: b-decision}",
    )
    assert only(text) == ((27, 25), "relations[2] repeats relations[0]")


def test_an_unknown_relation_type_suggests_one() -> None:
    assert only(relations("{type: reverse, id: b-decision}")) == (
        (25, 12),
        "relations[0].type: the string 'reverse' is not valid; did you mean 'reverses'? "
        "Valid values: reverses, supersedes, responds-to, related",
    )
