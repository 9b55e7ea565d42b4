"""The core of `set`, called without the command line: what it was given becomes the file's
values, `updated` becomes today with a stance, and asking for what is there changes nothing;
any value is reported on one printable line."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from posities.core import editing
from posities.core.editing import (
    append_held_source,
    claims_stated,
    end_statement,
    record_statement,
    relate,
    set_given,
    set_held,
    topics_given,
)
from posities.core.query import Tri
from posities.errors import PositiesError, UsageError, unsafe_character
from posities.io.yamlread import parse
from posities.model.dates import today
from posities.model.records import Stance

from ..conftest import minimal, write


def test_nothing_given_is_a_usage_error(bundled: Path) -> None:
    with pytest.raises(UsageError, match="nothing to change"):
        set_given(bundled, "jcpoa", {("stance",): None, ("topics",): None}, None)


def test_what_the_file_holds_already_changes_nothing(bundled: Path) -> None:
    before = (bundled / "jcpoa.yaml").read_bytes()
    lines = set_given(bundled, "jcpoa", {("stance",): Stance.CRITICAL}, None)
    assert lines == ["jcpoa: nothing changed; the file is as it was"]
    assert (bundled / "jcpoa.yaml").read_bytes() == before


def test_a_new_stance_is_assessed_today(bundled: Path) -> None:
    given = {("stance",): Stance.OPPOSES, ("means_differ",): None, ("topics",): "iran, , x"}
    assert set_given(bundled, "jcpoa", given, None) == [
        "wrote positions/jcpoa.yaml",
        "  stance: critical → opposes",
        "  topics: iran, non-proliferation, middle-east, multilateralism → iran, x",
        f"  updated: 2026-11-27 → {today()}",
    ]


def test_a_date_given_for_updated_is_kept(bundled: Path) -> None:
    lines = set_given(bundled, "jcpoa", {("stance",): Stance.OPPOSES}, "2026-11-28")
    assert lines[1:] == ["  stance: critical → opposes", "  updated: 2026-11-27 → 2026-11-28"]


def test_only_the_claims_given_are_stated() -> None:
    assert claims_stated(Tri.UNKNOWN, None) == {("goal_shared",): None}
    assert claims_stated(None, Tri.YES) == {("means_differ",): True}
    assert claims_stated(None, None) == {}


def test_topics_are_a_comma_separated_list() -> None:
    assert topics_given(" iran ,, trade,") == ["iran", "trade"]
    assert topics_given("") == []


YAML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
SET_PATHS = [
    ("stance",),
    ("goal_shared",),
    ("means_differ",),
    ("actor",),
    ("topics",),
    ("title", "en"),
    ("decision", "date"),
    ("updated",),
]


@given(path=st.sampled_from(SET_PATHS), value=YAML_VALUES)
@example(path=("stance",), value="\x85")
@example(path=("actor",), value="a\u2028b\x1b[31m")
@example(path=("topics",), value=["a\nb", "c"])
def test_any_value_is_reported_on_one_printable_line(path: tuple[str, ...], value: Any) -> None:
    shown = editing.shown_value(path, value)
    assert len(shown.splitlines()) == 1
    assert unsafe_character(shown) is None


# --- a holder's statements -----------------------------------------------------------------

EU_ITEM = """\
stances:
  # the EU's view, from the council's conclusions
  - holder: EU
    stance: concerned
    goal_shared: null
    means_differ: null
    since: 2019-03-01
    sources:
      - title: Raadsconclusies
        kind: verslag
        date: 2019-03-01
        quote: De EU is bezorgd.
    updated: 2020-01-01  # assessed with the letter
