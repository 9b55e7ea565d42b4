"""What needs more than one file to see: holder codes the register declares, relations that
name decisions it has and do not run in a circle, one own statement per day; each problem
once, at the line and column of the field that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.links import link_problems
from posities.core.register import load
from posities.errors import Location
from posities.model.records import FieldPath, Relation

from ..conftest import minimal, position_record, write

TOML = """\
holder = "NL"
[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
EU = {nl = "Europese Unie", en = "European Union"}
"""


def statement(holder: str, since: str, quote: str = "Europa deelt de zorg.") -> str:
    """A `stances:` item, as a position file writes it."""
    return (
        f"  - holder: {holder}\n"
        "    stance: concerned\n"
        "    goal_shared: null\n"
        "    means_differ: null\n"
        f"    since: {since}\n"
        "    sources:\n"
        "      - title: Een brief\n"
        "        kind: kamerbrief\n"
        f"        quote: {quote}\n"
        "    updated: 2020-01-01\n"
    )


def position(ident: str, *relations: str, stances: str = "", date: str = "2019-01-02") -> str:
    """A valid position file with `stances:` items and relations (`reverses b-decision`)."""
    text = minimal(ident).replace("date: 2019-01-02", f"date: {date}")
    if stances:
        text += "stances:\n" + stances
    if relations:
        text += "relations:\n"
        for relation in relations:
            kind, other = relation.split()
            text += f"  - {{type: {kind}, id: {other}}}\n"
    return text


def errors(folder: Path) -> list[str]:
    """The register's problems as `check` prints them, warnings left out."""
    return [str(p) for p in load(folder, use_cache=False).problems]


# --- holder codes ----------------------------------------------------------------------------


def test_an_undeclared_actor_is_an_error_at_its_value(empty_register: Path) -> None:
    write(empty_register, "posities.toml", TOML)
    write(empty_register, "a-decision.yaml", position("a-decision"))
    assert errors(empty_register) == [
        "positions/a-decision.yaml:5:8: actor 'US' is not a holder declared in posities.toml. "
        "Declared: NL, EU"
    ]


def test_an_undeclared_code_suggests_the_closest_declared_one(empty_register: Path) -> None:
    write(empty_register, "posities.toml", TOML + 'USA = {nl = "VS", en = "USA"}\n')
    write(
        empty_register,
        "a-decision.yaml",
        position("a-decision", stances=statement("EUR", "2019-02-01")),
    )
    assert errors(empty_register) == [
        "positions/a-decision.yaml:5:8: actor 'US' is not a holder declared in posities.toml; "
        "did you mean 'USA'? Declared: NL, EU, USA",
        "positions/a-decision.yaml:25:13: stances[0].holder 'EUR' is not a holder declared in "
        "posities.toml; did you mean 'EU'? Declared: NL, EU, USA",
    ]


def test_every_undeclared_holder_of_stances_is_reported_at_its_item(empty_register: Path) -> None:
    write(empty_register, "posities.toml", TOML + 'US = {nl = "VS", en = "US"}\n')
    items = (
        statement("EU", "2019-02-01")
        + statement("DE", "2019-03-01")
        + statement("FR", "2019-03-01")
    )
    write(empty_register, "a-decision.yaml", position("a-decision", stances=items))
    assert errors(empty_register) == [
        "positions/a-decision.yaml:35:13: stances[1].holder 'DE' is not a holder declared in "
        "posities.toml. Declared: NL, EU, US",
        "positions/a-decision.yaml:45:13: stances[2].holder 'FR' is not a holder declared in "
        "posities.toml. Declared: NL, EU, US",
    ]


def test_without_posities_toml_any_code_is_accepted(empty_register: Path) -> None:
    items = statement("EU", "2019-02-01") + statement("UN-HRC", "2019-02-01")
    write(empty_register, "a-decision.yaml", position("a-decision", stances=items))
    register = load(empty_register, use_cache=False)
    assert register.problems == []
    assert register.holders.own == "NL"


def test_a_mistake_in_posities_toml_is_a_problem_of_the_register(empty_register: Path) -> None:
    write(empty_register, "posities.toml", TOML.replace("NL = {", "nl = {"))
    write(
        empty_register, "a-decision.yaml", position("a-decision").replace("actor: US", "actor: EU")
    )
    assert errors(empty_register) == [
        "positions/posities.toml:3:1: holder code 'nl' is not valid: expected uppercase letters "
        "and digits, such as NL, EU or US; did you mean 'NL'?"
    ]


# --- one own statement per day -----------------------------------------------------------------


def test_an_own_statement_on_the_top_level_since_is_refused(empty_register: Path) -> None:
    write(
        empty_register,
        "a-decision.yaml",
        position("a-decision", stances=statement("NL", "2019-01-02")),
    )
    assert errors(empty_register) == [
        "positions/a-decision.yaml:29:12: stances[0] is NL's statement from 2019-01-02, the day "
        "the top-level stance holds from too: which holds is ambiguous; give one another since"
    ]


def test_an_own_statement_on_the_first_day_of_a_partial_decision_date_is_refused(
    empty_register: Path,
) -> None:
    text = position("a-decision", stances=statement("NL", "2019-01-01"), date="2019-01")
    write(empty_register, "a-decision.yaml", text)
    assert errors(empty_register) == [
        "positions/a-decision.yaml:29:12: stances[0] is NL's statement from 2019-01-01, the day "
        "the top-level stance holds from too: which holds is ambiguous; give one another since"
    ]


def test_an_own_statement_on_an_explicit_top_level_since_is_refused(empty_register: Path) -> None:
    text = position("a-decision", stances=statement("NL", "2019-03-01"))
    text = text.replace(
        "updated: 2020-01-01\nstances:", "since: 2019-03-01\nupdated: 2020-01-01\nstances:"
    )
    write(empty_register, "a-decision.yaml", text)
    assert errors(empty_register) == [
        "positions/a-decision.yaml:30:12: stances[0] is NL's statement from 2019-03-01, the day "
        "the top-level stance holds from too: which holds is ambiguous; give one another since"
    ]


def test_other_holders_and_other_days_may_share_the_top_level_since(empty_register: Path) -> None:
    items = statement("EU", "2019-01-02") + statement("NL", "2019-01-03")
    write(empty_register, "a-decision.yaml", position("a-decision", stances=items))
    assert errors(empty_register) == []


def test_the_own_holder_is_the_one_posities_toml_names(empty_register: Path) -> None:
    write(empty_register, "posities.toml", TOML.replace('holder = "NL"', 'holder = "EU"'))
    text = position("a-decision", stances=statement("NL", "2019-01-02"))
    write(empty_register, "a-decision.yaml", text.replace("actor: US", "actor: EU"))
    assert errors(empty_register) == []
    write(
        empty_register,
        "a-decision.yaml",
        text.replace("holder: NL", "holder: EU").replace("actor: US", "actor: EU"),
    )
    assert errors(empty_register) == [
        "positions/a-decision.yaml:29:12: stances[0] is EU's statement from 2019-01-02, the day "
        "the top-level stance holds from too: which holds is ambiguous; give one another since"
    ]


# --- relations -----------------------------------------------------------------------------------


def test_a_dangling_id_is_refused_with_the_closest_id(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", position("a-decision", "reverses b-decison"))
    write(empty_register, "b-decision.yaml", position("b-decision"))
    assert errors(empty_register) == [
        "positions/a-decision.yaml:25:26: relations[0] names 'b-decison', which is not a "
        "position in the register; did you mean 'b-decision'?"
    ]


def test_a_dangling_id_never_suggests_the_position_itself(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", position("a-decision", "related a-decison"))
    assert errors(empty_register) == [
        "positions/a-decision.yaml:25:25: relations[0] names 'a-decison', which is not a "
        "position in the register."
    ]


def test_a_cycle_of_two_is_reported_once_where_it_closes(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", position("a-decision", "reverses b-decision"))
    write(empty_register, "b-decision.yaml", position("b-decision", "supersedes a-decision"))
    assert errors(empty_register) == [
        "positions/b-decision.yaml:25:28: relations run in a circle: a-decision → b-decision → "
        "a-decision"
    ]


def test_a_cycle_of_three_is_reported_once_where_it_closes(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", position("a-decision", "supersedes b-decision"))
    write(empty_register, "b-decision.yaml", position("b-decision", "reverses c-decision"))
    write(empty_register, "c-decision.yaml", position("c-decision", "supersedes a-decision"))
    assert errors(empty_register) == [
        "positions/c-decision.yaml:25:28: relations run in a circle: a-decision → b-decision → "
        "c-decision → a-decision"
    ]


def test_two_relations_along_one_circle_are_one_circle(empty_register: Path) -> None:
    text = position("a-decision", "reverses b-decision", "supersedes b-decision")
    write(empty_register, "a-decision.yaml", text)
    write(empty_register, "b-decision.yaml", position("b-decision", "reverses a-decision"))
    assert errors(empty_register) == [
        "positions/b-decision.yaml:25:26: relations run in a circle: a-decision → b-decision → "
        "a-decision"
    ]


def test_two_circles_through_one_decision_are_both_reported(empty_register: Path) -> None:
    write(
        empty_register,
        "a-decision.yaml",
        position("a-decision", "reverses b-decision", "reverses c-decision"),
    )
    write(empty_register, "b-decision.yaml", position("b-decision", "reverses a-decision"))
    write(empty_register, "c-decision.yaml", position("c-decision", "reverses a-decision"))
    assert errors(empty_register) == [
        "positions/b-decision.yaml:25:26: relations run in a circle: a-decision → b-decision → "
        "a-decision",
        "positions/c-decision.yaml:25:26: relations run in a circle: a-decision → c-decision → "
        "a-decision",
    ]


@pytest.mark.parametrize(
    ("there", "back"),
    [
        ("related", "related"),
        ("responds-to", "responds-to"),
        ("reverses", "related"),
        ("responds-to", "supersedes"),
    ],
)
def test_a_circle_that_does_not_order_decisions_is_allowed(
    empty_register: Path, there: str, back: str
) -> None:
    write(empty_register, "a-decision.yaml", position("a-decision", f"{there} b-decision"))
    write(empty_register, "b-decision.yaml", position("b-decision", f"{back} a-decision"))
    assert errors(empty_register) == []


def test_a_chain_without_a_circle_is_allowed(empty_register: Path) -> None:
    write(empty_register, "a-decision.yaml", position("a-decision", "supersedes b-decision"))
    write(empty_register, "b-decision.yaml", position("b-decision", "reverses c-decision"))
    write(empty_register, "c-decision.yaml", position("c-decision"))
    write(
        empty_register,
        "d-decision.yaml",
        position("d-decision", "reverses c-decision", "supersedes a-decision"),
    )
    assert errors(empty_register) == []


def test_link_problems_is_a_plain_function() -> None:
    from posities.model.holders import DEFAULT

    seen: list[tuple[str, FieldPath]] = []

    def locate(ident: str, path: FieldPath) -> tuple[str, Location | None]:
        seen.append((ident, path))
        return f"{ident}.yaml", (1, 1)

    first = position_record(id="a-decision", relations=(Relation("reverses", "b-decision"),))
    second = position_record(id="b-decision", relations=(Relation("reverses", "a-decision"),))
    found = link_problems([first, second], DEFAULT, locate)
    assert [str(p) for p in found] == [
        "b-decision.yaml:1:1: relations run in a circle: a-decision → b-decision → a-decision"
    ]
    assert seen == [("b-decision", ("relations", 0, "id"))]


def test_a_relation_to_a_file_that_is_not_valid_is_not_dangling() -> None:
    from posities.model.holders import DEFAULT

    def locate(ident: str, path: FieldPath) -> tuple[str, Location | None]:
        return f"{ident}.yaml", (1, 1)

    first = position_record(id="a-decision", relations=(Relation("reverses", "b-decision"),))
    assert link_problems([first], DEFAULT, locate, unread={"b-decision"}) == []
    assert [p.message for p in link_problems([first], DEFAULT, locate)] == [
        "relations[0] names 'b-decision', which is not a position in the register."
    ]
