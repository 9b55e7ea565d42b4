"""Every "did you mean" comes from one helper."""

from __future__ import annotations

from posities.model.records import Decision, Localized, Position, Source, Stance
from posities.model.suggest import closest, did_you_mean, suggest, suggest_ids


def test_close_spellings_first_then_those_containing_the_word() -> None:
    known = ["paris-agreement", "iran-jcpoa", "steel-tariffs", "embassy-jerusalem"]
    assert suggest("paris-agrement", known) == ["paris-agreement"]
    assert suggest("tariffs", known) == ["steel-tariffs"]
    assert suggest("zzz", known) == []
    assert len(suggest("a", known * 3, limit=2)) == 2


def test_closest_prefers_the_same_word_in_other_case() -> None:
    assert closest("Stance", ["stance", "stances"]) == "stance"
    assert closest("stanse", ["stance", "summary"]) == "stance"
    assert closest("qqq", ["stance", "summary"]) is None


def _position(ident: str, title: str, topics: tuple[str, ...]) -> Position:
    source = Source(title="t", kind="letter", quote="q")
    return Position(
        id=ident,
        title=Localized(nl=title, en=title),
        actor="US",
        decision=Decision(date="2017-06-01", description=Localized(nl="d", en="d")),
        topics=topics,
        stance=Stance.CRITICAL,
        goal_shared=None,
        means_differ=None,
        summary=Localized(nl="s", en="s"),
        sources=(source,),
        updated="2024-01-01",
    )


def test_ids_are_suggested_by_spelling_then_topic_or_title() -> None:
    positions = [
        _position("paris-agreement", "Parijs-akkoord", ("climate",)),
        _position("embassy-jerusalem", "Ambassade", ("middle-east",)),
    ]
    assert suggest_ids("paris-agrement", positions) == ["paris-agreement"]
    assert suggest_ids("climate", positions) == ["paris-agreement"]
    assert suggest_ids("ambassade", positions) == ["embassy-jerusalem"]


def test_the_message_tail() -> None:
    assert did_you_mean(["a", "b"]) == "; did you mean a, b?"
    assert did_you_mean(["x y"], quoted=True) == "; did you mean 'x y'?"
    assert did_you_mean([], otherwise=".") == "."
    assert did_you_mean([]) == ""
