"""The bundled register: the five decisions of the letter, each claim backed by a verified quote."""

from __future__ import annotations

from pathlib import Path

from posities.checks import check, verify_quotes
from posities.model import Stance
from posities.register import load

from .conftest import BUNDLED

DECISION_DATES = {
    "paris-agreement": "2017-06-01",
    "jcpoa": "2018-05-08",
    "jerusalem-embassy": "2017-12-06",
    "steel-aluminium-tariffs": "2018-03-08",
    "human-rights-council": "2018-06-19",
}


def test_the_bundled_register_passes_check_with_quotes_verified() -> None:
    register = load(BUNDLED, use_cache=False)
    assert check(register) == []
    quoted = [s for p in register.positions for s in p.sources if s.text]
    assert len(quoted) == sum(len(p.sources) for p in register.positions) >= 10


def test_five_decisions_with_their_public_dates() -> None:
    register = load(BUNDLED, use_cache=False)
    assert {p.id: p.decision.date for p in register.positions} == DECISION_DATES
    assert {p.actor for p in register.positions} == {"US"}
    milestones = {p.id: [m.date for m in p.decision.milestones] for p in register.positions}
    assert milestones["jerusalem-embassy"] == ["2018-05-14"]
    assert milestones["steel-aluminium-tariffs"] == ["2018-06-01"]


def test_all_five_are_viewed_critically() -> None:
    assert {p.stance for p in load(BUNDLED, use_cache=False).positions} == {Stance.CRITICAL}


def test_only_iran_and_the_human_rights_council_share_the_goal() -> None:
    register = load(BUNDLED, use_cache=False)
    shared = {p.id: (p.goal_shared, p.means_differ) for p in register.positions}
    assert shared == {
        "jcpoa": (True, True),
        "human-rights-council": (True, True),
        # where the letter is silent the register says unknown, not no
        "paris-agreement": (None, None),
        "jerusalem-embassy": (None, None),
        "steel-aluminium-tariffs": (None, None),
    }


def test_a_changed_quote_fails_verification(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "positions"
    shutil.copytree(BUNDLED, copy)
    path = copy / "jcpoa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("destabiliserende", "stabiliserende"))
    problems = verify_quotes(load(copy, use_cache=False))
    assert len(problems) == 1
    assert "sources[2].quote is not found verbatim" in problems[0].message
