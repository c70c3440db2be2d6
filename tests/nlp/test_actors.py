"""resolve_actors on small hand-built sentences: one mechanism per test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.models import Entity
from crosswire.nlp.actors import Actors, resolve_actors
from crosswire.nlp.kb import KnowledgeBase, load_kb
from crosswire.nlp.ruler import build_nlp

DAY = "2024-03-08"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(Settings())


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(extra="")


@pytest.fixture
def actors(nlp: Language, kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    def run(text: str) -> Actors:
        return resolve_actors(nlp(text), published=DAY, kb=kb)

    return run


def named(result: Actors, name: str) -> Entity:
    matches = [e for e in result.entities if e.name == name or name in e.aliases]
    assert len(matches) == 1, (name, result.entities)
    return matches[0]


def test_surname_and_given_name_order(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Olena Marchenko met Wang Haoran in Geneva. Marchenko later said Wang had agreed."
    )
    marchenko, wang = named(result, "Olena Marchenko"), named(result, "Wang Haoran")
    assert "Marchenko" in marchenko.aliases and "Wang" in wang.aliases
    assert len([e for e in result.entities if e.kind == "PERSON"]) == 2


def test_apposition_gives_alias_country_and_sector(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Sergei Volkov, Belarus's top general, arrived in Minsk on Tuesday.")
    orlov = named(result, "Sergei Volkov")
    assert "Belarus's top general" in orlov.aliases
    assert (orlov.country, orlov.sector) == ("BLR", "MIL")


def test_description_before_a_name_stands_for_it(actors) -> None:  # type: ignore[no-untyped-def]
    text = "Pavel Orlov spoke by phone with his Indian counterpart, Arjun Mehta, on Monday."
    result = actors(text)
    mehta = named(result, "Arjun Mehta")
    assert mehta.country == "IND"
    start = text.index("his Indian counterpart")
    assert result.entity_at(start, start + len("his Indian counterpart")) == mehta


def test_copular_roles_former_and_current(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Arjun Mehta is a former commander of the Indian Navy and is the current Chief of "
        "the Defence Staff."
    )
    roles = {r.title: r for r in named(result, "Arjun Mehta").roles}
    assert roles["commander"].former and roles["commander"].as_of is None
    assert roles["commander"].organisation == "Navy of India"
    assert roles["Chief of the Defence Staff"].as_of == DAY
    assert not roles["Chief of the Defence Staff"].former


def test_apposition_roles_with_organisations(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Kim Sora, a member of the Supreme Defence Council (SDC) and the Director of Planning "
        "at the Joint Operations Bureau, met reporters. The SDC declined to comment."
    )
    roles = {r.title: r.organisation for r in named(result, "Kim Sora").roles}
    assert roles["member"] == "Supreme Defence Council"
    assert roles["Director of Planning"] == "Joint Operations Bureau"
    council = named(result, "Supreme Defence Council")
    assert "SDC" in council.aliases


def test_title_before_the_name(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Polish Defence Minister Tomasz Nowicki visited the base.")
    nowicki = named(result, "Tomasz Nowicki")
    assert nowicki.country == "POL" and nowicki.sector == "MIL"
    assert any(r.title == "Defence Minister" for r in nowicki.roles)


def test_capitals_as_agents_and_as_places(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Ottawa accused Canberra of spying. Protesters gathered in Ottawa on Sunday. "
        "The White House said nothing."
    )
    canada_gov = [e for e in result.entities if (e.country, e.sector) == ("CAN", "GOV")]
    assert len(canada_gov) == 1 and canada_gov[0].kind == "STATE"
    assert any(e.kind == "PLACE" and e.name == "Ottawa" for e in result.entities)
    assert named(result, "Canberra").country == "AUS"
    white_house = [e for e in result.entities if "White House" in (e.name, *e.aliases)]
    assert white_house and (white_house[0].country, white_house[0].sector) == ("USA", "GOV")


def test_generic_body_owned_by_a_country_has_a_stable_id(actors) -> None:  # type: ignore[no-untyped-def]
    first = named(actors("India's Ministry of Defence issued a statement."), "Ministry of Defence")
    second = actors("The Indian Defence Ministry denied the report.")
    again = [e for e in second.entities if e.id == first.id]
    assert again and (first.country, first.sector) == ("IND", "MIL")


def test_also_known_as(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "Both navies joined Eastern/Harmony-2019, also known as the Vostok/Harmony or the "
        "Dongfang/Harmony, near Vladivostok. Eastern/Harmony was judged a success."
    )
    exercise = named(result, "Eastern/Harmony-2019")
    assert {"Vostok/Harmony", "Dongfang/Harmony", "Eastern/Harmony"} <= set(exercise.aliases)


def test_acronym_and_expansion_are_one_entity(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors(
        "The Northern Fleet Command (NFC) moved ships. Later the NFC recalled two of them."
    )
    command = named(result, "Northern Fleet Command")
    assert "NFC" in command.aliases


def test_numbers_and_dates_are_no_actors(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("On 3 March 2024, 40 percent of the 1,200 soldiers left Riga.")
    assert {m.label for m in result.mentions} <= {"GPE", "LOC", "PERSON", "ORG", "NORP"}
    assert not any(e.name.startswith(("3 March", "40", "1,200")) for e in result.entities)


def test_entity_ids_are_stable_across_articles(actors) -> None:  # type: ignore[no-untyped-def]
    one = named(actors("Vladimir Putin spoke."), "Vladimir Putin")
    two = named(actors("Putin said the Kremlin agreed."), "Vladimir Putin")
    unknown_a = named(actors("Zora Quill met the press."), "Zora Quill")
    unknown_b = named(actors("Yesterday Zora Quill left."), "Zora Quill")
    assert one.id == two.id and unknown_a.id == unknown_b.id


def test_every_mention_points_at_an_entity_and_its_text(actors) -> None:  # type: ignore[no-untyped-def]
    text = "Gen. Ivo Brandt, Germany's army chief, met NATO officials in Vilnius."
    result = actors(text)
    ids = {e.id for e in result.entities}
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.entity in ids


def test_empty_and_unlabelled_text(actors) -> None:  # type: ignore[no-untyped-def]
    assert actors("") == Actors()
    assert actors("it rained and then it stopped.").entities == ()


def test_described_actors_and_references_back(actors) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A Japanese naval analyst told reporters the patrol was routine. The analyst said "
        "more would follow. Turkish officials declined to comment."
    )
    result = actors(text)
    analyst = named(result, "Japanese naval analyst")
    assert (analyst.kind, analyst.country, analyst.sector) == ("PERSON", "JPN", "MIL")
    later = text.index("The analyst") + len("The ")
    assert result.entity_at(later, later + len("analyst")) == analyst
    officials = named(result, "Turkish officials")
    assert (officials.kind, officials.country, officials.sector) == ("GROUP", "TUR", "GOV")


def test_region_in_a_company_name_gives_its_country(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("The Sichuan Tengzhong Heavy Industrial Machinery Company built the trucks.")
    company = [e for e in result.entities if e.name.startswith("Sichuan")]
    assert company and (company[0].country, company[0].sector) == ("CHN", "BUS")


def test_news_agencies_and_media_are_outlets_of_a_country(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Talks were held, according to Turkish news agencies. Greek media agreed.")
    agencies = named(result, "Turkish news agencies")
    assert (agencies.kind, agencies.country, agencies.sector) == ("GROUP", "TUR", "MED")
    assert named(result, "Greek media").country == "GRC"


def test_plural_descriptions_are_not_one_persons(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Mara Stein and Tobias Lund, two senior agency officials, resigned on Friday.")
    for name in ("Mara Stein", "Tobias Lund"):
        assert not any("officials" in alias for alias in named(result, name).aliases)


def test_a_state_or_province_before_a_title_gives_the_country(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("On Sunday, West Virginia Senator Joe Manchin spoke to reporters.")
    manchin = named(result, "Joe Manchin")
    assert (manchin.country, manchin.sector) == ("USA", "LEG")
    assert named(result, "West Virginia").country == "USA"


def test_name_next_to_a_role_noun_is_a_person(actors) -> None:  # type: ignore[no-untyped-def]
    # The tagger calls this name a place; the role apposition says it is a person.
    result = actors("Japan's ambassador to Namibia, Kenji Morimoto, said the grant was approved.")
    assert named(result, "Kenji Morimoto").kind == "PERSON"


def test_members_of_a_list_of_regions_are_places(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Storms hit the Tavush, Lori and Shirak provinces on Monday.")
    assert named(result, "Lori").kind == "PLACE"
    assert named(result, "Shirak").kind == "PLACE"


def test_sentence_initial_plural_common_noun_is_no_actor(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Miners' unions have asked the government to extend the deadline.")
    assert not [e for e in result.entities if e.name == "Miners"]


def test_organisation_possessing_the_title_is_the_employer(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Lena Brandt, the NATO's regional adviser in Skopje, said the talks went well.")
    brandt = named(result, "Lena Brandt")
    assert [(r.title, r.organisation) for r in brandt.roles] == [("regional adviser", "NATO")]
    assert brandt.sector == "IGO"  # the title says nothing; the employer does


def test_a_country_possessing_the_title_is_no_employer(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Valery Gerasimov, Russia's top general, said the drills would go on.")
    assert all(r.organisation is None for r in named(result, "Valery Gerasimov").roles)


def test_a_list_the_parser_breaks_up_is_still_read_as_places(actors) -> None:  # type: ignore[no-untyped-def]
    result = actors("Aid reached 9,000 people in the Kolda, Matam Nord and Tambacounda regions.")
    places = [e for e in result.entities if e.kind == "PLACE"]
    assert {"Kolda", "Matam Nord"} <= {e.name for e in places}
    assert not [e for e in result.entities if e.kind in {"PERSON", "ORG"}]


def test_lone_name_after_in_is_a_place_unless_a_known_person(actors) -> None:  # type: ignore[no-untyped-def]
    assert named(actors("The pact was signed in Mindelo on Tuesday."), "Mindelo").kind == "PLACE"
    result = actors("Olena Marchenko spoke on Monday. Critics had little faith in Marchenko.")
    assert "Marchenko" in named(result, "Olena Marchenko").aliases
    assert [e.kind for e in result.entities] == ["PERSON"]
