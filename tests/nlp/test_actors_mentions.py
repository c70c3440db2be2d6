"""Cleaning the tagger's mentions before resolution (crosswire.nlp.mentions).

Sentences are our own, written to exercise one mechanism each.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.models import Entity
from crosswire.nlp.actors import Actors, resolve_actors
from crosswire.nlp.kb import KnowledgeBase, load_kb
from crosswire.nlp.mentions import actor_spans
from crosswire.nlp.roles import sector_of
from crosswire.nlp.ruler import build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(Settings())


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(extra="")


@pytest.fixture
def actors(nlp: Language, kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    def run(text: str) -> Actors:
        return resolve_actors(nlp(text), published="2025-01-10", kb=kb)

    return run


def names(result: Actors) -> dict[str, Entity]:
    return {e.name: e for e in result.entities}


def test_two_joined_places_are_split(actors) -> None:  # type: ignore[no-untyped-def]
    result = names(
        actors(
            "The ministers agreed a ferry line between the ports of Valletta and Sfax. "
            "Sfax handles most of the cargo."
        )
    )
    assert "Valletta and Sfax" not in result
    assert result["Sfax"].kind == "PLACE"


def test_a_place_tagged_once_is_a_place_everywhere(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Forty pilots will train in Rotterdam next year. "
        "The first group of pilots will travel to Rotterdam in May."
    )
    assert [e.kind for e in result.entities if e.name == "Rotterdam"] == ["PLACE"]


def test_a_person_tagged_org_is_a_person_when_treated_as_one(
    nlp: Language, kb: KnowledgeBase
) -> None:
    from spacy.tokens import Span

    doc = nlp(
        "Consultants were cautious. Tomasz Kowalczyk, who advises shipowners, said the fuel "
        "was too costly. Kowalczyk expects delays."
    )
    start = next(t.i for t in doc if t.text == "Tomasz")
    doc.ents = [Span(doc, start, start + 2, label="ORG")]  # as the tagger often does
    assert [(s.text, s.label_) for s in actor_spans(doc, kb)] == [("Tomasz Kowalczyk", "PERSON")]
    doc = nlp("Kenya Ports Authority said the berth would open in May.")
    doc.ents = [Span(doc, 0, 3, label="ORG")]
    assert [s.label_ for s in actor_spans(doc, kb)] == ["ORG"]


def test_fuzzy_regions_code_no_unrelated_country(actors) -> None:  # type: ignore[no-untyped-def]
    result = names(actors("The drill will take place in the Gulf of Gdansk in early June."))
    gulf = next(e for name, e in result.items() if name.startswith("Gulf of"))
    assert gulf.country is None  # "Gulf" is also a province of Papua New Guinea
    white = actors("The White House Commission on Roads met on Monday.")
    assert all(e.country != "SDN" for e in white.entities)


def test_demonyms_and_bodies(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        '"The seabed still holds mines," said Jan Nowak, a spokesman for the Polish Navy. '
        "Peruvian officials welcomed the decision."
    )
    kinds = {(e.name, e.kind, e.country) for e in result.entities}
    assert ("Navy of Poland", "ORG", "POL") in kinds
    assert not any(e.kind in {"GROUP", "PLACE"} and e.name == "Peruvian" for e in result.entities)


def test_no_junk_mentions(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Covid-19 cases rose in Lima. Ships sail to the eastern Democratic Republic of Congo."
    )
    assert all("Covid" not in e.name for e in result.entities)
    assert ("COD", "STATE") in {(e.country, e.kind) for e in result.entities}
    assert all(e.name[0].isupper() for e in result.entities if e.kind != "GROUP")


def test_named_exercise(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("The exercise, called Silver Tide 2026, will start in June.")
    assert any(e.kind == "EXERCISE" and e.name.startswith("Silver Tide") for e in result.entities)


def test_general_is_a_rank_only_on_its_own() -> None:
    assert sector_of(["secretary", "-", "general", "for", "ports"]) == "GOV"
    assert sector_of(["general", "manager"]) is None
    assert sector_of(["Russia", "'s", "top", "general"]) == "MIL"


def test_us_party_and_state_tag_codes_the_country(actors) -> None:  # type: ignore[no-untyped-def]
    result = names(
        actors(
            "Sen. Tom Quillfeather (D-Mass.) voted against the bill on Monday. Senators "
            "Ann Pellow (R., S.D.) and Rita Vance-Oduya (Utah) were absent. "
            "Karl Huber (Reuters) reported."
        )
    )
    assert result["Tom Quillfeather"].country == "USA"
    assert result["Ann Pellow"].country == "USA"
    assert result["Karl Huber"].country is None


def test_a_body_without_owner_belongs_to_the_state_the_article_is_about(
    actors,  # type: ignore[no-untyped-def]
) -> None:
    result = actors(
        "Canada will raise its defence budget. Canadian officials said the Senate "
        "approved the plan on Monday."
    )
    assert ("CAN", "LEG") in {(e.country, e.sector) for e in result.entities if e.kind == "ORG"}
    alone = actors("The Senate approved the plan on Monday.")
    assert all(e.country is None for e in alone.entities)


def test_an_organisation_named_in_a_longer_name(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "He heads the Joint Staff Department of the Central Military Commission, state media said."
    )
    assert {
        "Central Military Commission",
        "Joint Staff Department of the Central Military Commission",
    } <= {e.name for e in result.entities}


def test_roles_name_a_role_and_an_employer_after_for(actors) -> None:  # type: ignore[no-untyped-def]
    result = names(
        actors(
            '"We are ready," said Anna Wrobel, a spokeswoman for the Polish Navy. '
            "The Supreme Court, on Monday, ruled against him."
        )
    )
    assert result["Anna Wrobel"].country == "POL"
    assert all(r.title != "Monday" for e in result.values() for r in e.roles)


def test_common_words_capitalised_are_no_actors(nlp: Language, kb: KnowledgeBase) -> None:
    from spacy.tokens import Span

    doc = nlp("Vaccine rules expand. The vaccine is now required for nurses, Clerk said.")
    clerk = next(t.i for t in doc if t.text == "Clerk")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, clerk, clerk + 1, label="PERSON")]
    assert actor_spans(doc, kb) == []


def test_places_take_the_country_of_what_follows_them(actors) -> None:  # type: ignore[no-untyped-def]
    result = names(
        actors(
            "Volunteers met in Shanksville, PA, and later in Del Rio, Texas. "
            "New Jersey sent aid. Secretary of State Antony Blinken spoke."
        )
    )
    assert result["New Jersey"].country == "USA"  # not Jersey, by its last word
    assert result["Shanksville"].country == "USA"
    assert "State" not in result


def test_known_organisation_before_a_title_employs_the_person(actors) -> None:  # type: ignore[no-untyped-def]
    result = names(actors("The memo was signed by CDC Director Dr. Mara Quell on Friday."))
    quell = result["Mara Quell"]
    assert quell.country == "USA"
    assert [(r.title, r.organisation) for r in quell.roles] == [
        ("Director", "Centers for Disease Control and Prevention")
    ]
    shoigu = names(actors("Russian Defense Minister Sergei Shoigu said so."))
    assert "Defense" not in shoigu
    assert [r.title for r in shoigu["Sergei Shoigu"].roles] == ["Defense Minister"]
