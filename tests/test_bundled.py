"""The bundled register: the five decisions of the letter, each claim backed by a verified quote."""

from __future__ import annotations

import re
from pathlib import Path

from posities.core.checks import check
from posities.core.register import load
from posities.core.verify import verify_quotes
from posities.model.records import Stance

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
    assert [p.message.split(" is not found")[0] for p in problems] == [
        "sources[2].quote",
        "stances[0].sources[1].quote",  # EU's statement quotes the same sentence
    ]


# The letter's own words for what each decision is, and for a stance and a shared goal.
DECISION_WORDS = {
    "paris-agreement": "De Amerikaanse terugtrekking uit het klimaatakkoord",
    "jcpoa": "de eenzijdige opzegging van het JCPOA",
    "jerusalem-embassy": "het besluit om de Amerikaanse ambassade naar Jeruzalem te verplaatsen",
    "steel-aluminium-tariffs": "de instelling van invoerheffingen op aluminium en staal",
    "human-rights-council": "de Amerikaanse terugtrekking uit de Mensenrechtenraad",
}
STANCE_WORDS = "Nederland en andere belangrijke partners kritisch bezien"
GOAL_WORDS = "overeenstemming met de VS over het te bereiken doel"
MEANS_WORDS = "maar niet over de weg ernaartoe"


def _quotes_for(claim: str) -> dict[str, list[str]]:
    """Each bundled position's quotes whose `supports` names `claim`."""
    register = load(BUNDLED, use_cache=False)
    return {
        p.id: [" ".join(s.quote.split()) for s in p.sources if claim in (s.supports or ())]
        for p in register.positions
    }


def test_every_bundled_quote_says_what_it_supports() -> None:
    register = load(BUNDLED, use_cache=False)
    vague = [
        (p.id, index)
        for p in register.positions
        for index, s in enumerate(p.sources)
        if not s.supports
    ]
    assert vague == []


def test_every_stated_field_of_the_bundled_positions_is_backed_by_a_quote() -> None:
    register = load(BUNDLED, use_cache=False)
    unbacked = []
    for p in register.positions:
        stated = ["stance", "summary", "decision"]
        stated += [c for c in ("goal_shared", "means_differ") if getattr(p, c) is not None]
        unbacked += [
            (p.id, c) for c in stated if not any(c in (s.supports or ()) for s in p.sources)
        ]
    assert unbacked == []


def test_a_quote_backs_the_decision_only_where_it_names_that_decision() -> None:
    quotes = _quotes_for("decision")
    wrong = [(i, q) for i, qs in quotes.items() for q in qs if DECISION_WORDS[i] not in q]
    assert wrong == []


def test_every_stance_rests_on_the_sentence_that_says_kritisch_bezien() -> None:
    # "Recent kwam daar ... bij" states a stance only together with that sentence
    quotes = _quotes_for("stance")
    assert [i for i, qs in quotes.items() if not any(STANCE_WORDS in q for q in qs)] == []


def test_a_shared_goal_and_different_means_rest_on_the_letters_words() -> None:
    goal, means = _quotes_for("goal_shared"), _quotes_for("means_differ")
    assert {i: all(GOAL_WORDS in q for q in qs) for i, qs in goal.items() if qs} == {
        "jcpoa": True,
        "human-rights-council": True,
    }
    assert {i: all(MEANS_WORDS in q for q in qs) for i, qs in means.items() if qs} == {
        "jcpoa": True,
        "human-rights-council": True,
    }


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string."""
    return frozenset(text.split())


# "de VS" is singular in the letter ("de VS blijft", "de VS ... heeft genomen"). A plural verb
# after it, in its own clause, or just before it, is flagged; "de VS" after a preposition or
# in "Europa en de VS" / "de VS en Europa" is not a subject on its own and is left alone.
PLURAL_VERBS = _words(
    "zijn hebben worden blijven kunnen zullen willen moeten gaan komen trekken terugtrekken "
    "delen erkennen kondigen aankondigen stellen instellen nemen leggen opleggen voeren "
    "vinden bezien zeggen opzeggen treden verlaten verplaatsen"
)
SINGULAR_VERBS = _words(
    "is heeft wordt blijft kan zal wil moet gaat komt trekt deelt erkent kondigt stelt neemt "
    "legt voert vindt beziet zegt treedt verlaat verplaatst besluit kent"
)
NOT_A_SUBJECT = _words("en met van in uit naar voor door bij aan tussen over op tot")
CLAUSE_END = _words("die dat waarin waarmee maar en om omdat want of")


def plural_with_de_vs(text: str) -> list[str]:
    """The plural verbs that `text` uses with "de VS" as its subject."""
    words = re.findall(r"\w+|[^\w\s]", text)
    found = []
    for at in range(len(words) - 1):
        if words[at].lower() != "de" or words[at + 1] != "VS":
            continue
        before = words[at - 1].lower() if at else ""
        after = words[at + 2].lower() if at + 2 < len(words) else ""
        if before in NOT_A_SUBJECT or after == "en":
            continue
        if before in PLURAL_VERBS:
            found.append(before)
        for index in range(at + 2, len(words)):
            word = words[index].lower()
            if not word.isalpha() or word in CLAUSE_END or word in SINGULAR_VERBS:
                break
            if word in PLURAL_VERBS and words[index - 1].lower() != "te":
                found.append(word)
    return found


def test_the_plural_check_finds_nothing_in_the_letter_itself() -> None:
    letter = (BUNDLED / "texts" / "bondgenoten-in-onzekere-tijden.txt").read_text(encoding="utf-8")
    assert letter.count("de VS") + letter.count("De VS") >= 15
    assert plural_with_de_vs(letter) == []


def test_the_plural_check_flags_a_plural_verb_with_de_vs() -> None:
    assert plural_with_de_vs("De VS trekken zich terug uit de VN-Mensenrechtenraad.") == ["trekken"]
    assert plural_with_de_vs("Trump kondigt aan dat de VS zich terugtrekken.") == ["terugtrekken"]
    assert plural_with_de_vs("dat de VS een aantal stappen hebben genomen") == ["hebben"]
    assert plural_with_de_vs("In 2018 trekken de VS zich terug.") == ["trekken"]
    assert plural_with_de_vs("De VS erkennen Jeruzalem en kondigen de verplaatsing aan.") == [
        "erkennen"
    ]


def test_the_plural_check_leaves_singular_and_coordinated_uses_alone() -> None:
    fine = [
        "De VS trekt zich terug.",
        "Trump kondigt aan dat de VS zich zal terugtrekken.",
        "De VS besluit de ambassade te verplaatsen.",
        "Zo delen Europa en de VS bezorgdheid.",
        "De VS en Europa delen een geschiedenis.",
        "Alleen in samenwerking met de VS kunnen we een antwoord vinden.",
        "de VS een aantal stappen heeft genomen die teleurstellend zijn",
    ]
    assert [plural_with_de_vs(text) for text in fine] == [[] for _ in fine]


def test_the_bundled_dutch_treats_de_vs_as_singular() -> None:
    register = load(BUNDLED, use_cache=False)
    found = {}
    for p in register.positions:
        texts = [p.title.nl, p.decision.description.nl, p.summary.nl]
        texts += [m.description.nl for m in p.decision.milestones]
        found[p.id] = [verb for text in texts for verb in plural_with_de_vs(text)]
    assert found == {i: [] for i in DECISION_WORDS}