"""


def stanced(extra: str = "") -> str:
    """The minimal position (NL critical from 2019-01-02) with the EU concerned from
    2019-03-01, and `extra` lines after."""
    return minimal() + EU_ITEM + extra


@pytest.fixture
def eu(empty_register: Path) -> Path:
    """A register whose one position has an EU statement in `stances:`."""
    write(empty_register, "a-decision.yaml", stanced())
    return empty_register / "a-decision.yaml"


def test_set_changes_the_holders_statement_in_force_in_place(eu: Path) -> None:
    given = {("stance",): Stance.CRITICAL, ("goal_shared",): None}  # None: not given
    lines = set_held(eu.parent, "a-decision", given, None, "eu")
    assert lines == [
        "wrote positions/a-decision.yaml: EU's statement from 2019-03-01 (stances[0])",
        "  stances[0].stance: concerned → critical",
        f"  stances[0].updated: 2020-01-01 → {today()}",
    ]
    assert eu.read_text(encoding="utf-8") == stanced().replace(
        "    stance: concerned\n", "    stance: critical\n"
    ).replace("    updated: 2020-01-01  #", f"    updated: {today()}  #")


def test_the_decisions_fields_stay_the_decisions_with_a_holder(eu: Path) -> None:
    given = {("title", "en"): "A new title", ("means_differ",): Tri.YES}
    set_held(eu.parent, "a-decision", given, "2020-01-01", "EU")
    value = parse(eu.read_text(encoding="utf-8")).value
    assert value["title"]["en"] == "A new title"
    assert (value["means_differ"], value["stances"][0]["means_differ"]) == (None, True)


def test_the_own_holder_without_stances_is_set_as_always(empty_register: Path) -> None:
    ended = minimal().replace("means_differ: null\n", "means_differ: null\nuntil: 2019-02-01\n")
    path = write(empty_register, "a-decision.yaml", ended)
    assert set_held(empty_register, "a-decision", {("actor",): "EU"}, None) == [
        "wrote positions/a-decision.yaml",
        "  actor: US → EU",
    ]
    assert path.read_text(encoding="utf-8") == ended.replace("actor: US", "actor: EU")


def test_the_own_holders_later_statement_is_the_one_in_force(empty_register: Path) -> None:
    later = EU_ITEM.replace("holder: EU", "holder: NL")
    path = write(empty_register, "a-decision.yaml", minimal() + later)
    lines = set_held(empty_register, "a-decision", {("stance",): Stance.OPPOSES}, "2020-01-01")
    assert lines == [
        "wrote positions/a-decision.yaml: NL's statement from 2019-03-01 (stances[0])",
        "  stances[0].stance: concerned → opposes",
    ]
    lines = set_held(
        empty_register, "a-decision", {("stance",): Stance.OPPOSES}, None, on="2019-02-01"
    )
    assert lines == [
        "wrote positions/a-decision.yaml",
        "  stance: critical → opposes",
        f"  updated: 2020-01-01 → {today()}",
    ]
    assert parse(path.read_text(encoding="utf-8")).value["stances"][0]["stance"] == "opposes"


def test_no_statement_in_force_says_how_to_record_one(eu: Path) -> None:
    with pytest.raises(UsageError) as raised:
        set_held(eu.parent, "a-decision", {("stance",): Stance.OPPOSES}, None, "DE")
    assert str(raised.value) == (
        "positions/a-decision.yaml: DE has no statement in force on "
        f"{today()}; to record one, use posities set a-decision --holder DE --since DATE "
        "--stance STANCE with its source (--source-title, and --quote or --find)"
    )
    with pytest.raises(UsageError) as raised:
        set_held(eu.parent, "a-decision", {("stance",): Stance.OPPOSES}, None, "EU", "2019-02-28")
    assert str(raised.value) == (
        "positions/a-decision.yaml: EU has no statement in force on 2019-02-28 (its "
        "statements: from 2019-03-01; to change one, name a day it holds on with --on); to "
        "record one, use posities set a-decision --holder EU --since DATE --stance STANCE "
        "with its source (--source-title, and --quote or --find)"
    )
    assert eu.read_text(encoding="utf-8") == stanced()


def test_a_statement_without_summary_is_given_one_in_both_languages(eu: Path) -> None:
    with pytest.raises(UsageError, match=r"has no summary yet: give it in both languages"):
        set_held(eu.parent, "a-decision", {("summary", "nl"): "Bezorgd."}, None, "EU")
    given = {("summary", "nl"): "De EU is bezorgd.", ("summary", "en"): "The EU is concerned."}
    assert set_held(eu.parent, "a-decision", given, None, "EU") == [
        "wrote positions/a-decision.yaml: EU's statement from 2019-03-01 (stances[0])",
        "  stances[0].summary.nl: — → De EU is bezorgd.",
        "  stances[0].summary.en: — → The EU is concerned.",
    ]
    assert eu.read_text(encoding="utf-8") == stanced().replace(
        "    since: 2019-03-01\n",
        "    since: 2019-03-01\n    summary:\n      nl: De EU is bezorgd.\n"
        "      en: The EU is concerned.\n",
    )


def test_a_claim_made_not_stated_leaves_the_statements_supports(empty_register: Path) -> None:
    text = stanced().replace("    goal_shared: null\n", "    goal_shared: true\n", 1)
    text = text.replace(
        "        quote: De EU", "        supports: [stance, goal_shared]\n        quote: De EU"
    )
    path = write(empty_register, "a-decision.yaml", text)
    given = {("goal_shared",): Tri.UNKNOWN}
    lines = set_held(empty_register, "a-decision", given, "2020-01-01", "EU")
    assert lines[1:] == [
        "  stances[0].goal_shared: yes → not stated",
        "  stances[0].sources[0].supports: [stance, goal_shared] → [stance]",
    ]
    assert "        supports: [stance]\n" in path.read_text(encoding="utf-8")


# --- set --since: a new statement -------------------------------------------------------------

SOURCE = {"title": "Verklaring", "kind": "persbericht", "date": "2021-01-20", "quote": "Q."}
NEW_EU = f"""\
  - holder: EU
    stance: supports
    goal_shared: true
    means_differ: null
    since: 2021-01-20
    sources:
      - title: Verklaring
        kind: persbericht
        date: 2021-01-20
        quote: Q.
    updated: {today()}
