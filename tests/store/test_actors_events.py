"""Entities shared across articles, events with filters, actor listings and profiles."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Article, Entity, Event, Mention, Role
from crosswire.store import EventFilter, Store
from crosswire.store.schema import events
from tests.store.conftest import raw
from tests.store.factory import GERASIMOV, LIU, full_article, make_article

UKRAINE = Entity(id="e-ukr", name="Ukraine", kind="STATE", country="UKR", sector="GOV")
RUSSELL = Entity(id="e-russell", name="Russell Group", kind="ORG", country="GBR", sector="BUS")


def event(event_id: str, type_: str, source: str | None, target: str | None, **more: Any) -> Event:
    """An event whose evidence is the first sentence of a 40-character body."""
    return Event(
        id=event_id, type=type_, sentence="x", start=0, end=1, source=source, target=target, **more
    )


def article(
    body: str, entities: tuple[Entity, ...], events: tuple[Event, ...], **fields: Any
) -> Article:
    """An article naming ``entities``, one mention each at the start, with ``events``."""
    mentions = tuple(Mention(body[:1], "X", 0, 1, entity=e.id) for e in entities)
    return make_article(body, entities=entities, events=events, mentions=mentions, **fields)


@pytest.fixture
def sample(store: Store) -> Store:
    """Three articles: two dated outlets and an undated blog, five events."""
    liu_unsectored = replace(LIU, sector=None)
    store.add(
        article(
            "June article.",
            (GERASIMOV, liu_unsectored),
            (event("e1", "CONSULT", GERASIMOV.id, LIU.id, date="2023-06-19"),),
            outlet="Meridian Wire",
            published="2023-06-20T10:00:00",
            title="june",
            url="https://example.org/june",
        )
    )
    gerasimov_later = replace(
        GERASIMOV, roles=(Role("army general", as_of="2023-07-02"),), aliases=("Gerasimov", "V. G.")
    )
    store.add(
        article(
            "July article.",
            (gerasimov_later, UKRAINE),
            (
                event("e3", "ASSAULT", GERASIMOV.id, UKRAINE.id, modality="reported"),
                event(
                    "e4", "ACCUSE", UKRAINE.id, GERASIMOV.id, date="2023-07-01", modality="hedged"
                ),
            ),
            outlet="Kyiv Post",
            published="2023-07-02",
            title="july",
        )
    )
    store.add(
        article(
            "Undated article.",
            (replace(LIU, sector="MIL"), RUSSELL),
            (event("e5", "COOPERATE", LIU.id, None),),
            outlet="Blog",
            title="undated",
        )
    )
    return store


def ids(store: Store, **filters: Any) -> list[str]:
    """Ids of the events listed with ``filters``, checking that the count agrees."""
    where = EventFilter(**filters)
    found = store.events(where, limit=100)
    assert store.count_events(where) == len(found)
    return [row.event.id for row in found]


def test_an_article_reads_back_its_own_coding_of_a_shared_entity(
    sample: Store, db_url: str
) -> None:
    with raw(db_url) as conn:
        rows = conn.exec_driver_sql("SELECT id, country, sector FROM entities ORDER BY id").all()
        n_aliases = conn.exec_driver_sql(
            "SELECT count(*) FROM entity_aliases WHERE entity_id = 'e-gerasimov'"
        )
        assert n_aliases.fetchone() == (4,)  # two articles, two aliases each: they accumulate
    # One row per entity; Liu's sector, unknown to the first article, came from the third.
    assert rows == [
        ("e-gerasimov", "RUS", "MIL"),
        ("e-liu", "CHN", "MIL"),
        ("e-russell", "GBR", "BUS"),
        ("e-ukr", "UKR", "GOV"),
    ]
    (june,) = [a for a in sample.articles() if a.title == "june"]
    assert june.entities == (GERASIMOV, replace(LIU, sector=None))
    (july,) = [a for a in sample.articles() if a.title == "july"]
    assert july.entities[0].roles == (Role("army general", as_of="2023-07-02"),)


def test_a_stored_entity_keeps_its_first_coding(store: Store) -> None:
    store.add(article("One.", (GERASIMOV,), ()))
    store.add(article("Two.", (replace(GERASIMOV, name="Gen. Gerasimov", country="XXX"),), ()))
    assert store.actor(GERASIMOV.id).entity.country == "RUS"
    assert store.actor(GERASIMOV.id).entity.name == "Valery Gerasimov"


def test_an_entity_listed_twice_in_one_article_stores_nothing(store: Store, db_url: str) -> None:
    bad = article("Twice.", (GERASIMOV, GERASIMOV), ())
    with pytest.raises(StoreError, match="cannot store article"):
        store.add(bad)
    assert not store.has(bad.id)
    with raw(db_url) as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM entities").scalar() == 0


def test_events_newest_first_by_event_date_else_published(sample: Store) -> None:
    # e3 has no date of its own: it sorts by its article's 2023-07-02.
    assert ids(sample) == ["e3", "e4", "e1", "e5"]
    assert [row.event.id for row in sample.events(limit=2, offset=1)] == ["e4", "e1"]


def test_a_stored_event_carries_its_article_and_actors(sample: Store) -> None:
    (first,) = sample.events(EventFilter(type="consult"))
    assert first.event == event("e1", "CONSULT", GERASIMOV.id, LIU.id, date="2023-06-19")
    assert (first.outlet, first.title, first.url) == (
        "Meridian Wire",
        "june",
        "https://example.org/june",
    )
    assert first.published == "2023-06-20T10:00:00" and first.when == "2023-06-19"
    assert first.source == replace(GERASIMOV, roles=(), aliases=())
    assert first.target is not None and first.target.sector == "MIL"  # the shared row
    (last,) = sample.events(EventFilter(type="COOPERATE"))
    assert last.target is None and last.when is None


def test_actor_filter_matches_source_or_target_by_id_name_or_alias(sample: Store) -> None:
    assert ids(sample, actor="gerasimov") == ["e3", "e4", "e1"]
    assert ids(sample, actor="e-liu") == ["e1", "e5"]
    assert ids(sample, actor="russia's TOP general") == ["e3", "e4", "e1"]  # a whole alias
    assert ids(sample, actor="top general") == []  # part of an alias is not enough
    assert ids(sample, actor="nobody") == []


def test_country_type_modality_and_outlet_filters(sample: Store) -> None:
    assert ids(sample, country="ukr") == ["e3", "e4"]
    assert ids(sample, country="CHN") == ["e1", "e5"]
    assert ids(sample, type="assault") == ["e3"]
    assert ids(sample, modality="HEDGED") == ["e4"]
    assert ids(sample, modality="asserted") == ["e1", "e5"]
    assert ids(sample, outlet="kyiv post") == ["e3", "e4"]
    assert ids(sample, country="UKR", modality="reported") == ["e3"]


def test_date_filters_use_the_event_date_then_the_published_date(sample: Store) -> None:
    assert ids(sample, since="2023-07") == ["e3", "e4"]
    assert ids(sample, since="2023-07-02") == ["e3"]
    assert ids(sample, until="2023-06") == ["e1"]
    assert ids(sample, since="2023-06-19", until="2023-07-01") == ["e4", "e1"]
    with pytest.raises(StoreError, match="ISO date"):
        sample.events(EventFilter(until="last week"))
    with pytest.raises(StoreError, match="limit"):
        sample.events(limit=-1)


@pytest.mark.parametrize("needle", ["%", "_", "'; DROP TABLE events;--", "\\"])
def test_filter_text_is_literal(sample: Store, needle: str) -> None:
    assert ids(sample, actor=needle, outlet=needle) == []
    assert ids(sample, actor=needle) == []
    assert sample.actors(text=needle) == []
    assert sample.count_events() == 4


def test_actors_are_listed_most_named_first_with_counts_and_dates(sample: Store) -> None:
    listed = {a.entity.id: a for a in sample.actors()}
    assert [a.entity.id for a in sample.actors()] == [
        "e-liu",
        "e-gerasimov",
        "e-russell",
        "e-ukr",
    ]  # ties: by name
    gerasimov = listed["e-gerasimov"]
    assert (gerasimov.articles, gerasimov.mentions, gerasimov.as_source, gerasimov.as_target) == (
        2,
        2,
        2,
        1,
    )
    assert (gerasimov.first_seen, gerasimov.last_seen) == ("2023-06-20T10:00:00", "2023-07-02")
    liu = listed["e-liu"]
    assert (liu.articles, liu.as_source, liu.as_target) == (2, 1, 1)
    assert liu.first_seen == liu.last_seen == "2023-06-20T10:00:00"  # undated articles don't count
    assert listed["e-russell"].first_seen is None


def test_actor_listing_filters(sample: Store) -> None:
    def names(**filters: Any) -> list[str]:
        return [a.entity.name for a in sample.actors(**filters)]

    assert names(text="RUSSELL") == ["Russell Group"]
    assert names(text="russ") == ["Valery Gerasimov", "Russell Group"]  # alias "Russia's ..."
    assert names(text="top gen") == ["Valery Gerasimov"]  # alias substring
    assert names(country="chn") == ["Liu Zhenli"]
    assert names(sector="mil") == ["Liu Zhenli", "Valery Gerasimov"]
    assert names(kind="state") == ["Ukraine"]
    assert names(limit=1, offset=1) == ["Valery Gerasimov"]


def test_actor_is_found_by_id_name_alias_or_unique_substring(sample: Store) -> None:
    for query in ("e-gerasimov", "VALERY GERASIMOV", "v. g.", "Valery"):
        assert sample.actor(query).entity.id == "e-gerasimov", query
    assert sample.actor("Ukraine").entity.id == "e-ukr"
    with pytest.raises(NotFoundError, match="no actor"):
        sample.actor("Shoigu")
    with pytest.raises(StoreError, match="ambiguous") as ambiguous:
        sample.actor("r")  # in Gerasimov's, Russell's and Ukraine's names
    assert not isinstance(ambiguous.value, NotFoundError)
    assert "Russell Group (e-russell)" in str(ambiguous.value)


def test_actor_profile_over_time(sample: Store) -> None:
    profile = sample.actor("Gerasimov")
    assert profile.entity.aliases == ("Gerasimov", "Russia's top general", "V. G.")
    assert [
        (seen.role.title, seen.article_id == profile.articles[0].article_id)
        for seen in profile.roles
    ] == [
        ("Chief of the General Staff", True),  # as of 2023-06-20
        ("commander", True),  # undated: its article's 2023-06-20T10:00
        ("army general", False),
    ]
    assert profile.entity.roles == tuple(seen.role for seen in profile.roles)
    assert [(a.title, a.mentions) for a in profile.articles] == [("june", 1), ("july", 1)]
    assert [row.event.id for row in profile.as_source] == ["e1", "e3"]
    assert [row.event.id for row in profile.as_target] == ["e4"]
    liu = sample.actor("Liu Zhenli")
    assert [a.title for a in liu.articles] == ["june", "undated"]  # undated last
    assert [row.event.id for row in liu.as_source] == ["e5"]


def test_full_article_round_trips_entities_events_notes_and_mention_links(store: Store) -> None:
    original = full_article()
    store.add(original)
    stored = store.get(original.id)
    assert stored.entities == original.entities and stored.events == original.events
    assert stored.notes == ("a note from a stage",)
    assert [m.entity for m in stored.mentions] == ["e-gerasimov", "e-liu", None]


def test_listed_events_carry_the_sentences_that_tell_them_again(store: Store) -> None:
    original = full_article()
    store.add(original)
    (told_again,) = [e for e in original.events if e.mentions]
    (listed,) = store.events(EventFilter(type="CONSULT"))
    assert listed.event == told_again and len(listed.event.mentions) == 2
    assert all(original.body[m.start : m.end] == m.sentence for m in listed.event.mentions)
    query = select(events.c.mentions).order_by(events.c.position)
    with store.engine.connect() as conn:
        rows = list(conn.scalars(query))
    # JSON in the event's row; NULL for an event told once
    assert [[m["sentence"] for m in row] if row else row for row in rows] == [
        [m.sentence for m in told_again.mentions],
        None,
    ]