"""


def test_a_new_statement_is_appended_to_stances(eu: Path) -> None:
    given = {("stance",): Stance.SUPPORTS, ("goal_shared",): True}
    lines = record_statement(eu.parent, "a-decision", given, SOURCE, "2021-01-20", holder="EU")
    assert lines == [
        "wrote positions/a-decision.yaml: added EU's statement from 2021-01-20 (stances[1])",
        "  from 2021-01-20 in force: this statement (supports), in place of EU's statement "
        "from 2019-03-01 (concerned)",
    ]
    assert eu.read_text(encoding="utf-8") == stanced() + NEW_EU


def test_a_first_statement_makes_the_list_after_updated(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal() + "# the end\n")
    given = {("stance",): Stance.SUPPORTS, ("goal_shared",): True}
    lines = record_statement(empty_register, "a-decision", given, SOURCE, "2021-01-20", holder="EU")
    assert lines[1] == (
        "  from 2021-01-20 in force: this statement (supports), where EU's stance was not stated"
    )
    assert path.read_text(encoding="utf-8") == minimal() + "stances:\n" + NEW_EU + "# the end\n"


def test_the_own_holders_change_ends_nothing_and_is_in_force(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    given = {
        ("stance",): Stance.SUPPORTS,
        ("summary", "nl"): "Steun.",
        ("summary", "en"): "Support.",
    }
    lines = record_statement(
        empty_register, "a-decision", given, SOURCE, "2021-01-20", "2022-01-01", None, "2021-02-01"
    )
    assert lines[0] == (
        "wrote positions/a-decision.yaml: NL's statement from 2021-01-20 is now the top-level "
        "stance; the one it follows moved to stances: (from 2019-01-02)"
    )
    assert lines[1].endswith("in place of NL's statement from 2019-01-02 (critical)")
    data = parse(path.read_text(encoding="utf-8")).value
    top = {key: data[key] for key in ("stance", "since", "until", "summary", "sources", "updated")}
    assert top == {
        "stance": "supports",
        "since": "2021-01-20",
        "until": "2022-01-01",
        "summary": {"nl": "Steun.", "en": "Support."},
        "sources": [SOURCE],
        "updated": "2021-02-01",
    }
    (old,) = data["stances"]  # the statement it follows, which holds again after 2022-01-01
    assert (old["holder"], old["stance"], old["since"]) == ("NL", "critical", "2019-01-02")


@pytest.mark.parametrize(
    ("holder", "since", "message"),
    [
        (
            "EU",
            "2019-03-01",
            "positions/a-decision.yaml: EU has a statement from 2019-03-01 already "
            "(stances[0]); to correct it, use posities set a-decision --holder EU --on "
            "2019-03-01 without --since",
        ),
        (
            None,
            "2019-01-02",
            "positions/a-decision.yaml: NL has a statement from 2019-01-02 already (the "
            "stance at the top of the file); to correct it, use posities set a-decision "
            "without --since",
        ),
    ],
)
def test_a_second_statement_from_one_day_is_refused(
    eu: Path, holder: str | None, since: str, message: str
) -> None:
    with pytest.raises(UsageError) as raised:
        record_statement(
            eu.parent, "a-decision", {("stance",): Stance.SUPPORTS}, SOURCE, since, holder=holder
        )
    assert str(raised.value) == message
    assert eu.read_text(encoding="utf-8") == stanced()


@pytest.mark.parametrize(
    ("given", "source", "message"),
    [
        ({}, SOURCE, "--since records a new statement: give its --stance"),
        (
            {("stance",): Stance.SUPPORTS},
            None,
            "--since records a new statement: give its source (--source-title, and --quote "
            "or --find)",
        ),
        (
            {("stance",): Stance.SUPPORTS, ("actor",): "EU", ("topics",): "x"},
            SOURCE,
            "--since records a new statement of EU, and actor, topics are the decision's: "
            "change that with another posities set, without --since",
        ),
        (
            {("stance",): Stance.SUPPORTS, ("summary", "en"): "Support."},
            SOURCE,
            "give the new statement's summary in both languages, or neither",
        ),
        (
            {("stance",): Stance.SUPPORTS},
            {**SOURCE, "supports": ["stance", "means_differ"]},
            "means_differ is not stated in the new statement, so no quote can support it: "
            "state it (--means-differ yes or no), or leave it out of --supports",
        ),
    ],
)
def test_what_a_new_statement_needs(
    eu: Path, given: dict[Any, Any], source: dict[str, Any] | None, message: str
) -> None:
    with pytest.raises(UsageError) as raised:
        record_statement(eu.parent, "a-decision", given, source, "2021-01-20", holder="EU")
    assert str(raised.value) == message
    assert eu.read_text(encoding="utf-8") == stanced()


def test_an_undeclared_holder_is_refused_with_the_closest(eu: Path) -> None:
    write(eu.parent, "posities.toml", DECLARED)
    with pytest.raises(UsageError) as raised:
        record_statement(
            eu.parent,
            "a-decision",
            {("stance",): Stance.SUPPORTS},
            SOURCE,
            "2021-01-20",
            holder="EUR",
        )
    assert str(raised.value) == (
        "holder 'EUR' is not declared in posities.toml; did you mean EU? Declared: NL, EU"
    )


DECLARED = """\
holder = "NL"
[holders]
NL = {nl = "Nederland", en = "the Netherlands"}
EU = {nl = "de Europese Unie", en = "the European Union"}
"""


# --- set --until: a statement ends ------------------------------------------------------------


def test_until_ends_the_statement_in_force_and_says_what_follows(eu: Path) -> None:
    assert end_statement(eu.parent, "a-decision", "2021-01-20", "EU") == [
        "wrote positions/a-decision.yaml: EU's statement from 2019-03-01 (stances[0]) ends "
        "on 2021-01-20",
        "  stances[0].until: — → 2021-01-20",
        "  from 2021-01-20 in force: none; EU's stance is not stated",
    ]
    assert eu.read_text(encoding="utf-8") == stanced().replace(
        "    since: 2019-03-01\n", "    since: 2019-03-01\n    until: 2021-01-20\n"
    )


def test_until_on_the_top_level_statement_goes_after_its_claims(empty_register: Path) -> None:
    later = EU_ITEM.replace("holder: EU", "holder: NL")
    path = write(empty_register, "a-decision.yaml", minimal() + later)
    assert end_statement(empty_register, "a-decision", "2019-02-01", updated="2020-01-02") == [
        "wrote positions/a-decision.yaml: NL's statement from 2019-01-02 ends on 2019-02-01",
        "  until: — → 2019-02-01",
        "  updated: 2020-01-01 → 2020-01-02",
        "  from 2019-02-01 in force: none; NL's stance is not stated",
    ]
    assert path.read_text(encoding="utf-8") == (minimal() + later).replace(
        "means_differ: null\nsummary", "means_differ: null\nuntil: 2019-02-01\nsummary"
    ).replace("updated: 2020-01-01\nstances", "updated: 2020-01-02\nstances")
    assert end_statement(empty_register, "a-decision", "2020-01-01")[-1] == (
        "  from 2020-01-01 in force: none; NL's stance is not stated"
    )


def test_an_earlier_statement_holds_again_after_a_later_one_ends(empty_register: Path) -> None:
    later = EU_ITEM.replace("holder: EU", "holder: NL")
    write(empty_register, "a-decision.yaml", minimal() + later)
    assert end_statement(empty_register, "a-decision", "2020-01-01")[-1] == (
        "  from 2020-01-01 in force: NL's statement from 2019-01-02 (critical)"
    )


def test_until_needs_a_statement_that_holds_before_it(eu: Path) -> None:
    with pytest.raises(UsageError) as raised:
        end_statement(eu.parent, "a-decision", "2019-03-01", "EU")
    assert str(raised.value) == (
        "positions/a-decision.yaml: EU's statement from 2019-03-01 (stances[0]) begins on "
        "2019-03-01; ending it then would mean it never held. To remove it, use posities edit "
        "a-decision"
    )
    with pytest.raises(UsageError) as raised:
        end_statement(eu.parent, "a-decision", "2019-02-01", "EU")
    assert str(raised.value) == (
        "positions/a-decision.yaml: EU has no statement in force on 2019-02-01, so none ends "
        "then; nothing was written"
    )
    assert eu.read_text(encoding="utf-8") == stanced()


# --- add-source --holder ----------------------------------------------------------------------


def test_a_source_goes_to_the_holders_statement_in_force(eu: Path) -> None:
    source = {"title": "Verslag", "kind": "verslag", "date": None, "quote": "Nog meer."}
    changed = append_held_source(eu.parent, "a-decision", source, {}, "EU")
    assert (changed.statement, changed.lines()) == (
        "EU's statement from 2019-03-01 (stances[0])",
        [],
    )
    assert eu.read_text(encoding="utf-8") == stanced().replace(
        "        quote: De EU is bezorgd.\n",
        "        quote: De EU is bezorgd.\n      - title: Verslag\n        kind: verslag\n"
        "        date: null\n        quote: Nog meer.\n",
    )
    with pytest.raises(PositiesError) as raised:
        append_held_source(eu.parent, "a-decision", source, {}, "EU")
    assert str(raised.value) == (
        "positions/a-decision.yaml already cites this quote as stances[0].sources[1]; nothing "
        "was written. To say what else it supports, add that to its supports (posities edit)"
    )


def test_a_source_states_the_statements_claim(eu: Path) -> None:
    source = {
        "title": "V",
        "kind": "verslag",
        "date": None,
        "supports": ["goal_shared"],
        "quote": "Ja.",
    }
    with pytest.raises(PositiesError) as raised:
        append_held_source(eu.parent, "a-decision", source, {}, "EU")
    assert str(raised.value) == (
        "goal_shared is not stated (null) in stances[0] of positions/a-decision.yaml, so no "
        "quote can support it: state it with this source (--goal-shared yes or no), or leave "
        "it out of --supports"
    )
    changed = append_held_source(eu.parent, "a-decision", source, {("goal_shared",): True}, "EU")
    assert changed.lines() == [
        "stances[0].goal_shared: not stated → yes",
        f"stances[0].updated: 2020-01-01 → {today()}",
    ]


# --- relate -----------------------------------------------------------------------------------


@pytest.fixture
def three(empty_register: Path) -> Path:
    """Three positions, a, b and c."""
    for ident in ("a", "b", "c"):
        write(empty_register, f"{ident}.yaml", minimal(ident))
    return empty_register


def test_relate_adds_a_relation_and_then_does_nothing(three: Path) -> None:
    assert relate(three, "a", "reverses", "b") == [
        "wrote positions/a.yaml: a reverses b (relations[0])"
    ]
    assert (three / "a.yaml").read_text(encoding="utf-8") == minimal("a") + (
        "relations:\n  - {type: reverses, id: b}\n"
    )
    assert relate(three, "a", "reverses", "b") == [
        "a reverses b already (relations[0]); nothing changed"
    ]
    assert relate(three, "a", "responds-to", "c") == [
        "wrote positions/a.yaml: a responds to c (relations[1])"
    ]


def test_relate_refuses_a_circle_of_reversals(three: Path) -> None:
    relate(three, "a", "reverses", "b")
    relate(three, "b", "supersedes", "c")
    before = (three / "c.yaml").read_bytes()
    with pytest.raises(PositiesError) as raised:
        relate(three, "c", "supersedes", "a")
    assert str(raised.value) == (
        "c supersedes a would make reverses and supersedes run in a circle: c → a → b → c; "
        "nothing was written"
    )
    assert (three / "c.yaml").read_bytes() == before
    assert relate(three, "c", "related", "a") == [
        "wrote positions/c.yaml: c is related to a (relations[0])"
    ]


def test_relate_names_the_other_decision_it_cannot_find(three: Path) -> None:
    with pytest.raises(UsageError) as raised:
        relate(three, "a", "reverses", "bb")
    assert str(raised.value) == (
        "no position with id 'bb'; did you mean b? (`posities list` shows all ids)"
    )
    with pytest.raises(UsageError) as raised:
        relate(three, "a", "reverses", "a")
    assert str(raised.value) == "a cannot relate to itself: name another decision"


def test_relate_to_a_flow_list_keeps_its_comments(three: Path) -> None:
    text = minimal("a") + "# how it relates\nrelations: [{type: related, id: c}]  # one\n"
    write(three, "a.yaml", text)
    relate(three, "a", "reverses", "b")
    after = (three / "a.yaml").read_text(encoding="utf-8")
    assert parse(after).value["relations"] == [
        {"type": "related", "id": "c"},
        {"type": "reverses", "id": "b"},
    ]
    assert "# how it relates\n" in after
    assert "# one" in after


# --- properties -------------------------------------------------------------------------------

DAYS = st.dates(min_value=datetime.date(2018, 1, 1), max_value=datetime.date(2022, 12, 31))


@st.composite
def timed_statements(draw: st.DrawFn) -> list[tuple[str, str, str | None]]:
    """Statements of NL, EU and DE as (holder, since, until): one per holder and day, none
    of NL from the day the top-level one holds from (2019-01-02), each ending after it begins."""
    found: dict[tuple[str, str], str | None] = {}
    for _ in range(draw(st.integers(0, 6))):
        holder = draw(st.sampled_from(["NL", "EU", "DE"]))
        since = draw(DAYS)
        until = draw(st.one_of(st.none(), DAYS.filter(lambda d, s=since: d > s)))
        if (holder, since.isoformat()) != ("NL", "2019-01-02"):
            found[(holder, since.isoformat())] = until and until.isoformat()
    return [(holder, since, until) for (holder, since), until in found.items()]


def stances_text(timed: list[tuple[str, str, str | None]]) -> str:
    """A `stances:` list of concerned statements with these holders and dates."""
    if not timed:
        return ""
    items = [
        f"  - holder: {holder}\n    stance: concerned\n    goal_shared: null\n"
        f"    means_differ: null\n    since: {since}\n"
        + (f"    until: {until}\n" if until else "")
        + "    sources:\n      - title: T\n        kind: k\n        quote: Q.\n"
        "    updated: 2020-01-01\n"
        for holder, since, until in timed
    ]
    return "stances:\n" + "".join(items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed=timed_statements(), holder=st.sampled_from(["NL", "EU", "DE"]), day=DAYS)
def test_set_changes_the_statement_the_rule_says_is_in_force(
    tmp_path_factory: pytest.TempPathFactory,
    timed: list[tuple[str, str, str | None]],
    holder: str,
    day: datetime.date,
) -> None:
    from posities.core.register import position_in
    from posities.core.statements import in_force, statements

    root = tmp_path_factory.mktemp("register")
    text = minimal() + stances_text(timed)
    path = write(root, "a-decision.yaml", text)
    record, problems = position_in(text.encode(), "a-decision", "a-decision.yaml")
    assert record is not None, problems
    expected = in_force(statements(record, "NL"), holder, day.isoformat())
    given = {("stance",): Stance.OPPOSES}
    if expected is None:
        with pytest.raises(UsageError, match=f"{holder} has no statement in force on {day}"):
            set_held(root, "a-decision", given, "2020-01-01", holder, day.isoformat())
        return
    set_held(root, "a-decision", given, "2020-01-01", holder, day.isoformat())
    value = parse(path.read_text(encoding="utf-8")).value
    changed = [None] if value["stance"] == "opposes" else []
    changed += [
        i for i, item in enumerate(value.get("stances") or []) if item["stance"] == "opposes"
    ]
    assert changed == [expected.index]


@st.composite
def relation_graphs(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """Relations (from, type, to) among five decisions with no circle: the ordering ones run
    from an earlier letter to a later one; `related` may run either way."""
    ids = "abcde"
    edges = set()
    for _ in range(draw(st.integers(0, 8))):
        one, other = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        kind = draw(st.sampled_from(["reverses", "supersedes", "related"]))
        if one != other and (one < other or kind == "related"):
            edges.add((one, kind, other))
    return sorted(edges)


@given(graph=relation_graphs(), one=st.sampled_from("abcde"), other=st.sampled_from("abcde"))
def test_a_relation_closes_a_circle_exactly_when_check_would_find_one(
    graph: list[tuple[str, str, str]], one: str, other: str
) -> None:
    from posities.core.links import _cycles, circle_with
    from posities.model.records import Relation

    from ..conftest import position_record

    if one == other:
        return

    def register(edges: list[tuple[str, str, str]]) -> list[Any]:
        return [
            position_record(
                id=ident, relations=tuple(Relation(k, b) for a, k, b in edges if a == ident)
            )
            for ident in "abcde"
        ]

    circle = circle_with(register(graph), one, other)
    found = _cycles(register([*graph, (one, "reverses", other)]))
    assert (circle is not None) == bool(found)
    if circle is not None:
        assert circle[0] == circle[-1] == one
        assert circle[1] == other
        ordering = {(a, b) for a, k, b in graph if k != "related"}
        assert all(step in ordering for step in itertools.pairwise(circle[1:]))
